//! The Typst project a document was compiled from, written out for a
//! designer: `main.typ`, the templates, `data.json`, the fonts and the files
//! it uses from the data folder.

use std::path::Path;

use crate::document::{DATA_DIR, DocData};
use crate::input::files::data_file;

use crate::typeset::builtin_fonts::FONT_FILES;
use crate::typeset::templates::BUILTIN;
use crate::typeset::world::Engine;

/// Writes the Typst project a document was compiled from: `main.typ`, the
/// templates, `data.json` and the files it uses from the data folder, so
/// `typst compile --font-path <fonts> main.typ` in that folder gives the same pages.
pub fn emit(dir: &Path, engine: &Engine, template: &str, data: &DocData, base: &Path) -> std::io::Result<()> {
    std::fs::create_dir_all(dir.join("lib"))?;
    let templates = engine.templates();
    let mut files: Vec<String> = BUILTIN.iter().map(|(name, _)| name.to_string()).collect();
    files.push(format!("{template}.typ"));
    // Everything in the organisation's folder: its own libraries, images.
    files.extend(templates.own_files());
    for name in files {
        if let Some(bytes) = templates.read(&name) {
            let target = dir.join(&name);
            std::fs::create_dir_all(target.parent().unwrap_or(dir))?;
            std::fs::write(target, bytes)?;
        }
    }
    // The fonts, once for all projects: `typst compile --font-path ../fonts --ignore-system-fonts main.typ`.
    let fonts = dir.parent().unwrap_or(dir).join("fonts");
    std::fs::create_dir_all(&fonts)?;
    for (name, bytes) in FONT_FILES {
        let target = fonts.join(name);
        if !target.exists() {
            std::fs::write(target, bytes)?;
        }
    }
    std::fs::write(dir.join("main.typ"), format!("#include \"{template}.typ\"\n"))?;
    let mut json = serde_json::to_vec_pretty(data).map_err(std::io::Error::other)?;
    json.push(b'\n');
    std::fs::write(dir.join("data.json"), json)?;
    if let Some(logo) = &data.afzender.logo {
        let rel = logo.trim_start_matches(DATA_DIR).trim_start_matches('/');
        if let Ok(source) = data_file(base, rel) {
            let target = dir.join(logo.trim_start_matches('/'));
            std::fs::create_dir_all(target.parent().unwrap_or(dir))?;
            std::fs::copy(source, target)?;
        }
    }
    Ok(())
}
