//! Signed-in viewers: a random token in an HttpOnly, SameSite=Strict cookie, kept in the
//! server's memory (a restart signs everybody out). A session ends after 2 hours without a
//! request, after 12 hours in any case, or at logout.

use std::collections::HashMap;
use std::sync::{Mutex, PoisonError};
use std::time::{Duration, Instant};

use rand::RngCore as _;

pub const COOKIE: &str = "ck_office";
const IDLE: Duration = Duration::from_hours(2);
const LONGEST: Duration = Duration::from_hours(12);

struct Session {
    viewer: String,
    started: Instant,
    last_used: Instant,
}

#[derive(Default)]
pub struct Sessions {
    open: Mutex<HashMap<String, Session>>,
}

impl Sessions {
    /// A new session's token (32 random bytes, hex).
    pub fn start(&self, viewer: &str) -> String {
        let mut bytes = [0u8; 32];
        rand::rngs::OsRng.fill_bytes(&mut bytes);
        let token = hex::encode(bytes);
        let now = Instant::now();
        let mut open = self.open.lock().unwrap_or_else(PoisonError::into_inner);
        open.retain(|_, session| alive(session, now));
        open.insert(
            token.clone(),
            Session {
                viewer: viewer.to_owned(),
                started: now,
                last_used: now,
            },
        );
        token
    }

    /// The viewer of a live session (and marks it used).
    pub fn viewer(&self, token: &str) -> Option<String> {
        let now = Instant::now();
        let mut open = self.open.lock().unwrap_or_else(PoisonError::into_inner);
        let session = open.get_mut(token)?;
        if !alive(session, now) {
            open.remove(token);
            return None;
        }
        session.last_used = now;
        Some(session.viewer.clone())
    }

    pub fn end(&self, token: &str) -> Option<String> {
        self.open
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .remove(token)
            .map(|session| session.viewer)
    }
}

fn alive(session: &Session, now: Instant) -> bool {
    now.duration_since(session.last_used) < IDLE && now.duration_since(session.started) < LONGEST
}

/// The value of cookie `name` in a `Cookie:` header.
pub fn cookie<'a>(header: &'a str, name: &str) -> Option<&'a str> {
    header.split(';').find_map(|pair| {
        let (key, value) = pair.trim().split_once('=')?;
        (key == name).then_some(value)
    })
}

/// `Set-Cookie` for a session (`Secure` when the office is served over TLS).
pub fn session_cookie(token: &str, secure: bool) -> String {
    let secure = if secure { "; Secure" } else { "" };
    format!("{COOKIE}={token}; Path=/; HttpOnly; SameSite=Strict{secure}")
}

pub fn cleared_cookie(secure: bool) -> String {
    let secure = if secure { "; Secure" } else { "" };
    format!("{COOKIE}=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0{secure}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_session_is_found_by_its_token_until_it_ends() {
        let sessions = Sessions::default();
        let token = sessions.start("office_wang");
        assert_eq!(token.len(), 64);
        assert_eq!(sessions.viewer(&token).as_deref(), Some("office_wang"));
        assert_eq!(sessions.viewer("0000"), None);
        assert_eq!(sessions.end(&token).as_deref(), Some("office_wang"));
        assert_eq!(sessions.viewer(&token), None);
    }

    #[test]
    fn cookies_are_read_from_the_header_and_set_strict() {
        assert_eq!(cookie("a=1; ck_office=abc; b=2", COOKIE), Some("abc"));
        assert_eq!(cookie("a=1", COOKIE), None);
        let set = session_cookie("abc", true);
        assert!(
            set.contains("HttpOnly") && set.contains("SameSite=Strict") && set.ends_with("Secure")
        );
        assert!(!session_cookie("abc", false).contains("Secure"));
    }
}
