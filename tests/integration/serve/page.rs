//! The page: every page of a document drawn, and the language asked.

use super::{Server, data, set};
use crate::support::register::LETTER;
use crate::support::{V, missiedocs};

#[test]
fn a_documents_page_shows_every_page_drawn() {
    let dir = tempfile::tempdir().unwrap();
    data(dir.path(), |sheets| {
        set(sheets, "Documenten", "memo-2019-werkbezoek-chengdu", "Datum", V::from("31-02-2019"))
    });
    let rendered = missiedocs(dir.path(), &["render", "--data", "data/missies.xlsx", "--out", "uit", "--quiet"]);
    let manifest = crate::support::manifest(&dir.path().join("uit"));
    let pages = crate::support::entry(&manifest, LETTER)["paginas"].as_u64().unwrap() as usize;
    assert!(pages >= 2, "{}", rendered.stderr);
    let server = Server::start(dir.path(), &[]);
    let page = server.get(&format!("/documenten/{LETTER}")).text();
    for n in 1..=pages {
        let alt = format!("alt=\"Pagina {n} van {pages} van {LETTER}\"");
        assert!(page.contains(&format!("/documenten/{LETTER}/pagina/{n}")) && page.contains(&alt), "{n}: {page}");
        let png = server.get(&format!("/documenten/{LETTER}/pagina/{n}"));
        assert_eq!((png.status, png.content_type.as_str()), (200, "image/png"));
        assert!(png.body.starts_with(b"\x89PNG"), "a PNG");
        // Two pixels to a point: an A4 page 1,190 pixels wide.
        let width = u32::from_be_bytes(png.body[16..20].try_into().unwrap());
        assert!((1185..=1195).contains(&width), "{width}");
    }
    assert_eq!(server.get(&format!("/documenten/{LETTER}/pagina/{}", pages + 1)).status, 404);
    assert_eq!(server.get(&format!("/documenten/{LETTER}/pagina/0")).status, 404);
    // A document its data stops has no preview, but says what stops it.
    let stopped = server.get("/documenten/memo-2019-werkbezoek-chengdu").text();
    assert!(!stopped.contains("<img") && stopped.contains("31-02-2019"), "{stopped}");
    assert_eq!(server.get("/documenten/memo-2019-werkbezoek-chengdu/pagina/1").status, 404);
}

#[test]
fn the_page_speaks_the_language_asked() {
    let dir = tempfile::tempdir().unwrap();
    data(dir.path(), |_| {});
    let server = Server::start(dir.path(), &["--lang", "en"]);
    let page = server.get("/").text();
    assert!(page.contains("<html lang=\"en\">") && page.contains("Overview") && !page.contains("Overzicht"), "{page}");
    // Every word the page shows is English: the statuses, the pages, the form.
    for english in ["<span class=\"status klaar\">ready</span>", "Pages", "Check other data", "Workbook or zip"] {
        assert!(page.contains(english), "{english}: {page}");
    }
    for dutch in [">klaar<", ">fout<", "Pagina", "Controleren", "Voortgang", "Zoek"] {
        assert!(!page.contains(dutch), "{dutch}: {page}");
    }
    let doc = server.get(&format!("/documenten/{LETTER}")).text();
    assert!(doc.contains(&format!("/api/v1/documenten/{LETTER}/pdf")) && doc.contains("Download"), "{doc}");
    assert!(doc.contains(">ready</span>") && !doc.contains(">klaar<"), "{doc}");
    let style = server.get("/stijl.css");
    assert!(style.status == 200 && style.content_type.starts_with("text/css"));
}
