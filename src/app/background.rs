//! Work that touches the disk (key files, the pass register, trust lists), run on a named thread
//! so a frame never waits for it. The window takes the result when it is ready; the thread wakes
//! the window so that happens at once.

use std::sync::{Arc, Mutex, PoisonError};

pub struct Background<T> {
    slot: Arc<Mutex<Option<T>>>,
    running: bool,
}

impl<T> Default for Background<T> {
    fn default() -> Self {
        Self {
            slot: Arc::new(Mutex::new(None)),
            running: false,
        }
    }
}

impl<T: Send + 'static> Background<T> {
    /// Runs `work` on a thread called `name`; `wake` repaints the window when it is done.
    pub fn start(
        &mut self,
        name: &str,
        wake: Arc<dyn Fn() + Send + Sync>,
        work: impl FnOnce() -> T + Send + 'static,
    ) -> std::io::Result<()> {
        let slot = self.slot.clone();
        std::thread::Builder::new()
            .name(name.to_owned())
            .spawn(move || {
                let result = work();
                *slot.lock().unwrap_or_else(PoisonError::into_inner) = Some(result);
                wake();
            })?;
        self.running = true;
        Ok(())
    }

    /// True from `start` until the result has been taken.
    pub fn is_running(&self) -> bool {
        self.running
    }

    /// The result, once, when it is ready.
    pub fn take(&mut self) -> Option<T> {
        let result = self
            .slot
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .take();
        if result.is_some() {
            self.running = false;
        }
        result
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::{Duration, Instant};

    #[test]
    fn the_result_arrives_once_and_the_window_is_woken() {
        let woken = Arc::new(Mutex::new(0));
        let counter = woken.clone();
        let wake: Arc<dyn Fn() + Send + Sync> = Arc::new(move || {
            *counter.lock().unwrap_or_else(PoisonError::into_inner) += 1;
        });
        let mut job = Background::default();
        job.start("test-job", wake, || 6 * 7).expect("thread");
        assert!(job.is_running());
        let deadline = Instant::now() + Duration::from_secs(10);
        let result = loop {
            if let Some(result) = job.take() {
                break result;
            }
            assert!(Instant::now() < deadline, "no result");
            std::thread::sleep(Duration::from_millis(2));
        };
        assert_eq!(result, 42);
        assert!(!job.is_running());
        assert_eq!(job.take(), None);
        assert_eq!(*woken.lock().unwrap_or_else(PoisonError::into_inner), 1);
    }
}
