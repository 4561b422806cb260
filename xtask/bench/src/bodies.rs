//! The canned DescribePhoneNumbers responses both clients parse, generated
//! deterministically (a fixed-seed xorshift picks each item's variations), so
//! every run and both sides see the same bytes.

use std::fmt::Write;

/// Items per full page, as the service's `MaxResults` allows.
pub const PAGE_ITEMS: usize = 100;
/// Pages in the pagination case.
pub const PAGES: usize = 50;

/// One page of `items` phone numbers; `page` seeds the variations and the
/// ids, `next_token` is written when given.
pub fn page(page: usize, items: usize, next_token: Option<&str>) -> Vec<u8> {
    let mut rng = XorShift(0x9E37_79B9_7F4A_7C15 ^ (page as u64 + 1).wrapping_mul(0x2545_F491_4F6C_DD1D));
    let mut out = String::with_capacity(items * 760 + 64);
    out.push_str("{\"PhoneNumbers\":[");
    for i in 0..items {
        if i > 0 {
            out.push(',');
        }
        item(&mut out, page * PAGE_ITEMS + i, &mut rng);
    }
    out.push(']');
    if let Some(token) = next_token {
        write!(out, ",\"NextToken\":\"{token}\"").unwrap();
    }
    out.push('}');
    out.into_bytes()
}

/// The token that asks for page `n` (1-based past the first page).
pub fn token(n: usize) -> String {
    format!("AAEAAbench{n:04}Zm9yIHBhZ2luYXRpb24K")
}

/// The page a request asks for: 0 without a token, else the number in it.
pub fn requested_page(request_body: &[u8]) -> usize {
    let needle = b"AAEAAbench";
    let Some(at) = request_body.windows(needle.len()).position(|w| w == needle) else {
        return 0;
    };
    let digits = &request_body[at + needle.len()..at + needle.len() + 4];
    std::str::from_utf8(digits).ok().and_then(|d| d.parse().ok()).expect("a page number in the token")
}

/// The 50 pages of the pagination case, each but the last with the token of
/// the next.
pub fn pages() -> Vec<Vec<u8>> {
    (0..PAGES).map(|p| page(p, PAGE_ITEMS, (p + 1 < PAGES).then(|| token(p + 1)).as_deref())).collect()
}

/// The id the item numbered `n` (over all pages) carries.
pub fn phone_number_id(n: usize) -> String {
    format!("phone-{:032x}", (n as u128 + 1).wrapping_mul(0x9E37_79B9_7F4A_7C15_F39C_C060_5CED_C835))
}

const ACCOUNT: &str = "123456789012";

/// One `PhoneNumberInformation`, shaped like the service's: every required
/// member, and the optional ones present or not as real numbers have them.
fn item(out: &mut String, n: usize, rng: &mut XorShift) {
    let id = phone_number_id(n);
    let (country, prefix) =
        *rng.pick(&[("US", "+1206555"), ("US", "+1425555"), ("CA", "+1604555"), ("GB", "+44791100")]);
    let status = rng.pick(&["ACTIVE", "ACTIVE", "ACTIVE", "PENDING", "ASSOCIATING"]);
    let message_type = rng.pick(&["TRANSACTIONAL", "PROMOTIONAL"]);
    let capabilities = rng.pick(&["\"SMS\"", "\"SMS\",\"VOICE\"", "\"SMS\",\"MMS\",\"VOICE\""]);
    let (number_type, price) =
        *rng.pick(&[("TEN_DLC", "2.00"), ("TOLL_FREE", "2.00"), ("LONG_CODE", "1.00"), ("SHORT_CODE", "995.00")]);
    write!(
        out,
        "{{\"PhoneNumberArn\":\"arn:aws:sms-voice:us-east-1:{ACCOUNT}:phone-number/{id}\",\"PhoneNumberId\":\"{id}\",\
         \"PhoneNumber\":\"{prefix}{:04}\",\"Status\":\"{status}\",\"IsoCountryCode\":\"{country}\",\
         \"MessageType\":\"{message_type}\",\"NumberCapabilities\":[{capabilities}],\"NumberType\":\"{number_type}\",\
         \"MonthlyLeasingPrice\":\"{price}\"",
        n % 10_000
    )
    .unwrap();
    let two_way = rng.next().is_multiple_of(3);
    write!(out, ",\"TwoWayEnabled\":{two_way}").unwrap();
    if two_way {
        write!(
            out,
            ",\"TwoWayChannelArn\":\"arn:aws:sns:us-east-1:{ACCOUNT}:inbound-sms-{:05}\",\
             \"TwoWayChannelRole\":\"arn:aws:iam::{ACCOUNT}:role/service-role/SmsVoiceTwoWayChannel\"",
            n % 100_000
        )
        .unwrap();
    }
    let opt_out_list = rng.pick(&["Default", "Default", "marketing-opt-outs", "alerts-opt-outs-2024"]);
    write!(
        out,
        ",\"SelfManagedOptOutsEnabled\":{},\"OptOutListName\":\"{opt_out_list}\",\"InternationalSendingEnabled\":{},\
         \"DeletionProtectionEnabled\":{}",
        rng.next().is_multiple_of(4),
        rng.next().is_multiple_of(2),
        rng.next().is_multiple_of(2)
    )
    .unwrap();
    if rng.next().is_multiple_of(2) {
        write!(out, ",\"PoolId\":\"pool-{:032x}\"", u128::from(rng.next()) << 64 | u128::from(rng.next())).unwrap();
    }
    if number_type == "TEN_DLC" || number_type == "TOLL_FREE" {
        write!(
            out,
            ",\"RegistrationId\":\"registration-{:032x}\"",
            u128::from(rng.next()) << 64 | u128::from(rng.next())
        )
        .unwrap();
    }
    write!(out, ",\"MessagingLimits\":{{\"RateLimits\":{{\"SMS\":{},\"VOICE\":1}}", 1 + rng.next() % 100).unwrap();
    if number_type == "TEN_DLC" {
        write!(
            out,
            ",\"DailyMessageCaps\":{{\"T-MOBILE\":{},\"AT&T\":{}}}",
            2000 * (1 + rng.next() % 5),
            75 * (1 + rng.next() % 40)
        )
        .unwrap();
    }
    out.push('}');
    if rng.next().is_multiple_of(3) {
        out.push_str(",\"PricingTier\":\"TIER_1\"");
    }
    // Seconds with milliseconds, as the service writes timestamps.
    write!(out, ",\"CreatedTimestamp\":{}.{:03}}}", 1_600_000_000 + rng.next() % 150_000_000, rng.next() % 1000)
        .unwrap();
}

struct XorShift(u64);

impl XorShift {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn pick<'a, T>(&mut self, choices: &'a [T]) -> &'a T {
        &choices[(self.next() % choices.len() as u64) as usize]
    }
}
