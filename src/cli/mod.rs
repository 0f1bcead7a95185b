//! The `missiedocs` command line: `render`, `check`, `watch`, `init`,
//! `templates` and `combine`. Arguments are parsed in [`args`] and checked in [`config`];
//! what a run reports is printed by [`print`](mod@print); a run's progress is shown by
//! [`progress`].
//!
//! Exit status: 0 when all went well; 1 when documents failed or the data
//! has problems; 2 when the data could not be read at all or an argument is
//! wrong.

use std::io::Write;
use std::process::ExitCode;

use clap::FromArgMatches;

use crate::batch;
use crate::error::Failure;
use crate::input::files;
use crate::lang::Lang;
use crate::tr;
use crate::typeset::templates::Templates;
use args::{CheckArgs, Cli, Command, DataArgs, MessageLang, RenderArgs};
use progress::Progress;
use watch::Round;

pub mod args;
pub mod config;
mod fields;
pub mod help;
pub mod init;
pub mod print;
pub mod progress;
pub mod watch;

/// Exit codes: all went well; some documents failed or the data has
/// problems; the data could not be read at all.
const EXIT_PROBLEMS: u8 = 1;
pub(crate) const EXIT_UNREADABLE: u8 = 2;

/// Runs the command line; the exit status says how it went.
pub fn main() -> ExitCode {
    // The language before parsing, so argument errors can follow it too.
    let lang = if lang_en_in_args() { Lang::En } else { Lang::Nl };
    std::panic::set_hook(Box::new(move |info| {
        if crate::guard::contained() {
            return;
        }
        let _ = writeln!(
            std::io::stderr(),
            "{}",
            tr!(lang, "fout: interne fout in missiedocs ({info})", "error: internal error in missiedocs ({info})")
        );
    }));
    let parsed = help::command(lang).try_get_matches().and_then(|m| Cli::from_arg_matches(&m));
    let cli = match parsed {
        Ok(cli) => cli,
        Err(err) => {
            let (text, failed) = help::report(&err, lang);
            if failed {
                let _ = write!(std::io::stderr(), "{text}");
                return ExitCode::from(EXIT_UNREADABLE);
            }
            let _ = write!(std::io::stdout(), "{text}");
            return ExitCode::SUCCESS;
        }
    };
    let lang = match cli.lang {
        MessageLang::Nl => Lang::Nl,
        MessageLang::En => Lang::En,
    };
    let result = match cli.command {
        Command::Render(args) => render(args, lang),
        Command::Check(args) => check(args, lang),
        Command::Watch(args) => watch(args, lang),
        Command::Templates(args) => Ok(templates(args, lang)),
        Command::Velden { data, document } => fields::run(&data, document.as_deref(), lang),
        Command::Init { dir } => Ok(init(&dir, lang)),
        Command::Combine { parts, out } => combine(&parts, &out, lang),
        Command::Serve { data, bind, port, token, hosts } => {
            serve(data, crate::serve::Listen { bind, port, token, hosts }, lang)
        }
    };
    match result {
        Ok(code) => ExitCode::from(code),
        Err(err) => {
            print::error(lang, &err);
            ExitCode::from(EXIT_UNREADABLE)
        }
    }
}

/// Reads and checks the data and fills in every document's texts, as
/// `render` does before typesetting; lists every problem found.
fn check(args: CheckArgs, lang: Lang) -> Result<u8, Failure> {
    let CheckArgs { data: args, pdf_standard } = args;
    let prepared = batch::prepare(&args.data, args.templates.as_deref(), lang, batch::Typesetting::Nothing)?;
    let mut problems = crate::check::assess::every_problem(&prepared.model, &prepared.problems, &prepared.texts);
    problems.extend(batch::trial::own_templates(&prepared, pdf_standard.into(), lang));
    let mut err = std::io::stderr().lock();
    for problem in &problems {
        let _ = writeln!(err, "{} {}", print::error_word(lang), problem.said(lang));
    }
    let texts: std::collections::BTreeSet<String> =
        prepared.model.documenten.iter().filter_map(crate::document::text::body_template).collect();
    for name in &texts {
        for warning in prepared.texts.warnings(name) {
            let _ = writeln!(err, "{} `{name}`: {warning}", tr!(lang, "waarschuwing:", "warning:"));
        }
    }
    let model = &prepared.model;
    let hidden = model.documenten.iter().find_map(|d| crate::check::assess::hidden_warning(model, d, lang));
    for warning in crate::check::assess::hidden_rows_warnings(model, lang).into_iter().chain(hidden) {
        let _ = writeln!(err, "{} {warning}", tr!(lang, "waarschuwing:", "warning:"));
    }
    let docs = prepared.model.documenten.len();
    if problems.is_empty() {
        let _ = writeln!(
            err,
            "{}",
            tr!(
                lang,
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
            1 => tr!(lang, "1 probleem gevonden in {data}", "1 problem found in {data}"),
            _ => tr!(lang, "{n} problemen gevonden in {data}", "{n} problems found in {data}"),
        };
        let _ = writeln!(err, "{line}");
        Ok(EXIT_PROBLEMS)
    }
}

/// One manifest from the parts of a split run; lists the documents not made.
fn combine(parts: &[std::path::PathBuf], out: &std::path::Path, lang: Lang) -> Result<u8, Failure> {
    let combined = crate::output::combine::combine(parts, out)?;
    let mut err = std::io::stderr().lock();
    let text = |entry: &serde_json::Value, key: &str| entry.get(key).and_then(|v| v.as_str()).unwrap_or("").to_string();
    for entry in &combined.mislukt {
        let row = entry.get("rij").and_then(serde_json::Value::as_u64).unwrap_or(0) as usize;
        let reasons: Vec<String> =
            entry.get("fouten").and_then(|f| f.as_array()).into_iter().flatten().map(|f| text(f, "melding")).collect();
        print::not_made(&mut err, lang, &text(entry, "document"), row, reasons.iter().map(String::as_str));
    }
    if let Some(lines) = &combined.sitemaps {
        print::sitemaps_written(&mut err, lang, out, lines.len());
    }
    let (ok, failed, parts, path) = (combined.gemaakt, combined.mislukt.len(), combined.delen, combined.path.display());
    let _ = writeln!(
        err,
        "{}",
        tr!(
            lang,
            "{ok} gemaakt, {failed} mislukt in {parts} delen → {path}",
            "{ok} made, {failed} failed in {parts} parts → {path}"
        )
    );
    Ok(if failed > 0 { EXIT_PROBLEMS } else { 0 })
}

fn init(dir: &std::path::Path, lang: Lang) -> u8 {
    match init::init(dir) {
        Ok(files) => {
            let mut out = std::io::stdout().lock();
            for file in &files {
                let _ = writeln!(out, "{}", file.display());
            }
            let (n, dir) = (files.len(), dir.display());
            let data = format!("{dir}/missies.xlsx");
            let out = format!("{dir}/output");
            let _ = writeln!(
                std::io::stderr(),
                "{}",
                tr!(
                    lang,
                    "{n} bestanden geschreven in {dir}. Volgende stap: missiedocs check --data {data}, \
                     daarna missiedocs render --data {data} --out {out}",
                    "{n} files written in {dir}. Next: missiedocs check --data {data}, \
                     then missiedocs render --data {data} --out {out}"
                )
            );
            0
        }
        Err(err) => {
            let code = match err {
                init::InitError::Exists(_) => EXIT_PROBLEMS,
                _ => EXIT_UNREADABLE,
            };
            print::error(lang, &Failure::from(err));
            code
        }
    }
}

fn templates(args: DataArgs, lang: Lang) -> u8 {
    let folder = files::template_folder(&args.data, args.templates.as_deref());
    let templates = Templates::new(folder.clone(), lang);
    let mut out = std::io::stdout().lock();
    match &folder {
        Some(dir) => {
            let _ = writeln!(out, "{}", tr!(lang, "eigen sjablonen: {}", "own templates: {}", dir.display()));
        }
        None => {
            let _ = writeln!(
                out,
                "{}",
                tr!(lang, "geen eigen sjablonenmap; alleen ingebouwde", "no own template folder; built-in only")
            );
        }
    }
    for info in templates.describe() {
        let origin = if info.overrides {
            tr!(lang, "{} (vervangt het ingebouwde)", "{} (replaces the built-in one)", info.origin)
        } else {
            info.origin.clone()
        };
        let _ = writeln!(out, "\n{}\n  {} {origin}", info.name, tr!(lang, "bron:", "source:"));
        let fields: Vec<&str> = info.fields.iter().map(String::as_str).collect();
        let _ = writeln!(out, "  {} {}", tr!(lang, "velden:", "fields:"), fields.join(", "));
    }
    let _ = writeln!(
        out,
        "\n{}",
        tr!(
            lang,
            "teksten (kolom `tekst`): Markdown (.md), of Word (.docx) en LibreOffice (.odt). In Word gelden de kopstijlen \
             (Kop 1, Kop 2), lijsten, tabellen, voetnoten, koppelingen en afbeeldingen met alternatieve tekst; \
             {{{{ missie.titel }}}} en een {{% for %}} of {{% if %}} alleen in een alinea werken zoals in Markdown. \
             Lettertype, grootte en kleur komen uit de huisstijl. Accepteer alle wijzigingen voordat u de tekst gebruikt.",
            "texts (column `tekst`): Markdown (.md), or Word (.docx) and LibreOffice (.odt). In Word the heading styles \
             (Heading 1, Heading 2), lists, tables, footnotes, links and pictures with alt text count; \
             {{{{ missie.titel }}}} and a {{% for %}} or {{% if %}} alone in a paragraph work as in Markdown. \
             Font, size and colour come from the house style. Accept all changes before using the text."
        )
    );
    0
}

fn render(args: RenderArgs, lang: Lang) -> Result<u8, Failure> {
    let quiet = args.quiet;
    let config = config::from_args(args, lang)?;
    // Ctrl-C: remove half-written temporary files, keep every finished PDF.
    let out = config.out.clone();
    let _ = ctrlc::set_handler(move || {
        crate::output::remove_temp_files(&out);
        let _ = writeln!(
            std::io::stderr(),
            "{}",
            tr!(
                lang,
                "onderbroken: de gemaakte PDF's zijn compleet, de rest is niet gemaakt",
                "interrupted: the PDFs made are complete, the rest was not made"
            )
        );
        std::process::exit(130);
    });
    let progress = Progress::new(!quiet, lang);
    let mut summary = batch::run(&config, &progress)?;
    // This run is the process's last: what it built is freed when the
    // process ends, at once, not taken apart piece by piece.
    std::mem::forget(summary.built.take());
    progress.finish();
    print::summary(&config, &summary);
    let problems = summary.failed() > 0
        || !summary.unknown_only.is_empty()
        || !summary.unknown_filter.is_empty()
        || !summary.unattached.is_empty();
    Ok(if problems { EXIT_PROBLEMS } else { 0 })
}

fn watch(args: RenderArgs, lang: Lang) -> Result<u8, Failure> {
    let config = config::from_args(args, lang)?;
    // A round makes only what a change affects; sitemaps name everything.
    if config.woo_url.is_some() {
        return Err(Failure::new(crate::say!(
            "`missiedocs watch` maakt geen sitemaps voor de Woo-index: elke ronde maakt alleen wat een wijziging raakt",
            "`missiedocs watch` makes no sitemaps for the Woo-index: each round makes only what a change affects"
        ))
        .hint(crate::say!(
            "gebruik hier `--woo`, en maak de sitemaps met `missiedocs render --woo-url …`",
            "use `--woo` here, and make the sitemaps with `missiedocs render --woo-url …`"
        )));
    }
    // Ctrl-C ends watching: nothing half-written stays behind.
    let out = config.out.clone();
    let _ = ctrlc::set_handler(move || {
        crate::output::remove_temp_files(&out);
        let _ = writeln!(std::io::stderr(), "{}", tr!(lang, "gestopt met kijken", "stopped watching"));
        std::process::exit(0);
    });
    let result = watch::watch(&config, |round| {
        let mut err = std::io::stderr().lock();
        match round {
            Round::Rendered { changed, summary } => {
                if !changed.is_empty() {
                    let _ = writeln!(err, "{}", print::changed_line(changed, lang));
                }
                drop(err);
                print::summary(&config, summary);
            }
            Round::Failed { changed, error } => {
                if !changed.is_empty() {
                    let _ = writeln!(err, "{}", print::changed_line(changed, lang));
                }
                drop(err);
                print::error(lang, error);
            }
            Round::Watching { folders } => {
                let folders: Vec<String> = folders.iter().map(|f| format!("`{}`", f.display())).collect();
                let _ = writeln!(
                    err,
                    "{}",
                    tr!(
                        lang,
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
                print::error_word(lang),
                tr!(lang, "kijken naar wijzigingen lukt niet ({e})", "cannot watch for changes ({e})")
            );
            Ok(EXIT_UNREADABLE)
        }
    }
}

/// Whether the arguments hold `--lang en` or `--lang=en`.
fn lang_en_in_args() -> bool {
    let args: Vec<String> = std::env::args().collect();
    args.iter().any(|a| a == "--lang=en") || args.windows(2).any(|w| w[0] == "--lang" && w[1] == "en")
}

/// Serves the page and the API until the process is stopped.
fn serve(data: DataArgs, listen: crate::serve::Listen, lang: Lang) -> Result<u8, Failure> {
    let options = crate::serve::Options {
        data: data.data,
        templates: data.templates,
        lang,
        standard: crate::typeset::Standard::default(),
        renders: std::thread::available_parallelism().map(|n| n.get()).unwrap_or(1),
    };
    crate::serve::start(options, listen, |addr| {
        // The address first, alone on its line, for whoever started it (or a script).
        let _ = writeln!(std::io::stdout(), "http://{addr}/");
        let _ = std::io::stdout().flush();
        let _ = writeln!(
            std::io::stderr(),
            "{}",
            tr!(
                lang,
                "missiedocs luistert op http://{addr}/ (Ctrl-C stopt)",
                "missiedocs listens on http://{addr}/ (Ctrl-C stops)"
            )
        );
    })?;
    Ok(0)
}
