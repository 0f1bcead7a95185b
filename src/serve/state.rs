//! What the server holds: the data as last read (model, problems, texts,
//! engine — the same `prepare` as `render`), read again when a file a run
//! could read changes in the data folder or the template folder, the pages
//! drawn and counted for it, the bound on renders running at once, and the
//! news for the open pages.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::SystemTime;

use crate::batch::make::{Extras, Maker};
use crate::batch::{self, Prepared};
use crate::error::Failure;
use crate::input::files;
use crate::input::watched::{Reads, absolute};
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
    /// Which reading of the data this is (1, 2, …): it names the
    /// previews' addresses, so a page shows the pages of this reading.
    pub generation: u64,
    /// Each document's subject as its letter prints it (filled in), by id;
    /// a document its problems stop keeps the subject as written.
    pub subjects: HashMap<String, String>,
    /// The pages of documents drawn for the page's preview, by id, made
    /// once for the data as read.
    pub previews: Mutex<HashMap<String, Arc<Vec<Vec<u8>>>>>,
    /// How many pages each document made has, by id, as counted so far.
    pub pages: Mutex<HashMap<String, usize>>,
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
        self.counted(doc, pages.len());
        let mut previews = self.previews.lock().unwrap_or_else(PoisonError::into_inner);
        previews.insert(doc.document.clone(), pages.clone());
        Some(pages)
    }

    /// How many pages the document has, once counted.
    pub fn page_count(&self, doc: &Document) -> Option<usize> {
        self.pages.lock().unwrap_or_else(PoisonError::into_inner).get(&doc.document).copied()
    }

    /// Keeps how many pages the document has.
    pub fn counted(&self, doc: &Document, pages: usize) {
        self.pages.lock().unwrap_or_else(PoisonError::into_inner).insert(doc.document.clone(), pages);
    }

    /// How a document is made here: as `render` makes it.
    pub fn maker(&self, standard: Standard, woo: bool, lang: Lang) -> Maker<'_> {
        Maker { extras: Extras { woo, ..Default::default() }, ..self.prepared.maker(&self.context, standard, lang) }
    }
}

/// The server's state: its options and the data as last read.
pub struct App {
    /// How it was started.
    pub options: Options,
    /// The data as last read, with the files it was read from.
    current: Mutex<Option<Current>>,
    /// Renders running at once.
    pub renders: tokio::sync::Semaphore,
    /// The runs of the whole batch asked for.
    pub jobs: super::jobs::Jobs,
    /// News for the open pages (server-sent events).
    pub news: tokio::sync::broadcast::Sender<super::live::News>,
    /// What a run could read of the data (which files count as a change).
    reads: Reads,
}

/// The data as last read.
struct Current {
    /// The files it was read from.
    signature: Signature,
    /// Which reading it is.
    generation: u64,
    /// What was read.
    reading: Reading,
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
        let templates = files::template_folder(&options.data, options.templates.as_deref());
        let reads = Reads::new(&options.data, templates.as_deref());
        let (news, _) = tokio::sync::broadcast::channel(256);
        App { options, current: Mutex::new(None), renders, jobs: super::jobs::Jobs::new(news.clone()), news, reads }
    }

    /// The data as it is now: read again when a file changed since it was
    /// last read (blocking: call it off the async threads).
    pub fn served(&self) -> Reading {
        let signature = self.signature();
        let mut current = self.current.lock().unwrap_or_else(PoisonError::into_inner);
        let generation = match current.as_ref() {
            Some(seen) if seen.signature == signature => return seen.reading.clone(),
            Some(seen) => seen.generation + 1,
            None => 1,
        };
        let reading = self.read(generation).map(Arc::new).map_err(Arc::new);
        *current = Some(Current { signature, generation, reading: reading.clone() });
        reading
    }

    /// Which reading of the data is the latest (0 before the first).
    pub fn generation(&self) -> u64 {
        self.current.lock().unwrap_or_else(PoisonError::into_inner).as_ref().map_or(0, |c| c.generation)
    }

    fn read(&self, generation: u64) -> Result<Served, Failure> {
        let o = &self.options;
        let prepared = batch::prepare(&o.data, o.templates.as_deref(), o.lang, batch::Typesetting::Nothing)?;
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
        let (previews, pages) = Default::default();
        Ok(Served { prepared, context, problems, read_at, generation, subjects, previews, pages })
    }

    /// The files a run could read in the data folder (the workbook's
    /// folder, or the CSV folder) and the template folder, a few levels
    /// deep, with their lengths and times of change.
    fn signature(&self) -> Signature {
        let o = &self.options;
        let mut seen = Vec::new();
        let data_dir = files::data_folder(&o.data);
        let template_dir = files::template_folder(&o.data, o.templates.as_deref());
        for dir in std::iter::once(data_dir).chain(template_dir) {
            walk(&absolute(&dir), 4, &self.reads, &mut seen);
        }
        seen.sort();
        seen.dedup();
        seen
    }
}

/// Every problem of prepared data, as `missiedocs check` lists them.
pub fn every_problem(prepared: &Prepared, standard: Standard, lang: Lang) -> Vec<Problem> {
    let mut problems = crate::check::assess::every_problem(&prepared.model, &prepared.problems, &prepared.texts);
    problems.extend(batch::trial::own_templates(prepared, standard, lang));
    problems
}

fn walk(dir: &Path, depth: usize, reads: &Reads, seen: &mut Signature) {
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    for entry in entries.flatten() {
        if seen.len() >= MAX_WATCHED {
            return;
        }
        let Ok(meta) = entry.metadata() else { continue };
        if meta.is_dir() {
            if depth > 0 {
                walk(&entry.path(), depth - 1, reads, seen);
            }
        } else if reads.could_read(&entry.path()) {
            seen.push((entry.path(), meta.len(), meta.modified().ok()));
        }
    }
}
