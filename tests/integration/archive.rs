//! MDTO metadata for the e-depot (`render --mdto`): beside every PDF made
//! its informatieobject and its bestand, read back as an e-depot reads
//! them — the checksum and size of the file on disk, the two pointing at
//! each other, appraisal, retention and openness from the row — none for
//! a draft or a document not made; a value the archive columns cannot
//! hold stops the document in `check` and `render` alike.
//!
//! The files are checked against the MDTO-XML 1.0.1 schema in `.ci/run`
//! (`.ci/mdto.py`, with the Python `xmlschema` package).

use std::path::Path;

use sha2::{Digest, Sha256};

use crate::support::register::{LETTER, MEMO, REPORT, STATENBRIEF, set};
use crate::support::{Sheet, assert_stderr, entry, manifest, missiedocs, sample, write_texts, write_xlsx};

/// Every `<tag>…</tag>` in `xml`, in order.
fn all<'a>(xml: &'a str, tag: &str) -> Vec<&'a str> {
    let (open, close) = (format!("<{tag}>"), format!("</{tag}>"));
    xml.split(open.as_str()).skip(1).filter_map(|s| s.split(close.as_str()).next()).collect()
}

/// The one `<tag>…</tag>` in `xml`.
#[track_caller]
fn one<'a>(xml: &'a str, tag: &str) -> &'a str {
    let found = all(xml, tag);
    assert_eq!(found.len(), 1, "one <{tag}> in {xml}");
    found[0]
}

fn write(dir: &Path, sheets: &[Sheet]) {
    write_texts(&dir.join("data"));
    write_xlsx(&dir.join("data/m.xlsx"), sheets);
}

/// The sample, the memo a draft, the statenbrief with a date that does
/// not exist; the letter kept for good, the report kept ten years and not
/// public.
fn sheets() -> Vec<Sheet> {
    let mut sheets = sample::sheets();
    set(&mut sheets, MEMO, "Status", "concept");
    set(&mut sheets, STATENBRIEF, "Datum", "31-02-2020");
    set(&mut sheets, LETTER, "Waardering", "B");
    set(&mut sheets, REPORT, "Waardering", "tijdelijk te bewaren");
    set(&mut sheets, REPORT, "Bewaartermijn", "10 jaar");
    set(&mut sheets, REPORT, "Openbaarheid", "niet openbaar");
    sheets
}

fn names(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> =
        std::fs::read_dir(dir).unwrap().map(|e| e.unwrap().file_name().into_string().unwrap()).collect();
    names.sort();
    names
}

#[test]
fn every_pdf_made_has_its_informatieobject_and_bestand_and_the_checksum_is_the_files() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), &sheets());
    let render = |out: &str| {
        let args = ["render", "--data", "data/m.xlsx", "--out", out, "--mdto", "--woo", "--quiet"];
        let mut cmd = std::process::Command::new(env!("CARGO_BIN_EXE_missiedocs"));
        cmd.current_dir(dir.path()).args(args).env("SOURCE_DATE_EPOCH", "1700000000");
        let output = cmd.output().unwrap();
        (output.status.code().unwrap(), String::from_utf8(output.stderr).unwrap())
    };
    let (code, stderr) = render("uit");
    assert_eq!(code, 1, "the statenbrief is not made: {stderr}");
    assert!(
        stderr.contains("geen MDTO-metadata: het document is een concept"),
        "the draft says why it has none: {stderr}"
    );
    assert!(
        stderr
            .contains("geen DiWoo-metadata: het document is niet openbaar (`openbaarheid`) en wordt niet gepubliceerd"),
        "{stderr}"
    );
    let out = dir.path().join("uit");
    let m = manifest(&out);

    let mut pdfs = Vec::new();
    for d in m["documenten"].as_array().unwrap() {
        let listed: Vec<&str> = d["mdto"].as_array().into_iter().flatten().map(|v| v.as_str().unwrap()).collect();
        if d["status"] != "ok" || d["concept"] == true {
            assert!(listed.is_empty(), "{d:#}");
            continue;
        }
        let mut own = vec![d["bestand"].as_str().unwrap()];
        own.extend(d["met_bijlagen"]["bestand"].as_str());
        let expected: Vec<String> = own
            .iter()
            .flat_map(|pdf| [format!("{}.mdto.xml", pdf.strip_suffix(".pdf").unwrap()), format!("{pdf}.mdto.xml")])
            .collect();
        assert_eq!(listed, expected, "{d:#}");
        pdfs.extend(own.iter().map(|s| s.to_string()));
    }
    assert!(pdfs.contains(&format!("{LETTER}-met-bijlagen.pdf")), "{pdfs:?}");
    for pdf in &pdfs {
        let bytes = std::fs::read(out.join(pdf)).unwrap();
        let stem = pdf.strip_suffix(".pdf").unwrap();
        let object = std::fs::read_to_string(out.join(format!("{stem}.mdto.xml"))).unwrap();
        let file = std::fs::read_to_string(out.join(format!("{pdf}.mdto.xml"))).unwrap();
        for xml in [&object, &file] {
            assert!(
                xml.starts_with(
                    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<MDTO xmlns=\"https://www.nationaalarchief.nl/mdto\""
                ),
                "{xml}"
            );
        }
        // The bestand: the file on disk, exactly.
        assert_eq!(one(&file, "naam"), pdf);
        assert_eq!(one(&file, "omvang"), bytes.len().to_string());
        let hex: String = Sha256::digest(&bytes).iter().map(|b| format!("{b:02x}")).collect();
        assert_eq!(one(&file, "checksumWaarde"), hex, "{pdf}");
        assert_eq!(one(&file, "checksumDatum"), "2023-11-14T22:13:20Z", "SOURCE_DATE_EPOCH is the moment");
        // PDF/A-2a in PRONOM; the copy whose annexes are not PDF/A claims no standard.
        let format = if pdf.ends_with("-met-bijlagen.pdf") { "fmt/276" } else { "fmt/476" };
        assert_eq!(one(&file, "begripCode"), format, "{file}");
        // The two point at each other.
        let object_id = all(&object, "identificatieKenmerk")
            .into_iter()
            .find(|id| *id == stem)
            .unwrap_or_else(|| panic!("{stem} identifies its informatieobject: {object}"));
        let represents = one(&file, "isRepresentatieVan");
        assert_eq!(one(represents, "identificatieKenmerk"), object_id);
        assert_eq!(one(one(&object, "heeftRepresentatie"), "verwijzingNaam"), pdf);
        assert_eq!(one(one(&object, "aggregatieniveau"), "begripLabel"), "Archiefstuk");
    }

    let object = |stem: &str| std::fs::read_to_string(out.join(format!("{stem}.mdto.xml"))).unwrap();
    // The letter: its reference number identifies it, kept for good, public,
    // sent on the day the data says, made by Maastricht (TOOI).
    let letter = object(LETTER);
    let ids = all(&letter, "identificatie");
    assert_eq!(ids.len(), 2, "its reference number and its id: {letter}");
    assert!(ids[0].contains("<identificatieBron>Gemeente Maastricht</identificatieBron>"), "{letter}");
    assert_eq!(one(one(&letter, "waardering"), "begripCode"), "B");
    assert!(!letter.contains("<bewaartermijn>"), "{letter}");
    assert_eq!(one(one(&letter, "beperkingGebruik"), "begripLabel"), "Openbaar");
    assert!(letter.contains(
        "<identificatieKenmerk>https://identifier.overheid.nl/tooi/id/gemeente/gm0935</identificatieKenmerk>"
    ));
    assert_eq!(one(&letter, "naam"), "Stedenband Chengdu");
    // Its copy with the annexes is a version of it.
    let copy = object(&format!("{LETTER}-met-bijlagen"));
    assert_eq!(all(&copy, "identificatie").len(), 1, "the reference number names the letter, not its copy");
    let related = one(&copy, "gerelateerdInformatieobjectVerwijzing");
    assert_eq!(one(related, "identificatieKenmerk"), LETTER);

    // The report: ten years from its date, not public, and so not published.
    let report = object(REPORT);
    assert_eq!(one(one(&report, "waardering"), "begripCode"), "V");
    let period = one(&report, "bewaartermijn");
    assert_eq!(one(period, "termijnLooptijd"), "P10Y");
    let start = one(period, "termijnStartdatumLooptijd");
    let end = one(period, "termijnEinddatum");
    assert_eq!(&end[4..], &start[4..]);
    assert_eq!(end[..4].parse::<i32>().unwrap(), start[..4].parse::<i32>().unwrap() + 10);
    assert_eq!(one(one(&report, "beperkingGebruik"), "begripLabel"), "Niet openbaar");
    assert!(one(&report, "dekkingInTijd").contains("<dekkingInTijdEinddatum>"), "a report covers its period");
    assert!(entry(&m, REPORT)["woo"].as_array().is_none(), "{:#}", entry(&m, REPORT));
    assert!(!out.join(format!("{REPORT}.diwoo.xml")).exists());

    // Neither the draft nor the document not made has any.
    let files = names(&out);
    assert!(!files.iter().any(|n| n.starts_with(MEMO) && n.contains("mdto")), "{files:?}");
    assert!(!files.iter().any(|n| n.starts_with(STATENBRIEF)), "{files:?}");

    // The same moment, the same bytes.
    let (code, _) = render("again");
    assert_eq!(code, 1);
    for name in files.iter().filter(|n| n.ends_with(".mdto.xml")) {
        let (a, b) =
            (std::fs::read(out.join(name)).unwrap(), std::fs::read(dir.path().join("again").join(name)).unwrap());
        assert!(a == b, "{name} differs between two runs");
    }

    // Made again without `--mdto`: no archive metadata is left beside PDFs
    // it no longer describes.
    let again = missiedocs(dir.path(), &["render", "--data", "data/m.xlsx", "--out", "uit", "--quiet"]);
    assert_eq!(again.code, 1, "{}", again.stderr);
    assert!(!names(&out).iter().any(|n| n.ends_with(".mdto.xml")), "{:?}", names(&out));
}

#[test]
fn an_archive_value_that_cannot_be_read_stops_its_document_in_check_and_render() {
    let dir = tempfile::tempdir().unwrap();
    let mut sheets = sample::sheets();
    set(&mut sheets, LETTER, "Waardering", "misschien");
    set(&mut sheets, MEMO, "Bewaartermijn", "tien jaar");
    set(&mut sheets, STATENBRIEF, "Waardering", "B");
    set(&mut sheets, STATENBRIEF, "Bewaartermijn", "7 jaar");
    set(&mut sheets, REPORT, "Openbaarheid", "soms");
    write(dir.path(), &sheets);
    let check = missiedocs(dir.path(), &["check", "--data", "data/m.xlsx"]);
    let render = missiedocs(dir.path(), &["render", "--data", "data/m.xlsx", "--out", "uit", "--quiet"]);
    let expected = [
        "kolom `Waardering`: `misschien` is geen waardering",
        "hint: gebruik `B` (blijvend te bewaren), `V` (tijdelijk te bewaren) of `N` (nader te bepalen)",
        "kolom `Bewaartermijn`: `tien jaar` is geen bewaartermijn",
        "hint: schrijf een aantal jaren of maanden, zoals `10 jaar`",
        "een document dat blijvend wordt bewaard heeft geen bewaartermijn",
        "kolom `Openbaarheid`: `soms` is geen waarde voor `openbaarheid`",
    ];
    for ran in [&check, &render] {
        assert_eq!(ran.code, 1, "{}", ran.stderr);
        assert_stderr(ran, &expected);
    }
    // Without `--mdto` too: a value in the data that cannot be read is never passed over.
    let m = manifest(&dir.path().join("uit"));
    for id in [LETTER, MEMO, STATENBRIEF, REPORT] {
        assert_eq!(entry(&m, id)["status"], "fout", "{id}");
    }
    let said = serde_json::to_string(&entry(&m, STATENBRIEF)["fouten"]).unwrap();
    assert!(said.contains("7 jaar"), "the cell's value is named: {said}");
}
