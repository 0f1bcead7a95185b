//! The command line as typed: subcommands and their arguments (clap). What
//! they mean is checked in [`super::config`].

use std::path::PathBuf;

use clap::{Parser, Subcommand};

use crate::typeset::Standard;

/// The PDF standard as the command line names it; the library's
/// [`Standard`] knows nothing of clap.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum PdfStandard {
    /// Geen standaard: gewone getagde PDF 1.7.
    #[value(name = "none")]
    None,
    /// PDF/A-2b (archiveerbaar, het uiterlijk).
    #[value(name = "a-2b")]
    A2b,
    /// PDF/A-2a (archiveerbaar, getagd).
    #[value(name = "a-2a")]
    A2a,
    /// PDF/UA-1 (toegankelijk).
    #[value(name = "ua-1")]
    Ua1,
    /// PDF/A-2a en PDF/UA-1 samen: archiveerbaar en toegankelijk.
    #[default]
    #[value(name = "a-2a+ua-1")]
    A2aUa1,
}

impl From<PdfStandard> for Standard {
    fn from(value: PdfStandard) -> Standard {
        match value {
            PdfStandard::None => Standard::None,
            PdfStandard::A2b => Standard::A2b,
            PdfStandard::A2a => Standard::A2a,
            PdfStandard::Ua1 => Standard::Ua1,
            PdfStandard::A2aUa1 => Standard::A2aUa1,
        }
    }
}

/// Formele documenten (raadsinformatiebrieven, collegememo's, evaluaties)
/// uit missiegegevens in een rekenblad.
#[derive(Debug, Parser)]
#[command(name = "missiedocs", version, about, long_about = None)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
    /// Taal van de meldingen: nl of en.
    #[arg(long, global = true, value_enum, default_value_t = MessageLang::Nl)]
    pub lang: MessageLang,
}

/// The language of messages.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum MessageLang {
    /// Nederlands.
    Nl,
    /// English.
    En,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Maak de PDF's van het blad Documenten.
    Render(RenderArgs),
    /// Controleer de gegevens en toon alle problemen; maakt niets.
    Check(CheckArgs),
    /// Maak alles één keer en maak daarna opnieuw wat een wijziging raakt (Ctrl-C stopt).
    Watch(RenderArgs),
    /// Maak een nieuwe map met een voorbeeldwerkmap, teksten en sjablonen.
    Init {
        /// De map (wordt gemaakt; bestaande bestanden worden nooit overschreven).
        dir: PathBuf,
    },
    /// Toon de beschikbare sjablonen, waar ze vandaan komen en welke velden ze gebruiken.
    Templates(DataArgs),
    /// Toon wat een tekst kan gebruiken voor een document, met voorbeeldwaarden uit de gegevens.
    Velden {
        #[command(flatten)]
        data: DataArgs,
        /// Alleen de velden van dit document (standaard: het eerste).
        #[arg(long, value_name = "ID")]
        document: Option<String>,
    },
    /// Bied een webpagina en een API aan om documenten te bekijken, te controleren en te maken.
    Serve {
        #[command(flatten)]
        data: DataArgs,
        /// Het adres waarop de server luistert (standaard alleen deze computer).
        #[arg(long, default_value = "127.0.0.1")]
        bind: std::net::IpAddr,
        /// De poort (0: een vrije poort).
        #[arg(long, default_value_t = 8080)]
        port: u16,
        /// Het geheim dat elk verzoek meestuurt (`Authorization: Bearer …`); nodig buiten deze computer.
        #[arg(long, env = "MISSIEDOCS_TOKEN", hide_env_values = true)]
        token: Option<String>,
        /// Een hostnaam waaronder een reverse proxy de server doorgeeft (herhaalbaar).
        #[arg(long = "host", value_name = "NAAM")]
        hosts: Vec<String>,
    },
    /// Voeg de manifesten van de delen van een `--shard K/N`-run samen tot één verantwoording.
    Combine {
        /// De uitvoermappen van alle delen.
        #[arg(required = true, value_name = "MAP")]
        parts: Vec<PathBuf>,
        /// Waar het samengevoegde manifest.json komt.
        #[arg(long, default_value = "output")]
        out: PathBuf,
    },
}

#[derive(Debug, clap::Args)]
pub struct DataArgs {
    /// Werkmap (.xlsx, .xlsm, .xls, .ods) of map met CSV-bestanden.
    #[arg(long, default_value = "data/voorbeeld.xlsx")]
    pub data: PathBuf,
    /// Map met eigen Typst-sjablonen (standaard: `sjablonen/` naast de gegevens).
    #[arg(long)]
    pub templates: Option<PathBuf>,
}

#[derive(Debug, clap::Args)]
pub struct CheckArgs {
    #[command(flatten)]
    pub data: DataArgs,
    /// De PDF-standaard van `render`: documenten van eigen sjablonen worden eraan gehouden.
    #[arg(long, value_enum, default_value_t = PdfStandard::default())]
    pub pdf_standard: PdfStandard,
}

#[derive(Debug, clap::Args)]
pub struct RenderArgs {
    #[command(flatten)]
    pub data: DataArgs,
    /// Uitvoermap.
    #[arg(long, default_value = "output")]
    pub out: PathBuf,
    /// Alleen dit document (herhaalbaar).
    #[arg(long = "only", value_name = "ID")]
    pub only: Vec<String>,
    /// Alleen documenten met deze missie of dit sjabloon (herhaalbaar).
    #[arg(long = "filter", value_name = "MISSIE|SJABLOON")]
    pub filter: Vec<String>,
    /// Aantal kernen waarop de documenten worden gemaakt, ook het parallelle werk van Typst zelf (standaard: alle kernen).
    #[arg(long, short = 'j')]
    pub jobs: Option<usize>,
    /// Het K-de van N deel van de documenten, bijvoorbeeld 2/4.
    #[arg(long, value_name = "K/N")]
    pub shard: Option<String>,
    /// PDF-standaard.
    #[arg(long, value_enum, default_value_t = PdfStandard::default())]
    pub pdf_standard: PdfStandard,
    /// Geen voortgangsbalk.
    #[arg(long)]
    pub quiet: bool,
    /// Schrijf per document het Typst-project (main.typ, sjablonen, data.json) naar deze map.
    #[arg(long, value_name = "MAP")]
    pub emit_typst: Option<PathBuf>,
    /// Schrijf naast elke PDF de Woo-metadata (DiWoo-XML).
    #[arg(long)]
    pub woo: bool,
    /// Schrijf ook sitemaps voor de Woo-index (in `sitemaps/`): het https-adres waaronder de PDF's komen te staan. Houdt --woo in.
    #[arg(long, value_name = "URL")]
    pub woo_url: Option<String>,
    /// Schrijf naast elke PDF de metadata voor het e-depot (MDTO-XML 1.0.1): het informatieobject en het bestand.
    #[arg(long)]
    pub mdto: bool,
    /// Verzegel elke PDF onzichtbaar (PAdES) met de sleutel en het certificaat in dit PKCS#12-bestand; het wachtwoord staat in MISSIEDOCS_ZEGEL_WACHTWOORD.
    #[arg(long, value_name = "BESTAND")]
    pub zegel: Option<PathBuf>,
    /// Geef elk zegel een tijdstempel (PAdES B-T) van de tijdstempeldienst op dit http-adres (RFC 3161).
    #[arg(long, value_name = "URL", requires = "zegel")]
    pub tijdstempel: Option<String>,
    /// Maximale tijd per document in seconden (0: geen grens).
    #[arg(long, value_name = "SECONDEN", default_value_t = 120)]
    pub timeout: u64,
}
