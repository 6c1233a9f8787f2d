//! The pass verdict on the banner (issue 25): the one place that maps a verdict on one of the
//! district's own passes to the banner's tone, words and sound. A refused pass is never called
//! "red" nor a forgery unless its signature is bad; a valid pass goes on through the gate's rule
//! (a fever still counts).

use crate::gate::{Banner, Headline, Tone, Verification};
use crate::model::PassVerdict;
use crate::model::sound::Cue;

/// The banner for a refused pass; None for anything else (a valid pass, a health code).
pub fn refused_pass_banner(verification: Verification) -> Option<Banner> {
    let Verification::Pass(verdict) = verification else {
        return None;
    };
    let sound = match verdict {
        PassVerdict::Valid => return None,
        PassVerdict::Expired => Cue::PassExpired,
        PassVerdict::Revoked => Cue::PassRevoked,
        PassVerdict::UnknownIssuer => Cue::PassUnknownIssuer,
        PassVerdict::Forged => Cue::PassForged,
    };
    Some(Banner {
        tone: Tone::Red,
        headline: Headline::Pass(verdict),
        detail: Some(Headline::PassDetail(verdict)),
        sound: Some(sound),
    })
}

/// A valid pass that the gate's rule lets through is announced as a valid pass, not as a green
/// health code; anything else the rule found (a fever, a repeat) keeps its words.
pub fn valid_pass_words(verification: Verification, mut banner: Banner) -> Banner {
    if verification == Verification::Pass(PassVerdict::Valid) {
        match banner.headline {
            Headline::Green => banner.headline = Headline::Pass(PassVerdict::Valid),
            Headline::MeasureTemperature { .. } => banner.headline = Headline::PassMeasure,
            Headline::Repeat { .. } => banner.headline = Headline::PassRepeat,
            _ => {}
        }
    }
    banner
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_valid_pass_goes_through_the_gate_rule() {
        assert_eq!(
            refused_pass_banner(Verification::Pass(PassVerdict::Valid)),
            None
        );
        assert_eq!(refused_pass_banner(Verification::Invalid), None);
    }
}
