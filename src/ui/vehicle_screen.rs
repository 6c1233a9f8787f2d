//! The Vehicle screen: plate with a province keyboard (like Chinese parking apps), type, origin,
//! passengers, cargo; risk-area origins are diverted to the inspection area.

use egui::{RichText, TextEdit};

use super::command::Command;
use super::form_ui::decision_label;
use super::view_ctx::ViewCtx;
use super::widgets::big_button;
use crate::gate::vehicle_form::VEHICLE_TYPES;
use crate::model::plate::PROVINCE_CHARS;
use crate::model::risk::RiskList;
use crate::model::{Direction, RepeatHit};
use crate::text::screens::vehicle_screen as words;

/// The Vehicle screen's state.
#[derive(Debug, Default)]
pub struct VehicleView {
    pub form: crate::gate::vehicle_form::VehicleForm,
    /// The same plate was registered within the repeat window (set at save time).
    pub repeat: Option<RepeatHit>,
    pub message: Option<crate::text::Said>,
    /// The last vehicle saved here, with its outcome, for the banner.
    pub saved: Option<crate::gate::VehicleSaved>,
    /// The plate camera: its picture, the plate it read, a suggestion, the early repeat flag.
    pub camera: super::vehicle_camera::PlateCameraView,
}

/// `risks`: the imported list of risk areas, which decides a diversion; `banner`: the verdict
/// for the vehicle being registered (a diversion fills the width, like a red code).
pub fn vehicle_screen_ui(
    ui: &mut egui::Ui,
    vehicle: &mut VehicleView,
    risks: &RiskList,
    banner: &crate::gate::Banner,
    ctx: &ViewCtx,
    commands: &mut Vec<Command>,
) {
    let lang = ctx.lang;
    egui::Panel::top("vehicle-banner").show(ui, |ui| {
        super::scan_screen::banner_ui(ui, banner, lang);
    });
    egui::CentralPanel::default().show(ui, |ui| {
        ui.heading(words::VEHICLE.say(lang));
        // The message has a slot of its own: it appearing never moves the form under it.
        super::form_ui::slot(ui, 32.0, |ui| {
            if let Some(message) = &vehicle.message {
                ui.add(
                    egui::Label::new(
                        RichText::new(message.text(lang))
                            .size(super::theme::scaled(ui, 22.0))
                            .strong(),
                    )
                    .truncate(),
                );
            }
        });
        egui::ScrollArea::vertical()
            .id_salt("vehicle-form")
            .show(ui, |ui| vehicle_form_ui(ui, vehicle, risks, ctx, commands));
    });
}

/// The plate, type, origin, people, direction, decision and the save buttons.
fn vehicle_form_ui(
    ui: &mut egui::Ui,
    vehicle: &mut VehicleView,
    risks: &RiskList,
    ctx: &ViewCtx,
    commands: &mut Vec<Command>,
) {
    let lang = ctx.lang;
    let decision = vehicle.form.decision(risks);
    super::vehicle_camera::plate_camera_ui(ui, &mut vehicle.camera, &mut vehicle.form, ctx);
    let form = &mut vehicle.form;
    let plate_field = ui
        .horizontal(|ui| {
            let label = ui.label(
                RichText::new(crate::text::screens::common::PLATE.say(lang))
                    .size(super::theme::scaled(ui, 22.0)),
            );
            let field = ui
                .add(
                    TextEdit::singleline(&mut form.plate_text)
                        .char_limit(super::form_ui::FIELD_CHARS)
                        .desired_width(260.0)
                        .font(egui::TextStyle::Heading)
                        .hint_text(words::PLATE_EXAMPLE),
                )
                .labelled_by(label.id);
            ui.checkbox(
                &mut form.plate_other,
                words::OTHER_PLATE_TEMPORARY.say(lang),
            );
            field
        })
        .inner;
    if province_keyboard(ui, &mut form.plate_text) {
        keyboard_after_province(ui, &plate_field, &form.plate_text);
    }
    ui.horizontal_wrapped(|ui| {
        ui.label(crate::text::screens::common::VEHICLE_TYPE.say(lang));
        for (name, phrase) in VEHICLE_TYPES {
            ui.selectable_value(&mut form.vehicle_type, name, phrase.say(lang));
        }
    });
    ui.horizontal(|ui| {
        let label = ui.label(crate::text::screens::common::COMING_FROM.say(lang));
        super::origin_ui::origin_field(ui, &mut form.origin, 260.0, label.id);
        let label = ui.label(words::PEOPLE_BOARD.say(lang));
        super::stepper::stepper_u32(ui, &mut form.passengers, (1, 60), label.id);
    });
    let plate = form.plate_text.clone();
    super::origin_ui::origin_check_ui(ui, &mut form.origin, Some(&plate), risks, lang);
    if form.vehicle_type == "truck" {
        ui.horizontal(|ui| {
            let label = ui.label(crate::text::screens::common::CARGO.say(lang));
            ui.text_edit_singleline(&mut form.cargo)
                .labelled_by(label.id);
        });
    }
    ui.horizontal(|ui| {
        for (direction, label) in [
            (
                Direction::In,
                crate::text::terms::direction(Direction::In).say(lang),
            ),
            (
                Direction::Out,
                crate::text::terms::direction(Direction::Out).say(lang),
            ),
        ] {
            ui.selectable_value(
                &mut form.direction,
                direction,
                RichText::new(label).size(super::theme::scaled(ui, 22.0)),
            );
        }
    });
    ui.label(format!(
        "{} {}",
        crate::text::screens::common::DECISION.say(lang),
        decision_label(decision, lang)
    ));
    ui.horizontal(|ui| {
        if big_button(ui, words::SAVE_VEHICLE.say(lang)).clicked() {
            commands.push(Command::SaveVehicle { board: false });
        }
        let board = words::SAVE_THEN_SCAN.say(lang);
        if big_button(ui, board).clicked() {
            commands.push(Command::SaveVehicle { board: true });
        }
    });
}

/// A province key was tapped: the keyboard goes back to the plate, after its last character,
/// so "b d12345" typed next lands in the plate (issue 22), never nowhere.
fn keyboard_after_province(ui: &egui::Ui, field: &egui::Response, plate: &str) {
    field.request_focus();
    let mut state = egui::text_edit::TextEditState::load(ui.ctx(), field.id).unwrap_or_default();
    let end = egui::text::CCursor::new(plate.chars().count());
    state
        .cursor
        .set_char_range(Some(egui::text::CCursorRange::one(end)));
    state.store(ui.ctx(), field.id);
}

/// The first character of a plate is a province character: offer them as keys. Whether one
/// was tapped this frame.
fn province_keyboard(ui: &mut egui::Ui, plate: &mut String) -> bool {
    let mut tapped = false;
    egui::Grid::new("province-keys")
        .spacing([4.0, 4.0])
        .show(ui, |ui| {
            for (index, province) in PROVINCE_CHARS.iter().enumerate() {
                let key = egui::Button::new(
                    RichText::new(province.to_string()).size(super::theme::scaled(ui, 22.0)),
                )
                .min_size(egui::vec2(44.0, 40.0));
                if ui.add(key).clicked() {
                    // The province always goes first: replace one already typed.
                    let rest: String = plate.chars().skip_while(|c| !c.is_ascii()).collect();
                    *plate = format!("{province}{rest}");
                    tapped = true;
                }
                if index % 16 == 15 {
                    ui.end_row();
                }
            }
        });
    tapped
}
