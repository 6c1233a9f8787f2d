//! The window: eframe's app over the unlock screen, the recovery screen and the kiosk, and
//! how the kiosk's services start.

use std::sync::Arc;

use super::kiosk_start::{KioskStart, PassphraseSlot};
use super::recovery::Recovery;
use super::services::FrameSourceChoice;
use super::state::KioskApp;
use super::unlock::{Unlock, needs_new_passphrase, needs_passphrase};
use crate::config::DataDir;

/// Options of `checkpoint-kiosk run`.
#[derive(Debug, Default, Clone, clap::Args)]
pub struct RunArgs {
    /// Play the bundled demo feed even if a webcam is present
    #[arg(long)]
    pub demo: bool,
    /// Fill the screen (kiosk mode)
    #[arg(long)]
    pub fullscreen: bool,
    /// Play these pictures in a loop as if they were the camera (each held a few seconds),
    /// marked on screen like the demo feed: for training, demos and tests
    #[arg(long, num_args = 1.., value_name = "FILE")]
    pub feed: Vec<std::path::PathBuf>,
}

/// A window that lived at least this long and then died was destroyed from outside (or its
/// display went away): in kiosk mode it is opened again. One that dies sooner cannot open at
/// all (no display), and reopening it would only loop.
const REOPEN_AFTER_LIVING: std::time::Duration = std::time::Duration::from_secs(10);

/// Opens the kiosk window and runs it until it is closed. In kiosk mode (`--fullscreen`, or the
/// kiosk lock on) a window that dies under the kiosk — destroyed by the desktop
/// (`xdotool windowclose`), its X resources gone — is opened again in a fresh process instead
/// of leaving the gate without a kiosk.
pub fn run_app(data_dir: &DataDir, args: &RunArgs) -> anyhow::Result<()> {
    let kiosk_mode = args.fullscreen
        || data_dir
            .read_config()
            .ok()
            .flatten()
            .is_some_and(|(config, _)| config.kiosk_lock && config.setup_done);
    let opened = std::time::Instant::now();
    let unlocked = PassphraseSlot::default();
    let outcome = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        open_window(data_dir, args, &unlocked)
    }));
    let died = match outcome {
        Ok(Ok(())) => return Ok(()),
        Ok(Err(error)) => format!("{error:#}"),
        Err(panic) if kiosk_mode => panic_text(panic.as_ref()),
        Err(panic) => std::panic::resume_unwind(panic),
    };
    if !kiosk_mode || opened.elapsed() < REOPEN_AFTER_LIVING {
        anyhow::bail!("{died}");
    }
    eprintln!("checkpoint-kiosk: the window was lost ({died}); opening it again");
    let passphrase = unlocked
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
        .take();
    reopen_in_a_fresh_process(passphrase.as_ref())
}

/// What a panic said.
fn panic_text(panic: &(dyn std::any::Any + Send)) -> String {
    panic
        .downcast_ref::<&str>()
        .map(|text| (*text).to_owned())
        .or_else(|| panic.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "the window's thread panicked".to_owned())
}

/// Replaces this process with the same program and arguments: a windowing library's event
/// loop cannot be started twice in one process. The data folder's lock is released with the
/// old process image (its file is closed on exec).
/// The new image gets the passphrase the window was unlocked with in its environment (readable
/// only by this user, as the process's memory already is).
fn reopen_in_a_fresh_process(passphrase: Option<&crate::config::Passphrase>) -> anyhow::Result<()> {
    use std::os::unix::process::CommandExt as _;
    let program = std::env::current_exe()?;
    let mut command = std::process::Command::new(program);
    command.args(std::env::args_os().skip(1));
    if let Some(passphrase) = passphrase {
        command.env(crate::config::PASSPHRASE_VARIABLE, passphrase.expose());
    }
    let error = command.exec();
    Err(anyhow::anyhow!("cannot open the window again: {error}"))
}

fn open_window(
    data_dir: &DataDir,
    args: &RunArgs,
    unlocked: &PassphraseSlot,
) -> anyhow::Result<()> {
    let source = if args.demo {
        FrameSourceChoice::Demo
    } else {
        FrameSourceChoice::Camera
    };
    let viewport = egui::ViewportBuilder::default()
        .with_title(crate::text::app::WINDOW_TITLE)
        .with_inner_size([1366.0, 768.0])
        .with_min_inner_size([900.0, 600.0])
        // Maximised: on a 1280×720 laptop a 1366×768 window with a title bar would put the
        // counter bar below the screen's edge; the window manager fits a maximised one.
        .with_maximized(!args.fullscreen)
        .with_fullscreen(args.fullscreen)
        .with_app_id("checkpoint-kiosk");
    let options = eframe::NativeOptions {
        viewport,
        ..Default::default()
    };
    let fullscreen = args.fullscreen;
    let data_dir = data_dir.clone();
    let feed = args.feed.clone();
    let unlocked = unlocked.clone();
    eframe::run_native(
        "checkpoint-kiosk",
        options,
        Box::new(move |creation| {
            let report = crate::ui::fonts::install(&creation.egui_ctx);
            if report.system_fallback.is_none() {
                eprintln!("checkpoint-kiosk: no system CJK font found; rare name characters outside GB2312 may show as boxes (install fonts-noto-cjk)");
            }
            if !fullscreen {
                crate::ui::layout::start_maximised(&creation.egui_ctx);
            }
            let ctx = creation.egui_ctx.clone();
            let wake: Arc<dyn Fn() + Send + Sync> = Arc::new(move || ctx.request_repaint());
            if needs_passphrase(&data_dir) || needs_new_passphrase(&data_dir) {
                let start = KioskStart {
                    source,
                    feed,
                    wake,
                    fullscreen,
                    opened_with: unlocked,
                };
                let unlock = Unlock::new(data_dir, start);
                return Ok(Box::new(Window::Locked(Box::new(unlock))));
            }
            let start = KioskStart {
                source,
                feed,
                wake,
                fullscreen,
                opened_with: unlocked,
            };
            match start.run(data_dir.clone()) {
                Ok(app) => Ok(Box::new(Window::Open(Box::new(app)))),
                Err(error) => match error.downcast_ref::<crate::store::StoreError>() {
                    Some(damage @ crate::store::StoreError::Damaged { .. }) => {
                        let recovery = Recovery::new(data_dir, start, damage);
                        Ok(Box::new(Window::Recovering(Box::new(recovery))))
                    }
                    _ => Err(error.into()),
                },
            }
        }),
    )
    .map_err(|error| anyhow::anyhow!("cannot open the window: {error}"))
}

/// eframe's view of the app: the unlock screen of an encrypted database, then the gate's
/// screens (all work happens in [`KioskApp::ui_root`]).
enum Window {
    Locked(Box<Unlock>),
    /// The database failed its integrity check at start: the latest backup is offered.
    Recovering(Box<Recovery>),
    Open(Box<KioskApp>),
}

impl eframe::App for Window {
    /// Called before every frame and while the window is hidden: the kiosk's polling.
    fn logic(&mut self, ctx: &egui::Context, _frame: &mut eframe::Frame) {
        if let Self::Open(app) = self {
            app.logic(ctx);
        }
    }

    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        crate::ui::layout::maximise_at_start(ui.ctx());
        match self {
            Self::Open(app) => app.ui_root(ui),
            Self::Locked(unlock) => {
                // The kiosk's own look (day theme, its font size) from the first screen on.
                unlock.style(ui.ctx());
                let opened = egui::CentralPanel::default()
                    .show(ui, |ui| unlock.show(ui))
                    .inner;
                if let Some(app) = opened {
                    *self = Self::Open(Box::new(app));
                    ui.ctx().request_repaint();
                }
            }
            Self::Recovering(recovery) => {
                let opened = egui::CentralPanel::default()
                    .show(ui, |ui| recovery.show(ui))
                    .inner;
                if let Some(app) = opened {
                    *self = Self::Open(Box::new(app));
                    ui.ctx().request_repaint();
                }
            }
        }
    }
}
