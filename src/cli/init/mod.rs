//! `missiedocs init DIR`: a ready-to-use folder for a new organisation.
//!
//! The folder holds an example workbook (`missies.xlsx`) with every sheet and
//! column of the data contract, drop-down lists and date and euro formats; the
//! texts its example documents use (`teksten/`: two in Markdown, the memo's
//! as a Word document, `docx.rs`); a placeholder logo;
//! a copy of the built-in Typst templates to make the house style one's own
//! (`sjablonen/`, found next to the data automatically); and a short
//! `LEESMIJ.md`.
//!
//! Init never overwrites: it checks every target before it writes anything,
//! creates each file only if it does not exist yet, and removes what it wrote
//! when a later file fails.

use std::fs::{self, OpenOptions};
use std::io::{self, Write as _};
use std::path::{Path, PathBuf};

use rust_xlsxwriter::XlsxError;

use crate::error::Failure;
use crate::say;
use crate::typeset::templates::BUILTIN;

/// The workbook's file name in the folder.
pub const WORKBOOK: &str = "missies.xlsx";

/// The folder of the copied templates, next to the workbook (where
/// `batch::template_folder` looks).
pub const TEMPLATE_DIR: &str = "sjablonen";

/// Excel number format of date columns.
pub const DATE_FORMAT: &str = "dd-mm-yyyy";

/// Excel number format of amount columns.
pub const EURO_FORMAT: &str = "€ #,##0";

/// The last row (0-based) that drop-down lists cover: Excel row 1000.
pub(super) const LAST_ROW: u32 = 999;

/// The example texts and the logo, by path relative to the folder.
pub const FILES: &[(&str, &str)] = &[
    ("teksten/raadsinformatiebrief.md", include_str!("../../../templates/init/teksten/raadsinformatiebrief.md")),
    ("teksten/evaluatie.md", include_str!("../../../templates/init/teksten/evaluatie.md")),
    ("teksten/bedankbrief.md", include_str!("../../../templates/init/teksten/bedankbrief.md")),
    ("teksten/letter-tartu.md", include_str!("../../../templates/init/teksten/letter-tartu.md")),
    ("logo.svg", include_str!("../../../templates/init/logo.svg")),
];

/// The example text written as a Word document, from its Markdown.
const WORD_TEXT: (&str, &str) =
    ("teksten/collegememo.docx", include_str!("../../../templates/init/teksten/collegememo.md"));

/// The folder's read-me, written last.
const README: (&str, &str) = ("LEESMIJ.md", include_str!("../../../templates/init/LEESMIJ.md"));

/// Why init wrote nothing (or removed what it had written), as data; said
/// as a [`Failure`].
#[derive(Debug)]
pub enum InitError {
    /// These targets exist already; nothing was written.
    Exists(Vec<PathBuf>),
    /// A file or folder could not be checked or written.
    Io {
        /// The file or folder.
        path: PathBuf,
        /// The cause.
        source: io::Error,
    },
    /// The example Word text could not be built.
    WordText(zip::result::ZipError),
    /// The workbook could not be built.
    Workbook(XlsxError),
}

impl From<InitError> for Failure {
    fn from(err: InitError) -> Failure {
        match err {
            InitError::Exists(paths) => {
                let list = paths.iter().map(|p| format!("`{}`", p.display())).collect::<Vec<_>>().join(", ");
                Failure::new(match paths.len() {
                    1 => say!(
                        "{list} bestaat al; init overschrijft niets",
                        "{list} already exists; init overwrites nothing"
                    ),
                    n => say!(
                        "{n} bestanden bestaan al: {list}; init overschrijft niets",
                        "{n} files already exist: {list}; init overwrites nothing"
                    ),
                })
            }
            InitError::Io { path, source } => {
                Failure::new(say!("`{}` kan niet worden geschreven", "`{}` cannot be written", path.display()))
                    .caused_by(source)
            }
            InitError::WordText(source) => Failure::new(say!(
                "de voorbeeldtekst in Word kan niet worden gemaakt",
                "the example Word text cannot be made"
            ))
            .caused_by(source),
            InitError::Workbook(source) => {
                Failure::new(say!("de werkmap kan niet worden gemaakt", "the workbook cannot be made"))
                    .caused_by(source)
            }
        }
    }
}

/// Creates a ready-to-use folder. Writes nothing if any target file already exists.
///
/// Returns the files written, in order: the workbook, the texts and logo, the
/// templates, the read-me. `dir` and the subfolders are created as needed;
/// files already in them are left alone.
pub fn init(dir: &Path) -> Result<Vec<PathBuf>, InitError> {
    write_all(dir, &contents()?)
}

/// Writes files into `dir` if none of them exists yet; on a failure removes
/// what it wrote and the folders it created.
fn write_all(dir: &Path, files: &[(PathBuf, Vec<u8>)]) -> Result<Vec<PathBuf>, InitError> {
    let mut existing = Vec::new();
    for (rel, _) in files {
        let path = dir.join(rel);
        match fs::symlink_metadata(&path) {
            Ok(_) => existing.push(path),
            Err(e) if e.kind() == io::ErrorKind::NotFound => {}
            Err(source) => return Err(InitError::Io { path, source }),
        }
    }
    if !existing.is_empty() {
        return Err(InitError::Exists(existing));
    }
    let mut written = Vec::new();
    let mut made_dirs = Vec::new();
    for (rel, bytes) in files {
        let path = dir.join(rel);
        if let Err(err) = write_new(&path, bytes, &mut made_dirs) {
            undo(&written, &made_dirs);
            return Err(err);
        }
        written.push(path);
    }
    Ok(written)
}

/// Every file of the folder: path relative to the folder and contents.
fn contents() -> Result<Vec<(PathBuf, Vec<u8>)>, InitError> {
    let workbook = workbook().map_err(InitError::Workbook)?;
    let mut files = vec![(PathBuf::from(WORKBOOK), workbook)];
    files.extend(FILES.iter().map(|(rel, text)| (PathBuf::from(rel), text.as_bytes().to_vec())));
    let docx = docx::from_markdown(WORD_TEXT.1).map_err(InitError::WordText)?;
    files.push((PathBuf::from(WORD_TEXT.0), docx));
    files.extend(BUILTIN.iter().map(|(rel, text)| (Path::new(TEMPLATE_DIR).join(rel), text.as_bytes().to_vec())));
    files.push((PathBuf::from(README.0), README.1.as_bytes().to_vec()));
    Ok(files)
}

/// Writes a file that must not exist yet, creating its folders (and noting
/// those it created).
fn write_new(path: &Path, bytes: &[u8], made_dirs: &mut Vec<PathBuf>) -> Result<(), InitError> {
    if let Some(parent) = path.parent() {
        create_dirs(parent, made_dirs)?;
    }
    let io_err = |source| InitError::Io { path: path.to_path_buf(), source };
    let mut file = OpenOptions::new().write(true).create_new(true).open(path).map_err(|e| {
        if e.kind() == io::ErrorKind::AlreadyExists { InitError::Exists(vec![path.to_path_buf()]) } else { io_err(e) }
    })?;
    if let Err(e) = file.write_all(bytes).and_then(|()| file.flush()) {
        drop(file);
        let _ = fs::remove_file(path);
        return Err(io_err(e));
    }
    Ok(())
}

/// Creates a folder and its missing parents, outermost first, noting each
/// folder created.
fn create_dirs(dir: &Path, made_dirs: &mut Vec<PathBuf>) -> Result<(), InitError> {
    let missing: Vec<&Path> = dir.ancestors().take_while(|d| !d.as_os_str().is_empty() && !d.is_dir()).collect();
    for d in missing.into_iter().rev() {
        match fs::create_dir(d) {
            Ok(()) => made_dirs.push(d.to_path_buf()),
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists && d.is_dir() => {}
            Err(source) => return Err(InitError::Io { path: d.to_path_buf(), source }),
        }
    }
    Ok(())
}

/// Removes the files written and the (then empty) folders created.
fn undo(written: &[PathBuf], made_dirs: &[PathBuf]) {
    for path in written {
        let _ = fs::remove_file(path);
    }
    for dir in made_dirs.iter().rev() {
        let _ = fs::remove_dir(dir);
    }
}

mod docx;
mod example;
mod xlsx;

pub use xlsx::workbook;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_that_appears_while_writing_undoes_everything() {
        let tmp = tempfile::tempdir().unwrap();
        std::fs::create_dir(tmp.path().join("er")).unwrap();
        std::fs::write(tmp.path().join("er/al.txt"), "van de gebruiker").unwrap();
        let dir = tmp.path().join("nieuw");
        // The same target twice: the second write finds the first, as it
        // would find a file another process made after the check.
        let files = [
            (PathBuf::from("a/b/een.txt"), b"1".to_vec()),
            (PathBuf::from("../er/twee.txt"), b"2".to_vec()),
            (PathBuf::from("c/drie.txt"), b"3".to_vec()),
            (PathBuf::from("c/drie.txt"), b"3".to_vec()),
        ];
        let err = write_all(&dir, &files).unwrap_err();
        assert!(matches!(&err, InitError::Exists(paths) if paths == &[dir.join("c/drie.txt")]), "{err:?}");
        assert!(!dir.exists(), "the folders init made are gone");
        let left: Vec<_> = fs::read_dir(tmp.path().join("er")).unwrap().map(|e| e.unwrap().file_name()).collect();
        assert_eq!(left, ["al.txt"], "the files init wrote are gone, others stay");
    }

    #[test]
    fn exists_names_the_files() {
        let one = Failure::from(InitError::Exists(vec![PathBuf::from("map/missies.xlsx")])).to_string();
        assert_eq!(one, "`map/missies.xlsx` bestaat al; init overschrijft niets");
        let two = Failure::from(InitError::Exists(vec![PathBuf::from("a"), PathBuf::from("b")])).to_string();
        assert_eq!(two, "2 bestanden bestaan al: `a`, `b`; init overschrijft niets");
    }
}
