//! `missiedocs serve`: the secretariat's web page and the API for case
//! systems, making documents with the same [`make`](crate::batch::make::make)
//! as `render`, in memory.
//!
//! Safe by default: it binds to loopback; any other address needs a token
//! ([`start`] refuses to start without one), and then every request carries
//! it. Every request's `Host` must be the address served, a request that
//! changes something may not come from another origin ([`gate`]), a
//! request has a time limit and a body limit, and renders at once are
//! bounded (beyond it: `503` with `Retry-After`). No file is served by a
//! path taken from a request: documents are looked up by id in the model.

mod answer;
mod api;
mod gate;
mod jobs;
mod live;
mod orders;
mod page;
mod state;
mod upload;

use std::net::{IpAddr, SocketAddr};
use std::sync::Arc;
use std::time::Duration;

use axum::Router;
use axum::extract::DefaultBodyLimit;
use axum::http::HeaderValue;
use axum::response::Response;

use crate::error::Failure;
use crate::say;
pub use api::OPENAPI;
pub use state::{App, Options};

/// The longest a request may take before it is answered `408`.
const REQUEST_TIME: Duration = Duration::from_secs(120);

/// The largest request body but for data sent to be checked
/// ([`upload::MAX_UPLOAD`]).
const MAX_BODY: usize = 1 << 20;

/// Where and how to listen.
#[derive(Debug, Clone)]
pub struct Listen {
    /// The address to bind to.
    pub bind: IpAddr,
    /// The port; 0 picks a free one.
    pub port: u16,
    /// The token every request must carry, if any.
    pub token: Option<String>,
    /// Host names a reverse proxy forwards under, besides the address.
    pub hosts: Vec<String>,
}

/// Whether the server may listen so: an address other than loopback needs
/// a token of at least 16 characters.
pub fn allowed(listen: &Listen) -> Result<(), Failure> {
    let token = listen.token.as_deref().map(str::trim).filter(|t| !t.is_empty());
    if !listen.bind.is_loopback() && token.is_none() {
        let bind = listen.bind;
        return Err(Failure::new(say!(
            "`--bind {bind}` maakt de server bereikbaar voor anderen, maar er is geen token",
            "`--bind {bind}` makes the server reachable for others, but there is no token"
        ))
        .hint(say!(
            "geef `--token` (of MISSIEDOCS_TOKEN) met een lang geheim, of laat `--bind` weg om alleen op deze computer te luisteren",
            "give `--token` (or MISSIEDOCS_TOKEN) with a long secret, or leave out `--bind` to listen on this computer only"
        )));
    }
    if token.is_some_and(|t| t.chars().count() < 16) {
        return Err(Failure::new(say!("het token is korter dan 16 tekens", "the token is shorter than 16 characters"))
            .hint(say!(
                "kies een lang, willekeurig geheim, bijvoorbeeld uit `openssl rand -hex 24`",
                "choose a long random secret, for example from `openssl rand -hex 24`"
            )));
    }
    Ok(())
}

/// The server's routes behind its gate, for a server at `addr`.
pub fn router(app: Arc<App>, addr: SocketAddr, listen: &Listen) -> Router {
    let lang = app.options.lang;
    let gate = Arc::new(gate::Gate::new(addr, &listen.hosts, listen.token.clone(), lang));
    Router::new()
        .nest("/api/v1", api::routes())
        .merge(page::routes())
        .with_state(app)
        .layer(axum::middleware::map_response(|mut response: Response| async move {
            let headers = response.headers_mut();
            headers.insert(
                "Content-Security-Policy",
                HeaderValue::from_static("default-src 'self'; frame-ancestors 'none'; base-uri 'none'"),
            );
            headers.insert("X-Content-Type-Options", HeaderValue::from_static("nosniff"));
            headers.insert("Referrer-Policy", HeaderValue::from_static("no-referrer"));
            response
        }))
        .layer(tower_http::timeout::TimeoutLayer::with_status_code(
            axum::http::StatusCode::REQUEST_TIMEOUT,
            REQUEST_TIME,
        ))
        .layer(DefaultBodyLimit::max(MAX_BODY))
        .layer(axum::middleware::from_fn_with_state(gate, gate::check))
        // On every answer, refusals by the gate included (NLGov API Design Rules).
        .layer(axum::middleware::map_response(|mut response: Response| async move {
            response.headers_mut().insert("API-Version", HeaderValue::from_static(answer::API_VERSION));
            response
        }))
}

/// Starts the server and serves until the process is stopped; `ready` is
/// told the address it listens on once it does.
pub fn start(options: Options, listen: Listen, ready: impl FnOnce(SocketAddr)) -> Result<(), Failure> {
    allowed(&listen)?;
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .map_err(|e| Failure::new(say!("de server kan niet starten", "the server cannot start")).caused_by(e))?;
    runtime.block_on(async move {
        let wanted = SocketAddr::new(listen.bind, listen.port);
        let listener = tokio::net::TcpListener::bind(wanted).await.map_err(|e| {
            Failure::new(say!("`{wanted}` kan niet worden gebruikt", "`{wanted}` cannot be used"))
                .hint(say!("kies een andere poort met `--port`", "choose another port with `--port`"))
                .caused_by(e)
        })?;
        let addr = listener.local_addr().unwrap_or(wanted);
        let app = Arc::new(App::new(options));
        // Read once before the first visitor, off the async threads.
        let reading = app.clone();
        let _ = tokio::task::spawn_blocking(move || reading.served()).await;
        live::watch(app.clone());
        let router = router(app, addr, &listen);
        ready(addr);
        axum::serve(listener, router)
            .await
            .map_err(|e| Failure::new(say!("de server is gestopt", "the server stopped")).caused_by(e))
    })
}
