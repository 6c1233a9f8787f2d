//! Reading an export file as a stream: the header fields, then one record at a time from
//! `entries`, so a file of a million entries never sits in memory. Errors describe where and
//! what kind of problem, never the content (a file may hold an ID number in the wrong field).

use std::fmt;
use std::io::BufReader;
use std::path::Path;

use serde::Deserialize;
use serde::de::{self, DeserializeSeed, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};

use super::super::ReportError;
use super::super::json::SCHEMA;
use super::super::record::{ExportRecord, Refusal};
use crate::model::EntryId;
use crate::model::pass_share::{MAX_ITEMS_IN_FILE, SharedPassWire};

/// What the file says about itself.
#[derive(Debug, Default)]
pub struct Header {
    pub schema: Option<String>,
    pub hash_key_id: Option<String>,
    /// Signed pass keys and revocations (exports for neighbours), at most
    /// [`MAX_ITEMS_IN_FILE`]; not yet checked.
    pub pass_share: Vec<SharedPassWire>,
    /// Items of `pass_share` that could not be read, or were beyond the limit.
    pub pass_share_unread: u64,
    pub pass_share_seal: Option<String>,
}

/// One element of `entries`, read or refused.
pub struct Item {
    /// 1-based position in `entries`.
    pub position: u64,
    pub entry_id: Option<EntryId>,
    pub record: Result<ExportRecord, Refusal>,
}

type Sink<'a> = dyn FnMut(Item) -> Result<(), ReportError> + 'a;

/// Reads `path`, handing each entry to `sink` in order; returns the header.
///
/// The file is read twice: first only its header (entries skipped without being kept), so the
/// schema is checked before any entry is handed over whatever order the file's keys are in (JSON
/// tools often sort them, putting `entries` before `schema`); then the entries one at a time.
pub fn read_file(path: &Path, sink: &mut Sink<'_>) -> Result<Header, ReportError> {
    let shown = path.display().to_string();
    let mut skip = |_: Item| Ok(());
    let mut header_pass = State::new(shown.clone(), Pass::HeaderOnly, &mut skip);
    parse(path, &mut header_pass)?;
    if let Some(problem) = schema_problem(&shown, header_pass.header.schema.as_deref()) {
        return Err(problem);
    }
    let header = header_pass.header;
    let mut entries_pass = State::new(shown.clone(), Pass::Entries, sink);
    parse(path, &mut entries_pass)?;
    if !entries_pass.has_entries {
        return Err(not_export(&shown, "it has no entries list".to_owned()));
    }
    if let Some(count) = entries_pass.entry_count
        && count != entries_pass.entries
    {
        return Err(not_export(
            &shown,
            format!(
                "it says it holds {count} entries but holds {}: it was cut short or changed",
                entries_pass.entries
            ),
        ));
    }
    Ok(header)
}

fn not_export(path: &str, detail: String) -> ReportError {
    ReportError::NotAnExport {
        path: path.to_owned(),
        detail,
    }
}

/// One pass over the whole file; a failure the sink reported wins over the parse error it caused.
fn parse(path: &Path, state: &mut State<'_, '_>) -> Result<(), ReportError> {
    let file = std::fs::File::open(path).map_err(|error| ReportError::Read {
        path: state.path.clone(),
        detail: error.to_string(),
    })?;
    let mut deserializer =
        serde_json::Deserializer::from_reader(BufReader::with_capacity(1 << 16, file));
    let parsed = FileSeed(&mut *state)
        .deserialize(&mut deserializer)
        .and_then(|()| deserializer.end());
    if let Some(failure) = state.failure.take() {
        return Err(failure);
    }
    parsed.map_err(|error| not_export(&state.path, describe_json_error(&error)))
}

/// Where and what kind of JSON problem, without quoting the file.
pub fn describe_json_error(error: &serde_json::Error) -> String {
    let place = format!("line {}, column {}", error.line(), error.column());
    match error.classify() {
        serde_json::error::Category::Io => "it could not be read to the end".to_owned(),
        serde_json::error::Category::Syntax => format!("it is not valid JSON at {place}"),
        serde_json::error::Category::Eof => {
            format!("it ends too early ({place}): was it copied completely?")
        }
        serde_json::error::Category::Data => {
            format!("a value has the wrong type or is missing at {place}")
        }
    }
}

/// A schema name safe to show: short, printable ASCII.
pub fn shown_schema(schema: &str) -> String {
    if schema.len() <= 48 && schema.bytes().all(|byte| byte.is_ascii_graphic()) {
        schema.to_owned()
    } else {
        "(unreadable)".to_owned()
    }
}

/// Why one record could not be read, without quoting it.
fn record_refusal(error: &serde_json::Error) -> Refusal {
    let message = error.to_string();
    // serde names a missing field by our own schema's name; every other message may quote
    // the file (`invalid type: string "1101…"`), so it is not repeated.
    if let Some(rest) = message.strip_prefix("missing field `")
        && let Some(field) = rest.split('`').next()
        && field.len() <= 32
        && field
            .bytes()
            .all(|byte| byte.is_ascii_lowercase() || byte == b'_')
    {
        return crate::text::errors::import_refusal::missing_field(field).into();
    }
    crate::text::errors::import_refusal::WRONG_TYPE.into()
}

/// The header pass skips the entries; the entries pass hands each one to the sink.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Pass {
    HeaderOnly,
    Entries,
}

struct State<'s, 'a> {
    path: String,
    pass: Pass,
    header: Header,
    entries: u64,
    entry_count: Option<u64>,
    has_entries: bool,
    /// Set when the sink (or a header check) stopped the read; wins over the parse error.
    failure: Option<ReportError>,
    sink: &'s mut Sink<'a>,
}

impl<'s, 'a> State<'s, 'a> {
    fn new(path: String, pass: Pass, sink: &'s mut Sink<'a>) -> Self {
        Self {
            path,
            pass,
            header: Header::default(),
            entries: 0,
            entry_count: None,
            has_entries: false,
            failure: None,
            sink,
        }
    }
}

struct FileSeed<'r, 's, 'a>(&'r mut State<'s, 'a>);

impl<'de> DeserializeSeed<'de> for FileSeed<'_, '_, '_> {
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        deserializer.deserialize_map(self)
    }
}

impl<'de> Visitor<'de> for FileSeed<'_, '_, '_> {
    type Value = ();

    fn expecting(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        formatter.write_str("an export object")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        let state = self.0;
        while let Some(key) = map.next_key::<String>()? {
            match key.as_str() {
                "schema" => state.header.schema = Some(map.next_value()?),
                "hash_key_id" => state.header.hash_key_id = map.next_value()?,
                "pass_share_seal" => state.header.pass_share_seal = map.next_value()?,
                "pass_share" if state.pass == Pass::HeaderOnly => {
                    map.next_value_seed(PassShareSeed(&mut state.header))?;
                }
                "entry_count" => state.entry_count = Some(map.next_value()?),
                "entries" if state.pass == Pass::HeaderOnly => {
                    state.has_entries = true;
                    map.next_value::<IgnoredAny>()?;
                }
                "entries" => {
                    state.has_entries = true;
                    map.next_value_seed(EntriesSeed(&mut *state))?;
                }
                _ => {
                    map.next_value::<IgnoredAny>()?;
                }
            }
        }
        Ok(())
    }
}

/// Why the file's schema is not one we read, if it is not.
fn schema_problem(path: &str, schema: Option<&str>) -> Option<ReportError> {
    match schema {
        Some(SCHEMA) => None,
        Some(other) => Some(ReportError::UnknownSchema {
            path: path.to_owned(),
            found: shown_schema(other),
            supported: SCHEMA.to_owned(),
        }),
        None => Some(not_export(
            path,
            "it does not say which schema it follows".to_owned(),
        )),
    }
}

/// Reads `pass_share` one item at a time, keeping at most [`MAX_ITEMS_IN_FILE`]: a hostile
/// file cannot make the header as large as the file.
struct PassShareSeed<'h>(&'h mut Header);

impl<'de> DeserializeSeed<'de> for PassShareSeed<'_> {
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        deserializer.deserialize_seq(self)
    }
}

impl<'de> Visitor<'de> for PassShareSeed<'_> {
    type Value = ();

    fn expecting(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        formatter.write_str("a list of signed pass keys and revocations")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        let header = self.0;
        while let Some(value) = seq.next_element::<serde_json::Value>()? {
            match serde_json::from_value::<SharedPassWire>(value) {
                Ok(wire) if header.pass_share.len() < MAX_ITEMS_IN_FILE => {
                    header.pass_share.push(wire);
                }
                _ => header.pass_share_unread = header.pass_share_unread.saturating_add(1),
            }
        }
        Ok(())
    }
}

struct EntriesSeed<'r, 's, 'a>(&'r mut State<'s, 'a>);

impl<'de> DeserializeSeed<'de> for EntriesSeed<'_, '_, '_> {
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        deserializer.deserialize_seq(self)
    }
}

impl<'de> Visitor<'de> for EntriesSeed<'_, '_, '_> {
    type Value = ();

    fn expecting(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        formatter.write_str("a list of entries")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        let state = self.0;
        while let Some(value) = seq.next_element::<serde_json::Value>()? {
            state.entries = state.entries.saturating_add(1);
            let entry_id = value
                .get("entry_id")
                .and_then(|id| EntryId::deserialize(id).ok());
            let record = serde_json::from_value::<ExportRecord>(value)
                .map_err(|error| record_refusal(&error));
            let item = Item {
                position: state.entries,
                entry_id,
                record,
            };
            if let Err(failure) = (state.sink)(item) {
                state.failure = Some(failure);
                return Err(de::Error::custom("stopped"));
            }
        }
        Ok(())
    }
}
