//! Keys at the gate, routed before anything is drawn: a hardware scanner's burst becomes a scan
//! whatever has focus (and never reaches a text field), and digits, `.`, Backspace and Enter go
//! to the current person's temperature on the Scan and no-phone screens unless the volunteer is
//! typing in a text field. Everything else goes to egui untouched.

use egui::{Event, Key, Modifiers};

use super::state::{GateStatus, KioskApp};
use crate::scan::wedge::{WedgeKey, WedgeOutput};
use crate::ui::command::{Command, Screen};

/// Keys typed for the next person while the current one is being saved are kept, this many at
/// most, and replayed into the next person's form.
const TYPE_AHEAD_LIMIT: usize = 16;
/// A temperature is at most "42.5" or "365" (shorthand): more characters are a slip.
const TEMPERATURE_MAX_CHARS: usize = 5;

/// Takes this frame's keys out of egui's input, runs them through the scanner detector and
/// routes what a person typed. Called once per frame before the screens are drawn.
pub fn route_keys(ctx: &egui::Context, app: &mut KioskApp) {
    let (now, since_last_frame) = ctx.input(|input| (input.time, f64::from(input.unstable_dt)));
    let keys = ctx.input_mut(|input| take_wedge_keys(&mut input.events));
    let outputs = app.wedge.push_batch(&keys, now - since_last_frame, now);
    if app.wedge.is_holding() {
        // Held keys are released when the pause shows a person typed them: look again soon.
        ctx.request_repaint();
    }
    let typing_in_field = ctx.text_edit_focused();
    let mut give_back = Vec::new();
    for output in outputs {
        match output {
            WedgeOutput::Scan(payload) => app.commands.push(Command::KeyboardScan(payload)),
            WedgeOutput::Typed(key) => {
                if let Some(event) = app.type_key(key, typing_in_field) {
                    give_back.push(event);
                }
            }
        }
    }
    if !give_back.is_empty() {
        ctx.input_mut(|input| input.events.extend(give_back));
    }
}

/// Removes the keys the detector watches (text, Enter, Backspace) from `events`, in order.
fn take_wedge_keys(events: &mut Vec<Event>) -> Vec<WedgeKey> {
    let mut keys = Vec::new();
    events.retain(|event| match event {
        Event::Text(text) => {
            keys.extend(text.chars().map(WedgeKey::Char));
            false
        }
        Event::Key {
            key: key @ (Key::Enter | Key::Backspace),
            pressed: true,
            modifiers,
            ..
        } if modifiers.is_none() || *modifiers == Modifiers::SHIFT => {
            keys.push(if *key == Key::Enter {
                WedgeKey::Enter
            } else {
                WedgeKey::Backspace
            });
            false
        }
        _ => true,
    });
    keys
}

/// The egui event that gives a typed key back to the focused widget.
fn as_event(key: WedgeKey) -> Event {
    let key_event = |key| Event::Key {
        key,
        physical_key: None,
        pressed: true,
        repeat: false,
        modifiers: Modifiers::NONE,
    };
    match key {
        WedgeKey::Char(c) => Event::Text(c.to_string()),
        WedgeKey::Enter => key_event(Key::Enter),
        WedgeKey::Backspace => key_event(Key::Backspace),
    }
}

/// Applies a digit, `.` or Backspace to a temperature being typed; other characters are not
/// part of a temperature and are dropped.
pub fn edit_temperature(text: &mut String, key: WedgeKey) {
    match key {
        WedgeKey::Char(c @ ('0'..='9' | '.')) if text.chars().count() < TEMPERATURE_MAX_CHARS => {
            text.push(c);
        }
        WedgeKey::Backspace => {
            text.pop();
        }
        WedgeKey::Char(_) | WedgeKey::Enter => {}
    }
}

impl KioskApp {
    /// A key a person typed: to the temperature, to the save, or back to egui (returned).
    fn type_key(&mut self, key: WedgeKey, typing_in_field: bool) -> Option<Event> {
        if self.kiosk.unlock.is_some() {
            // The kiosk lock's PIN prompt covers every screen: what is typed is its name and PIN.
            return Some(as_event(key));
        }
        match self.screen {
            Screen::Scan => self.type_on_scan(key, typing_in_field),
            Screen::Register => {
                if key == WedgeKey::Enter {
                    self.commands.push(Command::SaveRegistration {
                        add_companion: false,
                    });
                    return None;
                }
                if typing_in_field {
                    return Some(as_event(key));
                }
                edit_temperature(&mut self.register.form.temperature_text, key);
                None
            }
            _ => Some(as_event(key)),
        }
    }

    fn type_on_scan(&mut self, key: WedgeKey, typing_in_field: bool) -> Option<Event> {
        // Keys already waiting keep their turn: later keys queue behind them.
        let waiting =
            !self.type_ahead.is_empty() && self.commands.contains(&Command::ConfirmPerson);
        if self.status == GateStatus::Saving || self.confirm_after_repeat || waiting {
            // The next person's keys, typed before the save's reply: kept for their form.
            if self.type_ahead.len() < TYPE_AHEAD_LIMIT {
                self.type_ahead.push(key);
            }
            return None;
        }
        let form = self.form.as_mut()?;
        if key == WedgeKey::Enter {
            self.commands.push(Command::ConfirmPerson);
            return None;
        }
        if typing_in_field {
            return Some(as_event(key));
        }
        edit_temperature(&mut form.temperature_text, key);
        None
    }

    /// Replays the keys typed while the previous person was being saved into the form just
    /// opened (its temperature, and Enter to save it).
    /// Stops at the first Enter: the keys after it are the next person's.
    pub(crate) fn replay_type_ahead(&mut self) {
        let mut keys = std::mem::take(&mut self.type_ahead).into_iter();
        for key in keys.by_ref() {
            if key == WedgeKey::Enter {
                self.commands.push(Command::ConfirmPerson);
                break;
            }
            if let Some(form) = &mut self.form {
                edit_temperature(&mut form.temperature_text, key);
            }
        }
        self.type_ahead = keys.collect();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_temperature_takes_digits_and_a_point_only_up_to_five_characters() {
        let mut text = String::new();
        for c in "3a6.55x9".chars() {
            edit_temperature(&mut text, WedgeKey::Char(c));
        }
        assert_eq!(text, "36.55");
        edit_temperature(&mut text, WedgeKey::Backspace);
        assert_eq!(text, "36.5");
    }

    #[test]
    fn enter_and_backspace_and_text_are_taken_and_other_events_stay() {
        let mut events = vec![
            Event::Text("5".into()),
            Event::Key {
                key: Key::Enter,
                physical_key: None,
                pressed: true,
                repeat: false,
                modifiers: Modifiers::NONE,
            },
            Event::Key {
                key: Key::Escape,
                physical_key: None,
                pressed: true,
                repeat: false,
                modifiers: Modifiers::NONE,
            },
        ];
        let keys = take_wedge_keys(&mut events);
        assert_eq!(keys, vec![WedgeKey::Char('5'), WedgeKey::Enter]);
        assert_eq!(events.len(), 1, "Escape stays for egui");
    }
}
