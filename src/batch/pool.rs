//! Running documents in parallel under a time limit that always holds.
//!
//! The workers are the threads of one rayon pool, one per job, each taking
//! documents from a queue of ours. Typst's own parallel work (page runs laid
//! out side by side, PDF streams compressed in parallel) runs in that same
//! pool: while every worker has a document, each document is made on its
//! own thread without handing work to another; once the queue is empty, an
//! idle worker helps with the documents still under way. A worker waiting
//! inside its document can only pick up such pieces of work, never a whole
//! document, since documents are not rayon jobs.
//!
//! A document over the limit is given up: it is reported as timed out at
//! once, may no longer write anything, and a fresh worker (a pool of one
//! thread) takes its place, so the documents behind it still start and get
//! their own full time. A stuck thread cannot be stopped from outside; it
//! ends with the process, or on its own, after which it takes no more work.

use std::collections::{HashMap, VecDeque};
use std::sync::{Arc, Mutex, mpsc};
use std::time::{Duration, Instant};

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

/// Starts `threads` workers, in a rayon pool of their own; `None` if no
/// thread could be started.
fn spawn<T: Send + 'static>(
    queue: &Arc<Queue<T>>,
    tx: &mpsc::Sender<Message<T>>,
    threads: usize,
) -> Option<rayon::ThreadPool> {
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .stack_size(crate::typeset::STACK)
        .thread_name(|i| format!("worker-{i}"))
        // Work catches its own panics; should one escape, the process lives on.
        .panic_handler(drop)
        .build()
        .ok()?;
    let (queue, tx) = (Arc::clone(queue), tx.clone());
    pool.spawn_broadcast(move |_| work_through(&queue, &tx));
    Some(pool)
}

/// A worker's loop: documents from the queue until it is empty, or until
/// this worker's document was given up on (it has been replaced).
fn work_through<T>(queue: &Queue<T>, tx: &mpsc::Sender<Message<T>>) {
    loop {
        let Some(item) = lock(&queue.items).pop_front() else { return };
        lock(&queue.states).insert(item, State::Running);
        if tx.send(Message::Started(item)).is_err() {
            return;
        }
        let ticket = Ticket { item, states: Arc::clone(&queue.states) };
        let result = crate::guard::contain(|| (queue.work)(item, &ticket));
        let given_up = lock(&queue.states).remove(&item) == Some(State::Abandoned);
        if given_up || tx.send(Message::Done(item, result)).is_err() {
            return;
        }
    }
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
    // Kept until the run ends; dropping a pool lets its idle threads end.
    let mut pools: Vec<rayon::ThreadPool> = spawn(&queue, &tx, jobs.max(1)).into_iter().collect();
    let mut pending: std::collections::HashSet<usize> = items.iter().copied().collect();
    if pools.is_empty() {
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
                        pools.extend(spawn(&queue, &tx, 1));
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

    #[test]
    fn documents_are_made_on_the_run_s_own_cores_as_many_at_once_as_jobs() {
        use std::sync::atomic::{AtomicUsize, Ordering};
        let seen = |items: &[usize], jobs| {
            let (now, most) = (Arc::new(AtomicUsize::new(0)), Arc::new(AtomicUsize::new(0)));
            let (now2, most2) = (Arc::clone(&now), Arc::clone(&most));
            let work: Work<(Option<usize>, usize)> = Arc::new(move |_, _: &Ticket| {
                most2.fetch_max(now2.fetch_add(1, Ordering::SeqCst) + 1, Ordering::SeqCst);
                std::thread::sleep(Duration::from_millis(30));
                now2.fetch_sub(1, Ordering::SeqCst);
                // Typst's parallel work goes to the pool the document runs in.
                (rayon::current_thread_index(), rayon::current_num_threads())
            });
            let mut pools = Vec::new();
            run(items, jobs, None, work, |_, outcome| {
                if let Outcome::Done((Some(_), threads)) = outcome {
                    pools.push(threads)
                }
            });
            (pools, most.load(Ordering::SeqCst))
        };
        assert_eq!(seen(&[0], 2), (vec![2], 1));
        assert_eq!(seen(&[0, 1, 2, 3], 2), (vec![2; 4], 2));
        assert_eq!(seen(&[0, 1, 2], 1), (vec![1; 3], 1));
    }
}
