use crate::endpoint_rules::AccountIdEndpointMode;
use crate::error::TransportError;
use crate::os::{Env, Fs};
use crate::retry::{RetryConfig, RetryMode};
use crate::test_service::Config;
use crate::transport::{BoxFuture, Transport};

/// Never called: these tests only build configurations.
#[derive(Debug)]
struct Unused;

impl Unused {
    fn new() -> Self {
        Unused
    }
}

impl Transport for Unused {
    fn send(&self, _: http::Request<Vec<u8>>) -> BoxFuture<'_, Result<http::Response<Vec<u8>>, TransportError>> {
        unreachable!("nothing is sent")
    }
}

const CONFIG: &str = "/home/me/.aws/config";

/// A config built with default providers over these variables and this
/// config file (a fixed region, so nothing else is needed).
fn build(vars: &[(&str, &str)], config_file: &str) -> Result<Config, String> {
    let env = Env::from_vars([("HOME", "/home/me"), ("AWS_REGION", "us-east-1")].iter().chain(vars).copied());
    let fs = Fs::from_files([(CONFIG, config_file)]);
    Config::builder().transport(Unused::new()).with_default_providers_using(env, fs).build().map_err(|e| e.to_string())
}

fn endpoint(vars: &[(&str, &str)], config_file: &str) -> String {
    build(vars, config_file).unwrap().endpoint().unwrap().to_string()
}

const SERVICES: &str = "[default]\nendpoint_url = https://global.example\nservices = local\n\
                        [services local]\ntest_service =\n  endpoint_url = https://service.example\n";

#[test]
fn endpoint_urls_come_from_the_service_variable_then_profile_then_global_ones() {
    assert_eq!(endpoint(&[], ""), "https://test.us-east-1.amazonaws.com/");
    assert_eq!(endpoint(&[], "[default]\nendpoint_url = https://global.example\n"), "https://global.example/");
    assert_eq!(endpoint(&[], SERVICES), "https://service.example/");
    let global = [("AWS_ENDPOINT_URL", "https://env-global.example")];
    assert_eq!(endpoint(&global, SERVICES), "https://service.example/");
    assert_eq!(endpoint(&global, "[default]\nendpoint_url = https://global.example\n"), "https://env-global.example/");
    let service = [("AWS_ENDPOINT_URL_TEST_SERVICE", "https://env-service.example"), global[0]];
    assert_eq!(endpoint(&service, SERVICES), "https://env-service.example/");
}

#[test]
fn configured_endpoint_urls_can_be_ignored_and_code_wins() {
    let vars = [("AWS_ENDPOINT_URL", "https://env-global.example"), ("AWS_IGNORE_CONFIGURED_ENDPOINT_URLS", "true")];
    assert_eq!(endpoint(&vars, SERVICES), "https://test.us-east-1.amazonaws.com/");
    let ignore = "[default]\nendpoint_url = https://global.example\nignore_configured_endpoint_urls = TRUE\n";
    assert_eq!(endpoint(&[], ignore), "https://test.us-east-1.amazonaws.com/");
    let env = Env::from_vars([("AWS_REGION", "us-east-1"), ("AWS_ENDPOINT_URL", "https://env.example")]);
    let config = Config::builder()
        .transport(Unused::new())
        .endpoint_url("https://code.example")
        .with_default_providers_using(env, Fs::from_files(Vec::<(String, String)>::new()))
        .build()
        .unwrap();
    assert_eq!(config.endpoint().unwrap().to_string(), "https://code.example/");
}

#[test]
fn a_services_section_that_is_missing_is_an_error() {
    let err = build(&[], "[default]\nservices = nowhere\n").unwrap_err();
    assert!(err.contains("services section `nowhere`"), "{err}");
}

#[test]
fn retry_settings_come_from_variables_then_the_profile() {
    assert_eq!(build(&[], "").unwrap().retry_config().max_attempts(), 3);
    assert_eq!(build(&[("AWS_MAX_ATTEMPTS", "7")], "").unwrap().retry_config().max_attempts(), 7);
    assert_eq!(build(&[], "[default]\nmax_attempts = 5\n").unwrap().retry_config().max_attempts(), 5);
    let both = build(&[("AWS_MAX_ATTEMPTS", "2")], "[default]\nmax_attempts = 5\n").unwrap();
    assert_eq!(both.retry_config().max_attempts(), 2);
    for (mode, expected) in [("standard", RetryMode::Standard), ("adaptive", RetryMode::Adaptive)] {
        let retry = build(&[("AWS_RETRY_MODE", mode)], "").unwrap().retry_config().clone();
        assert_eq!((retry.mode(), retry.max_attempts()), (expected, 3));
    }
    let adaptive = build(&[("AWS_MAX_ATTEMPTS", "6")], "[default]\nretry_mode = adaptive\n").unwrap();
    assert_eq!(adaptive.retry_config(), &RetryConfig::adaptive().with_max_attempts(6));
    let err = build(&[], "[default]\nretry_mode = legacy\n").unwrap_err();
    assert_eq!(
        err,
        "invalid value for `retry_mode` in /home/me/.aws/config line 2: the legacy retry mode is not supported \
         (use standard or adaptive)"
    );
    let err = build(&[("AWS_MAX_ATTEMPTS", "0")], "").unwrap_err();
    assert!(err.starts_with("invalid value \"0\" for the environment variable AWS_MAX_ATTEMPTS"), "{err}");
    let err = build(&[], "[default]\n\nmax_attempts = many\n").unwrap_err();
    assert!(err.contains("`max_attempts` in /home/me/.aws/config line 3") && !err.contains("many"), "{err}");
}

#[test]
fn fips_dual_stack_and_account_id_mode_come_from_variables_then_the_profile() {
    let config = build(&[], "").unwrap();
    assert!(!config.use_fips() && !config.use_dual_stack());
    assert_eq!(config.account_id_endpoint_mode(), AccountIdEndpointMode::Preferred);
    let vars = [
        ("AWS_USE_FIPS_ENDPOINT", "true"),
        ("AWS_USE_DUALSTACK_ENDPOINT", "True"),
        ("AWS_ACCOUNT_ID_ENDPOINT_MODE", "required"),
    ];
    let config = build(&vars, "").unwrap();
    assert!(config.use_fips() && config.use_dual_stack());
    assert_eq!(config.account_id_endpoint_mode(), AccountIdEndpointMode::Required);
    let file =
        "[default]\nuse_fips_endpoint = true\nuse_dualstack_endpoint = true\naccount_id_endpoint_mode = disabled\n";
    let config = build(&[], file).unwrap();
    assert!(config.use_fips() && config.use_dual_stack());
    assert_eq!(config.account_id_endpoint_mode(), AccountIdEndpointMode::Disabled);
    let config = build(&[("AWS_USE_FIPS_ENDPOINT", "false")], file).unwrap();
    assert!(!config.use_fips());
    let err = build(&[("AWS_USE_FIPS_ENDPOINT", "yes")], "").unwrap_err();
    assert!(err.contains("AWS_USE_FIPS_ENDPOINT: expected true or false"), "{err}");
    let err = build(&[], "[default]\naccount_id_endpoint_mode = sometimes\n").unwrap_err();
    assert!(err.contains("`account_id_endpoint_mode` in /home/me/.aws/config line 2"), "{err}");
}

#[test]
fn the_app_id_comes_from_the_variable_then_the_profile() {
    let user_agent = |config: &Config| config.user_agent.x_amz_user_agent.to_str().unwrap().to_owned();
    assert!(!user_agent(&build(&[], "").unwrap()).contains("app/"));
    assert!(user_agent(&build(&[("AWS_SDK_UA_APP_ID", "env-app")], "").unwrap()).ends_with(" app/env-app"));
    assert!(user_agent(&build(&[], "[default]\nsdk_ua_app_id = file-app\n").unwrap()).ends_with(" app/file-app"));
    let err = build(&[("AWS_SDK_UA_APP_ID", "two words")], "").unwrap_err();
    assert!(err.contains("AWS_SDK_UA_APP_ID"), "{err}");
}

#[test]
fn a_shared_config_passes_its_settings_and_each_service_endpoint_on() {
    let env = Env::from_vars([
        ("AWS_REGION", "us-east-1"),
        ("AWS_MAX_ATTEMPTS", "4"),
        ("AWS_ENDPOINT_URL_TEST_SERVICE", "https://env-service.example"),
    ]);
    let shared = crate::SharedConfig::builder()
        .transport(Unused::new())
        .with_default_providers_using(env, Fs::from_files(Vec::<(String, String)>::new()))
        .build()
        .unwrap();
    let config = Config::from_shared(&shared);
    assert_eq!(config.retry_config().max_attempts(), 4);
    assert_eq!(config.endpoint().unwrap().to_string(), "https://env-service.example/");
}

/// The proxy a shared config's default transports use for `uri`.
fn proxy(vars: &[(&str, &str)], uri: &str) -> Result<Option<String>, String> {
    let env = Env::from_vars([("AWS_REGION", "us-east-1")].iter().chain(vars).copied());
    let shared = crate::shared::SharedConfig::builder()
        .transport(Unused::new())
        .with_default_providers_using(env, Fs::from_files::<&str, &str>([]))
        .build()
        .map_err(|e| e.to_string())?;
    Ok(shared.network_settings().proxy_for(&uri.parse().unwrap()).map(|p| p.uri().to_string()))
}

#[test]
fn proxy_variables_are_read_as_urllib_reads_them() {
    let both = [("https_proxy", "lower:1"), ("HTTPS_PROXY", "http://upper:2")];
    assert_eq!(proxy(&both, "https://sqs.example").unwrap().as_deref(), Some("http://lower:1/"));
    assert_eq!(proxy(&both[1..], "https://sqs.example").unwrap().as_deref(), Some("http://upper:2/"));
    assert_eq!(proxy(&both, "http://sqs.example").unwrap(), None);
    let http = [("HTTP_PROXY", "http://upper:3")];
    assert_eq!(proxy(&http, "http://h").unwrap().as_deref(), Some("http://upper:3/"));
    // A CGI request's `Proxy:` header arrives as HTTP_PROXY: not trusted.
    let cgi = [http[0], ("REQUEST_METHOD", "GET")];
    assert_eq!(proxy(&cgi, "http://h").unwrap(), None);
    let no = [both[0], ("NO_PROXY", "sqs.example"), ("no_proxy", "other.example")];
    assert_eq!(proxy(&no, "https://sqs.example").unwrap().as_deref(), Some("http://lower:1/"));
    assert_eq!(proxy(&no, "https://a.other.example").unwrap(), None);
    let err = proxy(&[("HTTPS_PROXY", "socks5://p:1")], "https://h").unwrap_err();
    assert!(err.contains("HTTPS_PROXY") && err.contains("only http://"), "{err}");
}

#[test]
fn network_settings_set_in_code_replace_the_variables() {
    let env = Env::from_vars([("AWS_REGION", "us-east-1"), ("HTTPS_PROXY", "p:1"), ("AWS_CA_BUNDLE", "/missing.pem")]);
    let shared = crate::shared::SharedConfig::builder()
        .transport(Unused::new())
        .with_default_providers_using(env, Fs::from_files::<&str, &str>([]))
        .network_settings(crate::network::NetworkSettings::new())
        .build()
        .unwrap();
    assert_eq!(shared.network_settings(), &crate::network::NetworkSettings::new());
}
