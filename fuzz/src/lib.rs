//! What the fuzz targets share: how a fuzz input becomes a [`Doc`], and the
//! annotators they run on it.
//!
//! Input format: the bytes before the first NUL are the publication date as
//! a reader would pass it on (any string: the annotators must survive a
//! malformed one), the bytes after it the report's text; an input without a
//! NUL is all text with no publication date. Both are decoded as lossy
//! UTF-8, so every byte string is a valid input and the seed corpus
//! (`build_corpus.py`) is plain text.

use sitrep_annotate::{Ctx, counts, segment, times};
use sitrep_core::fold::fold;
use sitrep_core::{Doc, Meta};
use sitrep_lexicon::{Gazetteer, Lexicon, embedded_files};
use std::sync::OnceLock;

/// The document a fuzz input stands for.
pub fn doc_from(data: &[u8]) -> Doc {
    let (published, text) = match data.iter().position(|&b| b == 0) {
        Some(i) => (
            Some(String::from_utf8_lossy(&data[..i]).into_owned()),
            &data[i + 1..],
        ),
        None => (None, data),
    };
    let meta = Meta {
        published,
        ..Meta::default()
    };
    Doc::new("fuzz", String::from_utf8_lossy(text).into_owned(), meta)
}

/// The embedded lexicon without the actor dictionaries (neither parser reads
/// them, and building them under the sanitizer would dominate every
/// fuzzing job); the gazetteer is the compiled one, read in place.
pub fn lexicon() -> &'static Lexicon {
    static LEX: OnceLock<Lexicon> = OnceLock::new();
    LEX.get_or_init(|| {
        let mut files = embedded_files();
        files.actor_orgs = "";
        files.actor_agents = "";
        files.actor_people = "";
        Lexicon::build(&files, Gazetteer::embedded())
    })
}

/// Runs the annotators the time and count parsers need: segmentation, then
/// times, then (when `with_counts`) counts, which skip numbers inside time
/// expressions. Actors, places and triggers are not read by either parser,
/// so they are left out to keep executions fast.
pub fn annotate(doc: &mut Doc, with_counts: bool) {
    let lex = lexicon();
    segment::segment(doc, lex);
    let ctx = Ctx {
        lex,
        folded: fold(&doc.text),
        lower: sitrep_annotate::lower_in_place(&doc.text),
    };
    times::find_times(doc, &ctx);
    if with_counts {
        counts::find_counts(doc, &ctx);
    }
}
