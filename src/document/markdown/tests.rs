//! The Markdown parser on the constructs texts use.

use super::*;

fn text(s: &str) -> Node {
    Node::Text { s: s.into() }
}

#[test]
fn blocks_and_inlines() {
    let nodes = parse(
        "## Stand van zaken\n\nEen **vet** en *schuin* woord met [link](https://x.nl).\n\n- een\n- twee\n\n1. eerste\n",
    );
    assert_eq!(nodes[0], Node::Heading { level: 2, nummer: true, pagina: false, c: vec![text("Stand van zaken")] });
    let Node::Par { c } = &nodes[1] else { panic!("{nodes:?}") };
    assert_eq!(c[1], Node::Strong { c: vec![text("vet")] });
    assert_eq!(c[5], Node::Link { url: "https://x.nl".into(), c: vec![text("link")] });
    assert_eq!(nodes[2], Node::List { start: None, items: vec![vec![text("een")], vec![text("twee")]] });
    assert!(matches!(&nodes[3], Node::List { start: Some(1), .. }));
}

#[test]
fn footnotes_carry_their_text() {
    let nodes = parse("Zie de evaluatie.[^1]\n\n[^1]: Raadsinformatiebrief van 6 februari 2018.\n");
    assert_eq!(
        nodes,
        vec![Node::Par {
            c: vec![
                text("Zie de evaluatie."),
                Node::Footnote { c: vec![text("Raadsinformatiebrief van 6 februari 2018.")] }
            ]
        }]
    );
    assert_eq!(parse("Los[^x]")[0], Node::Par { c: vec![text("Los[^x]")] });
}

#[test]
fn tables() {
    let nodes = parse("| a | b |\n|---|---|\n| 1 | 2 |\n| 3 | 4 |\n");
    assert_eq!(
        nodes,
        vec![Node::Table {
            kolommen: 2,
            head: vec![vec![text("a")], vec![text("b")]],
            rows: vec![vec![vec![text("1")], vec![text("2")]], vec![vec![text("3")], vec![text("4")]]],
            rechts: vec![true, true],
        }]
    );
}

#[test]
fn inline_html_formats_and_merged_cells_span() {
    let nodes = parse("m<sup>2</sup> en CO<sub>2</sub>, <strong>vet <em>en schuin</em></strong><br>open <sup>x\n");
    let Node::Par { c } = &nodes[0] else { panic!("{nodes:?}") };
    assert_eq!(c[1], Node::Super { c: vec![text("2")] });
    assert_eq!(c[3], Node::Sub { c: vec![text("2")] });
    assert_eq!(c[5], Node::Strong { c: vec![text("vet "), Node::Emph { c: vec![text("en schuin")] }] });
    assert_eq!(c[6], Node::Break);
    assert_eq!(c[8], Node::Super { c: vec![text("x")] });
    let nodes = parse("| <!--missiedocs:cel 2 1-->a | <!--missiedocs:bedekt--> | b |\n|---|---|---|\n| 1 | 2 | 3 |\n");
    assert_eq!(
        nodes,
        vec![Node::Table {
            kolommen: 3,
            head: vec![vec![Node::Span { kolommen: 2, rijen: 1 }, text("a")], vec![text("b")]],
            rows: vec![vec![vec![text("1")], vec![text("2")], vec![text("3")]]],
            rechts: vec![true, true, true],
        }]
    );
}

#[test]
fn escaped_values_stay_literal() {
    for value in ["*geen*", "$0", "#8", "[x]", "#read(\"/etc/passwd\")", "- lijst", "> citaat", "a\\b", "_x_", "`code`"]
    {
        let nodes = parse(&escape(value));
        assert_eq!(nodes, vec![Node::Par { c: vec![text(value)] }], "{value}");
    }
}
