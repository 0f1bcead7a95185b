//! The appendices of a report: the outgoing and incoming delegations, the
//! results per mission, and every sheet outside the contract as a table
//! with its cells written the Dutch way.

use super::*;

pub(super) fn delegations(scope: &Scope, dir: Richting, lang: Lang) -> Appendix {
    let missions: Vec<&&Missie> = scope.missies.iter().filter(|m| m.richting == dir).collect();
    // Outgoing: where they went and who led; incoming: who led and why.
    let (titel, noun, columns) = match dir {
        Richting::Uitgaand => (
            lang.pick("Uitgaande delegaties", "Outgoing delegations"),
            (["uitgaande missie", "uitgaande missies"], ["outgoing mission", "outgoing missions"]),
            [lang.pick("Missie", "Mission"), lang.pick("Bestemming", "Destination"), lang.pick("Leiding", "Led by")],
        ),
        Richting::Inkomend => (
            lang.pick("Inkomende delegaties", "Incoming delegations"),
            (["inkomende delegatie", "inkomende delegaties"], ["incoming delegation", "incoming delegations"]),
            [lang.pick("Delegatie", "Delegation"), lang.pick("Leiding", "Led by"), lang.pick("Doel", "Purpose")],
        ),
    };
    let inleiding = format!(
        "{} {}",
        count(missions.len(), noun, lang),
        lang.pick("in de periode, op datum.", "in the period, by date.")
    );
    let kolommen = [lang.pick("Datum", "Date"), columns[0], columns[1], columns[2]];
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

pub(super) fn results_per_mission(scope: &Scope, lang: Lang) -> Appendix {
    let with_amounts = scope.resultaten.iter().any(|r| r.bedrag.is_some() || r.banen.is_some());
    let mut kolommen = vec![
        lang.pick("Thema", "Theme").to_string(),
        lang.pick("Resultaat", "Result").into(),
        lang.pick("Soort", "Kind").into(),
    ];
    if with_amounts {
        kolommen.push(lang.pick("Bedrag", "Amount").into());
        kolommen.push(lang.pick("Banen", "Jobs").into());
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
        lang.pick("van", "of"),
        count(delen.len(), MISSIONS, lang),
        lang.pick("per missie in de volgorde van de missies.", "per mission in order of date.")
    );
    Appendix { titel: lang.pick("Resultaten per missie", "Results per mission").into(), inleiding, delen }
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
/// number. Text prints exactly as typed (a telephone number `0612345678`,
/// a KvK number `01234567`, `007`); number cells follow Dutch style
/// (`0,33`, `1.135`, `€ 15.000` in an amount column, a year or code
/// without separators), date cells are written out.
pub fn format_cell(value: &TableCell, header: &str, lang: Lang) -> (String, bool) {
    let n = match value {
        TableCell::Empty => return (String::new(), false),
        // Text that reads as a figure still aligns as one.
        TableCell::Text(s) => {
            let figure = s.bytes().any(|b| b.is_ascii_digit())
                && s.bytes().all(|b| b.is_ascii_digit() || matches!(b, b'.' | b',' | b'-' | b' ' | b'%'));
            return (s.clone(), figure);
        }
        TableCell::Date(date) => return (format_date(*date, lang), false),
        TableCell::Bool(b) => {
            return (lang.pick(if *b { "ja" } else { "nee" }, if *b { "yes" } else { "no" }).into(), false);
        }
        TableCell::Number(n) => *n,
    };
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

pub(super) fn sheet_appendix(table: &Table, lang: Lang) -> Appendix {
    let mut numbers = vec![0usize; table.sleutels.len()];
    let mut filled = vec![0usize; table.sleutels.len()];
    let rijen = table
        .cellen
        .iter()
        .map(|row| {
            row.iter()
                .zip(&table.kolommen)
                .enumerate()
                .map(|(i, (cell, header))| {
                    let (text, is_number) = format_cell(cell, header, lang);
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
        lang.pick("Het blad", "The sheet"),
        table.naam,
        lang.pick("uit de gegevens", "from the data"),
        count(table.cellen.len(), (["rij", "rijen"], ["row", "rows"]), lang)
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
