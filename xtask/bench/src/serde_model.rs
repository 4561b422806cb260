//! The baseline parser: `serde_json` into `#[derive(Deserialize)]` structs
//! shaped as DescribePhoneNumbersResult (required members plain, the rest
//! `Option`, enums with an unknown-value fallback, maps as `HashMap`), and a
//! derived `Serialize` request for the serialize-and-sign baseline.

// Parsed, never read: the baseline must build every field, as ours does.
#![allow(dead_code)]

use serde::{Deserialize, Serialize};
use std::collections::HashMap;

#[derive(Debug, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct DescribePhoneNumbersResult {
    pub phone_numbers: Option<Vec<PhoneNumberInformation>>,
    pub next_token: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct PhoneNumberInformation {
    pub phone_number_arn: String,
    pub phone_number_id: Option<String>,
    pub phone_number: String,
    pub status: NumberStatus,
    pub iso_country_code: String,
    pub message_type: MessageType,
    pub number_capabilities: Vec<NumberCapability>,
    pub number_type: NumberType,
    pub monthly_leasing_price: String,
    pub two_way_enabled: bool,
    pub two_way_channel_arn: Option<String>,
    pub two_way_channel_role: Option<String>,
    pub self_managed_opt_outs_enabled: bool,
    pub opt_out_list_name: String,
    pub international_sending_enabled: Option<bool>,
    pub deletion_protection_enabled: bool,
    pub pool_id: Option<String>,
    pub registration_id: Option<String>,
    pub messaging_limits: Option<MessagingLimits>,
    pub pricing_tier: Option<String>,
    /// Epoch seconds with a fraction, as awsJson sends timestamps.
    pub created_timestamp: f64,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct MessagingLimits {
    pub rate_limits: Option<HashMap<String, i64>>,
    pub daily_message_caps: Option<HashMap<String, i64>>,
}

#[derive(Debug, Deserialize, PartialEq)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum NumberStatus {
    Pending,
    Active,
    Associating,
    Disassociating,
    Deleted,
    #[serde(other)]
    Unknown,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum MessageType {
    Transactional,
    Promotional,
    #[serde(other)]
    Unknown,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum NumberCapability {
    Sms,
    Voice,
    Mms,
    Rcs,
    #[serde(other)]
    Unknown,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum NumberType {
    ShortCode,
    LongCode,
    TollFree,
    #[serde(rename = "TEN_DLC")]
    TenDlc,
    Simulator,
    #[serde(other)]
    Unknown,
}

/// DescribePhoneNumbersRequest, as much of it as the benchmark sends.
#[derive(Debug, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct DescribePhoneNumbersRequest<'a> {
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub filters: Vec<PhoneNumberFilter<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub next_token: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub max_results: Option<i32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub owner: Option<&'a str>,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct PhoneNumberFilter<'a> {
    pub name: &'a str,
    pub values: Vec<&'a str>,
}
