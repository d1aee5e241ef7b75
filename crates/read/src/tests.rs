//! Reader tests on fixtures written for the project (`tests/fixtures/read`).

use super::*;

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../tests/fixtures/read")
        .join(name)
}

fn ok(out: &[Outcome]) -> Vec<&Doc> {
    out.iter().filter_map(|o| o.as_ref().ok()).collect()
}

fn errs(out: &[Outcome]) -> Vec<&ReadError> {
    out.iter().filter_map(|o| o.as_ref().err()).collect()
}

#[test]
fn plain_text_takes_stem_and_sidecar_metadata() {
    let out = read_file(&fixture("note.txt"), &ReadOptions::default());
    let d = ok(&out)[0];
    assert_eq!(d.id, "note");
    assert_eq!(d.meta.publisher.as_deref(), Some("Field Notes"));
    assert_eq!(d.meta.published.as_deref(), Some("2020-11-24"));
    assert!(
        d.text.starts_with("Clashes in Ayn Issa\n"),
        "text is verbatim"
    );
}

#[test]
fn plain_text_metadata_from_options() {
    let opts = ReadOptions {
        published: Some("2024-02-03T12:00:00Z".into()),
        publisher: Some("Desk".into()),
        ..Default::default()
    };
    let out = read_bytes("x/report.txt", b"Rebels shelled the town.", &opts);
    let d = ok(&out)[0];
    assert_eq!(d.meta.published.as_deref(), Some("2024-02-03"));
    assert_eq!(d.meta.publisher.as_deref(), Some("Desk"));
}

#[test]
fn html_article_without_furniture_and_with_metadata() {
    let out = read_file(&fixture("article.html"), &ReadOptions::default());
    let d = ok(&out)[0];
    assert_eq!(d.id, "article");
    assert_eq!(d.meta.publisher.as_deref(), Some("The Sahel Ledger"));
    assert_eq!(d.meta.published.as_deref(), Some("2024-03-05"));
    assert_eq!(
        d.meta.url.as_deref(),
        Some("https://sahel-ledger.example/2024/03/gao-checkpoint")
    );
    assert!(
        d.text
            .contains("killing four soldiers and wounding seven others")
    );
    assert!(d.text.contains("JNIM, an al-Qaeda affiliate"));
    for chrome in [
        "Home",
        "Share on",
        "Leave a comment",
        "Copyright",
        "By A. Reporter",
    ] {
        assert!(
            !d.text.contains(chrome),
            "{chrome:?} should be dropped:\n{}",
            d.text
        );
    }
    // paragraphs stay separate lines
    assert!(d.text.lines().filter(|l| !l.trim().is_empty()).count() >= 3);
}

#[test]
fn broken_html_still_yields_text() {
    let out = read_file(&fixture("broken.html"), &ReadOptions::default());
    let d = ok(&out)[0];
    assert!(d.text.contains("Police arrested 12 protesters in Khartoum"));
    assert!(d.text.contains("continued into the night"));
}

#[test]
fn rss_items_become_reports() {
    let out = read_file(&fixture("feed.rss"), &ReadOptions::default());
    let docs = ok(&out);
    assert_eq!(docs.len(), 2);
    assert_eq!(docs[0].id, "fw-0001");
    assert_eq!(docs[0].meta.publisher.as_deref(), Some("Frontline Wire"));
    assert_eq!(docs[0].meta.published.as_deref(), Some("2024-03-09"));
    assert!(
        docs[0]
            .text
            .starts_with("Drone strike hits fuel depot\n\nA drone struck a fuel depot in Belgorod")
    );
    assert!(!docs[0].text.contains("<p>"));
}

#[test]
fn atom_entries_become_reports() {
    let out = read_file(&fixture("feed.atom"), &ReadOptions::default());
    let d = ok(&out)[0];
    assert_eq!(d.meta.published.as_deref(), Some("2024-04-02"));
    assert_eq!(
        d.meta.url.as_deref(),
        Some("https://horn-monitor.example/17")
    );
    assert!(d.text.contains("stormed a military base in Lower Shabelle"));
}

#[test]
fn empty_feed_is_an_error_with_its_path() {
    let out = read_file(&fixture("empty.rss"), &ReadOptions::default());
    let e = errs(&out);
    assert_eq!(e.len(), 1);
    assert!(e[0].origin.ends_with("empty.rss"));
    assert!(e[0].reason.contains("no items"));
}

#[test]
fn jsonl_reads_good_lines_and_reports_bad_ones() {
    let out = read_file(&fixture("reports.jsonl"), &ReadOptions::default());
    let docs = ok(&out);
    assert_eq!(
        docs.iter().map(|d| d.id.as_str()).collect::<Vec<_>>(),
        ["jl-1", "jl-3"]
    );
    assert_eq!(docs[0].meta.published.as_deref(), Some("2024-06-25"));
    assert!(docs[1].text.contains("Troops shelled Kherson overnight."));
    let e = errs(&out);
    assert_eq!(e.len(), 2);
    assert!(e[0].origin.ends_with("reports.jsonl:2"), "{}", e[0]);
    assert!(e[1].origin.ends_with("reports.jsonl:4"), "{}", e[1]);
    assert!(e[1].reason.contains("no \"text\""));
}

#[test]
fn invalid_utf8_and_binary_are_errors() {
    let out = read_file(&fixture("latin1.txt"), &ReadOptions::default());
    assert!(
        errs(&out)[0].reason.contains("invalid UTF-8 at byte 12"),
        "{:?}",
        out
    );
    let out = read_file(&fixture("archive.bin"), &ReadOptions::default());
    assert!(errs(&out)[0].reason.contains("binary"), "{:?}", out);
}

#[test]
fn too_large_input_is_refused() {
    let opts = ReadOptions {
        max_bytes: 10,
        ..Default::default()
    };
    let out = read_bytes("big.txt", b"0123456789abc", &opts);
    assert!(errs(&out)[0].reason.contains("too large"));
}

#[test]
fn directory_walk_is_sorted_skips_sidecars_and_keeps_going() {
    let out = read_paths(
        &[fixture(""), PathBuf::from("/no/such/file.txt")],
        &ReadOptions::default(),
    );
    let names: Vec<String> = out
        .iter()
        .map(|o| match o {
            Ok(d) => d.id.clone(),
            Err(e) => format!(
                "ERR {}",
                Path::new(e.origin.split(':').next().unwrap_or(""))
                    .file_name()
                    .and_then(|n| n.to_str())
                    .unwrap_or("")
            ),
        })
        .collect();
    assert!(names.contains(&"note".to_string()));
    assert!(!names.iter().any(|n| n.contains("meta")), "{names:?}");
    assert!(names.contains(&"ERR archive.bin".to_string()), "{names:?}");
    assert_eq!(names.last().map(String::as_str), Some("ERR file.txt"));
    let again: Vec<String> = read_paths(&[fixture("")], &ReadOptions::default())
        .iter()
        .filter_map(|o| o.as_ref().ok().map(|d| d.id.clone()))
        .collect();
    let first: Vec<String> = out
        .iter()
        .filter_map(|o| o.as_ref().ok().map(|d| d.id.clone()))
        .collect();
    assert_eq!(again, first, "stable order");
}

#[test]
fn detects_format_by_content_over_extension() {
    assert_eq!(
        detect("a.txt", b"<?xml version=\"1.0\"?><rss version=\"2.0\">"),
        Format::Feed
    );
    assert_eq!(detect("a.txt", b"<!DOCTYPE html><html>"), Format::Html);
    assert_eq!(
        detect("a.dat", b"{\"id\": 1, \"text\": \"x\"}\n"),
        Format::Jsonl
    );
    assert_eq!(detect("a.html", b"just words"), Format::Html);
    assert_eq!(detect("a.txt", b"{curly words} in text"), Format::Text);
}

#[test]
fn publication_dates_normalise() {
    assert_eq!(
        normalize_published("Fri, 02 Feb 2024 21:00:00 GMT").as_deref(),
        Some("2024-02-02")
    );
    assert_eq!(
        normalize_published("2024-02-02T21:00:00-05:00").as_deref(),
        Some("2024-02-02")
    );
    assert_eq!(normalize_published("yesterday"), None);
}
