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

/// One tick's outcome: what the sync did and when, or the error and what waits.
/// A failed sync's error is boxed: it is rare, and large beside the counts of a good one.
type Tick = Result<(super::SyncCounts, DateTime<Utc>), (Box<DistrictError>, Option<u64>)>;

/// Owns the thread; dropping it asks the thread to stop (without waiting for the network).
pub struct SyncWorker {
    status: Arc<Mutex<SyncStatus>>,
    stop: Arc<AtomicBool>,
}

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
        std::thread::Builder::new()
            .name("district-sync".to_owned())
            .spawn(move || thread.run())?;
        Ok(SyncWorker { status, stop })
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
    fn drop(&mut self) {
        self.stop.store(true, Ordering::Relaxed);
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
            let outcome = self.tick(&mut store, &mut session);
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
            Ok(counts) => Ok((counts, now)),
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
            Ok((counts, at)) => {
                status.last_success = Some(at);
                status.pending = Some(counts.pending);
                status.last_error = None;
                status.pushed_total = status.pushed_total.saturating_add(counts.pushed);
                status.pulled_total = status.pulled_total.saturating_add(counts.pulled);
            }
            Err((error, pending)) => {
                status.pending = pending.or(status.pending);
                status.last_error = Some((error.to_string(), error.zh()));
            }
        }
        let changed = *status != before;
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
