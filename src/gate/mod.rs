//! The gate: the person being checked and the people in line behind them, as one state machine.
//!
//! Every way a code comes in (camera frame, USB scanner burst, dropped picture, `--feed`) ends in
//! [`Gate::code_read`]; keys, the store's replies and the clock are events too. Each event
//! changes the state and returns the [`Effect`]s the app must carry out (look a repeat up, save,
//! play a sound, re-arm the scanner). No egui, no threads, no store in here: the rules are tested
//! without a window, and the banner is one function of the state ([`Gate::banner`]).
//!
//! The states are an enum ([`Person`]), so "saving with no form" or "checking a closed form"
//! cannot be written down; "saved" exists once, as the [`Outcome`] the banner keeps showing.

pub mod banner;
mod held;
pub mod pass_banner;
pub mod person;
pub mod register_form;
pub mod vehicle_form;
pub mod view;

use std::collections::VecDeque;

use chrono::{DateTime, Duration, Utc};

pub use banner::{banner, register_banner, vehicle_banner};
pub use held::HeldSave;
pub use person::{
    ConfirmBlock, PersonForm, ScannedCode, TRUSTED_COLOUR_CONFIDENCE, suggested_decision,
};
pub use view::{
    Banner, Checking, GateState, Headline, Reading, Saved, Tone, VehicleSaved, VehicleState,
    Verification,
};

use crate::model::records::ReuseConflict;
use crate::model::sound::Cue;
use crate::model::{
    Direction, EntryId, FeverThreshold, HealthColour, NewPersonEntry, PersonEntry, RepeatHit,
};
use crate::text::Said;

/// An outcome that stops someone stays on the banner at least this long, even when the next
/// code is read at once: the volunteer must have seen "fever, refer" before it changes.
pub const OUTCOME_HOLD: Duration = Duration::seconds(3);
/// Keys typed for the next person while the current one is being saved are kept, this many at
/// most, and replayed into the next person's form.
pub const TYPE_AHEAD_LIMIT: usize = 16;
/// A temperature is at most "42.5" or "365" (shorthand): more characters are a slip.
const TEMPERATURE_MAX_CHARS: usize = 5;

/// A key a person typed at the gate (the scanner's bursts never get here).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Key {
    Char(char),
    Enter,
    Backspace,
}

/// What became of a key.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KeyUse {
    /// The gate took it (a temperature digit, a save, an acknowledgement, kept for the next).
    Taken,
    /// Not the gate's: the focused text field gets it.
    GiveBack,
    /// Enter on an open form: save the person (the app runs [`Gate::confirm`]).
    Confirm,
}

/// What the app must do after an event, in order.
#[derive(Debug, Clone, PartialEq)]
pub enum Effect {
    /// Look the code up in the repeat window; answer with [`Gate::repeat_answered`] and `id`.
    /// `opened`: a person's form just opened (not a second look at one already open).
    LookUpRepeat {
        id: u64,
        code: crate::model::pii::KeyedHash,
        opened: bool,
    },
    /// Commit this person; answer with [`Gate::saved`].
    Save(Box<NewPersonEntry>),
    Play(Cue),
    /// The person is done: the scanner may read the same code again, the held picture goes.
    NextPerson,
    /// A new code joined the line behind the person being checked.
    Queued,
}

/// How a code read fits the gate, for the preview (hold the picture, or keep it for later).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Read {
    /// The code now being checked: just opened, or the camera seeing it again.
    Current,
    /// Newly in line behind the person being checked.
    Queued,
    /// Already waiting in line: the camera sees a held-up phone again.
    AlreadyWaiting,
}

/// The repeat look-up of the open form.
#[derive(Debug, Clone, PartialEq)]
pub enum Lookup {
    /// Asked with this number; answers with another number belong to a form since closed.
    Pending(u64),
    /// Seen within the window (or not), and a pass used at another gate a moment ago.
    Answered {
        hit: Option<RepeatHit>,
        reuse: Option<ReuseConflict>,
    },
    /// The store could not answer: the person is checked without it, and the form says so.
    Unavailable,
}

/// One person's check in progress.
#[derive(Debug, Clone, PartialEq)]
pub struct Check {
    pub form: PersonForm,
    pub lookup: Lookup,
    /// What the form still needs ("type the temperature", "re-measure"), or why no repeat
    /// look-up.
    pub message: Option<FormMessage>,
    /// Enter was pressed before the look-up answered: the save follows its answer.
    pub confirm_waiting: bool,
}

impl Check {
    pub fn repeat(&self) -> Option<&RepeatHit> {
        match &self.lookup {
            Lookup::Answered { hit, .. } => hit.as_ref(),
            _ => None,
        }
    }

    pub fn pass_reuse(&self) -> Option<&ReuseConflict> {
        match &self.lookup {
            Lookup::Answered { reuse, .. } => reuse.as_ref(),
            _ => None,
        }
    }
}

/// The person at the gate.
#[derive(Debug, Clone, PartialEq, Default)]
pub enum Person {
    /// Nobody: waiting for the next code.
    #[default]
    Idle,
    /// A code was read; the form is open.
    Checking(Box<Check>),
    /// The entry is on its way to disk: the screen does not say "saved" yet.
    Saving(Box<Check>),
    /// Could not save; the form is kept so nothing is lost.
    Failed { check: Box<Check>, message: Said },
}

/// What the form still needs, kept as what happened and worded at draw time (`text::gate`), so
/// that F9 changes a message already on screen too.
#[derive(Debug, Clone, PartialEq)]
pub enum FormMessage {
    Block(ConfirmBlock),
    /// The repeat look-up failed (the store's error in both languages).
    RepeatCheckUnavailable(Said),
}

impl FormMessage {
    pub fn text(&self, lang: crate::config::Language) -> String {
        match self {
            Self::Block(block) => block.text(lang),
            Self::RepeatCheckUnavailable(error) => {
                crate::text::gate::repeat_check_unavailable(error, lang)
            }
        }
    }
}

/// The last person saved, as the banner keeps showing them.
#[derive(Debug, Clone, PartialEq)]
pub struct Outcome {
    pub saved: Saved,
    /// When the banner started showing it.
    pub since: DateTime<Utc>,
    /// A key said the volunteer has seen it.
    pub acknowledged: bool,
}

impl Outcome {
    /// Someone was stopped (not a plain pass): the banner keeps it until it is acknowledged
    /// or the next code is read, and at least [`OUTCOME_HOLD`].
    pub fn stops_someone(&self) -> bool {
        banner(&GateState::Saved(self.saved.clone())).tone != Tone::Green
    }

    fn holds_at(&self, now: DateTime<Utc>) -> bool {
        self.stops_someone() && now < self.since + OUTCOME_HOLD
    }
}

/// A vehicle whose passengers are being registered one by one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Boarding {
    pub vehicle_id: EntryId,
    pub plate: String,
    /// Passengers saved so far.
    pub saved: u32,
    pub on_board: u32,
}

/// Where the person's check stands, for the status line and the tests.
#[derive(Debug, Clone, PartialEq, Default)]
pub enum GateStatus {
    #[default]
    Idle,
    Checking,
    Saving,
    Saved {
        label: String,
        at: DateTime<Utc>,
    },
    Failed {
        message: Said,
    },
}

/// The gate's settings that its rules read.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Rules {
    pub fever_threshold: FeverThreshold,
    /// The direction each person starts with (an exit gate's leader sets 出 in Settings); a
    /// volunteer's choice for one person does not carry over to the next.
    pub default_direction: Direction,
}

/// The person at the gate, the line behind them, and what the banner shows.
#[derive(Debug, Clone, PartialEq)]
pub struct Gate {
    person: Person,
    queue: VecDeque<ScannedCode>,
    type_ahead: Vec<Key>,
    outcome: Option<Outcome>,
    /// Something that went wrong with no person's form to keep (a picture that cannot be
    /// opened): said on the status line until the next code is read.
    notice: Option<Said>,
    boarding: Option<Boarding>,
    /// An F2 or F3 save waiting for its repeat look-up ([`HeldSave`]).
    held: Option<HeldSave>,
    /// In or out: the open or next person's; back to the rules' default after each person.
    direction: Direction,
    rules: Rules,
    next_id: u64,
}

impl Gate {
    pub fn new(rules: Rules) -> Self {
        Self {
            person: Person::Idle,
            queue: VecDeque::new(),
            type_ahead: Vec::new(),
            outcome: None,
            notice: None,
            boarding: None,
            held: None,
            direction: rules.default_direction,
            rules,
            next_id: 1,
        }
    }

    /// An entry was voided: if the banner still shows it as saved, it goes (a voided person
    /// leaves no "saved" line behind, issue 22).
    pub fn forget_voided(&mut self, entry_id: EntryId) {
        if self
            .outcome
            .as_ref()
            .is_some_and(|outcome| outcome.saved.entry_id == entry_id)
        {
            self.outcome = None;
        }
    }

    pub fn set_rules(&mut self, rules: Rules) {
        if rules.default_direction != self.rules.default_direction {
            self.direction = rules.default_direction;
        }
        self.rules = rules;
    }

    pub fn person(&self) -> &Person {
        &self.person
    }

    /// The open check (being filled in, saving, or failed and kept).
    pub fn check(&self) -> Option<&Check> {
        match &self.person {
            Person::Idle => None,
            Person::Checking(check) | Person::Saving(check) | Person::Failed { check, .. } => {
                Some(check)
            }
        }
    }

    pub fn form(&self) -> Option<&PersonForm> {
        self.check().map(|check| &check.form)
    }

    /// The open form, to be edited: only while it is being filled in (not while saving).
    pub fn form_mut(&mut self) -> Option<&mut PersonForm> {
        match &mut self.person {
            Person::Checking(check) | Person::Failed { check, .. } => Some(&mut check.form),
            Person::Idle | Person::Saving(_) => None,
        }
    }

    pub fn message(&self) -> Option<&FormMessage> {
        self.check().and_then(|check| check.message.as_ref())
    }

    pub fn repeat(&self) -> Option<&RepeatHit> {
        self.check().and_then(Check::repeat)
    }

    pub fn pass_reuse(&self) -> Option<&ReuseConflict> {
        self.check().and_then(Check::pass_reuse)
    }

    pub fn outcome(&self) -> Option<&Outcome> {
        self.outcome.as_ref()
    }

    pub fn direction(&self) -> Direction {
        self.direction
    }

    pub fn boarding(&self) -> Option<&Boarding> {
        self.boarding.as_ref()
    }

    /// The next code in line, if any.
    pub fn next_in_line(&self) -> Option<&ScannedCode> {
        self.queue.front()
    }

    /// How many codes wait behind the person being checked.
    pub fn in_line(&self) -> usize {
        self.queue.len()
    }

    pub fn status(&self) -> GateStatus {
        match (&self.person, &self.outcome) {
            (Person::Idle, _) if self.notice.is_some() => GateStatus::Failed {
                message: self.notice.clone().unwrap_or_default(),
            },
            (Person::Idle, None) => GateStatus::Idle,
            (Person::Idle, Some(outcome)) => GateStatus::Saved {
                label: outcome.saved.label.clone(),
                at: outcome.saved.at,
            },
            (Person::Checking(_), _) => GateStatus::Checking,
            (Person::Saving(_), _) => GateStatus::Saving,
            (Person::Failed { message, .. }, _) => GateStatus::Failed {
                message: message.clone(),
            },
        }
    }

    /// A person's check is open (being filled in, saving, or failed and kept).
    pub fn is_busy(&self) -> bool {
        !matches!(self.person, Person::Idle)
    }

    /// The banner's state: the person being checked, the outcome still shown, or nobody.
    pub fn state(&self, now: DateTime<Utc>) -> GateState {
        if let Some(check) = self.check() {
            return GateState::Checking(self.checking(check));
        }
        match &self.outcome {
            Some(outcome) if !outcome.acknowledged || outcome.holds_at(now) => {
                GateState::Saved(outcome.saved.clone())
            }
            _ => GateState::Waiting,
        }
    }

    /// What the banner says now: the one rule ([`banner`]) applied to the gate's state.
    pub fn banner(&self, now: DateTime<Utc>) -> Banner {
        banner(&self.state(now))
    }

    fn checking(&self, check: &Check) -> Checking {
        let form = &check.form;
        let reading = form.reading(self.rules.fever_threshold);
        let fever = matches!(reading, Reading::Fever(_));
        Checking {
            colour: form.colour,
            verification: form.verification(),
            reading,
            repeat: check.repeat().is_some() || check.pass_reuse().is_some(),
            decision: form.decision(fever),
        }
    }

    /// A code was read, whichever way it came in. It opens the form, or waits in line behind
    /// the person being checked (and behind an outcome that is still being shown).
    pub fn code_read(&mut self, scanned: ScannedCode, now: DateTime<Utc>) -> (Read, Vec<Effect>) {
        let hash = &scanned.code.hash;
        if self
            .form()
            .and_then(|form| form.scan.as_ref())
            .map(|scan| &scan.code.hash)
            == Some(hash)
        {
            return (Read::Current, Vec::new());
        }
        if self.queue.iter().any(|queued| &queued.code.hash == hash) {
            return (Read::AlreadyWaiting, Vec::new());
        }
        if self.is_busy() || self.holding(now) {
            self.queue.push_back(scanned);
            return (Read::Queued, vec![Effect::Queued]);
        }
        (Read::Current, self.open(scanned))
    }

    /// An outcome that stops someone is still within its minimum time on the banner.
    fn holding(&self, now: DateTime<Utc>) -> bool {
        self.outcome
            .as_ref()
            .is_some_and(|outcome| outcome.holds_at(now))
    }

    /// Says what went wrong where no person's form is open (the status line shows it).
    pub fn tell(&mut self, notice: Said) {
        self.notice = Some(notice);
    }

    fn open(&mut self, scanned: ScannedCode) -> Vec<Effect> {
        self.notice = None;
        let code = scanned.code.hash.clone();
        let mut form = PersonForm::from_scan(scanned, self.direction);
        form.vehicle_id = self.boarding.as_ref().map(|boarding| boarding.vehicle_id);
        let id = self.next_id;
        self.next_id = self.next_id.wrapping_add(1);
        let check = Check {
            form,
            lookup: Lookup::Pending(id),
            message: None,
            confirm_waiting: false,
        };
        let opened = GateState::Checking(self.checking(&check));
        self.person = Person::Checking(Box::new(check));
        // The outcome shown before is replaced by this person's check.
        self.outcome = None;
        let mut effects = Vec::new();
        if let Some(cue) = banner(&opened).sound {
            effects.push(Effect::Play(cue));
        }
        effects.push(Effect::LookUpRepeat {
            id,
            code,
            opened: true,
        });
        effects
    }

    /// Entries of other gates arrived (the district sync, a neighbour's file): the open person,
    /// not seen before, is looked up again, so a visit registered elsewhere a minute ago still
    /// flags them before the save (issue 22).
    pub fn look_again(&mut self) -> Vec<Effect> {
        let Person::Checking(check) = &mut self.person else {
            return Vec::new();
        };
        let unseen = matches!(check.lookup, Lookup::Answered { hit: None, .. });
        let Some(code) = check.form.scan.as_ref().map(|scan| scan.code.hash.clone()) else {
            return Vec::new();
        };
        if !unseen {
            return Vec::new();
        }
        let id = self.next_id;
        self.next_id = self.next_id.wrapping_add(1);
        check.lookup = Lookup::Pending(id);
        vec![Effect::LookUpRepeat {
            id,
            code,
            opened: false,
        }]
    }

    /// A key typed at the gate. `in_field`: a text field has the keyboard; `confirm_pending`:
    /// a save was asked this frame and has not run yet (the keys behind it are the next
    /// person's).
    pub fn key(&mut self, key: Key, in_field: bool, confirm_pending: bool) -> KeyUse {
        let saving_or_waiting = match &self.person {
            Person::Saving(_) => true,
            Person::Checking(check) => check.confirm_waiting,
            Person::Idle | Person::Failed { .. } => false,
        };
        let behind_a_save = !self.type_ahead.is_empty() && confirm_pending;
        if saving_or_waiting || behind_a_save || (self.outcome_in_hold() && !self.queue.is_empty())
        {
            // The next person's keys, typed before the save's reply: kept for their form.
            if self.type_ahead.len() < TYPE_AHEAD_LIMIT {
                self.type_ahead.push(key);
            }
            return KeyUse::Taken;
        }
        let Some(form) = self.form_mut() else {
            return self.key_while_idle(key, in_field);
        };
        if key == Key::Enter {
            return KeyUse::Confirm;
        }
        if in_field {
            return KeyUse::GiveBack;
        }
        edit_temperature(&mut form.temperature_text, key);
        KeyUse::Taken
    }

    /// A stopping outcome is on the banner and not yet let go (the clock decides in `tick`).
    fn outcome_in_hold(&self) -> bool {
        self.outcome
            .as_ref()
            .is_some_and(|outcome| outcome.stops_someone() && !outcome.acknowledged)
    }

    /// Nobody is being checked: Enter acknowledges the outcome on the banner; other keys are
    /// the text field's, or nobody's.
    fn key_while_idle(&mut self, key: Key, in_field: bool) -> KeyUse {
        if key == Key::Enter
            && let Some(outcome) = &mut self.outcome
        {
            outcome.acknowledged = true;
            return KeyUse::Taken;
        }
        if in_field {
            KeyUse::GiveBack
        } else {
            KeyUse::Taken
        }
    }

    /// The volunteer confirms the person (Enter or the button): save, or say what is missing.
    pub fn confirm(&mut self) -> Vec<Effect> {
        // Saving again after a failure: the same form, checked again.
        self.person = match std::mem::take(&mut self.person) {
            Person::Failed { check, .. } => Person::Checking(check),
            other => other,
        };
        let threshold = self.rules.fever_threshold;
        let Person::Checking(check) = &mut self.person else {
            return Vec::new();
        };
        if matches!(check.lookup, Lookup::Pending(_)) {
            check.confirm_waiting = true;
            return Vec::new();
        }
        check.confirm_waiting = false;
        match check.form.confirm(threshold) {
            Ok(mut entry) => {
                entry.repeat_of = check.repeat().map(|hit| hit.entry_id);
                check.message = None;
                self.person = match std::mem::take(&mut self.person) {
                    Person::Checking(check) => Person::Saving(check),
                    other => other,
                };
                vec![Effect::Save(Box::new(entry))]
            }
            // Not a failure: the form stays open and says what is missing.
            Err(block) => {
                let remeasure = matches!(block, ConfirmBlock::Remeasure { .. });
                check.message = Some(FormMessage::Block(block));
                let mut effects = Vec::new();
                if remeasure {
                    effects.push(Effect::Play(Cue::Alarm));
                }
                // Keys typed while this confirm waited for the look-up belong to this person
                // after all (the re-measure, a corrected temperature).
                effects.extend(self.replay_type_ahead());
                effects
            }
        }
    }

    /// The store answered the repeat look-up numbered `id`. An answer for a form since closed
    /// is dropped. `reuse`: the app's reading of the hit for a checkpoint pass.
    pub fn repeat_answered(
        &mut self,
        id: u64,
        answer: Result<Option<RepeatHit>, Said>,
        reuse: Option<ReuseConflict>,
    ) -> Vec<Effect> {
        let Person::Checking(check) = &mut self.person else {
            return Vec::new();
        };
        if check.lookup != Lookup::Pending(id) {
            return Vec::new();
        }
        let mut effects = Vec::new();
        match answer {
            Ok(hit) => {
                if hit.is_some() || reuse.is_some() {
                    // The banner turns to "repeat": it sounds like every other exception.
                    effects.push(Effect::Play(Cue::Alarm));
                }
                check.lookup = Lookup::Answered { hit, reuse };
            }
            Err(error) => {
                // Without the look-up the person is still checked; say why no repeat shows.
                check.lookup = Lookup::Unavailable;
                check.message = Some(FormMessage::RepeatCheckUnavailable(error));
            }
        }
        if check.confirm_waiting {
            effects.extend(self.confirm());
        }
        effects
    }

    /// The store committed the person being saved (or failed: the form is kept).
    pub fn saved(
        &mut self,
        result: Result<(String, PersonEntry), Said>,
        now: DateTime<Utc>,
    ) -> Vec<Effect> {
        let Person::Saving(check) = std::mem::take(&mut self.person) else {
            return Vec::new();
        };
        let (label, entry) = match result {
            Ok(saved) => saved,
            Err(message) => {
                self.person = Person::Failed { check, message };
                return Vec::new();
            }
        };
        let saved = Saved::of(label, &entry);
        self.count_passenger(entry.details.vehicle_id);
        let mut effects: Vec<Effect> = banner(&GateState::Saved(saved.clone()))
            .sound
            .map(Effect::Play)
            .into_iter()
            .collect();
        self.outcome = Some(Outcome {
            saved,
            since: now,
            acknowledged: false,
        });
        effects.extend(self.done(now));
        effects
    }

    /// A passenger of the boarding vehicle was saved; the last one ends the boarding.
    fn count_passenger(&mut self, vehicle_id: Option<EntryId>) {
        let Some(boarding) = &mut self.boarding else {
            return;
        };
        if vehicle_id != Some(boarding.vehicle_id) {
            return;
        }
        boarding.saved = boarding.saved.saturating_add(1);
        if boarding.saved >= boarding.on_board {
            self.boarding = None;
        }
    }

    /// The volunteer drops the open form (Esc): nothing is saved, the next in line opens.
    pub fn cancel(&mut self, now: DateTime<Utc>) -> Vec<Effect> {
        if matches!(self.person, Person::Saving(_)) {
            return Vec::new();
        }
        self.person = Person::Idle;
        self.done(now)
    }

    /// The person is done: the next code in line opens unless an outcome still holds the
    /// banner (then [`Gate::tick`] opens it when the hold ends).
    fn done(&mut self, now: DateTime<Utc>) -> Vec<Effect> {
        // 出 chosen for one person is not the next one's (issue 22): the gate's default returns.
        self.direction = self.rules.default_direction;
        let mut effects = vec![Effect::NextPerson];
        effects.extend(self.open_next(now));
        effects
    }

    fn open_next(&mut self, now: DateTime<Utc>) -> Vec<Effect> {
        if self.is_busy() || self.holding(now) {
            return Vec::new();
        }
        let Some(next) = self.queue.pop_front() else {
            self.type_ahead.clear();
            return Vec::new();
        };
        let mut effects = self.open(next);
        effects.extend(self.replay_type_ahead());
        effects
    }

    /// Time passed: an outcome whose hold ended lets the next person in line come up.
    /// Returns the effects and how long until the gate wants to look again.
    pub fn tick(&mut self, now: DateTime<Utc>) -> (Vec<Effect>, Option<Duration>) {
        let effects = if self.is_busy() || self.queue.is_empty() {
            Vec::new()
        } else {
            self.open_next(now)
        };
        let wake = self
            .outcome
            .as_ref()
            .filter(|outcome| outcome.holds_at(now))
            .map(|outcome| outcome.since + OUTCOME_HOLD - now);
        (effects, wake)
    }

    /// Replays the keys typed while the previous person was being saved into the open form
    /// (its temperature, and Enter to save it). Stops at the first Enter: the keys after it
    /// are the next person's.
    fn replay_type_ahead(&mut self) -> Vec<Effect> {
        let mut keys = std::mem::take(&mut self.type_ahead).into_iter();
        let mut effects = Vec::new();
        for key in keys.by_ref() {
            if key == Key::Enter {
                effects.extend(self.confirm());
                break;
            }
            if let Some(form) = self.form_mut() {
                edit_temperature(&mut form.temperature_text, key);
            }
        }
        let rest: Vec<Key> = keys.collect();
        // A confirm that saved may have queued keys of its own meanwhile; keep the order.
        let mut later = std::mem::take(&mut self.type_ahead);
        self.type_ahead = rest;
        self.type_ahead.append(&mut later);
        effects
    }

    /// The volunteer picks the colour the phone shows.
    pub fn confirm_colour(&mut self, colour: HealthColour) {
        if let Some(form) = self.form_mut() {
            form.confirm_colour(colour);
        }
    }

    /// In or out, for the open form (or the next person when none is open).
    pub fn set_direction(&mut self, direction: Direction) {
        self.direction = direction;
        if let Some(form) = self.form_mut() {
            form.direction = direction;
        }
    }

    /// A vehicle was saved with passengers to scan: the next people are linked to it until
    /// `on_board` of them are saved (or the volunteer says everyone is in).
    pub fn board(&mut self, vehicle_id: EntryId, plate: String, on_board: u32) {
        self.boarding = (on_board > 0).then_some(Boarding {
            vehicle_id,
            plate,
            saved: 0,
            on_board,
        });
    }

    pub fn finish_boarding(&mut self) {
        self.boarding = None;
    }
}

/// Applies a digit, `.` or Backspace to a temperature being typed; other characters are not
/// part of a temperature and are dropped.
pub fn edit_temperature(text: &mut String, key: Key) {
    match key {
        Key::Char(c @ ('0'..='9' | '.')) if text.chars().count() < TEMPERATURE_MAX_CHARS => {
            text.push(c);
        }
        Key::Backspace => {
            text.pop();
        }
        Key::Char(_) | Key::Enter => {}
    }
}

#[cfg(test)]
mod tests;
