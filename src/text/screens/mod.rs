//! The words of the screens (`src/ui`), one file per screen file; `common` holds the words
//! more than one screen shows.

pub mod common;
pub mod counter_bar;
pub mod entry_details;
pub mod exchange_view;
pub mod form_ui;
pub mod kiosk_mode;
pub mod log_screen;
pub mod origin_ui;
pub mod pass_panel;
pub mod recovery_screen;
pub mod register_form;
pub mod register_screen;
pub mod report_view;
pub mod settings_screen;
pub mod setup_form;
pub mod setup_screen;
pub mod shift_screen;
pub mod source_status;
pub mod sync_status;
pub mod top_bar;
pub mod unlock_screen;
pub mod vehicle_camera;
pub mod vehicle_form;
pub mod vehicle_screen;
