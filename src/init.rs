//! `missiedocs init DIR`: a ready-to-use folder for a new organisation.
//!
//! The folder holds an example workbook (`missies.xlsx`) with every sheet and
//! column of the data contract, drop-down lists and date and euro formats; the
//! Markdown texts its example documents use (`teksten/`); a placeholder logo;
//! a copy of the built-in Typst templates to make the house style one's own
//! (`sjablonen/`, found next to the data automatically); and a short
//! `LEESMIJ.md`.
//!
//! Init never overwrites: it checks every target before it writes anything,
//! creates each file only if it does not exist yet, and removes what it wrote
//! when a later file fails.

use std::fmt;
use std::fs::{self, OpenOptions};
use std::io::{self, Write as _};
use std::path::{Path, PathBuf};

use rust_xlsxwriter::{
    DataValidation, DataValidationErrorStyle, ExcelDateTime, Format, FormatAlign, FormatBorder, Workbook, Worksheet,
    XlsxError,
};

use crate::notation::Lang;
use crate::schema::{self, Column, Kind, SheetDef, THEME_ORDER};
use crate::templates::{BUILTIN, Templates};

/// The workbook's file name in the folder.
pub const WORKBOOK: &str = "missies.xlsx";

/// The folder of the copied templates, next to the workbook (where
/// `batch::template_folder` looks).
pub const TEMPLATE_DIR: &str = "sjablonen";

/// Excel number format of date columns.
pub const DATE_FORMAT: &str = "dd-mm-yyyy";

/// Excel number format of amount columns.
pub const EURO_FORMAT: &str = "€ #,##0";

/// The last row (0-based) that drop-down lists cover: Excel row 1000.
const LAST_ROW: u32 = 999;

/// The example texts and the logo, by path relative to the folder.
pub const FILES: &[(&str, &str)] = &[
    ("teksten/raadsinformatiebrief.md", include_str!("../templates/init/teksten/raadsinformatiebrief.md")),
    ("teksten/collegememo.md", include_str!("../templates/init/teksten/collegememo.md")),
    ("teksten/evaluatie.md", include_str!("../templates/init/teksten/evaluatie.md")),
    ("logo.svg", include_str!("../templates/init/logo.svg")),
];

/// The folder's read-me, written last.
const README: (&str, &str) = ("LEESMIJ.md", include_str!("../templates/init/LEESMIJ.md"));

/// Why init wrote nothing (or removed what it had written).
#[derive(Debug)]
pub enum InitError {
    /// These targets exist already; nothing was written.
    Exists(Vec<PathBuf>),
    /// A file or folder could not be checked or written.
    Io {
        /// The file or folder.
        path: PathBuf,
        /// The cause.
        source: io::Error,
    },
    /// The workbook could not be built.
    Workbook(XlsxError),
}

impl fmt::Display for InitError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let text = match self {
            InitError::Exists(paths) => {
                let list = paths.iter().map(|p| format!("`{}`", p.display())).collect::<Vec<_>>().join(", ");
                match paths.len() {
                    1 => crate::tr!(
                        "{list} bestaat al; init overschrijft niets",
                        "{list} already exists; init overwrites nothing"
                    ),
                    n => crate::tr!(
                        "{n} bestanden bestaan al: {list}; init overschrijft niets",
                        "{n} files already exist: {list}; init overwrites nothing"
                    ),
                }
            }
            InitError::Io { path, source } => crate::tr!(
                "`{}` kan niet worden geschreven ({source})",
                "`{}` cannot be written ({source})",
                path.display()
            ),
            InitError::Workbook(err) => {
                crate::tr!("de werkmap kan niet worden gemaakt ({err})", "the workbook cannot be made ({err})")
            }
        };
        f.write_str(&text)
    }
}

impl std::error::Error for InitError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            InitError::Io { source, .. } => Some(source),
            InitError::Workbook(err) => Some(err),
            InitError::Exists(_) => None,
        }
    }
}

impl From<XlsxError> for InitError {
    fn from(err: XlsxError) -> Self {
        InitError::Workbook(err)
    }
}

/// Creates a ready-to-use folder. Writes nothing if any target file already exists.
///
/// Returns the files written, in order: the workbook, the texts and logo, the
/// templates, the read-me. `dir` and the subfolders are created as needed;
/// files already in them are left alone.
pub fn init(dir: &Path) -> Result<Vec<PathBuf>, InitError> {
    write_all(dir, &contents()?)
}

/// Writes files into `dir` if none of them exists yet; on a failure removes
/// what it wrote and the folders it created.
fn write_all(dir: &Path, files: &[(PathBuf, Vec<u8>)]) -> Result<Vec<PathBuf>, InitError> {
    let mut existing = Vec::new();
    for (rel, _) in files {
        let path = dir.join(rel);
        match fs::symlink_metadata(&path) {
            Ok(_) => existing.push(path),
            Err(e) if e.kind() == io::ErrorKind::NotFound => {}
            Err(source) => return Err(InitError::Io { path, source }),
        }
    }
    if !existing.is_empty() {
        return Err(InitError::Exists(existing));
    }
    let mut written = Vec::new();
    let mut made_dirs = Vec::new();
    for (rel, bytes) in files {
        let path = dir.join(rel);
        if let Err(err) = write_new(&path, bytes, &mut made_dirs) {
            undo(&written, &made_dirs);
            return Err(err);
        }
        written.push(path);
    }
    Ok(written)
}

/// Every file of the folder: path relative to the folder and contents.
fn contents() -> Result<Vec<(PathBuf, Vec<u8>)>, InitError> {
    let mut files = vec![(PathBuf::from(WORKBOOK), workbook()?)];
    files.extend(FILES.iter().map(|(rel, text)| (PathBuf::from(rel), text.as_bytes().to_vec())));
    files.extend(BUILTIN.iter().map(|(rel, text)| (Path::new(TEMPLATE_DIR).join(rel), text.as_bytes().to_vec())));
    files.push((PathBuf::from(README.0), README.1.as_bytes().to_vec()));
    Ok(files)
}

/// Writes a file that must not exist yet, creating its folders (and noting
/// those it created).
fn write_new(path: &Path, bytes: &[u8], made_dirs: &mut Vec<PathBuf>) -> Result<(), InitError> {
    if let Some(parent) = path.parent() {
        create_dirs(parent, made_dirs)?;
    }
    let io_err = |source| InitError::Io { path: path.to_path_buf(), source };
    let mut file = OpenOptions::new().write(true).create_new(true).open(path).map_err(|e| {
        if e.kind() == io::ErrorKind::AlreadyExists { InitError::Exists(vec![path.to_path_buf()]) } else { io_err(e) }
    })?;
    if let Err(e) = file.write_all(bytes).and_then(|()| file.flush()) {
        drop(file);
        let _ = fs::remove_file(path);
        return Err(io_err(e));
    }
    Ok(())
}

/// Creates a folder and its missing parents, outermost first, noting each
/// folder created.
fn create_dirs(dir: &Path, made_dirs: &mut Vec<PathBuf>) -> Result<(), InitError> {
    let missing: Vec<&Path> = dir.ancestors().take_while(|d| !d.as_os_str().is_empty() && !d.is_dir()).collect();
    for d in missing.into_iter().rev() {
        match fs::create_dir(d) {
            Ok(()) => made_dirs.push(d.to_path_buf()),
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists && d.is_dir() => {}
            Err(source) => return Err(InitError::Io { path: d.to_path_buf(), source }),
        }
    }
    Ok(())
}

/// Removes the files written and the (then empty) folders created.
fn undo(written: &[PathBuf], made_dirs: &[PathBuf]) {
    for path in written {
        let _ = fs::remove_file(path);
    }
    for dir in made_dirs.iter().rev() {
        let _ = fs::remove_dir(dir);
    }
}

/// A cell of an example row.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Value {
    /// Text (`;`-separated for list columns).
    Text(&'static str),
    /// A date: year, month, day.
    Date(u16, u8, u8),
    /// A number: an amount in euros or a count.
    Number(f64),
}

use Value::{Date as D, Number as N, Text as T};

/// An example row: values by column key; columns left out stay empty.
type Row = &'static [(&'static str, Value)];

/// The `Afzender` settings of the example, by field.
const AFZENDER: &[(&str, &str)] = &[
    ("naam", "Gemeente Voorbeeldstad"),
    ("soort", "gemeente"),
    ("plaats", "Voorbeeldstad"),
    ("retouradres", "Postbus 1000, 1234 AB Voorbeeldstad"),
    ("bezoekadres", "Stadhuisplein 1\n1234 AB Voorbeeldstad"),
    ("postadres", "Postbus 1000\n1234 AB Voorbeeldstad"),
    ("telefoon", "14 0123"),
    ("website", "www.voorbeeldstad.nl"),
    ("logo", "logo.svg"),
    // A fictional municipality has no TOOI code (a real one: `gm0935`); only
    // the Woo metadata (`--woo`) needs it.
    ("tooi", ""),
    // Outside the contract: the house colour the built-in templates use.
    ("kleur", "#1f5f8b"),
];

const MISSIES: &[Row] = &[
    &[
        ("missie", T("VBS-2024-TAR")),
        ("titel", T("Handelsmissie Tartu")),
        ("richting", T("uitgaand")),
        ("partner", T("Tartu")),
        ("land", T("Estland")),
        ("bestemming", T("Tartu; Tallinn")),
        ("begindatum", D(2024, 9, 16)),
        ("einddatum", D(2024, 9, 19)),
        ("leiding", T("burgemeester A. de Vries")),
        ("doel", T("versterken van de samenwerking op het gebied van digitale dienstverlening en onderwijs")),
        ("kosten", N(18_500.0)),
    ],
    &[
        ("missie", T("VBS-2025-TAR")),
        ("titel", T("Ontvangst delegatie Tartu")),
        ("richting", T("inkomend")),
        ("partner", T("Tartu")),
        ("land", T("Estland")),
        ("bestemming", T("Voorbeeldstad")),
        ("begindatum", D(2025, 3, 10)),
        ("einddatum", D(2025, 3, 12)),
        ("leiding", T("burgemeester K. Mets")),
        ("doel", T("kennismaking met het warmtenet van Voorbeeldstad en een intentieverklaring over duurzame energie")),
        ("kosten", N(6_200.0)),
    ],
];

const DEELNEMERS: &[Row] = &[
    &[
        ("missie", T("VBS-2024-TAR")),
        ("naam", T("A. de Vries")),
        ("organisatie", T("Gemeente Voorbeeldstad")),
        ("sector", T("overheid")),
    ],
    &[
        ("missie", T("VBS-2024-TAR")),
        ("naam", T("M. Jansen")),
        ("organisatie", T("Hogeschool Voorbeeldstad")),
        ("sector", T("onderwijs")),
    ],
];

const RESULTATEN: &[Row] = &[
    &[
        ("missie", T("VBS-2024-TAR")),
        ("thema", T("Investeringen")),
        (
            "omschrijving",
            T("Vestiging van het Europese ontwikkelcentrum van softwarebedrijf Nordcode in Voorbeeldstad"),
        ),
        ("soort", T("investering")),
        ("partij", T("Nordcode OÜ")),
        ("bedrag", N(2_500_000.0)),
        ("banen", N(35.0)),
        ("datum", D(2024, 12, 2)),
    ],
    &[
        ("missie", T("VBS-2024-TAR")),
        ("thema", T("Onderwijs")),
        (
            "omschrijving",
            T("Uitwisselingsprogramma voor studenten van de Hogeschool Voorbeeldstad en de Universiteit van Tartu"),
        ),
        ("soort", T("MoU")),
        ("partij", T("Universiteit van Tartu")),
        ("datum", D(2024, 9, 18)),
    ],
    &[
        ("missie", T("VBS-2025-TAR")),
        ("thema", T("Duurzaamheid")),
        ("omschrijving", T("Samenwerking bij de aanleg van warmtenetten")),
        ("soort", T("intentieverklaring")),
        ("partij", T("Stad Tartu")),
        ("datum", D(2025, 3, 11)),
    ],
];

const DOCUMENTEN: &[Row] = &[
    &[
        ("document", T("rib-2024-handelsmissie-tartu")),
        ("sjabloon", T("raadsinformatiebrief")),
        ("onderwerp", T("{{ missie.titel }}: resultaten")),
        ("datum", D(2024, 10, 8)),
        ("missie", T("VBS-2024-TAR")),
        ("aan", T("Aan de leden van\nde gemeenteraad")),
        ("aanhef", T("Geachte raadsleden,")),
        ("kenmerk", T("2024.00123")),
        ("behandeld_door", T("Team Internationale Samenwerking")),
        ("telefoon", T("14 0123")),
        ("email", T("internationaal@voorbeeldstad.nl")),
        ("ondertekenaar", T("A. de Vries")),
        ("functie", T("Burgemeester")),
        ("tekst", T("teksten/raadsinformatiebrief.md")),
        ("bijlagen", T("Programma handelsmissie Tartu")),
        ("taal", T("nl")),
        ("informatiecategorie", T("bij vertegenwoordigende organen ingekomen stukken")),
    ],
    &[
        ("document", T("memo-2025-ontvangst-tartu")),
        ("sjabloon", T("collegememo")),
        ("onderwerp", T("Ontvangst delegatie {{ missie.partner }} {{ missie.begindatum|datum }}")),
        ("datum", D(2025, 2, 18)),
        ("missie", T("VBS-2025-TAR")),
        ("kenmerk", T("2025.00045")),
        ("behandeld_door", T("Team Internationale Samenwerking")),
        ("telefoon", T("14 0123")),
        ("email", T("internationaal@voorbeeldstad.nl")),
        ("ondertekenaar", T("J. Bakker")),
        ("functie", T("Wethouder Economie")),
        ("tekst", T("teksten/collegememo.md")),
        ("taal", T("nl")),
    ],
    &[
        ("document", T("evaluatie-2025-samenwerking-tartu")),
        ("sjabloon", T("evaluatie")),
        ("onderwerp", T("Evaluatie samenwerking Voorbeeldstad – {{ document.partner }}")),
        ("datum", D(2025, 7, 15)),
        ("partner", T("Tartu")),
        ("van", D(2024, 1, 1)),
        ("tot", D(2025, 6, 30)),
        ("aan", T("Aan de leden van\nde gemeenteraad")),
        ("kenmerk", T("2025.00210")),
        ("behandeld_door", T("Team Internationale Samenwerking")),
        ("ondertekenaar", T("College van burgemeester en wethouders")),
        ("tekst", T("teksten/evaluatie.md")),
        ("taal", T("nl")),
        ("informatiecategorie", T("onderzoeksrapporten")),
    ],
];

/// The example rows of a contract sheet (not `Afzender`).
fn examples(sheet: &SheetDef) -> &'static [Row] {
    match sheet.key {
        "missies" => MISSIES,
        "deelnemers" => DEELNEMERS,
        "resultaten" => RESULTATEN,
        "documenten" => DOCUMENTEN,
        _ => &[],
    }
}

/// A drop-down list on a column.
struct Choice {
    /// The values offered.
    values: Vec<String>,
    /// Whether other values are allowed too (after a warning).
    open: bool,
    /// What the warning or error dialog says.
    message: &'static str,
}

/// The drop-down list of a column, if it has one.
fn choice(sheet: &SheetDef, column: &Column) -> Option<Choice> {
    let (values, open, message): (Vec<String>, _, _) = match (sheet.key, column.key) {
        ("missies", "richting") => (
            vec!["uitgaand".into(), "inkomend".into()],
            false,
            "Kies uitgaand (wij gaan op bezoek) of inkomend (wij ontvangen).",
        ),
        ("resultaten", "thema") => (
            THEME_ORDER.iter().map(|t| t.to_string()).collect(),
            true,
            "Dit thema staat niet in de lijst. Een eigen thema mag: kies Ja om het te houden.",
        ),
        ("documenten", "sjabloon") => (
            Templates::default().names().into_iter().collect(),
            true,
            "Dit sjabloon is niet ingebouwd. Staat het als .typ-bestand in de map sjablonen, kies dan Ja.",
        ),
        ("documenten", "taal") => (
            [Lang::Nl, Lang::En].iter().map(|l| l.code().to_string()).collect(),
            false,
            "Kies nl (Nederlands) of en (Engels).",
        ),
        _ => return None,
    };
    Some(Choice { values, open, message })
}

/// Cell formats of the workbook.
struct Formats {
    header: Format,
    date: Format,
    euro: Format,
    wrap: Format,
}

impl Formats {
    fn new() -> Formats {
        Formats {
            header: Format::new()
                .set_bold()
                .set_background_color("#dde7f0")
                .set_border_bottom(FormatBorder::Thin)
                .set_align(FormatAlign::Top),
            date: Format::new().set_num_format(DATE_FORMAT).set_align(FormatAlign::Top),
            euro: Format::new().set_num_format(EURO_FORMAT).set_align(FormatAlign::Top),
            wrap: Format::new().set_text_wrap().set_align(FormatAlign::Top),
        }
    }
}

/// The example workbook as `.xlsx` bytes: every contract sheet in the
/// contract's order, each with a bold, frozen header row holding all its
/// columns, example rows, drop-down lists and date and euro formats.
pub fn workbook() -> Result<Vec<u8>, XlsxError> {
    let mut book = Workbook::new();
    let formats = Formats::new();
    for sheet in schema::SHEETS {
        let ws = book.add_worksheet();
        ws.set_name(sheet.name)?;
        if sheet.key == schema::AFZENDER.key {
            write_afzender(ws, &formats)?;
        } else {
            write_sheet(ws, sheet, examples(sheet), &formats)?;
        }
        ws.set_freeze_panes(1, 0)?;
    }
    book.save_to_buffer()
}

/// `Afzender`: the two columns `veld` / `waarde`, a row per field.
fn write_afzender(ws: &mut Worksheet, formats: &Formats) -> Result<(), XlsxError> {
    for (c, column) in schema::AFZENDER.columns.iter().enumerate() {
        ws.write_string_with_format(0, c as u16, column.key, &formats.header)?;
    }
    let fields = schema::AFZENDER_FIELDS.iter().map(|f| f.key);
    let extra = AFZENDER.iter().map(|(k, _)| *k).filter(|k| !schema::AFZENDER_FIELDS.iter().any(|f| f.key == *k));
    for (r, field) in fields.chain(extra).enumerate() {
        let row = r as u32 + 1;
        ws.write_string(row, 0, field)?;
        let value = AFZENDER.iter().find(|(k, _)| *k == field).map_or("", |(_, v)| v);
        if !value.is_empty() {
            ws.write_string_with_format(row, 1, value, &formats.wrap)?;
        }
    }
    ws.set_column_width(0, 16)?;
    ws.set_column_width(1, 45)?;
    Ok(())
}

/// A contract sheet: the header row, the example rows, and per column its
/// format, width and drop-down list.
fn write_sheet(ws: &mut Worksheet, sheet: &SheetDef, rows: &[Row], formats: &Formats) -> Result<(), XlsxError> {
    for (c, column) in sheet.columns.iter().enumerate() {
        let c = c as u16;
        ws.write_string_with_format(0, c, column.key, &formats.header)?;
        match column.kind {
            Kind::Date => {
                ws.set_column_format(c, &formats.date)?;
            }
            Kind::Amount => {
                ws.set_column_format(c, &formats.euro)?;
            }
            _ => {}
        }
        ws.set_column_width(c, width(column, rows))?;
        if let Some(choice) = choice(sheet, column) {
            let mut rule = DataValidation::new().allow_list_strings(&choice.values)?;
            if choice.open {
                rule = rule.set_error_style(DataValidationErrorStyle::Warning);
            }
            rule = rule.set_error_message(choice.message)?;
            ws.add_data_validation(1, c, LAST_ROW, c, &rule)?;
        }
    }
    for (r, row) in rows.iter().enumerate() {
        let r = r as u32 + 1;
        for (key, value) in row.iter() {
            let Some(c) = sheet.columns.iter().position(|col| col.key == *key) else { continue };
            let c = c as u16;
            match *value {
                Value::Text(text) if text.contains('\n') => {
                    ws.write_string_with_format(r, c, text, &formats.wrap)?;
                }
                Value::Text(text) => {
                    ws.write_string(r, c, text)?;
                }
                Value::Date(y, m, d) => {
                    ws.write_date_with_format(r, c, &ExcelDateTime::from_ymd(y, m, d)?, &formats.date)?;
                }
                Value::Number(n) if sheet.columns[c as usize].kind == Kind::Amount => {
                    ws.write_number_with_format(r, c, n, &formats.euro)?;
                }
                Value::Number(n) => {
                    ws.write_number(r, c, n)?;
                }
            }
        }
    }
    Ok(())
}

/// A column's width in characters: room for its header and its example
/// values (their longest line), within bounds.
fn width(column: &Column, rows: &[Row]) -> f64 {
    let shown = |value: &Value| match value {
        Value::Text(text) => text.lines().map(|l| l.chars().count()).max().unwrap_or(0),
        Value::Date(..) => DATE_FORMAT.len(),
        // Digits, thousands separators and the euro sign.
        Value::Number(n) => {
            let digits = format!("{n:.0}").len();
            digits + digits / 3 + 2
        }
    };
    let widest = rows.iter().flat_map(|row| row.iter()).filter(|(key, _)| *key == column.key).map(|(_, v)| shown(v));
    let chars = widest.chain([column.key.len()]).max().unwrap_or(0);
    (chars + 3).clamp(10, 50) as f64
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Richting;

    #[test]
    fn every_example_value_has_its_column_and_kind() {
        for sheet in schema::SHEETS.iter().filter(|s| s.key != schema::AFZENDER.key) {
            let rows = examples(sheet);
            assert!(!rows.is_empty(), "{} has example rows", sheet.name);
            for row in rows {
                for (key, value) in row.iter() {
                    let column = sheet.columns.iter().find(|c| c.key == *key);
                    let column = column.unwrap_or_else(|| panic!("{}: no column {key}", sheet.name));
                    let fits = match value {
                        Value::Text(_) => matches!(column.kind, Kind::Text | Kind::List),
                        Value::Date(..) => column.kind == Kind::Date,
                        Value::Number(_) => matches!(column.kind, Kind::Amount | Kind::Whole),
                    };
                    assert!(fits, "{}.{key}: {value:?} does not fit {:?}", sheet.name, column.kind);
                }
                for column in sheet.required_columns() {
                    assert!(row.iter().any(|(k, _)| *k == column.key), "{}: {} is required", sheet.name, column.key);
                }
            }
        }
    }

    #[test]
    fn every_sender_field_has_a_value_and_texts_exist() {
        // Every field is shown; one left empty is a choice made here.
        for field in schema::AFZENDER_FIELDS {
            assert!(AFZENDER.iter().any(|(k, _)| *k == field.key), "Afzender lacks {}", field.key);
        }
        assert!(AFZENDER.iter().any(|(k, v)| *k == "naam" && !v.is_empty()));
        let files: Vec<&str> = FILES.iter().map(|(rel, _)| *rel).collect();
        let logo = AFZENDER.iter().find(|(k, _)| *k == "logo").map(|(_, v)| *v);
        assert!(logo.is_some_and(|l| files.contains(&l)));
        for row in DOCUMENTEN {
            for (key, value) in row.iter() {
                if *key == "tekst" {
                    assert!(matches!(value, Value::Text(t) if files.contains(t)), "{value:?} is written");
                }
                if *key == "sjabloon" {
                    assert!(matches!(value, Value::Text(t) if Templates::default().has(t)), "{value:?} is built in");
                }
            }
        }
    }

    #[test]
    fn choices_hold_what_the_model_reads() {
        let richting = choice(&schema::MISSIES, schema::MISSIES.column("richting").unwrap()).unwrap();
        let parsed: Vec<_> = richting.values.iter().map(|v| Richting::parse(v)).collect();
        assert_eq!(parsed, [Some(Richting::Uitgaand), Some(Richting::Inkomend)]);
        let taal = choice(&schema::DOCUMENTEN, schema::DOCUMENTEN.column("taal").unwrap()).unwrap();
        assert_eq!(taal.values.iter().map(|v| Lang::parse(v)).collect::<Vec<_>>(), [Some(Lang::Nl), Some(Lang::En)]);
        let sjabloon = choice(&schema::DOCUMENTEN, schema::DOCUMENTEN.column("sjabloon").unwrap()).unwrap();
        assert_eq!(sjabloon.values, ["collegememo", "evaluatie", "raadsinformatiebrief"]);
        assert!(sjabloon.open && !taal.open && !richting.open);
    }

    #[test]
    fn workbook_reads_back_without_problems() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(WORKBOOK);
        fs::write(&path, workbook().unwrap()).unwrap();
        let book = crate::read::read(&path).unwrap();
        let (model, problems) = crate::model::load(&book);
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(model.missies.len(), MISSIES.len());
        assert_eq!(model.deelnemers.len(), DEELNEMERS.len());
        assert_eq!(model.resultaten.len(), RESULTATEN.len());
        assert_eq!(model.documenten.len(), DOCUMENTEN.len());
        assert_eq!(model.missies[0].kosten, Some(18_500.0));
        assert_eq!(model.missies[0].begindatum.to_string(), "2024-09-16");
        assert_eq!(model.resultaten[0].banen, Some(35));
        let sender = &model.afzenders[""];
        assert_eq!(sender.naam, "Gemeente Voorbeeldstad");
        assert_eq!(sender.bezoekadres.as_deref(), Some("Stadhuisplein 1\n1234 AB Voorbeeldstad"));
        for sheet in schema::SHEETS {
            let read = book.sheet(sheet.name).unwrap();
            assert_eq!(read.header_line, 1, "{}", sheet.name);
            assert_eq!(read.columns.len(), sheet.columns.len(), "{}", sheet.name);
        }
    }

    #[test]
    fn a_file_that_appears_while_writing_undoes_everything() {
        let tmp = tempfile::tempdir().unwrap();
        std::fs::create_dir(tmp.path().join("er")).unwrap();
        std::fs::write(tmp.path().join("er/al.txt"), "van de gebruiker").unwrap();
        let dir = tmp.path().join("nieuw");
        // The same target twice: the second write finds the first, as it
        // would find a file another process made after the check.
        let files = [
            (PathBuf::from("a/b/een.txt"), b"1".to_vec()),
            (PathBuf::from("../er/twee.txt"), b"2".to_vec()),
            (PathBuf::from("c/drie.txt"), b"3".to_vec()),
            (PathBuf::from("c/drie.txt"), b"3".to_vec()),
        ];
        let err = write_all(&dir, &files).unwrap_err();
        assert!(matches!(&err, InitError::Exists(paths) if paths == &[dir.join("c/drie.txt")]), "{err:?}");
        assert!(!dir.exists(), "the folders init made are gone");
        let left: Vec<_> = fs::read_dir(tmp.path().join("er")).unwrap().map(|e| e.unwrap().file_name()).collect();
        assert_eq!(left, ["al.txt"], "the files init wrote are gone, others stay");
    }

    #[test]
    fn exists_names_the_files() {
        crate::i18n::set_english(false);
        let one = InitError::Exists(vec![PathBuf::from("map/missies.xlsx")]).to_string();
        assert_eq!(one, "`map/missies.xlsx` bestaat al; init overschrijft niets");
        let two = InitError::Exists(vec![PathBuf::from("a"), PathBuf::from("b")]).to_string();
        assert_eq!(two, "2 bestanden bestaan al: `a`, `b`; init overschrijft niets");
    }
}
