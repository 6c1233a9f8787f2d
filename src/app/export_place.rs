//! Where the shift leader's exports go, and how a printable report reaches paper.
//!
//! A removable drive mounted under `/media/*` or `/run/media/<user>/*` is offered first (the
//! report leaves the kiosk on it); otherwise the data folder's `exports/`. Printing opens the
//! page in the system's browser (`xdg-open`), or sends it to `lp` where CUPS runs. Nothing here
//! waits for a drive or a program: the window's thread only reads `/proc/mounts` and starts
//! a process.

use std::path::{Path, PathBuf};

pub use crate::ui::report_view::ExportPlace;

/// Removable drives first (in mount order), then the data folder's `exports/`.
pub fn export_places(data_root: &Path, drives: Vec<PathBuf>) -> Vec<ExportPlace> {
    let mut places: Vec<ExportPlace> = drives
        .into_iter()
        .map(|folder| ExportPlace {
            folder,
            removable: true,
        })
        .collect();
    places.push(ExportPlace {
        folder: data_root.join("exports"),
        removable: false,
    });
    places
}

/// Mount points under `/media/*` or `/run/media/*/*` in a `/proc/mounts` listing.
pub fn removable_mounts(mounts: &str) -> Vec<PathBuf> {
    mounts
        .lines()
        .filter_map(|line| line.split_whitespace().nth(1))
        .map(unescape_mount_path)
        .filter(|point| {
            let parts: Vec<&str> = point.trim_end_matches('/').split('/').skip(1).collect();
            matches!(parts.as_slice(), ["media", name] if !name.is_empty())
                || matches!(parts.as_slice(), ["media", _, name] if !name.is_empty())
                || matches!(parts.as_slice(), ["run", "media", _, name] if !name.is_empty())
        })
        .map(PathBuf::from)
        .collect()
}

/// `/proc/mounts` writes a space in a path as `\040` (a volume label such as "KINGSTON USB").
fn unescape_mount_path(raw: &str) -> String {
    raw.replace("\\040", " ")
        .replace("\\011", "\t")
        .replace("\\134", "\\")
}

/// How the printable report reaches the leader.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PrintRoute {
    /// `lp` to the default CUPS printer.
    Printer,
    /// `xdg-open`: the system's browser, which prints.
    Browser,
    /// Neither exists: the file is only saved.
    Nothing,
}

/// `lp` when CUPS runs (its socket exists), else `xdg-open`, else nothing.
pub fn print_route() -> PrintRoute {
    let cups = ["/run/cups/cups.sock", "/var/run/cups/cups.sock"]
        .iter()
        .any(|socket| Path::new(socket).exists());
    if cups && on_path("lp") {
        PrintRoute::Printer
    } else if on_path("xdg-open") {
        PrintRoute::Browser
    } else {
        PrintRoute::Nothing
    }
}

fn on_path(program: &str) -> bool {
    std::env::var_os("PATH").is_some_and(|path| {
        std::env::split_paths(&path).any(|folder| folder.join(program).is_file())
    })
}

/// Starts the program for `route` on `file` and returns at once; a thread reaps it.
pub fn start_print(route: PrintRoute, file: &Path) -> std::io::Result<()> {
    let program = match route {
        PrintRoute::Printer => "lp",
        PrintRoute::Browser => "xdg-open",
        PrintRoute::Nothing => return Ok(()),
    };
    let mut child = std::process::Command::new(program)
        .arg(file)
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()?;
    std::thread::Builder::new()
        .name("print".to_owned())
        .spawn(move || {
            let _ = child.wait();
        })?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn usb_drives_under_media_are_found_and_system_mounts_are_not() {
        let mounts = "/dev/sda1 / ext4 rw 0 0\n\
                      proc /proc proc rw 0 0\n\
                      /dev/sdb1 /media/KINGSTON\\040USB vfat rw 0 0\n\
                      /dev/sdc1 /run/media/volunteer/U\\040盘 exfat rw 0 0\n\
                      /dev/sdd1 /media/leader/STICK vfat rw 0 0\n\
                      tmpfs /run/user/1000 tmpfs rw 0 0\n";
        assert_eq!(
            removable_mounts(mounts),
            vec![
                PathBuf::from("/media/KINGSTON USB"),
                PathBuf::from("/run/media/volunteer/U 盘"),
                PathBuf::from("/media/leader/STICK"),
            ]
        );
    }

    #[test]
    fn the_data_folder_is_always_the_last_place() {
        let places = export_places(Path::new("/var/lib/kiosk"), Vec::new());
        let last = places.last().expect("one place at least");
        assert_eq!(last.folder, PathBuf::from("/var/lib/kiosk/exports"));
        assert!(!last.removable);
    }
}
