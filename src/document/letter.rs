//! The parts of a letter's first page made from the data: the address block
//! and whether it goes abroad, the return address with its country line,
//! the salutation when the data gives none, the metadata column and a
//! memo's header block.

use serde::Serialize;

use crate::lang::Lang;
use crate::model::Deelnemer;

/// The country line under a return address on a letter abroad, in capitals
/// as the UPU asks; English, which every postal service reads.
pub const HOME_COUNTRY: &str = "NETHERLANDS";

/// One line of the metadata block or of a memo's header.
#[derive(Debug, Serialize)]
pub struct Meta {
    /// Which field: `onderwerp`, `datum`, `bijlagen`, `behandeld_door`,
    /// `telefoon`, `kenmerk`, `email`, `uw_kenmerk`; in a memo's header
    /// also `aan` and `van`.
    pub sleutel: &'static str,
    /// Label, in capitals.
    pub label: &'static str,
    /// Value, `--` when empty.
    pub waarde: String,
    /// The field is empty: printed `--`, read out as `geen`.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub leeg: bool,
    /// Lines under the value (`Verz. 22 november 2022` under the date).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub regels: Vec<String>,
}

impl Meta {
    /// A line with a value, or `--` when there is none.
    pub fn new(sleutel: &'static str, label: &'static str, value: Option<&str>) -> Meta {
        let value = value.map(str::trim).filter(|v| !v.is_empty());
        Meta { sleutel, label, waarde: value.unwrap_or("--").to_string(), leeg: value.is_none(), regels: Vec::new() }
    }

    /// With lines under the value.
    pub fn with_lines(mut self, regels: Vec<String>) -> Meta {
        self.regels = regels;
        self
    }
}

/// Splits an address cell into lines (line breaks or `;`).
pub fn lines(text: Option<&str>) -> Vec<String> {
    text.unwrap_or_default().split(['\n', ';']).map(str::trim).filter(|l| !l.is_empty()).map(str::to_string).collect()
}

/// The address block of a letter to one member: name, organisation,
/// street, postcode and town, and the country when abroad.
pub fn address(member: &Deelnemer) -> Vec<String> {
    let town = [member.postcode.as_deref(), member.plaats.as_deref()].into_iter().flatten().collect::<Vec<_>>();
    let mut out = vec![member.naam.clone()];
    out.extend(member.organisatie.clone());
    out.extend(lines(member.adres.as_deref()));
    out.push(town.join(" "));
    if member.abroad() {
        out.extend(member.land.as_deref().map(str::to_uppercase));
    }
    out.retain(|l| !l.trim().is_empty());
    out
}

/// Whether an address block written in a cell goes abroad: its last line
/// is a country in capitals (`ESTONIA`), as a foreign address ends, and not
/// the Netherlands.
///
/// ```
/// use missiedocs::document::letter::written_abroad;
/// assert!(written_abroad(&["Mayor of Tartu".into(), "51004 Tartu".into(), "ESTONIA".into()]));
/// assert!(!written_abroad(&["De heer P. Jansen".into(), "1234 AB Voorbeeldstad".into()]));
/// assert!(!written_abroad(&["Stadhuis".into(), "1234 AB Voorbeeldstad".into(), "NEDERLAND".into()]));
/// ```
pub fn written_abroad(lines: &[String]) -> bool {
    let Some(last) = lines.last().filter(|_| lines.len() > 1) else { return false };
    let letters = last.chars().any(char::is_alphabetic)
        && last.chars().all(|c| !c.is_lowercase() && !c.is_ascii_digit())
        && last.chars().any(char::is_uppercase);
    let home = matches!(last.trim(), "NEDERLAND" | "NETHERLANDS" | "THE NETHERLANDS" | "PAYS-BAS" | "NL");
    letters && !home
}

/// The return address as printed: with the country line on a letter abroad.
pub fn return_address(written: Option<&str>, abroad: bool) -> String {
    let written = written.unwrap_or_default().trim();
    if written.is_empty() || !abroad || written.to_uppercase().ends_with(HOME_COUNTRY) {
        written.to_string()
    } else {
        format!("{written}, {HOME_COUNTRY}")
    }
}

/// The salutation: the member's own, else the row's, else a neutral one
/// with the member's surname, else the kind's.
pub fn salutation(member: Option<&Deelnemer>, row: Option<&str>, kind: &str, lang: Lang) -> String {
    if let Some(own) = member.and_then(|m| m.aanhef.as_deref()).or(row) {
        return own.to_string();
    }
    match member {
        Some(m) => crate::tr!(lang, "Geachte heer/mevrouw {},", "Dear Mr/Ms {},", surname(&m.naam)),
        None => kind.to_string(),
    }
}

/// Titles that go before a Dutch name and are left out of a salutation.
const TITLES: &[&str] =
    &["drs", "dr", "ing", "ir", "mr", "prof", "bc", "ds", "mgr", "dhr", "mevr", "mw", "ba", "bsc", "msc", "ma", "phd"];

/// Words that begin a Dutch surname (`van der Heijden`).
const PREFIXES: &[&str] =
    &["van", "de", "der", "den", "het", "'t", "ter", "ten", "te", "in", "op", "von", "du", "la", "le", "d'"];

/// The surname a salutation uses, as Dutch usage writes it: titles,
/// initials and first names dropped, the tussenvoegsel capitalised. A name
/// in another script is kept whole: which part is the family name is not
/// for a rule to guess.
///
/// ```
/// use missiedocs::document::letter::surname;
/// assert_eq!(surname("drs. ing. P.H.M. van der Heijden-Vermeulen"), "Van der Heijden-Vermeulen");
/// assert_eq!(surname("Anna de Vries"), "De Vries");
/// assert_eq!(surname("K. Mets"), "Mets");
/// assert_eq!(surname("Piet Jansen, MSc"), "Jansen");
/// assert_eq!(surname("李明"), "李明");
/// assert_eq!(surname("Jansen"), "Jansen");
/// ```
pub fn surname(name: &str) -> String {
    let name = name.split(',').next().unwrap_or(name).trim();
    let latin =
        name.chars().all(|c| !c.is_alphabetic() || (c as u32) < 0x0250 || ('\u{1E00}'..='\u{1EFF}').contains(&c));
    if !latin {
        return name.to_string();
    }
    let words: Vec<&str> = name
        .split_whitespace()
        .filter(|w| {
            let bare = w.trim_end_matches('.').to_lowercase();
            let initials = w.contains('.') && w.split('.').all(|p| p.chars().count() <= 2);
            !TITLES.contains(&bare.as_str()) && !initials
        })
        .collect();
    let start = words
        .iter()
        .position(|w| PREFIXES.contains(&w.to_lowercase().as_str()))
        .unwrap_or(words.len().saturating_sub(1));
    let mut out = words[start.min(words.len())..].join(" ");
    if let Some(first) = out.chars().next() {
        out = first.to_uppercase().chain(out.chars().skip(1)).collect();
    }
    if out.is_empty() { name.to_string() } else { out }
}

/// The metadata column of a letter (onderwerp to uw referentie) or of a
/// memo (bijlagen to e-mailadres: its header has the rest).
pub struct Fields<'a> {
    /// The subject, rendered.
    pub onderwerp: &'a str,
    /// The date, written out.
    pub datum: &'a str,
    /// The sending date, written out, when it was sent.
    pub verzonden: Option<&'a str>,
    /// The number of annexes.
    pub bijlagen: usize,
    /// `behandeld_door`.
    pub behandeld_door: Option<&'a str>,
    /// `telefoon`.
    pub telefoon: Option<&'a str>,
    /// `kenmerk`.
    pub kenmerk: Option<&'a str>,
    /// `email`.
    pub email: Option<&'a str>,
    /// `uw_kenmerk`.
    pub uw_kenmerk: Option<&'a str>,
}

impl Fields<'_> {
    /// The side column's lines, as a letter prints them; a memo prints
    /// those its header does not have (see `templates/lib/brief.typ`).
    pub fn column(&self, lang: Lang) -> Vec<Meta> {
        let [onderwerp, datum, bijlagen, behandeld, telefoon, kenmerk, email, uw] = super::words::meta_labels(lang);
        let count = (self.bijlagen > 0).then(|| self.bijlagen.to_string());
        vec![
            Meta::new("onderwerp", onderwerp, Some(self.onderwerp)),
            self.date(datum, lang),
            Meta::new("bijlagen", bijlagen, count.as_deref()),
            Meta::new("behandeld_door", behandeld, self.behandeld_door),
            Meta::new("telefoon", telefoon, self.telefoon),
            Meta::new("kenmerk", kenmerk, self.kenmerk),
            Meta::new("email", email, self.email),
            Meta::new("uw_kenmerk", uw, self.uw_kenmerk),
        ]
    }

    /// A memo's header block: aan, van, datum, onderwerp, kenmerk.
    pub fn memo_head(&self, aan: &[String], van: &str, lang: Lang) -> Vec<Meta> {
        let [l_aan, l_van, l_datum, l_onderwerp, l_kenmerk] = super::words::memo_labels(lang);
        let to = addressee(aan);
        vec![
            Meta::new("aan", l_aan, Some(&to)),
            Meta::new("van", l_van, Some(van)),
            self.date(l_datum, lang),
            Meta::new("onderwerp", l_onderwerp, Some(self.onderwerp)),
            Meta::new("kenmerk", l_kenmerk, self.kenmerk),
        ]
    }

    fn date(&self, label: &'static str, lang: Lang) -> Meta {
        let sent = self.verzonden.map(|s| format!("{} {s}", super::words::Words::of(lang).verzonden));
        Meta::new("datum", label, Some(self.datum)).with_lines(sent.into_iter().collect())
    }
}

/// The addressee as a memo's header names it: `Aan het college van B en W`
/// becomes `Het college van B en W`, on one line.
fn addressee(aan: &[String]) -> String {
    let joined = aan.join(" ");
    let rest = ["Aan ", "aan ", "To ", "to "].iter().find_map(|p| joined.strip_prefix(p)).unwrap_or(&joined);
    let mut chars = rest.chars();
    chars.next().map(|c| c.to_uppercase().chain(chars).collect()).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn memo_addressee_drops_aan() {
        assert_eq!(
            addressee(&["Aan het college van".into(), "Gedeputeerde Staten".into()]),
            "Het college van Gedeputeerde Staten"
        );
        assert_eq!(addressee(&["Wethouder Economie".into()]), "Wethouder Economie");
    }

    #[test]
    fn return_address_abroad_gets_the_country_once() {
        assert_eq!(
            return_address(Some("Postbus 1000, 1234 AB Voorbeeldstad"), true),
            "Postbus 1000, 1234 AB Voorbeeldstad, NETHERLANDS"
        );
        assert_eq!(
            return_address(Some("Postbus 1000, 1234 AB Voorbeeldstad"), false),
            "Postbus 1000, 1234 AB Voorbeeldstad"
        );
        assert_eq!(return_address(Some("Postbus 1, Utrecht, NETHERLANDS"), true), "Postbus 1, Utrecht, NETHERLANDS");
    }
}
