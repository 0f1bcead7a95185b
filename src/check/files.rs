//! The files a row names: a signature that is a picture, PDF annexes that
//! open, and a merged copy's name no other document has.

use crate::input::annex::{is_pdf, open};
use crate::input::files::{data_file, picture};
use crate::model::problem::{Problem, Scope};
use crate::model::{Document, Model};

/// The problems of the files a row names.
pub(super) fn files(model: &Model, doc: &Document) -> Vec<Problem> {
    let doc_loc = |doc: &Document, column: &str| model.location("documenten", doc.line, column);
    let scope = Scope::Document(doc.line);
    let mut problems = Vec::new();
    if let Some(signature) = &doc.handtekening
        && let Err(why) = picture(&model.base_dir, signature)
    {
        problems.push(
            Problem::new(doc_loc(doc, "handtekening"), crate::error::said(&why), scope.clone())
                .value(signature.clone())
                .hint(crate::say!(
                    "een handtekening is een afbeelding (PNG, SVG, JPEG) in de map met gegevens",
                    "a signature is a picture (PNG, SVG, JPEG) in the data folder"
                )),
        );
    }
    for annex in doc.bijlagen.iter().filter(|b| is_pdf(b)) {
        let opened = match data_file(&model.base_dir, annex) {
            Ok(path) => open(annex, &path).map(drop).map_err(|e| crate::error::said(&e)),
            Err(e) => Err(crate::error::said(&e)),
        };
        if let Err(why) = opened {
            problems.push(Problem::new(doc_loc(doc, "bijlagen"), why, scope.clone()).value(annex.clone()));
        }
    }
    if doc.bijlagen.iter().any(|b| is_pdf(b)) {
        let merged = crate::model::merged_name(&doc.document);
        if let Some(other) = model.documenten.iter().find(|d| format!("{}.pdf", d.document) == merged) {
            problems.push(
                Problem::new(
                    doc_loc(other, "document"),
                    crate::say!(
                        "`{merged}` is al de naam van `{}` met zijn bijlagen",
                        "`{merged}` is already the name of `{}` with its annexes",
                        doc.document
                    ),
                    Scope::Document(other.line),
                )
                .value(other.document.clone()),
            );
        }
    }
    problems
}
