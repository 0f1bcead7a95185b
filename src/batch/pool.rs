//! Running documents in parallel under a time limit that always holds.
//!
//! A fixed number of worker threads take documents from a queue. A document
//! over the limit is given up: it is reported as timed out at once, may no
//! longer write anything, and a fresh worker takes its thread's place, so
//! the documents behind it still start and get their own full time. A stuck
//! thread cannot be stopped from outside; it ends with the process, or on
//! its own, after which it takes no more work.

use std::collections::{HashMap, VecDeque};
use std::sync::{Arc, Mutex, mpsc};
use std::time::{Duration, Instant};

/// Stack size of a worker: Typst's layout recurses deeply on big tables.
const STACK: usize = 32 * 1024 * 1024;

/// The work to do on an item; it asks its [`Ticket`] before it writes.
pub type Work<T> = Arc<dyn Fn(usize, &Ticket) -> T + Send + Sync>;

/// Where a piece of work is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum State {
    Running,
    /// Allowed to write its results; no longer given up on.
    Finishing,
    /// Given up on: it may not write.
    Abandoned,
}

type States = Arc<Mutex<HashMap<usize, State>>>;

fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}

/// A running piece of work's claim on its results.
pub struct Ticket {
    item: usize,
    states: States,
}

impl Ticket {
    /// Asks to write the results: `true` if the work is still wanted, and
    /// from then on it is not given up on; `false` if it was given up.
    pub fn finish(&self) -> bool {
        let mut states = lock(&self.states);
        match states.get(&self.item) {
            Some(State::Abandoned) => false,
            _ => {
                states.insert(self.item, State::Finishing);
                true
            }
        }
    }
}

/// How a piece of work ended.
#[derive(Debug)]
pub enum Outcome<T> {
    /// It finished with this result.
    Done(T),
    /// It ran over the time limit and was given up.
    TimedOut,
    /// It panicked (a bug: work is expected to catch its own panics).
    Lost,
}

enum Message<T> {
    Started(usize),
    Done(usize, Option<T>),
}

/// The shared side of the workers.
struct Queue<T> {
    items: Mutex<VecDeque<usize>>,
    states: States,
    work: Work<T>,
}

fn spawn<T: Send + 'static>(queue: Arc<Queue<T>>, tx: mpsc::Sender<Message<T>>) -> bool {
    let worker = move || {
        loop {
            let Some(item) = lock(&queue.items).pop_front() else { return };
            lock(&queue.states).insert(item, State::Running);
            if tx.send(Message::Started(item)).is_err() {
                return;
            }
            let ticket = Ticket { item, states: Arc::clone(&queue.states) };
            let result = crate::guard::contain(|| (queue.work)(item, &ticket));
            let given_up = lock(&queue.states).remove(&item) == Some(State::Abandoned);
            // A worker that was given up on has been replaced: it stops.
            if given_up || tx.send(Message::Done(item, result)).is_err() {
                return;
            }
        }
    };
    std::thread::Builder::new().stack_size(STACK).spawn(worker).is_ok()
}

/// Runs `work` on every item with `jobs` workers, each item for at most
/// `limit`; `done` hears of every item exactly once, as it ends.
pub fn run<T: Send + 'static>(
    items: &[usize],
    jobs: usize,
    limit: Option<Duration>,
    work: Work<T>,
    mut done: impl FnMut(usize, Outcome<T>),
) {
    let queue = Arc::new(Queue { items: Mutex::new(items.iter().copied().collect()), states: States::default(), work });
    let (tx, rx) = mpsc::channel();
    let workers = (0..jobs.clamp(1, items.len().max(1))).filter(|_| spawn(Arc::clone(&queue), tx.clone())).count();
    let mut pending: std::collections::HashSet<usize> = items.iter().copied().collect();
    if workers == 0 {
        pending.drain().for_each(|i| done(i, Outcome::Lost));
        return;
    }
    let limit = limit.unwrap_or(Duration::MAX);
    let mut running: HashMap<usize, Instant> = HashMap::new();
    while !pending.is_empty() {
        let now = Instant::now();
        let wait = running.values().map(|t| limit.saturating_sub(now - *t)).min().unwrap_or(Duration::from_secs(1));
        match rx.recv_timeout(wait) {
            Ok(Message::Started(i)) => {
                running.insert(i, Instant::now());
            }
            Ok(Message::Done(i, result)) => {
                running.remove(&i);
                if pending.remove(&i) {
                    done(i, result.map_or(Outcome::Lost, Outcome::Done));
                }
            }
            Err(mpsc::RecvTimeoutError::Timeout) => {
                let now = Instant::now();
                let late: Vec<usize> = running.iter().filter(|(_, t)| now - **t >= limit).map(|(i, _)| *i).collect();
                for i in late {
                    let mut states = lock(&queue.states);
                    // A document already writing is let finish.
                    if states.get(&i) != Some(&State::Running) {
                        continue;
                    }
                    states.insert(i, State::Abandoned);
                    drop(states);
                    running.remove(&i);
                    pending.remove(&i);
                    done(i, Outcome::TimedOut);
                    if !lock(&queue.items).is_empty() {
                        spawn(Arc::clone(&queue), tx.clone());
                    }
                }
            }
            // The run holds a sender itself, so this does not happen.
            Err(mpsc::RecvTimeoutError::Disconnected) => break,
        }
    }
    pending.into_iter().for_each(|i| done(i, Outcome::Lost));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stuck_work_is_given_up_and_the_rest_still_runs() {
        let work: Work<usize> = Arc::new(|i, ticket: &Ticket| {
            if i == 0 {
                std::thread::sleep(Duration::from_secs(5));
            }
            assert!(ticket.finish() || i == 0);
            i * 10
        });
        let start = Instant::now();
        let mut seen = Vec::new();
        // One worker, the first item stuck: the others must still be done.
        run(&[0, 1, 2, 3], 1, Some(Duration::from_millis(200)), work, |i, outcome| {
            seen.push((i, matches!(outcome, Outcome::TimedOut), matches!(outcome, Outcome::Done(v) if v == i * 10)))
        });
        assert!(start.elapsed() < Duration::from_secs(3), "{:?}", start.elapsed());
        seen.sort();
        assert_eq!(seen, [(0, true, false), (1, false, true), (2, false, true), (3, false, true)]);
    }
}
