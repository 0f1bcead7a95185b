//! The command line as typed: subcommands and their arguments (clap). What
//! they mean is checked in [`super::config`].

use std::path::PathBuf;

use clap::{Parser, Subcommand};

use crate::typeset::Standard;

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
    #[arg(long, value_enum, default_value_t = Standard::default())]
    pub pdf_standard: Standard,
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
    #[arg(long, value_enum, default_value_t = Standard::default())]
    pub pdf_standard: Standard,
    /// Geen voortgangsbalk.
    #[arg(long)]
    pub quiet: bool,
    /// Schrijf per document het Typst-project (main.typ, sjablonen, data.json) naar deze map.
    #[arg(long, value_name = "MAP")]
    pub emit_typst: Option<PathBuf>,
    /// Schrijf naast elke PDF de Woo-metadata (DiWoo-XML).
    #[arg(long)]
    pub woo: bool,
    /// Maximale tijd per document in seconden (0: geen grens).
    #[arg(long, value_name = "SECONDEN", default_value_t = 120)]
    pub timeout: u64,
}
