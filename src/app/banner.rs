//! The verdict banner across the Scan and no-phone screens: one pure function from the state of
//! the person at the gate to what the banner says, in which tone, with which sound.
//!
//! It is the single source of truth for "may this person pass": the screen only maps the tone to
//! colours and renders the text in the language of the moment. Nothing that was not green and
//! fever-free is ever shown green — not while a fever is being re-measured, and not after the
//! save either (a saved person's banner keeps *that person's* outcome).

use chrono::{DateTime, Utc};

use crate::alert::Cue;
use crate::config::Language;
use crate::model::{Celsius, Decision, HealthColour};

/// What the offline verification of the code said.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Verification {
    /// A signed code whose signature and dates are good.
    Valid,
    /// A forged, tampered, revoked or unknown-signer signed code.
    Invalid,
    /// A genuine signed code past its validity.
    Expired,
    /// Not a signed code (provincial health codes): the colour counts.
    #[default]
    NotVerifiable,
}

/// Where the temperature stands.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub enum Reading {
    /// Nothing typed yet, or not a number yet.
    #[default]
    None,
    /// A normal reading.
    Normal(Celsius),
    /// The first reading was a fever: re-measure with another method before deciding.
    Remeasuring { first: Celsius },
    /// A fever reading that counts (typed now, or confirmed by the re-measure).
    Fever(Celsius),
}

/// The person being checked, reduced to what the verdict depends on.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Checking {
    /// The colour that counts (read and trusted, or picked by the volunteer).
    pub colour: HealthColour,
    pub verification: Verification,
    pub reading: Reading,
    /// Seen within the repeat window (same code, ID number or plate).
    pub repeat: bool,
    /// The decision the form will save (rules or the volunteer's choice).
    pub decision: Decision,
}

/// A person whose entry the store committed.
#[derive(Debug, Clone, PartialEq)]
pub struct Saved {
    /// Masked: the code's label or the person's masked name.
    pub label: String,
    pub at: DateTime<Utc>,
    pub colour: HealthColour,
    pub decision: Decision,
    pub fever: bool,
    pub repeat: bool,
}

/// What the gate is doing, for the banner.
#[derive(Debug, Clone, PartialEq, Default)]
pub enum GateState {
    /// Nobody is being checked and nothing was saved yet.
    #[default]
    Waiting,
    /// A person's form is open (or being saved).
    Checking(Checking),
    /// The last person was saved; shown until the next one is checked.
    Saved(Saved),
}

pub use crate::ui::theme::Tone;

/// What the banner says; worded at draw time in the language of the moment.
#[derive(Debug, Clone, PartialEq)]
pub enum Headline {
    ShowCode,
    /// The no-phone screen, waiting: nobody there has a code to show.
    RegisterWithoutPhone,
    Green,
    Yellow,
    Red,
    Unsure,
    Invalid,
    Expired,
    Remeasure {
        first: Celsius,
    },
    Fever {
        celsius: Celsius,
    },
    Divert,
    Repeat {
        colour: HealthColour,
    },
    Saved(Saved),
}

/// The banner: tone, headline, an optional second line that says why, and the sound that goes
/// with it when it first appears.
#[derive(Debug, Clone, PartialEq)]
pub struct Banner {
    pub tone: Tone,
    pub headline: Headline,
    pub detail: Option<Headline>,
    pub sound: Option<Cue>,
}

/// The one rule for the banner.
pub fn banner(state: &GateState) -> Banner {
    match state {
        GateState::Waiting => Banner {
            tone: Tone::Neutral,
            headline: Headline::ShowCode,
            detail: None,
            sound: None,
        },
        GateState::Checking(checking) => checking_banner(checking),
        GateState::Saved(saved) => saved_banner(saved),
    }
}

/// The no-phone screen's banner: the same rule, but while waiting it asks for the document and
/// the temperature, never for a health code the person does not have.
pub fn register_banner(state: &GateState) -> Banner {
    let mut banner = banner(state);
    if banner.headline == Headline::ShowCode {
        banner.headline = Headline::RegisterWithoutPhone;
    }
    banner
}

/// The most serious thing about the person wins: a forged code, red, fever, yellow, a diversion,
/// a repeat, an unknown colour; only what is left is green.
fn checking_banner(checking: &Checking) -> Banner {
    let alarm = Some(Cue::Alarm);
    // A forged or expired code is red whatever it looks like; the second line says why.
    let detail = match checking.verification {
        Verification::Invalid => Some(Headline::Invalid),
        Verification::Expired => Some(Headline::Expired),
        Verification::Valid | Verification::NotVerifiable => None,
    };
    let (tone, headline, sound) = match (checking.verification, checking.reading) {
        (Verification::Invalid | Verification::Expired, _) => (Tone::Red, Headline::Red, alarm),
        _ if checking.colour == HealthColour::Red || checking.decision == Decision::Deny => {
            (Tone::Red, Headline::Red, alarm)
        }
        (_, Reading::Remeasuring { first }) => (Tone::Fever, Headline::Remeasure { first }, alarm),
        (_, Reading::Fever(celsius)) => (Tone::Fever, Headline::Fever { celsius }, alarm),
        _ if checking.colour == HealthColour::Yellow || checking.decision == Decision::Refer => {
            (Tone::Yellow, Headline::Yellow, alarm)
        }
        _ if checking.decision == Decision::Divert => (Tone::Divert, Headline::Divert, alarm),
        _ if checking.repeat => (
            Tone::Repeat,
            Headline::Repeat {
                colour: checking.colour,
            },
            alarm,
        ),
        _ if checking.colour == HealthColour::Unknown => (Tone::Unsure, Headline::Unsure, None),
        _ => (Tone::Green, Headline::Green, None),
    };
    Banner {
        tone,
        headline,
        detail,
        sound,
    }
}

fn saved_banner(saved: &Saved) -> Banner {
    let tone = match (saved.decision, saved.colour) {
        (Decision::Deny, _) | (_, HealthColour::Red) => Tone::Red,
        _ if saved.fever => Tone::Fever,
        (Decision::Refer, _) | (_, HealthColour::Yellow) => Tone::Yellow,
        (Decision::Divert, _) => Tone::Divert,
        _ if saved.repeat => Tone::Repeat,
        (Decision::Pass, HealthColour::Green) => Tone::Green,
        // Saved as passing with a colour nobody confirmed: not green.
        (Decision::Pass, HealthColour::Unknown) => Tone::Unsure,
    };
    let sound = if tone == Tone::Green {
        Cue::Pass
    } else {
        Cue::Alarm
    };
    Banner {
        tone,
        headline: Headline::Saved(saved.clone()),
        detail: None,
        sound: Some(sound),
    }
}

impl Headline {
    /// The banner's words in `lang`, local time for a saved person.
    pub fn text(&self, lang: Language) -> String {
        match self {
            Self::ShowCode => lang
                .pick("请出示健康码", "Show your health code")
                .to_owned(),
            Self::Green => lang.pick("绿码 通行", "GREEN — pass").to_owned(),
            Self::Yellow => lang.pick("黄码 限制通行", "YELLOW — restricted").to_owned(),
            Self::Red => lang.pick("红码 禁止通行", "RED — no entry").to_owned(),
            Self::Unsure => lang
                .pick("颜色未识别 请确认", "Colour unclear — confirm it")
                .to_owned(),
            Self::Invalid => lang
                .pick(
                    "离线验证无效：可能伪造或被篡改",
                    "Invalid signature: forged or altered",
                )
                .to_owned(),
            Self::Expired => lang
                .pick("码已过期，不能作为通行凭证", "Expired: not valid for entry")
                .to_owned(),
            Self::Remeasure { first } => match lang {
                Language::ZhCn => format!("体温 {first} 偏高 请复测"),
                Language::En => format!("{first} — fever? re-measure"),
            },
            Self::Fever { celsius } => match lang {
                Language::ZhCn => format!("发热 {celsius} 移交 不可通行"),
                Language::En => format!("FEVER {celsius} — refer, no entry"),
            },
            Self::Divert => lang
                .pick(
                    "来自风险地区 引导至检查区",
                    "Risk area — divert to inspection",
                )
                .to_owned(),
            Self::Repeat { colour } => {
                let colour = colour_word(*colour, lang);
                match lang {
                    Language::ZhCn => format!("{colour} 重复查验 请核对"),
                    Language::En => format!("{colour} — REPEAT, check the person"),
                }
            }
            Self::RegisterWithoutPhone => lang
                .pick(
                    "无手机登记：请录入证件号并测温",
                    "No phone: type the ID number and take the temperature",
                )
                .to_owned(),
            Self::Saved(saved) => saved_text(saved, lang),
        }
    }
}

fn saved_text(saved: &Saved, lang: Language) -> String {
    let clock = saved
        .at
        .with_timezone(&chrono::Local)
        .format("%H:%M")
        .to_string();
    let outcome = outcome_words(saved, lang);
    match lang {
        Language::ZhCn => format!("已保存 {clock} {} · {outcome}", saved.label),
        Language::En => format!("Saved {clock} {} · {outcome}", saved.label),
    }
}

/// "通行", "发热 移交", "红码 劝返", … what happened to the person, in a few words.
fn outcome_words(saved: &Saved, lang: Language) -> String {
    let decision = match saved.decision {
        Decision::Pass => lang.pick("通行", "passed"),
        Decision::Deny => lang.pick("劝返", "turned back"),
        Decision::Refer => lang.pick("移交", "referred"),
        Decision::Divert => lang.pick("引导至检查区", "diverted"),
    };
    let mut words = Vec::new();
    if saved.colour != HealthColour::Green {
        words.push(colour_word(saved.colour, lang));
    }
    if saved.fever {
        words.push(lang.pick("发热", "fever"));
    }
    if saved.repeat {
        words.push(lang.pick("重复", "repeat"));
    }
    words.push(decision);
    words.join(" ")
}

fn colour_word(colour: HealthColour, lang: Language) -> &'static str {
    match colour {
        HealthColour::Green => lang.pick("绿码", "Green"),
        HealthColour::Yellow => lang.pick("黄码", "Yellow"),
        HealthColour::Red => lang.pick("红码", "Red"),
        HealthColour::Unknown => lang.pick("颜色未确认", "Colour unconfirmed"),
    }
}

#[cfg(test)]
mod tests {

    #[test]
    fn the_no_phone_banner_never_asks_for_a_health_code() {
        let banner = register_banner(&GateState::Waiting);
        assert_eq!(banner.tone, Tone::Neutral);
        let text = banner.headline.text(Language::ZhCn);
        assert_eq!(text, "无手机登记：请录入证件号并测温");
        assert!(!text.contains("健康码"));
    }
    use super::*;

    const COLOURS: [HealthColour; 4] = [
        HealthColour::Green,
        HealthColour::Yellow,
        HealthColour::Red,
        HealthColour::Unknown,
    ];
    const VERIFICATIONS: [Verification; 4] = [
        Verification::Valid,
        Verification::Invalid,
        Verification::Expired,
        Verification::NotVerifiable,
    ];
    const DECISIONS: [Decision; 4] = [
        Decision::Pass,
        Decision::Deny,
        Decision::Refer,
        Decision::Divert,
    ];

    fn celsius(value: f32) -> Celsius {
        Celsius::new(value).expect("in range")
    }

    fn readings() -> [Reading; 4] {
        [
            Reading::None,
            Reading::Normal(celsius(36.5)),
            Reading::Remeasuring {
                first: celsius(37.8),
            },
            Reading::Fever(celsius(38.0)),
        ]
    }

    fn every_checking() -> Vec<Checking> {
        let mut all = Vec::new();
        for colour in COLOURS {
            for verification in VERIFICATIONS {
                for reading in readings() {
                    for repeat in [false, true] {
                        for decision in DECISIONS {
                            all.push(Checking {
                                colour,
                                verification,
                                reading,
                                repeat,
                                decision,
                            });
                        }
                    }
                }
            }
        }
        all
    }

    fn is_plain_green(checking: &Checking) -> bool {
        checking.colour == HealthColour::Green
            && matches!(
                checking.verification,
                Verification::Valid | Verification::NotVerifiable
            )
            && matches!(checking.reading, Reading::None | Reading::Normal(_))
            && !checking.repeat
            && checking.decision == Decision::Pass
    }

    #[test]
    fn only_a_green_fever_free_valid_first_visit_that_passes_is_green() {
        for checking in every_checking() {
            let banner = banner(&GateState::Checking(checking));
            assert_eq!(
                banner.tone == Tone::Green,
                is_plain_green(&checking),
                "{checking:?} → {banner:?}"
            );
            assert_eq!(
                banner.sound.is_none(),
                matches!(banner.tone, Tone::Green | Tone::Unsure),
                "every exception sounds the alarm: {checking:?}"
            );
        }
    }

    #[test]
    fn forged_and_expired_codes_are_red_whatever_else_holds() {
        for checking in every_checking() {
            let banner = banner(&GateState::Checking(checking));
            match checking.verification {
                Verification::Invalid => assert_eq!(banner.detail, Some(Headline::Invalid)),
                Verification::Expired => assert_eq!(banner.detail, Some(Headline::Expired)),
                _ => {
                    assert_eq!(banner.detail, None);
                    continue;
                }
            }
            assert_eq!(banner.tone, Tone::Red);
            assert_eq!(banner.headline, Headline::Red);
        }
    }

    #[test]
    fn red_beats_fever_and_fever_beats_yellow_divert_and_repeat() {
        for checking in every_checking() {
            if checking.verification == Verification::Invalid
                || checking.verification == Verification::Expired
            {
                continue;
            }
            let tone = banner(&GateState::Checking(checking)).tone;
            let red = checking.colour == HealthColour::Red || checking.decision == Decision::Deny;
            let fever = matches!(
                checking.reading,
                Reading::Remeasuring { .. } | Reading::Fever(_)
            );
            if red {
                assert_eq!(tone, Tone::Red, "{checking:?}");
            } else if fever {
                assert_eq!(tone, Tone::Fever, "{checking:?}");
            } else if checking.colour == HealthColour::Yellow
                || checking.decision == Decision::Refer
            {
                assert_eq!(tone, Tone::Yellow, "{checking:?}");
            } else if checking.decision == Decision::Divert {
                assert_eq!(tone, Tone::Divert, "{checking:?}");
            } else if checking.repeat {
                assert_eq!(tone, Tone::Repeat, "{checking:?}");
            }
        }
    }

    #[test]
    fn a_fever_under_remeasure_says_so_in_its_own_tone() {
        let checking = Checking {
            colour: HealthColour::Green,
            reading: Reading::Remeasuring {
                first: celsius(37.8),
            },
            ..Checking::default()
        };
        let banner = banner(&GateState::Checking(checking));
        assert_eq!(banner.tone, Tone::Fever);
        assert_eq!(
            banner.headline.text(Language::ZhCn),
            "体温 37.8 °C 偏高 请复测"
        );
    }

    #[test]
    fn a_saved_person_keeps_their_own_outcome_colour() {
        for colour in COLOURS {
            for decision in DECISIONS {
                for fever in [false, true] {
                    for repeat in [false, true] {
                        let saved = Saved {
                            label: "…ZC1H".into(),
                            at: Utc::now(),
                            colour,
                            decision,
                            fever,
                            repeat,
                        };
                        let banner = banner(&GateState::Saved(saved.clone()));
                        let plain = colour == HealthColour::Green
                            && decision == Decision::Pass
                            && !fever
                            && !repeat;
                        assert_eq!(banner.tone == Tone::Green, plain, "{saved:?}");
                        let expected = if plain { Cue::Pass } else { Cue::Alarm };
                        assert_eq!(banner.sound, Some(expected));
                        let text = banner.headline.text(Language::ZhCn);
                        assert!(text.starts_with("已保存"), "{text}");
                        assert!(text.contains("…ZC1H"), "{text}");
                    }
                }
            }
        }
    }

    #[test]
    fn a_saved_yellow_person_is_yellow_and_says_referred() {
        let saved = Saved {
            label: "…ZC1H".into(),
            at: Utc::now(),
            colour: HealthColour::Yellow,
            decision: Decision::Refer,
            fever: false,
            repeat: false,
        };
        let banner = banner(&GateState::Saved(saved));
        assert_eq!(banner.tone, Tone::Yellow);
        let text = banner.headline.text(Language::ZhCn);
        assert!(text.ends_with("黄码 移交"), "{text}");
        assert!(
            banner
                .headline
                .text(Language::En)
                .ends_with("Yellow referred")
        );
    }

    #[test]
    fn waiting_is_neutral_and_silent() {
        let banner = banner(&GateState::Waiting);
        assert_eq!(banner.tone, Tone::Neutral);
        assert_eq!(banner.sound, None);
        assert_eq!(banner.headline.text(Language::ZhCn), "请出示健康码");
    }

    #[test]
    fn every_headline_has_no_latin_words_in_chinese() {
        let mut headlines = vec![
            Headline::ShowCode,
            Headline::Green,
            Headline::Yellow,
            Headline::Red,
            Headline::Unsure,
            Headline::Invalid,
            Headline::Expired,
            Headline::Divert,
        ];
        for colour in COLOURS {
            headlines.push(Headline::Repeat { colour });
        }
        for headline in headlines {
            let text = headline.text(Language::ZhCn);
            assert!(
                !text.chars().any(|c| c.is_ascii_alphabetic()),
                "{headline:?}: {text}"
            );
        }
    }
}
