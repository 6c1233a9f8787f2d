//! Pass commands: each pass task runs on the "passes" thread; its result comes back through
//! `accept_pass_result` on a later frame.

use super::state::KioskApp;
use crate::codes::Verifier;
use crate::codes::pass::PassRequest;
use crate::codes::pass::admin::{self, PassTask};
use crate::config::Language;
use crate::ui::pass_panel::{PassResult, done_message};

impl KioskApp {
    pub(crate) fn run_pass_task(&mut self, task: PassTask) {
        if self.passes.job.is_running() {
            self.passes.message = Some(
                self.lang
                    .pick(
                        "上一项出入证操作还在进行，请稍候",
                        "The previous pass task is still running: wait a moment",
                    )
                    .to_owned(),
            );
            return;
        }
        let data_dir = self.services.data_dir.clone();
        let now = self.services.now();
        // Keys and revocations decide which passes the Scan screen accepts: reload after them.
        let reload = matches!(
            task,
            PassTask::CreateKey | PassTask::TrustNeighbour { .. } | PassTask::Revoke { .. }
        );
        let work = move || -> PassResult {
            let outcome = admin::perform(&task, &data_dir.keys_dir(), now);
            let verifier = (reload && outcome.is_ok())
                .then(|| Verifier::load(&data_dir).ok())
                .flatten();
            (outcome, verifier)
        };
        if let Err(error) = self.passes.job.start("passes", self.services.wake(), work) {
            self.passes.message = Some(format!(
                "{}: {error}",
                self.lang
                    .pick("无法启动出入证操作", "Cannot start the pass task")
            ));
        }
    }

    pub(crate) fn issue_pass(&mut self) {
        let kind = match self.passes.kind_for_pass(self.lang) {
            Ok(kind) => kind,
            Err(message) => {
                self.passes.message = Some(message);
                return;
            }
        };
        let request = PassRequest {
            holder: self.passes.holder.trim().to_owned(),
            unit: self.passes.unit.trim().to_owned(),
            kind,
            valid_days: self.passes.days,
        };
        let out_dir = self.services.data_dir.root().join("passes");
        self.run_pass_task(PassTask::Issue { request, out_dir });
    }

    pub(crate) fn accept_pass_result(&mut self, (outcome, verifier): PassResult) {
        if let Some(verifier) = verifier {
            self.services.verifier = verifier;
        }
        match outcome {
            Ok((done, book)) => {
                let message = done_message(&done, &book, self.lang);
                if matches!(done, admin::PassDone::Issued { .. }) {
                    // Ready for the next resident's pass.
                    self.passes.holder.clear();
                    self.passes.plate.clear();
                }
                if message.is_some() {
                    self.passes.message = message;
                }
                self.passes.book = Some(book);
            }
            Err(error) => {
                let text = match self.lang {
                    Language::ZhCn => error.zh(),
                    Language::En => error.to_string(),
                };
                self.passes.message = Some(format!(
                    "{}: {text}",
                    self.lang.pick("出入证操作未完成", "Pass task NOT done")
                ));
                // Keep showing a book, even empty, so the panel does not retry in a loop.
                self.passes.book.get_or_insert_with(Default::default);
            }
        }
    }
}
