//! Texts from Word and LibreOffice: a `.docx` or `.odt` named in `tekst`
//! is set in the house style like a Markdown text — headings, emphasis,
//! lists, tables with merged cells, footnotes, links, pictures with their
//! alt text, placeholders Word split over runs, paragraphs repeated by a
//! block tag — while drafting marks never reach a PDF: unaccepted changes
//! stop the document, comments and hidden text are dropped, a text box is
//! a warning.

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
        r#"<w:tbl><w:tr><w:trPr><w:tblHeader/></w:trPr><w:tc><w:p><w:r><w:t>Thema</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>Aantal</w:t></w:r></w:p></w:tc></w:tr><w:tr><w:tc><w:tcPr><w:gridSpan w:val="2"/></w:tcPr><w:p><w:r><w:t>Alles samen</w:t></w:r></w:p></w:tc></w:tr><w:tr><w:tc><w:p><w:r><w:t>Water</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>3</w:t></w:r></w:p></w:tc></w:tr></w:tbl>"#.to_string(),
        p(&picture(20, "Het stadhuis van Guangzhou")),
        // A picture Word keeps as EMF: no PDF can hold it, so it is said.
        p(&picture(21, "Organogram")),
        p(&r("Slotalinea.")),
    ]
    .concat();
    let emf = b"\x01\x00\x00\x00 EMF, no picture a PDF can hold".to_vec();
    write_docx(path, &body, &[&r(" Bron: CBS.")], &[png(320, 200, [40, 90, 160]), emf]);
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
    let warnings = manifest(&dir.path().join("uit"))["documenten"][0]["waarschuwingen"].to_string();
    assert!(
        warnings.contains(
            "een afbeelding in een formaat dat een PDF niet kan bevatten („word/media/image21.png”) is niet overgenomen"
        ),
        "{warnings}"
    );
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
        r#"<text:p><draw:frame draw:name="Kader"><draw:text-box><text:p>Tekst in een kader</text:p></draw:text-box></draw:frame>Slotalinea.</text:p>"#,
    );
    write_odt(&data.join("teksten/brief.odt"), body, &[png(320, 200, [40, 90, 160])]);
    let ran = missiedocs(dir.path(), &["render", "--data", "register", "--out", "uit"]);
    assert_eq!(ran.code, 0, "{}", ran.stderr);
    // The text box is said, not silently lost.
    assert_stderr(
        &ran,
        &["waarschuwing:", "`teksten/brief.odt`: een tekstvak („Tekst in een kader”) is niet overgenomen"],
    );
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
    let warnings = &manifest(&dir.path().join("uit"))["documenten"][0]["waarschuwingen"];
    assert!(warnings.to_string().contains("tekstvak"), "{warnings}");
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
