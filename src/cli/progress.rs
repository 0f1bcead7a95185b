//! Progress of a run: a bar on a terminal, a line per document in a log
//! (in the order of the sheet, whatever order they finish in), nothing
//! with `--quiet`.

use std::collections::BTreeMap;
use std::io::IsTerminal;
use std::sync::{Mutex, OnceLock};

use crate::batch;
use crate::lang::Lang;
use crate::output::{Entry, Status};
use crate::tr;

/// Shows a run's progress on stderr.
pub struct Progress {
    /// Whether to show anything.
    wanted: bool,
    /// The bar, once the run said how long it is (on a terminal only).
    bar: OnceLock<Option<indicatif::ProgressBar>>,
    /// Lines of documents done before one above them in the sheet, by
    /// place, and the place of the next line to print.
    waiting: Mutex<(usize, BTreeMap<usize, Option<String>>)>,
    lang: Lang,
}

impl Progress {
    /// Progress shown when `wanted`, in `lang`.
    pub fn new(wanted: bool, lang: Lang) -> Progress {
        Progress { wanted, bar: OnceLock::new(), waiting: Mutex::new((0, BTreeMap::new())), lang }
    }

    /// Removes the bar.
    pub fn finish(&self) {
        if let Some(Some(bar)) = self.bar.get() {
            bar.finish_and_clear();
        }
    }
}

impl batch::Progress for Progress {
    fn start(&self, total: usize) {
        let lang = self.lang;
        self.bar.get_or_init(|| {
            (self.wanted && std::io::stderr().is_terminal()).then(|| {
                let bar = indicatif::ProgressBar::new(total as u64);
                let style = lang.pick(
                    "{bar:30} {pos}/{len} documenten  {rate}  nog {eta}",
                    "{bar:30} {pos}/{len} documents  {rate}  {eta} left",
                );
                // The rate in the language's notation, one decimal (not indicatif's `70.5274/s`).
                let style = indicatif::ProgressStyle::with_template(style).expect("a valid template").with_key(
                    "rate",
                    move |state: &indicatif::ProgressState, w: &mut dyn std::fmt::Write| {
                        let _ = w.write_str(&rate(state.per_sec(), lang));
                    },
                );
                bar.set_style(style);
                bar
            })
        });
    }

    fn done(&self, place: usize, entry: &Entry) {
        let lang = self.lang;
        let line = match entry.status {
            Status::Ok => {
                let pages = entry.file.as_ref().map_or(0, |f| f.paginas);
                let file = entry.file.as_ref().map_or("", |f| f.bestand.as_str());
                let pages = match pages {
                    1 => tr!(lang, "1 pagina", "1 page"),
                    _ => tr!(lang, "{pages} pagina's", "{pages} pages"),
                };
                let draft = if entry.concept { tr!(lang, ", CONCEPT", ", DRAFT") } else { String::new() };
                tr!(lang, "gemaakt: {file} ({pages}{draft})", "made: {file} ({pages}{draft})")
            }
            Status::Fout => tr!(lang, "mislukt: {}", "failed: {}", entry.document),
        };
        let bar = self.bar.get().and_then(Option::as_ref);
        if let Some(bar) = bar {
            bar.inc(1);
        }
        if !self.wanted {
            return;
        }
        // On a terminal the bar shows what is made; failures are said.
        let shown = (bar.is_none() || entry.status == Status::Fout).then_some(line);
        let Ok(mut waiting) = self.waiting.lock() else { return };
        let (next, pending) = &mut *waiting;
        pending.insert(place, shown);
        while let Some(line) = pending.remove(next) {
            if let Some(line) = line {
                match bar {
                    Some(bar) => bar.println(line),
                    None => eprintln!("{line}"),
                }
            }
            *next += 1;
        }
    }
}

/// Documents a second as the bar shows it: one decimal, in the language's
/// notation.
fn rate(per_sec: f64, lang: Lang) -> String {
    let per_sec = if per_sec.is_finite() { per_sec } else { 0.0 };
    format!("{}/s", crate::document::format::format_exact(per_sec, 1, lang))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_rate_has_one_decimal_in_the_language_s_notation() {
        assert_eq!(rate(70.527_4, Lang::Nl), "70,5/s");
        assert_eq!(rate(1234.0, Lang::Nl), "1.234,0/s");
        assert_eq!(rate(70.527_4, Lang::En), "70.5/s");
        assert_eq!(rate(f64::INFINITY, Lang::Nl), "0,0/s");
    }
}
