//! The example organisation `init` writes: its sender settings and a few
//! rows on every contract sheet, each a value of its column's kind.

use crate::input::schema::SheetDef;

/// A cell of an example row.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) enum Value {
    /// Text (`;`-separated for list columns).
    Text(&'static str),
    /// A date: year, month, day.
    Date(u16, u8, u8),
    /// A number: an amount in euros or a count.
    Number(f64),
}

use Value::{Date as D, Number as N, Text as T};

/// An example row: values by column key; columns left out stay empty.
pub(super) type Row = &'static [(&'static str, Value)];

/// The `Afzender` settings of the example, by field.
pub(super) const AFZENDER: &[(&str, &str)] = &[
    ("naam", "Gemeente Voorbeeldstad"),
    ("soort", "gemeente"),
    ("plaats", "Voorbeeldstad"),
    ("retouradres", "Postbus 1000, 1234 AB Voorbeeldstad"),
    ("bezoekadres", "Stadhuisplein 1\n1234 AB Voorbeeldstad"),
    ("postadres", "Postbus 1000\n1234 AB Voorbeeldstad"),
    ("telefoon", "14 0123"),
    ("website", "www.voorbeeldstad.nl"),
    ("logo", "logo.svg"),
    // A fictional municipality has no TOOI code (a real one: `gm0935`); only
    // the Woo metadata (`--woo`) needs it.
    ("tooi", ""),
    // The house colour the built-in templates use.
    ("kleur", "#1f5f8b"),
    // A house font: its files in `sjablonen/fonts/`, its family name here;
    // empty: Open Sans.
    ("lettertype", ""),
];

pub(super) const MISSIES: &[Row] = &[
    &[
        ("missie", T("VBS-2024-TAR")),
        ("titel", T("Handelsmissie Tartu")),
        ("richting", T("uitgaand")),
        ("partner", T("Tartu")),
        ("land", T("Estland")),
        ("bestemming", T("Tartu; Tallinn")),
        ("begindatum", D(2024, 9, 16)),
        ("einddatum", D(2024, 9, 19)),
        ("leiding", T("burgemeester A. de Vries")),
        ("doel", T("versterken van de samenwerking op het gebied van digitale dienstverlening en onderwijs")),
        ("kosten", N(18_500.0)),
    ],
    &[
        ("missie", T("VBS-2025-TAR")),
        ("titel", T("Ontvangst delegatie Tartu")),
        ("richting", T("inkomend")),
        ("partner", T("Tartu")),
        ("land", T("Estland")),
        ("bestemming", T("Voorbeeldstad")),
        ("begindatum", D(2025, 3, 10)),
        ("einddatum", D(2025, 3, 12)),
        ("leiding", T("burgemeester K. Mets")),
        ("doel", T("kennismaking met het warmtenet van Voorbeeldstad en een intentieverklaring over duurzame energie")),
        ("kosten", N(6_200.0)),
    ],
];

pub(super) const DEELNEMERS: &[Row] = &[
    &[
        ("missie", T("VBS-2024-TAR")),
        ("naam", T("P. Bakker-de Wit")),
        ("organisatie", T("Warmtebedrijf Voorbeeldstad")),
        ("sector", T("energie")),
        ("aanhef", T("Geachte mevrouw Bakker-de Wit,")),
        ("adres", T("Energieweg 5")),
        ("postcode", T("1234 EF")),
        ("plaats", T("Voorbeeldstad")),
    ],
    &[
        ("missie", T("VBS-2024-TAR")),
        ("naam", T("M. Jansen")),
        ("organisatie", T("Hogeschool Voorbeeldstad")),
        ("sector", T("onderwijs")),
        ("adres", T("Campuslaan 10")),
        ("postcode", T("1234 CD")),
        ("plaats", T("Voorbeeldstad")),
        ("email", T("m.jansen@hogeschool-voorbeeldstad.nl")),
    ],
];

pub(super) const RESULTATEN: &[Row] = &[
    &[
        ("missie", T("VBS-2024-TAR")),
        ("thema", T("Investeringen")),
        (
            "omschrijving",
            T("Vestiging van het Europese ontwikkelcentrum van softwarebedrijf Nordcode in Voorbeeldstad"),
        ),
        ("soort", T("investering")),
        ("partij", T("Nordcode OÜ")),
        ("bedrag", N(2_500_000.0)),
        ("banen", N(35.0)),
        ("datum", D(2024, 12, 2)),
    ],
    &[
        ("missie", T("VBS-2024-TAR")),
        ("thema", T("Onderwijs")),
        (
            "omschrijving",
            T("Uitwisselingsprogramma voor studenten van de Hogeschool Voorbeeldstad en de Universiteit van Tartu"),
        ),
        ("soort", T("MoU")),
        ("partij", T("Universiteit van Tartu")),
        ("datum", D(2024, 9, 18)),
    ],
    &[
        ("missie", T("VBS-2025-TAR")),
        ("thema", T("Duurzaamheid")),
        ("omschrijving", T("Samenwerking bij de aanleg van warmtenetten")),
        ("soort", T("intentieverklaring")),
        ("partij", T("Stad Tartu")),
        ("datum", D(2025, 3, 11)),
    ],
];

pub(super) const DOCUMENTEN: &[Row] = &[
    &[
        ("document", T("rib-2024-handelsmissie-tartu")),
        ("sjabloon", T("raadsinformatiebrief")),
        ("onderwerp", T("{{ missie.titel }}: resultaten")),
        ("datum", D(2024, 10, 8)),
        ("missie", T("VBS-2024-TAR")),
        ("aan", T("Aan de leden van\nde gemeenteraad")),
        ("aanhef", T("Geachte raadsleden,")),
        ("kenmerk", T("2024.00123")),
        ("behandeld_door", T("Team Internationale Samenwerking")),
        ("telefoon", T("14 0123")),
        ("email", T("internationaal@voorbeeldstad.nl")),
        ("ondertekenaar", T("A. de Vries")),
        ("functie", T("Burgemeester")),
        ("tekst", T("teksten/raadsinformatiebrief.md")),
        ("bijlagen", T("Programma handelsmissie Tartu")),
        ("taal", T("nl")),
        ("informatiecategorie", T("bij vertegenwoordigende organen ingekomen stukken")),
        ("waardering", T("B")),
    ],
    &[
        ("document", T("memo-2025-ontvangst-tartu")),
        ("sjabloon", T("collegememo")),
        ("onderwerp", T("Ontvangst delegatie {{ missie.partner }} {{ missie.begindatum|datum }}")),
        ("datum", D(2025, 2, 18)),
        ("missie", T("VBS-2025-TAR")),
        ("kenmerk", T("2025.00045")),
        ("behandeld_door", T("Team Internationale Samenwerking")),
        ("telefoon", T("14 0123")),
        ("email", T("internationaal@voorbeeldstad.nl")),
        ("ondertekenaar", T("J. Bakker")),
        ("functie", T("Wethouder Economie")),
        ("tekst", T("teksten/collegememo.docx")),
        ("taal", T("nl")),
        ("waardering", T("V")),
        ("bewaartermijn", T("10 jaar")),
    ],
    &[
        // A letter to every member of the mission: `per` = deelnemer.
        ("document", T("bedankt-2024-handelsmissie-tartu")),
        ("sjabloon", T("brief")),
        ("onderwerp", T("{{ missie.titel }}")),
        ("datum", D(2024, 10, 1)),
        ("missie", T("VBS-2024-TAR")),
        ("per", T("deelnemer")),
        ("kenmerk", T("2024.00118")),
        ("behandeld_door", T("Team Internationale Samenwerking")),
        ("telefoon", T("14 0123")),
        ("email", T("internationaal@voorbeeldstad.nl")),
        ("ondertekenaar", T("A. de Vries")),
        ("functie", T("Burgemeester")),
        ("tekst", T("teksten/bedankbrief.md")),
        ("taal", T("nl")),
    ],
    &[
        // An outgoing letter in English to the partner city.
        ("document", T("letter-2024-tartu")),
        ("sjabloon", T("brief")),
        ("onderwerp", T("Trade mission to {{ missie.partner }}")),
        ("datum", D(2024, 9, 30)),
        ("missie", T("VBS-2024-TAR")),
        ("aan", T("Mayor of Tartu\nCity of Tartu\nRaekoja plats 1\n51004 Tartu\nESTONIA")),
        ("aanhef", T("Dear Mayor,")),
        ("kenmerk", T("2024.00117")),
        ("ondertekenaar", T("A. de Vries")),
        ("functie", T("Mayor of Voorbeeldstad")),
        ("tekst", T("teksten/letter-tartu.md")),
        ("taal", T("en")),
    ],
    &[
        ("document", T("evaluatie-2025-samenwerking-tartu")),
        ("sjabloon", T("evaluatie")),
        ("onderwerp", T("Evaluatie samenwerking Voorbeeldstad – {{ document.partner }}")),
        ("datum", D(2025, 7, 15)),
        ("partner", T("Tartu")),
        ("van", D(2024, 1, 1)),
        ("tot", D(2025, 6, 30)),
        ("aan", T("Aan de leden van\nde gemeenteraad")),
        ("kenmerk", T("2025.00210")),
        ("behandeld_door", T("Team Internationale Samenwerking")),
        ("ondertekenaar", T("College van burgemeester en wethouders")),
        ("tekst", T("teksten/evaluatie.md")),
        ("taal", T("nl")),
        ("informatiecategorie", T("onderzoeksrapporten")),
        ("waardering", T("B")),
    ],
];

/// The example rows of a contract sheet (not `Afzender`).
pub(super) fn examples(sheet: &SheetDef) -> &'static [Row] {
    match sheet.key {
        "missies" => MISSIES,
        "deelnemers" => DEELNEMERS,
        "resultaten" => RESULTATEN,
        "documenten" => DOCUMENTEN,
        _ => &[],
    }
}
