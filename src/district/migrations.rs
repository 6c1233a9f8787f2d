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
//!   (hashes, plates, times, places of the last 24 hours), never the records.
//! - Step 2 (issue 24): CHECK constraints on every pushed column (times from 2019 to now plus
//!   ten minutes, names ≤ 64 plain characters, plates ≤ 16, hashes 32 bytes, the record a small
//!   object of the masked schema's keys without plain identifiers), purges at least a day old,
//!   rows keyed by (checkpoint, entry). The `district` role reads counts only:
//!   `district_counts(from, to)` and `checkpoint_list`.

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
    // 2 (issue 24): the server refuses what it should never hold, rows are keyed by
    // (checkpoint, entry), each role reads only what it needs.
    MIGRATION_2,
    // 3: the district office (issue 27). Viewers (argon2 hashes) and every login attempt; each
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
    // 4 (issue 25): the district shares passes. Each kiosk pushes its pass key and its
    // revocations, each signed by that key (the kiosk checks every signature when it pulls, so
    // the server cannot forge one either); a kiosk inserts rows of its own checkpoint only and
    // reads everyone's through `pass_share_feed`; nothing can be changed or deleted.
    MIGRATION_4,
    // 5 (issue 22): a family registered together: a companion's record names the group's first
    // person (`group_id`, an entry id), so the server's masked-record check knows the key.
    MIGRATION_5,
    // 6 (issue 22): a child registered without an ID carries its age band (`age_band`). The
    // known keys move into a function of their own, so a later key replaces only that list.
    MIGRATION_6,
];

/// Step 6: `record_key_known` lists the masked record's keys (step 5's and `age_band`);
/// `masked_record` asks it, the rest of the check as in step 5.
const MIGRATION_6: &str = r#"
    CREATE FUNCTION record_key_known(key text) RETURNS boolean
        LANGUAGE sql IMMUTABLE SET search_path = pg_catalog
        AS $$ SELECT key IN ('entry_id', 'checkpoint_id', 'gate', 'operator', 'recorded_at',
            'direction', 'decision', 'repeat_of', 'note', 'voided', 'kind', 'colour',
            'colour_source', 'code_format', 'code_masked', 'document_kind', 'document_masked',
            'name_masked', 'phone_masked', 'code_hash', 'document_hash', 'temperatures', 'fever',
            'travel_star', 'origin', 'destination', 'vehicle_id', 'plate', 'plate_kind',
            'vehicle_type', 'passengers', 'cargo', 'group_id', 'age_band') $$;
    CREATE OR REPLACE FUNCTION masked_record(record jsonb) RETURNS boolean
        LANGUAGE sql IMMUTABLE SET search_path = pg_catalog
        AS $$ SELECT jsonb_typeof(record) = 'object'
            AND octet_length(record::text) <= 8192
            AND NOT EXISTS (
                SELECT FROM jsonb_each(record) AS field(key, value)
                WHERE NOT public.record_key_known(field.key)
                   OR (field.key IN ('code_hash', 'document_hash')
                       AND NOT (jsonb_typeof(field.value) = 'null'
                                OR field.value #>> '{}' ~ '^[0-9a-f]{64}$'))
                   OR (field.key NOT IN ('code_hash', 'document_hash')
                       AND EXISTS (
                           SELECT FROM jsonb_path_query(field.value,
                               'strict $.** ? (@.type() == "string")') AS leaf(value)
                           WHERE leaf.value #>> '{}'
                                     !~ '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$'
                             AND (leaf.value #>> '{}' ~ '[0-9]{15}'
                                  OR leaf.value #>> '{}' ~ '(^|[^0-9])1[3-9][0-9]{9}([^0-9]|$)')))) $$;
"#;

/// Step 5: the masked record's keys, with `group_id`; the rest of the check as in step 2.
const MIGRATION_5: &str = r#"
    CREATE OR REPLACE FUNCTION masked_record(record jsonb) RETURNS boolean
        LANGUAGE sql IMMUTABLE SET search_path = pg_catalog
        AS $$ SELECT jsonb_typeof(record) = 'object'
            AND octet_length(record::text) <= 8192
            AND NOT EXISTS (
                SELECT FROM jsonb_each(record) AS field(key, value)
                WHERE field.key NOT IN ('entry_id', 'checkpoint_id', 'gate', 'operator',
                    'recorded_at', 'direction', 'decision', 'repeat_of', 'note', 'voided', 'kind',
                    'colour', 'colour_source', 'code_format', 'code_masked', 'document_kind',
                    'document_masked', 'name_masked', 'phone_masked', 'code_hash',
                    'document_hash', 'temperatures', 'fever', 'travel_star', 'origin',
                    'destination', 'vehicle_id', 'plate', 'plate_kind', 'vehicle_type',
                    'passengers', 'cargo', 'group_id')
                   OR (field.key IN ('code_hash', 'document_hash')
                       AND NOT (jsonb_typeof(field.value) = 'null'
                                OR field.value #>> '{}' ~ '^[0-9a-f]{64}$'))
                   OR (field.key NOT IN ('code_hash', 'document_hash')
                       AND EXISTS (
                           SELECT FROM jsonb_path_query(field.value,
                               'strict $.** ? (@.type() == "string")') AS leaf(value)
                           WHERE leaf.value #>> '{}'
                                     !~ '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$'
                             AND (leaf.value #>> '{}' ~ '[0-9]{15}'
                                  OR leaf.value #>> '{}' ~ '(^|[^0-9])1[3-9][0-9]{9}([^0-9]|$)')))) $$;
"#;

/// Step 2. Checks are plain functions (the same rule for new rows and for sorting out the rows
/// an older server already holds: those move to `entry_refused`, which only the owner reads).
const MIGRATION_2: &str = r#"
    CREATE FUNCTION sane_time(at timestamptz) RETURNS boolean
        LANGUAGE sql STABLE SET search_path = pg_catalog
        AS $$ SELECT at >= timestamptz '2019-01-01 00:00+00'
                 AND at <= now() + interval '10 minutes' $$;
    CREATE FUNCTION plain_name(name text, max_chars integer) RETURNS boolean
        LANGUAGE sql IMMUTABLE SET search_path = pg_catalog
        AS $$ SELECT char_length(name) BETWEEN 1 AND max_chars
                 AND name !~ '[\x01-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]' $$;
    CREATE FUNCTION plate_text(plate text) RETURNS boolean
        LANGUAGE sql IMMUTABLE SET search_path = pg_catalog
        AS $$ SELECT plate ~ '^[A-Za-z0-9\u3400-\u9fff\u00b7-]{1,16}$' $$;
    -- The export schema's masked record: an object of known keys, small, and no text (hashes
    -- and entry ids aside; numbers are readings) holding a plain ID number (15 or more digits in
    -- a row) or a mobile number.
    CREATE FUNCTION masked_record(record jsonb) RETURNS boolean
        LANGUAGE sql IMMUTABLE SET search_path = pg_catalog
        AS $$ SELECT jsonb_typeof(record) = 'object'
            AND octet_length(record::text) <= 8192
            AND NOT EXISTS (
                SELECT FROM jsonb_each(record) AS field(key, value)
                WHERE field.key NOT IN ('entry_id', 'checkpoint_id', 'gate', 'operator',
                    'recorded_at', 'direction', 'decision', 'repeat_of', 'note', 'voided', 'kind',
                    'colour', 'colour_source', 'code_format', 'code_masked', 'document_kind',
                    'document_masked', 'name_masked', 'phone_masked', 'code_hash',
                    'document_hash', 'temperatures', 'fever', 'travel_star', 'origin',
                    'destination', 'vehicle_id', 'plate', 'plate_kind', 'vehicle_type',
                    'passengers', 'cargo')
                   OR (field.key IN ('code_hash', 'document_hash')
                       AND NOT (jsonb_typeof(field.value) = 'null'
                                OR field.value #>> '{}' ~ '^[0-9a-f]{64}$'))
                   OR (field.key NOT IN ('code_hash', 'document_hash')
                       AND EXISTS (
                           SELECT FROM jsonb_path_query(field.value,
                               'strict $.** ? (@.type() == "string")') AS leaf(value)
                           WHERE leaf.value #>> '{}'
                                     !~ '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$'
                             AND (leaf.value #>> '{}' ~ '[0-9]{15}'
                                  OR leaf.value #>> '{}' ~ '(^|[^0-9])1[3-9][0-9]{9}([^0-9]|$)')))) $$;

    -- Rows an older server accepted that it should never have held: kept apart for the owner.
    CREATE TABLE entry_refused AS SELECT * FROM entry WITH NO DATA;
    ALTER TABLE entry_refused ADD COLUMN refused_at timestamptz NOT NULL DEFAULT now();
    REVOKE ALL ON entry_refused FROM PUBLIC;
    WITH refused AS (
        DELETE FROM entry WHERE NOT (
            recorded_at >= timestamptz '2019-01-01 00:00+00' AND recorded_at <= now()
            AND plain_name(checkpoint_id, 64) AND plain_name(gate, 64)
            AND (plate IS NULL OR plate_text(plate))
            AND (code_hash IS NULL OR octet_length(code_hash) = 32)
            AND (document_hash IS NULL OR octet_length(document_hash) = 32)
            AND masked_record(record))
        RETURNING *)
    INSERT INTO entry_refused SELECT * FROM refused;

    ALTER TABLE entry
        ADD CONSTRAINT entry_time_in_range CHECK (sane_time(recorded_at)) NOT VALID,
        ADD CONSTRAINT entry_checkpoint_plain CHECK (plain_name(checkpoint_id, 64)),
        ADD CONSTRAINT entry_gate_plain CHECK (plain_name(gate, 64)),
        ADD CONSTRAINT entry_plate_plain CHECK (plate IS NULL OR plate_text(plate)),
        ADD CONSTRAINT entry_code_hash_32_bytes
            CHECK (code_hash IS NULL OR octet_length(code_hash) = 32),
        ADD CONSTRAINT entry_document_hash_32_bytes
            CHECK (document_hash IS NULL OR octet_length(document_hash) = 32),
        ADD CONSTRAINT entry_record_masked CHECK (masked_record(record));
    ALTER TABLE void
        ADD CONSTRAINT void_time_in_range CHECK (sane_time(voided_at)) NOT VALID,
        ADD CONSTRAINT void_reason_short CHECK (char_length(reason) <= 200) NOT VALID,
        ADD CONSTRAINT void_operator_short CHECK (char_length(operator) <= 64) NOT VALID;
    ALTER TABLE shift
        ADD CONSTRAINT shift_time_in_range CHECK (sane_time(opened_at)
            AND (closed_at IS NULL OR (closed_at >= opened_at AND sane_time(closed_at)))) NOT VALID,
        ADD CONSTRAINT shift_leader_short CHECK (char_length(leader) <= 64) NOT VALID,
        ADD CONSTRAINT shift_note_short CHECK (char_length(handover_note) <= 2000) NOT VALID;
    -- A kiosk's retention is at least one day: a purge never reaches closer to now than that
    -- (ten minutes of clock difference allowed), and never 'infinity'.
    ALTER TABLE purge ADD CONSTRAINT purge_keeps_the_minimum_retention
        CHECK (cutoff >= timestamptz '2019-01-01 00:00+00'
               AND cutoff <= now() - interval '1 day' + interval '10 minutes') NOT VALID;

    -- Keyed by (checkpoint, entry): another kiosk's row with the same entry id is another row,
    -- so nobody can pre-empt (or void) a neighbour's entry by pushing its id first.
    ALTER TABLE void DROP CONSTRAINT void_pkey;
    ALTER TABLE void ADD PRIMARY KEY (checkpoint_id, entry_uuid);
    ALTER TABLE entry DROP CONSTRAINT entry_pkey;
    ALTER TABLE entry ADD PRIMARY KEY (checkpoint_id, entry_uuid);

    -- Kiosks read only other kiosks' keys of the longest repeat window (24 hours), not dated
    -- in the future, and only the columns a repeat look-up needs.
    DROP VIEW repeat_key;
    CREATE VIEW repeat_key AS
        SELECT e.seq, e.entry_uuid, e.checkpoint_id, e.gate, e.recorded_at,
               e.code_hash, e.document_hash, e.plate
        FROM entry e
        WHERE e.pushed_by <> session_user
          AND e.recorded_at >= now() - interval '24 hours'
          AND e.recorded_at <= now() + interval '10 minutes'
          AND NOT EXISTS (SELECT FROM void v
                          WHERE v.entry_uuid = e.entry_uuid AND v.checkpoint_id = e.checkpoint_id);
    DROP VIEW repeat_void;
    CREATE VIEW repeat_void AS
        SELECT v.seq, v.entry_uuid, v.checkpoint_id
        FROM void v JOIN entry e ON e.entry_uuid = v.entry_uuid AND e.checkpoint_id = v.checkpoint_id
        WHERE e.recorded_at >= now() - interval '24 hours';

    -- The reader role reads counts, never rows: entries per checkpoint, quarter hour and counted
    -- facts (the day report and the dashboard add them up), and the list of checkpoints.
    CREATE FUNCTION district_counts(from_at timestamptz, to_at timestamptz)
        RETURNS TABLE (checkpoint_id text, bucket_start timestamptz, kind smallint,
            direction smallint, colour smallint, decision smallint, fever boolean,
            is_repeat boolean, voided boolean, entries bigint)
        LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp
        AS $$ SELECT e.checkpoint_id,
                  to_timestamp(floor(extract(epoch FROM e.recorded_at) / 900) * 900),
                  e.kind, e.direction, e.colour, e.decision, e.fever, e.is_repeat,
                  EXISTS (SELECT FROM void v WHERE v.entry_uuid = e.entry_uuid
                                              AND v.checkpoint_id = e.checkpoint_id),
                  count(*)
              FROM entry e
              WHERE e.recorded_at >= from_at AND e.recorded_at < to_at
              GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9 $$;
    CREATE VIEW checkpoint_list AS
        SELECT DISTINCT checkpoint_id FROM kiosk;
    REVOKE ALL ON FUNCTION district_counts(timestamptz, timestamptz) FROM PUBLIC;
    GRANT EXECUTE ON FUNCTION district_counts(timestamptz, timestamptz) TO district;
    DROP POLICY district_reads ON entry;
    DROP POLICY district_reads ON void;
    DROP POLICY district_reads ON shift;
    DROP POLICY district_reads ON purge;
    DROP POLICY district_reads ON kiosk;
    REVOKE ALL ON entry, void, shift, purge, kiosk FROM district;
    GRANT SELECT ON repeat_key, repeat_void TO kiosk;
    GRANT SELECT ON checkpoint_list, district_schema TO district;

    -- The roles `district add-kiosk` / `add-reader` made: they change only these.
    CREATE TABLE district_role (
        role_name name PRIMARY KEY,
        kind text NOT NULL CHECK (kind IN ('kiosk', 'reader')),
        created_at timestamptz NOT NULL DEFAULT now()
    );
    REVOKE ALL ON district_role FROM PUBLIC;
    INSERT INTO district_role (role_name, kind)
        SELECT role_name, 'kiosk' FROM kiosk ON CONFLICT DO NOTHING;
    INSERT INTO district_role (role_name, kind)
        SELECT r.rolname, 'reader' FROM pg_roles r
        JOIN pg_auth_members m ON m.member = r.oid
        JOIN pg_roles g ON g.oid = m.roleid AND g.rolname = 'district'
        WHERE r.rolcanlogin AND NOT r.rolsuper
        ON CONFLICT DO NOTHING;
"#;

/// Step 4: shared pass keys and revocations (see the list above).
const MIGRATION_4: &str = r"
    CREATE TABLE pass_share (
        seq bigint GENERATED ALWAYS AS IDENTITY UNIQUE,
        checkpoint_id text NOT NULL CHECK (plain_name(checkpoint_id, 64)),
        pushed_by name NOT NULL DEFAULT session_user,
        kind text NOT NULL CHECK (kind IN ('key', 'revocation')),
        public_key bytea NOT NULL CHECK (octet_length(public_key) = 32),
        pass_id text NOT NULL DEFAULT ''
            CHECK ((kind = 'key' AND pass_id = '')
                OR (kind = 'revocation' AND pass_id ~ '^[A-Za-z0-9-]{1,32}$')),
        signed_at timestamptz NOT NULL CHECK (sane_time(signed_at)),
        signature bytea NOT NULL CHECK (octet_length(signature) = 64),
        received_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (checkpoint_id, kind, public_key, pass_id)
    );
    REVOKE ALL ON pass_share FROM PUBLIC;
    ALTER TABLE pass_share ENABLE ROW LEVEL SECURITY;
    CREATE POLICY kiosk_shares_own ON pass_share FOR INSERT TO kiosk
        WITH CHECK (checkpoint_id = kiosk_checkpoint() AND pushed_by = session_user);
    GRANT INSERT (checkpoint_id, kind, public_key, pass_id, signed_at, signature)
        ON pass_share TO kiosk;
    -- What kiosks read: every checkpoint's items, in seq order; not who pushed them or when.
    CREATE VIEW pass_share_feed AS
        SELECT seq, checkpoint_id, kind, public_key, pass_id,
               extract(epoch FROM signed_at)::bigint AS signed_at, signature
        FROM pass_share;
    GRANT SELECT ON pass_share_feed TO kiosk;
";

/// The server schema version this build writes and understands.
pub const DISTRICT_SCHEMA_VERSION: i32 = MIGRATIONS.len() as i32;

/// Brings the district database up to [`DISTRICT_SCHEMA_VERSION`], one transaction per step;
/// refuses a newer one. Returns the versions (before, after).
pub fn migrate(client: &mut Client) -> Result<(i32, i32), DistrictError> {
    migrate_to(client, DISTRICT_SCHEMA_VERSION)
}

/// Brings the district database up to `target` (at most [`DISTRICT_SCHEMA_VERSION`]): an older
/// server's schema, to test upgrading one.
pub fn migrate_to(client: &mut Client, target: i32) -> Result<(i32, i32), DistrictError> {
    let target = target.clamp(0, DISTRICT_SCHEMA_VERSION);
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
    for (index, step) in MIGRATIONS
        .iter()
        .enumerate()
        .take(target as usize)
        .skip(found.max(0) as usize)
    {
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
    Ok((found, target.max(found)))
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
