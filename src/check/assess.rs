//! Which problems stop which document. A document is stopped by every
//! problem in what it uses (its row, its sender, its missions with their
//! members and results, the sheets it prints); a document no problem stops
//! has its texts filled in, where a printed blank cell or a text error stops
//! it too. `check` and `render` both go through here, so they agree.

use std::collections::BTreeSet;

use crate::document::markdown::{Flaw, MAX_DEPTH};
use crate::document::pictures::PictureError;
use crate::document::text::{PLAIN_PREFIX, TextEngine, TextError, body_template, subject_template};
use crate::document::{self, BuildError, DocData};
use crate::input::workbook::MAX_WORD_CHARS;
use crate::lang::Words;
use crate::model::keys::match_key;
use crate::model::problem::{Problem, Scope, Uses};
use crate::model::{Document, Model};
use crate::tr;

/// What a document uses, for [`Problem::blocks`].
pub fn uses<'a>(model: &Model, texts: &TextEngine, doc: &'a Document) -> Uses<'a> {
    let mut names: BTreeSet<String> = texts.names(&subject_template(doc));
    if let Some(body) = body_template(doc) {
        names.extend(texts.names(&body));
    }
    Uses {
        line: doc.line,
        recipient: doc.ontvanger.and_then(|i| model.deelnemers.get(i)).map(|d| d.line),
        sender: model.sender_key(doc),
        missie: doc.missie.as_deref(),
        partner: doc.partner.as_deref().map(match_key),
        van: doc.van,
        tot: doc.tot,
        // Reports print every other sheet as an appendix; letters do not.
        all_sheets: doc.kind.is_report(),
        names,
    }
}

/// The problems that stop a document.
pub fn blocking<'p>(problems: &'p [Problem], uses: &Uses<'_>) -> Vec<&'p Problem> {
    problems.iter().filter(|p| p.blocks(uses)).collect()
}

/// The problems that stop no document: rows nothing uses. They are still
/// errors; `render` reports them and exits with 1, as `check` does.
pub fn unattached<'p>(model: &Model, texts: &TextEngine, problems: &'p [Problem]) -> Vec<&'p Problem> {
    let all: Vec<Uses<'_>> = model.documenten.iter().map(|d| uses(model, texts, d)).collect();
    problems.iter().filter(|p| !all.iter().any(|u| p.blocks(u))).collect()
}

/// A document's data, or the problems that stop it: those in what it uses,
/// else the one its texts meet when filled in.
pub fn document(
    model: &Model,
    problems: &[Problem],
    texts: &TextEngine,
    shared: &minijinja::Value,
    doc: &Document,
) -> Result<DocData, Vec<Problem>> {
    let uses = uses(model, texts, doc);
    let stopping = blocking(problems, &uses);
    if !stopping.is_empty() {
        return Err(stopping.into_iter().cloned().collect());
    }
    build(model, doc, texts, shared, &uses).map_err(|problem| vec![*problem])
}

/// A document's data, or the problem its texts meet when filled in (a
/// hidden sheet they name, a text error, a picture that cannot be placed).
fn build(
    model: &Model,
    doc: &Document,
    texts: &TextEngine,
    shared: &minijinja::Value,
    uses: &Uses<'_>,
) -> Result<DocData, Box<Problem>> {
    if let Some(problem) = hidden_sheet(model, doc, uses).or_else(|| shared_key(model, doc, uses, texts.lang())) {
        return Err(Box::new(problem));
    }
    document::build(model, doc, texts, shared).map_err(|err| Box::new(build_problem(model, doc, texts, err)))
}

/// A hidden sheet a document's texts name: a hidden sheet is never printed.
fn hidden_sheet(model: &Model, doc: &Document, uses: &Uses<'_>) -> Option<Problem> {
    let (name, _) = model.verborgen.iter().find(|(_, key)| uses.names.contains(key))?;
    let text = body_template(doc).unwrap_or_default();
    Some(
        Problem::new(
            crate::model::problem::Location {
                file: model.source.clone(),
                sheet: Some(name.clone()),
                ..Default::default()
            },
            crate::say!("de tekst `{text}` van document `{}` leest het blad `{name}`, maar dat blad is verborgen; een verborgen blad wordt nooit afgedrukt",
                "the text `{text}` of document `{}` reads the sheet `{name}`, but that sheet is hidden; a hidden sheet is never printed",
                doc.document
            ),
            Scope::Document(doc.line),
        )
        .hint(crate::say!("mag het blad openbaar worden, maak het dan zichtbaar (rechtermuisknop op een bladtab → Zichtbaar maken); anders haal je het uit de tekst",
            "if the sheet may be made public, unhide it (right-click a sheet tab → Unhide); otherwise take it out of the text"
        ))
        ,
    )
}

/// A name a document's texts read that two sheets outside the contract
/// answer to (`Budget (€)` and `Budget` are both `budget`): which one the
/// text would print is a guess.
fn shared_key(model: &Model, doc: &Document, uses: &Uses<'_>, lang: crate::lang::Lang) -> Option<Problem> {
    let (key, sheets) = uses.names.iter().find_map(|key| {
        let sheets: Vec<&str> = model.tabellen.iter().filter(|t| &t.sleutel == key).map(|t| t.naam.as_str()).collect();
        (sheets.len() > 1).then_some((key, sheets))
    })?;
    let text = body_template(doc).unwrap_or_default();
    let listed: Vec<String> = sheets.iter().map(|s| format!("`{s}`")).collect();
    Some(
        Problem::new(
            crate::model::problem::Location { file: model.source.clone(), ..Default::default() },
            crate::say!("de tekst `{text}` van document `{}` leest `{key}`, maar de bladen {} heten zo allebei; welk bedoeld is, zou een gok zijn",
                "the text `{text}` of document `{}` reads `{key}`, but the sheets {} both go by that name; which one is meant would be a guess",
                doc.document,
                listed.join(tr!(lang, " en ", " and ").as_str())
            ),
            Scope::Document(doc.line),
        )
        .hint(crate::say!("geef de bladen namen die ook zonder leestekens en speciale tekens verschillen",
            "give the sheets names that differ without punctuation and special characters too"
        ))
        ,
    )
}

/// What a run says of the hidden sheets and rows it leaves out of a
/// report's appendices.
pub fn hidden_warning(model: &Model, doc: &Document, lang: crate::lang::Lang) -> Option<String> {
    if !doc.kind.is_report() {
        return None;
    }
    let mut said = Vec::new();
    if !model.verborgen.is_empty() {
        let names: Vec<String> = model.verborgen.iter().map(|(name, _)| format!("`{name}`")).collect();
        said.push(tr!(
            lang,
            "verborgen bladen staan niet als bijlage in het rapport: {}",
            "hidden sheets are not printed as appendices of the report: {}",
            names.join(", ")
        ));
    }
    for table in model.tabellen.iter().filter(|t| !t.verborgen_rijen.is_empty()) {
        said.push(tr!(
            lang,
            "verborgen rijen van blad `{}` staan niet in de bijlage: {}",
            "hidden rows of sheet `{}` are not printed in the appendix: {}",
            table.naam,
            rows(&table.verborgen_rijen, lang)
        ));
    }
    (!said.is_empty()).then(|| said.join("; "))
}

/// What a run says of rows hidden in contract sheets: read as every
/// other row (hiding a row is a view, not a deletion).
pub fn hidden_rows_warnings(model: &Model, lang: crate::lang::Lang) -> Vec<String> {
    model
        .verborgen_rijen
        .iter()
        .map(|(sheet, lines)| match lines.is_empty() {
            true => tr!(
                lang,
                "blad `{sheet}` is verborgen in het werkboek; het wordt gelezen als elk ander blad",
                "sheet `{sheet}` is hidden in the workbook; it is read as any other sheet"
            ),
            false => tr!(
                lang,
                "blad `{sheet}`: {} verborgen in het werkboek; die worden gelezen als alle andere rijen (verwijder een rij die niet mee mag tellen)",
                "sheet `{sheet}`: {} hidden in the workbook; they are read as every other row (delete a row that must not count)",
                rows(lines, lang)
            ),
        })
        .collect()
}

/// `rij 5`, `rijen 3, 5`; many rows (a filter hides thousands) as the
/// first ten and how many more.
fn rows(lines: &[usize], lang: crate::lang::Lang) -> String {
    let mut listed: Vec<String> = lines.iter().take(10).map(usize::to_string).collect();
    if lines.len() > 10 {
        listed.push(tr!(lang, "… ({} in totaal)", "… ({} in all)", lines.len()));
    }
    match lines.len() {
        1 => tr!(lang, "rij {}", "row {}", listed[0]),
        _ => tr!(lang, "rijen {}", "rows {}", listed.join(", ")),
    }
}

/// A document whose data could not be built, as a problem.
fn build_problem(model: &Model, doc: &Document, texts: &TextEngine, err: BuildError) -> Problem {
    match err {
        BuildError::Text(err) => text_problem(model, doc, texts, err),
        BuildError::Picture(err) => picture_problem(model, doc, texts, *err),
        BuildError::Flaw(flaw) => flaw_problem(model, doc, texts, flaw),
    }
}

/// What a text holds that cannot be carried into the document, at the
/// first line of the text that shows it.
fn flaw_problem(model: &Model, doc: &Document, texts: &TextEngine, flaw: Flaw) -> Problem {
    let name = body_template(doc).unwrap_or_default();
    let (message, hint, needles, value) = match &flaw {
        Flaw::TooDeep => (
            crate::say!(
                "de tekst `{name}` is dieper dan {MAX_DEPTH} niveaus in elkaar gezet (citaten, lijsten of nadruk binnen elkaar)",
                "the text `{name}` nests deeper than {MAX_DEPTH} levels (quotes, lists or emphasis inside each other)"
            ),
            crate::say!("maak de opbouw van de tekst platter", "make the text's structure flatter"),
            Vec::new(),
            None,
        ),
        Flaw::Link(url) => (
            crate::say!(
                "de link `{url}` in `{name}` gaat niet naar een webpagina of e-mailadres",
                "the link `{url}` in `{name}` does not lead to a web page or e-mail address"
            ),
            crate::say!(
                "alleen links met https:, http: of mailto: komen in een document; schrijf het volledige adres, zoals https://www.maastricht.nl, of laat de link weg",
                "only links with https:, http: or mailto: go into a document; write the full address, such as https://www.maastricht.nl, or leave the link out"
            ),
            vec![format!("]({url}"), format!("<{url}>"), format!("]: {url}"), url.clone()],
            Some(url.clone()),
        ),
        Flaw::Html(first) => (
            crate::say!(
                "`{name}` bevat een blok HTML (`{first}`) dat niet kan worden afgedrukt; de inhoud zou verdwijnen",
                "`{name}` holds a block of HTML (`{first}`) that cannot be printed; its content would vanish"
            ),
            crate::say!(
                "schrijf de inhoud als gewone tekst (Markdown); van HTML worden alleen <strong>, <em>, <sup>, <sub>, <s> en <br> binnen een alinea gelezen",
                "write the content as plain text (Markdown); of HTML only <strong>, <em>, <sup>, <sub>, <s> and <br> inside a paragraph are read"
            ),
            vec![first.clone()],
            Some(first.clone()),
        ),
        Flaw::UnusedFootnote(label) => (
            crate::say!(
                "voetnoot `[^{label}]` staat in `{name}`, maar de tekst verwijst er nergens naar, dus zij zou niet worden afgedrukt",
                "footnote `[^{label}]` is written in `{name}`, but the text never refers to it, so it would not be printed"
            ),
            crate::say!(
                "zet [^{label}] in de tekst waar de voetnoot hoort, of haal de voetnoot weg",
                "put [^{label}] in the text where the footnote belongs, or remove the footnote"
            ),
            vec![format!("[^{label}]:")],
            None,
        ),
        Flaw::UndefinedFootnote(label) => (
            crate::say!(
                "`{name}` verwijst naar voetnoot `[^{label}]`, maar die voetnoot staat nergens (of staat in een andere voetnoot)",
                "`{name}` refers to footnote `[^{label}]`, but that footnote is not written anywhere (or is inside another footnote)"
            ),
            crate::say!(
                "schrijf de voetnoot onder de tekst: [^{label}]: de tekst van de voetnoot",
                "write the footnote below the text: [^{label}]: the text of the footnote"
            ),
            vec![format!("[^{label}]")],
            None,
        ),
        Flaw::LongWord(start) => (
            crate::say!(
                "`{name}` bevat een woord van meer dan {MAX_WORD_CHARS} tekens zonder spatie (`{start}…`); zo'n woord past op geen regel en geen PDF kan het bevatten",
                "`{name}` holds a word of more than {MAX_WORD_CHARS} characters without a space (`{start}…`); such a word fits no line and no PDF can hold it"
            ),
            crate::say!("zet spaties in de tekst of kort hem in", "put spaces in the text or shorten it"),
            vec![start.clone()],
            None,
        ),
    };
    let line = texts.source(&name).and_then(|source| {
        needles.iter().find_map(|needle| source.lines().position(|l| l.contains(needle.as_str())).map(|i| i + 1))
    });
    let mut problem = Problem::new(texts.location(&model.base_dir, &name, line), message, Scope::Document(doc.line));
    if let Some(value) = value {
        problem = problem.value(value);
    }
    problem.hint(hint)
}

/// A picture that cannot be placed, at its line in the text.
fn picture_problem(model: &Model, doc: &Document, texts: &TextEngine, err: PictureError) -> Problem {
    let name = body_template(doc).unwrap_or_default();
    // The text as written; its first line naming the picture is where it is.
    let line = texts.source(&name).and_then(|source| {
        source
            .lines()
            .position(|l| l.contains(&format!("({}", err.bestand)) || l.contains(&format!("(<{}>)", err.bestand)))
            .map(|i| i + 1)
    });
    let mut location = texts.location(&model.base_dir, &name, line);
    location.file = model.base_dir.join(&err.text);
    let mut problem = Problem::new(location, err.message, Scope::Document(doc.line));
    // A picture inside a Word text has no name its writer knows.
    if !texts.is_embedded(&err.bestand) {
        problem = problem.value(err.bestand);
    }
    problem.hint = err.hint;
    problem
}

/// Every problem of the data, as `check` lists them: those found reading
/// and validating it, and those met filling in the texts of each document
/// no other problem stops — exactly what stops documents in `render`.
pub fn every_problem(model: &Model, problems: &[Problem], texts: &TextEngine) -> Vec<Problem> {
    let shared = crate::document::text::shared(model, texts);
    let mut all = problems.to_vec();
    for doc in &model.documenten {
        let uses = uses(model, texts, doc);
        if blocking(problems, &uses).is_empty()
            && let Err(problem) = build(model, doc, texts, &shared, &uses)
        {
            let problem = *problem;
            // A row's letters to many meet the same text error once each.
            if !all.contains(&problem) {
                all.push(problem);
            }
        }
    }
    all
}

/// A text that failed while filled in, as a problem: at the blank cell it
/// printed, else at its line in the text (or at the `onderwerp` cell).
pub fn text_problem(model: &Model, doc: &Document, texts: &TextEngine, err: TextError) -> Problem {
    let scope = Scope::Document(doc.line);
    let subject = err.name.as_deref().is_some_and(|n| n.starts_with(PLAIN_PREFIX));
    let text = |lang| match subject {
        true => tr!(lang, "het onderwerp", "the subject"),
        false => format!("`{}`", err.name.as_deref().unwrap_or_default()),
    };
    let mut problem = match &err.cell {
        Some(cell) => Problem::new(
            model.cell_location(&cell.sheet, cell.line, &cell.column),
            Words::by(|lang| {
                tr!(
                    lang,
                    "de cel is leeg, maar {} van document `{}` drukt haar af",
                    "the cell is blank, but {} of document `{}` prints it",
                    text(lang),
                    doc.document
                )
            }),
            scope,
        ),
        None if subject => {
            Problem::new(model.location("documenten", doc.line, "onderwerp"), err.message.clone(), scope)
                .value(doc.onderwerp.clone())
        }
        None => {
            // A name that does not exist, and one close to it that does.
            let mut message = err.message.clone();
            if let Some(near) = err.unknown.as_deref().and_then(|name| nearest_name(model, doc, name)) {
                message = message
                    .map(|lang, said| tr!(lang, "{said}; bedoelt u `{near}`?", "{said}; did you mean `{near}`?"));
            }
            Problem::new(
                texts.location(&model.base_dir, err.name.as_deref().unwrap_or_default(), err.line),
                message,
                scope,
            )
        }
    };
    let word = err.name.as_deref().is_some_and(|n| texts.is_word(n));
    match err.snippet {
        // A Word text's Markdown is not what its writer sees: quote the
        // paragraph's words instead.
        Some(_) if word => {
            problem.hint = err
                .source_line
                .map(|line| crate::say!("in de tekst: {}", "in the text: {}", crate::input::word::write::plain(&line)))
        }
        Some(snippet) => problem.snippet = Some(snippet),
        None => {
            problem.hint = err.source_line.map(|line| crate::say!("in de tekst: {}", "in the text: {}", line.trim()))
        }
    }
    problem
}

/// The name a text can read that is closest to `name` (`missie.partnr` →
/// `missie.partner`): same path but for the last part, at most a few
/// letters apart.
fn nearest_name(model: &Model, doc: &Document, name: &str) -> Option<String> {
    let scope = crate::document::context::Scope::of(model, doc);
    let ctx = crate::document::context::build(model, doc, &scope);
    let (path, last) = match name.rsplit_once('.') {
        Some((path, last)) => (Some(path), last),
        None => (None, name),
    };
    let keys: Vec<String> = match path {
        None => {
            let mut keys: Vec<String> = ctx.as_object().map(|o| o.keys().cloned().collect()).unwrap_or_default();
            keys.extend(crate::document::context::shared_keys(model).into_iter().map(str::to_string));
            keys
        }
        Some(path) => {
            let mut at = &ctx;
            for part in path.split('.') {
                at = at.get(part)?;
            }
            at.as_object()?.keys().filter(|k| !k.starts_with("__")).cloned().collect()
        }
    };
    let (distance, best) = keys.iter().map(|k| (edits(last, k), k)).min()?;
    (distance > 0 && distance <= 2.max(last.chars().count() / 4)).then(|| match path {
        Some(path) => format!("{path}.{best}"),
        None => best.clone(),
    })
}

/// The number of single-letter edits between two words (Levenshtein).
fn edits(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut diagonal = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let next = (row[j + 1] + 1).min(row[j] + 1).min(diagonal + usize::from(ca != *cb));
            diagonal = row[j + 1];
            row[j + 1] = next;
        }
    }
    row[b.len()]
}
