//! What can go wrong talking to the district's server, in words a kiosk's volunteer or the
//! district's administrator can act on (English; `zh` for the Chinese UI).

use thiserror::Error;

use crate::store::StoreError;

#[derive(Debug, Error)]
#[error("{}", self.words().1)]
pub enum DistrictError {
    BadAddress {
        detail: String,
    },
    PasswordFile {
        path: String,
        detail: String,
    },
    Unreachable {
        server: String,
        detail: String,
    },
    LoginRefused {
        server: String,
        detail: String,
    },
    Tls {
        detail: String,
    },
    NotInitialised,
    TooNew {
        found: i32,
        supported: i32,
    },
    NotAKiosk {
        role: String,
    },
    WrongCheckpoint {
        ours: String,
        theirs: String,
    },
    OtherSecret {
        ours: String,
        theirs: String,
    },
    Refused {
        detail: String,
    },
    BadRoleName(String),
    NotOurRole(String),
    TooOld {
        found: i32,
        needed: i32,
    },
    WeakPassword,
    Server {
        detail: String,
    },
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error(transparent)]
    Config(#[from] crate::config::ConfigError),
}

impl DistrictError {
    /// The same message in Chinese, for the gate's sync line.
    pub fn zh(&self) -> String {
        self.words().0
    }

    /// (Chinese, English), side by side: the one place each error is worded. The Chinese is
    /// for the gate's volunteer and leaves out the server's own detail.
    fn words(&self) -> (String, String) {
        match self {
            Self::BadAddress { detail } => (
                format!("区数据库地址无效（{detail}）：请检查 kiosk.toml 的 [district] 设置"),
                format!(
                    "the district server address is not valid ({detail}): write it like postgresql://kiosk_east@db.example:5432/district"
                ),
            ),
            Self::PasswordFile { path, detail } => (
                format!("无法读取密码文件 {path}（{detail}）：请检查 kiosk.toml 的 [district] 设置"),
                format!(
                    "cannot read the password file {path} ({detail}): check the path in kiosk.toml's [district] section"
                ),
            ),
            Self::Unreachable { server, detail } => (
                format!("连不上区数据库 {server}：请检查网络；本机照常登记，记录在本机排队等待上传"),
                format!(
                    "cannot reach the district server {server} ({detail}): check the network and the address; the gate keeps working and entries wait here until it is back"
                ),
            ),
            Self::LoginRefused { server, detail } => (
                format!("区数据库 {server} 拒绝登录：请检查角色名和密码文件"),
                format!(
                    "the district server {server} refused the login ({detail}): check the role name and its password file"
                ),
            ),
            Self::Tls { detail } => (
                format!("无法建立加密连接（{detail}）：请检查 ca_file 设置"),
                format!(
                    "cannot set up TLS for the district server ({detail}): check ca_file in kiosk.toml's [district] section"
                ),
            ),
            Self::NotInitialised => (
                "区数据库尚未初始化：请管理员先运行 district init".to_owned(),
                "the district database has no checkpoint-kiosk schema yet: the administrator runs `checkpoint-kiosk district init --postgres URL` first".to_owned(),
            ),
            Self::TooNew { found, supported } => (
                "区数据库版本比本程序新：请更新 checkpoint-kiosk".to_owned(),
                format!(
                    "the district database has schema {found}, newer than this app understands ({supported}): update checkpoint-kiosk"
                ),
            ),
            Self::NotAKiosk { role } => (
                format!("角色 {role} 未登记为卡口：请管理员运行 district add-kiosk"),
                format!(
                    "the role {role} is not registered as a kiosk: the administrator runs `checkpoint-kiosk district add-kiosk --role {role} --checkpoint ID`"
                ),
            ),
            Self::WrongCheckpoint { ours, theirs } => (
                format!("本机是卡口 {ours}，区数据库登记的是 {theirs}：请修正设置或联系管理员"),
                format!(
                    "this kiosk is checkpoint {ours} but the server registered its role for {theirs}: fix checkpoint_id in kiosk.toml or ask the administrator"
                ),
            ),
            Self::OtherSecret { ours, theirs } => (
                "本机哈希密钥与全区不同：请用 keys join-secret 导入全区密钥，否则无法跨卡口识别重复"
                    .to_owned(),
                format!(
                    "this kiosk's hashing secret ({ours}) is not the district's ({theirs}): copy the district's secret with `keys join-secret`, or repeats across gates cannot be recognised"
                ),
            ),
            Self::Refused { detail } => (
                "区数据库拒绝了本机的修改：卡口只能写本卡口的记录".to_owned(),
                format!(
                    "the district server refused the change ({detail}): a kiosk may only write its own checkpoint's rows"
                ),
            ),
            Self::BadRoleName(name) => (
                format!("角色名“{name}”无效：只能用小写字母、数字和下划线"),
                format!(
                    "role names are lowercase letters, digits and _ (starting with a letter), at most 63: “{name}” is not"
                ),
            ),
            Self::NotOurRole(name) => (
                format!(
                    "角色“{name}”不是由本程序为此用途创建的（或为保留、特权角色）：请换一个名字"
                ),
                format!(
                    "the role “{name}” was not made by `district add-kiosk` / `add-reader` for this kind of role (or is reserved or privileged): choose another name"
                ),
            ),
            Self::TooOld { found, needed } => (
                "区数据库版本过旧：请管理员运行 district init 升级".to_owned(),
                format!(
                    "the district database has schema {found}, older than this app needs ({needed}): the administrator runs `checkpoint-kiosk district init` to upgrade it"
                ),
            ),
            Self::WeakPassword => (
                "密码太短：至少 12 个字符".to_owned(),
                "the password is too short: use at least 12 characters".to_owned(),
            ),
            Self::Server { detail } => (
                "区数据库出错：请稍后重试，反复出现请联系管理员".to_owned(),
                format!(
                    "the district server failed ({detail}): try again; if it repeats, tell the district's administrator"
                ),
            ),
            Self::Store(error) => (error.zh(), error.to_string()),
            Self::Config(error) => (error.zh(), error.to_string()),
        }
    }

    /// Names the server in a connection lost mid-sync (a `postgres::Error` does not know it).
    pub fn at(self, shown: &str) -> Self {
        match self {
            Self::Unreachable { server, detail } if server.is_empty() => Self::Unreachable {
                server: shown.to_owned(),
                detail,
            },
            other => other,
        }
    }

    /// The server refused what was sent (a constraint, a type, a permission): sending it again
    /// will not help, so the change is set aside rather than retried.
    pub fn is_refusal(&self) -> bool {
        matches!(self, Self::Refused { .. })
    }
}

impl From<postgres::Error> for DistrictError {
    fn from(error: postgres::Error) -> Self {
        use postgres::error::SqlState;
        let Some(db) = error.as_db_error() else {
            return Self::Unreachable {
                server: String::new(),
                detail: error.to_string(),
            };
        };
        let detail = db.message().to_owned();
        let code = db.code();
        // Class 22 (a value the column's type refuses) and 23 (a constraint): the data, not
        // the server, is at fault.
        let class = code.code().get(..2).unwrap_or("");
        if *code == SqlState::INSUFFICIENT_PRIVILEGE || class == "22" || class == "23" {
            Self::Refused { detail }
        } else if *code == SqlState::UNDEFINED_TABLE || *code == SqlState::UNDEFINED_FUNCTION {
            Self::NotInitialised
        } else {
            Self::Server { detail }
        }
    }
}
