//! Which files a change of counts: the ones a run could read — the
//! workbook (or the CSV files of its folder), anything in the template
//! folder (templates, fonts), and files of the kinds texts, annexes and
//! pictures are, existing or new — and never an editor's lock, swap or
//! temporary file. `watch` and `serve` notice changes through it.

use std::path::{Path, PathBuf};
use std::time::Duration;

/// How long the folders must be quiet after a change before it is acted
/// on: editors write, rename and touch in one save.
pub const QUIET: Duration = Duration::from_millis(250);

/// Extensions of the files a document may name: texts, annexes, pictures.
const NAMED: [&str; 11] = ["md", "txt", "docx", "odt", "pdf", "png", "jpg", "jpeg", "gif", "webp", "svg"];

/// The files a run of this data could read.
#[derive(Debug, Clone)]
pub struct Reads {
    /// The workbook file, when the data is one.
    workbook: Option<PathBuf>,
    /// The CSV folder, when the data is one.
    csv_folder: Option<PathBuf>,
    /// The template folder.
    templates: Option<PathBuf>,
}

/// A path made absolute, links resolved where it exists.
pub fn absolute(p: &Path) -> PathBuf {
    p.canonicalize().or_else(|_| std::path::absolute(p)).unwrap_or(p.to_path_buf())
}

impl Reads {
    /// The files a run of `data` (a workbook or a CSV folder) with this
    /// template folder could read.
    pub fn new(data: &Path, templates: Option<&Path>) -> Reads {
        let data = absolute(data);
        let folder = data.is_dir();
        Reads {
            workbook: (!folder).then(|| data.clone()),
            csv_folder: folder.then_some(data),
            templates: templates.map(absolute),
        }
    }

    /// Whether a change of this file (an absolute path) counts.
    pub fn could_read(&self, path: &Path) -> bool {
        let name = path.file_name().map(|n| n.to_string_lossy()).unwrap_or_default();
        // Editors' swap and lock files, Excel's `~$` files.
        let editors = name.starts_with('.')
            || name.starts_with("~$")
            || name.ends_with('~')
            || name.ends_with(".swp")
            || name.ends_with(".tmp");
        if editors {
            return false;
        }
        let extension = path.extension().map(|e| e.to_string_lossy().to_lowercase()).unwrap_or_default();
        self.workbook.as_deref() == Some(path)
            || self.templates.as_deref().is_some_and(|dir| path.starts_with(dir))
            || (extension == "csv" && self.csv_folder.as_deref() == path.parent())
            || NAMED.contains(&extension.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_workbook_texts_and_templates_count_and_editors_files_do_not() {
        let dir = tempfile::tempdir().unwrap();
        let root = absolute(dir.path());
        std::fs::write(root.join("missies.xlsx"), b"").unwrap();
        let reads = Reads::new(&root.join("missies.xlsx"), Some(&root.join("sjablonen")));
        assert!(reads.could_read(&root.join("missies.xlsx")));
        assert!(reads.could_read(&root.join("teksten/brief.docx")));
        assert!(reads.could_read(&root.join("sjablonen/lib/brief.typ")));
        assert!(!reads.could_read(&root.join("~$missies.xlsx")));
        assert!(!reads.could_read(&root.join("teksten/.~lock.brief.docx#")));
        assert!(!reads.could_read(&root.join("andere.xlsx")));
        assert!(!reads.could_read(&root.join("run.log")));
    }
}
