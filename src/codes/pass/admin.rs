//! What a shift leader does with passes from the window, as tasks the UI runs on a thread of
//! their own (key files, the register and the card PNG are all on disk): create the signing key,
//! export its public half, trust a neighbour's, issue a pass with its printable card, revoke one.
//! Each task ends with the pass book re-read, so the screen shows what is really on disk.

use crate::model::pass_card::CardWords;
use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};

use super::register::{self, IssuedPass};
use super::{PassRequest, card, keys};
use crate::codes::CodesError;
use crate::codes::pass::payload::key_id;

/// One thing to do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PassTask {
    /// Only read the key id and the register.
    Load,
    CreateKey,
    /// Write our public key into `out_dir` for neighbouring checkpoints.
    ExportPublicKey {
        out_dir: PathBuf,
    },
    /// Trust a neighbour's public key file.
    TrustNeighbour {
        file: PathBuf,
    },
    /// Sign a pass and draw its card into `out_dir`.
    Issue {
        request: PassRequest,
        out_dir: PathBuf,
        /// Printed on the card under its title.
        checkpoint_name: String,
        /// The card's title and labels (`text::passes::CARD`).
        card_words: &'static CardWords,
    },
    Revoke {
        pass_id: String,
    },
}

/// What a task did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PassDone {
    Loaded,
    KeyCreated,
    PublicKeyWritten(PathBuf),
    NeighbourTrusted { key_id: String },
    Issued { pass_id: String, card: PathBuf },
    Revoked { pass_id: String, already: bool },
}

/// The signing key's id (none yet) and the passes issued here, newest first.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PassBook {
    pub key_id: Option<String>,
    pub issued: Vec<IssuedEntry>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IssuedEntry {
    pub pass: IssuedPass,
    pub revoked: bool,
}

/// Performs `task` on the keys folder; the book is re-read afterwards.
pub fn perform(
    task: &PassTask,
    keys_dir: &Path,
    now: DateTime<Utc>,
) -> Result<(PassDone, PassBook), CodesError> {
    let done = match task {
        PassTask::Load => PassDone::Loaded,
        PassTask::CreateKey => {
            super::init_signing_key(keys_dir)?;
            PassDone::KeyCreated
        }
        PassTask::ExportPublicKey { out_dir } => {
            PassDone::PublicKeyWritten(export_public_key(keys_dir, out_dir)?)
        }
        PassTask::TrustNeighbour { file } => {
            let bytes = std::fs::read(file).map_err(CodesError::io(file))?;
            let kid = keys::import_public_key(keys_dir, &bytes, file)?;
            PassDone::NeighbourTrusted {
                key_id: hex::encode(kid),
            }
        }
        PassTask::Issue {
            request,
            out_dir,
            checkpoint_name,
            card_words,
        } => issue_with_card(
            keys_dir,
            request,
            out_dir,
            (checkpoint_name, card_words),
            now,
        )?,
        PassTask::Revoke { pass_id } => PassDone::Revoked {
            pass_id: pass_id.trim().to_owned(),
            already: !register::revoke(keys_dir, pass_id, now)?,
        },
    };
    Ok((done, read_book(keys_dir)?))
}

fn export_public_key(keys_dir: &Path, out_dir: &Path) -> Result<PathBuf, CodesError> {
    let public = keys::load_signing_key(keys_dir)?.verifying_key();
    std::fs::create_dir_all(out_dir).map_err(CodesError::io(out_dir))?;
    let path = out_dir.join(format!("pass-key-{}.pub", hex::encode(key_id(&public))));
    crate::config::write_atomically(&path, keys::public_key_pem(&public).as_bytes())?;
    Ok(path)
}

fn issue_with_card(
    keys_dir: &Path,
    request: &PassRequest,
    out_dir: &Path,
    (checkpoint_name, card_words): (&str, &CardWords),
    now: DateTime<Utc>,
) -> Result<PassDone, CodesError> {
    let (body, payload) = super::sign(keys_dir, request, now)?;
    // The cards' folder is the kiosk user's only (0700), each card 0600.
    crate::config::private::create_private_dir(out_dir)?;
    let card_path = out_dir.join(format!("pass-{}.png", body.pass_id));
    card::save_png(&body, &payload, checkpoint_name, card_words, &card_path)?;
    // Only a pass whose card exists goes into the register.
    super::record(keys_dir, &body, now)?;
    Ok(PassDone::Issued {
        pass_id: body.pass_id,
        card: card_path,
    })
}

/// The key id (if a key exists) and the register, newest first, with revocations marked.
pub fn read_book(keys_dir: &Path) -> Result<PassBook, CodesError> {
    let key_id = match keys::load_signing_key(keys_dir) {
        Ok(key) => Some(hex::encode(key_id(&key.verifying_key()))),
        Err(CodesError::NoSigningKey { .. }) => None,
        Err(error) => return Err(error),
    };
    let revoked = register::load_revoked(keys_dir)?;
    let mut issued: Vec<IssuedEntry> = register::load_register(keys_dir)?
        .into_iter()
        .map(|pass| IssuedEntry {
            revoked: revoked.contains(&pass.pass_id),
            pass,
        })
        .collect();
    issued.sort_by_key(|entry| std::cmp::Reverse(entry.pass.issued_at));
    Ok(PassBook { key_id, issued })
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::codes::pass::PassKind;
    use crate::codes::pass::card::tests::WORDS;

    fn request() -> PassRequest {
        PassRequest {
            holder: "李四".to_owned(),
            unit: "5-1-302".to_owned(),
            kind: PassKind::Resident,
            valid_days: 30,
        }
    }

    #[test]
    fn a_leader_creates_a_key_issues_a_pass_and_revokes_it() {
        let folder = tempfile::tempdir().expect("temp dir");
        let keys_dir = folder.path().join("keys");
        let out = folder.path().join("passes");
        let now = Utc::now();
        let (_, empty) = perform(&PassTask::Load, &keys_dir, now).expect("load");
        assert_eq!(empty, PassBook::default());
        assert!(
            perform(
                &PassTask::Issue {
                    request: request(),
                    out_dir: out.clone(),
                    checkpoint_name: "阳光小区".to_owned(),
                    card_words: &WORDS,
                },
                &keys_dir,
                now
            )
            .is_err(),
            "no key yet"
        );

        let (done, book) = perform(&PassTask::CreateKey, &keys_dir, now).expect("key");
        assert_eq!(done, PassDone::KeyCreated);
        assert!(book.key_id.is_some());
        let issue = PassTask::Issue {
            request: request(),
            out_dir: out,
            checkpoint_name: "阳光小区".to_owned(),
            card_words: &WORDS,
        };
        let (done, book) = perform(&issue, &keys_dir, now).expect("issued");
        let PassDone::Issued { pass_id, card } = done else {
            panic!("issued expected");
        };
        assert!(card.exists());
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = |path: &Path| {
                std::fs::metadata(path)
                    .expect("metadata")
                    .permissions()
                    .mode()
                    & 0o777
            };
            assert_eq!(mode(&card), 0o600, "the card is private");
            assert_eq!(mode(card.parent().expect("folder")), 0o700);
        }
        assert_eq!(book.issued.len(), 1);
        assert_eq!(book.issued[0].pass.holder_masked, "李*");

        let revoke = PassTask::Revoke {
            pass_id: pass_id.clone(),
        };
        let (done, book) = perform(&revoke, &keys_dir, now).expect("revoked");
        assert_eq!(
            done,
            PassDone::Revoked {
                pass_id: pass_id.clone(),
                already: false
            }
        );
        assert!(book.issued[0].revoked);
        let (again, _) = perform(&revoke, &keys_dir, now).expect("again");
        assert_eq!(
            again,
            PassDone::Revoked {
                pass_id,
                already: true
            }
        );
    }

    #[test]
    fn neighbours_exchange_public_keys() {
        let folder = tempfile::tempdir().expect("temp dir");
        let (east, west) = (folder.path().join("east"), folder.path().join("west"));
        let now = Utc::now();
        perform(&PassTask::CreateKey, &east, now).expect("east key");
        let export = PassTask::ExportPublicKey {
            out_dir: folder.path().join("usb"),
        };
        let (PassDone::PublicKeyWritten(file), east_book) =
            perform(&export, &east, now).expect("exported")
        else {
            panic!("written expected");
        };
        let (done, _) = perform(&PassTask::TrustNeighbour { file }, &west, now).expect("trusted");
        assert_eq!(
            done,
            PassDone::NeighbourTrusted {
                key_id: east_book.key_id.expect("east key id")
            }
        );
        let missing = PassTask::TrustNeighbour {
            file: folder.path().join("none.pub"),
        };
        assert!(perform(&missing, &west, now).is_err());
    }
}
