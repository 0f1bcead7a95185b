//! `manifest.json`: one entry per selected document — made or `fout`, its
//! files with pages, hash and standards, and for a failure every reason
//! with file, sheet, row, column, value and hint.

use std::path::{Path, PathBuf};

use serde::Serialize;

use super::write_atomic;

/// How a document fared.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    /// Rendered and written.
    Ok,
    /// Not rendered; see `fout`.
    Fout,
}

/// One file written for a document.
#[derive(Debug, Clone, Serialize)]
pub struct FileEntry {
    /// File name in the output folder.
    pub bestand: String,
    /// Number of pages.
    pub paginas: usize,
    /// SHA-256 of the file.
    pub sha256: String,
    /// PDF standards the file claims.
    pub standaarden: Vec<&'static str>,
}

/// The copy of a document with its PDF annexes merged in.
#[derive(Debug, Clone, Serialize)]
pub struct MergedEntry {
    /// The file.
    #[serde(flatten)]
    pub file: FileEntry,
    /// Claims of the document the merged file does not make, and why.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub vervallen: Vec<String>,
    /// The annexes, in order.
    pub bijlagen: Vec<crate::output::annex::AnnexInfo>,
}

/// Why a document was not made: the message as printed, and its place
/// and value as fields.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Fout {
    /// The whole message, as on stderr.
    pub melding: String,
    /// The file.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub bestand: Option<String>,
    /// The sheet.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub blad: Option<String>,
    /// The row, as the spreadsheet (or a text file's line) numbers it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rij: Option<usize>,
    /// The column, as headed.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub kolom: Option<String>,
    /// The paragraph of a Word or LibreOffice text.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub alinea: Option<String>,
    /// The value found.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub waarde: Option<String>,
    /// How to put it right.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub hint: Option<String>,
}

impl Fout {
    /// A failure that is not about a place in the data (typesetting, writing).
    pub fn message(text: impl Into<String>) -> Fout {
        Fout {
            melding: text.into(),
            bestand: None,
            blad: None,
            rij: None,
            kolom: None,
            alinea: None,
            waarde: None,
            hint: None,
        }
    }
}

impl Fout {
    /// A failure that stopped a document (typesetting, an annex, the
    /// metadata), in the run's language: its message with its causes, and
    /// its hint below it as a problem's is.
    pub fn failed(err: &(dyn std::error::Error + 'static), lang: crate::lang::Lang) -> Fout {
        let hint = crate::error::hint(err, lang);
        let mut melding = crate::error::describe(err, lang);
        if let Some(hint) = &hint {
            melding = format!("{melding}\n  hint: {hint}");
        }
        Fout { hint, ..Fout::message(melding) }
    }

    /// A problem as the manifest lists it, in the run's language.
    pub fn said(p: &crate::model::problem::Problem, lang: crate::lang::Lang) -> Fout {
        let l = &p.location;
        Fout {
            melding: p.said(lang).to_string(),
            bestand: Some(l.file.strip_prefix(".").unwrap_or(&l.file).display().to_string()).filter(|f| !f.is_empty()),
            blad: l.sheet.clone(),
            rij: l.line,
            kolom: l.column.clone(),
            alinea: l.passage.as_ref().map(|p| p.get(lang).to_string()),
            waarde: p.shown_value(),
            hint: p.hint.as_ref().map(|h| h.get(lang).to_string()),
        }
    }
}

/// One document in the manifest.
#[derive(Debug, Clone, Serialize)]
pub struct Entry {
    /// Document id.
    pub document: String,
    /// Its row in the `Documenten` sheet.
    pub rij: usize,
    /// Template.
    pub sjabloon: String,
    /// For a letter to one member of a mission: the member.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub deelnemer: Option<Lid>,
    /// A draft (`status` = `concept`).
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub concept: bool,
    /// The date the letter was sent, when the data gives it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub verzonden: Option<chrono::NaiveDate>,
    /// Outcome.
    pub status: Status,
    /// The document's PDF.
    #[serde(flatten, skip_serializing_if = "Option::is_none")]
    pub file: Option<FileEntry>,
    /// The document with its PDF annexes, when it has any.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub met_bijlagen: Option<MergedEntry>,
    /// DiWoo metadata files written (`--woo`).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub woo: Vec<String>,
    /// MDTO metadata files written (`--mdto`): per PDF its informatieobject
    /// and its bestand.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub mdto: Vec<String>,
    /// Why it failed.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub fouten: Vec<Fout>,
    /// What Typst warned about while typesetting it.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub waarschuwingen: Vec<String>,
}

/// The member a letter to many is for.
#[derive(Debug, Clone, Serialize)]
pub struct Lid {
    /// The name, as written (blank when it could not be read).
    #[serde(skip_serializing_if = "String::is_empty")]
    pub naam: String,
    /// The member's row in `Deelnemers`.
    pub rij: usize,
}

/// Which part of a run split with `--shard K/N` a manifest accounts for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, serde::Deserialize)]
pub struct Deel {
    /// Which part, 1-based.
    pub k: usize,
    /// How many parts.
    pub n: usize,
}

/// The manifest of a run.
#[derive(Debug, Serialize)]
pub struct Manifest {
    /// The program and version.
    pub programma: String,
    /// The data read.
    pub gegevens: String,
    /// The SHA-256 of the data read (a CSV folder: of its files' names and
    /// contents), so parts of a split run are known to come from the same
    /// data whatever path reached it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub gegevens_sha256: Option<String>,
    /// The run is under way (or was interrupted): the documents are not
    /// listed, and what lies in the folder is not accounted for.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub bezig: bool,
    /// The part of a split run (`--shard K/N`); absent for a whole run.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub deel: Option<Deel>,
    /// The base URL the PDFs are published under (`--woo-url`), for the
    /// sitemaps `combine` makes of the parts.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub woo_url: Option<String>,
    /// Documents rendered.
    pub gemaakt: usize,
    /// Documents failed.
    pub mislukt: usize,
    /// What the run says of the data as a whole (rows hidden in the workbook).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub waarschuwingen: Vec<String>,
    /// Every selected document, in the order of the Documenten sheet.
    pub documenten: Vec<Entry>,
}

impl Manifest {
    /// Builds the manifest from the entries; `digest` is the data's SHA-256.
    pub fn new(data: &Path, digest: Option<String>, deel: Option<Deel>, documenten: Vec<Entry>) -> Self {
        let gemaakt = documenten.iter().filter(|e| e.status == Status::Ok).count();
        Manifest {
            programma: format!("missiedocs {}", env!("CARGO_PKG_VERSION")),
            gegevens: data.display().to_string(),
            gegevens_sha256: digest,
            bezig: false,
            deel,
            woo_url: None,
            gemaakt,
            mislukt: documenten.len() - gemaakt,
            waarschuwingen: Vec::new(),
            documenten,
        }
    }

    /// The manifest written as a run starts, before any file is: it says
    /// the run is under way and lists nothing, so an interrupted run never
    /// leaves an earlier run's account beside files it did not write.
    pub fn in_progress(data: &Path, digest: Option<String>, deel: Option<Deel>) -> Self {
        Manifest { bezig: true, ..Manifest::new(data, digest, deel, Vec::new()) }
    }

    /// The documents an earlier run's `manifest.json` in `dir` lists: id
    /// and row. Nothing when there is none or it cannot be read.
    pub fn listed(dir: &Path) -> Vec<(String, usize)> {
        let Ok(bytes) = std::fs::read(dir.join("manifest.json")) else { return Vec::new() };
        let Ok(json) = serde_json::from_slice::<serde_json::Value>(&bytes) else { return Vec::new() };
        let entries = json.get("documenten").and_then(serde_json::Value::as_array).cloned().unwrap_or_default();
        entries
            .iter()
            .filter_map(|e| {
                let id = e.get("document")?.as_str()?.to_string();
                let row = e.get("rij")?.as_u64()? as usize;
                Some((id, row))
            })
            .collect()
    }

    /// Writes `manifest.json` into the output folder.
    pub fn write(&self, dir: &Path) -> std::io::Result<PathBuf> {
        let mut json = serde_json::to_vec_pretty(self).map_err(std::io::Error::other)?;
        json.push(b'\n');
        write_atomic(dir, "manifest.json", &json)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::output::sha256;

    #[test]
    fn atomic_write_replaces_and_leaves_no_temp_files() {
        let dir = tempfile::tempdir().unwrap();
        write_atomic(dir.path(), "a.pdf", b"een").unwrap();
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            // Readable by others exactly when a file the user makes would be.
            std::fs::write(dir.path().join("b.txt"), b"twee").unwrap();
            let mode = |name: &str| std::fs::metadata(dir.path().join(name)).unwrap().permissions().mode();
            assert_eq!(mode("a.pdf") & 0o644, mode("b.txt") & 0o644, "{:o}", mode("a.pdf"));
            std::fs::remove_file(dir.path().join("b.txt")).unwrap();
        }
        write_atomic(dir.path(), "a.pdf", b"twee").unwrap();
        assert_eq!(std::fs::read(dir.path().join("a.pdf")).unwrap(), b"twee");
        let names: Vec<_> = std::fs::read_dir(dir.path()).unwrap().map(|e| e.unwrap().file_name()).collect();
        assert_eq!(names, ["a.pdf"]);
    }

    #[test]
    fn sha() {
        assert_eq!(sha256(b"abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    }
}
