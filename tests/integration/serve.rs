//! `missiedocs serve` from the outside: the real binary on an ephemeral
//! loopback port, asked with a real HTTP client — the API's answers and
//! headers, PDFs byte for byte as `render` writes them, problems with their
//! cell, the data read again after it changed, the page, and every refusal.

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Child, Command, Stdio};

use crate::support::register::LETTER;
use crate::support::sample;
use crate::support::{Sheet, V, missiedocs, write_texts, write_xlsx};

/// A server running on the data in `dir/data`; stopped when dropped.
struct Server {
    child: Child,
    base: String,
}

impl Server {
    fn start(dir: &Path, extra: &[&str]) -> Server {
        Server::start_in(dir, extra, &std::env::temp_dir())
    }

    /// A server whose temporary folders go into `tmp`.
    fn start_in(dir: &Path, extra: &[&str], tmp: &Path) -> Server {
        let mut args = vec!["serve", "--data", "data/missies.xlsx", "--port", "0"];
        args.extend_from_slice(extra);
        let mut child = Command::new(env!("CARGO_BIN_EXE_missiedocs"))
            .args(&args)
            .current_dir(dir)
            .env("TMPDIR", tmp)
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("the binary runs");
        let mut line = String::new();
        BufReader::new(child.stdout.take().unwrap()).read_line(&mut line).unwrap();
        assert!(line.starts_with("http://127.0.0.1:"), "the address first: {line:?}");
        Server { child, base: line.trim().trim_end_matches('/').to_string() }
    }

    fn get(&self, path: &str) -> Answer {
        self.ask("GET", path, &[])
    }

    fn ask(&self, method: &str, path: &str, headers: &[(&str, &str)]) -> Answer {
        self.send(method, path, headers, None)
    }

    fn ask_with(&self, method: &str, path: &str, body: &[u8]) -> Answer {
        self.send(method, path, &[("Content-Type", "application/json")], Some(body.to_vec()))
    }

    fn send(&self, method: &str, path: &str, headers: &[(&str, &str)], body: Option<Vec<u8>>) -> Answer {
        let agent: ureq::Agent = ureq::Agent::config_builder().http_status_as_error(false).build().into();
        let url = format!("{}{path}", self.base);
        let mut request = ureq::http::Request::builder().method(method).uri(&url);
        for (name, value) in headers {
            request = request.header(*name, *value);
        }
        let answered = match body {
            Some(body) => agent.run(request.body(body).unwrap()),
            None => agent.run(request.body(()).unwrap()),
        };
        let mut response = answered.expect("the server answers");
        let header = |name: &str| response.headers().get(name).and_then(|v| v.to_str().ok()).map(str::to_string);
        let (content_type, version, retry) = (header("content-type"), header("api-version"), header("retry-after"));
        let status = response.status().as_u16();
        let body = response.body_mut().with_config().limit(64 << 20).read_to_vec().unwrap();
        Answer { status, content_type: content_type.unwrap_or_default(), version, retry, body }
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

struct Answer {
    status: u16,
    content_type: String,
    version: Option<String>,
    retry: Option<String>,
    body: Vec<u8>,
}

impl Answer {
    fn json(&self) -> serde_json::Value {
        serde_json::from_slice(&self.body).unwrap_or_else(|e| panic!("{e}: {}", String::from_utf8_lossy(&self.body)))
    }

    fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }
}

/// The sample data in `dir/data`, edited by `edit`.
fn data(dir: &Path, edit: impl FnOnce(&mut Vec<Sheet>)) {
    let data = dir.join("data");
    write_texts(&data);
    let mut sheets = sample::sheets();
    edit(&mut sheets);
    write_xlsx(&data.join("missies.xlsx"), &sheets);
}

/// Sets a cell of the row whose first cell is `first` in `sheet`, by heading.
fn set(sheets: &mut [Sheet], sheet: &str, first: &str, heading: &str, value: V) {
    let sheet = sheets.iter_mut().find(|s| s.name == sheet).unwrap();
    let column = sheet.rows.iter().find_map(|r| r.iter().position(|v| matches!(v, V::T(t) if t == heading))).unwrap();
    let row = sheet.rows.iter_mut().find(|r| matches!(r.first(), Some(V::T(t)) if t == first)).unwrap();
    row[column] = value;
}

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

const XLSX: &str = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/// The workbook of `dir/data`.
fn workbook(dir: &Path) -> Vec<u8> {
    std::fs::read(dir.join("data/missies.xlsx")).unwrap()
}

/// A zip of these entries: (name, content); a name ending in `@` is a link
/// to its content.
fn zipped(entries: &[(&str, &[u8])]) -> Vec<u8> {
    use std::io::Write;
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
    for (name, content) in entries {
        match name.strip_suffix('@') {
            Some(link) => zip.add_symlink(link, String::from_utf8_lossy(content), options).unwrap(),
            None => {
                zip.start_file(*name, options).unwrap();
                zip.write_all(content).unwrap();
            }
        }
    }
    zip.finish().unwrap().into_inner()
}

/// A zip of the files in a folder, under `top/`.
fn zipped_folder(dir: &Path, top: &str) -> Vec<u8> {
    let mut entries = Vec::new();
    for entry in walk(dir) {
        let name = format!("{top}/{}", entry.strip_prefix(dir).unwrap().to_string_lossy());
        entries.push((name, std::fs::read(&entry).unwrap()));
    }
    let borrowed: Vec<(&str, &[u8])> = entries.iter().map(|(n, c)| (n.as_str(), c.as_slice())).collect();
    zipped(&borrowed)
}

fn walk(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut found = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() { found.extend(walk(&path)) } else { found.push(path) }
    }
    found
}

#[test]
fn data_sent_is_checked_as_check_checks_it_and_nothing_is_kept() {
    let dir = tempfile::tempdir().unwrap();
    data(dir.path(), |sheets| set(sheets, "Documenten", LETTER, "Datum", V::from("31-02-2022")));
    let checked = missiedocs(dir.path(), &["check", "--data", "data/missies.xlsx"]);
    let tmp = dir.path().join("tmp");
    std::fs::create_dir(&tmp).unwrap();
    let server = Server::start_in(dir.path(), &[], &tmp);

    // A workbook alone: its problems, named within what was sent.
    let answer = server.send("POST", "/api/v1/controles", &[("Content-Type", XLSX)], Some(workbook(dir.path())));
    assert_eq!(answer.status, 200, "{}", answer.text());
    let found = answer.json();
    let date = found["problemen"].as_array().unwrap().iter().find(|p| p["waarde"] == "31-02-2022").unwrap();
    assert_eq!(
        (date["bestand"].as_str(), date["blad"].as_str()),
        (Some("missies.xlsx"), Some("Documenten")),
        "{found:#}"
    );
    assert!(!answer.text().contains(&*tmp.to_string_lossy()), "no temporary path: {}", answer.text());

    // The whole folder as a zip: what `check` finds, the same number of problems.
    let folder = server.send(
        "POST",
        "/api/v1/controles",
        &[("Content-Type", "application/zip")],
        Some(zipped_folder(&dir.path().join("data"), "data")),
    );
    assert_eq!(folder.status, 200, "{}", folder.text());
    let folder = folder.json();
    let problems = folder["problemen"].as_array().unwrap();
    assert_eq!(problems.len(), checked.stderr.matches("fout: ").count(), "{folder:#}\n{}", checked.stderr);
    assert_eq!(folder["documenten"], 4);
    assert_eq!(std::fs::read_dir(&tmp).unwrap().count(), 0, "nothing kept");

    // Refused, with why.
    let zip = |entries: &[(&str, &[u8])]| {
        server.send("POST", "/api/v1/controles", &[("Content-Type", "application/zip")], Some(zipped(entries)))
    };
    for (entries, says) in [
        (vec![("../buiten.txt", b"x".as_slice()), ("missies.xlsx", b"x".as_slice())], "wijst buiten de map"),
        (vec![("/etc/cron.d/x", b"x".as_slice())], "wijst buiten de map"),
        (vec![("koppeling@", b"/etc/passwd".as_slice())], "is een koppeling"),
        (vec![("a.xlsx", b"x".as_slice()), ("b.ods", b"x".as_slice())], "meer dan één werkmap"),
        (vec![("leesmij.txt", b"x".as_slice())], "geen werkmap en geen CSV-bestanden"),
    ] {
        let refused = zip(&entries);
        assert_eq!(
            (refused.status, refused.content_type.as_str()),
            (400, "application/problem+json"),
            "{says}: {}",
            refused.text()
        );
        assert!(refused.text().contains(says), "{says}: {}", refused.text());
    }
    assert!(!dir.path().join("buiten.txt").exists() && !tmp.join("buiten.txt").exists());
    assert_eq!(std::fs::read_dir(&tmp).unwrap().count(), 0, "nothing kept of what was refused");
    let garbage =
        server.send("POST", "/api/v1/controles", &[("Content-Type", "application/zip")], Some(b"PK geen zip".to_vec()));
    assert_eq!(garbage.status, 400);
    let unknown = server.send("POST", "/api/v1/controles", &[("Content-Type", "text/plain")], Some(b"x".to_vec()));
    assert_eq!(unknown.status, 415);
    let damaged = server.send("POST", "/api/v1/controles", &[("Content-Type", XLSX)], Some(b"geen werkmap".to_vec()));
    assert_eq!(damaged.status, 422, "{}", damaged.text());
}

#[test]
fn data_sent_is_bounded() {
    let dir = tempfile::tempdir().unwrap();
    data(dir.path(), |_| {});
    let server = Server::start(dir.path(), &[]);
    // Refused by its declared size, before a byte of it is read.
    let big = {
        use std::io::{Read, Write};
        let port = server.base.rsplit(':').next().unwrap();
        let mut socket = std::net::TcpStream::connect(format!("127.0.0.1:{port}")).unwrap();
        socket.set_read_timeout(Some(std::time::Duration::from_secs(10))).unwrap();
        let head = format!(
            "POST /api/v1/controles HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nContent-Type: application/zip\r\nContent-Length: {}\r\n\r\n",
            51 << 20
        );
        socket.write_all(head.as_bytes()).unwrap();
        let mut answer = [0; 12];
        socket.read_exact(&mut answer).unwrap();
        String::from_utf8_lossy(&answer).into_owned()
    };
    assert_eq!(big, "HTTP/1.1 413");
    // A bomb: a few hundred kilobytes that inflate past the bound.
    let bomb = {
        use std::io::Write;
        let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
        let options = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated)
            .large_file(true);
        zip.start_file("missies.csv", options).unwrap();
        let zeros = vec![b'0'; 1 << 20];
        for _ in 0..520 {
            zip.write_all(&zeros).unwrap();
        }
        zip.finish().unwrap().into_inner()
    };
    assert!(bomb.len() < 4 << 20, "{}", bomb.len());
    let refused = server.send("POST", "/api/v1/controles", &[("Content-Type", "application/zip")], Some(bomb));
    assert_eq!(refused.status, 400, "{}", refused.text());
    assert!(refused.text().contains("pakt uit tot meer dan 512 MB"), "{}", refused.text());
    let many: Vec<(String, Vec<u8>)> = (0..2001).map(|i| (format!("f{i}.txt"), Vec::new())).collect();
    let many: Vec<(&str, &[u8])> = many.iter().map(|(n, c)| (n.as_str(), c.as_slice())).collect();
    let refused = server.send("POST", "/api/v1/controles", &[("Content-Type", "application/zip")], Some(zipped(&many)));
    assert_eq!(refused.status, 400);
    assert!(refused.text().contains("meer dan 2000"), "{}", refused.text());
}

/// Waits until run `n` is no longer `bezig`, and gives how it stands.
fn finished(server: &Server, n: usize) -> serde_json::Value {
    for _ in 0..600 {
        let report = server.get(&format!("/api/v1/opdrachten/{n}")).json();
        if report["status"] != "bezig" {
            return report;
        }
        std::thread::sleep(std::time::Duration::from_millis(100));
    }
    panic!("run {n} did not finish in a minute");
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

    // A second run may start once the first is done; an unknown run is 404.
    assert_eq!(
        server.ask_with("POST", "/api/v1/opdrachten", br#"{"documenten": ["memo-2019-werkbezoek-chengdu"]}"#).status,
        202
    );
    assert_eq!(finished(&server, 2)["totaal"], 1);
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
    let doc = server.get(&format!("/documenten/{LETTER}")).text();
    assert!(doc.contains(&format!("/api/v1/documenten/{LETTER}/pdf")) && doc.contains("Download"), "{doc}");
    let style = server.get("/stijl.css");
    assert!(style.status == 200 && style.content_type.starts_with("text/css"));
}
