//! Test support: workbooks written by the tests themselves (xlsx with
//! rust_xlsxwriter, ods as a zip of content.xml, CSV folders as Dutch Excel
//! saves them), running the real binary, and reading PDFs back as text.

#![allow(dead_code)]

pub mod layout;
pub mod register;
pub mod sample;
pub mod word;

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// A cell value as a test writes it.
#[derive(Debug, Clone)]
pub enum V {
    /// Text.
    T(String),
    /// A number.
    N(f64),
    /// A date (year, month, day), written as a real date cell.
    D(i32, u32, u32),
    /// Nothing.
    E,
    /// A formula whose result is an error value (`#N/A`), as a spreadsheet
    /// program stores it; in CSV the error's text, as Excel saves it.
    Err(String),
    /// A formula stored without its result, as programs that do not
    /// calculate write it (xlsx only; elsewhere the formula's text).
    F(String),
    /// A number in a date-formatted cell (a serial day number).
    S(f64),
}

/// A cell holding an error value.
pub fn err(value: &str) -> V {
    V::Err(value.to_string())
}

impl From<&str> for V {
    fn from(s: &str) -> V {
        if s.is_empty() { V::E } else { V::T(s.to_string()) }
    }
}

impl From<f64> for V {
    fn from(n: f64) -> V {
        V::N(n)
    }
}

/// A sheet: a name and rows of cells (title rows and header included).
#[derive(Debug, Clone)]
pub struct Sheet {
    pub name: String,
    pub rows: Vec<Vec<V>>,
}

impl Sheet {
    /// A sheet from rows of text cells.
    pub fn text(name: &str, rows: &[&[&str]]) -> Sheet {
        Sheet { name: name.into(), rows: rows.iter().map(|r| r.iter().map(|c| V::from(*c)).collect()).collect() }
    }
}

/// Excel serial number of a date.
pub fn serial(y: i32, m: u32, d: u32) -> f64 {
    let days = |y: i32, m: u32, d: u32| {
        // Days from civil (Howard Hinnant's algorithm).
        let y = if m <= 2 { y - 1 } else { y } as i64;
        let era = y.div_euclid(400);
        let yoe = y - era * 400;
        let mp = (m as i64 + 9) % 12;
        let doy = (153 * mp + 2) / 5 + d as i64 - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146097 + doe - 719468
    };
    (days(y, m, d) - days(1899, 12, 30)) as f64
}

/// Writes an `.xlsx` workbook. Error values and formulas without a result
/// are written as marker numbers first, then put in the sheet's XML as
/// Excel stores them.
pub fn write_xlsx(path: &Path, sheets: &[Sheet]) {
    write_xlsx_merged(path, sheets, &[]);
}

/// Marker numbers for the cells [`write_xlsx`] puts in afterwards.
const MARKER: f64 = 987_654_000.0;

/// Writes an `.xlsx` workbook with merged regions: (sheet, `A5:A6`). The
/// covered cells are left empty, as Excel leaves them.
pub fn write_xlsx_merged(path: &Path, sheets: &[Sheet], merges: &[(&str, &str)]) {
    use rust_xlsxwriter::{Format, Workbook};
    let mut special: Vec<String> = Vec::new();
    let mut book = Workbook::new();
    let date = Format::new().set_num_format("d-m-yyyy");
    let bold = Format::new().set_bold();
    for sheet in sheets {
        let ws = book.add_worksheet();
        ws.set_name(&sheet.name).unwrap();
        for (r, row) in sheet.rows.iter().enumerate() {
            for (c, cell) in row.iter().enumerate() {
                let (r, c) = (r as u32, c as u16);
                match cell {
                    V::T(s) if r == 0 => ws.write_string_with_format(r, c, s, &bold).map(|_| ()),
                    V::T(s) => ws.write_string(r, c, s).map(|_| ()),
                    V::N(n) => ws.write_number(r, c, *n).map(|_| ()),
                    V::D(y, m, d) => ws.write_number_with_format(r, c, serial(*y, *m, *d), &date).map(|_| ()),
                    V::S(n) => ws.write_number_with_format(r, c, *n, &date).map(|_| ()),
                    V::E => Ok(()),
                    V::Err(e) => {
                        special.push(format!(r#" t="e"><f>NA()</f><v>{}</v></c>"#, xml_escape(e)));
                        ws.write_number(r, c, MARKER + special.len() as f64).map(|_| ())
                    }
                    V::F(f) => {
                        special.push(format!("><f>{}</f></c>", xml_escape(f.trim_start_matches('='))));
                        ws.write_number(r, c, MARKER + special.len() as f64).map(|_| ())
                    }
                }
                .unwrap();
            }
        }
        ws.set_column_width(0, 24).unwrap();
        ws.set_column_width(1, 30).unwrap();
    }
    book.save(path).unwrap();
    if special.is_empty() && merges.is_empty() {
        return;
    }
    let names: Vec<&str> = sheets.iter().map(|s| s.name.as_str()).collect();
    patch_zip(path, |name, text| {
        let Some(n) = name.strip_prefix("xl/worksheets/sheet").and_then(|r| r.strip_suffix(".xml")) else {
            return text;
        };
        let mut text = text;
        for (i, tail) in special.iter().enumerate() {
            let value = format!("<v>{}</v></c>", MARKER as u64 + i as u64 + 1);
            if let Some(at) = text.find(&value) {
                let open = text[..at].rfind('>').unwrap();
                text.replace_range(open..at + value.len(), tail);
            }
        }
        let index: usize = n.parse().unwrap();
        let refs: Vec<String> = merges
            .iter()
            .filter(|(sheet, _)| *sheet == names[index - 1])
            .map(|(_, r)| format!(r#"<mergeCell ref="{r}"/>"#))
            .collect();
        if !refs.is_empty() {
            let block = format!(r#"<mergeCells count="{}">{}</mergeCells>"#, refs.len(), refs.concat());
            text = text.replacen("</sheetData>", &format!("</sheetData>{block}"), 1);
        }
        text
    });
}

/// Rewrites the text entries of a zip file (an xlsx or ods) in place.
pub fn patch_zip(path: &Path, mut edit: impl FnMut(&str, String) -> String) {
    use std::io::Read;
    let bytes = std::fs::read(path).unwrap();
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let mut out = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for i in 0..archive.len() {
        let mut entry = archive.by_index(i).unwrap();
        let name = entry.name().unwrap().to_string();
        let mut data = Vec::new();
        entry.read_to_end(&mut data).unwrap();
        let data = match String::from_utf8(data) {
            Ok(text) if name.ends_with(".xml") => edit(&name, text).into_bytes(),
            Ok(text) => text.into_bytes(),
            Err(e) => e.into_bytes(),
        };
        out.start_file(name, zip::write::SimpleFileOptions::default()).unwrap();
        out.write_all(&data).unwrap();
    }
    std::fs::write(path, out.finish().unwrap().into_inner()).unwrap();
}

fn xml_escape(s: &str) -> String {
    s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}

/// Writes an OpenDocument spreadsheet (`.ods`), the way LibreOffice stores
/// cells: text in `<text:p>`, dates as `office:date-value`.
pub fn write_ods(path: &Path, sheets: &[Sheet]) {
    let mut content = String::from(
        r#"<?xml version="1.0" encoding="UTF-8"?>
<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" xmlns:calcext="urn:org:documentfoundation:names:experimental:calc:xmlns:calcext:1.0" office:version="1.2"><office:body><office:spreadsheet>"#,
    );
    for sheet in sheets {
        content.push_str(&format!(r#"<table:table table:name="{}">"#, xml_escape(&sheet.name)));
        for row in &sheet.rows {
            content.push_str("<table:table-row>");
            for cell in row {
                match cell {
                    V::T(s) => {
                        let paras: String = s.split('\n').map(|l| format!("<text:p>{}</text:p>", xml_escape(l))).collect();
                        content.push_str(&format!(r#"<table:table-cell office:value-type="string">{paras}</table:table-cell>"#));
                    }
                    V::N(n) | V::S(n) => content.push_str(&format!(
                        r#"<table:table-cell office:value-type="float" office:value="{n}"><text:p>{n}</text:p></table:table-cell>"#
                    )),
                    V::D(y, m, d) => content.push_str(&format!(
                        r#"<table:table-cell office:value-type="date" office:date-value="{y:04}-{m:02}-{d:02}"><text:p>{d}-{m}-{y}</text:p></table:table-cell>"#
                    )),
                    V::E => content.push_str("<table:table-cell/>"),
                    // As LibreOffice stores a formula whose result is an error.
                    V::Err(e) => content.push_str(&format!(
                        r#"<table:table-cell table:formula="of:=NA()" office:value-type="string" office:string-value="" calcext:value-type="error"><text:p>{}</text:p></table:table-cell>"#,
                        xml_escape(e)
                    )),
                    V::F(f) => content.push_str(&format!(
                        r#"<table:table-cell office:value-type="string"><text:p>{}</text:p></table:table-cell>"#,
                        xml_escape(f)
                    )),
                }
            }
            content.push_str("</table:table-row>");
        }
        content.push_str("</table:table>");
    }
    content.push_str("</office:spreadsheet></office:body></office:document-content>");
    let manifest = r#"<?xml version="1.0" encoding="UTF-8"?>
<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2"><manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/><manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/></manifest:manifest>"#;
    let file = std::fs::File::create(path).unwrap();
    let mut zip = zip::ZipWriter::new(file);
    let stored = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    zip.start_file("mimetype", stored).unwrap();
    zip.write_all(b"application/vnd.oasis.opendocument.spreadsheet").unwrap();
    let deflated = zip::write::SimpleFileOptions::default();
    zip.start_file("META-INF/manifest.xml", deflated).unwrap();
    zip.write_all(manifest.as_bytes()).unwrap();
    zip.start_file("content.xml", deflated).unwrap();
    zip.write_all(content.as_bytes()).unwrap();
    zip.finish().unwrap();
}

/// Writes a folder of CSV files as Dutch Excel saves them: `;` separated,
/// decimal commas, dates as `d-m-yyyy`, Windows-1252 without BOM when
/// `cp1252`, else UTF-8 with BOM.
pub fn write_csv_dir(dir: &Path, sheets: &[Sheet], cp1252: bool) {
    std::fs::create_dir_all(dir).unwrap();
    for sheet in sheets {
        let mut text = String::new();
        for row in &sheet.rows {
            let cells: Vec<String> = row
                .iter()
                .map(|c| match c {
                    V::T(s) if s.contains([';', '"', '\n']) => format!("\"{}\"", s.replace('"', "\"\"")),
                    V::T(s) => s.clone(),
                    V::N(n) | V::S(n) => n.to_string().replace('.', ","),
                    V::D(y, m, d) => format!("{d}-{m}-{y}"),
                    V::E => String::new(),
                    V::Err(e) | V::F(e) => e.clone(),
                })
                .collect();
            text.push_str(&cells.join(";"));
            text.push_str("\r\n");
        }
        let bytes = if cp1252 {
            let (bytes, _, unmappable) = encoding_rs::WINDOWS_1252.encode(&text);
            assert!(!unmappable, "sample text fits Windows-1252");
            bytes.into_owned()
        } else {
            [b"\xef\xbb\xbf".as_slice(), text.as_bytes()].concat()
        };
        std::fs::write(dir.join(format!("{}.csv", sheet.name.to_lowercase())), bytes).unwrap();
    }
}

/// Writes the sample's text files (and logo) into a data folder.
pub fn write_texts(dir: &Path) {
    for (name, text) in sample::TEXTS {
        let path = dir.join(name);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }
    let annex = dir.join(sample::ANNEX);
    std::fs::create_dir_all(annex.parent().unwrap()).unwrap();
    std::fs::write(annex, sample::annex()).unwrap();
}

/// The repository root.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Runs the binary with arguments in a working directory.
pub fn run(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_missiedocs"))
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .output()
        .expect("the binary runs")
}

/// What a run printed and how it ended.
pub struct Ran {
    pub code: i32,
    pub stderr: String,
    pub stdout: String,
}

/// Runs the binary and captures its output.
#[track_caller]
pub fn missiedocs(dir: &Path, args: &[&str]) -> Ran {
    let out = run(dir, args);
    Ran {
        code: out.status.code().unwrap_or(-1),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
    }
}

/// Asserts that stderr holds every expected message, exactly as written.
#[track_caller]
pub fn assert_stderr(ran: &Ran, expected: &[&str]) {
    for piece in expected {
        assert!(ran.stderr.contains(piece), "stderr lacks {piece:?}:\n{}", ran.stderr);
    }
}

/// A document's entry in a manifest.
#[track_caller]
pub fn entry<'m>(manifest: &'m serde_json::Value, id: &str) -> &'m serde_json::Value {
    manifest["documenten"].as_array().unwrap().iter().find(|d| d["document"] == id).unwrap_or_else(|| {
        panic!("{id} is in the manifest: {manifest:#}");
    })
}

/// The `manifest.json` of an output folder.
#[track_caller]
pub fn manifest(out: &Path) -> serde_json::Value {
    let text = std::fs::read_to_string(out.join("manifest.json")).unwrap_or_else(|e| panic!("{}: {e}", out.display()));
    serde_json::from_str(&text).unwrap()
}

/// The text of a PDF, page by page, as a reader's copy-paste would give it.
#[track_caller]
pub fn pdf_pages(path: &Path) -> Vec<String> {
    if let Err(e) = lopdf::Document::load(path) {
        panic!("{} is a PDF: {e}", path.display());
    }
    layout::page_texts(path)
}

/// The bookmarks of a PDF: (level, title, page), in order.
#[track_caller]
pub fn pdf_bookmarks(path: &Path) -> Vec<(usize, String, usize)> {
    let doc = lopdf::Document::load(path).unwrap_or_else(|e| panic!("{} is a PDF: {e}", path.display()));
    let toc = doc.get_toc().unwrap_or_else(|e| panic!("{} has bookmarks: {e}", path.display()));
    toc.toc.into_iter().map(|t| (t.level, t.title, t.page)).collect()
}

/// The whole text of a PDF with whitespace collapsed. When Typst hyphenates
/// before the font's hyphen glyph is first used as a `-`, the glyph extracts
/// as a soft hyphen (U+00AD); it reads as `-` here, so `squash` joins the word.
#[track_caller]
pub fn pdf_text(path: &Path) -> String {
    squash(&pdf_pages(path).join("\n")).replace('\u{ad}', "-")
}

/// Collapses runs of whitespace to one space and joins words Typst
/// hyphenated at a line end (`Chi-` over `na` becomes `China`; a lone `-`
/// as some extractions give it too). A hyphen before a capital
/// (`Midden-` over `Nederland`) or inside a line (`olie- en`) stays.
pub fn squash(text: &str) -> String {
    // Words with whether a line break came before them.
    let mut words: Vec<(&str, bool)> = Vec::new();
    let mut broke = false;
    let mut start = None;
    for (i, c) in text.char_indices() {
        if c.is_whitespace() {
            if let Some(s) = start.take() {
                words.push((&text[s..i], broke));
                broke = false;
            }
            broke |= c == '\n';
        } else if start.is_none() {
            start = Some(i);
        }
    }
    if let Some(s) = start {
        words.push((&text[s..], broke));
    }
    let mut out = String::new();
    let mut i = 0;
    while i < words.len() {
        let (word, after_break) = words[i];
        let next_lower = words.get(i + 1).is_some_and(|(w, _)| w.starts_with(|c: char| c.is_lowercase()));
        let lone = word == "-" && i > 0 && out.ends_with(|c: char| c.is_alphabetic()) && next_lower;
        if lone {
            out.push_str(words[i + 1].0);
            i += 2;
            continue;
        }
        let hyphenated = i > 0 && after_break && joins_next(words[i - 1].0) && word.starts_with(char::is_lowercase);
        if hyphenated {
            out.pop();
        } else if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
        i += 1;
    }
    out
}

/// Whether a word ends in a hyphen Typst set at a line end: a letter, then
/// `-` or a soft hyphen.
fn joins_next(word: &str) -> bool {
    let mut chars = word.chars().rev();
    matches!(chars.next(), Some('-' | '\u{ad}')) && chars.next().is_some_and(|c| c.is_lowercase())
}

/// Whether `text` holds `expected`, ignoring whitespace (text extraction puts
/// spaces between differently styled runs).
pub fn holds(text: &str, expected: &str) -> bool {
    let compact = |s: &str| s.chars().filter(|c| !c.is_whitespace()).collect::<String>();
    compact(text).contains(&compact(expected))
}

/// Asserts that a text holds every expected piece.
#[track_caller]
pub fn assert_holds(what: &str, text: &str, expected: &[&str]) {
    for piece in expected {
        assert!(holds(text, piece), "{what} lacks {piece:?}:\n{text}");
    }
}

/// A plain PDF as annexes from elsewhere often are: A4 pages of Helvetica
/// text (a font not embedded, so no PDF/A), each page a list of lines.
pub fn annex_pdf(pages: &[&[&str]]) -> Vec<u8> {
    use lopdf::content::{Content, Operation};
    use lopdf::{Dictionary, Object, Stream, dictionary};
    let mut doc = lopdf::Document::with_version("1.7");
    let pages_id = doc.new_object_id();
    let font = doc.add_object(dictionary! {
        "Type" => "Font", "Subtype" => "Type1", "BaseFont" => "Helvetica", "Encoding" => "WinAnsiEncoding",
    });
    let resources = doc.add_object(dictionary! { "Font" => dictionary! { "F1" => font } });
    let mut kids = Vec::new();
    for lines in pages {
        let mut ops = vec![Operation::new("BT", vec![]), Operation::new("Tf", vec!["F1".into(), 14.into()])];
        ops.push(Operation::new("Td", vec![72.into(), 760.into()]));
        ops.push(Operation::new("TL", vec![20.into()]));
        for line in *lines {
            ops.push(Operation::new("Tj", vec![Object::string_literal(*line)]));
            ops.push(Operation::new("T*", vec![]));
        }
        ops.push(Operation::new("ET", vec![]));
        let content = doc.add_object(Stream::new(Dictionary::new(), Content { operations: ops }.encode().unwrap()));
        kids.push(Object::Reference(doc.add_object(dictionary! {
            "Type" => "Page", "Parent" => pages_id, "Contents" => content,
        })));
    }
    let count = kids.len() as i64;
    // Resources and media box inherited from the page tree, as many producers write them.
    doc.objects.insert(
        pages_id,
        Object::Dictionary(dictionary! {
            "Type" => "Pages", "Kids" => kids, "Count" => count, "Resources" => resources,
            "MediaBox" => vec![0.into(), 0.into(), 595.into(), 842.into()],
        }),
    );
    let catalog = doc.add_object(dictionary! { "Type" => "Catalog", "Pages" => pages_id });
    doc.trailer.set("Root", catalog);
    let mut bytes = Vec::new();
    doc.save_to(&mut bytes).unwrap();
    bytes
}

/// A PNG picture of `width` × `height` pixels in one colour, written here
/// (stored deflate blocks, no compression library needed).
pub fn png(width: u32, height: u32, rgb: [u8; 3]) -> Vec<u8> {
    png_of((width, height), width, height, rgb)
}

/// A PNG whose header claims `width × height` pixels while it holds one:
/// a few dozen bytes a decoder would take gigabytes for.
pub fn png_claiming(width: u32, height: u32) -> Vec<u8> {
    png_of((width, height), 1, 1, [0, 0, 0])
}

/// A PNG of `width × height` pixels whose header says `claimed`.
fn png_of(claimed: (u32, u32), width: u32, height: u32, rgb: [u8; 3]) -> Vec<u8> {
    fn crc32(bytes: &[u8]) -> u32 {
        let mut crc = 0xFFFF_FFFFu32;
        for &b in bytes {
            crc ^= u32::from(b);
            for _ in 0..8 {
                crc = if crc & 1 == 1 { (crc >> 1) ^ 0xEDB8_8320 } else { crc >> 1 };
            }
        }
        !crc
    }
    fn chunk(out: &mut Vec<u8>, kind: &[u8; 4], data: &[u8]) {
        out.extend((data.len() as u32).to_be_bytes());
        let mut body = kind.to_vec();
        body.extend(data);
        out.extend(&body);
        out.extend(crc32(&body).to_be_bytes());
    }
    // Each row: filter type 0 (none), then the pixels.
    let row: Vec<u8> = std::iter::once(0).chain(rgb.iter().copied().cycle().take(3 * width as usize)).collect();
    let raw = row.repeat(height as usize);
    // zlib: header, stored blocks of at most 65535 bytes, Adler-32.
    let mut zlib = vec![0x78, 0x01];
    let blocks: Vec<&[u8]> = raw.chunks(65_535).collect();
    for (i, block) in blocks.iter().enumerate() {
        zlib.push(u8::from(i + 1 == blocks.len()));
        let len = block.len() as u16;
        zlib.extend(len.to_le_bytes());
        zlib.extend((!len).to_le_bytes());
        zlib.extend(*block);
    }
    let (mut a, mut b) = (1u32, 0u32);
    for &byte in &raw {
        a = (a + u32::from(byte)) % 65_521;
        b = (b + a) % 65_521;
    }
    zlib.extend(((b << 16) | a).to_be_bytes());
    let mut header = claimed.0.to_be_bytes().to_vec();
    header.extend(claimed.1.to_be_bytes());
    header.extend([8, 2, 0, 0, 0]); // 8 bits, RGB
    let mut out = b"\x89PNG\r\n\x1a\n".to_vec();
    chunk(&mut out, b"IHDR", &header);
    chunk(&mut out, b"IDAT", &zlib);
    chunk(&mut out, b"IEND", &[]);
    out
}
