//! The district sync's line in the counter bar: when the server last took this kiosk's entries,
//! how many wait here, and the last error in the UI's language. Only shown when kiosk.toml has a
//! `[district]` server. Reads a copy of the sync thread's status: never waits on the network.

use chrono::{DateTime, Local, Utc};
use egui::RichText;

use super::theme;
use super::view_ctx::ViewCtx;
use crate::config::Language;
use crate::model::SyncStatus;
use crate::text::screens::sync_status as words;

/// The size of the counter bar's line of notices, at font scale 1.
pub const SYNC_TEXT_SIZE: f32 = 16.0;
/// Without a success for longer than this the line turns to a warning.
const STALE_AFTER_SECONDS: i64 = 60;

/// The sync's notice for the counter bar, and its details for the mouse (the server too). The
/// window is woken only when the line would change (`SyncStatus::shows_differently`), and once
/// more when a quiet server becomes stale.
pub fn sync_notice(
    ui: &egui::Ui,
    status: &SyncStatus,
    ctx: &ViewCtx,
    size: f32,
) -> (RichText, String) {
    let (text, warning) = sync_line(status, ctx.lang, ctx.now);
    let mut label = RichText::new(text.clone()).size(size);
    if warning {
        label = label.color(theme::YELLOW_INK.on(ui.visuals())).strong();
    } else if let Some(at) = status.last_success {
        let left = STALE_AFTER_SECONDS + 1 - (ctx.now - at).num_seconds();
        let left = u64::try_from(left.max(1)).unwrap_or(1);
        ui.ctx()
            .request_repaint_after(std::time::Duration::from_secs(left));
    }
    (label, format!("{text}\n{}", status.server))
}

/// The words of the sync line, and whether it is a warning.
pub fn sync_line(status: &SyncStatus, lang: Language, now: DateTime<Utc>) -> (String, bool) {
    let mut waiting = status.pending.map_or_else(String::new, |pending| {
        format!(" · {} {pending}", words::WAITING.say(lang))
    });
    // Issue 24: rows from other kiosks refused, and this kiosk's changes the server refused.
    if status.rejected_total > 0 {
        waiting.push_str(&format!(
            " · {} {}",
            words::REFUSED_ROWS.say(lang),
            status.rejected_total
        ));
    }
    if status.set_aside > 0 {
        waiting.push_str(&format!(
            " · {} {}",
            words::SET_ASIDE.say(lang),
            status.set_aside
        ));
    }
    let last = status.last_success.map_or_else(
        || crate::text::office::NEVER.say(lang).to_owned(),
        |at| {
            format!(
                "{} {}",
                words::LAST_SYNC.say(lang),
                at.with_timezone(&Local).format("%H:%M")
            )
        },
    );
    if let Some((english, chinese)) = &status.last_error {
        let error = match lang {
            Language::ZhCn => chinese,
            Language::En => english,
        };
        (
            format!("{} {error} · {last}{waiting}", words::DISTRICT.say(lang)),
            true,
        )
    } else {
        let stale = status
            .last_success
            .is_none_or(|at| (now - at).num_seconds() > STALE_AFTER_SECONDS);
        (
            format!("{} {last}{waiting}", words::DISTRICT.say(lang)),
            stale,
        )
    }
}
