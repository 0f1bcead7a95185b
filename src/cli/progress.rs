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
                    "{bar:30} {pos}/{len} documenten  {per_sec}  nog {eta}",
                    "{bar:30} {pos}/{len} documents  {per_sec}  {eta} left",
                );
                bar.set_style(indicatif::ProgressStyle::with_template(style).expect("a valid template"));
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
