//! The first-run setup in the window: one question per page, Chinese first, big targets for
//! gloves, before the first scan. The rules live in `setup_form`; this file only draws and
//! collects. Applying the answers writes files and the database, which is the app's work: the
//! screen asks for it with [`SetupCommand::Apply`] and says "saving" while [`SetupView::saving`].

use egui::{RichText, TextEdit, vec2};

use std::path::PathBuf;

use chrono::{DateTime, Utc};

use super::setup_form::{PassKeyChoice, SecretChoice, SetupAnswers, SetupPlan, SetupStep};
use super::source_status::PictureView;
use super::source_status::SourceView;
use super::view_ctx::ViewCtx;
use crate::config::{KioskConfig, Language};
use crate::model::HealthColour;
use crate::model::camera::CameraInfo;
use crate::model::roster::RosterEntry;
use crate::text::Said;
use crate::text::screens::{common, setup_screen as words};

/// Text size of the setup's controls: read at arm's length, pressed with gloves.
const BIG: f32 = 26.0;
const BUTTON: egui::Vec2 = vec2(220.0, 64.0);
const FIELD_WIDTH: f32 = 420.0;
/// The camera test's picture: 16:9 at this width leaves room for the controls below it.
const PREVIEW_WIDTH: f32 = 520.0;

/// The setup in progress: the page on show and the answers typed so far.
pub struct SetupWizard {
    pub steps: Vec<SetupStep>,
    pub index: usize,
    pub answers: SetupAnswers,
    pub problems: Vec<String>,
    /// The last code the camera read during the camera test: its colour, and when.
    pub test_scan: Option<CameraTestRead>,
    /// Why applying the answers failed, in both languages (set by the app; shown in the
    /// language of the moment).
    pub failure: Option<Said>,
    /// The first leader is being saved by the store thread.
    pub saving_leader: bool,
    /// Files on the USB drives plugged in now, to pick a key file from (listed by the app).
    pub usb_files: Vec<PathBuf>,
    /// The USB drives are being listed.
    pub usb_listing: bool,
    /// Where the keyboard goes on the next frame.
    focus: Focus,
}

/// A code read during the camera test.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct CameraTestRead {
    pub colour: HealthColour,
    pub at: DateTime<Utc>,
}

/// Where the keyboard goes when a page opens or an answer is refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Focus {
    /// Nowhere new: the volunteer is typing.
    Stay,
    /// The page's first field (a USB keyboard types at once).
    FirstField,
    /// The PIN field, after a refused PIN (cleared).
    Pin,
}

impl SetupWizard {
    /// The wizard for `plan`, every answer starting as `config` has it: a default is shown as
    /// the answer a person accepts with Enter or types over (nothing is written before then).
    pub fn new(plan: SetupPlan, config: KioskConfig) -> Self {
        Self {
            steps: plan.steps,
            index: 0,
            answers: SetupAnswers::new(config),
            problems: Vec::new(),
            test_scan: None,
            failure: None,
            saving_leader: false,
            usb_files: Vec::new(),
            usb_listing: false,
            focus: Focus::FirstField,
        }
    }

    pub fn step(&self) -> Option<SetupStep> {
        self.steps.get(self.index).copied()
    }

    /// Drops `step` (the database already answers it), keeping the page on show.
    pub fn skip_answered(&mut self, step: SetupStep) {
        let Some(position) = self.steps.iter().position(|asked| *asked == step) else {
            return;
        };
        self.steps.remove(position);
        if position < self.index {
            self.index -= 1;
        }
        self.index = self.index.min(self.steps.len().saturating_sub(1));
    }

    /// Applying the answers failed: say why, keep every answer, and go back to the page to
    /// correct when it is known (the PIN cleared, the keyboard in it).
    pub fn failed(&mut self, message: Said, page: Option<SetupStep>) {
        self.failure = Some(message);
        self.saving_leader = false;
        let Some(index) = page.and_then(|page| self.steps.iter().position(|step| *step == page))
        else {
            return;
        };
        self.index = index;
        if page == Some(SetupStep::Leader) {
            self.answers.pin.clear();
            self.answers.pin_again.clear();
            self.focus = Focus::Pin;
        } else {
            self.focus = Focus::FirstField;
        }
    }

    /// Whether the page on show picks a file from a USB drive (the app lists them meanwhile).
    pub fn wants_usb_files(&self) -> bool {
        match self.step() {
            Some(SetupStep::PassKey) => self.answers.pass_key == PassKeyChoice::Import,
            Some(SetupStep::HashSecret) => self.answers.secret == SecretChoice::JoinDistrict,
            _ => false,
        }
    }

    fn is_last(&self) -> bool {
        self.index + 1 >= self.steps.len()
    }
}

/// What the setup screen draws: the wizard it changes, and what the app tells it this frame.
pub struct SetupView<'a> {
    pub wizard: &'a mut SetupWizard,
    /// The answers are being applied: the buttons give way to "saving".
    pub saving: bool,
    /// The cameras found so far (listing them can take a while after the start).
    pub cameras: &'a [CameraInfo],
    /// The camera test's picture.
    pub picture: PictureView<'a>,
    /// Where the picture comes from; `None` when no frame source runs.
    pub source: Option<&'a SourceView>,
}

/// What the setup screen asks the app to do.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SetupCommand {
    /// F9: the other UI language.
    ToggleLanguage,
    /// The language page's choice.
    SetLanguage(Language),
    /// The last page was accepted: apply the answers (files, keys, the database).
    Apply,
    /// Look for USB drives and list their files now.
    ListUsbFiles,
}

/// Draws the setup page by page. Called instead of the screens while a setup is open; the app
/// drops a wizard with no page left before calling it.
pub fn setup_screen_ui(
    ui: &mut egui::Ui,
    view: &mut SetupView,
    ctx: &ViewCtx,
    commands: &mut Vec<SetupCommand>,
) {
    if ui.input(|input| input.key_pressed(egui::Key::F9)) {
        commands.push(SetupCommand::ToggleLanguage);
    }
    let lang = ctx.lang;
    let Some(step) = view.wizard.step() else {
        return;
    };
    egui::CentralPanel::default().show(ui, |ui| {
        egui::ScrollArea::vertical().show(ui, |ui| {
            header_ui(ui, view.wizard, step, lang);
            ui.add_space(16.0);
            page_ui(ui, view, step, ctx, commands);
            ui.add_space(24.0);
            navigation_ui(ui, view.wizard, view.saving, lang, commands);
        });
    });
}

/// The open page's questions.
fn page_ui(
    ui: &mut egui::Ui,
    view: &mut SetupView,
    step: SetupStep,
    ctx: &ViewCtx,
    commands: &mut Vec<SetupCommand>,
) {
    let lang = ctx.lang;
    if step == SetupStep::Camera {
        camera_ui(ui, view, ctx);
        return;
    }
    let wizard = &mut *view.wizard;
    let focus = std::mem::replace(&mut wizard.focus, Focus::Stay);
    let mut first = focus == Focus::FirstField;
    let usb = UsbPick {
        files: &wizard.usb_files,
        listing: wizard.usb_listing,
    };
    let answers = &mut wizard.answers;
    match step {
        SetupStep::Language => language_ui(ui, lang, commands),
        SetupStep::Checkpoint => checkpoint_ui(ui, answers, &mut first, lang),
        SetupStep::Roster => roster_ui(ui, answers, &mut first, lang),
        SetupStep::Fever => fever_ui(ui, answers, lang),
        SetupStep::Leader => leader_ui(ui, answers, focus, lang),
        SetupStep::PassKey => pass_key_ui(ui, answers, &usb, lang, commands),
        SetupStep::HashSecret => secret_ui(ui, answers, &usb, lang, commands),
        SetupStep::Retention => retention_ui(ui, answers, lang),
        SetupStep::Kiosk => kiosk_ui(ui, answers, lang),
        SetupStep::Camera => {}
    }
}

/// The files on the USB drives, to pick a key file from.
struct UsbPick<'a> {
    files: &'a [PathBuf],
    listing: bool,
}

fn header_ui(ui: &mut egui::Ui, wizard: &SetupWizard, step: SetupStep, lang: Language) {
    ui.label(
        RichText::new(format!(
            "{} {} / {}",
            words::FIRST_RUN_SETUP.say(lang),
            wizard.index + 1,
            wizard.steps.len()
        ))
        .size(super::theme::scaled(ui, 20.0)),
    );
    ui.heading(
        RichText::new(step.title(lang))
            .size(super::theme::scaled(ui, 36.0))
            .strong(),
    );
}

fn big_text(text: &str) -> RichText {
    RichText::new(text).size(BIG)
}

fn big_button(ui: &mut egui::Ui, text: &str) -> egui::Response {
    ui.add(egui::Button::new(big_text(text)).min_size(BUTTON))
}

/// A labelled single-line field at setup size; the label names it for screen readers and tests.
fn field(ui: &mut egui::Ui, label: &str, value: &mut String, password: bool, focus: &mut bool) {
    let label = ui.label(big_text(label));
    let response = ui
        .add(
            TextEdit::singleline(value)
                .char_limit(super::form_ui::FIELD_CHARS)
                .password(password)
                .font(egui::FontId::proportional(BIG))
                .desired_width(FIELD_WIDTH),
        )
        .labelled_by(label.id);
    if std::mem::take(focus) {
        take_keyboard_selecting_all(ui, &response, value);
    }
}

/// Puts the keyboard in `field` with its text selected: Enter accepts the answer shown (a
/// default, or what was typed before), typing replaces it.
fn take_keyboard_selecting_all(ui: &egui::Ui, field: &egui::Response, text: &str) {
    field.request_focus();
    let mut state = egui::text_edit::TextEditState::load(ui.ctx(), field.id).unwrap_or_default();
    state
        .cursor
        .set_char_range(Some(egui::text::CCursorRange::select_all_str(text)));
    state.store(ui.ctx(), field.id);
}

fn hint(ui: &mut egui::Ui, text: &str) {
    ui.label(
        RichText::new(text)
            .size(super::theme::scaled(ui, 20.0))
            .weak(),
    );
}

fn language_ui(ui: &mut egui::Ui, lang: Language, commands: &mut Vec<SetupCommand>) {
    hint(ui, words::CHOOSE_LANGUAGE);
    ui.horizontal(|ui| {
        for (language, name) in [
            (Language::ZhCn, common::CHINESE),
            (Language::En, common::ENGLISH),
        ] {
            let chosen = lang == language;
            let button = egui::Button::selectable(chosen, big_text(name))
                .min_size(BUTTON)
                .frame_when_inactive(true);
            if ui.add(button).clicked() {
                commands.push(SetupCommand::SetLanguage(language));
            }
        }
    });
}

fn checkpoint_ui(ui: &mut egui::Ui, answers: &mut SetupAnswers, focus: &mut bool, lang: Language) {
    hint(ui, words::PRINTED_REPORTS_EXPORTS.say(lang));
    field(
        ui,
        crate::text::screens::common::CHECKPOINT_NAME.say(lang),
        &mut answers.config.checkpoint_name,
        false,
        focus,
    );
    field(
        ui,
        crate::text::screens::common::GATE_LANE.say(lang),
        &mut answers.config.gate,
        false,
        &mut false,
    );
}

fn roster_ui(ui: &mut egui::Ui, answers: &mut SetupAnswers, focus: &mut bool, lang: Language) {
    hint(ui, words::EACH_SHIFT.say(lang));
    let roster = &mut answers.config.shift_roster;
    let mut remove = None;
    egui::Grid::new("setup-roster")
        .spacing([12.0, 10.0])
        .show(ui, |ui| {
            for (index, entry) in roster.iter_mut().enumerate() {
                let number = index + 1;
                for (value, phrase, width) in [
                    (&mut entry.name, crate::text::report::SHIFT, 160.0),
                    (&mut entry.from, words::FROM, 110.0),
                    (&mut entry.to, words::TO, 110.0),
                ] {
                    let label = ui.label(big_text(&format!("{}{number}", phrase.say(lang))));
                    // Sized explicitly: a grid cell would shrink the field to its text.
                    let response = ui
                        .add_sized(
                            [width, BIG + 16.0],
                            TextEdit::singleline(value)
                                .char_limit(super::form_ui::FIELD_CHARS)
                                .font(egui::FontId::proportional(BIG)),
                        )
                        .labelled_by(label.id);
                    if std::mem::take(focus) {
                        take_keyboard_selecting_all(ui, &response, value);
                    }
                }
                if ui
                    .add(
                        egui::Button::new(big_text(words::REMOVE.say(lang)))
                            .min_size(vec2(96.0, 48.0)),
                    )
                    .clicked()
                {
                    remove = Some(index);
                }
                ui.end_row();
            }
        });
    if let Some(index) = remove {
        roster.remove(index);
    }
    if big_button(ui, words::ADD_SHIFT.say(lang)).clicked() {
        roster.push(RosterEntry {
            name: String::new(),
            from: "08:00".to_owned(),
            to: "16:00".to_owned(),
        });
    }
}

fn fever_ui(ui: &mut egui::Ui, answers: &mut SetupAnswers, lang: Language) {
    hint(ui, words::ABOVE_TEMPERATURE_FEVER.say(lang));
    let threshold = &mut answers.config.fever_threshold_celsius;
    ui.horizontal(|ui| {
        if big_button(ui, "−0.1").clicked() {
            *threshold = threshold.nudged(-1);
        }
        ui.label(
            RichText::new(format!("{threshold:.1} °C"))
                .size(super::theme::scaled(ui, 48.0))
                .strong(),
        );
        if big_button(ui, "+0.1").clicked() {
            *threshold = threshold.nudged(1);
        }
    });
}

/// How long a read stays "in view" on the camera test; after it, the page says no code is seen.
const TEST_READ_SHOWN_SECS: i64 = 3;

/// The camera test's result: the code read a moment ago (its colour), or that none is in view.
fn test_read_ui(ui: &mut egui::Ui, read: Option<CameraTestRead>, ctx: &ViewCtx) {
    let lang = ctx.lang;
    let recent = read.filter(|read| (ctx.now - read.at).num_seconds() < TEST_READ_SHOWN_SECS);
    match recent {
        Some(read) => {
            let colour = crate::text::terms::colour(read.colour).say(lang);
            ui.label(
                RichText::new(format!("{}{colour}", words::CODE_READ_COLOUR.say(lang)))
                    .size(BIG)
                    .strong(),
            );
            // The read line changes when the code in front of the camera does.
            ui.ctx()
                .request_repaint_after(std::time::Duration::from_secs(1));
        }
        None => {
            ui.label(big_text(words::NO_CODE_READ.say(lang)));
        }
    }
}

fn camera_ui(ui: &mut egui::Ui, view: &mut SetupView, ctx: &ViewCtx) {
    let lang = ctx.lang;
    hint(ui, words::HOLD_QR_CODE.say(lang));
    // Small enough that the camera list and the buttons stay on a 1366×768 screen.
    ui.scope(|ui| {
        ui.set_max_width(PREVIEW_WIDTH);
        super::source_status::preview_ui(ui, view.picture, view.source, ctx);
    });
    test_read_ui(ui, view.wizard.test_scan, ctx);
    let cameras = view.cameras;
    let answers = &mut view.wizard.answers;
    if cameras.is_empty() {
        ui.label(big_text(words::NO_CAMERA_FOUND.say(lang)));
        return;
    }
    let selected = answers.config.camera_index.unwrap_or(0);
    let camera = cameras
        .iter()
        .find(|camera| camera.index == selected)
        .or(cameras.first());
    ui.horizontal(|ui| {
        let label = ui.label(big_text(crate::text::screens::common::CAMERA.say(lang)));
        egui::ComboBox::from_id_salt("setup-camera")
            .selected_text(big_text(camera.map_or("?", |c| c.name.as_str())))
            .show_ui(ui, |ui| {
                for option in cameras {
                    ui.selectable_value(
                        &mut answers.config.camera_index,
                        Some(option.index),
                        big_text(&option.name),
                    );
                }
            })
            .response
            .labelled_by(label.id);
    });
    let offered = camera.map(|c| c.resolutions.clone()).unwrap_or_default();
    if offered.is_empty() {
        hint(ui, words::CAMERA_REPORTS_NO.say(lang));
    } else {
        ui.horizontal(|ui| {
            let label = ui.label(big_text(crate::text::screens::common::RESOLUTION.say(lang)));
            let text = |[width, height]: [u32; 2]| format!("{width}×{height}");
            egui::ComboBox::from_id_salt("setup-resolution")
                .selected_text(big_text(
                    &answers
                        .config
                        .camera_resolution
                        .map(text)
                        .unwrap_or_default(),
                ))
                .show_ui(ui, |ui| {
                    for resolution in offered {
                        ui.selectable_value(
                            &mut answers.config.camera_resolution,
                            Some(resolution),
                            big_text(&text(resolution)),
                        );
                    }
                })
                .response
                .labelled_by(label.id);
        });
    }
}

fn leader_ui(ui: &mut egui::Ui, answers: &mut SetupAnswers, focus: Focus, lang: Language) {
    hint(ui, words::SHIFT_LEADERS_OPEN.say(lang));
    field(
        ui,
        crate::text::screens::common::LEADER_NAME.say(lang),
        &mut answers.leader_name,
        false,
        &mut (focus == Focus::FirstField),
    );
    field(
        ui,
        words::PIN_4_6.say(lang),
        &mut answers.pin,
        true,
        &mut (focus == Focus::Pin),
    );
    field(
        ui,
        words::PIN_AGAIN.say(lang),
        &mut answers.pin_again,
        true,
        &mut false,
    );
}

/// Picks a file from the USB drives' files (never a typed path): one big button per file, and
/// the drives looked for again on request (the app also looks every few seconds).
fn usb_file_ui(
    ui: &mut egui::Ui,
    chosen: &mut String,
    usb: &UsbPick,
    lang: Language,
    commands: &mut Vec<SetupCommand>,
) {
    let label = words::FILES_USB_STICK.say(lang);
    ui.label(big_text(label));
    if usb.files.is_empty() {
        hint(
            ui,
            if usb.listing {
                words::LOOKING_USB_STICKS.say(lang)
            } else {
                words::NO_FILES_FOUND.say(lang)
            },
        );
    }
    for file in usb.files {
        let name = file.display().to_string();
        let selected = chosen.as_str() == name;
        let button = egui::Button::selectable(selected, big_text(&name))
            .min_size(vec2(FIELD_WIDTH, 48.0))
            .frame_when_inactive(true);
        if ui.add(button).clicked() {
            *chosen = name;
        }
    }
    if ui
        .add(
            egui::Button::new(big_text(words::LOOK_USB_STICKS.say(lang)))
                .min_size(vec2(FIELD_WIDTH, 48.0)),
        )
        .clicked()
    {
        commands.push(SetupCommand::ListUsbFiles);
    }
}

fn pass_key_ui(
    ui: &mut egui::Ui,
    answers: &mut SetupAnswers,
    usb: &UsbPick,
    lang: Language,
    commands: &mut Vec<SetupCommand>,
) {
    hint(ui, words::PASSES_CARRY_ISSUING.say(lang));
    ui.horizontal_wrapped(|ui| {
        for (choice, phrase) in [
            (PassKeyChoice::Create, words::STAMP_CREATE),
            (PassKeyChoice::Import, words::STAMP_IMPORT),
        ] {
            let button =
                egui::Button::selectable(answers.pass_key == choice, big_text(phrase.say(lang)))
                    .min_size(BUTTON)
                    .frame_when_inactive(true);
            if ui.add(button).clicked() {
                answers.pass_key = choice;
                if choice == PassKeyChoice::Import {
                    commands.push(SetupCommand::ListUsbFiles);
                }
            }
        }
    });
    if answers.pass_key == PassKeyChoice::Import {
        usb_file_ui(ui, &mut answers.pass_key_file, usb, lang, commands);
    }
}

fn secret_ui(
    ui: &mut egui::Ui,
    answers: &mut SetupAnswers,
    usb: &UsbPick,
    lang: Language,
    commands: &mut Vec<SetupCommand>,
) {
    hint(ui, words::ID_PHONE_NUMBERS.say(lang));
    ui.horizontal_wrapped(|ui| {
        for (choice, phrase) in [
            (SecretChoice::CreateOwn, words::KEY_CREATE),
            (SecretChoice::JoinDistrict, words::KEY_JOIN),
        ] {
            let button =
                egui::Button::selectable(answers.secret == choice, big_text(phrase.say(lang)))
                    .min_size(BUTTON)
                    .frame_when_inactive(true);
            if ui.add(button).clicked() {
                answers.secret = choice;
                if choice == SecretChoice::JoinDistrict {
                    commands.push(SetupCommand::ListUsbFiles);
                }
            }
        }
    });
    if answers.secret == SecretChoice::JoinDistrict {
        usb_file_ui(ui, &mut answers.secret_file, usb, lang, commands);
    }
}

fn retention_ui(ui: &mut egui::Ui, answers: &mut SetupAnswers, lang: Language) {
    hint(ui, words::PERSONAL_ENTRIES_OLDER.say(lang));
    ui.horizontal(|ui| {
        for days in [14, 21, 28] {
            let text = format!("{days} {}", words::DAYS.say(lang));
            let button =
                egui::Button::selectable(answers.config.retention_days == days, big_text(&text))
                    .min_size(BUTTON)
                    .frame_when_inactive(true);
            if ui.add(button).clicked() {
                answers.config.retention_days = days;
            }
        }
    });
    ui.horizontal(|ui| {
        let label = ui.label(big_text(words::OTHER_DAYS.say(lang)));
        ui.add(egui::DragValue::new(&mut answers.config.retention_days).range(1..=365))
            .labelled_by(label.id);
    });
}

fn kiosk_ui(ui: &mut egui::Ui, answers: &mut SetupAnswers, lang: Language) {
    // Check boxes big enough for a gloved finger.
    ui.spacing_mut().icon_width = BIG;
    ui.spacing_mut().icon_width_inner = BIG * 0.6;
    ui.spacing_mut().interact_size.y = BUTTON.y;
    super::kiosk_mode::kiosk_options_ui(ui, &mut answers.config, lang, BIG);
}

/// Back / Next (or Finish, which asks the app to apply the answers once the last page is
/// accepted), and under them the page's problems and a failed save. Enter accepts the page as typed (or its
/// defaults); a refused page puts the keyboard back where the answer is to be corrected.
fn navigation_ui(
    ui: &mut egui::Ui,
    wizard: &mut SetupWizard,
    saving: bool,
    lang: Language,
    commands: &mut Vec<SetupCommand>,
) {
    if saving {
        ui.label(big_text(words::SAVING_SETUP.say(lang)));
        return;
    }
    let mut go_on = false;
    ui.horizontal(|ui| {
        if wizard.index > 0 && big_button(ui, words::BACK.say(lang)).clicked() {
            wizard.index -= 1;
            wizard.problems.clear();
            wizard.focus = Focus::FirstField;
        }
        let next = if wizard.is_last() {
            words::FINISH_SCAN.say(lang)
        } else {
            words::NEXT.say(lang)
        };
        go_on =
            big_button(ui, next).clicked() || ui.input(|input| input.key_pressed(egui::Key::Enter));
    });
    // Under the buttons, so a problem appearing never moves them from under the finger.
    for problem in &wizard.problems {
        ui.label(big_text(problem).color(super::theme::RED));
    }
    if let Some(failure) = &wizard.failure {
        ui.label(
            big_text(&format!(
                "{}{}",
                words::SETUP_NOT_SAVED.say(lang),
                failure.text(lang)
            ))
            .color(super::theme::RED),
        );
    }
    if go_on {
        accept_page(wizard, lang, commands);
    }
}

/// Checks the page on show: on to the next one, or Apply after the last; a refused page keeps
/// its answers and takes the keyboard back (a refused PIN is cleared, to be typed again).
fn accept_page(wizard: &mut SetupWizard, lang: Language, commands: &mut Vec<SetupCommand>) {
    let Some(step) = wizard.step() else { return };
    wizard.problems = wizard.answers.problems(step, lang);
    if !wizard.problems.is_empty() {
        let pin_refused =
            step == SetupStep::Leader && !wizard.answers.leader_name.trim().is_empty();
        if pin_refused {
            wizard.answers.pin.clear();
            wizard.answers.pin_again.clear();
            wizard.focus = Focus::Pin;
        } else {
            wizard.focus = Focus::FirstField;
        }
        return;
    }
    wizard.failure = None;
    if wizard.is_last() {
        commands.push(SetupCommand::Apply);
    } else {
        wizard.index += 1;
        wizard.focus = Focus::FirstField;
    }
}
