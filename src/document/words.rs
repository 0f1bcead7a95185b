//! Every fixed word a document prints, in its language: the labels of the
//! letter's side column and metadata block, page numbering, the report's
//! headings, and what a document's kind decides — its name as printed, the
//! default addressee and salutation, the closing line. Templates print
//! these from `d.woorden` (and `d.soort`, `d.aan`, `d.aanhef`, `d.slot`);
//! none is written into a template.

use serde::Serialize;

use crate::lang::Lang;
use crate::model::DocumentKind;

/// The fixed words a template prints, in the document's language.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Words {
    /// `Pagina`.
    pub pagina: &'static str,
    /// `van` (in `Pagina 2 van 3`).
    pub van: &'static str,
    /// `DATUM`, over the date on later pages.
    pub datum: &'static str,
    /// `Bijlagen`, over the list of annexes.
    pub bijlagen: &'static str,
    /// `Logo van`, the logo's alternative text before the sender's name.
    pub logo: &'static str,
    /// `Bezoekadres`.
    pub bezoekadres: &'static str,
    /// `Postadres`.
    pub postadres: &'static str,
    /// `Contact`.
    pub contact: &'static str,
    /// `Retouradres`, before the return address line.
    pub retouradres: &'static str,
    /// `Inhoudsopgave`.
    pub inhoud: &'static str,
    /// `Bijlage`, before an appendix's number.
    pub bijlage: &'static str,
    /// `Periode`.
    pub periode: &'static str,
    /// `Opgesteld door`.
    pub opgesteld_door: &'static str,
    /// `Kenmerk`.
    pub kenmerk: &'static str,
    /// `Handtekening van`, the signature's alternative text before the
    /// signatory's name.
    pub handtekening: &'static str,
    /// `CONCEPT`, across every page of a draft and before its title.
    pub concept: &'static str,
    /// `Verz.`, before the date a letter was sent.
    pub verzonden: &'static str,
    /// `geen`: what a screen reader says for an empty field printed `--`.
    pub geen: &'static str,
}

impl Words {
    /// The words in `lang`.
    pub fn of(lang: Lang) -> Words {
        Words {
            pagina: lang.pick("Pagina", "Page"),
            van: lang.pick("van", "of"),
            datum: lang.pick("DATUM", "DATE"),
            bijlagen: lang.pick("Bijlagen", "Enclosures"),
            logo: lang.pick("Logo van", "Logo of"),
            bezoekadres: lang.pick("Bezoekadres", "Visiting address"),
            postadres: lang.pick("Postadres", "Postal address"),
            contact: lang.pick("Contact", "Contact"),
            retouradres: lang.pick("Retouradres", "Return address"),
            inhoud: lang.pick("Inhoudsopgave", "Contents"),
            bijlage: lang.pick("Bijlage", "Appendix"),
            periode: lang.pick("Periode", "Period"),
            opgesteld_door: lang.pick("Opgesteld door", "Prepared by"),
            kenmerk: lang.pick("Kenmerk", "Reference"),
            handtekening: lang.pick("Handtekening van", "Signature of"),
            concept: lang.pick("CONCEPT", "DRAFT"),
            verzonden: lang.pick("Verz.", "Sent"),
            geen: lang.pick("geen", "none"),
        }
    }
}

/// The labels of the metadata block, in its order.
pub fn meta_labels(lang: Lang) -> [&'static str; 8] {
    lang.pick(
        [
            "ONDERWERP",
            "DATUM",
            "BIJLAGEN",
            "BEHANDELD DOOR",
            "TELEFOONNUMMER",
            "ONZE REFERENTIE",
            "E-MAILADRES",
            "UW REFERENTIE",
        ],
        ["SUBJECT", "DATE", "ENCLOSURES", "HANDLED BY", "TELEPHONE", "OUR REFERENCE", "E-MAIL", "YOUR REFERENCE"],
    )
}

/// The labels of a memo's header block: aan, van, datum, onderwerp, kenmerk.
pub fn memo_labels(lang: Lang) -> [&'static str; 5] {
    lang.pick(["AAN", "VAN", "DATUM", "ONDERWERP", "KENMERK"], ["TO", "FROM", "DATE", "SUBJECT", "REFERENCE"])
}

/// What a document's kind decides about its words.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct KindWords {
    /// The kind as printed: `Raadsinformatiebrief`, a province's `Statenbrief`.
    pub soort: &'static str,
    /// The addressee when the row names none.
    pub aan: &'static str,
    /// The salutation when the row names none (a report has none).
    pub aanhef: &'static str,
    /// The closing line.
    pub slot: &'static str,
}

impl KindWords {
    /// The words of `kind` in `lang`; a province (`provincie`) writes to
    /// Provinciale Staten and Gedeputeerde Staten.
    pub fn of(kind: DocumentKind, lang: Lang, provincie: bool) -> KindWords {
        let slot = match kind {
            DocumentKind::Brief => lang.pick("Met vriendelijke groet,", "Yours sincerely,"),
            _ => lang.pick("Hoogachtend,", "Yours faithfully,"),
        };
        let (soort, aan, aanhef) = match (kind, lang, provincie) {
            // The address block and salutation come from the recipient.
            (DocumentKind::Brief, _, _) => {
                (lang.pick("Brief", "Letter"), "", lang.pick("Geachte heer/mevrouw,", "Dear Sir or Madam,"))
            }
            (DocumentKind::Evaluatie, _, _) => (
                lang.pick("Evaluatierapport", "Evaluation report"),
                if provincie { "Aan de leden van\nProvinciale Staten" } else { "Aan de leden van de gemeenteraad" },
                "",
            ),
            (DocumentKind::Raadsinformatiebrief, Lang::Nl, false) => {
                ("Raadsinformatiebrief", "Aan de dames en heren,\nleden van de gemeenteraad", "Geachte raadsleden,")
            }
            (DocumentKind::Raadsinformatiebrief, Lang::Nl, true) => {
                ("Statenbrief", "Aan de leden van\nProvinciale Staten", "Geachte Statenleden,")
            }
            (DocumentKind::Collegememo, Lang::Nl, false) => {
                ("Collegememo", "Aan het college van B en W", "Geachte collegeleden,")
            }
            (DocumentKind::Collegememo, Lang::Nl, true) => {
                ("Memo", "Aan het college van\nGedeputeerde Staten", "Geachte collegeleden,")
            }
            (DocumentKind::Raadsinformatiebrief, Lang::En, _) => {
                ("Council information letter", "To the members of the council", "Dear members of the council,")
            }
            (DocumentKind::Collegememo, Lang::En, _) => {
                ("Memo to the executive board", "To the executive board", "Dear members of the board,")
            }
        };
        KindWords { soort, aan, aanhef, slot }
    }
}
