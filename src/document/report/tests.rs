//! Unit tests of the report parts: totals over the right missions, the same
//! figures everywhere, Dutch cells, parts placed in the text.

use super::*;
use crate::model::{Afzender, DocumentKind};
use chrono::NaiveDate;
use place::plain;

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

fn mission(id: &str, partner: &str, richting: Richting, begin: NaiveDate) -> Missie {
    Missie {
        missie: id.into(),
        titel: format!("Missie {id}"),
        richting,
        partner: partner.into(),
        land: None,
        bestemming: vec!["Wuhan".into()],
        begindatum: begin,
        einddatum: None,
        leiding: None,
        doel: None,
        kosten: None,
        jaar: begin.year(),
        extra: Default::default(),
        line: 0,
    }
}

fn result(missie: &str, thema: &str, bedrag: Option<f64>, banen: Option<i64>) -> Resultaat {
    Resultaat {
        missie: missie.into(),
        thema: thema.into(),
        omschrijving: format!("{thema} van {missie}"),
        soort: None,
        partij: None,
        bedrag,
        banen,
        datum: None,
        extra: Default::default(),
        line: 0,
    }
}

fn report_doc(partner: &str, van: NaiveDate, tot: NaiveDate) -> Document {
    Document {
        document: "evaluatie".into(),
        sjabloon: "evaluatie".into(),
        kind: DocumentKind::Evaluatie,
        onderwerp: "Evaluatie".into(),
        datum: tot,
        missie: None,
        partner: Some(partner.into()),
        van: Some(van),
        tot: Some(tot),
        aan: None,
        aanhef: None,
        kenmerk: None,
        uw_kenmerk: None,
        behandeld_door: None,
        telefoon: None,
        email: None,
        ondertekenaar: None,
        functie: None,
        handtekening: None,
        tekst: None,
        bijlagen: Vec::new(),
        taal: Lang::Nl,
        concept: false,
        per_deelnemer: false,
        row_id: None,
        ontvanger: None,
        lid: None,
        verzonden: None,
        afzender: None,
        informatiecategorie: None,
        waardering: None,
        bewaartermijn: None,
        openbaarheid: Default::default(),
        extra: Default::default(),
        line: 0,
    }
}

fn model() -> Model {
    use Richting::*;
    Model {
        afzenders: [(String::new(), Afzender { naam: "Provincie".into(), ..Default::default() })].into(),
        missies: vec![
            mission("old", "Hubei", Uitgaand, date(2009, 5, 1)),
            mission("a", "Hubei", Uitgaand, date(2015, 5, 12)),
            mission("in", "HUBEI", Inkomend, date(2016, 9, 1)),
            mission("b", "Hubei", Uitgaand, date(2018, 11, 5)),
            mission("other", "Shandong", Uitgaand, date(2017, 1, 1)),
        ],
        resultaten: vec![
            result("b", "investering", Some(1_250_000.0), Some(12)),
            result("a", "Onderwijs", None, None),
            result("a", "Investeringen", Some(2_500_000.0), Some(25)),
            result("in", "Handel", None, None),
            result("in", "Architectuur", None, None),
            result("old", "Investeringen", Some(9e6), Some(90)),
            result("other", "Investeringen", Some(1e6), Some(5)),
        ],
        ..Default::default()
    }
}

#[test]
fn totals_count_only_the_partners_missions_in_the_period() {
    let model = model();
    let doc = report_doc("Hubei", date(2010, 1, 1), date(2018, 12, 31));
    let scope = Scope::of(&model, &doc);
    let ids: Vec<&str> = scope.missies.iter().map(|m| m.missie.as_str()).collect();
    assert_eq!(ids, ["a", "in", "b"]);
    assert_eq!((scope.uitgaand, scope.inkomend), (2, 1));
    assert_eq!(scope.investeringen, Totals { aantal: 2, bedrag: 3_750_000.0, banen: 37 });
    assert_eq!(scope.totaal.aantal, 5);
    let themes: Vec<&str> = scope.themas.iter().map(|t| t.thema.as_str()).collect();
    assert_eq!(themes, ["Investeringen", "Handel", "Onderwijs", "Architectuur"]);
}

#[test]
fn report_prints_the_same_totals_everywhere() {
    let model = model();
    let doc = report_doc("Hubei", date(2010, 1, 1), date(2018, 12, 31));
    let scope = Scope::of(&model, &doc);
    let report = build(&model, &doc, &scope);
    assert_eq!(report.periode, "1 januari 2010 tot en met 31 december 2018");
    let figure = |label: &str| report.kerncijfers.iter().find(|f| f.label.starts_with(label)).unwrap().waarde.clone();
    assert_eq!(figure("Investeringsprojecten"), "2");
    assert_eq!(figure("Geïnvesteerd"), "€ 3,75 miljoen");
    assert_eq!(figure("Banen"), "37");
    let invest = &report.themas[0];
    // The theme's table has the totals; no tiles repeat the report's own.
    assert!(invest.kerncijfers.is_empty());
    assert_eq!(invest.tabel.totaal.as_deref().unwrap(), ["Totaal", "2 projecten", "", "€ 3.750.000", "37"]);
    assert_eq!(invest.tabel.rijen[0][..2], ["2015".to_string(), "Investeringen van a".into()]);
    // One bar group per year of the period; the 2009 mission is outside it.
    assert_eq!(report.missies_per_jaar.jaren, (2010..=2018).collect::<Vec<_>>());
    assert_eq!(report.missies_per_jaar.waarden[5], [1, 0]);
    assert_eq!(report.missies_per_jaar.waarden[6], [0, 1]);
    assert!(report.missies_per_jaar.alt.contains("2015: 1 uitgaand; 2016: 1 inkomend; 2018: 1 uitgaand"));
    assert_eq!(report.resultaten_per_jaar.max, 2);
    let titles: Vec<&str> = report.bijlagen.iter().map(|b| b.titel.as_str()).collect();
    assert_eq!(titles, ["Uitgaande delegaties", "Inkomende delegaties", "Resultaten per missie"]);
    assert_eq!(report.bijlagen[0].delen[0].tabel.rijen.len(), 2);
}

#[test]
fn extra_sheet_cells_follow_dutch_style() {
    let cell = |v: TableCell, header: &str| format_cell(&v, header, Lang::Nl);
    let text = |s: &str| TableCell::Text(s.into());
    assert_eq!(cell(TableCell::Number(0.33), "FTE"), ("0,33".into(), true));
    assert_eq!(cell(TableCell::Number(1234.567), "Afstand"), ("1.234,567".into(), true));
    assert_eq!(cell(TableCell::Number(1135.0), "Werknemers"), ("1.135".into(), true));
    assert_eq!(cell(TableCell::Number(15000.0), "Budget p.j."), ("€ 15.000".into(), true));
    assert_eq!(cell(TableCell::Number(1234.5), "Kosten (€)"), ("€ 1.234,50".into(), true));
    assert_eq!(cell(TableCell::Number(2019.0), "Jaar"), ("2019".into(), true));
    let date = NaiveDate::from_ymd_opt(2019, 11, 17).unwrap();
    assert_eq!(cell(TableCell::Date(date), "Datum"), ("17 november 2019".into(), false));
    assert_eq!(cell(TableCell::Empty, "Budget"), (String::new(), false));
    // Text prints exactly as typed: telephone, KvK and BSN numbers, codes.
    assert_eq!(cell(text("0612345678"), "Telefoon"), ("0612345678".into(), true));
    assert_eq!(cell(text("01234567"), "KvK"), ("01234567".into(), true));
    assert_eq!(cell(text("007"), "Agent"), ("007".into(), true));
    assert_eq!(cell(text("123456782"), "BSN"), ("123456782".into(), true));
    assert_eq!(cell(text("06-12345678"), "Mobiel"), ("06-12345678".into(), true));
    assert_eq!(cell(text("1.234"), "Aantal"), ("1.234".into(), true));
    assert_eq!(cell(text("± € 15.000"), "Budget"), ("± € 15.000".into(), false));
}

#[test]
fn unplaced_parts_get_a_chapter_before_the_conclusion() {
    let model = model();
    let doc = report_doc("Hubei", date(2010, 1, 1), date(2018, 12, 31));
    let scope = Scope::of(&model, &doc);
    let report = build(&model, &doc, &scope);
    let mut nodes = crate::document::markdown::parse("# Inleiding\n\nTekst.\n\n# Conclusies\n\nGoed.\n");
    place_parts(&mut nodes, &report, Lang::Nl);
    let outline: Vec<String> = nodes
        .iter()
        .filter_map(|n| match n {
            Node::Heading { c, .. } => Some(plain(c)),
            Node::Onderdeel { naam, niveau } => Some(format!("{naam}@{niveau}")),
            _ => None,
        })
        .collect();
    assert_eq!(
        outline,
        [
            "Inleiding",
            "Resultaten per thema",
            "kerncijfers@2",
            "missies_per_jaar@2",
            "resultaten_per_jaar@2",
            "resultaten_per_thema@2",
            "Conclusies"
        ]
    );

    // A text that places every part keeps its own order.
    let mut placed = crate::document::markdown::parse(&format!(
        "# Resultaten\n{}{}{}{}",
        crate::document::markdown::part_marker("resultaten_per_thema"),
        crate::document::markdown::part_marker("kerncijfers"),
        crate::document::markdown::part_marker("missies_per_jaar"),
        crate::document::markdown::part_marker("resultaten_per_jaar"),
    ));
    crate::document::markdown::normalize_headings(&mut placed);
    let before = placed.clone();
    place_parts(&mut placed, &report, Lang::Nl);
    assert_eq!(placed, before);
    assert!(matches!(&placed[1], Node::Onderdeel { naam, niveau: 2 } if naam == "resultaten_per_thema"));
}
