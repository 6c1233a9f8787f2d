//! Registering a person without a smartphone (the elderly, children): a document, a name and a
//! phone, each validated, with the colour from a paper code or said aloud. Companions (a family)
//! are added one by one and saved together with the same temperature rules.
//!
//! Pure state, no drawing: the Register screen draws it.

use crate::model::Decision;
use crate::model::age_band::AgeBand;
use crate::model::document::{Document, DocumentKind};
use crate::model::entry::ColourSource;
use crate::model::name::PersonName;
use crate::model::phone::Phone;
use crate::model::pii::{HashKind, PiiKey, Protected, mask_document, mask_name, mask_phone};
use crate::model::risk::RiskList;
use crate::model::risk_origin::OriginCheck;
use crate::model::{
    Celsius, Direction, FeverThreshold, HealthColour, MeasureMethod, NewPersonEntry,
    TemperatureReading,
};
use crate::text::{Bilingual as _, Said};

/// What the volunteer typed for one person.
#[derive(Debug, Clone, PartialEq)]
pub struct RegisterForm {
    pub document_kind: DocumentKind,
    pub document_text: String,
    pub name_text: String,
    pub phone_text: String,
    pub colour: HealthColour,
    pub temperature_text: String,
    pub method: MeasureMethod,
    pub direction: Direction,
    pub origin: String,
    /// A fever's first reading, kept while the volunteer re-measures by contact.
    pub first_reading: Option<TemperatureReading>,
    /// A companion's group: the entry id of the group's first person (issue 22).
    pub group_id: Option<crate::model::EntryId>,
    /// A child without an ID, registered as a companion of its guardian: no document, an age
    /// band instead (issue 22).
    pub child_without_id: bool,
    pub age_band: Option<AgeBand>,
}

impl Default for RegisterForm {
    fn default() -> Self {
        Self {
            document_kind: DocumentKind::ResidentId,
            document_text: String::new(),
            name_text: String::new(),
            phone_text: String::new(),
            colour: HealthColour::Unknown,
            temperature_text: String::new(),
            method: MeasureMethod::default(),
            direction: Direction::In,
            origin: String::new(),
            first_reading: None,
            group_id: None,
            child_without_id: false,
            age_band: None,
        }
    }
}

/// A field that is wrong, with the message to show beside it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldProblem {
    pub field: Field,
    /// In both languages: drawn in the language of the moment.
    pub message: Said,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    Document,
    AgeBand,
    Name,
    Phone,
    Colour,
    Temperature,
}

impl RegisterForm {
    /// A fever on the first reading is not decided at once (the same rule as the Scan screen):
    /// the reading is kept, the field cleared for the re-measure by wrist, and the first
    /// reading returned so the volunteer is told.
    pub fn take_fever_for_remeasure(&mut self, threshold: FeverThreshold) -> Option<Celsius> {
        if self.first_reading.is_some() {
            return None;
        }
        let celsius = Celsius::parse_shorthand(&self.temperature_text).ok()?;
        if !celsius.is_fever(threshold) {
            return None;
        }
        self.first_reading = Some(TemperatureReading {
            celsius,
            method: self.method,
        });
        self.temperature_text.clear();
        self.method = MeasureMethod::Wrist;
        Some(celsius)
    }

    /// Where the temperature stands, for the banner.
    pub fn reading(&self, threshold: FeverThreshold) -> crate::gate::Reading {
        use crate::gate::Reading;
        let typed = Celsius::parse_shorthand(&self.temperature_text).ok();
        match (self.first_reading, typed) {
            (None, None) => Reading::None,
            (None, Some(celsius)) if celsius.is_fever(threshold) => {
                Reading::Remeasuring { first: celsius }
            }
            (Some(first), None) => Reading::Remeasuring {
                first: first.celsius,
            },
            (_, Some(celsius)) if celsius.is_fever(threshold) => Reading::Fever(celsius),
            (_, Some(celsius)) => Reading::Normal(celsius),
        }
    }

    /// Validates every field and builds the entry with hashed and masked identifiers.
    /// Returns every problem at once, so the volunteer fixes them in one go.
    pub fn to_entry(
        &self,
        key: &PiiKey,
        threshold: FeverThreshold,
        risks: &RiskList,
    ) -> Result<NewPersonEntry, Vec<FieldProblem>> {
        let mut problems = Vec::new();
        let mut problem = |field, message: Said| problems.push(FieldProblem { field, message });
        let identity = if self.child_without_id {
            self.child_identity(&mut problem)
        } else {
            Document::parse(self.document_kind, &self.document_text)
                .map_err(|error| {
                    problem(Field::Document, error.said());
                })
                .ok()
                .map(Identity::Document)
        };
        let name = PersonName::parse(&self.name_text)
            .map_err(|error| problem(Field::Name, error.said()))
            .ok();
        // The phone is optional: villagers without one give a relative's, or none.
        let phone = if self.phone_text.trim().is_empty() {
            None
        } else {
            Phone::parse(&self.phone_text)
                .map_err(|error| {
                    problem(Field::Phone, error.said());
                })
                .ok()
        };
        if self.colour == HealthColour::Unknown {
            problem(
                Field::Colour,
                Said::from(crate::text::screens::register_form::PICK_COLOUR),
            );
        }
        let celsius = Celsius::parse_shorthand(&self.temperature_text)
            .map_err(|error| {
                problem(
                    Field::Temperature,
                    Said::new(crate::text::gate::temperature_zh(&error), error.to_string()),
                );
            })
            .ok();
        match (identity, name, celsius) {
            (Some(identity), Some(name), Some(celsius)) if problems.is_empty() => {
                let mut entry =
                    self.entry(key, &identity, &name, phone.as_ref(), celsius, threshold);
                let origin = risks.check_origin(&self.origin, None);
                entry.origin = origin.stored();
                entry.decision = decision_with_origin(entry.decision, &origin);
                Ok(entry)
            }
            _ => Err(problems),
        }
    }

    /// A child without an ID is named by its age band and joins its guardian's group: the
    /// guardian is registered first, then the child with 保存并登记同行人.
    fn child_identity(&self, problem: &mut impl FnMut(Field, Said)) -> Option<Identity> {
        let words = crate::text::screens::register_form::CHILD;
        let guardian = self.group_id;
        if guardian.is_none() {
            problem(Field::AgeBand, Said::from(words.needs_guardian));
        }
        if self.age_band.is_none() {
            problem(Field::AgeBand, Said::from(words.pick_age_band));
        }
        Some(Identity::Child(self.age_band?)).filter(|_| guardian.is_some())
    }

    fn entry(
        &self,
        key: &PiiKey,
        identity: &Identity,
        name: &PersonName,
        phone: Option<&Phone>,
        celsius: Celsius,
        threshold: FeverThreshold,
    ) -> NewPersonEntry {
        let reading = TemperatureReading {
            celsius,
            method: self.method,
        };
        let origin = self.origin.trim();
        let (document_kind, document, age_band) = match identity {
            Identity::Document(document) => {
                let number = document.number();
                let protected =
                    Protected::new(key, HashKind::Document, number, mask_document(number));
                (Some(document.kind()), Some(protected), None)
            }
            Identity::Child(band) => (None, None, Some(*band)),
        };
        NewPersonEntry {
            direction: self.direction,
            colour: self.colour,
            colour_source: ColourSource::Confirmed,
            document_kind,
            document,
            age_band,
            name: Some(Protected::new(
                key,
                HashKind::Name,
                name.as_str(),
                mask_name(name.as_str()),
            )),
            phone: phone.map(|phone| {
                Protected::new(
                    key,
                    HashKind::Phone,
                    phone.as_str(),
                    mask_phone(phone.as_str()),
                )
            }),
            temperatures: self.first_reading.into_iter().chain([reading]).collect(),
            origin: (!origin.is_empty()).then(|| origin.to_owned()),
            decision: crate::gate::suggested_decision(self.colour, celsius.is_fever(threshold)),
            group_id: self.group_id,
            ..NewPersonEntry::default()
        }
    }

    /// The decision for the banner while the form is filled in: the colour and fever rule, then
    /// a risk-area origin diverts (分流) whoever would otherwise pass.
    pub fn decision(&self, fever: bool, risks: &RiskList) -> Decision {
        decision_with_origin(
            crate::gate::suggested_decision(self.colour, fever),
            &risks.check_origin(&self.origin, None),
        )
    }

    /// The keyed hash of the document typed so far, once it is a valid document (an ID number
    /// with its check digit right): what the repeat look-up asks for before the save.
    pub fn document_hash(&self, key: &PiiKey) -> Option<crate::model::pii::KeyedHash> {
        if self.child_without_id {
            return None;
        }
        let document = Document::parse(self.document_kind, &self.document_text).ok()?;
        Some(key.hash(HashKind::Document, document.number()))
    }

    /// Keeps what a companion shares with the person before (direction, origin, method), and
    /// links them: `saved` is the entry just saved, whose group (or itself, when it was the
    /// first) the companion joins.
    pub fn next_companion(&self, saved: &crate::model::PersonEntry) -> Self {
        Self {
            direction: self.direction,
            origin: self.origin.clone(),
            method: self.method,
            group_id: Some(saved.details.group_id.unwrap_or(saved.entry_id)),
            ..Self::default()
        }
    }
}

/// Who the person is: a checked document, or a child without one in its age band.
enum Identity {
    Document(Document),
    Child(AgeBand),
}

/// Red and fever outrank a diversion; only a person who would pass is diverted.
fn decision_with_origin(decision: Decision, origin: &OriginCheck) -> Decision {
    match decision {
        Decision::Pass if origin.divert() => Decision::Divert,
        other => other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn risks() -> RiskList {
        RiskList::bundled_sample().expect("sample")
    }

    fn key() -> PiiKey {
        PiiKey::from_bytes(&[3; 32]).expect("32 bytes")
    }

    fn valid_form() -> RegisterForm {
        RegisterForm {
            document_text: "11010519491231002X".into(),
            name_text: "张三".into(),
            phone_text: "138 1234 5678".into(),
            colour: HealthColour::Green,
            temperature_text: "36.6".into(),
            ..RegisterForm::default()
        }
    }

    #[test]
    fn valid_person_is_stored_hashed_and_masked() {
        let entry = valid_form()
            .to_entry(&key(), FeverThreshold::default(), &risks())
            .expect("valid");
        let document = entry.document.expect("document");
        assert_eq!(document.masked, "110105********002X");
        assert!(!document.hash.as_str().contains("11010519491231002X"));
        assert_eq!(entry.name.expect("name").masked, "张*");
        assert_eq!(entry.phone.expect("phone").masked, "138****5678");
        assert_eq!(
            entry.document_kind.map(DocumentKind::as_str),
            Some("resident-id")
        );
    }

    #[test]
    fn every_wrong_field_is_reported_at_once() {
        let form = RegisterForm {
            document_text: "110105194912310021".into(),
            name_text: String::new(),
            phone_text: "12345".into(),
            ..RegisterForm::default()
        };
        let problems = form
            .to_entry(&key(), FeverThreshold::default(), &risks())
            .expect_err("invalid");
        let fields: Vec<Field> = problems.iter().map(|p| p.field).collect();
        assert_eq!(
            fields,
            vec![
                Field::Document,
                Field::Name,
                Field::Phone,
                Field::Colour,
                Field::Temperature
            ]
        );
    }

    #[test]
    fn phone_may_be_left_empty() {
        let form = RegisterForm {
            phone_text: String::new(),
            ..valid_form()
        };
        assert!(
            form.to_entry(&key(), FeverThreshold::default(), &risks())
                .expect("valid")
                .phone
                .is_none()
        );
    }

    #[test]
    fn companions_keep_direction_and_origin_and_join_the_first_persons_group() {
        let form = RegisterForm {
            direction: Direction::Out,
            origin: "深圳市".into(),
            ..valid_form()
        };
        let saved = |details: NewPersonEntry| crate::model::PersonEntry {
            entry_id: crate::model::EntryId::new_random(),
            recorded_at: chrono::Utc::now(),
            provenance: crate::model::entry::Provenance {
                checkpoint_id: "east".into(),
                gate: "1号岗".into(),
                operator: "值守员".into(),
                shift_id: None,
            },
            fever: false,
            details,
            voided: None,
        };
        let entry = |form: &RegisterForm| {
            form.to_entry(&key(), FeverThreshold::default(), &risks())
                .expect("valid")
        };
        let grandmother = saved(entry(&form));
        let next = form.next_companion(&grandmother);
        assert_eq!(next.direction, Direction::Out);
        assert_eq!(next.origin, "深圳市");
        assert!(next.document_text.is_empty());
        assert_eq!(next.group_id, Some(grandmother.entry_id));
        // The third joins the first's group, not the second's own.
        let grandson = saved(entry(&RegisterForm {
            document_text: "110105198001010016".into(),
            group_id: next.group_id,
            ..valid_form()
        }));
        assert_eq!(grandson.details.group_id, Some(grandmother.entry_id));
        let third = next.next_companion(&grandson);
        assert_eq!(third.group_id, Some(grandmother.entry_id));
    }

    #[test]
    fn a_child_without_id_needs_an_age_band_and_a_guardian_before_it() {
        let alone = RegisterForm {
            child_without_id: true,
            document_text: String::new(),
            ..valid_form()
        };
        let problems = alone
            .to_entry(&key(), FeverThreshold::default(), &risks())
            .expect_err("no guardian, no age band");
        let said: Vec<&str> = problems
            .iter()
            .map(|p| p.message.text(crate::config::Language::ZhCn))
            .collect();
        assert!(
            problems.iter().all(|p| p.field == Field::AgeBand),
            "{said:?}"
        );
        assert_eq!(problems.len(), 2, "{said:?}");
        let guardian = crate::model::EntryId::new_random();
        let with_guardian = RegisterForm {
            group_id: Some(guardian),
            age_band: Some(AgeBand::UpToFive),
            name_text: "王小宝".into(),
            phone_text: String::new(),
            ..alone
        };
        assert_eq!(with_guardian.document_hash(&key()), None);
        let child = with_guardian
            .to_entry(&key(), FeverThreshold::default(), &risks())
            .expect("a child with its guardian and age band");
        assert_eq!(child.age_band, Some(AgeBand::UpToFive));
        assert_eq!(child.group_id, Some(guardian));
        assert_eq!((child.document_kind, child.document), (None, None));
        assert_eq!(child.name.expect("name").masked, "王**");
    }

    #[test]
    fn a_person_from_shenzhen_typed_short_is_diverted_unless_red() {
        let mut form = RegisterForm {
            origin: "sz".into(),
            ..valid_form()
        };
        let entry = form
            .to_entry(&key(), FeverThreshold::default(), &risks())
            .expect("valid");
        assert_eq!(entry.decision, Decision::Divert);
        assert_eq!(entry.origin.as_deref(), Some("深圳市"));
        form.colour = HealthColour::Red;
        assert_eq!(form.decision(false, &risks()), Decision::Deny);
    }
}
