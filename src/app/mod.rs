//! The application layer between the screens and the services: rules about the gate's state
//! that are neither drawing nor storage, as pure functions tested without a window.

pub mod banner;
pub mod export_place;
