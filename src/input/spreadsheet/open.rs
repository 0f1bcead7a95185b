//! Opening a workbook file: its bytes read once, the reader calamine would
//! choose for its extension, whether it may hold merged regions, and, when
//! it cannot be opened, what the file is instead.

use std::fs;
use std::io::{Cursor, Read};
use std::path::Path;
use std::sync::Arc;

use crate::lang::Words;

use crate::input::ReadError;
use crate::input::workbook::{MAX_INFLATED_BYTES, MAX_PART_BYTES};

/// What the first bytes of a file say it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Format {
    /// A zip archive: `.xlsx`, `.xlsm` or `.ods`.
    Zip,
    /// An OLE compound file: `.xls`, or an `.xlsx` protected with a password.
    Ole,
    /// Anything else (text, a PDF, …).
    Other,
}

fn sniff(path: &Path) -> Format {
    let mut head = [0u8; 8];
    let read = fs::File::open(path).and_then(|mut f| std::io::Read::read(&mut f, &mut head)).unwrap_or(0);
    sniff_bytes(&head[..read])
}

fn sniff_bytes(head: &[u8]) -> Format {
    match head {
        [b'P', b'K', 3, 4, ..] => Format::Zip,
        [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1] => Format::Ole,
        _ => Format::Other,
    }
}

/// Opens a workbook from its bytes by the path's extension, as calamine's
/// `open_workbook_auto` does for a file (any other extension: by content).
pub(super) fn open_bytes(path: &Path, bytes: Shared) -> Result<Book, calamine::Error> {
    use calamine::{Error, Sheets, open_workbook_from_rs as open};
    let rs = Cursor::new(bytes);
    match path.extension().and_then(|e| e.to_str()) {
        Some("xls" | "xla") => open(rs).map(Sheets::Xls).map_err(Error::Xls),
        Some("xlsx" | "xlsm" | "xlam") => open(rs).map(Sheets::Xlsx).map_err(Error::Xlsx),
        Some("xlsb") => open(rs).map(Sheets::Xlsb).map_err(Error::Xlsb),
        Some("ods") => open(rs).map(Sheets::Ods).map_err(Error::Ods),
        _ => calamine::open_workbook_auto_from_rs(rs),
    }
}

/// What inflating every part of a zip-based workbook found.
#[derive(Debug, PartialEq, Eq)]
enum Survey {
    /// Every part inflates within the limits; whether any may hold merged
    /// regions, and whether any may hide rows (`hidden="…"`).
    Within { may_merge: bool, may_hide: bool },
    /// This part inflates (or says it inflates) past [`MAX_PART_BYTES`], or
    /// the parts together past [`MAX_INFLATED_BYTES`].
    TooLarge(String),
}

/// Inflates every part of a zip-based workbook (`.xlsx`, `.ods`), counting
/// the bytes it really gives (a stated size can lie), before any parser
/// holds a part in memory: a few megabytes of archive may inflate to
/// gigabytes of whitespace. On the way it looks for the word `mergeCell`:
/// calamine finds merged regions by parsing every sheet's XML a second
/// time, and a workbook in which no part so much as contains the word is
/// spared that pass (most data workbooks). The answer is "may merge"
/// whenever a part cannot be looked into or is not in an ASCII-based
/// encoding; an archive that cannot be opened is left to calamine.
fn survey(bytes: &[u8]) -> Survey {
    let Ok(mut zip) = zip::ZipArchive::new(Cursor::new(bytes)) else {
        return Survey::Within { may_merge: true, may_hide: true };
    };
    let word = memchr::memmem::Finder::new("mergeCell");
    let hide = memchr::memmem::Finder::new("hidden=");
    let (mut may_merge, mut may_hide, mut inflated) = (false, false, 0u64);
    let mut buf = vec![0u8; 64 << 10];
    for i in 0..zip.len() {
        // A part that cannot be opened here is left to calamine; the
        // others are still inflated and counted.
        let Ok(mut entry) = zip.by_index(i) else {
            (may_merge, may_hide) = (true, true);
            continue;
        };
        let name = entry.name().map(|n| n.to_string()).unwrap_or_default();
        if entry.size() > MAX_PART_BYTES {
            return Survey::TooLarge(name);
        }
        let (mut part, mut first) = (0u64, true);
        // The last bytes of the chunk before, so a word across two chunks is found.
        let mut carry = 0usize;
        loop {
            let read = match entry.read(&mut buf[carry..]) {
                Ok(0) => break,
                Ok(n) => n,
                Err(_) => {
                    may_merge = true;
                    break;
                }
            };
            let chunk = &buf[..carry + read];
            // UTF-16 (with or without its byte-order mark) spells the word
            // with zero bytes between the letters.
            if first && chunk.iter().take(4).any(|&b| b == 0 || b >= 0xFE) {
                may_merge = true;
            }
            first = false;
            may_merge |= !may_merge && word.find(chunk).is_some();
            may_hide |= !may_hide && hide.find(chunk).is_some();
            part += read as u64;
            inflated += read as u64;
            if part > MAX_PART_BYTES || inflated > MAX_INFLATED_BYTES {
                return Survey::TooLarge(name);
            }
            carry = chunk.len().min(8);
            let end = chunk.len();
            buf.copy_within(end - carry..end, 0);
        }
    }
    Survey::Within { may_merge, may_hide }
}

/// The extension of a path, lower case.
fn extension(path: &Path) -> String {
    path.extension().map(|e| e.to_string_lossy().to_lowercase()).unwrap_or_default()
}

/// A workbook file's bytes, read from disk once and shared: calamine parses
/// them (in a big `.xlsx`, two readers at once) and [`survey`] looks at
/// the very same bytes.
pub(super) type Shared = Arc<[u8]>;

/// A workbook opened from its bytes.
pub(super) type Book = calamine::Sheets<Cursor<Shared>>;

/// A workbook opened: the reader, whether it may hold merged regions or
/// hidden rows, and the bytes it was opened from.
pub(super) struct Opened {
    pub(super) book: Book,
    pub(super) merges: bool,
    pub(super) hides: bool,
    pub(super) bytes: Shared,
}

/// Opens a workbook by its extension; when that fails, says in words what
/// the file is instead (a workbook under the wrong extension, one CSV file,
/// a protected or damaged file), with the parser's own words in brackets.
/// Also says whether the workbook may hold merged regions, and gives the
/// bytes it was opened from.
pub(super) fn open_book(path: &Path) -> Result<Opened, ReadError> {
    let not_sheet = |reason: Words| ReadError::NotASpreadsheet { path: path.to_path_buf(), reason, hint: None };
    let with_hint =
        |reason: Words, hint: Words| ReadError::NotASpreadsheet { path: path.to_path_buf(), reason, hint: Some(hint) };
    let ext = extension(path);
    if ext == "csv" || ext == "txt" {
        return Err(not_sheet(crate::say!(
            "dit is één CSV-bestand; geef de map die de CSV-bestanden bevat (missies.csv, documenten.csv, …)",
            "this is a single CSV file; give the folder that holds the CSV files (missies.csv, documenten.csv, …)"
        )));
    }
    if fs::metadata(path).map(|m| m.len() == 0).unwrap_or(false) {
        return Err(not_sheet(crate::say!("het bestand is leeg", "the file is empty")));
    }
    let damaged = || with_hint(crate::say!("het bestand is beschadigd", "the file is damaged"), damaged_hint());
    let opened = match fs::read(path) {
        Ok(bytes) => crate::guard::contain(|| {
            let bytes = Shared::from(bytes);
            // Every zip archive is inflated within bounds first; only
            // Excel's formats need looking at for merged regions.
            let (merges, hides) = match sniff_bytes(&bytes) {
                Format::Zip => match survey(&bytes) {
                    Survey::TooLarge(part) => return Err(Err(part)),
                    Survey::Within { may_merge, may_hide } => {
                        (may_merge || !matches!(ext.as_str(), "xlsx" | "xlsm" | "xlam"), may_hide)
                    }
                },
                _ => (true, false),
            };
            open_bytes(path, bytes.clone()).map(|book| Opened { book, merges, hides, bytes }).map_err(Ok)
        })
        .ok_or_else(damaged)?,
        Err(e) => Err(Ok(calamine::Error::Io(e))),
    };
    let err = match opened {
        Ok(book) => return Ok(book),
        Err(Err(part)) => return Err(ReadError::TooLarge { path: path.to_path_buf(), part }),
        Err(Ok(err)) => err,
    };
    // An OpenDocument file written with its layout indented (KSpread, other
    // generators) is valid; calamine stumbles over the indentation.
    if ext == "ods"
        && let Some(book) = fs::read(path).ok().and_then(|bytes| {
            crate::guard::contain(|| {
                let bytes = Shared::from(without_layout_whitespace(&bytes)?);
                open_bytes(path, bytes.clone()).ok().map(|book| Opened { book, merges: true, hides: false, bytes })
            })
            .flatten()
        })
    {
        return Ok(book);
    }
    let detail = err.to_string().to_lowercase();
    // What the content says, whatever the name says.
    let actual = crate::guard::contain(|| {
        let bytes = fs::read(path).ok()?;
        calamine::open_workbook_auto_from_rs(std::io::Cursor::new(bytes)).ok().map(|book| match book {
            calamine::Sheets::Xls(_) => "xls",
            calamine::Sheets::Xlsx(_) => "xlsx",
            calamine::Sheets::Xlsb(_) => "xlsb",
            calamine::Sheets::Ods(_) => "ods",
        })
    })
    .flatten();
    // In words, without the reader's own (English, technical) text.
    let protected = || {
        with_hint(
            crate::say!("het bestand is met een wachtwoord beveiligd", "the file is protected with a password"),
            crate::say!(
                "open het bestand, haal het wachtwoord weg (Excel: Bestand → Info → Werkmap beveiligen; LibreOffice: Bestand → Opslaan als, zonder Opslaan met wachtwoord) en sla het op",
                "open the file, remove the password (Excel: File → Info → Protect Workbook; LibreOffice: File → Save As, without Save with password) and save it"
            ),
        )
    };
    let error = match (actual, sniff(path)) {
        (Some(kind), _) if kind != ext => with_hint(
            crate::say!(
                "de inhoud is een .{kind}-bestand, maar de naam eindigt op .{ext}",
                "the content is a .{kind} file, but the name ends in .{ext}"
            ),
            crate::say!("geef het bestand de extensie .{kind}", "give the file the extension .{kind}"),
        ),
        (_, Format::Ole) if ext != "xls" => protected(),
        _ if detail.contains("password") || detail.contains("encrypt") => protected(),
        (_, Format::Other) if !matches!(ext.as_str(), "xls" | "xlsx" | "xlsm" | "xlsb" | "ods") => {
            not_sheet(crate::say!(
                "bestanden met de extensie `.{ext}` worden niet gelezen",
                "files with the extension `.{ext}` are not read"
            ))
        }
        _ => with_hint(
            crate::say!("het bestand is beschadigd of geen .{ext}-bestand", "the file is damaged or not a .{ext} file"),
            damaged_hint(),
        ),
    };
    Err(error)
}

/// An OpenDocument archive with the whitespace that only lays out its
/// `content.xml` (between table and office elements, never inside a
/// paragraph of text) taken out; the same archive otherwise. `None` when it
/// cannot be read as one.
fn without_layout_whitespace(bytes: &[u8]) -> Option<Vec<u8>> {
    use quick_xml::events::Event;
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).ok()?;
    let mut out = zip::ZipWriter::new(Cursor::new(Vec::new()));
    for i in 0..zip.len() {
        let mut entry = zip.by_index(i).ok()?;
        let name = entry.name().ok()?.to_string();
        let mut part = Vec::new();
        (&mut entry).take(MAX_PART_BYTES).read_to_end(&mut part).ok()?;
        if name == "content.xml" {
            let mut reader = quick_xml::Reader::from_reader(part.as_slice());
            let mut writer = quick_xml::Writer::new(Vec::with_capacity(part.len()));
            let mut open: Vec<Vec<u8>> = Vec::new();
            let mut buf = Vec::new();
            loop {
                let event = reader.read_event_into(&mut buf).ok()?;
                match &event {
                    Event::Eof => break,
                    Event::Start(e) => open.push(e.name().as_ref().to_vec()),
                    Event::End(_) => {
                        open.pop();
                    }
                    Event::Text(t) if t.iter().all(u8::is_ascii_whitespace) => {
                        let layout = open.last().is_some_and(|n| n.starts_with(b"table:") || n.starts_with(b"office:"));
                        if layout {
                            buf.clear();
                            continue;
                        }
                    }
                    _ => {}
                }
                writer.write_event(event).ok()?;
                buf.clear();
            }
            part = writer.into_inner();
        }
        let stored = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
        let options = if name == "mimetype" { stored } else { zip::write::SimpleFileOptions::default() };
        out.start_file(name, options).ok()?;
        std::io::Write::write_all(&mut out, &part).ok()?;
    }
    Some(out.finish().ok()?.into_inner())
}

/// What to do about a workbook that cannot be read as what it says it is.
pub(super) fn damaged_hint() -> Words {
    crate::say!(
        "open het bestand in Excel of LibreOffice en sla het opnieuw op; lukt openen niet, neem dan een eerdere versie",
        "open the file in Excel or LibreOffice and save it again; if it does not open, take an earlier version"
    )
}

/// A zip archive of these parts, deflated as Excel stores them.
#[cfg(test)]
pub(super) fn archive(parts: &[(&str, &[u8])]) -> Vec<u8> {
    let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
    for (name, content) in parts {
        zip.start_file(*name, zip::write::SimpleFileOptions::default()).unwrap();
        std::io::Write::write_all(&mut zip, content).unwrap();
    }
    zip.finish().unwrap().into_inner()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn may_merge(bytes: &[u8]) -> bool {
        match survey(bytes) {
            Survey::Within { may_merge, .. } => may_merge,
            Survey::TooLarge(part) => panic!("{part}"),
        }
    }

    #[test]
    fn merged_regions_are_looked_for_unless_no_part_can_hold_them() {
        let sheet = b"<worksheet><sheetData><row r=\"1\"><c r=\"A1\"><v>1</v></c></row></sheetData></worksheet>";
        let merged =
            b"<worksheet><sheetData/><mergeCells count=\"1\"><mergeCell ref=\"A1:A3\"/></mergeCells></worksheet>";
        let prefixed =
            b"<x:worksheet><x:sheetData/><x:mergeCells><x:mergeCell ref=\"B2:C2\"/></x:mergeCells></x:worksheet>";
        assert!(!may_merge(&archive(&[("xl/workbook.xml", b"<workbook/>"), ("xl/worksheets/sheet1.xml", sheet)])));
        assert!(may_merge(&archive(&[("xl/worksheets/sheet1.xml", sheet), ("xl/worksheets/sheet2.xml", merged)])));
        // A sheet wherever the workbook's relations put it, under any name.
        assert!(may_merge(&archive(&[("data/blad.bin", prefixed)])));
        // UTF-16 spells the word with zero bytes between its letters.
        let wide: Vec<u8> = [0xFF, 0xFE].into_iter().chain(merged.iter().flat_map(|&b| [b, 0])).collect();
        assert!(may_merge(&archive(&[("xl/worksheets/sheet1.xml", &wide)])));
        // Far into a big part, and across the border of two chunks read.
        for at in [(64 << 10) - 4, 20 << 20] {
            let mut big = vec![b' '; at];
            big.extend_from_slice(merged);
            assert!(may_merge(&archive(&[("xl/worksheets/sheet1.xml", sheet), ("xl/worksheets/sheet2.xml", &big)])));
            big.truncate(at);
            assert!(!may_merge(&archive(&[("xl/worksheets/sheet1.xml", sheet), ("xl/worksheets/sheet2.xml", &big)])));
        }
        // Not an archive at all, or a damaged one: calamine decides.
        assert!(may_merge(b"not a zip"));
        let mut cut = archive(&[("xl/worksheets/sheet1.xml", sheet)]);
        cut.truncate(cut.len() / 2);
        assert!(may_merge(&cut));
    }

    #[test]
    fn a_part_that_inflates_past_the_limits_is_refused_before_it_is_parsed() {
        let blank = vec![b' '; (MAX_PART_BYTES / 2) as usize + 1];
        let bomb = archive(&[("xl/worksheets/sheet1.xml", &blank), ("xl/worksheets/sheet2.xml", &blank)]);
        assert!(bomb.len() < 2 << 20, "{} bytes", bomb.len());
        assert!(!may_merge(&bomb));
        let parts: Vec<(String, &[u8])> = (0..5).map(|i| (format!("xl/worksheets/sheet{i}.xml"), &blank[..])).collect();
        let parts: Vec<(&str, &[u8])> = parts.iter().map(|(n, b)| (n.as_str(), *b)).collect();
        assert_eq!(survey(&archive(&parts)), Survey::TooLarge("xl/worksheets/sheet3.xml".into()));
        let mut one = blank.clone();
        one.extend_from_slice(&blank);
        assert_eq!(
            survey(&archive(&[("xl/sharedStrings.xml", &one)])),
            Survey::TooLarge("xl/sharedStrings.xml".into())
        );
    }
}
