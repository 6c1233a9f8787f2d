//! F2's repeat look-up before the save (issue 22): once the ID number typed is a whole, valid
//! document, the store is asked at once whether it was registered within the repeat window, so
//! the volunteer sees "重复 … 在本卡口1号岗 …" while the person is still at the gate.

use super::state::KioskApp;
use super::store_requests::FindRepeat;
use crate::store::RepeatKey;

impl KioskApp {
    /// Once per frame on the Register screen, before it is drawn.
    pub(crate) fn check_document_repeat(&mut self) {
        let hash = self.register.form.document_hash(&self.services.pii);
        let asked = self.register.repeat_asked.as_ref().map(|(asked, _)| asked);
        if hash.as_ref() == asked {
            return;
        }
        // A different number (or none): the old answer belongs to somebody else.
        self.register.repeat = None;
        self.register.repeat_asked = hash.clone().map(|hash| (hash, false));
        let Some(hash) = hash else {
            return;
        };
        let since = self.services.now() - self.repeat_window();
        let key = RepeatKey::Document(hash.clone());
        self.ask(FindRepeat { key, since }, move |app, found| {
            // A failed look-up is asked again at save time; here it only shows nothing.
            app.document_repeat_answered(&hash, found.ok().flatten());
        });
    }

    /// The district sync brought other gates' entries: the person open on the Scan screen and
    /// the number on F2, not seen before, are looked up again (issue 22).
    pub(crate) fn look_again_after_sync(&mut self) {
        let Some(pulled) = self
            .services
            .sync
            .as_ref()
            .map(|sync| sync.status().pulled_total)
        else {
            return;
        };
        if pulled == self.register.pulled_seen {
            return;
        }
        self.register.pulled_seen = pulled;
        let effects = self.gate.look_again();
        self.run_gate_effects(effects);
        if self.register.repeat.is_none() {
            // Asked again at the next frame of F2.
            self.register.repeat_asked = None;
        }
    }

    fn document_repeat_answered(
        &mut self,
        hash: &crate::model::pii::KeyedHash,
        hit: Option<crate::model::RepeatHit>,
    ) {
        if let Some((asked, answered)) = &mut self.register.repeat_asked
            && asked == hash
        {
            *answered = true;
            self.register.repeat = hit;
        }
    }
}
