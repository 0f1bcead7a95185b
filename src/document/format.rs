//! Values written out for people: dates (`22 november 2022`), spans of
//! days, numbers and amounts the Dutch (or English) way.

use chrono::{Datelike, NaiveDate};

use crate::lang::{Lang, MONTHS_EN, MONTHS_NL};

/// Formats a date: `22 november 2022` (or `22 November 2022` in English).
///
/// ```
/// use missiedocs::document::format::format_date;
/// use missiedocs::lang::Lang;
/// let d = chrono::NaiveDate::from_ymd_opt(2022, 11, 22).unwrap();
/// assert_eq!(format_date(d, Lang::Nl), "22 november 2022");
/// ```
pub fn format_date(date: NaiveDate, lang: Lang) -> String {
    let month = date.month0() as usize;
    let name = match lang {
        Lang::Nl => MONTHS_NL[month],
        Lang::En => MONTHS_EN[month],
    };
    format!("{} {name} {}", date.day(), date.year())
}

/// Formats a span of days: `17–23 november 2019`, `28 november – 2 december
/// 2019`, or a single date when there is no end.
///
/// ```
/// use chrono::NaiveDate;
/// use missiedocs::document::format::format_span;
/// use missiedocs::lang::Lang;
/// let d = |m, day| NaiveDate::from_ymd_opt(2019, m, day).unwrap();
/// assert_eq!(format_span(d(11, 17), Some(d(11, 23)), Lang::Nl), "17–23 november 2019");
/// assert_eq!(format_span(d(11, 28), Some(d(12, 2)), Lang::Nl), "28 november – 2 december 2019");
/// assert_eq!(format_span(d(6, 8), None, Lang::En), "8 June 2019");
/// ```
pub fn format_span(begin: NaiveDate, end: Option<NaiveDate>, lang: Lang) -> String {
    let Some(end) = end.filter(|e| *e > begin) else { return format_date(begin, lang) };
    let full = format_date(end, lang);
    if begin.year() != end.year() {
        format!("{} – {full}", format_date(begin, lang))
    } else if begin.month() != end.month() {
        let start = format_date(begin, lang);
        let start = start.rsplit_once(' ').map_or(start.as_str(), |(dm, _)| dm);
        format!("{start} – {full}")
    } else {
        format!("{}–{full}", begin.day())
    }
}

/// Formats a number with thousands separators and up to `decimals` decimals
/// (trailing zeros dropped): `1.135`, `0,33`, `17.560.000`.
///
/// ```
/// use missiedocs::document::format::format_number;
/// use missiedocs::lang::Lang;
/// assert_eq!(format_number(1135.0, 2, Lang::Nl), "1.135");
/// assert_eq!(format_number(0.333, 2, Lang::Nl), "0,33");
/// assert_eq!(format_number(1234.5, 2, Lang::En), "1,234.5");
/// ```
pub fn format_number(value: f64, decimals: usize, lang: Lang) -> String {
    format_fixed(value, decimals, lang, true)
}

/// Formats with exactly `decimals` decimals, in the language's notation.
///
/// ```
/// use missiedocs::document::format::format_exact;
/// use missiedocs::lang::Lang;
/// assert_eq!(format_exact(120.0, 1, Lang::Nl), "120,0");
/// assert_eq!(format_exact(1234.56, 1, Lang::En), "1,234.6");
/// ```
pub fn format_exact(value: f64, decimals: usize, lang: Lang) -> String {
    format_fixed(value, decimals, lang, false)
}

/// Formats with exactly `decimals` decimals, or up to them when `trim`.
fn format_fixed(value: f64, decimals: usize, lang: Lang, trim: bool) -> String {
    let (thousands, decimal) = match lang {
        Lang::Nl => ('.', ','),
        Lang::En => (',', '.'),
    };
    let fixed = format!("{:.*}", decimals, value.abs());
    let (int, frac) = fixed.split_once('.').unwrap_or((&fixed, ""));
    let frac = if trim { frac.trim_end_matches('0') } else { frac };
    let mut out = String::new();
    if value < 0.0 && fixed.bytes().any(|b| b.is_ascii_digit() && b != b'0') {
        out.push('-');
    }
    for (i, c) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            out.push(thousands);
        }
        out.push(c);
    }
    if !frac.is_empty() {
        out.push(decimal);
        out.push_str(frac);
    }
    out
}

/// How an amount is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AmountStyle {
    /// Every euro: `€ 17.560.000`, cents when there are any: `€ 1.234,56`.
    Full,
    /// Rounded to millions: `€ 17,56 miljoen`.
    Millions,
    /// Millions from one million on, full below it.
    Auto,
}

/// Formats an amount in euros.
///
/// ```
/// use missiedocs::document::format::{format_amount, AmountStyle};
/// use missiedocs::lang::Lang;
/// assert_eq!(format_amount(17_560_000.0, AmountStyle::Full, Lang::Nl), "€ 17.560.000");
/// assert_eq!(format_amount(17_560_000.0, AmountStyle::Millions, Lang::Nl), "€ 17,56 miljoen");
/// assert_eq!(format_amount(1234.5, AmountStyle::Full, Lang::Nl), "€ 1.234,50");
/// ```
pub fn format_amount(value: f64, style: AmountStyle, lang: Lang) -> String {
    let millions = match style {
        AmountStyle::Full => false,
        AmountStyle::Millions => true,
        AmountStyle::Auto => value.abs() >= 1e6,
    };
    if millions {
        let word = match lang {
            Lang::Nl => "miljoen",
            Lang::En => "million",
        };
        return format!("€ {} {word}", format_number(value / 1e6, 2, lang));
    }
    let cents = (value * 100.0).round() % 100.0 != 0.0;
    format!("€ {}", format_fixed(value, if cents { 2 } else { 0 }, lang, false))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn formatting() {
        assert_eq!(format_date(d(2019, 6, 8), Lang::Nl), "8 juni 2019");
        assert_eq!(format_date(d(2019, 6, 8), Lang::En), "8 June 2019");
        assert_eq!(format_number(1135.0, 0, Lang::Nl), "1.135");
        assert_eq!(format_number(-1234567.891, 2, Lang::Nl), "-1.234.567,89");
        assert_eq!(format_number(-0.001, 2, Lang::Nl), "0");
        assert_eq!(format_number(100.0, 2, Lang::Nl), "100");
        assert_eq!(format_amount(17_560_000.0, AmountStyle::Full, Lang::Nl), "€ 17.560.000");
        assert_eq!(format_amount(17_560_000.0, AmountStyle::Auto, Lang::Nl), "€ 17,56 miljoen");
        assert_eq!(format_amount(950_000.0, AmountStyle::Auto, Lang::Nl), "€ 950.000");
        assert_eq!(format_amount(1234.5, AmountStyle::Full, Lang::En), "€ 1,234.50");
        assert_eq!(format_amount(2_000_000.0, AmountStyle::Millions, Lang::En), "€ 2 million");
    }
}
