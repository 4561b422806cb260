//! Snapshot and behaviour tests live in `tests/tests/`; this library holds
//! what they share with crates the tests render: the model-driven round-trip
//! properties ([`roundtrip`]).

pub mod roundtrip;
