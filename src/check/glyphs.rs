//! Fonts and characters: an organisation's font file that cannot be read, a
//! `lettertype` no font provides, and characters no font can print (an
//! emoji, a private-use character) — each a problem at its place, found
//! before anything renders, instead of Typst's message for a document.

use std::collections::HashMap;

use serde_json::Value as Json;

use crate::document::text::{TextEngine, body_template};
use crate::model::problem::{Location, MissionRef, Problem, Scope};
use crate::model::{Model, origin};
use crate::typeset::fonts::{Fonts, Glyphs};
use crate::typeset::templates::Templates;

/// The organisation's font files that cannot be read, and each sender's
/// `lettertype` that no font provides.
pub fn house_fonts(model: &Model, templates: &Templates, fonts: &Fonts) -> Vec<Problem> {
    let mut problems = Vec::new();
    let folder = templates.folder.clone().unwrap_or_default();
    for rel in &fonts.unreadable {
        problems.push(
            Problem::new(
                Location { file: folder.join(rel), ..Location::default() },
                crate::say!("het lettertype `{rel}` kan niet worden gelezen", "the font `{rel}` cannot be read"),
                Scope::All,
            )
            .hint(crate::say!(
                "gebruik een TrueType- of OpenType-bestand (.ttf, .otf) of haal het bestand weg",
                "use a TrueType or OpenType file (.ttf, .otf) or remove the file"
            )),
        );
    }
    for (key, sender) in &model.afzenders {
        let Some(family) = sender.lettertype.as_deref().filter(|f| !fonts.has_family(f)) else { continue };
        problems.push(
            Problem::new(
                model.cell_location(&sender.sheet, 0, "lettertype"),
                crate::say!("geen lettertype heet `{family}`", "no font is called `{family}`"),
                Scope::Sender(key.clone()),
            )
            .value(family)
            .hint(crate::say!("zet de lettertypebestanden in `sjablonen/fonts/` en schrijf de familienaam zoals het lettertype \
                 hem noemt; beschikbaar: {}",
                "put the font files in `sjablonen/fonts/` and write the family name as the font gives it;                  available: {}",
                fonts.families().join(", ")
            )),
        );
    }
    problems
}

/// Every cell of the workbook that holds a character no font can print.
pub fn unprintable_cells(model: &Model, glyphs: &Glyphs) -> Vec<Problem> {
    let mut problems = Vec::new();
    // One row at a time as JSON (its cells with their origin), so a big
    // workbook is never held twice.
    let mut check_row = |row: Json| {
        let Json::Object(map) = row else { return };
        let Some((sheet, line)) = map.get(origin::KEY).and_then(|m| Some((m.get(0)?.as_str()?, m.get(1)?.as_u64()?)))
        else {
            return;
        };
        for (column, value) in map.iter().filter(|(k, _)| k.as_str() != origin::KEY) {
            let Some((text, c)) = strings(value).find_map(|s| glyphs.first_missing(s).map(|c| (s, c))) else {
                continue;
            };
            let location = model.cell_location(sheet, line as usize, column);
            problems.push(problem(location, c, scope(model, sheet, line as usize)).value(text));
        }
    };
    model.missies.iter().filter_map(|r| to_check(r, glyphs)).for_each(&mut check_row);
    model.deelnemers.iter().filter_map(|r| to_check(r, glyphs)).for_each(&mut check_row);
    model.resultaten.iter().filter_map(|r| to_check(r, glyphs)).for_each(&mut check_row);
    model.documenten.iter().filter_map(|r| to_check(r, glyphs)).for_each(&mut check_row);
    model.afzenders.values().filter_map(|r| to_check(r, glyphs)).for_each(&mut check_row);
    model.tabellen.iter().flat_map(|t| &t.rijen).filter_map(|r| to_check(r, glyphs)).for_each(&mut check_row);
    problems
}

/// Every line of a text documents print that holds a character no font can
/// print.
pub fn unprintable_texts(model: &Model, texts: &TextEngine, glyphs: &Glyphs) -> Vec<Problem> {
    let mut problems = Vec::new();
    // Each text is read once, however many documents print it.
    let mut first_missing: HashMap<String, Option<(usize, char)>> = HashMap::new();
    let mut rows = std::collections::BTreeSet::new();
    for doc in model.documenten.iter().filter(|d| rows.insert(d.line)) {
        let Some(name) = body_template(doc) else { continue };
        let missing = first_missing.entry(name.clone()).or_insert_with(|| {
            let source = texts.source(&name)?;
            source.lines().enumerate().find_map(|(i, l)| glyphs.first_missing(l).map(|c| (i, c)))
        });
        if let Some((i, c)) = *missing {
            let location = texts.location(&model.base_dir, &name, Some(i + 1));
            problems.push(problem(location, c, Scope::Document(doc.line)));
        }
    }
    problems
}

/// A row as JSON, to check its cells; `None` when, written as JSON, it is
/// plain ASCII and the fonts cover ASCII (most rows: settled at a glance,
/// without holding the text). A row that cannot be written as JSON has no
/// cells to check.
fn to_check(row: &impl serde::Serialize, glyphs: &Glyphs) -> Option<Json> {
    if glyphs.covers_ascii() {
        let mut sink = Ascii(true);
        if serde_json::to_writer(&mut sink, row).is_ok() && sink.0 {
            return None;
        }
    }
    Some(serde_json::to_value(row).unwrap_or(Json::Null))
}

/// Takes written bytes and remembers whether all were ASCII.
struct Ascii(bool);

impl std::io::Write for Ascii {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        // JSON writes a control character as an escape, in ASCII: a row
        // with any escape is looked at closely.
        self.0 &= buf.is_ascii() && !buf.contains(&b'\\');
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// The strings in a cell's value (a list column holds several).
fn strings(value: &Json) -> Box<dyn Iterator<Item = &str> + '_> {
    match value {
        Json::String(s) => Box::new(std::iter::once(s.as_str())),
        Json::Array(items) => Box::new(items.iter().flat_map(strings)),
        _ => Box::new(std::iter::empty()),
    }
}

fn problem(location: Location, c: char, scope: Scope) -> Problem {
    let code = format!("U+{:04X}", c as u32);
    if c.is_control() {
        return Problem::new(
            location,
            crate::say!(
                "het stuurteken {code} is geen tekst en kan niet worden afgedrukt",
                "the control character {code} is not text and cannot be printed"
            ),
            scope,
        )
        .hint(crate::say!(
            "haal het teken weg; zo'n teken komt mee bij kopiëren uit een ander programma of bij een verkeerde \
             tekenset (sla CSV op als UTF-8)",
            "remove the character; such a character comes along when copying from another program or with the \
             wrong character set (save CSV as UTF-8)"
        ));
    }
    Problem::new(
        location,
        crate::say!(
            "het teken `{c}` ({code}) staat in geen enkel lettertype en kan niet worden afgedrukt",
            "the character `{c}` ({code}) is in no font and cannot be printed"
        ),
        scope,
    )
    .hint(crate::say!(
        "laat het teken weg of vervang het door tekst; missiedocs drukt Latijns, Grieks, Cyrillisch, Chinees, \
         Japans, Koreaans en Arabisch schrift af, geen emoji",
        "leave the character out or write it as text; missiedocs prints Latin, Greek, Cyrillic, Chinese, \
         Japanese, Korean and Arabic script, no emoji"
    ))
}

/// Which documents a cell stops: those of its row's mission, document,
/// sender or sheet.
fn scope(model: &Model, sheet: &str, line: usize) -> Scope {
    let mission = |id: &str| {
        model
            .missies
            .iter()
            .find(|m| m.missie == id)
            .map(|m| Scope::Mission(m.reference()))
            .unwrap_or_else(|| Scope::Mission(MissionRef { id: Some(id.to_string()), ..MissionRef::default() }))
    };
    match sheet {
        "missies" => {
            model.missies.iter().find(|m| m.line == line).map_or(Scope::All, |m| Scope::Mission(m.reference()))
        }
        "deelnemers" => model.deelnemers.iter().find(|d| d.line == line).map_or(Scope::All, |d| mission(&d.missie)),
        "resultaten" => model.resultaten.iter().find(|r| r.line == line).map_or(Scope::All, |r| mission(&r.missie)),
        "documenten" => Scope::Document(line),
        _ => match model.afzenders.iter().find(|(_, a)| a.sheet == sheet) {
            Some((key, _)) => Scope::Sender(key.clone()),
            None => Scope::Sheet(sheet.to_string()),
        },
    }
}
