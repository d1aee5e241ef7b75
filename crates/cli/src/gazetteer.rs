//! `sitrep gazetteer import|lookup`, and the `--gazetteer FILE` option:
//! the files a user adds to the embedded gazetteer.

use crate::GazetteerArgs;
use anyhow::{Context, Result, bail};
use clap::Subcommand;
use sitrep_lexicon::gazetteer::{
    ImportError, ImportOptions, ImportStats, Progress, import_geonames,
};
use sitrep_lexicon::{Gazetteer, Lexicon, embedded_files};
use std::io::{BufRead, IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::{Duration, Instant};

/// The environment variable naming a gazetteer file.
const ENV: &str = "SITREP_GAZETTEER";

#[derive(Subcommand)]
pub enum GazetteerCmd {
    /// Convert a GeoNames dump (allCountries.txt, or a country file such as IQ.txt) into a
    /// gazetteer file for `--gazetteer`.
    #[command(long_about = IMPORT_HELP)]
    Import {
        /// The GeoNames table: 19 tab-separated columns, UTF-8 (`-` for standard input, e.g.
        /// `unzip -p allCountries.zip | sitrep gazetteer import -`).
        file: PathBuf,
        /// Where to write the gazetteer [default: $XDG_DATA_HOME/sitrep/gazetteer.bin, else
        /// ~/.local/share/sitrep/gazetteer.bin].
        #[arg(short, long, value_name = "FILE")]
        output: Option<PathBuf>,
        /// Stop with an error at the first malformed line instead of skipping it.
        #[arg(long)]
        strict: bool,
    },
    /// Show the entries a place name resolves to, one JSON object per entry.
    Lookup {
        /// Place names, as written in text.
        #[arg(required = true)]
        names: Vec<String>,
        #[command(flatten)]
        gaz: GazetteerArgs,
    },
}

const IMPORT_HELP: &str = "\
Convert a GeoNames dump into a gazetteer file that `sitrep extract --gazetteer FILE` (or the
SITREP_GAZETTEER environment variable) adds to the embedded gazetteer, for places it lacks.

The input is GeoNames' geoname table (allCountries.txt, or a country file such as IQ.txt, from
download.geonames.org/export/dump/, unzipped): 19 tab-separated columns, read line by line.

Kept: populated places (feature class P, except historical and abandoned ones), first-level
divisions (A.ADM1), and sites (S and L classes): airports, air bases, heliports, military
installations and bases, naval bases, ports, dams, bridges, border and customs posts, power
stations, refineries, prisons, hospitals and refugee camps. Each keeps its name, ASCII name
and up to 12 Latin-script alternate names; its country (through the embedded ISO2 → ISO3
table) and first-level division (through the embedded admin1 table); coordinates; population;
time zone. Rows of countries the embedded gazetteer does not know are skipped and counted.

A row whose GeoNames id the embedded gazetteer already has adds its names to that entry; the
embedded record (curated names, coordinates, division) is kept.

Malformed lines (not 19 columns, a geonameid, latitude, longitude or population that is not a
number, invalid UTF-8) are skipped and counted, and the first ten are named with their line
number; with --strict the import stops at the first one with an error. The output is written
to a temporary file and renamed into place, so a failed import leaves no partial file.";

/// The lexicon with the gazetteer files of `args` (or `SITREP_GAZETTEER`) added.
pub fn lexicon(args: &GazetteerArgs) -> Result<&'static Lexicon> {
    let mut files = args.files.clone();
    if files.is_empty()
        && let Some(p) = std::env::var_os(ENV).filter(|p| !p.is_empty())
    {
        files.push(PathBuf::from(p));
    }
    if files.is_empty() {
        return Ok(Lexicon::embedded());
    }
    let mut g = Gazetteer::embedded();
    for f in &files {
        g.add(open(f)?)
            .with_context(|| format!("cannot add gazetteer {}", f.display()))?;
    }
    // lives as long as the process, as the embedded lexicon does
    Ok(Box::leak(Box::new(Lexicon::build(&embedded_files(), g))))
}

/// A gazetteer file, memory-mapped: only the pages lookups touch are read.
fn open(path: &Path) -> Result<Gazetteer> {
    let f = std::fs::File::open(path)
        .with_context(|| format!("cannot open gazetteer {}", path.display()))?;
    // SAFETY: the map is read-only and lives as long as the Gazetteer. Were the file
    // truncated or rewritten in place while sitrep runs, reads could fault or see other
    // bytes; `sitrep gazetteer import` never does that (it writes a new file and renames
    // it), and the reader bounds-checks every offset it reads.
    let map = unsafe { memmap2::Mmap::map(&f) }
        .with_context(|| format!("cannot map gazetteer {}", path.display()))?;
    Gazetteer::from_bytes(map).with_context(|| format!("gazetteer {}", path.display()))
}

pub fn run(cmd: GazetteerCmd) -> Result<ExitCode> {
    match cmd {
        GazetteerCmd::Import {
            file,
            output,
            strict,
        } => import(&file, output, strict),
        GazetteerCmd::Lookup { names, gaz } => {
            let lex = lexicon(&gaz)?;
            let g = &lex.gazetteer;
            let mut out = std::io::stdout().lock();
            for n in &names {
                for i in g.lookup(&sitrep_core::fold::fold_name(n)) {
                    let p = g.place(i);
                    let v = serde_json::json!({
                        "query": n, "entry": i, "name": p.name, "country": p.country,
                        "admin1": p.admin1, "lat": p.lat, "lon": p.lon,
                        "population": p.population, "kind": format!("{:?}", p.kind),
                        "tz": p.tz, "geonameid": p.geonameid,
                    });
                    writeln!(out, "{v}")?;
                }
            }
            Ok(ExitCode::SUCCESS)
        }
    }
}

/// `$XDG_DATA_HOME/sitrep/gazetteer.bin`, else `~/.local/share/sitrep/gazetteer.bin`.
fn default_output() -> Result<PathBuf> {
    let dir = std::env::var_os("XDG_DATA_HOME")
        .filter(|d| !d.is_empty())
        .map(PathBuf::from)
        .or_else(|| {
            std::env::var_os("HOME")
                .filter(|d| !d.is_empty())
                .map(|h| PathBuf::from(h).join(".local/share"))
        });
    match dir {
        Some(d) => Ok(d.join("sitrep").join("gazetteer.bin")),
        None => bail!("neither XDG_DATA_HOME nor HOME is set: give the output file with -o FILE"),
    }
}

fn import(file: &Path, output: Option<PathBuf>, strict: bool) -> Result<ExitCode> {
    let out = match output {
        Some(o) => o,
        None => default_output()?,
    };
    let label = file.display().to_string();
    let stdin = file == Path::new("-");
    let (input, size): (Box<dyn BufRead>, Option<u64>) = if stdin {
        (Box::new(std::io::stdin().lock()), None)
    } else {
        let f = std::fs::File::open(file).with_context(|| format!("cannot open {label}"))?;
        let size = f.metadata().ok().map(|m| m.len());
        (
            Box::new(std::io::BufReader::with_capacity(1 << 20, f)),
            size,
        )
    };
    let base = Gazetteer::embedded();
    let t0 = Instant::now();
    let mut meter = Meter::new(&label, size);
    let result = import_geonames(input, &base, ImportOptions { strict }, &mut |p| {
        meter.show(p)
    });
    meter.done();
    if let Ok((_, st)) = &result
        && t0.elapsed() > Duration::from_secs(2)
    {
        eprintln!(
            "sitrep: read {} lines; indexing {} entries and writing {}",
            st.lines,
            st.kept(),
            out.display()
        );
    }
    let (writer, stats) = match result {
        Ok(r) => r,
        Err(ImportError::BadLine(b)) => {
            bail!(
                "{label}:{}: {} (--strict: nothing written)",
                b.line,
                b.reason
            )
        }
        Err(e) => return Err(anyhow::Error::new(e).context(format!("{label}: cannot import"))),
    };
    if let Some(dir) = out.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir)
            .with_context(|| format!("cannot create directory {}", dir.display()))?;
    }
    // a new file renamed into place: a failed import leaves no partial file, and a
    // running sitrep that maps the old one keeps reading it
    let tmp = out.with_file_name(format!(
        ".{}.tmp-{}",
        out.file_name()
            .and_then(|n| n.to_str())
            .unwrap_or("gazetteer"),
        std::process::id()
    ));
    let written = (|| -> Result<u64> {
        let f = std::fs::File::create(&tmp)
            .with_context(|| format!("cannot write {}", tmp.display()))?;
        let mut w = std::io::BufWriter::with_capacity(1 << 20, f);
        let n = writer
            .finish(&mut w)
            .with_context(|| format!("cannot write {}", tmp.display()))?;
        w.into_inner()
            .map_err(|e| e.into_error())
            .and_then(|f| f.sync_all())
            .with_context(|| format!("cannot write {}", tmp.display()))?;
        std::fs::rename(&tmp, &out)
            .with_context(|| format!("cannot rename {} to {}", tmp.display(), out.display()))?;
        Ok(n)
    })();
    let written = match written {
        Ok(n) => n,
        Err(e) => {
            let _ = std::fs::remove_file(&tmp);
            return Err(e);
        }
    };
    report(&label, &out, &stats, written, t0.elapsed());
    Ok(ExitCode::SUCCESS)
}

fn report(label: &str, out: &Path, st: &ImportStats, bytes: u64, took: Duration) {
    eprintln!(
        "sitrep: {label}: {} lines in {:.1} s; kept {} entries ({} populated places, {} divisions, {} sites; {} already built in, their names added)",
        st.lines,
        took.as_secs_f64(),
        st.kept(),
        st.places,
        st.divisions,
        st.sites,
        st.known
    );
    eprintln!(
        "sitrep: skipped {} rows of other feature kinds, {} of unknown countries, {} malformed lines",
        st.other_features, st.unknown_country, st.malformed
    );
    for b in &st.first_malformed {
        eprintln!("sitrep: {label}:{}: {} (skipped)", b.line, b.reason);
    }
    if st.malformed > st.first_malformed.len() as u64 {
        eprintln!(
            "sitrep: ... and {} more malformed lines",
            st.malformed - st.first_malformed.len() as u64
        );
    }
    eprintln!(
        "sitrep: wrote {} ({}); use it with `sitrep extract --gazetteer {}` or SITREP_GAZETTEER={}",
        out.display(),
        size(bytes),
        out.display(),
        out.display()
    );
}

fn size(bytes: u64) -> String {
    match bytes {
        b if b >= 1_000_000 => format!("{:.1} MB", b as f64 / 1e6),
        b if b >= 1_000 => format!("{:.1} kB", b as f64 / 1e3),
        b => format!("{b} bytes"),
    }
}

/// Progress on standard error: a line rewritten in place on a terminal,
/// a line every 10 seconds otherwise.
struct Meter<'a> {
    label: &'a str,
    size: Option<u64>,
    tty: bool,
    last: Instant,
    shown: bool,
}

impl<'a> Meter<'a> {
    fn new(label: &'a str, size: Option<u64>) -> Meter<'a> {
        Meter {
            label,
            size,
            tty: std::io::stderr().is_terminal(),
            last: Instant::now(),
            shown: false,
        }
    }

    fn show(&mut self, p: Progress) {
        let every = Duration::from_secs(if self.tty { 1 } else { 10 });
        if self.last.elapsed() < every {
            return;
        }
        self.last = Instant::now();
        let pct = self
            .size
            .filter(|&s| s > 0)
            .map(|s| format!("{:.0}%, ", p.bytes as f64 * 100.0 / s as f64))
            .unwrap_or_default();
        let msg = format!(
            "sitrep: reading {}: {pct}{:.0} MB, {} lines, {} entries kept",
            self.label,
            p.bytes as f64 / 1e6,
            p.lines,
            p.kept
        );
        if self.tty {
            eprint!("\r{msg}");
            self.shown = true;
        } else {
            eprintln!("{msg}");
        }
    }

    fn done(&mut self) {
        if self.shown {
            eprintln!();
        }
    }
}
