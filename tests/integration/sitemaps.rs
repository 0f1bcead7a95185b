//! Sitemaps for the Woo-index (`render --woo-url`): read back as the
//! Woo-harvester reads them — `robots.txt` lines to one index per
//! information category, its sitemaps, their urls — every published PDF
//! exactly once, no draft and no document that was not made, each url
//! with its date and the very metadata of its `.diwoo.xml`; the same
//! sitemaps from `combine` of a split run as from one run; and an address
//! that is not https refused.

use std::collections::BTreeMap;
use std::path::Path;

use crate::support::register::{LETTER, set};
use crate::support::{assert_stderr, manifest, missiedocs, sample, write_texts, write_xlsx};

const BASE: &str = "https://documenten.voorbeeld.nl/woo/";

/// The sample in `dir/data`, the memo a draft and the statenbrief with a
/// date that does not exist.
fn data(dir: &Path) {
    write_texts(&dir.join("data"));
    let mut sheets = sample::sheets();
    set(&mut sheets, "memo-2019-werkbezoek-chengdu", "Status", "concept");
    set(&mut sheets, "statenbrief-2020-missie-guangdong", "Datum", "31-02-2020");
    write_xlsx(&dir.join("data/m.xlsx"), &sheets);
}

/// Every `<tag>…</tag>` in `xml`, in order.
fn all<'a>(xml: &'a str, tag: &str) -> Vec<&'a str> {
    let (open, close) = (format!("<{tag}>"), format!("</{tag}>"));
    xml.split(open.as_str()).skip(1).filter_map(|s| s.split(close.as_str()).next()).collect()
}

/// An element with its lines trimmed, to compare what is nested with what stands alone.
fn flat(xml: &str) -> String {
    xml.lines().map(str::trim).collect::<Vec<_>>().join("\n")
}

/// The urls the harvester finds from `out/sitemaps/robots.txt`: by their
/// `loc`, the `lastmod`, the metadata and the index's category number.
fn harvested(out: &Path) -> BTreeMap<String, Vec<(String, String, String)>> {
    let dir = out.join("sitemaps");
    let robots = std::fs::read_to_string(dir.join("robots.txt")).unwrap();
    let mut found: BTreeMap<String, Vec<(String, String, String)>> = BTreeMap::new();
    for line in robots.lines() {
        let index_url = line.strip_prefix("Sitemap: ").unwrap_or_else(|| panic!("a Sitemap line: {line}"));
        let index_name = index_url.strip_prefix(&format!("{BASE}sitemaps/")).unwrap();
        let number = index_name.strip_prefix("sitemapindex-diwoo-infocat").unwrap().strip_suffix(".xml").unwrap();
        assert_eq!(number.len(), 3, "{index_name}");
        let index = std::fs::read_to_string(dir.join(index_name)).unwrap();
        assert!(index.contains("<sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">"), "{index}");
        for sitemap_url in all(&index, "loc") {
            let name = sitemap_url.strip_prefix(&format!("{BASE}sitemaps/")).unwrap();
            let sitemap = std::fs::read_to_string(dir.join(name)).unwrap();
            assert!(sitemap.contains("<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\""), "{sitemap}");
            for url in all(&sitemap, "url") {
                let loc = all(url, "loc")[0].to_string();
                let lastmod = all(url, "lastmod").first().unwrap_or_else(|| panic!("lastmod: {url}")).to_string();
                let start = url.find("<diwoo:Document").unwrap_or_else(|| panic!("metadata: {url}"));
                found.entry(loc).or_default().push((lastmod, flat(url[start..].trim()), number.to_string()));
            }
        }
    }
    found
}

#[test]
fn the_woo_index_finds_every_published_pdf_once_and_no_draft() {
    let dir = tempfile::tempdir().unwrap();
    data(dir.path());
    let ran =
        missiedocs(dir.path(), &["render", "--data", "data/m.xlsx", "--out", "uit", "--woo-url", BASE, "--quiet"]);
    assert_eq!(ran.code, 1, "the statenbrief is not made: {}", ran.stderr);
    assert_stderr(
        &ran,
        &[
            "sitemaps voor de Woo-index (2 informatiecategorieën) in uit/sitemaps; neem de regels van uit/sitemaps/robots.txt op",
        ],
    );
    let out = dir.path().join("uit");
    let found = harvested(&out);

    // Published: the documents made that are not drafts, each PDF once.
    let m = manifest(&out);
    let mut published = Vec::new();
    for d in m["documenten"].as_array().unwrap() {
        if d["status"] == "ok" && d["concept"] != true {
            published.push(d["bestand"].as_str().unwrap().to_string());
            if let Some(merged) = d["met_bijlagen"]["bestand"].as_str() {
                published.push(merged.to_string());
            }
        }
    }
    let mut expected: Vec<String> = published.iter().map(|pdf| format!("{BASE}{pdf}")).collect();
    expected.sort();
    assert_eq!(found.keys().cloned().collect::<Vec<_>>(), expected);
    assert!(expected.iter().any(|u| u.ends_with(&format!("{LETTER}-met-bijlagen.pdf"))), "{expected:?}");
    assert!(!found.keys().any(|u| u.contains("memo-2019")), "a draft is never listed");
    assert!(!found.keys().any(|u| u.contains("statenbrief")), "a document not made is never listed");

    for (loc, seen) in &found {
        assert_eq!(seen.len(), 1, "{loc} once");
        let (lastmod, metadata, number) = &seen[0];
        let pdf = loc.strip_prefix(BASE).unwrap();
        let own = std::fs::read_to_string(out.join(pdf.replace(".pdf", ".diwoo.xml"))).unwrap();
        let own = flat(&own[own.find("<diwoo:Document").unwrap()..]);
        assert_eq!(metadata, &own, "{loc}: the sitemap and the .diwoo.xml say the same");
        assert_eq!(all(&own, "diwoo:creatiedatum"), [lastmod.as_str()], "{loc}");
        if pdf.starts_with("evaluatie") {
            assert_eq!(number, "015", "an evaluation report is an onderzoeksrapport");
        }
    }

    // Made again when the letter fails too: no index is left of what is
    // no longer published.
    let mut sheets = sample::sheets();
    set(&mut sheets, "memo-2019-werkbezoek-chengdu", "Status", "concept");
    set(&mut sheets, "statenbrief-2020-missie-guangdong", "Datum", "31-02-2020");
    set(&mut sheets, LETTER, "Datum", "30-02-2022");
    write_xlsx(&dir.path().join("data/m.xlsx"), &sheets);
    let again = missiedocs(dir.path(), &["render", "--data", "data/m.xlsx", "--out", "uit", "--woo-url", BASE]);
    assert_eq!(again.code, 1, "{}", again.stderr);
    let names: Vec<String> = std::fs::read_dir(out.join("sitemaps"))
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .filter(|n| n.starts_with("sitemapindex"))
        .collect();
    assert_eq!(names, ["sitemapindex-diwoo-infocat015.xml"]);
}

#[test]
fn a_split_run_combined_has_the_sitemaps_of_one_run() {
    let dir = tempfile::tempdir().unwrap();
    data(dir.path());
    let render = |extra: &[&str]| {
        let mut args = vec!["render", "--data", "data/m.xlsx", "--woo-url", BASE, "--quiet"];
        args.extend_from_slice(extra);
        missiedocs(dir.path(), &args)
    };
    assert_eq!(render(&["--out", "heel"]).code, 1);
    for k in 1..=3 {
        let ran = render(&["--out", &format!("uit/deel-{k}"), "--shard", &format!("{k}/3")]);
        assert!(ran.code <= 1, "{}", ran.stderr);
        assert!(!dir.path().join(format!("uit/deel-{k}/sitemaps")).exists(), "a part writes no sitemaps");
    }
    let combined = missiedocs(dir.path(), &["combine", "--out", "uit", "uit/deel-1", "uit/deel-2", "uit/deel-3"]);
    assert_eq!(combined.code, 1, "{}", combined.stderr);
    assert_stderr(&combined, &["sitemaps voor de Woo-index (2 informatiecategorieën) in uit/sitemaps"]);
    let files = |root: &str| -> BTreeMap<String, Vec<u8>> {
        std::fs::read_dir(dir.path().join(root).join("sitemaps"))
            .unwrap()
            .map(|e| e.unwrap())
            .map(|e| (e.file_name().into_string().unwrap(), std::fs::read(e.path()).unwrap()))
            .collect()
    };
    let (whole, parts) = (files("heel"), files("uit"));
    assert_eq!(whole.keys().collect::<Vec<_>>(), parts.keys().collect::<Vec<_>>());
    for (name, bytes) in &whole {
        assert!(bytes == &parts[name], "{name}: the combined run's sitemap differs from one run's");
    }

    // Parts published under other addresses are not one run.
    let elders = ["--data", "data/m.xlsx", "--woo-url", "https://elders.voorbeeld.nl/", "--quiet"];
    let other = missiedocs(dir.path(), &[&["render", "--out", "ander", "--shard", "1/3"], &elders[..]].concat());
    assert!(other.code <= 1, "{}", other.stderr);
    let mixed = missiedocs(dir.path(), &["combine", "--out", "mix", "ander", "uit/deel-2", "uit/deel-3"]);
    assert_eq!(mixed.code, 2, "{}", mixed.stderr);
    assert_stderr(&mixed, &["`--woo-url` verschillen"]);
}

#[test]
fn an_address_the_woo_index_cannot_use_is_refused_and_without_one_it_says_how() {
    let dir = tempfile::tempdir().unwrap();
    data(dir.path());
    for (url, says) in [
        ("http://documenten.voorbeeld.nl/", "de Woo-index haalt documenten alleen op via https"),
        ("https://documenten.voorbeeld.nl/woo?jaar=2022", "is geen bruikbaar adres"),
        ("https:///woo/", "is geen bruikbaar adres"),
    ] {
        let ran = missiedocs(dir.path(), &["render", "--data", "data/m.xlsx", "--out", "uit", "--woo-url", url]);
        assert_eq!(ran.code, 2, "{url}: {}", ran.stderr);
        assert_stderr(&ran, &[&format!("fout: `--woo-url {url}`"), says, "hint: geef het https-adres"]);
        assert!(!dir.path().join("uit").exists(), "{url}: nothing made");
    }
    // Sitemaps name everything published: not from a run of some documents.
    let some = missiedocs(dir.path(), &["render", "--data", "data/m.xlsx", "--woo-url", BASE, "--only", LETTER]);
    assert_eq!(some.code, 2, "{}", some.stderr);
    assert_stderr(&some, &["fout: `--woo-url` gaat niet samen met `--only` of `--filter`", "hint: maak de sitemaps"]);
    let watch = missiedocs(dir.path(), &["watch", "--data", "data/m.xlsx", "--woo-url", BASE]);
    assert_eq!(watch.code, 2, "{}", watch.stderr);
    assert_stderr(&watch, &["fout: `missiedocs watch` maakt geen sitemaps", "hint: gebruik hier `--woo`"]);
    assert!(!dir.path().join("uit").exists() && !dir.path().join("output").exists(), "nothing made");

    let ran = missiedocs(dir.path(), &["render", "--data", "data/m.xlsx", "--out", "uit", "--woo", "--quiet"]);
    assert_stderr(&ran, &["hint: geef `--woo-url https://…/`"]);
    assert!(!dir.path().join("uit/sitemaps").exists());
}
