//! Keeping the screen awake while a shift is open: a dimmed or locked screen at the gate means a
//! volunteer in gloves fumbling for the password while the queue waits.
//!
//! GNOME (Ubuntu's desktop) is asked through `gnome-session-inhibit --inhibit idle`; other
//! desktops and bare sessions through logind, `systemd-inhibit --what=idle:sleep` (KDE, UKUI and
//! DDE watch logind's idle inhibitors). Each holds the inhibition for as long as the command it
//! runs: `tail --pid=<this process>`, so a crashed kiosk never keeps a laptop awake. When neither
//! works the status says so, and why, for the Settings screen.

use std::process::{Child, Command, Stdio};
use std::sync::mpsc::{Receiver, SyncSender, sync_channel};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;

const APPLICATION: &str = "checkpoint-kiosk";
/// How long an inhibit command must stay up to count as holding the inhibition.
const SETTLE: Duration = Duration::from_millis(300);

/// Whether the screen is being kept awake.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum InhibitStatus {
    /// Still asking the desktop.
    Starting,
    /// The screen stays awake; `through` names the interface that agreed.
    Active { through: String },
    /// The screen may dim and lock; `reason` says why and what to do.
    Cannot { reason: String },
}

/// Holds an idle inhibition from `start` until dropped. The work runs on a thread named
/// "idle-inhibit", so creating one never blocks a frame.
pub struct IdleInhibitor {
    status: Arc<Mutex<InhibitStatus>>,
    stop: Option<SyncSender<()>>,
}

impl IdleInhibitor {
    /// Starts asking the desktop; `reason` is shown by desktops that list inhibitors.
    pub fn start(reason: &str, wake: Arc<dyn Fn() + Send + Sync>) -> Self {
        let status = Arc::new(Mutex::new(InhibitStatus::Starting));
        // Nothing is ever sent: dropping the sender is the signal.
        let (stop, stopped) = sync_channel(1);
        let shared = Arc::clone(&status);
        let reason = reason.to_owned();
        let spawned = std::thread::Builder::new()
            .name("idle-inhibit".to_owned())
            .spawn(move || hold_inhibition(&reason, &shared, &stopped, wake.as_ref()));
        if let Err(error) = spawned {
            set(
                &status,
                InhibitStatus::Cannot {
                    reason: format!("cannot start a thread: {error}"),
                },
            );
        }
        Self {
            status,
            stop: Some(stop),
        }
    }

    pub fn status(&self) -> InhibitStatus {
        self.status
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .clone()
    }
}

impl Drop for IdleInhibitor {
    fn drop(&mut self) {
        // Closing the channel ends the thread, which releases the inhibition.
        self.stop.take();
    }
}

fn set(status: &Mutex<InhibitStatus>, new_status: InhibitStatus) {
    *status.lock().unwrap_or_else(PoisonError::into_inner) = new_status;
}

/// The thread: take an inhibition, report it, wait until told to stop, release it.
fn hold_inhibition(
    reason: &str,
    status: &Mutex<InhibitStatus>,
    stopped: &Receiver<()>,
    wake: &(dyn Fn() + Send + Sync),
) {
    let mut problems = Vec::new();
    for (program, arguments) in inhibit_commands(reason) {
        match start_holding(program, &arguments) {
            Ok(mut child) => {
                set(
                    status,
                    InhibitStatus::Active {
                        through: program.to_owned(),
                    },
                );
                wake();
                // Any message or a closed channel means stop.
                let _ = stopped.recv();
                // The child was started by us; ending it releases the inhibition.
                let _ = child.kill();
                let _ = child.wait();
                return;
            }
            Err(problem) => problems.push(problem),
        }
    }
    set(
        status,
        InhibitStatus::Cannot {
            reason: problems.join("; "),
        },
    );
    wake();
}

/// The commands to try, in order, each holding an idle inhibition while it runs.
fn inhibit_commands(reason: &str) -> Vec<(&'static str, Vec<String>)> {
    // Runs until we end it, or until this process dies.
    let hold = [
        "tail".to_owned(),
        format!("--pid={}", std::process::id()),
        "-f".to_owned(),
        "/dev/null".to_owned(),
    ];
    let mut gnome = vec![
        "--inhibit".to_owned(),
        "idle".to_owned(),
        "--reason".to_owned(),
        reason.to_owned(),
        "--app-id".to_owned(),
        APPLICATION.to_owned(),
    ];
    gnome.extend(hold.iter().cloned());
    let mut systemd = vec![
        "--what=idle:sleep".to_owned(),
        format!("--who={APPLICATION}"),
        format!("--why={reason}"),
        "--mode=block".to_owned(),
    ];
    systemd.extend(hold.iter().cloned());
    vec![
        ("gnome-session-inhibit", gnome),
        ("systemd-inhibit", systemd),
    ]
}

/// Starts `program` and checks that it is still holding the inhibition a moment later (both
/// exit at once when the session or logind refuses).
fn start_holding(program: &str, arguments: &[String]) -> Result<Child, String> {
    let mut child = Command::new(program)
        .args(arguments)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .map_err(|error| format!("{program} cannot start: {error}"))?;
    std::thread::sleep(SETTLE);
    match child.try_wait() {
        Ok(None) => Ok(child),
        Ok(Some(exit)) => Err(format!("{program} was refused ({exit})")),
        Err(error) => Err(format!("{program}: {error}")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Instant;

    #[test]
    fn the_inhibitor_either_holds_the_screen_awake_or_says_why_it_cannot() {
        let inhibitor = IdleInhibitor::start("test", Arc::new(|| {}));
        let deadline = Instant::now() + Duration::from_secs(30);
        let status = loop {
            let status = inhibitor.status();
            if status != InhibitStatus::Starting {
                break status;
            }
            assert!(Instant::now() < deadline, "no answer from the desktop");
            std::thread::sleep(Duration::from_millis(10));
        };
        match status {
            InhibitStatus::Active { through } => assert!(!through.is_empty()),
            InhibitStatus::Cannot { reason } => {
                assert!(reason.len() > 20, "reason too short to help: {reason:?}");
            }
            InhibitStatus::Starting => unreachable!("loop waits past Starting"),
        }
    }
}
