//! Values that look readable but would print wrong, and outputs that would
//! outlive their document: each stops what uses it, at its place, the same
//! in `check` and `render`. And for any set of defects in a small register,
//! exactly the documents no defect touches are made.

use crate::support::register::{
    LETTER, MEMO, REPORT, STATENBRIEF, assert_made, check_and_render, data_dir, mission_row, sheet,
};
use crate::support::{V, assert_stderr, entry, missiedocs, sample, write_texts};

/// Columns of the sample's `Missies`.
const BEGIN: usize = 6;
const TITEL: usize = 1;
const LEIDING: usize = 8;
const BESTEMMING: usize = 5;
/// Column of `Bedrag` in the sample's `Resultaten`.
const BEDRAG: usize = 5;

/// The first row of a sheet whose first cell is `first` (a mission, a
/// document id, a sender's field).
fn row_of(sheets: &mut [crate::support::Sheet], name: &str, first: &str) -> usize {
    sheet(sheets, name).rows.iter().position(|r| matches!(r.first(), Some(V::T(k)) if k == first)).unwrap()
}

/// Runs `check` and `render` (into `uit`): both exit 1 and print every
/// line of `says`. Gives the render's manifest.
#[track_caller]
fn both_stop(dir: &std::path::Path, data: &str, says: &[&str]) -> serde_json::Value {
    let (check, render, manifest) = check_and_render(dir, data);
    assert_eq!((check.code, render.code), (1, 1), "{}\n{}", check.stderr, render.stderr);
    for ran in [&check, &render] {
        assert_stderr(ran, says);
    }
    manifest
}

#[test]
fn a_missing_members_sheet_stops_the_documents_whose_texts_count_members() {
    let mut sheets = sample::sheets();
    sheets.retain(|s| s.name != "Deelnemers");
    let dir = data_dir(&sheets);
    let manifest = both_stop(
        dir.path(),
        "register.xlsx",
        &["register.xlsx: blad `Deelnemers` ontbreekt", "voeg het blad dan toe met alleen de kopregel"],
    );
    // The Chengdu letter's text never names the members; the others do.
    assert_made(dir.path(), &manifest, &[LETTER], &[MEMO, STATENBRIEF, REPORT]);

    // Said to be empty, by a sheet with only its header, it is no problem.
    sheets.push(crate::support::Sheet::text("Deelnemers", &[&["Missie", "Naam"]]));
    let dir = data_dir(&sheets);
    let (check, render, manifest) = check_and_render(dir.path(), "register.xlsx");
    assert_eq!((check.code, render.code), (0, 0), "{}\n{}", check.stderr, render.stderr);
    assert_made(dir.path(), &manifest, &[LETTER, MEMO, STATENBRIEF, REPORT], &[]);
}

#[test]
fn a_two_digit_year_and_an_amount_too_big_to_hold_are_refused_and_old_pdfs_go() {
    let clean = sample::sheets();
    let mut sheets = clean.clone();
    let chengdu = mission_row(&mut sheets, "MAA-2019-CDU");
    sheet(&mut sheets, "Missies").rows[chengdu][BEGIN] = V::from("08-10-99");
    let guangdong = row_of(&mut sheets, "Resultaten", "UTR-2019-11");
    sheet(&mut sheets, "Resultaten").rows[guangdong][BEDRAG] = V::from("99999999999999999999999999");
    let dir = data_dir(&clean);
    // A first run makes every document; the second, on the bad data, into
    // the same folder, must not leave those PDFs beside a manifest that
    // says they were not made.
    let first = missiedocs(dir.path(), &["render", "--data", "register.xlsx", "--out", "uit", "--quiet"]);
    assert_eq!(first.code, 0, "{}", first.stderr);
    crate::support::write_xlsx(&dir.path().join("register.xlsx"), &sheets);
    let manifest = both_stop(
        dir.path(),
        "register.xlsx",
        &[
            &format!(
                "blad `Missies`, rij {}, kolom `Begin datum`: `08-10-99` heeft een jaar van twee cijfers",
                chengdu + 1
            ),
            "hint: schrijf het jaar voluit, zoals 22-11-2022",
            &format!(
                "blad `Resultaten`, rij {}, kolom `Bedrag`: `99999999999999999999999999` is te groot om exact te lezen",
                guangdong + 1
            ),
        ],
    );
    assert_made(dir.path(), &manifest, &[], &[LETTER, MEMO, STATENBRIEF, REPORT]);
    assert!(!dir.path().join(format!("uit/{LETTER}-met-bijlagen.pdf")).exists(), "the merged letter went too");
}

#[test]
fn a_number_cell_holding_nan_is_an_error_value() {
    let mut sheets = sample::sheets();
    let guangdong = row_of(&mut sheets, "Resultaten", "UTR-2019-11");
    sheet(&mut sheets, "Resultaten").rows[guangdong][BEDRAG] = V::N(424242.0);
    let dir = data_dir(&sheets);
    // Written by a program, not by a spreadsheet: NaN in a number cell.
    crate::support::patch_zip(&dir.path().join("register.xlsx"), |_, xml| xml.replace("<v>424242</v>", "<v>NaN</v>"));
    let manifest = both_stop(
        dir.path(),
        "register.xlsx",
        &[&format!("blad `Resultaten`, rij {}, kolom `Bedrag`: de cel bevat de foutwaarde `NaN`", guangdong + 1)],
    );
    assert_made(dir.path(), &manifest, &[LETTER, MEMO], &[STATENBRIEF, REPORT]);
    assert!(!crate::support::pdf_text(&dir.path().join(format!("uit/{LETTER}.pdf"))).contains("NaN"));
}

#[test]
fn a_blank_made_text_by_a_filter_still_stops_its_document() {
    let mut sheets = sample::sheets();
    let chengdu = mission_row(&mut sheets, "MAA-2019-CDU");
    sheet(&mut sheets, "Missies").rows[chengdu][LEIDING] = V::E;
    let dir = data_dir(&sheets);
    let text = dir.path().join("teksten/werkbezoek-chengdu.md");
    let written = std::fs::read_to_string(&text).unwrap();
    assert!(written.contains("{{ missie.leiding }}"));
    std::fs::write(&text, written.replace("{{ missie.leiding }}", "{{ (\"de \" ~ missie.leiding)|upper }}")).unwrap();
    let manifest = both_stop(
        dir.path(),
        "register.xlsx",
        &[&format!(
            "blad `Missies`, rij {}, kolom `Leiding`: de cel is leeg, maar `teksten/werkbezoek-chengdu.md` van \
                 document `{MEMO}` drukt haar af",
            chengdu + 1
        )],
    );
    assert_eq!(crate::support::entry(&manifest, MEMO)["status"], "fout");
    assert_made(dir.path(), &manifest, &[STATENBRIEF], &[MEMO]);

    // Given a default first, the text prints that.
    std::fs::write(
        &text,
        written.replace("{{ missie.leiding }}", "{{ missie.leiding|default(\"het college\")|upper }}"),
    )
    .unwrap();
    let render = missiedocs(dir.path(), &["render", "--data", "register.xlsx", "--out", "uit", "--only", MEMO]);
    assert_eq!(render.code, 0, "{}", render.stderr);
    let pdf = crate::support::pdf_text(&dir.path().join(format!("uit/{MEMO}.pdf")));
    assert!(crate::support::holds(&pdf, "onder leiding van HET COLLEGE"), "{pdf}");
}

#[test]
fn a_control_character_is_named_at_its_cell_by_check_and_render_alike() {
    let mut sheets = sample::sheets();
    let guangdong = mission_row(&mut sheets, "UTR-2019-11");
    // Byte 0x81 of a Windows-1252 file: no letter, a control character.
    sheet(&mut sheets, "Missies").rows[guangdong][TITEL] = V::from("Missie\u{81} Guangdong");
    // An escape sequence would recolour the terminal that shows the message.
    sheet(&mut sheets, "Missies").rows[guangdong][LEIDING] = V::from("J.\u{1b}[31m Jansen");
    let dir = tempfile::tempdir().unwrap();
    // The CSV folder is the data folder: the texts and the logo go in it.
    write_texts(&dir.path().join("register"));
    crate::support::write_csv_dir(&dir.path().join("register"), &sheets, true);
    let (check, render, manifest) = check_and_render(dir.path(), "register");
    assert_eq!((check.code, render.code), (1, 1), "{}\n{}", check.stderr, render.stderr);
    for ran in [&check, &render] {
        assert_stderr(
            ran,
            &[&format!(
                "register/missies.csv, blad `missies`, rij {}, kolom `Titel`: het stuurteken U+0081 is geen tekst en \
                 kan niet worden afgedrukt",
                guangdong + 1
            )],
        );
        assert!(!ran.stderr.contains("could not be displayed"), "{}", ran.stderr);
        assert_stderr(ran, &["kolom `Leiding`: het stuurteken U+001B is geen tekst", "(`J.\\u{001B}[31m Jansen`)"]);
        assert!(!ran.stderr.contains('\u{1b}'), "{}", ran.stderr);
    }
    assert_made(dir.path(), &manifest, &[LETTER, MEMO], &[STATENBRIEF, REPORT]);
}

#[test]
fn a_filter_no_document_answers_to_is_an_error() {
    let dir = data_dir(&sample::sheets());
    let ran = missiedocs(dir.path(), &["render", "--data", "register.xlsx", "--out", "uit", "--filter", "utr-2019-11"]);
    assert_eq!(ran.code, 1, "{}", ran.stderr);
    assert_stderr(
        &ran,
        &[
            "fout: `--filter utr-2019-11` past op geen document: geen missie of sjabloon heet zo",
            "hint: bedoelt u `UTR-2019-11`?",
        ],
    );
}

#[test]
fn a_sender_value_without_heading_and_a_bad_logo_are_named_at_their_cells() {
    let mut sheets = sample::sheets();
    let (phone, logo) = (row_of(&mut sheets, "Afzender", "telefoon"), row_of(&mut sheets, "Afzender", "logo"));
    let afzender = sheet(&mut sheets, "Afzender");
    afzender.rows[phone].push(V::from("of 06-12345678 (spoed)"));
    afzender.rows[logo][1] = V::from("../buiten.svg");
    let dir = data_dir(&sheets);
    let manifest = both_stop(
        dir.path(),
        "register.xlsx",
        &[
            &format!(
                "register.xlsx, blad `Afzender`, rij {}, kolom `C`: de waarde `of 06-12345678 (spoed)` \
                     staat in een kolom zonder kop",
                phone + 1
            ),
            &format!("register.xlsx, blad `Afzender`, rij {}, kolom `Waarde`: `../buiten.svg`", logo + 1),
        ],
    );
    // The Maastricht documents stop; Utrecht's have their own sender sheet.
    assert_made(dir.path(), &manifest, &[STATENBRIEF, REPORT], &[LETTER, MEMO]);
}

#[cfg(unix)]
#[test]
fn a_template_file_linked_outside_the_template_folder_is_not_read() {
    let dir = data_dir(&sample::sheets());
    let own = dir.path().join("sjablonen");
    std::fs::create_dir_all(&own).unwrap();
    std::fs::write(dir.path().join("geheim.txt"), "GEHEIM-7731").unwrap();
    std::os::unix::fs::symlink(dir.path().join("geheim.txt"), own.join("host.txt")).unwrap();
    std::fs::write(
        own.join("collegememo.typ"),
        "#import \"lib/brief.typ\": brief\n#brief(json(\"/data.json\"))\n#read(\"host.txt\")\n",
    )
    .unwrap();
    let ran = missiedocs(dir.path(), &["render", "--data", "register.xlsx", "--out", "uit", "--quiet"]);
    assert_eq!(ran.code, 1, "{}", ran.stderr);
    assert_stderr(&ran, &[&format!("fout: document `{MEMO}` is niet gemaakt"), "host.txt"]);
    let manifest = crate::support::manifest(&dir.path().join("uit"));
    assert_made(dir.path(), &manifest, &[LETTER], &[MEMO]);
    assert!(!ran.stderr.contains("GEHEIM-7731"));
}

#[test]
fn a_blank_list_a_text_enumerates_stops_its_document() {
    let mut sheets = sample::sheets();
    let guangdong = mission_row(&mut sheets, "UTR-2019-11");
    // Only separators: no place at all.
    sheet(&mut sheets, "Missies").rows[guangdong][BESTEMMING] = V::from(" ; ");
    let dir = data_dir(&sheets);
    let manifest = both_stop(
        dir.path(),
        "register.xlsx",
        &[&format!(
            "blad `Missies`, rij {}, kolom `Bestemming`: de cel is leeg, maar `teksten/missie-guangdong-2019.md` \
                 van document `{STATENBRIEF}` drukt haar af",
            guangdong + 1
        )],
    );
    assert_made(dir.path(), &manifest, &[LETTER, MEMO], &[STATENBRIEF]);
}

#[test]
fn a_csv_file_mixing_two_encodings_is_refused_naming_it() {
    let dir = tempfile::tempdir().unwrap();
    write_texts(&dir.path().join("register"));
    crate::support::write_csv_dir(&dir.path().join("register"), &sample::sheets(), false);
    // UTF-8 as saved, then a line pasted in from a Windows-1252 file.
    let missies = dir.path().join("register/missies.csv");
    let mut bytes = std::fs::read(&missies).unwrap();
    assert!(!bytes.is_ascii(), "the sample holds UTF-8 characters");
    bytes.extend_from_slice(b"EXTRA;Bezoek aan Tartu \xe2\x80\x93 Eesti;uitgaand;Tartu;Est\xeb;;1-1-2024\n");
    std::fs::write(&missies, bytes).unwrap();
    for args in [&["check", "--data", "register"][..], &["render", "--data", "register", "--out", "uit"]] {
        let ran = missiedocs(dir.path(), args);
        assert_ne!(ran.code, 0, "{}", ran.stderr);
        assert_stderr(
            &ran,
            &["register/missies.csv", "het bestand mengt UTF-8 en Windows-1252", "sla het op als CSV UTF-8"],
        );
        assert!(
            !dir.path().join("uit").exists() || std::fs::read_dir(dir.path().join("uit")).unwrap().next().is_none()
        );
    }
}

#[test]
fn document_ids_that_differ_only_in_capitals_are_one_file_and_refused() {
    let mut sheets = sample::sheets();
    let (memo, letter) = (row_of(&mut sheets, "Documenten", MEMO), row_of(&mut sheets, "Documenten", LETTER));
    let shouted = LETTER.to_uppercase();
    sheet(&mut sheets, "Documenten").rows[memo][0] = V::from(shouted.as_str());
    let dir = data_dir(&sheets);
    let says = format!(
        "blad `Documenten`, rij {}, kolom `Document`: document `{shouted}` komt ook voor in rij {}, als `{LETTER}`: \
         alleen hoofdletters verschillen",
        memo + 1,
        letter + 1
    );
    let manifest = both_stop(dir.path(), "register.xlsx", &[&says]);
    assert_made(dir.path(), &manifest, &[LETTER], &[&shouted]);
}

#[test]
fn a_document_whose_id_leaves_the_output_folder_removes_nothing_there() {
    let mut sheets = sample::sheets();
    let memo = row_of(&mut sheets, "Documenten", MEMO);
    sheet(&mut sheets, "Documenten").rows[memo][0] = V::from("../buiten");
    let dir = data_dir(&sheets);
    // Beside the output folder, where `uit/../buiten.pdf` points.
    std::fs::write(dir.path().join("buiten.pdf"), b"not ours").unwrap();
    let manifest = both_stop(dir.path(), "register.xlsx", &["kolom `Document`: het document-id bevat het teken `/`"]);
    assert_eq!(crate::support::entry(&manifest, "../buiten")["status"], "fout");
    assert_eq!(std::fs::read(dir.path().join("buiten.pdf")).unwrap(), b"not ours");
}

/// A small register for the property below: two partners, three missions,
/// a result each, two letters and two reports.
const REGISTER: [(&str, &[&str]); 4] = [
    (
        "missies",
        &[
            "missie;titel;richting;partner;begindatum;kosten",
            "A1;Reis A1;uitgaand;Alpha;12-5-2019;1000",
            "A2;Bezoek A2;inkomend;Alpha;3-3-2021;2000",
            "B1;Reis B1;uitgaand;Beta;1-6-2020;3000",
        ],
    ),
    (
        "resultaten",
        &[
            "missie;thema;omschrijving;bedrag;banen",
            "A1;Investeringen;Fabriek;1000000;10",
            "A2;Handel;Contract;500;1",
            "B1;Onderwijs;Uitwisseling;;",
        ],
    ),
    (
        "documenten",
        &[
            "document;sjabloon;onderwerp;datum;missie;partner;van;tot",
            "brief-a1;raadsinformatiebrief;Reis A1;1-7-2019;A1;;;",
            "brief-b1;raadsinformatiebrief;Reis B1;1-7-2020;B1;;;",
            "evaluatie-alpha;evaluatie;Evaluatie Alpha;1-1-2023;;Alpha;1-1-2018;31-12-2022",
            "evaluatie-beta;evaluatie;Evaluatie Beta;1-1-2023;;Beta;1-1-2018;31-12-2022",
        ],
    ),
    ("afzender", &["veld;waarde", "naam;Gemeente Proef"]),
];

/// Defects: (sheet, data row, column, bad value, the documents that use the cell).
fn defects() -> Vec<(&'static str, usize, usize, String, &'static [&'static str])> {
    let defects: [(&str, usize, usize, String, &[&str]); 11] = [
        ("missies", 1, 4, "31-02-2019".into(), &["brief-a1", "evaluatie-alpha"]),
        ("missies", 2, 5, "veel".into(), &["evaluatie-alpha"]),
        ("missies", 3, 4, "#N/A".into(), &["brief-b1", "evaluatie-beta"]),
        ("resultaten", 1, 3, "#DIV/0!".into(), &["brief-a1", "evaluatie-alpha"]),
        ("resultaten", 2, 4, "twee".into(), &["evaluatie-alpha"]),
        ("resultaten", 3, 3, "2,5 miljard?".into(), &["brief-b1", "evaluatie-beta"]),
        ("documenten", 1, 3, "morgen".into(), &["brief-a1"]),
        ("documenten", 4, 7, "#REF!".into(), &["evaluatie-beta"]),
        // An amount that reads two ways; words too long for any line.
        ("resultaten", 2, 3, "2,500".into(), &["evaluatie-alpha"]),
        ("missies", 3, 1, "x".repeat(1200), &["brief-b1", "evaluatie-beta"]),
        ("documenten", 2, 2, format!("Reis {}", "y".repeat(1500)), &["brief-b1"]),
    ];
    defects.into()
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig { cases: 12, failure_persistence: None, ..Default::default() })]

    /// For any set of defects, the documents made are exactly those no
    /// defect touches, and `check` and `render` agree on the exit code.
    #[test]
    fn exactly_the_documents_without_problems_are_made(chosen in proptest::collection::vec(proptest::bool::ANY, 11)) {
        let defects = defects();
        let dir = tempfile::tempdir().unwrap();
        let data = dir.path().join("register");
        std::fs::create_dir(&data).unwrap();
        for (name, lines) in REGISTER {
            let mut rows: Vec<Vec<String>> = lines.iter().map(|l| l.split(';').map(str::to_string).collect()).collect();
            for (i, (sheet, row, column, bad, _)) in defects.iter().enumerate() {
                if chosen[i] && *sheet == name {
                    rows[*row][*column] = bad.clone();
                }
            }
            let text: Vec<String> = rows.iter().map(|r| r.join(";")).collect();
            std::fs::write(data.join(format!("{name}.csv")), text.join("\r\n")).unwrap();
        }
        let touched: std::collections::BTreeSet<&str> =
            defects.iter().zip(&chosen).filter(|(_, c)| **c).flat_map(|(d, _)| d.4.iter().copied()).collect();
        let check = missiedocs(dir.path(), &["check", "--data", "register"]);
        let render = missiedocs(dir.path(), &["render", "--data", "register", "--out", "uit", "--quiet", "--pdf-standard", "none"]);
        let expected = i32::from(chosen.iter().any(|c| *c));
        proptest::prop_assert_eq!((check.code, render.code), (expected, expected), "{}\n{}", check.stderr, render.stderr);
        let manifest = crate::support::manifest(&dir.path().join("uit"));
        for id in ["brief-a1", "brief-b1", "evaluatie-alpha", "evaluatie-beta"] {
            let made = dir.path().join(format!("uit/{id}.pdf")).is_file();
            proptest::prop_assert_eq!(made, !touched.contains(id), "{}: {}", id, render.stderr);
            proptest::prop_assert_eq!(&entry(&manifest, id)["status"], if made { "ok" } else { "fout" });
        }
    }
}
