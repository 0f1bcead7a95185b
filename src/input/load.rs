//! Loading the model from a workbook: each sheet on its own, two at a time
//! ([`crate::share`]), a contract sheet row by row, cell by cell, every
//! problem collected with the scope of what it is in; the sheets put
//! together in their order.

use std::collections::BTreeMap;

use super::cells::{cell_json, headless, unique_keys, unreadable_cell};
use super::records::*;
use super::rows::*;
use crate::input::schema::{self};
use crate::input::{Cell, Sheet, Workbook};
use crate::model::keys::template_key;
use crate::model::problem::{Location, MissionRef, Problem, Scope};
use crate::model::*;

/// Builds the model from a workbook, collecting every problem. A row with
/// a problem is left out of the model (a document's row stays, so it is
/// accounted for); its problem blocks every document that uses it.
/// `kind_of` decides the kind of document a template makes, once per row
/// of `Documenten`.
pub fn load(book: &Workbook, kind_of: &(dyn Fn(&str) -> DocumentKind + Sync)) -> (Model, Vec<Problem>) {
    let mut problems = Vec::new();
    let mut model = Model { source: book.path.clone(), base_dir: book.base_dir(), ..Model::default() };
    for def in schema::SHEETS {
        let present = book.sheets.iter().any(|s| schema::sheet(&s.name).is_some_and(|d| d.key == def.key));
        if !present {
            let found: Vec<&str> = book.sheets.iter().map(|s| s.name.as_str()).collect();
            problems.push(
                Problem::new(
                    Location { file: book.path.clone(), ..Location::default() },
                    crate::say!("blad `{}` ontbreekt", "sheet `{}` is missing", def.name),
                    match def.key {
                        "deelnemers" | "resultaten" => Scope::MissingRows(def.key.to_string()),
                        _ => Scope::All,
                    },
                )
                .hint(match def.key {
                    // A letter counting members or results of a sheet that is not
                    // there would print a count of nothing as if it were zero.
                    "deelnemers" | "resultaten" => crate::say!(
                        "gevonden bladen: {}; zijn er geen, voeg het blad dan toe met alleen de kopregel",
                        "sheets found: {}; if there are none, add the sheet with only its header row",
                        found.join(", ")
                    ),
                    _ => crate::say!("gevonden bladen: {}", "sheets found: {}", found.join(", ")),
                }),
            );
        }
    }
    // Each sheet on its own, two at a time; put together in the sheets' order.
    let loaded = crate::share::map(&book.sheets, |sheet| {
        let mut found = Vec::new();
        let part = load_sheet(sheet, &mut found, kind_of);
        (part, found)
    });
    let mut missions = BTreeMap::<String, MissionRef>::new();
    for ((part, found), sheet) in loaded.into_iter().zip(&book.sheets) {
        let (key, info, rows) = match part {
            // A hidden sheet outside the contract is not printed and no text
            // may read it; what is in its cells stops nothing.
            Part::Table(table) if sheet.hidden => {
                model.verborgen.push((table.naam, table.sleutel));
                continue;
            }
            Part::Sender(key, sender) => {
                problems.extend(found);
                model.afzenders.insert(key, *sender);
                continue;
            }
            Part::Table(table) => {
                problems.extend(found);
                model.tabellen.push(table);
                continue;
            }
            Part::Rows { key, info, rows } => {
                problems.extend(found);
                // A hidden contract sheet, or hidden rows in one, is data all the same: said.
                if sheet.hidden || !sheet.hidden_rows.is_empty() {
                    let rows = if sheet.hidden { Vec::new() } else { sheet.hidden_rows.clone() };
                    model.verborgen_rijen.push((sheet.name.clone(), rows));
                }
                (key, info, rows)
            }
        };
        model.sheets.insert(key, info);
        match rows {
            Rows::Missies { refs, missies } => {
                for (id, found) in refs {
                    let Some(id) = id else { continue };
                    model.mission_ids.insert(id.clone());
                    // Two rows with one id: what differs between them is unknown.
                    missions
                        .entry(id)
                        .and_modify(|known| {
                            if known.partner != found.partner {
                                known.partner = None;
                            }
                            if known.begin != found.begin {
                                known.begin = None;
                            }
                        })
                        .or_insert(found);
                }
                model.missies = missies;
            }
            Rows::Deelnemers(rows, unread) => {
                model.deelnemers = rows;
                model.onleesbare_deelnemers = unread;
            }
            Rows::Resultaten(rows) => model.resultaten = rows,
            Rows::Documenten(rows) => model.documenten = rows,
            Rows::None => {}
        }
    }
    // A member's or result's problem reaches the documents of its mission's
    // partner and period too.
    for problem in &mut problems {
        if let Scope::Mission(r) = &mut problem.scope
            && let Some(known) = r.id.as_ref().and_then(|id| missions.get(id))
        {
            *r = known.clone();
        }
    }
    problems.extend(crate::model::recipients::spread(&mut model));
    (model, problems)
}

/// What one sheet gives the model.
enum Part {
    /// An `Afzender` sheet, under its sender key.
    Sender(String, Box<Afzender>),
    /// A contract sheet: its key, where it is and its headings, its rows.
    Rows { key: &'static str, info: SheetInfo, rows: Rows },
    /// A sheet outside the contract.
    Table(Table),
}

/// The rows of a contract sheet, read.
enum Rows {
    /// Every row's mission id and what a problem needs to know of it (also
    /// of rows with problems), and the missions read.
    Missies {
        refs: Vec<(Option<String>, MissionRef)>,
        missies: Vec<Missie>,
    },
    /// The members read, and the mission and row of each member that
    /// could not be read.
    Deelnemers(Vec<Deelnemer>, Vec<(String, usize)>),
    Resultaten(Vec<Resultaat>),
    Documenten(Vec<Document>),
    /// A contract sheet the model keeps no rows of.
    None,
}

/// Loads one sheet; its problems go to `problems`.
fn load_sheet(sheet: &Sheet, problems: &mut Vec<Problem>, kind_of: &(dyn Fn(&str) -> DocumentKind + Sync)) -> Part {
    let def = match schema::sheet(&sheet.name) {
        Some(def) if def.key == "afzender" => {
            let key = schema::sender_key(&sheet.name).unwrap_or_default();
            let sender = super::sender::afzender(sheet, &key, problems);
            return Part::Sender(key, Box::new(sender));
        }
        Some(def) => def,
        None => return Part::Table(table(sheet, problems)),
    };
    let rows = SheetRows::new(sheet, def, problems);
    let headers = rows.index.iter().map(|(k, &i)| (*k, sheet.columns[i].clone())).collect();
    let info = SheetInfo { file: sheet.file.clone(), name: sheet.name.clone(), headers };
    let read = match def.key {
        "missies" => Rows::Missies {
            refs: rows.collect(mission_ref, true, &mut Vec::new()),
            missies: rows.collect(missie, false, problems),
        },
        "deelnemers" => {
            let (read, failed): (Vec<_>, Vec<_>) =
                rows.collect_marked(deelnemer, problems).into_iter().partition(|(_, failed)| !failed);
            Rows::Deelnemers(
                read.into_iter().map(|(d, _)| d).collect(),
                failed.into_iter().map(|(d, _)| (d.missie, d.line)).collect(),
            )
        }
        "resultaten" => Rows::Resultaten(rows.collect(resultaat, false, problems)),
        "documenten" => Rows::Documenten(rows.collect(|r| document(r, kind_of), true, problems)),
        _ => Rows::None,
    };
    Part::Rows { key: def.key, info, rows: read }
}

fn table(sheet: &Sheet, problems: &mut Vec<Problem>) -> Table {
    let sleutels = unique_keys(&sheet.columns);
    let sleutel = template_key(&sheet.name);
    let scope = Scope::Sheet(sleutel.clone());
    let place = |line: usize, column: Option<&String>| Location {
        file: sheet.file.clone(),
        sheet: Some(sheet.name.clone()),
        line: Some(line),
        column: column.cloned(),
        passage: None,
    };
    let mut rijen = Vec::with_capacity(sheet.rows.len());
    let mut cellen = Vec::with_capacity(sheet.rows.len());
    for row in &sheet.rows {
        let mut values = BTreeMap::new();
        for (i, cell) in row.cells.iter().enumerate() {
            if let Some(p) = unreadable_cell(place(row.line, sheet.columns.get(i)), cell, scope.clone()) {
                problems.push(p);
            }
        }
        problems.extend(headless(sheet, row, &scope));
        values.extend(sleutels.iter().zip(&row.cells).map(|(k, c)| (k.clone(), cell_json(c))));
        values.insert(origin::KEY.to_string(), origin::table(&sleutel, row.line));
        rijen.push(values);
        // A row hidden in the workbook is data a text may read, never printed as a table row.
        if sheet.hidden_rows.binary_search(&row.line).is_err() {
            cellen.push(sleutels.iter().zip(&row.cells).map(|(_, c)| table_cell(c)).collect());
        }
    }
    Table {
        naam: sheet.name.clone(),
        sleutel,
        kolommen: sheet.columns.clone(),
        sleutels,
        rijen,
        cellen,
        verborgen_rijen: sheet.hidden_rows.clone(),
        file: sheet.file.clone(),
    }
}

/// A cell outside the contract as a report prints it: by the type the
/// file gives it (an error value or a formula without result is reported
/// by the loader; here it is its text).
fn table_cell(cell: &Cell) -> TableCell {
    match cell {
        Cell::Empty => TableCell::Empty,
        Cell::Number(n) => TableCell::Number(*n),
        Cell::Date(d) => TableCell::Date(*d),
        Cell::Bool(b) => TableCell::Bool(*b),
        Cell::Text(_) | Cell::Error(_) | Cell::Uncalculated(_) => TableCell::Text(cell.display()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::input::workbook::{Row, Sheet};

    fn text(s: &str) -> Cell {
        Cell::Text(s.into())
    }

    fn sheet(name: &str, columns: &[&str], rows: Vec<Vec<Cell>>) -> Sheet {
        Sheet {
            name: name.into(),
            file: "t.xlsx".into(),
            header_line: 2,
            columns: columns.iter().map(|c| c.to_string()).collect(),
            left: 0,
            rows: rows.into_iter().enumerate().map(|(i, cells)| Row { line: i + 3, cells }).collect(),
            hidden: false,
            hidden_rows: Vec::new(),
        }
    }

    #[test]
    fn every_bad_value_is_reported_with_its_place() {
        let book = Workbook {
            path: "t.xlsx".into(),
            sheets: vec![
                sheet("Afzender", &["Veld", "Waarde"], vec![vec![text("Naam"), text("Gemeente X")]]),
                sheet(
                    "Missies",
                    &["Missie", "Titel", "Richting", "Partner", "Begin datum", "Kosten"],
                    vec![
                        vec![
                            text("M1"),
                            text("Reis"),
                            text("uitgaand"),
                            text("Chengdu"),
                            text("31-02-2019"),
                            text("ca. twaalf miljoen"),
                        ],
                        vec![
                            text("M2"),
                            text("Bezoek"),
                            text("zijwaarts"),
                            text("Chengdu"),
                            text("8 juni 2019"),
                            Cell::Number(1200.0),
                        ],
                    ],
                ),
                sheet("Deelnemers", &["Missie", "Naam"], vec![]),
                sheet("Resultaten", &["Missie", "Thema", "Omschrijving"], vec![]),
                sheet("Documenten", &["Document", "Sjabloon", "Onderwerp", "Datum"], vec![]),
            ],
        };
        let (model, problems) = load(&book, &DocumentKind::from_name);
        let lines: Vec<String> = problems.iter().map(|p| p.said(crate::lang::Lang::Nl).to_string()).collect();
        assert_eq!(lines.len(), 3, "{lines:#?}");
        assert!(
            lines[0].starts_with(
                "t.xlsx, blad `Missies`, rij 3, kolom `Begin datum`: `31-02-2019` is geen bestaande datum"
            )
        );
        assert!(lines[1].contains("rij 3, kolom `Kosten`: `ca. twaalf miljoen` is geen bedrag"));
        assert!(lines[2].contains("rij 4, kolom `Richting`"), "{}", lines[2]);
        // The unreadable start date is unknown: the problem reaches every period.
        let reference = MissionRef { id: Some("M1".into()), partner: Some("chengdu".into()), begin: None };
        assert_eq!(problems[0].scope, Scope::Mission(reference));
        assert!(model.missies.is_empty());
    }

    #[test]
    fn missing_sheet_and_column() {
        let book = Workbook { path: "t.xlsx".into(), sheets: vec![sheet("Missies", &["Missie", "Titel"], vec![])] };
        let (_, problems) = load(&book, &DocumentKind::from_name);
        let text: Vec<String> = problems.iter().map(|p| p.said(crate::lang::Lang::Nl).to_string()).collect();
        assert!(text.iter().any(|t| t.contains("blad `Afzender` ontbreekt")), "{text:#?}");
        assert!(text.iter().any(|t| t.contains("kolom `begindatum` ontbreekt")), "{text:#?}");
    }
}
