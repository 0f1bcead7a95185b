//! The typed model: sheets of the contract become [`Afzender`], [`Missie`],
//! [`Deelnemer`], [`Resultaat`] and [`Document`] values; every other sheet
//! and column is kept as a [`Table`] or in `extra`. Every value that cannot
//! be read becomes a [`Problem`]; loading never stops at the first one.

use std::collections::BTreeMap;
use std::path::PathBuf;

use chrono::{Datelike, NaiveDate};
use serde::Serialize;
use serde_json::Value as Json;

use crate::notation::{self, Lang, NotationError, match_key, template_key};
use crate::problem::{Location, Problem, Scope};
use crate::read::{Cell, Row, Sheet, Workbook};
use crate::schema::{self, SheetDef};

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
    /// Other settings.
    #[serde(flatten)]
    pub extra: Extra,
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
    /// Places visited.
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
    /// Row in the sheet.
    #[serde(skip)]
    pub line: usize,
}

/// A member of a delegation.
#[derive(Debug, Clone, Serialize)]
pub struct Deelnemer {
    /// Mission id.
    pub missie: String,
    /// Name.
    pub naam: String,
    /// Organisation.
    pub organisatie: Option<String>,
    /// Sector.
    pub sector: Option<String>,
    /// Other columns.
    #[serde(flatten)]
    pub extra: Extra,
    /// Row in the sheet.
    #[serde(skip)]
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
    /// Row in the sheet.
    #[serde(skip)]
    pub line: usize,
}

/// A document to render.
#[derive(Debug, Clone, Serialize)]
pub struct Document {
    /// Id, also the file name.
    pub document: String,
    /// Template name.
    pub sjabloon: String,
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
    /// Path of the Markdown body, relative to the data.
    pub tekst: Option<String>,
    /// Annex titles or PDF paths.
    pub bijlagen: Vec<String>,
    /// Language.
    pub taal: Lang,
    /// Sender key (`Afzender <naam>` sheet); the `Afzender` sheet when empty.
    pub afzender: Option<String>,
    /// Woo information category (a label of [`crate::woo::CATEGORIES`]).
    pub informatiecategorie: Option<String>,
    /// Other columns.
    #[serde(flatten)]
    pub extra: Extra,
    /// Row in the sheet.
    #[serde(skip)]
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
    /// Rows by column key.
    pub rijen: Vec<BTreeMap<String, Json>>,
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
    /// Results.
    pub resultaten: Vec<Resultaat>,
    /// Documents.
    pub documenten: Vec<Document>,
    /// Sheets outside the contract.
    pub tabellen: Vec<Table>,
    /// Where each contract sheet came from, by sheet key (for messages).
    pub sheets: BTreeMap<&'static str, SheetInfo>,
    /// Every mission id in the Missies sheet, also of rows with problems.
    pub mission_ids: std::collections::BTreeSet<String>,
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
        let key = doc.afzender.as_deref().map(match_key).unwrap_or_default();
        self.afzenders
            .get(&key)
            .or_else(|| self.afzenders.get(""))
            .or_else(|| self.afzenders.values().next())
            .unwrap_or_else(|| NONE.get_or_init(Afzender::default))
    }

    /// The location of a cell of a contract sheet, named as the user wrote it.
    pub fn location(&self, sheet_key: &str, line: usize, column: &str) -> Location {
        match self.sheets.get(sheet_key) {
            Some(info) => Location {
                file: info.file.clone(),
                sheet: Some(info.name.clone()),
                line: Some(line),
                column: Some(info.headers.get(column).cloned().unwrap_or_else(|| column.to_string())),
            },
            None => Location {
                file: self.source.clone(),
                sheet: Some(sheet_key.to_string()),
                line: Some(line),
                column: Some(column.to_string()),
            },
        }
    }
}

/// Builds the model from a workbook, collecting every problem.
pub fn load(book: &Workbook) -> (Model, Vec<Problem>) {
    let mut problems = Vec::new();
    let mut model = Model { source: book.path.clone(), base_dir: book.base_dir(), ..Model::default() };
    for def in schema::SHEETS {
        let present = book.sheets.iter().any(|s| schema::sheet(&s.name).is_some_and(|d| d.key == def.key));
        if def.required && !present {
            let found: Vec<&str> = book.sheets.iter().map(|s| s.name.as_str()).collect();
            problems.push(
                Problem::new(
                    Location { file: book.path.clone(), ..Location::default() },
                    crate::tr!("blad `{}` ontbreekt", "sheet `{}` is missing", def.name),
                    Scope::All,
                )
                .hint(crate::tr!("gevonden bladen: {}", "sheets found: {}", found.join(", "))),
            );
        }
    }
    for sheet in &book.sheets {
        match schema::sheet(&sheet.name) {
            Some(def) if def.key == "afzender" => {
                let key = schema::sender_key(&sheet.name).unwrap_or_default();
                model.afzenders.insert(key, afzender(sheet, &mut problems));
            }
            Some(def) => {
                let mut rows = SheetRows::new(sheet, def, &mut problems);
                let headers = rows.index.iter().map(|(k, &i)| (*k, sheet.columns[i].clone())).collect();
                model.sheets.insert(def.key, SheetInfo { file: sheet.file.clone(), name: sheet.name.clone(), headers });
                match def.key {
                    "missies" => {
                        if let Some(&i) = rows.index.get("missie") {
                            model.mission_ids.extend(
                                sheet
                                    .rows
                                    .iter()
                                    .filter_map(|r| r.cells.get(i))
                                    .map(Cell::display)
                                    .filter(|s| !s.is_empty()),
                            );
                        }
                        model.missies = rows.collect(missie);
                    }
                    "deelnemers" => model.deelnemers = rows.collect(deelnemer),
                    "resultaten" => model.resultaten = rows.collect(resultaat),
                    "documenten" => model.documenten = rows.collect(document),
                    _ => {}
                }
            }
            None => model.tabellen.push(table(sheet)),
        }
    }
    (model, problems)
}

/// The JSON value of a cell outside the contract.
pub fn cell_json(cell: &Cell) -> Json {
    match cell {
        Cell::Empty => Json::Null,
        Cell::Text(s) | Cell::Error(s) => Json::String(s.clone()),
        Cell::Number(n) if n.fract() == 0.0 && n.abs() < 9e15 => Json::from(*n as i64),
        Cell::Number(n) => serde_json::Number::from_f64(*n).map(Json::Number).unwrap_or(Json::Null),
        Cell::Date(d) => Json::String(d.to_string()),
        Cell::Bool(b) => Json::Bool(*b),
    }
}

fn table(sheet: &Sheet) -> Table {
    let sleutels = unique_keys(&sheet.columns);
    let rijen = sheet
        .rows
        .iter()
        .map(|row| sleutels.iter().zip(&row.cells).map(|(k, c)| (k.clone(), cell_json(c))).collect())
        .collect();
    Table {
        naam: sheet.name.clone(),
        sleutel: template_key(&sheet.name),
        kolommen: sheet.columns.clone(),
        sleutels,
        rijen,
    }
}

/// Template keys for headers, made unique with a number suffix.
fn unique_keys(headers: &[String]) -> Vec<String> {
    let mut seen = BTreeMap::<String, usize>::new();
    headers
        .iter()
        .map(|h| {
            let key = template_key(h);
            let n = seen.entry(key.clone()).or_default();
            *n += 1;
            if *n == 1 { key } else { format!("{key}_{n}") }
        })
        .collect()
}

fn afzender(sheet: &Sheet, problems: &mut Vec<Problem>) -> Afzender {
    let loc = |line: Option<usize>, column: Option<&str>| Location {
        file: sheet.file.clone(),
        sheet: Some(sheet.name.clone()),
        line,
        column: column.map(str::to_string),
    };
    let key_col = sheet.columns.iter().position(|c| match_key(c) == "veld");
    let value_col = sheet.columns.iter().position(|c| match_key(c) == "waarde");
    let (Some(key_col), Some(value_col)) = (key_col, value_col) else {
        problems.push(
            Problem::new(
                loc(Some(sheet.header_line), None),
                crate::tr!("kolommen `veld` en `waarde` ontbreken", "columns `veld` and `waarde` are missing"),
                Scope::All,
            )
            .hint(crate::tr!(
                "het blad Afzender heeft twee kolommen: `veld` (naam, plaats, …) en `waarde`",
                "the Afzender sheet has two columns: `veld` (naam, plaats, …) and `waarde`"
            )),
        );
        return Afzender::default();
    };
    let mut a = Afzender::default();
    let mut naam_line = None;
    for row in &sheet.rows {
        let field = row.cells.get(key_col).map(Cell::display).unwrap_or_default();
        let value = row.cells.get(value_col).map(Cell::display).filter(|v| !v.is_empty());
        let slot = match schema::AFZENDER_FIELDS.iter().find(|f| match_key(f.key) == match_key(&field)) {
            Some(f) => match f.key {
                "naam" => {
                    naam_line = Some(row.line);
                    a.naam = value.unwrap_or_default();
                    continue;
                }
                "soort" => &mut a.soort,
                "plaats" => &mut a.plaats,
                "retouradres" => &mut a.retouradres,
                "bezoekadres" => &mut a.bezoekadres,
                "postadres" => &mut a.postadres,
                "telefoon" => &mut a.telefoon,
                "website" => &mut a.website,
                "tooi" => &mut a.tooi,
                _ => &mut a.logo,
            },
            None => {
                if !field.is_empty() {
                    let v = row.cells.get(value_col).map(cell_json).unwrap_or(Json::Null);
                    a.extra.insert(template_key(&field), v);
                }
                continue;
            }
        };
        *slot = value;
    }
    if a.naam.is_empty() {
        problems.push(
            Problem::new(
                loc(naam_line, Some("waarde")),
                crate::tr!("de naam van de afzender ontbreekt", "the sender's name is missing"),
                Scope::All,
            )
            .hint(crate::tr!(
                "voeg een rij toe met veld `naam` en als waarde bijvoorbeeld `Gemeente Maastricht`",
                "add a row with field `naam` and a value such as `Gemeente Maastricht`"
            )),
        );
    }
    a
}

/// Reads the rows of a contract sheet, cell by cell, recording problems.
struct SheetRows<'a> {
    sheet: &'a Sheet,
    def: &'static SheetDef,
    /// Column index per contract key.
    index: BTreeMap<&'static str, usize>,
    /// Unknown columns: (index, template key).
    unknown: Vec<(usize, String)>,
    problems: &'a mut Vec<Problem>,
    usable: bool,
}

/// One row being read, with its problems collected.
struct RowReader<'r, 'a> {
    rows: &'r mut SheetRows<'a>,
    row: &'r Row,
    scope: Scope,
    failed: bool,
}

impl<'a> SheetRows<'a> {
    fn new(sheet: &'a Sheet, def: &'static SheetDef, problems: &'a mut Vec<Problem>) -> Self {
        let mut index = BTreeMap::new();
        let mut unknown = Vec::new();
        let keys = unique_keys(&sheet.columns);
        for (i, header) in sheet.columns.iter().enumerate() {
            match def.column(header) {
                Some(col) if !index.contains_key(col.key) => {
                    index.insert(col.key, i);
                }
                _ if !header.is_empty() => unknown.push((i, keys[i].clone())),
                _ => {}
            }
        }
        let mut usable = true;
        for col in def.required_columns() {
            if !index.contains_key(col.key) {
                usable = false;
                problems.push(
                    Problem::new(
                        Location {
                            file: sheet.file.clone(),
                            sheet: Some(sheet.name.clone()),
                            line: Some(sheet.header_line),
                            column: None,
                        },
                        crate::tr!("kolom `{}` ontbreekt", "column `{}` is missing", col.key),
                        Scope::All,
                    )
                    .hint(crate::tr!(
                        "gevonden kolommen in rij {}: {}",
                        "columns found in row {}: {}",
                        sheet.header_line,
                        sheet.columns.iter().filter(|c| !c.is_empty()).cloned().collect::<Vec<_>>().join(", ")
                    )),
                );
            }
        }
        SheetRows { sheet, def, index, unknown, problems, usable }
    }

    fn collect<T>(&mut self, mut build: impl FnMut(&mut RowReader<'_, 'a>) -> Option<T>) -> Vec<T> {
        if !self.usable {
            return Vec::new();
        }
        let sheet = self.sheet;
        let mut out = Vec::new();
        for row in &sheet.rows {
            let mut reader = RowReader { rows: self, row, scope: Scope::None, failed: false };
            if let Some(item) = build(&mut reader)
                && !reader.failed
            {
                out.push(item);
            }
        }
        out
    }
}

impl RowReader<'_, '_> {
    fn cell(&self, key: &str) -> (&Cell, Option<usize>) {
        match self.rows.index.get(key) {
            Some(&i) => (self.row.cells.get(i).unwrap_or(&Cell::Empty), Some(i)),
            None => (&Cell::Empty, None),
        }
    }

    fn column_def(&self, key: &str) -> &'static schema::Column {
        self.rows.def.columns.iter().find(|c| c.key == key).expect("key of the contract")
    }

    fn problem(&mut self, key: &str, value: Option<String>, message: String, hint: Option<String>) {
        let column = self.rows.index.get(key).map(|&i| self.rows.sheet.columns[i].clone()).unwrap_or(key.to_string());
        let mut p = Problem::new(
            Location {
                file: self.rows.sheet.file.clone(),
                sheet: Some(self.rows.sheet.name.clone()),
                line: Some(self.row.line),
                column: Some(column),
            },
            message,
            self.scope.clone(),
        );
        p.value = value;
        p.hint = hint;
        self.rows.problems.push(p);
        self.failed = true;
    }

    fn missing(&mut self, key: &str) {
        self.problem(key, None, crate::tr!("`{key}` is verplicht maar leeg", "`{key}` is required but empty"), None);
    }

    /// Optional text.
    fn text(&mut self, key: &str) -> Option<String> {
        let (cell, _) = self.cell(key);
        match cell {
            Cell::Empty => None,
            Cell::Error(e) => {
                let e = e.clone();
                let message = crate::tr!("de cel bevat de rekenfout `{e}`", "the cell holds the formula error `{e}`");
                self.problem(key, Some(e.clone()), message, None);
                None
            }
            other => Some(other.display()),
        }
    }

    /// Required text.
    fn required(&mut self, key: &str) -> String {
        let value = self.text(key);
        if value.is_none() && !self.failed_at(key) {
            self.missing(key);
        }
        value.unwrap_or_default()
    }

    fn failed_at(&self, key: &str) -> bool {
        matches!(self.cell(key).0, Cell::Error(_))
    }

    fn notation_problem(&mut self, key: &str, cell: &Cell, err: NotationError) {
        let hint = err.hint();
        self.problem(key, Some(cell.display()), err.to_string(), Some(hint));
    }

    fn date(&mut self, key: &str) -> Option<NaiveDate> {
        let (cell, _) = self.cell(key);
        let cell = cell.clone();
        let result = match &cell {
            Cell::Empty => return self.absent(key),
            Cell::Date(d) => Ok(*d),
            Cell::Number(n) => notation::excel_serial_date(*n).ok_or(NotationError::NotADate(cell.display())),
            Cell::Text(t) => notation::parse_date(t),
            Cell::Bool(_) | Cell::Error(_) => Err(NotationError::NotADate(cell.display())),
        };
        result.map_err(|e| self.notation_problem(key, &cell, e)).ok()
    }

    fn amount(&mut self, key: &str) -> Option<f64> {
        let (cell, _) = self.cell(key);
        let cell = cell.clone();
        let result = match &cell {
            Cell::Empty => return self.absent(key),
            Cell::Number(n) => Ok(*n),
            Cell::Text(t) => notation::parse_amount(t),
            _ => Err(NotationError::NotAnAmount(cell.display())),
        };
        result.map_err(|e| self.notation_problem(key, &cell, e)).ok()
    }

    fn whole(&mut self, key: &str) -> Option<i64> {
        let (cell, _) = self.cell(key);
        let cell = cell.clone();
        let result = match &cell {
            Cell::Empty => return self.absent(key),
            Cell::Number(n) if n.fract() == 0.0 && n.abs() < 1e15 => Ok(*n as i64),
            Cell::Text(t) => notation::parse_whole(t),
            _ => Err(NotationError::NotAWholeNumber(cell.display())),
        };
        result.map_err(|e| self.notation_problem(key, &cell, e)).ok()
    }

    fn list(&mut self, key: &str) -> Vec<String> {
        self.text(key)
            .map(|t| t.split([';', '\n']).map(str::trim).filter(|s| !s.is_empty()).map(str::to_string).collect())
            .unwrap_or_default()
    }

    fn absent<T>(&mut self, key: &str) -> Option<T> {
        if self.column_def(key).required {
            self.missing(key);
        }
        None
    }

    fn extra(&self) -> Extra {
        self.rows
            .unknown
            .iter()
            .map(|(i, key)| (key.clone(), self.row.cells.get(*i).map(cell_json).unwrap_or(Json::Null)))
            .collect()
    }
}

fn missie(r: &mut RowReader<'_, '_>) -> Option<Missie> {
    let id = r.required("missie");
    r.scope = if id.is_empty() { Scope::All } else { Scope::Mission(id.clone()) };
    let richting_text = r.required("richting");
    let richting = Richting::parse(&richting_text);
    if richting.is_none() && !richting_text.is_empty() {
        r.problem(
            "richting",
            Some(richting_text),
            crate::tr!("de richting is `uitgaand` of `inkomend`", "the direction is `uitgaand` or `inkomend`"),
            Some(crate::tr!(
                "schrijf `uitgaand` voor een eigen delegatie naar het buitenland, `inkomend` voor bezoek",
                "write `uitgaand` for an own delegation abroad, `inkomend` for a visit"
            )),
        );
    }
    let m = Missie {
        titel: r.required("titel"),
        partner: r.required("partner"),
        land: r.text("land"),
        bestemming: r.list("bestemming"),
        begindatum: r.date("begindatum").unwrap_or_default(),
        einddatum: r.date("einddatum"),
        leiding: r.text("leiding"),
        doel: r.text("doel"),
        kosten: r.amount("kosten"),
        jaar: 0,
        extra: r.extra(),
        line: r.row.line,
        missie: id,
        richting: richting.unwrap_or(Richting::Uitgaand),
    };
    if let Some(end) = m.einddatum
        && end < m.begindatum
        && !r.failed
    {
        r.problem(
            "einddatum",
            Some(end.to_string()),
            crate::tr!(
                "de einddatum ligt vóór de begindatum ({})",
                "the end date lies before the start date ({})",
                m.begindatum
            ),
            None,
        );
    }
    Some(Missie { jaar: m.begindatum.year(), ..m })
}

fn deelnemer(r: &mut RowReader<'_, '_>) -> Option<Deelnemer> {
    let missie = r.required("missie");
    r.scope = Scope::Mission(missie.clone());
    Some(Deelnemer {
        naam: r.required("naam"),
        organisatie: r.text("organisatie"),
        sector: r.text("sector"),
        extra: r.extra(),
        line: r.row.line,
        missie,
    })
}

fn resultaat(r: &mut RowReader<'_, '_>) -> Option<Resultaat> {
    let missie = r.required("missie");
    r.scope = Scope::Mission(missie.clone());
    Some(Resultaat {
        thema: r.required("thema"),
        omschrijving: r.required("omschrijving"),
        soort: r.text("soort"),
        partij: r.text("partij"),
        bedrag: r.amount("bedrag"),
        banen: r.whole("banen"),
        datum: r.date("datum"),
        extra: r.extra(),
        line: r.row.line,
        missie,
    })
}

/// The `informatiecategorie` column: a Woo category by label or code.
fn woo_category(r: &mut RowReader<'_, '_>) -> Option<String> {
    let given = r.text("informatiecategorie")?;
    match crate::woo::category(&given) {
        Some((label, _)) => Some(label.to_string()),
        None => {
            r.problem(
                "informatiecategorie",
                Some(given.clone()),
                crate::tr!("`{given}` is geen Woo-informatiecategorie", "`{given}` is not a Woo information category"),
                Some(crate::tr!("kies uit {}", "choose from {}", crate::woo::category_labels())),
            );
            None
        }
    }
}

fn document(r: &mut RowReader<'_, '_>) -> Option<Document> {
    let id = r.required("document");
    r.scope = if id.is_empty() { Scope::None } else { Scope::Document(id.clone()) };
    let taal_text = r.text("taal").unwrap_or_default();
    let taal = Lang::parse(&taal_text).unwrap_or_else(|| {
        r.problem(
            "taal",
            Some(taal_text.clone()),
            crate::tr!("`{taal_text}` is geen bekende taal", "`{taal_text}` is not a known language"),
            Some(crate::tr!("gebruik `nl` of `en`", "use `nl` or `en`")),
        );
        Lang::Nl
    });
    Some(Document {
        sjabloon: r.required("sjabloon"),
        onderwerp: r.required("onderwerp"),
        datum: r.date("datum").unwrap_or_default(),
        missie: r.text("missie"),
        partner: r.text("partner"),
        van: r.date("van"),
        tot: r.date("tot"),
        aan: r.text("aan"),
        aanhef: r.text("aanhef"),
        kenmerk: r.text("kenmerk"),
        uw_kenmerk: r.text("uw_kenmerk"),
        behandeld_door: r.text("behandeld_door"),
        telefoon: r.text("telefoon"),
        email: r.text("email"),
        ondertekenaar: r.text("ondertekenaar"),
        functie: r.text("functie"),
        tekst: r.text("tekst"),
        bijlagen: r.list("bijlagen"),
        taal,
        afzender: r.text("afzender"),
        informatiecategorie: woo_category(r),
        extra: r.extra(),
        line: r.row.line,
        document: id,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::read::{Row, Sheet};

    fn text(s: &str) -> Cell {
        Cell::Text(s.into())
    }

    fn sheet(name: &str, columns: &[&str], rows: Vec<Vec<Cell>>) -> Sheet {
        Sheet {
            name: name.into(),
            file: "t.xlsx".into(),
            header_line: 2,
            columns: columns.iter().map(|c| c.to_string()).collect(),
            rows: rows.into_iter().enumerate().map(|(i, cells)| Row { line: i + 3, cells }).collect(),
        }
    }

    #[test]
    fn every_bad_value_is_reported_with_its_place() {
        let book = Workbook {
            path: "t.xlsx".into(),
            sheets: vec![
                sheet("Afzender", &["Veld", "Waarde"], vec![vec![text("Naam"), text("Gemeente X")]]),
                sheet(
                    "Missies",
                    &["Missie", "Titel", "Richting", "Partner", "Begin datum", "Kosten"],
                    vec![
                        vec![
                            text("M1"),
                            text("Reis"),
                            text("uitgaand"),
                            text("Chengdu"),
                            text("31-02-2019"),
                            text("ca. twaalf miljoen"),
                        ],
                        vec![
                            text("M2"),
                            text("Bezoek"),
                            text("zijwaarts"),
                            text("Chengdu"),
                            text("8 juni 2019"),
                            Cell::Number(1200.0),
                        ],
                    ],
                ),
                sheet("Documenten", &["Document", "Sjabloon", "Onderwerp", "Datum"], vec![]),
            ],
        };
        let (model, problems) = load(&book);
        let lines: Vec<String> = problems.iter().map(|p| p.to_string()).collect();
        assert_eq!(lines.len(), 3, "{lines:#?}");
        assert!(
            lines[0].starts_with(
                "t.xlsx, blad `Missies`, rij 3, kolom `Begin datum`: `31-02-2019` is geen bestaande datum"
            )
        );
        assert!(lines[1].contains("rij 3, kolom `Kosten`: `ca. twaalf miljoen` is geen bedrag"));
        assert!(lines[2].contains("rij 4, kolom `Richting`"), "{}", lines[2]);
        assert_eq!(problems[0].scope, Scope::Mission("M1".into()));
        assert!(model.missies.is_empty());
    }

    #[test]
    fn missing_sheet_and_column() {
        let book = Workbook { path: "t.xlsx".into(), sheets: vec![sheet("Missies", &["Missie", "Titel"], vec![])] };
        let (_, problems) = load(&book);
        let text: Vec<String> = problems.iter().map(|p| p.to_string()).collect();
        assert!(text.iter().any(|t| t.contains("blad `Afzender` ontbreekt")), "{text:#?}");
        assert!(text.iter().any(|t| t.contains("kolom `begindatum` ontbreekt")), "{text:#?}");
    }
}
