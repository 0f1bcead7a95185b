//! DiWoo metadata: the Woo-index publication standard (DiWoo 0.9.8,
//! <https://standaarden.overheid.nl/diwoo/metadata>), one XML file beside
//! each PDF (`<name>.diwoo.xml`), so a publication platform can take the
//! documents over as they are.
//!
//! Values that come from a TOOI value list (organisation, information
//! category, document kind, handling, language, format) are written with the
//! list's URI and label; the organisation is found by the sender's name in
//! the lists bundled in `tooi.tsv`, or given as the sender's `tooi` field.

use std::collections::BTreeMap;
use std::sync::LazyLock;

use quick_xml::Writer;
use quick_xml::events::BytesText;

use super::xml::{document, list, text};

use crate::error::Failure;
use crate::lang::Lang;
use crate::model::categories::category;
use crate::model::{Afzender, Document};
use crate::say;

const NAMESPACE: &str = "https://standaarden.overheid.nl/diwoo/metadata/";
const TOOI_ID: &str = "https://identifier.overheid.nl/tooi/id/";
const KERN: &str = "https://identifier.overheid.nl/tooi/def/thes/kern/";

/// Organisation name (lower case) → TOOI path (`gemeente/gm0935`).
static ORGANISATIONS: LazyLock<BTreeMap<String, &'static str>> = LazyLock::new(|| {
    include_str!("tooi.tsv")
        .lines()
        .filter(|line| !line.starts_with('#'))
        .filter_map(|line| line.split_once('\t'))
        .map(|(name, path)| (name.to_lowercase(), path))
        .collect()
});

/// The sender's TOOI organisation URI: its `tooi` field (a code such as
/// `gm0935` or a full URI), else found by its name.
pub fn organisation(sender: &Afzender) -> Result<String, Failure> {
    if let Some(given) = sender.tooi.as_deref().map(str::trim).filter(|t| !t.is_empty()) {
        return tooi_uri(given).ok_or_else(|| {
            Failure::new(say!(
                "`{given}` is geen TOOI-code van een organisatie (zoals gm0935, pv26 of ws0155)",
                "`{given}` is not a TOOI organisation code (such as gm0935, pv26 or ws0155)"
            ))
        });
    }
    let name = sender.naam.trim().to_lowercase();
    ORGANISATIONS.get(&name).map(|path| format!("{TOOI_ID}{path}")).ok_or_else(|| {
        Failure::new(say!(
            "voor de Woo-metadata is de TOOI-code van `{}` nodig",
            "the Woo metadata needs the TOOI code of `{}`",
            sender.naam
        ))
        .hint(say!(
            "vul in het blad Afzender het veld `tooi` in (bijvoorbeeld gm0935 voor Gemeente Maastricht)",
            "fill in the field `tooi` in the Afzender sheet (for example gm0935 for Gemeente Maastricht)"
        ))
    })
}

/// A TOOI organisation URI from a code or URI.
fn tooi_uri(given: &str) -> Option<String> {
    if given.starts_with(TOOI_ID) {
        return Some(given.to_string());
    }
    let code = given.to_lowercase();
    let kind = match code.get(..2)? {
        "gm" => "gemeente",
        "pv" => "provincie",
        "ws" => "waterschap",
        _ => return None,
    };
    (code.len() > 2 && code[2..].bytes().all(|b| b.is_ascii_digit())).then(|| format!("{TOOI_ID}{kind}/{code}"))
}

/// What one metadata file describes.
pub struct Meta<'a> {
    /// The document row.
    pub document: &'a Document,
    /// Its sender.
    pub sender: &'a Afzender,
    /// The subject as printed.
    pub title: &'a str,
    /// Keywords.
    pub keywords: &'a [String],
    /// For the merged copy: the document file it extends.
    pub part_of: Option<&'a str>,
    /// Files this one is related to as annexes (the merged copy's annex files).
    pub annexes: &'a [String],
}

/// The information category and document kind of a document.
fn classification(meta: &Meta<'_>) -> ((&'static str, &'static str), (&'static str, &'static str)) {
    let chosen = meta.document.informatiecategorie.as_deref().and_then(category);
    let class = meta.document.kind.woo();
    let category = chosen.or_else(|| category(class.categorie)).expect("a listed category");
    (category, class.soort)
}

/// The DiWoo XML for one PDF.
pub fn metadata(meta: &Meta<'_>) -> Result<Vec<u8>, Failure> {
    let publisher = organisation(meta.sender)?;
    write(meta, &publisher).map_err(|e| {
        Failure::new(say!("de Woo-metadata kan niet worden geschreven", "the Woo metadata cannot be written"))
            .caused_by(e)
    })
}

fn write(meta: &Meta<'_>, publisher: &str) -> std::io::Result<Vec<u8>> {
    let doc = meta.document;
    let ((category, category_code), (kind, kind_code)) = classification(meta);
    let (language, language_code) = match doc.taal {
        Lang::Nl => ("Nederlands", "NLD"),
        Lang::En => ("Engels", "ENG"),
    };
    let date = doc.datum.format("%Y-%m-%d").to_string();
    document(|w| {
        w.create_element("diwoo:Document").with_attribute(("xmlns:diwoo", NAMESPACE)).write_inner_content(|w| {
            w.create_element("diwoo:DiWoo").write_inner_content(|w| {
                let mut identifiers = vec![doc.document.clone()];
                identifiers.extend(doc.kenmerk.clone());
                list(w, "diwoo:identifiers", "diwoo:identifier", &identifiers)?;
                labelled(w, "diwoo:publisher", publisher, &meta.sender.naam)?;
                labelled(w, "diwoo:verantwoordelijke", publisher, &meta.sender.naam)?;
                w.create_element("diwoo:titelcollectie")
                    .write_inner_content(|w| text(w, "diwoo:officieleTitel", meta.title))?;
                w.create_element("diwoo:classificatiecollectie").write_inner_content(|w| {
                    w.create_element("diwoo:informatiecategorieen").write_inner_content(|w| {
                        labelled(w, "diwoo:informatiecategorie", &format!("{KERN}{category_code}"), category)
                    })?;
                    w.create_element("diwoo:documentsoorten").write_inner_content(|w| {
                        labelled(w, "diwoo:documentsoort", &format!("{KERN}{kind_code}"), kind)
                    })?;
                    list(w, "diwoo:trefwoorden", "diwoo:trefwoord", meta.keywords)
                })?;
                text(w, "diwoo:creatiedatum", &date)?;
                labelled(
                    w,
                    "diwoo:language",
                    &format!("http://publications.europa.eu/resource/authority/language/{language_code}"),
                    language,
                )?;
                labelled(w, "diwoo:format", "http://publications.europa.eu/resource/authority/file-type/PDF", "pdf")?;
                if let Some(part_of) = meta.part_of {
                    text(w, "diwoo:isPartOf", part_of)?;
                }
                w.create_element("diwoo:documenthandelingen").write_inner_content(|w| {
                    w.create_element("diwoo:documenthandeling").write_inner_content(|w| {
                        labelled(w, "diwoo:soortHandeling", &format!("{KERN}c_641ecd76"), "vaststelling")?;
                        text(w, "diwoo:atTime", &format!("{date}T00:00:00"))
                    })?;
                    Ok(())
                })?;
                list(w, "diwoo:hasParts", "diwoo:hasPart", meta.annexes)
            })?;
            Ok(())
        })?;
        Ok(())
    })
}

fn labelled(w: &mut Writer<Vec<u8>>, name: &str, resource: &str, label: &str) -> std::io::Result<()> {
    w.create_element(name).with_attribute(("resource", resource)).write_text_content(BytesText::new(label))?;
    Ok(())
}

/// The PDF file name a metadata file (a name, or a path in a combined run)
/// belongs to.
pub fn pdf_name(xml: &str) -> String {
    let name = xml.rsplit(['/', '\\']).next().unwrap_or(xml);
    format!("{}.pdf", name.strip_suffix(".diwoo.xml").unwrap_or(name))
}

/// The metadata file name for a PDF file name.
pub fn file_name(pdf: &str) -> String {
    format!("{}.diwoo.xml", pdf.strip_suffix(".pdf").unwrap_or(pdf))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn organisations_by_name_or_code() {
        let sender = |naam: &str, tooi: Option<&str>| Afzender {
            naam: naam.into(),
            tooi: tooi.map(String::from),
            ..Default::default()
        };
        let gm = "https://identifier.overheid.nl/tooi/id/gemeente/gm0935";
        assert_eq!(organisation(&sender("Gemeente Maastricht", None)).unwrap(), gm);
        assert_eq!(organisation(&sender("Wie dan ook", Some("GM0935"))).unwrap(), gm);
        assert_eq!(
            organisation(&sender("Provincie Zuid-Holland", None)).unwrap(),
            "https://identifier.overheid.nl/tooi/id/provincie/pv28"
        );
        assert!(
            organisation(&sender("Gemeente Nergenshuizen", None))
                .unwrap_err()
                .hint
                .unwrap()
                .get(Lang::Nl)
                .contains("tooi")
        );
        assert!(organisation(&sender("x", Some("gm09x5"))).is_err());
    }

    #[test]
    fn categories_by_label_or_code() {
        assert_eq!(category("Onderzoeksrapporten").unwrap().1, "c_fdaee95e");
        assert_eq!(category("agenda's en besluitenlijsten bestuurscolleges").unwrap().1, "c_3a248e3a");
        assert_eq!(category("c_db4862c3").unwrap().0, "vergaderstukken decentrale overheden");
        assert!(category("brieven").is_none());
    }
}
