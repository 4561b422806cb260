//! botocore's `partitions.json` -> IR: each partition's outputs, its sorted
//! region list and its compiled `regionRegex`.

use super::regex;
use crate::error::{Error, Result};
use crate::ir::endpoints::Partition;
use crate::model::endpoints::Partitions;

pub fn lower(model: &Partitions) -> Result<Vec<Partition>> {
    if !model.version.starts_with("1.") {
        return Err(Error::new("partitions", format!("unsupported version `{}` (1.x is)", model.version)));
    }
    if model.partitions.is_empty() {
        // The first partition is the fallback for unknown regions.
        return Err(Error::new("partitions", "no partitions are listed"));
    }
    model
        .partitions
        .iter()
        .map(|p| {
            let region_regex =
                regex::compile(&p.region_regex).map_err(|e| Error::new(format!("partition `{}`", p.id), e))?;
            let mut regions: Vec<String> = p.regions.keys().cloned().collect();
            regions.sort();
            let o = &p.outputs;
            Ok(Partition {
                name: p.id.clone(),
                dns_suffix: o.dns_suffix.clone(),
                dual_stack_dns_suffix: o.dual_stack_dns_suffix.clone(),
                supports_fips: o.supports_fips,
                supports_dual_stack: o.supports_dual_stack,
                implicit_global_region: o.implicit_global_region.clone(),
                regions,
                region_regex,
            })
        })
        .collect()
}
