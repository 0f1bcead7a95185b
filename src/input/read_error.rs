//! Why the input could not be read at all — missing, empty, damaged, too
//! large, a CSV quote that swallows rows, two sheets that read as one —
//! as data, and as a [`Failure`] in words with a hint that fits.

use std::path::PathBuf;

use super::limits::{MAX_CELL_CHARS, MAX_CELLS, MAX_INFLATED_BYTES, MAX_PART_BYTES, MAX_ROWS};
use crate::error::Failure;
use crate::lang::Words;
use crate::say;

/// What made the input unreadable.
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
        /// What the file is instead, or what is wrong with it, in words.
        reason: Words,
        /// What to do, when the general hint (the formats read) does not fit.
        hint: Option<Words>,
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
    /// A sheet spans more cells than the limits allow.
    TooManyCells {
        /// The file.
        path: PathBuf,
        /// The sheet.
        sheet: String,
    },
    /// A CSV file's quotes do not pair up: a cell opened with `"` runs to
    /// the end of the file, or over lines that look like rows of their own.
    OpenQuote {
        /// The file.
        path: PathBuf,
        /// The line the quote opened on.
        line: usize,
        /// The line that looks like a row of its own inside the cell, if
        /// that is what gave it away (else the quote runs to the end).
        swallowed: Option<usize>,
    },
    /// Two sheets whose names read as one (`Missies` and `Missies `,
    /// `Mis-sies`, `Missiës`): which one is meant would be a guess.
    SameSheet {
        /// The file.
        path: PathBuf,
        /// The first sheet, as written.
        first: String,
        /// The second sheet, as written.
        second: String,
    },
    /// A part of a zip-based workbook inflates to more than the limits allow.
    TooLarge {
        /// The file.
        path: PathBuf,
        /// The part inside the archive.
        part: String,
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

impl From<ReadError> for Failure {
    fn from(err: ReadError) -> Failure {
        let (message, hint) = err.said();
        let failure = Failure { message, hint, source: None };
        match err {
            ReadError::Io { source, .. } => failure.caused_by(source),
            _ => failure,
        }
    }
}

impl ReadError {
    /// What went wrong, and how to put it right.
    fn said(&self) -> (Words, Option<Words>) {
        let stray_hint = || {
            say!(
                "staat er iets ver rechts of ver onder de gegevens? Haal het weg",
                "is there something far right of or far below the data? Remove it"
            )
        };
        let quote_hint = || {
            say!(
                "zet het sluitende aanhalingsteken achter de tekst van de cel, of haal het openende weg",
                "put the closing quote after the cell's text, or remove the opening one"
            )
        };
        match self {
            ReadError::Missing(path) => (
                say!("`{}` bestaat niet", "`{}` does not exist", path.display()),
                Some(say!(
                    "geef het werkboek met `--data missies.xlsx` (of de map met CSV-bestanden), of begin een nieuwe map met `missiedocs init <map>`",
                    "give the workbook with `--data missies.xlsx` (or the folder of CSV files), or start a new folder with `missiedocs init <folder>`"
                )),
            ),
            ReadError::Io { path, .. } => {
                (say!("`{}` kan niet worden gelezen", "`{}` cannot be read", path.display()), None)
            }
            ReadError::NotASpreadsheet { path, reason, hint } => (
                reason.map(|lang, reason| {
                    crate::tr!(
                        lang,
                        "`{}` is geen leesbaar rekenblad ({reason})",
                        "`{}` is not a readable spreadsheet ({reason})",
                        path.display()
                    )
                }),
                Some(hint.clone().unwrap_or_else(|| {
                    say!(
                        "gebruik .xlsx, .xlsm, .xlsb, .xls, .ods of een map met .csv-bestanden",
                        "use .xlsx, .xlsm, .xlsb, .xls, .ods or a folder of .csv files"
                    )
                })),
            ),
            ReadError::Empty(path) => (say!("`{}` bevat geen bladen", "`{}` holds no sheets", path.display()), None),
            ReadError::TooManyRows { path, sheet } => (
                say!(
                    "`{}`, blad `{sheet}`: meer dan {MAX_ROWS} rijen",
                    "`{}`, sheet `{sheet}`: more than {MAX_ROWS} rows",
                    path.display()
                ),
                None,
            ),
            ReadError::TooManyCells { path, sheet } => (
                say!(
                    "`{}`, blad `{sheet}`: meer dan {MAX_CELLS} cellen van de eerste tot de laatste gevulde rij en kolom",
                    "`{}`, sheet `{sheet}`: more than {MAX_CELLS} cells from the first to the last filled row and column",
                    path.display()
                ),
                Some(stray_hint()),
            ),
            ReadError::OpenQuote { path, line, swallowed: None } => (
                say!(
                    "`{}`, regel {line}: de cel die hier met een aanhalingsteken (\") begint, wordt nergens gesloten, zodat de rest van het bestand één cel zou worden",
                    "`{}`, line {line}: the cell that starts with a quote (\") here is never closed, so the rest of the file would become one cell",
                    path.display()
                ),
                Some(quote_hint()),
            ),
            ReadError::OpenQuote { path, line, swallowed: Some(row) } => (
                say!(
                    "`{}`, regel {line}: de cel die hier met een aanhalingsteken (\") begint, loopt door tot over regel {row}, die eruitziet als een eigen rij; die rij zou in de cel verdwijnen",
                    "`{}`, line {line}: the cell that starts with a quote (\") here runs on past line {row}, which looks like a row of its own; that row would vanish into the cell",
                    path.display()
                ),
                Some(quote_hint()),
            ),
            ReadError::SameSheet { path, first, second } => (
                say!(
                    "`{}`: de bladen `{first}` en `{second}` lezen als hetzelfde blad; welk bedoeld is, zou een gok zijn",
                    "`{}`: the sheets `{first}` and `{second}` read as the same sheet; which one is meant would be a guess",
                    path.display()
                ),
                Some(say!(
                    "geef één van beide een andere naam of verwijder het (kijk ook bij verborgen bladen: rechtermuisknop op een bladtab → Zichtbaar maken)",
                    "rename or delete one of them (look among hidden sheets too: right-click a sheet tab → Unhide)"
                )),
            ),
            ReadError::TooLarge { path, part } => (
                say!(
                    "`{}`: het onderdeel `{part}` pakt uit tot meer dan {} MB (het bestand mag samen niet meer dan {} MB uitpakken); het wordt niet gelezen",
                    "`{}`: the part `{part}` inflates to more than {} MB (the whole file may not inflate to more than {} MB); it is not read",
                    path.display(),
                    MAX_PART_BYTES >> 20,
                    MAX_INFLATED_BYTES >> 20
                ),
                Some(say!(
                    "staat er iets ver rechts of ver onder de gegevens, of is het bestand niet door een rekenbladprogramma gemaakt? Sla het opnieuw op vanuit Excel of LibreOffice",
                    "is there something far right of or far below the data, or was the file not made by a spreadsheet program? Save it again from Excel or LibreOffice"
                )),
            ),
            ReadError::CellTooLarge { path, sheet, line } => (
                say!(
                    "`{}`, blad `{sheet}`, rij {line}: cel van meer dan {MAX_CELL_CHARS} tekens",
                    "`{}`, sheet `{sheet}`, row {line}: cell of more than {MAX_CELL_CHARS} characters",
                    path.display()
                ),
                None,
            ),
        }
    }
}
