//! The one way an error is written out: its message, then each cause in
//! brackets, walking [`Error::source`]. Errors write their messages in the
//! language they were made with; so does everything around them here.

use std::error::Error;

/// An error and its causes as one message: `message (cause) (its cause)`.
/// Lines after the first (a hint, a source snippet) stay below it.
///
/// ```
/// let inner = std::io::Error::other("schijf vol");
/// let outer = std::io::Error::new(std::io::ErrorKind::Other, inner);
/// assert_eq!(missiedocs::error::describe(&outer), "schijf vol");
/// ```
pub fn describe(err: &dyn Error) -> String {
    let mut text = err.to_string();
    let mut cause = err.source();
    while let Some(c) = cause {
        let cause_text = c.to_string();
        // An io::Error wrapping another shows that one's text itself.
        if !text.contains(&cause_text) {
            text = match text.split_once('\n') {
                Some((first, rest)) => format!("{first} ({cause_text})\n{rest}"),
                None => format!("{text} ({cause_text})"),
            };
        }
        cause = c.source();
    }
    text
}
