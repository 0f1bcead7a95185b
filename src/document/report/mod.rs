//! The generated parts of an evaluation report, print-ready: key figures,
//! charts of missions and results per year, a section per theme with its
//! results and totals, and the appendices (outgoing and incoming delegations,
//! results per mission, every sheet outside the contract). Every figure comes
//! from the document's [`Scope`], the same values the text's placeholders
//! print, so a total reads the same wherever it appears.

use std::collections::HashMap;

use chrono::Datelike;
use serde::Serialize;

use crate::document::words::Words;

use crate::document::context::{Scope, Totals, is_investment};
use crate::document::format::{AmountStyle, format_amount, format_date, format_number, format_span};
use crate::document::markdown::Node;
use crate::document::text::PARTS;
use crate::lang::Lang;
use crate::model::keys::match_key;
use crate::model::{Document, Missie, Model, Resultaat, Richting, Table, TableCell};

/// A table as printed: every cell already formatted. Columns are as wide as
/// their content needs; Typst shares out the width when it does not fit.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct PrintTable {
    /// Column headers, broken into lines (`\n`) no wider than the column's
    /// values, so a long header does not widen a column of short numbers.
    pub kolommen: Vec<String>,
    /// Body rows.
    pub rijen: Vec<Vec<String>>,
    /// Per column: whether it holds numbers (aligned right).
    pub rechts: Vec<bool>,
    /// A closing totals row.
    pub totaal: Option<Vec<String>>,
}

impl PrintTable {
    fn new(kolommen: Vec<String>, rijen: Vec<Vec<String>>, rechts: Vec<bool>) -> PrintTable {
        let kolommen = kolommen
            .iter()
            .enumerate()
            .map(|(i, header)| {
                let widest = rijen.iter().filter_map(|r| r.get(i)).map(|c| c.chars().count()).max().unwrap_or(0);
                wrap(header, widest)
            })
            .collect();
        PrintTable { kolommen, rijen, rechts, totaal: None }
    }
}

/// Breaks text into lines of at most `width` characters where it can.
///
/// ```
/// # use missiedocs::document::report::wrap;
/// assert_eq!(wrap("Budget per jaar (circa)", 9), "Budget\nper jaar\n(circa)");
/// assert_eq!(wrap("Provincie", 7), "Provincie");
/// ```
pub fn wrap(text: &str, width: usize) -> String {
    let mut lines: Vec<String> = Vec::new();
    for word in text.split_whitespace() {
        match lines.last_mut() {
            Some(line) if line.chars().count() + 1 + word.chars().count() <= width => {
                line.push(' ');
                line.push_str(word);
            }
            _ => lines.push(word.to_string()),
        }
    }
    lines.join("\n")
}

/// A labelled figure (`Banen`, `134`).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Figure {
    /// What it counts.
    pub label: String,
    /// The value, formatted.
    pub waarde: String,
}

/// A bar chart over the years of the period.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Chart {
    /// Caption.
    pub titel: String,
    /// The chart in words, for screen readers.
    pub alt: String,
    /// Series names (the legend).
    pub reeksen: Vec<String>,
    /// The years, one group of bars each.
    pub jaren: Vec<i32>,
    /// Per year, per series.
    pub waarden: Vec<Vec<u32>>,
    /// Series stacked in one bar (else side by side).
    pub gestapeld: bool,
    /// The largest bar.
    pub max: u32,
}

/// The section of one theme.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ThemeSection {
    /// The theme.
    pub thema: String,
    /// One sentence: how many results from how many missions.
    pub inleiding: String,
    /// Totals (for investments: projects, euros, jobs).
    pub kerncijfers: Vec<Figure>,
    /// The results.
    pub tabel: PrintTable,
}

/// A part of an appendix: an optional heading and a table.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AppendixPart {
    /// Heading.
    pub kop: Option<String>,
    /// Table.
    pub tabel: PrintTable,
}

/// An appendix.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Appendix {
    /// Title.
    pub titel: String,
    /// Opening sentence.
    pub inleiding: String,
    /// Its tables.
    pub delen: Vec<AppendixPart>,
}

/// The generated parts of a report.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Report {
    /// The partner, as the document names it.
    pub partner: String,
    /// The period, written out.
    pub periode: String,
    /// Key figures of the period.
    pub kerncijfers: Vec<Figure>,
    /// Missions per year (outgoing, incoming).
    pub missies_per_jaar: Chart,
    /// Results per year, stacked by theme.
    pub resultaten_per_jaar: Chart,
    /// One section per theme, in the conventional order.
    pub themas: Vec<ThemeSection>,
    /// The appendices.
    pub bijlagen: Vec<Appendix>,
    /// The document's words, also here for templates copied (by `init`)
    /// before they moved to `d.woorden`.
    pub woorden: Words,
    /// Outgoing missions, incoming visits and results, counted (for the
    /// sentences that say them).
    #[serde(skip)]
    pub aantallen: [usize; 3],
}

/// A noun in both languages, singular and plural.
type Noun = ([&'static str; 2], [&'static str; 2]);

const RESULTS: Noun = (["resultaat", "resultaten"], ["result", "results"]);
const MISSIONS: Noun = (["missie", "missies"], ["mission", "missions"]);

/// The word for `n` of a thing: singular for one, plural for any other
/// number (`1 Resultaat`, `0 Resultaten`).
pub(super) fn label(n: usize, (nl, en): Noun, lang: Lang) -> String {
    let [one, many] = lang.pick(nl, en);
    if n == 1 { one } else { many }.to_string()
}

/// `1 resultaat` / `5 resultaten` (`5 results` in English).
pub(super) fn count(n: usize, (nl, en): Noun, lang: Lang) -> String {
    let [one, many] = lang.pick(nl, en);
    format!("{} {}", format_number(n as f64, 0, lang), if n == 1 { one } else { many })
}

/// The period as printed: the document's `van`–`tot`, else the years of its
/// missions.
pub fn period(doc: &Document, scope: &Scope, lang: Lang) -> String {
    let until = lang.pick("tot en met", "to");
    match (doc.van, doc.tot) {
        (Some(van), Some(tot)) => format!("{} {until} {}", format_date(van, lang), format_date(tot, lang)),
        (Some(van), None) => format!("{} {}", lang.pick("vanaf", "from"), format_date(van, lang)),
        (None, Some(tot)) => format!("{until} {}", format_date(tot, lang)),
        (None, None) => match (scope.missies.first(), scope.missies.last()) {
            (Some(a), Some(b)) if a.jaar != b.jaar => format!("{}–{}", a.jaar, b.jaar),
            (Some(a), _) => a.jaar.to_string(),
            _ => String::new(),
        },
    }
}

/// The years a chart covers: the period's, at most forty (then from the
/// first mission on).
fn years(doc: &Document, scope: &Scope) -> Vec<i32> {
    let first = scope.missies.iter().map(|m| m.jaar).min();
    let last = scope.missies.iter().map(|m| m.jaar).max();
    let (Some(from), Some(to)) = (doc.van.map(|d| d.year()).or(first), doc.tot.map(|d| d.year()).or(last)) else {
        return Vec::new();
    };
    let from = if to - from >= 40 { first.unwrap_or(from).max(to - 39) } else { from };
    (from..=to).collect()
}

/// Builds the report parts of a document.
pub fn build(model: &Model, doc: &Document, scope: &Scope) -> Report {
    let lang = doc.taal;
    let missions: HashMap<&str, &Missie> = scope.missies.iter().map(|m| (m.missie.as_str(), *m)).collect();
    let year_of = |r: &Resultaat| r.datum.map(|d| d.year()).or_else(|| missions.get(r.missie.as_str()).map(|m| m.jaar));
    let jaren = years(doc, scope);

    let mut kerncijfers = vec![
        Figure {
            label: label(
                scope.uitgaand,
                (["Uitgaande missie", "Uitgaande missies"], ["Outgoing mission", "Outgoing missions"]),
                lang,
            ),
            waarde: scope.uitgaand.to_string(),
        },
        Figure {
            label: label(
                scope.inkomend,
                (["Inkomende delegatie", "Inkomende delegaties"], ["Incoming delegation", "Incoming delegations"]),
                lang,
            ),
            waarde: scope.inkomend.to_string(),
        },
        Figure {
            label: label(scope.totaal.aantal, (["Resultaat", "Resultaten"], ["Result", "Results"]), lang),
            waarde: format_number(scope.totaal.aantal as f64, 0, lang),
        },
    ];
    if scope.investeringen.aantal > 0 {
        kerncijfers.extend(investment_figures(&scope.investeringen, lang));
    }

    let per_year = |f: &dyn Fn(i32) -> Vec<u32>| jaren.iter().map(|&y| f(y)).collect::<Vec<_>>();
    let mission_counts = per_year(&|y| {
        [Richting::Uitgaand, Richting::Inkomend]
            .map(|dir| scope.missies.iter().filter(|m| m.jaar == y && m.richting == dir).count() as u32)
            .to_vec()
    });
    let series = vec![lang.pick("Uitgaand", "Outgoing").to_string(), lang.pick("Inkomend", "Incoming").to_string()];
    let missies_per_jaar = chart(
        lang.pick("Missies per jaar", "Missions per year"),
        lang.pick("Staafdiagram van het aantal missies per jaar", "Bar chart of the number of missions per year"),
        series,
        &jaren,
        mission_counts,
        false,
        lang,
    );
    let result_counts = per_year(&|y| {
        scope.themas.iter().map(|t| t.resultaten.iter().filter(|r| year_of(r) == Some(y)).count() as u32).collect()
    });
    let resultaten_per_jaar = chart(
        lang.pick("Resultaten per jaar, naar thema", "Results per year, by theme"),
        lang.pick("Gestapeld staafdiagram van het aantal resultaten per jaar", "Stacked bar chart of results per year"),
        scope.themas.iter().map(|t| t.thema.clone()).collect(),
        &jaren,
        result_counts,
        true,
        lang,
    );

    let themas = scope.themas.iter().map(|t| theme_section(t, &year_of, lang)).collect();
    let mut bijlagen = vec![
        delegations(scope, Richting::Uitgaand, lang),
        delegations(scope, Richting::Inkomend, lang),
        results_per_mission(scope, lang),
    ];
    bijlagen.extend(model.tabellen.iter().map(|t| sheet_appendix(t, lang)));

    Report {
        partner: doc.partner.clone().unwrap_or_default(),
        periode: period(doc, scope, lang),
        kerncijfers,
        missies_per_jaar,
        resultaten_per_jaar,
        themas,
        bijlagen,
        woorden: Words::of(lang),
        aantallen: [scope.uitgaand, scope.inkomend, scope.totaal.aantal],
    }
}

fn investment_figures(t: &Totals, lang: Lang) -> [Figure; 3] {
    [
        Figure {
            label: label(
                t.aantal,
                (["Investeringsproject", "Investeringsprojecten"], ["Investment project", "Investment projects"]),
                lang,
            ),
            waarde: format_number(t.aantal as f64, 0, lang),
        },
        {
            // Millions in large print, every euro in the label.
            let label = lang.pick("Geïnvesteerd", "Invested");
            let full = format_amount(t.bedrag, AmountStyle::Full, lang);
            if t.bedrag.abs() >= 1e6 {
                Figure {
                    label: format!("{label} ({full})"),
                    waarde: format_amount(t.bedrag, AmountStyle::Millions, lang),
                }
            } else {
                Figure { label: label.into(), waarde: full }
            }
        },
        Figure {
            label: label(t.banen as usize, (["Baan", "Banen"], ["Job", "Jobs"]), lang),
            waarde: format_number(t.banen as f64, 0, lang),
        },
    ]
}

fn chart(
    titel: &str,
    what: &str,
    reeksen: Vec<String>,
    jaren: &[i32],
    waarden: Vec<Vec<u32>>,
    gestapeld: bool,
    lang: Lang,
) -> Chart {
    let max = waarden
        .iter()
        .map(|v| if gestapeld { v.iter().sum() } else { v.iter().copied().max().unwrap_or(0) })
        .max()
        .unwrap_or(0);
    let span = match (jaren.first(), jaren.last()) {
        (Some(a), Some(b)) if a != b => format!(", {a}–{b}"),
        (Some(a), _) => format!(", {a}"),
        _ => String::new(),
    };
    let per_year: Vec<String> = jaren
        .iter()
        .zip(&waarden)
        .filter(|(_, v)| v.iter().any(|&n| n > 0))
        .map(|(y, v)| {
            let parts: Vec<String> = reeksen
                .iter()
                .zip(v)
                .filter(|(_, n)| **n > 0)
                .map(|(s, n)| format!("{n} {}", s.to_lowercase()))
                .collect();
            format!("{y}: {}", parts.join(", "))
        })
        .collect();
    let none = lang.pick("geen", "none");
    let alt = format!("{what}{span}. {}.", if per_year.is_empty() { none.to_string() } else { per_year.join("; ") });
    Chart { titel: titel.to_string(), alt, reeksen, jaren: jaren.to_vec(), waarden, gestapeld, max }
}

fn theme_section(
    theme: &crate::document::context::Theme,
    year_of: &dyn Fn(&Resultaat) -> Option<i32>,
    lang: Lang,
) -> ThemeSection {
    let results = &theme.resultaten;
    let missions = {
        let mut ids: Vec<&str> = results.iter().map(|r| r.missie.as_str()).collect();
        ids.sort_unstable();
        ids.dedup();
        ids.len()
    };
    let inleiding = format!(
        "{} {} {}.",
        count(results.len(), RESULTS, lang),
        lang.pick("uit", "from"),
        count(missions, MISSIONS, lang)
    );
    let investment = is_investment(&theme.thema);
    let with_amounts = results.iter().any(|r| r.bedrag.is_some() || r.banen.is_some());
    let with_party = results.iter().any(|r| r.partij.as_deref().is_some_and(|p| !p.is_empty()));
    let mut kolommen = vec![lang.pick("Jaar", "Year").to_string(), lang.pick("Resultaat", "Result").to_string()];
    kolommen.push(lang.pick("Soort", "Kind").into());
    if with_party {
        kolommen.push(lang.pick("Partij", "Party").into());
    }
    if with_amounts {
        kolommen.push(lang.pick("Bedrag", "Amount").into());
        kolommen.push(lang.pick("Banen", "Jobs").into());
    }
    let rijen = results
        .iter()
        .map(|r| {
            let mut row = vec![
                year_of(r).map(|y| y.to_string()).unwrap_or_default(),
                r.omschrijving.clone(),
                r.soort.clone().unwrap_or_default(),
            ];
            if with_party {
                row.push(r.partij.clone().unwrap_or_default());
            }
            if with_amounts {
                row.extend(amount_cells(r, lang));
            }
            row
        })
        .collect();
    let mut rechts = vec![false; kolommen.len()];
    rechts[0] = true;
    if with_amounts {
        let n = rechts.len();
        rechts[n - 2] = true;
        rechts[n - 1] = true;
    }
    let mut tabel = PrintTable::new(kolommen, rijen, rechts);
    let t = &theme.totaal;
    if with_amounts {
        let mut row = vec![
            lang.pick("Totaal", "Total").to_string(),
            if investment {
                count(t.aantal, (["project", "projecten"], ["project", "projects"]), lang)
            } else {
                count(t.aantal, RESULTS, lang)
            },
            String::new(),
        ];
        if with_party {
            row.push(String::new());
        }
        row.push(format_amount(t.bedrag, AmountStyle::Full, lang));
        row.push(format_number(t.banen as f64, 0, lang));
        tabel.totaal = Some(row);
    }
    ThemeSection {
        thema: theme.thema.clone(),
        inleiding,
        // The table's total row has the figures; tiles would repeat them
        // right under the report's own (`kerncijfers`).
        kerncijfers: Vec::new(),
        tabel,
    }
}

/// A result's amount and jobs as table cells.
pub(super) fn amount_cells(r: &Resultaat, lang: Lang) -> [String; 2] {
    [
        r.bedrag.map(|b| format_amount(b, AmountStyle::Full, lang)).unwrap_or_default(),
        r.banen.map(|b| format_number(b as f64, 0, lang)).unwrap_or_default(),
    ]
}

mod appendix;
mod place;
#[cfg(test)]
mod tests;

pub use appendix::format_cell;
use appendix::{delegations, results_per_mission, sheet_appendix};
pub use place::{front_matter, place_parts};
