//! Addresses of letters to members: a member written to has a street, a
//! town and, at home, a postcode.

use std::collections::BTreeSet;

use crate::model::Model;
use crate::model::problem::{Problem, Scope};

/// A letter to one member prints the member's address: a blank street or
/// town (or a blank postcode at home) stops that member's letter only.
pub(super) fn addresses(model: &Model) -> Vec<Problem> {
    let mut problems = Vec::new();
    let mut seen = BTreeSet::new();
    for doc in &model.documenten {
        let Some(member) = doc.ontvanger.and_then(|i| model.deelnemers.get(i)) else { continue };
        if !seen.insert(member.line) {
            continue;
        }
        let abroad = member.abroad();
        let fields = [("adres", &member.adres), ("plaats", &member.plaats), ("postcode", &member.postcode)];
        for (column, value) in fields {
            if value.is_some() || (column == "postcode" && abroad) {
                continue;
            }
            problems.push(
                Problem::new(
                    model.location("deelnemers", member.line, column),
                    crate::say!(
                        "de brief aan {} (`{}`) drukt het adres af, maar `{column}` is leeg",
                        "the letter to {} (`{}`) prints the address, but `{column}` is blank",
                        member.naam,
                        doc.document
                    ),
                    Scope::Recipient(member.line),
                )
                .hint(crate::say!(
                    "vul het adres van de deelnemer in: `adres`, `postcode` en `plaats` (en `land` buiten Nederland)",
                    "fill in the member's address: `adres`, `postcode` and `plaats` (and `land` abroad)"
                )),
            );
        }
    }
    problems
}
