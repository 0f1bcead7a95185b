//! The typed model: sheets of the contract become [`Afzender`], [`Missie`],
//! [`Deelnemer`], [`Resultaat`] and [`Document`] values; every other sheet
//! and column is kept as a [`Table`] or in `extra`. A document's
//! [`DocumentKind`] says what kind of document its template makes; a
//! [`Problem`] is a value that could not be read, with its place and what it
//! stops; the Woo information [`categories`] are the values the data may
//! name. The model is built by [`crate::input::load()`].

pub mod archive;
pub mod categories;
pub mod index;
pub mod keys;
pub mod kind;
pub mod problem;
pub mod recipients;

pub use kind::DocumentKind;
pub use problem::Problem;

use std::collections::BTreeMap;
use std::path::PathBuf;

use chrono::NaiveDate;
use serde::Serialize;
use serde_json::Value as Json;

use crate::lang::Lang;
use keys::match_key;
use problem::{Location, MissionRef};

/// Columns outside the contract, by template key.
pub type Extra = BTreeMap<String, Json>;

/// The sender: the organisation whose letterhead the documents carry.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Afzender {
    /// `Gemeente Maastricht`.
    pub naam: String,
    /// `gemeente` or `provincie`.
    pub soort: Option<String>,
    /// The sender's town.
    pub plaats: Option<String>,
    /// The return address line.
    pub retouradres: Option<String>,
    /// Visiting address (line breaks kept).
    pub bezoekadres: Option<String>,
    /// Postal address (line breaks kept).
    pub postadres: Option<String>,
    /// Telephone number.
    pub telefoon: Option<String>,
    /// Website.
    pub website: Option<String>,
    /// Logo image path, relative to the data.
    pub logo: Option<String>,
    /// TOOI organisation code (`gm0935`) for Woo metadata; found by name when empty.
    pub tooi: Option<String>,
    /// The accent colour of the house style (`#rrggbb`).
    pub kleur: Option<String>,
    /// The house font's family name (its files in `sjablonen/fonts/`).
    pub lettertype: Option<String>,
    /// Other settings.
    #[serde(flatten)]
    pub extra: Extra,
    /// The sheet the settings come from, as written (`Afzender Utrecht`).
    #[serde(rename = "__rij", serialize_with = "origin::sender")]
    pub sheet: String,
    /// The row of each field, by its key (`lettertype` → 12), and the
    /// heading of the value column, for messages.
    #[serde(skip)]
    pub rows: BTreeMap<String, usize>,
    /// The heading of the value column as written (`waarde`).
    #[serde(skip)]
    pub value_header: String,
    /// The file the sheet is in.
    #[serde(skip)]
    pub file: PathBuf,
}

/// Direction of a mission.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Richting {
    /// A delegation of ours abroad.
    Uitgaand,
    /// A delegation visiting us.
    Inkomend,
}

impl Richting {
    /// Reads `uitgaand`/`inkomend` (also `uit`, `in`, `outgoing`, `incoming`).
    pub fn parse(text: &str) -> Option<Richting> {
        match match_key(text).as_str() {
            "uitgaand" | "uitgaande" | "uit" | "outgoing" | "out" => Some(Richting::Uitgaand),
            "inkomend" | "inkomende" | "in" | "incoming" => Some(Richting::Inkomend),
            _ => None,
        }
    }
}

/// A list column's places as a list, or `null` when the cell had none.
fn list_or_blank<S: serde::Serializer>(list: &[String], serializer: S) -> Result<S::Ok, S::Error> {
    match list {
        [] => serializer.serialize_none(),
        items => serializer.collect_seq(items),
    }
}

/// A mission or visit.
#[derive(Debug, Clone, Serialize)]
pub struct Missie {
    /// Id.
    pub missie: String,
    /// Title.
    pub titel: String,
    /// Outgoing or incoming.
    pub richting: Richting,
    /// Partner region or city.
    pub partner: String,
    /// Country.
    pub land: Option<String>,
    /// Places visited. Blank (or only separators) it is no list at all to
    /// a text, but a blank cell: printed, it stops the document.
    #[serde(serialize_with = "list_or_blank")]
    pub bestemming: Vec<String>,
    /// First day.
    pub begindatum: NaiveDate,
    /// Last day.
    pub einddatum: Option<NaiveDate>,
    /// Who led the delegation.
    pub leiding: Option<String>,
    /// Purpose.
    pub doel: Option<String>,
    /// Costs in euros.
    pub kosten: Option<f64>,
    /// Year of `begindatum`.
    pub jaar: i32,
    /// Other columns.
    #[serde(flatten)]
    pub extra: Extra,
    /// Row in the sheet; in a template's context, the marker that names
    /// the cell of a blank value (see [`origin`]).
    #[serde(rename = "__rij", serialize_with = "origin::missies")]
    pub line: usize,
}

impl Missie {
    /// What a problem about this mission needs to know of it.
    pub fn reference(&self) -> MissionRef {
        MissionRef {
            id: Some(self.missie.clone()),
            partner: Some(match_key(&self.partner)),
            begin: Some(self.begindatum),
        }
    }
}

/// A member of a delegation.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Deelnemer {
    /// Mission id.
    pub missie: String,
    /// Name.
    pub naam: String,
    /// Organisation.
    pub organisatie: Option<String>,
    /// Sector.
    pub sector: Option<String>,
    /// The salutation of a letter to them (`Geachte mevrouw De Vries,`).
    pub aanhef: Option<String>,
    /// Street and number.
    pub adres: Option<String>,
    /// Postcode.
    pub postcode: Option<String>,
    /// Town.
    pub plaats: Option<String>,
    /// Country, when abroad.
    pub land: Option<String>,
    /// E-mail address.
    pub email: Option<String>,
    /// Other columns.
    #[serde(flatten)]
    pub extra: Extra,
    /// Row in the sheet; in a template's context, the marker that names
    /// the cell of a blank value (see [`origin`]).
    #[serde(rename = "__rij", serialize_with = "origin::deelnemers")]
    pub line: usize,
}

/// A result of a mission.
#[derive(Debug, Clone, Serialize)]
pub struct Resultaat {
    /// Mission id.
    pub missie: String,
    /// Theme (Investeringen, Handel, …).
    pub thema: String,
    /// Description.
    pub omschrijving: String,
    /// Contract, MoU, intentieverklaring, investering, contact, …
    pub soort: Option<String>,
    /// Counterpart.
    pub partij: Option<String>,
    /// Amount in euros.
    pub bedrag: Option<f64>,
    /// Jobs.
    pub banen: Option<i64>,
    /// Date.
    pub datum: Option<NaiveDate>,
    /// Other columns.
    #[serde(flatten)]
    pub extra: Extra,
    /// Row in the sheet; in a template's context, the marker that names
    /// the cell of a blank value (see [`origin`]).
    #[serde(rename = "__rij", serialize_with = "origin::resultaten")]
    pub line: usize,
}

/// A document to render.
#[derive(Debug, Clone, Serialize)]
pub struct Document {
    /// Id, also the file name.
    pub document: String,
    /// Template name.
    pub sjabloon: String,
    /// What kind of document its template makes (set once the templates
    /// are known).
    #[serde(skip)]
    pub kind: DocumentKind,
    /// Subject (a minijinja template).
    pub onderwerp: String,
    /// Date of the document.
    pub datum: NaiveDate,
    /// Mission id.
    pub missie: Option<String>,
    /// Partner (for reports).
    pub partner: Option<String>,
    /// Start of the period (for reports).
    pub van: Option<NaiveDate>,
    /// End of the period (for reports).
    pub tot: Option<NaiveDate>,
    /// Addressee (line breaks kept).
    pub aan: Option<String>,
    /// Salutation.
    pub aanhef: Option<String>,
    /// Our reference.
    pub kenmerk: Option<String>,
    /// Your reference.
    pub uw_kenmerk: Option<String>,
    /// Handled by.
    pub behandeld_door: Option<String>,
    /// Telephone.
    pub telefoon: Option<String>,
    /// E-mail.
    pub email: Option<String>,
    /// Signatory.
    pub ondertekenaar: Option<String>,
    /// Signatory's function.
    pub functie: Option<String>,
    /// The signatory's signature: a picture file, relative to the data.
    pub handtekening: Option<String>,
    /// Path of the Markdown body, relative to the data.
    pub tekst: Option<String>,
    /// Annex titles or PDF paths.
    pub bijlagen: Vec<String>,
    /// Language.
    pub taal: Lang,
    /// A draft (`status` = `concept`): marked CONCEPT, never published.
    pub concept: bool,
    /// The date the letter was sent, when it was.
    pub verzonden: Option<NaiveDate>,
    /// `per` = `deelnemer`: the row makes a letter for every member of its
    /// mission.
    #[serde(skip)]
    pub per_deelnemer: bool,
    /// For one of a row's letters to many: the row's own id.
    #[serde(skip)]
    pub row_id: Option<String>,
    /// For one of a row's letters to many: its recipient, by index in
    /// [`Model::deelnemers`].
    #[serde(skip)]
    pub ontvanger: Option<usize>,
    /// For one of a row's letters to many: the member it is for, as the
    /// manifest records it (name, as written; row in `Deelnemers`).
    #[serde(skip)]
    pub lid: Option<(String, usize)>,
    /// Sender key (`Afzender <naam>` sheet); the `Afzender` sheet when empty.
    pub afzender: Option<String>,
    /// Woo information category (a label of [`categories::CATEGORIES`]).
    pub informatiecategorie: Option<String>,
    /// Its appraisal for the archive, when the row gives it.
    pub waardering: Option<archive::Waardering>,
    /// How long it is kept, when the row gives it.
    pub bewaartermijn: Option<archive::Termijn>,
    /// Whether it may be seen (public unless the row says otherwise).
    pub openbaarheid: archive::Openbaarheid,
    /// Other columns.
    #[serde(flatten)]
    pub extra: Extra,
    /// Row in the sheet; in a template's context, the marker that names
    /// the cell of a blank value (see [`origin`]).
    #[serde(rename = "__rij", serialize_with = "origin::documenten")]
    pub line: usize,
}

/// A sheet outside the contract, kept whole.
#[derive(Debug, Clone, Serialize)]
pub struct Table {
    /// The sheet's name as written.
    pub naam: String,
    /// Its template key.
    pub sleutel: String,
    /// Column headers as written.
    pub kolommen: Vec<String>,
    /// Column template keys.
    pub sleutels: Vec<String>,
    /// Rows by column key (with the [`origin`] marker).
    pub rijen: Vec<BTreeMap<String, Json>>,
    /// The same rows' cells by column, with the type the file gives them:
    /// what a report prints (text as typed, only numbers as numbers); rows
    /// hidden in the workbook left out.
    #[serde(skip)]
    pub cellen: Vec<Vec<TableCell>>,
    /// The rows hidden in the workbook, which a report does not print.
    #[serde(skip)]
    pub verborgen_rijen: Vec<usize>,
    /// The file it came from.
    #[serde(skip)]
    pub file: PathBuf,
}

/// A cell of a sheet outside the contract, as the file types it.
#[derive(Debug, Clone, PartialEq)]
pub enum TableCell {
    /// Nothing.
    Empty,
    /// Text, exactly as typed (`0612345678`, `007`, `06-12345678`).
    Text(String),
    /// A number cell.
    Number(f64),
    /// A date cell.
    Date(NaiveDate),
    /// A yes/no cell.
    Bool(bool),
}

/// Where the rows and settings in a template's context come from: each
/// serialises its sheet and row as `__rij`, so a blank value a text prints
/// can be named by its cell. The text engine reads and removes the marker;
/// Typst never sees it.
pub mod origin {
    use serde::{Serialize, Serializer};

    /// The key of the marker.
    pub const KEY: &str = "__rij";

    macro_rules! sheet_marker {
        ($($name:ident),*) => {$(
            #[doc = concat!("The marker of a row of `", stringify!($name), "`.")]
            pub fn $name<S: Serializer>(line: &usize, s: S) -> Result<S::Ok, S::Error> {
                (stringify!($name), *line).serialize(s)
            }
        )*};
    }
    sheet_marker!(missies, deelnemers, resultaten, documenten);

    /// The marker of a sender's settings: its sheet, no row.
    pub fn sender<S: Serializer>(sheet: &str, s: S) -> Result<S::Ok, S::Error> {
        (sheet, 0usize).serialize(s)
    }

    /// The marker of a row of a sheet outside the contract.
    pub fn table(key: &str, line: usize) -> serde_json::Value {
        serde_json::json!([key, line])
    }
}

/// The file name of the merged copy of document `id`: its PDF with the
/// PDF annexes after it.
pub fn merged_name(id: &str) -> String {
    format!("{id}-met-bijlagen.pdf")
}

/// Everything the data holds.
#[derive(Debug, Clone, Default)]
pub struct Model {
    /// The workbook or CSV folder.
    pub source: PathBuf,
    /// The folder relative paths resolve against.
    pub base_dir: PathBuf,
    /// The senders by key (`""` for the `Afzender` sheet, `utrecht` for
    /// `Afzender Utrecht`).
    pub afzenders: BTreeMap<String, Afzender>,
    /// Missions, in sheet order.
    pub missies: Vec<Missie>,
    /// Delegation members.
    pub deelnemers: Vec<Deelnemer>,
    /// The members that could not be read (a problem in their row): their
    /// mission as written (blank if that too is unreadable) and row. A
    /// letter to each of them is accounted for, and stopped.
    pub onleesbare_deelnemers: Vec<(String, usize)>,
    /// Results.
    pub resultaten: Vec<Resultaat>,
    /// Documents.
    pub documenten: Vec<Document>,
    /// Sheets outside the contract.
    pub tabellen: Vec<Table>,
    /// Sheets outside the contract that are hidden in the workbook: never
    /// printed, not in any text's reach (names as written, template keys).
    pub verborgen: Vec<(String, String)>,
    /// Contract sheets hidden in the workbook (no rows), or with rows hidden
    /// (name as written, rows): read as any other, and said so.
    pub verborgen_rijen: Vec<(String, Vec<usize>)>,
    /// Where each contract sheet came from, by sheet key (for messages).
    pub sheets: BTreeMap<&'static str, SheetInfo>,
    /// Every mission id in the Missies sheet, also of rows with problems.
    pub mission_ids: std::collections::BTreeSet<String>,
    /// Rows by mission id, made on first use ([`index`]).
    pub(crate) index: std::sync::OnceLock<index::Index>,
}

/// Where a contract sheet came from and how its columns are headed.
#[derive(Debug, Clone, Default)]
pub struct SheetInfo {
    /// The file.
    pub file: PathBuf,
    /// The sheet's name as written.
    pub name: String,
    /// Column headers as written, by contract key.
    pub headers: BTreeMap<&'static str, String>,
}

impl Model {
    /// The sender of a document: its `afzender` sheet, else the default one.
    pub fn sender(&self, doc: &Document) -> &Afzender {
        static NONE: std::sync::OnceLock<Afzender> = std::sync::OnceLock::new();
        self.afzenders.get(&self.sender_key(doc)).unwrap_or_else(|| NONE.get_or_init(Afzender::default))
    }

    /// The key of a document's sender: its `afzender` sheet, else the
    /// `Afzender` sheet, else the first sender sheet there is.
    pub fn sender_key(&self, doc: &Document) -> String {
        let own = doc.afzender.as_deref().map(match_key).unwrap_or_default();
        [own, String::new()]
            .into_iter()
            .find(|key| self.afzenders.contains_key(key))
            .or_else(|| self.afzenders.keys().next().cloned())
            .unwrap_or_default()
    }

    /// The location of a cell named by a context's [`origin`] marker: a
    /// contract sheet's key, a sender's sheet (row 0) or another sheet's
    /// template key; the column by its key.
    pub fn cell_location(&self, sheet: &str, line: usize, column: &str) -> Location {
        if line == 0
            && let Some(sender) = self.afzenders.values().find(|a| a.sheet == sheet)
            && let Some(&row) = sender.rows.get(column)
        {
            return Location {
                file: sender.file.clone(),
                sheet: Some(sheet.to_string()),
                line: Some(row),
                column: Some(sender.value_header.clone()),
                passage: None,
            };
        }
        if line == 0 {
            return Location {
                file: self.source.clone(),
                sheet: Some(sheet.to_string()),
                line: None,
                column: None,
                passage: Some(crate::say!("veld `{column}`", "field `{column}`")),
            };
        }
        if let Some(table) = self.tabellen.iter().find(|t| t.sleutel == sheet) {
            let header = table.sleutels.iter().position(|k| k == column).map(|i| table.kolommen[i].clone());
            return Location {
                file: table.file.clone(),
                sheet: Some(table.naam.clone()),
                line: Some(line),
                column: Some(header.unwrap_or_else(|| column.to_string())),
                passage: None,
            };
        }
        self.location(sheet, line, column)
    }

    /// The location of a cell of a contract sheet, named as the user wrote it.
    pub fn location(&self, sheet_key: &str, line: usize, column: &str) -> Location {
        match self.sheets.get(sheet_key) {
            Some(info) => Location {
                file: info.file.clone(),
                sheet: Some(info.name.clone()),
                line: Some(line),
                column: Some(info.headers.get(column).cloned().unwrap_or_else(|| column.to_string())),
                passage: None,
            },
            None => Location {
                file: self.source.clone(),
                sheet: Some(sheet_key.to_string()),
                line: Some(line),
                column: Some(column.to_string()),
                passage: None,
            },
        }
    }
}
