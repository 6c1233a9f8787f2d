//! China's administrative regions, for "where are you coming from?": the 34 provincial-level
//! divisions, their 333 prefecture-level divisions (GB/T 2260 codes) and the county-level cities
//! that provinces administer directly. A volunteer finds one by Chinese name, pinyin initials or
//! code. Districts and counties below that are out of scope: too many to pick from at a gate.

use std::collections::HashSet;
use std::sync::OnceLock;

use serde::{Deserialize, Serialize};
use thiserror::Error;

const BUNDLED_REGIONS: &str = include_str!("../../data/regions.json");
/// Enough results to fill the picker without scrolling.
pub const SEARCH_LIMIT: usize = 20;

/// One region; `province` is the name of the provincial-level division it belongs to (its own
/// name for a province).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Region {
    pub code: String,
    pub name: String,
    pub province: String,
    /// Lower-case pinyin initials of the full name: 深圳市 → "szs".
    pub initials: String,
    /// Lower-case pinyin of the full name, one syllable a word: 深圳市 → "shen zhen shi".
    #[serde(default)]
    pub pinyin: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum RegionLevel {
    Province,
    Prefecture,
    /// County-level city or county administered directly by its province (e.g. 仙桃市 429004).
    County,
}

impl Region {
    pub fn level(&self) -> RegionLevel {
        match self.code.len() {
            2 => RegionLevel::Province,
            4 => RegionLevel::Prefecture,
            _ => RegionLevel::County,
        }
    }

    /// The 2-digit code of the province the region belongs to.
    pub fn province_code(&self) -> &str {
        self.code.get(..2).unwrap_or_default()
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum RegionError {
    #[error("the region list is not valid JSON ({0}); restore data/regions.json")]
    Json(String),
    #[error("region code “{0}” must be 2, 4 or 6 digits; fix it in the region list")]
    BadCode(String),
    #[error("region code {0} appears twice; remove one in the region list")]
    DuplicateCode(String),
    #[error(
        "region {code} names province “{province}”, which does not match its code; fix it in the region list"
    )]
    WrongProvince { code: String, province: String },
}

#[derive(Deserialize)]
struct RegionFile {
    regions: Vec<Region>,
}

/// All regions, in the order of the file (by code).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RegionTable {
    regions: Vec<Region>,
}

impl RegionTable {
    /// Reads a `{"regions": [...]}` file and checks codes and provinces agree.
    pub fn from_json(json: &str) -> Result<Self, RegionError> {
        let file: RegionFile =
            serde_json::from_str(json).map_err(|error| RegionError::Json(error.to_string()))?;
        let table = Self {
            regions: file.regions,
        };
        table.check()?;
        Ok(table)
    }

    /// The table shipped in data/regions.json, parsed once.
    pub fn bundled() -> &'static RegionTable {
        static TABLE: OnceLock<RegionTable> = OnceLock::new();
        TABLE.get_or_init(|| {
            // The file is compiled in and checked by a test, so this cannot fail in a build.
            RegionTable::from_json(BUNDLED_REGIONS).expect("data/regions.json is valid")
        })
    }

    pub fn regions(&self) -> &[Region] {
        &self.regions
    }

    pub fn get(&self, code: &str) -> Option<&Region> {
        self.regions.iter().find(|region| region.code == code)
    }

    /// A region by exact code or exact name ("4403" or "深圳市").
    pub fn find(&self, code_or_name: &str) -> Option<&Region> {
        let wanted = code_or_name.trim();
        self.regions
            .iter()
            .find(|region| region.code == wanted || region.name == wanted)
    }

    pub fn province_of(&self, region: &Region) -> Option<&Region> {
        self.get(region.province_code())
    }

    /// Regions whose Chinese name contains the query, whose pinyin initials start with it, or
    /// whose code starts with it; best matches first, at most [`SEARCH_LIMIT`].
    pub fn search(&self, query: &str) -> Vec<&Region> {
        let query = query.trim().to_lowercase();
        if query.is_empty() {
            return Vec::new();
        }
        let mut ranked: Vec<(u8, &Region)> = self
            .regions
            .iter()
            .filter_map(|region| match_rank(region, &query).map(|rank| (rank, region)))
            .collect();
        // Stable sort: equal ranks keep file order, provinces before their cities.
        ranked.sort_by_key(|(rank, region)| (*rank, region.level()));
        ranked
            .into_iter()
            .take(SEARCH_LIMIT)
            .map(|(_, region)| region)
            .collect()
    }

    fn check(&self) -> Result<(), RegionError> {
        let mut seen = HashSet::new();
        for region in &self.regions {
            let code = &region.code;
            let well_formed =
                matches!(code.len(), 2 | 4 | 6) && code.bytes().all(|b| b.is_ascii_digit());
            if !well_formed {
                return Err(RegionError::BadCode(code.clone()));
            }
            if !seen.insert(code.as_str()) {
                return Err(RegionError::DuplicateCode(code.clone()));
            }
        }
        for region in &self.regions {
            let province_name = self
                .province_of(region)
                .map(|province| province.name.as_str());
            if province_name != Some(region.province.as_str()) {
                return Err(RegionError::WrongProvince {
                    code: region.code.clone(),
                    province: region.province.clone(),
                });
            }
        }
        Ok(())
    }
}

/// Lower is better: exact, then name prefix, then initials or code prefix, then name substring.
fn match_rank(region: &Region, query: &str) -> Option<u8> {
    if region.name == query || region.code == query {
        Some(0)
    } else if region.name.starts_with(query) {
        Some(1)
    } else if region.initials.starts_with(query)
        || region.code.starts_with(query)
        || (query.len() >= 3 && region.pinyin.replace(' ', "").starts_with(query))
    {
        Some(2)
    } else if region.name.contains(query) {
        Some(3)
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SMALL: &str = r#"{"regions": [
        {"code": "44", "name": "广东省", "province": "广东省", "initials": "gds"},
        {"code": "4403", "name": "深圳市", "province": "广东省", "initials": "szs"}
    ]}"#;

    #[test]
    fn reads_a_small_table_and_finds_by_code_or_name() {
        let table = RegionTable::from_json(SMALL).expect("valid");
        assert_eq!(table.find("4403").map(|r| r.name.as_str()), Some("深圳市"));
        assert_eq!(
            table.find(" 深圳市 ").map(|r| r.code.as_str()),
            Some("4403")
        );
        let shenzhen = table.get("4403").expect("listed");
        assert_eq!(
            table.province_of(shenzhen).map(|r| r.name.as_str()),
            Some("广东省")
        );
        assert_eq!(shenzhen.level(), RegionLevel::Prefecture);
    }

    #[test]
    fn refuses_inconsistent_tables() {
        let wrong_province = SMALL.replace(
            r#""province": "广东省", "initials": "szs""#,
            r#""province": "湖南省", "initials": "szs""#,
        );
        assert!(matches!(
            RegionTable::from_json(&wrong_province),
            Err(RegionError::WrongProvince { .. })
        ));
        let duplicate = SMALL.replace("\"4403\"", "\"44\"");
        assert_eq!(
            RegionTable::from_json(&duplicate),
            Err(RegionError::DuplicateCode("44".into()))
        );
        assert!(matches!(
            RegionTable::from_json("{"),
            Err(RegionError::Json(_))
        ));
        let bad_code = SMALL.replace("\"4403\"", "\"440\"");
        assert_eq!(
            RegionTable::from_json(&bad_code),
            Err(RegionError::BadCode("440".into()))
        );
    }
}
