#!/usr/bin/env python3
"""Build sitrep's English mapping tables from shared reference data + hand-curated inputs.

Run from the repository root (/work/main):

    python3 scripts/build_mappings.py            # writes data/en/{type_map,weapons,mode_words}.tsv
    python3 scripts/build_mappings.py --check    # rebuild in memory, fail if the files on disk differ

Inputs
  shared data (default ../shared/data relative to the repo root; override with --shared or the
  SITREP_SHARED_DATA environment variable):
    plover/plover_ontology.json        PLOVER event types and modes (CC BY-SA 4.0)
    plover/CAMEO2PLOVER-2021.csv       CAMEO -> PLOVER crosswalk (CC BY-SA 4.0)
    acled/acled_event_categories.csv   ACLED event type x sub-event type (acledR, GPL-3)
    weapons/russia_losses_equipment_oryx.json   Oryx-derived Russian equipment list (MIT)
    geo/countryInfo.txt                ISO 3166-1 alpha-3 codes for validation (CC BY 4.0)
  hand-curated (scripts/mapping_inputs/):
    type_map.curated.tsv     (PLOVER type, mode) -> CAMEO code, ACLED event/sub-event
    weapons.curated.tsv      named weapon systems
    oryx_overrides.tsv       per-model fixes for the Oryx list
    mode_words.curated.tsv   generic words signalling an ASSAULT mode

Outputs (UTF-8, tab-separated, '\\n' line ends, first line a '#' header, no quoting)
    data/en/type_map.tsv, data/en/weapons.tsv, data/en/mode_words.tsv

The output is deterministic: same inputs, byte-identical files. Any validation failure aborts
without writing.
"""

import argparse
import csv
import json
import os
import re
import sys
import unicodedata
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
INPUTS = ROOT / "scripts" / "mapping_inputs"
OUT_DIR = ROOT / "data" / "en"

# weapon category -> PLOVER ASSAULT mode implied by an attack with it ('' = not an attack means)
CATEGORY_MODE = {
    "aircraft": "aerial",
    "attack_aircraft": "aerial",
    "fighter": "aerial",
    "bomber": "aerial",
    "helicopter": "aerial",
    "aircraft_carrier": "aerial",
    "air_to_surface_missile": "aerial",
    "glide_bomb": "aerial",
    "drone": "drone",
    "loitering_munition": "drone",
    "cruise_missile": "heavy-weapons",
    "ballistic_missile": "heavy-weapons",
    "anti_ship_missile": "heavy-weapons",
    "rocket": "heavy-weapons",
    "rocket_artillery": "heavy-weapons",
    "artillery": "heavy-weapons",
    "tank": "heavy-weapons",
    "ifv": "heavy-weapons",
    "apc": "heavy-weapons",
    "air_defense": "heavy-weapons",
    "manpads": "heavy-weapons",
    "anti_tank_missile": "heavy-weapons",
    "anti_tank_weapon": "heavy-weapons",
    "ship": "heavy-weapons",
    "submarine": "heavy-weapons",
    "naval_drone": "explosives",
    "ied": "explosives",
    "landmine": "explosives",
    "small_arms": "firearms",
    "radar": "",
    "electronic_warfare": "",
    "command_vehicle": "",
    "engineering_vehicle": "",
    "artillery_support": "",
    "truck": "",
    "auxiliary_ship": "",
}

# Oryx category -> weapons.tsv category (Aircraft is refined from the model description)
ORYX_CATEGORY = {
    "Tanks": "tank",
    "Armoured Fighting Vehicles": "apc",
    "Infantry Fighting Vehicles": "ifv",
    "Armoured Personnel Carriers": "apc",
    "Mine-Resistant Ambush Protected": "apc",
    "Infantry Mobility Vehicles": "apc",
    "Command Posts And Communications Stations": "command_vehicle",
    "Engineering Vehicles And Equipment": "engineering_vehicle",
    "Self-Propelled Anti-Tank Missile Systems": "anti_tank_missile",
    "Artillery Support Vehicles And Equipment": "artillery_support",
    "Towed Artillery": "artillery",
    "Self-Propelled Artillery": "artillery",
    "Multiple Rocket Launchers": "rocket_artillery",
    "Anti-Aircraft Guns": "air_defense",
    "Self-Propelled Anti-Aircraft Guns": "air_defense",
    "Surface-To-Air Missile Systems": "air_defense",
    "Radars": "radar",
    "Jammers And Deception Systems": "electronic_warfare",
    "Aircraft": "aircraft",
    "Helicopters": "helicopter",
    "Unmanned Combat Aerial Vehicles": "drone",
    "Reconnaissance Unmanned Aerial Vehicles": "drone",
    "Naval Ships": "ship",
    "Trucks, Vehicles and Jeeps": "truck",
}

# Oryx "manufacturer" -> ISO 3166-1 alpha-3 (SUN: the withdrawn ISO code of the Soviet Union)
ORYX_COUNTRY = {
    "Russia": "RUS",
    "the Soviet Union": "SUN",
    "Italy": "ITA",
    "the Czech Republic": "CZE",
    "Iran": "IRN",
    "Israel": "ISR",
    "Poland": "POL",
}
EXTRA_ISO3 = {"SUN"}

# Cyrillic look-alikes that occur inside Latin designations in the Oryx list ("9S18М1", "ZALA 421-16Е2")
CYRILLIC_LOOKALIKE = str.maketrans({"М": "M", "С": "S", "Е": "E", "А": "A", "В": "V", "К": "K",
                                    "Н": "N", "О": "O", "Р": "R", "Т": "T"})
# tokens that end a designation (upper-case descriptors)
STOP_TOKENS = {"TLAR", "TELAR", "TEL", "UAV", "UCAV", "EW", "AA", "SatCom", "APC", "MRL", "SAM", "CBRN"}
# GRAU-style index ("2S19", "9K33", "1RL257", "48Ya6-K1") followed by a proper name ("Msta-S")
INDEX_RE = re.compile(r"^\d{1,2}[A-Za-z]{1,3}\d[\w\-.]*$")
PROPER_NAME_RE = re.compile(r"^[A-Z][a-z]")


class BuildError(Exception):
    pass


# ----------------------------------------------------------------------------- helpers

def read_tsv(path, ncols):
    """Rows of a hand-curated TSV: '#' lines and blank lines skipped, padded to ncols."""
    rows = []
    with open(path, encoding="utf-8", newline="") as fh:
        for lineno, line in enumerate(fh, 1):
            line = line.rstrip("\n").rstrip("\r")
            if not line.strip() or line.startswith("#"):
                continue
            cells = [c.strip() for c in line.split("\t")]
            if len(cells) > ncols:
                raise BuildError(f"{path.name}:{lineno}: {len(cells)} columns, expected at most {ncols}")
            cells += [""] * (ncols - len(cells))
            rows.append((lineno, cells))
    return rows


def write_tsv(path, header, rows):
    lines = ["#" + "\t".join(header)]
    for row in rows:
        for cell in row:
            if "\t" in cell or "\n" in cell or "\r" in cell:
                raise BuildError(f"{path.name}: cell with tab/newline: {cell!r}")
        lines.append("\t".join(row))
    return path, "\n".join(lines) + "\n"


def norm_key(s):
    """Key for alias collision checks: case-, dash- and whitespace-insensitive."""
    s = unicodedata.normalize("NFKC", s).lower()
    s = s.replace("\u2019", "'").replace("\u2018", "'")
    s = re.sub(r"[\s\-\u2010-\u2015]+", " ", s)
    return s.strip()


def split_aliases(s):
    return [a.strip() for a in s.split("|") if a.strip()] if s else []


# ----------------------------------------------------------------------------- loading shared data

def load_ontology(shared):
    onto = json.loads((shared / "plover" / "plover_ontology.json").read_text(encoding="utf-8"))
    events = []
    for e in onto["events"]:
        events.append((e["event"], [m["mode"] for m in e.get("modes", [])]))
    return events


def load_crosswalk(shared):
    codes = {}
    with open(shared / "plover" / "CAMEO2PLOVER-2021.csv", encoding="utf-8", newline="") as fh:
        for r in csv.DictReader(fh):
            codes.setdefault(r["cameo_code"], []).append((r["plover_event"], r["plover_mode"],
                                                         r["cameo_description"]))
    return codes


def load_acled(shared):
    pairs = set()
    with open(shared / "acled" / "acled_event_categories.csv", encoding="utf-8", newline="") as fh:
        for r in csv.DictReader(fh):
            pairs.add((r["event_type"], r["sub_event_type"]))
    return pairs


def load_iso3(shared):
    iso3 = set(EXTRA_ISO3)
    with open(shared / "geo" / "countryInfo.txt", encoding="utf-8") as fh:
        for line in fh:
            if line.startswith("#") or not line.strip():
                continue
            cells = line.split("\t")
            if len(cells) > 1 and re.fullmatch(r"[A-Z]{3}", cells[1]):
                iso3.add(cells[1])
    return iso3


# ----------------------------------------------------------------------------- type_map.tsv

def build_type_map(shared, notes):
    events = load_ontology(shared)
    crosswalk = load_crosswalk(shared)
    acled = load_acled(shared)
    valid = {ev: set(modes) for ev, modes in events}

    curated = {}
    for lineno, (etype, mode, code, a_type, a_sub, a_civ, _note) in read_tsv(
            INPUTS / "type_map.curated.tsv", 7):
        where = f"type_map.curated.tsv:{lineno}"
        if etype not in valid:
            raise BuildError(f"{where}: unknown PLOVER type {etype!r}")
        if mode and mode not in valid[etype]:
            raise BuildError(f"{where}: {etype} has no mode {mode!r} in the PLOVER ontology")
        if (etype, mode) in curated:
            raise BuildError(f"{where}: duplicate row for {etype}/{mode or '(default)'}")
        if not re.fullmatch(r"\d{3,4}", code) or code not in crosswalk:
            raise BuildError(f"{where}: CAMEO code {code!r} not in CAMEO2PLOVER-2021.csv")
        if bool(a_type) != bool(a_sub) or (a_type and (a_type, a_sub) not in acled):
            raise BuildError(f"{where}: ACLED pair ({a_type!r}, {a_sub!r}) not in acled_event_categories.csv")
        if a_civ:
            parts = a_civ.split("|")
            if len(parts) != 2 or tuple(parts) not in acled:
                raise BuildError(f"{where}: acled_if_civilian_target {a_civ!r} is not a valid 'type|sub-type'")
        xw_events = {ev for ev, _m, _d in crosswalk[code]}
        if etype not in xw_events:
            notes.append(f"type_map: {etype}/{mode or '-'} uses CAMEO {code}, which the 2021 crosswalk "
                         f"files under {'/'.join(sorted(xw_events))}")
        curated[(etype, mode)] = (code, a_type, a_sub, a_civ)

    rows = []
    for etype, modes in events:
        for mode in [""] + modes:
            if (etype, mode) not in curated:
                raise BuildError(f"type_map.curated.tsv: missing row for {etype}/{mode or '(default)'}")
            code, a_type, a_sub, a_civ = curated.pop((etype, mode))
            rows.append([etype, mode, code[:2], a_type, a_sub, a_civ, code])
    if curated:
        raise BuildError(f"type_map.curated.tsv: rows not in ontology order set: {sorted(curated)}")
    header = ["plover_type", "mode", "cameo_root", "acled_event_type", "acled_sub_event_type",
              "acled_if_civilian_target", "cameo_code"]
    return header, rows


# ----------------------------------------------------------------------------- weapons.tsv

class WeaponTable:
    def __init__(self):
        self.rows = []          # dicts: name, aliases(list), category, mode, country, sources(list)
        self.key_owner = {}     # norm_key -> row index

    def find(self, name):
        return self.key_owner.get(norm_key(name))

    def add_row(self, name, aliases, category, mode, country, source, where):
        k = norm_key(name)
        if k in self.key_owner:
            raise BuildError(f"{where}: name {name!r} already used by {self.rows[self.key_owner[k]]['name']!r}")
        idx = len(self.rows)
        self.rows.append({"name": name, "aliases": [], "category": category, "mode": mode,
                          "country": country, "sources": [source]})
        self.key_owner[k] = idx
        for a in aliases:
            self.add_alias(idx, a, where, strict=True)
        return idx

    def add_alias(self, idx, alias, where, strict):
        row = self.rows[idx]
        k = norm_key(alias)
        owner = self.key_owner.get(k)
        if owner is not None and owner != idx:
            if strict:
                raise BuildError(f"{where}: alias {alias!r} of {row['name']!r} already belongs to "
                                 f"{self.rows[owner]['name']!r}")
            return False
        low = alias.lower()
        if low == row["name"].lower() or any(low == a.lower() for a in row["aliases"]):
            return False
        row["aliases"].append(alias)
        self.key_owner[k] = idx
        return True


def oryx_auto(model):
    """(name, aliases) for an Oryx model string, or None for 'Unknown ...' entries."""
    s = model.translate(CYRILLIC_LOOKALIKE).strip()
    s = s.replace("\u2018", "'").replace("\u2019", "'").replace("''", "'")
    if re.match(r"^\(?unknown\b", s, re.I):
        return None
    s = re.sub(r"^\d+mm\s+", "", s)
    toks = s.split()
    name_toks, nicknames, extra = [], [], []
    i = 0
    while i < len(toks):
        t = toks[i]
        if t.startswith("("):
            break
        if t.startswith("'"):                       # quoted nickname, possibly several tokens
            j, buf = i, [t]
            while not buf[-1].endswith("'") and j + 1 < len(toks):
                j += 1
                buf.append(toks[j])
            nicknames.append(" ".join(buf).strip("'"))
            i = j + 1
            continue
        if t == "and" and i + 1 < len(toks) and toks[i + 1][:1].isupper():
            extra.append(toks[i + 1])                # "MT-LBVM and MT-LBVMK"
            i += 2
            continue
        if t[:1].islower() or t in STOP_TOKENS or re.fullmatch(r"\d+mm", t):
            break
        name_toks.append(t)
        i += 1
    if not name_toks:
        raise BuildError(f"oryx model {model!r}: no designation found; add it to oryx_overrides.tsv")
    aliases = []
    # "BMP-1(P)" -> name BMP-1, alias BMP-1P; "9S18M1(-2)" -> 9S18M1 / 9S18M1-2
    plain, variant = [], []
    for t in name_toks:
        m = re.fullmatch(r"(.+?)\(([^()]+)\)", t)
        if m:
            plain.append(m.group(1))
            variant.append(m.group(1) + m.group(2))
        else:
            plain.append(t)
            variant.append(t)
    name = " ".join(plain)
    if variant != plain:
        aliases.append(" ".join(variant))
    # "BMK-130M/BMK-150" -> name BMK-130M, alias BMK-150 (only when both halves are designations)
    if "/" in name and " " not in name:
        halves = name.split("/")
        if all("-" in h for h in halves):
            name, aliases = halves[0], halves[1:] + aliases
    # "2S19 Msta-S" -> alias "Msta-S"
    parts = name.split(" ", 1)
    if len(parts) == 2 and INDEX_RE.match(parts[0]) and PROPER_NAME_RE.match(parts[1]):
        aliases.append(parts[1])
    aliases += [f"{name} {n}" for n in nicknames]
    aliases += extra
    return name, aliases


def oryx_aircraft_category(model):
    low = model.lower()
    if "bomber" in low:
        return "bomber"
    if "fighter" in low or "multirole" in low:
        return "fighter"
    if "strike" in low or "close air support" in low or "attack" in low:
        return "attack_aircraft"
    return "aircraft"


def build_weapons(shared, notes):
    iso3 = load_iso3(shared)
    table = WeaponTable()

    def check(category, mode, country, where):
        if category not in CATEGORY_MODE:
            raise BuildError(f"{where}: unknown category {category!r}")
        if mode and mode not in ASSAULT_MODES:
            raise BuildError(f"{where}: {mode!r} is not a PLOVER ASSAULT mode")
        if country and country not in iso3:
            raise BuildError(f"{where}: {country!r} is not an ISO 3166-1 alpha-3 code")

    # 1. hand-curated rows
    for lineno, (name, aliases, category, country, mode, _note) in read_tsv(
            INPUTS / "weapons.curated.tsv", 6):
        where = f"weapons.curated.tsv:{lineno}"
        mode = mode or CATEGORY_MODE.get(category, "")
        check(category, mode, country, where)
        table.add_row(name, split_aliases(aliases), category, mode, country, "curated", where)

    # 2. Oryx list
    overrides = {}
    for lineno, (model, action, name, aliases, category) in read_tsv(INPUTS / "oryx_overrides.tsv", 5):
        if action not in ("keep", "skip"):
            raise BuildError(f"oryx_overrides.tsv:{lineno}: action must be keep or skip")
        overrides[model] = (lineno, action, name, split_aliases(aliases), category)
    oryx = json.loads((shared / "weapons" / "russia_losses_equipment_oryx.json").read_text(encoding="utf-8"))
    seen_models = set()
    # plain models first, then "X with Y" variants, so a base model defines the category
    ordered = [r for r in oryx if " with " not in r["model"]] + [r for r in oryx if " with " in r["model"]]
    merged = skipped = 0
    for rec in ordered:
        model = rec["model"]
        seen_models.add(model)
        where = f"oryx model {model!r}"
        ov = overrides.get(model)
        if ov and ov[1] == "skip":
            skipped += 1
            continue
        auto = oryx_auto(model) if not (ov and ov[2]) else None
        if ov and ov[2]:
            name, aliases = ov[2], ov[3]
        elif auto is None:
            skipped += 1
            continue
        else:
            name, aliases = auto
            if ov:
                aliases = aliases + ov[3]
        oryx_cat = rec["equipment_oryx"]
        if oryx_cat not in ORYX_CATEGORY:
            raise BuildError(f"{where}: unmapped Oryx category {oryx_cat!r}")
        category = ORYX_CATEGORY[oryx_cat]
        if category == "aircraft":
            category = oryx_aircraft_category(model)
        if ov and ov[4]:
            category = ov[4]
        country = ORYX_COUNTRY.get(rec["manufacturer"])
        if country is None:
            raise BuildError(f"{where}: unmapped manufacturer {rec['manufacturer']!r}")
        mode = CATEGORY_MODE.get(category, "")
        check(category, mode, country, where)
        idx = table.find(name)
        if idx is None:
            idx = table.add_row(name, [], category, mode, country, "oryx", where)
        else:
            merged += 1
            row = table.rows[idx]
            if "oryx" not in row["sources"]:
                row["sources"].append("oryx")
            if row["category"] != category and "curated" not in row["sources"]:
                notes.append(f"weapons: {model!r} merged into {row['name']!r} "
                             f"(category {row['category']} kept, Oryx row says {category})")
        for a in aliases:
            if not table.add_alias(idx, a, where, strict=False) and table.find(a) not in (idx, None):
                notes.append(f"weapons: dropped alias {a!r} of {table.rows[idx]['name']!r} "
                             f"(belongs to {table.rows[table.find(a)]['name']!r})")
    unused = sorted(set(overrides) - seen_models)
    if unused:
        raise BuildError(f"oryx_overrides.tsv: models not in the Oryx list: {unused}")
    notes.append(f"weapons: Oryx list {len(oryx)} models, {skipped} skipped (unknown/generic), "
                 f"{merged} merged into existing rows")

    rows = []
    for r in table.rows:
        rows.append([r["name"], "|".join(r["aliases"]), r["category"], r["mode"], r["country"],
                     "+".join(r["sources"])])
    header = ["name", "aliases", "category", "mode", "country_of_origin", "source"]
    return header, rows


# ----------------------------------------------------------------------------- mode_words.tsv

def build_mode_words(shared, notes):
    acled = load_acled(shared)
    subs = {s for _t, s in acled}
    rows, seen = [], {}
    for lineno, (word, mode, sub) in read_tsv(INPUTS / "mode_words.curated.tsv", 3):
        where = f"mode_words.curated.tsv:{lineno}"
        if mode not in ASSAULT_MODES:
            raise BuildError(f"{where}: {mode!r} is not a PLOVER ASSAULT mode")
        if sub and sub not in subs:
            raise BuildError(f"{where}: {sub!r} is not an ACLED sub-event type")
        k = word.lower()
        if k in seen:
            raise BuildError(f"{where}: {word!r} already listed at line {seen[k]}")
        seen[k] = lineno
        rows.append([word, mode, sub])
    return ["word", "mode", "acled_sub_event_type"], rows


# ----------------------------------------------------------------------------- main

ASSAULT_MODES = set()


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--shared", type=Path,
                    default=Path(os.environ.get("SITREP_SHARED_DATA", ROOT.parent / "shared" / "data")),
                    help="shared reference data directory (default: %(default)s)")
    ap.add_argument("--check", action="store_true", help="do not write; exit 1 if outputs are stale")
    ap.add_argument("--verbose", "-v", action="store_true", help="print build notes")
    args = ap.parse_args()
    shared = args.shared.resolve()
    if not (shared / "plover" / "plover_ontology.json").is_file():
        print(f"error: shared data not found under {shared}", file=sys.stderr)
        return 2

    for ev, modes in load_ontology(shared):
        if ev == "ASSAULT":
            ASSAULT_MODES.update(modes)

    notes = []
    try:
        outputs = [
            write_tsv(OUT_DIR / "type_map.tsv", *build_type_map(shared, notes)),
            write_tsv(OUT_DIR / "weapons.tsv", *build_weapons(shared, notes)),
            write_tsv(OUT_DIR / "mode_words.tsv", *build_mode_words(shared, notes)),
        ]
    except BuildError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1

    stale = False
    for path, text in outputs:
        nrows = text.count("\n") - 1
        rel = path.relative_to(ROOT)
        if args.check:
            current = path.read_text(encoding="utf-8") if path.exists() else None
            status = "ok" if current == text else "STALE"
            stale |= current != text
            print(f"{rel}: {nrows} rows ({status})")
        else:
            path.parent.mkdir(parents=True, exist_ok=True)
            with open(path, "w", encoding="utf-8", newline="\n") as fh:
                fh.write(text)
            print(f"{rel}: {nrows} rows")
    if args.verbose:
        for n in notes:
            print(f"note: {n}")
    return 1 if stale else 0


if __name__ == "__main__":
    sys.exit(main())
