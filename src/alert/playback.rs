//! The two ends of the hand-over from the audio thread to the device callback: the thread turns
//! each requested cue into its pre-rendered clip and queues it without waiting; the callback
//! copies queued clips into the device buffer one after another and fills the rest with silence.
//!
//! Clips are rendered once, when the stream opens, because the callback runs on the device's
//! real-time thread and must not allocate or compute waveforms.

use std::sync::Arc;
use std::sync::mpsc::{Receiver, SyncSender, TryRecvError};

use cpal::{FromSample, Sample};

use super::Cue;
use super::render::render;

/// Mono samples ready to play; shared so queueing a cue copies nothing.
pub(super) type Clip = Arc<[f32]>;

/// Every cue rendered at the device's sample rate, in the order of [`Cue::ALL`].
pub(super) struct CueClips {
    clips: Vec<(Cue, Clip)>,
}

impl CueClips {
    pub(super) fn render_at(sample_rate: u32) -> Self {
        Self {
            clips: Cue::ALL
                .iter()
                .map(|cue| (*cue, render(*cue, sample_rate).into()))
                .collect(),
        }
    }

    fn clip(&self, cue: Cue) -> Option<&Clip> {
        self.clips
            .iter()
            .find(|(rendered, _)| *rendered == cue)
            .map(|(_, clip)| clip)
    }
}

/// Runs on the audio thread until every sender of `cues` is gone (the player was dropped).
/// A cue that finds the clip queue full is dropped: a late beep would be attached to the wrong
/// person at the gate.
pub(super) fn forward_cues(cues: &Receiver<Cue>, clips: &CueClips, to_callback: &SyncSender<Clip>) {
    while let Ok(cue) = cues.recv() {
        // Full: drop the cue (see above). Disconnected: the stream is gone; keep draining so
        // play() stays cheap until the player is dropped.
        if let Some(clip) = clips.clip(cue) {
            let _ = to_callback.try_send(Arc::clone(clip));
        }
    }
}

/// Owned by the device callback: plays queued clips back to back.
pub(super) struct ClipPlayer {
    queued: Receiver<Clip>,
    playing: Option<Clip>,
    position: usize,
}

impl ClipPlayer {
    pub(super) fn new(queued: Receiver<Clip>) -> Self {
        Self {
            queued,
            playing: None,
            position: 0,
        }
    }

    /// Fills an interleaved device buffer with `channels` channels: every channel of a frame gets
    /// the same (mono) sample.
    pub(super) fn fill<T>(&mut self, buffer: &mut [T], channels: usize)
    where
        T: Sample + FromSample<f32>,
    {
        for frame in buffer.chunks_mut(channels.max(1)) {
            frame.fill(T::from_sample(self.next_sample()));
        }
    }

    fn next_sample(&mut self) -> f32 {
        loop {
            if let Some(sample) = self
                .playing
                .as_ref()
                .and_then(|clip| clip.get(self.position))
            {
                self.position += 1;
                return *sample;
            }
            match self.queued.try_recv() {
                Ok(clip) => {
                    self.playing = Some(clip);
                    self.position = 0;
                }
                Err(TryRecvError::Empty | TryRecvError::Disconnected) => {
                    self.playing = None;
                    return 0.0;
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use std::sync::mpsc::sync_channel;

    use super::*;

    fn clip(samples: &[f32]) -> Clip {
        samples.to_vec().into()
    }

    #[test]
    fn each_sample_goes_to_every_channel_then_silence_follows() {
        let (queue, queued) = sync_channel(2);
        queue
            .try_send(clip(&[0.1, 0.2, 0.3]))
            .expect("queue has room");
        let mut player = ClipPlayer::new(queued);
        let mut buffer = [9.0_f32; 8];
        player.fill(&mut buffer, 2);
        assert_eq!(buffer, [0.1, 0.1, 0.2, 0.2, 0.3, 0.3, 0.0, 0.0]);
    }

    #[test]
    fn a_clip_longer_than_one_buffer_continues_in_the_next_and_clips_play_back_to_back() {
        let (queue, queued) = sync_channel(2);
        queue
            .try_send(clip(&[0.1, 0.2, 0.3]))
            .expect("queue has room");
        queue.try_send(clip(&[0.4])).expect("queue has room");
        let mut player = ClipPlayer::new(queued);
        let (mut first, mut second) = ([0.0_f32; 2], [0.0_f32; 3]);
        player.fill(&mut first, 1);
        player.fill(&mut second, 1);
        assert_eq!((first, second), ([0.1, 0.2], [0.3, 0.4, 0.0]));
    }

    #[test]
    fn silence_is_the_midpoint_for_unsigned_integer_devices() {
        let (_queue, queued) = sync_channel(1);
        let mut player = ClipPlayer::new(queued);
        let mut buffer = [0_u16; 4];
        player.fill(&mut buffer, 2);
        assert_eq!(buffer, [32_768; 4]);
    }

    #[test]
    fn forwarded_cues_arrive_as_their_rendered_clips_in_order() {
        let clips = CueClips::render_at(8_000);
        let (cue_sender, cues) = sync_channel(4);
        let (to_callback, queued) = sync_channel(4);
        cue_sender.try_send(Cue::Alarm).expect("queue has room");
        cue_sender.try_send(Cue::Pass).expect("queue has room");
        drop(cue_sender);
        forward_cues(&cues, &clips, &to_callback);
        let received: Vec<Clip> = queued.try_iter().collect();
        let expected: [Clip; 2] = [
            render(Cue::Alarm, 8_000).into(),
            render(Cue::Pass, 8_000).into(),
        ];
        assert_eq!(received, expected);
    }

    #[test]
    fn cues_beyond_a_full_clip_queue_are_dropped_without_waiting() {
        let clips = CueClips::render_at(8_000);
        let (cue_sender, cues) = sync_channel(8);
        let (to_callback, queued) = sync_channel(2);
        for _ in 0..5 {
            cue_sender.try_send(Cue::Pass).expect("queue has room");
        }
        drop(cue_sender);
        // Returns although nothing reads the clip queue: a blocking send would hang here.
        forward_cues(&cues, &clips, &to_callback);
        assert_eq!(queued.try_iter().count(), 2);
    }
}
