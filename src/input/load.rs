//! Loading the model from a workbook: each contract sheet row by row, cell
//! by cell, every problem collected with the scope of what it is in.

use std::collections::BTreeMap;

use serde_json::Value as Json;

use super::rows::*;
use crate::input::schema::{self};
use crate::input::{Cell, Row, Sheet, Workbook};
use crate::lang::Lang;
use crate::model::keys::{match_key, template_key};
use crate::model::problem::{Location, MissionRef, Problem, Scope};
use crate::model::*;
use crate::tr;

/// Builds the model from a workbook, collecting every problem. A row with
/// a problem is left out of the model (a document's row stays, so it is
/// accounted for); its problem blocks every document that uses it.
pub fn load(book: &Workbook, lang: Lang) -> (Model, Vec<Problem>) {
    let mut problems = Vec::new();
    let mut model = Model { source: book.path.clone(), base_dir: book.base_dir(), ..Model::default() };
    for def in schema::SHEETS {
        let present = book.sheets.iter().any(|s| schema::sheet(&s.name).is_some_and(|d| d.key == def.key));
        if !present {
            let found: Vec<&str> = book.sheets.iter().map(|s| s.name.as_str()).collect();
            problems.push(
                Problem::new(
                    Location { file: book.path.clone(), ..Location::default() },
                    tr!(lang, "blad `{}` ontbreekt", "sheet `{}` is missing", def.name),
                    match def.key {
                        "deelnemers" | "resultaten" => Scope::MissingRows(def.key.to_string()),
                        _ => Scope::All,
                    },
                )
                .hint(match def.key {
                    // A letter counting members or results of a sheet that is not
                    // there would print a count of nothing as if it were zero.
                    "deelnemers" | "resultaten" => tr!(
                        lang,
                        "gevonden bladen: {}; zijn er geen, voeg het blad dan toe met alleen de kopregel",
                        "sheets found: {}; if there are none, add the sheet with only its header row",
                        found.join(", ")
                    ),
                    _ => tr!(lang, "gevonden bladen: {}", "sheets found: {}", found.join(", ")),
                }),
            );
        }
    }
    let mut missions = BTreeMap::<String, MissionRef>::new();
    for sheet in &book.sheets {
        match schema::sheet(&sheet.name) {
            Some(def) if def.key == "afzender" => {
                let key = schema::sender_key(&sheet.name).unwrap_or_default();
                let sender = afzender(sheet, &key, &mut problems, lang);
                model.afzenders.insert(key, sender);
            }
            Some(def) => {
                let rows = SheetRows::new(sheet, def, &mut problems, lang);
                let headers = rows.index.iter().map(|(k, &i)| (*k, sheet.columns[i].clone())).collect();
                model.sheets.insert(def.key, SheetInfo { file: sheet.file.clone(), name: sheet.name.clone(), headers });
                match def.key {
                    "missies" => {
                        for (id, found) in rows.collect(mission_ref, true, &mut Vec::new()) {
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
                        model.missies = rows.collect(missie, false, &mut problems);
                    }
                    "deelnemers" => model.deelnemers = rows.collect(deelnemer, false, &mut problems),
                    "resultaten" => model.resultaten = rows.collect(resultaat, false, &mut problems),
                    "documenten" => model.documenten = rows.collect(document, true, &mut problems),
                    _ => {}
                }
            }
            None => model.tabellen.push(table(sheet, &mut problems, lang)),
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
    problems.extend(crate::model::recipients::spread(&mut model, lang));
    Problem::all_in(&mut problems, lang);
    (model, problems)
}

/// Whether a text is a colour as the templates take it: `#rrggbb` or `#rgb`.
fn is_colour(text: &str) -> bool {
    text.strip_prefix('#').is_some_and(|hex| matches!(hex.len(), 3 | 6) && hex.bytes().all(|b| b.is_ascii_hexdigit()))
}

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
pub(super) fn unreadable_cell(location: Location, cell: &Cell, scope: Scope, lang: Lang) -> Option<Problem> {
    let (message, hint) = cell.unreadable(lang)?;
    Some(Problem::new(location, message, scope).value(cell.display()).hint(hint))
}

fn table(sheet: &Sheet, problems: &mut Vec<Problem>, lang: Lang) -> Table {
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
    for row in &sheet.rows {
        let mut values = BTreeMap::new();
        for (i, cell) in row.cells.iter().enumerate() {
            if let Some(p) = unreadable_cell(place(row.line, sheet.columns.get(i)), cell, scope.clone(), lang) {
                problems.push(p);
            }
        }
        problems.extend(headless(sheet, row, &scope, lang));
        values.extend(sleutels.iter().zip(&row.cells).map(|(k, c)| (k.clone(), cell_json(c))));
        values.insert(origin::KEY.to_string(), origin::table(&sleutel, row.line));
        rijen.push(values);
    }
    Table {
        naam: sheet.name.clone(),
        sleutel,
        kolommen: sheet.columns.clone(),
        sleutels,
        rijen,
        file: sheet.file.clone(),
    }
}

/// A value in a column without a heading: it has no name, so no template
/// could reach it, and it must not vanish unseen.
pub(super) fn headless(sheet: &Sheet, row: &Row, scope: &Scope, lang: Lang) -> Option<Problem> {
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
                column: Some(tr!(lang, "{} (zonder kop)", "{} (no heading)", column_letters(sheet.left + i))),
                passage: None,
            },
            tr!(
                lang,
                "de waarde `{}` staat in een kolom zonder kop",
                "the value `{}` is in a column without a heading",
                cell.display()
            ),
            scope.clone(),
        )
        .value(cell.display())
        .hint(tr!(
            lang,
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

fn afzender(sheet: &Sheet, key: &str, problems: &mut Vec<Problem>, lang: Lang) -> Afzender {
    let scope = Scope::Sender(key.to_string());
    let loc = |line: Option<usize>, column: Option<&str>| Location {
        file: sheet.file.clone(),
        sheet: Some(sheet.name.clone()),
        line,
        column: column.map(str::to_string),
        passage: None,
    };
    let key_col = sheet.columns.iter().position(|c| match_key(c) == "veld");
    let value_col = sheet.columns.iter().position(|c| match_key(c) == "waarde");
    let mut a = Afzender { sheet: sheet.name.clone(), ..Afzender::default() };
    let (Some(key_col), Some(value_col)) = (key_col, value_col) else {
        problems.push(
            Problem::new(
                loc(Some(sheet.header_line), None),
                tr!(lang, "kolommen `veld` en `waarde` ontbreken", "columns `veld` and `waarde` are missing"),
                scope,
            )
            .hint(tr!(
                lang,
                "het blad Afzender heeft twee kolommen: `veld` (naam, plaats, …) en `waarde`",
                "the Afzender sheet has two columns: `veld` (naam, plaats, …) and `waarde`"
            )),
        );
        return a;
    };
    let value_header = sheet.columns[value_col].clone();
    a.value_header = value_header.clone();
    a.file = sheet.file.clone();
    let mut naam_line = None;
    let mut seen = BTreeMap::<String, usize>::new();
    for row in &sheet.rows {
        let field = row.cells.get(key_col).map(Cell::display).unwrap_or_default();
        let cell = row.cells.get(value_col).unwrap_or(&Cell::Empty);
        if let Some(p) = unreadable_cell(loc(Some(row.line), Some(&value_header)), cell, scope.clone(), lang) {
            problems.push(p);
            continue;
        }
        problems.extend(headless(sheet, row, &scope, lang));
        if !field.is_empty()
            && let Some(first) = seen.insert(match_key(&field), row.line)
        {
            problems.push(
                Problem::new(
                    loc(Some(row.line), Some(&sheet.columns[key_col])),
                    tr!(
                        lang,
                        "het veld `{field}` staat ook in rij {first}",
                        "the field `{field}` is also in row {first}"
                    ),
                    scope.clone(),
                )
                .value(field.clone())
                .hint(tr!(lang, "houd één rij per veld", "keep one row per field")),
            );
        }
        let value = Some(cell.display()).filter(|v| !v.is_empty());
        let known = schema::AFZENDER_FIELDS.iter().find(|f| match_key(f.key) == match_key(&field));
        if !field.is_empty() {
            a.rows.insert(known.map_or_else(|| template_key(&field), |f| f.key.to_string()), row.line);
        }
        let slot = match known {
            Some(f) => match f.key {
                "naam" => {
                    naam_line = Some(row.line);
                    a.naam = value.unwrap_or_default();
                    continue;
                }
                "soort" => &mut a.soort,
                "plaats" => &mut a.plaats,
                "retouradres" => &mut a.retouradres,
                "bezoekadres" => &mut a.bezoekadres,
                "postadres" => &mut a.postadres,
                "telefoon" => &mut a.telefoon,
                "website" => &mut a.website,
                "tooi" => &mut a.tooi,
                "lettertype" => &mut a.lettertype,
                "kleur" => {
                    match value.as_deref().filter(|v| !is_colour(v)) {
                        Some(bad) => problems.push(
                            Problem::new(
                                loc(Some(row.line), Some(&value_header)),
                                tr!(lang, "`{bad}` is geen kleur", "`{bad}` is not a colour"),
                                scope.clone(),
                            )
                            .value(bad)
                            .hint(tr!(
                                lang,
                                "schrijf de kleur als #rrggbb, bijvoorbeeld #154273",
                                "write the colour as #rrggbb, for example #154273"
                            )),
                        ),
                        None => a.kleur = value,
                    }
                    continue;
                }
                _ => &mut a.logo,
            },
            None => {
                if !field.is_empty() {
                    a.extra.insert(template_key(&field), cell_json(cell));
                } else if !cell.is_empty() {
                    problems.push(
                        Problem::new(
                            loc(Some(row.line), Some(&sheet.columns[key_col])),
                            tr!(
                                lang,
                                "de waarde `{}` heeft geen veldnaam",
                                "the value `{}` has no field name",
                                cell.display()
                            ),
                            scope.clone(),
                        )
                        .value(cell.display())
                        .hint(tr!(
                            lang,
                            "schrijf in de kolom `veld` welk gegeven het is (naam, plaats, telefoon, …)",
                            "write in the column `veld` what it is (naam, plaats, telefoon, …)"
                        )),
                    );
                }
                continue;
            }
        };
        *slot = value;
    }
    if a.naam.is_empty() {
        problems.push(
            Problem::new(
                loc(naam_line, Some("waarde")),
                tr!(lang, "de naam van de afzender ontbreekt", "the sender's name is missing"),
                scope,
            )
            .hint(tr!(
                lang,
                "voeg een rij toe met veld `naam` en als waarde bijvoorbeeld `Gemeente Maastricht`",
                "add a row with field `naam` and a value such as `Gemeente Maastricht`"
            )),
        );
    }
    a
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
        let (model, problems) = load(&book, Lang::Nl);
        let lines: Vec<String> = problems.iter().map(|p| p.to_string()).collect();
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
        let (_, problems) = load(&book, Lang::Nl);
        let text: Vec<String> = problems.iter().map(|p| p.to_string()).collect();
        assert!(text.iter().any(|t| t.contains("blad `Afzender` ontbreekt")), "{text:#?}");
        assert!(text.iter().any(|t| t.contains("kolom `begindatum` ontbreekt")), "{text:#?}");
    }
}
