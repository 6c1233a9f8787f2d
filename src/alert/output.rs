//! The sound card side, through cpal: open the default output device, keep its stream running on
//! the audio thread, and report what happened as an [`AudioStatus`]. Every failure becomes a
//! reason the settings screen can show; nothing here panics or returns an error to the caller.

use std::sync::mpsc::{Receiver, SyncSender, sync_channel};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;

use cpal::traits::{DeviceTrait, HostTrait, StreamTrait};
use cpal::{ErrorKind, FromSample, SampleFormat, SizedSample, StreamConfig};

use super::playback::{Clip, ClipPlayer, CueClips, forward_cues};
use super::{AudioStatus, Cue};

/// Clips waiting for the device callback; more would only delay the newest cue.
const CLIP_QUEUE: usize = 2;
/// How long the backend may take to set up the stream before we give up on it.
const OPEN_TIMEOUT: Duration = Duration::from_secs(2);
/// Appended to every reason: what the volunteer can do about it.
const ADVICE: &str =
    "Connect speakers or headphones, check the system volume settings, then restart the kiosk.";

/// Written by the audio thread (and the stream's error callback), read by the UI.
pub(super) type SharedStatus = Arc<Mutex<AudioStatus>>;

pub(super) fn set_status(status: &SharedStatus, new_status: AudioStatus) {
    *status.lock().unwrap_or_else(PoisonError::into_inner) = new_status;
}

/// The body of the audio thread: opens the device, reports through `status` and `opened`, then
/// plays cues until the player is dropped. Without a device it returns at once, which drops
/// `cues` so that later `play` calls fail fast and do nothing.
pub(super) fn run_audio_thread(cues: Receiver<Cue>, status: SharedStatus, opened: SyncSender<()>) {
    match open_default_output(&status).and_then(|output| start_playing(output, &status)) {
        Ok(output) => {
            // The receiver may have stopped waiting (start timed out); the status still tells.
            let _ = opened.try_send(());
            forward_cues(&cues, &output.clips, &output.to_callback);
            // `output.stream` drops here, which closes the device.
        }
        Err(reason) => {
            let reason = with_advice(&reason);
            set_status(&status, AudioStatus::Silent { reason });
            let _ = opened.try_send(());
        }
    }
}

/// Reports Ready before the stream starts, so that an error reported by the running stream
/// (which sets Silent) can never be overwritten by this Ready.
fn start_playing(output: OpenOutput, status: &SharedStatus) -> Result<OpenOutput, String> {
    let device = output.device_name.clone();
    set_status(status, AudioStatus::Ready { device });
    output.stream.play().map_err(|error| {
        format!(
            "Audio output \"{}\" did not start: {error}",
            output.device_name
        )
    })?;
    Ok(output)
}

/// An open stream and what the thread needs to feed it. The stream must stay alive (and on
/// this thread: it is not `Send` on every platform) for as long as cues may arrive.
struct OpenOutput {
    stream: cpal::Stream,
    device_name: String,
    clips: CueClips,
    to_callback: SyncSender<Clip>,
}

fn open_default_output(status: &SharedStatus) -> Result<OpenOutput, String> {
    let host = first_usable_host()?;
    let device = host.default_output_device().ok_or_else(|| {
        format!(
            "No audio output device found ({} audio system)",
            host.id().name()
        )
    })?;
    let device_name = device.description().map_or_else(
        |_| "default output".to_owned(),
        |description| description.name().to_owned(),
    );
    let supported = device
        .default_output_config()
        .map_err(|error| format!("Audio output \"{device_name}\" cannot be opened: {error}"))?;
    let config = supported.config();
    let (to_callback, queued) = sync_channel(CLIP_QUEUE);
    let player = ClipPlayer::new(queued);
    let stream = match supported.sample_format() {
        SampleFormat::F32 => build_stream::<f32>(&device, &config, player, status),
        SampleFormat::F64 => build_stream::<f64>(&device, &config, player, status),
        SampleFormat::I16 => build_stream::<i16>(&device, &config, player, status),
        SampleFormat::I32 => build_stream::<i32>(&device, &config, player, status),
        SampleFormat::I8 => build_stream::<i8>(&device, &config, player, status),
        SampleFormat::U16 => build_stream::<u16>(&device, &config, player, status),
        SampleFormat::U8 => build_stream::<u8>(&device, &config, player, status),
        other => {
            return Err(format!(
                "Audio output \"{device_name}\" only takes {other} samples, which the kiosk cannot produce"
            ));
        }
    }
    .map_err(|error| format!("Audio output \"{device_name}\" refused a stream: {error}"))?;
    Ok(OpenOutput {
        stream,
        device_name,
        clips: CueClips::render_at(config.sample_rate),
        to_callback,
    })
}

/// The platform's audio systems in cpal's order of preference. Unlike `cpal::default_host`,
/// which panics when ALSA cannot load its configuration, this reports the failure.
fn first_usable_host() -> Result<cpal::Host, String> {
    let mut last_error = None;
    for host_id in cpal::available_hosts() {
        match cpal::host_from_id(host_id) {
            Ok(host) => return Ok(host),
            Err(error) => last_error = Some(format!("{}: {error}", host_id.name())),
        }
    }
    Err(match last_error {
        Some(error) => format!("No audio system could be opened ({error})"),
        None => "This build has no audio system for this platform".to_owned(),
    })
}

fn build_stream<T>(
    device: &cpal::Device,
    config: &StreamConfig,
    mut player: ClipPlayer,
    status: &SharedStatus,
) -> Result<cpal::Stream, cpal::Error>
where
    T: SizedSample + FromSample<f32>,
{
    let channels = usize::from(config.channels);
    let status = Arc::clone(status);
    device.build_output_stream::<T, _, _>(
        *config,
        move |buffer: &mut [T], _| player.fill(buffer, channels),
        move |error| {
            if stream_is_lost(error.kind()) {
                let reason = with_advice(&format!("Audio output stopped: {error}"));
                set_status(&status, AudioStatus::Silent { reason });
            }
        },
        Some(OPEN_TIMEOUT),
    )
}

/// cpal's messages sometimes end in a full stop and sometimes not; ours always end in advice.
fn with_advice(reason: &str) -> String {
    format!("{}. {ADVICE}", reason.trim_end_matches('.'))
}

/// Underruns, reroutes and refused real-time priority are recovered by the backend; only a
/// vanished device or a dead stream silences the cues for good.
fn stream_is_lost(kind: ErrorKind) -> bool {
    matches!(
        kind,
        ErrorKind::DeviceNotAvailable | ErrorKind::StreamInvalidated
    )
}
