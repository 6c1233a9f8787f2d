//! egui screens only: no SQL, no decoding, no camera. Widgets push [`command::Command`]s,
//! handled once at the end of the frame by the app layer; the scanner and the store run on their
//! own threads, so a frame never waits for the camera, the decoder or the disk.

pub mod command;
pub(crate) mod counter_bar;
pub(crate) mod entry_details;
pub(crate) mod exchange_view;
pub mod fonts;
pub(crate) mod form_ui;
pub mod kiosk_mode;
pub mod layout;
pub(crate) mod log_screen;
pub(crate) mod origin_ui;
pub mod pass_panel;
pub(crate) mod path_field;
pub mod recovery_screen;
pub(crate) mod register_screen;
pub(crate) mod report_view;
pub mod risk_list_ui;
pub mod scan_screen;
pub(crate) mod settings_screen;
pub mod setup_form;
pub mod setup_screen;
pub(crate) mod shift_screen;
pub(crate) mod source_status;
pub(crate) mod stepper;
pub mod sync_status;
pub mod theme;
pub mod time;
pub(crate) mod top_bar;
pub mod unlock_screen;
pub mod vehicle_camera;
pub(crate) mod vehicle_screen;
pub mod view_ctx;
pub(crate) mod widgets;
