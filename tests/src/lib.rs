//! Snapshot and behaviour tests live in `tests/tests/`.
