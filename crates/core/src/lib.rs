//! The data model at the centre of sitrep.
//!
//! A [`Doc`] owns the verbatim text of one report; everything else is a view
//! on it. Stages never rewrite the text: they add stand-off layers
//! (blocks, sentences, tokens, actor, place, time, count and trigger
//! mentions), each a list of spans into [`Doc::text`]. Spans count bytes in
//! memory; the event record counts characters, converted once by
//! [`CharIndex`].
//!
//! The output of the engine is the [`record::Event`], fixed by the gold
//! format (`shared/eval/GOLD.md`): fields may be added, never renamed or
//! dropped.
#![deny(missing_docs)]

pub mod annot;
pub mod doc;
pub mod fold;
pub mod record;

pub use annot::*;
pub use doc::{Block, BlockKind, CharIndex, Doc, Meta, Sentence, Span, Token};
pub use record::{Actor, Claim, Disagreement, Event, Location, Qualifier, Quantity, Source};
