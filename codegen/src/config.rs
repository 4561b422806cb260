//! `codegen.json`: what to generate, from which model, into which folder.

use crate::error::{Error, Result};
use crate::lower::Selection;
use serde::Deserialize;
use std::path::{Path, PathBuf};

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    /// Package name of the generated crate.
    pub package: String,
    pub version: String,
    /// Paths relative to the config file.
    pub service: PathBuf,
    pub paginators: PathBuf,
    /// `endpoint-rule-set-1.json`; without it the client builds
    /// `https://{endpointPrefix}.{region}.amazonaws.com` itself.
    #[serde(default)]
    pub endpoint_rules: Option<PathBuf>,
    /// botocore's `partitions.json`, for rules that call `aws.partition`.
    #[serde(default)]
    pub partitions: Option<PathBuf>,
    pub output: PathBuf,
    /// The `lean-aws-runtime` crate the generated crate depends on (default:
    /// this checkout's `codegen/runtime`); the manifest names it relative to
    /// `output`, so a crate written elsewhere must change `output` first.
    #[serde(default = "default_runtime")]
    pub runtime: PathBuf,
    /// Operation names as in the model, or `["*"]` for all of them.
    pub operations: Vec<String>,
    /// Hand-written example programs copied into the crate's `examples/`.
    #[serde(default)]
    pub examples: Vec<ExampleConfig>,
}

/// One example program: its source (relative to the config file) and the
/// crate features it needs.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExampleConfig {
    pub name: String,
    pub source: PathBuf,
    pub required_features: Vec<String>,
}

impl Config {
    /// Loads a file describing exactly one service (either form).
    pub fn load(path: &Path) -> Result<Config> {
        let mut all = Config::load_all(path)?;
        if all.len() != 1 {
            return Err(
                Error::new("", format!("describes {} services where one was expected", all.len())).in_file(path)
            );
        }
        Ok(all.remove(0))
    }

    /// Loads every service a config file describes: either one service's
    /// fields at the top level, or `{"services": [..]}` with one such object
    /// per service. Packages and output folders must be distinct, and no
    /// output folder may hold another (each is replaced as a whole).
    pub fn load_all(path: &Path) -> Result<Vec<Config>> {
        let text =
            std::fs::read_to_string(path).map_err(|e| Error::new("", format!("cannot read: {e}")).in_file(path))?;
        let invalid =
            |context: String, e: serde_json::Error| Error::new(context, format!("invalid config: {e}")).in_file(path);
        let value: serde_json::Value = serde_json::from_str(&text).map_err(|e| invalid(String::new(), e))?;
        let entries = match value {
            serde_json::Value::Object(mut top) if top.contains_key("services") => {
                let list = top.remove("services").unwrap_or_default();
                if let Some(other) = top.keys().next() {
                    return Err(Error::new("", format!("unknown field `{other}` beside `services`")).in_file(path));
                }
                let serde_json::Value::Array(list) = list else {
                    return Err(Error::new("services", "must be a list of services").in_file(path));
                };
                if list.is_empty() {
                    return Err(Error::new("services", "lists no service").in_file(path));
                }
                list.into_iter().enumerate().map(|(i, v)| (format!("services[{i}]"), v)).collect()
            }
            single => vec![(String::new(), single)],
        };
        let mut configs = Vec::new();
        for (context, entry) in entries {
            let config: Config = serde_json::from_value(entry).map_err(|e| invalid(context.clone(), e))?;
            configs.push(config.resolved(path).map_err(|e| Error { context, ..e })?);
        }
        check_distinct(&configs).map_err(|e| e.in_file(path))?;
        Ok(configs)
    }

    /// Makes the paths absolute, relative to the config file's folder.
    fn resolved(mut self, path: &Path) -> Result<Config> {
        let config = &mut self;
        // Absolute, so the runtime's path relative to the output folder is
        // the same however the config file was named.
        let base = std::path::absolute(path.parent().unwrap_or(Path::new(".")))
            .map_err(|e| Error::new("", format!("cannot resolve the folder: {e}")).in_file(path))?;
        let base = base.as_path();
        let optional = [&mut config.endpoint_rules, &mut config.partitions];
        for p in [&mut config.service, &mut config.paginators, &mut config.output, &mut config.runtime]
            .into_iter()
            .chain(optional.into_iter().flatten())
        {
            *p = base.join(&*p);
        }
        for example in &mut config.examples {
            example.source = base.join(&example.source);
        }
        Ok(self)
    }

    /// The runtime's path as the generated manifest writes it: relative to
    /// the output folder when both paths allow it, otherwise absolute.
    pub fn runtime_path(&self) -> String {
        relative_to(&self.output, &self.runtime).unwrap_or_else(|| {
            let absolute = std::fs::canonicalize(&self.runtime).unwrap_or_else(|_| self.runtime.clone());
            absolute.to_string_lossy().into_owned()
        })
    }

    pub fn selection(&self) -> Selection {
        if self.operations.iter().any(|o| o == "*") { Selection::All } else { Selection::Only(self.operations.clone()) }
    }
}

/// Two services writing one package or one folder would overwrite each other.
fn check_distinct(configs: &[Config]) -> Result<()> {
    for (i, a) in configs.iter().enumerate() {
        for (j, b) in configs.iter().enumerate().skip(i + 1) {
            let context = format!("services[{j}]");
            if a.package == b.package {
                return Err(Error::new(context, format!("package `{}` is also services[{i}]'s", b.package)));
            }
            let (pa, pb) = (normalized(&a.output), normalized(&b.output));
            if pa.starts_with(&pb) || pb.starts_with(&pa) {
                return Err(Error::new(
                    context,
                    format!("output `{}` overlaps services[{i}]'s `{}`", b.output.display(), a.output.display()),
                ));
            }
        }
    }
    Ok(())
}

/// `a/./b/../c` as `a/c`, without touching the file system.
fn normalized(p: &Path) -> PathBuf {
    use std::path::Component;
    let mut out = PathBuf::new();
    for c in p.components() {
        match c {
            Component::CurDir => {}
            Component::ParentDir => {
                out.pop();
            }
            c => out.push(c),
        }
    }
    out
}

fn default_runtime() -> PathBuf {
    PathBuf::from(crate::emit::RUNTIME_DIR)
}

/// `target` as seen from the folder `from`, both relative to one base, with
/// `/` separators so the manifest is the same on every machine; `None` when
/// `from` climbs out with `..` past what they share.
fn relative_to(from: &Path, target: &Path) -> Option<String> {
    use std::path::Component;
    // `a/b/../c` is `a/c`: a `..` after a name cancels it.
    fn parts(p: &Path) -> Vec<Component<'_>> {
        let mut out: Vec<Component<'_>> = Vec::new();
        for c in p.components() {
            match c {
                Component::CurDir => {}
                Component::ParentDir if matches!(out.last(), Some(Component::Normal(_))) => {
                    out.pop();
                }
                c => out.push(c),
            }
        }
        out
    }
    let (from, target) = (parts(from), parts(target));
    let shared = from.iter().zip(&target).take_while(|(a, b)| a == b).count();
    let mut out: Vec<String> = Vec::new();
    for c in &from[shared..] {
        match c {
            Component::Normal(_) => out.push("..".to_owned()),
            _ => return None,
        }
    }
    for c in &target[shared..] {
        match c {
            Component::Normal(name) => out.push(name.to_str()?.to_owned()),
            Component::ParentDir => out.push("..".to_owned()),
            _ => return None,
        }
    }
    Some(if out.is_empty() { ".".to_owned() } else { out.join("/") })
}

#[cfg(test)]
mod tests {
    use super::relative_to;
    use std::path::Path;

    #[test]
    fn the_runtime_is_named_relative_to_the_output_folder() {
        let rel = |from: &str, to: &str| relative_to(Path::new(from), Path::new(to));
        assert_eq!(rel("./generated", "./codegen/runtime").as_deref(), Some("../codegen/runtime"));
        assert_eq!(rel("generated/sqs", "codegen/runtime").as_deref(), Some("../../codegen/runtime"));
        assert_eq!(rel("/w/out", "/w/codegen/runtime").as_deref(), Some("../codegen/runtime"));
        assert_eq!(rel("t/f/x/../../../target/x", "codegen/runtime").as_deref(), Some("../../codegen/runtime"));
        assert_eq!(rel("../elsewhere", "codegen/runtime"), None);
    }
}
