//! The bundled region table and the risk-area list: completeness, search as a volunteer uses it,
//! and which regions a listing covers.

use checkpoint_kiosk::model::region::{RegionLevel, RegionTable, SEARCH_LIMIT};
use checkpoint_kiosk::model::risk::{RiskLevel, RiskList};
use chrono::NaiveDate;

fn names(found: &[&checkpoint_kiosk::model::region::Region]) -> Vec<String> {
    found.iter().map(|region| region.name.clone()).collect()
}

fn count(level: RegionLevel) -> usize {
    RegionTable::bundled()
        .regions()
        .iter()
        .filter(|r| r.level() == level)
        .count()
}

#[test]
fn the_bundled_table_has_all_34_provinces_and_333_prefectures() {
    assert_eq!(count(RegionLevel::Province), 34);
    assert_eq!(count(RegionLevel::Prefecture), 333);
}

#[test]
fn every_region_names_the_province_its_code_belongs_to() {
    let table = RegionTable::bundled();
    for region in table.regions() {
        let province = table.province_of(region).expect("province listed");
        assert_eq!(province.name, region.province, "{}", region.code);
        assert!(
            region.initials.chars().all(|c| c.is_ascii_lowercase()),
            "{}",
            region.code
        );
        assert_eq!(
            region.initials.chars().count(),
            region.name.chars().count(),
            "{}",
            region.code
        );
    }
}

#[test]
fn well_known_codes_match_gb_t_2260() {
    let table = RegionTable::bundled();
    let name_of = |code| table.get(code).map(|region| region.name.as_str());
    assert_eq!(name_of("4403"), Some("深圳市"));
    assert_eq!(name_of("4201"), Some("武汉市"));
    assert_eq!(name_of("3101").or(name_of("31")), Some("上海市"));
    assert_eq!(name_of("6540"), Some("伊犁哈萨克自治州"));
    assert_eq!(name_of("429004"), Some("仙桃市"));
    assert_eq!(name_of("81"), Some("香港特别行政区"));
}

#[test]
fn search_by_chinese_name_puts_the_closest_match_first() {
    let table = RegionTable::bundled();
    assert_eq!(names(&table.search("深圳"))[0], "深圳市");
    assert_eq!(names(&table.search("吉林")), ["吉林省", "吉林市"]);
    assert!(names(&table.search("州")).len() <= SEARCH_LIMIT);
}

#[test]
fn search_by_pinyin_initials_or_code_prefix() {
    let table = RegionTable::bundled();
    assert!(names(&table.search("SZS")).contains(&"深圳市".to_owned()));
    assert_eq!(names(&table.search("gds"))[0], "广东省");
    assert_eq!(names(&table.search("4403")), ["深圳市"]);
    let guangdong: Vec<_> = table.search("44").iter().map(|r| r.code.clone()).collect();
    assert_eq!(guangdong.first().map(String::as_str), Some("44"));
    assert!(guangdong.iter().all(|code| code.starts_with("44")));
    assert_eq!(guangdong.len(), 20);
}

#[test]
fn an_empty_or_unmatched_query_finds_nothing() {
    let table = RegionTable::bundled();
    assert!(table.search("  ").is_empty());
    assert!(table.search("zzzzzzzz").is_empty());
}

#[test]
fn the_bundled_risk_list_is_marked_as_sample_data() {
    let sample = RiskList::bundled_sample().expect("valid sample");
    assert!(sample.source().starts_with("SAMPLE DATA"));
    assert_eq!(
        sample.updated(),
        NaiveDate::from_ymd_opt(2026, 11, 20).expect("date")
    );
}

#[test]
fn a_city_is_at_risk_when_listed_itself_or_through_its_province() {
    let sample = RiskList::bundled_sample().expect("valid sample");
    assert_eq!(sample.level_for("4403"), Some(RiskLevel::High));
    assert_eq!(sample.level_for("深圳市"), Some(RiskLevel::High));
    assert_eq!(sample.level_for("440305"), Some(RiskLevel::High));
    assert_eq!(sample.level_for("1301"), Some(RiskLevel::Medium));
    assert_eq!(sample.level_for("乌鲁木齐市"), Some(RiskLevel::Medium));
    assert_eq!(sample.level_for("659001"), Some(RiskLevel::Medium));
    assert_eq!(sample.level_for("310115"), Some(RiskLevel::High));
}

#[test]
fn a_listed_city_or_district_does_not_put_its_province_at_risk() {
    let sample = RiskList::bundled_sample().expect("valid sample");
    assert_eq!(sample.level_for("广东省"), None);
    assert_eq!(sample.level_for("4401"), None);
    assert_eq!(sample.level_for("上海市"), None);
    assert_eq!(sample.level_for("不存在"), None);
}

#[test]
fn the_highest_listed_level_wins() {
    let json = r#"{"updated": "2026-11-20", "areas": [
        {"region": "广东省", "level": "medium"},
        {"region": "4403", "level": "high"}
    ]}"#;
    let risk = RiskList::from_json(json).expect("valid");
    assert_eq!(risk.level_for("深圳市"), Some(RiskLevel::High));
    assert_eq!(risk.level_for("广州市"), Some(RiskLevel::Medium));
}

#[test]
fn a_list_older_than_the_allowed_age_is_stale() {
    let sample = RiskList::bundled_sample().expect("valid sample");
    let day = |d| NaiveDate::from_ymd_opt(2026, 11, d).expect("date");
    assert!(!sample.is_stale(day(20), 0));
    assert!(!sample.is_stale(day(23), 3));
    assert!(sample.is_stale(day(24), 3));
}

#[test]
fn a_province_or_city_is_starred_when_a_listed_area_lies_inside_it() {
    let sample = RiskList::bundled_sample().expect("valid sample");
    assert_eq!(sample.level_within("广东省"), Some(RiskLevel::High));
    assert_eq!(sample.level_within("31"), Some(RiskLevel::High));
    assert_eq!(sample.level_within("河北省"), Some(RiskLevel::Medium));
    assert_eq!(sample.level_within("440305"), Some(RiskLevel::High));
    assert_eq!(sample.level_within("4401"), None);
    assert_eq!(sample.level_within("湖北省"), None);
}
