//! The kiosk window's state: the services, the gate, the screens' views and the panels' state,
//! with the plumbing every handler shares (store requests, the gate's effects). The handlers
//! (`commands`, `keys`, `replies`, …) name this file and it names none of theirs: the loop that
//! calls them once per frame is `frame_loop`, and a request's answer goes to the method that
//! asked for it (most are in `replies`).

use chrono::{DateTime, Duration, Utc};

use super::preview::Preview;
use super::services::Services;
use super::store_requests::{
    CountersSince, CurrentShift, Entries, Purge, RequestError, SavePerson, StoreOperation,
};
use crate::config::Language;
use crate::gate::{Gate, Rules};
use crate::model::RepeatHit;
use crate::model::entry::Provenance;
use crate::model::{Counters, Operator, Shift};
use crate::scan::DetectedCode;
use crate::scan::wedge::KeystrokeBurst;
use crate::ui::command::Command;
pub use crate::ui::command::Screen;
use crate::ui::log_screen::{LogPeriod, LogView};
use crate::ui::register_screen::RegisterView;
use crate::ui::source_status::SourceView;
use crate::ui::vehicle_screen::VehicleView;
use crate::ui::view_ctx::ViewCtx;

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
    /// The leader asked for the practice entries in the next exports (left out otherwise).
    pub include_practice: bool,
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
    pub services: Services<Self>,
    pub lang: Language,
    pub screen: Screen,
    /// The person at the gate and the line behind them: one state machine (`crate::gate`).
    pub gate: Gate,
    /// Who works the gate and the shift they work in.
    pub duty: Duty,
    pub counters: Counters,
    pub log: LogView,
    pub register: RegisterView,
    pub vehicle: VehicleView,
    pub settings: crate::ui::settings_screen::SettingsView,
    pub shift_view: crate::ui::shift_screen::ShiftView,
    pub report: ReportState,
    pub passes: super::pass_panel::PassPanel,
    /// Cameras, USB sticks and the USB scanner's keys.
    pub devices: Devices,
    pub preview: Preview,
    /// What the widgets asked for this frame, and the frame's own bookkeeping.
    pub frame: Frame,
    /// Work off the window's thread, queries whose older answers are dropped, the daily purge.
    pub jobs: Jobs,
    /// The first-run setup, shown instead of the screens until it is finished.
    pub first_run: Option<crate::ui::setup_screen::SetupWizard>,
    /// Kiosk mode: autostart, screen kept awake during a shift, PIN to leave.
    pub kiosk: super::kiosk_mode_state::KioskMode,
}

/// Who works the gate.
#[derive(Debug)]
pub struct Duty {
    /// The name entries are recorded under.
    pub operator: String,
    /// Who is working the gate (signed in on the Shift screen).
    pub signed_in: Option<Operator>,
    /// The open shift at this checkpoint, if any; entries are recorded under it.
    pub shift: Option<Shift>,
}

impl Default for Duty {
    fn default() -> Self {
        Self {
            operator: crate::store::UNNAMED_OPERATOR.to_owned(),
            signed_in: None,
            shift: None,
        }
    }
}

/// The hardware around the kiosk.
#[derive(Default)]
pub struct Devices {
    /// Cameras found at start-up (listed on a background thread: listing can be slow).
    pub cameras: Vec<crate::capture::CameraInfo>,
    /// USB sticks: where exports go and key files come from.
    pub usb: super::usb_drives::UsbDrives,
    /// Tells a USB scanner's bursts from a person's typing.
    pub wedge: KeystrokeBurst,
}

/// The frame: the commands the widgets pushed, and what the next frame must do first.
#[derive(Default)]
pub struct Frame {
    pub commands: Vec<Command>,
    /// The theme is applied (set back to `false` to re-apply after Settings changed it).
    pub(crate) styled: bool,
}

/// How many signer certificates a trust import added, and the verifier that now trusts them.
pub type TrustResult = Result<(usize, crate::codes::Verifier), crate::codes::CodesError>;

/// Work that runs off the window's thread or on a schedule.
#[derive(Default)]
pub struct Jobs {
    /// A DCC trust-list import in progress.
    pub(crate) trust: super::background::Background<TrustResult>,
    /// The setup's answers being applied on the "setup" thread.
    pub(crate) setup: super::background::Background<super::setup_files::SetupResult>,
    /// The newest log query; the answers to older ones are dropped.
    pub(crate) log_query: Option<u64>,
    /// Numbers the log queries.
    pub(crate) next_query: u64,
    /// The local day of the last retention purge: a kiosk left running purges once a day.
    purged_day: Option<DateTime<Utc>>,
}

impl KioskApp {
    pub fn new(services: Services<Self>) -> Self {
        let lang = services.config.language;
        let kiosk = super::kiosk_mode_state::KioskMode::for_config(&services.config);
        let rules = gate_rules(&services.config);
        let mut app = Self {
            services,
            lang,
            screen: Screen::Scan,
            gate: Gate::new(rules),
            duty: Duty::default(),
            counters: Counters::default(),
            log: LogView::default(),
            register: RegisterView::default(),
            vehicle: VehicleView::default(),
            settings: Default::default(),
            shift_view: Default::default(),
            report: Default::default(),
            passes: Default::default(),
            devices: Devices::default(),
            preview: Preview::default(),
            frame: Frame::default(),
            jobs: Jobs::default(),
            first_run: None,
            kiosk,
        };
        app.log.filter.limit = 200;
        let direction = app.services.config.gate_direction;
        app.register.form.direction = direction;
        app.vehicle.form.direction = direction;
        app.request_counters();
        app.request_entries();
        app.request_current_shift();
        app.purge_expired();
        app
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

    /// Runs the store thread's replies: each is the continuation of the code that asked, with
    /// its result. The setup's polling runs them too (the first leader is saved there).
    pub(crate) fn apply_store_replies(&mut self) {
        for reply in self.services.store.try_replies() {
            reply(self);
        }
    }

    /// A code the camera read: outline it, then into the gate like every other code.
    pub fn accept_scan_event(&mut self, event: &crate::scan::pipeline::ScanEvent) {
        self.preview.mark_code(event.code.corners);
        // The demo feed and `run --feed` pictures are practice, not people (issue 22).
        let practice = (event.source == crate::capture::SourceKind::Demo).then(|| {
            if self.services.plays_feed() {
                crate::model::camera::PracticeSource::Pictures
            } else {
                crate::model::camera::PracticeSource::DemoFeed
            }
        });
        match self.accept_scan(&event.code, practice) {
            // Hold the picture on this person's code.
            crate::gate::Read::Current => {
                if !self.preview.is_frozen() {
                    self.preview.freeze(event.code.corners);
                }
            }
            // Newly in line (not the camera seeing a waiting code again): keep this frame for
            // that person, behind the frames of those queued before them.
            crate::gate::Read::Queued => {
                let frame = self
                    .services
                    .scanner
                    .as_ref()
                    .and_then(super::super::scan::pipeline::ScannerPipeline::latest_frame);
                self.preview.keep_for_last_queued(frame, event.code.corners);
            }
            crate::gate::Read::AlreadyWaiting => {}
        }
    }

    /// The no-phone screen's banner: the person being registered, or the one just saved.
    pub fn register_gate_state(&self) -> crate::gate::GateState {
        use crate::gate::{Checking, GateState, Verification};
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
        let fever = matches!(reading, crate::gate::Reading::Fever(_));
        GateState::Checking(Checking {
            colour: form.colour,
            verification: Verification::NotVerifiable,
            reading,
            repeat: self.register.repeat.is_some(),
            decision: form.decision(fever, &self.services.risks),
        })
    }

    /// The Vehicle screen's banner: the vehicle being registered, or the one just saved.
    pub fn vehicle_gate_state(&self) -> crate::gate::VehicleState {
        use crate::gate::VehicleState;
        let form = &self.vehicle.form;
        let untouched = form.plate_text.trim().is_empty() && form.origin.trim().is_empty();
        match &self.vehicle.saved {
            Some(saved) if untouched => VehicleState::Saved(saved.clone()),
            None if untouched => VehicleState::Waiting,
            _ => VehicleState::Typing {
                decision: form.decision(&self.services.risks),
            },
        }
    }

    /// A code was read (camera, opened image, `--feed` or hardware scanner): verify it and
    /// hand it to the gate, the one way in.
    pub fn accept_detected(&mut self, detected: &DetectedCode) {
        self.accept_scan(detected, None);
    }

    /// Like [`Self::accept_detected`], saying whether the code is practice (the demo feed, `run
    /// --feed`); says how the code fits the gate (the one being checked, or in line).
    pub fn accept_scan(
        &mut self,
        detected: &DetectedCode,
        practice: Option<crate::model::camera::PracticeSource>,
    ) -> crate::gate::Read {
        let scanned = super::verdict::scanned_code(&self.services, detected, practice);
        let (read, effects) = self.gate.code_read(scanned, self.services.now());
        self.run_gate_effects(effects);
        read
    }

    /// Carries out what the gate asked for: look-ups and saves on the store thread, sounds,
    /// the scanner and the preview.
    pub(crate) fn run_gate_effects(&mut self, effects: Vec<crate::gate::Effect>) {
        use crate::gate::Effect;
        for effect in effects {
            match effect {
                Effect::LookUpRepeat { id, code, opened } => {
                    // A person's form just opened: the volunteer checks them on the Scan screen
                    // (the camera seeing the same code again opens nothing).
                    if opened {
                        self.screen = Screen::Scan;
                    }
                    let since = self.services.now() - self.repeat_window();
                    let key = crate::store::RepeatKey::Code(code);
                    self.ask(
                        crate::app::store_requests::FindRepeat { key, since },
                        move |app, found| {
                            app.accept_repeat(id, found);
                        },
                    );
                }
                Effect::Save(entry) => self.send_person(*entry, KioskApp::accept_person_saved),
                Effect::Play(cue) => self.services.alert.play(cue),
                Effect::NextPerson => {
                    if let Some(scanner) = &self.services.scanner {
                        scanner.rearm();
                    }
                    // The held picture belonged to the person just done.
                    self.preview.next_person();
                }
                Effect::Queued => self.preview.person_queued(),
            }
        }
    }

    /// Sends a person to the store thread; `then`, given the committed entry, says "saved".
    pub(crate) fn send_person(
        &mut self,
        entry: crate::model::NewPersonEntry,
        then: impl FnOnce(&mut KioskApp, Result<crate::model::PersonEntry, RequestError>)
        + Send
        + 'static,
    ) {
        let save = SavePerson {
            entry: entry.screened(self.services.config.fever_threshold_celsius),
            prov: self.provenance(),
            at: self.services.now(),
        };
        self.ask(save, then);
    }

    /// A pass seen at another gate within the repeat window is flagged (paper passes get
    /// photographed and shared).
    pub(crate) fn pass_reuse_of(
        &self,
        hit: Option<&RepeatHit>,
    ) -> Option<crate::codes::ReuseConflict> {
        let scan = self.gate.form()?.scan.as_ref()?;
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
        self.jobs.next_query = self.jobs.next_query.wrapping_add(1);
        self.jobs.next_query
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
            operator: self.duty.operator.clone(),
            shift_id: self.duty.shift.as_ref().map(|shift| shift.shift_id),
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
    pub(super) fn purge_once_a_day(&mut self) {
        let today = crate::ui::time::start_of_local_day(self.services.now());
        if self.jobs.purged_day != Some(today) {
            self.purge_expired();
        }
    }

    /// Deletes personal entries older than the retention limit (counts stay in the audit log).
    fn purge_expired(&mut self) {
        self.jobs.purged_day = Some(crate::ui::time::start_of_local_day(self.services.now()));
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
        self.jobs.log_query = Some(id);
        let filter = self.log.filter.clone();
        self.ask(Entries { filter }, move |app, rows| {
            app.accept_entries(id, rows);
        });
    }
}

/// What the screens may read this frame: borrows only the services, so the app's other fields
/// (the views, the commands) stay free for the screens to change.
pub(crate) fn view_ctx<App>(services: &Services<App>, lang: Language) -> ViewCtx<'_> {
    ViewCtx {
        lang,
        config: &services.config,
        risks: &services.risks,
        now: services.now(),
    }
}

/// The gate's rules from the settings (read again whenever Settings or the setup saves them).
pub(crate) fn gate_rules(config: &crate::config::KioskConfig) -> Rules {
    Rules {
        fever_threshold: config.fever_threshold_celsius,
        default_direction: config.gate_direction,
    }
}
