//! clap in the run's language: the help's layout and headings, every
//! option's text, the defaults and choices, and the errors a mistyped
//! command gets — Dutch, or English with `--lang en`. The derive in
//! [`super::args`] holds the Dutch texts; the English ones are here.

use clap::error::{ContextKind, ContextValue, ErrorKind};
use clap::{Arg, ArgAction, Command, CommandFactory};

use super::args::Cli;
use crate::lang::Lang;
use crate::tr;

/// The command line as clap parses it, in `lang`.
pub fn command(lang: Lang) -> Command {
    let cmd = localize(Cli::command(), lang, "missiedocs")
        .arg(
            Arg::new("version")
                .short('V')
                .long("version")
                .action(ArgAction::Version)
                .help(lang.pick("Toon het versienummer", "Show the version number"))
                .help_heading(lang.pick("Opties", "Options")),
        )
        .subcommand_help_heading(lang.pick("Opdrachten", "Commands"))
        .subcommand_value_name(lang.pick("OPDRACHT", "COMMAND"))
        .override_usage(format!("missiedocs [{}] <{}>", options(lang), lang.pick("OPDRACHT", "COMMAND")));
    match lang {
        Lang::Nl => cmd,
        Lang::En => cmd.about(
            "Formal documents (council information letters, memos, evaluations) from mission data in a spreadsheet.",
        ),
    }
}

fn options(lang: Lang) -> &'static str {
    lang.pick("OPTIES", "OPTIONS")
}

/// One command and its subcommands: headings, texts, usage, help flag.
fn localize(cmd: Command, lang: Lang, path: &str) -> Command {
    let template = format!("{{about}}\n\n{} {{usage}}\n\n{{all-args}}{{after-help}}", lang.pick("Gebruik:", "Usage:"));
    let cmd = cmd.mut_args(|arg| arg_in(arg, lang));
    let positionals: Vec<String> = cmd
        .get_positionals()
        .map(|a| {
            let name =
                a.get_value_names().and_then(|n| n.first()).map_or_else(|| a.get_id().to_string(), |n| n.to_string());
            let many =
                matches!(a.get_action(), ArgAction::Append) || a.get_num_args().is_some_and(|n| n.max_values() > 1);
            format!(" <{name}>{}", if many { "..." } else { "" })
        })
        .collect();
    let name = cmd.get_name().to_string();
    let mut cmd = cmd
        .disable_help_flag(true)
        .disable_version_flag(true)
        .disable_help_subcommand(true)
        .help_template(template)
        .arg(
            Arg::new("help")
                .short('h')
                .long("help")
                .action(ArgAction::Help)
                .help(lang.pick("Toon deze hulp", "Show this help"))
                .help_heading(lang.pick("Opties", "Options")),
        );
    if path != "missiedocs" {
        cmd = cmd.override_usage(format!("{path} [{}]{}", options(lang), positionals.concat()));
        if lang == Lang::En
            && let Some(about) = english_about(&name)
        {
            cmd = cmd.about(about);
        }
    }
    let subcommands: Vec<String> = cmd.get_subcommands().map(|s| s.get_name().to_string()).collect();
    for sub in subcommands {
        let sub_path = format!("{path} {sub}");
        cmd = cmd.mut_subcommand(&sub, |s| localize(s, lang, &sub_path));
    }
    cmd
}

/// An argument's heading, text, default and choices in `lang`.
fn arg_in(arg: Arg, lang: Lang) -> Arg {
    if matches!(arg.get_id().as_str(), "help" | "version") {
        return arg;
    }
    let heading =
        if arg.is_positional() { lang.pick("Argumenten", "Arguments") } else { lang.pick("Opties", "Options") };
    let id = arg.get_id().to_string();
    let mut help = match lang {
        Lang::Nl => arg.get_help().map(ToString::to_string).unwrap_or_default(),
        Lang::En => english_help(&id)
            .map_or_else(|| arg.get_help().map(ToString::to_string).unwrap_or_default(), str::to_string),
    };
    let choices: Vec<String> =
        arg.get_possible_values().iter().filter(|v| !v.is_hide_set()).map(|v| v.get_name().to_string()).collect();
    let flag = matches!(arg.get_action(), ArgAction::SetTrue | ArgAction::SetFalse | ArgAction::Count);
    if choices.len() > 1 && !flag {
        help.push_str(&format!(" [{}: {}]", lang.pick("keuze", "possible values"), choices.join(", ")));
    }
    let defaults: Vec<String> = arg.get_default_values().iter().map(|v| v.to_string_lossy().into_owned()).collect();
    if !defaults.is_empty() && !flag {
        help.push_str(&format!(" [{}: {}]", lang.pick("standaard", "default"), defaults.join(", ")));
    }
    let mut arg = arg.help_heading(heading).help(help).hide_possible_values(true).hide_default_value(true);
    if let Some(name) = value_name(&id, lang) {
        arg = arg.value_name(name);
    }
    arg
}

/// The placeholder of an option's value, where the field's name would be English.
fn value_name(id: &str, lang: Lang) -> Option<&'static str> {
    Some(match id {
        "data" => lang.pick("WERKMAP", "WORKBOOK"),
        "templates" | "out" | "emit_typst" | "dir" | "parts" => lang.pick("MAP", "FOLDER"),
        "lang" => lang.pick("TAAL", "LANGUAGE"),
        "pdf_standard" => lang.pick("STANDAARD", "STANDARD"),
        "jobs" => lang.pick("AANTAL", "COUNT"),
        "timeout" => lang.pick("SECONDEN", "SECONDS"),
        "zegel" => lang.pick("BESTAND", "FILE"),
        "only" => "ID",
        "filter" => lang.pick("MISSIE|SJABLOON", "MISSION|TEMPLATE"),
        "document" => "ID",
        _ => return None,
    })
}

/// The English text of an option (its Dutch is in `args.rs`).
fn english_help(id: &str) -> Option<&'static str> {
    Some(match id {
        "lang" => "Language of messages: nl or en",
        "data" => "Workbook (.xlsx, .xlsm, .xls, .ods) or folder of CSV files",
        "templates" => "Folder of own Typst templates (default: `sjablonen/` beside the data)",
        "pdf_standard" => {
            "PDF standard: a-2a+ua-1 (archivable and accessible), a-2a (archivable, tagged), a-2b (archivable, \
             appearance only), ua-1 (accessible) or none (plain tagged PDF)"
        }
        "out" => "Output folder",
        "only" => "Only this document (repeatable)",
        "filter" => "Only documents of this mission or template (repeatable)",
        "jobs" => "Number of cores documents are made on, Typst's own parallel work included (default: all cores)",
        "shard" => "The K-th of N parts of the documents, for example 2/4",
        "quiet" => "No progress bar",
        "emit_typst" => "Write each document's Typst project (main.typ, templates, data.json) to this folder",
        "woo" => "Write the Woo metadata (DiWoo XML) beside each PDF",
        "woo_url" => {
            "Also write sitemaps for the Woo-index (in `sitemaps/`): the https address the PDFs will be published \
             under. Implies --woo"
        }
        "mdto" => {
            "Write the metadata for the e-depot (MDTO-XML 1.0.1) beside each PDF: the informatieobject and the bestand"
        }
        "tijdstempel" => {
            "Give every seal a timestamp (PAdES B-T) from the timestamping service at this http address (RFC 3161)"
        }
        "zegel" => {
            "Seal every PDF invisibly (PAdES) with the key and certificate in this PKCS#12 file; its password is in \
             MISSIEDOCS_ZEGEL_WACHTWOORD"
        }
        "timeout" => "Longest time per document in seconds (0: no limit)",
        "dir" => "The folder (made; existing files are never overwritten)",
        "parts" => "The output folders of all parts",
        "document" => "Only the fields of this document (default: the first)",
        "bind" => "The address the server listens on (default: this computer only)",
        "port" => "The port (0: a free port)",
        "token" => "The secret every request sends (`Authorization: Bearer …`); needed beyond this computer",
        "hosts" => "A host name a reverse proxy forwards the server under (repeatable)",
        _ => return None,
    })
}

/// The English description of a subcommand.
fn english_about(name: &str) -> Option<&'static str> {
    Some(match name {
        "render" => "Make the PDFs of the Documenten sheet",
        "check" => "Check the data and list every problem; makes nothing",
        "watch" => "Make everything once, then again what a change touches (Ctrl-C stops)",
        "init" => "Make a new folder with an example workbook, texts and templates",
        "templates" => "List the available templates, where they come from and which fields they use",
        "velden" => "List what a text can use for a document, with example values from the data",
        "serve" => "Offer a web page and an API to view, check and make documents",
        "combine" => "Combine the manifests of the parts of a `--shard K/N` run into one account",
        _ => return None,
    })
}

/// What to print for a parse error, and the exit code: help and version
/// on stdout with 0, a mistake on stderr with 2.
pub fn report(err: &clap::Error, lang: Lang) -> (String, bool) {
    let context = |kind: ContextKind| match err.get(kind) {
        Some(ContextValue::String(s)) => Some(s.clone()),
        Some(ContextValue::Strings(v)) => Some(v.join("`, `")),
        Some(other) => Some(other.to_string()),
        None => None,
    };
    // `--lang <TAAL>` is named as typed: `--lang`.
    let arg = context(ContextKind::InvalidArg).unwrap_or_default();
    let arg = arg.split(" <").next().unwrap_or_default().to_string();
    let value =
        context(ContextKind::InvalidValue).or_else(|| context(ContextKind::InvalidSubcommand)).unwrap_or_default();
    let message = match err.kind() {
        // Asked for: on stdout. Help because a command is missing: a mistake.
        ErrorKind::DisplayHelp | ErrorKind::DisplayVersion | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => {
            let text = err.render().to_string();
            let text = if text.ends_with('\n') { text } else { format!("{text}\n") };
            return (text, err.kind() == ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand);
        }
        ErrorKind::InvalidSubcommand => tr!(lang, "onbekende opdracht `{value}`", "unknown command `{value}`"),
        ErrorKind::UnknownArgument => tr!(lang, "onbekende optie `{arg}`", "unknown option `{arg}`"),
        ErrorKind::InvalidValue => {
            tr!(lang, "`{value}` is geen geldige waarde voor `{arg}`", "`{value}` is not a valid value for `{arg}`")
        }
        ErrorKind::ValueValidation => {
            tr!(lang, "`{value}` is geen geldige waarde voor `{arg}`", "`{value}` is not a valid value for `{arg}`")
        }
        ErrorKind::MissingRequiredArgument => {
            tr!(lang, "`{arg}` ontbreekt", "`{arg}` is missing")
        }
        ErrorKind::MissingSubcommand => tr!(lang, "geef een opdracht", "give a command"),
        ErrorKind::ArgumentConflict => match context(ContextKind::PriorArg) {
            // The same option twice: which of the two is meant would be a guess.
            Some(prior) if prior.split(" <").next() != Some(arg.as_str()) => {
                let prior = prior.split(" <").next().unwrap_or_default().to_string();
                tr!(lang, "`{arg}` gaat niet samen met `{prior}`", "`{arg}` cannot be used with `{prior}`")
            }
            _ => tr!(lang, "`{arg}` is meer dan één keer gegeven", "`{arg}` is given more than once"),
        },
        ErrorKind::TooManyValues => {
            tr!(lang, "`{arg}` is te vaak gegeven", "`{arg}` is given too often")
        }
        ErrorKind::TooFewValues | ErrorKind::WrongNumberOfValues | ErrorKind::NoEquals => {
            tr!(lang, "`{arg}` heeft een waarde nodig", "`{arg}` needs a value")
        }
        _ => tr!(lang, "deze opdracht kan niet worden gelezen", "this command cannot be read"),
    };
    let hint = if let Some(s) = context(ContextKind::SuggestedSubcommand) {
        tr!(lang, "bedoelt u `{s}`?", "did you mean `{s}`?")
    } else if let Some(s) = context(ContextKind::SuggestedArg) {
        tr!(lang, "bedoelt u `{s}`?", "did you mean `{s}`?")
    } else if let Some(values) = context(ContextKind::ValidValue) {
        tr!(lang, "kies uit `{values}`", "choose from `{values}`")
    } else if let Some(usage) = context(ContextKind::Usage) {
        let usage = usage.trim().trim_start_matches("Usage:").trim();
        tr!(lang, "gebruik: {usage}", "usage: {usage}")
    } else {
        tr!(lang, "zie `missiedocs --help`", "see `missiedocs --help`")
    };
    (format!("{} {message}\n  hint: {hint}\n", tr!(lang, "fout:", "error:")), true)
}
