//! One document made in memory, as a server will: the same bytes `render`
//! writes, and nothing written anywhere; a document its problems stop says
//! why, without a file.

use missiedocs::batch::Typesetting;
use missiedocs::batch::make::{Stopped, make};
use missiedocs::lang::Lang;
use missiedocs::typeset::Standard;

use crate::support::register::LETTER;
use crate::support::{missiedocs, sample, write_texts, write_xlsx};

#[test]
fn a_document_is_made_in_memory_with_the_bytes_render_writes() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    write_texts(&data);
    let mut sheets = sample::sheets();
    write_xlsx(&data.join("missies.xlsx"), &sheets);
    let ran =
        missiedocs(dir.path(), &["render", "--data", "data/missies.xlsx", "--out", "uit", "--quiet", "--only", LETTER]);
    assert_eq!(ran.code, 0, "{}", ran.stderr);
    let written = std::fs::read(dir.path().join(format!("uit/{LETTER}.pdf"))).unwrap();
    let before: Vec<_> = std::fs::read_dir(dir.path()).unwrap().map(|e| e.unwrap().file_name()).collect();

    let prepared = missiedocs::batch::prepare(&data.join("missies.xlsx"), None, Lang::Nl, Typesetting::Later).unwrap();
    let context = missiedocs::document::text::shared(&prepared.model, &prepared.texts);
    let maker = prepared.maker(&context, Standard::default(), Lang::Nl);
    let doc = prepared.model.documenten.iter().find(|d| d.document == LETTER).unwrap();
    let made = make(&maker, doc).unwrap_or_else(|e| panic!("{e:?}"));
    assert!(made.pdf == written, "make and render give different bytes");
    assert_eq!(made.pages, 2);
    assert_eq!(made.standards, ["PDF/A-2a", "PDF/UA-1"]);
    let after: Vec<_> = std::fs::read_dir(dir.path()).unwrap().map(|e| e.unwrap().file_name()).collect();
    assert_eq!(before, after, "making wrote something");

    // A document with a problem in what it uses is stopped, with the problem.
    let docs = sheets.iter_mut().find(|s| s.name == "Documenten").unwrap();
    let row = docs.rows.iter_mut().find(|r| matches!(r.first(), Some(crate::support::V::T(t)) if t == LETTER)).unwrap();
    row[3] = crate::support::V::T("31-02-2022".into());
    write_xlsx(&data.join("missies.xlsx"), &sheets);
    let prepared =
        missiedocs::batch::prepare(&data.join("missies.xlsx"), None, Lang::Nl, Typesetting::Nothing).unwrap();
    let context = missiedocs::document::text::shared(&prepared.model, &prepared.texts);
    let maker = prepared.maker(&context, Standard::default(), Lang::Nl);
    let stopped = prepared.model.documenten.iter().find(|d| d.document == LETTER).map(|doc| make(&maker, doc));
    match stopped {
        Some(Err(Stopped::Problems(problems))) => {
            let text =
                problems.iter().map(|p| p.said(missiedocs::lang::Lang::Nl).to_string()).collect::<Vec<_>>().join("\n");
            assert!(text.contains("31-02-2022"), "{text}");
        }
        other => panic!("not stopped by its problem: {:?}", other.map(|r| r.map(|m| m.pages))),
    }
}
