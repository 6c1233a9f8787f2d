//! Is there a screen to draw on, and can OpenGL be loaded? Asked by `doctor` without opening a
//! window: a window that fails to open on a gate laptop only says "cannot open the window".

use std::os::unix::net::UnixStream;
use std::path::PathBuf;
use std::time::Duration;

/// What the display environment offers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DisplayProbe {
    /// A display server answered on `address` (`X11 :0`, `Wayland wayland-0`).
    Reachable { address: String },
    /// A display is named in the environment but nothing answers there.
    Unreachable { address: String, problem: String },
    /// Neither DISPLAY nor WAYLAND_DISPLAY is set: no desktop session (ssh, CI, a text console).
    NotSet,
}

/// Whether the OpenGL libraries the window draws with can be loaded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum GlProbe {
    Loaded { libraries: Vec<String> },
    Missing { problem: String },
}

/// Libraries eframe's glow backend opens through glutin (EGL first, then GLX).
const GL_LIBRARIES: &[&str] = &["libEGL.so.1", "libGL.so.1"];
const CONNECT_TIMEOUT: Duration = Duration::from_secs(2);

/// Connects to the Wayland socket or the X server named in the environment, then hangs up.
pub fn probe_display() -> DisplayProbe {
    if let Some(name) = non_empty_var("WAYLAND_DISPLAY") {
        let socket = if name.starts_with('/') {
            PathBuf::from(&name)
        } else {
            let runtime = non_empty_var("XDG_RUNTIME_DIR").unwrap_or_default();
            PathBuf::from(runtime).join(&name)
        };
        let address = format!("Wayland {name}");
        return match UnixStream::connect(&socket) {
            Ok(_) => DisplayProbe::Reachable { address },
            Err(error) => DisplayProbe::Unreachable {
                address,
                problem: format!("{}: {error}", socket.display()),
            },
        };
    }
    match non_empty_var("DISPLAY") {
        Some(display) => probe_x11(&display),
        None => DisplayProbe::NotSet,
    }
}

fn probe_x11(display: &str) -> DisplayProbe {
    let address = format!("X11 {display}");
    let Some((host, number)) = parse_x11_display(display) else {
        return DisplayProbe::Unreachable {
            address,
            problem: "DISPLAY is not of the form [host]:number".to_owned(),
        };
    };
    let result = if host.is_empty() || host == "unix" {
        let socket = format!("/tmp/.X11-unix/X{number}");
        UnixStream::connect(&socket)
            .map(drop)
            .map_err(|error| format!("{socket}: {error}"))
    } else {
        connect_tcp(&host, number)
    };
    match result {
        Ok(()) => DisplayProbe::Reachable { address },
        Err(problem) => DisplayProbe::Unreachable { address, problem },
    }
}

fn connect_tcp(host: &str, number: u16) -> Result<(), String> {
    use std::net::{TcpStream, ToSocketAddrs};
    let port = 6000u16
        .checked_add(number)
        .ok_or_else(|| format!("display number {number} is out of range"))?;
    let addresses = (host, port)
        .to_socket_addrs()
        .map_err(|error| format!("{host}: {error}"))?;
    let mut last = format!("{host}:{port}: no address");
    for address in addresses {
        match TcpStream::connect_timeout(&address, CONNECT_TIMEOUT) {
            Ok(_) => return Ok(()),
            Err(error) => last = format!("{address}: {error}"),
        }
    }
    Err(last)
}

/// `":0"`, `":1.0"`, `"localhost:10.0"`, `"unix:0"` → (host, display number).
pub fn parse_x11_display(display: &str) -> Option<(String, u16)> {
    let (host, rest) = display.rsplit_once(':')?;
    let number = rest.split('.').next()?.parse().ok()?;
    Some((host.to_owned(), number))
}

/// Loads (and unloads) the OpenGL libraries; a missing Mesa is the usual cause of a black or
/// absent window on a fresh install.
pub fn probe_gl() -> GlProbe {
    let mut loaded = Vec::new();
    let mut problems = Vec::new();
    for name in GL_LIBRARIES {
        // SAFETY: these are the system's GL loaders, whose initialisers have no preconditions;
        // the library is closed again at once and no symbol is called.
        match unsafe { libloading::Library::new(name) } {
            Ok(_library) => loaded.push((*name).to_owned()),
            Err(error) => problems.push(format!("{name}: {error}")),
        }
    }
    if loaded.is_empty() {
        GlProbe::Missing {
            problem: problems.join("; "),
        }
    } else {
        GlProbe::Loaded { libraries: loaded }
    }
}

fn non_empty_var(name: &str) -> Option<String> {
    std::env::var(name).ok().filter(|value| !value.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn x11_display_names_are_split_into_host_and_number() {
        assert_eq!(parse_x11_display(":0"), Some((String::new(), 0)));
        assert_eq!(parse_x11_display(":99.0"), Some((String::new(), 99)));
        assert_eq!(
            parse_x11_display("localhost:10.0"),
            Some(("localhost".to_owned(), 10))
        );
        assert_eq!(parse_x11_display("nonsense"), None);
        assert_eq!(parse_x11_display(":x"), None);
    }
}
