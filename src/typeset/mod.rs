//! Rendering: one document's data compiled with its Typst template into PDF
//! bytes. Typst diagnostics are formatted the way the Typst CLI prints them.

pub mod ahead;
pub mod builtin_fonts;
pub mod fonts;
pub mod stream_ends;
pub mod templates;
pub mod world;

use chrono::{Datelike, NaiveDate};
use typst::diag::{SourceDiagnostic, Warned};
use typst::foundations::{Datetime, Smart};
use typst::syntax::Spanned;
use typst_kit::diagnostics::{DiagnosticFormat, emit, termcolor};
use typst_layout::PagedDocument;
use typst_pdf::{PdfOptions, PdfStandard, PdfStandards, Timestamp};

use crate::error::Failure;
use crate::lang::Words;
use crate::typeset::world::{DocWorld, Engine};

/// The PDF standards a run writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize)]
pub enum Standard {
    /// No standard: plain tagged PDF 1.7.
    None,
    /// PDF/A-2b (archival, visual appearance).
    A2b,
    /// PDF/A-2a (archival, tagged).
    A2a,
    /// PDF/UA-1 (accessible).
    Ua1,
    /// PDF/A-2a and PDF/UA-1 together: archivable and accessible.
    #[default]
    A2aUa1,
}

impl Standard {
    fn list(self) -> &'static [PdfStandard] {
        match self {
            Standard::None => &[],
            Standard::A2b => &[PdfStandard::A_2b],
            Standard::A2a => &[PdfStandard::A_2a],
            Standard::Ua1 => &[PdfStandard::Ua_1],
            Standard::A2aUa1 => &[PdfStandard::A_2a, PdfStandard::Ua_1],
        }
    }

    /// The names of the standards claimed, for the manifest.
    pub fn names(self) -> Vec<&'static str> {
        match self {
            Standard::None => vec![],
            Standard::A2b => vec!["PDF/A-2b"],
            Standard::A2a => vec!["PDF/A-2a"],
            Standard::Ua1 => vec!["PDF/UA-1"],
            Standard::A2aUa1 => vec!["PDF/A-2a", "PDF/UA-1"],
        }
    }
}

/// A rendered document.
#[derive(Debug)]
pub struct Rendered {
    /// The PDF.
    pub pdf: Vec<u8>,
    /// Number of pages.
    pub pages: usize,
    /// Warnings, each formatted as the Typst CLI shows it.
    pub warnings: Vec<String>,
}

/// The document could not be typeset: Typst's diagnostics, in its own
/// (English) words, as its command line shows them.
fn failed(diagnostics: String) -> Failure {
    Failure::new(Words::same(diagnostics))
}

/// Stack size of a thread that typesets: Typst's layout recurses deeply on
/// big tables.
pub const STACK: usize = 32 * 1024 * 1024;

/// Everything a compilation needs besides the engine.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Job {
    /// Template name (`raadsinformatiebrief`).
    pub template: String,
    /// The document's `data.json`.
    pub data: Vec<u8>,
    /// The document date: Typst's `today` and the PDF creation date.
    pub date: NaiveDate,
    /// A stable identifier for the PDF's document id.
    pub ident: String,
    /// Standards to conform to.
    pub standard: Standard,
}

/// Compiles one document to PDF — or takes the PDF of that very job if it
/// was typeset ahead ([`ahead`]).
pub fn render(engine: &Engine, job: Job) -> Result<Rendered, Failure> {
    match engine.ahead().take(&job) {
        Some(done) => done,
        None => compile(engine, job),
    }
}

/// What a document over the run's time limit is told.
pub fn too_long(limit: std::time::Duration) -> Words {
    let secs = limit.as_secs();
    crate::say!(
        "het opmaken duurde langer dan {secs} s en is afgebroken",
        "typesetting took longer than {secs} s and was given up"
    )
}

/// Compiles one document to PDF.
fn compile(engine: &Engine, job: Job) -> Result<Rendered, Failure> {
    let world = engine.world(&job.template, job.data, job.date);
    let Warned { output, warnings } = typst::compile::<PagedDocument>(&world);
    let warnings_text = format_diagnostics(&world, &warnings);
    let document = output.map_err(|errors| failed(format_diagnostics(&world, &errors) + &warnings_text))?;
    let warnings =
        warnings.iter().map(|w| format_diagnostics(&world, std::slice::from_ref(w)).trim_end().to_string()).collect();
    let options = pdf_options(&job.ident, job.date, job.standard)?;
    let pdf = typst_pdf::pdf(&document, &options).map_err(|errors| failed(format_diagnostics(&world, &errors)))?;
    let pdf = stream_ends::settle(pdf);
    Ok(Rendered { pdf, pages: document.pages().len(), warnings })
}

/// Compiles one document and counts its pages, making no PDF.
pub fn page_count(engine: &Engine, job: Job) -> Result<usize, Failure> {
    let world = engine.world(&job.template, job.data, job.date);
    let Warned { output, .. } = typst::compile::<PagedDocument>(&world);
    let document = output.map_err(|errors| failed(format_diagnostics(&world, &errors)))?;
    Ok(document.pages().len())
}

/// Compiles one document and draws each page as a PNG, `pixels_per_pt`
/// pixels to a point (a preview: 2 is sharp on a laptop screen).
pub fn pages_png(engine: &Engine, job: Job, pixels_per_pt: f32) -> Result<Vec<Vec<u8>>, Failure> {
    let world = engine.world(&job.template, job.data, job.date);
    let Warned { output, .. } = typst::compile::<PagedDocument>(&world);
    let document = output.map_err(|errors| failed(format_diagnostics(&world, &errors)))?;
    let options = typst_render::RenderOptions { pixel_per_pt: f64::from(pixels_per_pt).into(), ..Default::default() };
    document
        .pages()
        .iter()
        .map(|page| typst_render::render(page, &options).encode_png().map_err(|e| failed(format!("PNG: {e}"))))
        .collect()
}

/// The one place PDF options are made.
fn pdf_options(ident: &str, date: NaiveDate, standard: Standard) -> Result<PdfOptions, Failure> {
    let datetime = Datetime::from_ymd(date.year(), date.month() as u8, date.day() as u8);
    Ok(PdfOptions {
        ident: Smart::Custom(format!("missiedocs/{ident}")),
        creator: Smart::Custom(Some(format!("missiedocs {}", env!("CARGO_PKG_VERSION")))),
        timestamp: datetime.map(Timestamp::new_utc),
        page_ranges: None,
        standards: PdfStandards::new(standard.list()).map_err(|e| failed(e.message().to_string()))?,
        tagged: true,
        pretty: false,
    })
}

fn format_diagnostics(world: &DocWorld<'_>, diagnostics: &[SourceDiagnostic]) -> String {
    if diagnostics.is_empty() {
        return String::new();
    }
    // Typst's hints speak of its command line; say what holds here.
    let diagnostics: Vec<SourceDiagnostic> = diagnostics
        .iter()
        .cloned()
        .map(|mut diagnostic| {
            if diagnostic.hints.iter().any(|h| h.v.contains("--root") || h.v.contains("sandbox")) {
                diagnostic.hints.retain(|h| !h.v.contains("--root") && !h.v.contains("sandbox"));
                diagnostic.hints.push(Spanned::detached(
                    crate::tr!(world.lang(), "een sjabloon leest alleen bestanden uit de sjabloonmap en uit de map met gegevens (als `/gegevens/…`)",
                        "a template reads only files from the template folder and from the data folder (as `/gegevens/…`)"
                    )
                    .into(),
                ));
            }
            diagnostic
        })
        .collect();
    let mut buffer = termcolor::Buffer::no_color();
    if emit(&mut buffer, world, &diagnostics, DiagnosticFormat::Human).is_err() {
        return diagnostics.iter().map(|d| format!("{}\n", d.message)).collect();
    }
    String::from_utf8_lossy(buffer.as_slice()).into_owned()
}
