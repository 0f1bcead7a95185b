//! Reading: a workbook (`.xlsx`, `.xlsm`, `.xls`, `.ods` via calamine) or a
//! folder of CSV files (csv crate) becomes a list of [`Sheet`]s with their
//! header row found and blank rows dropped. Nothing is interpreted here yet
//! beyond the cell's own type.

use std::fmt;
use std::fs;
use std::path::{Path, PathBuf};

use calamine::{Data, Reader};
use chrono::NaiveDate;

use crate::notation::{self, match_key};
use crate::schema;

/// Most rows a sheet may have; more is refused rather than exhausting memory.
pub const MAX_ROWS: usize = 200_000;
/// Most characters a cell may hold.
pub const MAX_CELL_CHARS: usize = 100_000;

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
    /// An error cell such as `#DIV/0!`.
    Error(String),
}

impl Cell {
    /// Whether the cell holds nothing.
    pub fn is_empty(&self) -> bool {
        matches!(self, Cell::Empty)
    }

    /// The cell as the user sees it, for messages and text columns.
    pub fn display(&self) -> String {
        match self {
            Cell::Empty => String::new(),
            Cell::Text(s) | Cell::Error(s) => s.clone(),
            Cell::Number(n) if n.fract() == 0.0 && n.abs() < 1e15 => format!("{}", *n as i64),
            Cell::Number(n) => n.to_string(),
            Cell::Date(d) => d.to_string(),
            Cell::Bool(b) => if *b { "WAAR" } else { "ONWAAR" }.to_string(),
        }
    }
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
    /// Data rows, blank ones left out.
    pub rows: Vec<Row>,
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
        if self.path.is_dir() {
            self.path.clone()
        } else {
            self.path.parent().map(Path::to_path_buf).unwrap_or_default()
        }
    }
}

/// Why the input could not be read at all.
#[derive(Debug)]
pub enum ReadError {
    /// The path does not exist.
    Missing(PathBuf),
    /// An I/O error.
    Io {
        /// The file.
        path: PathBuf,
        /// The cause.
        source: std::io::Error,
    },
    /// The file is not a spreadsheet we can read.
    NotASpreadsheet {
        /// The file.
        path: PathBuf,
        /// What calamine or csv said.
        reason: String,
    },
    /// The workbook or folder holds no sheet.
    Empty(PathBuf),
    /// A sheet is larger than the limits allow.
    TooManyRows {
        /// The file.
        path: PathBuf,
        /// The sheet.
        sheet: String,
    },
    /// A cell is larger than the limits allow.
    CellTooLarge {
        /// The file.
        path: PathBuf,
        /// The sheet.
        sheet: String,
        /// The row.
        line: usize,
    },
}

impl fmt::Display for ReadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let text = match self {
            ReadError::Missing(path) => crate::tr!("`{}` bestaat niet", "`{}` does not exist", path.display()),
            ReadError::Io { path, source } => {
                crate::tr!("`{}` kan niet worden gelezen ({source})", "`{}` cannot be read ({source})", path.display())
            }
            ReadError::NotASpreadsheet { path, reason } => crate::tr!(
                "`{}` is geen leesbaar rekenblad ({reason})\nhint: gebruik .xlsx, .xlsm, .xls, .ods of een map met .csv-bestanden",
                "`{}` is not a readable spreadsheet ({reason})\nhint: use .xlsx, .xlsm, .xls, .ods or a folder of .csv files",
                path.display()
            ),
            ReadError::Empty(path) => crate::tr!("`{}` bevat geen bladen", "`{}` holds no sheets", path.display()),
            ReadError::TooManyRows { path, sheet } => crate::tr!(
                "`{}`, blad `{sheet}`: meer dan {MAX_ROWS} rijen",
                "`{}`, sheet `{sheet}`: more than {MAX_ROWS} rows",
                path.display()
            ),
            ReadError::CellTooLarge { path, sheet, line } => crate::tr!(
                "`{}`, blad `{sheet}`, rij {line}: cel van meer dan {MAX_CELL_CHARS} tekens",
                "`{}`, sheet `{sheet}`, row {line}: cell of more than {MAX_CELL_CHARS} characters",
                path.display()
            ),
        };
        f.write_str(&text)
    }
}

impl std::error::Error for ReadError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            ReadError::Io { source, .. } => Some(source),
            _ => None,
        }
    }
}

/// Reads a workbook file or a folder of CSV files.
pub fn read(path: &Path) -> Result<Workbook, ReadError> {
    let meta = fs::metadata(path).map_err(|e| match e.kind() {
        std::io::ErrorKind::NotFound => ReadError::Missing(path.to_path_buf()),
        _ => ReadError::Io { path: path.to_path_buf(), source: e },
    })?;
    let sheets = if meta.is_dir() { read_csv_dir(path)? } else { read_workbook(path)? };
    if sheets.is_empty() {
        return Err(ReadError::Empty(path.to_path_buf()));
    }
    Ok(Workbook { path: path.to_path_buf(), sheets })
}

/// A raw grid: (row number, cells) pairs.
type Grid = Vec<(usize, Vec<Cell>)>;

fn read_workbook(path: &Path) -> Result<Vec<Sheet>, ReadError> {
    let not_sheet = |reason: String| ReadError::NotASpreadsheet { path: path.to_path_buf(), reason };
    if fs::metadata(path).map(|m| m.len() == 0).unwrap_or(false) {
        return Err(not_sheet(crate::tr!("het bestand is leeg", "the file is empty")));
    }
    // A damaged file must not crash the run, even if the parser panics on it.
    let damaged = || not_sheet(crate::tr!("het bestand is beschadigd", "the file is damaged"));
    let mut book = crate::guard::contain(|| calamine::open_workbook_auto(path))
        .ok_or_else(damaged)?
        .map_err(|e| not_sheet(describe_calamine(&e)))?;
    let mut sheets = Vec::new();
    for name in book.sheet_names() {
        let range = crate::guard::contain(|| book.worksheet_range(&name))
            .ok_or_else(damaged)?
            .map_err(|e| not_sheet(describe_calamine(&e)))?;
        let (top, _) = range.start().unwrap_or((0, 0));
        if range.height() > MAX_ROWS {
            return Err(ReadError::TooManyRows { path: path.to_path_buf(), sheet: name });
        }
        let mut grid = Grid::new();
        for (i, row) in range.rows().enumerate() {
            let line = top as usize + i + 1;
            let cells = row.iter().map(cell_from_calamine).collect::<Vec<_>>();
            check_cells(path, &name, line, &cells)?;
            grid.push((line, cells));
        }
        sheets.push(sheet_from_grid(name, path.to_path_buf(), grid));
    }
    Ok(sheets)
}

fn describe_calamine(e: &calamine::Error) -> String {
    let text = e.to_string();
    if text.to_lowercase().contains("password") || text.to_lowercase().contains("encrypt") {
        crate::tr!("het bestand is met een wachtwoord beveiligd", "the file is protected with a password")
    } else {
        text
    }
}

fn check_cells(path: &Path, sheet: &str, line: usize, cells: &[Cell]) -> Result<(), ReadError> {
    let large = cells.iter().any(|c| match c {
        Cell::Text(s) | Cell::Error(s) => s.len() > MAX_CELL_CHARS,
        _ => false,
    });
    if large {
        return Err(ReadError::CellTooLarge { path: path.to_path_buf(), sheet: sheet.to_string(), line });
    }
    Ok(())
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

fn text_cell(s: &str) -> Cell {
    let t = s.trim();
    if t.is_empty() { Cell::Empty } else { Cell::Text(t.replace("\r\n", "\n")) }
}

fn read_csv_dir(dir: &Path) -> Result<Vec<Sheet>, ReadError> {
    let io = |source| ReadError::Io { path: dir.to_path_buf(), source };
    let mut files: Vec<PathBuf> = fs::read_dir(dir)
        .map_err(io)?
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.is_file() && p.extension().is_some_and(|e| e.eq_ignore_ascii_case("csv")))
        .collect();
    files.sort();
    files.iter().map(|file| read_csv_file(file)).collect()
}

/// Decodes a CSV file's bytes: UTF-8 (a BOM is dropped) or Windows-1252.
///
/// ```
/// use missiedocs::read::decode_text;
/// assert_eq!(decode_text(b"\xef\xbb\xbfcaf\xc3\xa9"), "café");
/// assert_eq!(decode_text(b"caf\xe9 \x80 5"), "café € 5");
/// ```
pub fn decode_text(bytes: &[u8]) -> String {
    let bytes = bytes.strip_prefix(b"\xef\xbb\xbf").unwrap_or(bytes);
    match std::str::from_utf8(bytes) {
        Ok(text) => text.to_string(),
        Err(_) => encoding_rs::WINDOWS_1252.decode_without_bom_handling(bytes).0.into_owned(),
    }
}

/// Guesses the separator of a CSV text: the most frequent of `;`, `,` and
/// tab outside quotes in its first lines; `;` wins a tie, as Dutch Excel
/// writes it.
fn guess_delimiter(text: &str) -> u8 {
    let mut counts = [0usize; 3];
    let mut quoted = false;
    for c in text.lines().take(30).flat_map(|l| l.chars().chain(['\n'])) {
        match c {
            '"' => quoted = !quoted,
            ';' if !quoted => counts[0] += 1,
            ',' if !quoted => counts[1] += 1,
            '\t' if !quoted => counts[2] += 1,
            _ => {}
        }
    }
    let best = (0..3).max_by_key(|&i| (counts[i], 3 - i)).unwrap_or(0);
    [b';', b',', b'\t'][best]
}

fn read_csv_file(file: &Path) -> Result<Sheet, ReadError> {
    let bytes = fs::read(file).map_err(|source| ReadError::Io { path: file.to_path_buf(), source })?;
    let text = decode_text(&bytes);
    let name = file.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(guess_delimiter(&text))
        .from_reader(text.as_bytes());
    let mut grid = Grid::new();
    for record in reader.records() {
        let record = record.map_err(|e| ReadError::NotASpreadsheet {
            path: file.to_path_buf(),
            reason: match e.position() {
                Some(p) => crate::tr!("regel {}: {e}", "line {}: {e}", p.line()),
                None => e.to_string(),
            },
        })?;
        if grid.len() >= MAX_ROWS {
            return Err(ReadError::TooManyRows { path: file.to_path_buf(), sheet: name });
        }
        let line = record.position().map(|p| p.line() as usize).unwrap_or(grid.len() + 1);
        let cells: Vec<Cell> = record.iter().map(text_cell).collect();
        check_cells(file, &name, line, &cells)?;
        grid.push((line, cells));
    }
    Ok(sheet_from_grid(name, file.to_path_buf(), grid))
}

/// Finds the header row and turns the grid below it into rows.
fn sheet_from_grid(name: String, file: PathBuf, grid: Grid) -> Sheet {
    let grid: Grid = grid.into_iter().filter(|(_, cells)| cells.iter().any(|c| !c.is_empty())).collect();
    let header_at = find_header(&name, &grid);
    let Some(header_at) = header_at else {
        return Sheet { name, file, header_line: 1, columns: Vec::new(), rows: Vec::new() };
    };
    let (header_line, header_cells) = &grid[header_at];
    let mut columns: Vec<String> = header_cells.iter().map(Cell::display).collect();
    while columns.last().is_some_and(|c| c.is_empty()) {
        columns.pop();
    }
    let rows = grid[header_at + 1..]
        .iter()
        .map(|(line, cells)| {
            let mut cells = cells.clone();
            cells.resize(columns.len().max(cells.len()), Cell::Empty);
            Row { line: *line, cells }
        })
        .collect();
    Sheet { name, file, header_line: *header_line, columns, rows }
}

/// The header is the first of the top rows that names the contract's
/// required columns; for sheets outside the contract it is the first row
/// that is as wide as the widest of the top rows and holds only text.
fn find_header(sheet_name: &str, grid: &Grid) -> Option<usize> {
    const SCAN: usize = 25;
    let top = &grid[..grid.len().min(SCAN)];
    if let Some(def) = schema::sheet(sheet_name) {
        let score = |cells: &[Cell]| {
            def.required_columns()
                .filter(|col| {
                    cells.iter().any(|c| matches!(c, Cell::Text(t) if def.column(t).is_some_and(|d| d.key == col.key)))
                })
                .count()
        };
        let best = top.iter().enumerate().max_by_key(|(i, (_, cells))| (score(cells), usize::MAX - i));
        if let Some((i, (_, cells))) = best
            && score(cells) > 0
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
        let sheet = sheet_from_grid("Missies".into(), "x.xlsx".into(), grid);
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
        let sheet = sheet_from_grid("Begroting".into(), "x.xlsx".into(), grid);
        assert_eq!(sheet.header_line, 2);
        assert_eq!(sheet.rows.len(), 1);
    }

    #[test]
    fn delimiters() {
        assert_eq!(guess_delimiter("a;b;c\n1,5;2;3\n"), b';');
        assert_eq!(guess_delimiter("a,b,c\n1,2,3\n"), b',');
        assert_eq!(guess_delimiter("Titel\na;b\n"), b';');
        assert_eq!(guess_delimiter("\"x;y\",b,c\n"), b',');
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
