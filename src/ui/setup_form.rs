//! The first-run setup's questions, answers and rules, apart from the widgets that ask them
//! (`setup_screen`): the steps, and what makes an answer acceptable. Working out which steps a
//! data folder still needs and applying the answers touch files and the database, so they are
//! the app's (`app::setup_files`).

use std::path::PathBuf;

use crate::config::{KioskConfig, Language};

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
            Self::Leader => lang.pick("第一位班长", "First shift leader"),
            Self::PassKey => lang.pick("出入证印章", "Pass stamp"),
            Self::HashSecret => lang.pick("辖区共用的登记密钥", "The district's registration key"),
            Self::Retention => lang.pick("数据保留期限", "Retention period"),
            Self::Kiosk => lang.pick("值守模式", "Kiosk mode"),
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
                        "请在U盘的文件中选出邻近卡口的印章文件（.pem）",
                        "Pick the neighbouring gate's stamp file (.pem) among the USB stick's files",
                    );
                }
            }
            SetupStep::HashSecret => {
                if self.secret == SecretChoice::JoinDistrict && self.secret_file.trim().is_empty() {
                    problem(
                        "请在U盘的文件中选出辖区的登记密钥文件",
                        "Pick the district's registration key file among the USB stick's files",
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
                lang.pick("请填写班长的姓名", "Type the shift leader's name")
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

/// Where the autostart entry goes: the user's config folder, or a folder given by tests. Plain
/// data here; the app turns it into the desktop's entry (`AutostartPlace::resolve`, in
/// `app::setup_files`).
#[derive(Debug, Clone, Default)]
pub enum AutostartPlace {
    #[default]
    CurrentUser,
    ConfigHome(PathBuf),
}

#[cfg(test)]
mod tests {
    use super::*;

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
