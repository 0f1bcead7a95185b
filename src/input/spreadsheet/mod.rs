//! Workbooks through calamine (`.xlsx`, `.xlsm`, `.xls`, `.ods`): the file
//! recognised by its first bytes, each worksheet's cells (a formula without
//! a cached result marked as such), merged regions, chart sheets skipped. A
//! big `.xlsx` is read by two readers at once, each sheet — its cells, its
//! header found, its merged regions — by one of them.

use std::collections::HashMap;
use std::path::Path;

use calamine::{Data, DataRef, Reader};

use super::workbook::{Cell, Grid, MAX_CELLS, MAX_ROWS, Merge, Sheet, check_cells, sheet_from_grid, text_cell};
use crate::input::ReadError;
use crate::input::notation;

mod hidden;
mod open;

use open::{Book, damaged_hint, open_book, open_bytes};

/// Every worksheet of a workbook, as rows under its header.
pub(super) fn read(path: &Path) -> Result<Vec<Sheet>, ReadError> {
    let open::Opened { mut book, merges: merges_possible, hides, bytes } = open_book(path)?;
    // Chart sheets and VBA modules hold no cells.
    let names: Vec<String> = book
        .sheets_metadata()
        .iter()
        .filter(|s| !matches!(s.typ, calamine::SheetType::ChartSheet | calamine::SheetType::Vba))
        .map(|s| s.name.clone())
        .collect();
    let hidden: Vec<String> = book
        .sheets_metadata()
        .iter()
        .filter(|s| s.visible != calamine::SheetVisible::Visible)
        .map(|s| s.name.clone())
        .collect();
    let two_readers = matches!(book, calamine::Sheets::Xlsx(_)) && bytes.len() >= TWO_READERS_FROM && names.len() > 1;
    let read_sheet = |book: &mut Book, name: &String| read_sheet(book, name, path, merges_possible);
    let sheets: Result<Vec<Sheet>, ReadError> = match two_readers {
        true => crate::share::share(&names, &mut book, || open_bytes(path, bytes.clone()).ok(), read_sheet)
            .into_iter()
            .collect(),
        false => names.iter().map(|name| read_sheet(&mut book, name)).collect(),
    };
    let mut sheets = sheets?;
    // Rows hidden in Excel: found only where some part says `hidden=`.
    let mut hidden_rows = match hides && matches!(book, calamine::Sheets::Xlsx(_)) {
        true => hidden::rows(&bytes),
        false => HashMap::new(),
    };
    for sheet in &mut sheets {
        sheet.hidden = hidden.contains(&sheet.name);
        let rows: std::collections::HashSet<usize> =
            hidden_rows.remove(&sheet.name).unwrap_or_default().into_iter().collect();
        sheet.hidden_rows = sheet.rows.iter().map(|r| r.line).filter(|line| rows.contains(line)).collect();
    }
    Ok(sheets)
}

/// From this size on an `.xlsx` is read by two readers at once, each
/// opened on its own core from the same bytes, each sheet by whichever is
/// free ([`crate::share`]); below it, a second reader's own start (it
/// reads the shared strings again) would cost about what it saves.
const TWO_READERS_FROM: usize = 32 << 10;

/// One worksheet, as rows under its header: its cells, merged regions,
/// size limits.
fn read_sheet(book: &mut Book, name: &str, path: &Path, merges_possible: bool) -> Result<Sheet, ReadError> {
    // A damaged file must not crash the run, even if the parser panics on it.
    // The reader's own words mean nothing to whoever made the file.
    let cells = sheet_cells_contained(book, name).map_err(|_| ReadError::NotASpreadsheet {
        path: path.to_path_buf(),
        reason: crate::say!("blad `{name}` is beschadigd", "sheet `{name}` is damaged"),
        hint: Some(damaged_hint()),
    })?;
    let (grid, left) = grid_of(cells, path, name)?;
    let merges = match merges_possible {
        true => crate::guard::contain(|| merged_regions(book, name)).unwrap_or_default(),
        false => Vec::new(),
    };
    for (line, cells) in &grid {
        check_cells(path, name, *line, cells)?;
    }
    let merges = merges
        .iter()
        .filter(|m| m.end.1 >= left)
        .map(|m| Merge {
            rows: (m.start.0 as usize + 1, m.end.0 as usize + 1),
            columns: (m.start.1.saturating_sub(left) as usize, (m.end.1 - left) as usize),
        })
        .collect::<Vec<_>>();
    let mut sheet = sheet_from_grid(name.to_string(), path.to_path_buf(), grid, &merges);
    sheet.left = left as usize;
    Ok(sheet)
}

/// A cell the file holds something for: zero-based row and column, and the
/// value (a formula whose result the file lacks already marked as such).
type Placed = ((u32, u32), Cell);

/// [`sheet_cells`], a panic in the parser becoming a failure naming the
/// sheet.
fn sheet_cells_contained(book: &mut Book, name: &str) -> Result<Vec<Placed>, String> {
    crate::guard::contain(|| sheet_cells(book, name)).unwrap_or_else(|| Err(name.to_string()))
}

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
fn grid_of(cells: Vec<Placed>, path: &Path, sheet: &str) -> Result<(Grid, u32), ReadError> {
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
        return Err(ReadError::TooManyRows { path, sheet });
    }
    if height.saturating_mul(width) > MAX_CELLS {
        return Err(ReadError::TooManyCells { path, sheet });
    }
    let mut grid: Grid = (top..=bottom).map(|row| (row as usize + 1, vec![Cell::Empty; width])).collect();
    for ((row, col), cell) in cells {
        grid[(row - top) as usize].1[(col - left) as usize] = cell;
    }
    Ok((grid, left))
}

fn cell_from_calamine(data: &Data) -> Cell {
    let cell = match data {
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
    };
    // A number cell holding NaN or infinity (a file written by a program,
    // not by a spreadsheet) is no value to print or add up.
    match cell {
        Cell::Number(n) if !n.is_finite() => Cell::Error(n.to_string()),
        cell => cell,
    }
}

#[cfg(test)]
mod tests {
    use std::io::{Cursor, Read};

    use super::open::{Shared, archive};
    use super::*;
    use chrono::NaiveDate;

    fn text(s: &str) -> Cell {
        Cell::Text(s.into())
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
        let bytes = Shared::from(four_sheets(400));
        assert!(bytes.len() >= TWO_READERS_FROM, "{} bytes", bytes.len());
        // The third sheet's XML cut short: that sheet cannot be read.
        let mut damaged_parts = Vec::new();
        let mut zip = zip::ZipArchive::new(Cursor::new(&bytes[..])).unwrap();
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
        let damaged = Shared::from(archive(&parts));
        for (bytes, cut) in [(bytes, false), (damaged, true)] {
            let open = || open_bytes(path, bytes.clone()).ok();
            let mut book = open().unwrap();
            let names: Vec<String> = book.sheet_names();
            let cells = |book: &mut Book, name: &String| sheet_cells_contained(book, name);
            let one = crate::share::share(&names, &mut book, || None, cells);
            assert_eq!(one.len(), 4);
            let seconds: [Box<dyn FnOnce() -> Option<Book> + Send>; 3] =
                [Box::new(open), Box::new(|| None), Box::new(|| panic!("reader fails"))];
            for second in seconds {
                let mut book = open().unwrap();
                assert_eq!(crate::share::share(&names, &mut book, second, cells), one);
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
        // Invisible characters alone look blank and print blank.
        assert_eq!(cell_from_calamine(&Data::String(" \u{200B}\u{2060}\u{200E} ".into())), Cell::Empty);
        assert_eq!(cell_from_calamine(&Data::String("\u{200B}Maastricht".into())), text("\u{200B}Maastricht"));
        assert_eq!(cell_from_calamine(&Data::Float(f64::NAN)), Cell::Error("NaN".into()));
        assert_eq!(cell_from_calamine(&Data::Float(f64::NEG_INFINITY)), Cell::Error("-inf".into()));
        assert_eq!(
            cell_from_calamine(&Data::DateTimeIso("2022-11-22T00:00:00".into())),
            Cell::Date(NaiveDate::from_ymd_opt(2022, 11, 22).unwrap())
        );
    }
}
