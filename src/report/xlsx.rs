//! Excel export with rust_xlsxwriter: a summary sheet, then People and Vehicles detail sheets
//! with fever rows highlighted, headers frozen and columns sized to their content.

use std::io::Write;

use chrono::FixedOffset;
use rust_xlsxwriter::{Color, Format, Workbook, Worksheet, XlsxError};

use super::ReportError;
use super::flat;
use super::json::ExportMetadata;
use super::record::{ExportRecord, RecordDetails};
use super::shift_report::ShiftReport;
use super::summary_rows::summary_rows;

/// Excel's row limit minus the header; longer detail lists continue on a new sheet.
const ROWS_PER_SHEET: usize = 1_048_575;
const FEVER_FILL: u32 = 0xFFC7CE;
const MAX_COLUMN_WIDTH: usize = 40;

pub fn write(
    out: &mut impl Write,
    metadata: &ExportMetadata,
    report: &ShiftReport,
    records: &[ExportRecord],
    tz: FixedOffset,
) -> Result<(), ReportError> {
    let xlsx = |error: XlsxError| ReportError::Xlsx(error.to_string());
    let mut workbook = Workbook::new();
    summary_sheet(workbook.add_worksheet(), metadata, report).map_err(xlsx)?;
    let people: Vec<&ExportRecord> = records
        .iter()
        .filter(|record| matches!(record.details, RecordDetails::Person(_)))
        .collect();
    let vehicles: Vec<&ExportRecord> = records
        .iter()
        .filter(|record| matches!(record.details, RecordDetails::Vehicle(_)))
        .collect();
    for (title, list) in [("People", people), ("Vehicles", vehicles)] {
        for (part, chunk) in list.chunks(ROWS_PER_SHEET).enumerate() {
            let name = if part == 0 {
                title.to_owned()
            } else {
                format!("{title} ({})", part + 1)
            };
            detail_sheet(workbook.add_worksheet(), &name, chunk, tz).map_err(xlsx)?;
        }
    }
    let bytes = workbook.save_to_buffer().map_err(xlsx)?;
    out.write_all(&bytes).map_err(|error| ReportError::Write {
        path: "Excel file".to_owned(),
        detail: error.to_string(),
    })
}

fn summary_sheet(
    sheet: &mut Worksheet,
    metadata: &ExportMetadata,
    report: &ShiftReport,
) -> Result<(), XlsxError> {
    sheet.set_name("Summary")?;
    let bold = Format::new().set_bold();
    let mut row = 0u32;
    for (label, value) in [
        ("Schema", metadata.schema.as_str()),
        ("Scope", metadata.scope.as_str()),
        ("Exported at", metadata.exported_at.as_str()),
        ("Exported by", metadata.exported_by.as_str()),
        ("Personal data", metadata.personal_data.as_str()),
    ] {
        sheet.write_string_with_format(row, 0, label, &bold)?;
        sheet.write_string(row, 1, value)?;
        row += 1;
    }
    for section in summary_rows(report) {
        row += 1;
        sheet.write_string_with_format(row, 0, &section.title, &bold)?;
        row += 1;
        if !section.header.is_empty() {
            for (column, title) in section.header.iter().enumerate() {
                sheet.write_string_with_format(row, column as u16, title, &bold)?;
            }
            row += 1;
        }
        for line in section.lines {
            for (column, cell) in line.iter().enumerate() {
                match cell.parse::<f64>() {
                    Ok(number) if column > 0 => sheet.write_number(row, column as u16, number)?,
                    _ => sheet.write_string(row, column as u16, cell)?,
                };
            }
            row += 1;
        }
    }
    sheet.set_column_width(0, 28)?;
    sheet.set_column_width(1, 22)?;
    Ok(())
}

fn detail_sheet(
    sheet: &mut Worksheet,
    name: &str,
    records: &[&ExportRecord],
    tz: FixedOffset,
) -> Result<(), XlsxError> {
    sheet.set_name(name)?;
    let header = Format::new().set_bold();
    let fever = Format::new().set_background_color(Color::RGB(FEVER_FILL));
    let mut widths: Vec<usize> = flat::COLUMNS.iter().map(|column| column.len()).collect();
    for (column, title) in flat::COLUMNS.iter().enumerate() {
        sheet.write_string_with_format(0, column as u16, *title, &header)?;
    }
    for (index, record) in records.iter().enumerate() {
        let row = index as u32 + 1;
        let highlighted = flat::is_fever(record);
        for (column, cell) in flat::cells(record, tz).iter().enumerate() {
            if highlighted {
                sheet.write_string_with_format(row, column as u16, cell, &fever)?;
            } else {
                sheet.write_string(row, column as u16, cell)?;
            }
            widths[column] = widths[column].max(cell.chars().count());
        }
    }
    for (column, width) in widths.iter().enumerate() {
        sheet.set_column_width(column as u16, (*width).min(MAX_COLUMN_WIDTH) as f64 + 2.0)?;
    }
    sheet.set_freeze_panes(1, 0)?;
    Ok(())
}
