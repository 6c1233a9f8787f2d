//! This checkpoint's side of sharing passes across the district (issue 25): its own key and
//! revocations signed with its pass-signing key (`pass-share-own.json`, pushed by the sync and
//! carried by the neighbour export), and the other checkpoints' items it accepted
//! (`pass-share-district.json`), which the verifier trusts.

use std::collections::HashSet;
use std::path::Path;

use chrono::{DateTime, Utc};

use super::keys;
use crate::codes::CodesError;
use crate::config::pass_files;
use crate::model::pass_share::{
    MAX_ITEMS_IN_FILE, SealedItems, ShareRefusal, Shared, SharedPassItem, SharedPassWire, sealed_by,
};
use crate::model::pii::PiiKey;

/// Our own items, the key's item signed now if it is not there yet (a kiosk whose key predates
/// sharing). None without a signing key.
pub fn own_items(keys_dir: &Path, now: DateTime<Utc>) -> Result<Vec<SharedPassItem>, CodesError> {
    let key = match keys::load_signing_key(keys_dir) {
        Ok(key) => key,
        Err(CodesError::NoSigningKey { .. }) => return Ok(Vec::new()),
        Err(error) => return Err(error),
    };
    let path = pass_files::own_path(keys_dir);
    let mut items = pass_files::read(&path)?;
    let public = key.verifying_key().to_bytes();
    // Items of an older key (the key file was replaced) are no longer ours to push.
    items.retain(|item| item.public_key == public);
    if !items.iter().any(|item| item.what == Shared::Key) {
        items.push(SharedPassItem::sign(&key, Shared::Key, now));
        pass_files::write(&path, &items)?;
    }
    Ok(items)
}

/// Signs "we revoked `pass_id`" with our key and adds it to our items; nothing without a key
/// (a kiosk that issues no passes may still refuse an id locally).
pub fn record_revocation(
    keys_dir: &Path,
    pass_id: &str,
    now: DateTime<Utc>,
) -> Result<(), CodesError> {
    let key = match keys::load_signing_key(keys_dir) {
        Ok(key) => key,
        Err(CodesError::NoSigningKey { .. }) => return Ok(()),
        Err(error) => return Err(error),
    };
    own_items(keys_dir, now)?;
    let item = SharedPassItem::sign(
        &key,
        Shared::Revocation {
            pass_id: pass_id.to_owned(),
        },
        now,
    );
    pass_files::add(&pass_files::own_path(keys_dir), &[item])?;
    Ok(())
}

/// What the district told us, checked again as it is read: the keys, and the revocations by
/// (issuing key, pass id).
#[derive(Debug, Clone, Default)]
pub struct DistrictPasses {
    pub keys: Vec<ed25519_dalek::VerifyingKey>,
    pub revoked: HashSet<([u8; 8], String)>,
}

/// Reads `pass-share-district.json` and our own revocations; anything that does not check is
/// left out.
pub fn load_district(
    keys_dir: &Path,
    trusted: impl IntoIterator<Item = [u8; 8]>,
) -> Result<DistrictPasses, CodesError> {
    let mut items = pass_files::read(&pass_files::district_path(keys_dir))?;
    items.extend(pass_files::read(&pass_files::own_path(keys_dir))?);
    let (accepted, _refused) = crate::model::pass_share::accept(trusted, items);
    let mut district = DistrictPasses::default();
    for item in accepted {
        match &item.what {
            Shared::Key => {
                if let Ok(key) = item.check() {
                    district.keys.push(key);
                }
            }
            Shared::Revocation { pass_id } => {
                district.revoked.insert((item.key_id(), pass_id.clone()));
            }
        }
    }
    Ok(district)
}

/// What an export for neighbours carries (issue 25): our own key and revocations and what the
/// district shared with us, each item still signed by its issuer, so a district without a
/// server shares pass keys and revocations by file; a receiving kiosk checks every item again.
pub fn sealed_for_neighbours(
    keys_dir: &Path,
    now: DateTime<Utc>,
    district: &PiiKey,
) -> Result<SealedItems, CodesError> {
    let mut items = own_items(keys_dir, now)?;
    items.extend(pass_files::read(&pass_files::district_path(keys_dir))?);
    // One of each fact (a revocation may be both ours and pulled back from the district).
    let mut seen = HashSet::new();
    let wires = items
        .iter()
        .filter(|item| item.check().is_ok() && seen.insert((item.public_key, item.what.clone())))
        .map(SharedPassItem::to_wire)
        .collect();
    Ok(SealedItems::seal(district, wires))
}

/// How many of a neighbour file's pass items were newly kept, and how many were refused
/// (unreadable, forged or altered, a key without our district's seal, or revoking for a key
/// nobody shared).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct NeighbourItems {
    pub kept: usize,
    pub refused: usize,
}

/// Keeps what a neighbour's file brought, every item checked ([`import_items`]). New keys are
/// kept only when the file bears our district's `seal` over its items; without it, only
/// revocations of keys this gate already knows count.
pub fn import_wires(
    keys_dir: &Path,
    wires: &[SharedPassWire],
    seal: Option<&str>,
    district: &PiiKey,
) -> Result<NeighbourItems, CodesError> {
    let vouched = seal.is_some_and(|seal| sealed_by(district, wires, seal));
    let mut items = Vec::new();
    // Unreadable, or a key the file offers without our district's seal.
    let mut refused_here = 0;
    for wire in wires.iter().take(MAX_ITEMS_IN_FILE) {
        match SharedPassItem::from_wire(wire) {
            Ok(item) if item.what == Shared::Key && !vouched => refused_here += 1,
            Ok(item) => items.push(item),
            Err(_) => refused_here += 1,
        }
    }
    let (kept, refused) = import_items(keys_dir, items)?;
    Ok(NeighbourItems {
        kept,
        refused: refused.len() + refused_here,
    })
}

/// Items a neighbour's file brought: the good ones are added to the district's list; returns
/// how many were new and the refused ones' reasons.
pub fn import_items(
    keys_dir: &Path,
    items: Vec<SharedPassItem>,
) -> Result<(usize, Vec<ShareRefusal>), CodesError> {
    let trusted: HashSet<[u8; 8]> = keys::load_trusted_keys(keys_dir)?.into_keys().collect();
    let mut known: HashSet<[u8; 8]> = trusted;
    for item in pass_files::read(&pass_files::district_path(keys_dir))? {
        if item.what == Shared::Key && item.check().is_ok() {
            known.insert(item.key_id());
        }
    }
    let (accepted, refused) = crate::model::pass_share::accept(known, items);
    let path = pass_files::district_path(keys_dir);
    let before = pass_files::read(&path)?.len();
    pass_files::add(&path, &accepted)?;
    let after = pass_files::read(&path)?.len();
    Ok((
        after.saturating_sub(before),
        refused.into_iter().map(|(_, reason)| reason).collect(),
    ))
}
