//! JSON Lines: one report a line, `{"id", "text" | "html", "title", "url", "publisher", "published"}`.

use crate::{ReadError, ReadOptions, normalize_published, stem};
use sitrep_core::{Doc, Meta};

pub(crate) fn read(name: &str, bytes: &[u8], opts: &ReadOptions) -> Vec<crate::Outcome> {
    let text = match crate::as_text(name, bytes) {
        Ok(t) => t,
        Err(e) => return vec![Err(e)],
    };
    let mut out = Vec::new();
    let base = stem(name);
    for (n, line) in text.lines().enumerate() {
        let lineno = n + 1;
        let line = line.trim();
        if line.is_empty() {
            continue;
        }
        let origin = format!("{name}:{lineno}");
        let v: serde_json::Value = match serde_json::from_str(line) {
            Ok(v) => v,
            Err(e) => {
                out.push(Err(ReadError::new(
                    origin,
                    format!("not a JSON object: {e}"),
                )));
                continue;
            }
        };
        let Some(obj) = v.as_object() else {
            out.push(Err(ReadError::new(origin, "not a JSON object")));
            continue;
        };
        let get = |k: &str| obj.get(k).and_then(|x| x.as_str()).map(str::to_string);
        let id = match obj.get("id") {
            Some(serde_json::Value::String(s)) if !s.is_empty() => s.clone(),
            Some(serde_json::Value::Number(x)) => x.to_string(),
            _ => format!("{base}-{lineno}"),
        };
        let meta = Meta {
            title: get("title"),
            publisher: get("publisher").or_else(|| opts.publisher.clone()),
            url: get("url"),
            published: get("published")
                .or_else(|| get("date"))
                .as_deref()
                .and_then(normalize_published)
                .or_else(|| opts.published.as_deref().and_then(normalize_published)),
            origin: Some(origin.clone()),
        };
        if let Some(t) = get("text").filter(|t| !t.trim().is_empty()) {
            out.push(Ok(Doc::new(id, t, meta)));
        } else if let Some(h) = get("html").filter(|t| !t.trim().is_empty()) {
            out.push(
                crate::html_to_doc(&id, &h, meta)
                    .map_err(|e| ReadError::new(origin.clone(), e.reason)),
            );
        } else {
            out.push(Err(ReadError::new(
                origin,
                "no \"text\" or \"html\" field with content",
            )));
        }
    }
    if out.is_empty() {
        out.push(Err(ReadError::new(name, "empty: no JSON lines")));
    }
    out
}
