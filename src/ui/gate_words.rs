//! The words of the gate's forms: code formats, what a form still needs, temperature errors.

use super::person_form::ConfirmBlock;
use crate::config::Language;
use crate::model::CodeFormat;

/// Name of a code format for the volunteer.
pub fn format_name(format: CodeFormat, lang: Language) -> &'static str {
    match format {
        CodeFormat::EuDcc => lang.pick("欧盟数字新冠证书", "EU Digital COVID Certificate"),
        CodeFormat::Pass => lang.pick("本检查点出入证", "Checkpoint pass"),
        CodeFormat::HealthCode => lang.pick("健康码", "Health code"),
        CodeFormat::Unknown => lang.pick("未识别的码", "Unrecognised code"),
    }
}

/// What the form still needs, said so that a tired volunteer knows what to do next.
pub fn block_text(block: &ConfirmBlock, lang: Language) -> String {
    match block {
        ConfirmBlock::ColourNeeded => lang
            .pick(
                "请看手机上码的颜色，点选 绿 / 黄 / 红",
                "Look at the code on the phone and pick green, yellow or red",
            )
            .to_owned(),
        ConfirmBlock::BadTemperature(error) => match lang {
            Language::ZhCn => format!(
                "体温有误：{}。请重新输入，例如 36.5（只按 5 即 36.5）",
                temperature_zh(error)
            ),
            Language::En => {
                format!("Temperature: {error}. Type it again, e.g. 36.5 (just 5 means 36.5)")
            }
        },
        ConfirmBlock::Remeasure { first } => match lang {
            Language::ZhCn => format!("体温 {first} 偏高！请用腕温或腋温复测，输入复测结果"),
            Language::En => {
                format!("{first} is a fever! Re-measure at the wrist or armpit and type the result")
            }
        },
    }
}

pub fn temperature_zh(error: &crate::model::temperature::TemperatureError) -> String {
    use crate::model::temperature::TemperatureError;
    match error {
        TemperatureError::NotANumber(text) => format!("“{text}”不是数字"),
        TemperatureError::OutOfRange(value) => format!("{value} °C 不在 34.0–42.5 °C 之间"),
    }
}
