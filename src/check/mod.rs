//! Validation across rows and files: unique ids, references to missions,
//! known templates, safe document ids, text and annex files that exist, and
//! text templates that parse. Every text template is loaded into the
//! [`TextEngine`] here, so rendering never touches the file system for them.

pub mod assess;
pub mod fit;
pub mod glyphs;
mod texts;

use std::collections::{BTreeMap, BTreeSet};

use crate::document::text::{TextEngine, body_template, subject_template};
use crate::error::describe;
use crate::input::files::{data_file, picture};
use crate::lang::Lang;
use crate::model::problem::{Location, MissionRef, Problem, Scope};
use crate::model::{Document, DocumentKind, Model};
use crate::tr;
use crate::typeset::templates::Templates;

/// Checks the model and loads its text templates; returns every problem.
pub fn validate(model: &Model, templates: &Templates, texts: &mut TextEngine, lang: Lang) -> Vec<Problem> {
    let mut problems = Vec::new();
    let sheet_loc = |sheet: &str, line: usize, column: &str| model.location(sheet, line, column);
    let doc_loc = |doc: &Document, column: &str| model.location("documenten", doc.line, column);

    let missions: BTreeSet<&str> = model.mission_ids.iter().map(String::as_str).collect();
    let mut seen_missions = BTreeSet::new();
    for m in &model.missies {
        if !seen_missions.insert(m.missie.as_str()) {
            problems.push(
                Problem::new(
                    sheet_loc("missies", m.line, "missie"),
                    tr!(lang, "missie `{}` komt meer dan eens voor", "mission `{}` occurs more than once", m.missie),
                    Scope::Mission(m.reference()),
                )
                .value(m.missie.clone())
                .hint(tr!(lang, "geef elke missie een eigen id", "give every mission its own id")),
            );
        }
    }
    for (sheet, rows) in [
        ("deelnemers", model.deelnemers.iter().map(|d| (&d.missie, d.line)).collect::<Vec<_>>()),
        ("resultaten", model.resultaten.iter().map(|r| (&r.missie, r.line)).collect()),
    ] {
        for (missie, line) in rows {
            // Left out of every count, the row may belong to any partner's figures.
            let orphan = Scope::Mission(MissionRef { id: Some(missie.clone()), ..MissionRef::default() });
            if !missions.contains(missie.as_str()) {
                problems.push(unknown_mission(sheet_loc(sheet, line, "missie"), missie, &missions, orphan, lang));
            }
        }
    }

    for (key, sender) in &model.afzenders {
        let Some(logo) = &sender.logo else { continue };
        // A logo is a picture read completely, as Typst will print it, or
        // a PDF (which Typst places as a picture too).
        let read =
            data_file(&model.base_dir, logo, lang).map_err(|why| why.to_string()).and_then(|path| match starts_as_pdf(
                &path,
            ) {
                true => Ok(()),
                false => picture(&model.base_dir, logo, lang).map(drop).map_err(|why| describe(&why, lang)),
            });
        if let Err(why) = read {
            // The cell: the `logo` row's value, in the sender's own sheet and file.
            problems.push(
                Problem::new(
                    Location {
                        file: sender.file.clone(),
                        sheet: Some(sender.sheet.clone()),
                        line: sender.rows.get("logo").copied(),
                        column: Some(sender.value_header.clone()),
                        passage: None,
                    },
                    why,
                    Scope::Sender(key.clone()),
                )
                .value(logo.clone()),
            );
        }
    }

    let mut seen_docs = BTreeMap::new();
    let mut loaded_texts = BTreeSet::new();
    let known = templates.names();
    let mut rows_seen = BTreeSet::new();
    for doc in &model.documenten {
        // A row spread over its mission's members is checked once, by its own id.
        if !rows_seen.insert(doc.line) {
            continue;
        }
        let id = doc.row_id.as_ref().unwrap_or(&doc.document);
        let scope = Scope::Document(doc.line);
        if id.is_empty() {
            // Reported by the loader: `document` is required.
        } else if let Some(why) = unsafe_file_name(id, lang) {
            problems.push(Problem::new(doc_loc(doc, "document"), why, scope.clone()).value(id.clone()).hint(tr!(
                lang,
                "gebruik letters, cijfers, `-`, `_` en `.`; het id wordt de bestandsnaam",
                "use letters, digits, `-`, `_` and `.`; the id becomes the file name"
            )));
        }
        // Ids that differ only in capitals name one file on Windows and macOS.
        if let Some((first, first_id)) =
            seen_docs.insert(id.to_lowercase(), (doc.line, id.clone())).filter(|_| !id.is_empty())
        {
            let message = match first_id == *id {
                true => tr!(
                    lang,
                    "document `{}` komt ook voor in rij {first}",
                    "document `{}` also occurs in row {first}",
                    id
                ),
                false => tr!(
                    lang,
                    "document `{}` komt ook voor in rij {first}, als `{first_id}`: alleen hoofdletters verschillen, \
                     en op Windows en macOS is dat één bestand",
                    "document `{}` also occurs in row {first}, as `{first_id}`: only capitals differ, and on Windows \
                     and macOS that is one file",
                    id
                ),
            };
            problems.push(Problem::new(doc_loc(doc, "document"), message, scope.clone()).value(id.clone()).hint(tr!(
                lang,
                "elk document heeft een eigen id; het id wordt de bestandsnaam",
                "every document has its own id; the id becomes the file name"
            )));
        }
        if doc.kind.addressed_to_one() && !doc.per_deelnemer && doc.aan.is_none() {
            problems.push(
                Problem::new(
                    doc_loc(doc, "aan"),
                    tr!(lang, "een uitgaande brief heeft een geadresseerde, maar `aan` is leeg", "an outgoing letter has an addressee, but `aan` is blank"),
                    scope.clone(),
                )
                .hint(tr!(
                    lang,
                    "schrijf naam en adres in `aan` (regels gescheiden door `;`), of zet `per` op `deelnemer` voor een brief aan elke deelnemer",
                    "write name and address in `aan` (lines separated by `;`), or set `per` to `deelnemer` for a letter to every member"
                )),
            );
        }
        if !doc.sjabloon.is_empty() && !known.contains(&doc.sjabloon) {
            problems.push(
                Problem::new(
                    doc_loc(doc, "sjabloon"),
                    tr!(lang, "sjabloon `{}` bestaat niet", "template `{}` does not exist", doc.sjabloon),
                    scope.clone(),
                )
                .value(doc.sjabloon.clone())
                .hint(tr!(
                    lang,
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
                    tr!(
                        lang,
                        "sjabloon `{}` noemt als soort `{word}`, die niet bestaat (in `{file}`)",
                        "template `{}` declares the kind `{word}`, which does not exist (in `{file}`)",
                        doc.sjabloon
                    ),
                    scope.clone(),
                )
                .value(doc.sjabloon.clone())
                .hint(tr!(
                    lang,
                    "schrijf bovenaan het sjabloon `// soort: ` met een van: {}",
                    "write `// soort: ` at the top of the template with one of: {}",
                    DocumentKind::names()
                )),
            );
        }
        if let Some(key) = &doc.afzender
            && !model.afzenders.contains_key(&crate::model::keys::match_key(key))
        {
            problems.push(
                Problem::new(
                    doc_loc(doc, "afzender"),
                    tr!(lang, "er is geen blad `Afzender {key}`", "there is no sheet `Afzender {key}`"),
                    scope.clone(),
                )
                .value(key.clone())
                .hint(tr!(
                    lang,
                    "voeg een blad `Afzender <naam>` toe met velden als het blad Afzender, of laat de cel leeg",
                    "add a sheet `Afzender <name>` with the fields of the Afzender sheet, or leave the cell empty"
                )),
            );
        }
        if let Some(missie) = &doc.missie
            && !missions.contains(missie.as_str())
        {
            problems.push(unknown_mission(doc_loc(doc, "missie"), missie, &missions, scope.clone(), lang));
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
                    tr!(lang, "geen missie heeft partner `{partner}`", "no mission has partner `{partner}`"),
                    scope.clone(),
                )
                .value(partner.clone())
                .hint(tr!(
                    lang,
                    "partners in het blad Missies: {}",
                    "partners in the Missies sheet: {}",
                    partners.into_iter().collect::<Vec<_>>().join(", ")
                )),
            );
        }
        if let (Some(van), Some(tot)) = (doc.van, doc.tot)
            && van > tot
        {
            problems.push(
                Problem::new(
                    doc_loc(doc, "tot"),
                    tr!(lang, "de periode eindigt voordat zij begint", "the period ends before it begins"),
                    scope.clone(),
                )
                .value(tot.format("%d-%m-%Y").to_string())
                .hint(tr!(
                    lang,
                    "`van` is {}; `tot` moet op of na die datum liggen",
                    "`van` is {}; `tot` must be on or after that date",
                    van.format("%d-%m-%Y")
                )),
            );
        }
        if let Some(signature) = &doc.handtekening
            && let Err(why) = picture(&model.base_dir, signature, lang)
        {
            problems.push(
                Problem::new(doc_loc(doc, "handtekening"), describe(&why, lang), scope.clone())
                    .value(signature.clone())
                    .hint(tr!(
                        lang,
                        "een handtekening is een afbeelding (PNG, SVG, JPEG) in de map met gegevens",
                        "a signature is a picture (PNG, SVG, JPEG) in the data folder"
                    )),
            );
        }
        for annex in doc.bijlagen.iter().filter(|b| crate::output::annex::is_pdf(b)) {
            let opened = match data_file(&model.base_dir, annex, lang) {
                Ok(path) => crate::output::annex::open(annex, &path, lang).map(drop).map_err(|e| describe(&e, lang)),
                Err(e) => Err(describe(&e, lang)),
            };
            if let Err(why) = opened {
                problems.push(Problem::new(doc_loc(doc, "bijlagen"), why, scope.clone()).value(annex.clone()));
            }
        }
        if doc.bijlagen.iter().any(|b| crate::output::annex::is_pdf(b)) {
            let merged = crate::output::annex::merged_name(&doc.document);
            if let Some(other) = model.documenten.iter().find(|d| format!("{}.pdf", d.document) == merged) {
                problems.push(
                    Problem::new(
                        doc_loc(other, "document"),
                        tr!(
                            lang,
                            "`{merged}` is al de naam van `{}` met zijn bijlagen",
                            "`{merged}` is already the name of `{}` with its annexes",
                            doc.document
                        ),
                        Scope::Document(other.line),
                    )
                    .value(other.document.clone()),
                );
            }
        }
        // Rows with the same subject share its template; one that failed
        // was not added, so each of its rows meets the error.
        let subject = subject_template(doc);
        if !texts.has(&subject)
            && let Err(err) = texts.add(&subject, &doc.onderwerp)
        {
            problems.push(assess::text_problem(model, doc, texts, err));
        }
        if let (Some(rel), Some(name)) = (&doc.tekst, body_template(doc)) {
            if loaded_texts.contains(&name) {
                continue;
            }
            let path = match data_file(&model.base_dir, rel, lang) {
                Ok(path) => path,
                Err(why) => {
                    problems.push(
                        Problem::new(doc_loc(doc, "tekst"), describe(&why, lang), scope.clone()).value(rel.clone()),
                    );
                    continue;
                }
            };
            match texts::load(texts, &name, rel, &path, lang) {
                Ok(()) => {
                    loaded_texts.insert(name);
                }
                Err(texts::LoadError::Text(err)) => problems.push(assess::text_problem(model, doc, texts, err)),
                Err(texts::LoadError::File(message, hint)) => problems
                    .push(Problem::new(doc_loc(doc, "tekst"), message, scope.clone()).value(rel.clone()).hint(hint)),
                Err(texts::LoadError::Refused(message, hint)) => problems.push(
                    Problem::new(
                        Location { file: model.base_dir.join(rel), ..Location::default() },
                        message,
                        scope.clone(),
                    )
                    .hint(hint),
                ),
            }
        }
    }
    problems.extend(addresses(model, lang));
    Problem::all_in(&mut problems, lang);
    problems
}

/// Whether a file starts as a PDF does.
fn starts_as_pdf(path: &std::path::Path) -> bool {
    let mut head = [0u8; 5];
    std::fs::File::open(path).and_then(|mut f| std::io::Read::read_exact(&mut f, &mut head)).is_ok()
        && &head == b"%PDF-"
}

/// A letter to one member prints the member's address: a blank street or
/// town (or a blank postcode at home) stops that member's letter only.
fn addresses(model: &Model, lang: Lang) -> Vec<Problem> {
    let mut problems = Vec::new();
    let mut seen = BTreeSet::new();
    for doc in &model.documenten {
        let Some(member) = doc.ontvanger.and_then(|i| model.deelnemers.get(i)) else { continue };
        if !seen.insert(member.line) {
            continue;
        }
        let abroad = member.abroad();
        let fields = [("adres", &member.adres), ("plaats", &member.plaats), ("postcode", &member.postcode)];
        for (column, value) in fields {
            if value.is_some() || (column == "postcode" && abroad) {
                continue;
            }
            problems.push(
                Problem::new(
                    model.location("deelnemers", member.line, column),
                    tr!(
                        lang,
                        "de brief aan {} (`{}`) drukt het adres af, maar `{column}` is leeg",
                        "the letter to {} (`{}`) prints the address, but `{column}` is blank",
                        member.naam,
                        doc.document
                    ),
                    Scope::Recipient(member.line),
                )
                .hint(tr!(
                    lang,
                    "vul het adres van de deelnemer in: `adres`, `postcode` en `plaats` (en `land` buiten Nederland)",
                    "fill in the member's address: `adres`, `postcode` and `plaats` (and `land` abroad)"
                )),
            );
        }
    }
    problems
}

fn unknown_mission(location: Location, missie: &str, known: &BTreeSet<&str>, scope: Scope, lang: Lang) -> Problem {
    let mut p = Problem::new(
        location,
        tr!(lang, "missie `{missie}` staat niet in het blad Missies", "mission `{missie}` is not in the Missies sheet"),
        scope,
    )
    .value(missie);
    let close: Vec<&str> = known
        .iter()
        .filter(|k| k.eq_ignore_ascii_case(missie) || k.to_lowercase().contains(&missie.to_lowercase()))
        .copied()
        .collect();
    if !close.is_empty() {
        p.hint = Some(tr!(lang, "bedoelt u `{}`?", "did you mean `{}`?", close.join("`, `")));
    }
    p
}

/// Why a document id is no safe, portable file name, if it is not.
///
/// ```
/// use missiedocs::check::unsafe_file_name;
/// use missiedocs::lang::Lang;
/// assert!(unsafe_file_name("rib-2022-17761", Lang::Nl).is_none());
/// assert!(unsafe_file_name("../../x", Lang::Nl).is_some());
/// assert!(unsafe_file_name("CON", Lang::Nl).is_some());
/// ```
pub fn unsafe_file_name(id: &str, lang: Lang) -> Option<String> {
    const RESERVED: [&str; 22] = [
        "con", "prn", "aux", "nul", "com1", "com2", "com3", "com4", "com5", "com6", "com7", "com8", "com9", "lpt1",
        "lpt2", "lpt3", "lpt4", "lpt5", "lpt6", "lpt7", "lpt8", "lpt9",
    ];
    if id.is_empty() {
        Some(tr!(lang, "het document-id is leeg", "the document id is empty"))
    } else if id.chars().count() > 120 {
        Some(tr!(lang, "het document-id is langer dan 120 tekens", "the document id is longer than 120 characters"))
    } else if let Some(c) = id.chars().find(|c| !(c.is_alphanumeric() || matches!(c, '-' | '_' | '.' | ' '))) {
        Some(tr!(
            lang,
            "het document-id bevat het teken `{c}`, dat niet in een bestandsnaam mag",
            "the document id holds the character `{c}`, which a file name may not"
        ))
    } else if id.starts_with(['.', ' ']) || id.ends_with(['.', ' ']) {
        Some(tr!(
            lang,
            "een document-id begint of eindigt niet met een punt of spatie",
            "a document id does not start or end with a dot or space"
        ))
    } else if RESERVED.contains(&id.split('.').next().unwrap_or("").to_lowercase().as_str()) {
        Some(tr!(lang, "`{id}` is een gereserveerde bestandsnaam", "`{id}` is a reserved file name"))
    } else if id.eq_ignore_ascii_case("manifest") {
        Some(tr!(lang, "`manifest` is gereserveerd voor manifest.json", "`manifest` is reserved for manifest.json"))
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unsafe_ids() {
        for id in ["", "../../x", "a/b", "a\\b", "CON", "nul.txt", ".verborgen", "x ", "a:b", "a\u{0}b"] {
            assert!(unsafe_file_name(id, Lang::Nl).is_some(), "{id:?}");
        }
        for id in ["rib-2022", "Memo 7", "evaluatie_2020.v2", "brief-é"] {
            assert!(unsafe_file_name(id, Lang::Nl).is_none(), "{id:?}");
        }
    }
}
