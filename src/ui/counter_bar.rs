//! Today's counters along the bottom of every screen: people let in and out, vehicles, fevers,
//! those turned back, handed over and diverted (each decision counted once), repeats. A bar of
//! their own keeps them large enough to read at a glance and leaves the top bar room for the
//! screens on a 1366-pixel laptop.

use egui::RichText;

use super::theme;
use super::view_ctx::ViewCtx;
use crate::model::Counters;
use crate::model::SyncStatus;
use crate::text::screens::counter_bar as words;

/// What the counter bar shows, prepared by the app each frame.
#[derive(Debug, Clone, Default)]
pub struct CounterBarView {
    pub counters: Counters,
    /// The district sync's status, when kiosk.toml names a server.
    pub sync: Option<SyncStatus>,
    /// No shift is open at this checkpoint: entries belong to no shift until one opens.
    pub no_shift_open: bool,
    /// A standing warning (the screen may dim): said in the bar's own line, never over a control.
    pub warning: Option<&'static str>,
}

const COUNTER_TEXT_SIZE: f32 = 20.0;
/// The widest a count is assumed to be when the row's size is chosen: a count that grows to four
/// digits never changes the size, so nothing on the screen moves.
const COUNT_WIDTH: &str = "0000";

/// Two rows of fixed height that grow with the font: the counts on one line (smaller only when
/// the largest font would not fit the window's width), and one line for what the gate is told
/// (no shift, the screen may dim, the district sync, how long entries are kept), each cut to
/// its share of the width with the whole text under the mouse (and the sync's in Settings).
pub fn counter_bar_ui(ui: &mut egui::Ui, view: &CounterBarView, ctx: &ViewCtx) {
    egui::Panel::bottom("counters").show(ui, |ui| {
        let counts = counters(&view.counters, ctx.lang);
        let size = counts_size(ui, &counts, ctx.lang);
        ui.horizontal(|ui| {
            ui.label(RichText::new(crate::text::office::TODAY.say(ctx.lang)).size(size));
            for (label, count, alarm) in counts
                .into_iter()
                .chain(pass_counters(&view.counters, ctx.lang))
                .chain(practice_counter(&view.counters, ctx.lang))
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
        });
        notices_ui(ui, view, ctx);
    });
}

/// The counts' text size: the font scale's, or smaller when the row would not fit.
fn counts_size(
    ui: &egui::Ui,
    counts: &[(&'static str, u64, Option<theme::Ink>)],
    lang: crate::config::Language,
) -> f32 {
    let size = theme::scaled(ui, COUNTER_TEXT_SIZE);
    let mut text = crate::text::office::TODAY.say(lang).to_owned();
    for (label, _, _) in counts {
        text.push_str(&format!(" {label} {COUNT_WIDTH}"));
    }
    // Separators and the gaps around them.
    let spacing = (ui.spacing().item_spacing.x * 2.0 + 1.0) * counts.len() as f32;
    let room = ui.available_width() - spacing;
    super::layout::size_to_fit(ui, text, size, room, COUNTER_TEXT_SIZE * 0.8)
}

/// One line of notices: warnings first, then the sync, then the retention notice.
fn notices_ui(ui: &mut egui::Ui, view: &CounterBarView, ctx: &ViewCtx) {
    let size = theme::scaled(ui, super::sync_status::SYNC_TEXT_SIZE);
    let height = ui.fonts_mut(|fonts| fonts.row_height(&egui::FontId::proportional(size))) + 4.0;
    let mut notices: Vec<(RichText, String)> = Vec::new();
    let warning_ink = theme::FEVER_INK.on(ui.visuals());
    if view.no_shift_open {
        let text = no_shift_notice(ctx);
        notices.push((
            RichText::new(text).size(size).strong().color(warning_ink),
            text.to_owned(),
        ));
    }
    if let Some(warning) = view.warning {
        notices.push((
            RichText::new(format!("▲ {warning}"))
                .size(size)
                .strong()
                .color(theme::RED_INK.on(ui.visuals())),
            warning.to_owned(),
        ));
    }
    if let Some(status) = &view.sync {
        let (text, details) = super::sync_status::sync_notice(ui, status, ctx, size);
        notices.push((text, details));
    }
    let retention = retention_notice(ctx);
    notices.push((RichText::new(retention.clone()).size(size * 0.8), retention));
    super::form_ui::slot(ui, height, |ui| {
        ui.horizontal(|ui| {
            let count = notices.len();
            let gaps = (ui.spacing().item_spacing.x * 2.0 + 1.0) * count.saturating_sub(1) as f32;
            let share = ((ui.available_width() - gaps) / count as f32).max(40.0);
            for (index, (text, details)) in notices.into_iter().enumerate() {
                if index > 0 {
                    ui.separator();
                }
                ui.allocate_ui(egui::vec2(share, height), |ui| {
                    ui.add(egui::Label::new(text).truncate())
                        .on_hover_text(details);
                });
            }
        });
    });
}

/// Said on every screen while no shift is open, so nobody works a gate "off the books"; the
/// Shift screen (F5) says that entries made meanwhile go into the next shift opened today.
fn no_shift_notice(ctx: &ViewCtx) -> &'static str {
    words::NO_SHIFT_OPEN.say(ctx.lang)
}

/// What the people at the gate are told (PIPL: a stated retention): how long their entry is kept.
fn retention_notice(ctx: &ViewCtx) -> String {
    words::retention(ctx.config.retention_days, ctx.lang)
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

/// Practice entries (demo feed, `run --feed`), apart from the real counts above (issue 22);
/// shown once there are any.
fn practice_counter(
    c: &Counters,
    lang: crate::config::Language,
) -> Option<(&'static str, u64, Option<theme::Ink>)> {
    (c.practice > 0).then(|| (words::PRACTICE.say(lang), c.practice, None))
}

fn counters(
    c: &Counters,
    lang: crate::config::Language,
) -> [(&'static str, u64, Option<theme::Ink>); 8] {
    [
        (
            crate::text::terms::direction(crate::model::Direction::In).say(lang),
            c.persons_in,
            None,
        ),
        (
            crate::text::terms::direction(crate::model::Direction::Out).say(lang),
            c.persons_out,
            None,
        ),
        (crate::text::district::VEHICLES.say(lang), c.vehicles, None),
        (
            crate::text::terms::FEVER.say(lang),
            c.fevers,
            Some(theme::FEVER_INK),
        ),
        (
            crate::text::terms::DENY.say(lang),
            c.turned_back,
            Some(theme::RED_INK),
        ),
        (
            crate::text::terms::REFER.say(lang),
            c.handed_over,
            Some(theme::FEVER_INK),
        ),
        (
            crate::text::terms::DIVERT.say(lang),
            c.diverted,
            Some(theme::DIVERT_INK),
        ),
        (crate::text::office::REPEATS.say(lang), c.repeats, None),
    ]
}
