//! `missiedocs watch`: render once, then re-render what a change affects.
//!
//! The data folder (workbook or CSV files, texts, annexes, logo) and the
//! template folder are watched with `notify`. Only files a run could read
//! count (a log written into the folder does not, nor the output folder,
//! even one inside the data folder that did not exist yet). Changes are
//! gathered until the folder has been quiet for a moment, then mapped to
//! documents: a text or
//! an annex to the documents that use it, a document template to the
//! documents of that template, anything else (the workbook, a shared
//! template, the logo) to every document. Each round is an ordinary
//! [`batch::run`] of those documents, so checks, messages and atomic writes
//! are the same as `render`'s; problems are reported and watching goes on.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::mpsc;

use notify::{RecursiveMode, Watcher};

use crate::batch::{self, Config, Summary};
use crate::input::files;
use crate::input::watched::{QUIET, Reads};
use crate::model::Model;

/// Which documents a set of changed files affects.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Affected {
    /// Every document.
    All,
    /// These documents.
    Only(BTreeSet<String>),
}

/// The documents that changed files affect.
pub fn affected(model: &Model, templates: Option<&Path>, changed: &[PathBuf]) -> Affected {
    let mut ids = BTreeSet::new();
    for path in changed {
        if let Some(rel) = templates.and_then(|dir| relative(path, dir)) {
            // A document template: its documents; a shared file (lib/…): all.
            match rel.strip_suffix(".typ").filter(|name| !name.contains('/')) {
                Some(name) => {
                    ids.extend(model.documenten.iter().filter(|d| d.sjabloon == name).map(|d| d.document.clone()))
                }
                None => return Affected::All,
            }
            continue;
        }
        let Some(rel) = relative(path, &model.base_dir) else { return Affected::All };
        let users: Vec<String> = model
            .documenten
            .iter()
            .filter(|d| {
                d.tekst.as_deref().map(normalise).as_deref() == Some(rel.as_str())
                    || d.bijlagen.iter().any(|b| normalise(b) == rel)
            })
            .map(|d| d.document.clone())
            .collect();
        if users.is_empty() {
            // The workbook, a CSV sheet, the logo: anything may depend on it.
            return Affected::All;
        }
        ids.extend(users);
    }
    Affected::Only(ids)
}

/// `path` relative to `dir`, with `/` separators.
fn relative(path: &Path, dir: &Path) -> Option<String> {
    let dir = dir.canonicalize().unwrap_or_else(|_| dir.to_path_buf());
    let path = path.canonicalize().unwrap_or_else(|_| path.to_path_buf());
    let rel = path.strip_prefix(&dir).ok()?;
    Some(rel.components().map(|c| c.as_os_str().to_string_lossy()).collect::<Vec<_>>().join("/"))
}

fn normalise(rel: &str) -> String {
    rel.trim().replace('\\', "/").trim_start_matches("./").to_string()
}

/// What a round reports to the command line.
pub enum Round<'a> {
    /// The first run, or a round after changes.
    Rendered {
        /// The changed files (empty for the first run).
        changed: &'a [PathBuf],
        /// The outcome.
        summary: &'a Summary,
    },
    /// The data could not be read; the error is shown and watching goes on.
    Failed {
        /// The changed files.
        changed: &'a [PathBuf],
        /// Why.
        error: &'a crate::error::Failure,
    },
    /// Watching has started.
    Watching {
        /// The folders watched.
        folders: &'a [PathBuf],
    },
}

/// Renders, then watches and re-renders until the process is stopped.
/// Returns only when watching itself fails.
pub fn watch(config: &Config, mut report: impl FnMut(Round<'_>)) -> notify::Result<()> {
    let templates = files::template_folder(&config.data, config.templates.as_deref());
    let data_dir = files::data_folder(&config.data);

    round(config, &[], &mut report);
    // After the first round the output folder exists; as an absolute path
    // even if it does not, so its own writes are never taken for changes.
    let out = config.out.canonicalize().or_else(|_| std::path::absolute(&config.out)).unwrap_or(config.out.clone());

    let (tx, rx) = mpsc::channel();
    let mut watcher = notify::recommended_watcher(move |event: notify::Result<notify::Event>| {
        if let Ok(event) = event
            && !matches!(event.kind, notify::EventKind::Access(_))
        {
            let _ = tx.send(event.paths);
        }
    })?;
    let mut folders = vec![data_dir.clone()];
    watcher.watch(&data_dir, RecursiveMode::Recursive)?;
    if let Some(dir) = &templates
        && relative(dir, &data_dir).is_none()
    {
        watcher.watch(dir, RecursiveMode::Recursive)?;
        folders.push(dir.clone());
    }
    report(Round::Watching { folders: &folders });

    let out_dir = out.clone();
    let read = Reads::new(&config.data, templates.as_deref());
    let wanted = move |path: &PathBuf| {
        let canonical = path.canonicalize().unwrap_or_else(|_| path.clone());
        // Our own output never counts.
        let ours = canonical.starts_with(&out_dir) || path.starts_with(&out_dir);
        !ours && read.could_read(&canonical)
    };
    while let Ok(paths) = rx.recv() {
        let mut changed: BTreeSet<PathBuf> = paths.into_iter().filter(&wanted).collect();
        // Gather the rest of a save (editors write, rename and touch) until quiet.
        while let Ok(more) = rx.recv_timeout(QUIET) {
            changed.extend(more.into_iter().filter(&wanted));
        }
        if changed.is_empty() {
            continue;
        }
        let changed: Vec<PathBuf> = changed.into_iter().collect();
        round(config, &changed, &mut report);
    }
    Ok(())
}

/// One round: work out what changed, render it, report.
fn round(config: &Config, changed: &[PathBuf], report: &mut impl FnMut(Round<'_>)) {
    let start = std::time::Instant::now();
    let prepared =
        match batch::prepare(&config.data, config.templates.as_deref(), config.lang, batch::Typesetting::Later) {
            Ok(prepared) => prepared,
            Err(error) => return report(Round::Failed { changed, error: &error }),
        };
    let mut config = config.clone();
    // Each round is a run of its own: its archive metadata and seals say when.
    config.moment = crate::output::moment();
    if !changed.is_empty()
        && let Affected::Only(ids) = affected(&prepared.model, prepared.engine.templates().folder.as_deref(), changed)
    {
        config.only = match config.only.is_empty() {
            true => ids.into_iter().collect(),
            false => config.only.iter().filter(|id| ids.contains(*id)).cloned().collect(),
        };
        if config.only.is_empty() {
            return;
        }
    }
    match batch::run_prepared(&config, prepared, start, &()) {
        Ok(mut summary) => {
            // Other rounds follow: what this one built is freed.
            if let Some(built) = summary.built.take() {
                built.release();
            }
            report(Round::Rendered { changed, summary: &summary })
        }
        Err(error) => report(Round::Failed { changed, error: &error }),
    }
}
