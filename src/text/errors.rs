//! The errors of the model and the settings in the person's words. Each stays a `thiserror`
//! enum where it is made, its English `Display` the one English wording (for the screens and
//! the logs alike); its Chinese is here, once, as a function of the error, and [`Bilingual`]
//! joins the two. (`model` and `config` may not name `text`: the words come to the error.)

use super::Bilingual;
use crate::config::Language;
use crate::config::{
    ConfigError, FONT_SCALE_RANGE, MAX_LABEL_CHARS, MAX_REPEAT_WINDOW_MINUTES, MAX_RETENTION_DAYS,
    PassphraseTooShort, RangeProblem,
};
use crate::model::document::{DocumentError, DocumentKind};
use crate::model::id_number::IdError;
use crate::model::name::NameError;
use crate::model::phone::PhoneError;
use crate::model::plate::PlateError;
use crate::model::region::RegionError;
use crate::model::risk::RiskError;
use crate::model::roster::RosterError;
use crate::model::temperature::FeverThresholdError;

/// Each error: Chinese from the function here, English from its `Display`.
macro_rules! worded {
    ($($error:ty => $zh:ident),* $(,)?) => {
        $(impl Bilingual for $error {
            fn zh(&self) -> String {
                $zh(self)
            }

            fn en(&self) -> String {
                self.to_string()
            }
        })*
    };
}

worded!(
    IdError => id_number,
    DocumentError => document,
    NameError => name,
    PhoneError => phone,
    RegionError => region,
    RiskError => risk,
    RosterError => roster,
    FeverThresholdError => fever_line,
    PlateError => plate,
    ConfigError => config,
    PassphraseTooShort => passphrase,
);

/// What a valid number of the kind looks like, in Chinese.
fn expected_document(kind: DocumentKind) -> &'static str {
    match kind {
        DocumentKind::ResidentId => "18位",
        DocumentKind::HkMacauPermit => "H或M加8位数字，如H12345678",
        DocumentKind::TaiwanPermit => "8位数字，如12345678",
        DocumentKind::MainlandPermitToHkMacau => "C加8位数字，或C加1个字母再加7位数字",
        DocumentKind::ChinesePassport => "E加8位数字，或E加1个字母再加7位数字",
        DocumentKind::ForeignPassport => "5至20位字母和数字",
    }
}

/// A setting out of its range, in Chinese (after the field's name).
fn range_problem(problem: &RangeProblem) -> String {
    match problem {
        RangeProblem::EmptyId => "为空：请给本检查点一个简短编号，例如 \"east-gate\"".to_owned(),
        RangeProblem::LongLabel => format!("最多 {MAX_LABEL_CHARS} 个字符，且只能一行"),
        RangeProblem::Retention(days) => {
            format!("为 {days}：必须在 1 到 {MAX_RETENTION_DAYS} 天之间")
        }
        RangeProblem::RepeatWindow(minutes) => {
            format!("为 {minutes}：最多 {MAX_REPEAT_WINDOW_MINUTES} 分钟")
        }
        RangeProblem::FontScale(scale) => format!(
            "为 {scale}：必须在 {} 到 {} 之间",
            FONT_SCALE_RANGE.start(),
            FONT_SCALE_RANGE.end()
        ),
        RangeProblem::FeverLine(value) => {
            format!("为 {value}：必须是 36 到 40 °C 之间的体温（否则发热报警永远不会响）")
        }
    }
}

fn id_number(error: &IdError) -> String {
    match error {
        IdError::Empty => "身份证号码为空，请输入身份证上的18位号码".to_owned(),
        IdError::WrongLength(count) => {
            format!("身份证号码有{count}位，应为18位（旧证15位），请核对后重新输入")
        }
        IdError::BadCharacter { position, found } => {
            format!("第{position}位的“{found}”不正确：前17位应为数字，最后一位为数字或X")
        }
        IdError::UnknownProvince(prefix) => {
            format!("开头的“{prefix}”不是省份代码，请核对前两位")
        }
        IdError::NoSuchDate(date) => format!("出生日期{date}不存在，请核对第7至14位"),
        IdError::BornInFuture(date) => format!("出生日期{date}在今天之后，请核对第7至14位"),
        IdError::BornTooEarly(date) => format!("出生日期{date}早于1850年，请核对第7至14位"),
        IdError::WrongCheckChar { expected, found } => {
            format!("最后一位应为{expected}而不是{found}，请核对号码后重新输入")
        }
    }
}

fn document(error: &DocumentError) -> String {
    match error {
        DocumentError::ResidentId(error) => id_number(error),
        DocumentError::Empty => "证件号码为空，请输入证件上的号码".to_owned(),
        DocumentError::WrongFormat { kind, number } => format!(
            "“{number}”不是有效的{}号码：应为{}，请核对后重新输入",
            super::terms::document_kind(*kind, Language::ZhCn),
            expected_document(*kind)
        ),
    }
}

fn name(error: &NameError) -> String {
    match error {
        NameError::Empty => "姓名为空，请按证件填写姓名".to_owned(),
        NameError::TooLong(count) => format!("姓名有{count}个字，超过40个，请按证件填写"),
        NameError::Digit(c) => format!("姓名中不能有数字（“{c}”），请按证件填写"),
        NameError::UnsupportedChar(c) => {
            format!("姓名中不能有“{c}”，请使用汉字，或拉丁字母加空格、连字符、撇号")
        }
        NameError::MixedScripts => "姓名混用了汉字和拉丁字母，请只用其中一种".to_owned(),
        NameError::MisplacedSeparator(c) => format!("“{c}”应在姓名两部分之间，请删去多余的"),
    }
}

fn phone(error: &PhoneError) -> String {
    match error {
        PhoneError::Empty => "电话号码为空，请输入手机号，如13812345678".to_owned(),
        PhoneError::BadCharacter(c) => format!("电话号码中不能有“{c}”，请只输入数字"),
        PhoneError::NotAPhoneNumber(digits) => format!(
            "{digits}不是有效的国内电话号码：手机号为1开头的11位数字，固话请带区号，如010-12345678"
        ),
    }
}

fn region(error: &RegionError) -> String {
    match error {
        RegionError::Json(detail) => {
            format!("地区列表不是有效的JSON（{detail}），请恢复data/regions.json")
        }
        RegionError::BadCode(code) => {
            format!("地区代码“{code}”应为2、4或6位数字，请在地区列表中改正")
        }
        RegionError::DuplicateCode(code) => format!("地区代码{code}重复，请在地区列表中删去一个"),
        RegionError::WrongProvince { code, province } => {
            format!("地区{code}所属省份“{province}”与代码不符，请在地区列表中改正")
        }
    }
}

fn risk(error: &RiskError) -> String {
    match error {
        RiskError::Json(detail) => {
            format!("无法读取风险地区列表（{detail}），请确认文件为JSON列表后重新导入")
        }
        RiskError::BadDate(text) => {
            format!("风险地区列表日期“{text}”无效，请将“updated”改为2026-11-20这样的日期")
        }
        RiskError::UnknownRegion(text) => {
            format!("风险地区列表中的“{text}”不是已知地区，请使用4403这样的代码或深圳市这样的全称")
        }
        RiskError::TooLarge(bytes) => {
            format!("风险地区列表文件有{bytes}字节，过大，请确认是否选错文件")
        }
        RiskError::NotUtf8 => {
            "风险地区列表文件不是UTF-8文本，请另存为UTF-8的CSV或JSON后重新导入".into()
        }
        RiskError::TooManyAreas(count) => {
            format!("风险地区列表有{count}个地区，过多，请确认是否选错文件")
        }
        RiskError::FutureDate(date) => {
            format!("风险地区列表日期{date}在未来，请改正文件中的“updated”")
        }
        RiskError::BadLevel { line, text } => {
            format!("风险地区列表第{line}行的等级“{text}”无效，请填high（高）或medium（中）")
        }
        RiskError::BadLine { line, text } => {
            format!("风险地区列表第{line}行（“{text}”）不是“地区,等级,备注”格式，格式见README")
        }
    }
}

fn roster(error: &RosterError) -> String {
    match error {
        RosterError::BadTime(text) => {
            format!("排班时间 {text:?} 不是 时:分 格式（如 08:00 或 24:00）")
        }
        RosterError::Empty(name) => format!("排班 {name:?} 的开始和结束时间相同"),
    }
}

fn fever_line(error: &FeverThresholdError) -> String {
    format!(
        "发热线为 {}：必须是 36 到 40 °C 之间的体温（否则发热报警永远不会响）",
        error.value()
    )
}

fn plate(error: &PlateError) -> String {
    match error {
            PlateError::Empty => "车牌号为空，请按京A12345的格式输入".to_owned(),
            PlateError::UnknownProvince(c) => format!("“{c}”不是省份简称，请从省份键盘选择第一个字"),
            PlateError::BadAuthorityLetter(c) => {
                format!("第二位应为I以外的字母A–Z，而不是“{c}”，请核对车牌")
            }
            PlateError::LetterIOrO => "第二位之后不使用字母I和O，是否应为数字1或0？".to_owned(),
            PlateError::BadCharacter(c) => format!("此处不能有“{c}”，前两位之后应为数字和字母"),
            PlateError::WrongLength(count) => {
                format!("车牌有{count}位；普通号牌为7位（京A12345），新能源号牌为8位")
            }
            PlateError::TooManyLetters(count) => format!("后五位有{count}个字母，最多2个，请核对"),
            PlateError::NotNewEnergy => "8位车牌应为新能源号牌：第三位（粤ED12345）或最后一位（粤E12345D）为D A B C E F G H J K之一".to_owned(),
            PlateError::BadSuffixedPlate(c) => format!("以“{c}”结尾的车牌在字母和“{c}”之间有4位，如粤E1234学"),
            PlateError::HongKongMacauOutsideGuangdong => "港、澳号牌均以粤Z开头，如粤Z1234港".to_owned(),
            PlateError::BadEmbassyPlate => "使馆号牌为“使”加6位数字，如使224009".to_owned(),
        }
}

fn config(error: &ConfigError) -> String {
    match error {
        ConfigError::NoDefaultDir => "找不到本用户的数据文件夹：请用 --data-dir 指定".to_owned(),
        ConfigError::Io { path, source } => {
            format!("无法使用数据文件夹 {}（{source}）", path.display())
        }
        ConfigError::BadConfig { path, source } => format!(
            "{} 中的设置无效（{source}）：请修正，或删除该文件以恢复默认设置",
            path.display()
        ),
        ConfigError::BadSecret { path } => format!(
            "本机哈希密钥 {} 已损坏：请用备份恢复（换了密钥，以前的哈希将无法比对）",
            path.display()
        ),
        ConfigError::BadSharedSecret { path, detail } => format!(
            "{} 不是可用的共享哈希密钥（{detail}）：请从生成它的卡口重新复制",
            path.display()
        ),
        ConfigError::OutOfRange {
            path,
            field,
            problem,
        } => format!(
            "设置文件 {} 中的 {field} {}：请在“设置”中或直接在文件中修正",
            path.display(),
            range_problem(problem)
        ),
        ConfigError::AlreadyExists { path } => {
            format!(
                "{} 已存在：请换一个文件名（没有覆盖任何文件）",
                path.display()
            )
        }
        ConfigError::InUse { path } => format!(
            "另一个检查点程序正在使用数据文件夹 {}：请切换到那个窗口（或先关闭它），不要再开第二个",
            path.display()
        ),
        ConfigError::Passphrase(short) => {
            format!("{}（CHECKPOINT_KIOSK_PASSPHRASE）", passphrase(short))
        }
    }
}

#[allow(clippy::trivially_copy_pass_by_ref)] // `worded!` passes every error by reference
fn passphrase(error: &PassphraseTooShort) -> String {
    format!("口令太短：请至少使用 {} 个字符", error.least)
}

/// The Chinese of `codes::CodesError`; `app::bilingual` matches the error to these (`codes` and
/// `text` may not name each other).
pub mod codes {
    use std::fmt::Display;
    use std::path::Path;

    pub fn io(path: &Path, source: &impl Display) -> String {
        format!(
            "无法读写 {}（{source}）：请检查文件和磁盘空间",
            path.display()
        )
    }

    pub fn bad_trust_pem(detail: &str) -> String {
        format!("信任列表不是 PEM 格式的 X.509 证书（{detail}）：请导出签发者证书为 PEM 后重试")
    }

    pub fn unsupported_signer_key(subject: &str) -> String {
        format!("证书 {subject} 的密钥既非 P-256 也非 RSA：只支持 ES256 和 PS256 签发者")
    }

    pub fn bad_issuer_table(path: &Path, detail: &str) -> String {
        format!(
            "签发方表 {} 不是有效的 TOML（{detail}）：请修正或删除它",
            path.display()
        )
    }

    pub const NO_SIGNING_KEY: &str = "还没有出入证印章：请班长先在“设置”里点“创建出入证印章”";

    pub fn signing_key_exists(path: &Path) -> String {
        format!(
            "签发密钥已存在（{}），未作改动；只有确定要更换时才自行删除它",
            path.display()
        )
    }

    pub fn bad_key_file(path: &Path) -> String {
        format!(
            "{} 不是 Ed25519 公钥文件：请使用邻近卡口“导出公钥”生成的文件",
            path.display()
        )
    }

    pub fn bad_register(path: &Path, detail: &str) -> String {
        format!(
            "出入证登记簿 {} 已损坏（{detail}）：请用备份恢复",
            path.display()
        )
    }

    pub fn bad_pass_details(detail: &str) -> String {
        format!("出入证信息有误（{detail}）：请检查姓名、住址、车牌和天数")
    }

    pub fn render(detail: &str) -> String {
        format!("无法生成出入证图片（{detail}）：请重试或上报")
    }
}

/// The Chinese of `desktop::AutostartError` (joined in `app::bilingual`).
pub mod autostart {
    use std::fmt::Display;
    use std::path::Path;

    pub const NO_CONFIG_HOME: &str = "找不到本用户的配置文件夹（未设置 XDG_CONFIG_HOME 和 HOME）：请用本机用户登录后再设置开机启动";

    pub fn cannot_write(path: &Path, source: &impl Display) -> String {
        format!(
            "无法写入开机启动项 {}（{source}）：请检查该文件夹的权限",
            path.display()
        )
    }
}

/// Report and export failures (`report::ReportError`), both languages.
pub mod report {
    use std::fmt::Display;

    use crate::text::Said;

    pub fn write(path: impl Display, detail: impl Display) -> Said {
        Said::new(
            format!("无法写入 {path}（{detail}）：请换一个文件夹或清理磁盘空间"),
            format!("cannot write {path} ({detail}): choose another folder or free disk space"),
        )
    }

    pub fn read(path: impl Display, detail: impl Display) -> Said {
        Said::new(
            format!("无法读取 {path}（{detail}）：请检查文件名和路径"),
            format!("cannot read {path} ({detail}): check the file name"),
        )
    }

    pub fn not_an_export(path: impl Display, detail: impl Display) -> Said {
        Said::new(
            format!("{path} 不是本程序的导出文件（{detail}）：只能导入“导出 JSON”生成的文件"),
            format!(
                "{path} is not a checkpoint-kiosk export ({detail}): import only files made by `export --format json`"
            ),
        )
    }

    pub fn unknown_schema(
        path: impl Display,
        found: impl Display,
        supported: impl Display,
    ) -> Said {
        Said::new(
            format!("{path} 的格式为 {found}，本程序读取 {supported}：请升级程序"),
            format!(
                "{path} uses export schema {found}, this app reads {supported}: update the app"
            ),
        )
    }

    pub fn xlsx(detail: impl Display) -> Said {
        Said::new(
            format!("无法生成 Excel 文件（{detail}）：请改用 CSV 并上报此问题"),
            format!("cannot build the Excel file ({detail}): try CSV instead and report this"),
        )
    }

    pub fn inside_data_folder(path: impl Display, folder: impl Display) -> Said {
        Said::new(
            format!(
                "{path} 位于本机数据文件夹 {folder} 内：请把导出文件存到别处，例如 U 盘（未写入任何文件）"
            ),
            format!(
                "{path} is inside the kiosk's data folder {folder}: save exports elsewhere, such as a USB stick (nothing was written)"
            ),
        )
    }

    pub fn target_exists(path: impl Display) -> Said {
        Said::new(
            format!("{path} 已存在：请换一个文件名（未覆盖任何文件）"),
            format!(
                "{path} already exists: choose another file name, or pass --force to replace it (nothing was written)"
            ),
        )
    }

    pub fn bad_import(path: impl Display, detail: impl Display, detail_zh: impl Display) -> Said {
        Said::new(format!("{path}：{detail_zh}"), format!("{path}: {detail}"))
    }
}

/// What can go wrong talking to the district's server (`district::DistrictError`), both
/// languages.
pub mod district {
    use std::fmt::Display;

    use crate::text::Said;

    pub fn bad_address(detail: impl Display) -> Said {
        Said::new(
            format!("区数据库地址无效（{detail}）：请检查 kiosk.toml 的 [district] 设置"),
            format!(
                "the district server address is not valid ({detail}): write it like postgresql://kiosk_east@db.example:5432/district"
            ),
        )
    }

    pub fn password_file(path: impl Display, detail: impl Display) -> Said {
        Said::new(
            format!("无法读取密码文件 {path}（{detail}）：请检查 kiosk.toml 的 [district] 设置"),
            format!(
                "cannot read the password file {path} ({detail}): check the path in kiosk.toml's [district] section"
            ),
        )
    }

    pub fn unreachable(server: impl Display, detail: impl Display) -> Said {
        Said::new(
            format!("连不上区数据库 {server}：请检查网络；本机照常登记，记录在本机排队等待上传"),
            format!(
                "cannot reach the district server {server} ({detail}): check the network and the address; the gate keeps working and entries wait here until it is back"
            ),
        )
    }

    pub fn login_refused(server: impl Display, detail: impl Display) -> Said {
        Said::new(
            format!("区数据库 {server} 拒绝登录：请检查角色名和密码文件"),
            format!(
                "the district server {server} refused the login ({detail}): check the role name and its password file"
            ),
        )
    }

    pub fn tls(detail: impl Display) -> Said {
        Said::new(
            format!("无法建立加密连接（{detail}）：请检查 ca_file 设置"),
            format!(
                "cannot set up TLS for the district server ({detail}): check ca_file in kiosk.toml's [district] section"
            ),
        )
    }

    pub fn not_initialised() -> Said {
        Said::new("区数据库尚未初始化：请管理员先运行 district init".to_owned(), "the district database has no checkpoint-kiosk schema yet: the administrator runs `checkpoint-kiosk district init --postgres URL` first".to_owned())
    }

    pub fn too_new(found: impl Display, supported: impl Display) -> Said {
        Said::new(
            "区数据库版本比本程序新：请更新 checkpoint-kiosk".to_owned(),
            format!(
                "the district database has schema {found}, newer than this app understands ({supported}): update checkpoint-kiosk"
            ),
        )
    }

    pub fn not_a_kiosk(role: impl Display) -> Said {
        Said::new(
            format!("角色 {role} 未登记为卡口：请管理员运行 district add-kiosk"),
            format!(
                "the role {role} is not registered as a kiosk: the administrator runs `checkpoint-kiosk district add-kiosk --role {role} --checkpoint ID`"
            ),
        )
    }

    pub fn wrong_checkpoint(ours: impl Display, theirs: impl Display) -> Said {
        Said::new(
            format!("本机是卡口 {ours}，区数据库登记的是 {theirs}：请修正设置或联系管理员"),
            format!(
                "this kiosk is checkpoint {ours} but the server registered its role for {theirs}: fix checkpoint_id in kiosk.toml or ask the administrator"
            ),
        )
    }

    pub fn other_secret(ours: impl Display, theirs: impl Display) -> Said {
        Said::new(
            "本机哈希密钥与全区不同：请用 keys join-secret 导入全区密钥，否则无法跨卡口识别重复"
                .to_owned(),
            format!(
                "this kiosk's hashing secret ({ours}) is not the district's ({theirs}): copy the district's secret with `keys join-secret`, or repeats across gates cannot be recognised"
            ),
        )
    }

    pub fn refused(detail: impl Display) -> Said {
        Said::new(
            "区数据库拒绝了本机的修改：卡口只能写本卡口的记录".to_owned(),
            format!(
                "the district server refused the change ({detail}): a kiosk may only write its own checkpoint's rows"
            ),
        )
    }

    pub fn bad_role_name(name: impl Display) -> Said {
        Said::new(
            format!("角色名“{name}”无效：只能用小写字母、数字和下划线"),
            format!(
                "role names are lowercase letters, digits and _ (starting with a letter), at most 63: “{name}” is not"
            ),
        )
    }

    pub fn not_our_role(name: impl Display) -> Said {
        Said::new(
            format!("角色“{name}”不是由本程序为此用途创建的（或为保留、特权角色）：请换一个名字"),
            format!(
                "the role “{name}” was not made by `district add-kiosk` / `add-reader` for this kind of role (or is reserved or privileged): choose another name"
            ),
        )
    }

    pub fn too_old(found: impl Display, needed: impl Display) -> Said {
        Said::new(
            "区数据库版本过旧：请管理员运行 district init 升级".to_owned(),
            format!(
                "the district database has schema {found}, older than this app needs ({needed}): the administrator runs `checkpoint-kiosk district init` to upgrade it"
            ),
        )
    }

    pub fn weak_password() -> Said {
        Said::new(
            "密码太短：至少 12 个字符".to_owned(),
            "the password is too short: use at least 12 characters".to_owned(),
        )
    }

    pub fn server(detail: impl Display) -> Said {
        Said::new(
            "区数据库出错：请稍后重试，反复出现请联系管理员".to_owned(),
            format!(
                "the district server failed ({detail}): try again; if it repeats, tell the district's administrator"
            ),
        )
    }
}

/// Starting or running the office's web server (`office::OfficeError`), both languages.
pub mod office {
    use std::fmt::Display;

    use crate::text::{Phrase, Said, p};

    pub fn listen(listen: impl Display, detail: impl Display) -> Said {
        Said::new(
            format!("无法在 {listen} 上监听：{detail}，请换一个 --listen 地址或停止占用它的程序"),
            format!(
                "cannot listen on {listen}: {detail} — choose another --listen address or stop what uses it"
            ),
        )
    }

    pub fn runtime(detail: impl Display) -> Said {
        Said::new(
            format!("网页服务已停止：{detail}，请重新运行 `district serve`"),
            format!("the web server stopped: {detail} — start `district serve` again"),
        )
    }

    pub fn bad_viewer_name(name: impl Display) -> Said {
        Said::new(
            format!("查看账号名为 1–64 个字母、数字、'.'、'_' 或 '-'：“{name}” 不符合"),
            format!("a viewer's name is 1–64 letters, digits, '.', '_' or '-': “{name}” is not"),
        )
    }

    pub const WEAK_PASSWORD: Phrase = p(
        "密码不足 12 个字符，请换一个更长的密码",
        "the password is shorter than 12 characters: choose a longer one",
    );

    pub fn hash(detail: impl Display) -> Said {
        Said::new(
            format!("无法计算密码哈希：{detail}"),
            format!("cannot hash the password: {detail}"),
        )
    }
}

/// The plate reader's models (`plate::ModelError`), both languages.
pub mod plate_models {
    use std::fmt::Display;

    use crate::text::Said;

    pub fn missing(looked: impl Display) -> Said {
        Said::new(
            format!(
                "未安装车牌识别模型（已查找 {looked}），请手动输入车牌；重新安装本软件包即可用摄像头识别车牌"
            ),
            format!(
                "the plate models are not installed (looked in {looked}); plates are typed by hand. Reinstall the kiosk package to read plates by camera"
            ),
        )
    }

    pub fn damaged(file: impl Display, why: impl Display) -> Said {
        Said::new(
            format!(
                "车牌识别模型 {file} 已损坏或不是登记的文件（{why}），请手动输入车牌；请重新安装本软件包"
            ),
            format!(
                "the plate model {file} is damaged or not the recorded file ({why}); plates are typed by hand. Reinstall the kiosk package"
            ),
        )
    }

    pub fn runtime(file: impl Display, why: impl Display) -> Said {
        Said::new(
            format!(
                "车牌识别模型 {file} 无法运行（{why}），请手动输入车牌；请重新安装本软件包或报告此问题"
            ),
            format!(
                "the plate model {file} could not be run ({why}); plates are typed by hand. Reinstall the kiosk package or report this"
            ),
        )
    }
}

/// Why one imported record was refused, quoting nothing from it (`report::Refusal`).
pub mod import_refusal {
    use std::fmt::Display;

    use crate::text::{Phrase, Said, p};

    pub fn own_checkpoint(checkpoint_id: &str) -> Said {
        Said::new(
            format!("记录的卡口是本机自己的卡口 {checkpoint_id}：只导入邻近卡口的记录"),
            format!(
                "it is recorded at this kiosk's own checkpoint {checkpoint_id}: only neighbours' entries are imported"
            ),
        )
    }

    pub const NOT_RFC_3339: Phrase = p("时间格式不是 RFC 3339", "its time is not RFC 3339");
    pub const WRONG_TYPE: Phrase = p(
        "有字段的类型或取值不对",
        "a field has the wrong type or value",
    );
    pub const VOID_TIME_OUT_OF_RANGE: Phrase =
        p("作废时间超出范围", "its void time is out of range");
    pub const NO_CHECKPOINT_ID: Phrase = p("checkpoint_id 为空", "checkpoint_id is empty");

    pub fn missing_field(field: &str) -> Said {
        Said::new(
            format!("缺少字段 {field}"),
            format!("the field {field} is missing"),
        )
    }

    pub fn time_out_of_range(earliest_year: impl Display) -> Said {
        Said::new(
            format!("时间不是 {earliest_year} 年至明天之间的 RFC 3339 时间"),
            format!("its time is not an RFC 3339 time between {earliest_year} and tomorrow"),
        )
    }

    pub fn too_long(field: &str, chars: usize, limit: usize) -> Said {
        Said::new(
            format!("{field} 有 {chars} 个字符，超过上限 {limit}"),
            format!("{field} has {chars} characters, more than the {limit} allowed"),
        )
    }

    pub fn too_many_readings(most: usize) -> Said {
        Said::new(
            format!("体温读数超过 {most} 个"),
            format!("it has more than {most} temperature readings"),
        )
    }

    pub fn too_many_passengers(most: impl Display) -> Said {
        Said::new(
            format!("乘客超过 {most} 人"),
            format!("it has more than {most} passengers"),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::FeverThreshold;
    use crate::model::document::Document;
    use crate::model::id_number::ResidentId;

    #[test]
    fn each_error_says_itself_in_both_languages() {
        let id = ResidentId::parse("110105194912310021").expect_err("a wrong check character");
        assert!(id.zh().contains("最后一位应为X"), "{}", id.zh());
        assert_eq!(id.en(), id.to_string());
        let fever = FeverThreshold::new(41.0).expect_err("no body temperature");
        assert!(fever.zh().contains("36 到 40"), "{}", fever.zh());
        let permit = Document::parse(DocumentKind::TaiwanPermit, "12").expect_err("too short");
        assert!(permit.zh().contains("8位数字"), "{}", permit.zh());
        assert!(
            permit.zh().contains("台湾居民来往大陆通行证"),
            "{}",
            permit.zh()
        );
        let plate = crate::model::plate::Plate::parse("粤E1O234").expect_err("O is not used");
        assert!(plate.zh().contains("I和O"), "{}", plate.zh());
    }
}
