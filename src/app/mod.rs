//! The application layer between the screens and the services: the kiosk's state, the commands
//! the screens emit and their handling, the store's replies, the services' threads and the
//! background tasks; and rules about the gate's state that are neither drawing nor storage, as
//! pure functions tested without a window.

pub(crate) mod background;
mod bilingual;
pub mod commands;
pub mod export_place;
mod frame_loop;
mod keys;
pub mod kiosk_mode;
mod kiosk_mode_state;
mod kiosk_start;

pub mod pass_commands;
mod pass_panel;
mod plates;
pub mod preview;
pub mod recovery;
mod register_repeat;
mod replies;
pub mod report_sheet;
pub(crate) mod risk_import;
mod screens;
pub mod services;
pub mod setup;
mod setup_files;
mod shift_commands;
pub mod state;
pub mod store_requests;
pub mod unlock;
pub mod usb_drives;
pub(crate) mod verdict;
mod window;

pub use crate::gate::GateStatus;
pub use kiosk_start::KioskStart;
pub use state::{KioskApp, Screen};
pub use window::{RunArgs, run_app};
