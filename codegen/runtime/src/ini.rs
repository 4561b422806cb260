//! The INI dialect of `~/.aws/config` and `~/.aws/credentials`, read exactly
//! as botocore reads it: Python's `configparser.RawConfigParser` (strict, its
//! default) followed by botocore's one level of nested sub-sections.
//!
//! - Lines are `[section]` headers, `key = value` or `key: value` options
//!   (split at the first `=` or `:`), or continuation lines: a line indented
//!   deeper than its option line adds a line to that option's value.
//! - Comments are whole lines starting with `#` or `;` (after indentation);
//!   there are no inline comments, so `key = a # b` has the value `a # b`.
//! - Keys are lowercased; section names and values keep their case. Keys,
//!   values and lines are trimmed; section names are taken as written between
//!   `[` and the last `]` of the line, so `[ default ]` is not `[default]`.
//! - An option whose value starts on the next lines (`s3 =` followed by
//!   indented `key = value` lines) is a [`Value::Nested`] map; its keys keep
//!   their case.
//! - `[DEFAULT]` is not a section: its options are inherited by every
//!   section that does not set them.
//! - A repeated section, a repeated key within a section, an option before
//!   any section, or a line that is none of the above is an error for the
//!   whole file, as botocore refuses such files.
//!
//! One deliberate difference: a UTF-8 byte order mark at the start of the
//! file is skipped (Python would reject the file).
//!
//! The files hold secrets, so errors name the line and the key at fault but
//! never quote a value or a line (a secret pasted on a line of its own is
//! such a line), and the `Debug` output of a [`Section`] shows its keys only.

use std::collections::BTreeMap;
use std::fmt;

/// A parsed file: its sections in file order.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Ini {
    sections: Vec<Section>,
}

/// One `[name]` section.
#[derive(Clone, PartialEq, Eq)]
pub struct Section {
    name: String,
    properties: BTreeMap<String, Value>,
    /// The 1-based line each option starts on.
    lines: BTreeMap<String, usize>,
}

/// An option's value.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Value {
    /// A plain value; continuation lines are joined with `\n`.
    Text(String),
    /// A nested sub-section, such as `s3 =` followed by indented options.
    Nested(BTreeMap<String, String>),
}

impl Value {
    /// The text, unless this is a nested sub-section.
    pub fn as_text(&self) -> Option<&str> {
        match self {
            Value::Text(text) => Some(text),
            Value::Nested(_) => None,
        }
    }
}

impl Ini {
    /// The sections, in file order.
    pub fn sections(&self) -> &[Section] {
        &self.sections
    }

    /// The section of this name.
    pub fn section(&self, name: &str) -> Option<&Section> {
        self.sections.iter().find(|s| s.name == name)
    }

    /// The profiles of a config file, by profile name: `[profile NAME]`
    /// sections and `[default]`, as botocore's `build_profile_map` finds
    /// them. A section name starting with `profile` is split like a shell
    /// command line and names a profile when it has exactly two words (so
    /// `[profile "my name"]` is `my name`); when two sections name the same
    /// profile (`[default]` and `[profile default]`), the later one wins.
    /// Other sections (`[sso-session x]`, `[services x]`) are not profiles.
    pub fn config_profiles(&self) -> BTreeMap<String, &Section> {
        let mut profiles = BTreeMap::new();
        for section in &self.sections {
            if section.name.starts_with("profile") {
                if let Some([_, name]) = shell_words(&section.name).as_deref() {
                    profiles.insert(name.clone(), section);
                }
            } else if section.name == "default" {
                profiles.insert(section.name.clone(), section);
            }
        }
        profiles
    }
}

impl Section {
    /// The name as written between the brackets.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// An option's value; `key` must be lowercase.
    pub fn get(&self, key: &str) -> Option<&Value> {
        self.properties.get(key)
    }

    /// Every option, by lowercased key.
    pub fn properties(&self) -> &BTreeMap<String, Value> {
        &self.properties
    }

    /// The 1-based line an option starts on (in `[DEFAULT]` for an
    /// inherited one); `key` must be lowercase.
    pub fn line(&self, key: &str) -> Option<usize> {
        self.lines.get(key).copied()
    }
}

impl fmt::Debug for Section {
    /// The name and keys only: values may be secrets.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Section").field("name", &self.name).field("keys", &self.properties.keys()).finish()
    }
}

/// Why a file is not valid INI.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct IniError {
    line: usize,
    message: String,
}

impl IniError {
    /// The 1-based line at fault.
    pub fn line(&self) -> usize {
        self.line
    }
}

impl fmt::Display for IniError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "line {}: {}", self.line, self.message)
    }
}

impl std::error::Error for IniError {}

/// Options while reading: key, the value's lines (with their numbers) and
/// the option's line.
type RawOptions = Vec<(String, Vec<(usize, String)>, usize)>;

/// Parses a whole file.
///
/// # Errors
/// See the module documentation for what botocore refuses.
pub fn parse(text: &str) -> Result<Ini, IniError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    // Python reads files with universal newlines.
    let text = text.replace("\r\n", "\n").replace('\r', "\n");
    let mut sections: Vec<(String, RawOptions)> = Vec::new();
    let mut defaults: RawOptions = Vec::new();
    // Which options receive the next option line: a section's or `[DEFAULT]`'s.
    let mut target: Option<Option<usize>> = None;
    // Whether the last option line can take continuation lines.
    let mut in_option = false;
    let mut indent_level = 0;
    for (index, line) in text.split('\n').enumerate() {
        let number = index + 1;
        let error = |message: String| IniError { line: number, message };
        let trimmed = line.trim();
        if trimmed.starts_with('#') || trimmed.starts_with(';') {
            continue;
        }
        let indent = line.chars().take_while(|c| c.is_whitespace()).count();
        // A blank line is kept inside a value so that a later continuation
        // line follows it (trailing ones are trimmed when joining).
        if in_option && (trimmed.is_empty() || indent > indent_level) {
            let options = current(&mut sections, &mut defaults, target).expect("an option is in a section");
            options.last_mut().expect("in an option").1.push((number, trimmed.to_owned()));
            continue;
        }
        if trimmed.is_empty() {
            continue;
        }
        indent_level = indent;
        if let Some(name) = section_header(trimmed) {
            in_option = false;
            if name == "DEFAULT" {
                target = Some(None);
            } else if sections.iter().any(|(n, _)| n == name) {
                return Err(error(format!("section `{name}` appears twice")));
            } else {
                sections.push((name.to_owned(), Vec::new()));
                target = Some(Some(sections.len() - 1));
            }
            continue;
        }
        let Some(options) = current(&mut sections, &mut defaults, target) else {
            return Err(error("an option before any [section]".to_owned()));
        };
        let Some(at) = trimmed.find(['=', ':']) else {
            // Often a value meant for the option above (a secret pasted on
            // the next line, unindented); the line itself is not shown.
            let after = match options.last() {
                Some((key, lines, line)) if lines.iter().all(|(_, l)| l.is_empty()) => {
                    format!(
                        " (after {} on line {line}, which has no value: a value continues only on lines indented deeper than its key)",
                        shown_key(key)
                    )
                }
                _ => String::new(),
            };
            return Err(error(format!("expected `key = value`, `key: value` or `[section]`{after}")));
        };
        let key = trimmed[..at].trim_end().to_lowercase();
        if key.is_empty() {
            return Err(error("an option without a key".to_owned()));
        }
        if options.iter().any(|(k, _, _)| *k == key) {
            return Err(error(format!("{} appears twice in the section", shown_key(&key))));
        }
        options.push((key, vec![(number, trimmed[at + 1..].trim().to_owned())], number));
        in_option = true;
    }
    let defaults = finish(defaults)?;
    let mut ini = Ini::default();
    for (name, options) in sections {
        let (mut properties, mut lines) = finish(options)?;
        for (key, value) in &defaults.0 {
            properties.entry(key.clone()).or_insert_with(|| value.clone());
            lines.entry(key.clone()).or_insert(defaults.1[key]);
        }
        ini.sections.push(Section { name, properties, lines });
    }
    Ok(ini)
}

/// A key as messages show it: quoted when it looks like a setting's name,
/// described otherwise (a line split at a `=` or `:` inside a pasted
/// secret gives a "key" that is part of the secret).
fn shown_key(key: &str) -> String {
    let plain =
        key.len() <= 64 && key.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b"_-.".contains(&b));
    match plain {
        true => format!("key `{key}`"),
        false => "a key that is not a setting name (not shown)".to_owned(),
    }
}

/// The options that option lines go to: a section's or `[DEFAULT]`'s.
fn current<'a>(
    sections: &'a mut [(String, RawOptions)],
    defaults: &'a mut RawOptions,
    target: Option<Option<usize>>,
) -> Option<&'a mut RawOptions> {
    match target? {
        Some(i) => Some(&mut sections[i].1),
        None => Some(defaults),
    }
}

/// `[name]`: the text between the leading `[` and the last `]`, not empty.
fn section_header(line: &str) -> Option<&str> {
    let inner = line.strip_prefix('[')?;
    let name = &inner[..inner.rfind(']')?];
    (!name.is_empty()).then_some(name)
}

/// Values by key, and the line each option starts on.
type Options = (BTreeMap<String, Value>, BTreeMap<String, usize>);

/// Joins each option's lines; values starting on a later line are nested.
fn finish(options: RawOptions) -> Result<Options, IniError> {
    let mut properties = BTreeMap::new();
    let mut starts = BTreeMap::new();
    for (key, lines, line) in options {
        let (first, rest) = lines.split_first().expect("an option has its own line");
        let value = if first.1.is_empty() && rest.iter().any(|(_, l)| !l.is_empty()) {
            let mut nested = BTreeMap::new();
            for (number, entry) in rest.iter().filter(|(_, l)| !l.is_empty()) {
                let Some((k, v)) = entry.split_once('=') else {
                    let message = format!(
                        "a line under {} is not `name = value` (a value that starts on the line after its key is a sub-section of such lines)",
                        shown_key(&key)
                    );
                    return Err(IniError { line: *number, message });
                };
                nested.insert(k.trim().to_owned(), v.trim().to_owned());
            }
            Value::Nested(nested)
        } else {
            let text: Vec<&str> = lines.iter().map(|(_, l)| l.as_str()).collect();
            Value::Text(text.join("\n").trim_end().to_owned())
        };
        properties.insert(key.clone(), value);
        starts.insert(key, line);
    }
    Ok((properties, starts))
}

/// Splits like Python's `shlex.split` (POSIX mode): words separated by
/// spaces, tabs and newlines; single quotes literal; double quotes with `\"`
/// and `\\` escapes; a backslash outside quotes escapes the next character.
/// `None` for an unclosed quote or a trailing backslash.
fn shell_words(text: &str) -> Option<Vec<String>> {
    let mut words = Vec::new();
    let mut word: Option<String> = None;
    let mut chars = text.chars();
    while let Some(c) = chars.next() {
        match c {
            ' ' | '\t' | '\r' | '\n' => words.extend(word.take()),
            '\'' => {
                let w = word.get_or_insert_with(String::new);
                loop {
                    match chars.next()? {
                        '\'' => break,
                        c => w.push(c),
                    }
                }
            }
            '"' => {
                let w = word.get_or_insert_with(String::new);
                loop {
                    match chars.next()? {
                        '"' => break,
                        '\\' => match chars.next()? {
                            c @ ('"' | '\\') => w.push(c),
                            c => {
                                w.push('\\');
                                w.push(c);
                            }
                        },
                        c => w.push(c),
                    }
                }
            }
            '\\' => word.get_or_insert_with(String::new).push(chars.next()?),
            c => word.get_or_insert_with(String::new).push(c),
        }
    }
    words.extend(word);
    Some(words)
}

#[cfg(test)]
#[path = "ini_tests.rs"]
mod tests;
