//! One document typeset ahead. When a run will make a single document
//! (`render --only`, one letter from a big workbook), its typesetting may
//! start as soon as its data can be made, while the rest of the workbook is
//! still being checked ([`Engine::typeset_ahead`]).
//!
//! What comes of it is kept for exactly that [`Job`] — the same template,
//! data, date, identifier and standard, byte for byte — and
//! [`super::render`] takes it only when the run asks for that very job,
//! which it does only after the checks let the document through. A document
//! the checks stop is never asked for: what was typeset ahead is dropped
//! unread. A job whose data came out otherwise once every text was read is
//! another job, and is typeset anew. So the verdict and the bytes are
//! those of a run without it; only the time differs.
//!
//! The time limit counts from when the typesetting ahead began: a job not
//! done by then is given up with the words the run uses for any document
//! over its limit. It runs on threads of its own with a worker's stack, as
//! many as the run's jobs, never on rayon's global pool.

use std::sync::mpsc::{Receiver, RecvTimeoutError, sync_channel};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::{Duration, Instant};

use super::world::Engine;
use super::{Job, Rendered, STACK, too_long};
use crate::error::Failure;

/// The job typeset ahead, if any.
#[derive(Default)]
pub(super) struct Slot(Mutex<Option<Ahead>>);

/// A job under way or done ahead.
struct Ahead {
    job: Job,
    /// Where its result arrives (`None`: it failed or panicked, and is
    /// typeset anew when asked for).
    result: Receiver<Option<Rendered>>,
    /// When it began, and its time limit.
    began: Instant,
    limit: Option<Duration>,
    /// The threads it runs on, kept while it may run.
    _threads: rayon::ThreadPool,
}

impl Slot {
    /// For `job`, if that job was typeset ahead: its result (waiting for it
    /// if it is still under way, up to its time limit), or `None` when it
    /// failed ahead. Taken once; any other job gets `None`.
    pub(super) fn take(&self, job: &Job) -> Option<Result<Rendered, Failure>> {
        let ahead = {
            let mut slot = self.0.lock().unwrap_or_else(PoisonError::into_inner);
            match slot.take() {
                Some(ahead) if ahead.job == *job => ahead,
                other => {
                    *slot = other;
                    return None;
                }
            }
        };
        let waited = match ahead.limit {
            Some(limit) => ahead.result.recv_timeout(limit.saturating_sub(ahead.began.elapsed())),
            None => ahead.result.recv().map_err(|_| RecvTimeoutError::Disconnected),
        };
        match waited {
            Ok(rendered) => rendered.map(Ok),
            Err(RecvTimeoutError::Timeout) => Some(Err(Failure::new(too_long(ahead.limit.unwrap_or_default())))),
            Err(RecvTimeoutError::Disconnected) => None,
        }
    }
}

impl Engine {
    /// Whether `job` is the one typeset ahead.
    #[cfg(test)]
    pub(crate) fn has_ahead(&self, job: &Job) -> bool {
        self.ahead().0.lock().unwrap_or_else(PoisonError::into_inner).as_ref().is_some_and(|a| a.job == *job)
    }

    /// Starts typesetting `job` on `jobs` threads of its own and keeps the
    /// result for [`super::render`] of the same job, within `limit` from
    /// now (see the module's text). A job typeset ahead earlier and not
    /// asked for is dropped. Whether it started (threads could be had).
    pub fn typeset_ahead(self: &Arc<Self>, job: Job, jobs: usize, limit: Option<Duration>) -> bool {
        let threads = rayon::ThreadPoolBuilder::new()
            .num_threads(jobs.max(1))
            .stack_size(STACK)
            .thread_name(|i| format!("typeset-ahead-{i}"))
            .panic_handler(drop)
            .build();
        let mut slot = self.ahead().0.lock().unwrap_or_else(PoisonError::into_inner);
        *slot = None;
        let Ok(threads) = threads else { return false };
        let (sender, result) = sync_channel(1);
        let (engine, ahead) = (Arc::clone(self), job.clone());
        let began = Instant::now();
        threads.spawn(move || {
            let rendered = crate::guard::contain(|| super::compile(&engine, ahead).ok()).flatten();
            // No one waits when the document was stopped.
            let _ = sender.send(rendered);
        });
        *slot = Some(Ahead { job, result, began, limit, _threads: threads });
        true
    }
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::*;
    use crate::lang::Lang;
    use crate::typeset::fonts::Fonts;
    use crate::typeset::templates::Templates;
    use crate::typeset::{Standard, compile, render};

    fn engine() -> Arc<Engine> {
        let templates = Templates::new(None, Lang::Nl);
        Arc::new(Engine::new(templates.clone(), Fonts::load(&templates), Path::new(".")))
    }

    fn job(ident: &str) -> Job {
        Job {
            template: "raadsinformatiebrief".into(),
            data: include_bytes!("../../templates/data.json").to_vec(),
            date: chrono::NaiveDate::from_ymd_opt(2022, 11, 22).expect("a date"),
            ident: ident.into(),
            standard: Standard::A2aUa1,
        }
    }

    /// The job typeset ahead is served to that job alone, once, with the
    /// bytes typesetting it then would give.
    #[test]
    fn only_the_same_job_gets_what_was_typeset_ahead() {
        let engine = engine();
        let made_now = compile(&engine, job("brief")).expect("the preview data renders");
        assert!(engine.typeset_ahead(job("brief"), 2, None));
        // Another document, or the same one to another standard: not served.
        let other = render(&engine, job("ander")).expect("the preview data renders");
        assert!(other.pdf != made_now.pdf, "another id, yet the same bytes");
        let other_standard = Job { standard: Standard::A2b, ..job("brief") };
        assert!(engine.ahead().take(&other_standard).is_none());
        // The same job: served, the same bytes; then no longer kept.
        let ahead = engine.ahead().take(&job("brief")).expect("typeset ahead").expect("it renders");
        assert!(ahead.pdf == made_now.pdf, "typeset ahead, other bytes");
        assert_eq!(ahead.pages, made_now.pages);
        assert!(engine.ahead().take(&job("brief")).is_none(), "served twice");
    }

    /// A job that fails ahead is typeset again when asked for, and fails
    /// with Typst's own message.
    #[test]
    fn a_job_that_failed_ahead_fails_again_with_its_message() {
        let engine = engine();
        let broken = Job { data: b"{".to_vec(), ..job("kapot") };
        assert!(engine.typeset_ahead(broken.clone(), 1, None));
        let failed = render(&engine, broken).expect_err("broken data does not render");
        assert!(failed.to_string().contains("data.json"), "{failed}");
    }

    /// The time limit counts from when the typesetting ahead began: a job
    /// not done within it is given up, in the run's words for that.
    #[test]
    fn a_job_typeset_ahead_is_given_up_at_its_limit() {
        let engine = engine();
        assert!(engine.typeset_ahead(job("traag"), 1, Some(Duration::ZERO)));
        let given_up = render(&engine, job("traag")).expect_err("not done at once");
        assert_eq!(crate::error::describe(&given_up, Lang::Nl), "het opmaken duurde langer dan 0 s en is afgebroken");
    }
}
