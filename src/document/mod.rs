//! A document made ready to print: the data its Typst template receives as
//! `/data.json` — print-ready values (formatted dates, address lines, the
//! metadata block, the body as Markdown nodes) plus the whole document
//! context for templates that want more.
//!
//! The parts: the [`context`] a document's texts see; its [`text`]s filled
//! in (minijinja) and parsed as [`markdown`]; values written out in Dutch
//! [`format`](mod@format); a report's generated parts ([`report`]); every fixed word in
//! the document's language ([`words`]).

pub mod context;
pub mod fields;
pub mod format;
pub mod letter;
pub mod markdown;
pub mod pictures;
pub mod report;
pub mod text;
pub mod words;

use chrono::Datelike;
use serde::Serialize;
use serde_json::Value as Json;

use crate::model::kind::Layout;
use crate::model::{Document, Model};
use context::Scope;
use format::format_date;
use letter::{Fields, Meta, address, lines, return_address, salutation, written_abroad};
use markdown::Node;
use pictures::PictureError;
use report::Report;
use text::{TextEngine, TextError, body_template, subject_template};
use words::{KindWords, Words};

/// The virtual folder under which a template reads files from the data
/// folder (the logo).
pub const DATA_DIR: &str = "/gegevens";

/// The sender as printed.
#[derive(Debug, Serialize)]
pub struct Sender {
    /// Name.
    pub naam: String,
    /// Town.
    pub plaats: String,
    /// Return address line.
    pub retouradres: String,
    /// Visiting address lines.
    pub bezoekadres: Vec<String>,
    /// Postal address lines.
    pub postadres: Vec<String>,
    /// Telephone.
    pub telefoon: String,
    /// Website.
    pub website: String,
    /// Logo as a path in the template's file system, if any.
    pub logo: Option<String>,
    /// The accent colour (`#rrggbb`), if the sender sets one.
    pub kleur: Option<String>,
    /// The house font's family, if the sender names one.
    pub lettertype: Option<String>,
}

/// What a template prints.
#[derive(Debug, Serialize)]
pub struct DocData {
    /// Document id.
    pub document: String,
    /// Template name.
    pub sjabloon: String,
    /// The document kind as printed (`Raadsinformatiebrief`).
    pub soort: String,
    /// Language code.
    pub taal: &'static str,
    /// The sender.
    pub afzender: Sender,
    /// Addressee lines.
    pub aan: Vec<String>,
    /// Subject, rendered.
    pub onderwerp: String,
    /// Date, written out.
    pub datum: String,
    /// Date as year, month, day (for `set document(date: ..)`).
    pub datum_delen: [u32; 3],
    /// The date the letter was sent, written out, when it was.
    pub verzonden: Option<String>,
    /// A draft: marked CONCEPT on every page and in its title.
    pub concept: bool,
    /// The metadata block.
    pub meta: Vec<Meta>,
    /// A memo's header block (aan, van, datum, onderwerp, kenmerk); empty
    /// for other kinds.
    pub kop: Vec<Meta>,
    /// Salutation.
    pub aanhef: String,
    /// Body.
    pub tekst: Vec<Node>,
    /// How many of the body's last nodes stay on the page of the closing
    /// and the signature (0 or 1: a last paragraph short enough to move).
    pub bijslot: usize,
    /// Closing.
    pub slot: String,
    /// Signatory.
    pub ondertekenaar: String,
    /// Signatory's function.
    pub functie: String,
    /// The signature as a path in the template's file system, if any.
    pub handtekening: Option<String>,
    /// Annex titles.
    pub bijlagen: Vec<String>,
    /// Words templates print, in the document's language.
    pub woorden: Words,
    /// The language of names in Han characters alone: `ja` when the
    /// recipient or the mission is in Japan, else `zh`.
    pub han: &'static str,
    /// Keywords for the PDF metadata.
    pub trefwoorden: Vec<String>,
    /// The generated parts of a report (for reports and documents about a
    /// partner or period).
    pub rapport: Option<Report>,
    /// The document's context (as text templates see it, without the
    /// whole-workbook part).
    pub context: Json,
}

/// A path in the data folder as a template reads it: `/gegevens/…`.
pub fn data_path(rel: &str) -> String {
    format!("{DATA_DIR}/{}", rel.replace('\\', "/").trim_start_matches("./"))
}

/// The language of names written in Han characters alone: Japanese when
/// the member written to, the mission or the partner is in Japan, else
/// Chinese.
fn han_lang(model: &Model, doc: &Document) -> &'static str {
    let recipient = doc.ontvanger.and_then(|i| model.deelnemers.get(i)).and_then(|m| m.land.as_deref());
    let mission = doc.missie.as_deref().and_then(|id| model.mission(id));
    let japan = |land: &str| matches!(land.trim().to_lowercase().as_str(), "japan" | "japon" | "jp" | "日本");
    let in_japan = match recipient {
        Some(land) => japan(land),
        None => mission.and_then(|m| m.land.as_deref()).is_some_and(japan),
    };
    if in_japan { "ja" } else { "zh" }
}

/// The title printed for an annex entry: a PDF path shows its file name.
pub fn annex_title(entry: &str) -> String {
    if entry.to_lowercase().ends_with(".pdf") {
        let name = entry.rsplit(['/', '\\']).next().unwrap_or(entry);
        name[..name.len() - 4].replace(['_', '-'], " ")
    } else {
        entry.to_string()
    }
}

/// Why a document's data could not be built: a text failed while filled
/// in, or places a picture that cannot be placed.
#[derive(Debug)]
pub enum BuildError {
    /// A text failed.
    Text(TextError),
    /// A picture cannot be placed.
    Picture(Box<PictureError>),
    /// The text holds what cannot be carried into the document.
    Flaw(markdown::Flaw),
}

impl From<TextError> for BuildError {
    fn from(err: TextError) -> Self {
        BuildError::Text(err)
    }
}

/// Builds the data of one document.
/// `shared` is [`context::shared`] as a template value, built once per run.
pub fn build(
    model: &Model,
    doc: &Document,
    texts: &TextEngine,
    shared: &minijinja::Value,
) -> Result<DocData, BuildError> {
    let scope = Scope::of(model, doc);
    let ctx = context::build(model, doc, &scope);
    let onderwerp = texts.render_with(&subject_template(doc), &ctx, shared)?.trim().to_string();
    let body = match body_template(doc) {
        Some(name) => texts.render_with(&name, &ctx, shared)?,
        None => String::new(),
    };
    let lang = doc.taal;
    let recipient = doc.ontvanger.and_then(|i| model.deelnemers.get(i));
    let a = model.sender(doc);
    let provincie = a.soort.as_deref().is_some_and(|s| s.eq_ignore_ascii_case("provincie"));
    let kind = KindWords::of(doc.kind, lang, provincie);
    let datum = format_date(doc.datum, lang);
    let verzonden = doc.verzonden.map(|d| format_date(d, lang));
    let fields = Fields {
        onderwerp: &onderwerp,
        datum: &datum,
        verzonden: verzonden.as_deref(),
        bijlagen: doc.bijlagen.len(),
        behandeld_door: doc.behandeld_door.as_deref(),
        telefoon: doc.telefoon.as_deref(),
        kenmerk: doc.kenmerk.as_deref(),
        email: doc.email.as_deref(),
        uw_kenmerk: doc.uw_kenmerk.as_deref(),
    };
    let meta = fields.column(lang);
    let aan = match recipient {
        Some(member) => address(member),
        None => lines(Some(doc.aan.as_deref().unwrap_or(kind.aan))),
    };
    let abroad = recipient.map_or_else(|| written_abroad(&aan), |m| m.abroad());
    let kop = if doc.kind.layout() == Layout::Memo {
        let van = match (doc.ondertekenaar.as_deref(), doc.functie.as_deref()) {
            (Some(name), Some(function)) => format!("{name}, {function}"),
            (Some(name), None) => name.to_string(),
            (None, _) => doc.behandeld_door.clone().unwrap_or_default(),
        };
        fields.memo_head(&aan, &van, lang)
    } else {
        Vec::new()
    };
    let words = Words::of(lang);
    let mut trefwoorden = vec![kind.soort.to_string()];
    if let Some(m) = doc.missie.as_deref().and_then(|id| model.mission(id)) {
        trefwoorden.push(m.partner.clone());
        trefwoorden.extend(m.land.clone());
    } else if let Some(p) = &doc.partner {
        trefwoorden.push(p.clone());
    }
    let (mut tekst, flaws) = markdown::read(&body);
    if let Some(flaw) = flaws.into_iter().next() {
        return Err(BuildError::Flaw(flaw));
    }
    markdown::normalize_headings(&mut tekst);
    if let Some(text) = &doc.tekst {
        pictures::place(&mut tekst, text, &model.base_dir, &|path| texts.is_embedded(path))
            .map_err(|e| BuildError::Picture(Box::new(e)))?;
    }
    // Reports, and letters about a partner or period rather than one
    // mission, get the generated parts.
    let wanted = doc.kind.is_report() || doc.missie.is_none();
    let rapport = wanted.then(|| report::build(model, doc, &scope));
    if let Some(r) = &rapport
        && doc.kind.is_report()
    {
        report::place_parts(&mut tekst, r, lang);
        report::front_matter(&mut tekst);
    }
    Ok(DocData {
        document: doc.document.clone(),
        sjabloon: doc.sjabloon.clone(),
        soort: kind.soort.to_string(),
        taal: lang.code(),
        afzender: Sender {
            naam: a.naam.clone(),
            plaats: a.plaats.clone().unwrap_or_default(),
            retouradres: return_address(a.retouradres.as_deref(), abroad),
            bezoekadres: lines(a.bezoekadres.as_deref()),
            postadres: lines(a.postadres.as_deref()),
            telefoon: a.telefoon.clone().unwrap_or_default(),
            website: a.website.clone().unwrap_or_default(),
            kleur: a.kleur.clone(),
            lettertype: a.lettertype.clone(),
            logo: a.logo.as_ref().map(|l| data_path(l)),
        },
        aan,
        onderwerp,
        datum,
        datum_delen: [doc.datum.year() as u32, doc.datum.month(), doc.datum.day()],
        verzonden,
        concept: doc.concept,
        meta,
        kop,
        aanhef: salutation(recipient, doc.aanhef.as_deref(), kind.aanhef, lang),
        bijslot: usize::from(tekst.last().is_some_and(markdown::keeps_with_closing)),
        tekst,
        slot: kind.slot.to_string(),
        ondertekenaar: doc.ondertekenaar.clone().unwrap_or_default(),
        functie: doc.functie.clone().unwrap_or_default(),
        handtekening: doc.handtekening.as_ref().map(|h| data_path(h)),
        bijlagen: doc.bijlagen.iter().map(|b| annex_title(b)).collect(),
        woorden: words,
        han: han_lang(model, doc),
        trefwoorden,
        rapport,
        context: {
            let mut ctx = ctx;
            text::strip_origins(&mut ctx);
            ctx
        },
    })
}
