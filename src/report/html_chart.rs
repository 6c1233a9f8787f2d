//! The printable page's hourly chart: people and vehicles per clock hour (24 whole-hour slots,
//! 0 to 23) as an inline SVG bar chart, so the page stays one self-contained file that prints
//! anywhere.

use std::io::Write;

use super::HourCount;
use super::breakdown::clock_hours;
use super::wording as w;
use crate::config::Language;

const WIDTH: f64 = 960.0;
const HEIGHT: f64 = 220.0;
const AXIS: f64 = 24.0;
const LEFT: f64 = 8.0;
const PEOPLE: &str = "#2f6fb3";
const VEHICLES: &str = "#e08a1e";

/// Writes the chart, or nothing when the report has no entries.
pub fn write_hourly_chart(
    out: &mut impl Write,
    hours: &[HourCount],
    lang: Language,
) -> std::io::Result<()> {
    let slots = clock_hours(hours);
    let highest = slots
        .iter()
        .map(|(persons, vehicles)| *persons.max(vehicles))
        .max()
        .unwrap_or(0);
    if highest == 0 {
        return Ok(());
    }
    let slot = (WIDTH - LEFT) / 24.0;
    let bar = slot * 0.4;
    let scale = (HEIGHT - AXIS - 14.0) / highest as f64;
    let baseline = HEIGHT - AXIS;
    let (people, vehicles) = (w::PEOPLE.say(lang), w::VEHICLES.say(lang));
    writeln!(
        out,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{WIDTH}\" height=\"{HEIGHT}\" \
         role=\"img\" aria-label=\"{}\">",
        w::PER_HOUR_CHART.say(lang)
    )?;
    writeln!(
        out,
        "<text x=\"0\" y=\"11\" font-size=\"11\"><tspan fill=\"{PEOPLE}\">■ {people}</tspan> \
         <tspan fill=\"{VEHICLES}\">■ {vehicles}</tspan> ({} {highest})</text>",
        w::CHART_MAX.say(lang)
    )?;
    for (hour, (persons, vehicle_count)) in slots.iter().enumerate() {
        let left = LEFT + hour as f64 * slot;
        let middle = left + slot / 2.0;
        bar_rect(
            out,
            middle - bar,
            bar,
            *persons as f64 * scale,
            baseline,
            PEOPLE,
        )?;
        bar_rect(
            out,
            middle,
            bar,
            *vehicle_count as f64 * scale,
            baseline,
            VEHICLES,
        )?;
        writeln!(
            out,
            "<text x=\"{middle:.1}\" y=\"{:.1}\" font-size=\"10\" text-anchor=\"middle\">{hour}</text>",
            HEIGHT - 8.0
        )?;
    }
    writeln!(out, "</svg>")
}

fn bar_rect(
    out: &mut impl Write,
    left: f64,
    width: f64,
    height: f64,
    baseline: f64,
    colour: &str,
) -> std::io::Result<()> {
    writeln!(
        out,
        "<rect x=\"{left:.1}\" y=\"{:.1}\" width=\"{width:.1}\" height=\"{height:.1}\" fill=\"{colour}\"/>",
        baseline - height
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{FixedOffset, TimeZone};

    fn hour(h: u32, persons: u64, vehicles: u64) -> HourCount {
        let tz = FixedOffset::east_opt(8 * 3600).expect("UTC+8");
        HourCount {
            hour_start: tz
                .with_ymd_and_hms(2026, 11, 20, h, 0, 0)
                .single()
                .expect("time"),
            persons,
            vehicles,
        }
    }

    fn chart(hours: &[HourCount]) -> String {
        let mut out = Vec::new();
        write_hourly_chart(&mut out, hours, Language::ZhCn).expect("written");
        String::from_utf8(out).expect("utf-8")
    }

    #[test]
    fn the_chart_has_24_whole_hour_slots_and_the_busiest_hour_is_tallest() {
        let svg = chart(&[hour(8, 10, 2), hour(9, 40, 5), hour(10, 20, 0)]);
        assert!(svg.starts_with("<svg") && svg.trim_end().ends_with("</svg>"));
        assert_eq!(
            svg.matches("<rect").count(),
            48,
            "a people and a vehicle bar per hour"
        );
        for label in 0..24 {
            assert!(svg.contains(&format!(">{label}</text>")), "hour {label}");
        }
        let heights: Vec<f64> = svg
            .split("height=\"")
            .skip(2) // the svg element's own height
            .filter_map(|rest| rest.split('"').next()?.parse().ok())
            .collect();
        let tallest = heights.iter().copied().fold(0.0, f64::max);
        assert_eq!(heights[9 * 2], tallest, "09:00 people: {heights:?}");
        assert!(svg.contains("■ 人员") && svg.contains("■ 车辆"));
    }

    #[test]
    fn an_empty_report_draws_no_chart() {
        assert_eq!(chart(&[]), "");
        assert_eq!(chart(&[hour(8, 0, 0)]), "");
    }
}
