//! A throwaway PostgreSQL cluster per test: `initdb` into a temporary folder, `pg_ctl start` on
//! a free loopback port in 55400–55499 with the socket in that folder, and `pg_ctl stop` plus
//! removal when the guard drops (also when the test panics).
//!
//! Without PostgreSQL installed the tests skip with a message; with `CI=true` that is a failure.
//! initdb refuses to run as root, so as root the cluster runs as the `postgres` user.

use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::atomic::{AtomicU16, Ordering};

pub const SUPERUSER_PASSWORD: &str = "district-admin-password";

static NEXT_PORT: AtomicU16 = AtomicU16::new(0);

pub struct Cluster {
    bin: PathBuf,
    root: tempfile::TempDir,
    pub port: u16,
    as_postgres: bool,
}

/// The folder of `initdb` and `pg_ctl`, newest version first.
fn postgres_bin() -> Option<PathBuf> {
    let mut versions: Vec<PathBuf> = std::fs::read_dir("/usr/lib/postgresql")
        .ok()?
        .filter_map(|entry| entry.ok().map(|entry| entry.path().join("bin")))
        .filter(|bin| bin.join("initdb").exists() && bin.join("pg_ctl").exists())
        .collect();
    versions.sort();
    versions.pop()
}

fn is_root() -> bool {
    Command::new("id")
        .arg("-u")
        .output()
        .is_ok_and(|output| String::from_utf8_lossy(&output.stdout).trim() == "0")
}

/// A free port in 55400–55499 that no other test of this run took.
fn free_port() -> u16 {
    let start = (std::process::id() % 100) as u16;
    for _ in 0..100 {
        let offset = (start + NEXT_PORT.fetch_add(1, Ordering::SeqCst)) % 100;
        let port = 55_400 + offset;
        if TcpListener::bind(("127.0.0.1", port)).is_ok() {
            return port;
        }
    }
    panic!("no free port in 55400–55499");
}

impl Cluster {
    /// Starts a cluster, or returns `None` (with a message) when PostgreSQL is not installed.
    pub fn start() -> Option<Cluster> {
        let Some(bin) = postgres_bin() else {
            let message = "PostgreSQL is not installed (no /usr/lib/postgresql/*/bin/initdb): \
                           district sync tests skipped; `bash .ci/deps` installs it";
            assert!(
                std::env::var("CI").as_deref() != Ok("true"),
                "{message} — and in CI a skip is a failure"
            );
            eprintln!("{message}");
            return None;
        };
        let as_postgres = is_root();
        let root = tempfile::Builder::new()
            .prefix("ck-pg-")
            .tempdir()
            .expect("temp dir");
        let data = root.path().join("data");
        std::fs::create_dir(&data).expect("data dir");
        let password_file = root.path().join("pwfile");
        std::fs::write(&password_file, SUPERUSER_PASSWORD).expect("pwfile");
        if as_postgres {
            chown_to_postgres(root.path());
        }
        let cluster = Cluster {
            bin,
            root,
            port: free_port(),
            as_postgres,
        };
        cluster.run(
            "initdb",
            &[
                "-D",
                path_str(&data),
                "-U",
                "admin",
                "--pwfile",
                path_str(&password_file),
                "--auth-local=scram-sha-256",
                "--auth-host=scram-sha-256",
                "-E",
                "UTF8",
                "--locale=C",
                "-N",
            ],
        );
        cluster.restart();
        Some(cluster)
    }

    fn run(&self, tool: &str, args: &[&str]) {
        let program = self.bin.join(tool);
        let output = if self.as_postgres {
            Command::new("runuser")
                .args(["-u", "postgres", "--"])
                .arg(&program)
                .args(args)
                .output()
        } else {
            Command::new(&program).args(args).output()
        }
        .unwrap_or_else(|error| panic!("cannot run {tool}: {error}"));
        assert!(
            output.status.success(),
            "{tool} failed: {}{}",
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&output.stderr)
        );
    }

    /// The administrator's URL for database `db` (the password in the URL: tests only). The
    /// test cluster has no TLS: loopback addresses say `sslmode=disable` (TLS is the default).
    pub fn admin_url(&self, db: &str) -> String {
        format!(
            "postgresql://admin:{SUPERUSER_PASSWORD}@127.0.0.1:{}/{db}?sslmode=disable",
            self.port
        )
    }

    /// A role's URL without a password: kiosks read theirs from a file.
    pub fn url_for(&self, role: &str, db: &str) -> String {
        format!(
            "postgresql://{role}@127.0.0.1:{}/{db}?sslmode=disable",
            self.port
        )
    }

    /// The same address with no sslmode: TLS by default.
    pub fn url_without_sslmode(&self, role: &str, db: &str) -> String {
        format!("postgresql://{role}@127.0.0.1:{}/{db}", self.port)
    }

    /// What the server wrote to its log so far.
    pub fn log_text(&self) -> String {
        std::fs::read_to_string(self.root.path().join("log")).unwrap_or_default()
    }

    /// Stops the server (to test "server down"); `restart` brings it back on the same port.
    pub fn stop(&self) {
        let data = self.root.path().join("data");
        self.run(
            "pg_ctl",
            &["-D", path_str(&data), "-m", "fast", "-w", "stop"],
        );
    }

    /// Starts the server (again, after `stop`) on the cluster's port and socket folder.
    pub fn restart(&self) {
        let data = self.root.path().join("data");
        let options = format!(
            "-p {} -k {} -h 127.0.0.1 -c max_connections=40",
            self.port,
            path_str(self.root.path())
        );
        let log = self.root.path().join("log");
        self.run(
            "pg_ctl",
            &[
                "-D",
                path_str(&data),
                "-l",
                path_str(&log),
                "-o",
                &options,
                "-w",
                "start",
            ],
        );
    }
}

impl Drop for Cluster {
    fn drop(&mut self) {
        let data = self.root.path().join("data");
        let program = self.bin.join("pg_ctl");
        let args = ["-D", path_str(&data), "-m", "immediate", "-w", "stop"];
        // Errors are ignored: the server may already be stopped by the test.
        let _ = if self.as_postgres {
            Command::new("runuser")
                .args(["-u", "postgres", "--"])
                .arg(&program)
                .args(args)
                .output()
        } else {
            Command::new(&program).args(args).output()
        };
    }
}

fn path_str(path: &Path) -> &str {
    path.to_str().expect("temp paths are UTF-8")
}

fn chown_to_postgres(root: &Path) {
    let status = Command::new("chown")
        .args(["-R", "postgres:postgres"])
        .arg(root)
        .status()
        .expect("chown");
    assert!(status.success(), "chown {} to postgres", root.display());
}
