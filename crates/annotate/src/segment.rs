//! Blocks, sentences, tokens and quotations.
//!
//! Blocks are lines. A short line without final punctuation is a heading
//! (context for what follows); a line the chrome list names is page
//! furniture. Sentences end at `.`, `!` or `?` (and any closing quotes or
//! brackets) before white space and a capital, digit or opening quote,
//! unless the word before the dot is an abbreviation or an initial.

use sitrep_core::{Block, BlockKind, Doc, Sentence, Span, Token};
use sitrep_lexicon::Lexicon;

/// Fills `doc.blocks`, `doc.sentences`, `doc.tokens` and `doc.quotes`.
pub fn segment(doc: &mut Doc, lex: &Lexicon) {
    let text = doc.text.as_str();
    let mut blocks = Vec::new();
    let mut pos = 0usize;
    for line in text.split_inclusive('\n') {
        let start = pos;
        pos += line.len();
        let trimmed = line.trim();
        if trimmed.is_empty() {
            continue;
        }
        let lead = line.len() - line.trim_start().len();
        let s = start + lead;
        let e = s + trimmed.len();
        // the first line is the title when the metadata says so, or when it reads as one
        // (no closing punctuation), however long
        let title_line = blocks.is_empty()
            && (doc
                .meta
                .title
                .as_deref()
                .is_some_and(|t| t.trim() == trimmed)
                || (trimmed.split_whitespace().count() <= 40
                    && !trimmed.ends_with(['.', '!', '?', ':', ';', ','])
                    && !trimmed.starts_with(char::is_lowercase)));
        let kind = if lex.is_chrome(trimmed) {
            BlockKind::Chrome
        } else if title_line {
            BlockKind::Title
        } else if is_heading(trimmed) {
            if blocks.is_empty() {
                BlockKind::Title
            } else {
                BlockKind::Heading
            }
        } else {
            BlockKind::Para
        };
        blocks.push(Block {
            span: Span::new(s, e),
            kind,
        });
    }
    let mut sentences = Vec::new();
    let mut tokens = Vec::new();
    for (bi, b) in blocks.iter().enumerate() {
        let spans = if b.kind == BlockKind::Para {
            split_sentences(text, b.span, lex)
        } else {
            vec![b.span]
        };
        for sp in spans {
            let t0 = tokens.len() as u32;
            tokenize(text, sp, &mut tokens);
            sentences.push(Sentence {
                span: sp,
                block: bi as u32,
                tok_start: t0,
                tok_end: tokens.len() as u32,
            });
        }
    }
    let quotes = find_quotes(text, &blocks);
    doc.blocks = blocks;
    doc.sentences = sentences;
    doc.tokens = tokens;
    doc.quotes = quotes;
}

/// A heading: at most six words, no final punctuation, not starting in lower case.
pub fn is_heading(line: &str) -> bool {
    let words = line.split_whitespace().count();
    let last = line.chars().last().unwrap_or('.');
    let first = line.chars().next().unwrap_or('a');
    words <= 6
        && !matches!(
            last,
            '.' | '!' | '?' | ':' | ';' | ',' | '"' | '”' | '’' | '\''
        )
        && !first.is_lowercase()
}

fn is_closer(c: char) -> bool {
    matches!(c, '"' | '”' | '’' | '\'' | ')' | ']' | '»')
}

fn is_opener(c: char) -> bool {
    matches!(c, '"' | '“' | '‘' | '\'' | '(' | '[' | '«')
}

fn split_sentences(text: &str, block: Span, lex: &Lexicon) -> Vec<Span> {
    let s = &text[block.s()..block.e()];
    let chars: Vec<(usize, char)> = s.char_indices().collect();
    let mut out = Vec::new();
    let mut start = 0usize;
    let mut i = 0;
    while i < chars.len() {
        let (at, c) = chars[i];
        if matches!(c, '.' | '!' | '?') {
            // extend over closing quotes / brackets
            let mut j = i + 1;
            while j < chars.len() && is_closer(chars[j].1) {
                j += 1;
            }
            // need white space then a sentence opener
            if j < chars.len() && chars[j].1.is_whitespace() {
                let mut k = j;
                while k < chars.len() && chars[k].1.is_whitespace() {
                    k += 1;
                }
                let opens = k < chars.len() && {
                    let n = chars[k].1;
                    n.is_uppercase() || n.is_ascii_digit() || is_opener(n)
                };
                if opens && !(c == '.' && is_abbreviation(s, at, lex)) {
                    let end = if j < chars.len() { chars[j].0 } else { s.len() };
                    push_trimmed(&mut out, block.s(), s, start, end);
                    start = chars[k].0;
                    i = k;
                    continue;
                }
            }
        }
        i += 1;
    }
    push_trimmed(&mut out, block.s(), s, start, s.len());
    out
}

fn push_trimmed(out: &mut Vec<Span>, base: usize, s: &str, start: usize, end: usize) {
    let piece = &s[start..end];
    let lead = piece.len() - piece.trim_start().len();
    let t = piece.trim();
    if !t.is_empty() {
        out.push(Span::new(
            base + start + lead,
            base + start + lead + t.len(),
        ));
    }
}

/// Is the word ending at the dot at `dot` an abbreviation or initial?
fn is_abbreviation(s: &str, dot: usize, lex: &Lexicon) -> bool {
    let before = &s[..dot];
    let word_start = before
        .rfind(|c: char| c.is_whitespace() || c == '(' || c == '"' || c == '“')
        .map_or(0, |i| {
            i + before[i..].chars().next().map_or(1, char::len_utf8)
        });
    let word = &before[word_start..];
    if word.is_empty() {
        return false;
    }
    // a single capital letter: an initial ("Joseph R. Biden")
    let letters: Vec<char> = word.chars().collect();
    if letters.len() == 1 && letters[0].is_uppercase() {
        return true;
    }
    lex.abbreviations.contains(word)
        || lex.abbreviations.contains(&word.to_lowercase())
        || (word.contains('.')
            && word.len() <= 6
            && word.chars().all(|c| c.is_alphabetic() || c == '.'))
}

/// Words (letters and digits, with inner `.`, `'`, `-`, `,` in numbers) and
/// single punctuation marks.
fn tokenize(text: &str, sp: Span, out: &mut Vec<Token>) {
    let s = &text[sp.s()..sp.e()];
    let chars: Vec<(usize, char)> = s.char_indices().collect();
    let mut i = 0;
    while i < chars.len() {
        let (at, c) = chars[i];
        if c.is_whitespace() {
            i += 1;
            continue;
        }
        if c.is_alphanumeric() {
            let mut j = i + 1;
            while j < chars.len() {
                let d = chars[j].1;
                if d.is_alphanumeric() {
                    j += 1;
                } else if matches!(d, '.' | '\'' | '’' | '-' | ',' | ':')
                    && j + 1 < chars.len()
                    && chars[j + 1].1.is_alphanumeric()
                {
                    // inner punctuation: U.S, Kata'ib, Iran-backed, 1,200, 9:30; a comma or colon only between digits
                    if matches!(d, ',' | ':')
                        && !(chars[j - 1].1.is_ascii_digit() && chars[j + 1].1.is_ascii_digit())
                    {
                        break;
                    }
                    j += 1;
                } else {
                    break;
                }
            }
            let end = if j < chars.len() { chars[j].0 } else { s.len() };
            out.push(Token {
                span: Span::new(sp.s() + at, sp.s() + end),
            });
            i = j;
        } else {
            out.push(Token {
                span: Span::new(sp.s() + at, sp.s() + at + c.len_utf8()),
            });
            i += 1;
        }
    }
}

/// Stretches between quotation marks, within a block; an unclosed quote
/// runs to the end of its block.
fn find_quotes(text: &str, blocks: &[Block]) -> Vec<Span> {
    let mut out = Vec::new();
    for b in blocks {
        let s = &text[b.span.s()..b.span.e()];
        let mut open: Option<usize> = None;
        let mut straight_open: Option<usize> = None;
        for (i, c) in s.char_indices() {
            match c {
                '“' => open = Some(i),
                '”' => {
                    let st = open.take().or(straight_open.take()).unwrap_or(0);
                    out.push(Span::new(b.span.s() + st, b.span.s() + i + c.len_utf8()));
                }
                '"' => match straight_open.take() {
                    Some(st) => out.push(Span::new(b.span.s() + st, b.span.s() + i + 1)),
                    None => {
                        if open.is_some() {
                            // a straight quote closing a curly one
                            let st = open.take().unwrap_or(0);
                            out.push(Span::new(b.span.s() + st, b.span.s() + i + 1));
                        } else {
                            straight_open = Some(i);
                        }
                    }
                },
                _ => {}
            }
        }
        if let Some(st) = open.or(straight_open) {
            out.push(Span::new(b.span.s() + st, b.span.e()));
        }
    }
    out.sort();
    out
}
