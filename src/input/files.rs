//! Where the data's files are: the data folder (the workbook's folder, or
//! the CSV folder itself), the paths the data names inside it (texts, logo,
//! annexes; links followed, never leaving it), and the organisation's
//! template folder beside it.

use std::path::{Component, Path, PathBuf};

use super::csv::decode_text;
use crate::lang::Lang;
use crate::tr;

/// A file the data names that cannot be used; the message is in the
/// language it was asked in.
#[derive(Debug, thiserror::Error)]
#[error("{message}")]
pub struct FileError {
    /// What is wrong, naming the path as the data writes it.
    pub message: String,
    /// The cause, when the file system gave one.
    #[source]
    pub source: Option<std::io::Error>,
}

impl FileError {
    fn new(message: String) -> FileError {
        FileError { message, source: None }
    }
}

/// The folder of the data: a CSV folder itself, else the workbook's folder
/// (`.` for a workbook named without a folder).
///
/// ```
/// use std::path::Path;
/// use missiedocs::input::files::data_folder;
/// assert_eq!(data_folder(Path::new("missies.xlsx")), Path::new("."));
/// assert_eq!(data_folder(Path::new("data/missies.xlsx")), Path::new("data"));
/// ```
pub fn data_folder(data: &Path) -> PathBuf {
    let dir = if data.is_dir() { data.to_path_buf() } else { data.parent().map(Path::to_path_buf).unwrap_or_default() };
    if dir.as_os_str().is_empty() { PathBuf::from(".") } else { dir }
}

/// The folder of an organisation's own templates, when it has one
/// (`sjablonen/` beside the data).
pub const TEMPLATE_FOLDER: &str = "sjablonen";

/// The template folder to use: the given one, else [`TEMPLATE_FOLDER`]
/// beside the data when it exists.
pub fn template_folder(data: &Path, given: Option<&Path>) -> Option<PathBuf> {
    if let Some(dir) = given {
        return Some(dir.to_path_buf());
    }
    let dir = data_folder(data).join(TEMPLATE_FOLDER);
    dir.is_dir().then_some(dir)
}

/// Resolves a path from the data (a text, logo or annex) inside the data
/// folder: absolute paths and `..` are refused, and so is a path that leaves
/// the folder through a symbolic link.
pub fn data_file(base: &Path, rel: &str, lang: Lang) -> Result<PathBuf, FileError> {
    let rel_path = Path::new(rel);
    let inside = rel_path.components().all(|c| matches!(c, Component::Normal(_) | Component::CurDir));
    let outside =
        || FileError::new(tr!(lang, "`{rel}` ligt buiten de map met gegevens", "`{rel}` lies outside the data folder"));
    if !inside || rel.trim().is_empty() {
        return Err(outside());
    }
    let path = base.join(rel_path);
    if !path.is_file() {
        return Err(FileError::new(tr!(
            lang,
            "bestand `{rel}` bestaat niet (gezocht in `{}`)",
            "file `{rel}` does not exist (looked in `{}`)",
            base.display()
        )));
    }
    // Links followed: where the file really is must be inside the folder.
    let real_base = base.canonicalize().map_err(|_| outside())?;
    let real = path.canonicalize().map_err(|_| outside())?;
    if real.starts_with(&real_base) {
        Ok(real)
    } else {
        Err(FileError::new(tr!(
            lang,
            "`{rel}` verwijst naar `{}`, buiten de map met gegevens",
            "`{rel}` points to `{}`, outside the data folder",
            real.display()
        )))
    }
}

/// Reads a text file the data names (UTF-8, or Windows-1252 as older Word
/// and Excel save it).
pub fn read_text(path: &Path, lang: Lang) -> Result<String, FileError> {
    std::fs::read(path).map(|bytes| decode_text(&bytes)).map_err(|source| FileError {
        message: tr!(lang, "`{}` kan niet worden gelezen", "`{}` cannot be read", path.display()),
        source: Some(source),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn refused(base: &Path, rel: &str) -> String {
        data_file(base, rel, Lang::Nl).unwrap_err().to_string()
    }

    #[test]
    fn data_files_stay_inside() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("a.md"), "x").unwrap();
        assert!(data_file(dir.path(), "a.md", Lang::Nl).is_ok());
        assert!(data_file(dir.path(), "./a.md", Lang::Nl).is_ok());
        assert!(refused(dir.path(), "../a.md").contains("buiten"));
        assert!(refused(dir.path(), "/etc/passwd").contains("buiten"));
        assert!(refused(dir.path(), "b.md").contains("bestaat niet"));
        #[cfg(unix)]
        {
            let data = dir.path().join("gegevens");
            std::fs::create_dir(&data).unwrap();
            std::os::unix::fs::symlink("/etc/passwd", data.join("link.pdf")).unwrap();
            std::os::unix::fs::symlink(dir.path().join("a.md"), data.join("a.md")).unwrap();
            assert!(refused(&data, "link.pdf").contains("buiten de map"));
            assert!(refused(&data, "a.md").contains("buiten de map"));
        }
    }
}
