//! Where text stands on a page: every run of text a PDF shows, with its
//! page, left and right edge, baseline and size in points (origin at the
//! page's bottom left), read from the content streams with lopdf — the
//! current transformation and text matrices followed, the glyph widths
//! taken from the fonts' `W` arrays (Typst writes composite fonts).

use std::collections::BTreeMap;
use std::path::Path;

use lopdf::{Document, Object, content::Content};

/// A run of text as placed on a page.
#[derive(Debug, Clone)]
pub struct Run {
    /// 1-based page number.
    pub page: usize,
    /// Left edge, in pt from the left of the page.
    pub x: f64,
    /// Right edge.
    pub right: f64,
    /// Baseline, in pt from the bottom of the page.
    pub y: f64,
    /// Font size, in pt as drawn.
    pub size: f64,
    /// The font's name (`/BaseFont`, subset tag dropped).
    pub font: String,
    /// The characters.
    pub text: String,
}

type Matrix = [f64; 6];

fn mul(a: &Matrix, b: &Matrix) -> Matrix {
    [
        a[0] * b[0] + a[1] * b[2],
        a[0] * b[1] + a[1] * b[3],
        a[2] * b[0] + a[3] * b[2],
        a[2] * b[1] + a[3] * b[3],
        a[4] * b[0] + a[5] * b[2] + b[4],
        a[4] * b[1] + a[5] * b[3] + b[5],
    ]
}

/// The current transformation matrix with its saved states: follows
/// `q`, `Q` and `cm`; says whether the operation was one of them.
struct Graphics {
    ctm: Matrix,
    saved: Vec<Matrix>,
}

impl Graphics {
    fn new() -> Graphics {
        Graphics { ctm: [1.0, 0.0, 0.0, 1.0, 0.0, 0.0], saved: Vec::new() }
    }

    fn follow(&mut self, op: &lopdf::content::Operation) -> bool {
        match op.operator.as_str() {
            "q" => self.saved.push(self.ctm),
            "Q" => self.ctm = self.saved.pop().unwrap_or(self.ctm),
            "cm" if op.operands.len() == 6 => self.ctm = mul(&matrix(&op.operands), &self.ctm),
            _ => return false,
        }
        true
    }
}

/// Six operands as a matrix (`cm`, `Tm`).
fn matrix(o: &[Object]) -> Matrix {
    [num(&o[0]), num(&o[1]), num(&o[2]), num(&o[3]), num(&o[4]), num(&o[5])]
}

fn num(o: &Object) -> f64 {
    match o {
        Object::Integer(i) => *i as f64,
        Object::Real(r) => *r as f64,
        _ => 0.0,
    }
}

/// Glyph widths of a composite font, by CID, in thousandths of an em.
struct Widths {
    by_cid: BTreeMap<u32, f64>,
    default: f64,
}

impl Widths {
    fn of(doc: &Document, font: &lopdf::Dictionary) -> Widths {
        let deref = |o: &Object| match o {
            Object::Reference(id) => doc.get_object(*id).ok().cloned().unwrap_or(Object::Null),
            other => other.clone(),
        };
        let mut by_cid = BTreeMap::new();
        let mut default = 1000.0;
        let descendant = font
            .get(b"DescendantFonts")
            .ok()
            .map(deref)
            .and_then(|d| d.as_array().ok().and_then(|a| a.first().cloned()))
            .map(|d| deref(&d));
        if let Some(Object::Dictionary(cid_font)) = descendant {
            default = cid_font.get(b"DW").map(num).unwrap_or(1000.0);
            if let Ok(w) = cid_font.get(b"W").map(deref)
                && let Ok(items) = w.as_array()
            {
                let mut i = 0;
                while i < items.len() {
                    let first = num(&items[i]) as u32;
                    match items.get(i + 1).map(deref) {
                        Some(Object::Array(list)) => {
                            for (k, w) in list.iter().enumerate() {
                                by_cid.insert(first + k as u32, num(w));
                            }
                            i += 2;
                        }
                        Some(last) => {
                            let w = items.get(i + 2).map(num).unwrap_or(default);
                            for cid in first..=num(&last) as u32 {
                                by_cid.insert(cid, w);
                            }
                            i += 3;
                        }
                        None => break,
                    }
                }
            }
        }
        Widths { by_cid, default }
    }

    /// The width of a string of two-byte CIDs, in em.
    fn em(&self, bytes: &[u8]) -> f64 {
        bytes
            .chunks(2)
            .map(|c| {
                let cid = if c.len() == 2 { u32::from(c[0]) << 8 | u32::from(c[1]) } else { u32::from(c[0]) };
                self.by_cid.get(&cid).copied().unwrap_or(self.default)
            })
            .sum::<f64>()
            / 1000.0
    }
}

/// Every run of text in a PDF, page by page, in content order.
#[track_caller]
pub fn text_runs(path: &Path) -> Vec<Run> {
    let doc = Document::load(path).unwrap_or_else(|e| panic!("{} is a PDF: {e}", path.display()));
    let mut runs = Vec::new();
    for (page, page_id) in doc.get_pages() {
        let fonts = doc.get_page_fonts(page_id).unwrap_or_default();
        let encodings: BTreeMap<Vec<u8>, _> =
            fonts.iter().filter_map(|(name, f)| Some((name.clone(), f.get_font_encoding(&doc).ok()?))).collect();
        let widths: BTreeMap<Vec<u8>, Widths> =
            fonts.iter().map(|(name, f)| (name.clone(), Widths::of(&doc, f))).collect();
        let base: BTreeMap<Vec<u8>, String> = fonts
            .iter()
            .map(|(name, f)| {
                let base =
                    f.get(b"BaseFont").and_then(Object::as_name).map(|n| String::from_utf8_lossy(n).into_owned());
                let base = base.unwrap_or_default();
                (name.clone(), base.split_once('+').map_or(base.clone(), |(_, b)| b.to_string()))
            })
            .collect();
        let content = Content::decode(&doc.get_page_content(page_id)).unwrap();
        let mut graphics = Graphics::new();
        let mut tm: Matrix = [1.0, 0.0, 0.0, 1.0, 0.0, 0.0];
        let mut line: Matrix = tm;
        let (mut font, mut size) = (Vec::new(), 0.0);
        for op in &content.operations {
            if graphics.follow(op) {
                continue;
            }
            let ctm = graphics.ctm;
            let o = &op.operands;
            match op.operator.as_str() {
                "BT" => {
                    tm = [1.0, 0.0, 0.0, 1.0, 0.0, 0.0];
                    line = tm;
                }
                "Tm" if o.len() == 6 => {
                    tm = matrix(o);
                    line = tm;
                }
                "Td" | "TD" if o.len() == 2 => {
                    line = mul(&[1.0, 0.0, 0.0, 1.0, num(&o[0]), num(&o[1])], &line);
                    tm = line;
                }
                "Tf" if o.len() == 2 => {
                    font = o[0].as_name().map(<[u8]>::to_vec).unwrap_or_default();
                    size = num(&o[1]);
                }
                "Tj" | "TJ" => {
                    let (Some(encoding), Some(w)) = (encodings.get(&font), widths.get(&font)) else { continue };
                    let mut text = String::new();
                    let mut advance = 0.0;
                    let parts: Vec<Object> = match op.operator.as_str() {
                        "TJ" => o.first().and_then(|a| a.as_array().ok()).cloned().unwrap_or_default(),
                        _ => o.clone(),
                    };
                    for part in &parts {
                        match part {
                            Object::String(bytes, _) => {
                                text.push_str(&Document::decode_text(encoding, bytes).unwrap_or_default());
                                advance += w.em(bytes) * size;
                            }
                            other => {
                                // A gap of more than a tenth of an em reads as a space.
                                if num(other) < -100.0 && !text.ends_with(' ') {
                                    text.push(' ');
                                }
                                advance -= num(other) / 1000.0 * size;
                            }
                        }
                    }
                    let start = mul(&tm, &ctm);
                    let end = mul(&mul(&[1.0, 0.0, 0.0, 1.0, advance, 0.0], &tm), &ctm);
                    let scale = (start[2] * start[2] + start[3] * start[3]).sqrt();
                    runs.push(Run {
                        page: page as usize,
                        x: start[4].min(end[4]),
                        right: start[4].max(end[4]),
                        y: start[5],
                        size: size * scale,
                        font: base.get(&font).cloned().unwrap_or_default(),
                        text,
                    });
                    tm = mul(&[1.0, 0.0, 0.0, 1.0, advance, 0.0], &tm);
                }
                _ => {}
            }
        }
    }
    runs
}

/// Every picture a PDF draws (`Do`), as (page, bottom edge, height) in pt.
pub fn pictures(path: &Path) -> Vec<(usize, f64, f64)> {
    let doc = Document::load(path).unwrap_or_else(|e| panic!("{} is a PDF: {e}", path.display()));
    let mut out = Vec::new();
    for (page, page_id) in doc.get_pages() {
        let content = Content::decode(&doc.get_page_content(page_id)).unwrap();
        let mut graphics = Graphics::new();
        for op in &content.operations {
            if !graphics.follow(op) && op.operator == "Do" {
                let ctm = graphics.ctm;
                let (y0, y1) = (ctm[5], ctm[3] + ctm[5]);
                out.push((page as usize, y0.min(y1), (y1 - y0).abs()));
            }
        }
    }
    out
}

/// The runs on a page whose text contains `needle`.
pub fn runs_with<'r>(runs: &'r [Run], needle: &str) -> Vec<&'r Run> {
    runs.iter().filter(|r| r.text.contains(needle)).collect()
}

/// The text of each page as a reader's copy-paste gives it: runs in the
/// order they are drawn, a line break where the baseline moves, a space
/// where a gap opens between runs on one line.
pub fn page_texts(path: &Path) -> Vec<String> {
    let pages = Document::load(path).map(|d| d.get_pages().len()).unwrap_or(0);
    let runs = text_runs(path);
    (1..=pages)
        .map(|page| {
            let mut out = String::new();
            let mut last: Option<&Run> = None;
            for run in runs.iter().filter(|r| r.page == page) {
                if let Some(prev) = last {
                    if (run.y - prev.y).abs() > 0.3 * run.size.max(prev.size) {
                        out.push('\n');
                    } else if run.x - prev.right > 0.15 * run.size && !out.ends_with(' ') && !run.text.starts_with(' ')
                    {
                        out.push(' ');
                    }
                }
                out.push_str(&run.text);
                last = Some(run);
            }
            out
        })
        .collect()
}
