//! A printable, self-contained HTML page: the report sections, then the entries (fever rows
//! highlighted). No scripts, no external files; print CSS repeats table headers on every page.

use std::io::Write;

use super::cell::Cell;
use super::flat::RowWords;
use super::html_chart;
use super::shift_report::ShiftReport;
use super::summary_rows::{Section, summary_rows};
use super::wording::{self as w, Heading};
use crate::config::Language;

/// Beyond this the page is no longer printable; the CSV or Excel export has the rest.
pub const MAX_DETAIL_ROWS: usize = 5_000;

/// One entry's row on the page, worded; fever rows are highlighted.
pub struct DetailRow {
    pub fever: bool,
    pub cells: Vec<Cell>,
}

const STYLE: &str = "body{font-family:'Noto Sans CJK SC','Microsoft YaHei',sans-serif;font-size:11pt;margin:1.5em}
h1{font-size:16pt}h2{font-size:13pt;margin-top:1.2em}
table{border-collapse:collapse;margin:.3em 0}th,td{border:1px solid #999;padding:2px 6px;text-align:left}
th{background:#eee}tr.fever td{background:#ffc7ce}.meta td{border:none;padding:0 1em 0 0}
@media print{body{margin:0;font-size:9pt}thead{display:table-header-group}tr{page-break-inside:avoid}
h2{page-break-after:avoid}@page{size:A4 landscape;margin:12mm}}";

pub fn write(
    out: &mut impl Write,
    heading: &Heading,
    report: &ShiftReport,
    rows: &[DetailRow],
    total: u64,
    words: &RowWords<'_>,
) -> std::io::Result<()> {
    let lang = heading.lang;
    let html_lang = crate::text::html_lang(lang);
    writeln!(
        out,
        "<!DOCTYPE html>\n<html lang=\"{html_lang}\"><head><meta charset=\"utf-8\">"
    )?;
    let title = escape(&heading.title);
    writeln!(
        out,
        "<title>{title}</title><style>{STYLE}</style></head><body>"
    )?;
    writeln!(out, "<h1>{title}</h1>")?;
    writeln!(out, "<table class=\"meta\">")?;
    for (label, value) in &heading.facts {
        writeln!(
            out,
            "<tr><td>{label}</td><td>{}</td></tr>",
            escape(&value.shown())
        )?;
    }
    writeln!(out, "</table>")?;
    writeln!(out, "<h2>{}</h2>", w::PER_HOUR_CHART.say(lang))?;
    html_chart::write_hourly_chart(out, &report.per_hour, lang)?;
    for section in summary_rows(report, lang, words) {
        write_section(out, &section)?;
    }
    write_details(out, rows, total, lang)?;
    writeln!(out, "</body></html>")
}

fn write_section(out: &mut impl Write, section: &Section) -> std::io::Result<()> {
    writeln!(out, "<h2>{}</h2><table>", escape(&section.title))?;
    if !section.header.is_empty() {
        write!(out, "<thead><tr>")?;
        for title in &section.header {
            write!(out, "<th>{}</th>", escape(title))?;
        }
        writeln!(out, "</tr></thead>")?;
    }
    for line in &section.lines {
        write!(out, "<tr>")?;
        for cell in line {
            write!(out, "<td>{}</td>", escape(&cell.shown()))?;
        }
        writeln!(out, "</tr>")?;
    }
    writeln!(out, "</table>")
}

fn write_details(
    out: &mut impl Write,
    rows: &[DetailRow],
    total: u64,
    lang: Language,
) -> std::io::Result<()> {
    writeln!(out, "<h2>{} ({total})</h2>", w::ENTRIES.say(lang))?;
    if total > MAX_DETAIL_ROWS as u64 {
        let text = w::TOO_MANY_ROWS
            .say(lang)
            .replace("{n}", &MAX_DETAIL_ROWS.to_string());
        writeln!(out, "<p>{text}</p>")?;
    }
    write!(out, "<table><thead><tr>")?;
    for title in w::column_titles(lang).iter().skip(1) {
        write!(out, "<th>{title}</th>")?;
    }
    writeln!(out, "</tr></thead><tbody>")?;
    for row in rows.iter().take(MAX_DETAIL_ROWS) {
        let class = if row.fever { " class=\"fever\"" } else { "" };
        write!(out, "<tr{class}>")?;
        // The UUID column is left out of the printed page: it is for machines.
        for cell in row.cells.iter().skip(1) {
            write!(out, "<td>{}</td>", escape(&cell.shown()))?;
        }
        writeln!(out, "</tr>")?;
    }
    writeln!(out, "</tbody></table>")
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}
