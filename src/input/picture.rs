//! A picture read completely before any document uses it: its size and
//! pixels bounded (read from its header, before it is decoded), decoded by
//! the very decoder Typst prints it with, and an SVG refused when it links
//! to anything outside itself. `check` and `render` call the same function,
//! so a picture that cannot print stops its document in both, at its place.

use std::collections::HashMap;
use std::io::Cursor;
use std::path::{Path, PathBuf};
use std::sync::{Mutex, OnceLock};
use std::time::SystemTime;

use typst::foundations::Bytes;
use typst::visualize::{ExchangeFormat, RasterImage, SvgImage};

use crate::lang::Words;

/// Most pixels a picture may have: far above a photo from any camera a
/// municipality uses (a 24-megapixel photo is 24 million), far below what
/// exhausts a laptop once decoded (four bytes a pixel).
pub const MAX_PIXELS: u64 = 60_000_000;

/// Most bytes a picture file may have.
pub const MAX_BYTES: u64 = 64 << 20;

/// Why these bytes cannot be printed as a picture, if they cannot: too
/// large, too many pixels, damaged or cut short, or an SVG that links to a
/// file or address outside itself. `name` names it in the message.
pub fn unprintable(bytes: &[u8], name: &str) -> Option<Words> {
    if bytes.len() as u64 > MAX_BYTES {
        return Some(crate::say!(
            "`{name}` is groter dan {} MB; een afbeelding in een brief is veel kleiner",
            "`{name}` is larger than {} MB; a picture in a letter is much smaller",
            MAX_BYTES >> 20
        ));
    }
    let damaged = || {
        Some(crate::say!(
            "`{name}` is beschadigd of onvolledig: de afbeelding kan niet worden gelezen",
            "`{name}` is damaged or incomplete: the picture cannot be read"
        ))
    };
    let Some(format) = raster_format(bytes) else { return svg_problem(bytes, name) };
    let reader = image::ImageReader::with_format(Cursor::new(bytes), image_format(format));
    let Ok((width, height)) = reader.into_dimensions() else { return damaged() };
    if u64::from(width) * u64::from(height) > MAX_PIXELS {
        return Some(crate::say!(
            "`{name}` heeft {width} × {height} beeldpunten, meer dan {} miljoen",
            "`{name}` has {width} × {height} pixels, more than {} million",
            MAX_PIXELS / 1_000_000
        ));
    }
    // Decoded as Typst decodes it when it prints the picture.
    let decoded =
        crate::guard::contain(|| RasterImage::plain(Bytes::new(bytes.to_vec()), format).is_ok()).unwrap_or(false);
    if decoded { None } else { damaged() }
}

/// The hint for a picture that cannot be printed.
pub fn hint() -> Words {
    crate::say!(
        "sla de afbeelding opnieuw op als PNG of JPEG van hooguit enkele duizenden beeldpunten breed, zonder verwijzingen naar andere bestanden",
        "save the picture again as a PNG or JPEG at most a few thousand pixels wide, without references to other files"
    )
}

fn raster_format(bytes: &[u8]) -> Option<ExchangeFormat> {
    match picture_kind(bytes)? {
        "PNG" => Some(ExchangeFormat::Png),
        "JPEG" => Some(ExchangeFormat::Jpg),
        "GIF" => Some(ExchangeFormat::Gif),
        "WebP" => Some(ExchangeFormat::Webp),
        _ => None,
    }
}

fn image_format(format: ExchangeFormat) -> image::ImageFormat {
    match format {
        ExchangeFormat::Png => image::ImageFormat::Png,
        ExchangeFormat::Jpg => image::ImageFormat::Jpeg,
        ExchangeFormat::Gif => image::ImageFormat::Gif,
        ExchangeFormat::Webp => image::ImageFormat::WebP,
    }
}

/// An SVG that Typst cannot read, or that links outside itself (another
/// file, a web address): what it links to is not printed, or not this
/// file's to print.
fn svg_problem(bytes: &[u8], name: &str) -> Option<Words> {
    if let Some(link) = outside_link(bytes) {
        return Some(crate::say!(
            "`{name}` verwijst naar `{link}` buiten de afbeelding; een afbeelding in een document moet alles zelf bevatten",
            "`{name}` refers to `{link}` outside the picture; a picture in a document must hold everything itself"
        ));
    }
    let read = crate::guard::contain(|| SvgImage::new(Bytes::new(bytes.to_vec())).is_ok()).unwrap_or(false);
    (!read).then(|| {
        crate::say!(
            "`{name}` is beschadigd of onvolledig: de SVG-afbeelding kan niet worden gelezen",
            "`{name}` is damaged or incomplete: the SVG picture cannot be read"
        )
    })
}

/// The first `href` of an SVG that leads outside it (not `#id`, not a
/// `data:` address), if any.
fn outside_link(bytes: &[u8]) -> Option<String> {
    let mut reader = quick_xml::Reader::from_reader(bytes);
    let mut buf = Vec::new();
    loop {
        match reader.read_event_into(&mut buf) {
            Ok(quick_xml::events::Event::Start(e) | quick_xml::events::Event::Empty(e)) => {
                for attr in e.attributes().flatten() {
                    let key = attr.key.as_ref();
                    if key == b"href" || key.ends_with(b":href") {
                        let value = String::from_utf8_lossy(&attr.value).trim().to_string();
                        if !value.starts_with('#') && !value.to_ascii_lowercase().starts_with("data:") {
                            return Some(value);
                        }
                    }
                }
            }
            Ok(quick_xml::events::Event::Eof) | Err(_) => return None,
            _ => {}
        }
        buf.clear();
    }
}

/// [`unprintable`] for a picture file, decided once per file as it is now
/// (a run asks for one signature in every letter of a mail merge; `watch`
/// asks again after the file changed).
pub fn unprintable_file(path: &Path, name: &str) -> Option<Words> {
    type Seen = HashMap<(PathBuf, u64, Option<SystemTime>, String), Option<Words>>;
    static SEEN: OnceLock<Mutex<Seen>> = OnceLock::new();
    let meta = std::fs::metadata(path).ok();
    let key = (
        path.to_path_buf(),
        meta.as_ref().map_or(0, std::fs::Metadata::len),
        meta.and_then(|m| m.modified().ok()),
        name.to_string(),
    );
    let seen = SEEN.get_or_init(Default::default);
    if let Some(found) = seen.lock().ok().and_then(|s| s.get(&key).cloned()) {
        return found;
    }
    let mut bytes = Vec::new();
    let read = std::fs::File::open(path)
        .and_then(|f| std::io::Read::read_to_end(&mut std::io::Read::take(f, MAX_BYTES + 1), &mut bytes));
    let found = match read {
        Ok(_) => unprintable(&bytes, name),
        Err(_) => Some(crate::say!("`{name}` kan niet worden gelezen", "`{name}` cannot be read")),
    };
    if let Ok(mut seen) = seen.lock() {
        seen.insert(key, found.clone());
    }
    found
}

/// Whether a file's first bytes are of one kind of picture.
pub(super) type Sniff = fn(&[u8]) -> bool;

/// The kinds of picture a template can place, by their first bytes.
pub(super) const PICTURES: &[(&str, Sniff)] = &[
    ("JPEG", |b| b.starts_with(&[0xFF, 0xD8, 0xFF])),
    ("PNG", |b| b.starts_with(b"\x89PNG\r\n\x1a\n")),
    ("GIF", |b| b.starts_with(b"GIF87a") || b.starts_with(b"GIF89a")),
    ("WebP", |b| b.len() >= 12 && &b[..4] == b"RIFF" && &b[8..12] == b"WEBP"),
    ("SVG", |b| {
        let head = String::from_utf8_lossy(&b[..b.len().min(1024)]).to_lowercase();
        head.contains("<svg")
    }),
];

/// The kind of picture these bytes start, if they start one.
pub fn picture_kind(head: &[u8]) -> Option<&'static str> {
    PICTURES.iter().find(|(_, is)| is(head)).map(|(name, _)| *name)
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    pub(crate) fn png(width: u32, height: u32) -> Vec<u8> {
        let mut out = Vec::new();
        let image = image::RgbImage::from_pixel(width, height, image::Rgb([200, 30, 30]));
        image.write_to(&mut Cursor::new(&mut out), image::ImageFormat::Png).unwrap();
        out
    }

    #[test]
    fn a_picture_is_read_completely_before_it_is_used() {
        let good = png(40, 20);
        assert_eq!(unprintable(&good, "a.png"), None);
        let cut = &good[..good.len() * 2 / 3];
        assert!(unprintable(cut, "a.png").unwrap().get(crate::lang::Lang::Nl).contains("beschadigd of onvolledig"));
        let svg =
            br#"<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><rect width="5" height="5"/></svg>"#;
        assert_eq!(unprintable(svg, "a.svg"), None);
        let linked = br#"<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink"><image xlink:href="/etc/hostname"/></svg>"#;
        assert!(
            unprintable(linked, "a.svg").unwrap().get(crate::lang::Lang::Nl).contains("verwijst naar `/etc/hostname`")
        );
        let broken = br#"<svg xmlns="http://www.w3.org/2000/svg"><rect width="5" "#;
        assert!(
            unprintable(broken, "a.svg")
                .unwrap()
                .get(crate::lang::Lang::Nl)
                .contains("SVG-afbeelding kan niet worden gelezen")
        );
        let laughs = br#"<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;"><!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;"><!ENTITY e "&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;"><!ENTITY f "&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;"><!ENTITY g "&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;">]><svg xmlns="http://www.w3.org/2000/svg"><text>&g;&g;&g;&g;&g;&g;&g;&g;</text></svg>"#;
        assert!(unprintable(laughs, "a.svg").is_some());
    }
}
