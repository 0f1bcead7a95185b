//! Problems found in the data: where (file, sheet, row, column), which
//! value, what is wrong, a hint, and which documents it blocks — every
//! document that uses what the problem is in.

use crate::lang::{Lang, Words};
use std::fmt::{self, Write as _};
use std::path::PathBuf;

/// Most characters of a value a problem quotes.
pub const MAX_VALUE_CHARS: usize = 200;

/// Which documents a problem blocks: those that use what it is in.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum Scope {
    /// Every document (a missing sheet or column).
    All,
    /// Documents of this sender (`""` is the `Afzender` sheet).
    Sender(String),
    /// Documents whose missions include this one (a row of `Missies`, or a
    /// member or result of it).
    Mission(MissionRef),
    /// The document of this row of `Documenten`.
    Document(usize),
    /// Documents that print this sheet outside the contract (its template key).
    Sheet(String),
    /// The letter addressed to the member of this row of `Deelnemers`.
    Recipient(usize),
    /// Documents that could count or list the rows of this contract sheet,
    /// which is missing (`deelnemers`, `resultaten`): documents whose texts
    /// name that sheet (also as `missie.deelnemers` or
    /// `werkboek.deelnemers`), and for results the reports. A count of rows
    /// that were never read is not zero.
    MissingRows(String),
}

/// What is known of a mission a problem is about. A part that could not be
/// read is `None` and matches every document: a mission whose start date
/// is unreadable may fall in any period.
#[derive(Debug, Clone, Default, PartialEq, Eq, PartialOrd, Ord)]
pub struct MissionRef {
    /// Its id.
    pub id: Option<String>,
    /// Its partner, as a match key.
    pub partner: Option<String>,
    /// Its start date.
    pub begin: Option<chrono::NaiveDate>,
}

/// What a document uses, as far as problems are concerned.
#[derive(Debug, Clone, Default)]
pub struct Uses<'a> {
    /// Its row in `Documenten`.
    pub line: usize,
    /// For a letter to one member: the member's row in `Deelnemers`.
    pub recipient: Option<usize>,
    /// Its sender's key.
    pub sender: String,
    /// Its mission, if it is about one.
    pub missie: Option<&'a str>,
    /// Else its partner, as a match key.
    pub partner: Option<String>,
    /// Its period.
    pub van: Option<chrono::NaiveDate>,
    /// Its period.
    pub tot: Option<chrono::NaiveDate>,
    /// Whether it prints every sheet outside the contract (reports do).
    pub all_sheets: bool,
    /// The top-level names its texts use (`werkboek`, `begroting`, …).
    pub names: std::collections::BTreeSet<String>,
}

impl Uses<'_> {
    /// Whether the document's texts read the whole workbook.
    fn whole_workbook(&self) -> bool {
        self.names.contains("werkboek")
    }

    /// Whether this document's missions include the one referred to.
    fn includes(&self, m: &MissionRef) -> bool {
        match self.missie {
            Some(own) => m.id.as_deref() == Some(own),
            None => {
                let partner = match (&self.partner, &m.partner) {
                    (Some(wanted), Some(theirs)) => wanted == theirs,
                    _ => true,
                };
                let in_period = m.begin.is_none_or(|begin| {
                    self.van.is_none_or(|van| begin >= van) && self.tot.is_none_or(|tot| begin <= tot)
                });
                partner && in_period
            }
        }
    }
}

/// Where a problem is.
#[derive(Debug, Clone, Default, PartialEq, Eq, PartialOrd, Ord)]
pub struct Location {
    /// The file.
    pub file: PathBuf,
    /// The sheet, if the problem is in one.
    pub sheet: Option<String>,
    /// The row as the spreadsheet numbers it.
    pub line: Option<usize>,
    /// The column header as written.
    pub column: Option<String>,
    /// The paragraph of a Word or LibreOffice text, as a message names it
    /// (`alinea 3 („Het college …”)`).
    pub passage: Option<Words>,
}

/// One problem in the data.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// Where it is.
    pub location: Location,
    /// The offending value, as written.
    pub value: Option<String>,
    /// What is wrong, in a sentence without the location.
    pub message: Words,
    /// How to put it right.
    pub hint: Option<Words>,
    /// The source with a marker, as a compiler shows it (text templates).
    pub snippet: Option<Words>,
    /// Which documents it blocks.
    pub scope: Scope,
}

impl Problem {
    /// A problem at a location.
    pub fn new(location: Location, message: Words, scope: Scope) -> Self {
        Problem { location, value: None, message, hint: None, snippet: None, scope }
    }

    /// Adds the offending value.
    pub fn value(mut self, value: impl Into<String>) -> Self {
        self.value = Some(value.into());
        self
    }

    /// The offending value as messages and the manifest quote it: one of
    /// more than [`MAX_VALUE_CHARS`] characters shortened, its length said.
    pub fn shown_value(&self) -> Option<String> {
        let value = self.value.as_deref()?;
        let chars = value.chars().count();
        Some(match chars > MAX_VALUE_CHARS {
            true => format!("{}… ({chars})", value.chars().take(MAX_VALUE_CHARS).collect::<String>()),
            false => value.to_string(),
        })
    }

    /// Adds a hint.
    pub fn hint(mut self, hint: Words) -> Self {
        self.hint = Some(hint);
        self
    }

    /// Whether this problem blocks a document that uses what `uses` says.
    pub fn blocks(&self, uses: &Uses<'_>) -> bool {
        match &self.scope {
            Scope::All => true,
            Scope::Sender(key) => &uses.sender == key,
            Scope::Mission(m) => uses.whole_workbook() || uses.includes(m),
            // A row of `Documenten` with a problem stays in the model (as a
            // failed document), so only its own document depends on it.
            Scope::Document(line) => *line == uses.line,
            Scope::Sheet(key) => uses.all_sheets || uses.whole_workbook() || uses.names.contains(key),
            Scope::Recipient(line) => uses.recipient == Some(*line),
            Scope::MissingRows(key) => {
                // Reports count and list the results themselves.
                (uses.all_sheets && key == "resultaten") || uses.names.contains(key)
            }
        }
    }

    /// The location as one line: `data.xlsx, blad Missies, rij 7, kolom begindatum`.
    pub fn place(&self, lang: Lang) -> String {
        let l = &self.location;
        // `./teksten/brief.md` as a person writes it: `teksten/brief.md`.
        let file = l.file.strip_prefix(".").unwrap_or(&l.file);
        let mut parts = vec![file.display().to_string()];
        if let Some(sheet) = &l.sheet {
            let sheet = Visible::name(sheet);
            parts.push(crate::tr!(lang, "blad `{sheet}`", "sheet `{sheet}`"));
        }
        match (l.line, &l.sheet) {
            (Some(line), Some(_)) => parts.push(crate::tr!(lang, "rij {line}", "row {line}")),
            (Some(line), None) => parts.push(crate::tr!(lang, "regel {line}", "line {line}")),
            _ => {}
        }
        if let Some(column) = &l.column {
            // A heading may hold line breaks and control characters.
            let column = Visible::name(column);
            parts.push(crate::tr!(lang, "kolom `{column}`", "column `{column}`"));
        }
        if let Some(passage) = &l.passage {
            parts.push(passage.get(lang).to_string());
        }
        parts.join(", ")
    }

    /// The problem as a message says it, in a language: place, what is
    /// wrong, the value, the hint below it, and a source snippet.
    pub fn said(&self, lang: Lang) -> Said<'_> {
        Said { problem: self, lang }
    }
}

/// A problem in the words of a language ([`Problem::said`]).
pub struct Said<'a> {
    problem: &'a Problem,
    lang: Lang,
}

impl fmt::Display for Said<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (problem, lang) = (self.problem, self.lang);
        let message = problem.message.get(lang);
        write!(f, "{}: {}", problem.place(lang), Visible(message))?;
        // Every message about a value quotes it.
        if let Some(value) = problem.shown_value().filter(|v| !v.is_empty())
            && !message.contains(&format!("`{value}`"))
        {
            write!(f, " (`{}`)", Visible::name(&value))?;
        }
        if let Some(hint) = &problem.hint {
            write!(f, "\n  hint: {}", hint.get(lang))?;
        }
        if let Some(snippet) = &problem.snippet {
            let snippet = snippet.get(lang);
            for line in snippet.lines() {
                write!(f, "\n  {line}")?;
            }
        }
        Ok(())
    }
}

/// Text from the data as a message shows it: a control character (other
/// than a tab or line break) written as its code, so that a cell cannot
/// move the cursor or change the colours of the terminal that shows it.
struct Visible<'a>(&'a str);

impl Visible<'_> {
    /// A name (a sheet, a column heading) on one line: a line break shown
    /// as `↵`, a control character as its code.
    fn name(name: &str) -> String {
        Visible(&name.replace("\r\n", "\n").replace(['\n', '\r'], "↵")).to_string()
    }
}

impl fmt::Display for Visible<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for c in self.0.chars() {
            match c {
                '\t' | '\n' => f.write_char(c)?,
                c if c.is_control() => write!(f, "\\u{{{:04X}}}", c as u32)?,
                c => f.write_char(c)?,
            }
        }
        Ok(())
    }
}
