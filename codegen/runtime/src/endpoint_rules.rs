//! What endpoint resolution reads and produces. The resolver itself is
//! compiled from the service's endpoint rule set into the crate's `endpoint`
//! module; these types are shared so that [`super::client::Config`] can use
//! any generated resolver the same way.

use super::document::Document;
use std::collections::BTreeMap;
use std::fmt;

/// Where requests go: the URL, plus any headers and properties (such as
/// `authSchemes`) the rule set attaches to it.
#[derive(Clone, Debug, PartialEq)]
pub struct Endpoint {
    url: String,
    headers: BTreeMap<String, Vec<String>>,
    properties: BTreeMap<String, Document>,
}

impl Endpoint {
    /// An endpoint with this URL and no headers or properties.
    pub fn new(url: impl Into<String>) -> Self {
        Endpoint { url: url.into(), headers: BTreeMap::new(), properties: BTreeMap::new() }
    }

    /// Adds a value to a header requests to this endpoint carry.
    pub fn with_header(mut self, name: impl Into<String>, value: impl Into<String>) -> Self {
        self.headers.entry(name.into()).or_default().push(value.into());
        self
    }

    /// Sets a property, replacing any earlier value.
    pub fn with_property(mut self, name: impl Into<String>, value: Document) -> Self {
        self.properties.insert(name.into(), value);
        self
    }

    /// The URL, such as `https://sms-voice.us-east-1.amazonaws.com`.
    pub fn url(&self) -> &str {
        &self.url
    }

    /// Headers to send with every request, each with its values in order.
    pub fn headers(&self) -> &BTreeMap<String, Vec<String>> {
        &self.headers
    }

    /// Properties of the endpoint, such as `authSchemes`.
    pub fn properties(&self) -> &BTreeMap<String, Document> {
        &self.properties
    }
}

/// The parameters name no endpoint: an error rule matched (its message is
/// kept exactly as the rule set words it) or no rule did.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EndpointError {
    message: String,
}

impl EndpointError {
    /// An error with this message.
    pub fn new(message: impl Into<String>) -> Self {
        EndpointError { message: message.into() }
    }

    /// No rule matched: the rule set does not cover these parameters.
    pub fn no_rule_matched() -> Self {
        EndpointError::new("no endpoint rule matched these parameters")
    }

    /// The message, as the rule set words it.
    pub fn message(&self) -> &str {
        &self.message
    }
}

impl fmt::Display for EndpointError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for EndpointError {}

/// A value an operation gives a rule-set parameter.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ParamValue {
    /// For a `string` parameter.
    String(String),
    /// For a `boolean` parameter.
    Bool(bool),
    /// For a `stringArray` parameter.
    StringArray(Vec<String>),
}

/// The rule-set parameters one operation sets, by their rule-set names:
/// the model's `staticContextParams`, input members marked `contextParam`
/// and `operationContextParams` (paths into the input).
pub type OperationParams = Vec<(&'static str, ParamValue)>;

/// The client settings rule sets read through their parameters' `builtIn`
/// names; the generated `endpoint::Params::from_built_ins` maps them.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct BuiltIns<'a> {
    /// `AWS::Region`.
    pub region: Option<&'a str>,
    /// `AWS::UseFIPS`.
    pub use_fips: bool,
    /// `AWS::UseDualStack`.
    pub use_dual_stack: bool,
    /// `SDK::Endpoint`: an endpoint URL set explicitly.
    pub endpoint: Option<&'a str>,
    /// `AWS::Auth::AccountId`: the account of the credentials a call is
    /// signed with, when they name it (set per call, for services that read
    /// it: [`Service::USES_ACCOUNT_ID`](crate::client::Service::USES_ACCOUNT_ID)).
    pub account_id: Option<&'a str>,
    /// `AWS::Auth::AccountIdEndpointMode`, as the rules spell it.
    pub account_id_endpoint_mode: Option<&'a str>,
}

/// Whether services with per-account endpoints (DynamoDB) use the account ID
/// of the credentials to pick the endpoint (the `account_id_endpoint_mode`
/// setting of the AWS SDKs).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum AccountIdEndpointMode {
    /// The account's endpoint when the credentials name an account, the
    /// regional one otherwise (the default).
    #[default]
    Preferred,
    /// Always the regional endpoint.
    Disabled,
    /// The account's endpoint; calls fail when the credentials name no
    /// account.
    Required,
}

impl AccountIdEndpointMode {
    /// The value the endpoint rules compare with.
    pub fn as_str(self) -> &'static str {
        match self {
            AccountIdEndpointMode::Preferred => "preferred",
            AccountIdEndpointMode::Disabled => "disabled",
            AccountIdEndpointMode::Required => "required",
        }
    }
}

impl std::str::FromStr for AccountIdEndpointMode {
    type Err = String;

    /// `preferred`, `disabled` or `required`, as the AWS config file and
    /// `AWS_ACCOUNT_ID_ENDPOINT_MODE` spell them.
    fn from_str(s: &str) -> Result<Self, String> {
        match s {
            "preferred" => Ok(AccountIdEndpointMode::Preferred),
            "disabled" => Ok(AccountIdEndpointMode::Disabled),
            "required" => Ok(AccountIdEndpointMode::Required),
            other => Err(format!("`{other}` is not an account ID endpoint mode (preferred, disabled or required)")),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn account_id_endpoint_modes_read_as_the_sdks_spell_them() {
        for mode in [AccountIdEndpointMode::Preferred, AccountIdEndpointMode::Disabled, AccountIdEndpointMode::Required]
        {
            assert_eq!(mode.as_str().parse::<AccountIdEndpointMode>(), Ok(mode));
        }
        assert_eq!(AccountIdEndpointMode::default(), AccountIdEndpointMode::Preferred);
        let err = "Required".parse::<AccountIdEndpointMode>().unwrap_err();
        assert!(err.contains("`Required` is not an account ID endpoint mode"), "{err}");
    }

    #[test]
    fn endpoints_collect_headers_in_order_and_the_last_property() {
        let endpoint = Endpoint::new("https://example.com")
            .with_header("x-a", "1")
            .with_header("x-a", "2")
            .with_property("p", Document::Bool(false))
            .with_property("p", Document::Bool(true));
        assert_eq!(endpoint.url(), "https://example.com");
        assert_eq!(endpoint.headers()["x-a"], ["1", "2"]);
        assert_eq!(endpoint.properties()["p"], Document::Bool(true));
    }

    #[test]
    fn errors_display_the_rule_sets_message_unchanged() {
        let error = EndpointError::new("Invalid Configuration: Missing Region");
        assert_eq!(error.to_string(), "Invalid Configuration: Missing Region");
        assert_eq!(error.message(), "Invalid Configuration: Missing Region");
    }
}
