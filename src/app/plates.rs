//! The plate camera's side of the window (issue 26): starts the plate thread when the Vehicle
//! screen is first shown, hands it the newest frame while that screen is up, lets a read fill
//! the plate field and looks a filled plate up for a repeat at once, before saving.

use super::state::{KioskApp, Screen};
use super::store_requests::FindRepeat;
use crate::plate::worker::{PlateStatus, PlateWorker};
use crate::store::RepeatKey;
use crate::text::Bilingual;
use crate::ui::vehicle_camera::{CameraStatus, Offered, RepeatCheck};

impl KioskApp {
    /// Once per frame, from `poll`.
    pub(crate) fn poll_plates(&mut self) {
        if self.services.scanner.is_none()
            || (self.screen != Screen::Vehicle && self.services.plates.is_none())
        {
            return;
        }
        if self.services.plates.is_none() {
            self.services.plates = Some(PlateWorker::start(self.services.wake()));
        }
        let (Some(scanner), Some(plates)) = (&self.services.scanner, &self.services.plates) else {
            return;
        };
        if self.screen == Screen::Vehicle
            && let Some(frame) = scanner.latest_frame()
        {
            self.vehicle.camera.practice_frames = frame.source == crate::capture::SourceKind::Demo;
            plates.offer(frame);
        }
        let reads = plates.try_reads();
        let camera = &mut self.vehicle.camera;
        camera.status = match plates.status() {
            PlateStatus::Loading => CameraStatus::Loading,
            PlateStatus::Ready => CameraStatus::Ready,
            PlateStatus::Unavailable(error) => CameraStatus::Unavailable(error.said()),
        };
        camera.picture = self
            .preview
            .texture
            .as_ref()
            .map(|texture| (texture.id(), self.preview.size));
        let mut to_check = camera.wants_repeat_check.take();
        for read in reads {
            camera.last_ms = Some(read.ms);
            let Some(best) = read.plates.first() else {
                continue;
            };
            if let Offered::Filled(plate) = camera.offer(&mut self.vehicle.form, best) {
                to_check = Some(plate);
            }
        }
        if let Some(plate) = to_check {
            self.check_plate_repeat(plate);
        }
    }

    /// Looks the plate in the field up now, so that a repeat shows before the save.
    fn check_plate_repeat(&mut self, plate: String) {
        self.vehicle.camera.repeat = Some((plate.clone(), RepeatCheck::Asking));
        let since = self.services.now() - self.repeat_window();
        let key = RepeatKey::Plate(plate.clone());
        self.ask(FindRepeat { key, since }, move |app, found| {
            // A failed look-up is asked again at save time; here it only shows nothing.
            app.vehicle
                .camera
                .repeat_answered(&plate, found.ok().flatten());
        });
    }
}
