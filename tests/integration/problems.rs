//! Bad input, one kind of problem after another, all in one `check` run:
//! every message names file, sheet, row (as the spreadsheet numbers it),
//! column and value. Then the render of the same workbook: good documents
//! are made, bad ones are skipped and recorded.

use crate::support::register::{
    LETTER, MEMO, REPORT, STATENBRIEF, assert_made, check_and_render, data_dir, mission_row, sheet,
};
use crate::support::{V, assert_stderr, entry, missiedocs, sample, write_texts, write_xlsx};

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
            // Rows share a subject's template; each row with the broken one is named.
            "register.xlsx, blad `Documenten`, rij 8, kolom `Onderwerp`: syntaxfout",
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
    let manifest = crate::support::manifest(&dir.path().join("uit"));
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
fn an_unreadable_cell_in_a_document_row_stops_that_document_only() {
    // An error value from a formula, in Excel and in LibreOffice; a bad date.
    for (file, write) in [
        ("register.xlsx", crate::support::write_xlsx as fn(&std::path::Path, &[crate::support::Sheet])),
        ("register.ods", crate::support::write_ods),
    ] {
        let mut sheets = sample::sheets();
        let documenten = sheet(&mut sheets, "Documenten");
        documenten.rows[3][9] = crate::support::err("#N/A");
        documenten.rows[4][3] = V::from("31-13-2020");
        let dir = tempfile::tempdir().unwrap();
        write_texts(dir.path());
        write(&dir.path().join(file), &sheets);
        let (check, render, manifest) = check_and_render(dir.path(), file);
        assert_eq!((check.code, render.code), (1, 1), "{}\n{}", check.stderr, render.stderr);
        let aanhef = format!("{file}, blad `Documenten`, rij 4, kolom `Aanhef`: de cel bevat de foutwaarde `#N/A`");
        let datum = format!("{file}, blad `Documenten`, rij 5, kolom `Datum`: `31-13-2020` is geen datum");
        assert_stderr(&check, &[&aanhef, &datum]);
        assert_stderr(
            &render,
            &[&format!("fout: document `{MEMO}` is niet gemaakt:\n  {aanhef}"), &datum, "2 gemaakt, 2 mislukt"],
        );
        assert_made(dir.path(), &manifest, &[LETTER, REPORT], &[MEMO, STATENBRIEF]);
        let fout = &entry(&manifest, MEMO)["fouten"][0];
        assert_eq!(fout["bestand"], file);
        assert_eq!(fout["blad"], "Documenten");
        assert_eq!(fout["rij"], 4);
        assert_eq!(fout["kolom"], "Aanhef");
        assert_eq!(fout["waarde"], "#N/A");
        assert!(fout["hint"].as_str().unwrap().contains("herstel de formule"), "{fout}");
        assert_eq!(entry(&manifest, MEMO)["rij"], 4);
    }
}

#[test]
fn a_bad_result_stops_its_mission_and_the_report_of_its_partner_and_period() {
    // Also in a workbook big enough to be read by two readers at once.
    for big in [false, true] {
        let mut sheets = sample::sheets();
        let resultaten = sheet(&mut sheets, "Resultaten");
        let row = resultaten
            .rows
            .iter()
            .position(|r| matches!((&r[0], &r[1]), (V::T(m), V::T(t)) if m == "UTR-2019-11" && t == "Investeringen"))
            .unwrap();
        resultaten.rows[row][5] = V::from("2,5 miljard?");
        resultaten.rows[row][6] = crate::support::err("#DIV/0!");
        if big {
            // A sheet outside the contract, of notes nothing prints.
            let mut notes = vec![vec![V::from("Nummer"), V::from("Notitie")]];
            notes.extend((0..3000u32).map(|i| {
                vec![
                    V::N(f64::from(i)),
                    V::T(format!("notitie {i}: {:x}", u64::from(i).wrapping_mul(0x9E37_79B9_7F4A_7C15))),
                ]
            }));
            sheets.insert(1, crate::support::Sheet { name: "Notities".into(), rows: notes });
        }
        let dir = data_dir(&sheets);
        let size = std::fs::metadata(dir.path().join("register.xlsx")).unwrap().len();
        assert_eq!(size >= 32 << 10, big, "{size} bytes");
        let (check, render, manifest) = check_and_render(dir.path(), "register.xlsx");
        assert_eq!((check.code, render.code), (1, 1), "{}\n{}", check.stderr, render.stderr);
        let line = row + 1;
        let bedrag =
            format!("register.xlsx, blad `Resultaten`, rij {line}, kolom `Bedrag`: `2,5 miljard?` is geen bedrag");
        let banen = format!("rij {line}, kolom `Banen`: de cel bevat de foutwaarde `#DIV/0!`");
        assert_stderr(&check, &[&bedrag, &banen]);
        assert_stderr(&render, &[&format!("fout: document `{REPORT}` is niet gemaakt:"), &bedrag, &banen]);
        // The report's totals would be wrong: it is not made. Chengdu's documents are.
        assert_made(dir.path(), &manifest, &[LETTER, MEMO], &[STATENBRIEF, REPORT]);
        let fout = &entry(&manifest, REPORT)["fouten"][0];
        assert_eq!(
            (&fout["blad"], &fout["rij"], &fout["kolom"]),
            (&"Resultaten".into(), &line.into(), &"Bedrag".into())
        );
    }
}

#[test]
fn a_blank_cell_a_text_prints_stops_the_document_unless_the_text_allows_for_it() {
    let mut sheets = sample::sheets();
    let row = mission_row(&mut sheets, "MAA-2019-CDU");
    sheet(&mut sheets, "Missies").rows[row][8] = V::E;
    let dir = data_dir(&sheets);
    let (check, render, manifest) = check_and_render(dir.path(), "register.xlsx");
    assert_eq!((check.code, render.code), (1, 1), "{}\n{}", check.stderr, render.stderr);
    let place = format!(
        "register.xlsx, blad `Missies`, rij {}, kolom `Leiding`: de cel is leeg, maar `teksten/werkbezoek-chengdu.md` \
         van document `{MEMO}` drukt haar af",
        row + 1
    );
    for ran in [&check, &render] {
        assert_stderr(ran, &[&place, "┌─ teksten/werkbezoek-chengdu.md:1:", "onder leiding van {{ missie.leiding }}"]);
        assert!(ran.stderr.contains("default(\"…\")"), "a hint says how to allow for a blank:\n{}", ran.stderr);
    }
    // The Chengdu letter prints the same leader in its paragraph on that visit.
    assert_stderr(&check, &["van document `rib-2022-stedenband-chengdu` drukt haar af"]);
    assert_made(dir.path(), &manifest, &[STATENBRIEF, REPORT], &[MEMO, LETTER]);

    // A text that allows for the blank is made, and says what it says.
    let text = dir.path().join("teksten/werkbezoek-chengdu.md");
    let guarded = std::fs::read_to_string(&text).unwrap().replace(
        "onder leiding van {{ missie.leiding }}",
        "onder leiding van {{ missie.leiding | default(\"de wethouder\") }}",
    );
    std::fs::write(&text, guarded).unwrap();
    let (check, render, manifest) = check_and_render(dir.path(), "register.xlsx");
    assert_eq!((check.code, render.code), (1, 1), "{}\n{}", check.stderr, render.stderr);
    assert!(!check.stderr.contains("werkbezoek-chengdu.md"), "{}", check.stderr);
    assert_made(dir.path(), &manifest, &[MEMO], &[LETTER]);
    let pdf = crate::support::pdf_text(&dir.path().join(format!("uit/{MEMO}.pdf")));
    crate::support::assert_holds("memo", &pdf, &["onder leiding van de wethouder een werkbezoek"]);
}

#[test]
fn merged_cells_read_as_a_person_sees_them() {
    let mut sheets = sample::sheets();
    // The mission id merged over its three members, as registers often have it.
    let deelnemers = sheet(&mut sheets, "Deelnemers");
    deelnemers.rows[2][0] = V::E;
    deelnemers.rows[3][0] = V::E;
    let dir = tempfile::tempdir().unwrap();
    write_texts(dir.path());
    crate::support::write_xlsx_merged(&dir.path().join("register.xlsx"), &sheets, &[("Deelnemers", "A2:A4")]);
    let (check, render, manifest) = check_and_render(dir.path(), "register.xlsx");
    assert_eq!((check.code, render.code), (0, 0), "{}\n{}", check.stderr, render.stderr);
    assert_made(dir.path(), &manifest, &[MEMO], &[]);
    let pdf = crate::support::pdf_text(&dir.path().join(format!("uit/{MEMO}.pdf")));
    crate::support::assert_holds(
        "memo",
        &pdf,
        &["wethouder Heijnen", "Programmamanager health campus", "Beleidsadviseur internationale zaken"],
    );
}

#[test]
fn two_headers_for_one_column_are_refused_naming_both() {
    let mut sheets = sample::sheets();
    let missies = sheet(&mut sheets, "Missies");
    for (i, row) in missies.rows.iter_mut().enumerate().skip(2) {
        row.push(if i == 2 { V::from("Begindatum") } else { V::D(2000, 1, 1) });
    }
    let dir = data_dir(&sheets);
    let (check, render, manifest) = check_and_render(dir.path(), "register.xlsx");
    assert_eq!((check.code, render.code), (1, 1), "{}\n{}", check.stderr, render.stderr);
    let both = "register.xlsx, blad `Missies`, rij 3, kolom `Begindatum`: de kolommen `Begin datum` en `Begindatum` zijn \
                allebei kolom `begindatum`";
    assert_stderr(&check, &[both]);
    assert_stderr(&render, &[both, "0 gemaakt, 4 mislukt"]);
    assert_made(dir.path(), &manifest, &[], &[LETTER, MEMO, STATENBRIEF, REPORT]);
}

#[test]
fn dates_no_calendar_has_are_refused_with_their_place() {
    let mut sheets = sample::sheets();
    let row = mission_row(&mut sheets, "MAA-2019-CDU");
    let missies = sheet(&mut sheets, "Missies");
    missies.rows[row][6] = V::S(-5.0);
    missies.rows[row][7] = V::S(9_999_999.0);
    let dir = data_dir(&sheets);
    let (check, render, manifest) = check_and_render(dir.path(), "register.xlsx");
    assert_eq!((check.code, render.code), (1, 1), "{}\n{}", check.stderr, render.stderr);
    let line = row + 1;
    for ran in [&check, &render] {
        assert_stderr(
            ran,
            &[
                &format!(
                    "blad `Missies`, rij {line}, kolom `Begin datum`: `1899-12-26` ligt buiten de jaren 1900–2200"
                ),
                &format!(
                    "blad `Missies`, rij {line}, kolom `Eind datum`: `+29279-01-23` ligt buiten de jaren 1900–2200"
                ),
            ],
        );
    }
    // The Chengdu letter counts the missions of its partner: it waits too.
    assert_made(dir.path(), &manifest, &[STATENBRIEF, REPORT], &[MEMO, LETTER]);
}

#[test]
fn error_values_in_an_extra_sheet_stop_the_report_that_prints_it() {
    let mut sheets = sample::sheets();
    sheet(&mut sheets, "Begroting").rows[2][2] = crate::support::err("#REF!");
    let dir = data_dir(&sheets);
    let (check, render, manifest) = check_and_render(dir.path(), "register.xlsx");
    assert_eq!((check.code, render.code), (1, 1), "{}\n{}", check.stderr, render.stderr);
    let place = "register.xlsx, blad `Begroting`, rij 3, kolom `FTE`: de cel bevat de foutwaarde `#REF!`";
    assert_stderr(&check, &[place]);
    assert_stderr(&render, &[&format!("fout: document `{REPORT}` is niet gemaakt:\n  {place}")]);
    assert_made(dir.path(), &manifest, &[LETTER, MEMO, STATENBRIEF], &[REPORT]);
}

#[test]
fn a_formula_without_its_result_is_named_with_a_way_out() {
    let mut sheets = sample::sheets();
    let row = mission_row(&mut sheets, "MAA-2019-CDU");
    sheet(&mut sheets, "Missies").rows[row][10] = V::F("=B2*2".into());
    let dir = data_dir(&sheets);
    let (check, render, manifest) = check_and_render(dir.path(), "register.xlsx");
    both_name_the_uncalculated_formula(&check, &render, row + 1, "=B2*2");
    assert_made(dir.path(), &manifest, &[STATENBRIEF, REPORT], &[MEMO, LETTER]);
}

#[test]
fn a_formula_without_its_result_below_every_value_is_still_read() {
    // A last row holding nothing but such a formula: the sheet reaches as
    // far as the formula, not only as far as the values.
    let mut sheets = sample::sheets();
    let missies = sheet(&mut sheets, "Missies");
    let width = missies.rows.iter().map(Vec::len).max().unwrap();
    let mut last = vec![V::E; width];
    last[10] = V::F("=SOM(K2:K3)".into());
    missies.rows.push(last);
    let line = missies.rows.len();
    let dir = data_dir(&sheets);
    let (check, render, _) = check_and_render(dir.path(), "register.xlsx");
    both_name_the_uncalculated_formula(&check, &render, line, "=SOM(K2:K3)");
}

/// `check` and `render` both fail on a formula without its result in the
/// Missies sheet's `Kosten` column, at its row, with the way out.
fn both_name_the_uncalculated_formula(
    check: &crate::support::Ran,
    render: &crate::support::Ran,
    line: usize,
    formula: &str,
) {
    assert_eq!((check.code, render.code), (1, 1), "{}\n{}", check.stderr, render.stderr);
    for ran in [check, render] {
        assert_stderr(
            ran,
            &[
                &format!(
                    "blad `Missies`, rij {line}, kolom `Kosten`: de cel bevat de formule `{formula}` zonder berekende waarde"
                ),
                "hint: open het bestand in Excel of LibreOffice en sla het opnieuw op",
            ],
        );
    }
}

#[test]
fn a_value_far_below_or_right_of_the_data_is_one_clear_error() {
    // One stray value: the sheet would span 200,001 rows, or 1,300 rows of
    // 16,384 columns. Refused before a grid that big is made.
    for (line, column, says) in [
        (200_001, 0, "register.xlsx`, blad `Missies`: meer dan 200000 rijen"),
        (
            1_300,
            16_383,
            "register.xlsx`, blad `Missies`: meer dan 20000000 cellen van de eerste tot de laatste gevulde rij en kolom",
        ),
    ] {
        let mut sheets = sample::sheets();
        let missies = sheet(&mut sheets, "Missies");
        missies.rows.resize(line - 1, Vec::new());
        let mut far = vec![V::E; column + 1];
        far[column] = V::from("x");
        missies.rows.push(far);
        let dir = data_dir(&sheets);
        let ran = missiedocs(dir.path(), &["render", "--data", "register.xlsx", "--out", "uit"]);
        assert_eq!(ran.code, 2, "{}", ran.stderr);
        assert_stderr(&ran, &[says]);
        assert!(!ran.stderr.contains("panicked"), "{}", ran.stderr);
        assert!(!dir.path().join("uit").exists(), "nothing written: the data could not be read");
    }
}

#[test]
fn csv_rows_are_numbered_as_a_spreadsheet_shows_them() {
    let mut sheets = sample::sheets();
    let first = mission_row(&mut sheets, "MAA-2012-CDU");
    let second = mission_row(&mut sheets, "MAA-2019-CDU");
    let missies = sheet(&mut sheets, "Missies");
    // A purpose over three lines (one row in a spreadsheet), then a bad date.
    missies.rows[first][9] = V::from("Ondertekening;\nvan de overeenkomst\nover de stedenband");
    missies.rows[second][6] = V::from("31-02-2019");
    let dir = tempfile::tempdir().unwrap();
    write_texts(dir.path());
    crate::support::write_csv_dir(&dir.path().join("register"), &sheets, false);
    let ran = missiedocs(dir.path(), &["check", "--data", "register"]);
    assert_eq!(ran.code, 1, "{}", ran.stderr);
    assert_stderr(
        &ran,
        &[&format!(
            "register/missies.csv, blad `missies`, rij {}, kolom `Begin datum`: `31-02-2019` is geen bestaande datum",
            second + 1
        )],
    );
}
