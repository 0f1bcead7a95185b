//! Sitemaps for the Woo-index (`render --woo --woo-url URL`, and `combine`
//! of such parts): the Woo-harvester reads, through `robots.txt`, one
//! sitemap index per information category,
//! `sitemapindex-diwoo-infocatNNN.xml`, whose sitemaps (sitemaps.org 0.9, at
//! most 50,000 urls each) list every published PDF once: its URL (the base
//! plus the file name), `lastmod` (the document's date) and its DiWoo
//! metadata — the very `diwoo:Document` of its `.diwoo.xml`, so the two
//! always say the same. Only what a run made and published is listed: its
//! drafts have no metadata, documents not made no files. Everything is
//! written into `sitemaps/` beside the PDFs, with the `robots.txt` lines
//! that name the indexes.

use std::collections::BTreeMap;
use std::io::Write as _;
use std::path::{Path, PathBuf};

use super::write_atomic;
use super::xml::{document, text};
use crate::error::Failure;
use crate::say;

/// The folder the sitemaps are written to, beside the PDFs.
pub const FOLDER: &str = "sitemaps";

/// The robots.txt lines, in [`FOLDER`].
pub const ROBOTS: &str = "robots.txt";

/// Most urls in one sitemap (sitemaps.org).
const MAX_URLS: usize = 50_000;

const SITEMAP_NS: &str = "http://www.sitemaps.org/schemas/sitemap/0.9";
const DIWOO_NS: &str = "https://standaarden.overheid.nl/diwoo/metadata/";

/// A PDF published with its metadata.
#[derive(Debug, Clone)]
pub struct Published {
    /// The PDF's file name, as it is published under the base URL.
    pub pdf: String,
    /// Its `.diwoo.xml`, relative to the output folder.
    pub diwoo: PathBuf,
}

/// What one document publishes, from its manifest entry: each file of its
/// metadata (`woo`, relative to the output folder) with its PDF — nothing
/// when it was not made or is a draft. `render` and `combine` list by it.
pub fn published<'a>(made: bool, draft: bool, woo: impl IntoIterator<Item = &'a str>) -> Vec<Published> {
    if !made || draft {
        return Vec::new();
    }
    woo.into_iter().map(|xml| Published { pdf: super::woo::pdf_name(xml), diwoo: PathBuf::from(xml) }).collect()
}

/// The base URL documents are published under, checked: `https://`, a
/// host, no query or fragment; ending in `/`.
pub fn base_url(text: &str) -> Result<String, Failure> {
    let refused = |why: crate::lang::Words| {
        Failure::new(why).hint(say!(
            "geef het https-adres waaronder de PDF's komen te staan, bijvoorbeeld `--woo-url https://documenten.gemeente.nl/woo/`",
            "give the https address the PDFs are published under, for example `--woo-url https://documenten.gemeente.nl/woo/`"
        ))
    };
    let Some(rest) = text.strip_prefix("https://") else {
        return Err(refused(say!(
            "`--woo-url {text}`: de Woo-index haalt documenten alleen op via https",
            "`--woo-url {text}`: the Woo-index fetches documents over https only"
        )));
    };
    let host = rest.split('/').next().unwrap_or_default();
    let bad = |c: char| c.is_whitespace() || c.is_control() || matches!(c, '?' | '#' | '"' | '<' | '>' | '\\');
    if host.is_empty() || host.starts_with(['.', '-', ':']) || text.chars().any(bad) {
        return Err(refused(say!(
            "`--woo-url {text}` is geen bruikbaar adres (een host, geen spaties, geen `?` of `#`)",
            "`--woo-url {text}` is no usable address (a host, no spaces, no `?` or `#`)"
        )));
    }
    Ok(if text.ends_with('/') { text.to_string() } else { format!("{text}/") })
}

/// The URL a file is published at: the base (from [`base_url`]) and the
/// file's name as one path segment.
pub fn url(base: &str, name: &str) -> String {
    format!("{base}{}", segment(name))
}

/// A file name as one segment of a URL path: what is not a letter, a digit
/// or `-._~` percent-encoded (UTF-8).
fn segment(name: &str) -> String {
    name.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' => (b as char).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}

/// One url of a sitemap.
struct Url {
    loc: String,
    lastmod: String,
    /// The `diwoo:Document` element of the document's `.diwoo.xml`.
    document: String,
}

/// What a sitemap needs of a `.diwoo.xml`: the information category's
/// number, the creation date, and the `diwoo:Document` element itself.
fn read_metadata(path: &Path) -> Result<(u8, String, String), Failure> {
    let unreadable = |nl: &str, en: &str| {
        Failure::new(say!(
            "`{}` kan niet in een sitemap worden opgenomen: {nl}",
            "`{}` cannot be put in a sitemap: {en}",
            path.display()
        ))
    };
    let xml = std::fs::read_to_string(path).map_err(|e| unreadable(&e.to_string(), &e.to_string()))?;
    let start = xml.find("<diwoo:Document").ok_or_else(|| unreadable("geen diwoo:Document", "no diwoo:Document"))?;
    let category = between(&xml, "<diwoo:informatiecategorie resource=\"", "\"")
        .and_then(|resource| resource.rsplit('/').next())
        .and_then(crate::model::categories::number)
        .ok_or_else(|| unreadable("geen bekende informatiecategorie", "no known information category"))?;
    let date = between(&xml, "<diwoo:creatiedatum>", "</diwoo:creatiedatum>")
        .ok_or_else(|| unreadable("geen creatiedatum", "no creation date"))?;
    Ok((category, date.to_string(), xml[start..].trim_end().to_string()))
}

/// The text between the first `open` and the `close` after it.
fn between<'a>(text: &'a str, open: &str, close: &str) -> Option<&'a str> {
    let from = text.find(open)? + open.len();
    let len = text[from..].find(close)?;
    Some(&text[from..from + len])
}

/// Writes the sitemaps of `published` (in this order) into `out/sitemaps/`
/// for documents published under `base`, replacing what an earlier run
/// wrote there; gives the `robots.txt` lines.
pub fn write(out: &Path, base: &str, published: &[Published]) -> Result<Vec<String>, Failure> {
    write_split(out, base, published, MAX_URLS)
}

/// [`write`], at most `max_urls` urls a sitemap.
fn write_split(out: &Path, base: &str, published: &[Published], max_urls: usize) -> Result<Vec<String>, Failure> {
    let mut by_category: BTreeMap<u8, Vec<Url>> = BTreeMap::new();
    for p in published {
        let (category, lastmod, document) = read_metadata(&out.join(&p.diwoo))?;
        let loc = url(base, &p.pdf);
        by_category.entry(category).or_default().push(Url { loc, lastmod, document });
    }
    let dir = out.join(FOLDER);
    let unwritable = |e: std::io::Error| {
        Failure::new(say!("`{}` kan niet worden geschreven", "`{}` cannot be written", dir.display())).caused_by(e)
    };
    std::fs::create_dir_all(&dir).map_err(unwritable)?;
    // What an earlier run wrote, so no stale index points at documents gone.
    for entry in std::fs::read_dir(&dir).map_err(unwritable)?.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        if (name.starts_with("sitemap") && name.ends_with(".xml")) || name == ROBOTS {
            std::fs::remove_file(entry.path()).map_err(unwritable)?;
        }
    }
    let mut robots = Vec::new();
    for (category, urls) in &by_category {
        let mut sitemaps = Vec::new();
        for (k, chunk) in urls.chunks(max_urls).enumerate() {
            let name = format!("sitemap-diwoo-infocat{category:03}-{}.xml", k + 1);
            let lastmod = chunk.iter().map(|u| u.lastmod.as_str()).max().unwrap_or_default().to_string();
            write_atomic(&dir, &name, &urlset(chunk).map_err(unwritable)?).map_err(unwritable)?;
            sitemaps.push((format!("{base}{FOLDER}/{name}"), lastmod));
        }
        let name = format!("sitemapindex-diwoo-infocat{category:03}.xml");
        write_atomic(&dir, &name, &index(&sitemaps).map_err(unwritable)?).map_err(unwritable)?;
        robots.push(format!("Sitemap: {base}{FOLDER}/{name}"));
    }
    let text: String = robots.iter().map(|l| format!("{l}\n")).collect();
    write_atomic(&dir, ROBOTS, text.as_bytes()).map_err(unwritable)?;
    Ok(robots)
}

fn urlset(urls: &[Url]) -> std::io::Result<Vec<u8>> {
    document(|w| {
        w.create_element("urlset")
            .with_attributes([("xmlns", SITEMAP_NS), ("xmlns:diwoo", DIWOO_NS)])
            .write_inner_content(|w| {
                for url in urls {
                    w.create_element("url").write_inner_content(|w| {
                        text(w, "loc", &url.loc)?;
                        text(w, "lastmod", &url.lastmod)?;
                        // The metadata as its own file has it, line for line, indented.
                        w.write_indent()?;
                        let indented = url.document.replace('\n', "\n    ");
                        w.get_mut().write_all(indented.as_bytes())?;
                        Ok(())
                    })?;
                }
                Ok(())
            })?;
        Ok(())
    })
}

fn index(sitemaps: &[(String, String)]) -> std::io::Result<Vec<u8>> {
    document(|w| {
        w.create_element("sitemapindex").with_attribute(("xmlns", SITEMAP_NS)).write_inner_content(|w| {
            for (loc, lastmod) in sitemaps {
                w.create_element("sitemap").write_inner_content(|w| {
                    text(w, "loc", loc)?;
                    text(w, "lastmod", lastmod)
                })?;
            }
            Ok(())
        })?;
        Ok(())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_base_url_is_https_with_a_host_and_ends_in_a_slash() {
        assert_eq!(base_url("https://documenten.gemeente.nl/woo").unwrap(), "https://documenten.gemeente.nl/woo/");
        assert_eq!(base_url("https://x.nl/").unwrap(), "https://x.nl/");
        for bad in ["http://x.nl/", "https:///woo/", "https://x.nl/woo?a=1", "https://x.nl/w oo/", "x.nl"] {
            assert!(base_url(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn a_category_with_more_urls_than_a_sitemap_holds_gets_more_sitemaps_in_its_index() {
        let dir = tempfile::tempdir().unwrap();
        let xml = "<?xml version=\"1.0\"?>\n<diwoo:Document xmlns:diwoo=\"https://standaarden.overheid.nl/diwoo/metadata/\">\n\
                   <diwoo:informatiecategorie resource=\"https://identifier.overheid.nl/tooi/def/thes/kern/c_fdaee95e\">\
                   onderzoeksrapporten</diwoo:informatiecategorie>\n<diwoo:creatiedatum>2024-05-01</diwoo:creatiedatum>\n\
                   </diwoo:Document>\n";
        let published: Vec<Published> = (0..5)
            .map(|i| {
                let name = format!("r{i}.diwoo.xml");
                std::fs::write(dir.path().join(&name), xml).unwrap();
                Published { pdf: format!("r{i}.pdf"), diwoo: name.into() }
            })
            .collect();
        let robots = write_split(dir.path(), "https://x.nl/", &published, 2).unwrap();
        assert_eq!(robots, ["Sitemap: https://x.nl/sitemaps/sitemapindex-diwoo-infocat015.xml"]);
        let read = |name: &str| std::fs::read_to_string(dir.path().join(FOLDER).join(name)).unwrap();
        let index = read("sitemapindex-diwoo-infocat015.xml");
        for k in 1..=3 {
            let name = format!("sitemap-diwoo-infocat015-{k}.xml");
            assert!(index.contains(&format!("<loc>https://x.nl/sitemaps/{name}</loc>")), "{index}");
            let urls = read(&name).matches("<url>").count();
            assert_eq!(urls, if k < 3 { 2 } else { 1 }, "{name}");
        }
        assert!(!dir.path().join(FOLDER).join("sitemap-diwoo-infocat015-4.xml").exists());
    }

    #[test]
    fn a_file_name_is_one_path_segment() {
        assert_eq!(segment("rib-2022_a.pdf"), "rib-2022_a.pdf");
        assert_eq!(segment("brief café.pdf"), "brief%20caf%C3%A9.pdf");
        assert_eq!(segment("a/b?.pdf"), "a%2Fb%3F.pdf");
    }
}
