//! HTML pages: article text without page furniture, metadata from
//! `<meta>`, Open Graph and JSON-LD.
//!
//! The article body is found by dom_smoothie (a port of readability.js);
//! its HTML is then turned into text here, one line per block element, so
//! paragraphs and headings survive as lines for the segmenter. When no
//! article is found, the page's body minus navigation, headers, footers,
//! forms and asides is used.

use crate::{ReadError, normalize_published};
use dom_query::{Document, NodeRef};
use sitrep_core::{Doc, Meta};

const SKIP: &[&str] = &[
    "script", "style", "noscript", "template", "nav", "header", "footer", "aside", "form",
    "button", "select", "svg", "iframe", "figure", "menu", "dialog",
];
const BLOCK: &[&str] = &[
    "p",
    "div",
    "section",
    "article",
    "main",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "li",
    "ul",
    "ol",
    "dl",
    "dt",
    "dd",
    "tr",
    "table",
    "blockquote",
    "pre",
    "figcaption",
    "br",
    "hr",
    "address",
    "title",
];

/// Reads an HTML page into a document with id `id`; `meta` supplies what the
/// page itself does not say.
pub fn html_to_doc(id: &str, html: &str, meta: Meta) -> Result<Doc, ReadError> {
    let page = Document::from(html);
    let mut meta = meta;
    let found = page_meta(&page);
    meta.title = meta.title.or(found.title);
    meta.publisher = meta.publisher.or(found.publisher);
    meta.url = meta.url.or(found.url);
    meta.published = meta.published.or(found.published);

    let cfg = dom_smoothie::Config {
        max_elements_to_parse: 0,
        ..Default::default()
    };
    let body =
        match dom_smoothie::Readability::new(html, None, Some(cfg)).and_then(|mut r| r.parse()) {
            Ok(article) => {
                if meta.title.is_none() && !article.title.trim().is_empty() {
                    meta.title = Some(article.title.trim().to_string());
                }
                if meta.publisher.is_none() {
                    meta.publisher = article.site_name.clone();
                }
                if meta.published.is_none() {
                    meta.published = article
                        .published_time
                        .as_deref()
                        .and_then(normalize_published);
                }
                if meta.url.is_none() {
                    meta.url = article.url.clone();
                }
                fragment_text(&article.content)
            }
            Err(_) => String::new(),
        };
    let body = if body.trim().is_empty() {
        fallback_body(&page)
    } else {
        body
    };
    if body.trim().is_empty() && meta.title.is_none() {
        return Err(ReadError::new(id, "HTML page has no readable text"));
    }
    let mut text = String::new();
    if let Some(t) = &meta.title
        && !body.trim_start().starts_with(t.trim())
    {
        text.push_str(t.trim());
        text.push_str("\n\n");
    }
    text.push_str(body.trim());
    text.push('\n');
    Ok(Doc::new(id, text, meta))
}

/// Text of an HTML fragment, one line per block.
pub(crate) fn fragment_text(html: &str) -> String {
    let d = Document::from(html);
    let mut out = String::new();
    walk(&d.root(), &mut out);
    tidy(&out)
}

fn fallback_body(page: &Document) -> String {
    let mut out = String::new();
    let body = page.select("body");
    match body.nodes().first() {
        Some(b) => walk(b, &mut out),
        None => walk(&page.root(), &mut out),
    }
    tidy(&out)
}

fn walk(node: &NodeRef, out: &mut String) {
    for child in node.children_it(false) {
        if child.is_text() {
            let t = child.text();
            let t: &str = &t;
            if !t.trim().is_empty() {
                // collapse white space inside text runs
                let mut first = true;
                for w in t.split_whitespace() {
                    if !first || t.starts_with(char::is_whitespace) {
                        out.push(' ');
                    }
                    out.push_str(w);
                    first = false;
                }
                if t.ends_with(char::is_whitespace) {
                    out.push(' ');
                }
            }
        } else if child.is_element() {
            let name = child
                .node_name()
                .map(|n| n.to_ascii_lowercase())
                .unwrap_or_default();
            if SKIP.contains(&name.as_str()) || is_widget(&child) {
                continue;
            }
            let block = BLOCK.contains(&name.as_str());
            if block {
                out.push('\n');
            }
            walk(&child, out);
            if block {
                out.push('\n');
            }
        }
    }
}

/// Share buttons, comment boxes, bylines and similar furniture, by class or id.
fn is_widget(node: &NodeRef) -> bool {
    let mut key = String::new();
    if let Some(c) = node.class() {
        key.push_str(&c.to_ascii_lowercase());
    }
    if let Some(i) = node.id_attr() {
        key.push(' ');
        key.push_str(&i.to_ascii_lowercase());
    }
    [
        "share",
        "social",
        "comment",
        "byline",
        "author",
        "newsletter",
        "related",
        "advert",
        "promo",
        "cookie",
        "breadcrumb",
        "subscribe",
    ]
    .iter()
    .any(|w| key.contains(w))
}

/// One line per block, trimmed; runs of blank lines become one blank line.
fn tidy(s: &str) -> String {
    let mut out = String::new();
    let mut blank = 0;
    for line in s.lines() {
        let l = line.trim();
        if l.is_empty() {
            blank += 1;
            continue;
        }
        if !out.is_empty() {
            out.push_str(if blank > 0 { "\n\n" } else { "\n" });
        }
        out.push_str(l);
        blank = 0;
    }
    out
}

fn page_meta(page: &Document) -> Meta {
    let meta_content = |sel: &str| {
        page.select(sel)
            .attr("content")
            .map(|c| c.trim().to_string())
            .filter(|c| !c.is_empty())
    };
    let mut m = Meta {
        title: meta_content(r#"meta[property="og:title"]"#).or_else(|| {
            let t = page.select("title").text();
            let t = t.trim();
            (!t.is_empty()).then(|| t.to_string())
        }),
        publisher: meta_content(r#"meta[property="og:site_name"]"#)
            .or_else(|| meta_content(r#"meta[name="publisher"]"#)),
        url: meta_content(r#"meta[property="og:url"]"#).or_else(|| {
            page.select(r#"link[rel="canonical"]"#)
                .attr("href")
                .map(|h| h.to_string())
        }),
        published: meta_content(r#"meta[property="article:published_time"]"#)
            .or_else(|| meta_content(r#"meta[name="date"]"#))
            .or_else(|| meta_content(r#"meta[name="pubdate"]"#))
            .or_else(|| meta_content(r#"meta[itemprop="datePublished"]"#))
            .as_deref()
            .and_then(normalize_published),
        origin: None,
    };
    // JSON-LD NewsArticle
    for s in page.select(r#"script[type="application/ld+json"]"#).nodes() {
        let txt = s.text();
        let Ok(v) = serde_json::from_str::<serde_json::Value>(&txt) else {
            continue;
        };
        let items: Vec<&serde_json::Value> = match &v {
            serde_json::Value::Array(a) => a.iter().collect(),
            serde_json::Value::Object(o) => match o.get("@graph") {
                Some(serde_json::Value::Array(g)) => g.iter().collect(),
                _ => vec![&v],
            },
            _ => vec![],
        };
        for it in items {
            let s = |k: &str| it.get(k).and_then(|x| x.as_str()).map(str::to_string);
            if m.published.is_none() {
                m.published = s("datePublished").as_deref().and_then(normalize_published);
            }
            if m.title.is_none() {
                m.title = s("headline");
            }
            if m.url.is_none() {
                m.url = s("url");
            }
            if m.publisher.is_none() {
                m.publisher = it
                    .get("publisher")
                    .and_then(|p| p.get("name"))
                    .and_then(|n| n.as_str())
                    .map(str::to_string);
            }
        }
    }
    m
}
