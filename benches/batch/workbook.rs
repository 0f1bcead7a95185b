//! The benchmark's data: an `.xlsx` workbook of N three-page council
//! letters, as a mail merge after a trade mission makes them — every letter
//! with its own mission (dates, leader, partner, three results), its own
//! date, subject and reference, and the same eight body paragraphs; or, as
//! the benchmark's workbook was until December 2026, one date for all and
//! a subject shared by the letters to the same partner.

use std::path::Path;

use rust_xlsxwriter::{Format, Workbook, XlsxError};

/// The eight paragraphs every letter shares.
const PARAGRAPHS: [&str; 8] = [
    "Tijdens het bezoek zijn gesprekken gevoerd met bedrijven, ziekenhuizen, de lokale overheid en universiteiten. \
     De delegatie heeft de balans tussen innovatie, economie en kwaliteit van de leefomgeving toegelicht, evenals de \
     samenwerking in de health campus en de ambities op het gebied van duurzaamheid en energietransitie. In elk \
     gesprek is nagegaan welke afspraken uit eerdere bezoeken zijn nagekomen, welke nog openstaan en wie daarvoor \
     verantwoordelijk is. De gesprekspartners hebben aangegeven de samenwerking te willen voortzetten en uit te \
     breiden naar het onderwijs en de zorg.",
    "De gemeente werkt sinds jaren samen met kennisinstellingen in de regio. Die samenwerking is tijdens het bezoek \
     verdiept: studenten en onderzoekers krijgen de gelegenheid om stage te lopen bij bedrijven in de partnerstad, \
     en omgekeerd. Daarnaast is afgesproken dat beide steden jaarlijks een gezamenlijke bijeenkomst organiseren \
     waar ondernemers, onderwijsinstellingen en overheden elkaar ontmoeten. De eerste bijeenkomst vindt volgend \
     voorjaar plaats; de kosten worden gedeeld en vallen binnen de bestaande begroting voor internationale \
     samenwerking.",
    "Op het gebied van handel en investeringen zijn verkennende gesprekken gevoerd met vertegenwoordigers van de \
     kamer van koophandel en met individuele bedrijven. Zij toonden belangstelling voor de logistieke positie van \
     de regio, voor de beschikbaarheid van goed opgeleid personeel en voor de nabijheid van universiteiten. De \
     delegatie heeft gewezen op de ondersteuning die de regionale ontwikkelingsmaatschappij biedt bij vestiging, \
     vergunningen en het vinden van personeel. Concrete toezeggingen zijn nog niet gedaan; de contacten worden \
     door de ontwikkelingsmaatschappij onderhouden.",
    "Duurzaamheid was een terugkerend onderwerp. De partnerstad heeft de afgelopen jaren fors geinvesteerd in \
     openbaar vervoer, warmtenetten en de verduurzaming van bestaande woningen. De delegatie heeft een aantal van \
     deze projecten bezocht en met de uitvoerders gesproken over de aanpak, de kosten en de betrokkenheid van \
     bewoners. Verschillende ervaringen zijn direct bruikbaar voor de eigen warmtetransitie; de ambtelijke \
     organisatie werkt dit uit in een korte notitie die de raad na de zomer ontvangt.",
    "Cultuur en erfgoed verbinden beide steden al lang. Tijdens het bezoek is gesproken over een uitwisseling van \
     tentoonstellingen tussen de musea, over gezamenlijke festivals en over een programma voor jonge kunstenaars. \
     De culturele instellingen aan beide kanten hebben aangegeven hiervoor zelf middelen te zoeken; de gemeente \
     faciliteert de contacten en stelt ruimte beschikbaar in het eigen programma voor internationale activiteiten. \
     Een eerste tentoonstelling is voorzien in het najaar van volgend jaar.",
    "De kosten van de missie zijn gedekt uit het budget voor internationale samenwerking. De reis- en \
     verblijfkosten van de delegatie zijn beperkt gehouden door gebruik te maken van openbaar vervoer waar dat \
     mogelijk was en door gezamenlijk te reizen met de delegaties van andere overheden. Deelnemers uit het \
     bedrijfsleven hebben hun eigen kosten gedragen. Een overzicht van de kosten is op verzoek beschikbaar bij de \
     griffie; de verantwoording volgt in de jaarrekening.",
    "In de komende maanden worden de afspraken uitgewerkt in een werkplan met concrete acties, verantwoordelijken \
     en een planning. Het werkplan wordt besproken met de partners in de regio en daarna aan het college \
     voorgelegd. De raad wordt over de voortgang geinformeerd via de jaarlijkse rapportage over internationale \
     samenwerking. Waar besluiten van de raad nodig zijn, worden die afzonderlijk voorgelegd met een voorstel en de \
     financiele gevolgen.",
    "Wij zijn de gesprekspartners in de partnerstad erkentelijk voor hun gastvrijheid en voor de openheid waarmee \
     zij hun ervaringen hebben gedeeld. Ook danken wij de deelnemers uit het bedrijfsleven, het onderwijs en de \
     culturele sector voor hun inzet tijdens de missie. Met deze brief informeren wij u over de uitkomsten van het \
     bezoek; voor vragen kunt u contact opnemen met de behandelend ambtenaar die in de kantlijn van deze brief \
     staat vermeld.",
];

/// How each paragraph goes on: the letters of the benchmark run to three pages.
const FOLLOW_UP: &str = " Over de uitvoering van deze afspraken wordt de raad geinformeerd zodra er concrete resultaten \
     zijn; waar nodig worden de betrokken partners in de regio daarbij opnieuw geraadpleegd, zodat de inzet van \
     de gemeente aansluit bij wat bedrijven, kennisinstellingen en maatschappelijke organisaties zelf al doen.";

/// The text of every letter: its own mission data around the shared paragraphs.
pub fn text() -> String {
    let mut text = String::from(
        "Van {{ missie.begindatum|datum }} tot en met {{ missie.einddatum|datum }} heeft een delegatie onder \
         leiding van {{ missie.leiding }} een bezoek gebracht aan {{ missie.partner }}.\n\n## Aanleiding\n\n",
    );
    for (i, paragraph) in PARAGRAPHS.iter().enumerate() {
        if i == 4 {
            text.push_str("## Verloop\n\n");
        }
        text.push_str(paragraph);
        text.push_str(FOLLOW_UP);
        text.push_str("\n\n");
    }
    text.push_str(
        "## Resultaten\n\n{% for r in missie.resultaten %}\n- **{{ r.thema }}**: {{ r.omschrijving }} \
         ({{ r.bedrag|bedrag }})\n{% endfor %}\n",
    );
    text
}

/// The id of the `i`-th letter.
pub fn id(i: usize) -> String {
    format!("brief-{i:05}")
}

/// How the letters of a workbook differ from one another.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Letters {
    /// Every letter its own date, subject (`Resultaten {{ missie.titel }}`)
    /// and reference, as in a real run.
    Own,
    /// One date for all, and the subject `Bezoek aan {{ missie.partner }}`:
    /// 17 subjects among all letters (the workbook before December 2026).
    Shared,
}

/// Writes `missies.xlsx` and `teksten/brief.md` into `dir`; returns the workbook's path.
pub fn write(dir: &Path, n: usize, letters: Letters) -> Result<std::path::PathBuf, XlsxError> {
    std::fs::create_dir_all(dir.join("teksten"))?;
    std::fs::write(dir.join("teksten/brief.md"), text())?;
    let mut book = Workbook::new();
    let bold = Format::new().set_bold();
    let date = Format::new().set_num_format("d-m-yyyy");
    let header = |ws: &mut rust_xlsxwriter::Worksheet, names: &[&str]| -> Result<(), XlsxError> {
        for (c, name) in names.iter().enumerate() {
            ws.write_string_with_format(0, c as u16, *name, &bold)?;
        }
        Ok(())
    };

    let ws = book.add_worksheet().set_name("Afzender")?;
    header(ws, &["veld", "waarde"])?;
    for (r, (field, value)) in [
        ("naam", "Gemeente Voorbeeld"),
        ("retouradres", "Postbus 1, 1000 AA Voorbeeld"),
        ("bezoekadres", "Markt 1, Voorbeeld"),
    ]
    .iter()
    .enumerate()
    {
        ws.write_string(r as u32 + 1, 0, *field)?;
        ws.write_string(r as u32 + 1, 1, *value)?;
    }

    // Serial dates: 1 June 2019 is day 43617.
    let ws = book.add_worksheet().set_name("Missies")?;
    header(ws, &["missie", "titel", "richting", "partner", "begindatum", "einddatum", "leiding"])?;
    for i in 0..n {
        let r = i as u32 + 1;
        let day = (i % 28) as f64;
        ws.write_string(r, 0, format!("M{i}"))?;
        ws.write_string(r, 1, format!("Handelsmissie {i}"))?;
        ws.write_string(r, 2, "uitgaand")?;
        ws.write_string(r, 3, format!("Partnerstad {}", i % 17))?;
        ws.write_number_with_format(r, 4, 43617.0 + day, &date)?;
        ws.write_number_with_format(r, 5, 43647.0 + day, &date)?;
        ws.write_string(r, 6, format!("wethouder Jansen-{i}"))?;
    }

    let ws = book.add_worksheet().set_name("Resultaten")?;
    header(ws, &["missie", "thema", "omschrijving", "bedrag"])?;
    let mut r = 1;
    for i in 0..n {
        for thema in ["Investeringen", "Handel", "Onderwijs"] {
            ws.write_string(r, 0, format!("M{i}"))?;
            ws.write_string(r, 1, thema)?;
            ws.write_string(r, 2, format!("{thema}: afspraken uit missie {i}"))?;
            ws.write_number(r, 3, (i as f64 + 10.0) * 1000.0)?;
            r += 1;
        }
    }

    let ws = book.add_worksheet().set_name("Documenten")?;
    header(
        ws,
        &[
            "document",
            "sjabloon",
            "onderwerp",
            "datum",
            "missie",
            "kenmerk",
            "behandeld_door",
            "ondertekenaar",
            "functie",
            "tekst",
        ],
    )?;
    for i in 0..n {
        let r = i as u32 + 1;
        ws.write_string(r, 0, id(i))?;
        ws.write_string(r, 1, "raadsinformatiebrief")?;
        // 22 November 2022 is day 44887; a letter a day before it, back ten years.
        let (subject, day) = match letters {
            Letters::Own => ("Resultaten {{ missie.titel }}", 44887.0 - (i % 3650) as f64),
            Letters::Shared => ("Bezoek aan {{ missie.partner }}", 44887.0),
        };
        ws.write_string(r, 2, subject)?;
        ws.write_number_with_format(r, 3, day, &date)?;
        ws.write_string(r, 4, format!("M{i}"))?;
        ws.write_string(r, 5, format!("2022.{i}"))?;
        ws.write_string(r, 6, "Bureau Internationaal")?;
        ws.write_string(r, 7, "De burgemeester")?;
        ws.write_string(r, 8, "Burgemeester")?;
        ws.write_string(r, 9, "teksten/brief.md")?;
    }
    let path = dir.join("missies.xlsx");
    book.save(&path)?;
    Ok(path)
}
