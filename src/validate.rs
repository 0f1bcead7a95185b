//! Validation across rows and files: unique ids, references to missions,
//! known templates, safe document ids, text and annex files that exist, and
//! text templates that parse. Every text template is loaded into the
//! [`TextEngine`] here, so rendering never touches the file system for them.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Component, Path, PathBuf};

use crate::docdata::{body_template, subject_template};
use crate::model::{Document, Model};
use crate::problem::{Location, MissionRef, Problem, Scope};
use crate::read::decode_text;
use crate::templates::Templates;
use crate::text::TextEngine;

/// Checks the model and loads its text templates; returns every problem.
pub fn validate(model: &Model, templates: &Templates, texts: &mut TextEngine) -> Vec<Problem> {
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
                    crate::tr!("missie `{}` komt meer dan eens voor", "mission `{}` occurs more than once", m.missie),
                    Scope::Mission(m.reference()),
                )
                .value(m.missie.clone())
                .hint(crate::tr!("geef elke missie een eigen id", "give every mission its own id")),
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
                problems.push(unknown_mission(sheet_loc(sheet, line, "missie"), missie, &missions, orphan));
            }
        }
    }

    for (key, sender) in &model.afzenders {
        let Some(logo) = &sender.logo else { continue };
        if let Err(why) = data_file(&model.base_dir, logo) {
            let sheet = if key.is_empty() { "Afzender".to_string() } else { format!("Afzender {key}") };
            problems.push(
                Problem::new(
                    Location {
                        file: model.source.clone(),
                        sheet: Some(sheet),
                        line: None,
                        column: Some("logo".into()),
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
    for doc in &model.documenten {
        let scope = Scope::Document(doc.line);
        if doc.document.is_empty() {
            // Reported by the loader: `document` is required.
        } else if let Err(why) = check_file_name(&doc.document) {
            problems.push(Problem::new(doc_loc(doc, "document"), why, scope.clone()).value(doc.document.clone()).hint(
                crate::tr!(
                    "gebruik letters, cijfers, `-`, `_` en `.`; het id wordt de bestandsnaam",
                    "use letters, digits, `-`, `_` and `.`; the id becomes the file name"
                ),
            ));
        }
        if let Some(first) = seen_docs.insert(doc.document.clone(), doc.line).filter(|_| !doc.document.is_empty()) {
            problems.push(
                Problem::new(
                    doc_loc(doc, "document"),
                    crate::tr!(
                        "document `{}` komt ook voor in rij {first}",
                        "document `{}` also occurs in row {first}",
                        doc.document
                    ),
                    scope.clone(),
                )
                .value(doc.document.clone())
                .hint(crate::tr!(
                    "elk document heeft een eigen id; het id wordt de bestandsnaam",
                    "every document has its own id; the id becomes the file name"
                )),
            );
        }
        if !doc.sjabloon.is_empty() && !known.contains(&doc.sjabloon) {
            problems.push(
                Problem::new(
                    doc_loc(doc, "sjabloon"),
                    crate::tr!("sjabloon `{}` bestaat niet", "template `{}` does not exist", doc.sjabloon),
                    scope.clone(),
                )
                .value(doc.sjabloon.clone())
                .hint(crate::tr!(
                    "beschikbare sjablonen: {}",
                    "available templates: {}",
                    known.iter().cloned().collect::<Vec<_>>().join(", ")
                )),
            );
        }
        if let Some(key) = &doc.afzender
            && !model.afzenders.contains_key(&crate::notation::match_key(key))
        {
            problems.push(
                Problem::new(
                    doc_loc(doc, "afzender"),
                    crate::tr!("er is geen blad `Afzender {key}`", "there is no sheet `Afzender {key}`"),
                    scope.clone(),
                )
                .value(key.clone())
                .hint(crate::tr!(
                    "voeg een blad `Afzender <naam>` toe met velden als het blad Afzender, of laat de cel leeg",
                    "add a sheet `Afzender <name>` with the fields of the Afzender sheet, or leave the cell empty"
                )),
            );
        }
        if let Some(missie) = &doc.missie
            && !missions.contains(missie.as_str())
        {
            problems.push(unknown_mission(doc_loc(doc, "missie"), missie, &missions, scope.clone()));
        }
        if doc.missie.is_none()
            && let Some(partner) = &doc.partner
            && !model
                .missies
                .iter()
                .any(|m| crate::notation::match_key(&m.partner) == crate::notation::match_key(partner))
        {
            let partners: BTreeSet<&str> = model.missies.iter().map(|m| m.partner.as_str()).collect();
            problems.push(
                Problem::new(
                    doc_loc(doc, "partner"),
                    crate::tr!("geen missie heeft partner `{partner}`", "no mission has partner `{partner}`"),
                    scope.clone(),
                )
                .value(partner.clone())
                .hint(crate::tr!(
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
                    crate::tr!("de periode eindigt voordat zij begint", "the period ends before it begins"),
                    scope.clone(),
                )
                .value(tot.format("%d-%m-%Y").to_string())
                .hint(crate::tr!(
                    "`van` is {}; `tot` moet op of na die datum liggen",
                    "`van` is {}; `tot` must be on or after that date",
                    van.format("%d-%m-%Y")
                )),
            );
        }
        for annex in doc.bijlagen.iter().filter(|b| crate::annex::is_pdf(b)) {
            let opened = data_file(&model.base_dir, annex)
                .and_then(|path| crate::annex::open(annex, &path).map(drop).map_err(|e| e.to_string()));
            if let Err(why) = opened {
                problems.push(Problem::new(doc_loc(doc, "bijlagen"), why, scope.clone()).value(annex.clone()));
            }
        }
        if doc.bijlagen.iter().any(|b| crate::annex::is_pdf(b)) {
            let merged = crate::annex::merged_name(&doc.document);
            if let Some(other) = model.documenten.iter().find(|d| format!("{}.pdf", d.document) == merged) {
                problems.push(
                    Problem::new(
                        doc_loc(other, "document"),
                        crate::tr!(
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
        if let Err(err) = texts.add(&subject_template(doc), &doc.onderwerp) {
            problems.push(crate::assess::text_problem(model, doc, err));
        }
        if let (Some(rel), Some(name)) = (&doc.tekst, body_template(doc)) {
            if loaded_texts.contains(&name) {
                continue;
            }
            match data_file(&model.base_dir, rel).and_then(|path| read_text(&path)) {
                Ok(source) => {
                    if let Err(err) = texts.add(&name, &source) {
                        problems.push(crate::assess::text_problem(model, doc, err));
                    } else {
                        loaded_texts.insert(name);
                    }
                }
                Err(why) => problems.push(Problem::new(doc_loc(doc, "tekst"), why, scope.clone()).value(rel.clone())),
            }
        }
    }
    problems
}

fn unknown_mission(location: Location, missie: &str, known: &BTreeSet<&str>, scope: Scope) -> Problem {
    let mut p = Problem::new(
        location,
        crate::tr!(
            "missie `{missie}` staat niet in het blad Missies",
            "mission `{missie}` is not in the Missies sheet"
        ),
        scope,
    )
    .value(missie);
    let close: Vec<&str> = known
        .iter()
        .filter(|k| k.eq_ignore_ascii_case(missie) || k.to_lowercase().contains(&missie.to_lowercase()))
        .copied()
        .collect();
    if !close.is_empty() {
        p.hint = Some(crate::tr!("bedoelt u `{}`?", "did you mean `{}`?", close.join("`, `")));
    }
    p
}

fn read_text(path: &Path) -> Result<String, String> {
    std::fs::read(path)
        .map(|bytes| decode_text(&bytes))
        .map_err(|e| crate::tr!("`{}` kan niet worden gelezen ({e})", "`{}` cannot be read ({e})", path.display()))
}

/// Resolves a path from the data (a text, logo or annex) inside the data
/// folder: absolute paths and `..` are refused, and so is a path that leaves
/// the folder through a symbolic link.
pub fn data_file(base: &Path, rel: &str) -> Result<PathBuf, String> {
    let rel_path = Path::new(rel);
    let inside = rel_path.components().all(|c| matches!(c, Component::Normal(_) | Component::CurDir));
    let outside = || crate::tr!("`{rel}` ligt buiten de map met gegevens", "`{rel}` lies outside the data folder");
    if !inside || rel.trim().is_empty() {
        return Err(outside());
    }
    let path = base.join(rel_path);
    if !path.is_file() {
        return Err(crate::tr!(
            "bestand `{rel}` bestaat niet (gezocht in `{}`)",
            "file `{rel}` does not exist (looked in `{}`)",
            base.display()
        ));
    }
    // Links followed: where the file really is must be inside the folder.
    let real_base = base.canonicalize().map_err(|_| outside())?;
    let real = path.canonicalize().map_err(|_| outside())?;
    if real.starts_with(&real_base) {
        Ok(real)
    } else {
        Err(crate::tr!(
            "`{rel}` verwijst naar `{}`, buiten de map met gegevens",
            "`{rel}` points to `{}`, outside the data folder",
            real.display()
        ))
    }
}

/// Checks that a document id is a safe, portable file name.
///
/// ```
/// use missiedocs::validate::check_file_name;
/// assert!(check_file_name("rib-2022-17761").is_ok());
/// assert!(check_file_name("../../x").is_err());
/// assert!(check_file_name("CON").is_err());
/// ```
pub fn check_file_name(id: &str) -> Result<(), String> {
    const RESERVED: [&str; 22] = [
        "con", "prn", "aux", "nul", "com1", "com2", "com3", "com4", "com5", "com6", "com7", "com8", "com9", "lpt1",
        "lpt2", "lpt3", "lpt4", "lpt5", "lpt6", "lpt7", "lpt8", "lpt9",
    ];
    let why = if id.is_empty() {
        Some(crate::tr!("het document-id is leeg", "the document id is empty"))
    } else if id.chars().count() > 120 {
        Some(crate::tr!("het document-id is langer dan 120 tekens", "the document id is longer than 120 characters"))
    } else if let Some(c) = id.chars().find(|c| !(c.is_alphanumeric() || matches!(c, '-' | '_' | '.' | ' '))) {
        Some(crate::tr!(
            "het document-id bevat het teken `{c}`, dat niet in een bestandsnaam mag",
            "the document id holds the character `{c}`, which a file name may not"
        ))
    } else if id.starts_with(['.', ' ']) || id.ends_with(['.', ' ']) {
        Some(crate::tr!(
            "een document-id begint of eindigt niet met een punt of spatie",
            "a document id does not start or end with a dot or space"
        ))
    } else if RESERVED.contains(&id.split('.').next().unwrap_or("").to_lowercase().as_str()) {
        Some(crate::tr!("`{id}` is een gereserveerde bestandsnaam", "`{id}` is a reserved file name"))
    } else if id.eq_ignore_ascii_case("manifest") {
        Some(crate::tr!("`manifest` is gereserveerd voor manifest.json", "`manifest` is reserved for manifest.json"))
    } else {
        None
    };
    match why {
        Some(why) => Err(why),
        None => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unsafe_ids() {
        for id in ["", "../../x", "a/b", "a\\b", "CON", "nul.txt", ".verborgen", "x ", "a:b", "a\u{0}b"] {
            assert!(check_file_name(id).is_err(), "{id:?}");
        }
        for id in ["rib-2022", "Memo 7", "evaluatie_2020.v2", "brief-é"] {
            assert!(check_file_name(id).is_ok(), "{id:?}");
        }
    }

    #[test]
    fn data_files_stay_inside() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("a.md"), "x").unwrap();
        assert!(data_file(dir.path(), "a.md").is_ok());
        assert!(data_file(dir.path(), "./a.md").is_ok());
        assert!(data_file(dir.path(), "../a.md").unwrap_err().contains("buiten"));
        assert!(data_file(dir.path(), "/etc/passwd").unwrap_err().contains("buiten"));
        assert!(data_file(dir.path(), "b.md").unwrap_err().contains("bestaat niet"));
        #[cfg(unix)]
        {
            let data = dir.path().join("gegevens");
            std::fs::create_dir(&data).unwrap();
            std::os::unix::fs::symlink("/etc/passwd", data.join("link.pdf")).unwrap();
            std::os::unix::fs::symlink(dir.path().join("a.md"), data.join("a.md")).unwrap();
            assert!(data_file(&data, "link.pdf").unwrap_err().contains("buiten de map"));
            assert!(data_file(&data, "a.md").unwrap_err().contains("buiten de map"));
        }
    }
}
