//! Letters to many: a `Documenten` row with `per` = `deelnemer` makes an
//! outgoing letter (`brief`) for every member of its mission — each with
//! its own address block, salutation and organisation, nothing from another
//! member's row — and an English letter to the partner. A blank address
//! stops only that member's letter.

use std::path::Path;

use crate::support::{Sheet, assert_holds, assert_stderr, entry, manifest, missiedocs, pdf_text, write_csv_dir};

const THANKS: &str = "Hartelijk dank dat u{% if deelnemer.organisatie %} namens {{ deelnemer.organisatie }}{% endif %} \
meereisde naar {{ missie.partner }}.\n";

/// A mission with three members (one with an own salutation, one with an
/// `ö`, one without an organisation), a member of another mission, a
/// thank-you row per member and an English letter to the partner.
fn register(dir: &Path, jansen_adres: &str, extra_rows: &[&[&str]]) {
    let data = dir.join("register");
    let mut documents: Vec<&[&str]> = vec![
        &["document", "sjabloon", "onderwerp", "datum", "missie", "per", "aan", "taal", "tekst", "ondertekenaar"],
        &[
            "bedankt",
            "brief",
            "Handelsmissie {{ missie.partner }}",
            "3-10-2022",
            "M1",
            "deelnemer",
            "",
            "",
            "teksten/bedankt.md",
            "J. Jansen",
        ],
        &[
            "partner",
            "brief",
            "Trade mission to {{ missie.partner }}",
            "20-6-2018",
            "M1",
            "",
            "Mayor Wang Wei;Guangzhou Municipal Government;1 Fuqian Road;Guangzhou;CHINA",
            "en",
            "teksten/partner.md",
            "J. Jansen",
        ],
    ];
    documents.extend_from_slice(extra_rows);
    let sheets = [
        Sheet::text("Afzender", &[&["veld", "waarde"], &["naam", "Gemeente Utrecht"], &["plaats", "Utrecht"]]),
        Sheet::text(
            "Missies",
            &[
                &["missie", "titel", "richting", "partner", "begindatum"],
                &["M1", "Handelsmissie Guangzhou", "uitgaand", "Guangzhou", "12-9-2022"],
                &["M2", "Werkbezoek Tartu", "uitgaand", "Tartu", "1-5-2022"],
                &["M3", "Ontvangst zonder delegatie", "inkomend", "Tartu", "1-6-2022"],
            ],
        ),
        Sheet::text(
            "Deelnemers",
            &[
                &["missie", "naam", "organisatie", "aanhef", "adres", "postcode", "plaats", "land"],
                &[
                    "M1",
                    "A. de Vries",
                    "Bureau Wonen",
                    "Geachte mevrouw De Vries,",
                    "Oudegracht 1",
                    "3511 AB",
                    "Utrecht",
                    "",
                ],
                &["M1", "B. Öztürk", "Haven BV", "", "Kade 2", "3011 AA", "Rotterdam", "Nederland"],
                &["M1", "C. Jansen", "", "", jansen_adres, "1011 AB", "Amsterdam", ""],
                &["M2", "Z. Ander", "Elders BV", "", "Weg 9", "9711 AA", "Groningen", ""],
            ],
        ),
        Sheet::text("Documenten", &documents),
    ];
    write_csv_dir(&data, &sheets, false);
    std::fs::create_dir_all(data.join("teksten")).unwrap();
    std::fs::write(data.join("teksten/bedankt.md"), THANKS).unwrap();
    std::fs::write(
        data.join("teksten/partner.md"),
        "Thank you for receiving our delegation in {{ missie.partner }}.\n",
    )
    .unwrap();
}

const MEMBERS: [&str; 4] = ["A. de Vries", "B. Öztürk", "C. Jansen", "Z. Ander"];

#[test]
fn a_row_per_member_makes_a_letter_for_each_with_only_their_details() {
    let dir = tempfile::tempdir().unwrap();
    register(dir.path(), "Laan 3", &[]);
    let ran = missiedocs(dir.path(), &["render", "--data", "register", "--out", "uit"]);
    assert_eq!(ran.code, 0, "{}", ran.stderr);
    assert_stderr(&ran, &["4 gemaakt, 0 mislukt"]);
    let out = dir.path().join("uit");
    let letters = [
        (
            "bedankt-a-de-vries",
            0,
            &["Oudegracht 1", "3511 AB Utrecht", "Geachte mevrouw De Vries,", "namens Bureau Wonen"][..],
        ),
        (
            "bedankt-b-ozturk",
            1,
            &["Haven BV", "Kade 2", "3011 AA Rotterdam", "Geachte heer/mevrouw Öztürk,", "namens Haven BV"][..],
        ),
        (
            "bedankt-c-jansen",
            2,
            &[
                "Laan 3",
                "1011 AB Amsterdam",
                "Geachte heer/mevrouw Jansen,",
                "Hartelijk dank dat u meereisde naar Guangzhou.",
            ][..],
        ),
    ];
    for (id, own, expected) in letters {
        let text = pdf_text(&out.join(format!("{id}.pdf")));
        assert_holds(id, &text, expected);
        assert_holds(id, &text, &[MEMBERS[own], "Met vriendelijke groet,", "J. Jansen", "Handelsmissie Guangzhou"]);
        for (i, other) in MEMBERS.iter().enumerate() {
            assert!(i == own || !text.contains(other), "{id} holds {other}:\n{text}");
        }
        assert!(
            !text.contains("Nederland") && !text.contains("Brief"),
            "{id}: no home country, no kind label:\n{text}"
        );
    }
    let english = pdf_text(&out.join("partner.pdf"));
    assert_holds(
        "partner",
        &english,
        &[
            "Mayor Wang Wei",
            "Guangzhou Municipal Government",
            "CHINA",
            "DATE 20 June 2018",
            "SUBJECT Trade mission to Guangzhou",
            "Dear Sir or Madam,",
            "Thank you for receiving our delegation in Guangzhou.",
            "Yours sincerely,",
        ],
    );

    // Each letter its own entry; the row's id selects all of them, a
    // letter's id one.
    let m = manifest(&out);
    let ids: Vec<&str> = m["documenten"].as_array().unwrap().iter().map(|e| e["document"].as_str().unwrap()).collect();
    assert_eq!(ids, ["bedankt-a-de-vries", "bedankt-b-ozturk", "bedankt-c-jansen", "partner"]);
    assert!(m["documenten"].as_array().unwrap().iter().take(3).all(|e| e["rij"] == 2));
    let only = missiedocs(dir.path(), &["render", "--data", "register", "--out", "alleen", "--only", "bedankt"]);
    assert_stderr(&only, &["3 gemaakt, 0 mislukt"]);
    let one = missiedocs(dir.path(), &["render", "--data", "register", "--out", "een", "--only", "bedankt-b-ozturk"]);
    assert_stderr(&one, &["1 gemaakt, 0 mislukt"]);
    // Byte-identical on a rerun.
    let again = manifest(&dir.path().join("alleen"));
    for (a, b) in m["documenten"].as_array().unwrap().iter().zip(again["documenten"].as_array().unwrap()) {
        assert_eq!(a["sha256"], b["sha256"], "{}", a["document"]);
    }
}

#[test]
fn a_blank_address_stops_only_that_members_letter_and_bad_rows_are_named() {
    let dir = tempfile::tempdir().unwrap();
    register(
        dir.path(),
        "",
        &[
            &["los", "brief", "Zonder missie", "3-10-2022", "", "deelnemer", "", "", "", ""],
            &["raar", "brief", "Per wat?", "3-10-2022", "M1", "iedereen", "", "", "", ""],
            &["zonder-aan", "brief", "Aan niemand", "3-10-2022", "M1", "", "", "", "", ""],
            &["leeg", "brief", "Aan een lege delegatie", "3-10-2022", "M3", "deelnemer", "", "", "", ""],
        ],
    );
    let check = missiedocs(dir.path(), &["check", "--data", "register"]);
    let ran = missiedocs(dir.path(), &["render", "--data", "register", "--out", "uit"]);
    assert_eq!(ran.code, 1, "{}", ran.stderr);
    for out in [&check, &ran] {
        assert_stderr(
            out,
            &[
                "deelnemers.csv, blad `deelnemers`, rij 4, kolom `adres`: de brief aan C. Jansen (`bedankt-c-jansen`) drukt het adres af, maar `adres` is leeg",
                "rij 4, kolom `per`: een brief per deelnemer hoort bij een missie, maar `missie` is leeg",
                "rij 5, kolom `per`: `iedereen` is geen waarde voor `per`",
                "rij 6, kolom `aan`: een uitgaande brief heeft een geadresseerde, maar `aan` is leeg",
                "rij 7, kolom `per`: missie `M3` heeft geen deelnemers in het blad Deelnemers, dus geen brieven",
            ],
        );
    }
    let m = manifest(&dir.path().join("uit"));
    let status = |id: &str| entry(&m, id)["status"].clone();
    assert_eq!(status("bedankt-a-de-vries"), "ok");
    assert_eq!(status("bedankt-b-ozturk"), "ok");
    assert_eq!(status("bedankt-c-jansen"), "fout");
    for id in ["los", "raar", "zonder-aan", "leeg"] {
        assert_eq!(status(id), "fout", "{id} is accounted for");
    }
    assert!(!dir.path().join("uit/bedankt-c-jansen.pdf").exists());
}
