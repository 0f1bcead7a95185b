//! `missiedocs velden`: what a text can use for a document — every name of
//! its context with the value the data gives it, the filters with what
//! they make of a value, and the generated parts — in the run's language.

use std::io::Write;

use super::args::DataArgs;
use crate::batch;
use crate::document::{context, fields};
use crate::error::Failure;
use crate::lang::Lang;
use crate::say;
use crate::tr;

/// Prints the fields of `document` (the first document when `None`).
pub fn run(args: &DataArgs, document: Option<&str>, lang: Lang) -> Result<u8, Failure> {
    let mut prepared = batch::prepare(&args.data, args.templates.as_deref(), lang, batch::Typesetting::Nothing)?;
    let model = &prepared.model;
    let _err = std::io::stderr().lock();
    let doc = match document {
        Some(id) => model.documenten.iter().find(|d| d.document == id),
        None => model.documenten.first(),
    };
    let Some(doc) = doc else {
        let known: Vec<&str> = model.documenten.iter().map(|d| d.document.as_str()).take(10).collect();
        let message = match document {
            Some(id) => say!("geen document heet `{id}`", "no document is called `{id}`"),
            None => say!("het blad Documenten heeft geen rijen", "the Documenten sheet has no rows"),
        };
        let hint = match known.is_empty() {
            true => say!("zet een rij in het blad Documenten", "add a row to the Documenten sheet"),
            false => say!("documenten: {}", "documents: {}", known.join(", ")),
        };
        return Err(Failure::new(message).hint(hint));
    };
    let scope = context::Scope::of(model, doc);
    let mut ctx = context::shared(model);
    if let (serde_json::Value::Object(all), serde_json::Value::Object(own)) =
        (&mut ctx, context::build(model, doc, &scope))
    {
        all.extend(own);
    }
    let names = fields::of_context(&ctx, lang);
    let filters = fields::filters(&mut prepared.texts, lang);
    let mut out = std::io::stdout().lock();
    let _ = writeln!(
        out,
        "{}\n",
        tr!(
            lang,
            "Wat een tekst kan gebruiken voor `{}` (sjabloon {}), met de waarden uit {}:",
            "What a text can use for `{}` (template {}), with the values from {}:",
            doc.document,
            doc.sjabloon,
            args.data.display()
        )
    );
    let _ = write!(out, "{}", fields::print(&names));
    let _ = writeln!(out, "\n{}\n", tr!(lang, "Filters en onderdelen:", "Filters and parts:"));
    let _ = write!(out, "{}", fields::print(&filters));
    if document.is_none() && model.documenten.len() > 1 {
        let _ = writeln!(
            out,
            "\n{}",
            tr!(
                lang,
                "Een ander document: missiedocs velden --document <ID> ({} documenten).",
                "Another document: missiedocs velden --document <ID> ({} documents).",
                model.documenten.len()
            )
        );
    }
    Ok(0)
}
