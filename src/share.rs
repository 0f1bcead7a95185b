//! A list of jobs shared by two threads: the calling thread and one helper
//! each take the next job until none is left, so the work spreads over two
//! cores however unequal the jobs are, and the results come back in the
//! list's order, the same as one thread's.

use std::sync::atomic::{AtomicUsize, Ordering};

/// Does `work` for every item, with `mine` on the calling thread and with
/// the state `theirs` makes on a helper thread. A job the helper took but
/// did not finish — its state could not be made, it panicked, or it could
/// not start — is done on the calling thread, so every item has its result.
pub fn share<T: Sync, S, R: Send>(
    items: &[T],
    mine: &mut S,
    theirs: impl FnOnce() -> Option<S> + Send,
    work: impl Fn(&mut S, &T) -> R + Sync,
) -> Vec<R> {
    let next = AtomicUsize::new(0);
    let take = |state: &mut S| {
        let mut done = Vec::new();
        loop {
            let at = next.fetch_add(1, Ordering::Relaxed);
            let Some(item) = items.get(at) else { return done };
            done.push((at, work(state, item)));
        }
    };
    let mut results: Vec<Option<R>> = items.iter().map(|_| None).collect();
    std::thread::scope(|scope| {
        let helper = (items.len() > 1).then(|| {
            let take = &take;
            let helper = move || crate::guard::contain(theirs).flatten().map(|mut own| take(&mut own));
            std::thread::Builder::new().name("helper".into()).spawn_scoped(scope, helper).ok()
        });
        let done = take(mine);
        let theirs = helper.flatten().and_then(|h| h.join().ok()).flatten().unwrap_or_default();
        for (at, result) in done.into_iter().chain(theirs) {
            results[at] = Some(result);
        }
    });
    items.iter().zip(results).map(|(item, result)| result.unwrap_or_else(|| work(mine, item))).collect()
}

/// [`share`] for work that needs no state of its own.
pub fn map<T: Sync, R: Send>(items: &[T], work: impl Fn(&T) -> R + Sync) -> Vec<R> {
    share(items, &mut (), || Some(()), |_, item| work(item))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_item_has_its_result_in_order_whatever_becomes_of_the_helper() {
        let items: Vec<usize> = (0..200).collect();
        let doubled: Vec<usize> = items.iter().map(|i| i * 2).collect();
        assert_eq!(map(&items, |i| i * 2), doubled);
        assert!(map(&[] as &[usize], |i| *i).is_empty());
        assert_eq!(map(&[7], |i| i + 1), [8]);
        // How often each item was worked on, with the helper's state (its
        // jobs done so far) made by `theirs`; the helper panics on its
        // third job when `fails`.
        let run = |theirs: Box<dyn FnOnce() -> Option<usize> + Send>, fails: bool| {
            let seen: Vec<AtomicUsize> = items.iter().map(|_| AtomicUsize::new(0)).collect();
            let mut mine = usize::MAX;
            let out = share(&items, &mut mine, theirs, |jobs, i| {
                seen[*i].fetch_add(1, Ordering::Relaxed);
                if *jobs != usize::MAX {
                    *jobs += 1;
                    assert!(!(fails && *jobs == 3), "the helper fails");
                }
                i * 2
            });
            assert_eq!(out, doubled);
            seen.iter().map(|s| s.load(Ordering::Relaxed)).collect::<Vec<_>>()
        };
        assert!(run(Box::new(|| Some(0)), false).iter().all(|&n| n == 1));
        assert!(run(Box::new(|| None), false).iter().all(|&n| n == 1));
        assert!(run(Box::new(|| panic!("no state")), false).iter().all(|&n| n == 1));
        // The jobs a helper did before it failed are done again.
        let seen = run(Box::new(|| Some(0)), true);
        assert!(seen.iter().all(|&n| n == 1 || n == 2), "{seen:?}");
        assert!(seen.iter().filter(|&&n| n == 2).count() <= 3, "{seen:?}");
    }
}
