//! Today's counters along the bottom of every screen: people in and out, vehicles, fevers,
//! red and yellow codes, diverted, repeats. A bar of their own keeps them large enough to read at a glance
//! and leaves the top bar room for the screens on a 1366-pixel laptop.

use egui::RichText;

use super::theme;
use super::view_ctx::ViewCtx;
use crate::model::Counters;
use crate::model::SyncStatus;

/// What the counter bar shows, prepared by the app each frame.
#[derive(Debug, Clone, Default)]
pub struct CounterBarView {
    pub counters: Counters,
    /// The district sync's status, when kiosk.toml names a server.
    pub sync: Option<SyncStatus>,
    /// No shift is open at this checkpoint: entries belong to no shift until one opens.
    pub no_shift_open: bool,
}

const COUNTER_TEXT_SIZE: f32 = 20.0;

pub fn counter_bar_ui(ui: &mut egui::Ui, view: &CounterBarView, ctx: &ViewCtx) {
    egui::Panel::bottom("counters").show(ui, |ui| {
        let size = theme::scaled(ui, COUNTER_TEXT_SIZE);
        ui.horizontal_wrapped(|ui| {
            if view.no_shift_open {
                no_shift_notice_ui(ui, ctx, size);
                ui.separator();
            }
            ui.label(RichText::new(ctx.lang.pick("今日", "Today")).size(size));
            for (label, count, alarm) in counters(&view.counters, ctx.lang)
                .into_iter()
                .chain(pass_counters(&view.counters, ctx.lang))
            {
                ui.separator();
                let mut text = RichText::new(format!("{label} {count}"))
                    .size(size)
                    .strong();
                // Exceptions stand out only when there are any, so a calm shift looks calm.
                if let Some(ink) = alarm.filter(|_| count > 0) {
                    text = text.color(ink.on(ui.visuals()));
                }
                ui.label(text);
            }
            if let Some(status) = &view.sync {
                super::sync_status::sync_status_ui(ui, status, ctx);
            }
            ui.separator();
            ui.label(retention_notice(ctx).size(size * 0.7));
        });
    });
}

/// Said on every screen while no shift is open, so nobody works a gate "off the books"; the
/// Shift screen (F5) says that entries made meanwhile go into the next shift opened today.
fn no_shift_notice_ui(ui: &mut egui::Ui, ctx: &ViewCtx, size: f32) {
    ui.label(
        RichText::new(ctx.lang.pick(
            "▲ 未开班：请班长按 F5 开班",
            "▲ No shift open: a leader opens one on F5",
        ))
        .size(size)
        .strong()
        .color(theme::FEVER_INK.on(ui.visuals())),
    );
}

/// What the people at the gate are told (PIPL: a stated retention): how long their entry is kept.
fn retention_notice(ctx: &ViewCtx) -> RichText {
    let days = ctx.config.retention_days;
    let text = match ctx.lang {
        crate::config::Language::ZhCn => format!("登记信息保存 {days} 天后删除"),
        crate::config::Language::En => format!("Entries are deleted after {days} days"),
    };
    RichText::new(text)
}

/// The district's own passes, apart from colours (issue 25); shown once any was scanned today.
fn pass_counters(
    c: &Counters,
    lang: crate::config::Language,
) -> Vec<(&'static str, u64, Option<theme::Ink>)> {
    if c.passes_valid + c.passes_refused == 0 {
        return Vec::new();
    }
    let [valid, refused] = crate::text::passes::COUNTER_LABELS;
    vec![
        (valid.say(lang), c.passes_valid, None),
        (refused.say(lang), c.passes_refused, Some(theme::RED_INK)),
    ]
}

fn counters(
    c: &Counters,
    lang: crate::config::Language,
) -> [(&'static str, u64, Option<theme::Ink>); 8] {
    [
        (lang.pick("进", "In"), c.persons_in, None),
        (lang.pick("出", "Out"), c.persons_out, None),
        (lang.pick("车辆", "Vehicles"), c.vehicles, None),
        (lang.pick("发热", "Fever"), c.fevers, Some(theme::FEVER_INK)),
        (lang.pick("红码", "Red"), c.red, Some(theme::RED_INK)),
        (
            lang.pick("黄码", "Yellow"),
            c.yellow,
            Some(theme::YELLOW_INK),
        ),
        (
            lang.pick("引导检查", "Diverted"),
            c.diverted,
            Some(theme::DIVERT_INK),
        ),
        (lang.pick("重复", "Repeats"), c.repeats, None),
    ]
}
