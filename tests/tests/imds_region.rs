//! The region from instance metadata, the last default source, against a
//! loopback server that plays IMDS; and the metadata settings read from the
//! profile as well as the variables. Every environment here names its own
//! metadata endpoint or turns metadata off.

mod common;

use common::block_on;
use common::server::{Canned, Server};
use pinpoint_sms_voice_v2::runtime::credentials::DefaultCredentialsChain;
use pinpoint_sms_voice_v2::runtime::imds::ImdsSettings;
use pinpoint_sms_voice_v2::runtime::os::{Env, Fs};
use pinpoint_sms_voice_v2::{Config, SharedConfig};
use std::time::Duration;

const CONFIG: &str = "/aws/config";

fn answer(status: u16, body: &str) -> Canned {
    Some((status, body.to_owned()))
}

fn shared(vars: &[(&str, &str)], config: &str) -> Result<SharedConfig, String> {
    let env = Env::from_vars([("AWS_CONFIG_FILE", CONFIG)].iter().chain(vars).copied());
    let fs = Fs::from_files([(CONFIG, config)]);
    SharedConfig::builder().anonymous().with_default_providers_using(env, fs).build().map_err(|e| e.to_string())
}

#[test]
fn the_region_comes_from_instance_metadata_when_nothing_else_names_one() {
    let server = Server::start(vec![answer(200, "tok-1"), answer(200, "eu-central-2")]);
    let url = server.url();
    let shared = shared(&[("AWS_EC2_METADATA_SERVICE_ENDPOINT", &url)], "").unwrap();
    assert_eq!(shared.region(), Some("eu-central-2"));
    let seen = server.finish();
    assert_eq!(seen[0].request_line, "PUT /latest/api/token HTTP/1.1");
    assert_eq!(seen[1].request_line, "GET /latest/meta-data/placement/region HTTP/1.1");
    assert_eq!(seen[1].header("x-aws-ec2-metadata-token"), Some("tok-1"));
    // A service config built from it has that region.
    let config = Config::builder_from(&shared).build().unwrap();
    assert_eq!(config.region(), Some("eu-central-2"));
}

#[test]
fn variables_and_the_profile_come_first_and_metadata_can_be_off() {
    // A listener that is never accepted from: a connection would wait there.
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    listener.set_nonblocking(true).unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    let vars = [("AWS_EC2_METADATA_SERVICE_ENDPOINT", url.as_str()), ("AWS_REGION", "us-west-2")];
    assert_eq!(shared(&vars, "").unwrap().region(), Some("us-west-2"));
    let profile = "[default]\nregion = ap-south-1\n";
    assert_eq!(shared(&vars[..1], profile).unwrap().region(), Some("ap-south-1"));
    let off = [vars[0], ("AWS_EC2_METADATA_DISABLED", "true")];
    assert_eq!(shared(&off, "").unwrap().region(), None);
    let asked = listener.accept();
    assert!(asked.as_ref().is_err_and(|e| e.kind() == std::io::ErrorKind::WouldBlock), "{asked:?}");
}

#[test]
fn no_answer_means_no_region_and_a_bad_one_is_refused() {
    let closed = common::server::closed_port();
    let vars = [("AWS_EC2_METADATA_SERVICE_ENDPOINT", format!("http://{closed}"))];
    let vars: Vec<(&str, &str)> = vars.iter().map(|(n, v)| (*n, v.as_str())).collect();
    assert_eq!(shared(&vars, "").unwrap().region(), None);
    let server = Server::start(vec![answer(200, "tok"), answer(200, "evil.com/")]);
    let url = server.url();
    let err = shared(&[("AWS_EC2_METADATA_SERVICE_ENDPOINT", &url)], "").unwrap_err();
    assert!(err.contains("from the instance metadata service: a region must be a host label"), "{err}");
    server.finish();
}

#[test]
fn the_profile_names_the_endpoint_and_the_attempts() {
    // An IMDSv1-only instance (the token request answered 403), then a
    // failing first try of the region, which the second attempt gets.
    let server = Server::start(vec![answer(403, ""), answer(503, ""), answer(200, "sa-east-1")]);
    let config = format!(
        "[default]\nec2_metadata_service_endpoint = {}/\nmetadata_service_num_attempts = 2\n\
         metadata_service_timeout = 2.5\n",
        server.url()
    );
    assert_eq!(shared(&[], &config).unwrap().region(), Some("sa-east-1"));
    let seen = server.finish();
    assert_eq!(seen[2].header("x-aws-ec2-metadata-token"), None);

    let env = Env::from_vars([("AWS_CONFIG_FILE", CONFIG), ("AWS_METADATA_SERVICE_NUM_ATTEMPTS", "3")]);
    let settings = ImdsSettings::load(&env, &Fs::from_files([(CONFIG, config.as_str())])).unwrap();
    assert_eq!((settings.attempts(), settings.timeout()), (3, Duration::from_millis(2500)));
    let mode = "[default]\nec2_metadata_service_endpoint_mode = IPv6\n";
    let settings = ImdsSettings::load(&env, &Fs::from_files([(CONFIG, mode)])).unwrap();
    assert_eq!(settings.endpoint(), "http://[fd00:ec2::254]");
}

#[test]
fn unusable_metadata_settings_are_errors_naming_where_they_are() {
    let bad = |vars: &[(&str, &str)], config: &str| {
        let env = Env::from_vars([("AWS_CONFIG_FILE", CONFIG)].iter().chain(vars).copied());
        ImdsSettings::load(&env, &Fs::from_files([(CONFIG, config)])).unwrap_err()
    };
    let err = bad(&[("AWS_METADATA_SERVICE_NUM_ATTEMPTS", "0")], "");
    assert!(err.contains("AWS_METADATA_SERVICE_NUM_ATTEMPTS") && err.contains("at least 1"), "{err}");
    let err = bad(&[], "[default]\nmetadata_service_timeout = soon\n");
    assert!(err.contains("`metadata_service_timeout` in /aws/config line 2"), "{err}");
    let err = bad(&[], "[default]\nec2_metadata_service_endpoint_mode = IPv5\n");
    assert!(err.contains("ec2_metadata_service_endpoint_mode") && err.contains("IPv4 or IPv6"), "{err}");
    // The build reports them too, as the region's.
    let err = shared(&[("AWS_METADATA_SERVICE_TIMEOUT", "-1")], "").unwrap_err();
    assert!(err.contains("instance metadata") && err.contains("AWS_METADATA_SERVICE_TIMEOUT"), "{err}");
}

#[test]
fn the_credentials_chain_reads_the_profile_endpoint_too() {
    let credentials =
        r#"{"AccessKeyId": "ROLEKEY", "SecretAccessKey": "S", "Token": "T", "Expiration": "2099-01-01T00:00:00Z"}"#;
    let server = Server::start(vec![answer(200, "tok"), answer(200, "role"), answer(200, credentials)]);
    let config = format!("[default]\nec2_metadata_service_endpoint = {}\n", server.url());
    let env = Env::from_vars([("HOME", "/home/me"), ("AWS_CONFIG_FILE", CONFIG)]);
    let chain = DefaultCredentialsChain::with_env_and_fs(env, Fs::from_files([(CONFIG, config.as_str())]));
    assert_eq!(block_on(chain.load()).unwrap().access_key_id(), "ROLEKEY");
    assert_eq!(server.finish().len(), 3);
}
