//! The blocking index behind [`merge`](crate::merge): candidate pairs
//! without comparing every pair, clusters kept up to date as reports arrive.
//!
//! Every event gets a few blocking keys, all under its PLOVER type and
//! level (operation or site):
//!
//! - for an event dated to a short span (at most [`Config::max_span_days`]
//!   days), for each day of the span: the day with each country it names
//!   (actor, target or place country), the day with each named place and
//!   each first-level division, and the day alone;
//! - for every event, the same keys without the day. They are used only for
//!   pairs where one event is *loose*: undated, dated to a long span, or
//!   with a date that does not parse.
//!
//! A block lists its events in arrival order. Two events are a candidate
//! pair when they sit at most [`Config::window`] places apart in a block
//! they share, and the block admits them: a day-alone or type-alone block
//! only pairs an event that names no country with another (events that both
//! name countries meet in the country blocks), and a dayless block only
//! pairs a loose event with another (two dated events meet in the day
//! blocks). The window keeps a pathological block (thousands of reports of
//! one type, one day, one country) linear; a block no longer than the window
//! compares all its pairs, so small inputs compare exactly the pairs the
//! old all-pairs merge compared, less those where both events name
//! countries but share none and share no place either.
//!
//! Arrival order makes the index append-only: a new event never changes
//! which earlier events are paired, it only adds the pairs it makes with
//! its predecessors. Candidates are scored with [`score`](crate::score),
//! pairs above the threshold are edges, and the connected components of the
//! edge graph are clustered independently (best pair first; never two
//! events of one document in a cluster, and always one day common to all
//! its dated events). Adding reports re-clusters only the components they
//! touch, so adding A then B gives the same clusters, and the same records,
//! as adding A and B at once. The cost of an addition is the size of those
//! components: small when the score is selective, large when loose events
//! link many days' events into one component.

use crate::view::{View, score_views};
use crate::{STRONG, THRESHOLD, fuse};
use rayon::prelude::*;
use rustc_hash::{FxHashMap, FxHashSet};
use sitrep_core::Day;
use sitrep_core::record::Event;
use std::hash::{Hash, Hasher};

/// Blocking parameters.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Config {
    /// Two events of a block are compared when at most this many places
    /// apart in it (arrival order).
    pub window: usize,
    /// Longest date span, in days, that is blocked day by day; a longer span
    /// is loose.
    pub max_span_days: i64,
    /// At most this many countries and this many places give keys, per
    /// event (the first in sorted order).
    pub max_keys: usize,
}

impl Default for Config {
    fn default() -> Config {
        Config {
            window: 32,
            max_span_days: 7,
            max_keys: 16,
        }
    }
}

/// What the merge did, for tests and for `sitrep merge --stats`.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Stats {
    /// Events indexed.
    pub events: usize,
    /// Loose events (undated, long span, odd date).
    pub loose: usize,
    /// Distinct blocks.
    pub blocks: usize,
    /// Block memberships (events × keys).
    pub memberships: usize,
    /// Blocks longer than the window: some of their pairs were not compared.
    pub capped_blocks: usize,
    /// Events in the longest block.
    pub largest_block: usize,
    /// Distinct candidate pairs (before the same-document check).
    pub candidates: u64,
    /// Calls to the match score.
    pub comparisons: u64,
    /// Pairs that cleared the threshold.
    pub edges: u64,
    /// Components (re)clustered.
    pub components: u64,
    /// Events in the largest component clustered.
    pub largest_component: usize,
    /// Time spent keying, blocking and scoring.
    pub index_time: std::time::Duration,
    /// Time spent clustering components.
    pub cluster_time: std::time::Duration,
}

const K_DAY_ALL: u8 = 0;
const K_DAY_COUNTRY: u8 = 1;
const K_DAY_PLACE: u8 = 2;
const K_ANY_ALL: u8 = 3;
const K_ANY_COUNTRY: u8 = 4;
const K_ANY_PLACE: u8 = 5;

/// One event's edges to its predecessors (predecessor, score), with the
/// number of candidates and of comparisons made.
type Scored = (Vec<(u32, i32)>, u64, u64);

/// Events indexed at a time (bounds the memberships held at once).
const CHUNK: usize = 1 << 16;

const LOOSE: u8 = 1;
const NO_COUNTRY: u8 = 2;
const DATED: u8 = 4;

fn key(kind: u8, level: bool, etype: u64, day: i64, value: u64) -> u64 {
    // fixed keys: the same key in every run (keys are never stored), and a
    // collision only widens a block (the score still checks type, level, day)
    let mut h = std::hash::DefaultHasher::new();
    (kind, level, etype, day, value).hash(&mut h);
    h.finish()
}

/// A `YYYY-MM-DD` day number when `s` is exactly a valid date (so that day
/// order and the string order the score uses agree).
fn strict_day(s: &str) -> Option<i64> {
    let b = s.as_bytes();
    if b.len() != 10
        || !b
            .iter()
            .enumerate()
            .all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit())
    {
        return None;
    }
    let d = Day::parse(s)?;
    (d.d <= Day::month_len(d.y, d.m)).then(|| d.ordinal())
}

/// The blocking keys of one event (each with its kind), and its flags.
fn keys_of(v: &View, cfg: &Config) -> (Vec<(u64, u8)>, u8) {
    let level = v.parent.is_some();
    let t = v.etype;
    // where it happened first, then who it was done to, then who did it: when a
    // joint statement names fourteen governments, the cap keeps the telling ones
    let countries = &v.key_countries[..v.key_countries.len().min(cfg.max_keys)];
    // named places (the gazetteer's identity when resolved: reports spell a town
    // differently), and first-level divisions (a town and its province meet)
    let mut places: Vec<u64> = v
        .locs
        .iter()
        .flat_map(|l| [l.key, l.admin1_key])
        .flatten()
        .collect();
    places.sort_unstable();
    places.dedup();
    places.truncate(cfg.max_keys);

    let mut flags = 0;
    if countries.is_empty() {
        flags |= NO_COUNTRY;
    }
    if v.days.is_some() {
        flags |= DATED;
    }
    let span = v.day_range().and_then(|(s, e)| {
        let a = strict_day(s)?;
        let b = strict_day(e)?;
        (a <= b && b - a < cfg.max_span_days).then_some((a, b))
    });
    let mut keys = Vec::new();
    let mut push =
        |kind: u8, day: i64, value: u64| keys.push((key(kind, level, t, day, value), kind));
    match span {
        Some((a, b)) => {
            for day in a..=b {
                push(K_DAY_ALL, day, 0);
                for &c in countries {
                    push(K_DAY_COUNTRY, day, c);
                }
                for &p in &places {
                    push(K_DAY_PLACE, day, p);
                }
            }
        }
        None => flags |= LOOSE,
    }
    push(K_ANY_ALL, 0, 0);
    for &c in countries {
        push(K_ANY_COUNTRY, 0, c);
    }
    for &p in &places {
        push(K_ANY_PLACE, 0, p);
    }
    (keys, flags)
}

/// Events merged so far, with the index that finds their candidates.
///
/// ```
/// # use sitrep_merge::Merger;
/// let mut m = Merger::new();
/// m.add(vec![/* the events of one report */ vec![], /* of another */ vec![]]);
/// let records = m.events();
/// assert!(records.is_empty());
/// ```
#[derive(Default)]
pub struct Merger {
    cfg: Config,
    /// What the merge compares of each event.
    views: Vec<View>,
    /// The events themselves, when they were added as events ([`Merger::add`]);
    /// empty when only views were ([`Merger::add_views`]).
    events: Vec<Event>,
    flags: Vec<u8>,
    /// Documents of each event (sources and copies), sorted, in `doc_arena`.
    doc_span: Vec<(u32, u32)>,
    doc_arena: Vec<u32>,
    doc_ids: FxHashMap<u64, u32>,
    /// The document of each event's first source (the score's notion).
    head: Vec<u32>,
    blocks: FxHashMap<u64, Vec<u32>>,
    adj: Vec<Vec<(u32, i32)>>,
    /// Cluster of each event: the first (lowest) index in it.
    cluster: Vec<u32>,
    stats: Stats,
}

impl Merger {
    /// An empty merger with the default blocking.
    pub fn new() -> Merger {
        Merger::default()
    }

    /// An empty merger with this blocking.
    pub fn with_config(cfg: Config) -> Merger {
        Merger {
            cfg: Config {
                window: cfg.window.max(1),
                ..cfg
            },
            ..Merger::default()
        }
    }

    /// Number of events added.
    pub fn len(&self) -> usize {
        self.views.len()
    }

    /// True when nothing was added.
    pub fn is_empty(&self) -> bool {
        self.views.is_empty()
    }

    /// What the merge did so far.
    pub fn stats(&self) -> Stats {
        let mut s = self.stats.clone();
        s.blocks = self.blocks.len();
        s.largest_block = self.blocks.values().map(Vec::len).max().unwrap_or(0);
        s.capped_blocks = self
            .blocks
            .values()
            .filter(|b| b.len() > self.cfg.window + 1)
            .count();
        s
    }

    /// The input event at index `i` (in the order added), when events were
    /// added as events.
    pub fn event(&self, i: usize) -> Option<&Event> {
        self.events.get(i)
    }

    /// The view of the input event at index `i`.
    pub fn view(&self, i: usize) -> Option<&View> {
        self.views.get(i)
    }

    fn docs(&self, i: usize) -> &[u32] {
        let (a, b) = self.doc_span[i];
        &self.doc_arena[a as usize..b as usize]
    }

    fn intern(&mut self, doc: u64) -> u32 {
        let n = self.doc_ids.len() as u32;
        *self.doc_ids.entry(doc).or_insert(n)
    }

    /// Adds the events of more reports (one list per report; the grouping
    /// does not matter, an event's documents are those of its sources and
    /// copies) and re-clusters what they touch.
    pub fn add(&mut self, per_doc: Vec<Vec<Event>>) {
        assert!(
            self.events.len() == self.views.len(),
            "a merger built from views takes views"
        );
        let new: Vec<Event> = if per_doc.len() == 1 {
            per_doc.into_iter().next().unwrap_or_default()
        } else {
            per_doc.into_iter().flatten().collect()
        };
        let views: Vec<View> = new.par_iter().map(View::of).collect();
        self.events.extend(new);
        self.add_views_inner(views);
    }

    /// Adds the views of more events without the events themselves (the
    /// memory of a million records is then their views); the records come
    /// back through [`Merger::into_records_with`], which reads them again.
    /// A merger takes either events or views, not both.
    pub fn add_views(&mut self, views: Vec<View>) {
        assert!(
            self.events.is_empty(),
            "a merger built from events takes events"
        );
        self.add_views_inner(views);
    }

    fn add_views_inner(&mut self, new: Vec<View>) {
        let first = self.views.len();
        if new.is_empty() {
            return;
        }
        self.views.extend(new);
        let n = self.views.len();
        // in chunks, to bound the memberships held at once; an event only
        // looks back, so chunking changes nothing
        let t = std::time::Instant::now();
        let mut at = first;
        while at < n {
            let end = (at + CHUNK).min(n);
            self.index(at, end);
            at = end;
        }
        self.stats.events = n;
        self.stats.index_time += t.elapsed();
        let t = std::time::Instant::now();
        self.recluster(first);
        self.stats.cluster_time += t.elapsed();
    }

    /// Indexes events `a..b` (already in `self.events`), scores each with
    /// its predecessors in its blocks, and records the edges.
    fn index(&mut self, a: usize, b: usize) {
        let cfg = self.cfg;
        let keyed: Vec<(Vec<(u64, u8)>, u8)> = self.views[a..b]
            .par_iter()
            .map(|v| keys_of(v, &cfg))
            .collect();
        let mut mine: Vec<(u64, u8, u32)> = Vec::new();
        let mut spans: Vec<(usize, usize)> = Vec::with_capacity(b - a);
        let mut seen = FxHashSet::default();
        for (k, (keys, flags)) in keyed.into_iter().enumerate() {
            let idx = (a + k) as u32;
            let from = mine.len();
            seen.clear();
            for (key, kind) in keys {
                if !seen.insert(key) {
                    continue;
                }
                let block = self.blocks.entry(key).or_default();
                mine.push((key, kind, block.len() as u32));
                block.push(idx);
            }
            spans.push((from, mine.len()));
            self.stats.memberships += mine.len() - from;
            self.flags.push(flags);
            if flags & LOOSE != 0 {
                self.stats.loose += 1;
            }
            // documents: of the first source (the score's), every source, every copy
            let names = self.views[a + k].docs.clone();
            let mut ds: Vec<u32> = names.iter().map(|&n| self.intern(n)).collect();
            self.head.push(ds[0]);
            ds.sort_unstable();
            ds.dedup();
            let at = self.doc_arena.len() as u32;
            self.doc_arena.extend(ds);
            self.doc_span.push((at, self.doc_arena.len() as u32));
            self.cluster.push(idx);
            self.adj.push(Vec::new());
        }

        // candidates: each event with its predecessors in its blocks
        let w = cfg.window;
        let this = &*self;
        let found: Vec<Scored> = spans
            .par_iter()
            .enumerate()
            .map(|(k, &(from, to))| {
                let j = (a + k) as u32;
                let fj = this.flags[j as usize];
                let mut cands: Vec<u32> = Vec::new();
                for &(key, kind, pos) in &mine[from..to] {
                    let Some(block) = this.blocks.get(&key) else {
                        continue;
                    };
                    let pos = pos as usize;
                    for &i in &block[pos.saturating_sub(w)..pos] {
                        let f = this.flags[i as usize] | fj;
                        let admitted = match kind {
                            K_DAY_COUNTRY | K_DAY_PLACE => true,
                            K_DAY_ALL => f & NO_COUNTRY != 0,
                            K_ANY_COUNTRY | K_ANY_PLACE => f & LOOSE != 0,
                            _ => f & LOOSE != 0 && f & NO_COUNTRY != 0,
                        };
                        if admitted {
                            cands.push(i);
                        }
                    }
                }
                cands.sort_unstable();
                cands.dedup();
                let ej = &this.views[j as usize];
                let hj = this.head[j as usize];
                let mut edges = Vec::new();
                let mut compared = 0;
                for &i in &cands {
                    // the score refuses two events of one report: skip it cheaply
                    if this.head[i as usize] == hj {
                        continue;
                    }
                    compared += 1;
                    let s = score_views(&this.views[i as usize], ej);
                    // an event without a day joins another only on strong evidence
                    let dated = this.flags[i as usize] & fj & DATED != 0;
                    if s >= THRESHOLD && (dated || s >= STRONG) {
                        edges.push((i, s));
                    }
                }
                (edges, cands.len() as u64, compared)
            })
            .collect();
        for (k, (edges, c, compared)) in found.into_iter().enumerate() {
            let j = (a + k) as u32;
            self.stats.candidates += c;
            self.stats.comparisons += compared;
            for (i, s) in edges {
                self.stats.edges += 1;
                self.adj[i as usize].push((j, s));
                self.adj[j as usize].push((i, s));
            }
        }
    }

    /// Clusters again every component that holds an event from `first` on.
    fn recluster(&mut self, first: usize) {
        let n = self.views.len();
        let mut seen = vec![false; n];
        let mut stack = Vec::new();
        for start in first..n {
            if seen[start] {
                continue;
            }
            // the component, by depth-first search over edges
            let mut comp = Vec::new();
            seen[start] = true;
            stack.push(start as u32);
            while let Some(x) = stack.pop() {
                comp.push(x);
                for &(y, _) in &self.adj[x as usize] {
                    if !seen[y as usize] {
                        seen[y as usize] = true;
                        stack.push(y);
                    }
                }
            }
            comp.sort_unstable();
            self.stats.components += 1;
            self.stats.largest_component = self.stats.largest_component.max(comp.len());
            self.cluster_component(&comp);
        }
    }

    /// Best pairs first (score, then input order); one event per document
    /// in a cluster, and one day common to all its dated events (so that a
    /// span, "this week", cannot chain Monday's and Friday's events into
    /// one); the cluster is named by its first event.
    fn cluster_component(&mut self, comp: &[u32]) {
        if comp.len() == 1 {
            self.cluster[comp[0] as usize] = comp[0];
            return;
        }
        let local = |g: u32| comp.binary_search(&g).unwrap_or(0);
        let mut pairs: Vec<(std::cmp::Reverse<i32>, u32, u32)> = Vec::new();
        for &i in comp {
            for &(j, s) in &self.adj[i as usize] {
                if i < j {
                    pairs.push((std::cmp::Reverse(s), i, j));
                }
            }
        }
        pairs.sort_unstable();
        let mut parent: Vec<usize> = (0..comp.len()).collect();
        let mut docs_in: Vec<Vec<u32>> = comp
            .iter()
            .map(|&g| self.docs(g as usize).to_vec())
            .collect();
        // the days every dated member allows (compared as the score compares them)
        let mut days: Vec<Option<(&str, &str)>> = comp
            .iter()
            .map(|&g| self.views[g as usize].day_range())
            .collect();
        // the town or site of the cluster: a report that names only the country may join
        // either of two towns' events, never both (one event per place and day)
        let mut sites: Vec<Option<u64>> = comp
            .iter()
            .map(|&g| self.views[g as usize].site())
            .collect();
        // and its sides and countries: a record that names none may link two events, but
        // two events whose actors (or places) share no country never become one
        let mut sides: Vec<Sides> = comp
            .iter()
            .map(|&g| Sides::of(&self.views[g as usize]))
            .collect();
        for (_, i, j) in pairs {
            let (ri, rj) = (find(&mut parent, local(i)), find(&mut parent, local(j)));
            if ri == rj || shares(&docs_in[ri], &docs_in[rj]) {
                continue;
            }
            let common = match (days[ri], days[rj]) {
                (Some((a1, a2)), Some((b1, b2))) => {
                    let (lo, hi) = (a1.max(b1), a2.min(b2));
                    if lo > hi {
                        continue;
                    }
                    Some((lo, hi))
                }
                (x, y) => x.or(y),
            };
            if let (Some(x), Some(y)) = (&sites[ri], &sites[rj])
                && x != y
            {
                continue;
            }
            let disjoint = |x: &[u64], y: &[u64]| {
                !x.is_empty() && !y.is_empty() && !x.iter().any(|c| y.contains(c))
            };
            if [0, 1]
                .into_iter()
                .any(|k| disjoint(sides[ri].get(k), sides[rj].get(k)))
            {
                continue;
            }
            let (keep, gone) = if ri < rj { (ri, rj) } else { (rj, ri) };
            parent[gone] = keep;
            days[keep] = common;
            if sites[keep].is_none() {
                sites[keep] = sites[gone].take();
            }
            let gone_sides = std::mem::take(&mut sides[gone]);
            sides[keep].absorb(gone_sides);
            let moved = std::mem::take(&mut docs_in[gone]);
            docs_in[keep] = union(&docs_in[keep], &moved);
        }
        let roots: Vec<u32> = (0..comp.len())
            .map(|l| comp[find(&mut parent, l)])
            .collect();
        for (&g, r) in comp.iter().zip(roots) {
            self.cluster[g as usize] = r;
        }
    }

    /// The input indices of each output record, in output order (first
    /// appearance), each in input order.
    pub fn clusters(&self) -> Vec<Vec<usize>> {
        let mut slot = vec![u32::MAX; self.views.len()];
        let mut out: Vec<Vec<usize>> = Vec::new();
        for (i, &c) in self.cluster.iter().enumerate() {
            let c = c as usize;
            if slot[c] == u32::MAX {
                slot[c] = out.len() as u32;
                out.push(Vec::new());
            }
            out[slot[c] as usize].push(i);
        }
        out
    }

    /// Parent ids rewritten to the id of the record their event went into.
    fn parent_map(&self) -> FxHashMap<String, String> {
        let wanted: FxHashSet<&str> = self
            .views
            .iter()
            .filter_map(|v| v.parent.as_deref())
            .collect();
        let mut map = FxHashMap::default();
        if wanted.is_empty() {
            return map;
        }
        for (i, v) in self.views.iter().enumerate() {
            if wanted.contains(&*v.id) && !map.contains_key(&*v.id) {
                let root = &self.views[self.cluster[i] as usize];
                map.insert(v.id.to_string(), root.id.to_string());
            }
        }
        map
    }

    /// One record per cluster, in order of first appearance.
    pub fn events(&self) -> Vec<Event> {
        let pm = self.parent_map();
        self.clusters()
            .into_iter()
            .map(|members| {
                let refs: Vec<&Event> = members.iter().map(|&i| &self.events[i]).collect();
                let mut e = fuse(refs);
                rewrite_parent(&mut e, &pm);
                e
            })
            .collect()
    }

    /// Like [`Merger::events`], consuming the merger: records come one at
    /// a time (a record that stands alone is moved, not copied).
    pub fn into_records(self) -> Records {
        let parents = self.parent_map();
        let clusters = self.clusters();
        Records {
            slots: self.events.into_iter().map(Some).collect(),
            clusters: clusters.into_iter(),
            parents,
        }
    }

    /// Like [`Merger::events`], consuming the merger.
    pub fn into_events(self) -> Vec<Event> {
        self.into_records().collect()
    }

    /// The merged records of a merger built from views: `load` is given the
    /// input indices of one record's events (in input order) and returns
    /// those events, read again from wherever they are kept.
    pub fn into_records_with<F>(self, load: F) -> impl Iterator<Item = Event>
    where
        F: FnMut(&[usize]) -> Vec<Event>,
    {
        let parents = self.parent_map();
        let clusters = self.clusters();
        let mut load = load;
        clusters.into_iter().filter_map(move |members| {
            let events = load(&members);
            let mut e = match events.len() {
                0 => return None,
                1 => events.into_iter().next()?,
                _ => fuse(events.iter().collect()),
            };
            rewrite_parent(&mut e, &parents);
            Some(e)
        })
    }
}

/// The merged records of a [`Merger`], in order of first appearance.
pub struct Records {
    slots: Vec<Option<Event>>,
    clusters: std::vec::IntoIter<Vec<usize>>,
    parents: FxHashMap<String, String>,
}

impl Iterator for Records {
    type Item = Event;
    fn next(&mut self) -> Option<Event> {
        loop {
            let members = self.clusters.next()?;
            let e = if let [only] = members[..] {
                self.slots.get_mut(only).and_then(Option::take)
            } else {
                let refs: Vec<&Event> = members
                    .iter()
                    .filter_map(|&i| self.slots.get(i)?.as_ref())
                    .collect();
                let e = (!refs.is_empty()).then(|| fuse(refs));
                for &i in &members {
                    if let Some(s) = self.slots.get_mut(i) {
                        *s = None;
                    }
                }
                e
            };
            if let Some(mut e) = e {
                rewrite_parent(&mut e, &self.parents);
                return Some(e);
            }
        }
    }
}

/// What a cluster's records say about who and how, each as a set: the
/// countries of the actors, the countries of the places, the named bodies
/// and people that acted (not a country or "officials"), the modes. Two
/// clusters whose actor countries or place countries are both known and
/// disjoint are two events, whatever a record that names none of them
/// links them by. (Named bodies and modes are kept for the record but do
/// not split: reports of one strike name "the US Air Force" and "CENTCOM",
/// "airstrikes" and "missiles".)
#[derive(Default)]
struct Sides([Vec<u64>; 4]);

impl Sides {
    fn of(v: &View) -> Sides {
        Sides([
            v.actor_countries.to_vec(),
            v.place_countries.to_vec(),
            v.named.to_vec(),
            v.mode.iter().copied().collect(),
        ])
    }

    fn get(&self, k: usize) -> &[u64] {
        &self.0[k]
    }

    fn absorb(&mut self, other: Sides) {
        for (k, g) in self.0.iter_mut().zip(other.0) {
            for c in g {
                if !k.contains(&c) {
                    k.push(c);
                }
            }
        }
    }
}

fn rewrite_parent(e: &mut Event, pm: &FxHashMap<String, String>) {
    if let Some(p) = &e.parent
        && let Some(q) = pm.get(p)
    {
        e.parent = Some(q.clone());
    }
}

/// Union-find: the root of `i`, compressing the path to it.
pub(crate) fn find(p: &mut [usize], i: usize) -> usize {
    let mut r = i;
    while p[r] != r {
        r = p[r];
    }
    let mut x = i;
    while p[x] != r {
        let n = p[x];
        p[x] = r;
        x = n;
    }
    r
}

/// True when two sorted lists share an element.
fn shares(a: &[u32], b: &[u32]) -> bool {
    let (mut i, mut j) = (0, 0);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => return true,
        }
    }
    false
}

fn union(a: &[u32], b: &[u32]) -> Vec<u32> {
    let mut v = Vec::with_capacity(a.len() + b.len());
    v.extend_from_slice(a);
    v.extend_from_slice(b);
    v.sort_unstable();
    v.dedup();
    v
}
