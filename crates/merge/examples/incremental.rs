//! How long adding reports to a large merge takes.
//!
//! `incremental RECORDS LATER [--seed N]`: generates RECORDS synthetic
//! records, merges all but the last LATER documents at once, then adds those
//! one document at a time, and prints the time of the first merge and the
//! distribution of the time per added document.

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let records: usize = args
        .first()
        .ok_or("usage: incremental RECORDS LATER [--seed N]")?
        .parse()?;
    let later: usize = args
        .get(1)
        .ok_or("usage: incremental RECORDS LATER [--seed N]")?
        .parse()?;
    let seed: u64 = match args.iter().position(|a| a == "--seed") {
        Some(i) => args.get(i + 1).ok_or("--seed needs a number")?.parse()?,
        None => 7,
    };
    let mut docs: Vec<Vec<sitrep_core::record::Event>> =
        sitrep_merge::synth::Generator::new(records, seed)
            .map(|d| d.events)
            .collect();
    let tail = docs.split_off(docs.len().saturating_sub(later));
    let mut m = sitrep_merge::Merger::new();
    let t = std::time::Instant::now();
    m.add(docs);
    println!(
        "first merge: {} records in {:.2} s; {:?}",
        m.len(),
        t.elapsed().as_secs_f64(),
        m.stats()
    );
    let mut times = Vec::new();
    let mut touched = Vec::new();
    for d in tail {
        let before = m.stats().largest_component;
        let t = std::time::Instant::now();
        m.add(vec![d]);
        times.push(t.elapsed().as_secs_f64() * 1000.0);
        touched.push(m.stats().largest_component.max(before));
    }
    times.sort_by(f64::total_cmp);
    if !times.is_empty() {
        let q = |p: f64| times[((times.len() - 1) as f64 * p) as usize];
        println!(
            "{} documents added one at a time: median {:.1} ms, 90th percentile {:.1} ms, max {:.1} ms, total {:.2} s",
            times.len(),
            q(0.5),
            q(0.9),
            q(1.0),
            times.iter().sum::<f64>() / 1000.0
        );
    }
    Ok(())
}
