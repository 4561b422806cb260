//! The blocking client called inside tokio runtimes of both flavours, on
//! the runtime's own thread and in spawned tasks: with its default
//! transport it works; with an async transport, which would wait for the
//! runtime the call blocks, it fails at once and says why. Each call runs
//! on a thread joined with a limit, so a deadlock fails the test.

mod common;

use common::hostile::run_within;
use common::server::{Canned, Server};
use pinpoint_sms_voice_v2::error::SdkError;
use pinpoint_sms_voice_v2::runtime::hyper_transport::{HyperTransport, TokioSleep};
use pinpoint_sms_voice_v2::runtime::retry::RetryConfig;
use pinpoint_sms_voice_v2::{Config, blocking};
use std::time::{Duration, Instant};
use tokio::runtime::{Builder, Runtime};

const HANG: Duration = Duration::from_secs(10);

type Outcome = Result<usize, String>;

fn ok() -> Canned {
    Some((200, serde_json::json!({ "PhoneNumbers": [common::phone_number(1)] }).to_string()))
}

/// One blocking call; the number of phone numbers, or the error.
fn send(client: &blocking::Client) -> Outcome {
    match client.describe_phone_numbers().send() {
        Ok(out) => Ok(out.phone_numbers().len()),
        Err(SdkError::Construction(e)) => Err(e.to_string()),
        Err(other) => panic!("expected success or a refusal before sending, got {other:?}"),
    }
}

fn current_thread() -> Runtime {
    Builder::new_current_thread().enable_all().build().unwrap()
}

fn multi_thread() -> Runtime {
    Builder::new_multi_thread().worker_threads(2).enable_all().build().unwrap()
}

/// Calls inside `runtime.block_on`, or inside a task spawned on it.
fn inside(runtime: fn() -> Runtime, spawned: bool, client: blocking::Client) -> Outcome {
    run_within(HANG, move || {
        let runtime = runtime();
        if spawned {
            runtime.block_on(async move { tokio::spawn(async move { send(&client) }).await.unwrap() })
        } else {
            runtime.block_on(async move { send(&client) })
        }
    })
}

fn default_client(server: &Server) -> blocking::Client {
    blocking::Client::from_conf(Config::builder().anonymous().endpoint_url(server.url()).build().unwrap())
}

fn the_default_transport_works(runtime: fn() -> Runtime, spawned: bool) {
    let server = Server::start(vec![ok()]);
    assert_eq!(inside(runtime, spawned, default_client(&server)), Ok(1));
    assert_eq!(server.finish().len(), 1);
}

#[test]
fn current_thread_runtime_the_default_transport_works() {
    the_default_transport_works(current_thread, false);
}

#[test]
fn current_thread_runtime_spawned_task_the_default_transport_works() {
    the_default_transport_works(current_thread, true);
}

#[test]
fn multi_thread_runtime_the_default_transport_works() {
    the_default_transport_works(multi_thread, false);
}

#[test]
fn multi_thread_runtime_spawned_task_the_default_transport_works() {
    the_default_transport_works(multi_thread, true);
}

fn an_async_transport_is_refused_at_once(runtime: fn() -> Runtime, spawned: bool) {
    let config = Config::builder()
        .anonymous()
        .transport(HyperTransport::new())
        .endpoint_url("http://127.0.0.1:9")
        .retry_config(RetryConfig::disabled())
        .build()
        .unwrap();
    let start = Instant::now();
    let why = inside(runtime, spawned, blocking::Client::from_conf(config)).unwrap_err();
    assert!(why.contains("inside a tokio runtime"), "{why}");
    assert!(start.elapsed() < Duration::from_secs(2), "{:?}", start.elapsed());
}

#[test]
fn current_thread_runtime_an_async_transport_is_refused_at_once() {
    an_async_transport_is_refused_at_once(current_thread, false);
}

#[test]
fn current_thread_runtime_spawned_task_an_async_transport_is_refused_at_once() {
    an_async_transport_is_refused_at_once(current_thread, true);
}

#[test]
fn multi_thread_runtime_an_async_transport_is_refused_at_once() {
    an_async_transport_is_refused_at_once(multi_thread, false);
}

#[test]
fn multi_thread_runtime_spawned_task_an_async_transport_is_refused_at_once() {
    an_async_transport_is_refused_at_once(multi_thread, true);
}

/// Tokio's timer would wait for the runtime the call blocks: the blocking
/// client sleeps its thread instead, so the retry after a 503 happens.
#[test]
fn current_thread_runtime_tokio_sleep_does_not_stall_a_retry() {
    let server = Server::start(vec![Some((503, "{}".to_owned())), ok()]);
    let config = Config::builder()
        .anonymous()
        .endpoint_url(server.url())
        .sleep_impl(TokioSleep)
        .retry_config(RetryConfig::standard().with_initial_backoff(Duration::from_millis(50)))
        .build()
        .unwrap();
    assert_eq!(inside(current_thread, false, blocking::Client::from_conf(config)), Ok(1));
    assert_eq!(server.finish().len(), 2);
}

/// Outside any runtime an async transport is still driven (here hyper,
/// which then reports that it needs tokio, as it always did).
#[test]
fn outside_a_runtime_an_async_transport_is_not_refused() {
    let config = Config::builder()
        .anonymous()
        .transport(HyperTransport::new())
        .endpoint_url("http://127.0.0.1:9")
        .retry_config(RetryConfig::disabled())
        .build()
        .unwrap();
    let err =
        run_within(HANG, move || blocking::Client::from_conf(config).describe_phone_numbers().send().unwrap_err());
    assert!(matches!(&err, SdkError::Transport(e) if e.to_string().contains("needs a tokio runtime")), "{err:?}");
}
