//! CSV export: UTF-8 with a byte-order mark (so Excel on Chinese Windows reads it as UTF-8),
//! RFC 4180 quoting. Above the table, as on a printed register sheet, the report's title and
//! its facts (checkpoint, shift, leader, handover note, period, who exported), one per row
//! as label and value, then a blank row, then the column titles and one row per entry.
//!
//! Why the lines above the header: the CSV is the file a community office opens in Excel by a
//! double click and forwards; without a title nobody can tell which checkpoint and shift a
//! forwarded file is, and Excel has no other place for it. Excel, WPS and LibreOffice open it
//! the same, and the blank row lets Excel's "format as table" and filters start at the header.
//! Programs read the JSON export, which keeps a machine schema; a program that must read the
//! CSV skips to the first row after the first blank row.

use std::io::Write;

use super::cell::Cell;
use super::wording::{self, Heading};

pub const BOM: &[u8] = b"\xEF\xBB\xBF";

/// The byte-order mark, the title and facts, a blank row, and the column titles.
pub fn write_heading(out: &mut impl Write, heading: &Heading) -> std::io::Result<()> {
    out.write_all(BOM)?;
    write_row(out, std::iter::once(heading.title.as_str()))?;
    for (label, value) in &heading.facts {
        write_row(out, [*label, value.shown().as_str()].into_iter())?;
    }
    out.write_all(b"\r\n")?;
    write_row(out, wording::column_titles(heading.lang).into_iter())
}

pub fn write_record(out: &mut impl Write, cells: &[Cell]) -> std::io::Result<()> {
    let shown: Vec<String> = cells.iter().map(Cell::shown).collect();
    write_row(out, shown.iter().map(String::as_str))
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
