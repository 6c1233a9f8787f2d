//! Importing a new risk list from a file the shift leader brings on a USB stick: the JSON the
//! kiosk keeps, or a CSV a spreadsheet writes. The file is untrusted: it is refused whole, with
//! the reason, when it is too large, not UTF-8, undated, dated in the future, or names a region
//! the table does not know; its free text is cleaned of control characters.
//!
//! CSV format (UTF-8, comma-separated, one area a row after the header):
//!
//! ```text
//! updated,2026-12-01
//! source,某市疫情防控指挥部通告第45号
//! region,level,note
//! 4403,high,全市
//! 石家庄市,medium,
//! 310115,高风险,浦东新区
//! ```
//!
//! `region` is a 2/4/6-digit code or a full name (深圳市); `level` is high/medium (or 高/中,
//! 高风险/中风险).

use chrono::NaiveDate;

use super::plain_text::clean_text;
use super::region::RegionTable;
use super::risk::{RiskArea, RiskError, RiskLevel, RiskList};

/// Far above any real list (a few hundred areas) and small enough to read at once.
pub const MAX_FILE_BYTES: usize = 512 * 1024;
pub const MAX_AREAS: usize = 5000;
const MAX_TEXT_CHARS: usize = 200;

/// Reads a CSV or JSON risk list from the bytes of a file; `today` refuses a list dated in the
/// future (a typo that would hide staleness for months).
pub fn import_risk_list(bytes: &[u8], today: NaiveDate) -> Result<RiskList, RiskError> {
    if bytes.len() > MAX_FILE_BYTES {
        return Err(RiskError::TooLarge(bytes.len()));
    }
    let text = std::str::from_utf8(bytes).map_err(|_| RiskError::NotUtf8)?;
    let text = text.trim_start_matches('\u{FEFF}').trim();
    let list = if text.starts_with('{') {
        RiskList::from_json(text)?
    } else {
        from_csv(text, RegionTable::bundled())?
    };
    if list.areas().len() > MAX_AREAS {
        return Err(RiskError::TooManyAreas(list.areas().len()));
    }
    if list.updated() > today + chrono::Days::new(1) {
        return Err(RiskError::FutureDate(list.updated().to_string()));
    }
    Ok(list.cleaned(MAX_TEXT_CHARS))
}

fn from_csv(text: &str, regions: &RegionTable) -> Result<RiskList, RiskError> {
    let mut updated = None;
    let mut source = String::new();
    let mut areas = Vec::new();
    let mut in_areas = false;
    for (index, line) in text.lines().enumerate() {
        let line_number = index + 1;
        let cells: Vec<&str> = line.split(',').map(str::trim).collect();
        match cells.as_slice() {
            [""] => {}
            ["updated", date, ..] if !in_areas => updated = Some((*date).to_owned()),
            ["source", rest @ ..] if !in_areas => source = rest.join(","),
            ["region", "level", ..] => in_areas = true,
            [region, level, note @ ..] if in_areas => areas.push(RiskArea {
                region: (*region).to_owned(),
                level: level_from(level).ok_or_else(|| RiskError::BadLevel {
                    line: line_number,
                    text: clean_text(level, 20),
                })?,
                note: note.join(","),
            }),
            _ => {
                return Err(RiskError::BadLine {
                    line: line_number,
                    text: clean_text(line, 40),
                });
            }
        }
    }
    let Some(updated) = updated else {
        return Err(RiskError::BadDate(String::new()));
    };
    RiskList::from_parts(&updated, source, areas, regions)
}

fn level_from(text: &str) -> Option<RiskLevel> {
    match text.to_lowercase().as_str() {
        "high" | "高" | "高风险" => Some(RiskLevel::High),
        "medium" | "中" | "中风险" => Some(RiskLevel::Medium),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 12, 2).expect("date")
    }

    const CSV: &str = "updated,2026-12-01\nsource,某市指挥部通告第45号\nregion,level,note\n4403,high,全市\n石家庄市,中风险,\n310115,高,浦东新区\n";

    #[test]
    fn a_csv_list_reads_with_its_date_source_and_levels() {
        let list = import_risk_list(CSV.as_bytes(), today()).expect("valid CSV");
        assert_eq!(list.updated().to_string(), "2026-12-01");
        assert_eq!(list.source(), "某市指挥部通告第45号");
        assert_eq!(list.areas().len(), 3);
        assert_eq!(list.level_for("石家庄市"), Some(RiskLevel::Medium));
        let again = import_risk_list(list.to_json().as_bytes(), today()).expect("own JSON");
        assert_eq!(again, list);
    }

    #[test]
    fn hostile_files_are_refused_with_the_reason() {
        let refuse = |bytes: &[u8]| import_risk_list(bytes, today()).expect_err("refused");
        assert_eq!(
            refuse(&vec![b' '; MAX_FILE_BYTES + 1]),
            RiskError::TooLarge(MAX_FILE_BYTES + 1)
        );
        assert_eq!(refuse(&[0xff, 0xfe, 0x00]), RiskError::NotUtf8);
        assert!(matches!(
            refuse(CSV.replace("4403,high", "4403,red").as_bytes()),
            RiskError::BadLevel { line: 4, .. }
        ));
        assert_eq!(
            refuse(CSV.replace("4403", "深圳").as_bytes()),
            RiskError::UnknownRegion("深圳".into())
        );
        assert_eq!(
            refuse(CSV.replace("2026-12-01", "2027-12-01").as_bytes()),
            RiskError::FutureDate("2027-12-01".into())
        );
        assert!(matches!(
            refuse(b"<html>not a list</html>"),
            RiskError::BadLine { line: 1, .. }
        ));
        let many: String = std::iter::repeat_n("4403,high,\n", MAX_AREAS + 1).collect();
        let big = format!("updated,2026-12-01\nregion,level\n{many}");
        assert_eq!(
            refuse(big.as_bytes()),
            RiskError::TooManyAreas(MAX_AREAS + 1)
        );
    }

    #[test]
    fn control_characters_in_the_free_text_are_taken_out() {
        let csv = CSV.replace("全市", "全市\u{202E}\u{7}");
        let list = import_risk_list(csv.as_bytes(), today()).expect("valid");
        assert_eq!(list.areas()[0].note, "全市");
    }
}
