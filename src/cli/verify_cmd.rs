//! `checkpoint-kiosk verify`: judge one code from text, stdin or an image, print the verdict.
//!
//! Exit status 0 whatever the verdict; non-zero only when the arguments or files are wrong.

use std::io::Read;
use std::path::{Path, PathBuf};

use anyhow::{Context, bail};
use chrono::{DateTime, Utc};

use crate::codes::{RulePreset, Verifier};
use crate::config::DataDir;
use crate::model::HealthColour;

#[derive(Debug, clap::Args)]
#[command(group = clap::ArgGroup::new("input").required(true).args(["text", "image"]))]
pub struct VerifyArgs {
    /// Print the verdict as one JSON object
    #[arg(long)]
    pub json: bool,
    /// Extra PEM bundle of DCC signer certificates, trusted for this run only
    #[arg(long, value_name = "FILE")]
    pub trust: Option<PathBuf>,
    /// Judge as at this time (RFC 3339, e.g. 2026-11-23T08:00:00Z) instead of now
    #[arg(long, value_name = "RFC3339")]
    pub at: Option<String>,
    /// Hours a negative test counts for (48 or 72)
    #[arg(long, value_name = "HOURS", default_value_t = 72, value_parser = parse_test_hours)]
    pub test_hours: u32,
    /// The payload text; `-` reads it from standard input
    #[arg(long, value_name = "PAYLOAD")]
    pub text: Option<String>,
    /// An image file holding the QR code
    #[arg(value_name = "IMAGE")]
    pub image: Option<PathBuf>,
}

fn parse_test_hours(text: &str) -> Result<u32, String> {
    match text {
        "48" => Ok(48),
        "72" => Ok(72),
        _ => Err("the rule preset knows 48 or 72 hours".to_owned()),
    }
}

pub fn run(data_dir: &DataDir, args: &VerifyArgs) -> anyhow::Result<()> {
    let now = match &args.at {
        Some(text) => DateTime::parse_from_rfc3339(text)
            .with_context(|| {
                format!("--at {text:?} is not an RFC 3339 time; write it like 2026-11-23T08:00:00Z")
            })?
            .to_utc(),
        None => Utc::now(),
    };
    let (payload, scanned_colour) = read_payload(args)?;
    let mut verifier = Verifier::load(data_dir)?;
    verifier.set_rules(RulePreset {
        test_validity_hours: args.test_hours,
    });
    if let Some(path) = &args.trust {
        verifier.add_trust_file(path)?;
    }
    let verdict = match scanned_colour {
        Some(colour) => verifier.verify_scanned(&payload, colour, now),
        None => verifier.verify(&payload, now),
    };
    if args.json {
        println!("{}", verdict_json(&verdict));
    } else {
        print_human(&verdict);
    }
    Ok(())
}

/// The payload, and the colour it was drawn in when it came from an image.
fn read_payload(args: &VerifyArgs) -> anyhow::Result<(String, Option<HealthColour>)> {
    match (&args.text, &args.image) {
        (Some(text), _) if text == "-" => Ok((read_stdin_payload(std::io::stdin())?, None)),
        (Some(text), _) => Ok((text.clone(), None)),
        (None, Some(path)) => scan_image(path).map(|(text, colour)| (text, Some(colour))),
        (None, None) => bail!("give --text PAYLOAD, --text - or an IMAGE file"),
    }
}

/// Reads a payload from `input`, at most a little more than the verifier accepts. A longer
/// payload is cut there, and a cut can split a multi-byte character: the split character is
/// dropped, so the verifier says "too long" rather than this saying "not UTF-8".
fn read_stdin_payload(input: impl Read) -> anyhow::Result<String> {
    let limit = crate::codes::MAX_PAYLOAD_BYTES as u64 * 2;
    let mut bytes = Vec::new();
    input
        .take(limit + 1)
        .read_to_end(&mut bytes)
        .context("cannot read the payload from standard input")?;
    let cut = bytes.len() as u64 > limit;
    match String::from_utf8(bytes) {
        Ok(text) => Ok(text),
        Err(error) if cut && error.utf8_error().error_len().is_none() => {
            let valid = error.utf8_error().valid_up_to();
            let mut bytes = error.into_bytes();
            bytes.truncate(valid);
            String::from_utf8(bytes).context("the payload on standard input must be UTF-8 text")
        }
        Err(_) => bail!(
            "the payload on standard input is not UTF-8 text; pass the code's text as read by the scanner"
        ),
    }
}

/// Reads the first code in an image with the scanner's full cascade, with the colour it is
/// drawn in.
fn scan_image(path: &Path) -> anyhow::Result<(String, HealthColour)> {
    let picture = crate::scan::picture::open_picture(path)
        .with_context(|| format!("cannot open {} as a picture", path.display()))?;
    crate::scan::scan_still(&picture)
        .into_iter()
        .next()
        .map(|code| (code.text, code.colour))
        .with_context(|| {
            format!(
                "no readable QR code in {}; retake the photo closer and sharper",
                path.display()
            )
        })
}

fn print_human(verdict: &crate::codes::CodeVerdict) {
    let status = match verdict.valid {
        Some(true) => "VALID",
        Some(false) => "INVALID",
        None => "NOT VERIFIABLE OFFLINE",
    };
    println!("{}: {status}  {}", verdict.format.as_str(), verdict.label);
    for (name, value) in [("holder", &verdict.holder), ("issuer", &verdict.issuer)] {
        if let Some(value) = value {
            println!("  {name}: {value}");
        }
    }
    if let Some(expires) = verdict.expires {
        println!("  expires: {}", expires.to_rfc3339());
    }
    for reason in &verdict.reasons {
        println!("  - {}", crate::text::codes::reason(reason).en);
    }
}

/// The verdict's JSON with each reason's words in both languages.
fn verdict_json(verdict: &crate::codes::CodeVerdict) -> serde_json::Value {
    let mut json = verdict.to_json();
    for (at, reason) in verdict.reasons.iter().enumerate() {
        let words = crate::text::codes::reason(reason);
        json["reasons"][at]["en"] = words.en.into();
        json["reasons"][at]["zh"] = words.zh.into();
    }
    json
}
