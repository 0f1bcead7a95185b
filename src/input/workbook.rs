//! Reading: a workbook (`.xlsx`, `.xlsm`, `.xls`, `.ods` via calamine) or a
//! folder of CSV files (csv crate) becomes a list of [`Sheet`]s with their
//! header row found and blank rows dropped. Nothing is interpreted here yet
//! beyond the cell's own type.

use std::fmt;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;

use crate::input::schema;
use crate::lang::Words;
use crate::model::keys::match_key;

use super::read_error::ReadError;

pub use super::limits::{MAX_CELL_CHARS, MAX_CELLS, MAX_INFLATED_BYTES, MAX_PART_BYTES, MAX_ROWS};

/// A cell's value as the file stores it.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    /// No value.
    Empty,
    /// Text, trimmed.
    Text(String),
    /// A number.
    Number(f64),
    /// A date cell.
    Date(NaiveDate),
    /// A boolean cell.
    Bool(bool),
    /// An error value such as `#DIV/0!` (also typed or saved as text, as
    /// CSV and OpenDocument files carry them).
    Error(String),
    /// A formula whose result the file does not hold (saved by a program
    /// that does not calculate); the formula as written.
    Uncalculated(String),
}

/// The cell as the user sees it.
impl fmt::Display for Cell {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Cell::Empty => Ok(()),
            Cell::Text(s) | Cell::Error(s) => f.write_str(s),
            Cell::Uncalculated(formula) => write!(f, "={}", formula.trim_start_matches('=')),
            Cell::Number(n) if n.fract() == 0.0 && n.abs() < 1e15 => write!(f, "{}", *n as i64),
            Cell::Number(n) => write!(f, "{n}"),
            Cell::Date(d) => write!(f, "{d}"),
            Cell::Bool(b) => f.write_str(if *b { "WAAR" } else { "ONWAAR" }),
        }
    }
}

impl Cell {
    /// Whether the cell holds nothing.
    pub fn is_empty(&self) -> bool {
        matches!(self, Cell::Empty)
    }

    /// The cell as the user sees it, for messages and text columns (its
    /// [`Display`](fmt::Display), which writes it only where it is shown).
    pub fn display(&self) -> String {
        match self {
            Cell::Text(s) | Cell::Error(s) => s.clone(),
            other => other.to_string(),
        }
    }

    /// Why the cell's value cannot be used, if it cannot: an error value, a
    /// formula without a result, or a word too long to print. Message and
    /// hint.
    pub fn unreadable(&self) -> Option<(Words, Words)> {
        match self {
            Cell::Error(e) => Some((
                crate::say!("de cel bevat de foutwaarde `{e}`", "the cell holds the error value `{e}`"),
                crate::say!("herstel de formule of vul de waarde zelf in",
                    "correct the formula or enter the value yourself"
                ),
            )),
            Cell::Uncalculated(_) => Some((
                crate::say!("de cel bevat de formule `{}` zonder berekende waarde",
                    "the cell holds the formula `{}` without a calculated value",
                    self.display()
                ),
                crate::say!("open het bestand in Excel of LibreOffice en sla het opnieuw op, zodat de uitkomst wordt bewaard",
                    "open the file in Excel or LibreOffice and save it again, so the result is stored"
                ),
            )),
            Cell::Text(text) => long_word(text).map(|n| {
                (
                    crate::say!("de cel bevat een woord van {n} tekens zonder spatie; zo'n woord past op geen regel en geen PDF kan het bevatten",
                        "the cell holds a word of {n} characters without a space; such a word fits no line and no PDF can hold it"
                    ),
                    crate::say!("zet spaties in de tekst of kort hem in; een woord telt hooguit {MAX_WORD_CHARS} tekens",
                        "put spaces in the text or shorten it; a word has at most {MAX_WORD_CHARS} characters"
                    ),
                )
            }),
            _ => None,
        }
    }
}

/// Most characters a word (a run without whitespace) may have: far more
/// than any address or link, far fewer than a PDF string holds (a word
/// that fits no line is set as one run of glyphs).
pub const MAX_WORD_CHARS: usize = 1000;

/// The length of the first word longer than [`MAX_WORD_CHARS`], if any.
///
/// ```
/// use missiedocs::input::workbook::long_word;
/// assert_eq!(long_word("een gewone zin"), None);
/// assert_eq!(long_word(&format!("a {}", "x".repeat(1001))), Some(1001));
/// ```
pub fn long_word(text: &str) -> Option<usize> {
    if text.len() <= MAX_WORD_CHARS {
        return None;
    }
    text.split_whitespace().map(|w| w.chars().count()).find(|&n| n > MAX_WORD_CHARS)
}

/// The error values spreadsheet programs show, also as Dutch Excel names
/// them; as text they are errors too (CSV and OpenDocument files store them
/// as text).
const ERROR_VALUES: [&str; 22] = [
    "#N/A",
    "#REF!",
    "#DIV/0!",
    "#VALUE!",
    "#NAME?",
    "#NUM!",
    "#NULL!",
    "#SPILL!",
    "#CALC!",
    "#FIELD!",
    "#BLOCKED!",
    "#CONNECT!",
    "#BUSY!",
    "#UNKNOWN!",
    "#GETTING_DATA",
    "#N/B",
    "#VERW!",
    "#DEEL/0!",
    "#WAARDE!",
    "#NAAM?",
    "#GETAL!",
    "#LEEG!",
];

/// Whether a text is an error value (`#N/A`, `#DEEL/0!`, LibreOffice's `Err:502`).
///
/// ```
/// use missiedocs::input::workbook::is_error_value;
/// assert!(is_error_value("#N/A") && is_error_value("#deel/0!") && is_error_value("Err:502"));
/// assert!(!is_error_value("#8") && !is_error_value("Err:"));
/// ```
pub fn is_error_value(text: &str) -> bool {
    let t = text.trim();
    ERROR_VALUES.iter().any(|e| e.eq_ignore_ascii_case(t))
        || t.strip_prefix("Err:").is_some_and(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
}

/// One data row, with the row number as the spreadsheet shows it.
#[derive(Debug, Clone)]
pub struct Row {
    /// 1-based row (or CSV line) number.
    pub line: usize,
    /// Cells, one per header column.
    pub cells: Vec<Cell>,
}

/// One sheet: a header row and the data rows below it.
#[derive(Debug, Clone)]
pub struct Sheet {
    /// The sheet's name as written (for CSV: the file name without `.csv`).
    pub name: String,
    /// The file the sheet came from.
    pub file: PathBuf,
    /// 1-based row number of the header row.
    pub header_line: usize,
    /// Column headers as written.
    pub columns: Vec<String>,
    /// The spreadsheet column (0 = `A`) of the first of `columns`.
    pub left: usize,
    /// Data rows, blank ones left out.
    pub rows: Vec<Row>,
    /// Hidden (or very hidden) in the workbook: its rows may be read as
    /// data, but never printed as a table of their own.
    pub hidden: bool,
    /// The data rows (as numbered) hidden in the workbook, in order.
    pub hidden_rows: Vec<usize>,
}

/// Everything read from the input.
#[derive(Debug, Clone)]
pub struct Workbook {
    /// The workbook file or the CSV folder.
    pub path: PathBuf,
    /// The sheets in file order (CSV: by file name).
    pub sheets: Vec<Sheet>,
}

impl Workbook {
    /// Finds a sheet by name, ignoring case, spaces, underscores, hyphens and
    /// accents.
    pub fn sheet(&self, name: &str) -> Option<&Sheet> {
        let key = match_key(name);
        self.sheets.iter().find(|s| match_key(&s.name) == key)
    }

    /// The folder relative paths in the data resolve against.
    pub fn base_dir(&self) -> PathBuf {
        super::files::data_folder(&self.path)
    }
}

/// The first two sheets whose names read as one (sheets are found by name
/// ignoring case, spaces, hyphens and accents): which one a run would use
/// is a guess, and the other's rows would vanish. (Two sheets outside the
/// contract that texts would reach under one key are a problem only for a
/// text that names that key.)
pub(super) fn same_sheets(sheets: &[Sheet]) -> Option<(&str, &str)> {
    let mut seen: std::collections::HashMap<String, &str> = std::collections::HashMap::new();
    for sheet in sheets {
        if let Some(first) = seen.insert(match_key(&sheet.name), &sheet.name) {
            return Some((first, &sheet.name));
        }
    }
    None
}

/// A raw grid: (row number, cells) pairs.
pub(super) type Grid = Vec<(usize, Vec<Cell>)>;

/// A merged region of cells, as rows (1-based, as shown) and grid columns
/// (0-based), both inclusive.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Merge {
    pub(super) rows: (usize, usize),
    pub(super) columns: (usize, usize),
}

pub(super) fn check_cells(path: &Path, sheet: &str, line: usize, cells: &[Cell]) -> Result<(), ReadError> {
    let large = cells.iter().any(|c| match c {
        Cell::Text(s) | Cell::Error(s) | Cell::Uncalculated(s) => s.len() > MAX_CELL_CHARS,
        _ => false,
    });
    if large {
        return Err(ReadError::CellTooLarge { path: path.to_path_buf(), sheet: sheet.to_string(), line });
    }
    Ok(())
}

pub(super) fn text_cell(s: &str) -> Cell {
    let t = s.trim();
    // Only invisible characters (a zero-width space, a word joiner, a
    // direction mark, a soft hyphen) look blank and print blank: blank.
    if t.chars()
        .all(|c| c.is_whitespace() || matches!(c, '\u{200B}'..='\u{200F}' | '\u{2060}' | '\u{00AD}' | '\u{FEFF}'))
    {
        Cell::Empty
    } else if is_error_value(t) {
        Cell::Error(t.to_string())
    } else {
        Cell::Text(if t.contains('\r') { t.replace("\r\n", "\n") } else { t.to_string() })
    }
}

/// Finds the header row and turns the grid below it into rows. Merged
/// regions below the header read as a person sees them: the region's value
/// in each of its cells.
pub(super) fn sheet_from_grid(name: String, file: PathBuf, mut grid: Grid, merges: &[Merge]) -> Sheet {
    // The header is looked for among the top rows that hold something.
    let top: Vec<&(usize, Vec<Cell>)> =
        grid.iter().filter(|(_, cells)| cells.iter().any(|c| !c.is_empty())).take(HEADER_SCAN).collect();
    let Some(header_at) = find_header(&name, &top) else {
        return Sheet {
            name,
            file,
            header_line: 1,
            columns: Vec::new(),
            left: 0,
            rows: Vec::new(),
            hidden: false,
            hidden_rows: Vec::new(),
        };
    };
    let (header_line, header_cells) = top[header_at].clone();
    let mut columns: Vec<String> = header_cells.iter().map(Cell::display).collect();
    while columns.last().is_some_and(|c| c.is_empty()) {
        columns.pop();
    }
    fill_merges(&mut grid, merges, header_line);
    let rows = grid
        .into_iter()
        .filter(|(line, cells)| *line > header_line && cells.iter().any(|c| !c.is_empty()))
        .map(|(line, mut cells)| {
            cells.resize(columns.len().max(cells.len()), Cell::Empty);
            Row { line, cells }
        })
        .collect();
    Sheet { name, file, header_line, columns, left: 0, rows, hidden: false, hidden_rows: Vec::new() }
}

/// Copies the value of each merged region below the header row into every
/// cell it covers.
fn fill_merges(grid: &mut Grid, merges: &[Merge], header_line: usize) {
    let index: std::collections::HashMap<usize, usize> = grid.iter().enumerate().map(|(i, (l, _))| (*l, i)).collect();
    for m in merges.iter().filter(|m| m.rows.0 > header_line) {
        let Some(value) = index.get(&m.rows.0).and_then(|&i| grid[i].1.get(m.columns.0)).cloned() else { continue };
        for line in m.rows.0..=m.rows.1 {
            let Some(&i) = index.get(&line) else { continue };
            let cells = &mut grid[i].1;
            for col in m.columns.0..=m.columns.1 {
                if col >= cells.len() {
                    cells.resize(col + 1, Cell::Empty);
                }
                if cells[col].is_empty() {
                    cells[col] = value.clone();
                }
            }
        }
    }
}

/// How many of the top rows that hold something may be the header.
const HEADER_SCAN: usize = 25;

/// The header is the first of the top rows that names the contract's
/// required columns; for sheets outside the contract it is the first row
/// that is as wide as the widest of the top rows and holds only text.
fn find_header(sheet_name: &str, top: &[&(usize, Vec<Cell>)]) -> Option<usize> {
    if let Some(def) = schema::sheet(sheet_name) {
        // How many required columns a row names.
        let score = |cells: &[Cell]| {
            let named: Vec<&str> = cells
                .iter()
                .filter_map(|c| match c {
                    Cell::Text(t) => def.column(t).map(|d| d.key),
                    _ => None,
                })
                .collect();
            def.required_columns().filter(|col| named.contains(&col.key)).count()
        };
        let best =
            top.iter().enumerate().map(|(i, (_, cells))| (score(cells), i)).max_by_key(|&(s, i)| (s, usize::MAX - i));
        if let Some((score, i)) = best
            && score > 0
        {
            return Some(i);
        }
    }
    let filled = |cells: &[Cell]| cells.iter().filter(|c| !c.is_empty()).count();
    let widest = top.iter().map(|(_, c)| filled(c)).max()?;
    top.iter()
        .position(|(_, cells)| {
            filled(cells) >= widest.max(1) && cells.iter().all(|c| matches!(c, Cell::Text(_) | Cell::Empty))
        })
        .or(Some(0))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(s: &str) -> Cell {
        Cell::Text(s.into())
    }

    #[test]
    fn header_below_title_rows() {
        let grid = vec![
            (1, vec![text("Missieregister Provincie Utrecht"), Cell::Empty, Cell::Empty]),
            (3, vec![text("Missie"), text("Titel"), text("Begin datum")]),
            (4, vec![text("M1"), text("Bezoek"), Cell::Number(44887.0)]),
        ];
        let sheet = sheet_from_grid("Missies".into(), "x.xlsx".into(), grid, &[]);
        assert_eq!(sheet.header_line, 3);
        assert_eq!(sheet.columns, ["Missie", "Titel", "Begin datum"]);
        assert_eq!(sheet.rows.len(), 1);
        assert_eq!(sheet.rows[0].line, 4);
    }

    #[test]
    fn header_of_unknown_sheet() {
        let grid = vec![
            (1, vec![text("Begroting per provincie")]),
            (2, vec![text("Provincie"), text("Budget"), text("FTE")]),
            (3, vec![text("Utrecht"), Cell::Number(1e5), Cell::Number(1.5)]),
        ];
        let sheet = sheet_from_grid("Begroting".into(), "x.xlsx".into(), grid, &[]);
        assert_eq!(sheet.header_line, 2);
        assert_eq!(sheet.rows.len(), 1);
    }
}
