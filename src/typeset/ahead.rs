//! One document typeset ahead. When a run will make a single document
//! (`render --only`, one letter from a big workbook), its typesetting may
//! start on a core of its own as soon as its data can be made, while the
//! rest of the workbook is still being checked ([`Engine::typeset_ahead`]).
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
//! The worker that asks waits for the result as it would for its own
//! typesetting, so the run's time limit holds for it the same way.

use std::sync::mpsc::{Receiver, sync_channel};
use std::sync::{Arc, Mutex, PoisonError};

use super::world::Engine;
use super::{Job, Rendered, STACK};

/// The job typeset ahead, if any, and where its result will arrive
/// (`None`: it failed or panicked, and is typeset anew when asked for).
#[derive(Default)]
pub(super) struct Slot(Mutex<Option<(Job, Receiver<Option<Rendered>>)>>);

impl Slot {
    /// The result for `job`, if that job was typeset ahead (waiting for
    /// it if it is still under way); taken once.
    pub(super) fn take(&self, job: &Job) -> Option<Rendered> {
        let receiver = {
            let mut slot = self.0.lock().unwrap_or_else(PoisonError::into_inner);
            match slot.take() {
                Some((ahead, receiver)) if ahead == *job => receiver,
                other => {
                    *slot = other;
                    return None;
                }
            }
        };
        receiver.recv().ok().flatten()
    }
}

impl Engine {
    /// Starts typesetting `job` on a thread of its own and keeps the
    /// result for [`super::render`] of the same job (see the module's
    /// text). A job typeset ahead earlier and not asked for is dropped.
    pub fn typeset_ahead(self: &Arc<Self>, job: Job) {
        let (sender, receiver) = sync_channel(1);
        let engine = Arc::clone(self);
        let ahead = job.clone();
        let spawned = std::thread::Builder::new().name("typeset-ahead".into()).stack_size(STACK).spawn(move || {
            let rendered = crate::guard::contain(|| super::compile(&engine, ahead).ok()).flatten();
            // No one waits when the document was stopped.
            let _ = sender.send(rendered);
        });
        let mut slot = self.ahead().0.lock().unwrap_or_else(PoisonError::into_inner);
        *slot = spawned.is_ok().then_some((job, receiver));
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
        engine.typeset_ahead(job("brief"));
        // Another document, or the same one to another standard: not served.
        let other = render(&engine, job("ander")).expect("the preview data renders");
        assert!(other.pdf != made_now.pdf, "another id, yet the same bytes");
        let other_standard = Job { standard: Standard::A2b, ..job("brief") };
        assert!(engine.ahead().take(&other_standard).is_none());
        // The same job: served, the same bytes; then no longer kept.
        let ahead = engine.ahead().take(&job("brief")).expect("typeset ahead");
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
        engine.typeset_ahead(broken.clone());
        let failed = render(&engine, broken).expect_err("broken data does not render");
        assert!(failed.to_string().contains("data.json"), "{failed}");
    }
}
