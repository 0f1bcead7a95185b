//! The mission register: every mission id once, and every member and
//! result of a mission the Missies sheet has.

use std::collections::BTreeSet;

use crate::model::Model;
use crate::model::problem::{Location, MissionRef, Problem, Scope};

/// Missions listed twice, and members or results of a mission that is not there.
pub(super) fn register(model: &Model) -> Vec<Problem> {
    let mut problems = Vec::new();
    let sheet_loc = |sheet: &str, line: usize, column: &str| model.location(sheet, line, column);
    let missions: BTreeSet<&str> = model.mission_ids.iter().map(String::as_str).collect();
    let mut seen_missions = BTreeSet::new();
    for m in &model.missies {
        if !seen_missions.insert(m.missie.as_str()) {
            problems.push(
                Problem::new(
                    sheet_loc("missies", m.line, "missie"),
                    crate::say!("missie `{}` komt meer dan eens voor", "mission `{}` occurs more than once", m.missie),
                    Scope::Mission(m.reference()),
                )
                .value(m.missie.clone())
                .hint(crate::say!("geef elke missie een eigen id", "give every mission its own id")),
            );
        }
    }
    for (sheet, rows) in [
        ("deelnemers", model.deelnemers.iter().map(|d| (&d.missie, d.line)).collect::<Vec<_>>()),
        ("resultaten", model.resultaten.iter().map(|r| (&r.missie, r.line)).collect()),
    ] {
        for (missie, line) in rows {
            // Left out of every count, the row may belong to any partner's figures.
            let orphan = Scope::Mission(MissionRef { id: Some(missie.clone()), ..MissionRef::default() });
            if !missions.contains(missie.as_str()) {
                problems.push(unknown_mission(sheet_loc(sheet, line, "missie"), missie, &missions, orphan));
            }
        }
    }

    problems
}

/// A mission a row names that the Missies sheet does not have, with the
/// ids that look like it.
pub(super) fn unknown_mission(location: Location, missie: &str, known: &BTreeSet<&str>, scope: Scope) -> Problem {
    let mut p = Problem::new(
        location,
        crate::say!(
            "missie `{missie}` staat niet in het blad Missies",
            "mission `{missie}` is not in the Missies sheet"
        ),
        scope,
    )
    .value(missie);
    let close: Vec<&str> = known
        .iter()
        .filter(|k| k.eq_ignore_ascii_case(missie) || k.to_lowercase().contains(&missie.to_lowercase()))
        .copied()
        .collect();
    if !close.is_empty() {
        p.hint = Some(crate::say!("bedoelt u `{}`?", "did you mean `{}`?", close.join("`, `")));
    }
    p
}
