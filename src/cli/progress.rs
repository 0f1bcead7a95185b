//! Progress of a run: a bar on a terminal, a line per document in a log,
//! nothing with `--quiet`.

use std::io::IsTerminal;
use std::sync::OnceLock;

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
    lang: Lang,
}

impl Progress {
    /// Progress shown when `wanted`, in `lang`.
    pub fn new(wanted: bool, lang: Lang) -> Progress {
        Progress { wanted, bar: OnceLock::new(), lang }
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

    fn done(&self, entry: &Entry) {
        let lang = self.lang;
        let line = match entry.status {
            Status::Ok => {
                let pages = entry.file.as_ref().map_or(0, |f| f.paginas);
                let file = entry.file.as_ref().map_or("", |f| f.bestand.as_str());
                match pages {
                    1 => tr!(lang, "gemaakt: {file} (1 pagina)", "made: {file} (1 page)"),
                    _ => tr!(lang, "gemaakt: {file} ({pages} pagina's)", "made: {file} ({pages} pages)"),
                }
            }
            Status::Fout => tr!(lang, "mislukt: {}", "failed: {}", entry.document),
        };
        match self.bar.get() {
            Some(Some(bar)) => {
                if entry.status == Status::Fout {
                    bar.println(line);
                }
                bar.inc(1);
            }
            _ if self.wanted => eprintln!("{line}"),
            _ => {}
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
