//! The locks in front of every request: its `Host` must be the address
//! served (so a page elsewhere cannot reach this server by a DNS name it
//! controls), a request that changes something may not come from a page of
//! another origin, and when the server has a token, every request carries
//! it as `Authorization: Bearer …`.

use std::net::SocketAddr;
use std::sync::Arc;

use axum::extract::{Request, State};
use axum::http::{Method, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use super::answer::ProblemJson;
use crate::lang::Lang;
use crate::tr;

/// What a request must satisfy.
#[derive(Debug, Clone)]
pub struct Gate {
    /// The `Host` values the server answers to.
    hosts: Vec<String>,
    /// The token every request must carry, if any.
    token: Option<String>,
    /// The language of the refusals.
    lang: Lang,
}

impl Gate {
    /// The gate of a server at `addr`: on loopback also by `localhost`;
    /// `names` are the host names a reverse proxy forwards under.
    pub fn new(addr: SocketAddr, names: &[String], token: Option<String>, lang: Lang) -> Gate {
        let port = addr.port();
        let mut hosts = vec![addr.to_string()];
        if addr.ip().is_loopback() {
            hosts.extend([format!("localhost:{port}"), format!("127.0.0.1:{port}"), format!("[::1]:{port}")]);
        }
        for name in names {
            hosts.push(name.to_ascii_lowercase());
            hosts.push(format!("{}:{port}", name.to_ascii_lowercase()));
        }
        Gate { hosts, token, lang }
    }

    /// Why a request is refused, if it is.
    fn refuses(&self, request: &Request) -> Option<ProblemJson> {
        let lang = self.lang;
        let headers = request.headers();
        let host = headers.get(header::HOST).and_then(|h| h.to_str().ok()).unwrap_or_default().to_ascii_lowercase();
        if !self.hosts.contains(&host) {
            let detail = tr!(
                lang,
                "dit adres (`Host: {host}`) wordt hier niet bediend",
                "this address (`Host: {host}`) is not served here"
            );
            let refused = ProblemJson::new(StatusCode::MISDIRECTED_REQUEST, detail).hint(tr!(
                lang,
                "bereik de server op het adres dat hij noemde, of start hem met `--host <naam>` voor de naam waaronder hij bereikt wordt",
                "reach the server at the address it printed, or start it with `--host <name>` for the name it is reached under"
            ));
            return Some(refused);
        }
        if let Some(token) = &self.token {
            let given = headers
                .get(header::AUTHORIZATION)
                .and_then(|h| h.to_str().ok())
                .and_then(|h| h.strip_prefix("Bearer ").or_else(|| h.strip_prefix("bearer ")));
            if !given.is_some_and(|given| same(given.trim().as_bytes(), token.as_bytes())) {
                let detail = tr!(lang, "deze server vraagt een token", "this server asks for a token");
                let refused = ProblemJson::new(StatusCode::UNAUTHORIZED, detail).hint(tr!(
                    lang,
                    "stuur de kop `Authorization: Bearer <token>` mee",
                    "send the header `Authorization: Bearer <token>`"
                ));
                return Some(refused);
            }
        }
        let reads = matches!(*request.method(), Method::GET | Method::HEAD | Method::OPTIONS);
        let origin = headers.get(header::ORIGIN).and_then(|h| h.to_str().ok());
        if !reads && let Some(origin) = origin {
            let own =
                ["http://", "https://"].iter().any(|scheme| origin.eq_ignore_ascii_case(&format!("{scheme}{host}")));
            if !own {
                let detail = tr!(
                    lang,
                    "een verzoek van `{origin}` mag hier niets veranderen",
                    "a request from `{origin}` may not change anything here"
                );
                return Some(ProblemJson::new(StatusCode::FORBIDDEN, detail));
            }
        }
        None
    }
}

/// Whether two byte strings are equal, in a time that does not depend on
/// where they differ.
fn same(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |diff, (x, y)| diff | (x ^ y)) == 0
}

/// Lets a request through the gate, or answers its refusal.
pub async fn check(State(gate): State<Arc<Gate>>, request: Request, next: Next) -> Response {
    match gate.refuses(&request) {
        Some(refused) => refused.into_response(),
        None => next.run(request).await,
    }
}
