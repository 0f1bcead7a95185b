//! The API: its answers and headers, files as `render` writes them, runs,
//! the data read again, and every refusal.

use super::{Answer, Server, XLSX, data, finished, set, workbook};
use crate::support::register::LETTER;
use crate::support::{V, missiedocs};

#[test]
fn the_api_lists_the_documents_and_gives_each_file_as_render_writes_it() {
    let dir = tempfile::tempdir().unwrap();
    data(dir.path(), |_| {});
    let rendered =
        missiedocs(dir.path(), &["render", "--data", "data/missies.xlsx", "--out", "uit", "--quiet", "--woo"]);
    assert_eq!(rendered.code, 0, "{}", rendered.stderr);
    let server = Server::start(dir.path(), &[]);

    let list = server.get("/api/v1/documenten");
    assert_eq!((list.status, list.version.as_deref()), (200, Some("1.0.0")));
    assert!(list.content_type.starts_with("application/json"), "{}", list.content_type);
    let list = list.json();
    let ids: Vec<&str> = list.as_array().unwrap().iter().map(|d| d["id"].as_str().unwrap()).collect();
    let made = crate::support::manifest(&dir.path().join("uit"));
    let made: Vec<&str> =
        made["documenten"].as_array().unwrap().iter().map(|d| d["document"].as_str().unwrap()).collect();
    assert_eq!(ids, made, "the same documents, in the same order");
    assert!(list.as_array().unwrap().iter().all(|d| d["status"] == "klaar" && d["problemen"] == serde_json::json!([])));

    let one = server.get(&format!("/api/v1/documenten/{LETTER}")).json();
    assert_eq!(one["soort"], "raadsinformatiebrief");
    // The subject as the letter prints it: no placeholders.
    assert!(!list.to_string().contains("{{"), "{list}");

    for id in &ids {
        let pdf = server.get(&format!("/api/v1/documenten/{id}/pdf"));
        assert_eq!((pdf.status, pdf.content_type.as_str()), (200, "application/pdf"));
        let written = std::fs::read(dir.path().join("uit").join(format!("{id}.pdf"))).unwrap();
        assert!(pdf.body == written, "{id}: the PDF is byte for byte the one render writes");
        let woo = server.get(&format!("/api/v1/documenten/{id}/woo"));
        let written = std::fs::read(dir.path().join("uit").join(format!("{id}.diwoo.xml"))).unwrap();
        assert!(woo.status == 200 && woo.body == written, "{id}: the DiWoo XML as render writes it");
    }
    let merged = server.get(&format!("/api/v1/documenten/{LETTER}/met-bijlagen"));
    let written = std::fs::read(dir.path().join("uit").join(format!("{LETTER}-met-bijlagen.pdf"))).unwrap();
    assert!(merged.status == 200 && merged.body == written, "the copy with annexes as render writes it");

    // Unknown ids are looked up, never used as paths.
    for path in ["/api/v1/documenten/geen-document", "/api/v1/documenten/..%2F..%2Fdata%2Fmissies.xlsx/pdf"] {
        let missing = server.get(path);
        assert_eq!((missing.status, missing.content_type.as_str()), (404, "application/problem+json"), "{path}");
        assert_eq!(missing.json()["status"], 404);
        assert_eq!(missing.version.as_deref(), Some("1.0.0"));
    }
}

#[test]
fn every_path_and_method_of_the_openapi_document_is_served() {
    let dir = tempfile::tempdir().unwrap();
    data(dir.path(), |_| {});
    let server = Server::start(dir.path(), &[]);
    let openapi = server.get("/api/v1/openapi.json").json();
    assert!(openapi["openapi"].as_str().unwrap().starts_with("3."));
    let paths = openapi["paths"].as_object().unwrap();
    assert_eq!(paths.len(), 11, "{:?}", paths.keys());
    // Posts first, so that the run they start can be asked after.
    let mut asked = Vec::new();
    for method in ["post", "get"] {
        for (path, operations) in paths.iter().filter(|(_, ops)| ops.get(method).is_some()) {
            let url = format!("/api/v1{}", path.replace("{id}", LETTER).replace("{n}", "1"));
            if path.ends_with("/zip") {
                finished(&server, 1);
            }
            let answer = match path.as_str() {
                "/controles" => server.send("POST", &url, &[("Content-Type", XLSX)], Some(workbook(dir.path()))),
                _ => server.ask(&method.to_uppercase(), &url, &[]),
            };
            let declared = operations[method]["responses"].as_object().unwrap();
            assert!(
                declared.contains_key(&answer.status.to_string()),
                "{method} {path}: {} {}",
                answer.status,
                answer.text()
            );
            assert!(answer.status < 300, "{method} {path}: {} {}", answer.status, answer.text());
            assert_eq!(answer.version.as_deref(), Some("1.0.0"), "{path}");
            asked.push(format!("{method} {path}"));
        }
    }
    assert_eq!(asked.len(), 11, "{asked:?}");
    // A route the document does not name does not exist.
    assert_eq!(server.get("/api/v1/opdrachten").status, 405);
    assert_eq!(server.get("/api/v1/bestanden/missies.xlsx").status, 404);
}

#[test]
fn a_run_makes_what_render_makes_and_gives_it_as_a_zip() {
    let dir = tempfile::tempdir().unwrap();
    data(dir.path(), |sheets| set(sheets, "Documenten", LETTER, "Datum", V::from("31-02-2022")));
    let rendered = missiedocs(dir.path(), &["render", "--data", "data/missies.xlsx", "--out", "uit", "--quiet"]);
    assert_eq!(rendered.code, 1, "{}", rendered.stderr);
    let server = Server::start(dir.path(), &[]);

    // Ids the data lacks are refused, not skipped.
    let wrong = server.ask_with("POST", "/api/v1/opdrachten", br#"{"documenten": ["geen-document"]}"#);
    assert_eq!((wrong.status, wrong.content_type.as_str()), (400, "application/problem+json"), "{}", wrong.text());
    assert!(wrong.text().contains("geen-document"));
    let garbled = server.ask_with("POST", "/api/v1/opdrachten", b"{documenten");
    assert_eq!(garbled.status, 400);

    let started = server.ask_with("POST", "/api/v1/opdrachten", b"{}");
    assert_eq!(started.status, 202, "{}", started.text());
    assert_eq!(started.json()["opdracht"], 1);
    let report = finished(&server, 1);
    assert_eq!(report["status"], "klaar", "{report:#}");
    assert_eq!((report["totaal"].as_u64(), report["mislukt"].as_u64()), (Some(4), Some(1)), "{report:#}");

    let zip = server.get("/api/v1/opdrachten/1/zip");
    assert_eq!((zip.status, zip.content_type.as_str()), (200, "application/zip"));
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(zip.body)).unwrap();
    let mut names: Vec<String> = archive.file_names().map(|n| n.unwrap().into_owned()).collect();
    names.sort();
    let mut written: Vec<String> = std::fs::read_dir(dir.path().join("uit"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    written.sort();
    assert_eq!(names, written, "the files render writes");
    for name in names.iter().filter(|n| n.ends_with(".pdf")) {
        let mut bytes = Vec::new();
        std::io::Read::read_to_end(&mut archive.by_name(name).unwrap(), &mut bytes).unwrap();
        assert!(bytes == std::fs::read(dir.path().join("uit").join(name)).unwrap(), "{name} as render writes it");
    }
    let mut manifest = String::new();
    std::io::Read::read_to_string(&mut archive.by_name("manifest.json").unwrap(), &mut manifest).unwrap();
    let manifest: serde_json::Value = serde_json::from_str(&manifest).unwrap();
    let stopped = crate::support::entry(&manifest, LETTER);
    assert_eq!(stopped["status"], "fout");
    assert_eq!(stopped["fouten"][0]["waarde"], "31-02-2022", "{stopped:#}");

    // A second run may start once the first is done, here with the
    // archive metadata; an unknown run is 404.
    let order = br#"{"documenten": ["memo-2019-werkbezoek-chengdu"], "mdto": true}"#;
    assert_eq!(server.ask_with("POST", "/api/v1/opdrachten", order).status, 202);
    assert_eq!(finished(&server, 2)["totaal"], 1);
    let zip = server.get("/api/v1/opdrachten/2/zip");
    let archive = zip::ZipArchive::new(std::io::Cursor::new(zip.body)).unwrap();
    let mut names: Vec<String> = archive.file_names().map(|n| n.unwrap().into_owned()).collect();
    names.sort();
    assert_eq!(
        names,
        [
            "manifest.json",
            "memo-2019-werkbezoek-chengdu.mdto.xml",
            "memo-2019-werkbezoek-chengdu.pdf",
            "memo-2019-werkbezoek-chengdu.pdf.mdto.xml"
        ]
    );
    assert_eq!(server.get("/api/v1/opdrachten/9").status, 404);
}

#[test]
fn a_document_its_data_stops_is_422_with_the_cell_and_the_rest_is_made() {
    let dir = tempfile::tempdir().unwrap();
    data(dir.path(), |sheets| set(sheets, "Documenten", LETTER, "Datum", V::from("31-02-2022")));
    let server = Server::start(dir.path(), &[]);
    let stopped = server.get(&format!("/api/v1/documenten/{LETTER}/pdf"));
    assert_eq!((stopped.status, stopped.content_type.as_str()), (422, "application/problem+json"));
    let problem = stopped.json();
    let first = &problem["problemen"][0];
    assert_eq!(
        (first["blad"].as_str(), first["waarde"].as_str()),
        (Some("Documenten"), Some("31-02-2022")),
        "{problem:#}"
    );
    assert_eq!(first["kolom"], "Datum");
    assert!(first["rij"].as_u64().is_some() && first["hint"].as_str().is_some(), "{problem:#}");

    let listed = server.get(&format!("/api/v1/documenten/{LETTER}")).json();
    assert_eq!(listed["status"], "fout");
    let problems = server.get("/api/v1/problemen").json();
    assert!(problems.as_array().unwrap().iter().any(|p| p["waarde"] == "31-02-2022"), "{problems:#}");
    // Every other document is still made.
    let others: Vec<String> = server
        .get("/api/v1/documenten")
        .json()
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["id"] != LETTER)
        .map(|d| d["id"].as_str().unwrap().to_string())
        .collect();
    assert!(!others.is_empty());
    for id in others {
        assert_eq!(server.get(&format!("/api/v1/documenten/{id}/pdf")).status, 200, "{id}");
    }
    // The page names the problem at its place.
    let page = server.get("/").text();
    assert!(page.contains("<html lang=\"nl\">") && page.contains("31-02-2022"), "{page}");
    assert!(page.contains("blad `Documenten`") && page.contains(&format!("href=\"/documenten/{LETTER}\"")), "{page}");
}

#[test]
fn the_data_is_read_again_when_it_changed_on_disk() {
    let dir = tempfile::tempdir().unwrap();
    data(dir.path(), |_| {});
    let server = Server::start(dir.path(), &[]);
    let before = server.get(&format!("/api/v1/documenten/{LETTER}")).json();
    assert_eq!(before["onderwerp"], "Stedenband Chengdu");
    // Saved again, as Excel would: another subject.
    data(dir.path(), |sheets| set(sheets, "Documenten", LETTER, "Onderwerp", V::from("Stedenband Chengdu, vervolg")));
    let after = server.get(&format!("/api/v1/documenten/{LETTER}")).json();
    assert_eq!(after["onderwerp"], "Stedenband Chengdu, vervolg");
}

#[test]
fn many_pdfs_at_once_are_all_made() {
    let dir = tempfile::tempdir().unwrap();
    data(dir.path(), |_| {});
    let server = Server::start(dir.path(), &[]);
    let expected = server.get(&format!("/api/v1/documenten/{LETTER}/pdf")).body;
    let answers: Vec<Answer> = std::thread::scope(|scope| {
        let asks: Vec<_> =
            (0..16).map(|_| scope.spawn(|| server.get(&format!("/api/v1/documenten/{LETTER}/pdf")))).collect();
        asks.into_iter().map(|a| a.join().unwrap()).collect()
    });
    for answer in answers {
        assert_eq!(answer.status, 200, "{}", answer.text());
        assert!(answer.body == expected, "the same bytes every time");
        assert!(answer.retry.is_none());
    }
}

#[test]
fn the_server_refuses_what_it_should() {
    let dir = tempfile::tempdir().unwrap();
    data(dir.path(), |_| {});
    // Beyond this computer only with a token.
    let open = missiedocs(dir.path(), &["serve", "--data", "data/missies.xlsx", "--bind", "0.0.0.0", "--port", "0"]);
    assert_eq!(open.code, 2, "{}", open.stderr);
    crate::support::assert_stderr(&open, &["`--bind 0.0.0.0`", "geen token", "\n  hint: geef `--token`"]);
    let short = missiedocs(dir.path(), &["serve", "--data", "data/missies.xlsx", "--token", "kort", "--port", "0"]);
    assert_eq!(short.code, 2, "{}", short.stderr);
    crate::support::assert_stderr(&short, &["korter dan 16 tekens"]);

    let server = Server::start(dir.path(), &[]);
    // Another name for this address (DNS rebinding) is not served.
    let rebound = server.ask("GET", "/api/v1/documenten", &[("Host", "evil.example")]);
    assert_eq!((rebound.status, rebound.content_type.as_str()), (421, "application/problem+json"));
    // A page of another origin may not change anything.
    let foreign = server.ask("POST", "/api/v1/documenten", &[("Origin", "http://evil.example")]);
    assert_eq!(foreign.status, 403, "{}", foreign.text());
    // The security headers on every answer.
    let page = server.get("/");
    assert_eq!(page.status, 200);
    drop(server);

    let token = "een-lang-geheim-van-28-tekens";
    let locked = Server::start(dir.path(), &["--token", token]);
    let without = locked.get("/api/v1/documenten");
    assert_eq!((without.status, without.content_type.as_str()), (401, "application/problem+json"));
    let wrong = locked.ask("GET", "/api/v1/documenten", &[("Authorization", "Bearer een-lang-geheim-van-28-tekenz")]);
    assert_eq!(wrong.status, 401);
    let right = locked.ask("GET", "/api/v1/documenten", &[("Authorization", &format!("Bearer {token}"))]);
    assert_eq!(right.status, 200);
}
