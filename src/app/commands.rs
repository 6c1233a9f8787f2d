//! What widgets ask for ([`Command`], defined beside the screens), handled once at the end of
//! the frame (the store's answers: `replies`).

use super::state::{KioskApp, TrustResult};
use super::store_requests::{FindPerson, FindRepeat, FindVehicle};
use super::store_requests::{SaveVehicle, Void};
use crate::model::{EntryId, HealthColour};
use crate::text::{Bilingual, Said};
pub use crate::ui::command::{Command, PassAction, Screen};

impl KioskApp {
    pub(crate) fn handle(&mut self, command: Command) {
        match command {
            Command::ShowScreen(screen) => {
                if screen == Screen::Register && self.screen != Screen::Register {
                    self.register.focus_document = true;
                }
                self.screen = screen;
                if screen == Screen::Log {
                    self.request_entries();
                }
            }
            Command::ToggleLanguage => self.toggle_language(),
            Command::SetDirection(direction) => self.gate.set_direction(direction),
            Command::ConfirmColour(colour) => self.gate.confirm_colour(colour),
            Command::ConfirmPerson => {
                let effects = self.gate.confirm();
                self.run_gate_effects(effects);
            }
            Command::CancelPerson => {
                let effects = self.gate.cancel(self.services.now());
                self.run_gate_effects(effects);
            }
            Command::SaveRegistration { add_companion } => self.save_registration(add_companion),
            Command::SaveVehicle { board } => self.save_vehicle(board),
            Command::FinishBoarding => self.gate.finish_boarding(),
            Command::SaveSettings => self.save_settings(),
            Command::SignIn => self.sign_in(),
            Command::OpenShift => self.open_shift(),
            Command::CloseShift => self.close_shift(),
            Command::BuildReport => self.build_report(),
            Command::Export(format) => self.export(format),
            Command::Print => self.print(),
            Command::ExportForNeighbours => self.export_for_neighbours(),
            Command::FindUsbDrives => self.refresh_export_places_now(),
            Command::RunSetupAgain => {
                self.begin_setup(crate::ui::setup_form::SetupPlan::settings_again());
            }
            Command::ImportNeighbours(path) => self.import_neighbours(path),
            Command::ImportTrust(path) => self.import_trust(&path),
            Command::ImportRiskList(path) => self.import_risk_list(&path),
            Command::Pass(action) => self.pass_action(action),
            Command::IssuePass => self.issue_pass(),
            Command::RefreshLog => self.request_entries(),
            Command::OpenEntry { entry_id, kind } => match kind {
                crate::model::EntryKind::Person => {
                    self.ask(FindPerson { entry_id }, KioskApp::accept_opened_person);
                }
                crate::model::EntryKind::Vehicle => {
                    self.ask(FindVehicle { entry_id }, KioskApp::accept_opened_vehicle);
                }
            },
            Command::VoidEntry { entry_id, reason } => self.void_entry(entry_id, &reason),
            Command::OpenImage(path) => self.open_image(&path),
        }
    }

    /// A hardware scanner's burst: a code read like any other, with no picture to read the
    /// colour from (the volunteer picks it).
    pub fn handle_keyboard_scan(&mut self, payload: &str) {
        self.accept_detected(&crate::scan::DetectedCode {
            text: payload.to_owned(),
            colour: HealthColour::Unknown,
            confidence: 0.0,
            corners: [[0.0; 2]; 4],
        });
    }

    fn save_registration(&mut self, add_companion: bool) {
        if self.gate.holds_save() {
            return;
        }
        let threshold = self.services.config.fever_threshold_celsius;
        if let Some(first) = self.register.form.take_fever_for_remeasure(threshold) {
            self.services.alert.play(crate::model::sound::Cue::Alarm);
            self.register.problems.clear();
            let block = crate::gate::ConfirmBlock::Remeasure { first };
            self.register.message = Some(Said::in_both(|lang| block.text(lang)));
            return;
        }
        let form = &self.register.form;
        match form.to_entry(&self.services.pii, threshold, &self.services.risks) {
            Ok(entry) => {
                let key = entry
                    .document
                    .as_ref()
                    .map(|document| crate::store::RepeatKey::Document(document.hash.clone()));
                self.register.problems.clear();
                self.register.message = Some(Said::from(crate::text::gate::SAVING));
                self.hold_for_repeat(
                    crate::gate::HeldSave::Person {
                        entry: Box::new(entry),
                        add_companion,
                    },
                    key,
                );
            }
            Err(problems) => {
                // The previous person's "saved" must not sit above this person's errors.
                self.register.message = None;
                self.register.problems = problems;
            }
        }
    }

    fn save_vehicle(&mut self, board: bool) {
        if self.gate.holds_save() {
            return;
        }
        match self.vehicle.form.to_entry(&self.services.risks) {
            Ok(mut entry) => {
                entry.practice = self.vehicle.camera.is_practice_plate(&entry.plate);
                let key = crate::store::RepeatKey::Plate(entry.plate.clone());
                self.vehicle.message = Some(Said::from(crate::text::gate::SAVING));
                self.hold_for_repeat(
                    crate::gate::HeldSave::Vehicle {
                        entry: Box::new(entry),
                        board,
                    },
                    Some(key),
                );
            }
            Err(message) => self.vehicle.message = Some(message),
        }
    }

    /// Looks the ID number or plate up first, so that a repeat is saved marked as one.
    fn hold_for_repeat(
        &mut self,
        held: crate::gate::HeldSave,
        key: Option<crate::store::RepeatKey>,
    ) {
        let Some(key) = key else {
            self.send_held(held, None);
            return;
        };
        if !self.gate.hold(held) {
            return;
        }
        let since = self.services.now() - self.repeat_window();
        self.ask(FindRepeat { key, since }, KioskApp::accept_held_repeat);
    }

    /// The repeat look-up answered (or failed: then the entry is saved unmarked, not lost).
    pub(crate) fn save_held(&mut self, hit: Option<crate::model::RepeatHit>) {
        if let Some(held) = self.gate.release_held() {
            self.send_held(held, hit);
        }
    }

    fn send_held(&mut self, held: crate::gate::HeldSave, hit: Option<crate::model::RepeatHit>) {
        let repeat_of = hit.as_ref().map(|hit| hit.entry_id);
        match held {
            crate::gate::HeldSave::Person {
                mut entry,
                add_companion,
            } => {
                entry.repeat_of = repeat_of;
                self.register.repeat = hit;
                self.send_person(*entry, move |app, saved| {
                    app.accept_registration_saved(add_companion, saved);
                });
            }
            crate::gate::HeldSave::Vehicle { mut entry, board } => {
                entry.repeat_of = repeat_of;
                self.vehicle.repeat = hit;
                let save = SaveVehicle {
                    entry: *entry,
                    prov: self.provenance(),
                    at: self.services.now(),
                };
                self.ask(save, move |app, saved| {
                    app.accept_vehicle_saved(board, saved);
                });
            }
        }
    }

    /// F9: the other language, kept as the kiosk's language (Settings shows it, saving Settings
    /// keeps it, and the next start opens in it), issue 22.
    fn toggle_language(&mut self) {
        self.lang = self.lang.toggled();
        if let Some(draft) = self.settings.draft.as_mut() {
            draft.language = self.lang;
        }
        let mut config = self.services.config.clone();
        config.language = self.lang;
        match self.services.data_dir.save_config(&config) {
            Ok(()) => self.services.config = config,
            Err(error) => {
                // The switch itself holds for this session; only keeping it failed.
                let lead = Said::from(crate::text::app::LANGUAGE_NOT_KEPT);
                self.settings.message = Some(Said::then(lead, ": ", &error.said()));
            }
        }
    }

    fn save_settings(&mut self) {
        let Some(draft) = self.settings.draft.take() else {
            return;
        };
        match self.services.data_dir.save_config(&draft) {
            Ok(()) => {
                self.lang = draft.language;
                let camera_changed = (draft.camera_index, draft.camera_resolution)
                    != (
                        self.services.config.camera_index,
                        self.services.config.camera_resolution,
                    );
                crate::ui::theme::apply_to_next_frame(&mut self.frame.styled);
                self.gate.set_rules(super::state::gate_rules(&draft));
                self.services.config = draft;
                if camera_changed {
                    self.services.restart_scanner();
                }
                self.settings.message = Some(crate::text::app::SETTINGS_SAVED.into());
            }
            Err(error) => {
                let lead = crate::text::app::SETTINGS_NOT_SAVED;
                self.settings.message = Some(Said::then(lead, ": ", &error.said()));
                self.settings.draft = Some(draft);
            }
        }
    }

    /// Reads the PEM bundle, adds it to the trust list and reloads the verifier, on a thread.
    fn import_trust(&mut self, path: &std::path::Path) {
        let data_dir = self.services.data_dir.clone();
        let path = path.to_path_buf();
        let work = move || -> TrustResult {
            let pem =
                std::fs::read_to_string(&path).map_err(crate::codes::CodesError::io(&path))?;
            let count = crate::codes::import_trust_pem(&data_dir, &pem)?;
            Ok((count, crate::codes::Verifier::load(&data_dir)?))
        };
        if let Err(error) = self
            .jobs
            .trust
            .start("trust-import", self.services.wake(), work)
        {
            // The system's reason for not starting a thread comes in English only.
            let lead = crate::text::app::IMPORT_FAILED;
            self.settings.message = Some(Said::then(lead, ": ", &Said::same(error.to_string())));
        }
    }

    pub(crate) fn accept_trust_result(&mut self, result: TrustResult) {
        self.settings.message = Some(match result {
            Ok((count, verifier)) => {
                self.services.verifier = verifier;
                crate::text::app::certificates_imported(count)
            }
            Err(error) => Said::then(crate::text::app::IMPORT_FAILED, ": ", &error.said()),
        });
    }

    fn void_entry(&mut self, entry_id: EntryId, reason: &str) {
        let reason = reason.trim().to_owned();
        if reason.is_empty() {
            self.log.message = Some(crate::text::app::VOID_NEEDS_REASON.into());
            return;
        }
        let void = Void {
            entry_id,
            reason,
            operator: self.duty.operator.clone(),
            at: self.services.now(),
        };
        self.ask(void, move |app, result| app.accept_void(entry_id, result));
    }

    /// Scans an image file (a screenshot of a code dropped on the window).
    pub fn open_image_file(&mut self, path: &std::path::Path) {
        self.handle(Command::OpenImage(path.to_path_buf()));
    }

    fn open_image(&mut self, path: &std::path::Path) {
        // Read and decoded (and scanned, when no pipeline will) on a thread of its own; see `poll`.
        let scan_here = self.services.scanner.is_none();
        if let Err(error) = self.services.stills.open(path.to_path_buf(), scan_here) {
            self.gate.tell(cannot_open_image(path, &error.to_string()));
        }
    }

    /// A picture file was opened (or not): show it to the scanner, or take the codes found.
    pub(crate) fn accept_still(&mut self, outcome: crate::scan::still_file::StillOutcome) {
        use crate::scan::still_file::StillOutcome;
        match outcome {
            StillOutcome::Opened {
                image,
                label,
                codes,
            } => match (&self.services.scanner, codes) {
                (Some(scanner), _) => scanner.show_still(image, label),
                (None, Some(codes)) => {
                    for code in codes {
                        self.accept_detected(&code);
                    }
                }
                (None, None) => {}
            },
            StillOutcome::Failed { path, message } => {
                self.gate.tell(cannot_open_image(&path, &message));
            }
        }
    }
}

/// "Cannot open the image", the file and why (the reason as the system or decoder gave it).
fn cannot_open_image(path: &std::path::Path, why: &str) -> Said {
    crate::text::app::cannot_open_image(path.display(), why)
}
