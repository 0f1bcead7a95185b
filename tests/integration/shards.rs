//! A run split over machines: `--shard K/N` gives disjoint parts that
//! together make the whole run, started the way a Kubernetes Indexed Job or
//! a CI matrix starts them, and `combine` makes one account of the parts —
//! or refuses, naming the part that is missing.

use std::path::Path;
use std::process::Command;

use crate::support::{assert_stderr, entry, manifest, missiedocs, sample, write_texts, write_xlsx};

/// A temporary folder with the sample workbook as `data/m.xlsx`.
fn sample_dir() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    write_texts(&dir.path().join("data"));
    write_xlsx(&dir.path().join("data/m.xlsx"), &sample::sheets());
    dir
}

#[test]
fn shards_are_disjoint_and_together_give_the_full_run() {
    let dir = sample_dir();
    let ran = missiedocs(dir.path(), &["render", "--data", "data/m.xlsx", "--out", "heel", "--quiet"]);
    assert_eq!(ran.code, 0, "{}", ran.stderr);
    let mut seen = Vec::new();
    for k in 1..=2 {
        let shard = format!("{k}/2");
        let out = format!("deel{k}");
        let ran =
            missiedocs(dir.path(), &["render", "--data", "data/m.xlsx", "--out", &out, "--quiet", "--shard", &shard]);
        assert_eq!(ran.code, 0, "{}", ran.stderr);
        for entry in std::fs::read_dir(dir.path().join(&out)).unwrap() {
            let name = entry.unwrap().file_name().into_string().unwrap();
            if name.ends_with(".pdf") {
                let bytes = std::fs::read(dir.path().join(&out).join(&name)).unwrap();
                assert_eq!(bytes, std::fs::read(dir.path().join("heel").join(&name)).unwrap(), "{name}");
                seen.push(name);
            }
        }
    }
    seen.sort();
    assert_eq!(
        seen,
        [
            "evaluatie-2020-guangdong.pdf",
            "memo-2019-werkbezoek-chengdu.pdf",
            "rib-2022-stedenband-chengdu-met-bijlagen.pdf",
            "rib-2022-stedenband-chengdu.pdf",
            "statenbrief-2020-missie-guangdong.pdf"
        ]
    );
    let bad = missiedocs(dir.path(), &["render", "--data", "data/m.xlsx", "--shard", "3/2"]);
    assert_eq!(bad.code, 2, "{}", bad.stderr);
    assert_stderr(
        &bad,
        &["fout: `--shard 3/2`: deel 3/2 bestaat niet", "hint: schrijf het deel als K/N, bijvoorbeeld 2/4"],
    );
}

/// The command docs/schaal.md gives for a Kubernetes Indexed Job: the pod's
/// `JOB_COMPLETION_INDEX` (0 to N-1) picks its part and its folder.
fn indexed_job_pod(dir: &Path, index: usize, parts: usize) -> std::process::ExitStatus {
    Command::new("sh")
        .args([
            "-c",
            &format!(
                "\"$MISSIEDOCS\" render --data data/m.xlsx --quiet \
                 --shard $((JOB_COMPLETION_INDEX + 1))/{parts} --out uit/deel-$JOB_COMPLETION_INDEX"
            ),
        ])
        .env("MISSIEDOCS", env!("CARGO_BIN_EXE_missiedocs"))
        .env("JOB_COMPLETION_INDEX", index.to_string())
        .current_dir(dir)
        .status()
        .unwrap()
}

#[test]
fn parts_of_an_indexed_job_combine_into_the_account_of_the_whole_run() {
    let dir = sample_dir();
    let whole = missiedocs(dir.path(), &["render", "--data", "data/m.xlsx", "--out", "heel", "--quiet"]);
    assert_eq!(whole.code, 0, "{}", whole.stderr);
    let whole = manifest(&dir.path().join("heel"));
    for index in 0..3 {
        assert!(indexed_job_pod(dir.path(), index, 3).success(), "pod {index}");
        let part = manifest(&dir.path().join(format!("uit/deel-{index}")));
        assert_eq!(part["deel"], serde_json::json!({"k": index + 1, "n": 3}), "{part}");
    }

    let ran = missiedocs(dir.path(), &["combine", "--out", "uit", "uit/deel-2", "uit/deel-0", "uit/deel-1"]);
    assert_eq!(ran.code, 0, "{}", ran.stderr);
    assert_stderr(&ran, &["4 gemaakt, 0 mislukt in 3 delen → uit/manifest.json"]);
    let combined = manifest(&dir.path().join("uit"));
    assert_eq!((&combined["gemaakt"], &combined["mislukt"], &combined["delen"]), (&4.into(), &0.into(), &3.into()));
    assert!(combined.get("deel").is_none(), "{combined}");
    // Every document once, in the order of the Documenten sheet, as the whole run.
    let ids = |m: &serde_json::Value| -> Vec<String> {
        m["documenten"].as_array().unwrap().iter().map(|d| d["document"].as_str().unwrap().to_string()).collect()
    };
    assert_eq!(ids(&combined), ids(&whole));
    for id in ids(&whole) {
        let (theirs, ours) = (entry(&whole, &id), entry(&combined, &id));
        assert_eq!(ours["sha256"], theirs["sha256"], "{id}");
        assert_eq!(ours["rij"], theirs["rij"], "{id}");
        // The file names lead from the combined manifest to the part's PDF.
        let file = ours["bestand"].as_str().unwrap();
        assert!(file.starts_with("deel-") && file.ends_with(theirs["bestand"].as_str().unwrap()), "{file}");
        let bytes = std::fs::read(dir.path().join("uit").join(file)).unwrap();
        assert_eq!(bytes, std::fs::read(dir.path().join("heel").join(theirs["bestand"].as_str().unwrap())).unwrap());
        if let Some(merged) = ours["met_bijlagen"]["bestand"].as_str() {
            assert!(dir.path().join("uit").join(merged).is_file(), "{merged}");
        }
    }

    // A part missing: an error naming it, and no account that looks complete.
    let ran = missiedocs(dir.path(), &["combine", "--out", "samen", "uit/deel-0", "uit/deel-2"]);
    assert_eq!(ran.code, 2, "{}", ran.stderr);
    assert_stderr(
        &ran,
        &[
            "fout: deel 2/3 ontbreekt; zonder alle delen is de verantwoording niet volledig",
            "hint: maak de ontbrekende delen met `missiedocs render --shard K/3`",
        ],
    );
    assert!(!dir.path().join("samen").exists());
    // A part given twice, a whole run given as a part, a part that cannot be, a folder without a manifest.
    std::fs::create_dir_all(dir.path().join("uit/vreemd")).unwrap();
    std::fs::write(dir.path().join("uit/vreemd/manifest.json"), r#"{"deel": {"k": 5, "n": 3}, "documenten": []}"#)
        .unwrap();
    for (args, expected) in [
        (
            &["uit/deel-0", "uit/deel-0", "uit/deel-1", "uit/deel-2"][..],
            "fout: deel 1/3 staat zowel in `uit/deel-0` als in `uit/deel-0`",
        ),
        (&["heel", "uit/deel-0"], "fout: `heel/manifest.json` is geen manifest van een deel van een run (geen `deel`)"),
        (&["uit/leeg"], "fout: `uit/leeg/manifest.json` kan niet worden gelezen"),
        (
            &["uit/vreemd"],
            "fout: `uit/vreemd/manifest.json` is geen manifest van een deel van een run (deel 5/3 bestaat niet)",
        ),
    ] {
        let ran = missiedocs(dir.path(), &[&["combine", "--out", "samen"][..], args].concat());
        assert_eq!(ran.code, 2, "{args:?}: {}", ran.stderr);
        assert_stderr(&ran, &[expected]);
        assert!(!dir.path().join("samen").exists(), "{args:?}");
    }
    let ran = missiedocs(dir.path(), &["combine", "--out", "uit/deel-0", "uit/deel-0", "uit/deel-1", "uit/deel-2"]);
    assert_eq!(ran.code, 2, "{}", ran.stderr);
    assert_stderr(
        &ran,
        &["fout: `uit/deel-0` is de map van deel 1/3; de samengevoegde verantwoording zou zijn manifest overschrijven"],
    );
    assert_eq!(manifest(&dir.path().join("uit/deel-0"))["deel"]["k"], 1, "the part's manifest is untouched");
}

/// A document that failed in its part is failed in the account, with its
/// reasons, and `combine` exits 1 like the run did.
#[test]
fn a_failed_document_stays_failed_in_the_combined_account() {
    let dir = sample_dir();
    std::fs::remove_file(dir.path().join("data/teksten/werkbezoek-chengdu.md")).unwrap();
    // Two rows without an id: each fails on its own row, and neither is taken
    // for the other.
    let mut sheets = sample::sheets();
    let documenten = sheets.iter_mut().find(|s| s.name == "Documenten").unwrap();
    for _ in 0..2 {
        let mut blank = documenten.rows[2].clone();
        blank[0] = crate::support::V::E;
        documenten.rows.push(blank);
    }
    write_xlsx(&dir.path().join("data/m.xlsx"), &sheets);
    let mut codes = Vec::new();
    for k in 1..=2 {
        let out = format!("uit/deel-{k}");
        let ran = missiedocs(
            dir.path(),
            &["render", "--data", "data/m.xlsx", "--quiet", "--shard", &format!("{k}/2"), "--out", &out],
        );
        codes.push(ran.code);
    }
    assert!(codes.contains(&1), "{codes:?}");
    let ran = missiedocs(dir.path(), &["--lang", "en", "combine", "--out", "uit", "uit/deel-1", "uit/deel-2"]);
    assert_eq!(ran.code, 1, "{}", ran.stderr);
    assert_stderr(
        &ran,
        &[
            "error: document `memo-2019-werkbezoek-chengdu` was not made:",
            "teksten/werkbezoek-chengdu.md",
            "3 made, 3 failed in 2 parts → uit/manifest.json",
        ],
    );
    let combined = manifest(&dir.path().join("uit"));
    let memo = entry(&combined, "memo-2019-werkbezoek-chengdu");
    assert_eq!(memo["status"], "fout");
    assert_eq!((&memo["fouten"][0]["kolom"], &memo["fouten"][0]["rij"]), (&"Tekst".into(), &4.into()), "{memo}");
    assert_eq!(combined["mislukt"], 3);
    let blank: Vec<&serde_json::Value> =
        combined["documenten"].as_array().unwrap().iter().filter(|d| d["document"] == "").collect();
    assert_eq!((blank[0]["rij"].clone(), blank[1]["rij"].clone()), (7.into(), 8.into()), "{combined}");
    assert!(blank.iter().all(|d| d["status"] == "fout"));
}

/// Parts are one run by the data's contents, not by how its path is
/// spelled; a part whose data, or whose files, changed since is refused.
#[test]
fn parts_of_other_data_or_with_changed_files_are_not_combined() {
    let dir = sample_dir();
    let part = |k: usize, data: &str| {
        let ran = missiedocs(
            dir.path(),
            &["render", "--data", data, "--quiet", "--shard", &format!("{k}/2"), "--out", &format!("uit/deel-{k}")],
        );
        assert_eq!(ran.code, 0, "{}", ran.stderr);
    };
    part(1, "./data/m.xlsx");
    part(2, "data/m.xlsx");
    let combine = || missiedocs(dir.path(), &["combine", "--out", "uit", "uit/deel-1", "uit/deel-2"]);
    let ran = combine();
    assert_eq!(ran.code, 0, "{}", ran.stderr);
    let digest = manifest(&dir.path().join("uit"))["gegevens_sha256"].as_str().unwrap().to_string();
    assert_eq!(digest.len(), 64);

    // A PDF of a part deleted, or changed, since the part was made.
    let listed = manifest(&dir.path().join("uit/deel-1"));
    let pdf = listed["documenten"][0]["bestand"].as_str().unwrap().to_string();
    let path = dir.path().join("uit/deel-1").join(&pdf);
    let bytes = std::fs::read(&path).unwrap();
    std::fs::remove_file(&path).unwrap();
    let ran = combine();
    assert_eq!(ran.code, 2, "{}", ran.stderr);
    assert_stderr(
        &ran,
        &[&format!("fout: `{pdf}` staat in het manifest van `uit/deel-1`, maar het bestand is er niet")],
    );
    let mut changed = bytes.clone();
    changed[bytes.len() / 2] ^= 1;
    std::fs::write(&path, changed).unwrap();
    let ran = combine();
    assert_eq!(ran.code, 2, "{}", ran.stderr);
    assert_stderr(&ran, &[&format!("fout: `{pdf}` in `uit/deel-1` is veranderd sinds het deel werd gemaakt")]);
    std::fs::write(&path, bytes).unwrap();
    assert_eq!(combine().code, 0);

    // The workbook changed between the parts.
    let mut sheets = sample::sheets();
    let afzender = sheets.iter_mut().find(|s| s.name == "Afzender").unwrap();
    let naam =
        afzender.rows.iter().position(|r| matches!(r.first(), Some(crate::support::V::T(k)) if k == "naam")).unwrap();
    afzender.rows[naam][1] = crate::support::V::from("Gemeente Anders");
    write_xlsx(&dir.path().join("data/m.xlsx"), &sheets);
    part(2, "data/m.xlsx");
    let ran = combine();
    assert_eq!(ran.code, 2, "{}", ran.stderr);
    assert_stderr(&ran, &["fout: `uit/deel-1` en `uit/deel-2` zijn geen delen van dezelfde run"]);
}

/// A run stopped half-way leaves a manifest that says it did not finish
/// and lists nothing, never the account of an earlier run beside files it
/// did not write; `combine` refuses such a part.
#[test]
fn an_interrupted_run_leaves_a_manifest_that_says_so() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let members: Vec<String> = (0..400).map(|i| format!("Lid {i}")).collect();
    let mut rows: Vec<&[&str]> = vec![&["missie", "naam", "adres", "postcode", "plaats"]];
    let member_rows: Vec<[&str; 5]> =
        members.iter().map(|m| ["M1", m.as_str(), "Laan 1", "3511 AB", "Utrecht"]).collect();
    rows.extend(member_rows.iter().map(|r| &r[..]));
    let sheets = [
        crate::support::Sheet::text("Afzender", &[&["veld", "waarde"], &["naam", "Gemeente Utrecht"]]),
        crate::support::Sheet::text(
            "Missies",
            &[
                &["missie", "titel", "richting", "partner", "begindatum"],
                &["M1", "Missie", "uitgaand", "Tartu", "1-5-2022"],
            ],
        ),
        crate::support::Sheet::text("Deelnemers", &rows),
        crate::support::Sheet::text(
            "Documenten",
            &[
                &["document", "sjabloon", "onderwerp", "datum", "missie", "per"],
                &["dank", "brief", "Dank", "3-10-2022", "M1", "deelnemer"],
            ],
        ),
    ];
    crate::support::write_csv_dir(&data, &sheets, false);
    let out = dir.path().join("uit");
    let first = missiedocs(dir.path(), &["render", "--data", "data", "--out", "uit", "--quiet", "--shard", "1/1"]);
    assert_eq!(first.code, 0, "{}", first.stderr);
    assert_eq!(manifest(&out)["gemaakt"], 400);
    // Again, stopped as soon as its first PDF is written anew.
    let pdf = out.join("dank-lid-0.pdf");
    let before = std::fs::metadata(&pdf).unwrap().modified().unwrap();
    let mut child = Command::new(env!("CARGO_BIN_EXE_missiedocs"))
        .args(["render", "--data", "data", "--out", "uit", "--quiet", "--shard", "1/1", "--jobs", "1"])
        .current_dir(dir.path())
        .spawn()
        .unwrap();
    let started = std::time::Instant::now();
    while std::fs::metadata(&pdf).and_then(|m| m.modified()).is_ok_and(|m| m == before) {
        assert!(started.elapsed().as_secs() < 60, "no PDF written");
        std::thread::sleep(std::time::Duration::from_millis(1));
    }
    child.kill().unwrap();
    child.wait().unwrap();
    let left = manifest(&out);
    assert_eq!(left["bezig"], true, "{left}");
    assert_eq!(left["documenten"], serde_json::json!([]), "{left}");
    let ran = missiedocs(dir.path(), &["combine", "--out", "samen", "uit"]);
    assert_eq!(ran.code, 2, "{}", ran.stderr);
    assert_stderr(&ran, &["de run van dit deel is niet afgemaakt; maak het deel opnieuw"]);
    // Run to its end, the account is whole again.
    let again = missiedocs(dir.path(), &["render", "--data", "data", "--out", "uit", "--quiet", "--shard", "1/1"]);
    assert_eq!(again.code, 0, "{}", again.stderr);
    let whole = manifest(&out);
    assert!(whole.get("bezig").is_none() && whole["gemaakt"] == 400, "{whole}");
}
