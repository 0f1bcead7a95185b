//! The `Afzender` sheet: a sender's fields, one per row (`veld`, `waarde`),
//! into an [`Afzender`], every problem with its row and the sender's scope.

use std::collections::BTreeMap;

use super::cells::{cell_json, headless, unreadable_cell};
use super::schema;
use super::workbook::{Cell, Sheet};
use crate::model::Afzender;
use crate::model::keys::{match_key, template_key};
use crate::model::problem::{Location, Problem, Scope};

/// The sender of an `Afzender` sheet under its sender `key`; its problems
/// go to `problems`.
pub(super) fn afzender(sheet: &Sheet, key: &str, problems: &mut Vec<Problem>) -> Afzender {
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
                crate::say!("kolommen `veld` en `waarde` ontbreken", "columns `veld` and `waarde` are missing"),
                scope,
            )
            .hint(crate::say!(
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
        if let Some(p) = unreadable_cell(loc(Some(row.line), Some(&value_header)), cell, scope.clone()) {
            problems.push(p);
            continue;
        }
        problems.extend(headless(sheet, row, &scope));
        if !field.is_empty()
            && let Some(first) = seen.insert(match_key(&field), row.line)
        {
            problems.push(
                Problem::new(
                    loc(Some(row.line), Some(&sheet.columns[key_col])),
                    crate::say!(
                        "het veld `{field}` staat ook in rij {first}",
                        "the field `{field}` is also in row {first}"
                    ),
                    scope.clone(),
                )
                .value(field.clone())
                .hint(crate::say!("houd één rij per veld", "keep one row per field")),
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
                                crate::say!("`{bad}` is geen kleur", "`{bad}` is not a colour"),
                                scope.clone(),
                            )
                            .value(bad)
                            .hint(crate::say!(
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
                            crate::say!(
                                "de waarde `{}` heeft geen veldnaam",
                                "the value `{}` has no field name",
                                cell.display()
                            ),
                            scope.clone(),
                        )
                        .value(cell.display())
                        .hint(crate::say!(
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
                crate::say!("de naam van de afzender ontbreekt", "the sender's name is missing"),
                scope,
            )
            .hint(crate::say!(
                "voeg een rij toe met veld `naam` en als waarde bijvoorbeeld `Gemeente Maastricht`",
                "add a row with field `naam` and a value such as `Gemeente Maastricht`"
            )),
        );
    }
    a
}

/// Whether a text is a colour as the templates take it: `#rrggbb` or `#rgb`.
fn is_colour(text: &str) -> bool {
    text.strip_prefix('#').is_some_and(|hex| matches!(hex.len(), 3 | 6) && hex.bytes().all(|b| b.is_ascii_hexdigit()))
}
