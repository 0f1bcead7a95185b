//! The language of messages: Dutch by default, English after
//! [`set_english`] (the command line's `--lang en`). Document content follows
//! each document's own `taal`, not this setting.

use std::sync::atomic::{AtomicBool, Ordering};

static ENGLISH: AtomicBool = AtomicBool::new(false);

/// Writes messages in English from now on (or Dutch again).
pub fn set_english(on: bool) {
    ENGLISH.store(on, Ordering::Relaxed);
}

/// Whether messages are in English.
pub fn english() -> bool {
    ENGLISH.load(Ordering::Relaxed)
}

/// A message in the chosen language: `tr!("blad `{name}` ontbreekt", "sheet `{name}` is missing")`.
/// Both texts take the same arguments; only the chosen one is formatted.
#[macro_export]
macro_rules! tr {
    ($nl:literal, $en:literal $(, $($arg:tt)*)?) => {
        if $crate::i18n::english() { format!($en $(, $($arg)*)?) } else { format!($nl $(, $($arg)*)?) }
    };
}
