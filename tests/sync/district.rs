//! A district for a test: one PostgreSQL cluster, the district's schema, and kiosks (each a data
//! folder with kiosk.toml's `[district]`, its role's password file and the shared secret).
#![allow(dead_code)]

use std::path::{Path, PathBuf};

use checkpoint_kiosk::config::{DataDir, DistrictConfig};
use checkpoint_kiosk::district::{self, RoleKind, ServerAddress};
use checkpoint_kiosk::store::synthetic::Synthetic;
use checkpoint_kiosk::store::{EntryRecordOwned, Store};
use checkpoint_kiosk::sync::{Session, SyncCounts, SyncSettings, sync_once};
use chrono::{DateTime, Utc};
use postgres::Client;

use crate::cluster::Cluster;
use crate::store_support;

pub const DB: &str = "district";

pub struct District {
    pub cluster: Cluster,
}

impl District {
    /// A fresh cluster with the district's schema, or `None` when PostgreSQL is missing.
    pub fn start() -> Option<District> {
        let cluster = Cluster::start()?;
        let mut admin = postgres::Client::connect(&cluster.admin_url("postgres"), postgres::NoTls)
            .expect("admin connects");
        admin
            .batch_execute(&format!("CREATE DATABASE {DB}"))
            .expect("create database");
        let district = District { cluster };
        district::migrate(&mut district.admin()).expect("district init");
        Some(district)
    }

    /// The owner's connection.
    pub fn admin(&self) -> Client {
        postgres::Client::connect(&self.cluster.admin_url(DB), postgres::NoTls)
            .expect("admin connects")
    }

    /// Registers a kiosk role and makes its data folder.
    pub fn kiosk(&self, role: &str, checkpoint_id: &str) -> Kiosk {
        let folder = tempfile::tempdir().expect("kiosk folder");
        let password = format!("{role}-password-123");
        district::add_role(
            &mut self.admin(),
            RoleKind::Kiosk,
            role,
            &password,
            Some(checkpoint_id),
        )
        .expect("kiosk role");
        let password_file = folder.path().join("district.password");
        std::fs::write(&password_file, format!("{password}\n")).expect("password file");
        let data_dir = DataDir::open(folder.path().join("data")).expect("data dir");
        let mut config = data_dir.load_config().expect("config");
        config.checkpoint_id = checkpoint_id.to_owned();
        config.district = Some(DistrictConfig {
            postgres: self.cluster.url_for(role, DB),
            password_file: Some(password_file),
            sync_interval_seconds: 0.2,
            ..DistrictConfig::default()
        });
        data_dir.save_config(&config).expect("save config");
        data_dir
            .join_shared_secret(&store_support::key())
            .expect("shared secret");
        Kiosk {
            folder,
            data_dir,
            role: role.to_owned(),
            checkpoint_id: checkpoint_id.to_owned(),
        }
    }

    /// A reader role's connection (the day report runs as it).
    pub fn reader(&self) -> Client {
        let password = "reader-password-123";
        district::add_role(
            &mut self.admin(),
            RoleKind::Reader,
            "reader",
            password,
            None,
        )
        .expect("reader role");
        let url = format!(
            "postgresql://reader:{password}@127.0.0.1:{}/{DB}?sslmode=disable",
            self.cluster.port
        );
        postgres::Client::connect(&url, postgres::NoTls).expect("reader connects")
    }

    pub fn count(&self, sql: &str) -> i64 {
        self.admin().query_one(sql, &[]).expect(sql).get(0)
    }
}

pub struct Kiosk {
    pub folder: tempfile::TempDir,
    pub data_dir: DataDir,
    pub role: String,
    pub checkpoint_id: String,
}

impl Kiosk {
    /// Sets the checkpoint's name and gate in kiosk.toml (the office shows them).
    pub fn named(self, checkpoint_name: &str, gate: &str) -> Kiosk {
        let mut config = self.data_dir.load_config().expect("config");
        config.checkpoint_name = checkpoint_name.to_owned();
        config.gate = gate.to_owned();
        self.data_dir.save_config(&config).expect("save config");
        self
    }

    pub fn store(&self) -> Store {
        Store::open(&self.data_dir.database_path()).expect("store")
    }

    pub fn settings(&self) -> SyncSettings {
        let config = self.data_dir.load_config().expect("config");
        SyncSettings::from_config(&self.data_dir, &config, None, None)
            .expect("settings")
            .expect("district configured")
    }

    pub fn session(&self) -> Session {
        Session::open(self.settings()).expect("session")
    }

    /// One push and pull, as `sync --once` does.
    pub fn sync(&self, store: &mut Store) -> SyncCounts {
        let mut session = self.session();
        sync_once(store, &mut session, Utc::now()).expect("sync")
    }

    /// The role's own connection, for what the sync would never do (RLS tests).
    pub fn client(&self) -> Client {
        let config = self.data_dir.load_config().expect("config");
        let district = config.district.expect("district");
        let address = ServerAddress::parse(
            &district.postgres,
            district.password_file.as_deref(),
            None,
            std::time::Duration::from_secs(5),
        )
        .expect("address");
        district::connect(&address).expect("kiosk connects")
    }

    pub fn path(&self) -> &Path {
        self.data_dir.root()
    }

    pub fn database(&self) -> PathBuf {
        self.data_dir.database_path()
    }
}

/// `count` synthetic entries (people and vehicles) over one day from `start`, all recorded at
/// `checkpoint_id`, saved into `store` in batches.
pub fn fill(store: &mut Store, checkpoint_id: &str, count: u64, start: DateTime<Utc>) {
    fill_between(
        store,
        checkpoint_id,
        count,
        start,
        start + chrono::Duration::days(1),
    );
}

/// As [`fill`], with the entries spread over `[start, end)` only: a server refuses entries dated
/// in the future (issue 24), so a day's entries made "today" end before now.
pub fn fill_between(
    store: &mut Store,
    checkpoint_id: &str,
    count: u64,
    start: DateTime<Utc>,
    end: DateTime<Utc>,
) {
    let persons = count * 2 / 3;
    let mut synthetic = Synthetic::new(persons, count - persons, start, 1);
    let day_ms = chrono::Duration::days(1).num_milliseconds() as f64;
    let span_ms = (end - start).num_milliseconds().max(1) as f64;
    let squeeze = |at: DateTime<Utc>| {
        let offset = (at - start).num_milliseconds() as f64 * span_ms / day_ms;
        start + chrono::Duration::milliseconds(offset as i64)
    };
    loop {
        let mut batch = synthetic.batch(10_000);
        if batch.is_empty() {
            return;
        }
        for record in &mut batch {
            match record {
                EntryRecordOwned::Person(person) => {
                    person.provenance.checkpoint_id = checkpoint_id.to_owned();
                    person.recorded_at = squeeze(person.recorded_at);
                }
                EntryRecordOwned::Vehicle(vehicle) => {
                    vehicle.provenance.checkpoint_id = checkpoint_id.to_owned();
                    vehicle.recorded_at = squeeze(vehicle.recorded_at);
                }
            }
        }
        store.save_batch(&batch).expect("fill");
    }
}
