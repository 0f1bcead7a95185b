//! Reading one contract sheet row by row: its columns found by their
//! headings, each cell converted to its field's type, every problem kept
//! with the row's place and, once the row is read, the row's scope.

use std::collections::BTreeMap;

use chrono::{Datelike, NaiveDate};

use super::cells::{cell_json, headless, unique_keys};
use super::notation::{self, NotationError};
use super::schema::{self, SheetDef};
use super::workbook::{Cell, Row, Sheet};
use crate::lang::Lang;
use crate::model::keys::match_key;
use crate::model::problem::{Location, MissionRef, Problem, Scope};
use crate::model::*;
use crate::tr;

/// The rows of a contract sheet, with its columns found.
pub(super) struct SheetRows<'a> {
    pub(super) sheet: &'a Sheet,
    def: &'static SheetDef,
    /// Column index per contract key.
    pub(super) index: BTreeMap<&'static str, usize>,
    /// Unknown columns: (index, template key).
    unknown: Vec<(usize, String)>,
    /// Whether every required column is there (else no row is read).
    usable: bool,
    /// The language of messages.
    pub(super) lang: Lang,
}

/// One row being read, with its problems collected; they get the row's
/// scope once the row is read.
pub(super) struct RowReader<'r, 'a> {
    rows: &'r SheetRows<'a>,
    row: &'r Row,
    scope: Scope,
    problems: Vec<Problem>,
}

impl<'a> SheetRows<'a> {
    pub(super) fn new(sheet: &'a Sheet, def: &'static SheetDef, problems: &mut Vec<Problem>, lang: Lang) -> Self {
        let mut index = BTreeMap::new();
        let mut unknown = Vec::new();
        let keys = unique_keys(&sheet.columns);
        let mut usable = true;
        let header_loc = |column: Option<&String>| Location {
            file: sheet.file.clone(),
            sheet: Some(sheet.name.clone()),
            line: Some(sheet.header_line),
            column: column.cloned(),
            passage: None,
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
                                tr!(
                                    lang,
                                    "de kolommen `{first}` en `{header}` zijn allebei kolom `{}`",
                                    "the columns `{first}` and `{header}` are both column `{}`",
                                    col.key
                                ),
                                Scope::All,
                            )
                            .value(header.clone())
                            .hint(tr!(
                                lang,
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
                        tr!(lang, "kolom `{}` ontbreekt", "column `{}` is missing", col.key),
                        Scope::All,
                    )
                    .hint(tr!(
                        lang,
                        "gevonden kolommen in rij {}: {}",
                        "columns found in row {}: {}",
                        sheet.header_line,
                        sheet.columns.iter().filter(|c| !c.is_empty()).cloned().collect::<Vec<_>>().join(", ")
                    )),
                );
            }
        }
        SheetRows { sheet, def, index, unknown, usable, lang }
    }

    /// Reads every row with `build`; problems go to `problems` with the
    /// row's scope. Rows with problems are left out unless `keep_failed`.
    pub(super) fn collect<T>(
        &self,
        build: impl FnMut(&mut RowReader<'_, 'a>) -> T,
        keep_failed: bool,
        problems: &mut Vec<Problem>,
    ) -> Vec<T> {
        let marked = self.collect_marked(build, problems);
        marked.into_iter().filter(|(_, failed)| !failed || keep_failed).map(|(item, _)| item).collect()
    }

    /// Reads every row with `build`, each marked with whether it has a
    /// problem; problems go to `problems` with the row's scope.
    pub(super) fn collect_marked<T>(
        &self,
        mut build: impl FnMut(&mut RowReader<'_, 'a>) -> T,
        problems: &mut Vec<Problem>,
    ) -> Vec<(T, bool)> {
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
            problems.extend(headless(self.sheet, row, &reader.scope, self.lang));
            out.push((item, failed));
        }
        out
    }
}

impl<'r> RowReader<'r, '_> {
    fn cell(&self, key: &str) -> &'r Cell {
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
            passage: None,
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
        self.problem(
            key,
            None,
            tr!(self.rows.lang, "`{key}` is verplicht maar leeg", "`{key}` is required but empty"),
            None,
        );
    }

    /// The cell, unless it holds an error value or a formula without
    /// result (then that is a problem and the value is unknown).
    fn readable(&mut self, key: &str) -> Option<&'r Cell> {
        let cell = self.cell(key);
        match cell.unreadable(self.rows.lang) {
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
        let hint = err.hint(self.rows.lang);
        self.problem(key, Some(cell.display()), err.message(self.rows.lang), Some(hint));
    }

    fn date(&mut self, key: &str) -> Option<NaiveDate> {
        let cell = self.readable(key)?;
        let result = match cell {
            Cell::Empty => return self.absent(key),
            Cell::Date(d) => notation::in_range(*d, cell),
            Cell::Number(n) => notation::excel_serial_date(*n)
                .ok_or_else(|| NotationError::NotADate(cell.display()))
                .and_then(|d| notation::in_range(d, cell)),
            Cell::Text(t) => notation::parse_date(t),
            _ => Err(NotationError::NotADate(cell.display())),
        };
        result.map_err(|e| self.notation_problem(key, cell, e)).ok()
    }

    fn amount(&mut self, key: &str) -> Option<f64> {
        let cell = self.readable(key)?;
        let result = match cell {
            Cell::Empty => return self.absent(key),
            Cell::Number(n) => notation::exact(*n, cell),
            Cell::Text(t) => notation::parse_amount(t),
            _ => Err(NotationError::NotAnAmount(cell.display())),
        };
        result.map_err(|e| self.notation_problem(key, cell, e)).ok()
    }

    fn whole(&mut self, key: &str) -> Option<i64> {
        let cell = self.readable(key)?;
        let result = match cell {
            Cell::Empty => return self.absent(key),
            Cell::Number(n) if n.fract() == 0.0 => notation::exact(*n, cell).map(|n| n as i64),
            Cell::Text(t) => notation::parse_whole(t),
            _ => Err(NotationError::NotAWholeNumber(cell.display())),
        };
        result.map_err(|e| self.notation_problem(key, cell, e)).ok()
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
            if let Some((message, hint)) = cell.unreadable(self.rows.lang) {
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
pub(super) fn mission_ref(r: &mut RowReader<'_, '_>) -> (Option<String>, MissionRef) {
    let id = r.text("missie");
    let partner = r.text("partner").map(|p| match_key(&p));
    let begin = r.date("begindatum");
    (id.clone(), MissionRef { id, partner, begin })
}

pub(super) fn missie(r: &mut RowReader<'_, '_>) -> Missie {
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
            tr!(
                r.rows.lang,
                "`{richting_text}` is geen richting: de richting is `uitgaand` of `inkomend`",
                "`{richting_text}` is not a direction: the direction is `uitgaand` or `inkomend`"
            ),
            Some(tr!(
                r.rows.lang,
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
            tr!(
                r.rows.lang,
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
pub(super) fn mission_scope(missie: &str) -> Scope {
    Scope::Mission(MissionRef { id: Some(missie.to_string()).filter(|m| !m.is_empty()), ..MissionRef::default() })
}

pub(super) fn deelnemer(r: &mut RowReader<'_, '_>) -> Deelnemer {
    let missie = r.required("missie");
    r.scope = mission_scope(&missie);
    Deelnemer {
        naam: r.required("naam"),
        organisatie: r.text("organisatie"),
        sector: r.text("sector"),
        aanhef: r.text("aanhef"),
        adres: r.text("adres"),
        postcode: r.text("postcode"),
        plaats: r.text("plaats"),
        land: r.text("land"),
        email: r.text("email"),
        extra: r.extra(),
        line: r.row.line,
        missie,
    }
}

pub(super) fn resultaat(r: &mut RowReader<'_, '_>) -> Resultaat {
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
    match crate::model::categories::category(&given) {
        Some((label, _)) => Some(label.to_string()),
        None => {
            r.problem(
                "informatiecategorie",
                Some(given.clone()),
                tr!(
                    r.rows.lang,
                    "`{given}` is geen Woo-informatiecategorie",
                    "`{given}` is not a Woo information category"
                ),
                Some(tr!(r.rows.lang, "kies uit {}", "choose from {}", crate::model::categories::category_labels())),
            );
            None
        }
    }
}

/// A column that switches something on by one of a few words (blank is
/// off); another value is a problem at the cell, with `hint`.
fn switch(r: &mut RowReader<'_, '_>, column: &str, on: &[&str], off: &[&str], hint: String) -> bool {
    let given = r.text(column).unwrap_or_default();
    let word = given.trim().to_lowercase();
    if word.is_empty() || off.contains(&word.as_str()) {
        return false;
    }
    if on.contains(&word.as_str()) {
        return true;
    }
    let message =
        tr!(r.rows.lang, "`{given}` is geen waarde voor `{column}`", "`{given}` is not a value for `{column}`");
    r.problem(column, Some(given), message, Some(hint));
    false
}

/// The `status` column: `concept` (a draft) or `definitief` (the default).
fn draft(r: &mut RowReader<'_, '_>) -> bool {
    let hint = tr!(r.rows.lang, "gebruik `concept` of `definitief`", "use `concept` or `definitief`");
    switch(r, "status", &["concept", "draft"], &["definitief", "final"], hint)
}

/// The `per` column: `deelnemer` makes a letter for every member.
fn per(r: &mut RowReader<'_, '_>) -> bool {
    let hint = tr!(
        r.rows.lang,
        "laat de cel leeg voor één document, of schrijf `deelnemer` voor een brief aan elke deelnemer van de missie",
        "leave the cell blank for one document, or write `deelnemer` for a letter to every member of the mission"
    );
    switch(r, "per", &["deelnemer", "deelnemers", "member"], &[], hint)
}

/// A row of `Documenten`. A row with problems is kept, so the document is
/// accounted for as failed; its problems block it.
pub(super) fn document(r: &mut RowReader<'_, '_>) -> Document {
    r.scope = Scope::Document(r.row.line);
    let id = r.required("document");
    let taal_text = r.text("taal").unwrap_or_default();
    let taal = Lang::parse(&taal_text).unwrap_or_else(|| {
        r.problem(
            "taal",
            Some(taal_text.clone()),
            tr!(r.rows.lang, "`{taal_text}` is geen bekende taal", "`{taal_text}` is not a known language"),
            Some(tr!(r.rows.lang, "gebruik `nl` of `en`", "use `nl` or `en`")),
        );
        Lang::Nl
    });
    let concept = draft(r);
    let per_deelnemer = per(r);
    Document {
        kind: DocumentKind::default(),
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
        handtekening: r.text("handtekening"),
        tekst: r.text("tekst"),
        bijlagen: r.list("bijlagen"),
        taal,
        concept,
        verzonden: r.date("verzonden"),
        per_deelnemer,
        row_id: None,
        ontvanger: None,
        lid: None,
        afzender: r.text("afzender"),
        informatiecategorie: woo_category(r),
        extra: r.extra(),
        line: r.row.line,
        document: id,
    }
}
