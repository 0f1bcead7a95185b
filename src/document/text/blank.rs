//! Blank cells in a text's context: rows from the workbook carry an origin
//! marker, so each empty cell can enter minijinja as a [`Blank`] that knows
//! its place — false in a condition, replaced by `default(…)`, an error
//! naming the cell when printed.

use std::sync::Arc;

use minijinja::value::{DynObject, Object, ObjectRepr, Rest};
use minijinja::{Error, ErrorKind, Value};
use serde_json::Value as Json;
use std::collections::BTreeMap;

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
        // Worded by the text error that finds it, in its language.
        write!(f, "`{}`", self.column)
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

    /// Two blank cells are alike (without this, minijinja would compare
    /// them as text, which counts as printing them).
    fn custom_cmp(self: &Arc<Self>, other: &DynObject) -> Option<std::cmp::Ordering> {
        other.downcast_ref::<Self>().map(|_| std::cmp::Ordering::Equal)
    }

    /// Made text by anything but the printing of a value — a filter such
    /// as `upper` or `join`, the `~` operator — the cell still prints
    /// nothing: that is noted, and the text fails once rendered
    /// ([`take_made_text`]).
    fn render(self: &Arc<Self>, _: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        MADE_TEXT.with(|cells| cells.borrow_mut().push(self.0.clone()));
        Ok(())
    }
}

thread_local! {
    /// The blank cells made text on this thread since the last
    /// [`take_made_text`]; a text renders on one thread from start to end.
    static MADE_TEXT: std::cell::RefCell<Vec<CellRef>> = const { std::cell::RefCell::new(Vec::new()) };
}

/// The first blank cell made text since the last call, and forgets them all.
pub(super) fn take_made_text() -> Option<CellRef> {
    MADE_TEXT.with(|cells| std::mem::take(&mut *cells.borrow_mut()).into_iter().next())
}

pub(super) fn blank_of(value: &Value) -> Option<&CellRef> {
    value.downcast_object_ref::<Blank>().map(|b| &b.0)
}

/// The error of printing a blank cell.
pub(super) fn blank_printed(cell: &CellRef) -> Error {
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

/// `{{ x | default("…") }}`: the given text (or nothing) for an undefined,
/// `none` or blank value; with a second argument `true`, also for any false
/// value, as minijinja's own filter.
pub(super) fn default(value: Value, args: Rest<Value>) -> Result<Value, Error> {
    if args.len() > 2 {
        return Err(Error::from(ErrorKind::TooManyArguments));
    }
    let lax = args.get(1).is_some_and(Value::is_true);
    let empty = value.is_undefined() || value.is_none() || blank_of(&value).is_some() || (lax && !value.is_true());
    Ok(if empty { args.first().cloned().unwrap_or_else(|| Value::from("")) } else { value })
}

/// `x is none`: also true for a blank cell.
pub(super) fn is_none(value: Value) -> bool {
    value.is_none() || blank_of(&value).is_some()
}
