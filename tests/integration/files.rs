//! Files that cannot serve: a workbook cut short, a file that is no
//! workbook or one under the wrong name, sheets and columns the contract
//! needs and the workbook lacks, an annex linked to outside the data
//! folder. Each is named in words, in `check` as in `render`.

use crate::support::register::{LETTER, MEMO, assert_made, check_and_render, data_dir, sheet};
use crate::support::{V, assert_stderr, missiedocs, sample, write_texts, write_xlsx};

#[test]
fn missing_sheets_and_columns_are_named() {
    let mut sheets = sample::sheets();
    sheets.retain(|s| s.name != "Missies");
    sheet(&mut sheets, "Documenten").rows[1][1] = V::from("Template");
    let dir = tempfile::tempdir().unwrap();
    write_texts(dir.path());
    write_xlsx(&dir.path().join("register.xlsx"), &sheets);
    let ran = missiedocs(dir.path(), &["check", "--data", "register.xlsx"]);
    assert_eq!(ran.code, 1, "{}", ran.stderr);
    assert_stderr(
        &ran,
        &[
            "register.xlsx: blad `Missies` ontbreekt",
            "hint: gevonden bladen: Afzender, Afzender Utrecht, Deelnemers, Resultaten, Documenten, Begroting",
            "register.xlsx, blad `Documenten`, rij 2: kolom `sjabloon` ontbreekt",
        ],
    );
}

#[test]
fn a_truncated_workbook_is_one_clear_error() {
    let dir = tempfile::tempdir().unwrap();
    let bytes = std::fs::read(crate::support::root().join("data/voorbeeld.xlsx")).unwrap();
    std::fs::write(dir.path().join("half.xlsx"), &bytes[..bytes.len() / 2]).unwrap();
    let ran = missiedocs(dir.path(), &["render", "--data", "half.xlsx", "--out", "uit"]);
    assert_eq!(ran.code, 2, "{}", ran.stderr);
    assert!(ran.stderr.starts_with("fout: `half.xlsx` is geen leesbaar rekenblad"), "{}", ran.stderr);
    assert_eq!(ran.stderr.lines().filter(|l| l.starts_with("fout:")).count(), 1, "{}", ran.stderr);
    assert!(!ran.stderr.contains("panicked"), "{}", ran.stderr);
    assert!(!dir.path().join("uit").exists(), "nothing written: the data could not be read");
}

#[test]
fn without_the_contract_sheets_nothing_is_made_and_both_commands_say_so() {
    for keep in [vec!["Begroting"], vec!["Afzender", "Missies", "Deelnemers", "Resultaten"]] {
        let mut sheets = sample::sheets();
        sheets.retain(|s| keep.contains(&s.name.as_str()));
        let dir = data_dir(&sheets);
        let (check, render, manifest) = check_and_render(dir.path(), "register.xlsx");
        assert_eq!((check.code, render.code), (1, 1), "{}\n{}", check.stderr, render.stderr);
        for ran in [&check, &render] {
            assert_stderr(ran, &["fout: register.xlsx: blad `Documenten` ontbreekt"]);
        }
        assert!(render.stderr.contains("0 gemaakt, 0 mislukt"), "{}", render.stderr);
        assert_eq!(manifest["documenten"].as_array().unwrap().len(), 0);
    }
}

#[cfg(unix)]
#[test]
fn a_linked_annex_outside_the_data_folder_is_refused() {
    let mut sheets = sample::sheets();
    sheet(&mut sheets, "Documenten").rows[2][18] = V::from("bijlagen/geheim.pdf; bijlagen/wachtwoorden.pdf");
    let dir = data_dir(&sheets);
    let outside = dir.path().join("elders");
    std::fs::create_dir(&outside).unwrap();
    std::fs::write(outside.join("geheim.pdf"), crate::support::annex_pdf(&[&["Geheim"]])).unwrap();
    // The data folder is a subfolder, so `elders` lies outside it.
    let data = dir.path().join("gegevens");
    std::fs::create_dir(&data).unwrap();
    std::fs::rename(dir.path().join("register.xlsx"), data.join("register.xlsx")).unwrap();
    write_texts(&data);
    std::os::unix::fs::symlink(outside.join("geheim.pdf"), data.join("bijlagen/geheim.pdf")).unwrap();
    std::os::unix::fs::symlink("/etc/passwd", data.join("bijlagen/wachtwoorden.pdf")).unwrap();
    let (check, render, manifest) = check_and_render(dir.path(), "gegevens/register.xlsx");
    assert_eq!((check.code, render.code), (1, 1), "{}\n{}", check.stderr, render.stderr);
    for ran in [&check, &render] {
        assert_stderr(
            ran,
            &[
                "kolom `Bijlagen`: `bijlagen/geheim.pdf` verwijst naar",
                "kolom `Bijlagen`: `bijlagen/wachtwoorden.pdf` verwijst naar `/etc/passwd`, buiten de map met gegevens",
            ],
        );
    }
    assert_made(dir.path(), &manifest, &[MEMO], &[LETTER]);
    assert!(!dir.path().join(format!("uit/{LETTER}-met-bijlagen.pdf")).exists());
}

#[test]
fn unreadable_files_are_named_in_words() {
    let dir = tempfile::tempdir().unwrap();
    let xlsx = std::fs::read(crate::support::root().join("data/voorbeeld.xlsx")).unwrap();
    std::fs::write(dir.path().join("missies.ods"), &xlsx).unwrap();
    std::fs::write(dir.path().join("missies.csv"), "missie;titel\nM1;x\n").unwrap();
    std::fs::write(dir.path().join("kapot.xlsb"), &xlsx[..xlsx.len() / 3]).unwrap();
    for (file, says) in [
        (
            "missies.ods",
            "de inhoud is een .xlsx-bestand, maar de naam eindigt op .ods)\n  hint: geef het bestand de extensie .xlsx",
        ),
        ("missies.csv", "dit is één CSV-bestand; geef de map die de CSV-bestanden bevat"),
        (
            "kapot.xlsb",
            "het bestand is beschadigd of geen .xlsb-bestand)\n  hint: open het bestand in Excel of LibreOffice",
        ),
    ] {
        let ran = missiedocs(dir.path(), &["check", "--data", file]);
        assert_eq!(ran.code, 2, "{}", ran.stderr);
        assert!(ran.stderr.starts_with(&format!("fout: `{file}` is geen leesbaar rekenblad")), "{}", ran.stderr);
        assert_stderr(&ran, &[says]);
        assert!(!ran.stderr.contains("panicked") && !ran.stderr.contains(" error"), "{}", ran.stderr);
    }
}

#[test]
fn a_text_in_utf16_is_read_by_its_mark_or_named_and_output_errors_are_in_words() {
    let dir = data_dir(&sample::sheets());
    let text = dir.path().join("teksten/stedenband-chengdu.md");
    let source = std::fs::read_to_string(&text).unwrap();
    // Notepad's "Unicode": UTF-16 with its mark is read as it is.
    let wide: Vec<u8> = [0xFF, 0xFE].into_iter().chain(source.encode_utf16().flat_map(u16::to_le_bytes)).collect();
    std::fs::write(&text, &wide).unwrap();
    let ran = missiedocs(dir.path(), &["render", "--data", "register.xlsx", "--out", "uit", "--only", LETTER]);
    assert_eq!(ran.code, 0, "{}", ran.stderr);
    // Without its mark, the zero bytes say what it is; not a CSV message.
    std::fs::write(&text, &wide[2..]).unwrap();
    let (check, render, manifest) = check_and_render(dir.path(), "register.xlsx");
    for ran in [&check, &render] {
        assert_eq!(ran.code, 1, "{}", ran.stderr);
        assert_stderr(ran, &["stedenband-chengdu.md` is geen tekst in UTF-8 (er staan nultekens in"]);
        assert!(!ran.stderr.contains("CSV") && !ran.stderr.contains("U+0000"), "{}", ran.stderr);
    }
    assert_made(dir.path(), &manifest, &[MEMO], &[LETTER]);
    // An output folder that cannot be one: said in Dutch, no OS text.
    std::fs::write(dir.path().join("bezet"), "een bestand").unwrap();
    let ran = missiedocs(dir.path(), &["render", "--data", "register.xlsx", "--out", "bezet"]);
    assert_eq!(ran.code, 2, "{}", ran.stderr);
    assert_stderr(&ran, &["fout: de uitvoermap `bezet` kan niet worden gebruikt (bestaat al)"]);
    assert!(!ran.stderr.contains("os error"), "{}", ran.stderr);
}

/// OpenDocument files indented for reading (KSpread, generators) are
/// valid; they read as LibreOffice's own do.
#[test]
fn an_indented_opendocument_workbook_reads_as_any_other() {
    let dir = tempfile::tempdir().unwrap();
    write_texts(dir.path());
    let path = dir.path().join("register.ods");
    crate::support::write_ods(&path, &sample::sheets());
    crate::support::patch_zip(&path, |name, text| match name {
        "content.xml" => text
            .replace("<table:table-row>", "\n    <table:table-row>\n      ")
            .replace("</table:table-cell>", "</table:table-cell>\n      ")
            .replace("</table:table-row>", "\n    </table:table-row>"),
        _ => text,
    });
    let ran = missiedocs(dir.path(), &["check", "--data", "register.ods"]);
    assert_eq!(ran.code, 0, "{}", ran.stderr);
    assert_stderr(&ran, &["geen problemen gevonden in register.ods (4 documenten)"]);
}
