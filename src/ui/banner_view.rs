//! What the verdict banner shows: the gate's state reduced to what the verdict depends on, and
//! the banner's tone and words. The rule that turns one into the other is the app's
//! (`app::banner`); this module only says what the screen draws, in the language of the moment.

use chrono::{DateTime, Utc};

use crate::config::Language;
use crate::model::sound::Cue;
use crate::model::{Celsius, Decision, HealthColour, PassVerdict};

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
    /// One of the district's own passes: its verdict, never a colour (issue 25).
    Pass(PassVerdict),
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

pub use super::theme::Tone;

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
    /// A pass's verdict (issue 25): its own words.
    Pass(PassVerdict),
    /// What to do about that pass.
    PassDetail(PassVerdict),
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
            Self::Pass(verdict) => crate::text::passes::verdict_headline(*verdict)
                .say(lang)
                .to_owned(),
            Self::PassDetail(verdict) => crate::text::passes::verdict_detail(*verdict)
                .say(lang)
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
