//! What the verdict banner is made of: the gate's state reduced to what the verdict depends on,
//! and the banner's tone and headline. The rule that turns one into the other is
//! [`super::banner`]; the words are the catalogue's (`text::gate`), chosen at draw time in the
//! language of the moment.

use chrono::{DateTime, Utc};

use crate::config::Language;
use crate::model::sound::Cue;
use crate::model::{Celsius, Decision, HealthColour, PassVerdict};
use crate::text::gate as words;

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
    /// The entry as stored: a void of it takes the saved line away.
    pub entry_id: crate::model::EntryId,
    /// Masked: the code's label or the person's masked name.
    pub label: String,
    pub at: DateTime<Utc>,
    pub colour: HealthColour,
    pub decision: Decision,
    pub fever: bool,
    pub repeat: bool,
    /// One of the district's own passes: its verdict is said instead of a colour.
    pub pass: Option<PassVerdict>,
}

impl Saved {
    /// The committed entry as the banner shows it: a valid pass (stored without a colour)
    /// passes as one, a refused pass says its verdict.
    pub fn of(label: String, entry: &crate::model::PersonEntry) -> Self {
        Self {
            entry_id: entry.entry_id,
            label,
            at: entry.recorded_at,
            colour: saved_colour(&entry.details),
            decision: entry.details.decision,
            fever: entry.fever,
            repeat: entry.details.repeat_of.is_some(),
            pass: entry.details.pass_outcome,
        }
    }
}

/// The colour the saved person's banner shows: a valid pass (stored without a colour) passes as
/// green; anything else shows what was stored.
fn saved_colour(entry: &crate::model::NewPersonEntry) -> crate::model::HealthColour {
    match entry.pass_outcome {
        Some(PassVerdict::Valid) => crate::model::HealthColour::Green,
        _ => entry.colour,
    }
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

/// The banner's colour family; the screen turns it into fill and text colours and a shape.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tone {
    /// Waiting for a code, or for the temperature: calm grey.
    Neutral,
    Green,
    Yellow,
    Red,
    /// A fever, being re-measured or confirmed.
    Fever,
    /// Sent to the inspection area.
    Divert,
    /// Seen here or at a neighbouring gate within the repeat window.
    Repeat,
    /// The colour is not known: the volunteer must look at the phone.
    Unsure,
}

/// What the banner says; worded at draw time in the language of the moment.
#[derive(Debug, Clone, PartialEq)]
pub enum Headline {
    ShowCode,
    /// A code was read and nothing stops the person, but nobody measured yet: the code's
    /// colour as a fact, never the pass wording.
    MeasureTemperature {
        colour: HealthColour,
    },
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
    /// A valid pass, nobody measured yet.
    PassMeasure,
    /// A valid pass seen again within the repeat window: a pass, never "绿码".
    PassRepeat,
    /// The Vehicle screen, waiting for a plate.
    RegisterVehicle,
    /// A vehicle committed: its plate and what happened to it.
    VehicleSaved(VehicleSaved),
}

/// A vehicle whose entry the store committed.
#[derive(Debug, Clone, PartialEq)]
pub struct VehicleSaved {
    /// The entry as stored: a void of it takes the saved line away.
    pub entry_id: crate::model::EntryId,
    pub plate: String,
    pub at: DateTime<Utc>,
    pub decision: Decision,
    pub repeat: bool,
}

/// The Vehicle screen, for its banner.
#[derive(Debug, Clone, PartialEq)]
pub enum VehicleState {
    /// Nothing typed and nothing saved yet.
    Waiting,
    /// A vehicle being registered: the decision its form will save.
    Typing { decision: Decision },
    /// The last vehicle saved; shown until the next plate is typed.
    Saved(VehicleSaved),
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
    /// The banner's words in `lang` (the catalogue's, `text::gate`), local time for a saved
    /// person or vehicle.
    pub fn text(&self, lang: Language) -> String {
        let fixed = |phrase: crate::text::Phrase| phrase.say(lang).to_owned();
        match self {
            Self::ShowCode => fixed(words::SHOW_CODE),
            Self::MeasureTemperature { colour } => words::measure_temperature(*colour, lang),
            Self::Green => fixed(words::GREEN),
            Self::Yellow => fixed(words::YELLOW),
            Self::Red => fixed(words::RED),
            Self::Unsure => fixed(words::UNSURE),
            Self::Invalid => fixed(words::INVALID),
            Self::Expired => fixed(words::EXPIRED),
            Self::Remeasure { first } => words::remeasure_headline(*first, lang),
            Self::Fever { celsius } => words::fever_headline(*celsius, lang),
            Self::Divert => fixed(words::DIVERT),
            Self::Repeat { colour } => words::repeat_headline(*colour, lang),
            Self::RegisterWithoutPhone => fixed(words::REGISTER_WITHOUT_PHONE),
            Self::RegisterVehicle => fixed(words::REGISTER_VEHICLE),
            Self::Pass(verdict) => fixed(crate::text::passes::verdict_headline(*verdict)),
            Self::PassDetail(verdict) => fixed(crate::text::passes::verdict_detail(*verdict)),
            Self::PassMeasure => fixed(words::PASS_MEASURE),
            Self::PassRepeat => fixed(words::PASS_REPEAT),
            Self::Saved(saved) => {
                let outcome = words::OutcomeWords {
                    // A refused pass says why, never "colour unconfirmed".
                    colour: saved.pass.is_none().then_some(saved.colour),
                    fever: saved.fever,
                    repeat: saved.repeat,
                    decision: saved.decision,
                };
                let line = words::saved_line(&saved.label, saved.at, outcome, lang);
                match saved.pass {
                    Some(verdict) if verdict != PassVerdict::Valid => format!(
                        "{line} · {}",
                        crate::text::passes::verdict_headline(verdict).say(lang)
                    ),
                    _ => line,
                }
            }
            Self::VehicleSaved(saved) => {
                let outcome = words::OutcomeWords {
                    colour: None,
                    fever: false,
                    repeat: saved.repeat,
                    decision: saved.decision,
                };
                words::saved_line(&saved.plate, saved.at, outcome, lang)
            }
        }
    }
}
