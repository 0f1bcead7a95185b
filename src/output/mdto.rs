//! MDTO metadata for the e-depot (Metagegevens voor Duurzaam Toegankelijke
//! Overheidsinformatie, MDTO-XML 1.0.1, Nationaal Archief): beside each
//! PDF, `<name>.mdto.xml` describes the document as an informatieobject
//! (an Archiefstuk) and `<name>.pdf.mdto.xml` the file itself as a bestand
//! (size, format, SHA-256), each pointing at the other.
//!
//! Lists MDTO leaves to the organisation (what kind of date covers the
//! document, openness, relations between copies) use missiedocs' own
//! named lists; the values are in `docs/archief.md`.

use chrono::NaiveDateTime;
use quick_xml::Writer;

use super::xml::{document, text};
use crate::error::Failure;
use crate::model::archive::Waardering;
use crate::model::{Afzender, Document};
use crate::say;

const NAMESPACE: &str = "https://www.nationaalarchief.nl/mdto";
const SCHEMA: &str = "https://www.nationaalarchief.nl/mdto https://www.nationaalarchief.nl/mdto/MDTO-XML1.0.1.xsd";
const EVENTS: &str = "Begrippenlijst EventTypeLijst MDTO";

/// What both files of one PDF describe.
pub struct Meta<'a> {
    /// The document row.
    pub document: &'a Document,
    /// Its sender.
    pub sender: &'a Afzender,
    /// The subject as printed.
    pub title: &'a str,
    /// Keywords.
    pub keywords: &'a [String],
    /// The PDF's file name.
    pub pdf: &'a str,
    /// For the copy with its annexes: the document's own PDF.
    pub copy_of: Option<&'a str>,
    /// Where the PDF will be published (`--woo-url`), if anywhere.
    pub base_url: Option<&'a str>,
}

/// The two files for one PDF: (name, XML) of the informatieobject and of
/// the bestand. `pdf` is the file exactly as written; `standards` what it
/// claims; `moment` when its checksum was taken (UTC).
pub fn files(
    meta: &Meta<'_>,
    pdf: &[u8],
    standards: &[&str],
    moment: NaiveDateTime,
) -> Result<[(String, Vec<u8>); 2], Failure> {
    let failed = |e: std::io::Error| {
        Failure::new(say!("de MDTO-metadata kan niet worden geschreven", "the MDTO metadata cannot be written"))
            .caused_by(e)
    };
    let object = informatieobject(meta).map_err(failed)?;
    let file = bestand(meta, pdf, standards, moment).map_err(failed)?;
    Ok([(object_name(meta.pdf), object), (file_name(meta.pdf), file)])
}

/// The informatieobject's file name for a PDF (`x.pdf` → `x.mdto.xml`).
pub fn object_name(pdf: &str) -> String {
    format!("{}.mdto.xml", stem(pdf))
}

/// The bestand's file name for a PDF (`x.pdf` → `x.pdf.mdto.xml`).
pub fn file_name(pdf: &str) -> String {
    format!("{pdf}.mdto.xml")
}

fn stem(pdf: &str) -> &str {
    pdf.strip_suffix(".pdf").unwrap_or(pdf)
}

type W = Writer<Vec<u8>>;
type Done = std::io::Result<()>;

/// `<MDTO>` around one object.
fn mdto(body: impl FnOnce(&mut W) -> Done) -> std::io::Result<Vec<u8>> {
    document(|w| {
        w.create_element("MDTO")
            .with_attribute(("xmlns", NAMESPACE))
            .with_attribute(("xmlns:xsi", "http://www.w3.org/2001/XMLSchema-instance"))
            .with_attribute(("xsi:schemaLocation", SCHEMA))
            .write_inner_content(body)?;
        Ok(())
    })
}

fn identification(w: &mut W, name: &str, kenmerk: &str, bron: &str) -> Done {
    w.create_element(name).write_inner_content(|w| {
        text(w, "identificatieKenmerk", kenmerk)?;
        text(w, "identificatieBron", bron)
    })?;
    Ok(())
}

/// A reference: a name and, when known, an identification.
fn reference(w: &mut W, name: &str, label: &str, id: Option<(&str, &str)>) -> Done {
    w.create_element(name).write_inner_content(|w| {
        text(w, "verwijzingNaam", label)?;
        match id {
            Some((kenmerk, bron)) => identification(w, "verwijzingIdentificatie", kenmerk, bron),
            None => Ok(()),
        }
    })?;
    Ok(())
}

/// A term from a list.
fn term(w: &mut W, name: &str, label: &str, code: Option<&str>, list: &str) -> Done {
    w.create_element(name).write_inner_content(|w| {
        text(w, "begripLabel", label)?;
        if let Some(code) = code {
            text(w, "begripCode", code)?;
        }
        reference(w, "begripBegrippenlijst", list, None)
    })?;
    Ok(())
}

/// The id of the informatieobject: the PDF's name without `.pdf`.
fn object_id<'a>(meta: &Meta<'a>) -> &'a str {
    stem(meta.pdf)
}

fn informatieobject(meta: &Meta<'_>) -> std::io::Result<Vec<u8>> {
    let doc = meta.document;
    let bron = meta.sender.naam.as_str();
    let date = |d: chrono::NaiveDate| d.format("%Y-%m-%d").to_string();
    mdto(|w| {
        w.create_element("informatieobject").write_inner_content(|w| {
            // The reference number names the document, not its copy.
            if let (Some(kenmerk), None) = (&doc.kenmerk, meta.copy_of) {
                identification(w, "identificatie", kenmerk, bron)?;
            }
            identification(w, "identificatie", object_id(meta), bron)?;
            text(w, "naam", meta.title)?;
            term(w, "aggregatieniveau", "Archiefstuk", None, "Begrippenlijst Aggregatieniveaus MDTO")?;
            for keyword in meta.keywords {
                text(w, "trefwoord", keyword)?;
            }
            w.create_element("dekkingInTijd").write_inner_content(|w| {
                let list = "Begrippenlijst DekkingInTijd missiedocs";
                match (doc.van, doc.tot) {
                    (Some(van), Some(tot)) => {
                        term(w, "dekkingInTijdType", "Verslagperiode", None, list)?;
                        text(w, "dekkingInTijdBegindatum", &date(van))?;
                        text(w, "dekkingInTijdEinddatum", &date(tot))
                    }
                    _ => {
                        term(w, "dekkingInTijdType", "Documentdatum", None, list)?;
                        text(w, "dekkingInTijdBegindatum", &date(doc.datum))
                    }
                }
            })?;
            text(w, "taal", doc.taal.code())?;
            event(w, "Creatie", &date(doc.datum), bron)?;
            if let Some(sent) = doc.verzonden {
                event(w, "Verzending", &date(sent), bron)?;
            }
            let (label, code) = doc.waardering.unwrap_or(Waardering::NaderTeBepalen).label_code();
            term(w, "waardering", label, Some(code), "Begrippenlijst Waarderingen MDTO")?;
            if let Some(termijn) = doc.bewaartermijn {
                w.create_element("bewaartermijn").write_inner_content(|w| {
                    text(w, "termijnStartdatumLooptijd", &date(doc.datum))?;
                    text(w, "termijnLooptijd", &termijn.duration())?;
                    match termijn.end(doc.datum) {
                        Some(end) => text(w, "termijnEinddatum", &date(end)),
                        None => Ok(()),
                    }
                })?;
            }
            reference(w, "heeftRepresentatie", meta.pdf, Some((meta.pdf, bron)))?;
            if let Some(original) = meta.copy_of {
                w.create_element("gerelateerdInformatieobject").write_inner_content(|w| {
                    reference(w, "gerelateerdInformatieobjectVerwijzing", meta.title, Some((stem(original), bron)))?;
                    let list = "Begrippenlijst Relaties missiedocs";
                    term(w, "gerelateerdInformatieobjectTypeRelatie", "Is versie met bijlagen van", None, list)
                })?;
            }
            let tooi = super::woo::organisation(meta.sender).ok();
            reference(w, "archiefvormer", bron, tooi.as_deref().map(|uri| (uri, "TOOI")))?;
            w.create_element("beperkingGebruik").write_inner_content(|w| {
                let list = "Begrippenlijst Openbaarheid missiedocs";
                term(w, "beperkingGebruikType", doc.openbaarheid.label(), None, list)
            })?;
            Ok(())
        })?;
        Ok(())
    })
}

fn event(w: &mut W, kind: &str, when: &str, actor: &str) -> Done {
    w.create_element("event").write_inner_content(|w| {
        term(w, "eventType", kind, None, EVENTS)?;
        text(w, "eventTijd", when)?;
        reference(w, "eventVerantwoordelijkeActor", actor, None)
    })?;
    Ok(())
}

/// The PRONOM format of a PDF by the standards it claims: label, id.
pub fn pronom(standards: &[&str]) -> (&'static str, &'static str) {
    if standards.contains(&"PDF/A-2a") {
        ("Acrobat PDF/A - Portable Document Format, version 2a", "fmt/476")
    } else if standards.contains(&"PDF/A-2b") {
        ("Acrobat PDF/A - Portable Document Format, version 2b", "fmt/477")
    } else {
        ("Acrobat PDF 1.7 - Portable Document Format, version 1.7", "fmt/276")
    }
}

fn bestand(meta: &Meta<'_>, pdf: &[u8], standards: &[&str], moment: NaiveDateTime) -> std::io::Result<Vec<u8>> {
    let bron = meta.sender.naam.as_str();
    let (format, id) = pronom(standards);
    mdto(|w| {
        w.create_element("bestand").write_inner_content(|w| {
            identification(w, "identificatie", meta.pdf, bron)?;
            text(w, "naam", meta.pdf)?;
            text(w, "omvang", &pdf.len().to_string())?;
            term(w, "bestandsformaat", format, Some(id), "PRONOM-register")?;
            w.create_element("checksum").write_inner_content(|w| {
                term(w, "checksumAlgoritme", "SHA256", None, "Begrippenlijst ChecksumAlgoritme MDTO")?;
                text(w, "checksumWaarde", &super::sha256(pdf))?;
                text(w, "checksumDatum", &format!("{}Z", moment.format("%Y-%m-%dT%H:%M:%S")))
            })?;
            if let Some(base) = meta.base_url {
                text(w, "URLBestand", &super::sitemaps::url(base, meta.pdf))?;
            }
            reference(w, "isRepresentatieVan", meta.title, Some((object_id(meta), bron)))
        })?;
        Ok(())
    })
}
