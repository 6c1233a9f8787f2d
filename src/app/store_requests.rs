//! What the kiosk asks of the store thread, what comes back, and how each request is carried
//! out there. Reports and exports run on that thread too (or on one of their own), so the window
//! never waits on them; the store itself knows nothing of reports.

use std::path::PathBuf;

use chrono::{DateTime, FixedOffset, Utc};

use crate::model::entry::{NewVehicleEntry, Provenance};
use crate::model::{
    Counters, EntryId, LogRow, Operator, PersonEntry, Role, ScreenedPerson, Shift, VehicleEntry,
};
use crate::report::{
    ExportFormat, ExportRequest, ImportSummary, ReportError, ReportScope, ShiftReport,
};
use crate::store::{
    LaterReply, LogFilter, PurgeSummary, RepeatHit, RepeatKey, Store, StoreError, StoreService,
    StoreWorker,
};

/// Something for the store thread to do; `request_id` comes back in the reply.
#[derive(Debug, Clone)]
pub enum StoreRequest {
    SavePerson {
        request_id: u64,
        entry: Box<ScreenedPerson>,
        prov: Provenance,
        at: DateTime<Utc>,
    },
    SaveVehicle {
        request_id: u64,
        entry: Box<NewVehicleEntry>,
        prov: Provenance,
        at: DateTime<Utc>,
    },
    SaveVehicleWithPassengers {
        request_id: u64,
        vehicle: Box<NewVehicleEntry>,
        passengers: Vec<ScreenedPerson>,
        prov: Provenance,
        at: DateTime<Utc>,
    },
    Void {
        request_id: u64,
        entry_id: EntryId,
        reason: String,
        operator: String,
        at: DateTime<Utc>,
    },
    Entries {
        request_id: u64,
        filter: LogFilter,
    },
    Counters {
        request_id: u64,
        since: DateTime<Utc>,
    },
    FindRepeat {
        request_id: u64,
        key: RepeatKey,
        since: DateTime<Utc>,
    },
    Person {
        request_id: u64,
        entry_id: EntryId,
    },
    Vehicle {
        request_id: u64,
        entry_id: EntryId,
    },
    SignIn {
        request_id: u64,
        name: String,
        role: Role,
        pin: Option<String>,
        /// The PIN typed a second time: a new leader is created only when both match.
        pin_again: Option<String>,
        at: DateTime<Utc>,
    },
    OpenShift {
        request_id: u64,
        leader: Operator,
        checkpoint_id: String,
        at: DateTime<Utc>,
    },
    CloseShift {
        request_id: u64,
        shift_id: i64,
        handover_note: String,
        at: DateTime<Utc>,
    },
    CurrentShift {
        request_id: u64,
        checkpoint_id: String,
    },
    ShiftReport {
        request_id: u64,
        scope: Box<ReportScope>,
        tz: FixedOffset,
    },
    Export {
        request_id: u64,
        scope: Box<ReportScope>,
        format: ExportFormat,
        path: PathBuf,
        exported_by: String,
        at: DateTime<Utc>,
        tz: FixedOffset,
        /// Our hashing secret's key id, for an export to neighbouring kiosks (JSON only).
        hash_key_id: Option<String>,
        /// The reader's language and the checkpoint's name, for CSV, Excel and HTML.
        lang: crate::config::Language,
        checkpoint_name: Option<String>,
    },
    /// Merge a neighbouring kiosk's JSON export.
    Import {
        request_id: u64,
        path: PathBuf,
        our_key_id: String,
    },
    Purge {
        request_id: u64,
        cutoff: DateTime<Utc>,
    },
}

impl StoreRequest {
    pub fn request_id(&self) -> u64 {
        match self {
            Self::SavePerson { request_id, .. }
            | Self::SaveVehicle { request_id, .. }
            | Self::SaveVehicleWithPassengers { request_id, .. }
            | Self::Void { request_id, .. }
            | Self::Entries { request_id, .. }
            | Self::Counters { request_id, .. }
            | Self::FindRepeat { request_id, .. }
            | Self::Person { request_id, .. }
            | Self::Vehicle { request_id, .. }
            | Self::SignIn { request_id, .. }
            | Self::OpenShift { request_id, .. }
            | Self::CloseShift { request_id, .. }
            | Self::CurrentShift { request_id, .. }
            | Self::ShiftReport { request_id, .. }
            | Self::Export { request_id, .. }
            | Self::Import { request_id, .. }
            | Self::Purge { request_id, .. } => *request_id,
        }
    }
}

/// What a request produced.
#[derive(Debug, Clone, PartialEq)]
pub enum ReplyPayload {
    Person(Box<PersonEntry>),
    Vehicle(Box<VehicleEntry>),
    VehicleWithPassengers(Box<VehicleEntry>, Vec<PersonEntry>),
    Voided,
    Entries(Vec<LogRow>),
    Counters(Counters),
    Repeat(Option<RepeatHit>),
    FoundPerson(Option<Box<PersonEntry>>),
    FoundVehicle(Option<Box<VehicleEntry>>),
    Operator(Operator),
    Shift(Shift),
    CurrentShift(Option<Shift>),
    ShiftReport(Box<ShiftReport>),
    /// How many entries the export file holds.
    Exported(u64),
    Imported(Box<ImportSummary>),
    Purged(PurgeSummary),
}

#[derive(Debug, Clone, PartialEq)]
pub struct StoreReply {
    pub request_id: u64,
    pub result: Result<ReplyPayload, RequestError>,
}

/// Why a request failed: the database, or a report or export outside it.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum RequestError {
    #[error(transparent)]
    Store(#[from] StoreError),
    /// The text says what to do, in both of the UI's languages (the report module owns the
    /// words).
    #[error("{en}")]
    Report { en: String, zh: String },
}

impl RequestError {
    /// The message in Chinese.
    pub fn zh(&self) -> String {
        match self {
            Self::Store(error) => error.zh(),
            Self::Report { zh, .. } => zh.clone(),
        }
    }
}

/// The kiosk's store thread.
pub type GateStore = StoreWorker<GateRequests>;

/// The kiosk's requests, carried out on the store thread.
pub struct GateRequests;

impl StoreService for GateRequests {
    type Request = StoreRequest;
    type Reply = StoreReply;

    fn refused(request: StoreRequest, error: StoreError) -> StoreReply {
        StoreReply {
            request_id: request.request_id(),
            result: Err(error.into()),
        }
    }

    fn handle(
        store: &mut Store,
        request: StoreRequest,
        later: &LaterReply<StoreReply>,
    ) -> Option<StoreReply> {
        let request = import_elsewhere(store, request, later)?;
        Some(StoreReply {
            request_id: request.request_id(),
            result: handle(store, request),
        })
    }
}

fn handle(store: &mut Store, request: StoreRequest) -> Result<ReplyPayload, RequestError> {
    Ok(match request {
        StoreRequest::SavePerson {
            entry, prov, at, ..
        } => ReplyPayload::Person(Box::new(store.save_person(&entry, &prov, at)?)),
        StoreRequest::SaveVehicle {
            entry, prov, at, ..
        } => ReplyPayload::Vehicle(Box::new(store.save_vehicle(&entry, &prov, at)?)),
        StoreRequest::SaveVehicleWithPassengers {
            vehicle,
            passengers,
            prov,
            at,
            ..
        } => {
            let (vehicle, people) =
                store.save_vehicle_with_passengers(&vehicle, &passengers, &prov, at)?;
            ReplyPayload::VehicleWithPassengers(Box::new(vehicle), people)
        }
        StoreRequest::Void {
            entry_id,
            reason,
            operator,
            at,
            ..
        } => {
            store.void_entry(entry_id, &reason, &operator, at)?;
            ReplyPayload::Voided
        }
        StoreRequest::Entries { filter, .. } => ReplyPayload::Entries(store.entries(&filter)?),
        StoreRequest::Counters { since, .. } => ReplyPayload::Counters(store.counters(since)?),
        StoreRequest::FindRepeat { key, since, .. } => {
            ReplyPayload::Repeat(store.find_repeat(&key, since)?)
        }
        StoreRequest::Person { entry_id, .. } => {
            ReplyPayload::FoundPerson(store.person(entry_id)?.map(Box::new))
        }
        StoreRequest::Vehicle { entry_id, .. } => {
            ReplyPayload::FoundVehicle(store.vehicle(entry_id)?.map(Box::new))
        }
        StoreRequest::SignIn {
            name,
            role,
            pin,
            pin_again,
            at,
            ..
        } => ReplyPayload::Operator(store.sign_in_confirmed(
            &name,
            role,
            pin.as_deref(),
            pin_again.as_deref(),
            at,
        )?),
        StoreRequest::OpenShift {
            leader,
            checkpoint_id,
            at,
            ..
        } => ReplyPayload::Shift(store.open_shift(&leader, &checkpoint_id, at)?),
        StoreRequest::CloseShift {
            shift_id,
            handover_note,
            at,
            ..
        } => {
            let shift = store.close_shift(shift_id, &handover_note, at)?;
            backup_at_shift_close(store, at);
            ReplyPayload::Shift(shift)
        }
        StoreRequest::CurrentShift { checkpoint_id, .. } => {
            ReplyPayload::CurrentShift(store.current_shift(&checkpoint_id)?)
        }
        StoreRequest::ShiftReport { scope, tz, .. } => {
            ReplyPayload::ShiftReport(Box::new(ShiftReport::build(store, &scope, tz)?))
        }
        StoreRequest::Export {
            scope,
            format,
            path,
            exported_by,
            at,
            tz,
            hash_key_id,
            lang,
            checkpoint_name,
            ..
        } => {
            if let Some(folder) = path.parent() {
                // A USB drive's folder is made here, off the window's thread.
                std::fs::create_dir_all(folder)
                    .map_err(|error| StoreError::file(folder, &error))?;
            }
            let request = ExportRequest {
                scope: &scope,
                format,
                path: &path,
                exported_by: &exported_by,
                at,
                tz,
                hash_key_id: hash_key_id.as_deref(),
                lang,
                checkpoint_name: checkpoint_name.as_deref(),
            };
            // The window names its files by the minute in its own exports folder: a second
            // export of the same minute replaces the first (never the database's files).
            ReplyPayload::Exported(
                crate::report::export_replacing(store, &request).map_err(store_error)?,
            )
        }
        StoreRequest::Import {
            path, our_key_id, ..
        } => ReplyPayload::Imported(Box::new(
            crate::report::import_file(store, &path, &our_key_id).map_err(store_error)?,
        )),
        StoreRequest::Purge { cutoff, .. } => ReplyPayload::Purged(store.purge_older_than(cutoff)?),
    })
}

/// Every closed shift leaves a backup beside the database (the newest few are kept). A failed
/// backup does not undo the close: it is logged, and `checkpoint-kiosk backup` can be run.
fn backup_at_shift_close(store: &Store, at: DateTime<Utc>) {
    if store.path() == ":memory:" {
        return;
    }
    let folder = crate::store::backup::default_backup_dir(std::path::Path::new(store.path()));
    if let Err(error) = store.backup_into(&folder, crate::store::backup::DEFAULT_BACKUPS_KEPT, at) {
        eprintln!("checkpoint-kiosk: backup at shift close failed: {error}");
    }
}

/// Report errors travel back to the UI keeping their message in both languages.
fn store_error(error: ReportError) -> RequestError {
    match error {
        ReportError::Store(error) => RequestError::Store(error),
        other => RequestError::Report {
            en: other.to_string(),
            zh: other.zh(),
        },
    }
}

/// An import of a large file runs on its own thread with its own connection, committing in
/// chunks, so the volunteers' saves interleave with it instead of waiting behind the whole
/// file. Returns the request when it is not such an import (or the database is in memory).
fn import_elsewhere(
    store: &Store,
    request: StoreRequest,
    later: &LaterReply<StoreReply>,
) -> Option<StoreRequest> {
    let StoreRequest::Import {
        request_id,
        path,
        our_key_id,
    } = request
    else {
        return Some(request);
    };
    if store.path() == ":memory:" {
        return Some(StoreRequest::Import {
            request_id,
            path,
            our_key_id,
        });
    }
    let database = PathBuf::from(store.path());
    let passphrase = store.passphrase().cloned();
    let thread_later = later.clone();
    let spawned = std::thread::Builder::new()
        .name("import".to_owned())
        .spawn(move || {
            let result = Store::open_keyed(&database, passphrase.as_ref())
                .map_err(RequestError::from)
                .and_then(|mut own| {
                    crate::report::import_file(&mut own, &path, &our_key_id)
                        .map(|summary| ReplyPayload::Imported(Box::new(summary)))
                        .map_err(store_error)
                });
            thread_later.send(StoreReply { request_id, result });
        });
    if let Err(error) = spawned {
        later.send(StoreReply {
            request_id,
            result: Err(StoreError::CannotOpen {
                path: "import thread".to_owned(),
                detail: error.to_string(),
            }
            .into()),
        });
    }
    None
}
