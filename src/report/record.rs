//! One entry as it appears in exports (schema `checkpoint-kiosk.export/1`, see the module docs of
//! `report`): masked personal data, never plain values. Keyed hashes of the code and the ID number
//! appear only in exports made for neighbouring kiosks that share the hashing secret.

use crate::text::Said;
use crate::text::errors::import_refusal as refusal;
use chrono::{DateTime, Datelike, SecondsFormat, Utc};
use serde::{Deserialize, Serialize};

use crate::model::document::DocumentKind;
use crate::model::entry::{ColourSource, NewPersonEntry, NewVehicleEntry, Provenance, Voided};
use crate::model::pii::{KeyedHash, Protected};
use crate::model::plate::RecordedPlateKind;
use crate::model::{
    CodeFormat, Decision, Direction, EntryId, HealthColour, PersonEntry, TemperatureReading,
    VehicleEntry,
};
use crate::store::StoredEntry;

/// An entry in an export file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ExportRecord {
    pub entry_id: EntryId,
    pub checkpoint_id: String,
    pub gate: String,
    pub operator: String,
    /// RFC 3339, UTC, milliseconds.
    pub recorded_at: String,
    pub direction: Direction,
    pub decision: Decision,
    pub repeat_of: Option<EntryId>,
    pub note: Option<String>,
    pub voided: Option<Voided>,
    /// From the demo feed or training pictures: only in an export that asked for practice, and
    /// imported as practice again (never counted as a person).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub practice: bool,
    #[serde(flatten)]
    pub details: RecordDetails,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "lowercase")]
pub enum RecordDetails {
    Person(PersonFields),
    Vehicle(VehicleFields),
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PersonFields {
    pub colour: HealthColour,
    pub colour_source: ColourSource,
    /// Written by its stable name; a file naming a format this app does not know is refused.
    pub code_format: Option<CodeFormat>,
    pub code_masked: Option<String>,
    pub document_kind: Option<DocumentKind>,
    pub document_masked: Option<String>,
    pub name_masked: Option<String>,
    pub phone_masked: Option<String>,
    /// Keyed hash of the code payload, only in exports for kiosks sharing the hashing secret.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub code_hash: Option<String>,
    /// Keyed hash of the document number, as `code_hash`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub document_hash: Option<String>,
    pub temperatures: Vec<TemperatureReading>,
    pub fever: bool,
    pub travel_star: Option<bool>,
    pub origin: Option<String>,
    pub destination: Option<String>,
    pub vehicle_id: Option<EntryId>,
    /// The group's first person (a family registered together), on each companion.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub group_id: Option<EntryId>,
    /// A child without an ID: the age band (`0-5`, `6-11`, `12-17`); `group_id` names the
    /// guardian's group.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub age_band: Option<crate::model::age_band::AgeBand>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct VehicleFields {
    pub plate: String,
    pub plate_kind: RecordedPlateKind,
    pub vehicle_type: String,
    pub origin: Option<String>,
    pub destination: Option<String>,
    pub passengers: u32,
    pub cargo: Option<String>,
}

pub fn timestamp(at: DateTime<Utc>) -> String {
    at.to_rfc3339_opts(SecondsFormat::Millis, true)
}

fn masked(value: Option<&Protected>) -> Option<String> {
    value.map(|protected| protected.masked.clone())
}

/// A stored hash worth exporting (imported entries may carry an empty one).
fn hash_of(value: Option<&Protected>) -> Option<String> {
    value
        .map(|protected| protected.hash.as_str())
        .filter(|hash| !hash.is_empty())
        .map(str::to_owned)
}

/// An imported value: its masked form, and its hash when it was made with our secret (an empty
/// hash otherwise, which the store treats as "nothing to recognise it by").
fn imported(masked: Option<&String>, hash: Option<&String>) -> Option<Protected> {
    let hash = hash
        .filter(|hash| hash.len() == 64 && hash.bytes().all(|byte| byte.is_ascii_hexdigit()))
        .map(|hash| hash.to_ascii_lowercase())
        .unwrap_or_default();
    masked.map(|masked| Protected {
        hash: KeyedHash::from_hex(hash),
        masked: masked.clone(),
    })
}

impl ExportRecord {
    pub fn from_stored(entry: &StoredEntry) -> Self {
        match entry {
            StoredEntry::Person(person) => Self::from_person(person),
            StoredEntry::Vehicle(vehicle) => Self::from_vehicle(vehicle),
        }
    }

    fn from_person(person: &PersonEntry) -> Self {
        let details = &person.details;
        Self {
            entry_id: person.entry_id,
            checkpoint_id: person.provenance.checkpoint_id.clone(),
            gate: person.provenance.gate.clone(),
            operator: person.provenance.operator.clone(),
            recorded_at: timestamp(person.recorded_at),
            direction: details.direction,
            decision: details.decision,
            repeat_of: details.repeat_of,
            note: details.note.clone(),
            voided: person.voided.clone(),
            practice: details.practice,
            details: RecordDetails::Person(PersonFields {
                colour: details.colour,
                colour_source: details.colour_source,
                code_format: details.code_format,
                code_masked: masked(details.code.as_ref()),
                document_kind: details.document_kind,
                document_masked: masked(details.document.as_ref()),
                name_masked: masked(details.name.as_ref()),
                phone_masked: masked(details.phone.as_ref()),
                code_hash: None,
                document_hash: None,
                temperatures: details.temperatures.clone(),
                fever: person.fever,
                travel_star: details.travel_star,
                origin: details.origin.clone(),
                destination: details.destination.clone(),
                vehicle_id: details.vehicle_id,
                group_id: details.group_id,
                age_band: details.age_band,
            }),
        }
    }

    fn from_vehicle(vehicle: &VehicleEntry) -> Self {
        let details = &vehicle.details;
        Self {
            entry_id: vehicle.entry_id,
            checkpoint_id: vehicle.provenance.checkpoint_id.clone(),
            gate: vehicle.provenance.gate.clone(),
            operator: vehicle.provenance.operator.clone(),
            recorded_at: timestamp(vehicle.recorded_at),
            direction: details.direction,
            decision: details.decision,
            repeat_of: details.repeat_of,
            note: details.note.clone(),
            voided: vehicle.voided.clone(),
            practice: details.practice,
            details: RecordDetails::Vehicle(VehicleFields {
                plate: details.plate.clone(),
                plate_kind: details.plate_kind,
                vehicle_type: details.vehicle_type.clone(),
                origin: details.origin.clone(),
                destination: details.destination.clone(),
                passengers: details.passengers,
                cargo: details.cargo.clone(),
            }),
        }
    }

    /// Adds the keyed hashes of the code and the document, for kiosks sharing our secret.
    pub fn with_hashes(mut self, entry: &StoredEntry) -> Self {
        if let (RecordDetails::Person(fields), StoredEntry::Person(person)) =
            (&mut self.details, entry)
        {
            fields.code_hash = hash_of(person.details.code.as_ref());
            fields.document_hash = hash_of(person.details.document.as_ref());
        }
        self
    }

    /// The record as a kiosk without our secret sees it: hashes removed.
    pub fn without_hashes(&self) -> Self {
        let mut record = self.clone();
        if let RecordDetails::Person(fields) = &mut record.details {
            fields.code_hash = None;
            fields.document_hash = None;
        }
        record
    }

    /// The entry to store for an imported record; `None` if `recorded_at` is not a time.
    /// `keep_hashes` only when the file's hashes were made with our secret.
    pub fn to_stored(&self, keep_hashes: bool) -> Option<StoredEntry> {
        let recorded_at = DateTime::parse_from_rfc3339(&self.recorded_at)
            .ok()?
            .with_timezone(&Utc);
        let provenance = Provenance {
            checkpoint_id: self.checkpoint_id.clone(),
            gate: self.gate.clone(),
            operator: self.operator.clone(),
            // Shift numbers belong to the kiosk that made them.
            shift_id: None,
        };
        Some(match &self.details {
            RecordDetails::Person(fields) => StoredEntry::Person(PersonEntry {
                entry_id: self.entry_id,
                recorded_at,
                provenance,
                fever: fields.fever,
                details: self.person_details(fields, keep_hashes),
                voided: self.voided.clone(),
            }),
            RecordDetails::Vehicle(fields) => StoredEntry::Vehicle(VehicleEntry {
                entry_id: self.entry_id,
                recorded_at,
                provenance,
                details: self.vehicle_details(fields),
                voided: self.voided.clone(),
            }),
        })
    }

    fn person_details(&self, fields: &PersonFields, keep_hashes: bool) -> NewPersonEntry {
        let hash = |hash: &Option<String>| if keep_hashes { hash.clone() } else { None };
        NewPersonEntry {
            direction: self.direction,
            colour: fields.colour,
            colour_source: fields.colour_source,
            code_format: fields.code_format,
            code: imported(
                fields.code_masked.as_ref(),
                hash(&fields.code_hash).as_ref(),
            ),
            document_kind: fields.document_kind,
            document: imported(
                fields.document_masked.as_ref(),
                hash(&fields.document_hash).as_ref(),
            ),
            name: imported(fields.name_masked.as_ref(), None),
            phone: imported(fields.phone_masked.as_ref(), None),
            temperatures: fields.temperatures.clone(),
            travel_star: fields.travel_star,
            origin: fields.origin.clone(),
            destination: fields.destination.clone(),
            decision: self.decision,
            vehicle_id: fields.vehicle_id,
            repeat_of: self.repeat_of,
            note: self.note.clone(),
            // Imported records keep their colour; a neighbour's pass verdict is not carried.
            pass_outcome: None,
            // Practice travels only in an export that asked for it, and stays practice here.
            practice: self.practice,
            group_id: fields.group_id,
            age_band: fields.age_band,
        }
    }

    fn vehicle_details(&self, fields: &VehicleFields) -> NewVehicleEntry {
        NewVehicleEntry {
            direction: self.direction,
            plate: fields.plate.clone(),
            plate_kind: fields.plate_kind,
            vehicle_type: fields.vehicle_type.clone(),
            origin: fields.origin.clone(),
            destination: fields.destination.clone(),
            passengers: fields.passengers,
            cargo: fields.cargo.clone(),
            decision: self.decision,
            repeat_of: self.repeat_of,
            note: self.note.clone(),
            practice: self.practice,
        }
    }
}

/// Why an imported record was refused, in both languages; never quotes the file's content.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Refusal {
    pub en: String,
    pub zh: String,
}

impl From<Said> for Refusal {
    fn from(said: Said) -> Self {
        Self {
            en: said.en,
            zh: said.zh,
        }
    }
}

impl From<crate::text::Phrase> for Refusal {
    fn from(phrase: crate::text::Phrase) -> Self {
        Said::from(phrase).into()
    }
}

/// Imported entries must lie between this year and a day after the import: a year-0000 entry
/// would mean nothing, a year-9999 one would never be purged.
const EARLIEST_IMPORTED_YEAR: i32 = 2019;
/// Most readings one entry can carry.
const MAX_READINGS: usize = 16;
/// Most people one vehicle can carry (a coach).
const MAX_PASSENGERS: u32 = 200;

/// Longest texts accepted per field (characters): a gate label is short, a note a sentence.
const LABEL_CHARS: usize = 64;
const NOTE_CHARS: usize = 500;
const PLATE_CHARS: usize = 16;

/// A code label as the kiosk makes it: "粤康码 …1234", "健康码 ****0014", "EU DCC Z*** S***",
/// "出入证 P0123456789 张*". Anything else (a whole payload, an `HC1:` string, an ID number, a
/// URL) keeps only its last four characters.
pub fn mask_code_label(label: &str) -> String {
    let label = label.trim();
    if let Some(holder) = label.strip_prefix("EU DCC ") {
        let masked: Vec<String> = holder
            .split_whitespace()
            .map(crate::model::pii::mask_name)
            .collect();
        return format!("EU DCC {}", masked.join(" "));
    }
    if let Some(rest) = label
        .strip_prefix(crate::model::stored_words::PASS_LABEL)
        .and_then(|rest| rest.strip_prefix(' '))
    {
        let mut words = rest.split_whitespace();
        if let Some(pass_id) = words.next().filter(|word| is_pass_id(word)) {
            let holder: Vec<String> = words.map(crate::model::pii::mask_name).collect();
            return format!(
                "{} {pass_id} {}",
                crate::model::stored_words::PASS_LABEL,
                holder.join(" ")
            )
            .trim_end()
            .to_owned();
        }
    }
    let mut words = label.split_whitespace();
    let issuer_ok = words.next().is_some_and(|issuer| {
        issuer.chars().count() <= 12 && !issuer.chars().any(|c| c.is_ascii_digit())
    });
    if issuer_ok && words.all(is_masked_word) {
        return label.to_owned();
    }
    let chars: Vec<char> = label.chars().filter(|c| !c.is_control()).collect();
    let tail: String = chars[chars.len().saturating_sub(4)..].iter().collect();
    format!("? …{tail}")
}

/// A word that reveals at most four characters: "…1234", "****0014", "Z***", "GD", "?".
fn is_masked_word(word: &str) -> bool {
    let shown = word.chars().filter(|c| *c != '*' && *c != '…').count();
    let masked = word.contains(['*', '…']);
    shown <= 4 && (masked || word.is_ascii())
}

/// A pass id as issued here: "P" and ten hex digits.
fn is_pass_id(word: &str) -> bool {
    word.len() == 11
        && word.starts_with('P')
        && word[1..].bytes().all(|byte| byte.is_ascii_hexdigit())
}

impl ExportRecord {
    /// The record as it may be stored here: personal fields re-masked (a plain ID number,
    /// phone, name or payload in a `*_masked` field never gets in), texts within their lengths,
    /// times between 2019 and a day after `now`. A record that cannot be made safe is refused
    /// with a reason that quotes nothing from it.
    pub fn sanitized(&self, now: DateTime<Utc>) -> Result<ExportRecord, Refusal> {
        let refuse = |said: Said| Err(Refusal::from(said));
        let latest = now + chrono::Duration::days(1);
        let in_range = |text: &str| {
            DateTime::parse_from_rfc3339(text)
                .ok()
                .map(|time| time.with_timezone(&Utc))
                .filter(|time| time.year() >= EARLIEST_IMPORTED_YEAR && *time <= latest)
        };
        let Some(recorded_at) = in_range(&self.recorded_at) else {
            return refuse(refusal::time_out_of_range(EARLIEST_IMPORTED_YEAR));
        };
        if let Some(voided) = &self.voided
            && (voided.at.year() < EARLIEST_IMPORTED_YEAR || voided.at > latest)
        {
            return refuse(refusal::VOID_TIME_OUT_OF_RANGE.into());
        }
        let mut texts: Vec<(&'static str, Option<&str>, usize)> = vec![
            (
                "checkpoint_id",
                Some(self.checkpoint_id.as_str()),
                LABEL_CHARS,
            ),
            ("gate", Some(self.gate.as_str()), LABEL_CHARS),
            ("operator", Some(self.operator.as_str()), LABEL_CHARS),
            ("note", self.note.as_deref(), NOTE_CHARS),
            (
                "voided.reason",
                self.voided.as_ref().map(|v| v.reason.as_str()),
                NOTE_CHARS,
            ),
            (
                "voided.operator",
                self.voided.as_ref().map(|v| v.operator.as_str()),
                LABEL_CHARS,
            ),
        ];
        match &self.details {
            RecordDetails::Person(fields) => texts.extend([
                ("code_masked", fields.code_masked.as_deref(), NOTE_CHARS),
                (
                    "document_masked",
                    fields.document_masked.as_deref(),
                    LABEL_CHARS,
                ),
                ("name_masked", fields.name_masked.as_deref(), LABEL_CHARS),
                ("phone_masked", fields.phone_masked.as_deref(), LABEL_CHARS),
                ("origin", fields.origin.as_deref(), LABEL_CHARS),
                ("destination", fields.destination.as_deref(), LABEL_CHARS),
            ]),
            RecordDetails::Vehicle(fields) => texts.extend([
                ("plate", Some(fields.plate.as_str()), PLATE_CHARS),
                (
                    "vehicle_type",
                    Some(fields.vehicle_type.as_str()),
                    LABEL_CHARS,
                ),
                ("origin", fields.origin.as_deref(), LABEL_CHARS),
                ("destination", fields.destination.as_deref(), LABEL_CHARS),
                ("cargo", fields.cargo.as_deref(), NOTE_CHARS),
            ]),
        }
        for (field, text, limit) in texts {
            let Some(text) = text else { continue };
            let chars = text.chars().count();
            if chars > limit {
                return refuse(refusal::too_long(field, chars, limit));
            }
        }
        if field_is_blank(&self.checkpoint_id) {
            return refuse(refusal::NO_CHECKPOINT_ID.into());
        }
        let mut record = self.clone();
        record.recorded_at = timestamp(recorded_at);
        match &mut record.details {
            RecordDetails::Person(fields) => {
                if fields.temperatures.len() > MAX_READINGS {
                    return refuse(refusal::too_many_readings(MAX_READINGS));
                }
                let remask = |value: &mut Option<String>, mask: fn(&str) -> String| {
                    *value = value
                        .as_deref()
                        .map(mask)
                        .filter(|masked| !masked.is_empty());
                };
                remask(
                    &mut fields.document_masked,
                    crate::model::pii::mask_document,
                );
                remask(&mut fields.phone_masked, crate::model::pii::mask_phone);
                remask(&mut fields.name_masked, crate::model::pii::mask_name);
                remask(&mut fields.code_masked, mask_code_label);
            }
            RecordDetails::Vehicle(fields) => {
                if fields.passengers > MAX_PASSENGERS {
                    return refuse(refusal::too_many_passengers(MAX_PASSENGERS));
                }
            }
        }
        Ok(record)
    }
}

impl ExportRecord {
    /// The record with control characters and invisible direction marks taken out of every
    /// text (issue 24: an imported "U+202E" or NUL would reach the screens and the exports).
    /// Lengths are left to [`ExportRecord::sanitized`], which refuses what is too long.
    pub fn without_control_characters(mut self) -> Self {
        fn clean(text: &mut String) {
            if !text.chars().all(crate::model::plain_text::is_shown_char) {
                *text = crate::model::plain_text::clean_text(text, usize::MAX);
            }
        }
        fn clean_option(text: &mut Option<String>) {
            if let Some(text) = text {
                clean(text);
            }
        }
        clean(&mut self.checkpoint_id);
        clean(&mut self.gate);
        clean(&mut self.operator);
        clean_option(&mut self.note);
        if let Some(voided) = &mut self.voided {
            clean(&mut voided.reason);
            clean(&mut voided.operator);
        }
        match &mut self.details {
            RecordDetails::Person(fields) => {
                for text in [
                    &mut fields.code_masked,
                    &mut fields.document_masked,
                    &mut fields.name_masked,
                    &mut fields.phone_masked,
                    &mut fields.origin,
                    &mut fields.destination,
                ] {
                    clean_option(text);
                }
            }
            RecordDetails::Vehicle(fields) => {
                clean(&mut fields.plate);
                clean(&mut fields.vehicle_type);
                clean_option(&mut fields.origin);
                clean_option(&mut fields.destination);
                clean_option(&mut fields.cargo);
            }
        }
        self
    }
}

fn field_is_blank(text: &str) -> bool {
    text.trim().is_empty()
}
