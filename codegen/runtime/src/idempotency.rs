//! Idempotency tokens: the value an operation's `idempotencyToken` member gets
//! when the caller leaves it unset, a random UUID v4 as boto3 and
//! aws-sdk-rust send.
//!
//! A token only has to differ from every other token the service sees from
//! this account; it is not a secret. So the bits come from the standard
//! library alone (no RNG dependency): SipHash keyed by a [`RandomState`],
//! which the OS seeds once per process, over a process-wide counter (distinct
//! within the process), the process id and the time (distinct across forked
//! children, which share the key and counter). Do not use these values where
//! unpredictability matters.

use std::collections::hash_map::RandomState;
use std::hash::{BuildHasher, Hasher};
use std::sync::OnceLock;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{SystemTime, UNIX_EPOCH};

/// A fresh token: a random UUID v4, lowercase and hyphenated.
pub fn new_token() -> String {
    uuid_v4(random_bits())
}

/// Formats 128 bits as a UUID v4 (`xxxxxxxx-xxxx-4xxx-Yxxx-xxxxxxxxxxxx`, `Y`
/// one of `8`, `9`, `a`, `b`), overwriting the six version and variant bits.
/// For callers that bring their own random numbers.
pub fn uuid_v4(bits: u128) -> String {
    let bits = (bits & !(0xf << 76)) | (0x4 << 76); // version 4
    let bits = (bits & !(0x3 << 62)) | (0x2 << 62); // variant 10 (RFC 9562)
    let hex = format!("{bits:032x}");
    format!("{}-{}-{}-{}-{}", &hex[..8], &hex[8..12], &hex[12..16], &hex[16..20], &hex[20..])
}

pub(crate) fn random_bits() -> u128 {
    static KEY: OnceLock<RandomState> = OnceLock::new();
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let key = KEY.get_or_init(RandomState::new);
    let count = COUNTER.fetch_add(1, Ordering::Relaxed);
    // A clock before 1970 only loses the time's contribution, not uniqueness.
    let nanos = SystemTime::now().duration_since(UNIX_EPOCH).map_or(0, |d| d.as_nanos());
    let pid = std::process::id();
    // Two 64-bit hashes of the same inputs, told apart by a lane byte.
    let half = |lane: u8| {
        let mut h = key.build_hasher();
        h.write_u8(lane);
        h.write_u64(count);
        h.write_u32(pid);
        h.write_u128(nanos);
        h.finish()
    };
    (u128::from(half(0)) << 64) | u128::from(half(1))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    fn assert_uuid_v4(token: &str) {
        let groups: Vec<&str> = token.split('-').collect();
        assert_eq!(groups.iter().map(|g| g.len()).collect::<Vec<_>>(), [8, 4, 4, 4, 12], "{token}");
        assert!(token.chars().all(|c| c == '-' || matches!(c, '0'..='9' | 'a'..='f')), "{token}");
        assert!(groups[2].starts_with('4'), "version: {token}");
        assert!(groups[3].starts_with(['8', '9', 'a', 'b']), "variant: {token}");
    }

    #[test]
    fn formats_version_and_variant_over_any_bits() {
        assert_eq!(uuid_v4(0), "00000000-0000-4000-8000-000000000000");
        assert_eq!(uuid_v4(u128::MAX), "ffffffff-ffff-4fff-bfff-ffffffffffff");
        assert_eq!(uuid_v4(0x0123_4567_89ab_cdef_0123_4567_89ab_cdef), "01234567-89ab-4def-8123-456789abcdef");
    }

    #[test]
    fn new_tokens_are_uuid_v4() {
        for _ in 0..100 {
            assert_uuid_v4(&new_token());
        }
    }

    #[test]
    fn new_tokens_are_distinct() {
        let tokens: HashSet<String> = (0..10_000).map(|_| new_token()).collect();
        assert_eq!(tokens.len(), 10_000);
    }

    #[test]
    fn threads_get_distinct_tokens() {
        let spawn = || std::thread::spawn(|| (0..1_000).map(|_| new_token()).collect::<Vec<_>>());
        let (a, b) = (spawn(), spawn());
        let all: HashSet<String> = a.join().unwrap().into_iter().chain(b.join().unwrap()).collect();
        assert_eq!(all.len(), 2_000);
    }
}
