//! Where the generated parts go in a report's text: at the `onderdeel`
//! markers the text sets, else as a chapter of their own before the
//! conclusion; front matter before the first chapter is left unnumbered.

use super::*;

/// Places the generated parts a text did not place itself: in a chapter of
/// their own before the conclusion (the first level-1 heading starting with
/// `Conclusie`/`Conclusion`), else at the end.
pub fn place_parts(nodes: &mut Vec<Node>, report: &Report, lang: Lang) {
    let placed: Vec<&str> = nodes
        .iter()
        .filter_map(|n| match n {
            Node::Onderdeel { naam, .. } => Some(naam.as_str()),
            _ => None,
        })
        .collect();
    let missing: Vec<&str> = PARTS.iter().copied().filter(|p| !placed.contains(p)).collect();
    if missing.is_empty() {
        return;
    }
    let title = if missing.contains(&"resultaten_per_thema") {
        lang.pick("Resultaten per thema", "Results by theme")
    } else {
        lang.pick("Missies en resultaten per jaar", "Missions and results per year")
    };
    let [out, incoming, results] = report.aantallen;
    let out = count(out, (["uitgaande missie", "uitgaande missies"], ["outgoing mission", "outgoing missions"]), lang);
    let incoming =
        count(incoming, (["inkomend bezoek", "inkomende bezoeken"], ["incoming visit", "incoming visits"]), lang);
    let results = count(results, RESULTS, lang);
    let intro = match lang {
        Lang::Nl => format!(
            "In de periode {} vonden {out} en {incoming} plaats{}. Zij leverden {results} op.",
            report.periode,
            if report.partner.is_empty() { String::new() } else { format!(" in de relatie met {}", report.partner) },
        ),
        Lang::En => format!(
            "In the period {} there were {out} and {incoming}{}. They brought {results}.",
            report.periode,
            if report.partner.is_empty() { String::new() } else { format!(" with {}", report.partner) },
        ),
    };
    let mut chapter = vec![
        Node::Heading { level: 1, nummer: true, pagina: false, c: vec![Node::Text { s: title.into() }] },
        Node::Par { c: vec![Node::Text { s: intro }] },
    ];
    chapter.extend(missing.iter().map(|p| Node::Onderdeel { naam: p.to_string(), niveau: 2 }));
    let at = nodes
        .iter()
        .position(|n| match n {
            Node::Heading { level: 1, c, .. } => match_key(&plain(c)).starts_with("conclus"),
            _ => false,
        })
        .unwrap_or(nodes.len());
    nodes.splice(at..at, chapter);
}

pub(super) fn plain(nodes: &[Node]) -> String {
    nodes
        .iter()
        .map(|n| match n {
            Node::Text { s } | Node::Waarde { s, .. } => s.clone(),
            Node::Strong { c } | Node::Emph { c } => plain(c),
            _ => String::new(),
        })
        .collect()
}

/// Leaves summaries and prefaces unnumbered, as reports do, each on a
/// page of its own; the first chapter starts on a new page, the chapters
/// after it follow on (a page half empty only where a part begins).
pub fn front_matter(nodes: &mut [Node]) {
    let mut chapters = 0;
    for node in nodes {
        if let Node::Heading { level: 1, nummer, pagina, c } = node {
            let key = match_key(&plain(c));
            if ["samenvatting", "managementsamenvatting", "voorwoord", "summary", "executivesummary", "preface"]
                .contains(&key.as_str())
            {
                *nummer = false;
            }
            if *nummer {
                chapters += 1;
            }
            *pagina = if *nummer { chapters == 1 } else { chapters == 0 };
        }
    }
}
