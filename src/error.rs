//! The one shape of what went wrong outside the data's cells, and the one
//! way an error is written out.
//!
//! A problem at a place in the data is a
//! [`Problem`](crate::model::Problem); everything else that goes wrong — a
//! file that cannot be read, an argument that cannot be used, a PDF that
//! cannot be written — is a [`Failure`]: what went wrong and how to put it
//! right as [`Words`], the language chosen when it is printed, and its
//! cause. Both are printed the same way: `fout: …` with the hint on the
//! line below.
//!
//! [`describe`] writes an error and its causes as one line, walking
//! [`Error::source`]: a [`Failure`] in the language asked for, an operating
//! system's error (in English, naming temporary files) put in words.

use std::error::Error;
use std::io::ErrorKind;

use crate::lang::{Lang, Words};
use crate::tr;

/// What went wrong, as data: the message and the hint in every language,
/// and the cause.
///
/// Its `Display` is the Dutch message (the house language, for logs);
/// [`describe`] and [`hint`] say it in the language asked for.
///
/// ```
/// use missiedocs::{error::{Failure, describe, hint}, lang::Lang, say};
/// let failure = Failure::new(say!("`x.pdf` kan niet worden geschreven", "`x.pdf` cannot be written"))
///     .hint(say!("kies een andere map", "choose another folder"))
///     .caused_by(std::io::Error::from(std::io::ErrorKind::StorageFull));
/// assert_eq!(describe(&failure, Lang::En), "`x.pdf` cannot be written (the disk is full)");
/// assert_eq!(hint(&failure, Lang::Nl).as_deref(), Some("kies een andere map"));
/// ```
#[derive(Debug, thiserror::Error)]
#[error("{}", message.get(Lang::Nl))]
pub struct Failure {
    /// What went wrong.
    pub message: Words,
    /// How to put it right.
    pub hint: Option<Words>,
    /// What caused it.
    #[source]
    pub source: Option<Box<dyn Error + Send + Sync + 'static>>,
}

impl Failure {
    /// A failure that says this.
    pub fn new(message: Words) -> Failure {
        Failure { message, hint: None, source: None }
    }

    /// Adds how to put it right.
    pub fn hint(mut self, hint: Words) -> Failure {
        self.hint = Some(hint);
        self
    }

    /// Adds what caused it.
    pub fn caused_by(mut self, source: impl Into<Box<dyn Error + Send + Sync + 'static>>) -> Failure {
        self.source = Some(source.into());
        self
    }
}

/// An error and its causes as [`describe`] writes them, in every language.
pub fn said(err: &(dyn Error + 'static)) -> Words {
    Words::by(|lang| describe(err, lang))
}

/// The hint of an error or of the first of its causes that has one, in a
/// language.
pub fn hint(err: &(dyn Error + 'static), lang: Lang) -> Option<String> {
    let mut cause = Some(err);
    while let Some(c) = cause {
        if let Some(hint) = c.downcast_ref::<Failure>().and_then(|f| f.hint.as_ref()) {
            return Some(hint.get(lang).to_string());
        }
        cause = c.source();
    }
    None
}

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

/// An error's own text: a [`Failure`] in the language asked for, an I/O
/// error of a known kind in words.
fn in_words(err: &(dyn Error + 'static), lang: Lang) -> String {
    if let Some(failure) = err.downcast_ref::<Failure>() {
        return failure.message.get(lang).to_string();
    }
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
