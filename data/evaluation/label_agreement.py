#!/usr/bin/env python3
"""Agreement of two labellers on real board titles (see README.md, "Second labeller").

Compares board-titles-second-labels.tsv (300 development titles labelled a second time, blind: without the first
labels, the classifier's vocabulary or its answers) with the first labels in board-titles-dev.tsv and
board-titles-dev2.tsv. Prints exact agreement, agreement counting a code that either labeller noted as `also:`,
agreement at the 中类 level (the first four characters of the code) and the no-occupation rows of each.

Usage: python3 data/evaluation/label_agreement.py
"""
import csv
from pathlib import Path

HERE = Path(__file__).parent


def rows(name: str) -> list[dict]:
    with (HERE / name).open(encoding="utf-8") as f:
        return list(csv.DictReader(f, delimiter="\t"))


def also(note: str | None) -> list[str]:
    return [part.strip().split()[0] for part in (note or "").split("also:")[1:] if part.strip()]


def main() -> int:
    first = {r["title"]: r for name in ("board-titles-dev.tsv", "board-titles-dev2.tsv") for r in rows(name)}
    second = rows("board-titles-second-labels.tsv")
    n = exact = either = middle = none_first = none_second = none_both = 0
    for s in second:
        f = first[s["title"]]
        a, b = f["code"].strip(), s["code"].strip()
        n += 1
        exact += a == b
        either += a == b or b in also(f.get("note")) or a in also(s.get("note"))
        middle += a[:4] == b[:4]
        none_first += a == ""
        none_second += b == ""
        none_both += a == "" and b == ""
    print(f"rows {n}: exact {exact} ({exact / n:.1%}), exact or also {either} ({either / n:.1%}), same 中类 {middle} ({middle / n:.1%}); "
          f"no occupation: first {none_first}, second {none_second}, both {none_both}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
