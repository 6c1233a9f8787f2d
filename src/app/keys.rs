//! Keys at the gate, routed before anything is drawn: a hardware scanner's burst becomes a scan
//! whatever has focus (and never reaches a text field), and digits, `.`, Backspace and Enter go
//! to the current person's temperature on the Scan and no-phone screens unless the volunteer is
//! typing in a text field. Everything else goes to egui untouched.

use egui::{Event, Key, Modifiers};

use super::state::KioskApp;
use crate::gate::{Key as GateKey, KeyUse, edit_temperature};
use crate::scan::wedge::{WedgeKey, WedgeOutput};
use crate::ui::command::{Command, Screen};

/// Takes this frame's keys out of egui's input, runs them through the scanner detector and
/// routes what a person typed. Called once per frame before the screens are drawn.
pub fn route_keys(ctx: &egui::Context, app: &mut KioskApp) {
    let (now, since_last_frame) = ctx.input(|input| (input.time, f64::from(input.unstable_dt)));
    let keys = ctx.input_mut(|input| take_wedge_keys(&mut input.events));
    let outputs = app
        .devices
        .wedge
        .push_batch(&keys, now - since_last_frame, now);
    if app.devices.wedge.is_holding() {
        // Held keys are released when the pause shows a person typed them: look again soon.
        ctx.request_repaint();
    }
    let typing_in_field = ctx.text_edit_focused();
    let mut give_back = Vec::new();
    for output in outputs {
        match output {
            WedgeOutput::Scan(payload) => app.handle_keyboard_scan(&payload),
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

/// The gate's name for a key a person typed.
fn gate_key(key: WedgeKey) -> GateKey {
    match key {
        WedgeKey::Char(c) => GateKey::Char(c),
        WedgeKey::Enter => GateKey::Enter,
        WedgeKey::Backspace => GateKey::Backspace,
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
                    self.frame.commands.push(Command::SaveRegistration {
                        add_companion: false,
                    });
                    return None;
                }
                if typing_in_field {
                    return Some(as_event(key));
                }
                edit_temperature(&mut self.register.form.temperature_text, gate_key(key));
                None
            }
            _ => Some(as_event(key)),
        }
    }

    /// A key on the Scan screen is the gate's: a temperature digit, a save, an
    /// acknowledgement, or kept for the next person while a save is on its way.
    fn type_on_scan(&mut self, key: WedgeKey, typing_in_field: bool) -> Option<Event> {
        let confirm_pending = self.frame.commands.contains(&Command::ConfirmPerson);
        match self
            .gate
            .key(gate_key(key), typing_in_field, confirm_pending)
        {
            KeyUse::Taken => None,
            KeyUse::GiveBack => Some(as_event(key)),
            KeyUse::Confirm => {
                self.frame.commands.push(Command::ConfirmPerson);
                None
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
