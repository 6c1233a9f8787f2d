//! A few synchronous PostgreSQL connections as the reader role, used from tokio's blocking
//! threads. A semaphore bounds how many run at once (the server's connection budget); a broken
//! connection is dropped and the next request opens a new one.

use std::sync::{Arc, Mutex, PoisonError};

use postgres::Client;
use tokio::sync::Semaphore;

use super::OfficeError;
use crate::district::{self, DistrictError, ServerAddress};

pub struct Pool {
    address: ServerAddress,
    idle: Mutex<Vec<Client>>,
    permits: Semaphore,
}

impl Pool {
    pub fn new(address: ServerAddress, connections: usize) -> Pool {
        Pool {
            address,
            idle: Mutex::new(Vec::new()),
            permits: Semaphore::new(connections.max(1)),
        }
    }

    /// Runs `work` on a connection, on a blocking thread.
    pub async fn run<T, F>(self: &Arc<Self>, work: F) -> Result<T, OfficeError>
    where
        T: Send + 'static,
        F: FnOnce(&mut Client) -> Result<T, DistrictError> + Send + 'static,
    {
        let _permit = self
            .permits
            .acquire()
            .await
            .map_err(|error| OfficeError::Runtime(error.to_string()))?;
        let pool = Arc::clone(self);
        tokio::task::spawn_blocking(move || pool.with_client(work))
            .await
            .map_err(|error| OfficeError::Runtime(error.to_string()))?
    }

    fn with_client<T>(
        &self,
        work: impl FnOnce(&mut Client) -> Result<T, DistrictError>,
    ) -> Result<T, OfficeError> {
        let kept = self
            .idle
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .pop();
        let mut client = match kept {
            Some(client) if !client.is_closed() => client,
            _ => district::connect(&self.address)?,
        };
        let result = work(&mut client);
        if !client.is_closed() {
            self.idle
                .lock()
                .unwrap_or_else(PoisonError::into_inner)
                .push(client);
        }
        Ok(result?)
    }
}
