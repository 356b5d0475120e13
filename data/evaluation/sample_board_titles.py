#!/usr/bin/env python3
"""Sample real job-board titles for labelling (see README.md, "Real job-board titles").

Reads the job pages of a stored job-board snapshot (a git directory), takes the posted title of
each page (its <h1>), drops exact repeats (after trimming the surrounding white space of the HTML),
draws a fixed random sample and splits it once by a hash of the title into a development part and a
held-out part. Prints two TSV files with an empty code column, to be labelled by hand.

With --rest, writes instead the titles that the sample left out and that lie on the development
side of the split (board-titles-dev2-unlabelled.tsv), for a second development set; titles on the
held-out side are dropped there too, so the held-out side of the hash stays unseen.

Usage: python3 data/evaluation/sample_board_titles.py GIT_DIR COMMIT OUT_DIR [N] [--rest]
"""
import hashlib
import random
import re
import subprocess
import sys
from pathlib import Path

H1 = re.compile(r"<h1>([^<]*)</h1>")


def held_out(title: str) -> bool:
    """The fixed split: a title is held out when the first byte of its SHA-256 is odd."""
    return hashlib.sha256(title.encode("utf-8")).digest()[0] % 2 == 1


def read_titles(git_dir: str, commit: str) -> set[str]:
    """The distinct posted titles of the snapshot's job pages."""
    names = subprocess.run(["git", "--git-dir", git_dir, "-c", "core.quotePath=false", "ls-tree", "-r", "--name-only", commit, "gongzuoku/"],
                           capture_output=True, text=True, check=True).stdout.split("\n")
    titles = set()
    for name in names:
        if not name or name.endswith("index.html"):
            continue
        page = subprocess.run(["git", "--git-dir", git_dir, "show", f"{commit}:{name}"],
                              capture_output=True, check=True).stdout.decode("utf-8", "replace")
        match = H1.search(page)
        if match and match.group(1).strip():
            titles.add(match.group(1).strip())
    return titles


def main() -> int:
    args = [a for a in sys.argv[1:] if a != "--rest"]
    rest = "--rest" in sys.argv
    git_dir, commit, out = args[0], args[1], Path(args[2])
    n = int(args[3]) if len(args) > 3 else 700
    titles = read_titles(git_dir, commit)
    sample = random.Random(20261205).sample(sorted(titles), n)
    if rest:
        left = sorted(t for t in titles - set(sample) if not held_out(t))
        with (out / "board-titles-dev2-unlabelled.tsv").open("w", encoding="utf-8") as f:
            f.write("title\tcode\tnote\n")
            for title in left:
                f.write(f"{title}\t\t\n")
        print(f"{len(titles)} distinct titles, {len(titles) - n} outside the sample, {len(left)} on the development side")
        return 0
    for part, keep in (("dev", False), ("heldout", True)):
        with (out / f"board-titles-{part}.tsv").open("w", encoding="utf-8") as f:
            f.write("title\tcode\tnote\n")
            for title in sorted(t for t in sample if held_out(t) == keep):
                f.write(f"{title}\t\t\n")
    print(f"{len(titles)} distinct titles, sampled {n}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
