//! Login roles for kiosks and readers, created by the district's administrator.
//!
//! Issue 24: `add-kiosk` / `add-reader` change only roles they made themselves (listed in
//! `district_role`), never a reserved name, a privileged role or a role of the other kind; the
//! password travels as a SCRAM-SHA-256 verifier (what the server stores), so no statement the
//! server may log holds it.

use postgres::Client;

use super::DistrictError;

/// What a new login role may do.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RoleKind {
    /// Pushes its own checkpoint's rows, pulls repeat keys.
    Kiosk,
    /// Reads the district's counts, for the day report and the dashboard.
    Reader,
}

impl RoleKind {
    fn name(self) -> &'static str {
        match self {
            Self::Kiosk => "kiosk",
            Self::Reader => "reader",
        }
    }

    fn group(self) -> &'static str {
        match self {
            Self::Kiosk => "kiosk",
            Self::Reader => "district",
        }
    }
}

/// Names that are the schema's own groups or usual administrator roles.
const RESERVED: [&str; 9] = [
    "kiosk",
    "district",
    "postgres",
    "public",
    "admin",
    "root",
    "none",
    "current_user",
    "session_user",
];

/// Role names are written into SQL as identifiers: keep them plain.
fn check_role_name(name: &str) -> Result<(), DistrictError> {
    let plain = !name.is_empty()
        && name.len() <= 63
        && name.starts_with(|c: char| c.is_ascii_lowercase())
        && name
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_');
    if !plain {
        return Err(DistrictError::BadRoleName(name.to_owned()));
    }
    if RESERVED.contains(&name) || name.starts_with("pg_") {
        return Err(DistrictError::NotOurRole(name.to_owned()));
    }
    Ok(())
}

/// Creates (or updates the password of) a login role; a kiosk role is tied to its checkpoint.
pub fn add_role(
    client: &mut Client,
    kind: RoleKind,
    role_name: &str,
    password: &str,
    checkpoint_id: Option<&str>,
) -> Result<(), DistrictError> {
    check_role_name(role_name)?;
    if password.chars().count() < 12 {
        return Err(DistrictError::WeakPassword);
    }
    let mut transaction = client.transaction()?;
    let found = transaction.query_opt(
        "SELECT r.rolsuper OR r.rolcreaterole OR r.rolcreatedb OR r.rolreplication
                OR r.rolbypassrls OR r.rolname = session_user OR r.rolname = current_user,
                d.kind
         FROM pg_roles r LEFT JOIN district_role d ON d.role_name = r.rolname
         WHERE r.rolname = $1",
        &[&role_name],
    )?;
    if let Some(row) = &found {
        let privileged: bool = row.try_get(0)?;
        let made_as: Option<String> = row.try_get(1)?;
        if privileged || made_as.as_deref() != Some(kind.name()) {
            return Err(DistrictError::NotOurRole(role_name.to_owned()));
        }
    }
    let verb = if found.is_some() { "ALTER" } else { "CREATE" };
    let verifier = postgres_protocol::password::scram_sha_256(password.as_bytes());
    let statement: String = transaction
        .query_one(
            &format!(
                "SELECT format('{verb} ROLE %I LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE \
                 NOREPLICATION NOBYPASSRLS PASSWORD %L', $1::text, $2::text)"
            ),
            &[&role_name, &verifier],
        )?
        .try_get(0)?;
    transaction.batch_execute(&statement)?;
    let grant: String = transaction
        .query_one(
            &format!("SELECT format('GRANT {} TO %I', $1::text)", kind.group()),
            &[&role_name],
        )?
        .try_get(0)?;
    transaction.batch_execute(&grant)?;
    transaction.execute(
        "INSERT INTO district_role (role_name, kind) VALUES ($1, $2) ON CONFLICT DO NOTHING",
        &[&role_name, &kind.name()],
    )?;
    if let (RoleKind::Kiosk, Some(checkpoint_id)) = (kind, checkpoint_id) {
        transaction.execute(
            "INSERT INTO kiosk (role_name, checkpoint_id) VALUES ($1, $2)
             ON CONFLICT (role_name) DO UPDATE SET checkpoint_id = EXCLUDED.checkpoint_id",
            &[&role_name, &checkpoint_id],
        )?;
    }
    transaction.commit()?;
    Ok(())
}
