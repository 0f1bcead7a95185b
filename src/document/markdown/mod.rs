//! Markdown (after minijinja has filled it in) becomes a tree of [`Node`]s
//! that Typst templates turn into content with `templates/lib/markdown.typ`.
//! The tree travels as JSON, so text is always text: nothing the writer or the
//! data says is ever read as Typst markup.

use std::collections::HashMap;

use pulldown_cmark::{Event, HeadingLevel, LinkType, Options, Parser, Tag};
use serde::Serialize;

mod flaws;
mod footnotes;
mod headings;
mod html;
mod setting;
pub mod values;
pub use values::escape;
mod walk;

pub use flaws::{Flaw, allowed_link};
use flaws::{long_word_in, unprinted_html};
use footnotes::{resolve_footnotes, undefined_footnotes};
pub use headings::normalize_headings;
use html::{close_tags, inline_html, tag_node};
use setting::numeric_columns;
pub use setting::{keeps_with_closing, numbers_itself};
pub use walk::{visit, visit_mut};

/// A piece of a Markdown document.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "t", rename_all = "lowercase")]
pub enum Node {
    /// A paragraph.
    Par {
        /// Inline content.
        c: Vec<Node>,
    },
    /// A heading, level 1 to 6.
    Heading {
        /// Level.
        level: u8,
        /// Numbered, unless written `# Samenvatting {.unnumbered}`.
        nummer: bool,
        /// Starts a new page (a report's front matter and first chapter).
        #[serde(skip_serializing_if = "std::ops::Not::not")]
        pagina: bool,
        /// Inline content.
        c: Vec<Node>,
    },
    /// Plain text.
    Text {
        /// The characters.
        s: String,
    },
    /// A value from the data (a name, a place, a date, an amount): never
    /// hyphenated; a short one with figures never broken. Travels as text
    /// marked `vast`, so a template that does not know the mark still
    /// prints it.
    #[serde(rename = "text")]
    Waarde {
        /// The characters.
        s: String,
        /// Always true: the mark.
        vast: bool,
    },
    /// Strong emphasis.
    Strong {
        /// Inline content.
        c: Vec<Node>,
    },
    /// Emphasis.
    Emph {
        /// Inline content.
        c: Vec<Node>,
    },
    /// Struck-through text.
    Strike {
        /// Inline content.
        c: Vec<Node>,
    },
    /// Raised text (`m<sup>2</sup>`).
    Super {
        /// Inline content.
        c: Vec<Node>,
    },
    /// Lowered text (`CO<sub>2</sub>`).
    Sub {
        /// Inline content.
        c: Vec<Node>,
    },
    /// Inline code.
    Code {
        /// The characters.
        s: String,
    },
    /// A block of code.
    Codeblock {
        /// The characters.
        s: String,
    },
    /// A link.
    Link {
        /// Target.
        url: String,
        /// Inline content.
        c: Vec<Node>,
    },
    /// A bulleted or numbered list.
    List {
        /// Numbered from `start` when set.
        start: Option<u64>,
        /// Items, each a list of nodes.
        items: Vec<Vec<Node>>,
    },
    /// A block quote.
    Quote {
        /// Block content.
        c: Vec<Node>,
    },
    /// A table. A merged cell starts with a [`Node::Span`]; the grid
    /// positions it covers are left out of its rows.
    Table {
        /// The number of columns.
        kolommen: usize,
        /// Header cells.
        head: Vec<Vec<Node>>,
        /// Body rows.
        rows: Vec<Vec<Vec<Node>>>,
        /// Per column, whether it holds numbers (set right-aligned).
        #[serde(skip_serializing_if = "Vec::is_empty")]
        rechts: Vec<bool>,
    },
    /// First in a merged table cell: the columns and rows it spans
    /// (written `<!--missiedocs:cel 2 1-->` at the start of the cell).
    Span {
        /// Columns.
        kolommen: usize,
        /// Rows.
        rijen: usize,
    },
    /// A footnote with its text.
    Footnote {
        /// Inline content.
        c: Vec<Node>,
    },
    /// A picture (`![alt](bestand "bijschrift")`), as wide as the text at
    /// most, with its caption under it.
    Image {
        /// The file: as the text writes it (relative to the data folder)
        /// until the document is built, then as the template reads it.
        bestand: String,
        /// The alternative text, for the tag tree and screen readers.
        alt: String,
        /// The caption; empty for none.
        bijschrift: String,
        /// The caption numbers itself (`Kaart 1. De regio`): the figure
        /// gets no number of its own, so none is doubled.
        #[serde(skip_serializing_if = "std::ops::Not::not")]
        eigen_nummer: bool,
    },
    /// A line break.
    Break,
    /// A horizontal rule.
    Rule,
    /// A footnote reference while parsing; resolved into [`Node::Footnote`]
    /// before the tree leaves this module.
    #[serde(skip)]
    FootnoteRef {
        /// The footnote's label.
        label: String,
    },
    /// A grid position a merged cell covers, while parsing (written
    /// `<!--missiedocs:bedekt-->`); left out of the table's rows.
    #[serde(skip)]
    Covered,
    /// A generated part of a report (`{{ onderdeel("resultaten_per_thema") }}`),
    /// placed where the text says; its headings start at `niveau`.
    Onderdeel {
        /// Which part.
        naam: String,
        /// Level of the part's own headings.
        niveau: u8,
    },
}

/// The marker a text template writes for a generated part.
pub fn part_marker(name: &str) -> String {
    format!("\n\n<!-- {PART_PREFIX}{name} -->\n\n")
}

const PART_PREFIX: &str = "missiedocs:";

/// Reads a part marker written by [`part_marker`].
fn part_name(html: &str) -> Option<&str> {
    let inner = html.trim().strip_prefix("<!--")?.strip_suffix("-->")?.trim();
    let name = inner.strip_prefix(PART_PREFIX)?;
    name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_').then_some(name)
}

enum Frame {
    Root,
    Par,
    Heading(u8, bool),
    Html,
    Strong,
    Emph,
    Strike,
    /// Formatting opened by an inline HTML tag (`<sup>`), by the tag's name.
    Tag(&'static str),
    Link(String),
    Image(String, String),
    List(Option<u64>),
    Item,
    Quote,
    Codeblock,
    Table,
    TableHead,
    TableRow,
    TableCell,
    FootnoteDef(String),
    Skip,
}

/// How deep Markdown may nest (quotes in quotes, lists in lists, emphasis
/// in emphasis): far beyond what a letter needs, well within what the
/// tree's travel to Typst and Typst's own limits bear.
pub const MAX_DEPTH: usize = 12;

/// Parses Markdown into nodes. Footnote references (`[^x]`) become footnotes
/// carrying their definition's text.
///
/// ```
/// use missiedocs::document::markdown::{parse, Node};
/// let nodes = parse("Een *korte* tekst.");
/// assert!(matches!(&nodes[0], Node::Par { c } if c.len() == 3));
/// ```
pub fn parse(text: &str) -> Vec<Node> {
    read(text).0
}

/// Parses Markdown into nodes, and says what in it cannot be carried into
/// the document: nesting too deep (what lies deeper is left out of the
/// nodes), links that leave the document, HTML blocks, footnotes without
/// their other half.
///
/// ```
/// use missiedocs::document::markdown::{read, Flaw};
/// let (_, flaws) = read("[klik](javascript:alert(1))\n\n<div>weg</div>\n\nZie[^1].\n");
/// assert_eq!(flaws, [Flaw::Link("javascript:alert(1)".into()), Flaw::Html("<div>weg</div>".into()), Flaw::UndefinedFootnote("1".into())]);
/// ```
pub fn read(text: &str) -> (Vec<Node>, Vec<Flaw>) {
    let options = Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TABLES
        | Options::ENABLE_SMART_PUNCTUATION
        | Options::ENABLE_HEADING_ATTRIBUTES;
    let mut stack: Vec<(Frame, Vec<Node>)> = vec![(Frame::Root, Vec::new())];
    let mut footnotes: HashMap<String, Vec<Node>> = HashMap::new();
    // Rows of the table being built: (is head, cells).
    let mut table_rows: Vec<(bool, Vec<Vec<Node>>)> = Vec::new();
    let mut flaws = Vec::new();
    // The HTML of the block being read.
    let mut html_block = String::new();
    // Whether a value from the data is open (see `values`).
    let mut in_value = false;
    for event in Parser::new_ext(text, options) {
        match event {
            // Deeper than allowed: the frame is skipped with all it holds.
            Event::Start(_) if stack.len() > MAX_DEPTH => {
                if !flaws.contains(&Flaw::TooDeep) {
                    flaws.push(Flaw::TooDeep);
                }
                stack.push((Frame::Skip, Vec::new()));
            }
            Event::Start(tag) => {
                let frame = match tag {
                    Tag::Paragraph => Frame::Par,
                    Tag::Heading { level, classes, .. } => Frame::Heading(
                        heading_level(level),
                        !classes.iter().any(|c| matches!(c.as_ref(), "unnumbered" | "ongenummerd")),
                    ),
                    Tag::HtmlBlock => Frame::Html,
                    Tag::Strong => Frame::Strong,
                    Tag::Emphasis => Frame::Emph,
                    Tag::Strikethrough => Frame::Strike,
                    Tag::Link { link_type, dest_url, .. } => {
                        // `<griffie@maastricht.nl>` is an e-mail address.
                        let dest_url = values::strip(&dest_url);
                        let url = match link_type {
                            LinkType::Email => format!("mailto:{dest_url}"),
                            _ => dest_url,
                        };
                        if !allowed_link(&url) {
                            flaws.push(Flaw::Link(url.clone()));
                        }
                        Frame::Link(url)
                    }
                    Tag::List(start) => Frame::List(start),
                    Tag::Item => Frame::Item,
                    Tag::BlockQuote(_) => Frame::Quote,
                    Tag::CodeBlock(_) => Frame::Codeblock,
                    Tag::Table(_) => Frame::Table,
                    Tag::TableHead => {
                        table_rows.push((true, Vec::new()));
                        Frame::TableHead
                    }
                    Tag::TableRow => {
                        table_rows.push((false, Vec::new()));
                        Frame::TableRow
                    }
                    Tag::TableCell => Frame::TableCell,
                    Tag::FootnoteDefinition(label) => Frame::FootnoteDef(label.to_string()),
                    Tag::Image { dest_url, title, .. } => Frame::Image(values::strip(&dest_url), values::strip(&title)),
                    // HTML and metadata are skipped.
                    _ => Frame::Skip,
                };
                stack.push((frame, Vec::new()));
            }
            Event::End(_) => {
                // Tags left open (`<sup>` without `</sup>`) end with what holds them.
                close_tags(&mut stack, None);
                let Some((frame, children)) = stack.pop() else { continue };
                let node = match frame {
                    Frame::Par => Some(Node::Par { c: children }),
                    Frame::Heading(level, nummer) => Some(Node::Heading { level, nummer, pagina: false, c: children }),
                    Frame::Html => {
                        for child in children {
                            push(&mut stack, child);
                        }
                        if let Some(first) = unprinted_html(&std::mem::take(&mut html_block)) {
                            flaws.push(Flaw::Html(first));
                        }
                        None
                    }
                    Frame::Strong => Some(Node::Strong { c: children }),
                    Frame::Emph => Some(Node::Emph { c: children }),
                    Frame::Strike => Some(Node::Strike { c: children }),
                    Frame::Tag(tag) => Some(tag_node(tag, children)),
                    Frame::Link(url) => Some(Node::Link { url, c: children }),
                    Frame::Image(bestand, bijschrift) => {
                        let eigen_nummer = numbers_itself(&bijschrift);
                        Some(Node::Image {
                            bestand,
                            alt: words_of(&children).trim().to_string(),
                            bijschrift,
                            eigen_nummer,
                        })
                    }
                    Frame::Quote => Some(Node::Quote { c: children }),
                    Frame::Codeblock => Some(Node::Codeblock { s: plain_text(&children) }),
                    Frame::List(start) => {
                        let items = children
                            .into_iter()
                            .map(|n| match n {
                                Node::Quote { c } => c,
                                other => vec![other],
                            })
                            .collect();
                        Some(Node::List { start, items })
                    }
                    // Items travel as quotes holding their content, unwrapped above.
                    Frame::Item => Some(Node::Quote { c: children }),
                    Frame::TableCell => {
                        if let Some((_, cells)) = table_rows.last_mut() {
                            cells.push(children);
                        }
                        None
                    }
                    Frame::TableRow | Frame::TableHead => None,
                    Frame::Table => {
                        let mut head = Vec::new();
                        let mut rows = Vec::new();
                        let mut kolommen = 0;
                        for (is_head, mut cells) in table_rows.drain(..) {
                            kolommen = kolommen.max(cells.len());
                            cells.retain(|c| c.first() != Some(&Node::Covered));
                            if is_head { head = cells } else { rows.push(cells) }
                        }
                        let rechts = numeric_columns(kolommen, &rows);
                        Some(Node::Table { kolommen, head, rows, rechts })
                    }
                    Frame::FootnoteDef(label) => {
                        footnotes.insert(label, children);
                        None
                    }
                    Frame::Root | Frame::Skip => None,
                };
                if let Some(node) = node {
                    push(&mut stack, node);
                }
            }
            // CommonMark replaces U+0000 by U+FFFD; so do we, Typst prints neither.
            Event::Text(text) => {
                for node in values::split(&text.replace('\0', "\u{FFFD}"), &mut in_value) {
                    push(&mut stack, node);
                }
            }
            Event::Code(code) => push(&mut stack, Node::Code { s: values::strip(&code) }),
            Event::SoftBreak => push(&mut stack, Node::Text { s: " ".into() }),
            Event::HardBreak => push(&mut stack, Node::Break),
            Event::Rule => push(&mut stack, Node::Rule),
            Event::FootnoteReference(label) => push(&mut stack, Node::FootnoteRef { label: label.to_string() }),
            Event::TaskListMarker(done) => push(&mut stack, Node::Text { s: if done { "☑ " } else { "☐ " }.into() }),
            Event::Html(html) => {
                if let Some(naam) = part_name(&html) {
                    push(&mut stack, Node::Onderdeel { naam: naam.to_string(), niveau: 1 });
                } else {
                    html_block.push_str(&values::strip(&html));
                }
            }
            Event::InlineHtml(_) if stack.len() > MAX_DEPTH => {
                if !flaws.contains(&Flaw::TooDeep) {
                    flaws.push(Flaw::TooDeep);
                }
            }
            Event::InlineHtml(html) => inline_html(&mut stack, &values::strip(&html)),
            Event::InlineMath(_) | Event::DisplayMath(_) => {}
        }
    }
    let root = stack.into_iter().next().map(|(_, c)| c).unwrap_or_default();
    let mut used = std::collections::BTreeSet::new();
    let nodes = resolve_footnotes(root, &footnotes, false, &mut used, &mut flaws);
    let mut unused: Vec<&String> = footnotes.keys().filter(|label| !used.contains(*label)).collect();
    unused.sort();
    flaws.extend(unused.into_iter().map(|label| Flaw::UnusedFootnote(label.clone())));
    let mut nodes = nodes;
    values::keep_values_together(&mut nodes);
    undefined_footnotes(&nodes, &mut flaws);
    flaws.extend(long_word_in(&nodes));
    (nodes, flaws)
}

fn heading_level(level: HeadingLevel) -> u8 {
    match level {
        HeadingLevel::H1 => 1,
        HeadingLevel::H2 => 2,
        HeadingLevel::H3 => 3,
        HeadingLevel::H4 => 4,
        HeadingLevel::H5 => 5,
        HeadingLevel::H6 => 6,
    }
}

/// Appends a node to the innermost frame, merging adjacent text.
fn push(stack: &mut [(Frame, Vec<Node>)], node: Node) {
    let Some((_, children)) = stack.last_mut() else { return };
    match (children.last_mut(), &node) {
        (Some(Node::Text { s: last }), Node::Text { s })
        | (Some(Node::Waarde { s: last, .. }), Node::Waarde { s, .. }) => {
            last.push_str(s);
            return;
        }
        _ => {}
    }
    children.push(node);
}

fn plain_text(nodes: &[Node]) -> String {
    nodes
        .iter()
        .map(|n| match n {
            Node::Text { s } | Node::Waarde { s, .. } | Node::Code { s } => s.clone(),
            _ => String::new(),
        })
        .collect()
}

/// The words of inline content, its markup dropped (an image's alt text).
pub(super) fn words_of(nodes: &[Node]) -> String {
    nodes
        .iter()
        .map(|n| match n {
            Node::Text { s } | Node::Waarde { s, .. } | Node::Code { s } => s.clone(),
            Node::Strong { c }
            | Node::Emph { c }
            | Node::Strike { c }
            | Node::Super { c }
            | Node::Sub { c }
            | Node::Link { c, .. } => words_of(c),
            Node::Break => " ".into(),
            _ => String::new(),
        })
        .collect()
}

#[cfg(test)]
mod tests;
