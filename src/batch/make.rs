//! One document on a worker: stopped by the problems that touch it, or
//! typeset, its annexes merged, its Woo metadata made, and — only when all
//! of that worked and the time limit was not passed — its files written.

use std::path::Path;

use crate::document::{DocData, annex_title};
use crate::error::describe;
use crate::input::files::{FileError, data_file};
use crate::lang::Lang;
use crate::model::{Document, Model};
use crate::output::annex::{self, Annex, AnnexError, Merged};
use crate::output::woo::{self, WooError};
use crate::output::{Entry, FileEntry, Fout, MergedEntry, Status, project, sha256, write_atomic};
use crate::tr;
use crate::typeset::{self, Job, RenderError, Standard};

use super::Shared;
use super::pool::Ticket;

/// Why a document that passed its checks was not made.
#[derive(Debug, thiserror::Error)]
enum MakeError {
    /// A file could not be written; the message names it.
    #[error("{message}")]
    Write {
        /// What could not be written.
        message: String,
        /// The cause.
        #[source]
        source: std::io::Error,
    },
    /// The data could not be serialised for Typst.
    #[error(transparent)]
    Json(#[from] serde_json::Error),
    /// Typst could not typeset it.
    #[error(transparent)]
    Render(#[from] RenderError),
    /// An annex could not be found.
    #[error(transparent)]
    File(#[from] FileError),
    /// An annex could not be merged.
    #[error(transparent)]
    Annex(#[from] AnnexError),
    /// The Woo metadata could not be made.
    #[error(transparent)]
    Woo(#[from] WooError),
    /// Given up on after the time limit; the run already recorded it.
    #[error("given up")]
    GivenUp,
}

/// The reason recorded for a panic inside typesetting.
pub(super) fn internal_error(lang: Lang) -> String {
    tr!(
        lang,
        "interne fout tijdens het opmaken (dit is een fout in missiedocs)",
        "internal error while typesetting (this is a bug in missiedocs)"
    )
}

/// One document, on a worker: stopped by problems, or made.
pub(super) fn make(shared: &Shared, i: usize, ticket: &Ticket) -> Entry {
    let Shared { model, problems, texts, context, .. } = shared;
    let doc = &model.documenten[i];
    match crate::check::assess::document(model, problems, texts, context, doc) {
        Ok(data) => render_one(shared, doc, data, ticket),
        Err(problems) => failed(doc, problems.iter().map(Fout::from).collect()),
    }
}

/// The member a letter to many is for, as the manifest records it.
fn lid(doc: &Document) -> Option<crate::output::manifest::Lid> {
    doc.lid.as_ref().map(|(naam, rij)| crate::output::manifest::Lid { naam: naam.clone(), rij: *rij })
}

/// The entry of a document that was not made.
pub(super) fn failed(doc: &Document, reasons: Vec<Fout>) -> Entry {
    Entry {
        document: doc.document.clone(),
        rij: doc.line,
        sjabloon: doc.sjabloon.clone(),
        deelnemer: lid(doc),
        concept: doc.concept,
        verzonden: doc.verzonden,
        status: Status::Fout,
        file: None,
        met_bijlagen: None,
        woo: Vec::new(),
        fouten: reasons,
        waarschuwingen: Vec::new(),
    }
}

/// Typesets and writes one document; never panics.
fn render_one(shared: &Shared, doc: &Document, data: DocData, ticket: &Ticket) -> Entry {
    let lang = shared.config.lang;
    match crate::guard::contain(|| attempt(shared, doc, &data, ticket)) {
        Some(Ok(entry)) => entry,
        Some(Err(err)) => failed(doc, vec![Fout::message(describe(&err, lang))]),
        None => failed(doc, vec![Fout::message(internal_error(lang))]),
    }
}

/// Everything is made before anything is written: a document that fails
/// leaves no files.
fn attempt(shared: &Shared, doc: &Document, data: &DocData, ticket: &Ticket) -> Result<Entry, MakeError> {
    let Shared { engine, model, config, .. } = shared;
    let lang = config.lang;
    let json = serde_json::to_vec(data)?;
    if let Some(dir) = &config.emit_typst {
        project::emit(&dir.join(&doc.document), engine, &doc.sjabloon, data, &model.base_dir).map_err(|source| {
            MakeError::Write {
                message: tr!(
                    lang,
                    "Typst-project in `{}` kan niet worden geschreven",
                    "Typst project in `{}` cannot be written",
                    dir.display()
                ),
                source,
            }
        })?;
    }
    let job =
        Job { template: &doc.sjabloon, data: json, date: doc.datum, ident: &doc.document, standard: config.standard };
    let rendered = typeset::render(engine, job)?;
    let merged = merge_annexes(model, doc, &rendered.pdf, config.standard, lang)?;
    let name = format!("{}.pdf", doc.document);
    let sender = model.sender(doc);
    let annex_names: Vec<String> = merged.iter().flat_map(|m| m.annexes.iter().map(|a| a.bestand.clone())).collect();
    let woo = |part_of: Option<&str>, annexes: &[String]| -> Result<Option<Vec<u8>>, WooError> {
        // A draft is never published.
        if !config.woo || doc.concept {
            return Ok(None);
        }
        let meta =
            woo::Meta { document: doc, sender, title: &data.onderwerp, keywords: &data.trefwoorden, part_of, annexes };
        woo::metadata(&meta, lang).map(Some)
    };
    let own_xml = woo(None, &[])?;
    let merged_xml = match &merged {
        Some(_) => woo(Some(&name), &annex_names)?,
        None => None,
    };
    // Given up on after the time limit: the run already recorded a failure.
    if !ticket.finish() {
        return Err(MakeError::GivenUp);
    }
    let write = |name: &str, bytes: &[u8]| {
        write_atomic(&config.out, name, bytes).map(drop).map_err(|source| MakeError::Write {
            message: tr!(
                lang,
                "`{}` kan niet worden geschreven",
                "`{}` cannot be written",
                config.out.join(name).display()
            ),
            source,
        })
    };
    let mut woo_files = Vec::new();
    let met_bijlagen = match merged {
        Some(merged) => {
            let merged_name = annex::merged_name(&doc.document);
            write(&merged_name, &merged.pdf)?;
            if let Some(xml) = merged_xml {
                let xml_name = woo::file_name(&merged_name);
                write(&xml_name, &xml)?;
                woo_files.push(xml_name);
            }
            Some(MergedEntry {
                file: FileEntry {
                    bestand: merged_name,
                    paginas: merged.pages,
                    sha256: sha256(&merged.pdf),
                    standaarden: merged.standards,
                },
                vervallen: merged.dropped,
                bijlagen: merged.annexes,
            })
        }
        None => None,
    };
    write(&name, &rendered.pdf)?;
    if let Some(xml) = own_xml {
        let xml_name = woo::file_name(&name);
        write(&xml_name, &xml)?;
        woo_files.insert(0, xml_name);
    }
    Ok(Entry {
        document: doc.document.clone(),
        rij: doc.line,
        sjabloon: doc.sjabloon.clone(),
        deelnemer: lid(doc),
        concept: doc.concept,
        verzonden: doc.verzonden,
        status: Status::Ok,
        file: Some(FileEntry {
            bestand: name,
            paginas: rendered.pages,
            sha256: sha256(&rendered.pdf),
            standaarden: config.standard.names(),
        }),
        met_bijlagen,
        woo: woo_files,
        fouten: Vec::new(),
        waarschuwingen: text_warnings(shared, doc)
            .into_iter()
            .chain(draft_warning(shared, doc))
            .chain(crate::check::assess::hidden_warning(&shared.model, doc, shared.config.lang))
            .chain(rendered.warnings)
            .collect(),
    })
}

/// Removes what an earlier run into the same folder left of a document and
/// this run did not write: a document not made keeps no old PDF beside a
/// manifest that says it was not made, and a made one no annex file or
/// metadata it no longer has. Only the document's own names in `out` are
/// touched.
pub(super) fn remove_stale(out: &Path, entry: &Entry) {
    let written: Vec<&str> = entry
        .file
        .iter()
        .chain(entry.met_bijlagen.iter().map(|m| &m.file))
        .map(|f| f.bestand.as_str())
        .chain(entry.woo.iter().map(String::as_str))
        .collect();
    remove_files(out, &entry.document, &written);
}

/// Removes the files named for document `id` in `out` (its PDF, merged
/// copy and Woo metadata) but those `written`.
pub(super) fn remove_files(out: &Path, id: &str, written: &[&str]) {
    // A document may have failed because its id is no safe file name
    // (`../x`): such an id names nothing in the folder to remove.
    if crate::check::unsafe_file_name(id, Lang::Nl).is_some() {
        return;
    }
    for name in file_names(id) {
        if !written.contains(&name.as_str()) {
            // A symbolic link is removed itself, not what it points to.
            let _ = std::fs::remove_file(out.join(&name));
        }
    }
}

/// The names of the files a document may have in the output folder: its
/// PDF, its merged copy, and their Woo metadata.
pub(super) fn file_names(id: &str) -> [String; 4] {
    let pdf = format!("{id}.pdf");
    let merged = annex::merged_name(id);
    [woo::file_name(&pdf), woo::file_name(&merged), pdf, merged]
}

/// Why a draft has no publication metadata under `--woo`.
fn draft_warning(shared: &Shared, doc: &Document) -> Option<String> {
    (shared.config.woo && doc.concept).then(|| {
        crate::tr!(
            shared.config.lang,
            "geen DiWoo-metadata: het document is een concept (`status` is `concept`); een concept wordt niet gepubliceerd",
            "no DiWoo metadata: the document is a draft (`status` is `concept`); a draft is not published"
        )
    })
}

/// What the document's Word or LibreOffice text could not carry over.
fn text_warnings(shared: &Shared, doc: &Document) -> Vec<String> {
    let Some(name) = crate::document::text::body_template(doc) else { return Vec::new() };
    shared.texts.warnings(&name).iter().map(|w| format!("`{name}`: {w}")).collect()
}

/// The document with its PDF annexes, when it lists any.
fn merge_annexes(
    model: &Model,
    doc: &Document,
    pdf: &[u8],
    standard: Standard,
    lang: Lang,
) -> Result<Option<Merged>, MakeError> {
    let mut annexes = Vec::new();
    for entry in doc.bijlagen.iter().filter(|entry| annex::is_pdf(entry)) {
        // Checked by validation; a file gone or moved since is refused here.
        let path = data_file(&model.base_dir, entry, lang)?;
        annexes.push(Annex { entry: entry.clone(), path, title: annex_title(entry) });
    }
    if annexes.is_empty() {
        return Ok(None);
    }
    Ok(Some(annex::merge(pdf, standard, &annexes, lang)?))
}
