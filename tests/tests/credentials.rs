//! Credentials and region on `Config`, through the public API: set
//! explicitly, filled from the default providers (over fixed variables and
//! files, never the real environment), or left unset for unsigned requests.

mod common;

use common::{Fake, block_on};
use pinpoint_sms_voice_v2::Config;
use pinpoint_sms_voice_v2::runtime::credentials::{Credentials, CredentialsErrorKind, ProvideCredentials};
use pinpoint_sms_voice_v2::runtime::os::{Env, Fs};
use std::sync::Arc;

fn provided(config: &Config) -> Credentials {
    block_on(config.credentials_provider().expect("a provider").provide_credentials()).unwrap()
}

fn home(vars: &[(&'static str, &'static str)]) -> Env {
    Env::from_vars([("HOME", "/home/me")].iter().chain(vars).copied())
}

#[test]
fn without_credentials_a_config_still_builds_and_calls_go_unsigned() {
    let fake = Fake::fixed(200, r#"{"PhoneNumbers":[]}"#);
    let config = Config::builder().transport(fake.clone()).endpoint_url("http://127.0.0.1:1").build().unwrap();
    assert!(config.credentials_provider().is_none());
    assert_eq!(config.region(), None);
    let client = pinpoint_sms_voice_v2::Client::from_conf(config);
    block_on(client.describe_phone_numbers().send()).unwrap();
    assert!(fake.requests()[0].headers().get("authorization").is_none());
}

#[test]
fn static_credentials_and_custom_providers() {
    let creds = Credentials::from_keys("AKID", "SECRET");
    let config = Config::builder()
        .transport(Fake::fixed(200, "{}"))
        .region("us-east-1")
        .credentials(creds.clone())
        .build()
        .unwrap();
    assert_eq!(provided(&config), creds);
    let shared: Arc<dyn ProvideCredentials> = Arc::new(creds.clone());
    let config =
        Config::builder().transport(Fake::fixed(200, "{}")).shared_credentials_provider(shared).build().unwrap();
    assert_eq!(provided(&config), creds);
}

#[test]
fn config_debug_never_shows_secrets() {
    let creds = Credentials::new("AKID", "wJalrXUtnFEMI", Some("SESSIONTOKEN".to_owned()), None);
    let config = Config::builder().transport(Fake::fixed(200, "{}")).credentials(creds).build().unwrap();
    let text = format!("{config:?} {config:#?}");
    assert!(text.contains("AKID") && !text.contains("wJalrXUtnFEMI") && !text.contains("SESSIONTOKEN"), "{text}");
}

#[test]
fn default_providers_fill_region_and_credentials() {
    let env = home(&[("AWS_PROFILE", "dev")]);
    let fs = Fs::from_files([
        ("/home/me/.aws/config", "[profile dev]\nregion = eu-west-1\n"),
        ("/home/me/.aws/credentials", "[dev]\naws_access_key_id = FILEKEY\naws_secret_access_key = S\n"),
    ]);
    let config =
        Config::builder().transport(Fake::fixed(200, "{}")).with_default_providers_using(env, fs).build().unwrap();
    assert_eq!(config.region(), Some("eu-west-1"));
    assert_eq!(config.endpoint().unwrap().to_string(), "https://sms-voice.eu-west-1.amazonaws.com/");
    assert_eq!(provided(&config).access_key_id(), "FILEKEY");
}

#[test]
fn what_you_set_wins_over_defaults_in_any_order() {
    let env = home(&[("AWS_REGION", "us-west-2"), ("AWS_ACCESS_KEY_ID", "ENVKEY"), ("AWS_SECRET_ACCESS_KEY", "S")]);
    let config = Config::builder()
        .transport(Fake::fixed(200, "{}"))
        .with_default_providers_using(env.clone(), Fs::from_files(Vec::<(String, String)>::new()))
        .region("ap-south-1")
        .credentials(Credentials::from_keys("MINE", "S"))
        .build()
        .unwrap();
    assert_eq!(config.region(), Some("ap-south-1"));
    assert_eq!(provided(&config).access_key_id(), "MINE");
    let config = Config::builder()
        .transport(Fake::fixed(200, "{}"))
        .region("ap-south-1")
        .with_default_providers_using(env, Fs::from_files(Vec::<(String, String)>::new()))
        .build()
        .unwrap();
    assert_eq!(config.region(), Some("ap-south-1"));
    assert_eq!(provided(&config).access_key_id(), "ENVKEY");
}

#[test]
fn missing_credentials_surface_when_asked_not_when_built() {
    let config = Config::builder()
        .transport(Fake::fixed(200, "{}"))
        .endpoint_url("http://127.0.0.1:1")
        .with_default_providers_using(home(&[]), Fs::from_files(Vec::<(String, String)>::new()))
        .build()
        .unwrap();
    assert_eq!(config.region(), None);
    let provider = config.credentials_provider().unwrap();
    let err = block_on(provider.provide_credentials()).unwrap_err();
    assert_eq!(err.kind(), CredentialsErrorKind::NotLoaded);
    assert!(err.to_string().starts_with("no credentials found: environment variables:"), "{err}");
}

#[test]
fn an_unknown_profile_fails_the_build_when_the_region_is_needed() {
    let build = |vars: &[(&'static str, &'static str)]| {
        Config::builder()
            .transport(Fake::fixed(200, "{}"))
            .with_default_providers_using(home(vars), Fs::from_files([("/home/me/.aws/config", "[default]\n")]))
            .build()
    };
    let err = build(&[("AWS_PROFILE", "typo")]).unwrap_err().to_string();
    assert!(err.contains("cannot find the default region: profile `typo` (chosen by AWS_PROFILE)"), "{err}");
    // With a region variable the files are still read for the other
    // settings (retries, endpoints, ...), and botocore refuses an unknown
    // profile as soon as it reads one.
    let err = build(&[("AWS_PROFILE", "typo"), ("AWS_DEFAULT_REGION", "us-east-1")]).unwrap_err().to_string();
    assert!(err.contains("cannot read the shared settings: profile `typo` (chosen by AWS_PROFILE)"), "{err}");
}
