//! Keeps names apart where several are made for one generated item: the
//! members of a structure (each gives three methods), the variants of an
//! enum or union, and the hidden cargo features of a crate. Each rule is a
//! fixed order plus a suffix, so the same model always gives the same names.

use super::{CLASH_SUFFIX, EXCEPTION_METHODS, field_name, prefixed_method, type_name, variant_name};
use heck::{ToKebabCase, ToUpperCamelCase};
use std::collections::BTreeSet;

/// The methods a structure's type has besides its members' own.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MethodScope {
    /// Operation inputs and outputs, and plain structures.
    Structure,
    /// Modeled exceptions, which also implement `Display` and `Error` and
    /// have `is_retryable()` and `is_throttling()`.
    Exception,
}

/// The field names of a structure's members, one per wire name, in order.
///
/// A member with field `x` gives the accessor `x()` (on the type), and the
/// adder `x(..)`, setter `set_x(..)` and getter `get_x()` (on its builder and
/// the fluent builders). No two members may share any of these, nor take a
/// method the types already have ([`field_name`] avoids the common ones;
/// exceptions avoid a few more). Members claim their names in model order,
/// except that those whose field starts with `set_` or `get_` come last, so
/// `A` keeps `a` (and `set_a`) and `SetA` yields; a member whose methods are
/// taken gets `_value` appended, again until they are free.
pub fn member_names(wires: &[&str], scope: MethodScope) -> Vec<String> {
    let suffix = format!("_{}", CLASH_SUFFIX.to_lowercase());
    let base: Vec<String> = wires.iter().map(|w| field_name(w)).collect();
    let prefixed = |f: &str| f.starts_with("set_") || f.starts_with("get_");
    let mut taken: BTreeSet<String> = BTreeSet::new();
    if scope == MethodScope::Exception {
        taken.extend(EXCEPTION_METHODS.iter().map(|m| (*m).to_owned()));
    }
    let mut out = vec![String::new(); wires.len()];
    for late in [false, true] {
        for (i, field) in base.iter().enumerate().filter(|(_, f)| prefixed(f) == late) {
            let mut name = field.clone();
            while methods(&name).iter().any(|m| taken.contains(m)) {
                name.push_str(&suffix);
            }
            taken.extend(methods(&name));
            out[i] = name;
        }
    }
    out
}

/// The methods a member with this field name gives.
fn methods(field: &str) -> [String; 3] {
    [field.to_owned(), prefixed_method("set_", field), prefixed_method("get_", field)]
}

/// The variant names of an enum's values or a union's members, one per wire
/// name, in order. Names made from the value's letters and digits are
/// claimed first, in model order, then spelled-out ones (`""` is `Empty`,
/// see [`variant_name`]); a name already claimed gets `Value` appended until
/// it is free.
pub fn variant_names(wires: &[&str]) -> Vec<String> {
    let spelled = |w: &str| w.to_upper_camel_case().is_empty();
    let mut taken = BTreeSet::new();
    let mut out = vec![String::new(); wires.len()];
    for late in [false, true] {
        for (i, wire) in wires.iter().enumerate().filter(|(_, w)| spelled(w) == late) {
            let mut name = variant_name(wire);
            while taken.contains(&name) {
                name.push_str(CLASH_SUFFIX);
            }
            taken.insert(name.clone());
            out[i] = name;
        }
    }
    out
}

/// The type names of a service's model shapes, one per wire name, in order,
/// kept apart from the names synthesized for its operations (`reserved`: each
/// operation's `{Op}Input` and `{Op}Output`). Those keep their names, since
/// every operation's are alike; a shape whose [`type_name`] is one of them
/// gets `Value` appended until the name is neither reserved nor another
/// shape's own name (glue's shape `TestConnectionInput` becomes
/// `TestConnectionInputValue`; the operation's input keeps
/// `TestConnectionInput`). Shapes that keep their names claim them first, so a
/// shape's name never depends on the order of the others.
pub fn type_names(wires: &[&str], reserved: &BTreeSet<String>) -> Vec<String> {
    let mut out: Vec<String> = wires.iter().map(|w| type_name(w)).collect();
    let mut taken: BTreeSet<String> = out.iter().filter(|n| !reserved.contains(*n)).cloned().collect();
    taken.extend(reserved.iter().cloned());
    for name in out.iter_mut().filter(|n| reserved.contains(*n)) {
        while taken.contains(name.as_str()) {
            name.push_str(CLASH_SUFFIX);
        }
        taken.insert(name.clone());
    }
    out
}

/// Names the hidden features that stand for sets of operations. A feature
/// is named after a shape (`_phone-number-filter`, `-sent` and `-received`
/// for one direction); as shape names are arbitrary, two such names can meet
/// (`Foo`'s `-sent` and a shape `FooSent`), so every name is checked against
/// those given out and the manifest's other features, and `-2`, `-3`, ...
/// appended until it is free.
#[derive(Debug, Clone, Default)]
pub struct SharedFeatures {
    taken: BTreeSet<String>,
}

impl SharedFeatures {
    /// An allocator that avoids the fixed features and these operation features.
    pub fn new<'a>(operation_features: impl IntoIterator<Item = &'a str>) -> Self {
        let fixed = super::FIXED_FEATURES.iter().copied();
        SharedFeatures { taken: fixed.chain(operation_features).map(str::to_owned).collect() }
    }

    /// The name for the feature wanted as `wanted`, now taken.
    pub fn claim(&mut self, wanted: &str) -> String {
        let mut name = wanted.to_owned();
        let mut n = 1;
        while self.taken.contains(&name) {
            n += 1;
            name = format!("{wanted}-{n}");
        }
        self.taken.insert(name.clone());
        name
    }

    /// The base name of the features a shape's usage sets get: `_` and the
    /// type's kebab-case name.
    pub fn shape_base(rust_type_name: &str) -> String {
        format!("_{}", rust_type_name.to_kebab_case())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn members(wires: &[&str]) -> Vec<String> {
        member_names(wires, MethodScope::Structure)
    }

    #[test]
    fn shapes_named_like_synthesized_types_yield_whatever_the_order() {
        let reserved: BTreeSet<String> = ["GetInput".to_owned(), "GetOutput".to_owned()].into();
        // `GetInputValue` is a shape's own name, so `GetInput` skips it.
        let names = type_names(&["GetInput", "getOutput", "GetInputValue", "Other"], &reserved);
        assert_eq!(names, ["GetInputValueValue", "GetOutputValue", "GetInputValue", "Other"]);
        let reversed = type_names(&["Other", "GetInputValue", "getOutput", "GetInput"], &reserved);
        assert_eq!(reversed, ["Other", "GetInputValue", "GetOutputValue", "GetInputValueValue"]);
    }

    #[test]
    fn members_named_after_trait_methods_get_a_suffix() {
        let wires = ["Default", "default", "Clone", "Fmt", "Eq", "Into", "From", "TypeId", "Serialize"];
        let expected = [
            "default_value",
            "default_value_value",
            "clone_value",
            "fmt_value",
            "eq_value",
            "into_value",
            "from_value",
            "type_id_value",
            "serialize_value",
        ];
        assert_eq!(members(&wires), expected);
    }

    #[test]
    fn set_and_get_members_yield_to_the_member_they_would_shadow() {
        assert_eq!(members(&["A", "SetA", "GetA"]), ["a", "set_a_value", "get_a_value"]);
        // The same names whatever the model order.
        assert_eq!(members(&["SetA", "GetA", "A"]), ["set_a_value", "get_a_value", "a"]);
        // Without `A`, `SetA` is just a member.
        assert_eq!(members(&["SetA", "B"]), ["set_a", "b"]);
        // `set_set_a` of `SetA` against a member `SetSetA`.
        assert_eq!(members(&["SetA", "SetSetA"]), ["set_a", "set_set_a_value"]);
    }

    #[test]
    fn members_with_one_snake_case_name_are_kept_apart_in_model_order() {
        assert_eq!(members(&["FooBar", "foo_bar", "fooBar"]), ["foo_bar", "foo_bar_value", "foo_bar_value_value"]);
        // A suffixed name is checked again.
        assert_eq!(members(&["Build", "BuildValue"]), ["build_value", "build_value_value"]);
    }

    #[test]
    fn exceptions_also_avoid_their_error_methods() {
        let wires = ["message", "Source", "IsRetryable", "ToString", "Description"];
        assert_eq!(
            member_names(&wires, MethodScope::Exception),
            ["message", "source_value", "is_retryable_value", "to_string_value", "description_value"]
        );
        assert_eq!(
            member_names(&wires, MethodScope::Structure),
            ["message", "source", "is_retryable", "to_string", "description"]
        );
    }

    #[test]
    fn keywords_stay_raw_and_digits_prefixed() {
        assert_eq!(members(&["Type", "3rdParty", "set_3rd_party"]), ["type", "_3rd_party", "set_3rd_party_value"]);
    }

    #[test]
    fn values_without_letters_are_spelled_out() {
        assert_eq!(
            variant_names(&["", "*", ">=", "\u{2022}", "\u{202e}odd"]),
            ["Empty", "Asterisk", "GreaterThanEquals", "U2022", "Odd"]
        );
    }

    #[test]
    fn colliding_variants_get_a_suffix_spelled_ones_last() {
        assert_eq!(variant_names(&["", "EMPTY", "empty"]), ["EmptyValueValue", "Empty", "EmptyValue"]);
        assert_eq!(variant_names(&["UNKNOWN", "UNKNOWN_VALUE"]), ["UnknownValue", "UnknownValueValue"]);
        assert_eq!(variant_names(&["a-b", "A_B", "AB"]), ["AB", "ABValue", "Ab"]);
    }

    #[test]
    fn shared_features_never_repeat_a_name() {
        let mut features = SharedFeatures::new(["send-foo", "foo-sent"]);
        let foo = SharedFeatures::shape_base("Foo");
        let foo_sent = SharedFeatures::shape_base("FooSent");
        assert_eq!(features.claim(&foo), "_foo");
        assert_eq!(features.claim(&format!("{foo}-sent")), "_foo-sent");
        assert_eq!(features.claim(&foo_sent), "_foo-sent-2");
        assert_eq!(features.claim(&foo_sent), "_foo-sent-3");
        assert_eq!(features.claim("serde"), "serde-2");
        assert_eq!(features.claim("send-foo"), "send-foo-2");
    }
}
