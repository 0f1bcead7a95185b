//! One account of a run split with `--shard K/N`: the manifests its parts
//! wrote, each in its own output folder, combined into one — every document
//! once, in the order of the Documenten sheet, file names relative to the
//! combined manifest's folder. A part missing, given twice, or from other
//! data (by its SHA-256), interrupted, or whose files are gone or changed
//! is an error and nothing is written: a combined account that leaves
//! out documents would report a run as complete when it is not.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde_json::{Map, Value};

use super::manifest::Deel;
use super::sitemaps::{self, Published};
use super::write_atomic;
use crate::error::Failure;
use crate::lang::Words;
use crate::say;

/// The combined account.
#[derive(Debug)]
pub struct Combined {
    /// Where `manifest.json` was written.
    pub path: PathBuf,
    /// Documents made.
    pub gemaakt: usize,
    /// Documents failed, with their entries as the parts wrote them.
    pub mislukt: Vec<Value>,
    /// How many parts.
    pub delen: usize,
    /// The `robots.txt` lines of the sitemaps written, when the parts were
    /// made with `--woo-url`.
    pub sitemaps: Option<Vec<String>>,
}

/// One part's manifest, read.
struct Part {
    dir: PathBuf,
    deel: Deel,
    manifest: Map<String, Value>,
}

/// Combines the manifests in `dirs` (the output folders of all parts of one
/// run) into `out/manifest.json`.
pub fn combine(dirs: &[PathBuf], out: &Path) -> Result<Combined, Failure> {
    let parts = dirs.iter().map(|dir| read(dir)).collect::<Result<Vec<_>, _>>()?;
    let Some(first) = parts.first() else {
        return Err(parts_error(
            say!("geen delen opgegeven", "no parts given"),
            say!("geef de uitvoermap van elk deel", "give the output folder of every part"),
        ));
    };
    let n = first.deel.n;
    let mut by_k: BTreeMap<usize, &Part> = BTreeMap::new();
    for part in &parts {
        let same = |key: &str| part.manifest.get(key) == first.manifest.get(key);
        // The same data by its contents, whatever path reached it.
        if part.deel.n != n || !same("gegevens_sha256") || !same("programma") || !same("woo_url") {
            return Err(parts_error(
                say!(
                    "`{}` en `{}` zijn geen delen van dezelfde run (gegevens, versie, aantal delen of `--woo-url` verschillen)",
                    "`{}` and `{}` are not parts of the same run (data, version, number of parts or `--woo-url` differ)",
                    first.dir.display(),
                    part.dir.display()
                ),
                say!(
                    "maak alle delen met dezelfde missiedocs, dezelfde `--data`, dezelfde `--woo-url` en dezelfde N in `--shard K/N`",
                    "make every part with the same missiedocs, the same `--data`, the same `--woo-url` and the same N in `--shard K/N`"
                ),
            ));
        }
        if let Some(other) = by_k.insert(part.deel.k, part) {
            return Err(parts_error(
                say!(
                    "deel {}/{n} staat zowel in `{}` als in `{}`",
                    "part {}/{n} is in both `{}` and `{}`",
                    part.deel.k,
                    other.dir.display(),
                    part.dir.display()
                ),
                say!("geef elk deel één keer", "give every part once"),
            ));
        }
    }
    let missing: Vec<String> = (1..=n).filter(|k| !by_k.contains_key(k)).map(|k| format!("{k}/{n}")).collect();
    if !missing.is_empty() {
        return Err(parts_error(
            say!(
                "deel {} ontbreekt; zonder alle delen is de verantwoording niet volledig",
                "part {} is missing; without every part the account is not complete",
                missing.join(", ")
            ),
            say!(
                "maak de ontbrekende delen met `missiedocs render --shard K/{n}` en geef hun uitvoermappen mee",
                "make the missing parts with `missiedocs render --shard K/{n}` and give their output folders"
            ),
        ));
    }

    if let Some(part) = parts.iter().find(|p| same_folder(&p.dir, out)) {
        return Err(parts_error(
            say!(
                "`{}` is de map van deel {}/{n}; de samengevoegde verantwoording zou zijn manifest overschrijven",
                "`{}` is the folder of part {}/{n}; the combined account would overwrite its manifest",
                out.display(),
                part.deel.k
            ),
            say!(
                "kies met `--out` een andere map, bijvoorbeeld de map waarin de delen staan",
                "choose another folder with `--out`, for example the folder the parts are in"
            ),
        ));
    }

    let mut documents: Vec<(u64, Value)> = Vec::new();
    // A document by its id and row: rows whose id is blank fail, each on its own row.
    let mut seen: BTreeMap<(String, u64), PathBuf> = BTreeMap::new();
    for part in by_k.values() {
        let prefix = relative(&part.dir, out);
        for mut entry in part.manifest.get("documenten").and_then(Value::as_array).cloned().unwrap_or_default() {
            let id = entry.get("document").and_then(Value::as_str).unwrap_or_default().to_string();
            let row = entry.get("rij").and_then(Value::as_u64).unwrap_or(0);
            if let Some(other) = seen.insert((id.clone(), row), part.dir.clone()) {
                return Err(parts_error(
                    say!(
                        "document `{id}` staat zowel in `{}` als in `{}`",
                        "document `{id}` is in both `{}` and `{}`",
                        other.display(),
                        part.dir.display()
                    ),
                    say!("geef elk deel één keer", "give every part once"),
                ));
            }
            verify_files(&part.dir, &entry)?;
            prefix_files(&mut entry, &prefix);
            documents.push((row, entry));
        }
    }
    // The order of the Documenten sheet; the letters of one row by id.
    documents.sort_by(|(a, x), (b, y)| {
        a.cmp(b).then_with(|| x.get("document").and_then(Value::as_str).cmp(&y.get("document").and_then(Value::as_str)))
    });
    let documents: Vec<Value> = documents.into_iter().map(|(_, d)| d).collect();
    let ok = |d: &&Value| d.get("status").and_then(Value::as_str) == Some("ok");
    let gemaakt = documents.iter().filter(ok).count();
    let mislukt: Vec<Value> = documents.iter().filter(|d| !ok(d)).cloned().collect();

    let mut manifest = Map::new();
    for key in ["programma", "gegevens", "gegevens_sha256", "woo_url", "waarschuwingen"] {
        if let Some(value) = first.manifest.get(key) {
            manifest.insert(key.into(), value.clone());
        }
    }
    manifest.insert("delen".into(), n.into());
    manifest.insert("gemaakt".into(), gemaakt.into());
    manifest.insert("mislukt".into(), mislukt.len().into());
    // The PDFs published with their metadata: the documents made that are
    // not drafts, as one run of the whole lists them.
    let published: Vec<Published> = documents
        .iter()
        .flat_map(|d| {
            let woo = d.get("woo").and_then(Value::as_array).into_iter().flatten().filter_map(Value::as_str);
            sitemaps::published(ok(&d), d.get("concept") == Some(&Value::Bool(true)), woo)
        })
        .collect();
    let woo_url = first.manifest.get("woo_url").and_then(Value::as_str).map(str::to_string);
    manifest.insert("documenten".into(), Value::Array(documents));
    let mut json = serde_json::to_vec_pretty(&Value::Object(manifest))
        .map_err(std::io::Error::other)
        .map_err(|source| unwritable(out, source))?;
    json.push(b'\n');
    let path = std::fs::create_dir_all(out)
        .and_then(|()| write_atomic(out, "manifest.json", &json))
        .map_err(|source| unwritable(out, source))?;
    let sitemaps = woo_url.map(|base| sitemaps::write(out, &base, &published)).transpose()?;
    Ok(Combined { path, gemaakt, mislukt, delen: n, sitemaps })
}

fn unwritable(out: &Path, source: std::io::Error) -> Failure {
    let path = out.join("manifest.json");
    Failure::new(say!("`{}` kan niet worden geschreven", "`{}` cannot be written", path.display())).caused_by(source)
}

/// The parts do not make one run: what is wrong, naming the folders, and
/// what to do.
fn parts_error(message: Words, hint: Words) -> Failure {
    Failure::new(message).hint(hint)
}

/// A part's manifest, which must say which part it is.
fn read(dir: &Path) -> Result<Part, Failure> {
    let path = dir.join("manifest.json");
    let text = std::fs::read(&path).map_err(|source| {
        Failure::new(say!("`{}` kan niet worden gelezen", "`{}` cannot be read", path.display())).caused_by(source)
    })?;
    let not_a_part = |why: Words| {
        parts_error(
            why.map(|lang, why| {
                crate::tr!(
                    lang,
                    "`{}` is geen manifest van een deel van een run ({why})",
                    "`{}` is not the manifest of a part of a run ({why})",
                    path.display()
                )
            }),
            say!(
                "geef de uitvoermappen van `missiedocs render --shard K/N`",
                "give the output folders of `missiedocs render --shard K/N`"
            ),
        )
    };
    let manifest: Map<String, Value> =
        serde_json::from_slice(&text).map_err(|e| not_a_part(Words::same(e.to_string())))?;
    let deel = manifest
        .get("deel")
        .cloned()
        .map(serde_json::from_value::<Deel>)
        .transpose()
        .map_err(|e| not_a_part(Words::same(e.to_string())))?
        .ok_or_else(|| not_a_part(say!("geen `deel`", "no `deel`")))?;
    if deel.k < 1 || deel.k > deel.n {
        let (k, n) = (deel.k, deel.n);
        return Err(not_a_part(say!("deel {k}/{n} bestaat niet", "part {k}/{n} does not exist")));
    }
    if manifest.get("bezig").and_then(Value::as_bool) == Some(true) {
        return Err(not_a_part(say!(
            "de run van dit deel is niet afgemaakt; maak het deel opnieuw",
            "the run of this part did not finish; make the part again"
        )));
    }
    if manifest.get("gegevens_sha256").and_then(Value::as_str).is_none() {
        return Err(not_a_part(say!(
            "geen `gegevens_sha256`: gemaakt door een oudere missiedocs",
            "no `gegevens_sha256`: made by an older missiedocs"
        )));
    }
    if !manifest.get("documenten").is_some_and(Value::is_array) {
        return Err(not_a_part(say!("geen `documenten`", "no `documenten`")));
    }
    Ok(Part { dir: dir.to_path_buf(), deel, manifest })
}

fn canonical(path: &Path) -> PathBuf {
    path.canonicalize().unwrap_or_else(|_| path.to_path_buf())
}

fn same_folder(a: &Path, b: &Path) -> bool {
    canonical(a) == canonical(b)
}

/// How the combined manifest's folder reaches a part's folder: `deel-2/`
/// when it lies inside, else the part's own path.
fn relative(dir: &Path, out: &Path) -> String {
    let (dir, out) = (canonical(dir), canonical(out));
    match dir.strip_prefix(&out) {
        Ok(inside) => format!("{}/", inside.display()),
        Err(_) => format!("{}/", dir.display()),
    }
}

/// Checks that every file an entry lists (the PDF and the merged copy)
/// is in the part's folder with the SHA-256 the manifest gives: a part
/// whose files were deleted or replaced since is not a part of this run.
fn verify_files(dir: &Path, entry: &Value) -> Result<(), Failure> {
    let files = [Some(entry), entry.get("met_bijlagen")];
    for file in files.into_iter().flatten() {
        let Some(name) = file.get("bestand").and_then(Value::as_str) else { continue };
        // A file listed without its hash cannot be shown to be the one made.
        let hash = file.get("sha256").and_then(Value::as_str).unwrap_or_default();
        // A name from the manifest is only ever a file name in the part's folder.
        let safe = !name.contains(['/', '\\']) && name != ".." && !name.is_empty();
        let found = safe.then(|| std::fs::read(dir.join(name)).ok()).flatten().map(|bytes| super::sha256(&bytes));
        if found.as_deref() != Some(hash) {
            return Err(parts_error(
                match found {
                    None => say!(
                        "`{}` staat in het manifest van `{}`, maar het bestand is er niet",
                        "`{}` is listed in the manifest of `{}`, but the file is not there",
                        name,
                        dir.display()
                    ),
                    Some(_) => say!(
                        "`{}` in `{}` is veranderd sinds het deel werd gemaakt (de SHA-256 klopt niet met het manifest)",
                        "`{}` in `{}` has changed since the part was made (its SHA-256 does not match the manifest)",
                        name,
                        dir.display()
                    ),
                },
                say!(
                    "maak dit deel opnieuw met `missiedocs render --shard K/N`",
                    "make this part again with `missiedocs render --shard K/N`"
                ),
            ));
        }
    }
    Ok(())
}

/// Puts `prefix` before every file name of an entry: the PDF, the merged
/// copy and their Woo and MDTO metadata.
fn prefix_files(entry: &mut Value, prefix: &str) {
    let join = |name: &mut Value| {
        if let Some(text) = name.as_str() {
            *name = Value::String(format!("{prefix}{text}"));
        }
    };
    if let Some(name) = entry.get_mut("bestand") {
        join(name);
    }
    if let Some(name) = entry.get_mut("met_bijlagen").and_then(|m| m.get_mut("bestand")) {
        join(name);
    }
    for metadata in ["woo", "mdto"] {
        if let Some(files) = entry.get_mut(metadata).and_then(Value::as_array_mut) {
            files.iter_mut().for_each(join);
        }
    }
}
