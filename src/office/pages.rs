//! The pages as HTML strings: Chinese or English (`Language`), every value escaped, tables
//! with stable ids (`total-…`, `gate-…`, `alarm-…`) that the browser test reads.

use std::fmt::Write as _;

use chrono::{DateTime, FixedOffset, NaiveDate, Timelike as _};

use super::sql::{ExceptionRow, GateRow};
use crate::config::Language;
use crate::district::report::{DistrictReport, Wording, html_escape};
use crate::text::Phrase;
use crate::text::office as words;

/// What the Today page shows, read at `at`.
pub struct Today {
    pub report: DistrictReport,
    pub gates: Vec<GateRow>,
    pub at: DateTime<FixedOffset>,
}

/// Which page a layout is for (the navigation marks it).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Page {
    Today,
    Hours,
    Exceptions,
    Report,
}

const STYLE: &str = "body{font-family:'Noto Sans CJK SC','Microsoft YaHei',sans-serif;margin:0;\
    background:#f4f5f7;color:#222}header{background:#1f3b5a;color:#fff;padding:.6em 1em;\
    display:flex;gap:1.2em;align-items:center;flex-wrap:wrap}header a{color:#fff}\
    header a.on{font-weight:bold;text-decoration:none;border-bottom:2px solid #fff}\
    header form{margin:0}main{padding:1em}table{border-collapse:collapse;background:#fff;\
    margin:.4em 0 1.2em}th,td{border:1px solid #ccd;padding:.3em .6em;text-align:right}\
    th{background:#e8ecf2}td:first-child,th:first-child{text-align:left}\
    .alarm{background:#c62828;color:#fff;font-size:1.3em;font-weight:bold;padding:.5em .8em;\
    margin:.3em 0;border-radius:4px}.ok{color:#2e7d32;font-weight:bold}\
    tr.silent td{background:#ffcdd2;color:#b71c1c;font-weight:bold}.muted{color:#667}\
    .login{max-width:22em;margin:4em auto;background:#fff;padding:1.5em;border-radius:6px}\
    .login input{display:block;width:100%;margin:.3em 0 .8em;padding:.4em;font-size:1em}\
    .error{color:#c62828;font-weight:bold}#chart{height:320px;max-width:60em;background:#fff}\
    @media print{header,form,.noprint{display:none}}";

fn say(phrase: Phrase, lang: Language) -> &'static str {
    phrase.say(lang)
}

/// A whole page around `body`. `here` is the page's own link with its date, for the language
/// switch.
pub fn layout(lang: Language, page: Option<Page>, here: &str, viewer: &str, body: &str) -> String {
    let other = match lang {
        Language::ZhCn => "en",
        Language::En => "zh",
    };
    let joiner = if here.contains('?') { '&' } else { '?' };
    let mut html = format!(
        "<!DOCTYPE html>\n<html lang=\"{}\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width,initial-scale=1\">\
         <title>{}</title><style>{STYLE}</style></head><body>\n<header><strong>{}</strong>",
        crate::text::html_lang(lang),
        say(words::OFFICE, lang),
        say(words::OFFICE, lang),
    );
    if page.is_some() {
        html.push_str("<nav>");
        for (link, target, phrase) in [
            ("/today", Page::Today, words::TODAY),
            ("/hours", Page::Hours, words::HOURS),
            ("/exceptions", Page::Exceptions, words::EXCEPTIONS),
            ("/report", Page::Report, words::DAY_REPORT),
        ] {
            let class = if page == Some(target) {
                " class=\"on\""
            } else {
                ""
            };
            let _ = write!(
                html,
                "<a href=\"{link}\" id=\"nav-{}\"{class}>{}</a> ",
                &link[1..],
                say(phrase, lang)
            );
        }
        html.push_str("</nav>");
    }
    let _ = write!(
        html,
        "<a href=\"{}{joiner}lang={other}\" id=\"language\">{}</a>",
        html_escape(here),
        say(words::OTHER_LANGUAGE, lang)
    );
    if !viewer.is_empty() {
        let _ = write!(
            html,
            "<span class=\"muted\">{}</span><form method=\"post\" action=\"/logout\">\
             <button id=\"logout\">{}</button></form>",
            html_escape(viewer),
            say(words::LOG_OUT, lang)
        );
    }
    let _ = write!(html, "</header>\n<main>{body}</main></body></html>");
    html
}

pub fn login(lang: Language, problem: Option<Phrase>) -> String {
    let problem = problem.map_or_else(String::new, |phrase| {
        format!(
            "<p class=\"error\" id=\"login-error\">{}</p>",
            say(phrase, lang)
        )
    });
    let body = format!(
        "<form class=\"login\" method=\"post\" action=\"/login\"><h2>{}</h2>{problem}\
         <label>{}<input name=\"viewer\" id=\"viewer\" autocomplete=\"username\" required></label>\
         <label>{}<input name=\"password\" id=\"password\" type=\"password\" \
         autocomplete=\"current-password\" required></label>\
         <button id=\"login\" type=\"submit\">{}</button></form>",
        say(words::LOG_IN, lang),
        say(words::VIEWER, lang),
        say(words::PASSWORD, lang),
        say(words::LOG_IN, lang),
    );
    layout(lang, None, "/login", "", &body)
}

/// Seconds a gate on an open shift has been silent beyond `silent_after`; `None` when it is
/// fine (syncing, or no shift open). A gate that never synced is silent for ever.
pub fn silence(gate: &GateRow, silent_after: f64) -> Option<f64> {
    if !gate.shift_open {
        return None;
    }
    match gate.silent_seconds {
        None => Some(f64::INFINITY),
        Some(seconds) if seconds > silent_after => Some(seconds),
        Some(_) => None,
    }
}

/// "东门 1号岗 12 分钟未同步" / "East gate 1: no sync for 12 min".
pub fn alarm_text(label: &str, seconds: f64, lang: Language) -> String {
    if !seconds.is_finite() {
        return format!("{label} {}", say(words::NEVER, lang));
    }
    words::no_sync_for(label, seconds.max(0.0) as u64, lang)
}

fn ago(seconds: Option<f64>, lang: Language) -> String {
    let Some(seconds) = seconds else {
        return say(words::NEVER, lang).to_owned();
    };
    words::ago(seconds.max(0.0) as u64, lang)
}

/// The live part of Today: alarms, the district's totals and one row per gate.
pub fn today_live(today: &Today, lang: Language, silent_after: f64) -> String {
    let mut html = String::from("<div id=\"alarms\">");
    let mut silent_gates = 0;
    for gate in &today.gates {
        if let Some(seconds) = silence(gate, silent_after) {
            silent_gates += 1;
            let _ = write!(
                html,
                "<p class=\"alarm\" id=\"alarm-{}\">{}</p>",
                html_escape(&gate.role_name),
                html_escape(&alarm_text(&gate.label(), seconds, lang))
            );
        }
    }
    if silent_gates == 0 {
        let _ = write!(
            html,
            "<p class=\"ok\">{}</p>",
            say(words::ALL_SYNCING, lang)
        );
    }
    html.push_str("</div>");
    let total = &today.report.total;
    let _ = write!(
        html,
        "<h2>{}</h2><table class=\"totals\"><tr>",
        say(words::TOTALS, lang)
    );
    let figures = [
        ("entries", words::ENTRIES, total.entries),
        ("people_in", words::PEOPLE_IN, total.people_in),
        ("people_out", words::PEOPLE_OUT, total.people_out),
        ("vehicles", words::VEHICLES, total.vehicles),
        ("fevers", words::FEVERS, total.fevers),
        ("red", words::RED, total.red),
        ("yellow", words::YELLOW, total.yellow),
        ("referred", words::REFERRED, total.referred),
        ("diverted", words::DIVERTED, total.diverted),
        ("repeats", words::REPEATS, total.repeats),
        ("voided", words::VOIDED, total.voided),
    ];
    for (_, phrase, _) in figures {
        let _ = write!(html, "<th>{}</th>", say(phrase, lang));
    }
    html.push_str("</tr><tr>");
    for (key, _, value) in figures {
        let _ = write!(html, "<td id=\"total-{key}\">{value}</td>");
    }
    let _ = write!(
        html,
        "</tr></table><h2>{}</h2><table class=\"gates\"><tr><th>{}</th>",
        say(words::GATES, lang),
        say(words::GATE, lang)
    );
    for phrase in [
        words::PEOPLE_IN,
        words::PEOPLE_OUT,
        words::VEHICLES,
        words::FEVERS,
        words::RED,
        words::YELLOW,
        words::REFERRED,
        words::DIVERTED,
        words::REPEATS,
        words::SHIFT,
        words::LAST_SYNC,
    ] {
        let _ = write!(html, "<th>{}</th>", say(phrase, lang));
    }
    html.push_str("</tr>");
    for gate in &today.gates {
        let class = if silence(gate, silent_after).is_some() {
            "gate silent"
        } else {
            "gate"
        };
        let _ = write!(
            html,
            "<tr id=\"gate-{}\" class=\"{class}\"><td>{}</td>",
            html_escape(&gate.role_name),
            html_escape(&gate.label())
        );
        for value in [
            gate.people_in,
            gate.people_out,
            gate.vehicles_in + gate.vehicles_out,
            gate.fevers,
            gate.red,
            gate.yellow,
            gate.referred,
            gate.diverted,
            gate.repeats,
        ] {
            let _ = write!(html, "<td>{value}</td>");
        }
        let shift = if gate.shift_open {
            words::SHIFT_OPEN
        } else {
            words::SHIFT_CLOSED
        };
        let _ = write!(
            html,
            "<td>{}</td><td class=\"last-sync\">{}</td></tr>",
            say(shift, lang),
            ago(gate.silent_seconds, lang)
        );
    }
    let _ = write!(
        html,
        "</table><p class=\"muted\" id=\"updated\">{} {}</p>",
        say(words::UPDATED, lang),
        today.at.format("%H:%M:%S")
    );
    html
}

/// Polls the live part every 2 s; a lost session goes back to the login page.
const POLL_SCRIPT: &str = "<script>(function(){var box=document.getElementById('live');\
    setInterval(function(){fetch('/today/live',{credentials:'same-origin',cache:'no-store'})\
    .then(function(r){if(r.redirected||r.status===401){location.href='/login';return null}\
    return r.ok?r.text():null}).then(function(t){if(t){box.innerHTML=t}})\
    .catch(function(){})},2000)})();</script>";

pub fn today(today: &Today, lang: Language, silent_after: f64) -> String {
    format!(
        "<h1>{} {}</h1><div id=\"live\">{}</div>{POLL_SCRIPT}",
        say(words::TODAY, lang),
        today.report.date,
        today_live(today, lang, silent_after)
    )
}

fn date_form(action: &str, date: NaiveDate, lang: Language) -> String {
    format!(
        "<form method=\"get\" action=\"{action}\" class=\"noprint\"><label>{} \
         <input type=\"date\" name=\"date\" value=\"{date}\"></label> <button>{}</button></form>",
        say(words::DATE, lang),
        say(words::SHOW, lang)
    )
}

/// People and vehicles per local hour: per gate and in total, a chart and a table.
pub fn hours(
    report: &DistrictReport,
    gates: &[GateRow],
    per_gate: &[(String, i64, i64, i64)],
    lang: Language,
) -> String {
    let mut people = [0u64; 24];
    let mut vehicles = [0u64; 24];
    for hour in &report.hours {
        let slot = hour.hour_start.hour() as usize % 24;
        people[slot] += hour.people;
        vehicles[slot] += hour.vehicles;
    }
    // `per_gate` hours are local hours since the epoch: the day's slot is the remainder.
    let slot_of = |local_hour: i64| local_hour.rem_euclid(24) as usize;
    let mut html = format!("<h1>{} {}</h1>", say(words::HOURS, lang), report.date);
    html.push_str(&date_form("/hours", report.date, lang));
    let series = format!(
        "[{{\"name\":\"{}\",\"type\":\"bar\",\"data\":{people:?}}},\
         {{\"name\":\"{}\",\"type\":\"bar\",\"data\":{vehicles:?}}}]",
        say(words::PEOPLE, lang),
        say(words::VEHICLES, lang)
    );
    let _ = write!(
        html,
        "<div id=\"chart\"></div><script src=\"/assets/echarts.min.js\"></script><script>\
         (function(){{if(!window.echarts)return;var c=echarts.init(document.getElementById('chart'));\
         var h=[];for(var i=0;i<24;i++){{h.push(i+':00')}}\
         c.setOption({{tooltip:{{trigger:'axis'}},legend:{{}},xAxis:{{type:'category',data:h}},\
         yAxis:{{type:'value'}},series:{series}}});}})();</script>"
    );
    let _ = write!(
        html,
        "<table id=\"hours\"><tr><th>{}</th>",
        say(words::HOUR, lang)
    );
    for gate in gates {
        let _ = write!(
            html,
            "<th>{} ({}/{})</th>",
            html_escape(&gate.label()),
            say(words::PEOPLE, lang),
            say(words::VEHICLES, lang)
        );
    }
    let _ = write!(
        html,
        "<th>{} {}</th><th>{} {}</th></tr>",
        say(words::TOTAL, lang),
        say(words::PEOPLE, lang),
        say(words::TOTAL, lang),
        say(words::VEHICLES, lang)
    );
    for slot in 0..24 {
        let _ = write!(html, "<tr><td>{slot:02}:00</td>");
        for gate in gates {
            let (p, v) = per_gate
                .iter()
                .filter(|(role, hour, _, _)| *role == gate.role_name && slot_of(*hour) == slot)
                .fold((0, 0), |(p, v), (_, _, people, vehicles)| {
                    (p + people, v + vehicles)
                });
            let _ = write!(html, "<td>{p} / {v}</td>");
        }
        let _ = write!(
            html,
            "<td id=\"hour-{slot}-people\">{}</td><td>{}</td></tr>",
            people[slot], vehicles[slot]
        );
    }
    html.push_str("</table>");
    html
}

fn what(row: &ExceptionRow, lang: Language) -> String {
    let mut parts = Vec::new();
    if row.fever {
        parts.push(say(words::FEVER, lang));
    }
    if row.kind == 0 && row.colour == 2 {
        parts.push(say(words::RED_CODE, lang));
    }
    if row.kind == 0 && row.colour == 1 {
        parts.push(say(words::YELLOW_CODE, lang));
    }
    match row.decision {
        1 => parts.push(say(words::TURNED_BACK, lang)),
        2 => parts.push(say(words::HANDED_OVER, lang)),
        3 => parts.push(say(words::DIVERT, lang)),
        _ => {}
    }
    if row.is_repeat {
        parts.push(say(words::REPEAT, lang));
    }
    parts.join(crate::text::LIST_SEPARATOR.say(lang))
}

pub fn exceptions(
    rows: &[ExceptionRow],
    date: NaiveDate,
    tz: FixedOffset,
    shown_at_most: usize,
    lang: Language,
) -> String {
    let mut html = format!("<h1>{} {date}</h1>", say(words::EXCEPTIONS, lang));
    html.push_str(&date_form("/exceptions", date, lang));
    if rows.is_empty() {
        let _ = write!(html, "<p>{}</p>", say(words::NO_EXCEPTIONS, lang));
        return html;
    }
    if rows.len() >= shown_at_most {
        let _ = write!(
            html,
            "<p class=\"muted\">{}</p>",
            say(words::FIRST_500, lang)
        );
    }
    let _ = write!(
        html,
        "<table id=\"exceptions\"><tr><th>{}</th><th>{}</th><th>{}</th><th>{}</th><th>{}</th></tr>",
        say(words::TIME, lang),
        say(words::GATE, lang),
        say(words::WHAT, lang),
        say(words::WHO, lang),
        say(words::TEMPERATURE, lang)
    );
    for row in rows {
        let place = if row.checkpoint_name.is_empty() {
            &row.checkpoint_id
        } else {
            &row.checkpoint_name
        };
        let who: Vec<&str> = [
            &row.name_masked,
            &row.document_masked,
            &row.phone_masked,
            &row.code_masked,
            &row.plate,
        ]
        .into_iter()
        .filter_map(|value| value.as_deref())
        .filter(|value| !value.is_empty())
        .collect();
        let _ = write!(
            html,
            "<tr><td>{}</td><td>{} {}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
            row.recorded_at.with_timezone(&tz).format("%H:%M:%S"),
            html_escape(place),
            html_escape(&row.gate),
            html_escape(&what(row, lang)),
            html_escape(&who.join(" · ")),
            html_escape(row.celsius.as_deref().unwrap_or(""))
        );
    }
    html.push_str("</table>");
    html
}

/// The printable day report with its download link.
pub fn report(report: &DistrictReport, wording: &Wording) -> String {
    let lang = wording.lang;
    let mut html = format!("<h1>{}</h1>", html_escape(&wording.title(report.date)));
    html.push_str(&date_form("/report", report.date, lang));
    let _ = write!(
        html,
        "<p class=\"noprint\"><a id=\"download-xlsx\" href=\"/report.xlsx?date={}\" download>{}</a> \
         <button onclick=\"window.print()\">{}</button></p>",
        report.date,
        say(words::DOWNLOAD_XLSX, lang),
        say(words::PRINT, lang)
    );
    let mut tables = Vec::new();
    let _ = report.write_html_tables(lang, &mut tables);
    html.push_str(&String::from_utf8_lossy(&tables));
    html
}

#[cfg(test)]
mod tests {
    use super::*;

    fn gate(shift_open: bool, silent_seconds: Option<f64>) -> GateRow {
        GateRow {
            role_name: "kiosk_east".to_owned(),
            checkpoint_id: "cp-east".to_owned(),
            checkpoint_name: "东门".to_owned(),
            gate: String::new(),
            seen_at: None,
            silent_seconds,
            shift_open,
            people_in: 0,
            people_out: 0,
            vehicles_in: 0,
            vehicles_out: 0,
            fevers: 0,
            yellow: 0,
            red: 0,
            referred: 0,
            diverted: 0,
            repeats: 0,
            voided: 0,
        }
    }

    #[test]
    fn a_gate_is_silent_only_on_an_open_shift_past_the_threshold() {
        assert_eq!(silence(&gate(true, Some(720.0)), 300.0), Some(720.0));
        assert_eq!(silence(&gate(true, Some(10.0)), 300.0), None);
        assert_eq!(silence(&gate(false, Some(7200.0)), 300.0), None);
        assert_eq!(silence(&gate(true, None), 300.0), Some(f64::INFINITY));
    }

    #[test]
    fn the_alarm_names_the_gate_and_the_minutes() {
        assert_eq!(
            alarm_text("东门", 725.0, Language::ZhCn),
            "东门 12 分钟未同步"
        );
        assert_eq!(
            alarm_text("East", 725.0, Language::En),
            "East: no sync for 12 min"
        );
        assert_eq!(alarm_text("东门", 7.0, Language::ZhCn), "东门 7 秒未同步");
    }

    #[test]
    fn page_text_is_escaped() {
        let html = layout(Language::ZhCn, Some(Page::Today), "/today", "<b>", "");
        assert!(html.contains("&lt;b&gt;") && !html.contains("<b>"));
    }
}
