//! The generator's front end on any `service-2.json`: parsing the model and
//! lowering every operation to the IR. Errors are expected; panics are findings.
#![no_main]

use codegen::Selection;
use codegen::model::{PaginatorsModel, ServiceModel};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let Ok(service) = serde_json::from_str::<ServiceModel>(text) else {
        return;
    };
    let _ = codegen::lower::lower(&service, &PaginatorsModel::default(), &Selection::All);
});
