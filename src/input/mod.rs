//! Input: a workbook (`spreadsheet/`) or a folder of CSV files ([`csv`])
//! becomes a [`Workbook`] of sheets and cells ([`workbook`]); the
//! [`schema`] says which sheets and columns the data contract has; values
//! are read in the Dutch [`notation`]s (what cannot be read at all is a
//! [`ReadError`]); and [`load()`] (row by row through
//! `rows.rs`) turns the sheets into the [`crate::model::Model`], with every
//! problem at its place. [`files`] knows the data folder and the files the
//! data names inside it; [`word`] reads texts written in Word or
//! LibreOffice; [`picture`] reads a picture completely before any
//! document uses it.

pub mod annex;
mod cells;
pub mod csv;
pub mod files;
pub mod limits;
pub mod load;
pub mod notation;
pub mod picture;
mod read;
mod read_error;
mod records;
mod rows;
pub mod schema;
mod sender;
mod spreadsheet;
pub mod watched;
pub mod word;
pub mod workbook;

pub use files::decode_text;
pub use load::load;
pub use read::read;
pub use read_error::ReadError;
pub use workbook::{Cell, Row, Sheet, Workbook};
