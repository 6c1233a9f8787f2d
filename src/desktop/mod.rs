//! The desktop around the kiosk window: starting at login (an XDG autostart entry), keeping the
//! screen awake while a shift is open (an idle inhibitor), and finding out whether a display and
//! OpenGL are there at all (for `doctor`). Nothing here imports egui; failures are statuses with
//! a reason the volunteer can act on, never panics.

pub mod autostart;
pub mod display;
pub mod inhibit;

pub use autostart::{Autostart, AutostartError};
pub use display::{DisplayProbe, GlProbe, probe_display, probe_gl};
pub use inhibit::{IdleInhibitor, InhibitStatus};
