//! Documents, spans and the structural layers (blocks, sentences, tokens).

use serde::{Deserialize, Serialize};

/// A half-open byte range `start..end` into [`Doc::text`].
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
)]
pub struct Span {
    /// First byte.
    pub start: u32,
    /// One past the last byte.
    pub end: u32,
}

impl Span {
    /// A span from `usize` bounds.
    pub fn new(start: usize, end: usize) -> Span {
        Span {
            start: start as u32,
            end: end as u32,
        }
    }
    /// The first byte as `usize`.
    pub fn s(self) -> usize {
        self.start as usize
    }
    /// One past the last byte as `usize`.
    pub fn e(self) -> usize {
        self.end as usize
    }
    /// Length in bytes.
    pub fn len(self) -> usize {
        (self.end - self.start) as usize
    }
    /// True when the span covers nothing.
    pub fn is_empty(self) -> bool {
        self.end <= self.start
    }
    /// True when `other` lies inside `self`.
    pub fn contains(self, other: Span) -> bool {
        self.start <= other.start && other.end <= self.end
    }
    /// True when the two spans share at least one byte.
    pub fn overlaps(self, other: Span) -> bool {
        self.start < other.end && other.start < self.end
    }
}

/// Metadata of a report, as far as the reader could find it.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Meta {
    /// Title of the report.
    pub title: Option<String>,
    /// Who published it.
    pub publisher: Option<String>,
    /// Where it was published.
    pub url: Option<String>,
    /// Publication date `YYYY-MM-DD` (a full timestamp is cut to its day).
    pub published: Option<String>,
    /// The path or stream the report was read from.
    pub origin: Option<String>,
}

/// What a block (a line or paragraph of the text) is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum BlockKind {
    /// Running text.
    Para,
    /// A short stand-alone line: a section heading that later stages use
    /// as context ("Iran", "7 February").
    Heading,
    /// The report's title line.
    Title,
    /// Page furniture ("Leave a comment", "Main article: ..."): kept in the
    /// text, skipped by the coder.
    Chrome,
}

/// A block of text: one line of the report.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Block {
    /// Where it is.
    pub span: Span,
    /// What it is.
    pub kind: BlockKind,
}

/// A sentence.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Sentence {
    /// Where it is (trimmed of surrounding white space).
    pub span: Span,
    /// Index of its block in [`Doc::blocks`].
    pub block: u32,
    /// First token index in [`Doc::tokens`].
    pub tok_start: u32,
    /// One past the last token index.
    pub tok_end: u32,
}

/// A token: a word, number or punctuation mark.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Token {
    /// Where it is.
    pub span: Span,
}

/// One report and its annotation layers.
#[derive(Clone, Debug, Default)]
pub struct Doc {
    /// Document id: the file stem, or the `id` a JSON line or feed item gives.
    pub id: String,
    /// The verbatim text every span points into.
    pub text: String,
    /// Metadata.
    pub meta: Meta,
    /// Lines of text, with headings and chrome marked.
    pub blocks: Vec<Block>,
    /// Sentences, in text order.
    pub sentences: Vec<Sentence>,
    /// Tokens, in text order.
    pub tokens: Vec<Token>,
    /// Actor mentions.
    pub actors: Vec<crate::ActorMention>,
    /// Place mentions.
    pub places: Vec<crate::PlaceMention>,
    /// Time expressions.
    pub times: Vec<crate::TimeMention>,
    /// Counted quantities.
    pub counts: Vec<crate::CountMention>,
    /// Event triggers.
    pub triggers: Vec<crate::TriggerMention>,
    /// Weapon mentions.
    pub weapons: Vec<crate::WeaponMention>,
    /// Quoted stretches of text (between quotation marks).
    pub quotes: Vec<Span>,
}

impl Doc {
    /// A document with no layers yet.
    pub fn new(id: impl Into<String>, text: impl Into<String>, meta: Meta) -> Doc {
        Doc {
            id: id.into(),
            text: text.into(),
            meta,
            ..Doc::default()
        }
    }

    /// The text of a span.
    pub fn slice(&self, span: Span) -> &str {
        &self.text[span.s()..span.e()]
    }

    /// Index of the sentence containing byte `pos`.
    pub fn sentence_at(&self, pos: u32) -> Option<usize> {
        let i = self.sentences.partition_point(|s| s.span.end <= pos);
        (i < self.sentences.len() && self.sentences[i].span.start <= pos).then_some(i)
    }

    /// Is this span inside quotation marks?
    pub fn in_quote(&self, span: Span) -> bool {
        self.quotes.iter().any(|q| q.contains(span))
    }
}

/// Converts byte offsets to character offsets (Unicode scalar values), the
/// unit of the event record's `start`/`end`.
pub struct CharIndex {
    /// For every byte offset at a char boundary, the char offset; built lazily
    /// only for non-ASCII text.
    table: Option<Vec<u32>>,
}

impl CharIndex {
    /// Index for `text`, one linear pass.
    pub fn new(text: &str) -> CharIndex {
        if text.is_ascii() {
            return CharIndex { table: None };
        }
        let mut table = vec![0u32; text.len() + 1];
        let mut n = 0u32;
        for (b, _) in text.char_indices() {
            table[b] = n;
            n += 1;
        }
        table[text.len()] = n;
        CharIndex { table: Some(table) }
    }

    /// Character offset of byte offset `byte` (which must be a char boundary).
    pub fn char_of(&self, byte: usize) -> usize {
        match &self.table {
            None => byte,
            Some(t) => t[byte] as usize,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn char_index_counts_scalar_values() {
        let text = "Radosław said “no”.";
        let ix = CharIndex::new(text);
        let b = text.find('“').unwrap();
        assert_eq!(ix.char_of(b), text[..b].chars().count());
        assert_eq!(ix.char_of(text.len()), text.chars().count());
    }

    #[test]
    fn sentence_at_finds_containing_sentence() {
        let mut d = Doc::new("d", "One. Two.", Meta::default());
        d.sentences = vec![
            Sentence {
                span: Span::new(0, 4),
                block: 0,
                tok_start: 0,
                tok_end: 0,
            },
            Sentence {
                span: Span::new(5, 9),
                block: 0,
                tok_start: 0,
                tok_end: 0,
            },
        ];
        assert_eq!(d.sentence_at(6), Some(1));
        assert_eq!(d.sentence_at(4), None);
    }
}
