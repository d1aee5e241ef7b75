//! Phrase dictionaries compiled into one Aho-Corasick automaton each.

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, AhoCorasickKind, MatchKind};

/// Dictionaries up to this many phrases are compiled to a DFA.
const DFA_MAX: usize = 5_000;

/// A dictionary of folded phrases with a payload each, matched
/// leftmost-longest at word boundaries.
///
/// With `Sam` and `Samwise` both present, "Samwise said" matches `Samwise`
/// only: the longest entry starting at the leftmost position wins, so
/// "United States Department of the Treasury" is one match, not three.
pub struct Dict<T> {
    ac: Option<AhoCorasick>,
    payloads: Vec<T>,
    patterns: Vec<String>,
    /// Exact phrase → entry, for [`Dict::get`] (a hash probe, not a scan).
    exact: rustc_hash::FxHashMap<String, usize>,
}

/// A match in folded text.
#[derive(Clone, Copy, Debug)]
pub struct Hit<'a, T> {
    /// Start byte in the folded text.
    pub start: usize,
    /// End byte in the folded text.
    pub end: usize,
    /// What the dictionary says about the phrase.
    pub payload: &'a T,
    /// Index of the entry (provenance).
    pub index: usize,
}

fn is_word(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b >= 0x80
}

impl<T> Dict<T> {
    /// Builds from folded phrases; a phrase given twice keeps its first payload.
    pub fn build(entries: Vec<(String, T)>) -> Dict<T> {
        let mut seen = std::collections::HashSet::new();
        let mut payloads = Vec::new();
        let mut patterns = Vec::new();
        for (p, t) in entries {
            let p = p.trim().to_string();
            if p.is_empty() || !seen.insert(p.clone()) {
                continue;
            }
            patterns.push(p);
            payloads.push(t);
        }
        let ac = (!patterns.is_empty()).then(|| {
            // a full DFA scans fastest; it is worth its memory for the small
            // dictionaries (triggers, cues, numbers, weapons), not the actors
            let kind = (patterns.len() <= DFA_MAX).then_some(AhoCorasickKind::DFA);
            AhoCorasickBuilder::new()
                .match_kind(MatchKind::LeftmostLongest)
                .kind(kind)
                .build(&patterns)
                .expect("dictionary automaton builds")
        });
        let exact = patterns
            .iter()
            .enumerate()
            .map(|(i, p)| (p.clone(), i))
            .collect();
        Dict {
            ac,
            payloads,
            patterns,
            exact,
        }
    }

    /// Number of phrases.
    pub fn len(&self) -> usize {
        self.patterns.len()
    }

    /// True when empty.
    pub fn is_empty(&self) -> bool {
        self.patterns.is_empty()
    }

    /// The payload of an exact folded phrase.
    pub fn get(&self, folded: &str) -> Option<&T> {
        self.exact.get(folded).map(|&i| &self.payloads[i])
    }

    /// All matches in `folded` that start and end at word boundaries.
    pub fn find<'a>(&'a self, folded: &'a str) -> impl Iterator<Item = Hit<'a, T>> + 'a {
        let bytes = folded.as_bytes();
        self.ac
            .iter()
            .flat_map(move |ac| ac.find_iter(folded))
            .filter_map(move |m| {
                let (s, e) = (m.start(), m.end());
                let left_ok = s == 0 || !is_word(bytes[s - 1]) || !is_word(bytes[s]);
                let right_ok = e == bytes.len() || !is_word(bytes[e]) || !is_word(bytes[e - 1]);
                (left_ok && right_ok).then(|| Hit {
                    start: s,
                    end: e,
                    payload: &self.payloads[m.pattern().as_usize()],
                    index: m.pattern().as_usize(),
                })
            })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn longest_match_at_word_boundaries() {
        let d = Dict::build(vec![
            ("iran".to_string(), 1),
            ("iranian".to_string(), 2),
            ("us".to_string(), 3),
            ("united states".to_string(), 4),
        ]);
        let hits: Vec<_> = d
            .find("iranian forces hit us bases, said the united states")
            .map(|h| *h.payload)
            .collect();
        assert_eq!(hits, [2, 3, 4]);
        let hits: Vec<_> = d.find("business").map(|h| *h.payload).collect();
        assert!(hits.is_empty());
        assert_eq!(d.get("iran"), Some(&1));
        assert_eq!(d.get("iran x"), None);
    }
}
