//! The first screen when the database is encrypted: a shift leader types the passphrase; the
//! gate's screens start only once it opens the database. A wrong passphrase is said plainly and
//! nothing else happens.
//!
//! On a new data folder the same screen asks the leader to choose the passphrase (typed twice),
//! so a kiosk's entries are encrypted from the first one on.
//!
//! The screen only collects the passphrase; the app (`app::unlock`) tries it on the database.

use crate::config::Language;
use crate::text::screens::unlock_screen as words;

/// Whether the screen opens an encrypted database or chooses the passphrase of a new one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UnlockMode {
    Open,
    Choose,
}

/// What the unlock screen shows and what is typed in it; the app tries the passphrase.
pub struct UnlockView {
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
    /// Why the last try failed (set by the app when the passphrase did not open the database).
    pub problem: Option<String>,
}

impl UnlockView {
    pub fn new(mode: UnlockMode) -> Self {
        Self {
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

    /// The passphrase submitted, taken out of the fields: when choosing, only once it was typed
    /// twice the same (else both fields start over with a message, and there is nothing to try).
    fn take_submitted(&mut self, lang: Language) -> Option<String> {
        use zeroize::Zeroize as _;
        let mut typed = std::mem::take(&mut self.typed);
        let mut again = std::mem::take(&mut self.again);
        // The second typing is only compared: wiped, not left in freed memory.
        let differ = typed != again;
        again.zeroize();
        if self.mode == UnlockMode::Choose && differ {
            typed.zeroize();
            self.problem = Some(words::TWO_PASSPHRASES_DIFFER.say(lang).to_owned());
            return None;
        }
        Some(typed)
    }
}

/// Draws the unlock screen; returns the passphrase a leader submitted, for the app to try.
pub fn unlock_ui(ui: &mut egui::Ui, unlock: &mut UnlockView, lang: Language) -> Option<String> {
    let mut submitted = false;
    // Without a camera feed nothing else asks for frames; keep the field's focus and caret
    // alive in the real window (X servers without a window manager deliver no redraw on focus).
    ui.ctx()
        .request_repaint_after(std::time::Duration::from_millis(250));
    ui.vertical_centered(|ui| {
        ui.add_space(ui.available_height() * 0.2);
        let (heading, guide) = match unlock.mode {
            UnlockMode::Open => (
                words::DATABASE_ENCRYPTED.say(lang),
                words::SHIFT_LEADER_TYPES.say(lang),
            ),
            UnlockMode::Choose => (
                words::CHOOSE_DATABASE_PASSPHRASE.say(lang),
                words::ENTRIES_STORED_ENCRYPTED.say(lang),
            ),
        };
        ui.heading(heading);
        ui.add_space(12.0);
        ui.add(egui::Label::new(guide).wrap());
        ui.add_space(16.0);
        let first = passphrase_field(ui, &mut unlock.typed, words::DATABASE_PASSPHRASE.say(lang));
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
                    words::SAME_PASSPHRASE_AGAIN.say(lang),
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
            UnlockMode::Open => crate::text::screens::common::UNLOCK.say(lang),
            UnlockMode::Choose => words::SET_START.say(lang),
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
        return unlock.take_submitted(lang);
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

/// A large password field (dots only) under its label, which names it for screen readers.
fn passphrase_field(ui: &mut egui::Ui, text: &mut String, label: &str) -> egui::Response {
    let label = ui.label(egui::RichText::new(label).size(super::theme::scaled(ui, 20.0)));
    ui.add(
        egui::TextEdit::singleline(text)
            .char_limit(super::form_ui::FIELD_CHARS)
            .password(true)
            .desired_width(360.0)
            .min_size(egui::vec2(360.0, 48.0))
            .font(egui::TextStyle::Heading),
    )
    .labelled_by(label.id)
}

/// Enter pressed in this field (a single-line field gives its focus up on Enter).
fn enter_in(ui: &egui::Ui, field: &egui::Response) -> bool {
    (field.has_focus() || field.lost_focus())
        && ui.input(|input| input.key_pressed(egui::Key::Enter))
}
