//! What the first-run setup reads and writes in the data folder, apart from its pages
//! (`ui::setup_screen`) and its rules (`ui::setup_form`): which steps a prepared `kiosk.toml`, the
//! database and the keys folder already answer, and applying the answers (on the `setup` thread:
//! it writes files, keys and the database).

use std::path::{Path, PathBuf};

use crate::codes::Verifier;
use crate::codes::pass::keys;
use crate::config::{DataDir, KioskConfig, read_shared_secret};
use crate::desktop::{Autostart, AutostartError};
use crate::model::pii::PiiKey;
use crate::text::{Bilingual as _, Said};
use crate::ui::setup_form::{
    AutostartPlace, PassKeyChoice, SecretChoice, SetupAnswers, SetupPlan, SetupStep,
};

/// Works out what the first start must ask, before anything else opens the data folder.
///
/// A step is skipped when `kiosk.toml` has its keys (a file prepared by the district's IT helper
/// and copied from a USB stick sets up many laptops alike), or when the keys folder already has
/// the key. Whether the database already has a leader is asked of the store thread once the
/// window unlocked it (`KioskApp::begin_setup`): nothing here opens the database. Without a
/// `kiosk.toml`, the first start's own file is written (`DataDir::load_config`: the checkpoint
/// id and `setup_done = false`, private), so that quitting half-way through asks again at the
/// next start instead of taking the defaults as answers.
pub fn plan_first_run(data_dir: &DataDir) -> std::io::Result<SetupPlan> {
    let config_path = data_dir.config_path();
    let table: toml::Table = match std::fs::read_to_string(&config_path) {
        Ok(text) => text.parse().unwrap_or_default(),
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => {
            data_dir
                .load_config()
                .map_err(|error| std::io::Error::other(error.to_string()))?;
            toml::Table::new()
        }
        Err(error) => return Err(error),
    };
    if table.get("setup_done").and_then(toml::Value::as_bool) == Some(true) {
        return Ok(SetupPlan { steps: Vec::new() });
    }
    let keys_dir = data_dir.keys_dir();
    let steps = SetupStep::ALL
        .into_iter()
        .filter(|step| match step {
            SetupStep::Leader => true,
            SetupStep::PassKey => !has_pass_key(&keys_dir),
            // The installation secret is made at the first start; asking whether to join the
            // district's instead only makes sense before any entry was hashed with it.
            SetupStep::HashSecret => !keys_dir.join("installation.secret").exists(),
            other => !config_keys(*other)
                .iter()
                .all(|key| table.contains_key(*key)),
        })
        .collect();
    Ok(SetupPlan { steps })
}

fn has_pass_key(keys_dir: &Path) -> bool {
    keys::signing_key_path(keys_dir).exists()
        || std::fs::read_dir(keys::trusted_keys_dir(keys_dir))
            .is_ok_and(|mut entries| entries.next().is_some())
}

/// The `kiosk.toml` keys that answer this step; a step with none is answered elsewhere
/// (the database, the keys folder).
fn config_keys(step: SetupStep) -> &'static [&'static str] {
    match step {
        SetupStep::Language => &["language"],
        SetupStep::Checkpoint => &["checkpoint_name", "gate"],
        SetupStep::Roster => &["shift_roster"],
        SetupStep::Fever => &["fever_threshold_celsius"],
        SetupStep::Camera => &["camera_resolution"],
        SetupStep::Retention => &["retention_days"],
        SetupStep::Kiosk => &["kiosk_autostart", "keep_screen_awake", "kiosk_lock"],
        SetupStep::Leader | SetupStep::PassKey | SetupStep::HashSecret => &[],
    }
}

/// What the background thread changed, for the window to take over.
pub struct AppliedSetup {
    pub config: KioskConfig,
    /// The hashing key now in force (changed when the district's secret was joined).
    pub pii: PiiKey,
    /// Reloaded so that a new pass key counts at once.
    pub verifier: Verifier,
    /// What was done, one line each, in both languages (said on Settings, where F9 may follow).
    pub done: Vec<Said>,
}

/// The outcome of applying the answers: what changed, or why nothing was saved (in both
/// languages: the setup's language can still be switched while the message shows).
pub type SetupResult = Result<AppliedSetup, Said>;

impl AutostartPlace {
    /// The desktop's autostart entry at this place.
    pub fn resolve(&self) -> Result<Autostart, AutostartError> {
        match self {
            Self::CurrentUser => Autostart::for_current_user(),
            Self::ConfigHome(home) => Ok(Autostart::in_config_home(home)),
        }
    }
}

/// Applies the answers to the steps that were asked, then writes `kiosk.toml` with
/// `setup_done = true` last: when anything fails, the setup is asked again, nothing is half done
/// in the settings. Runs on a background thread, after the first leader was saved by the store
/// thread (the only one that opens the database). `done` starts with what was done before.
pub fn apply_setup(
    data_dir: &DataDir,
    steps: &[SetupStep],
    answers: &SetupAnswers,
    autostart: &AutostartPlace,
    mut done: Vec<Said>,
) -> SetupResult {
    if steps.contains(&SetupStep::PassKey) {
        done.push(apply_pass_key(data_dir, answers)?);
    }
    if steps.contains(&SetupStep::HashSecret) && answers.secret == SecretChoice::JoinDistrict {
        let file = PathBuf::from(answers.secret_file.trim());
        let key = read_shared_secret(&file).map_err(|error| error.said())?;
        data_dir
            .join_shared_secret(&key)
            .map_err(|error| error.said())?;
        done.push(crate::text::app::joined_shared_key(key.key_id()));
    }
    if steps.contains(&SetupStep::Kiosk) {
        apply_autostart(data_dir, answers, autostart)?;
    }
    let config = KioskConfig {
        setup_done: true,
        ..answers.config.clone()
    };
    data_dir
        .save_config(&config)
        .map_err(|error| error.said())?;
    let pii = data_dir.pii_key().map_err(|error| error.said())?;
    let verifier = Verifier::load(data_dir).map_err(|error| error.said())?;
    Ok(AppliedSetup {
        config,
        pii,
        verifier,
        done,
    })
}

/// The desktop's autostart entry, made to match the kiosk-mode answer.
fn apply_autostart(
    data_dir: &DataDir,
    answers: &SetupAnswers,
    autostart: &AutostartPlace,
) -> Result<(), Said> {
    let entry = autostart.resolve().map_err(|error| error.said())?;
    let result = if answers.config.kiosk_autostart {
        let program = std::env::current_exe().map_err(crate::text::app::program_path_unknown)?;
        entry.enable(&program, Some(data_dir.root()))
    } else {
        entry.disable()
    };
    result.map_err(|error| error.said())
}

fn apply_pass_key(data_dir: &DataDir, answers: &SetupAnswers) -> Result<Said, Said> {
    let keys_dir = data_dir.keys_dir();
    match answers.pass_key {
        PassKeyChoice::Create => {
            // A setup tried again after a failure finds the stamp it made the first time.
            let public = if keys::signing_key_path(&keys_dir).exists() {
                keys::load_signing_key(&keys_dir)
                    .map_err(|error| error.said())?
                    .verifying_key()
            } else {
                crate::codes::pass::init_signing_key(&keys_dir).map_err(|error| error.said())?
            };
            let id = hex::encode(crate::codes::pass::payload::key_id(&public));
            Ok(crate::text::app::pass_stamp_created(&id))
        }
        PassKeyChoice::Import => {
            let file = PathBuf::from(answers.pass_key_file.trim());
            let bytes = std::fs::read(&file)
                .map_err(|error| crate::text::app::cannot_read_stamp_file(file.display(), error))?;
            let id =
                keys::import_public_key(&keys_dir, &bytes, &file).map_err(|error| error.said())?;
            let id = hex::encode(id);
            Ok(crate::text::app::neighbour_stamp_accepted(&id))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn data_dir() -> (tempfile::TempDir, DataDir) {
        let dir = tempfile::tempdir().expect("temp dir");
        let data = DataDir::open(dir.path().join("data")).expect("open");
        (dir, data)
    }

    #[test]
    fn a_fresh_laptop_is_asked_every_step_and_quitting_half_way_asks_again() {
        let (_dir, data) = data_dir();
        let plan = plan_first_run(&data).expect("plan");
        assert_eq!(plan.steps, SetupStep::ALL.to_vec());
        // The app starts (loads the marker file) and is closed before the setup is finished.
        data.load_config().expect("load");
        let again = plan_first_run(&data).expect("plan");
        assert!(again.steps.contains(&SetupStep::Checkpoint));
        assert!(again.steps.contains(&SetupStep::Language));
    }

    #[test]
    fn a_prepared_kiosk_toml_skips_the_steps_it_answers() {
        let (_dir, data) = data_dir();
        std::fs::write(
            data.config_path(),
            "language = \"zh-CN\"\ncheckpoint_name = \"幸福里东门\"\ngate = \"2号岗\"\nfever_threshold_celsius = 37.3\nretention_days = 21\n",
        )
        .expect("write");
        let plan = plan_first_run(&data).expect("plan");
        for answered in [
            SetupStep::Language,
            SetupStep::Checkpoint,
            SetupStep::Fever,
            SetupStep::Retention,
        ] {
            assert!(!plan.steps.contains(&answered), "{answered:?} was answered");
        }
        for asked in [
            SetupStep::Roster,
            SetupStep::Camera,
            SetupStep::Leader,
            SetupStep::PassKey,
            SetupStep::Kiosk,
        ] {
            assert!(plan.steps.contains(&asked), "{asked:?} was not answered");
        }
    }

    #[test]
    fn a_finished_setup_is_not_asked_again() {
        let (_dir, data) = data_dir();
        std::fs::write(data.config_path(), "setup_done = true\n").expect("write");
        assert!(plan_first_run(&data).expect("plan").is_empty());
    }
}
