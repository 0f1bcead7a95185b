//! Reading one contract sheet row by row: its columns found by their
//! headings, each cell converted to its field's type, every problem kept
//! with the row's place and, once the row is read, the row's scope.

use std::collections::BTreeMap;

use chrono::NaiveDate;

use super::cells::{cell_json, headless, unique_keys};
use super::notation::{self, NotationError};
use super::schema::{self, SheetDef};
use super::workbook::{Cell, Row, Sheet};
use crate::lang::Words;
use crate::model::problem::{Location, Problem, Scope};
use crate::model::*;

/// The rows of a contract sheet, with its columns found.
pub(super) struct SheetRows<'a> {
    pub(super) sheet: &'a Sheet,
    def: &'static SheetDef,
    /// Column index per contract key.
    pub(super) index: BTreeMap<&'static str, usize>,
    /// Unknown columns: (index, template key).
    unknown: Vec<(usize, String)>,
    /// Whether every required column is there (else no row is read).
    usable: bool,
}

/// One row being read, with its problems collected; they get the row's
/// scope once the row is read.
pub(super) struct RowReader<'r, 'a> {
    pub(super) rows: &'r SheetRows<'a>,
    pub(super) row: &'r Row,
    pub(super) scope: Scope,
    pub(super) problems: Vec<Problem>,
}

impl<'a> SheetRows<'a> {
    pub(super) fn new(sheet: &'a Sheet, def: &'static SheetDef, problems: &mut Vec<Problem>) -> Self {
        let mut index = BTreeMap::new();
        let mut unknown = Vec::new();
        let keys = unique_keys(&sheet.columns);
        let mut usable = true;
        let header_loc = |column: Option<&String>| Location {
            file: sheet.file.clone(),
            sheet: Some(sheet.name.clone()),
            line: Some(sheet.header_line),
            column: column.cloned(),
            passage: None,
        };
        for (i, header) in sheet.columns.iter().enumerate() {
            match def.column(header) {
                Some(col) => {
                    if let Some(&first) = index.get(col.key) {
                        // Which one holds the values? Not a guess to make.
                        usable = false;
                        let first: &String = &sheet.columns[first];
                        problems.push(
                            Problem::new(
                                header_loc(Some(header)),
                                crate::say!(
                                    "de kolommen `{first}` en `{header}` zijn allebei kolom `{}`",
                                    "the columns `{first}` and `{header}` are both column `{}`",
                                    col.key
                                ),
                                Scope::All,
                            )
                            .value(header.clone())
                            .hint(crate::say!(
                                "verwijder of hernoem een van beide; namen tellen gelijk zonder hoofdletters, spaties, \
                                 `_`, `-` en accenten",
                                "remove or rename one of them; names count as equal without capitals, spaces, `_`, \
                                 `-` and accents"
                            )),
                        );
                    } else {
                        index.insert(col.key, i);
                    }
                }
                None if !header.is_empty() => unknown.push((i, keys[i].clone())),
                None => {}
            }
        }
        for col in def.required_columns() {
            if !index.contains_key(col.key) {
                usable = false;
                problems.push(
                    Problem::new(
                        header_loc(None),
                        crate::say!("kolom `{}` ontbreekt", "column `{}` is missing", col.key),
                        Scope::All,
                    )
                    .hint(crate::say!(
                        "gevonden kolommen in rij {}: {}",
                        "columns found in row {}: {}",
                        sheet.header_line,
                        sheet.columns.iter().filter(|c| !c.is_empty()).cloned().collect::<Vec<_>>().join(", ")
                    )),
                );
            }
        }
        SheetRows { sheet, def, index, unknown, usable }
    }

    /// Reads every row with `build`; problems go to `problems` with the
    /// row's scope. Rows with problems are left out unless `keep_failed`.
    pub(super) fn collect<T>(
        &self,
        build: impl FnMut(&mut RowReader<'_, 'a>) -> T,
        keep_failed: bool,
        problems: &mut Vec<Problem>,
    ) -> Vec<T> {
        let marked = self.collect_marked(build, problems);
        marked.into_iter().filter(|(_, failed)| !failed || keep_failed).map(|(item, _)| item).collect()
    }

    /// Reads every row with `build`, each marked with whether it has a
    /// problem; problems go to `problems` with the row's scope.
    pub(super) fn collect_marked<T>(
        &self,
        mut build: impl FnMut(&mut RowReader<'_, 'a>) -> T,
        problems: &mut Vec<Problem>,
    ) -> Vec<(T, bool)> {
        if !self.usable {
            return Vec::new();
        }
        let mut out = Vec::new();
        for row in &self.sheet.rows {
            let mut reader = RowReader { rows: self, row, scope: Scope::All, problems: Vec::new() };
            let item = build(&mut reader);
            let failed = !reader.problems.is_empty();
            for mut p in reader.problems {
                p.scope = reader.scope.clone();
                problems.push(p);
            }
            problems.extend(headless(self.sheet, row, &reader.scope));
            out.push((item, failed));
        }
        out
    }
}

impl<'r> RowReader<'r, '_> {
    pub(super) fn cell(&self, key: &str) -> &'r Cell {
        match self.rows.index.get(key) {
            Some(&i) => self.row.cells.get(i).unwrap_or(&Cell::Empty),
            None => &Cell::Empty,
        }
    }

    pub(super) fn column_def(&self, key: &str) -> &'static schema::Column {
        self.rows.def.columns.iter().find(|c| c.key == key).expect("key of the contract")
    }

    /// A cell of this row, by its column's heading.
    pub(super) fn place(&self, column: String) -> Location {
        Location {
            file: self.rows.sheet.file.clone(),
            sheet: Some(self.rows.sheet.name.clone()),
            line: Some(self.row.line),
            column: Some(column),
            passage: None,
        }
    }

    /// Records a problem; it gets the row's scope once the row is read.
    pub(super) fn problem_at(&mut self, column: String, value: Option<String>, message: Words, hint: Option<Words>) {
        let mut p = Problem::new(self.place(column), message, Scope::All);
        p.value = value;
        p.hint = hint;
        self.problems.push(p);
    }

    pub(super) fn problem(&mut self, key: &str, value: Option<String>, message: Words, hint: Option<Words>) {
        let column = self.rows.index.get(key).map(|&i| self.rows.sheet.columns[i].clone()).unwrap_or(key.to_string());
        self.problem_at(column, value, message, hint);
    }

    pub(super) fn missing(&mut self, key: &str) {
        self.problem(key, None, crate::say!("`{key}` is verplicht maar leeg", "`{key}` is required but empty"), None);
    }

    /// The cell, unless it holds an error value or a formula without
    /// result (then that is a problem and the value is unknown).
    pub(super) fn readable(&mut self, key: &str) -> Option<&'r Cell> {
        let cell = self.cell(key);
        match cell.unreadable() {
            Some((message, hint)) => {
                self.problem(key, Some(cell.display()), message, Some(hint));
                None
            }
            None => Some(cell),
        }
    }

    /// Optional text.
    pub(super) fn text(&mut self, key: &str) -> Option<String> {
        self.readable(key).filter(|c| !c.is_empty()).map(|c| c.display())
    }

    /// Required text.
    pub(super) fn required(&mut self, key: &str) -> String {
        match self.readable(key) {
            Some(Cell::Empty) => {
                self.missing(key);
                String::new()
            }
            Some(cell) => cell.display(),
            None => String::new(),
        }
    }

    pub(super) fn notation_problem(&mut self, key: &str, cell: &Cell, err: NotationError) {
        let hint = Words::by(|lang| err.hint(lang));
        self.problem(key, Some(cell.display()), Words::by(|lang| err.message(lang)), Some(hint));
    }

    pub(super) fn date(&mut self, key: &str) -> Option<NaiveDate> {
        let cell = self.readable(key)?;
        let result = match cell {
            Cell::Empty => return self.absent(key),
            Cell::Date(d) => notation::in_range(*d, cell),
            Cell::Number(n) => notation::excel_serial_date(*n)
                .ok_or_else(|| NotationError::NotADate(cell.display()))
                .and_then(|d| notation::in_range(d, cell)),
            Cell::Text(t) => notation::parse_date(t),
            _ => Err(NotationError::NotADate(cell.display())),
        };
        result.map_err(|e| self.notation_problem(key, cell, e)).ok()
    }

    pub(super) fn amount(&mut self, key: &str) -> Option<f64> {
        let cell = self.readable(key)?;
        let result = match cell {
            Cell::Empty => return self.absent(key),
            Cell::Number(n) => notation::exact(*n, cell),
            Cell::Text(t) => notation::parse_amount(t),
            _ => Err(NotationError::NotAnAmount(cell.display())),
        };
        result.map_err(|e| self.notation_problem(key, cell, e)).ok()
    }

    pub(super) fn whole(&mut self, key: &str) -> Option<i64> {
        let cell = self.readable(key)?;
        let result = match cell {
            Cell::Empty => return self.absent(key),
            Cell::Number(n) if n.fract() == 0.0 => notation::exact(*n, cell).map(|n| n as i64),
            Cell::Text(t) => notation::parse_whole(t),
            _ => Err(NotationError::NotAWholeNumber(cell.display())),
        };
        result.map_err(|e| self.notation_problem(key, cell, e)).ok()
    }

    pub(super) fn list(&mut self, key: &str) -> Vec<String> {
        self.text(key)
            .map(|t| t.split([';', '\n']).map(str::trim).filter(|s| !s.is_empty()).map(str::to_string).collect())
            .unwrap_or_default()
    }

    pub(super) fn absent<T>(&mut self, key: &str) -> Option<T> {
        if self.column_def(key).required {
            self.missing(key);
        }
        None
    }

    /// The columns outside the contract; an error value in one is a problem.
    pub(super) fn extra(&mut self) -> Extra {
        let mut extra = Extra::new();
        for (i, key) in &self.rows.unknown {
            let cell = self.row.cells.get(*i).unwrap_or(&Cell::Empty).clone();
            if let Some((message, hint)) = cell.unreadable() {
                let header = self.rows.sheet.columns[*i].clone();
                self.problem_at(header, Some(cell.display()), message, Some(hint));
            }
            extra.insert(key.clone(), cell_json(&cell));
        }
        extra
    }
}
