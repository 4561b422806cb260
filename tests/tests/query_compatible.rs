//! SQS is awsQuery-compatible: every request says `x-amzn-query-mode: true`,
//! and an error's code is the `x-amzn-query-error` header's (the awsQuery
//! code botocore reports) while its variant is still found by `__type`.

mod common;

use common::{Fake, block_on};
use sqs::error::{GetQueueUrlError, ProvideErrorMetadata};

const BODY: &str =
    r#"{"__type":"com.amazonaws.sqs#QueueDoesNotExist","message":"The specified queue does not exist."}"#;

fn sqs_client(query_error: Option<&'static str>) -> (Fake, sqs::Client) {
    let fake = Fake::new(move |_| {
        let mut response = http::Response::builder().status(400);
        if let Some(value) = query_error {
            response = response.header("x-amzn-query-error", value);
        }
        response.body(BODY.as_bytes().to_vec()).unwrap()
    });
    let config =
        sqs::Config::builder().anonymous().transport(fake.clone()).endpoint_url("http://127.0.0.1:1").build().unwrap();
    (fake, sqs::Client::from_conf(config))
}

#[test]
fn the_query_error_header_gives_the_code_and_the_type_the_variant() {
    let (fake, client) = sqs_client(Some("AWS.SimpleQueueService.NonExistentQueue;Sender"));
    let err = block_on(client.get_queue_url().queue_name("gone").send()).unwrap_err();
    assert_eq!(err.code(), Some("AWS.SimpleQueueService.NonExistentQueue"));
    assert_eq!(err.message(), Some("The specified queue does not exist."));
    let service_error = err.into_service_error();
    let GetQueueUrlError::QueueDoesNotExist(e) = &service_error else { panic!("{service_error:?}") };
    assert_eq!(e.meta().shape_code(), "QueueDoesNotExist");
    assert_eq!(service_error.code(), Some("AWS.SimpleQueueService.NonExistentQueue"));
    // The service-wide error says the same.
    let any = sqs::Error::from(service_error);
    assert_eq!(any.code(), Some("AWS.SimpleQueueService.NonExistentQueue"));
    assert!(matches!(any, sqs::Error::QueueDoesNotExist(_)), "{any:?}");
    assert_eq!(fake.requests()[0].headers()["x-amzn-query-mode"], "true");
}

#[test]
fn without_the_header_the_code_is_the_json_one() {
    let (_, client) = sqs_client(None);
    let err = block_on(client.get_queue_url().queue_name("gone").send()).unwrap_err();
    assert_eq!(err.code(), Some("QueueDoesNotExist"));
    assert!(err.into_service_error().is_queue_does_not_exist());
    // A header that is not `Code;Fault` is ignored.
    let (_, client) = sqs_client(Some("AWS.SimpleQueueService.NonExistentQueue"));
    let err = block_on(client.get_queue_url().queue_name("gone").send()).unwrap_err();
    assert_eq!(err.code(), Some("QueueDoesNotExist"));
}
