//! The web server: routes, the session and language extractors, security headers, and the
//! Today snapshot shared by every viewer for one second (100 viewers polling cost one query).

use std::net::SocketAddr;
use std::sync::Arc;
use std::time::{Duration, Instant};

use axum::Router;
use axum::extract::{ConnectInfo, FromRequestParts, Query, Request, State};
use axum::http::header::{CACHE_CONTROL, CONTENT_DISPOSITION, CONTENT_TYPE, COOKIE, SET_COOKIE};
use axum::http::request::Parts;
use axum::http::{HeaderValue, StatusCode};
use axum::middleware::{self, Next};
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use chrono::{FixedOffset, NaiveDate, Utc};
use postgres::Client;
use serde::Deserialize;

use super::accounts::{self, LoginOutcome};
use super::pages::{self, Page, Today};
use super::pool::Pool;
use super::sessions::{self, Sessions};
use super::{OfficeError, sql};
use crate::config::Language;
use crate::district::report::{DistrictReport, Wording, day_bounds};
use crate::district::{DistrictError, ServerAddress};
use crate::text::office as words;

/// How the office is served.
#[derive(Debug, Clone)]
pub struct OfficeSettings {
    /// The reader role's address (`district add-reader`).
    pub address: ServerAddress,
    pub listen: String,
    /// A gate on an open shift silent for longer than this is red (5 minutes; tests shorten it).
    pub silent_after: Duration,
    /// The district's time zone: days and hours are local to it.
    pub tz: FixedOffset,
    /// "幸福街道", in the day report's title.
    pub district_name: String,
    /// Cookies marked `Secure`: the office is reached over TLS (a reverse proxy).
    pub secure_cookies: bool,
    /// PostgreSQL connections at most.
    pub connections: usize,
}

/// How long every viewer shares one Today snapshot.
const TODAY_SHARED_FOR: Duration = Duration::from_secs(1);

static ECHARTS: &[u8] = include_bytes!("../../assets/echarts/echarts.simple.min.js");

struct Office {
    pool: Arc<Pool>,
    sessions: Sessions,
    settings: OfficeSettings,
    today: tokio::sync::Mutex<Option<(Instant, Arc<Today>)>>,
}

type Shared = Arc<Office>;

/// Serves until Ctrl-C. `ready` is told the address once the socket listens.
pub fn serve(settings: OfficeSettings, ready: impl FnOnce(SocketAddr)) -> Result<(), OfficeError> {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .thread_name("office-http")
        .enable_all()
        .build()
        .map_err(|error| OfficeError::Runtime(error.to_string()))?;
    let listen = settings.listen.clone();
    let office = Arc::new(Office {
        pool: Arc::new(Pool::new(settings.address.clone(), settings.connections)),
        sessions: Sessions::default(),
        settings,
        today: tokio::sync::Mutex::new(None),
    });
    runtime.block_on(async move {
        let listener = tokio::net::TcpListener::bind(&listen)
            .await
            .map_err(|error| OfficeError::Listen {
                listen: listen.clone(),
                detail: error.to_string(),
            })?;
        let address = listener
            .local_addr()
            .map_err(|error| OfficeError::Runtime(error.to_string()))?;
        ready(address);
        axum::serve(
            listener,
            router(office).into_make_service_with_connect_info::<SocketAddr>(),
        )
        .with_graceful_shutdown(async {
            let _ = tokio::signal::ctrl_c().await;
        })
        .await
        .map_err(|error| OfficeError::Runtime(error.to_string()))
    })
}

fn router(office: Shared) -> Router {
    Router::new()
        .route("/", get(|| async { Redirect::to("/today") }))
        .route("/login", get(login_page).post(log_in))
        .route("/logout", post(log_out))
        .route("/today", get(today_page))
        .route("/today/live", get(today_live))
        .route("/hours", get(hours_page))
        .route("/exceptions", get(exceptions_page))
        .route("/report", get(report_page))
        .route("/report.xlsx", get(report_xlsx))
        .route("/assets/echarts.min.js", get(echarts))
        .layer(middleware::from_fn(headers))
        .with_state(office)
}

/// A signed-in viewer; without a session every page redirects to the login page.
struct Viewer(String);

impl FromRequestParts<Shared> for Viewer {
    type Rejection = Redirect;

    async fn from_request_parts(parts: &mut Parts, office: &Shared) -> Result<Self, Redirect> {
        session_token(parts)
            .and_then(|token| office.sessions.viewer(&token))
            .map(Viewer)
            .ok_or_else(|| Redirect::to("/login"))
    }
}

fn session_token(parts: &Parts) -> Option<String> {
    let header = parts.headers.get(COOKIE)?.to_str().ok()?;
    sessions::cookie(header, sessions::COOKIE).map(str::to_owned)
}

/// The page's language: `?lang=` (remembered in a cookie by `headers`), the cookie, else Chinese.
struct Lang(Language);

impl<S: Send + Sync> FromRequestParts<S> for Lang {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        let asked = lang_in_query(parts.uri.query()).or_else(|| {
            let header = parts.headers.get(COOKIE)?.to_str().ok()?;
            sessions::cookie(header, "ck_lang").and_then(language_named)
        });
        Ok(Lang(asked.unwrap_or(Language::ZhCn)))
    }
}

fn language_named(name: &str) -> Option<Language> {
    match name {
        "en" => Some(Language::En),
        "zh" => Some(Language::ZhCn),
        _ => None,
    }
}

fn lang_in_query(query: Option<&str>) -> Option<Language> {
    query?
        .split('&')
        .find_map(|pair| pair.strip_prefix("lang="))
        .and_then(language_named)
}

/// No caching of pages, no framing, no sniffing, no referrer; `?lang=` is remembered.
async fn headers(request: Request, next: Next) -> Response {
    let lang = lang_in_query(request.uri().query());
    let mut response = next.run(request).await;
    let headers = response.headers_mut();
    for (name, value) in [
        ("cache-control", "no-store"),
        ("x-frame-options", "DENY"),
        ("x-content-type-options", "nosniff"),
        ("referrer-policy", "no-referrer"),
    ] {
        if !headers.contains_key(name) {
            headers.insert(name, HeaderValue::from_static(value));
        }
    }
    if let Some(lang) = lang {
        let cookie = match lang {
            Language::En => "ck_lang=en; Path=/; SameSite=Strict",
            Language::ZhCn => "ck_lang=zh; Path=/; SameSite=Strict",
        };
        headers.append(SET_COOKIE, HeaderValue::from_static(cookie));
    }
    response
}

#[derive(Deserialize)]
struct DateQuery {
    date: Option<String>,
}

impl Office {
    fn today(&self) -> NaiveDate {
        Utc::now().with_timezone(&self.settings.tz).date_naive()
    }

    /// `?date=YYYY-MM-DD` or `today`; anything else is today.
    fn date(&self, query: &DateQuery) -> NaiveDate {
        query
            .date
            .as_deref()
            .and_then(|text| NaiveDate::parse_from_str(text, "%Y-%m-%d").ok())
            .unwrap_or_else(|| self.today())
    }

    fn wording(&self, lang: Language) -> Wording {
        Wording {
            lang,
            district_name: self.settings.district_name.clone(),
        }
    }

    fn silent_after(&self) -> f64 {
        self.settings.silent_after.as_secs_f64()
    }

    async fn read<T, F>(&self, work: F) -> Result<T, OfficeError>
    where
        T: Send + 'static,
        F: FnOnce(&mut Client) -> Result<T, DistrictError> + Send + 'static,
    {
        self.pool.run(work).await
    }

    /// Today's figures, shared by every viewer for [`TODAY_SHARED_FOR`].
    async fn today_snapshot(&self) -> Result<Arc<Today>, OfficeError> {
        let mut cached = self.today.lock().await;
        if let Some((at, today)) = cached.as_ref()
            && at.elapsed() < TODAY_SHARED_FOR
        {
            return Ok(Arc::clone(today));
        }
        let tz = self.settings.tz;
        let fresh = Arc::new(
            self.read(move |client| {
                let at = Utc::now().with_timezone(&tz);
                let date = at.date_naive();
                let (from, to) = bounds(date, tz)?;
                let report = DistrictReport::build(client, date, tz)?;
                let gates = sql::gate_rows(client, from, to)?;
                Ok(Today { report, gates, at })
            })
            .await?,
        );
        *cached = Some((Instant::now(), Arc::clone(&fresh)));
        Ok(fresh)
    }
}

fn bounds(
    date: NaiveDate,
    tz: FixedOffset,
) -> Result<(chrono::DateTime<Utc>, chrono::DateTime<Utc>), DistrictError> {
    day_bounds(date, tz).ok_or_else(|| DistrictError::Server {
        detail: format!("{date} has no midnight in {tz}"),
    })
}

/// The database could not be read: said on the page, the detail on standard error.
fn trouble(error: &OfficeError, lang: Language) -> Response {
    eprintln!("office: {error}");
    let body = format!("<p class=\"error\">{}</p>", words::SERVER_TROUBLE.say(lang));
    (
        StatusCode::SERVICE_UNAVAILABLE,
        Html(pages::layout(lang, None, "/today", "", &body)),
    )
        .into_response()
}

fn page(lang: Language, which: Page, here: &str, viewer: &str, body: &str) -> Response {
    Html(pages::layout(lang, Some(which), here, viewer, body)).into_response()
}

async fn login_page(Lang(lang): Lang) -> Html<String> {
    Html(pages::login(lang, None))
}

#[derive(Deserialize)]
struct LoginForm {
    viewer: String,
    password: String,
}

async fn log_in(
    State(office): State<Shared>,
    ConnectInfo(from): ConnectInfo<SocketAddr>,
    Lang(lang): Lang,
    axum::Form(form): axum::Form<LoginForm>,
) -> Response {
    let name = form.viewer.trim().to_owned();
    let checked = name.clone();
    let outcome = office
        .read(move |client| {
            accounts::log_in(client, &checked, &form.password, &from.ip().to_string())
        })
        .await;
    match outcome {
        Ok(LoginOutcome::Ok) => {
            let token = office.sessions.start(&name);
            let cookie = sessions::session_cookie(&token, office.settings.secure_cookies);
            let mut response = Redirect::to("/today").into_response();
            if let Ok(value) = HeaderValue::from_str(&cookie) {
                response.headers_mut().insert(SET_COOKIE, value);
            }
            response
        }
        Ok(LoginOutcome::Refused) => (
            StatusCode::UNAUTHORIZED,
            Html(pages::login(lang, Some(words::LOGIN_REFUSED))),
        )
            .into_response(),
        Ok(LoginOutcome::Locked) => (
            StatusCode::TOO_MANY_REQUESTS,
            Html(pages::login(lang, Some(words::LOCKED))),
        )
            .into_response(),
        Err(error) => trouble(&error, lang),
    }
}

async fn log_out(
    State(office): State<Shared>,
    ConnectInfo(from): ConnectInfo<SocketAddr>,
    request: Request,
) -> Response {
    let (parts, _) = request.into_parts();
    if let Some(viewer) = session_token(&parts).and_then(|token| office.sessions.end(&token)) {
        let from = from.ip().to_string();
        if let Err(error) = office
            .read(move |client| accounts::log_out(client, &viewer, &from))
            .await
        {
            eprintln!("office: the logout was not audited: {error}");
        }
    }
    let mut response = Redirect::to("/login").into_response();
    if let Ok(value) =
        HeaderValue::from_str(&sessions::cleared_cookie(office.settings.secure_cookies))
    {
        response.headers_mut().insert(SET_COOKIE, value);
    }
    response
}

async fn today_page(
    State(office): State<Shared>,
    Viewer(viewer): Viewer,
    Lang(lang): Lang,
) -> Response {
    match office.today_snapshot().await {
        Ok(today) => page(
            lang,
            Page::Today,
            "/today",
            &viewer,
            &pages::today(&today, lang, office.silent_after()),
        ),
        Err(error) => trouble(&error, lang),
    }
}

async fn today_live(State(office): State<Shared>, _: Viewer, Lang(lang): Lang) -> Response {
    match office.today_snapshot().await {
        Ok(today) => Html(pages::today_live(&today, lang, office.silent_after())).into_response(),
        Err(error) => trouble(&error, lang),
    }
}

async fn hours_page(
    State(office): State<Shared>,
    Viewer(viewer): Viewer,
    Lang(lang): Lang,
    Query(query): Query<DateQuery>,
) -> Response {
    let date = office.date(&query);
    let tz = office.settings.tz;
    let read = office
        .read(move |client| {
            let (from, to) = bounds(date, tz)?;
            let report = DistrictReport::build(client, date, tz)?;
            let gates = sql::gate_rows(client, from, to)?;
            let per_gate = sql::hours(client, from, to, f64::from(tz.local_minus_utc()))?;
            Ok((report, gates, per_gate))
        })
        .await;
    match read {
        Ok((report, gates, per_gate)) => page(
            lang,
            Page::Hours,
            &format!("/hours?date={date}"),
            &viewer,
            &pages::hours(&report, &gates, &per_gate, lang),
        ),
        Err(error) => trouble(&error, lang),
    }
}

async fn exceptions_page(
    State(office): State<Shared>,
    Viewer(viewer): Viewer,
    Lang(lang): Lang,
    Query(query): Query<DateQuery>,
) -> Response {
    let date = office.date(&query);
    let tz = office.settings.tz;
    let read = office
        .read(move |client| {
            let (from, to) = bounds(date, tz)?;
            sql::exceptions(client, from, to)
        })
        .await;
    match read {
        Ok(rows) => page(
            lang,
            Page::Exceptions,
            &format!("/exceptions?date={date}"),
            &viewer,
            &pages::exceptions(&rows, date, tz, sql::EXCEPTIONS_SHOWN, lang),
        ),
        Err(error) => trouble(&error, lang),
    }
}

async fn day_report(office: &Office, date: NaiveDate) -> Result<DistrictReport, OfficeError> {
    let tz = office.settings.tz;
    office
        .read(move |client| DistrictReport::build(client, date, tz))
        .await
}

async fn report_page(
    State(office): State<Shared>,
    Viewer(viewer): Viewer,
    Lang(lang): Lang,
    Query(query): Query<DateQuery>,
) -> Response {
    let date = office.date(&query);
    match day_report(&office, date).await {
        Ok(report) => page(
            lang,
            Page::Report,
            &format!("/report?date={date}"),
            &viewer,
            &pages::report(&report, &office.wording(lang)),
        ),
        Err(error) => trouble(&error, lang),
    }
}

async fn report_xlsx(
    State(office): State<Shared>,
    _: Viewer,
    Lang(lang): Lang,
    Query(query): Query<DateQuery>,
) -> Response {
    let date = office.date(&query);
    let report = match day_report(&office, date).await {
        Ok(report) => report,
        Err(error) => return trouble(&error, lang),
    };
    match report.xlsx_bytes(&office.wording(lang)) {
        Ok(bytes) => (
            [
                (
                    CONTENT_TYPE,
                    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet".to_owned(),
                ),
                (
                    CONTENT_DISPOSITION,
                    format!("attachment; filename=\"district-{date}.xlsx\""),
                ),
            ],
            bytes,
        )
            .into_response(),
        Err(error) => trouble(&OfficeError::Runtime(error.to_string()), lang),
    }
}

async fn echarts(_: Viewer) -> Response {
    (
        [
            (CONTENT_TYPE, "text/javascript; charset=utf-8"),
            (CACHE_CONTROL, "private, max-age=86400"),
        ],
        ECHARTS,
    )
        .into_response()
}
