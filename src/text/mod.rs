//! The text catalogue: every phrase a person reads, in Chinese and English, kept out of the
//! code that decides what to say. Screens, errors and human reports name their words here and
//! render them at draw (or export) time in the language of the moment, so F9 changes a message
//! already on screen too.

// Words moved out of app, cli, gate and the errors (issue 21).
pub mod app;
pub mod codes;
pub mod doctor;
pub mod errors;
pub mod terminal;

pub mod district;
pub mod gate;
pub mod layout;
pub mod office;
pub mod origin;
pub mod passes;
pub mod plate;
pub mod report;
pub mod store_errors;
pub mod terms;

// The screens' words (`src/ui`).
pub mod screens;

use crate::config::Language;

/// A page's language tag (`<html lang="…">`).
pub fn html_lang(lang: Language) -> &'static str {
    match lang {
        Language::ZhCn => "zh-CN",
        Language::En => "en",
    }
}

/// Between the items of a list of names: 、 in Chinese, a comma in English.
pub const LIST_SEPARATOR: Phrase = p("、", ", ");

/// One phrase in both languages.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Phrase {
    pub zh: &'static str,
    pub en: &'static str,
}

impl Phrase {
    pub const fn new(zh: &'static str, en: &'static str) -> Self {
        Self { zh, en }
    }

    pub fn say(self, lang: Language) -> &'static str {
        match lang {
            Language::ZhCn => self.zh,
            Language::En => self.en,
        }
    }
}

pub(crate) const fn p(zh: &'static str, en: &'static str) -> Phrase {
    Phrase::new(zh, en)
}

/// A message made at run time (a count, a name, an error's detail) in both languages, so it can
/// be shown in whichever language is current when it is drawn.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Said {
    pub zh: String,
    pub en: String,
}

impl Said {
    pub fn new(zh: impl Into<String>, en: impl Into<String>) -> Self {
        Self {
            zh: zh.into(),
            en: en.into(),
        }
    }

    /// The same words in both languages (a name, a file path).
    pub fn same(text: impl Into<String>) -> Self {
        let text = text.into();
        Self {
            zh: text.clone(),
            en: text,
        }
    }

    pub fn text(&self, lang: Language) -> &str {
        match lang {
            Language::ZhCn => &self.zh,
            Language::En => &self.en,
        }
    }
}

impl From<Phrase> for Said {
    fn from(phrase: Phrase) -> Self {
        Self::new(phrase.zh, phrase.en)
    }
}

impl Said {
    /// The words a function of the language gives, made in both languages at once: wording
    /// that branches on the language stays in one place and is still re-rendered by F9.
    pub fn in_both(say: impl Fn(Language) -> String) -> Self {
        Self::new(say(Language::ZhCn), say(Language::En))
    }

    /// `lead` then `rest`, joined by `joint` (": ", " "), in each language.
    pub fn then(lead: impl Into<Said>, joint: &str, rest: &Said) -> Self {
        let lead = lead.into();
        Self::new(
            format!("{}{joint}{}", lead.zh, rest.zh),
            format!("{}{joint}{}", lead.en, rest.en),
        )
    }
}

/// An error that can say itself in both languages (`zh()` beside its English `Display`), so
/// that it is kept as a [`Said`] and shown in the language of the moment it is drawn.
pub trait Bilingual {
    fn zh(&self) -> String;
    fn en(&self) -> String;

    /// The error in both languages, in one call.
    fn said(&self) -> Said {
        Said::new(self.zh(), self.en())
    }
}
