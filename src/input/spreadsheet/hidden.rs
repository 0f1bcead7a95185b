//! Rows hidden in an `.xlsx` (which calamine does not report): which sheet
//! part is which sheet (the workbook and its relationships), and the rows
//! each sheet marks `hidden`. Read only when some part of the archive says
//! `hidden=` at all.

use std::collections::HashMap;
use std::io::{Cursor, Read};

use quick_xml::events::Event;

use super::open::Shared;
use crate::input::workbook::MAX_PART_BYTES;

/// The hidden rows (1-based, as Excel numbers them) of each sheet, by name.
pub(super) fn rows(bytes: &Shared) -> HashMap<String, Vec<usize>> {
    let Ok(mut zip) = zip::ZipArchive::new(Cursor::new(&bytes[..])) else { return HashMap::new() };
    let mut part = |name: &str| -> Option<Vec<u8>> {
        let entry = zip.by_name(name).ok()?;
        let mut out = Vec::new();
        entry.take(MAX_PART_BYTES).read_to_end(&mut out).ok()?;
        Some(out)
    };
    let (Some(book), Some(rels)) = (part("xl/workbook.xml"), part("xl/_rels/workbook.xml.rels")) else {
        return HashMap::new();
    };
    let targets: HashMap<String, String> = elements(&rels, b"Relationship")
        .into_iter()
        .filter_map(|attrs| Some((attrs.get("Id")?.clone(), attrs.get("Target")?.clone())))
        .collect();
    let mut found = HashMap::new();
    for sheet in elements(&book, b"sheet") {
        let (Some(name), Some(id)) = (sheet.get("name"), sheet.get("r:id")) else { continue };
        let Some(target) = targets.get(id) else { continue };
        let path = match target.strip_prefix('/') {
            Some(absolute) => absolute.to_string(),
            None => format!("xl/{target}"),
        };
        let Some(xml) = part(&path) else { continue };
        if memchr::memmem::find(&xml, b"hidden=").is_none() {
            continue;
        }
        let hidden: Vec<usize> = elements(&xml, b"row")
            .into_iter()
            .filter(|row| row.get("hidden").is_some_and(|h| h == "1" || h == "true"))
            .filter_map(|row| row.get("r")?.parse().ok())
            .collect();
        if !hidden.is_empty() {
            found.insert(name.clone(), hidden);
        }
    }
    found
}

/// The attributes of every element of this local name (any prefix).
fn elements(xml: &[u8], local: &[u8]) -> Vec<HashMap<String, String>> {
    let mut reader = quick_xml::Reader::from_reader(xml);
    let mut buf = Vec::new();
    let mut out = Vec::new();
    loop {
        match reader.read_event_into(&mut buf) {
            Ok(Event::Start(e) | Event::Empty(e)) if e.local_name().as_ref() == local => {
                let attrs = e
                    .attributes()
                    .flatten()
                    .filter_map(|a| {
                        let value = a.unescape_value().ok()?.into_owned();
                        Some((String::from_utf8_lossy(a.key.as_ref()).into_owned(), value))
                    })
                    .collect();
                out.push(attrs);
            }
            Ok(Event::Eof) | Err(_) => return out,
            _ => {}
        }
        buf.clear();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hidden_rows_are_found_by_sheet_name() {
        let mut book = rust_xlsxwriter::Workbook::new();
        for name in ["Zichtbaar", "Begroting"] {
            let sheet = book.add_worksheet().set_name(name).unwrap();
            for row in 0..6u32 {
                sheet.write_string(row, 0, format!("rij {row}")).unwrap();
            }
            if name == "Begroting" {
                sheet.set_row_hidden(2).unwrap();
                sheet.set_row_hidden(4).unwrap();
            }
        }
        let bytes = Shared::from(book.save_to_buffer().unwrap());
        let found = rows(&bytes);
        assert_eq!(found.get("Begroting"), Some(&vec![3, 5]));
        assert!(!found.contains_key("Zichtbaar"));
    }
}
