//! The senders: a logo is a picture read completely, as Typst will print
//! it, or a PDF.

use crate::input::files::{data_file, picture};
use crate::model::Model;
use crate::model::problem::{Location, Problem, Scope};

/// Every sender's logo that cannot print, at its cell.
pub(super) fn logos(model: &Model) -> Vec<Problem> {
    let mut problems = Vec::new();
    for (key, sender) in &model.afzenders {
        let Some(logo) = &sender.logo else { continue };
        // A logo is a picture read completely, as Typst will print it, or
        // a PDF (which Typst places as a picture too).
        let read =
            data_file(&model.base_dir, logo).map_err(|why| crate::error::said(&why)).and_then(
                |path| match starts_as_pdf(&path) {
                    true => Ok(()),
                    false => picture(&model.base_dir, logo).map(drop).map_err(|why| crate::error::said(&why)),
                },
            );
        if let Err(why) = read {
            // The cell: the `logo` row's value, in the sender's own sheet and file.
            problems.push(
                Problem::new(
                    Location {
                        file: sender.file.clone(),
                        sheet: Some(sender.sheet.clone()),
                        line: sender.rows.get("logo").copied(),
                        column: Some(sender.value_header.clone()),
                        passage: None,
                    },
                    why,
                    Scope::Sender(key.clone()),
                )
                .value(logo.clone()),
            );
        }
    }

    problems
}

/// Whether a file starts as a PDF does.
fn starts_as_pdf(path: &std::path::Path) -> bool {
    let mut head = [0u8; 5];
    std::fs::File::open(path).and_then(|mut f| std::io::Read::read_exact(&mut f, &mut head)).is_ok()
        && &head == b"%PDF-"
}
