//! Letters to many: a `Documenten` row with `per` = `deelnemer` becomes one
//! document for every member of its mission, each with its own id (the
//! row's id and a readable, safe part of the member's name, numbered when
//! two share one) and its own recipient. Nothing is silently dropped: a row
//! that cannot be spread (no mission, a mission without members) stays one
//! document, which its problem stops.

use std::collections::BTreeSet;

use unicode_normalization::UnicodeNormalization;

use super::problem::{Problem, Scope};
use super::{Deelnemer, Model};
use crate::lang::Words;

/// Spreads every `per` row over its mission's members; the problems of
/// rows that cannot be spread.
pub fn spread(model: &mut Model) -> Vec<Problem> {
    let mut problems = Vec::new();
    let rows = std::mem::take(&mut model.documenten);
    let mut taken: BTreeSet<String> = rows.iter().map(|d| d.document.to_lowercase()).collect();
    let mut out = Vec::with_capacity(rows.len());
    // Missions whose members were looked at for one listed twice.
    let mut checked = BTreeSet::new();
    for doc in rows {
        if !doc.per_deelnemer {
            out.push(doc);
            continue;
        }
        // A row that cannot be spread stays one document, stopped at its `per` cell.
        let at_per = |message: Words| {
            Problem::new(model.location("documenten", doc.line, "per"), message, Scope::Document(doc.line))
                .value("deelnemer")
        };
        let Some(missie) = doc.missie.clone() else {
            problems.push(
                at_per(crate::say!(
                    "een brief per deelnemer hoort bij een missie, maar `missie` is leeg",
                    "a letter per member belongs to a mission, but `missie` is blank"
                ))
                .hint(crate::say!(
                    "vul in `missie` de missie in wier deelnemers een brief krijgen",
                    "fill in `missie` with the mission whose members get a letter"
                )),
            );
            out.push(doc);
            continue;
        };
        let members: Vec<usize> =
            model.deelnemers.iter().enumerate().filter(|(_, d)| d.missie == missie).map(|(i, _)| i).collect();
        // Members whose row has a problem still get their letter, listed and stopped.
        let unread: Vec<usize> =
            model.onleesbare_deelnemers.iter().filter(|(m, _)| *m == missie).map(|&(_, line)| line).collect();
        if members.is_empty() && unread.is_empty() {
            // An unknown mission is reported by the checks; a known one
            // without members is reported here.
            if model.missies.iter().any(|m| m.missie == missie) {
                problems.push(at_per(crate::say!(
                    "missie `{missie}` heeft geen deelnemers in het blad Deelnemers, dus geen brieven",
                    "mission `{missie}` has no members in the Deelnemers sheet, so no letters"
                )));
            }
            out.push(doc);
            continue;
        }
        if checked.insert(missie.clone()) {
            problems.extend(twice(model, &members));
        }
        let recipients = members.iter().map(|&i| {
            let member = &model.deelnemers[i];
            (slug(&member.naam), Some(i), (member.naam.clone(), member.line))
        });
        // A member that could not be read is named by its row: `-rij-7`.
        let unreadable = unread.iter().map(|&line| (format!("rij-{line}"), None, (String::new(), line)));
        for (part, ontvanger, lid) in recipients.chain(unreadable) {
            let base = format!("{}-{part}", doc.document);
            let mut id = base.clone();
            let mut n = 2;
            while !taken.insert(id.to_lowercase()) {
                id = format!("{base}-{n}");
                n += 1;
            }
            let mut letter = doc.clone();
            letter.document = id;
            letter.row_id = Some(doc.document.clone());
            letter.ontvanger = ontvanger;
            letter.lid = Some(lid);
            out.push(letter);
        }
    }
    model.documenten = out;
    problems
}

/// Members of one mission listed twice — the same name at the same
/// address — would each get the same letter: a problem at each row, naming
/// the other, stopping both letters.
fn twice(model: &Model, members: &[usize]) -> Vec<Problem> {
    let key = |d: &Deelnemer| {
        [Some(&d.naam), d.adres.as_ref(), d.postcode.as_ref(), d.plaats.as_ref(), d.land.as_ref()]
            .map(|v| v.map(|v| super::keys::match_key(v)).unwrap_or_default())
    };
    let mut rows: std::collections::HashMap<[String; 5], Vec<usize>> = std::collections::HashMap::new();
    for &i in members {
        rows.entry(key(&model.deelnemers[i])).or_default().push(model.deelnemers[i].line);
    }
    let mut problems = Vec::new();
    for &i in members {
        let member = &model.deelnemers[i];
        let lines = &rows[&key(member)];
        if lines.len() < 2 {
            continue;
        }
        let listed: Vec<String> = lines.iter().map(usize::to_string).collect();
        problems.push(
            Problem::new(
                model.location("deelnemers", member.line, "naam"),
                crate::say!("`{}` staat meer dan eens bij missie `{}` (rijen {}), met hetzelfde adres; elk van die rijen zou dezelfde brief krijgen",
                    "`{}` is listed more than once for mission `{}` (rows {}), at the same address; each of those rows would get the same letter",
                    member.naam,
                    member.missie,
                    listed.join(", ")
                ),
                Scope::Recipient(member.line),
            )
            .value(member.naam.clone())
            .hint(crate::say!("verwijder de dubbele rijen; zijn het verschillende mensen, vul dan elk hun eigen adres in",
                "delete the rows that repeat; if they are different people, fill in each one's own address"
            )),
        );
    }
    problems
}

/// A readable, portable part of a name for a file name: letters without
/// their accents, other scripts written in Latin letters (`deunicode`),
/// lower case, words joined by `-`, at most 40 characters.
///
/// ```
/// use missiedocs::model::recipients::slug;
/// assert_eq!(slug("B. Öztürk"), "b-ozturk");
/// assert_eq!(slug("Haven & Co. (Rotterdam)"), "haven-co-rotterdam");
/// assert_eq!(slug("李明"), "li-ming");
/// assert_eq!(slug("Γιώργος Παπαδόπουλος"), "giorgos-papadopoulos");
/// assert_eq!(slug("\u{E000}"), "deelnemer");
/// ```
pub fn slug(name: &str) -> String {
    let mut out = String::new();
    let latin: String =
        name.nfd().filter(|c| c.is_ascii() || !unicode_normalization::char::is_combining_mark(*c)).collect();
    for c in deunicode::deunicode_with_tofu(&latin, " ").chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    }
    let mut out: String = out.trim_end_matches('-').chars().take(40).collect();
    while out.ends_with('-') {
        out.pop();
    }
    if out.is_empty() { "deelnemer".into() } else { out }
}

impl Deelnemer {
    /// Whether the member's address is abroad (a country other than the
    /// Netherlands is given).
    ///
    /// ```
    /// # use missiedocs::model::Deelnemer;
    /// let mut d = Deelnemer::default();
    /// assert!(!d.abroad());
    /// d.land = Some("Nederland".into());
    /// assert!(!d.abroad());
    /// d.land = Some("China".into());
    /// assert!(d.abroad());
    /// ```
    pub fn abroad(&self) -> bool {
        let land = self.land.as_deref().unwrap_or_default().trim().to_lowercase();
        !matches!(land.as_str(), "" | "nederland" | "nl" | "the netherlands" | "netherlands")
    }
}
