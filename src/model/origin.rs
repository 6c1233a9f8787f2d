//! "Where are you coming from?" as a volunteer hears and types it: the full name (深圳市), the
//! short name (深圳), pinyin initials (sz) or full pinyin (shenzhen), a district or county after
//! the city (深圳南山区), or a code (4403). The plate's province character is a hint that breaks a
//! tie ("sz" on a 粤 plate is 深圳, on a 苏 plate 苏州), never proof.
//!
//! This module only finds regions; what the risk list says about them is in
//! [`super::risk::RiskList::check_origin`].

use super::region::{Region, RegionTable};

/// How a typed origin matched a region, best first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum MatchedBy {
    Code,
    FullName,
    ShortName,
    Pinyin,
    Initials,
    /// The first characters of a Chinese name (at least two): 石家 → 石家庄市.
    NamePrefix,
}

/// One region the typed origin can mean.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OriginMatch<'a> {
    pub region: &'a Region,
    pub by: MatchedBy,
    /// What was typed after the region's name: a district or county under it (南山区).
    pub district: Option<String>,
}

/// Name endings a volunteer leaves out, longest first: 广西壮族自治区 → 广西, 深圳市 → 深圳.
const SUFFIXES: [&str; 13] = [
    "特别行政区",
    "维吾尔自治区",
    "壮族自治区",
    "回族自治区",
    "自治区",
    "自治州",
    "自治县",
    "地区",
    "林区",
    "省",
    "市",
    "盟",
    "县",
];

/// The province each plate's first character stands for (GA 36), by region code.
const PLATE_PROVINCES: [(char, &str); 31] = [
    ('京', "11"),
    ('津', "12"),
    ('冀', "13"),
    ('晋', "14"),
    ('蒙', "15"),
    ('辽', "21"),
    ('吉', "22"),
    ('黑', "23"),
    ('沪', "31"),
    ('苏', "32"),
    ('浙', "33"),
    ('皖', "34"),
    ('闽', "35"),
    ('赣', "36"),
    ('鲁', "37"),
    ('豫', "41"),
    ('鄂', "42"),
    ('湘', "43"),
    ('粤', "44"),
    ('桂', "45"),
    ('琼', "46"),
    ('渝', "50"),
    ('川', "51"),
    ('贵', "52"),
    ('云', "53"),
    ('藏', "54"),
    ('陕', "61"),
    ('甘', "62"),
    ('青', "63"),
    ('宁', "64"),
    ('新', "65"),
];

/// The province code a plate's first character names (粤B12345 → "44"), if any.
pub fn province_of_plate(plate: &str) -> Option<&'static str> {
    let first = plate.trim().chars().next()?;
    PLATE_PROVINCES
        .iter()
        .find(|(character, _)| *character == first)
        .map(|(_, code)| *code)
}

/// The name without its administrative ending, when at least two characters are left.
pub fn short_name(name: &str) -> Option<&str> {
    SUFFIXES.iter().find_map(|suffix| {
        name.strip_suffix(suffix)
            .filter(|short| short.chars().count() >= 2)
    })
}

/// Lower-case ASCII without spaces or apostrophes; full-width letters made half-width. Chinese
/// text keeps its characters, without spaces or "·".
pub fn normalise(typed: &str) -> String {
    typed
        .chars()
        .map(|c| match c {
            'ａ'..='ｚ' | 'Ａ'..='Ｚ' | '０'..='９' => {
                char::from_u32(u32::from(c) - 0xFEE0).unwrap_or(c)
            }
            other => other,
        })
        .filter(|c| !c.is_whitespace() && !matches!(c, '\'' | '’' | '·' | '-'))
        .flat_map(char::to_lowercase)
        .collect()
}

/// Every region the typed text can mean, best first: by how it matched, then regions in the
/// plate's province (`hint`, a province code), then the table's order. Empty when nothing
/// matches: the caller says "unknown", never "no risk".
pub fn find_origin<'a>(
    typed: &str,
    hint: Option<&str>,
    table: &'a RegionTable,
) -> Vec<OriginMatch<'a>> {
    let query = normalise(typed);
    if query.is_empty() {
        return Vec::new();
    }
    let mut found = whole_matches(&query, table.regions());
    if found.is_empty() {
        found = district_matches(&query, table);
    }
    let in_hint = |m: &OriginMatch| hint.is_some_and(|code| m.region.province_code() == code);
    found.sort_by_key(|m| (m.by, !in_hint(m)));
    found
}

/// The whole text names a region.
fn whole_matches<'a>(query: &str, regions: &'a [Region]) -> Vec<OriginMatch<'a>> {
    regions
        .iter()
        .filter_map(|region| {
            match_whole(query, region).map(|by| OriginMatch {
                region,
                by,
                district: None,
            })
        })
        .collect()
}

fn match_whole(query: &str, region: &Region) -> Option<MatchedBy> {
    let suffix_chars = region.name.chars().count()
        - short_name(&region.name).map_or(region.name.chars().count(), |s| s.chars().count());
    let syllables: Vec<&str> = region.pinyin.split_whitespace().collect();
    let short_syllables = syllables.len().saturating_sub(suffix_chars);
    let initials_short = region
        .initials
        .get(..region.initials.len().saturating_sub(suffix_chars))
        .unwrap_or_default();
    if region.code == query {
        Some(MatchedBy::Code)
    } else if region.name == query {
        Some(MatchedBy::FullName)
    } else if short_name(&region.name) == Some(query) {
        Some(MatchedBy::ShortName)
    } else if !syllables.is_empty()
        && (syllables.concat() == query
            || (suffix_chars > 0 && syllables[..short_syllables].concat() == query))
    {
        Some(MatchedBy::Pinyin)
    } else if query.len() >= 2
        && query.is_ascii()
        && (region.initials == query || (suffix_chars > 0 && initials_short == query))
    {
        Some(MatchedBy::Initials)
    } else if query.chars().count() >= 2 && !query.is_ascii() && region.name.starts_with(query) {
        Some(MatchedBy::NamePrefix)
    } else {
        None
    }
}

/// The text starts with a region's full or short name and goes on: a district or county under
/// it (深圳南山区), or a city under a province (广东深圳), which is then resolved in turn.
fn district_matches<'a>(query: &str, table: &'a RegionTable) -> Vec<OriginMatch<'a>> {
    let mut found = Vec::new();
    for region in table.regions() {
        let names = [Some(region.name.as_str()), short_name(&region.name)];
        let Some(rest) = names
            .into_iter()
            .flatten()
            .filter_map(|name| query.strip_prefix(name))
            .filter(|rest| !rest.is_empty())
            .min_by_key(|rest| rest.len())
        else {
            continue;
        };
        let inner: Vec<OriginMatch> = whole_matches(rest, table.regions())
            .into_iter()
            .chain(district_matches_below(rest, region, table))
            .filter(|m| m.region.code.starts_with(&region.code) && m.region.code != region.code)
            .collect();
        if inner.is_empty() {
            found.push(OriginMatch {
                region,
                by: MatchedBy::FullName,
                district: Some(rest.to_owned()),
            });
        } else {
            found.extend(inner);
        }
    }
    found
}

/// A city typed after its province, itself followed by a district (广东深圳南山).
fn district_matches_below<'a>(
    rest: &str,
    province: &Region,
    table: &'a RegionTable,
) -> Vec<OriginMatch<'a>> {
    if province.code.len() != 2 {
        return Vec::new();
    }
    table
        .regions()
        .iter()
        .filter(|region| region.code.len() > 2 && region.code.starts_with(&province.code))
        .filter_map(|region| {
            let names = [Some(region.name.as_str()), short_name(&region.name)];
            names
                .into_iter()
                .flatten()
                .filter_map(|name| rest.strip_prefix(name))
                .find(|district| !district.is_empty())
                .map(|district| OriginMatch {
                    region,
                    by: MatchedBy::FullName,
                    district: Some(district.to_owned()),
                })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn first(typed: &str, hint: Option<&str>) -> Option<(String, Option<String>)> {
        find_origin(typed, hint, RegionTable::bundled())
            .into_iter()
            .next()
            .map(|m| (m.region.name.clone(), m.district))
    }

    fn name(typed: &str) -> Option<String> {
        first(typed, None).map(|(name, _)| name)
    }

    #[test]
    fn a_city_is_found_by_every_name_a_volunteer_hears() {
        for typed in [
            "深圳市",
            "深圳",
            "shenzhen",
            "Shen Zhen",
            "shenzhenshi",
            "4403",
        ] {
            assert_eq!(name(typed).as_deref(), Some("深圳市"), "{typed}");
        }
        assert_eq!(name("石家庄").as_deref(), Some("石家庄市"));
        assert_eq!(name("sjz").as_deref(), Some("石家庄市"));
        assert_eq!(name("广西").as_deref(), Some("广西壮族自治区"));
        assert_eq!(name("延边").as_deref(), Some("延边朝鲜族自治州"));
    }

    #[test]
    fn a_district_after_the_city_keeps_the_city_and_the_district() {
        assert_eq!(
            first("深圳市南山区", None),
            Some(("深圳市".into(), Some("南山区".into())))
        );
        assert_eq!(
            first("广东深圳南山", None),
            Some(("深圳市".into(), Some("南山".into())))
        );
        assert_eq!(first("广东深圳", None), Some(("深圳市".into(), None)));
    }

    #[test]
    fn the_plate_province_breaks_a_tie_but_does_not_decide_alone() {
        assert_eq!(
            first("sz", Some("32")).map(|(name, _)| name).as_deref(),
            Some("苏州市")
        );
        assert_eq!(
            first("sz", Some("44")).map(|(name, _)| name).as_deref(),
            Some("深圳市")
        );
        assert_eq!(province_of_plate("粤B12345"), Some("44"));
        assert_eq!(province_of_plate("使224009"), None);
        assert!(find_origin("", Some("44"), RegionTable::bundled()).is_empty());
    }

    #[test]
    fn nothing_matches_gibberish_or_one_character() {
        assert_eq!(name("火星"), None);
        assert_eq!(name("深"), None);
        assert_eq!(name("x"), None);
    }
}
