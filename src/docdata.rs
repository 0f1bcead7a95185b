//! The data a Typst template receives as `/data.json`: print-ready values
//! (formatted dates, address lines, the metadata block, the body as Markdown
//! nodes) plus the whole document context for templates that want more.

use chrono::Datelike;
use serde::Serialize;
use serde_json::Value as Json;

use crate::context::{self, Scope};
use crate::markdown::{self, Node};
use crate::model::{Document, Model};
use crate::notation::{Lang, format_date};
use crate::report::{self, Report};
use crate::text::{PLAIN_PREFIX, TextEngine, TextError};
use crate::world::DATA_DIR;

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
}

/// One line of the metadata block.
#[derive(Debug, Serialize)]
pub struct Meta {
    /// Label, in capitals.
    pub label: &'static str,
    /// Value, `--` when empty.
    pub waarde: String,
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
    /// The metadata block.
    pub meta: Vec<Meta>,
    /// Salutation.
    pub aanhef: String,
    /// Body.
    pub tekst: Vec<Node>,
    /// Closing.
    pub slot: String,
    /// Signatory.
    pub ondertekenaar: String,
    /// Signatory's function.
    pub functie: String,
    /// Annex titles.
    pub bijlagen: Vec<String>,
    /// Words templates print, in the document's language.
    pub woorden: Words,
    /// Keywords for the PDF metadata.
    pub trefwoorden: Vec<String>,
    /// The generated parts of a report (for reports and documents about a
    /// partner or period).
    pub rapport: Option<Report>,
    /// The document's context (as text templates see it, without the
    /// whole-workbook part).
    pub context: Json,
}

/// Fixed words, per language.
#[derive(Debug, Serialize)]
pub struct Words {
    /// `Pagina`.
    pub pagina: &'static str,
    /// `van`.
    pub van: &'static str,
    /// `DATUM`.
    pub datum: &'static str,
    /// `Bijlagen`.
    pub bijlagen: &'static str,
    /// `Logo van`.
    pub logo: &'static str,
}

impl Words {
    fn of(lang: Lang) -> Words {
        match lang {
            Lang::Nl => Words { pagina: "Pagina", van: "van", datum: "DATUM", bijlagen: "Bijlagen", logo: "Logo van" },
            Lang::En => Words { pagina: "Page", van: "of", datum: "DATE", bijlagen: "Enclosures", logo: "Logo of" },
        }
    }
}

/// The name of a document's subject template.
pub fn subject_template(doc: &Document) -> String {
    format!("{PLAIN_PREFIX}{}", doc.document)
}

/// The name of a document's body template.
pub fn body_template(doc: &Document) -> Option<String> {
    doc.tekst.as_ref().map(|t| t.replace('\\', "/"))
}

/// Splits an address cell into lines (line breaks or `;`).
fn lines(text: Option<&str>) -> Vec<String> {
    text.unwrap_or_default().split(['\n', ';']).map(str::trim).filter(|l| !l.is_empty()).map(str::to_string).collect()
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

/// Builds the data of one document.
/// `shared` is [`context::shared`] as a template value, built once per run.
pub fn build(
    model: &Model,
    doc: &Document,
    texts: &TextEngine,
    shared: &minijinja::Value,
) -> Result<DocData, TextError> {
    let scope = Scope::of(model, doc);
    let ctx = context::build(model, doc, &scope);
    let onderwerp = texts.render_with(&subject_template(doc), &ctx, shared)?.trim().to_string();
    let body = match body_template(doc) {
        Some(name) => texts.render_with(&name, &ctx, shared)?,
        None => String::new(),
    };
    let lang = doc.taal;
    let a = model.sender(doc);
    let provincie = a.soort.as_deref().is_some_and(|s| s.eq_ignore_ascii_case("provincie"));
    let memo = doc.sjabloon == "collegememo";
    let (soort, default_aan, default_aanhef) = match (lang, memo, provincie) {
        _ if report::is_report(doc) => (
            if lang == Lang::En { "Evaluation report" } else { "Evaluatierapport" },
            if provincie { "Aan de leden van\nProvinciale Staten" } else { "Aan de leden van de gemeenteraad" },
            "",
        ),
        (Lang::Nl, false, false) => {
            ("Raadsinformatiebrief", "Aan de dames en heren,\nleden van de gemeenteraad", "Geachte raadsleden,")
        }
        (Lang::Nl, false, true) => ("Statenbrief", "Aan de leden van\nProvinciale Staten", "Geachte Statenleden,"),
        (Lang::Nl, true, false) => ("Collegememo", "Aan het college van B en W", "Geachte collegeleden,"),
        (Lang::Nl, true, true) => ("Memo", "Aan het college van\nGedeputeerde Staten", "Geachte collegeleden,"),
        (Lang::En, false, _) => {
            ("Council information letter", "To the members of the council", "Dear members of the council,")
        }
        (Lang::En, true, _) => ("Memo to the executive board", "To the executive board", "Dear members of the board,"),
    };
    let dash = |v: &Option<String>| v.clone().filter(|s| !s.is_empty()).unwrap_or_else(|| "--".into());
    let labels: [&'static str; 8] = match lang {
        Lang::Nl => [
            "ONDERWERP",
            "DATUM",
            "BIJLAGEN",
            "BEHANDELD DOOR",
            "TELEFOONNUMMER",
            "ONZE REFERENTIE",
            "E-MAILADRES",
            "UW REFERENTIE",
        ],
        Lang::En => {
            ["SUBJECT", "DATE", "ENCLOSURES", "HANDLED BY", "TELEPHONE", "OUR REFERENCE", "E-MAIL", "YOUR REFERENCE"]
        }
    };
    let datum = format_date(doc.datum, lang);
    let values = [
        onderwerp.clone(),
        datum.clone(),
        if doc.bijlagen.is_empty() { "--".into() } else { doc.bijlagen.len().to_string() },
        dash(&doc.behandeld_door),
        dash(&doc.telefoon),
        dash(&doc.kenmerk),
        dash(&doc.email),
        dash(&doc.uw_kenmerk),
    ];
    let meta = labels.into_iter().zip(values).map(|(label, waarde)| Meta { label, waarde }).collect();
    let mut trefwoorden = vec![soort.to_string()];
    if let Some(m) = doc.missie.as_ref().and_then(|id| model.missies.iter().find(|m| &m.missie == id)) {
        trefwoorden.push(m.partner.clone());
        trefwoorden.extend(m.land.clone());
    } else if let Some(p) = &doc.partner {
        trefwoorden.push(p.clone());
    }
    let mut tekst = markdown::parse(&body);
    markdown::normalize_headings(&mut tekst);
    let rapport = report::wanted(doc).then(|| report::build(model, doc, &scope));
    if let Some(r) = &rapport
        && report::is_report(doc)
    {
        report::place_parts(&mut tekst, r, lang);
        report::unnumber_front_matter(&mut tekst);
    }
    Ok(DocData {
        document: doc.document.clone(),
        sjabloon: doc.sjabloon.clone(),
        soort: soort.to_string(),
        taal: lang.code(),
        afzender: Sender {
            naam: a.naam.clone(),
            plaats: a.plaats.clone().unwrap_or_default(),
            retouradres: a.retouradres.clone().unwrap_or_default(),
            bezoekadres: lines(a.bezoekadres.as_deref()),
            postadres: lines(a.postadres.as_deref()),
            telefoon: a.telefoon.clone().unwrap_or_default(),
            website: a.website.clone().unwrap_or_default(),
            logo: a.logo.as_ref().map(|l| format!("{DATA_DIR}/{}", l.replace('\\', "/").trim_start_matches("./"))),
        },
        aan: lines(Some(doc.aan.as_deref().unwrap_or(default_aan))),
        onderwerp,
        datum,
        datum_delen: [doc.datum.year() as u32, doc.datum.month(), doc.datum.day()],
        meta,
        aanhef: doc.aanhef.clone().unwrap_or_else(|| default_aanhef.to_string()),
        tekst,
        slot: if lang == Lang::En { "Yours faithfully," } else { "Hoogachtend," }.to_string(),
        ondertekenaar: doc.ondertekenaar.clone().unwrap_or_default(),
        functie: doc.functie.clone().unwrap_or_default(),
        bijlagen: doc.bijlagen.iter().map(|b| annex_title(b)).collect(),
        woorden: Words::of(lang),
        trefwoorden,
        rapport,
        context: {
            let mut ctx = ctx;
            crate::text::strip_origins(&mut ctx);
            ctx
        },
    })
}
