//! The font faces built into the binary — the house fonts and fallbacks of
//! `templates/fonts`, and Typst's own (for maths and code) — with their
//! properties worked out ahead: what Typst would otherwise find by reading
//! every face at each start (its coverage alone is a sort of every
//! character the face has) is in `builtin_fonts.json`, kept true by a test.
//! A face itself is read only when a document uses it.

use std::sync::OnceLock;

use serde::{Deserialize, Serialize};
use typst::foundations::Bytes;
use typst::text::{Font, FontInfo};
use typst_kit::fonts::FontSource;

/// The fonts shipped in `templates/fonts`, by file name: the Open Sans
/// family (Apache-2.0) for Latin, Greek and Cyrillic, and as fallbacks Droid
/// Sans Fallback (Apache-2.0; Chinese and Japanese), NanumGothic (SIL OFL
/// 1.1; Korean) and Noto Sans Arabic (SIL OFL 1.1).
pub const FONT_FILES: [(&str, &[u8]); 10] = [
    ("OpenSans-Regular.ttf", include_bytes!("../../templates/fonts/OpenSans-Regular.ttf")),
    ("OpenSans-Italic.ttf", include_bytes!("../../templates/fonts/OpenSans-Italic.ttf")),
    ("OpenSans-Bold.ttf", include_bytes!("../../templates/fonts/OpenSans-Bold.ttf")),
    ("OpenSans-BoldItalic.ttf", include_bytes!("../../templates/fonts/OpenSans-BoldItalic.ttf")),
    ("OpenSans-Semibold.ttf", include_bytes!("../../templates/fonts/OpenSans-Semibold.ttf")),
    ("OpenSans-SemiboldItalic.ttf", include_bytes!("../../templates/fonts/OpenSans-SemiboldItalic.ttf")),
    ("DroidSansFallbackFull.ttf", include_bytes!("../../templates/fonts/DroidSansFallbackFull.ttf")),
    ("NanumGothic.ttf", include_bytes!("../../templates/fonts/NanumGothic.ttf")),
    ("NotoSansArabic-Regular.ttf", include_bytes!("../../templates/fonts/NotoSansArabic-Regular.ttf")),
    ("NotoSansArabic-Bold.ttf", include_bytes!("../../templates/fonts/NotoSansArabic-Bold.ttf")),
];

/// One face in a font file built into the binary, read on first use.
#[derive(Clone, Copy)]
pub struct BuiltinFace {
    data: &'static [u8],
    index: u32,
}

impl FontSource for BuiltinFace {
    fn load(&self) -> Option<Font> {
        Font::new(Bytes::new(self.data), self.index)
    }
}

/// A face as `builtin_fonts.json` records it: which file (a name of
/// `templates/fonts`, or Typst's own by its place), its size, which face in
/// it, and what Typst reads from it.
#[derive(Debug, PartialEq, Serialize, Deserialize)]
struct Recorded {
    file: String,
    bytes: usize,
    index: u32,
    info: FontInfo,
}

/// The record, as this module's test writes it.
const RECORDED: &str = include_str!("builtin_fonts.json");

/// The built-in font files: name and bytes; Typst's own are named by place.
fn files(own: bool) -> Vec<(String, &'static [u8])> {
    if own {
        FONT_FILES.iter().map(|(name, data)| (name.to_string(), *data)).collect()
    } else {
        typst_assets::fonts().enumerate().map(|(i, data)| (format!("typst-assets/{i}"), data)).collect()
    }
}

/// The faces of the built-in files, `own` (`templates/fonts`) or Typst's,
/// with their properties.
pub fn faces(own: bool) -> Vec<(BuiltinFace, FontInfo)> {
    static RECORD: OnceLock<Vec<Recorded>> = OnceLock::new();
    describe(RECORD.get_or_init(|| serde_json::from_str(RECORDED).unwrap_or_default()), files(own))
}

/// The faces of `files` with their properties: as recorded, or, for a file
/// the record does not match in name and size, read from the file itself.
fn describe(record: &[Recorded], files: Vec<(String, &'static [u8])>) -> Vec<(BuiltinFace, FontInfo)> {
    let mut faces = Vec::new();
    for (name, data) in files {
        let known: Vec<&Recorded> = record.iter().filter(|r| r.file == name && r.bytes == data.len()).collect();
        if known.is_empty() {
            faces.extend(read(data));
        } else {
            faces.extend(known.into_iter().map(|r| (BuiltinFace { data, index: r.index }, r.info.clone())));
        }
    }
    faces
}

/// The faces of a font file and their properties, read from its bytes.
fn read(data: &'static [u8]) -> Vec<(BuiltinFace, FontInfo)> {
    Font::iter(Bytes::new(data)).map(|font| (BuiltinFace { data, index: font.index() }, font.info().clone())).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every face of every built-in file, read from its bytes, as the
    /// record should have it.
    fn read_all() -> Vec<Recorded> {
        [true, false]
            .into_iter()
            .flat_map(files)
            .flat_map(|(file, data)| {
                read(data).into_iter().map(move |(face, info)| Recorded {
                    file: file.clone(),
                    bytes: data.len(),
                    index: face.index,
                    info,
                })
            })
            .collect()
    }

    /// The record is what the fonts say. After a font or Typst changes,
    /// `MISSIEDOCS_WRITE_FONT_RECORD=1 cargo test --release builtin_fonts`
    /// writes it anew.
    #[test]
    fn the_record_is_what_the_fonts_say() {
        let from_fonts = read_all();
        if std::env::var_os("MISSIEDOCS_WRITE_FONT_RECORD").is_some() {
            let path = concat!(env!("CARGO_MANIFEST_DIR"), "/src/typeset/builtin_fonts.json");
            std::fs::write(path, serde_json::to_string(&from_fonts).unwrap() + "\n").unwrap();
            // The record is compiled in: the next run checks what was written.
            return;
        }
        let recorded: Vec<Recorded> = serde_json::from_str(RECORDED).expect("builtin_fonts.json reads");
        assert!(recorded == from_fonts, "builtin_fonts.json is out of date: see this test's documentation");
        // And the faces handed out are those, every one.
        let handed_out: Vec<FontInfo> = [true, false].into_iter().flat_map(faces).map(|(_, info)| info).collect();
        assert_eq!(handed_out, from_fonts.iter().map(|r| r.info.clone()).collect::<Vec<_>>());
        let families: Vec<&str> = from_fonts.iter().map(|r| r.info.family.as_str()).collect();
        assert!(families.contains(&"Open Sans") && families.contains(&"DejaVu Sans Mono"), "{families:?}");
    }

    /// A face is read from its file when first used, and is the face the
    /// record describes.
    #[test]
    fn a_face_read_on_first_use_is_the_recorded_one() {
        for (face, info) in [true, false].into_iter().flat_map(faces) {
            let font = face.load().expect("built-in face reads");
            assert_eq!(font.info(), &info);
        }
    }

    /// A file the record does not know (another size, another name) is read
    /// from its bytes rather than described by a stale record.
    #[test]
    fn a_file_the_record_does_not_know_is_read_from_its_bytes() {
        let (name, data) = FONT_FILES[0];
        let info = |f: &str| read(data).into_iter().map(|(_, i)| i).find(|i| i.family == f).unwrap();
        let mut stale = Recorded { file: name.to_string(), bytes: data.len() + 1, index: 0, info: info("Open Sans") };
        stale.info.family = "Stale".into();
        for record in [vec![stale], Vec::new()] {
            let faces = describe(&record, vec![(name.to_string(), data)]);
            assert_eq!(faces.len(), 1);
            assert_eq!(faces[0].1, info("Open Sans"));
        }
        // Matching name and size: the record is used as it stands.
        let known = Recorded { file: name.to_string(), bytes: data.len(), index: 0, info: info("Open Sans") };
        assert_eq!(describe(&[known], vec![(name.to_string(), data)])[0].1, info("Open Sans"));
    }
}
