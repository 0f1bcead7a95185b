//! The `missiedocs` command line.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

use missiedocs::batch::{self, Config, RunError, Shard};
use missiedocs::output::Status;
use missiedocs::render::Standard;

/// Formele documenten (raadsinformatiebrieven, collegememo's, evaluaties)
/// uit missiegegevens in een rekenblad.
#[derive(Debug, Parser)]
#[command(name = "missiedocs", version, about, long_about = None)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Maak de PDF's van het blad Documenten.
    Render(RenderArgs),
    /// Controleer de gegevens en toon alle problemen; maakt niets.
    Check(DataArgs),
}

#[derive(Debug, clap::Args)]
struct DataArgs {
    /// Werkmap (.xlsx, .xlsm, .xls, .ods) of map met CSV-bestanden.
    #[arg(long, default_value = "data/voorbeeld.xlsx")]
    data: PathBuf,
    /// Map met eigen Typst-sjablonen (standaard: `sjablonen/` naast de gegevens).
    #[arg(long)]
    templates: Option<PathBuf>,
}

#[derive(Debug, clap::Args)]
struct RenderArgs {
    #[command(flatten)]
    data: DataArgs,
    /// Uitvoermap.
    #[arg(long, default_value = "output")]
    out: PathBuf,
    /// Alleen dit document (herhaalbaar).
    #[arg(long = "only", value_name = "ID")]
    only: Vec<String>,
    /// Alleen documenten met deze missie of dit sjabloon (herhaalbaar).
    #[arg(long = "filter", value_name = "MISSIE|SJABLOON")]
    filter: Vec<String>,
    /// Aantal documenten tegelijk (standaard: alle kernen).
    #[arg(long, short = 'j')]
    jobs: Option<usize>,
    /// Het K-de van N deel van de documenten, bijvoorbeeld 2/4.
    #[arg(long, value_parser = parse_shard)]
    shard: Option<Shard>,
    /// PDF-standaard.
    #[arg(long, value_enum, default_value_t = Standard::default())]
    pdf_standard: Standard,
    /// Geen voortgangsbalk.
    #[arg(long)]
    quiet: bool,
    /// Schrijf per document het Typst-project (main.typ, sjablonen, data.json) naar deze map.
    #[arg(long, value_name = "MAP")]
    emit_typst: Option<PathBuf>,
}

fn parse_shard(text: &str) -> Result<Shard, String> {
    let (k, n) = text.split_once('/').ok_or("schrijf het deel als K/N, bijvoorbeeld 2/4")?;
    let (k, n): (usize, usize) = (
        k.trim().parse().map_err(|_| format!("`{k}` is geen getal"))?,
        n.trim().parse().map_err(|_| format!("`{n}` is geen getal"))?,
    );
    if n == 0 || k == 0 || k > n {
        return Err(format!("deel {k}/{n} bestaat niet: K loopt van 1 tot en met N"));
    }
    Ok(Shard { k, n })
}

/// Exit codes: all went well; some documents failed or the data has
/// problems; the data could not be read at all.
const EXIT_PROBLEMS: u8 = 1;
const EXIT_UNREADABLE: u8 = 2;

fn main() -> ExitCode {
    std::panic::set_hook(Box::new(|info| {
        let _ = writeln!(std::io::stderr(), "fout: interne fout in missiedocs ({info})");
    }));
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Render(args) => render(args),
        Command::Check(args) => check(args),
    };
    match result {
        Ok(code) => ExitCode::from(code),
        Err(err) => {
            let _ = writeln!(std::io::stderr(), "fout: {err}");
            ExitCode::from(EXIT_UNREADABLE)
        }
    }
}

fn check(args: DataArgs) -> Result<u8, RunError> {
    let prepared = batch::prepare(&args.data, args.templates.as_deref())?;
    let mut err = std::io::stderr().lock();
    for problem in &prepared.problems {
        let _ = writeln!(err, "fout: {problem}");
    }
    let docs = prepared.model.documenten.len();
    if prepared.problems.is_empty() {
        let _ = writeln!(err, "geen problemen gevonden in {} ({docs} documenten)", args.data.display());
        Ok(0)
    } else {
        let n = prepared.problems.len();
        let _ =
            writeln!(err, "{n} {} gevonden in {}", if n == 1 { "probleem" } else { "problemen" }, args.data.display());
        Ok(EXIT_PROBLEMS)
    }
}

fn render(args: RenderArgs) -> Result<u8, RunError> {
    let jobs = args.jobs.unwrap_or_else(|| std::thread::available_parallelism().map(|n| n.get()).unwrap_or(1));
    let config = Config {
        data: args.data.data,
        out: args.out,
        only: args.only,
        filter: args.filter,
        jobs,
        templates: args.data.templates,
        standard: args.pdf_standard,
        shard: args.shard,
        progress: !args.quiet,
        emit_typst: args.emit_typst,
    };
    // Ctrl-C: remove half-written temporary files, keep every finished PDF.
    let out = config.out.clone();
    let _ = ctrlc::set_handler(move || {
        missiedocs::output::remove_temp_files(&out);
        let _ = writeln!(std::io::stderr(), "onderbroken: de gemaakte PDF's zijn compleet, de rest is niet gemaakt");
        std::process::exit(130);
    });
    let summary = batch::run(&config)?;
    let mut err = std::io::stderr().lock();
    for id in &summary.unknown_only {
        let _ = writeln!(err, "fout: document `{id}` staat niet in het blad Documenten");
    }
    for problem in &summary.other_problems {
        let _ = writeln!(err, "waarschuwing: {problem}");
    }
    for entry in summary.entries.iter().filter(|e| e.status == Status::Fout) {
        let _ = writeln!(err, "fout: document `{}` is niet gemaakt:", entry.document);
        for reason in &entry.fouten {
            for line in reason.lines() {
                let _ = writeln!(err, "  {line}");
            }
        }
    }
    let secs = summary.elapsed.as_secs_f64();
    let rate = if secs > 0.0 { summary.ok() as f64 / secs } else { 0.0 };
    let _ = writeln!(
        err,
        "{} gemaakt, {} mislukt in {} s ({} documenten/s) → {}",
        summary.ok(),
        summary.failed(),
        missiedocs::notation::format_number(secs, 2, missiedocs::notation::Lang::Nl),
        missiedocs::notation::format_number(rate, 1, missiedocs::notation::Lang::Nl),
        config.out.join("manifest.json").display(),
    );
    Ok(if summary.failed() > 0 || !summary.unknown_only.is_empty() { EXIT_PROBLEMS } else { 0 })
}
