//! Workbooks through calamine (`.xlsx`, `.xlsm`, `.xls`, `.ods`): the file
//! recognised by its first bytes, each worksheet's cells (a formula without
//! a cached result marked as such), merged regions, chart sheets skipped. A
//! big `.xlsx` is read by two readers at once, each sheet by one of them.

use std::collections::HashMap;
use std::fs;
use std::io::{Cursor, Read};
use std::path::Path;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use calamine::{Data, DataRef, Reader};

use crate::lang::Lang;
use crate::tr;

use super::workbook::{
    Cell, Grid, MAX_CELLS, MAX_ROWS, Merge, ReadErrorKind, Sheet, check_cells, sheet_from_grid, text_cell,
};
use crate::input::notation;

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
    match &head[..read] {
        [b'P', b'K', 3, 4, ..] => Format::Zip,
        [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1] => Format::Ole,
        _ => Format::Other,
    }
}

/// Opens a workbook from its bytes by the path's extension, as calamine's
/// `open_workbook_auto` does for a file (any other extension: by content).
fn open_bytes(path: &Path, bytes: Shared) -> Result<Book, calamine::Error> {
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

/// How much of a zip archive [`may_merge`] inflates before it gives up
/// looking and lets calamine search.
const MERGE_LOOK: u64 = 16 << 20;

/// Whether an `.xlsx` archive may hold merged regions. calamine finds them
/// by parsing every sheet's XML a second time; a workbook in which no part
/// so much as contains the word `mergeCell` is spared that pass (most data
/// workbooks). Every part is looked at, not only those named like sheets,
/// so no sheet can be missed; the answer is yes whenever the archive
/// cannot be looked into, a part is not in an ASCII-based encoding, or the
/// parts are too big to look at quickly.
fn may_merge(bytes: &[u8]) -> bool {
    let Ok(mut zip) = zip::ZipArchive::new(Cursor::new(bytes)) else { return true };
    let word = memchr::memmem::Finder::new("mergeCell");
    let (mut part, mut inflated) = (Vec::new(), 0u64);
    for i in 0..zip.len() {
        let Ok(entry) = zip.by_index(i) else { return true };
        // What is left to look at, by the sizes the archive states and by
        // the bytes it really inflates to (a stated size can lie).
        let left = MERGE_LOOK - inflated;
        part.clear();
        if entry.size() > left || entry.take(left + 1).read_to_end(&mut part).is_err() {
            return true;
        }
        inflated += part.len() as u64;
        if inflated > MERGE_LOOK {
            return true;
        }
        // UTF-16 (with or without its byte-order mark) spells the word
        // with zero bytes between the letters.
        let wide = part.iter().take(4).any(|&b| b == 0 || b >= 0xFE);
        if wide || word.find(&part).is_some() {
            return true;
        }
    }
    false
}

/// The extension of a path, lower case.
fn extension(path: &Path) -> String {
    path.extension().map(|e| e.to_string_lossy().to_lowercase()).unwrap_or_default()
}

/// A workbook file's bytes, read from disk once: calamine parses them (in
/// a big `.xlsx`, two readers at once) and [`may_merge`] looks at the very
/// same bytes.
#[derive(Clone)]
struct Shared(Arc<Vec<u8>>);

impl AsRef<[u8]> for Shared {
    fn as_ref(&self) -> &[u8] {
        &self.0
    }
}

/// A workbook opened from its bytes.
type Book = calamine::Sheets<Cursor<Shared>>;

/// Opens a workbook by its extension; when that fails, says in words what
/// the file is instead (a workbook under the wrong extension, one CSV file,
/// a protected or damaged file), with the parser's own words in brackets.
/// Also says whether the workbook may hold merged regions, and gives the
/// bytes it was opened from.
fn open_book(path: &Path, lang: Lang) -> Result<(Book, bool, Shared), ReadErrorKind> {
    let not_sheet = |reason: String| ReadErrorKind::NotASpreadsheet { path: path.to_path_buf(), reason };
    let ext = extension(path);
    if ext == "csv" || ext == "txt" {
        return Err(not_sheet(tr!(
            lang,
            "dit is één CSV-bestand; geef de map die de CSV-bestanden bevat (missies.csv, documenten.csv, …)",
            "this is a single CSV file; give the folder that holds the CSV files (missies.csv, documenten.csv, …)"
        )));
    }
    if fs::metadata(path).map(|m| m.len() == 0).unwrap_or(false) {
        return Err(not_sheet(tr!(lang, "het bestand is leeg", "the file is empty")));
    }
    let damaged = || not_sheet(tr!(lang, "het bestand is beschadigd", "the file is damaged"));
    let opened = match fs::read(path) {
        Ok(bytes) => crate::guard::contain(|| {
            let bytes = Shared(Arc::new(bytes));
            // Only Excel's zip formats need looking at; for the others calamine's answer is at hand.
            let merges = !matches!(ext.as_str(), "xlsx" | "xlsm" | "xlam") || may_merge(bytes.as_ref());
            open_bytes(path, bytes.clone()).map(|book| (book, merges, bytes))
        })
        .ok_or_else(damaged)?,
        Err(e) => Err(calamine::Error::Io(e)),
    };
    let err = match opened {
        Ok(book) => return Ok(book),
        Err(err) => err,
    };
    let detail = err.to_string();
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
    let reason = match (actual, sniff(path)) {
        (Some(kind), _) if kind != ext => tr!(
            lang,
            "de inhoud is een .{kind}-bestand, maar de naam eindigt op .{ext}; geef het bestand de extensie .{kind}",
            "the content is a .{kind} file, but the name ends in .{ext}; give the file the extension .{kind}"
        ),
        (_, Format::Ole) if ext != "xls" => tr!(
            lang,
            "het bestand is met een wachtwoord beveiligd ({detail}); sla het op zonder wachtwoord",
            "the file is protected with a password ({detail}); save it without a password"
        ),
        _ if detail.to_lowercase().contains("password") || detail.to_lowercase().contains("encrypt") => tr!(
            lang,
            "het bestand is met een wachtwoord beveiligd ({detail}); sla het op zonder wachtwoord",
            "the file is protected with a password ({detail}); save it without a password"
        ),
        (_, Format::Other) if !matches!(ext.as_str(), "xls" | "xlsx" | "xlsm" | "xlsb" | "ods") => tr!(
            lang,
            "bestanden met de extensie `.{ext}` worden niet gelezen ({detail})",
            "files with the extension `.{ext}` are not read ({detail})"
        ),
        _ => tr!(
            lang,
            "het bestand is beschadigd of geen .{ext}-bestand ({detail})",
            "the file is damaged or not a .{ext} file ({detail})"
        ),
    };
    Err(not_sheet(reason))
}

pub(super) fn read(path: &Path, lang: Lang) -> Result<Vec<Sheet>, ReadErrorKind> {
    let not_sheet = |reason: String| ReadErrorKind::NotASpreadsheet { path: path.to_path_buf(), reason };
    // A damaged file must not crash the run, even if the parser panics on it.
    let damaged =
        |detail: String| not_sheet(tr!(lang, "het bestand is beschadigd ({detail})", "the file is damaged ({detail})"));
    let (mut book, merges_possible, bytes) = open_book(path, lang)?;
    let mut sheets = Vec::new();
    // Chart sheets and VBA modules hold no cells.
    let names: Vec<String> = book
        .sheets_metadata()
        .iter()
        .filter(|s| !matches!(s.typ, calamine::SheetType::ChartSheet | calamine::SheetType::Vba))
        .map(|s| s.name.clone())
        .collect();
    let two_readers = matches!(book, calamine::Sheets::Xlsx(_)) && bytes.0.len() >= TWO_READERS_FROM && names.len() > 1;
    let second = two_readers.then_some(move || open_bytes(path, bytes).ok());
    let cells = cells_of_sheets(&mut book, &names, second);
    for (name, cells) in names.into_iter().zip(cells) {
        let cells = cells.map_err(damaged)?;
        let (grid, left) = grid_of(cells, path, &name)?;
        let merges = match merges_possible {
            true => crate::guard::contain(|| merged_regions(&mut book, &name)).unwrap_or_default(),
            false => Vec::new(),
        };
        for (line, cells) in &grid {
            check_cells(path, &name, *line, cells)?;
        }
        let merges = merges
            .iter()
            .filter(|m| m.end.1 >= left)
            .map(|m| Merge {
                rows: (m.start.0 as usize + 1, m.end.0 as usize + 1),
                columns: (m.start.1.saturating_sub(left) as usize, (m.end.1 - left) as usize),
            })
            .collect::<Vec<_>>();
        let mut sheet = sheet_from_grid(name, path.to_path_buf(), grid, &merges);
        sheet.left = left as usize;
        sheets.push(sheet);
    }
    Ok(sheets)
}

/// From this size on an `.xlsx` is read by two readers at once; below it,
/// a second reader's own start (it reads the shared strings again) would
/// cost about what it saves.
const TWO_READERS_FROM: usize = 32 << 10;

/// The cells of every sheet, in the order of `names`; for a sheet that
/// cannot be read, why (its name, should the reader panic on it). With a
/// `second` reader (opened on another core from the same bytes), both take
/// sheets from one list, so each sheet is read once, by whichever reader
/// is free, and the result is the same as one reader's.
fn cells_of_sheets(
    book: &mut Book,
    names: &[String],
    second: Option<impl FnOnce() -> Option<Book> + Send>,
) -> Vec<Result<Vec<Placed>, String>> {
    let read = |book: &mut Book, name: &str| {
        crate::guard::contain(|| sheet_cells(book, name)).unwrap_or_else(|| Err(name.to_string()))
    };
    let next = AtomicUsize::new(0);
    let take = |book: &mut Book| {
        let mut done = Vec::new();
        loop {
            let at = next.fetch_add(1, Ordering::Relaxed);
            let Some(name) = names.get(at) else { return done };
            done.push((at, read(book, name)));
        }
    };
    let mut results: Vec<Option<Result<Vec<Placed>, String>>> = names.iter().map(|_| None).collect();
    std::thread::scope(|scope| {
        let helper = second.and_then(|open| {
            let take = &take;
            let reader = move || crate::guard::contain(open).flatten().map(|mut own| take(&mut own));
            std::thread::Builder::new().name("sheet-reader".into()).spawn_scoped(scope, reader).ok()
        });
        let mine = take(book);
        let theirs = helper.and_then(|h| h.join().ok()).flatten().unwrap_or_default();
        for (at, cells) in mine.into_iter().chain(theirs) {
            results[at] = Some(cells);
        }
    });
    // A sheet the second reader took but could not finish is read here.
    names.iter().zip(results).map(|(name, cells)| cells.unwrap_or_else(|| read(book, name))).collect()
}

/// A cell the file holds something for: zero-based row and column, and the
/// value (a formula whose result the file lacks already marked as such).
type Placed = ((u32, u32), Cell);

/// The cells of a sheet that hold a value or a formula. An `.xlsx` sheet is
/// read once, values and formulas together; other formats offer them as two
/// ranges (formulas where the format has them; a sheet without is read by
/// its values alone).
fn sheet_cells<RS: std::io::Read + std::io::Seek>(
    book: &mut calamine::Sheets<RS>,
    name: &str,
) -> Result<Vec<Placed>, String> {
    if let calamine::Sheets::Xlsx(xlsx) = book {
        let mut reader = match xlsx.worksheet_cells_reader(name) {
            Ok(reader) => reader,
            Err(calamine::XlsxError::NotAWorksheet(_)) => return Ok(Vec::new()),
            Err(e) => return Err(e.to_string()),
        };
        let mut cells = Vec::new();
        while let Some(cell) = reader.next_cell_with_formula().map_err(|e| e.to_string())? {
            let value = match cell.value {
                DataRef::SharedString(s) => text_cell(s),
                other => cell_from_calamine(&Data::from(other)),
            };
            if let Some(cell) = placed(cell.pos, value, cell.formula.as_deref()) {
                cells.push(cell);
            }
        }
        return Ok(cells);
    }
    let values = book.worksheet_range(name).map_err(|e| e.to_string())?;
    let formulas = book.worksheet_formula(name).unwrap_or_default();
    let at = |range_start: Option<(u32, u32)>, row: usize, col: usize| {
        let (top, left) = range_start.unwrap_or_default();
        (top + row as u32, left + col as u32)
    };
    let mut formulas: HashMap<(u32, u32), &String> =
        formulas.used_cells().map(|(row, col, f)| (at(formulas.start(), row, col), f)).collect();
    let mut cells: Vec<Placed> = values
        .used_cells()
        .filter_map(|(row, col, value)| {
            let pos = at(values.start(), row, col);
            placed(pos, cell_from_calamine(value), formulas.remove(&pos).map(String::as_str))
        })
        .collect();
    // Formulas where the file holds no value at all.
    cells.extend(formulas.into_iter().filter_map(|(pos, formula)| placed(pos, Cell::Empty, Some(formula))));
    Ok(cells)
}

/// A cell worth keeping: one with a value, or a formula (without a result it
/// becomes [`Cell::Uncalculated`]).
fn placed(pos: (u32, u32), value: Cell, formula: Option<&str>) -> Option<Placed> {
    let formula = formula.filter(|f| !f.trim().is_empty());
    match (value, formula) {
        (Cell::Empty, Some(formula)) => Some((pos, Cell::Uncalculated(formula.to_string()))),
        (Cell::Empty, None) => None,
        (value, _) => Some((pos, value)),
    }
}

/// The merged regions of a sheet (Excel formats; OpenDocument keeps the
/// covered cells empty, and calamine does not report its regions).
fn merged_regions<RS: std::io::Read + std::io::Seek>(
    book: &mut calamine::Sheets<RS>,
    name: &str,
) -> Vec<calamine::Dimensions> {
    match book {
        calamine::Sheets::Xlsx(x) => x.merge_cells_by_sheet_name(name).unwrap_or_default(),
        calamine::Sheets::Xls(x) => x.merge_cells_by_sheet_name(name).unwrap_or_default(),
        _ => Vec::new(),
    }
}

/// The cells of a sheet as rows, from the top row and left column holding
/// a value or a formula to the bottom and right ones, and the left column;
/// refused when they span more than [`MAX_ROWS`] rows or [`MAX_CELLS`]
/// cells, before anything that big is made.
fn grid_of(cells: Vec<Placed>, path: &Path, sheet: &str) -> Result<(Grid, u32), ReadErrorKind> {
    let corners = cells.iter().fold(None, |corners, &((row, col), _)| {
        Some(match corners {
            None => (row, col, row, col),
            Some((top, left, bottom, right)) => (row.min(top), col.min(left), row.max(bottom), col.max(right)),
        })
    });
    let Some((top, left, bottom, right)) = corners else { return Ok((Grid::new(), 0)) };
    let (height, width) = ((bottom - top) as usize + 1, (right - left) as usize + 1);
    let (path, sheet) = (path.to_path_buf(), sheet.to_string());
    if height > MAX_ROWS {
        return Err(ReadErrorKind::TooManyRows { path, sheet });
    }
    if height.saturating_mul(width) > MAX_CELLS {
        return Err(ReadErrorKind::TooManyCells { path, sheet });
    }
    let mut grid: Grid = (top..=bottom).map(|row| (row as usize + 1, vec![Cell::Empty; width])).collect();
    for ((row, col), cell) in cells {
        grid[(row - top) as usize].1[(col - left) as usize] = cell;
    }
    Ok((grid, left))
}

fn cell_from_calamine(data: &Data) -> Cell {
    match data {
        Data::Empty => Cell::Empty,
        Data::String(s) => text_cell(s),
        Data::Int(i) => Cell::Number(*i as f64),
        Data::Float(f) => Cell::Number(*f),
        Data::Bool(b) => Cell::Bool(*b),
        Data::DateTime(dt) => match dt.as_datetime() {
            Some(d) if dt.is_datetime() => Cell::Date(d.date()),
            _ => Cell::Number(dt.as_f64()),
        },
        Data::DateTimeIso(s) => match notation::parse_date(s) {
            Ok(d) => Cell::Date(d),
            Err(_) => text_cell(s),
        },
        Data::DurationIso(s) => text_cell(s),
        Data::Error(e) => Cell::Error(format!("{e}")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    fn text(s: &str) -> Cell {
        Cell::Text(s.into())
    }

    /// A zip archive of these parts, deflated as Excel stores them.
    fn archive(parts: &[(&str, &[u8])]) -> Vec<u8> {
        let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
        for (name, content) in parts {
            zip.start_file(*name, zip::write::SimpleFileOptions::default()).unwrap();
            std::io::Write::write_all(&mut zip, content).unwrap();
        }
        zip.finish().unwrap().into_inner()
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
        // Too much to look through quickly: calamine decides.
        let big = vec![b' '; MERGE_LOOK as usize + 1];
        assert!(may_merge(&archive(&[("xl/worksheets/sheet1.xml", sheet), ("xl/media/big.xml", &big)])));
        let half = vec![b' '; MERGE_LOOK as usize / 2 + 1];
        assert!(may_merge(&archive(&[("xl/a.xml", &half), ("xl/b.xml", &half), ("xl/worksheets/sheet1.xml", sheet)])));
        // Not an archive at all, or a damaged one: calamine decides.
        assert!(may_merge(b"not a zip"));
        let mut cut = archive(&[("xl/worksheets/sheet1.xml", sheet)]);
        cut.truncate(cut.len() / 2);
        assert!(may_merge(&cut));
    }

    /// An `.xlsx` of four sheets, big enough for two readers: sheet `k`
    /// holds `rows * (k + 1)` rows of text and numbers.
    fn four_sheets(rows: u32) -> Vec<u8> {
        let mut book = rust_xlsxwriter::Workbook::new();
        for k in 0..4u32 {
            let sheet = book.add_worksheet().set_name(format!("Blad{k}")).unwrap();
            for row in 0..rows * (k + 1) {
                sheet.write_string(row, 0, format!("blad {k} rij {row}")).unwrap();
                sheet.write_number(row, 1, f64::from(row * 10 + k)).unwrap();
            }
        }
        book.save_to_buffer().unwrap()
    }

    /// The same cells and the same failures, whether one reader reads every
    /// sheet or two share them, and whatever becomes of the second.
    #[test]
    fn two_readers_read_what_one_reads() {
        let path = Path::new("werkboek.xlsx");
        let bytes = Shared(Arc::new(four_sheets(400)));
        assert!(bytes.0.len() >= TWO_READERS_FROM, "{} bytes", bytes.0.len());
        // The third sheet's XML cut short: that sheet cannot be read.
        let mut damaged_parts = Vec::new();
        let mut zip = zip::ZipArchive::new(Cursor::new(bytes.0.as_slice())).unwrap();
        for i in 0..zip.len() {
            let mut entry = zip.by_index(i).unwrap();
            let name = entry.name().unwrap().to_string();
            let mut content = Vec::new();
            entry.read_to_end(&mut content).unwrap();
            if name == "xl/worksheets/sheet3.xml" {
                content.truncate(content.len() / 2);
            }
            damaged_parts.push((name, content));
        }
        let parts: Vec<(&str, &[u8])> = damaged_parts.iter().map(|(n, c)| (n.as_str(), c.as_slice())).collect();
        let damaged = Shared(Arc::new(archive(&parts)));
        for (bytes, cut) in [(bytes, false), (damaged, true)] {
            let open = || open_bytes(path, bytes.clone()).ok();
            let mut book = open().unwrap();
            let names: Vec<String> = book.sheet_names();
            let one = cells_of_sheets(&mut book, &names, None::<fn() -> Option<Book>>);
            assert_eq!(one.len(), 4);
            let seconds: [Box<dyn FnOnce() -> Option<Book> + Send>; 3] =
                [Box::new(open), Box::new(|| None), Box::new(|| panic!("reader fails"))];
            for second in seconds {
                let mut book = open().unwrap();
                assert_eq!(cells_of_sheets(&mut book, &names, Some(second)), one);
            }
            assert_eq!(one.iter().map(Result::is_ok).collect::<Vec<_>>(), [true, true, !cut, true]);
            let cells = one[1].as_ref().unwrap();
            assert_eq!(cells.len(), 2 * 400 * 2);
            assert!(cells.contains(&((799, 0), text("blad 1 rij 799"))));
            assert!(cells.contains(&((799, 1), Cell::Number(7991.0))));
        }
    }

    #[test]
    fn excel_cells() {
        assert_eq!(cell_from_calamine(&Data::String("  hoi ".into())), text("hoi"));
        assert_eq!(cell_from_calamine(&Data::String("   ".into())), Cell::Empty);
        assert_eq!(
            cell_from_calamine(&Data::DateTimeIso("2022-11-22T00:00:00".into())),
            Cell::Date(NaiveDate::from_ymd_opt(2022, 11, 22).unwrap())
        );
    }
}
