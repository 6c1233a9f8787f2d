//! The store thread: it owns the [`Store`] so the UI never waits on the disk.
//!
//! The UI `send`s requests (never blocks: a full queue answers `Busy` at once) and collects
//! replies with `try_replies` each frame; the `wake` callback asks the UI for a frame when a
//! reply is ready.

use std::path::PathBuf;
use std::sync::mpsc::{Receiver, SyncSender, TryRecvError, TrySendError, sync_channel};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;

use super::requests::handle;
use super::{Store, StoreError, StoreReply, StoreRequest};

/// Requests waiting for the thread; more than this and `send` answers `Busy`.
const QUEUE_LENGTH: usize = 64;
/// Replies waiting for the UI; the thread waits when the UI stops collecting.
const REPLY_QUEUE_LENGTH: usize = 256;

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
                    serve(&mut store, &request_receiver, &reply_sender, &thread_wake);
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
    wake: &Arc<dyn Fn() + Send + Sync>,
) {
    while let Ok(request) = requests.recv() {
        let request = match import_elsewhere(store, request, replies, wake) {
            Some(request) => request,
            None => continue,
        };
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

/// An import of a large file runs on its own thread with its own connection, committing in
/// chunks, so the volunteers' saves interleave with it instead of waiting behind the whole
/// file. Returns the request when it is not such an import (or the database is in memory).
fn import_elsewhere(
    store: &Store,
    request: StoreRequest,
    replies: &SyncSender<StoreReply>,
    wake: &Arc<dyn Fn() + Send + Sync>,
) -> Option<StoreRequest> {
    let StoreRequest::Import {
        request_id,
        path,
        our_key_id,
    } = request
    else {
        return Some(request);
    };
    if store.path() == ":memory:" {
        return Some(StoreRequest::Import {
            request_id,
            path,
            our_key_id,
        });
    }
    let database = PathBuf::from(store.path());
    let thread_replies = replies.clone();
    let wake = Arc::clone(wake);
    let spawned = std::thread::Builder::new()
        .name("import".to_owned())
        .spawn(move || {
            let result = Store::open(&database).and_then(|mut own| {
                crate::report::import_file(&mut own, &path, &our_key_id)
                    .map(|summary| super::ReplyPayload::Imported(Box::new(summary)))
                    .map_err(super::requests::store_error)
            });
            let _ = thread_replies.send(StoreReply { request_id, result });
            wake();
        });
    if let Err(error) = spawned {
        let _ = replies.send(StoreReply {
            request_id,
            result: Err(StoreError::CannotOpen {
                path: "import thread".to_owned(),
                detail: error.to_string(),
            }),
        });
    }
    None
}
