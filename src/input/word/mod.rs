//! Texts written in Word (`.docx`) or LibreOffice (`.odt`). The file is
//! read (`docx.rs`, `odt.rs`) into one [`tree`] both formats share, then
//! written out ([`write`]) as the Markdown any other text is, so the same
//! engine fills in its placeholders and the same house style sets it. What
//! the file holds beyond the text is reported, never silently lost:
//! unaccepted tracked changes stop the documents that use it, and a text
//! box or chart that cannot be carried over is a warning. Pictures inside
//! the file travel with the text.

mod docx;
mod odt;
mod tags;
pub mod tree;
pub mod write;
mod xml;

use std::io::Read as _;
use std::path::Path;

pub use tree::{Change, Dropped, DroppedKind, Picture, first_words};
pub use write::{Passage, Written};

use crate::lang::Lang;
use crate::tr;

/// The largest XML part read (uncompressed): far above any real letter,
/// far below what would exhaust memory.
const MAX_PART: u64 = 64 << 20;
/// The largest picture read from a file.
const MAX_PICTURE: u64 = 32 << 20;
/// The most parts a file may have.
const MAX_ENTRIES: usize = 10_000;

/// Whether the data names a Word or LibreOffice text (by its extension).
///
/// ```
/// use missiedocs::input::word::is_word;
/// assert!(is_word("teksten/brief.docx"));
/// assert!(is_word("Brief.ODT"));
/// assert!(!is_word("brief.md"));
/// ```
pub fn is_word(rel: &str) -> bool {
    let lower = rel.to_lowercase();
    [".docx", ".docm", ".dotx", ".odt", ".ott"].iter().any(|ext| lower.ends_with(ext))
}

/// A Word or LibreOffice text, read.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct WordText {
    /// The Markdown, with the passage each line came from.
    pub written: Written,
    /// The pictures placed, each with the path the Markdown names it by.
    pub pictures: Vec<(String, Picture)>,
    /// Unaccepted tracked changes.
    pub changes: Vec<Change>,
    /// What could not be carried over.
    pub dropped: Vec<Dropped>,
}

/// Why a file could not be read as a text, as data; said by
/// [`WordError::message`] and [`WordError::hint`].
#[derive(Debug)]
pub enum WordError {
    /// The file could not be read.
    Io(std::io::Error),
    /// Protected with a password (Word keeps those in an older container),
    /// or an old `.doc` file.
    Protected,
    /// Not a zip archive: not a Word or LibreOffice file at all.
    NotAPackage,
    /// A package, but not of a text (a workbook renamed, say).
    NotAText,
    /// A part is damaged.
    Damaged {
        /// The part.
        part: String,
        /// What the reader met.
        detail: String,
    },
    /// A part is larger than a text can be.
    TooLarge(String),
}

impl From<std::io::Error> for WordError {
    fn from(err: std::io::Error) -> WordError {
        WordError::Io(err)
    }
}

impl WordError {
    /// What is wrong with the file `rel`, in `lang`.
    pub fn message(&self, rel: &str, lang: Lang) -> String {
        match self {
            WordError::Io(e) => tr!(lang, "`{rel}` kan niet worden gelezen ({e})", "`{rel}` cannot be read ({e})"),
            WordError::Protected => tr!(
                lang,
                "`{rel}` is beveiligd met een wachtwoord, of is een oud Word-bestand (.doc)",
                "`{rel}` is protected with a password, or is an old Word file (.doc)"
            ),
            WordError::NotAPackage => {
                tr!(lang, "`{rel}` is geen Word- of LibreOffice-bestand", "`{rel}` is not a Word or LibreOffice file")
            }
            WordError::NotAText => tr!(
                lang,
                "`{rel}` bevat geen tekst van Word of LibreOffice",
                "`{rel}` holds no Word or LibreOffice text"
            ),
            // The reader's own (English, technical) words stay out.
            WordError::Damaged { part, .. } => tr!(
                lang,
                "`{rel}` is beschadigd (het onderdeel `{part}` kan niet worden gelezen)",
                "`{rel}` is damaged (its part `{part}` cannot be read)"
            ),
            WordError::TooLarge(part) => {
                tr!(lang, "`{rel}` is te groot om te lezen (`{part}`)", "`{rel}` is too large to read (`{part}`)")
            }
        }
    }

    /// How to put it right, in `lang`.
    pub fn hint(&self, lang: Lang) -> String {
        match self {
            WordError::Protected => tr!(
                lang,
                "sla de tekst op als Word-document (.docx) zonder wachtwoord",
                "save the text as a Word document (.docx) without a password"
            ),
            _ => tr!(
                lang,
                "open het bestand in Word of LibreOffice en sla het opnieuw op als .docx of .odt",
                "open the file in Word or LibreOffice and save it again as .docx or .odt"
            ),
        }
    }
}

/// Reads the text of a Word or LibreOffice file (by its content, whatever
/// its extension says). `picture_path` gives the path under which the
/// Markdown names the `n`th picture, from its name in the file.
pub fn read(path: &Path, picture_path: &dyn Fn(usize, &str) -> String) -> Result<WordText, WordError> {
    let mut file = std::fs::File::open(path)?;
    let mut magic = [0u8; 8];
    let n = file.read(&mut magic)?;
    if n >= 8 && magic == [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1] {
        return Err(WordError::Protected);
    }
    if !magic.starts_with(b"PK") {
        return Err(WordError::NotAPackage);
    }
    let zip = zip::ZipArchive::new(std::fs::File::open(path)?).map_err(|_| WordError::NotAPackage)?;
    if zip.len() > MAX_ENTRIES {
        return Err(WordError::TooLarge(format!("{} parts", zip.len())));
    }
    let mut pkg = Package { zip };
    let text = if pkg.has("word/document.xml") {
        docx::read(&mut pkg)?
    } else if pkg.has("content.xml") {
        if pkg.xml("META-INF/manifest.xml")?.is_some_and(|m| m.find("manifest:encryption-data").is_some()) {
            return Err(WordError::Protected);
        }
        odt::read(&mut pkg)?
    } else {
        return Err(WordError::NotAText);
    };
    let paths: Vec<String> = text.pictures.iter().enumerate().map(|(i, p)| picture_path(i, &p.name)).collect();
    let written = write::markdown(&text, &|i| paths.get(i).cloned().unwrap_or_default());
    Ok(WordText {
        written,
        pictures: paths.into_iter().zip(text.pictures).collect(),
        changes: text.changes,
        dropped: text.dropped,
    })
}

/// An opened Word or LibreOffice file: a zip archive of parts.
pub struct Package {
    zip: zip::ZipArchive<std::fs::File>,
}

impl Package {
    fn has(&self, name: &str) -> bool {
        self.zip.index_for_name(name).is_some()
    }

    /// A part's bytes, when the file has it; at most `limit` bytes.
    fn bytes(&mut self, name: &str, limit: u64) -> Result<Option<Vec<u8>>, WordError> {
        let Some(index) = self.zip.index_for_name(name) else { return Ok(None) };
        let damaged = |detail: String| WordError::Damaged { part: name.to_string(), detail };
        let entry = self.zip.by_index(index).map_err(|e| damaged(e.to_string()))?;
        let mut bytes = Vec::new();
        entry.take(limit + 1).read_to_end(&mut bytes).map_err(|e| damaged(e.to_string()))?;
        if bytes.len() as u64 > limit {
            return Err(WordError::TooLarge(name.to_string()));
        }
        Ok(Some(bytes))
    }

    /// A part as an element tree, when the file has it.
    fn xml(&mut self, name: &str) -> Result<Option<xml::Element>, WordError> {
        let Some(bytes) = self.bytes(name, MAX_PART)? else { return Ok(None) };
        let damaged = |detail: String| WordError::Damaged { part: name.to_string(), detail };
        let text = String::from_utf8(bytes).map_err(|_| damaged("not UTF-8".into()))?;
        let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
        match xml::parse(text) {
            Ok(root) => Ok(Some(root)),
            Err(xml::XmlError::Malformed(detail)) => Err(damaged(detail)),
            Err(xml::XmlError::TooDeep) => Err(damaged(format!("nested deeper than {}", xml::MAX_DEPTH))),
        }
    }

    /// A picture part: read when the file has it, it is a picture a PDF
    /// can hold (JPEG, PNG, GIF, WebP, SVG) and it can be printed.
    fn picture(&mut self, name: &str) -> Result<PictureRead, WordError> {
        let Some(bytes) = self.bytes(name, MAX_PICTURE)? else { return Ok(PictureRead::Missing) };
        if crate::input::picture::picture_kind(&bytes).is_none() {
            return Ok(PictureRead::Format);
        }
        let file = name.rsplit('/').next().unwrap_or(name);
        Ok(match crate::input::picture::unprintable(&bytes, file) {
            Some(_) => PictureRead::Unprintable(file.to_string()),
            None => PictureRead::Read(bytes),
        })
    }
}

/// What became of a picture part.
pub(crate) enum PictureRead {
    /// Read, and printable.
    Read(Vec<u8>),
    /// The file does not hold the part.
    Missing,
    /// Not a picture a PDF can hold (EMF, WMF, TIFF).
    Format,
    /// Damaged, too large or linking outside itself: the part's file name.
    Unprintable(String),
}

impl Passage {
    /// The passage as a message names it: `alinea 3 („Het college …”)`
    /// (paragraphs outside tables counted), `tabel 1, rij 2, kolom 3 („…”)`
    /// (a row with more than one filled cell: `tabel 1, rij 2 („…”)`).
    pub fn describe(&self, lang: Lang) -> String {
        let (n, words) = (self.number, &self.words);
        if let Some((table, row, column)) = self.cell {
            let cell = match column {
                0 => tr!(lang, "tabel {table}, rij {row}", "table {table}, row {row}"),
                _ => tr!(lang, "tabel {table}, rij {row}, kolom {column}", "table {table}, row {row}, column {column}"),
            };
            return match words.is_empty() {
                false => tr!(lang, "{cell} („{words}”)", "{cell} (“{words}”)"),
                true => cell,
            };
        }
        match (self.footnote, words.is_empty()) {
            (false, false) => tr!(lang, "alinea {n} („{words}”)", "paragraph {n} (“{words}”)"),
            (false, true) => tr!(lang, "alinea {n}", "paragraph {n}"),
            (true, false) => tr!(lang, "voetnoot {n} („{words}”)", "footnote {n} (“{words}”)"),
            (true, true) => tr!(lang, "voetnoot {n}", "footnote {n}"),
        }
    }
}

impl Change {
    /// The change as a message names it: `ingevoegd: „…”`.
    pub fn describe(&self, lang: Lang) -> String {
        let words = &self.words;
        match self.inserted {
            true => tr!(lang, "ingevoegd: „{words}”", "inserted: “{words}”"),
            false => tr!(lang, "verwijderd: „{words}”", "deleted: “{words}”"),
        }
    }
}

impl Dropped {
    /// Whether the text's content is carried over all the same (a table
    /// inside a table, as its paragraphs): a warning, not a refusal.
    pub fn carried_over(&self) -> bool {
        self.kind == DroppedKind::NestedTable
    }

    /// What to do about it.
    pub fn hint(&self, lang: Lang) -> String {
        match self.kind {
            DroppedKind::TextBox => tr!(
                lang,
                "zet de tekst van het tekstvak in een gewone alinea",
                "put the text box's text in an ordinary paragraph"
            ),
            DroppedKind::Drawing | DroppedKind::Object | DroppedKind::Equation | DroppedKind::PictureFormat => tr!(
                lang,
                "sla het op als afbeelding (PNG of JPEG) en voeg die in met Invoegen → Afbeeldingen, of schrijf het als tekst",
                "save it as a picture (PNG or JPEG) and insert that with Insert → Pictures, or write it as text"
            ),
            DroppedKind::MissingPicture | DroppedKind::LinkedPicture | DroppedKind::DamagedPicture => tr!(
                lang,
                "voeg de afbeelding opnieuw in met Invoegen → Afbeeldingen → Dit apparaat (niet als koppeling) en sla de tekst op",
                "insert the picture again with Insert → Pictures → This Device (not as a link) and save the text"
            ),
            DroppedKind::AltChunk => tr!(
                lang,
                "open de tekst in Word, sla hem op (Word voegt de inhoud dan samen) en geef die versie",
                "open the text in Word and save it (Word then merges the content), and give that version"
            ),
            DroppedKind::NestedTable => String::new(),
        }
    }

    /// What was not carried over, as a message says it.
    pub fn describe(&self, lang: Lang) -> String {
        let words = &self.words;
        let what = match self.kind {
            DroppedKind::TextBox => tr!(lang, "een tekstvak", "a text box"),
            DroppedKind::Drawing => tr!(lang, "een tekening of grafiek", "a drawing or chart"),
            DroppedKind::Object => tr!(lang, "een ingevoegd object", "an embedded object"),
            DroppedKind::Equation => tr!(lang, "een vergelijking", "an equation"),
            DroppedKind::PictureFormat => {
                tr!(
                    lang,
                    "een afbeelding in een formaat dat een PDF niet kan bevatten (EMF, WMF, TIFF)",
                    "a picture in a format a PDF cannot hold (EMF, WMF, TIFF)"
                )
            }
            DroppedKind::MissingPicture => {
                tr!(lang, "een afbeelding die in het bestand ontbreekt", "a picture missing from the file")
            }
            DroppedKind::LinkedPicture => tr!(
                lang,
                "een afbeelding die alleen gekoppeld is aan een bestand erbuiten",
                "a picture only linked to a file outside it"
            ),
            DroppedKind::DamagedPicture => {
                tr!(lang, "een beschadigde of te grote afbeelding", "a damaged or too large picture")
            }
            DroppedKind::AltChunk => tr!(
                lang,
                "ingevoegde inhoud uit een ander bestand (altChunk, zoals geplakte HTML)",
                "content inserted from another file (altChunk, such as pasted HTML)"
            ),
            DroppedKind::NestedTable => {
                return tr!(
                    lang,
                    "een tabel in een tabel („{words}”) is als gewone tekst overgenomen",
                    "a table inside a table (“{words}”) was carried over as plain text"
                );
            }
        };
        if words.is_empty() {
            tr!(lang, "{what} is niet overgenomen", "{what} was not carried over")
        } else {
            tr!(lang, "{what} („{words}”) is niet overgenomen", "{what} (“{words}”) was not carried over")
        }
    }
}
