//! The first-run setup's questions, answers and rules, apart from the widgets that ask them
//! (`setup_screen`): which steps a prepared `kiosk.toml` already answers, what makes an answer
//! acceptable, and applying the answers (on a background thread: it writes files and the
//! database).

use std::path::{Path, PathBuf};

use crate::codes::Verifier;
use crate::codes::pass::keys;
use crate::config::{DataDir, KioskConfig, Language, read_shared_secret};
use crate::desktop::Autostart;
use crate::model::Role;
use crate::model::pii::PiiKey;
use crate::store::{Store, inspect_database};

/// One question of the first-run setup, in the order they are asked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SetupStep {
    Language,
    Checkpoint,
    Roster,
    Fever,
    Camera,
    Leader,
    PassKey,
    HashSecret,
    Retention,
    Kiosk,
}

impl SetupStep {
    pub const ALL: [SetupStep; 10] = [
        Self::Language,
        Self::Checkpoint,
        Self::Roster,
        Self::Fever,
        Self::Camera,
        Self::Leader,
        Self::PassKey,
        Self::HashSecret,
        Self::Retention,
        Self::Kiosk,
    ];

    /// The step's heading.
    pub fn title(self, lang: Language) -> &'static str {
        match self {
            Self::Language => lang.pick("界面语言 Language", "Language 界面语言"),
            Self::Checkpoint => lang.pick("检查点和岗位", "Checkpoint and gate"),
            Self::Roster => lang.pick("排班", "Shift roster"),
            Self::Fever => lang.pick("发热线", "Fever threshold"),
            Self::Camera => lang.pick("摄像头测试", "Camera test"),
            Self::Leader => lang.pick("第一位带班组长", "First shift leader"),
            Self::PassKey => lang.pick("出入证签名密钥", "Pass signing key"),
            Self::HashSecret => lang.pick("哈希密钥", "Hashing secret"),
            Self::Retention => lang.pick("数据保留期限", "Retention period"),
            Self::Kiosk => lang.pick("值守模式", "Kiosk mode"),
        }
    }

    /// The `kiosk.toml` keys that answer this step; a step with none is answered elsewhere
    /// (the database, the keys folder).
    fn config_keys(self) -> &'static [&'static str] {
        match self {
            Self::Language => &["language"],
            Self::Checkpoint => &["checkpoint_name", "gate"],
            Self::Roster => &["shift_roster"],
            Self::Fever => &["fever_threshold_celsius"],
            Self::Camera => &["camera_resolution"],
            Self::Retention => &["retention_days"],
            Self::Kiosk => &["kiosk_autostart", "keep_screen_awake", "kiosk_lock"],
            Self::Leader | Self::PassKey | Self::HashSecret => &[],
        }
    }
}

/// The steps still to ask on this data folder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SetupPlan {
    pub steps: Vec<SetupStep>,
}

impl SetupPlan {
    pub fn is_empty(&self) -> bool {
        self.steps.is_empty()
    }

    /// Every settings question again (Settings → "run the setup again"); leaders and keys,
    /// which already exist, have their own places.
    pub fn settings_again() -> Self {
        Self {
            steps: vec![
                SetupStep::Language,
                SetupStep::Checkpoint,
                SetupStep::Roster,
                SetupStep::Fever,
                SetupStep::Camera,
                SetupStep::Retention,
                SetupStep::Kiosk,
            ],
        }
    }
}

/// Works out what the first start must ask, before anything else opens the data folder.
///
/// A step is skipped when `kiosk.toml` has its keys (a file prepared by the district's IT helper
/// and copied from a USB stick sets up many laptops alike), when the database already has a
/// leader, or when the keys folder already has the key. Without a `kiosk.toml` a one-line file
/// saying `setup_done = false` is written, so that quitting half-way through asks again at the
/// next start instead of taking the defaults as answers.
pub fn plan_first_run(data_dir: &DataDir) -> std::io::Result<SetupPlan> {
    let config_path = data_dir.config_path();
    let table: toml::Table = match std::fs::read_to_string(&config_path) {
        Ok(text) => text.parse().unwrap_or_default(),
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => {
            std::fs::write(
                &config_path,
                "# Written at the first start; the setup in the window fills in the rest.\nsetup_done = false\n",
            )?;
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
            SetupStep::Leader => !has_leader(&data_dir.database_path()),
            SetupStep::PassKey => !has_pass_key(&keys_dir),
            // The installation secret is made at the first start; asking whether to join the
            // district's instead only makes sense before any entry was hashed with it.
            SetupStep::HashSecret => !keys_dir.join("installation.secret").exists(),
            other => !other
                .config_keys()
                .iter()
                .all(|key| table.contains_key(*key)),
        })
        .collect();
    Ok(SetupPlan { steps })
}

fn has_leader(database: &Path) -> bool {
    database.exists() && inspect_database(database).is_ok_and(|health| health.leaders > 0)
}

fn has_pass_key(keys_dir: &Path) -> bool {
    keys::signing_key_path(keys_dir).exists()
        || std::fs::read_dir(keys::trusted_keys_dir(keys_dir))
            .is_ok_and(|mut entries| entries.next().is_some())
}

/// Create the district's pass-signing key here, or trust a neighbour's public key.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum PassKeyChoice {
    #[default]
    Create,
    Import,
}

/// Keep this kiosk's own hashing secret, or join the district's.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum SecretChoice {
    #[default]
    CreateOwn,
    JoinDistrict,
}

/// Everything the setup asks, as typed so far.
#[derive(Debug, Clone)]
pub struct SetupAnswers {
    pub config: KioskConfig,
    pub leader_name: String,
    pub pin: String,
    pub pin_again: String,
    pub pass_key: PassKeyChoice,
    pub pass_key_file: String,
    pub secret: SecretChoice,
    pub secret_file: String,
}

impl SetupAnswers {
    pub fn new(config: KioskConfig) -> Self {
        Self {
            config,
            leader_name: String::new(),
            pin: String::new(),
            pin_again: String::new(),
            pass_key: PassKeyChoice::default(),
            pass_key_file: String::new(),
            secret: SecretChoice::default(),
            secret_file: String::new(),
        }
    }

    /// What keeps `step` from being accepted, in the UI language; empty when it is fine.
    pub fn problems(&self, step: SetupStep, lang: Language) -> Vec<String> {
        let mut problems = Vec::new();
        let mut problem = |zh: &str, en: &str| problems.push(lang.pick(zh, en).to_owned());
        let config = &self.config;
        match step {
            SetupStep::Language | SetupStep::Camera | SetupStep::Kiosk => {}
            SetupStep::Checkpoint => {
                if config.checkpoint_name.trim().is_empty() {
                    problem(
                        "请填写检查点名称，例如“幸福里小区东门”",
                        "Type the checkpoint's name, e.g. \"Xingfuli east gate\"",
                    );
                }
                if config.gate.trim().is_empty() {
                    problem(
                        "请填写岗位或通道，例如“1号岗”",
                        "Type the gate or lane, e.g. \"Gate 1\"",
                    );
                }
            }
            SetupStep::Roster => {
                if config.shift_roster.is_empty() {
                    problem("至少需要一个班次", "Add at least one shift");
                }
                if let Err(error) = crate::model::roster::parse_roster(&config.shift_roster) {
                    problems.push(lang.pick(&error.zh(), &error.to_string()).to_owned());
                }
            }
            SetupStep::Fever => {
                if !(37.0..=38.5).contains(&config.fever_threshold_celsius.value()) {
                    problem(
                        "发热线应在 37.0 到 38.5 °C 之间",
                        "The fever threshold must be between 37.0 and 38.5 °C",
                    );
                }
            }
            SetupStep::Leader => self.leader_problems(lang, &mut problems),
            SetupStep::PassKey => {
                if self.pass_key == PassKeyChoice::Import && self.pass_key_file.trim().is_empty() {
                    problem(
                        "请填写邻近卡口公钥文件的路径（U 盘上的 .pem 文件）",
                        "Type the path of the neighbour's public key file (the .pem on the USB stick)",
                    );
                }
            }
            SetupStep::HashSecret => {
                if self.secret == SecretChoice::JoinDistrict && self.secret_file.trim().is_empty() {
                    problem(
                        "请填写辖区共享哈希密钥文件的路径",
                        "Type the path of the district's shared secret file",
                    );
                }
            }
            SetupStep::Retention => {
                if !(1..=365).contains(&config.retention_days) {
                    problem(
                        "保留天数应在 1 到 365 之间",
                        "Keep entries between 1 and 365 days",
                    );
                }
            }
        }
        problems
    }

    fn leader_problems(&self, lang: Language, problems: &mut Vec<String>) {
        if self.leader_name.trim().is_empty() {
            problems.push(
                lang.pick("请填写带班组长的姓名", "Type the shift leader's name")
                    .to_owned(),
            );
        }
        let pin = self.pin.trim();
        if !(4..=6).contains(&pin.chars().count()) || !pin.chars().all(|c| c.is_ascii_digit()) {
            problems.push(
                lang.pick("PIN 应为 4 到 6 位数字", "The PIN must be 4 to 6 digits")
                    .to_owned(),
            );
        } else if pin != self.pin_again.trim() {
            problems.push(
                lang.pick(
                    "两次输入的 PIN 不一致，请重新输入",
                    "The two PINs differ; type them again",
                )
                .to_owned(),
            );
        }
    }
}

/// What the background thread changed, for the window to take over.
pub struct AppliedSetup {
    pub config: KioskConfig,
    /// The hashing key now in force (changed when the district's secret was joined).
    pub pii: PiiKey,
    /// Reloaded so that a new pass key counts at once.
    pub verifier: Verifier,
    /// What was done, one line each, in the UI language.
    pub done: Vec<String>,
}

/// Where the autostart entry goes: the user's config folder, or a folder given by tests.
#[derive(Debug, Clone, Default)]
pub enum AutostartPlace {
    #[default]
    CurrentUser,
    ConfigHome(PathBuf),
}

impl AutostartPlace {
    pub fn resolve(&self) -> Result<Autostart, crate::desktop::AutostartError> {
        match self {
            Self::CurrentUser => Autostart::for_current_user(),
            Self::ConfigHome(home) => Ok(Autostart::in_config_home(home)),
        }
    }
}

/// Applies the answers to the steps that were asked, then writes `kiosk.toml` with
/// `setup_done = true` last: when anything fails, the setup is asked again, nothing is half done
/// in the settings. Runs on a background thread.
pub fn apply_setup(
    data_dir: &DataDir,
    steps: &[SetupStep],
    answers: &SetupAnswers,
    autostart: &AutostartPlace,
    lang: Language,
) -> Result<AppliedSetup, String> {
    let mut done = Vec::new();
    let pick = |zh: String, en: String| if lang == Language::ZhCn { zh } else { en };
    if steps.contains(&SetupStep::Leader) {
        let mut store = Store::open(&data_dir.database_path())
            .map_err(|error| pick(error.zh(), error.to_string()))?;
        let name = answers.leader_name.trim();
        store
            .sign_in(
                name,
                Role::Leader,
                Some(answers.pin.trim()),
                chrono::Utc::now(),
            )
            .map_err(|error| pick(error.zh(), error.to_string()))?;
        done.push(pick(
            format!("带班组长 {name} 已设置 PIN"),
            format!("leader {name} has a PIN"),
        ));
    }
    if steps.contains(&SetupStep::PassKey) {
        done.push(apply_pass_key(data_dir, answers, lang)?);
    }
    if steps.contains(&SetupStep::HashSecret) && answers.secret == SecretChoice::JoinDistrict {
        let file = PathBuf::from(answers.secret_file.trim());
        let key = read_shared_secret(&file).map_err(|error| pick(error.zh(), error.to_string()))?;
        data_dir
            .join_shared_secret(&key)
            .map_err(|error| pick(error.zh(), error.to_string()))?;
        done.push(pick(
            format!("已加入辖区哈希密钥 {}", key.key_id()),
            format!("joined the district's hashing secret {}", key.key_id()),
        ));
    }
    if steps.contains(&SetupStep::Kiosk) {
        let entry = autostart
            .resolve()
            .map_err(|error| pick(error.zh(), error.to_string()))?;
        let result = if answers.config.kiosk_autostart {
            let program = std::env::current_exe().map_err(|error| {
                pick(
                    format!("找不到本程序的路径（{error}）"),
                    format!("cannot find this program's path ({error})"),
                )
            })?;
            entry.enable(&program, Some(data_dir.root()))
        } else {
            entry.disable()
        };
        result.map_err(|error| pick(error.zh(), error.to_string()))?;
    }
    let config = KioskConfig {
        setup_done: true,
        ..answers.config.clone()
    };
    data_dir
        .save_config(&config)
        .map_err(|error| pick(error.zh(), error.to_string()))?;
    let pii = data_dir
        .pii_key()
        .map_err(|error| pick(error.zh(), error.to_string()))?;
    let verifier = Verifier::load(data_dir).map_err(|error| error.to_string())?;
    Ok(AppliedSetup {
        config,
        pii,
        verifier,
        done,
    })
}

fn apply_pass_key(
    data_dir: &DataDir,
    answers: &SetupAnswers,
    lang: Language,
) -> Result<String, String> {
    let keys_dir = data_dir.keys_dir();
    match answers.pass_key {
        PassKeyChoice::Create => {
            let public = keys::init_signing_key(&keys_dir).map_err(|error| error.to_string())?;
            let id = hex::encode(crate::codes::pass::payload::key_id(&public));
            Ok(lang
                .pick(
                    "已生成出入证签名密钥（编号 ",
                    "created the pass signing key (id ",
                )
                .to_owned()
                + &id
                + lang.pick("），请备份 keys 文件夹", "); back up the keys folder"))
        }
        PassKeyChoice::Import => {
            let file = PathBuf::from(answers.pass_key_file.trim());
            let bytes = std::fs::read(&file).map_err(|error| {
                format!(
                    "{} {}（{error}）",
                    lang.pick("无法读取", "cannot read"),
                    file.display()
                )
            })?;
            let id = keys::import_public_key(&keys_dir, &bytes, &file)
                .map_err(|error| error.to_string())?;
            Ok(format!(
                "{} {}",
                lang.pick("已信任邻近卡口的公钥", "now trusting the neighbour's key"),
                hex::encode(id)
            ))
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

    #[test]
    fn the_leaders_pin_must_be_four_to_six_digits_typed_twice_alike() {
        let mut answers = SetupAnswers::new(KioskConfig::default());
        answers.leader_name = "王组长".to_owned();
        answers.pin = "12a4".to_owned();
        answers.pin_again = "12a4".to_owned();
        assert_eq!(answers.problems(SetupStep::Leader, Language::En).len(), 1);
        answers.pin = "2468".to_owned();
        answers.pin_again = "2469".to_owned();
        let problems = answers.problems(SetupStep::Leader, Language::ZhCn);
        assert_eq!(
            problems,
            vec!["两次输入的 PIN 不一致，请重新输入".to_owned()]
        );
        answers.pin_again = "2468".to_owned();
        assert!(
            answers
                .problems(SetupStep::Leader, Language::ZhCn)
                .is_empty()
        );
    }

    #[test]
    fn a_roster_with_a_bad_time_is_refused_with_the_rosters_own_words() {
        let mut answers = SetupAnswers::new(KioskConfig::default());
        answers.config.shift_roster[0].from = "8点".to_owned();
        let problems = answers.problems(SetupStep::Roster, Language::ZhCn);
        assert_eq!(problems.len(), 1);
        assert!(problems[0].contains("8点"));
    }
}
