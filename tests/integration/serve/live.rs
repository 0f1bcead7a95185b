//! What an open page is told as server-sent events (`/gebeurtenissen`):
//! that the data changed on disk, and how a run of the whole batch goes;
//! and every document's pages, counted after the data is read.

use std::io::{BufRead, BufReader};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use super::{Server, data, finished, set};
use crate::support::register::LETTER;
use crate::support::{V, pdf_pages};

/// The events of `/gebeurtenissen` as (name, data), as they come.
fn listen(server: &Server) -> mpsc::Receiver<(String, String)> {
    let (tx, rx) = mpsc::channel();
    let url = format!("{}/gebeurtenissen", server.base);
    std::thread::spawn(move || {
        let agent: ureq::Agent = ureq::Agent::config_builder().timeout_global(None).build().into();
        let mut response = agent.get(&url).call().expect("the events answer");
        let lines = BufReader::new(response.body_mut().as_reader());
        let mut name = String::new();
        for line in lines.lines() {
            let Ok(line) = line else { return };
            if let Some(n) = line.strip_prefix("event: ") {
                name = n.to_string();
            } else if let Some(d) = line.strip_prefix("data: ")
                && tx.send((std::mem::take(&mut name), d.to_string())).is_err()
            {
                return;
            }
        }
    });
    rx
}

/// The next event called `name`, within `seconds`.
fn next(events: &mpsc::Receiver<(String, String)>, name: &str, seconds: u64) -> String {
    let until = Instant::now() + Duration::from_secs(seconds);
    while let Some(left) = until.checked_duration_since(Instant::now()) {
        match events.recv_timeout(left) {
            Ok((n, data)) if n == name => return data,
            Ok(_) => continue,
            Err(_) => break,
        }
    }
    panic!("no `{name}` event within {seconds} s");
}

#[test]
fn an_open_page_is_told_when_the_data_changed_and_how_a_run_goes() {
    let dir = tempfile::tempdir().unwrap();
    data(dir.path(), |_| {});
    let server = Server::start(dir.path(), &[]);
    let events = listen(&server);
    // Listening before anything changes; the first counting may tell too.
    std::thread::sleep(Duration::from_millis(500));
    while events.try_recv().is_ok() {}

    let saved = Instant::now();
    data(dir.path(), |sheets| set(sheets, "Documenten", LETTER, "Onderwerp", V::from("Gewijzigd onderwerp")));
    next(&events, "gewijzigd", 3);
    let told = saved.elapsed();
    assert!(told < Duration::from_secs(2), "told after {told:?}");
    let now = server.get(&format!("/api/v1/documenten/{}", LETTER)).json();
    assert_eq!(now["onderwerp"], "Gewijzigd onderwerp");

    // A run: told as each document is done, to the end.
    let started = server.ask_with("POST", "/api/v1/opdrachten", b"{}");
    assert_eq!(started.status, 202, "{}", started.text());
    let mut seen = Vec::new();
    loop {
        let stand: serde_json::Value = serde_json::from_str(&next(&events, "voortgang", 60)).unwrap();
        assert_eq!(stand["opdracht"], 1);
        seen.push(stand["gedaan"].as_u64().unwrap());
        if stand["status"] != "bezig" {
            assert_eq!(stand["status"], "klaar");
            assert_eq!(stand["gedaan"], stand["totaal"]);
            break;
        }
    }
    let total = finished(&server, 1)["totaal"].as_u64().unwrap();
    assert!(seen.windows(2).all(|w| w[0] <= w[1]), "progress only goes up: {seen:?}");
    assert!(seen.len() as u64 > total, "one event per document and the end: {seen:?}");
}

#[test]
fn every_document_made_has_its_pages_counted() {
    let dir = tempfile::tempdir().unwrap();
    data(dir.path(), |sheets| set(sheets, "Documenten", LETTER, "Datum", V::from("31-02-2022")));
    let server = Server::start(dir.path(), &[]);
    let listed = || server.get("/api/v1/documenten").json().as_array().unwrap().clone();
    let until = Instant::now() + Duration::from_secs(30);
    let documents = loop {
        let documents = listed();
        let counted = documents.iter().filter(|d| d["status"] != "fout").all(|d| d["paginas"].is_u64());
        if counted {
            break documents;
        }
        assert!(Instant::now() < until, "pages not counted within 30 s: {documents:#?}");
        std::thread::sleep(Duration::from_millis(200));
    };
    assert!(documents.iter().any(|d| d["status"] == "fout"), "the wrong date stops a document");
    for d in &documents {
        let id = d["id"].as_str().unwrap();
        if d["status"] == "fout" {
            assert!(d["paginas"].is_null(), "{id}: a document not made has no pages: {d:#}");
            continue;
        }
        let pdf = server.get(&format!("/api/v1/documenten/{id}/pdf"));
        let path = dir.path().join(format!("{id}.pdf"));
        std::fs::write(&path, &pdf.body).unwrap();
        assert_eq!(d["paginas"].as_u64(), Some(pdf_pages(&path).len() as u64), "{id}");
    }
    // The table of the page says the same.
    let page = server.get("/").text();
    let made = documents.iter().find(|d| d["status"] != "fout").unwrap();
    let row =
        page.split("<tr>").find(|r| r.contains(&format!("href=\"/documenten/{}\"", made["id"].as_str().unwrap())));
    assert!(row.unwrap().contains(&format!("<td class=\"aantal\">{}</td>", made["paginas"])), "{page}");
}
