#!/usr/bin/env python3
"""Sample real job-board titles for labelling (see README.md, "Real job-board titles").

Reads the job pages of a stored job-board snapshot (a git directory), takes the posted title of
each page (its <h1>), drops exact repeats (after trimming the surrounding white space of the HTML),
draws a fixed random sample and splits it once by a hash of the title into a development part and a
held-out part. Prints two TSV files with an empty code column, to be labelled by hand.

Usage: python3 data/evaluation/sample_board_titles.py GIT_DIR COMMIT OUT_DIR [N]
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


def main() -> int:
    git_dir, commit, out = sys.argv[1], sys.argv[2], Path(sys.argv[3])
    n = int(sys.argv[4]) if len(sys.argv) > 4 else 700
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
    sample = random.Random(20261205).sample(sorted(titles), n)
    for part, keep in (("dev", False), ("heldout", True)):
        with (out / f"board-titles-{part}.tsv").open("w", encoding="utf-8") as f:
            f.write("title\tcode\tnote\n")
            for title in sorted(t for t in sample if held_out(t) == keep):
                f.write(f"{title}\t\t\n")
    print(f"{len(titles)} distinct titles, sampled {n}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
