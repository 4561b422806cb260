//! The awsQuery STS client against a local HTTP server: each operation
//! through the async client (hyper) and the blocking one (ureq), checking
//! the form body and headers the server read, the SigV4 signature of
//! `AssumeRole` (recomputed by the loopback server's own checker) and the
//! absence of one on `AssumeRoleWithWebIdentity`, the parsed XML output, and
//! an XML error response mapped to its modeled variant.

mod common;
mod loopback;

use common::server::{Canned, Seen, Server};
use loopback::{ACCESS_KEY, REGION, RawRequest, SECRET_KEY};
use sts::error::{AssumeRoleError, SdkError};
use sts::primitives::DateTime;
use sts::runtime::credentials::Credentials;
use sts::types::Tag;
use sts::{Client, Config, RetryConfig, blocking};

const ROLE: &str = "arn:aws:iam::123456789012:role/demo";

const ASSUME_ROLE_BODY: &str = "Action=AssumeRole&Version=2011-06-15\
    &RoleArn=arn%3Aaws%3Aiam%3A%3A123456789012%3Arole%2Fdemo&RoleSessionName=session%201\
    &DurationSeconds=900&Tags.member.1.Key=team&Tags.member.1.Value=a%26b";

const WEB_IDENTITY_BODY: &str = "Action=AssumeRoleWithWebIdentity&Version=2011-06-15\
    &RoleArn=arn%3Aaws%3Aiam%3A%3A123456789012%3Arole%2Fdemo&RoleSessionName=web\
    &WebIdentityToken=eyJ.token%2Bwith%2Fchars%3D";

fn credentials_xml() -> &'static str {
    "<Credentials>\n      <AccessKeyId>ASIAEXAMPLE</AccessKeyId>\n      \
     <SecretAccessKey>secret/key+value</SecretAccessKey>\n      <SessionToken>token&amp;more</SessionToken>\n      \
     <Expiration>2026-11-29T10:00:00.5Z</Expiration>\n    </Credentials>\n    \
     <AssumedRoleUser>\n      <AssumedRoleId>AROA:session 1</AssumedRoleId>\n      \
     <Arn>arn:aws:sts::123456789012:assumed-role/demo/session 1</Arn>\n    </AssumedRoleUser>"
}

fn assume_role_ok() -> Canned {
    let body = format!(
        "<AssumeRoleResponse xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\">\n  <AssumeRoleResult>\n    \
         {}\n    <PackedPolicySize>6</PackedPolicySize>\n  </AssumeRoleResult>\n  \
         <ResponseMetadata><RequestId>req-1</RequestId></ResponseMetadata>\n</AssumeRoleResponse>\n",
        credentials_xml()
    );
    Some((200, body))
}

fn web_identity_ok() -> Canned {
    let body = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<AssumeRoleWithWebIdentityResponse \
         xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\">\n  <AssumeRoleWithWebIdentityResult>\n    \
         <SubjectFromWebIdentityToken>amzn1.account.XYZ</SubjectFromWebIdentityToken>\n    \
         <Audience>client.app</Audience>\n    {}\n    <Provider>www.amazon.com</Provider>\n  \
         </AssumeRoleWithWebIdentityResult>\n  <ResponseMetadata><RequestId>req-2</RequestId></ResponseMetadata>\n\
         </AssumeRoleWithWebIdentityResponse>",
        credentials_xml()
    );
    Some((200, body))
}

fn error(status: u16, code: &str, message: &str) -> Canned {
    let body = format!(
        "<ErrorResponse xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\">\n  <Error>\n    <Type>Sender</Type>\n    \
         <Code>{code}</Code>\n    <Message>{message}</Message>\n  </Error>\n  <RequestId>req-err</RequestId>\n\
         </ErrorResponse>\n"
    );
    Some((status, body))
}

fn config(server: &Server) -> Config {
    Config::builder()
        .region(REGION)
        .credentials_provider(Credentials::from_keys(ACCESS_KEY, SECRET_KEY))
        .endpoint_url(server.url())
        .retry_config(RetryConfig::disabled())
        .build()
        .unwrap()
}

fn tokio() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap()
}

/// The server's record as the loopback signature checker reads it.
fn raw(seen: &Seen) -> RawRequest {
    let mut line = seen.request_line.split(' ');
    RawRequest {
        method: line.next().unwrap().to_owned(),
        target: line.next().unwrap().to_owned(),
        headers: seen.headers.clone(),
        body: seen.body.clone(),
    }
}

/// A form POST to `/` with exactly `body`, its length and content type.
fn check_form(seen: &Seen, body: &str) {
    assert_eq!(seen.request_line, "POST / HTTP/1.1");
    assert_eq!(seen.header("content-type"), Some("application/x-www-form-urlencoded"));
    assert_eq!(seen.header("content-length"), Some(body.len().to_string().as_str()));
    assert_eq!(String::from_utf8_lossy(&seen.body), body);
    assert_eq!(seen.header("x-amz-target"), None, "awsQuery names the operation in the body");
}

fn check_signed(seen: &Seen) {
    assert!(seen.header("authorization").is_some_and(|a| a.contains("/us-east-1/sts/aws4_request")));
    loopback::sigv4_check::verify(&raw(seen), SECRET_KEY, REGION, "sts").unwrap();
}

fn check_unsigned(seen: &Seen) {
    assert_eq!(seen.header("authorization"), None);
    assert_eq!(seen.header("x-amz-security-token"), None);
}

fn check_credentials(credentials: Option<&sts::types::Credentials>) {
    let c = credentials.expect("credentials parsed");
    assert_eq!(c.access_key_id(), "ASIAEXAMPLE");
    assert_eq!(c.secret_access_key(), "secret/key+value");
    assert_eq!(c.session_token(), "token&more");
    assert_eq!(c.expiration(), DateTime::from_secs_and_nanos(1_795_946_400, 500_000_000));
}

fn tag() -> Tag {
    Tag::builder().key("team").value("a&b").build().unwrap()
}

#[test]
fn assume_role_async_sends_a_signed_form_and_parses_the_xml_output() {
    let server = Server::start(vec![assume_role_ok()]);
    let client = Client::from_conf(config(&server));
    let out = tokio()
        .block_on(
            client.assume_role().role_arn(ROLE).role_session_name("session 1").duration_seconds(900).tags(tag()).send(),
        )
        .unwrap();
    check_credentials(out.credentials());
    let user = out.assumed_role_user().unwrap();
    assert_eq!(user.arn(), "arn:aws:sts::123456789012:assumed-role/demo/session 1");
    assert_eq!(user.assumed_role_id(), "AROA:session 1");
    assert_eq!(out.packed_policy_size(), Some(6));
    let seen = server.finish();
    check_form(&seen[0], ASSUME_ROLE_BODY);
    check_signed(&seen[0]);
}

#[test]
fn assume_role_blocking_sends_the_same_signed_form() {
    let server = Server::start(vec![assume_role_ok()]);
    let client = blocking::Client::from_conf(config(&server));
    let out = client
        .assume_role()
        .role_arn(ROLE)
        .role_session_name("session 1")
        .duration_seconds(900)
        .tags(tag())
        .send()
        .unwrap();
    check_credentials(out.credentials());
    assert_eq!(out.packed_policy_size(), Some(6));
    let seen = server.finish();
    check_form(&seen[0], ASSUME_ROLE_BODY);
    check_signed(&seen[0]);
}

#[test]
fn assume_role_with_web_identity_is_sent_unsigned_by_both_clients() {
    let server = Server::start(vec![web_identity_ok(), web_identity_ok()]);
    // No credentials at all: the operation needs none.
    let config = Config::builder().region(REGION).endpoint_url(server.url()).build().unwrap();
    let token = "eyJ.token+with/chars=";
    let async_out = tokio()
        .block_on(
            Client::from_conf(config.clone())
                .assume_role_with_web_identity()
                .role_arn(ROLE)
                .role_session_name("web")
                .web_identity_token(token)
                .send(),
        )
        .unwrap();
    let blocking_out = blocking::Client::from_conf(config)
        .assume_role_with_web_identity()
        .role_arn(ROLE)
        .role_session_name("web")
        .web_identity_token(token)
        .send()
        .unwrap();
    for out in [&async_out, &blocking_out] {
        check_credentials(out.credentials());
        assert_eq!(out.subject_from_web_identity_token(), Some("amzn1.account.XYZ"));
        assert_eq!(out.audience(), Some("client.app"));
        assert_eq!(out.provider(), Some("www.amazon.com"));
        assert_eq!(out.packed_policy_size(), None);
    }
    for seen in server.finish() {
        check_form(&seen, WEB_IDENTITY_BODY);
        check_unsigned(&seen);
    }
}

#[test]
fn xml_errors_map_to_their_modeled_variants() {
    let server = Server::start(vec![
        error(400, "MalformedPolicyDocument", "The policy is not valid JSON."),
        error(400, "InvalidIdentityToken", "Token expired &amp; rejected"),
        error(400, "SomethingElse", "unmodeled"),
    ]);
    let config = config(&server);
    let err = tokio()
        .block_on(Client::from_conf(config.clone()).assume_role().role_arn(ROLE).role_session_name("s").send())
        .unwrap_err();
    let SdkError::Service(AssumeRoleError::MalformedPolicyDocumentException(e)) = &err else {
        panic!("expected MalformedPolicyDocumentException, got {err:?}")
    };
    assert_eq!(e.meta().code(), "MalformedPolicyDocument");
    assert_eq!(e.message(), Some("The policy is not valid JSON."));
    assert_eq!(e.meta().request_id(), Some("req-err"));
    assert_eq!(e.meta().status(), 400);
    let client = blocking::Client::from_conf(config);
    let err = client
        .assume_role_with_web_identity()
        .role_arn(ROLE)
        .role_session_name("web")
        .web_identity_token("t")
        .send()
        .unwrap_err()
        .into_service_error();
    assert!(err.is_invalid_identity_token_exception(), "{err:?}");
    assert_eq!(err.message(), Some("Token expired & rejected"));
    let err = client.assume_role().role_arn(ROLE).role_session_name("s").send().unwrap_err().into_service_error();
    assert!(matches!(err, AssumeRoleError::Unhandled(_)), "{err:?}");
    assert_eq!(err.code(), Some("SomethingElse"));
    assert_eq!(server.finish().len(), 3);
}

/// An XML body that does not match the model is a `ResponseError` holding the
/// runtime's one body-reading error, `BodyError`, as a JSON body's is.
#[test]
fn a_malformed_xml_output_is_the_shared_body_error() {
    use sts::runtime::error::{BodyError, BodyErrorKind};
    let body = "<AssumeRoleResponse><AssumeRoleResult><PackedPolicySize>six</PackedPolicySize>\
                </AssumeRoleResult></AssumeRoleResponse>";
    let response = sts::http::Response::builder().status(200).body(body.as_bytes().to_vec()).unwrap();
    let err = sts::operation::assume_role::AssumeRole::parse_response(&response).unwrap_err();
    let SdkError::Response(e) = &err else { panic!("expected a response error, got {err:?}") };
    let error: &BodyError = e.error();
    assert_eq!(error.kind(), &BodyErrorKind::TypeMismatch { expected: "integer", found: "text" });
    assert_eq!(error.path(), "PackedPolicySize");
}
