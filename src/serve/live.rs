//! The live view. The data folder and the template folder are watched as
//! `watch` watches them (`notify`, and a look every second for the shared
//! drives `notify` cannot see); when a file a run could read changed, the
//! data is read again, every document's pages are counted in the
//! background, and every open page is told (server-sent events at
//! `/gebeurtenissen`): `gewijzigd` when there is a new state to show,
//! `voortgang` as a run of the whole batch goes on.

use std::sync::Arc;
use std::time::Duration;

use axum::extract::State;
use axum::response::IntoResponse;
use axum::response::sse::{Event, KeepAlive, Sse};
use notify::{RecursiveMode, Watcher};
use tokio::sync::broadcast::error::RecvError;

use super::jobs::Report;
use super::state::{App, Served};
use crate::input::files;
use crate::input::watched::QUIET;

/// How often the folders are looked at besides what `notify` reports.
const LOOK_EVERY: Duration = Duration::from_secs(1);

/// Documents counted between two trims of the layout cache.
const TRIM_EVERY: usize = 8;

/// What the open pages are told.
#[derive(Debug, Clone)]
pub enum News {
    /// The data was read again, or more pages were counted: the page
    /// fetches its state anew.
    Changed(u64),
    /// How a run of the whole batch stands.
    Progress(Report),
}

/// Watches the data until the server stops: reads it again when a file
/// changed, tells the pages, and counts the pages of every document.
/// Call it inside the server's runtime.
pub fn watch(app: Arc<App>) {
    let (tx, mut changed) = tokio::sync::mpsc::unbounded_channel::<()>();
    let watcher = notify::recommended_watcher(move |event: notify::Result<notify::Event>| {
        if let Ok(event) = event
            && !matches!(event.kind, notify::EventKind::Access(_))
        {
            let _ = tx.send(());
        }
    });
    // Without notify (a limit on watches reached) the look every second remains.
    let watcher = watcher.ok().map(|mut watcher| {
        let o = &app.options;
        let data_dir = files::data_folder(&o.data);
        let template_dir = files::template_folder(&o.data, o.templates.as_deref());
        for dir in std::iter::once(data_dir).chain(template_dir) {
            let _ = watcher.watch(&dir, RecursiveMode::Recursive);
        }
        watcher
    });
    tokio::spawn(async move {
        let _watching = watcher;
        let mut shown = 0;
        loop {
            if shown != 0 {
                tokio::select! {
                    Some(()) = changed.recv() => {
                        // The rest of a save (editors write, rename and touch).
                        tokio::time::sleep(QUIET).await;
                        while changed.try_recv().is_ok() {}
                    }
                    () = tokio::time::sleep(LOOK_EVERY) => {}
                }
            }
            let reading = app.clone();
            let Ok(Ok(served)) = tokio::task::spawn_blocking(move || reading.served()).await else {
                // Unreadable data: the page says why; told once per reading.
                let now = app.generation();
                if now != shown {
                    shown = now;
                    let _ = app.news.send(News::Changed(now));
                }
                continue;
            };
            if served.generation == shown {
                continue;
            }
            shown = served.generation;
            let _ = app.news.send(News::Changed(shown));
            let counting = app.clone();
            tokio::task::spawn_blocking(move || {
                if count_pages(&counting, &served) {
                    let _ = counting.news.send(News::Changed(served.generation));
                }
            });
        }
    });
}

/// Counts the pages of every document the data makes, one at a time, as
/// long as this is the latest reading; whether any was counted.
fn count_pages(app: &App, served: &Served) -> bool {
    let o = &app.options;
    let maker = served.maker(o.standard, false, o.lang);
    let mut counted = 0;
    for doc in &served.prepared.model.documenten {
        if app.generation() != served.generation {
            return false;
        }
        if served.page_count(doc).is_some() {
            continue;
        }
        if let Ok(pages) = crate::batch::make::page_count(&maker, doc) {
            served.counted(doc, pages);
            counted += 1;
            if counted % TRIM_EVERY == 0 {
                comemo::evict(4);
            }
        }
    }
    counted > 0
}

/// The news for one open page, as server-sent events, until it closes.
pub async fn events(State(app): State<Arc<App>>) -> impl IntoResponse {
    let listening = app.news.subscribe();
    let stream = futures_util::stream::unfold(listening, |mut listening| async move {
        loop {
            let event = match listening.recv().await {
                Ok(News::Changed(generation)) => Event::default().event("gewijzigd").data(generation.to_string()),
                Ok(News::Progress(report)) => match Event::default().event("voortgang").json_data(&report) {
                    Ok(event) => event,
                    Err(_) => continue,
                },
                // A slow page missed some: the next news still comes.
                Err(RecvError::Lagged(_)) => continue,
                Err(RecvError::Closed) => return None,
            };
            return Some((Ok::<_, std::convert::Infallible>(event), listening));
        }
    });
    Sse::new(stream).keep_alive(KeepAlive::default())
}
