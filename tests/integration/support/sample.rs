//! The built-in sample, `data/voorbeeld.xlsx`, as data: built from the facts
//! in the reference documents (the Maastricht–Chengdu letters of 2018 and
//! 2022, the Utrecht–Guangdong evaluation of 2020). Amounts and jobs per
//! investment are illustrative: they add up to the totals the evaluation
//! reports (15 projects is abridged to five, € 17,56 miljoen, 134 jobs).
//!
//! `MISSIEDOCS_WRITE_SAMPLE=1 cargo test sample_workbook` rewrites the workbook;
//! the test `sample_workbook_matches_its_source` keeps the two in step.

use super::{Sheet, V};

/// Text files of the sample, by path relative to `data/`.
pub const TEXTS: &[(&str, &str)] = &[
    ("teksten/stedenband-chengdu.md", include_str!("../../../data/teksten/stedenband-chengdu.md")),
    ("teksten/werkbezoek-chengdu.md", include_str!("../../../data/teksten/werkbezoek-chengdu.md")),
    ("teksten/missie-guangdong-2019.md", include_str!("../../../data/teksten/missie-guangdong-2019.md")),
    ("teksten/evaluatie-guangdong.md", include_str!("../../../data/teksten/evaluatie-guangdong.md")),
    ("logo-maastricht.svg", include_str!("../../../data/logo-maastricht.svg")),
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

#[allow(clippy::type_complexity)]
fn missies() -> Sheet {
    let mut rows = vec![
        vec![t("Missieregister buitenlandse betrekkingen")],
        vec![t("Bijgewerkt na de missie van november 2019")],
        header(&[
            "Missie",
            "Titel",
            "Richting",
            "Partner",
            "Land",
            "Bestemming",
            "Begin datum",
            "Eind datum",
            "Leiding",
            "Doel",
            "Kosten",
        ]),
    ];
    let data: &[(&str, &str, &str, &str, &str, (i32, u32, u32), Option<(i32, u32, u32)>, &str, &str, Option<f64>)] = &[
        (
            "MAA-2012-CDU",
            "Ondertekening stedenband Chengdu",
            "uitgaand",
            "Chengdu",
            "Chengdu",
            (2012, 9, 13),
            None,
            "burgemeester O. Hoes",
            "Ondertekening van de overeenkomst over de stedenband",
            None,
        ),
        (
            "MAA-2019-CDU",
            "Werkbezoek Chengdu",
            "uitgaand",
            "Chengdu",
            "Chengdu",
            (2019, 6, 8),
            Some((2019, 6, 12)),
            "wethouder Heijnen",
            "Burgemeestersforum van de stedenbanden van Chengdu en de Chengdu Global Innovation and Entrepreneurship Fair",
            Some(14_850.0),
        ),
        (
            "MAA-2019-SALLY",
            "SALLY Dansgezelschap op het Chengdu European Cultural Festival",
            "uitgaand",
            "Chengdu",
            "Chengdu",
            (2019, 11, 17),
            Some((2019, 11, 23)),
            "SALLY Dansgezelschap Maastricht",
            "Voorstelling KEIHARD en workshop DANCE ID",
            None,
        ),
        (
            "UTR-2010-05",
            "Dienstreis World Expo Shanghai",
            "uitgaand",
            "Guangdong",
            "Shanghai",
            (2010, 5, 23),
            Some((2010, 5, 30)),
            "Commissaris van de Koningin",
            "Utrechtse dagen op de wereldexpo (Holland Knowledge Inc.)",
            None,
        ),
        (
            "UTR-2010-06",
            "Dienstreis waterbeheer Shanghai",
            "uitgaand",
            "Guangdong",
            "Shanghai",
            (2010, 6, 14),
            Some((2010, 6, 18)),
            "J. Binnekamp",
            "Expertise in waterzuivering en watermanagement",
            None,
        ),
        (
            "UTR-2010-09-IN",
            "Delegatie Guangdong CPPCC",
            "inkomend",
            "Guangdong",
            "Utrecht",
            (2010, 9, 20),
            None,
            "Vice-Chairman Guangdong CPPCC",
            "Bestuurlijk bezoek",
            None,
        ),
        (
            "UTR-2011-11",
            "Dienstreis acquisitie Guangdong",
            "uitgaand",
            "Guangdong",
            "Guangzhou; Shenzhen; Zhuhai; Hongkong",
            (2011, 11, 14),
            Some((2011, 11, 19)),
            "Commissaris van de Koningin",
            "Acquisitie van Chinese investeringen",
            None,
        ),
        (
            "UTR-2012-11",
            "International Week on Cooperation and Exchanges",
            "uitgaand",
            "Guangdong",
            "Guangzhou",
            (2012, 11, 26),
            Some((2012, 11, 30)),
            "Commissaris van de Koningin",
            "Toespraak namens de internationale regio's",
            None,
        ),
        (
            "UTR-2013-11",
            "Acquisitiereis China en Japan",
            "uitgaand",
            "Guangdong",
            "Guangzhou; Tokio",
            (2013, 11, 10),
            Some((2013, 11, 17)),
            "gedeputeerde Economie",
            "Acquisitie",
            None,
        ),
        (
            "UTR-2014-07-IN",
            "SINO-PHIRDA bezoekt Utrecht Science Park",
            "inkomend",
            "Guangdong",
            "Utrecht",
            (2014, 7, 2),
            None,
            "SINO-PHIRDA",
            "Farmaceutisch onderzoek",
            None,
        ),
        (
            "UTR-2014-11",
            "Missie Guangdong 2014",
            "uitgaand",
            "Guangdong",
            "Guangzhou",
            (2014, 11, 16),
            Some((2014, 11, 21)),
            "gedeputeerde Economie",
            "Handel en investeringen",
            None,
        ),
        (
            "UTR-2015-11",
            "Missie Guangdong 2015",
            "uitgaand",
            "Guangdong",
            "Guangzhou; Shenzhen",
            (2015, 11, 15),
            Some((2015, 11, 21)),
            "Commissaris van de Koning en gedeputeerde Economie",
            "Vernieuwing van het vriendschapsverdrag",
            None,
        ),
        (
            "UTR-2014-07-GD",
            "Delegatie van de provincie Guangdong",
            "inkomend",
            "Guangdong",
            "Utrecht",
            (2014, 7, 11),
            None,
            "Foreign Affairs Office Guangdong",
            "Bestuurlijk bezoek aan de provincie Utrecht",
            None,
        ),
        (
            "UTR-2014-10-IN",
            "Delegatie water-, milieu- en energiebeleid",
            "inkomend",
            "Guangdong",
            "Utrecht",
            (2014, 10, 6),
            None,
            "",
            "Wet- en regelgeving en kennisuitwisseling",
            None,
        ),
        (
            "UTR-2014-12-IN",
            "Conferentie energiebesparing en milieubescherming",
            "inkomend",
            "Guangdong",
            "Utrecht",
            (2014, 12, 2),
            None,
            "",
            "Conferentie in het provinciehuis met sprekers van RIVM en Ecofys",
            None,
        ),
        (
            "UTR-2016-IN",
            "Delegatie landbouw uit Guangdong",
            "inkomend",
            "Guangdong",
            "Utrecht",
            (2016, 6, 6),
            None,
            "",
            "Innovatie in landbouw en natuur",
            None,
        ),
        (
            "UTR-2017-11",
            "Missie Guangdong 2017",
            "uitgaand",
            "Guangdong",
            "Guangzhou; Zhuhai",
            (2017, 11, 12),
            Some((2017, 11, 18)),
            "gedeputeerde Economie",
            "Handel, investeringen en cultuur",
            None,
        ),
        (
            "UTR-2018-IN",
            "Guangdong College geneesmiddelen en voedselveiligheid",
            "inkomend",
            "Guangdong",
            "Utrecht",
            (2018, 5, 14),
            None,
            "",
            "Beoordeling van geneesmiddelen en voedselveiligheid",
            None,
        ),
        (
            "UTR-2019-IN",
            "Delegatie Guangdong gezondheidsraad",
            "inkomend",
            "Guangdong",
            "Utrecht",
            (2019, 4, 8),
            None,
            "",
            "Gezondheidszorg",
            None,
        ),
        (
            "UTR-2019-09-IN",
            "Delegatie duurzame landbouw",
            "inkomend",
            "Guangdong",
            "Utrecht",
            (2019, 9, 16),
            None,
            "",
            "Duurzaamheid in het provinciale landbouwbeleid",
            None,
        ),
        (
            "UTR-2019-11",
            "Handelsmissie Guangdong 2019",
            "uitgaand",
            "Guangdong",
            "Guangzhou; Shenzhen; Hongkong",
            (2019, 11, 17),
            Some((2019, 11, 23)),
            "gedeputeerde Strijk",
            "25 jaar vriendschapsrelatie; handel en duurzaamheid",
            Some(48_500.0),
        ),
    ];
    for (id, titel, richting, partner, best, b, e, leiding, doel, kosten) in data {
        let land = if id.starts_with("UTR-2013") { "China; Japan" } else { "China" };
        rows.push(vec![
            t(id),
            t(titel),
            t(richting),
            t(partner),
            t(land),
            t(best),
            d(b.0, b.1, b.2),
            e.map(|e| d(e.0, e.1, e.2)).unwrap_or(V::E),
            t(leiding),
            t(doel),
            kosten.map(n).unwrap_or(V::E),
        ]);
    }
    Sheet { name: "Missies".into(), rows }
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

fn resultaten() -> Sheet {
    type R<'a> = (&'a str, &'a str, &'a str, &'a str, &'a str, Option<f64>, Option<f64>);
    let data: &[R] = &[
        (
            "MAA-2012-CDU",
            "Cultuur en toerisme",
            "Overeenkomst over de stedenband Chengdu–Maastricht ondertekend",
            "overeenkomst",
            "Stad Chengdu",
            None,
            None,
        ),
        (
            "MAA-2019-CDU",
            "Life sciences & health",
            "Brightlands Maastricht Health Campus gepresenteerd op de internationale beurs; gesprekken met ziekenhuizen en universiteiten",
            "contact",
            "Chengdu Global Innovation and Entrepreneurship Fair",
            None,
            None,
        ),
        (
            "MAA-2019-CDU",
            "Media",
            "Persconferentie over de stedenband voor nationale en lokale media",
            "contact",
            "",
            None,
            None,
        ),
        (
            "MAA-2019-SALLY",
            "Cultuur en toerisme",
            "Voorstelling KEIHARD en workshop DANCE ID; perspectiefvolle contacten gelegd",
            "contact",
            "European Affairs Division Chengdu",
            None,
            None,
        ),
        (
            "UTR-2010-05",
            "Onderwijs",
            "Universiteit Utrecht tekent uitwisselingsovereenkomst met de Universiteit van Nanjing",
            "MoU",
            "Universiteit van Nanjing",
            None,
            None,
        ),
        (
            "UTR-2010-05",
            "Duurzaamheid",
            "Goodbaby past de Cradle to Cradle-methode toe na presentatie van Turn Key Design",
            "contact",
            "Goodbaby",
            None,
            None,
        ),
        (
            "UTR-2010-06",
            "Duurzaamheid",
            "Aandacht voor Utrechtse expertise in waterzuivering en watermanagement",
            "contact",
            "",
            None,
            None,
        ),
        (
            "UTR-2011-11",
            "Investeringen",
            "Chinees bedrijf vestigt distributiecentrum in de provincie Utrecht",
            "investering",
            "",
            Some(1_200_000.0),
            Some(8.0),
        ),
        (
            "UTR-2011-11",
            "Duurzaamheid",
            "Initiatief Duurzame Handel in gesprek met de autoriteiten van Guangdong",
            "contact",
            "IDH",
            None,
            None,
        ),
        (
            "UTR-2012-11",
            "Handel",
            "Contacten voor FC Utrecht en Hogeschool Utrecht besproken met de gouverneur",
            "contact",
            "Provincie Guangdong",
            None,
            None,
        ),
        (
            "UTR-2013-11",
            "Investeringen",
            "Hightechbedrijf uit Guangdong vestigt Europees hoofdkantoor in de provincie Utrecht",
            "investering",
            "",
            Some(3_500_000.0),
            Some(10.0),
        ),
        (
            "UTR-2014-11",
            "Handel",
            "WSS en Grontmij maken vervolgafspraken met staatsbedrijf Guangye",
            "intentieverklaring",
            "Guangye",
            None,
            None,
        ),
        (
            "UTR-2015-11",
            "Investeringen",
            "Investeringen van Chinese bedrijven in Utrecht na de missie",
            "investering",
            "",
            Some(4_860_000.0),
            Some(40.0),
        ),
        (
            "UTR-2015-11",
            "Handel",
            "Een contract, twee MoU's en een Letter of Intent getekend in aanwezigheid van beide gouverneurs",
            "contract",
            "",
            None,
            None,
        ),
        (
            "UTR-2015-11",
            "Onderwijs",
            "HKU krijgt het aanbod structureel stagiaires te plaatsen bij een grote Chinese uitgever",
            "contact",
            "",
            None,
            None,
        ),
        (
            "UTR-2015-11",
            "Cultuur en toerisme",
            "De vijf Utrechtse kasteelmusea onder de aandacht van Chinese touroperators",
            "contact",
            "",
            None,
            None,
        ),
        (
            "UTR-2017-11",
            "Investeringen",
            "Uitbreiding van twee bedrijven in de provincie Utrecht",
            "investering",
            "",
            Some(2_500_000.0),
            Some(24.0),
        ),
        (
            "UTR-2017-11",
            "Handel",
            "Contract voor de bouw van een mechanisch-biologische afvalverwerkingsfabriek",
            "contract",
            "",
            None,
            None,
        ),
        (
            "UTR-2017-11",
            "Duurzaamheid",
            "Intentieverklaring voor de overgang van een olie- naar een LNG-gestookte fabriek",
            "intentieverklaring",
            "",
            None,
            None,
        ),
        (
            "UTR-2017-11",
            "Life sciences & health",
            "Chinees bedrijf in contact gebracht met het 3DMedical Fieldlab op het Utrecht Science Park",
            "contact",
            "3DMedical Fieldlab",
            None,
            None,
        ),
        (
            "UTR-2017-11",
            "Media",
            "Artikelen in de Chinese pers en een bezoek van een tv- en radioploeg uit Guangdong",
            "contact",
            "",
            None,
            None,
        ),
        (
            "UTR-2014-12-IN",
            "Duurzaamheid",
            "Kennisuitwisseling over energiebesparing met RIVM en Ecofys",
            "contact",
            "RIVM; Ecofys",
            None,
            None,
        ),
        (
            "UTR-2018-IN",
            "Life sciences & health",
            "Kennismaking van het Guangdong College met het College ter Beoordeling van Geneesmiddelen",
            "contact",
            "CBG",
            None,
            None,
        ),
        (
            "UTR-2019-11",
            "Investeringen",
            "Vestiging van Chinese bedrijven in de provincie Utrecht",
            "investering",
            "",
            Some(5_500_000.0),
            Some(52.0),
        ),
        (
            "UTR-2019-11",
            "Media",
            "Reportage op Guangdong TV, met een bereik van 120 miljoen kijkers",
            "contact",
            "Guangdong TV",
            None,
            None,
        ),
        (
            "UTR-2019-11",
            "Mensenrechten",
            "Mensenrechten besproken met de vicegouverneur van Guangdong",
            "contact",
            "Provincie Guangdong",
            None,
            None,
        ),
    ];
    let mut rows = vec![header(&["Missie", "Thema", "Omschrijving", "Soort", "Partij", "Bedrag", "Banen"])];
    rows.extend(data.iter().map(|(m, thema, oms, soort, partij, bedrag, banen)| {
        vec![t(m), t(thema), t(oms), t(soort), t(partij), bedrag.map(n).unwrap_or(V::E), banen.map(n).unwrap_or(V::E)]
    }));
    Sheet { name: "Resultaten".into(), rows }
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
        t("Resultaten {{ missie.titel|lower }}"),
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
