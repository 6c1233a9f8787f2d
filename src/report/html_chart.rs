//! The printable page's hourly chart: people and vehicles per hour as an inline SVG bar chart,
//! so the page stays one self-contained file that prints anywhere.

use std::io::Write;

use super::breakdown::HourCount;

const WIDTH: f64 = 960.0;
const HEIGHT: f64 = 220.0;
const AXIS: f64 = 24.0;
const PEOPLE: &str = "#2f6fb3";
const VEHICLES: &str = "#e08a1e";

/// Writes the chart, or nothing when there are no hours to draw.
pub fn write_hourly_chart(out: &mut impl Write, hours: &[HourCount]) -> std::io::Result<()> {
    let highest = hours
        .iter()
        .map(|hour| hour.persons.max(hour.vehicles))
        .max()
        .unwrap_or(0);
    if hours.is_empty() || highest == 0 {
        return Ok(());
    }
    let slot = WIDTH / hours.len() as f64;
    let bar = (slot / 2.0 - 1.0).max(0.5);
    let scale = (HEIGHT - AXIS - 14.0) / highest as f64;
    let baseline = HEIGHT - AXIS;
    writeln!(
        out,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{WIDTH}\" height=\"{HEIGHT}\" \
         role=\"img\" aria-label=\"每小时人员与车辆 People and vehicles per hour\">"
    )?;
    writeln!(
        out,
        "<text x=\"0\" y=\"11\" font-size=\"11\"><tspan fill=\"{PEOPLE}\">■ 人员 People</tspan> \
         <tspan fill=\"{VEHICLES}\">■ 车辆 Vehicles</tspan> (max {highest})</text>"
    )?;
    // A label every few bars keeps them from overlapping on a long day.
    let label_every = (hours.len() / 24).max(1);
    for (index, hour) in hours.iter().enumerate() {
        let left = index as f64 * slot;
        bar_rect(
            out,
            left,
            bar,
            hour.persons as f64 * scale,
            baseline,
            PEOPLE,
        )?;
        bar_rect(
            out,
            left + bar,
            bar,
            hour.vehicles as f64 * scale,
            baseline,
            VEHICLES,
        )?;
        if index % label_every == 0 {
            writeln!(
                out,
                "<text x=\"{left:.1}\" y=\"{:.1}\" font-size=\"10\">{}</text>",
                HEIGHT - 8.0,
                hour.hour_start.format("%H")
            )?;
        }
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
        write_hourly_chart(&mut out, hours).expect("written");
        String::from_utf8(out).expect("utf-8")
    }

    #[test]
    fn the_busiest_hour_has_the_tallest_bar() {
        let svg = chart(&[hour(8, 10, 2), hour(9, 40, 5), hour(10, 20, 0)]);
        assert!(svg.starts_with("<svg") && svg.trim_end().ends_with("</svg>"));
        assert_eq!(svg.matches("<rect").count(), 6);
        let heights: Vec<f64> = svg
            .split("height=\"")
            .skip(2) // the svg element's own height
            .filter_map(|rest| rest.split('"').next()?.parse().ok())
            .collect();
        let tallest = heights.iter().cloned().fold(0.0, f64::max);
        assert_eq!(heights[2], tallest, "09:00 people: {heights:?}");
        assert!(svg.contains(">08<") && svg.contains(">10<"));
    }

    #[test]
    fn an_empty_report_draws_no_chart() {
        assert_eq!(chart(&[]), "");
        assert_eq!(chart(&[hour(8, 0, 0)]), "");
    }
}
