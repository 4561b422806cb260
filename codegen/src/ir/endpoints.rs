//! Endpoint rules, lowered: parameters with their Rust names, rules whose
//! conditions are already type-checked and turned into the tests the
//! resolver makes (`if`, `if let Some`, `let`), and the partition data with
//! compiled region patterns. The emitter maps each node to Rust one to one.

/// A rule-set parameter one operation sets (`staticContextParams`,
/// `contextParam`, `operationContextParams`).
#[derive(Debug, Clone, PartialEq)]
pub struct OperationParam {
    /// The rule-set parameter's name.
    pub name: String,
    pub value: OperationValue,
}

#[derive(Debug, Clone, PartialEq)]
pub enum OperationValue {
    Literal(Literal),
    /// Read from the input: the steps from the input structure to the
    /// value(s); a string array when the path projects (`[*]`, `keys`, a
    /// multi-select), else one string or bool, when it is set.
    Path {
        steps: Vec<PathStep>,
        ty: ValueType,
    },
}

#[derive(Debug, Clone, PartialEq)]
pub enum PathStep {
    /// A structure member, by Rust field name; `Option` when `optional`.
    Field { rust_name: String, optional: bool },
    /// Every element of a list (`[*]`); `sparse` lists hold `Option`s.
    Each { sparse: bool },
    /// Every key of a map (`keys(..)`).
    Keys,
    /// A multi-select list, flattened (`[a.b, c.d][]`): each branch's
    /// values. Always the last step.
    Select(Vec<Vec<PathStep>>),
}

/// One service's endpoint resolver.
#[derive(Debug, Clone)]
pub struct EndpointRules {
    pub source: RulesSource,
    /// In rule-set order: the order of the `Params` fields.
    pub params: Vec<Param>,
    /// Tried in order; the first that matches gives the result.
    pub rules: Vec<Rule>,
    /// What `aws.partition` picks from; the first is the fallback for
    /// unknown regions. Empty when no rule calls `aws.partition`.
    pub partitions: Vec<Partition>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RulesSource {
    /// The model's `endpoint-rule-set-1.json`.
    RuleSet,
    /// The model has no rule set: the classic `https://{prefix}.{region}.amazonaws.com`.
    Default,
}

/// A rule-set parameter: a `Params` field and, in `resolve`, a local.
#[derive(Debug, Clone)]
pub struct Param {
    pub wire_name: String,
    pub rust_name: String,
    pub ty: ValueType,
    /// A parameter with a default is a plain field; one without is an `Option`.
    pub default: Option<Literal>,
    /// Resolution fails when it is unset (and has no default).
    pub required: bool,
    /// The setting it stands for, such as `AWS::Region`.
    pub built_in: Option<String>,
    /// The client setting that fills it, when the runtime has that setting.
    pub setting: Option<Setting>,
    pub docs: Vec<String>,
    /// Why it is deprecated, when it is.
    pub deprecated: Option<String>,
    /// Some rule reads it; only those are bound in `resolve`.
    pub used: bool,
}

/// A built-in the client configuration sets (`runtime::endpoint_rules::BuiltIns`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Setting {
    Region,
    UseFips,
    UseDualStack,
    Endpoint,
    /// The account ID of the credentials a call is signed with.
    AccountId,
    AccountIdEndpointMode,
}

/// A setting's built-in name, type, `BuiltIns` field and `ConfigBuilder` method.
pub type SettingEntry = (&'static str, Setting, ValueType, &'static str, Option<&'static str>);

impl Setting {
    /// Every setting: its built-in name, type, `BuiltIns` field and `ConfigBuilder` method
    /// (none for the account ID, which the credentials give).
    pub const ALL: [SettingEntry; 6] = [
        ("AWS::Region", Setting::Region, ValueType::String, "region", Some("region")),
        ("AWS::UseFIPS", Setting::UseFips, ValueType::Bool, "use_fips", Some("use_fips")),
        ("AWS::UseDualStack", Setting::UseDualStack, ValueType::Bool, "use_dual_stack", Some("use_dual_stack")),
        ("SDK::Endpoint", Setting::Endpoint, ValueType::String, "endpoint", Some("endpoint_url")),
        ("AWS::Auth::AccountId", Setting::AccountId, ValueType::String, "account_id", None),
        (
            "AWS::Auth::AccountIdEndpointMode",
            Setting::AccountIdEndpointMode,
            ValueType::String,
            "account_id_endpoint_mode",
            Some("account_id_endpoint_mode"),
        ),
    ];

    fn entry(self) -> &'static SettingEntry {
        Setting::ALL.iter().find(|s| s.1 == self).expect("every setting is listed")
    }

    /// The field of `BuiltIns`.
    pub fn field(self) -> &'static str {
        self.entry().3
    }

    /// The `ConfigBuilder` method that sets it, if one does.
    pub fn builder_method(self) -> Option<&'static str> {
        self.entry().4
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ValueType {
    String,
    Bool,
    /// `stringArray`: a `Vec<String>`.
    StringArray,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Literal {
    String(String),
    Bool(bool),
    StringArray(Vec<String>),
}

#[derive(Debug, Clone)]
pub struct Rule {
    /// All must hold, in order; each may bind a local for the ones after it
    /// and for the body. Conditions that always hold are already dropped.
    pub tests: Vec<Test>,
    pub body: Body,
}

#[derive(Debug, Clone)]
pub enum Body {
    Endpoint(Endpoint),
    /// An error with this message.
    Error(Template),
    /// Sub-rules, tried in order; when none matches, resolution fails.
    Tree(Vec<Rule>),
}

#[derive(Debug, Clone)]
pub enum Test {
    /// `if expr` (a bool).
    If(Expr),
    /// `if let Some(name) = value`: `isSet` narrowing an optional local.
    IfSome { name: String, value: Expr },
    /// `let name = value;`: a condition that always holds, bound by `assign`.
    Let { name: String, value: Expr },
}

impl Rule {
    /// Holds for every input: it only binds locals.
    pub fn is_unconditional(&self) -> bool {
        self.tests.iter().all(|t| matches!(t, Test::Let { .. }))
    }
}

#[derive(Debug, Clone, PartialEq)]
pub enum Expr {
    /// A parameter or a local bound by a condition, by Rust name.
    Var(String),
    Bool(bool),
    String(Template),
    Not(Box<Expr>),
    /// `booleanEquals` or `stringEquals`.
    Equals(Box<Expr>, Box<Expr>),
    IsSome(Box<Expr>),
    /// `aws.partition(region)`.
    Partition(Box<Expr>),
    /// `getAttr(partition, "...")`.
    Attr(Box<Expr>, PartitionAttr),
    /// A whole number, such as `substring`'s bounds.
    Int(usize),
    /// A function of `runtime::__private::rule_functions`, given string and
    /// bool arguments.
    Call(Function, Vec<Expr>),
    /// `substring(input, start, stop, reverse)`: a string, if any.
    Substring {
        input: Box<Expr>,
        start: usize,
        stop: usize,
        reverse: Box<Expr>,
    },
    /// `getAttr` of a parsed ARN or URL: a field.
    Field(Box<Expr>, Field),
    /// `getAttr(array, "[N]")` (or `resourceId[N]`): the N-th string, if any.
    Index(Box<Expr>, usize),
}

/// The functions a resolver calls in the runtime, beyond comparisons.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Function {
    /// `isValidHostLabel(value, allowSubDomains)`: a bool.
    IsValidHostLabel,
    /// `aws.parseArn(value)`: an ARN, if it is one.
    ParseArn,
    /// `parseURL(value)`: a URL, if it is one.
    ParseUrl,
    /// `uriEncode(value)`: an owned string.
    UriEncode,
    /// `aws.isVirtualHostableS3Bucket(value, allowSubDomains)`: a bool.
    IsVirtualHostableS3Bucket,
}

impl Function {
    /// Every function: its name in rules, itself, its runtime function.
    pub const ALL: [(&str, Function, &str); 5] = [
        ("isValidHostLabel", Function::IsValidHostLabel, "is_valid_host_label"),
        ("aws.parseArn", Function::ParseArn, "parse_arn"),
        ("parseURL", Function::ParseUrl, "parse_url"),
        ("uriEncode", Function::UriEncode, "uri_encode"),
        ("aws.isVirtualHostableS3Bucket", Function::IsVirtualHostableS3Bucket, "is_virtual_hostable_s3_bucket"),
    ];

    /// The function of `runtime::__private::rule_functions`.
    pub fn runtime_name(self) -> &'static str {
        Function::ALL.iter().find(|f| f.1 == self).map(|f| f.2).expect("every function is listed")
    }
}

/// A field of `runtime::__private::rule_functions::{Arn, Url}`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Field {
    /// The Rust field.
    pub name: &'static str,
    pub kind: FieldKind,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FieldKind {
    /// A `String`, read as `&str`.
    String,
    Bool,
    /// A `Vec<String>`.
    StringArray,
}

/// A string with `{Name}` and `{Name#attr}` holes, split into parts.
#[derive(Debug, Clone, PartialEq)]
pub struct Template {
    pub parts: Vec<TemplatePart>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum TemplatePart {
    Literal(String),
    /// A string-valued `Var` or `Attr`, inserted as it is.
    Value(Expr),
    /// A parameter in an endpoint URL (its local, by Rust name), checked
    /// before it is inserted: the caller sets it, and it must not change the
    /// URL's host.
    Checked {
        var: String,
        param: String,
        check: UrlCheck,
    },
}

/// How a parameter's value is checked before it goes into an endpoint URL.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UrlCheck {
    /// It must be one host label (`runtime::endpoint::url_label`).
    HostLabel,
    /// Dot-separated host labels, as the rule's own `isValidHostLabel(x,
    /// true)` condition proved (`runtime::endpoint::url_labels`).
    HostLabels,
    /// It starts the URL, so it is a URL itself (`SDK::Endpoint`):
    /// absolute `http`/`https` without userinfo (`runtime::endpoint::url_param`).
    Url,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PartitionAttr {
    Name,
    DnsSuffix,
    DualStackDnsSuffix,
    SupportsFips,
    SupportsDualStack,
    ImplicitGlobalRegion,
}

impl PartitionAttr {
    /// Every attribute: its name in rules, its field in `runtime::partition::Partition`, whether it is a bool.
    pub const ALL: [(&str, PartitionAttr, &str, bool); 6] = [
        ("name", PartitionAttr::Name, "name", false),
        ("dnsSuffix", PartitionAttr::DnsSuffix, "dns_suffix", false),
        ("dualStackDnsSuffix", PartitionAttr::DualStackDnsSuffix, "dual_stack_dns_suffix", false),
        ("supportsFIPS", PartitionAttr::SupportsFips, "supports_fips", true),
        ("supportsDualStack", PartitionAttr::SupportsDualStack, "supports_dual_stack", true),
        ("implicitGlobalRegion", PartitionAttr::ImplicitGlobalRegion, "implicit_global_region", false),
    ];

    /// The field of `runtime::partition::Partition`.
    pub fn field(self) -> &'static str {
        PartitionAttr::ALL.iter().find(|a| a.1 == self).map(|a| a.2).expect("every attribute is listed")
    }
}

#[derive(Debug, Clone)]
pub struct Endpoint {
    pub url: Template,
    /// Header name and its values, in rule-set order.
    pub headers: Vec<(String, Vec<Template>)>,
    pub properties: Vec<(String, Property)>,
}

/// An endpoint property: JSON whose strings are templates.
#[derive(Debug, Clone)]
pub enum Property {
    String(Template),
    Bool(bool),
    /// A JSON number as written.
    Number(serde_json::Number),
    Array(Vec<Property>),
    Object(Vec<(String, Property)>),
}

/// One partition of `partitions.json`.
#[derive(Debug, Clone)]
pub struct Partition {
    /// The partition id, which `getAttr(p, "name")` returns.
    pub name: String,
    pub dns_suffix: String,
    pub dual_stack_dns_suffix: String,
    pub supports_fips: bool,
    pub supports_dual_stack: bool,
    pub implicit_global_region: String,
    /// Sorted, for a binary search.
    pub regions: Vec<String>,
    pub region_regex: Regex,
}

/// A compiled `regionRegex`; see `runtime::partition`.
#[derive(Debug, Clone, PartialEq)]
pub struct Regex {
    pub source: String,
    pub nodes: Vec<RegexNode>,
    /// The pattern ends with `$`.
    pub to_end: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub enum RegexNode {
    Literal(String),
    Digit,
    Word,
    Any,
    Group(Vec<Vec<RegexNode>>),
    Repeat { node: Box<RegexNode>, min: u32, max: Option<u32> },
}
