//! The kiosk window's state and its once-per-frame loop: poll the threads, draw the screens,
//! then handle the commands the widgets emitted.

use chrono::{DateTime, Duration, Utc};

use super::commands::Command;
use super::preview::Preview;
use super::services::Services;
use super::store_requests::{
    CountersSince, CurrentShift, Entries, FindRepeat, Purge, RequestError, StoreOperation,
};
use crate::config::Language;
use crate::model::RepeatHit;
use crate::model::entry::Provenance;
use crate::model::{Counters, Direction, EntryId, Operator, Shift};
use crate::scan::DetectedCode;
use crate::scan::wedge::KeystrokeBurst;
use crate::store::RepeatKey;
pub use crate::ui::command::Screen;
use crate::ui::counter_bar::CounterBarView;
pub use crate::ui::form_ui::{FormMessage, GateStatus};
use crate::ui::log_screen::{LogPeriod, LogView};
use crate::ui::person_form::{PersonForm, ScannedCode};
use crate::ui::register_screen::RegisterView;
use crate::ui::source_status::SourceView;
use crate::ui::vehicle_screen::VehicleView;
use crate::ui::view_ctx::ViewCtx;
use crate::ui::{theme, top_bar};

/// A no-phone person or a vehicle, checked and waiting for its repeat look-up; then saved with
/// the repeat marked (ID number or plate seen within the repeat window).
#[derive(Debug, Clone)]
pub(crate) enum HeldSave {
    Person {
        entry: Box<crate::model::NewPersonEntry>,
        add_companion: bool,
    },
    Vehicle {
        entry: Box<crate::model::NewVehicleEntry>,
        board: bool,
    },
}

/// The report being shown and the export in progress.
#[derive(Debug, Clone, Default)]
pub struct ReportState {
    pub report: Option<crate::report::ShiftReport>,
    /// The same report as the screen shows it.
    pub sheet: Option<crate::ui::report_view::ReportSheet>,
    pub message: Option<crate::text::Said>,
    /// Where the export in progress is written.
    pub pending_export: Option<std::path::PathBuf>,
    /// The export in progress is the printable page, to open or print once written.
    pub print_after_export: bool,
    /// The neighbour's export file to import, as typed.
    pub import_path: String,
    /// The shift this window closed last: its report covers exactly that shift.
    pub closed_shift: Option<crate::model::Shift>,
    /// The shift closed last at this checkpoint (by any window): its handover note is shown to
    /// the leader taking over.
    pub previous_shift: Option<crate::model::Shift>,
    /// Where exports can go (USB drives first, then the data folder) and the leader's choice.
    pub places: Vec<crate::ui::report_view::ExportPlace>,
    pub chosen_place: usize,
}

/// The whole window.
pub struct KioskApp {
    pub services: Services,
    pub lang: Language,
    pub screen: Screen,
    pub status: GateStatus,
    pub form: Option<PersonForm>,
    /// What the form still needs ("type the temperature", "re-measure"), in the UI language.
    pub form_message: Option<FormMessage>,
    /// A different code scanned while a form is open waits here instead of wiping the form.
    pub next_in_line: Option<ScannedCode>,
    /// Codes read after `next_in_line` (a family, a scanner and the camera at once), in order.
    pub later_in_line: std::collections::VecDeque<ScannedCode>,
    /// Keys typed for the next person while the current one was being saved.
    pub(crate) type_ahead: Vec<crate::scan::wedge::WedgeKey>,
    /// The last person saved (label, time), shown while the next one is checked.
    pub last_saved: Option<(String, DateTime<Utc>)>,
    /// The last person saved, with their outcome: the banner shows it in its own colour.
    pub saved_outcome: Option<crate::ui::banner_view::Saved>,
    pub repeat: Option<RepeatHit>,
    /// A checkpoint pass just used at another gate: lent out or copied.
    pub pass_reuse: Option<crate::model::records::ReuseConflict>,
    /// The vehicle whose passengers are being scanned one by one (entry id, plate).
    pub boarding: Option<(EntryId, String)>,
    /// Passengers of the boarding vehicle saved so far, and how many are on board.
    pub boarding_count: (u32, u32),
    /// The repeat look-up for the open form has answered; a save waits for it so that a fast
    /// volunteer cannot log a repeat as a new person.
    pub(crate) repeat_checked: bool,
    /// The repeat look-up that belongs to the open form; answers to older forms are dropped.
    pub(crate) repeat_request: Option<u64>,
    /// The newest log query; the answers to older ones are dropped.
    pub(crate) log_request: Option<u64>,
    pub(crate) confirm_after_repeat: bool,
    /// A no-phone person or vehicle waiting for its repeat look-up before it is saved.
    pub(crate) held_save: Option<HeldSave>,
    pub direction: Direction,
    pub operator: String,
    pub counters: Counters,
    pub log: LogView,
    pub register: RegisterView,
    pub vehicle: VehicleView,
    pub settings: crate::ui::settings_screen::SettingsView,
    pub shift_view: crate::ui::shift_screen::ShiftView,
    pub report: ReportState,
    pub passes: super::pass_commands::PassPanel,
    /// A DCC trust-list import in progress.
    pub(crate) trust_job: super::background::Background<super::commands::TrustResult>,
    /// Who is working the gate (signed in on the Shift screen).
    pub signed_in: Option<Operator>,
    /// The open shift at this checkpoint, if any; entries are recorded under it.
    pub shift: Option<Shift>,
    /// Cameras found at start-up (listed on a background thread: listing can be slow).
    pub cameras: Vec<crate::capture::CameraInfo>,
    pub preview: Preview,
    pub wedge: KeystrokeBurst,
    pub commands: Vec<Command>,
    /// Numbers the requests whose older answers must be dropped (repeat look-ups, log queries).
    pub(crate) next_request_id: u64,
    pub(crate) styled: bool,
    /// Set after a save: the next frame takes keyboard focus away from the last text field.
    pub(crate) release_focus: bool,
    /// The local day of the last retention purge: a kiosk left running purges once a day.
    purged_day: Option<DateTime<Utc>>,
    /// The first-run setup, shown instead of the screens until it is finished.
    pub first_run: Option<crate::ui::setup_screen::SetupWizard>,
    /// The setup's answers being applied on the "setup" thread.
    pub(crate) setup_job: super::background::Background<super::setup_files::SetupResult>,
    /// Kiosk mode: autostart, screen kept awake during a shift, PIN to leave.
    pub kiosk: super::kiosk_mode::KioskMode,
    /// USB sticks: where exports go and key files come from.
    pub usb: super::usb_drives::UsbDrives,
}

impl KioskApp {
    pub fn new(services: Services) -> Self {
        let lang = services.config.language;
        let kiosk = super::kiosk_mode::KioskMode::for_config(&services.config);
        let mut app = Self {
            services,
            lang,
            screen: Screen::Scan,
            status: GateStatus::Idle,
            form: None,
            form_message: None,
            next_in_line: None,
            later_in_line: std::collections::VecDeque::new(),
            type_ahead: Vec::new(),
            last_saved: None,
            saved_outcome: None,
            repeat: None,
            pass_reuse: None,
            boarding: None,
            boarding_count: (0, 0),
            repeat_checked: false,
            repeat_request: None,
            log_request: None,
            confirm_after_repeat: false,
            held_save: None,
            direction: Direction::In,
            operator: crate::store::UNNAMED_OPERATOR.to_owned(),
            counters: Counters::default(),
            log: LogView::default(),
            register: RegisterView::default(),
            vehicle: VehicleView::default(),
            settings: Default::default(),
            shift_view: Default::default(),
            report: Default::default(),
            passes: Default::default(),
            trust_job: Default::default(),
            signed_in: None,
            shift: None,
            cameras: Vec::new(),
            preview: Preview::default(),
            wedge: KeystrokeBurst::default(),
            commands: Vec::new(),
            next_request_id: 1,
            styled: false,
            release_focus: false,
            purged_day: None,
            first_run: None,
            setup_job: Default::default(),
            kiosk,
            usb: super::usb_drives::UsbDrives::default(),
        };
        app.log.filter.limit = 200;
        app.request_counters();
        app.request_entries();
        app.request_current_shift();
        app.purge_expired();
        app
    }

    /// The frame's work without drawing: the scanner's events, the store's replies, the
    /// background results and the daily purge. eframe calls it before every frame and also
    /// while the window is hidden or minimised (whenever a thread wakes it), so nothing waits
    /// for somebody to look at the window; the kittest harness calls it before [`Self::ui_root`].
    pub fn logic(&mut self, ctx: &egui::Context) {
        if self.first_run.is_some() {
            self.poll_setup(ctx);
            return;
        }
        self.poll(ctx);
        self.poll_export_places(ctx);
        self.purge_once_a_day();
        super::kiosk_mode::kiosk_mode_logic(ctx, self);
    }

    /// Draws one frame, after [`Self::logic`]. Called by eframe and by the kittest harness alike.
    pub fn ui_root(&mut self, ui: &mut egui::Ui) {
        if !self.styled {
            let config = &self.services.config;
            theme::apply(ui.ctx(), config.night_theme, config.font_scale);
            self.styled = true;
        }
        if self.first_run.is_some() {
            self.draw_setup(ui);
            return;
        }
        if std::mem::take(&mut self.release_focus)
            && let Some(focused) = ui.ctx().memory(egui::Memory::focused)
        {
            ui.ctx()
                .memory_mut(|memory| memory.surrender_focus(focused));
        }
        super::keys::route_keys(ui.ctx(), self);
        let ctx = view_ctx(&self.services, self.lang);
        top_bar::top_bar_ui(ui, self.screen, &ctx, &mut self.commands);
        // Kiosk mode: F11 fills the screen (or leaves it), like every browser.
        if ui.input(|input| input.key_pressed(egui::Key::F11)) {
            super::kiosk_mode::toggle_fullscreen(ui, self);
        }
        let counters = self.counter_bar_view();
        let ctx = view_ctx(&self.services, self.lang);
        crate::ui::counter_bar::counter_bar_ui(ui, &counters, &ctx);
        self.draw_screen(ui);
        for command in std::mem::take(&mut self.commands) {
            self.handle(command);
        }
        if !self.commands.is_empty() {
            // Commands raised while handling (a replayed Enter) run on the next frame: now.
            ui.ctx().request_repaint();
        }
        super::kiosk_mode::kiosk_mode_ui(ui, self);
    }

    /// What a screen may read this frame (for screens still drawn from the whole app).
    /// Where the live picture comes from; `None` when no frame source runs.
    pub(crate) fn source_view(&self) -> Option<SourceView> {
        let scanner = self.services.scanner.as_ref()?;
        Some(SourceView {
            status: scanner.status(),
            plays_feed: self.services.plays_feed(),
        })
    }

    /// The counter bar's numbers and the district sync's status, as of now.
    fn counter_bar_view(&self) -> CounterBarView {
        CounterBarView {
            counters: self.counters,
            sync: self
                .services
                .sync
                .as_ref()
                .map(crate::sync::SyncWorker::status),
            no_shift_open: self.shift.is_none(),
        }
    }

    fn poll(&mut self, ctx: &egui::Context) {
        let events = match &self.services.scanner {
            Some(scanner) => {
                // New pictures wake the window only while the Scan screen shows them.
                scanner.set_preview_wanted(self.screen == Screen::Scan);
                self.preview.update(ctx, scanner);
                scanner.try_events()
            }
            None => Vec::new(),
        };
        for event in &events {
            self.accept_scan_event(event);
        }
        if !self.is_busy() {
            self.preview.thaw();
        }
        if self.cameras.is_empty()
            && let Ok(mut found) = self.services.camera_list.try_lock()
            && let Some(cameras) = found.take()
        {
            self.cameras = cameras;
        }
        if let Some(result) = self.trust_job.take() {
            self.accept_trust_result(result);
        }
        if let Some(result) = self.passes.job.take() {
            self.accept_pass_result(result);
        }
        self.reload_passes_after_sync();
        for outcome in self.services.stills.try_outcomes() {
            self.accept_still(outcome);
        }
        self.apply_store_replies();
    }

    /// Runs the store thread's replies: each is the continuation of the code that asked, with
    /// its result. The setup's polling runs them too (the first leader is saved there).
    pub(crate) fn apply_store_replies(&mut self) {
        for reply in self.services.store.try_replies() {
            reply(self);
        }
    }

    /// A code the camera read: outline it, verify it, open or queue its form.
    pub fn accept_scan_event(&mut self, event: &crate::scan::pipeline::ScanEvent) {
        self.preview.mark_code(event.code.corners);
        let demo = event.source == crate::capture::SourceKind::Demo;
        let in_line_before = self.in_line();
        let is_checked_now = self.accept_scan(&event.code, demo);
        if is_checked_now {
            // Hold the picture on this person's code.
            if !self.preview.is_frozen() {
                self.preview.freeze(event.code.corners);
            }
        } else if self.in_line() > in_line_before {
            // Newly in line (not the camera seeing a waiting code again): keep this frame for
            // that person, behind the frames of those queued before them.
            let frame = self
                .services
                .scanner
                .as_ref()
                .and_then(super::super::scan::pipeline::ScannerPipeline::latest_frame);
            self.preview.keep_for_last_queued(frame, event.code.corners);
        }
    }

    /// What the banner is about: the person being checked, the one just saved, or nobody.
    pub fn gate_state(&self) -> crate::ui::banner_view::GateState {
        use crate::ui::banner_view::GateState;
        match (&self.form, &self.status, &self.saved_outcome) {
            (Some(form), _, _) => GateState::Checking(self.checking(form)),
            (None, GateStatus::Saved { .. }, Some(saved)) => GateState::Saved(saved.clone()),
            _ => GateState::Waiting,
        }
    }

    fn checking(&self, form: &PersonForm) -> crate::ui::banner_view::Checking {
        let threshold = self.services.config.fever_threshold_celsius;
        let reading = form.reading(threshold);
        let fever = matches!(reading, crate::ui::banner_view::Reading::Fever(_));
        crate::ui::banner_view::Checking {
            colour: form.colour,
            verification: form.verification(),
            reading,
            repeat: self.repeat.is_some() || self.pass_reuse.is_some(),
            decision: form.decision(fever),
        }
    }

    /// The no-phone screen's banner: the person being registered, or the one just saved.
    pub fn register_gate_state(&self) -> crate::ui::banner_view::GateState {
        use crate::ui::banner_view::{Checking, GateState, Verification};
        let form = &self.register.form;
        let untouched = form.document_text.is_empty()
            && form.name_text.is_empty()
            && form.temperature_text.is_empty()
            && form.first_reading.is_none();
        match &self.register.saved {
            Some(saved) if untouched => return GateState::Saved(saved.clone()),
            None if untouched => return GateState::Waiting,
            _ => {}
        }
        let threshold = self.services.config.fever_threshold_celsius;
        let reading = form.reading(threshold);
        let fever = matches!(reading, crate::ui::banner_view::Reading::Fever(_));
        GateState::Checking(Checking {
            colour: form.colour,
            verification: Verification::NotVerifiable,
            reading,
            repeat: false,
            decision: crate::ui::person_form::suggested_decision(form.colour, fever),
        })
    }

    /// A person's check is open (being filled in, saving, or failed and kept).
    fn is_busy(&self) -> bool {
        matches!(
            self.status,
            GateStatus::Checking | GateStatus::Saving | GateStatus::Failed { .. }
        )
    }

    /// A code was read (camera, opened image or hardware scanner): verify it and open the form.
    pub fn accept_detected(&mut self, detected: &DetectedCode) {
        self.accept_scan(detected, false);
    }

    /// Like [`Self::accept_detected`], saying whether the code came from the demo feed.
    /// Returns whether the code is the one being checked now (just opened, or seen again).
    pub fn accept_scan(&mut self, detected: &DetectedCode, demo: bool) -> bool {
        let scanned = super::verdict::scanned_code(&self.services, detected, demo);
        if self.is_busy() {
            let same = self
                .form
                .as_ref()
                .and_then(|f| f.scan.as_ref())
                .map(|s| &s.code.hash)
                == Some(&scanned.code.hash);
            if !same {
                self.queue(scanned);
            }
            return same;
        }
        self.open_form(scanned);
        true
    }

    /// Puts a code in line behind the person being checked, once (the camera sees it again
    /// and again while it is held up).
    fn queue(&mut self, scanned: ScannedCode) {
        let hash = &scanned.code.hash;
        let waiting = self
            .next_in_line
            .iter()
            .chain(self.later_in_line.iter())
            .any(|queued| &queued.code.hash == hash);
        if waiting {
            return;
        }
        if self.next_in_line.is_none() {
            self.next_in_line = Some(scanned);
        } else {
            self.later_in_line.push_back(scanned);
        }
        self.preview.person_queued();
    }

    /// How many codes wait behind the person being checked.
    fn in_line(&self) -> usize {
        usize::from(self.next_in_line.is_some()) + self.later_in_line.len()
    }

    /// The next code in line, if any; the one after it moves up.
    pub(crate) fn take_next_in_line(&mut self) -> Option<ScannedCode> {
        let next = self.next_in_line.take();
        self.next_in_line = self.later_in_line.pop_front();
        next
    }

    pub(crate) fn open_form(&mut self, scanned: ScannedCode) {
        let key = RepeatKey::Code(scanned.code.hash.clone());
        let mut form = PersonForm::from_scan(scanned, self.direction);
        form.vehicle_id = self.boarding.as_ref().map(|(vehicle_id, _)| *vehicle_id);
        self.repeat = None;
        self.pass_reuse = None;
        let opened = crate::ui::banner_view::GateState::Checking(self.checking(&form));
        if let Some(cue) = crate::app::banner::banner(&opened).sound {
            self.services.alert.play(cue);
        }
        self.form = Some(form);
        self.status = GateStatus::Checking;
        self.repeat_checked = false;
        self.confirm_after_repeat = false;
        self.screen = Screen::Scan;
        let since = self.services.now() - self.repeat_window();
        let id = self.new_request_id();
        self.repeat_request = Some(id);
        self.ask(FindRepeat { key, since }, move |app, found| {
            app.accept_repeat(id, found);
        });
    }

    /// A pass seen at another gate within the repeat window is flagged (paper passes get
    /// photographed and shared).
    pub(crate) fn pass_reuse_of(
        &self,
        hit: Option<&RepeatHit>,
    ) -> Option<crate::codes::ReuseConflict> {
        let scan = self.form.as_ref()?.scan.as_ref()?;
        if scan.format != crate::model::CodeFormat::Pass {
            return None;
        }
        let hit = hit?;
        crate::codes::pass_reuse_conflict(
            &[(hit.at, hit.gate.clone())],
            self.services.now(),
            &self.services.config.gate,
            self.repeat_window(),
        )
    }

    pub(crate) fn repeat_window(&self) -> Duration {
        Duration::minutes(i64::from(self.services.config.repeat_window_minutes))
    }

    /// A new number for a request whose answer is dropped once a newer one is asked.
    pub(crate) fn new_request_id(&mut self) -> u64 {
        let id = self.next_request_id;
        self.next_request_id += 1;
        id
    }

    /// Sends an operation to the store thread; `then` gets its result on a later frame (or, if
    /// the thread refuses it, with the next replies), on this thread with the whole app.
    pub(crate) fn ask<Op, Then>(&self, operation: Op, then: Then)
    where
        Op: StoreOperation,
        Then: FnOnce(&mut KioskApp, Result<Op::Output, RequestError>) + Send + 'static,
    {
        self.services.store.ask(operation, then);
    }

    pub fn provenance(&self) -> Provenance {
        Provenance {
            checkpoint_id: self.services.config.checkpoint_id.clone(),
            gate: self.services.config.gate.clone(),
            operator: self.operator.clone(),
            shift_id: self.shift.as_ref().map(|shift| shift.shift_id),
        }
    }

    /// Asks the store thread for fresh counters (the start of today, local time).
    pub fn request_counters(&mut self) {
        let since = crate::ui::time::start_of_local_day(self.services.now());
        self.ask(CountersSince { since }, KioskApp::accept_counters);
    }

    /// Asks which shift is open at this checkpoint (after a restart the shift goes on).
    pub fn request_current_shift(&mut self) {
        let checkpoint_id = self.services.config.checkpoint_id.clone();
        self.ask(
            CurrentShift { checkpoint_id },
            KioskApp::accept_current_shift,
        );
    }

    /// A kiosk left running for days still deletes what has passed the retention limit.
    fn purge_once_a_day(&mut self) {
        let today = crate::ui::time::start_of_local_day(self.services.now());
        if self.purged_day != Some(today) {
            self.purge_expired();
        }
    }

    /// Deletes personal entries older than the retention limit (counts stay in the audit log).
    fn purge_expired(&mut self) {
        self.purged_day = Some(crate::ui::time::start_of_local_day(self.services.now()));
        let days = i64::from(self.services.config.retention_days.max(1));
        let cutoff = self.services.now() - Duration::days(days);
        self.ask(Purge { cutoff }, KioskApp::accept_purge);
    }

    /// Asks the store thread for the log with the current filter.
    pub fn request_entries(&mut self) {
        let now = self.services.now();
        self.log.filter.since = match self.log.period {
            LogPeriod::Today => Some(crate::ui::time::start_of_local_day(now)),
            LogPeriod::LastHour => Some(now - Duration::hours(1)),
            LogPeriod::Any => None,
        };
        let id = self.new_request_id();
        self.log_request = Some(id);
        let filter = self.log.filter.clone();
        self.ask(Entries { filter }, move |app, rows| {
            app.accept_entries(id, rows);
        });
    }
}

/// What the screens may read this frame: borrows only the services, so the app's other fields
/// (the views, the commands) stay free for the screens to change.
pub(crate) fn view_ctx(services: &Services, lang: Language) -> ViewCtx<'_> {
    ViewCtx {
        lang,
        config: &services.config,
        now: services.now(),
    }
}
