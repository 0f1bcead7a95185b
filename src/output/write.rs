//! Writing a document made in memory into the output folder: its PDF, the
//! merged copy and their DiWoo metadata, each atomically, and the entry
//! the manifest gets for it.

use std::path::Path;

use super::annex::Merged;
use super::woo;
use super::{Entry, FileEntry, MergedEntry, Status, sha256, write_atomic};
use crate::error::Failure;
use crate::lang::Lang;
use crate::model::Document;

/// A document made, all in memory: nothing is written until
/// [`document`] writes it.
pub struct Made {
    /// The PDF.
    pub pdf: Vec<u8>,
    /// Its number of pages.
    pub pages: usize,
    /// The standards it claims.
    pub standards: Vec<&'static str>,
    /// The copy with the PDF annexes merged after it, when it lists any.
    pub merged: Option<Merged>,
    /// The DiWoo metadata of the PDF, and of the merged copy (`--woo`; a
    /// draft has none).
    pub woo: Option<Vec<u8>>,
    /// The DiWoo metadata of the merged copy.
    pub merged_woo: Option<Vec<u8>>,
    /// The MDTO files of the PDF and of the merged copy (`--mdto`; a draft
    /// has none): file name, XML.
    pub mdto: Vec<(String, Vec<u8>)>,
    /// What the run says of the document (texts, drafts, hidden rows, Typst).
    pub warnings: Vec<String>,
}

/// Writes what was made for `doc` into `out` and returns its manifest
/// entry; `lid` is the member a letter to many is for.
pub fn document(
    out: &Path,
    doc: &Document,
    lid: Option<super::manifest::Lid>,
    made: &Made,
    lang: Lang,
) -> Result<Entry, Failure> {
    let write = |name: &str, bytes: &[u8]| {
        write_atomic(out, name, bytes).map(drop).map_err(|source| {
            let path = out.join(name);
            Failure::new(crate::say!("`{}` kan niet worden geschreven", "`{}` cannot be written", path.display()))
                .caused_by(source)
        })
    };
    let name = format!("{}.pdf", doc.document);
    let mut woo_files = Vec::new();
    let met_bijlagen = match &made.merged {
        Some(merged) => {
            let merged_name = crate::model::merged_name(&doc.document);
            write(&merged_name, &merged.pdf)?;
            if let Some(xml) = &made.merged_woo {
                let xml_name = woo::file_name(&merged_name);
                write(&xml_name, xml)?;
                woo_files.push(xml_name);
            }
            Some(MergedEntry {
                file: FileEntry {
                    bestand: merged_name,
                    paginas: merged.pages,
                    sha256: sha256(&merged.pdf),
                    standaarden: merged.standards.clone(),
                },
                vervallen: merged.dropped.iter().map(|w| w.get(lang).to_string()).collect(),
                bijlagen: merged.annexes.clone(),
            })
        }
        None => None,
    };
    let mut mdto_files = Vec::new();
    for (xml_name, xml) in &made.mdto {
        write(xml_name, xml)?;
        mdto_files.push(xml_name.clone());
    }
    write(&name, &made.pdf)?;
    if let Some(xml) = &made.woo {
        let xml_name = woo::file_name(&name);
        write(&xml_name, xml)?;
        woo_files.insert(0, xml_name);
    }
    Ok(Entry {
        document: doc.document.clone(),
        rij: doc.line,
        sjabloon: doc.sjabloon.clone(),
        deelnemer: lid,
        concept: doc.concept,
        verzonden: doc.verzonden,
        status: Status::Ok,
        file: Some(FileEntry {
            bestand: name,
            paginas: made.pages,
            sha256: sha256(&made.pdf),
            standaarden: made.standards.clone(),
        }),
        met_bijlagen,
        woo: woo_files,
        mdto: mdto_files,
        fouten: Vec::new(),
        waarschuwingen: made.warnings.clone(),
    })
}
