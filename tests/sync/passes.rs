//! Passes across the district (issue 25), with a real PostgreSQL and two kiosks' real data
//! folders and SQLite stores: east issues and revokes, west checks.

use std::time::{Duration, Instant};

use checkpoint_kiosk::codes::Verifier;
use checkpoint_kiosk::codes::pass::{self, PassKind, PassRequest, keys, register};
use checkpoint_kiosk::config::pass_files;
use checkpoint_kiosk::model::PassVerdict;
use checkpoint_kiosk::model::pass_share::{Shared, SharedPassItem};
use chrono::Utc;
use ed25519_dalek::SigningKey;

use crate::district::{District, Kiosk};

fn request() -> PassRequest {
    PassRequest {
        holder: "李四".to_owned(),
        unit: "5-1-302".to_owned(),
        kind: PassKind::Resident,
        valid_days: 30,
    }
}

/// East's key and one pass it issued: (pass id, payload).
fn east_issues(east: &Kiosk) -> (String, String) {
    let keys_dir = east.data_dir.keys_dir();
    checkpoint_kiosk::codes::pass::init_signing_key(&keys_dir).expect("east's key");
    let (body, payload) = pass::issue(&keys_dir, &request(), Utc::now()).expect("issued");
    (body.pass_id, payload)
}

/// What `kiosk`'s gate says of `payload` now (its verifier read afresh, as the window does after
/// a sync brought pass items).
fn verdict_at(kiosk: &Kiosk, payload: &str) -> Option<PassVerdict> {
    Verifier::load(&kiosk.data_dir)
        .expect("verifier")
        .verify(payload, Utc::now())
        .pass_verdict
}

#[test]
fn a_pass_issued_at_east_holds_at_west_and_its_revocation_reaches_west_in_one_round() {
    let Some(district) = District::start() else {
        return;
    };
    let east = district.kiosk("kiosk_east", "cp-east");
    let west = district.kiosk("kiosk_west", "cp-west");
    let (mut east_store, mut west_store) = (east.store(), west.store());
    let (pass_id, payload) = east_issues(&east);
    assert_eq!(verdict_at(&east, &payload), Some(PassVerdict::Valid));
    assert_eq!(
        verdict_at(&west, &payload),
        Some(PassVerdict::UnknownIssuer),
        "west has not heard of east's key yet"
    );

    east.sync(&mut east_store);
    let pulled = west.sync(&mut west_store);
    assert_eq!(pulled.pass_items, 1, "east's key: {pulled:?}");
    assert_eq!(verdict_at(&west, &payload), Some(PassVerdict::Valid));

    assert!(register::revoke(&east.data_dir.keys_dir(), &pass_id, Utc::now()).expect("revoke"));
    east.sync(&mut east_store);
    let pulled = west.sync(&mut west_store);
    assert_eq!((pulled.pass_items, pulled.pass_items_refused), (1, 0));
    let verdict = Verifier::load(&west.data_dir)
        .expect("verifier")
        .verify(&payload, Utc::now());
    assert_eq!(verdict.pass_verdict, Some(PassVerdict::Revoked));
    assert_eq!(verdict.checks.signature, Some(true), "revoked, not forged");
    // Syncing again brings nothing twice.
    assert_eq!(west.sync(&mut west_store).pass_items, 0);
}

#[test]
fn a_forged_pass_is_forged_and_a_pass_of_an_unshared_key_is_of_an_unknown_issuer() {
    let Some(district) = District::start() else {
        return;
    };
    let east = district.kiosk("kiosk_east", "cp-east");
    let west = district.kiosk("kiosk_west", "cp-west");
    let (_, payload) = east_issues(&east);
    east.sync(&mut east.store());
    west.sync(&mut west.store());
    // The same pass, its signature's last byte changed (Base45 of the last bytes).
    let mut forged = payload.clone();
    let last = forged.pop().expect("a character");
    forged.push(if last == '0' { '1' } else { '0' });
    assert_eq!(verdict_at(&west, &forged), Some(PassVerdict::Forged));
    // A pass signed by a key nobody shared.
    let stranger = tempfile::tempdir().expect("folder");
    checkpoint_kiosk::codes::pass::init_signing_key(stranger.path()).expect("key");
    let (_, foreign) = pass::issue(stranger.path(), &request(), Utc::now()).expect("issued");
    assert_eq!(
        verdict_at(&west, &foreign),
        Some(PassVerdict::UnknownIssuer)
    );
}

#[test]
fn a_revocation_not_signed_by_the_issuer_is_refused_and_the_pass_still_holds() {
    let Some(district) = District::start() else {
        return;
    };
    let east = district.kiosk("kiosk_east", "cp-east");
    let west = district.kiosk("kiosk_west", "cp-west");
    let north = district.kiosk("kiosk_north", "cp-north");
    let (pass_id, payload) = east_issues(&east);
    east.sync(&mut east.store());
    let east_key = SharedPassItem::sign(
        &keys::load_signing_key(&east.data_dir.keys_dir()).expect("east key"),
        Shared::Key,
        Utc::now(),
    );
    // West (a kiosk of the district) claims east revoked the pass, signing with its own key.
    let west_key = SigningKey::from_bytes(&[7; 32]);
    let mut claimed = SharedPassItem::sign(
        &west_key,
        Shared::Revocation {
            pass_id: pass_id.clone(),
        },
        Utc::now(),
    );
    claimed.public_key = east_key.public_key;
    let insert =
        "INSERT INTO pass_share (checkpoint_id, kind, public_key, pass_id, signed_at, signature)
                  VALUES ($1, 'revocation', $2, $3, now(), $4)";
    let refused = west.client().execute(
        insert,
        &[
            &"cp-east",
            &claimed.public_key.as_slice(),
            &pass_id,
            &claimed.signature.as_slice(),
        ],
    );
    assert!(
        refused.is_err(),
        "a kiosk may only share for its own checkpoint"
    );
    west.client()
        .execute(
            insert,
            &[
                &"cp-west",
                &claimed.public_key.as_slice(),
                &pass_id,
                &claimed.signature.as_slice(),
            ],
        )
        .expect("row-level security lets west share under its own name");
    // The server's owner forges one too, under east's name.
    district
        .admin()
        .execute(
            insert,
            &[
                &"cp-east",
                &east_key.public_key.as_slice(),
                &pass_id,
                &[9u8; 64].as_slice(),
            ],
        )
        .expect("the owner can write anything");
    // And west's own key, shared properly, revoking east's pass id: a revocation of west's
    // passes only, which east's pass is not.
    let own = SharedPassItem::sign(
        &west_key,
        Shared::Revocation {
            pass_id: pass_id.clone(),
        },
        Utc::now(),
    );
    let west_keys = west.data_dir.keys_dir();
    pass_files::write(
        &pass_files::own_path(&west_keys),
        &[
            SharedPassItem::sign(&west_key, Shared::Key, Utc::now()),
            own,
        ],
    )
    .expect("west's items");
    west.sync(&mut west.store());

    let pulled = north.sync(&mut north.store());
    assert_eq!(pulled.pass_items_refused, 2, "{pulled:?}");
    assert_eq!(verdict_at(&north, &payload), Some(PassVerdict::Valid));
    let kept = pass_files::read(&pass_files::district_path(&north.data_dir.keys_dir()))
        .expect("north's list");
    assert!(kept.iter().all(|item| item.check().is_ok()));
}

/// Two kiosks syncing on their own threads, as the window runs them: the seconds from revoking
/// at east to west's gate refusing the pass as revoked.
#[test]
fn a_revocation_reaches_the_other_syncing_gate_within_seconds() {
    let Some(district) = District::start() else {
        return;
    };
    let east = district.kiosk("kiosk_east", "cp-east");
    let west = district.kiosk("kiosk_west", "cp-west");
    let (pass_id, payload) = east_issues(&east);
    let wake: std::sync::Arc<dyn Fn() + Send + Sync> = std::sync::Arc::new(|| {});
    let spawn = |kiosk: &Kiosk| {
        let mut settings = kiosk.settings();
        settings.interval = Duration::from_secs(1);
        checkpoint_kiosk::sync::SyncWorker::spawn(kiosk.database(), None, settings, wake.clone())
            .expect("sync thread")
    };
    let (_east_sync, west_sync) = (spawn(&east), spawn(&west));
    let deadline = Instant::now() + Duration::from_secs(30);
    while verdict_at(&west, &payload) != Some(PassVerdict::Valid) {
        assert!(Instant::now() < deadline, "east's key never reached west");
        std::thread::sleep(Duration::from_millis(50));
    }
    let seen = west_sync.status().pass_items_total;
    let revoked_at = Instant::now();
    register::revoke(&east.data_dir.keys_dir(), &pass_id, Utc::now()).expect("revoke");
    while verdict_at(&west, &payload) != Some(PassVerdict::Revoked) {
        assert!(
            Instant::now() < deadline,
            "the revocation never reached west"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
    let seconds = revoked_at.elapsed().as_secs_f64();
    eprintln!("revoke at east → refused as revoked at west: {seconds:.2} s (sync interval 1 s)");
    // The status is published when the sync round ends, a moment after the files are written.
    while west_sync.status().pass_items_total <= seen {
        assert!(Instant::now() < deadline, "the status never counted it");
        std::thread::sleep(Duration::from_millis(20));
    }
    assert!(seconds < 5.0, "{seconds:.2} s: goal ≤ 5 s");
}

/// Passes saved at the gate are counted as passes, never as colours: east's counters, its shift
/// summary and the district's day report say 红码 0 after a revoked and a valid pass.
#[test]
fn counters_and_reports_keep_passes_apart_from_colours() {
    use checkpoint_kiosk::district::report::DistrictReport;
    use checkpoint_kiosk::model::HealthColour;
    use checkpoint_kiosk::report::{ReportScope, Summary};
    use chrono::{Duration as Days, FixedOffset};

    use crate::store_support::{prov, scanned, screen};

    let Some(district) = District::start() else {
        return;
    };
    let east = district.kiosk("kiosk_east", "cp-east");
    let mut store = east.store();
    let now = Utc::now();
    for (verdict, minutes) in [(PassVerdict::Revoked, 2), (PassVerdict::Valid, 1)] {
        // As the gate's form makes it: the pass's verdict, no colour.
        let mut person = scanned(HealthColour::Unknown, 36.5);
        person.pass_outcome = Some(verdict);
        store
            .save_person(
                &screen(&person),
                &prov("cp-east"),
                now - Days::minutes(minutes),
            )
            .expect("saved");
    }
    let counters = store.counters(now - Days::hours(1)).expect("counters");
    assert_eq!(
        (counters.red, counters.passes_valid, counters.passes_refused),
        (0, 1, 1)
    );
    let day = ReportScope::Range {
        from: now - Days::hours(1),
        to: now + Days::minutes(1),
        checkpoint_id: None,
    };
    let totals = Summary::build(&store, &day).expect("summary").totals;
    assert_eq!(
        (totals.red, totals.green, totals.colour_unknown),
        (0, 0, 0),
        "{totals:?}"
    );
    assert_eq!((totals.passes_valid, totals.passes_revoked), (1, 1));

    east.sync(&mut store);
    let utc = FixedOffset::east_opt(0).expect("utc");
    let report = DistrictReport::build(
        &mut district.reader(),
        now.with_timezone(&utc).date_naive(),
        utc,
    )
    .expect("report");
    assert_eq!((report.total.people, report.total.red), (2, 0));
}
