//! What a text can use for a document: every name of its context with an
//! example from the data, the filters each with what it makes of a value,
//! and the generated parts — what `missiedocs velden` prints, in the
//! document's own data.

use serde_json::Value as Json;

use super::text::{PARTS, TextEngine, strip_origins};
use crate::lang::Lang;
use crate::tr;

/// One line of the listing: a name as a text writes it, and an example.
#[derive(Debug, Clone, PartialEq)]
pub struct Field {
    /// `missie.titel`, `deelnemers`, `  .naam` (a field of each row).
    pub naam: String,
    /// The value in this document's data, or what the name holds.
    pub voorbeeld: String,
}

/// The longest example shown.
const EXAMPLE_CHARS: usize = 60;

/// Names that hold the whole workbook again: listed, not unfolded.
const WHOLE: [&str; 2] = ["werkboek", "documenten"];

/// The names of a document's context (as [`super::context::build`] and
/// [`super::context::shared`] make it), each with its example.
pub fn of_context(ctx: &Json, lang: Lang) -> Vec<Field> {
    let mut ctx = ctx.clone();
    strip_origins(&mut ctx);
    let mut out = Vec::new();
    if let Json::Object(map) = &ctx {
        for (key, value) in map {
            if WHOLE.contains(&key.as_str()) {
                let what = match value {
                    Json::Object(sheets) => {
                        let names: Vec<&str> = sheets.keys().map(String::as_str).collect();
                        tr!(
                            lang,
                            "alle bladen, ongeacht het document: {}",
                            "every sheet, whatever the document: {}",
                            names.join(", ")
                        )
                    }
                    other => rows(other, lang),
                };
                out.push(Field { naam: key.clone(), voorbeeld: what });
                continue;
            }
            walk(key, value, 0, &mut out, lang);
        }
    }
    out
}

fn walk(name: &str, value: &Json, depth: usize, out: &mut Vec<Field>, lang: Lang) {
    match value {
        Json::Object(map) if depth < 2 => {
            for (key, v) in map {
                walk(&format!("{name}.{key}"), v, depth + 1, out, lang);
            }
        }
        Json::Array(items) if items.first().is_some_and(Json::is_object) => {
            out.push(Field { naam: name.to_string(), voorbeeld: rows(value, lang) });
            // The fields of each row, with the first row's values.
            if let Some(Json::Object(first)) = items.first() {
                for (key, v) in first {
                    let example = match v {
                        Json::Array(_) | Json::Object(_) => rows(v, lang),
                        scalar => example(scalar, lang),
                    };
                    out.push(Field { naam: format!("  .{key}"), voorbeeld: example });
                }
            }
        }
        other => out.push(Field { naam: name.to_string(), voorbeeld: example(other, lang) }),
    }
}

/// What a list or table holds: its number of rows (`{% for … %}`).
fn rows(value: &Json, lang: Lang) -> String {
    match value {
        Json::Array(items) => {
            let n = items.len();
            tr!(lang, "lijst van {n} (gebruik met {{% for … %}})", "list of {n} (use with {{% for … %}})")
        }
        Json::Object(map) => tr!(lang, "{} velden", "{} fields", map.len()),
        other => example(other, lang),
    }
}

fn example(value: &Json, lang: Lang) -> String {
    let text = match value {
        Json::Null => return tr!(lang, "(leeg)", "(blank)"),
        // A date as a text prints it with `datum`.
        Json::String(s) if let Ok(date) = chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d") => {
            return format!("{s}  (|datum → {})", super::format::format_date(date, lang));
        }
        Json::String(s) => s.replace('\n', " / "),
        Json::Array(items) => items.iter().map(|i| example(i, lang)).collect::<Vec<_>>().join(", "),
        other => other.to_string(),
    };
    let short: String = text.chars().take(EXAMPLE_CHARS).collect();
    if short.len() < text.len() { format!("{short}…") } else { short }
}

/// The filters, each with a use and what it gives, rendered by the text
/// engine itself; and the generated parts.
pub fn filters(texts: &mut TextEngine, lang: Lang) -> Vec<Field> {
    let uses = [
        "{{ \"2025-03-10\"|datum }}",
        "{{ 17560000|bedrag }}",
        "{{ 17560000|bedrag(\"miljoen\") }}",
        "{{ 1135|getal }}",
        "{{ 3.14159|getal(2) }}",
        "{{ [\"Utrecht\", \"Guangdong\", \"Chengdu\"]|opsomming }}",
        "{{ 1|telling(\"deelnemer\", \"deelnemers\") }}",
        "{{ 3|telling(\"deelnemer\", \"deelnemers\") }}",
        "{{ none|default(\"--\") }}",
    ];
    let mut out = Vec::new();
    for (i, source) in uses.iter().enumerate() {
        let name = format!("{}velden-{i}", super::text::PLAIN_PREFIX);
        let made =
            texts.add(&name, source).and_then(|()| texts.render(&name, &serde_json::json!({ "taal": lang.code() })));
        let voorbeeld = made.map_or_else(|e| e.said(lang), |s| format!("→ {s}"));
        out.push(Field { naam: (*source).to_string(), voorbeeld });
    }
    for part in PARTS {
        out.push(Field {
            naam: format!("{{{{ onderdeel(\"{part}\") }}}}"),
            voorbeeld: tr!(lang, "een gemaakt deel van het rapport", "a generated part of the report"),
        });
    }
    out
}

/// The listing as text: names left, examples aligned right of them.
pub fn print(fields: &[Field]) -> String {
    let width = fields.iter().map(|f| f.naam.chars().count()).max().unwrap_or(0).min(40);
    fields.iter().map(|f| format!("  {:width$}  {}\n", f.naam, f.voorbeeld)).collect()
}
