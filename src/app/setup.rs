//! The first-run setup in the app: the plan worked out before the data folder opens, the wizard
//! turned into the setup screen's view, and what the screen asks for carried out (the answers are
//! applied on the `setup` thread, see `setup_files`).

use anyhow::Context as _;

use super::services::Services;
use super::setup_files::{AppliedSetup, apply_setup};
use super::state::{KioskApp, view_ctx};
use super::store_requests::{LeaderCount, SignIn};
use crate::config::DataDir;
use crate::model::Role;
use crate::text::{Bilingual as _, Said};
use crate::ui::command::Screen;
use crate::ui::setup_form::{SetupPlan, SetupStep};
use crate::ui::setup_screen::{
    CameraTestRead, SetupCommand, SetupView, SetupWizard, setup_screen_ui,
};

pub use super::setup_files::plan_first_run;

impl KioskApp {
    /// The kiosk as it starts on `data_dir`, in the window and in the UI tests alike: what the
    /// first-run setup still has to ask is worked out before `start` opens the data folder
    /// (which creates the database and the hashing secret), then the setup is shown for it.
    pub fn start_on(
        data_dir: DataDir,
        start: impl FnOnce(DataDir) -> anyhow::Result<Services<Self>>,
    ) -> anyhow::Result<Self> {
        let plan = plan_first_run(&data_dir).with_context(|| {
            format!(
                "cannot prepare the first-run setup in {}",
                data_dir.root().display()
            )
        })?;
        let mut app = Self::new(start(data_dir)?);
        app.begin_setup(plan);
        Ok(app)
    }

    /// Shows the setup before anything else when `plan` has steps left; an empty plan changes
    /// nothing (the Scan screen as before). Whether a leader exists is asked of the store
    /// thread (the database the window unlocked): with one, the leader's page is dropped.
    pub fn begin_setup(&mut self, plan: SetupPlan) {
        if plan.is_empty() {
            return;
        }
        let asks_leader = plan.steps.contains(&SetupStep::Leader);
        self.first_run = Some(SetupWizard::new(plan, self.services.config.clone()));
        if asks_leader {
            self.ask(LeaderCount, |app, leaders| {
                if let (Ok(1..), Some(wizard)) = (leaders, app.first_run.as_mut()) {
                    wizard.skip_answered(SetupStep::Leader);
                }
            });
        }
    }

    /// The frame's polling while the setup is shown: the camera test's picture and reads, the
    /// camera list, and the answers being applied. Scans do not open person forms here.
    pub(crate) fn poll_setup(&mut self, ctx: &egui::Context) {
        if let Some(scanner) = &self.services.scanner {
            scanner.set_preview_wanted(true);
            self.preview.update(ctx, scanner);
            let events = scanner.try_events();
            if let (Some(event), Some(wizard)) = (events.last(), self.first_run.as_mut()) {
                self.preview.mark_code(event.code.corners);
                wizard.test_scan = Some(CameraTestRead {
                    colour: event.code.colour,
                    at: self.services.now(),
                });
            }
        }
        if self.devices.cameras.is_empty()
            && let Ok(mut found) = self.services.camera_list.try_lock()
            && let Some(cameras) = found.take()
        {
            self.devices.cameras = cameras;
        }
        self.poll_usb_files(ctx);
        self.apply_store_replies();
        match self.jobs.setup.take() {
            Some(Ok(applied)) => self.finish_setup(applied),
            Some(Err(message)) => {
                if let Some(wizard) = &mut self.first_run {
                    wizard.failed(message, None);
                }
            }
            None => {}
        }
    }

    /// Draws the setup screen over the wizard and carries out what it asked for. A wizard with
    /// no page left is dropped (the Scan screen follows).
    pub(crate) fn draw_setup(&mut self, ui: &mut egui::Ui) {
        let source = self.source_view();
        let ctx = view_ctx(&self.services, self.lang);
        let Some(wizard) = self.first_run.as_mut() else {
            return;
        };
        if wizard.step().is_none() {
            self.first_run = None;
            return;
        }
        let saving = self.jobs.setup.is_running() || wizard.saving_leader;
        let mut view = SetupView {
            wizard,
            saving,
            cameras: &self.devices.cameras,
            picture: self.preview.picture(),
            source: source.as_ref(),
        };
        let mut asked = Vec::new();
        setup_screen_ui(ui, &mut view, &ctx, &mut asked);
        if !asked.is_empty() {
            // A new language is drawn on the next frame: ask for it now.
            ui.ctx().request_repaint();
        }
        for command in asked {
            self.handle_setup(command);
        }
    }

    /// While a page offers the USB sticks' files, lists them every few seconds (a stick
    /// plugged in meanwhile shows up by itself) and hands the list to the page.
    fn poll_usb_files(&mut self, ctx: &egui::Context) {
        let Some(wizard) = self.first_run.as_mut() else {
            return;
        };
        if let Some(files) = self.devices.usb.take_files() {
            wizard.usb_files = files;
        }
        if wizard.wants_usb_files() {
            self.devices.usb.relist(self.services.wake(), false);
            // The next look is due in a few seconds even if nothing else wakes the window.
            ctx.request_repaint_after(std::time::Duration::from_secs(3));
        }
        if let Some(wizard) = self.first_run.as_mut() {
            wizard.usb_listing = self.devices.usb.is_listing();
        }
    }

    fn list_usb_files(&mut self) {
        self.devices.usb.relist(self.services.wake(), true);
    }

    fn handle_setup(&mut self, command: SetupCommand) {
        match command {
            SetupCommand::ToggleLanguage => self.lang = self.lang.toggled(),
            SetupCommand::SetLanguage(language) => self.lang = language,
            SetupCommand::Apply => self.apply_answers(),
            SetupCommand::ListUsbFiles => self.list_usb_files(),
        }
    }

    fn finish_setup(&mut self, applied: AppliedSetup) {
        let camera_changed = (
            applied.config.camera_index,
            applied.config.camera_resolution,
        ) != (
            self.services.config.camera_index,
            self.services.config.camera_resolution,
        );
        self.lang = applied.config.language;
        self.kiosk.autostart_synced = applied.config.kiosk_autostart;
        self.gate
            .set_rules(super::state::gate_rules(&applied.config));
        self.services.config = applied.config;
        self.services.pii = applied.pii;
        self.services.verifier = applied.verifier;
        if camera_changed {
            self.services.restart_scanner();
        }
        crate::ui::theme::apply_to_next_frame(&mut self.frame.styled);
        self.settings.draft = None;
        self.settings.message = Some(done_lines(&applied.done));
        self.first_run = None;
        self.screen = Screen::Scan;
    }

    /// Applies the answers: the first leader through the store thread (the one database the
    /// window unlocked, with its passphrase), then the files on the "setup" thread.
    fn apply_answers(&mut self) {
        let lang = self.lang;
        let Some(wizard) = &mut self.first_run else {
            return;
        };
        wizard.failure = None;
        wizard.answers.config.language = lang;
        if !wizard.steps.contains(&SetupStep::Leader) {
            self.apply_files(Vec::new());
            return;
        }
        let answers = &wizard.answers;
        let sign_in = SignIn {
            name: answers.leader_name.trim().to_owned(),
            role: Role::Leader,
            pin: Some(answers.pin.trim().to_owned()),
            pin_again: Some(answers.pin_again.trim().to_owned()),
            sponsor: None,
            at: self.services.now(),
        };
        wizard.saving_leader = true;
        self.ask(sign_in, |app, result| {
            if let Some(wizard) = &mut app.first_run {
                wizard.saving_leader = false;
            }
            match result {
                Ok(leader) => app.apply_files(vec![crate::text::app::leader_has_pin(&leader.name)]),
                Err(error) => {
                    if let Some(wizard) = &mut app.first_run {
                        wizard.failed(error.said(), Some(SetupStep::Leader));
                    }
                }
            }
        });
    }

    /// Starts applying the rest of the answers (keys, autostart, kiosk.toml) on the "setup"
    /// thread; `done` is what was already done.
    fn apply_files(&mut self, done: Vec<Said>) {
        let wake = self.services.wake();
        let data_dir = self.services.data_dir.clone();
        let Some(wizard) = &mut self.first_run else {
            return;
        };
        let (steps, answers, place) = (
            wizard.steps.clone(),
            wizard.answers.clone(),
            self.kiosk.autostart.clone(),
        );
        let started = self.jobs.setup.start("setup", wake, move || {
            apply_setup(&data_dir, &steps, &answers, &place, done)
        });
        if let Err(error) = started {
            wizard.failed(Said::same(error.to_string()), None);
        }
    }
}

/// What the setup did, its lines joined into one message in each language.
fn done_lines(done: &[crate::text::Said]) -> crate::text::Said {
    let join = |lang| {
        done.iter()
            .map(|line| line.text(lang))
            .collect::<Vec<_>>()
            .join("；")
    };
    crate::text::Said::in_both(join)
}
