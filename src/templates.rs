//! Typst templates: the built-in ones (from `templates/`, compiled into the
//! binary) and an organisation's own folder, which overrides them by name.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

/// The built-in template files, by path relative to `templates/`.
pub const BUILTIN: &[(&str, &str)] = &[
    ("raadsinformatiebrief.typ", include_str!("../templates/raadsinformatiebrief.typ")),
    ("collegememo.typ", include_str!("../templates/collegememo.typ")),
    ("lib/brief.typ", include_str!("../templates/lib/brief.typ")),
    ("evaluatie.typ", include_str!("../templates/evaluatie.typ")),
    ("lib/markdown.typ", include_str!("../templates/lib/markdown.typ")),
    ("lib/rapport.typ", include_str!("../templates/lib/rapport.typ")),
];

/// Where templates come from.
#[derive(Debug, Clone, Default)]
pub struct Templates {
    /// An organisation's template folder, searched first.
    pub folder: Option<PathBuf>,
}

impl Templates {
    /// Templates from the built-in set, overridden by `folder` when given.
    pub fn new(folder: Option<PathBuf>) -> Self {
        Templates { folder }
    }

    fn own_file(&self, rel: &str) -> Option<PathBuf> {
        let folder = self.folder.as_ref()?;
        if rel.split('/').any(|part| part == ".." || part.is_empty()) {
            return None;
        }
        let path = folder.join(rel);
        path.is_file().then_some(path)
    }

    /// Reads a template file by its path relative to the template folder.
    pub fn read(&self, rel: &str) -> Option<Vec<u8>> {
        if let Some(path) = self.own_file(rel) {
            return std::fs::read(path).ok();
        }
        BUILTIN.iter().find(|(name, _)| *name == rel).map(|(_, text)| text.as_bytes().to_vec())
    }

    /// Where a template file comes from, for messages.
    pub fn origin(&self, rel: &str) -> Option<String> {
        if let Some(path) = self.own_file(rel) {
            return Some(path.display().to_string());
        }
        BUILTIN.iter().any(|(name, _)| *name == rel).then(|| format!("templates/{rel} (ingebouwd)"))
    }

    /// The names of the document templates (top-level `.typ` files).
    pub fn names(&self) -> BTreeSet<String> {
        let mut names: BTreeSet<String> = BUILTIN
            .iter()
            .filter(|(path, _)| !path.contains('/'))
            .filter_map(|(path, _)| path.strip_suffix(".typ"))
            .map(str::to_string)
            .collect();
        if let Some(folder) = &self.folder {
            names.extend(typ_files(folder));
        }
        names
    }

    /// Whether a document template of this name exists.
    pub fn has(&self, name: &str) -> bool {
        self.names().contains(name)
    }
}

fn typ_files(folder: &Path) -> Vec<String> {
    let Ok(entries) = std::fs::read_dir(folder) else { return Vec::new() };
    entries
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.is_file() && p.extension().is_some_and(|e| e == "typ"))
        .filter_map(|p| p.file_stem().map(|s| s.to_string_lossy().into_owned()))
        .collect()
}
