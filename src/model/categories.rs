//! The Woo information categories a document may be filed under
//! (`scw_woo_informatiecategorieen`, the TOOI value list): its label as the
//! data names it, and its code.

/// The Woo information categories (`scw_woo_informatiecategorieen`): label, code.
pub const CATEGORIES: [(&str, &str); 18] = [
    ("Woo-verzoeken en -besluiten", "c_3baef532"),
    ("adviezen", "c_99a836c7"),
    ("agenda’s en besluitenlijsten bestuurscolleges", "c_3a248e3a"),
    ("bereikbaarheidsgegevens", "c_89ee6784"),
    ("beschikkingen", "c_46a81018"),
    ("bij vertegenwoordigende organen ingekomen stukken", "c_8c840238"),
    ("convenanten", "c_8fc2335c"),
    ("inspanningsverplichting art 3.1 Woo", "c_816e508d"),
    ("jaarplannen en jaarverslagen", "c_c6cd1213"),
    ("klachtoordelen", "c_a870c43d"),
    ("onderzoeksrapporten", "c_fdaee95e"),
    ("ontwerpen van wet- en regelgeving met adviesaanvraag", "c_759721e2"),
    ("organisatie en werkwijze", "c_40a05794"),
    ("overige besluiten van algemene strekking", "c_aab6bfc7"),
    ("subsidieverplichtingen anders dan met beschikking", "c_cf268088"),
    ("vergaderstukken Staten-Generaal", "c_c76862ab"),
    ("vergaderstukken decentrale overheden", "c_db4862c3"),
    ("wetten en algemeen verbindende voorschriften", "c_139c6280"),
];

/// The information category named `label` (case and apostrophes ignored).
pub fn category(label: &str) -> Option<(&'static str, &'static str)> {
    let key = |s: &str| s.trim().to_lowercase().replace(['’', '\''], "");
    CATEGORIES.iter().copied().find(|(l, code)| key(l) == key(label) || *code == label.trim())
}

/// The labels of the information categories, for hints.
pub fn category_labels() -> String {
    CATEGORIES.iter().map(|(l, _)| format!("`{l}`")).collect::<Vec<_>>().join(", ")
}

/// The number of an information category (by its code) in the Woo-index's
/// names for sitemap indexes (`sitemapindex-diwoo-infocat015.xml`): the
/// seventeen categories in the order of article 3.3, first and second
/// paragraph, of the Woo (a–e, then a–l; onderzoeksrapporten is 15, as
/// the DiWoo handleiding's example has it), and the duty of article 3.1 as
/// 18.
pub fn number(code: &str) -> Option<u8> {
    const IN_ORDER: [&str; 18] = [
        "c_139c6280", // wetten en algemeen verbindende voorschriften
        "c_aab6bfc7", // overige besluiten van algemene strekking
        "c_759721e2", // ontwerpen van wet- en regelgeving met adviesaanvraag
        "c_40a05794", // organisatie en werkwijze
        "c_89ee6784", // bereikbaarheidsgegevens
        "c_8c840238", // bij vertegenwoordigende organen ingekomen stukken
        "c_c76862ab", // vergaderstukken Staten-Generaal
        "c_db4862c3", // vergaderstukken decentrale overheden
        "c_3a248e3a", // agenda's en besluitenlijsten bestuurscolleges
        "c_99a836c7", // adviezen
        "c_8fc2335c", // convenanten
        "c_c6cd1213", // jaarplannen en jaarverslagen
        "c_cf268088", // subsidieverplichtingen anders dan met beschikking
        "c_3baef532", // Woo-verzoeken en -besluiten
        "c_fdaee95e", // onderzoeksrapporten
        "c_46a81018", // beschikkingen
        "c_a870c43d", // klachtoordelen
        "c_816e508d", // inspanningsverplichting art 3.1 Woo
    ];
    IN_ORDER.iter().position(|c| *c == code).map(|i| i as u8 + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_category_has_its_own_number() {
        let mut numbers: Vec<u8> = CATEGORIES.iter().map(|(_, code)| number(code).unwrap()).collect();
        numbers.sort_unstable();
        assert_eq!(numbers, (1..=18).collect::<Vec<u8>>());
        assert_eq!(category("onderzoeksrapporten").and_then(|(_, code)| number(code)), Some(15));
    }
}
