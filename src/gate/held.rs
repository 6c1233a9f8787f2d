//! F2 (no phone) and F3 (vehicle) saves wait for their repeat look-up here, so that a person or
//! car seen a minute ago is saved marked as a repeat, never as new.

use super::Gate;
use crate::model::{NewPersonEntry, NewVehicleEntry};

/// A no-phone person or a vehicle, checked and waiting for its repeat look-up (ID number or
/// plate seen within the repeat window); then saved with the repeat marked.
#[derive(Debug, Clone, PartialEq)]
pub enum HeldSave {
    Person {
        entry: Box<NewPersonEntry>,
        /// 保存并登记同行人: the form stays open for the companion after the save.
        add_companion: bool,
    },
    Vehicle {
        entry: Box<NewVehicleEntry>,
        /// 保存并逐个扫乘车人: the passengers are registered after the save.
        board: bool,
    },
}

impl Gate {
    /// Holds a save while its look-up runs. One at a time: a second save pressed meanwhile (a
    /// double tap, a scanner's Enter) is refused, so nobody is saved twice.
    pub fn hold(&mut self, held: HeldSave) -> bool {
        if self.held.is_some() {
            return false;
        }
        self.held = Some(held);
        true
    }

    /// A save is waiting for its look-up: the form says "saving…" and takes no second save.
    pub fn holds_save(&self) -> bool {
        self.held.is_some()
    }

    /// The look-up answered (or failed): the held save goes to the store, once.
    pub fn release_held(&mut self) -> Option<HeldSave> {
        self.held.take()
    }
}
