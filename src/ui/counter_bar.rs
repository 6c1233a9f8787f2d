//! Today's counters along the bottom of every screen: people in and out, vehicles, fevers,
//! red and yellow codes, diverted, repeats. A bar of their own keeps them large enough to read at a glance
//! and leaves the top bar room for the screens on a 1366-pixel laptop.

use egui::{Color32, RichText};

use super::theme;
use crate::app::state::KioskApp;

const COUNTER_TEXT_SIZE: f32 = 20.0;

pub fn counter_bar_ui(ui: &mut egui::Ui, app: &KioskApp) {
    egui::Panel::bottom("counters").show(ui, |ui| {
        ui.horizontal_wrapped(|ui| {
            ui.label(RichText::new(app.lang.pick("今日", "Today")).size(COUNTER_TEXT_SIZE));
            for (label, count, alarm) in counters(app) {
                ui.separator();
                let mut text = RichText::new(format!("{label} {count}"))
                    .size(COUNTER_TEXT_SIZE)
                    .strong();
                // Exceptions stand out only when there are any, so a calm shift looks calm.
                if let Some(colour) = alarm.filter(|_| count > 0) {
                    text = text.color(colour);
                }
                ui.label(text);
            }
            super::sync_status::sync_status_ui(ui, app);
            ui.separator();
            ui.label(retention_notice(app));
        });
    });
}

/// What the people at the gate are told (PIPL: a stated retention): how long their entry is kept.
fn retention_notice(app: &KioskApp) -> RichText {
    let days = app.services.config.retention_days;
    let text = match app.lang {
        crate::config::Language::ZhCn => format!("登记信息保存 {days} 天后删除"),
        crate::config::Language::En => format!("Entries are deleted after {days} days"),
    };
    RichText::new(text).size(COUNTER_TEXT_SIZE * 0.7)
}

fn counters(app: &KioskApp) -> [(&str, u64, Option<Color32>); 8] {
    let c = &app.counters;
    let lang = app.lang;
    [
        (lang.pick("进", "In"), c.persons_in, None),
        (lang.pick("出", "Out"), c.persons_out, None),
        (lang.pick("车辆", "Vehicles"), c.vehicles, None),
        (lang.pick("发热", "Fever"), c.fevers, Some(theme::FEVER)),
        (lang.pick("红码", "Red"), c.red, Some(theme::RED)),
        (
            lang.pick("黄码", "Yellow"),
            c.yellow,
            Some(theme::YELLOW_TEXT),
        ),
        (
            lang.pick("引导检查", "Diverted"),
            c.diverted,
            Some(theme::DIVERT),
        ),
        (lang.pick("重复", "Repeats"), c.repeats, None),
    ]
}
