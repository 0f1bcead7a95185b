//! What kind of document a template makes: the one notion that decides the
//! layout's defaults (addressee, salutation), the words printed (the kind's
//! name, a province's variant), whether report parts are made, and the Woo
//! category and document type.
//!
//! A template declares its kind in a comment on one of its first lines,
//! `// soort: collegememo`; a template that declares nothing gets the kind
//! its name suggests (`evaluatie…` a report, `…memo…` a memo, else a
//! letter to the council).

use serde::Serialize;

/// A kind of document.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum DocumentKind {
    /// A council information letter (a province's *Statenbrief*).
    Raadsinformatiebrief,
    /// A memo to the executive board (*college van B en W*, a province's
    /// *Gedeputeerde Staten*).
    Collegememo,
    /// The standard evaluation report of a relationship over a period.
    Evaluatie,
    /// An outgoing letter (*uitgaande brief*) to a person or organisation:
    /// their address block, a personal salutation.
    Brief,
}

/// The page a kind is set on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Layout {
    /// A letter: side column, envelope window, salutation, closing.
    Letter,
    /// A memo: the letter's page without envelope parts, a header block.
    Memo,
    /// A report: cover, contents, chapters, appendices.
    Report,
}

/// How the Woo classifies a kind of document.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct WooClass {
    /// The information category when the row names none (its label).
    pub categorie: &'static str,
    /// The document type: TOOI label and code.
    pub soort: (&'static str, &'static str),
}

/// How many lines from the top of a template a declaration may stand.
const DECLARATION_LINES: usize = 10;

impl DocumentKind {
    /// Every kind, in the order help texts list them.
    pub const ALL: [DocumentKind; 4] =
        [DocumentKind::Raadsinformatiebrief, DocumentKind::Collegememo, DocumentKind::Evaluatie, DocumentKind::Brief];

    /// The word a template declares (`// soort: evaluatie`).
    pub fn name(self) -> &'static str {
        match self {
            DocumentKind::Raadsinformatiebrief => "raadsinformatiebrief",
            DocumentKind::Collegememo => "collegememo",
            DocumentKind::Evaluatie => "evaluatie",
            DocumentKind::Brief => "brief",
        }
    }

    /// Reads a declared kind, in any case.
    pub fn parse(word: &str) -> Option<DocumentKind> {
        let word = word.trim().to_lowercase();
        DocumentKind::ALL.into_iter().find(|k| k.name() == word)
    }

    /// The kind a template's name suggests.
    ///
    /// ```
    /// use missiedocs::model::DocumentKind;
    /// assert_eq!(DocumentKind::from_name("evaluatie-provincie"), DocumentKind::Evaluatie);
    /// assert_eq!(DocumentKind::from_name("memo-wethouder"), DocumentKind::Collegememo);
    /// assert_eq!(DocumentKind::from_name("rib-huisstijl"), DocumentKind::Raadsinformatiebrief);
    /// assert_eq!(DocumentKind::from_name("brief-engels"), DocumentKind::Brief);
    /// ```
    pub fn from_name(template: &str) -> DocumentKind {
        let name = template.to_lowercase();
        if name.starts_with("evaluatie") {
            DocumentKind::Evaluatie
        } else if name == "brief" || name.starts_with("brief-") || name.starts_with("brief_") {
            DocumentKind::Brief
        } else if name.contains("memo") {
            DocumentKind::Collegememo
        } else {
            DocumentKind::Raadsinformatiebrief
        }
    }

    /// The kind a template's source declares, if it declares one: the word
    /// after `// soort:` on one of its first lines, as written.
    ///
    /// ```
    /// use missiedocs::model::DocumentKind;
    /// assert_eq!(DocumentKind::declared("// Eigen memo\n// soort: collegememo\n"), Some("collegememo"));
    /// assert_eq!(DocumentKind::declared("#import \"lib/brief.typ\": brief\n"), None);
    /// ```
    pub fn declared(source: &str) -> Option<&str> {
        source.lines().take(DECLARATION_LINES).find_map(|line| {
            let comment = line.trim().strip_prefix("//")?.trim();
            let (key, value) = comment.split_once(':')?;
            key.trim().eq_ignore_ascii_case("soort").then(|| value.trim())
        })
    }

    /// Whether documents of this kind are evaluation reports (cover,
    /// contents, generated parts, appendices).
    pub fn is_report(self) -> bool {
        self.layout() == Layout::Report
    }

    /// The page a document of this kind is set on.
    pub fn layout(self) -> Layout {
        match self {
            DocumentKind::Raadsinformatiebrief | DocumentKind::Brief => Layout::Letter,
            DocumentKind::Collegememo => Layout::Memo,
            DocumentKind::Evaluatie => Layout::Report,
        }
    }

    /// Whether a document of this kind is addressed to one person or
    /// organisation (`aan`, or a member of its mission), who is its
    /// `ontvanger` and must be named.
    pub fn addressed_to_one(self) -> bool {
        match self {
            DocumentKind::Brief => true,
            DocumentKind::Raadsinformatiebrief | DocumentKind::Collegememo | DocumentKind::Evaluatie => false,
        }
    }

    /// How the Woo classifies a document of this kind: the information
    /// category when the row names none, and the document type (TOOI
    /// label and code).
    pub fn woo(self) -> WooClass {
        let (categorie, soort) = match self {
            DocumentKind::Evaluatie => ("onderzoeksrapporten", ("evaluatierapport", "c_38ba44de")),
            // A memo and an outgoing letter are published of the
            // organisation's own accord.
            DocumentKind::Collegememo => ("inspanningsverplichting art 3.1 Woo", ("vergaderstuk", "c_7f9dffa7")),
            DocumentKind::Brief => ("inspanningsverplichting art 3.1 Woo", ("brief", "c_7652d853")),
            DocumentKind::Raadsinformatiebrief => {
                ("bij vertegenwoordigende organen ingekomen stukken", ("brief", "c_7652d853"))
            }
        };
        WooClass { categorie, soort }
    }

    /// The declaration words, for a hint: `raadsinformatiebrief, collegememo, evaluatie, brief`.
    pub fn names() -> String {
        DocumentKind::ALL.map(DocumentKind::name).join(", ")
    }
}
