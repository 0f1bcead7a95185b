//! `missiedocs serve` from the outside: the real binary on an ephemeral
//! loopback port, asked with a real HTTP client — the API's answers and
//! headers, PDFs byte for byte as `render` writes them, problems with their
//! cell, the data read again after it changed, and every refusal
//! ([`api`]); data sent to be checked, bounded ([`sent`]); the page
//! ([`page`]). Here: the server and what it answers.

mod api;
mod live;
mod page;
mod sent;

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Child, Command, Stdio};

use crate::support::sample;
use crate::support::{Sheet, V, write_texts, write_xlsx};

/// A server running on the data in `dir/data`; stopped when dropped.
pub(super) struct Server {
    pub(super) child: Child,
    pub(super) base: String,
}

impl Server {
    pub(super) fn start(dir: &Path, extra: &[&str]) -> Server {
        Server::start_in(dir, extra, &std::env::temp_dir())
    }

    /// A server whose temporary folders go into `tmp`.
    pub(super) fn start_in(dir: &Path, extra: &[&str], tmp: &Path) -> Server {
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

    pub(super) fn get(&self, path: &str) -> Answer {
        self.ask("GET", path, &[])
    }

    pub(super) fn ask(&self, method: &str, path: &str, headers: &[(&str, &str)]) -> Answer {
        self.send(method, path, headers, None)
    }

    pub(super) fn ask_with(&self, method: &str, path: &str, body: &[u8]) -> Answer {
        self.send(method, path, &[("Content-Type", "application/json")], Some(body.to_vec()))
    }

    pub(super) fn send(&self, method: &str, path: &str, headers: &[(&str, &str)], body: Option<Vec<u8>>) -> Answer {
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

pub(super) struct Answer {
    pub(super) status: u16,
    pub(super) content_type: String,
    pub(super) version: Option<String>,
    pub(super) retry: Option<String>,
    pub(super) body: Vec<u8>,
}

impl Answer {
    pub(super) fn json(&self) -> serde_json::Value {
        serde_json::from_slice(&self.body).unwrap_or_else(|e| panic!("{e}: {}", String::from_utf8_lossy(&self.body)))
    }

    pub(super) fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }
}

/// The sample data in `dir/data`, edited by `edit`.
pub(super) fn data(dir: &Path, edit: impl FnOnce(&mut Vec<Sheet>)) {
    let data = dir.join("data");
    write_texts(&data);
    let mut sheets = sample::sheets();
    edit(&mut sheets);
    write_xlsx(&data.join("missies.xlsx"), &sheets);
}

/// Sets a cell of the row whose first cell is `first` in `sheet`, by heading.
pub(super) fn set(sheets: &mut [Sheet], sheet: &str, first: &str, heading: &str, value: V) {
    let sheet = sheets.iter_mut().find(|s| s.name == sheet).unwrap();
    let column = sheet.rows.iter().find_map(|r| r.iter().position(|v| matches!(v, V::T(t) if t == heading))).unwrap();
    let row = sheet.rows.iter_mut().find(|r| matches!(r.first(), Some(V::T(t)) if t == first)).unwrap();
    row[column] = value;
}

pub(super) const XLSX: &str = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/// The workbook of `dir/data`.
pub(super) fn workbook(dir: &Path) -> Vec<u8> {
    std::fs::read(dir.join("data/missies.xlsx")).unwrap()
}

/// Waits until run `n` is no longer `bezig`, and gives how it stands.
pub(super) fn finished(server: &Server, n: usize) -> serde_json::Value {
    for _ in 0..600 {
        let report = server.get(&format!("/api/v1/opdrachten/{n}")).json();
        if report["status"] != "bezig" {
            return report;
        }
        std::thread::sleep(std::time::Duration::from_millis(100));
    }
    panic!("run {n} did not finish in a minute");
}
