//! The one way an error is written out: its message, then each cause in
//! brackets, walking [`Error::source`]. Errors write their messages in the
//! language they were made with; an operating system's error (in English,
//! naming temporary files) is put in words in the language asked for.

use std::error::Error;
use std::io::ErrorKind;

use crate::lang::Lang;
use crate::tr;

/// An error and its causes as one message: `message (cause) (its cause)`.
/// Lines after the first (a hint, a source snippet) stay below it.
///
/// ```
/// use missiedocs::lang::Lang;
/// let inner = std::io::Error::other("schijf vol");
/// let outer = std::io::Error::new(std::io::ErrorKind::Other, inner);
/// assert_eq!(missiedocs::error::describe(&outer, Lang::Nl), "schijf vol");
/// let denied = std::io::Error::from(std::io::ErrorKind::PermissionDenied);
/// assert_eq!(missiedocs::error::describe(&denied, Lang::Nl), "geen toestemming");
/// ```
pub fn describe(err: &(dyn Error + 'static), lang: Lang) -> String {
    let mut text = in_words(err, lang);
    let mut cause = err.source();
    while let Some(c) = cause {
        let cause_text = in_words(c, lang);
        // An io::Error wrapping another shows that one's text itself.
        if !text.contains(&cause_text) {
            text = match text.split_once('\n') {
                Some((first, rest)) => format!("{first} ({cause_text})\n{rest}"),
                None => format!("{text} ({cause_text})"),
            };
        }
        // The words of an I/O error say all its causes would.
        if c.downcast_ref::<std::io::Error>().is_some_and(|io| io_words(io.kind(), lang).is_some()) {
            break;
        }
        cause = c.source();
    }
    text
}

/// An error's own text; an I/O error of a known kind in words.
fn in_words(err: &(dyn Error + 'static), lang: Lang) -> String {
    match err.downcast_ref::<std::io::Error>().and_then(|io| io_words(io.kind(), lang)) {
        Some(words) => words,
        None => err.to_string(),
    }
}

/// What an I/O error of this kind means to whoever reads the message.
fn io_words(kind: ErrorKind, lang: Lang) -> Option<String> {
    Some(match kind {
        ErrorKind::PermissionDenied => tr!(lang, "geen toestemming", "permission denied"),
        ErrorKind::ReadOnlyFilesystem => tr!(lang, "de schijf is alleen-lezen", "the disk is read-only"),
        ErrorKind::StorageFull => tr!(lang, "de schijf is vol", "the disk is full"),
        ErrorKind::QuotaExceeded => {
            tr!(lang, "de schijfruimte van de gebruiker is op", "the user's disk quota is used up")
        }
        ErrorKind::NotFound => tr!(lang, "bestaat niet", "does not exist"),
        ErrorKind::AlreadyExists => tr!(lang, "bestaat al", "already exists"),
        ErrorKind::NotADirectory => tr!(lang, "is geen map", "is not a folder"),
        ErrorKind::IsADirectory => tr!(lang, "is een map", "is a folder"),
        ErrorKind::FileTooLarge => tr!(lang, "het bestand is te groot", "the file is too large"),
        ErrorKind::InvalidFilename => tr!(lang, "ongeldige bestandsnaam", "invalid file name"),
        ErrorKind::Interrupted => tr!(lang, "onderbroken", "interrupted"),
        _ => return None,
    })
}
