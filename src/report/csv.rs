//! CSV export: UTF-8 with a byte-order mark (so Excel on Chinese Windows reads it as UTF-8),
//! one header row, one row per entry, RFC 4180 quoting.

use std::io::Write;

use chrono::FixedOffset;

use super::record::ExportRecord;
use super::{flat, wording};
use crate::config::Language;

pub const BOM: &[u8] = b"\xEF\xBB\xBF";

/// The byte-order mark and the column titles in the reader's language.
pub fn write_header(out: &mut impl Write, lang: Language) -> std::io::Result<()> {
    out.write_all(BOM)?;
    write_row(out, wording::column_titles(lang).into_iter())
}

pub fn write_record(
    out: &mut impl Write,
    record: &ExportRecord,
    tz: FixedOffset,
    lang: Language,
) -> std::io::Result<()> {
    let cells = flat::cells(record, tz, lang);
    write_row(out, cells.iter().map(String::as_str))
}

fn write_row<'a>(
    out: &mut impl Write,
    cells: impl Iterator<Item = &'a str>,
) -> std::io::Result<()> {
    for (index, cell) in cells.enumerate() {
        if index > 0 {
            out.write_all(b",")?;
        }
        out.write_all(quoted(cell).as_bytes())?;
    }
    out.write_all(b"\r\n")
}

/// Quotes a cell that holds a comma, quote or line break; a leading = + - @ is prefixed with '
/// so a spreadsheet never runs a cell as a formula.
fn quoted(cell: &str) -> String {
    let cell = if cell.starts_with(['=', '+', '-', '@']) {
        format!("'{cell}")
    } else {
        cell.to_owned()
    };
    if cell.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", cell.replace('"', "\"\""))
    } else {
        cell
    }
}

#[cfg(test)]
mod tests {
    use super::quoted;

    #[test]
    fn cells_are_quoted_only_when_needed() {
        assert_eq!(quoted("张*"), "张*");
        assert_eq!(quoted("a,b"), "\"a,b\"");
        assert_eq!(quoted("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(quoted("=1+1"), "'=1+1");
    }
}
