//! `checkpoint-kiosk scan IMAGE...`: decode health codes in picture files without a window.
//!
//! One line per image; a file that cannot be read gets an error line and the run goes on.

use std::path::{Path, PathBuf};
use std::time::Instant;

use serde::Serialize;

use crate::scan::picture::open_picture;
use crate::scan::{DetectedCode, scan_still};

#[derive(Debug, clap::Args)]
pub struct ScanArgs {
    /// Print one JSON object per image instead of readable lines
    #[arg(long)]
    pub json: bool,

    /// Picture files (PNG, JPEG, WebP, BMP, GIF or TIFF)
    #[arg(required = true, value_name = "IMAGE")]
    pub images: Vec<PathBuf>,
}

#[derive(Serialize)]
#[serde(untagged)]
enum ImageReport {
    Scanned {
        file: String,
        ms: f64,
        codes: Vec<CodeReport>,
    },
    Failed {
        file: String,
        error: String,
    },
}

#[derive(Serialize)]
struct CodeReport {
    text: String,
    color: &'static str,
    confidence: f32,
    corners: [[f32; 2]; 4],
}

impl From<DetectedCode> for CodeReport {
    fn from(code: DetectedCode) -> Self {
        Self {
            text: code.text,
            color: code.colour.as_str(),
            confidence: (code.confidence * 100.0).round() / 100.0,
            corners: code.corners.map(|[x, y]| [x.round(), y.round()]),
        }
    }
}

/// Scans every image; errors on single files are reported in the output, not as failure.
pub fn run(args: &ScanArgs) -> anyhow::Result<()> {
    for path in &args.images {
        let report = scan_file(path);
        if args.json {
            println!("{}", serde_json::to_string(&report)?);
        } else {
            print_readable(&report);
        }
    }
    Ok(())
}

fn scan_file(path: &Path) -> ImageReport {
    let file = path.display().to_string();
    let image = match open_picture(path) {
        Ok(image) => image,
        Err(error) => {
            return ImageReport::Failed {
                file,
                error: error.to_string(),
            };
        }
    };
    let started = Instant::now();
    let codes = scan_still(&image);
    let ms = (started.elapsed().as_secs_f64() * 10_000.0).round() / 10.0;
    ImageReport::Scanned {
        file,
        ms,
        codes: codes.into_iter().map(CodeReport::from).collect(),
    }
}

fn print_readable(report: &ImageReport) {
    match report {
        ImageReport::Failed { file, error } => println!("{file}: error: {error}"),
        ImageReport::Scanned { file, codes, .. } if codes.is_empty() => {
            println!("{file}: no code found");
        }
        ImageReport::Scanned { file, codes, .. } => {
            for code in codes {
                println!(
                    "{file}: {} code ({:.0}% sure): {}",
                    code.color,
                    code.confidence * 100.0,
                    code.text
                );
            }
        }
    }
}
