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
    pub fn load(path: &Path) -> Result<Config> {
        let text =
            std::fs::read_to_string(path).map_err(|e| Error::new("", format!("cannot read: {e}")).in_file(path))?;
        let mut config: Config =
            serde_json::from_str(&text).map_err(|e| Error::new("", format!("invalid config: {e}")).in_file(path))?;
        let base = path.parent().unwrap_or(Path::new("."));
        let optional = [&mut config.endpoint_rules, &mut config.partitions];
        for p in [&mut config.service, &mut config.paginators, &mut config.output]
            .into_iter()
            .chain(optional.into_iter().flatten())
        {
            *p = base.join(&*p);
        }
        for example in &mut config.examples {
            example.source = base.join(&example.source);
        }
        Ok(config)
    }

    pub fn selection(&self) -> Selection {
        if self.operations.iter().any(|o| o == "*") { Selection::All } else { Selection::Only(self.operations.clone()) }
    }
}
