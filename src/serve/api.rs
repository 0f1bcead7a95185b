//! The API under `/api/v1`, after the NLGov API Design Rules: the
//! documents, one document, its PDF (byte for byte what `render` writes),
//! its copy with annexes and its DiWoo metadata, every problem, and the
//! OpenAPI document. Every answer is made from the data as it is now.

use std::sync::Arc;

use axum::Router;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use serde::Serialize;

use super::answer::{ProblemJson, download, json};
use super::state::{App, Served};
use crate::batch::make::{Stopped, make};
use crate::model::Document;
use crate::output::Fout;
use crate::tr;

/// The longest a request waits for a free render before it is answered 503.
pub const RENDER_WAIT: std::time::Duration = std::time::Duration::from_secs(30);

/// The OpenAPI 3 document of this API.
pub const OPENAPI: &str = include_str!("openapi.json");

/// The routes under `/api/v1`.
pub fn routes() -> Router<Arc<App>> {
    Router::new()
        .route("/documenten", get(documents))
        .route("/documenten/{id}", get(document))
        .route("/documenten/{id}/pdf", get(|s, p| file(s, p, Part::Pdf)))
        .route("/documenten/{id}/met-bijlagen", get(|s, p| file(s, p, Part::Merged)))
        .route("/documenten/{id}/woo", get(|s, p| file(s, p, Part::Woo)))
        .route("/problemen", get(problems))
        .route("/opdrachten", axum::routing::post(super::orders::begin))
        .route(
            "/controles",
            axum::routing::post(super::upload::check)
                .layer(axum::extract::DefaultBodyLimit::max(super::upload::MAX_UPLOAD))
                .layer(axum::middleware::from_fn(super::upload::declared_size)),
        )
        .route("/opdrachten/{n}", get(super::orders::report))
        .route("/opdrachten/{n}/zip", get(super::orders::zip))
        .route("/openapi.json", get(|| async { ([("content-type", "application/json")], OPENAPI) }))
}

/// A document as the API lists it.
#[derive(Debug, Serialize)]
pub struct Summary {
    /// Its id (the file name without `.pdf`).
    pub id: String,
    /// What kind of document it is.
    pub soort: &'static str,
    /// Its subject as written in `Documenten`.
    pub onderwerp: String,
    /// Its mission, if any.
    pub missie: Option<String>,
    /// `klaar`, `concept` (made, marked as a draft) or `fout` (stopped).
    pub status: &'static str,
    /// Its row in `Documenten`.
    pub rij: usize,
    /// How many pages it has, once counted (the server counts them after
    /// reading the data); none for a document that is not made.
    pub paginas: Option<usize>,
    /// The problems that stop it.
    pub problemen: Vec<Fout>,
}

/// A document and what stops it.
pub fn summary(served: &Served, doc: &Document, lang: crate::lang::Lang) -> Summary {
    let stopping = served.stopping(doc);
    let status = match (stopping.is_empty(), doc.concept) {
        (false, _) => "fout",
        (true, true) => "concept",
        (true, false) => "klaar",
    };
    Summary {
        id: doc.document.clone(),
        soort: doc.kind.name(),
        onderwerp: served.subject(doc).to_string(),
        missie: doc.missie.clone(),
        status,
        rij: doc.line,
        paginas: served.page_count(doc).filter(|_| stopping.is_empty()),
        problemen: stopping.iter().map(|p| Fout::said(p, lang)).collect(),
    }
}

/// The data as it is now, read off the async threads.
pub async fn current(app: &Arc<App>) -> Result<Arc<Served>, Response> {
    let reading = app.clone();
    let lang = app.options.lang;
    match tokio::task::spawn_blocking(move || reading.served()).await {
        Ok(Ok(served)) => Ok(served),
        Ok(Err(failure)) => Err(ProblemJson::failure(StatusCode::SERVICE_UNAVAILABLE, &failure, lang).into_response()),
        Err(_) => Err(internal(lang)),
    }
}

/// Every render is taken, for longer than a request waits: come back.
pub fn busy(lang: crate::lang::Lang) -> Response {
    let detail = tr!(lang, "er worden al genoeg documenten gemaakt", "enough documents are being made already");
    ProblemJson { retry_after: Some(2), ..ProblemJson::new(StatusCode::SERVICE_UNAVAILABLE, detail) }.into_response()
}

fn internal(lang: crate::lang::Lang) -> Response {
    let detail = tr!(lang, "interne fout in missiedocs", "internal error in missiedocs");
    ProblemJson::new(StatusCode::INTERNAL_SERVER_ERROR, detail).into_response()
}

fn unknown(id: &str, lang: crate::lang::Lang) -> Response {
    let detail = tr!(lang, "geen document heet `{id}`", "no document is called `{id}`");
    ProblemJson::new(StatusCode::NOT_FOUND, detail).into_response()
}

async fn documents(State(app): State<Arc<App>>) -> Response {
    let served = match current(&app).await {
        Ok(served) => served,
        Err(response) => return response,
    };
    let lang = app.options.lang;
    let list: Vec<Summary> = served.prepared.model.documenten.iter().map(|d| summary(&served, d, lang)).collect();
    json(&list)
}

async fn document(State(app): State<Arc<App>>, Path(id): Path<String>) -> Response {
    let served = match current(&app).await {
        Ok(served) => served,
        Err(response) => return response,
    };
    match served.document(&id) {
        Some(doc) => json(&summary(&served, doc, app.options.lang)),
        None => unknown(&id, app.options.lang),
    }
}

async fn problems(State(app): State<Arc<App>>) -> Response {
    let served = match current(&app).await {
        Ok(served) => served,
        Err(response) => return response,
    };
    let lang = app.options.lang;
    let list: Vec<Fout> = served.problems.iter().map(|p| Fout::said(p, lang)).collect();
    json(&list)
}

/// Which file of a document.
#[derive(Debug, Clone, Copy)]
enum Part {
    Pdf,
    Merged,
    Woo,
}

async fn file(State(app): State<Arc<App>>, Path(id): Path<String>, part: Part) -> Response {
    let lang = app.options.lang;
    let served = match current(&app).await {
        Ok(served) => served,
        Err(response) => return response,
    };
    if served.document(&id).is_none() {
        return unknown(&id, lang);
    }
    // Beyond the bound a request waits its turn; past the wait, the caller
    // is asked to come back.
    let Ok(Ok(permit)) = tokio::time::timeout(RENDER_WAIT, app.renders.acquire()).await else {
        return busy(lang);
    };
    let standard = app.options.standard;
    let making = served.clone();
    let made = tokio::task::spawn_blocking(move || {
        let doc = making.document(&id).expect("looked up above");
        let made = make(&making.maker(standard, matches!(part, Part::Woo), lang), doc);
        (doc.document.clone(), made)
    })
    .await;
    drop(permit);
    let (id, made) = match made {
        Ok(made) => made,
        Err(_) => return internal(lang),
    };
    match made {
        Ok(made) => match part {
            Part::Pdf => download(made.pdf, "application/pdf", &format!("{id}.pdf")),
            Part::Merged => match made.merged {
                Some(merged) => download(merged.pdf, "application/pdf", &crate::model::merged_name(&id)),
                None => ProblemJson::new(
                    StatusCode::NOT_FOUND,
                    tr!(lang, "document `{id}` heeft geen PDF-bijlagen", "document `{id}` has no PDF annexes"),
                )
                .into_response(),
            },
            Part::Woo => match made.woo {
                Some(xml) => download(xml, "application/xml", &crate::output::woo::file_name(&format!("{id}.pdf"))),
                None => ProblemJson::new(
                    StatusCode::NOT_FOUND,
                    tr!(
                        lang,
                        "document `{id}` is een concept en heeft geen Woo-metadata",
                        "document `{id}` is a draft and has no Woo metadata"
                    ),
                )
                .into_response(),
            },
        },
        Err(Stopped::Problems(problems)) => {
            let detail = tr!(
                lang,
                "document `{id}` wordt niet gemaakt: er zijn problemen in de gegevens",
                "document `{id}` is not made: the data has problems"
            );
            ProblemJson::problems(detail, &problems.iter().collect::<Vec<_>>(), lang).into_response()
        }
        Err(Stopped::Failed(failure)) => {
            ProblemJson::failure(StatusCode::UNPROCESSABLE_ENTITY, &failure, lang).into_response()
        }
        Err(Stopped::Panicked) => internal(lang),
    }
}
