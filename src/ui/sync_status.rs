//! The district sync's line in the counter bar: when the server last took this kiosk's entries,
//! how many wait here, and the last error in the UI's language. Only shown when kiosk.toml has a
//! `[district]` server. Reads a copy of the sync thread's status: never waits on the network.

use chrono::{DateTime, Local, Utc};
use egui::RichText;

use super::theme;
use super::view_ctx::ViewCtx;
use crate::config::Language;
use crate::model::SyncStatus;

const SYNC_TEXT_SIZE: f32 = 16.0;

pub fn sync_status_ui(ui: &mut egui::Ui, status: &SyncStatus, ctx: &ViewCtx) {
    ui.separator();
    let (text, warning) = sync_line(status, ctx.lang, ctx.now);
    let mut label = RichText::new(text).size(theme::scaled(ui, SYNC_TEXT_SIZE));
    if warning {
        label = label.color(theme::YELLOW_INK.on(ui.visuals())).strong();
    }
    ui.label(label).on_hover_text(status.server.clone());
}

/// The words of the sync line, and whether it is a warning.
pub fn sync_line(status: &SyncStatus, lang: Language, now: DateTime<Utc>) -> (String, bool) {
    let mut waiting = status.pending.map_or_else(String::new, |pending| {
        format!(" · {} {pending}", lang.pick("待上传", "waiting"))
    });
    // Issue 24: rows from other kiosks refused, and this kiosk's changes the server refused.
    if status.rejected_total > 0 {
        waiting.push_str(&format!(
            " · {} {}",
            lang.pick("拒收", "refused rows"),
            status.rejected_total
        ));
    }
    if status.set_aside > 0 {
        waiting.push_str(&format!(
            " · {} {}",
            lang.pick("被拒搁置", "set aside"),
            status.set_aside
        ));
    }
    let last = status.last_success.map_or_else(
        || lang.pick("从未同步", "never synced").to_owned(),
        |at| {
            format!(
                "{} {}",
                lang.pick("上次同步", "last sync"),
                at.with_timezone(&Local).format("%H:%M:%S")
            )
        },
    );
    if let Some((english, chinese)) = &status.last_error {
        let error = match lang {
            Language::ZhCn => chinese,
            Language::En => english,
        };
        (
            format!(
                "{} {error} · {last}{waiting}",
                lang.pick("区数据库：", "District:")
            ),
            true,
        )
    } else {
        let stale = status
            .last_success
            .is_none_or(|at| (now - at).num_seconds() > 60);
        (
            format!("{} {last}{waiting}", lang.pick("区数据库：", "District:")),
            stale,
        )
    }
}
