//! Cells as the loader reads them, shared by the contract sheets
//! (`rows.rs`), the sender sheets (`sender.rs`) and the others (`load.rs`):
//! a cell's JSON, a cell that holds an error, a value without a heading,
//! column letters and unique keys for headers.

use std::collections::BTreeMap;

use serde_json::Value as Json;

use crate::input::{Cell, Row, Sheet};
use crate::model::keys::template_key;
use crate::model::problem::{Location, Problem, Scope};

/// The JSON value of a cell outside the contract. An error value or a
/// formula without result is reported by the loader; here it is its text.
pub fn cell_json(cell: &Cell) -> Json {
    match cell {
        Cell::Empty => Json::Null,
        Cell::Text(s) | Cell::Error(s) => Json::String(s.clone()),
        Cell::Uncalculated(_) => Json::String(cell.display()),
        Cell::Number(n) if n.fract() == 0.0 && n.abs() < 9e15 => Json::from(*n as i64),
        Cell::Number(n) => serde_json::Number::from_f64(*n).map(Json::Number).unwrap_or(Json::Null),
        Cell::Date(d) => Json::String(d.to_string()),
        Cell::Bool(b) => Json::Bool(*b),
    }
}

/// A problem for a cell that holds an error value or a formula without result.
pub(super) fn unreadable_cell(location: Location, cell: &Cell, scope: Scope) -> Option<Problem> {
    let (message, hint) = cell.unreadable()?;
    Some(Problem::new(location, message, scope).value(cell.display()).hint(hint))
}

/// A value in a column without a heading: it has no name, so no template
/// could reach it, and it must not vanish unseen.
pub(super) fn headless(sheet: &Sheet, row: &Row, scope: &Scope) -> Option<Problem> {
    let (i, cell) = row
        .cells
        .iter()
        .enumerate()
        .find(|(i, c)| !c.is_empty() && sheet.columns.get(*i).is_none_or(|h| h.is_empty()))?;
    Some(
        Problem::new(
            Location {
                file: sheet.file.clone(),
                sheet: Some(sheet.name.clone()),
                line: Some(row.line),
                column: Some(column_letters(sheet.left + i)),
                passage: None,
            },
            crate::say!(
                "de waarde `{}` staat in een kolom zonder kop",
                "the value `{}` is in a column without a heading",
                cell.display()
            ),
            scope.clone(),
        )
        .value(cell.display())
        .hint(crate::say!(
            "geef de kolom een kop in rij {}, of maak de cel leeg",
            "give the column a heading in row {}, or empty the cell",
            sheet.header_line
        )),
    )
}

/// The letters of the `i`-th (0-based) column of the read area: `A`, `AB`.
pub(super) fn column_letters(mut i: usize) -> String {
    let mut letters = Vec::new();
    loop {
        letters.push(b'A' + (i % 26) as u8);
        if i < 26 {
            break;
        }
        i = i / 26 - 1;
    }
    letters.reverse();
    String::from_utf8(letters).unwrap_or_default()
}

/// Template keys for headers, made unique with a number suffix.
pub(super) fn unique_keys(headers: &[String]) -> Vec<String> {
    let mut seen = BTreeMap::<String, usize>::new();
    headers
        .iter()
        .map(|h| {
            let key = template_key(h);
            let n = seen.entry(key.clone()).or_default();
            *n += 1;
            if *n == 1 { key } else { format!("{key}_{n}") }
        })
        .collect()
}
