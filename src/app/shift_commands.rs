//! Shift commands: sign in, open and close a shift, build and export its report, and exchange
//! entries with neighbouring gates.

use chrono::{Duration, Local, Offset};

use super::state::KioskApp;
use super::store_requests::{
    BuildShiftReport, CloseShift, Export, Import, OpenShift, PassFiles, SignIn,
};
use crate::app::export_place::{self, PrintRoute};
use crate::config::Language;
use crate::model::{Role, Shift};
use crate::report::{ExportFormat, ReportScope};
use crate::text::app as words;
use crate::text::{Bilingual as _, Said};

/// How far back an export for neighbours reaches: far more than any repeat window, so a gate
/// that exchanges once a shift still catches every recent visitor.
const NEIGHBOUR_EXPORT_HOURS: i64 = 12;

impl KioskApp {
    pub(crate) fn sign_in(&mut self) {
        let name = self.shift_view.name.trim().to_owned();
        if name.is_empty() {
            self.shift_view.message = Some(Said::from(words::TYPE_YOUR_NAME));
            return;
        }
        let view = &self.shift_view;
        let (role, pin, pin_again, sponsor) = if view.leader {
            let sponsor = (!view.sponsor_name.trim().is_empty())
                .then(|| (view.sponsor_name.clone(), view.sponsor_pin.clone()));
            (
                Role::Leader,
                Some(view.pin.clone()),
                Some(view.pin_again.clone()),
                sponsor,
            )
        } else {
            (Role::Volunteer, None, None, None)
        };
        let sign_in = SignIn {
            name,
            role,
            pin,
            pin_again,
            sponsor,
            at: self.services.now(),
        };
        self.ask(sign_in, KioskApp::accept_sign_in);
    }

    pub(crate) fn open_shift(&mut self) {
        let Some(leader) = self.duty.signed_in.clone() else {
            return;
        };
        let at = self.services.now();
        let open = OpenShift {
            leader,
            checkpoint_id: self.services.config.checkpoint_id.clone(),
            at,
            adopt_since: crate::ui::time::start_of_local_day(at),
        };
        self.ask(open, KioskApp::accept_shift);
    }

    /// Closes the open shift; the screen asked the leader to confirm first.
    pub(crate) fn close_shift(&mut self) {
        self.shift_view.confirm_close = false;
        let Some(shift_id) = self.duty.shift.as_ref().map(|shift| shift.shift_id) else {
            return;
        };
        let close = CloseShift {
            shift_id,
            handover_note: self.shift_view.handover_note.trim().to_owned(),
            at: self.services.now(),
        };
        self.ask(close, KioskApp::accept_shift);
    }

    /// The open shift; else the shift just closed (its start to its end); else the last 8 hours.
    fn report_scope(&self) -> ReportScope {
        if let Some(shift) = self
            .duty
            .shift
            .as_ref()
            .or(self.report.closed_shift.as_ref())
        {
            ReportScope::Shift(shift.clone())
        } else {
            let to = self.services.now();
            ReportScope::Range {
                from: to - Duration::hours(8),
                to,
                checkpoint_id: Some(self.services.config.checkpoint_id.clone()),
            }
        }
    }

    pub(crate) fn build_report(&mut self) {
        let build = BuildShiftReport {
            scope: self.report_scope(),
            tz: Local::now().offset().fix(),
        };
        self.report.message = Some(Said::from(words::BUILDING));
        self.refresh_export_places();
        self.ask(build, KioskApp::accept_report);
    }

    pub(crate) fn export(&mut self, format: ExportFormat) {
        let at = self.services.now();
        let stamp = at.with_timezone(&Local).format("%Y%m%d-%H%M");
        let name = format!("shift-report-{stamp}.{}", format.as_str());
        self.report.print_after_export = false;
        self.export_to(self.report_scope(), format, &name, None);
    }

    /// Writes the printable page, then (on the reply) opens it in the browser or prints it.
    pub(crate) fn print(&mut self) {
        let stamp = self
            .services
            .now()
            .with_timezone(&Local)
            .format("%Y%m%d-%H%M");
        let name = format!("shift-report-{stamp}.html");
        self.report.print_after_export = true;
        self.export_to(self.report_scope(), ExportFormat::Html, &name, None);
    }

    /// The "查找U盘" button.
    pub(crate) fn refresh_export_places_now(&mut self) {
        self.refresh_export_places();
        let removable = self.report.places.iter().any(|place| place.removable);
        if !removable {
            self.report.message = Some(Said::from(words::NO_USB_DRIVE));
        }
    }

    /// Looks for removable drives again (reads /proc/mounts; never waits for a drive).
    pub(crate) fn refresh_export_places(&mut self) {
        let drives = self.devices.usb.roots.mounted();
        let places = export_place::export_places(self.services.data_dir.root(), drives);
        let plugged_in = places
            .iter()
            .find(|place| place.removable && !self.report.places.contains(place))
            .map(|place| place.folder.display().to_string());
        self.report.chosen_place =
            chosen_after_refresh(&self.report.places, self.report.chosen_place, &places);
        let first_look = self.report.places.is_empty();
        self.report.places = places;
        // A stick plugged in while the screen is open replaces "no USB drive found".
        if let (Some(folder), false) = (plugged_in, first_look) {
            self.report.message = Some(words::usb_drive_found(&folder));
        }
    }

    /// While the Shift screen is open, looks for USB sticks every few seconds: a stick plugged
    /// in while the window runs is offered (and chosen) within seconds.
    pub(crate) fn poll_export_places(&mut self, ctx: &egui::Context) {
        if self.screen != super::state::Screen::Shift {
            return;
        }
        if self.devices.usb.places_due() {
            self.refresh_export_places();
        }
        ctx.request_repaint_after(super::usb_drives::PLACES_EVERY);
    }

    /// The folder the leader chose (a USB drive first when one is plugged in).
    fn export_folder(&mut self) -> std::path::PathBuf {
        if self.report.places.is_empty() {
            self.refresh_export_places();
        }
        self.report
            .places
            .get(self.report.chosen_place)
            .map_or_else(
                || self.services.data_dir.root().join("exports"),
                |place| place.folder.clone(),
            )
    }

    /// This gate's last 12 hours, with keyed hashes, for neighbouring kiosks sharing our hashing
    /// secret: imported there, a person checked here is recognised as a repeat.
    pub(crate) fn export_for_neighbours(&mut self) {
        let to = self.services.now();
        self.report.print_after_export = false;
        let checkpoint_id = self.services.config.checkpoint_id.clone();
        let stamp = to.with_timezone(&Local).format("%Y%m%d-%H%M");
        let name = format!("neighbours-{checkpoint_id}-{stamp}.json");
        let scope = ReportScope::Range {
            from: to - Duration::hours(NEIGHBOUR_EXPORT_HOURS),
            to,
            checkpoint_id: Some(checkpoint_id),
        };
        let key_id = self.services.pii.key_id();
        self.export_to(scope, ExportFormat::Json, &name, Some(key_id));
    }

    pub(crate) fn import_neighbours(&mut self, path: std::path::PathBuf) {
        if path.as_os_str().is_empty() {
            self.report.message = Some(Said::from(words::NEIGHBOUR_FILE_NEEDED));
            return;
        }
        self.report.message = Some(Said::from(words::IMPORTING));
        let import = Import {
            path,
            our_key_id: self.services.pii.key_id(),
            our_checkpoint_id: self.services.config.checkpoint_id.clone(),
            passes: self.pass_files(),
        };
        self.ask(import, KioskApp::accept_import);
    }

    /// Right after a hand-over: the closed shift's report in every format, one file after the
    /// other, to the chosen place (a USB stick when one is plugged in, looked for again now).
    pub(crate) fn export_handover(&mut self, shift: Shift) {
        self.refresh_export_places();
        let folder = self.export_folder();
        let closed = shift.closed_at.unwrap_or_else(|| self.services.now());
        let stamp = closed
            .with_timezone(&Local)
            .format("%Y%m%d-%H%M")
            .to_string();
        self.report.message = Some(Said::from(words::EXPORTING_HANDOVER));
        let files = HANDOVER_FORMATS
            .iter()
            .map(|format| {
                let path = folder.join(format!("handover-{stamp}.{}", format.as_str()));
                (*format, path)
            })
            .collect();
        self.export_next_handover_file(shift, files, Vec::new());
    }

    fn export_next_handover_file(
        &mut self,
        shift: Shift,
        mut left: std::collections::VecDeque<(ExportFormat, std::path::PathBuf)>,
        mut written: Vec<std::path::PathBuf>,
    ) {
        let Some((format, path)) = left.pop_front() else {
            self.report.message = Some(handover_written(&written));
            return;
        };
        let export = self.export_request(
            ReportScope::Shift(shift.clone()),
            format,
            path.clone(),
            None,
        );
        self.ask(export, move |app, result| match result {
            Ok(_) => {
                written.push(path);
                app.export_next_handover_file(shift, left, written);
            }
            Err(error) => {
                let failed = error.said();
                app.report.message = Some(Said::in_both(|lang| {
                    format!(
                        "{}{}",
                        handover_written(&written).text(lang),
                        failed.text(lang)
                    )
                }));
            }
        });
    }

    fn pass_files(&self) -> PassFiles {
        PassFiles {
            keys_dir: self.services.data_dir.keys_dir(),
            district: self.services.pii.clone(),
        }
    }

    /// An export of `scope` to `path`, by whoever works the gate, worded in the UI's language.
    fn export_request(
        &self,
        scope: ReportScope,
        format: ExportFormat,
        path: std::path::PathBuf,
        hash_key_id: Option<String>,
    ) -> Export {
        Export {
            scope,
            format,
            path,
            exported_by: self.duty.operator.clone(),
            at: self.services.now(),
            tz: Local::now().offset().fix(),
            hash_key_id,
            lang: self.lang,
            checkpoint_name: Some(self.services.config.checkpoint_name.clone()),
            passes_for_neighbours: Some(self.pass_files()),
            include_practice: self.report.include_practice,
        }
    }

    fn export_to(
        &mut self,
        scope: ReportScope,
        format: ExportFormat,
        file_name: &str,
        hash_key_id: Option<String>,
    ) {
        // The store thread makes the folder: a slow USB drive never stalls the window.
        let path = self.export_folder().join(file_name);
        let export = self.export_request(scope, format, path.clone(), hash_key_id);
        self.report.pending_export = Some(path);
        self.report.message = Some(Said::from(words::EXPORTING));
        self.ask(export, KioskApp::accept_export);
    }
}

/// The formats a hand-over writes, in this order.
const HANDOVER_FORMATS: [ExportFormat; 4] = [
    ExportFormat::Xlsx,
    ExportFormat::Csv,
    ExportFormat::Json,
    ExportFormat::Html,
];

/// Which of the hand-over's files are written, and where.
fn handover_written(written: &[std::path::PathBuf]) -> Said {
    let folder = written
        .first()
        .and_then(|path| path.parent())
        .map(|folder| folder.display().to_string())
        .unwrap_or_default();
    let names: Vec<String> = written
        .iter()
        .filter_map(|path| path.file_name())
        .map(|name| name.to_string_lossy().into_owned())
        .collect();
    let count = names.len();
    let names = names.join("、");
    words::handover_written(count, &folder, &names)
}

/// The place to keep chosen after the list of places changed: a drive just plugged in is
/// chosen (the leader plugged it in to use it); otherwise the leader's choice is kept.
fn chosen_after_refresh(
    before: &[export_place::ExportPlace],
    chosen: usize,
    now: &[export_place::ExportPlace],
) -> usize {
    let new_drive = now
        .iter()
        .position(|place| place.removable && !before.contains(place));
    let kept = before
        .get(chosen)
        .and_then(|chosen| now.iter().position(|place| place == chosen));
    new_drive.or(kept).unwrap_or(0)
}

/// After the printable page is written: open it or print it, and say which.
pub(super) fn print_written(path: &std::path::Path) -> Said {
    let route = export_place::print_route();
    let started = export_place::start_print(route, path);
    Said::in_both(|lang| print_words(route, started.as_ref(), path, lang))
}

/// What became of the printable page, in one language.
fn print_words(
    route: PrintRoute,
    started: Result<&(), &std::io::Error>,
    path: &std::path::Path,
    lang: Language,
) -> String {
    let printed = match (route, started) {
        (PrintRoute::Nothing, _) => words::PagePrinted::NoWay,
        (_, Err(error)) => words::PagePrinted::Failed(error),
        (PrintRoute::Printer, Ok(())) => words::PagePrinted::ToPrinter,
        (PrintRoute::Browser, Ok(())) => words::PagePrinted::InBrowser,
    };
    words::page_printed(&printed, path.display(), lang)
}
