//! What `render` would refuse only while typesetting, found by `check`: an
//! organisation's own template (or an own file a template imports) can
//! hold an error Typst alone sees — a syntax error, a call that fails for
//! some document's data, a picture without a description that PDF/UA
//! refuses. Every document whose template uses an own file, and that
//! nothing else stops, is made by the same [`make`] as `render` uses, and
//! the PDF is thrown away. Built-in templates are not tried: their
//! tests typeset them.

use std::collections::HashMap;

use crate::document::text;
use crate::lang::{Lang, Words};
use crate::model::Problem;
use crate::model::problem::Scope;
use crate::typeset::Standard;

use super::Prepared;
use super::make::{Maker, Stopped, make};

/// Documents typeset between two trims of Typst's cache.
const TRIM_EVERY: usize = 16;

/// The problems `render` would meet typesetting the documents that use an
/// own template file, in the order of the documents; `standard` as
/// `render` would make them.
pub fn own_templates(prepared: &Prepared, standard: Standard, lang: Lang) -> Vec<Problem> {
    let Prepared { model, problems, texts, engine } = prepared;
    let templates = engine.templates();
    let mut own = HashMap::new();
    let tried: Vec<_> = model
        .documenten
        .iter()
        .filter(|doc| *own.entry(doc.sjabloon.as_str()).or_insert_with(|| templates.uses_own(&doc.sjabloon)))
        .collect();
    if tried.is_empty() {
        return Vec::new();
    }
    let context = text::shared(model, texts);
    // Made as `render` makes them, without Woo metadata or a project; the
    // PDFs are thrown away.
    let maker = Maker {
        engine,
        model,
        problems,
        texts,
        context: &context,
        standard,
        extras: Default::default(),
        emit_typst: None,
        lang,
    };
    let mut found = Vec::new();
    for some in tried.chunks(TRIM_EVERY) {
        let failed = crate::share::map(some, |doc| {
            let why = match make(&maker, doc) {
                // Stopped by another problem: that one is reported.
                Ok(_) | Err(Stopped::Problems(_)) => return None,
                Err(Stopped::Failed(err)) => crate::error::said(&err),
                Err(Stopped::Panicked) => Words::by(super::make::internal_error),
            };
            let message = crate::say!(
                "sjabloon `{}` kan document `{}` niet opmaken",
                "template `{}` cannot typeset document `{}`",
                doc.sjabloon,
                doc.document
            );
            let mut problem =
                Problem::new(model.location("documenten", doc.line, "sjabloon"), message, Scope::Document(doc.line))
                    .value(doc.sjabloon.clone());
            problem.snippet = Some(why.map(|_, why| why.trim_end().to_string()));
            Some(problem)
        });
        found.extend(failed.into_iter().flatten());
        comemo::evict(1);
    }
    comemo::evict(0);
    found
}
