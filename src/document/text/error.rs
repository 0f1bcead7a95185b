//! A text template that failed: where (template, line, the source with a
//! marker as a compiler shows it), why, and the blank cell it printed.

use std::fmt::Write as _;

use minijinja::{Error, ErrorKind};

use super::blank::CellRef;
use crate::lang::{Lang, Words};
use crate::tr;

/// A text template failed, with where and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TextError {
    /// The template.
    pub name: Option<Box<str>>,
    /// 1-based line in the template.
    pub line: Option<usize>,
    /// What went wrong, the cause chain joined.
    pub message: Words,
    /// The offending source line.
    pub source_line: Option<Box<str>>,
    /// The source line with a marker under the offending part, as a
    /// compiler shows it, with the hint below it.
    pub snippet: Option<Words>,
    /// The blank cell the text printed, if that is what went wrong.
    pub cell: Option<Box<CellRef>>,
    /// The value the text names that does not exist (`missie.partnr`).
    pub unknown: Option<Box<str>>,
}

impl TextError {
    /// The error minijinja gave, as data and words.
    pub fn new(err: Error) -> Self {
        let mut cause = std::error::Error::source(&err);
        let mut cell = None;
        while let Some(c) = cause {
            if let Some(found) = c.downcast_ref::<CellRef>() {
                cell = Some(Box::new(found.clone()));
                break;
            }
            cause = c.source();
        }
        // minijinja's own (English) words for an unknown value: the value, named.
        let unknown = match err.kind() {
            ErrorKind::UndefinedError => err
                .detail()
                .and_then(|d| d.strip_prefix('`')?.split_once('`').map(|(name, _)| name.to_string()))
                // Given to a filter (`{{ missie.kostn|bedrag }}`): the value before it.
                .or_else(|| filtered_value(err.template_source()?, err.range()?.start)),
            _ => None,
        };
        // The engine sees `+%}` where a tag ends a line (see `keep_line_breaks`);
        // show the text as its author wrote it.
        let written = err.template_source().map(|text| text.replace("+%}", "%}"));
        let source_line = match (&written, err.line()) {
            (Some(text), Some(line)) => text.lines().nth(line.saturating_sub(1)).map(str::to_string),
            _ => None,
        };
        let said = |lang| said(&err, cell.is_some(), unknown.as_deref(), written.as_deref(), lang);
        let snippet = said(Lang::Nl).1.is_some().then(|| Words::by(|lang| said(lang).1.unwrap_or_default()));
        TextError {
            name: err.name().map(Box::from),
            line: err.line(),
            message: Words::by(|lang| said(lang).0),
            source_line: source_line.map(String::into_boxed_str),
            snippet,
            cell,
            unknown: unknown.map(String::into_boxed_str),
        }
    }
}

/// What minijinja's error says, in a language: the message, and the source
/// snippet with a marker and a hint.
fn said(
    err: &Error,
    blank: bool,
    unknown: Option<&str>,
    written: Option<&str>,
    lang: Lang,
) -> (String, Option<String>) {
    let kind = err.kind();
    let mut message = match kind {
        _ if blank => tr!(lang, "de tekst drukt een lege cel af", "the text prints a blank cell"),
        ErrorKind::UndefinedError => tr!(lang, "onbekende waarde", "unknown value"),
        ErrorKind::SyntaxError => tr!(lang, "syntaxfout", "syntax error"),
        ErrorKind::OutOfFuel => {
            tr!(
                lang,
                "het sjabloon doet te veel werk (oneindige lus?)",
                "the template does too much work (endless loop?)"
            )
        }
        _ => kind.to_string(),
    };
    match (unknown, err.detail().filter(|_| !blank)) {
        (Some(name), _) => message = tr!(lang, "onbekende waarde `{name}`", "unknown value `{name}`"),
        (None, Some(detail)) => {
            let _ = write!(message, " ({detail})");
        }
        (None, None) => {}
    }
    let mut source = std::error::Error::source(err);
    while let Some(cause) = source {
        match cause.downcast_ref::<CellRef>() {
            Some(cell) => {
                let blank = tr!(lang, "`{}` is leeg", "`{}` is blank", cell.column);
                let _ = write!(message, ": {blank}");
            }
            None => {
                let _ = write!(message, ": {cause}");
            }
        }
        source = cause.source();
    }
    let snippet = match (err.name(), err.template_source(), err.range()) {
        (Some(name), Some(engine_text), Some(range)) => {
            let bytes = engine_text.as_bytes();
            let shift = |at: usize| at - bytes[..at.min(bytes.len())].windows(3).filter(|w| w == b"+%}").count();
            let text = written.unwrap_or(engine_text);
            let boundary = |at: usize| (0..=at.min(text.len())).rev().find(|&i| text.is_char_boundary(i));
            let start = boundary(shift(range.start)).unwrap_or(0);
            let end = boundary(shift(range.end)).unwrap_or(start).max(start);
            let hint = if blank { Some(blank_hint(lang)) } else { hint(kind, lang) };
            // A subject is named by its source; the place says which row.
            let shown = if name.starts_with(super::PLAIN_PREFIX) { "onderwerp" } else { name };
            Some(snippet(shown, text, start..end, &message, hint))
        }
        _ => None,
    };
    (message, snippet)
}

/// The value a filter at `at` is given, as written: the dotted name after
/// the nearest `{{` before it (`missie.kostn` in `{{ missie.kostn|bedrag }}`).
fn filtered_value(source: &str, at: usize) -> Option<String> {
    let before = source.get(..at)?;
    let open = before.rfind("{{")?;
    let name: String = before[open + 2..]
        .trim_start()
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '.'))
        .collect();
    let rest = before[open + 2..].trim_start()[name.len()..].trim_start();
    (!name.is_empty() && rest.starts_with('|')).then_some(name)
}

/// What puts a printed blank right.
fn blank_hint(lang: Lang) -> String {
    tr!(
        lang,
        "vul de cel in, of laat de tekst rekening houden met een lege cel: \
         `{{% if missie.leiding %}}…{{% endif %}}` of `{{{{ missie.leiding | default(\"…\") }}}}`",
        "fill in the cell, or let the text allow for a blank one: \
         `{{% if missie.leiding %}}…{{% endif %}}` or `{{{{ missie.leiding | default(\"…\") }}}}`"
    )
}

/// What usually puts an error of this kind right.
fn hint(kind: ErrorKind, lang: Lang) -> Option<String> {
    match kind {
        ErrorKind::UndefinedError => Some(tr!(
            lang,
            "kolomnamen staan in kleine letters met `_` voor spaties (`missie.begindatum`, `document.uw_kenmerk`); \
             een lege waarde vangt u op met `{{{{ x | default(\"\") }}}}`",
            "column names are lower case with `_` for spaces (`missie.begindatum`, `document.uw_kenmerk`); \
             catch an empty value with `{{{{ x | default(\"\") }}}}`"
        )),
        ErrorKind::SyntaxError => Some(tr!(
            lang,
            "waarden staan tussen `{{{{` en `}}}}`, opdrachten tussen `{{%` en `%}}`; elke `{{% for %}}` en `{{% if %}}` sluit met `{{% endfor %}}` of `{{% endif %}}`",
            "values go between `{{{{` and `}}}}`, statements between `{{%` and `%}}`; every `{{% for %}}` and `{{% if %}}` ends with `{{% endfor %}}` or `{{% endif %}}`"
        )),
        _ => None,
    }
}

/// A source snippet with a marker, in the layout Typst's diagnostics use.
fn snippet(name: &str, source: &str, range: std::ops::Range<usize>, message: &str, hint: Option<String>) -> String {
    use codespan_reporting::diagnostic::{Diagnostic, Label};
    use codespan_reporting::term::{self, termcolor::NoColor};
    let file = codespan_reporting::files::SimpleFile::new(name, source);
    let mut diagnostic = Diagnostic::error().with_message(message).with_labels(vec![Label::primary((), range)]);
    if let Some(hint) = hint {
        diagnostic = diagnostic.with_notes(vec![format!("hint: {hint}")]);
    }
    let mut out = NoColor::new(Vec::new());
    match term::emit(&mut out, &term::Config::default(), &file, &diagnostic) {
        // Without the header (`error: …`): the message is said once, in words, before it.
        Ok(()) => {
            let text = String::from_utf8_lossy(&out.into_inner()).trim_end().to_string();
            match text.split_once('\n') {
                Some((header, rest)) if header.starts_with("error") => rest.to_string(),
                _ => text,
            }
        }
        Err(_) => String::new(),
    }
}

impl TextError {
    /// The error as a compiler shows it, in a language: the message and the
    /// snippet below it, else the template, line and source line.
    pub fn said(&self, lang: Lang) -> String {
        let message = self.message.get(lang);
        if let Some(snippet) = self.snippet.as_ref().map(|s| s.get(lang)).filter(|s| !s.is_empty()) {
            return format!("{message}\n{snippet}");
        }
        let mut text = match (&self.name, self.line) {
            (Some(name), Some(line)) => format!("{name}, {}: {message}", tr!(lang, "regel {line}", "line {line}")),
            (Some(name), None) => format!("{name}: {message}"),
            _ => message.to_string(),
        };
        if let (Some(src), Some(line)) = (&self.source_line, self.line) {
            let _ = write!(text, "\n  {line:>4} | {src}");
        }
        text
    }
}
