//! Containing panics: a panic in a third-party parser or in Typst becomes an
//! error for that one file or document, and is not printed as a crash.

use std::cell::Cell;
use std::panic::{AssertUnwindSafe, catch_unwind};

thread_local! {
    static CONTAINED: Cell<bool> = const { Cell::new(false) };
}

/// Runs `f`; a panic inside it becomes `None`.
pub fn contain<T>(f: impl FnOnce() -> T) -> Option<T> {
    let outer = CONTAINED.with(|c| c.replace(true));
    let result = catch_unwind(AssertUnwindSafe(f)).ok();
    CONTAINED.with(|c| c.set(outer));
    result
}

/// Whether the current thread is inside [`contain`] (the panic hook stays
/// quiet then: the caller reports the failure itself).
pub fn contained() -> bool {
    CONTAINED.with(Cell::get)
}
