//! Where the generator's time goes, summed over every thread when a caller
//! (`cargo xtask scale --timings`) turns it on: otherwise each phase costs one
//! relaxed load. Wall time per phase, so with more busy threads than cores the
//! sums grow with the waiting; their proportions are what they are read for.

use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::time::{Duration, Instant};

/// A step of rendering a crate.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Phase {
    /// Reading, gunzipping and parsing model files.
    Load,
    /// Model to IR, the docs' HTML to Markdown included.
    Lower,
    /// Of lowering: the docs' HTML to Markdown.
    Docs,
    /// IR to token streams.
    Emit,
    /// `syn` parsing the emitted tokens, and dropping them.
    Parse,
    /// `prettyplease` printing the syntax trees, and dropping them.
    Print,
}

const PHASES: [Phase; 6] = [Phase::Load, Phase::Lower, Phase::Docs, Phase::Emit, Phase::Parse, Phase::Print];

static ENABLED: AtomicBool = AtomicBool::new(false);
static NANOS: [AtomicU64; PHASES.len()] = [const { AtomicU64::new(0) }; PHASES.len()];

impl Phase {
    pub fn name(self) -> &'static str {
        match self {
            Phase::Load => "load",
            Phase::Lower => "lower",
            Phase::Docs => "docs",
            Phase::Emit => "emit",
            Phase::Parse => "parse",
            Phase::Print => "print",
        }
    }
}

/// Starts summing (for the rest of the process).
pub fn enable() {
    ENABLED.store(true, Ordering::Relaxed);
}

/// Runs `f`, adding its time to `phase` when timings are on.
pub fn time<T>(phase: Phase, f: impl FnOnce() -> T) -> T {
    if !ENABLED.load(Ordering::Relaxed) {
        return f();
    }
    let start = Instant::now();
    let out = f();
    let nanos = u64::try_from(start.elapsed().as_nanos()).unwrap_or(u64::MAX);
    NANOS[phase as usize].fetch_add(nanos, Ordering::Relaxed);
    out
}

/// Every phase with its summed time so far, in pipeline order.
pub fn totals() -> Vec<(Phase, Duration)> {
    PHASES.iter().map(|&p| (p, Duration::from_nanos(NANOS[p as usize].load(Ordering::Relaxed)))).collect()
}
