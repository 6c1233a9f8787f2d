//! The verdict banner across the Scan and no-phone screens: one pure function from the state of
//! the person at the gate to what the banner says, in which tone, with which sound. The gate
//! ([`super::Gate::banner`]) is its only caller on the Scan screen.
//!
//! It is the single source of truth for "may this person pass": the screen only maps the tone to
//! colours and renders the text in the language of the moment. Nothing that was not green and
//! fever-free is ever shown green — not while a fever is being re-measured, and not after the
//! save either (a saved person's banner keeps *that person's* outcome).

use super::view::{
    Banner, Checking, GateState, Headline, Reading, Saved, Tone, VehicleState, Verification,
};
use crate::model::sound::Cue;
use crate::model::{Decision, HealthColour};

/// The one rule for the banner.
pub fn banner(state: &GateState) -> Banner {
    match state {
        GateState::Waiting => Banner {
            tone: Tone::Neutral,
            headline: Headline::ShowCode,
            detail: None,
            sound: None,
        },
        GateState::Checking(checking) => checking_banner(checking),
        GateState::Saved(saved) => saved_banner(saved),
    }
}

/// The no-phone screen's banner: the same rule, but while waiting it asks for the document and
/// the temperature, never for a health code the person does not have.
pub fn register_banner(state: &GateState) -> Banner {
    let mut banner = banner(state);
    if banner.headline == Headline::ShowCode {
        banner.headline = Headline::RegisterWithoutPhone;
    }
    banner
}

/// The Vehicle screen's banner: a diversion is a full banner while the form says so and after
/// the save, until the next plate is typed.
pub fn vehicle_banner(state: &VehicleState) -> Banner {
    let (tone, headline) = match state {
        VehicleState::Waiting => (Tone::Neutral, Headline::RegisterVehicle),
        VehicleState::Typing { decision } => match decision {
            Decision::Divert => (Tone::Divert, Headline::Divert),
            Decision::Deny => (Tone::Red, Headline::RegisterVehicle),
            Decision::Refer => (Tone::Yellow, Headline::RegisterVehicle),
            Decision::Pass => (Tone::Neutral, Headline::RegisterVehicle),
        },
        VehicleState::Saved(saved) => {
            let tone = match saved.decision {
                Decision::Divert => Tone::Divert,
                Decision::Deny => Tone::Red,
                Decision::Refer => Tone::Yellow,
                Decision::Pass if saved.repeat => Tone::Repeat,
                Decision::Pass => Tone::Green,
            };
            (tone, Headline::VehicleSaved(saved.clone()))
        }
    };
    let sound = match (state, tone) {
        (VehicleState::Saved(_), Tone::Green) => Some(Cue::Pass),
        (VehicleState::Saved(_), _) => Some(Cue::Alarm),
        _ => None,
    };
    Banner {
        tone,
        headline,
        detail: None,
        sound,
    }
}

/// The most serious thing about the person wins: a forged code, red, fever, yellow, a diversion,
/// a repeat, an unknown colour; what is left waits for the temperature, and only a normal
/// reading is green.
fn checking_banner(checking: &Checking) -> Banner {
    // A refused pass says why in its own words and sound, never "red" (issue 25).
    if let Some(banner) = super::pass_banner::refused_pass_banner(checking.verification) {
        return banner;
    }
    let alarm = Some(Cue::Alarm);
    // A forged or expired code is red whatever it looks like; the second line says why.
    let detail = match checking.verification {
        Verification::Invalid => Some(Headline::Invalid),
        Verification::Expired => Some(Headline::Expired),
        Verification::Valid | Verification::NotVerifiable | Verification::Pass(_) => None,
    };
    let (tone, headline, sound) = match (checking.verification, checking.reading) {
        (Verification::Invalid | Verification::Expired, _) => (Tone::Red, Headline::Red, alarm),
        _ if checking.colour == HealthColour::Red || checking.decision == Decision::Deny => {
            (Tone::Red, Headline::Red, alarm)
        }
        (_, Reading::Remeasuring { first }) => (Tone::Fever, Headline::Remeasure { first }, alarm),
        (_, Reading::Fever(celsius)) => (Tone::Fever, Headline::Fever { celsius }, alarm),
        _ if checking.colour == HealthColour::Yellow || checking.decision == Decision::Refer => {
            (Tone::Yellow, Headline::Yellow, alarm)
        }
        _ if checking.decision == Decision::Divert => (Tone::Divert, Headline::Divert, alarm),
        _ if checking.repeat => (
            Tone::Repeat,
            Headline::Repeat {
                colour: checking.colour,
            },
            alarm,
        ),
        _ if checking.colour == HealthColour::Unknown => (Tone::Unsure, Headline::Unsure, None),
        // The code's colour is a fact, not a verdict: nobody passes unmeasured.
        (_, Reading::None) => (
            Tone::Neutral,
            Headline::MeasureTemperature {
                colour: checking.colour,
            },
            None,
        ),
        _ => (Tone::Green, Headline::Green, None),
    };
    super::pass_banner::valid_pass_words(
        checking.verification,
        Banner {
            tone,
            headline,
            detail,
            sound,
        },
    )
}

fn saved_banner(saved: &Saved) -> Banner {
    let tone = match (saved.decision, saved.colour) {
        (Decision::Deny, _) | (_, HealthColour::Red) => Tone::Red,
        _ if saved.fever => Tone::Fever,
        (Decision::Refer, _) | (_, HealthColour::Yellow) => Tone::Yellow,
        (Decision::Divert, _) => Tone::Divert,
        _ if saved.repeat => Tone::Repeat,
        (Decision::Pass, HealthColour::Green) => Tone::Green,
        // Saved as passing with a colour nobody confirmed: not green.
        (Decision::Pass, HealthColour::Unknown) => Tone::Unsure,
    };
    let sound = if tone == Tone::Green {
        Cue::Pass
    } else {
        Cue::Alarm
    };
    Banner {
        tone,
        headline: Headline::Saved(saved.clone()),
        detail: None,
        sound: Some(sound),
    }
}

#[cfg(test)]
mod tests {

    #[test]
    fn the_no_phone_banner_never_asks_for_a_health_code() {
        let banner = register_banner(&GateState::Waiting);
        assert_eq!(banner.tone, Tone::Neutral);
        let text = banner.headline.text(Language::ZhCn);
        assert_eq!(text, "无手机登记：请录入证件号并测温");
        assert!(!text.contains("健康码"));
    }
    use super::*;
    use crate::config::Language;
    use crate::model::Celsius;
    use chrono::Utc;

    const COLOURS: [HealthColour; 4] = [
        HealthColour::Green,
        HealthColour::Yellow,
        HealthColour::Red,
        HealthColour::Unknown,
    ];
    const VERIFICATIONS: [Verification; 4] = [
        Verification::Valid,
        Verification::Invalid,
        Verification::Expired,
        Verification::NotVerifiable,
    ];
    const DECISIONS: [Decision; 4] = [
        Decision::Pass,
        Decision::Deny,
        Decision::Refer,
        Decision::Divert,
    ];

    fn celsius(value: f32) -> Celsius {
        Celsius::new(value).expect("in range")
    }

    fn readings() -> [Reading; 4] {
        [
            Reading::None,
            Reading::Normal(celsius(36.5)),
            Reading::Remeasuring {
                first: celsius(37.8),
            },
            Reading::Fever(celsius(38.0)),
        ]
    }

    fn every_checking() -> Vec<Checking> {
        let mut all = Vec::new();
        for colour in COLOURS {
            for verification in VERIFICATIONS {
                for reading in readings() {
                    for repeat in [false, true] {
                        for decision in DECISIONS {
                            all.push(Checking {
                                colour,
                                verification,
                                reading,
                                repeat,
                                decision,
                            });
                        }
                    }
                }
            }
        }
        all
    }

    fn is_plain_green(checking: &Checking) -> bool {
        checking.colour == HealthColour::Green
            && matches!(
                checking.verification,
                Verification::Valid | Verification::NotVerifiable
            )
            && matches!(checking.reading, Reading::Normal(_))
            && !checking.repeat
            && checking.decision == Decision::Pass
    }

    #[test]
    fn only_a_green_fever_free_valid_first_visit_that_passes_is_green() {
        for checking in every_checking() {
            let banner = banner(&GateState::Checking(checking));
            assert_eq!(
                banner.tone == Tone::Green,
                is_plain_green(&checking),
                "{checking:?} → {banner:?}"
            );
            assert_eq!(
                banner.sound.is_none(),
                matches!(banner.tone, Tone::Green | Tone::Unsure | Tone::Neutral),
                "every exception sounds the alarm: {checking:?}"
            );
        }
    }

    #[test]
    fn forged_and_expired_codes_are_red_whatever_else_holds() {
        for checking in every_checking() {
            let banner = banner(&GateState::Checking(checking));
            match checking.verification {
                Verification::Invalid => assert_eq!(banner.detail, Some(Headline::Invalid)),
                Verification::Expired => assert_eq!(banner.detail, Some(Headline::Expired)),
                _ => {
                    assert_eq!(banner.detail, None);
                    continue;
                }
            }
            assert_eq!(banner.tone, Tone::Red);
            assert_eq!(banner.headline, Headline::Red);
        }
    }

    #[test]
    fn red_beats_fever_and_fever_beats_yellow_divert_and_repeat() {
        for checking in every_checking() {
            if checking.verification == Verification::Invalid
                || checking.verification == Verification::Expired
            {
                continue;
            }
            let tone = banner(&GateState::Checking(checking)).tone;
            let red = checking.colour == HealthColour::Red || checking.decision == Decision::Deny;
            let fever = matches!(
                checking.reading,
                Reading::Remeasuring { .. } | Reading::Fever(_)
            );
            if red {
                assert_eq!(tone, Tone::Red, "{checking:?}");
            } else if fever {
                assert_eq!(tone, Tone::Fever, "{checking:?}");
            } else if checking.colour == HealthColour::Yellow
                || checking.decision == Decision::Refer
            {
                assert_eq!(tone, Tone::Yellow, "{checking:?}");
            } else if checking.decision == Decision::Divert {
                assert_eq!(tone, Tone::Divert, "{checking:?}");
            } else if checking.repeat {
                assert_eq!(tone, Tone::Repeat, "{checking:?}");
            }
        }
    }

    #[test]
    fn a_fever_under_remeasure_says_so_in_its_own_tone() {
        let checking = Checking {
            colour: HealthColour::Green,
            reading: Reading::Remeasuring {
                first: celsius(37.8),
            },
            ..Checking::default()
        };
        let banner = banner(&GateState::Checking(checking));
        assert_eq!(banner.tone, Tone::Fever);
        assert_eq!(
            banner.headline.text(Language::ZhCn),
            "体温 37.8 °C 偏高 请复测"
        );
    }

    #[test]
    fn a_saved_person_keeps_their_own_outcome_colour() {
        for colour in COLOURS {
            for decision in DECISIONS {
                for fever in [false, true] {
                    for repeat in [false, true] {
                        let saved = Saved {
                            entry_id: crate::model::EntryId::new_random(),
                            label: "…ZC1H".into(),
                            at: Utc::now(),
                            colour,
                            decision,
                            fever,
                            repeat,
                            pass: None,
                        };
                        let banner = banner(&GateState::Saved(saved.clone()));
                        let plain = colour == HealthColour::Green
                            && decision == Decision::Pass
                            && !fever
                            && !repeat;
                        assert_eq!(banner.tone == Tone::Green, plain, "{saved:?}");
                        let expected = if plain { Cue::Pass } else { Cue::Alarm };
                        assert_eq!(banner.sound, Some(expected));
                        let text = banner.headline.text(Language::ZhCn);
                        assert!(text.starts_with("已保存"), "{text}");
                        assert!(text.contains("…ZC1H"), "{text}");
                    }
                }
            }
        }
    }

    #[test]
    fn a_saved_yellow_person_is_yellow_and_says_referred() {
        let saved = Saved {
            entry_id: crate::model::EntryId::new_random(),
            label: "…ZC1H".into(),
            at: Utc::now(),
            colour: HealthColour::Yellow,
            decision: Decision::Refer,
            fever: false,
            repeat: false,
            pass: None,
        };
        let banner = banner(&GateState::Saved(saved));
        assert_eq!(banner.tone, Tone::Yellow);
        let text = banner.headline.text(Language::ZhCn);
        assert!(text.ends_with("黄码 移交"), "{text}");
        assert!(
            banner
                .headline
                .text(Language::En)
                .ends_with("Yellow Handed over")
        );
    }

    #[test]
    fn a_code_without_a_temperature_says_measure_never_pass() {
        for colour in [HealthColour::Green, HealthColour::Yellow, HealthColour::Red] {
            let checking = Checking {
                colour,
                decision: crate::gate::suggested_decision(colour, false),
                ..Checking::default()
            };
            let banner = banner(&GateState::Checking(checking));
            assert_ne!(banner.tone, Tone::Green, "{colour:?}");
            if colour == HealthColour::Green {
                assert_eq!(banner.tone, Tone::Neutral);
                assert_eq!(banner.headline.text(Language::ZhCn), "绿码 · 请测温");
                assert_eq!(banner.sound, None);
            }
        }
    }

    #[test]
    fn a_diverted_vehicle_is_a_full_divert_banner_before_and_after_the_save() {
        use crate::gate::view::VehicleSaved;
        let typing = vehicle_banner(&VehicleState::Typing {
            decision: Decision::Divert,
        });
        assert_eq!(typing.tone, Tone::Divert);
        let saved = vehicle_banner(&VehicleState::Saved(VehicleSaved {
            entry_id: crate::model::EntryId::new_random(),
            plate: "粤B12345".into(),
            at: Utc::now(),
            decision: Decision::Divert,
            repeat: false,
        }));
        assert_eq!(saved.tone, Tone::Divert);
        assert_eq!(saved.sound, Some(Cue::Alarm));
        let text = saved.headline.text(Language::ZhCn);
        assert!(text.contains("粤B12345") && text.contains("分流"), "{text}");
        let waiting = vehicle_banner(&VehicleState::Waiting);
        assert_eq!(waiting.tone, Tone::Neutral);
    }

    #[test]
    fn a_saved_revoked_pass_says_revoked_never_a_colour() {
        let saved = Saved {
            entry_id: crate::model::EntryId::new_random(),
            label: "出入证 P1 李*".into(),
            at: Utc::now(),
            colour: HealthColour::Unknown,
            decision: Decision::Deny,
            fever: false,
            repeat: false,
            pass: Some(crate::model::PassVerdict::Revoked),
        };
        let banner = banner(&GateState::Saved(saved));
        assert_eq!(banner.tone, Tone::Red);
        let text = banner.headline.text(Language::ZhCn);
        assert!(text.contains("出入证已注销"), "{text}");
        assert!(!text.contains("颜色") && !text.contains("红码"), "{text}");
    }

    #[test]
    fn waiting_is_neutral_and_silent() {
        let banner = banner(&GateState::Waiting);
        assert_eq!(banner.tone, Tone::Neutral);
        assert_eq!(banner.sound, None);
        assert_eq!(banner.headline.text(Language::ZhCn), "请出示健康码");
    }

    #[test]
    fn every_headline_has_no_latin_words_in_chinese() {
        let mut headlines = vec![
            Headline::ShowCode,
            Headline::Green,
            Headline::Yellow,
            Headline::Red,
            Headline::Unsure,
            Headline::Invalid,
            Headline::Expired,
            Headline::Divert,
            Headline::PassMeasure,
            Headline::PassRepeat,
        ];
        for colour in COLOURS {
            headlines.push(Headline::Repeat { colour });
        }
        for headline in headlines {
            let text = headline.text(Language::ZhCn);
            assert!(
                !text.chars().any(|c| c.is_ascii_alphabetic()),
                "{headline:?}: {text}"
            );
        }
    }

    /// A pass's verdict on the banner (the words and sounds are `pass_banner`'s; the rule
    /// that calls it is this file's).
    mod passes {
        use crate::config::Language;
        use crate::gate::{Banner, Checking, GateState, Headline, Tone, Verification};
        use crate::model::PassVerdict;
        use crate::model::sound::Cue;

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
    }
}
