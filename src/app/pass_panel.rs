//! The pass panel's state in the window (the form, the book as last read, the task in
//! progress) and the view the Settings screen draws of it; the pass commands that change it are
//! `pass_commands`.

use super::background::Background;
use crate::codes::CodesError;
use crate::codes::Verifier;
use crate::codes::pass::admin::{IssuedEntry, PassBook, PassDone};
use crate::model::{Operator, Role};
use crate::text::Said;
use crate::ui::pass_panel::{IssuedPass, PassForm, PassView};

/// What a finished pass task sends back: the outcome, and the verifier re-loaded when the keys
/// or revocations changed (so the Scan screen trusts the new key at once).
pub type PassResult = (Result<(PassDone, PassBook), CodesError>, Option<Verifier>);

/// The pass form, the book as last read, and the task in progress.
#[derive(Default)]
pub struct PassPanel {
    pub form: PassForm,
    pub book: Option<PassBook>,
    pub message: Option<Said>,
    pub job: Background<PassResult>,
    /// The sync's count of pass items kept when the verifier was last read (issue 25).
    pub shared_items_seen: u64,
    /// A neighbour's file brought pass keys or revocations: read the verifier again as soon as
    /// no pass task runs.
    pub reload_wanted: bool,
    /// The card of the pass issued last (print and open buttons).
    pub last_card: Option<std::path::PathBuf>,
}

impl PassPanel {
    /// What the Settings screen's pass panel shows; `exports_dir` is where public keys go.
    pub(crate) fn view<'a>(
        &'a mut self,
        signed_in: Option<&Operator>,
        exports_dir: &'a std::path::Path,
    ) -> PassView<'a> {
        let issued = self
            .book
            .as_ref()
            .map(|book| book.issued.iter().map(issued_pass).collect())
            .unwrap_or_default();
        PassView {
            form: &mut self.form,
            message: self.message.as_ref(),
            is_leader: signed_in.is_some_and(|operator| operator.role == Role::Leader),
            key_id: self.book.as_ref().and_then(|book| book.key_id.as_deref()),
            exports_dir,
            issued,
            last_card: self.last_card.as_deref(),
        }
    }

    /// The book is read once, when the panel is first shown.
    pub(crate) fn needs_loading(&self) -> bool {
        self.book.is_none() && !self.job.is_running()
    }
}

fn issued_pass(entry: &IssuedEntry) -> IssuedPass {
    let pass = &entry.pass;
    IssuedPass {
        pass_id: pass.pass_id.clone(),
        holder_masked: pass.holder_masked.clone(),
        unit: pass.unit.clone(),
        plate: pass.plate.clone(),
        valid_to: pass.valid_to,
        revoked: entry.revoked,
    }
}
