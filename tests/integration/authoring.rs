//! Template authoring: an organisation's own templates override the built-in
//! ones by name, `templates` says where each comes from, templates cannot
//! read outside their sandbox, errors point at the template line, and
//! `watch` re-renders what a change affects.

use std::path::Path;

use crate::support::register::{LETTER, MEMO, data_dir};
use crate::support::{assert_holds, assert_stderr, entry, missiedocs, pdf_text, sample, write_xlsx};

/// The sample data in `dir/data`.
fn sample_data(dir: &Path) {
    let data = dir.join("data");
    crate::support::write_texts(&data);
    write_xlsx(&data.join("missies.xlsx"), &sample::sheets());
}

/// A house-style memo template: the built-in letter layout plus a marker line.
fn memo_template(marker: &str) -> String {
    format!(
        "#import \"lib/brief.typ\": brief\n#let d = json(\"/data.json\")\n#brief(d)\n#text(weight: \"bold\")[{marker}]\n"
    )
}

fn write(path: &Path, text: &str) {
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, text).unwrap();
}

#[test]
fn own_templates_override_by_name_and_the_listing_says_where_each_comes_from() {
    let dir = tempfile::tempdir().unwrap();
    sample_data(dir.path());
    write(&dir.path().join("data/sjablonen/collegememo.typ"), &memo_template("Huisstijl naast de gegevens"));
    write(&dir.path().join("eigen/collegememo.typ"), &memo_template("Huisstijl uit de opgegeven map"));

    // `sjablonen/` beside the data is found by itself; the letter stays built in.
    let ran = missiedocs(dir.path(), &["render", "--data", "data/missies.xlsx", "--out", "a", "--quiet"]);
    assert_eq!(ran.code, 0, "{}", ran.stderr);
    let memo = pdf_text(&dir.path().join(format!("a/{MEMO}.pdf")));
    assert_holds("memo", &memo, &["Huisstijl naast de gegevens", "Werkbezoek Chengdu"]);
    let letter = pdf_text(&dir.path().join(format!("a/{LETTER}.pdf")));
    assert!(!letter.contains("Huisstijl"), "{letter}");
    assert_holds("letter", &letter, &["Raadsinformatiebrief", "ONDERWERP Stedenband Chengdu"]);

    // `--templates` wins over the folder beside the data.
    let ran = missiedocs(
        dir.path(),
        &["render", "--data", "data/missies.xlsx", "--templates", "eigen", "--out", "b", "--quiet", "--only", MEMO],
    );
    assert_eq!(ran.code, 0, "{}", ran.stderr);
    let memo = pdf_text(&dir.path().join(format!("b/{MEMO}.pdf")));
    assert!(memo.contains("Huisstijl uit de opgegeven map") && !memo.contains("naast de gegevens"), "{memo}");

    let ran = missiedocs(dir.path(), &["templates", "--data", "data/missies.xlsx"]);
    assert_eq!(ran.code, 0, "{}", ran.stderr);
    assert_holds(
        "listing",
        &ran.stdout,
        &[
            "eigen sjablonen: data/sjablonen",
            "collegememo\n  bron: data/sjablonen/collegememo.typ (vervangt het ingebouwde)\n  velden: aan, aanhef, afzender.bezoekadres,",
            "raadsinformatiebrief\n  bron: templates/raadsinformatiebrief.typ (ingebouwd)\n",
            "evaluatie\n  bron: templates/evaluatie.typ (ingebouwd)\n",
        ],
    );
    let letter_fields = ran.stdout.split("raadsinformatiebrief\n").nth(1).unwrap().lines().nth(1).unwrap();
    for field in ["afzender.naam", "onderwerp", "datum", "tekst", "bijlagen", "ondertekenaar"] {
        assert!(letter_fields.split(", ").any(|f| f.trim_start_matches("  velden: ") == field), "{letter_fields}");
    }
}

#[test]
fn templates_cannot_read_outside_their_folder_and_the_data() {
    let dir = tempfile::tempdir().unwrap();
    sample_data(dir.path());
    let template = dir.path().join("data/sjablonen/collegememo.typ");
    for (source, expected) in [
        ("#read(\"/etc/passwd\")", "`/etc/passwd` bestaat niet in de sjablonen; een sjabloon leest alleen bestanden"),
        ("#read(\"../../../../../etc/passwd\")", "hint: een sjabloon leest alleen bestanden uit de sjabloonmap"),
        ("#image(\"/gegevens/../../etc/passwd\")", "hint: een sjabloon leest alleen bestanden uit de sjabloonmap"),
    ] {
        write(&template, &format!("#let d = json(\"/data.json\")\n\n{source}\n"));
        let ran = missiedocs(
            dir.path(),
            &["render", "--data", "data/missies.xlsx", "--out", "uit", "--quiet", "--only", MEMO],
        );
        assert_eq!(ran.code, 1, "{source}: {}", ran.stderr);
        assert_stderr(&ran, &["data/sjablonen/collegememo.typ:3:", &format!("3 │ {source}"), expected]);
        assert!(!ran.stderr.contains("root:") && !ran.stderr.contains("--root"), "{}", ran.stderr);
        assert!(!dir.path().join(format!("uit/{MEMO}.pdf")).exists());
    }
    // Files in the template folder and the data folder are reachable.
    write(&dir.path().join("data/sjablonen/kop.txt"), "Kop uit de sjabloonmap");
    write(
        &template,
        "#let d = json(\"/data.json\")\n#set document(title: d.onderwerp)\n#read(\"kop.txt\")\n\n#read(\"/gegevens/teksten/werkbezoek-chengdu.md\").len()\n",
    );
    let ran =
        missiedocs(dir.path(), &["render", "--data", "data/missies.xlsx", "--out", "uit", "--quiet", "--only", MEMO]);
    assert_eq!(ran.code, 0, "{}", ran.stderr);
    assert!(pdf_text(&dir.path().join(format!("uit/{MEMO}.pdf"))).contains("Kop uit de sjabloonmap"));
}

#[test]
fn a_broken_template_is_shown_like_a_compiler_shows_it() {
    let dir = tempfile::tempdir().unwrap();
    sample_data(dir.path());
    write(
        &dir.path().join("data/sjablonen/collegememo.typ"),
        "#let d = json(\"/data.json\")\n#let titel = d.onderwerp\n#text(size: 12pt, d.onbekend)\n",
    );
    let ran = missiedocs(dir.path(), &["render", "--data", "data/missies.xlsx", "--out", "uit", "--quiet"]);
    assert_eq!(ran.code, 1, "{}", ran.stderr);
    assert_stderr(
        &ran,
        &[
            "fout: document `memo-2019-werkbezoek-chengdu` is niet gemaakt:",
            "error: dictionary does not contain key \"onbekend\"",
            "┌─ data/sjablonen/collegememo.typ:3:20",
            "3 │ #text(size: 12pt, d.onbekend)\n",
            "  │                     ^^^^^^^^\n",
            "3 gemaakt, 1 mislukt",
        ],
    );
    // A text template error: file, line and column, the line, a marker, a hint.
    let text = dir.path().join("data/teksten/werkbezoek-chengdu.md");
    write(&text, "Het werkbezoek {{ missie.titel }\n");
    let ran = missiedocs(dir.path(), &["check", "--data", "data/missies.xlsx"]);
    assert_eq!(ran.code, 1, "{}", ran.stderr);
    assert_stderr(
        &ran,
        &[
            "┌─ teksten/werkbezoek-chengdu.md:1:32",
            "1 │ Het werkbezoek {{ missie.titel }\n",
            "  │                                ^\n",
            "= hint: waarden staan tussen `{{` en `}}`",
        ],
    );
}

/// What Typst refuses in an own template is found by `check` as by
/// `render`, for the same documents: here a call that fails only for one
/// letter's data, and a syntax error in an own file the templates import.
#[test]
fn check_typesets_what_uses_an_own_template_and_agrees_with_render() {
    let dir = tempfile::tempdir().unwrap();
    sample_data(dir.path());
    let template = dir.path().join("data/sjablonen/raadsinformatiebrief.typ");
    write(
        &template,
        "#import \"lib/brief.typ\": brief\n#let d = json(\"/data.json\")\n#if d.onderwerp.contains(\"Chengdu\") { d.onbekend }\n#brief(d)\n",
    );
    let check = missiedocs(dir.path(), &["check", "--data", "data/missies.xlsx"]);
    assert_eq!(check.code, 1, "{}", check.stderr);
    assert_stderr(
        &check,
        &[
            "fout: data/missies.xlsx, blad `Documenten`, rij 3, kolom `Sjabloon`: sjabloon `raadsinformatiebrief` kan document `rib-2022-stedenband-chengdu` niet opmaken",
            "error: dictionary does not contain key \"onbekend\"",
            "┌─ data/sjablonen/raadsinformatiebrief.typ:3:",
            "1 probleem gevonden",
        ],
    );
    let render = missiedocs(dir.path(), &["render", "--data", "data/missies.xlsx", "--out", "uit", "--quiet"]);
    assert_eq!(render.code, 1, "{}", render.stderr);
    assert_stderr(
        &render,
        &[
            &format!("fout: document `{LETTER}` is niet gemaakt:"),
            "error: dictionary does not contain key \"onbekend\"",
            "3 gemaakt, 1 mislukt",
        ],
    );
    assert!(!dir.path().join(format!("uit/{LETTER}.pdf")).exists());
    assert!(dir.path().join("uit/statenbrief-2020-missie-guangdong.pdf").exists());

    // An own house-style file with a syntax error stops every document whose
    // template imports it, in both commands; the evaluation report does not
    // import it and is made.
    std::fs::remove_file(&template).unwrap();
    let builtin = std::fs::read_to_string(crate::support::root().join("templates/lib/brief.typ")).unwrap();
    write(&dir.path().join("data/sjablonen/lib/brief.typ"), &format!("{builtin}\n#let kapot = (1, 2\n"));
    let check = missiedocs(dir.path(), &["check", "--data", "data/missies.xlsx"]);
    assert_eq!(check.code, 1, "{}", check.stderr);
    assert_stderr(&check, &["error: unclosed delimiter", "data/sjablonen/lib/brief.typ:", "3 problemen gevonden"]);
    let render = missiedocs(dir.path(), &["render", "--data", "data/missies.xlsx", "--out", "uit2", "--quiet"]);
    assert_eq!(render.code, 1, "{}", render.stderr);
    assert_stderr(&render, &["error: unclosed delimiter", "1 gemaakt, 3 mislukt"]);
    for id in [LETTER, MEMO, "statenbrief-2020-missie-guangdong"] {
        assert!(check.stderr.contains(&format!("kan document `{id}` niet opmaken")), "{id}: {}", check.stderr);
        assert!(render.stderr.contains(&format!("document `{id}` is niet gemaakt")), "{id}: {}", render.stderr);
    }
    assert!(dir.path().join("uit2/evaluatie-2020-guangdong.pdf").exists());

    // A picture without a description: PDF/UA refuses it, PDF/A-2b does not;
    // `check` holds the documents to the standard `render` will use.
    std::fs::remove_file(dir.path().join("data/sjablonen/lib/brief.typ")).unwrap();
    write(
        &dir.path().join("data/plaatje.svg"),
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"10\" height=\"10\"><rect width=\"10\" height=\"10\"/></svg>",
    );
    write(&dir.path().join("data/sjablonen/collegememo.typ"), "Hallo #image(\"/gegevens/plaatje.svg\")\n");
    let check = missiedocs(dir.path(), &["check", "--data", "data/missies.xlsx"]);
    assert_eq!(check.code, 1, "{}", check.stderr);
    assert_stderr(&check, &[&format!("kan document `{MEMO}` niet opmaken"), "missing alt text", "1 probleem gevonden"]);
    let check = missiedocs(dir.path(), &["check", "--data", "data/missies.xlsx", "--pdf-standard", "a-2b"]);
    assert_eq!(check.code, 0, "{}", check.stderr);
    let render = missiedocs(
        dir.path(),
        &["render", "--data", "data/missies.xlsx", "--out", "uit3", "--quiet", "--pdf-standard", "a-2b"],
    );
    assert_eq!(render.code, 0, "{}", render.stderr);
    assert!(dir.path().join(format!("uit3/{MEMO}.pdf")).exists());

    // An own template saved in another encoding than UTF-8 is tried too.
    let mut latin1 = b"#import \"lib/brief.typ\": brief\n#let x = \"caf".to_vec();
    latin1.extend(b"\xe9\"\n#brief(json(\"/data.json\"))\n");
    std::fs::write(&template, latin1).unwrap();
    let check = missiedocs(dir.path(), &["check", "--data", "data/missies.xlsx", "--pdf-standard", "a-2b"]);
    assert_eq!(check.code, 1, "{}", check.stderr);
    let named = "data/sjablonen/raadsinformatiebrief.typ` is geen UTF-8-tekst; sla het bestand op als UTF-8";
    assert_stderr(&check, &[&format!("kan document `{LETTER}` niet opmaken"), named, "2 problemen"]);
}

/// A `watch` of the sample into `out`, its stderr read as it comes (so a
/// test knows when watching has begun).
#[cfg(unix)]
struct Watching {
    child: std::process::Child,
    log: std::sync::Arc<std::sync::Mutex<String>>,
    reader: std::thread::JoinHandle<()>,
}

#[cfg(unix)]
fn watching(dir: &Path, out: &str) -> Watching {
    use std::io::Read;
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_missiedocs"))
        .args(["watch", "--data", "data/missies.xlsx", "--out", out])
        .current_dir(dir)
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let log = std::sync::Arc::new(std::sync::Mutex::new(String::new()));
    let (shared, mut stderr) = (log.clone(), child.stderr.take().unwrap());
    let reader = std::thread::spawn(move || {
        let mut buf = [0u8; 4096];
        while let Ok(n) = stderr.read(&mut buf) {
            if n == 0 {
                break;
            }
            shared.lock().unwrap().push_str(&String::from_utf8_lossy(&buf[..n]));
        }
    });
    Watching { child, log, reader }
}

/// Waits until `done`, at most a minute: a test fails rather than hangs.
#[track_caller]
fn wait_for(what: &str, done: &dyn Fn() -> bool) {
    let start = std::time::Instant::now();
    while !done() {
        assert!(start.elapsed() < std::time::Duration::from_secs(60), "waited in vain for {what}");
        std::thread::sleep(std::time::Duration::from_millis(100));
    }
}

/// `watch` renders, re-renders the document whose text changed, and stops
/// cleanly on Ctrl-C. Waits are bounded; the test fails rather than hangs.
#[cfg(unix)]
#[test]
fn watch_rerenders_a_changed_text_and_stops_on_ctrl_c() {
    use std::process::Command;
    use std::time::{Duration, Instant};

    let dir = tempfile::tempdir().unwrap();
    sample_data(dir.path());
    let Watching { mut child, log, reader } = watching(dir.path(), "uit");
    let memo = dir.path().join(format!("uit/{MEMO}.pdf"));
    let letter = dir.path().join(format!("uit/{LETTER}.pdf"));
    let logged = |piece: &str| log.lock().unwrap().contains(piece);
    wait_for("watching to begin", &|| logged("(Ctrl-C om te stoppen)"));
    assert!(memo.exists() && letter.exists(), "{}", log.lock().unwrap());
    let letter_made = std::fs::metadata(&letter).unwrap().modified().unwrap();

    let text = dir.path().join("data/teksten/werkbezoek-chengdu.md");
    let mut body = std::fs::read_to_string(&text).unwrap();
    body.push_str("\nDeze zin kwam erbij terwijl missiedocs keek.\n");
    std::fs::write(&text, body).unwrap();
    wait_for("the memo with the new sentence", &|| {
        std::fs::read(&memo)
            .ok()
            .is_some_and(|_| pdf_text(&memo).contains("Deze zin kwam erbij terwijl missiedocs keek."))
    });
    wait_for("the round's summary", &|| logged("1 gemaakt, 0 mislukt"));
    let letter_now = std::fs::metadata(&letter).unwrap().modified().unwrap();
    assert_eq!(letter_now, letter_made, "the letter does not use that text:\n{}", log.lock().unwrap());

    // The shell's own `kill`: no procps needed.
    let status = Command::new("sh").args(["-c", &format!("kill -INT {}", child.id())]).status().unwrap();
    assert!(status.success());
    let start = Instant::now();
    let exit = loop {
        if let Some(exit) = child.try_wait().unwrap() {
            break exit;
        }
        assert!(start.elapsed() < Duration::from_secs(20), "watch did not stop on Ctrl-C");
        std::thread::sleep(Duration::from_millis(50));
    };
    reader.join().unwrap();
    let stderr = log.lock().unwrap().clone();
    assert!(exit.success(), "{exit:?}\n{stderr}");
    assert_holds(
        "watch log",
        &stderr,
        &[
            "4 gemaakt, 0 mislukt",
            "kijkt naar wijzigingen in `data` (Ctrl-C om te stoppen)",
            "teksten/werkbezoek-chengdu.md`",
            "1 gemaakt, 0 mislukt",
            "gestopt met kijken",
        ],
    );
    let leftovers: Vec<_> = std::fs::read_dir(dir.path().join("uit"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".tmp"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

/// The sample with the memo's row set to template `sjabloon`.
fn memo_as(dir: &Path, sjabloon: &str) {
    let data = dir.join("data");
    crate::support::write_texts(&data);
    let mut sheets = sample::sheets();
    let docs = sheets.iter_mut().find(|s| s.name == "Documenten").unwrap();
    // Row 1 is a title, row 2 the header: `Document`, `Sjabloon`, …
    let row = docs.rows.iter().position(|r| matches!(&r[0], crate::support::V::T(t) if t == MEMO)).unwrap();
    docs.rows[row][1] = crate::support::V::from(sjabloon);
    write_xlsx(&data.join("missies.xlsx"), &sheets);
}

/// A document's kind comes from its template's declaration, else its name,
/// and decides at once what it prints and how the Woo metadata files it.
#[test]
fn a_templates_kind_decides_its_words_and_its_woo_category() {
    let plain = "#import \"lib/brief.typ\": brief\n#brief(json(\"/data.json\"))\n";
    for (template, source) in [
        // No declaration: the name says memo.
        ("memo-wethouder", plain.to_string()),
        // A name that says nothing, and a declaration.
        ("huisstijl-b", format!("// Eigen sjabloon\n// soort: Collegememo\n{plain}")),
    ] {
        let dir = tempfile::tempdir().unwrap();
        memo_as(dir.path(), template);
        write(&dir.path().join(format!("data/sjablonen/{template}.typ")), &source);
        let ran = missiedocs(
            dir.path(),
            &["render", "--data", "data/missies.xlsx", "--out", "uit", "--quiet", "--woo", "--only", MEMO],
        );
        assert_eq!(ran.code, 0, "{template}: {}", ran.stderr);
        let text = pdf_text(&dir.path().join(format!("uit/{MEMO}.pdf")));
        assert_holds(template, &text, &["Collegememo", "Aan het college van B en W", "Geachte collegeleden,"]);
        let woo = std::fs::read_to_string(dir.path().join(format!("uit/{MEMO}.diwoo.xml"))).unwrap();
        assert!(woo.contains(">vergaderstuk<") && !woo.contains(">brief<"), "{template}: {woo}");
    }

    // A kind that does not exist stops the document in check and render alike.
    let dir = tempfile::tempdir().unwrap();
    memo_as(dir.path(), "huisstijl-c");
    write(&dir.path().join("data/sjablonen/huisstijl-c.typ"), &format!("// soort: notitie\n{plain}"));
    let checked = missiedocs(dir.path(), &["check", "--data", "data/missies.xlsx"]);
    assert_eq!(checked.code, 1, "{}", checked.stderr);
    let expected = [
        "blad `Documenten`",
        "kolom `Sjabloon`: sjabloon `huisstijl-c` noemt als soort `notitie`, die niet bestaat",
        "hint: schrijf bovenaan het sjabloon `// soort: ` met een van: raadsinformatiebrief, collegememo, evaluatie",
    ];
    assert_stderr(&checked, &expected);
    let ran = missiedocs(dir.path(), &["render", "--data", "data/missies.xlsx", "--out", "uit", "--quiet"]);
    assert_eq!(ran.code, 1, "{}", ran.stderr);
    assert_stderr(&ran, &[&format!("document `{MEMO}` is niet gemaakt"), expected[1]]);
    assert!(!dir.path().join(format!("uit/{MEMO}.pdf")).exists());
    assert!(dir.path().join(format!("uit/{LETTER}.pdf")).exists());
}

#[test]
fn typst_warnings_are_shown_with_the_document_and_kept() {
    let dir = data_dir(&sample::sheets());
    let own = dir.path().join("sjablonen");
    std::fs::create_dir_all(&own).unwrap();
    std::fs::write(
        own.join("collegememo.typ"),
        "#set text(font: \"Geen Bestaand Lettertype\")\n#import \"lib/brief.typ\": brief\n#brief(json(\"/data.json\"))\n",
    )
    .unwrap();
    let ran = missiedocs(dir.path(), &["render", "--data", "register.xlsx", "--out", "uit", "--quiet"]);
    assert_eq!(ran.code, 0, "{}", ran.stderr);
    assert_stderr(&ran, &[&format!("waarschuwing: document `{MEMO}`:"), "unknown font family"]);
    let manifest = crate::support::manifest(&dir.path().join("uit"));
    let warnings = entry(&manifest, MEMO)["waarschuwingen"].as_array().unwrap();
    assert!(warnings.iter().any(|w| w.as_str().unwrap().contains("geen bestaand lettertype")), "{warnings:?}");
    assert!(entry(&manifest, LETTER).get("waarschuwingen").is_none());
}

/// `watch` with its output folder inside the data folder (and not there
/// yet), and a log written into the data folder: neither starts a round;
/// a change to a text does.
#[cfg(unix)]
#[test]
fn watch_ignores_its_own_output_and_files_no_run_reads() {
    use std::io::Write;
    use std::process::Command;
    use std::time::Duration;

    let dir = tempfile::tempdir().unwrap();
    sample_data(dir.path());
    let Watching { mut child, log, reader } = watching(dir.path(), "data/uitvoer");
    let rounds = || log.lock().unwrap().matches(" mislukt in ").count();
    wait_for("watching to begin", &|| log.lock().unwrap().contains("(Ctrl-C om te stoppen)"));
    // A log into the data folder, written for three seconds.
    let mut file = std::fs::File::create(dir.path().join("data/watch.log")).unwrap();
    for i in 0..30 {
        writeln!(file, "regel {i}").unwrap();
        file.flush().unwrap();
        std::thread::sleep(Duration::from_millis(100));
    }
    std::thread::sleep(Duration::from_secs(1));
    assert_eq!(rounds(), 1, "only the first round:\n{}", log.lock().unwrap());
    // A text changed: one round more.
    let text = dir.path().join("data/teksten/werkbezoek-chengdu.md");
    let body = std::fs::read_to_string(&text).unwrap();
    std::fs::write(&text, format!("{body}\nEen zin erbij.\n")).unwrap();
    wait_for("the round after the change", &|| rounds() == 2);
    std::thread::sleep(Duration::from_secs(2));
    assert_eq!(rounds(), 2, "its own writes start no round:\n{}", log.lock().unwrap());
    let _ = Command::new("sh").args(["-c", &format!("kill -INT {}", child.id())]).status();
    let _ = child.wait();
    reader.join().unwrap();
}

/// A name the data does not have, given to a filter, is an error (it would
/// print nothing), in `check` and `render` alike, with the closest name.
#[test]
fn a_mistyped_name_given_to_a_filter_stops_its_document_with_the_closest_name() {
    let dir = tempfile::tempdir().unwrap();
    sample_data(dir.path());
    let text = dir.path().join("data/teksten/werkbezoek-chengdu.md");
    let body =
        std::fs::read_to_string(&text).unwrap().replace("{{ missie.kosten|bedrag }}", "{{ missie.kostn|bedrag }}");
    std::fs::write(&text, body).unwrap();
    let check = missiedocs(dir.path(), &["check", "--data", "data/missies.xlsx"]);
    let render = missiedocs(dir.path(), &["render", "--data", "data/missies.xlsx", "--out", "uit"]);
    for ran in [&check, &render] {
        assert_eq!(ran.code, 1, "{}", ran.stderr);
        assert_stderr(
            ran,
            &["teksten/werkbezoek-chengdu.md, regel 21: onbekende waarde `missie.kostn`; bedoelt u `missie.kosten`?"],
        );
        assert!(!ran.stderr.contains("error:") && !ran.stderr.contains("is undefined"), "{}", ran.stderr);
    }
    assert!(!dir.path().join(format!("uit/{MEMO}.pdf")).exists());
}

/// An organisation that made only the house style its own, with a copy from
/// before December 2026 (`set document` before the body, no page values),
/// still gets every document from the built-in layouts, and the same PDFs
/// as with the built-in house style, whose metadata comes last.
#[test]
fn an_own_house_style_of_an_earlier_version_still_makes_every_document() {
    let dir = tempfile::tempdir().unwrap();
    sample_data(dir.path());
    let builtin = std::fs::read_to_string(crate::support::root().join("templates/lib/huisstijl.typ")).unwrap();
    // The earlier file: the same rules, `set document(…)` first.
    let start = builtin.find("  set document(").unwrap();
    let end = start + builtin[start..].find("  )\n").unwrap() + "  )\n".len();
    let set_document = &builtin[start..end];
    let without = format!("{}{}", &builtin[..start], &builtin[end..]);
    let anchor = "  let eigen = d.afzender";
    assert!(without.contains(anchor) && !without.contains("  set document("), "{without}");
    let earlier = without.replacen(anchor, &format!("{set_document}{anchor}"), 1);
    assert!(!earlier.contains("<missiedocs-paginawaarden>"), "an earlier house style knows nothing of the page values");
    write(&dir.path().join("data/sjablonen/lib/huisstijl.typ"), &earlier);

    let own = missiedocs(dir.path(), &["render", "--data", "data/missies.xlsx", "--out", "eigen", "--quiet"]);
    assert_eq!(own.code, 0, "{}", own.stderr);
    std::fs::remove_dir_all(dir.path().join("data/sjablonen")).unwrap();
    let ours = missiedocs(dir.path(), &["render", "--data", "data/missies.xlsx", "--out", "ingebouwd", "--quiet"]);
    assert_eq!(ours.code, 0, "{}", ours.stderr);
    for id in [LETTER, MEMO, "statenbrief-2020-missie-guangdong", "evaluatie-2020-guangdong"] {
        let read = |folder: &str| std::fs::read(dir.path().join(folder).join(format!("{id}.pdf"))).unwrap();
        assert!(read("eigen") == read("ingebouwd"), "{id}: the earlier house style makes other bytes");
    }
}
