//! Synthetic event records with known truth, for measuring the merge.
//!
//! ```sh
//! cargo run --release -p sitrep-merge --example generate -- 1000000 --truth truth.tsv > events.jsonl
//! sitrep merge events.jsonl -o merged.jsonl --clusters clusters.jsonl --stats
//! cargo run --release -p sitrep-merge --example score_clusters -- truth.tsv clusters.jsonl merged.jsonl
//! ```
//!
//! `RECORDS [--seed N] [--per-day N] [--truth FILE]`: writes RECORDS event
//! records as JSON Lines to standard output (documents in publication
//! order; N underlying events a day, 340 by default) and, with `--truth`,
//! one line `RECORD-ID<TAB>EVENT-ID` per record naming the underlying event
//! it reports. Same arguments, same bytes.

use std::io::Write;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let mut records: Option<usize> = None;
    let mut seed = 7u64;
    let mut truth: Option<String> = None;
    let mut per_day = sitrep_merge::synth::EVENTS_PER_DAY;
    while let Some(a) = args.next() {
        match a.as_str() {
            "--seed" => seed = args.next().ok_or("--seed needs a number")?.parse()?,
            "--truth" => truth = Some(args.next().ok_or("--truth needs a file")?),
            "--per-day" => per_day = args.next().ok_or("--per-day needs a number")?.parse()?,
            n => {
                records = Some(
                    n.parse()
                        .map_err(|_| format!("not a number of records: {n}"))?,
                )
            }
        }
    }
    let records =
        records.ok_or("usage: generate RECORDS [--seed N] [--per-day N] [--truth FILE]")?;
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::with_capacity(1 << 20, stdout.lock());
    let mut tw = match &truth {
        Some(p) => Some(std::io::BufWriter::new(std::fs::File::create(p)?)),
        None => None,
    };
    let (mut docs, mut n) = (0usize, 0usize);
    for d in sitrep_merge::synth::Generator::with_density(records, seed, per_day) {
        docs += 1;
        for (e, t) in d.events.iter().zip(&d.truth) {
            serde_json::to_writer(&mut out, e)?;
            out.write_all(b"\n")?;
            if let Some(w) = &mut tw {
                writeln!(w, "{}\t{t}", e.id)?;
            }
            n += 1;
        }
    }
    out.flush()?;
    if let Some(w) = &mut tw {
        w.flush()?;
    }
    eprintln!("{n} records in {docs} documents (seed {seed})");
    Ok(())
}
