//! Making one document, all in memory ([`make`]): stopped by the problems
//! that touch it, or typeset, its annexes merged and its Woo metadata made.
//! `render` and `watch` write what it made ([`make_and_write`], through
//! `output::write`, only when the time limit was not passed); `check`'s
//! trial of own templates calls the same [`make`] and keeps nothing.

use std::path::Path;

use crate::document::text::TextEngine;
use crate::document::{DocData, annex_title};
use crate::error::Failure;
use crate::input::annex::is_pdf;
use crate::input::files::data_file;
use crate::lang::Lang;
use crate::model::{Document, Model, Problem};
use crate::output::annex::{self, Annex, Merged};
use crate::output::write::Made;
use crate::output::{Entry, Fout, Status, project};
use crate::output::{mdto, woo};
use crate::typeset::world::Engine;
use crate::typeset::{self, Job, Standard};
use crate::{say, tr};

use super::Shared;
use super::pool::Ticket;

/// The reason recorded for a panic inside typesetting.
pub(super) fn internal_error(lang: Lang) -> String {
    tr!(
        lang,
        "interne fout tijdens het opmaken (dit is een fout in missiedocs)",
        "internal error while typesetting (this is a bug in missiedocs)"
    )
}

/// Why a document was not made.
#[derive(Debug)]
pub enum Stopped {
    /// Problems in what the document uses.
    Problems(Vec<crate::model::Problem>),
    /// Typst, an annex or the metadata failed.
    Failed(Failure),
    /// Typesetting panicked; the panic was contained.
    Panicked,
}

impl Stopped {
    /// The reasons as the manifest and stderr give them.
    pub fn reasons(&self, lang: Lang) -> Vec<Fout> {
        match self {
            Stopped::Problems(problems) => problems.iter().map(|p| Fout::said(p, lang)).collect(),
            Stopped::Failed(err) => vec![Fout::failed(err, lang)],
            Stopped::Panicked => vec![Fout::message(internal_error(lang))],
        }
    }
}

/// What making a document needs: the data read and checked, the texts,
/// the Typst engine, and how the run makes documents.
pub struct Maker<'a> {
    /// The Typst engine.
    pub engine: &'a Engine,
    /// The model.
    pub model: &'a Model,
    /// Every problem found in the data.
    pub problems: &'a [Problem],
    /// The texts, loaded.
    pub texts: &'a TextEngine,
    /// The part of every document's context the run shares.
    pub context: &'a minijinja::Value,
    /// The PDF standard.
    pub standard: Standard,
    /// What each document gets besides its PDF.
    pub extras: Extras<'a>,
    /// Where to write each document's Typst project, if anywhere.
    pub emit_typst: Option<&'a Path>,
    /// The language of messages.
    pub lang: Lang,
}

/// What a document gets besides its PDF: publication metadata (`--woo`),
/// archive metadata (`--mdto`), a seal (`--zegel`). The default is none.
#[derive(Debug, Clone, Copy, Default)]
pub struct Extras<'a> {
    /// Whether to make DiWoo metadata.
    pub woo: bool,
    /// Where the PDFs will be published (`--woo-url`), if anywhere.
    pub base_url: Option<&'a str>,
    /// Whether to make MDTO metadata.
    pub mdto: bool,
    /// The seal every PDF gets, if any.
    pub seal: Option<&'a crate::output::seal::Seal>,
    /// The moment MDTO metadata and seals record (UTC).
    pub moment: chrono::NaiveDateTime,
}

impl Shared {
    /// How this run makes a document.
    pub fn maker(&self) -> Maker<'_> {
        Maker {
            engine: &self.engine,
            model: &self.model,
            problems: &self.problems,
            texts: &self.texts,
            context: &self.context,
            standard: self.config.standard,
            extras: Extras {
                woo: self.config.woo,
                base_url: self.config.woo_url.as_deref(),
                mdto: self.config.mdto,
                seal: self.config.seal.as_deref(),
                moment: self.config.moment,
            },
            emit_typst: self.config.emit_typst.as_deref(),
            lang: self.config.lang,
        }
    }
}

impl super::Prepared {
    /// How a document is made from this data with `context` (see
    /// [`crate::document::text::shared`]): to `standard`, its messages in
    /// `lang`, with nothing besides its PDF ([`Extras`]' default).
    pub fn maker<'a>(&'a self, context: &'a minijinja::Value, standard: Standard, lang: Lang) -> Maker<'a> {
        Maker {
            engine: &self.engine,
            model: &self.model,
            problems: &self.problems,
            texts: &self.texts,
            context,
            standard,
            extras: Extras::default(),
            emit_typst: None,
            lang,
        }
    }
}

/// Makes one document in memory: stopped by the problems that touch it,
/// or typeset, its annexes merged and its metadata made. Never panics;
/// writes nothing but the `--emit-typst` project, a debugging aid.
pub fn make(maker: &Maker, doc: &Document) -> Result<Made, Stopped> {
    let Maker { model, problems, texts, context, .. } = maker;
    let data = crate::check::assess::document(model, problems, texts, context, doc).map_err(Stopped::Problems)?;
    match crate::guard::contain(|| attempt(maker, doc, data)) {
        Some(Ok(made)) => Ok(made),
        Some(Err(err)) => Err(Stopped::Failed(err)),
        None => Err(Stopped::Panicked),
    }
}

/// Draws every page of one document as a PNG, made as [`make`] makes it:
/// stopped by the same problems, from the same data.
pub fn preview(maker: &Maker, doc: &Document, pixels_per_pt: f32) -> Result<Vec<Vec<u8>>, Stopped> {
    typeset_only(maker, doc, |engine, job| typeset::pages_png(engine, job, pixels_per_pt))
}

/// The number of pages of one document as [`make`] makes it, stopped by
/// the same problems; no PDF is made.
pub fn page_count(maker: &Maker, doc: &Document) -> Result<usize, Stopped> {
    typeset_only(maker, doc, typeset::page_count)
}

/// Typesets one document from the data [`make`] makes it from, and gives
/// the typeset document to `with` (no annexes, no metadata).
fn typeset_only<T>(
    maker: &Maker,
    doc: &Document,
    with: impl FnOnce(&Engine, Job) -> Result<T, Failure>,
) -> Result<T, Stopped> {
    let Maker { engine, model, problems, texts, context, .. } = maker;
    let data = crate::check::assess::document(model, problems, texts, context, doc).map_err(Stopped::Problems)?;
    let done = crate::guard::contain(|| with(engine, job_of(maker, doc, &data)?));
    match done {
        Some(Ok(done)) => Ok(done),
        Some(Err(err)) => Err(Stopped::Failed(err)),
        None => Err(Stopped::Panicked),
    }
}

/// What a document is typeset from: its template and its data as Typst
/// reads them, its date and id, the run's standard.
fn job_of(maker: &Maker, doc: &Document, data: &DocData) -> Result<Job, Failure> {
    let data = serde_json::to_vec(data).map_err(|e| {
        Failure::new(say!("de gegevens kunnen niet aan Typst worden gegeven", "the data cannot be given to Typst"))
            .caused_by(e)
    })?;
    Ok(Job {
        template: doc.sjabloon.clone(),
        data,
        date: doc.datum,
        ident: doc.document.clone(),
        standard: maker.standard,
    })
}

/// The job [`make`] would typeset a document from, if nothing stops it
/// ([`crate::typeset::ahead`]).
pub(super) fn job(maker: &Maker, doc: &Document) -> Option<Job> {
    let Maker { model, problems, texts, context, .. } = maker;
    let data = crate::check::assess::document(model, problems, texts, context, doc).ok()?;
    crate::guard::contain(|| job_of(maker, doc, &data).ok()).flatten()
}

/// The member a letter to many is for, as the manifest records it.
pub(super) fn lid(doc: &Document) -> Option<crate::output::manifest::Lid> {
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
        mdto: Vec::new(),
        fouten: reasons,
        waarschuwingen: Vec::new(),
    }
}

/// One document on a worker of a run: made in memory, then — only when
/// the time limit was not passed — written to `--out`.
pub(super) fn make_and_write(shared: &Shared, i: usize, ticket: &Ticket) -> Entry {
    let config = &shared.config;
    let doc = &shared.model.documenten[i];
    let made = match make(&shared.maker(), doc) {
        Ok(made) => made,
        Err(stopped) => return failed(doc, stopped.reasons(config.lang)),
    };
    // Given up on after the time limit: the run already recorded a failure.
    if !ticket.finish() {
        return failed(doc, Vec::new());
    }
    match crate::output::write::document(&config.out, doc, lid(doc), &made, config.lang) {
        Ok(entry) => entry,
        Err(err) => failed(doc, vec![Fout::message(err.to_string())]),
    }
}

/// Everything is made before anything is written: a document that fails
/// leaves no files.
fn attempt(maker: &Maker, doc: &Document, data: DocData) -> Result<Made, Failure> {
    let Maker { engine, model, lang, standard, .. } = *maker;
    let job = job_of(maker, doc, &data)?;
    // The project is written before typesetting, so a template that fails
    // can be looked at with Typst itself.
    if let Some(dir) = maker.emit_typst {
        project::emit(&dir.join(&doc.document), engine, &doc.sjabloon, &data, &model.base_dir).map_err(|source| {
            Failure::new(say!(
                "Typst-project in `{}` kan niet worden geschreven",
                "Typst project in `{}` cannot be written",
                dir.display()
            ))
            .caused_by(source)
        })?;
    }
    let mut rendered = typeset::render(engine, job)?;
    let mut merged = merge_annexes(model, doc, &rendered.pdf, standard)?;
    // Sealed before anything describes the files: metadata and manifest
    // give the sealed bytes. A draft carries no seal: a seal says the
    // organisation stands by the document.
    let extras = &maker.extras;
    if let Some(seal) = extras.seal.filter(|_| !doc.concept) {
        if let Some(merged) = &mut merged {
            merged.pdf = seal.seal(&merged.pdf, extras.moment)?;
        }
        rendered.pdf = seal.seal(&rendered.pdf, extras.moment)?;
    }
    let name = format!("{}.pdf", doc.document);
    let sender = model.sender(doc);
    let annex_names: Vec<String> = merged.iter().flat_map(|m| m.annexes.iter().map(|a| a.bestand.clone())).collect();
    let woo = |part_of: Option<&str>, annexes: &[String]| -> Result<Option<Vec<u8>>, Failure> {
        // A draft is never published, nor what is not public.
        if !extras.woo || doc.concept || !doc.openbaarheid.public() {
            return Ok(None);
        }
        let meta =
            woo::Meta { document: doc, sender, title: &data.onderwerp, keywords: &data.trefwoorden, part_of, annexes };
        woo::metadata(&meta).map(Some)
    };
    let own_xml = woo(None, &[])?;
    let merged_xml = match &merged {
        Some(_) => woo(Some(&name), &annex_names)?,
        None => None,
    };
    let mdto = archive_metadata(maker, doc, &data, &rendered.pdf, merged.as_ref())?;
    let warnings = text_warnings(maker, doc)
        .into_iter()
        .chain(metadata_warnings(maker, doc))
        .chain(crate::check::assess::hidden_warning(model, doc, lang))
        .chain(rendered.warnings)
        .collect();
    Ok(Made {
        pdf: rendered.pdf,
        pages: rendered.pages,
        standards: standard.names(),
        merged,
        woo: own_xml,
        merged_woo: merged_xml,
        mdto,
        warnings,
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
        .chain(entry.woo.iter().chain(&entry.mdto).map(String::as_str))
        .collect();
    remove_files(out, &entry.document, &written);
}

/// Removes the files named for document `id` in `out` (its PDF, merged
/// copy and Woo metadata) but those `written`.
pub(super) fn remove_files(out: &Path, id: &str, written: &[&str]) {
    // A document may have failed because its id is no safe file name
    // (`../x`): such an id names nothing in the folder to remove.
    if crate::check::unsafe_file_name(id).is_some() {
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
/// PDF, its merged copy, and their Woo and MDTO metadata.
pub(super) fn file_names(id: &str) -> [String; 8] {
    let pdf = format!("{id}.pdf");
    let merged = crate::model::merged_name(id);
    [
        woo::file_name(&pdf),
        woo::file_name(&merged),
        mdto::object_name(&pdf),
        mdto::file_name(&pdf),
        mdto::object_name(&merged),
        mdto::file_name(&merged),
        pdf,
        merged,
    ]
}

/// Why a document has no metadata or seal it was asked for: a draft is
/// neither published (`--woo`), archived (`--mdto`) nor sealed
/// (`--zegel`); what is not public is not published.
fn metadata_warnings(maker: &Maker, doc: &Document) -> Vec<String> {
    let (lang, extras) = (maker.lang, &maker.extras);
    let mut said = Vec::new();
    if doc.concept {
        if extras.woo {
            said.push(crate::tr!(
                lang,
                "geen DiWoo-metadata: het document is een concept (`status` is `concept`); een concept wordt niet gepubliceerd",
                "no DiWoo metadata: the document is a draft (`status` is `concept`); a draft is not published"
            ));
        }
        if extras.mdto {
            said.push(crate::tr!(
                lang,
                "geen MDTO-metadata: het document is een concept (`status` is `concept`); een concept gaat niet naar het archief",
                "no MDTO metadata: the document is a draft (`status` is `concept`); a draft does not go to the archive"
            ));
        }
        if extras.seal.is_some() {
            said.push(crate::tr!(
                lang,
                "geen zegel: het document is een concept (`status` is `concept`); een concept wordt niet verzegeld",
                "no seal: the document is a draft (`status` is `concept`); a draft is not sealed"
            ));
        }
    } else if extras.woo && !doc.openbaarheid.public() {
        let openness = doc.openbaarheid.label().to_lowercase();
        said.push(crate::tr!(
            lang,
            "geen DiWoo-metadata: het document is {openness} (`openbaarheid`) en wordt niet gepubliceerd",
            "no DiWoo metadata: the document is {openness} (`openbaarheid`) and is not published"
        ));
    }
    said
}

/// The MDTO files of the PDF and of its merged copy (`--mdto`), made from
/// the bytes exactly as they will be written. A draft is not archived.
fn archive_metadata(
    maker: &Maker,
    doc: &Document,
    data: &DocData,
    pdf: &[u8],
    merged: Option<&Merged>,
) -> Result<Vec<(String, Vec<u8>)>, Failure> {
    let extras = &maker.extras;
    if !extras.mdto || doc.concept {
        return Ok(Vec::new());
    }
    let moment = extras.moment;
    let name = format!("{}.pdf", doc.document);
    let merged_name = crate::model::merged_name(&doc.document);
    let meta = |pdf, copy_of| mdto::Meta {
        document: doc,
        sender: maker.model.sender(doc),
        title: &data.onderwerp,
        keywords: &data.trefwoorden,
        pdf,
        copy_of,
        base_url: extras.base_url,
    };
    let mut files = Vec::from(mdto::files(&meta(&name, None), pdf, &maker.standard.names(), moment)?);
    if let Some(merged) = merged {
        files.extend(mdto::files(&meta(&merged_name, Some(&name)), &merged.pdf, &merged.standards, moment)?);
    }
    Ok(files)
}

/// What the document's Word or LibreOffice text could not carry over.
fn text_warnings(maker: &Maker, doc: &Document) -> Vec<String> {
    let Some(name) = crate::document::text::body_template(doc) else { return Vec::new() };
    maker.texts.warnings(&name).iter().map(|w| format!("`{name}`: {w}")).collect()
}

/// The document with its PDF annexes, when it lists any.
fn merge_annexes(model: &Model, doc: &Document, pdf: &[u8], standard: Standard) -> Result<Option<Merged>, Failure> {
    let mut annexes = Vec::new();
    for entry in doc.bijlagen.iter().filter(|entry| is_pdf(entry)) {
        // Checked by validation; a file gone or moved since is refused here.
        let path = data_file(&model.base_dir, entry)?;
        annexes.push(Annex { entry: entry.clone(), path, title: annex_title(entry) });
    }
    if annexes.is_empty() {
        return Ok(None);
    }
    Ok(Some(annex::merge(pdf, standard, &annexes)?))
}
