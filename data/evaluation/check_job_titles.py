#!/usr/bin/env python3
"""Check data/evaluation/job-titles.tsv against the 2022 occupation reference.

Prints the row count, the number of distinct codes and the counts per major
group. Exits non-zero when a code is not in the reference CSV, a title occurs
twice, a title copies an alias or an occupation name from the CSV, a row is
malformed, or an empty code is not marked `no-occupation`. The labelled sets
(job-titles.tsv, job-titles-dev2.tsv, job-titles-dev3.tsv, ...) must share no
title with one another; only the number of shared titles is printed, so that the
check never shows rows of the test half.

Usage: python3 data/evaluation/check_job_titles.py [path/to/job-titles.tsv]
"""
import csv
import re
import sys
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
MAIN = HERE / "job-titles.tsv"
TSV = Path(sys.argv[1]) if len(sys.argv) > 1 else MAIN
CSV = HERE.parent / "reference" / "occupations" / "csco2022.csv"
CODE_RE = re.compile(r"^\d-\d\d-\d\d-\d\d$")


def strip_marker(name: str) -> str:
    return re.sub(r"(L/S|L|S)$", "", name.strip())


def main() -> int:
    codes, vocabulary = set(), set()
    with CSV.open(encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f):
            codes.add(row["code"])
            vocabulary.add(strip_marker(row["name"]))
            for alias in row["alias"].split(","):
                if alias.strip():
                    vocabulary.add(strip_marker(alias))

    errors = []
    titles = Counter()
    per_group = Counter()
    distinct = set()
    empty = 0
    rows = 0
    with TSV.open(encoding="utf-8", newline="") as f:
        header = f.readline().rstrip("\n")
        if header != "title\tcode\tnote":
            errors.append(f"bad header: {header!r}")
        for lineno, line in enumerate(f, start=2):
            line = line.rstrip("\n")
            if not line.strip():
                errors.append(f"line {lineno}: blank line")
                continue
            parts = line.split("\t")
            if len(parts) != 3:
                errors.append(f"line {lineno}: expected 3 tab-separated fields, got {len(parts)}")
                continue
            title, code, note = parts
            rows += 1
            if title != title.strip() or not title:
                errors.append(f"line {lineno}: title empty or has outer whitespace: {title!r}")
            titles[title.strip()] += 1
            if title.strip() in vocabulary:
                errors.append(f"line {lineno}: title copies a CSV alias or name: {title!r}")
            if code == "":
                empty += 1
                per_group["(none)"] += 1
                if "no-occupation" not in note:
                    errors.append(f"line {lineno}: empty code without note 'no-occupation'")
                continue
            if not CODE_RE.match(code):
                errors.append(f"line {lineno}: malformed code {code!r}")
                continue
            if code not in codes:
                errors.append(f"line {lineno}: unknown code {code} ({title})")
                continue
            distinct.add(code)
            per_group[code[0]] += 1

    for title, n in titles.items():
        if n > 1:
            errors.append(f"duplicate title ({n}x): {title!r}")

    others = [MAIN] + sorted(HERE.glob("job-titles-dev*.tsv"))
    for other in others:
        if other.resolve() == TSV.resolve():
            continue
        with other.open(encoding="utf-8", newline="") as f:
            f.readline()
            other_titles = {line.split("\t")[0].strip() for line in f if line.strip()}
        shared = [t for t in titles if t in other_titles]
        if shared:
            errors.append(f"{len(shared)} title(s) also in {other.name}")

    print(f"rows: {rows}")
    print(f"distinct codes: {len(distinct)}")
    print(f"no-occupation rows: {empty} ({100.0 * empty / max(rows, 1):.1f}%)")
    print("rows per major group:")
    for group in sorted(per_group):
        print(f"  {group}: {per_group[group]}")
    if rows and empty / rows >= 0.02:
        errors.append(f"no-occupation rows are {empty}/{rows}, must stay under 2%")
    if errors:
        print(f"{len(errors)} problem(s):", file=sys.stderr)
        for e in errors:
            print(f"  {e}", file=sys.stderr)
        return 1
    print("OK")
    return 0


if __name__ == "__main__":
    sys.exit(main())
