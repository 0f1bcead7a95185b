//! The generated parts of an evaluation report, print-ready: key figures,
//! charts of missions and results per year, a section per theme with its
//! results and totals, and the appendices (outgoing and incoming delegations,
//! results per mission, every sheet outside the contract). Every figure comes
//! from the document's [`Scope`], the same values the text's placeholders
//! print, so a total reads the same wherever it appears.

use std::collections::HashMap;

use chrono::{Datelike, NaiveDate};
use serde::Serialize;
use serde_json::Value as Json;

use crate::context::{Scope, Totals, is_investment};
use crate::markdown::Node;
use crate::model::{Document, Missie, Model, Resultaat, Richting, Table};
use crate::notation::{
    AmountStyle, Lang, format_amount, format_date, format_number, format_span, match_key, parse_amount,
};
use crate::text::PARTS;

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
/// # use missiedocs::report::wrap;
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

/// Words a report prints.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ReportWords {
    /// `Inhoudsopgave`.
    pub inhoud: &'static str,
    /// `Bijlage`.
    pub bijlage: &'static str,
    /// `Periode`.
    pub periode: &'static str,
    /// `Opgesteld door`.
    pub opgesteld_door: &'static str,
    /// `Kenmerk`.
    pub kenmerk: &'static str,
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
    /// Words.
    pub woorden: ReportWords,
}

/// The Dutch or the English of something.
fn w<T>(lang: Lang, nl: T, en: T) -> T {
    match lang {
        Lang::Nl => nl,
        Lang::En => en,
    }
}

/// A noun in both languages, singular and plural.
type Noun = ([&'static str; 2], [&'static str; 2]);

const RESULTS: Noun = (["resultaat", "resultaten"], ["result", "results"]);
const MISSIONS: Noun = (["missie", "missies"], ["mission", "missions"]);

/// `1 resultaat` / `5 resultaten` (`5 results` in English).
fn count(n: usize, (nl, en): Noun, lang: Lang) -> String {
    let [one, many] = w(lang, nl, en);
    format!("{} {}", format_number(n as f64, 0, lang), if n == 1 { one } else { many })
}

/// Whether a document is an evaluation report (template `evaluatie`, or an
/// organisation's own `evaluatie-…`).
pub fn is_report(doc: &Document) -> bool {
    doc.sjabloon.starts_with("evaluatie")
}

/// Whether a document gets the report's generated parts: reports, and any
/// document about a partner or period rather than one mission.
pub fn wanted(doc: &Document) -> bool {
    is_report(doc) || doc.missie.is_none()
}

/// The period as printed: the document's `van`–`tot`, else the years of its
/// missions.
pub fn period(doc: &Document, scope: &Scope, lang: Lang) -> String {
    let until = w(lang, "tot en met", "to");
    match (doc.van, doc.tot) {
        (Some(van), Some(tot)) => format!("{} {until} {}", format_date(van, lang), format_date(tot, lang)),
        (Some(van), None) => format!("{} {}", w(lang, "vanaf", "from"), format_date(van, lang)),
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
        Figure { label: w(lang, "Uitgaande missies", "Outgoing missions").into(), waarde: scope.uitgaand.to_string() },
        Figure {
            label: w(lang, "Inkomende delegaties", "Incoming delegations").into(),
            waarde: scope.inkomend.to_string(),
        },
        Figure {
            label: w(lang, "Resultaten", "Results").into(),
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
    let series = vec![w(lang, "Uitgaand", "Outgoing").to_string(), w(lang, "Inkomend", "Incoming").to_string()];
    let missies_per_jaar = chart(
        w(lang, "Missies per jaar", "Missions per year"),
        w(lang, "Staafdiagram van het aantal missies per jaar", "Bar chart of the number of missions per year"),
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
        w(lang, "Resultaten per jaar, naar thema", "Results per year, by theme"),
        w(lang, "Gestapeld staafdiagram van het aantal resultaten per jaar", "Stacked bar chart of results per year"),
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
        woorden: ReportWords {
            inhoud: w(lang, "Inhoudsopgave", "Contents"),
            bijlage: w(lang, "Bijlage", "Appendix"),
            periode: w(lang, "Periode", "Period"),
            opgesteld_door: w(lang, "Opgesteld door", "Prepared by"),
            kenmerk: w(lang, "Kenmerk", "Reference"),
        },
    }
}

fn investment_figures(t: &Totals, lang: Lang) -> [Figure; 3] {
    [
        Figure {
            label: w(lang, "Investeringsprojecten", "Investment projects").into(),
            waarde: format_number(t.aantal as f64, 0, lang),
        },
        {
            // Millions in large print, every euro in the label.
            let label = w(lang, "Geïnvesteerd", "Invested");
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
        Figure { label: w(lang, "Banen", "Jobs").into(), waarde: format_number(t.banen as f64, 0, lang) },
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
    let none = w(lang, "geen", "none");
    let alt = format!("{what}{span}. {}.", if per_year.is_empty() { none.to_string() } else { per_year.join("; ") });
    Chart { titel: titel.to_string(), alt, reeksen, jaren: jaren.to_vec(), waarden, gestapeld, max }
}

fn theme_section(
    theme: &crate::context::Theme,
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
        w(lang, "uit", "from"),
        count(missions, MISSIONS, lang)
    );
    let investment = is_investment(&theme.thema);
    let with_amounts = results.iter().any(|r| r.bedrag.is_some() || r.banen.is_some());
    let with_party = results.iter().any(|r| r.partij.as_deref().is_some_and(|p| !p.is_empty()));
    let mut kolommen = vec![w(lang, "Jaar", "Year").to_string(), w(lang, "Resultaat", "Result").to_string()];
    kolommen.push(w(lang, "Soort", "Kind").into());
    if with_party {
        kolommen.push(w(lang, "Partij", "Party").into());
    }
    if with_amounts {
        kolommen.push(w(lang, "Bedrag", "Amount").into());
        kolommen.push(w(lang, "Banen", "Jobs").into());
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
            w(lang, "Totaal", "Total").to_string(),
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
        kerncijfers: if investment { investment_figures(t, lang).to_vec() } else { Vec::new() },
        tabel,
    }
}

fn delegations(scope: &Scope, dir: Richting, lang: Lang) -> Appendix {
    let missions: Vec<&&Missie> = scope.missies.iter().filter(|m| m.richting == dir).collect();
    // Outgoing: where they went and who led; incoming: who led and why.
    let (titel, noun, columns) = match dir {
        Richting::Uitgaand => (
            w(lang, "Uitgaande delegaties", "Outgoing delegations"),
            (["uitgaande missie", "uitgaande missies"], ["outgoing mission", "outgoing missions"]),
            [w(lang, "Missie", "Mission"), w(lang, "Bestemming", "Destination"), w(lang, "Leiding", "Led by")],
        ),
        Richting::Inkomend => (
            w(lang, "Inkomende delegaties", "Incoming delegations"),
            (["inkomende delegatie", "inkomende delegaties"], ["incoming delegation", "incoming delegations"]),
            [w(lang, "Delegatie", "Delegation"), w(lang, "Leiding", "Led by"), w(lang, "Doel", "Purpose")],
        ),
    };
    let inleiding = format!(
        "{} {}",
        count(missions.len(), noun, lang),
        w(lang, "in de periode, op datum.", "in the period, by date.")
    );
    let kolommen = [w(lang, "Datum", "Date"), columns[0], columns[1], columns[2]];
    let rijen = missions
        .iter()
        .map(|m| {
            let leiding = m.leiding.clone().unwrap_or_default();
            let (third, fourth) = match dir {
                Richting::Uitgaand => (m.bestemming.join(", "), leiding),
                Richting::Inkomend => (leiding, m.doel.clone().unwrap_or_default()),
            };
            vec![format_span(m.begindatum, m.einddatum, lang), m.titel.clone(), third, fourth]
        })
        .collect();
    let tabel = PrintTable::new(kolommen.map(str::to_string).to_vec(), rijen, vec![false; 4]);
    Appendix { titel: titel.to_string(), inleiding, delen: vec![AppendixPart { kop: None, tabel }] }
}

fn results_per_mission(scope: &Scope, lang: Lang) -> Appendix {
    let with_amounts = scope.resultaten.iter().any(|r| r.bedrag.is_some() || r.banen.is_some());
    let mut kolommen = vec![
        w(lang, "Thema", "Theme").to_string(),
        w(lang, "Resultaat", "Result").into(),
        w(lang, "Soort", "Kind").into(),
    ];
    if with_amounts {
        kolommen.push(w(lang, "Bedrag", "Amount").into());
        kolommen.push(w(lang, "Banen", "Jobs").into());
    }
    let delen: Vec<AppendixPart> = scope
        .missies
        .iter()
        .filter_map(|m| {
            let results: Vec<&&Resultaat> = scope.resultaten.iter().filter(|r| r.missie == m.missie).collect();
            if results.is_empty() {
                return None;
            }
            let rijen = results
                .iter()
                .map(|r| {
                    let mut row = vec![r.thema.clone(), r.omschrijving.clone(), r.soort.clone().unwrap_or_default()];
                    if with_amounts {
                        row.extend(amount_cells(r, lang));
                    }
                    row
                })
                .collect();
            let mut rechts = vec![false; kolommen.len()];
            if with_amounts {
                rechts[3] = true;
                rechts[4] = true;
            }
            let kop = format!("{} ({})", m.titel, format_span(m.begindatum, m.einddatum, lang));
            Some(AppendixPart { kop: Some(kop), tabel: PrintTable::new(kolommen.clone(), rijen, rechts) })
        })
        .collect();
    let inleiding = format!(
        "{} {} {}, {}",
        count(scope.totaal.aantal, RESULTS, lang),
        w(lang, "van", "of"),
        count(delen.len(), MISSIONS, lang),
        w(lang, "per missie in de volgorde van de missies.", "per mission in order of date.")
    );
    Appendix { titel: w(lang, "Resultaten per missie", "Results per mission").into(), inleiding, delen }
}

/// Headers whose whole numbers are codes or years, written without
/// thousands separators.
fn is_code_column(header: &str) -> bool {
    let key = match_key(header);
    ["jaar", "year", "nummer", "nr", "code", "postcode", "telefoon", "id", "kenmerk"]
        .iter()
        .any(|k| key == *k || key.starts_with(k) || key.ends_with(k))
}

/// Headers whose numbers are amounts in euros.
fn is_money_column(header: &str) -> bool {
    let key = match_key(header);
    header.contains('€')
        || ["budget", "bedrag", "kosten", "euro", "prijs", "subsidie", "begroting", "uitgaven"]
            .iter()
            .any(|k| key.contains(k))
}

/// A cell of a sheet outside the contract, as printed, and whether it is a
/// number. Numbers follow Dutch style (`0,33`, `1.135`, `€ 15.000` in an
/// amount column), ISO dates are written out, text stays as typed.
pub fn format_cell(value: &Json, header: &str, lang: Lang) -> (String, bool) {
    let number = match value {
        Json::Null => return (String::new(), false),
        Json::Bool(b) => return (w(lang, if *b { "ja" } else { "nee" }, if *b { "yes" } else { "no" }).into(), false),
        Json::Number(n) => n.as_f64(),
        Json::String(s) => {
            let s = s.trim();
            if let Ok(date) = NaiveDate::parse_from_str(s, "%Y-%m-%d") {
                return (format_date(date, lang), false);
            }
            let numeric = s.bytes().any(|b| b.is_ascii_digit())
                && s.bytes().all(|b| b.is_ascii_digit() || matches!(b, b'.' | b',' | b'-'));
            if numeric { parse_amount(s).ok() } else { return (s.to_string(), false) }
        }
        other => return (other.to_string(), false),
    };
    let Some(n) = number else { return (value.to_string(), false) };
    let text = if is_code_column(header) && n.fract() == 0.0 {
        format!("{n:.0}")
    } else if is_money_column(header) {
        format_amount(n, AmountStyle::Full, lang)
    } else {
        // Up to three decimals: `0,125`, `1.234,567`, `0,333` for a third.
        format_number(n, 3, lang)
    };
    (text, true)
}

fn sheet_appendix(table: &Table, lang: Lang) -> Appendix {
    let mut numbers = vec![0usize; table.sleutels.len()];
    let mut filled = vec![0usize; table.sleutels.len()];
    let rijen = table
        .rijen
        .iter()
        .map(|row| {
            table
                .sleutels
                .iter()
                .zip(&table.kolommen)
                .enumerate()
                .map(|(i, (key, header))| {
                    let (text, is_number) = format_cell(row.get(key).unwrap_or(&Json::Null), header, lang);
                    if !text.is_empty() {
                        filled[i] += 1;
                        numbers[i] += usize::from(is_number);
                    }
                    text
                })
                .collect()
        })
        .collect();
    // Numbers align right; so does a column that is mostly numbers.
    let rechts = numbers.iter().zip(&filled).map(|(n, f)| *f > 0 && 2 * n >= *f).collect();
    let inleiding = format!(
        "{} ‘{}’ {} ({}).",
        w(lang, "Het blad", "The sheet"),
        table.naam,
        w(lang, "uit de gegevens", "from the data"),
        count(table.rijen.len(), (["rij", "rijen"], ["row", "rows"]), lang)
    );
    // CSV sheets are named after their file (`budget.csv`): titles start upper case.
    let mut chars = table.naam.chars();
    let titel = chars.next().map(|c| c.to_uppercase().chain(chars).collect()).unwrap_or_default();
    Appendix {
        titel,
        inleiding,
        delen: vec![AppendixPart { kop: None, tabel: PrintTable::new(table.kolommen.clone(), rijen, rechts) }],
    }
}

/// Places the generated parts a text did not place itself: in a chapter of
/// their own before the conclusion (the first level-1 heading starting with
/// `Conclusie`/`Conclusion`), else at the end.
pub fn place_parts(nodes: &mut Vec<Node>, report: &Report, lang: Lang) {
    let placed: Vec<&str> = nodes
        .iter()
        .filter_map(|n| match n {
            Node::Onderdeel { naam, .. } => Some(naam.as_str()),
            _ => None,
        })
        .collect();
    let missing: Vec<&str> = PARTS.iter().copied().filter(|p| !placed.contains(p)).collect();
    if missing.is_empty() {
        return;
    }
    let title = if missing.contains(&"resultaten_per_thema") {
        w(lang, "Resultaten per thema", "Results by theme")
    } else {
        w(lang, "Missies en resultaten per jaar", "Missions and results per year")
    };
    let k = &report.kerncijfers;
    let intro = match lang {
        Lang::Nl => format!(
            "In de periode {} vonden {} uitgaande missies en {} inkomende bezoeken plaats{}. Zij leverden {} resultaten op.",
            report.periode,
            k[0].waarde,
            k[1].waarde,
            if report.partner.is_empty() { String::new() } else { format!(" in de relatie met {}", report.partner) },
            k[2].waarde
        ),
        Lang::En => format!(
            "In the period {} there were {} outgoing missions and {} incoming visits{}. They brought {} results.",
            report.periode,
            k[0].waarde,
            k[1].waarde,
            if report.partner.is_empty() { String::new() } else { format!(" with {}", report.partner) },
            k[2].waarde
        ),
    };
    let mut chapter = vec![
        Node::Heading { level: 1, nummer: true, c: vec![Node::Text { s: title.into() }] },
        Node::Par { c: vec![Node::Text { s: intro }] },
    ];
    chapter.extend(missing.iter().map(|p| Node::Onderdeel { naam: p.to_string(), niveau: 2 }));
    let at = nodes
        .iter()
        .position(|n| match n {
            Node::Heading { level: 1, c, .. } => match_key(&plain(c)).starts_with("conclus"),
            _ => false,
        })
        .unwrap_or(nodes.len());
    nodes.splice(at..at, chapter);
}

fn plain(nodes: &[Node]) -> String {
    nodes
        .iter()
        .map(|n| match n {
            Node::Text { s } => s.clone(),
            Node::Strong { c } | Node::Emph { c } => plain(c),
            _ => String::new(),
        })
        .collect()
}

/// Leaves summaries and prefaces unnumbered, as reports do.
pub fn unnumber_front_matter(nodes: &mut [Node]) {
    for node in nodes {
        if let Node::Heading { level: 1, nummer, c } = node {
            let key = match_key(&plain(c));
            if ["samenvatting", "managementsamenvatting", "voorwoord", "summary", "executivesummary", "preface"]
                .contains(&key.as_str())
            {
                *nummer = false;
            }
        }
    }
}

/// A result's amount and jobs as table cells.
fn amount_cells(r: &Resultaat, lang: Lang) -> [String; 2] {
    [
        r.bedrag.map(|b| format_amount(b, AmountStyle::Full, lang)).unwrap_or_default(),
        r.banen.map(|b| format_number(b as f64, 0, lang)).unwrap_or_default(),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Afzender;

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    fn mission(id: &str, partner: &str, richting: Richting, begin: NaiveDate) -> Missie {
        Missie {
            missie: id.into(),
            titel: format!("Missie {id}"),
            richting,
            partner: partner.into(),
            land: None,
            bestemming: vec!["Wuhan".into()],
            begindatum: begin,
            einddatum: None,
            leiding: None,
            doel: None,
            kosten: None,
            jaar: begin.year(),
            extra: Default::default(),
            line: 0,
        }
    }

    fn result(missie: &str, thema: &str, bedrag: Option<f64>, banen: Option<i64>) -> Resultaat {
        Resultaat {
            missie: missie.into(),
            thema: thema.into(),
            omschrijving: format!("{thema} van {missie}"),
            soort: None,
            partij: None,
            bedrag,
            banen,
            datum: None,
            extra: Default::default(),
            line: 0,
        }
    }

    fn report_doc(partner: &str, van: NaiveDate, tot: NaiveDate) -> Document {
        Document {
            document: "evaluatie".into(),
            sjabloon: "evaluatie".into(),
            onderwerp: "Evaluatie".into(),
            datum: tot,
            missie: None,
            partner: Some(partner.into()),
            van: Some(van),
            tot: Some(tot),
            aan: None,
            aanhef: None,
            kenmerk: None,
            uw_kenmerk: None,
            behandeld_door: None,
            telefoon: None,
            email: None,
            ondertekenaar: None,
            functie: None,
            tekst: None,
            bijlagen: Vec::new(),
            taal: Lang::Nl,
            afzender: None,
            informatiecategorie: None,
            extra: Default::default(),
            line: 0,
        }
    }

    fn model() -> Model {
        use Richting::*;
        Model {
            afzenders: [(String::new(), Afzender { naam: "Provincie".into(), ..Default::default() })].into(),
            missies: vec![
                mission("old", "Hubei", Uitgaand, date(2009, 5, 1)),
                mission("a", "Hubei", Uitgaand, date(2015, 5, 12)),
                mission("in", "HUBEI", Inkomend, date(2016, 9, 1)),
                mission("b", "Hubei", Uitgaand, date(2018, 11, 5)),
                mission("other", "Shandong", Uitgaand, date(2017, 1, 1)),
            ],
            resultaten: vec![
                result("b", "investering", Some(1_250_000.0), Some(12)),
                result("a", "Onderwijs", None, None),
                result("a", "Investeringen", Some(2_500_000.0), Some(25)),
                result("in", "Handel", None, None),
                result("in", "Architectuur", None, None),
                result("old", "Investeringen", Some(9e6), Some(90)),
                result("other", "Investeringen", Some(1e6), Some(5)),
            ],
            ..Default::default()
        }
    }

    #[test]
    fn totals_count_only_the_partners_missions_in_the_period() {
        let model = model();
        let doc = report_doc("Hubei", date(2010, 1, 1), date(2018, 12, 31));
        let scope = Scope::of(&model, &doc);
        let ids: Vec<&str> = scope.missies.iter().map(|m| m.missie.as_str()).collect();
        assert_eq!(ids, ["a", "in", "b"]);
        assert_eq!((scope.uitgaand, scope.inkomend), (2, 1));
        assert_eq!(scope.investeringen, Totals { aantal: 2, bedrag: 3_750_000.0, banen: 37 });
        assert_eq!(scope.totaal.aantal, 5);
        let themes: Vec<&str> = scope.themas.iter().map(|t| t.thema.as_str()).collect();
        assert_eq!(themes, ["Investeringen", "Handel", "Onderwijs", "Architectuur"]);
    }

    #[test]
    fn report_prints_the_same_totals_everywhere() {
        let model = model();
        let doc = report_doc("Hubei", date(2010, 1, 1), date(2018, 12, 31));
        let scope = Scope::of(&model, &doc);
        let report = build(&model, &doc, &scope);
        assert_eq!(report.periode, "1 januari 2010 tot en met 31 december 2018");
        let figure =
            |label: &str| report.kerncijfers.iter().find(|f| f.label.starts_with(label)).unwrap().waarde.clone();
        assert_eq!(figure("Investeringsprojecten"), "2");
        assert_eq!(figure("Geïnvesteerd"), "€ 3,75 miljoen");
        assert_eq!(figure("Banen"), "37");
        let invest = &report.themas[0];
        assert_eq!(invest.kerncijfers, report.kerncijfers[3..].to_vec());
        assert_eq!(invest.tabel.totaal.as_deref().unwrap(), ["Totaal", "2 projecten", "", "€ 3.750.000", "37"]);
        assert_eq!(invest.tabel.rijen[0][..2], ["2015".to_string(), "Investeringen van a".into()]);
        // One bar group per year of the period; the 2009 mission is outside it.
        assert_eq!(report.missies_per_jaar.jaren, (2010..=2018).collect::<Vec<_>>());
        assert_eq!(report.missies_per_jaar.waarden[5], [1, 0]);
        assert_eq!(report.missies_per_jaar.waarden[6], [0, 1]);
        assert!(report.missies_per_jaar.alt.contains("2015: 1 uitgaand; 2016: 1 inkomend; 2018: 1 uitgaand"));
        assert_eq!(report.resultaten_per_jaar.max, 2);
        let titles: Vec<&str> = report.bijlagen.iter().map(|b| b.titel.as_str()).collect();
        assert_eq!(titles, ["Uitgaande delegaties", "Inkomende delegaties", "Resultaten per missie"]);
        assert_eq!(report.bijlagen[0].delen[0].tabel.rijen.len(), 2);
    }

    #[test]
    fn extra_sheet_cells_follow_dutch_style() {
        let cell = |v: Json, header: &str| format_cell(&v, header, Lang::Nl);
        assert_eq!(cell(Json::from(0.33), "FTE"), ("0,33".into(), true));
        // One rule for a dot: thousands only where it can be nothing else.
        assert_eq!(cell(Json::from("0.125"), "Aandeel"), ("0,125".into(), true));
        assert_eq!(cell(Json::from("1234.567"), "Afstand"), ("1.234,567".into(), true));
        assert_eq!(cell(Json::from("1.234"), "Aantal"), ("1.234".into(), true));
        assert_eq!(cell(Json::from("1.234,5"), "Aantal"), ("1.234,5".into(), true));
        assert_eq!(cell(Json::from(1135), "Werknemers"), ("1.135".into(), true));
        assert_eq!(cell(Json::from(15000), "Budget p.j."), ("€ 15.000".into(), true));
        assert_eq!(cell(Json::from("12.500"), "Budget"), ("€ 12.500".into(), true));
        assert_eq!(cell(Json::from("1234,5"), "Kosten (€)"), ("€ 1.234,50".into(), true));
        assert_eq!(cell(Json::from(2019), "Jaar"), ("2019".into(), true));
        assert_eq!(cell(Json::from("2019-11-17"), "Datum"), ("17 november 2019".into(), false));
        assert_eq!(cell(Json::from("± € 15.000"), "Budget"), ("± € 15.000".into(), false));
        assert_eq!(cell(Json::Null, "Budget"), (String::new(), false));
    }

    #[test]
    fn unplaced_parts_get_a_chapter_before_the_conclusion() {
        let model = model();
        let doc = report_doc("Hubei", date(2010, 1, 1), date(2018, 12, 31));
        let scope = Scope::of(&model, &doc);
        let report = build(&model, &doc, &scope);
        let mut nodes = crate::markdown::parse("# Inleiding\n\nTekst.\n\n# Conclusies\n\nGoed.\n");
        place_parts(&mut nodes, &report, Lang::Nl);
        let outline: Vec<String> = nodes
            .iter()
            .filter_map(|n| match n {
                Node::Heading { c, .. } => Some(plain(c)),
                Node::Onderdeel { naam, niveau } => Some(format!("{naam}@{niveau}")),
                _ => None,
            })
            .collect();
        assert_eq!(
            outline,
            [
                "Inleiding",
                "Resultaten per thema",
                "kerncijfers@2",
                "missies_per_jaar@2",
                "resultaten_per_jaar@2",
                "resultaten_per_thema@2",
                "Conclusies"
            ]
        );

        // A text that places every part keeps its own order.
        let mut placed = crate::markdown::parse(&format!(
            "# Resultaten\n{}{}{}{}",
            crate::markdown::part_marker("resultaten_per_thema"),
            crate::markdown::part_marker("kerncijfers"),
            crate::markdown::part_marker("missies_per_jaar"),
            crate::markdown::part_marker("resultaten_per_jaar"),
        ));
        crate::markdown::normalize_headings(&mut placed);
        let before = placed.clone();
        place_parts(&mut placed, &report, Lang::Nl);
        assert_eq!(placed, before);
        assert!(matches!(&placed[1], Node::Onderdeel { naam, niveau: 2 } if naam == "resultaten_per_thema"));
    }
}
