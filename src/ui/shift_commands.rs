//! Shift commands: sign in, open and close a shift, build and export its report, and exchange
//! entries with neighbouring gates.

use chrono::{Duration, Local, Offset};

use super::app::{KioskApp, Pending};
use crate::report::{ExportFormat, ReportScope};
use crate::store::{Role, StoreRequest};

/// How far back an export for neighbours reaches: far more than any repeat window, so a gate
/// that exchanges once a shift still catches every recent visitor.
const NEIGHBOUR_EXPORT_HOURS: i64 = 12;

impl KioskApp {
    pub(super) fn sign_in(&mut self) {
        let name = self.shift_view.name.trim().to_owned();
        if name.is_empty() {
            self.shift_view.message =
                Some(self.lang.pick("请输入姓名", "Type your name").to_owned());
            return;
        }
        let (role, pin) = if self.shift_view.leader {
            (Role::Leader, Some(self.shift_view.pin.clone()))
        } else {
            (Role::Volunteer, None)
        };
        let id = self.request(Pending::SignIn);
        let at = self.services.now();
        self.services.store.send(StoreRequest::SignIn {
            request_id: id,
            name,
            role,
            pin,
            at,
        });
    }

    pub(super) fn open_shift(&mut self) {
        let Some(leader) = self.signed_in.clone() else {
            return;
        };
        let id = self.request(Pending::Shift);
        let checkpoint_id = self.services.config.checkpoint_id.clone();
        let at = self.services.now();
        self.services.store.send(StoreRequest::OpenShift {
            request_id: id,
            leader,
            checkpoint_id,
            at,
        });
    }

    pub(super) fn close_shift(&mut self) {
        let Some(shift_id) = self.shift.as_ref().map(|shift| shift.shift_id) else {
            return;
        };
        let id = self.request(Pending::Shift);
        let request = StoreRequest::CloseShift {
            request_id: id,
            shift_id,
            handover_note: self.shift_view.handover_note.trim().to_owned(),
            at: self.services.now(),
        };
        self.services.store.send(request);
    }

    /// The open shift, or the last 8 hours when no shift is open.
    fn report_scope(&self) -> ReportScope {
        match &self.shift {
            Some(shift) => ReportScope::Shift(shift.clone()),
            None => {
                let to = self.services.now();
                ReportScope::Range {
                    from: to - Duration::hours(8),
                    to,
                    checkpoint_id: Some(self.services.config.checkpoint_id.clone()),
                }
            }
        }
    }

    pub(super) fn build_report(&mut self) {
        let id = self.request(Pending::Report);
        let scope = Box::new(self.report_scope());
        let tz = Local::now().offset().fix();
        self.report.message = Some(self.lang.pick("正在生成…", "Building…").to_owned());
        self.services.store.send(StoreRequest::ShiftReport {
            request_id: id,
            scope,
            tz,
        });
    }

    pub(super) fn export(&mut self, format: ExportFormat) {
        let at = self.services.now();
        let stamp = at.with_timezone(&Local).format("%Y%m%d-%H%M");
        let name = format!("shift-report-{stamp}.{}", format.as_str());
        self.export_to(self.report_scope(), format, &name, None);
    }

    /// This gate's last 12 hours, with keyed hashes, for neighbouring kiosks sharing our hashing
    /// secret: imported there, a person checked here is recognised as a repeat.
    pub(super) fn export_for_neighbours(&mut self) {
        let to = self.services.now();
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

    pub(super) fn import_neighbours(&mut self, path: std::path::PathBuf) {
        if path.as_os_str().is_empty() {
            self.report.message = Some(
                self.lang
                    .pick(
                        "请填写邻近卡口导出文件的路径",
                        "Type the path of the neighbour's export file",
                    )
                    .to_owned(),
            );
            return;
        }
        let id = self.request(Pending::Import);
        self.report.message = Some(self.lang.pick("正在导入…", "Importing…").to_owned());
        self.services.store.send(StoreRequest::Import {
            request_id: id,
            path,
            our_key_id: self.services.pii.key_id(),
        });
    }

    fn export_to(
        &mut self,
        scope: ReportScope,
        format: ExportFormat,
        file_name: &str,
        hash_key_id: Option<String>,
    ) {
        let folder = self.services.data_dir.root().join("exports");
        if let Err(error) = std::fs::create_dir_all(&folder) {
            self.report.message = Some(format!(
                "{} {}: {error}",
                self.lang
                    .pick("无法创建导出文件夹", "Cannot create the export folder"),
                folder.display()
            ));
            return;
        }
        let path = folder.join(file_name);
        let id = self.request(Pending::Export);
        let request = StoreRequest::Export {
            request_id: id,
            scope: Box::new(scope),
            format,
            path: path.clone(),
            exported_by: self.operator.clone(),
            at: self.services.now(),
            tz: Local::now().offset().fix(),
            hash_key_id,
        };
        self.report.pending_export = Some(path);
        self.report.message = Some(self.lang.pick("正在导出…", "Exporting…").to_owned());
        self.services.store.send(request);
    }
}
