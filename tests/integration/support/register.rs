//! The sample as a register in a folder of its own: its sheets written as
//! `register.xlsx` beside its texts, `check` and `render` of it, and which
//! documents a run made. Shared by the tests of problems and of failing
//! closed.

use std::path::Path;

use super::{Ran, Sheet, V, entry, manifest, missiedocs, write_texts, write_xlsx};

/// The sample's council letter (Maastricht, 2022).
pub const LETTER: &str = "rib-2022-stedenband-chengdu";
/// The sample's memo (Maastricht, 2019).
pub const MEMO: &str = "memo-2019-werkbezoek-chengdu";
/// The sample's letter to the provincial council (Utrecht, 2020).
pub const STATENBRIEF: &str = "statenbrief-2020-missie-guangdong";
/// The sample's evaluation report (Utrecht–Guangdong, 2020).
pub const REPORT: &str = "evaluatie-2020-guangdong";

/// The sample's data folder with the given sheets as `register.xlsx`.
pub fn data_dir(sheets: &[Sheet]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    write_texts(dir.path());
    write_xlsx(&dir.path().join("register.xlsx"), sheets);
    dir
}

/// Check and render of `register.xlsx` into `uit`.
pub fn check_and_render(dir: &Path, data: &str) -> (Ran, Ran, serde_json::Value) {
    let check = missiedocs(dir, &["check", "--data", data]);
    let render = missiedocs(dir, &["render", "--data", data, "--out", "uit", "--quiet"]);
    let manifest = manifest(&dir.join("uit"));
    (check, render, manifest)
}

/// Asserts which documents were made (a PDF written, `ok`) and which not
/// (`fout`, no PDF).
#[track_caller]
pub fn assert_made(dir: &Path, manifest: &serde_json::Value, made: &[&str], failed: &[&str]) {
    for id in made {
        assert_eq!(entry(manifest, id)["status"], "ok", "{id}: {manifest:#}");
        assert!(dir.join(format!("uit/{id}.pdf")).is_file(), "{id}");
    }
    for id in failed {
        assert_eq!(entry(manifest, id)["status"], "fout", "{id}: {manifest:#}");
        assert!(!dir.join(format!("uit/{id}.pdf")).exists(), "{id}");
    }
}

/// The sample's row of a mission in the `Missies` sheet.
pub fn mission_row(sheets: &mut [Sheet], id: &str) -> usize {
    sheet(sheets, "Missies").rows.iter().position(|r| matches!(&r[0], V::T(m) if m == id)).unwrap()
}

/// A sheet of the sample, by name.
pub fn sheet<'a>(sheets: &'a mut [Sheet], name: &str) -> &'a mut Sheet {
    sheets.iter_mut().find(|s| s.name == name).unwrap()
}

/// Sets a cell of the Documenten row of `id` by heading, adding the column
/// when the sheet has none.
pub fn set(sheets: &mut [Sheet], id: &str, heading: &str, value: &str) {
    let sheet = sheets.iter_mut().find(|s| s.name == "Documenten").unwrap();
    let header = sheet.rows.iter().position(|r| matches!(r.first(), Some(V::T(t)) if t == "Document")).unwrap();
    let column = match sheet.rows[header].iter().position(|v| matches!(v, V::T(t) if t == heading)) {
        Some(column) => column,
        None => {
            sheet.rows[header].push(V::from(heading));
            sheet.rows[header].len() - 1
        }
    };
    let row = sheet.rows.iter_mut().find(|r| matches!(r.first(), Some(V::T(t)) if t == id)).unwrap();
    if row.len() <= column {
        row.resize(column + 1, V::E);
    }
    row[column] = V::from(value);
}
