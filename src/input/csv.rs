//! A folder of CSV files, one sheet per file: UTF-8 or Windows-1252, the
//! separator guessed (`;` as Dutch Excel writes it), rows numbered as a
//! spreadsheet program shows them.

use std::fs;
use std::path::{Path, PathBuf};

use crate::lang::Words;

use super::files::decode_text;
use super::read_error::ReadError;
use super::workbook::{Cell, Grid, MAX_ROWS, Sheet, check_cells, sheet_from_grid, text_cell};

pub(super) fn read_dir(dir: &Path) -> Result<Vec<Sheet>, ReadError> {
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

/// Why a CSV file's characters cannot be read without a guess, if they
/// cannot: UTF-16, or UTF-8 and Windows-1252 mixed in one file (pasted
/// together from two sources), where either reading garbles some text.
fn guessed_encoding(bytes: &[u8]) -> Option<Words> {
    if bytes.starts_with(b"\xff\xfe") || bytes.starts_with(b"\xfe\xff") {
        return Some(crate::say!(
            "het bestand is in UTF-16 opgeslagen; sla het op als CSV UTF-8",
            "the file is saved in UTF-16; save it as CSV UTF-8"
        ));
    }
    let mut utf8 = false;
    let mut at = 0;
    for chunk in bytes.utf8_chunks() {
        utf8 |= !chunk.valid().is_ascii();
        if !chunk.invalid().is_empty() && utf8 {
            let line = bytes[..at + chunk.valid().len()].iter().filter(|&&b| b == b'\n').count() + 1;
            return Some(crate::say!(
                "het bestand mengt UTF-8 en Windows-1252 (regel {line}), dus sommige tekens zijn niet zonder gok te \
                 lezen; sla het op als CSV UTF-8",
                "the file mixes UTF-8 and Windows-1252 (line {line}), so some characters cannot be read without a \
                 guess; save it as CSV UTF-8"
            ));
        }
        at += chunk.valid().len() + chunk.invalid().len();
    }
    None
}

fn read_csv_file(file: &Path) -> Result<Sheet, ReadError> {
    let bytes = fs::read(file).map_err(|source| ReadError::Io { path: file.to_path_buf(), source })?;
    if let Some(reason) = guessed_encoding(&bytes) {
        return Err(ReadError::NotASpreadsheet { path: file.to_path_buf(), reason, hint: None });
    }
    let text = decode_text(&bytes);
    let name = file.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
    let delimiter = guess_delimiter(&text);
    if let Some((line, swallowed)) = unpaired_quote(&text, delimiter) {
        return Err(ReadError::OpenQuote { path: file.to_path_buf(), line, swallowed });
    }
    let mut reader =
        csv::ReaderBuilder::new().has_headers(false).flexible(true).delimiter(delimiter).from_reader(text.as_bytes());
    let mut grid = Grid::new();
    // Rows as a spreadsheet program shows them: a blank line is a row, a
    // quoted cell over several lines is one.
    let (mut counted_to, mut line_breaks, mut inside_cells) = (0usize, 0usize, 0usize);
    for record in reader.records() {
        let record = record.map_err(|e| ReadError::NotASpreadsheet {
            path: file.to_path_buf(),
            hint: None,
            reason: match e.position() {
                Some(p) => crate::say!(
                    "rij {}: {e}",
                    "row {}: {e}",
                    row_of(&text, p.byte() as usize, &mut counted_to, &mut line_breaks, inside_cells)
                ),
                None => Words::same(e.to_string()),
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

/// Where a quote opens a cell that swallows what follows: the line it
/// opens on, and the line inside the cell that looks like a row of its own
/// (as many separators as the first line, the header) — or none, when the
/// quote is still open at the end of the file. A quote opens a cell only at
/// its start, as the csv reader reads it; `""` inside is a quote.
fn unpaired_quote(text: &str, delimiter: u8) -> Option<(usize, Option<usize>)> {
    // A lone CR ends a line too (CSV saved for the old Mac), as the reader takes it.
    let bytes: std::borrow::Cow<[u8]> =
        match text.as_bytes().windows(2).any(|w| w[0] == b'\r' && w[1] != b'\n') || text.ends_with('\r') {
            true => text.replace("\r\n", "\n").replace('\r', "\n").into_bytes().into(),
            false => text.as_bytes().into(),
        };
    let bytes = &bytes[..];
    let header = bytes.split(|&b| b == b'\n').find(|l| !l.iter().all(u8::is_ascii_whitespace))?;
    let header_separators = separators_outside_quotes(header, delimiter);
    let (mut line, mut opened) = (1usize, None::<usize>);
    let mut at_cell_start = true;
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        match opened {
            Some(open) => match b {
                b'"' if bytes.get(i + 1) == Some(&b'"') => i += 1,
                b'"' => {
                    opened = None;
                    at_cell_start = false;
                }
                b'\n' => {
                    line += 1;
                    let next = &bytes[i + 1..];
                    let next = &next[..next.iter().position(|&b| b == b'\n').unwrap_or(next.len())];
                    let separators = next.iter().filter(|&&b| b == delimiter).count();
                    if header_separators > 0 && separators >= header_separators {
                        return Some((open, Some(line)));
                    }
                }
                _ => {}
            },
            None => match b {
                b'"' if at_cell_start => opened = Some(line),
                b'\n' => {
                    line += 1;
                    at_cell_start = true;
                }
                b if b == delimiter => at_cell_start = true,
                b'\r' => {}
                _ => at_cell_start = false,
            },
        }
        i += 1;
    }
    opened.map(|open| (open, None))
}

/// The separators of one line that lie outside quotes.
fn separators_outside_quotes(line: &[u8], delimiter: u8) -> usize {
    let mut quoted = false;
    line.iter()
        .filter(|&&b| {
            if b == b'"' {
                quoted = !quoted;
            }
            b == delimiter && !quoted
        })
        .count()
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_encoding_that_needs_a_guess_is_refused() {
        assert_eq!(guessed_encoding("café € 5\n".as_bytes()), None);
        assert_eq!(guessed_encoding(b"caf\xe9 \x80 5\n"), None);
        // UTF-8 on line 1, a Windows-1252 byte on line 2.
        let mixed = guessed_encoding(b"Tallinn \xe2\x80\x93 ok\nE\xebstland\n").unwrap();
        let mixed = mixed.get(crate::lang::Lang::Nl);
        assert!(mixed.contains("mengt UTF-8 en Windows-1252 (regel 2)"), "{mixed}");
        assert!(guessed_encoding(b"\xff\xfem\0i\0").unwrap().get(crate::lang::Lang::En).contains("UTF-16"));
    }

    #[test]
    fn a_quote_that_swallows_rows_is_found_where_it_opens() {
        let ok = "naam;land;stad\nA;\"een\ntwee\";x\nB;\"zeg \"\"hoi\"\"\";y\nC;5\" scherm;z\n";
        assert_eq!(unpaired_quote(ok, b';'), None);
        // Still open at the end.
        assert_eq!(unpaired_quote("naam;land\nA;NL\nB;\"Duitsland\n", b';'), Some((3, None)));
        // Open over a line that is a row of its own.
        let swallowed = "naam;land;stad\nA;\"NL;x\nB;DE;Berlijn\nC;FR;\"Parijs\"\n";
        assert_eq!(unpaired_quote(swallowed, b';'), Some((2, Some(3))));
        // Lines ended by a lone CR, as CSV for the old Mac has them.
        assert_eq!(unpaired_quote("naam;land;stad\rA;\"NL;x\rB;DE;Berlijn\r", b';'), Some((2, Some(3))));
        // A cell with line breaks whose lines hold fewer separators is a cell.
        assert_eq!(unpaired_quote("a;b;c\nx;\"een; twee\ndrie\";z\n", b';'), None);
    }

    #[test]
    fn delimiters() {
        assert_eq!(guess_delimiter("a;b;c\n1,5;2;3\n"), b';');
        assert_eq!(guess_delimiter("a,b,c\n1,2,3\n"), b',');
        assert_eq!(guess_delimiter("Titel\na;b\n"), b';');
        assert_eq!(guess_delimiter("\"x;y\",b,c\n"), b',');
    }

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
