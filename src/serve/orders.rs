//! The API's runs of the whole batch: `POST /api/v1/opdrachten` starts one
//! (`{}` for every document, `{"documenten": [ids]}` for some, `"woo": true`
//! and `"mdto": true` for the metadata) and answers `202` with its address; `GET` that address
//! for how it stands, and `…/zip` for the result once it is `klaar`.

use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde::Deserialize;

use super::answer::{ProblemJson, download, json};
use super::api::current;
use super::state::App;
use crate::batch::Config;
use crate::tr;

/// What a run is asked to make.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct Order {
    /// The documents, by id (all when absent).
    #[serde(default)]
    documenten: Option<Vec<String>>,
    /// Whether to write the Woo metadata too.
    #[serde(default)]
    woo: bool,
    /// Whether to write the MDTO metadata too.
    #[serde(default)]
    mdto: bool,
}

/// Starts a run.
pub async fn begin(State(app): State<Arc<App>>, body: Bytes) -> Response {
    let lang = app.options.lang;
    let order: Order = match body.iter().all(u8::is_ascii_whitespace) {
        true => Order::default(),
        false => match serde_json::from_slice(&body) {
            Ok(order) => order,
            Err(e) => {
                let detail = tr!(lang, "de opdracht is geen geldige JSON ({e})", "the order is no valid JSON ({e})");
                let refused = ProblemJson::new(StatusCode::BAD_REQUEST, detail).hint(tr!(
                    lang,
                    "stuur `{{}}` voor alle documenten, of `{{\"documenten\": [\"id\", …]}}`",
                    "send `{{}}` for every document, or `{{\"documenten\": [\"id\", …]}}`"
                ));
                return refused.into_response();
            }
        },
    };
    let served = match current(&app).await {
        Ok(served) => served,
        Err(response) => return response,
    };
    // An id the data does not have is a slip, not a smaller run.
    let only = order.documenten.unwrap_or_default();
    let unknown: Vec<&String> = only
        .iter()
        .filter(|id| {
            !served.prepared.model.documenten.iter().any(|d| &d.document == *id || d.row_id.as_ref() == Some(*id))
        })
        .collect();
    if !unknown.is_empty() {
        let list = unknown.iter().map(|id| format!("`{id}`")).collect::<Vec<_>>().join(", ");
        let detail = tr!(lang, "geen document heet {list}", "no document is called {list}");
        return ProblemJson::new(StatusCode::BAD_REQUEST, detail).into_response();
    }
    let job = match app.jobs.begin() {
        Ok(job) => job,
        Err(running) => {
            let n = running.number;
            let detail = tr!(lang, "opdracht {n} is nog bezig", "order {n} is still running");
            let mut busy = ProblemJson::new(StatusCode::CONFLICT, detail).into_response();
            if let Ok(location) = HeaderValue::from_str(&format!("/api/v1/opdrachten/{n}")) {
                busy.headers_mut().insert(header::LOCATION, location);
            }
            return busy;
        }
    };
    let o = &app.options;
    let config = Config {
        data: o.data.clone(),
        out: Default::default(),
        only,
        filter: Vec::new(),
        jobs: o.renders,
        templates: o.templates.clone(),
        standard: o.standard,
        shard: None,
        emit_typst: None,
        timeout: None,
        woo: order.woo,
        woo_url: None,
        mdto: order.mdto,
        seal: None,
        moment: crate::output::moment(),
        lang,
        ahead: false,
    };
    let running = job.clone();
    tokio::task::spawn_blocking(move || super::jobs::run(&running, config));
    let mut accepted = (StatusCode::ACCEPTED, json(&job.report())).into_response();
    if let Ok(location) = HeaderValue::from_str(&format!("/api/v1/opdrachten/{}", job.number)) {
        accepted.headers_mut().insert(header::LOCATION, location);
    }
    accepted
}

fn unknown(n: usize, lang: crate::lang::Lang) -> Response {
    let detail = tr!(lang, "er is geen opdracht {n}", "there is no order {n}");
    ProblemJson::new(StatusCode::NOT_FOUND, detail).into_response()
}

/// How a run stands.
pub async fn report(State(app): State<Arc<App>>, Path(n): Path<usize>) -> Response {
    match app.jobs.get(n) {
        Some(job) => json(&job.report()),
        None => unknown(n, app.options.lang),
    }
}

/// The result of a run that is done.
pub async fn zip(State(app): State<Arc<App>>, Path(n): Path<usize>) -> Response {
    let lang = app.options.lang;
    let Some(job) = app.jobs.get(n) else { return unknown(n, lang) };
    if let Some(zip) = job.zip() {
        return download(zip.to_vec(), "application/zip", &format!("opdracht-{n}.zip"));
    }
    let report = job.report();
    let (status, detail) = match report.fout {
        Some(why) => (StatusCode::UNPROCESSABLE_ENTITY, why),
        None => (StatusCode::CONFLICT, tr!(lang, "opdracht {n} is nog bezig", "order {n} is still running")),
    };
    ProblemJson { retry_after: (status == StatusCode::CONFLICT).then_some(1), ..ProblemJson::new(status, detail) }
        .into_response()
}
