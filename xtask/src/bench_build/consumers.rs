//! The consumer crates `cargo xtask bench-build` builds: each a manifest and
//! a `main.rs` that calls DescribePhoneNumbers, so the client code is really
//! compiled, as an application would use it.

use std::path::Path;

/// aws-config for the `sdk-config` consumer: the newest release when this
/// was pinned, like the SDK's pin in `xtask/bench/Cargo.toml`.
pub const AWS_CONFIG: &str = "1.13.0";

/// The consumer that adds a second service to `blocking`.
pub const SECOND: &str = "second";
/// The consumer every CPU time is compared with.
pub const SDK: &str = "sdk";

/// What the second service is, for the output.
pub const SECOND_SERVICE: &str = "the committed SQS crate (generated/sqs) with one operation \
    (GetQueueUrl), blocking, both clients from one SharedConfig: it shares the \
    `lean-aws-runtime` crate with the first, so only its own code is built again";

pub struct Consumer {
    pub name: &'static str,
    pub what: &'static str,
    dependencies: String,
    main: &'static str,
}

impl Consumer {
    pub fn manifest(&self) -> String {
        format!(
            "[package]\nname = \"consumer-{}\"\nversion = \"0.0.0\"\nedition = \"2024\"\npublish = false\n\n\
             [workspace]\n\n[dependencies]\n{}",
            self.name, self.dependencies
        )
    }

    pub fn main_rs(&self) -> &'static str {
        self.main
    }
}

/// Every consumer, in the order they are built and shown. `ours` is the
/// generated crate's folder, `second` the second service's, `sdk` the exact
/// version of aws-sdk-pinpointsmsvoicev2.
pub fn all(ours: &Path, second: &Path, sdk: &str) -> Vec<Consumer> {
    let ours = ours.display();
    let tokio = "tokio = { version = \"1\", features = [\"macros\", \"rt-multi-thread\"] }\n";
    let ours_with = |features: &str| {
        format!("pinpoint-sms-voice-v2 = {{ path = \"{ours}\", default-features = false, features = [{features}] }}\n")
    };
    let sdk_dep = format!("aws-sdk-pinpointsmsvoicev2 = \"={sdk}\"\n");
    vec![
        Consumer {
            name: "own",
            what: "ours: describe-phone-numbers, own transport",
            dependencies: ours_with("\"describe-phone-numbers\"") + "http = \"1\"\n",
            main: OWN,
        },
        Consumer {
            name: "blocking",
            what: "ours: describe-phone-numbers, blocking",
            dependencies: ours_with("\"describe-phone-numbers\", \"blocking\""),
            main: BLOCKING,
        },
        Consumer {
            name: "async",
            what: "ours: describe-phone-numbers, hyper + tokio",
            dependencies: ours_with("\"describe-phone-numbers\", \"default-https-client\"") + tokio,
            main: ASYNC,
        },
        Consumer {
            name: "all",
            what: "ours: all operations, hyper + tokio",
            dependencies: format!("pinpoint-sms-voice-v2 = {{ path = \"{ours}\" }}\n{tokio}"),
            main: ASYNC,
        },
        Consumer {
            name: SECOND,
            what: "ours: blocking + a second service",
            dependencies: ours_with("\"describe-phone-numbers\", \"blocking\"")
                + &format!(
                    "sqs = {{ path = \"{}\", default-features = false, features = [\"get-queue-url\", \"blocking\"] }}\n",
                    second.display()
                ),
            main: WITH_SECOND,
        },
        Consumer {
            name: SDK,
            what: "official: default features + tokio",
            dependencies: sdk_dep.clone() + tokio,
            main: SDK_MAIN,
        },
        Consumer {
            name: "sdk-config",
            what: "official + aws-config",
            dependencies: format!("{sdk_dep}aws-config = \"={AWS_CONFIG}\"\n{tokio}"),
            main: SDK_CONFIG_MAIN,
        },
    ]
}

const OWN: &str = r##"use pinpoint_sms_voice_v2::error::TransportError;
use pinpoint_sms_voice_v2::runtime::transport::{BoxFuture, Transport};
use pinpoint_sms_voice_v2::{Client, Config, Credentials};

/// The application's own HTTP stack would go here.
#[derive(Debug)]
struct Canned;

impl Transport for Canned {
    fn send(&self, _: http::Request<Vec<u8>>) -> BoxFuture<'_, Result<http::Response<Vec<u8>>, TransportError>> {
        Box::pin(async { Ok(http::Response::new(br#"{"PhoneNumbers":[]}"#.to_vec())) })
    }
}

fn main() {
    let keys = Credentials::from_keys("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY");
    let config = Config::builder().transport(Canned).region("us-east-1").credentials(keys).build().expect("a config");
    let client = Client::from_conf(config);
    let call = client.describe_phone_numbers().max_results(10).send();
    match pinpoint_sms_voice_v2::runtime::sleep::block_on(call) {
        Ok(out) => println!("{} numbers", out.phone_numbers().len()),
        Err(e) => eprintln!("{e}"),
    }
}
"##;

const BLOCKING: &str = r#"fn main() {
    let config = pinpoint_sms_voice_v2::Config::builder().with_default_providers().build().expect("a config");
    let client = pinpoint_sms_voice_v2::blocking::Client::from_conf(config);
    match client.describe_phone_numbers().max_results(10).send() {
        Ok(out) => println!("{} numbers", out.phone_numbers().len()),
        Err(e) => eprintln!("{e}"),
    }
}
"#;

const ASYNC: &str = r#"#[tokio::main]
async fn main() {
    let config = pinpoint_sms_voice_v2::Config::builder().with_default_providers().build().expect("a config");
    let client = pinpoint_sms_voice_v2::Client::from_conf(config);
    match client.describe_phone_numbers().max_results(10).send().await {
        Ok(out) => println!("{} numbers", out.phone_numbers().len()),
        Err(e) => eprintln!("{e}"),
    }
}
"#;

const WITH_SECOND: &str = r#"fn main() {
    let shared = pinpoint_sms_voice_v2::SharedConfig::load_defaults().expect("a shared config");
    let client = pinpoint_sms_voice_v2::blocking::Client::new(&shared);
    match client.describe_phone_numbers().max_results(10).send() {
        Ok(out) => println!("{} numbers", out.phone_numbers().len()),
        Err(e) => eprintln!("{e}"),
    }
    let sqs = sqs::blocking::Client::new(&shared);
    match sqs.get_queue_url().queue_name("orders").send() {
        Ok(out) => println!("queue {:?}", out.queue_url()),
        Err(e) => eprintln!("{e}"),
    }
}
"#;

const SDK_MAIN: &str = r#"use aws_sdk_pinpointsmsvoicev2::config::{BehaviorVersion, Region};

#[tokio::main]
async fn main() {
    let config = aws_sdk_pinpointsmsvoicev2::Config::builder()
        .behavior_version(BehaviorVersion::latest())
        .region(Region::new("us-east-1"))
        .build();
    let client = aws_sdk_pinpointsmsvoicev2::Client::from_conf(config);
    match client.describe_phone_numbers().max_results(10).send().await {
        Ok(out) => println!("{} numbers", out.phone_numbers().len()),
        Err(e) => eprintln!("{e}"),
    }
}
"#;

const SDK_CONFIG_MAIN: &str = r#"#[tokio::main]
async fn main() {
    let config = aws_config::load_defaults(aws_config::BehaviorVersion::latest()).await;
    let client = aws_sdk_pinpointsmsvoicev2::Client::new(&config);
    match client.describe_phone_numbers().max_results(10).send().await {
        Ok(out) => println!("{} numbers", out.phone_numbers().len()),
        Err(e) => eprintln!("{e}"),
    }
}
"#;
