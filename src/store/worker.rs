//! The store thread: it owns the [`Store`] so the UI never waits on the disk.
//!
//! The UI `send`s requests (never blocks: a full queue answers `Busy` at once) and collects
//! replies with `try_replies` each frame; the `wake` callback asks the UI for a frame when a
//! reply is ready.

use std::path::PathBuf;
use std::sync::mpsc::{Receiver, SyncSender, TryRecvError, TrySendError, sync_channel};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;

use chrono::{DateTime, Utc};

use super::{
    Counters, LogFilter, LogRow, Operator, RepeatHit, RepeatKey, Role, Shift, Store, StoreError,
};
use crate::model::entry::{NewPersonEntry, NewVehicleEntry, Provenance};
use crate::model::{EntryId, PersonEntry, VehicleEntry};

/// Requests waiting for the thread; more than this and `send` answers `Busy`.
const QUEUE_LENGTH: usize = 64;
/// Replies waiting for the UI; the thread waits when the UI stops collecting.
const REPLY_QUEUE_LENGTH: usize = 256;

/// Something for the store thread to do; `request_id` comes back in the reply.
#[derive(Debug, Clone)]
pub enum StoreRequest {
    SavePerson {
        request_id: u64,
        entry: Box<NewPersonEntry>,
        prov: Provenance,
        at: DateTime<Utc>,
        fever_threshold: f32,
    },
    SaveVehicle {
        request_id: u64,
        entry: Box<NewVehicleEntry>,
        prov: Provenance,
        at: DateTime<Utc>,
    },
    SaveVehicleWithPassengers {
        request_id: u64,
        vehicle: Box<NewVehicleEntry>,
        passengers: Vec<NewPersonEntry>,
        prov: Provenance,
        at: DateTime<Utc>,
        fever_threshold: f32,
    },
    Void {
        request_id: u64,
        entry_id: EntryId,
        reason: String,
        operator: String,
        at: DateTime<Utc>,
    },
    Entries {
        request_id: u64,
        filter: LogFilter,
    },
    Counters {
        request_id: u64,
        since: DateTime<Utc>,
    },
    FindRepeat {
        request_id: u64,
        key: RepeatKey,
        since: DateTime<Utc>,
    },
    Person {
        request_id: u64,
        entry_id: EntryId,
    },
    Vehicle {
        request_id: u64,
        entry_id: EntryId,
    },
    SignIn {
        request_id: u64,
        name: String,
        role: Role,
        pin: Option<String>,
        at: DateTime<Utc>,
    },
    OpenShift {
        request_id: u64,
        leader: Operator,
        checkpoint_id: String,
        at: DateTime<Utc>,
    },
    CloseShift {
        request_id: u64,
        shift_id: i64,
        handover_note: String,
        at: DateTime<Utc>,
    },
    CurrentShift {
        request_id: u64,
        checkpoint_id: String,
    },
}

impl StoreRequest {
    pub fn request_id(&self) -> u64 {
        match self {
            Self::SavePerson { request_id, .. }
            | Self::SaveVehicle { request_id, .. }
            | Self::SaveVehicleWithPassengers { request_id, .. }
            | Self::Void { request_id, .. }
            | Self::Entries { request_id, .. }
            | Self::Counters { request_id, .. }
            | Self::FindRepeat { request_id, .. }
            | Self::Person { request_id, .. }
            | Self::Vehicle { request_id, .. }
            | Self::SignIn { request_id, .. }
            | Self::OpenShift { request_id, .. }
            | Self::CloseShift { request_id, .. }
            | Self::CurrentShift { request_id, .. } => *request_id,
        }
    }
}

/// What a request produced.
#[derive(Debug, Clone, PartialEq)]
pub enum ReplyPayload {
    Person(Box<PersonEntry>),
    Vehicle(Box<VehicleEntry>),
    VehicleWithPassengers(Box<VehicleEntry>, Vec<PersonEntry>),
    Voided,
    Entries(Vec<LogRow>),
    Counters(Counters),
    Repeat(Option<RepeatHit>),
    FoundPerson(Option<Box<PersonEntry>>),
    FoundVehicle(Option<Box<VehicleEntry>>),
    Operator(Operator),
    Shift(Shift),
    CurrentShift(Option<Shift>),
}

#[derive(Debug, Clone, PartialEq)]
pub struct StoreReply {
    pub request_id: u64,
    pub result: Result<ReplyPayload, StoreError>,
}

/// Handle held by the UI. Dropping it stops the thread after the queued work is done.
pub struct StoreWorker {
    requests: Option<SyncSender<StoreRequest>>,
    replies: Receiver<StoreReply>,
    /// Replies made on the UI side (queue full, thread gone), handed out with the others.
    local_replies: Mutex<Vec<StoreReply>>,
    wake: Arc<dyn Fn() + Send + Sync>,
    thread: Option<JoinHandle<()>>,
}

impl StoreWorker {
    /// Starts the thread and opens the database on it; an open error is returned here.
    pub fn spawn(
        path: PathBuf,
        wake: Arc<dyn Fn() + Send + Sync>,
    ) -> Result<StoreWorker, StoreError> {
        let (request_sender, request_receiver) = sync_channel::<StoreRequest>(QUEUE_LENGTH);
        let (reply_sender, reply_receiver) = sync_channel::<StoreReply>(REPLY_QUEUE_LENGTH);
        let (opened_sender, opened_receiver) = sync_channel::<Result<(), StoreError>>(1);
        let thread_wake = Arc::clone(&wake);
        let thread = std::thread::Builder::new()
            .name("store".to_owned())
            .spawn(move || match Store::open(&path) {
                Ok(mut store) => {
                    let _ = opened_sender.send(Ok(()));
                    serve(
                        &mut store,
                        &request_receiver,
                        &reply_sender,
                        thread_wake.as_ref(),
                    );
                }
                Err(error) => {
                    let _ = opened_sender.send(Err(error));
                }
            })
            .map_err(|error| StoreError::CannotOpen {
                path: "store thread".to_owned(),
                detail: error.to_string(),
            })?;
        opened_receiver
            .recv()
            .map_err(|_| StoreError::WorkerGone)??;
        Ok(StoreWorker {
            requests: Some(request_sender),
            replies: reply_receiver,
            local_replies: Mutex::new(Vec::new()),
            wake,
            thread: Some(thread),
        })
    }

    /// Queues a request. Never blocks: if the queue is full the reply is a `Busy` error.
    pub fn send(&self, request: StoreRequest) {
        let request_id = request.request_id();
        let refused = match &self.requests {
            None => StoreError::WorkerGone,
            Some(sender) => match sender.try_send(request) {
                Ok(()) => return,
                Err(TrySendError::Full(_)) => StoreError::Busy,
                Err(TrySendError::Disconnected(_)) => StoreError::WorkerGone,
            },
        };
        if let Ok(mut local) = self.local_replies.lock() {
            local.push(StoreReply {
                request_id,
                result: Err(refused),
            });
        }
        (self.wake)();
    }

    /// Every reply ready now, in order. Never blocks.
    pub fn try_replies(&self) -> Vec<StoreReply> {
        let mut ready = self
            .local_replies
            .lock()
            .map(|mut local| std::mem::take(&mut *local))
            .unwrap_or_default();
        loop {
            match self.replies.try_recv() {
                Ok(reply) => ready.push(reply),
                Err(TryRecvError::Empty | TryRecvError::Disconnected) => return ready,
            }
        }
    }
}

impl Drop for StoreWorker {
    fn drop(&mut self) {
        // Closing the queue ends `serve` after the work already queued; wait so every save is
        // committed before the app exits. Replies are drained so the thread cannot block on them.
        self.requests = None;
        if let Some(thread) = self.thread.take() {
            while !thread.is_finished() {
                while self.replies.try_recv().is_ok() {}
                std::thread::sleep(std::time::Duration::from_millis(2));
            }
            let _ = thread.join();
        }
    }
}

fn serve(
    store: &mut Store,
    requests: &Receiver<StoreRequest>,
    replies: &SyncSender<StoreReply>,
    wake: &(dyn Fn() + Send + Sync),
) {
    while let Ok(request) = requests.recv() {
        let reply = StoreReply {
            request_id: request.request_id(),
            result: handle(store, request),
        };
        if replies.send(reply).is_err() {
            return;
        }
        wake();
    }
}

fn handle(store: &mut Store, request: StoreRequest) -> Result<ReplyPayload, StoreError> {
    Ok(match request {
        StoreRequest::SavePerson {
            entry,
            prov,
            at,
            fever_threshold,
            ..
        } => ReplyPayload::Person(Box::new(store.save_person(
            &entry,
            &prov,
            at,
            fever_threshold,
        )?)),
        StoreRequest::SaveVehicle {
            entry, prov, at, ..
        } => ReplyPayload::Vehicle(Box::new(store.save_vehicle(&entry, &prov, at)?)),
        StoreRequest::SaveVehicleWithPassengers {
            vehicle,
            passengers,
            prov,
            at,
            fever_threshold,
            ..
        } => {
            let (vehicle, people) = store.save_vehicle_with_passengers(
                &vehicle,
                &passengers,
                &prov,
                at,
                fever_threshold,
            )?;
            ReplyPayload::VehicleWithPassengers(Box::new(vehicle), people)
        }
        StoreRequest::Void {
            entry_id,
            reason,
            operator,
            at,
            ..
        } => {
            store.void_entry(entry_id, &reason, &operator, at)?;
            ReplyPayload::Voided
        }
        StoreRequest::Entries { filter, .. } => ReplyPayload::Entries(store.entries(&filter)?),
        StoreRequest::Counters { since, .. } => ReplyPayload::Counters(store.counters(since)?),
        StoreRequest::FindRepeat { key, since, .. } => {
            ReplyPayload::Repeat(store.find_repeat(&key, since)?)
        }
        StoreRequest::Person { entry_id, .. } => {
            ReplyPayload::FoundPerson(store.person(entry_id)?.map(Box::new))
        }
        StoreRequest::Vehicle { entry_id, .. } => {
            ReplyPayload::FoundVehicle(store.vehicle(entry_id)?.map(Box::new))
        }
        StoreRequest::SignIn {
            name,
            role,
            pin,
            at,
            ..
        } => ReplyPayload::Operator(store.sign_in(&name, role, pin.as_deref(), at)?),
        StoreRequest::OpenShift {
            leader,
            checkpoint_id,
            at,
            ..
        } => ReplyPayload::Shift(store.open_shift(&leader, &checkpoint_id, at)?),
        StoreRequest::CloseShift {
            shift_id,
            handover_note,
            at,
            ..
        } => ReplyPayload::Shift(store.close_shift(shift_id, &handover_note, at)?),
        StoreRequest::CurrentShift { checkpoint_id, .. } => {
            ReplyPayload::CurrentShift(store.current_shift(&checkpoint_id)?)
        }
    })
}
