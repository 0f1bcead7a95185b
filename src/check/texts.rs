//! The texts a row names: its subject and its text file loaded into the
//! run's engine (see `document::text::load`), each once, and what cannot be
//! loaded a problem at its place.

use std::collections::BTreeSet;

use crate::document::text::load::{LoadError, load};
use crate::document::text::{TextEngine, body_template, subject_template};
use crate::input::files::data_file;
use crate::model::problem::{Location, Problem, Scope};
use crate::model::{Document, Model};

use super::assess;

/// Loads a row's subject and text into the engine (each once: `loaded_texts`
/// holds the texts loaded so far); the problems of those that cannot be.
pub fn load_for(
    model: &Model,
    doc: &Document,
    texts: &mut TextEngine,
    loaded_texts: &mut BTreeSet<String>,
) -> Vec<Problem> {
    let doc_loc = |doc: &Document, column: &str| model.location("documenten", doc.line, column);
    let scope = Scope::Document(doc.line);
    let mut problems = Vec::new();
    // Rows with the same subject share its template; one that failed
    // was not added, so each of its rows meets the error.
    let subject = subject_template(doc);
    if !texts.has(&subject)
        && let Err(err) = texts.add(&subject, &doc.onderwerp)
    {
        problems.push(assess::text_problem(model, doc, texts, err));
    }
    if let (Some(rel), Some(name)) = (&doc.tekst, body_template(doc)) {
        if loaded_texts.contains(&name) {
            return problems;
        }
        let path = match data_file(&model.base_dir, rel) {
            Ok(path) => path,
            Err(why) => {
                problems.push(
                    Problem::new(doc_loc(doc, "tekst"), crate::error::said(&why), scope.clone()).value(rel.clone()),
                );
                return problems;
            }
        };
        match load(texts, &name, rel, &path) {
            Ok(()) => {
                loaded_texts.insert(name);
            }
            Err(LoadError::Text(err)) => problems.push(assess::text_problem(model, doc, texts, err)),
            Err(LoadError::File(message, hint)) => {
                problems.push(Problem::new(doc_loc(doc, "tekst"), message, scope.clone()).value(rel.clone()).hint(hint))
            }
            Err(LoadError::Refused(message, hint)) => problems.push(
                Problem::new(
                    Location { file: model.base_dir.join(rel), ..Location::default() },
                    message,
                    scope.clone(),
                )
                .hint(hint),
            ),
        }
    }
    problems
}
