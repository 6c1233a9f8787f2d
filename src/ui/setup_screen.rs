//! The first-run setup in the window: one question per page, Chinese first, big targets for
//! gloves, before the first scan. The rules live in `setup_form`; this file only draws and
//! collects. Applying the answers writes files and the database, which is the app's work: the
//! screen asks for it with [`SetupCommand::Apply`] and says "saving" while [`SetupView::saving`].

use egui::{RichText, TextEdit, vec2};

use super::setup_form::{PassKeyChoice, SecretChoice, SetupAnswers, SetupPlan, SetupStep};
use super::source_status::PictureView;
use super::source_status::SourceView;
use super::view_ctx::ViewCtx;
use crate::config::{KioskConfig, Language};
use crate::model::camera::CameraInfo;
use crate::model::roster::RosterEntry;

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
    /// The last code the camera read during the camera test (format and colour only).
    pub test_scan: Option<String>,
    /// Why applying the answers failed, in the UI language (set by the app).
    pub failure: Option<String>,
    /// The page just opened: its first field takes the keyboard (a USB keyboard types at once).
    focus_first_field: bool,
}

impl SetupWizard {
    pub fn new(plan: SetupPlan, mut config: KioskConfig) -> Self {
        let placeholder = KioskConfig::default().checkpoint_name;
        if plan.steps.contains(&SetupStep::Checkpoint) && config.checkpoint_name == placeholder {
            // The default "检查点" is a placeholder, not an answer: a real name goes on reports.
            config.checkpoint_name.clear();
        }
        Self {
            steps: plan.steps,
            index: 0,
            answers: SetupAnswers::new(config),
            problems: Vec::new(),
            test_scan: None,
            failure: None,
            focus_first_field: true,
        }
    }

    pub fn step(&self) -> Option<SetupStep> {
        self.steps.get(self.index).copied()
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
    let wizard = &mut *view.wizard;
    let (answers, focus) = (&mut wizard.answers, &mut wizard.focus_first_field);
    match step {
        SetupStep::Language => language_ui(ui, lang, commands),
        SetupStep::Checkpoint => checkpoint_ui(ui, answers, focus, lang),
        SetupStep::Roster => roster_ui(ui, answers, lang),
        SetupStep::Fever => fever_ui(ui, answers, lang),
        SetupStep::Camera => camera_ui(ui, view, ctx),
        SetupStep::Leader => leader_ui(ui, answers, focus, lang),
        SetupStep::PassKey => pass_key_ui(ui, answers, lang),
        SetupStep::HashSecret => secret_ui(ui, answers, lang),
        SetupStep::Retention => retention_ui(ui, answers, lang),
        SetupStep::Kiosk => kiosk_ui(ui, answers, lang),
    }
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
        response.request_focus();
    }
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
            "印在报表和导出文件上，辖区汇总时用来区分各卡口",
            "Printed on reports and exports; tells the district's gates apart",
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

fn roster_ui(ui: &mut egui::Ui, answers: &mut SetupAnswers, lang: Language) {
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
                    ui.add_sized(
                        [width, BIG + 16.0],
                        TextEdit::singleline(value)
                            .char_limit(super::form_ui::FIELD_CHARS)
                            .font(egui::FontId::proportional(BIG)),
                    )
                    .labelled_by(label.id);
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
    if let Some(read) = &view.wizard.test_scan {
        ui.label(RichText::new(read).size(BIG).color(super::theme::GREEN));
    }
    let cameras = view.cameras;
    let answers = &mut view.wizard.answers;
    if cameras.is_empty() {
        ui.label(big_text(lang.pick(
            "未检测到摄像头：可先用扫码枪，插上摄像头后在“设置”中选择",
            "No camera found: use a USB code scanner for now; pick the camera in Settings once plugged in",
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
    if !offered.is_empty() {
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

fn leader_ui(ui: &mut egui::Ui, answers: &mut SetupAnswers, focus: &mut bool, lang: Language) {
    hint(ui, lang.pick(
        "带班组长凭 PIN 开班、交班、导出报表和退出值守模式",
        "Shift leaders open and close shifts, export reports and leave kiosk mode with their PIN",
    ));
    field(
        ui,
        lang.pick("组长姓名", "Leader's name"),
        &mut answers.leader_name,
        false,
        focus,
    );
    field(
        ui,
        lang.pick("PIN（4–6 位数字）", "PIN (4–6 digits)"),
        &mut answers.pin,
        true,
        &mut false,
    );
    field(
        ui,
        lang.pick("再输一次 PIN", "PIN again"),
        &mut answers.pin_again,
        true,
        &mut false,
    );
}

fn pass_key_ui(ui: &mut egui::Ui, answers: &mut SetupAnswers, lang: Language) {
    hint(ui, lang.pick(
        "签发出入证的卡口生成密钥；其他卡口导入它的公钥来核验出入证",
        "The gate that issues passes creates the key; other gates import its public key to check passes",
    ));
    ui.horizontal(|ui| {
        for (choice, zh, en) in [
            (PassKeyChoice::Create, "在本机生成", "Create it here"),
            (
                PassKeyChoice::Import,
                "导入邻近卡口的公钥",
                "Import a neighbour's public key",
            ),
        ] {
            let button =
                egui::Button::selectable(answers.pass_key == choice, big_text(lang.pick(zh, en)))
                    .min_size(BUTTON)
                    .frame_when_inactive(true);
            if ui.add(button).clicked() {
                answers.pass_key = choice;
            }
        }
    });
    if answers.pass_key == PassKeyChoice::Import {
        field(
            ui,
            lang.pick("公钥文件路径", "Public key file"),
            &mut answers.pass_key_file,
            false,
            &mut false,
        );
    }
}

fn secret_ui(ui: &mut egui::Ui, answers: &mut SetupAnswers, lang: Language) {
    hint(ui, lang.pick(
        "身份证号、手机号只以哈希保存；同一辖区的卡口用同一个密钥才能互认重复进出",
        "ID and phone numbers are kept only as keyed hashes; a district's gates share one secret to recognise repeats",
    ));
    ui.horizontal(|ui| {
        for (choice, zh, en) in [
            (
                SecretChoice::CreateOwn,
                "使用本机新密钥",
                "Use this kiosk's new secret",
            ),
            (
                SecretChoice::JoinDistrict,
                "加入辖区的密钥",
                "Join the district's secret",
            ),
        ] {
            let button =
                egui::Button::selectable(answers.secret == choice, big_text(lang.pick(zh, en)))
                    .min_size(BUTTON)
                    .frame_when_inactive(true);
            if ui.add(button).clicked() {
                answers.secret = choice;
            }
        }
    });
    if answers.secret == SecretChoice::JoinDistrict {
        field(
            ui,
            lang.pick("密钥文件路径", "Secret file"),
            &mut answers.secret_file,
            false,
            &mut false,
        );
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

/// The page's problems, a failed save, and Back / Next (or Finish, which asks the app to apply
/// the answers once the last page is accepted).
fn navigation_ui(
    ui: &mut egui::Ui,
    wizard: &mut SetupWizard,
    saving: bool,
    lang: Language,
    commands: &mut Vec<SetupCommand>,
) {
    for problem in &wizard.problems {
        ui.label(big_text(problem).color(super::theme::RED));
    }
    if let Some(failure) = &wizard.failure {
        ui.label(
            big_text(&format!(
                "{}{failure}",
                lang.pick("设置未保存：", "Setup NOT saved: ")
            ))
            .color(super::theme::RED),
        );
    }
    if saving {
        ui.label(big_text(lang.pick("正在保存设置……", "Saving the setup…")));
        return;
    }
    let mut go_on = false;
    ui.horizontal(|ui| {
        if wizard.index > 0 && big_button(ui, lang.pick("上一步", "Back")).clicked() {
            wizard.index -= 1;
            wizard.problems.clear();
            wizard.focus_first_field = true;
        }
        let next = if wizard.is_last() {
            lang.pick("完成，开始扫码", "Finish and scan")
        } else {
            lang.pick("下一步", "Next")
        };
        go_on =
            big_button(ui, next).clicked() || ui.input(|input| input.key_pressed(egui::Key::Enter));
    });
    if !go_on {
        return;
    }
    let Some(step) = wizard.step() else { return };
    wizard.problems = wizard.answers.problems(step, lang);
    if !wizard.problems.is_empty() {
        return;
    }
    if wizard.is_last() {
        commands.push(SetupCommand::Apply);
    } else {
        wizard.index += 1;
        wizard.focus_first_field = true;
    }
}
