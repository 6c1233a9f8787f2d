//! What the risk list says about an origin as typed: the region it means, its level, and what
//! else it could mean. An origin that names no region is *unknown*, never "no risk".

use super::origin::{OriginMatch, find_origin, province_of_plate};
use super::region::RegionTable;
use super::risk::{RiskLevel, RiskList};

/// The verdict on a typed origin.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum OriginCheck {
    /// Nothing typed.
    Empty,
    /// The text names no region we know: its risk is unknown.
    Unknown {
        typed: String,
    },
    Known(KnownOrigin),
}

/// A typed origin resolved to a region.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KnownOrigin {
    pub typed: String,
    pub code: String,
    /// The region's full name (深圳市).
    pub name: String,
    /// The short pinyin, capitalised, for English screens (Shenzhen).
    pub name_en: String,
    /// A district or county typed after the region, not in the region table.
    pub district: Option<String>,
    /// The level listed for the region itself (or its prefecture or province).
    pub level: Option<RiskLevel>,
    /// The highest level of an area listed *inside* the region (a district of the city).
    pub within: Option<RiskLevel>,
    /// Other regions the text could mean (sz: 苏州市, 随州市 …), full names.
    pub others: Vec<String>,
}

impl KnownOrigin {
    /// The level that decides: the region's own, or, when a district was typed that the list
    /// cannot tell apart, the highest listed inside the region (fail safe).
    pub fn deciding_level(&self) -> Option<RiskLevel> {
        match self.district {
            Some(_) => self.level.max(self.within),
            None => self.level,
        }
    }

    /// What is stored as the origin: the full name and the district as typed (深圳市南山区).
    pub fn stored(&self) -> String {
        format!(
            "{}{}",
            self.name,
            self.district.as_deref().unwrap_or_default()
        )
    }
}

impl OriginCheck {
    /// True when the person or vehicle is to be diverted (分流).
    pub fn divert(&self) -> bool {
        self.level().is_some()
    }

    pub fn level(&self) -> Option<RiskLevel> {
        match self {
            Self::Known(known) => known.deciding_level(),
            Self::Empty | Self::Unknown { .. } => None,
        }
    }

    /// The origin to store: the resolved name when known, else the text as typed.
    pub fn stored(&self) -> Option<String> {
        match self {
            Self::Empty => None,
            Self::Unknown { typed } => Some(typed.clone()),
            Self::Known(known) => Some(known.stored()),
        }
    }
}

impl RiskList {
    /// Resolves a typed origin against the bundled region table. `plate` (粤B12345) hints at the
    /// province; among equally good matches the riskiest is taken, so an ambiguous "sz" fails
    /// safe and the screen offers the others to pick.
    pub fn check_origin(&self, typed: &str, plate: Option<&str>) -> OriginCheck {
        self.check_origin_in(typed, plate, RegionTable::bundled())
    }

    pub fn check_origin_in(
        &self,
        typed: &str,
        plate: Option<&str>,
        regions: &RegionTable,
    ) -> OriginCheck {
        let typed = typed.trim();
        if typed.is_empty() {
            return OriginCheck::Empty;
        }
        let hint = plate.and_then(province_of_plate);
        let found = find_origin(typed, hint, regions);
        let Some(best) = found.first() else {
            return OriginCheck::Unknown {
                typed: typed.to_owned(),
            };
        };
        let in_hint = |m: &OriginMatch| hint.is_some_and(|code| m.region.province_code() == code);
        let best_key = (best.by, in_hint(best));
        // Riskiest first; among equals the earlier in the table.
        let chosen = found
            .iter()
            .filter(|m| (m.by, in_hint(m)) == best_key)
            .enumerate()
            .min_by_key(|(index, m)| {
                let level = self.known(m, regions, typed).deciding_level();
                (std::cmp::Reverse(level), *index)
            })
            .map_or(best, |(_, m)| m);
        let mut known = self.known(chosen, regions, typed);
        known.others = found
            .iter()
            .filter(|m| m.region.code != chosen.region.code)
            .map(|m| m.region.name.clone())
            .take(4)
            .collect();
        OriginCheck::Known(known)
    }

    fn known(&self, m: &OriginMatch, regions: &RegionTable, typed: &str) -> KnownOrigin {
        let code = m.region.code.as_str();
        let level = self.level_for_in(code, regions);
        let within = self
            .level_within(code)
            .filter(|inside| Some(*inside) > level);
        KnownOrigin {
            typed: typed.to_owned(),
            code: code.to_owned(),
            name: m.region.name.clone(),
            name_en: english_name(&m.region.name, &m.region.pinyin),
            district: m.district.clone(),
            level,
            within,
            others: Vec::new(),
        }
    }
}

/// 深圳市 "shen zhen shi" → "Shenzhen": the short name's pinyin, capitalised.
fn english_name(name: &str, pinyin: &str) -> String {
    let dropped = name.chars().count()
        - super::origin::short_name(name).map_or(name.chars().count(), |s| s.chars().count());
    let syllables: Vec<&str> = pinyin.split_whitespace().collect();
    let kept = syllables
        .len()
        .saturating_sub(dropped)
        .max(1)
        .min(syllables.len());
    let joined = syllables[..kept].concat();
    let mut chars = joined.chars();
    chars.next().map_or_else(
        || name.to_owned(),
        |first| first.to_uppercase().chain(chars).collect(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> RiskList {
        RiskList::bundled_sample().expect("valid sample")
    }

    fn level(typed: &str, plate: Option<&str>) -> Option<RiskLevel> {
        sample().check_origin(typed, plate).level()
    }

    #[test]
    fn shenzhen_is_high_however_it_is_typed() {
        for typed in [
            "深圳市",
            "深圳",
            "sz",
            "shenzhen",
            "Shen Zhen",
            "深圳南山区",
            "广东深圳",
        ] {
            assert_eq!(level(typed, None), Some(RiskLevel::High), "{typed}");
            assert_eq!(
                level(typed, Some("粤B12345")),
                Some(RiskLevel::High),
                "{typed}"
            );
        }
        assert_eq!(level("石家庄", None), Some(RiskLevel::Medium));
        assert_eq!(level("sjz", None), Some(RiskLevel::Medium));
    }

    #[test]
    fn an_ambiguous_abbreviation_fails_safe_and_names_the_others() {
        let OriginCheck::Known(known) = sample().check_origin("sz", None) else {
            panic!("sz is known");
        };
        assert_eq!(known.name, "深圳市");
        assert!(
            known.others.iter().any(|other| other == "苏州市"),
            "{known:?}"
        );
        // On a 苏 plate, "sz" is 苏州 first.
        let on_su = sample().check_origin("sz", Some("苏E12345"));
        assert_eq!(on_su.stored().as_deref(), Some("苏州市"));
        assert_eq!(on_su.level(), None);
    }

    #[test]
    fn unknown_is_unknown_and_a_city_with_a_listed_district_warns() {
        assert_eq!(
            sample().check_origin("火星", None),
            OriginCheck::Unknown {
                typed: "火星".into()
            }
        );
        assert_eq!(sample().check_origin("  ", None), OriginCheck::Empty);
        let OriginCheck::Known(shanghai) = sample().check_origin("上海", None) else {
            panic!("上海 is known");
        };
        assert_eq!(
            (shanghai.level, shanghai.within),
            (None, Some(RiskLevel::High))
        );
        assert!(!sample().check_origin("上海", None).divert());
        // A district of Shanghai cannot be told apart from the listed one: diverted.
        assert!(sample().check_origin("上海浦东", None).divert());
        assert_eq!(shanghai.name_en, "Shanghai");
    }

    #[test]
    fn the_stored_origin_is_the_full_name_and_district() {
        assert_eq!(
            sample()
                .check_origin("深圳南山区", None)
                .stored()
                .as_deref(),
            Some("深圳市南山区")
        );
        assert_eq!(
            sample().check_origin("shenzhen", None).stored().as_deref(),
            Some("深圳市")
        );
    }
}
