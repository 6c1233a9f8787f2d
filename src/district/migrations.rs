//! The district server's schema as ordered, append-only migrations (the same discipline as the
//! kiosk's SQLite store): `district_schema` records each applied step; a server newer than this
//! build is refused. Never edit a released step: append a new one.
//!
//! Layout:
//! - `entry`: one row per entry, keyed by the kiosk's entry UUID (so pushing twice changes
//!   nothing), tagged with its checkpoint and the kiosk role that pushed it. The counted facts are
//!   columns (the day report is SQL over them); the whole masked record (the export schema,
//!   keyed hashes included, never a plain value) is kept as `record` for the district's reading.
//!   `seq` orders rows for pulling: pushes take one advisory lock, so rows become visible in
//!   `seq` order and a puller's cursor never skips a row committed late.
//! - `void`, `shift`, `purge`: what kiosks did to their own rows; a purge deletes the pushing
//!   kiosk's entries older than its cutoff (retention propagates).
//! - `kiosk`: which login role is which checkpoint. Row-level security lets a kiosk role insert
//!   and void only its own checkpoint's rows; it reads only `repeat_key` and `repeat_void`
//!   (hashes, plates, times, places), never the records. The `district` role reads everything.

use postgres::Client;

use super::DistrictError;

/// Serialises pushes so that `seq` order is commit order (see the module docs).
pub const PUSH_LOCK: i64 = 0x636B_5F70_7573_6801;

/// Migration steps; index + 1 is the version each produces.
const MIGRATIONS: &[&str] = &[
    // 1: entries, voids, shifts, purges, kiosks, roles and row-level security.
    r"
    DO $roles$ BEGIN
        IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'kiosk') THEN
            CREATE ROLE kiosk NOLOGIN;
        END IF;
        IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'district') THEN
            CREATE ROLE district NOLOGIN;
        END IF;
    END $roles$;

    CREATE TABLE district_info (
        only_row boolean PRIMARY KEY DEFAULT true CHECK (only_row),
        district_id uuid NOT NULL,
        hash_key_id text
    );
    INSERT INTO district_info (district_id) VALUES (gen_random_uuid());

    CREATE TABLE kiosk (
        role_name name PRIMARY KEY,
        checkpoint_id text NOT NULL,
        registered_at timestamptz NOT NULL DEFAULT now()
    );

    CREATE TABLE entry (
        seq bigint GENERATED ALWAYS AS IDENTITY,
        entry_uuid uuid PRIMARY KEY,
        checkpoint_id text NOT NULL,
        pushed_by name NOT NULL DEFAULT session_user,
        gate text NOT NULL,
        recorded_at timestamptz NOT NULL,
        kind smallint NOT NULL CHECK (kind IN (0, 1)),
        direction smallint NOT NULL CHECK (direction IN (0, 1)),
        colour smallint NOT NULL CHECK (colour BETWEEN 0 AND 3),
        decision smallint NOT NULL CHECK (decision BETWEEN 0 AND 3),
        fever boolean NOT NULL,
        is_repeat boolean NOT NULL,
        code_hash bytea,
        document_hash bytea,
        plate text,
        record jsonb NOT NULL,
        UNIQUE (entry_uuid, checkpoint_id)
    );
    CREATE UNIQUE INDEX entry_seq ON entry (seq);
    CREATE INDEX entry_time ON entry (recorded_at, checkpoint_id);
    CREATE INDEX entry_purge ON entry (pushed_by, recorded_at);

    CREATE TABLE void (
        seq bigint GENERATED ALWAYS AS IDENTITY UNIQUE,
        entry_uuid uuid PRIMARY KEY,
        checkpoint_id text NOT NULL,
        reason text NOT NULL,
        operator text NOT NULL,
        voided_at timestamptz NOT NULL,
        FOREIGN KEY (entry_uuid, checkpoint_id)
            REFERENCES entry (entry_uuid, checkpoint_id) ON DELETE CASCADE
    );

    CREATE TABLE shift (
        checkpoint_id text NOT NULL,
        pushed_by name NOT NULL DEFAULT session_user,
        shift_id bigint NOT NULL,
        leader text NOT NULL,
        opened_at timestamptz NOT NULL,
        closed_at timestamptz,
        handover_note text,
        PRIMARY KEY (checkpoint_id, pushed_by, shift_id)
    );

    CREATE TABLE purge (
        checkpoint_id text NOT NULL,
        pushed_by name NOT NULL DEFAULT session_user,
        cutoff timestamptz NOT NULL,
        received_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (pushed_by, cutoff)
    );

    CREATE FUNCTION kiosk_checkpoint() RETURNS text
        LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp
        AS $$ SELECT checkpoint_id FROM kiosk WHERE role_name = session_user $$;

    CREATE FUNCTION district_identity() RETURNS TABLE (district_id uuid, hash_key_id text)
        LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp
        AS $$ SELECT district_id, hash_key_id FROM district_info $$;

    -- The first kiosk to sync fixes the district's hashing secret (its key id); the others must
    -- have joined it, or their hashes could never match.
    CREATE FUNCTION claim_hash_key(key_id text) RETURNS text
        LANGUAGE sql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp
        AS $$ UPDATE district_info SET hash_key_id = coalesce(hash_key_id, key_id)
              RETURNING hash_key_id $$;

    CREATE FUNCTION apply_purge() RETURNS trigger
        LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp
        AS $$ BEGIN
            DELETE FROM entry WHERE pushed_by = NEW.pushed_by AND recorded_at < NEW.cutoff;
            RETURN NEW;
        END $$;
    CREATE TRIGGER purge_applies AFTER INSERT ON purge
        FOR EACH ROW EXECUTE FUNCTION apply_purge();

    REVOKE ALL ON FUNCTION kiosk_checkpoint(), district_identity(), claim_hash_key(text),
        apply_purge() FROM PUBLIC;
    GRANT EXECUTE ON FUNCTION kiosk_checkpoint(), district_identity(), claim_hash_key(text)
        TO kiosk;
    GRANT EXECUTE ON FUNCTION district_identity() TO district;

    -- Voided entries are nobody's earlier visit; voids after a pull arrive through repeat_void.
    CREATE VIEW repeat_key AS
        SELECT e.seq, e.entry_uuid, e.checkpoint_id, e.pushed_by, e.gate, e.recorded_at,
               e.code_hash, e.document_hash, e.plate
        FROM entry e
        WHERE NOT EXISTS (SELECT FROM void v WHERE v.entry_uuid = e.entry_uuid);
    CREATE VIEW repeat_void AS SELECT seq, entry_uuid FROM void;

    ALTER TABLE entry ENABLE ROW LEVEL SECURITY;
    ALTER TABLE void ENABLE ROW LEVEL SECURITY;
    ALTER TABLE shift ENABLE ROW LEVEL SECURITY;
    ALTER TABLE purge ENABLE ROW LEVEL SECURITY;
    ALTER TABLE kiosk ENABLE ROW LEVEL SECURITY;

    CREATE POLICY kiosk_inserts_own ON entry FOR INSERT TO kiosk
        WITH CHECK (checkpoint_id = kiosk_checkpoint() AND pushed_by = session_user);
    CREATE POLICY kiosk_voids_own ON void FOR INSERT TO kiosk
        WITH CHECK (checkpoint_id = kiosk_checkpoint());
    CREATE POLICY kiosk_keeps_own_shifts ON shift FOR ALL TO kiosk
        USING (checkpoint_id = kiosk_checkpoint() AND pushed_by = session_user)
        WITH CHECK (checkpoint_id = kiosk_checkpoint() AND pushed_by = session_user);
    CREATE POLICY kiosk_purges_own ON purge FOR INSERT TO kiosk
        WITH CHECK (checkpoint_id = kiosk_checkpoint() AND pushed_by = session_user);

    CREATE POLICY district_reads ON entry FOR SELECT TO district USING (true);
    CREATE POLICY district_reads ON void FOR SELECT TO district USING (true);
    CREATE POLICY district_reads ON shift FOR SELECT TO district USING (true);
    CREATE POLICY district_reads ON purge FOR SELECT TO district USING (true);
    CREATE POLICY district_reads ON kiosk FOR SELECT TO district USING (true);

    GRANT INSERT ON entry, void, purge TO kiosk;
    GRANT SELECT, INSERT, UPDATE ON shift TO kiosk;
    GRANT SELECT ON repeat_key, repeat_void, district_schema TO kiosk;
    GRANT SELECT ON entry, void, shift, purge, kiosk, repeat_key, repeat_void, district_schema
        TO district;
    ",
    // 2: the district office (issue 27). Viewers (argon2 hashes) and every login attempt; each
    // kiosk's last contact, checkpoint name and gate (`kiosk_seen`, called by the sync); and what
    // the office's pages read: per-kiosk figures and per-hour counts as aggregate functions, the
    // exceptions as masked fields only. Functions and the view run with the owner's rights, so the
    // office reads aggregates and masked values, never `record` itself.
    r"
    CREATE TABLE office_viewer (
        viewer_name text PRIMARY KEY,
        password_hash text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE TABLE office_login (
        login_id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        at timestamptz NOT NULL DEFAULT now(),
        viewer_name text NOT NULL,
        outcome text NOT NULL
            CHECK (outcome IN ('ok', 'wrong_password', 'unknown_viewer', 'locked', 'logout')),
        client text
    );
    CREATE INDEX office_login_recent ON office_login (viewer_name, at);

    CREATE TABLE kiosk_contact (
        role_name name PRIMARY KEY,
        checkpoint_id text NOT NULL,
        checkpoint_name text NOT NULL DEFAULT '',
        gate text NOT NULL DEFAULT '',
        seen_at timestamptz NOT NULL
    );
    CREATE FUNCTION kiosk_seen(checkpoint_name text, gate text) RETURNS void
        LANGUAGE sql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp
        AS $$ INSERT INTO kiosk_contact (role_name, checkpoint_id, checkpoint_name, gate, seen_at)
              SELECT role_name, checkpoint_id, left(checkpoint_name, 100), left(gate, 100), now()
              FROM kiosk WHERE role_name = session_user
              ON CONFLICT (role_name) DO UPDATE SET checkpoint_id = EXCLUDED.checkpoint_id,
                  checkpoint_name = EXCLUDED.checkpoint_name, gate = EXCLUDED.gate,
                  seen_at = EXCLUDED.seen_at $$;

    CREATE FUNCTION office_kiosk_figures(day_from timestamptz, day_to timestamptz)
        RETURNS TABLE (role_name name, checkpoint_id text, checkpoint_name text, gate text,
            seen_at timestamptz, silent_seconds float8, shift_open boolean,
            people_in bigint, people_out bigint, vehicles_in bigint, vehicles_out bigint,
            fevers bigint, yellow bigint, red bigint, referred bigint, diverted bigint,
            repeats bigint, voided bigint, last_entry_at timestamptz)
        LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp
        AS $$
        WITH day AS (
            SELECT e.pushed_by, e.kind, e.direction, e.colour, e.decision, e.fever, e.is_repeat,
                   e.recorded_at, v.entry_uuid IS NULL AS live
            FROM entry e LEFT JOIN void v ON v.entry_uuid = e.entry_uuid
            WHERE e.recorded_at >= day_from AND e.recorded_at < day_to
        ), counts AS (
            SELECT pushed_by,
                count(*) FILTER (WHERE live AND kind = 0 AND direction = 0) AS people_in,
                count(*) FILTER (WHERE live AND kind = 0 AND direction = 1) AS people_out,
                count(*) FILTER (WHERE live AND kind = 1 AND direction = 0) AS vehicles_in,
                count(*) FILTER (WHERE live AND kind = 1 AND direction = 1) AS vehicles_out,
                count(*) FILTER (WHERE live AND fever) AS fevers,
                count(*) FILTER (WHERE live AND kind = 0 AND colour = 1) AS yellow,
                count(*) FILTER (WHERE live AND kind = 0 AND colour = 2) AS red,
                count(*) FILTER (WHERE live AND decision = 2) AS referred,
                count(*) FILTER (WHERE live AND decision = 3) AS diverted,
                count(*) FILTER (WHERE live AND is_repeat) AS repeats,
                count(*) FILTER (WHERE NOT live) AS voided,
                max(recorded_at) AS last_entry_at
            FROM day GROUP BY pushed_by
        )
        SELECT k.role_name, k.checkpoint_id, coalesce(c.checkpoint_name, ''), coalesce(c.gate, ''),
            c.seen_at, extract(epoch FROM now() - c.seen_at)::float8,
            EXISTS (SELECT FROM shift s WHERE s.pushed_by = k.role_name AND s.closed_at IS NULL
                    AND s.opened_at > now() - interval '1 day'),
            coalesce(n.people_in, 0), coalesce(n.people_out, 0), coalesce(n.vehicles_in, 0),
            coalesce(n.vehicles_out, 0), coalesce(n.fevers, 0), coalesce(n.yellow, 0),
            coalesce(n.red, 0), coalesce(n.referred, 0), coalesce(n.diverted, 0),
            coalesce(n.repeats, 0), coalesce(n.voided, 0), n.last_entry_at
        FROM kiosk k
        LEFT JOIN kiosk_contact c ON c.role_name = k.role_name
        LEFT JOIN counts n ON n.pushed_by = k.role_name
        ORDER BY k.checkpoint_id, k.role_name
        $$;

    CREATE FUNCTION office_hours(day_from timestamptz, day_to timestamptz, offset_seconds float8)
        RETURNS TABLE (role_name name, local_hour bigint, people bigint, vehicles bigint)
        LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp
        AS $$
        SELECT e.pushed_by,
            floor((extract(epoch FROM e.recorded_at)::float8 + offset_seconds) / 3600)::bigint AS h,
            count(*) FILTER (WHERE e.kind = 0), count(*) FILTER (WHERE e.kind = 1)
        FROM entry e
        WHERE e.recorded_at >= day_from AND e.recorded_at < day_to
          AND NOT EXISTS (SELECT FROM void v WHERE v.entry_uuid = e.entry_uuid)
        GROUP BY e.pushed_by, h ORDER BY h, e.pushed_by
        $$;

    -- Fevers, red and yellow codes, turned back, handed over, diverted, repeats: masked only.
    CREATE VIEW office_exception AS
        SELECT e.entry_uuid, e.pushed_by AS role_name, e.checkpoint_id, e.gate, e.recorded_at,
            e.kind, e.colour, e.decision, e.fever, e.is_repeat,
            e.record->>'name_masked' AS name_masked,
            e.record->>'document_masked' AS document_masked,
            e.record->>'phone_masked' AS phone_masked,
            e.record->>'code_masked' AS code_masked,
            e.plate,
            round((e.record->'temperatures'->-1->>'celsius')::numeric, 1)::text AS celsius
        FROM entry e
        WHERE (e.fever OR (e.kind = 0 AND e.colour IN (1, 2)) OR e.decision IN (1, 2, 3)
               OR e.is_repeat)
          AND NOT EXISTS (SELECT FROM void v WHERE v.entry_uuid = e.entry_uuid);

    REVOKE ALL ON FUNCTION kiosk_seen(text, text), office_kiosk_figures(timestamptz, timestamptz),
        office_hours(timestamptz, timestamptz, float8) FROM PUBLIC;
    GRANT EXECUTE ON FUNCTION kiosk_seen(text, text) TO kiosk;
    GRANT EXECUTE ON FUNCTION office_kiosk_figures(timestamptz, timestamptz),
        office_hours(timestamptz, timestamptz, float8) TO district;
    GRANT SELECT ON office_viewer, kiosk_contact, office_exception TO district;
    GRANT SELECT, INSERT ON office_login TO district;
    ",
];

/// The server schema version this build writes and understands.
pub const DISTRICT_SCHEMA_VERSION: i32 = MIGRATIONS.len() as i32;

/// Brings the district database up to [`DISTRICT_SCHEMA_VERSION`], one transaction per step;
/// refuses a newer one. Returns the versions (before, after).
pub fn migrate(client: &mut Client) -> Result<(i32, i32), DistrictError> {
    let mut transaction = client.transaction()?;
    transaction.batch_execute(
        "CREATE TABLE IF NOT EXISTS district_schema (
            version integer PRIMARY KEY,
            applied_at timestamptz NOT NULL DEFAULT now()
        )",
    )?;
    // Two administrators running `district init` at once: the second waits, then finds it done.
    transaction.execute("LOCK TABLE district_schema IN EXCLUSIVE MODE", &[])?;
    let found: i32 = transaction
        .query_one("SELECT coalesce(max(version), 0) FROM district_schema", &[])?
        .get(0);
    if found > DISTRICT_SCHEMA_VERSION {
        return Err(DistrictError::TooNew {
            found,
            supported: DISTRICT_SCHEMA_VERSION,
        });
    }
    transaction.commit()?;
    for (index, step) in MIGRATIONS.iter().enumerate().skip(found.max(0) as usize) {
        let version = index as i32 + 1;
        let mut transaction = client.transaction()?;
        transaction.execute("LOCK TABLE district_schema IN EXCLUSIVE MODE", &[])?;
        let already: bool = transaction
            .query_one(
                "SELECT EXISTS (SELECT FROM district_schema WHERE version = $1)",
                &[&version],
            )?
            .get(0);
        if already {
            continue;
        }
        transaction.batch_execute(step)?;
        transaction.execute(
            "INSERT INTO district_schema (version) VALUES ($1)",
            &[&version],
        )?;
        transaction.commit()?;
    }
    Ok((found, DISTRICT_SCHEMA_VERSION))
}

/// The version a kiosk finds on the server (0: `district init` never ran).
pub fn server_version(client: &mut Client) -> Result<i32, DistrictError> {
    let exists: bool = client
        .query_one("SELECT to_regclass('district_schema') IS NOT NULL", &[])?
        .get(0);
    if !exists {
        return Ok(0);
    }
    Ok(client
        .query_one("SELECT coalesce(max(version), 0) FROM district_schema", &[])?
        .get(0))
}
