//! The background sync thread: every `interval` it pushes and pulls, on its own connection to
//! the local database and to the server. The window reads its [`SyncStatus`] (a short lock,
//! never held across I/O), so the gate never waits on the network.

use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use chrono::{DateTime, Utc};

use super::{Session, SyncSettings, sync_once};
use crate::district::DistrictError;
use crate::model::SyncStatus;
use crate::store::Store;

/// One tick's outcome: what the sync did and when (with the count of changes set aside so far),
/// or the error and what waits. A failed sync's error is boxed: it is rare, and large beside
/// the counts of a good one.
type Tick = Result<(super::SyncCounts, DateTime<Utc>, u64), (Box<DistrictError>, Option<u64>)>;

/// Owns the thread; dropping it asks the thread to stop and waits a little for it to close
/// its database connection.
pub struct SyncWorker {
    status: Arc<Mutex<SyncStatus>>,
    stop: Arc<AtomicBool>,
    thread: Option<std::thread::JoinHandle<()>>,
}

/// How long closing the window waits for the sync thread. A thread still connecting to an
/// unreachable server is left behind after this; between ticks it stops within 0.1 s.
const STOP_WAIT: Duration = Duration::from_secs(3);

impl SyncWorker {
    /// Starts syncing the database at `database` with the district's server.
    pub fn spawn(
        database: PathBuf,
        passphrase: Option<crate::config::Passphrase>,
        settings: SyncSettings,
        wake: Arc<dyn Fn() + Send + Sync>,
    ) -> std::io::Result<SyncWorker> {
        let status = Arc::new(Mutex::new(SyncStatus {
            server: settings.address.shown.clone(),
            ..SyncStatus::default()
        }));
        let stop = Arc::new(AtomicBool::new(false));
        let thread = SyncThread {
            database,
            passphrase,
            settings,
            status: status.clone(),
            stop: stop.clone(),
            wake,
        };
        let thread = std::thread::Builder::new()
            .name("district-sync".to_owned())
            .spawn(move || thread.run())?;
        Ok(SyncWorker {
            status,
            stop,
            thread: Some(thread),
        })
    }

    /// A copy of the current status.
    pub fn status(&self) -> SyncStatus {
        self.status
            .lock()
            .map(|status| status.clone())
            .unwrap_or_default()
    }
}

impl Drop for SyncWorker {
    /// The thread must close its encrypted SQLite connection before the process exits:
    /// SQLCipher tears its crypto down at exit, and a connection closed after that crashed the
    /// kiosk on Alt+F4 (a general protection fault in `sqlite3FreeCodecArg`).
    fn drop(&mut self) {
        self.stop.store(true, Ordering::Relaxed);
        let Some(thread) = self.thread.take() else {
            return;
        };
        let deadline = Instant::now() + STOP_WAIT;
        while !thread.is_finished() && Instant::now() < deadline {
            std::thread::sleep(Duration::from_millis(20));
        }
        if thread.is_finished() {
            let _ = thread.join();
        }
    }
}

struct SyncThread {
    database: PathBuf,
    passphrase: Option<crate::config::Passphrase>,
    settings: SyncSettings,
    status: Arc<Mutex<SyncStatus>>,
    stop: Arc<AtomicBool>,
    wake: Arc<dyn Fn() + Send + Sync>,
}

impl SyncThread {
    fn run(self) {
        let mut store: Option<Store> = None;
        let mut session: Option<Session> = None;
        while !self.stop.load(Ordering::Relaxed) {
            let started = Instant::now();
            // Nothing a server or another kiosk sends may end this thread (issue 24): a panic
            // anywhere in a sync drops both connections, is said on the sync line, and the next
            // tick starts afresh.
            let outcome = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                self.tick(&mut store, &mut session)
            }))
            .unwrap_or_else(|panic| {
                store = None;
                session = None;
                Err((Box::new(panicked(panic.as_ref())), None))
            });
            self.report(outcome);
            self.sleep_until(started + self.settings.interval);
        }
    }

    /// One sync; a broken connection is dropped and opened again next time.
    fn tick(&self, store: &mut Option<Store>, session: &mut Option<Session>) -> Tick {
        if store.is_none() {
            *store = Some(
                Store::open_keyed(&self.database, self.passphrase.as_ref())
                    .map_err(|error| (Box::new(DistrictError::from(error)), None))?,
            );
        }
        let Some(store) = store.as_mut() else {
            return Err((Box::new(DistrictError::NotInitialised), None));
        };
        let pending = store.sync_pending().ok();
        if session.is_none() {
            *session = Some(
                Session::open(self.settings.clone()).map_err(|error| (Box::new(error), pending))?,
            );
        }
        let Some(open) = session.as_mut() else {
            return Err((Box::new(DistrictError::NotInitialised), pending));
        };
        let now = Utc::now();
        match sync_once(store, open, now) {
            Ok(counts) => {
                let set_aside = super::set_aside::list(store).map_or(0, |list| list.total);
                Ok((counts, now, set_aside))
            }
            Err(error) => {
                *session = None;
                let error = error.at(&self.settings.address.shown);
                Err((Box::new(error), store.sync_pending().ok()))
            }
        }
    }

    fn report(&self, outcome: Tick) {
        let Ok(mut status) = self.status.lock() else {
            return;
        };
        let before = status.clone();
        match outcome {
            Ok((counts, at, set_aside)) => {
                status.last_success = Some(at);
                status.rejected_total = status.rejected_total.saturating_add(counts.rejected);
                status.set_aside = set_aside;
                status.pending = Some(counts.pending);
                status.last_error = None;
                status.pushed_total = status.pushed_total.saturating_add(counts.pushed);
                status.pulled_total = status.pulled_total.saturating_add(counts.pulled);
                status.pass_items_total = status.pass_items_total.saturating_add(counts.pass_items);
                status.pass_items_refused = status
                    .pass_items_refused
                    .saturating_add(counts.pass_items_refused);
            }
            Err((error, pending)) => {
                status.pending = pending.or(status.pending);
                status.last_error = Some((error.to_string(), error.zh()));
            }
        }
        // Only what the gate shows wakes the window: a sync every 2 s that changed nothing on
        // the line costs no frame (issue 23).
        let changed = status.shows_differently(&before);
        drop(status);
        if changed {
            (self.wake)();
        }
    }

    fn sleep_until(&self, deadline: Instant) {
        while !self.stop.load(Ordering::Relaxed) {
            let now = Instant::now();
            if now >= deadline {
                return;
            }
            std::thread::sleep((deadline - now).min(Duration::from_millis(100)));
        }
    }
}

/// A panic's message as a sync error (the thread goes on).
fn panicked(panic: &(dyn std::any::Any + Send)) -> DistrictError {
    let message = panic
        .downcast_ref::<&str>()
        .map(|text| (*text).to_owned())
        .or_else(|| panic.downcast_ref::<String>().cloned())
        .unwrap_or_default();
    DistrictError::Server {
        detail: format!("the sync stopped unexpectedly ({message}); it starts again"),
    }
}
