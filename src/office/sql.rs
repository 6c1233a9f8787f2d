//! Every query the office's pages run, in one place. The reader role reads aggregates
//! (`office_kiosk_figures`, `office_hours`), masked exceptions (`office_exception`) and the
//! login tables (schema step 2); the day report is `district::report`'s own SQL.

use chrono::{DateTime, Utc};
use postgres::Client;

use crate::district::DistrictError;

const KIOSK_FIGURES: &str = "
    SELECT role_name::text, checkpoint_id, checkpoint_name, gate, seen_at, silent_seconds,
        shift_open, people_in, people_out, vehicles_in, vehicles_out, fevers, yellow, red,
        referred, diverted, repeats, voided
    FROM office_kiosk_figures($1, $2)";

const HOURS: &str = "
    SELECT role_name::text, local_hour, people, vehicles FROM office_hours($1, $2, $3)";

/// Newest first, at most `EXCEPTIONS_SHOWN`.
const EXCEPTIONS: &str = "
    SELECT x.recorded_at, x.checkpoint_id, coalesce(c.checkpoint_name, ''), x.gate, x.kind,
        x.colour, x.decision, x.fever, x.is_repeat, x.name_masked, x.document_masked,
        x.phone_masked, x.code_masked, x.plate, x.celsius
    FROM office_exception x LEFT JOIN kiosk_contact c ON c.role_name = x.role_name
    WHERE x.recorded_at >= $1 AND x.recorded_at < $2
    ORDER BY x.recorded_at DESC LIMIT 500";

pub const EXCEPTIONS_SHOWN: usize = 500;

/// One kiosk (a gate) and its figures for a day.
#[derive(Debug, Clone, PartialEq)]
pub struct GateRow {
    pub role_name: String,
    pub checkpoint_id: String,
    pub checkpoint_name: String,
    pub gate: String,
    pub seen_at: Option<DateTime<Utc>>,
    /// Seconds since the kiosk's last sync, by the server's clock.
    pub silent_seconds: Option<f64>,
    pub shift_open: bool,
    pub people_in: i64,
    pub people_out: i64,
    pub vehicles_in: i64,
    pub vehicles_out: i64,
    pub fevers: i64,
    pub yellow: i64,
    pub red: i64,
    pub referred: i64,
    pub diverted: i64,
    pub repeats: i64,
    pub voided: i64,
}

impl GateRow {
    /// "东门 1号岗", or the checkpoint id until the kiosk has said its name.
    pub fn label(&self) -> String {
        let name = if self.checkpoint_name.is_empty() {
            &self.checkpoint_id
        } else {
            &self.checkpoint_name
        };
        if self.gate.is_empty() {
            name.clone()
        } else {
            format!("{name} {}", self.gate)
        }
    }
}

pub fn gate_rows(
    client: &mut Client,
    from: DateTime<Utc>,
    to: DateTime<Utc>,
) -> Result<Vec<GateRow>, DistrictError> {
    Ok(client
        .query(KIOSK_FIGURES, &[&from, &to])?
        .iter()
        .map(|row| GateRow {
            role_name: row.get(0),
            checkpoint_id: row.get(1),
            checkpoint_name: row.get(2),
            gate: row.get(3),
            seen_at: row.get(4),
            silent_seconds: row.get(5),
            shift_open: row.get(6),
            people_in: row.get(7),
            people_out: row.get(8),
            vehicles_in: row.get(9),
            vehicles_out: row.get(10),
            fevers: row.get(11),
            yellow: row.get(12),
            red: row.get(13),
            referred: row.get(14),
            diverted: row.get(15),
            repeats: row.get(16),
            voided: row.get(17),
        })
        .collect())
}

/// (kiosk role, local hour number since the epoch, people, vehicles).
pub fn hours(
    client: &mut Client,
    from: DateTime<Utc>,
    to: DateTime<Utc>,
    offset_seconds: f64,
) -> Result<Vec<(String, i64, i64, i64)>, DistrictError> {
    Ok(client
        .query(HOURS, &[&from, &to, &offset_seconds])?
        .iter()
        .map(|row| (row.get(0), row.get(1), row.get(2), row.get(3)))
        .collect())
}

/// One exception, with masked values only.
#[derive(Debug, Clone)]
pub struct ExceptionRow {
    pub recorded_at: DateTime<Utc>,
    pub checkpoint_id: String,
    pub checkpoint_name: String,
    pub gate: String,
    pub kind: i16,
    pub colour: i16,
    pub decision: i16,
    pub fever: bool,
    pub is_repeat: bool,
    pub name_masked: Option<String>,
    pub document_masked: Option<String>,
    pub phone_masked: Option<String>,
    pub code_masked: Option<String>,
    pub plate: Option<String>,
    pub celsius: Option<String>,
}

pub fn exceptions(
    client: &mut Client,
    from: DateTime<Utc>,
    to: DateTime<Utc>,
) -> Result<Vec<ExceptionRow>, DistrictError> {
    Ok(client
        .query(EXCEPTIONS, &[&from, &to])?
        .iter()
        .map(|row| ExceptionRow {
            recorded_at: row.get(0),
            checkpoint_id: row.get(1),
            checkpoint_name: row.get(2),
            gate: row.get(3),
            kind: row.get(4),
            colour: row.get(5),
            decision: row.get(6),
            fever: row.get(7),
            is_repeat: row.get(8),
            name_masked: row.get(9),
            document_masked: row.get(10),
            phone_masked: row.get(11),
            code_masked: row.get(12),
            plate: row.get(13),
            celsius: row.get(14),
        })
        .collect())
}

pub const VIEWER_HASH: &str = "SELECT password_hash FROM office_viewer WHERE viewer_name = $1";

pub const UPSERT_VIEWER: &str = "
    INSERT INTO office_viewer (viewer_name, password_hash) VALUES ($1, $2)
    ON CONFLICT (viewer_name) DO UPDATE SET password_hash = EXCLUDED.password_hash";

/// Wrong passwords since the viewer's last good login, within the lockout window.
pub const RECENT_FAILURES: &str = "
    SELECT count(*) FROM office_login
    WHERE viewer_name = $1 AND outcome = 'wrong_password'
      AND at > now() - make_interval(secs => $2)
      AND at > coalesce((SELECT max(at) FROM office_login
                         WHERE viewer_name = $1 AND outcome = 'ok'), '-infinity')";

pub const AUDIT: &str =
    "INSERT INTO office_login (viewer_name, outcome, client) VALUES (left($1, 64), $2, $3)";
