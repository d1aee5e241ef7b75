//! The `sitrep` command: flags, messages, exit status.
//!
//! `sitrep extract PATH... [-o FILE]` reads reports, codes their events,
//! folds near-duplicate copies into their canonical report, merges reports
//! of the same event, and writes event records as JSON Lines.
//! `sitrep merge EVENTS...` merges records coded earlier. `sitrep eval GOLD
//! EVENTS` scores records against hand-coded reference events. `sitrep
//! throughput FILE` measures speed. `sitrep gazetteer import FILE` turns a
//! GeoNames dump into a gazetteer file that `--gazetteer FILE` (or
//! `SITREP_GAZETTEER`) adds to the embedded one.

mod gazetteer;

use anyhow::{Context, Result, bail};
use clap::{Args, Parser, Subcommand};
use rayon::prelude::*;
use sitrep_core::Doc;
use sitrep_core::record::Event;
use sitrep_lexicon::Lexicon;
use sitrep_merge::neardup::Fingerprint;
use sitrep_read::{ReadOptions, read_paths};
use std::io::{BufRead, Write};
use std::path::{Path, PathBuf};
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
        #[arg(long, conflicts_with = "merge_with")]
        no_merge: bool,
        #[command(flatten)]
        gaz: GazetteerArgs,
        /// Count near-duplicate reports (syndicated copies, updated versions) as separate reports.
        #[arg(long)]
        keep_copies: bool,
        /// Merge the new events into these records (JSON Lines written earlier; `--no-merge` output merges exactly as one run).
        #[arg(long, value_name = "EVENTS.jsonl")]
        merge_with: Vec<PathBuf>,
    },
    /// Merge event records written earlier (JSON Lines, merged or not) into one record per event.
    Merge {
        /// Event records (`-` for standard input), in order: earlier files first.
        #[arg(required = true)]
        inputs: Vec<PathBuf>,
        /// Write the merged records here instead of standard output.
        #[arg(short, long)]
        output: Option<PathBuf>,
        /// Also write, for every merged record, the ids of the input records it fuses (JSON Lines).
        #[arg(long, value_name = "FILE")]
        clusters: Option<PathBuf>,
        /// Print what the merge did (blocks, comparisons, clusters, time) on standard error.
        #[arg(long)]
        stats: bool,
        /// Blocking window (events compared per block, each way).
        #[arg(long, hide = true)]
        window: Option<usize>,
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
        #[command(flatten)]
        gaz: GazetteerArgs,
    },
    /// Measure extraction speed on a file or directory: MB/s and events, no output written.
    Throughput {
        /// Reports.
        paths: Vec<PathBuf>,
        /// Worker threads (default: all cores).
        #[arg(long)]
        threads: Option<usize>,
        #[command(flatten)]
        gaz: GazetteerArgs,
    },
    /// Gazetteer files: import a GeoNames dump, look names up.
    Gazetteer {
        #[command(subcommand)]
        cmd: gazetteer::GazetteerCmd,
    },
}

/// Extra gazetteer files.
#[derive(Args, Debug, Default)]
pub struct GazetteerArgs {
    /// Also resolve places against this gazetteer file, made by `sitrep gazetteer import`
    /// (repeatable). Default: the file named by the SITREP_GAZETTEER environment variable, if set.
    #[arg(long = "gazetteer", value_name = "FILE")]
    pub files: Vec<PathBuf>,
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
            gaz,
            keep_copies,
            merge_with,
        } => {
            let lex = gazetteer::lexicon(&gaz)?;
            if let Some(p) = &published
                && sitrep_core::Day::parse(p).is_none()
            {
                bail!("--published {p:?}: expected a date YYYY-MM-DD");
            }
            // the records to merge into are read first: a bad one stops the run before any coding
            let existing = match load_records(&merge_with) {
                Ok(v) => v,
                Err(e) => {
                    eprintln!("sitrep: {e:#}");
                    return Ok(ExitCode::from(1));
                }
            };
            let opts = ReadOptions {
                published,
                publisher,
                ..ReadOptions::default()
            };
            let how = How {
                merge: !no_merge,
                copies: !keep_copies,
            };
            let (events, failures) = extract(lex, &paths, &opts, how, existing);
            write_records(output.as_deref(), events.iter())?;
            if failures > 0 {
                eprintln!("sitrep: {failures} input(s) could not be read; the others were coded");
                return Ok(ExitCode::from(1));
            }
            Ok(ExitCode::SUCCESS)
        }
        Cmd::Merge {
            inputs,
            output,
            clusters,
            stats,
            window,
        } => {
            let t0 = std::time::Instant::now();
            // the records stay on disk: the merge holds their views and where they are,
            // and reads a record again only to fuse it
            let store = match RecordStore::open(&inputs) {
                Ok(v) => v,
                Err(e) => {
                    eprintln!("sitrep: {e:#}");
                    return Ok(ExitCode::from(1));
                }
            };
            let (mut store, views) = store;
            let n_in = views.len();
            let t_read = t0.elapsed();
            let mem_read = peak_mb();
            let t1 = std::time::Instant::now();
            let mut cfg = sitrep_merge::Config::default();
            if let Some(w) = window {
                cfg.window = w;
            }
            let mut m = sitrep_merge::Merger::with_config(cfg);
            m.add_views(views);
            let t_merge = t1.elapsed();
            let mem_merge = peak_mb();
            let st = m.stats();
            if let Some(path) = &clusters {
                let lines = m.clusters().into_iter().filter_map(|members| {
                    let ids: Vec<&str> = members
                        .iter()
                        .filter_map(|&i| m.view(i).map(|v| &*v.id))
                        .collect();
                    let id = ids.first()?.to_string();
                    Some(serde_json::json!({"id": id, "members": ids}))
                });
                write_lines(Some(path), lines)?;
            }
            let t2 = std::time::Instant::now();
            let mut n_out = 0;
            let mut failed: Option<anyhow::Error> = None;
            let records = m
                .into_records_with(|members| match store.load(members) {
                    Ok(v) => v,
                    Err(e) => {
                        failed.get_or_insert(e);
                        Vec::new()
                    }
                })
                .inspect(|_| n_out += 1);
            write_records(output.as_deref(), records)?;
            if let Some(e) = failed {
                return Err(e.context("reading the records back to fuse them"));
            }
            if stats {
                let t_write = t2.elapsed();
                eprintln!(
                    "merge: {n_in} records in, {n_out} out ({} fused); {} loose (undated or long span)",
                    n_in - n_out,
                    st.loose
                );
                eprintln!(
                    "blocks: {} ({} memberships, largest {}, {} longer than the window {}); candidates {}, comparisons {} ({:.1} per record), edges {}; components clustered {}, largest {}",
                    st.blocks,
                    st.memberships,
                    st.largest_block,
                    st.capped_blocks,
                    cfg.window,
                    st.candidates,
                    st.comparisons,
                    st.comparisons as f64 / n_in.max(1) as f64,
                    st.edges,
                    st.components,
                    st.largest_component
                );
                eprintln!(
                    "time: read {:.2} s, merge {:.2} s (index and score {:.2} s, cluster {:.2} s), write {:.2} s",
                    t_read.as_secs_f64(),
                    t_merge.as_secs_f64(),
                    st.index_time.as_secs_f64(),
                    st.cluster_time.as_secs_f64(),
                    t_write.as_secs_f64()
                );
                if let Some((after_read, after_merge, peak)) = mem_read
                    .zip(mem_merge)
                    .zip(peak_mb())
                    .map(|((a, b), c)| (a, b, c))
                {
                    eprintln!(
                        "memory (peak resident so far): {after_read} MB after reading, {after_merge} MB after merging, {peak} MB after writing"
                    );
                }
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
        Cmd::Annotate { paths, gaz } => {
            let lex = gazetteer::lexicon(&gaz)?;
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
        Cmd::Throughput {
            paths,
            threads,
            gaz,
        } => {
            if let Some(t) = threads {
                rayon::ThreadPoolBuilder::new()
                    .num_threads(t)
                    .build_global()
                    .ok();
            }
            let t0 = std::time::Instant::now();
            let lex = gazetteer::lexicon(&gaz)?;
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
            if let Some(kb) = peak_rss_kb() {
                println!("peak resident memory: {:.0} MB", kb as f64 / 1024.0);
            }
            Ok(ExitCode::SUCCESS)
        }
        Cmd::Gazetteer { cmd } => gazetteer::run(cmd),
    }
}

/// Peak resident set size of this process (VmHWM, Linux only).
fn peak_rss_kb() -> Option<u64> {
    let s = std::fs::read_to_string("/proc/self/status").ok()?;
    s.lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
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

/// Peak resident memory of this process so far, in MB, where the system
/// says (Linux).
fn peak_mb() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kb: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb / 1024)
}

/// Event records left on disk: for each record its file, byte offset and
/// length, so that `sitrep merge` holds views, not records.
struct RecordStore {
    files: Vec<(String, std::fs::File)>,
    /// (file, offset, length, line number) of each record, in input order.
    at: Vec<(u32, u64, u32, u32)>,
    /// Standard input spooled to a temporary file, removed at the end.
    spooled: Option<PathBuf>,
}

impl Drop for RecordStore {
    fn drop(&mut self) {
        if let Some(p) = &self.spooled {
            let _ = std::fs::remove_file(p);
        }
    }
}

impl RecordStore {
    /// Reads the files (`-` for standard input, spooled to a temporary
    /// file first), parsing records in batches on all cores into views;
    /// the first bad line stops the reading, named by file and line.
    fn open(paths: &[PathBuf]) -> Result<(RecordStore, Vec<sitrep_merge::View>)> {
        use rayon::prelude::*;
        let mut store = RecordStore {
            files: Vec::new(),
            at: Vec::new(),
            spooled: None,
        };
        let mut views = Vec::new();
        for p in paths {
            let (name, path) = if p.as_os_str() == "-" {
                let tmp =
                    std::env::temp_dir().join(format!("sitrep-merge-{}.jsonl", std::process::id()));
                let mut f = std::fs::File::create(&tmp)
                    .with_context(|| format!("cannot write {}", tmp.display()))?;
                std::io::copy(&mut std::io::stdin().lock(), &mut f)
                    .with_context(|| format!("cannot spool standard input to {}", tmp.display()))?;
                store.spooled = Some(tmp.clone());
                ("standard input".to_string(), tmp)
            } else {
                (p.display().to_string(), p.clone())
            };
            let file = std::fs::File::open(&path).with_context(|| format!("cannot read {name}"))?;
            let fi = store.files.len() as u32;
            let mut reader = std::io::BufReader::with_capacity(1 << 20, file.try_clone()?);
            let mut offset = 0u64;
            let mut line_no = 0u32;
            let mut buf = Vec::new();
            loop {
                // a batch of lines, parsed in parallel
                let mut batch: Vec<(u64, u32, Vec<u8>)> = Vec::new();
                while batch.len() < 1 << 14 {
                    buf.clear();
                    let n = std::io::BufRead::read_until(&mut reader, b'\n', &mut buf)
                        .with_context(|| format!("{name}: cannot read line {}", line_no + 1))?;
                    if n == 0 {
                        break;
                    }
                    line_no += 1;
                    let at = offset;
                    offset += n as u64;
                    if buf.iter().all(u8::is_ascii_whitespace) {
                        continue;
                    }
                    batch.push((at, line_no, buf.clone()));
                }
                if batch.is_empty() {
                    break;
                }
                let parsed: Vec<Result<sitrep_merge::View>> = batch
                    .par_iter()
                    .map(|(_, line, bytes)| {
                        let e: Event = serde_json::from_slice(bytes)
                            .with_context(|| format!("{name}: line {line}: not an event record"))?;
                        Ok(sitrep_merge::View::of(&e))
                    })
                    .collect();
                for ((at, line, bytes), v) in batch.into_iter().zip(parsed) {
                    views.push(v?);
                    store.at.push((fi, at, bytes.len() as u32, line));
                }
            }
            store.files.push((name, file));
        }
        Ok((store, views))
    }

    /// The records at these input indices, read again.
    fn load(&mut self, members: &[usize]) -> Result<Vec<Event>> {
        use std::io::{Read, Seek, SeekFrom};
        let mut out = Vec::with_capacity(members.len());
        let mut buf = Vec::new();
        for &i in members {
            let (fi, at, len, line) = self.at[i];
            let (name, f) = &mut self.files[fi as usize];
            buf.resize(len as usize, 0);
            f.seek(SeekFrom::Start(at))
                .and_then(|_| f.read_exact(&mut buf))
                .with_context(|| format!("{name}: line {line}: cannot read it again"))?;
            out.push(
                serde_json::from_slice(&buf)
                    .with_context(|| format!("{name}: line {line}: changed while merging"))?,
            );
        }
        Ok(out)
    }
}

/// Event records from JSON Lines files (`-` for standard input), in order;
/// the first bad line stops the reading, named by file and line.
fn load_records(paths: &[PathBuf]) -> Result<Vec<Event>> {
    let mut out = Vec::new();
    for p in paths {
        let reader: Box<dyn BufRead> = if p.as_os_str() == "-" {
            Box::new(std::io::BufReader::new(std::io::stdin().lock()))
        } else {
            let f =
                std::fs::File::open(p).with_context(|| format!("cannot read {}", p.display()))?;
            Box::new(std::io::BufReader::with_capacity(1 << 20, f))
        };
        let name = if p.as_os_str() == "-" {
            "standard input".to_string()
        } else {
            p.display().to_string()
        };
        out.extend(sitrep_merge::read_records_parallel(reader).with_context(|| name.clone())?);
    }
    Ok(out)
}

/// Writes one JSON value a line to `path` (through a temporary file
/// renamed at the end, so that a file read as input can be the output), or
/// to standard output.
fn write_lines<T: serde::Serialize>(
    path: Option<&Path>,
    items: impl Iterator<Item = T>,
) -> Result<()> {
    match path {
        Some(p) => {
            let mut tmp = p.as_os_str().to_owned();
            tmp.push(".tmp");
            let tmp = PathBuf::from(tmp);
            let f = std::fs::File::create(&tmp)
                .with_context(|| format!("cannot write {}", tmp.display()))?;
            let mut out = std::io::BufWriter::with_capacity(1 << 20, f);
            for x in items {
                serde_json::to_writer(&mut out, &x)?;
                out.write_all(b"\n")?;
            }
            out.flush()
                .with_context(|| format!("cannot write {}", tmp.display()))?;
            drop(out);
            std::fs::rename(&tmp, p).with_context(|| format!("cannot write {}", p.display()))?;
        }
        None => {
            let mut out = std::io::BufWriter::new(std::io::stdout().lock());
            for x in items {
                serde_json::to_writer(&mut out, &x)?;
                out.write_all(b"\n")?;
            }
            out.flush()?;
        }
    }
    Ok(())
}

fn write_records<'a, E>(path: Option<&Path>, events: impl Iterator<Item = E>) -> Result<()>
where
    E: std::borrow::Borrow<Event> + 'a,
{
    struct Ser<E>(E);
    impl<E: std::borrow::Borrow<Event>> serde::Serialize for Ser<E> {
        fn serialize<S: serde::Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
            self.0.borrow().serialize(s)
        }
    }
    write_lines(path, events.map(Ser))
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
fn extract(
    lex: &Lexicon,
    paths: &[PathBuf],
    opts: &ReadOptions,
    how: How,
    existing: Vec<Event>,
) -> (Vec<Event>, usize) {
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
    type Coded = Result<(Vec<Event>, Fingerprint, String), String>;
    let per_doc: Vec<Coded> = docs
        .into_par_iter()
        .map(|mut d| {
            let id = d.meta.origin.clone().unwrap_or_else(|| d.id.clone());
            let doc = d.id.clone();
            std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                let events = sitrep_code::process(&mut d, lex);
                // no publication date: the events' latest day stands in for it
                let day = d
                    .meta
                    .published
                    .clone()
                    .or_else(|| sitrep_merge::day_hint(&events));
                let print = Fingerprint::new(&d.text, day.as_deref());
                (events, print, doc)
            }))
            .map_err(|_| id)
        })
        .collect();
    let mut ok = Vec::with_capacity(per_doc.len());
    let mut prints = Vec::with_capacity(per_doc.len());
    let mut ids = Vec::with_capacity(per_doc.len());
    for r in per_doc {
        match r {
            Ok((v, p, id)) => {
                ok.push(v);
                prints.push(p);
                ids.push(id);
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
        if std::env::var_os("SITREP_DEBUG").is_some() {
            for g in &groups {
                for &c in &g.copies {
                    eprintln!(
                        "copy: {} of {} (similarity {:.2})",
                        ids[c],
                        ids[g.canonical],
                        prints[c].similarity(&prints[g.canonical])
                    );
                }
            }
        }
        per_doc = sitrep_merge::fold_copies(per_doc, &groups);
    }
    let events = if how.merge {
        // records written earlier come first, as if read first
        let mut m = sitrep_merge::Merger::new();
        m.add(vec![existing]);
        m.add(per_doc);
        m.into_events()
    } else {
        per_doc.into_iter().flatten().collect()
    };
    (events, failures)
}
