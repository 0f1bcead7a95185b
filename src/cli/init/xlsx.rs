//! The example workbook as `.xlsx`: every contract sheet with a frozen
//! header row, example rows, drop-down lists and date and euro formats.

use rust_xlsxwriter::{
    DataValidation, DataValidationErrorStyle, ExcelDateTime, Format, FormatAlign, FormatBorder, Workbook, Worksheet,
    XlsxError,
};

use super::example::{AFZENDER, Row, Value, examples};
use super::{DATE_FORMAT, EURO_FORMAT, LAST_ROW};
use crate::input::schema::{self, Column, Kind, SheetDef, THEME_ORDER};
use crate::lang::Lang;
use crate::typeset::templates::Templates;

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
        ("documenten", "status") => (
            vec!["concept".into(), "definitief".into()],
            false,
            "Kies concept (een ontwerp, gemarkeerd CONCEPT) of definitief; leeg is definitief.",
        ),
        ("documenten", "per") => (
            vec!["deelnemer".into()],
            false,
            "Kies deelnemer voor een brief aan elke deelnemer van de missie, of laat de cel leeg.",
        ),
        ("documenten", "waardering") => (
            vec!["B".into(), "V".into(), "N".into()],
            false,
            "Kies B (blijvend te bewaren), V (tijdelijk te bewaren, met een bewaartermijn) of N (nader te bepalen); leeg is N.",
        ),
        ("documenten", "openbaarheid") => (
            vec!["openbaar".into(), "beperkt openbaar".into(), "niet openbaar".into()],
            false,
            "Kies openbaar, beperkt openbaar of niet openbaar; leeg is openbaar. Wat niet openbaar is, wordt niet gepubliceerd.",
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
    use crate::cli::init::example::{DEELNEMERS, DOCUMENTEN, MISSIES, RESULTATEN};
    use crate::cli::init::{FILES, WORKBOOK};
    use crate::model::Richting;
    use crate::model::archive::{Openbaarheid, Waardering};
    use std::fs;

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
        let files: Vec<&str> = FILES.iter().map(|(rel, _)| *rel).chain([crate::cli::init::WORD_TEXT.0]).collect();
        let logo = AFZENDER.iter().find(|(k, _)| *k == "logo").map(|(_, v)| *v);
        assert!(logo.is_some_and(|l| files.contains(&l)));
        for row in DOCUMENTEN {
            for (key, value) in row.iter() {
                if *key == "tekst" {
                    assert!(matches!(value, Value::Text(t) if files.contains(t)), "{value:?} is written");
                }
                if *key == "sjabloon" {
                    assert!(
                        matches!(value, Value::Text(t) if Templates::new(None, Lang::Nl).has(t)),
                        "{value:?} is built in"
                    );
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
        let waardering = choice(&schema::DOCUMENTEN, schema::DOCUMENTEN.column("waardering").unwrap()).unwrap();
        assert!(waardering.values.iter().all(|v| Waardering::parse(v).is_some()));
        let open = choice(&schema::DOCUMENTEN, schema::DOCUMENTEN.column("openbaarheid").unwrap()).unwrap();
        assert!(open.values.iter().all(|v| Openbaarheid::parse(v).is_some()));
        let sjabloon = choice(&schema::DOCUMENTEN, schema::DOCUMENTEN.column("sjabloon").unwrap()).unwrap();
        assert_eq!(sjabloon.values, ["brief", "collegememo", "evaluatie", "raadsinformatiebrief"]);
        let per = choice(&schema::DOCUMENTEN, schema::DOCUMENTEN.column("per").unwrap()).unwrap();
        assert_eq!(per.values, ["deelnemer"]);
        assert!(sjabloon.open && !taal.open && !richting.open);
    }

    #[test]
    fn workbook_reads_back_without_problems() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(WORKBOOK);
        fs::write(&path, workbook().unwrap()).unwrap();
        let book = crate::input::read(&path).unwrap();
        let (model, problems) = crate::input::load(&book, &crate::model::DocumentKind::from_name);
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(model.missies.len(), MISSIES.len());
        assert_eq!(model.deelnemers.len(), DEELNEMERS.len());
        assert_eq!(model.resultaten.len(), RESULTATEN.len());
        // The thank-you row is a letter to each of its mission's two members.
        assert_eq!(model.documenten.len(), DOCUMENTEN.len() + 1);
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
}
