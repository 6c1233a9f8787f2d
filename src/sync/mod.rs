//! The kiosk's side of the district sync (issue 12): push this kiosk's entries, voids, shifts and
//! purges to the district's PostgreSQL, pull the other kiosks' repeat keys into the local store,
//! and the background thread that does both every few seconds.
//!
//! Offline first: the gate saves into SQLite as always; the store's outbox (filled by triggers)
//! remembers what the server has not acknowledged, and the pull cursor where pulling stopped, so
//! a sync interrupted anywhere (server down, SIGKILL, power cut) resumes without loss or
//! duplicates. Pushing is keyed by entry UUID (`ON CONFLICT DO NOTHING`); acknowledged items are
//! deleted from the outbox only after the server committed them.

pub mod decode;
pub mod pass_share;
mod pull;
mod push;
mod session;
pub mod set_aside;
mod worker;

use chrono::{DateTime, Utc};
use serde::Serialize;

pub use decode::PullWindow;
pub use pull::{MAX_PAGE_BYTES, MAX_ROW_BYTES};
pub use session::{Session, SyncSettings};
pub use set_aside::{SetAside, SetAsideList};

/// How long one sync's push and pull took (`district bench`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct SyncTiming {
    pub counts: SyncCounts,
    pub push: std::time::Duration,
    pub pull: std::time::Duration,
}
pub use worker::SyncWorker;

use crate::district::DistrictError;
use crate::store::Store;

/// What one sync did: `sync --once --json` prints it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
pub struct SyncCounts {
    /// Changes the server acknowledged (entries, voids, shifts, purges).
    pub pushed: u64,
    /// Other kiosks' repeat keys received.
    pub pulled: u64,
    /// Changes still waiting here.
    pub pending: u64,
    /// Pulled rows refused (undecodable, dated in the future or outside the repeat window, a
    /// bad hash or plate): skipped, never stored.
    pub rejected: u64,
    /// This kiosk's changes the server refused in this sync, set aside (see [`set_aside`]).
    pub set_aside: u64,
    /// Other checkpoints' pass keys and revocations newly kept (issue 25).
    pub pass_items: u64,
    /// Pulled pass items refused: forged, altered or signed by a key the district never shared.
    pub pass_items_refused: u64,
}

/// Pushes everything waiting, then pulls what is new; `now` bounds the repeat window.
pub fn sync_once(
    store: &mut Store,
    session: &mut Session,
    now: DateTime<Utc>,
) -> Result<SyncCounts, DistrictError> {
    sync_once_timed(store, session, now).map(|timing| timing.counts)
}

/// [`sync_once`], timing its push and its pull.
pub fn sync_once_timed(
    store: &mut Store,
    session: &mut Session,
    now: DateTime<Utc>,
) -> Result<SyncTiming, DistrictError> {
    session.forget_other_servers(store)?;
    let started = std::time::Instant::now();
    let pushed = push::push_all(store, session)?;
    let push = started.elapsed();
    let window = PullWindow::ending(now, session.settings.repeat_window_minutes);
    let started = std::time::Instant::now();
    let pulled = pull::pull_all(store, session, &window)?;
    let passes = match session.settings.keys_dir.clone() {
        Some(keys_dir) => pass_share::share_passes(store, session, &keys_dir)?,
        None => pass_share::PassShareCounts::default(),
    };
    let pull = started.elapsed();
    session.say_seen()?;
    Ok(SyncTiming {
        counts: SyncCounts {
            pushed: pushed.acknowledged,
            pulled: pulled.keys,
            pending: store.sync_pending()?,
            rejected: pulled.rejected,
            set_aside: pushed.set_aside.len() as u64,
            pass_items: passes.kept,
            pass_items_refused: passes.refused,
        },
        push,
        pull,
    })
}
