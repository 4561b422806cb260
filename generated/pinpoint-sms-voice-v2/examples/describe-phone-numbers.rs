//! Lists the account's phone numbers, like `aws pinpoint-sms-voice-v2
//! describe-phone-numbers` or boto3's `client.describe_phone_numbers()`.
//!
//! ```sh
//! cargo run -p pinpoint-sms-voice-v2 --example describe-phone-numbers -- --region us-east-1
//! cargo run -p pinpoint-sms-voice-v2 --example describe-phone-numbers -- \
//!     --filter status=ACTIVE --filter iso-country-code=US,CA --max-items 20 --json
//! ```
//!
//! Credentials and region come from the standard sources (environment
//! variables, then `~/.aws/credentials` and `~/.aws/config` with `AWS_PROFILE`).

use pinpoint_sms_voice_v2::types::{PhoneNumberFilter, PhoneNumberFilterName, PhoneNumberInformation};
use pinpoint_sms_voice_v2::{Client, Config};
use std::process::ExitCode;

const HELP: &str = "\
describe-phone-numbers: list the phone numbers of an Amazon Pinpoint SMS Voice V2 account

usage: describe-phone-numbers [--region R] [--endpoint-url URL] [--filter NAME=VALUE[,VALUE]]...
                              [--max-items N] [--json]

  --region R                the AWS region (default: AWS_REGION, AWS_DEFAULT_REGION or the profile's)
  --endpoint-url URL        send requests here instead of the region's endpoint
  --filter NAME=VALUE,...   keep numbers whose NAME is one of the VALUEs; repeatable. NAME is one of:
                            status, iso-country-code, message-type, number-capability, number-type,
                            two-way-enabled, self-managed-opt-outs-enabled, opt-out-list-name,
                            deletion-protection-enabled, two-way-channel-arn
  --max-items N             stop after N numbers (pages are fetched as needed)
  --json                    print a JSON array instead of a table
  -h, --help                this text

Credentials: AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY[/AWS_SESSION_TOKEN], or the profile
named by AWS_PROFILE (default `default`) in ~/.aws/credentials and ~/.aws/config.";

#[derive(Debug, Default)]
struct Args {
    region: Option<String>,
    endpoint_url: Option<String>,
    filters: Vec<PhoneNumberFilter>,
    max_items: Option<usize>,
    json: bool,
}

fn parse_args(mut args: impl Iterator<Item = String>) -> Result<Option<Args>, String> {
    let mut out = Args::default();
    while let Some(arg) = args.next() {
        let mut value = |flag: &str| args.next().ok_or(format!("{flag} needs a value"));
        match arg.as_str() {
            "-h" | "--help" => return Ok(None),
            "--region" => out.region = Some(value("--region")?),
            "--endpoint-url" => out.endpoint_url = Some(value("--endpoint-url")?),
            "--json" => out.json = true,
            "--max-items" => {
                let n = value("--max-items")?;
                out.max_items = Some(n.parse().map_err(|_| format!("--max-items: `{n}` is not a number"))?);
            }
            "--filter" => out.filters.push(filter(&value("--filter")?)?),
            other => return Err(format!("unknown argument `{other}` (see --help)")),
        }
    }
    Ok(Some(out))
}

/// `status=ACTIVE,PENDING` -> a filter on `status` with two values.
fn filter(text: &str) -> Result<PhoneNumberFilter, String> {
    let (name, values) = text.split_once('=').ok_or(format!("--filter `{text}`: expected NAME=VALUE[,VALUE]"))?;
    let name = PhoneNumberFilterName::from(name);
    if let PhoneNumberFilterName::Unknown(unknown) = &name {
        return Err(format!("--filter: unknown name `{}` (see --help)", unknown.as_str()));
    }
    let values: Vec<String> = values.split(',').filter(|v| !v.is_empty()).map(str::to_owned).collect();
    if values.is_empty() {
        return Err(format!("--filter `{text}`: no value"));
    }
    PhoneNumberFilter::builder().name(name).set_values(Some(values)).build().map_err(|e| e.to_string())
}

fn main() -> ExitCode {
    let args = match parse_args(std::env::args().skip(1)) {
        Ok(Some(args)) => args,
        Ok(None) => {
            println!("{HELP}");
            return ExitCode::SUCCESS;
        }
        Err(message) => {
            eprintln!("error: {message}");
            return ExitCode::from(2);
        }
    };
    let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().expect("a tokio runtime");
    match runtime.block_on(run(args)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("error: {message}");
            ExitCode::FAILURE
        }
    }
}

async fn run(args: Args) -> Result<(), String> {
    let mut config = Config::builder().with_default_providers();
    if let Some(region) = args.region {
        config = config.region(region);
    }
    if let Some(url) = args.endpoint_url {
        config = config.endpoint_url(url);
    }
    let client = Client::from_conf(config.build().map_err(|e| e.to_string())?);
    let mut paginator = client.describe_phone_numbers().set_filters(Some(args.filters)).into_paginator();
    if let Some(max) = args.max_items {
        paginator = paginator.max_items(max);
    }
    let mut items = paginator.items();
    let mut numbers = Vec::new();
    while let Some(number) = items.next().await {
        numbers.push(number.map_err(|e| e.to_string())?);
    }
    if args.json {
        println!("{}", json(&numbers));
    } else {
        print!("{}", table(&numbers));
    }
    Ok(())
}

fn columns(n: &PhoneNumberInformation) -> [String; 6] {
    [
        n.phone_number_id().unwrap_or_default().to_owned(),
        n.phone_number().to_owned(),
        n.status().as_str().to_owned(),
        n.iso_country_code().to_owned(),
        n.message_type().as_str().to_owned(),
        n.number_type().as_str().to_owned(),
    ]
}

const HEADERS: [&str; 6] = ["PhoneNumberId", "PhoneNumber", "Status", "IsoCountryCode", "MessageType", "NumberType"];

fn table(numbers: &[PhoneNumberInformation]) -> String {
    let rows: Vec<[String; 6]> = numbers.iter().map(columns).collect();
    let mut widths = HEADERS.map(str::len);
    for row in &rows {
        for (w, cell) in widths.iter_mut().zip(row) {
            *w = (*w).max(cell.len());
        }
    }
    let line = |cells: [&str; 6]| {
        let padded: Vec<String> = cells.iter().zip(widths).map(|(c, w)| format!("{c:<w$}")).collect();
        format!("{}\n", padded.join("  ").trim_end())
    };
    let mut out = line(HEADERS);
    for row in &rows {
        out.push_str(&line(row.each_ref().map(String::as_str)));
    }
    out.push_str(&format!("{} phone number(s)\n", rows.len()));
    out
}

fn json(numbers: &[PhoneNumberInformation]) -> String {
    let objects: Vec<String> = numbers
        .iter()
        .map(|n| {
            let members: Vec<String> = HEADERS
                .iter()
                .zip(columns(n))
                .map(|(key, value)| format!("{}:{}", quoted(key), quoted(&value)))
                .collect();
            format!("{{{}}}", members.join(","))
        })
        .collect();
    format!("[{}]", objects.join(","))
}

/// A JSON string: quotes, backslashes and control characters escaped.
fn quoted(text: &str) -> String {
    let mut out = String::from("\"");
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if u32::from(c) < 0x20 => out.push_str(&format!("\\u{:04x}", u32::from(c))),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}
