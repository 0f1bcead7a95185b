//! The data contract: which sheets and columns the built-in templates rely
//! on, which of them are required, and what kind of value each column holds.

use crate::model::keys::match_key;

/// The kind of value a column holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// Free text.
    Text,
    /// A date (Excel date cell, serial number or Dutch/ISO notation).
    Date,
    /// An amount in euros.
    Amount,
    /// A whole number.
    Whole,
    /// A `;`-separated list of texts.
    List,
}

/// A column of the contract.
#[derive(Debug)]
pub struct Column {
    /// The key templates use (`behandeld_door`).
    pub key: &'static str,
    /// Whether a value is required in every row.
    pub required: bool,
    /// The kind of value.
    pub kind: Kind,
}

/// A sheet of the contract.
#[derive(Debug)]
pub struct SheetDef {
    /// The sheet's name as the contract writes it.
    pub name: &'static str,
    /// The key templates use.
    pub key: &'static str,
    /// The columns.
    pub columns: &'static [Column],
}

impl SheetDef {
    /// Finds a column by a header as written in the workbook.
    pub fn column(&self, header: &str) -> Option<&'static Column> {
        let key = match_key(header);
        // A contract key is already lower-case ASCII: only its `_` goes.
        let is = |contract: &str| key.chars().eq(contract.chars().filter(|&c| c != '_'));
        self.columns.iter().find(|c| is(c.key) || aliases(c.key).contains(&key.as_str()))
    }

    /// The required columns.
    pub fn required_columns(&self) -> impl Iterator<Item = &'static Column> {
        self.columns.iter().filter(|c| c.required)
    }
}

/// Other headers people use for a contract column (already as match keys).
fn aliases(key: &str) -> &'static [&'static str] {
    match key {
        "missie" => &["missieid", "id"],
        "document" => &["documentid"],
        "kenmerk" => &["onzereferentie", "onskenmerk"],
        "uw_kenmerk" => &["uwreferentie"],
        "email" => &["emailadres"],
        "telefoon" => &["telefoonnummer"],
        "omschrijving" => &["beschrijving"],
        "bijlagen" => &["bijlage"],
        _ => &[],
    }
}

const fn col(key: &'static str, required: bool, kind: Kind) -> Column {
    Column { key, required, kind }
}

use Kind::*;

/// `Afzender`: settings as `veld` / `waarde` rows.
pub const AFZENDER: SheetDef =
    SheetDef { name: "Afzender", key: "afzender", columns: &[col("veld", true, Text), col("waarde", false, Text)] };

/// The fields of the `Afzender` sheet.
pub const AFZENDER_FIELDS: &[Column] = &[
    col("naam", true, Text),
    col("soort", false, Text),
    col("plaats", false, Text),
    col("retouradres", false, Text),
    col("bezoekadres", false, Text),
    col("postadres", false, Text),
    col("telefoon", false, Text),
    col("website", false, Text),
    col("logo", false, Text),
    col("tooi", false, Text),
    col("kleur", false, Text),
    col("lettertype", false, Text),
];

/// `Missies`: one row per mission or visit.
pub const MISSIES: SheetDef = SheetDef {
    name: "Missies",
    key: "missies",
    columns: &[
        col("missie", true, Text),
        col("titel", true, Text),
        col("richting", true, Text),
        col("partner", true, Text),
        col("land", false, Text),
        col("bestemming", false, List),
        col("begindatum", true, Date),
        col("einddatum", false, Date),
        col("leiding", false, Text),
        col("doel", false, Text),
        col("kosten", false, Amount),
    ],
};

/// `Deelnemers`: one row per delegation member.
pub const DEELNEMERS: SheetDef = SheetDef {
    name: "Deelnemers",
    key: "deelnemers",
    columns: &[
        col("missie", true, Text),
        col("naam", true, Text),
        col("organisatie", false, Text),
        col("sector", false, Text),
        col("aanhef", false, Text),
        col("adres", false, Text),
        col("postcode", false, Text),
        col("plaats", false, Text),
        col("land", false, Text),
        col("email", false, Text),
    ],
};

/// `Resultaten`: one row per result of a mission.
pub const RESULTATEN: SheetDef = SheetDef {
    name: "Resultaten",
    key: "resultaten",
    columns: &[
        col("missie", true, Text),
        col("thema", true, Text),
        col("omschrijving", true, Text),
        col("soort", false, Text),
        col("partij", false, Text),
        col("bedrag", false, Amount),
        col("banen", false, Whole),
        col("datum", false, Date),
    ],
};

/// `Documenten`: one row per document to render.
pub const DOCUMENTEN: SheetDef = SheetDef {
    name: "Documenten",
    key: "documenten",
    columns: &[
        col("document", true, Text),
        col("sjabloon", true, Text),
        col("onderwerp", true, Text),
        col("datum", true, Date),
        col("missie", false, Text),
        col("partner", false, Text),
        col("van", false, Date),
        col("tot", false, Date),
        col("aan", false, Text),
        col("aanhef", false, Text),
        col("kenmerk", false, Text),
        col("uw_kenmerk", false, Text),
        col("behandeld_door", false, Text),
        col("telefoon", false, Text),
        col("email", false, Text),
        col("ondertekenaar", false, Text),
        col("functie", false, Text),
        col("handtekening", false, Text),
        col("tekst", false, Text),
        col("bijlagen", false, List),
        col("taal", false, Text),
        col("status", false, Text),
        col("per", false, Text),
        col("verzonden", false, Date),
        col("afzender", false, Text),
        col("informatiecategorie", false, Text),
        col("waardering", false, Text),
        col("bewaartermijn", false, Text),
        col("openbaarheid", false, Text),
    ],
};

/// Every sheet of the contract.
pub const SHEETS: [&SheetDef; 5] = [&AFZENDER, &MISSIES, &DEELNEMERS, &RESULTATEN, &DOCUMENTEN];

/// Finds the contract sheet for a sheet name as written in the workbook.
/// A sheet named `Afzender <naam>` is a further sender (an extension of the
/// contract for workbooks that hold documents of several organisations).
pub fn sheet(name: &str) -> Option<&'static SheetDef> {
    let key = match_key(name);
    if sender_key(name).is_some() {
        return Some(&AFZENDER);
    }
    SHEETS.into_iter().find(|s| match_key(s.name) == key)
}

/// For a sender sheet, the sender's key: `""` for `Afzender`, `utrecht` for
/// `Afzender Utrecht`; `None` for other sheets.
///
/// ```
/// use missiedocs::input::schema::sender_key;
/// assert_eq!(sender_key("Afzender").as_deref(), Some(""));
/// assert_eq!(sender_key("afzender - Utrecht").as_deref(), Some("utrecht"));
/// assert_eq!(sender_key("Missies"), None);
/// ```
pub fn sender_key(name: &str) -> Option<String> {
    match_key(name).strip_prefix("afzender").map(str::to_string)
}

/// The conventional order of result themes; other themes follow
/// alphabetically.
pub const THEME_ORDER: [&str; 8] = [
    "Investeringen",
    "Handel",
    "Cultuur en toerisme",
    "Onderwijs",
    "Duurzaamheid",
    "Life sciences & health",
    "Media",
    "Mensenrechten",
];

/// Sort key for a theme: its place in [`THEME_ORDER`], then its name.
///
/// ```
/// use missiedocs::input::schema::theme_rank;
/// assert!(theme_rank("Handel") < theme_rank("onderwijs"));
/// assert!(theme_rank("Mensenrechten") < theme_rank("Architectuur"));
/// ```
pub fn theme_rank(theme: &str) -> (usize, String) {
    let key = match_key(theme);
    let place = THEME_ORDER
        .iter()
        .position(|t| match_key(t) == key || (key == "investering" && *t == "Investeringen"))
        .unwrap_or(THEME_ORDER.len());
    (place, key)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// [`SheetDef::column`] compares headers with the contract's keys as
    /// written, less their `_`: that is their match key only while they
    /// are lower-case ASCII.
    #[test]
    fn contract_keys_are_their_own_match_keys() {
        for def in SHEETS {
            for column in def.columns {
                assert_eq!(match_key(column.key), column.key.replace('_', ""), "{}", column.key);
                let written = column.key.replace('_', " ").to_uppercase();
                assert_eq!(def.column(&written).map(|c| c.key), Some(column.key), "{written}");
            }
        }
        assert_eq!(DOCUMENTEN.column("Document-ID").map(|c| c.key), Some("document"));
        assert_eq!(MISSIES.column("Begin datum").map(|c| c.key), Some("begindatum"));
        assert!(MISSIES.column("Opmerkingen").is_none());
    }
}
