#!/usr/bin/env python3
"""Seeds the fuzz corpora from the project's own tables.

Writes fuzz/corpus/times/ from tests/fixtures/times.tsv (publication date,
NUL, sentence) and fuzz/corpus/counts/ from tests/fixtures/counts.tsv (the
sentence alone), plus the sample reports in examples/. The corpora are not
committed: run this before the first `cargo +nightly fuzz run`.
"""
import hashlib
import pathlib

ROOT = pathlib.Path(__file__).resolve().parent.parent
OUT = ROOT / "fuzz" / "corpus"


def rows(name):
    for line in (ROOT / "tests" / "fixtures" / name).read_text().splitlines():
        if line.strip() and not line.startswith("#"):
            yield line.split("\t")


def write(target, data):
    d = OUT / target
    d.mkdir(parents=True, exist_ok=True)
    (d / hashlib.sha1(data).hexdigest()).write_bytes(data)


def main():
    n = {"times": 0, "counts": 0}
    for r in rows("times.tsv"):
        text, published = r[0], r[1]
        write("times", (published + "\0" + text).encode() if published else text.encode())
        n["times"] += 1
    for r in rows("counts.tsv"):
        write("counts", r[0].encode())
        n["counts"] += 1
    for p in sorted((ROOT / "examples").glob("*.txt")):
        for target in n:
            write(target, p.read_bytes())
            n[target] += 1
    for target, k in n.items():
        print(f"{OUT / target}: {k} seeds")


if __name__ == "__main__":
    main()
