//! The list of medium- and high-risk regions a checkpoint applies, imported from a JSON file the
//! shift leader keeps up to date. The list carries its date so the UI can warn when it is stale;
//! an old list is worse than none, because it waves through people from new risk areas.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use thiserror::Error;

use super::region::{Region, RegionTable};

const BUNDLED_SAMPLE: &str = include_str!("../../data/risk_areas.json");

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum RiskLevel {
    Medium,
    High,
}

impl RiskLevel {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Medium => "medium",
            Self::High => "high",
        }
    }

    pub fn label_en(self) -> &'static str {
        match self {
            Self::Medium => "Medium risk",
            Self::High => "High risk",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum RiskError {
    #[error(
        "the risk list cannot be read ({0}); check the file is the JSON list and import it again"
    )]
    Json(String),
    #[error(
        "the risk list date “{0}” is not a date like 2026-11-20; correct “updated” in the file"
    )]
    BadDate(String),
    #[error(
        "“{0}” in the risk list is no region we know; use a code like 4403 or a region's full name"
    )]
    UnknownRegion(String),
    #[error("the risk list file is {0} bytes, more than a list can be; check it is the right file")]
    TooLarge(usize),
    #[error(
        "the risk list file is not UTF-8 text; save it as UTF-8 CSV or JSON and import it again"
    )]
    NotUtf8,
    #[error("the risk list has {0} areas, more than a list can have; check it is the right file")]
    TooManyAreas(usize),
    #[error("the risk list is dated {0}, in the future; correct “updated” in the file")]
    FutureDate(String),
    #[error("line {line} of the risk list has level “{text}”; use high or medium")]
    BadLevel { line: usize, text: String },
    #[error(
        "line {line} of the risk list (“{text}”) is not “region,level,note”; see the format in the README"
    )]
    BadLine { line: usize, text: String },
}

/// One listed area: a region code (2, 4 or 6 digits) or a region's full name.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RiskArea {
    pub region: String,
    pub level: RiskLevel,
    #[serde(default)]
    pub note: String,
}

#[derive(Deserialize)]
struct RiskFile {
    updated: String,
    #[serde(default)]
    source: String,
    areas: Vec<RiskArea>,
}

/// A dated list of risk areas, checked against the region table on import.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RiskList {
    updated: NaiveDate,
    source: String,
    areas: Vec<RiskArea>,
}

impl RiskList {
    /// Reads a list, checking every area against the bundled region table.
    pub fn from_json(json: &str) -> Result<Self, RiskError> {
        Self::from_json_with(json, RegionTable::bundled())
    }

    pub fn from_json_with(json: &str, regions: &RegionTable) -> Result<Self, RiskError> {
        let file: RiskFile =
            serde_json::from_str(json).map_err(|error| RiskError::Json(error.to_string()))?;
        Self::from_parts(&file.updated, file.source, file.areas, regions)
    }

    /// Checks the date and every area against the region table.
    pub(crate) fn from_parts(
        updated: &str,
        source: String,
        mut areas: Vec<RiskArea>,
        regions: &RegionTable,
    ) -> Result<Self, RiskError> {
        let updated = NaiveDate::parse_from_str(updated.trim(), "%Y-%m-%d")
            .map_err(|_| RiskError::BadDate(updated.to_owned()))?;
        for area in &mut areas {
            area.region = area.region.trim().to_owned();
            if !is_known(&area.region, regions) {
                return Err(RiskError::UnknownRegion(area.region.clone()));
            }
        }
        Ok(Self {
            updated,
            source,
            areas,
        })
    }

    /// The list as the JSON file the kiosk keeps (`risk_areas.json`), the format it reads.
    pub fn to_json(&self) -> String {
        let file = serde_json::json!({
            "updated": self.updated.format("%Y-%m-%d").to_string(),
            "source": self.source,
            "areas": self.areas,
        });
        serde_json::to_string_pretty(&file).unwrap_or_default()
    }

    /// The example list in data/risk_areas.json. It is sample data, as its `source` says.
    pub fn bundled_sample() -> Result<Self, RiskError> {
        Self::from_json(BUNDLED_SAMPLE)
    }

    pub fn updated(&self) -> NaiveDate {
        self.updated
    }

    pub fn source(&self) -> &str {
        &self.source
    }

    pub fn areas(&self) -> &[RiskArea] {
        &self.areas
    }

    /// The same list with its free text (source, notes) cleaned and capped.
    pub(crate) fn cleaned(mut self, max_chars: usize) -> Self {
        self.source = super::plain_text::clean_text(&self.source, max_chars);
        for area in &mut self.areas {
            area.note = super::plain_text::clean_text(&area.note, max_chars);
        }
        self
    }

    /// True when the list is more than `max_age_days` old on `today`.
    pub fn is_stale(&self, today: NaiveDate, max_age_days: u32) -> bool {
        (today - self.updated).num_days() > i64::from(max_age_days)
    }

    /// The highest level that applies to a region given by code or full name, using the bundled
    /// region table: a city is at risk when it is listed itself or its province is listed.
    pub fn level_for(&self, region_code_or_name: &str) -> Option<RiskLevel> {
        self.level_for_in(region_code_or_name, RegionTable::bundled())
    }

    pub fn level_for_in(
        &self,
        region_code_or_name: &str,
        regions: &RegionTable,
    ) -> Option<RiskLevel> {
        let names = identifiers_covering(region_code_or_name.trim(), regions);
        self.areas
            .iter()
            .filter(|area| names.contains(&area.region))
            .map(|area| area.level)
            .max()
    }

    /// The highest level of any listed area inside the region (or covering it), like the star
    /// the travel card put after a city: 广东省 is starred when only 深圳市 is listed. The star
    /// says a risk area exists there, not that the person went to it.
    pub fn level_within(&self, region_code_or_name: &str) -> Option<RiskLevel> {
        let regions = RegionTable::bundled();
        let own = self.level_for_in(region_code_or_name, regions);
        let Some(code) = code_of(region_code_or_name.trim(), regions) else {
            return own;
        };
        let inside = self
            .areas
            .iter()
            .filter(|area| code_of(&area.region, regions).is_some_and(|c| c.starts_with(code)))
            .map(|area| area.level)
            .max();
        own.max(inside)
    }
}

/// 2, 4 or 6 digits: province, prefecture or county-level code.
fn is_code(text: &str) -> bool {
    matches!(text.len(), 2 | 4 | 6) && text.bytes().all(|b| b.is_ascii_digit())
}

/// The code of a region given by code or full name; `None` for an unknown name.
fn code_of<'a>(code_or_name: &'a str, regions: &'a RegionTable) -> Option<&'a str> {
    if is_code(code_or_name) {
        return Some(code_or_name);
    }
    regions
        .find(code_or_name)
        .map(|region| region.code.as_str())
}

/// Codes are accepted when their province exists (districts below prefecture level are not in
/// the table but match by prefix); names must be a region's full name.
fn is_known(code_or_name: &str, regions: &RegionTable) -> bool {
    if is_code(code_or_name) {
        regions.get(&code_or_name[..2]).is_some()
    } else {
        regions.find(code_or_name).is_some()
    }
}

/// Every code and name a listing could use to cover the region: itself, its prefecture and its
/// province, by code and by name. "440305" (a district) is covered by "4403", "深圳市", "44"
/// and "广东省".
fn identifiers_covering(code_or_name: &str, regions: &RegionTable) -> Vec<String> {
    let code = regions
        .find(code_or_name)
        .map_or(code_or_name, |region| region.code.as_str());
    let mut names = vec![code_or_name.to_owned()];
    if code.bytes().all(|b| b.is_ascii_digit()) {
        for length in [2, 4, 6] {
            let Some(prefix) = code.get(..length) else {
                break;
            };
            names.push(prefix.to_owned());
            names.extend(
                regions
                    .get(prefix)
                    .map(|region: &Region| region.name.clone()),
            );
        }
    }
    names
}

#[cfg(test)]
mod tests {
    use super::*;

    fn list(areas: &str) -> Result<RiskList, RiskError> {
        RiskList::from_json(&format!(
            r#"{{"updated": "2026-11-20", "source": "test", "areas": [{areas}]}}"#
        ))
    }

    #[test]
    fn staleness_counts_whole_days() {
        let risk = list("").expect("valid");
        let day = |d| NaiveDate::from_ymd_opt(2026, 11, d).expect("date");
        assert!(!risk.is_stale(day(21), 1));
        assert!(risk.is_stale(day(22), 1));
    }

    #[test]
    fn refuses_bad_dates_and_unknown_regions() {
        let bad_date = RiskList::from_json(r#"{"updated": "20 Nov", "areas": []}"#);
        assert_eq!(bad_date, Err(RiskError::BadDate("20 Nov".into())));
        let unknown = list(r#"{"region": "深圳", "level": "high"}"#);
        assert_eq!(unknown, Err(RiskError::UnknownRegion("深圳".into())));
        assert!(matches!(
            list(r#"{"region": "4403", "level": "red"}"#),
            Err(RiskError::Json(_))
        ));
    }
}
