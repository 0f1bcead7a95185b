//! Pictures in a document's text: each needs an alternative text (PDF/UA)
//! and must be a picture file inside the data folder. A picture that is not
//! stops its document; one that is gets the path under which its template
//! reads it.

use std::path::Path;

use super::data_path;
use super::markdown::{Node, visit_mut};
use crate::input::files::picture;
use crate::lang::Words;

/// A picture a text places that cannot be placed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PictureError {
    /// The text (its path in the data folder).
    pub text: String,
    /// The picture's file as the text writes it.
    pub bestand: String,
    /// What is wrong.
    pub message: Words,
    /// How to put it right.
    pub hint: Option<Words>,
}

/// Checks every picture in `nodes` (from the text `text`) and points it at
/// the template's view of the data folder; the first bad one is the error.
pub fn place(
    nodes: &mut [Node],
    text: &str,
    base: &Path,
    is_embedded: &dyn Fn(&str) -> bool,
) -> Result<(), PictureError> {
    let mut first = None;
    visit_mut(nodes, &mut |node| {
        let Node::Image { bestand, alt, .. } = node else { return };
        if first.is_some() {
            return;
        }
        let fail = |message: Words, hint: Option<Words>| PictureError {
            text: text.to_string(),
            bestand: bestand.clone(),
            message,
            hint,
        };
        if alt.trim().is_empty() && is_embedded(bestand) {
            first = Some(fail(
                crate::say!(
                    "een afbeelding in `{text}` heeft geen alternatieve tekst",
                    "a picture in `{text}` has no alternative text"
                ),
                Some(crate::say!(
                    "klik in Word met de rechtermuisknop op de afbeelding, kies Alternatieve tekst bewerken en schrijf wat de \
                     afbeelding toont (LibreOffice: Eigenschappen → Opties → Beschrijving); een schermlezer leest die tekst voor",
                    "in Word, right-click the picture, choose Edit Alt Text and write what the picture shows \
                     (LibreOffice: Properties → Options → Description); a screen reader reads that text out"
                )),
            ));
            return;
        }
        if alt.trim().is_empty() {
            first = Some(fail(
                crate::say!(
                    "de afbeelding `{bestand}` heeft geen alternatieve tekst",
                    "the picture `{bestand}` has no alternative text"
                ),
                Some(crate::say!(
                    "schrijf tussen de haken wat de afbeelding toont: ![Het stadhuis van Chengdu]({bestand}); \
                     een schermlezer leest die tekst voor",
                    "write between the brackets what the picture shows: ![The city hall of Chengdu]({bestand}); \
                     a screen reader reads that text out"
                )),
            ));
            return;
        }
        // A picture inside a Word or LibreOffice text travels with it.
        if is_embedded(bestand) {
            return;
        }
        match picture(base, bestand) {
            Ok(_) => *bestand = data_path(bestand),
            Err(err) => {
                let hint = crate::say!(
                    "een afbeelding staat in de map met gegevens; schrijf het pad vanaf die map, zoals fotos/stadhuis.jpg",
                    "a picture lies in the data folder; write its path from that folder, such as fotos/stadhuis.jpg"
                );
                first = Some(fail(crate::error::said(&err), Some(hint)));
            }
        }
    });
    first.map_or(Ok(()), Err)
}
