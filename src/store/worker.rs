//! The store thread: it owns the [`Store`] so the UI never waits on the disk.
//!
//! The app `send`s jobs (never blocks: a full queue refuses at once, with `Busy`) and collects
//! replies with `try_replies` each frame; the `wake` callback asks the UI for a frame when a
//! reply is ready. What a job does and what its reply is are the client's ([`StoreJob`]): this
//! thread only owns the connection, so the store knows nothing of reports or screens.

use std::path::PathBuf;
use std::sync::mpsc::{Receiver, SyncSender, TryRecvError, TrySendError, sync_channel};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;

use super::{Store, StoreError};
use crate::config::Passphrase;

/// Jobs waiting for the thread; more than this and `send` refuses with `Busy`.
const QUEUE_LENGTH: usize = 64;
/// Replies waiting for the UI; the thread waits when the UI stops collecting.
const REPLY_QUEUE_LENGTH: usize = 256;

/// One piece of work for the store thread, carrying its own reply: a job answers with an `R`
/// whether it ran or was refused, so no request is left without an answer.
pub trait StoreJob<R>: Send {
    /// Carries the job out on the store thread. `None` when the reply comes later through
    /// `later` (work handed to a thread of its own, such as a long import).
    fn run(self: Box<Self>, store: &mut Store, later: &LaterReply<R>) -> Option<R>;

    /// The reply when the job never reached the thread (queue full, thread gone).
    fn refused(self: Box<Self>, error: StoreError) -> R;
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

/// A job as it travels to the store thread.
pub type BoxedJob<R> = Box<dyn StoreJob<R>>;

/// Handle held by the app. Dropping it stops the thread after the queued work is done.
pub struct StoreWorker<R: Send + 'static> {
    jobs: Option<SyncSender<BoxedJob<R>>>,
    replies: Receiver<R>,
    /// Replies made on the app's side (queue full, thread gone), handed out with the others.
    local_replies: Mutex<Vec<R>>,
    wake: Arc<dyn Fn() + Send + Sync>,
    thread: Option<JoinHandle<()>>,
}

impl<R: Send + 'static> StoreWorker<R> {
    /// Starts the thread and opens the database on it; an open error is returned here.
    pub fn spawn(
        path: PathBuf,
        passphrase: Option<Passphrase>,
        wake: Arc<dyn Fn() + Send + Sync>,
    ) -> Result<Self, StoreError> {
        let (job_sender, job_receiver) = sync_channel::<BoxedJob<R>>(QUEUE_LENGTH);
        let (reply_sender, reply_receiver) = sync_channel::<R>(REPLY_QUEUE_LENGTH);
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
                        serve(&mut store, &job_receiver, &later);
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
            jobs: Some(job_sender),
            replies: reply_receiver,
            local_replies: Mutex::new(Vec::new()),
            wake,
            thread: Some(thread),
        })
    }

    /// Queues a job. Never blocks: if the queue is full the job is refused with `Busy`, and its
    /// reply comes with the next `try_replies`.
    pub fn send(&self, job: BoxedJob<R>) {
        let (job, refused) = match &self.jobs {
            None => (job, StoreError::WorkerGone),
            Some(sender) => match sender.try_send(job) {
                Ok(()) => return,
                Err(TrySendError::Full(job)) => (job, StoreError::Busy),
                Err(TrySendError::Disconnected(job)) => (job, StoreError::WorkerGone),
            },
        };
        if let Ok(mut local) = self.local_replies.lock() {
            local.push(job.refused(refused));
        }
        (self.wake)();
    }

    /// Every reply ready now, in order. Never blocks.
    pub fn try_replies(&self) -> Vec<R> {
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

impl<R: Send + 'static> Drop for StoreWorker<R> {
    fn drop(&mut self) {
        // Closing the queue ends `serve` after the work already queued; wait so every save is
        // committed before the app exits. Replies are drained so the thread cannot block on them.
        self.jobs = None;
        if let Some(thread) = self.thread.take() {
            while !thread.is_finished() {
                while self.replies.try_recv().is_ok() {}
                std::thread::sleep(std::time::Duration::from_millis(2));
            }
            let _ = thread.join();
        }
    }
}

fn serve<R>(store: &mut Store, jobs: &Receiver<BoxedJob<R>>, later: &LaterReply<R>) {
    while let Ok(job) = jobs.recv() {
        if let Some(reply) = job.run(store, later) {
            if later.sender.send(reply).is_err() {
                return;
            }
            (later.wake)();
        }
    }
}
