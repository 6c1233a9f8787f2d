//! A report as titled tables of text cells, so Excel and HTML print the same sections.

use super::shift_report::ShiftReport;
use super::totals::Totals;

pub struct Section {
    pub title: String,
    pub header: Vec<String>,
    pub lines: Vec<Vec<String>>,
}

fn strings<const N: usize>(cells: [&str; N]) -> Vec<String> {
    cells.iter().map(|cell| (*cell).to_owned()).collect()
}

/// The totals table's rows: label then count.
pub fn totals_lines(totals: &Totals) -> Vec<Vec<String>> {
    [
        ("人员进 People in", totals.persons_in),
        ("人员出 People out", totals.persons_out),
        ("车辆进 Vehicles in", totals.vehicles_in),
        ("车辆出 Vehicles out", totals.vehicles_out),
        ("绿码 Green", totals.green),
        ("黄码 Yellow", totals.yellow),
        ("红码 Red", totals.red),
        ("颜色未知 Colour not known", totals.colour_unknown),
        ("发热 Fever", totals.fevers),
        ("放行 Passed", totals.passed),
        ("劝返 Turned back", totals.denied),
        ("移交 Handed over", totals.referred),
        ("引导至检查区 Sent to inspection", totals.diverted),
        ("重复 Repeats", totals.repeats),
        ("作废 Voided", totals.voided),
    ]
    .into_iter()
    .map(|(label, count)| vec![label.to_owned(), count.to_string()])
    .collect()
}

pub fn summary_rows(report: &ShiftReport) -> Vec<Section> {
    let mut sections = vec![Section {
        title: "合计 Totals".to_owned(),
        header: strings(["", "数量 Count"]),
        lines: totals_lines(&report.totals),
    }];
    if report.by_checkpoint.len() > 1 {
        sections.push(Section {
            title: "各检查点 By checkpoint".to_owned(),
            header: strings([
                "检查点 Checkpoint",
                "人员 People",
                "车辆 Vehicles",
                "发热 Fever",
                "红码 Red",
                "黄码 Yellow",
                "引导至检查区 Sent to inspection",
            ]),
            lines: report
                .by_checkpoint
                .iter()
                .map(|(checkpoint_id, totals)| {
                    let counts = [
                        totals.persons(),
                        totals.vehicles(),
                        totals.fevers,
                        totals.red,
                        totals.yellow,
                        totals.diverted,
                    ];
                    std::iter::once(checkpoint_id.clone())
                        .chain(counts.iter().map(u64::to_string))
                        .collect()
                })
                .collect(),
        });
    }
    sections.push(Section {
        title: "每小时 Per hour".to_owned(),
        header: strings(["时段 Hour", "人员 People", "车辆 Vehicles"]),
        lines: report
            .per_hour
            .iter()
            .map(|hour| {
                vec![
                    hour.hour_start.format("%Y-%m-%d %H:00").to_string(),
                    hour.persons.to_string(),
                    hour.vehicles.to_string(),
                ]
            })
            .collect(),
    });
    for (title, groups) in [
        ("车辆按类型 Vehicles by type", &report.vehicles_by_type),
        (
            "车辆按来源地 Vehicles by origin",
            &report.vehicles_by_origin,
        ),
    ] {
        sections.push(Section {
            title: title.to_owned(),
            header: strings(["", "车辆 Vehicles", "引导至检查区 Sent to inspection"]),
            lines: groups
                .iter()
                .map(|group| {
                    vec![
                        group.label.clone(),
                        group.vehicles.to_string(),
                        group.diverted.to_string(),
                    ]
                })
                .collect(),
        });
    }
    sections.push(exceptions_section(report));
    sections.push(Section {
        title: "值班人员 On duty".to_owned(),
        header: strings(["姓名 Name"]),
        lines: report
            .on_duty
            .iter()
            .map(|name| vec![name.clone()])
            .collect(),
    });
    if let Some(note) = report
        .shift
        .as_ref()
        .and_then(|shift| shift.handover_note.clone())
    {
        sections.push(Section {
            title: "交班说明 Handover note".to_owned(),
            header: Vec::new(),
            lines: vec![vec![note]],
        });
    }
    sections
}

fn exceptions_section(report: &ShiftReport) -> Section {
    Section {
        title: "异常 Exceptions".to_owned(),
        header: strings([
            "时间 Time",
            "原因 Why",
            "对象 Who",
            "°C",
            "登记人 Operator",
            "检查点 Checkpoint",
            "岗位 Gate",
            "作废原因 Void reason",
        ]),
        lines: report
            .exceptions
            .iter()
            .map(|row| {
                vec![
                    row.at.format("%Y-%m-%d %H:%M:%S").to_string(),
                    row.reasons().join(", "),
                    row.label.clone(),
                    row.temperature
                        .map(|celsius| format!("{celsius:.1}"))
                        .unwrap_or_default(),
                    row.operator.clone(),
                    row.checkpoint_id.clone(),
                    row.gate.clone(),
                    row.void_reason.clone().unwrap_or_default(),
                ]
            })
            .collect(),
    }
}
