//! Text templates: the subject line and the Markdown body texts are minijinja
//! templates. One [`TextEngine`] holds every text of a run; values from the
//! data are escaped for Markdown where they land in a `.md` text, so a cell
//! holding `*geen*` prints as `*geen*`. A blank cell is a [`Blank`]: false
//! in `{% if %}`, replaced by `default(…)`, and an error naming the cell
//! when a text prints it.

mod blank;
mod error;
mod filters;
pub mod load;

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::Path;
use std::sync::Arc;

use minijinja::{AutoEscape, Environment, UndefinedBehavior, Value};

use crate::input::word::{Passage, WordText};
use crate::lang::{Lang, Words};
use crate::model::Document;
use crate::model::problem::Location;
pub use blank::{Blank, CellRef, strip_origins, value_of};
pub use error::TextError;
pub use filters::PARTS;

/// Fuel for one template render: enough for loops over thousands of rows,
/// small enough to stop a runaway template.
const FUEL: u64 = 5_000_000;

/// Templates whose name starts with this render plain text (subject lines,
/// file names); all others are Markdown.
pub const PLAIN_PREFIX: &str = "onderwerp:";

/// The name of a document's subject template: its source, so the rows of a
/// mail merge that share a subject share one compiled template (a template
/// per row took 120 MB for 10,000 rows).
pub fn subject_template(doc: &Document) -> String {
    format!("{PLAIN_PREFIX}{}", doc.onderwerp)
}

/// The name of a document's body template.
pub fn body_template(doc: &Document) -> Option<String> {
    doc.tekst.as_ref().map(|t| t.replace('\\', "/"))
}

/// The virtual folder under which a template reads the pictures inside
/// Word and LibreOffice texts.
pub const EMBEDDED_DIR: &str = "/ingebed";

/// The pictures inside the run's Word and LibreOffice texts, by the path a
/// template reads them under.
pub type Embedded = Arc<BTreeMap<String, Arc<[u8]>>>;

/// What the engine keeps of a Word or LibreOffice text besides its Markdown.
struct WordSource {
    /// Per Markdown line, the passage of the file it came from.
    lines: Vec<Option<usize>>,
    passages: Vec<Passage>,
    /// What could not be carried over, as warnings.
    warnings: Vec<String>,
}

/// The minijinja environment of a run.
pub struct TextEngine {
    env: Environment<'static>,
    /// Per template, the top-level names it reads (`missie`, `werkboek`, …).
    names: HashMap<String, BTreeSet<String>>,
    /// The texts read from Word or LibreOffice files, by template name.
    word: HashMap<String, WordSource>,
    /// The pictures inside those texts.
    embedded: BTreeMap<String, Arc<[u8]>>,
    /// The language of its error messages.
    lang: Lang,
}

impl TextEngine {
    /// A fresh environment with the Dutch filters; errors in `lang`.
    pub fn new(lang: Lang) -> Self {
        let mut env = Environment::new();
        env.set_undefined_behavior(UndefinedBehavior::Strict);
        // Errors keep their place in the text (line, column, the line as
        // written) in every build, not only in debug builds.
        env.set_debug(true);
        env.set_syntax(
            minijinja::syntax::SyntaxConfig::builder()
                .trim_blocks(true)
                .lstrip_blocks(true)
                .keep_trailing_newline(true)
                .build()
                .expect("default delimiters are valid"),
        );
        env.set_fuel(Some(FUEL));
        env.set_recursion_limit(100);
        env.set_auto_escape_callback(|name| {
            if name.starts_with(PLAIN_PREFIX) { AutoEscape::None } else { AutoEscape::Custom("markdown".into()) }
        });
        filters::register(&mut env, lang);
        TextEngine { env, names: HashMap::new(), word: HashMap::new(), embedded: BTreeMap::new(), lang }
    }

    /// The language of its error messages.
    pub fn lang(&self) -> Lang {
        self.lang
    }

    /// Adds a template; names starting with [`PLAIN_PREFIX`] render plain
    /// text, all others Markdown with values escaped.
    pub fn add(&mut self, name: &str, source: &str) -> Result<(), TextError> {
        self.env.add_template_owned(name.to_string(), keep_line_breaks(source)).map_err(TextError::new)?;
        let mut names: BTreeSet<String> = self
            .env
            .get_template(name)
            .map(|t| t.undeclared_variables(false))
            .unwrap_or_default()
            .into_iter()
            .collect();
        // Members and results are also reached through a mission
        // (`missie.deelnemers`): a text that names them anywhere reads them.
        for rows in ["deelnemers", "resultaten"] {
            if names_word(source, rows) {
                names.insert(rows.to_string());
            }
        }
        self.names.insert(name.to_string(), names);
        Ok(())
    }

    /// Adds a text read from a Word or LibreOffice file: its Markdown as
    /// the template, its pictures, where each line came from, and what was
    /// not carried over (as warnings).
    pub fn add_word(&mut self, name: &str, text: WordText) -> Result<(), TextError> {
        self.add(name, &text.written.markdown)?;
        let warnings = text.dropped.iter().filter(|d| d.carried_over()).map(|d| d.describe(self.lang)).collect();
        for (path, picture) in text.pictures {
            self.embedded.insert(path, picture.bytes.into());
        }
        self.word.insert(
            name.to_string(),
            WordSource { lines: text.written.lines, passages: text.written.passages, warnings },
        );
        Ok(())
    }

    /// The path under which the `n`th picture of the `k`th Word text is read.
    pub fn embedded_path(&self, file_name: &str, n: usize) -> String {
        let k = self.word.len() + 1;
        let ext = file_name.rsplit_once('.').map_or("", |(_, e)| e);
        format!("{EMBEDDED_DIR}/{k}/{}.{ext}", n + 1)
    }

    /// Whether a picture of that path is inside one of the texts.
    pub fn is_embedded(&self, path: &str) -> bool {
        self.embedded.contains_key(path)
    }

    /// The pictures inside the run's texts, for the typesetter.
    pub fn embedded(&self) -> Embedded {
        Arc::new(self.embedded.clone())
    }

    /// Whether the text was read from a Word or LibreOffice file.
    pub fn is_word(&self, name: &str) -> bool {
        self.word.contains_key(name)
    }

    /// What a Word or LibreOffice text could not carry over.
    pub fn warnings(&self, name: &str) -> &[String] {
        self.word.get(name).map_or(&[], |w| w.warnings.as_slice())
    }

    /// Where line `line` (1-based) of a text is, in the data folder `base`:
    /// the line of a Markdown text, the paragraph of a Word text.
    pub fn location(&self, base: &Path, name: &str, line: Option<usize>) -> Location {
        let file = base.join(name);
        match self.word.get(name) {
            Some(word) => {
                let passage = line
                    .and_then(|l| word.lines.get(l.checked_sub(1)?).copied().flatten())
                    .and_then(|p| word.passages.get(p));
                Location { file, passage: passage.map(|p| Words::by(|lang| p.describe(lang))), ..Location::default() }
            }
            None => Location { file, line, ..Location::default() },
        }
    }

    /// Whether any template added reads one of these top-level names.
    pub fn reads_any(&self, keys: &[&str]) -> bool {
        self.names.values().flatten().any(|name| keys.contains(&name.as_str()))
    }

    /// The top-level names a template reads, and `deelnemers` and
    /// `resultaten` wherever it names them (empty for an unknown one).
    pub fn names(&self, name: &str) -> BTreeSet<String> {
        self.names.get(name).cloned().unwrap_or_default()
    }

    /// The source of a template added before, as its author wrote it.
    pub fn source(&self, name: &str) -> Option<String> {
        let template = self.env.get_template(name).ok()?;
        Some(template.source().replace("+%}", "%}"))
    }

    /// Whether a template of this name was added.
    pub fn has(&self, name: &str) -> bool {
        self.env.get_template(name).is_ok()
    }

    /// Renders a template added before.
    pub fn render(&self, name: &str, context: &serde_json::Value) -> Result<String, TextError> {
        self.render_with(name, context, &Value::from(()))
    }

    /// Renders a template with a document's context over a run's shared
    /// context (built once with [`shared`]; the document's keys win).
    pub fn render_with(&self, name: &str, context: &serde_json::Value, shared: &Value) -> Result<String, TextError> {
        let template = self.env.get_template(name).map_err(TextError::new)?;
        let ctx = if shared.is_none() {
            value_of(context)
        } else {
            minijinja::value::merge_maps([value_of(context), shared.clone()])
        };
        blank::take_made_text();
        let text = template.render(ctx).map_err(TextError::new)?;
        match blank::take_made_text() {
            Some(cell) => {
                let mut error = TextError::new(blank::blank_printed(&cell));
                error.name = Some(name.into());
                Err(error)
            }
            None => Ok(text),
        }
    }
}

/// A run's shared context (the whole workbook, [`crate::document::context::shared`])
/// as a template value, made once so documents share it instead of each
/// serialising the workbook — and only when some text reads it: a mail
/// merge whose texts print only their own document's fields starts without
/// it, which is most of a one-letter run's time on a big workbook.
pub fn shared(model: &crate::model::Model, texts: &TextEngine) -> Value {
    use crate::document::context;
    if texts.reads_any(&context::shared_keys(model)) { value_of(&context::shared(model)) } else { Value::from(()) }
}

/// `trim_blocks` drops the line break after a block tag, which is right for a
/// tag alone on its line but joins lines when the tag ends a line of text
/// (`- {{ naam }}{% endif %}`). For those lines the last tag gets `+%}`, which
/// keeps the break. Line numbers stay the same.
///
/// ```
/// use missiedocs::document::text::keep_line_breaks;
/// assert_eq!(keep_line_breaks("{% for x in y %}\n- {{ x }}{% endif %}\n"), "{% for x in y %}\n- {{ x }}{% endif +%}\n");
/// ```
pub fn keep_line_breaks(source: &str) -> String {
    let mut out = String::with_capacity(source.len() + 16);
    for line in source.split_inclusive('\n') {
        let body = line.trim_end();
        let inline_tag_at_end = body.ends_with("%}")
            && !body.ends_with("-%}")
            && !body.ends_with("+%}")
            && !strip_tags(body).trim().is_empty();
        if line.ends_with('\n') && inline_tag_at_end {
            out.push_str(&body[..body.len() - 2]);
            out.push_str("+%}");
            out.push_str(&line[body.len()..]);
        } else {
            out.push_str(line);
        }
    }
    out
}

/// The line without its `{% … %}` tags.
fn strip_tags(line: &str) -> String {
    let mut out = String::new();
    let mut rest = line;
    while let Some(start) = rest.find("{%") {
        out.push_str(&rest[..start]);
        match rest[start..].find("%}") {
            Some(end) => rest = &rest[start + end + 2..],
            None => {
                rest = "";
                break;
            }
        }
    }
    out.push_str(rest);
    out
}

/// Whether a tag of `source` (`{{ … }}`, `{% … %}`) holds `word` as a
/// name of its own (not inside a longer one such as `aantal_deelnemers2`);
/// the word in the prose around the tags does not count.
fn names_word(source: &str, word: &str) -> bool {
    let part_of_name = |c: char| c.is_alphanumeric() || c == '_';
    let holds = |tag: &str| {
        tag.match_indices(word).any(|(at, _)| {
            !tag[..at].chars().next_back().is_some_and(part_of_name)
                && !tag[at + word.len()..].chars().next().is_some_and(part_of_name)
        })
    };
    let mut rest = source;
    while let Some(open) = rest.find(['{']) {
        let after = &rest[open + 1..];
        let close = match after.chars().next() {
            Some('{') => "}}",
            Some('%') => "%}",
            _ => {
                rest = after;
                continue;
            }
        };
        let Some(end) = after.find(close) else { return holds(after) };
        if holds(&after[..end]) {
            return true;
        }
        rest = &after[end + close.len()..];
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_sheet_is_named_in_tags_not_in_prose() {
        assert!(names_word("Er waren {{ missie.deelnemers|length }} mensen.", "deelnemers"));
        assert!(names_word("{% for d in werkboek.deelnemers %}{{ d.naam }}{% endfor %}", "deelnemers"));
        assert!(!names_word("De deelnemers kwamen uit {{ missie.land }}.", "deelnemers"));
        assert!(!names_word("{{ aantal_deelnemers2 }}", "deelnemers"));
        assert!(!names_word("{ deelnemers }", "deelnemers"));
    }
    use serde_json::json;

    fn render(name: &str, source: &str, ctx: serde_json::Value) -> Result<String, TextError> {
        let mut engine = TextEngine::new(Lang::Nl);
        engine.add(name, source)?;
        engine.render(name, &ctx)
    }

    #[test]
    fn filters_write_dutch() {
        let out = render(
            "t.md",
            "{{ d|datum }} {{ b|bedrag }} {{ b|bedrag('miljoen') }} {{ n|getal }} {{ l|opsomming }}",
            json!({"d": "2022-11-22", "b": 17560000, "n": 1135, "l": ["Utrecht", "Guangdong", "Chengdu"]}),
        )
        .unwrap();
        // Markdown escaping doubles as proof that values are escaped.
        let out = crate::document::markdown::values::strip(&out);
        assert_eq!(out, "22 november 2022 € 17\\.560\\.000 € 17\\,56 miljoen 1\\.135 Utrecht\\, Guangdong en Chengdu");
        let en = render(
            "onderwerp:s",
            "{{ d|datum }}, {{ b|bedrag }}",
            json!({"d": "22-11-2022", "b": "1.234,5", "taal": "en"}),
        )
        .unwrap();
        assert_eq!(en, "22 November 2022, € 1,234.50");
    }

    #[test]
    fn values_are_escaped_in_markdown_only() {
        let ctx = json!({"v": "*geen* $0 #8 [x]", "leeg": null});
        // Marked as a value from the data, so the document never hyphenates it.
        assert_eq!(
            render("t.md", "{{ v }}{{ leeg }}", ctx.clone()).unwrap(),
            "\u{E000}\\*geen\\* \\$0 \\#8 \\[x\\]\u{E001}"
        );
        assert_eq!(render("onderwerp:x", "{{ v }}", ctx).unwrap(), "*geen* $0 #8 [x]");
    }

    #[test]
    fn errors_name_template_and_line() {
        let err = render("brief.md", "Regel een\n{{ missie.onbekend }}", json!({"missie": {}})).unwrap_err();
        assert_eq!(err.name.as_deref(), Some("brief.md"));
        assert_eq!(err.line, Some(2));
        // As a compiler shows it: file, line and column, the line, a marker, a hint.
        let shown = err.said(Lang::Nl);
        assert!(shown.starts_with("onbekende waarde `missie.onbekend`\n"), "{shown}");
        assert!(!shown.contains("error:") && !shown.contains("undefined"), "{shown}");
        assert!(shown.contains("┌─ brief.md:2:4"), "{shown}");
        assert!(shown.contains("2 │ {{ missie.onbekend }}\n  │    ^^^^^^^^^^^^^^^"), "{shown}");
        assert!(shown.contains("= hint: kolomnamen staan in kleine letters"), "{shown}");
        let err = render("x.md", "{% for %}", json!({})).unwrap_err();
        assert!(err.said(Lang::Nl).contains("syntaxfout"), "{}", err.said(Lang::Nl));
        let err = render("x.md", "{{ 'morgen'|datum }}", json!({})).unwrap_err();
        assert!(err.said(Lang::Nl).contains("`morgen` is geen datum"), "{}", err.said(Lang::Nl));
        // A name the data lacks, given to a filter, is no empty string.
        for filter in ["bedrag", "getal", "datum", "opsomming", "telling('a', 'b')"] {
            let err = render("x.md", &format!("{{{{ missie.kostn|{filter} }}}}"), json!({"missie": {}})).unwrap_err();
            assert_eq!(err.unknown.as_deref(), Some("missie.kostn"), "{filter}: {}", err.said(Lang::Nl));
        }
    }

    #[test]
    fn runaway_templates_stop() {
        let err = render(
            "x.md",
            "{% for i in range(100000) %}{% for j in range(100000) %}{% endfor %}{% endfor %}",
            json!({}),
        )
        .unwrap_err();
        assert!(err.message.get(Lang::Nl).contains("te veel werk"), "{}", err.said(Lang::Nl));
    }
}
