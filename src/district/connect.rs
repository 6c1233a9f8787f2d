//! Connecting to the district's server: the address from kiosk.toml (a `postgresql://` URL
//! without a password), the password from a file (or libpq's `PGPASSFILE` / `~/.pgpass`), and
//! TLS through rustls with the certificate checked against the web's roots or `ca_file`.
//!
//! TLS by default (issue 24): every address but one saying `sslmode=disable` (a server on this
//! computer, the tests) is reached over TLS — `prefer` and no sslmode alike — and a server that
//! offers none is refused before any password is sent. Over TLS the login must be SCRAM with
//! channel binding (unless the address says `channel_binding=…` itself), so a server asking for
//! a cleartext or MD5 password is refused too.

use std::path::{Path, PathBuf};
use std::str::FromStr;
use std::sync::Arc;
use std::time::Duration;

use postgres::config::{ChannelBinding, Host, SslMode};
use postgres::{Client, Config, NoTls};
use rustls::pki_types::CertificateDer;
use rustls::pki_types::pem::PemObject;

use super::DistrictError;

/// A parsed server address, with a password-free form for messages.
#[derive(Clone)]
pub struct ServerAddress {
    config: Config,
    /// `user@host:port/db`: what messages and the UI show.
    pub shown: String,
    ca_file: Option<PathBuf>,
    /// The address chose its own `channel_binding`.
    channel_binding_given: bool,
}

impl std::fmt::Debug for ServerAddress {
    fn fmt(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        formatter.write_str(&self.shown)
    }
}

impl ServerAddress {
    /// Parses `url` and finds the password: `password_file` first, then `PGPASSFILE` or
    /// `~/.pgpass`. A password written in the URL itself is used as is (tests, one-off commands).
    pub fn parse(
        url: &str,
        password_file: Option<&Path>,
        ca_file: Option<&Path>,
        timeout: Duration,
    ) -> Result<Self, DistrictError> {
        let mut config = Config::from_str(url).map_err(|error| DistrictError::BadAddress {
            detail: error.to_string(),
        })?;
        if config.get_connect_timeout().is_none() {
            config.connect_timeout(timeout);
        }
        let shown = shown(&config);
        if config.get_password().is_none()
            && let Some(password) = find_password(&config, password_file)?
        {
            config.password(password);
        }
        Ok(Self {
            config,
            shown,
            ca_file: ca_file.map(Path::to_path_buf),
            channel_binding_given: url.contains("channel_binding"),
        })
    }

    /// The role this address logs in as.
    pub fn user(&self) -> &str {
        self.config.get_user().unwrap_or("")
    }

    /// Whether connections use TLS: everything but an explicit `sslmode=disable`.
    pub fn uses_tls(&self) -> bool {
        self.config.get_ssl_mode() != SslMode::Disable
    }
}

/// Opens a connection: TLS with the certificate checked, unless the address says
/// `sslmode=disable`.
pub fn connect(address: &ServerAddress) -> Result<Client, DistrictError> {
    let result = if address.uses_tls() {
        let mut config = address.config.clone();
        config.ssl_mode(SslMode::Require);
        if !address.channel_binding_given {
            config.channel_binding(ChannelBinding::Require);
        }
        config.connect(tls(address.ca_file.as_deref())?)
    } else {
        address.config.connect(NoTls)
    };
    result.map_err(|error| {
        let detail = error.to_string();
        let refused = error
            .as_db_error()
            .is_some_and(|db| db.code().code().starts_with("28") || db.code().code() == "3D000");
        if refused {
            DistrictError::LoginRefused {
                server: address.shown.clone(),
                detail,
            }
        } else {
            DistrictError::Unreachable {
                server: address.shown.clone(),
                detail: source_chain(&error),
            }
        }
    })
}

/// "error connecting to server: Connection refused (os error 111)": the cause is in the source.
fn source_chain(error: &dyn std::error::Error) -> String {
    let mut text = error.to_string();
    let mut source = error.source();
    while let Some(cause) = source {
        let line = cause.to_string();
        if !text.contains(&line) {
            text.push_str(": ");
            text.push_str(&line);
        }
        source = cause.source();
    }
    text
}

fn tls(ca_file: Option<&Path>) -> Result<tokio_postgres_rustls::MakeRustlsConnect, DistrictError> {
    let tls_error = |detail: String| DistrictError::Tls { detail };
    let mut roots = rustls::RootCertStore {
        roots: webpki_roots::TLS_SERVER_ROOTS.to_vec(),
    };
    if let Some(path) = ca_file {
        let pem = std::fs::read(path)
            .map_err(|error| tls_error(format!("{}: {error}", path.display())))?;
        for certificate in CertificateDer::pem_slice_iter(&pem) {
            let certificate =
                certificate.map_err(|error| tls_error(format!("{}: {error}", path.display())))?;
            roots
                .add(certificate)
                .map_err(|error| tls_error(format!("{}: {error}", path.display())))?;
        }
    }
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let config = rustls::ClientConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .map_err(|error| tls_error(error.to_string()))?
        .with_root_certificates(roots)
        .with_no_client_auth();
    Ok(tokio_postgres_rustls::MakeRustlsConnect::new(config))
}

fn shown(config: &Config) -> String {
    let host = match config.get_hosts().first() {
        Some(Host::Tcp(name)) => name.clone(),
        #[cfg(unix)]
        Some(Host::Unix(path)) => path.display().to_string(),
        None => "localhost".to_owned(),
    };
    let port = config.get_ports().first().copied().unwrap_or(5432);
    format!(
        "{}@{host}:{port}/{}",
        config.get_user().unwrap_or("?"),
        config.get_dbname().unwrap_or("")
    )
}

fn find_password(
    config: &Config,
    password_file: Option<&Path>,
) -> Result<Option<String>, DistrictError> {
    if let Some(path) = password_file {
        let text = std::fs::read_to_string(path).map_err(|error| DistrictError::PasswordFile {
            path: path.display().to_string(),
            detail: error.to_string(),
        })?;
        return Ok(Some(text.trim_end_matches(['\r', '\n']).to_owned()));
    }
    let pgpass = std::env::var_os("PGPASSFILE")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|home| PathBuf::from(home).join(".pgpass")));
    let Some(text) = pgpass.and_then(|path| std::fs::read_to_string(path).ok()) else {
        return Ok(None);
    };
    let host = match config.get_hosts().first() {
        Some(Host::Tcp(name)) => name.clone(),
        _ => "localhost".to_owned(),
    };
    let port = config
        .get_ports()
        .first()
        .copied()
        .unwrap_or(5432)
        .to_string();
    let wanted = [
        host.as_str(),
        port.as_str(),
        config.get_dbname().unwrap_or(""),
        config.get_user().unwrap_or(""),
    ];
    Ok(text.lines().find_map(|line| pgpass_match(line, &wanted)))
}

/// One `host:port:database:user:password` line of a libpq password file (`*` matches anything,
/// `\:` and `\\` are escapes).
fn pgpass_match(line: &str, wanted: &[&str; 4]) -> Option<String> {
    if line.starts_with('#') {
        return None;
    }
    let mut fields = Vec::with_capacity(5);
    let mut field = String::new();
    let mut chars = line.chars();
    while let Some(c) = chars.next() {
        match c {
            '\\' => field.extend(chars.next()),
            ':' if fields.len() < 4 => fields.push(std::mem::take(&mut field)),
            _ => field.push(c),
        }
    }
    fields.push(field);
    if fields.len() != 5 {
        return None;
    }
    let matches = fields
        .iter()
        .zip(wanted)
        .all(|(field, wanted)| field == "*" || field == wanted);
    matches.then(|| fields[4].clone())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pgpass_lines_match_with_wildcards_and_escapes() {
        let wanted = ["db.local", "5432", "district", "kiosk_east"];
        assert_eq!(
            pgpass_match("db.local:5432:district:kiosk_east:s3cret", &wanted),
            Some("s3cret".to_owned())
        );
        assert_eq!(
            pgpass_match("*:*:*:kiosk_east:a\\:b", &wanted),
            Some("a:b".to_owned())
        );
        assert_eq!(pgpass_match("*:*:*:kiosk_west:nope", &wanted), None);
        assert_eq!(pgpass_match("# *:*:*:*:comment", &wanted), None);
    }
}
