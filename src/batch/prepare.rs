//! Before any document is made: the workbook read, the model loaded, each
//! template's kind decided, every problem found, the texts loaded — while
//! the Typst engine is made (and warmed up) on another core, and a lone
//! document is typeset ahead while the data is checked.

use std::collections::{BTreeSet, HashMap};
use std::path::Path;
use std::sync::{Arc, Mutex, OnceLock, PoisonError};

use crate::check;
use crate::document::text::{self, TextEngine};
use crate::error::Failure;
use crate::input::{self, files};
use crate::lang::Lang;
use crate::model::problem::Scope;
use crate::model::{Model, Problem};
use crate::typeset::fonts::Fonts;
use crate::typeset::templates::Templates;
use crate::typeset::world::Engine;

use super::Config;
use super::make::Maker;

/// The data read and checked, ready to render.
pub struct Prepared {
    /// The model.
    pub model: Model,
    /// Every problem found.
    pub problems: Vec<Problem>,
    /// Text templates, loaded.
    pub texts: TextEngine,
    /// The Typst engine: templates, fonts (built-in and the organisation's
    /// own, read once) and the standard library.
    pub engine: Arc<Engine>,
}

/// What will be typeset once the data is prepared.
#[derive(Clone, Copy)]
pub enum Typesetting<'a> {
    /// Nothing: the data is only checked (`check`, `serve` reading it).
    Nothing,
    /// Documents not yet known: the engine is warmed up while the workbook
    /// is read ([`Engine::warm_up`]).
    Later,
    /// The documents this run selects: the engine is warmed up, and when
    /// exactly one is selected and the run allows it ([`Config::ahead`]),
    /// that one is typeset ahead while the data is checked
    /// ([`crate::typeset::ahead`]).
    Run(&'a Config),
}

/// Reads and validates the data; messages in `lang`. The Typst engine is
/// made on another core while the workbook is read; when documents will be
/// typeset, its first work is done there too (see [`Typesetting`]).
pub fn prepare(
    data: &Path,
    templates: Option<&Path>,
    lang: Lang,
    typesetting: Typesetting,
) -> Result<Prepared, Failure> {
    let templates = Templates::new(files::template_folder(data, templates), lang);
    let data_dir = files::data_folder(data);
    let make_engine = || Arc::new(Engine::new(templates.clone(), Fonts::load(&templates), &data_dir));
    let engine = OnceLock::new();
    let (checked, warm_up_panicked) = std::thread::scope(|scope| {
        let helper = std::thread::Builder::new().name("typst-prep".into()).spawn_scoped(scope, || {
            let engine = engine.get_or_init(make_engine);
            if !matches!(typesetting, Typesetting::Nothing) {
                engine.warm_up();
            }
        });
        let checked = input::read(data).map(|book| {
            // Waits for the helper's engine; made here should the helper not have started.
            let engine = engine.get_or_init(make_engine);
            load_and_check(&book, &templates, engine, lang, typesetting)
        });
        (checked, helper.is_ok_and(|helper| helper.join().is_err()))
    });
    let (model, problems, texts) = checked?;
    // After a panic in the warm-up the run goes on with an engine made anew.
    let engine = match engine.into_inner() {
        Some(engine) if !warm_up_panicked => engine,
        _ => make_engine(),
    };
    engine.set_embedded(texts.embedded());
    Ok(Prepared { model, problems, texts, engine })
}

/// The model of a workbook read, every problem in it, and the texts.
fn load_and_check(
    book: &input::Workbook,
    templates: &Templates,
    engine: &Arc<Engine>,
    lang: Lang,
    typesetting: Typesetting,
) -> (Model, Vec<Problem>, TextEngine) {
    // Each template's kind decided once, however many documents use it.
    let kinds = Mutex::new(HashMap::new());
    let kind_of = |name: &str| {
        let mut kinds = kinds.lock().unwrap_or_else(PoisonError::into_inner);
        *kinds.entry(name.to_string()).or_insert_with(|| templates.kind(name))
    };
    let (model, mut problems) = input::load(book, &kind_of);
    if let Typesetting::Run(config) = typesetting
        && config.ahead
    {
        // Only time is at stake: should making the job panic, the
        // document is made as without, and meets the same fault there.
        crate::guard::contain(|| typeset_lone_ahead(&model, engine, config));
    }
    let (found, texts) = checks(&model, templates, engine.run_fonts(), lang);
    problems.extend(found);
    // A missing `Deelnemers` or `Resultaten` sheet is a problem only where a
    // document could count or list its rows.
    problems.retain(|p| {
        !matches!(p.scope, Scope::MissingRows(_))
            || model.documenten.iter().any(|d| p.blocks(&check::assess::uses(&model, &texts, d)))
    });
    (model, problems, texts)
}

/// When the run selects exactly one document, starts typesetting it
/// ahead from its own texts ([`crate::typeset::ahead`]); not when its texts
/// cannot be read, or hold pictures (served only once every text is read),
/// or its data cannot be made. Whatever the checks find later, the run
/// makes its verdict as without: this only saves time.
fn typeset_lone_ahead(model: &Model, engine: &Arc<Engine>, config: &Config) {
    let mut picked = model.documenten.iter().filter(|d| super::selected(config, d));
    let (Some(doc), None) = (picked.next(), picked.next()) else { return };
    let mut texts = TextEngine::new(config.lang);
    let unread = check::load_texts(model, doc, &mut texts, &mut BTreeSet::new());
    if !unread.is_empty() || !texts.embedded().is_empty() {
        return;
    }
    let context = text::shared(model, &texts);
    // What besides its PDF a document gets does not change its job.
    let maker = Maker {
        engine,
        model,
        problems: &[],
        texts: &texts,
        context: &context,
        standard: config.standard,
        extras: Default::default(),
        emit_typst: None,
        lang: config.lang,
    };
    if let Some(job) = super::make::job(&maker, doc) {
        engine.typeset_ahead(job, config.jobs, config.timeout);
    }
}

/// The problems across rows and files, and the texts as they were read
/// for them. The cells' characters are held against the fonts on another
/// core while the rest is checked; the problems keep their order.
fn checks(model: &Model, templates: &Templates, fonts: &Fonts, lang: Lang) -> (Vec<Problem>, TextEngine) {
    let mut texts = TextEngine::new(lang);
    let glyphs = fonts.glyphs();
    let (checked, cells) = std::thread::scope(|scope| {
        let glyphs = &glyphs;
        let cells = std::thread::Builder::new()
            .name("glyph-check".into())
            .spawn_scoped(scope, move || check::glyphs::unprintable_cells(model, glyphs));
        let checked = check::validate(model, templates, &mut texts);
        let cells = match cells {
            Ok(thread) => thread.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic)),
            Err(_) => check::glyphs::unprintable_cells(model, glyphs),
        };
        (checked, cells)
    });
    let mut problems = checked;
    problems.extend(check::glyphs::house_fonts(model, templates, fonts));
    problems.extend(check::fit::letters(model, fonts));
    problems.extend(cells);
    problems.extend(check::glyphs::unprintable_texts(model, &texts, &glyphs));
    (problems, texts)
}

#[cfg(test)]
mod tests {
    use std::path::PathBuf;

    use super::*;
    use crate::batch::make;

    fn config(only: &str, ahead: bool) -> Config {
        Config {
            data: PathBuf::from("data/voorbeeld.xlsx"),
            out: PathBuf::new(),
            only: vec![only.to_string()],
            filter: Vec::new(),
            jobs: 2,
            templates: None,
            standard: Default::default(),
            shard: None,
            emit_typst: None,
            timeout: None,
            woo: false,
            woo_url: None,
            mdto: false,
            seal: None,
            moment: Default::default(),
            lang: Lang::Nl,
            ahead,
        }
    }

    /// The job typeset ahead for a lone document of the sample is the very
    /// job the run then makes it from, so the run takes it; not when the
    /// run does not allow it (`serve`).
    #[test]
    fn a_lone_document_is_typeset_ahead_as_the_run_makes_it() {
        for id in ["rib-2022-stedenband-chengdu", "memo-2019-werkbezoek-chengdu", "evaluatie-2020-guangdong"] {
            for ahead in [true, false] {
                let config = config(id, ahead);
                let prepared = prepare(&config.data, None, Lang::Nl, Typesetting::Run(&config)).expect("the sample");
                let context = text::shared(&prepared.model, &prepared.texts);
                let maker = prepared.maker(&context, config.standard, Lang::Nl);
                let doc = prepared.model.documenten.iter().find(|d| d.document == id).expect("in the sample");
                let job = make::job(&maker, doc).expect("nothing stops it");
                assert_eq!(prepared.engine.has_ahead(&job), ahead, "{id}");
            }
        }
    }
}
