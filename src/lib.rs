//! missiedocs turns spreadsheet data about missions, visits and their results
//! into the formal documents Dutch local government sends after them:
//! raadsinformatiebrieven, collegememo's and evaluation reports, as PDFs
//! typeset by Typst.
//!
//! The pipeline runs one way, a folder per stage, each using only the ones
//! before it:
//!
//! 1. [`input`] — files become sheets of cells, and cells become the
//!    [`model`], every unreadable value kept as a problem with its place;
//! 2. [`document`] — a document's context, its texts filled in, the report
//!    parts, the words of its kind: everything a template prints;
//! 3. [`typeset`] — Typst compiles the template with that data into a PDF;
//! 4. [`output`] — annexes merged, Woo metadata, a document made in memory
//!    written atomically, the manifest;
//! 5. [`check`] — validation across rows and files (one rule a file), what
//!    must fit on a letter's page, and which problems stop which document.
//!
//! [`batch`] prepares a run (read, load, check) and makes every selected
//! document in memory on its own workers, then writes it; [`cli`] is the
//! command line around it, and [`serve`] the web page and API that make
//! documents with the same `make`, in memory. [`lang`] holds the one
//! way words are chosen by language.

pub mod batch;
pub mod check;
pub mod cli;
pub mod document;
pub mod error;
pub mod guard;
pub mod input;
pub mod lang;
pub mod model;
pub mod output;
pub mod serve;
pub mod share;
pub mod typeset;
