#!/usr/bin/env bash
# Peak memory of the command line importing the hostile files of issue [5] items 1-3 (docs/benchmarks.md, "Import limits").
#   scripts/bench-import-limits.sh [runs]
# Builds the CLI in Release, writes the files with scripts/hostile_imports.py into a temporary folder, and imports each one
# into a fresh SQLite database under /usr/bin/time -v, [runs] times (default 1). Prints, per import: the file's size, the
# maximum resident set size, the wall time, the CLI's summary line and the issues it reported.
set -euo pipefail
runs=${1:-1}
root=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
[ -x /usr/bin/time ] || { echo "/usr/bin/time is not installed (apt-get install time)" >&2; exit 2; }

dotnet build "$root/src/TalentBridge.Cli" -c Release --nologo -v quiet >/dev/null
cli="$root/src/TalentBridge.Cli/bin/Release/net10.0/talentbridge.dll"
python3 "$root/scripts/hostile_imports.py" "$work" >/dev/null
echo "$(nproc) cores, $(free -g | awk '/^Mem:/ { print $2 }') GiB, $(dotnet --version), $(git -C "$root" rev-parse --short HEAD)"
for file in shared-string.xlsx last-row.xlsx long-line.jsonl unclosed-quote.csv many-strings.xlsx; do
  name=${file%.*}
  for run in $(seq 1 "$runs"); do
    rm -f "$work/$name.db" "$work/$name.db-wal" "$work/$name.db-shm"
    /usr/bin/time -v -o "$work/time.txt" dotnet "$cli" import --connection "Data Source=$work/$name.db" --source hostile \
      --profile "$work/$name.profile.json" --file "$work/$file" --report "$work/$name.issues.tsv" >"$work/out.txt" 2>&1 || true
    rss=$(awk -F': ' '/Maximum resident set size/ { printf "%.0f", $2 / 1024 }' "$work/time.txt")
    wall=$(awk -F': ' '/Elapsed \(wall clock\)/ { print $2 }' "$work/time.txt")
    echo "== $file ($(stat -c %s "$work/$file") bytes), run $run: peak RSS $rss MiB, wall $wall"
    grep -E '^(run |error)' "$work/out.txt" || cat "$work/out.txt"
    [ -f "$work/$name.issues.tsv" ] && tail -n +2 "$work/$name.issues.tsv" | head -5
  done
done
