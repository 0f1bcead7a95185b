//! Bad input, one kind of problem after another, all in one `check` run:
//! every message names file, sheet, row (as the spreadsheet numbers it),
//! column and value. Then the render of the same workbook: good documents
//! are made, bad ones are skipped and recorded.

mod support;

use support::{V, assert_stderr, missiedocs, sample, write_texts, write_xlsx};

fn sheet<'a>(sheets: &'a mut [support::Sheet], name: &str) -> &'a mut support::Sheet {
    sheets.iter_mut().find(|s| s.name == name).unwrap()
}

#[test]
fn check_reports_every_kind_of_problem_with_its_place() {
    let mut sheets = sample::sheets();
    let missies = sheet(&mut sheets, "Missies");
    missies.rows[7][2] = V::from("heen en weer");
    missies.rows[5][0] = V::from("MAA-2012-CDU");
    missies.rows[6][6] = V::from("31-02-2019");
    let resultaten = sheet(&mut sheets, "Resultaten");
    resultaten.rows[1][0] = V::from("MAA-2099");
    resultaten.rows[8][5] = V::from("ca. twaalf miljoen");
    let documenten = sheet(&mut sheets, "Documenten");
    documenten.rows[2][2] = V::from("Stedenband {{ missie.partner ");
    documenten.rows[4][17] = V::from("teksten/weg.md");
    documenten.rows[4][18] = V::from("bijlagen/programma.pdf");
    let mut twin = documenten.rows[3].clone();
    twin[0] = V::from("rib-2022-stedenband-chengdu");
    documenten.rows.push(twin);
    let mut reserved = documenten.rows[2].clone();
    reserved[0] = V::from("CON");
    documenten.rows.push(reserved);
    let mut empty = documenten.rows[2].clone();
    empty[0] = V::E;
    documenten.rows.push(empty);

    let dir = tempfile::tempdir().unwrap();
    write_texts(dir.path());
    std::fs::write(dir.path().join("teksten/evaluatie-guangdong.md"), "# Titel\n\nTekst.\n{% for x in %}\n").unwrap();
    write_xlsx(&dir.path().join("register.xlsx"), &sheets);
    let ran = missiedocs(dir.path(), &["check", "--data", "register.xlsx"]);
    assert_eq!(ran.code, 1, "{}", ran.stderr);
    assert_stderr(
        &ran,
        &[
            "register.xlsx, blad `Missies`, rij 8, kolom `Richting`: `heen en weer` is geen richting: de richting is `uitgaand` of `inkomend`",
            "register.xlsx, blad `Missies`, rij 6, kolom `Missie`: missie `MAA-2012-CDU` komt meer dan eens voor",
            "register.xlsx, blad `Missies`, rij 7, kolom `Begin datum`: `31-02-2019` is geen bestaande datum",
            "register.xlsx, blad `Resultaten`, rij 2, kolom `Missie`: missie `MAA-2099` staat niet in het blad Missies",
            "register.xlsx, blad `Resultaten`, rij 9, kolom `Bedrag`: `ca. twaalf miljoen` is geen bedrag",
            "hint: schrijf een bedrag als 17560000, € 17.560.000, 1.234,56 of 12 mln",
            "register.xlsx, blad `Documenten`, rij 3, kolom `Onderwerp`: syntaxfout",
            "register.xlsx, blad `Documenten`, rij 7, kolom `Document`: document `rib-2022-stedenband-chengdu` komt ook \
             voor in rij 3",
            "register.xlsx, blad `Documenten`, rij 5, kolom `Tekst`: bestand `teksten/weg.md` bestaat niet",
            "register.xlsx, blad `Documenten`, rij 5, kolom `Bijlagen`: bestand `bijlagen/programma.pdf` bestaat niet",
            "teksten/evaluatie-guangdong.md, regel 4: syntaxfout",
            "  4 │ {% for x in %}",
            "register.xlsx, blad `Documenten`, rij 8, kolom `Document`: `CON` is een gereserveerde bestandsnaam",
            "register.xlsx, blad `Documenten`, rij 9, kolom `Document`: `document` is verplicht maar leeg",
        ],
    );

    // Render skips what is broken, makes the rest, and says so.
    let ran = missiedocs(dir.path(), &["render", "--data", "register.xlsx", "--out", "uit", "--quiet"]);
    assert_eq!(ran.code, 1, "{}", ran.stderr);
    let manifest = support::manifest(&dir.path().join("uit"));
    let status = |id: &str| {
        manifest["documenten"].as_array().unwrap().iter().find(|d| d["document"] == id).map(|d| d["status"].clone())
    };
    for bad in ["rib-2022-stedenband-chengdu", "statenbrief-2020-missie-guangdong", "evaluatie-2020-guangdong", "CON"] {
        assert_eq!(status(bad).unwrap(), "fout", "{bad}");
        assert!(!dir.path().join(format!("uit/{bad}.pdf")).exists(), "{bad}");
    }
    assert_eq!(status("memo-2019-werkbezoek-chengdu").unwrap(), "ok");
    assert!(dir.path().join("uit/memo-2019-werkbezoek-chengdu.pdf").is_file());
    let files: Vec<String> = std::fs::read_dir(dir.path().join("uit"))
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .filter(|n| !n.ends_with(".pdf") && n != "manifest.json")
        .collect();
    assert!(files.is_empty(), "no temporary or other files: {files:?}");
}

#[test]
fn missing_sheets_and_columns_are_named() {
    let mut sheets = sample::sheets();
    sheets.retain(|s| s.name != "Missies");
    sheet(&mut sheets, "Documenten").rows[1][1] = V::from("Template");
    let dir = tempfile::tempdir().unwrap();
    write_texts(dir.path());
    write_xlsx(&dir.path().join("register.xlsx"), &sheets);
    let ran = missiedocs(dir.path(), &["check", "--data", "register.xlsx"]);
    assert_eq!(ran.code, 1, "{}", ran.stderr);
    assert_stderr(
        &ran,
        &[
            "register.xlsx: blad `Missies` ontbreekt",
            "hint: gevonden bladen: Afzender, Afzender Utrecht, Deelnemers, Resultaten, Documenten, Begroting",
            "register.xlsx, blad `Documenten`, rij 2: kolom `sjabloon` ontbreekt",
        ],
    );
}

#[test]
fn a_truncated_workbook_is_one_clear_error() {
    let dir = tempfile::tempdir().unwrap();
    let bytes = std::fs::read(support::root().join("data/voorbeeld.xlsx")).unwrap();
    std::fs::write(dir.path().join("half.xlsx"), &bytes[..bytes.len() / 2]).unwrap();
    let ran = missiedocs(dir.path(), &["render", "--data", "half.xlsx", "--out", "uit"]);
    assert_eq!(ran.code, 2, "{}", ran.stderr);
    assert!(ran.stderr.starts_with("fout: `half.xlsx` is geen leesbaar rekenblad"), "{}", ran.stderr);
    assert_eq!(ran.stderr.lines().filter(|l| l.starts_with("fout:")).count(), 1, "{}", ran.stderr);
    assert!(!ran.stderr.contains("panicked"), "{}", ran.stderr);
    assert!(!dir.path().join("uit").exists(), "nothing written: the data could not be read");
}
