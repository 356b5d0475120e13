#!/usr/bin/env python3
"""Check board-titles-dev.tsv, board-titles-dev2.tsv and board-titles-heldout.tsv (see README.md,
"Real job-board titles"), the second labellings of their titles (labellers B and C) and the adjudicated
held-out labels.

Fails when a code is not in csco2022.csv, a row is malformed, a title occurs twice, an empty code is
not marked no-occupation, or a row sits on the wrong side of the fixed hash split (so that rows cannot
move between the development and the held-out part). dev2 holds titles outside the 700-title sample,
all on the development side; a title may occur in one file only. Prints only counts, never held-out rows.

Usage: python3 data/evaluation/check_board_titles.py
"""
import csv
import sys
from pathlib import Path

from sample_board_titles import held_out

HERE = Path(__file__).resolve().parent
CSV = HERE.parent / "reference" / "occupations" / "csco2022.csv"


def main() -> int:
    with CSV.open(encoding="utf-8", newline="") as f:
        codes = {row["code"] for row in csv.DictReader(f)}
    errors, seen = [], set()
    for part, want_held_out in (("dev", False), ("dev2", False), ("heldout", True)):
        rows = empty = 0
        with (HERE / f"board-titles-{part}.tsv").open(encoding="utf-8") as f:
            if f.readline().rstrip("\n") != "title\tcode\tnote":
                errors.append(f"{part}: bad header")
            for lineno, line in enumerate(f, start=2):
                fields = line.rstrip("\n").split("\t")
                if len(fields) != 3:
                    errors.append(f"{part} line {lineno}: expected 3 fields")
                    continue
                title, code, note = fields
                rows += 1
                if title in seen:
                    errors.append(f"{part} line {lineno}: title repeated")
                seen.add(title)
                if held_out(title) != want_held_out:
                    errors.append(f"{part} line {lineno}: on the wrong side of the split")
                if code and code not in codes:
                    errors.append(f"{part} line {lineno}: unknown code")
                if not code:
                    empty += 1
                    if not note.startswith("no-occupation"):
                        errors.append(f"{part} line {lineno}: empty code without no-occupation note")
        print(f"{part}: {rows} rows, {empty} without occupation")
    for name, part in (("second-labels", "dev"), ("labeller-c-dev", "dev"), ("labeller-c-heldout", "heldout"),
                       ("heldout-adjudicated", "heldout")):
        rows = 0
        with (HERE / f"board-titles-{name}.tsv").open(encoding="utf-8") as f:
            if f.readline().rstrip("\n") != "title\tcode\tnote":
                errors.append(f"{name}: bad header")
            for lineno, line in enumerate(f, start=2):
                fields = line.rstrip("\n").split("\t")
                rows += 1
                if len(fields) != 3:
                    errors.append(f"{name} line {lineno}: expected 3 fields")
                    continue
                title, code, note = fields
                if title not in seen or held_out(title) != (part == "heldout"):
                    errors.append(f"{name} line {lineno}: not a title of the {part} part")
                if code and code not in codes:
                    errors.append(f"{name} line {lineno}: unknown code")
                if not code and not note.startswith("no-occupation"):
                    errors.append(f"{name} line {lineno}: empty code without no-occupation note")
        print(f"{name}: {rows} rows")
    for error in errors:
        print(error, file=sys.stderr)
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
