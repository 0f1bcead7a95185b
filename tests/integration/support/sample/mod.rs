//! The built-in sample, `data/voorbeeld.xlsx`, as data: built from the facts
//! in the reference documents (the Maastricht–Chengdu letters of 2018 and
//! 2022, the Utrecht–Guangdong evaluation of 2020). Amounts and jobs per
//! investment are illustrative: they add up to the totals the evaluation
//! reports (15 projects is abridged to five, € 17,56 miljoen, 134 jobs).
//!
//! `MISSIEDOCS_WRITE_SAMPLE=1 cargo test sample_workbook` rewrites the workbook;
//! the test `sample_workbook_matches_its_source` keeps the two in step.

mod missies;
mod resultaten;

use super::{Sheet, V};
use missies::missies;
use resultaten::resultaten;

/// Text files of the sample, by path relative to `data/`.
pub const TEXTS: &[(&str, &str)] = &[
    ("teksten/stedenband-chengdu.md", include_str!("../../../../data/teksten/stedenband-chengdu.md")),
    ("teksten/werkbezoek-chengdu.md", include_str!("../../../../data/teksten/werkbezoek-chengdu.md")),
    ("teksten/missie-guangdong-2019.md", include_str!("../../../../data/teksten/missie-guangdong-2019.md")),
    ("teksten/evaluatie-guangdong.md", include_str!("../../../../data/teksten/evaluatie-guangdong.md")),
    ("logo-maastricht.svg", include_str!("../../../../data/logo-maastricht.svg")),
];

/// The sample's PDF annex, by path relative to `data/`.
pub const ANNEX: &str = "bijlagen/Presentatie werkbezoek Chengdu aan de raad.pdf";

/// The sample's PDF annex: slides as a presentation program exports them.
pub fn annex() -> Vec<u8> {
    super::annex_pdf(&[
        &["Werkbezoek Chengdu, juni 2019", "", "Presentatie aan de gemeenteraad van Maastricht"],
        &[
            "Programma",
            "",
            "- Ontvangst door het stadsbestuur van Chengdu",
            "- Bezoek aan de Chengdu Hi-tech Zone",
            "- Gesprekken met universiteiten over uitwisseling",
        ],
        &["Vervolg", "", "- Culturele uitwisseling 2020", "- Handelsmissie met MECC Maastricht"],
    ])
}

fn t(s: &str) -> V {
    V::from(s)
}

fn d(y: i32, m: u32, day: u32) -> V {
    V::D(y, m, day)
}

fn n(x: f64) -> V {
    V::N(x)
}

fn header(cols: &[&str]) -> Vec<V> {
    cols.iter().map(|c| t(c)).collect()
}

/// The sheets of the sample workbook.
pub fn sheets() -> Vec<Sheet> {
    vec![afzender(), afzender_utrecht(), missies(), deelnemers(), resultaten(), documenten(), begroting()]
}

fn kv(name: &str, title: &str, rows: &[(&str, &str)]) -> Sheet {
    let mut all = vec![vec![t(title)], vec![], header(&["Veld", "Waarde"])];
    all.extend(rows.iter().map(|(k, v)| vec![t(k), t(v)]));
    Sheet { name: name.into(), rows: all }
}

fn afzender() -> Sheet {
    kv(
        "Afzender",
        "Huisstijl en adressen",
        &[
            ("naam", "Gemeente Maastricht"),
            ("soort", "gemeente"),
            ("plaats", "Maastricht"),
            ("retouradres", "Postbus 1992, 6201 BZ Maastricht"),
            ("bezoekadres", "Mosae Forum 10\n6211 DW Maastricht"),
            ("postadres", "Postbus 1992\n6201 BZ Maastricht"),
            ("telefoon", "14 043"),
            ("website", "www.gemeentemaastricht.nl"),
            ("logo", "logo-maastricht.svg"),
            ("kleur", "#9d1c20"),
        ],
    )
}

fn afzender_utrecht() -> Sheet {
    kv(
        "Afzender Utrecht",
        "Tweede afzender: Provincie Utrecht",
        &[
            ("naam", "Provincie Utrecht"),
            ("soort", "provincie"),
            ("plaats", "Utrecht"),
            ("retouradres", "Postbus 80300, 3508 TH Utrecht"),
            ("bezoekadres", "Archimedeslaan 6\n3584 BA Utrecht"),
            ("postadres", "Postbus 80300\n3508 TH Utrecht"),
            ("telefoon", "030 258 9111"),
            ("website", "www.provincie-utrecht.nl"),
            ("kleur", "#b2001c"),
        ],
    )
}

fn deelnemers() -> Sheet {
    let data: &[(&str, &str, &str, &str)] = &[
        ("MAA-2019-CDU", "wethouder Heijnen", "Gemeente Maastricht", "Bestuur"),
        (
            "MAA-2019-CDU",
            "Programmamanager health campus",
            "Brightlands Maastricht Health Campus",
            "Life sciences & health",
        ),
        ("MAA-2019-CDU", "Beleidsadviseur internationale zaken", "Gemeente Maastricht", "Bestuur"),
        ("MAA-2019-SALLY", "Dansers en staf", "SALLY Dansgezelschap Maastricht", "Cultuur"),
        ("UTR-2019-11", "gedeputeerde Strijk", "Provincie Utrecht", "Bestuur"),
        ("UTR-2019-11", "Jasper Vis", "Headcandy", "Creatieve industrie"),
        ("UTR-2019-11", "Delegatie HKU", "Hogeschool voor de Kunsten Utrecht", "Onderwijs"),
        ("UTR-2017-11", "Delegatie MOA", "Museum Oud Amelisweerd", "Cultuur"),
        ("UTR-2015-11", "Delegatie HKU", "Hogeschool voor de Kunsten Utrecht", "Onderwijs"),
    ];
    let mut rows = vec![header(&["Missie", "Naam", "Organisatie", "Sector"])];
    rows.extend(data.iter().map(|(m, naam, org, sector)| vec![t(m), t(naam), t(org), t(sector)]));
    Sheet { name: "Deelnemers".into(), rows }
}

fn documenten() -> Sheet {
    let mut rows = vec![
        vec![t("Te maken documenten")],
        header(&[
            "Document",
            "Sjabloon",
            "Onderwerp",
            "Datum",
            "Missie",
            "Partner",
            "Van",
            "Tot",
            "Aan",
            "Aanhef",
            "Kenmerk",
            "Uw kenmerk",
            "Behandeld door",
            "Telefoon",
            "E-mail",
            "Ondertekenaar",
            "Functie",
            "Tekst",
            "Bijlagen",
            "Afzender",
        ]),
    ];
    rows.push(vec![
        t("rib-2022-stedenband-chengdu"),
        t("raadsinformatiebrief"),
        t("Stedenband Chengdu"),
        d(2022, 11, 22),
        V::E,
        t("Chengdu"),
        V::E,
        V::E,
        t("Aan de dames en heren,\nleden van de gemeenteraad"),
        t("Geachte raadsleden,"),
        t("2022.17761"),
        V::E,
        t("HMJL (Helmy) Koolen"),
        t("043 350 5274"),
        t("Helmy.koolen@maastricht.nl"),
        t("J.M. Penn-te Strake"),
        t("Burgemeester"),
        t("teksten/stedenband-chengdu.md"),
        t("Overeenkomst stedenband Chengdu en Maastricht (2012); Collegememo werkbezoek Chengdu juni 2019; \
           bijlagen/Presentatie werkbezoek Chengdu aan de raad.pdf; Aankondiging tournee SALLY Dansgezelschap; \
           Notitie donatie mondmaskers; Introductie Maastricht voor de fototentoonstelling"),
        V::E,
    ]);
    rows.push(vec![
        t("memo-2019-werkbezoek-chengdu"),
        t("collegememo"),
        t("Werkbezoek {{ missie.partner }} {{ missie.begindatum|datum }} tot en met {{ missie.einddatum|datum }}"),
        d(2019, 6, 18),
        t("MAA-2019-CDU"),
        V::E,
        V::E,
        V::E,
        V::E,
        V::E,
        t("2019.08812"),
        V::E,
        t("Bureau Internationale Zaken"),
        t("043 350 4000"),
        V::E,
        t("wethouder Heijnen"),
        t("Wethouder Economie en Health"),
        t("teksten/werkbezoek-chengdu.md"),
        V::E,
        V::E,
    ]);
    rows.push(vec![
        t("statenbrief-2020-missie-guangdong"),
        t("raadsinformatiebrief"),
        t("Resultaten handelsmissie {{ missie.partner }} {{ missie.jaar }}"),
        d(2020, 1, 28),
        t("UTR-2019-11"),
        V::E,
        V::E,
        V::E,
        V::E,
        V::E,
        t("81F0A2C9"),
        t("motie M7 (25 september 2019)"),
        t("Team Trade en Invest"),
        t("030 258 9111"),
        V::E,
        t("Gedeputeerde Staten van Utrecht"),
        V::E,
        t("teksten/missie-guangdong-2019.md"),
        t("Programma handelsmissie november 2019"),
        t("Utrecht"),
    ]);
    rows.push(vec![
        t("evaluatie-2020-guangdong"),
        t("evaluatie"),
        t("Evaluatie vriendschapsrelatie Provincie Utrecht – Provincie {{ document.partner }}"),
        d(2020, 2, 28),
        V::E,
        t("Guangdong"),
        d(2010, 1, 1),
        d(2019, 12, 31),
        t("Aan de leden van\nProvinciale Staten"),
        V::E,
        t("PS2020-EVAL-01"),
        t("motie M56 (25 september 2019)"),
        t("Team Trade en Invest"),
        t("030 258 9111"),
        V::E,
        t("Gedeputeerde Staten van Utrecht"),
        V::E,
        t("teksten/evaluatie-guangdong.md"),
        V::E,
        t("Utrecht"),
    ]);
    Sheet { name: "Documenten".into(), rows }
}

/// Budgets and staff per province for their Chinese partner relations, from
/// the evaluation's appendix 2: a sheet outside the contract.
fn begroting() -> Sheet {
    let data: &[(&str, &str, V, V, &str, &str)] = &[
        ("Utrecht", "Guangdong", n(0.2), n(15_000.0), "Geen apart China-budget", "Inkomende en uitgaande missies"),
        ("Limburg", "Sichuan", n(0.9), n(20_000.0), "Geen apart China-budget", "Inkomende en uitgaande missies"),
        (
            "Gelderland",
            "Hubei; Shandong; Fujian",
            n(1.3),
            n(20_000.0),
            "",
            "Reis- en verblijfkosten, representatie, evaluatie",
        ),
        (
            "Zuid-Holland",
            "Hebei; Pudong (Shanghai)",
            n(0.33),
            n(155_000.0),
            "Dit budget is extern uitbesteed",
            "Inkomende en uitgaande missies, website",
        ),
        (
            "Overijssel",
            "Liaoning",
            n(1.0),
            n(100_000.0),
            "Geen apart China-budget",
            "Handelsbevordering, acquisitie en reizen",
        ),
        (
            "Groningen",
            "Shaanxi; Hunan",
            n(0.2),
            n(3_500.0),
            "Geen apart China-budget",
            "Inkomende en uitgaande missies",
        ),
        (
            "Friesland",
            "Heilongjiang; Sichuan",
            n(0.6),
            n(50_000.0),
            "Apart China-budget; strategie voor drie jaar",
            "Inkomende en uitgaande missies, website",
        ),
        (
            "Drenthe",
            "Shaanxi",
            n(0.5),
            n(25_000.0),
            "Zonder bestuurders geen ambtelijke reizen",
            "Inkomende missies (na intake)",
        ),
        ("Noord-Holland", "Shandong", t("onbekend"), t("onbekend"), "Geen apart China-budget", "Inkomende missies"),
        ("Noord-Brabant", "Jiangsu", n(2.0), V::E, "Geen apart China-budget", ""),
        ("Flevoland", "Zhejiang", V::E, V::E, "", ""),
    ];
    let mut rows = vec![
        vec![t("Chinarelaties van de provincies: budget en formatie per jaar")],
        header(&["Provincie", "Partner(s)", "FTE", "Budget per jaar (circa)", "Opmerkingen", "Gebruik van budget"]),
    ];
    rows.extend(data.iter().map(|(p, partner, fte, budget, opm, gebruik)| {
        vec![t(p), t(partner), fte.clone(), budget.clone(), t(opm), t(gebruik)]
    }));
    Sheet { name: "Begroting".into(), rows }
}
