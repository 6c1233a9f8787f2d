//! One person's form at the gate: the code read, the colour, the temperature, the decision.
//!
//! Pure state, no drawing: the Scan screen draws it and the app saves what it produces, so the
//! rules (fever re-measure, colour confirmation, suggested decision) are tested without a window.

use crate::model::entry::ColourSource;
use crate::model::pii::Protected;
use crate::model::temperature::TemperatureError;
use crate::model::{
    Celsius, CodeFormat, Decision, Direction, FeverThreshold, HealthColour, MeasureMethod,
    NewPersonEntry, TemperatureReading,
};
use crate::text::Said;

/// What the scan told us, already reduced to what may be shown and stored.
#[derive(Debug, Clone, PartialEq)]
pub struct ScannedCode {
    /// Masked, safe to show and store (issuer + last characters, or masked holder).
    pub label: String,
    pub format: CodeFormat,
    /// Colour read from the code's modules; Unknown when the image could not tell.
    pub colour_read: HealthColour,
    pub confidence: f32,
    /// Keyed hash and masked form of the payload.
    pub code: Protected,
    /// Offline verification: Some(false) for a forged or expired signed code.
    pub valid: Option<bool>,
    /// Why the verdict is what it is, in both languages (shown in the language of the moment);
    /// "not verifiable offline" is left out: the form says it already.
    pub reasons: Vec<Said>,
    /// A genuine signed code past its validity (as opposed to a forged one).
    pub expired: bool,
    /// Colour a signed code implies (a forged pass is red whatever it looks like).
    pub suggested_colour: Option<HealthColour>,
    /// Read from the demo feed or `run --feed` pictures, not from a person's phone: saved as
    /// practice (issue 22).
    pub practice: Option<crate::model::camera::PracticeSource>,
    /// The district's own passes only: the pass verdict (issue 25).
    pub pass: Option<crate::model::PassVerdict>,
}

/// Below this the colour read from the image is not trusted without the volunteer's click.
pub const TRUSTED_COLOUR_CONFIDENCE: f32 = 0.6;

/// Why the form did not produce an entry.
#[derive(Debug, Clone, PartialEq)]
pub enum ConfirmBlock {
    BadTemperature(TemperatureError),
    /// The colour is not known: the volunteer must pick what the phone shows.
    ColourNeeded,
    /// Fever on the first reading: re-measure with another method before deciding.
    Remeasure {
        first: Celsius,
    },
}

impl ConfirmBlock {
    /// What the form still needs, said so that a tired volunteer knows what to do next.
    pub fn text(&self, lang: crate::config::Language) -> String {
        use crate::text::gate as words;
        match self {
            Self::ColourNeeded => words::COLOUR_NEEDED.say(lang).to_owned(),
            Self::BadTemperature(error) => words::bad_temperature(error, lang),
            Self::Remeasure { first } => words::remeasure_instruction(*first, lang),
        }
    }
}

/// One person's check in progress.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct PersonForm {
    pub scan: Option<ScannedCode>,
    /// The colour that counts: from the scan when trusted, else the volunteer's choice.
    pub colour: HealthColour,
    pub colour_source: ColourSource,
    pub temperature_text: String,
    pub method: MeasureMethod,
    /// Readings already taken for this person (a fever's first reading waits here).
    pub readings: Vec<TemperatureReading>,
    pub direction: Direction,
    /// Set when the volunteer chose a decision by hand; otherwise it follows the rules.
    pub decision_override: Option<Decision>,
    pub travel_star: Option<bool>,
    pub origin: String,
    /// The origin is on the mid/high-risk list (set by the screen from the imported list).
    pub origin_risky: bool,
    /// The vehicle this person rides in, when opened while its passengers are registered.
    pub vehicle_id: Option<crate::model::EntryId>,
}

impl PersonForm {
    /// A fresh form for a scanned code; the direction carries over from the last person.
    pub fn from_scan(scan: ScannedCode, direction: Direction) -> Self {
        let (colour, colour_source) = initial_colour(&scan);
        Self {
            scan: Some(scan),
            colour,
            colour_source,
            direction,
            ..Self::default()
        }
    }

    /// The volunteer says which colour the phone (or paper code) shows.
    pub fn confirm_colour(&mut self, colour: HealthColour) {
        self.colour = colour;
        self.colour_source = ColourSource::Confirmed;
    }

    /// The decision the gate takes unless the volunteer chose another one.
    pub fn decision(&self, fever: bool) -> Decision {
        self.decision_override
            .unwrap_or_else(|| match suggested_decision(self.colour, fever) {
                // A person from a risk area is sent to the inspection area unless worse applies.
                Decision::Pass if self.origin_risky => Decision::Divert,
                decision => decision,
            })
    }

    /// Checks the form and produces the entry to save, or says what is still missing.
    pub fn confirm(
        &mut self,
        fever_threshold: FeverThreshold,
    ) -> Result<NewPersonEntry, ConfirmBlock> {
        if self.colour == HealthColour::Unknown {
            return Err(ConfirmBlock::ColourNeeded);
        }
        let celsius = Celsius::parse_shorthand(&self.temperature_text)
            .map_err(ConfirmBlock::BadTemperature)?;
        let reading = TemperatureReading {
            celsius,
            method: self.method,
        };
        let fever = celsius.is_fever(fever_threshold);
        if fever && self.readings.is_empty() {
            self.readings.push(reading);
            self.temperature_text.clear();
            // Cold wind makes forehead readings unreliable: re-measure by contact.
            self.method = MeasureMethod::Wrist;
            return Err(ConfirmBlock::Remeasure { first: celsius });
        }
        let mut temperatures = self.readings.clone();
        temperatures.push(reading);
        Ok(self.entry(temperatures, fever))
    }

    /// Where the temperature stands, for the banner: a fever on the first reading (typed or
    /// confirmed) asks for a re-measure; the second reading decides.
    pub fn reading(&self, fever_threshold: FeverThreshold) -> super::view::Reading {
        use super::view::Reading;
        let typed = Celsius::parse_shorthand(&self.temperature_text).ok();
        match (self.readings.first(), typed) {
            (None, None) => Reading::None,
            (None, Some(celsius)) if celsius.is_fever(fever_threshold) => {
                Reading::Remeasuring { first: celsius }
            }
            (Some(first), None) => Reading::Remeasuring {
                first: first.celsius,
            },
            (_, Some(celsius)) if celsius.is_fever(fever_threshold) => Reading::Fever(celsius),
            (_, Some(celsius)) => Reading::Normal(celsius),
        }
    }

    /// What offline verification said about the code, for the banner.
    pub fn verification(&self) -> super::view::Verification {
        use super::view::Verification;
        let Some(scan) = &self.scan else {
            return Verification::NotVerifiable;
        };
        if let Some(pass) = scan.pass {
            return Verification::Pass(pass);
        }
        match scan.valid {
            Some(true) => Verification::Valid,
            Some(false) if scan.expired => Verification::Expired,
            Some(false) => Verification::Invalid,
            None => Verification::NotVerifiable,
        }
    }

    fn entry(&self, temperatures: Vec<TemperatureReading>, fever: bool) -> NewPersonEntry {
        let origin = self.origin.trim();
        // A pass of the district's own is not a health code: it is stored with its verdict and
        // no colour (issue 25); the form's colour only drives the decision.
        let pass_outcome = self.scan.as_ref().and_then(|scan| scan.pass);
        NewPersonEntry {
            direction: self.direction,
            colour: if pass_outcome.is_some() {
                HealthColour::Unknown
            } else {
                self.colour
            },
            pass_outcome,
            colour_source: self.colour_source,
            code_format: self.scan.as_ref().map(|scan| scan.format),
            code: self.scan.as_ref().map(|scan| scan.code.clone()),
            temperatures,
            travel_star: self.travel_star,
            origin: (!origin.is_empty()).then(|| origin.to_owned()),
            decision: self.decision(fever),
            vehicle_id: self.vehicle_id,
            // Practice is stored as such: counted apart, never in the day's report.
            practice: self
                .scan
                .as_ref()
                .is_some_and(|scan| scan.practice.is_some()),
            ..NewPersonEntry::default()
        }
    }
}

fn initial_colour(scan: &ScannedCode) -> (HealthColour, ColourSource) {
    if let Some(colour) = scan.suggested_colour {
        return (colour, ColourSource::Confirmed);
    }
    if scan.colour_read != HealthColour::Unknown && scan.confidence >= TRUSTED_COLOUR_CONFIDENCE {
        (scan.colour_read, ColourSource::Scanned)
    } else {
        (HealthColour::Unknown, ColourSource::Confirmed)
    }
}

/// Green passes, yellow is handed to staff for checks, red is turned back; fever is referred.
pub fn suggested_decision(colour: HealthColour, fever: bool) -> Decision {
    match (colour, fever) {
        (HealthColour::Red, _) => Decision::Deny,
        (_, true) | (HealthColour::Yellow, false) => Decision::Refer,
        _ => Decision::Pass,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::pii::{HashKind, PiiKey};

    fn scanned(colour: HealthColour, confidence: f32) -> ScannedCode {
        let key = PiiKey::from_bytes(&[1; 32]).expect("32 bytes");
        ScannedCode {
            label: "粤康码 …a1b2".into(),
            format: CodeFormat::HealthCode,
            colour_read: colour,
            confidence,
            code: Protected::new(
                &key,
                HashKind::CodePayload,
                "https://x/?t=a1b2",
                "…a1b2".into(),
            ),
            valid: None,
            reasons: vec![],
            expired: false,
            suggested_colour: None,
            practice: None,
            pass: None,
        }
    }

    #[test]
    fn green_code_and_normal_temperature_pass() {
        let mut form = PersonForm::from_scan(scanned(HealthColour::Green, 0.95), Direction::In);
        form.temperature_text = "5".into();
        let entry = form.confirm(FeverThreshold::default()).expect("complete");
        assert_eq!(entry.decision, Decision::Pass);
        assert_eq!(entry.colour_source, ColourSource::Scanned);
        assert_eq!(entry.temperatures.len(), 1);
        assert_eq!(entry.temperatures[0].celsius.value(), 36.5);
    }

    #[test]
    fn unsure_colour_must_be_confirmed() {
        let mut form = PersonForm::from_scan(scanned(HealthColour::Green, 0.4), Direction::In);
        form.temperature_text = "36.6".into();
        assert_eq!(
            form.confirm(FeverThreshold::default()),
            Err(ConfirmBlock::ColourNeeded)
        );
        form.confirm_colour(HealthColour::Yellow);
        let entry = form.confirm(FeverThreshold::default()).expect("complete");
        assert_eq!(entry.colour, HealthColour::Yellow);
        assert_eq!(entry.colour_source, ColourSource::Confirmed);
        assert_eq!(entry.decision, Decision::Refer);
    }

    #[test]
    fn fever_asks_for_a_second_reading_and_keeps_both() {
        let mut form = PersonForm::from_scan(scanned(HealthColour::Green, 0.95), Direction::In);
        form.temperature_text = "37.8".into();
        let block = form
            .confirm(FeverThreshold::default())
            .expect_err("re-measure first");
        assert!(matches!(block, ConfirmBlock::Remeasure { .. }));
        assert_eq!(form.method, MeasureMethod::Wrist);
        form.temperature_text = "37.9".into();
        let entry = form
            .confirm(FeverThreshold::default())
            .expect("second reading decides");
        assert_eq!(entry.temperatures.len(), 2);
        assert_eq!(entry.temperatures[0].method, MeasureMethod::Forehead);
        assert_eq!(entry.temperatures[1].method, MeasureMethod::Wrist);
        assert_eq!(entry.decision, Decision::Refer);
    }

    #[test]
    fn fever_that_goes_away_on_remeasure_passes() {
        let mut form = PersonForm::from_scan(scanned(HealthColour::Green, 0.95), Direction::In);
        form.temperature_text = "37.4".into();
        assert!(form.confirm(FeverThreshold::default()).is_err());
        form.temperature_text = "36.7".into();
        let entry = form
            .confirm(FeverThreshold::default())
            .expect("normal on contact");
        assert_eq!(entry.decision, Decision::Pass);
        assert_eq!(entry.temperatures.len(), 2);
    }

    #[test]
    fn red_is_denied_and_a_forged_pass_counts_as_red() {
        let mut scan = scanned(HealthColour::Green, 0.99);
        scan.suggested_colour = Some(HealthColour::Red);
        let mut form = PersonForm::from_scan(scan, Direction::In);
        form.temperature_text = "36.5".into();
        let entry = form.confirm(FeverThreshold::default()).expect("complete");
        assert_eq!(entry.colour, HealthColour::Red);
        assert_eq!(entry.decision, Decision::Deny);
    }

    #[test]
    fn risk_area_origin_is_diverted_but_red_is_still_denied() {
        let mut form = PersonForm::from_scan(scanned(HealthColour::Green, 0.95), Direction::In);
        form.origin_risky = true;
        assert_eq!(form.decision(false), Decision::Divert);
        form.confirm_colour(HealthColour::Red);
        assert_eq!(form.decision(false), Decision::Deny);
    }

    #[test]
    fn bad_temperature_keeps_the_form() {
        let mut form = PersonForm::from_scan(scanned(HealthColour::Green, 0.95), Direction::In);
        form.temperature_text = "99".into();
        assert!(matches!(
            form.confirm(FeverThreshold::default()),
            Err(ConfirmBlock::BadTemperature(_))
        ));
        assert!(form.scan.is_some());
        assert_eq!(form.temperature_text, "99");
    }
}
