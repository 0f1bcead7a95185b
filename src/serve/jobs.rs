//! Runs of the whole batch for the API (`POST /api/v1/opdrachten`): the
//! data read and every selected document made and written exactly as
//! `render` does, into a folder of the run's own, then offered as one zip
//! (the PDFs, their copies with annexes, the metadata and `manifest.json`).
//! One run at a time; the caller follows it at its own address, the page
//! through the news (server-sent events) as each document is done.

use std::io::Write as _;
use std::path::Path;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, PoisonError};

use serde::Serialize;
use tokio::sync::broadcast::Sender;

use super::live::News;
use crate::batch::{self, Config, Progress};
use crate::error::Failure;
use crate::output::Entry;
use crate::say;

/// The state of a run, as `GET /api/v1/opdrachten/{n}` gives it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    /// Still making documents.
    Bezig,
    /// Done; the zip is ready (documents that failed are in its manifest).
    Klaar,
    /// The run could not be made at all (the data cannot be read).
    Mislukt,
}

/// One run.
pub struct Job {
    /// Its number, in its address.
    pub number: usize,
    status: Mutex<Status>,
    total: AtomicUsize,
    done: AtomicUsize,
    failed: AtomicUsize,
    /// The zip once made, or why the run failed.
    result: Mutex<Option<Result<Arc<Vec<u8>>, String>>>,
    /// Where its progress is told.
    news: Sender<News>,
}

/// What a run says of itself.
#[derive(Debug, Clone, Serialize)]
pub struct Report {
    /// Its number.
    pub opdracht: usize,
    /// `bezig`, `klaar` or `mislukt`.
    pub status: Status,
    /// Documents to make.
    pub totaal: usize,
    /// Documents done so far (made or failed).
    pub gedaan: usize,
    /// Documents that failed so far.
    pub mislukt: usize,
    /// Why the run failed, when it did.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub fout: Option<String>,
}

impl Job {
    /// How the run stands.
    pub fn report(&self) -> Report {
        let status = *self.status.lock().unwrap_or_else(PoisonError::into_inner);
        let fout = match &*self.result.lock().unwrap_or_else(PoisonError::into_inner) {
            Some(Err(why)) => Some(why.clone()),
            _ => None,
        };
        Report {
            opdracht: self.number,
            status,
            totaal: self.total.load(Ordering::Relaxed),
            gedaan: self.done.load(Ordering::Relaxed),
            mislukt: self.failed.load(Ordering::Relaxed),
            fout,
        }
    }

    /// The zip, once the run is done.
    pub fn zip(&self) -> Option<Arc<Vec<u8>>> {
        match &*self.result.lock().unwrap_or_else(PoisonError::into_inner) {
            Some(Ok(zip)) => Some(zip.clone()),
            _ => None,
        }
    }

    /// Whether the run is still going.
    pub fn running(&self) -> bool {
        *self.status.lock().unwrap_or_else(PoisonError::into_inner) == Status::Bezig
    }
}

impl Progress for Job {
    fn start(&self, total: usize) {
        self.total.store(total, Ordering::Relaxed);
        self.tell();
    }

    fn done(&self, _: usize, entry: &Entry) {
        if entry.status == crate::output::Status::Fout {
            self.failed.fetch_add(1, Ordering::Relaxed);
        }
        self.done.fetch_add(1, Ordering::Relaxed);
        self.tell();
    }
}

impl Job {
    /// Tells the open pages how the run stands (no page open: no one hears).
    fn tell(&self) {
        let _ = self.news.send(News::Progress(self.report()));
    }
}

/// The runs of a server, newest last.
pub struct Jobs {
    runs: Mutex<Vec<Arc<Job>>>,
    news: Sender<News>,
}

impl Jobs {
    /// No runs yet; their progress is told on `news`.
    pub fn new(news: Sender<News>) -> Jobs {
        Jobs { runs: Mutex::default(), news }
    }

    /// A new run, unless one is still going (then that one is the error).
    pub fn begin(&self) -> Result<Arc<Job>, Arc<Job>> {
        let mut jobs = self.runs.lock().unwrap_or_else(PoisonError::into_inner);
        if let Some(running) = jobs.iter().find(|j| j.running()) {
            return Err(running.clone());
        }
        let job = Arc::new(Job {
            number: jobs.len() + 1,
            status: Mutex::new(Status::Bezig),
            total: AtomicUsize::new(0),
            done: AtomicUsize::new(0),
            failed: AtomicUsize::new(0),
            result: Mutex::new(None),
            news: self.news.clone(),
        });
        jobs.push(job.clone());
        Ok(job)
    }

    /// The run with this number.
    pub fn get(&self, number: usize) -> Option<Arc<Job>> {
        self.runs.lock().unwrap_or_else(PoisonError::into_inner).iter().find(|j| j.number == number).cloned()
    }
}

/// Runs the batch for `job` into a folder of its own and keeps the zip
/// (blocking: call it off the async threads).
pub fn run(job: &Job, mut config: Config) {
    let result = tempfile::tempdir()
        .map_err(|e| Failure::new(say!("geen tijdelijke map", "no temporary folder")).caused_by(e))
        .and_then(|dir| {
            config.out = dir.path().join("uit");
            let summary = batch::run(&config, job)?;
            if let Some(built) = summary.built {
                built.release();
            }
            zip_folder(&config.out).map_err(|e| {
                Failure::new(say!("de zip kan niet worden gemaakt", "the zip cannot be made")).caused_by(e)
            })
        });
    let status = match &result {
        Ok(_) => Status::Klaar,
        Err(_) => Status::Mislukt,
    };
    *job.result.lock().unwrap_or_else(PoisonError::into_inner) =
        Some(result.map(Arc::new).map_err(|f| crate::error::describe(&f, config.lang)));
    *job.status.lock().unwrap_or_else(PoisonError::into_inner) = status;
    job.tell();
}

/// The files of a folder (not its subfolders) as a zip, by name, in order.
fn zip_folder(dir: &Path) -> std::io::Result<Vec<u8>> {
    let mut names: Vec<_> = std::fs::read_dir(dir)?
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_ok_and(|t| t.is_file()))
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
    for name in names {
        let bytes = std::fs::read(dir.join(&name))?;
        zip.start_file(name, options).map_err(std::io::Error::other)?;
        zip.write_all(&bytes)?;
    }
    Ok(zip.finish().map_err(std::io::Error::other)?.into_inner())
}
