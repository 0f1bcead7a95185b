//! The web page, in Dutch (`--lang en`: English): the overview (counts,
//! every problem as `check` words it with the documents it stops, every
//! document with search) and a page per document with its downloads. The
//! page's templates, style and script are in the binary; nothing is
//! loaded from elsewhere.

use std::collections::BTreeMap;
use std::sync::{Arc, LazyLock};

use axum::Router;
use axum::extract::{Path, State};
use axum::http::{StatusCode, header};
use axum::response::{Html, IntoResponse, Response};
use axum::routing::get;
use minijinja::Environment;
use serde::Serialize;
use serde_json::{Value, json};

use super::api::{Summary, current, summary};
use super::state::App;
use crate::lang::Lang;

const STYLE: &str = include_str!("../../templates/serve/stijl.css");
const SCRIPT: &str = include_str!("../../templates/serve/pagina.js");

/// The page's templates, autoescaped as HTML.
static PAGES: LazyLock<Environment<'static>> = LazyLock::new(|| {
    let mut env = Environment::new();
    for (name, source) in [
        ("basis.html", include_str!("../../templates/serve/basis.html")),
        ("overzicht.html", include_str!("../../templates/serve/overzicht.html")),
        ("document.html", include_str!("../../templates/serve/document.html")),
    ] {
        env.add_template(name, source).expect("the page's own templates parse");
    }
    env
});

/// The page's routes: the overview, a document's page, its style and script.
pub fn routes() -> Router<Arc<App>> {
    Router::new()
        .route("/", get(overview))
        .route("/documenten/{id}", get(document))
        .route("/documenten/{id}/pagina/{n}", get(page_png))
        .route("/gebeurtenissen", get(super::live::events))
        .route("/stijl.css", get(|| async { ([(header::CONTENT_TYPE, "text/css; charset=utf-8")], STYLE) }))
        .route("/pagina.js", get(|| async { ([(header::CONTENT_TYPE, "text/javascript; charset=utf-8")], SCRIPT) }))
}

/// A problem as the overview lists it.
#[derive(Serialize)]
struct Listed {
    plaats: String,
    melding: String,
    hint: Option<String>,
    bron: Option<String>,
}

/// The problems that stop the same documents, listed together.
#[derive(Serialize)]
struct Group {
    /// The documents they stop (none: a problem in data no document uses).
    documenten: Vec<String>,
    problemen: Vec<Listed>,
}

fn render(name: &str, lang: Lang, mut page: Value) -> Response {
    let w = move |nl: String, en: String| lang.pick(nl, en);
    let mut env = PAGES.clone();
    env.add_function("w", w);
    // A status as the page says it; the API keeps its Dutch values.
    env.add_function("status", move |status: String| match status.as_str() {
        "klaar" => lang.pick("klaar", "ready").to_string(),
        "fout" => lang.pick("fout", "failed").to_string(),
        "concept" => lang.pick("concept", "draft").to_string(),
        other => other.to_string(),
    });
    page["taal"] = json!(lang.code());
    match env.get_template(name).and_then(|t| t.render(minijinja::value::Serde(&page))) {
        Ok(html) => Html(html).into_response(),
        Err(e) => (StatusCode::INTERNAL_SERVER_ERROR, e.to_string()).into_response(),
    }
}

async fn overview(State(app): State<Arc<App>>) -> Response {
    let lang = app.options.lang;
    let gegevens = app.options.data.display().to_string();
    let served = match current(&app).await {
        Ok(served) => served,
        Err(_) => {
            // Said as a page, not as JSON: what cannot be read, and how to put it right.
            let reading = app.clone();
            let failure = tokio::task::spawn_blocking(move || reading.served().err()).await.ok().flatten();
            let fout = failure.map(
                |f| json!({ "melding": crate::error::describe(&*f, lang), "hint": crate::error::hint(&*f, lang) }),
            );
            let page = json!({ "pagina": "overzicht", "gegevens": gegevens, "gelezen": "—", "fout_lezen": fout });
            return render("overzicht.html", lang, page);
        }
    };
    let documents: Vec<Summary> = served.prepared.model.documenten.iter().map(|d| summary(&served, d, lang)).collect();
    let mut counts = BTreeMap::from([("klaar", 0), ("fout", 0), ("concept", 0)]);
    for d in &documents {
        *counts.entry(d.status).or_default() += 1;
    }
    // What each document uses, once, to name the documents a problem stops.
    let (model, texts) = (&served.prepared.model, &served.prepared.texts);
    let uses: Vec<_> = model.documenten.iter().map(|d| (d, crate::check::assess::uses(model, texts, d))).collect();
    let mut groups: Vec<Group> = Vec::new();
    for p in &served.problems {
        let stopped: Vec<String> = uses.iter().filter(|(_, u)| p.blocks(u)).map(|(d, _)| d.document.clone()).collect();
        // The first line as `check` says it, without the place: the
        // message with the value it quotes; hint and source apart.
        let said = p.said(lang).to_string();
        let place = p.place(lang);
        let first = said.lines().next().unwrap_or_default();
        let listed = Listed {
            melding: first.strip_prefix(&format!("{place}: ")).unwrap_or(first).to_string(),
            plaats: place,
            hint: p.hint.as_ref().map(|h| h.get(lang).to_string()),
            bron: p.snippet.as_ref().map(|s| s.get(lang).to_string()),
        };
        match groups.iter_mut().find(|g| g.documenten == stopped) {
            Some(group) => group.problemen.push(listed),
            None => groups.push(Group { documenten: stopped, problemen: vec![listed] }),
        }
    }
    render(
        "overzicht.html",
        lang,
        json!({
            "pagina": "overzicht", "gegevens": gegevens, "gelezen": served.read_at,
            "tellingen": counts, "aantal_problemen": served.problems.len(), "groepen": groups,
            "documenten": documents, "versie": served.generation,
        }),
    )
}

async fn document(State(app): State<Arc<App>>, Path(id): Path<String>) -> Response {
    let lang = app.options.lang;
    let served = match current(&app).await {
        Ok(served) => served,
        Err(response) => return response,
    };
    let Some(doc) = served.document(&id) else {
        let text = crate::tr!(lang, "geen document heet `{id}`", "no document is called `{id}`");
        return (StatusCode::NOT_FOUND, text).into_response();
    };
    let bijlagen = doc.bijlagen.iter().any(|b| crate::input::annex::is_pdf(b));
    // The pages drawn (once for the data as read), off the async threads.
    let drawing = served.clone();
    let (standard, wanted) = (app.options.standard, id.clone());
    let pages = tokio::task::spawn_blocking(move || {
        let doc = drawing.document(&wanted)?;
        drawing.preview(doc, standard, lang).map(|p| p.len())
    })
    .await
    .ok()
    .flatten()
    .unwrap_or(0);
    render(
        "document.html",
        lang,
        json!({
            "pagina": "document", "gegevens": app.options.data.display().to_string(),
            "gelezen": served.read_at, "d": summary(&served, doc, lang), "bijlagen": bijlagen, "concept": doc.concept,
            "paginas": (1..=pages).collect::<Vec<_>>(), "aantal": pages, "versie": served.generation,
        }),
    )
}

/// One page of a document's preview, as a PNG (1-based).
async fn page_png(State(app): State<Arc<App>>, Path((id, n)): Path<(String, usize)>) -> Response {
    let lang = app.options.lang;
    let Ok(served) = current(&app).await else { return StatusCode::SERVICE_UNAVAILABLE.into_response() };
    let standard = app.options.standard;
    let drawn = tokio::task::spawn_blocking(move || {
        let doc = served.document(&id)?;
        let pages = served.preview(doc, standard, lang)?;
        pages.get(n.checked_sub(1)?).cloned()
    })
    .await
    .ok()
    .flatten();
    match drawn {
        Some(png) => ([(header::CONTENT_TYPE, "image/png"), (header::CACHE_CONTROL, "no-cache")], png).into_response(),
        None => StatusCode::NOT_FOUND.into_response(),
    }
}
