//! Typst templates: the built-in ones (from `templates/`, compiled into the
//! binary) and an organisation's own folder, which overrides them by name.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use crate::lang::Lang;
use crate::model::DocumentKind;

/// The built-in template files, by path relative to `templates/`.
pub const BUILTIN: &[(&str, &str)] = &[
    ("raadsinformatiebrief.typ", include_str!("../../templates/raadsinformatiebrief.typ")),
    ("collegememo.typ", include_str!("../../templates/collegememo.typ")),
    ("brief.typ", include_str!("../../templates/brief.typ")),
    ("lib/huisstijl.typ", include_str!("../../templates/lib/huisstijl.typ")),
    ("lib/brief.typ", include_str!("../../templates/lib/brief.typ")),
    ("evaluatie.typ", include_str!("../../templates/evaluatie.typ")),
    ("lib/markdown.typ", include_str!("../../templates/lib/markdown.typ")),
    ("lib/onderdelen.typ", include_str!("../../templates/lib/onderdelen.typ")),
    ("lib/rapport.typ", include_str!("../../templates/lib/rapport.typ")),
    ("lib/paginawaarden.typ", include_str!("../../templates/lib/paginawaarden.typ")),
];

/// Where templates come from.
#[derive(Debug, Clone, Default)]
pub struct Templates {
    /// An organisation's template folder, searched first.
    pub folder: Option<PathBuf>,
    /// The language of messages about templates.
    lang: Lang,
}

impl Templates {
    /// Templates from the built-in set, overridden by `folder` when given;
    /// messages about them in `lang`.
    pub fn new(folder: Option<PathBuf>, lang: Lang) -> Self {
        Templates { folder, lang }
    }

    /// The language of messages about templates.
    pub fn lang(&self) -> Lang {
        self.lang
    }

    /// The kind of document a template makes: the kind its source declares
    /// (`// soort: collegememo`), else the kind its name suggests.
    pub fn kind(&self, name: &str) -> DocumentKind {
        self.declared_kind(name)
            .and_then(|word| DocumentKind::parse(&word))
            .unwrap_or_else(|| DocumentKind::from_name(name))
    }

    /// The word after `// soort:` in a template's first lines, if it has one.
    pub fn declared_kind(&self, name: &str) -> Option<String> {
        let source = self.read(&format!("{name}.typ"))?;
        DocumentKind::declared(&String::from_utf8_lossy(&source)).map(str::to_string)
    }

    /// Whether the organisation's folder has its own file of this path.
    pub fn is_own(&self, rel: &str) -> bool {
        self.own_file(rel).is_some()
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
    /// Links are followed: a file of the folder that really lies outside it
    /// is not read, and not replaced by a built-in one either.
    pub fn read(&self, rel: &str) -> Option<Vec<u8>> {
        if let Some(path) = self.own_file(rel) {
            let folder = self.folder.as_ref()?.canonicalize().ok()?;
            let inside = path.canonicalize().is_ok_and(|real| real.starts_with(folder));
            return inside.then(|| std::fs::read(path).ok()).flatten();
        }
        BUILTIN.iter().find(|(name, _)| *name == rel).map(|(_, text)| text.as_bytes().to_vec())
    }

    /// Where a template file comes from, for messages.
    pub fn origin(&self, rel: &str) -> Option<String> {
        if let Some(path) = self.own_file(rel) {
            return Some(path.display().to_string());
        }
        BUILTIN
            .iter()
            .any(|(name, _)| *name == rel)
            .then(|| format!("templates/{rel} ({})", self.lang.pick("ingebouwd", "built-in")))
    }

    /// Every file in the organisation's folder, by path relative to it.
    pub fn own_files(&self) -> Vec<String> {
        fn walk(dir: &Path, prefix: &str, out: &mut Vec<String>, depth: usize) {
            let Ok(entries) = std::fs::read_dir(dir) else { return };
            for entry in entries.flatten() {
                let name = entry.file_name().to_string_lossy().into_owned();
                let rel = if prefix.is_empty() { name.clone() } else { format!("{prefix}/{name}") };
                let path = entry.path();
                if path.is_dir() && depth < 8 {
                    walk(&path, &rel, out, depth + 1);
                } else if path.is_file() {
                    out.push(rel);
                }
            }
        }
        let mut out = Vec::new();
        if let Some(folder) = &self.folder {
            walk(folder, "", &mut out, 0);
        }
        out.sort();
        out
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

/// A document template as `missiedocs templates` lists it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TemplateInfo {
    /// Name, as `sjabloon` names it.
    pub name: String,
    /// Where it comes from: the organisation's file, or built in.
    pub origin: String,
    /// Whether an organisation's file replaces a built-in template.
    pub overrides: bool,
    /// The data fields it uses (`afzender.naam`), itself or through the files it imports.
    pub fields: BTreeSet<String>,
}

impl Templates {
    /// Every document template with its origin and the data fields it uses.
    pub fn describe(&self) -> Vec<TemplateInfo> {
        self.names()
            .into_iter()
            .map(|name| {
                let file = format!("{name}.typ");
                let own = self.own_file(&file).is_some();
                let builtin = BUILTIN.iter().any(|(path, _)| *path == file);
                let mut fields = BTreeSet::new();
                let mut seen = BTreeSet::new();
                self.collect_fields(&file, &mut fields, &mut seen);
                // `afzender` used alone and as `afzender.naam`: the longer says it.
                let prefixes: Vec<String> =
                    fields.iter().filter_map(|f| f.split_once('.').map(|(head, _)| head.to_string())).collect();
                fields.retain(|f| !prefixes.contains(f));
                TemplateInfo {
                    origin: self.origin(&file).unwrap_or_else(|| file.clone()),
                    overrides: own && builtin,
                    fields,
                    name,
                }
            })
            .collect()
    }

    /// Whether a document template, or a file it imports, is the
    /// organisation's own.
    pub fn uses_own(&self, name: &str) -> bool {
        let mut own = false;
        self.each_file(&format!("{name}.typ"), &mut BTreeSet::new(), &mut |rel, _| own |= self.is_own(rel));
        own
    }

    /// Adds the `d.…` field paths used in `rel` and the files it imports.
    fn collect_fields(&self, rel: &str, fields: &mut BTreeSet<String>, seen: &mut BTreeSet<String>) {
        self.each_file(rel, seen, &mut |_, root| {
            let Some(root) = root else { return };
            walk(root, None, &mut |node, parent| {
                if node.kind() != typst::syntax::SyntaxKind::FieldAccess {
                    return;
                }
                // `d.aan.join(…)`: the last part is a method, not a field.
                let method = parent.is_some_and(|p| {
                    p.kind() == typst::syntax::SyntaxKind::FuncCall
                        && p.children().next().is_some_and(|c| std::ptr::eq(c, node))
                });
                if let Some(path) = data_path(node, method) {
                    fields.insert(path);
                }
            })
        });
    }

    /// Visits the template file `rel` (parsed; `None` when it cannot be read
    /// as text) and, once each, every file it imports or includes, directly
    /// or through others.
    fn each_file(&self, rel: &str, seen: &mut BTreeSet<String>, visit: &mut dyn FnMut(&str, Option<&Node>)) {
        if !seen.insert(rel.to_string()) {
            return;
        }
        let Some(text) = self.read(rel).and_then(|b| String::from_utf8(b).ok()) else {
            visit(rel, None);
            return;
        };
        let root = typst::syntax::parse(&text);
        visit(rel, Some(&root));
        let mut imports = Vec::new();
        walk(&root, None, &mut |node, _| {
            use typst::syntax::ast::{AstNode, Expr, ModuleImport, ModuleInclude};
            let source = ModuleImport::from_untyped(node)
                .map(|i| i.source())
                .or_else(|| ModuleInclude::from_untyped(node).map(|i| i.source()));
            if let Some(Expr::Str(s)) = source {
                imports.push(s.get().to_string());
            }
        });
        let dir = rel.rsplit_once('/').map(|(d, _)| d).unwrap_or("");
        for import in imports {
            let target = match import.strip_prefix('/') {
                Some(abs) => abs.to_string(),
                None if dir.is_empty() => import,
                None => format!("{dir}/{import}"),
            };
            self.each_file(&target, seen, visit);
        }
    }
}

type Node = typst::syntax::SyntaxNode;

fn walk(node: &Node, parent: Option<&Node>, visit: &mut dyn FnMut(&Node, Option<&Node>)) {
    visit(node, parent);
    for child in node.children() {
        walk(child, Some(node), visit);
    }
}

/// `d.afzender.naam` as `afzender.naam`: a field access rooted at `d`, the
/// name the templates give the document data, to two levels.
fn data_path(node: &Node, method: bool) -> Option<String> {
    use typst::syntax::ast::{AstNode, Expr, FieldAccess};
    let mut parts = Vec::new();
    let mut access = FieldAccess::from_untyped(node)?;
    loop {
        parts.push(access.field().get().to_string());
        match access.target() {
            Expr::FieldAccess(inner) => access = inner,
            Expr::Ident(ident) if ident.get() == "d" => break,
            _ => return None,
        }
    }
    parts.reverse();
    if method {
        parts.pop();
    }
    if parts.is_empty() {
        return None;
    }
    // Two levels say enough: `afzender.naam`, `rapport.bijlagen`.
    parts.truncate(2);
    Some(parts.join("."))
}
