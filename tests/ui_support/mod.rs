//! One harness factory for the UI tests: a kiosk on a fresh data folder, no live camera.
// Each test binary that includes this module uses a different part of it.
#![allow(dead_code)]

use std::path::PathBuf;
use std::sync::Arc;
use std::time::{Duration, Instant};

use checkpoint_kiosk::app::KioskApp;
use checkpoint_kiosk::app::services::{FrameSourceChoice, Services};
use checkpoint_kiosk::config::DataDir;
use checkpoint_kiosk::ui::setup_form::AutostartPlace;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;

pub struct KioskHarness {
    pub harness: Harness<'static, KioskApp>,
    dir: tempfile::TempDir,
}

impl KioskHarness {
    pub fn new() -> Self {
        Self::with_setup(|_| ())
    }

    /// A kiosk whose data folder `setup` prepared before the app started (keys, trust lists).
    /// Its kiosk.toml (as `setup` left it) says `setup_done = true`, as on a laptop set up
    /// before, so the kiosk opens on the Scan screen.
    pub fn with_setup(setup: impl FnOnce(&DataDir)) -> Self {
        Self::built(
            |data| {
                setup(data);
                set_up_before(data);
            },
            [1366.0, 900.0],
            1.0 / 60.0,
        )
    }

    /// A kiosk starting for the first time on a data folder `prepare` may have filled (a
    /// kiosk.toml from a USB stick, keys): the first-run setup asks what is left.
    pub fn first_start(prepare: impl FnOnce(&DataDir)) -> Self {
        Self::built(prepare, [1366.0, 768.0], 1.0 / 60.0)
    }

    /// A kiosk in a window of `size` whose frames are `step_dt` seconds apart: the time egui
    /// gives each frame, which is what the scanner detector spreads a frame's keys over.
    pub fn sized(size: [f32; 2], step_dt: f32) -> Self {
        Self::built(set_up_before, size, step_dt)
    }

    fn built(prepare: impl FnOnce(&DataDir), size: [f32; 2], step_dt: f32) -> Self {
        let dir = tempfile::tempdir().expect("temp dir");
        let data_dir = DataDir::open(dir.path().join("data")).expect("data dir");
        prepare(&data_dir);
        let mut app = KioskApp::start_on(data_dir, |data_dir| {
            Services::start(data_dir, FrameSourceChoice::None, Arc::new(|| {}))
        })
        .expect("services start");
        // The autostart entry goes to the test's own folder, never the user's.
        app.kiosk.autostart = AutostartPlace::ConfigHome(dir.path().join("config-home"));
        let harness = Harness::builder()
            .with_size(size)
            .with_step_dt(step_dt)
            // Keys that may be a scanner's burst are held for 50 ms of frames before they are
            // released: at 3 ms per frame that takes about seventeen frames.
            .with_max_steps(64)
            .with_context_setup(|ctx| {
                checkpoint_kiosk::ui::fonts::install(ctx);
            })
            // As eframe does: the polling (`logic`), then the drawing.
            .build_ui_state(
                |ui, app: &mut KioskApp| {
                    app.logic(ui.ctx());
                    app.ui_root(ui);
                },
                app,
            );
        Self { harness, dir }
    }

    /// Where this kiosk's autostart entry goes: `autostart/checkpoint-kiosk.desktop` in it.
    pub fn config_home(&self) -> PathBuf {
        self.dir.path().join("config-home")
    }

    pub fn data_path(&self) -> PathBuf {
        self.dir.path().join("data")
    }

    pub fn database_path(&self) -> PathBuf {
        self.data_path().join("kiosk.sqlite3")
    }

    /// Every entry committed so far (voided ones too), newest first, read from the database.
    pub fn saved_rows(&self) -> Vec<checkpoint_kiosk::model::LogRow> {
        let store =
            checkpoint_kiosk::store::Store::open(&self.database_path()).expect("database opens");
        store
            .entries(&checkpoint_kiosk::model::LogFilter {
                limit: 50,
                include_voided: true,
                ..checkpoint_kiosk::model::LogFilter::default()
            })
            .expect("query")
    }
}

/// Marks the kiosk.toml (as the test wrote it, or the defaults) as set up before.
fn set_up_before(data: &DataDir) {
    let mut config = data.load_config().expect("kiosk.toml");
    config.setup_done = true;
    data.save_config(&config).expect("prepared kiosk.toml");
}

/// Steps frames until `done` holds: the store and scanner answer from their own threads.
#[track_caller]
pub fn wait_until(harness: &mut Harness<'static, KioskApp>, done: impl Fn(&KioskApp) -> bool) {
    // Generous: only a failing test waits this long, and a loaded 2-core CI machine is slow.
    let deadline = Instant::now() + Duration::from_mins(1);
    while !done(harness.state()) {
        assert!(Instant::now() < deadline, "timed out waiting for the app");
        harness.step();
        std::thread::sleep(Duration::from_millis(10));
    }
    harness.run();
}

/// A QR code drawn in `rgb` on white, as a phone would show it.
pub fn coloured_qr(payload: &str, rgb: [u8; 3]) -> image::RgbImage {
    let code = qrcode::QrCode::new(payload.as_bytes()).expect("payload fits a QR code");
    let modules = code.to_colors();
    let width = code.width();
    let scale = 8;
    let quiet = 4;
    let side = (width + 2 * quiet) * scale;
    image::RgbImage::from_fn(side as u32, side as u32, |x, y| {
        let (mx, my) = (x as usize / scale, y as usize / scale);
        let dark = mx >= quiet
            && my >= quiet
            && mx < quiet + width
            && my < quiet + width
            && modules[(my - quiet) * width + (mx - quiet)] == qrcode::Color::Dark;
        if dark {
            image::Rgb(rgb)
        } else {
            image::Rgb([255, 255, 255])
        }
    })
}

/// Types `text` into the text field labelled `label`.
pub fn type_into(harness: &mut Harness<'static, KioskApp>, label: &str, text: &str) {
    let is_password = harness
        .query_by_role_and_label(egui::accesskit::Role::PasswordInput, label)
        .is_some();
    let role = if is_password {
        egui::accesskit::Role::PasswordInput
    } else {
        egui::accesskit::Role::TextInput
    };
    harness.get_by_role_and_label(role, label).click();
    harness.run();
    harness.get_by_role_and_label(role, label).type_text(text);
    harness.run();
}

/// Queues `text` as a person or a scanner types it: one key per frame (the harness's frames
/// are `step_dt` apart), with no widget chosen: keys go wherever the kiosk routes them. The
/// keys are played by the next `run` (e.g. [`press_enter`]'s), so an Enter follows the last
/// key one frame later, as a scanner's does.
pub fn type_keys(harness: &mut Harness<'static, KioskApp>, text: &str) {
    for c in text.chars() {
        harness.event(egui::Event::Text(c.to_string()));
    }
}

/// Presses Enter (not on any widget in particular).
pub fn press_enter(harness: &mut Harness<'static, KioskApp>) {
    harness.key_press(egui::Key::Enter);
    harness.run();
}
