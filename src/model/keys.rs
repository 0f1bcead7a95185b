//! How names match: a sheet, column or partner written in any case, with
//! accents, spaces, underscores or hyphens is the same name; a sheet or
//! column outside the contract gets a key texts and templates can use.

/// Normalises a sheet or column name for matching: lower case, accents
/// removed, spaces, underscores and hyphens dropped.
///
/// ```
/// use missiedocs::model::keys::match_key;
/// assert_eq!(match_key("Begin datum"), match_key("begindatum"));
/// assert_eq!(match_key("Behandeld_door"), "behandelddoor");
/// assert_eq!(match_key("Bédrag"), "bedrag");
/// ```
pub fn match_key(name: &str) -> String {
    fold(name).chars().filter(|c| !matches!(c, ' ' | '_' | '-' | '.')).collect()
}

/// The key under which an unknown sheet or column is reachable from templates:
/// lower case, accents removed, runs of other characters turned into `_`.
///
/// ```
/// use missiedocs::model::keys::template_key;
/// assert_eq!(template_key("FTE per provincie"), "fte_per_provincie");
/// assert_eq!(template_key("  Budget (€) "), "budget");
/// ```
pub fn template_key(name: &str) -> String {
    let mut out = String::new();
    for c in fold(name).chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c);
        } else if !out.is_empty() && !out.ends_with('_') {
            out.push('_');
        }
    }
    let out = out.trim_end_matches('_').to_string();
    match out.chars().next() {
        Some(c) if c.is_ascii_digit() => format!("k_{out}"),
        Some(_) => out,
        None => "kolom".to_string(),
    }
}

fn fold(name: &str) -> String {
    use unicode_normalization::UnicodeNormalization;
    // Most headers are plain ASCII: nothing to decompose.
    if name.is_ascii() {
        return name.trim().to_ascii_lowercase();
    }
    name.trim()
        .nfd()
        .filter(|c| !unicode_normalization::char::is_combining_mark(*c))
        .flat_map(char::to_lowercase)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys() {
        assert_eq!(match_key("Uw kenmerk"), "uwkenmerk");
        assert_eq!(match_key("uw_kenmerk"), "uwkenmerk");
        assert_eq!(match_key("E-mail"), "email");
        assert_eq!(template_key("Ééntje-Twee"), "eentje_twee");
        assert_eq!(template_key("2019"), "k_2019");
        assert_eq!(template_key("€"), "kolom");
    }
}
