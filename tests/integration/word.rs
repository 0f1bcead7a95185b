//! Texts from Word and LibreOffice: a `.docx` or `.odt` named in `tekst`
//! is set in the house style like a Markdown text — headings, emphasis,
//! lists, tables with merged cells, footnotes, links, pictures with their
//! alt text, placeholders Word split over runs, paragraphs repeated by a
//! block tag — while drafting marks never reach a PDF: unaccepted changes
//! stop the document, comments and hidden text are dropped; content that
//! cannot be carried over (a text box, a chart, a picture missing, linked,
//! damaged or in EMF, inserted HTML) stops the document, with what to do.

use std::path::Path;

use lopdf::Document;

use crate::support::word::{item, p, picture, r, rp, styled, write_docx, write_odt};
use crate::support::{
    Sheet, assert_holds, assert_stderr, entry, manifest, missiedocs, pdf_text, png, squash, write_csv_dir,
};

/// A register with one mission of three members and a letter per text.
fn register(dir: &Path, texts: &[(&str, &str)]) -> std::path::PathBuf {
    let data = dir.join("register");
    let mut documents: Vec<Vec<String>> = vec![
        ["document", "sjabloon", "onderwerp", "datum", "missie", "tekst", "ondertekenaar"].map(String::from).to_vec(),
    ];
    for (id, text) in texts {
        documents.push(
            [*id, "raadsinformatiebrief", "Handelsmissie", "1-10-2022", "M1", *text, "J. Jansen"]
                .map(String::from)
                .to_vec(),
        );
    }
    let documents: Vec<Vec<&str>> = documents.iter().map(|r| r.iter().map(String::as_str).collect()).collect();
    let documents: Vec<&[&str]> = documents.iter().map(Vec::as_slice).collect();
    let sheets = [
        Sheet::text("Afzender", &[&["veld", "waarde"], &["naam", "Gemeente Utrecht"]]),
        Sheet::text(
            "Missies",
            &[
                &["missie", "titel", "richting", "partner", "begindatum"],
                &["M1", "Handelsmissie Guangdong", "uitgaand", "Guangdong", "12-9-2022"],
            ],
        ),
        Sheet::text(
            "Deelnemers",
            &[
                &["missie", "naam", "organisatie"],
                &["M1", "A. de Vries", "Bureau Wonen"],
                &["M1", "B. Öztürk", "Haven BV"],
                &["M1", "C. Jansen", ""],
            ],
        ),
        Sheet::text("Documenten", &documents),
    ];
    write_csv_dir(&data, &sheets, false);
    data
}

/// Everything a policy officer's Word text holds.
fn full_docx(path: &Path) {
    let body = [
        styled("Kop1", &r("Aanleiding")),
        // Word split the placeholder over three runs set in different ways.
        p(&[
            r("De delegatie bezocht "),
            rp("<w:b/>", "{{ missie."),
            r("partner"),
            rp("<w:i/>", " }}"),
            r(" met een oppervlakte van 20 m"),
            rp(r#"<w:vertAlign w:val="superscript"/>"#, "2"),
            r(", "),
            rp("<w:b/>", "vet"),
            r(", "),
            rp("<w:i/>", "schuin"),
            r(" en "),
            rp(r#"<w:u w:val="single"/>"#, "onderstreept"),
            r(".[geen link] *geen nadruk*"),
            r#"<w:r><w:footnoteReference w:id="1"/></w:r>"#.into(),
        ]
        .concat()),
        p(&[r("Zie "), r#"<w:hyperlink r:id="rId10"><w:r><w:t>de website</w:t></w:r></w:hyperlink>"#.into(), r(".")].concat()),
        // Comments and hidden text are dropped; a deletion would stop the document.
        p(&[
            r#"<w:commentRangeStart w:id="0"/>"#.into(),
            r("Zichtbaar"),
            r#"<w:commentRangeEnd w:id="0"/><w:r><w:commentReference w:id="0"/></w:r>"#.into(),
            rp("<w:vanish/>", "VERBORGEN"),
        ]
        .concat()),
        styled("Kop2", &r("Delegatie")),
        item(1, 0, &r("Economie")),
        item(1, 1, &r("Handel")),
        item(1, 0, &r("Cultuur")),
        p(&r("{% for d in missie.deelnemers %}")),
        item(2, 0, &[r("{{ d.naam }}"), r("{% if d.organisatie %} ({{ d.organisatie }}){% endif %}")].concat()),
        p(&r("{% endfor %}")),
        styled("Kop2", &r("Cijfers")),
        // A table: a heading row, a cell merged over two columns.
        r#"<w:tbl><w:tr><w:trPr><w:tblHeader/></w:trPr><w:tc><w:p><w:r><w:t>Thema</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>Aantal</w:t></w:r></w:p></w:tc></w:tr><w:tr><w:tc><w:tcPr><w:gridSpan w:val="2"/></w:tcPr><w:p><w:r><w:t>Alles samen</w:t></w:r></w:p></w:tc></w:tr><w:tr><w:tc><w:p><w:r><w:t>Water</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>3</w:t></w:r></w:p></w:tc></w:tr><w:tr><w:tc><w:p><w:r><w:t>Energie</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>1.234</w:t></w:r></w:p></w:tc></w:tr></w:tbl>"#.to_string(),
        p(&picture(20, "Het stadhuis van Guangzhou")),
        p(&r("Slotalinea.")),
    ]
    .concat();
    write_docx(path, &body, &[&r(" Bron: CBS.")], &[png(320, 200, [40, 90, 160])]);
}

#[test]
fn a_word_text_is_set_in_the_house_style_with_its_structure() {
    let dir = tempfile::tempdir().unwrap();
    let data = register(dir.path(), &[("rib", "teksten/brief.docx")]);
    full_docx(&data.join("teksten/brief.docx"));
    let ran = missiedocs(dir.path(), &["render", "--data", "register", "--out", "uit", "--quiet"]);
    assert_eq!(ran.code, 0, "{}", ran.stderr);
    let pdf = dir.path().join("uit/rib.pdf");
    let text = pdf_text(&pdf);
    assert_holds(
        "letter",
        &text,
        &[
            "Aanleiding",
            "De delegatie bezocht Guangdong met een oppervlakte van 20 m2",
            "vet, schuin en onderstreept.[geen link] *geen nadruk*",
            "Bron: CBS.",
            "Zie de website.",
            "Zichtbaar",
            "Economie",
            "Handel",
            "A. de Vries (Bureau Wonen)",
            "B. Öztürk (Haven BV)",
            "C. Jansen",
            "Thema",
            "Alles samen",
            "Water",
            "Slotalinea.",
        ],
    );
    // The table in the house style: numbers right-aligned in their column.
    let runs = crate::support::layout::text_runs(&pdf);
    let run = |t: &str| runs.iter().find(|r| r.text.trim() == t).unwrap_or_else(|| panic!("{t}: {runs:#?}"));
    let (three, many) = (run("3"), run("1.234"));
    assert!((three.right - many.right).abs() < 0.5 && three.x > many.x + 5.0, "{three:?} {many:?}");
    for absent in ["VERBORGEN", "{{", "{%", "missie.partner", "Comic"] {
        assert!(!squash(&text).contains(absent), "{absent:?} leaked into the letter:\n{text}");
    }
    let doc = Document::load(&pdf).unwrap();
    let (kinds, alts) = crate::pdf::structure(&doc);
    for (kind, at_least) in
        [("H1", 1), ("H2", 2), ("L", 2), ("LI", 6), ("Table", 1), ("Note", 1), ("Figure", 1), ("Link", 1)]
    {
        assert!(kinds.get(kind).copied().unwrap_or(0) >= at_least, "{kind} in the tag tree: {kinds:?}");
    }
    assert!(alts.iter().any(|a| a == "Het stadhuis van Guangzhou"), "{alts:?}");
    let fonts = String::from_utf8_lossy(&std::fs::read(&pdf).unwrap()).contains("Comic");
    assert!(!fonts, "Word's own font is dropped");
}

#[test]
fn a_libreoffice_text_is_set_like_a_word_text() {
    let dir = tempfile::tempdir().unwrap();
    let data = register(dir.path(), &[("rib", "teksten/brief.odt")]);
    let body = concat!(
        r#"<text:h text:outline-level="1">Aanleiding</text:h>"#,
        r#"<text:p>De delegatie bezocht <text:span text:style-name="T1">{{ missie.</text:span>partner }} "#,
        r#"(20 m<text:span text:style-name="T3">2</text:span>, <text:span text:style-name="T2">schuin</text:span>)."#,
        r#"<text:note text:id="n1" text:note-class="footnote"><text:note-citation>1</text:note-citation><text:note-body><text:p>Bron: CBS.</text:p></text:note-body></text:note>"#,
        r#"<office:annotation><dc:creator>X</dc:creator><text:p>OPMERKING</text:p></office:annotation></text:p>"#,
        r#"<text:list text:style-name="L1"><text:list-item><text:p>Economie</text:p><text:list><text:list-item><text:p>Handel</text:p></text:list-item></text:list></text:list-item></text:list>"#,
        r#"<text:p>{% for d in missie.deelnemers %}</text:p>"#,
        r#"<text:list text:style-name="L2"><text:list-item><text:p>{{ d.naam }}</text:p></text:list-item></text:list>"#,
        r#"<text:p>{% endfor %}</text:p>"#,
        r#"<table:table table:name="T"><table:table-header-rows><table:table-row><table:table-cell><text:p>Thema</text:p></table:table-cell><table:table-cell><text:p>Aantal</text:p></table:table-cell></table:table-row></table:table-header-rows>"#,
        r#"<table:table-row><table:table-cell table:number-columns-spanned="2"><text:p>Alles samen</text:p></table:table-cell><table:covered-table-cell/></table:table-row></table:table>"#,
        r#"<text:p><draw:frame draw:name="Foto"><draw:image xlink:href="Pictures/0.png"/><svg:desc>Het stadhuis van Guangzhou</svg:desc></draw:frame></text:p>"#,
        r#"<text:p>Slotalinea.</text:p>"#,
    );
    write_odt(&data.join("teksten/brief.odt"), body, &[png(320, 200, [40, 90, 160])]);
    let ran = missiedocs(dir.path(), &["render", "--data", "register", "--out", "uit"]);
    assert_eq!(ran.code, 0, "{}", ran.stderr);
    let pdf = dir.path().join("uit/rib.pdf");
    let text = pdf_text(&pdf);
    assert_holds(
        "letter",
        &text,
        &[
            "De delegatie bezocht Guangdong (20 m2, schuin).",
            "Bron: CBS.",
            "Economie",
            "Handel",
            "A. de Vries",
            "B. Öztürk",
            "Alles samen",
            "Slotalinea.",
        ],
    );
    assert!(!text.contains("OPMERKING"), "the comment is dropped");
    let (kinds, alts) = crate::pdf::structure(&Document::load(&pdf).unwrap());
    for kind in ["H1", "L", "LI", "Table", "Note", "Figure"] {
        assert!(kinds.contains_key(kind), "{kind} in {kinds:?}");
    }
    assert!(alts.iter().any(|a| a == "Het stadhuis van Guangzhou"), "{alts:?}");
}

/// Rewrites a zip file's parts: `edit` gives each part's new bytes, or
/// `None` to leave it out.
fn rezip(path: &Path, edit: impl Fn(&str, Vec<u8>) -> Option<Vec<u8>>) {
    use std::io::{Read, Write};
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(std::fs::read(path).unwrap())).unwrap();
    let mut out = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for i in 0..archive.len() {
        let mut entry = archive.by_index(i).unwrap();
        let name = entry.name().unwrap().to_string();
        let mut bytes = Vec::new();
        entry.read_to_end(&mut bytes).unwrap();
        if let Some(bytes) = edit(&name, bytes) {
            out.start_file(name, zip::write::SimpleFileOptions::default()).unwrap();
            out.write_all(&bytes).unwrap();
        }
    }
    std::fs::write(path, out.finish().unwrap().into_inner()).unwrap();
}

#[test]
fn content_that_would_vanish_from_a_text_stops_its_letter_with_what_to_do() {
    let rels = |edit: &'static str, with: &'static str| {
        move |name: &str, bytes: Vec<u8>| match name {
            "word/_rels/document.xml.rels" => Some(String::from_utf8(bytes).unwrap().replace(edit, with).into_bytes()),
            _ => Some(bytes),
        }
    };
    let good = png(32, 20, [40, 90, 160]);
    let text_box = r#"<w:r><w:drawing><wp:inline><wps:wsp><wps:txbx><w:txbxContent><w:p><w:r><w:t>Tekst in een kader</w:t></w:r></w:p></w:txbxContent></wps:txbx></wps:wsp></wp:inline></w:drawing></w:r>"#;
    type Edit = Box<dyn Fn(&str, Vec<u8>) -> Option<Vec<u8>>>;
    let keep: fn() -> Edit = || Box::new(|_, bytes| Some(bytes));
    let cases: Vec<(String, Vec<u8>, Edit, &str, &str)> = vec![
        (
            p(&picture(20, "Organogram")),
            b"\x01\x00\x00\x00 EMF, no picture a PDF can hold".to_vec(),
            keep(),
            "een afbeelding in een formaat dat een PDF niet kan bevatten (EMF, WMF, TIFF) („word/media/image20.png”)",
            "hint: sla het op als afbeelding (PNG of JPEG)",
        ),
        (
            p(&picture(20, "Stadhuis")),
            good.clone(),
            Box::new(|name, bytes| (name != "word/media/image20.png").then_some(bytes)),
            "een afbeelding die in het bestand ontbreekt („word/media/image20.png”)",
            "hint: voeg de afbeelding opnieuw in met Invoegen → Afbeeldingen → Dit apparaat",
        ),
        (
            p(&picture(20, "Stadhuis")),
            good.clone(),
            Box::new(rels(r#"Target="media/image20.png""#, r#"Target="file:///C:/foto.png" TargetMode="External""#)),
            "een afbeelding die alleen gekoppeld is aan een bestand erbuiten („file:///C:/foto.png”)",
            "hint: voeg de afbeelding opnieuw in",
        ),
        (
            p(&picture(20, "Stadhuis")),
            good[..good.len() / 2].to_vec(),
            keep(),
            "een beschadigde of te grote afbeelding („image20.png”)",
            "hint: voeg de afbeelding opnieuw in",
        ),
        (
            format!("{}<w:altChunk r:id=\"rId20\"/>", p(&r("Voor."))),
            b"<html><body>Geplakt uit het zaaksysteem</body></html>".to_vec(),
            keep(),
            "ingevoegde inhoud uit een ander bestand (altChunk, zoals geplakte HTML) („media/image20.png”)",
            "hint: open de tekst in Word, sla hem op",
        ),
        (
            p(text_box),
            good.clone(),
            keep(),
            "een tekstvak („Tekst in een kader”)",
            "hint: zet de tekst van het tekstvak in een gewone alinea",
        ),
    ];
    for (body, part, edit, says, hint) in cases {
        let dir = tempfile::tempdir().unwrap();
        let data = register(dir.path(), &[("rib", "teksten/brief.docx")]);
        let path = data.join("teksten/brief.docx");
        write_docx(&path, &body, &[], &[part]);
        rezip(&path, edit);
        for command in ["check", "render"] {
            let ran = missiedocs(
                dir.path(),
                &[command, "--data", "register", "--out", "uit"][..if command == "check" { 3 } else { 5 }],
            );
            assert_eq!(ran.code, 1, "{says}: {}", ran.stderr);
            assert_stderr(
                &ran,
                &[
                    &format!(
                        "register/teksten/brief.docx: bevat wat niet in een document kan worden overgenomen en zou verdwijnen (1: {says} is niet overgenomen)"
                    ),
                    hint,
                ],
            );
        }
        assert!(!dir.path().join("uit/rib.pdf").exists(), "{says}");
    }
    // In a LibreOffice text: a picture the file lacks.
    let dir = tempfile::tempdir().unwrap();
    let data = register(dir.path(), &[("rib", "teksten/brief.odt")]);
    let body = r#"<text:p><draw:frame draw:name="Foto"><draw:image xlink:href="Pictures/9.png"/><svg:desc>Stadhuis</svg:desc></draw:frame></text:p>"#;
    write_odt(&data.join("teksten/brief.odt"), body, &[]);
    let ran = missiedocs(dir.path(), &["check", "--data", "register"]);
    assert_eq!(ran.code, 1, "{}", ran.stderr);
    assert_stderr(&ran, &["een afbeelding die in het bestand ontbreekt („Pictures/9.png”)"]);
}

#[test]
fn drafting_marks_and_broken_files_stop_only_their_own_letter() {
    let dir = tempfile::tempdir().unwrap();
    let data = register(
        dir.path(),
        &[
            ("wijzigingen", "teksten/wijzigingen.docx"),
            ("odt-wijzigingen", "teksten/wijzigingen.odt"),
            ("fout", "teksten/fout.docx"),
            ("kapot", "teksten/kapot.docx"),
            ("zonder-alt", "teksten/zonder-alt.docx"),
            ("goed", "teksten/goed.docx"),
        ],
    );
    let teksten = data.join("teksten");
    write_docx(
        &teksten.join("wijzigingen.docx"),
        &p(&[
            r("Het college "),
            r#"<w:ins w:id="1" w:author="Beleid"><w:r><w:t>besluit</w:t></w:r></w:ins>"#.into(),
            r#"<w:del w:id="2" w:author="Beleid"><w:r><w:delText>GESCHRAPT</w:delText></w:r></w:del>"#.into(),
        ]
        .concat()),
        &[],
        &[],
    );
    write_docx(
        &teksten.join("fout.docx"),
        &[p(&r("Eerste alinea.")), p(&[r("Het bezoek aan "), r("{{ missie.partnr }}"), r(" was nuttig.")].concat())]
            .concat(),
        &[],
        &[],
    );
    // LibreOffice keeps deleted words in the tracked-changes list, not the body.
    write_odt(
        &teksten.join("wijzigingen.odt"),
        concat!(
            r#"<text:tracked-changes><text:changed-region text:id="ct1"><text:deletion><office:change-info><dc:creator>Beleid</dc:creator></office:change-info>"#,
            r#"<text:p>WEGGEHAALD</text:p></text:deletion></text:changed-region></text:tracked-changes>"#,
            r#"<text:p>Het college <text:change text:change-id="ct1"/>besluit.</text:p>"#,
        ),
        &[],
    );
    std::fs::write(teksten.join("kapot.docx"), b"PK\x03\x04 dit is geen zip").unwrap();
    write_docx(&teksten.join("zonder-alt.docx"), &p(&picture(20, "")), &[], &[png(10, 10, [0, 0, 0])]);
    write_docx(&teksten.join("goed.docx"), &p(&r("Alles in orde met {{ missie.partner }}.")), &[], &[]);

    let check = missiedocs(dir.path(), &["check", "--data", "register"]);
    let ran = missiedocs(dir.path(), &["render", "--data", "register", "--out", "uit"]);
    assert_eq!(ran.code, 1, "{}", ran.stderr);
    for out in [&check, &ran] {
        assert_stderr(
            out,
            &[
                "wijzigingen.docx: bevat wijzigingen die nog niet zijn geaccepteerd (2: ingevoegd: „besluit”; verwijderd: „GESCHRAPT”)",
                "hint: accepteer of weiger de wijzigingen",
                "wijzigingen.odt: bevat wijzigingen die nog niet zijn geaccepteerd (1: verwijderd: „WEGGEHAALD”)",
                "fout.docx, alinea 2 („Het bezoek aan {{ missie.partnr }} was …”): onbekende waarde",
                "hint: in de tekst: Het bezoek aan {{ missie.partnr }} was nuttig.",
                "`teksten/kapot.docx` is geen Word- of LibreOffice-bestand",
                "zonder-alt.docx, alinea 1: een afbeelding in `teksten/zonder-alt.docx` heeft geen alternatieve tekst\n",
                "Alternatieve tekst bewerken",
            ],
        );
    }
    assert!(std::fs::read_dir(dir.path().join("uit")).unwrap().all(|e| {
        let name = e.unwrap().file_name().into_string().unwrap();
        name == "goed.pdf" || name == "manifest.json"
    }));
    assert!(pdf_text(&dir.path().join("uit/goed.pdf")).contains("Alles in orde met Guangdong."));
    let m = manifest(&dir.path().join("uit"));
    assert_eq!(entry(&m, "wijzigingen")["status"], "fout");
    assert_eq!(entry(&m, "fout")["fouten"][0]["alinea"], "alinea 2 („Het bezoek aan {{ missie.partnr }} was …”)");
    assert_eq!(entry(&m, "goed")["status"], "ok");
}

#[test]
fn a_draft_is_marked_and_never_published_and_a_sent_letter_shows_its_date() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("register");
    let sheets = [
        Sheet::text("Afzender", &[&["veld", "waarde"], &["naam", "Gemeente Utrecht"]]),
        Sheet::text(
            "Missies",
            &[
                &["missie", "titel", "richting", "partner", "begindatum"],
                &["M1", "Missie", "uitgaand", "Guangdong", "12-9-2022"],
            ],
        ),
        Sheet::text(
            "Documenten",
            &[
                &["document", "sjabloon", "onderwerp", "datum", "status", "verzonden", "tekst"],
                &["ontwerp", "raadsinformatiebrief", "Handelsmissie", "1-10-2022", "concept", "", "teksten/brief.docx"],
                &["verstuurd", "raadsinformatiebrief", "Handelsmissie", "21-11-2022", "definitief", "22-11-2022", ""],
                &["onbekend", "raadsinformatiebrief", "Handelsmissie", "21-11-2022", "klad", "", ""],
                &["kapotte-datum", "raadsinformatiebrief", "Handelsmissie", "21-11-2022", "", "31-02-2022", ""],
            ],
        ),
    ];
    write_csv_dir(&data, &sheets, false);
    write_docx(&data.join("teksten/brief.docx"), &p(&r("Een eerste versie.")), &[], &[]);
    let ran = missiedocs(dir.path(), &["render", "--data", "register", "--out", "uit", "--woo"]);
    assert_eq!(ran.code, 1, "{}", ran.stderr);
    assert_stderr(
        &ran,
        &[
            "rij 4, kolom `status`: `klad` is geen waarde voor `status`",
            "hint: gebruik `concept` of `definitief`",
            "rij 5, kolom `verzonden`: `31-02-2022` is geen bestaande datum",
            "geen DiWoo-metadata: het document is een concept",
        ],
    );
    let out = dir.path().join("uit");
    let draft = out.join("ontwerp.pdf");
    assert!(pdf_text(&draft).contains("CONCEPT"), "the mark is on the page");
    let meta = crate::pdf::xmp(&Document::load(&draft).unwrap());
    assert!(meta.contains(r#"<rdf:li xml:lang="x-default">CONCEPT: Handelsmissie</rdf:li>"#), "{meta}");
    assert!(
        !out.join("ontwerp.diwoo.xml").exists() && out.join("verstuurd.diwoo.xml").exists(),
        "only the final letter is published"
    );
    assert_holds(
        "sent letter",
        &pdf_text(&out.join("verstuurd.pdf")),
        &["DATUM", "21 november 2022", "Verz. 22 november 2022"],
    );
    assert!(!pdf_text(&out.join("verstuurd.pdf")).contains("CONCEPT"));
    let m = manifest(&out);
    assert_eq!(entry(&m, "ontwerp")["concept"], true);
    assert_eq!(entry(&m, "verstuurd")["verzonden"], "2022-11-22");
    assert!(entry(&m, "verstuurd").get("concept").is_none());
    assert_eq!(entry(&m, "onbekend")["status"], "fout");
    assert_eq!(entry(&m, "kapotte-datum")["status"], "fout");
}

/// A place in a Word text is named as its writer finds it: paragraphs
/// outside tables counted, a table cell by its table, row and column, the
/// first words quoted; the file without `./`.
#[test]
fn a_place_in_a_word_text_is_named_as_word_shows_it() {
    let dir = tempfile::tempdir().unwrap();
    let data = register(dir.path(), &[("rib", "teksten/brief.docx")]);
    let cell = |text: &str| format!("<w:tc><w:p>{}</w:p></w:tc>", r(text));
    let table = format!(
        "<w:tbl><w:tr>{}{}</w:tr><w:tr>{}{}</w:tr></w:tbl>",
        cell("Thema"),
        cell("Aantal"),
        cell("Water"),
        cell("{{ missie.aantl }}")
    );
    let body = [p(&r("Eerste alinea.")), table, p(&r("Het bezoek aan {{ missie.partnr }} was nuttig."))].concat();
    write_docx(&data.join("teksten/brief.docx"), &body, &[], &[]);
    let ran = missiedocs(dir.path(), &["check", "--data", "register"]);
    assert_eq!(ran.code, 1, "{}", ran.stderr);
    assert_stderr(
        &ran,
        &["register/teksten/brief.docx, tabel 1, rij 2 („Water {{ missie.aantl }}”): onbekende waarde"],
    );
    assert!(!ran.stderr.contains("./"), "{}", ran.stderr);
    // Without the table's typo, the paragraph after it is the second.
    let body = body.replace("{{ missie.aantl }}", "3");
    write_docx(&data.join("teksten/brief.docx"), &body, &[], &[]);
    let ran = missiedocs(dir.path(), &["check", "--data", "register"]);
    assert_stderr(
        &ran,
        &[
            "register/teksten/brief.docx, alinea 2 („Het bezoek aan {{ missie.partnr }} was …”): onbekende waarde `missie.partnr`; bedoelt u `missie.partner`?",
        ],
    );
}
