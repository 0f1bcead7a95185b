//! End-to-end tests of the evaluation report: the sample workbook's report
//! and a province register saved as Dutch Excel saves CSV, read back from
//! the PDFs (text, bookmarks, page count, manifest).

use std::path::Path;

use crate::support::{
    Sheet, V, assert_holds, assert_stderr, missiedocs, pdf_bookmarks, pdf_pages, pdf_text, sample, write_csv_dir,
    write_xlsx,
};

/// Where each piece first occurs in `text`, asserting they come in order.
#[track_caller]
fn assert_in_order(what: &str, text: &str, pieces: &[&str]) {
    let mut from = 0;
    for piece in pieces {
        let at =
            text[from..].find(piece).unwrap_or_else(|| panic!("{what}: {piece:?} missing after byte {from}:\n{text}"));
        from += at + piece.len();
    }
}

fn manifest_pages(out: &Path, file: &str) -> usize {
    let manifest = crate::support::manifest(out);
    let entry = manifest["documenten"].as_array().unwrap().iter().find(|d| d["bestand"] == file).unwrap();
    assert_eq!(entry["status"], "ok", "{entry}");
    entry["paginas"].as_u64().unwrap() as usize
}

#[test]
fn sample_report_has_cover_contents_chapters_totals_and_appendices() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    crate::support::write_texts(&data);
    write_xlsx(&data.join("missies.xlsx"), &sample::sheets());
    let ran = missiedocs(
        dir.path(),
        &["render", "--data", "data/missies.xlsx", "--out", "uit", "--only", "evaluatie-2020-guangdong", "--quiet"],
    );
    assert_eq!(ran.code, 0, "{}", ran.stderr);
    let pdf = dir.path().join("uit/evaluatie-2020-guangdong.pdf");
    let pages = pdf_pages(&pdf);
    // Cover, contents and summary each a page; the chapters follow on
    // (no page three-quarters empty), the appendices start a new page.
    assert!((8..=12).contains(&pages.len()), "{} pages", pages.len());
    let page_of = |text: &str| pages.iter().position(|p| crate::support::squash(p).contains(text)).unwrap();
    assert_eq!(page_of("1 Inleiding en verantwoording De provincie"), 3);
    assert_eq!(page_of("2 Evaluatie 2.1 Doel"), 3, "chapters follow on");
    assert!(page_of("6 Conclusie Het") == page_of("7 Overwegingen Het"), "chapters follow on");
    assert!(page_of("Bijlage 1: Uitgaande delegaties 9") > page_of("7 Overwegingen Het"));
    assert_eq!(manifest_pages(&dir.path().join("uit"), "evaluatie-2020-guangdong.pdf"), pages.len());

    let cover = crate::support::squash(&pages[0]);
    assert_holds(
        "cover",
        &cover,
        &[
            "Provincie Utrecht",
            "EVALUATIERAPPORT",
            "Evaluatie vriendschapsrelatie Provincie Utrecht – Provincie Guangdong",
            "Periode: 1 januari 2010 tot en met 31 december 2019",
            "DATUM 28 februari 2020",
            "OPGESTELD DOOR Team Trade en Invest",
        ],
    );
    let contents = crate::support::squash(&pages[1]);
    assert_holds("contents", &contents, &["Inhoudsopgave", "Samenvatting", "1 Inleiding en verantwoording"]);

    let text = pdf_text(&pdf);
    assert_holds(
        "report",
        &text,
        &[
            // Placeholders in the summary, from the same totals as the tables.
            "In die periode gingen 9 delegaties van de provincie naar Guangdong en ontving de provincie 9 delegaties",
            "De 5 investeringsprojecten hebben een waarde van € 17,56 miljoen (€ 17.560.000) en leverden 134 banen op.",
            "32 Chinese bedrijven in de provincie Utrecht gevestigd met 1.135 werknemers",
            // Key figures and the investments' totals row.
            "€ 17,56 miljoen Geïnvesteerd (€ 17.560.000)",
            "Totaal 5 projecten € 17.560.000 134",
            "2019 Vestiging van Chinese bedrijven in de provincie Utrecht investering € 5.500.000 52",
            // Charts, drawn by Typst, with captions.
            "Figuur 1: Missies per jaar",
            "Figuur 2: Resultaten per jaar, naar thema",
            // Footnotes.
            "Database Achilles van NFIA en Invest Holland.",
            "Motie 56 vreemd aan de orde van de dag",
            // Appendices.
            "Bijlage 1: Uitgaande delegaties",
            "17–23 november 2019 Handelsmissie Guangdong 2019 Guangzhou, Shenzhen, Hongkong gedeputeerde Strijk",
            "Bijlage 2: Inkomende delegaties",
            "16 september 2019 Delegatie duurzame landbouw",
            "Bijlage 3: Resultaten per missie",
            "Missie Guangdong 2015 (15–21 november 2015)",
            "Bijlage 4: Begroting",
            "Zuid-Holland Hebei; Pudong (Shanghai) 0,33 € 155.000 Dit budget is extern uitbesteed",
            "Noord-Holland Shandong onbekend onbekend",
        ],
    );
    // Only the partner's missions count: Maastricht's Chengdu missions stay out.
    assert!(!text.contains("Chengdu"), "{text}");

    let bookmarks = pdf_bookmarks(&pdf);
    let titles: Vec<&str> = bookmarks.iter().map(|(_, t, _)| t.as_str()).collect();
    assert_in_order(
        "bookmarks",
        &titles.join(" | "),
        &[
            "Samenvatting",
            "1 Inleiding en verantwoording",
            "2.1 Doel",
            "4 Resultaten en bevindingen",
            "4.1 Investeringen",
            "4.2 Handel",
            "4.3 Cultuur en toerisme",
            "4.4 Onderwijs",
            "4.5 Duurzaamheid",
            "4.6 Life sciences & health",
            "4.7 Media",
            "4.8 Mensenrechten",
            "6 Conclusie",
            "Bijlage 1: Uitgaande delegaties",
            "Bijlage 4: Begroting",
        ],
    );
    // Bookmarks point at the pages the chapters are on.
    for (_, title, page) in &bookmarks {
        if let Some(body) = title.strip_prefix("Bijlage 4: ") {
            assert!(pages[page - 1].contains(body), "bookmark {title} on page {page}");
        }
    }
}

/// A province's own register, as Dutch Excel saves CSV: `;`, decimal
/// commas, Windows-1252. Its text places no generated parts, so the report
/// puts them in a chapter of their own before the conclusion.
#[test]
fn csv_register_becomes_a_report_for_its_partner_and_period() {
    let t = |s: &str| V::from(s);
    let row = |cells: &[&str]| cells.iter().map(|c| t(c)).collect::<Vec<V>>();
    let sheets = vec![
        Sheet::text("Afzender", &[&["veld", "waarde"], &["naam", "Provincie Gelderland"], &["soort", "provincie"]]),
        Sheet {
            name: "Missies".into(),
            rows: vec![
                vec![t("Missieregister Gelderland")],
                row(&["missie", "titel", "richting", "partner", "begindatum", "einddatum", "leiding"]),
                row(&["GLD-2009", "Oude missie buiten de periode", "uitgaand", "Hubei", "3-4-2009", "", ""]),
                row(&[
                    "GLD-2015",
                    "Handelsmissie Hubei 2015",
                    "uitgaand",
                    "Hubei",
                    "12-5-2015",
                    "18-5-2015",
                    "gedeputeerde Economie",
                ]),
                row(&["GLD-2016-IN", "Delegatie Wuhan", "inkomend", "hubei", "1 september 2016", "", "Vicegouverneur"]),
                row(&["GLD-2017-SD", "Missie Shandong", "uitgaand", "Shandong", "2017-10-02", "", ""]),
                row(&["GLD-2018", "Kennismissie Wuhan", "uitgaand", "Hubei", "5-11-2018", "9-11-2018", ""]),
            ],
        },
        Sheet::text("Deelnemers", &[&["missie", "naam", "organisatie"], &["GLD-2015", "Delegatie HAN", "HAN"]]),
        Sheet::text(
            "Resultaten",
            &[
                &["missie", "thema", "omschrijving", "soort", "bedrag", "banen"],
                &["GLD-2015", "Onderwijs", "Samenwerking HAN en Wuhan University", "MoU", "", ""],
                &["GLD-2015", "Investeringen", "Vestiging Wuhan Optics in Arnhem", "investering", "€ 2.500.000", "25"],
                &["GLD-2016-IN", "Handel", "Inkoopcontract met een Gelderse kweker", "contract", "", ""],
                &["GLD-2018", "investering", "Uitbreiding distributiecentrum", "investering", "1,25 mln", "12"],
                &["GLD-2009", "Investeringen", "Investering buiten de periode", "investering", "9.000.000", "90"],
                &["GLD-2017-SD", "Investeringen", "Investering Shandong", "investering", "1.000.000", "5"],
            ],
        ),
        Sheet::text(
            "Documenten",
            &[
                &["document", "sjabloon", "onderwerp", "datum", "partner", "van", "tot", "tekst", "taal"],
                &[
                    "evaluatie-hubei",
                    "evaluatie",
                    "Evaluatie relatie {{ document.partner }}",
                    "1-3-2019",
                    "Hubei",
                    "1-1-2010",
                    "31-12-2018",
                    "teksten/hubei.md",
                    "",
                ],
                &[
                    "evaluation-hubei",
                    "evaluatie",
                    "Evaluation of the relation with {{ document.partner }}",
                    "1-3-2019",
                    "Hubei",
                    "1-1-2010",
                    "31-12-2018",
                    "teksten/hubei.md",
                    "en",
                ],
            ],
        ),
        Sheet::text("Budget", &[&["Jaar", "Budget", "FTE"], &["2016", "12.500", "0,4"], &["2017", "1234,5", "1"]]),
    ];
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("register");
    write_csv_dir(&data, &sheets, true);
    std::fs::create_dir_all(data.join("teksten")).unwrap();
    std::fs::write(
        data.join("teksten/hubei.md"),
        "# Samenvatting\n\nDit rapport telt {{ investeringen.aantal }} investeringsprojecten ter waarde van \
         {{ investeringen.bedrag|bedrag }} met {{ investeringen.banen }} banen.[^bron]\n\n\
         # Inleiding\n\nDe relatie met {{ document.partner }} bestaat sinds 1999.\n\n\
         # Conclusie\n\nDe relatie werkt.\n\n[^bron]: Register van de provincie Gelderland.\n",
    )
    .unwrap();

    let ran = missiedocs(dir.path(), &["render", "--data", "register", "--out", "uit", "--quiet"]);
    assert_eq!(ran.code, 0, "{}", ran.stderr);
    let pdf = dir.path().join("uit/evaluatie-hubei.pdf");
    let text = pdf_text(&pdf);
    assert_holds(
        "report",
        &text,
        &[
            "Provincie Gelderland",
            "Evaluatie relatie Hubei",
            "Periode: 1 januari 2010 tot en met 31 december 2018",
            "Dit rapport telt 2 investeringsprojecten ter waarde van € 3.750.000 met 37 banen.",
            "Register van de provincie Gelderland.",
            "In de periode 1 januari 2010 tot en met 31 december 2018 vonden 2 uitgaande missies en 1 inkomend \
             bezoek plaats in de relatie met Hubei. Zij leverden 4 resultaten op.",
            "Totaal 2 projecten € 3.750.000 37",
            "12–18 mei 2015 Handelsmissie Hubei 2015",
            "Bijlage 4: Budget",
            // CSV cells are text: printed exactly as typed.
            "2016 12.500 0,4",
            "2017 1234,5 1",
        ],
    );
    for outside in ["Oude missie buiten de periode", "Investering buiten de periode", "Missie Shandong", "2.016"] {
        assert!(!text.contains(outside), "{outside:?} must stay out:\n{text}");
    }
    // The same register in English, where a document asks for it.
    let english = pdf_text(&dir.path().join("uit/evaluation-hubei.pdf"));
    assert_holds(
        "English report",
        &english,
        &[
            "EVALUATION REPORT",
            "Period: 1 January 2010 to 31 December 2018",
            "Contents",
            "Results by theme",
            "Total 2 projects € 3,750,000 37",
            "Appendix 1: Outgoing delegations",
            "12–18 May 2015",
        ],
    );
    let titles: Vec<String> = pdf_bookmarks(&pdf).into_iter().map(|(_, t, _)| t).collect();
    assert_in_order(
        "bookmarks",
        &titles.join(" | "),
        &[
            "Samenvatting",
            "1 Inleiding",
            "2 Resultaten per thema",
            "2.1 Investeringen",
            "2.2 Handel",
            "2.3 Onderwijs",
            "3 Conclusie",
            "Bijlage 1: Uitgaande delegaties",
            "Bijlage 2: Inkomende delegaties",
            "Bijlage 3: Resultaten per missie",
            "Bijlage 4: Budget",
        ],
    );
}

#[test]
fn check_names_an_unknown_partner_and_a_reversed_period() {
    let mut sheets = sample::sheets();
    let documents = sheets.iter_mut().find(|s| s.name == "Documenten").unwrap();
    let row = documents.rows.last_mut().unwrap();
    row[5] = V::from("Guangdon");
    row[6] = V::D(2020, 1, 1);
    let dir = tempfile::tempdir().unwrap();
    crate::support::write_texts(dir.path());
    write_xlsx(&dir.path().join("register.xlsx"), &sheets);
    let ran = missiedocs(dir.path(), &["check", "--data", "register.xlsx"]);
    assert_eq!(ran.code, 1, "{}", ran.stderr);
    assert_stderr(
        &ran,
        &[
            "register.xlsx, blad `Documenten`, rij 6, kolom `Partner`: geen missie heeft partner `Guangdon`",
            "partners in het blad Missies: Chengdu, Guangdong",
            "register.xlsx, blad `Documenten`, rij 6, kolom `Tot`: de periode eindigt voordat zij begint",
        ],
    );
}

/// One of a thing is singular, in tiles and sentences: `1 uitgaande
/// missie`, `1 deelnemer`, `Investeringsproject` over a tile of 1.
#[test]
fn one_is_singular_in_tiles_and_sentences() {
    use crate::support::{Sheet, missiedocs, write_csv_dir};
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("register");
    let sheets = [
        Sheet::text("Afzender", &[&["veld", "waarde"], &["naam", "Provincie Utrecht"], &["soort", "provincie"]]),
        Sheet::text(
            "Missies",
            &[
                &["missie", "titel", "richting", "partner", "begindatum"],
                &["M1", "Handelsmissie", "uitgaand", "Tartu", "1-5-2022"],
            ],
        ),
        Sheet::text("Deelnemers", &[&["missie", "naam"], &["M1", "A. de Vries"]]),
        Sheet::text(
            "Resultaten",
            &[
                &["missie", "thema", "omschrijving", "soort", "bedrag", "banen"],
                &["M1", "Investeringen", "Fabriek", "investering", "1000000", "1"],
            ],
        ),
        Sheet::text(
            "Documenten",
            &[
                &["document", "sjabloon", "onderwerp", "datum", "partner", "van", "tot", "tekst"],
                &[
                    "evaluatie",
                    "evaluatie",
                    "Evaluatie Tartu",
                    "1-1-2023",
                    "Tartu",
                    "1-1-2022",
                    "31-12-2022",
                    "rapport.md",
                ],
            ],
        ),
    ];
    write_csv_dir(&data, &sheets, false);
    std::fs::write(
        data.join("rapport.md"),
        "# Inleiding\n\n{% for m in missies %}{{ m.titel }}: {{ m.deelnemers|telling(\"deelnemer\", \"deelnemers\") }}.{% endfor %}\n\n# Conclusie\n\nGoed.\n",
    )
    .unwrap();
    let ran = missiedocs(dir.path(), &["render", "--data", "register", "--out", "uit"]);
    assert_eq!(ran.code, 0, "{}", ran.stderr);
    let text = pdf_text(&dir.path().join("uit/evaluatie.pdf"));
    assert_holds(
        "report",
        &text,
        &[
            "Handelsmissie: 1 deelnemer.",
            "vonden 1 uitgaande missie en 0 inkomende bezoeken plaats in de relatie met Tartu. Zij leverden 1 resultaat op.",
            "Investeringsproject",
        ],
    );
    for plural in ["1 deelnemers", "1 uitgaande missies", "1 resultaten", "1 Investeringsprojecten"] {
        assert!(!text.contains(plural), "{plural}:\n{text}");
    }
}
