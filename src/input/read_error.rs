//! Why the input could not be read at all — missing, empty, damaged, too
//! large, a CSV quote that swallows rows, two sheets that read as one —
//! in words, with a hint that fits, in the language it was asked in.

use std::fmt;
use std::path::PathBuf;

use super::limits::{MAX_CELL_CHARS, MAX_CELLS, MAX_INFLATED_BYTES, MAX_PART_BYTES, MAX_ROWS};
use crate::lang::Lang;
use crate::tr;

/// Why the input could not be read at all, in the language it was asked in.
#[derive(Debug)]
pub struct ReadError {
    /// What went wrong.
    pub kind: ReadErrorKind,
    /// The language of the message.
    pub lang: Lang,
}

/// What made the input unreadable.
#[derive(Debug)]
pub enum ReadErrorKind {
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
        reason: String,
        /// What to do, when the general hint (the formats read) does not fit.
        hint: Option<String>,
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

impl ReadErrorKind {
    /// The error, with its message in `lang`.
    pub fn in_lang(self, lang: Lang) -> ReadError {
        ReadError { kind: self, lang }
    }
}

impl fmt::Display for ReadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let lang = self.lang;
        let text = match &self.kind {
            ReadErrorKind::Missing(path) => tr!(
                lang,
                "`{}` bestaat niet\nhint: geef het werkboek met `--data missies.xlsx` (of de map met CSV-bestanden), of begin een nieuwe map met `missiedocs init <map>`",
                "`{}` does not exist\nhint: give the workbook with `--data missies.xlsx` (or the folder of CSV files), or start a new folder with `missiedocs init <folder>`",
                path.display()
            ),
            ReadErrorKind::Io { path, .. } => {
                tr!(lang, "`{}` kan niet worden gelezen", "`{}` cannot be read", path.display())
            }
            ReadErrorKind::NotASpreadsheet { path, reason, hint } => {
                let hint = hint.clone().unwrap_or_else(|| {
                    tr!(
                        lang,
                        "gebruik .xlsx, .xlsm, .xlsb, .xls, .ods of een map met .csv-bestanden",
                        "use .xlsx, .xlsm, .xlsb, .xls, .ods or a folder of .csv files"
                    )
                });
                tr!(
                    lang,
                    "`{}` is geen leesbaar rekenblad ({reason})\nhint: {hint}",
                    "`{}` is not a readable spreadsheet ({reason})\nhint: {hint}",
                    path.display()
                )
            }
            ReadErrorKind::Empty(path) => tr!(lang, "`{}` bevat geen bladen", "`{}` holds no sheets", path.display()),
            ReadErrorKind::TooManyRows { path, sheet } => tr!(
                lang,
                "`{}`, blad `{sheet}`: meer dan {MAX_ROWS} rijen",
                "`{}`, sheet `{sheet}`: more than {MAX_ROWS} rows",
                path.display()
            ),
            ReadErrorKind::TooManyCells { path, sheet } => tr!(
                lang,
                "`{}`, blad `{sheet}`: meer dan {MAX_CELLS} cellen van de eerste tot de laatste gevulde rij en kolom\nhint: staat er iets ver rechts of ver onder de gegevens? Haal het weg",
                "`{}`, sheet `{sheet}`: more than {MAX_CELLS} cells from the first to the last filled row and column\nhint: is there something far right of or far below the data? Remove it",
                path.display()
            ),
            ReadErrorKind::OpenQuote { path, line, swallowed: None } => tr!(
                lang,
                "`{}`, regel {line}: de cel die hier met een aanhalingsteken (\") begint, wordt nergens gesloten, zodat de rest van het bestand één cel zou worden\nhint: zet het sluitende aanhalingsteken achter de tekst van de cel, of haal het openende weg",
                "`{}`, line {line}: the cell that starts with a quote (\") here is never closed, so the rest of the file would become one cell\nhint: put the closing quote after the cell's text, or remove the opening one",
                path.display()
            ),
            ReadErrorKind::OpenQuote { path, line, swallowed: Some(row) } => tr!(
                lang,
                "`{}`, regel {line}: de cel die hier met een aanhalingsteken (\") begint, loopt door tot over regel {row}, die eruitziet als een eigen rij; die rij zou in de cel verdwijnen\nhint: zet het sluitende aanhalingsteken achter de tekst van de cel, of haal het openende weg",
                "`{}`, line {line}: the cell that starts with a quote (\") here runs on past line {row}, which looks like a row of its own; that row would vanish into the cell\nhint: put the closing quote after the cell's text, or remove the opening one",
                path.display()
            ),
            ReadErrorKind::SameSheet { path, first, second } => tr!(
                lang,
                "`{}`: de bladen `{first}` en `{second}` lezen als hetzelfde blad; welk bedoeld is, zou een gok zijn\nhint: geef één van beide een andere naam of verwijder het (kijk ook bij verborgen bladen: rechtermuisknop op een bladtab → Zichtbaar maken)",
                "`{}`: the sheets `{first}` and `{second}` read as the same sheet; which one is meant would be a guess\nhint: rename or delete one of them (look among hidden sheets too: right-click a sheet tab → Unhide)",
                path.display()
            ),
            ReadErrorKind::TooLarge { path, part } => tr!(
                lang,
                "`{}`: het onderdeel `{part}` pakt uit tot meer dan {} MB (het bestand mag samen niet meer dan {} MB uitpakken); het wordt niet gelezen\nhint: staat er iets ver rechts of ver onder de gegevens, of is het bestand niet door een rekenbladprogramma gemaakt? Sla het opnieuw op vanuit Excel of LibreOffice",
                "`{}`: the part `{part}` inflates to more than {} MB (the whole file may not inflate to more than {} MB); it is not read\nhint: is there something far right of or far below the data, or was the file not made by a spreadsheet program? Save it again from Excel or LibreOffice",
                path.display(),
                MAX_PART_BYTES >> 20,
                MAX_INFLATED_BYTES >> 20
            ),
            ReadErrorKind::CellTooLarge { path, sheet, line } => tr!(
                lang,
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
        match &self.kind {
            ReadErrorKind::Io { source, .. } => Some(source),
            _ => None,
        }
    }
}
