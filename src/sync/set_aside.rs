//! Changes the district's server refused, set aside with its reason (issue 24 item 3): they
//! leave the outbox (so later changes are still pushed) and are listed here for the shift leader
//! (`sync --json`, the sync line's count). Kept in the store's sync state as one small JSON
//! value: the latest [`KEPT`] items and the count of all.

use serde::{Deserialize, Serialize};

use crate::district::DistrictError;
use crate::store::Store;

const STATE_NAME: &str = "set_aside";
/// Items listed; older ones are only counted.
const KEPT: usize = 200;

/// One change the server refused.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SetAside {
    /// Its place in the outbox when it was refused.
    pub outbox_id: i64,
    /// `entry`, `void`, `shift` or `purge`.
    pub item: String,
    /// The entry's id (entries and voids).
    pub entry_id: Option<String>,
    /// The server's words.
    pub reason: String,
    /// When it was set aside (RFC 3339).
    pub at: String,
}

/// Every change set aside so far: the count, and the latest items.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SetAsideList {
    pub total: u64,
    pub items: Vec<SetAside>,
}

/// What was set aside so far (an unreadable value counts as nothing).
pub fn list(store: &Store) -> Result<SetAsideList, DistrictError> {
    Ok(store
        .sync_state(STATE_NAME)?
        .and_then(|text| serde_json::from_str(&text).ok())
        .unwrap_or_default())
}

/// Adds `refused` to the list (an item refused again after a crash is listed once).
pub(crate) fn keep(store: &mut Store, refused: &[SetAside]) -> Result<(), DistrictError> {
    let mut list = list(store)?;
    for item in refused {
        if !list
            .items
            .iter()
            .any(|kept| kept.outbox_id == item.outbox_id)
        {
            list.total = list.total.saturating_add(1);
            list.items.push(item.clone());
        }
    }
    let excess = list.items.len().saturating_sub(KEPT);
    list.items.drain(..excess);
    let text = serde_json::to_string(&list).map_err(|error| DistrictError::Server {
        detail: error.to_string(),
    })?;
    store.set_sync_state(&[(STATE_NAME, text)])?;
    Ok(())
}
