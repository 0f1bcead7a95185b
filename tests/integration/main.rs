//! The end-to-end tests, one binary (so Typst is linked once): the real
//! `missiedocs` binary on workbooks generated here, asserting on what a
//! user sees — text read back from the PDFs, messages on stderr, files in
//! the output folder.

mod archive;
mod authoring;
mod cli;
mod closed;
mod files;
mod hostile;
mod init;
mod letters;
mod lost;
mod made;
mod page;
mod pdf;
mod pictures;
mod problems;
mod properties;
mod recipients;
mod report;
mod scripts;
mod seal;
mod serve;
mod shards;
mod sitemaps;
mod support;
mod word;
