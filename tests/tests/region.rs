//! Where signed requests go, through the public API: a region that is not a
//! host label, from any source, or an endpoint URL with userinfo, is a
//! configuration error naming where it came from, and the recording
//! transport sees no request; the compiled resolver refuses such values for
//! sans-IO callers too. And no error about a misplaced secret in the shared
//! files shows the secret, whether the config is being built or a request
//! is being made.

mod common;

use common::{Fake, block_on};
use pinpoint_sms_voice_v2::ConfigBuilder;
use pinpoint_sms_voice_v2::endpoint::{Params, resolve};
use pinpoint_sms_voice_v2::runtime::credentials::Credentials;
use pinpoint_sms_voice_v2::runtime::endpoint_rules::AccountIdEndpointMode;
use pinpoint_sms_voice_v2::runtime::network::NetworkSettings;
use pinpoint_sms_voice_v2::runtime::os::{Env, Fs};
use pinpoint_sms_voice_v2::{Client, Config};

const CONFIG: &str = "/home/me/.aws/config";
const CREDENTIALS: &str = "/home/me/.aws/credentials";

/// Regions that each change the endpoint URL or are not a host label.
fn bad_regions() -> Vec<String> {
    let listed = ["evil.com#", "evil.com/", "evil.com?x=", "x@evil.com", "us-east-1/../evil", "a:b", "[::1]"];
    let mut all: Vec<String> = listed.iter().map(|s| (*s).to_owned()).collect();
    all.extend(["x".repeat(70), "-us-east-1".to_owned(), "us-east-1-".to_owned()]);
    all
}

/// Without instance metadata, so that no region is found there.
fn env(vars: &[(&str, &str)]) -> Env {
    Env::from_vars([("HOME", "/home/me"), ("AWS_EC2_METADATA_DISABLED", "true")].iter().chain(vars).copied())
}

fn no_files() -> Fs {
    Fs::from_files(Vec::<(String, String)>::new())
}

/// Builds the config over a recording transport and, if that works, makes a
/// signed call; gives every error's `Display` and `Debug` text and what the
/// transport saw.
fn attempt(configure: impl FnOnce(ConfigBuilder) -> ConfigBuilder) -> (String, Vec<http::Request<Vec<u8>>>) {
    let fake = Fake::fixed(200, r#"{"PhoneNumbers":[]}"#);
    let builder = Config::builder().transport(fake.clone()).credentials(Credentials::from_keys("AKID", "SECRET"));
    let text = match configure(builder).build() {
        Err(e) => format!("{e} | {e:?}"),
        Ok(config) => match block_on(Client::from_conf(config).describe_phone_numbers().send()) {
            Err(e) => {
                let text = format!("{e} | {e:?}");
                format!("{text} | {}", pinpoint_sms_voice_v2::Error::from(e))
            }
            Ok(_) => "sent".to_owned(),
        },
    };
    (text, fake.requests())
}

fn assert_refused(text: &str, requests: &[http::Request<Vec<u8>>], source: &str) {
    let hosts: Vec<String> = requests.iter().map(|r| r.uri().to_string()).collect();
    assert!(requests.is_empty(), "sent to {hosts:?}");
    assert!(text.contains(source) && text.contains("a region must be a host label"), "{text}");
}

#[test]
fn a_region_argument_that_is_not_a_host_label_sends_nothing_and_names_the_argument() {
    for bad in bad_regions().into_iter().chain([String::new()]) {
        let (text, requests) = attempt(|b| b.region(bad.clone()));
        assert_refused(
            &text,
            &requests,
            &format!("invalid region {bad:?} from the argument to `ConfigBuilder::region`"),
        );
    }
}

#[test]
fn a_region_variable_that_is_not_a_host_label_sends_nothing_and_names_the_variable() {
    for bad in bad_regions() {
        for variable in ["AWS_REGION", "AWS_DEFAULT_REGION"] {
            let (text, requests) = attempt(|b| b.with_default_providers_using(env(&[(variable, &bad)]), no_files()));
            assert_refused(
                &text,
                &requests,
                &format!("invalid region {bad:?} from the environment variable {variable}"),
            );
        }
    }
    // An empty variable or profile setting is unset, as every setting read
    // through `Env` is: the next source is used, and with none left the call
    // fails before sending.
    let vars = [("AWS_REGION", ""), ("AWS_DEFAULT_REGION", "eu-west-1")];
    let config =
        Config::builder().transport(Fake::fixed(200, "{}")).with_default_providers_using(env(&vars), no_files());
    assert_eq!(config.build().unwrap().region(), Some("eu-west-1"));
    let fs = || Fs::from_files([(CONFIG, "[default]\nregion =\n")]);
    for vars in [&[("AWS_REGION", "")][..], &[]] {
        let (text, requests) = attempt(|b| b.with_default_providers_using(env(vars), fs()));
        assert!(requests.is_empty() && text.contains("Invalid Configuration: Missing Region"), "{text}");
    }
}

#[test]
fn a_profile_region_that_is_not_a_host_label_sends_nothing_and_names_profile_and_file() {
    for bad in bad_regions() {
        let config = format!("[default]\nregion = us-east-1\n[profile dev]\n\nregion = {bad}\n");
        let fs = Fs::from_files([(CONFIG, config)]);
        let (text, requests) = attempt(|b| b.with_default_providers_using(env(&[("AWS_PROFILE", "dev")]), fs));
        assert_refused(&text, &requests, &format!("from `region` of profile `dev` in {CONFIG} line 5"));
        assert!(!text.contains(&bad), "a value from a shared file is not quoted: {text}");
    }
}

#[test]
fn the_compiled_resolver_refuses_such_regions_for_sans_io_callers() {
    for bad in bad_regions().into_iter().chain([String::new()]) {
        for (fips, dual_stack) in [(false, false), (true, false), (false, true), (true, true)] {
            let mut params = Params::default();
            params.region = Some(bad.clone());
            (params.use_fips, params.use_dual_stack) = (fips, dual_stack);
            let err = resolve(&params).unwrap_err().to_string();
            assert_eq!(
                err,
                format!(
                    "Invalid Configuration: Region {bad:?} is not a valid host label (1 to 63 letters, digits or `-`, not starting or ending with `-`)"
                )
            );
        }
    }
    let mut params = Params::default();
    params.region = Some("us-east-1".to_owned());
    assert_eq!(resolve(&params).unwrap().url(), "https://sms-voice.us-east-1.amazonaws.com");
}

#[test]
fn an_endpoint_url_must_be_absolute_http_without_userinfo() {
    for (url, why) in [
        ("https://x@evil.com", "must not hold a user name or password"),
        ("https://user:pw@example.com/base", "must not hold a user name or password"),
        ("ftp://example.com", "must start with `http://` or `https://`"),
        ("example.com", "must start with `http://` or `https://`"),
        ("https://example.com?x=1", "must not have a query"),
        ("https://example.com/#top", "must not have a query (`?`) or a fragment (`#`)"),
        ("https://a:b", "has a port that is not a number"),
    ] {
        let (text, requests) = attempt(|b| b.endpoint_url(url));
        assert!(requests.is_empty(), "{url}");
        let expected = format!("cannot use the endpoint URL: {url:?} is not a usable endpoint URL: it {why}");
        assert!(text.contains(&expected), "{expected}\nnot in\n{text}");
        // Sans-IO callers get the same answer from the resolver.
        let mut params = Params::default();
        params.endpoint = Some(url.to_owned());
        let err = resolve(&params).unwrap_err().to_string();
        assert!(
            err.starts_with(&format!("Invalid Configuration: Endpoint {url:?} is not a usable endpoint URL")),
            "{err}"
        );
    }
    let (text, requests) = attempt(|b| b.endpoint_url("http://[::1]:8080/base").region("local"));
    assert_eq!(text, "sent");
    assert_eq!(requests[0].uri(), "http://[::1]:8080/base/");
}

/// A fake secret, misplaced in three ways that put it where the reader
/// expects something else.
const SECRET: &str = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYzEXAMPLEKEY";

fn misplaced_secrets() -> [(String, &'static str); 3] {
    [
        (
            format!("[default]\naws_access_key_id = AKID\naws_secret_access_key =\n{SECRET}\n"),
            "line 4: expected `key = value`, `key: value` or `[section]` (after key `aws_secret_access_key` on line 3",
        ),
        (
            format!("[default]\naws_access_key_id = AKID\naws_secret_access_key =\n    {SECRET}\n"),
            "line 4: a line under key `aws_secret_access_key` is not `name = value`",
        ),
        (format!("[default]\naws_access_key_id = AKID\n{SECRET}\n"), "line 3: expected `key = value`"),
    ]
}

fn assert_hidden(text: &str) {
    assert!(!text.contains(SECRET) && !text.contains("wJalrXUtnFEMI"), "{text}");
}

#[test]
fn a_misplaced_secret_is_never_in_a_build_error() {
    for (file, says) in misplaced_secrets() {
        for path in [CONFIG, CREDENTIALS] {
            let fs = Fs::from_files([(path, file.as_str())]);
            let builder =
                Config::builder().transport(Fake::fixed(200, "{}")).with_default_providers_using(env(&[]), fs);
            let err = builder.build().unwrap_err();
            let text = format!("{err} | {err:?} | {err:#?} | {}", pinpoint_sms_voice_v2::Error::from(err.clone()));
            assert_hidden(&text);
            assert!(err.to_string().contains(&format!("cannot find the default region: {path}: {says}")), "{err}");
        }
    }
}

#[test]
fn a_misplaced_secret_is_never_in_a_request_error_and_nothing_is_sent() {
    for (file, says) in misplaced_secrets() {
        let fake = Fake::fixed(200, "{}");
        let fs = Fs::from_files([(CREDENTIALS, file.as_str())]);
        // With the region given, the files are read at build for the other
        // settings, and the build fails without showing the secret.
        let builder = || Config::builder().transport(fake.clone()).region("us-east-1");
        let err = builder().with_default_providers_using(env(&[]), fs.clone()).build().unwrap_err();
        assert_hidden(&format!("{err} | {err:?}"));
        assert!(err.to_string().contains(&format!("cannot read the shared settings: {CREDENTIALS}: {says}")), "{err}");
        // With every setting given in code, they are first read for
        // credentials, at the call.
        let config = builder()
            .endpoint_url("https://sms-voice.us-east-1.amazonaws.com")
            .use_fips(false)
            .use_dual_stack(false)
            .account_id_endpoint_mode(AccountIdEndpointMode::Preferred)
            .retry_config(pinpoint_sms_voice_v2::RetryConfig::standard())
            .sdk_ua_app_id("test")
            .network_settings(NetworkSettings::new())
            .with_default_providers_using(env(&[]), fs)
            .build()
            .unwrap();
        assert_hidden(&format!("{config:?}"));
        let err = block_on(Client::from_conf(config).describe_phone_numbers().send()).unwrap_err();
        let text = format!("{err} | {err:?} | {err:#?}");
        let err = pinpoint_sms_voice_v2::Error::from(err);
        assert_hidden(&format!("{text} | {err} | {err:?}"));
        assert!(text.contains(&format!("{CREDENTIALS}: {says}")), "{text}");
        assert!(fake.requests().is_empty());
    }
}
