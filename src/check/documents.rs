//! What a row of Documenten refers to: an addressee where the kind needs
//! one, a template that exists and declares a kind that does, a sender
//! sheet, a mission, a partner, and a period that ends after it begins.

use std::collections::BTreeSet;

use crate::model::problem::{Problem, Scope};
use crate::model::{Document, DocumentKind, Model};
use crate::typeset::templates::Templates;

use super::missions::unknown_mission;

/// The problems of what a row refers to; `known` are the templates there
/// are, `missions` the mission ids.
pub(super) fn references(
    model: &Model,
    templates: &Templates,
    known: &BTreeSet<String>,
    missions: &BTreeSet<&str>,
    doc: &Document,
) -> Vec<Problem> {
    let mut problems = addressee(model, doc);
    problems.extend(template(model, templates, known, doc));
    problems.extend(sender(model, doc));
    problems.extend(mission(model, missions, doc));
    problems.extend(period(model, doc));
    problems
}

/// A kind addressed to one needs `aan`, or a letter to every member.
fn addressee(model: &Model, doc: &Document) -> Vec<Problem> {
    let doc_loc = |doc: &Document, column: &str| model.location("documenten", doc.line, column);
    let scope = Scope::Document(doc.line);
    let mut problems = Vec::new();
    if doc.kind.addressed_to_one() && !doc.per_deelnemer && doc.aan.is_none() {
        problems.push(
            Problem::new(
                doc_loc(doc, "aan"),
                crate::say!("een uitgaande brief heeft een geadresseerde, maar `aan` is leeg", "an outgoing letter has an addressee, but `aan` is blank"),
                scope.clone(),
            )
            .hint(crate::say!("schrijf naam en adres in `aan` (regels gescheiden door `;`), of zet `per` op `deelnemer` voor een brief aan elke deelnemer",
                "write name and address in `aan` (lines separated by `;`), or set `per` to `deelnemer` for a letter to every member"
            )),
        );
    }
    problems
}

/// The template exists, and the kind it declares does.
fn template(model: &Model, templates: &Templates, known: &BTreeSet<String>, doc: &Document) -> Vec<Problem> {
    let doc_loc = |doc: &Document, column: &str| model.location("documenten", doc.line, column);
    let scope = Scope::Document(doc.line);
    let mut problems = Vec::new();
    if !doc.sjabloon.is_empty() && !known.contains(&doc.sjabloon) {
        problems.push(
            Problem::new(
                doc_loc(doc, "sjabloon"),
                crate::say!("sjabloon `{}` bestaat niet", "template `{}` does not exist", doc.sjabloon),
                scope.clone(),
            )
            .value(doc.sjabloon.clone())
            .hint(crate::say!(
                "beschikbare sjablonen: {}",
                "available templates: {}",
                known.iter().cloned().collect::<Vec<_>>().join(", ")
            )),
        );
    }
    if let Some(word) = templates.declared_kind(&doc.sjabloon)
        && DocumentKind::parse(&word).is_none()
    {
        let file = templates.origin(&format!("{}.typ", doc.sjabloon)).unwrap_or_default();
        problems.push(
            Problem::new(
                doc_loc(doc, "sjabloon"),
                crate::say!(
                    "sjabloon `{}` noemt als soort `{word}`, die niet bestaat (in `{file}`)",
                    "template `{}` declares the kind `{word}`, which does not exist (in `{file}`)",
                    doc.sjabloon
                ),
                scope.clone(),
            )
            .value(doc.sjabloon.clone())
            .hint(crate::say!(
                "schrijf bovenaan het sjabloon `// soort: ` met een van: {}",
                "write `// soort: ` at the top of the template with one of: {}",
                DocumentKind::names()
            )),
        );
    }
    problems
}

/// A named sender has its sheet.
fn sender(model: &Model, doc: &Document) -> Vec<Problem> {
    let doc_loc = |doc: &Document, column: &str| model.location("documenten", doc.line, column);
    let scope = Scope::Document(doc.line);
    let mut problems = Vec::new();
    if let Some(key) = &doc.afzender
        && !model.afzenders.contains_key(&crate::model::keys::match_key(key))
    {
        problems.push(
            Problem::new(
                doc_loc(doc, "afzender"),
                crate::say!("er is geen blad `Afzender {key}`", "there is no sheet `Afzender {key}`"),
                scope.clone(),
            )
            .value(key.clone())
            .hint(crate::say!(
                "voeg een blad `Afzender <naam>` toe met velden als het blad Afzender, of laat de cel leeg",
                "add a sheet `Afzender <name>` with the fields of the Afzender sheet, or leave the cell empty"
            )),
        );
    }
    problems
}

/// The mission exists; a partner without a mission is some mission's partner.
fn mission(model: &Model, missions: &BTreeSet<&str>, doc: &Document) -> Vec<Problem> {
    let doc_loc = |doc: &Document, column: &str| model.location("documenten", doc.line, column);
    let scope = Scope::Document(doc.line);
    let mut problems = Vec::new();
    if let Some(missie) = &doc.missie
        && !missions.contains(missie.as_str())
    {
        problems.push(unknown_mission(doc_loc(doc, "missie"), missie, missions, scope.clone()));
    }
    if doc.missie.is_none()
        && let Some(partner) = &doc.partner
        && !model
            .missies
            .iter()
            .any(|m| crate::model::keys::match_key(&m.partner) == crate::model::keys::match_key(partner))
    {
        let partners: BTreeSet<&str> = model.missies.iter().map(|m| m.partner.as_str()).collect();
        problems.push(
            Problem::new(
                doc_loc(doc, "partner"),
                crate::say!("geen missie heeft partner `{partner}`", "no mission has partner `{partner}`"),
                scope.clone(),
            )
            .value(partner.clone())
            .hint(crate::say!(
                "partners in het blad Missies: {}",
                "partners in the Missies sheet: {}",
                partners.iter().copied().collect::<Vec<_>>().join(", ")
            )),
        );
    }
    problems
}

/// A period ends on or after its start.
fn period(model: &Model, doc: &Document) -> Vec<Problem> {
    let doc_loc = |doc: &Document, column: &str| model.location("documenten", doc.line, column);
    let scope = Scope::Document(doc.line);
    let mut problems = Vec::new();
    if let (Some(van), Some(tot)) = (doc.van, doc.tot)
        && van > tot
    {
        problems.push(
            Problem::new(
                doc_loc(doc, "tot"),
                crate::say!("de periode eindigt voordat zij begint", "the period ends before it begins"),
                scope.clone(),
            )
            .value(tot.format("%d-%m-%Y").to_string())
            .hint(crate::say!(
                "`van` is {}; `tot` moet op of na die datum liggen",
                "`van` is {}; `tot` must be on or after that date",
                van.format("%d-%m-%Y")
            )),
        );
    }
    problems
}
