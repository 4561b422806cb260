//! Paginators: pages, items, page size, max items with resume tokens, and a
//! service that repeats a token.

mod common;

use common::{Fake, block_on, paging_service, phone_number, response};
use pinpoint_sms_voice_v2::error::{PaginationError, SdkError};
use serde_json::json;

fn ids(items: &[pinpoint_sms_voice_v2::types::PhoneNumberInformation]) -> Vec<String> {
    items.iter().map(|n| n.phone_number_id().unwrap().to_owned()).collect()
}

fn expected(range: std::ops::Range<usize>) -> Vec<String> {
    range.map(|i| format!("phone-{i:04}")).collect()
}

#[test]
fn three_pages() {
    let fake = paging_service(25);
    let pages = block_on(fake.client().describe_phone_numbers().into_paginator().pages().try_collect()).unwrap();
    assert_eq!(pages.len(), 3);
    assert_eq!(pages.iter().map(|p| p.phone_numbers().len()).collect::<Vec<_>>(), [10, 10, 5]);
    let tokens: Vec<_> = fake.bodies().iter().map(|b| b["NextToken"].clone()).collect();
    assert_eq!(tokens, [json!(null), json!("t10"), json!("t20")]);
}

#[test]
fn items_flatten_pages_and_page_size_is_sent() {
    let fake = paging_service(7);
    let items =
        block_on(fake.client().describe_phone_numbers().into_paginator().page_size(3).items().try_collect()).unwrap();
    assert_eq!(ids(&items), expected(0..7));
    assert!(fake.bodies().iter().all(|b| b["MaxResults"] == 3));
    assert_eq!(fake.requests().len(), 3);
}

#[test]
fn nothing_is_sent_until_polled() {
    let fake = paging_service(5);
    let stream = fake.client().describe_phone_numbers().into_paginator().pages();
    assert!(fake.requests().is_empty());
    drop(stream);
    assert!(fake.requests().is_empty());
}

#[test]
fn max_items_cuts_a_page_and_resume_continues_exactly() {
    let fake = paging_service(25);
    let client = fake.client();
    // 13 items: the whole first page and 3 of the second.
    let mut stream = client.describe_phone_numbers().into_paginator().max_items(13).pages();
    let mut first = Vec::new();
    while let Some(page) = block_on(stream.next()) {
        first.extend(ids(page.unwrap().phone_numbers()));
    }
    assert_eq!(first, expected(0..13));
    let token = stream.resume_token().expect("a resume token after a cut page");

    let rest =
        block_on(client.describe_phone_numbers().into_paginator().starting_token(token).items().try_collect()).unwrap();
    assert_eq!(ids(&rest), expected(13..25));
}

#[test]
fn resume_in_steps_visits_every_item_once() {
    let fake = paging_service(23);
    let client = fake.client();
    let mut seen = Vec::new();
    let mut token: Option<String> = None;
    loop {
        let mut paginator = client.describe_phone_numbers().into_paginator().page_size(4).max_items(5);
        if let Some(t) = token.take() {
            paginator = paginator.starting_token(t);
        }
        let mut items = paginator.items();
        while let Some(item) = block_on(items.next()) {
            seen.push(item.unwrap().phone_number_id().unwrap().to_owned());
        }
        match items.resume_token() {
            Some(t) => token = Some(t),
            None => break,
        }
    }
    assert_eq!(seen, expected(0..23));
}

#[test]
fn item_stream_resume_token_mid_page() {
    let fake = paging_service(10);
    let client = fake.client();
    let mut items = client.describe_phone_numbers().into_paginator().page_size(4).items();
    for _ in 0..6 {
        block_on(items.next()).unwrap().unwrap();
    }
    let token = items.resume_token().unwrap();
    let rest = block_on(
        client.describe_phone_numbers().into_paginator().page_size(4).starting_token(token).items().try_collect(),
    )
    .unwrap();
    assert_eq!(ids(&rest), expected(6..10));
}

#[test]
fn a_repeated_token_is_an_error_not_a_loop() {
    let fake =
        Fake::new(|_| response(200, &json!({ "PhoneNumbers": [phone_number(1)], "NextToken": "same" }).to_string()));
    let mut stream = fake.client().describe_phone_numbers().into_paginator().pages();
    assert!(block_on(stream.next()).unwrap().is_ok());
    let err = block_on(stream.next()).unwrap().unwrap_err();
    assert!(matches!(err, SdkError::Pagination(PaginationError::RepeatedToken(ref t)) if t == "same"), "{err:?}");
    assert!(block_on(stream.next()).is_none());
    assert_eq!(fake.requests().len(), 2);
}

#[test]
fn an_invalid_starting_token_is_reported_before_any_request() {
    let fake = paging_service(3);
    let err =
        block_on(fake.client().describe_phone_numbers().into_paginator().starting_token("%%%").pages().try_collect())
            .unwrap_err();
    assert!(matches!(err, SdkError::Pagination(PaginationError::InvalidStartingToken(_))), "{err:?}");
    assert!(fake.requests().is_empty());
}

#[test]
fn errors_end_the_stream() {
    let fake = Fake::fixed(400, r#"{"__type":"ValidationException"}"#);
    let mut stream = fake.client().describe_phone_numbers().into_paginator().pages();
    assert!(matches!(block_on(stream.next()), Some(Err(SdkError::Service(_)))));
    assert!(block_on(stream.next()).is_none());
}

#[test]
fn a_token_set_on_the_input_is_where_pagination_starts() {
    let fake = paging_service(25);
    let items =
        block_on(fake.client().describe_phone_numbers().next_token("t20").into_paginator().items().try_collect())
            .unwrap();
    assert_eq!(ids(&items), expected(20..25));
    assert_eq!(fake.bodies()[0]["NextToken"], "t20");
}

#[test]
fn after_a_failed_page_the_resume_token_points_at_it() {
    use std::sync::atomic::{AtomicUsize, Ordering};
    let calls = std::sync::Arc::new(AtomicUsize::new(0));
    let page = common::paging(25);
    let counter = calls.clone();
    // The second page is throttled on every attempt, so the retries run out.
    let fake = Fake::new(move |request| {
        if (1..=3).contains(&counter.fetch_add(1, Ordering::SeqCst)) {
            return response(400, r#"{"__type":"ThrottlingException"}"#);
        }
        page(request)
    });
    let client = fake.client();
    let mut stream = client.describe_phone_numbers().into_paginator().pages();
    assert!(block_on(stream.next()).unwrap().is_ok());
    let err = block_on(stream.next()).unwrap().unwrap_err();
    assert!(err.as_service_error().unwrap().is_throttling());
    assert!(block_on(stream.next()).is_none(), "the stream ends after an error");
    let token = stream.resume_token().expect("the failed page can be resumed");
    let rest =
        block_on(client.describe_phone_numbers().into_paginator().starting_token(token).items().try_collect()).unwrap();
    assert_eq!(ids(&rest), expected(10..25));
}
