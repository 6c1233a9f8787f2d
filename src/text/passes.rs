//! The words for the district's own passes (issue 25): the pass verdict's banner lines, the
//! reuse warning, and the leader's pass tasks.

use super::{Phrase, Said, p};
use crate::config::Language;
use crate::model::PassVerdict;
use crate::model::pass_card::CardWords;

/// The banner's headline for a pass, by verdict.
pub fn verdict_headline(verdict: PassVerdict) -> Phrase {
    match verdict {
        PassVerdict::Valid => p("出入证有效 通行", "Pass valid: may pass"),
        PassVerdict::Expired => p("出入证已过期 禁止通行", "Pass expired: do not let through"),
        PassVerdict::Revoked => p("出入证已注销 禁止通行", "Pass revoked: do not let through"),
        PassVerdict::UnknownIssuer => p(
            "未知签发单位的出入证 禁止通行",
            "Pass from an unknown issuer: do not let through",
        ),
        PassVerdict::Forged => p(
            "出入证签名无效：可能伪造 禁止通行",
            "Pass signature invalid, may be forged: do not let through",
        ),
    }
}

/// The second line: what to do.
pub fn verdict_detail(verdict: PassVerdict) -> Phrase {
    match verdict {
        PassVerdict::Valid => p("请核对持证人", "Check the holder"),
        PassVerdict::Expired => p(
            "请持证人到签发卡口续办",
            "Send the holder to the issuing gate to renew it",
        ),
        PassVerdict::Revoked => p(
            "签发卡口已注销此证，请按规定处置",
            "The issuing gate revoked this pass: follow the rules for revoked passes",
        ),
        PassVerdict::UnknownIssuer => p(
            "本卡口不认识签发印章：请联系签发卡口或辖区管理员",
            "This gate does not know the issuing key: call the issuing gate or the district",
        ),
        PassVerdict::Forged => p(
            "请核对证件并报告组长",
            "Check the holder's documents and tell the shift leader",
        ),
    }
}

/// Counted apart from colours in reports.
pub fn verdict_counted(verdict: PassVerdict) -> Phrase {
    match verdict {
        PassVerdict::Valid => p("出入证有效", "Passes valid"),
        PassVerdict::Expired => p("出入证已过期", "Passes expired"),
        PassVerdict::Revoked => p("出入证已注销", "Passes revoked"),
        PassVerdict::UnknownIssuer => p("未知签发单位的出入证", "Passes of unknown issuers"),
        PassVerdict::Forged => p("出入证签名无效", "Passes with invalid signatures"),
    }
}

/// The counter bar's pass counts: valid, refused.
pub const COUNTER_LABELS: [Phrase; 2] = [
    p("出入证有效", "Passes valid"),
    p("出入证拒绝", "Passes refused"),
];

pub const LEADER_PIN_HINT: Phrase = p(
    "创建印章、认可印章、签发和注销出入证，每次都需组长姓名和 PIN",
    "Creating or accepting a stamp, issuing and revoking a pass each need a leader's name and PIN",
);
pub const LEADER_NAME: Phrase = p("核准班长姓名", "Approving leader's name");
pub const LEADER_PIN: Phrase = p("核准班长密码（PIN）", "Approving leader's PIN");
pub const LEADER_PIN_NEEDED: Phrase = p(
    "请先填写核准班长的姓名和密码（PIN）：未执行",
    "Type a leader's name and PIN first: nothing was done",
);
pub const LEADER_PIN_WRONG: Phrase = p(
    "组长姓名或 PIN 不对：未执行。请重新输入",
    "Wrong leader name or PIN: nothing was done. Type them again",
);
pub const TASK_NOT_DONE: Phrase = p("出入证操作未完成", "Pass task NOT done");
pub const PRINT_CARD: Phrase = p("打印卡片", "Print the card");
pub const OPEN_CARD: Phrase = p("打开卡片", "Open the card");
pub const ISSUED_LIST: Phrase = p("本卡口签发的出入证", "Passes issued here");
pub const SEARCH: Phrase = p("查找（姓名/住址/编号）", "Search (name, unit, number)");
pub const VALID_TO: Phrase = p("至", "to");
pub const REVOKED_MARK: Phrase = p("已注销", "revoked");
pub const REVOKE: Phrase = p("注销…", "Revoke…");
pub const REVOKE_BY_ID: Phrase = p("按编号注销出入证", "Revoke a pass by number");
pub const REVOKE_REASON: Phrase = p("注销原因", "Reason");
pub const REVOKE_YES: Phrase = p("确认注销", "Yes, revoke it");
pub const REVOKE_NO: Phrase = p("取消", "Cancel");

/// "Revoke pass P…? Every gate of the district will refuse it."
pub fn confirm_revoke(pass_id: &str) -> Said {
    Said::new(
        format!("确认注销出入证 {pass_id}？注销后辖区各卡口都将拒绝此证，无法撤回。请填写原因"),
        format!(
            "Revoke pass {pass_id}? Every gate of the district will refuse it, and it cannot be undone. Give a reason"
        ),
    )
}

/// Where the card is, when no printer or browser could be started.
pub fn card_saved_at(path: &str) -> Said {
    Said::new(
        format!("未找到打印机或浏览器：卡片已保存在 {path}，请拷走打印"),
        format!("No printer or browser found: the card is saved at {path}; copy it to print"),
    )
}

pub fn card_sent(printer: bool) -> Said {
    if printer {
        Said::new("卡片已发送到打印机", "The card was sent to the printer")
    } else {
        Said::new(
            "卡片已在浏览器中打开：请从浏览器打印",
            "The card is open in the browser: print it from there",
        )
    }
}

pub const CARD_NOT_STARTED: Phrase = p("无法打开卡片", "Cannot open the card");

/// "This pass was used at GATE N minutes ago" — "just now" under a minute.
pub fn reuse_warning(minutes_apart: i64, previous_gate: &str) -> Said {
    if minutes_apart < 1 {
        Said::new(
            format!("注意：此出入证刚刚在 {previous_gate} 使用过，可能被转借或复制，请核对本人"),
            format!(
                "Warning: this pass was used at {previous_gate} just now; it may be lent or copied: check the holder"
            ),
        )
    } else {
        Said::new(
            format!(
                "注意：此出入证 {minutes_apart} 分钟前刚在 {previous_gate} 使用过，可能被转借或复制，请核对本人"
            ),
            format!(
                "Warning: this pass was used at {previous_gate} {minutes_apart} minutes ago; it may be lent or copied: check the holder"
            ),
        )
    }
}

/// What an imported neighbour file's pass keys and revocations did (issue 25).
pub fn neighbour_file_items(lang: Language, kept: usize, refused: u64) -> String {
    let refused_words = match (lang, refused) {
        (_, 0) => String::new(),
        (Language::ZhCn, n) => format!("，{n} 项未通过核验（签名或本辖区印记不符），已拒收"),
        (Language::En, n) => format!(
            "; {n} refused: unreadable, not signed by their issuer, or not sealed by our district"
        ),
    };
    match lang {
        Language::ZhCn => format!("出入证：新收到 {kept} 项签发密钥或注销{refused_words}。"),
        Language::En => format!("Passes: {kept} new issuing keys or revocations{refused_words}."),
    }
}

/// The words printed on a pass card: in Chinese whatever the screen's language, as the card is
/// shown at Chinese gates.
pub const CARD: CardWords = CardWords {
    title: "出入证",
    name: "姓名",
    unit: "住址",
    kind: "类别",
    valid_to: "有效期至",
    number: "编号",
    resident: "居民",
    worker: "工作人员",
    vehicle: "车辆",
};

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_pass_used_seconds_ago_was_used_just_now_not_zero_minutes_ago() {
        let said = reuse_warning(0, "1号岗");
        assert!(said.zh.contains("刚刚在 1号岗"), "{}", said.zh);
        assert!(!said.zh.contains("0 分钟"));
        assert!(said.en.contains("just now"));
        assert!(reuse_warning(3, "1号岗").zh.contains("3 分钟前"));
    }

    #[test]
    fn each_refused_pass_has_its_own_words_and_none_says_red() {
        let words: Vec<&str> = PassVerdict::ALL
            .iter()
            .map(|verdict| verdict_headline(*verdict).zh)
            .collect();
        for (index, word) in words.iter().enumerate() {
            assert!(!word.contains("红码"), "{word}");
            assert!(!words[index + 1..].contains(word));
        }
        assert!(
            verdict_headline(PassVerdict::Revoked)
                .zh
                .contains("出入证已注销")
        );
        assert!(
            verdict_headline(PassVerdict::Expired)
                .zh
                .contains("出入证已过期")
        );
        assert!(
            verdict_headline(PassVerdict::UnknownIssuer)
                .zh
                .contains("未知签发单位的出入证")
        );
        assert!(
            verdict_headline(PassVerdict::Forged)
                .zh
                .contains("出入证签名无效：可能伪造")
        );
    }
}
