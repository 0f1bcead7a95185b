//! Input that would lose data or print a wrong figure without a word: a
//! CSV quote that swallows rows, two sheets that read as one, text cells
//! rewritten as numbers, a member without a name, a member listed twice, an
//! amount that reads two ways. Each is refused at its place, in `check` as
//! in `render`, and no letter is made from it.

use std::path::Path;

use crate::support::register::{
    LETTER, MEMO, REPORT, STATENBRIEF, assert_made, check_and_render, data_dir, mission_row, sheet,
};
use crate::support::{
    Sheet, V, assert_holds, assert_stderr, entry, manifest, missiedocs, pdf_text, sample, squash, write_csv_dir,
};

/// A register of CSV files as Dutch Excel saves them: one mission with
/// the given members (name, address), a thank-you letter to each member.
fn letters_register(dir: &Path, members: &[(&str, &str)]) {
    let data = dir.join("register");
    let mut deelnemers: Vec<Vec<V>> = vec![["missie", "naam", "adres", "postcode", "plaats"].map(V::from).to_vec()];
    deelnemers
        .extend(members.iter().map(|(naam, adres)| ["M1", naam, adres, "3511 AB", "Utrecht"].map(V::from).to_vec()));
    let sheets = [
        Sheet::text("Afzender", &[&["veld", "waarde"], &["naam", "Gemeente Utrecht"], &["plaats", "Utrecht"]]),
        Sheet::text(
            "Missies",
            &[
                &["missie", "titel", "richting", "partner", "begindatum"],
                &["M1", "Handelsmissie Guangzhou", "uitgaand", "Guangzhou", "12-9-2022"],
            ],
        ),
        Sheet { name: "Deelnemers".into(), rows: deelnemers },
        Sheet::text(
            "Documenten",
            &[
                &["document", "sjabloon", "onderwerp", "datum", "missie", "per", "tekst", "ondertekenaar"],
                &["bedankt", "brief", "Handelsmissie", "3-10-2022", "M1", "deelnemer", "bedankt.md", "J. Jansen"],
            ],
        ),
    ];
    write_csv_dir(&data, &sheets, false);
    std::fs::write(data.join("bedankt.md"), "Hartelijk dank dat u meereisde naar {{ missie.partner }}.\n").unwrap();
}

/// Runs `check` and `render` of the CSV register into `uit`.
fn check_and_render_csv(dir: &Path) -> (crate::support::Ran, crate::support::Ran) {
    let check = missiedocs(dir, &["check", "--data", "register"]);
    let render = missiedocs(dir, &["render", "--data", "register", "--out", "uit", "--quiet"]);
    (check, render)
}

#[test]
fn a_csv_quote_that_is_never_closed_is_refused_where_it_opens() {
    let dir = tempfile::tempdir().unwrap();
    let members = [("A. de Vries", "Oudegracht 1"), ("B. Bakker", "Kade 2"), ("C. Jansen", "Laan 3")];
    letters_register(dir.path(), &members);
    let file = dir.path().join("register/deelnemers.csv");
    let text = std::fs::read_to_string(&file).unwrap();
    // Still open at the end: every row after it would be one cell.
    std::fs::write(&file, text.replace("M1;B. Bakker;Kade 2", "M1;\"B. Bakker;Kade 2")).unwrap();
    let (check, render) = check_and_render_csv(dir.path());
    for ran in [&check, &render] {
        assert_eq!(ran.code, 2, "{}", ran.stderr);
        assert_stderr(
            ran,
            &[
                "deelnemers.csv`, regel 3: de cel die hier met een aanhalingsteken (\") begint, loopt door tot over regel 4, die eruitziet als een eigen rij",
                "hint: zet het sluitende aanhalingsteken achter de tekst van de cel",
            ],
        );
    }
    assert!(!dir.path().join("uit").exists(), "nothing is written");
    // The quote open on the last row, and in English.
    std::fs::write(&file, text.replace("M1;C. Jansen;Laan 3", "M1;\"C. Jansen;Laan 3")).unwrap();
    let ran = missiedocs(dir.path(), &["check", "--data", "register", "--lang", "en"]);
    assert_eq!(ran.code, 2, "{}", ran.stderr);
    assert_stderr(&ran, &["deelnemers.csv`, line 4: the cell that starts with a quote (\") here is never closed"]);
}

#[test]
fn two_sheets_that_read_as_one_are_refused_naming_both() {
    for twin in ["Mis-sies", "MISSIËS", "missies_"] {
        let mut sheets = sample::sheets();
        let mut copy = sheet(&mut sheets, "Missies").clone();
        copy.name = twin.into();
        copy.rows.truncate(2);
        sheets.push(copy);
        let dir = data_dir(&sheets);
        let check = missiedocs(dir.path(), &["check", "--data", "register.xlsx"]);
        let render = missiedocs(dir.path(), &["render", "--data", "register.xlsx", "--out", "uit"]);
        for ran in [&check, &render] {
            assert_eq!(ran.code, 2, "{twin}: {}", ran.stderr);
            assert_stderr(ran, &[&format!("register.xlsx`: de bladen `Missies` en `{twin}` lezen als hetzelfde blad")]);
        }
        assert!(!dir.path().join("uit/manifest.json").exists());
    }
    // Names in other scripts are different sheets; a text that reaches two
    // of them under one name is stopped, the rest made.
    let mut sheets = sample::sheets();
    for name in ["sheet日本語", "日本語sheet"] {
        sheets.push(Sheet::text(name, &[&["Kop"], &[name]]));
    }
    let dir = data_dir(&sheets);
    let ran = missiedocs(dir.path(), &["check", "--data", "register.xlsx"]);
    assert_eq!(ran.code, 0, "{}", ran.stderr);
    let text = dir.path().join("teksten/werkbezoek-chengdu.md");
    let body = std::fs::read_to_string(&text).unwrap();
    std::fs::write(&text, format!("{body}\n{{% for r in sheet %}}{{{{ r.kop }}}}{{% endfor %}}\n")).unwrap();
    let (check, render, manifest) = check_and_render(dir.path(), "register.xlsx");
    assert_eq!((check.code, render.code), (1, 1), "{}\n{}", check.stderr, render.stderr);
    for ran in [&check, &render] {
        assert_stderr(ran, &["leest `sheet`, maar de bladen `sheet日本語` en `日本語sheet` heten zo allebei"]);
    }
    assert_made(dir.path(), &manifest, &[LETTER, STATENBRIEF, REPORT], &[MEMO]);
}

#[test]
fn text_cells_of_an_appendix_print_exactly_as_typed() {
    let mut sheets = sample::sheets();
    sheets.push(Sheet {
        name: "Contacten".into(),
        rows: vec![
            ["Organisatie", "Telefoon", "KvK", "Code", "Mobiel", "Aantal"].map(V::from).to_vec(),
            vec![
                V::from("Haven BV"),
                V::from("0612345678"),
                V::from("01234567"),
                V::from("007"),
                V::from("06-12345678"),
                V::N(1234.0),
            ],
        ],
    });
    let dir = data_dir(&sheets);
    let ran = missiedocs(dir.path(), &["render", "--data", "register.xlsx", "--out", "uit", "--only", REPORT]);
    assert_eq!(ran.code, 0, "{}", ran.stderr);
    let text = squash(&pdf_text(&dir.path().join(format!("uit/{REPORT}.pdf"))));
    for typed in ["0612345678", "01234567", "007", "06-12345678", "1.234"] {
        assert!(text.contains(typed), "{typed} missing:\n{text}");
    }
    for rewritten in ["612.345.678", "1.234.567", "\"06-12345678\""] {
        assert!(!text.contains(rewritten), "{rewritten} printed:\n{text}");
    }
}

#[test]
fn an_amount_that_reads_two_ways_is_refused_and_numbers_print_in_dutch() {
    let mut sheets = sample::sheets();
    let results = sheet(&mut sheets, "Resultaten");
    let row = results.rows.iter().position(|r| matches!(r.first(), Some(V::T(k)) if k == "UTR-2019-11")).unwrap();
    results.rows[row][5] = V::from("2,500");
    let dir = data_dir(&sheets);
    let (check, render, manifest) = check_and_render(dir.path(), "register.xlsx");
    assert_eq!((check.code, render.code), (1, 1), "{}\n{}", check.stderr, render.stderr);
    for ran in [&check, &render] {
        assert_stderr(
            ran,
            &[
                &format!("blad `Resultaten`, rij {}, kolom `Bedrag`: `2,500` leest op twee manieren", row + 1),
                "hint: schrijf 2.500 of 2500 voor het duizendtal",
            ],
        );
    }
    assert_made(dir.path(), &manifest, &[LETTER, MEMO], &[STATENBRIEF, REPORT]);

    // A number with decimals a text prints as it is: in Dutch notation.
    let mut sheets = sample::sheets();
    let chengdu = mission_row(&mut sheets, "MAA-2019-CDU");
    // The sample's `Kosten` column.
    sheet(&mut sheets, "Missies").rows[chengdu][10] = V::N(1234.56);
    let dir = data_dir(&sheets);
    let text = dir.path().join("teksten/werkbezoek-chengdu.md");
    let mut body = std::fs::read_to_string(&text).unwrap();
    body.push_str("\nDe kosten waren {{ missie.kosten }} euro.\n");
    std::fs::write(&text, body).unwrap();
    let ran = missiedocs(dir.path(), &["render", "--data", "register.xlsx", "--out", "uit", "--only", MEMO]);
    assert_eq!(ran.code, 0, "{}", ran.stderr);
    assert_holds(MEMO, &pdf_text(&dir.path().join(format!("uit/{MEMO}.pdf"))), &["De kosten waren 1.234,56 euro."]);
}

#[test]
fn a_member_without_a_name_is_listed_as_failed_and_their_old_letter_goes() {
    let dir = tempfile::tempdir().unwrap();
    let members = [("A. de Vries", "Oudegracht 1"), ("B. Bakker", "Kade 2"), ("C. Jansen", "Laan 3")];
    letters_register(dir.path(), &members);
    let first = missiedocs(dir.path(), &["render", "--data", "register", "--out", "uit", "--quiet"]);
    assert_eq!(first.code, 0, "{}", first.stderr);
    assert!(dir.path().join("uit/bedankt-c-jansen.pdf").is_file());
    // One letter made again on its own: the others are still the data's, and stay.
    let one = missiedocs(dir.path(), &["render", "--data", "register", "--out", "uit", "--only", "bedankt-a-de-vries"]);
    assert_eq!(one.code, 0, "{}", one.stderr);
    for other in ["bedankt-b-bakker", "bedankt-c-jansen"] {
        assert!(dir.path().join(format!("uit/{other}.pdf")).is_file(), "{other} removed");
    }
    letters_register(dir.path(), &[("A. de Vries", "Oudegracht 1"), ("B. Bakker", "Kade 2"), ("", "Laan 3")]);
    let (check, render) = check_and_render_csv(dir.path());
    assert_eq!((check.code, render.code), (1, 1), "{}\n{}", check.stderr, render.stderr);
    for ran in [&check, &render] {
        assert_stderr(ran, &["deelnemers.csv, blad `deelnemers`, rij 4, kolom `naam`"]);
    }
    let manifest = manifest(&dir.path().join("uit"));
    let letter = entry(&manifest, "bedankt-rij-4");
    assert_eq!(letter["status"], "fout", "{manifest:#}");
    assert_eq!(letter["fouten"][0]["rij"], 4, "{manifest:#}");
    assert_eq!(letter["fouten"][0]["kolom"], "naam", "{manifest:#}");
    // Every letter of the mission accounted for; none left from the first run.
    let listed: Vec<&str> =
        manifest["documenten"].as_array().unwrap().iter().map(|e| e["document"].as_str().unwrap()).collect();
    assert_eq!(listed, ["bedankt-a-de-vries", "bedankt-b-bakker", "bedankt-rij-4"]);
    for old in ["bedankt-a-de-vries", "bedankt-b-bakker", "bedankt-c-jansen"] {
        assert!(!dir.path().join(format!("uit/{old}.pdf")).exists(), "{old}");
    }
}

#[test]
fn a_member_listed_twice_at_one_address_stops_both_letters() {
    let dir = tempfile::tempdir().unwrap();
    let members = [
        ("A. de Vries", "Oudegracht 1"),
        ("B. Bakker", "Kade 2"),
        ("a. de vries", "Oudegracht  1"),
        ("B. Bakker", "Weg 9"),
    ];
    letters_register(dir.path(), &members);
    let (check, render) = check_and_render_csv(dir.path());
    assert_eq!((check.code, render.code), (1, 1), "{}\n{}", check.stderr, render.stderr);
    for ran in [&check, &render] {
        assert_stderr(
            ran,
            &[
                "rij 2, kolom `naam`: `A. de Vries` staat meer dan eens bij missie `M1` (rijen 2, 4), met hetzelfde adres",
                "rij 4, kolom `naam`: `a. de vries` staat meer dan eens bij missie `M1` (rijen 2, 4)",
            ],
        );
    }
    let manifest = manifest(&dir.path().join("uit"));
    // Two people of one name at two addresses each get their letter.
    for (id, status) in [
        ("bedankt-a-de-vries", "fout"),
        ("bedankt-a-de-vries-2", "fout"),
        ("bedankt-b-bakker", "ok"),
        ("bedankt-b-bakker-2", "ok"),
    ] {
        assert_eq!(entry(&manifest, id)["status"], status, "{id}: {manifest:#}");
    }
}

/// A letter to a member is named after them also in another script, and
/// the manifest says which member (name and row) it is for.
#[test]
fn a_letter_to_a_member_names_them_in_its_file_and_the_manifest() {
    let dir = tempfile::tempdir().unwrap();
    letters_register(dir.path(), &[("李明", "Laan 1"), ("Γιώργος Παπαδόπουλος", "Kade 2"), ("A. de Vries", "Weg 3")]);
    let ran = missiedocs(dir.path(), &["render", "--data", "register", "--out", "uit", "--quiet"]);
    assert_eq!(ran.code, 0, "{}", ran.stderr);
    let manifest = manifest(&dir.path().join("uit"));
    for (id, naam, rij) in [
        ("bedankt-li-ming", "李明", 2),
        ("bedankt-giorgos-papadopoulos", "Γιώργος Παπαδόπουλος", 3),
        ("bedankt-a-de-vries", "A. de Vries", 4),
    ] {
        let letter = entry(&manifest, id);
        assert_eq!(letter["status"], "ok", "{manifest:#}");
        assert_eq!(letter["deelnemer"], serde_json::json!({"naam": naam, "rij": rij}), "{manifest:#}");
        assert!(pdf_text(&dir.path().join(format!("uit/{id}.pdf"))).contains(naam), "{id}");
    }
}
