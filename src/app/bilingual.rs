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

bilingual!(super::store_requests::RequestError);

/// `codes` and `text` may not name each other: the error's variants meet their Chinese here.
impl Bilingual for crate::codes::CodesError {
    fn zh(&self) -> String {
        use crate::codes::CodesError as E;
        use crate::text::errors::codes as zh;
        match self {
            E::Io { path, source } => zh::io(path, source),
            E::BadTrustPem { detail } => zh::bad_trust_pem(detail),
            E::UnsupportedSignerKey { subject } => zh::unsupported_signer_key(subject),
            E::BadIssuerTable { path, detail } => zh::bad_issuer_table(path, detail),
            E::NoSigningKey { .. } => zh::NO_SIGNING_KEY.to_owned(),
            E::SigningKeyExists { path } => zh::signing_key_exists(path),
            E::BadKeyFile { path } => zh::bad_key_file(path),
            E::BadRegister { path, detail } => zh::bad_register(path, detail),
            E::BadPassDetails(detail) => zh::bad_pass_details(detail),
            E::DataFolder(error) => error.zh(),
            E::Render(detail) => zh::render(detail),
        }
    }

    fn en(&self) -> String {
        self.to_string()
    }
}

impl Bilingual for crate::desktop::AutostartError {
    fn zh(&self) -> String {
        use crate::desktop::AutostartError as E;
        use crate::text::errors::autostart as zh;
        match self {
            E::NoConfigHome => zh::NO_CONFIG_HOME.to_owned(),
            E::Io { path, source } => zh::cannot_write(path, source),
        }
    }

    fn en(&self) -> String {
        self.to_string()
    }
}
