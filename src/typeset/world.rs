//! The Typst world. One [`Engine`] per run holds the fonts, the standard
//! library and the template files (parsed once, through typst-kit's
//! `FileStore`); each document gets a thin [`DocWorld`] that adds its own
//! `data.json` from memory. Templates see a small virtual file system:
//!
//! - `/<name>.typ`, `/lib/*.typ`: the templates (an organisation's folder
//!   first, then the built-in ones);
//! - `/data.json`: the document's data, served from memory;
//! - `/gegevens/…`: files next to the data (the logo), read-only;
//! - `/ingebed/…`: the pictures inside Word and LibreOffice texts.
//!
//! Nothing else is reachable: no system fonts, no packages, no network.

use std::path::{Path, PathBuf};
use std::sync::{OnceLock, PoisonError, RwLock};

use chrono::Datelike;
use typst::diag::{FileError, FileResult};
use typst::foundations::{Bytes, Datetime, Duration};
use typst::syntax::{FileId, RootedPath, Source, VirtualPath, VirtualRoot};
use typst::text::{Font, FontBook};
use typst::utils::LazyHash;
use typst::{Library, LibraryExt, World};
use typst_kit::diagnostics::DiagnosticWorld;
use typst_kit::files::{FileLoader, FileStore};
use typst_kit::fonts::{FontSource, FontStore};

use crate::typeset::builtin_fonts;
use crate::typeset::fonts::{Face, Fonts};
use crate::typeset::templates::{BUILTIN, Templates};

/// The virtual path of the document data.
pub const DATA_PATH: &str = "/data.json";
pub use crate::document::DATA_DIR;
use crate::document::text::{EMBEDDED_DIR, Embedded};

/// Serves template files and files from the data folder.
pub struct Loader {
    templates: Templates,
    data_dir: PathBuf,
    /// Pictures inside the run's Word and LibreOffice texts, set once
    /// they are read.
    embedded: RwLock<Embedded>,
}

impl FileLoader for Loader {
    fn load(&self, id: FileId) -> FileResult<Bytes> {
        let rooted = id.get();
        if !matches!(rooted.root(), VirtualRoot::Project) {
            return Err(FileError::Other(Some(
                crate::tr!(self.templates.lang(), "pakketten zijn niet beschikbaar", "packages are not available")
                    .into(),
            )));
        }
        let path = rooted.vpath().get_with_slash();
        if path.starts_with(&format!("{EMBEDDED_DIR}/")) {
            let embedded = self.embedded.read().unwrap_or_else(PoisonError::into_inner);
            return embedded.get(path).map(|b| Bytes::new(b.clone())).ok_or(FileError::AccessDenied);
        }
        if let Some(rest) = path.strip_prefix(DATA_DIR).filter(|r| r.starts_with('/')) {
            let vpath = VirtualPath::new(rest).map_err(|_| FileError::AccessDenied)?;
            let real = vpath.realize(&self.data_dir).map_err(|_| FileError::AccessDenied)?;
            // Links followed: a file reached through one must still lie in the data folder.
            let inside = match (real.canonicalize(), self.data_dir.canonicalize()) {
                (Ok(file), Ok(dir)) => file.starts_with(dir),
                (Err(e), _) => return Err(FileError::from_io(e, &real)),
                _ => false,
            };
            if !inside {
                return Err(FileError::AccessDenied);
            }
            return std::fs::read(&real).map(Bytes::new).map_err(|e| FileError::from_io(e, &real));
        }
        self.templates.read(path.trim_start_matches('/')).map(Bytes::new).ok_or_else(|| {
            FileError::Other(Some(
                crate::tr!(
                    self.templates.lang(),
                    "`{path}` bestaat niet in de sjablonen; een sjabloon leest alleen bestanden uit de sjabloonmap \
                     en uit de map met gegevens (als `/gegevens/…`)",
                    "`{path}` does not exist among the templates; a template reads only files from the template folder \
                     and from the data folder (as `/gegevens/…`)"
                )
                .into(),
            ))
        })
    }
}

/// What every document of a run shares.
pub struct Engine {
    library: LazyHash<Library>,
    /// The fonts of every thread but the batch's workers from the second
    /// on, and of the first worker.
    fonts: FontStore,
    /// A set of fonts of its own for each further worker of a batch (see
    /// [`Engine::set_workers`]).
    worker_fonts: OnceLock<Vec<FontStore>>,
    files: FileStore<Loader>,
    /// The run's own fonts, for the checks that hold text against them.
    run_fonts: Fonts,
    /// The document typeset ahead, if any.
    ahead: super::ahead::Slot,
}

/// The fonts of a run, the `copy`-th set: each face's data `copy` zero bytes
/// longer than its file, which no font reader looks at. Typst knows a font
/// by its data; so the PDF writer's font of one set is not another's, and
/// two workers never count references to the same one. Writing a PDF takes
/// and drops such a reference for every glyph; on one shared font the two
/// cores spend their time handing that counter back and forth (measured:
/// two workers made 1.43 times what one made, two processes 1.84 times).
fn font_set(run_fonts: &Fonts, copy: usize) -> FontStore {
    let mut fonts = FontStore::new();
    for face in &run_fonts.faces {
        match face {
            Face::Builtin(builtin, info) => fonts.push((Copied { face: *builtin, copy }, info.clone())),
            Face::Own(font) => fonts.push((Copied { face: font.clone(), copy }, font.info().clone())),
        }
    }
    // Typst's own, for maths and code.
    fonts.extend(builtin_fonts::faces(false).into_iter().map(|(face, info)| (Copied { face, copy }, info)));
    fonts
}

/// A face of the `copy`-th set of fonts (see [`font_set`]).
struct Copied<F> {
    face: F,
    copy: usize,
}

impl<F: FontSource> FontSource for Copied<F> {
    fn load(&self) -> Option<Font> {
        let font = self.face.load()?;
        if self.copy == 0 {
            return Some(font);
        }
        let mut data = font.data().to_vec();
        data.resize(data.len() + self.copy, 0);
        Font::new(Bytes::new(data), font.index())
    }
}

impl Engine {
    /// Builds the engine from the run's fonts (built-in ones described
    /// ahead and read when first used, the organisation's own read once by
    /// [`Fonts::load`]) and Typst's own fonts: library built,
    /// templates ready. The pictures inside Word texts are added once the
    /// texts are read ([`Engine::set_embedded`]).
    pub fn new(templates: Templates, run_fonts: Fonts, data_dir: &Path) -> Engine {
        let loader = Loader { templates, data_dir: data_dir.to_path_buf(), embedded: RwLock::default() };
        Engine {
            library: LazyHash::new(Library::builder().build()),
            fonts: font_set(&run_fonts, 0),
            worker_fonts: OnceLock::new(),
            files: FileStore::new(loader),
            run_fonts,
            ahead: Default::default(),
        }
    }

    /// Gives each of a batch's `workers` a set of fonts of its own (see
    /// [`font_set`]); a face is read when a worker first uses it. The PDFs
    /// are the same bytes whichever worker makes them. Once per engine:
    /// a later call changes nothing.
    pub fn set_workers(&self, workers: usize) {
        let _ = self.worker_fonts.set((1..workers).map(|copy| font_set(&self.run_fonts, copy)).collect());
    }

    /// Serves the pictures inside the run's Word and LibreOffice texts.
    pub fn set_embedded(&self, embedded: Embedded) {
        *self.files.loader().embedded.write().unwrap_or_else(PoisonError::into_inner) = embedded;
    }

    /// The document typeset ahead, if any.
    pub(super) fn ahead(&self) -> &super::ahead::Slot {
        &self.ahead
    }

    /// The run's fonts, built-in and the organisation's own.
    pub fn run_fonts(&self) -> &Fonts {
        &self.run_fonts
    }

    /// Does ahead the work a run's first document would otherwise start
    /// with: the built-in library files parsed and evaluated, and a few
    /// words laid out in the house font. Typst keeps the results, and the
    /// first document finds them. Meant for an idle core while the workbook
    /// is read. Only built-in code runs here: when the organisation replaces
    /// a library file, its first document does that work, as without.
    pub fn warm_up(&self) {
        let templates = self.templates();
        let library: Vec<&str> = BUILTIN.iter().map(|(rel, _)| *rel).filter(|rel| rel.starts_with("lib/")).collect();
        if library.iter().any(|rel| templates.is_own(rel)) {
            return;
        }
        let mut text: String = library.iter().map(|rel| format!("#import \"/{rel}\"\n")).collect();
        text.push_str("#set text(font: \"Open Sans\", lang: \"nl\")\nRaad *college* _brief_.\n");
        // The text is served as the main file, in the place of a document's data.
        let world = DocWorld {
            engine: self,
            fonts: &self.fonts,
            main: file_id(DATA_PATH),
            data: Bytes::from_string(text),
            today: Default::default(),
        };
        let _ = typst::compile::<typst_layout::PagedDocument>(&world);
    }

    /// The templates served.
    pub fn templates(&self) -> &Templates {
        &self.files.loader().templates
    }

    /// A world for one document: its template as main file, its data.
    /// On a worker of the batch, the fonts are that worker's own.
    pub fn world(&self, template: &str, data: Vec<u8>, today: chrono::NaiveDate) -> DocWorld<'_> {
        let worker = rayon::current_thread_index().unwrap_or(0);
        let own = worker.checked_sub(1).and_then(|i| self.worker_fonts.get()?.get(i));
        DocWorld {
            engine: self,
            fonts: own.unwrap_or(&self.fonts),
            main: file_id(&format!("/{template}.typ")),
            data: Bytes::new(data),
            today,
        }
    }
}

/// A file id in the project root.
pub fn file_id(path: &str) -> FileId {
    let vpath = VirtualPath::new(path).unwrap_or_else(|_| VirtualPath::new("/").expect("root path"));
    RootedPath::new(VirtualRoot::Project, vpath).intern()
}

/// The world one document is compiled in.
pub struct DocWorld<'a> {
    engine: &'a Engine,
    /// The set of fonts it uses.
    fonts: &'a FontStore,
    main: FileId,
    data: Bytes,
    today: chrono::NaiveDate,
}

impl DocWorld<'_> {
    /// The language of messages.
    pub fn lang(&self) -> crate::lang::Lang {
        self.engine.templates().lang()
    }

    fn is_data(id: FileId) -> bool {
        matches!(id.get().root(), VirtualRoot::Project) && id.get().vpath().get_with_slash() == DATA_PATH
    }
}

impl World for DocWorld<'_> {
    fn library(&self) -> &LazyHash<Library> {
        &self.engine.library
    }

    fn book(&self) -> &LazyHash<FontBook> {
        self.fonts.book()
    }

    fn main(&self) -> FileId {
        self.main
    }

    fn source(&self, id: FileId) -> FileResult<Source> {
        if Self::is_data(id) {
            let text = std::str::from_utf8(&self.data).map_err(|_| FileError::InvalidUtf8)?;
            return Ok(Source::new(id, text.to_string()));
        }
        // Typst's own message names no file: name it, and what to do.
        self.engine.files.source(id).map_err(|err| match err {
            FileError::InvalidUtf8 => {
                let rel = id.get().vpath().get_with_slash().trim_start_matches('/').to_string();
                let file = self.engine.templates().origin(&rel).unwrap_or(rel);
                FileError::Other(Some(
                    crate::tr!(
                        self.lang(),
                        "`{file}` is geen UTF-8-tekst; sla het bestand op als UTF-8",
                        "`{file}` is not UTF-8 text; save the file as UTF-8"
                    )
                    .into(),
                ))
            }
            err => err,
        })
    }

    fn file(&self, id: FileId) -> FileResult<Bytes> {
        if Self::is_data(id) {
            return Ok(self.data.clone());
        }
        self.engine.files.file(id)
    }

    fn font(&self, index: usize) -> Option<Font> {
        self.fonts.font(index)
    }

    /// The document's own date, so output never depends on the clock.
    fn today(&self, _offset: Option<Duration>) -> Option<Datetime> {
        Datetime::from_ymd(self.today.year(), self.today.month() as u8, self.today.day() as u8)
    }
}

impl DiagnosticWorld for DocWorld<'_> {
    fn name(&self, id: FileId) -> String {
        let path = id.get().vpath().get_without_slash().to_string();
        match self.engine.templates().origin(&path) {
            Some(origin) => origin,
            None => path,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lang::Lang;
    use crate::typeset::{Job, Standard, render};

    /// Warming up changes nothing in a document: the same bytes from an
    /// engine with an empty cache and from a warmed-up one.
    #[test]
    fn a_warmed_up_engine_makes_the_same_pdf() {
        let templates = Templates::new(None, Lang::Nl);
        let engine = Engine::new(templates.clone(), Fonts::load(&templates), Path::new("."));
        let job = || Job {
            template: "raadsinformatiebrief".into(),
            data: include_bytes!("../../templates/data.json").to_vec(),
            date: chrono::NaiveDate::from_ymd_opt(2022, 11, 22).expect("a date"),
            ident: "warm".into(),
            standard: Standard::A2aUa1,
        };
        comemo::evict(0);
        let cold = render(&engine, job()).expect("the preview data renders");
        comemo::evict(0);
        engine.warm_up();
        let warm = render(&engine, job()).expect("the preview data renders");
        assert!(cold.pages >= 1 && cold.warnings.is_empty(), "{:?}", cold.warnings);
        assert!(cold.pdf == warm.pdf, "the warmed-up engine made other bytes");
    }
}
