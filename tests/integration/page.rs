//! The page as a griffier sends it, read back from the PDFs with positions,
//! sizes, tags and languages: names in other scripts tagged with their
//! language; values from the data never hyphenated and dates never broken;
//! the address block inside the envelope window, abroad with the country
//! under the return address; a salutation in Dutch usage; the side column
//! fitted, and what cannot fit refused at its cell; empty fields read out
//! as `geen`; a memo with a memo's header; each heading level its own
//! size; the closing never alone on a page.

use std::collections::BTreeSet;
use std::path::Path;

use lopdf::{Document, Object};

use crate::support::layout::{Run, text_runs};
use crate::support::{Sheet, assert_holds, assert_stderr, entry, manifest, missiedocs, pdf_pages, pdf_text, squash};

const MM: f64 = 72.0 / 25.4;
/// The letter's left margin and the window's width (templates/lib/brief.typ).
const LEFT: f64 = 24.0 * MM;
const WINDOW: f64 = 85.0 * MM;
/// The side column's right edge.
const SIDE_RIGHT: f64 = (24.0 + 132.0 + 44.0) * MM;

const THANKS: &str = "Hartelijk dank dat u namens {{ deelnemer.organisatie }} meereisde naar {{ missie.partner }} \
van {{ missie.begindatum|datum }} tot en met {{ missie.einddatum|datum }}. Samen met {{ deelnemer.organisatie }} \
bouwen we verder aan de samenwerking met {{ missie.partner }}.\n";

fn sender() -> Sheet {
    Sheet::text(
        "Afzender",
        &[
            &["veld", "waarde"],
            &["naam", "Gemeente Voorbeeldstad"],
            &["plaats", "Voorbeeldstad"],
            &["retouradres", "Postbus 1000, 1234 AB Voorbeeldstad"],
            &["bezoekadres", "Stadhuisplein 1; 1234 AB Voorbeeldstad"],
        ],
    )
}

fn missions() -> Sheet {
    Sheet::text(
        "Missies",
        &[
            &["missie", "titel", "richting", "partner", "land", "begindatum", "einddatum"],
            &["M1", "Handelsmissie China", "uitgaand", "Chengdu", "China", "12-9-2022", "16-9-2022"],
            &["M2", "Werkbezoek Tokio", "uitgaand", "Tokio", "Japan", "3-4-2023", "7-4-2023"],
        ],
    )
}

/// Members in five scripts and one with titles, initials and a long
/// organisation; a thank-you letter to each.
fn members(dir: &Path) {
    let data = dir.join("data");
    let sheets = [
        sender(),
        missions(),
        Sheet::text(
            "Deelnemers",
            &[
                &["missie", "naam", "organisatie", "adres", "postcode", "plaats", "land"],
                &[
                    "M1",
                    "drs. ing. P.H.M. van der Heijden-Vermeulen",
                    "Kenniscentrum Internationale Samenwerking en Handelsbevordering Midden-Nederland",
                    "Oudegracht 1",
                    "3511 AB",
                    "Utrecht",
                    "",
                ],
                &["M1", "李明", "成都市人民政府外事办公室", "1 Fuqian Road", "610000", "Chengdu", "China"],
                &["M1", "김민준", "서울특별시청", "110 Sejong-daero", "04524", "Seoul", "Zuid-Korea"],
                &["M1", "محمد علي", "غرفة القاهرة", "1 Tahrir Square", "11511", "Cairo", "Egypte"],
                &["M2", "山田太郎", "東京都庁", "2-8-1 Nishi-Shinjuku", "163-8001", "Tokyo", "Japan"],
            ],
        ),
        Sheet::text(
            "Documenten",
            &[
                &["document", "sjabloon", "onderwerp", "datum", "missie", "per", "tekst", "ondertekenaar"],
                &[
                    "bedankt",
                    "brief",
                    "Handelsmissie {{ missie.partner }}",
                    "3-10-2022",
                    "M1",
                    "deelnemer",
                    "bedankt.md",
                    "A. de Vries",
                ],
                &[
                    "tokio",
                    "brief",
                    "Werkbezoek {{ missie.partner }}",
                    "1-5-2023",
                    "M2",
                    "deelnemer",
                    "bedankt.md",
                    "A. de Vries",
                ],
            ],
        ),
    ];
    crate::support::write_csv_dir(&data, &sheets, false);
    std::fs::write(data.join("bedankt.md"), THANKS).unwrap();
}

/// Every language a PDF's tags and marked content name.
fn languages(path: &Path) -> BTreeSet<String> {
    let doc = Document::load(path).unwrap();
    let mut langs = BTreeSet::new();
    for object in doc.objects.values() {
        let dict = match object {
            Object::Dictionary(d) => d,
            Object::Stream(s) => &s.dict,
            _ => continue,
        };
        if let Ok(lang) = dict.get(b"Lang").and_then(lopdf::decode_text_string) {
            langs.insert(lang);
        }
    }
    for page in doc.get_pages().into_values() {
        let content = lopdf::content::Content::decode(&doc.get_page_content(page)).unwrap();
        for op in content.operations.iter().filter(|op| op.operator == "BDC") {
            if let Some(Object::Dictionary(props)) = op.operands.get(1)
                && let Ok(lang) = props.get(b"Lang")
            {
                langs.insert(lopdf::decode_text_string(lang).unwrap());
            }
        }
    }
    langs
}

/// The runs of the address block: under the return address, above the salutation.
fn address_runs<'r>(runs: &'r [Run], first_line: &str) -> Vec<&'r Run> {
    let top = runs.iter().find(|r| r.page == 1 && r.text.contains(first_line)).expect("address block").y;
    let salutation = runs.iter().find(|r| r.page == 1 && r.text.starts_with("Geachte")).map_or(0.0, |r| r.y);
    runs.iter().filter(|r| r.page == 1 && r.x < LEFT + WINDOW && r.y <= top + 0.5 && r.y > salutation).collect()
}

#[test]
fn letters_to_members_in_any_script_read_as_a_griffier_sends_them() {
    let dir = tempfile::tempdir().unwrap();
    members(dir.path());
    let ran = missiedocs(dir.path(), &["render", "--data", "data", "--out", "uit", "--quiet"]);
    assert_eq!(ran.code, 0, "{}", ran.stderr);
    assert_stderr(&ran, &["5 gemaakt, 0 mislukt"]);
    let out = dir.path().join("uit");

    // Dutch usage: no titles or initials, the tussenvoegsel capitalised;
    // at home no country line.
    let file =
        |prefix: &str, name: &str| out.join(format!("{prefix}-{}.pdf", missiedocs::model::recipients::slug(name)));
    let dutch = file("bedankt", "drs. ing. P.H.M. van der Heijden-Vermeulen");
    let text = pdf_text(&dutch);
    assert_holds(
        "letter at home",
        &text,
        &[
            "Geachte heer/mevrouw Van der Heijden-Vermeulen,",
            "RETOURADRES Postbus 1000, 1234 AB Voorbeeldstad drs. ing.",
        ],
    );
    assert!(!text.contains("NETHERLANDS"), "{text}");
    // The long organisation wraps between words inside the window, never
    // hyphenated; the data's values are whole on every line.
    let runs = text_runs(&dutch);
    let block = address_runs(&runs, "drs. ing.");
    assert!(block.len() >= 5, "{block:#?}");
    for run in &block {
        assert!(run.right <= LEFT + WINDOW + 0.5, "{run:?} leaves the window");
        assert!(!run.text.trim_end().ends_with(['-', '\u{ad}']) || run.text.contains("Midden-"), "{run:?}");
    }
    let lines: Vec<String> = runs.iter().filter(|r| r.page == 1).map(|r| r.text.clone()).collect();
    for word in ["Kenniscentrum", "Internationale", "Handelsbevordering", "Samenwerking", "Voorbeeldstad"] {
        assert!(lines.iter().any(|l| l.contains(word)), "{word} is broken somewhere: {lines:#?}");
    }
    let body = squash(&pdf_pages(&dutch)[0]);
    assert!(body.contains("van 12 september 2022 tot en met 16 september 2022"), "{body}");
    // A date is one unbreakable run: day, month and year together.
    let dates: Vec<String> =
        runs.iter().filter(|r| r.text.contains("september")).map(|r| r.text.replace('\u{a0}', " ")).collect();
    assert!(dates.len() >= 2, "{lines:#?}");
    assert!(dates.iter().all(|d| d.contains("12 september 2022") || d.contains("16 september 2022")), "{dates:#?}");

    // Abroad: the country under the address and after the return address;
    // the name and organisation tagged with their language.
    for (prefix, name, country, lang) in [
        ("bedankt", "李明", "CHINA", "zh"),
        ("bedankt", "김민준", "ZUID-KOREA", "ko"),
        ("bedankt", "محمد علي", "EGYPTE", "ar"),
        ("tokio", "山田太郎", "JAPAN", "ja"),
    ] {
        let path = file(prefix, name);
        let file = path.display();
        let text = pdf_text(&path);
        assert_holds(&file.to_string(), &text, &["Postbus 1000, 1234 AB Voorbeeldstad, NETHERLANDS", country]);
        let langs = languages(&path);
        assert!(langs.contains(lang) && langs.contains("nl"), "{file}: {langs:?}");
    }
    // Han characters alone are Chinese unless the partner is in Japan.
    assert!(!languages(&file("bedankt", "李明")).contains("ja"));
}

/// A council letter whose row sets the given e-mail address and reference.
fn council_letter(dir: &Path, rows: &[&[&str]]) {
    let data = dir.join("data");
    let mut documents: Vec<&[&str]> = vec![&[
        "document",
        "sjabloon",
        "onderwerp",
        "datum",
        "missie",
        "tekst",
        "ondertekenaar",
        "email",
        "kenmerk",
        "aan",
        "functie",
    ]];
    documents.extend_from_slice(rows);
    let sheets = [sender(), missions(), Sheet::text("Documenten", &documents)];
    crate::support::write_csv_dir(&data, &sheets, false);
    let long_text = (1..=40)
        .map(|i| format!("Alinea {i} over de missie naar {{{{ missie.partner }}}} en wat die opleverde voor de stad."))
        .collect::<Vec<_>>()
        .join("\n\n");
    std::fs::write(
        data.join("rib.md"),
        format!(
            "## Aanleiding\n\nDe missie.\n\n### Programma\n\nHet programma.\n\n#### Dag een\n\nDe eerste dag.\n\n\
             {long_text}\n\nDit is de laatste alinea.\n"
        ),
    )
    .unwrap();
}

#[test]
fn the_side_column_breaks_an_address_and_what_cannot_fit_is_refused_at_its_cell() {
    let dir = tempfile::tempdir().unwrap();
    let mail = "internationale.samenwerking.handelsbevordering@voorbeeldstad.nl";
    let long_reference = "2024/INTERNATIONALESAMENWERKINGMIDDENNEDERLAND";
    let nine_lines = "Een;Twee;Drie;Vier;Vijf;Zes;Zeven;Acht;Negen";
    council_letter(
        dir.path(),
        &[
            &[
                "rib-mail",
                "raadsinformatiebrief",
                "Missie {{ missie.partner }}",
                "1-10-2022",
                "M1",
                "rib.md",
                "J. Bakker",
                mail,
                "2022.001",
                "",
                "",
            ],
            &[
                "rib-kenmerk",
                "raadsinformatiebrief",
                "Missie",
                "1-10-2022",
                "M1",
                "rib.md",
                "J. Bakker",
                "",
                long_reference,
                "",
                "",
            ],
            &[
                "rib-aan",
                "raadsinformatiebrief",
                "Missie",
                "1-10-2022",
                "M1",
                "rib.md",
                "J. Bakker",
                "",
                "",
                nine_lines,
                "",
            ],
        ],
    );
    let check = missiedocs(dir.path(), &["check", "--data", "data"]);
    let ran = missiedocs(dir.path(), &["render", "--data", "data", "--out", "uit", "--quiet"]);
    for run in [&check, &ran] {
        assert_eq!(run.code, 1, "{}", run.stderr);
        assert_stderr(
            run,
            &[
                "rij 3, kolom `kenmerk`",
                "`INTERNATIONALESAMENWERKINGMIDDENNEDERLAND` past niet op één regel van 44 mm",
                "rij 4, kolom `aan`",
                "neemt 9 regels in; in het venster van de envelop passen er",
            ],
        );
    }
    let m = manifest(&dir.path().join("uit"));
    assert_eq!(entry(&m, "rib-kenmerk")["status"], "fout");
    assert_eq!(entry(&m, "rib-aan")["status"], "fout");
    assert_eq!(entry(&m, "rib-mail")["status"], "ok");

    // The long address breaks after its dots and `@`, inside the column.
    let letter = dir.path().join("uit/rib-mail.pdf");
    let runs = text_runs(&letter);
    for run in runs.iter().filter(|r| r.page == 1) {
        assert!(run.right <= SIDE_RIGHT + 0.5, "{run:?} runs off the column");
    }
    let column: Vec<&Run> = runs.iter().filter(|r| r.page == 1 && r.x > LEFT + 130.0 * MM).collect();
    let joined: String = column.iter().map(|r| r.text.trim()).collect();
    assert!(joined.contains(mail), "{joined}");
    assert!(column.iter().filter(|r| mail.contains(r.text.trim())).count() >= 2, "{column:#?}");

    // Each heading level its own size; the last paragraph goes with the
    // closing; an empty field is read out as `geen`.
    let size = |text: &str| runs.iter().find(|r| r.text.contains(text)).map(|r| (r.size, r.font.clone())).unwrap();
    let (h1, h2, h3, body) = (size("Aanleiding"), size("Programma"), size("Dag een"), size("De missie."));
    assert!(h1.0 > h2.0 && h2.0 > h3.0 && h3.0 >= body.0, "{h1:?} {h2:?} {h3:?} {body:?}");
    assert!(h1.1.contains("Bold") && h2.1.contains("Semibold"), "{h1:?} {h2:?}");
    assert!(h3.1.contains("Italic") && !h2.1.contains("Italic"), "{h2:?} {h3:?}");
    let page_of = |text: &str| runs.iter().find(|r| r.text.contains(text)).map(|r| r.page).unwrap();
    assert!(page_of("Hoogachtend") > 1, "the text should fill page 1");
    assert_eq!(page_of("Dit is de laatste alinea."), page_of("Hoogachtend"));
    let (_, alts) = crate::pdf::structure(&Document::load(&letter).unwrap());
    assert!(alts.iter().filter(|a| *a == "geen").count() >= 2, "{alts:?}");
}

#[test]
fn a_memo_has_a_memo_header_and_no_envelope_parts() {
    let dir = tempfile::tempdir().unwrap();
    council_letter(
        dir.path(),
        &[&[
            "memo",
            "collegememo",
            "Ontvangst delegatie {{ missie.partner }}",
            "18-2-2025",
            "M1",
            "rib.md",
            "J. Bakker",
            "",
            "2025.00045",
            "",
            "Wethouder Economie",
        ]],
    );
    let ran = missiedocs(dir.path(), &["render", "--data", "data", "--out", "uit", "--quiet"]);
    assert_eq!(ran.code, 0, "{}", ran.stderr);
    let memo = dir.path().join("uit/memo.pdf");
    let first = squash(&pdf_pages(&memo)[0]);
    assert_holds(
        "memo header",
        &first,
        &[
            "Collegememo",
            "AAN Het college van B en W",
            "VAN J. Bakker, Wethouder Economie",
            "DATUM 18 februari 2025",
            "ONDERWERP Ontvangst delegatie Chengdu",
            "KENMERK 2025.00045",
            "Geachte collegeleden,",
        ],
    );
    for absent in ["RETOURADRES", "UW REFERENTIE", "BEZOEKADRES", "Postbus 1000"] {
        assert!(!first.contains(absent), "a memo has no {absent}: {first}");
    }
    // The header reads top to bottom, each label on its value's baseline.
    let runs = text_runs(&memo);
    let y = |label: &str| runs.iter().find(|r| r.page == 1 && r.text.trim() == label).map(|r| r.y).unwrap();
    let value_y = |value: &str| runs.iter().find(|r| r.page == 1 && r.text.contains(value)).map(|r| r.y).unwrap();
    let order = ["AAN", "VAN", "DATUM", "ONDERWERP", "KENMERK"];
    assert!(order.windows(2).all(|w| y(w[0]) > y(w[1])), "{order:?} out of order");
    assert!((y("VAN") - value_y("J. Bakker, Wethouder")).abs() < 0.5);
}

/// A return address longer than the window holds is one problem at its
/// cell in the Afzender sheet, however many letters print it.
#[test]
fn a_return_address_that_cannot_fit_the_window_is_said_once() {
    let dir = tempfile::tempdir().unwrap();
    let long = "Gemeente Voorbeeldstad – Afdeling Internationale Samenwerking en Handelsbevordering – \
                Team Stedenbanden en Partnerschappen – Postbus 1000 – 1234 AB Voorbeeldstad – Nederland – Europa";
    let sheets = [
        Sheet::text("Afzender", &[&["veld", "waarde"], &["naam", "Gemeente Voorbeeldstad"], &["retouradres", long]]),
        missions(),
        Sheet::text(
            "Documenten",
            &[
                &["document", "sjabloon", "onderwerp", "datum", "missie"],
                &["rib-1", "raadsinformatiebrief", "Een", "1-10-2022", "M1"],
                &["rib-2", "raadsinformatiebrief", "Twee", "1-10-2022", "M1"],
            ],
        ),
    ];
    crate::support::write_csv_dir(&dir.path().join("data"), &sheets, false);
    let check = missiedocs(dir.path(), &["check", "--data", "data"]);
    assert_eq!(check.code, 1, "{}", check.stderr);
    assert_stderr(
        &check,
        &["blad `afzender`", "kolom `waarde`", "regels in het venster van de envelop in; er passen er 2"],
    );
    assert_eq!(check.stderr.matches("het retouradres neemt").count(), 1, "{}", check.stderr);
}
