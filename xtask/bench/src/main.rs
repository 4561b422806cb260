//! The generated client against aws-sdk-pinpointsmsvoicev2, in one process,
//! through in-process transports that answer with the same canned bodies.
//! Each round times a batch of every case on both sides, alternating which
//! side goes first; the report gives per-iteration medians over the rounds.
//! Run it with `cargo xtask bench` (release build); see the README.

mod bodies;
mod canned;
mod ours;
mod serde_model;
mod stats;
mod theirs;

use canned::Canned;
use stats::Samples;
use std::process::ExitCode;
use std::time::{Duration, Instant};

const USAGE: &str = "usage: bench [--rounds N] [--quick]
  --rounds N   timed rounds (default: as many as fit in about a minute, at least 10)
  --quick      5 short rounds, to see that everything runs";

/// What the default number of rounds should take.
const DEFAULT_BUDGET: Duration = Duration::from_secs(60);

struct Options {
    /// `None`: as many as fit in [`DEFAULT_BUDGET`].
    rounds: Option<usize>,
    /// How long the slower side's batch of one case should take.
    batch: Duration,
}

fn options() -> Result<Option<Options>, String> {
    let mut options = Options { rounds: None, batch: Duration::from_millis(120) };
    let mut rounds = None;
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--rounds" => {
                let n = args.next().ok_or("--rounds needs a number")?;
                rounds = Some(
                    n.parse().ok().filter(|&n: &usize| n > 0).ok_or(format!("--rounds: not a positive number: {n}"))?,
                );
            }
            "--quick" => options = Options { rounds: Some(5), batch: Duration::from_millis(20) },
            "-h" | "--help" => return Ok(None),
            other => return Err(format!("unknown argument `{other}`\n{USAGE}")),
        }
    }
    options.rounds = rounds.or(options.rounds);
    Ok(Some(options))
}

/// One case: the same work on both sides, each returning a count that is
/// checked on every iteration so nothing can be optimized away.
struct Case<'a> {
    name: &'static str,
    baseline: &'static str,
    expect: usize,
    ours: Box<dyn FnMut() -> usize + 'a>,
    theirs: Box<dyn FnMut() -> usize + 'a>,
}

fn main() -> ExitCode {
    match options() {
        Ok(Some(options)) => {
            run(&options);
            ExitCode::SUCCESS
        }
        Ok(None) => {
            println!("{USAGE}");
            ExitCode::SUCCESS
        }
        Err(message) => {
            eprintln!("error: {message}");
            ExitCode::FAILURE
        }
    }
}

fn run(options: &Options) {
    let body100 = bodies::page(0, bodies::PAGE_ITEMS, None);
    let body1 = bodies::page(0, 1, None);
    let pages = bodies::pages();
    println!(
        "canned bodies: 100 items = {} bytes, 1 item = {} bytes, {} pages = {} bytes",
        body100.len(),
        body1.len(),
        pages.len(),
        pages.iter().map(Vec::len).sum::<usize>()
    );
    let rt = tokio::runtime::Builder::new_current_thread().enable_time().build().expect("a tokio runtime");
    let servers = [Canned::fixed(body100.clone()), Canned::fixed(body1), Canned::pages(pages)];
    let (ours100, ours1, ours_pages) =
        (ours::client(servers[0].clone()), ours::client(servers[1].clone()), ours::client(servers[2].clone()));
    let (theirs100, theirs1, theirs_pages) =
        (theirs::client(servers[0].clone()), theirs::client(servers[1].clone()), theirs::client(servers[2].clone()));
    let response100 = ours::response(&body100);

    sanity_check(&rt, &response100, &body100, &ours_pages, &theirs_pages);

    let all_items = bodies::PAGES * bodies::PAGE_ITEMS;
    let mut cases = [
        Case {
            name: "call100",
            baseline: "official client",
            expect: 100,
            ours: Box::new(|| rt.block_on(ours::call(&ours100))),
            theirs: Box::new(|| rt.block_on(theirs::call(&theirs100))),
        },
        Case {
            name: "call1",
            baseline: "official client",
            expect: 1,
            ours: Box::new(|| rt.block_on(ours::call(&ours1))),
            theirs: Box::new(|| rt.block_on(theirs::call(&theirs1))),
        },
        Case {
            name: "paginate",
            baseline: "official client",
            expect: all_items,
            ours: Box::new(|| rt.block_on(ours::paginate(&ours_pages)).0),
            theirs: Box::new(|| rt.block_on(theirs::paginate(&theirs_pages)).0),
        },
        Case {
            name: "parse",
            baseline: "serde_json derive",
            expect: 100,
            ours: Box::new(|| ours::parse(&response100)),
            theirs: Box::new(|| theirs::parse_serde(&body100)),
        },
        Case {
            name: "sign",
            baseline: "serde_json + aws-sigv4",
            expect: ours::serialize_and_sign(),
            ours: Box::new(ours::serialize_and_sign),
            theirs: Box::new(theirs::serialize_and_sign),
        },
    ];

    let (iterations, round_times): (Vec<usize>, Vec<Duration>) =
        cases.iter_mut().map(|case| calibrate(case, options.batch)).unzip();
    let round_time: Duration = round_times.iter().sum();
    let rounds = options
        .rounds
        .unwrap_or_else(|| (DEFAULT_BUDGET.as_secs_f64() / round_time.as_secs_f64()).clamp(10.0, 1000.0) as usize);
    let summary: Vec<String> = cases.iter().zip(&iterations).map(|(c, n)| format!("{}={n}", c.name)).collect();
    println!("{rounds} rounds of about {:.1} s; iterations per batch: {}", round_time.as_secs_f64(), summary.join(" "));

    let mut samples: Vec<[Samples; 2]> = cases.iter().map(|_| Default::default()).collect();
    let start = Instant::now();
    for round in 0..rounds {
        for ((case, &n), [ours, theirs]) in cases.iter_mut().zip(&iterations).zip(&mut samples) {
            // Alternate who goes first, so neither side always runs on a
            // cache the other warmed (or a CPU the other throttled).
            if round.is_multiple_of(2) {
                ours.push(batch(&mut case.ours, n, case.expect));
                theirs.push(batch(&mut case.theirs, n, case.expect));
            } else {
                theirs.push(batch(&mut case.theirs, n, case.expect));
                ours.push(batch(&mut case.ours, n, case.expect));
            }
        }
        eprint!("{}", if round == 0 { "rounds: ." } else { "." });
    }
    eprintln!(" ({:.1} s)", start.elapsed().as_secs_f64());

    for server in &servers {
        let (requests, unsigned) = server.counts();
        assert!(requests > 0 && unsigned == 0, "{unsigned} of {requests} requests arrived unsigned");
    }
    report(&cases, &samples);
}

/// Both sides agree on what the bodies hold before anything is timed, and
/// both clients sign and page through every item.
fn sanity_check(
    rt: &tokio::runtime::Runtime,
    response100: &http::Response<Vec<u8>>,
    body100: &[u8],
    ours_pages: &pinpoint_sms_voice_v2::Client,
    theirs_pages: &aws_sdk_pinpointsmsvoicev2::Client,
) {
    let ids = ours::parsed_ids(response100);
    assert_eq!(ids.len(), bodies::PAGE_ITEMS);
    assert_eq!(ids, theirs::parsed_ids(body100), "the two parsers disagree");
    let all = bodies::PAGES * bodies::PAGE_ITEMS;
    let last = bodies::phone_number_id(all - 1);
    assert_eq!(rt.block_on(ours::paginate(ours_pages)), (all, last.clone()));
    assert_eq!(rt.block_on(theirs::paginate(theirs_pages)), (all, last));
}

/// Warms both sides up, then picks the iterations per batch so that the
/// slower side's batch takes about `target`; returns them with the time one
/// round of this case should take (both batches).
fn calibrate(case: &mut Case, target: Duration) -> (usize, Duration) {
    let mut times = [Duration::ZERO; 2];
    for (side, time) in [&mut case.ours, &mut case.theirs].into_iter().zip(&mut times) {
        batch(side, 3, case.expect);
        // Enough iterations for a measurable batch, even on a busy machine.
        let mut n = 1;
        let start = Instant::now();
        *time = loop {
            let per_iteration = batch(side, n, case.expect);
            if per_iteration * n as u32 >= target / 4 || start.elapsed() >= target {
                break per_iteration;
            }
            n *= 2;
        };
    }
    let slowest = times[0].max(times[1]).max(Duration::from_nanos(1));
    let n = (target.as_secs_f64() / slowest.as_secs_f64()).ceil().max(1.0) as usize;
    (n, (times[0] + times[1]) * n as u32)
}

/// Runs `n` iterations; returns the time of one.
fn batch(f: &mut Box<dyn FnMut() -> usize + '_>, n: usize, expect: usize) -> Duration {
    let start = Instant::now();
    for _ in 0..n {
        assert_eq!(f(), expect);
    }
    start.elapsed() / n as u32
}

fn report(cases: &[Case], samples: &[[Samples; 2]]) {
    println!(
        "{:<9} {:<32} {:<32} {:<24} ours/theirs",
        "case", "ours: median (min..max)", "theirs: median (min..max)", "theirs is"
    );
    let mut ratios = Vec::new();
    for (case, [ours, theirs]) in cases.iter().zip(samples) {
        let ratio = ours.median().as_secs_f64() / theirs.median().as_secs_f64();
        println!("{:<9} {:<32} {:<32} {:<24} {ratio:.2}", case.name, ours.summary(), theirs.summary(), case.baseline);
        ratios.push((case.name, ratio));
    }
    let ratio = |name: &str| ratios.iter().find(|(n, _)| *n == name).map_or(f64::NAN, |(_, r)| *r);
    println!("(times per iteration; a call builds, serializes, signs, sends in-process and parses)");
    println!(
        "ratios: call100={:.2} call1={:.2} paginate={:.2} parse_vs_serde={:.2}",
        ratio("call100"),
        ratio("call1"),
        ratio("paginate"),
        ratio("parse")
    );
}
