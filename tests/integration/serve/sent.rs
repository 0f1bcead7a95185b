//! Data sent to `controles`: checked as `check` checks it, named within
//! what was sent, nothing kept, and bounded.

use std::path::Path;

use super::{Server, XLSX, data, set, workbook};
use crate::support::register::LETTER;
use crate::support::{V, missiedocs};

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

/// A `multipart/form-data` body with these parts: (field, file name, type, bytes).
fn form(parts: &[(&str, Option<&str>, &str, &[u8])]) -> (String, Vec<u8>) {
    let boundary = "----missiedocs-grens-7d1f";
    let mut body = Vec::new();
    for (field, file, kind, bytes) in parts {
        body.extend_from_slice(format!("--{boundary}\r\n").as_bytes());
        let file = file.map(|f| format!("; filename=\"{f}\"")).unwrap_or_default();
        body.extend_from_slice(format!("Content-Disposition: form-data; name=\"{field}\"{file}\r\n").as_bytes());
        body.extend_from_slice(format!("Content-Type: {kind}\r\n\r\n").as_bytes());
        body.extend_from_slice(bytes);
        body.extend_from_slice(b"\r\n");
    }
    body.extend_from_slice(format!("--{boundary}--\r\n").as_bytes());
    (format!("multipart/form-data; boundary={boundary}"), body)
}

#[test]
fn a_file_sent_in_a_form_is_checked_as_the_file_itself() {
    let dir = tempfile::tempdir().unwrap();
    data(dir.path(), |sheets| set(sheets, "Documenten", LETTER, "Datum", V::from("31-02-2022")));
    let server = Server::start(dir.path(), &[]);
    let book = workbook(dir.path());
    let post = |(kind, body): (String, Vec<u8>)| {
        server.send("POST", "/api/v1/controles", &[("Content-Type", kind.as_str())], Some(body))
    };
    let itself = server.send("POST", "/api/v1/controles", &[("Content-Type", XLSX)], Some(book.clone())).json();
    // As a browser sends it: a field beside, the type by the file's name.
    let sent = post(form(&[
        ("opmerking", None, "text/plain", b"voor de griffie"),
        ("bestand", Some("missies.xlsx"), "application/octet-stream", &book),
    ]));
    assert_eq!(sent.status, 200, "{}", sent.text());
    assert_eq!(sent.json(), itself, "the same answer as the workbook sent as itself");
    assert!(sent.text().contains("31-02-2022"));

    // Two files, none, or one of another kind: refused, with why.
    let two = post(form(&[("bestand", Some("a.xlsx"), XLSX, &book), ("bestand", Some("b.xlsx"), XLSX, &book)]));
    assert_eq!((two.status, two.content_type.as_str()), (400, "application/problem+json"), "{}", two.text());
    assert!(two.text().contains("meer dan één bestand"), "{}", two.text());
    let none = post(form(&[("opmerking", None, "text/plain", b"vergeten")]));
    assert_eq!(none.status, 400, "{}", none.text());
    assert!(none.text().contains("geen bestand"), "{}", none.text());
    let other = post(form(&[("bestand", Some("brief.docx"), "application/octet-stream", b"PK")]));
    assert_eq!(other.status, 415, "{}", other.text());
    assert!(other.text().contains("`brief.docx`"), "{}", other.text());
    let broken = server.send(
        "POST",
        "/api/v1/controles",
        &[("Content-Type", "multipart/form-data; boundary=x")],
        Some(b"--x\r\nContent-Disposition: form-data; name=\"bestand\"; filename=\"m.xlsx\"\r\n\r\nPK".to_vec()),
    );
    assert_eq!((broken.status, broken.content_type.as_str()), (400, "application/problem+json"), "{}", broken.text());
}
