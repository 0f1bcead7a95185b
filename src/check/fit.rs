//! What must fit on a letter's first page, measured with the fonts the
//! letter is set in: every value of the side column (44 mm; an address may
//! break after `@`, `.`, `/` and `-`, nothing is hyphenated) and the return
//! address and address block inside a window envelope's window (85 mm wide,
//! at most [`WINDOW_LINES`] lines). A value that cannot fit is a problem at
//! its cell, before anything renders — not a line cut off at the page edge.
//! The measures are those of `templates/lib/brief.typ`.

use typst::text::{Font, FontStyle, FontWeight};
use typst_kit::fonts::FontSource;

use crate::document::letter::{HOME_COUNTRY, address, lines, written_abroad};
use crate::document::words::{KindWords, Words};
use crate::lang::Lang;
use crate::model::kind::Layout;
use crate::model::problem::{Location, Problem, Scope};
use crate::model::{Afzender, Deelnemer, Document, Model};
use crate::typeset::fonts::{Face, Fonts};

/// The side column's width, in mm.
pub const SIDE_WIDTH: f64 = 44.0;
/// The size of its values, in pt.
const SIDE_SIZE: f64 = 8.0;
/// The window's usable width, in mm (a C5/DL window is 90 mm).
pub const WINDOW_WIDTH: f64 = 85.0;
/// The size of the address block, in pt.
const ADDRESS_SIZE: f64 = 9.5;
/// The size of the return address, in pt, and its letter spacing in em.
const RETURN_SIZE: f64 = 7.0;
const RETURN_TRACKING: f64 = 0.04;
/// The most lines of the address block the window shows (45 mm high, the
/// return address above them).
pub const WINDOW_LINES: usize = 7;
/// The most lines of the return address.
const RETURN_LINES: usize = 2;

const MM_PER_PT: f64 = 25.4 / 72.0;

/// Widths of text in the letter's regular face, and in the fallbacks for
/// the characters it lacks.
pub struct Measure {
    faces: Vec<Font>,
    /// Advance widths in em, by character, as measured so far.
    advances: std::cell::RefCell<std::collections::HashMap<char, f64>>,
}

impl Measure {
    /// The regular face of `family` (the house font when `None` or unknown)
    /// and the built-in fallbacks.
    pub fn new(fonts: &Fonts, family: Option<&str>) -> Measure {
        let regular = |name: &str| {
            let name = name.to_lowercase();
            let mut of_family: Vec<&Face> =
                fonts.faces.iter().filter(|f| f.info().family.to_lowercase() == name).collect();
            of_family.sort_by_key(|f| {
                let v = f.info().variant;
                (
                    v.style != FontStyle::Normal,
                    (v.weight.to_number() as i32 - FontWeight::REGULAR.to_number() as i32).abs(),
                )
            });
            of_family.first().and_then(|face| match face {
                Face::Builtin(builtin, _) => builtin.load(),
                Face::Own(font) => Some(font.clone()),
            })
        };
        let mut faces: Vec<Font> = family.and_then(regular).into_iter().collect();
        for name in ["Open Sans", "Droid Sans Fallback", "NanumGothic", "Noto Sans Arabic"] {
            faces.extend(regular(name));
        }
        Measure { faces, advances: Default::default() }
    }

    /// The advance width of a character in em: from the first face that
    /// has it.
    fn advance(&self, c: char) -> f64 {
        if let Some(&em) = self.advances.borrow().get(&c) {
            return em;
        }
        let em = self
            .faces
            .iter()
            .find_map(|font| {
                let ttf = ttf_parser::Face::parse(font.data(), font.index()).ok()?;
                let glyph = ttf.glyph_index(c)?;
                Some(f64::from(ttf.glyph_hor_advance(glyph)?) / f64::from(ttf.units_per_em()))
            })
            .unwrap_or(if c.is_control() { 0.0 } else { 0.6 });
        self.advances.borrow_mut().insert(c, em);
        em
    }

    /// The width of `text` at `size` pt plus `tracking` em a character, in mm.
    pub fn width(&self, text: &str, size: f64, tracking: f64) -> f64 {
        let ems: f64 = text.chars().map(|c| self.advance(c) + tracking).sum();
        ems * size * MM_PER_PT
    }

    /// The lines `text` takes in a column `width` mm wide, breaking at
    /// spaces (and after `@ . / -` where `address` says), never inside a
    /// word; or the first piece that is wider than the column.
    fn wrap<'t>(&self, text: &'t str, width: f64, size: f64, tracking: f64, address: bool) -> Result<usize, &'t str> {
        let space = self.width(" ", size, tracking);
        let mut lines = 0;
        let mut used = f64::INFINITY;
        for word in text.split_whitespace() {
            for (i, piece) in pieces(word, address).into_iter().enumerate() {
                let w = self.width(piece, size, tracking);
                if w > width {
                    return Err(piece);
                }
                let gap = if i == 0 { space } else { 0.0 };
                if used + gap + w > width {
                    lines += 1;
                    used = w;
                } else {
                    used += gap + w;
                }
            }
        }
        Ok(lines)
    }
}

/// A word cut after every character a line may break after: `-` always,
/// and in an address also `@`, `.` and `/`.
fn pieces(word: &str, address: bool) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = 0;
    for (i, c) in word.char_indices() {
        if c == '-' || (address && matches!(c, '@' | '.' | '/')) {
            out.push(&word[start..i + c.len_utf8()]);
            start = i + c.len_utf8();
        }
    }
    if start < word.len() {
        out.push(&word[start..]);
    }
    out
}

/// Every value of a letter's first page that cannot fit, at its cell.
pub fn letters(model: &Model, fonts: &Fonts) -> Vec<Problem> {
    let letters: Vec<_> = model.documenten.iter().filter(|d| d.kind.layout() != Layout::Report).collect();
    if letters.is_empty() {
        return Vec::new();
    }
    let mut problems = Vec::new();
    let mut measures: std::collections::HashMap<Option<&str>, Measure> = std::collections::HashMap::new();
    let mut senders_done = std::collections::BTreeSet::new();
    let mut members_done = std::collections::BTreeSet::new();
    let mut returns_done = std::collections::BTreeSet::new();
    for doc in letters {
        let key = model.sender_key(doc);
        let sender = model.sender(doc);
        let measure = measures
            .entry(sender.lettertype.as_deref())
            .or_insert_with(|| Measure::new(fonts, sender.lettertype.as_deref()));
        if senders_done.insert(key.clone()) {
            problems.extend(sender_column(model, sender, &key, measure));
        }
        problems.extend(row_column(model, doc, measure));
        if doc.kind.layout() == Layout::Memo {
            continue;
        }
        // The window: return address and addressee.
        let recipient = doc.ontvanger.and_then(|i| model.deelnemers.get(i));
        let aan = match recipient {
            Some(member) => address(member),
            None => {
                let provincie = sender.soort.as_deref().is_some_and(|s| s.eq_ignore_ascii_case("provincie"));
                lines(Some(doc.aan.as_deref().unwrap_or(KindWords::of(doc.kind, doc.taal, provincie).aan)))
            }
        };
        let abroad = recipient.map_or_else(|| written_abroad(&aan), Deelnemer::abroad);
        let return_lines = match return_line(model, sender, &key, (abroad, doc.taal), measure) {
            Ok(n) => n,
            Err(p) => {
                // Said once per sender (and once more for its letters abroad,
                // or in another language).
                if returns_done.insert((key.clone(), abroad, doc.taal.code())) {
                    problems.push(*p);
                }
                continue;
            }
        };
        if recipient.is_some_and(|m| !members_done.insert(m.line)) {
            continue;
        }
        problems.extend(address_block(model, doc, recipient, &aan, return_lines, measure));
    }
    problems
}

/// The side column's values from a row of Documenten.
fn row_column(model: &Model, doc: &Document, measure: &Measure) -> Vec<Problem> {
    let mut problems = Vec::new();
    // The side column's values from the row.
    let fields = [
        ("behandeld_door", &doc.behandeld_door),
        ("telefoon", &doc.telefoon),
        ("kenmerk", &doc.kenmerk),
        ("email", &doc.email),
        ("uw_kenmerk", &doc.uw_kenmerk),
    ];
    for (column, value) in fields {
        let Some(value) = value else { continue };
        if let Some(p) =
            side_value(measure, value, model.location("documenten", doc.line, column), Scope::Document(doc.line))
        {
            problems.push(p);
        }
    }
    problems
}

/// The address block in the envelope window, under `return_lines` of
/// return address: no word wider than the window, no more lines than it shows.
fn address_block(
    model: &Model,
    doc: &Document,
    recipient: Option<&Deelnemer>,
    aan: &[String],
    return_lines: usize,
    measure: &Measure,
) -> Vec<Problem> {
    let mut problems = Vec::new();
    let location = |column: &str| match recipient {
        Some(m) => model.location("deelnemers", m.line, column),
        None => model.location("documenten", doc.line, "aan"),
    };
    let scope = || match recipient {
        Some(m) => Scope::Recipient(m.line),
        None => Scope::Document(doc.line),
    };
    let mut total = 0;
    for (i, line) in aan.iter().enumerate() {
        let column = recipient.map_or("aan", |m| member_column(m, i));
        match measure.wrap(line, WINDOW_WIDTH, ADDRESS_SIZE, 0.0, false) {
            Ok(n) => total += n,
            Err(word) => {
                problems.push(too_wide(location(column), line, word, WINDOW_WIDTH, scope()).hint(crate::say!(
                    "het adres staat in het venster van de envelop ({WINDOW_WIDTH} mm breed): kort het woord af",
                    "the address stands in the envelope's window ({WINDOW_WIDTH} mm wide): shorten the word"
                )));
                total = 0;
                break;
            }
        }
    }
    let room = WINDOW_LINES.saturating_sub(return_lines.saturating_sub(1));
    if total > room {
        let column = recipient.map_or("aan", |_| "adres");
        problems.push(
            Problem::new(
                location(column),
                crate::say!(
                    "het adres van `{}` neemt {total} regels in; in het venster van de envelop passen er {room}",
                    "the address of `{}` takes {total} lines; the envelope's window holds {room}",
                    doc.document
                ),
                scope(),
            )
            .value(aan.join("; "))
            .hint(crate::say!(
                "schrijf het adres korter of in minder regels",
                "write the address shorter or in fewer lines"
            )),
        );
    }
    problems
}

/// The column of a member's address line `i` as [`address`] makes them.
fn member_column(member: &Deelnemer, i: usize) -> &'static str {
    let mut columns = vec!["naam"];
    if member.organisatie.is_some() {
        columns.push("organisatie");
    }
    columns.extend(std::iter::repeat_n("adres", lines(member.adres.as_deref()).len()));
    columns.push("plaats");
    columns.push("land");
    columns.get(i).copied().unwrap_or("adres")
}

/// The sender's lines in the side column: addresses, telephone, website.
fn sender_column(model: &Model, sender: &Afzender, key: &str, measure: &Measure) -> Vec<Problem> {
    let fields = [
        ("bezoekadres", &sender.bezoekadres),
        ("postadres", &sender.postadres),
        ("telefoon", &sender.telefoon),
        ("website", &sender.website),
    ];
    let mut problems = Vec::new();
    for (column, value) in fields {
        for line in lines(value.as_deref()) {
            let location = model.cell_location(&sender.sheet, 0, column);
            if let Some(p) = side_value(measure, &line, location, Scope::Sender(key.to_string())) {
                problems.push(p);
                break;
            }
        }
    }
    problems
}

/// The lines of the return address, or why it does not fit.
/// `letter` is the language the letter is written in (its label), `lang`
/// that of the messages.
fn return_line(
    model: &Model,
    sender: &Afzender,
    key: &str,
    (abroad, letter): (bool, Lang),
    measure: &Measure,
) -> Result<usize, Box<Problem>> {
    let Some(written) = sender.retouradres.as_deref().filter(|r| !r.trim().is_empty()) else { return Ok(0) };
    let label = Words::of(letter).retouradres.to_uppercase();
    let country = if abroad { format!(", {HOME_COUNTRY}") } else { String::new() };
    let line = format!("{label} {written}{country}");
    let location = || model.cell_location(&sender.sheet, 0, "retouradres");
    let scope = || Scope::Sender(key.to_string());
    match measure.wrap(&line, WINDOW_WIDTH, RETURN_SIZE, RETURN_TRACKING, false) {
        Ok(n) if n <= RETURN_LINES => Ok(n),
        Ok(n) => Err(Box::new(
            Problem::new(
                location(),
                crate::say!(
                    "het retouradres neemt {n} regels in het venster van de envelop in; er passen er {RETURN_LINES}",
                    "the return address takes {n} lines in the envelope's window; it holds {RETURN_LINES}"
                ),
                scope(),
            )
            .value(written)
            .hint(crate::say!("schrijf het retouradres korter", "write the return address shorter")),
        )),
        Err(word) => Err(Box::new(too_wide(location(), written, word, WINDOW_WIDTH, scope()))),
    }
}

/// A value of the side column that has a piece wider than the column.
fn side_value(measure: &Measure, value: &str, location: Location, scope: Scope) -> Option<Problem> {
    let address = !value.trim().contains(' ');
    let word = measure.wrap(value, SIDE_WIDTH, SIDE_SIZE, 0.0, address).err()?;
    Some(too_wide(location, value, word, SIDE_WIDTH, scope).hint(crate::say!(
        "de kolom naast de brief is {SIDE_WIDTH} mm breed; een regel breekt alleen bij een spatie of na `-` (een \
         adres ook na `@`, `.` en `/`): schrijf het korter",
        "the column beside the letter is {SIDE_WIDTH} mm wide; a line breaks only at a space or after `-` (an \
         address also after `@`, `.` and `/`): write it shorter"
    )))
}

fn too_wide(location: Location, value: &str, word: &str, width: f64, scope: Scope) -> Problem {
    Problem::new(
        location,
        crate::say!(
            "`{word}` past niet op één regel van {width} mm en zou buiten de pagina vallen",
            "`{word}` does not fit on one line of {width} mm and would run off the page"
        ),
        scope,
    )
    .value(value)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::typeset::templates::Templates;

    #[test]
    fn widths_follow_the_font() {
        let fonts = Fonts::load(&Templates::new(None, Lang::Nl));
        let m = Measure::new(&fonts, None);
        let narrow = m.width("iiii", 10.0, 0.0);
        let wide = m.width("WWWW", 10.0, 0.0);
        assert!(wide > 2.0 * narrow, "{wide} vs {narrow}");
        // The default e-mail address fits the column; the long one breaks.
        assert!(m.wrap("internationaal@voorbeeldstad.nl", SIDE_WIDTH, SIDE_SIZE, 0.0, true) == Ok(1));
        let long = "internationale.samenwerking.handelsbevordering@voorbeeldstad.nl";
        assert!(m.wrap(long, SIDE_WIDTH, SIDE_SIZE, 0.0, true).unwrap() >= 2);
        assert_eq!(m.wrap(long, SIDE_WIDTH, SIDE_SIZE, 0.0, false), Err(long));
        assert_eq!(
            m.wrap("2024/INTERNATIONALESAMENWERKING", 30.0, SIDE_SIZE, 0.0, true),
            Err("INTERNATIONALESAMENWERKING")
        );
        // Chinese characters are measured with the fallback.
        assert!(m.width("李明", 10.0, 0.0) > m.width("ii", 10.0, 0.0));
    }

    #[test]
    fn pieces_end_after_break_characters() {
        assert_eq!(pieces("a.b@c.nl", true), ["a.", "b@", "c.", "nl"]);
        assert_eq!(pieces("a.b@c.nl", false), ["a.b@c.nl"]);
        assert_eq!(pieces("Heijden-Vermeulen", false), ["Heijden-", "Vermeulen"]);
    }
}
