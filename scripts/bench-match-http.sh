#!/usr/bin/env bash
# HTTP load test of the match API on loopback with wrk (Debian package "wrk"), sharing the machine with the app.
#   scripts/bench-match-http.sh [demo scale: small|lishui|province] [seconds] [connections]
# Builds the web app in Release, starts it on a fresh SQLite file seeded with the demo scale, waits for the
# match index, then drives GET /api/v1/positions/{id}/matches and /api/v1/talents/{id}/matches (take=20,
# explanations included) over open positions and talents with an admin API token. Prints wrk's report;
# its "Requests/sec" line is the figure.
set -euo pipefail
scale=${1:-lishui}
seconds=${2:-20}
connections=${3:-32}
port=5097
root=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
command -v wrk >/dev/null || { echo "wrk is not installed (apt-get install wrk)" >&2; exit 2; }

dotnet publish "$root/src/TalentBridge.Web" -c Release -o "$work/app" --nologo -v quiet >/dev/null
Database__Provider=sqlite ConnectionStrings__TalentBridge="Data Source=$work/load.db" Demo__Scale="$scale" \
  Logging__LogLevel__Default=Warning Security__LoginAttemptsPerMinute=1000 \
  dotnet "$work/app/TalentBridge.Web.dll" --urls "http://127.0.0.1:$port" >"$work/app.log" 2>&1 &
app=$!
trap 'kill $app 2>/dev/null || true; wait $app 2>/dev/null || true; rm -rf "$work"' EXIT

base="http://127.0.0.1:$port"
token=""
for _ in $(seq 1 600); do
  token=$(curl -sf -X POST "$base/api/v1/tokens" -H 'Content-Type: application/json' \
    -d '{"userName":"admin","password":"Admin#2026","name":"load"}' 2>/dev/null \
    | python3 -c 'import json,sys; print(json.load(sys.stdin)["token"])' 2>/dev/null) && break
  sleep 1
done
[ -n "$token" ] || { echo "the app did not start; log:" >&2; cat "$work/app.log" >&2; exit 1; }
until curl -sf -H "Authorization: Bearer $token" "$base/api/v1/talents/1/matches?take=1" >/dev/null; do sleep 1; done

# Ids to query: open positions and talents (the first 1,000 of each, 100 a page).
ids() {
  for page in $(seq 1 10); do
    curl -sf -H "Authorization: Bearer $token" "$base/api/v1/$1&pageSize=100&page=$page"; echo
  done | python3 -c 'import json,sys; print(",".join(str(i["id"]) for line in sys.stdin if line.strip() for i in json.loads(line)["items"]))'
}
positions=$(ids "positions?status=Open")
talents=$(ids "talents?sort=name")
cat >"$work/match.lua" <<LUA
local positions = {$positions}
local talents = {$talents}
local i = 0
wrk.headers["Authorization"] = "Bearer $token"
request = function()
  i = i + 1
  if i % 2 == 0 then
    return wrk.format("GET", "/api/v1/positions/" .. positions[math.floor(i / 2) % #positions + 1] .. "/matches?take=20")
  end
  return wrk.format("GET", "/api/v1/talents/" .. talents[math.floor(i / 2) % #talents + 1] .. "/matches?take=20")
end
done = function(summary, latency, requests)
  io.write(string.format("non-2xx or errors: %d\n", summary.errors.status + summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout))
end
LUA
echo "scale $scale, $(nproc) cores, $connections connections, ${seconds}s"
wrk -t2 -c"$connections" -d"${seconds}s" --latency -s "$work/match.lua" "$base"
