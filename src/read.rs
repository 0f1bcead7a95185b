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
    /// An error value such as `#DIV/0!` (also typed or saved as text, as
    /// CSV and OpenDocument files carry them).
    Error(String),
    /// A formula whose result the file does not hold (saved by a program
    /// that does not calculate); the formula as written.
    Uncalculated(String),
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
            Cell::Uncalculated(f) => format!("={}", f.trim_start_matches('=')),
            Cell::Number(n) if n.fract() == 0.0 && n.abs() < 1e15 => format!("{}", *n as i64),
            Cell::Number(n) => n.to_string(),
            Cell::Date(d) => d.to_string(),
            Cell::Bool(b) => if *b { "WAAR" } else { "ONWAAR" }.to_string(),
        }
    }

    /// Why the cell's value cannot be used, if it cannot: an error value or
    /// a formula without a result. Message and hint.
    pub fn unreadable(&self) -> Option<(String, String)> {
        match self {
            Cell::Error(e) => Some((
                crate::tr!("de cel bevat de foutwaarde `{e}`", "the cell holds the error value `{e}`"),
                crate::tr!(
                    "herstel de formule of vul de waarde zelf in",
                    "correct the formula or enter the value yourself"
                ),
            )),
            Cell::Uncalculated(_) => Some((
                crate::tr!(
                    "de cel bevat de formule `{}` zonder berekende waarde",
                    "the cell holds the formula `{}` without a calculated value",
                    self.display()
                ),
                crate::tr!(
                    "open het bestand in Excel of LibreOffice en sla het opnieuw op, zodat de uitkomst wordt bewaard",
                    "open the file in Excel or LibreOffice and save it again, so the result is stored"
                ),
            )),
            _ => None,
        }
    }
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
/// use missiedocs::read::is_error_value;
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
        let dir = if self.path.is_dir() {
            self.path.clone()
        } else {
            self.path.parent().map(Path::to_path_buf).unwrap_or_default()
        };
        if dir.as_os_str().is_empty() { PathBuf::from(".") } else { dir }
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

/// A merged region of cells, as rows (1-based, as shown) and grid columns
/// (0-based), both inclusive.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Merge {
    rows: (usize, usize),
    columns: (usize, usize),
}

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

/// The extension of a path, lower case.
fn extension(path: &Path) -> String {
    path.extension().map(|e| e.to_string_lossy().to_lowercase()).unwrap_or_default()
}

/// Opens a workbook by its extension; when that fails, says in words what
/// the file is instead (a workbook under the wrong extension, one CSV file,
/// a protected or damaged file), with the parser's own words in brackets.
fn open_book(path: &Path) -> Result<calamine::Sheets<std::io::BufReader<fs::File>>, ReadError> {
    let not_sheet = |reason: String| ReadError::NotASpreadsheet { path: path.to_path_buf(), reason };
    let ext = extension(path);
    if ext == "csv" || ext == "txt" {
        return Err(not_sheet(crate::tr!(
            "dit is één CSV-bestand; geef de map die de CSV-bestanden bevat (missies.csv, documenten.csv, …)",
            "this is a single CSV file; give the folder that holds the CSV files (missies.csv, documenten.csv, …)"
        )));
    }
    if fs::metadata(path).map(|m| m.len() == 0).unwrap_or(false) {
        return Err(not_sheet(crate::tr!("het bestand is leeg", "the file is empty")));
    }
    let damaged = || not_sheet(crate::tr!("het bestand is beschadigd", "the file is damaged"));
    let opened = crate::guard::contain(|| calamine::open_workbook_auto(path)).ok_or_else(damaged)?;
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
        (Some(kind), _) if kind != ext => crate::tr!(
            "de inhoud is een .{kind}-bestand, maar de naam eindigt op .{ext}; geef het bestand de extensie .{kind}",
            "the content is a .{kind} file, but the name ends in .{ext}; give the file the extension .{kind}"
        ),
        (_, Format::Ole) if ext != "xls" => crate::tr!(
            "het bestand is met een wachtwoord beveiligd ({detail}); sla het op zonder wachtwoord",
            "the file is protected with a password ({detail}); save it without a password"
        ),
        _ if detail.to_lowercase().contains("password") || detail.to_lowercase().contains("encrypt") => crate::tr!(
            "het bestand is met een wachtwoord beveiligd ({detail}); sla het op zonder wachtwoord",
            "the file is protected with a password ({detail}); save it without a password"
        ),
        (_, Format::Other) if !matches!(ext.as_str(), "xls" | "xlsx" | "xlsm" | "xlsb" | "ods") => crate::tr!(
            "bestanden met de extensie `.{ext}` worden niet gelezen ({detail})",
            "files with the extension `.{ext}` are not read ({detail})"
        ),
        _ => crate::tr!(
            "het bestand is beschadigd of geen .{ext}-bestand ({detail})",
            "the file is damaged or not a .{ext} file ({detail})"
        ),
    };
    Err(not_sheet(reason))
}

fn read_workbook(path: &Path) -> Result<Vec<Sheet>, ReadError> {
    let not_sheet = |reason: String| ReadError::NotASpreadsheet { path: path.to_path_buf(), reason };
    // A damaged file must not crash the run, even if the parser panics on it.
    let damaged = |detail: String| {
        not_sheet(crate::tr!("het bestand is beschadigd ({detail})", "the file is damaged ({detail})"))
    };
    let mut book = open_book(path)?;
    let mut sheets = Vec::new();
    // Chart sheets and VBA modules hold no cells.
    let names: Vec<String> = book
        .sheets_metadata()
        .iter()
        .filter(|s| !matches!(s.typ, calamine::SheetType::ChartSheet | calamine::SheetType::Vba))
        .map(|s| s.name.clone())
        .collect();
    for name in names {
        let range = crate::guard::contain(|| book.worksheet_range(&name))
            .ok_or_else(|| damaged(name.clone()))?
            .map_err(|e| damaged(e.to_string()))?;
        if range.height() > MAX_ROWS {
            return Err(ReadError::TooManyRows { path: path.to_path_buf(), sheet: name });
        }
        // Formulas, to find those the file holds no result for. Not every
        // format offers them; a sheet without is read by its values alone.
        let formulas = crate::guard::contain(|| book.worksheet_formula(&name)).and_then(Result::ok);
        let merges = crate::guard::contain(|| merged_regions(&mut book, &name)).unwrap_or_default();
        let (grid, left) = grid_of(&range, formulas.as_ref());
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
/// a value or a formula; a formula whose result the file lacks becomes
/// [`Cell::Uncalculated`]. Also returns the left column.
fn grid_of(values: &calamine::Range<Data>, formulas: Option<&calamine::Range<String>>) -> (Grid, u32) {
    let corners = |r: Option<(u32, u32)>, e: Option<(u32, u32)>| r.zip(e);
    let mut bounds = corners(values.start(), values.end());
    if let Some(f) = formulas
        && let Some((fs, fe)) = corners(f.start(), f.end())
    {
        bounds = Some(match bounds {
            Some((vs, ve)) => ((vs.0.min(fs.0), vs.1.min(fs.1)), (ve.0.max(fe.0), ve.1.max(fe.1))),
            None => (fs, fe),
        });
    }
    let Some(((top, left), (bottom, right))) = bounds else { return (Grid::new(), 0) };
    let grid = (top..=bottom)
        .map(|row| {
            let cells = (left..=right)
                .map(|col| {
                    let value = values.get_value((row, col)).map(cell_from_calamine).unwrap_or(Cell::Empty);
                    let formula = formulas.and_then(|f| f.get_value((row, col))).filter(|f| !f.trim().is_empty());
                    match (value, formula) {
                        (Cell::Empty, Some(formula)) => Cell::Uncalculated(formula.clone()),
                        (value, _) => value,
                    }
                })
                .collect();
            (row as usize + 1, cells)
        })
        .collect();
    (grid, left)
}

fn check_cells(path: &Path, sheet: &str, line: usize, cells: &[Cell]) -> Result<(), ReadError> {
    let large = cells.iter().any(|c| match c {
        Cell::Text(s) | Cell::Error(s) | Cell::Uncalculated(s) => s.len() > MAX_CELL_CHARS,
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
    if t.is_empty() {
        Cell::Empty
    } else if is_error_value(t) {
        Cell::Error(t.to_string())
    } else {
        Cell::Text(t.replace("\r\n", "\n"))
    }
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
    // Rows as a spreadsheet program shows them: a blank line is a row, a
    // quoted cell over several lines is one.
    let (mut counted_to, mut line_breaks, mut inside_cells) = (0usize, 0usize, 0usize);
    for record in reader.records() {
        let record = record.map_err(|e| ReadError::NotASpreadsheet {
            path: file.to_path_buf(),
            reason: match e.position() {
                Some(p) => crate::tr!(
                    "rij {}: {e}",
                    "row {}: {e}",
                    row_of(&text, p.byte() as usize, &mut counted_to, &mut line_breaks, inside_cells)
                ),
                None => e.to_string(),
            },
        })?;
        if grid.len() >= MAX_ROWS {
            return Err(ReadError::TooManyRows { path: file.to_path_buf(), sheet: name });
        }
        let start = record.position().map_or(counted_to, |p| p.byte() as usize);
        let line = row_of(&text, start, &mut counted_to, &mut line_breaks, inside_cells);
        inside_cells += record.iter().map(|f| f.matches('\n').count()).sum::<usize>();
        let cells: Vec<Cell> = record.iter().map(text_cell).collect();
        check_cells(file, &name, line, &cells)?;
        grid.push((line, cells));
    }
    Ok(sheet_from_grid(name, file.to_path_buf(), grid, &[]))
}

/// The spreadsheet row of the record the csv reader places at byte `at`:
/// the line breaks before it, less those inside quoted cells, plus one. The
/// reader places a record at the end of the one before (inside a `\r\n`,
/// before blank lines it skips), so the record itself starts at the first
/// byte from there that is no line break. `counted_to` and `line_breaks`
/// carry the count forward, so a file is scanned once.
fn row_of(text: &str, at: usize, counted_to: &mut usize, line_breaks: &mut usize, inside_cells: usize) -> usize {
    let bytes = text.as_bytes();
    let mut at = at.min(text.len());
    while at < bytes.len() && matches!(bytes[at], b'\r' | b'\n') {
        at += 1;
    }
    if at > *counted_to {
        *line_breaks += text.as_bytes()[*counted_to..at].iter().filter(|&&b| b == b'\n').count();
        *counted_to = at;
    }
    *line_breaks + 1 - inside_cells.min(*line_breaks)
}

/// Finds the header row and turns the grid below it into rows. Merged
/// regions below the header read as a person sees them: the region's value
/// in each of its cells.
fn sheet_from_grid(name: String, file: PathBuf, mut grid: Grid, merges: &[Merge]) -> Sheet {
    let filled: Grid = grid.iter().filter(|(_, cells)| cells.iter().any(|c| !c.is_empty())).cloned().collect();
    let Some(header_at) = find_header(&name, &filled) else {
        return Sheet { name, file, header_line: 1, columns: Vec::new(), left: 0, rows: Vec::new() };
    };
    let (header_line, header_cells) = filled[header_at].clone();
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
    Sheet { name, file, header_line, columns, left: 0, rows }
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

#[cfg(test)]
mod csv_rows {
    use super::*;

    #[test]
    fn csv_rows_are_numbered_as_a_spreadsheet_shows_them() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("missies.csv");
        // Header row 1; a quoted cell over three lines is one row; a blank line is a row.
        std::fs::write(&file, "missie;titel\r\nM1;\"een\r\ntwee\r\ndrie\"\r\n\r\nM2;x\r\nM3;y\r\n").unwrap();
        let sheet = read_csv_file(&file).unwrap();
        assert_eq!(sheet.header_line, 1);
        let lines: Vec<usize> = sheet.rows.iter().map(|r| r.line).collect();
        assert_eq!(lines, [2, 4, 5]);
    }
}
