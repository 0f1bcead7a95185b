//! The `missiedocs` command line.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

use missiedocs::batch::{self, Config, RunError, Shard};
use missiedocs::notation::{Lang, format_number};
use missiedocs::output::Status;
use missiedocs::render::Standard;
use missiedocs::tr;
use missiedocs::watch::Round;

/// Formele documenten (raadsinformatiebrieven, collegememo's, evaluaties)
/// uit missiegegevens in een rekenblad.
#[derive(Debug, Parser)]
#[command(name = "missiedocs", version, about, long_about = None)]
struct Cli {
    #[command(subcommand)]
    command: Command,
    /// Taal van de meldingen: nl of en.
    #[arg(long, global = true, value_enum, default_value_t = MessageLang::Nl)]
    lang: MessageLang,
}

/// The language of messages.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum MessageLang {
    /// Nederlands.
    Nl,
    /// English.
    En,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Maak de PDF's van het blad Documenten.
    Render(RenderArgs),
    /// Controleer de gegevens en toon alle problemen; maakt niets.
    Check(DataArgs),
    /// Maak alles één keer en maak daarna opnieuw wat een wijziging raakt (Ctrl-C stopt).
    Watch(RenderArgs),
    /// Maak een nieuwe map met een voorbeeldwerkmap, teksten en sjablonen.
    Init {
        /// De map (wordt gemaakt; bestaande bestanden worden nooit overschreven).
        dir: PathBuf,
    },
    /// Toon de beschikbare sjablonen, waar ze vandaan komen en welke velden ze gebruiken.
    Templates(DataArgs),
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
    /// Schrijf naast elke PDF de Woo-metadata (DiWoo-XML).
    #[arg(long)]
    woo: bool,
    /// Maximale tijd per document in seconden (0: geen grens).
    #[arg(long, value_name = "SECONDEN", default_value_t = 120)]
    timeout: u64,
}

fn parse_shard(text: &str) -> Result<Shard, String> {
    let (k, n) = text
        .split_once('/')
        .ok_or_else(|| tr!("schrijf het deel als K/N, bijvoorbeeld 2/4", "write the part as K/N, for example 2/4"))?;
    let (k, n): (usize, usize) = (
        k.trim().parse().map_err(|_| tr!("`{k}` is geen getal", "`{k}` is not a number"))?,
        n.trim().parse().map_err(|_| tr!("`{n}` is geen getal", "`{n}` is not a number"))?,
    );
    if n == 0 || k == 0 || k > n {
        return Err(tr!(
            "deel {k}/{n} bestaat niet: K loopt van 1 tot en met N",
            "part {k}/{n} does not exist: K runs from 1 to N"
        ));
    }
    Ok(Shard { k, n })
}

/// Exit codes: all went well; some documents failed or the data has
/// problems; the data could not be read at all.
const EXIT_PROBLEMS: u8 = 1;
const EXIT_UNREADABLE: u8 = 2;

fn main() -> ExitCode {
    // English before parsing, so argument errors can follow too.
    missiedocs::i18n::set_english(lang_en_in_args());
    std::panic::set_hook(Box::new(|info| {
        if missiedocs::guard::contained() {
            return;
        }
        let _ = writeln!(
            std::io::stderr(),
            "{}",
            tr!("fout: interne fout in missiedocs ({info})", "error: internal error in missiedocs ({info})")
        );
    }));
    let cli = Cli::parse();
    missiedocs::i18n::set_english(cli.lang == MessageLang::En);
    let result = match cli.command {
        Command::Render(args) => render(args),
        Command::Check(args) => check(args),
        Command::Watch(args) => watch(args),
        Command::Templates(args) => Ok(templates(args)),
        Command::Init { dir } => Ok(init(&dir)),
    };
    match result {
        Ok(code) => ExitCode::from(code),
        Err(err) => {
            let _ = writeln!(std::io::stderr(), "{} {err}", error_word());
            ExitCode::from(EXIT_UNREADABLE)
        }
    }
}

/// Reads and checks the data and fills in every document's texts, as
/// `render` does before typesetting; lists every problem found.
fn check(args: DataArgs) -> Result<u8, RunError> {
    let prepared = batch::prepare(&args.data, args.templates.as_deref())?;
    let problems = missiedocs::assess::every_problem(&prepared.model, &prepared.problems, &prepared.texts);
    let mut err = std::io::stderr().lock();
    for problem in &problems {
        let _ = writeln!(err, "{} {problem}", error_word());
    }
    let docs = prepared.model.documenten.len();
    if problems.is_empty() {
        let _ = writeln!(
            err,
            "{}",
            tr!(
                "geen problemen gevonden in {} ({docs} documenten)",
                "no problems found in {} ({docs} documents)",
                args.data.display()
            )
        );
        Ok(0)
    } else {
        let n = problems.len();
        let data = args.data.display();
        let line = match n {
            1 => tr!("1 probleem gevonden in {data}", "1 problem found in {data}"),
            _ => tr!("{n} problemen gevonden in {data}", "{n} problems found in {data}"),
        };
        let _ = writeln!(err, "{line}");
        Ok(EXIT_PROBLEMS)
    }
}

fn init(dir: &std::path::Path) -> u8 {
    match missiedocs::init::init(dir) {
        Ok(files) => {
            let mut out = std::io::stdout().lock();
            for file in &files {
                let _ = writeln!(out, "{}", file.display());
            }
            let (n, dir) = (files.len(), dir.display());
            let data = format!("{dir}/missies.xlsx");
            let _ = writeln!(
                std::io::stderr(),
                "{}",
                tr!(
                    "{n} bestanden geschreven in {dir}. Volgende stap: missiedocs check --data {data}, \
                     daarna missiedocs render --data {data} --out uitvoer",
                    "{n} files written in {dir}. Next: missiedocs check --data {data}, \
                     then missiedocs render --data {data} --out output"
                )
            );
            0
        }
        Err(err) => {
            let _ = writeln!(std::io::stderr(), "{} {err}", error_word());
            match err {
                missiedocs::init::InitError::Exists(_) => EXIT_PROBLEMS,
                _ => EXIT_UNREADABLE,
            }
        }
    }
}

fn templates(args: DataArgs) -> u8 {
    let folder = batch::template_folder(&args.data, args.templates.as_deref());
    let templates = missiedocs::templates::Templates::new(folder.clone());
    let mut out = std::io::stdout().lock();
    match &folder {
        Some(dir) => {
            let _ = writeln!(out, "{}", tr!("eigen sjablonen: {}", "own templates: {}", dir.display()));
        }
        None => {
            let _ = writeln!(
                out,
                "{}",
                tr!("geen eigen sjablonenmap; alleen ingebouwde", "no own template folder; built-in only")
            );
        }
    }
    for info in templates.describe() {
        let origin = if info.overrides {
            tr!("{} (vervangt het ingebouwde)", "{} (replaces the built-in one)", info.origin)
        } else {
            info.origin.clone()
        };
        let _ = writeln!(out, "\n{}\n  {} {origin}", info.name, tr!("bron:", "source:"));
        let fields: Vec<&str> = info.fields.iter().map(String::as_str).collect();
        let _ = writeln!(out, "  {} {}", tr!("velden:", "fields:"), fields.join(", "));
    }
    0
}

fn config(args: RenderArgs) -> Config {
    let jobs = args.jobs.unwrap_or_else(|| std::thread::available_parallelism().map(|n| n.get()).unwrap_or(1));
    Config {
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
        woo: args.woo,
        timeout: (args.timeout > 0).then(|| std::time::Duration::from_secs(args.timeout)),
    }
}

fn render(args: RenderArgs) -> Result<u8, RunError> {
    let config = config(args);
    // Ctrl-C: remove half-written temporary files, keep every finished PDF.
    let out = config.out.clone();
    let _ = ctrlc::set_handler(move || {
        missiedocs::output::remove_temp_files(&out);
        let _ = writeln!(
            std::io::stderr(),
            "{}",
            tr!(
                "onderbroken: de gemaakte PDF's zijn compleet, de rest is niet gemaakt",
                "interrupted: the PDFs made are complete, the rest was not made"
            )
        );
        std::process::exit(130);
    });
    let summary = batch::run(&config)?;
    print_summary(&config, &summary);
    let problems = summary.failed() > 0 || !summary.unknown_only.is_empty() || !summary.unattached.is_empty();
    Ok(if problems { EXIT_PROBLEMS } else { 0 })
}

fn watch(args: RenderArgs) -> Result<u8, RunError> {
    let mut config = config(args);
    config.progress = false;
    // Ctrl-C ends watching: nothing half-written stays behind.
    let out = config.out.clone();
    let _ = ctrlc::set_handler(move || {
        missiedocs::output::remove_temp_files(&out);
        let _ = writeln!(std::io::stderr(), "{}", tr!("gestopt met kijken", "stopped watching"));
        std::process::exit(0);
    });
    let result = missiedocs::watch::watch(&config, |round| {
        let mut err = std::io::stderr().lock();
        match round {
            Round::Rendered { changed, summary } => {
                if !changed.is_empty() {
                    let _ = writeln!(err, "{}", changed_line(changed));
                }
                drop(err);
                print_summary(&config, summary);
            }
            Round::Failed { changed, error } => {
                if !changed.is_empty() {
                    let _ = writeln!(err, "{}", changed_line(changed));
                }
                let _ = writeln!(err, "{} {error}", error_word());
            }
            Round::Watching { folders } => {
                let folders: Vec<String> = folders.iter().map(|f| format!("`{}`", f.display())).collect();
                let _ = writeln!(
                    err,
                    "{}",
                    tr!(
                        "kijkt naar wijzigingen in {} (Ctrl-C om te stoppen)",
                        "watching {} for changes (Ctrl-C to stop)",
                        folders.join(", ")
                    )
                );
            }
        }
    });
    match result {
        Ok(()) => Ok(0),
        Err(e) => {
            let _ = writeln!(
                std::io::stderr(),
                "{} {}",
                error_word(),
                tr!("kijken naar wijzigingen lukt niet ({e})", "cannot watch for changes ({e})")
            );
            Ok(EXIT_UNREADABLE)
        }
    }
}

fn changed_line(changed: &[std::path::PathBuf]) -> String {
    let names: Vec<String> = changed.iter().map(|p| format!("`{}`", p.display())).collect();
    tr!("gewijzigd: {}", "changed: {}", names.join(", "))
}

/// Unknown ids, warnings, failures with their reasons, and the summary line.
fn print_summary(config: &Config, summary: &batch::Summary) {
    let mut err = std::io::stderr().lock();
    for id in &summary.unknown_only {
        let _ = writeln!(
            err,
            "{} {}",
            error_word(),
            tr!("document `{id}` staat niet in het blad Documenten", "document `{id}` is not in the Documenten sheet")
        );
    }
    // Errors in rows no document uses: nothing was made from them, but the
    // data is wrong all the same.
    for problem in &summary.unattached {
        let _ = writeln!(err, "{} {problem}", error_word());
    }
    for entry in &summary.entries {
        for warning in &entry.waarschuwingen {
            let _ = writeln!(
                err,
                "{} {}",
                tr!("waarschuwing:", "warning:"),
                tr!("document `{}`:", "document `{}`:", entry.document)
            );
            for line in warning.lines() {
                let _ = writeln!(err, "  {line}");
            }
        }
    }
    for entry in summary.entries.iter().filter(|e| e.status == Status::Fout) {
        let which = match entry.document.as_str() {
            "" => tr!("het document in rij {} is niet gemaakt:", "the document in row {} was not made:", entry.rij),
            id => tr!("document `{id}` is niet gemaakt:", "document `{id}` was not made:"),
        };
        let _ = writeln!(err, "{} {which}", error_word());
        for reason in &entry.fouten {
            for line in reason.melding.lines() {
                let _ = writeln!(err, "  {line}");
            }
        }
    }
    let secs = summary.elapsed.as_secs_f64();
    let rate = if secs > 0.0 { summary.ok() as f64 / secs } else { 0.0 };
    let lang = if missiedocs::i18n::english() { Lang::En } else { Lang::Nl };
    let (ok, failed, manifest) = (summary.ok(), summary.failed(), config.out.join("manifest.json"));
    let (secs, rate) = (format_number(secs, 2, lang), format_number(rate, 1, lang));
    let _ = writeln!(
        err,
        "{}",
        tr!(
            "{ok} gemaakt, {failed} mislukt in {secs} s ({rate} documenten/s) → {}",
            "{ok} made, {failed} failed in {secs} s ({rate} documents/s) → {}",
            manifest.display()
        )
    );
}

/// `fout:` / `error:` before a message.
fn error_word() -> &'static str {
    if missiedocs::i18n::english() { "error:" } else { "fout:" }
}

/// Whether the arguments hold `--lang en` or `--lang=en`.
fn lang_en_in_args() -> bool {
    let args: Vec<String> = std::env::args().collect();
    args.iter().any(|a| a == "--lang=en") || args.windows(2).any(|w| w[0] == "--lang" && w[1] == "en")
}
