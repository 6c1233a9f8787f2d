//! What the store thread answers, applied to the app's state once per frame: one continuation
//! per operation, given that operation's own result type, so each answer (and each failure)
//! lands where it was asked for. Every message is kept in both languages and shown in the UI's
//! language of the moment, and a save says "saved" only here, after its commit.

use super::state::{KioskApp, Screen};
use super::store_requests::{RequestError, ShiftsNow};
use crate::model::{Counters, EntryId, LogRow, Operator, RepeatHit, Shift};
use crate::model::{PersonEntry, VehicleEntry};
use crate::report::{ImportSummary, ShiftReport};
use crate::store::PurgeSummary;
use crate::text::{Bilingual, Said};
use crate::ui::entry_details::OpenedEntry;

impl KioskApp {
    /// A person's entry committed: their outcome for the banner (in its own colour), with the
    /// banner's sound played once.
    fn announce_saved(
        &self,
        label: String,
        entry: &crate::model::PersonEntry,
    ) -> crate::gate::Saved {
        let saved = crate::gate::Saved::of(label, entry);
        let banner = crate::gate::banner(&crate::gate::GateState::Saved(saved.clone()));
        if let Some(cue) = banner.sound {
            self.services.alert.play(cue);
        }
        saved
    }

    /// A person checked on the Scan screen is committed (or not: the gate keeps the form).
    pub(crate) fn accept_person_saved(&mut self, result: Result<PersonEntry, RequestError>) {
        let committed = result.is_ok();
        let result = result
            .map(|entry| {
                let label = entry
                    .details
                    .code
                    .as_ref()
                    .map(|c| c.masked.clone())
                    .unwrap_or_default();
                (label, entry)
            })
            .map_err(|error| not_saved(&error));
        let effects = self.gate.saved(result, self.services.now());
        self.run_gate_effects(effects);
        if committed {
            self.request_counters();
            self.request_entries();
        }
    }

    /// A person registered on the no-phone screen is committed (or not: the form is kept).
    pub(crate) fn accept_registration_saved(
        &mut self,
        add_companion: bool,
        result: Result<PersonEntry, RequestError>,
    ) {
        let entry = match result {
            Ok(entry) => entry,
            Err(error) => {
                self.register.message = Some(not_saved(&error));
                return;
            }
        };
        let who = entry
            .details
            .name
            .as_ref()
            .map(|n| n.masked.clone())
            .unwrap_or_default();
        let at = crate::ui::time::clock_text(entry.recorded_at);
        let repeat = self
            .register
            .repeat
            .as_ref()
            .filter(|_| entry.details.repeat_of.is_some())
            .map(|hit| repeat_note(hit, &self.services.config.checkpoint_id))
            .unwrap_or_default();
        self.register.message = Some(crate::text::app::person_saved(
            &who,
            &at,
            entry.details.decision,
            &repeat,
        ));
        self.register.saved = Some(self.announce_saved(who.clone(), &entry));
        // The next person starts in the ID number's field: an ID typed at once lands there
        // (the temperature takes digits once a button or the temperature field was touched).
        self.register.focus_document = true;
        self.register.form = if add_companion {
            self.register.form.next_companion(&entry)
        } else {
            // 出 was for that person: the next starts with the gate's own direction.
            crate::gate::register_form::RegisterForm {
                direction: self.services.config.gate_direction,
                ..Default::default()
            }
        };
        self.request_counters();
        self.request_entries();
    }

    /// A vehicle is committed (or not: the form is kept); boarding starts if it was asked for.
    pub(crate) fn accept_vehicle_saved(
        &mut self,
        board: bool,
        result: Result<VehicleEntry, RequestError>,
    ) {
        let entry = match result {
            Ok(entry) => entry,
            Err(error) => {
                self.vehicle.message = Some(not_saved(&error));
                return;
            }
        };
        let saved = crate::gate::VehicleSaved {
            entry_id: entry.entry_id,
            plate: entry.details.plate.clone(),
            at: entry.recorded_at,
            decision: entry.details.decision,
            repeat: entry.details.repeat_of.is_some(),
        };
        let state = crate::gate::VehicleState::Saved(saved.clone());
        if let Some(cue) = crate::gate::vehicle_banner(&state).sound {
            self.services.alert.play(cue);
        }
        self.vehicle.saved = Some(saved);
        if board {
            self.gate.board(
                entry.entry_id,
                entry.details.plate.clone(),
                entry.details.passengers,
            );
            self.screen = Screen::Scan;
        }
        let repeat = self
            .vehicle
            .repeat
            .as_ref()
            .map(|hit| repeat_note(hit, &self.services.config.checkpoint_id))
            .unwrap_or_default();
        let (plate, at) = (
            &entry.details.plate,
            crate::ui::time::clock_text(entry.recorded_at),
        );
        self.vehicle.message = Some(crate::text::app::vehicle_saved(
            plate,
            &at,
            entry.details.decision,
            &repeat,
        ));
        self.vehicle.form = crate::gate::vehicle_form::VehicleForm {
            direction: self.services.config.gate_direction,
            ..Default::default()
        };
        self.request_counters();
        self.request_entries();
    }

    pub(crate) fn accept_sign_in(&mut self, result: Result<Operator, RequestError>) {
        let operator = match result {
            Ok(operator) => operator,
            Err(error) => {
                // A refused PIN is typed again from scratch, with the keyboard in its field.
                self.shift_view.pin.clear();
                self.shift_view.pin_again.clear();
                self.shift_view.sponsor_pin.clear();
                self.shift_view.focus_pin = true;
                self.shift_view.message = Some(error.said());
                return;
            }
        };
        self.duty.operator = operator.name.clone();
        self.shift_view.pin.clear();
        self.shift_view.pin_again.clear();
        self.shift_view.sponsor_name.clear();
        self.shift_view.sponsor_pin.clear();
        self.shift_view.message = Some(crate::text::app::signed_in(&operator.name));
        self.duty.signed_in = Some(operator);
    }

    /// A shift opened or closed.
    pub(crate) fn accept_shift(&mut self, result: Result<Shift, RequestError>) {
        let shift = match result {
            Ok(shift) => shift,
            Err(error) => {
                self.shift_view.message = Some(error.said());
                return;
            }
        };
        let closed = shift.closed_at.is_some();
        self.shift_view.message = Some(if closed {
            crate::text::app::SHIFT_CLOSED.into()
        } else {
            crate::text::app::SHIFT_OPENED.into()
        });
        self.report.report = None;
        self.report.sheet = None;
        self.shift_view.confirm_close = false;
        if closed {
            self.shift_view.handover_note.clear();
            self.report.previous_shift = Some(shift.clone());
            // "生成本班报表" now covers this shift, from its start to its end.
            self.report.closed_shift = Some(shift.clone());
            self.duty.shift = None;
            // One press hands over and writes the report in every format to the stick.
            self.export_handover(shift);
        } else {
            self.report.closed_shift = None;
            self.duty.shift = Some(shift);
        }
    }

    /// The shift open at this checkpoint (after a restart the shift goes on).
    pub(crate) fn accept_current_shift(&mut self, result: Result<ShiftsNow, RequestError>) {
        match result {
            Ok(shifts) => {
                self.duty.shift = shifts.open;
                self.report.previous_shift = shifts.last_closed;
            }
            Err(error) => self.shift_view.message = Some(error.said()),
        }
    }

    pub(crate) fn accept_report(&mut self, result: Result<ShiftReport, RequestError>) {
        match result {
            Ok(report) => {
                self.report.message = None;
                self.report.sheet = Some(super::report_sheet::report_sheet(
                    &report,
                    &self.services.config.checkpoint_name,
                ));
                self.report.report = Some(report);
            }
            Err(error) => self.report_failed(&error),
        }
    }

    /// The export file is written: say where (or, for printing, open or print it).
    pub(crate) fn accept_export(&mut self, result: Result<u64, RequestError>) {
        let count = match result {
            Ok(count) => count,
            Err(error) => {
                self.report_failed(&error);
                return;
            }
        };
        let written = self.report.pending_export.take().unwrap_or_default();
        self.report.message = Some(if std::mem::take(&mut self.report.print_after_export) {
            super::shift_commands::print_written(&written)
        } else {
            crate::text::app::exported_to(written.display(), count)
        });
    }

    pub(crate) fn accept_import(&mut self, result: Result<ImportSummary, RequestError>) {
        match result {
            Ok(summary) => {
                self.report.message = Some(crate::report::wording::import_message(&summary));
                if summary.passes.kept > 0 {
                    // New pass keys or revocations: the gate judges the next pass with them.
                    self.reload_passes();
                }
                // Other gates' entries: the person open now may have been seen there.
                let effects = self.gate.look_again();
                self.run_gate_effects(effects);
            }
            Err(error) => self.report_failed(&error),
        }
    }

    /// A report, export or import failed: said beside the report, and no printing follows.
    fn report_failed(&mut self, error: &RequestError) {
        self.report.print_after_export = false;
        self.report.message = Some(error.said());
    }

    /// A person's entry opened from the log.
    pub(crate) fn accept_opened_person(
        &mut self,
        result: Result<Option<PersonEntry>, RequestError>,
    ) {
        let opened = result.map(|found| found.map(|entry| OpenedEntry::Person(Box::new(entry))));
        self.show_opened(opened);
    }

    /// A vehicle's entry opened from the log.
    pub(crate) fn accept_opened_vehicle(
        &mut self,
        result: Result<Option<VehicleEntry>, RequestError>,
    ) {
        let opened = result.map(|found| found.map(|entry| OpenedEntry::Vehicle(Box::new(entry))));
        self.show_opened(opened);
    }

    /// Shows the opened entry, or says on the log why there is none.
    fn show_opened(&mut self, opened: Result<Option<OpenedEntry>, RequestError>) {
        match opened {
            Ok(Some(entry)) => self.log.opened = Some(entry),
            // Purged (or voided away) between the log query and the click.
            Ok(None) => {
                self.log.message = Some(crate::text::app::ENTRY_GONE.into());
            }
            Err(error) => self.log.message = Some(error.said()),
        }
    }

    /// The log's rows, unless a newer query was asked meanwhile.
    pub(crate) fn accept_entries(&mut self, id: u64, result: Result<Vec<LogRow>, RequestError>) {
        if self.jobs.log_query != Some(id) {
            return;
        }
        match result {
            Ok(rows) => self.log.rows = rows,
            Err(error) => self.log.message = Some(error.said()),
        }
    }

    pub(crate) fn accept_counters(&mut self, result: Result<Counters, RequestError>) {
        match result {
            Ok(counters) => self.counters = counters,
            Err(error) => {
                let lead = crate::text::app::COUNTERS_STALE;
                self.tell_on_screen(Said::then(lead, ": ", &error.said()));
            }
        }
    }

    /// The open form's repeat look-up answered; answers for forms since closed are dropped.
    pub(crate) fn accept_repeat(
        &mut self,
        id: u64,
        result: Result<Option<RepeatHit>, RequestError>,
    ) {
        let reuse = result
            .as_ref()
            .ok()
            .and_then(|hit| self.pass_reuse_of(hit.as_ref()));
        let answer = result.map_err(|error| error.said());
        let effects = self.gate.repeat_answered(id, answer, reuse);
        self.run_gate_effects(effects);
    }

    /// The look-up a held no-phone person or vehicle waited for. A failed look-up still saves
    /// the entry, unmarked: losing the person would be worse than missing a repeat.
    pub(crate) fn accept_held_repeat(&mut self, result: Result<Option<RepeatHit>, RequestError>) {
        self.save_held(result.unwrap_or_default());
    }

    pub(crate) fn accept_void(&mut self, entry_id: EntryId, result: Result<(), RequestError>) {
        if let Err(error) = result {
            self.log.message = Some(error.said());
            return;
        }
        // The voided entry leaves no "saved" line behind on any screen (issue 22).
        self.gate.forget_voided(entry_id);
        if self
            .register
            .saved
            .as_ref()
            .is_some_and(|saved| saved.entry_id == entry_id)
        {
            self.register.saved = None;
            self.register.message = None;
        }
        if self
            .vehicle
            .saved
            .as_ref()
            .is_some_and(|saved| saved.entry_id == entry_id)
        {
            self.vehicle.saved = None;
            self.vehicle.message = None;
        }
        self.log.selected = None;
        self.log.void_reason.clear();
        self.log.message = Some(crate::text::terms::VOIDED.into());
        self.request_entries();
        self.request_counters();
    }

    /// The retention purge ran. What it deleted is counted in the audit log; nobody waits to
    /// be told. A failure is said on Settings, beside the retention limit that asked for it.
    pub(crate) fn accept_purge(&mut self, result: Result<PurgeSummary, RequestError>) {
        if let Err(error) = result {
            let lead = crate::text::app::PURGE_FAILED;
            self.settings.message = Some(Said::then(lead, ": ", &error.said()));
        }
    }

    /// A message for whoever is at the window, on the screen they are looking at. The Scan
    /// screen keeps its lines for the person being checked, so there it goes to the log.
    fn tell_on_screen(&mut self, message: Said) {
        let line = match self.screen {
            Screen::Scan | Screen::Log => &mut self.log.message,
            Screen::Register => &mut self.register.message,
            Screen::Vehicle => &mut self.vehicle.message,
            Screen::Shift => &mut self.shift_view.message,
            Screen::Settings => &mut self.settings.message,
        };
        *line = Some(message);
    }
}

/// "Not saved" and why, for the screen that kept its form.
fn not_saved(error: &RequestError) -> Said {
    Said::then(crate::text::app::NOT_SAVED, ": ", &error.said())
}

/// " · repeat: already registered at … at …", said after a saved vehicle that was seen before.
fn repeat_note(hit: &RepeatHit, own_checkpoint: &str) -> Said {
    let at = crate::ui::time::clock_text(hit.at);
    let place = crate::text::gate::repeat_place(hit, own_checkpoint);
    crate::text::app::repeat_note(&at, &place)
}
