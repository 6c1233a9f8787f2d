//! Row-level security and the server's checks on who a kiosk is.

use checkpoint_kiosk::district::{self, DistrictError, ServerAddress};
use checkpoint_kiosk::model::HealthColour;
use checkpoint_kiosk::sync::Session;
use chrono::Utc;

use crate::district::District;
use crate::store_support::*;

const FOREIGN_ENTRY: &str = "INSERT INTO entry (entry_uuid, checkpoint_id, gate, recorded_at,
    kind, direction, colour, decision, fever, is_repeat, record)
    VALUES (gen_random_uuid(), $1, 'north', now(), 0, 0, 0, 0, false, false, '{}')";

#[test]
fn a_kiosk_can_neither_write_nor_read_another_checkpoints_rows() {
    let Some(district) = District::start() else {
        return;
    };
    let east = district.kiosk("kiosk_east", "cp-east");
    let west = district.kiosk("kiosk_west", "cp-west");
    let mut east_store = east.store();
    let person = east_store
        .save_person(
            &screen(&scanned(HealthColour::Green, 36.5)),
            &prov("cp-east"),
            Utc::now(),
        )
        .expect("person");
    east.sync(&mut east_store);

    let mut west_client = west.client();
    let refused = west_client
        .execute(FOREIGN_ENTRY, &[&"cp-east"])
        .expect_err("west writes an east row");
    assert!(
        matches!(DistrictError::from(refused), DistrictError::Refused { .. }),
        "refused by row-level security"
    );
    west_client
        .execute(FOREIGN_ENTRY, &[&"cp-west"])
        .expect("its own checkpoint's row is fine");

    let void = "INSERT INTO void (entry_uuid, checkpoint_id, reason, operator, voided_at)
                VALUES ($1, $2, 'mine now', 'x', now())";
    for checkpoint in ["cp-east", "cp-west"] {
        let error = west_client
            .execute(void, &[&person.entry_id.0, &checkpoint])
            .expect_err("west voids an east entry");
        assert!(
            matches!(DistrictError::from(error), DistrictError::Refused { .. }),
            "void as {checkpoint} refused"
        );
    }
    let purge = west_client
        .execute(
            "INSERT INTO purge (checkpoint_id, cutoff) VALUES ('cp-east', now())",
            &[],
        )
        .expect_err("west purges east");
    assert!(matches!(
        DistrictError::from(purge),
        DistrictError::Refused { .. }
    ));
    west_client
        .query("SELECT record FROM entry", &[])
        .expect_err("kiosks read no records");
    west_client
        .query("SELECT record FROM repeat_key", &[])
        .expect_err("the repeat keys carry no record");
    assert_eq!(
        district.count("SELECT count(*) FROM entry WHERE checkpoint_id = 'cp-east'"),
        1
    );
    assert_eq!(district.count("SELECT count(*) FROM void"), 0);
}

#[test]
fn a_kiosk_configured_for_another_checkpoint_is_refused_before_pushing() {
    let Some(district) = District::start() else {
        return;
    };
    let east = district.kiosk("kiosk_east", "cp-east");
    let mut settings = east.settings();
    settings.checkpoint_id = "cp-west".to_owned();
    let error = Session::open(settings).err().expect("refused");
    assert!(
        matches!(error, DistrictError::WrongCheckpoint { .. }),
        "{error}"
    );
    assert!(error.zh().contains("cp-east"), "{}", error.zh());
}

#[test]
fn a_kiosk_with_another_hashing_secret_is_refused() {
    let Some(district) = District::start() else {
        return;
    };
    let east = district.kiosk("kiosk_east", "cp-east");
    let west = district.kiosk("kiosk_west", "cp-west");
    east.session();
    west.data_dir
        .join_shared_secret(&checkpoint_kiosk::model::pii::PiiKey::generate())
        .expect("another secret");
    let error = Session::open(west.settings()).err().expect("refused");
    assert!(
        matches!(error, DistrictError::OtherSecret { .. }),
        "{error}"
    );
}

#[test]
fn init_twice_changes_nothing_and_a_newer_server_schema_is_refused() {
    let Some(district) = District::start() else {
        return;
    };
    let mut admin = district.admin();
    let (before, after) = district::migrate(&mut admin).expect("second init");
    assert_eq!(before, after);
    admin
        .execute("INSERT INTO district_schema (version) VALUES (99)", &[])
        .expect("a newer version");
    let error = district::migrate(&mut admin).expect_err("refused");
    assert!(
        matches!(error, DistrictError::TooNew { found: 99, .. }),
        "{error}"
    );
    let east = district.kiosk("kiosk_east", "cp-east");
    let error = Session::open(east.settings()).err().expect("refused");
    assert!(
        error.to_string().contains("update checkpoint-kiosk"),
        "{error}"
    );
}

#[test]
fn sslmode_require_against_a_server_without_tls_fails_with_a_clear_message() {
    let Some(district) = District::start() else {
        return;
    };
    let url = district
        .cluster
        .admin_url(crate::district::DB)
        .replace("sslmode=disable", "sslmode=require");
    let address =
        ServerAddress::parse(&url, None, None, std::time::Duration::from_secs(5)).expect("address");
    let error = district::connect(&address).err().expect("no TLS there");
    assert!(
        error.to_string().contains("TLS") || error.to_string().contains("tls"),
        "{error}"
    );
    assert!(
        !error
            .to_string()
            .contains(crate::cluster::SUPERUSER_PASSWORD)
    );
}

#[test]
fn a_wrong_password_is_a_refused_login_not_an_unreachable_server() {
    let Some(district) = District::start() else {
        return;
    };
    let url = district.cluster.url_for("admin", crate::district::DB);
    let folder = tempfile::tempdir().expect("dir");
    let file = folder.path().join("pw");
    std::fs::write(&file, "not-the-password\n").expect("pw");
    let address = ServerAddress::parse(&url, Some(&file), None, std::time::Duration::from_secs(5))
        .expect("address");
    let error = district::connect(&address).err().expect("refused");
    assert!(
        matches!(error, DistrictError::LoginRefused { .. }),
        "{error}"
    );
}
