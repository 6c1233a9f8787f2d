//! The store thread: it owns the [`Store`] so the UI never waits on the disk.
//!
//! The app `send`s requests (never blocks: a full queue answers `Busy` at once) and collects
//! replies with `try_replies` each frame; the `wake` callback asks the UI for a frame when a
//! reply is ready. What the requests are and how each is carried out is the app's
//! ([`StoreService`]): this thread only owns the connection, so the store knows nothing of
//! reports or screens.

use std::path::PathBuf;
use std::sync::mpsc::{Receiver, SyncSender, TryRecvError, TrySendError, sync_channel};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;

use super::{Store, StoreError};
use crate::config::Passphrase;

/// Requests waiting for the thread; more than this and `send` answers `Busy`.
const QUEUE_LENGTH: usize = 64;
/// Replies waiting for the UI; the thread waits when the UI stops collecting.
const REPLY_QUEUE_LENGTH: usize = 256;

/// One kind of client's requests and replies, and how the store thread carries them out.
pub trait StoreService: 'static {
    type Request: Send + 'static;
    type Reply: Send + 'static;

    /// The reply to a request that never reached the thread (queue full, thread gone).
    fn refused(request: Self::Request, error: StoreError) -> Self::Reply;

    /// Carries a request out on the store thread. `None` when the reply comes later through
    /// `later` (work handed to a thread of its own, such as a long import).
    fn handle(
        store: &mut Store,
        request: Self::Request,
        later: &LaterReply<Self::Reply>,
    ) -> Option<Self::Reply>;
}

/// Sends a reply from another thread, and wakes the UI for it.
pub struct LaterReply<R> {
    sender: SyncSender<R>,
    wake: Arc<dyn Fn() + Send + Sync>,
}

impl<R> Clone for LaterReply<R> {
    fn clone(&self) -> Self {
        Self {
            sender: self.sender.clone(),
            wake: Arc::clone(&self.wake),
        }
    }
}

impl<R> LaterReply<R> {
    /// Hands the reply over; false when the app is gone.
    pub fn send(&self, reply: R) -> bool {
        let sent = self.sender.send(reply).is_ok();
        (self.wake)();
        sent
    }
}

/// Handle held by the app. Dropping it stops the thread after the queued work is done.
pub struct StoreWorker<S: StoreService> {
    requests: Option<SyncSender<S::Request>>,
    replies: Receiver<S::Reply>,
    /// Replies made on the app's side (queue full, thread gone), handed out with the others.
    local_replies: Mutex<Vec<S::Reply>>,
    wake: Arc<dyn Fn() + Send + Sync>,
    thread: Option<JoinHandle<()>>,
}

impl<S: StoreService> StoreWorker<S> {
    /// Starts the thread and opens the database on it; an open error is returned here.
    pub fn spawn(
        path: PathBuf,
        passphrase: Option<Passphrase>,
        wake: Arc<dyn Fn() + Send + Sync>,
    ) -> Result<Self, StoreError> {
        let (request_sender, request_receiver) = sync_channel::<S::Request>(QUEUE_LENGTH);
        let (reply_sender, reply_receiver) = sync_channel::<S::Reply>(REPLY_QUEUE_LENGTH);
        let (opened_sender, opened_receiver) = sync_channel::<Result<(), StoreError>>(1);
        let later = LaterReply {
            sender: reply_sender,
            wake: Arc::clone(&wake),
        };
        let thread = std::thread::Builder::new()
            .name("store".to_owned())
            .spawn(
                move || match Store::open_keyed(&path, passphrase.as_ref()) {
                    Ok(mut store) => {
                        let _ = opened_sender.send(Ok(()));
                        serve::<S>(&mut store, &request_receiver, &later);
                    }
                    Err(error) => {
                        let _ = opened_sender.send(Err(error));
                    }
                },
            )
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
    pub fn send(&self, request: S::Request) {
        let (request, refused) = match &self.requests {
            None => (request, StoreError::WorkerGone),
            Some(sender) => match sender.try_send(request) {
                Ok(()) => return,
                Err(TrySendError::Full(request)) => (request, StoreError::Busy),
                Err(TrySendError::Disconnected(request)) => (request, StoreError::WorkerGone),
            },
        };
        if let Ok(mut local) = self.local_replies.lock() {
            local.push(S::refused(request, refused));
        }
        (self.wake)();
    }

    /// Every reply ready now, in order. Never blocks.
    pub fn try_replies(&self) -> Vec<S::Reply> {
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

impl<S: StoreService> Drop for StoreWorker<S> {
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

fn serve<S: StoreService>(
    store: &mut Store,
    requests: &Receiver<S::Request>,
    later: &LaterReply<S::Reply>,
) {
    while let Ok(request) = requests.recv() {
        if let Some(reply) = S::handle(store, request, later) {
            if later.sender.send(reply).is_err() {
                return;
            }
            (later.wake)();
        }
    }
}
