//! What the store thread answers, applied to the app's state once per frame. Every failure is
//! shown in the UI's language, and a save says "saved" only here, after its commit.

use super::state::{GateStatus, KioskApp, Pending, Screen};
use super::store_requests::{ReplyPayload, RequestError, StoreReply};

impl KioskApp {
    /// A store error in the UI's language.
    fn error_text(&self, error: &RequestError) -> String {
        match self.lang {
            crate::config::Language::ZhCn => error.zh(),
            crate::config::Language::En => error.to_string(),
        }
    }

    /// A person's entry committed: their outcome for the banner (in its own colour), with the
    /// banner's sound played once.
    fn announce_saved(
        &self,
        label: String,
        entry: &crate::model::PersonEntry,
    ) -> crate::ui::banner_view::Saved {
        let saved = crate::ui::banner_view::Saved {
            label,
            at: entry.recorded_at,
            colour: entry.details.colour,
            decision: entry.details.decision,
            fever: entry.fever,
            repeat: entry.details.repeat_of.is_some(),
        };
        let banner =
            crate::app::banner::banner(&crate::ui::banner_view::GateState::Saved(saved.clone()));
        if let Some(cue) = banner.sound {
            self.services.alert.play(cue);
        }
        saved
    }

    pub(crate) fn accept_reply(&mut self, reply: StoreReply) {
        let stale_repeat = self.repeat_request != Some(reply.request_id);
        let Some(what) = self.pending.remove(&reply.request_id) else {
            return;
        };
        match (what, reply.result) {
            (Pending::SavePerson, Ok(ReplyPayload::Person(entry))) => {
                let label = entry
                    .details
                    .code
                    .as_ref()
                    .map(|c| c.masked.clone())
                    .unwrap_or_default();
                self.last_saved = Some((label.clone(), entry.recorded_at));
                self.saved_outcome = Some(self.announce_saved(label.clone(), &entry));
                let passenger_of = entry.details.vehicle_id;
                if passenger_of.is_some()
                    && passenger_of == self.boarding.as_ref().map(|(id, _)| *id)
                {
                    // Counted, not closed: the volunteer says when everyone is in (a child
                    // without a code may be registered on the no-phone screen).
                    let (saved, on_board) = self.boarding_count;
                    self.boarding_count = (saved.saturating_add(1), on_board);
                }
                self.status = GateStatus::Saved {
                    label,
                    at: entry.recorded_at,
                };
                self.finish_person();
                self.request_counters();
                self.request_entries();
            }
            (Pending::SavePerson, Err(error)) => {
                let text = self.lang.pick("未保存", "NOT saved");
                self.status = GateStatus::Failed {
                    message: format!("{text}: {}", self.error_text(&error)),
                };
            }
            (Pending::SaveRegistration { add_companion }, Ok(ReplyPayload::Person(entry))) => {
                let who = entry
                    .details
                    .name
                    .as_ref()
                    .map(|n| n.masked.clone())
                    .unwrap_or_default();
                let saved = self.lang.pick("✓ 已保存", "✓ Saved");
                self.register.message = Some(format!(
                    "{saved} {who} {}",
                    crate::ui::time::clock_text(entry.recorded_at)
                ));
                self.register.saved = Some(self.announce_saved(who.clone(), &entry));
                // The next person starts with the temperature ready, not in the last field.
                self.release_focus = true;
                self.register.form = if add_companion {
                    self.register.form.next_companion()
                } else {
                    crate::ui::register_form::RegisterForm {
                        direction: self.direction,
                        ..Default::default()
                    }
                };
                self.request_counters();
                self.request_entries();
            }
            (Pending::SaveRegistration { .. }, Err(error)) => {
                let text = self.lang.pick("未保存", "NOT saved");
                self.register.message = Some(format!("{text}: {}", self.error_text(&error)));
            }
            (Pending::SaveVehicle { board }, Ok(ReplyPayload::Vehicle(entry))) => {
                self.services
                    .alert
                    .play(cue_for(entry.details.decision, false));
                if board {
                    self.boarding = Some((entry.entry_id, entry.details.plate.clone()));
                    self.boarding_count = (0, entry.details.passengers);
                    self.screen = Screen::Scan;
                }
                let saved = self.lang.pick("✓ 已保存", "✓ Saved");
                let repeat = self
                    .vehicle
                    .repeat
                    .as_ref()
                    .map(|hit| match self.lang {
                        crate::config::Language::ZhCn => format!(
                            " · 重复：已于 {} 在 {} 登记过",
                            crate::ui::time::clock_text(hit.at),
                            hit.gate
                        ),
                        crate::config::Language::En => format!(
                            " · Repeat: already registered at {} at {}",
                            crate::ui::time::clock_text(hit.at),
                            hit.gate
                        ),
                    })
                    .unwrap_or_default();
                self.vehicle.message = Some(format!(
                    "{saved} {} {}{repeat}",
                    entry.details.plate,
                    crate::ui::time::clock_text(entry.recorded_at)
                ));
                self.vehicle.form = crate::ui::vehicle_form::VehicleForm {
                    direction: self.vehicle.form.direction,
                    ..Default::default()
                };
                self.request_counters();
                self.request_entries();
            }
            (Pending::SaveVehicle { .. }, Err(error)) => {
                let text = self.lang.pick("未保存", "NOT saved");
                self.vehicle.message = Some(format!("{text}: {}", self.error_text(&error)));
            }
            (Pending::SignIn, Ok(ReplyPayload::Operator(operator))) => {
                self.operator = operator.name.clone();
                self.shift_view.pin.clear();
                self.shift_view.pin_again.clear();
                self.shift_view.message = Some(format!(
                    "{} {}",
                    self.lang.pick("✓ 已签到", "✓ Signed in"),
                    operator.name
                ));
                self.signed_in = Some(operator);
            }
            (Pending::Shift, Ok(ReplyPayload::Shift(shift))) => {
                let closed = shift.closed_at.is_some();
                self.shift_view.message = Some(
                    if closed {
                        self.lang
                            .pick("✓ 已交班，班次结束", "✓ Handed over; the shift is closed")
                    } else {
                        self.lang.pick("✓ 已开班", "✓ Shift opened")
                    }
                    .to_owned(),
                );
                self.report.report = None;
                self.report.sheet = None;
                self.shift_view.confirm_close = false;
                if closed {
                    self.shift_view.handover_note.clear();
                    // "生成本班报表" now covers this shift, from its start to its end.
                    self.report.closed_shift = Some(shift);
                    self.shift = None;
                } else {
                    self.report.closed_shift = None;
                    self.shift = Some(shift);
                }
            }
            (Pending::CurrentShift, Ok(ReplyPayload::CurrentShift(shift))) => self.shift = shift,
            (Pending::Report, Ok(ReplyPayload::ShiftReport(report))) => {
                self.report.message = None;
                self.report.sheet = Some(super::report_sheet::report_sheet(
                    &report,
                    &self.services.config.checkpoint_name,
                ));
                self.report.report = Some(*report);
            }
            (Pending::Export, Ok(ReplyPayload::Exported(count))) => {
                let written = self.report.pending_export.take().unwrap_or_default();
                self.report.message =
                    Some(if std::mem::take(&mut self.report.print_after_export) {
                        self.print_written(&written)
                    } else {
                        format!(
                            "{} {} ({count} {})",
                            self.lang.pick("✓ 已导出到", "✓ Exported to"),
                            written.display(),
                            self.lang.pick("条", "entries")
                        )
                    });
            }
            (Pending::SignIn | Pending::Shift | Pending::CurrentShift, Err(error)) => {
                self.shift_view.message = Some(self.error_text(&error));
            }
            (Pending::Import, Ok(ReplyPayload::Imported(summary))) => {
                self.report.message =
                    Some(crate::report::wording::import_message(self.lang, &summary));
            }
            (Pending::Report | Pending::Export | Pending::Import, Err(error)) => {
                self.report.print_after_export = false;
                self.report.message = Some(self.error_text(&error));
            }
            (Pending::OpenEntry, Ok(ReplyPayload::FoundPerson(Some(entry)))) => {
                self.log.opened = Some(crate::ui::entry_details::OpenedEntry::Person(entry));
            }
            (Pending::OpenEntry, Ok(ReplyPayload::FoundVehicle(Some(entry)))) => {
                self.log.opened = Some(crate::ui::entry_details::OpenedEntry::Vehicle(entry));
            }
            (Pending::Entries, Ok(ReplyPayload::Entries(rows))) => self.log.rows = rows,
            (Pending::Counters, Ok(ReplyPayload::Counters(counters))) => self.counters = counters,
            // The person this look-up was for has gone (saved or cancelled).
            (Pending::Repeat, _) if stale_repeat => {}
            (Pending::Repeat, Ok(ReplyPayload::Repeat(hit))) => {
                if hit.is_some() {
                    // The banner turns to "repeat": it sounds like every other exception.
                    self.services.alert.play(crate::model::sound::Cue::Alarm);
                }
                self.pass_reuse = self.pass_reuse_of(hit.as_ref());
                self.repeat = hit;
                self.repeat_answered();
            }
            (Pending::Repeat, Err(error)) => {
                // Without the look-up the person is still checked; say why no repeat shows.
                self.form_message = Some(super::state::FormMessage::RepeatCheckUnavailable {
                    zh: error.zh(),
                    en: error.to_string(),
                });
                self.repeat_answered();
            }
            (Pending::RepeatBeforeSave, Ok(ReplyPayload::Repeat(hit))) => self.save_held(hit),
            (Pending::RepeatBeforeSave, _) => self.save_held(None),
            (Pending::Void, Ok(_)) => {
                self.log.selected = None;
                self.log.void_reason.clear();
                self.log.message = Some(self.lang.pick("已作废", "Voided").to_owned());
                self.request_entries();
                self.request_counters();
            }
            (Pending::Void, Err(error)) => self.log.message = Some(self.error_text(&error)),
            (_, Err(error)) => self.log.message = Some(self.error_text(&error)),
            (_, Ok(_)) => {}
        }
    }
}

/// The sound a saved entry makes: a chime when the person or vehicle passes, the alarm otherwise.
fn cue_for(decision: crate::model::Decision, fever: bool) -> crate::model::sound::Cue {
    if decision == crate::model::Decision::Pass && !fever {
        crate::model::sound::Cue::Pass
    } else {
        crate::model::sound::Cue::Alarm
    }
}
