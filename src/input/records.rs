//! Each contract sheet's row made into its record — `Missie`, `Deelnemer`,
//! `Resultaat`, `Document` — through a [`RowReader`], every cell by its
//! field's type and rules (a draft, a letter per member, a Woo category).

use chrono::Datelike;

use super::rows::RowReader;
use crate::lang::{Lang, Words};
use crate::model::archive::{Openbaarheid, Termijn, Waardering};
use crate::model::keys::match_key;
use crate::model::problem::{MissionRef, Scope};
use crate::model::*;

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
            crate::say!(
                "`{richting_text}` is geen richting: de richting is `uitgaand` of `inkomend`",
                "`{richting_text}` is not a direction: the direction is `uitgaand` or `inkomend`"
            ),
            Some(crate::say!(
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
            crate::say!(
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
                crate::say!("`{given}` is geen Woo-informatiecategorie", "`{given}` is not a Woo information category"),
                Some(crate::say!("kies uit {}", "choose from {}", crate::model::categories::category_labels())),
            );
            None
        }
    }
}

/// A column read by `parse`: blank is `None`; a value `parse` cannot read
/// is a problem at the cell (`Err`), with what it is not and a hint.
fn read_as<T>(
    r: &mut RowReader<'_, '_>,
    column: &str,
    parse: impl Fn(&str) -> Option<T>,
    not: fn(&str) -> Words,
    hint: Words,
) -> Result<Option<T>, ()> {
    let Some(given) = r.text(column) else { return Ok(None) };
    match parse(&given) {
        Some(read) => Ok(Some(read)),
        None => {
            r.problem(column, Some(given.clone()), not(&given), Some(hint));
            Err(())
        }
    }
}

/// The `waardering` and `bewaartermijn` columns. A document kept for good
/// has no retention period: both given is a problem at the period.
fn retention(r: &mut RowReader<'_, '_>) -> (Option<Waardering>, Option<Termijn>) {
    let waardering = read_as(
        r,
        "waardering",
        Waardering::parse,
        |given| crate::say!("`{given}` is geen waardering", "`{given}` is not an appraisal"),
        crate::say!(
            "gebruik `B` (blijvend te bewaren), `V` (tijdelijk te bewaren) of `N` (nader te bepalen)",
            "use `B` (kept for good), `V` (kept for a time) or `N` (to be determined)"
        ),
    )
    .unwrap_or_default();
    let termijn = read_as(
        r,
        "bewaartermijn",
        Termijn::parse,
        |given| crate::say!("`{given}` is geen bewaartermijn", "`{given}` is not a retention period"),
        crate::say!(
            "schrijf een aantal jaren of maanden, zoals `10 jaar`, `6 maanden` of `P10Y` (ten hoogste 500 jaar)",
            "write a number of years or months, such as `10 jaar`, `6 maanden` or `P10Y` (at most 500 years)"
        ),
    )
    .unwrap_or_default();
    if let (Some(Waardering::Blijvend), Some(_)) = (waardering, termijn) {
        let given = r.text("bewaartermijn");
        r.problem(
            "bewaartermijn",
            given,
            crate::say!(
                "een document dat blijvend wordt bewaard heeft geen bewaartermijn",
                "a document kept for good has no retention period"
            ),
            Some(crate::say!(
                "maak de cel leeg, of zet de waardering op `V` (tijdelijk te bewaren)",
                "clear the cell, or set the appraisal to `V` (kept for a time)"
            )),
        );
        return (waardering, None);
    }
    (waardering, termijn)
}

/// The `openbaarheid` column: public unless it says otherwise; a value
/// that cannot be read is not known to be public, so never published.
fn openness(r: &mut RowReader<'_, '_>) -> Openbaarheid {
    let read = read_as(
        r,
        "openbaarheid",
        Openbaarheid::parse,
        |given| {
            crate::say!("`{given}` is geen waarde voor `openbaarheid`", "`{given}` is not a value for `openbaarheid`")
        },
        crate::say!(
            "gebruik `openbaar`, `beperkt openbaar` of `niet openbaar`",
            "use `openbaar`, `beperkt openbaar` or `niet openbaar`"
        ),
    );
    read.map(Option::unwrap_or_default).unwrap_or(Openbaarheid::NietOpenbaar)
}

/// A column that switches something on by one of a few words (blank is
/// off); another value is a problem at the cell, with `hint`.
fn switch(r: &mut RowReader<'_, '_>, column: &str, on: &[&str], off: &[&str], hint: Words) -> bool {
    let given = r.text(column).unwrap_or_default();
    let word = given.trim().to_lowercase();
    if word.is_empty() || off.contains(&word.as_str()) {
        return false;
    }
    if on.contains(&word.as_str()) {
        return true;
    }
    let message = crate::say!("`{given}` is geen waarde voor `{column}`", "`{given}` is not a value for `{column}`");
    r.problem(column, Some(given), message, Some(hint));
    false
}

/// The `status` column: `concept` (a draft) or `definitief` (the default).
fn draft(r: &mut RowReader<'_, '_>) -> bool {
    let hint = crate::say!("gebruik `concept` of `definitief`", "use `concept` or `definitief`");
    switch(r, "status", &["concept", "draft"], &["definitief", "final"], hint)
}

/// The `per` column: `deelnemer` makes a letter for every member.
fn per(r: &mut RowReader<'_, '_>) -> bool {
    let hint = crate::say!(
        "laat de cel leeg voor één document, of schrijf `deelnemer` voor een brief aan elke deelnemer van de missie",
        "leave the cell blank for one document, or write `deelnemer` for a letter to every member of the mission"
    );
    switch(r, "per", &["deelnemer", "deelnemers", "member"], &[], hint)
}

/// A row of `Documenten`. A row with problems is kept, so the document is
/// accounted for as failed; its problems block it.
pub(super) fn document(r: &mut RowReader<'_, '_>, kind_of: &(dyn Fn(&str) -> DocumentKind + Sync)) -> Document {
    r.scope = Scope::Document(r.row.line);
    let id = r.required("document");
    let taal_text = r.text("taal").unwrap_or_default();
    let taal = Lang::parse(&taal_text).unwrap_or_else(|| {
        r.problem(
            "taal",
            Some(taal_text.clone()),
            crate::say!("`{taal_text}` is geen bekende taal", "`{taal_text}` is not a known language"),
            Some(crate::say!("gebruik `nl` of `en`", "use `nl` or `en`")),
        );
        Lang::Nl
    });
    let concept = draft(r);
    let per_deelnemer = per(r);
    let sjabloon = r.required("sjabloon");
    let (waardering, bewaartermijn) = retention(r);
    Document {
        kind: kind_of(&sjabloon),
        sjabloon,
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
        waardering,
        bewaartermijn,
        openbaarheid: openness(r),
        extra: r.extra(),
        line: r.row.line,
        document: id,
    }
}
