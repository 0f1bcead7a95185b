//! The Dutch filters and functions texts use: `datum`, `bedrag`, `getal`,
//! `opsomming`, `onderdeel`, and how printed values are escaped.

use minijinja::value::ValueKind;
use minijinja::{AutoEscape, Environment, Error, ErrorKind, State, Value};

use super::blank::{blank_of, blank_printed, default, is_none};
use crate::document::format::{self, AmountStyle};
use crate::document::markdown;
use crate::input::notation;
use crate::lang::Lang;
use crate::tr;

/// Adds the filters, functions, tests and the value formatter; their error
/// messages are in `lang` (the values they write follow the document's `taal`).
pub(super) fn register(env: &mut Environment<'static>, lang: Lang) {
    env.set_formatter(format_value);
    env.add_filter("datum", move |state: &State, value: Value| datum(state, value, lang));
    env.add_filter("bedrag", move |state: &State, value: Value, style: Option<String>| {
        bedrag(state, value, style, lang)
    });
    env.add_filter("getal", move |state: &State, value: Value, decimals: Option<usize>| {
        getal(state, value, decimals, lang)
    });
    env.add_filter("opsomming", move |state: &State, items: Value| {
        defined(&items, lang)?;
        opsomming(state, items)
    });
    env.add_filter("telling", move |state: &State, value: Value, one: String, many: String| {
        telling(state, value, one, many, lang)
    });
    env.add_function("onderdeel", move |name: String| onderdeel(name, lang));
    env.add_filter("default", default);
    env.add_filter("d", default);
    env.add_test("none", is_none);
}

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
        // A number with decimals in the document's notation (`1.234,56` in
        // Dutch); whole numbers (years, counts, codes) as they are.
        None => {
            let plain = value.to_string();
            match f64::try_from(value.clone()) {
                Ok(n) if value.kind() == ValueKind::Number && n.is_finite() && plain.contains(['.', 'e', 'E']) => {
                    format::format_number(n, 6, lang_of(state))
                }
                _ => plain,
            }
        }
    };
    let escaped = match state.auto_escape() {
        // A value from the data is marked as one, so the document never
        // hyphenates it (see `markdown::values`).
        AutoEscape::Custom(name) if name == "markdown" && !value.is_safe() => {
            markdown::values::wrap(&markdown::escape(&text))
        }
        _ => text,
    };
    out.write_str(&escaped).map_err(Error::from)
}

fn lang_of(state: &State) -> Lang {
    state.lookup("taal").and_then(|v| v.as_str().and_then(Lang::parse)).unwrap_or_default()
}

fn bad_value(filter: &str, value: &Value, why: impl std::fmt::Display, lang: Lang) -> Error {
    Error::new(
        ErrorKind::InvalidOperation,
        tr!(
            lang,
            "filter `{filter}` kan `{value}` niet lezen: {why}",
            "filter `{filter}` cannot read `{value}`: {why}"
        ),
    )
}

/// `{{ missie.begindatum|datum }}` → `22 november 2022`.
fn datum(state: &State, value: Value, lang: Lang) -> Result<Value, Error> {
    if blank_of(&value).is_some() {
        return Ok(value);
    }
    defined(&value, lang)?;
    if value.is_none() {
        return Ok(Value::from(""));
    }
    let text = value.to_string();
    let date = notation::parse_date(&text).map_err(|e| bad_value("datum", &value, e.message(lang), lang))?;
    Ok(Value::from(format::format_date(date, lang_of(state))))
}

/// A value a filter is given that the data does not have (a field name
/// mistyped, `missie.kostn`): an error, as printing it would be — never an
/// empty string in the letter.
fn defined(value: &Value, lang: Lang) -> Result<(), Error> {
    match value.is_undefined() {
        true => Err(Error::new(
            ErrorKind::UndefinedError,
            tr!(lang, "de gegevens hebben deze waarde niet", "the data has no such value"),
        )),
        false => Ok(()),
    }
}

fn number_of(filter: &str, value: &Value, lang: Lang) -> Result<Option<f64>, Error> {
    defined(value, lang)?;
    if value.is_none() {
        return Ok(None);
    }
    if let Ok(n) = f64::try_from(value.clone()) {
        return Ok(Some(n));
    }
    let text = value.to_string();
    notation::parse_amount(&text).map(Some).map_err(|e| bad_value(filter, value, e.message(lang), lang))
}

/// `{{ r.bedrag|bedrag }}` → `€ 17.560.000`; `bedrag("miljoen")` →
/// `€ 17,56 miljoen`; `bedrag("auto")` picks millions from a million on.
fn bedrag(state: &State, value: Value, style: Option<String>, lang: Lang) -> Result<Value, Error> {
    if blank_of(&value).is_some() {
        return Ok(value);
    }
    let Some(n) = number_of("bedrag", &value, lang)? else { return Ok(Value::from("")) };
    let style = match style.as_deref() {
        None | Some("") | Some("vol") | Some("full") => AmountStyle::Full,
        Some("miljoen") | Some("million") => AmountStyle::Millions,
        Some("auto") => AmountStyle::Auto,
        Some(other) => {
            return Err(Error::new(
                ErrorKind::InvalidOperation,
                tr!(
                    lang,
                    "onbekende stijl `{other}` voor `bedrag` (kies vol, miljoen of auto)",
                    "unknown style `{other}` for `bedrag` (choose vol, miljoen or auto)"
                ),
            ));
        }
    };
    Ok(Value::from(format::format_amount(n, style, lang_of(state))))
}

/// `{{ 1135|getal }}` → `1.135`; `getal(2)` keeps up to two decimals.
fn getal(state: &State, value: Value, decimals: Option<usize>, lang: Lang) -> Result<Value, Error> {
    if blank_of(&value).is_some() {
        return Ok(value);
    }
    let Some(n) = number_of("getal", &value, lang)? else { return Ok(Value::from("")) };
    Ok(Value::from(format::format_number(n, decimals.unwrap_or(2).min(10), lang_of(state))))
}

/// `{{ missie.deelnemers|telling("deelnemer", "deelnemers") }}` → `1
/// deelnemer`, `3 deelnemers`: a count (a number, or how many items a
/// list has) with the word for one or for more.
fn telling(state: &State, value: Value, one: String, many: String, lang: Lang) -> Result<Value, Error> {
    if blank_of(&value).is_some() {
        return Ok(value);
    }
    let n = match value.len() {
        Some(len) if value.as_str().is_none() => len as f64,
        _ => number_of("telling", &value, lang)?.unwrap_or(0.0),
    };
    let word = if n == 1.0 { one } else { many };
    Ok(Value::from(format!("{} {word}", format::format_number(n, 2, lang_of(state)))))
}

/// The generated parts of a report a text can place with `onderdeel`.
pub const PARTS: [&str; 4] = ["kerncijfers", "missies_per_jaar", "resultaten_per_jaar", "resultaten_per_thema"];

/// `{{ onderdeel("resultaten_per_thema") }}` places a generated part of a
/// report (see [`PARTS`]) at this point of the text.
fn onderdeel(name: String, lang: Lang) -> Result<Value, Error> {
    if !PARTS.contains(&name.as_str()) {
        return Err(Error::new(
            ErrorKind::InvalidOperation,
            tr!(
                lang,
                "onbekend onderdeel `{name}` (kies uit {})",
                "unknown part `{name}` (choose from {})",
                PARTS.join(", ")
            ),
        ));
    }
    Ok(Value::from_safe_string(markdown::part_marker(&name)))
}

/// `{{ ["a", "b", "c"]|opsomming }}` → `a, b en c`.
fn opsomming(state: &State, items: Value) -> Result<Value, Error> {
    if let Some(cell) = blank_of(&items) {
        return Err(blank_printed(cell));
    }
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
