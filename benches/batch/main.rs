//! Batch benchmark: missiedocs beside `typst compile` on the very same
//! letters, in one run.
//!
//! It writes two `.xlsx` workbooks of N three-page council letters, each
//! letter its own mission and the same eight paragraphs: in the first every
//! letter has its own date, subject and reference, as in a real run; in the
//! second (the benchmark's workbook until December 2026) all letters have
//! one date and the letters to the same partner one subject. For each it
//! prints:
//! - letters per second of `missiedocs render` with all cores and with one
//!   job (the release binary, start to exit, median of seven), and whether
//!   the two runs wrote byte-identical PDFs;
//! - letters per second of `typst compile` 0.15.1, two processes at a time,
//!   on the Typst projects `render --emit-typst` wrote for those letters,
//!   with the same fonts and PDF standards (installed into the target folder
//!   with `cargo install --locked` when it is missing; said when it cannot);
//!
//! and, on the first workbook:
//! - what the machine itself gives a second core: two one-job runs side by
//!   side, each its own process, beside one alone — the most a second job
//!   could add here;
//! - one letter from a cold start, beside `typst compile` of that letter,
//!   from a one-letter workbook and from the N-letter one (the two
//!   interleaved, median of 21);
//! - time, exit status and peak memory of `render` on a workbook of each
//!   size given to `--large` (default 1000), its own letters too.
//!
//! ```sh
//! cargo bench --bench batch                               # 300 letters; 1000 for memory
//! cargo bench --bench batch -- 1000 --large 1000,10000    # more letters; up to 10,000 at once
//! cargo bench --bench batch -- 300 --workbook DIR         # only write the workbook, to profile with
//! cargo bench --bench batch -- 300 --workbook DIR --shared  # the same, one date for all
//! ```

mod baseline;
mod workbook;

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use workbook::Letters;

/// The binary measured: this build's, or another (`MISSIEDOCS_BIN`) to
/// compare two builds with the same benchmark.
fn missiedocs() -> PathBuf {
    std::env::var_os("MISSIEDOCS_BIN").map_or_else(|| PathBuf::from(env!("CARGO_BIN_EXE_missiedocs")), PathBuf::from)
}

/// Rounds of the throughput runs; the median is reported.
const ROUNDS: usize = 7;

/// Rounds of the cold one-letter runs (each a fraction of a second).
const COLD_ROUNDS: usize = 21;

/// Letters per second of each kind of run on one workbook, every round.
#[derive(Default)]
struct Rates {
    all: Vec<f64>,
    one: Vec<f64>,
    pair: Vec<f64>,
    cli: Vec<f64>,
    identical: bool,
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let n: usize = args.iter().find_map(|a| a.parse().ok()).unwrap_or(300);
    if let Some(at) = args.iter().position(|a| a == "--workbook") {
        let dir = PathBuf::from(args.get(at + 1).expect("--workbook DIR"));
        let letters = if args.iter().any(|a| a == "--shared") { Letters::Shared } else { Letters::Own };
        let book = workbook::write(&dir, n, letters).expect("the workbook is written");
        return println!("{}", book.display());
    }
    let large: Vec<usize> = match args.iter().position(|a| a == "--large") {
        Some(at) => args.get(at + 1).map(|l| l.split(',').filter_map(|s| s.parse().ok()).collect()).unwrap_or_default(),
        None => vec![1000],
    };
    let cores = std::thread::available_parallelism().map(|c| c.get()).unwrap_or(1);
    let dir = tempfile::tempdir().expect("a temporary folder");
    let target = std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("target"));
    println!("missiedocs batch benchmark: {n} council letters from an .xlsx workbook, {cores} cores");
    println!("measured: {}", missiedocs().display());
    let typst = baseline::typst(&target);
    match &typst {
        Ok(path) => println!("baseline: {} ({})", baseline::VERSION, path.display()),
        Err(why) => println!("baseline skipped: no typst {}: {why}", baseline::VERSION),
    }
    let typst = typst.ok();

    let own = dir.path().join("own");
    let (book, projects, rates) = throughput(&own, n, Letters::Own, cores, typst.as_deref());
    let shared = throughput(&dir.path().join("shared"), n, Letters::Shared, cores, typst.as_deref()).2;

    println!();
    println!("{:<58} {:>8} {:>10}   all runs", "run (letters/s, median of seven)", "letters", "letters/s");
    for (name, rates) in [("own date, subject, reference", &rates), ("one date, 17 subjects (until Dec 2026)", &shared)]
    {
        println!("{name}:");
        row(&format!("  missiedocs render --jobs {cores}"), n, &rates.all);
        row("  missiedocs render --jobs 1", n, &rates.one);
        if !rates.pair.is_empty() {
            row("  two missiedocs render --jobs 1 side by side (the machine)", 2 * n, &rates.pair);
        }
        if !rates.cli.is_empty() {
            row(&format!("  typst compile {}, 2 processes at a time", baseline::VERSION), n, &rates.cli);
        }
    }
    println!();
    for (name, rates) in [("own date, subject, reference", &rates), ("one date, 17 subjects", &shared)] {
        println!("{name}:");
        if !rates.cli.is_empty() {
            let (all, one, cli) = (median(&rates.all), median(&rates.one), median(&rates.cli));
            println!("  render --jobs {cores} / typst compile:  {:.2}×  (target ≥ 3×)", all / cli);
            println!("  render --jobs 1 / typst compile:  {:.2}×  (target ≥ 1.5×)", one / cli);
        }
        println!("  PDFs of --jobs {cores} byte-identical to --jobs 1: {}", if rates.identical { "yes" } else { "NO" });
    }
    if !rates.pair.is_empty() {
        let (all, one, pair) = (median(&rates.all), median(&rates.one), median(&rates.pair));
        println!(
            "a second job: --jobs {cores} / --jobs 1 {:.2}×; the machine (two processes side by side / one) {:.2}×; \
             {:.0} % of it (target ≥ 90 %)",
            all / one,
            pair / one,
            100.0 * (all / one - 1.0) / (pair / one - 1.0)
        );
    }

    // One letter from a cold start.
    println!();
    println!(
        "{:<58} {:>12} {:>14}",
        format!("one letter, cold start (median of {COLD_ROUNDS})"),
        "missiedocs",
        "typst compile"
    );
    let small = workbook::write(&dir.path().join("one-letter"), 1, Letters::Own).expect("the workbook is written");
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
            if let Some(typst) = &typst {
                let (fonts, pdf) = (projects.join("fonts"), dir.path().join("cold.pdf"));
                let compile =
                    || baseline::compile(typst, &fonts, &projects.join(&id), &pdf).status().unwrap().success();
                theirs.push(timed(|| assert!(compile())) * 1000.0);
            }
        }
        let ours = median(&ours);
        let theirs = (!theirs.is_empty()).then(|| median(&theirs));
        let behind = theirs.map(|t| format!(" ({:+.1} %)", (ours / t - 1.0) * 100.0)).unwrap_or_default();
        let theirs = theirs.map(|t| format!("{t:.1} ms")).unwrap_or_else(|| "-".into());
        println!("{label:<58} {:>9.1} ms {theirs:>14}{behind}", ours);
    }

    // Many letters at once: the time, the exit status, the peak memory.
    if !large.is_empty() {
        println!();
        println!("{:<58} {:>12}", format!("render --jobs {cores}, own letters"), "time, peak RSS");
        for m in large {
            println!("{:<58} {}", format!("{m} letters"), at_once(&dir.path().join(format!("large-{m}")), m, cores));
        }
    }
    if !rates.identical || !shared.identical {
        std::process::exit(1);
    }
}

/// Writes a workbook of `n` letters into `dir`, the Typst projects of its
/// letters, and measures how fast they are made: by missiedocs with all
/// cores and with one job, by two one-job runs side by side (own letters
/// only), and by `typst compile`; the runs interleaved.
fn throughput(dir: &Path, n: usize, letters: Letters, cores: usize, typst: Option<&Path>) -> (PathBuf, PathBuf, Rates) {
    let book = workbook::write(&dir.join("data"), n, letters).expect("the workbook is written");
    let projects = dir.join("projects");
    let emitted = dir.join("emitted");
    let out = render(&book, &emitted, cores, &["--emit-typst", &projects.to_string_lossy()]);
    assert!(out.status.success(), "render failed: {}", String::from_utf8_lossy(&out.stderr));
    let pages = pages(&emitted.join(format!("{}.pdf", workbook::id(0))));
    println!("{letters:?}: each letter {pages} pages; the text has eight paragraphs every letter shares");
    let mut rates = Rates::default();
    for round in 0..ROUNDS {
        let (out_all, out_one) = (dir.join(format!("all-{round}")), dir.join(format!("one-{round}")));
        rates.all.push(n as f64 / timed(|| assert!(render(&book, &out_all, cores, &[]).status.success())));
        rates.one.push(n as f64 / timed(|| assert!(render(&book, &out_one, 1, &[]).status.success())));
        if cores > 1 && letters == Letters::Own {
            let outs = [dir.join("pair-a"), dir.join("pair-b")];
            rates.pair.push(2.0 * n as f64 / timed(|| side_by_side(&book, &outs)));
        }
        if let Some(typst) = typst {
            rates.cli.push(n as f64 / timed(|| typst_batch(typst, &projects, n, &dir.join("typst-out"))));
        }
    }
    rates.identical = same_pdfs(&dir.join("all-0"), &dir.join("one-0"), n);
    (book, projects, rates)
}

/// `render` of a workbook of `n` own letters at once: its exit status, the
/// time it took and its peak resident memory (read while it runs).
fn at_once(dir: &Path, n: usize, cores: usize) -> String {
    let book = workbook::write(&dir.join("data"), n, Letters::Own).expect("the workbook is written");
    let start = Instant::now();
    let mut child = command(&book, &dir.join("out"), cores, &[])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("missiedocs starts");
    let status_file = format!("/proc/{}/status", child.id());
    let mut peak_kib = 0u64;
    let status = loop {
        let kib = std::fs::read_to_string(&status_file).ok().and_then(|status| {
            let line = status.lines().find(|l| l.starts_with("VmHWM:"))?.to_string();
            line.split_whitespace().nth(1)?.parse::<u64>().ok()
        });
        peak_kib = peak_kib.max(kib.unwrap_or(0));
        if let Some(status) = child.try_wait().expect("missiedocs runs") {
            break status;
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    let seconds = start.elapsed().as_secs_f64();
    let peak = if peak_kib > 0 { format!("{:.0} MiB", peak_kib as f64 / 1024.0) } else { "unknown (no /proc)".into() };
    format!("{status}, {seconds:.1} s ({:.0} letters/s), {peak}", n as f64 / seconds)
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

/// Compiles the `n` projects with `typst compile`, two processes at a time.
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
