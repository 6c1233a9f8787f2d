//! The district office for a test: a district with named kiosks that synced today's entries, a
//! viewer account, `district serve` as a child process on a free loopback port, and a plain
//! HTTP/1.1 client over `TcpStream` (no client library: what a browser sends, byte for byte).
#![allow(dead_code)]

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use checkpoint_kiosk::district::report::day_bounds;
use checkpoint_kiosk::model::Role;
use checkpoint_kiosk::store::Store;
use chrono::{FixedOffset, NaiveDate, Utc};

use crate::cli_support::{kiosk, stdout_of};
use crate::district::{DB, District, Kiosk, fill_between};

pub const VIEWER: &str = "office_wang";
pub const VIEWER_PASSWORD: &str = "office-password-2026";

pub fn tz() -> FixedOffset {
    FixedOffset::east_opt(8 * 3600).expect("+08:00")
}

pub fn today() -> NaiveDate {
    Utc::now().with_timezone(&tz()).date_naive()
}

/// Opens a shift at the kiosk (so its silence raises the alarm).
pub fn open_shift(kiosk: &Kiosk, store: &mut Store) {
    let leader = store
        .sign_in("王队长", Role::Leader, Some("1234"), Utc::now())
        .expect("leader");
    store
        .open_shift(&leader, &kiosk.checkpoint_id, Utc::now())
        .expect("shift");
}

/// Two named kiosks, each with `count` entries today (some voided), an open shift, synced.
pub fn two_gates(district: &District, count: u64) -> Vec<Kiosk> {
    let (from, _) = day_bounds(today(), tz()).expect("bounds");
    let gates = [
        district
            .kiosk("kiosk_east", "cp-east")
            .named("东门", "1号岗"),
        district
            .kiosk("kiosk_west", "cp-west")
            .named("西门", "2号岗"),
    ];
    for (index, gate) in gates.iter().enumerate() {
        let mut store = gate.store();
        // Today so far: the server refuses entries dated in the future.
        let until = Utc::now() - chrono::Duration::minutes(1);
        fill_between(
            &mut store,
            &gate.checkpoint_id,
            count + 37 * index as u64,
            from,
            until.max(from + chrono::Duration::seconds(1)),
        );
        let first = store
            .entries(&checkpoint_kiosk::model::LogFilter {
                limit: 3,
                ..Default::default()
            })
            .expect("log");
        store
            .void_entry(first[0].entry_id, "entered twice", "王队长", Utc::now())
            .expect("void");
        open_shift(gate, &mut store);
        gate.sync(&mut store);
    }
    gates.into_iter().collect()
}

/// `district add-viewer` as the owner, through the command line.
pub fn add_viewer(district: &District, folder: &std::path::Path) {
    let password_file = folder.join("viewer.password");
    std::fs::write(&password_file, format!("{VIEWER_PASSWORD}\n")).expect("password file");
    stdout_of(&kiosk(
        folder,
        &[
            "district",
            "add-viewer",
            "--postgres",
            &district.cluster.admin_url(DB),
            "--viewer",
            VIEWER,
            "--viewer-password-file",
            password_file.to_str().expect("utf-8"),
        ],
    ));
}

/// `district serve` as the reader role; stopped (killed) when dropped.
pub struct Office {
    child: Child,
    pub address: String,
}

impl Drop for Office {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Office {
    pub fn start(district: &District, folder: &std::path::Path, silent_after: &str) -> Office {
        drop(district.reader()); // makes the reader role
        let url = format!(
            "postgresql://reader:reader-password-123@127.0.0.1:{}/{DB}?sslmode=disable",
            district.cluster.port
        );
        let mut child = Command::new(env!("CARGO_BIN_EXE_checkpoint-kiosk"))
            .arg("--data-dir")
            .arg(folder)
            .args([
                "district",
                "serve",
                "--postgres",
                &url,
                "--listen",
                "127.0.0.1:0",
                "--silent-after",
                silent_after,
                "--utc-offset",
                "+08:00",
                "--district-name",
                "幸福街道",
            ])
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("district serve");
        let stdout = child.stdout.take().expect("stdout");
        let mut line = String::new();
        BufReader::new(stdout)
            .read_line(&mut line)
            .expect("first line");
        let address = line
            .split("http://")
            .nth(1)
            .and_then(|rest| rest.split('/').next())
            .unwrap_or_else(|| panic!("no address in {line:?}"))
            .to_owned();
        Office { child, address }
    }

    pub fn url(&self) -> String {
        format!("http://{}", self.address)
    }

    pub fn get(&self, path: &str, cookie: Option<&str>) -> Reply {
        request(&self.address, "GET", path, cookie, None)
    }

    pub fn post_form(&self, path: &str, cookie: Option<&str>, form: &str) -> Reply {
        request(&self.address, "POST", path, cookie, Some(form))
    }

    /// Logs in; the session cookie's `name=value`.
    pub fn log_in(&self, password: &str) -> Reply {
        self.post_form(
            "/login",
            None,
            &format!("viewer={VIEWER}&password={}", password.replace(' ', "+")),
        )
    }

    pub fn session(&self) -> String {
        let reply = self.log_in(VIEWER_PASSWORD);
        assert_eq!(reply.status, 303, "{}", reply.text());
        let cookie = reply.header("set-cookie").expect("a session cookie");
        cookie.split(';').next().expect("name=value").to_owned()
    }
}

pub struct Reply {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

impl Reply {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(key, _)| key.eq_ignore_ascii_case(name))
            .map(|(_, value)| value.as_str())
    }

    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }
}

/// One HTTP/1.1 request on its own connection (`Connection: close`).
pub fn request(
    address: &str,
    method: &str,
    path: &str,
    cookie: Option<&str>,
    form: Option<&str>,
) -> Reply {
    let mut stream = TcpStream::connect(address).expect("connect to the office");
    stream
        .set_read_timeout(Some(Duration::from_secs(30)))
        .expect("timeout");
    let mut head = format!("{method} {path} HTTP/1.1\r\nHost: {address}\r\nConnection: close\r\n");
    if let Some(cookie) = cookie {
        head.push_str(&format!("Cookie: {cookie}\r\n"));
    }
    let body = form.unwrap_or("");
    if form.is_some() {
        head.push_str("Content-Type: application/x-www-form-urlencoded\r\n");
    }
    head.push_str(&format!("Content-Length: {}\r\n\r\n{body}", body.len()));
    stream.write_all(head.as_bytes()).expect("send");
    let mut raw = Vec::new();
    stream.read_to_end(&mut raw).expect("reply");
    let split = raw
        .windows(4)
        .position(|window| window == b"\r\n\r\n")
        .expect("a header block");
    let head = String::from_utf8_lossy(&raw[..split]).into_owned();
    let mut body = raw[split + 4..].to_vec();
    let mut lines = head.lines();
    let status = lines
        .next()
        .and_then(|line| line.split(' ').nth(1))
        .and_then(|code| code.parse().ok())
        .expect("status");
    let headers: Vec<(String, String)> = lines
        .filter_map(|line| line.split_once(':'))
        .map(|(key, value)| (key.trim().to_owned(), value.trim().to_owned()))
        .collect();
    let chunked = headers.iter().any(|(key, value)| {
        key.eq_ignore_ascii_case("transfer-encoding") && value.contains("chunked")
    });
    if chunked {
        body = dechunk(&body);
    }
    Reply {
        status,
        headers,
        body,
    }
}

fn dechunk(mut raw: &[u8]) -> Vec<u8> {
    let mut body = Vec::new();
    loop {
        let Some(end) = raw.windows(2).position(|window| window == b"\r\n") else {
            return body;
        };
        let size =
            usize::from_str_radix(String::from_utf8_lossy(&raw[..end]).trim(), 16).unwrap_or(0);
        if size == 0 {
            return body;
        }
        body.extend_from_slice(&raw[end + 2..end + 2 + size]);
        raw = &raw[end + 2 + size + 2..];
    }
}

/// The number in `<td id="ID">N</td>`.
pub fn cell(html: &str, id: &str) -> Option<u64> {
    let start = html.find(&format!("id=\"{id}\">"))? + id.len() + 6;
    html[start..].split('<').next()?.trim().parse().ok()
}
