//! Server benchmark: `missiedocs serve` on a workbook of N varied council
//! letters (each its own mission, dates and results; the batch benchmark's
//! workbook), the release binary on a loopback port. It prints:
//! - from saving the letters' text to the new preview of a letter's first
//!   page (the text rewritten on disk, then its page asked for until the
//!   picture changes: the data read again, the letter filled in, typeset
//!   and drawn), median and worst over the rounds — beside the same letter
//!   made anew the way it is without a server, a cold `missiedocs render
//!   --only` of it, in the same run;
//! - 20 PDF requests at once, each for another letter, after a save (so
//!   nothing is at hand): errors, the slowest answer, and the server's
//!   peak memory.
//!
//! ```sh
//! cargo bench --bench serve            # 40 letters, 15 saves
//! cargo bench --bench serve -- 200 30  # 200 letters, 30 saves
//! ```

// The batch benchmark's workbook; this one writes only its own letters.
#[path = "batch/workbook.rs"]
#[allow(dead_code)]
mod workbook;

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::Instant;

fn main() {
    let args: Vec<usize> = std::env::args().skip(1).filter_map(|a| a.parse().ok()).collect();
    let (n, saves) = (args.first().copied().unwrap_or(40).max(20), args.get(1).copied().unwrap_or(15).max(3));
    let dir = tempfile::tempdir().expect("a temporary folder");
    let data = dir.path().join("data");
    let book = workbook::write(&data, n, workbook::Letters::Own).expect("the workbook is written");
    let text = data.join("teksten/brief.md");
    let original = std::fs::read_to_string(&text).unwrap();
    let server = Server::start(&book);
    let letter = workbook::id(1);
    let page = format!("/documenten/{letter}/pagina/1");
    let mut drawn = server.get(&page);

    let mut served = Vec::new();
    let mut cold = Vec::new();
    for round in 0..saves {
        // Each save changes what the letter prints.
        std::fs::write(&text, original.replacen("delegatie", &format!("delegatie ({round})"), 1)).unwrap();
        let start = Instant::now();
        loop {
            let now = server.get(&page);
            if now != drawn {
                drawn = now;
                break;
            }
        }
        served.push(start.elapsed().as_secs_f64() * 1000.0);
        let out = dir.path().join(format!("uit-{round}"));
        let start = Instant::now();
        let made = Command::new(env!("CARGO_BIN_EXE_missiedocs"))
            .args(["render", "--quiet", "--only", &letter, "--out"])
            .arg(&out)
            .arg("--data")
            .arg(&book)
            .output()
            .expect("render runs");
        cold.push(start.elapsed().as_secs_f64() * 1000.0);
        assert!(made.status.success(), "{}", String::from_utf8_lossy(&made.stderr));
    }
    println!("{n} letters, {saves} saves of their text");
    println!("{:<46} {:>8} {:>8}", "", "median", "worst");
    println!("{:<46} {:>5.0} ms {:>5.0} ms", "serve: save → new preview of page 1", median(&served), max(&served));
    println!(
        "{:<46} {:>5.0} ms {:>5.0} ms",
        "baseline: cold `render --only` of that letter",
        median(&cold),
        max(&cold)
    );

    // A save, so that nothing is at hand; then 20 letters at once.
    std::fs::write(&text, original.replacen("delegatie", "delegatie (samen)", 1)).unwrap();
    let _ = server.get("/api/v1/documenten");
    let start = Instant::now();
    let answers: Vec<(bool, f64)> = std::thread::scope(|scope| {
        let asks: Vec<_> = (0..20)
            .map(|i| {
                let (server, id) = (&server, workbook::id(i));
                scope.spawn(move || {
                    let start = Instant::now();
                    let pdf = server.get(&format!("/api/v1/documenten/{id}/pdf"));
                    (pdf.starts_with(b"%PDF-"), start.elapsed().as_secs_f64())
                })
            })
            .collect();
        asks.into_iter().map(|a| a.join().unwrap()).collect()
    });
    let errors = answers.iter().filter(|(ok, _)| !ok).count();
    let slowest = answers.iter().map(|(_, s)| *s).fold(0.0, f64::max);
    println!(
        "20 letters at once: {errors} errors, all in {:.2} s, slowest {slowest:.2} s; server peak memory {}",
        start.elapsed().as_secs_f64(),
        server.peak_memory()
    );
    std::fs::write(&text, original).unwrap();
}

/// The server, on a free loopback port; stopped when dropped.
struct Server {
    child: Child,
    base: String,
    agent: ureq::Agent,
}

impl Server {
    fn start(book: &Path) -> Server {
        let mut child = Command::new(env!("CARGO_BIN_EXE_missiedocs"))
            .args(["serve", "--port", "0", "--data"])
            .arg(book)
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("the server starts");
        let mut line = String::new();
        BufReader::new(child.stdout.take().unwrap()).read_line(&mut line).unwrap();
        let agent = ureq::Agent::config_builder().http_status_as_error(false).build().into();
        Server { child, base: line.trim().trim_end_matches('/').to_string(), agent }
    }

    fn get(&self, path: &str) -> Vec<u8> {
        let mut answer = self.agent.get(format!("{}{path}", self.base)).call().expect("the server answers");
        answer.body_mut().with_config().limit(64 << 20).read_to_vec().unwrap()
    }

    fn peak_memory(&self) -> String {
        let status = std::fs::read_to_string(format!("/proc/{}/status", self.child.id())).unwrap_or_default();
        let kib: Option<f64> = status
            .lines()
            .find(|l| l.starts_with("VmHWM:"))
            .and_then(|l| l.split_whitespace().nth(1))
            .and_then(|k| k.parse().ok());
        kib.map_or_else(|| "unknown (no /proc)".to_string(), |kib| format!("{:.0} MiB", kib / 1024.0))
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn median(values: &[f64]) -> f64 {
    let mut sorted = values.to_vec();
    sorted.sort_by(f64::total_cmp);
    sorted[sorted.len() / 2]
}

fn max(values: &[f64]) -> f64 {
    values.iter().copied().fold(0.0, f64::max)
}
