//! Batch benchmark: missiedocs beside `typst compile` on the very same
//! letters, in one run.
//!
//! It writes an `.xlsx` workbook of N three-page council letters (each its
//! own mission, the same eight paragraphs) and prints:
//! - letters per second of `missiedocs render` with all cores and with one
//!   job (the release binary, start to exit, median of seven), and whether
//!   the two runs wrote byte-identical PDFs;
//! - what the machine itself gives a second core: two one-job runs side by
//!   side, each its own process, beside one alone — the most a second job
//!   could add here;
//! - letters per second of `typst compile` 0.15.1, two processes at a time,
//!   on the Typst projects `render --emit-typst` wrote for those letters,
//!   with the same fonts and PDF standards (installed into the target folder
//!   with `cargo install --locked` when it is missing; said when it cannot);
//! - one letter from a cold start, beside `typst compile` of that letter,
//!   from a one-letter workbook and from the N-letter one (the two
//!   interleaved, median of 21);
//! - peak memory of a batch of each size given to `--memory`, in a process
//!   of its own.
//!
//! ```sh
//! cargo bench --bench batch                                 # 300 letters, memory at 1000
//! cargo bench --bench batch -- 1000 --memory 1000,10000     # more letters; memory up to 10,000
//! cargo bench --bench batch -- 300 --workbook DIR           # only write the workbook, to profile with
//! ```

mod baseline;
mod workbook;

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Instant;

use missiedocs::batch::{self, Config};
use missiedocs::lang::Lang;
use missiedocs::typeset::Standard;

/// The binary measured: this build's, or another (`MISSIEDOCS_BIN`) to
/// compare two builds with the same benchmark.
fn missiedocs() -> PathBuf {
    std::env::var_os("MISSIEDOCS_BIN").map_or_else(|| PathBuf::from(env!("CARGO_BIN_EXE_missiedocs")), PathBuf::from)
}

/// Rounds of the throughput runs; the median is reported.
const ROUNDS: usize = 7;

/// Rounds of the cold one-letter runs (each a fraction of a second).
const COLD_ROUNDS: usize = 21;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if let Some(at) = args.iter().position(|a| a == "--child-memory") {
        let n = args.get(at + 1).and_then(|a| a.parse().ok()).expect("--child-memory N");
        return child_memory(n);
    }
    let n: usize = args.iter().find_map(|a| a.parse().ok()).unwrap_or(300);
    if let Some(at) = args.iter().position(|a| a == "--workbook") {
        let dir = PathBuf::from(args.get(at + 1).expect("--workbook DIR"));
        let book = workbook::write(&dir, n).expect("the workbook is written");
        return println!("{}", book.display());
    }
    let memory: Vec<usize> = match args.iter().position(|a| a == "--memory") {
        Some(at) => args.get(at + 1).map(|l| l.split(',').filter_map(|s| s.parse().ok()).collect()).unwrap_or_default(),
        None => vec![1000],
    };
    let cores = std::thread::available_parallelism().map(|c| c.get()).unwrap_or(1);
    let dir = tempfile::tempdir().expect("a temporary folder");
    let book = workbook::write(&dir.path().join("data"), n).expect("the workbook is written");
    let target = std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("target"));
    println!("missiedocs batch benchmark: {n} council letters from an .xlsx workbook, {cores} cores");
    println!("measured: {}", missiedocs().display());

    // The Typst projects of the same letters, and our pages per letter.
    let projects = dir.path().join("projects");
    let emitted = dir.path().join("emitted");
    let out = render(&book, &emitted, cores, &["--emit-typst", &projects.to_string_lossy()]);
    assert!(out.status.success(), "render failed: {}", String::from_utf8_lossy(&out.stderr));
    let pages = pages(&emitted.join(format!("{}.pdf", workbook::id(0))));
    println!("each letter: {pages} pages; the text has eight paragraphs every letter shares");
    let typst = baseline::typst(&target);
    match &typst {
        Ok(path) => println!("baseline: {} ({})", baseline::VERSION, path.display()),
        Err(why) => println!("baseline skipped: no typst {}: {why}", baseline::VERSION),
    }

    // Throughput, the runs interleaved, median of seven.
    let (mut all, mut one, mut pair, mut cli) = (Vec::new(), Vec::new(), Vec::new(), Vec::new());
    for round in 0..ROUNDS {
        let (out_all, out_one) = (dir.path().join(format!("all-{round}")), dir.path().join(format!("one-{round}")));
        all.push(n as f64 / timed(|| assert!(render(&book, &out_all, cores, &[]).status.success())));
        one.push(n as f64 / timed(|| assert!(render(&book, &out_one, 1, &[]).status.success())));
        if cores > 1 {
            let outs = [dir.path().join("pair-a"), dir.path().join("pair-b")];
            pair.push(2.0 * n as f64 / timed(|| side_by_side(&book, &outs)));
        }
        if let Ok(typst) = &typst {
            cli.push(n as f64 / timed(|| typst_batch(typst, &projects, n, &dir.path().join("typst-out"))));
        }
    }
    let identical = same_pdfs(&dir.path().join("all-0"), &dir.path().join("one-0"), n);
    println!();
    println!("{:<58} {:>8} {:>10}   all runs", "run", "letters", "letters/s");
    row(&format!("missiedocs render --jobs {cores}"), n, &all);
    row("missiedocs render --jobs 1", n, &one);
    if !pair.is_empty() {
        row("two missiedocs render --jobs 1 side by side (the machine)", 2 * n, &pair);
    }
    if !cli.is_empty() {
        row(&format!("typst compile {}, 2 processes at a time, same letters", baseline::VERSION), n, &cli);
    }
    println!();
    if !cli.is_empty() {
        println!("render --jobs {cores} / typst compile:  {:.2}×  (target ≥ 3×)", median(&all) / median(&cli));
    }
    println!("render --jobs {cores} / --jobs 1:       {:.2}×  (target ≥ 1.8×)", median(&all) / median(&one));
    if !pair.is_empty() {
        println!(
            "two processes side by side / one:  {:.2}×  (what the machine gives a second core)",
            median(&pair) / median(&one)
        );
    }
    println!("PDFs of --jobs {cores} byte-identical to --jobs 1: {}", if identical { "yes" } else { "NO" });

    // One letter from a cold start.
    println!();
    println!(
        "{:<58} {:>12} {:>14}",
        format!("one letter, cold start (median of {COLD_ROUNDS})"),
        "missiedocs",
        "typst compile"
    );
    let small = workbook::write(&dir.path().join("one-letter"), 1).expect("the workbook is written");
    let middle = workbook::id(n / 2);
    for (label, book, id) in [
        ("from a one-letter workbook", &small, workbook::id(0)),
        (&*format!("from the {n}-letter workbook"), &book, middle.clone()),
    ] {
        // The two interleaved, so a busy moment of the machine falls on both.
        let (mut ours, mut theirs) = (Vec::new(), Vec::new());
        for k in 0..COLD_ROUNDS {
            let out = dir.path().join(format!("cold-{k}"));
            ours.push(timed(|| assert!(render(book, &out, cores, &["--only", &id]).status.success())) * 1000.0);
            if let Ok(typst) = &typst {
                let (fonts, pdf) = (projects.join("fonts"), dir.path().join("cold.pdf"));
                let compile =
                    || baseline::compile(typst, &fonts, &projects.join(&id), &pdf).status().unwrap().success();
                theirs.push(timed(|| assert!(compile())) * 1000.0);
            }
        }
        let ours = median(&ours);
        let theirs = (!theirs.is_empty()).then(|| median(&theirs));
        let theirs = theirs.map(|t| format!("{t:.0} ms")).unwrap_or_else(|| "-".into());
        println!("{label:<58} {:>9.0} ms {theirs:>14}", ours);
    }

    // Peak memory, each size in a process of its own.
    if !memory.is_empty() {
        println!();
        println!("{:<58} {:>12}", format!("peak memory, render --jobs {cores} in-process"), "peak RSS");
        for m in memory {
            let out = Command::new(std::env::current_exe().expect("this benchmark"))
                .args(["--child-memory", &m.to_string()])
                .output()
                .expect("the benchmark starts itself");
            let report = String::from_utf8_lossy(&out.stdout);
            assert!(out.status.success(), "{report}{}", String::from_utf8_lossy(&out.stderr));
            println!("{:<58} {:>12}", format!("{m} letters"), report.trim());
        }
    }
    if !identical {
        std::process::exit(1);
    }
}

/// Runs `missiedocs render` on `book` into `out`.
fn render(book: &Path, out: &Path, jobs: usize, extra: &[&str]) -> std::process::Output {
    command(book, out, jobs, extra).output().expect("missiedocs runs")
}

/// `missiedocs render` of a workbook into `out`.
fn command(book: &Path, out: &Path, jobs: usize, extra: &[&str]) -> Command {
    let mut command = Command::new(missiedocs());
    command
        .args(["render", "--quiet", "--jobs", &jobs.to_string(), "--data"])
        .arg(book)
        .arg("--out")
        .arg(out)
        .args(extra);
    command
}

/// Compiles the `n` projects with `typst compile`, two processes at a time.
/// Two one-job runs of the same workbook at once, each its own process.
fn side_by_side(book: &Path, outs: &[PathBuf; 2]) {
    let spawn = |out: &PathBuf| {
        let mut command = command(book, out, 1, &[]);
        command.stdout(Stdio::piped()).stderr(Stdio::piped()).spawn().expect("missiedocs starts")
    };
    let children: Vec<_> = outs.iter().map(spawn).collect();
    for child in children {
        let out = child.wait_with_output().expect("missiedocs runs");
        assert!(out.status.success(), "render failed: {}", String::from_utf8_lossy(&out.stderr));
    }
}

fn typst_batch(typst: &Path, projects: &Path, n: usize, out: &Path) {
    std::fs::create_dir_all(out).expect("an output folder");
    let next = AtomicUsize::new(0);
    let fonts = projects.join("fonts");
    std::thread::scope(|scope| {
        for _ in 0..2 {
            scope.spawn(|| {
                loop {
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    if i >= n {
                        return;
                    }
                    let id = workbook::id(i);
                    let pdf = out.join(format!("{id}.pdf"));
                    let status = baseline::compile(typst, &fonts, &projects.join(&id), &pdf).status();
                    assert!(status.is_ok_and(|s| s.success()), "typst compile {id} failed");
                }
            });
        }
    });
}

/// The child of a memory measurement: renders `n` letters in-process and
/// prints its own peak resident memory.
fn child_memory(n: usize) {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let book = workbook::write(&dir.path().join("data"), n).expect("the workbook is written");
    let config = Config {
        data: book,
        out: dir.path().join("out"),
        only: Vec::new(),
        filter: Vec::new(),
        jobs: std::thread::available_parallelism().map(|c| c.get()).unwrap_or(1),
        templates: None,
        standard: Standard::default(),
        shard: None,
        lang: Lang::Nl,
        emit_typst: None,
        timeout: None,
        woo: false,
    };
    let mut summary = batch::run(&config, &()).expect("the benchmark data is valid");
    std::mem::forget(summary.built.take());
    assert_eq!(summary.ok(), n, "{:?}", summary.entries.iter().find(|e| !e.fouten.is_empty()));
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    let kib: Option<f64> = status
        .lines()
        .find(|l| l.starts_with("VmHWM:"))
        .and_then(|l| l.split_whitespace().nth(1))
        .and_then(|k| k.parse().ok());
    match kib {
        Some(kib) => println!("{:.0} MiB", kib / 1024.0),
        None => println!("unknown (no /proc)"),
    }
}

/// Seconds `f` takes.
fn timed(f: impl FnOnce()) -> f64 {
    let start = Instant::now();
    f();
    start.elapsed().as_secs_f64()
}

fn median(values: &[f64]) -> f64 {
    let mut sorted = values.to_vec();
    sorted.sort_by(f64::total_cmp);
    sorted[sorted.len() / 2]
}

fn row(label: &str, n: usize, rates: &[f64]) {
    let all: Vec<String> = rates.iter().map(|r| format!("{r:.1}")).collect();
    println!("{label:<58} {n:>8} {:>10.1}   {}", median(rates), all.join(" "));
}

/// The number of pages of a PDF.
fn pages(pdf: &Path) -> usize {
    let bytes = std::fs::read(pdf).unwrap_or_default();
    lopdf::Document::load_mem(&bytes).map(|d| d.get_pages().len()).unwrap_or(0)
}

/// Whether two runs wrote the same bytes for every letter.
fn same_pdfs(a: &Path, b: &Path, n: usize) -> bool {
    (0..n).all(|i| {
        let name = format!("{}.pdf", workbook::id(i));
        matches!((std::fs::read(a.join(&name)), std::fs::read(b.join(&name))), (Ok(x), Ok(y)) if x == y)
    })
}
