//! The command-line split against Python's `shlex.split`, and real child
//! processes (`/bin/echo`, `/bin/ls`; no shell) for what a program prints.

use super::*;
use crate::credentials::{CredentialsErrorKind, DefaultCredentialsChain};
use crate::os::{Env, Fs};
use std::time::{Duration, SystemTime};

#[test]
fn command_lines_split_as_shlex_does() {
    let split = |line: &str| split_command_line(line).unwrap();
    assert_eq!(split("  /bin/creds  --profile dev "), ["/bin/creds", "--profile", "dev"]);
    assert_eq!(split(r#"'/opt/my tool' "a b" c\ d"#), ["/opt/my tool", "a b", "c d"]);
    // Inside double quotes only \\ \" \$ \` escape; elsewhere the backslash stays.
    assert_eq!(split(r#""a\"b\\c\x" 'no\escape'"#), [r#"a"b\c\x"#, r"no\escape"]);
    assert_eq!(split(r#"x '' "" y"#), ["x", "", "", "y"]);
    assert_eq!(split(r#"a"b"'c'd"#), ["abcd"]);
    assert!(split("").is_empty());
    assert!(split_command_line("'open").unwrap_err().contains("single quote"));
    assert!(split_command_line("\"open").unwrap_err().contains("double quote"));
    assert!(split_command_line("end\\").unwrap_err().contains("backslash"));
}

#[cfg(unix)]
fn run(command: &str) -> Result<Credentials, CredentialsError> {
    ProcessCredentialsProvider::new(command).load()
}

#[cfg(unix)]
#[test]
fn a_program_prints_version_1_credentials() {
    let json = r#"{"Version": 1, "AccessKeyId": "AKID", "SecretAccessKey": "SECRET", "SessionToken": "TOKEN", "Expiration": "2030-01-02T03:04:05Z", "AccountId": "123456789012", "Other": [1]}"#;
    let found = run(&format!("/bin/echo '{json}'")).unwrap();
    assert_eq!((found.access_key_id(), found.secret_access_key()), ("AKID", "SECRET"));
    assert_eq!(found.session_token(), Some("TOKEN"));
    assert_eq!(found.account_id(), Some("123456789012"));
    let at = SystemTime::UNIX_EPOCH + Duration::from_secs(1_893_553_445);
    assert_eq!(found.expiry(), Some(at));
    // Long-term keys, and the profile's account ID when the program names none.
    let json = r#"{"Version": 1, "AccessKeyId": "AKID", "SecretAccessKey": "SECRET"}"#;
    let found =
        ProcessCredentialsProvider::new(format!("/bin/echo '{json}'")).default_account_id("999").load().unwrap();
    assert_eq!((found.session_token(), found.expiry(), found.account_id()), (None, None, Some("999")));
}

#[cfg(unix)]
#[test]
fn failures_name_the_problem_but_never_quote_the_output() {
    let e = run("/bin/ls /no/such/dir/for/credentials").unwrap_err();
    assert_eq!(e.kind(), CredentialsErrorKind::ProviderError);
    let text = e.to_string();
    assert!(
        text.contains("`/bin/ls` failed (exit status: 2)") && text.contains("/no/such/dir/for/credentials"),
        "{text}"
    );

    let e = run("/no/such/program").unwrap_err().to_string();
    assert!(e.contains("cannot run `/no/such/program`"), "{e}");

    let cases = [
        (r#"{"Version": 2, "AccessKeyId": "AKID", "SecretAccessKey": "s3cr3t"}"#, "unsupported Version 2"),
        (r#"{"Version": "1", "AccessKeyId": "AKID", "SecretAccessKey": "s3cr3t"}"#, "not a number"),
        (r#"{"AccessKeyId": "AKID", "SecretAccessKey": "s3cr3t"}"#, "no Version"),
        (r#"{"Version": 1, "SecretAccessKey": "s3cr3t"}"#, "no AccessKeyId"),
        (r#"{"Version": 1, "AccessKeyId": "AKID"}"#, "no SecretAccessKey"),
        (r#"{"Version": 1, "SecretAccessKey": "s3cr3t", "#, "not a JSON object"),
        (r#"SecretAccessKey=s3cr3t"#, "not a JSON object"),
    ];
    for (output, expected) in cases {
        let e = run(&format!("/bin/echo '{output}'")).unwrap_err();
        assert_eq!(e.kind(), CredentialsErrorKind::ProviderError);
        let text = e.to_string();
        assert!(text.contains(expected) && !text.contains("s3cr3t"), "{output}: {text}");
    }
    let e = run("  ").unwrap_err();
    assert_eq!(e.kind(), CredentialsErrorKind::InvalidConfiguration);
}

#[cfg(unix)]
#[test]
fn the_chain_runs_a_profiles_process_after_the_credentials_file_and_before_config_keys() {
    let echo = r#"/bin/echo '{"Version": 1, "AccessKeyId": "PROCESS", "SecretAccessKey": "S"}'"#;
    let load = |files: Vec<(&str, String)>| {
        let env = Env::from_vars([("HOME", "/home/me"), ("AWS_PROFILE", "dev"), ("AWS_EC2_METADATA_DISABLED", "true")]);
        crate::sleep::block_on(DefaultCredentialsChain::with_env_and_fs(env, Fs::from_files(files)).load())
    };
    let config = format!("[profile dev]\ncredential_process = {echo}\naws_account_id = 111\n");
    let found = load(vec![("/home/me/.aws/config", config.clone())]).unwrap();
    assert_eq!((found.access_key_id(), found.account_id()), ("PROCESS", Some("111")));
    // Keys in the config file come after the process.
    let with_keys = format!("{config}aws_access_key_id = CONFIG\naws_secret_access_key = S\n");
    assert_eq!(load(vec![("/home/me/.aws/config", with_keys)]).unwrap().access_key_id(), "PROCESS");
    // Keys in the credentials file come before it.
    let credentials = "[dev]\naws_access_key_id = FILE\naws_secret_access_key = S\n".to_owned();
    let files = vec![("/home/me/.aws/config", config), ("/home/me/.aws/credentials", credentials)];
    assert_eq!(load(files).unwrap().access_key_id(), "FILE");
    // A failing process stops the chain, naming the profile.
    let failing = "[profile dev]\ncredential_process = /bin/ls /no/such/dir\n".to_owned();
    let e = load(vec![("/home/me/.aws/config", failing)]).unwrap_err();
    assert_eq!(e.kind(), CredentialsErrorKind::ProviderError);
    assert!(e.to_string().contains("shared config files: profile `dev`"), "{e}");
}
