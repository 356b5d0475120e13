#!/usr/bin/env python3
"""Agreement of two labellers on real board titles (see README.md, "Second labeller").

Three labellers: A made the labels of board-titles-dev.tsv, board-titles-dev2.tsv and board-titles-heldout.tsv;
B (board-titles-second-labels.tsv) and C (board-titles-labeller-c-dev.tsv, board-titles-labeller-c-heldout.tsv)
labelled again, blind: without A's labels, each other's, the classifier's vocabulary or its answers. B labelled 300
development titles; C the same 300 and all 314 held-out titles. board-titles-heldout-adjudicated.tsv holds A's
held-out labels where A and C agree and a third labeller's decision where they do not. Prints, for each pair, exact agreement, agreement
counting a code that either labeller noted as `also:`, agreement at the 中类 level (the first four characters of the
code), the second labeller's codes judged against the first's as `talentbridge eval titles` judges the classifier
(right when inside the first label's subtree: a 细类 under a 小类 label counts), and the no-occupation rows of each;
counts only, never rows.

Usage: python3 data/evaluation/label_agreement.py
"""
import csv
from pathlib import Path

HERE = Path(__file__).parent
CATALOGUE = HERE.parent / "reference" / "occupations" / "csco2022.csv"


def rows(name: str) -> list[dict]:
    with (HERE / name).open(encoding="utf-8") as f:
        return list(csv.DictReader(f, delimiter="\t"))


def also(note: str | None) -> list[str]:
    return [part.strip().split()[0] for part in (note or "").split("also:")[1:] if part.strip()]


def levels() -> dict[str, int]:
    with CATALOGUE.open(encoding="utf-8", newline="") as f:
        return {row["code"]: int(row["level"]) for row in csv.DictReader(f)}


LEVELS = levels()


def judged_right(label: str, answer: str) -> bool:
    """TitleEvaluation.Judge's rule: the answer lies in the label's subtree; an empty label wants no code."""
    if not label or not answer:
        return label == answer
    level = LEVELS.get(label, 4)
    return answer == label if level == 4 else answer[: {1: 1, 2: 4, 3: 7}[level]] == label[: {1: 1, 2: 4, 3: 7}[level]]


A_DEV = ("board-titles-dev.tsv", "board-titles-dev2.tsv")
PAIRS = (
    ("development, A and B", A_DEV, "board-titles-second-labels.tsv"),
    ("development, A and C", A_DEV, "board-titles-labeller-c-dev.tsv"),
    ("development, B and C", ("board-titles-second-labels.tsv",), "board-titles-labeller-c-dev.tsv"),
    ("held out, A and C", ("board-titles-heldout.tsv",), "board-titles-labeller-c-heldout.tsv"),
    ("held out, A and adjudicated", ("board-titles-heldout.tsv",), "board-titles-heldout-adjudicated.tsv"),
    ("held out, C and adjudicated", ("board-titles-labeller-c-heldout.tsv",), "board-titles-heldout-adjudicated.tsv"),
)


def main() -> int:
    for part, first_files, second_file in PAIRS:
        compare(part, {r["title"]: r for name in first_files for r in rows(name)}, rows(second_file))
    return 0


def compare(part: str, first: dict, second: list[dict]) -> None:
    n = exact = either = middle = judged = none_first = none_second = none_both = 0
    for s in second:
        f = first[s["title"]]
        a, b = f["code"].strip(), s["code"].strip()
        n += 1
        exact += a == b
        either += a == b or b in also(f.get("note")) or a in also(s.get("note"))
        middle += a[:4] == b[:4]
        judged += judged_right(a, b)
        none_first += a == ""
        none_second += b == ""
        none_both += a == "" and b == ""
    print(f"{part}: rows {n}: exact {exact} ({exact / n:.1%}), exact or also {either} ({either / n:.1%}), same 中类 {middle} ({middle / n:.1%}), "
          f"judged like the classifier {judged} ({judged / n:.1%}); "
          f"no occupation: first {none_first}, second {none_second}, both {none_both}")


if __name__ == "__main__":
    raise SystemExit(main())
