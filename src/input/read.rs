//! A workbook read, whichever the path is: a spreadsheet file
//! (`spreadsheet/`) or a folder of CSV files (`csv.rs`); empty, or two
//! sheets that are one, refused.

use std::fs;
use std::path::Path;

use super::read_error::{ReadError, ReadErrorKind};
use super::workbook::{Workbook, same_sheets};
use crate::lang::Lang;

/// Reads a workbook file or a folder of CSV files; messages in `lang`.
pub fn read(path: &Path, lang: Lang) -> Result<Workbook, ReadError> {
    let meta = fs::metadata(path).map_err(|e| match e.kind() {
        std::io::ErrorKind::NotFound => ReadErrorKind::Missing(path.to_path_buf()),
        _ => ReadErrorKind::Io { path: path.to_path_buf(), source: e },
    });
    let sheets = match meta {
        Ok(meta) if meta.is_dir() => super::csv::read_dir(path, lang),
        Ok(_) => super::spreadsheet::read(path, lang),
        Err(kind) => Err(kind),
    };
    match sheets {
        Ok(sheets) if sheets.is_empty() => Err(ReadErrorKind::Empty(path.to_path_buf()).in_lang(lang)),
        Ok(sheets) => match same_sheets(&sheets) {
            Some((first, second)) => Err(ReadErrorKind::SameSheet {
                path: path.to_path_buf(),
                first: first.to_string(),
                second: second.to_string(),
            }
            .in_lang(lang)),
            None => Ok(Workbook { path: path.to_path_buf(), sheets }),
        },
        Err(kind) => Err(kind.in_lang(lang)),
    }
}
