//! Scores a merge of synthetic records against the generator's truth.
//!
//! `score_clusters TRUTH.tsv CLUSTERS.jsonl [MERGED.jsonl]`: TRUTH from
//! `generate --truth`, CLUSTERS from `sitrep merge --clusters`. Prints
//! pairwise precision, recall and F1 over pairs of records, and how many
//! true clusters were found exactly. With MERGED (the merged records), also
//! checks that every child's parent id names a merged record.

use std::io::BufRead;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.len() < 2 {
        return Err("usage: score_clusters TRUTH.tsv CLUSTERS.jsonl [MERGED.jsonl]".into());
    }
    let mut index = rustc_hash::FxHashMap::default();
    let mut truth = Vec::new();
    for (n, line) in std::io::BufReader::new(std::fs::File::open(&args[0])?)
        .lines()
        .enumerate()
    {
        let line = line?;
        let (id, t) = line
            .split_once('\t')
            .ok_or_else(|| format!("{}:{}: expected ID<TAB>EVENT", args[0], n + 1))?;
        index.insert(id.to_string(), truth.len());
        truth.push(t.parse::<u64>()?);
    }
    let mut clusters = Vec::new();
    let mut seen = 0;
    for (n, line) in std::io::BufReader::new(std::fs::File::open(&args[1])?)
        .lines()
        .enumerate()
    {
        let v: serde_json::Value = serde_json::from_str(&line?)?;
        let members = v["members"]
            .as_array()
            .ok_or_else(|| format!("{}:{}: no members", args[1], n + 1))?;
        let mut c = Vec::new();
        for m in members {
            let id = m.as_str().unwrap_or_default();
            c.push(
                *index
                    .get(id)
                    .ok_or_else(|| format!("{}:{}: unknown record {id}", args[1], n + 1))?,
            );
        }
        seen += c.len();
        clusters.push(c);
    }
    if seen != truth.len() {
        return Err(format!("clusters hold {seen} records, the truth {}", truth.len()).into());
    }
    let r = sitrep_merge::synth::recovery(&clusters, &truth);
    println!(
        "records {}  clusters found {}  true clusters {} ({} of two records or more)",
        r.records, r.clusters, r.true_clusters, r.true_multi
    );
    println!(
        "pairwise precision {:.4}  recall {:.4}  F1 {:.4}",
        r.precision,
        r.recall,
        r.f1()
    );
    println!(
        "true clusters found exactly: {} of {} ({:.1}%); of two records or more: {} of {} ({:.1}%)",
        r.exact,
        r.true_clusters,
        100.0 * r.exact as f64 / r.true_clusters.max(1) as f64,
        r.exact_multi,
        r.true_multi,
        100.0 * r.exact_multi as f64 / r.true_multi.max(1) as f64
    );
    if let Some(merged) = args.get(2) {
        let mut ids = rustc_hash::FxHashSet::default();
        let mut parents = Vec::new();
        for line in std::io::BufReader::new(std::fs::File::open(merged)?).lines() {
            let e: sitrep_core::record::Event = serde_json::from_str(&line?)?;
            if let Some(p) = e.parent {
                parents.push(p);
            }
            ids.insert(e.id);
        }
        let dangling = parents.iter().filter(|p| !ids.contains(*p)).count();
        println!(
            "child records {}: parent id not a merged record: {dangling}",
            parents.len()
        );
    }
    Ok(())
}
