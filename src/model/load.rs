//! Loading the model from a workbook: each contract sheet row by row, cell
//! by cell, every problem collected with the scope of what it is in.

use std::collections::BTreeMap;

use chrono::{Datelike, NaiveDate};
use serde_json::Value as Json;

use super::*;
use crate::notation::{self, Lang, NotationError, match_key, template_key};
use crate::problem::{Location, MissionRef, Problem, Scope};
use crate::read::{Cell, Row, Sheet, Workbook};
use crate::schema::{self, SheetDef};

/// Builds the model from a workbook, collecting every problem. A row with
/// a problem is left out of the model (a document's row stays, so it is
/// accounted for); its problem blocks every document that uses it.
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
    let mut missions = BTreeMap::<String, MissionRef>::new();
    for sheet in &book.sheets {
        match schema::sheet(&sheet.name) {
            Some(def) if def.key == "afzender" => {
                let key = schema::sender_key(&sheet.name).unwrap_or_default();
                let sender = afzender(sheet, &key, &mut problems);
                model.afzenders.insert(key, sender);
            }
            Some(def) => {
                let rows = SheetRows::new(sheet, def, &mut problems);
                let headers = rows.index.iter().map(|(k, &i)| (*k, sheet.columns[i].clone())).collect();
                model.sheets.insert(def.key, SheetInfo { file: sheet.file.clone(), name: sheet.name.clone(), headers });
                match def.key {
                    "missies" => {
                        for (id, found) in rows.collect(mission_ref, true, &mut Vec::new()) {
                            let Some(id) = id else { continue };
                            model.mission_ids.insert(id.clone());
                            // Two rows with one id: what differs between them is unknown.
                            missions
                                .entry(id)
                                .and_modify(|known| {
                                    if known.partner != found.partner {
                                        known.partner = None;
                                    }
                                    if known.begin != found.begin {
                                        known.begin = None;
                                    }
                                })
                                .or_insert(found);
                        }
                        model.missies = rows.collect(missie, false, &mut problems);
                    }
                    "deelnemers" => model.deelnemers = rows.collect(deelnemer, false, &mut problems),
                    "resultaten" => model.resultaten = rows.collect(resultaat, false, &mut problems),
                    "documenten" => model.documenten = rows.collect(document, true, &mut problems),
                    _ => {}
                }
            }
            None => model.tabellen.push(table(sheet, &mut problems)),
        }
    }
    // A member's or result's problem reaches the documents of its mission's
    // partner and period too.
    for problem in &mut problems {
        if let Scope::Mission(r) = &mut problem.scope
            && let Some(known) = r.id.as_ref().and_then(|id| missions.get(id))
        {
            *r = known.clone();
        }
    }
    (model, problems)
}

/// The JSON value of a cell outside the contract. An error value or a
/// formula without result is reported by the loader; here it is its text.
pub fn cell_json(cell: &Cell) -> Json {
    match cell {
        Cell::Empty => Json::Null,
        Cell::Text(s) | Cell::Error(s) => Json::String(s.clone()),
        Cell::Uncalculated(_) => Json::String(cell.display()),
        Cell::Number(n) if n.fract() == 0.0 && n.abs() < 9e15 => Json::from(*n as i64),
        Cell::Number(n) => serde_json::Number::from_f64(*n).map(Json::Number).unwrap_or(Json::Null),
        Cell::Date(d) => Json::String(d.to_string()),
        Cell::Bool(b) => Json::Bool(*b),
    }
}

/// A problem for a cell that holds an error value or a formula without result.
fn unreadable_cell(location: Location, cell: &Cell, scope: Scope) -> Option<Problem> {
    let (message, hint) = cell.unreadable()?;
    Some(Problem::new(location, message, scope).value(cell.display()).hint(hint))
}

fn table(sheet: &Sheet, problems: &mut Vec<Problem>) -> Table {
    let sleutels = unique_keys(&sheet.columns);
    let sleutel = template_key(&sheet.name);
    let scope = Scope::Sheet(sleutel.clone());
    let place = |line: usize, column: Option<&String>| Location {
        file: sheet.file.clone(),
        sheet: Some(sheet.name.clone()),
        line: Some(line),
        column: column.cloned(),
    };
    let mut rijen = Vec::with_capacity(sheet.rows.len());
    for row in &sheet.rows {
        let mut values = BTreeMap::new();
        for (i, cell) in row.cells.iter().enumerate() {
            if let Some(p) = unreadable_cell(place(row.line, sheet.columns.get(i)), cell, scope.clone()) {
                problems.push(p);
            }
        }
        problems.extend(headless(sheet, row, &scope));
        values.extend(sleutels.iter().zip(&row.cells).map(|(k, c)| (k.clone(), cell_json(c))));
        values.insert(origin::KEY.to_string(), origin::table(&sleutel, row.line));
        rijen.push(values);
    }
    Table {
        naam: sheet.name.clone(),
        sleutel,
        kolommen: sheet.columns.clone(),
        sleutels,
        rijen,
        file: sheet.file.clone(),
    }
}

/// A value in a column without a heading: it has no name, so no template
/// could reach it, and it must not vanish unseen.
fn headless(sheet: &Sheet, row: &Row, scope: &Scope) -> Option<Problem> {
    let (i, cell) = row
        .cells
        .iter()
        .enumerate()
        .find(|(i, c)| !c.is_empty() && sheet.columns.get(*i).is_none_or(|h| h.is_empty()))?;
    Some(
        Problem::new(
            Location {
                file: sheet.file.clone(),
                sheet: Some(sheet.name.clone()),
                line: Some(row.line),
                column: Some(crate::tr!("{} (zonder kop)", "{} (no heading)", column_letters(sheet.left + i))),
            },
            crate::tr!(
                "de waarde `{}` staat in een kolom zonder kop",
                "the value `{}` is in a column without a heading",
                cell.display()
            ),
            scope.clone(),
        )
        .value(cell.display())
        .hint(crate::tr!(
            "geef de kolom een kop in rij {}, of maak de cel leeg",
            "give the column a heading in row {}, or empty the cell",
            sheet.header_line
        )),
    )
}

/// The letters of the `i`-th (0-based) column of the read area: `A`, `AB`.
fn column_letters(mut i: usize) -> String {
    let mut letters = Vec::new();
    loop {
        letters.push(b'A' + (i % 26) as u8);
        if i < 26 {
            break;
        }
        i = i / 26 - 1;
    }
    letters.reverse();
    String::from_utf8(letters).unwrap_or_default()
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

fn afzender(sheet: &Sheet, key: &str, problems: &mut Vec<Problem>) -> Afzender {
    let scope = Scope::Sender(key.to_string());
    let loc = |line: Option<usize>, column: Option<&str>| Location {
        file: sheet.file.clone(),
        sheet: Some(sheet.name.clone()),
        line,
        column: column.map(str::to_string),
    };
    let key_col = sheet.columns.iter().position(|c| match_key(c) == "veld");
    let value_col = sheet.columns.iter().position(|c| match_key(c) == "waarde");
    let mut a = Afzender { sheet: sheet.name.clone(), ..Afzender::default() };
    let (Some(key_col), Some(value_col)) = (key_col, value_col) else {
        problems.push(
            Problem::new(
                loc(Some(sheet.header_line), None),
                crate::tr!("kolommen `veld` en `waarde` ontbreken", "columns `veld` and `waarde` are missing"),
                scope,
            )
            .hint(crate::tr!(
                "het blad Afzender heeft twee kolommen: `veld` (naam, plaats, …) en `waarde`",
                "the Afzender sheet has two columns: `veld` (naam, plaats, …) and `waarde`"
            )),
        );
        return a;
    };
    let value_header = sheet.columns[value_col].clone();
    let mut naam_line = None;
    let mut seen = BTreeMap::<String, usize>::new();
    for row in &sheet.rows {
        let field = row.cells.get(key_col).map(Cell::display).unwrap_or_default();
        let cell = row.cells.get(value_col).unwrap_or(&Cell::Empty);
        if let Some(p) = unreadable_cell(loc(Some(row.line), Some(&value_header)), cell, scope.clone()) {
            problems.push(p);
            continue;
        }
        if !field.is_empty()
            && let Some(first) = seen.insert(match_key(&field), row.line)
        {
            problems.push(
                Problem::new(
                    loc(Some(row.line), Some(&sheet.columns[key_col])),
                    crate::tr!(
                        "het veld `{field}` staat ook in rij {first}",
                        "the field `{field}` is also in row {first}"
                    ),
                    scope.clone(),
                )
                .value(field.clone())
                .hint(crate::tr!("houd één rij per veld", "keep one row per field")),
            );
        }
        let value = Some(cell.display()).filter(|v| !v.is_empty());
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
                    a.extra.insert(template_key(&field), cell_json(cell));
                } else if !cell.is_empty() {
                    problems.push(
                        Problem::new(
                            loc(Some(row.line), Some(&sheet.columns[key_col])),
                            crate::tr!(
                                "de waarde `{}` heeft geen veldnaam",
                                "the value `{}` has no field name",
                                cell.display()
                            ),
                            scope.clone(),
                        )
                        .value(cell.display())
                        .hint(crate::tr!(
                            "schrijf in de kolom `veld` welk gegeven het is (naam, plaats, telefoon, …)",
                            "write in the column `veld` what it is (naam, plaats, telefoon, …)"
                        )),
                    );
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
                scope,
            )
            .hint(crate::tr!(
                "voeg een rij toe met veld `naam` en als waarde bijvoorbeeld `Gemeente Maastricht`",
                "add a row with field `naam` and a value such as `Gemeente Maastricht`"
            )),
        );
    }
    a
}

/// The rows of a contract sheet, with its columns found.
struct SheetRows<'a> {
    sheet: &'a Sheet,
    def: &'static SheetDef,
    /// Column index per contract key.
    index: BTreeMap<&'static str, usize>,
    /// Unknown columns: (index, template key).
    unknown: Vec<(usize, String)>,
    /// Whether every required column is there (else no row is read).
    usable: bool,
}

/// One row being read, with its problems collected; they get the row's
/// scope once the row is read.
struct RowReader<'r, 'a> {
    rows: &'r SheetRows<'a>,
    row: &'r Row,
    scope: Scope,
    problems: Vec<Problem>,
}

impl<'a> SheetRows<'a> {
    fn new(sheet: &'a Sheet, def: &'static SheetDef, problems: &mut Vec<Problem>) -> Self {
        let mut index = BTreeMap::new();
        let mut unknown = Vec::new();
        let keys = unique_keys(&sheet.columns);
        let mut usable = true;
        let header_loc = |column: Option<&String>| Location {
            file: sheet.file.clone(),
            sheet: Some(sheet.name.clone()),
            line: Some(sheet.header_line),
            column: column.cloned(),
        };
        for (i, header) in sheet.columns.iter().enumerate() {
            match def.column(header) {
                Some(col) => {
                    if let Some(&first) = index.get(col.key) {
                        // Which one holds the values? Not a guess to make.
                        usable = false;
                        let first: &String = &sheet.columns[first];
                        problems.push(
                            Problem::new(
                                header_loc(Some(header)),
                                crate::tr!(
                                    "de kolommen `{first}` en `{header}` zijn allebei kolom `{}`",
                                    "the columns `{first}` and `{header}` are both column `{}`",
                                    col.key
                                ),
                                Scope::All,
                            )
                            .value(header.clone())
                            .hint(crate::tr!(
                                "verwijder of hernoem een van beide; namen tellen gelijk zonder hoofdletters, spaties, \
                                 `_`, `-` en accenten",
                                "remove or rename one of them; names count as equal without capitals, spaces, `_`, \
                                 `-` and accents"
                            )),
                        );
                    } else {
                        index.insert(col.key, i);
                    }
                }
                None if !header.is_empty() => unknown.push((i, keys[i].clone())),
                None => {}
            }
        }
        for col in def.required_columns() {
            if !index.contains_key(col.key) {
                usable = false;
                problems.push(
                    Problem::new(
                        header_loc(None),
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
        SheetRows { sheet, def, index, unknown, usable }
    }

    /// Reads every row with `build`; problems go to `problems` with the
    /// row's scope. Rows with problems are left out unless `keep_failed`.
    fn collect<T>(
        &self,
        mut build: impl FnMut(&mut RowReader<'_, 'a>) -> T,
        keep_failed: bool,
        problems: &mut Vec<Problem>,
    ) -> Vec<T> {
        if !self.usable {
            return Vec::new();
        }
        let mut out = Vec::new();
        for row in &self.sheet.rows {
            let mut reader = RowReader { rows: self, row, scope: Scope::All, problems: Vec::new() };
            let item = build(&mut reader);
            let failed = !reader.problems.is_empty();
            for mut p in reader.problems {
                p.scope = reader.scope.clone();
                problems.push(p);
            }
            problems.extend(headless(self.sheet, row, &reader.scope));
            if !failed || keep_failed {
                out.push(item);
            }
        }
        out
    }
}

impl RowReader<'_, '_> {
    fn cell(&self, key: &str) -> &Cell {
        match self.rows.index.get(key) {
            Some(&i) => self.row.cells.get(i).unwrap_or(&Cell::Empty),
            None => &Cell::Empty,
        }
    }

    fn column_def(&self, key: &str) -> &'static schema::Column {
        self.rows.def.columns.iter().find(|c| c.key == key).expect("key of the contract")
    }

    /// A cell of this row, by its column's heading.
    fn place(&self, column: String) -> Location {
        Location {
            file: self.rows.sheet.file.clone(),
            sheet: Some(self.rows.sheet.name.clone()),
            line: Some(self.row.line),
            column: Some(column),
        }
    }

    /// Records a problem; it gets the row's scope once the row is read.
    fn problem_at(&mut self, column: String, value: Option<String>, message: String, hint: Option<String>) {
        let mut p = Problem::new(self.place(column), message, Scope::All);
        p.value = value;
        p.hint = hint;
        self.problems.push(p);
    }

    fn problem(&mut self, key: &str, value: Option<String>, message: String, hint: Option<String>) {
        let column = self.rows.index.get(key).map(|&i| self.rows.sheet.columns[i].clone()).unwrap_or(key.to_string());
        self.problem_at(column, value, message, hint);
    }

    fn missing(&mut self, key: &str) {
        self.problem(key, None, crate::tr!("`{key}` is verplicht maar leeg", "`{key}` is required but empty"), None);
    }

    /// The cell, unless it holds an error value or a formula without
    /// result (then that is a problem and the value is unknown).
    fn readable(&mut self, key: &str) -> Option<Cell> {
        let cell = self.cell(key).clone();
        match cell.unreadable() {
            Some((message, hint)) => {
                self.problem(key, Some(cell.display()), message, Some(hint));
                None
            }
            None => Some(cell),
        }
    }

    /// Optional text.
    fn text(&mut self, key: &str) -> Option<String> {
        self.readable(key).filter(|c| !c.is_empty()).map(|c| c.display())
    }

    /// Required text.
    fn required(&mut self, key: &str) -> String {
        match self.readable(key) {
            Some(Cell::Empty) => {
                self.missing(key);
                String::new()
            }
            Some(cell) => cell.display(),
            None => String::new(),
        }
    }

    fn notation_problem(&mut self, key: &str, cell: &Cell, err: NotationError) {
        let hint = err.hint();
        self.problem(key, Some(cell.display()), err.to_string(), Some(hint));
    }

    fn date(&mut self, key: &str) -> Option<NaiveDate> {
        let cell = self.readable(key)?;
        let shown = cell.display();
        let result = match &cell {
            Cell::Empty => return self.absent(key),
            Cell::Date(d) => notation::in_range(*d, &shown),
            Cell::Number(n) => notation::excel_serial_date(*n)
                .ok_or(NotationError::NotADate(shown.clone()))
                .and_then(|d| notation::in_range(d, &shown)),
            Cell::Text(t) => notation::parse_date(t),
            _ => Err(NotationError::NotADate(shown)),
        };
        result.map_err(|e| self.notation_problem(key, &cell, e)).ok()
    }

    fn amount(&mut self, key: &str) -> Option<f64> {
        let cell = self.readable(key)?;
        let result = match &cell {
            Cell::Empty => return self.absent(key),
            Cell::Number(n) => Ok(*n),
            Cell::Text(t) => notation::parse_amount(t),
            _ => Err(NotationError::NotAnAmount(cell.display())),
        };
        result.map_err(|e| self.notation_problem(key, &cell, e)).ok()
    }

    fn whole(&mut self, key: &str) -> Option<i64> {
        let cell = self.readable(key)?;
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

    /// The columns outside the contract; an error value in one is a problem.
    fn extra(&mut self) -> Extra {
        let mut extra = Extra::new();
        for (i, key) in &self.rows.unknown {
            let cell = self.row.cells.get(*i).unwrap_or(&Cell::Empty).clone();
            if let Some((message, hint)) = cell.unreadable() {
                let header = self.rows.sheet.columns[*i].clone();
                self.problem_at(header, Some(cell.display()), message, Some(hint));
            }
            extra.insert(key.clone(), cell_json(&cell));
        }
        extra
    }
}

/// What a row of `Missies` says about its mission, as far as it can be
/// read: (id, reference).
fn mission_ref(r: &mut RowReader<'_, '_>) -> (Option<String>, MissionRef) {
    let id = r.text("missie");
    let partner = r.text("partner").map(|p| match_key(&p));
    let begin = r.date("begindatum");
    (id.clone(), MissionRef { id, partner, begin })
}

fn missie(r: &mut RowReader<'_, '_>) -> Missie {
    let id = r.required("missie");
    let partner = r.required("partner");
    let begin = r.date("begindatum");
    // What is unreadable stays unknown, and then matches every document.
    r.scope = Scope::Mission(MissionRef {
        id: Some(id.clone()).filter(|i| !i.is_empty()),
        partner: Some(match_key(&partner)).filter(|p| !p.is_empty()),
        begin,
    });
    let richting_text = r.required("richting");
    let richting = Richting::parse(&richting_text);
    if richting.is_none() && !richting_text.is_empty() {
        r.problem(
            "richting",
            Some(richting_text.clone()),
            crate::tr!(
                "`{richting_text}` is geen richting: de richting is `uitgaand` of `inkomend`",
                "`{richting_text}` is not a direction: the direction is `uitgaand` or `inkomend`"
            ),
            Some(crate::tr!(
                "schrijf `uitgaand` voor een eigen delegatie naar het buitenland, `inkomend` voor bezoek",
                "write `uitgaand` for an own delegation abroad, `inkomend` for a visit"
            )),
        );
    }
    let m = Missie {
        titel: r.required("titel"),
        partner,
        land: r.text("land"),
        bestemming: r.list("bestemming"),
        begindatum: begin.unwrap_or_default(),
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
        && r.problems.is_empty()
    {
        r.problem(
            "einddatum",
            Some(end.format("%d-%m-%Y").to_string()),
            crate::tr!(
                "de einddatum `{}` ligt vóór de begindatum ({})",
                "the end date `{}` lies before the start date ({})",
                end.format("%d-%m-%Y"),
                m.begindatum.format("%d-%m-%Y")
            ),
            None,
        );
    }
    Missie { jaar: m.begindatum.year(), ..m }
}

/// The scope of a member's or result's row: its mission (made precise with
/// the mission's partner and date once every mission is read).
fn mission_scope(missie: &str) -> Scope {
    Scope::Mission(MissionRef { id: Some(missie.to_string()).filter(|m| !m.is_empty()), ..MissionRef::default() })
}

fn deelnemer(r: &mut RowReader<'_, '_>) -> Deelnemer {
    let missie = r.required("missie");
    r.scope = mission_scope(&missie);
    Deelnemer {
        naam: r.required("naam"),
        organisatie: r.text("organisatie"),
        sector: r.text("sector"),
        extra: r.extra(),
        line: r.row.line,
        missie,
    }
}

fn resultaat(r: &mut RowReader<'_, '_>) -> Resultaat {
    let missie = r.required("missie");
    r.scope = mission_scope(&missie);
    Resultaat {
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
    }
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

/// A row of `Documenten`. A row with problems is kept, so the document is
/// accounted for as failed; its problems block it.
fn document(r: &mut RowReader<'_, '_>) -> Document {
    r.scope = Scope::Document(r.row.line);
    let id = r.required("document");
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
    Document {
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
    }
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
            left: 0,
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
        // The unreadable start date is unknown: the problem reaches every period.
        let reference = MissionRef { id: Some("M1".into()), partner: Some("chengdu".into()), begin: None };
        assert_eq!(problems[0].scope, Scope::Mission(reference));
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
