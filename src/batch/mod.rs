//! A run: the data read and checked once ([`prepare`]), the documents
//! selected, then each made on the workers of [`pool`] (in `make.rs`) — stopped
//! by its problems, or typeset and written — and at the end the manifest.
//! A failing document never stops the others.

pub mod make;
pub mod pool;
mod prepare;
pub mod trial;

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::{Duration, Instant};

use crate::check;
use crate::document::text::{self, TextEngine};
use crate::error::Failure;
use crate::input::files;
use crate::lang::Lang;
use crate::model::{Document, Model, Problem};
use crate::output::{Deel, Entry, Fout, Manifest, Status, sha256, sitemaps};
use crate::typeset::Standard;
use crate::typeset::world::Engine;
use pool::{Outcome, Ticket, Work};
pub use prepare::{Prepared, Typesetting, prepare};

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
    /// Also write each document's self-contained Typst project here.
    pub emit_typst: Option<PathBuf>,
    /// Time limit per document.
    pub timeout: Option<Duration>,
    /// Also write DiWoo metadata beside each PDF.
    pub woo: bool,
    /// Also write sitemaps for the Woo-index, for PDFs published under this
    /// base URL (checked; ends in `/`).
    pub woo_url: Option<String>,
    /// Also write MDTO metadata (informatieobject and bestand) beside
    /// each PDF.
    pub mdto: bool,
    /// Seal every PDF with this seal (`--zegel`), opened and checked.
    pub seal: Option<Arc<crate::output::seal::Seal>>,
    /// When the run began (UTC, to the second), as archive metadata and
    /// seals record it ([`crate::output::moment`]).
    pub moment: chrono::NaiveDateTime,
    /// The language of messages.
    pub lang: Lang,
    /// Whether a lone selected document may be typeset while the data is
    /// still checked ([`crate::typeset::ahead`]): for a run its process
    /// ends with (`render`), not for a server, where a document the checks
    /// stop would go on being typeset after its run.
    pub ahead: bool,
}

/// What a run built — the model, the engine, Typst's cache — handed back
/// so the caller decides: [`Built::release`] frees it piece by piece (a
/// `watch` round, which is followed by others); a command whose run is its
/// last leaves it to the process's end with `std::mem::forget`, at once
/// (on a one-letter run from a 300-letter workbook taking it apart was a
/// tenth of the time). Dropped, it is released.
pub struct Built(Option<Arc<Shared>>);

impl Built {
    /// Frees what the run built, and Typst's cache.
    pub fn release(mut self) {
        self.free();
    }

    fn free(&mut self) {
        if self.0.take().is_some() {
            comemo::evict(0);
        }
    }
}

impl Drop for Built {
    fn drop(&mut self) {
        self.free();
    }
}

impl std::fmt::Debug for Built {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Built")
    }
}

/// The outcome of a run.
#[derive(Debug)]
pub struct Summary {
    /// One entry per selected document.
    pub entries: Vec<Entry>,
    /// Problems that stop no document (rows nothing uses); still errors.
    pub unattached: Vec<Problem>,
    /// What the run says of the data as a whole (rows hidden in the
    /// workbook), also in the manifest.
    pub warnings: Vec<String>,
    /// Wall time.
    pub elapsed: Duration,
    /// Ids given to `--only` that no document has, each with the ids that
    /// look like it.
    pub unknown_only: Vec<(String, Vec<String>)>,
    /// Values given to `--filter` that no document's `missie` or `sjabloon`
    /// is, each with the ones that look like it.
    pub unknown_filter: Vec<(String, Vec<String>)>,
    /// What the run built, for the caller to release or leave.
    pub built: Option<Built>,
    /// The `robots.txt` lines of the sitemaps written (`--woo-url`).
    pub sitemaps: Option<Vec<String>>,
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

/// The output folder cannot be made or written.
fn unusable_output(config: &Config, source: std::io::Error) -> Failure {
    Failure::new(crate::say!(
        "de uitvoermap `{}` kan niet worden gebruikt",
        "the output folder `{}` cannot be used",
        config.out.display()
    ))
    .caused_by(source)
}

/// Follows a run: told how many documents it has, then each one as it is
/// done (on the calling thread, in the order they finish), with its place
/// among the run's documents (their order in the sheet).
pub trait Progress {
    /// The run has `total` documents.
    fn start(&self, total: usize);
    /// The document at `place` (0-based, in sheet order) is done.
    fn done(&self, place: usize, entry: &Entry);
}

/// No progress shown.
impl Progress for () {
    fn start(&self, _: usize) {}
    fn done(&self, _: usize, _: &Entry) {}
}

pub(crate) fn selected(config: &Config, doc: &Document) -> bool {
    // `--only` takes a document's id, or a row's id for all its letters.
    let named = |id: &String| config.only.contains(id);
    (config.only.is_empty() || named(&doc.document) || doc.row_id.as_ref().is_some_and(named))
        && (config.filter.is_empty()
            || config.filter.iter().any(|f| doc.missie.as_deref() == Some(f.as_str()) || &doc.sjabloon == f))
        && config.shard.is_none_or(|s| s.contains(&doc.document))
}

/// Of the `known` names, up to five that look like `id`: the same but for
/// case, or holding it, or held by it; each once.
fn close_to<'a>(known: impl Iterator<Item = &'a str>, id: &str) -> Vec<String> {
    let id = id.to_lowercase();
    let close = |known: &str| {
        let known = known.to_lowercase();
        !id.is_empty() && !known.is_empty() && (known == id || known.contains(&id) || id.contains(&known))
    };
    let mut found: Vec<String> = Vec::new();
    for name in known.filter(|k| close(k)) {
        if found.len() == 5 {
            break;
        }
        if !found.iter().any(|f| f == name) {
            found.push(name.to_string());
        }
    }
    found
}

/// Typst's memoization cache over a run. What documents share — the
/// templates, the paragraphs every letter of a mail merge has — stays and is
/// laid out once; what was last used more than `EVERY × AGE` documents ago
/// is dropped, so memory stays flat however long the batch is. The cache
/// never changes a result, only how fast it comes.
#[derive(Default)]
struct Cache {
    done: usize,
}

impl Cache {
    /// Documents between two trims.
    const EVERY: usize = 8;
    /// Trims an entry survives unused.
    const AGE: usize = 4;

    /// Called as each document ends: every [`Cache::EVERY`] documents the
    /// entries unused for [`Cache::AGE`] trims are dropped. Workers go on
    /// meanwhile; comemo's cache is safe to trim while it is used.
    fn document_done(&mut self) {
        self.done += 1;
        if self.done.is_multiple_of(Self::EVERY) {
            comemo::evict(Self::AGE);
        }
    }
}

/// Everything the workers share.
pub struct Shared {
    engine: Arc<Engine>,
    model: Model,
    problems: Vec<Problem>,
    texts: TextEngine,
    context: minijinja::Value,
    config: Config,
}

/// Removes the files of letters an earlier run into the same folder made
/// for a row of letters to many this run made again, and which the data no
/// longer has (a member taken off the list, or renamed): they would lie
/// beside a manifest that does not list them. Found by the earlier
/// manifest and by their names in the folder (`<row id>-<member>`); a
/// letter the data still has is never touched, selected or not, nor any
/// file this run wrote.
fn remove_former_letters(
    config: &Config,
    rows: &[(String, usize)],
    known: &std::collections::HashSet<String>,
    earlier: &[(String, usize)],
    now: &[Entry],
) {
    if rows.is_empty() {
        return;
    }
    // What the earlier manifest lists of those rows, and what lies in the
    // folder under a letter's name of them (an earlier run of only some
    // letters lists only those).
    let of_row = |id: &str| {
        rows.iter().any(|(row_id, _)| {
            id.strip_prefix(row_id.as_str()).and_then(|rest| rest.strip_prefix('-')).is_some_and(|member| {
                !member.is_empty() && member.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
            })
        })
    };
    let in_folder = std::fs::read_dir(&config.out).into_iter().flatten().flatten().filter_map(|entry| {
        let name = entry.file_name().into_string().ok()?;
        let stem = [".pdf.mdto.xml", ".mdto.xml", ".diwoo.xml", ".pdf"].iter().find_map(|s| name.strip_suffix(s))?;
        Some(stem.strip_suffix("-met-bijlagen").unwrap_or(stem).to_string())
    });
    let listed = earlier.iter().filter(|(_, row)| rows.iter().any(|(_, line)| line == row)).map(|(id, _)| id.clone());
    let mut gone: Vec<String> = listed.chain(in_folder).filter(|id| !known.contains(id) && of_row(id)).collect();
    gone.sort();
    gone.dedup();
    if gone.is_empty() {
        return;
    }
    // Every name a document of the data may own, and every file this run wrote.
    let mut kept: Vec<String> = known.iter().flat_map(|id| make::file_names(id)).collect();
    kept.extend(
        now.iter()
            .flat_map(|e| e.file.iter().chain(e.met_bijlagen.iter().map(|m| &m.file)).map(|f| f.bestand.clone()))
            .chain(now.iter().flat_map(|e| e.woo.iter().chain(&e.mdto).cloned())),
    );
    let kept: Vec<&str> = kept.iter().map(String::as_str).collect();
    for id in &gone {
        make::remove_files(&config.out, id, &kept);
    }
}

/// Renders the selected documents. Each gets at most `config.timeout`; a
/// document that takes longer is recorded as failed and may write nothing
/// (see [`crate::batch::pool`]).
pub fn run(config: &Config, progress: &dyn Progress) -> Result<Summary, Failure> {
    let start = Instant::now();
    let prepared = prepare(&config.data, config.templates.as_deref(), config.lang, Typesetting::Run(config))?;
    run_prepared(config, prepared, start, progress)
}

/// [`run`] on data already read and checked; `start` is when the run began.
pub fn run_prepared(
    config: &Config,
    prepared: Prepared,
    start: Instant,
    progress: &dyn Progress,
) -> Result<Summary, Failure> {
    std::fs::create_dir_all(&config.out).map_err(|source| unusable_output(config, source))?;
    crate::output::remove_temp_files(&config.out);
    // Before any file is written, the manifest says a run is under way: an
    // interrupted run leaves no earlier account beside files it changed.
    let earlier = Manifest::listed(&config.out);
    let digest = files::digest(&config.data);
    let deel = config.shard.map(|s| Deel { k: s.k, n: s.n });
    Manifest::in_progress(&config.data, digest.clone(), deel)
        .write(&config.out)
        .map_err(|source| unusable_output(config, source))?;
    let Prepared { model, problems, texts, engine } = prepared;
    let selection: Vec<usize> =
        (0..model.documenten.len()).filter(|&i| selected(config, &model.documenten[i])).collect();
    let unknown_only = config
        .only
        .iter()
        .filter(|id| !model.documenten.iter().any(|d| &d.document == *id || d.row_id.as_ref() == Some(*id)))
        .map(|id| (id.clone(), close_to(model.documenten.iter().map(|d| d.document.as_str()), id)))
        .collect();
    // A filter no document answers to is a slip (a typo, another case), not
    // a selection of nothing.
    let filtered_on = || model.documenten.iter().flat_map(|d| [d.missie.as_deref().unwrap_or_default(), &d.sjabloon]);
    let unknown_filter = config
        .filter
        .iter()
        .filter(|f| !filtered_on().any(|known| known == f.as_str()))
        .map(|f| (f.clone(), close_to(filtered_on(), f)))
        .collect();
    let unattached = check::assess::unattached(&model, &texts, &problems).into_iter().cloned().collect();
    let warnings = check::assess::hidden_rows_warnings(&model, config.lang);
    // The rows of letters to many this run makes, by id and row, and every
    // document the data has.
    let shared_rows: Vec<(String, usize)> = selection
        .iter()
        .filter_map(|&i| model.documenten[i].row_id.clone().map(|id| (id, model.documenten[i].line)))
        .collect();
    let known: std::collections::HashSet<String> = model.documenten.iter().map(|d| d.document.clone()).collect();
    let context = text::shared(&model, &texts);
    engine.set_workers(config.jobs.min(selection.len()));
    let shared = Arc::new(Shared { engine, model, problems, texts, context, config: config.clone() });
    progress.start(selection.len());
    let places: HashMap<usize, usize> = selection.iter().enumerate().map(|(place, &i)| (i, place)).collect();
    let mut results: HashMap<usize, Entry> = HashMap::with_capacity(selection.len());
    let mut cache = Cache::default();
    let worker = Arc::clone(&shared);
    let work: Work<Entry> = Arc::new(move |i, ticket: &Ticket| make::make_and_write(&worker, i, ticket));
    crate::batch::pool::run(&selection, config.jobs, config.timeout, work, |i, outcome| {
        let doc = &shared.model.documenten[i];
        let entry = match outcome {
            Outcome::Done(entry) => entry,
            Outcome::TimedOut => {
                let said = crate::typeset::too_long(config.timeout.unwrap_or_default());
                make::failed(doc, vec![Fout::message(said.get(config.lang))])
            }
            Outcome::Lost => make::failed(doc, vec![Fout::message(make::internal_error(config.lang))]),
        };
        make::remove_stale(&config.out, &entry);
        progress.done(places.get(&i).copied().unwrap_or_default(), &entry);
        results.insert(i, entry);
        cache.document_done();
    });
    let entries: Vec<Entry> = selection.iter().filter_map(|i| results.remove(i)).collect();
    remove_former_letters(config, &shared_rows, &known, &earlier, &entries);
    let mut manifest = Manifest::new(&config.data, digest, deel, entries);
    manifest.waarschuwingen = warnings.clone();
    manifest.woo_url = config.woo_url.clone();
    manifest.write(&config.out).map_err(|source| unusable_output(config, source))?;
    // The sitemaps of a split run are made by `combine`, from all parts.
    let sitemaps = match (&config.woo_url, config.shard) {
        (Some(base), None) => {
            let published: Vec<_> = manifest
                .documenten
                .iter()
                .flat_map(|e| sitemaps::published(e.status == Status::Ok, e.concept, e.woo.iter().map(String::as_str)))
                .collect();
            Some(sitemaps::write(&config.out, base, &published)?)
        }
        _ => None,
    };
    Ok(Summary {
        entries: manifest.documenten,
        unattached,
        warnings,
        elapsed: start.elapsed(),
        unknown_only,
        unknown_filter,
        built: Some(Built(Some(shared))),
        sitemaps,
    })
}
