//! What the kiosk asks of the store thread, each operation with its own result type, and how
//! each is carried out there. Reports and exports run on that thread too (or on one of their
//! own), so the window never waits on them; the store itself knows nothing of reports.
//!
//! A request is an operation (a struct implementing [`StoreOperation`], its `Output` the type it
//! answers with) and the continuation that asked for it: [`GateStore::ask`] sends both, and the
//! reply is that continuation with its result bound, run on the UI thread. An operation refused
//! before it reaches the thread (queue full, thread gone) calls the same continuation with the
//! error, so every answer reaches the code that asked, typed end to end.

use std::path::PathBuf;
use std::sync::Arc;
use std::sync::mpsc;

use chrono::{DateTime, FixedOffset, Utc};

use crate::model::entry::{NewVehicleEntry, Provenance};
use crate::model::{
    Counters, EntryId, LogRow, Operator, PersonEntry, Role, ScreenedPerson, Shift, VehicleEntry,
};
use crate::model::{LogFilter, RepeatHit};
use crate::report::{
    ExportFormat, ExportRequest, ImportSummary, ReportError, ReportScope, ShiftReport,
};
use crate::store::{
    LaterReply, LeaderPins, PinPurpose, PurgeSummary, RepeatKey, Store, StoreError, StoreJob,
    StoreWorker,
};

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
            Self::Store(error) => crate::text::store_errors::zh(error),
            Self::Report { zh, .. } => zh.clone(),
        }
    }
}

/// The keys folder's pass files could not be read or written (an export or import for
/// neighbours): said in both languages, as a report error is.
impl From<crate::codes::CodesError> for RequestError {
    fn from(error: crate::codes::CodesError) -> Self {
        Self::Report {
            en: error.to_string(),
            zh: crate::text::Bilingual::zh(&error),
        }
    }
}

/// Report errors travel back to the UI keeping their message in both languages.
impl From<ReportError> for RequestError {
    fn from(error: ReportError) -> Self {
        match error {
            ReportError::Store(error) => Self::Store(error),
            other => Self::Report {
                en: other.to_string(),
                zh: crate::text::Bilingual::zh(&other),
            },
        }
    }
}

/// One thing the store thread can do, and the type it answers with.
pub trait StoreOperation: Send + 'static {
    type Output: Send + 'static;

    /// Carries the operation out on the store thread.
    fn run(self, store: &mut Store) -> Result<Self::Output, RequestError>;

    /// Where the operation runs: on the store thread (the default), or on a thread of its own.
    fn start(self, store: &mut Store) -> Started<Self::Output>
    where
        Self: Sized,
    {
        Started::Done(self.run(store))
    }
}

/// Long work (a large import) runs on a thread of its own, so the store thread goes on serving.
pub type OwnThreadWork<T> = Box<dyn FnOnce() -> Result<T, RequestError> + Send>;

/// What starting an operation on the store thread gave.
pub enum Started<T> {
    /// Carried out on the store thread.
    Done(Result<T, RequestError>),
    /// To run on a thread of its own, named `thread`; its result comes back later.
    OnItsOwnThread {
        thread: &'static str,
        work: OwnThreadWork<T>,
    },
}

/// A reply ready for the UI thread: the continuation that asked, with its result bound. `C` is
/// what it applies to (the kiosk window; the load generator and the tests have their own).
pub type Reply<C> = Box<dyn FnOnce(&mut C) + Send>;

/// The kiosk's store thread.
pub struct GateStore<C: 'static> {
    worker: StoreWorker<Reply<C>>,
}

impl<C: 'static> GateStore<C> {
    /// Starts the thread and opens the database on it; an open error is returned here.
    pub fn spawn(
        path: PathBuf,
        passphrase: Option<crate::config::Passphrase>,
        wake: Arc<dyn Fn() + Send + Sync>,
    ) -> Result<Self, StoreError> {
        Ok(Self {
            worker: StoreWorker::spawn(path, passphrase, wake)?,
        })
    }

    /// Sends `operation` to the store thread; `then` gets its result on the UI thread (through
    /// [`Self::try_replies`]). Never blocks: a full queue answers `then` with `Busy`.
    pub fn ask<Op, Then>(&self, operation: Op, then: Then)
    where
        Op: StoreOperation,
        Then: FnOnce(&mut C, Result<Op::Output, RequestError>) + Send + 'static,
    {
        self.worker.send(Box::new(Ask { operation, then }));
    }

    /// Every reply ready now, in order. Never blocks. Each is applied with `reply(&mut context)`.
    pub fn try_replies(&self) -> Vec<Reply<C>> {
        self.worker.try_replies()
    }
}

/// An operation and the continuation waiting for its result.
struct Ask<Op, Then> {
    operation: Op,
    then: Then,
}

impl<C, Op, Then> StoreJob<Reply<C>> for Ask<Op, Then>
where
    C: 'static,
    Op: StoreOperation,
    Then: FnOnce(&mut C, Result<Op::Output, RequestError>) + Send + 'static,
{
    fn run(self: Box<Self>, store: &mut Store, later: &LaterReply<Reply<C>>) -> Option<Reply<C>> {
        let Ask { operation, then } = *self;
        match operation.start(store) {
            Started::Done(result) => Some(bind(then, result)),
            Started::OnItsOwnThread { thread, work } => {
                run_on_own_thread(thread, work, then, later)
            }
        }
    }

    fn refused(self: Box<Self>, error: StoreError) -> Reply<C> {
        bind(self.then, Err(error.into()))
    }
}

/// The continuation with its result, ready to run on the UI thread.
fn bind<C, T, Then>(then: Then, result: Result<T, RequestError>) -> Reply<C>
where
    C: 'static,
    T: Send + 'static,
    Then: FnOnce(&mut C, Result<T, RequestError>) + Send + 'static,
{
    Box::new(move |context: &mut C| then(context, result))
}

/// Runs `work` on a new thread whose result reaches `then` through `later`. The work is handed
/// over only once the thread exists, so a thread that cannot start still answers `then` (now).
fn run_on_own_thread<C, T, Then>(
    thread: &'static str,
    work: OwnThreadWork<T>,
    then: Then,
    later: &LaterReply<Reply<C>>,
) -> Option<Reply<C>>
where
    C: 'static,
    T: Send + 'static,
    Then: FnOnce(&mut C, Result<T, RequestError>) + Send + 'static,
{
    let (hand_over, handed) = mpsc::sync_channel::<Box<dyn FnOnce() + Send>>(1);
    let spawned = std::thread::Builder::new()
        .name(thread.to_owned())
        .spawn(move || {
            if let Ok(job) = handed.recv() {
                job();
            }
        });
    match spawned {
        Ok(_) => {
            let later = later.clone();
            // The thread is waiting for this job: it cannot have gone, so the send succeeds.
            let _ = hand_over.send(Box::new(move || {
                later.send(bind(then, work()));
            }));
            None
        }
        Err(error) => Some(bind(
            then,
            Err(StoreError::CannotOpen {
                path: format!("{thread} thread"),
                detail: error.to_string(),
            }
            .into()),
        )),
    }
}

/// Saves a person checked at the gate; answers with the committed entry.
#[derive(Debug, Clone)]
pub struct SavePerson {
    /// The person with their fever decided (`NewPersonEntry::screened`).
    pub entry: ScreenedPerson,
    pub prov: Provenance,
    pub at: DateTime<Utc>,
}

impl StoreOperation for SavePerson {
    type Output = PersonEntry;
    fn run(self, store: &mut Store) -> Result<PersonEntry, RequestError> {
        Ok(store.save_person(&self.entry, &self.prov, self.at)?)
    }
}

/// Saves a vehicle; answers with the committed entry.
#[derive(Debug, Clone)]
pub struct SaveVehicle {
    pub entry: NewVehicleEntry,
    pub prov: Provenance,
    pub at: DateTime<Utc>,
}

impl StoreOperation for SaveVehicle {
    type Output = VehicleEntry;
    fn run(self, store: &mut Store) -> Result<VehicleEntry, RequestError> {
        Ok(store.save_vehicle(&self.entry, &self.prov, self.at)?)
    }
}

/// Saves a vehicle and its passengers in one transaction.
#[derive(Debug, Clone)]
pub struct SaveVehicleWithPassengers {
    pub vehicle: NewVehicleEntry,
    pub passengers: Vec<ScreenedPerson>,
    pub prov: Provenance,
    pub at: DateTime<Utc>,
}

impl StoreOperation for SaveVehicleWithPassengers {
    type Output = (VehicleEntry, Vec<PersonEntry>);
    fn run(self, store: &mut Store) -> Result<Self::Output, RequestError> {
        Ok(store.save_vehicle_with_passengers(
            &self.vehicle,
            &self.passengers,
            &self.prov,
            self.at,
        )?)
    }
}

/// Voids an entry, saying why and who.
#[derive(Debug, Clone)]
pub struct Void {
    pub entry_id: EntryId,
    pub reason: String,
    pub operator: String,
    pub at: DateTime<Utc>,
}

impl StoreOperation for Void {
    type Output = ();
    fn run(self, store: &mut Store) -> Result<(), RequestError> {
        Ok(store.void_entry(self.entry_id, &self.reason, &self.operator, self.at)?)
    }
}

/// The log rows the filter selects.
#[derive(Debug, Clone)]
pub struct Entries {
    pub filter: LogFilter,
}

impl StoreOperation for Entries {
    type Output = Vec<LogRow>;
    fn run(self, store: &mut Store) -> Result<Vec<LogRow>, RequestError> {
        Ok(store.entries(&self.filter)?)
    }
}

/// The counter bar's numbers since a time.
#[derive(Debug, Clone)]
pub struct CountersSince {
    pub since: DateTime<Utc>,
}

impl StoreOperation for CountersSince {
    type Output = Counters;
    fn run(self, store: &mut Store) -> Result<Counters, RequestError> {
        Ok(store.counters(self.since)?)
    }
}

/// The last entry with this code, ID number or plate since a time, if any.
#[derive(Debug, Clone)]
pub struct FindRepeat {
    pub key: RepeatKey,
    pub since: DateTime<Utc>,
}

impl StoreOperation for FindRepeat {
    type Output = Option<RepeatHit>;
    fn run(self, store: &mut Store) -> Result<Option<RepeatHit>, RequestError> {
        Ok(store.find_repeat(&self.key, self.since)?)
    }
}

/// A person's entry in full; `None` when it is gone (purged meanwhile).
#[derive(Debug, Clone)]
pub struct FindPerson {
    pub entry_id: EntryId,
}

impl StoreOperation for FindPerson {
    type Output = Option<PersonEntry>;
    fn run(self, store: &mut Store) -> Result<Option<PersonEntry>, RequestError> {
        Ok(store.person(self.entry_id)?)
    }
}

/// A vehicle's entry in full; `None` when it is gone (purged meanwhile).
#[derive(Debug, Clone)]
pub struct FindVehicle {
    pub entry_id: EntryId,
}

impl StoreOperation for FindVehicle {
    type Output = Option<VehicleEntry>;
    fn run(self, store: &mut Store) -> Result<Option<VehicleEntry>, RequestError> {
        Ok(store.vehicle(self.entry_id)?)
    }
}

/// Signs a volunteer or a leader in.
#[derive(Debug, Clone)]
pub struct SignIn {
    pub name: String,
    pub role: Role,
    pub pin: Option<String>,
    /// The PIN typed a second time: a new leader is created only when both match.
    pub pin_again: Option<String>,
    /// An existing leader's name and PIN, vouching for a new leader.
    pub sponsor: Option<(String, String)>,
    pub at: DateTime<Utc>,
}

impl StoreOperation for SignIn {
    type Output = Operator;
    fn run(self, store: &mut Store) -> Result<Operator, RequestError> {
        let pins = LeaderPins {
            pin: self.pin.as_deref(),
            pin_again: self.pin_again.as_deref(),
            sponsor: self
                .sponsor
                .as_ref()
                .map(|(name, pin)| (name.as_str(), pin.as_str())),
        };
        Ok(store.sign_in_confirmed(&self.name, self.role, pins, self.at)?)
    }
}

/// Checks a leader's name and PIN (leaving kiosk mode); audited, and refused while wrong PINs
/// make the kiosk wait.
#[derive(Debug, Clone)]
pub struct CheckLeaderPin {
    pub name: String,
    pub pin: String,
    pub at: DateTime<Utc>,
}

impl StoreOperation for CheckLeaderPin {
    type Output = bool;
    fn run(self, store: &mut Store) -> Result<bool, RequestError> {
        Ok(store.check_leader_pin(&self.name, &self.pin, PinPurpose::KioskLock, self.at)?)
    }
}

/// Checks a leader's name and PIN before a pass task (trusting a key, issuing, revoking: issue
/// 25); when right, audits the task itself (what, never whose pass: the pass id only).
#[derive(Debug, Clone)]
pub struct CheckPassLeaderPin {
    pub name: String,
    pub pin: String,
    pub at: DateTime<Utc>,
    /// The audit line's action and detail for the task.
    pub audit: (&'static str, String),
}

impl StoreOperation for CheckPassLeaderPin {
    type Output = bool;
    fn run(self, store: &mut Store) -> Result<bool, RequestError> {
        let right = store.check_leader_pin(&self.name, &self.pin, PinPurpose::PassTask, self.at)?;
        if right {
            store.record_audit(self.audit.0, &self.audit.1, self.at)?;
        }
        Ok(right)
    }
}

/// How many leaders have a PIN (the first-run setup asks for one only when there is none).
#[derive(Debug, Clone, Copy)]
pub struct LeaderCount;

impl StoreOperation for LeaderCount {
    type Output = i64;
    fn run(self, store: &mut Store) -> Result<i64, RequestError> {
        Ok(store.leader_count()?)
    }
}

/// Opens a shift at a checkpoint under a leader.
#[derive(Debug, Clone)]
pub struct OpenShift {
    pub leader: Operator,
    pub checkpoint_id: String,
    pub at: DateTime<Utc>,
    /// Entries made since then (the start of the local day) while no shift was open are taken
    /// into the new shift.
    pub adopt_since: DateTime<Utc>,
}

impl StoreOperation for OpenShift {
    type Output = Shift;
    fn run(self, store: &mut Store) -> Result<Shift, RequestError> {
        Ok(store.open_shift_adopting(
            &self.leader,
            &self.checkpoint_id,
            self.at,
            self.adopt_since,
        )?)
    }
}

/// Closes a shift with the handover note, then backs the database up.
#[derive(Debug, Clone)]
pub struct CloseShift {
    pub shift_id: i64,
    pub handover_note: String,
    pub at: DateTime<Utc>,
}

impl StoreOperation for CloseShift {
    type Output = Shift;
    fn run(self, store: &mut Store) -> Result<Shift, RequestError> {
        let shift = store.close_shift(self.shift_id, &self.handover_note, self.at)?;
        backup_at_shift_close(store, self.at);
        Ok(shift)
    }
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

/// The shift open at a checkpoint, if any.
#[derive(Debug, Clone)]
pub struct CurrentShift {
    pub checkpoint_id: String,
}

/// The open shift at a checkpoint, and the one closed last there (its handover note).
#[derive(Debug, Clone, Default)]
pub struct ShiftsNow {
    pub open: Option<Shift>,
    pub last_closed: Option<Shift>,
}

impl StoreOperation for CurrentShift {
    type Output = ShiftsNow;
    fn run(self, store: &mut Store) -> Result<ShiftsNow, RequestError> {
        Ok(ShiftsNow {
            open: store.current_shift(&self.checkpoint_id)?,
            last_closed: store.last_closed_shift(&self.checkpoint_id)?,
        })
    }
}

/// A shift's (or a stretch of time's) report.
#[derive(Debug, Clone)]
pub struct BuildShiftReport {
    pub scope: ReportScope,
    pub tz: FixedOffset,
}

impl StoreOperation for BuildShiftReport {
    type Output = ShiftReport;
    fn run(self, store: &mut Store) -> Result<ShiftReport, RequestError> {
        Ok(ShiftReport::build(store, &self.scope, self.tz)?)
    }
}

/// Writes an export file; answers with how many entries it holds.
#[derive(Debug, Clone)]
pub struct Export {
    pub scope: ReportScope,
    pub format: ExportFormat,
    pub path: PathBuf,
    pub exported_by: String,
    pub at: DateTime<Utc>,
    pub tz: FixedOffset,
    /// Our hashing secret's key id, for an export to neighbouring kiosks (JSON only).
    pub hash_key_id: Option<String>,
    /// The reader's language and the checkpoint's name, for CSV, Excel and HTML.
    pub lang: crate::config::Language,
    pub checkpoint_name: Option<String>,
    /// For an export to neighbouring kiosks: the pass keys and revocations this kiosk knows
    /// travel in the file, sealed with the district's secret (issue 25).
    pub passes_for_neighbours: Option<PassFiles>,
    /// The leader asked for the practice entries too (Report screen, issue 22).
    pub include_practice: bool,
}

/// The keys folder, where pass keys and revocations are kept, and the district's shared hashing
/// secret that seals them in a neighbour file.
#[derive(Debug, Clone)]
pub struct PassFiles {
    pub keys_dir: PathBuf,
    pub district: crate::model::pii::PiiKey,
}

impl StoreOperation for Export {
    type Output = u64;
    fn run(self, store: &mut Store) -> Result<u64, RequestError> {
        if let Some(folder) = self.path.parent() {
            // A USB drive's folder is made here, off the window's thread.
            std::fs::create_dir_all(folder).map_err(|error| StoreError::file(folder, &error))?;
        }
        let pass_share = match &self.passes_for_neighbours {
            Some(files) if self.hash_key_id.is_some() => {
                Some(crate::codes::pass::share::sealed_for_neighbours(
                    &files.keys_dir,
                    self.at,
                    &files.district,
                )?)
            }
            _ => None,
        };
        let request = ExportRequest {
            scope: &self.scope,
            format: self.format,
            path: &self.path,
            exported_by: &self.exported_by,
            at: self.at,
            tz: self.tz,
            hash_key_id: self.hash_key_id.as_deref(),
            lang: self.lang,
            checkpoint_name: self.checkpoint_name.as_deref(),
            pass_share: pass_share.as_ref(),
            include_practice: self.include_practice,
        };
        // The window names its files by the minute in its own exports folder: a second
        // export of the same minute replaces the first (never the database's files).
        Ok(crate::report::export_replacing(store, &request)?)
    }
}

/// Merges a neighbouring kiosk's JSON export.
#[derive(Debug, Clone)]
pub struct Import {
    pub path: PathBuf,
    pub our_key_id: String,
    /// This kiosk's checkpoint: records claiming it are refused (issue 24).
    pub our_checkpoint_id: String,
    /// Where the pass keys and revocations the file carries are kept once their signatures
    /// (and for a key, the district's seal) check (issue 25).
    pub passes: PassFiles,
}

impl StoreOperation for Import {
    type Output = ImportSummary;
    fn run(self, store: &mut Store) -> Result<ImportSummary, RequestError> {
        let mut summary = crate::report::import_file(
            store,
            &self.path,
            &self.our_key_id,
            &self.our_checkpoint_id,
        )?;
        if !summary.passes.in_file.is_empty() {
            let items = crate::codes::pass::share::import_wires(
                &self.passes.keys_dir,
                &summary.passes.in_file,
                summary.passes.seal.as_deref(),
                &self.passes.district,
            )?;
            summary.passes.kept = items.kept;
            summary.passes.refused = summary
                .passes
                .refused
                .saturating_add(u64::try_from(items.refused).unwrap_or(u64::MAX));
        }
        Ok(summary)
    }

    /// A large file is imported on its own thread with its own connection, committing in
    /// chunks, so the volunteers' saves interleave with it instead of waiting behind the whole
    /// file (a database in memory has no second connection: it is imported here).
    fn start(self, store: &mut Store) -> Started<ImportSummary> {
        if store.path() == ":memory:" {
            return Started::Done(self.run(store));
        }
        let database = PathBuf::from(store.path());
        let passphrase = store.passphrase().cloned();
        Started::OnItsOwnThread {
            thread: "import",
            work: Box::new(move || {
                let mut own = Store::open_keyed(&database, passphrase.as_ref())?;
                self.run(&mut own)
            }),
        }
    }
}

/// Deletes personal entries older than the cutoff (counts stay in the audit log).
#[derive(Debug, Clone)]
pub struct Purge {
    pub cutoff: DateTime<Utc>,
}

impl StoreOperation for Purge {
    type Output = PurgeSummary;
    fn run(self, store: &mut Store) -> Result<PurgeSummary, RequestError> {
        Ok(store.purge_older_than(self.cutoff)?)
    }
}
