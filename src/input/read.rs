//! A workbook read, whichever the path is: a spreadsheet file
//! (`spreadsheet/`) or a folder of CSV files (`csv.rs`); empty, or two
//! sheets that are one, refused.

use std::fs;
use std::path::Path;

use super::read_error::ReadError;
use super::workbook::{Workbook, same_sheets};
use crate::error::Failure;

/// Reads a workbook file or a folder of CSV files.
pub fn read(path: &Path) -> Result<Workbook, Failure> {
    let meta = fs::metadata(path).map_err(|e| match e.kind() {
        std::io::ErrorKind::NotFound => ReadError::Missing(path.to_path_buf()),
        _ => ReadError::Io { path: path.to_path_buf(), source: e },
    });
    let sheets = match meta {
        Ok(meta) if meta.is_dir() => super::csv::read_dir(path),
        Ok(_) => super::spreadsheet::read(path),
        Err(kind) => Err(kind),
    };
    match sheets {
        Ok(sheets) if sheets.is_empty() => Err(ReadError::Empty(path.to_path_buf()).into()),
        Ok(sheets) => match same_sheets(&sheets) {
            Some((first, second)) => Err(ReadError::SameSheet {
                path: path.to_path_buf(),
                first: first.to_string(),
                second: second.to_string(),
            }
            .into()),
            None => Ok(Workbook { path: path.to_path_buf(), sheets }),
        },
        Err(kind) => Err(kind.into()),
    }
}
