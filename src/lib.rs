//! missiedocs turns spreadsheet data about missions, visits and their results
//! into the formal documents Dutch local government sends after them:
//! raadsinformatiebrieven, collegememo's and evaluation reports, as PDFs
//! typeset by Typst.
//!
//! The pipeline runs one way through these modules:
//! [`read`] → [`model`] → [`validate`] → [`assess`] (which problems stop
//! which document) → [`context`] / [`docdata`] (with [`text`], [`markdown`]
//! and, for reports, [`report`]) → [`world`] / [`render`] → [`output`],
//! driven by [`batch`] on the workers of [`pool`].

pub mod annex;
pub mod assess;
pub mod batch;
pub mod context;
pub mod docdata;
pub mod guard;
pub mod i18n;
pub mod init;
pub mod markdown;
pub mod model;
pub mod notation;
pub mod output;
pub mod pool;
pub mod problem;
pub mod read;
pub mod render;
pub mod report;
pub mod schema;
pub mod templates;
pub mod text;
pub mod validate;
pub mod watch;
pub mod woo;
pub mod world;
