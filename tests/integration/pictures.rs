//! Pictures: photos and maps in a text, a signature under a letter — placed
//! at most as wide as the text with their captions and alt texts in the tag
//! tree — and every bad picture a `check` problem at its place, stopping
//! only its own document.

use std::path::Path;

use lopdf::{Document, Object};

use crate::support::{Sheet, assert_holds, assert_stderr, missiedocs, pdf_text, png, png_claiming, write_csv_dir};

const MAP: &str = r##"<svg xmlns="http://www.w3.org/2000/svg" width="400" height="300" viewBox="0 0 400 300">
<rect width="400" height="300" fill="#dfe9f3"/><circle cx="260" cy="140" r="12" fill="#b2001c"/></svg>"##;

const SIGNATURE: &str = r##"<svg xmlns="http://www.w3.org/2000/svg" width="240" height="80" viewBox="0 0 240 80">
<path d="M10 60 C 40 10, 70 10, 90 50 S 150 80, 230 20" stroke="#123" stroke-width="3" fill="none"/></svg>"##;

/// A register with a letter (`rib`, text `teksten/rib.md`, signature
/// `handtekening`) and a memo without pictures; the pictures beside it.
fn register(dir: &Path, text: &str, handtekening: &str) {
    let data = dir.join("register");
    let sheets = [
        Sheet::text("Afzender", &[&["veld", "waarde"], &["naam", "Gemeente Maastricht"]]),
        Sheet::text(
            "Missies",
            &[
                &["missie", "titel", "richting", "partner", "begindatum"],
                &["M1", "Werkbezoek", "uitgaand", "Chengdu", "12-9-2022"],
            ],
        ),
        // The report counts results: none, said by a sheet with only its header.
        Sheet::text("Resultaten", &[&["missie", "thema", "omschrijving"]]),
        Sheet::text(
            "Documenten",
            &[
                &[
                    "document",
                    "sjabloon",
                    "onderwerp",
                    "datum",
                    "missie",
                    "tekst",
                    "ondertekenaar",
                    "handtekening",
                    "partner",
                    "van",
                    "tot",
                ],
                &[
                    "rib",
                    "raadsinformatiebrief",
                    "Werkbezoek",
                    "1-10-2022",
                    "M1",
                    "teksten/rib.md",
                    "J. Jansen",
                    handtekening,
                    "",
                    "",
                    "",
                ],
                &["memo", "collegememo", "Werkbezoek", "1-10-2022", "M1", "", "J. Jansen", "", "", "", ""],
                &[
                    "evaluatie",
                    "evaluatie",
                    "Evaluatie Chengdu",
                    "1-1-2023",
                    "",
                    "teksten/rapport.md",
                    "",
                    "",
                    "Chengdu",
                    "1-1-2022",
                    "31-12-2022",
                ],
            ],
        ),
    ];
    write_csv_dir(&data, &sheets, false);
    std::fs::create_dir_all(data.join("teksten")).unwrap();
    std::fs::create_dir_all(data.join("fotos")).unwrap();
    std::fs::write(data.join("teksten/rib.md"), text).unwrap();
    std::fs::write(
        data.join("teksten/rapport.md"),
        "# Inleiding\n\nZie de kaart.\n\n![Kaart van de ligging van Chengdu](fotos/kaart.svg \"Ligging van Chengdu\")\n\n\
         # Resultaten\n\n{{ onderdeel(\"missies_per_jaar\") }}\n\n# Conclusie\n\nGoed.\n",
    )
    .unwrap();
    // A camera photo's proportions and more pixels than a page is wide.
    std::fs::write(data.join("fotos/stadhuis.png"), png(1600, 1200, [120, 140, 170])).unwrap();
    std::fs::write(data.join("fotos/kaart.svg"), MAP).unwrap();
    std::fs::write(data.join("fotos/nep.png"), "dit is tekst, geen foto").unwrap();
    // Cut short as a download that stopped; a header claiming 30000 × 30000
    // pixels; SVGs that link outside themselves or are not well formed.
    let photo = png(40, 30, [120, 140, 170]);
    std::fs::write(data.join("fotos/kapot.png"), &photo[..photo.len() - 20]).unwrap();
    std::fs::write(data.join("fotos/groot.png"), png_claiming(30_000, 30_000)).unwrap();
    std::fs::write(
        data.join("fotos/link.svg"),
        r#"<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="9" height="9"><image xlink:href="/etc/hostname" width="9" height="9"/></svg>"#,
    )
    .unwrap();
    std::fs::write(data.join("fotos/stuk.svg"), r#"<svg xmlns="http://www.w3.org/2000/svg"><rect width="5""#).unwrap();
    std::fs::write(data.join("handtekening.svg"), SIGNATURE).unwrap();
}

const TEXT: &str = "## Aanleiding\n\nDe delegatie bezocht {{ missie.partner }}; zie de foto hieronder.\n\n\
![Het stadhuis van Chengdu](fotos/stadhuis.png \"Het stadhuis aan het Tianfu-plein\")\n\n\
![Kaart van de ligging van {{ missie.partner }}](fotos/kaart.svg \"Ligging van Chengdu\")\n\nMet vriendelijke groet.\n";

/// The pictures' pixel widths (image XObjects) in a PDF.
fn image_widths(doc: &Document) -> Vec<i64> {
    doc.objects
        .values()
        .filter_map(|o| o.as_stream().ok())
        .filter(|s| s.dict.get(b"Subtype").and_then(Object::as_name).is_ok_and(|n| n == b"Image"))
        .filter_map(|s| s.dict.get(b"Width").and_then(Object::as_i64).ok())
        .collect()
}

#[test]
fn pictures_and_a_signature_are_placed_with_captions_and_alt_texts() {
    let dir = tempfile::tempdir().unwrap();
    register(dir.path(), TEXT, "handtekening.svg");
    let ran = missiedocs(dir.path(), &["render", "--data", "register", "--out", "uit", "--quiet"]);
    assert_eq!(ran.code, 0, "{}", ran.stderr);
    let pdf = dir.path().join("uit/rib.pdf");
    let text = pdf_text(&pdf);
    assert_holds(
        "letter",
        &text,
        &[
            "zie de foto hieronder",
            "Het stadhuis aan het Tianfu-plein",
            "Ligging van Chengdu",
            "Met vriendelijke groet.",
            "J. Jansen",
        ],
    );
    let doc = Document::load(&pdf).unwrap();
    assert!(image_widths(&doc).contains(&1600), "the photo is in the PDF: {:?}", image_widths(&doc));
    let (kinds, alts) = crate::pdf::structure(&doc);
    assert!(kinds.get("Figure").copied().unwrap_or(0) >= 3, "{kinds:?}");
    for alt in ["Het stadhuis van Chengdu", "Kaart van de ligging van Chengdu", "Handtekening van J. Jansen"] {
        assert!(alts.iter().any(|a| a == alt), "alt text {alt:?} in {alts:?}");
    }

    // In a report, a picture is numbered with the charts, in order.
    let report = pdf_text(&dir.path().join("uit/evaluatie.pdf"));
    assert_holds("report", &report, &["Figuur 1: Ligging van Chengdu", "Figuur 2: Missies per jaar"]);
}

#[test]
fn every_bad_picture_is_a_problem_at_its_place_and_stops_only_its_document() {
    for (text, signature, expected) in [
        (
            "Tekst.\n\n![](fotos/stadhuis.png)\n",
            "",
            "register/teksten/rib.md, regel 3: de afbeelding `fotos/stadhuis.png` heeft geen alternatieve tekst",
        ),
        ("Tekst.\n\n![Foto](fotos/weg.png)\n", "", "regel 3: bestand `fotos/weg.png` bestaat niet"),
        (
            "Tekst.\n\nEn\n\n![Foto](fotos/nep.png)\n",
            "",
            "regel 5: `fotos/nep.png` is geen afbeelding (JPEG, PNG, GIF, WebP, SVG)",
        ),
        ("![Foto](../geheim.png)\n", "", "regel 1: `../geheim.png` ligt buiten de map met gegevens"),
        (
            "![Foto](https://example.org/a.png)\n",
            "",
            "regel 1: de afbeelding `https://example.org/a.png` staat op internet",
        ),
        (
            "Tekst.\n",
            "fotos/nep.png",
            "blad `documenten`, rij 2, kolom `handtekening`: `fotos/nep.png` is geen afbeelding",
        ),
        (
            "Tekst.\n\n![Foto](fotos/kapot.png)\n",
            "",
            "regel 3: `fotos/kapot.png` is beschadigd of onvolledig: de afbeelding kan niet worden gelezen",
        ),
        (
            "![Foto](fotos/groot.png)\n",
            "",
            "regel 1: `fotos/groot.png` heeft 30000 × 30000 beeldpunten, meer dan 60 miljoen",
        ),
        (
            "![Kaart](fotos/link.svg)\n",
            "",
            "regel 1: `fotos/link.svg` verwijst naar `/etc/hostname` buiten de afbeelding",
        ),
        (
            "Tekst.\n",
            "fotos/kapot.png",
            "blad `documenten`, rij 2, kolom `handtekening`: `fotos/kapot.png` is beschadigd of onvolledig",
        ),
        (
            "Tekst.\n",
            "fotos/stuk.svg",
            "kolom `handtekening`: `fotos/stuk.svg` is beschadigd of onvolledig: de SVG-afbeelding kan niet worden gelezen",
        ),
    ] {
        let dir = tempfile::tempdir().unwrap();
        register(dir.path(), text, signature);
        let checked = missiedocs(dir.path(), &["check", "--data", "register"]);
        assert_eq!(checked.code, 1, "{text}: {}", checked.stderr);
        assert_stderr(&checked, &[expected, "hint: "]);
        let ran = missiedocs(dir.path(), &["render", "--data", "register", "--out", "uit", "--quiet"]);
        assert_eq!(ran.code, 1, "{text}: {}", ran.stderr);
        assert_stderr(&ran, &["document `rib` is niet gemaakt", expected]);
        assert!(!dir.path().join("uit/rib.pdf").exists(), "{text}");
        assert!(dir.path().join("uit/memo.pdf").exists(), "{text}: the memo is still made");
        // The manifest records the same place and value.
        let manifest: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(dir.path().join("uit/manifest.json")).unwrap()).unwrap();
        let entry = manifest["documenten"].as_array().unwrap().iter().find(|d| d["document"] == "rib").unwrap();
        assert_eq!(entry["status"], "fout", "{entry}");
        let fout = &entry["fouten"][0];
        assert!(fout["melding"].as_str().unwrap().contains(expected), "{fout}");
        let value =
            if signature.is_empty() { text.split('(').nth(1).unwrap().split(')').next().unwrap() } else { signature };
        assert_eq!(fout["waarde"], value, "{fout}");
        assert!(fout["rij"].as_u64().is_some() && fout["hint"].is_string(), "{fout}");
    }
}

#[test]
fn a_logo_that_cannot_print_is_a_problem_at_its_row_of_the_sender() {
    let dir = tempfile::tempdir().unwrap();
    register(dir.path(), "Tekst.\n", "");
    std::fs::write(
        dir.path().join("register/afzender.csv"),
        "veld;waarde\r\nnaam;Gemeente Maastricht\r\nlogo;fotos/kapot.png\r\n",
    )
    .unwrap();
    for command in ["check", "render"] {
        let ran = missiedocs(
            dir.path(),
            &[command, "--data", "register", "--out", "uit"][..if command == "check" { 3 } else { 5 }],
        );
        assert_eq!(ran.code, 1, "{}", ran.stderr);
        assert_stderr(
            &ran,
            &[
                "register/afzender.csv, blad `afzender`, rij 3, kolom `waarde`: `fotos/kapot.png` is beschadigd of onvolledig",
            ],
        );
    }
    assert!(!dir.path().join("uit/rib.pdf").exists() && !dir.path().join("uit/memo.pdf").exists());
}

/// A photo that does not fit the rest of the page is made smaller, down to
/// 60 % of its size, rather than moved whole to the next page leaving a
/// blank; a caption that numbers itself (`Kaart 1.`) is not numbered again.
#[test]
fn a_photo_shrinks_to_stay_on_its_page_and_a_numbered_caption_keeps_its_own_number() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("register");
    let header: &[&str] = &["document", "sjabloon", "onderwerp", "datum", "tekst"];
    let rows: Vec<Vec<String>> = (0..14)
        .map(|k| {
            vec![
                format!("rib-{k}"),
                "raadsinformatiebrief".into(),
                "Foto".into(),
                "1-10-2022".into(),
                format!("t{k}.md"),
            ]
        })
        .collect();
    let mut table: Vec<&[&str]> = vec![header];
    let rows: Vec<Vec<&str>> = rows.iter().map(|r| r.iter().map(String::as_str).collect()).collect();
    table.extend(rows.iter().map(Vec::as_slice));
    let sheets = [
        Sheet::text("Afzender", &[&["veld", "waarde"], &["naam", "Gemeente Maastricht"]]),
        Sheet::text("Missies", &[&["missie", "titel", "richting", "partner", "begindatum"]]),
        Sheet::text("Documenten", &table),
    ];
    write_csv_dir(&data, &sheets, false);
    std::fs::create_dir_all(data.join("fotos")).unwrap();
    // Portrait: 110 mm high at the most, as the template allows.
    std::fs::write(data.join("fotos/toren.png"), png(1000, 1400, [90, 110, 140])).unwrap();
    let paragraph = "Een alinea over het bezoek, lang genoeg om drie regels te vullen in de brief die de griffie \
                     verstuurt, met wat de delegatie zag en sprak.";
    for k in 0..14 {
        let before = vec![format!("{paragraph} ({k})"); k + 2].join("\n\n");
        std::fs::write(
            data.join(format!("t{k}.md")),
            format!("{before}\n\nVoor de foto.\n\n![De toren](fotos/toren.png \"Kaart 1. De toren\")\n\nNa de foto.\n"),
        )
        .unwrap();
    }
    let ran = missiedocs(dir.path(), &["render", "--data", "register", "--out", "uit", "--quiet"]);
    assert_eq!(ran.code, 0, "{}", ran.stderr);
    let full = 110.0 * 72.0 / 25.4;
    let bottom = 24.0 * 72.0 / 25.4;
    let mut shrunk = 0;
    for k in 0..14 {
        let pdf = dir.path().join(format!("uit/rib-{k}.pdf"));
        let runs = crate::support::layout::text_runs(&pdf);
        let before = runs.iter().find(|r| r.text.contains("Voor de foto.")).unwrap();
        let (page, _, height) = *crate::support::layout::pictures(&pdf).iter().find(|p| p.2 > 100.0).unwrap();
        if page == before.page {
            assert!(height >= 0.6 * full - 1.0, "rib-{k}: shrunk below 60 %: {height}");
            shrunk += usize::from(height < full - 1.0);
        } else {
            // Moved on only when even 60 % of it would not have fitted.
            let room = before.y - bottom;
            assert!(room < 0.6 * full + 30.0, "rib-{k}: moved on with {room} pt free");
        }
        let text = pdf_text(&pdf);
        assert!(text.contains("Kaart 1. De toren") && !text.contains("Figuur"), "{text}");
    }
    assert!(shrunk > 0, "no letter had its photo shrunk: the case is not tested");
}
