//! Excel export with rust_xlsxwriter: a summary sheet, then People and Vehicles detail sheets
//! with fever rows highlighted, headers frozen and columns sized to their content. Cells are
//! typed: counts and temperatures are numbers, times are Excel date-times with a number format,
//! so a leader can sort, filter and sum them.

use std::io::Write;

use rust_xlsxwriter::{Color, ExcelDateTime, Format, Workbook, Worksheet, XlsxError};

use super::ReportError;
use super::cell::Cell;
use super::flat::{self, Links, RowWords};
use super::record::{ExportRecord, RecordDetails};
use super::shift_report::ShiftReport;
use super::summary_rows::summary_rows;
use super::wording::{self as w, Heading};
use crate::config::Language;

/// Excel's row limit minus the header; longer detail lists continue on a new sheet.
const ROWS_PER_SHEET: usize = 1_048_575;
const FEVER_FILL: u32 = 0xFFC7CE;
const MAX_COLUMN_WIDTH: usize = 40;

/// Visits the export's records in order, as `export` streams them from the store, each with
/// the entries it refers to; returns how many it visited. Called once per detail kind
/// (people, then vehicles).
pub type RecordSource<'a> = dyn FnMut(&mut dyn FnMut(&ExportRecord, &Links) -> std::io::Result<()>) -> Result<u64, ReportError>
    + 'a;

/// Writes the workbook to `out`. Detail rows are streamed from the store straight into the
/// sheets (no list of every record is built first).
pub fn write<W: Write + Send>(
    out: W,
    heading: &Heading,
    report: &ShiftReport,
    records: &mut RecordSource<'_>,
    words: &RowWords<'_>,
) -> Result<u64, ReportError> {
    let xlsx = |error: XlsxError| ReportError::Xlsx(error.to_string());
    let lang = heading.lang;
    let mut workbook = Workbook::new();
    summary_sheet(workbook.add_worksheet(), heading, report, words).map_err(xlsx)?;
    let mut written = 0;
    for (title, people) in [(w::SHEET_PEOPLE, true), (w::SHEET_VEHICLES, false)] {
        let mut sheets = DetailSheets::new(title.say(lang), lang);
        let mut failure = None;
        let visited = records(&mut |record, links| {
            if matches!(record.details, RecordDetails::Person(_)) != people {
                return Ok(());
            }
            sheets
                .write(&mut workbook, record, links, words)
                .map_err(|error| {
                    let message = error.to_string();
                    failure = Some(error);
                    std::io::Error::other(message)
                })
        });
        visited.map_err(|error| failure.take().map_or(error, xlsx))?;
        sheets.finish(&mut workbook).map_err(xlsx)?;
        written += sheets.total;
    }
    workbook.save_to_writer(out).map_err(xlsx)?;
    Ok(written)
}

/// The detail sheets of one kind: "人员", then "人员 (2)" past Excel's row limit.
struct DetailSheets {
    title: &'static str,
    lang: Language,
    /// Index in the workbook of the sheet being filled.
    current: Option<usize>,
    part: usize,
    rows: usize,
    total: u64,
    widths: Vec<usize>,
    plain: CellFormats,
    fever: CellFormats,
}

impl DetailSheets {
    fn new(title: &'static str, lang: Language) -> Self {
        Self {
            title,
            lang,
            current: None,
            part: 0,
            rows: 0,
            total: 0,
            widths: Vec::new(),
            plain: CellFormats::new(None),
            fever: CellFormats::new(Some(Color::RGB(FEVER_FILL))),
        }
    }

    fn write(
        &mut self,
        workbook: &mut Workbook,
        record: &ExportRecord,
        links: &Links,
        words: &RowWords<'_>,
    ) -> Result<(), XlsxError> {
        if self.current.is_none() || self.rows == ROWS_PER_SHEET {
            self.finish(workbook)?;
            self.start(workbook)?;
        }
        let index = self.current.unwrap_or_default();
        let sheet = workbook.worksheet_from_index(index)?;
        self.rows += 1;
        self.total += 1;
        let row = self.rows as u32;
        let formats = if flat::is_fever(record) {
            &self.fever
        } else {
            &self.plain
        };
        for (column, cell) in flat::cells(record, links, words).iter().enumerate() {
            write_cell(sheet, row, column as u16, cell, formats)?;
            if let Some(width) = self.widths.get_mut(column) {
                *width = (*width).max(display_width(&cell.shown()));
            }
        }
        Ok(())
    }

    fn start(&mut self, workbook: &mut Workbook) -> Result<(), XlsxError> {
        self.part += 1;
        let name = if self.part == 1 {
            self.title.to_owned()
        } else {
            format!("{} ({})", self.title, self.part)
        };
        // Rows go to a temporary file as they are written (in order, as the store streams
        // them): a sheet of a million rows would otherwise sit in memory several times over.
        let sheet = workbook.add_worksheet_with_constant_memory()?;
        let titles = w::column_titles(self.lang);
        detail_header(sheet, &name, &titles)?;
        self.widths = titles.iter().map(|title| display_width(title)).collect();
        self.rows = 0;
        self.current = Some(workbook.worksheets().len() - 1);
        Ok(())
    }

    /// Sizes the columns of the sheet just filled and freezes its header.
    fn finish(&mut self, workbook: &mut Workbook) -> Result<(), XlsxError> {
        let Some(index) = self.current.take() else {
            return Ok(());
        };
        let sheet = workbook.worksheet_from_index(index)?;
        for (column, width) in self.widths.iter().enumerate() {
            sheet.set_column_width(column as u16, (*width).min(MAX_COLUMN_WIDTH) as f64 + 2.0)?;
        }
        sheet.set_freeze_panes(1, 0)?;
        Ok(())
    }
}

/// Columns a cell needs: a Chinese character is about two Latin ones wide.
fn display_width(text: &str) -> usize {
    text.chars().map(|c| if c.is_ascii() { 1 } else { 2 }).sum()
}

fn summary_sheet(
    sheet: &mut Worksheet,
    heading: &Heading,
    report: &ShiftReport,
    words: &RowWords<'_>,
) -> Result<(), XlsxError> {
    sheet.set_name(w::SHEET_SUMMARY.say(heading.lang))?;
    let bold = Format::new().set_bold();
    let formats = CellFormats::new(None);
    sheet.write_string_with_format(0, 0, &heading.title, &bold)?;
    let mut row = 1u32;
    for (label, value) in &heading.facts {
        sheet.write_string_with_format(row, 0, *label, &bold)?;
        write_cell(sheet, row, 1, value, &formats)?;
        row += 1;
    }
    for section in summary_rows(report, heading.lang, words) {
        row += 1;
        sheet.write_string_with_format(row, 0, &section.title, &bold)?;
        row += 1;
        if !section.header.is_empty() {
            for (column, title) in section.header.iter().enumerate() {
                sheet.write_string_with_format(row, column as u16, title, &bold)?;
            }
            row += 1;
        }
        for line in &section.lines {
            for (column, cell) in line.iter().enumerate() {
                write_cell(sheet, row, column as u16, cell, &formats)?;
            }
            row += 1;
        }
    }
    sheet.set_column_width(0, 28)?;
    sheet.set_column_width(1, 22)?;
    Ok(())
}

/// The formats a typed cell is written with, with or without the fever fill.
struct CellFormats {
    text: Option<Format>,
    seconds: Format,
    minutes: Format,
    whole: Format,
    tenths: Format,
}

impl CellFormats {
    fn new(fill: Option<Color>) -> Self {
        let base = || match fill {
            Some(colour) => Format::new().set_background_color(colour),
            None => Format::new(),
        };
        Self {
            text: fill.map(|_| base()),
            seconds: base().set_num_format("yyyy-mm-dd hh:mm:ss"),
            minutes: base().set_num_format("yyyy-mm-dd hh:mm"),
            whole: base().set_num_format("0"),
            tenths: base().set_num_format("0.0"),
        }
    }
}

/// Writes one typed cell: a number as a number, a time as an Excel date-time (a time Excel
/// cannot hold, before 1900, as text), text as text.
fn write_cell(
    sheet: &mut Worksheet,
    row: u32,
    column: u16,
    cell: &Cell,
    formats: &CellFormats,
) -> Result<(), XlsxError> {
    match cell {
        Cell::Number { value, decimals } => {
            let format = if *decimals == 0 {
                &formats.whole
            } else {
                &formats.tenths
            };
            sheet.write_number_with_format(row, column, *value, format)?;
        }
        Cell::Time { at, seconds } => {
            let format = if *seconds {
                &formats.seconds
            } else {
                &formats.minutes
            };
            match ExcelDateTime::from_timestamp(at.and_utc().timestamp()) {
                Ok(time) => sheet.write_datetime_with_format(row, column, time, format)?,
                Err(_) => write_text(sheet, row, column, &cell.shown(), formats)?,
            };
        }
        Cell::Text(text) => {
            write_text(sheet, row, column, text, formats)?;
        }
        Cell::Blank => {
            if let Some(format) = &formats.text {
                sheet.write_blank(row, column, format)?;
            }
        }
    }
    Ok(())
}

fn write_text<'s>(
    sheet: &'s mut Worksheet,
    row: u32,
    column: u16,
    text: &str,
    formats: &CellFormats,
) -> Result<&'s mut Worksheet, XlsxError> {
    match &formats.text {
        Some(format) => sheet.write_string_with_format(row, column, text, format),
        None => sheet.write_string(row, column, text),
    }
}

fn detail_header(sheet: &mut Worksheet, name: &str, titles: &[&str]) -> Result<(), XlsxError> {
    sheet.set_name(name)?;
    let header = Format::new().set_bold();
    for (column, title) in titles.iter().enumerate() {
        sheet.write_string_with_format(0, column as u16, *title, &header)?;
    }
    Ok(())
}
