//! RSS 2.0 and Atom feeds: one report per item.

use crate::{ReadError, stem};
use sitrep_core::Meta;

pub(crate) fn read(name: &str, bytes: &[u8]) -> Vec<crate::Outcome> {
    let feed = match feed_rs::parser::parse(bytes) {
        Ok(f) => f,
        Err(e) => {
            return vec![Err(ReadError::new(
                name,
                format!("not a readable RSS or Atom feed: {e}"),
            ))];
        }
    };
    if feed.entries.is_empty() {
        return vec![Err(ReadError::new(name, "feed has no items"))];
    }
    let publisher = feed
        .title
        .as_ref()
        .map(|t| t.content.trim().to_string())
        .filter(|s| !s.is_empty());
    let base = stem(name);
    let mut out = Vec::new();
    for (i, e) in feed.entries.iter().enumerate() {
        let origin = format!("{name}#{}", i + 1);
        let title = e.title.as_ref().map(|t| html_fragment_text(&t.content));
        let body = e
            .content
            .as_ref()
            .and_then(|c| c.body.clone())
            .filter(|b| !b.trim().is_empty())
            .or_else(|| e.summary.as_ref().map(|s| s.content.clone()))
            .unwrap_or_default();
        let body = html_fragment_text(&body);
        if body.trim().is_empty() && title.as_deref().is_none_or(|t| t.trim().is_empty()) {
            out.push(Err(ReadError::new(origin, "item has no text")));
            continue;
        }
        let mut text = String::new();
        if let Some(t) = &title {
            text.push_str(t.trim());
            text.push_str("\n\n");
        }
        text.push_str(body.trim());
        let id = if e.id.trim().is_empty() {
            format!("{base}-{}", i + 1)
        } else {
            sanitize_id(&e.id)
        };
        let meta = Meta {
            title,
            publisher: publisher.clone(),
            url: e.links.first().map(|l| l.href.clone()),
            published: e
                .published
                .or(e.updated)
                .map(|d| d.format("%Y-%m-%d").to_string()),
            origin: Some(origin),
        };
        out.push(Ok(sitrep_core::Doc::new(id, text, meta)));
    }
    out
}

/// Item ids are often URLs; keep them readable and stable.
fn sanitize_id(id: &str) -> String {
    id.trim().to_string()
}

/// Text of an HTML fragment (feed bodies are HTML more often than not).
fn html_fragment_text(s: &str) -> String {
    if !s.contains('<') && !s.contains('&') {
        return s.to_string();
    }
    crate::html::fragment_text(s)
}
