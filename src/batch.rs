//! The pipeline of a run: read → model → validate → select → for each
//! document in parallel: context → text → Typst → PDF → atomic write; then
//! the manifest and a summary. A failing document never stops the others.

use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use std::collections::HashMap;
use std::sync::Arc;

use crate::annex::Annex;
use crate::docdata;
use crate::model::{self, Document, Model};
use crate::output::{Entry, FileEntry, Fout, Manifest, MergedEntry, Status, sha256, write_atomic};
use crate::pool::{Outcome, Ticket, Work};
use crate::problem::Problem;
use crate::read::{self, ReadError};
use crate::render::{self, Job, Standard};
use crate::templates::Templates;
use crate::text::TextEngine;
use crate::validate;
use crate::world::Engine;

/// A slice of the documents: the `k`-th (1-based) of `n`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Shard {
    /// Which slice, 1-based.
    pub k: usize,
    /// How many slices.
    pub n: usize,
}

impl Shard {
    /// Whether a document belongs to this shard: stable by id, whatever the
    /// order or number of other documents.
    pub fn contains(&self, id: &str) -> bool {
        let digest = sha256(id.as_bytes());
        let h = u64::from_str_radix(&digest[..16], 16).unwrap_or(0);
        (h % self.n as u64) as usize == self.k - 1
    }
}

/// What a run does, checked.
#[derive(Debug, Clone)]
pub struct Config {
    /// Workbook or CSV folder.
    pub data: PathBuf,
    /// Output folder.
    pub out: PathBuf,
    /// Only these document ids (empty: all).
    pub only: Vec<String>,
    /// Only documents whose `missie` or `sjabloon` is one of these.
    pub filter: Vec<String>,
    /// Parallel jobs.
    pub jobs: usize,
    /// An organisation's template folder.
    pub templates: Option<PathBuf>,
    /// PDF standard.
    pub standard: Standard,
    /// Slice of the documents.
    pub shard: Option<Shard>,
    /// Show progress: a bar on a terminal, else a log line per document.
    pub progress: bool,
    /// Also write each document's self-contained Typst project here.
    pub emit_typst: Option<PathBuf>,
    /// Time limit per document.
    pub timeout: Option<Duration>,
    /// Also write DiWoo metadata beside each PDF.
    pub woo: bool,
}

/// The data read and checked, ready to render.
pub struct Prepared {
    /// The model.
    pub model: Model,
    /// Every problem found.
    pub problems: Vec<Problem>,
    /// Text templates, loaded.
    pub texts: TextEngine,
    /// Templates.
    pub templates: Templates,
}

/// The template folder to use: the given one, else `sjablonen/` beside the data.
pub fn template_folder(data: &Path, given: Option<&Path>) -> Option<PathBuf> {
    if let Some(dir) = given {
        return Some(dir.to_path_buf());
    }
    let base = if data.is_dir() { data.to_path_buf() } else { data.parent()?.to_path_buf() };
    let dir = base.join("sjablonen");
    dir.is_dir().then_some(dir)
}

/// Reads and validates the data.
pub fn prepare(data: &Path, templates: Option<&Path>) -> Result<Prepared, ReadError> {
    let book = read::read(data)?;
    let (model, mut problems) = model::load(&book);
    let templates = Templates::new(template_folder(data, templates));
    let mut texts = TextEngine::new();
    problems.extend(validate::validate(&model, &templates, &mut texts));
    Ok(Prepared { model, problems, texts, templates })
}

/// The outcome of a run.
#[derive(Debug)]
pub struct Summary {
    /// One entry per selected document.
    pub entries: Vec<Entry>,
    /// Problems that stop no document (rows nothing uses); still errors.
    pub unattached: Vec<Problem>,
    /// Wall time.
    pub elapsed: Duration,
    /// Unknown ids given to `--only`.
    pub unknown_only: Vec<String>,
}

impl Summary {
    /// Documents rendered.
    pub fn ok(&self) -> usize {
        self.entries.iter().filter(|e| e.status == Status::Ok).count()
    }

    /// Documents failed.
    pub fn failed(&self) -> usize {
        self.entries.len() - self.ok()
    }
}

/// Why a run could not start.
#[derive(Debug)]
pub enum RunError {
    /// The data could not be read.
    Read(ReadError),
    /// The output folder could not be made or written.
    Output {
        /// The folder.
        path: PathBuf,
        /// The cause.
        source: std::io::Error,
    },
}

impl From<ReadError> for RunError {
    fn from(err: ReadError) -> Self {
        RunError::Read(err)
    }
}

impl std::fmt::Display for RunError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            RunError::Read(err) => err.fmt(f),
            RunError::Output { path, source } => f.write_str(&crate::tr!(
                "de uitvoermap `{}` kan niet worden gebruikt ({source})",
                "the output folder `{}` cannot be used ({source})",
                path.display()
            )),
        }
    }
}

impl std::error::Error for RunError {}

fn selected(config: &Config, doc: &Document) -> bool {
    (config.only.is_empty() || config.only.contains(&doc.document))
        && (config.filter.is_empty()
            || config.filter.iter().any(|f| doc.missie.as_deref() == Some(f.as_str()) || &doc.sjabloon == f))
        && config.shard.is_none_or(|s| s.contains(&doc.document))
}

/// Everything the workers share.
struct Shared {
    engine: Engine,
    model: Model,
    problems: Vec<Problem>,
    texts: TextEngine,
    context: minijinja::Value,
    config: Config,
}

/// Renders the selected documents. Each gets at most `config.timeout`; a
/// document that takes longer is recorded as failed and may write nothing
/// (see [`crate::pool`]).
pub fn run(config: &Config) -> Result<Summary, RunError> {
    let start = Instant::now();
    let prepared = prepare(&config.data, config.templates.as_deref())?;
    run_prepared(config, prepared, start)
}

/// [`run`] on data already read and checked; `start` is when the run began.
pub fn run_prepared(config: &Config, prepared: Prepared, start: Instant) -> Result<Summary, RunError> {
    std::fs::create_dir_all(&config.out).map_err(|source| RunError::Output { path: config.out.clone(), source })?;
    crate::output::remove_temp_files(&config.out);
    let Prepared { model, problems, texts, templates } = prepared;
    let selection: Vec<usize> =
        (0..model.documenten.len()).filter(|&i| selected(config, &model.documenten[i])).collect();
    let unknown_only =
        config.only.iter().filter(|id| !model.documenten.iter().any(|d| &d.document == *id)).cloned().collect();
    let unattached = crate::assess::unattached(&model, &texts, &problems).into_iter().cloned().collect();
    let context = crate::text::shared(&crate::context::shared(&model));
    let shared = Arc::new(Shared {
        engine: Engine::new(templates, &model.base_dir),
        model,
        problems,
        texts,
        context,
        config: config.clone(),
    });
    let progress = Progress::new(selection.len() as u64, config.progress);
    // Documents go in chunks; between chunks Typst's memoization cache is
    // trimmed, so memory stays flat however long the batch is.
    const CHUNK: usize = 64;
    let mut results: HashMap<usize, Entry> = HashMap::with_capacity(selection.len());
    for chunk in selection.chunks(CHUNK) {
        let worker = Arc::clone(&shared);
        let work: Work<Entry> = Arc::new(move |i, ticket: &Ticket| make(&worker, i, ticket));
        crate::pool::run(chunk, config.jobs, config.timeout, work, |i, outcome| {
            let doc = &shared.model.documenten[i];
            let entry = match outcome {
                Outcome::Done(entry) => entry,
                Outcome::TimedOut => {
                    let secs = config.timeout.unwrap_or_default().as_secs();
                    failed(
                        doc,
                        vec![Fout::message(crate::tr!(
                            "het opmaken duurde langer dan {secs} s en is afgebroken",
                            "typesetting took longer than {secs} s and was given up"
                        ))],
                    )
                }
                Outcome::Lost => failed(doc, vec![Fout::message(internal_error())]),
            };
            progress.done(&entry);
            results.insert(i, entry);
        });
        comemo::evict(0);
    }
    progress.finish();
    let entries = selection.iter().filter_map(|i| results.remove(i)).collect();
    let manifest = Manifest::new(&config.data, entries);
    manifest.write(&config.out).map_err(|source| RunError::Output { path: config.out.clone(), source })?;
    Ok(Summary { entries: manifest.documenten, unattached, elapsed: start.elapsed(), unknown_only })
}

fn internal_error() -> String {
    crate::tr!(
        "interne fout tijdens het opmaken (dit is een fout in missiedocs)",
        "internal error while typesetting (this is a bug in missiedocs)"
    )
}

/// One document, on a worker: stopped by problems, or made.
fn make(shared: &Shared, i: usize, ticket: &Ticket) -> Entry {
    let Shared { model, problems, texts, context, .. } = shared;
    let doc = &model.documenten[i];
    match crate::assess::document(model, problems, texts, context, doc) {
        Ok(data) => render_one(shared, doc, data, ticket),
        Err(problems) => failed(doc, problems.iter().map(Fout::from).collect()),
    }
}

fn failed(doc: &Document, reasons: Vec<Fout>) -> Entry {
    Entry {
        document: doc.document.clone(),
        rij: doc.line,
        sjabloon: doc.sjabloon.clone(),
        status: Status::Fout,
        file: None,
        met_bijlagen: None,
        woo: Vec::new(),
        fouten: reasons,
        waarschuwingen: Vec::new(),
    }
}

/// Typesets and writes one document; never panics.
fn render_one(shared: &Shared, doc: &Document, data: docdata::DocData, ticket: &Ticket) -> Entry {
    let Shared { engine, model, config, .. } = shared;
    let attempt = crate::guard::contain(|| -> Result<Entry, String> {
        let json = serde_json::to_vec(&data).map_err(|e| e.to_string())?;
        if let Some(dir) = &config.emit_typst {
            emit_project(&dir.join(&doc.document), engine, &doc.sjabloon, &data, &model.base_dir).map_err(|e| {
                crate::tr!(
                    "Typst-project in `{}` kan niet worden geschreven ({e})",
                    "Typst project in `{}` cannot be written ({e})",
                    dir.display()
                )
            })?;
        }
        let rendered = render::render(
            engine,
            Job {
                template: &doc.sjabloon,
                data: json,
                date: doc.datum,
                ident: &doc.document,
                standard: config.standard,
            },
        )
        .map_err(|e| e.to_string())?;
        let merged = merge_annexes(model, doc, &rendered.pdf, config.standard)?;
        let name = format!("{}.pdf", doc.document);
        let write = |name: &str, bytes: &[u8]| {
            write_atomic(&config.out, name, bytes).map_err(|e| {
                crate::tr!(
                    "`{}` kan niet worden geschreven ({e})",
                    "`{}` cannot be written ({e})",
                    config.out.join(name).display()
                )
            })
        };
        let sender = model.sender(doc);
        let report = crate::report::is_report(doc);
        let annex_names: Vec<String> =
            merged.iter().flat_map(|m| m.annexes.iter().map(|a| a.bestand.clone())).collect();
        let woo = |part_of: Option<&str>, annexes: &[String]| -> Result<Option<Vec<u8>>, String> {
            if !config.woo {
                return Ok(None);
            }
            let meta = crate::woo::Meta {
                document: doc,
                sender,
                title: &data.onderwerp,
                keywords: &data.trefwoorden,
                report,
                part_of,
                annexes,
            };
            crate::woo::metadata(&meta).map(Some)
        };
        // Everything is made before anything is written: a document that
        // fails leaves no files.
        let own_xml = woo(None, &[])?;
        let merged_xml = match &merged {
            Some(_) => woo(Some(&name), &annex_names)?,
            None => None,
        };
        // Given up on after the time limit: the run already recorded a failure.
        if !ticket.finish() {
            return Err(String::new());
        }
        let mut woo_files = Vec::new();
        let met_bijlagen = match merged {
            Some(merged) => {
                let merged_name = crate::annex::merged_name(&doc.document);
                write(&merged_name, &merged.pdf)?;
                if let Some(xml) = merged_xml {
                    let xml_name = crate::woo::file_name(&merged_name);
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
            let xml_name = crate::woo::file_name(&name);
            write(&xml_name, &xml)?;
            woo_files.insert(0, xml_name);
        }
        Ok(Entry {
            document: doc.document.clone(),
            rij: doc.line,
            sjabloon: doc.sjabloon.clone(),
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
            waarschuwingen: rendered.warnings,
        })
    });
    match attempt {
        Some(Ok(entry)) => entry,
        Some(Err(reason)) => failed(doc, vec![Fout::message(reason)]),
        None => failed(doc, vec![Fout::message(internal_error())]),
    }
}

/// The document with its PDF annexes, when it lists any.
fn merge_annexes(
    model: &Model,
    doc: &Document,
    pdf: &[u8],
    standard: Standard,
) -> Result<Option<crate::annex::Merged>, String> {
    let mut annexes = Vec::new();
    for entry in doc.bijlagen.iter().filter(|entry| crate::annex::is_pdf(entry)) {
        // Checked by validation; a file gone or moved since is refused here.
        let path = crate::validate::data_file(&model.base_dir, entry)?;
        annexes.push(Annex { entry: entry.clone(), path, title: docdata::annex_title(entry) });
    }
    if annexes.is_empty() {
        return Ok(None);
    }
    crate::annex::merge(pdf, standard, &annexes).map(Some).map_err(|e| e.to_string())
}

/// Writes the Typst project a document was compiled from: `main.typ`, the
/// templates, `data.json` and the files it uses from the data folder, so
/// `typst compile --font-path <fonts> main.typ` in that folder gives the same pages.
fn emit_project(
    dir: &Path,
    engine: &Engine,
    template: &str,
    data: &docdata::DocData,
    base: &Path,
) -> std::io::Result<()> {
    std::fs::create_dir_all(dir.join("lib"))?;
    let templates = engine.templates();
    let mut files: Vec<String> = crate::templates::BUILTIN.iter().map(|(name, _)| name.to_string()).collect();
    files.push(format!("{template}.typ"));
    // Everything in the organisation's folder: its own libraries, images.
    files.extend(templates.own_files());
    for name in files {
        if let Some(bytes) = templates.read(&name) {
            let target = dir.join(&name);
            std::fs::create_dir_all(target.parent().unwrap_or(dir))?;
            std::fs::write(target, bytes)?;
        }
    }
    // The fonts, once for all projects: `typst compile --font-path ../fonts --ignore-system-fonts main.typ`.
    let fonts = dir.parent().unwrap_or(dir).join("fonts");
    std::fs::create_dir_all(&fonts)?;
    for (name, bytes) in crate::world::FONT_FILES {
        let target = fonts.join(name);
        if !target.exists() {
            std::fs::write(target, bytes)?;
        }
    }
    std::fs::write(dir.join("main.typ"), format!("#include \"{template}.typ\"\n"))?;
    let mut json = serde_json::to_vec_pretty(data).map_err(std::io::Error::other)?;
    json.push(b'\n');
    std::fs::write(dir.join("data.json"), json)?;
    if let Some(logo) = &data.afzender.logo {
        let rel = logo.trim_start_matches(crate::world::DATA_DIR).trim_start_matches('/');
        if let Ok(source) = crate::validate::data_file(base, rel) {
            let target = dir.join(logo.trim_start_matches('/'));
            std::fs::create_dir_all(target.parent().unwrap_or(dir))?;
            std::fs::copy(source, target)?;
        }
    }
    Ok(())
}

/// Progress on a terminal (a bar) or in a log (a line per document).
struct Progress {
    bar: Option<indicatif::ProgressBar>,
    log: bool,
}

impl Progress {
    fn new(total: u64, wanted: bool) -> Progress {
        let bar = (wanted && std::io::stderr().is_terminal()).then(|| {
            let bar = indicatif::ProgressBar::new(total);
            bar.set_style(
                indicatif::ProgressStyle::with_template(if crate::i18n::english() {
                    "{bar:30} {pos}/{len} documents  {per_sec}  {eta} left"
                } else {
                    "{bar:30} {pos}/{len} documenten  {per_sec}  nog {eta}"
                })
                .expect("a valid template"),
            );
            bar
        });
        Progress { bar, log: wanted }
    }

    fn done(&self, entry: &Entry) {
        let line = match entry.status {
            Status::Ok => {
                let pages = entry.file.as_ref().map_or(0, |f| f.paginas);
                let file = entry.file.as_ref().map_or("", |f| f.bestand.as_str());
                match pages {
                    1 => crate::tr!("gemaakt: {file} (1 pagina)", "made: {file} (1 page)"),
                    _ => crate::tr!("gemaakt: {file} ({pages} pagina's)", "made: {file} ({pages} pages)"),
                }
            }
            Status::Fout => crate::tr!("mislukt: {}", "failed: {}", entry.document),
        };
        match &self.bar {
            Some(bar) => {
                if entry.status == Status::Fout {
                    bar.println(line);
                }
                bar.inc(1);
            }
            None if self.log => eprintln!("{line}"),
            None => {}
        }
    }

    fn finish(&self) {
        if let Some(bar) = &self.bar {
            bar.finish_and_clear();
        }
    }
}
