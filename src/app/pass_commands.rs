//! Pass commands: each pass task runs on the "passes" thread; its result comes back through
//! `accept_pass_result` on a later frame.

use super::pass_panel::PassResult;
use super::state::KioskApp;
use super::store_requests::CheckPassLeaderPin;
use crate::codes::Verifier;
use crate::codes::pass::PassKind;
use crate::codes::pass::PassRequest;
use crate::codes::pass::admin::{self, PassTask};
use crate::codes::pass::admin::{PassBook, PassDone};
use crate::text::{Bilingual, Said};
use crate::ui::command::PassAction;
use crate::ui::pass_panel::{PassForm, PassKindChoice};

/// The pass task a Settings action stands for; None for the card's buttons.
fn pass_task_from_action(action: PassAction) -> Option<PassTask> {
    Some(match action {
        PassAction::Load => PassTask::Load,
        PassAction::CreateKey => PassTask::CreateKey,
        PassAction::ExportPublicKey { out_dir } => PassTask::ExportPublicKey { out_dir },
        PassAction::TrustNeighbour { file } => PassTask::TrustNeighbour { file },
        PassAction::Revoke { pass_id } => PassTask::Revoke { pass_id },
        PassAction::PrintCard { .. } | PassAction::OpenCard { .. } => return None,
    })
}

impl KioskApp {
    /// What the pass panel asked for.
    pub(crate) fn pass_action(&mut self, action: PassAction) {
        match action {
            PassAction::PrintCard { card } => {
                let route = super::export_place::print_route();
                self.start_card(route, &card);
            }
            PassAction::OpenCard { card } => {
                self.start_card(super::export_place::PrintRoute::Browser, &card);
            }
            other => {
                if let Some(task) = pass_task_from_action(other) {
                    self.run_pass_task(task);
                }
            }
        }
    }

    /// Prints or opens the card (`lp`, else `xdg-open`), or says where it is.
    fn start_card(&mut self, route: super::export_place::PrintRoute, card: &std::path::Path) {
        use super::export_place::PrintRoute;
        let shown = card.display().to_string();
        let route = match route {
            PrintRoute::Browser if super::export_place::print_route() == PrintRoute::Nothing => {
                PrintRoute::Nothing
            }
            route => route,
        };
        self.passes.message = Some(match route {
            PrintRoute::Nothing => crate::text::passes::card_saved_at(&shown),
            route => match super::export_place::start_print(route, card) {
                Ok(()) => crate::text::passes::card_sent(route == PrintRoute::Printer),
                Err(error) => Said::then(
                    Said::from(crate::text::passes::CARD_NOT_STARTED),
                    ": ",
                    &Said::same(format!("{error}; {shown}")),
                ),
            },
        });
    }

    /// The district sync kept new pass keys or revocations: read the verifier again (on the
    /// passes thread), so the gate refuses a pass revoked elsewhere at its next scan.
    /// Also after a neighbour's file brought some ([`Self::reload_passes`]).
    pub(crate) fn reload_passes_after_sync(&mut self) {
        let kept = self
            .services
            .sync
            .as_ref()
            .map_or(self.passes.shared_items_seen, |sync| {
                sync.status().pass_items_total
            });
        let changed = kept != self.passes.shared_items_seen || self.passes.reload_wanted;
        if !changed || self.passes.job.is_running() {
            return;
        }
        self.passes.shared_items_seen = kept;
        self.passes.reload_wanted = false;
        self.start_pass_task(PassTask::Load);
    }

    /// The keys folder's shared pass items changed (a neighbour's file): the verifier is read
    /// again at the next poll.
    pub(crate) fn reload_passes(&mut self) {
        self.passes.reload_wanted = true;
    }

    /// Runs a pass task; creating the key, trusting a key, issuing and revoking first need a
    /// leader's name and PIN (checked and audited on the store thread, issue 25).
    pub(crate) fn run_pass_task(&mut self, task: PassTask) {
        let Some(audit) = leader_audit(&task, &self.passes.form.revoke_reason) else {
            self.start_pass_task(task);
            return;
        };
        let form = &mut self.passes.form;
        let (name, pin) = (
            form.leader_name.trim().to_owned(),
            form.leader_pin.trim().to_owned(),
        );
        form.leader_pin.clear();
        if name.is_empty() || pin.is_empty() {
            self.passes.message = Some(Said::from(crate::text::passes::LEADER_PIN_NEEDED));
            return;
        }
        let check = CheckPassLeaderPin {
            name,
            pin,
            at: self.services.now(),
            audit,
        };
        self.ask(check, move |app, result| match result {
            Ok(true) => {
                app.passes.form.revoke_reason.clear();
                app.start_pass_task(task);
            }
            Ok(false) => {
                app.passes.message = Some(Said::from(crate::text::passes::LEADER_PIN_WRONG));
            }
            Err(error) => {
                let lead = Said::from(crate::text::passes::TASK_NOT_DONE);
                app.passes.message = Some(Said::then(lead, ": ", &error.said()));
            }
        });
    }

    fn start_pass_task(&mut self, task: PassTask) {
        if self.passes.job.is_running() {
            self.passes.message = Some(crate::text::app::PASS_TASK_BUSY.into());
            return;
        }
        let data_dir = self.services.data_dir.clone();
        let now = self.services.now();
        // Keys and revocations decide which passes the Scan screen accepts: reload after them.
        let reload = matches!(
            task,
            PassTask::Load
                | PassTask::CreateKey
                | PassTask::TrustNeighbour { .. }
                | PassTask::Revoke { .. }
        );
        let work = move || -> PassResult {
            let outcome = admin::perform(&task, &data_dir.keys_dir(), now);
            let verifier = (reload && outcome.is_ok())
                .then(|| Verifier::load(&data_dir).ok())
                .flatten();
            (outcome, verifier)
        };
        if let Err(error) = self.passes.job.start("passes", self.services.wake(), work) {
            // The system's reason for not starting a thread comes in English only.
            let lead = crate::text::app::PASS_TASK_CANNOT_START;
            self.passes.message = Some(Said::then(lead, ": ", &Said::same(error.to_string())));
        }
    }

    pub(crate) fn issue_pass(&mut self) {
        let kind = match kind_for_pass(&self.passes.form) {
            Ok(kind) => kind,
            Err(message) => {
                self.passes.message = Some(message);
                return;
            }
        };
        let request = PassRequest {
            holder: self.passes.form.holder.trim().to_owned(),
            unit: self.passes.form.unit.trim().to_owned(),
            kind,
            valid_days: self.passes.form.days,
        };
        let out_dir = self.services.data_dir.root().join("passes");
        let checkpoint_name = self.services.config.checkpoint_name.clone();
        self.run_pass_task(PassTask::Issue {
            request,
            out_dir,
            checkpoint_name,
            card_words: &crate::text::passes::CARD,
        });
    }

    pub(crate) fn accept_pass_result(&mut self, (outcome, verifier): PassResult) {
        if let Some(verifier) = verifier {
            self.services.verifier = verifier;
        }
        match outcome {
            Ok((done, book)) => {
                let message = done_message(&done, &book);
                if let admin::PassDone::Issued { card, .. } = &done {
                    self.passes.last_card = Some(card.clone());
                    // Ready for the next resident's pass.
                    self.passes.form.holder.clear();
                    self.passes.form.plate.clear();
                }
                if message.is_some() {
                    self.passes.message = message;
                }
                self.passes.book = Some(book);
            }
            Err(error) => {
                let lead = crate::text::passes::TASK_NOT_DONE;
                self.passes.message = Some(Said::then(lead, ": ", &error.said()));
                // Keep showing a book, even empty, so the panel does not retry in a loop.
                self.passes.book.get_or_insert_with(Default::default);
            }
        }
    }
}

/// The audit line of a task that needs a leader's PIN (action, detail); None for the others.
fn leader_audit(task: &PassTask, reason: &str) -> Option<(&'static str, String)> {
    Some(match task {
        PassTask::Load | PassTask::ExportPublicKey { .. } => return None,
        PassTask::CreateKey => ("pass key created", String::new()),
        PassTask::TrustNeighbour { file } => (
            "pass key trusted",
            file.file_name()
                .map(|name| name.to_string_lossy().into_owned())
                .unwrap_or_default(),
        ),
        PassTask::Issue { request, .. } => {
            ("pass issued", format!("kind {}", request.kind.as_str()))
        }
        PassTask::Revoke { pass_id } => (
            "pass revoked",
            format!(
                "{} reason: {}",
                pass_id.trim(),
                reason.trim().chars().take(200).collect::<String>()
            ),
        ),
    })
}

/// The kind to put in the pass; the plate is checked against the plate rules first.
fn kind_for_pass(form: &PassForm) -> Result<PassKind, Said> {
    Ok(match form.kind {
        PassKindChoice::Resident => PassKind::Resident,
        PassKindChoice::Worker => PassKind::Worker,
        PassKindChoice::Vehicle => match crate::model::plate::Plate::parse(&form.plate) {
            Ok(plate) => PassKind::Vehicle {
                plate: plate.as_str().to_owned(),
            },
            Err(error) => return Err(error.said()),
        },
    })
}

/// What a finished task did, in the volunteer's words, in both languages; nothing to say after
/// loading the book.
pub fn done_message(done: &PassDone, book: &PassBook) -> Option<Said> {
    use crate::text::app as words;
    let key_id = book.key_id.as_deref().unwrap_or("");
    Some(match done {
        PassDone::Loaded => return None,
        PassDone::KeyCreated => words::pass_key_created(key_id),
        PassDone::PublicKeyWritten(path) => words::pass_public_key_written(path.display()),
        PassDone::NeighbourTrusted { key_id } => words::pass_neighbour_trusted(key_id),
        PassDone::Issued { pass_id, card } => words::pass_issued(pass_id, card.display()),
        PassDone::Revoked { pass_id, already } => words::pass_revoked(pass_id, *already),
    })
}
