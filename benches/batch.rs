//! Batch benchmark: generates a CSV workbook of N two-page letters and
//! renders it in-process, reporting documents per second and peak memory;
//! beside it, in the same run, the same batch on one thread and — when a
//! `typst` binary is on PATH — one `typst compile` process per letter, two
//! at a time, on the exported Typst project of the same letter.
//!
//! ```sh
//! cargo bench --bench batch            # 300 letters
//! cargo bench --bench batch -- 1000    # 1000 letters
//! ```

use std::fmt::Write as _;
use std::path::Path;
use std::process::Command;
use std::time::Instant;

use missiedocs::batch::{self, Config};
use missiedocs::lang::Lang;
use missiedocs::typeset::Standard;

const TEXT: &str = "Van {{ missie.begindatum|datum }} tot en met {{ missie.einddatum|datum }} heeft een delegatie \
onder leiding van {{ missie.leiding }} een bezoek gebracht aan {{ missie.partner }}.\n\n\
## Aanleiding\n\n{% for i in range(9) %}\nTijdens het bezoek zijn gesprekken gevoerd met bedrijven, ziekenhuizen, \
de lokale overheid en universiteiten. De delegatie heeft de balans tussen innovatie, economie en kwaliteit van de \
leefomgeving toegelicht, evenals de samenwerking in de health campus en de ambities op het gebied van \
duurzaamheid en energietransitie.\n\n{% endfor %}\n## Resultaten\n\n{% for r in missie.resultaten %}\n- \
**{{ r.thema }}**: {{ r.omschrijving }} ({{ r.bedrag|bedrag }})\n{% endfor %}\n";

fn write_workbook(dir: &Path, n: usize) {
    std::fs::write(dir.join("brief.md"), TEXT).unwrap();
    std::fs::write(
        dir.join("afzender.csv"),
        "veld;waarde\nnaam;Gemeente Voorbeeld\nretouradres;Postbus 1, 1000 AA Voorbeeld\nbezoekadres;Markt 1\n",
    )
    .unwrap();
    let mut missies = String::from("missie;titel;richting;partner;begindatum;einddatum;leiding\n");
    let mut resultaten = String::from("missie;thema;omschrijving;bedrag\n");
    let mut documenten = String::from(
        "document;sjabloon;onderwerp;datum;missie;kenmerk;behandeld_door;ondertekenaar;functie;tekst;bijlagen\n",
    );
    for i in 0..n {
        let day = i % 28 + 1;
        writeln!(missies, "M{i};Missie {i};uitgaand;Partnerstad {};{day}-6-2019;{day}-7-2019;wethouder {i}", i % 17)
            .unwrap();
        for thema in ["Investeringen", "Handel", "Onderwijs"] {
            writeln!(resultaten, "M{i};{thema};Resultaat {thema} van missie {i};€ {}.000", i + 10).unwrap();
        }
        writeln!(
            documenten,
            "brief-{i:05};raadsinformatiebrief;Bezoek {{{{ missie.partner }}}};22-11-2022;M{i};2022.{i};Bureau;\
             De burgemeester;Burgemeester;brief.md;Programma;Verslag"
        )
        .unwrap();
    }
    std::fs::write(dir.join("missies.csv"), missies).unwrap();
    std::fs::write(dir.join("resultaten.csv"), resultaten).unwrap();
    std::fs::write(dir.join("documenten.csv"), documenten).unwrap();
}

/// Peak resident memory of this process so far, in MiB (Linux).
fn peak_mib() -> Option<f64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kib: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kib / 1024.0)
}

fn run(data: &Path, out: &Path, jobs: usize, emit: Option<&Path>) -> (usize, f64) {
    let config = Config {
        data: data.to_path_buf(),
        out: out.to_path_buf(),
        only: Vec::new(),
        filter: Vec::new(),
        jobs,
        templates: None,
        standard: Standard::default(),
        shard: None,
        lang: Lang::Nl,
        emit_typst: emit.map(Path::to_path_buf),
        timeout: None,
        woo: false,
    };
    let start = Instant::now();
    let summary = batch::run(&config, &()).expect("the benchmark data is valid");
    assert_eq!(summary.failed(), 0, "{:?}", summary.entries.iter().find(|e| !e.fouten.is_empty()));
    (summary.ok(), start.elapsed().as_secs_f64())
}

fn main() {
    let n: usize = std::env::args().skip(1).find_map(|a| a.parse().ok()).unwrap_or(300);
    let cores = std::thread::available_parallelism().map(|c| c.get()).unwrap_or(1);
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    std::fs::create_dir(&data).unwrap();
    write_workbook(&data, n);
    println!("missiedocs batch benchmark: {n} two-page letters, {cores} cores");
    println!("{:<44} {:>10} {:>12} {:>14}", "run", "letters", "letters/s", "peak MiB");

    // Warm-up: one letter (also exports the Typst project for the baseline).
    let one = dir.path().join("one");
    std::fs::create_dir(&one).unwrap();
    std::fs::write(one.join("brief.md"), TEXT).unwrap();
    for f in ["afzender.csv", "missies.csv", "resultaten.csv"] {
        std::fs::copy(data.join(f), one.join(f)).unwrap();
    }
    let docs = std::fs::read_to_string(data.join("documenten.csv")).unwrap();
    std::fs::write(one.join("documenten.csv"), docs.lines().take(2).collect::<Vec<_>>().join("\n")).unwrap();
    let project = dir.path().join("project");
    let (_, cold) = run(&one, &dir.path().join("out-one"), 1, Some(&project));
    println!("{:<44} {:>10} {:>12.1} {:>14}", "missiedocs, one letter, cold start", 1, 1.0 / cold, "");

    let (count, secs) = run(&data, &dir.path().join("out-all"), cores, None);
    let peak = peak_mib().map(|m| format!("{m:.0}")).unwrap_or_default();
    println!(
        "{:<44} {:>10} {:>12.1} {:>14}",
        format!("missiedocs render --jobs {cores}"),
        count,
        count as f64 / secs,
        peak
    );

    let (count1, secs1) = run(&data, &dir.path().join("out-1"), 1, None);
    println!("{:<44} {:>10} {:>12.1} {:>14}", "missiedocs render --jobs 1", count1, count1 as f64 / secs1, "");

    // Baseline: one `typst compile` process per letter, two at a time.
    let typst_ok = Command::new("typst").arg("--version").output().is_ok_and(|o| o.status.success());
    if typst_ok {
        let letter = project.join("brief-00000");
        let fonts = concat!(env!("CARGO_MANIFEST_DIR"), "/templates/fonts");
        let m = n.min(200);
        let start = Instant::now();
        let mut i = 0;
        while i < m {
            let children: Vec<_> = (0..2.min(m - i))
                .map(|k| {
                    Command::new("typst")
                        .args(["compile", "--ignore-system-fonts", "--font-path", fonts, "main.typ"])
                        .arg(format!("out{k}.pdf"))
                        .current_dir(&letter)
                        .spawn()
                        .expect("typst runs")
                })
                .collect();
            for mut child in children {
                assert!(child.wait().unwrap().success());
            }
            i += 2;
        }
        let secs = start.elapsed().as_secs_f64();
        println!("{:<44} {:>10} {:>12.1} {:>14}", "typst compile per letter, 2 processes", m, m as f64 / secs, "");
    } else {
        println!("(no `typst` binary on PATH: the per-process baseline is skipped)");
    }
}
