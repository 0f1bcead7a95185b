//! `missiedocs init`: the folder it makes renders as it is, its copied
//! templates override the built-in ones, it never overwrites anything, and its
//! workbook has the drop-down lists and formats.

use std::collections::BTreeMap;
use std::io::Read;
use std::path::{Path, PathBuf};

use crate::support::{assert_holds, assert_stderr, manifest, missiedocs, pdf_text};
use missiedocs::cli::init::{InitError, init};
use missiedocs::input::schema;

/// A temporary folder and, inside it, the (not yet existing) init folder.
fn workspace() -> (tempfile::TempDir, PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("voorbeeldstad");
    (tmp, dir)
}

/// Every file under a folder with its contents, by path relative to it.
fn snapshot(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    let mut files = BTreeMap::new();
    let mut todo = vec![dir.to_path_buf()];
    while let Some(folder) = todo.pop() {
        for entry in std::fs::read_dir(&folder).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                todo.push(path);
            } else {
                files.insert(path.strip_prefix(dir).unwrap().to_path_buf(), std::fs::read(&path).unwrap());
            }
        }
    }
    files
}

/// The document ids of the workbook's Documenten sheet.
fn document_ids(workbook: &Path) -> Vec<String> {
    let book = missiedocs::input::read(workbook).unwrap();
    let (model, problems) = missiedocs::input::load(&book, &missiedocs::model::DocumentKind::from_name);
    assert!(problems.is_empty(), "{problems:?}");
    model.documenten.iter().map(|d| d.document.clone()).collect()
}

#[test]
fn init_then_render_makes_every_document_from_the_folder() {
    let (tmp, dir) = workspace();
    let written = init(&dir).unwrap();
    assert_eq!(written.first(), Some(&dir.join("missies.xlsx")));
    assert_eq!(written.last(), Some(&dir.join("LEESMIJ.md")));
    for (rel, _) in missiedocs::typeset::templates::BUILTIN {
        assert!(written.contains(&dir.join("sjablonen").join(rel)), "sjablonen/{rel} is written");
    }
    assert_eq!(snapshot(&dir).len(), written.len(), "init writes exactly the files it reports");
    assert_eq!(
        missiedocs::input::files::template_folder(&dir.join("missies.xlsx"), None),
        Some(dir.join("sjablonen")),
        "the copied templates are found next to the data"
    );

    let check = missiedocs(tmp.path(), &["check", "--data", "voorbeeldstad/missies.xlsx"]);
    assert_eq!(check.code, 0, "{}", check.stderr);
    assert_stderr(&check, &["geen problemen gevonden in voorbeeldstad/missies.xlsx (6 documenten)"]);

    let ran = missiedocs(tmp.path(), &["render", "--data", "voorbeeldstad/missies.xlsx", "--out", "uit", "--quiet"]);
    assert_eq!(ran.code, 0, "{}", ran.stderr);
    let out = tmp.path().join("uit");
    let manifest = manifest(&out);
    let entries = manifest["documenten"].as_array().unwrap();
    let ids = document_ids(&dir.join("missies.xlsx"));
    // Three rows, one of them a letter to each of the mission's two members, and an English letter.
    assert_eq!(ids.len(), 6);
    assert_eq!(entries.len(), ids.len());
    for id in &ids {
        let entry = entries.iter().find(|e| e["document"] == id.as_str()).unwrap_or_else(|| panic!("{id} made"));
        assert_eq!(entry["status"], "ok", "{entry}");
        assert!(out.join(format!("{id}.pdf")).is_file(), "{id}.pdf exists");
    }

    let letter = pdf_text(&out.join("rib-2024-handelsmissie-tartu.pdf"));
    assert_holds(
        "letter",
        &letter,
        &[
            "Gemeente Voorbeeldstad",
            "Raadsinformatiebrief",
            "RETOURADRES Postbus 1000, 1234 AB Voorbeeldstad",
            "ONDERWERP Handelsmissie Tartu: resultaten",
            "DATUM 8 oktober 2024",
            "Geachte raadsleden,",
            "16 september 2024 tot en met 19 september 2024",
            "Tartu en Tallinn (Estland)",
            "M. Jansen (Hogeschool Voorbeeldstad)",
            "Investeringen: Vestiging van het Europese ontwikkelcentrum van softwarebedrijf Nordcode in Voorbeeldstad",
            "€ 2.500.000, 35 banen",
            "Onderwijs: Uitwisselingsprogramma",
            "€ 18.500",
            "A. de Vries Burgemeester",
            "Programma handelsmissie Tartu",
        ],
    );
    let memo = pdf_text(&out.join("memo-2025-ontvangst-tartu.pdf"));
    assert_holds(
        "memo",
        &memo,
        &[
            "Collegememo",
            "ONDERWERP Ontvangst delegatie Tartu 10 maart 2025",
            "burgemeester K. Mets",
            // The memo's text is the Word document init wrote.
            "Programma",
            "Dag 1: ontvangst op het stadhuis",
            "Duurzaamheid: Samenwerking bij de aanleg van warmtenetten (ondertekening op 11 maart 2025)",
            "J. Bakker Wethouder Economie",
        ],
    );
    let thanks = pdf_text(&out.join("bedankt-2024-handelsmissie-tartu-m-jansen.pdf"));
    assert_holds(
        "thank-you letter",
        &thanks,
        &[
            "M. Jansen Hogeschool Voorbeeldstad Campuslaan 10 1234 CD Voorbeeldstad",
            "Geachte heer/mevrouw Jansen,",
            "namens Hogeschool Voorbeeldstad",
            "Met vriendelijke groet,",
        ],
    );
    // A believable example: the mayor who signs thanks someone else.
    let other = pdf_text(&out.join("bedankt-2024-handelsmissie-tartu-p-bakker-de-wit.pdf"));
    assert_holds(
        "thank-you letter",
        &other,
        &[
            "P. Bakker-de Wit Warmtebedrijf Voorbeeldstad Energieweg 5",
            "Geachte mevrouw Bakker-de Wit,",
            "A. de Vries Burgemeester",
        ],
    );
    let english = pdf_text(&out.join("letter-2024-tartu.pdf"));
    assert_holds(
        "letter to the partner",
        &english,
        &["ESTONIA", "DATE 30 September 2024", "Dear Mayor,", "Yours sincerely,"],
    );
    let report = pdf_text(&out.join("evaluatie-2025-samenwerking-tartu.pdf"));
    assert_holds(
        "report",
        &report,
        &[
            "Evaluatie samenwerking Voorbeeldstad – Tartu",
            "1 januari 2024 tot en met 30 juni 2025",
            "Inleiding",
            "Conclusie",
            "2 bezoeken plaats: 1 uitgaand en 1 inkomend",
            "3 vastgelegde resultaten",
            "€ 2.500.000 en leveren 35 banen op",
            "Ontvangst delegatie Tartu",
        ],
    );
}

#[test]
fn an_edited_template_in_the_folder_is_used() {
    let (tmp, dir) = workspace();
    init(&dir).unwrap();
    let template = dir.join("sjablonen/raadsinformatiebrief.typ");
    let mut text = std::fs::read_to_string(&template).unwrap();
    text.push_str("#place(bottom + right, [Huisstijl Voorbeeldstad])\n");
    std::fs::write(&template, text).unwrap();

    let ran = missiedocs(
        tmp.path(),
        &[
            "render",
            "--data",
            "voorbeeldstad/missies.xlsx",
            "--out",
            "uit",
            "--quiet",
            "--filter",
            "raadsinformatiebrief",
        ],
    );
    assert_eq!(ran.code, 0, "{}", ran.stderr);
    let letter = pdf_text(&tmp.path().join("uit/rib-2024-handelsmissie-tartu.pdf"));
    assert_holds("letter", &letter, &["Huisstijl Voorbeeldstad", "Handelsmissie Tartu"]);
}

#[test]
fn init_never_overwrites() {
    let (_tmp, dir) = workspace();
    init(&dir).unwrap();
    // The organisation starts editing its folder.
    std::fs::write(dir.join("teksten/collegememo.docx"), "Eigen tekst.\n").unwrap();
    std::fs::write(dir.join("eigen.txt"), "niet van init").unwrap();
    let before = snapshot(&dir);

    let err = init(&dir).unwrap_err();
    let InitError::Exists(existing) = &err else { panic!("expected Exists, got {err:?}") };
    assert!(existing.contains(&dir.join("missies.xlsx")), "{existing:?}");
    assert!(existing.contains(&dir.join("teksten/collegememo.docx")), "{existing:?}");
    let message = missiedocs::error::Failure::from(err).to_string();
    assert!(message.contains("missies.xlsx") && message.contains("init overschrijft niets"), "{message}");
    assert_eq!(snapshot(&dir), before, "a second init changes nothing");
}

#[test]
fn one_existing_file_stops_init_before_it_writes_anything() {
    let (_tmp, dir) = workspace();
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("missies.xlsx"), b"eigen werkmap").unwrap();

    let err = init(&dir).unwrap_err();
    assert!(matches!(&err, InitError::Exists(paths) if paths == &[dir.join("missies.xlsx")]), "{err:?}");
    assert_eq!(
        missiedocs::error::Failure::from(err).to_string(),
        format!("`{}` bestaat al; init overschrijft niets", dir.join("missies.xlsx").display())
    );
    let entries: Vec<_> = std::fs::read_dir(&dir).unwrap().map(|e| e.unwrap().file_name()).collect();
    assert_eq!(entries, ["missies.xlsx"], "no file or folder was added");
    assert_eq!(std::fs::read(dir.join("missies.xlsx")).unwrap(), b"eigen werkmap");
}

/// A part of the written `.xlsx` (a zip of XML files).
fn xlsx_part(zip: &mut zip::ZipArchive<std::fs::File>, name: &str) -> String {
    let mut text = String::new();
    zip.by_name(name).unwrap_or_else(|e| panic!("{name}: {e}")).read_to_string(&mut text).unwrap();
    text
}

#[test]
fn workbook_has_drop_downs_formats_and_every_column() {
    let (_tmp, dir) = workspace();
    init(&dir).unwrap();
    let path = dir.join("missies.xlsx");

    // Every contract sheet in order, every contract column as a header in row 1.
    let book = missiedocs::input::read(&path).unwrap();
    let names: Vec<&str> = book.sheets.iter().map(|s| s.name.as_str()).collect();
    assert_eq!(names, schema::SHEETS.map(|s| s.name));
    for def in schema::SHEETS {
        let sheet = book.sheet(def.name).unwrap();
        assert_eq!(sheet.header_line, 1, "{}", def.name);
        let keys: Vec<&str> = def.columns.iter().map(|c| c.key).collect();
        assert_eq!(sheet.columns, keys, "{}", def.name);
        assert!(!sheet.rows.is_empty(), "{} has example rows", def.name);
    }
    let afzender = book.sheet("Afzender").unwrap();
    let fields: Vec<String> = afzender.rows.iter().map(|r| r.cells[0].display()).collect();
    for field in schema::AFZENDER_FIELDS {
        assert!(fields.iter().any(|f| f == field.key), "Afzender has a row for {}", field.key);
    }

    let mut zip = zip::ZipArchive::new(std::fs::File::open(&path).unwrap()).unwrap();
    // Sheets are numbered in the contract's order.
    let sheet = |def: &schema::SheetDef| {
        let n = schema::SHEETS.iter().position(|s| s.name == def.name).unwrap() + 1;
        format!("xl/worksheets/sheet{n}.xml")
    };
    let missies = xlsx_part(&mut zip, &sheet(&schema::MISSIES));
    assert!(missies.contains("<dataValidation "), "{missies}");
    assert!(missies.contains("uitgaand,inkomend"), "{missies}");
    assert!(missies.contains(r#"sqref="C2:C1000""#), "richting, rows 2 to 1000: {missies}");
    assert!(missies.contains(r#"state="frozen""#) && missies.contains(r#"ySplit="1""#), "frozen header: {missies}");
    assert!(missies.contains(" style="), "date and amount columns have a format: {missies}");

    let resultaten = xlsx_part(&mut zip, &sheet(&schema::RESULTATEN));
    let themes = schema::THEME_ORDER.join(",").replace('&', "&amp;");
    assert!(resultaten.contains(&themes), "{resultaten}");
    assert!(resultaten.contains(r#"errorStyle="warning""#), "other themes stay possible: {resultaten}");

    let documenten = xlsx_part(&mut zip, &sheet(&schema::DOCUMENTEN));
    assert!(documenten.contains("brief,collegememo,evaluatie,raadsinformatiebrief"), "{documenten}");
    assert!(documenten.contains("nl,en"), "{documenten}");
    assert!(documenten.contains(r#""concept,definitief""#) && documenten.contains(r#""deelnemer""#), "{documenten}");
    assert!(documenten.contains(r#""B,V,N""#), "waardering: {documenten}");
    assert!(documenten.contains(r#""openbaar,beperkt openbaar,niet openbaar""#), "{documenten}");
    assert_eq!(documenten.matches("<dataValidation ").count(), 6, "{documenten}");

    let styles = xlsx_part(&mut zip, "xl/styles.xml");
    assert!(styles.contains(r#"formatCode="dd-mm-yyyy""#), "{styles}");
    assert!(styles.contains(r#"formatCode="€ #,##0""#), "{styles}");
    assert!(styles.contains("<b/>"), "bold headers: {styles}");
}

/// What `init` says to do next, and its LEESMIJ, agree with the defaults:
/// the output goes to `output` inside the new folder, and every name and
/// filter LEESMIJ lists is one `missiedocs velden` lists for the example.
#[test]
fn the_next_step_and_leesmij_agree_with_what_the_tool_does() {
    let (tmp, dir) = workspace();
    let ran = missiedocs(tmp.path(), &["init", "voorbeeldstad"]);
    assert_eq!(ran.code, 0, "{}", ran.stderr);
    assert_stderr(
        &ran,
        &[
            "Volgende stap: missiedocs check --data voorbeeldstad/missies.xlsx, daarna missiedocs render --data voorbeeldstad/missies.xlsx --out voorbeeldstad/output",
        ],
    );
    let leesmij = std::fs::read_to_string(dir.join("LEESMIJ.md")).unwrap();
    assert!(leesmij.contains("--out output") && !leesmij.contains("uitvoer"), "{leesmij}");

    let velden = missiedocs(&dir, &["velden", "--data", "missies.xlsx", "--document", "rib-2024-handelsmissie-tartu"]);
    assert_eq!(velden.code, 0, "{}", velden.stderr);
    assert_holds(
        "velden",
        &velden.stdout,
        &[
            "missie.partner",
            "Tartu",
            "missie.begindatum",
            "2024-09-16  (|datum → 16 september 2024)",
            "{{ 17560000|bedrag(\"miljoen\") }}",
            "→ € 17,56 miljoen",
            "{{ 3|telling(\"deelnemer\", \"deelnemers\") }}",
            "→ 3 deelnemers",
        ],
    );
    // Every `{{ name` LEESMIJ shows is listed by `velden`, for this letter or the report.
    let report =
        missiedocs(&dir, &["velden", "--data", "missies.xlsx", "--document", "evaluatie-2025-samenwerking-tartu"]);
    let listed = format!("{}{}", velden.stdout, report.stdout);
    for piece in leesmij.split("{{ ").skip(1) {
        let name: String = piece.chars().take_while(|c| c.is_alphanumeric() || *c == '.' || *c == '_').collect();
        let name = name.trim_end_matches('.');
        if name.is_empty() || name == "onderdeel" {
            continue;
        }
        let (head, field) = name.split_once('.').unwrap_or((name, ""));
        let known = listed.lines().any(|l| l.trim_start().starts_with(name))
            || (head == "deelnemer" && listed.contains(&format!(".{field}")))
            || (head == "d" && listed.contains(&format!(".{field}")));
        assert!(known, "LEESMIJ shows `{name}`, which `velden` does not list");
    }
}
