#!/usr/bin/env bash
# bench_report_real: kefu report over N results that kefu run really wrote (three sessions of the
# playthrough fixtures, copied N times under 200 trainee names), so every file is rescored with
# the current rubric as HR's report does, then again with the checks cached; then the same
# folder without a rubric, cat and a Python parse, for comparison. Usage:
# bench/bench_report_real.sh [DIR [N]] (from the repo root, after building build/kefu; default
# /tmp/kefu-bench-real, 10000). Files already in DIR are reused. See bench/README-report.md.
set -euo pipefail

KEFU=${KEFU_BIN:-build/kefu}
DIR=${1:-/tmp/kefu-bench-real}
N=${2:-10000}

if [ ! -e "$DIR/day00" ]; then
  seeds="$DIR.seeds"
  rm -rf "$seeds" && mkdir -p "$seeds"
  for s in haggler_good angry_complainant_bad angry_complainant_good; do
    "$KEFU" run "${s%_*}" --replies "tests/data/playthroughs/$s.jsonl" --trainee 学员 --seed 3 \
      --out "$seeds" >/dev/null
  done
  python3 - "$seeds" "$DIR" "$N" <<'EOF'
import glob, json, os, sys
seeds, out, n = sys.argv[1], sys.argv[2], int(sys.argv[3])
src = [json.load(open(f, encoding="utf-8")) for f in sorted(glob.glob(seeds + "/*.json"))]
total = 0
for i in range(n):
    d = dict(src[i % len(src)])
    d["id"] = "%s-%05d" % (d["id"], i)
    d["trainee"] = "学员%03d" % (i * 7 % 200)
    folder = "%s/day%02d" % (out, i // 1000)
    os.makedirs(folder, exist_ok=True)
    text = json.dumps(d, ensure_ascii=False, indent="\t") + "\n"
    total += len(text.encode())
    open("%s/r%05d.json" % (folder, i), "w", encoding="utf-8").write(text)
print("generated %d files, %.1f MB" % (n, total / 1e6))
EOF
fi

t() { # runs "$@", then says how long it took on stderr
  /usr/bin/time -o "$DIR.time" -f "  %e s wall, %U s user + %S s sys, peak %M KB" "$@"
  cat "$DIR.time" >&2 # the command's own output may go to /dev/null
}
# The cache of checks (docs/report.md) in a folder of its own, empty at the start.
export XDG_CACHE_HOME="$DIR.cache"
rm -rf "$XDG_CACHE_HOME"
echo "kefu report, every file rescored (the default rubric; the cache of checks empty):"
t "$KEFU" report "$DIR" --csv "$DIR.csv" --html "$DIR.html" >/dev/null
echo "kefu report again, the checks found in the cache (nothing rescored):"
t "$KEFU" report "$DIR" --csv "$DIR.csv" --html "$DIR.html" >/dev/null
echo "kefu report, no rubric (nothing rescored):"
t sh -c '"$0" report "$1" --rubric /nonexistent --csv "$1.csv" --html "$1.html" >/dev/null 2>&1' \
  "$KEFU" "$DIR"
echo "cat:"
t sh -c "find '$DIR' -name '*.json' -print0 | xargs -0 cat >/dev/null"
echo "python3, parse only:"
t python3 -c 'import json,sys,glob; [json.load(open(f)) for f in glob.glob(sys.argv[1]+"/**/*.json", recursive=True)]' "$DIR"
