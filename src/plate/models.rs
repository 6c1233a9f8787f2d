//! Where the plate models are and whether they are the files recorded in
//! `assets/models/ppocr-v4/README.md` (size and SHA-256): a damaged or swapped model is refused,
//! not run.

use std::path::{Path, PathBuf};

use sha2::{Digest, Sha256};
use thiserror::Error;

/// The detector: PaddleOCR PP-OCRv4 text detection (DB), Apache-2.0.
pub const DETECTOR_FILE: &str = "ch_PP-OCRv4_det_infer.onnx";
pub const DETECTOR_SHA256: &str =
    "d2a7720d45a54257208b1e13e36a8479894cb74155a5efe29462512d42f49da9";
pub const DETECTOR_SIZE: u64 = 4_745_517;
/// The recogniser: PaddleOCR PP-OCRv4 text recognition (SVTR-LCNet, CTC), Apache-2.0; its
/// 6,623-character dictionary is in the model's metadata.
pub const RECOGNISER_FILE: &str = "ch_PP-OCRv4_rec_infer.onnx";
pub const RECOGNISER_SHA256: &str =
    "48fc40f24f6d2a207a2b1091d3437eb3cc3eb6b676dc3ef9c37384005483683b";
pub const RECOGNISER_SIZE: u64 = 10_857_958;

/// The folder name under `assets/models/` and `/usr/share/checkpoint-kiosk/models/`.
const MODEL_DIR: &str = "ppocr-v4";
/// Points at another folder holding both files (tests, a kiosk with the models elsewhere).
pub const MODELS_ENV: &str = "CHECKPOINT_KIOSK_MODELS";

/// Worded in `text::errors::plate_models`, both languages (`Display` is the English).
#[derive(Debug, Error)]
#[error("{}", self.words().en)]
pub enum ModelError {
    Missing { looked: String },
    Damaged { file: String, why: String },
    Runtime { file: String, why: String },
}

impl ModelError {
    fn words(&self) -> crate::text::Said {
        use crate::text::errors::plate_models as words;
        match self {
            Self::Missing { looked } => words::missing(looked),
            Self::Damaged { file, why } => words::damaged(file, why),
            Self::Runtime { file, why } => words::runtime(file, why),
        }
    }
}

impl crate::text::Bilingual for ModelError {
    fn en(&self) -> String {
        self.words().en
    }

    fn zh(&self) -> String {
        self.words().zh
    }
}

/// The two model files.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ModelFiles {
    pub detector: PathBuf,
    pub recogniser: PathBuf,
}

impl ModelFiles {
    pub fn in_dir(dir: &Path) -> Self {
        Self {
            detector: dir.join(DETECTOR_FILE),
            recogniser: dir.join(RECOGNISER_FILE),
        }
    }

    /// The first of these folders that holds both files: `$CHECKPOINT_KIOSK_MODELS`, the
    /// package's `/usr/share/checkpoint-kiosk/models/ppocr-v4` (found beside the binary), and
    /// the source tree's `assets/models/ppocr-v4` (a build run from its checkout).
    pub fn find() -> Result<Self, ModelError> {
        let places = candidate_dirs();
        places
            .iter()
            .map(|dir| Self::in_dir(dir))
            .find(|files| files.detector.is_file() && files.recogniser.is_file())
            .ok_or_else(|| ModelError::Missing {
                looked: places
                    .iter()
                    .map(|dir| dir.display().to_string())
                    .collect::<Vec<_>>()
                    .join(", "),
            })
    }
}

fn candidate_dirs() -> Vec<PathBuf> {
    let mut dirs = Vec::new();
    if let Some(dir) = std::env::var_os(MODELS_ENV) {
        dirs.push(PathBuf::from(dir));
    }
    if let Ok(exe) = std::env::current_exe()
        && let Some(prefix) = exe.parent().and_then(Path::parent)
    {
        dirs.push(prefix.join("share/checkpoint-kiosk/models").join(MODEL_DIR));
    }
    dirs.push(Path::new("/usr/share/checkpoint-kiosk/models").join(MODEL_DIR));
    dirs.push(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("assets/models")
            .join(MODEL_DIR),
    );
    dirs.dedup();
    dirs
}

/// Reads a model file, checking its size and SHA-256 against the recorded ones.
pub(crate) fn read_checked(path: &Path, size: u64, sha256: &str) -> Result<Vec<u8>, ModelError> {
    let file = path.display().to_string();
    let bytes = std::fs::read(path).map_err(|error| ModelError::Damaged {
        file: file.clone(),
        why: error.to_string(),
    })?;
    if bytes.len() as u64 != size {
        return Err(ModelError::Damaged {
            file,
            why: format!("{} bytes, expected {size}", bytes.len()),
        });
    }
    let digest = hex::encode(Sha256::digest(&bytes));
    if digest != sha256 {
        return Err(ModelError::Damaged {
            file,
            why: format!("SHA-256 {digest}, expected {sha256}"),
        });
    }
    Ok(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::Bilingual;

    #[test]
    fn a_changed_model_is_refused() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join(DETECTOR_FILE);
        std::fs::write(&path, b"not a model").expect("write");
        let error = read_checked(&path, DETECTOR_SIZE, DETECTOR_SHA256).expect_err("refused");
        assert!(matches!(error, ModelError::Damaged { .. }), "{error}");
        assert!(error.zh().contains("损坏"));
    }

    #[test]
    fn missing_models_say_where_they_were_looked_for() {
        let files = ModelFiles::in_dir(Path::new("/nonexistent/models"));
        let error = super::super::PlateReader::load(&files).expect_err("missing");
        assert!(error.to_string().contains("typed by hand"), "{error}");
    }
}
