//! Dutch value notations read: dates, amounts and whole numbers as people
//! type them, and the keys under which sheet and column names match.
//!
//! Every parser returns a [`NotationError`] that says why a value was refused,
//! so the caller can name file, sheet, row and column around it.

use chrono::{Datelike, NaiveDate};

use crate::lang::{Lang, MONTHS_EN, MONTHS_NL};

/// Why a value could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NotationError {
    /// The text has the shape of a date, but that day does not exist.
    NoSuchDate(String),
    /// The text is not a date in any notation we accept.
    NotADate(String),
    /// A date, but outside the years a mission or letter can have ([`YEARS`]).
    OutOfRange(String),
    /// A date whose year has two digits: which century is a guess.
    ShortYear(String),
    /// The text is not an amount in any notation we accept.
    NotAnAmount(String),
    /// The text is not a whole number.
    NotAWholeNumber(String),
    /// An amount that reads two ways (`1,234`: one euro and some, or a
    /// thousand and more as English notation writes it).
    Ambiguous(String),
    /// A number too big to be held exactly ([`MAX_NUMBER`] and up): what
    /// would be printed is not what was written.
    TooLarge(String),
}

impl NotationError {
    /// Why the value was refused, in `lang`.
    pub fn message(&self, lang: Lang) -> String {
        match self {
            Self::NoSuchDate(v) => crate::tr!(lang, "`{v}` is geen bestaande datum", "`{v}` is not an existing date"),
            Self::NotADate(v) => crate::tr!(lang, "`{v}` is geen datum", "`{v}` is not a date"),
            Self::OutOfRange(v) => crate::tr!(
                lang,
                "`{v}` ligt buiten de jaren {}–{}",
                "`{v}` lies outside the years {}–{}",
                YEARS.start(),
                YEARS.end()
            ),
            Self::NotAnAmount(v) => crate::tr!(lang, "`{v}` is geen bedrag", "`{v}` is not an amount"),
            Self::NotAWholeNumber(v) => crate::tr!(lang, "`{v}` is geen geheel getal", "`{v}` is not a whole number"),
            Self::Ambiguous(v) => crate::tr!(
                lang,
                "`{v}` leest op twee manieren: als duizend en meer (Engelse schrijfwijze) of als een bedrag met drie cijfers achter de komma",
                "`{v}` reads two ways: as a thousand and more (English notation) or as an amount with three digits after the decimal comma"
            ),
            Self::ShortYear(v) => crate::tr!(
                lang,
                "`{v}` heeft een jaar van twee cijfers; welke eeuw bedoeld is, is een gok",
                "`{v}` has a two-digit year; which century is meant would be a guess"
            ),
            Self::TooLarge(v) => {
                crate::tr!(lang, "`{v}` is te groot om exact te lezen", "`{v}` is too large to be read exactly")
            }
        }
    }

    /// A hint showing the notations that are accepted, in `lang`.
    pub fn hint(&self, lang: Lang) -> String {
        match self {
            Self::ShortYear(_) => crate::tr!(
                lang,
                "schrijf het jaar voluit, zoals 22-11-2022",
                "write the year in full, such as 22-11-2022"
            ),
            Self::TooLarge(_) => crate::tr!(
                lang,
                "controleer de waarde: getallen vanaf 1.000.000.000.000.000 (15 cijfers) worden niet gelezen",
                "check the value: numbers from 1,000,000,000,000,000 (15 digits) on are not read"
            ),
            Self::NoSuchDate(_) | Self::NotADate(_) | Self::OutOfRange(_) => crate::tr!(
                lang,
                "schrijf een datum als 22-11-2022, 22 november 2022 of 2022-11-22",
                "write a date as 22-11-2022, 22 november 2022 or 2022-11-22"
            ),
            Self::NotAnAmount(_) => crate::tr!(
                lang,
                "schrijf een bedrag als 17560000, € 17.560.000, 1.234,56 of 12 mln",
                "write an amount as 17560000, € 17.560.000, 1.234,56 or 12 mln"
            ),
            Self::Ambiguous(v) => {
                let thousands = v.replace(',', ".");
                crate::tr!(
                    lang,
                    "schrijf {thousands} of {} voor het duizendtal, of een bedrag met twee cijfers achter de komma, zoals 1,23",
                    "write {thousands} or {} for the thousands, or an amount with two decimals, such as 1,23",
                    v.replace(',', "")
                )
            }
            Self::NotAWholeNumber(_) => {
                crate::tr!(
                    lang,
                    "schrijf een geheel getal, zoals 12 of 1.135",
                    "write a whole number, such as 12 or 1.135"
                )
            }
        }
    }
}

/// The years a date in the data may have; anything else is a typing or
/// formatting slip (a serial number read as a date, a year typed short).
pub const YEARS: std::ops::RangeInclusive<i32> = 1900..=2200;

/// Checks that a date lies in [`YEARS`]; `shown` is the value as written
/// (put into words only for the error).
///
/// ```
/// use chrono::NaiveDate;
/// use missiedocs::input::notation::in_range;
/// assert!(in_range(NaiveDate::from_ymd_opt(1899, 12, 25).unwrap(), "-5").is_err());
/// assert!(in_range(NaiveDate::from_ymd_opt(2022, 11, 22).unwrap(), "44887").is_ok());
/// ```
pub fn in_range(date: NaiveDate, shown: impl std::fmt::Display) -> Result<NaiveDate, NotationError> {
    if YEARS.contains(&date.year()) { Ok(date) } else { Err(NotationError::OutOfRange(shown.to_string())) }
}

/// Converts an Excel serial day number (1900 date system) to a date.
///
/// ```
/// use missiedocs::input::notation::excel_serial_date;
/// assert_eq!(excel_serial_date(44887.0).unwrap().to_string(), "2022-11-22");
/// ```
pub fn excel_serial_date(serial: f64) -> Option<NaiveDate> {
    // Serial 60 is Excel's fictitious 29 February 1900; 1899-12-30 as the
    // epoch makes every serial from 61 on right, which covers every real date.
    if !serial.is_finite() || !(1.0..2_958_466.0).contains(&serial) {
        return None;
    }
    let epoch = NaiveDate::from_ymd_opt(1899, 12, 30)?;
    epoch.checked_add_days(chrono::Days::new(serial.floor() as u64))
}

/// Reads a date as people type it.
///
/// Accepted: `22-11-2022`, `22/11/2022`, `22.11.2022`, `22 november 2022`,
/// `22 nov. 2022`, `2022-11-22` (also with a time after it, as ODS stores
/// dates), `November 22, 2022`, and an Excel serial number such as `44887`.
///
/// ```
/// use missiedocs::input::notation::parse_date;
/// for text in ["22-11-2022", "22 november 2022", "2022-11-22", "22/11/2022", "44887"] {
///     assert_eq!(parse_date(text).unwrap().to_string(), "2022-11-22");
/// }
/// assert!(parse_date("31-02-2019").is_err());
/// ```
pub fn parse_date(text: &str) -> Result<NaiveDate, NotationError> {
    let raw = text.trim();
    let not_a_date = || NotationError::NotADate(raw.to_string());
    if raw.is_empty() {
        return Err(not_a_date());
    }
    // An Excel serial number typed or stored as text.
    // Five digits only: a bare year such as `2019` is not a serial number.
    if raw.bytes().all(|b| b.is_ascii_digit()) && raw.len() == 5 {
        let serial: f64 = raw.parse().map_err(|_| not_a_date())?;
        return excel_serial_date(serial).ok_or_else(not_a_date).and_then(|d| in_range(d, raw));
    }
    // ISO: 2022-11-22, optionally followed by a time (ODS, CSV exports).
    let iso = raw.split(['T', ' ']).next().unwrap_or(raw);
    if let Some((y, m, d)) = split3(iso, &['-'])
        && y.len() == 4
    {
        return ymd(raw, y, m, d);
    }
    // Numeric day-first: 22-11-2022, 22/11/2022, 22.11.2022; not 22-11-22.
    if let Some((d, m, y)) = split3(raw, &['-', '/', '.']) {
        return match y.len() {
            4 => ymd(raw, y, m, d),
            2 => Err(NotationError::ShortYear(raw.to_string())),
            _ => Err(not_a_date()),
        };
    }
    // Words: 22 november 2022, 22 nov. 2022, November 22, 2022.
    let words: Vec<String> = raw
        .split(|c: char| c.is_whitespace() || c == ',')
        .filter(|w| !w.is_empty())
        .map(|w| w.trim_end_matches('.').to_lowercase())
        .collect();
    let (d, m, y) = match words.as_slice() {
        [d, m, y] if d.chars().all(|c| c.is_ascii_digit()) => (d, m, y),
        [m, d, y] if d.chars().all(|c| c.is_ascii_digit()) => (d, m, y),
        [_weekday, d, m, y] if d.chars().all(|c| c.is_ascii_digit()) => (d, m, y),
        _ => return Err(not_a_date()),
    };
    let month = month_number(m).ok_or_else(not_a_date)?;
    ymd(raw, y, &month.to_string(), d)
}

fn split3<'a>(text: &'a str, seps: &[char]) -> Option<(&'a str, &'a str, &'a str)> {
    let mut parts = text.split(|c| seps.contains(&c));
    let (a, b, c) = (parts.next()?, parts.next()?, parts.next()?);
    let numeric = |s: &str| !s.is_empty() && s.len() <= 4 && s.bytes().all(|b| b.is_ascii_digit());
    (parts.next().is_none() && numeric(a) && numeric(b) && numeric(c)).then_some((a, b, c))
}

fn ymd(raw: &str, y: &str, m: &str, d: &str) -> Result<NaiveDate, NotationError> {
    let (Ok(y), Ok(m), Ok(d)) = (y.parse::<i32>(), m.parse::<u32>(), d.parse::<u32>()) else {
        return Err(NotationError::NotADate(raw.to_string()));
    };
    if !(1..=12).contains(&m) || !(1..=31).contains(&d) || !(1000..=9999).contains(&y) {
        return Err(NotationError::NotADate(raw.to_string()));
    }
    let date = NaiveDate::from_ymd_opt(y, m, d).ok_or_else(|| NotationError::NoSuchDate(raw.to_string()))?;
    in_range(date, raw)
}

fn month_number(word: &str) -> Option<u32> {
    let word = word.to_lowercase();
    if word.len() < 3 {
        return None;
    }
    let find = |names: &[&str; 12]| names.iter().position(|name| name.to_lowercase().starts_with(&word));
    // "mrt" and "okt" are the usual Dutch abbreviations that are no prefix.
    let special = match word.as_str() {
        "mrt" => Some(2),
        "okt" => Some(9),
        "mei" => Some(4),
        _ => None,
    };
    special.or_else(|| find(&MONTHS_NL)).or_else(|| find(&MONTHS_EN)).map(|i| i as u32 + 1)
}

/// Reads an amount in euros as people type it.
///
/// Accepted: plain numbers (`17560000`, `1234.56`), Dutch notation with
/// thousands dots and a decimal comma (`€ 17.560.000`, `1.234,56`,
/// `€ 17.560.000,-`), and multipliers (`12 mln`, `€ 1,5 miljoen`, `2 mld`,
/// `15k`, `3 duizend`). A single comma followed by exactly three digits
/// (`1,234`) reads two ways and is refused. A single dot is a thousands separator when it can
/// only be one (one to three digits not starting with `0`, then exactly
/// three: `1.234` is 1234, as Dutch spreadsheets write it); otherwise it is
/// a decimal point (`0.125`, `1234.567`, `1.5`).
///
/// ```
/// use missiedocs::input::notation::parse_amount;
/// assert_eq!(parse_amount("€ 17.560.000").unwrap(), 17_560_000.0);
/// assert_eq!(parse_amount("1.234,56").unwrap(), 1234.56);
/// assert_eq!(parse_amount("12 mln").unwrap(), 12_000_000.0);
/// assert_eq!(parse_amount("1.234").unwrap(), 1234.0);
/// assert_eq!(parse_amount("0.125").unwrap(), 0.125);
/// assert_eq!(parse_amount("1234.567").unwrap(), 1234.567);
/// assert!(parse_amount("ca. twaalf miljoen").is_err());
/// // Read two ways: a thousand and more, or one euro and a bit.
/// assert!(parse_amount("1,234").is_err() && parse_amount("€ 2,500").is_err());
/// assert_eq!(parse_amount("1,5 mln").unwrap(), 1_500_000.0);
/// ```
pub fn parse_amount(text: &str) -> Result<f64, NotationError> {
    let raw = text.trim();
    let err = || NotationError::NotAnAmount(raw.to_string());
    let mut s = raw.to_lowercase();
    for prefix in ["eur", "€"] {
        if let Some(rest) = s.trim_start().strip_prefix(prefix) {
            s = rest.to_string();
        }
    }
    let s = s.trim().trim_end_matches(",-").trim_end_matches(",--").trim_end_matches("€");
    let s = s.trim_end_matches("eur").trim();
    // Split off a multiplier word at the end.
    let (number, factor) = split_multiplier(s).ok_or_else(err)?;
    // `1,234`: a Dutch decimal comma with three decimals (no amount has
    // them), or an English thousands comma. Either reading is a guess.
    let digits = number.trim_start_matches('-');
    if let Some((int, frac)) = digits.split_once(',')
        && (1..=3).contains(&int.len())
        && !int.starts_with('0')
        && frac.len() == 3
        && int.bytes().chain(frac.bytes()).all(|b| b.is_ascii_digit())
    {
        return Err(NotationError::Ambiguous(raw.to_string()));
    }
    let value = parse_decimal(number).ok_or_else(err)?;
    let value = value * factor;
    if !value.is_finite() {
        return Err(err());
    }
    exact(value, raw)
}

/// Numbers from this size on are refused: an `f64` holds every whole
/// number only up to 2^53 (about 9 × 10^15), and spreadsheets keep 15
/// significant digits, so a bigger value would print as something other
/// than what was written.
pub const MAX_NUMBER: f64 = 1e15;

/// The number, if it is small enough to be held exactly ([`MAX_NUMBER`]);
/// `shown` is the value as written.
pub fn exact(value: f64, shown: impl std::fmt::Display) -> Result<f64, NotationError> {
    if value.abs() < MAX_NUMBER { Ok(value) } else { Err(NotationError::TooLarge(shown.to_string())) }
}

fn split_multiplier(s: &str) -> Option<(&str, f64)> {
    const WORDS: [(&str, f64); 9] = [
        ("miljard", 1e9),
        ("mld", 1e9),
        ("miljoen", 1e6),
        ("mln", 1e6),
        ("mio", 1e6),
        ("m", 1e6),
        ("duizend", 1e3),
        ("k", 1e3),
        ("", 1.0),
    ];
    for (word, factor) in WORDS {
        if let Some(number) = s.strip_suffix(word) {
            let number = number.trim().trim_end_matches('.').trim();
            if !number.is_empty() && number.ends_with(|c: char| c.is_ascii_digit()) {
                return Some((number, factor));
            }
        }
    }
    None
}

/// Reads a decimal number in Dutch or plain notation.
fn parse_decimal(s: &str) -> Option<f64> {
    let s: String = s.chars().filter(|c| !matches!(c, ' ' | '\u{a0}' | '\u{202f}' | '\'')).collect();
    let (negative, s) = match s.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, s.as_str()),
    };
    if s.is_empty() || !s.bytes().all(|b| b.is_ascii_digit() || b == b'.' || b == b',') {
        return None;
    }
    let dots = s.matches('.').count();
    let commas = s.matches(',').count();
    let plain = match (dots, commas) {
        (0, 0) => s.to_string(),
        // 1,5 or 1.234.567,89 — Dutch.
        (_, 1) if s.rfind(',') > s.rfind('.') || dots == 0 => {
            let (int, frac) = s.split_once(',')?;
            grouped(int, '.')?;
            format!("{}.{frac}", int.replace('.', ""))
        }
        // 1,234,567.89 — English.
        (1, _) if commas > 0 => {
            let (int, frac) = s.split_once('.')?;
            grouped(int, ',')?;
            format!("{}.{frac}", int.replace(',', ""))
        }
        // 17.560.000 — Dutch thousands.
        (_, 0) if dots > 1 => {
            grouped(s, '.')?;
            s.replace('.', "")
        }
        // One dot: thousands when it could only be Dutch grouping (one to
        // three digits, not starting with 0, then exactly three), else a
        // decimal point: `1.234` is 1234, `0.125` and `1234.567` are decimals.
        (1, 0) => {
            let (int, frac) = s.split_once('.')?;
            let group = (1..=3).contains(&int.len()) && !int.starts_with('0');
            if frac.len() == 3 && group { format!("{int}{frac}") } else { s.to_string() }
        }
        _ => return None,
    };
    if plain.starts_with('.') || plain.ends_with('.') {
        return None;
    }
    let value: f64 = plain.parse().ok()?;
    Some(if negative { -value } else { value })
}

/// Checks digit groups of three after a first group of one to three digits.
fn grouped(int: &str, sep: char) -> Option<()> {
    let mut groups = int.split(sep);
    let first = groups.next()?;
    let rest: Vec<&str> = groups.collect();
    let ok = !first.is_empty() && (rest.is_empty() || first.len() <= 3) && rest.iter().all(|g| g.len() == 3);
    ok.then_some(())
}

/// Reads a whole number (`12`, `1.135`, `12,0`).
///
/// ```
/// use missiedocs::input::notation::parse_whole;
/// assert_eq!(parse_whole("1.135").unwrap(), 1135);
/// assert!(parse_whole("twaalf").is_err());
/// ```
pub fn parse_whole(text: &str) -> Result<i64, NotationError> {
    let raw = text.trim();
    let err = || NotationError::NotAWholeNumber(raw.to_string());
    let value = parse_decimal(raw).ok_or_else(err)?;
    if value.fract() != 0.0 {
        return Err(err());
    }
    exact(value, raw).map(|value| value as i64)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn dates_in_every_notation() {
        let cases = [
            ("22-11-2022", d(2022, 11, 22)),
            ("22/11/2022", d(2022, 11, 22)),
            ("22.11.2022", d(2022, 11, 22)),
            ("2-3-2019", d(2019, 3, 2)),
            ("2022-11-22", d(2022, 11, 22)),
            ("2022-11-22T00:00:00", d(2022, 11, 22)),
            ("2022-11-22 00:00:00", d(2022, 11, 22)),
            ("22 november 2022", d(2022, 11, 22)),
            ("22 November 2022", d(2022, 11, 22)),
            ("22 nov. 2022", d(2022, 11, 22)),
            ("1 mrt 2019", d(2019, 3, 1)),
            ("3 okt 2019", d(2019, 10, 3)),
            ("7 mei 2016", d(2016, 5, 7)),
            ("dinsdag 22 november 2022", d(2022, 11, 22)),
            ("November 22, 2022", d(2022, 11, 22)),
            ("44887", d(2022, 11, 22)),
            ("  13-9-2012 ", d(2012, 9, 13)),
        ];
        for (text, want) in cases {
            assert_eq!(parse_date(text), Ok(want), "{text}");
        }
    }

    #[test]
    fn impossible_and_foreign_dates_are_refused() {
        assert_eq!(parse_date("31-02-2019"), Err(NotationError::NoSuchDate("31-02-2019".into())));
        for text in ["", "morgen", "13-13-2019", "2019", "22 brumaire 2022", "1-2", "22-11-2022-1"] {
            assert!(parse_date(text).is_err(), "{text}");
        }
        assert_eq!(parse_date("31-02-2019").unwrap_err().message(Lang::Nl), "`31-02-2019` is geen bestaande datum");
        // Which century a two-digit year means is not ours to guess.
        for text in ["08-10-99", "1-1-50", "22/11/22"] {
            assert_eq!(parse_date(text), Err(NotationError::ShortYear(text.into())), "{text}");
        }
        assert_eq!(parse_date("08-10-99").unwrap_err().hint(Lang::Nl), "schrijf het jaar voluit, zoals 22-11-2022");
    }

    #[test]
    fn amounts_in_every_notation() {
        let cases = [
            ("17560000", 17_560_000.0),
            ("€ 17.560.000", 17_560_000.0),
            ("€17.560.000,-", 17_560_000.0),
            ("EUR 17.560.000", 17_560_000.0),
            ("1.234,56", 1234.56),
            ("1234,56", 1234.56),
            ("1234.56", 1234.56),
            ("1,234,567.89", 1_234_567.89),
            ("1.234", 1234.0),
            ("12 mln", 12_000_000.0),
            ("€ 1,5 miljoen", 1_500_000.0),
            ("2 mld", 2_000_000_000.0),
            ("15k", 15_000.0),
            ("3 duizend", 3000.0),
            ("-250", -250.0),
            ("0", 0.0),
            ("1 000 000", 1_000_000.0),
        ];
        for (text, want) in cases {
            assert_eq!(parse_amount(text), Ok(want), "{text}");
        }
    }

    #[test]
    fn non_amounts_are_refused() {
        for text in ["", "ca. twaalf miljoen", "€", "12,34,56", "1.23.4", "n.v.t.", "mln", ".5."] {
            assert!(parse_amount(text).is_err(), "{text}");
        }
        assert_eq!(
            parse_amount("ca. twaalf miljoen").unwrap_err().message(Lang::Nl),
            "`ca. twaalf miljoen` is geen bedrag"
        );
        // Too big to hold exactly: printed, it would not be what was written.
        for text in ["99999999999999999999999999", "1.000.000.000.000.000", "-2000000 mld", "1000000 mld"] {
            assert_eq!(parse_amount(text), Err(NotationError::TooLarge(text.into())), "{text}");
        }
        assert_eq!(parse_amount("999.999.999.999.999"), Ok(999_999_999_999_999.0));
    }

    #[test]
    fn whole_numbers() {
        assert_eq!(parse_whole("12"), Ok(12));
        assert_eq!(parse_whole("1.135"), Ok(1135));
        assert_eq!(parse_whole("12,0"), Ok(12));
        assert!(parse_whole("12,5").is_err());
        assert!(parse_whole("veel").is_err());
        assert_eq!(parse_whole("9007199254740993"), Err(NotationError::TooLarge("9007199254740993".into())));
    }
}
