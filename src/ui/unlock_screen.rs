//! The first screen when the database is encrypted: a shift leader types the passphrase; the
//! gate's screens start only once it opens the database. A wrong passphrase is said plainly and
//! nothing else happens.
//!
//! On a new data folder the same screen asks the leader to choose the passphrase (typed twice),
//! so a kiosk's entries are encrypted from the first one on.

use crate::app::KioskStart;
use crate::app::state::KioskApp;
use crate::config::{DataDir, Language, Passphrase};
use crate::store::{FileState, Store, StoreError, file_state};

/// Whether the screen opens an encrypted database or chooses the passphrase of a new one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UnlockMode {
    Open,
    Choose,
}

/// What the window needs to start once unlocked.
pub struct Unlock {
    data_dir: DataDir,
    start: KioskStart,
    language: Language,
    mode: UnlockMode,
    typed: String,
    /// The second typing of a new passphrase.
    again: String,
    /// Where the keyboard goes next when choosing (the second field after Enter in the first,
    /// the first again after a refused try).
    focus_again: bool,
    /// The keyboard is to be put in a field once the window has it. Asking every frame keeps
    /// egui from ever giving the field the keys in the real window (seen under X).
    focus_pending: bool,
    problem: Option<String>,
}

/// A new data folder (no database yet) without a passphrase in the environment: the window asks
/// the leader to choose one before anything is saved.
pub fn needs_new_passphrase(data_dir: &DataDir) -> bool {
    data_dir.passphrase().is_none()
        && file_state(&data_dir.database_path()).is_ok_and(|state| state == FileState::New)
}

impl Unlock {
    pub fn new(data_dir: DataDir, start: KioskStart) -> Self {
        let language = data_dir
            .load_config()
            .map(|config| config.language)
            .unwrap_or_default();
        let mode = if needs_new_passphrase(&data_dir) {
            UnlockMode::Choose
        } else {
            UnlockMode::Open
        };
        Self {
            data_dir,
            start,
            language,
            mode,
            typed: String::new(),
            again: String::new(),
            focus_again: false,
            focus_pending: true,
            problem: None,
        }
    }

    pub fn mode(&self) -> UnlockMode {
        self.mode
    }

    /// How many characters are typed so far (the field shows dots).
    pub fn typed_chars(&self) -> usize {
        self.typed.chars().count()
    }

    /// The message under the field, if the last try failed.
    pub fn problem(&self) -> Option<&str> {
        self.problem.as_deref()
    }

    /// Takes a new passphrase typed twice the same: the gate's app, on a database created
    /// encrypted with it.
    fn try_choose(&mut self) -> Option<KioskApp> {
        let again = std::mem::take(&mut self.again);
        if self.typed != again {
            self.typed.clear();
            self.problem = Some(
                self.language
                    .pick(
                        "两次输入的口令不一致，请重新输入",
                        "The two passphrases differ; type them again",
                    )
                    .to_owned(),
            );
            return None;
        }
        self.try_unlock()
    }

    /// Tries the typed passphrase: the gate's app when it opens the database (a new one is
    /// created encrypted with it).
    fn try_unlock(&mut self) -> Option<KioskApp> {
        let text = std::mem::take(&mut self.typed);
        self.again.clear();
        let lang = self.language;
        let passphrase = match Passphrase::new(text) {
            Ok(passphrase) => passphrase,
            Err(short) => {
                self.problem = Some(lang.pick(&short.zh(), &short.to_string()).to_owned());
                return None;
            }
        };
        let data_dir = self.data_dir.clone().with_passphrase(passphrase);
        // The passphrase is checked first, so a wrong one keeps what the start needs.
        let opened = Store::open_keyed(&data_dir.database_path(), data_dir.passphrase())
            .map_err(anyhow::Error::from)
            .and_then(|store| {
                drop(store);
                self.start.run(data_dir)
            });
        match opened {
            Ok(app) => Some(app),
            Err(error) => {
                self.problem = Some(match error.downcast_ref::<StoreError>() {
                    Some(store_error) => {
                        lang.pick(&store_error.zh(), &error.to_string()).to_owned()
                    }
                    None => format!("{error:#}"),
                });
                None
            }
        }
    }
}

/// Draws the unlock screen; returns the gate's app once the passphrase opened the database.
pub fn unlock_ui(ui: &mut egui::Ui, unlock: &mut Unlock) -> Option<KioskApp> {
    let lang = unlock.language;
    let mut submitted = false;
    // Without a camera feed nothing else asks for frames; keep the field's focus and caret
    // alive in the real window (X servers without a window manager deliver no redraw on focus).
    ui.ctx()
        .request_repaint_after(std::time::Duration::from_millis(250));
    ui.vertical_centered(|ui| {
        ui.add_space(ui.available_height() * 0.2);
        let (heading, guide) = match unlock.mode {
            UnlockMode::Open => (
                lang.pick("数据库已加密", "The database is encrypted"),
                lang.pick(
                    "请班长输入数据库口令，然后按回车或点“解锁”",
                    "A shift leader types the database passphrase, then Enter or “Unlock”",
                ),
            ),
            UnlockMode::Choose => (
                lang.pick("设置数据库口令", "Choose the database passphrase"),
                lang.pick(
                    "登记内容将加密保存。请班长设置口令（至少 8 个字符）并输入两遍；每次开机解锁都要用，请交给各位班长",
                    "Entries are stored encrypted. A shift leader chooses a passphrase (8 characters or more) and types it twice; it unlocks the kiosk at every start: give it to every shift leader",
                ),
            ),
        };
        ui.heading(heading);
        ui.add_space(12.0);
        ui.add(egui::Label::new(guide).wrap());
        ui.add_space(16.0);
        let first = passphrase_field(ui, &mut unlock.typed, lang.pick("口令", "passphrase"));
        let entered = match unlock.mode {
            UnlockMode::Open => {
                // The only field on the screen takes the keyboard, also after a refused try.
                focus_once(ui, &mut unlock.focus_pending, &first);
                enter_in(ui, &first)
            }
            UnlockMode::Choose => {
                ui.add_space(8.0);
                let second = passphrase_field(
                    ui,
                    &mut unlock.again,
                    lang.pick("再输一遍", "the same again"),
                );
                // A click or Tab chooses the field too; the keyboard stays where the leader put it.
                if first.gained_focus() || first.clicked() {
                    unlock.focus_again = false;
                }
                if second.gained_focus() || second.clicked() {
                    unlock.focus_again = true;
                }
                if enter_in(ui, &first) {
                    unlock.focus_again = true;
                    unlock.focus_pending = true;
                }
                let submitted_here = enter_in(ui, &second);
                if submitted_here {
                    unlock.focus_again = false;
                    unlock.focus_pending = true;
                }
                let wanted = if unlock.focus_again { &second } else { &first };
                focus_once(ui, &mut unlock.focus_pending, wanted);
                submitted_here
            }
        };
        ui.add_space(12.0);
        let label = match unlock.mode {
            UnlockMode::Open => lang.pick("解锁", "Unlock"),
            UnlockMode::Choose => lang.pick("设置并开始", "Set and start"),
        };
        let button = ui.add(egui::Button::new(label).min_size(egui::vec2(160.0, 48.0)));
        submitted = entered || button.clicked();
        if submitted {
            unlock.focus_again = false;
            unlock.focus_pending = true;
        }
        ui.add_space(12.0);
        // A fixed slot, so the field and button never move when a message appears.
        let message = unlock.problem.clone().unwrap_or_default();
        ui.add_sized(
            [ui.available_width().min(720.0), 48.0],
            egui::Label::new(egui::RichText::new(message).color(ui.visuals().error_fg_color))
                .wrap(),
        );
    });
    if submitted && !unlock.typed.is_empty() {
        return match unlock.mode {
            UnlockMode::Open => unlock.try_unlock(),
            UnlockMode::Choose => unlock.try_choose(),
        };
    }
    None
}

/// Puts the keyboard in `field` once, when the window has the keyboard.
fn focus_once(ui: &egui::Ui, pending: &mut bool, field: &egui::Response) {
    if *pending && ui.input(|input| input.focused) {
        field.request_focus();
        *pending = false;
    }
}

/// A large password field (dots only).
fn passphrase_field(ui: &mut egui::Ui, text: &mut String, hint: &str) -> egui::Response {
    ui.add(
        egui::TextEdit::singleline(text)
            .char_limit(super::form_ui::FIELD_CHARS)
            .password(true)
            .hint_text(hint)
            .desired_width(360.0)
            .min_size(egui::vec2(360.0, 48.0))
            .font(egui::TextStyle::Heading),
    )
}

/// Enter pressed in this field (a single-line field gives its focus up on Enter).
fn enter_in(ui: &egui::Ui, field: &egui::Response) -> bool {
    (field.has_focus() || field.lost_focus())
        && ui.input(|input| input.key_pressed(egui::Key::Enter))
}
