//! What a run tells the user on stderr: every error with its causes, one
//! per line as `fout: …`; warnings; the documents that were not made with
//! their reasons; the closing summary line.

use std::error::Error;
use std::io::Write;
use std::path::PathBuf;

use crate::batch::{Config, Summary};
use crate::document::format::format_number;
use crate::lang::Lang;
use crate::output::Status;
use crate::tr;

/// Prints `fout: ` and an error with its causes.
pub fn error(lang: Lang, err: &(dyn Error + 'static)) {
    let mut out = std::io::stderr().lock();
    let _ = writeln!(out, "{} {}", error_word(lang), crate::error::describe(err, lang));
    if let Some(hint) = crate::error::hint(err, lang) {
        let _ = writeln!(out, "  hint: {hint}");
    }
}

/// `gewijzigd: `a`, `b``.
pub fn changed_line(changed: &[PathBuf], lang: Lang) -> String {
    let names: Vec<String> = changed.iter().map(|p| format!("`{}`", p.display())).collect();
    tr!(lang, "gewijzigd: {}", "changed: {}", names.join(", "))
}

/// A selection that names nothing the data has: the error, and as hint the
/// names that look like it, or else what the option takes.
fn unknown(err: &mut impl Write, lang: Lang, message: &str, takes: &str, close: &[String]) {
    let _ = writeln!(err, "{} {message}", error_word(lang));
    let hint = match close {
        [] => takes.to_string(),
        close => {
            let close = close.iter().map(|c| format!("`{c}`")).collect::<Vec<_>>().join(", ");
            tr!(lang, "bedoelt u {close}?", "did you mean {close}?")
        }
    };
    let _ = writeln!(err, "  hint: {hint}");
}

/// Unknown ids, warnings, failures with their reasons, and the summary line.
pub fn summary(config: &Config, summary: &Summary) {
    let lang = config.lang;
    let mut err = std::io::stderr().lock();
    for (id, close) in &summary.unknown_only {
        let message = tr!(
            lang,
            "document `{id}` staat niet in het blad Documenten",
            "document `{id}` is not in the Documenten sheet"
        );
        let takes = tr!(
            lang,
            "`--only` neemt een id uit de kolom `document`; `missiedocs check` leest het blad",
            "`--only` takes an id from the column `document`; `missiedocs check` reads the sheet"
        );
        unknown(&mut err, lang, &message, &takes, close);
    }
    for (value, close) in &summary.unknown_filter {
        let message = tr!(
            lang,
            "`--filter {value}` past op geen document: geen missie of sjabloon heet zo",
            "`--filter {value}` matches no document: no mission or template has that name"
        );
        let takes = tr!(
            lang,
            "`--filter` neemt een missie-id (kolom `missie` van Documenten) of een sjabloonnaam",
            "`--filter` takes a mission id (column `missie` of Documenten) or a template name"
        );
        unknown(&mut err, lang, &message, &takes, close);
    }
    // Errors in rows no document uses: nothing was made from them, but the
    // data is wrong all the same.
    for problem in &summary.unattached {
        let _ = writeln!(err, "{} {}", error_word(lang), problem.said(lang));
    }
    for warning in &summary.warnings {
        let _ = writeln!(err, "{} {warning}", tr!(lang, "waarschuwing:", "warning:"));
    }
    for entry in &summary.entries {
        for warning in &entry.waarschuwingen {
            let _ = writeln!(
                err,
                "{} {}",
                tr!(lang, "waarschuwing:", "warning:"),
                tr!(lang, "document `{}`:", "document `{}`:", entry.document)
            );
            for line in warning.lines() {
                let _ = writeln!(err, "  {line}");
            }
        }
    }
    for entry in summary.entries.iter().filter(|e| e.status == Status::Fout) {
        not_made(&mut err, lang, &entry.document, entry.rij, entry.fouten.iter().map(|f| f.melding.as_str()));
    }
    woo_index(&mut err, config, summary.sitemaps.as_deref());
    let secs = summary.elapsed.as_secs_f64();
    let rate = if secs > 0.0 { summary.ok() as f64 / secs } else { 0.0 };
    let (ok, failed, manifest) = (summary.ok(), summary.failed(), config.out.join("manifest.json"));
    let drafts = summary.entries.iter().filter(|e| e.status == Status::Ok && e.concept).count();
    let drafts = match drafts {
        0 => String::new(),
        n => tr!(lang, " ({n} als CONCEPT)", " ({n} as DRAFT)"),
    };
    let (secs, rate) = (format_number(secs, 2, lang), crate::document::format::format_exact(rate, 1, lang));
    let _ = writeln!(
        err,
        "{}",
        tr!(
            lang,
            "{ok} gemaakt{drafts}, {failed} mislukt in {secs} s ({rate} documenten/s) → {}",
            "{ok} made{drafts}, {failed} failed in {secs} s ({rate} documents/s) → {}",
            manifest.display()
        )
    );
}

/// What a run with Woo metadata did for the Woo-index: the sitemaps it
/// wrote, that `combine` makes them of a split run, or how to get them.
fn woo_index(err: &mut impl Write, config: &Config, sitemaps: Option<&[String]>) {
    let lang = config.lang;
    let line = match (sitemaps, &config.woo_url, config.woo) {
        (Some(lines), _, _) => return sitemaps_written(err, lang, &config.out, lines.len()),
        (None, Some(_), _) => tr!(
            lang,
            "de sitemaps voor de Woo-index maakt `missiedocs combine` van alle delen",
            "`missiedocs combine` makes the sitemaps for the Woo-index of all parts"
        ),
        (None, None, true) => tr!(
            lang,
            "hint: geef `--woo-url https://…/` (het adres waaronder de PDF's komen te staan) voor sitemaps voor de Woo-index",
            "hint: give `--woo-url https://…/` (the address the PDFs are published under) for sitemaps for the Woo-index"
        ),
        (None, None, false) => return,
    };
    let _ = writeln!(err, "{line}");
}

/// Where the sitemaps for the Woo-index were written (`render`, `combine`).
pub fn sitemaps_written(err: &mut impl Write, lang: Lang, out: &std::path::Path, indexes: usize) {
    let dir = out.join(crate::output::sitemaps::FOLDER);
    let robots = dir.join(crate::output::sitemaps::ROBOTS);
    let _ = writeln!(
        err,
        "{}",
        tr!(
            lang,
            "sitemaps voor de Woo-index ({indexes} informatiecategorieën) in {}; neem de regels van {} op in de robots.txt van de site",
            "sitemaps for the Woo-index ({indexes} information categories) in {}; add the lines of {} to the site's robots.txt",
            dir.display(),
            robots.display()
        )
    );
}

/// A document that was not made, with its reasons.
pub fn not_made<'a>(err: &mut impl Write, lang: Lang, id: &str, row: usize, reasons: impl Iterator<Item = &'a str>) {
    let which = match id {
        "" => tr!(lang, "het document in rij {row} is niet gemaakt:", "the document in row {row} was not made:"),
        id => tr!(lang, "document `{id}` is niet gemaakt:", "document `{id}` was not made:"),
    };
    let _ = writeln!(err, "{} {which}", error_word(lang));
    for line in reasons.flat_map(str::lines) {
        let _ = writeln!(err, "  {line}");
    }
}

/// `fout:` / `error:` before a message.
pub fn error_word(lang: Lang) -> &'static str {
    lang.pick("fout:", "error:")
}
