//! What can go wrong talking to the district's server, in words a kiosk's volunteer or the
//! district's administrator can act on (English; `zh` for the Chinese UI).

use thiserror::Error;

use crate::store::StoreError;
use crate::text::Said;
use crate::text::errors::district as words;

/// Worded in `text::errors::district`, both languages (`Display` is the English).
#[derive(Debug, Error)]
#[error("{}", self.words().en)]
pub enum DistrictError {
    BadAddress {
        detail: String,
    },
    PasswordFile {
        path: String,
        detail: String,
    },
    Unreachable {
        server: String,
        detail: String,
    },
    LoginRefused {
        server: String,
        detail: String,
    },
    Tls {
        detail: String,
    },
    NotInitialised,
    TooNew {
        found: i32,
        supported: i32,
    },
    NotAKiosk {
        role: String,
    },
    WrongCheckpoint {
        ours: String,
        theirs: String,
    },
    OtherSecret {
        ours: String,
        theirs: String,
    },
    Refused {
        detail: String,
    },
    BadRoleName(String),
    NotOurRole(String),
    TooOld {
        found: i32,
        needed: i32,
    },
    WeakPassword,
    Server {
        detail: String,
    },
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error(transparent)]
    Config(#[from] crate::config::ConfigError),
}

impl DistrictError {
    /// The same message in Chinese, for the gate's sync line.
    pub fn zh(&self) -> String {
        self.words().zh
    }

    /// The error in both languages.
    pub fn words(&self) -> Said {
        match self {
            Self::BadAddress { detail } => words::bad_address(detail),
            Self::PasswordFile { path, detail } => words::password_file(path, detail),
            Self::Unreachable { server, detail } => words::unreachable(server, detail),
            Self::LoginRefused { server, detail } => words::login_refused(server, detail),
            Self::Tls { detail } => words::tls(detail),
            Self::NotInitialised => words::not_initialised(),
            Self::TooNew { found, supported } => words::too_new(found, supported),
            Self::NotAKiosk { role } => words::not_a_kiosk(role),
            Self::WrongCheckpoint { ours, theirs } => words::wrong_checkpoint(ours, theirs),
            Self::OtherSecret { ours, theirs } => words::other_secret(ours, theirs),
            Self::Refused { detail } => words::refused(detail),
            Self::BadRoleName(name) => words::bad_role_name(name),
            Self::NotOurRole(name) => words::not_our_role(name),
            Self::TooOld { found, needed } => words::too_old(found, needed),
            Self::WeakPassword => words::weak_password(),
            Self::Server { detail } => words::server(detail),
            Self::Store(error) => {
                Said::new(crate::text::store_errors::zh(error), error.to_string())
            }
            Self::Config(error) => crate::text::Bilingual::said(error),
        }
    }

    /// Names the server in a connection lost mid-sync (a `postgres::Error` does not know it).
    pub fn at(self, shown: &str) -> Self {
        match self {
            Self::Unreachable { server, detail } if server.is_empty() => Self::Unreachable {
                server: shown.to_owned(),
                detail,
            },
            other => other,
        }
    }

    /// The server refused what was sent (a constraint, a type, a permission): sending it again
    /// will not help, so the change is set aside rather than retried.
    pub fn is_refusal(&self) -> bool {
        matches!(self, Self::Refused { .. })
    }
}

impl From<postgres::Error> for DistrictError {
    fn from(error: postgres::Error) -> Self {
        use postgres::error::SqlState;
        let Some(db) = error.as_db_error() else {
            return Self::Unreachable {
                server: String::new(),
                detail: error.to_string(),
            };
        };
        let detail = db.message().to_owned();
        let code = db.code();
        // Class 22 (a value the column's type refuses) and 23 (a constraint): the data, not
        // the server, is at fault.
        let class = code.code().get(..2).unwrap_or("");
        if *code == SqlState::INSUFFICIENT_PRIVILEGE || class == "22" || class == "23" {
            Self::Refused { detail }
        } else if *code == SqlState::UNDEFINED_TABLE || *code == SqlState::UNDEFINED_FUNCTION {
            Self::NotInitialised
        } else {
            Self::Server { detail }
        }
    }
}
