//! Which problems stop which document. A document is stopped by every
//! problem in what it uses (its row, its sender, its missions with their
//! members and results, the sheets it prints); a document no problem stops
//! has its texts filled in, where a printed blank cell or a text error stops
//! it too. `check` and `render` both go through here, so they agree.

use std::collections::BTreeSet;

use crate::document::pictures::PictureError;
use crate::document::text::{PLAIN_PREFIX, TextEngine, TextError, body_template, subject_template};
use crate::document::{self, BuildError, DocData};
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
    let stopping = blocking(problems, &uses(model, texts, doc));
    if !stopping.is_empty() {
        return Err(stopping.into_iter().cloned().collect());
    }
    document::build(model, doc, texts, shared).map_err(|err| vec![build_problem(model, doc, texts, err)])
}

/// A document whose data could not be built, as a problem.
fn build_problem(model: &Model, doc: &Document, texts: &TextEngine, err: BuildError) -> Problem {
    match err {
        BuildError::Text(err) => text_problem(model, doc, texts, err),
        BuildError::Picture(err) => picture_problem(model, doc, texts, *err),
    }
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
    problem.in_lang(texts.lang())
}

/// Every problem of the data, as `check` lists them: those found reading
/// and validating it, and those met filling in the texts of each document
/// no other problem stops — exactly what stops documents in `render`.
pub fn every_problem(model: &Model, problems: &[Problem], texts: &TextEngine) -> Vec<Problem> {
    let shared = crate::document::text::shared(model, texts);
    let mut all = problems.to_vec();
    for doc in &model.documenten {
        if blocking(problems, &uses(model, texts, doc)).is_empty()
            && let Err(err) = document::build(model, doc, texts, &shared)
        {
            let problem = build_problem(model, doc, texts, err);
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
    let lang = texts.lang();
    let scope = Scope::Document(doc.line);
    let subject = err.name.as_deref().is_some_and(|n| n.starts_with(PLAIN_PREFIX));
    let text = if subject {
        tr!(lang, "het onderwerp", "the subject")
    } else {
        format!("`{}`", err.name.as_deref().unwrap_or_default())
    };
    let mut problem = match &err.cell {
        Some(cell) => Problem::new(
            model.cell_location(&cell.sheet, cell.line, &cell.column, lang),
            tr!(
                lang,
                "de cel is leeg, maar {text} van document `{}` drukt haar af",
                "the cell is blank, but {text} of document `{}` prints it",
                doc.document
            ),
            scope,
        ),
        None if subject => {
            Problem::new(model.location("documenten", doc.line, "onderwerp"), err.message.clone(), scope)
                .value(doc.onderwerp.clone())
        }
        None => Problem::new(
            texts.location(&model.base_dir, err.name.as_deref().unwrap_or_default(), err.line),
            err.message.clone(),
            scope,
        ),
    };
    let word = err.name.as_deref().is_some_and(|n| texts.is_word(n));
    match err.snippet {
        // A Word text's Markdown is not what its writer sees: quote the
        // paragraph's words instead.
        Some(_) if word => {
            problem.hint = err
                .source_line
                .map(|line| tr!(lang, "in de tekst: {}", "in the text: {}", crate::input::word::write::plain(&line)))
        }
        Some(snippet) => problem.snippet = Some(snippet.into()),
        None => problem.hint = err.source_line.map(|line| tr!(lang, "in de tekst: {}", "in the text: {}", line.trim())),
    }
    problem.in_lang(lang)
}
