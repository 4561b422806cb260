//! Per-round samples of one case on one side, summarized as median and range.

use std::time::Duration;

#[derive(Default)]
pub struct Samples(Vec<Duration>);

impl Samples {
    pub fn push(&mut self, sample: Duration) {
        self.0.push(sample);
    }

    fn sorted(&self) -> Vec<Duration> {
        let mut sorted = self.0.clone();
        sorted.sort();
        sorted
    }

    /// The median; the mean of the two middle samples for an even count.
    pub fn median(&self) -> Duration {
        let sorted = self.sorted();
        let mid = sorted.len() / 2;
        if sorted.len().is_multiple_of(2) { (sorted[mid - 1] + sorted[mid]) / 2 } else { sorted[mid] }
    }

    /// `median (min..max) unit`, all in the median's unit (µs below a
    /// millisecond, else ms).
    pub fn summary(&self) -> String {
        let sorted = self.sorted();
        let median = self.median();
        let (unit, scale) = if median < Duration::from_millis(1) { ("µs", 1e6) } else { ("ms", 1e3) };
        let decimals = if unit == "µs" { 1 } else { 2 };
        let n = |d: Duration| format!("{:.*}", decimals, d.as_secs_f64() * scale);
        format!("{} ({}..{}) {unit}", n(median), n(sorted[0]), n(sorted[sorted.len() - 1]))
    }
}
