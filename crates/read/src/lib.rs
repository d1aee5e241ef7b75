//! Readers: turn files, streams and feeds into [`Doc`]s.
//!
//! Every reader keeps the text it hands on verbatim: the document text is
//! what later stages annotate and what source offsets point into. The
//! format is chosen by content first and by extension second, so a feed
//! saved as `.txt` is still read as a feed.
//!
//! A batch survives bad input: [`read_paths`] returns one [`Outcome`] per
//! document or per failure, in a stable order, and never stops early.
//!
//! ```
//! let out = sitrep_read::read_bytes("note.txt", b"Rebels shelled the town.", &Default::default());
//! let doc = out[0].as_ref().unwrap();
//! assert_eq!(doc.id, "note");
//! ```
#![deny(missing_docs)]

mod feed;
mod html;
mod jsonl;

use sitrep_core::{Doc, Meta};
use std::path::{Path, PathBuf};

pub use html::html_to_doc;

/// Options shared by all readers.
#[derive(Clone, Debug)]
pub struct ReadOptions {
    /// Publication date for plain files that have no metadata of their own.
    pub published: Option<String>,
    /// Publisher for plain files that have no metadata of their own.
    pub publisher: Option<String>,
    /// Largest input accepted, in bytes.
    pub max_bytes: usize,
}

impl Default for ReadOptions {
    fn default() -> Self {
        ReadOptions {
            published: None,
            publisher: None,
            max_bytes: 256 << 20,
        }
    }
}

/// Why an input could not be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{origin}: {reason}")]
pub struct ReadError {
    /// The path (with a line or item number where it applies).
    pub origin: String,
    /// What is wrong, in words.
    pub reason: String,
}

impl ReadError {
    fn new(origin: impl Into<String>, reason: impl Into<String>) -> ReadError {
        ReadError {
            origin: origin.into(),
            reason: reason.into(),
        }
    }
}

/// One document read, or one failure.
pub type Outcome = Result<Doc, ReadError>;

/// The formats sitrep reads.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// Plain text.
    Text,
    /// An HTML page.
    Html,
    /// JSON Lines, one report a line.
    Jsonl,
    /// RSS 2.0 or Atom.
    Feed,
}

/// Guesses the format from the content, falling back on the extension.
pub fn detect(name: &str, bytes: &[u8]) -> Format {
    let head = &bytes[..bytes.len().min(4096)];
    let head = String::from_utf8_lossy(head);
    let t = head.trim_start_matches('\u{feff}').trim_start();
    let lower: String = t.chars().take(512).collect::<String>().to_ascii_lowercase();
    if lower.starts_with("<rss") || lower.starts_with("<feed") || lower.starts_with("<rdf") {
        return Format::Feed;
    }
    if lower.starts_with("<?xml") {
        if lower.contains("<rss") || lower.contains("<feed") || lower.contains("<rdf") {
            return Format::Feed;
        }
        if lower.contains("<html") {
            return Format::Html;
        }
    }
    if lower.starts_with("<!doctype html")
        || lower.starts_with("<html")
        || lower.starts_with("<head")
        || lower.starts_with("<body")
    {
        return Format::Html;
    }
    if t.starts_with('{') {
        let first = t.lines().next().unwrap_or("");
        if serde_json::from_str::<serde_json::Value>(first).is_ok() || ext(name) == "jsonl" {
            return Format::Jsonl;
        }
    }
    match ext(name).as_str() {
        "html" | "htm" | "xhtml" => Format::Html,
        "jsonl" | "ndjson" => Format::Jsonl,
        "rss" | "atom" | "xml" => Format::Feed,
        _ => Format::Text,
    }
}

fn ext(name: &str) -> String {
    Path::new(name)
        .extension()
        .and_then(|e| e.to_str())
        .unwrap_or("")
        .to_ascii_lowercase()
}

/// The document id of a file: its name without the extension.
pub fn stem(name: &str) -> String {
    let p = Path::new(name);
    p.file_stem()
        .and_then(|s| s.to_str())
        .unwrap_or(name)
        .to_string()
}

/// Checks that bytes are text: no NUL bytes, valid UTF-8 (a leading BOM is
/// dropped). The error names the first bad byte.
pub fn as_text<'a>(origin: &str, bytes: &'a [u8]) -> Result<&'a str, ReadError> {
    if let Some(i) = memchr_nul(bytes) {
        return Err(ReadError::new(
            origin,
            format!("binary data (NUL byte at offset {i}), not a report"),
        ));
    }
    match std::str::from_utf8(bytes) {
        Ok(s) => Ok(s.strip_prefix('\u{feff}').unwrap_or(s)),
        Err(e) => Err(ReadError::new(
            origin,
            format!("invalid UTF-8 at byte {}", e.valid_up_to()),
        )),
    }
}

fn memchr_nul(bytes: &[u8]) -> Option<usize> {
    bytes.iter().position(|&b| b == 0)
}

/// Normalises a publication date to `YYYY-MM-DD`: ISO 8601 / RFC 3339
/// timestamps and RFC 2822 dates ("Fri, 02 Feb 2024 10:00:00 GMT").
pub fn normalize_published(s: &str) -> Option<String> {
    let s = s.trim();
    if let Some(d) = sitrep_core::Day::parse(s) {
        return Some(d.iso());
    }
    // RFC 2822: [Wkd, ]DD Mon YYYY
    let rest = s.split_once(',').map_or(s, |(_, r)| r).trim();
    let mut it = rest.split_whitespace();
    let d: u8 = it.next()?.parse().ok()?;
    let mon = it.next()?.to_ascii_lowercase();
    let m = [
        "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
    ]
    .iter()
    .position(|x| mon.starts_with(x))? as u8
        + 1;
    let y: i16 = it.next()?.parse().ok()?;
    (1..=31)
        .contains(&d)
        .then(|| sitrep_core::Day { y, m, d }.iso())
}

/// Reads one named input held in memory. `name` gives the document id and,
/// with the content, the format.
pub fn read_bytes(name: &str, bytes: &[u8], opts: &ReadOptions) -> Vec<Outcome> {
    if bytes.len() > opts.max_bytes {
        return vec![Err(ReadError::new(
            name,
            format!(
                "too large: {} bytes, the limit is {}",
                bytes.len(),
                opts.max_bytes
            ),
        ))];
    }
    match detect(name, bytes) {
        Format::Jsonl => jsonl::read(name, bytes, opts),
        Format::Feed => feed::read(name, bytes),
        fmt => {
            let text = match as_text(name, bytes) {
                Ok(t) => t,
                Err(e) => return vec![Err(e)],
            };
            if text.trim().is_empty() {
                return vec![Err(ReadError::new(name, "empty: no text to read"))];
            }
            let meta = Meta {
                published: opts.published.as_deref().and_then(normalize_published),
                publisher: opts.publisher.clone(),
                origin: Some(name.to_string()),
                ..Meta::default()
            };
            if fmt == Format::Html {
                vec![html_to_doc(&stem(name), text, meta)]
            } else {
                vec![Ok(Doc::new(stem(name), text, meta))]
            }
        }
    }
}

/// Metadata from a sidecar `NAME.meta.json`, when there is one.
fn sidecar(path: &Path) -> Result<Option<Meta>, ReadError> {
    let Some(stem) = path.file_stem().and_then(|s| s.to_str()) else {
        return Ok(None);
    };
    let side = path.with_file_name(format!("{stem}.meta.json"));
    if !side.is_file() {
        return Ok(None);
    }
    let origin = side.display().to_string();
    let bytes = std::fs::read(&side).map_err(|e| ReadError::new(&origin, e.to_string()))?;
    let v: serde_json::Value = serde_json::from_slice(&bytes)
        .map_err(|e| ReadError::new(&origin, format!("not JSON: {e}")))?;
    let get = |k: &str| v.get(k).and_then(|x| x.as_str()).map(str::to_string);
    Ok(Some(Meta {
        title: get("title"),
        publisher: get("publisher"),
        url: get("url"),
        published: get("published").as_deref().and_then(normalize_published),
        origin: None,
    }))
}

/// Reads a file, applying its sidecar metadata to plain and HTML reports.
pub fn read_file(path: &Path, opts: &ReadOptions) -> Vec<Outcome> {
    let origin = path.display().to_string();
    let md = match std::fs::metadata(path) {
        Ok(m) => m,
        Err(e) => return vec![Err(ReadError::new(&origin, e.to_string()))],
    };
    if md.len() as usize > opts.max_bytes {
        return vec![Err(ReadError::new(
            &origin,
            format!(
                "too large: {} bytes, the limit is {}",
                md.len(),
                opts.max_bytes
            ),
        ))];
    }
    let bytes = match std::fs::read(path) {
        Ok(b) => b,
        Err(e) => return vec![Err(ReadError::new(&origin, e.to_string()))],
    };
    let mut out = read_bytes(&origin, &bytes, opts);
    let side = sidecar(path);
    for o in out.iter_mut() {
        if let Ok(doc) = o {
            doc.meta.origin = Some(origin.clone());
            match &side {
                Ok(Some(m)) => {
                    let d = &mut doc.meta;
                    d.title = m.title.clone().or(d.title.take());
                    d.publisher = m.publisher.clone().or(d.publisher.take());
                    d.url = m.url.clone().or(d.url.take());
                    d.published = m.published.clone().or(d.published.take());
                }
                Ok(None) => {}
                Err(e) => *o = Err(e.clone()),
            }
        }
    }
    out
}

/// Expands paths: directories recursively (sorted, hidden files and
/// `*.meta.json` sidecars skipped), `-` for standard input.
pub fn expand(paths: &[PathBuf]) -> Vec<Result<PathBuf, ReadError>> {
    let mut out = Vec::new();
    for p in paths {
        if p.as_os_str() == "-" {
            out.push(Ok(p.clone()));
        } else if p.is_dir() {
            walk(p, &mut out);
        } else if p.exists() {
            out.push(Ok(p.clone()));
        } else {
            out.push(Err(ReadError::new(
                p.display().to_string(),
                "no such file or directory",
            )));
        }
    }
    out
}

fn walk(dir: &Path, out: &mut Vec<Result<PathBuf, ReadError>>) {
    let rd = match std::fs::read_dir(dir) {
        Ok(r) => r,
        Err(e) => {
            out.push(Err(ReadError::new(
                dir.display().to_string(),
                e.to_string(),
            )));
            return;
        }
    };
    let mut entries: Vec<PathBuf> = rd.filter_map(|e| e.ok().map(|e| e.path())).collect();
    entries.sort();
    for p in entries {
        let name = p.file_name().and_then(|n| n.to_str()).unwrap_or("");
        if name.starts_with('.') || name.ends_with(".meta.json") {
            continue;
        }
        if p.is_dir() {
            walk(&p, out);
        } else {
            out.push(Ok(p));
        }
    }
}

/// Reads every input: files, directories and `-` (standard input, read as
/// `stdin`). Order is stable: inputs in the order given, directory entries
/// sorted.
pub fn read_paths(paths: &[PathBuf], opts: &ReadOptions) -> Vec<Outcome> {
    let mut out = Vec::new();
    for p in expand(paths) {
        match p {
            Err(e) => out.push(Err(e)),
            Ok(p) if p.as_os_str() == "-" => {
                let mut bytes = Vec::new();
                match std::io::Read::read_to_end(&mut std::io::stdin(), &mut bytes) {
                    Ok(_) => out.extend(read_bytes("stdin", &bytes, opts)),
                    Err(e) => out.push(Err(ReadError::new("stdin", e.to_string()))),
                }
            }
            Ok(p) => out.extend(read_file(&p, opts)),
        }
    }
    out
}

#[cfg(test)]
mod tests;
