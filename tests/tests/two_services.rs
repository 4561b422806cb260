//! Two generated services in one program: Pinpoint SMS Voice V2 and SQS
//! clients built from one `SharedConfig` share its credentials provider and
//! its transport, and each signs for its own signing name and sends its own
//! `X-Amz-Target` to the loopback server, which checks every signature.

mod common;
mod loopback;

use loopback::{ACCESS_KEY, REGION, SECRET_KEY, Server};
use pinpoint_sms_voice_v2::runtime::credentials::{Credentials, ProvideCredentials};
use pinpoint_sms_voice_v2::runtime::hyper_transport::HyperTransport;
use pinpoint_sms_voice_v2::runtime::transport::Transport;
use pinpoint_sms_voice_v2::{RetryConfig, SharedConfig};
use std::sync::Arc;
use std::time::Duration;

/// The access key and the signing name of the credential scope.
fn key_and_service(authorization: &str) -> (String, String) {
    let credential = authorization.split("Credential=").nth(1).unwrap().split(',').next().unwrap();
    let parts: Vec<&str> = credential.split('/').collect();
    (parts[0].to_owned(), parts[3].to_owned())
}

#[test]
fn one_shared_config_drives_pinpoint_and_sqs() {
    let server = Server::start(3, &[]);
    let provider: Arc<dyn ProvideCredentials> = Arc::new(Credentials::from_keys(ACCESS_KEY, SECRET_KEY));
    let transport: Arc<dyn Transport> = Arc::new(HyperTransport::with_connect_timeout(Duration::from_secs(2)));
    let shared = SharedConfig::builder()
        .region(REGION)
        .shared_credentials_provider(provider.clone())
        .shared_transport(transport.clone())
        .retry_config(RetryConfig::disabled())
        .build()
        .unwrap();
    // The endpoint is per service; everything else comes from `shared`.
    let pinpoint = pinpoint_sms_voice_v2::Client::from_conf(
        pinpoint_sms_voice_v2::Config::builder_from(&shared).endpoint_url(server.url()).build().unwrap(),
    );
    let sqs = sqs::Client::from_conf(sqs::Config::builder_from(&shared).endpoint_url(server.url()).build().unwrap());
    for (config_transport, config_provider) in [
        (pinpoint.config().transport(), pinpoint.config().credentials_provider()),
        (sqs.config().transport(), sqs.config().credentials_provider()),
    ] {
        assert!(Arc::ptr_eq(config_transport, &transport));
        let config_provider = config_provider.expect("the shared provider");
        assert!(std::ptr::addr_eq(config_provider as *const dyn ProvideCredentials, Arc::as_ptr(&provider)));
    }

    let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
    let (numbers, queue) = runtime.block_on(async {
        let limit = Duration::from_secs(30);
        let numbers = tokio::time::timeout(limit, pinpoint.describe_phone_numbers().max_results(2).send()).await;
        let queue = tokio::time::timeout(limit, sqs.get_queue_url().queue_name("orders").send()).await;
        (numbers.expect("in time").expect("DescribePhoneNumbers"), queue.expect("in time").expect("GetQueueUrl"))
    });
    assert_eq!(numbers.phone_numbers().len(), 2);
    assert_eq!(queue.queue_url(), Some("https://sqs.us-east-1.amazonaws.com/123456789012/orders"));

    server.assert_all_signed();
    let seen = server.seen();
    let sent: Vec<(&str, (String, String))> =
        seen.iter().map(|s| (s.target.as_str(), key_and_service(&s.authorization))).collect();
    assert_eq!(
        sent,
        [
            ("PinpointSMSVoiceV2.DescribePhoneNumbers", (ACCESS_KEY.to_owned(), "sms-voice".to_owned())),
            ("AmazonSQS.GetQueueUrl", (ACCESS_KEY.to_owned(), "sqs".to_owned())),
        ]
    );
    assert_eq!(seen[1].body, serde_json::json!({"QueueName": "orders"}));
}
