//! The first-run setup's questions, answers and rules, apart from the widgets that ask them
//! (`setup_screen`): the steps, and what makes an answer acceptable. Working out which steps a
//! data folder still needs and applying the answers touch files and the database, so they are
//! the app's (`app::setup_files`).

use std::path::PathBuf;

use crate::config::{KioskConfig, Language};
use crate::text::Phrase;
use crate::text::screens::setup_form as words;

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
            Self::Language => words::LANGUAGE.say(lang),
            Self::Checkpoint => words::CHECKPOINT_GATE.say(lang),
            Self::Roster => words::SHIFT_ROSTER.say(lang),
            Self::Fever => words::FEVER_THRESHOLD.say(lang),
            Self::Camera => words::CAMERA_TEST.say(lang),
            Self::Leader => words::FIRST_SHIFT_LEADER.say(lang),
            Self::PassKey => words::PASS_STAMP.say(lang),
            Self::HashSecret => words::DISTRICT_REGISTRATION_KEY.say(lang),
            Self::Retention => words::RETENTION_PERIOD.say(lang),
            Self::Kiosk => crate::text::screens::common::KIOSK_MODE.say(lang),
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
        let mut problem = |phrase: Phrase| problems.push(phrase.say(lang).to_owned());
        let config = &self.config;
        match step {
            SetupStep::Language | SetupStep::Camera | SetupStep::Kiosk => {}
            SetupStep::Checkpoint => {
                if config.checkpoint_name.trim().is_empty() {
                    problem(words::NAME_NEEDED);
                }
                if config.gate.trim().is_empty() {
                    problem(words::GATE_NEEDED);
                }
            }
            SetupStep::Roster => {
                if config.shift_roster.is_empty() {
                    problem(words::SHIFT_NEEDED);
                }
                if let Err(error) = crate::model::roster::parse_roster(&config.shift_roster) {
                    problems.push(crate::text::Bilingual::said(&error).text(lang).to_owned());
                }
            }
            SetupStep::Fever => {
                if !(37.0..=38.5).contains(&config.fever_threshold_celsius.value()) {
                    problem(words::FEVER_RANGE);
                }
            }
            SetupStep::Leader => self.leader_problems(lang, &mut problems),
            SetupStep::PassKey => {
                if self.pass_key == PassKeyChoice::Import && self.pass_key_file.trim().is_empty() {
                    problem(words::STAMP_FILE_NEEDED);
                }
            }
            SetupStep::HashSecret => {
                if self.secret == SecretChoice::JoinDistrict && self.secret_file.trim().is_empty() {
                    problem(words::KEY_FILE_NEEDED);
                }
            }
            SetupStep::Retention => {
                if !(1..=365).contains(&config.retention_days) {
                    problem(words::RETENTION_RANGE);
                }
            }
        }
        problems
    }

    fn leader_problems(&self, lang: Language, problems: &mut Vec<String>) {
        if self.leader_name.trim().is_empty() {
            problems.push(words::TYPE_SHIFT_LEADER.say(lang).to_owned());
        }
        let pin = self.pin.trim();
        if !(4..=6).contains(&pin.chars().count()) || !pin.chars().all(|c| c.is_ascii_digit()) {
            problems.push(words::PIN_MUST_4.say(lang).to_owned());
        } else if pin != self.pin_again.trim() {
            problems.push(words::TWO_PINS_DIFFER.say(lang).to_owned());
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
