//! The errors the app shows, each made a [`Bilingual`] here: the modules that own them may not
//! name `text` (see ARCHITECTURE.md), and the app is where they become messages on screen.

use crate::text::Bilingual;

/// Each type has an inherent `zh()` and an English `Display`.
macro_rules! bilingual {
    ($($error:ty),* $(,)?) => {
        $(impl Bilingual for $error {
            fn zh(&self) -> String {
                <$error>::zh(self)
            }

            fn en(&self) -> String {
                self.to_string()
            }
        })*
    };
}

bilingual!(
    super::store_requests::RequestError,
    crate::store::StoreError,
    crate::codes::CodesError,
    crate::model::plate::PlateError,
    crate::desktop::autostart::AutostartError,
    crate::config::ConfigError,
    crate::config::PassphraseTooShort,
    crate::model::risk::RiskError,
);
