//! Problems found in the data: where (file, sheet, row, column), which
//! value, what is wrong, a hint, and which documents it blocks.

use std::fmt;
use std::path::PathBuf;

/// Which documents a problem blocks.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum Scope {
    /// Every document (a missing sheet, the sender's name).
    All,
    /// Documents about this mission.
    Mission(String),
    /// This document only.
    Document(String),
    /// No document (a row nothing refers to); still reported.
    None,
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
}

/// One problem in the data.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// Where it is.
    pub location: Location,
    /// The offending value, as written.
    pub value: Option<String>,
    /// What is wrong, in a sentence without the location.
    pub message: String,
    /// How to put it right.
    pub hint: Option<String>,
    /// The source with a marker, as a compiler shows it (text templates).
    pub snippet: Option<String>,
    /// Which documents it blocks.
    pub scope: Scope,
}

impl Problem {
    /// A problem at a location.
    pub fn new(location: Location, message: impl Into<String>, scope: Scope) -> Self {
        Problem { location, value: None, message: message.into(), hint: None, snippet: None, scope }
    }

    /// Adds the offending value.
    pub fn value(mut self, value: impl Into<String>) -> Self {
        self.value = Some(value.into());
        self
    }

    /// Adds a hint.
    pub fn hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }

    /// Whether this problem blocks the given document.
    pub fn blocks(&self, document: &str, mission: Option<&str>) -> bool {
        match &self.scope {
            Scope::All => true,
            Scope::Mission(m) => mission == Some(m.as_str()),
            Scope::Document(d) => d == document,
            Scope::None => false,
        }
    }

    /// The location as one line: `data.xlsx, blad Missies, rij 7, kolom begindatum`.
    pub fn place(&self) -> String {
        let l = &self.location;
        let mut parts = vec![l.file.display().to_string()];
        if let Some(sheet) = &l.sheet {
            parts.push(crate::tr!("blad `{sheet}`", "sheet `{sheet}`"));
        }
        match (l.line, &l.sheet) {
            (Some(line), Some(_)) => parts.push(crate::tr!("rij {line}", "row {line}")),
            (Some(line), None) => parts.push(crate::tr!("regel {line}", "line {line}")),
            _ => {}
        }
        if let Some(column) = &l.column {
            parts.push(crate::tr!("kolom `{column}`", "column `{column}`"));
        }
        parts.join(", ")
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.place(), self.message)?;
        if let Some(hint) = &self.hint {
            write!(f, "\n  hint: {hint}")?;
        }
        if let Some(snippet) = &self.snippet {
            for line in snippet.lines() {
                write!(f, "\n  {line}")?;
            }
        }
        Ok(())
    }
}
