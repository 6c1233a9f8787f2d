//! Issue 24: one bad kiosk cannot hurt another. Each case is what a compromised or buggy kiosk
//! does through its own role's connection (straight SQL), and what the server or the other
//! kiosks make of it.

use std::io::{Read, Write};
use std::net::TcpListener;
use std::time::Duration;

use checkpoint_kiosk::district::report::DistrictReport;
use checkpoint_kiosk::district::{self, DistrictError, RoleKind, ServerAddress};
use checkpoint_kiosk::model::HealthColour;
use checkpoint_kiosk::model::pii::{HashKind, Protected};
use checkpoint_kiosk::store::RepeatKey;
use chrono::{FixedOffset, Utc};
use postgres::Client;

use crate::district::District;
use crate::store_support::*;

const INSERT: &str = "INSERT INTO entry (entry_uuid, checkpoint_id, gate, recorded_at, kind,
        direction, colour, decision, fever, is_repeat, code_hash, plate, record)
    VALUES (gen_random_uuid(), $1, $2, $3::text::timestamptz, 0, 0, 0, 0, false, false, $4, $5,
        $6::text::jsonb)";

/// One row as a hostile kiosk writes it.
struct Row {
    gate: String,
    at: String,
    code_hash: Option<Vec<u8>>,
    plate: Option<String>,
    record: String,
}

impl Row {
    fn good() -> Row {
        Row {
            gate: "north".to_owned(),
            at: (Utc::now() - chrono::Duration::minutes(1)).to_rfc3339(),
            code_hash: Some(vec![7; 32]),
            plate: None,
            record: r#"{"note": "ok", "gate": "north"}"#.to_owned(),
        }
    }

    fn insert(&self, client: &mut Client, checkpoint: &str) -> Result<u64, postgres::Error> {
        client.execute(
            INSERT,
            &[
                &checkpoint,
                &self.gate,
                &self.at,
                &self.code_hash,
                &self.plate,
                &self.record,
            ],
        )
    }
}

fn refused(result: Result<u64, postgres::Error>, case: &str) {
    let error = result.expect_err(case);
    let error = DistrictError::from(error);
    assert!(
        matches!(error, DistrictError::Refused { .. }),
        "{case}: {error}"
    );
}

#[test]
fn the_server_refuses_what_a_kiosk_should_never_hold() {
    let Some(district) = District::start() else {
        return;
    };
    let east = district.kiosk("kiosk_east", "cp-east");
    let mut client = east.client();
    let cases: Vec<(&str, Row)> = vec![
        (
            "time infinity",
            Row {
                at: "infinity".to_owned(),
                ..Row::good()
            },
        ),
        (
            "time before 2019",
            Row {
                at: "2018-06-01T00:00:00Z".to_owned(),
                ..Row::good()
            },
        ),
        (
            "time tomorrow",
            Row {
                at: (Utc::now() + chrono::Duration::days(1)).to_rfc3339(),
                ..Row::good()
            },
        ),
        (
            "gate of 65 characters",
            Row {
                gate: "g".repeat(65),
                ..Row::good()
            },
        ),
        (
            "gate of 2 MB",
            Row {
                gate: "g".repeat(2 << 20),
                ..Row::good()
            },
        ),
        (
            "gate with a direction override",
            Row {
                gate: "north\u{202E}".to_owned(),
                ..Row::good()
            },
        ),
        (
            "gate on two lines",
            Row {
                gate: "north\nsouth".to_owned(),
                ..Row::good()
            },
        ),
        (
            "plate of 17 characters",
            Row {
                plate: Some("粤B".repeat(9)),
                ..Row::good()
            },
        ),
        (
            "plate with spaces",
            Row {
                plate: Some("粤B 12345".to_owned()),
                ..Row::good()
            },
        ),
        (
            "hash of 31 bytes",
            Row {
                code_hash: Some(vec![7; 31]),
                ..Row::good()
            },
        ),
        (
            "hash of 33 bytes",
            Row {
                code_hash: Some(vec![7; 33]),
                ..Row::good()
            },
        ),
        (
            "a plain ID number in the record",
            Row {
                record: format!(r#"{{"note": "{PLAIN_ID}"}}"#),
                ..Row::good()
            },
        ),
        (
            "a plain phone number in the record",
            Row {
                record: format!(r#"{{"cargo": "call {PLAIN_PHONE}"}}"#),
                ..Row::good()
            },
        ),
        (
            "a key outside the masked schema",
            Row {
                record: r#"{"id_number": "x"}"#.to_owned(),
                ..Row::good()
            },
        ),
        (
            "a record that is not an object",
            Row {
                record: "[1, 2]".to_owned(),
                ..Row::good()
            },
        ),
        (
            "a record of 9 kB",
            Row {
                record: format!(r#"{{"note": "{}"}}"#, "x".repeat(9000)),
                ..Row::good()
            },
        ),
        (
            "a hash field that is not a hash",
            Row {
                record: r#"{"code_hash": "110105194912310021"}"#.to_owned(),
                ..Row::good()
            },
        ),
    ];
    for (case, row) in &cases {
        refused(row.insert(&mut client, "cp-east"), case);
    }
    Row::good()
        .insert(&mut client, "cp-east")
        .expect("a good row is taken");
    Row {
        plate: Some("粤B12345".to_owned()),
        code_hash: None,
        ..Row::good()
    }
    .insert(&mut client, "cp-east")
    .expect("a car is taken");
    // A child without an ID: its age band and its guardian's group are masked-schema keys.
    Row {
        record: r#"{"age_band": "6-11", "group_id": "01a25023-3eaf-709f-aed4-6eccec9d9071"}"#
            .to_owned(),
        ..Row::good()
    }
    .insert(&mut client, "cp-east")
    .expect("a child without an ID is taken");
    refused(
        Row {
            record: format!(r#"{{"age_band": "{PLAIN_ID}"}}"#),
            ..Row::good()
        }
        .insert(&mut client, "cp-east"),
        "a plain ID number as an age band",
    );

    for cutoff in ["'infinity'", "now()", "now() - interval '12 hours'"] {
        let sql = format!("INSERT INTO purge (checkpoint_id, cutoff) VALUES ('cp-east', {cutoff})");
        refused(client.execute(&sql, &[]), &format!("purge up to {cutoff}"));
    }
    assert_eq!(
        district.count("SELECT count(*) FROM entry"),
        3,
        "nothing purged"
    );
    client
        .execute(
            "INSERT INTO purge (checkpoint_id, cutoff) VALUES ('cp-east', now() - interval '28 days')",
            &[],
        )
        .expect("a purge past the retention is fine");
    assert_eq!(district.count("SELECT count(*) FROM entry"), 3);
}

#[test]
fn a_kiosk_cannot_pre_empt_or_void_a_neighbours_entry_by_its_id() {
    let Some(district) = District::start() else {
        return;
    };
    let east = district.kiosk("kiosk_east", "cp-east");
    let west = district.kiosk("kiosk_west", "cp-west");
    let north = district.kiosk("kiosk_north", "cp-north");
    let mut west_client = west.client();
    // West learnt the id of east's next entry (exports for neighbours carry ids) and pushes
    // it first, then voids it.
    let mut east_store = east.store();
    let person = east_store
        .save_person(
            &screen(&scanned(HealthColour::Green, 36.5)),
            &prov("cp-east"),
            Utc::now() - chrono::Duration::minutes(3),
        )
        .expect("person");
    west_client
        .execute(
            "INSERT INTO entry (entry_uuid, checkpoint_id, gate, recorded_at, kind, direction,
                 colour, decision, fever, is_repeat, record)
             VALUES ($1, 'cp-west', 'west', now(), 1, 0, 3, 0, false, false, '{}')",
            &[&person.entry_id.0],
        )
        .expect("its own row with that id");
    west_client
        .execute(
            "INSERT INTO void (entry_uuid, checkpoint_id, reason, operator, voided_at)
             VALUES ($1, 'cp-west', 'gone', 'x', now())",
            &[&person.entry_id.0],
        )
        .expect("its own void");

    let counts = east.sync(&mut east_store);
    assert_eq!((counts.pushed, counts.pending, counts.set_aside), (1, 0, 0));
    assert_eq!(
        district.count(
            "SELECT count(*) FROM entry WHERE checkpoint_id = 'cp-east' AND kind = 0
             AND NOT EXISTS (SELECT FROM void v WHERE v.entry_uuid = entry.entry_uuid
                             AND v.checkpoint_id = entry.checkpoint_id)"
        ),
        1,
        "east's entry is on the server, under east, not voided"
    );
    let mut north_store = north.store();
    north.sync(&mut north_store);
    let code = RepeatKey::Code(person.details.code.clone().expect("code").hash);
    let hit = north_store
        .find_repeat(&code, Utc::now() - chrono::Duration::minutes(30))
        .expect("look-up")
        .expect("east's visit still counts at north");
    assert_eq!(hit.checkpoint_id, "cp-east");

    let mut reader = district.reader();
    let report = DistrictReport::build(
        &mut reader,
        Utc::now()
            .with_timezone(&FixedOffset::east_opt(0).expect("utc"))
            .date_naive(),
        FixedOffset::east_opt(0).expect("utc"),
    )
    .expect("report");
    let east_line = report
        .checkpoints
        .iter()
        .find(|line| line.checkpoint_id == "cp-east")
        .expect("east in the report");
    assert_eq!((east_line.figures.people, east_line.figures.voided), (1, 0));
}

/// The owner takes the checks off and lets every row through `repeat_key` (an older server, a
/// restore from an old dump, a mistake): the kiosks must still not trust what they pull.
pub(crate) fn open_the_gates(district: &District) {
    district
        .admin()
        .batch_execute(
            "ALTER TABLE entry DROP CONSTRAINT entry_time_in_range,
                 DROP CONSTRAINT entry_gate_plain, DROP CONSTRAINT entry_plate_plain,
                 DROP CONSTRAINT entry_code_hash_32_bytes, DROP CONSTRAINT entry_record_masked;
             CREATE OR REPLACE VIEW repeat_key AS
                 SELECT e.seq, e.entry_uuid, e.checkpoint_id, e.gate, e.recorded_at,
                        e.code_hash, e.document_hash, e.plate
                 FROM entry e WHERE e.pushed_by <> session_user;",
        )
        .expect("checks off");
}

fn hash_of(payload: &str) -> Vec<u8> {
    let protected = Protected::new(&key(), HashKind::CodePayload, payload, "****".to_owned());
    hex::decode(protected.hash.as_str()).expect("hex")
}

#[test]
fn hostile_rows_are_skipped_and_counted_and_the_kiosk_keeps_syncing() {
    let Some(district) = District::start() else {
        return;
    };
    let east = district.kiosk("kiosk_east", "cp-east");
    let west = district.kiosk("kiosk_west", "cp-west");
    open_the_gates(&district);
    let mut east_client = east.client();
    let future = hash_of("HC:FUTURE");
    let marked = hash_of("HC:MARKED");
    let hostile = [
        Row {
            at: "infinity".to_owned(),
            ..Row::good()
        },
        Row {
            at: "9999-01-01T00:00:00Z".to_owned(),
            code_hash: Some(future.clone()),
            ..Row::good()
        },
        Row {
            at: (Utc::now() + chrono::Duration::days(1)).to_rfc3339(),
            ..Row::good()
        },
        Row {
            code_hash: Some(vec![1; 31]),
            ..Row::good()
        },
        Row {
            plate: Some("粤".repeat(100)),
            code_hash: None,
            ..Row::good()
        },
        Row {
            plate: Some("粤B\u{202E}123".to_owned()),
            code_hash: None,
            ..Row::good()
        },
    ];
    for row in &hostile {
        row.insert(&mut east_client, "cp-east")
            .expect("the unchecked server takes it");
    }
    // Accepted, but cleaned and capped before anything shows them.
    Row {
        gate: format!("{}\u{202E}\nnext line{}", "门".repeat(10), "x".repeat(2000)),
        code_hash: Some(marked.clone()),
        ..Row::good()
    }
    .insert(&mut east_client, "cp-east")
    .expect("taken");
    Row::good()
        .insert(&mut east_client, "cp-east")
        .expect("taken");

    let mut west_store = west.store();
    west_store
        .save_person(
            &screen(&scanned(HealthColour::Green, 36.5)),
            &prov("cp-west"),
            Utc::now(),
        )
        .expect("west's own entry");
    let counts = west.sync(&mut west_store);
    assert_eq!(
        (
            counts.pushed,
            counts.pulled,
            counts.rejected,
            counts.pending
        ),
        (1, 2, hostile.len() as u64, 0),
        "{counts:?}"
    );
    let window = Utc::now() - chrono::Duration::minutes(30);
    let future_key = RepeatKey::Code(checkpoint_kiosk::model::pii::KeyedHash::from_hex(
        hex::encode(&future),
    ));
    assert_eq!(
        west_store
            .find_repeat(&future_key, window)
            .expect("look-up"),
        None,
        "a key dated 9999 flags nobody"
    );
    let marked_key = RepeatKey::Code(checkpoint_kiosk::model::pii::KeyedHash::from_hex(
        hex::encode(&marked),
    ));
    let hit = west_store
        .find_repeat(&marked_key, window)
        .expect("look-up")
        .expect("the cleaned row");
    assert!(hit.gate.chars().count() <= 64, "{}", hit.gate);
    assert!(
        !hit.gate.chars().any(|c| c.is_control() || c == '\u{202E}'),
        "{:?}",
        hit.gate
    );

    // The next sync goes on: west's later entries reach the server.
    west_store
        .save_person(&screen(&registered()), &prov("cp-west"), Utc::now())
        .expect("another");
    let again = west.sync(&mut west_store);
    assert_eq!(
        (again.pushed, again.pending, again.rejected),
        (1, 0, 0),
        "{again:?}"
    );
}

#[test]
fn a_refused_change_is_set_aside_with_its_reason_and_later_ones_are_pushed() {
    let Some(district) = District::start() else {
        return;
    };
    let west = district.kiosk("kiosk_west", "cp-west");
    let mut store = west.store();
    let mut person = scanned(HealthColour::Green, 36.5);
    person.note = Some(format!("call {PLAIN_PHONE}"));
    let refused = store
        .save_person(
            &screen(&person),
            &prov("cp-west"),
            Utc::now() - chrono::Duration::minutes(2),
        )
        .expect("saved here");
    let later = store
        .save_person(&screen(&registered()), &prov("cp-west"), Utc::now())
        .expect("later entry");

    let output = crate::cli_support::kiosk(west.path(), &["sync", "--once", "--json"]);
    let json: serde_json::Value =
        serde_json::from_str(crate::cli_support::stdout_of(&output).trim()).expect("json");
    assert_eq!(json["pending"], 0, "{json}");
    assert_eq!(json["set_aside"], 1, "{json}");
    assert_eq!(json["set_aside_total"], 1, "{json}");
    let item = &json["set_aside_items"][0];
    assert_eq!(item["item"], "entry");
    assert_eq!(item["entry_id"], refused.entry_id.0.to_string());
    assert!(
        item["reason"]
            .as_str()
            .is_some_and(|reason| reason.contains("entry_record_masked")),
        "{item}"
    );
    let on_server: i64 = district
        .admin()
        .query_one(
            "SELECT count(*) FROM entry WHERE entry_uuid = $1",
            &[&later.entry_id.0],
        )
        .expect("count")
        .get(0);
    assert_eq!(on_server, 1, "the later entry was pushed");
    assert_eq!(district.count("SELECT count(*) FROM entry"), 1);
    // Next time nothing is retried: the queue is clear.
    let counts = west.sync(&mut store);
    assert_eq!((counts.pushed, counts.set_aside, counts.pending), (0, 0, 0));
}

#[test]
fn add_kiosk_and_add_reader_change_only_their_own_roles_and_never_send_a_password() {
    let Some(district) = District::start() else {
        return;
    };
    let mut admin = district.admin();
    for name in ["postgres", "admin", "kiosk", "district", "pg_monitor"] {
        let error = district::add_role(
            &mut admin,
            RoleKind::Kiosk,
            name,
            "long-password-123",
            Some("cp"),
        )
        .expect_err(name);
        assert!(
            matches!(error, DistrictError::NotOurRole(_)),
            "{name}: {error}"
        );
    }
    admin
        .batch_execute("CREATE ROLE outsider LOGIN")
        .expect("a role made by hand");
    let error = district::add_role(
        &mut admin,
        RoleKind::Reader,
        "outsider",
        "long-password-123",
        None,
    )
    .expect_err("outsider");
    assert!(matches!(error, DistrictError::NotOurRole(_)), "{error}");

    admin
        .batch_execute("ALTER SYSTEM SET log_statement = 'all'")
        .expect("log every statement");
    admin
        .batch_execute("SELECT pg_reload_conf()")
        .expect("reloaded");
    std::thread::sleep(Duration::from_millis(300));
    let password = "east-secret-password-42";
    district::add_role(
        &mut admin,
        RoleKind::Kiosk,
        "kiosk_east",
        password,
        Some("cp-east"),
    )
    .expect("kiosk role");
    let error = district::add_role(&mut admin, RoleKind::Reader, "kiosk_east", password, None)
        .expect_err("a kiosk never becomes a reader");
    assert!(matches!(error, DistrictError::NotOurRole(_)), "{error}");
    district::add_role(
        &mut admin,
        RoleKind::Kiosk,
        "kiosk_east",
        "another-password-42",
        Some("cp-east"),
    )
    .expect("its own kiosk role's password changes");
    let stored: String = admin
        .query_one(
            "SELECT rolpassword FROM pg_authid WHERE rolname = 'kiosk_east'",
            &[],
        )
        .expect("verifier")
        .get(0);
    assert!(stored.starts_with("SCRAM-SHA-256$4096:"), "{stored}");
    std::thread::sleep(Duration::from_millis(300));
    let log = district.cluster.log_text();
    assert!(log.contains("ROLE"), "the log shows the statements");
    assert!(!log.contains(password) && !log.contains("another-password-42"));
    let members = district.count(
        "SELECT count(*) FROM pg_auth_members m JOIN pg_roles r ON r.oid = m.member
         JOIN pg_roles g ON g.oid = m.roleid WHERE r.rolname = 'kiosk' AND g.rolname = 'district'",
    );
    assert_eq!(members, 0, "the kiosk group never joins the readers");
}

#[test]
fn kiosks_read_only_recent_keys_and_the_reader_only_counts() {
    let Some(district) = District::start() else {
        return;
    };
    let east = district.kiosk("kiosk_east", "cp-east");
    let west = district.kiosk("kiosk_west", "cp-west");
    let mut east_client = east.client();
    Row::good()
        .insert(&mut east_client, "cp-east")
        .expect("recent");
    Row {
        at: (Utc::now() - chrono::Duration::days(3)).to_rfc3339(),
        ..Row::good()
    }
    .insert(&mut east_client, "cp-east")
    .expect("old");
    let mut west_client = west.client();
    let visible: i64 = west_client
        .query_one("SELECT count(*) FROM repeat_key", &[])
        .expect("repeat keys")
        .get(0);
    assert_eq!(visible, 1, "only the last 24 hours");
    for column in ["pushed_by", "record"] {
        west_client
            .query(&format!("SELECT {column} FROM repeat_key"), &[])
            .expect_err(column);
    }
    let own: i64 = east_client
        .query_one("SELECT count(*) FROM repeat_key", &[])
        .expect("own keys")
        .get(0);
    assert_eq!(own, 0, "a kiosk reads no keys of its own");

    let mut reader = district.reader();
    for table in ["entry", "void", "shift", "purge", "kiosk", "repeat_key"] {
        reader
            .query(&format!("SELECT * FROM {table} LIMIT 1"), &[])
            .expect_err(table);
    }
    let counted: i64 = reader
        .query_one(
            "SELECT coalesce(sum(entries), 0)::int8 FROM district_counts(now() - interval '7 days', now())",
            &[],
        )
        .expect("counts")
        .get(0);
    assert_eq!(counted, 2);
    let checkpoints: i64 = reader
        .query_one("SELECT count(*) FROM checkpoint_list", &[])
        .expect("checkpoints")
        .get(0);
    assert_eq!(checkpoints, 2);
}

#[test]
fn without_sslmode_the_kiosk_insists_on_tls_and_sends_no_password_to_a_plain_server() {
    let Some(district) = District::start() else {
        return;
    };
    let east = district.kiosk("kiosk_east", "cp-east");
    let password_file = east.folder.path().join("district.password");
    let url = district
        .cluster
        .url_without_sslmode("kiosk_east", crate::district::DB);
    let address = ServerAddress::parse(&url, Some(&password_file), None, Duration::from_secs(5))
        .expect("address");
    assert!(address.uses_tls());
    let error = district::connect(&address).err().expect("no TLS there");
    assert!(error.to_string().to_lowercase().contains("tls"), "{error}");
    let prefer = format!("{url}?sslmode=prefer");
    let address = ServerAddress::parse(&prefer, Some(&password_file), None, Duration::from_secs(5))
        .expect("address");
    assert!(district::connect(&address).is_err(), "prefer is TLS too");

    // A fake server that declines TLS and would ask for a cleartext password.
    let listener = TcpListener::bind("127.0.0.1:0").expect("listener");
    let port = listener.local_addr().expect("addr").port();
    let fake = std::thread::Builder::new()
        .name("fake-postgres".to_owned())
        .spawn(move || {
            let (mut socket, _) = listener.accept().expect("the kiosk calls");
            socket
                .set_read_timeout(Some(Duration::from_secs(2)))
                .expect("timeout");
            let mut request = [0u8; 8];
            socket.read_exact(&mut request).expect("SSLRequest");
            socket.write_all(b"N").expect("no TLS here");
            let mut rest = Vec::new();
            let _ = socket.read_to_end(&mut rest);
            (request, rest)
        })
        .expect("fake server thread");
    let url = format!("postgresql://kiosk_east@127.0.0.1:{port}/district");
    let address = ServerAddress::parse(&url, Some(&password_file), None, Duration::from_secs(5))
        .expect("address");
    assert!(district::connect(&address).is_err());
    let (request, rest) = fake.join().expect("fake server");
    assert_eq!(
        &request[4..],
        &[0x04, 0xd2, 0x16, 0x2f],
        "an SSLRequest first"
    );
    let password = std::fs::read_to_string(&password_file).expect("password");
    assert!(
        rest.is_empty() || !String::from_utf8_lossy(&rest).contains(password.trim()),
        "nothing after the refusal"
    );
}

/// The window's sync line says how many pulled rows were refused.
#[test]
fn the_sync_thread_survives_hostile_rows_and_says_how_many_it_refused() {
    let Some(district) = District::start() else {
        return;
    };
    let east = district.kiosk("kiosk_east", "cp-east");
    let west = district.kiosk("kiosk_west", "cp-west");
    open_the_gates(&district);
    let mut east_client = east.client();
    for at in ["infinity", "9999-01-01T00:00:00Z"] {
        Row {
            at: at.to_owned(),
            ..Row::good()
        }
        .insert(&mut east_client, "cp-east")
        .expect("taken");
    }
    let worker = checkpoint_kiosk::sync::SyncWorker::spawn(
        west.database(),
        None,
        west.settings(),
        std::sync::Arc::new(|| {}),
    )
    .expect("sync thread");
    wait_for(|| worker.status().rejected_total >= 2);
    let mut store = west.store();
    store
        .save_person(&screen(&registered()), &prov("cp-west"), Utc::now())
        .expect("saved");
    wait_for(|| worker.status().pending == Some(0) && worker.status().pushed_total >= 1);
    let status = worker.status();
    assert!(status.last_error.is_none(), "{status:?}");
    let (line, _) = checkpoint_kiosk::ui::sync_status::sync_line(
        &status,
        checkpoint_kiosk::config::Language::ZhCn,
        Utc::now(),
    );
    assert!(line.contains("拒收 2"), "{line}");
}

fn wait_for(mut done: impl FnMut() -> bool) {
    let deadline = std::time::Instant::now() + Duration::from_mins(1);
    while !done() {
        assert!(std::time::Instant::now() < deadline, "timed out");
        std::thread::sleep(Duration::from_millis(50));
    }
}

/// A server set up before issue 24 already holds what a hostile kiosk sent: `district init`
/// upgrades it, keeping the hostile rows apart in `entry_refused` (owner only).
#[test]
fn upgrading_an_older_server_sets_its_hostile_rows_apart() {
    let Some(cluster) = crate::cluster::Cluster::start() else {
        return;
    };
    let url = cluster.admin_url("postgres");
    let mut admin = postgres::Client::connect(&url, postgres::NoTls).expect("admin");
    admin
        .batch_execute("CREATE DATABASE district")
        .expect("database");
    let mut admin =
        postgres::Client::connect(&cluster.admin_url("district"), postgres::NoTls).expect("admin");
    assert_eq!(district::migrate_to(&mut admin, 1).expect("step 1"), (0, 1));
    for row in [
        Row {
            at: "infinity".to_owned(),
            ..Row::good()
        },
        Row {
            gate: "g".repeat(2 << 20),
            ..Row::good()
        },
        Row {
            record: format!(r#"{{"note": "{PLAIN_ID}"}}"#),
            ..Row::good()
        },
        Row {
            code_hash: Some(vec![1; 5]),
            ..Row::good()
        },
        Row::good(),
    ] {
        row.insert(&mut admin, "cp-east").expect("step 1 takes it");
    }
    admin
        .batch_execute(
            "INSERT INTO void (entry_uuid, checkpoint_id, reason, operator, voided_at)
             SELECT entry_uuid, checkpoint_id, 'x', 'x', now() FROM entry
             WHERE recorded_at = 'infinity'",
        )
        .expect("a void of a hostile row");
    assert_eq!(
        district::migrate(&mut admin).expect("upgrade"),
        (1, district::DISTRICT_SCHEMA_VERSION)
    );
    let mut count = |sql: &str| -> i64 { admin.query_one(sql, &[]).expect(sql).get(0) };
    assert_eq!(count("SELECT count(*) FROM entry"), 1);
    assert_eq!(count("SELECT count(*) FROM entry_refused"), 4);
    assert_eq!(count("SELECT count(*) FROM void"), 0);
    refused(
        Row {
            at: "infinity".to_owned(),
            ..Row::good()
        }
        .insert(&mut admin, "cp-east"),
        "the upgraded server checks even its owner's rows",
    );
}
