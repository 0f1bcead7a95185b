//! How the API answers: JSON with an `API-Version` header, and errors as
//! `application/problem+json` (RFC 9457) whose `problemen` member lists the
//! problems as the manifest does (melding, bestand, blad, rij, kolom,
//! waarde, hint).

use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde::Serialize;

use crate::error::Failure;
use crate::lang::Lang;
use crate::model::Problem;
use crate::output::Fout;

/// The version of the API, sent on every answer (NLGov API Design Rules).
pub const API_VERSION: &str = "1.0.0";

/// An error as `application/problem+json`.
#[derive(Debug, Serialize)]
pub struct ProblemJson {
    /// A URI naming the kind of error; `about:blank` where the status says it.
    #[serde(rename = "type")]
    pub kind: &'static str,
    /// The status's words.
    pub title: String,
    /// The HTTP status.
    pub status: u16,
    /// What went wrong, in a sentence.
    pub detail: String,
    /// The problems in the data that stop it, as the manifest lists them.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub problemen: Vec<Fout>,
    /// How to put it right.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub hint: Option<String>,
    /// Seconds to wait before asking again (503).
    #[serde(skip)]
    pub retry_after: Option<u32>,
}

impl ProblemJson {
    /// An error with this status and detail.
    pub fn new(status: StatusCode, detail: String) -> ProblemJson {
        ProblemJson {
            kind: "about:blank",
            title: status.canonical_reason().unwrap_or_default().to_string(),
            status: status.as_u16(),
            detail,
            problemen: Vec::new(),
            hint: None,
            retry_after: None,
        }
    }

    /// Adds how to put it right.
    pub fn hint(mut self, hint: String) -> ProblemJson {
        self.hint = Some(hint);
        self
    }

    /// A failure, in a language, with its hint.
    pub fn failure(status: StatusCode, failure: &Failure, lang: Lang) -> ProblemJson {
        ProblemJson {
            hint: crate::error::hint(failure, lang),
            ..ProblemJson::new(status, crate::error::describe(failure, lang))
        }
    }

    /// Problems in the data that stop a document (422).
    pub fn problems(detail: String, problems: &[&Problem], lang: Lang) -> ProblemJson {
        ProblemJson {
            problemen: problems.iter().map(|p| Fout::said(p, lang)).collect(),
            ..ProblemJson::new(StatusCode::UNPROCESSABLE_ENTITY, detail)
        }
    }
}

impl IntoResponse for ProblemJson {
    fn into_response(self) -> Response {
        let status = StatusCode::from_u16(self.status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
        let retry = self.retry_after;
        let body = serde_json::to_vec_pretty(&self).unwrap_or_default();
        let mut response = (status, [(header::CONTENT_TYPE, "application/problem+json")], body).into_response();
        if let Some(seconds) = retry {
            response.headers_mut().insert(header::RETRY_AFTER, HeaderValue::from(seconds));
        }
        response
    }
}

/// A JSON answer.
pub fn json(value: &impl Serialize) -> Response {
    match serde_json::to_vec_pretty(value) {
        Ok(body) => ([(header::CONTENT_TYPE, "application/json")], body).into_response(),
        Err(e) => ProblemJson::new(StatusCode::INTERNAL_SERVER_ERROR, e.to_string()).into_response(),
    }
}

/// A file to download, under a name made from the document's id.
pub fn download(bytes: Vec<u8>, content_type: &'static str, name: &str) -> Response {
    // The id is a safe file name (checked before anything is made); quoted all the same.
    let disposition = format!("attachment; filename=\"{}\"", name.replace(['"', '\\'], "_"));
    let mut response = ([(header::CONTENT_TYPE, content_type)], bytes).into_response();
    if let Ok(value) = HeaderValue::from_str(&disposition) {
        response.headers_mut().insert(header::CONTENT_DISPOSITION, value);
    }
    response
}
