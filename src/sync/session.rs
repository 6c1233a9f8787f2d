//! A checked connection to the district's server, as one kiosk.

use std::time::Duration;

use postgres::Client;

use crate::config::{DataDir, KioskConfig};
use crate::district::{self, DISTRICT_SCHEMA_VERSION, DistrictError, ServerAddress};
use crate::store::Store;

/// What a kiosk needs to sync: where, as whom, and its own identity.
#[derive(Debug, Clone)]
pub struct SyncSettings {
    pub address: ServerAddress,
    pub checkpoint_id: String,
    /// This checkpoint's name and gate (kiosk.toml), shown by the district office's pages.
    pub checkpoint_name: String,
    pub gate: String,
    /// Key id of this kiosk's hashing secret: the district's kiosks must share one.
    pub key_id: String,
    pub repeat_window_minutes: u32,
    pub interval: Duration,
    /// The keys folder, where pass keys and revocations are shared from and to (issue 25);
    /// None shares none.
    pub keys_dir: Option<std::path::PathBuf>,
}

impl SyncSettings {
    /// From kiosk.toml's `[district]`, or `url` given on the command line; `None` when neither.
    pub fn from_config(
        data_dir: &DataDir,
        config: &KioskConfig,
        url: Option<&str>,
        password_file: Option<&std::path::Path>,
    ) -> Result<Option<Self>, DistrictError> {
        let district = config.district.clone().unwrap_or_default();
        let url = match url {
            Some(url) => url.to_owned(),
            None if !district.postgres.trim().is_empty() => district.postgres.clone(),
            None => return Ok(None),
        };
        let password_file = password_file
            .map(std::path::Path::to_path_buf)
            .or(district.password_file.clone());
        let timeout = Duration::from_secs(u64::from(district.connect_timeout_seconds.max(1)));
        let address = ServerAddress::parse(
            &url,
            password_file.as_deref(),
            district.ca_file.as_deref(),
            timeout,
        )?;
        let key_id = data_dir.pii_key()?.key_id();
        // At least 0.2 s between syncs; a typo (0, NaN) must not spin the thread.
        let seconds = district.sync_interval_seconds;
        let interval = if seconds.is_finite() && seconds >= 0.2 {
            Duration::from_secs_f32(seconds.min(3600.0))
        } else {
            Duration::from_secs(2)
        };
        Ok(Some(Self {
            address,
            checkpoint_id: config.checkpoint_id.clone(),
            checkpoint_name: config.checkpoint_name.clone(),
            gate: config.gate.clone(),
            key_id,
            repeat_window_minutes: config.repeat_window_minutes,
            interval,
            keys_dir: Some(data_dir.keys_dir()),
        }))
    }
}

/// A connection whose role, checkpoint, schema and hashing secret were checked.
pub struct Session {
    pub(crate) client: Client,
    pub settings: SyncSettings,
    /// Which district database this is (cursors belong to one).
    district_id: String,
    /// The server records each kiosk's last contact (`kiosk_seen`, schema step 2 and later).
    records_contact: bool,
}

impl Session {
    /// Connects and checks that the server is a district of this version that knows this kiosk
    /// under its checkpoint and uses its hashing secret.
    pub fn open(settings: SyncSettings) -> Result<Session, DistrictError> {
        let mut client = district::connect(&settings.address)?;
        match district::server_version(&mut client)? {
            0 => return Err(DistrictError::NotInitialised),
            found if found > DISTRICT_SCHEMA_VERSION => {
                return Err(DistrictError::TooNew {
                    found,
                    supported: DISTRICT_SCHEMA_VERSION,
                });
            }
            // The pull reads step 2's views; an older server still trusts what kiosks send.
            found if found < DISTRICT_SCHEMA_VERSION => {
                return Err(DistrictError::TooOld {
                    found,
                    needed: DISTRICT_SCHEMA_VERSION,
                });
            }
            _ => {}
        }
        let registered: Option<String> = client.query_one("SELECT kiosk_checkpoint()", &[])?.get(0);
        let role = settings.address.user().to_owned();
        let registered = registered.ok_or(DistrictError::NotAKiosk { role })?;
        if registered != settings.checkpoint_id {
            return Err(DistrictError::WrongCheckpoint {
                ours: settings.checkpoint_id.clone(),
                theirs: registered,
            });
        }
        let district_key: Option<String> = client
            .query_one("SELECT claim_hash_key($1)", &[&settings.key_id])?
            .get(0);
        if let Some(theirs) = district_key.filter(|theirs| *theirs != settings.key_id) {
            return Err(DistrictError::OtherSecret {
                ours: settings.key_id.clone(),
                theirs,
            });
        }
        let district_id: String = client
            .query_one("SELECT district_id::text FROM district_identity()", &[])?
            .get(0);
        let records_contact: bool = client
            .query_one(
                "SELECT to_regprocedure('kiosk_seen(text, text)') IS NOT NULL",
                &[],
            )?
            .get(0);
        Ok(Session {
            client,
            settings,
            district_id,
            records_contact,
        })
    }

    /// Which district database this is.
    pub(crate) fn district_id(&self) -> &str {
        &self.district_id
    }

    /// Tells the server this kiosk is alive (and its name and gate), for the office's
    /// silent-gate alarm; one small upsert per sync.
    pub(crate) fn say_seen(&mut self) -> Result<(), DistrictError> {
        if self.records_contact {
            self.client.execute(
                "SELECT kiosk_seen($1, $2)",
                &[&self.settings.checkpoint_name, &self.settings.gate],
            )?;
        }
        Ok(())
    }

    /// Pull cursors count rows of one district database: another one starts from scratch.
    pub(crate) fn forget_other_servers(&self, store: &mut Store) -> Result<(), DistrictError> {
        if store.sync_state("district_id")?.as_deref() != Some(self.district_id.as_str()) {
            store.reset_remote_repeats()?;
            store.set_sync_state(&[("district_id", self.district_id.clone())])?;
        }
        Ok(())
    }
}
