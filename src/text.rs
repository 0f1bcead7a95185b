//! Text templates: the subject line and the Markdown body texts are minijinja
//! templates. One [`TextEngine`] holds every text of a run; values from the
//! data are escaped for Markdown where they land in a `.md` text, so a cell
//! holding `*geen*` prints as `*geen*`. A blank cell is a [`Blank`]: false
//! in `{% if %}`, replaced by `default(…)`, and an error naming the cell
//! when a text prints it.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::fmt::Write as _;
use std::sync::Arc;

use minijinja::value::{Object, ObjectRepr, Rest};
use minijinja::{AutoEscape, Environment, Error, ErrorKind, State, UndefinedBehavior, Value};
use serde_json::Value as Json;

use crate::markdown;
use crate::notation::{self, AmountStyle, Lang};

/// Fuel for one template render: enough for loops over thousands of rows,
/// small enough to stop a runaway template.
const FUEL: u64 = 5_000_000;

/// Templates whose name starts with this render plain text (subject lines,
/// file names); all others are Markdown.
pub const PLAIN_PREFIX: &str = "onderwerp:";

/// The minijinja environment of a run.
pub struct TextEngine {
    env: Environment<'static>,
    /// Per template, the top-level names it reads (`missie`, `werkboek`, …).
    names: HashMap<String, BTreeSet<String>>,
}

/// A cell by its context marker (see [`crate::model::origin`]): the sheet's
/// key (or a sender's sheet, row 0), the row and the column's key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CellRef {
    /// The sheet.
    pub sheet: String,
    /// The row; 0 for a sender's setting.
    pub line: usize,
    /// The column's key.
    pub column: String,
}

impl std::fmt::Display for CellRef {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&crate::tr!("`{}` is leeg", "`{}` is blank", self.column))
    }
}

impl std::error::Error for CellRef {}

/// A blank cell in a template's context. It is false in a condition, `none`
/// to the `none` test, replaced by `default(…)`, and printing it is an error
/// that names the cell.
#[derive(Debug)]
pub struct Blank(pub CellRef);

impl Object for Blank {
    fn repr(self: &Arc<Self>) -> ObjectRepr {
        ObjectRepr::Plain
    }

    fn is_true(self: &Arc<Self>) -> bool {
        false
    }

    fn render(self: &Arc<Self>, _: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        Ok(())
    }
}

fn blank_of(value: &Value) -> Option<&CellRef> {
    value.downcast_object_ref::<Blank>().map(|b| &b.0)
}

/// The error of printing a blank cell.
fn blank_printed(cell: &CellRef) -> Error {
    Error::new(ErrorKind::InvalidOperation, "blank").with_source(cell.clone())
}

/// A context as template values: rows carrying an origin marker get a
/// [`Blank`] for each empty cell, and lose the marker.
pub fn value_of(json: &Json) -> Value {
    match json {
        Json::Null => Value::from(()),
        Json::Bool(b) => Value::from(*b),
        Json::Number(n) => match (n.as_i64(), n.as_u64()) {
            (Some(i), _) => Value::from(i),
            (_, Some(u)) => Value::from(u),
            _ => Value::from(n.as_f64().unwrap_or(f64::NAN)),
        },
        Json::String(s) => Value::from(s.as_str()),
        Json::Array(items) => items.iter().map(value_of).collect(),
        Json::Object(map) => {
            let origin = map.get(crate::model::origin::KEY).and_then(|m| {
                let sheet = m.get(0)?.as_str()?.to_string();
                Some((sheet, m.get(1)?.as_u64()? as usize))
            });
            let entries: BTreeMap<String, Value> = map
                .iter()
                .filter(|(k, _)| k.as_str() != crate::model::origin::KEY)
                .map(|(k, v)| {
                    let value = match (v, &origin) {
                        (Json::Null, Some((sheet, line))) => {
                            Value::from_object(Blank(CellRef { sheet: sheet.clone(), line: *line, column: k.clone() }))
                        }
                        _ => value_of(v),
                    };
                    (k.clone(), value)
                })
                .collect();
            Value::from(entries)
        }
    }
}

/// Removes the origin markers from a context, for Typst.
pub fn strip_origins(json: &mut Json) {
    match json {
        Json::Object(map) => {
            map.remove(crate::model::origin::KEY);
            map.values_mut().for_each(strip_origins);
        }
        Json::Array(items) => items.iter_mut().for_each(strip_origins),
        _ => {}
    }
}

impl Default for TextEngine {
    fn default() -> Self {
        Self::new()
    }
}

impl TextEngine {
    /// A fresh environment with the Dutch filters.
    pub fn new() -> Self {
        let mut env = Environment::new();
        env.set_undefined_behavior(UndefinedBehavior::Strict);
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
        env.set_formatter(format_value);
        env.add_filter("datum", datum);
        env.add_filter("bedrag", bedrag);
        env.add_filter("getal", getal);
        env.add_filter("opsomming", opsomming);
        env.add_function("onderdeel", onderdeel);
        env.add_filter("default", default);
        env.add_filter("d", default);
        env.add_test("none", is_none);
        TextEngine { env, names: HashMap::new() }
    }

    /// Adds a template; names starting with [`PLAIN_PREFIX`] render plain
    /// text, all others Markdown with values escaped.
    pub fn add(&mut self, name: &str, source: &str) -> Result<(), TextError> {
        self.env.add_template_owned(name.to_string(), keep_line_breaks(source)).map_err(TextError::from)?;
        let names = self.env.get_template(name).map(|t| t.undeclared_variables(false)).unwrap_or_default();
        self.names.insert(name.to_string(), names.into_iter().collect());
        Ok(())
    }

    /// The top-level names a template reads (empty for an unknown one).
    pub fn names(&self, name: &str) -> BTreeSet<String> {
        self.names.get(name).cloned().unwrap_or_default()
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
        let template = self.env.get_template(name)?;
        let ctx = if shared.is_none() {
            value_of(context)
        } else {
            minijinja::value::merge_maps([value_of(context), shared.clone()])
        };
        Ok(template.render(ctx)?)
    }
}

/// Turns a run's shared context into a template value once, so documents
/// share it instead of each serialising the whole workbook.
pub fn shared(context: &serde_json::Value) -> Value {
    value_of(context)
}

/// `trim_blocks` drops the line break after a block tag, which is right for a
/// tag alone on its line but joins lines when the tag ends a line of text
/// (`- {{ naam }}{% endif %}`). For those lines the last tag gets `+%}`, which
/// keeps the break. Line numbers stay the same.
///
/// ```
/// use missiedocs::text::keep_line_breaks;
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

/// A text template failed, with where and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TextError {
    /// The template.
    pub name: Option<String>,
    /// 1-based line in the template.
    pub line: Option<usize>,
    /// What went wrong, the cause chain joined.
    pub message: String,
    /// The offending source line.
    pub source_line: Option<String>,
    /// The source line with a marker under the offending part, as a compiler shows it.
    pub snippet: Option<String>,
    /// The blank cell the text printed, if that is what went wrong.
    pub cell: Option<Box<CellRef>>,
}

impl From<Error> for TextError {
    fn from(err: Error) -> Self {
        let kind = err.kind();
        let mut cause = std::error::Error::source(&err);
        let mut cell = None;
        while let Some(c) = cause {
            if let Some(found) = c.downcast_ref::<CellRef>() {
                cell = Some(Box::new(found.clone()));
                break;
            }
            cause = c.source();
        }
        let mut message = match kind {
            _ if cell.is_some() => crate::tr!("de tekst drukt een lege cel af", "the text prints a blank cell"),
            ErrorKind::UndefinedError => crate::tr!("onbekende waarde", "unknown value"),
            ErrorKind::SyntaxError => crate::tr!("syntaxfout", "syntax error"),
            ErrorKind::OutOfFuel => {
                crate::tr!(
                    "het sjabloon doet te veel werk (oneindige lus?)",
                    "the template does too much work (endless loop?)"
                )
            }
            _ => kind.to_string(),
        };
        if let Some(detail) = err.detail().filter(|_| cell.is_none()) {
            let _ = write!(message, " ({detail})");
        }
        let mut source = std::error::Error::source(&err);
        while let Some(cause) = source {
            let _ = write!(message, ": {cause}");
            source = cause.source();
        }
        // The engine sees `+%}` where a tag ends a line (see `keep_line_breaks`);
        // show the text as its author wrote it.
        let written = err.template_source().map(|text| text.replace("+%}", "%}"));
        let source_line = match (&written, err.line()) {
            (Some(text), Some(line)) => text.lines().nth(line.saturating_sub(1)).map(str::to_string),
            _ => None,
        };
        let snippet = match (err.name(), err.template_source(), err.range()) {
            (Some(name), Some(engine_text), Some(range)) => {
                let bytes = engine_text.as_bytes();
                let shift = |at: usize| at - bytes[..at.min(bytes.len())].windows(3).filter(|w| w == b"+%}").count();
                let text = written.as_deref().unwrap_or(engine_text);
                let boundary = |at: usize| (0..=at.min(text.len())).rev().find(|&i| text.is_char_boundary(i));
                let start = boundary(shift(range.start)).unwrap_or(0);
                let end = boundary(shift(range.end)).unwrap_or(start).max(start);
                let hint = if cell.is_some() { Some(blank_hint()) } else { hint(kind) };
                Some(snippet(name, text, start..end, &message, hint))
            }
            _ => None,
        };
        TextError { name: err.name().map(str::to_string), line: err.line(), message, source_line, snippet, cell }
    }
}

/// What puts a printed blank right.
fn blank_hint() -> String {
    crate::tr!(
        "vul de cel in, of laat de tekst rekening houden met een lege cel: \
         `{{% if missie.leiding %}}…{{% endif %}}` of `{{{{ missie.leiding | default(\"…\") }}}}`",
        "fill in the cell, or let the text allow for a blank one: \
         `{{% if missie.leiding %}}…{{% endif %}}` or `{{{{ missie.leiding | default(\"…\") }}}}`"
    )
}

/// What usually puts an error of this kind right.
fn hint(kind: ErrorKind) -> Option<String> {
    match kind {
        ErrorKind::UndefinedError => Some(crate::tr!(
            "kolomnamen staan in kleine letters met `_` voor spaties (`missie.begindatum`, `document.uw_kenmerk`); \
             een lege waarde vangt u op met `{{{{ x | default(\"\") }}}}`",
            "column names are lower case with `_` for spaces (`missie.begindatum`, `document.uw_kenmerk`); \
             catch an empty value with `{{{{ x | default(\"\") }}}}`"
        )),
        ErrorKind::SyntaxError => Some(crate::tr!(
            "waarden staan tussen `{{{{` en `}}}}`, opdrachten tussen `{{%` en `%}}`; elke `{{% for %}}` en `{{% if %}}` sluit met `{{% endfor %}}` of `{{% endif %}}`",
            "values go between `{{{{` and `}}}}`, statements between `{{%` and `%}}`; every `{{% for %}}` and `{{% if %}}` ends with `{{% endfor %}}` or `{{% endif %}}`"
        )),
        _ => None,
    }
}

/// A source snippet with a marker, in the layout Typst's diagnostics use.
fn snippet(name: &str, source: &str, range: std::ops::Range<usize>, message: &str, hint: Option<String>) -> String {
    use codespan_reporting::diagnostic::{Diagnostic, Label};
    use codespan_reporting::term::{self, termcolor::NoColor};
    let file = codespan_reporting::files::SimpleFile::new(name, source);
    let mut diagnostic = Diagnostic::error().with_message(message).with_labels(vec![Label::primary((), range)]);
    if let Some(hint) = hint {
        diagnostic = diagnostic.with_notes(vec![format!("hint: {hint}")]);
    }
    let mut out = NoColor::new(Vec::new());
    match term::emit(&mut out, &term::Config::default(), &file, &diagnostic) {
        Ok(()) => String::from_utf8_lossy(&out.into_inner()).trim_end().to_string(),
        Err(_) => String::new(),
    }
}

impl std::fmt::Display for TextError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if let Some(snippet) = self.snippet.as_deref().filter(|s| !s.is_empty()) {
            return f.write_str(snippet);
        }
        match (&self.name, self.line) {
            (Some(name), Some(line)) => {
                write!(f, "{name}, {}: {}", crate::tr!("regel {line}", "line {line}"), self.message)?
            }
            (Some(name), None) => write!(f, "{name}: {}", self.message)?,
            _ => write!(f, "{}", self.message)?,
        }
        if let (Some(src), Some(line)) = (&self.source_line, self.line) {
            write!(f, "\n  {line:>4} | {src}")?;
        }
        Ok(())
    }
}

impl std::error::Error for TextError {}

/// Prints values: nothing for none, Markdown-escaped text in `.md` texts.
fn format_value(out: &mut minijinja::Output, state: &mut State, value: &Value) -> Result<(), Error> {
    if let Some(cell) = blank_of(value) {
        return Err(blank_printed(cell));
    }
    if value.is_none() || value.is_undefined() {
        return Ok(());
    }
    let text = match value.as_str() {
        Some(s) => s.to_string(),
        None => value.to_string(),
    };
    let escaped = match state.auto_escape() {
        AutoEscape::Custom(name) if name == "markdown" && !value.is_safe() => markdown::escape(&text),
        _ => text,
    };
    out.write_str(&escaped).map_err(Error::from)
}

fn lang_of(state: &State) -> Lang {
    state.lookup("taal").and_then(|v| v.as_str().and_then(Lang::parse)).unwrap_or_default()
}

fn bad_value(filter: &str, value: &Value, why: impl std::fmt::Display) -> Error {
    Error::new(
        ErrorKind::InvalidOperation,
        crate::tr!(
            "filter `{filter}` kan `{value}` niet lezen: {why}",
            "filter `{filter}` cannot read `{value}`: {why}"
        ),
    )
}

/// `{{ missie.begindatum|datum }}` → `22 november 2022`.
fn datum(state: &State, value: Value) -> Result<Value, Error> {
    if blank_of(&value).is_some() {
        return Ok(value);
    }
    if value.is_none() {
        return Ok(Value::from(""));
    }
    let text = value.to_string();
    let date = notation::parse_date(&text).map_err(|e| bad_value("datum", &value, e))?;
    Ok(Value::from(notation::format_date(date, lang_of(state))))
}

fn number_of(filter: &str, value: &Value) -> Result<Option<f64>, Error> {
    if value.is_none() || value.is_undefined() {
        return Ok(None);
    }
    if let Ok(n) = f64::try_from(value.clone()) {
        return Ok(Some(n));
    }
    let text = value.to_string();
    notation::parse_amount(&text).map(Some).map_err(|e| bad_value(filter, value, e))
}

/// `{{ r.bedrag|bedrag }}` → `€ 17.560.000`; `bedrag("miljoen")` →
/// `€ 17,56 miljoen`; `bedrag("auto")` picks millions from a million on.
fn bedrag(state: &State, value: Value, style: Option<String>) -> Result<Value, Error> {
    if blank_of(&value).is_some() {
        return Ok(value);
    }
    let Some(n) = number_of("bedrag", &value)? else { return Ok(Value::from("")) };
    let style = match style.as_deref() {
        None | Some("") | Some("vol") | Some("full") => AmountStyle::Full,
        Some("miljoen") | Some("million") => AmountStyle::Millions,
        Some("auto") => AmountStyle::Auto,
        Some(other) => {
            return Err(Error::new(
                ErrorKind::InvalidOperation,
                crate::tr!(
                    "onbekende stijl `{other}` voor `bedrag` (kies vol, miljoen of auto)",
                    "unknown style `{other}` for `bedrag` (choose vol, miljoen or auto)"
                ),
            ));
        }
    };
    Ok(Value::from(notation::format_amount(n, style, lang_of(state))))
}

/// `{{ 1135|getal }}` → `1.135`; `getal(2)` keeps up to two decimals.
fn getal(state: &State, value: Value, decimals: Option<usize>) -> Result<Value, Error> {
    if blank_of(&value).is_some() {
        return Ok(value);
    }
    let Some(n) = number_of("getal", &value)? else { return Ok(Value::from("")) };
    Ok(Value::from(notation::format_number(n, decimals.unwrap_or(2).min(10), lang_of(state))))
}

/// The generated parts of a report a text can place with `onderdeel`.
pub const PARTS: [&str; 4] = ["kerncijfers", "missies_per_jaar", "resultaten_per_jaar", "resultaten_per_thema"];

/// `{{ onderdeel("resultaten_per_thema") }}` places a generated part of a
/// report (see [`PARTS`]) at this point of the text.
fn onderdeel(name: String) -> Result<Value, Error> {
    if !PARTS.contains(&name.as_str()) {
        return Err(Error::new(
            ErrorKind::InvalidOperation,
            crate::tr!(
                "onbekend onderdeel `{name}` (kies uit {})",
                "unknown part `{name}` (choose from {})",
                PARTS.join(", ")
            ),
        ));
    }
    Ok(Value::from_safe_string(markdown::part_marker(&name)))
}

/// `{{ x | default("…") }}`: the given text (or nothing) for an undefined,
/// `none` or blank value; with a second argument `true`, also for any false
/// value, as minijinja's own filter.
fn default(value: Value, args: Rest<Value>) -> Result<Value, Error> {
    if args.len() > 2 {
        return Err(Error::from(ErrorKind::TooManyArguments));
    }
    let lax = args.get(1).is_some_and(Value::is_true);
    let empty = value.is_undefined() || value.is_none() || blank_of(&value).is_some() || (lax && !value.is_true());
    Ok(if empty { args.first().cloned().unwrap_or_else(|| Value::from("")) } else { value })
}

/// `x is none`: also true for a blank cell.
fn is_none(value: Value) -> bool {
    value.is_none() || blank_of(&value).is_some()
}

/// `{{ ["a", "b", "c"]|opsomming }}` → `a, b en c`.
fn opsomming(state: &State, items: Value) -> Result<Value, Error> {
    let mut names = Vec::new();
    for v in items.try_iter()? {
        if let Some(cell) = blank_of(&v) {
            return Err(blank_printed(cell));
        }
        if !v.is_none() && !v.is_undefined() {
            names.push(v.as_str().map(str::to_string).unwrap_or_else(|| v.to_string()));
        }
    }
    let items = names;
    let and = if lang_of(state) == Lang::En { "and" } else { "en" };
    Ok(Value::from(match items.as_slice() {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} {and} {last}", init.join(", ")),
    }))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn render(name: &str, source: &str, ctx: serde_json::Value) -> Result<String, TextError> {
        let mut engine = TextEngine::new();
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
        assert_eq!(render("t.md", "{{ v }}{{ leeg }}", ctx.clone()).unwrap(), "\\*geen\\* \\$0 \\#8 \\[x\\]");
        assert_eq!(render("onderwerp:x", "{{ v }}", ctx).unwrap(), "*geen* $0 #8 [x]");
    }

    #[test]
    fn errors_name_template_and_line() {
        let err = render("brief.md", "Regel een\n{{ missie.onbekend }}", json!({"missie": {}})).unwrap_err();
        assert_eq!(err.name.as_deref(), Some("brief.md"));
        assert_eq!(err.line, Some(2));
        // As a compiler shows it: file, line and column, the line, a marker, a hint.
        let shown = err.to_string();
        assert!(shown.starts_with("error: onbekende waarde (`missie.onbekend` is undefined)"), "{shown}");
        assert!(shown.contains("┌─ brief.md:2:4"), "{shown}");
        assert!(shown.contains("2 │ {{ missie.onbekend }}\n  │    ^^^^^^^^^^^^^^^"), "{shown}");
        assert!(shown.contains("= hint: kolomnamen staan in kleine letters"), "{shown}");
        let err = render("x.md", "{% for %}", json!({})).unwrap_err();
        assert!(err.to_string().contains("syntaxfout"), "{err}");
        let err = render("x.md", "{{ 'morgen'|datum }}", json!({})).unwrap_err();
        assert!(err.to_string().contains("`morgen` is geen datum"), "{err}");
    }

    #[test]
    fn runaway_templates_stop() {
        let err = render(
            "x.md",
            "{% for i in range(100000) %}{% for j in range(100000) %}{% endfor %}{% endfor %}",
            json!({}),
        )
        .unwrap_err();
        assert!(err.message.contains("te veel werk"), "{err}");
    }
}
