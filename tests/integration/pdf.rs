//! Archivable, accessible PDFs: what the produced files claim and contain,
//! read back with a PDF library (XMP identification, catalog, structure
//! tree, bookmarks, page order), annexes merged after the letter, and the
//! DiWoo metadata written beside each PDF.

use std::collections::BTreeMap;
use std::path::Path;

use crate::support::register::LETTER;
use crate::support::{
    Sheet, V, assert_holds, assert_stderr, entry, missiedocs, pdf_bookmarks, pdf_pages, sample, squash, write_xlsx,
};
use lopdf::{Document, Object};

/// The sample data in `dir/data`, with the letter's `bijlagen` replaced when given.
fn sample_data(dir: &Path, bijlagen: Option<&str>, sender_name: Option<&str>) {
    let data = dir.join("data");
    crate::support::write_texts(&data);
    let mut sheets: Vec<Sheet> = sample::sheets();
    if let Some(bijlagen) = bijlagen {
        let docs = sheets.iter_mut().find(|s| s.name == "Documenten").unwrap();
        let column = docs.rows[1].iter().position(|v| matches!(v, V::T(t) if t == "Bijlagen")).unwrap();
        let row = docs.rows.iter_mut().find(|r| matches!(r.first(), Some(V::T(t)) if t == LETTER)).unwrap();
        row[column] = V::from(bijlagen);
    }
    if let Some(name) = sender_name {
        let sender = sheets.iter_mut().find(|s| s.name == "Afzender").unwrap();
        let row = sender.rows.iter_mut().find(|r| matches!(r.first(), Some(V::T(t)) if t == "naam")).unwrap();
        row[1] = V::from(name);
    }
    write_xlsx(&data.join("missies.xlsx"), &sheets);
}

fn render(dir: &Path, extra: &[&str]) -> crate::support::Ran {
    let mut args = vec!["render", "--data", "data/missies.xlsx", "--out", "uit", "--quiet"];
    args.extend_from_slice(extra);
    missiedocs(dir, &args)
}

fn load(path: &Path) -> Document {
    Document::load(path).unwrap_or_else(|e| panic!("{} is a PDF: {e}", path.display()))
}

/// The catalog's XMP packet as text.
pub(crate) fn xmp(doc: &Document) -> String {
    let id = doc.catalog().unwrap().get(b"Metadata").unwrap().as_reference().unwrap();
    let stream = doc.get_object(id).unwrap().as_stream().unwrap();
    assert!(!stream.dict.has(b"Filter"), "PDF/A wants the XMP packet unfiltered");
    String::from_utf8(stream.content.clone()).unwrap()
}

fn catalog_text(doc: &Document, key: &[u8]) -> String {
    lopdf::decode_text_string(doc.catalog().unwrap().get(key).unwrap()).unwrap()
}

/// Structure element types in the tag tree, counted, and the alt texts of figures.
pub(crate) fn structure(doc: &Document) -> (BTreeMap<String, usize>, Vec<String>) {
    let root = doc.catalog().unwrap().get(b"StructTreeRoot").unwrap().as_reference().unwrap();
    let (mut kinds, mut alts) = (BTreeMap::new(), Vec::new());
    let mut stack = vec![root];
    while let Some(id) = stack.pop() {
        let Ok(node) = doc.get_dictionary(id) else { continue };
        if let Ok(kind) = node.get(b"S").and_then(Object::as_name) {
            let kind = String::from_utf8_lossy(kind).into_owned();
            if kind == "Figure" {
                alts.push(lopdf::decode_text_string(node.get(b"Alt").expect("a figure has alt text")).unwrap());
            }
            *kinds.entry(kind).or_default() += 1;
        }
        match node.get(b"K") {
            Ok(Object::Array(kids)) => stack.extend(kids.iter().filter_map(|k| k.as_reference().ok())),
            Ok(Object::Reference(kid)) => stack.push(*kid),
            _ => {}
        }
    }
    (kinds, alts)
}

#[test]
fn documents_are_tagged_pdf_a_2a_and_ua_1_with_their_metadata() {
    let dir = tempfile::tempdir().unwrap();
    sample_data(dir.path(), None, None);
    let ran = render(dir.path(), &["--only", LETTER, "--only", "evaluatie-2020-guangdong"]);
    assert_eq!(ran.code, 0, "{}", ran.stderr);

    let letter = load(&dir.path().join("uit").join(format!("{LETTER}.pdf")));
    let meta = xmp(&letter);
    assert_holds(
        "XMP of the letter",
        &meta,
        &[
            "<pdfaid:part>2</pdfaid:part><pdfaid:conformance>A</pdfaid:conformance>",
            "<pdfuaid:part>1</pdfuaid:part>",
            r#"<dc:title><rdf:Alt><rdf:li xml:lang="x-default">Stedenband Chengdu</rdf:li>"#,
            "<dc:creator><rdf:Seq><rdf:li>Gemeente Maastricht</rdf:li>",
            "<pdf:Keywords>Raadsinformatiebrief, Chengdu</pdf:Keywords>",
            "<dc:language><rdf:Bag><rdf:li>nl</rdf:li>",
            "<xmp:CreateDate>2022-11-22T00:00:00Z</xmp:CreateDate>",
        ],
    );
    assert_eq!(catalog_text(&letter, b"Lang"), "nl");
    let catalog = letter.catalog().unwrap();
    let prefs = catalog.get(b"ViewerPreferences").and_then(Object::as_dict).unwrap();
    assert!(prefs.get(b"DisplayDocTitle").and_then(Object::as_bool).unwrap());
    let mark = catalog.get(b"MarkInfo").and_then(Object::as_dict).unwrap();
    assert!(mark.get(b"Marked").and_then(Object::as_bool).unwrap());
    assert!(catalog.has(b"OutputIntents"), "PDF/A needs an output intent");
    let (kinds, alts) = structure(&letter);
    // The text's two `##` headings are siblings: both H1, side by side in the outline.
    assert!(kinds.contains_key("H1") && !kinds.contains_key("H2") && kinds.contains_key("L"), "{kinds:?}");
    // The logo, and the `--` of the empty UW REFERENTIE read as `geen`.
    assert_eq!(alts, ["geen", "Logo van Gemeente Maastricht"]);
    let bookmarks = pdf_bookmarks(&dir.path().join("uit").join(format!("{LETTER}.pdf")));
    let outline: Vec<(usize, &str)> = bookmarks.iter().map(|(level, title, _)| (*level, title.as_str())).collect();
    assert_eq!(outline, [(1, "Stand van zaken stedenband"), (1, "Afstemmen met de rijksoverheid")]);

    let report = load(&dir.path().join("uit/evaluatie-2020-guangdong.pdf"));
    let (kinds, alts) = structure(&report);
    for kind in ["H1", "H2", "Table", "THead", "TH", "TD", "Figure", "Caption", "TOC", "Note"] {
        assert!(kinds.contains_key(kind), "report lacks {kind}: {kinds:?}");
    }
    assert_eq!(alts.len(), 2, "{alts:?}");
    assert!(alts.iter().any(|a| a.starts_with("Staafdiagram van het aantal missies per jaar")), "{alts:?}");
    assert!(xmp(&report).contains("<dc:creator><rdf:Seq><rdf:li>Provincie Utrecht</rdf:li>"));

    let manifest = crate::support::manifest(&dir.path().join("uit"));
    assert_eq!(entry(&manifest, LETTER)["standaarden"], serde_json::json!(["PDF/A-2a", "PDF/UA-1"]));
}

#[test]
fn the_pdf_standard_is_chosen_and_claimed_exactly() {
    let dir = tempfile::tempdir().unwrap();
    sample_data(dir.path(), Some("Verslag"), None);
    let letter = dir.path().join("uit").join(format!("{LETTER}.pdf"));

    let ran = render(dir.path(), &["--only", LETTER, "--pdf-standard", "a-2b"]);
    assert_eq!(ran.code, 0, "{}", ran.stderr);
    let meta = xmp(&load(&letter));
    assert!(meta.contains("<pdfaid:conformance>B</pdfaid:conformance>") && !meta.contains("pdfuaid:part>"), "{meta}");
    assert_eq!(
        entry(&crate::support::manifest(&dir.path().join("uit")), LETTER)["standaarden"],
        serde_json::json!(["PDF/A-2b"])
    );

    let ran = render(dir.path(), &["--only", LETTER, "--pdf-standard", "none"]);
    assert_eq!(ran.code, 0, "{}", ran.stderr);
    let doc = load(&letter);
    assert!(!xmp(&doc).contains("pdfaid:part>"));
    assert!(doc.catalog().unwrap().has(b"StructTreeRoot"), "still tagged");
    assert_eq!(entry(&crate::support::manifest(&dir.path().join("uit")), LETTER)["standaarden"], serde_json::json!([]));
}

#[test]
fn pdf_annexes_follow_the_letter_with_a_bookmark_each_and_honest_claims() {
    let dir = tempfile::tempdir().unwrap();
    // A PDF/A annex: a memo made by missiedocs itself.
    sample_data(dir.path(), None, None);
    let ran = render(dir.path(), &["--only", "memo-2019-werkbezoek-chengdu"]);
    assert_eq!(ran.code, 0, "{}", ran.stderr);
    std::fs::copy(
        dir.path().join("uit/memo-2019-werkbezoek-chengdu.pdf"),
        dir.path().join("data/bijlagen/Collegememo werkbezoek.pdf"),
    )
    .unwrap();

    // A plain annex (Helvetica, not embedded) and a PDF/A one, with a title between.
    sample_data(
        dir.path(),
        Some(&format!("Verslag van de reis; {}; bijlagen/Collegememo werkbezoek.pdf", sample::ANNEX)),
        None,
    );
    let ran = render(dir.path(), &["--only", LETTER]);
    assert_eq!(ran.code, 0, "{}", ran.stderr);
    let out = dir.path().join("uit");
    let letter_pages = pdf_pages(&out.join(format!("{LETTER}.pdf")));
    let merged_path = out.join(format!("{LETTER}-met-bijlagen.pdf"));
    let merged = pdf_pages(&merged_path);
    let n = letter_pages.len();
    assert_eq!(merged.len(), n + 3 + 1, "letter, three slides, one memo page");
    for (i, page) in letter_pages.iter().enumerate() {
        assert_eq!(&merged[i], page, "letter page {} comes first, unchanged", i + 1);
    }
    assert!(squash(&merged[n]).contains("Werkbezoek Chengdu, juni 2019"), "{}", merged[n]);
    assert!(squash(&merged[n + 1]).starts_with("Programma"), "{}", merged[n + 1]);
    assert!(squash(&merged[n + 3]).contains("Collegememo"), "{}", merged[n + 3]);
    // The letter lists every annex, files by their titles.
    assert_holds(
        "annex list",
        &squash(&letter_pages.join("\n")),
        &["Verslag van de reis", "Presentatie werkbezoek Chengdu aan de raad", "Collegememo werkbezoek"],
    );

    let bookmarks = pdf_bookmarks(&merged_path);
    let top: Vec<(String, usize)> = bookmarks.iter().filter(|b| b.0 == 1).map(|b| (b.1.clone(), b.2)).collect();
    assert_eq!(
        top[top.len() - 2..],
        [
            ("Presentatie werkbezoek Chengdu aan de raad".to_string(), n + 1),
            ("Collegememo werkbezoek".to_string(), n + 4)
        ],
        "{bookmarks:?}"
    );
    assert_eq!(top[0].0, "Stand van zaken stedenband", "the letter's own bookmarks stay first");

    // A plain annex: the merged file claims no standard and the manifest says why.
    let doc = load(&merged_path);
    let meta = xmp(&doc);
    assert!(!meta.contains("pdfaid:part>") && !meta.contains("pdfuaid:part>"), "{meta}");
    assert!(meta.contains(&format!("<xmpTPg:NPages>{}</xmpTPg:NPages>", n + 4)));
    assert_eq!(catalog_text(&doc, b"Lang"), "nl");
    // Its annex pages are not in the tag tree: it does not claim to be tagged.
    let mark = doc.catalog().unwrap().get(b"MarkInfo").and_then(Object::as_dict).unwrap();
    assert!(!mark.get(b"Marked").and_then(Object::as_bool).unwrap(), "the merged copy claims to be tagged");
    let manifest = crate::support::manifest(&out);
    let letter = entry(&manifest, LETTER);
    assert_eq!(letter["standaarden"], serde_json::json!(["PDF/A-2a", "PDF/UA-1"]), "the letter itself conforms");
    let with = &letter["met_bijlagen"];
    assert_eq!(with["bestand"], format!("{LETTER}-met-bijlagen.pdf"));
    assert_eq!(with["paginas"], n + 4);
    assert!(with.get("standaarden").unwrap().as_array().unwrap().is_empty(), "{with}");
    let dropped = with["vervallen"].to_string();
    assert!(dropped.contains(&format!("bijlage `{}` is geen PDF/A", sample::ANNEX)), "{dropped}");
    assert!(dropped.contains("geen PDF/UA-1"), "{dropped}");
    assert_eq!(with["bijlagen"][1]["standaarden"], serde_json::json!(["PDF/A-2a", "PDF/UA-1"]));
    assert_eq!(with["bijlagen"][0]["paginas"], 3);

    // Only PDF/A annexes: the merged file is PDF/A-2b, and says so.
    sample_data(dir.path(), Some("bijlagen/Collegememo werkbezoek.pdf"), None);
    let ran = render(dir.path(), &["--only", LETTER]);
    assert_eq!(ran.code, 0, "{}", ran.stderr);
    let meta = xmp(&load(&merged_path));
    assert!(meta.contains("<pdfaid:part>2</pdfaid:part><pdfaid:conformance>B</pdfaid:conformance>"), "{meta}");
    assert!(!meta.contains("pdfuaid:part>"), "{meta}");
    let manifest = crate::support::manifest(&out);
    let with = &entry(&manifest, LETTER)["met_bijlagen"];
    assert_eq!(with["standaarden"], serde_json::json!(["PDF/A-2b"]));
    assert!(with["vervallen"].to_string().contains("PDF/A-2b in plaats van PDF/A-2a"), "{with}");

    // An annex that claims PDF/A but leaves its font out of the file is no PDF/A.
    let mut claiming = Document::load_mem(&crate::support::annex_pdf(&[&["Bijlage met Helvetica"]])).unwrap();
    let xmp_packet = r#"<?xpacket begin="" id="W5M0MpCehiHzreSzNTczkc9d"?><x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><rdf:Description rdf:about="" xmlns:pdfaid="http://www.aiim.org/pdfa/ns/id/"><pdfaid:part>2</pdfaid:part><pdfaid:conformance>B</pdfaid:conformance></rdf:Description></rdf:RDF></x:xmpmeta><?xpacket end="w"?>"#;
    let mut dict = lopdf::Dictionary::new();
    dict.set("Type", Object::Name(b"Metadata".to_vec()));
    dict.set("Subtype", Object::Name(b"XML".to_vec()));
    let metadata = claiming.add_object(lopdf::Stream::new(dict, xmp_packet.as_bytes().to_vec()));
    claiming.catalog_mut().unwrap().set("Metadata", metadata);
    claiming.save(dir.path().join("data/bijlagen/helvetica.pdf")).unwrap();
    sample_data(dir.path(), Some("bijlagen/helvetica.pdf"), None);
    let ran = render(dir.path(), &["--only", LETTER]);
    assert_eq!(ran.code, 0, "{}", ran.stderr);
    let meta = xmp(&load(&merged_path));
    assert!(!meta.contains("pdfaid:part>"), "{meta}");
    let manifest = crate::support::manifest(&out);
    let with = &entry(&manifest, LETTER)["met_bijlagen"];
    assert!(with["vervallen"].to_string().contains("sluit het lettertype `Helvetica` niet in"), "{with}");
}

#[test]
fn an_unreadable_annex_is_named_and_its_letter_not_made() {
    let dir = tempfile::tempdir().unwrap();
    sample_data(dir.path(), Some("Verslag; bijlagen/kapot.pdf"), None);
    std::fs::write(dir.path().join("data/bijlagen/kapot.pdf"), b"%PDF-1.7\n1 0 obj\n<< /Type /Cat").unwrap();
    let ran = missiedocs(dir.path(), &["check", "--data", "data/missies.xlsx"]);
    assert_eq!(ran.code, 1, "{}", ran.stderr);
    assert_stderr(
        &ran,
        &[
            "data/missies.xlsx, blad `Documenten`, rij 3, kolom `Bijlagen`: ",
            "bijlage `bijlagen/kapot.pdf` kan niet worden gelezen als PDF",
        ],
    );

    let ran = render(dir.path(), &[]);
    assert_eq!(ran.code, 1, "{}", ran.stderr);
    let out = dir.path().join("uit");
    assert!(!out.join(format!("{LETTER}.pdf")).exists() && !out.join(format!("{LETTER}-met-bijlagen.pdf")).exists());
    assert_eq!(entry(&crate::support::manifest(&out), LETTER)["status"], "fout");
    assert!(out.join("memo-2019-werkbezoek-chengdu.pdf").exists(), "the other documents are made");
}

#[test]
fn woo_writes_diwoo_metadata_beside_each_pdf() {
    let dir = tempfile::tempdir().unwrap();
    sample_data(dir.path(), None, None);
    let ran = render(dir.path(), &["--woo"]);
    assert_eq!(ran.code, 0, "{}", ran.stderr);
    let out = dir.path().join("uit");
    let mut xml_files: Vec<String> = std::fs::read_dir(&out)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".diwoo.xml"))
        .collect();
    xml_files.sort();
    let mut pdfs: Vec<String> = std::fs::read_dir(&out)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter_map(|n| n.strip_suffix(".pdf").map(|s| format!("{s}.diwoo.xml")))
        .collect();
    pdfs.sort();
    assert_eq!(xml_files, pdfs, "one metadata file per PDF");

    let letter = std::fs::read_to_string(out.join(format!("{LETTER}.diwoo.xml"))).unwrap();
    well_formed(&letter);
    let kern = "https://identifier.overheid.nl/tooi/def/thes/kern";
    assert_holds(
        "DiWoo of the letter",
        &letter,
        &[
            r#"<diwoo:Document xmlns:diwoo="https://standaarden.overheid.nl/diwoo/metadata/">"#,
            "<diwoo:identifier>2022.17761</diwoo:identifier>",
            r#"<diwoo:publisher resource="https://identifier.overheid.nl/tooi/id/gemeente/gm0935">Gemeente Maastricht</diwoo:publisher>"#,
            "<diwoo:officieleTitel>Stedenband Chengdu</diwoo:officieleTitel>",
            &format!(
                r#"<diwoo:informatiecategorie resource="{kern}/c_8c840238">bij vertegenwoordigende organen ingekomen stukken</diwoo:informatiecategorie>"#
            ),
            &format!(r#"<diwoo:documentsoort resource="{kern}/c_7652d853">brief</diwoo:documentsoort>"#),
            "<diwoo:creatiedatum>2022-11-22</diwoo:creatiedatum>",
            r#"<diwoo:language resource="http://publications.europa.eu/resource/authority/language/NLD">Nederlands</diwoo:language>"#,
            r#"<diwoo:format resource="http://publications.europa.eu/resource/authority/file-type/PDF">pdf</diwoo:format>"#,
            &format!(r#"<diwoo:soortHandeling resource="{kern}/c_641ecd76">vaststelling</diwoo:soortHandeling>"#),
            "<diwoo:atTime>2022-11-22T00:00:00</diwoo:atTime>",
        ],
    );
    let merged = std::fs::read_to_string(out.join(format!("{LETTER}-met-bijlagen.diwoo.xml"))).unwrap();
    well_formed(&merged);
    assert_holds(
        "DiWoo of the merged letter",
        &merged,
        &[
            &format!("<diwoo:isPartOf>{LETTER}.pdf</diwoo:isPartOf>"),
            &format!("<diwoo:hasPart>{}</diwoo:hasPart>", sample::ANNEX),
        ],
    );
    let report = std::fs::read_to_string(out.join("evaluatie-2020-guangdong.diwoo.xml")).unwrap();
    assert_holds(
        "DiWoo of the report",
        &report,
        &[
            r#"resource="https://identifier.overheid.nl/tooi/id/provincie/pv26">Provincie Utrecht</diwoo:publisher>"#,
            ">onderzoeksrapporten</diwoo:informatiecategorie>",
            ">evaluatierapport</diwoo:documentsoort>",
        ],
    );
    let manifest = crate::support::manifest(&out);
    assert_eq!(
        entry(&manifest, LETTER)["woo"],
        serde_json::json!([format!("{LETTER}.diwoo.xml"), format!("{LETTER}-met-bijlagen.diwoo.xml")])
    );

    // A sender the value lists do not know needs its code.
    let dir = tempfile::tempdir().unwrap();
    sample_data(dir.path(), None, Some("Gemeente Nergenshuizen"));
    let ran = render(dir.path(), &["--woo", "--only", LETTER]);
    assert_eq!(ran.code, 1, "{}", ran.stderr);
    assert_stderr(&ran, &["TOOI-code van `Gemeente Nergenshuizen`", "het veld `tooi`"]);
    assert!(!dir.path().join("uit").join(format!("{LETTER}.pdf")).exists(), "nothing half made");
}

/// A failure's words and hint are chosen when they are printed: the same
/// failure in English on stderr and in the manifest under `--lang en`, the
/// hint on its own line and in its own field.
#[test]
fn a_failure_is_said_in_the_language_asked_with_its_hint_apart() {
    let dir = tempfile::tempdir().unwrap();
    sample_data(dir.path(), None, Some("Gemeente Nergenshuizen"));
    let ran = render(dir.path(), &["--woo", "--only", LETTER, "--lang", "en"]);
    assert_eq!(ran.code, 1, "{}", ran.stderr);
    crate::support::assert_stderr(
        &ran,
        &[
            "the Woo metadata needs the TOOI code of `Gemeente Nergenshuizen`\n    hint: fill in the field `tooi` in the Afzender sheet",
        ],
    );
    assert!(!ran.stderr.contains("TOOI-code van"), "no Dutch left: {}", ran.stderr);
    let manifest = crate::support::manifest(&dir.path().join("uit"));
    let fout = &crate::support::entry(&manifest, LETTER)["fouten"][0];
    assert_eq!(
        fout["hint"],
        "fill in the field `tooi` in the Afzender sheet (for example gm0935 for Gemeente Maastricht)"
    );
    assert!(fout["melding"].as_str().unwrap().starts_with("the Woo metadata needs"), "{fout}");
}

/// Parses XML to the end, failing on any syntax error.
fn well_formed(xml: &str) {
    let mut reader = quick_xml::Reader::from_str(xml);
    loop {
        match reader.read_event() {
            Ok(quick_xml::events::Event::Eof) => break,
            Ok(_) => {}
            Err(e) => panic!("not well-formed at {}: {e}\n{xml}", reader.buffer_position()),
        }
    }
}

/// Every stream whose data ends in a carriage return is followed by CR LF
/// before `endstream`, so JHOVE and page-validation read the data as
/// veraPDF does (a lone LF after a CR reads as one CR LF marker to them).
/// About one stream in 256 has compressed data ending in a CR: of 400
/// letters, each with its own subject, some have one.
#[test]
fn a_stream_whose_data_ends_in_cr_reads_the_same_to_every_reader() {
    let dir = tempfile::tempdir().unwrap();
    let header = ["document", "sjabloon", "onderwerp", "datum", "kenmerk"];
    let rows: Vec<Vec<String>> = (0..400)
        .map(|i| {
            let subject = format!("Missie {i} naar partner {}", i * 7919 % 1000);
            vec![format!("rib-{i}"), "raadsinformatiebrief".into(), subject, "1-10-2022".into(), format!("2022.{i:05}")]
        })
        .collect();
    let mut table: Vec<Vec<&str>> = vec![header.to_vec()];
    table.extend(rows.iter().map(|r| r.iter().map(String::as_str).collect()));
    let table: Vec<&[&str]> = table.iter().map(Vec::as_slice).collect();
    let sheets = [
        Sheet::text("Afzender", &[&["veld", "waarde"], &["naam", "Gemeente Voorbeeldstad"]]),
        Sheet::text("Missies", &[&["missie", "titel", "richting", "partner", "begindatum"]]),
        Sheet::text("Documenten", &table),
    ];
    crate::support::write_csv_dir(&dir.path().join("data"), &sheets, false);
    let ran = missiedocs(dir.path(), &["render", "--data", "data", "--out", "uit", "--quiet"]);
    assert_eq!(ran.code, 0, "{}", ran.stderr);
    let mut ending_in_cr = 0;
    for file in std::fs::read_dir(dir.path().join("uit")).unwrap() {
        let path = file.unwrap().path();
        if path.extension().is_none_or(|e| e != "pdf") {
            continue;
        }
        let bytes = std::fs::read(&path).unwrap();
        for object in load(&path).objects.values() {
            let Ok(stream) = object.as_stream() else { continue };
            // Found by its own bytes (compressed data is as good as unique).
            if stream.content.len() < 16 {
                continue;
            }
            let start = memchr::memmem::find(&bytes, &stream.content).unwrap();
            let end = start + stream.content.len();
            let after = &bytes[end..end + 11];
            if stream.content.ends_with(b"\r") {
                ending_in_cr += 1;
                assert_eq!(after, b"\r\nendstream", "{}", path.display());
            } else {
                assert!(after.starts_with(b"\nendstream") || after.starts_with(b"\r\nendstream"), "{}", path.display());
            }
        }
    }
    assert!(ending_in_cr > 0, "no stream ends in CR: the case is not tested");
}

/// An annex cut short (its table of objects lost, as a download that
/// stopped) would be merged from what is left, its later pages blank; an
/// annex whose page tree loops would count pages twice. Both are refused
/// at their `bijlagen` cell, in `check` as in `render`.
#[test]
fn an_annex_cut_short_or_whose_pages_loop_is_refused() {
    let pages: Vec<Vec<String>> = (1..=11).map(|n| vec![format!("Bijlagepagina {n}")]).collect();
    let pages: Vec<Vec<&str>> = pages.iter().map(|p| p.iter().map(String::as_str).collect()).collect();
    let pages: Vec<&[&str]> = pages.iter().map(Vec::as_slice).collect();
    let whole = crate::support::annex_pdf(&pages);
    let cut = whole[..whole.len() * 3 / 10].to_vec();
    // Damaged in the middle: one page's content gone, the table intact.
    let mut holed = whole.clone();
    let at = memchr::memmem::find(&holed, b"Bijlagepagina 7").unwrap();
    let start = memchr::memmem::rfind(&holed[..at], b" obj").unwrap() - 4;
    let end = at + memchr::memmem::find(&holed[at..], b"endobj").unwrap() + 6;
    holed[start..end].fill(b' ');
    let mut looped = Document::load_mem(&whole).unwrap();
    let root = looped.catalog().unwrap().get(b"Pages").unwrap().as_reference().unwrap();
    let kids = looped.get_dictionary_mut(root).unwrap().get_mut(b"Kids").unwrap().as_array_mut().unwrap();
    kids.push(Object::Reference(root));
    let mut looped_bytes = Vec::new();
    looped.save_to(&mut looped_bytes).unwrap();
    for (bytes, says) in [
        (cut, "(het bestand is beschadigd of onvolledig)"),
        (holed, "pagina 7 verwijst naar een deel van het bestand"),
        (looped_bytes, "de paginaboom verwijst naar zichzelf"),
    ] {
        let dir = tempfile::tempdir().unwrap();
        sample_data(dir.path(), Some("Verslag; bijlagen/kort.pdf"), None);
        std::fs::write(dir.path().join("data/bijlagen/kort.pdf"), &bytes).unwrap();
        let check = missiedocs(dir.path(), &["check", "--data", "data/missies.xlsx"]);
        let ran = render(dir.path(), &[]);
        for out in [&check, &ran] {
            assert_eq!(out.code, 1, "{}", out.stderr);
            assert_stderr(
                out,
                &[
                    "data/missies.xlsx, blad `Documenten`, rij 3, kolom `Bijlagen`: bijlage `bijlagen/kort.pdf` kan niet worden gelezen als PDF",
                    says,
                ],
            );
        }
        let out = dir.path().join("uit");
        assert!(!out.join(format!("{LETTER}-met-bijlagen.pdf")).exists());
        assert_eq!(entry(&crate::support::manifest(&out), LETTER)["status"], "fout");
    }
    // Whole, the eleven pages follow the letter.
    let dir = tempfile::tempdir().unwrap();
    sample_data(dir.path(), Some("Verslag; bijlagen/heel.pdf"), None);
    std::fs::write(dir.path().join("data/bijlagen/heel.pdf"), whole).unwrap();
    assert_eq!(render(dir.path(), &[]).code, 0);
}

/// The structure elements of a PDF in reading order (depth first).
fn kinds_in_order(doc: &Document) -> Vec<String> {
    let root = doc.catalog().unwrap().get(b"StructTreeRoot").unwrap().as_reference().unwrap();
    let mut order = Vec::new();
    let mut stack = vec![root];
    while let Some(id) = stack.pop() {
        let Ok(node) = doc.get_dictionary(id) else { continue };
        if let Ok(kind) = node.get(b"S").and_then(Object::as_name) {
            order.push(String::from_utf8_lossy(kind).into_owned());
        }
        match node.get(b"K") {
            Ok(Object::Array(kids)) => stack.extend(kids.iter().rev().filter_map(|k| k.as_reference().ok())),
            Ok(Object::Reference(kid)) => stack.push(*kid),
            _ => {}
        }
    }
    order
}

/// The report's cover title is the first thing a screen reader finds as a
/// heading: the document's title, before the contents.
#[test]
fn a_report_s_cover_title_is_its_title_before_the_contents() {
    let dir = tempfile::tempdir().unwrap();
    sample_data(dir.path(), None, None);
    let ran = render(dir.path(), &["--only", "evaluatie-2020-guangdong"]);
    assert_eq!(ran.code, 0, "{}", ran.stderr);
    let order = kinds_in_order(&load(&dir.path().join("uit/evaluatie-2020-guangdong.pdf")));
    let first_heading = order.iter().position(|k| k == "Title" || k.starts_with('H')).unwrap();
    let contents = order.iter().position(|k| k == "TOC").unwrap();
    assert!(first_heading < contents, "{order:?}");
    // Before the cover's title was tagged, the first heading was the contents' own.
    assert_eq!(order[first_heading], "Title", "{order:?}");
    assert_eq!(order.iter().filter(|k| *k == "Title").count(), 1, "{order:?}");
}
