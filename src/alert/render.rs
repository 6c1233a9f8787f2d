//! The cues as sample buffers: pure functions of the cue and the device's sample rate, so the
//! sound is the same on every machine and testable without a sound card.
//!
//! Pass is a soft two-note chime rising 880 → 1320 Hz: it confirms without startling the person
//! walking through. Alarm is three buzzy beeps alternating 660/440 Hz with short gaps: louder,
//! harsher and longer, so a volunteer looking away still notices a red, yellow, fever or divert.

use std::f32::consts::{PI, TAU};

use super::Cue;

/// Pass chime: quiet enough to repeat all day.
const CHIME_AMPLITUDE: f32 = 0.35;
/// Alarm: louder than the chime but below half scale, so it never clips after device mixing.
const BUZZER_AMPLITUDE: f32 = 0.45;
/// How far the buzzer's sine is driven into `tanh`: higher is closer to a square wave.
const BUZZER_DRIVE: f32 = 3.0;

/// What a tone sounds like: waveform and envelope together.
#[derive(Debug, Clone, Copy)]
enum Voice {
    /// A sine with a quick swell and a bell-like exponential decay.
    Chime,
    /// A soft-clipped sine (square-ish, rich in odd harmonics) held at full level.
    Buzzer,
}

#[derive(Debug, Clone, Copy)]
enum Segment {
    Tone {
        frequency_hz: f32,
        duration_ms: u32,
        voice: Voice,
    },
    Gap {
        duration_ms: u32,
    },
}

const PASS: [Segment; 2] = [chime(880.0, 120), chime(1320.0, 120)];

const ALARM: [Segment; 5] = [
    buzzer(660.0, 150),
    Segment::Gap { duration_ms: 40 },
    buzzer(440.0, 150),
    Segment::Gap { duration_ms: 40 },
    buzzer(660.0, 150),
];

const PASS_REVOKED: [Segment; 3] = [
    buzzer(392.0, 260),
    Segment::Gap { duration_ms: 80 },
    buzzer(392.0, 260),
];

const PASS_EXPIRED: [Segment; 2] = [chime(660.0, 150), chime(440.0, 250)];

const PASS_UNKNOWN_ISSUER: [Segment; 7] = [
    buzzer(587.0, 90),
    Segment::Gap { duration_ms: 50 },
    buzzer(587.0, 90),
    Segment::Gap { duration_ms: 50 },
    buzzer(587.0, 90),
    Segment::Gap { duration_ms: 50 },
    buzzer(587.0, 90),
];

const PASS_FORGED: [Segment; 4] = [
    buzzer(880.0, 180),
    buzzer(330.0, 180),
    buzzer(880.0, 180),
    buzzer(330.0, 180),
];

const fn chime(frequency_hz: f32, duration_ms: u32) -> Segment {
    Segment::Tone {
        frequency_hz,
        duration_ms,
        voice: Voice::Chime,
    }
}

const fn buzzer(frequency_hz: f32, duration_ms: u32) -> Segment {
    Segment::Tone {
        frequency_hz,
        duration_ms,
        voice: Voice::Buzzer,
    }
}

/// The mono samples (in -1.0..=1.0, peak at most 0.5) of `cue` at `sample_rate` Hz. Every tone
/// starts and ends at exactly zero so nothing clicks. A zero rate gives an empty buffer.
pub fn render(cue: Cue, sample_rate: u32) -> Vec<f32> {
    let segments: &[Segment] = match cue {
        Cue::Pass => &PASS,
        Cue::Alarm => &ALARM,
        Cue::PassRevoked => &PASS_REVOKED,
        Cue::PassExpired => &PASS_EXPIRED,
        Cue::PassUnknownIssuer => &PASS_UNKNOWN_ISSUER,
        Cue::PassForged => &PASS_FORGED,
    };
    segments
        .iter()
        .flat_map(|segment| render_segment(*segment, sample_rate))
        .collect()
}

fn render_segment(segment: Segment, sample_rate: u32) -> Vec<f32> {
    match segment {
        Segment::Gap { duration_ms } => vec![0.0; sample_count(duration_ms, sample_rate)],
        Segment::Tone {
            frequency_hz,
            duration_ms,
            voice,
        } => {
            let count = sample_count(duration_ms, sample_rate);
            (0..count)
                .map(|index| {
                    let seconds = index as f32 / sample_rate as f32;
                    let seconds_left = (count - 1 - index) as f32 / sample_rate as f32;
                    let phase = TAU * frequency_hz * seconds;
                    wave(voice, phase) * envelope(voice, seconds, seconds_left)
                })
                .collect()
        }
    }
}

fn sample_count(duration_ms: u32, sample_rate: u32) -> usize {
    let count = u64::from(sample_rate) * u64::from(duration_ms) / 1000;
    usize::try_from(count).unwrap_or(0)
}

fn wave(voice: Voice, phase: f32) -> f32 {
    match voice {
        Voice::Chime => CHIME_AMPLITUDE * phase.sin(),
        Voice::Buzzer => {
            BUZZER_AMPLITUDE * (BUZZER_DRIVE * phase.sin()).tanh() / BUZZER_DRIVE.tanh()
        }
    }
}

/// Gain in 0.0..=1.0 at `seconds` into a tone with `seconds_left` until its last sample.
fn envelope(voice: Voice, seconds: f32, seconds_left: f32) -> f32 {
    match voice {
        Voice::Chime => {
            smooth_ramp(seconds / 0.008)
                * (-seconds / 0.080).exp()
                * smooth_ramp(seconds_left / 0.020)
        }
        Voice::Buzzer => smooth_ramp(seconds / 0.004) * smooth_ramp(seconds_left / 0.008),
    }
}

/// Raised-cosine ramp: 0 at 0, 1 from 1 on, with no corner at either end (corners click).
fn smooth_ramp(progress: f32) -> f32 {
    if progress >= 1.0 {
        1.0
    } else {
        0.5 - 0.5 * (PI * progress.max(0.0)).cos()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const COMMON_RATES: [u32; 4] = [8_000, 44_100, 48_000, 96_000];

    fn peak(samples: &[f32]) -> f32 {
        samples
            .iter()
            .fold(0.0, |peak, sample| peak.max(sample.abs()))
    }

    fn rms(samples: &[f32]) -> f32 {
        (samples.iter().map(|sample| sample * sample).sum::<f32>() / samples.len() as f32).sqrt()
    }

    /// Frequency estimated from sign changes: a pure tone crosses zero twice per period.
    fn frequency_hz(samples: &[f32], sample_rate: u32) -> f32 {
        let crossings = samples
            .windows(2)
            .filter(|pair| (pair[0] > 0.0) != (pair[1] > 0.0))
            .count();
        crossings as f32 * sample_rate as f32 / (2.0 * samples.len() as f32)
    }

    fn assert_near(actual_hz: f32, expected_hz: f32) {
        let error = (actual_hz - expected_hz).abs() / expected_hz;
        assert!(error < 0.03, "{actual_hz} Hz is not {expected_hz} Hz");
    }

    /// The samples between `from_ms` and `to_ms` of `samples` at `rate`.
    fn window(samples: &[f32], rate: u32, from_ms: u32, to_ms: u32) -> &[f32] {
        &samples[sample_count(from_ms, rate)..sample_count(to_ms, rate)]
    }

    #[test]
    fn pass_chime_lasts_240_ms_at_every_common_rate() {
        for rate in COMMON_RATES {
            assert_eq!(
                render(Cue::Pass, rate).len(),
                sample_count(240, rate),
                "{rate} Hz"
            );
        }
        assert_eq!(render(Cue::Pass, 48_000).len(), 11_520);
    }

    #[test]
    fn alarm_lasts_three_150_ms_beeps_and_two_40_ms_gaps() {
        for rate in COMMON_RATES {
            assert_eq!(
                render(Cue::Alarm, rate).len(),
                sample_count(530, rate),
                "{rate} Hz"
            );
        }
    }

    #[test]
    fn cues_stay_at_or_below_half_scale_yet_are_audible() {
        for cue in [Cue::Pass, Cue::Alarm] {
            for rate in COMMON_RATES {
                let peak = peak(&render(cue, rate));
                assert!(peak <= 0.5, "{cue:?} at {rate} Hz peaks at {peak}");
                assert!(peak >= 0.2, "{cue:?} at {rate} Hz is too quiet: {peak}");
            }
        }
    }

    #[test]
    fn cues_start_and_end_in_silence_so_they_do_not_click() {
        for cue in [Cue::Pass, Cue::Alarm] {
            for rate in COMMON_RATES {
                let samples = render(cue, rate);
                let (first, last) = (samples[0], samples[samples.len() - 1]);
                assert!(
                    first.abs() < 0.01 && last.abs() < 0.01,
                    "{cue:?} at {rate} Hz: {first} … {last}"
                );
            }
        }
    }

    #[test]
    fn pass_chime_rises_from_880_to_1320_hz() {
        let samples = render(Cue::Pass, 48_000);
        assert_near(
            frequency_hz(window(&samples, 48_000, 0, 120), 48_000),
            880.0,
        );
        assert_near(
            frequency_hz(window(&samples, 48_000, 120, 240), 48_000),
            1320.0,
        );
    }

    #[test]
    fn alarm_alternates_660_and_440_hz_with_silent_gaps_between_beeps() {
        let rate = 44_100;
        let samples = render(Cue::Alarm, rate);
        assert_near(frequency_hz(window(&samples, rate, 0, 150), rate), 660.0);
        assert_near(frequency_hz(window(&samples, rate, 190, 340), rate), 440.0);
        assert_near(frequency_hz(window(&samples, rate, 380, 530), rate), 660.0);
        assert_eq!(peak(window(&samples, rate, 150, 190)), 0.0);
        assert_eq!(peak(window(&samples, rate, 340, 380)), 0.0);
    }

    #[test]
    fn alarm_is_louder_and_longer_than_the_pass_chime() {
        let (pass, alarm) = (render(Cue::Pass, 48_000), render(Cue::Alarm, 48_000));
        assert!(alarm.len() > pass.len());
        assert!(
            rms(&alarm) > 2.0 * rms(&pass),
            "alarm {} vs pass {}",
            rms(&alarm),
            rms(&pass)
        );
    }

    #[test]
    fn a_zero_sample_rate_renders_nothing_instead_of_panicking() {
        assert!(render(Cue::Pass, 0).is_empty());
        assert!(render(Cue::Alarm, 0).is_empty());
    }
}
