//! One `SharedConfig` for several clients: they share its credentials
//! provider and its transport (its default transports too, one connection
//! pool), and a service's builder started from it overrides what it sets.

mod common;

use common::{Fake, NoSleep, block_on};
use pinpoint_sms_voice_v2::runtime::credentials::ProvideCredentials;
use pinpoint_sms_voice_v2::runtime::os::{Env, Fs};
use pinpoint_sms_voice_v2::{Client, Config, Credentials, RetryConfig, SharedConfig, blocking};
use std::sync::Arc;
use std::time::Duration;

fn same_provider(a: Option<&dyn ProvideCredentials>, b: &Arc<dyn ProvideCredentials>) -> bool {
    a.is_some_and(|a| std::ptr::addr_eq(a as *const dyn ProvideCredentials, Arc::as_ptr(b)))
}

fn key_id(request: &http::Request<Vec<u8>>) -> String {
    let authorization = request.headers()["authorization"].to_str().unwrap();
    let credential = authorization.split("Credential=").nth(1).unwrap();
    credential.split('/').next().unwrap().to_owned()
}

#[test]
fn clients_share_the_provider_and_the_transport() {
    let fake = Fake::fixed(200, r#"{"PhoneNumbers":[]}"#);
    let provider: Arc<dyn ProvideCredentials> = Arc::new(Credentials::from_keys("AKIDSHARED", "secret"));
    let shared = SharedConfig::builder()
        .region("us-east-1")
        .shared_credentials_provider(provider.clone())
        .transport(fake.clone())
        .sleep_impl(NoSleep::default())
        .build()
        .unwrap();
    let first = Client::new(&shared);
    let second = Client::from_conf(Config::builder_from(&shared).build().unwrap());
    for client in [&first, &second] {
        assert!(same_provider(client.config().credentials_provider(), &provider));
        assert!(Arc::ptr_eq(client.config().transport(), shared.transport().unwrap()));
        block_on(client.describe_phone_numbers().send()).unwrap();
    }
    let requests = fake.requests();
    assert_eq!(requests.len(), 2);
    assert!(requests.iter().all(|r| key_id(r) == "AKIDSHARED"));
}

#[test]
fn the_default_transports_are_built_once() {
    let shared = SharedConfig::builder().region("us-east-1").build().unwrap();
    let default = shared.transport().expect("a default transport").clone();
    let a = Config::from_shared(&shared);
    let b = Config::from_shared(&shared);
    assert!(Arc::ptr_eq(a.transport(), &default) && Arc::ptr_eq(b.transport(), &default));
    // The blocking client takes the shared blocking default, also one for all.
    let c = blocking::Client::new(&shared);
    let d = blocking::Client::new(&shared);
    assert!(Arc::ptr_eq(c.config().transport(), d.config().transport()));
    assert!(!Arc::ptr_eq(c.config().transport(), &default));
}

#[test]
fn a_service_builder_overrides_what_the_shared_config_sets() {
    let shared = SharedConfig::builder()
        .region("us-east-1")
        .credentials(Credentials::from_keys("AKIDSHARED", "secret"))
        .retry_config(RetryConfig::standard().with_max_attempts(5))
        .build()
        .unwrap();
    let config = Config::builder_from(&shared)
        .region("eu-west-1")
        .credentials(Credentials::from_keys("AKIDOWN", "secret"))
        .retry_config(RetryConfig::disabled())
        .build()
        .unwrap();
    assert_eq!(config.region(), Some("eu-west-1"));
    assert!(config.endpoint().unwrap().to_string().contains("eu-west-1"), "{:?}", config.endpoint());
    assert!(!same_provider(config.credentials_provider(), shared.credentials_provider().unwrap()));
    assert_eq!(config.retry_config().max_attempts(), 1);
    // Unset here, so taken from the shared config.
    assert_eq!(Config::from_shared(&shared).retry_config().max_attempts(), 5);
    // Other bounds need a transport of their own; the shared one keeps its.
    let bounded = Config::builder_from(&shared).connect_timeout(Duration::from_secs(1)).build().unwrap();
    assert!(!Arc::ptr_eq(bounded.transport(), shared.transport().unwrap()));
    assert_eq!(bounded.transport_limits().connect_timeout(), Duration::from_secs(1));
}

#[test]
fn default_providers_are_read_once_for_every_client() {
    let env = Env::from_vars([
        ("HOME", "/home/me"),
        ("AWS_REGION", "ap-south-1"),
        ("AWS_ACCESS_KEY_ID", "AKIDENV"),
        ("AWS_SECRET_ACCESS_KEY", "secret"),
    ]);
    let shared = SharedConfig::builder()
        .with_default_providers_using(env, Fs::from_files(Vec::<(String, String)>::new()))
        .build()
        .unwrap();
    assert_eq!(shared.region(), Some("ap-south-1"));
    let config = Config::from_shared(&shared);
    assert_eq!(config.region(), Some("ap-south-1"));
    assert!(same_provider(config.credentials_provider(), shared.credentials_provider().unwrap()));
    let found = block_on(shared.credentials_provider().unwrap().provide_credentials()).unwrap();
    assert_eq!(found.access_key_id(), "AKIDENV");
}

#[test]
fn a_bad_shared_setting_fails_its_build() {
    let err = SharedConfig::builder().region("not a region").build().unwrap_err();
    assert!(err.to_string().contains("region"), "{err}");
}
