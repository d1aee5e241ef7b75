#!/usr/bin/env python3
"""Build sitrep's actor dictionaries (data/actors/*.tsv) from public sources.

Run from the repository root:

    python3 scripts/build_actors.py

Inputs
  ../shared/data/petrarch2/dictionaries/Phoenix.{Countries,International,MilNonState}.actors.txt,
  ../shared/data/petrarch2/dictionaries/Phoenix.agents.txt   (PETRARCH2 / Phoenix, MIT)
  ../shared/data/geo/countryInfo.txt                          (GeoNames, CC BY 4.0)
  pycountry (ISO 3166-1 names) and country_converter's country_data.tsv (PyPI)
  data/actors/curated.tsv                                     (hand-curated, this repo)

Outputs (UTF-8, tab-separated, one '#' header line, no quoting)
  data/actors/countries.tsv   iso3 alias kind
  data/actors/orgs.tsv        canonical alias country sector kind
  data/actors/agents.tsv      word sector number
  data/actors/people.tsv      name country office start end aliases

The output is deterministic: the same inputs give byte-identical files.
Set SITREP_SHARED_DATA to read the shared data from another folder;
`--check` only re-runs the sanity checks on the files already written.
"""

import csv
import os
import re
import sys
import unicodedata
from collections import OrderedDict, defaultdict

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SHARED = os.environ.get("SITREP_SHARED_DATA", os.path.join(ROOT, "..", "shared", "data"))
PETR = os.path.join(SHARED, "petrarch2", "dictionaries")
GEO = os.path.join(SHARED, "geo")
OUT = os.path.join(ROOT, "data", "actors")
CURATED = os.path.join(OUT, "curated.tsv")

ORG_SECTORS = {"government", "military", "police", "intelligence", "judiciary", "legislature",
               "rebels", "militia", "insurgents", "terrorists", "opposition", "party", "media",
               "ngo", "igo", "business", "civilians", "religious"}
# Agents may also name crowds, refugees, unidentified armed men and criminals.
AGENT_SECTORS = ORG_SECTORS | {"protesters", "refugees", "unidentified", "criminals"}
ORG_KINDS = {"state_body", "armed_group", "igo", "ngo", "party", "media", "company", "other"}
COUNTRY_KINDS = ("name", "short", "demonym", "capital")
NUMBERS = {"sg", "pl", "mass"}


def die(msg):
    sys.exit("build_actors: " + msg)


# ---------------------------------------------------------------- text helpers

QUOTES = {"\u2018": "'", "\u2019": "'", "\u201b": "'", "\u2032": "'", "`": "'", "\u00b4": "'",
          "\u201c": '"', "\u201d": '"'}


def fold(s):
    """Key for duplicate detection: case, accents, quotes, dots, hyphens folded."""
    s = "".join(QUOTES.get(c, c) for c in s)
    s = unicodedata.normalize("NFKD", s)
    s = "".join(c for c in s if not unicodedata.combining(c)).lower()
    s = s.replace(".", "").replace("-", " ").replace("_", " ")
    s = re.sub(r"\s+", " ", s).strip()
    return re.sub(r"^the ", "", s)


def clean(s):
    """Trim and collapse spaces; straighten typographic apostrophes."""
    s = s.replace("\u2019", "'").replace("\u2018", "'")
    return re.sub(r"\s+", " ", s).strip()


# Words kept lower case inside a name (not at its start).
SMALL = {"of", "the", "and", "for", "in", "on", "at", "to", "by", "with", "from", "a", "an", "or",
         "de", "du", "des", "la", "le", "les", "el", "al", "ad", "ash", "as", "ar", "an", "az",
         "ul", "e", "i", "y", "et", "van", "von", "der", "den", "da", "do", "dos", "das", "di",
         "bin", "wal", "fi", "min", "li", "ibn", "en", "ez", "es", "ud", "ut"}
# Arabic article prefixes written with a hyphen ("al-Qassam", "ad-Din").
ARTICLES = {"al", "el", "ad", "ash", "as", "ar", "an", "az", "at", "ath", "adh", "ul", "ud",
            "e", "i", "wal", "bil", "lil", "ez", "es", "ed", "en", "er", "esh", "et", "ed", "dh"}
# Upper-case tokens that are acronyms even though they contain vowels.
ACRONYMS = {
    "NATO", "ASEAN", "OPEC", "IAEA", "UNICEF", "UNESCO", "UNHCR", "UNDP", "UNEP", "UNFPA", "UNSC",
    "UNAIDS", "UNIFIL", "UNAMI", "UNAMA", "UNMISS", "UNOCHA", "UNRWA", "UNIFEM", "UNMIN", "UNOG",
    "UNESCAP", "UNCTAD", "UNIDO", "UNITAR", "UNOPS", "UNDOF", "UNTSO", "UNMIK", "UNFICYP",
    "MONUC", "MONUSCO", "MINUSMA", "MINUSCA", "AMISOM", "ATMIS", "ECOWAS", "ECOMOG", "SADC",
    "IGAD", "COMESA", "CEMAC", "ECCAS", "OSCE", "OPCW", "OAU", "OAS", "OIC", "GCC", "APEC",
    "NAFTA", "USAID", "OHCHR", "ICRC", "IFRC", "IOM", "FAO", "WHO", "WFP", "ILO", "IMF", "WTO",
    "OECD", "CERN", "INTERPOL", "EUROPOL", "FRONTEX", "EULEX", "EUFOR", "KFOR", "ISAF", "SFOR",
    "IFOR", "UNITA", "FRELIMO", "RENAMO", "SWAPO", "ZANU", "ZAPU", "FARC", "ELN", "EPL", "ETA",
    "IRA", "INLA", "UVF", "UDA", "PKK", "PYD", "YPG", "YPJ", "SDF", "HTS", "ISIS", "ISIL", "AQIM",
    "AQAP", "LTTE", "ULFA", "NDFB", "MILF", "MNLF", "NPA", "CPP", "JEM", "LET", "HUM", "TTP",
    "BLA", "BLF", "ONLF", "OLF", "TPLF", "EPRDF", "SPLA", "SPLM", "JEM", "SLA", "RSF", "SAF",
    "MEND", "IPOB", "FDLR", "ADF", "LRA", "CNDP", "FNL", "FPR", "RPF", "UPDF", "AFRICOM",
    "CENTCOM", "EUCOM", "INDOPACOM", "SOUTHCOM", "NORTHCOM", "SOCOM", "NSA", "CIA", "FBI", "DEA",
    "ATF", "DHS", "ICE", "CBP", "NASA", "NOAA", "FEMA", "OFAC", "BBC", "CNN", "AFP", "NBC",
    "CBS", "ABC", "PBS", "NPR", "AP", "UPI", "RFE", "RFI", "DPA", "ANSA", "EFE", "TASS", "RIA",
    "IRNA", "ISNA", "SANA", "INA", "KCNA", "NHK", "KBS", "MBC", "LBC", "NTV", "RT", "CCTV",
    "CGTN", "HSBC", "IBM", "BP", "GE", "AT&T", "KPMG", "IKEA", "AIDS", "HIV", "NGO", "NGOS",
    "UAE", "USA", "USSR", "UK", "US", "EU", "UN", "DRC", "PRC", "ROK", "DPRK", "KSA", "CAR",
}
# Short words that must not be upper-cased as acronyms.
SHORT_WORDS = {
    "aid", "air", "all", "art", "bay", "big", "box", "car", "day", "end", "gas", "god", "hot",
    "joy", "key", "law", "man", "men", "new", "oil", "old", "one", "our", "own", "red", "sea",
    "sky", "sun", "ten", "top", "two", "war", "way", "act", "age", "arm", "bar", "bio", "eco",
    "fox", "fun", "gap", "ice", "inn", "job", "lab", "map", "net", "pan", "pay", "pro", "raw",
    "set", "six", "tea", "toy", "web", "zoo", "hub", "ace", "aim", "bee", "cab", "cup", "dog",
    "egg", "far", "fly", "fur", "gem", "gum", "hat", "hen", "ink", "jam", "lip", "mix", "nut",
    "oak", "pet", "pig", "rat", "rib", "row", "sir", "son", "tie", "tin", "van", "wet", "win",
    "yes", "zen", "ali", "abu", "bin", "ben", "san", "saint", "st", "mr", "mrs", "ms", "dr",
    "jr", "sr", "co", "inc", "ltd", "plc", "corp", "int", "intl", "dept", "mt", "mount",
    "umm", "ahl", "dar", "bir", "ras", "tel", "jal", "kom", "sud", "nord", "est", "ouest",
    "via", "pax", "vox", "lux", "rex", "opus", "amor", "fe", "fé", "eye", "ark", "elm", "ivy",
}


def _cap(word):
    """Capitalise one word, handling Mc and O' prefixes."""
    if not word:
        return word
    low = word.lower()
    if low.startswith("mc") and len(low) > 3:
        return "Mc" + low[2].upper() + low[3:]
    m = re.match(r"^([a-z])'([a-z].*)$", low)  # O'Kennedy, D'Arcy
    if m:
        return m.group(1).upper() + "'" + m.group(2)[0].upper() + m.group(2)[1:]
    return low[0].upper() + low[1:]


COMMON_INITIAL = {"bh", "bl", "br", "ch", "cl", "cr", "dr", "fl", "fr", "gl", "gr", "kh", "kl", "kr", "ph",
                  "pl", "pr", "sc", "sh", "sk", "sl", "sm", "sn", "sp", "st", "sw", "th", "tr", "tw",
                  "wh", "wr", "zh", "ts", "dh", "gh", "sch", "str", "spr", "scr", "thr", "chr", "shr"}
COMMON_FINAL = {"nd", "nt", "st", "ng", "nk", "rk", "rt", "rd", "ck", "ch", "sh", "th", "ll", "ss",
                "ff", "rn", "rm", "ld", "lt", "mp", "ft", "pt", "ct", "ks", "ts", "ns", "rs", "ls",
                "ms", "ds", "gs", "ps", "rg", "rl", "rb", "lk", "lm", "lf", "nc", "nz", "tz", "gh",
                "sk", "sm", "sp", "xt", "rc", "rp", "rf", "rv", "lp", "nch", "rch", "nth", "rth"}
MONTHS = {"jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "sept", "oct", "nov",
          "dec", "june", "july"}


def _unpronounceable(low):
    """Heuristic for acronyms written as one upper-case word (DPKO, IPCC, AUPSC)."""
    if any(not re.search(r"[rlhsn]", run) for run in re.findall(r"[^aeiouy]{3,}", low)):
        return True
    m = re.match(r"^([^aeiouy]+)", low)
    if m and len(m.group(1)) >= 2 and m.group(1) not in COMMON_INITIAL:
        return True
    m = re.search(r"([^aeiouy]+)$", low)
    if m and len(m.group(1)) >= 2 and m.group(1) not in COMMON_FINAL:
        return True
    return False


def _is_acronym(tok, vocab, extra_acr, single=False, person=False):
    t = tok.strip("().,")
    if not t or not re.search(r"[A-Za-z]", t):
        return False
    if t.upper() != t:          # already mixed case: leave it
        return False
    if re.search(r"\d", t):      # 20TH, 1920S, 3D
        return False
    if "." in t and re.fullmatch(r"(?:[A-Z]\.)+[A-Z]?\.?", t):
        return True
    if re.fullmatch(r"(?:II|III|IV|VI|VII|VIII|IX|XI|XII)", t):
        return True
    if person:
        return False
    if t in ACRONYMS or t in extra_acr:
        return True
    letters = re.sub(r"[^A-Za-z]", "", t)
    if not letters:
        return False
    low = letters.lower()
    if low in SMALL or low in SHORT_WORDS or low in MONTHS:
        return False
    if not re.search(r"[AEIOUY]", letters):
        return True
    if single and low not in vocab and "-" not in t:
        if len(letters) <= 3:
            return True
        if len(letters) <= 7 and _unpronounceable(low):
            return True
    return False


PERSON_PARTICLES = {"al", "el", "bin", "ibn", "van", "von", "der", "den", "de", "da", "di", "du",
                    "la", "le", "ul", "ud", "ad", "ash", "as", "ar", "an", "az", "y"}


def natural_case(raw, extra_acr=frozenset(), vocab=frozenset(), person=False):
    """PETRARCH upper-case NAME_WITH_UNDERSCORES -> natural case with spaces."""
    s = raw.replace("_", " ").replace("\u2019", "'")
    s = re.sub(r"\s+", " ", s).strip()
    if not s:
        return s
    if s.upper() != s:          # already in mixed case in the source
        return s
    toks = s.split(" ")
    single = len(toks) == 1
    small = PERSON_PARTICLES if person else SMALL
    out = []
    for i, tok in enumerate(toks):
        if _is_acronym(tok, vocab, extra_acr, single, person):
            out.append(tok)
            continue
        # split on hyphens and slashes, keep separators
        parts = re.split(r"([-/])", tok)
        newparts = []
        for j, p in enumerate(parts):
            if p in ("-", "/") or not p:
                newparts.append(p)
                continue
            first_of_name = (i == 0 and j == 0)
            low = p.lower()
            if re.search(r"\d", p):
                newparts.append(low)
            elif len(parts) > 1 and _is_acronym(p, vocab, extra_acr, False, person):
                newparts.append(p)
            elif not first_of_name and (
                    (low in small and len(parts) == 1)
                    or (j + 1 < len(parts) and parts[j + 1] == "-" and low in ARTICLES)):
                newparts.append(low)
            else:
                newparts.append(_cap(p))
        out.append("".join(newparts))
    s = " ".join(out)
    # "'S" possessive stays lower case
    s = re.sub(r"'S\b", "'s", s)
    return s


# ---------------------------------------------------------------- PETRARCH reader

CODE_RE = re.compile(r"\[([^\]]*)\]")


def read_petrarch(path):
    """Parse a TABARI/PETRARCH actor file into entries.

    Each entry: {'name', 'syn': [..], 'codes': [(code, start, end)], 'comment', 'line'}.
    Dates are returned as 'YYYY-MM-DD' strings or ''.
    """
    entries = []
    cur = None
    with open(path, encoding="utf-8", errors="replace") as f:
        for ln, line in enumerate(f, 1):
            line = line.rstrip("\r\n").replace("\x1a", "")
            if not line.strip():
                continue
            body, _, comment = line.partition("#")
            if not body.strip():
                continue
            if line[0] == "+":
                if cur is not None:
                    syn = CODE_RE.sub("", body[1:]).strip()
                    if syn:
                        cur["syn"].append(syn)
                    cur["codes"].extend(parse_codes(body))
                continue
            if line[0] in " \t":
                if cur is not None:
                    cur["codes"].extend(parse_codes(body))
                continue
            name = CODE_RE.sub("", body).strip()
            cur = {"name": name, "syn": [], "codes": parse_codes(body), "comment": comment.strip(),
                   "line": ln}
            entries.append(cur)
    return entries


def parse_codes(text):
    out = []
    for m in CODE_RE.finditer(text):
        inner = m.group(1).strip()
        if not inner:
            continue
        parts = inner.split()
        code = parts[0]
        start = end = ""
        if len(parts) > 1:
            d = "".join(parts[1:])
            if d.startswith(">"):
                start = petr_date(d[1:])
            elif d.startswith("<"):
                end = petr_date(d[1:])
            elif "-" in d:
                a, b = d.split("-", 1)
                start, end = petr_date(a), petr_date(b)
            if start is None or end is None:
                continue          # malformed date: drop the code
            if not (start or end):
                continue
        out.append((code, start, end))
    return out


def petr_date(s):
    """YYMMDD or YYYYMMDD -> YYYY-MM-DD (two-digit years: 00-29 -> 20xx, else 19xx)."""
    s = s.strip()
    if re.fullmatch(r"\d{8}", s):
        y, m, d = int(s[:4]), int(s[4:6]), int(s[6:8])
    elif re.fullmatch(r"\d{6}", s):
        yy, m, d = int(s[:2]), int(s[2:4]), int(s[4:6])
        y = 2000 + yy if yy < 30 else 1900 + yy
    else:
        return None
    if not (1 <= m <= 12 and 1 <= d <= 31 and 1800 <= y <= 2100):
        return None
    return "%04d-%02d-%02d" % (y, m, d)


# ---------------------------------------------------------------- curated input

def read_curated(path):
    """curated.tsv: first field is the record type; see the file header."""
    recs = defaultdict(list)
    widths = {"country": 6, "org": 6, "agent": 4, "person": 7, "drop": 3}
    with open(path, encoding="utf-8") as f:
        for ln, line in enumerate(f, 1):
            line = line.rstrip("\n")
            if not line.strip() or line.startswith("#"):
                continue
            fields = line.split("\t")
            typ = fields[0]
            if typ not in widths:
                die("%s:%d: unknown record type %r" % (path, ln, typ))
            if len(fields) != widths[typ]:
                die("%s:%d: %s record needs %d fields, has %d" % (path, ln, typ, widths[typ], len(fields)))
            recs[typ].append([clean(x) for x in fields[1:]] + [ln])
    return recs


def split_list(s):
    return [clean(x) for x in s.split("|") if clean(x)] if s else []


# ---------------------------------------------------------------- countries

def load_geonames():
    rows = {}
    with open(os.path.join(GEO, "countryInfo.txt"), encoding="utf-8") as f:
        for line in f:
            if line.startswith("#"):
                continue
            p = line.rstrip("\n").split("\t")
            if len(p) < 6:
                continue
            rows[p[1]] = {"iso2": p[0], "name": p[4], "capital": p[5]}
    return rows


def load_cc():
    """country_converter's data table (read as plain TSV; avoids its pandas path)."""
    import importlib.util
    spec = importlib.util.find_spec("country_converter")   # locate without importing pandas
    if spec is None or not spec.submodule_search_locations:
        die("country_converter is not installed (pip install country_converter)")
    path = os.path.join(list(spec.submodule_search_locations)[0], "country_data.tsv")
    rows = {}
    with open(path, encoding="utf-8") as f:
        for r in csv.DictReader(f, delimiter="\t"):
            rows[r["ISO3"]] = r
    return rows


def uninvert(name):
    """'Korea, Republic of' -> 'Republic of Korea'; 'Virgin Islands, U.S.' -> 'U.S. Virgin Islands'.

    Other comma names ('Taiwan, Province of China', 'Saint Helena, Ascension and ...')
    are returned unchanged when they read naturally, or None."""
    name = re.sub(r"\s*\([^)]*\)", "", name).strip()       # 'Saint Martin (French part)'
    if "," not in name:
        return name
    head, tail = [x.strip() for x in name.split(",", 1)]
    if "," in tail:
        return None
    if re.search(r"\b(of|of the)$", tail) or len(tail.split()) == 1:
        return re.sub(r"^The ", "", tail + " " + head)
    if head.startswith("Saint Helena"):
        return name
    return None


def initials(name):
    ws = [w for w in re.split(r"[\s-]+", name) if w and w.lower() not in ("of", "the", "and")]
    return "".join(w[0] for w in ws).upper()


DEMONYM_SUFFIX = ("an", "ian", "ean", "ese", "lese", "ish", "i", "ic", "ch", "ar", "ot", "ite", "n")
NAME_WORDS = {"republic", "of", "the", "democratic", "people's", "peoples", "islamic", "federal",
              "federation", "kingdom", "socialist", "arab", "union", "and"}
STEM_ENDINGS = ("istan", "stan", "land", "ia", "a", "y", "e", "o", "es", "s")


def fold_ci(s):
    """Case, accents and quote styles folded; dots and hyphens kept (U.S. != US)."""
    s = "".join(QUOTES.get(c, c) for c in s)
    s = unicodedata.normalize("NFKD", s)
    s = "".join(c for c in s if not unicodedata.combining(c)).lower()
    return re.sub(r"\s+", " ", s).strip()


def is_demonym(word, cores):
    """'iranian' for core 'iran', 'afghan' for 'afghanistan', 'emirati' for 'emirates' ..."""
    w = word
    for cand in (w, w[:-1] if w.endswith("s") else None):
        if not cand:
            continue
        for c in cores:
            stems = {c, c.rstrip("aeiouy")}
            for end in STEM_ENDINGS:
                if c.endswith(end) and len(c) > len(end):
                    stems.add(c[: -len(end)])
            if len(cand) == len(c) and sum(x != y for x, y in zip(cand, c)) <= 2:
                continue               # a misspelling of the name, not a demonym
            for st in stems:
                if len(st) < 4 or not cand.startswith(st):
                    continue
                rest = cand[len(st):]
                if rest in DEMONYM_SUFFIX:
                    return True
                if rest == "" and c != cand and (c.endswith("stan") or c.endswith("land")):
                    return True        # Afghan, Uzbek, Kazakh, Kyrgyz
    return False


def phoenix_country_blocks(entries, valid):
    """Country-level name blocks of Phoenix.Countries (entries coded [ISO] or [PARCHLD])."""
    remap = {"KSV": "XKX"}
    out = defaultdict(list)
    for e in entries:
        if "countryinfo" in e["comment"].lower():
            continue
        codes = [c for c, s, t in e["codes"] if not s and not t]
        if len(codes) != 1:
            continue
        c = codes[0]
        iso = None
        if len(c) == 3:
            iso = remap.get(c, c)
        elif len(c) == 6:
            if c[3:] in valid:
                iso = c[3:]
            elif c[:3] in valid:
                iso = c[:3]
        if iso in valid:
            out[iso].append(e)
    return out


def build_countries(cur, pe_countries, vocab):
    import pycountry
    geo = load_geonames()
    cc = load_cc()
    countries = {c.alpha_3: c for c in pycountry.countries}
    valid = set(countries) | {"XKX"}
    if "PSE" not in valid:
        die("pycountry lacks PSE")
    cur_by = {}
    for iso, name, short, dem, cap, ln in cur["country"]:
        if iso not in valid:
            die("curated.tsv:%d: unknown country %s" % (ln, iso))
        if iso in cur_by:
            die("curated.tsv:%d: country %s twice" % (ln, iso))
        cur_by[iso] = (name, split_list(short), split_list(dem), split_list(cap))
    dropped = {fold_ci(a) for a, table, ln in cur["drop"] if table == "country"}
    # sovereign states: UN members (country_converter) plus observers and Kosovo, Taiwan
    sovereign = {iso for iso, r in cc.items() if r.get("UNmember", "").strip()} | {"PSE", "VAT", "XKX", "TWN"}

    cand = {iso: OrderedDict((k, []) for k in COUNTRY_KINDS) for iso in valid}
    curated = set()          # (iso, folded alias) stated by hand
    for iso in sorted(valid):
        pc = countries.get(iso)
        cname, cshort, cdem, ccap = cur_by.get(iso, ("", [], [], []))
        g = geo.get(iso, {})
        name = cname or g.get("name") or (pc.name if pc else None)
        if not name:
            die("no name for %s" % iso)
        cand[iso]["name"].append(name)
        curated.add((iso, fold_ci(name)))
        for a in cshort:
            cand[iso]["short"].append(a)
            curated.add((iso, fold_ci(a)))
        for a in cdem:
            cand[iso]["demonym"].append(a)
            curated.add((iso, fold_ci(a)))
        extra = []
        if g.get("name"):
            extra.append(g["name"])
        if pc is not None:
            for attr in ("common_name", "name", "official_name"):
                v = getattr(pc, attr, None)
                if v:
                    u = uninvert(v)
                    if u:
                        extra.append(u)
        r = cc.get(iso)
        if r:
            extra += [uninvert(r["name_short"]), uninvert(r["name_official"])]
        for a in extra:
            a = re.sub(r"^the ", "", clean(a or ""))
            if a:
                cand[iso]["short"].append(a)
        # capitals: sovereign states only (a territory's capital is not a metonym for it)
        if iso in sovereign:
            veto = {fold_ci(a[1:]) for a in ccap if a.startswith("-")}
            caps = [a for a in ccap if not a.startswith("-")]
            for a in caps:
                curated.add((iso, fold_ci(a)))
            if g.get("capital"):
                caps.append(g["capital"])
            cand[iso]["capital"] = [a for a in caps if fold_ci(a) not in veto]

    # Phoenix country blocks as an extra source, filtered to names and demonyms
    # (the blocks also list cities, regions, rivers, foreign-language names, misspellings).
    for iso, ents in sorted(pe_countries.items()):
        known = [a for k in ("name", "short") for a in cand[iso][k]]
        core = set()
        known_toks = set()
        for a in known:
            for w in re.split(r"[\s\-]+", a):
                lw = fold(w)
                known_toks.add(lw)
                if len(lw) >= 3 and lw not in NAME_WORDS and lw not in ("united", "north", "south",
                                                                      "east", "west", "great",
                                                                      "islands", "saint", "new"):
                    core.add(lw)
        caps = {fold(t) for a in cand[iso]["capital"] for t in re.split(r"[\s\-]+", a)}
        inits = {initials(a) for a in known if len(a.split()) >= 2}
        inits = {i for i in inits if 2 <= len(i) <= 4}
        have = {fold_ci(a) for k in COUNTRY_KINDS for a in cand[iso][k]}

        def core_seq(tokens):
            return [t for t in tokens if t not in NAME_WORDS]
        known_seqs = {tuple(core_seq([fold(t) for t in re.split(r"[\s\-]+", a) if t])) for a in known}
        for e in ents:
            for raw in [e["name"]] + e["syn"]:
                raw = raw.strip().rstrip("_").strip()
                if not raw or "(" in raw or "," in raw or re.search(r"[^A-Za-z' .\-_]", raw):
                    continue
                nat = re.sub(r"^The ", "", natural_case(raw, vocab=vocab))
                toks = [fold(t) for t in re.split(r"[\s\-]+", nat) if t]
                if not toks or fold_ci(nat) in have or re.search(r"[a-z]{3,}\.", nat):
                    continue
                letters = re.sub(r"[^A-Za-z]", "", raw)
                kind = None
                if len(toks) == 1 and toks[0] not in core:
                    # Phoenix demonyms only where the curated list has none (territories);
                    # elsewhere its extra forms are mostly misspellings or foreign words
                    if is_demonym(toks[0], core):
                        kind = "demonym" if not cur_by.get(iso, ("", [], [], []))[2] else None
                    elif letters.upper() == letters and letters in inits:
                        nat = raw.replace("_", "")
                        if re.fullmatch(r"(?:[A-Z]\.){2,4}|[A-Z]{2,4}", nat):
                            kind = "short"
                elif len(toks) == 2 and any(a in core and a not in caps and b in caps and b not in core
                                            for a, b in (toks, toks[::-1])):
                    kind = "short"                 # 'Congo Kinshasa', 'Kinshasa Congo'
                elif len(toks) > 1 and tuple(core_seq(toks)) in known_seqs and core_seq(toks):
                    kind = "short"                 # 'Democratic Republic of Congo'
                if kind:
                    have.add(fold_ci(nat))
                if kind:
                    cand[iso][kind].append(nat)

    # one alias (folded) -> one country: a hand-stated alias wins; other collisions are
    # dropped as ambiguous. Within a country the first spelling (and kind) wins.
    owners = defaultdict(set)
    for iso in cand:
        for kind, lst in cand[iso].items():
            for a in lst:
                owners[fold(a)].add(iso)
    cur_owner = defaultdict(set)
    for iso, k in curated:
        cur_owner[fold(k)].add(iso)
    rows, collisions = [], []
    for iso in sorted(valid):
        seen = set()
        for kind in COUNTRY_KINDS:
            for a in cand[iso][kind]:
                a = clean(a)
                k = fold_ci(a)
                if not a or k in seen:
                    continue
                if kind != "name":
                    if k in dropped:
                        continue
                    own = owners[fold(a)]
                    if len(own) > 1:
                        co = cur_owner[fold(a)]
                        if len(co) == 1:
                            if iso not in co:
                                collisions.append((a, iso, "kept for " + next(iter(co))))
                                continue
                        else:
                            collisions.append((a, iso, "ambiguous " + ",".join(sorted(own))))
                            continue
                seen.add(k)
                rows.append((iso, a, kind))
    return rows, valid, collisions


# ---------------------------------------------------------------- orgs

SECTOR_CODES = {"GOV": "government", "MIL": "military", "COP": "police", "SPY": "intelligence",
                "JUD": "judiciary", "LEG": "legislature", "REB": "rebels", "INS": "insurgents",
                "SEP": "rebels", "OPP": "opposition", "PTY": "party", "MED": "media",
                "CVL": "civilians", "BUS": "business", "NGO": "ngo", "IGO": "igo",
                "REL": "religious", "MUS": "religious", "CHR": "religious", "JEW": "religious",
                "HIN": "religious", "BUD": "religious", "PRM": "militia", "UAF": "militia",
                "MNC": "business"}
# CAMEO 3-letter codes that are regions / sectors / religions, never countries, even
# where they collide with an ISO code.
NOT_COUNTRY = {"MUS", "CAF", "SAS", "SEA", "SAM", "SAF", "NAF", "WAF", "EAF", "LAM", "MEA", "EUR",
               "EEU", "WEU", "ASA", "AFR", "ARB", "CAS", "NMR", "CRB", "WST", "BLK", "CAU", "MDE",
               "PGS", "SCN", "GLP_REGION"}
COUNTRY_REMAP = {"PAL": "PSE", "ROM": "ROU", "TMP": "TLS", "KSV": "XKX", "ZAR": "COD"}

ORG_WORDS = {"organization", "organisation", "union", "council", "committee", "commission",
             "agency", "bank", "fund", "association", "federation", "society", "institute",
             "foundation", "league", "movement", "front", "army", "brigade", "brigades",
             "battalion", "battalions", "force", "forces", "group", "party", "ministry",
             "department", "office", "service", "services", "court", "tribunal", "assembly",
             "parliament", "congress", "senate", "guard", "guards", "corps", "police", "navy",
             "militia", "militias", "network", "alliance", "coalition", "centre", "center",
             "program", "programme", "mission", "board", "bureau", "authority", "secretariat",
             "administration", "company", "corporation", "corp", "inc", "ltd", "group", "holdings",
             "international", "partners", "trust", "church", "council", "jihad", "resistance",
             "liberation", "revolutionary", "cells", "nuclei", "faction", "squad", "command",
             "unit", "units", "jamaat", "jamaah", "harakat", "hizb", "jabhat", "jaysh", "jaish",
             "liwa", "kataib", "kata'ib", "ansar", "tanzim", "majlis", "front", "regiment",
             "division", "school", "university", "academy", "club", "order", "station", "radio",
             "television", "news", "times", "post", "journal", "press", "media", "tribune",
             "herald", "agency", "ngo", "relief", "aid", "rights", "watch", "initiative",
             "project", "campaign", "forum", "institution", "cooperation", "community",
             "conference", "treaty", "pact", "summit", "secretariat", "cartel", "gang", "mafia",
             "clan", "tribe", "emirate", "caliphate", "state", "republic"}
ROLE_WORDS = {"president", "minister", "chancellor", "secretary", "director", "spokesman",
              "spokeswoman", "spokesperson", "ambassador", "chief", "chairman", "premier", "king",
              "queen", "prince", "princess", "emperor", "envoy", "governor", "mayor", "senator",
              "general", "admiral", "commander", "leader", "head", "deputy", "representative",
              "rapporteur", "adviser", "advisor", "official", "officials", "coordinator", "monitor",
              "peacekeeper", "peacekeepers", "contingent", "chief's", "presidents", "ministers",
              "bundeskanzler", "officer", "officers", "judge", "prosecutor", "soldiers", "troops"}
TITLE_WORDS = {"president", "vice-president", "vice", "prime", "minister", "general", "gen", "gen.",
               "colonel", "col", "col.", "king", "queen", "prince", "princess", "sheikh", "shaikh",
               "sheik", "emir", "amir", "ayatollah", "hojatolislam", "hojjatoleslam", "sayyed",
               "sayyid", "dr", "dr.", "mr", "mr.", "mrs", "mrs.", "ms", "ms.", "sir", "lord", "lady",
               "baroness", "marshal", "field", "admiral", "bishop", "cardinal", "pope", "sultan",
               "mullah", "maulana", "haj", "hajji", "chief", "senator", "gov", "gov.", "governor",
               "secretary", "chairman", "premier", "chancellor", "foreign", "defense", "defence",
               "former", "lt", "lt.", "lieutenant", "maj", "maj.", "major", "brig", "brig.",
               "brigadier", "capt", "capt.", "captain", "mayor", "speaker", "deputy", "acting",
               "crown", "grand", "imam", "rev", "rev.", "reverend", "father", "archbishop",
               "patriarch", "his", "her", "highness", "majesty", "excellency", "the",
               "secretary-general", "un", "u.n.", "commander", "leader", "sen.", "rep.",
               "congressman", "congresswoman", "ambassador", "justice", "judge"}


def code_country(code, valid, prefix_len=0):
    """First 3-letter chunk of a CAMEO code (after `prefix_len` chars) that is a country."""
    chunks = [code[i:i + 3] for i in range(prefix_len, len(code) - 2, 3)]
    for ch in chunks:
        ch = COUNTRY_REMAP.get(ch, ch)
        if ch in NOT_COUNTRY:
            continue
        if ch in valid:
            return ch
    return ""


def code_sector(code, skip=0):
    chunks = [code[i:i + 3] for i in range(skip, len(code) - 2, 3)]
    secs = [SECTOR_CODES[c] for c in chunks if c in SECTOR_CODES]
    if not secs:
        return ""
    # GOV with a more specific second sector (GOVLEG, GOVMIL, GOVCOP, GOVSPY, GOVJUD)
    if secs[0] == "government" and len(secs) > 1 and secs[1] in (
            "legislature", "military", "police", "intelligence", "judiciary"):
        return secs[1]
    return secs[0]


GROUP_WORDS = {"mujahideen", "mujahidin", "mujahedeen", "mujahedin", "jemaah", "jamaah", "jamaat",
               "jamaa", "islamiyah", "islamiya", "islamiyya", "qaeda", "qaida", "qa'ida", "taliban",
               "hezbollah", "hizbollah", "hizballah", "hamas", "fatah", "shabaab", "shabab",
               "ansar", "jabhat", "harakat", "harakah", "hizb", "jaysh", "jaish", "liwa", "kataib",
               "kata'ib", "katibat", "tanzim", "saraya", "majlis", "ahrar", "fedayeen", "fidayeen",
               "guerrilla", "guerrillas", "rebels", "insurgents", "militants", "separatists",
               "commando", "commandos", "cell", "cells", "brotherhood", "tigers", "panthers",
               "shinrikyo", "mafia", "ndrangheta", "camorra", "cosa", "nostra", "triad", "yakuza"}


def looks_like_person(name, first_names, vocab=frozenset(), strict=False):
    """Heuristic: does a converted name look like a person rather than a body?"""
    toks = [re.sub(r"[^a-z'.]", "", t) for t in name.lower().split()]
    toks = [t for t in toks if t]
    if not toks:
        return False
    if any(t.strip("'.") in ORG_WORDS or t.strip("'.") in GROUP_WORDS for t in toks):
        return False
    while toks and toks[0] in TITLE_WORDS:
        toks = toks[1:]
    if len(toks) < 2 or len(toks) > 5:
        return False
    if toks[0].strip(".") in first_names:
        return True
    if any(len(t.strip(".")) == 1 for t in toks):
        return True              # initials: "R.K. Pachauri", "Acharya G Kishore"
    if strict and not any(t in vocab or t in SMALL or t in ARTICLES for t in toks):
        return True
    return False


def usable_name(raw):
    """Reject junk: commas, colons, '+', parentheses left inside, too short, digits only."""
    s = raw.strip().strip("_").strip()
    if not s or re.search(r"[,:;+\[\]{}<>=*?!\"|\\]", s):
        return None
    if "(" in s or ")" in s:
        return None
    if len(re.sub(r"[^A-Za-z]", "", s)) < 2:
        return None
    return s


def split_acronym(raw):
    """'ANIMAL_LIBERATION_FRONT_(ALF)_' -> ('ANIMAL_LIBERATION_FRONT', 'ALF', False).

    A longer parenthetical is a disambiguator ('NATIONAL_LIBERATION_ARMY_(BOLIVIA)'): the
    third value is then True and the bare base name should not be used on its own."""
    s = raw.strip().rstrip("_").strip()
    m = re.match(r"^(.*?)[_\s]*\(([^)]*)\)[_\s]*$", s)
    if not m:
        return s, None, False
    inner = m.group(2).strip("_ .")
    if re.fullmatch(r"[A-Z][A-Z0-9&\-/.]{1,4}", inner):
        return m.group(1), inner, False
    return m.group(1), None, True


def org_kind_for(sector, code):
    if code.startswith("IGO"):
        return "igo"
    if code.startswith("NGO"):
        return "ngo"
    if code.startswith("MNC"):
        return "company"
    if sector in ("rebels", "insurgents", "terrorists", "militia"):
        return "armed_group"
    if sector == "party":
        return "party"
    if sector == "media":
        return "media"
    if sector in ("government", "military", "police", "intelligence", "judiciary", "legislature"):
        return "state_body"
    return "other"


def phoenix_orgs(ent_sets, valid, first_names, vocab):
    """Convert Phoenix MilNonState / International / Countries institutions to org records."""
    out = []      # list of dicts: canonical, aliases, country, sector, kind, src
    for src, entries in ent_sets:
        for e in entries:
            codes = e["codes"]
            if not codes:
                continue
            if any(s or t for c, s, t in codes):
                continue                          # date-limited codes: a person's roles
            if "countryinfo" in e["comment"].lower() or "igorulers" in e["comment"].lower():
                continue
            code = codes[-1][0]                    # last undated code is the default
            if code in ("---", "ELI") or code.endswith("ELI"):
                continue
            country, sector = "", ""
            if src == "countries":
                if len(code) <= 3 or (len(code) == 6 and code[3:] in valid | set(COUNTRY_REMAP)):
                    continue                       # country / territory name block
                country = code_country(code[:3], valid)
                sector = code_sector(code, 3)
                if not country or not sector:
                    continue
            elif code.startswith("IGO"):
                sector = "igo"
            elif code.startswith("NGO"):
                sector = "ngo"
                country = code_country(code, valid, 3)
                if code[3:6] in SECTOR_CODES or code[3:6] in NOT_COUNTRY:
                    country = code_country(code[3:6], valid) if code[3:6] not in NOT_COUNTRY else ""
            elif code.startswith("MNC"):
                sector = "business"
                country = code_country(code[3:6], valid)
            elif code.startswith("IMG"):
                sector = "terrorists" if "ALQ" in code else "insurgents"
                country = code_country(code, valid, 3)
            elif code == "MED":
                sector = "media"
            elif code[:3] in valid or code[:3] in COUNTRY_REMAP:
                country = code_country(code[:3], valid)
                sector = code_sector(code, 3) or ""
                if not sector:
                    continue
            else:
                continue                           # region-coded or unknown: skip
            if src == "milnonstate" and sector in ("government",):
                continue
            kind = org_kind_for(sector, code)
            # the MilNonState "__" list mixes militants' personal names with groups
            need_group_word = (src == "milnonstate" and e["name"].endswith("__")) or src == "countries"
            names = []
            acr_all = set()
            for raw in [e["name"]] + e["syn"]:
                base, acr, disamb = split_acronym(raw)
                if acr:
                    acr_all.add(acr.strip("."))
                if not disamb:
                    names.append((base, acr))
            # acronyms that are initials of a sibling name keep upper case
            inits = set()
            for base, _ in names:
                ws = [w for w in re.split(r"[_\s\-]+", base) if w and w.upper() not in ("OF", "THE", "AND", "FOR")]
                if len(ws) >= 2:
                    inits.add("".join(w[0] for w in ws).upper())
            aliases = []
            for base, acr in names:
                nb = usable_name(base)
                if nb:
                    single = re.sub(r"[_\s]+", "", nb)
                    extra = acr_all | ({single} if single.upper() in inits else set())
                    nat = natural_case(nb, frozenset(extra), vocab)
                    if looks_like_person(nat, first_names, vocab, strict=(src != "milnonstate")):
                        continue
                    if need_group_word and not (set(re.findall(r"[a-z']+", nat.lower())) & (ORG_WORDS | GROUP_WORDS)):
                        continue
                    toks = set(fold(nat).split())
                    if toks & ROLE_WORDS and not toks & (ORG_WORDS - {"state", "republic"}):
                        continue
                    aliases.append(nat)
                if acr and len(acr) >= 3:
                    aliases.append(acr)
            aliases = list(OrderedDict.fromkeys(a for a in aliases if a))
            if not aliases:
                continue
            out.append({"canonical": aliases[0], "aliases": aliases, "country": country,
                        "sector": sector, "kind": kind, "src": src, "line": e["line"]})
    return out


APOS_IN_WORD = re.compile(r"(?<=[A-Za-z])'(?=[A-Za-z])(?!s\b)")


def alias_variants(a):
    """Extra spellings: transliteration apostrophes dropped (Kata'ib -> Kataib)."""
    out = []
    if APOS_IN_WORD.search(a):
        out.append(APOS_IN_WORD.sub("", a))
    return out


def build_orgs(cur, pe_orgs, valid, common_words, country_aliases=frozenset()):
    rows = []
    claimed = {}                 # folded alias -> canonical (curated first)
    canon_seen = {}
    curated_orgs = []
    for canonical, country, sector, kind, aliases, ln in cur["org"]:
        if country and country not in valid:
            die("curated.tsv:%d: bad country %s" % (ln, country))
        if sector not in ORG_SECTORS:
            die("curated.tsv:%d: bad sector %s" % (ln, sector))
        if kind not in ORG_KINDS:
            die("curated.tsv:%d: bad kind %s" % (ln, kind))
        if canonical in canon_seen:
            die("curated.tsv:%d: org %r already at line %d" % (ln, canonical, canon_seen[canonical]))
        canon_seen[canonical] = ln
        al = [canonical] + split_list(aliases)
        for a in list(al):
            al += alias_variants(a)
        seen = set()
        al = [a for a in al if not (fold_ci(a) in seen or seen.add(fold_ci(a)))]
        curated_orgs.append((canonical, al, country, sector, kind, ln))
    # curated: an alias claimed twice is an error (ambiguity must be decided by hand)
    for canonical, al, country, sector, kind, ln in curated_orgs:
        for a in al:
            k = fold(a)
            if k in claimed and claimed[k] != canonical:
                die("curated.tsv:%d: alias %r of %r already belongs to %r" % (ln, a, canonical, claimed[k]))
            claimed[k] = canonical
    dropped = {fold(a) for a, why, ln in cur["drop"] if why.startswith("org")}
    # Phoenix: skip aliases curated already has; an alias several Phoenix bodies share is
    # ambiguous and dropped; single common English words are dropped.
    pe_claims = defaultdict(set)
    for o in pe_orgs:
        for a in o["aliases"]:
            pe_claims[fold(a)].add((o["canonical"], o["country"]))
    merged = OrderedDict()
    skipped_bodies = 0
    for o in pe_orgs:
        keep = []
        for a in o["aliases"]:
            k = fold(a)
            if k in claimed or k in dropped or k in country_aliases:
                continue
            if len(pe_claims[k]) > 1 and len({c for _, c in pe_claims[k]}) > 1:
                continue
            if " " not in a and (a.lower() in common_words) and a.upper() != a:
                continue
            if len(re.sub(r"[^A-Za-z]", "", a)) < 3:
                continue
            keep.append(a)
        if not keep:
            skipped_bodies += 1
            continue
        # if the body's own name went to curated, it is already covered: skip the body
        if fold(o["aliases"][0]) in claimed:
            skipped_bodies += 1
            continue
        key = (keep[0], o["country"])
        if key in merged:
            keep = merged[key]["aliases"] + keep
        seen = set()
        keep = [a for a in keep if not (fold_ci(a) in seen or seen.add(fold_ci(a)))]
        merged[key] = dict(o, canonical=keep[0], aliases=keep)
    for canonical, al, country, sector, kind, ln in curated_orgs:
        for a in al:
            rows.append((canonical, a, country, sector, kind))
    # Phoenix bodies: an alias may be claimed only once across Phoenix canonicals
    taken = set(claimed)
    pe_rows = []
    for key in sorted(merged, key=lambda k: (merged[k]["canonical"].lower(), merged[k]["country"])):
        o = merged[key]
        canon = o["canonical"]
        if fold(canon) in taken:
            continue
        als = []
        for a in o["aliases"]:
            if fold(a) in taken:
                continue
            taken.add(fold(a))
            als.append(a)
        for a in als:
            pe_rows.append((canon, a, o["country"], o["sector"], o["kind"]))
    return rows + pe_rows, len(curated_orgs), len({r[0] for r in pe_rows})


# ---------------------------------------------------------------- agents

AGENT_SECTOR_CODES = {"GOV": "government", "MIL": "military", "COP": "police",
                      "SPY": "intelligence", "JUD": "judiciary", "LEG": "legislature",
                      "REB": "rebels", "OPP": "opposition", "PTY": "party", "MED": "media",
                      "CVL": "civilians", "PPL": "civilians", "REF": "refugees",
                      "REL": "religious", "MUS": "religious", "CHR": "religious",
                      "JEW": "religious", "HIN": "religious", "BUD": "religious",
                      "BUS": "business", "NGO": "ngo", "HRI": "ngo", "UAF": "unidentified",
                      "CRM": "criminals", "IGO": "igo"}


def plural(w):
    last = w.split(" ")[-1]
    head = w[: len(w) - len(last)]
    low = last.lower()
    if low.endswith("man") and low not in ("german", "human", "ottoman", "roman"):
        p = last[:-3] + "men"
    elif low.endswith("person"):
        p = last[:-6] + "people"
    elif low.endswith(("s", "x", "z", "ch", "sh")):
        p = last + "es"
    elif low.endswith("y") and len(low) > 1 and low[-2] not in "aeiou":
        p = last[:-1] + "ies"
    elif low in ("chief", "belief", "roof", "proof"):
        p = last + "s"
    elif low.endswith("f") and not low.endswith("ff"):
        p = last[:-1] + "ves"
    elif low.endswith("fe"):
        p = last[:-2] + "ves"
    else:
        p = last + "s"
    return head + p


MASS_WORDS = {"police", "military", "media", "press", "intelligence", "security", "law enforcement",
              "judiciary", "legislature", "leadership", "clergy", "staff", "personnel",
              "infantry", "artillery", "cavalry", "gendarmerie", "constabulary", "militia", "public",
              "electorate", "civil society", "population", "people", "opposition", "government",
              "army", "navy", "air force", "administration"}


def build_agents(cur):
    rows = OrderedDict()
    # curated first: it decides sector and number
    for word, sector, number, ln in cur["agent"]:
        if sector not in AGENT_SECTORS:
            die("curated.tsv:%d: bad agent sector %s" % (ln, sector))
        if number not in NUMBERS:
            die("curated.tsv:%d: bad number %s" % (ln, number))
        if word in rows:
            die("curated.tsv:%d: agent %r twice" % (ln, word))
        rows[word] = (sector, number, "curated")
    curated_folds = {fold(w) for w in rows}
    # Phoenix.agents.txt
    subst = {}
    path = os.path.join(PETR, "Phoenix.agents.txt")
    pe = []
    with open(path, encoding="utf-8", errors="replace") as f:
        for line in f:
            line = line.rstrip("\n")
            body = line.split("#", 1)[0].strip()
            if not body:
                continue
            m = re.match(r"^!(\w+)!\s*=\s*(.*)$", body)
            if m:
                subst[m.group(1)] = [x.strip() for x in m.group(2).split(",") if x.strip()]
                continue
            m = re.match(r"^(.*?)\s*(\{[^}]*\})?\s*\[~([A-Z]+)\]", body)
            if not m:
                continue
            word, irr, code = m.group(1).strip(), m.group(2), m.group(3)
            if not word:
                continue
            sec = AGENT_SECTOR_CODES.get(code[:3])
            if code[:3] == "GOV" and len(code) >= 6 and AGENT_SECTOR_CODES.get(code[3:6]) in (
                    "military", "police", "intelligence", "judiciary", "legislature"):
                sec = AGENT_SECTOR_CODES[code[3:6]]
            if not sec:
                continue
            forms = [word]
            mm = re.search(r"!(\w+)!", word)
            if mm:
                forms = [word.replace(mm.group(0), x) for x in subst.get(mm.group(1), [])]
            for fw in forms:
                fw = fw.strip().rstrip("_").replace("_", " ").strip()
                fw = re.sub(r"\s+", " ", fw).lower()
                if not fw or not re.fullmatch(r"[a-z][a-z' \-]*[a-z]", fw):
                    continue
                # keep plain nouns and short compounds; long "minister of ..." phrases
                # are left to the engine's composition
                toks = fw.split()
                if re.search(r"minists?$|\bminist\b", fw):
                    continue                       # a stem ("MINIST"), not a word
                if len(toks) > 3 or set(toks) & {"of", "for", "in", "at", "to", "the", "on", "and",
                                                 "with", "from", "by", "de", "la", "le"}:
                    continue
                pe.append((fw, sec, irr))
    for fw, sec, irr in pe:
        if fold(fw) in curated_folds:
            continue
        last = fw.split()[-1]
        if fw in MASS_WORDS or irr == "{}":
            num = "mass"
        elif last.endswith(("men", "people", "children", "women", "ies", "ers", "ists", "ants",
                            "ents", "ors", "ians", "ives")) or fw in ("police", "troops"):
            num = "pl" if not fw.endswith(("ss",)) else "sg"
        else:
            num = "sg"
        if fw not in rows:
            rows[fw] = (sec, num, "phoenix")
        if num == "sg":
            p = plural(fw)
            if irr and irr.strip("{}").strip():
                p = irr.strip("{} ").replace("_", " ").lower()
            if p not in rows and fold(p) not in curated_folds:
                rows[p] = (sec, "pl", "phoenix")
    out = [(w, s, n) for w, (s, n, src) in rows.items()]
    # curated rows first (in file order), then Phoenix rows alphabetically
    cur_rows = [r for r in out if rows[r[0]][2] == "curated"]
    pe_rows = sorted((r for r in out if rows[r[0]][2] == "phoenix"), key=lambda r: r[0])
    return cur_rows + pe_rows, len(cur_rows), len(pe_rows)


# ---------------------------------------------------------------- people

PERSON_JUNK = {"administration", "government", "regime", "cabinet", "family", "era", "party",
               "loyalists", "supporters", "forces", "camp", "office", "clan", "dynasty"}


def person_aliases(name, syns, first_names, common_words, lead_words):
    """Names of one Phoenix person entry, titles and descriptions stripped."""
    out = []
    for raw in [name] + syns:
        s = usable_name(raw)
        if not s:
            continue
        nat = natural_case(s, person=True)
        toks = nat.split()
        low = {t.lower().strip(".") for t in toks}
        if low & PERSON_JUNK:
            continue
        # strip leading titles and descriptions: "US President", "of State", "CIA Director"
        while len(toks) > 1 and toks[0].lower() not in first_names and (
                toks[0].lower().strip(".,") in lead_words or toks[0].lower() in TITLE_WORDS
                or toks[0].lower().rstrip(".") in TITLE_WORDS):
            toks = toks[1:]
        if not toks or any(t.lower() in ROLE_WORDS for t in toks):
            continue
        if len(toks) == 1:
            t = toks[0]
            if len(t) < 5 or t.lower() in common_words or t.lower() in first_names:
                continue
        out.append(" ".join(toks))
    seen = set()
    return [a for a in out if not (fold_ci(a) in seen or seen.add(fold_ci(a)))]


def build_people(cur, pe_entries, valid, first_names, common_words, lead_words):
    rows = []
    cur_names = set()
    for name, country, office, start, end, aliases, ln in cur["person"]:
        if country and country not in valid:
            die("curated.tsv:%d: bad country %s" % (ln, country))
        for d in (start, end):
            if d and not re.fullmatch(r"\d{4}-\d{2}-\d{2}", d):
                die("curated.tsv:%d: bad date %r" % (ln, d))
        if start and end and end < start:
            die("curated.tsv:%d: end before start" % ln)
        al = split_list(aliases)
        rows.append((name, country, office, start, end, "|".join(al)))
        cur_names.add(fold(name))
        for a in al:
            if len(a.split()) >= 2:
                cur_names.add(fold(a))
    n_cur = len(rows)
    # Phoenix dated leader roles: GOV (heads of state/government, foreign ministers ...)
    # and GOVMIL (defence); only terms still running on or after 1990-01-01.
    pe_rows = []
    for e in pe_entries:
        roles = []
        for code, start, end in e["codes"]:
            if not (start or end):
                continue
            iso = COUNTRY_REMAP.get(code[:3], code[:3])
            if iso not in valid:
                continue
            rest = code[3:]
            if rest == "GOV":
                office = "government"
            elif rest == "GOVMIL":
                office = "defence"
            else:
                continue
            if start and end and end < start:
                continue                      # reversed range in the source: unusable
            if end and end < "1990-01-01":
                continue
            if not end and start and start < "1970-01-01":
                continue
            roles.append((iso, office, start, end))
        if not roles:
            continue
        als = person_aliases(e["name"], e["syn"], first_names, common_words, lead_words)
        full = [a for a in als if len(a.split()) >= 2]
        if not full:
            continue
        if any(fold(a) in cur_names for a in full):
            continue                      # the curated list has this person
        name = full[0]
        for iso, office, start, end in sorted(set(roles), key=lambda r: (r[2] or r[3], r[3], r[0], r[1])):
            pe_rows.append((name, iso, office, start, end, "|".join(a for a in als if a != name)))
    pe_rows = sorted(set(pe_rows), key=lambda r: (r[1], r[0], r[3] or r[4], r[4], r[2]))
    return rows + pe_rows, n_cur, len(pe_rows)


# ---------------------------------------------------------------- vocabularies

def english_vocab():
    """Lower-case English words seen in the PETRARCH verb / agent dictionaries."""
    words = set()
    for fn in ("CAMEO.2.0.txt", "Phoenix.agents.txt", "Phoenix.prepositions.txt",
               "Phoenix.discards.txt"):
        with open(os.path.join(PETR, fn), encoding="utf-8", errors="replace") as f:
            for line in f:
                body = line.split("#", 1)[0]
                for w in re.findall(r"[A-Za-z]+", body):
                    if len(w) >= 2:
                        words.add(w.lower())
    return words


def person_first_names(entries):
    """First given names of persons in Phoenix.Countries (CountryInfo entries)."""
    counts = defaultdict(int)
    for e in entries:
        if "countryinfo" not in e["comment"].lower():
            continue
        toks = [t for t in re.split(r"[_\s]+", e["name"].lower()) if t]
        while toks and toks[0] in TITLE_WORDS:
            toks = toks[1:]
        if len(toks) >= 2:
            counts[toks[0].strip(".")] += 1
    names = {n for n, c in counts.items() if c >= 2 and len(n) >= 3}
    return names - ORG_WORDS - {"islamic", "national", "democratic", "united", "popular", "new",
                                "free", "people's", "peoples", "arab", "african", "american",
                                "european", "asian", "international", "world", "global", "red",
                                "royal", "supreme", "central", "federal", "general", "grand"}


# ---------------------------------------------------------------- output

def write_tsv(path, header, rows):
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write("#" + "\t".join(header) + "\n")
        for r in rows:
            for x in r:
                if "\t" in x or "\n" in x:
                    die("tab or newline in %r" % (r,))
            f.write("\t".join(r) + "\n")


def read_tsv(path):
    with open(path, encoding="utf-8") as f:
        lines = f.read().split("\n")
    if lines[-1] == "":
        lines.pop()
    if not lines or not lines[0].startswith("#"):
        die("%s: no '#' header line" % path)
    header = lines[0][1:].split("\t")
    rows = []
    for i, line in enumerate(lines[1:], 2):
        r = line.split("\t")
        if len(r) != len(header):
            die("%s:%d: %d fields, header has %d" % (path, i, len(r), len(header)))
        if any(x != x.strip() or x.startswith('"') for x in r):
            die("%s:%d: stray spaces or quoting" % (path, i))
        rows.append(r)
    return header, rows


def check_outputs():
    """Sanity checks of the written files; exits non-zero on the first problem."""
    import pycountry
    valid = {c.alpha_3 for c in pycountry.countries} | {"XKX"}
    problems = []

    _, crows = read_tsv(os.path.join(OUT, "countries.tsv"))
    seen, first_kind, names = set(), {}, defaultdict(int)
    for iso, alias, kind in crows:
        if iso not in valid:
            problems.append("countries: bad iso3 %s" % iso)
        if kind not in COUNTRY_KINDS:
            problems.append("countries: bad kind %s" % kind)
        if not alias:
            problems.append("countries: empty alias for %s" % iso)
        if (iso, alias) in seen:
            problems.append("countries: duplicate %s %s" % (iso, alias))
        seen.add((iso, alias))
        first_kind.setdefault(iso, kind)
        if kind == "name":
            names[iso] += 1
    for iso in valid:
        if names.get(iso) != 1 or first_kind.get(iso) != "name":
            problems.append("countries: %s must have exactly one kind=name row, first" % iso)
    order = [r[0] for r in crows]
    if order != sorted(order):
        problems.append("countries: not grouped/sorted by iso3")

    _, orows = read_tsv(os.path.join(OUT, "orgs.tsv"))
    seen, first_alias, attrs = set(), {}, {}
    for canonical, alias, country, sector, kind in orows:
        if (canonical, alias) in seen:
            problems.append("orgs: duplicate (%s, %s)" % (canonical, alias))
        seen.add((canonical, alias))
        if canonical not in first_alias:
            first_alias[canonical] = alias
            attrs[canonical] = (country, sector, kind)
            if alias != canonical:
                problems.append("orgs: first row of %r is not the canonical" % canonical)
        elif attrs[canonical] != (country, sector, kind):
            problems.append("orgs: %r has rows with different attributes" % canonical)
        if country and country not in valid:
            problems.append("orgs: bad country %s" % country)
        if sector not in ORG_SECTORS or kind not in ORG_KINDS:
            problems.append("orgs: bad sector/kind %s/%s" % (sector, kind))
        if not alias:
            problems.append("orgs: empty alias for %r" % canonical)
    blocks = [r[0] for r in orows]
    if sum(1 for i in range(len(blocks)) if i == 0 or blocks[i] != blocks[i - 1]) != len(first_alias):
        problems.append("orgs: rows of one body are not contiguous")

    _, arows = read_tsv(os.path.join(OUT, "agents.tsv"))
    words = set()
    for word, sector, number in arows:
        if word in words:
            problems.append("agents: duplicate %r" % word)
        words.add(word)
        if sector not in AGENT_SECTORS or number not in NUMBERS:
            problems.append("agents: bad sector/number %r %s %s" % (word, sector, number))

    _, prows = read_tsv(os.path.join(OUT, "people.tsv"))
    seen = set()
    for r in prows:
        name, country, office, start, end, aliases = r
        if tuple(r) in seen:
            problems.append("people: duplicate row %r" % (r,))
        seen.add(tuple(r))
        if country and country not in valid:
            problems.append("people: bad country %s" % country)
        for d in (start, end):
            if d and not re.fullmatch(r"\d{4}-\d{2}-\d{2}", d):
                problems.append("people: bad date %r" % d)
        if start and end and end < start:
            problems.append("people: %s ends before it starts" % name)
        if aliases and any(not a.strip() for a in aliases.split("|")):
            problems.append("people: empty alias for %s" % name)

    if problems:
        for p in problems[:50]:
            print("CHECK FAILED: " + p, file=sys.stderr)
        die("%d problems in the outputs" % len(problems))
    print("check: ok (%d country rows, %d org rows in %d bodies, %d agent rows, %d people rows)"
          % (len(crows), len(orows), len(first_alias), len(arows), len(prows)))


def main():
    if "--check" in sys.argv[1:]:
        check_outputs()
        return
    cur = read_curated(CURATED)
    pe_countries = read_petrarch(os.path.join(PETR, "Phoenix.Countries.actors.txt"))
    pe_intl = read_petrarch(os.path.join(PETR, "Phoenix.International.actors.txt"))
    pe_mns = read_petrarch(os.path.join(PETR, "Phoenix.MilNonState.actors.txt"))
    vocab = english_vocab()
    common_words = vocab
    first_names = person_first_names(pe_countries)

    import pycountry
    valid_tmp = {c.alpha_3 for c in pycountry.countries} | {"XKX"}
    blocks = phoenix_country_blocks(pe_countries, valid_tmp)
    crow, valid, collisions = build_countries(cur, blocks, vocab)

    pe_orgs = phoenix_orgs([("milnonstate", pe_mns), ("international", pe_intl),
                            ("countries", pe_countries)], valid, first_names, vocab)
    orows, n_cur_orgs, n_pe_orgs = build_orgs(cur, pe_orgs, valid, common_words,
                                              {fold(r[1]) for r in crow})

    arows, n_cur_ag, n_pe_ag = build_agents(cur)
    # words that may precede a name in Phoenix synonyms ("US President", "of State", "CIA Director")
    lead = {w for w in vocab if len(w) > 2} | {fold(a) for r in crow for a in [r[1]] if " " not in r[1]}
    lead |= {"us", "u.s.", "uk", "cia", "c.i.a.", "un", "u.n.", "of", "the", "undersecretary",
             "secretaty", "vice-president", "ex-president"}
    prows, n_cur_p, n_pe_p = build_people(cur, pe_countries, valid, first_names, common_words, lead)

    write_tsv(os.path.join(OUT, "countries.tsv"), ["iso3", "alias", "kind"], crow)
    write_tsv(os.path.join(OUT, "orgs.tsv"), ["canonical", "alias", "country", "sector", "kind"], orows)
    write_tsv(os.path.join(OUT, "agents.tsv"), ["word", "sector", "number"], arows)
    write_tsv(os.path.join(OUT, "people.tsv"), ["name", "country", "office", "start", "end", "aliases"], prows)

    print("countries.tsv: %d rows, %d countries (%d alias collisions dropped)"
          % (len(crow), len({r[0] for r in crow}), len(collisions)))
    print("orgs.tsv:      %d rows, %d bodies (%d curated, %d from Phoenix)"
          % (len(orows), len({r[0] for r in orows}), n_cur_orgs, n_pe_orgs))
    print("agents.tsv:    %d rows (%d curated, %d from Phoenix.agents)" % (len(arows), n_cur_ag, n_pe_ag))
    print("people.tsv:    %d rows (%d curated, %d from Phoenix.Countries)" % (len(prows), n_cur_p, n_pe_p))
    if os.environ.get("SITREP_VERBOSE"):
        for c in collisions:
            print("  country alias dropped: %s %s (%s)" % c)
    check_outputs()


if __name__ == "__main__":
    main()
