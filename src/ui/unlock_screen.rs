//! The first screen when the database is encrypted: a shift leader types the passphrase; the
//! gate's screens start only once it opens the database. A wrong passphrase is said plainly and
//! nothing else happens.

use crate::app::KioskStart;
use crate::app::state::KioskApp;
use crate::config::{DataDir, Language, Passphrase};
use crate::store::{Store, StoreError};

/// What the window needs to start once unlocked.
pub struct Unlock {
    data_dir: DataDir,
    start: KioskStart,
    language: Language,
    typed: String,
    problem: Option<String>,
}

impl Unlock {
    pub fn new(data_dir: DataDir, start: KioskStart) -> Self {
        let language = data_dir
            .load_config()
            .map(|config| config.language)
            .unwrap_or_default();
        Self {
            data_dir,
            start,
            language,
            typed: String::new(),
            problem: None,
        }
    }

    /// How many characters are typed so far (the field shows dots).
    pub fn typed_chars(&self) -> usize {
        self.typed.chars().count()
    }

    /// The message under the field, if the last try failed.
    pub fn problem(&self) -> Option<&str> {
        self.problem.as_deref()
    }

    /// Tries the typed passphrase: the gate's app when it opens the database.
    fn try_unlock(&mut self) -> Option<KioskApp> {
        let text = std::mem::take(&mut self.typed);
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
    ui.vertical_centered(|ui| {
        ui.add_space(ui.available_height() * 0.2);
        ui.heading(lang.pick("数据库已加密", "The database is encrypted"));
        ui.add_space(12.0);
        ui.label(lang.pick(
            "请班长输入数据库口令，然后按回车或点“解锁”",
            "A shift leader types the database passphrase, then Enter or “Unlock”",
        ));
        ui.add_space(16.0);
        let field = ui.add(
            egui::TextEdit::singleline(&mut unlock.typed)
                .char_limit(super::form_ui::FIELD_CHARS)
                .password(true)
                .hint_text(lang.pick("口令", "passphrase"))
                .desired_width(360.0)
                .min_size(egui::vec2(360.0, 48.0))
                .font(egui::TextStyle::Heading),
        );
        // The only field on the screen keeps the keyboard, also after a refused try.
        if !field.has_focus() {
            field.request_focus();
        }
        // Enter in the field submits (a single-line field gives its focus up on Enter).
        let entered = (field.has_focus() || field.lost_focus())
            && ui.input(|input| input.key_pressed(egui::Key::Enter));
        ui.add_space(12.0);
        let button = ui
            .add(egui::Button::new(lang.pick("解锁", "Unlock")).min_size(egui::vec2(160.0, 48.0)));
        submitted = entered || button.clicked();
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
        return unlock.try_unlock();
    }
    None
}
