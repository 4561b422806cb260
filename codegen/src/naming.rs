//! Every Rust name the generator emits is decided here, and only here: case
//! conversion, keywords, clashes with prelude items, names that start with a
//! digit, and method names the generated API already uses. The IR stores the
//! result next to the wire name, so emitters never recase anything.

mod unique;

pub use unique::{MethodScope, SharedFeatures, member_names, type_names, variant_names};

use heck::{ToKebabCase, ToSnakeCase, ToUpperCamelCase};
use proc_macro2::{Ident, Span};

/// Rust keywords (strict and reserved, 2024 edition).
const KEYWORDS: &[&str] = &[
    "abstract", "as", "async", "await", "become", "box", "break", "const", "continue", "crate", "do", "dyn", "else",
    "enum", "extern", "false", "final", "fn", "for", "gen", "if", "impl", "in", "let", "loop", "macro", "match", "mod",
    "move", "mut", "override", "priv", "pub", "ref", "return", "self", "Self", "static", "struct", "super", "trait",
    "true", "try", "type", "typeof", "union", "unsafe", "unsized", "use", "virtual", "where", "while", "yield",
];

/// Keywords that cannot be raw identifiers, so they get a suffix instead.
const NOT_RAW: &[&str] = &["crate", "self", "Self", "super"];

/// Type names the generated code uses unqualified; a shape with one of these
/// names would shadow it, so the shape's Rust name gets a suffix.
const PRELUDE_TYPES: &[&str] = &[
    "Option",
    "Some",
    "None",
    "Result",
    "Ok",
    "Err",
    "Box",
    "String",
    "Vec",
    "HashMap",
    "Default",
    "Clone",
    "Copy",
    "Debug",
    "Display",
    "Send",
    "Sync",
    "Sized",
    "From",
    "Into",
    "Iterator",
    "ToString",
    "PartialEq",
    "Eq",
    "PartialOrd",
    "Ord",
    "Hash",
    "Drop",
    "Fn",
    "FnMut",
    "FnOnce",
];

/// The method on operation inputs that fills unset idempotency tokens.
pub const FILL_IDEMPOTENCY_TOKENS: &str = "fill_idempotency_tokens";

/// Method names the generated builders, accessors and fluent builders define
/// themselves; a member with one of these names gets a suffix.
const RESERVED_METHODS: &[&str] = &[
    "build",
    "builder",
    "send",
    "into_paginator",
    "as_input",
    "customize",
    "meta",
    "client",
    "inner",
    FILL_IDEMPOTENCY_TOKENS,
];

/// Methods every generated structure, builder, fluent builder and client has
/// from its derives and from std's blanket impls (`Clone`, `Debug`,
/// `PartialEq`, `Default`, serde, `From`/`Into`, `ToOwned`, `Borrow`, `Any`).
/// An inherent method of the same name would shadow them (`x.clone()` would
/// call it) or break the generated code (`Builder::default()`).
const TRAIT_METHODS: &[&str] = &[
    "clone",
    "clone_from",
    "clone_into",
    "fmt",
    "eq",
    "ne",
    "default",
    "from",
    "into",
    "try_from",
    "try_into",
    "to_owned",
    "borrow",
    "borrow_mut",
    "type_id",
    "serialize",
    "deserialize",
];

/// Methods exception structures add: their own and those of `Display` and
/// `std::error::Error`. Only members of exceptions avoid these, so that a
/// plain structure keeps its `source()` or `description()` accessor.
const EXCEPTION_METHODS: &[&str] =
    &["is_retryable", "is_throttling", "to_string", "source", "description", "cause", "provide"];

/// Names the generated `error` module and the client already use: an
/// operation or shape that would produce one of them gets a suffix. The
/// service-wide `Error` names its variants after exception shapes and its
/// other payloads (`Unhandled`, `BuildError`, ...), so reserving those payload
/// names here also keeps its variants distinct.
const RESERVED_TYPES: &[&str] = &[
    "Error",
    "Unhandled",
    "SdkError",
    "BuildError",
    "ErrorMeta",
    "ResponseError",
    "TransportError",
    "PaginationError",
    "Client",
];

/// Client methods that are not operations.
const RESERVED_CLIENT_METHODS: &[&str] = &["config", "from_conf"];

/// Variant names the generated enums and unions define themselves.
const RESERVED_VARIANTS: &[&str] = &["Unknown"];

/// Suffix appended when a name cannot be used as it is.
const CLASH_SUFFIX: &str = "Value";

/// The Rust type name for a shape (`UpperCamelCase`).
pub fn type_name(wire: &str) -> String {
    let camel = wire.to_upper_camel_case();
    let name = if camel.is_empty() { spelled(wire) } else { lead_digit_safe(camel, "_") };
    let taken = [PRELUDE_TYPES, KEYWORDS, RESERVED_TYPES];
    if taken.iter().any(|list| list.contains(&name.as_str())) { format!("{name}{CLASH_SUFFIX}") } else { name }
}

/// The Rust variant name for an enum value or union member, on its own (an
/// enum's or union's variants come from [`variant_names`], which keeps them
/// apart). A value without letters or digits is spelled out: `""` is
/// `Empty`, `">="` is `GreaterThanEquals`, other characters `U` and their
/// code point (`U2022`).
pub fn variant_name(wire: &str) -> String {
    let camel = wire.to_upper_camel_case();
    let name = if camel.is_empty() { spelled(wire) } else { lead_digit_safe(camel, "_") };
    let taken = [KEYWORDS, PRELUDE_TYPES, RESERVED_VARIANTS];
    if taken.iter().any(|list| list.contains(&name.as_str())) { format!("{name}{CLASH_SUFFIX}") } else { name }
}

/// The Rust field name for a structure member (`snake_case`), on its own.
/// Keywords become raw identifiers (`r#type`); see [`ident`]. A structure's
/// members get their names from [`member_names`], which also keeps them
/// apart from each other.
pub fn field_name(wire: &str) -> String {
    let snake = wire.to_snake_case();
    let name = if snake.is_empty() { spelled(wire).to_snake_case() } else { lead_digit_safe(snake, "_") };
    let taken = [RESERVED_METHODS, TRAIT_METHODS, NOT_RAW];
    if taken.iter().any(|list| list.contains(&name.as_str())) {
        format!("{name}_{}", CLASH_SUFFIX.to_lowercase())
    } else {
        name
    }
}

/// The name of a method derived from a field name, such as `set_` + field:
/// the raw-identifier prefix does not carry over.
pub fn prefixed_method(prefix: &str, field: &str) -> String {
    // A leading `_` (added for a leading digit) is not needed after a prefix.
    format!("{prefix}{}", field.trim_start_matches("r#").trim_start_matches('_'))
}

/// The snake_case name of an operation, used for client methods and modules.
pub fn operation_fn_name(wire: &str) -> String {
    let name = field_name(wire);
    if RESERVED_CLIENT_METHODS.contains(&name.as_str()) {
        format!("{name}_{}", CLASH_SUFFIX.to_lowercase())
    } else {
        name
    }
}

/// Methods every operation error enum defines itself.
const RESERVED_ERROR_METHODS: &[&str] = &["is_retryable", "is_throttling"];

/// The `is_<exception>()` method of an operation error enum for a variant
/// (an exception's Rust type name): its snake case after `is_`.
pub fn error_predicate(variant: &str) -> String {
    let name = format!("is_{}", variant.to_snake_case().trim_start_matches('_'));
    if RESERVED_ERROR_METHODS.contains(&name.as_str()) {
        format!("{name}_{}", CLASH_SUFFIX.to_lowercase())
    } else {
        name
    }
}

/// The module of an operation (`operation::<module>`): its snake_case name,
/// with a suffix when that is a keyword, since rustdoc links cannot name a
/// raw identifier such as `r#match`.
pub fn operation_module_name(operation_fn: &str) -> String {
    if KEYWORDS.contains(&operation_fn) {
        format!("{operation_fn}_{}", CLASH_SUFFIX.to_lowercase())
    } else {
        operation_fn.to_owned()
    }
}

/// The Rust name of an operation's error enum.
pub fn error_enum_name(wire: &str) -> String {
    let name = format!("{}Error", wire.to_upper_camel_case());
    if RESERVED_TYPES.contains(&name.as_str()) { format!("{name}{CLASH_SUFFIX}") } else { name }
}

/// The builder of a structure, in the `builders` module.
pub fn builder_name(type_name: &str) -> String {
    format!("{type_name}Builder")
}

/// The client's fluent builder for an operation.
pub fn fluent_builder_name(operation_type: &str) -> String {
    format!("{operation_type}FluentBuilder")
}

/// The enum of a paginator's items when it has several result keys, in
/// the `paginator` module (which holds no other types).
pub fn paginator_item_name(operation_type: &str) -> String {
    format!("{operation_type}Item")
}

/// The struct of a paginator's `non_aggregate_keys`, in the `paginator` module.
pub fn paginator_non_aggregate_name(operation_type: &str) -> String {
    format!("{operation_type}NonAggregate")
}

/// The private function that serializes an operation's request.
pub fn request_fn_name(operation_fn: &str) -> String {
    format!("{}_request", operation_fn.trim_start_matches("r#"))
}

/// Features every generated manifest declares besides the operations'.
pub const FIXED_FEATURES: &[&str] = &[
    "default",
    "all-operations",
    "default-https-client",
    "blocking",
    "serde",
    "request-compression",
    "test-util",
    "tracing",
];

/// The cargo feature name of an operation (`kebab-case`); one that would be
/// a fixed feature's name gets an `-operation` suffix.
pub fn feature_name(wire: &str) -> String {
    let kebab = wire.to_kebab_case();
    let name = if kebab.is_empty() { spelled(wire).to_kebab_case() } else { kebab };
    if FIXED_FEATURES.contains(&name.as_str()) { format!("{name}-operation") } else { name }
}

/// The cargo feature of a group of operations acting on one resource
/// (`TrainingJob` → `training-job`); one that would be a fixed feature's
/// name gets an `-operations` suffix.
pub fn group_feature_name(resource: &str) -> String {
    let kebab = resource.to_kebab_case();
    let name = if kebab.is_empty() { spelled(resource).to_kebab_case() } else { kebab };
    if FIXED_FEATURES.contains(&name.as_str()) { format!("{name}-operations") } else { name }
}

/// The name of a per-shape helper function such as `ser_phone_number_filter`.
pub fn shape_fn_name(prefix: &str, rust_type_name: &str) -> String {
    prefixed_method(&format!("{prefix}_"), &rust_type_name.to_snake_case())
}

/// The private module (and file) of a shape under `types`, `ser` and `de`:
/// `_` and the snake_case type name, as aws-sdk-rust names its files. The
/// underscore keeps it from every keyword and from the public `builders`.
pub fn shape_module_name(rust_type_name: &str) -> String {
    format!("_{}", rust_type_name.to_snake_case())
}

/// Names the endpoint resolver itself uses for locals and functions.
const RESERVED_ENDPOINT_VARS: &[&str] = &["params", "partition_of"];

/// A parameter of the endpoint rules (a `Params` field and a local of
/// `resolve`) or a local bound by a condition (`snake_case`). Never a raw
/// identifier, so that it can be named inside `format!` strings.
pub fn endpoint_var(wire: &str) -> String {
    let name = lead_digit_safe(wire.to_snake_case(), "_");
    if KEYWORDS.contains(&name.as_str()) || RESERVED_ENDPOINT_VARS.contains(&name.as_str()) {
        format!("{name}_{}", CLASH_SUFFIX.to_lowercase())
    } else {
        name
    }
}

/// Builds an identifier, as a raw identifier when the name is a keyword.
pub fn ident(name: &str) -> Ident {
    if KEYWORDS.contains(&name) && !NOT_RAW.contains(&name) {
        Ident::new_raw(name, Span::call_site())
    } else {
        Ident::new(name, Span::call_site())
    }
}

/// Whether [`ident`] turns this name into a raw identifier.
pub fn is_raw(name: &str) -> bool {
    KEYWORDS.contains(&name) && !NOT_RAW.contains(&name)
}

/// ASCII punctuation by name, for values made of nothing else.
const PUNCTUATION: &[(char, &str)] = &[
    (' ', "Space"),
    ('!', "Bang"),
    ('"', "Quote"),
    ('#', "Hash"),
    ('$', "Dollar"),
    ('%', "Percent"),
    ('&', "Ampersand"),
    ('\'', "Apostrophe"),
    ('(', "LeftParen"),
    (')', "RightParen"),
    ('*', "Asterisk"),
    ('+', "Plus"),
    (',', "Comma"),
    ('-', "Hyphen"),
    ('.', "Dot"),
    ('/', "Slash"),
    (':', "Colon"),
    (';', "Semicolon"),
    ('<', "LessThan"),
    ('=', "Equals"),
    ('>', "GreaterThan"),
    ('?', "Question"),
    ('@', "At"),
    ('[', "LeftBracket"),
    ('\\', "Backslash"),
    (']', "RightBracket"),
    ('^', "Caret"),
    ('_', "Underscore"),
    ('`', "Backtick"),
    ('{', "LeftBrace"),
    ('|', "Pipe"),
    ('}', "RightBrace"),
    ('~', "Tilde"),
];

/// A variant name for a value with no letters or digits.
fn spelled(wire: &str) -> String {
    if wire.is_empty() {
        return "Empty".to_owned();
    }
    wire.chars()
        .map(|c| match PUNCTUATION.iter().find(|(p, _)| *p == c) {
            Some((_, word)) => (*word).to_owned(),
            None => format!("U{:04X}", u32::from(c)),
        })
        .collect()
}

fn lead_digit_safe(name: String, prefix: &str) -> String {
    if name.starts_with(|c: char| c.is_ascii_digit()) || name.is_empty() { format!("{prefix}{name}") } else { name }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_member_named_after_a_fluent_builder_method_gets_a_suffix() {
        assert_eq!(field_name("Customize"), "customize_value");
        assert_eq!(field_name("Send"), "send_value");
    }

    #[test]
    fn error_predicates_are_snake_case_and_avoid_the_enums_own_methods() {
        assert_eq!(error_predicate("ThrottlingException"), "is_throttling_exception");
        assert_eq!(error_predicate("_2factorError"), "is_2factor_error");
        assert_eq!(error_predicate("Throttling"), "is_throttling_value");
        assert_eq!(error_predicate("Retryable"), "is_retryable_value");
    }

    #[test]
    fn types_are_upper_camel() {
        assert_eq!(type_name("PhoneNumberInformation"), "PhoneNumberInformation");
        assert_eq!(type_name("phone_number"), "PhoneNumber");
    }

    #[test]
    fn prelude_types_get_a_suffix() {
        for name in ["Option", "Result", "Box", "String", "Vec", "HashMap", "Default"] {
            assert_eq!(type_name(name), format!("{name}Value"));
        }
    }

    #[test]
    fn operation_modules_are_never_raw_identifiers() {
        assert_eq!(operation_module_name(&operation_fn_name("Match")), "match_value");
        assert_eq!(operation_module_name(&operation_fn_name("DescribePhoneNumbers")), "describe_phone_numbers");
    }

    #[test]
    fn keyword_types_get_a_suffix() {
        assert_eq!(type_name("Self"), "SelfValue");
    }

    #[test]
    fn leading_digits_are_prefixed() {
        assert_eq!(type_name("2FactorConfig"), "_2factorConfig");
        assert_eq!(variant_name("10DLC"), "_10dlc");
        assert_eq!(field_name("3rdParty"), "_3rd_party");
    }

    #[test]
    fn enum_values_become_variants() {
        assert_eq!(variant_name("SELF"), "SelfValue");
        assert_eq!(variant_name("iso-country-code"), "IsoCountryCode");
        assert_eq!(variant_name("TEN_DLC"), "TenDlc");
        assert_eq!(variant_name("SHARED"), "Shared");
        assert_eq!(variant_name("UNKNOWN"), "UnknownValue");
    }

    #[test]
    fn keyword_fields_are_raw() {
        for kw in ["type", "match", "async", "fn", "loop", "yield", "gen"] {
            assert_eq!(field_name(kw), kw);
            assert!(is_raw(kw), "{kw}");
            assert_eq!(ident(kw).to_string(), format!("r#{kw}"));
        }
    }

    #[test]
    fn non_raw_keywords_get_a_suffix() {
        assert_eq!(field_name("Self"), "self_value");
        assert_eq!(field_name("crate"), "crate_value");
        assert_eq!(field_name("super"), "super_value");
    }

    #[test]
    fn reserved_method_names_get_a_suffix() {
        assert_eq!(field_name("Build"), "build_value");
        assert_eq!(field_name("Send"), "send_value");
        assert_eq!(field_name("Meta"), "meta_value");
        assert_eq!(field_name("FillIdempotencyTokens"), "fill_idempotency_tokens_value");
    }

    #[test]
    fn setters_drop_the_raw_prefix() {
        assert_eq!(prefixed_method("set_", "type"), "set_type");
        assert_eq!(prefixed_method("set_", "r#type"), "set_type");
        assert_eq!(prefixed_method("set_", "_3rd_party"), "set_3rd_party");
    }

    #[test]
    fn generated_api_names_are_not_reused() {
        assert_eq!(type_name("Unhandled"), "UnhandledValue");
        assert_eq!(type_name("Client"), "ClientValue");
        assert_eq!(type_name("Error"), "ErrorValue");
        assert_eq!(type_name("TransportError"), "TransportErrorValue");
        assert_eq!(operation_fn_name("Config"), "config_value");
        assert_eq!(operation_fn_name("FromConf"), "from_conf_value");
        assert_eq!(error_enum_name("Sdk"), "SdkErrorValue");
        assert_eq!(error_enum_name("Pagination"), "PaginationErrorValue");
        assert_eq!(error_enum_name("DescribePhoneNumbers"), "DescribePhoneNumbersError");
    }

    #[test]
    fn trait_method_names_get_a_suffix() {
        for name in ["Default", "Clone", "Fmt", "Eq", "Into", "From", "TryFrom", "ToOwned", "TypeId"] {
            assert_eq!(field_name(name), format!("{}_value", name.to_snake_case()));
        }
        // The client derives `Clone` and `Debug`.
        assert_eq!(operation_fn_name("Clone"), "clone_value");
        assert_eq!(operation_fn_name("Fmt"), "fmt_value");
    }

    #[test]
    fn names_without_letters_or_digits_are_spelled_out() {
        assert_eq!(variant_name(""), "Empty");
        assert_eq!(variant_name("*"), "Asterisk");
        assert_eq!(variant_name("<="), "LessThanEquals");
        assert_eq!(variant_name("#"), "HashValue");
        assert_eq!(variant_name("\u{2022}"), "U2022");
        assert_eq!(type_name("*"), "Asterisk");
        assert_eq!(field_name(""), "empty");
        assert_eq!(field_name(">="), "greater_than_equals");
        assert_eq!(feature_name("*"), "asterisk");
    }

    #[test]
    fn operation_features_avoid_the_fixed_features() {
        assert_eq!(feature_name("Serde"), "serde-operation");
        assert_eq!(feature_name("Blocking"), "blocking-operation");
        assert_eq!(feature_name("AllOperations"), "all-operations-operation");
        assert_eq!(feature_name("Default"), "default-operation");
        assert_eq!(feature_name("SerdeThing"), "serde-thing");
    }

    #[test]
    fn endpoint_variables_are_snake_case_and_never_raw() {
        assert_eq!(endpoint_var("UseFIPS"), "use_fips");
        assert_eq!(endpoint_var("PartitionResult"), "partition_result");
        assert_eq!(endpoint_var("Type"), "type_value");
        assert_eq!(endpoint_var("Params"), "params_value");
        assert_eq!(endpoint_var("1Up"), "_1up");
    }

    #[test]
    fn operations() {
        assert_eq!(operation_fn_name("DescribePhoneNumbers"), "describe_phone_numbers");
        assert_eq!(feature_name("DescribePhoneNumbers"), "describe-phone-numbers");
        assert_eq!(fluent_builder_name("DescribePhoneNumbers"), "DescribePhoneNumbersFluentBuilder");
        assert_eq!(request_fn_name("describe_phone_numbers"), "describe_phone_numbers_request");
        assert_eq!(request_fn_name("r#match"), "match_request");
        assert_eq!(builder_name("PhoneNumberFilter"), "PhoneNumberFilterBuilder");
    }
}
