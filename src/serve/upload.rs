//! `POST /api/v1/controles`: data sent to be checked — a workbook
//! (`.xlsx`, `.ods`) or a zip of a data folder (the workbook, its texts,
//! pictures and annexes), as the body or as the one file of a form
//! (`multipart/form-data`) — put in a temporary folder, checked exactly as
//! `missiedocs check` checks it, and removed; nothing is kept.
//!
//! What is sent is bounded before it is read: the request's size, and for a
//! zip the number of entries and the bytes they inflate to (counted as they
//! are read, not taken from the archive's own claims). An entry with `..`,
//! an absolute path or a link is refused, as is a zip without exactly one
//! workbook or a folder of CSV files.

use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::{FromRequest, Multipart, Request, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde::Serialize;

use super::answer::{ProblemJson, json};
use super::state::App;
use crate::error::Failure;
use crate::input::limits::MAX_INFLATED_BYTES;
use crate::lang::{Lang, Words};
use crate::output::Fout;
use crate::say;

/// The largest request `controles` takes (a data folder with its pictures
/// and annexes); larger is answered `413`.
pub const MAX_UPLOAD: usize = 50 << 20;

/// Most entries a sent zip may hold.
const MAX_ENTRIES: usize = 2_000;

/// What was sent, by its `Content-Type`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Sent {
    /// An Excel workbook.
    Xlsx,
    /// A LibreOffice workbook.
    Ods,
    /// A zip of a data folder.
    Folder,
}

impl Sent {
    /// What a `Content-Type` says was sent.
    pub fn of(content_type: &str) -> Option<Sent> {
        let kind = content_type.split(';').next().unwrap_or_default().trim().to_ascii_lowercase();
        Some(match kind.as_str() {
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" => Sent::Xlsx,
            "application/vnd.oasis.opendocument.spreadsheet" => Sent::Ods,
            "application/zip" | "application/x-zip-compressed" => Sent::Folder,
            _ => return None,
        })
    }

    /// What a file's name says it is.
    pub fn by_name(name: &str) -> Option<Sent> {
        let extension = Path::new(name).extension()?.to_str()?.to_ascii_lowercase();
        Some(match extension.as_str() {
            "xlsx" => Sent::Xlsx,
            "ods" => Sent::Ods,
            "zip" => Sent::Folder,
            _ => return None,
        })
    }
}

/// The data sent, laid out in `dir`: the path to check (the workbook, or
/// the folder of CSV files).
pub fn lay_out(sent: Sent, bytes: &[u8], dir: &Path) -> Result<PathBuf, Failure> {
    let write = |path: &Path, bytes: &[u8]| {
        std::fs::write(path, bytes).map_err(|e| {
            Failure::new(say!("de gegevens kunnen niet worden neergezet", "the data cannot be put down")).caused_by(e)
        })
    };
    match sent {
        Sent::Xlsx => {
            let path = dir.join("missies.xlsx");
            write(&path, bytes)?;
            Ok(path)
        }
        Sent::Ods => {
            let path = dir.join("missies.ods");
            write(&path, bytes)?;
            Ok(path)
        }
        Sent::Folder => {
            unzip(bytes, dir)?;
            find_data(dir)
        }
    }
}

fn refused(message: Words) -> Failure {
    Failure::new(message).hint(say!(
        "stuur een werkmap (.xlsx, .ods), of een zip van de map met gegevens: de werkmap met haar teksten, afbeeldingen en bijlagen",
        "send a workbook (.xlsx, .ods), or a zip of the data folder: the workbook with its texts, pictures and annexes"
    ))
}

/// Unpacks a zip into `dir`, bounded, refusing every entry that would
/// land outside it.
fn unzip(bytes: &[u8], dir: &Path) -> Result<(), Failure> {
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes))
        .map_err(|e| refused(say!("wat is gestuurd, is geen zip ({e})", "what was sent is no zip ({e})")))?;
    if archive.len() > MAX_ENTRIES {
        let n = archive.len();
        return Err(refused(say!(
            "de zip bevat {n} onderdelen, meer dan {MAX_ENTRIES}",
            "the zip holds {n} entries, more than {MAX_ENTRIES}"
        )));
    }
    let mut inflated = 0u64;
    for i in 0..archive.len() {
        let mut entry =
            archive.by_index(i).map_err(|e| refused(say!("de zip is beschadigd ({e})", "the zip is damaged ({e})")))?;
        let name = entry
            .name()
            .map_err(|e| refused(say!("de zip is beschadigd ({e})", "the zip is damaged ({e})")))?
            .into_owned();
        let outside = name.starts_with(['/', '\\'])
            || name.contains(':')
            || name.split(['/', '\\']).any(|part| part == "..")
            || entry.enclosed_name().is_none();
        if outside {
            return Err(refused(say!(
                "het onderdeel `{name}` van de zip wijst buiten de map",
                "the entry `{name}` of the zip points outside the folder"
            )));
        }
        if entry.is_symlink() {
            return Err(refused(say!(
                "het onderdeel `{name}` van de zip is een koppeling",
                "the entry `{name}` of the zip is a link"
            )));
        }
        let Some(relative) = entry.enclosed_name() else { continue };
        let target = dir.join(relative);
        if entry.is_dir() {
            std::fs::create_dir_all(&target).map_err(|e| refused(crate::error::said(&e)))?;
            continue;
        }
        if let Some(parent) = target.parent() {
            std::fs::create_dir_all(parent).map_err(|e| refused(crate::error::said(&e)))?;
        }
        // Counted as read: the archive's own sizes are a claim, not a bound.
        let mut content = Vec::new();
        let left = MAX_INFLATED_BYTES - inflated;
        (&mut entry).take(left + 1).read_to_end(&mut content).map_err(|e| {
            refused(say!("het onderdeel `{name}` is beschadigd ({e})", "the entry `{name}` is damaged ({e})"))
        })?;
        inflated += content.len() as u64;
        if inflated > MAX_INFLATED_BYTES {
            let mb = MAX_INFLATED_BYTES >> 20;
            return Err(refused(say!("de zip pakt uit tot meer dan {mb} MB", "the zip inflates to more than {mb} MB")));
        }
        std::fs::write(&target, content).map_err(|e| refused(crate::error::said(&e)))?;
    }
    Ok(())
}

/// The data in an unpacked folder (or its one top folder): its one
/// workbook, else the folder itself when it holds CSV files.
fn find_data(dir: &Path) -> Result<PathBuf, Failure> {
    let listed = |dir: &Path| -> Vec<PathBuf> {
        let mut found: Vec<PathBuf> =
            std::fs::read_dir(dir).map(|r| r.filter_map(Result::ok).map(|e| e.path()).collect()).unwrap_or_default();
        found.sort();
        found
    };
    let mut top = dir.to_path_buf();
    let entries = listed(&top);
    if let [only] = entries.as_slice()
        && only.is_dir()
    {
        top = only.clone();
    }
    let has = |path: &Path, exts: &[&str]| {
        path.extension().and_then(|e| e.to_str()).is_some_and(|e| exts.contains(&e.to_ascii_lowercase().as_str()))
    };
    let entries = listed(&top);
    let books: Vec<&PathBuf> = entries.iter().filter(|p| has(p, &["xlsx", "xlsm", "xlsb", "xls", "ods"])).collect();
    match books.as_slice() {
        [book] => Ok((*book).clone()),
        [] if entries.iter().any(|p| has(p, &["csv"])) => Ok(top),
        [] => Err(refused(say!(
            "de zip bevat geen werkmap en geen CSV-bestanden",
            "the zip holds no workbook and no CSV files"
        ))),
        many => {
            let names: Vec<String> =
                many.iter().filter_map(|p| p.file_name()).map(|n| format!("`{}`", n.to_string_lossy())).collect();
            let names = names.join(", ");
            Err(refused(say!(
                "de zip bevat meer dan één werkmap ({names}); welke bedoeld is, zou een gok zijn",
                "the zip holds more than one workbook ({names}); which one is meant would be a guess"
            )))
        }
    }
}

/// What `controles` answers: the documents the data has and every problem.
#[derive(Debug, Serialize)]
struct Checked {
    /// How many documents the data makes.
    documenten: usize,
    /// Every problem, as `check` lists them; files named within what was sent.
    problemen: Vec<Fout>,
}

/// Refuses a request whose declared size is past the bound before a byte
/// of its body is read (a body without a declared size is bounded as it is
/// read).
pub async fn declared_size(request: axum::extract::Request, next: axum::middleware::Next) -> Response {
    let declared = request.headers().get(header::CONTENT_LENGTH).and_then(|v| v.to_str().ok()?.parse::<u64>().ok());
    match declared {
        Some(size) if size > MAX_UPLOAD as u64 => {
            let mb = MAX_UPLOAD >> 20;
            let detail = format!("{size} bytes > {mb} MB");
            ProblemJson::new(StatusCode::PAYLOAD_TOO_LARGE, detail).into_response()
        }
        _ => next.run(request).await,
    }
}

/// The refusal of something this endpoint does not read.
fn unsupported(what: &str, lang: Lang) -> Response {
    let detail = crate::tr!(lang, "{what} wordt hier niet gelezen", "{what} is not read here");
    let refused = ProblemJson::new(StatusCode::UNSUPPORTED_MEDIA_TYPE, detail).hint(crate::tr!(
        lang,
        "stuur een werkmap als application/vnd.openxmlformats-officedocument.spreadsheetml.sheet of application/vnd.oasis.opendocument.spreadsheet, of een map als application/zip; of één bestand (.xlsx, .ods, .zip) als formulier (multipart/form-data)",
        "send a workbook as application/vnd.openxmlformats-officedocument.spreadsheetml.sheet or application/vnd.oasis.opendocument.spreadsheet, or a folder as application/zip; or one file (.xlsx, .ods, .zip) as a form (multipart/form-data)"
    ));
    refused.into_response()
}

/// What was sent and its bytes: the body as it is, or the one file of a
/// form (its type as the form gives it, else as its name says).
async fn received(request: Request, lang: Lang) -> Result<(Sent, Bytes), Response> {
    let content_type =
        request.headers().get(header::CONTENT_TYPE).and_then(|v| v.to_str().ok()).unwrap_or_default().to_string();
    let bad = |detail: String| ProblemJson::new(StatusCode::BAD_REQUEST, detail).into_response();
    if !content_type.to_ascii_lowercase().starts_with("multipart/form-data") {
        let Some(sent) = Sent::of(&content_type) else {
            return Err(unsupported(&format!("`Content-Type: {content_type}`"), lang));
        };
        let body = Bytes::from_request(request, &()).await.map_err(IntoResponse::into_response)?;
        return Ok((sent, body));
    }
    let mut form = Multipart::from_request(request, &()).await.map_err(IntoResponse::into_response)?;
    let mut file = None;
    loop {
        let field = match form.next_field().await {
            Ok(Some(field)) => field,
            Ok(None) => break,
            Err(e) => return Err(ProblemJson::new(e.status(), e.body_text()).into_response()),
        };
        let Some(name) = field.file_name().map(str::to_string) else { continue };
        // Two files would leave one unchecked: which one is meant is a guess.
        if file.is_some() {
            return Err(bad(crate::tr!(
                lang,
                "het formulier bevat meer dan één bestand; stuur er één",
                "the form holds more than one file; send one"
            )));
        }
        let sent = field.content_type().and_then(Sent::of).or_else(|| Sent::by_name(&name));
        let Some(sent) = sent else { return Err(unsupported(&format!("`{name}`"), lang)) };
        let bytes = match field.bytes().await {
            Ok(bytes) => bytes,
            Err(e) => return Err(ProblemJson::new(e.status(), e.body_text()).into_response()),
        };
        file = Some((sent, bytes));
    }
    file.ok_or_else(|| bad(crate::tr!(lang, "het formulier bevat geen bestand", "the form holds no file")))
}

/// Checks the data sent.
pub async fn check(State(app): State<Arc<App>>, request: Request) -> Response {
    let lang = app.options.lang;
    let (sent, body) = match received(request, lang).await {
        Ok(received) => received,
        Err(refused) => return refused,
    };
    let Ok(Ok(permit)) = tokio::time::timeout(super::api::RENDER_WAIT, app.renders.acquire()).await else {
        return super::api::busy(lang);
    };
    let standard = app.options.standard;
    let checked = tokio::task::spawn_blocking(move || -> Result<Checked, (StatusCode, Failure)> {
        let dir = tempfile::tempdir().map_err(|e| {
            let failure = Failure::new(say!("geen tijdelijke map", "no temporary folder")).caused_by(e);
            (StatusCode::INTERNAL_SERVER_ERROR, failure)
        })?;
        let data = lay_out(sent, &body, dir.path()).map_err(|f| (StatusCode::BAD_REQUEST, f))?;
        let prepared = crate::batch::prepare(&data, None, lang, crate::batch::Typesetting::Nothing)
            .map_err(|f| (StatusCode::UNPROCESSABLE_ENTITY, f))?;
        let problems = super::state::every_problem(&prepared, standard, lang);
        // Named as the sender knows them: within what was sent.
        let root = dir.path().display().to_string();
        let within = |text: &str| text.replace(&format!("{root}/"), "").replace(&root, ".");
        let problemen = problems
            .iter()
            .map(|p| {
                let mut fout = Fout::said(p, lang);
                fout.melding = within(&fout.melding);
                fout.bestand = fout.bestand.as_deref().map(within);
                fout.hint = fout.hint.as_deref().map(within);
                fout
            })
            .collect();
        Ok(Checked { documenten: prepared.model.documenten.len(), problemen })
    })
    .await;
    drop(permit);
    match checked {
        Ok(Ok(checked)) => json(&checked),
        Ok(Err((status, failure))) => {
            let mut answer = ProblemJson::failure(status, &failure, lang);
            answer.detail = answer.detail.replace(std::env::temp_dir().to_string_lossy().as_ref(), "…");
            answer.into_response()
        }
        Err(_) => ProblemJson::new(StatusCode::INTERNAL_SERVER_ERROR, String::new()).into_response(),
    }
}
