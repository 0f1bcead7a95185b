//! Document ids: each a safe, portable file name, and each once — also
//! where only capitals differ, since Windows and macOS see one file.

use std::collections::BTreeMap;

use crate::lang::Words;
use crate::model::problem::{Problem, Scope};
use crate::model::{Document, Model};

/// The ids seen so far, by their lower case: the row and the id as written.
#[derive(Default)]
pub(super) struct Ids(BTreeMap<String, (usize, String)>);

impl Ids {
    /// The problems of a row's id.
    pub(super) fn check(&mut self, model: &Model, doc: &Document) -> Vec<Problem> {
        let seen_docs = &mut self.0;
        let doc_loc = |doc: &Document, column: &str| model.location("documenten", doc.line, column);
        let mut problems = Vec::new();
        let id = doc.row_id.as_ref().unwrap_or(&doc.document);
        let scope = Scope::Document(doc.line);
        if id.is_empty() {
            // Reported by the loader: `document` is required.
        } else if let Some(why) = unsafe_file_name(id) {
            problems.push(Problem::new(doc_loc(doc, "document"), why, scope.clone()).value(id.clone()).hint(
                crate::say!(
                    "gebruik letters, cijfers, `-`, `_` en `.`; het id wordt de bestandsnaam",
                    "use letters, digits, `-`, `_` and `.`; the id becomes the file name"
                ),
            ));
        }
        // Ids that differ only in capitals name one file on Windows and macOS.
        if let Some((first, first_id)) =
            seen_docs.insert(id.to_lowercase(), (doc.line, id.clone())).filter(|_| !id.is_empty())
        {
            let message = match first_id == *id {
                true => crate::say!(
                    "document `{}` komt ook voor in rij {first}",
                    "document `{}` also occurs in row {first}",
                    id
                ),
                false => crate::say!(
                    "document `{}` komt ook voor in rij {first}, als `{first_id}`: alleen hoofdletters verschillen, \
                         en op Windows en macOS is dat één bestand",
                    "document `{}` also occurs in row {first}, as `{first_id}`: only capitals differ, and on Windows \
                         and macOS that is one file",
                    id
                ),
            };
            problems.push(Problem::new(doc_loc(doc, "document"), message, scope.clone()).value(id.clone()).hint(
                crate::say!(
                    "elk document heeft een eigen id; het id wordt de bestandsnaam",
                    "every document has its own id; the id becomes the file name"
                ),
            ));
        }
        problems
    }
}

/// Why a document id is no safe, portable file name, if it is not.
///
/// ```
/// use missiedocs::check::unsafe_file_name;
/// use missiedocs::lang::Lang;
/// assert!(unsafe_file_name("rib-2022-17761").is_none());
/// assert!(unsafe_file_name("../../x").is_some());
/// let why = unsafe_file_name("CON").unwrap();
/// assert_eq!(why.get(Lang::En), "`CON` is a reserved file name");
/// ```
pub fn unsafe_file_name(id: &str) -> Option<Words> {
    const RESERVED: [&str; 22] = [
        "con", "prn", "aux", "nul", "com1", "com2", "com3", "com4", "com5", "com6", "com7", "com8", "com9", "lpt1",
        "lpt2", "lpt3", "lpt4", "lpt5", "lpt6", "lpt7", "lpt8", "lpt9",
    ];
    if id.is_empty() {
        Some(crate::say!("het document-id is leeg", "the document id is empty"))
    } else if id.chars().count() > 120 {
        Some(crate::say!("het document-id is langer dan 120 tekens", "the document id is longer than 120 characters"))
    } else if let Some(c) = id.chars().find(|c| !(c.is_alphanumeric() || matches!(c, '-' | '_' | '.' | ' '))) {
        Some(crate::say!(
            "het document-id bevat het teken `{c}`, dat niet in een bestandsnaam mag",
            "the document id holds the character `{c}`, which a file name may not"
        ))
    } else if id.starts_with(['.', ' ']) || id.ends_with(['.', ' ']) {
        Some(crate::say!(
            "een document-id begint of eindigt niet met een punt of spatie",
            "a document id does not start or end with a dot or space"
        ))
    } else if RESERVED.contains(&id.split('.').next().unwrap_or("").to_lowercase().as_str()) {
        Some(crate::say!("`{id}` is een gereserveerde bestandsnaam", "`{id}` is a reserved file name"))
    } else if id.eq_ignore_ascii_case("manifest") {
        Some(crate::say!("`manifest` is gereserveerd voor manifest.json", "`manifest` is reserved for manifest.json"))
    } else {
        None
    }
}
