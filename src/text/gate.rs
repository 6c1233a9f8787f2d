//! The words of the gate: the banner's headlines, code formats, what a form still needs,
//! temperature errors. `crate::gate` decides which of them is said (`Headline::text`,
//! `ConfirmBlock::text`); the words themselves live only here.

use chrono::{DateTime, Utc};

use crate::config::Language;
use crate::model::temperature::TemperatureError;
use crate::model::{Celsius, CodeFormat, Decision, HealthColour};
use crate::text::{Phrase, Said, p};

/// A code's masked label in the reader's words: a code whose issuer the kiosk does not know
/// is stored as "? …1234" and said as "未知来源的码 …1234", never "?" (issue 22); a checkpoint
/// pass is stored as "出入证 P… 张*" and said as "Pass P… 张*" in English.
pub fn code_label(label: &str, lang: Language) -> std::borrow::Cow<'_, str> {
    let pass = label
        .strip_prefix(crate::model::stored_words::PASS_LABEL)
        .and_then(|tail| tail.strip_prefix(' '));
    match (label.strip_prefix("? "), pass) {
        (Some(tail), _) => {
            format!("{} {tail}", crate::text::report::UNKNOWN_ISSUER.say(lang)).into()
        }
        (None, Some(tail)) => format!("{} {tail}", crate::text::report::PASS_CODE.say(lang)).into(),
        (None, None) => label.into(),
    }
}

/// Where an earlier visit was registered: this checkpoint's gate, or another checkpoint's (two
/// checkpoints may both have a "1号岗", issue 22).
pub fn repeat_place(hit: &crate::model::RepeatHit, own_checkpoint: &str) -> Said {
    let gate = &hit.gate;
    let gate_en = super::terms::default_name(gate, Language::En);
    if hit.checkpoint_id == own_checkpoint {
        Said::new(
            format!("本卡口{gate}"),
            format!("this checkpoint's {gate_en}"),
        )
    } else {
        let checkpoint = &hit.checkpoint_id;
        Said::new(
            format!("卡口 {checkpoint} {gate}"),
            format!("checkpoint {checkpoint}, {gate_en}"),
        )
    }
}

pub const SHOW_CODE: Phrase = p("请出示健康码", "Show your health code");
pub const GREEN: Phrase = p("绿码 通行", "GREEN — pass");
pub const YELLOW: Phrase = p("黄码 限制通行", "YELLOW — restricted");
pub const RED: Phrase = p("红码 禁止通行", "RED — no entry");
pub const UNSURE: Phrase = p("颜色未识别 请确认", "Colour unclear — confirm it");
pub const INVALID: Phrase = p(
    "离线验证无效：可能伪造或被篡改",
    "Invalid signature: forged or altered",
);
pub const EXPIRED: Phrase = p("码已过期，不能作为通行凭证", "Expired: not valid for entry");
pub const DIVERT: Phrase = p(
    "分流：来自中高风险地区，请到检查区",
    "Diverted: from a risk area, to the inspection area",
);
pub const REGISTER_WITHOUT_PHONE: Phrase = p(
    "无手机登记：请录入证件号并测温",
    "No phone: type the ID number and take the temperature",
);
pub const REGISTER_VEHICLE: Phrase = p(
    "车辆登记：请输入车牌、来源地和人数",
    "Vehicle: type the plate, origin and people on board",
);
pub const PASS_MEASURE: Phrase = p("出入证有效 · 请测温", "Pass valid — take the temperature");
pub const PASS_REPEAT: Phrase = p("出入证 重复查验 请核对", "Pass — REPEAT, check the person");
pub const COLOUR_NEEDED: Phrase = p(
    "请看手机上码的颜色，点选 绿 / 黄 / 红",
    "Look at the code on the phone and pick green, yellow or red",
);

/// A save on its way to disk: never "saved" before the commit.
pub const SAVING: Phrase = p("正在保存…", "Saving…");
/// Before the last person's outcome, once the next one is being checked.
pub const PREVIOUS: Phrase = p("上一位", "Previous:");

/// Name of a code format for the volunteer.
pub fn format_name(format: CodeFormat, lang: Language) -> &'static str {
    match format {
        CodeFormat::EuDcc => lang.pick("欧盟数字新冠证书", "EU Digital COVID Certificate"),
        CodeFormat::Pass => lang.pick("本检查点出入证", "Checkpoint pass"),
        CodeFormat::HealthCode => lang.pick("健康码", "Health code"),
        CodeFormat::Unknown => lang.pick("未识别的码", "Unrecognised code"),
    }
}

/// A temperature that is not one, and how to type it.
pub fn bad_temperature(error: &TemperatureError, lang: Language) -> String {
    match lang {
        Language::ZhCn => format!(
            "体温有误：{}。请重新输入，例如 36.5（只按 5 即 36.5）",
            temperature_zh(error)
        ),
        Language::En => {
            format!("Temperature: {error}. Type it again, e.g. 36.5 (just 5 means 36.5)")
        }
    }
}

/// A fever on the first reading: re-measure by contact.
pub fn remeasure_instruction(first: Celsius, lang: Language) -> String {
    match lang {
        Language::ZhCn => format!("体温 {first} 偏高！请用腕温或腋温复测，输入复测结果"),
        Language::En => {
            format!("{first} is a fever! Re-measure at the wrist or armpit and type the result")
        }
    }
}

/// The repeat look-up failed; the store's reason follows.
pub fn repeat_check_unavailable(error: &Said, lang: Language) -> String {
    match lang {
        Language::ZhCn => format!("重复查验不可用：{}", error.zh),
        Language::En => format!("Repeat check unavailable: {}", error.en),
    }
}

/// The code's colour as a fact, and what to do next: measure.
pub fn measure_temperature(colour: HealthColour, lang: Language) -> String {
    match lang {
        Language::ZhCn => format!("{} · 请测温", colour_word(colour, lang)),
        Language::En => format!("{} — take the temperature", colour_word(colour, lang)),
    }
}

pub fn remeasure_headline(first: Celsius, lang: Language) -> String {
    match lang {
        Language::ZhCn => format!("体温 {first} 偏高 请复测"),
        Language::En => format!("{first} — fever? re-measure"),
    }
}

pub fn fever_headline(celsius: Celsius, lang: Language) -> String {
    match lang {
        Language::ZhCn => format!("发热 {celsius} 移交 不可通行"),
        Language::En => format!("FEVER {celsius} — refer, no entry"),
    }
}

pub fn repeat_headline(colour: HealthColour, lang: Language) -> String {
    let colour = colour_word(colour, lang);
    match lang {
        Language::ZhCn => format!("{colour} 重复查验 请核对"),
        Language::En => format!("{colour} — REPEAT, check the person"),
    }
}

pub fn temperature_zh(error: &TemperatureError) -> String {
    match error {
        TemperatureError::NotANumber(text) => format!("“{text}”不是数字"),
        TemperatureError::OutOfRange(value) => format!("{value} °C 不在 34.0–42.5 °C 之间"),
    }
}

/// What happened to a saved person or vehicle.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct OutcomeWords {
    /// `None` for a vehicle, and for a green code (not worth saying).
    pub colour: Option<HealthColour>,
    pub fever: bool,
    pub repeat: bool,
    pub decision: Decision,
}

/// "已保存 20:48 …ZC1H · 黄码 移交": who (masked label or plate), when, and what happened.
pub fn saved_line(who: &str, at: DateTime<Utc>, outcome: OutcomeWords, lang: Language) -> String {
    let clock = at.with_timezone(&chrono::Local).format("%H:%M").to_string();
    let who = code_label(who, lang);
    let outcome = outcome_words(outcome, lang);
    match lang {
        Language::ZhCn => format!("已保存 {clock} {who} · {outcome}"),
        Language::En => format!("Saved {clock} {who} · {outcome}"),
    }
}

/// "放行", "发热 移交", "红码 劝返", … what happened, in a few words.
fn outcome_words(outcome: OutcomeWords, lang: Language) -> String {
    let mut words = Vec::new();
    if let Some(colour) = outcome
        .colour
        .filter(|colour| *colour != HealthColour::Green)
    {
        words.push(colour_word(colour, lang));
    }
    if outcome.fever {
        words.push(lang.pick("发热", "fever"));
    }
    if outcome.repeat {
        words.push(lang.pick("重复", "repeat"));
    }
    words.push(decision_word(outcome.decision, lang));
    words.join(" ")
}

pub fn colour_word(colour: HealthColour, lang: Language) -> &'static str {
    match colour {
        HealthColour::Green => lang.pick("绿码", "Green"),
        HealthColour::Yellow => lang.pick("黄码", "Yellow"),
        HealthColour::Red => lang.pick("红码", "Red"),
        HealthColour::Unknown => lang.pick("颜色未确认", "Colour unconfirmed"),
    }
}

/// One word per decision, the same on the saved line, the decision buttons, the Log and the
/// exports (`terms::decision`): 放行, 劝返, 移交, 分流.
pub fn decision_word(decision: Decision, lang: Language) -> &'static str {
    super::terms::decision(decision).say(lang)
}
