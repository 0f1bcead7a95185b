//! Property tests: the readers, value parsers, Markdown and text templates
//! never panic on any input, and the Dutch notations read back what they
//! write. Case counts keep `cargo test` within seconds; cases proptest once
//! found are kept below as plain regression tests.

use std::path::Path;

use missiedocs::document::format::{self, AmountStyle};
use missiedocs::document::markdown::{self, Node};
use missiedocs::document::text::TextEngine;
use missiedocs::input::notation;
use missiedocs::input::{self as read, Cell, Row, Sheet, Workbook};
use missiedocs::lang::Lang;
use proptest::prelude::*;

fn config(cases: u32) -> ProptestConfig {
    ProptestConfig { cases, failure_persistence: None, ..ProptestConfig::default() }
}

/// Text people could type in a cell: digits, Dutch words and signs.
fn cellish() -> impl Strategy<Value = String> {
    prop_oneof![
        any::<String>(),
        "[0-9 .,€-]{0,16}",
        "[0-9]{1,2}[-/ ][0-9a-z.]{1,9}[-/ ][0-9]{1,5}",
        "(ca\\. |± |€ )?[0-9]{1,3}([.,][0-9]{1,3}){0,3}( mln| miljoen| k)?",
    ]
}

proptest! {
    #![proptest_config(config(512))]

    #[test]
    fn value_parsers_never_panic(text in cellish()) {
        let _ = notation::parse_date(&text);
        let _ = notation::parse_amount(&text);
        let _ = notation::parse_whole(&text);
        let _ = missiedocs::model::keys::match_key(&text);
        let _ = missiedocs::model::keys::template_key(&text);
    }

    #[test]
    fn written_dates_read_back(days in 0i64..80_000) {
        let date = chrono::NaiveDate::from_ymd_opt(1900, 1, 1).unwrap() + chrono::Duration::days(days);
        prop_assert_eq!(notation::parse_date(&format::format_date(date, Lang::Nl)), Ok(date));
        prop_assert_eq!(notation::parse_date(&date.format("%d-%m-%Y").to_string()), Ok(date));
    }

    #[test]
    fn written_amounts_read_back(cents in -10_000_000_000i64..10_000_000_000) {
        let amount = cents as f64 / 100.0;
        let written = format::format_amount(amount, AmountStyle::Full, Lang::Nl);
        let read = notation::parse_amount(&written).unwrap();
        prop_assert!((read - amount).abs() < 0.005, "{} → {} → {}", amount, written, read);
    }

    #[test]
    fn markdown_never_panics(text in any::<String>()) {
        let mut nodes = markdown::parse(&text);
        markdown::normalize_headings(&mut nodes);
    }

    #[test]
    fn escaped_text_prints_as_written(text in "[^\\s]([^\\n\\r\\t]{0,40}[^\\s])?") {
        let nodes = markdown::parse(&markdown::escape(&text));
        // U+0000 prints as U+FFFD, as CommonMark has it.
        let shown = text.replace('\0', "\u{FFFD}");
        prop_assert_eq!(nodes, vec![Node::Par { c: vec![Node::Text { s: shown }] }]);
    }

    #[test]
    fn text_templates_never_panic(source in any::<String>()) {
        let mut engine = TextEngine::new(Lang::Nl);
        if engine.add("t.md", &source).is_ok() {
            let _ = engine.render("t.md", &serde_json::json!({"taal": "nl", "missie": {"titel": "x"}}));
        }
    }
}

/// Cases proptest found, kept as regression tests.
#[test]
fn found_cases() {
    // A NUL in a value was once taken for a footnote marker.
    let nodes = markdown::parse(&markdown::escape("!`\0\0"));
    assert_eq!(nodes, vec![Node::Par { c: vec![Node::Text { s: "!`\u{FFFD}\u{FFFD}".into() }] }]);
    let nodes = markdown::parse("a\0[^1]\n\n[^1]: b\n");
    assert!(matches!(&nodes[0], Node::Par { c } if matches!(c.last(), Some(Node::Footnote { .. }))), "{nodes:?}");
    // A footnote that refers to itself ends, as text.
    let nodes = markdown::parse("a[^1]\n\n[^1]: zie [^1]\n");
    let Node::Par { c } = &nodes[0] else { panic!("{nodes:?}") };
    let Node::Footnote { c: note } = &c[1] else { panic!("{c:?}") };
    let text: String = note.iter().map(|n| if let Node::Text { s } = n { s.as_str() } else { "?" }).collect();
    assert_eq!(text, "zie [^1]");
}

/// A workbook of the contract's sheets with arbitrary cells.
fn workbook(cells: Vec<Vec<String>>) -> Workbook {
    let sheet = |name: &str, columns: &[&str]| Sheet {
        name: name.into(),
        file: "w.xlsx".into(),
        header_line: 1,
        columns: columns.iter().map(|c| c.to_string()).collect(),
        left: 0,
        rows: cells
            .iter()
            .enumerate()
            .map(|(i, r)| Row { line: i + 2, cells: r.iter().map(|t| Cell::Text(t.clone())).collect() })
            .collect(),
        hidden: false,
        hidden_rows: Vec::new(),
    };
    Workbook {
        path: "w.xlsx".into(),
        sheets: vec![
            sheet("Afzender", &["veld", "waarde"]),
            sheet("Missies", &["missie", "titel", "richting", "partner", "begindatum", "einddatum", "kosten"]),
            sheet("Resultaten", &["missie", "thema", "omschrijving", "bedrag", "banen", "datum"]),
            sheet("Documenten", &["document", "sjabloon", "onderwerp", "datum", "partner", "van", "tot"]),
            sheet("Begroting", &["Jaar", "Budget", "FTE"]),
        ],
    }
}

proptest! {
    #![proptest_config(config(128))]

    #[test]
    fn model_and_checks_never_panic(cells in prop::collection::vec(prop::collection::vec(cellish(), 0..8), 0..6)) {
        let book = workbook(cells);
        let (model, _) = missiedocs::input::load(&book, &missiedocs::model::DocumentKind::from_name);
        let templates = missiedocs::typeset::templates::Templates::new(None, Lang::Nl);
        let mut texts = TextEngine::new(Lang::Nl);
        let _ = missiedocs::check::validate(&model, &templates, &mut texts);
        for doc in &model.documenten {
            let scope = missiedocs::document::context::Scope::of(&model, doc);
            let _ = missiedocs::document::report::build(&model, doc, &scope);
        }
    }
}

/// Reads bytes saved under a name; any outcome but a panic is fine.
fn read_bytes(dir: &Path, name: &str, bytes: &[u8]) {
    let path = dir.join(name);
    std::fs::write(&path, bytes).unwrap();
    if let Err(err) = read::read(&path) {
        assert!(!err.to_string().is_empty());
    }
}

proptest! {
    #![proptest_config(config(160))]

    #[test]
    fn readers_never_panic_on_arbitrary_bytes(bytes in prop::collection::vec(any::<u8>(), 0..600)) {
        let dir = tempfile::tempdir().unwrap();
        for name in ["a.xlsx", "a.xls", "a.ods"] {
            read_bytes(dir.path(), name, &bytes);
        }
        let csv = dir.path().join("csv");
        std::fs::create_dir(&csv).unwrap();
        std::fs::write(csv.join("missies.csv"), &bytes).unwrap();
        let _ = read::read(&csv);
    }

    #[test]
    fn readers_never_panic_on_damaged_workbooks(cut in 0usize..4000, flips in prop::collection::vec((0usize..4000, any::<u8>()), 0..6)) {
        let original = std::fs::read(crate::support::root().join("data/voorbeeld.xlsx")).unwrap();
        let mut bytes = original[..cut.min(original.len())].to_vec();
        if bytes.len() < 200 {
            bytes = original.clone();
        }
        for (at, value) in flips {
            let len = bytes.len();
            bytes[at % len] = value;
        }
        let dir = tempfile::tempdir().unwrap();
        read_bytes(dir.path(), "kapot.xlsx", &bytes);
    }
}

/// The words of nodes, in order, markup dropped.
fn words(value: &serde_json::Value, out: &mut String) {
    match value {
        serde_json::Value::Object(map) => {
            if let Some(serde_json::Value::String(s)) = map.get("s") {
                out.push_str(s);
            }
            map.values().for_each(|v| words(v, out));
        }
        serde_json::Value::Array(items) => items.iter().for_each(|v| words(v, out)),
        _ => {}
    }
}

fn spaced(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

proptest! {
    #![proptest_config(config(64))]

    /// Whatever a writer types in Word (but a placeholder) prints as typed,
    /// however Word splits it into runs set in different ways.
    #[test]
    fn word_text_prints_as_written(parts in prop::collection::vec("[^{}\\p{C}]{1,12}", 1..6)) {
        use crate::support::word::{p, r, rp, write_docx};
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("t.docx");
        let props = ["<w:b/>", "<w:i/>", r#"<w:vertAlign w:val="superscript"/>"#];
        let runs: String =
            parts.iter().enumerate().map(|(i, t)| if i % 2 == 0 { r(t) } else { rp(props[i % 3], t) }).collect();
        write_docx(&path, &p(&runs), &[], &[]);
        let text = missiedocs::input::word::read(&path, &|_, _| String::new()).unwrap();
        let nodes = serde_json::to_value(markdown::parse(&text.written.markdown)).unwrap();
        let mut printed = String::new();
        words(&nodes, &mut printed);
        prop_assert_eq!(spaced(&printed), spaced(&parts.concat()), "{}", text.written.markdown);
    }

    #[test]
    fn word_reader_never_panics_on_damaged_files(cut in 0usize..3000, flips in prop::collection::vec((0usize..3000, any::<u8>()), 0..6)) {
        use crate::support::word::{item, p, r, styled, write_docx};
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("t.docx");
        write_docx(&path, &[styled("Kop1", &r("Kop")), p(&r("{{ x }}")), item(2, 1, &r("a"))].concat(), &[&r("noot")], &[]);
        let original = std::fs::read(&path).unwrap();
        let mut bytes = original[..cut.min(original.len())].to_vec();
        if bytes.len() < 100 {
            bytes = original.clone();
        }
        for (at, value) in flips {
            let len = bytes.len();
            bytes[at % len] = value;
        }
        std::fs::write(&path, &bytes).unwrap();
        if let Err(err) = missiedocs::input::word::read(&path, &|_, _| String::new()) {
            prop_assert!(!err.message("t.docx", Lang::Nl).is_empty());
        }
    }
}
