//! `checkpoint-kiosk plate FILE...`: read number plates in picture files without a window.
//!
//! One line per picture, like `scan`; a file that cannot be read gets an error line and the run
//! goes on. `--write-corpus DIR` writes the drawn test pictures (`plate::synth`) for the window
//! check and for evaluating the reader.

use std::path::{Path, PathBuf};

use serde::Serialize;

use crate::plate::{PlateReader, ReadPlate};
use crate::scan::picture::open_picture;

#[derive(Debug, clap::Args)]
pub struct PlateArgs {
    /// Print one JSON object per picture instead of readable lines
    #[arg(long)]
    pub json: bool,

    /// Write the drawn test pictures (night, rain, tilt, blur, dirt, two cars) into DIR,
    /// N of each condition, then read nothing
    #[arg(long, value_name = "DIR", hide = true)]
    pub write_corpus: Option<PathBuf>,

    /// Pictures of each condition for --write-corpus
    #[arg(long, value_name = "N", default_value_t = 2, hide = true)]
    pub per_condition: usize,

    /// Picture files (PNG, JPEG, WebP, BMP, GIF or TIFF)
    #[arg(required_unless_present = "write_corpus", value_name = "IMAGE")]
    pub images: Vec<PathBuf>,
}

#[derive(Serialize)]
#[serde(untagged)]
enum PictureReport {
    Read {
        file: String,
        ms: f64,
        plates: Vec<PlateReport>,
    },
    Failed {
        file: String,
        error: String,
    },
}

#[derive(Serialize)]
struct PlateReport {
    text: String,
    kind: &'static str,
    confidence: f32,
    corners: [[f32; 2]; 4],
}

impl From<ReadPlate> for PlateReport {
    fn from(plate: ReadPlate) -> Self {
        Self {
            text: plate.text,
            kind: plate.kind.as_str(),
            confidence: (plate.confidence * 100.0).round() / 100.0,
            corners: plate.corners,
        }
    }
}

pub fn run(args: &PlateArgs) -> anyhow::Result<()> {
    if let Some(dir) = &args.write_corpus {
        return write_corpus(dir, args.per_condition);
    }
    // Without models nothing can be read: said once, as the kiosk says it, and a failure.
    let reader = PlateReader::load_installed().map_err(|error| anyhow::anyhow!("{error}"))?;
    for path in &args.images {
        let report = read_file(&reader, path);
        if args.json {
            println!("{}", serde_json::to_string(&report)?);
        } else {
            print_readable(&report);
        }
    }
    Ok(())
}

fn read_file(reader: &PlateReader, path: &Path) -> PictureReport {
    let file = path.display().to_string();
    let failed = |error: String| PictureReport::Failed {
        file: file.clone(),
        error,
    };
    let image = match open_picture(path) {
        Ok(image) => image,
        Err(error) => return failed(error.to_string()),
    };
    match reader.read_timed(&image) {
        Ok((plates, ms)) => PictureReport::Read {
            file: file.clone(),
            ms: (ms * 10.0).round() / 10.0,
            plates: plates.into_iter().map(PlateReport::from).collect(),
        },
        Err(error) => failed(error.to_string()),
    }
}

fn print_readable(report: &PictureReport) {
    match report {
        PictureReport::Failed { file, error } => println!("{file}: error: {error}"),
        PictureReport::Read { file, plates, .. } if plates.is_empty() => {
            println!("{file}: no plate found");
        }
        PictureReport::Read { file, plates, .. } => {
            for plate in plates {
                println!(
                    "{file}: {} {} ({:.0}% sure)",
                    plate.text,
                    plate.kind,
                    plate.confidence * 100.0
                );
            }
        }
    }
}

fn write_corpus(dir: &Path, per_condition: usize) -> anyhow::Result<()> {
    use anyhow::Context;
    std::fs::create_dir_all(dir)
        .with_context(|| format!("cannot create the folder {}", dir.display()))?;
    for (index, case) in crate::plate::synth::corpus(per_condition)
        .iter()
        .enumerate()
    {
        let path = dir.join(case.file_name(index));
        case.image
            .save(&path)
            .with_context(|| format!("cannot write {}", path.display()))?;
        println!("{}", path.display());
    }
    Ok(())
}
