//! Writing results: atomic file writes inside the output folder, the
//! `manifest.json` that accounts for every document of a run
//! ([`manifest`]), annexes merged after their letter ([`annex`]), Woo
//! metadata ([`woo`]), the Typst project a document came from
//! ([`project`]), one manifest from the parts of a split run
//! ([`combine`]), and whether a PDF from outside is [`whole`].

pub mod annex;
mod claims;
pub mod combine;
pub mod manifest;
pub mod mdto;
mod pages;
pub mod project;
pub mod seal;
pub mod sitemaps;
pub mod woo;
pub mod write;
mod xml;

pub use manifest::{Deel, Entry, FileEntry, Fout, Manifest, MergedEntry, Status};

use std::io::Write;
use std::path::{Path, PathBuf};

use chrono::Timelike;
use sha2::{Digest, Sha256};

/// Writes `bytes` to `dir/name` atomically: a temporary file in the same
/// folder, then renamed over the target. An interrupted or failed write
/// leaves no partial file and the old file (if any) untouched. Writing to
/// disk is left to the operating system, as `typst compile` does: a forced
/// flush per file (`fsync`) added about 35 ms to a one-letter run, more
/// than typesetting the letter.
pub fn write_atomic(dir: &Path, name: &str, bytes: &[u8]) -> std::io::Result<PathBuf> {
    debug_assert!(!name.contains(['/', '\\']), "a file name, not a path");
    let target = dir.join(name);
    let mut builder = tempfile::Builder::new();
    builder.prefix(TEMP_PREFIX).suffix(".tmp");
    // Readable like any file the user makes (a temporary file is private).
    #[cfg(unix)]
    builder.permissions(std::os::unix::fs::PermissionsExt::from_mode(0o644));
    let mut tmp = builder.tempfile_in(dir)?;
    tmp.write_all(bytes)?;
    tmp.persist(&target).map_err(|e| e.error)?;
    Ok(target)
}

/// The prefix of temporary files; nothing else in an output folder uses it.
pub const TEMP_PREFIX: &str = ".missiedocs-";

/// Removes temporary files an interrupted run left in the output folder.
pub fn remove_temp_files(dir: &Path) {
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    for entry in entries.flatten() {
        let name = entry.file_name();
        let name = name.to_string_lossy();
        if name.starts_with(TEMP_PREFIX) && name.ends_with(".tmp") {
            let _ = std::fs::remove_file(entry.path());
        }
    }
}

/// The moment a run makes its files, in UTC to the second, as archive
/// metadata and seals record it: `SOURCE_DATE_EPOCH` when set (the
/// reproducible-builds convention, for byte-identical runs), else now.
pub fn moment() -> chrono::NaiveDateTime {
    let pinned = std::env::var("SOURCE_DATE_EPOCH").ok().and_then(|s| s.trim().parse::<i64>().ok());
    let at = pinned.and_then(|s| chrono::DateTime::from_timestamp(s, 0)).unwrap_or_else(chrono::Utc::now);
    at.naive_utc().with_nanosecond(0).unwrap_or_else(|| at.naive_utc())
}

/// The hex SHA-256 of some bytes.
pub fn sha256(bytes: &[u8]) -> String {
    Sha256::digest(bytes).iter().map(|b| format!("{b:02x}")).collect()
}
