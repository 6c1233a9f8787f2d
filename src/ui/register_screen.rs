//! The Register screen: people without a smartphone, by document, name and phone.

use egui::{RichText, TextEdit};

use super::command::Command;
use super::theme;
use super::view_ctx::ViewCtx;
use super::widgets::big_button;
use crate::config::Language;
use crate::gate::Banner;
use crate::gate::register_form::{Field, FieldProblem, RegisterForm};
use crate::model::RepeatHit;
use crate::model::age_band::AgeBand;
use crate::model::document::DocumentKind;
use crate::text::screens::register_screen as words;

/// The Register screen's state (people without a smartphone).
#[derive(Debug, Default)]
pub struct RegisterView {
    pub form: crate::gate::register_form::RegisterForm,
    /// The last person registered here, with their outcome, for the banner.
    pub saved: Option<crate::gate::Saved>,
    /// The same ID number was registered within the repeat window: looked up as soon as the
    /// number is complete, so it shows before the save (issue 22).
    pub repeat: Option<RepeatHit>,
    /// The document hash the repeat above was asked for (and whether it answered).
    pub repeat_asked: Option<(crate::model::pii::KeyedHash, bool)>,
    /// The district sync's count of entries pulled when the repeats were last asked.
    pub pulled_seen: u64,
    pub problems: Vec<crate::gate::register_form::FieldProblem>,
    pub message: Option<crate::text::Said>,
    /// Put the keyboard in the ID number field at the next frame: on F2 and after each save,
    /// so an ID typed at once lands there, never in the temperature (issue 22).
    pub focus_document: bool,
}

/// `banner`: the verdict for the person being registered.
pub fn register_screen_ui(
    ui: &mut egui::Ui,
    register: &mut RegisterView,
    banner: &Banner,
    ctx: &ViewCtx,
    commands: &mut Vec<Command>,
) {
    let lang = ctx.lang;
    let problems = register.problems.clone();
    egui::Panel::top("register-banner").show(ui, |ui| {
        super::scan_screen::banner_ui(ui, banner, lang);
    });
    egui::CentralPanel::default().show(ui, |ui| {
        ui.heading(words::REGISTER_PERSON_WITHOUT.say(lang));
        message_ui(ui, register, ctx);
        // The fields scroll under the message when the window is small or the font large.
        egui::ScrollArea::vertical()
            .id_salt("register-fields")
            .show(ui, |ui| {
                fields_ui(ui, register, &problems, lang);
                super::origin_ui::origin_check_ui(
                    ui,
                    &mut register.form.origin,
                    None,
                    ctx.risks,
                    lang,
                );
                save_buttons_ui(ui, lang, commands);
            });
    });
}

/// The last save's or problem's line, in a slot of its own: the message appearing or going never
/// moves the fields below.
fn message_ui(ui: &mut egui::Ui, register: &RegisterView, ctx: &ViewCtx) {
    let lang = ctx.lang;
    super::form_ui::slot(ui, 32.0, |ui| {
        // A repeat found while the number is typed outranks the last person's "saved".
        if let Some(hit) = &register.repeat {
            let place = crate::text::gate::repeat_place(hit, &ctx.config.checkpoint_id);
            let at = super::time::clock_text(hit.at);
            let text = crate::text::app::repeat_seen(&at, &place)
                .text(lang)
                .to_owned();
            ui.add(
                egui::Label::new(
                    RichText::new(text)
                        .size(super::theme::scaled(ui, 22.0))
                        .color(theme::DIVERT_INK.on(ui.visuals()))
                        .strong(),
                )
                .truncate(),
            );
        } else if let Some(message) = register.message.as_ref().map(|said| said.text(lang)) {
            // "✓ saved" is good news; anything else (re-measure, saving, errors) is not.
            let colour = if message.starts_with('✓') {
                theme::GREEN_INK.on(ui.visuals())
            } else {
                theme::FEVER_INK.on(ui.visuals())
            };
            ui.add(
                egui::Label::new(
                    RichText::new(message)
                        .size(super::theme::scaled(ui, 22.0))
                        .color(colour)
                        .strong(),
                )
                .truncate(),
            );
        }
    });
}

/// The document, name, phone, temperature, origin and colour, each with its problem beside it.
fn fields_ui(
    ui: &mut egui::Ui,
    register: &mut RegisterView,
    problems: &[FieldProblem],
    lang: Language,
) {
    let mut focus_first = std::mem::take(&mut register.focus_document);
    let form = &mut register.form;
    egui::Grid::new("register-grid")
        .num_columns(3)
        .spacing([12.0, 10.0])
        .show(ui, |ui| {
            // A companion may be a child without an ID, registered with the guardian before.
            if form.group_id.is_some() && child_toggle_row(ui, form, lang) {
                focus_first = true;
            }
            let first = if form.child_without_id {
                age_band_row(ui, form, problems, lang);
                None
            } else {
                Some(document_rows(ui, form, problems, lang))
            };
            let name = text_row(
                ui,
                crate::text::report::NAME.say(lang),
                &mut form.name_text,
                problem(problems, Field::Name, lang),
                super::theme::scaled(ui, FIELD_WIDTH),
            );
            // The keyboard goes to the first field: the ID number, or a child's name.
            if focus_first {
                first.unwrap_or(name).request_focus();
            }
            text_row(
                ui,
                words::PHONE.say(lang),
                &mut form.phone_text,
                problem(problems, Field::Phone, lang),
                super::theme::scaled(ui, FIELD_WIDTH),
            );
            text_row(
                ui,
                crate::text::screens::common::TEMPERATURE.say(lang),
                &mut form.temperature_text,
                problem(problems, Field::Temperature, lang),
                super::theme::scaled(ui, FIELD_WIDTH),
            );
            let label = ui.label(crate::text::screens::common::COMING_FROM.say(lang));
            super::origin_ui::origin_field(ui, &mut form.origin, 320.0, label.id);
            ui.label("");
            ui.end_row();
            ui.label(words::COLOUR_PAPER_CODE.say(lang));
            ui.horizontal(|ui| {
                for colour in super::form_ui::COLOUR_CHOICES {
                    let label = crate::text::terms::colour(colour).say(lang);
                    if super::form_ui::big_choice(ui, form.colour == colour, label).clicked() {
                        form.colour = colour;
                    }
                }
            });
            show_problem(ui, problem(problems, Field::Colour, lang));
            ui.end_row();
        });
}

/// The document's kind and number; returns the number's field.
fn document_rows(
    ui: &mut egui::Ui,
    form: &mut RegisterForm,
    problems: &[FieldProblem],
    lang: Language,
) -> egui::Response {
    let label = ui.label(words::DOCUMENT.say(lang));
    egui::ComboBox::from_id_salt("document-kind")
        .selected_text(kind_label(form.document_kind, lang))
        .show_ui(ui, |ui| {
            for kind in DocumentKind::ALL {
                ui.selectable_value(&mut form.document_kind, kind, kind_label(kind, lang));
            }
        })
        .response
        .labelled_by(label.id);
    ui.end_row();
    // Wide enough for all 18 digits of an ID number at the form's font.
    let width = super::theme::scaled(ui, ID_FIELD_WIDTH);
    text_row(
        ui,
        words::NUMBER.say(lang),
        &mut form.document_text,
        problem(problems, Field::Document, lang),
        width,
    )
}

/// "无证件儿童": a companion registered by name and age band instead of a document.
/// Returns whether it was toggled, so the keyboard moves to the first field it leaves.
fn child_toggle_row(ui: &mut egui::Ui, form: &mut RegisterForm, lang: Language) -> bool {
    ui.label(words::COMPANION.say(lang));
    let toggle = super::form_ui::big_choice(
        ui,
        form.child_without_id,
        crate::text::terms::CHILD_WITHOUT_ID.say(lang),
    );
    if toggle.clicked() {
        form.child_without_id = !form.child_without_id;
    }
    ui.label("");
    ui.end_row();
    toggle.clicked()
}

/// A child's age band, one large button per band.
fn age_band_row(
    ui: &mut egui::Ui,
    form: &mut RegisterForm,
    problems: &[FieldProblem],
    lang: Language,
) {
    ui.label(words::AGE_BAND.say(lang));
    ui.horizontal(|ui| {
        for band in AgeBand::ALL {
            let label = crate::text::terms::age_band(band).say(lang);
            if super::form_ui::big_choice(ui, form.age_band == Some(band), label).clicked() {
                form.age_band = Some(band);
            }
        }
    });
    show_problem(ui, problem(problems, Field::AgeBand, lang));
    ui.end_row();
}

/// Save, or save and keep the form open for a companion.
fn save_buttons_ui(ui: &mut egui::Ui, lang: Language, commands: &mut Vec<Command>) {
    ui.horizontal(|ui| {
        if big_button(ui, words::SAVE.say(lang)).clicked() {
            commands.push(Command::SaveRegistration {
                add_companion: false,
            });
        }
        if big_button(ui, words::SAVE_ADD_COMPANION.say(lang)).clicked() {
            commands.push(Command::SaveRegistration {
                add_companion: true,
            });
        }
    });
}

/// The width of the name, phone and temperature fields at the default font size.
const FIELD_WIDTH: f32 = 320.0;
/// The ID number's field: 18 digits at the form's font, with room to spare.
const ID_FIELD_WIDTH: f32 = 440.0;

fn text_row(
    ui: &mut egui::Ui,
    label: &str,
    text: &mut String,
    problem: Option<&str>,
    width: f32,
) -> egui::Response {
    let label = ui.label(label);
    // A grid cell offers only last frame's column width: the field takes its own width here,
    // so all 18 digits of an ID number show (issue 22).
    let field = ui
        .allocate_ui(egui::vec2(width, ui.available_height()), |ui| {
            ui.add(
                TextEdit::singleline(text)
                    .char_limit(super::form_ui::FIELD_CHARS)
                    .desired_width(width)
                    .font(egui::TextStyle::Heading),
            )
        })
        .inner
        .labelled_by(label.id);
    show_problem(ui, problem);
    ui.end_row();
    field
}

fn show_problem(ui: &mut egui::Ui, problem: Option<&str>) {
    match problem {
        Some(message) => ui.label(RichText::new(message).color(theme::RED_INK.on(ui.visuals()))),
        None => ui.label(""),
    };
}

fn problem(problems: &[FieldProblem], field: Field, lang: Language) -> Option<&str> {
    problems
        .iter()
        .find(|p| p.field == field)
        .map(|p| p.message.text(lang))
}

fn kind_label(kind: DocumentKind, lang: Language) -> &'static str {
    crate::text::terms::document_kind(kind, lang)
}
