//! The event coder: turns an annotated [`Doc`] into event records.
//!
//! Coding runs in two steps.
//!
//! 1. [`frames`]: each sentence's triggers become mention frames, with the
//!    actors, targets, places, times, counts and weapons the sentence gives
//!    them. A sentence has at most one speech act (condemn, warn, call on)
//!    and acts named inside it ("called for a direct attack") are its
//!    content, not events. Negated and irrealis acts are dropped.
//! 2. [`assemble`]: frames become events in document order. A frame that
//!    points back at an event ("the strikes", "the attack was launched") or
//!    brings no facts of its own adds a source to the event it refers to;
//!    a frame about one place of a multi-place operation becomes a child
//!    event; the rest become events. Relative dates ("the week before")
//!    resolve against the event they are compared with, "local time"
//!    against the event's place.
//!
//! Every value in the record keeps its evidence (document and character
//! offsets); every event keeps the sentences it rests on.

mod assemble;
mod frames;

use sitrep_core::Doc;
use sitrep_core::record::Event;
use sitrep_lexicon::Lexicon;

pub use frames::Frame;

/// Codes the events of an annotated document.
pub fn code(doc: &Doc, lex: &Lexicon) -> Vec<Event> {
    let frames = frames::frames(doc, lex);
    assemble::assemble(doc, lex, frames)
}

/// Reads nothing, annotates and codes: the whole per-document pipeline.
pub fn process(doc: &mut Doc, lex: &Lexicon) -> Vec<Event> {
    sitrep_annotate::annotate(doc, lex);
    code(doc, lex)
}
