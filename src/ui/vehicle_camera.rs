//! The plate camera on the Vehicle screen (issue 26): its live picture, the plate it read with
//! how sure it is, a doubtful read offered as a suggestion to tap, the plate's kind, and a
//! repeat flagged as soon as the plate is known (before saving). Typing always wins: a read
//! never overwrites what the volunteer typed.
//!
//! Pure state and drawing; the plate thread and the repeat look-up are the app's
//! (`app::plates`).

use egui::{Color32, RichText};

use super::view_ctx::ViewCtx;
use crate::gate::vehicle_form::VehicleForm;
use crate::model::RepeatHit;
use crate::model::plate::Plate;
use crate::model::plate_read::ReadPlate;
use crate::text::screens::vehicle_camera as screen_words;
use crate::text::{Said, plate as words};

/// What the Vehicle screen knows of the plate camera.
#[derive(Debug, Default)]
pub struct PlateCameraView {
    pub status: CameraStatus,
    /// The read now in the plate field (the field still shows its text).
    pub filled: Option<ReadPlate>,
    /// A read that was not sure enough, or that typing overrode: offered, tapped to use.
    pub suggestion: Option<ReadPlate>,
    /// The plate whose repeat look-up runs or answered, and its answer.
    pub repeat: Option<(String, RepeatCheck)>,
    /// Set by a tap on the suggestion: the app looks the plate up.
    pub wants_repeat_check: Option<String>,
    /// The live picture (the preview's texture) and its size.
    pub picture: Option<(egui::TextureId, [usize; 2])>,
    /// Milliseconds the last read took.
    pub last_ms: Option<f64>,
    /// The plate field as last seen: emptied means saved or cleared.
    field_seen: String,
    /// The pictures the plate camera reads are practice (the demo feed or `run --feed`).
    pub practice_frames: bool,
    /// The read in the field came from a practice picture.
    filled_in_practice: bool,
}

#[derive(Debug, Clone, Default, PartialEq)]
pub enum CameraStatus {
    /// No live source and no plate thread (tests without a camera).
    #[default]
    Off,
    Loading,
    Ready,
    /// The models are missing or damaged: said once, typing works as before.
    Unavailable(Said),
}

#[derive(Debug, Clone, PartialEq)]
pub enum RepeatCheck {
    Asking,
    Seen(RepeatHit),
    NotSeen,
}

/// What a read did to the form.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Offered {
    /// The plate field now holds this plate: look it up for a repeat.
    Filled(String),
    /// Shown as a suggestion only.
    Suggested,
    /// The field already holds this plate.
    Same,
}

impl PlateCameraView {
    /// A plate read from a new picture. It fills the field when it is sure and the field is
    /// empty or still holds an earlier read (the next car); otherwise it is a suggestion.
    pub fn offer(&mut self, form: &mut VehicleForm, read: &ReadPlate) -> Offered {
        self.forget_if_typed_over(form);
        if normalised(&form.plate_text) == read.text {
            if let Some(filled) = &mut self.filled {
                filled.confidence = filled.confidence.max(read.confidence);
            }
            return Offered::Same;
        }
        let field_is_ours = form.plate_text.trim().is_empty() || self.filled.is_some();
        if read.is_sure() && field_is_ours && !form.plate_other {
            self.fill(form, read.clone());
            return Offered::Filled(read.text.clone());
        }
        self.suggestion = Some(read.clone());
        Offered::Suggested
    }

    /// The volunteer tapped the suggestion.
    pub fn accept_suggestion(&mut self, form: &mut VehicleForm) {
        if let Some(read) = self.suggestion.take() {
            self.wants_repeat_check = Some(read.text.clone());
            self.fill(form, read);
        }
    }

    fn fill(&mut self, form: &mut VehicleForm, read: ReadPlate) {
        form.plate_text.clone_from(&read.text);
        form.plate_other = false;
        if self
            .suggestion
            .as_ref()
            .is_some_and(|s| s.text == read.text)
        {
            self.suggestion = None;
        }
        self.repeat = None;
        self.filled = Some(read);
        self.filled_in_practice = self.practice_frames;
    }

    /// Whether `plate` is the read a practice picture put in the field: such a car is practice,
    /// never counted (issue 22). A plate typed over it is a real car.
    pub fn is_practice_plate(&self, plate: &str) -> bool {
        self.filled_in_practice && self.filled.as_ref().is_some_and(|read| read.text == plate)
    }

    /// The volunteer typed over the read, or the form was saved and emptied: the read is no
    /// longer what the field says.
    pub fn forget_if_typed_over(&mut self, form: &VehicleForm) {
        let field = normalised(&form.plate_text);
        if self.filled.as_ref().is_some_and(|read| read.text != field) {
            self.filled = None;
        }
        if self
            .repeat
            .as_ref()
            .is_some_and(|(plate, _)| *plate != field)
        {
            self.repeat = None;
        }
        if field.is_empty() && !self.field_seen.is_empty() {
            // Saved (or cleared): an old suggestion belongs to the car that left.
            self.suggestion = None;
        }
        self.field_seen = field;
    }

    /// The repeat look-up for `plate` answered.
    pub fn repeat_answered(&mut self, plate: &str, hit: Option<RepeatHit>) {
        if let Some((asked, check)) = &mut self.repeat
            && asked == plate
        {
            *check = hit.map_or(RepeatCheck::NotSeen, RepeatCheck::Seen);
        }
    }
}

/// The plate as the grammar stores it, or the trimmed text when it is no valid plate.
fn normalised(text: &str) -> String {
    Plate::parse(text).map_or_else(
        |_| text.trim().to_owned(),
        |plate| plate.as_str().to_owned(),
    )
}

/// The camera's picture and what it read, above the plate field.
pub fn plate_camera_ui(
    ui: &mut egui::Ui,
    view: &mut PlateCameraView,
    form: &mut VehicleForm,
    ctx: &ViewCtx,
) {
    let lang = ctx.lang;
    view.forget_if_typed_over(form);
    if view.status == CameraStatus::Off {
        return;
    }
    ui.horizontal(|ui| {
        if let Some((texture, [w, h])) = &view.picture {
            let height = 150.0;
            let width = height * *w as f32 / (*h).max(1) as f32;
            ui.add(egui::Image::from_texture(egui::load::SizedTexture::new(
                *texture,
                egui::vec2(width, height),
            )));
        }
        ui.vertical(|ui| {
            ui.label(RichText::new(words::CAMERA.say(lang)).strong());
            match &view.status {
                CameraStatus::Off => {}
                CameraStatus::Loading => {
                    ui.label(words::LOADING.say(lang));
                }
                CameraStatus::Unavailable(said) => {
                    ui.label(RichText::new(said.text(lang)).color(ui.visuals().warn_fg_color));
                }
                CameraStatus::Ready if view.picture.is_none() => {
                    ui.label(words::NO_LIVE_PICTURE.say(lang));
                }
                CameraStatus::Ready => {
                    if view.filled.is_none() && view.suggestion.is_none() {
                        ui.label(words::WAITING.say(lang));
                    }
                }
            }
            if let Some(read) = &view.filled {
                ui.label(
                    RichText::new(format!(
                        "{} {} · {:.0}% · {} {}",
                        words::FILLED.say(lang),
                        read.text,
                        read.confidence * 100.0,
                        words::KIND.say(lang),
                        screen_words::plate_colour(read.kind).say(lang),
                    ))
                    .size(super::theme::scaled(ui, 18.0)),
                );
            }
            let mut tapped = false;
            if let Some(read) = &view.suggestion {
                ui.horizontal(|ui| {
                    ui.label(words::SUGGESTION.say(lang));
                    let key = format!(
                        "{} ({}, {:.0}%)",
                        read.text,
                        screen_words::plate_colour(read.kind).say(lang),
                        read.confidence * 100.0
                    );
                    tapped = ui
                        .button(RichText::new(key).size(super::theme::scaled(ui, 20.0)))
                        .clicked();
                });
            }
            if tapped {
                view.accept_suggestion(form);
            }
            repeat_line(ui, view, ctx);
        });
    });
}

fn repeat_line(ui: &mut egui::Ui, view: &PlateCameraView, ctx: &ViewCtx) {
    let (lang, own_checkpoint) = (ctx.lang, ctx.config.checkpoint_id.as_str());
    let Some((_, check)) = &view.repeat else {
        return;
    };
    match check {
        RepeatCheck::Asking => {
            ui.label(words::REPEAT_CHECKING.say(lang));
        }
        RepeatCheck::NotSeen => {
            ui.label(words::REPEAT_NONE.say(lang));
        }
        RepeatCheck::Seen(hit) => {
            let at = super::time::clock_text(hit.at);
            let place = crate::text::gate::repeat_place(hit, own_checkpoint);
            let said = screen_words::repeat_vehicle(&at, &place);
            ui.label(
                RichText::new(said.text(lang))
                    .size(super::theme::scaled(ui, 24.0))
                    .strong()
                    .color(Color32::from_rgb(200, 110, 0)),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::plate_read::PlateColour;

    fn read(text: &str, confidence: f32) -> ReadPlate {
        ReadPlate {
            text: text.to_owned(),
            kind: PlateColour::Blue,
            confidence,
            corners: [[0.0; 2]; 4],
        }
    }

    #[test]
    fn a_sure_read_fills_an_empty_field_and_a_doubtful_one_waits_for_a_tap() {
        let mut view = PlateCameraView::default();
        let mut form = VehicleForm::default();
        assert_eq!(
            view.offer(&mut form, &read("京A12345", 0.97)),
            Offered::Filled("京A12345".into())
        );
        assert_eq!(form.plate_text, "京A12345");
        assert_eq!(
            view.offer(&mut form, &read("京A12345", 0.99)),
            Offered::Same
        );
        // The next car, read doubtfully: the field keeps the last plate, the new one is offered.
        assert_eq!(
            view.offer(&mut form, &read("沪B7K290", 0.6)),
            Offered::Suggested
        );
        assert_eq!(form.plate_text, "京A12345");
        view.accept_suggestion(&mut form);
        assert_eq!(form.plate_text, "沪B7K290");
        assert_eq!(view.wants_repeat_check.as_deref(), Some("沪B7K290"));
    }

    #[test]
    fn a_plate_read_from_practice_pictures_is_practice_until_typed_over() {
        let mut view = PlateCameraView {
            practice_frames: true,
            ..PlateCameraView::default()
        };
        let mut form = VehicleForm::default();
        view.offer(&mut form, &read("粤B12345", 0.97));
        assert!(view.is_practice_plate("粤B12345"));
        // The volunteer types the real car's plate over the read: a real car.
        form.plate_text = "粤B12346".into();
        view.forget_if_typed_over(&form);
        assert!(!view.is_practice_plate("粤B12346"));
        // A camera's read is a car.
        let mut camera = PlateCameraView::default();
        let mut form = VehicleForm::default();
        camera.offer(&mut form, &read("粤B12345", 0.97));
        assert!(!camera.is_practice_plate("粤B12345"));
    }

    #[test]
    fn typing_always_wins() {
        let mut view = PlateCameraView::default();
        let mut form = VehicleForm::default();
        view.offer(&mut form, &read("京A12345", 0.97));
        form.plate_text = "京A12346".into();
        assert_eq!(
            view.offer(&mut form, &read("京A12345", 0.99)),
            Offered::Suggested
        );
        assert_eq!(form.plate_text, "京A12346");
        assert!(view.filled.is_none());
        let mut typed = VehicleForm {
            plate_text: "粤B".into(),
            ..VehicleForm::default()
        };
        let mut view = PlateCameraView::default();
        assert_eq!(
            view.offer(&mut typed, &read("粤B3X8Z7", 0.99)),
            Offered::Suggested
        );
        assert_eq!(typed.plate_text, "粤B");
    }

    #[test]
    fn a_saved_form_forgets_the_read_and_its_repeat() {
        let mut view = PlateCameraView::default();
        let mut form = VehicleForm::default();
        view.offer(&mut form, &read("京A12345", 0.97));
        // A frame passes with the plate in the field.
        view.forget_if_typed_over(&form);
        view.repeat = Some(("京A12345".into(), RepeatCheck::NotSeen));
        form = VehicleForm::default();
        view.suggestion = Some(read("沪B7K290", 0.5));
        view.forget_if_typed_over(&form);
        assert!(view.filled.is_none() && view.repeat.is_none() && view.suggestion.is_none());
        // A doubtful read into the empty field stays offered.
        assert_eq!(
            view.offer(&mut form, &read("沪B7K290", 0.5)),
            Offered::Suggested
        );
        view.forget_if_typed_over(&form);
        assert!(view.suggestion.is_some());
    }
}
