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
            lang.pick("首次设置 · 第", "First-run setup · step"),
            wizard.index + 1,
            wizard.steps.len()
        ))
        .size(20.0),
    );
    ui.heading(RichText::new(step.title(lang)).size(36.0).strong());
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
    ui.label(RichText::new(text).size(20.0).weak());
}

fn language_ui(ui: &mut egui::Ui, lang: Language, commands: &mut Vec<SetupCommand>) {
    hint(
        ui,
        "请选择界面语言（随时可按 F9 切换） · Choose the language (F9 switches at any time)",
    );
    ui.horizontal(|ui| {
        for (language, name) in [(Language::ZhCn, "中文"), (Language::En, "English")] {
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
    hint(
        ui,
        lang.pick(
            "印在报表和导出文件上，辖区汇总时用来区分各卡口：请改成本卡口的真实名称，例如“幸福里小区东门”",
            "Printed on reports and exports; tells the district's gates apart: type this gate's real name, e.g. \"Xingfuli east gate\"",
        ),
    );
    field(
        ui,
        lang.pick("检查点名称", "Checkpoint name"),
        &mut answers.config.checkpoint_name,
        false,
        focus,
    );
    field(
        ui,
        lang.pick("岗位 / 通道", "Gate / lane"),
        &mut answers.config.gate,
        false,
        &mut false,
    );
}

fn roster_ui(ui: &mut egui::Ui, answers: &mut SetupAnswers, focus: &mut bool, lang: Language) {
    hint(
        ui,
        lang.pick(
            "每班的名称和起止时间（时:分，24:00 表示午夜）",
            "Each shift's name, start and end (HH:MM; 24:00 is midnight)",
        ),
    );
    let roster = &mut answers.config.shift_roster;
    let mut remove = None;
    egui::Grid::new("setup-roster")
        .spacing([12.0, 10.0])
        .show(ui, |ui| {
            for (index, entry) in roster.iter_mut().enumerate() {
                let number = index + 1;
                for (value, zh, en, width) in [
                    (&mut entry.name, "班次", "Shift", 160.0),
                    (&mut entry.from, "开始", "From", 110.0),
                    (&mut entry.to, "结束", "To", 110.0),
                ] {
                    let label = ui.label(big_text(&format!("{}{number}", lang.pick(zh, en))));
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
                        egui::Button::new(big_text(lang.pick("删除", "Remove")))
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
    if big_button(ui, lang.pick("＋ 添加班次", "+ Add a shift")).clicked() {
        roster.push(RosterEntry {
            name: String::new(),
            from: "08:00".to_owned(),
            to: "16:00".to_owned(),
        });
    }
}

fn fever_ui(ui: &mut egui::Ui, answers: &mut SetupAnswers, lang: Language) {
    hint(
        ui,
        lang.pick(
            "体温达到或超过此值即为发热，需复测（通常 37.3 °C）",
            "At or above this temperature is fever and asks for a re-measure (usually 37.3 °C)",
        ),
    );
    let threshold = &mut answers.config.fever_threshold_celsius;
    ui.horizontal(|ui| {
        if big_button(ui, "−0.1").clicked() {
            *threshold = threshold.nudged(-1);
        }
        ui.label(
            RichText::new(format!("{threshold:.1} °C"))
                .size(48.0)
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
                RichText::new(format!(
                    "{}{colour}",
                    lang.pick("✓ 读到二维码，颜色：", "✓ Code read, colour: ")
                ))
                .size(BIG)
                .strong(),
            );
            // The read line changes when the code in front of the camera does.
            ui.ctx()
                .request_repaint_after(std::time::Duration::from_secs(1));
        }
        None => {
            ui.label(big_text(
                lang.pick("画面中没有读到二维码", "No code read in the picture"),
            ));
        }
    }
}

fn camera_ui(ui: &mut egui::Ui, view: &mut SetupView, ctx: &ViewCtx) {
    let lang = ctx.lang;
    hint(
        ui,
        lang.pick(
            "把一个二维码（手机上的健康码）对准摄像头：读到后下方会显示",
            "Hold a QR code (a health code on a phone) up to the camera: it shows below when read",
        ),
    );
    // Small enough that the camera list and the buttons stay on a 1366×768 screen.
    ui.scope(|ui| {
        ui.set_max_width(PREVIEW_WIDTH);
        super::source_status::preview_ui(ui, view.picture, view.source, ctx);
    });
    test_read_ui(ui, view.wizard.test_scan, ctx);
    let cameras = view.cameras;
    let answers = &mut view.wizard.answers;
    if cameras.is_empty() {
        ui.label(big_text(lang.pick(
            "未检测到摄像头：只用扫码枪也完全可以登记（按“下一步”继续）；插上摄像头后可在“设置”中选择",
            "No camera found: a USB code scanner alone works (press Next); pick a camera in Settings once one is plugged in",
        )));
        return;
    }
    let selected = answers.config.camera_index.unwrap_or(0);
    let camera = cameras
        .iter()
        .find(|camera| camera.index == selected)
        .or(cameras.first());
    ui.horizontal(|ui| {
        let label = ui.label(big_text(lang.pick("摄像头", "Camera")));
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
        hint(
            ui,
            lang.pick(
                "这个摄像头没有报告可选的分辨率：将使用它的默认分辨率",
                "This camera reports no resolutions to choose from: its default is used",
            ),
        );
    } else {
        ui.horizontal(|ui| {
            let label = ui.label(big_text(lang.pick("分辨率", "Resolution")));
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
    hint(ui, lang.pick(
        "班长凭密码（PIN）开班、交班、导出报表和退出值守模式；以后新增班长也要现任班长确认",
        "Shift leaders open and close shifts, export reports and leave kiosk mode with their PIN; a new leader later needs an existing leader to confirm",
    ));
    field(
        ui,
        lang.pick("班长姓名", "Leader's name"),
        &mut answers.leader_name,
        false,
        &mut (focus == Focus::FirstField),
    );
    field(
        ui,
        lang.pick("密码 PIN（4–6 位数字）", "PIN (4–6 digits)"),
        &mut answers.pin,
        true,
        &mut (focus == Focus::Pin),
    );
    field(
        ui,
        lang.pick("再输一次密码", "PIN again"),
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
    let label = lang.pick("U盘上的文件", "Files on the USB stick");
    ui.label(big_text(label));
    if usb.files.is_empty() {
        hint(
            ui,
            if usb.listing {
                lang.pick("正在查找U盘……", "Looking for USB sticks…")
            } else {
                lang.pick(
                    "没有找到U盘上的文件：请插入U盘（几秒内会自动出现）",
                    "No files found on a USB stick: plug one in (it shows within seconds)",
                )
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
            egui::Button::new(big_text(
                lang.pick("重新查找U盘", "Look for USB sticks again"),
            ))
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
    hint(ui, lang.pick(
        "出入证上有本卡口的电子印章，各卡口不联网也能核验真伪。签发出入证的卡口在本机生成印章；其他卡口从U盘导入它的印章文件（.pem）。",
        "Passes carry the issuing gate's electronic stamp, which any gate checks offline. The gate that issues passes creates the stamp here; other gates take its stamp file (.pem) from a USB stick.",
    ));
    ui.horizontal_wrapped(|ui| {
        for (choice, zh, en) in [
            (
                PassKeyChoice::Create,
                "在本机生成印章",
                "Create the stamp here",
            ),
            (
                PassKeyChoice::Import,
                "从U盘导入邻近卡口的印章",
                "Take a neighbouring gate's stamp from a USB stick",
            ),
        ] {
            let button =
                egui::Button::selectable(answers.pass_key == choice, big_text(lang.pick(zh, en)))
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
    hint(ui, lang.pick(
        "身份证号、手机号只以加密后的“指纹”保存，谁也看不出原号码。同一辖区的卡口用同一把登记密钥，才能认出刚在邻近卡口登记过的人。辖区第一个卡口用本机新密钥；其他卡口从U盘加入它。",
        "ID and phone numbers are kept only as scrambled fingerprints nobody can read back. A district's gates share one registration key so they recognise someone just registered at a neighbouring gate. The first gate uses a new key; the others join it from a USB stick.",
    ));
    ui.horizontal_wrapped(|ui| {
        for (choice, zh, en) in [
            (
                SecretChoice::CreateOwn,
                "使用本机新密钥（辖区第一个卡口）",
                "Use a new key (the district's first gate)",
            ),
            (
                SecretChoice::JoinDistrict,
                "从U盘加入辖区的密钥",
                "Join the district's key from a USB stick",
            ),
        ] {
            let button =
                egui::Button::selectable(answers.secret == choice, big_text(lang.pick(zh, en)))
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
    hint(
        ui,
        lang.pick(
            "超过期限的个人登记自动删除，只留下计数（默认 28 天）",
            "Personal entries older than this are deleted; only counts stay (28 days by default)",
        ),
    );
    ui.horizontal(|ui| {
        for days in [14, 21, 28] {
            let text = format!("{days} {}", lang.pick("天", "days"));
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
        let label = ui.label(big_text(lang.pick("其他天数", "Other (days)")));
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
        ui.label(big_text(lang.pick("正在保存设置……", "Saving the setup…")));
        return;
    }
    let mut go_on = false;
    ui.horizontal(|ui| {
        if wizard.index > 0 && big_button(ui, lang.pick("上一步", "Back")).clicked() {
            wizard.index -= 1;
            wizard.problems.clear();
            wizard.focus = Focus::FirstField;
        }
        let next = if wizard.is_last() {
            lang.pick("完成，开始扫码", "Finish and scan")
        } else {
            lang.pick("下一步", "Next")
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
                lang.pick("设置未保存：", "Setup NOT saved: "),
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
