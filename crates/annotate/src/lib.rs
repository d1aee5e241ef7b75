//! Annotators: each adds one layer to a [`Doc`].
//!
//! The pipeline is a fixed sequence, each stage reading the layers before
//! it: [`segment`] (blocks, sentences, tokens, quotes) → triggers and
//! weapons → actors → places → times → counts. No stage does I/O or
//! rewrites the text; everything is a span plus the value read from it.
//!
//! The folded text ([`sitrep_core::fold::Folded`]) is computed once per
//! document and shared by the dictionary matchers through [`Ctx`].

pub mod actors;
pub mod counts;
pub mod invariants;
pub mod places;
pub mod segment;
pub mod times;
pub mod triggers;

use sitrep_core::Doc;
use sitrep_core::Span;
use sitrep_core::fold::{Folded, fold};
use sitrep_lexicon::{Hit, Lexicon};

/// Shared per-document state: the folded text, and the text in lower case.
pub struct Ctx<'a> {
    /// The lexicon.
    pub lex: &'a Lexicon,
    /// The document text folded, with its map.
    pub folded: Folded,
    /// The document text in lower case, byte for byte at the same offsets
    /// (a letter whose lower case is longer is left as it is).
    pub lower: String,
}

/// `text` in lower case with every character at its own byte offsets.
pub fn lower_in_place(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        let mut l = c.to_lowercase();
        match (l.next(), l.next()) {
            (Some(x), None) if x.len_utf8() == c.len_utf8() => out.push(x),
            _ => out.push(c),
        }
    }
    out
}

impl Ctx<'_> {
    /// Original span of a dictionary hit in the folded text.
    pub fn span_of<T>(&self, doc: &Doc, h: &Hit<T>) -> Span {
        let (s, e) = self.folded.orig_span(&doc.text, h.start, h.end);
        Span::new(s, e)
    }
    /// Folded byte offset of an original byte offset (first folded byte at or after it).
    pub fn folded_pos(&self, orig: usize) -> usize {
        self.folded.orig.partition_point(|&o| (o as usize) < orig)
    }
    /// The folded text of an original span.
    pub fn folded_slice(&self, span: Span) -> &str {
        let a = self.folded_pos(span.s());
        let b = self.folded_pos(span.e());
        &self.folded.text[a.min(b)..b]
    }
}

/// A token of a sentence with its lower-case form: the view the number and
/// time parsers walk.
pub(crate) struct Word<'a> {
    pub text: &'a str,
    pub low: &'a str,
    pub span: Span,
}

impl Word<'_> {
    /// Is the lower-case form exactly `w`?
    pub fn is(&self, w: &str) -> bool {
        self.low == w
    }
}

/// The words of one sentence.
pub(crate) fn words<'a>(doc: &'a Doc, ctx: &'a Ctx, s: &sitrep_core::Sentence) -> Vec<Word<'a>> {
    doc.tokens[s.tok_start as usize..s.tok_end as usize]
        .iter()
        .map(|t| {
            let text = doc.slice(t.span);
            let low = &ctx.lower[t.span.s()..t.span.e()];
            // "Today's action": the possessive is not part of the word
            let low = low
                .strip_suffix("'s")
                .or_else(|| low.strip_suffix("’s"))
                .filter(|b| !b.is_empty())
                .unwrap_or(low);
            Word {
                text,
                low,
                span: t.span,
            }
        })
        .collect()
}

/// Runs every annotator on `doc`.
pub fn annotate(doc: &mut Doc, lex: &Lexicon) {
    segment::segment(doc, lex);
    let ctx = Ctx {
        lex,
        folded: fold(&doc.text),
        lower: lower_in_place(&doc.text),
    };
    triggers::find_weapons(doc, &ctx);
    triggers::find_triggers(doc, &ctx);
    actors::find_actors(doc, &ctx);
    places::find_places(doc, &ctx);
    times::find_times(doc, &ctx);
    counts::find_counts(doc, &ctx);
}
