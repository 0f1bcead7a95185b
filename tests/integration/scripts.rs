//! Every script the partners write in: Chinese, Japanese, Korean, Arabic
//! (right to left) and Greek names render under PDF/A-2a + PDF/UA-1 with
//! the bundled fallback fonts, and read back from the PDF — in a letter and
//! in a report.

use std::path::Path;

use crate::support::{Sheet, assert_holds, missiedocs, pdf_text, write_csv_dir};

fn register(dir: &Path) {
    let data = dir.join("register");
    let sheets = [
        Sheet::text("Afzender", &[&["veld", "waarde"], &["naam", "Gemeente Maastricht"]]),
        Sheet::text(
            "Missies",
            &[
                &["missie", "titel", "richting", "partner", "begindatum"],
                &["M1", "Werkbezoek Hangzhou", "uitgaand", "杭州市余杭区", "12-9-2022"],
                &["M2", "Bezoek Rabat", "uitgaand", "الرباط", "1-3-2023"],
                &["M3", "Bezoek Thessaloniki", "inkomend", "Θεσσαλονίκη", "1-5-2023"],
            ],
        ),
        Sheet::text(
            "Deelnemers",
            &[
                &["missie", "naam", "organisatie"],
                &["M1", "李明", "浙江大学"],
                &["M1", "김민준", "서울대학교"],
                &["M1", "山田太郎", "東京大学"],
                &["M2", "محمد العلوي", "جامعة محمد الخامس"],
                &["M3", "Γιώργος Παπαδόπουλος", "Δήμος Θεσσαλονίκης"],
            ],
        ),
        Sheet::text(
            "Resultaten",
            &[&["missie", "thema", "omschrijving"], &["M1", "Handel", "Samenwerking met 杭州 (Hangzhou)"]],
        ),
        Sheet::text(
            "Documenten",
            &[
                &["document", "sjabloon", "onderwerp", "datum", "missie", "partner", "van", "tot", "tekst"],
                &[
                    "rib-hz",
                    "raadsinformatiebrief",
                    "Werkbezoek {{ missie.partner }}",
                    "1-10-2022",
                    "M1",
                    "",
                    "",
                    "",
                    "teksten/brief.md",
                ],
                &[
                    "rib-rb",
                    "raadsinformatiebrief",
                    "Bezoek {{ missie.partner }}",
                    "1-4-2023",
                    "M2",
                    "",
                    "",
                    "",
                    "teksten/brief.md",
                ],
                &[
                    "rib-th",
                    "raadsinformatiebrief",
                    "Bezoek {{ missie.partner }}",
                    "1-6-2023",
                    "M3",
                    "",
                    "",
                    "",
                    "teksten/brief.md",
                ],
                &[
                    "evaluatie-hz",
                    "evaluatie",
                    "Evaluatie {{ document.partner }}",
                    "1-1-2024",
                    "",
                    "杭州市余杭区",
                    "1-1-2022",
                    "31-12-2023",
                    "teksten/rapport.md",
                ],
            ],
        ),
    ];
    write_csv_dir(&data, &sheets, false);
    std::fs::create_dir_all(data.join("teksten")).unwrap();
    std::fs::write(
        data.join("teksten/brief.md"),
        "## Delegatie\n\n{% for d in missie.deelnemers %}\n- **{{ d.naam }}** ({{ d.organisatie }})\n{% endfor %}\n",
    )
    .unwrap();
    std::fs::write(
        data.join("teksten/rapport.md"),
        "# Inleiding\n\nDe relatie met {{ document.partner }}.\n\n# Conclusie\n\nGoed.\n",
    )
    .unwrap();
}

#[test]
fn chinese_japanese_korean_arabic_and_greek_names_render_and_read_back() {
    let dir = tempfile::tempdir().unwrap();
    register(dir.path());
    // The default standard: PDF/A-2a + PDF/UA-1, where a missing glyph is an error.
    let ran = missiedocs(dir.path(), &["render", "--data", "register", "--out", "uit", "--quiet"]);
    assert_eq!(ran.code, 0, "{}", ran.stderr);
    let read = |id: &str| pdf_text(&dir.path().join(format!("uit/{id}.pdf")));
    assert_holds(
        "Chinese, Korean, Japanese",
        &read("rib-hz"),
        &["Werkbezoek 杭州市余杭区", "李明 (浙江大学)", "김민준 (서울대학교)", "山田太郎 (東京大学)"],
    );
    // Arabic is drawn right to left: the PDF library reads its glyphs in
    // drawing order, each word's letters reversed.
    let arabic = read("rib-rb");
    for name in ["الرباط", "محمد", "العلوي", "جامعة", "الخامس"] {
        let drawn: String = name.chars().rev().collect();
        assert!(arabic.contains(&drawn), "{name} in:\n{arabic}");
    }
    assert_holds("Greek", &read("rib-th"), &["Bezoek Θεσσαλονίκη", "Γιώργος Παπαδόπουλος (Δήμος Θεσσαλονίκης)"]);
    assert_holds(
        "report",
        &read("evaluatie-hz"),
        &["Evaluatie 杭州市余杭区", "De relatie met 杭州市余杭区.", "Samenwerking met 杭州 (Hangzhou)"],
    );
}

/// A character no font has (an emoji, a private-use character) is a check
/// problem at its cell or text line, and stops only the documents using it.
#[test]
fn a_character_no_font_has_is_a_problem_at_its_place() {
    let dir = tempfile::tempdir().unwrap();
    register(dir.path());
    let data = dir.path().join("register");
    let members = std::fs::read_to_string(data.join("deelnemers.csv")).unwrap().replace("李明", "李明 😀");
    std::fs::write(data.join("deelnemers.csv"), members).unwrap();
    std::fs::write(data.join("teksten/rapport.md"), "# Inleiding\n\nDe relatie.\n\nGroet \u{E000} uit Hangzhou.\n")
        .unwrap();
    let expected = [
        "deelnemers.csv, blad `deelnemers`, rij 2, kolom `naam`: het teken `😀` (U+1F600) staat in geen enkel \
         lettertype en kan niet worden afgedrukt (`李明 😀`)",
        "register/teksten/rapport.md, regel 5: het teken `\u{E000}` (U+E000) staat in geen enkel lettertype",
        "hint: laat het teken weg of vervang het door tekst",
    ];
    let checked = missiedocs(dir.path(), &["check", "--data", "register"]);
    assert_eq!(checked.code, 1, "{}", checked.stderr);
    crate::support::assert_stderr(&checked, &expected);
    let ran = missiedocs(dir.path(), &["render", "--data", "register", "--out", "uit", "--quiet"]);
    assert_eq!(ran.code, 1, "{}", ran.stderr);
    crate::support::assert_stderr(
        &ran,
        &["document `rib-hz` is niet gemaakt", "document `evaluatie-hz` is niet gemaakt", expected[0], expected[1]],
    );
    assert!(!ran.stderr.contains("could not be displayed"), "{}", ran.stderr);
    for (id, made) in [("rib-hz", false), ("evaluatie-hz", false), ("rib-rb", true), ("rib-th", true)] {
        assert_eq!(dir.path().join(format!("uit/{id}.pdf")).exists(), made, "{id}");
    }
    // Asked for alone, a document is typeset ahead while the data is
    // checked; what the checks then find still stops it.
    for (id, expected) in [("rib-hz", expected[0]), ("evaluatie-hz", expected[1])] {
        let ran = missiedocs(dir.path(), &["render", "--data", "register", "--out", "alleen", "--only", id]);
        assert_eq!(ran.code, 1, "{}", ran.stderr);
        crate::support::assert_stderr(&ran, &[&format!("document `{id}` is niet gemaakt"), expected]);
        assert!(!dir.path().join(format!("alleen/{id}.pdf")).exists(), "{id}");
    }
}

/// The font families embedded in a PDF (`BaseFont` without the subset tag).
fn embedded_fonts(pdf: &Path) -> Vec<String> {
    let doc = lopdf::Document::load(pdf).unwrap();
    let mut names: Vec<String> = doc
        .objects
        .values()
        .filter_map(|o| o.as_dict().ok())
        .filter(|d| d.get(b"Type").and_then(lopdf::Object::as_name).is_ok_and(|t| t == b"Font"))
        .filter_map(|d| d.get(b"BaseFont").and_then(lopdf::Object::as_name).ok())
        .map(|n| String::from_utf8_lossy(n).split('+').next_back().unwrap_or_default().to_string())
        .collect();
    names.sort();
    names.dedup();
    names
}

/// A house font: its files in `sjablonen/fonts/`, its family in Afzender as
/// `lettertype`. A family no font has, or a font file that cannot be read,
/// is a check problem.
#[test]
fn a_house_font_from_the_template_folder_sets_the_senders_documents() {
    let dir = tempfile::tempdir().unwrap();
    register(dir.path());
    let data = dir.path().join("register");
    let fonts = data.join("sjablonen/fonts");
    std::fs::create_dir_all(&fonts).unwrap();
    // A font from the repository stands in for an organisation's own.
    std::fs::copy(crate::support::root().join("templates/fonts/NanumGothic.ttf"), fonts.join("huisletter.ttf"))
        .unwrap();
    let sender = |lettertype: &str| {
        std::fs::write(
            data.join("afzender.csv"),
            format!("veld;waarde\nnaam;Gemeente Maastricht\nlettertype;{lettertype}\n"),
        )
        .unwrap();
    };

    let ran =
        missiedocs(dir.path(), &["render", "--data", "register", "--out", "zonder", "--quiet", "--only", "rib-th"]);
    assert_eq!(ran.code, 0, "{}", ran.stderr);
    assert!(!embedded_fonts(&dir.path().join("zonder/rib-th.pdf")).iter().any(|f| f.contains("Nanum")));

    sender("NanumGothic");
    let ran = missiedocs(dir.path(), &["render", "--data", "register", "--out", "met", "--quiet", "--only", "rib-th"]);
    assert_eq!(ran.code, 0, "{}", ran.stderr);
    let embedded = embedded_fonts(&dir.path().join("met/rib-th.pdf"));
    assert!(embedded.iter().any(|f| f.contains("NanumGothic")), "{embedded:?}");
    assert_holds("house font", &pdf_text(&dir.path().join("met/rib-th.pdf")), &["Bezoek Θεσσαλονίκη"]);

    sender("Huisletter Sans");
    std::fs::write(fonts.join("kapot.otf"), "geen lettertype").unwrap();
    let checked = missiedocs(dir.path(), &["check", "--data", "register"]);
    assert_eq!(checked.code, 1, "{}", checked.stderr);
    crate::support::assert_stderr(
        &checked,
        &[
            "afzender.csv, blad `afzender`, rij 3, kolom `waarde`: geen lettertype heet `Huisletter Sans`",
            "hint: zet de lettertypebestanden in `sjablonen/fonts/`",
            "NanumGothic",
            "sjablonen/fonts/kapot.otf: het lettertype `fonts/kapot.otf` kan niet worden gelezen",
        ],
    );
}
