//! What the archive needs to know of a document (MDTO, Archiefwet): its
//! appraisal (`waardering`), how long it is kept (`bewaartermijn`) and
//! whether it may be seen (`openbaarheid`) — three optional columns of
//! `Documenten`, read as people write them.

use chrono::{Months, NaiveDate};
use serde::{Serialize, Serializer};

/// The appraisal of a document (MDTO's Begrippenlijst Waarderingen).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Waardering {
    /// Blijvend te bewaren (B): goes to the archive for good.
    Blijvend,
    /// Tijdelijk te bewaren (V): destroyed after its retention period.
    Tijdelijk,
    /// Nader te bepalen (N): not yet appraised — the default.
    NaderTeBepalen,
}

impl Waardering {
    /// Reads a cell: the code (`B`, `V`, `N`) or the words, any case.
    pub fn parse(given: &str) -> Option<Self> {
        match given.trim().to_lowercase().as_str() {
            "b" | "blijvend" | "blijvend te bewaren" | "bewaren" | "permanent" => Some(Self::Blijvend),
            "v" | "vernietigen" | "tijdelijk" | "tijdelijk te bewaren" | "temporary" => Some(Self::Tijdelijk),
            "n" | "nader te bepalen" | "to be determined" => Some(Self::NaderTeBepalen),
            _ => None,
        }
    }

    /// Its label and code in MDTO's list.
    pub fn label_code(self) -> (&'static str, &'static str) {
        match self {
            Self::Blijvend => ("Blijvend te bewaren", "B"),
            Self::Tijdelijk => ("Tijdelijk te bewaren", "V"),
            Self::NaderTeBepalen => ("Nader te bepalen", "N"),
        }
    }
}

impl Serialize for Waardering {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.label_code().0)
    }
}

/// A retention period: a number of years or months.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Termijn {
    /// How many.
    pub count: u32,
    /// Of months (else years).
    pub months: bool,
}

/// The longest period read (in years); longer is a typing error.
const MOST_YEARS: u32 = 500;

impl Termijn {
    /// Reads a cell: `10 jaar`, `10`, `6 maanden`, `P10Y`, `P6M`.
    pub fn parse(given: &str) -> Option<Self> {
        let text = given.trim().to_lowercase();
        let (number, unit) = match text.strip_prefix('p') {
            Some(iso) => iso.split_at(iso.find(|c: char| !c.is_ascii_digit())?),
            None => text.split_at(text.find(|c: char| !c.is_ascii_digit()).unwrap_or(text.len())),
        };
        let count: u32 = number.parse().ok().filter(|&n| n > 0)?;
        let months = match unit.trim() {
            "" | "y" | "j" | "jr" | "jaar" | "jaren" | "year" | "years" => false,
            "m" | "mnd" | "maand" | "maanden" | "month" | "months" => true,
            _ => return None,
        };
        let limit = if months { MOST_YEARS * 12 } else { MOST_YEARS };
        (count <= limit).then_some(Self { count, months })
    }

    /// As an XML Schema duration (`P10Y`, `P6M`).
    pub fn duration(self) -> String {
        format!("P{}{}", self.count, if self.months { 'M' } else { 'Y' })
    }

    /// The day the period ends when it starts on `start`.
    pub fn end(self, start: NaiveDate) -> Option<NaiveDate> {
        let months = if self.months { self.count } else { self.count * 12 };
        start.checked_add_months(Months::new(months))
    }
}

impl Serialize for Termijn {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.duration())
    }
}

/// Whether a document may be seen (the `openbaarheid` column); a
/// document that is not public is never published under `--woo`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Openbaarheid {
    /// Public: the default.
    #[default]
    Openbaar,
    /// Restricted.
    BeperktOpenbaar,
    /// Not public.
    NietOpenbaar,
}

impl Openbaarheid {
    /// Reads a cell, any case.
    pub fn parse(given: &str) -> Option<Self> {
        match given.trim().to_lowercase().as_str() {
            "openbaar" | "public" => Some(Self::Openbaar),
            "beperkt openbaar" | "beperkt" | "restricted" => Some(Self::BeperktOpenbaar),
            "niet openbaar" | "niet-openbaar" | "geheim" | "not public" => Some(Self::NietOpenbaar),
            _ => None,
        }
    }

    /// Its label.
    pub fn label(self) -> &'static str {
        match self {
            Self::Openbaar => "Openbaar",
            Self::BeperktOpenbaar => "Beperkt openbaar",
            Self::NietOpenbaar => "Niet openbaar",
        }
    }

    /// Whether the document may be published.
    pub fn public(self) -> bool {
        self == Self::Openbaar
    }
}

impl Serialize for Openbaarheid {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.label())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn appraisals_by_code_or_words() {
        assert_eq!(Waardering::parse(" b "), Some(Waardering::Blijvend));
        assert_eq!(Waardering::parse("Tijdelijk te bewaren"), Some(Waardering::Tijdelijk));
        assert_eq!(Waardering::parse("N"), Some(Waardering::NaderTeBepalen));
        assert_eq!(Waardering::parse("misschien"), None);
    }

    #[test]
    fn periods_as_people_write_them() {
        let years = |count| Some(Termijn { count, months: false });
        assert_eq!(Termijn::parse("10 jaar"), years(10));
        assert_eq!(Termijn::parse("10"), years(10));
        assert_eq!(Termijn::parse("P7Y"), years(7));
        assert_eq!(Termijn::parse("6 maanden"), Some(Termijn { count: 6, months: true }));
        assert_eq!(Termijn::parse("p18m").unwrap().duration(), "P18M");
        for wrong in ["", "0 jaar", "tien jaar", "10 weken", "-5", "P", "1,5 jaar", "501 jaar", "99999999999"] {
            assert_eq!(Termijn::parse(wrong), None, "{wrong}");
        }
        let start = NaiveDate::from_ymd_opt(2024, 2, 29).unwrap();
        assert_eq!(years(1).unwrap().end(start), NaiveDate::from_ymd_opt(2025, 2, 28));
        assert_eq!(Termijn::parse("500 jaar").unwrap().end(start), NaiveDate::from_ymd_opt(2524, 2, 29));
    }

    #[test]
    fn openness_defaults_to_public() {
        assert_eq!(Openbaarheid::default(), Openbaarheid::Openbaar);
        assert_eq!(Openbaarheid::parse("Beperkt openbaar"), Some(Openbaarheid::BeperktOpenbaar));
        assert!(!Openbaarheid::parse("niet openbaar").unwrap().public());
        assert_eq!(Openbaarheid::parse("soms"), None);
    }
}
