//! The `sitrep` command: flags, messages, exit status.
//!
//! `sitrep extract PATH... [-o FILE]` reads reports, codes their events,
//! folds near-duplicate copies into their canonical report, merges reports
//! of the same event, and writes event records as JSON Lines. `sitrep eval GOLD EVENTS` scores records against hand-coded
//! reference events. `sitrep throughput FILE` measures speed.

use anyhow::{Context, Result, bail};
use clap::{Parser, Subcommand};
use rayon::prelude::*;
use sitrep_core::Doc;
use sitrep_core::record::Event;
use sitrep_lexicon::Lexicon;
use sitrep_merge::neardup::Fingerprint;
use sitrep_read::{ReadOptions, read_paths};
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Parser)]
#[command(
    name = "sitrep",
    version,
    about = "News reports in, coded conflict event records out"
)]
struct Cli {
    #[command(subcommand)]
    cmd: Cmd,
}

#[derive(Subcommand)]
enum Cmd {
    /// Code the events of reports (files, directories, `-` for stdin) as JSON Lines.
    Extract {
        /// Reports: plain text, HTML, JSON Lines, RSS/Atom; directories are read recursively.
        #[arg(required = true)]
        paths: Vec<PathBuf>,
        /// Write events here instead of standard output.
        #[arg(short, long)]
        output: Option<PathBuf>,
        /// Publication date (YYYY-MM-DD) for plain files without metadata.
        #[arg(long)]
        published: Option<String>,
        /// Publisher for plain files without metadata.
        #[arg(long)]
        publisher: Option<String>,
        /// Do not merge reports of the same event across documents.
        #[arg(long)]
        no_merge: bool,
        /// Count near-duplicate reports (syndicated copies, updated versions) as separate reports.
        #[arg(long)]
        keep_copies: bool,
    },
    /// Score events (JSON Lines) against hand-coded gold events (gold-events/1).
    Eval {
        /// The gold file.
        gold: PathBuf,
        /// The events file.
        events: PathBuf,
        /// List misses and wrong fields.
        #[arg(long)]
        verbose: bool,
        /// Print one JSON object.
        #[arg(long)]
        json: bool,
    },
    /// Show what the annotators found in reports: one JSON object per document with its layers.
    Annotate {
        /// Reports.
        #[arg(required = true)]
        paths: Vec<PathBuf>,
    },
    /// Measure extraction speed on a file or directory: MB/s and events, no output written.
    Throughput {
        /// Reports.
        paths: Vec<PathBuf>,
        /// Worker threads (default: all cores).
        #[arg(long)]
        threads: Option<usize>,
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(code) => code,
        Err(e) => {
            eprintln!("sitrep: error: {e:#}");
            ExitCode::from(2)
        }
    }
}

fn run(cli: Cli) -> Result<ExitCode> {
    match cli.cmd {
        Cmd::Extract {
            paths,
            output,
            published,
            publisher,
            no_merge,
            keep_copies,
        } => {
            if let Some(p) = &published
                && sitrep_core::Day::parse(p).is_none()
            {
                bail!("--published {p:?}: expected a date YYYY-MM-DD");
            }
            let opts = ReadOptions {
                published,
                publisher,
                ..ReadOptions::default()
            };
            let how = How {
                merge: !no_merge,
                copies: !keep_copies,
            };
            let (events, failures) = extract(&paths, &opts, how);
            let mut out: Box<dyn Write> = match &output {
                Some(p) => Box::new(std::io::BufWriter::new(
                    std::fs::File::create(p)
                        .with_context(|| format!("cannot write {}", p.display()))?,
                )),
                None => Box::new(std::io::BufWriter::new(std::io::stdout().lock())),
            };
            for e in &events {
                serde_json::to_writer(&mut out, e)?;
                out.write_all(b"\n")?;
            }
            out.flush()?;
            if failures > 0 {
                eprintln!("sitrep: {failures} input(s) could not be read; the others were coded");
                return Ok(ExitCode::from(1));
            }
            Ok(ExitCode::SUCCESS)
        }
        Cmd::Eval {
            gold,
            events,
            verbose,
            json,
        } => {
            let g = std::fs::read_to_string(&gold)
                .with_context(|| format!("cannot read {}", gold.display()))?;
            let e = std::fs::read_to_string(&events)
                .with_context(|| format!("cannot read {}", events.display()))?;
            let gold_v: serde_json::Value = serde_json::from_str(&g)
                .with_context(|| format!("{}: not JSON", gold.display()))?;
            let mut outs = Vec::new();
            for (n, line) in e.lines().enumerate() {
                if line.trim().is_empty() {
                    continue;
                }
                outs.push(
                    serde_json::from_str(line)
                        .with_context(|| format!("{}:{}: not JSON", events.display(), n + 1))?,
                );
            }
            let r = sitrep_eval::score(&gold_v, &outs)
                .map_err(|m| anyhow::anyhow!("{}: {m}", gold.display()))?;
            if json {
                println!("{}", serde_json::to_string_pretty(&r.to_json())?);
            } else {
                print!("{}", r.table(verbose));
            }
            Ok(ExitCode::SUCCESS)
        }
        Cmd::Annotate { paths } => {
            let lex = Lexicon::embedded();
            let mut failures = 0;
            for o in read_paths(&paths, &ReadOptions::default()) {
                match o {
                    Ok(mut d) => {
                        sitrep_annotate::annotate(&mut d, lex);
                        println!("{}", serde_json::to_string(&layers(&d))?);
                    }
                    Err(e) => {
                        eprintln!("sitrep: {e}");
                        failures += 1;
                    }
                }
            }
            Ok(if failures > 0 {
                ExitCode::from(1)
            } else {
                ExitCode::SUCCESS
            })
        }
        Cmd::Throughput { paths, threads } => {
            if let Some(t) = threads {
                rayon::ThreadPoolBuilder::new()
                    .num_threads(t)
                    .build_global()
                    .ok();
            }
            let t0 = std::time::Instant::now();
            let lex = Lexicon::embedded();
            let t_lex = t0.elapsed();
            let t1 = std::time::Instant::now();
            let docs: Vec<Doc> = read_paths(&paths, &ReadOptions::default())
                .into_iter()
                .filter_map(Result::ok)
                .collect();
            let bytes: usize = docs.iter().map(|d| d.text.len()).sum();
            let t_read = t1.elapsed();
            let t2 = std::time::Instant::now();
            let n_events: usize = docs
                .into_par_iter()
                .map(|mut d| sitrep_code::process(&mut d, lex).len())
                .sum();
            let t_code = t2.elapsed();
            let mb = bytes as f64 / 1e6;
            let cores = rayon::current_num_threads();
            println!("lexicon load: {:.2} s", t_lex.as_secs_f64());
            println!("read: {:.1} MB in {:.2} s", mb, t_read.as_secs_f64());
            println!(
                "annotate+code: {:.2} s, {:.2} MB/s on {} threads ({:.2} MB/s per thread), {} events",
                t_code.as_secs_f64(),
                mb / t_code.as_secs_f64(),
                cores,
                mb / t_code.as_secs_f64() / cores as f64,
                n_events
            );
            Ok(ExitCode::SUCCESS)
        }
    }
}

/// A document's annotation layers as JSON, every span with its text.
fn layers(d: &Doc) -> serde_json::Value {
    use serde_json::json;
    let t = |s: sitrep_core::Span| d.slice(s).to_string();
    json!({
        "id": d.id,
        "meta": d.meta,
        "blocks": d.blocks.iter().map(|b| json!({"kind": format!("{:?}", b.kind), "text": t(b.span)})).collect::<Vec<_>>(),
        "sentences": d.sentences.iter().map(|s| t(s.span)).collect::<Vec<_>>(),
        "actors": d.actors.iter().map(|a| json!({"text": t(a.span), "canonical": a.canonical, "country": a.country, "sector": a.sector, "kind": format!("{:?}", a.kind)})).collect::<Vec<_>>(),
        "places": d.places.iter().map(|p| json!({"text": t(p.span), "name": p.name, "country": p.country, "admin1": p.admin1, "kind": format!("{:?}", p.kind), "near": p.near})).collect::<Vec<_>>(),
        "times": d.times.iter().map(|x| json!({"text": t(x.span), "start": x.start.map(|d| d.iso()), "end": x.end.map(|d| d.iso()), "time_utc": x.time_utc, "clock": x.clock, "rel": x.rel_days})).collect::<Vec<_>>(),
        "counts": d.counts.iter().map(|c| json!({"text": t(c.span), "phrase": t(c.phrase), "value": c.qty.value, "qualifier": c.qty.qualifier, "kind": format!("{:?}", c.kind)})).collect::<Vec<_>>(),
        "triggers": d.triggers.iter().map(|x| json!({"text": t(x.span), "type": x.ptype, "mode": x.mode, "pos": format!("{:?}", x.pos), "neg": x.negated, "irrealis": x.irrealis, "anaphoric": x.anaphoric, "passive": x.passive})).collect::<Vec<_>>(),
        "weapons": d.weapons.iter().map(|w| json!({"text": t(w.span), "name": w.name, "mode": w.mode})).collect::<Vec<_>>(),
    })
}

/// What `extract` does after coding.
#[derive(Clone, Copy)]
struct How {
    /// Merge reports of the same event.
    merge: bool,
    /// Fold near-duplicate copies into their canonical report.
    copies: bool,
}

/// Reads, codes and merges; returns the events and the number of failed inputs.
fn extract(paths: &[PathBuf], opts: &ReadOptions, how: How) -> (Vec<Event>, usize) {
    let lex = Lexicon::embedded();
    let outcomes = read_paths(paths, opts);
    let mut failures = 0;
    let mut docs = Vec::new();
    for o in outcomes {
        match o {
            Ok(d) => docs.push(d),
            Err(e) => {
                eprintln!("sitrep: {e}");
                failures += 1;
            }
        }
    }
    // a defect on one document costs that document, not the batch; the
    // text's MinHash signature is taken on the way (the text is not kept)
    type Coded = Result<(Vec<Event>, Fingerprint), String>;
    let per_doc: Vec<Coded> = docs
        .into_par_iter()
        .map(|mut d| {
            let id = d.meta.origin.clone().unwrap_or_else(|| d.id.clone());
            std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                let print = Fingerprint::new(&d.text, d.meta.published.as_deref());
                (sitrep_code::process(&mut d, lex), print)
            }))
            .map_err(|_| id)
        })
        .collect();
    let mut ok = Vec::with_capacity(per_doc.len());
    let mut prints = Vec::with_capacity(per_doc.len());
    for r in per_doc {
        match r {
            Ok((v, p)) => {
                ok.push(v);
                prints.push(p);
            }
            Err(origin) => {
                eprintln!(
                    "sitrep: {origin}: internal error while coding this document; it was skipped"
                );
                failures += 1;
            }
        }
    }
    let mut per_doc = ok;
    // a copy is not an independent report: its events fold into the canonical report's
    if how.copies {
        let groups = sitrep_merge::neardup::group_copies(&prints);
        per_doc = sitrep_merge::fold_copies(per_doc, &groups);
    }
    let events = if how.merge {
        sitrep_merge::merge(per_doc)
    } else {
        per_doc.into_iter().flatten().collect()
    };
    (events, failures)
}
