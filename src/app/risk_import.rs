//! Importing a risk-area list in Settings: read the file the leader picked (at most the size a
//! list can have), check it whole, keep it as `risk_areas.json` in the data folder and put it in
//! force at once. A refused file changes nothing, and the message says why.

use std::io::Read;
use std::path::Path;

use crate::model::risk::{RiskError, RiskList};
use crate::model::risk_import::{MAX_FILE_BYTES, import_risk_list};
use crate::text::{Bilingual, Said};

use super::state::{KioskApp, Screen};

impl KioskApp {
    pub(crate) fn import_risk_list(&mut self, path: &Path) {
        let today = self.services.now().date_naive();
        let message = match read_list(path, today) {
            Ok(list) => {
                let file = self.services.data_dir.root().join("risk_areas.json");
                match crate::config::write_atomically(&file, list.to_json().as_bytes()) {
                    Ok(()) => {
                        let said = crate::text::origin::list_summary(
                            list.updated(),
                            list.source(),
                            list.areas().len(),
                        );
                        self.services.risks = list;
                        Said::then(crate::text::app::IMPORTED, " ", &said)
                    }
                    Err(error) => Said::then(
                        crate::text::app::RISK_LIST_NOT_IMPORTED,
                        ": ",
                        &error.said(),
                    ),
                }
            }
            Err(said) => Said::then(crate::text::app::RISK_LIST_NOT_IMPORTED, ": ", &said),
        };
        self.settings.message = Some(message);
    }

    /// While Settings is open, the CSV and JSON files on the USB sticks are offered.
    pub(crate) fn poll_risk_files(&mut self, ctx: &egui::Context) {
        if self.screen != Screen::Settings || self.first_run.is_some() {
            return;
        }
        if let Some(files) = self.devices.usb.take_files() {
            self.settings.risk_import.stick_files = files
                .into_iter()
                .filter(|file| crate::ui::risk_list_ui::is_list_file(file))
                .collect();
        }
        self.devices.usb.relist(self.services.wake(), false);
        ctx.request_repaint_after(std::time::Duration::from_secs(3));
    }
}

fn read_list(path: &Path, today: chrono::NaiveDate) -> Result<RiskList, Said> {
    let file = std::fs::File::open(path)
        .map_err(|error| crate::text::app::cannot_open_list(path.display(), error))?;
    let mut bytes = Vec::new();
    // One byte more than allowed tells a file that is too large without reading all of it.
    file.take(MAX_FILE_BYTES as u64 + 1)
        .read_to_end(&mut bytes)
        .map_err(|error| crate::text::app::cannot_read_list(path.display(), error))?;
    import_risk_list(&bytes, today).map_err(|error: RiskError| error.said())
}
