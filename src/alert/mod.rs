//! Audio cues at the gate: a soft chime when a person passes, an urgent alarm for red, yellow,
//! fever or divert, so the volunteer hears the verdict while looking at the person.
//!
//! A named "audio" thread owns the sound card (through cpal); the UI only queues cues. Sound is a
//! help, never a requirement: without a usable output device the player is silent, says why in
//! [`AudioStatus`], and everything else keeps working. This module does not decide which verdict
//! gets which cue (that is the caller's mapping) and never imports egui.

mod output;
mod playback;
mod render;

use std::sync::mpsc::{SyncSender, sync_channel};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;

pub use render::render;

use output::{SharedStatus, run_audio_thread};

/// Cues waiting for the audio thread. Small on purpose: a cue that cannot be queued at once is
/// dropped rather than played late for the next person.
const CUE_QUEUE: usize = 4;
/// How long `start` waits for the device to open before returning with a "starting" status.
const START_WAIT: Duration = Duration::from_secs(2);

pub use crate::model::sound::{AudioStatus, Cue};

/// Plays cues on the default audio output. Dropping it stops the audio thread and closes the
/// device.
pub struct AlertPlayer {
    cues: SyncSender<Cue>,
    status: SharedStatus,
}

impl AlertPlayer {
    /// Starts the audio thread and waits (at most two seconds) for the device to open. Never
    /// fails: without an audio device the player is silent and [`AlertPlayer::status`] says why.
    pub fn start() -> AlertPlayer {
        let status = Arc::new(Mutex::new(AudioStatus::Silent {
            reason: "The audio output is still starting; cues may be silent for a moment"
                .to_owned(),
        }));
        let (cues, cue_receiver) = sync_channel(CUE_QUEUE);
        let (opened, opened_receiver) = sync_channel(1);
        let thread_status = Arc::clone(&status);
        let spawned = std::thread::Builder::new()
            .name("audio".to_owned())
            .spawn(move || run_audio_thread(cue_receiver, thread_status, opened));
        match spawned {
            // Detached: the thread ends by itself once `cues` is dropped with the player.
            Ok(_detached) => {
                let _ = opened_receiver.recv_timeout(START_WAIT);
            }
            Err(error) => {
                let reason = format!(
                    "Could not start the audio thread ({error}); cues are silent. Restart the kiosk."
                );
                output::set_status(&status, AudioStatus::Silent { reason });
            }
        }
        AlertPlayer { cues, status }
    }

    /// Queues `cue` and returns at once. When the queue is full (cues faster than they play) or
    /// the player is silent, the cue is dropped.
    pub fn play(&self, cue: Cue) {
        // Full or disconnected: dropping is the documented behaviour, not an error to report.
        let _ = self.cues.try_send(cue);
    }

    /// Whether cues are heard right now: the output can vanish while the kiosk runs.
    pub fn status(&self) -> AudioStatus {
        self.status
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .clone()
    }
}

#[cfg(test)]
mod tests {
    use std::sync::mpsc::sync_channel;

    use super::*;

    #[test]
    fn start_names_the_device_or_the_reason_it_is_silent() {
        match AlertPlayer::start().status() {
            AudioStatus::Ready { device } => assert!(!device.is_empty()),
            AudioStatus::Silent { reason } => {
                assert!(reason.len() > 20, "reason too short to help: {reason:?}");
                assert!(
                    !reason.contains("still starting"),
                    "device did not open in time"
                );
            }
        }
    }

    #[test]
    fn play_drops_cues_instead_of_waiting_when_the_audio_thread_is_behind() {
        // A player whose audio thread never takes a cue: the worst case for `play`.
        let (cues, stalled) = sync_channel(CUE_QUEUE);
        let status = Arc::new(Mutex::new(AudioStatus::Silent {
            reason: String::new(),
        }));
        let player = AlertPlayer { cues, status };
        for _ in 0..100 {
            player.play(Cue::Alarm);
        }
        assert_eq!(stalled.try_iter().count(), CUE_QUEUE);
    }

    #[test]
    fn play_on_a_player_whose_audio_thread_has_ended_does_nothing() {
        let (cues, ended) = sync_channel(CUE_QUEUE);
        drop(ended);
        let status = Arc::new(Mutex::new(AudioStatus::Silent {
            reason: String::new(),
        }));
        AlertPlayer { cues, status }.play(Cue::Pass);
    }
}
