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

/// The colour the saved person's banner shows: a valid pass (stored without a colour) passes as
/// green; anything else shows what was stored.
pub fn saved_colour(entry: &crate::model::NewPersonEntry) -> crate::model::HealthColour {
    match entry.pass_outcome {
        Some(PassVerdict::Valid) => crate::model::HealthColour::Green,
        _ => entry.colour,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Language;
    use crate::gate::{Checking, GateState};

    fn banner_for(verdict: PassVerdict) -> Banner {
        crate::gate::banner(&GateState::Checking(Checking {
            verification: Verification::Pass(verdict),
            ..Checking::default()
        }))
    }

    #[test]
    fn a_revoked_pass_is_revoked_on_the_banner_not_red_and_not_forged() {
        let banner = banner_for(PassVerdict::Revoked);
        let words = banner.headline.text(Language::ZhCn);
        assert!(words.contains("出入证已注销"), "{words}");
        assert!(
            !words.contains("红码") && !words.contains("伪造"),
            "{words}"
        );
        assert_eq!(banner.sound, Some(Cue::PassRevoked));
    }

    #[test]
    fn each_refused_pass_has_its_own_words_and_sound() {
        let refused = [
            (PassVerdict::Expired, "出入证已过期"),
            (PassVerdict::Revoked, "出入证已注销"),
            (PassVerdict::UnknownIssuer, "未知签发单位的出入证"),
            (PassVerdict::Forged, "出入证签名无效：可能伪造"),
        ];
        let mut sounds = Vec::new();
        for (verdict, words) in refused {
            let banner = banner_for(verdict);
            assert_eq!(banner.tone, Tone::Red);
            assert!(banner.headline.text(Language::ZhCn).contains(words));
            assert!(
                !sounds.contains(&banner.sound),
                "{verdict:?} shares a sound"
            );
            assert_ne!(banner.sound, Some(Cue::Alarm));
            sounds.push(banner.sound);
        }
    }

    #[test]
    fn a_valid_pass_seen_again_is_a_repeated_pass_not_a_green_code() {
        let banner = crate::gate::banner(&GateState::Checking(Checking {
            verification: Verification::Pass(PassVerdict::Valid),
            repeat: true,
            ..Checking::default()
        }));
        assert_eq!(banner.tone, Tone::Repeat);
        let words = banner.headline.text(Language::ZhCn);
        assert_eq!(words, "出入证 重复查验 请核对");
        assert!(!banner.headline.text(Language::En).contains("Green"));
    }

    #[test]
    fn a_valid_pass_passes_as_a_pass_and_a_fever_still_counts() {
        let banner = crate::gate::banner(&GateState::Checking(Checking {
            colour: crate::model::HealthColour::Green,
            verification: Verification::Pass(PassVerdict::Valid),
            reading: crate::gate::Reading::Normal(
                crate::model::Celsius::parse_shorthand("36.5").expect("celsius"),
            ),
            ..Checking::default()
        }));
        assert_eq!(banner.tone, Tone::Green);
        assert_eq!(banner.headline, Headline::Pass(PassVerdict::Valid));
        let fever = crate::gate::banner(&GateState::Checking(Checking {
            colour: crate::model::HealthColour::Green,
            verification: Verification::Pass(PassVerdict::Valid),
            reading: crate::gate::Reading::Fever(
                crate::model::Celsius::parse_shorthand("39.0").expect("celsius"),
            ),
            ..Checking::default()
        }));
        assert_eq!(fever.tone, Tone::Fever);
    }

    #[test]
    fn a_valid_pass_goes_through_the_gate_rule() {
        assert_eq!(
            refused_pass_banner(Verification::Pass(PassVerdict::Valid)),
            None
        );
        assert_eq!(refused_pass_banner(Verification::Invalid), None);
    }
}
