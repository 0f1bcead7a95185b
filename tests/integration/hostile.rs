//! Input that would publish what is not meant to be, leave the document,
//! exhaust the machine or vanish: hidden sheets, links to scripts and
//! files, Markdown nested without end, HTML blocks and footnotes without
//! their other half, a workbook that inflates to gigabytes. Each is
//! refused at its place (or, for a hidden sheet, left out and said so),
//! the same in `check` and `render`, without a crash.

use crate::support::register::{LETTER, MEMO, REPORT, STATENBRIEF, assert_made, check_and_render, data_dir};
use crate::support::{Sheet, V, assert_stderr, entry, missiedocs, patch_zip, pdf_text, sample, squash};

/// The sample's council letter's text, as a data folder holds it.
const LETTER_TEXT: &str = "teksten/stedenband-chengdu.md";

/// The sample register with `extra` appended to the council letter's text.
fn letter_saying(extra: &str) -> tempfile::TempDir {
    let dir = data_dir(&sample::sheets());
    let path = dir.path().join(LETTER_TEXT);
    let mut text = std::fs::read_to_string(&path).unwrap();
    text.push_str(extra);
    std::fs::write(&path, text).unwrap();
    dir
}

/// Check and render both stop the council letter alone, saying `says`.
#[track_caller]
fn stops_the_letter(dir: &std::path::Path, says: &[&str]) {
    let (check, render, manifest) = check_and_render(dir, "register.xlsx");
    assert_eq!((check.code, render.code), (1, 1), "{}\n{}", check.stderr, render.stderr);
    for ran in [&check, &render] {
        assert_stderr(ran, says);
    }
    assert_made(dir, &manifest, &[MEMO, STATENBRIEF, REPORT], &[LETTER]);
}

#[test]
fn a_hidden_sheet_is_never_printed_and_a_text_that_reads_it_is_stopped() {
    let mut sheets = sample::sheets();
    for name in ["Salarissen", "Vertrouwelijk"] {
        sheets.push(Sheet {
            name: name.into(),
            rows: vec![["Naam", "Bedrag"].map(V::from).to_vec(), vec![V::from("Geheime Persoon"), V::N(98765.0)]],
        });
    }
    let dir = data_dir(&sheets);
    let book = dir.path().join("register.xlsx");
    patch_zip(&book, |name, text| match name {
        "xl/workbook.xml" => text
            .replace(r#"<sheet name="Salarissen""#, r#"<sheet name="Salarissen" state="hidden""#)
            .replace(r#"<sheet name="Vertrouwelijk""#, r#"<sheet name="Vertrouwelijk" state="veryHidden""#),
        _ => text,
    });
    let (check, render, manifest) = check_and_render(dir.path(), "register.xlsx");
    assert_eq!((check.code, render.code), (0, 0), "{}\n{}", check.stderr, render.stderr);
    let warning = "verborgen bladen staan niet als bijlage in het rapport: `Salarissen`, `Vertrouwelijk`";
    for ran in [&check, &render] {
        assert_stderr(ran, &[warning]);
    }
    assert!(
        entry(&manifest, REPORT)["waarschuwingen"]
            .as_array()
            .unwrap()
            .iter()
            .any(|w| w.as_str().unwrap().contains(warning))
    );
    let report = squash(&pdf_text(&dir.path().join(format!("uit/{REPORT}.pdf"))));
    for secret in ["Geheime Persoon", "98.765", "Salarissen", "Vertrouwelijk"] {
        assert!(!report.contains(secret), "{secret} printed");
    }
    // The visible extra sheet is still there.
    assert!(report.contains("Begroting"), "{report}");

    // A text that reads the hidden sheet is stopped.
    let path = dir.path().join(LETTER_TEXT);
    let text = std::fs::read_to_string(&path).unwrap();
    std::fs::write(&path, format!("{text}\n{{% for r in salarissen %}}{{{{ r.naam }}}}{{% endfor %}}\n")).unwrap();
    stops_the_letter(dir.path(), &["leest het blad `Salarissen`, maar dat blad is verborgen"]);
}

#[test]
fn links_that_leave_for_scripts_files_or_paths_are_refused() {
    for (link, written) in [
        ("javascript:alert(1)", "[klik hier](javascript:alert(1))"),
        ("file:///etc/passwd", "<file:///etc/passwd>"),
        ("../../geheim.pdf", "[de stukken](../../geheim.pdf)"),
    ] {
        let dir = letter_saying(&format!("\nZie ook {written}.\n"));
        let source = std::fs::read_to_string(dir.path().join(LETTER_TEXT)).unwrap();
        let line = source.lines().position(|l| l.contains(written)).unwrap() + 1;
        stops_the_letter(
            dir.path(),
            &[
                &format!(
                    "{LETTER_TEXT}, regel {line}: de link `{link}` in `{LETTER_TEXT}` gaat niet naar een webpagina of e-mailadres"
                ),
                "hint: alleen links met https:, http: of mailto: komen in een document",
            ],
        );
    }
    // Web and e-mail addresses are links.
    let dir = letter_saying("\nZie [de site](https://www.maastricht.nl) of mail <griffie@maastricht.nl>.\n");
    let ran = missiedocs(dir.path(), &["render", "--data", "register.xlsx", "--out", "uit", "--only", LETTER]);
    assert_eq!(ran.code, 0, "{}", ran.stderr);
}

#[test]
fn markdown_nested_without_end_is_refused_without_a_crash() {
    for deep in ["> ".repeat(20_000), "*".repeat(50_000) + "x" + &"*".repeat(50_000), "<b>".repeat(30_000)] {
        let dir = letter_saying(&format!("\n{deep}\n"));
        stops_the_letter(
            dir.path(),
            &["is dieper dan 12 niveaus in elkaar gezet", "hint: maak de opbouw van de tekst platter"],
        );
    }
    // Nested as deep as allowed, it is typeset.
    let dir = letter_saying(&format!("\n{}**vet** en *schuin*\n", "> ".repeat(9)));
    let ran = missiedocs(dir.path(), &["render", "--data", "register.xlsx", "--out", "uit", "--only", LETTER]);
    assert_eq!(ran.code, 0, "{}", ran.stderr);
    assert!(squash(&pdf_text(&dir.path().join(format!("uit/{LETTER}.pdf")))).contains("vet en schuin"));
}

#[test]
fn html_blocks_and_footnotes_without_their_other_half_are_refused() {
    for (extra, says) in [
        (
            "\n<div>\nDe delegatie bezocht ook Shanghai.\n</div>\n",
            "bevat een blok HTML (`<div>`) dat niet kan worden afgedrukt",
        ),
        (
            "\n<details><summary>Meer</summary>Kosten</details>\n",
            "bevat een blok HTML (`<details><summary>Meer</summary>Kosten</details>`)",
        ),
        ("\nZie de bijlage[^2].\n", "verwijst naar voetnoot `[^2]`, maar die voetnoot staat nergens"),
        (
            "\n[^oud]: Een voetnoot die niemand noemt.\n",
            "voetnoot `[^oud]` staat in `teksten/stedenband-chengdu.md`, maar de tekst verwijst er nergens naar",
        ),
    ] {
        let dir = letter_saying(extra);
        stops_the_letter(dir.path(), &[says]);
    }
    // A comment is meant not to print.
    let dir = letter_saying("\n<!-- nog nakijken -->\n\nZie de bijlage[^1].\n\n[^1]: De presentatie.\n");
    let ran = missiedocs(dir.path(), &["render", "--data", "register.xlsx", "--out", "uit", "--only", LETTER]);
    assert_eq!(ran.code, 0, "{}", ran.stderr);
}

#[test]
fn a_workbook_that_inflates_past_the_limit_is_refused_before_it_is_parsed() {
    let mut sheets = sample::sheets();
    sheets.push(Sheet::text("Leeg", &[&["Kop"], &["waarde"]]));
    let dir = data_dir(&sheets);
    let book = dir.path().join("register.xlsx");
    let padding = " ".repeat(300 << 20);
    let part = format!("xl/worksheets/sheet{}.xml", sheets.len());
    patch_zip(&book, |name, text| {
        if name == part { text.replacen("<sheetData>", &format!("<sheetData>{padding}"), 1) } else { text }
    });
    assert!(std::fs::metadata(&book).unwrap().len() < 4 << 20);
    for command in ["check", "render"] {
        let ran = missiedocs(
            dir.path(),
            &[command, "--data", "register.xlsx", "--out", "uit"][..if command == "check" { 3 } else { 5 }],
        );
        assert_eq!(ran.code, 2, "{}", ran.stderr);
        assert_stderr(&ran, &[&format!("register.xlsx`: het onderdeel `{part}` pakt uit tot meer dan 256 MB")]);
    }
}

#[test]
fn a_word_too_long_for_any_line_is_refused_at_its_cell_or_line() {
    let mut sheets = sample::sheets();
    let chengdu = crate::support::register::mission_row(&mut sheets, "MAA-2019-CDU");
    let token = "x".repeat(30_000); // Excel holds at most 32,767 characters a cell
    crate::support::register::sheet(&mut sheets, "Missies").rows[chengdu][9] = V::from(token.as_str());
    let dir = data_dir(&sheets);
    let (check, render, _) = check_and_render(dir.path(), "register.xlsx");
    assert_eq!((check.code, render.code), (1, 1), "{}\n{}", check.stderr, render.stderr);
    for ran in [&check, &render] {
        assert_stderr(
            ran,
            &[&format!(
                "blad `Missies`, rij {}, kolom `Doel`: de cel bevat een woord van 30000 tekens zonder spatie",
                chengdu + 1
            )],
        );
        assert!(ran.stderr.len() < 20_000, "the value is quoted short: {} bytes", ran.stderr.len());
        assert!(!ran.stderr.contains("32767"), "no engine text: {}", ran.stderr);
    }
    let dir = letter_saying(&format!("\nZie {}.\n", "y".repeat(5_000)));
    stops_the_letter(dir.path(), &["bevat een woord van meer dan 1000 tekens zonder spatie (`yyyy"]);
    // Split by an escape into pieces the parser reads apart, it is one word on the page.
    let dir = letter_saying(&format!("\nZie {}\\_{}.\n", "z".repeat(600), "z".repeat(600)));
    stops_the_letter(dir.path(), &["bevat een woord van meer dan 1000 tekens zonder spatie (`zzzz"]);
}

#[test]
fn hidden_rows_are_left_out_of_appendices_and_named() {
    let sheets = sample::sheets();
    let index = |name: &str| sheets.iter().position(|s| s.name == name).unwrap() + 1;
    let first_cell = |name: &str, value: &str| {
        let sheet = sheets.iter().find(|s| s.name == name).unwrap();
        sheet.rows.iter().position(|r| matches!(r.first(), Some(V::T(t)) if t == value)).unwrap() + 1
    };
    let (begroting, flevoland) = (index("Begroting"), first_cell("Begroting", "Flevoland"));
    let deelnemers = index("Deelnemers");
    let dir = data_dir(&sheets);
    patch_zip(&dir.path().join("register.xlsx"), |name, text| {
        if name == format!("xl/worksheets/sheet{begroting}.xml") {
            text.replace(&format!(r#"<row r="{flevoland}""#), &format!(r#"<row r="{flevoland}" hidden="1""#))
        } else if name == format!("xl/worksheets/sheet{deelnemers}.xml") {
            text.replace(r#"<row r="3""#, r#"<row r="3" hidden="1""#)
        } else {
            text
        }
    });
    let (check, render, manifest) = check_and_render(dir.path(), "register.xlsx");
    assert_eq!((check.code, render.code), (0, 0), "{}\n{}", check.stderr, render.stderr);
    let members = "blad `Deelnemers`: rij 3 verborgen in het werkboek; die worden gelezen als alle andere rijen";
    let appendix = format!("verborgen rijen van blad `Begroting` staan niet in de bijlage: rij {flevoland}");
    for ran in [&check, &render] {
        assert_stderr(ran, &[members, &appendix]);
    }
    assert!(manifest["waarschuwingen"].to_string().contains(members), "{manifest:#}");
    assert!(entry(&manifest, REPORT)["waarschuwingen"].to_string().contains(&appendix), "{manifest:#}");
    let report = squash(&pdf_text(&dir.path().join(format!("uit/{REPORT}.pdf"))));
    assert!(!report.contains("Flevoland"), "the hidden row is printed");
    assert!(report.contains("Noord-Brabant"), "{report}");
}
