//! What the server holds: the data as last read (model, problems, texts,
//! engine — the same `prepare` as `render`), read again when a file in the
//! data folder or the template folder changes, and the bound on renders
//! running at once.

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::SystemTime;

use crate::batch::{self, Prepared, make::Maker};
use crate::error::Failure;
use crate::input::files;
use crate::lang::Lang;
use crate::model::{Document, Problem};
use crate::typeset::Standard;

/// Pixels to a point in a preview: an A4 page 1,190 pixels wide, sharp
/// on a laptop screen at half that.
const PREVIEW_SCALE: f32 = 2.0;

/// Most files looked at to notice a change in the data folder.
const MAX_WATCHED: usize = 5_000;

/// How the server was started.
#[derive(Debug, Clone)]
pub struct Options {
    /// The workbook, or the folder of CSV files.
    pub data: PathBuf,
    /// The organisation's template folder, if given.
    pub templates: Option<PathBuf>,
    /// The language of the page, the messages and the problems.
    pub lang: Lang,
    /// The PDF standard documents are made to (as `render`'s default).
    pub standard: Standard,
    /// Most documents typeset at once; a request beyond it is answered 503.
    pub renders: usize,
}

/// The data as read at one moment, with every problem `check` would list.
pub struct Served {
    /// What `prepare` made of it.
    pub prepared: Prepared,
    /// The part of every document's context that is shared.
    pub context: minijinja::Value,
    /// Every problem, as `check` lists them (reading, checks, texts).
    pub problems: Vec<Problem>,
    /// When it was read, as the page shows it (`HH:MM:SS`, local time).
    pub read_at: String,
    /// Each document's subject as its letter prints it (filled in), by id;
    /// a document its problems stop keeps the subject as written.
    pub subjects: std::collections::HashMap<String, String>,
    /// The pages of documents drawn for the page's preview, by id, made
    /// once for the data as read.
    pub previews: Mutex<std::collections::HashMap<String, Arc<Vec<Vec<u8>>>>>,
}

impl Served {
    /// The document with this id; ids are looked up, never used as paths.
    pub fn document(&self, id: &str) -> Option<&Document> {
        self.prepared.model.documenten.iter().find(|d| d.document == id)
    }

    /// The subject as the document prints it, else as written.
    pub fn subject<'a>(&'a self, doc: &'a Document) -> &'a str {
        self.subjects.get(&doc.document).map_or(&doc.onderwerp, String::as_str)
    }

    /// The problems that stop this document.
    pub fn stopping(&self, doc: &Document) -> Vec<&Problem> {
        let uses = crate::check::assess::uses(&self.prepared.model, &self.prepared.texts, doc);
        self.problems.iter().filter(|p| p.blocks(&uses)).collect()
    }

    /// The pages of a document drawn as PNGs (blocking), or `None` when its
    /// problems stop it or it cannot be typeset.
    pub fn preview(&self, doc: &Document, standard: Standard, lang: Lang) -> Option<Arc<Vec<Vec<u8>>>> {
        if let Some(pages) = self.previews.lock().unwrap_or_else(PoisonError::into_inner).get(&doc.document) {
            return Some(pages.clone());
        }
        let pages = Arc::new(crate::batch::make::preview(&self.maker(standard, false, lang), doc, PREVIEW_SCALE).ok()?);
        let mut previews = self.previews.lock().unwrap_or_else(PoisonError::into_inner);
        previews.insert(doc.document.clone(), pages.clone());
        Some(pages)
    }

    /// How a document is made here: as `render` makes it.
    pub fn maker(&self, standard: Standard, woo: bool, lang: Lang) -> Maker<'_> {
        let p = &self.prepared;
        Maker {
            engine: &p.engine,
            model: &p.model,
            problems: &p.problems,
            texts: &p.texts,
            context: &self.context,
            standard,
            woo,
            emit_typst: None,
            lang,
        }
    }
}

/// The server's state: its options and the data as last read.
pub struct App {
    /// How it was started.
    pub options: Options,
    /// The data as last read, with the files it was read from.
    current: Mutex<Option<(Signature, Reading)>>,
    /// Renders running at once.
    pub renders: tokio::sync::Semaphore,
    /// The runs of the whole batch asked for.
    pub jobs: super::jobs::Jobs,
}

/// The data as read, or why it could not be.
type Reading = Result<Arc<Served>, Arc<Failure>>;

/// What the files looked like when the data was read: every file's path,
/// length and time of change.
type Signature = Vec<(PathBuf, u64, Option<SystemTime>)>;

impl App {
    /// The state of a server started with these options.
    pub fn new(options: Options) -> App {
        let renders = tokio::sync::Semaphore::new(options.renders.max(1));
        App { options, current: Mutex::new(None), renders, jobs: Default::default() }
    }

    /// The data as it is now: read again when a file changed since it was
    /// last read (blocking: call it off the async threads).
    pub fn served(&self) -> Reading {
        let signature = self.signature();
        let mut current = self.current.lock().unwrap_or_else(PoisonError::into_inner);
        if let Some((seen, served)) = current.as_ref()
            && *seen == signature
        {
            return served.clone();
        }
        let served = self.read().map(Arc::new).map_err(Arc::new);
        *current = Some((signature, served.clone()));
        served
    }

    fn read(&self) -> Result<Served, Failure> {
        let o = &self.options;
        let prepared = batch::prepare(&o.data, o.templates.as_deref(), o.lang, false)?;
        let problems = every_problem(&prepared, o.standard, o.lang);
        let context = crate::document::text::shared(&prepared.model, &prepared.texts);
        let read_at = chrono::Local::now().format("%H:%M:%S").to_string();
        // Subjects with values in them, filled in as the letters will print them.
        let p = &prepared;
        let subjects = p
            .model
            .documenten
            .iter()
            .filter(|d| d.onderwerp.contains('{'))
            .filter_map(|d| {
                let data = crate::check::assess::document(&p.model, &p.problems, &p.texts, &context, d).ok()?;
                Some((d.document.clone(), data.onderwerp))
            })
            .collect();
        Ok(Served { prepared, context, problems, read_at, subjects, previews: Mutex::default() })
    }

    /// A fingerprint of the files the data is read from, which changes when
    /// one of them does (blocking).
    pub fn fingerprint(&self) -> u64 {
        use std::hash::{Hash, Hasher};
        let mut hasher = std::collections::hash_map::DefaultHasher::new();
        self.signature().hash(&mut hasher);
        hasher.finish()
    }

    /// The files the data is read from: the data folder (the workbook's
    /// folder, or the CSV folder) and the template folder, a few levels deep.
    fn signature(&self) -> Signature {
        let o = &self.options;
        let mut seen = Vec::new();
        let data_dir = files::data_folder(&o.data);
        let template_dir = files::template_folder(&o.data, o.templates.as_deref());
        for dir in std::iter::once(data_dir).chain(template_dir) {
            walk(&dir, 4, &mut seen);
        }
        seen.sort();
        seen
    }
}

/// Every problem of prepared data, as `missiedocs check` lists them.
pub fn every_problem(prepared: &Prepared, standard: Standard, lang: Lang) -> Vec<Problem> {
    let mut problems = crate::check::assess::every_problem(&prepared.model, &prepared.problems, &prepared.texts);
    problems.extend(batch::trial::own_templates(prepared, standard, lang));
    problems
}

fn walk(dir: &Path, depth: usize, seen: &mut Signature) {
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    for entry in entries.flatten() {
        if seen.len() >= MAX_WATCHED {
            return;
        }
        let Ok(meta) = entry.metadata() else { continue };
        if meta.is_dir() {
            if depth > 0 {
                walk(&entry.path(), depth - 1, seen);
            }
        } else {
            seen.push((entry.path(), meta.len(), meta.modified().ok()));
        }
    }
}
