//! Letters as people make them: the sample's, every field printed; one
//! typed by hand, the same from `.xlsx`, `.ods` and CSV; the same bytes
//! from the same data; one in English; a house colour that is no colour.

use std::path::Path;

use crate::support::{
    Sheet, assert_holds, assert_stderr, missiedocs, pdf_pages, pdf_text, sample, squash, write_csv_dir, write_ods,
    write_texts, write_xlsx,
};

/// A temporary data folder with the sample texts and the given workbook.
pub(crate) fn sample_dir(write: impl FnOnce(&Path)) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    write_texts(&dir.path().join("data"));
    write(&dir.path().join("data"));
    dir
}

/// Keeps `data/voorbeeld.xlsx` in step with `tests/integration/support/sample/`.
/// `MISSIEDOCS_WRITE_SAMPLE=1 cargo test sample_workbook` rewrites the
/// workbook from its source first.
#[test]
fn sample_workbook_matches_its_source() {
    if std::env::var_os("MISSIEDOCS_WRITE_SAMPLE").is_some() {
        write_xlsx(&crate::support::root().join("data/voorbeeld.xlsx"), &sample::sheets());
        let annex = crate::support::root().join("data").join(sample::ANNEX);
        std::fs::create_dir_all(annex.parent().unwrap()).unwrap();
        std::fs::write(annex, sample::annex()).unwrap();
    }
    let committed = missiedocs::input::read(&crate::support::root().join("data/voorbeeld.xlsx")).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let fresh_path = dir.path().join("voorbeeld.xlsx");
    write_xlsx(&fresh_path, &sample::sheets());
    let fresh = missiedocs::input::read(&fresh_path).unwrap();
    assert_eq!(
        format!("{:?}", committed.sheets.iter().map(|s| (&s.name, &s.columns, &s.rows)).collect::<Vec<_>>()),
        format!("{:?}", fresh.sheets.iter().map(|s| (&s.name, &s.columns, &s.rows)).collect::<Vec<_>>()),
        "data/voorbeeld.xlsx is stale: run `MISSIEDOCS_WRITE_SAMPLE=1 cargo test sample_workbook`"
    );
    for (name, text) in sample::TEXTS {
        assert_eq!(std::fs::read_to_string(crate::support::root().join("data").join(name)).unwrap(), *text);
    }
    assert!(std::fs::read(crate::support::root().join("data").join(sample::ANNEX)).unwrap() == sample::annex());
}

#[test]
fn sample_renders_letters_with_every_field() {
    let dir = sample_dir(|data| write_xlsx(&data.join("missies.xlsx"), &sample::sheets()));
    let ran = missiedocs(dir.path(), &["render", "--data", "data/missies.xlsx", "--out", "uit", "--quiet"]);
    assert_eq!(ran.code, 0, "{}", ran.stderr);
    assert!(ran.stderr.contains("4 gemaakt, 0 mislukt"), "{}", ran.stderr);

    let letter = dir.path().join("uit/rib-2022-stedenband-chengdu.pdf");
    let pages = pdf_pages(&letter);
    let first = squash(&pages[0]);
    assert_holds(
        "page 1",
        &first,
        &[
            "Gemeente Maastricht",
            "Raadsinformatiebrief",
            "RETOURADRES Postbus 1992, 6201 BZ Maastricht",
            "Aan de dames en heren, leden van de gemeenteraad",
            "ONDERWERP Stedenband Chengdu",
            "DATUM 22 november 2022",
            "BIJLAGEN 6",
            "BEHANDELD DOOR HMJL (Helmy) Koolen",
            "TELEFOONNUMMER 043 350 5274",
            "ONZE REFERENTIE 2022.17761",
            "E-MAILADRES Helmy.koolen@maastricht.nl",
            // An empty field prints `--`, drawn, and reads as `geen` (see page.rs).
            "E-MAILADRES Helmy.koolen@maastricht.nl UW REFERENTIE RETOURADRES",
            "Geachte raadsleden,",
            "Stand van zaken stedenband",
        ],
    );
    let all = pdf_text(&letter);
    assert_holds(
        "letter",
        &all,
        &[
            "De stedenband bestaat sinds 2012",
            "13 september 2012: Ondertekening stedenband Chengdu, onder leiding van burgemeester O. Hoes.",
            "8 juni 2019 tot en met 12 juni 2019",
            "Hoogachtend,",
            "J.M. Penn-te Strake Burgemeester",
            "Notitie donatie mondmaskers",
            "Dutch Performing Arts",
        ],
    );
    assert!(pages.len() >= 2, "a two-page letter");
    let second = squash(&pages[1]);
    assert_holds("page 2", &second, &["DATUM 22 november 2022"]);
    // One form on every page, the seed's: `PAGINA` over `n van N`.
    for (n, page) in pages.iter().enumerate() {
        let page = squash(page);
        assert_holds(&format!("page {}", n + 1), &page, &[&format!("PAGINA {} van {}", n + 1, pages.len())]);
        assert!(!page.contains(" VAN "), "page {}: {page}", n + 1);
    }

    let memo = pdf_text(&dir.path().join("uit/memo-2019-werkbezoek-chengdu.pdf"));
    assert_holds(
        "memo",
        &memo,
        &[
            "Collegememo",
            "AAN Het college van B en W",
            "ONDERWERP Werkbezoek Chengdu 8 juni 2019 tot en met 12 juni 2019",
            "Geachte collegeleden,",
            "Brightlands Maastricht Health Campus",
            "€ 14.850",
            "wethouder Heijnen Wethouder Economie en Health",
        ],
    );
    let staten = pdf_text(&dir.path().join("uit/statenbrief-2020-missie-guangdong.pdf"));
    assert_holds(
        "statenbrief",
        &staten,
        &["Provincie Utrecht", "Statenbrief", "Geachte Statenleden,", "Investeringen (€ 5,5 miljoen, 52 banen)"],
    );

    let manifest = crate::support::manifest(&dir.path().join("uit"));
    let docs = manifest["documenten"].as_array().unwrap();
    assert_eq!(docs.len(), 4);
    assert_eq!(docs[0]["status"], "ok");
    assert_eq!(docs[0]["bestand"], "rib-2022-stedenband-chengdu.pdf");
    assert_eq!(docs[0]["paginas"].as_u64().unwrap() as usize, pages.len());
    let bytes = std::fs::read(&letter).unwrap();
    assert_eq!(docs[0]["sha256"], missiedocs::output::sha256(&bytes));
}

/// A small workbook typed the way people type: title rows, headers with
/// spaces and capitals, dates as text in several notations, amounts as text.
pub(crate) fn typed_by_hand() -> Vec<Sheet> {
    vec![
        Sheet::text(
            "afzender",
            &[
                &["Instellingen"],
                &["VELD", "WAARDE"],
                &["Naam", "Gemeente Weert"],
                &["Retour adres", "Postbus 950, 6000 AZ Weert"],
            ],
        ),
        Sheet::text(
            "MISSIES",
            &[
                &["Overzicht", "", ""],
                &[],
                &["Missie ID", "Titel", "Richting", "Partner", "Begin datum", "Eind-datum", "Leiding", "Kosten"],
                &[
                    "W-2018",
                    "Verlenging stedenband Yuhang",
                    "Uitgaand",
                    "Hangzhou/Yuhang",
                    "5 november 2018",
                    "9-11-2018",
                    "burgemeester Heijmans",
                    "€ 12.345,60",
                ],
                &[
                    "W-2013",
                    "Overeenkomst stedenband",
                    "uitgaand",
                    "Hangzhou/Yuhang",
                    "2013-04-22",
                    "",
                    "",
                    "3 duizend",
                ],
            ],
        ),
        Sheet::text(
            "Resultaten",
            &[
                &["missie", "thema", "omschrijving", "bedrag", "banen"],
                &["W-2018", "Onderwijs", "Uitwisseling *geen* $0 #8 [x] #read(\"/etc/passwd\")", "", ""],
                &["W-2018", "Investeringen", "Vestiging Europees magazijn", "1,5 mln", "1.135"],
            ],
        ),
        Sheet::text("Begroting", &[&["Begroting per provincie"], &["Provincie", "Budget"], &["Utrecht", "€ 15.000"]]),
        Sheet::text(
            "Documenten",
            &[
                &["Document", "Sjabloon", "Onderwerp", "Datum", "Missie", "Tekst", "Uw_kenmerk"],
                &[
                    "brief-w-2018",
                    "raadsinformatiebrief",
                    "Stedenband {{ missie.partner }}",
                    "12-11-2018",
                    "W-2018",
                    "tekst.md",
                    "RV-$1",
                ],
            ],
        ),
    ]
}

pub(crate) const TYPED_TEXT: &str = "Bezoek aan {{ missie.partner }} van {{ missie.begindatum|datum }} tot {{ missie.einddatum|datum }}.\n\n\
{% for r in resultaten %}\n- {{ r.thema }}: {{ r.omschrijving }}{% if r.bedrag %} ({{ r.bedrag|bedrag('miljoen') }}, {{ r.banen|getal }} banen){% endif %}\n{% endfor %}\n\n\
Kosten: {{ missie.kosten|bedrag }}. Budget {{ begroting[0].provincie }}: {{ begroting[0].budget|bedrag }}; \
{{ werkboek.missies|length }} missies in het register.\n";

fn assert_typed_letter(pdf: &Path) {
    let text = pdf_text(pdf);
    assert_holds(
        "letter",
        &text,
        &[
            "Gemeente Weert",
            "RETOURADRES Postbus 950, 6000 AZ Weert",
            "ONDERWERP Stedenband Hangzhou/Yuhang",
            "DATUM 12 november 2018",
            "UW REFERENTIE RV-$1",
            "BIJLAGEN BEHANDELD DOOR",
            "Bezoek aan Hangzhou/Yuhang van 5 november 2018 tot 9 november 2018.",
            "Uitwisseling *geen* $0 #8 [x] #read(\"/etc/passwd\")",
            "Investeringen: Vestiging Europees magazijn (€ 1,5 miljoen, 1.135 banen)",
            "Kosten: € 12.345,60. Budget Utrecht: € 15.000; 2 missies in het register.",
            "Geachte raadsleden,",
        ],
    );
}

#[test]
fn hand_typed_xlsx_ods_and_csv_render_the_same_letter() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    std::fs::write(root.join("tekst.md"), TYPED_TEXT).unwrap();
    write_xlsx(&root.join("weert.xlsx"), &typed_by_hand());
    write_ods(&root.join("weert.ods"), &typed_by_hand());
    std::fs::create_dir(root.join("csv")).unwrap();
    std::fs::write(root.join("csv/tekst.md"), TYPED_TEXT).unwrap();
    write_csv_dir(&root.join("csv"), &typed_by_hand(), true);
    for (data, out) in [("weert.xlsx", "uit-xlsx"), ("weert.ods", "uit-ods"), ("csv", "uit-csv")] {
        let ran = missiedocs(root, &["render", "--data", data, "--out", out, "--quiet"]);
        assert_eq!(ran.code, 0, "{data}: {}", ran.stderr);
        assert_typed_letter(&root.join(out).join("brief-w-2018.pdf"));
    }
}

#[test]
fn same_data_gives_identical_bytes() {
    let dir = sample_dir(|data| write_xlsx(&data.join("m.xlsx"), &sample::sheets()));
    for out in ["a", "b"] {
        let ran = missiedocs(dir.path(), &["render", "--data", "data/m.xlsx", "--out", out, "--quiet", "--jobs", "2"]);
        assert_eq!(ran.code, 0, "{}", ran.stderr);
    }
    for entry in std::fs::read_dir(dir.path().join("a")).unwrap() {
        let name = entry.unwrap().file_name();
        assert_eq!(
            std::fs::read(dir.path().join("a").join(&name)).unwrap(),
            std::fs::read(dir.path().join("b").join(&name)).unwrap(),
            "{name:?} differs between runs"
        );
    }
    // Each document alone — typeset ahead while the data is checked — is
    // the same bytes as in the run of all of them.
    let manifest = crate::support::manifest(&dir.path().join("a"));
    let ids: Vec<&str> =
        manifest["documenten"].as_array().unwrap().iter().map(|e| e["document"].as_str().unwrap()).collect();
    assert!(ids.len() >= 4, "{ids:?}");
    for id in &ids {
        let ran =
            missiedocs(dir.path(), &["render", "--data", "data/m.xlsx", "--out", "alleen", "--quiet", "--only", id]);
        assert_eq!(ran.code, 0, "{id}: {}", ran.stderr);
        let name = format!("{id}.pdf");
        assert!(
            std::fs::read(dir.path().join("alleen").join(&name)).unwrap()
                == std::fs::read(dir.path().join("a").join(&name)).unwrap(),
            "{name} alone differs from {name} among all"
        );
    }
}

/// A small register in CSV: one sender with `kleur`, one mission, a letter
/// and a memo in `taal`.
fn register(dir: &Path, kleur: &str, taal: &str) {
    let sheets = [
        Sheet::text(
            "Afzender",
            &[
                &["veld", "waarde"],
                &["naam", "Gemeente Maastricht"],
                &["retouradres", "Postbus 1992, 6201 BZ Maastricht"],
                &["bezoekadres", "Mosae Forum 10"],
                &["postadres", "Postbus 1992"],
                &["telefoon", "14 043"],
                &["kleur", kleur],
            ],
        ),
        Sheet::text(
            "Missies",
            &[
                &["missie", "titel", "richting", "partner", "begindatum"],
                &["M1", "Werkbezoek", "uitgaand", "Chengdu", "12-9-2022"],
            ],
        ),
        Sheet::text(
            "Documenten",
            &[
                &["document", "sjabloon", "onderwerp", "datum", "missie", "taal"],
                &["rib", "raadsinformatiebrief", "Visit {{ missie.partner }}", "1-10-2022", "M1", taal],
                &["memo", "collegememo", "Visit {{ missie.partner }}", "1-10-2022", "M1", taal],
            ],
        ),
    ];
    write_csv_dir(&dir.join("register"), &sheets, false);
}

/// Every word a letter prints follows its language: the side column's
/// labels, the return address, the kind, addressee, salutation and closing.
#[test]
fn a_letter_in_english_prints_every_word_in_english() {
    let dir = tempfile::tempdir().unwrap();
    register(dir.path(), "#9d1c20", "en");
    let ran = missiedocs(dir.path(), &["render", "--data", "register", "--out", "uit", "--quiet"]);
    assert_eq!(ran.code, 0, "{}", ran.stderr);
    let letter = pdf_text(&dir.path().join("uit/rib.pdf"));
    assert_holds(
        "letter",
        &letter,
        &[
            "Council information letter",
            "RETURN ADDRESS Postbus 1992",
            "To the members of the council",
            "VISITING ADDRESS Mosae Forum 10",
            "POSTAL ADDRESS Postbus 1992",
            "CONTACT 14 043",
            "SUBJECT Visit Chengdu",
            "DATE 1 October 2022",
            "Dear members of the council,",
            "Yours faithfully,",
        ],
    );
    for dutch in ["Bezoekadres", "BEZOEKADRES", "RETOURADRES", "Postadres", "Hoogachtend"] {
        assert!(!letter.contains(dutch), "{dutch} in:\n{letter}");
    }
    let memo = pdf_text(&dir.path().join("uit/memo.pdf"));
    assert_holds("memo", &memo, &["Memo to the executive board", "TO The executive board", "FROM", "SUBJECT"]);

    // In Dutch, the same register prints the Dutch words.
    let dir = tempfile::tempdir().unwrap();
    register(dir.path(), "#9d1c20", "nl");
    let ran = missiedocs(dir.path(), &["render", "--data", "register", "--out", "uit", "--quiet"]);
    assert_eq!(ran.code, 0, "{}", ran.stderr);
    let letter = pdf_text(&dir.path().join("uit/rib.pdf"));
    assert_holds("brief", &letter, &["RETOURADRES Postbus", "BEZOEKADRES Mosae Forum 10", "Hoogachtend,"]);
}

/// The house colour is checked like any value: a colour Typst cannot read
/// stops the sender's documents with its place, in check and render alike.
#[test]
fn a_colour_that_is_no_colour_stops_the_senders_documents() {
    let dir = tempfile::tempdir().unwrap();
    register(dir.path(), "donkerrood", "nl");
    let expected = [
        "afzender.csv, blad `afzender`, rij 7, kolom `waarde`: `donkerrood` is geen kleur",
        "hint: schrijf de kleur als #rrggbb, bijvoorbeeld #154273",
    ];
    let checked = missiedocs(dir.path(), &["check", "--data", "register"]);
    assert_eq!(checked.code, 1, "{}", checked.stderr);
    assert_stderr(&checked, &expected);
    let ran = missiedocs(dir.path(), &["render", "--data", "register", "--out", "uit", "--quiet"]);
    assert_eq!(ran.code, 1, "{}", ran.stderr);
    assert_stderr(&ran, &["document `rib` is niet gemaakt", expected[0]]);
    assert!(!dir.path().join("uit/rib.pdf").exists() && !dir.path().join("uit/memo.pdf").exists());
}
