//! Login roles for kiosks and readers, created by the district's administrator.

use postgres::Client;

use super::DistrictError;

/// What a new login role may do.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RoleKind {
    /// Pushes its own checkpoint's rows, pulls repeat keys.
    Kiosk,
    /// Reads everything, for the day report.
    Reader,
}

/// Role names are written into SQL as identifiers: keep them plain.
fn check_role_name(name: &str) -> Result<(), DistrictError> {
    let plain = !name.is_empty()
        && name.len() <= 63
        && name.starts_with(|c: char| c.is_ascii_lowercase())
        && name
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_');
    if plain {
        Ok(())
    } else {
        Err(DistrictError::BadRoleName(name.to_owned()))
    }
}

/// Creates (or updates the password of) a login role; a kiosk role is tied to its checkpoint.
/// The server quotes the name and the password itself (`format('%I', '%L')`).
pub fn add_role(
    client: &mut Client,
    kind: RoleKind,
    role_name: &str,
    password: &str,
    checkpoint_id: Option<&str>,
) -> Result<(), DistrictError> {
    check_role_name(role_name)?;
    if password.len() < 12 {
        return Err(DistrictError::WeakPassword);
    }
    let group = match kind {
        RoleKind::Kiosk => "kiosk",
        RoleKind::Reader => "district",
    };
    let mut transaction = client.transaction()?;
    let exists: bool = transaction
        .query_one(
            "SELECT EXISTS (SELECT FROM pg_roles WHERE rolname = $1)",
            &[&role_name],
        )?
        .get(0);
    let verb = if exists { "ALTER" } else { "CREATE" };
    let statement: String = transaction
        .query_one(
            &format!("SELECT format('{verb} ROLE %I LOGIN PASSWORD %L', $1::text, $2::text)"),
            &[&role_name, &password],
        )?
        .get(0);
    transaction.batch_execute(&statement)?;
    let grant: String = transaction
        .query_one(
            &format!("SELECT format('GRANT {group} TO %I', $1::text)"),
            &[&role_name],
        )?
        .get(0);
    transaction.batch_execute(&grant)?;
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
