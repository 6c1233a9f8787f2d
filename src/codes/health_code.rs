//! Opaque provincial health codes: a URL or token that only the province's server can check.
//! We recognise the issuer from a user-editable table of URL prefixes and keep only a masked
//! label; the colour comes from the image and the volunteer.

use std::path::Path;

use serde::Deserialize;

use super::CodesError;
use super::unknown::last_chars_escaped;

/// The table shipped with the program; `<data_dir>/issuers.toml` adds to and overrides it.
const BUNDLED_ISSUERS: &str = include_str!("../../data/issuers.toml");

/// One issuer: payloads starting with `prefix` (case-insensitive) come from it.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct Issuer {
    pub prefix: String,
    pub name: String,
    pub region: String,
}

#[derive(Debug, Deserialize)]
struct IssuerFile {
    #[serde(default, rename = "issuer")]
    issuers: Vec<Issuer>,
}

/// The issuer table, longest prefix first so a specific entry wins over a general one.
#[derive(Debug, Clone, Default)]
pub struct IssuerTable {
    issuers: Vec<Issuer>,
}

impl IssuerTable {
    /// The bundled table merged with `local_file` when it exists (local entries override
    /// bundled ones with the same prefix).
    pub fn load(local_file: &Path) -> Result<Self, CodesError> {
        let mut table = Self::from_toml(BUNDLED_ISSUERS, Path::new("data/issuers.toml"))?;
        match std::fs::read_to_string(local_file) {
            Ok(text) => table.merge(Self::from_toml(&text, local_file)?),
            Err(error) if error.kind() == std::io::ErrorKind::NotFound => {}
            Err(source) => {
                return Err(CodesError::Io {
                    path: local_file.to_path_buf(),
                    source,
                });
            }
        }
        Ok(table)
    }

    /// Parses a table; `path` only names the file in the error.
    pub fn from_toml(text: &str, path: &Path) -> Result<Self, CodesError> {
        let file: IssuerFile =
            toml::from_str(text).map_err(|error| CodesError::BadIssuerTable {
                path: path.to_path_buf(),
                detail: error.message().to_owned(),
            })?;
        let mut table = Self {
            issuers: Vec::new(),
        };
        table.merge(Self {
            issuers: file.issuers,
        });
        Ok(table)
    }

    fn merge(&mut self, other: Self) {
        for issuer in other
            .issuers
            .into_iter()
            .filter(|issuer| !issuer.prefix.trim().is_empty())
        {
            self.issuers
                .retain(|known| !known.prefix.eq_ignore_ascii_case(&issuer.prefix));
            self.issuers.push(issuer);
        }
        self.issuers
            .sort_by_key(|issuer| std::cmp::Reverse(issuer.prefix.len()));
    }

    /// The issuer whose prefix starts `payload`, if any.
    pub fn find(&self, payload: &str) -> Option<&Issuer> {
        self.issuers.iter().find(|issuer| {
            payload
                .get(..issuer.prefix.len())
                .is_some_and(|head| head.eq_ignore_ascii_case(&issuer.prefix))
        })
    }

    pub fn len(&self) -> usize {
        self.issuers.len()
    }

    pub fn is_empty(&self) -> bool {
        self.issuers.is_empty()
    }
}

/// The label safe to show and store: issuer name and the token's last four characters.
pub fn masked_label(issuer: &Issuer, payload: &str) -> String {
    format!("{} …{}", issuer.name, last_chars_escaped(payload, 4))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table(text: &str) -> IssuerTable {
        IssuerTable::from_toml(text, Path::new("test.toml")).expect("valid table")
    }

    #[test]
    fn the_longest_matching_prefix_wins_case_insensitively() {
        let table = table(
            "[[issuer]]\nprefix = \"https://a.example/\"\nname = \"A\"\nregion = \"R\"\n\
             [[issuer]]\nprefix = \"https://a.example/hz/\"\nname = \"AHZ\"\nregion = \"R\"\n",
        );
        assert_eq!(
            table
                .find("HTTPS://A.example/hz/xyz")
                .map(|i| i.name.as_str()),
            Some("AHZ")
        );
        assert_eq!(
            table.find("https://a.example/q").map(|i| i.name.as_str()),
            Some("A")
        );
        assert!(table.find("https://b.example/").is_none());
        assert!(table.find("短").is_none());
    }

    #[test]
    fn the_label_keeps_only_the_issuer_and_last_four_characters() {
        let issuer = Issuer {
            prefix: "x".into(),
            name: "粤康码".into(),
            region: "广东".into(),
        };
        assert_eq!(
            masked_label(&issuer, "https://x/token=SECRET9876"),
            "粤康码 …9876"
        );
    }

    #[test]
    fn the_bundled_table_parses_and_a_broken_local_table_is_reported() {
        let dir = tempfile::tempdir().expect("temp dir");
        let local = dir.path().join("issuers.toml");
        let bundled = IssuerTable::load(&local).expect("bundled table");
        assert!(!bundled.is_empty());
        std::fs::write(&local, "[[issuer]]\nprefix = 5").expect("write");
        let error = IssuerTable::load(&local).expect_err("broken table");
        assert!(error.to_string().contains("issuers.toml"));
    }
}
