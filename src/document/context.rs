//! The document context: what a document's text templates (and its Typst
//! template) see — `document`, `afzender`, `missie` with its `deelnemers` and
//! `resultaten`, the narrowed `missies`/`deelnemers`/`resultaten`, results
//! per theme with totals, and every sheet by its normalised name.

use std::collections::{BTreeMap, HashMap};

use chrono::NaiveDate;
use serde::Serialize;
use serde_json::{Value as Json, json};

use crate::input::schema::{THEME_ORDER, theme_rank};
use crate::model::keys::match_key;
use crate::model::{Deelnemer, Document, Missie, Model, Resultaat, Richting};

/// Totals over a set of results.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Totals {
    /// Number of results.
    pub aantal: usize,
    /// Sum of amounts in euros.
    pub bedrag: f64,
    /// Sum of jobs.
    pub banen: i64,
}

impl Totals {
    /// Totals over results.
    pub fn of<'a>(results: impl IntoIterator<Item = &'a Resultaat>) -> Totals {
        results.into_iter().fold(Totals::default(), |t, r| Totals {
            aantal: t.aantal + 1,
            bedrag: t.bedrag + r.bedrag.unwrap_or(0.0),
            banen: t.banen + r.banen.unwrap_or(0),
        })
    }
}

/// Results of one theme.
#[derive(Debug, Clone, Serialize)]
pub struct Theme<'a> {
    /// The theme as first written.
    pub thema: String,
    /// Its results, by mission date.
    pub resultaten: Vec<&'a Resultaat>,
    /// Totals.
    pub totaal: Totals,
}

/// Groups results by theme, in the conventional theme order.
pub fn themes<'a>(results: &[&'a Resultaat]) -> Vec<Theme<'a>> {
    let mut groups: BTreeMap<(usize, String), Vec<&'a Resultaat>> = BTreeMap::new();
    for r in results {
        let (place, key) = theme_rank(&r.thema);
        // Known themes group however they are written (`investering`).
        let key = if place < THEME_ORDER.len() { String::new() } else { key };
        groups.entry((place, key)).or_default().push(r);
    }
    groups
        .into_iter()
        .map(|((place, _), resultaten)| Theme {
            thema: THEME_ORDER.get(place).map_or_else(|| resultaten[0].thema.clone(), |t| t.to_string()),
            totaal: Totals::of(resultaten.iter().copied()),
            resultaten,
        })
        .collect()
}

/// The missions a document is about: its own mission; else those of its
/// partner; narrowed to its period (`van`–`tot`) when it has one.
pub fn missions_of<'a>(model: &'a Model, doc: &Document) -> Vec<&'a Missie> {
    let in_period =
        |m: &&Missie| doc.van.is_none_or(|van| m.begindatum >= van) && doc.tot.is_none_or(|tot| m.begindatum <= tot);
    let mut missions: Vec<&Missie> = match (&doc.missie, &doc.partner) {
        (Some(id), _) => model.missions_with(id).collect(),
        (None, Some(partner)) => {
            let key = match_key(partner);
            model.missies.iter().filter(|m| match_key(&m.partner) == key).filter(in_period).collect()
        }
        (None, None) => model.missies.iter().filter(in_period).collect(),
    };
    missions.sort_by(|a, b| (a.begindatum, &a.missie).cmp(&(b.begindatum, &b.missie)));
    missions
}

fn mission_json(model: &Model, m: &Missie) -> Json {
    let mut value = serde_json::to_value(m).unwrap_or(Json::Null);
    let deelnemers: Vec<_> = model.members_of(&m.missie).collect();
    let resultaten: Vec<_> = model.results_of(&m.missie).collect();
    if let Json::Object(map) = &mut value {
        map.insert("deelnemers".into(), json!(deelnemers));
        map.insert("themas".into(), json!(themes(&resultaten)));
        map.insert("resultaten".into(), json!(resultaten));
    }
    value
}

/// The top-level names [`shared`] gives a text: the extra sheets by their
/// keys, `werkboek` and `documenten`.
pub fn shared_keys(model: &Model) -> Vec<&str> {
    model.tabellen.iter().map(|t| t.sleutel.as_str()).chain(["werkboek", "documenten"]).collect()
}

/// The part of every document's context that does not depend on the
/// document: every sheet outside the contract by its normalised name, all
/// documents, and `werkboek` (every sheet, unnarrowed). Built once per run.
pub fn shared(model: &Model) -> Json {
    let mut ctx = serde_json::Map::new();
    let mut werkboek = serde_json::Map::new();
    for table in &model.tabellen {
        ctx.insert(table.sleutel.clone(), json!(table.rijen));
        werkboek.insert(table.sleutel.clone(), json!(table.rijen));
    }
    werkboek.insert("missies".into(), json!(model.missies));
    werkboek.insert("deelnemers".into(), json!(model.deelnemers));
    werkboek.insert("resultaten".into(), json!(model.resultaten));
    werkboek.insert("documenten".into(), json!(model.documenten));
    ctx.insert("werkboek".into(), Json::Object(werkboek));
    ctx.insert("documenten".into(), json!(model.documenten));
    Json::Object(ctx)
}

/// What a document is about: its missions with their members and results,
/// and the totals over them. Computed once per document; the text context,
/// the letter and the report all print from it, so a figure is the same
/// wherever it appears.
#[derive(Debug)]
pub struct Scope<'a> {
    /// The missions, by start date.
    pub missies: Vec<&'a Missie>,
    /// Their delegation members.
    pub deelnemers: Vec<&'a Deelnemer>,
    /// Their results, by mission date.
    pub resultaten: Vec<&'a Resultaat>,
    /// The results by theme, in the conventional order.
    pub themas: Vec<Theme<'a>>,
    /// Totals over all results.
    pub totaal: Totals,
    /// Totals over the results of the theme Investeringen.
    pub investeringen: Totals,
    /// Number of outgoing missions.
    pub uitgaand: usize,
    /// Number of incoming missions.
    pub inkomend: usize,
}

impl<'a> Scope<'a> {
    /// The scope of a document.
    pub fn of(model: &'a Model, doc: &Document) -> Scope<'a> {
        let missies = missions_of(model, doc);
        let ids: HashMap<&str, (NaiveDate, usize)> =
            missies.iter().enumerate().map(|(i, m)| (m.missie.as_str(), (m.begindatum, i))).collect();
        let unique: Vec<&str> = ids.keys().copied().collect();
        let deelnemers = model.members_of_all(&unique);
        let mut resultaten: Vec<&Resultaat> = model.results_of_all(&unique);
        resultaten.sort_by_key(|r| ids.get(r.missie.as_str()).copied());
        let themas = themes(&resultaten);
        let investeringen =
            themas.iter().find(|t| is_investment(&t.thema)).map(|t| t.totaal.clone()).unwrap_or_default();
        let count = |dir| missies.iter().filter(|m| m.richting == dir).count();
        Scope {
            uitgaand: count(Richting::Uitgaand),
            inkomend: count(Richting::Inkomend),
            totaal: Totals::of(resultaten.iter().copied()),
            investeringen,
            themas,
            resultaten,
            deelnemers,
            missies,
        }
    }
}

/// Whether a theme is the investments theme (`Investeringen`).
pub fn is_investment(theme: &str) -> bool {
    theme_rank(theme).0 == 0
}

/// Builds the context of one document (without the [`shared`] part).
pub fn build(model: &Model, doc: &Document, scope: &Scope) -> Json {
    let missie =
        doc.missie.as_ref().and_then(|id| model.mission(id)).map(|m| mission_json(model, m)).unwrap_or(Json::Null);
    let mut ctx = serde_json::Map::new();
    ctx.insert("document".into(), json!(doc));
    ctx.insert("afzender".into(), json!(model.sender(doc)));
    // A letter to one member sees that member, and only that one, as its recipient.
    if let Some(member) = doc.ontvanger.and_then(|i| model.deelnemers.get(i)) {
        ctx.insert("ontvanger".into(), json!(member));
        ctx.insert("deelnemer".into(), json!(member));
    } else if let Some(aan) = doc.aan.as_deref().filter(|_| doc.kind.addressed_to_one()) {
        // An outgoing letter to one addressee: its name is the first line of `aan`.
        let regels: Vec<&str> = aan.split(['\n', ';']).map(str::trim).filter(|l| !l.is_empty()).collect();
        ctx.insert("ontvanger".into(), json!({ "naam": regels.first(), "regels": regels }));
    }
    ctx.insert("missie".into(), missie);
    ctx.insert("missies".into(), Json::Array(scope.missies.iter().map(|m| mission_json(model, m)).collect()));
    ctx.insert("deelnemers".into(), json!(scope.deelnemers));
    ctx.insert("themas".into(), json!(scope.themas));
    ctx.insert("totaal".into(), json!(scope.totaal));
    ctx.insert("investeringen".into(), json!(scope.investeringen));
    ctx.insert("resultaten".into(), json!(scope.resultaten));
    ctx.insert(
        "aantallen".into(),
        json!({ "uitgaand": scope.uitgaand, "inkomend": scope.inkomend, "missies": scope.missies.len() }),
    );
    ctx.insert("taal".into(), json!(doc.taal));
    Json::Object(ctx)
}
