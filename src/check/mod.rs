//! Validation across rows and files, one rule a file: the mission register
//! ([`missions`]), the senders' logos ([`senders`]), document ids
//! ([`ids`]), what a row refers to ([`documents`]), the files it names
//! ([`files`]), its texts, loaded into the [`TextEngine`] here so
//! rendering never touches the file system for them ([`texts`]), and the
//! addresses of letters to members ([`addresses`]). The problems come per
//! row, in the order of the sheet.

mod addresses;
pub mod assess;
mod documents;
mod files;
pub mod fit;
pub mod glyphs;
mod ids;
mod missions;
mod senders;
mod texts;

use std::collections::BTreeSet;

use crate::document::text::TextEngine;
use crate::model::{Model, Problem};
use crate::typeset::templates::Templates;
pub use ids::unsafe_file_name;
pub use texts::load_for as load_texts;

/// Checks the model and loads its text templates; returns every problem.
pub fn validate(model: &Model, templates: &Templates, texts: &mut TextEngine) -> Vec<Problem> {
    let mut problems = missions::register(model);
    problems.extend(senders::logos(model));
    let mission_ids: BTreeSet<&str> = model.mission_ids.iter().map(String::as_str).collect();
    let known = templates.names();
    let mut ids = ids::Ids::default();
    let mut loaded_texts = BTreeSet::new();
    let mut rows_seen = BTreeSet::new();
    for doc in &model.documenten {
        // A row spread over its mission's members is checked once, by its own id.
        if !rows_seen.insert(doc.line) {
            continue;
        }
        problems.extend(ids.check(model, doc));
        problems.extend(documents::references(model, templates, &known, &mission_ids, doc));
        problems.extend(files::files(model, doc));
        problems.extend(texts::load_for(model, doc, texts, &mut loaded_texts));
    }
    problems.extend(addresses::addresses(model));
    problems
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unsafe_ids() {
        for id in ["", "../../x", "a/b", "a\\b", "CON", "nul.txt", ".verborgen", "x ", "a:b", "a\u{0}b"] {
            assert!(unsafe_file_name(id).is_some(), "{id:?}");
        }
        for id in ["rib-2022", "Memo 7", "evaluatie_2020.v2", "brief-é"] {
            assert!(unsafe_file_name(id).is_none(), "{id:?}");
        }
    }
}
