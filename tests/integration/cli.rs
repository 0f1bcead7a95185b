//! The command line: `check` lists every problem with its place, a failing
//! document does not stop the others, data that cannot be read exits 2,
//! arguments that cannot mean what the user wants are refused with a hint,
//! own templates override built-in ones (and `--emit-typst` writes the
//! project), and a document over the time limit is given up.

use crate::letters::{TYPED_TEXT, sample_dir, typed_by_hand};
use crate::support::{V, assert_holds, assert_stderr, missiedocs, pdf_text, sample, write_xlsx};

#[test]
fn check_lists_every_problem_with_its_place() {
    let mut sheets = typed_by_hand();
    sheets[1].rows[3][4] = V::T("31-02-2019".into());
    sheets[1].rows[4][7] = V::T("ca. twaalf miljoen".into());
    sheets[4].rows[1][1] = V::T("briefje".into());
    sheets[4].rows.push(vec![
        V::T("../../x".into()),
        V::T("collegememo".into()),
        V::T("x".into()),
        V::T("1-1-2020".into()),
        V::T("W-2099".into()),
    ]);
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("tekst.md"), TYPED_TEXT).unwrap();
    write_xlsx(&dir.path().join("fout.xlsx"), &sheets);
    let ran = missiedocs(dir.path(), &["check", "--data", "fout.xlsx"]);
    assert_eq!(ran.code, 1, "{}", ran.stderr);
    assert_stderr(
        &ran,
        &[
            "fout.xlsx, blad `MISSIES`, rij 4, kolom `Begin datum`: `31-02-2019` is geen bestaande datum",
            "fout.xlsx, blad `MISSIES`, rij 5, kolom `Kosten`: `ca. twaalf miljoen` is geen bedrag",
            "fout.xlsx, blad `Documenten`, rij 2, kolom `Sjabloon`: sjabloon `briefje` bestaat niet",
            "fout.xlsx, blad `Documenten`, rij 3, kolom `Document`: het document-id bevat het teken `/`",
            "fout.xlsx, blad `Documenten`, rij 3, kolom `Missie`: missie `W-2099` staat niet in het blad Missies",
        ],
    );
    assert!(
        !ran.stderr.contains("missie `W-2018` staat niet"),
        "a mission with a bad value still exists:\n{}",
        ran.stderr
    );
    assert!(ran.stderr.contains("5 problemen gevonden in fout.xlsx"), "{}", ran.stderr);
    assert!(!dir.path().join("output").exists(), "check renders nothing");

    // The same problems in English on request.
    let en = missiedocs(dir.path(), &["check", "--lang", "en", "--data", "fout.xlsx"]);
    assert_eq!(en.code, 1, "{}", en.stderr);
    assert_stderr(
        &en,
        &[
            "error: fout.xlsx, sheet `MISSIES`, row 4, column `Begin datum`: `31-02-2019` is not an existing date",
            "hint: write a date as 22-11-2022, 22 november 2022 or 2022-11-22",
            "fout.xlsx, sheet `MISSIES`, row 5, column `Kosten`: `ca. twaalf miljoen` is not an amount",
            "fout.xlsx, sheet `Documenten`, row 2, column `Sjabloon`: template `briefje` does not exist",
            "fout.xlsx, sheet `Documenten`, row 3, column `Document`: the document id holds the character `/`",
            "fout.xlsx, sheet `Documenten`, row 3, column `Missie`: mission `W-2099` is not in the Missies sheet",
            "5 problems found in fout.xlsx",
        ],
    );
    assert!(!en.stderr.contains("blad"), "no Dutch left:\n{}", en.stderr);
}

#[test]
fn failing_documents_do_not_stop_the_others() {
    let mut sheets = typed_by_hand();
    let good = sheets[4].rows[1].clone();
    let mut bad = good.clone();
    bad[0] = V::T("brief-kapot".into());
    bad[5] = V::T("bestaat-niet.md".into());
    sheets[4].rows.push(bad);
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("tekst.md"), TYPED_TEXT).unwrap();
    write_xlsx(&dir.path().join("mix.xlsx"), &sheets);
    // A temporary file left by an interrupted earlier run is cleared away.
    std::fs::create_dir(dir.path().join("uit")).unwrap();
    std::fs::write(dir.path().join("uit/.missiedocs-AbC123.tmp"), b"%PDF-1.7 half").unwrap();
    let ran = missiedocs(dir.path(), &["render", "--data", "mix.xlsx", "--out", "uit", "--quiet"]);
    assert_eq!(ran.code, 1, "{}", ran.stderr);
    assert!(ran.stderr.contains("document `brief-kapot` is niet gemaakt"), "{}", ran.stderr);
    assert!(ran.stderr.contains("bestand `bestaat-niet.md` bestaat niet"), "{}", ran.stderr);
    let mut files: Vec<String> = std::fs::read_dir(dir.path().join("uit"))
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    files.sort();
    assert_eq!(files, ["brief-w-2018.pdf", "manifest.json"]);
    let manifest = std::fs::read_to_string(dir.path().join("uit/manifest.json")).unwrap();
    assert!(manifest.contains("\"status\": \"fout\""), "{manifest}");
}

#[test]
fn unreadable_data_exits_2() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("leeg.xlsx"), b"").unwrap();
    std::fs::write(dir.path().join("tekst.xlsx"), b"dit is geen rekenblad").unwrap();
    for (file, expected) in [
        ("leeg.xlsx", "het bestand is leeg"),
        ("tekst.xlsx", "is geen leesbaar rekenblad"),
        ("weg.xlsx", "bestaat niet"),
    ] {
        let ran = missiedocs(dir.path(), &["render", "--data", file, "--out", "uit"]);
        assert_eq!(ran.code, 2, "{file}: {}", ran.stderr);
        assert!(ran.stderr.contains(expected), "{file}: {}", ran.stderr);
        assert!(!ran.stderr.contains("panicked"), "{}", ran.stderr);
    }
    // Outside the repository, the default data is not there: what to do instead.
    let ran = missiedocs(dir.path(), &["render"]);
    assert_eq!(ran.code, 2, "{}", ran.stderr);
    assert_stderr(
        &ran,
        &[
            "fout: `data/voorbeeld.xlsx` bestaat niet\n  hint: geef het werkboek met `--data missies.xlsx`",
            "`missiedocs init <map>`",
        ],
    );
}

/// Arguments are checked before anything is read or written.
#[test]
fn arguments_that_cannot_mean_what_the_user_wants_are_errors_with_a_hint() {
    let dir = sample_dir(|data| write_xlsx(&data.join("m.xlsx"), &sample::sheets()));
    for (args, expected) in [
        (&["-j", "0"][..], &["fout: `--jobs 0`", "hint: laat `--jobs` weg om alle kernen te gebruiken"][..]),
        (&["--shard", "2"], &["fout: `--shard 2`: geen K/N", "hint: schrijf het deel als K/N"]),
        (&["--timeout", "999999"], &["fout: `--timeout 999999`: langer dan een dag", "hint: geef seconden"]),
    ] {
        let ran = missiedocs(dir.path(), &[&["render", "--data", "data/m.xlsx", "--out", "uit"][..], args].concat());
        assert_eq!(ran.code, 2, "{args:?}: {}", ran.stderr);
        assert_stderr(&ran, expected);
        assert!(!dir.path().join("uit").exists(), "{args:?}: nothing is written");
    }
    let ran = missiedocs(dir.path(), &["--lang", "en", "render", "--data", "data/m.xlsx", "-j", "0"]);
    assert_stderr(&ran, &["error: `--jobs 0`: at least one document", "hint: leave out `--jobs`"]);

    // An unknown `--only` id is reported with the ids that look like it;
    // the run still makes the documents that exist.
    let ran = missiedocs(
        dir.path(),
        &[
            "render",
            "--data",
            "data/m.xlsx",
            "--out",
            "uit",
            "--quiet",
            "--only",
            "chengdu",
            "--only",
            "rib-2022-stedenband-chengdu",
        ],
    );
    assert_eq!(ran.code, 1, "{}", ran.stderr);
    assert_stderr(
        &ran,
        &[
            "fout: document `chengdu` staat niet in het blad Documenten",
            "hint: bedoelt u `rib-2022-stedenband-chengdu`, `memo-2019-werkbezoek-chengdu`?",
        ],
    );
    assert!(dir.path().join("uit/rib-2022-stedenband-chengdu.pdf").exists());
}

#[test]
fn own_templates_override_built_in_ones_and_emit_typst_writes_the_project() {
    let dir = sample_dir(|data| write_xlsx(&data.join("m.xlsx"), &sample::sheets()));
    let own = dir.path().join("data/sjablonen");
    std::fs::create_dir_all(&own).unwrap();
    std::fs::write(
        own.join("collegememo.typ"),
        "#let d = json(\"/data.json\")\n#set document(title: d.onderwerp, author: d.afzender.naam)\n#set text(lang: \"nl\")\n= Eigen huisstijl\n#d.onderwerp\n",
    )
    .unwrap();
    let ran = missiedocs(
        dir.path(),
        &[
            "render",
            "--data",
            "data/m.xlsx",
            "--out",
            "uit",
            "--quiet",
            "--emit-typst",
            "typst",
            "--pdf-standard",
            "none",
        ],
    );
    assert_eq!(ran.code, 0, "{}", ran.stderr);
    let memo = pdf_text(&dir.path().join("uit/memo-2019-werkbezoek-chengdu.pdf"));
    assert_holds("own memo", &memo, &["Eigen huisstijl", "Werkbezoek Chengdu 8 juni 2019"]);
    let letter = pdf_text(&dir.path().join("uit/rib-2022-stedenband-chengdu.pdf"));
    assert_holds("built-in letter", &letter, &["Hoogachtend,"]);
    let project = dir.path().join("typst/rib-2022-stedenband-chengdu");
    for file in ["main.typ", "data.json", "raadsinformatiebrief.typ", "lib/brief.typ", "gegevens/logo-maastricht.svg"] {
        assert!(project.join(file).is_file(), "{file} missing in the emitted project");
    }
    let data = std::fs::read_to_string(project.join("data.json")).unwrap();
    assert!(data.contains("\"onderwerp\": \"Stedenband Chengdu\""), "{data}");
    let own_copy =
        std::fs::read_to_string(dir.path().join("typst/memo-2019-werkbezoek-chengdu/collegememo.typ")).unwrap();
    assert!(own_copy.contains("Eigen huisstijl"));
    assert!(dir.path().join("typst/fonts/OpenSans-Regular.ttf").is_file(), "fonts for plain `typst compile`");
}

#[test]
fn a_document_over_the_time_limit_is_given_up_and_the_others_are_made() {
    let dir = sample_dir(|data| write_xlsx(&data.join("m.xlsx"), &sample::sheets()));
    let own = dir.path().join("data/sjablonen");
    std::fs::create_dir_all(&own).unwrap();
    // A house style that works far too hard for one document.
    std::fs::write(
        own.join("collegememo.typ"),
        "#let n = 0\n#for i in range(20000) { for j in range(20000) { n += 1 } }\n#n\n",
    )
    .unwrap();
    let start = std::time::Instant::now();
    // One worker: the documents behind the stuck one still start, each with its own time.
    let ran = missiedocs(
        dir.path(),
        &["render", "--data", "data/m.xlsx", "--out", "uit", "--quiet", "--timeout", "1", "--jobs", "1"],
    );
    assert!(start.elapsed() < std::time::Duration::from_secs(30), "the run ends soon after the limit");
    assert_eq!(ran.code, 1, "{}", ran.stderr);
    assert!(
        ran.stderr.contains("document `memo-2019-werkbezoek-chengdu` is niet gemaakt:")
            && ran.stderr.contains("het opmaken duurde langer dan 1 s en is afgebroken"),
        "{}",
        ran.stderr
    );
    assert!(ran.stderr.contains("3 gemaakt, 1 mislukt"), "{}", ran.stderr);
    assert!(!dir.path().join("uit/memo-2019-werkbezoek-chengdu.pdf").exists());
    assert!(dir.path().join("uit/rib-2022-stedenband-chengdu.pdf").is_file());
    // Asked for alone, the document is typeset ahead while the data is
    // checked; the run waits for it no longer than the limit.
    let start = std::time::Instant::now();
    let memo = "memo-2019-werkbezoek-chengdu";
    let ran = missiedocs(
        dir.path(),
        &["render", "--data", "data/m.xlsx", "--out", "alleen", "--timeout", "1", "--only", memo],
    );
    assert!(start.elapsed() < std::time::Duration::from_secs(30), "the run ends soon after the limit");
    assert_eq!(ran.code, 1, "{}", ran.stderr);
    assert!(ran.stderr.contains("het opmaken duurde langer dan 1 s en is afgebroken"), "{}", ran.stderr);
    assert!(ran.stderr.contains("0 gemaakt, 1 mislukt"), "{}", ran.stderr);
    assert!(!dir.path().join(format!("alleen/{memo}.pdf")).exists());
}

/// Help, choices and mistakes speak Dutch, and English with `--lang en`:
/// none of clap's own English (`Usage`, `Options`, `tip:`) gets through.
#[test]
fn help_and_mistyped_commands_speak_the_run_s_language() {
    let dir = tempfile::tempdir().unwrap();
    let english =
        ["Usage", "Options", "Commands", "Arguments", "Print help", "Possible values", "[default", "tip:", "error:"];
    let help = missiedocs(dir.path(), &["--help"]);
    assert_eq!(help.code, 0);
    let render_help = missiedocs(dir.path(), &["render", "--help"]);
    for (what, text) in [("--help", &help.stdout), ("render --help", &render_help.stdout)] {
        for word in english {
            assert!(!text.contains(word), "{what} says {word:?}:\n{text}");
        }
    }
    assert_holds(
        "help",
        &help.stdout,
        &["Gebruik: missiedocs [OPTIES] <OPDRACHT>", "Opdrachten:", "Opties:", "Toon deze hulp"],
    );
    assert_holds(
        "render --help",
        &render_help.stdout,
        &["Gebruik: missiedocs render [OPTIES]", "--out <MAP>", "Uitvoermap [standaard: output]", "[keuze: nl, en]"],
    );

    let mistakes: [(&[&str], &[&str]); 6] = [
        (&["rendr"], &["fout: onbekende opdracht `rendr`", "hint: bedoelt u `render`?"]),
        (&["render", "--jbs", "2"], &["fout: onbekende optie `--jbs`", "hint: bedoelt u `--jobs`?"]),
        (&["render", "--lang", "xx"], &["fout: `xx` is geen geldige waarde voor `--lang`", "kies uit `nl`, `en`"]),
        (&["init"], &["fout: `<MAP>` ontbreekt", "gebruik: missiedocs init [OPTIES] <MAP>"]),
        (&["render", "--out", "a", "--out", "b"], &["fout: `--out` is meer dan één keer gegeven"]),
        (&[], &["Gebruik: missiedocs [OPTIES] <OPDRACHT>"]),
    ];
    for (args, expected) in mistakes {
        let ran = missiedocs(dir.path(), args);
        assert_eq!(ran.code, 2, "{args:?}: {}", ran.stderr);
        assert_stderr(&ran, expected);
        for word in english {
            assert!(!ran.stderr.contains(word), "{args:?} says {word:?}:\n{}", ran.stderr);
        }
    }

    let en = missiedocs(dir.path(), &["--lang", "en", "rendr"]);
    assert_eq!(en.code, 2);
    assert_stderr(&en, &["error: unknown command `rendr`", "did you mean `render`?"]);
    let en_help = missiedocs(dir.path(), &["--lang", "en", "render", "--help"]);
    assert_holds(
        "English help",
        &en_help.stdout,
        &["Usage: missiedocs render [OPTIONS]", "Output folder [default: output]"],
    );
    assert!(!en_help.stdout.contains("Uitvoermap"), "{}", en_help.stdout);
}

/// The `gemaakt:` lines come in the order of the sheet, however the
/// documents finish, and a draft says so there and in the summary.
#[test]
fn made_lines_follow_the_sheet_and_drafts_are_counted() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let header: &[&str] = &["document", "sjabloon", "onderwerp", "datum", "tekst", "status"];
    let mut rows: Vec<Vec<String>> = Vec::new();
    // The first is long, so it finishes after the short ones behind it.
    rows.push(vec![
        "a-lang".into(),
        "raadsinformatiebrief".into(),
        "Lang".into(),
        "1-10-2022".into(),
        "lang.md".into(),
        String::new(),
    ]);
    for i in 1..8 {
        let status = if i == 3 { "concept" } else { "" };
        rows.push(vec![
            format!("b-{i}"),
            "raadsinformatiebrief".into(),
            "Kort".into(),
            "1-10-2022".into(),
            String::new(),
            status.into(),
        ]);
    }
    let rows: Vec<Vec<&str>> = rows.iter().map(|r| r.iter().map(String::as_str).collect()).collect();
    let mut table: Vec<&[&str]> = vec![header];
    table.extend(rows.iter().map(Vec::as_slice));
    let sheets = [
        crate::support::Sheet::text("Afzender", &[&["veld", "waarde"], &["naam", "Gemeente Voorbeeldstad"]]),
        crate::support::Sheet::text("Missies", &[&["missie", "titel", "richting", "partner", "begindatum"]]),
        crate::support::Sheet::text("Documenten", &table),
    ];
    crate::support::write_csv_dir(&data, &sheets, false);
    std::fs::write(data.join("lang.md"), "Een alinea over de missie en wat die opleverde.\n\n".repeat(400)).unwrap();
    let ran = missiedocs(dir.path(), &["render", "--data", "data", "--out", "uit", "--jobs", "3"]);
    assert_eq!(ran.code, 0, "{}", ran.stderr);
    let made: Vec<&str> = ran.stderr.lines().filter(|l| l.starts_with("gemaakt:")).collect();
    let expected: Vec<String> = ["a-lang", "b-1", "b-2", "b-3", "b-4", "b-5", "b-6", "b-7"]
        .iter()
        .map(|id| format!("gemaakt: {id}.pdf"))
        .collect();
    assert_eq!(made.len(), expected.len(), "{}", ran.stderr);
    for (line, start) in made.iter().zip(&expected) {
        assert!(line.starts_with(start.as_str()), "{line} is out of order:\n{}", ran.stderr);
    }
    assert!(made[3].ends_with("(1 pagina, CONCEPT)"), "{}", made[3]);
    assert_stderr(&ran, &["8 gemaakt (1 als CONCEPT), 0 mislukt"]);
}

/// `velden` for a document the data lacks, or data without documents, says
/// so with the ids there are and exits 2; it makes and writes nothing.
#[test]
fn velden_for_a_document_the_data_lacks_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let sheets = [
        crate::support::Sheet::text("Afzender", &[&["veld", "waarde"], &["naam", "Gemeente Voorbeeldstad"]]),
        crate::support::Sheet::text("Missies", &[&["missie", "titel", "richting", "partner", "begindatum"]]),
        crate::support::Sheet::text(
            "Documenten",
            &[&["document", "sjabloon", "onderwerp", "datum"], &["rib-1", "raadsinformatiebrief", "Een", "1-10-2022"]],
        ),
    ];
    crate::support::write_csv_dir(&dir.path().join("data"), &sheets, false);
    let ran = missiedocs(dir.path(), &["velden", "--data", "data", "--document", "rib-2"]);
    assert_eq!(ran.code, 2, "{}", ran.stderr);
    assert_stderr(&ran, &["fout: geen document heet `rib-2`", "hint: documenten: rib-1"]);
    assert!(ran.stdout.is_empty(), "{}", ran.stdout);
    let ok = missiedocs(dir.path(), &["velden", "--data", "data"]);
    assert_eq!(ok.code, 0, "{}", ok.stderr);
    assert_holds("velden", &ok.stdout, &["`rib-1`", "document.onderwerp", "Een", "→ 10 maart 2025"]);

    let empty = [
        sheets[0].clone(),
        sheets[1].clone(),
        crate::support::Sheet::text("Documenten", &[&["document", "sjabloon", "onderwerp", "datum"]]),
    ];
    crate::support::write_csv_dir(&dir.path().join("leeg"), &empty, false);
    let ran = missiedocs(dir.path(), &["velden", "--data", "leeg"]);
    assert_eq!(ran.code, 2, "{}", ran.stderr);
    assert_stderr(&ran, &["het blad Documenten heeft geen rijen"]);
    assert!(!dir.path().join("output").exists(), "velden wrote something");
}
