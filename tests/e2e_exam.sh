#!/usr/bin/env bash
# Exams, headless: kefu lint's messages for broken exam files (file:line); kefu run --exam
# refusing a name off the roster, a scenario the exam lacks, a closed or not yet open window,
# and a retake beyond the attempts (a killed session's journal counts); the "exam" fields of
# the result; and kefu report flagging an edited total and an edited, removed or reordered
# message. timeout is a hang guard, not a speed assertion.
set -u
KEFU=${KEFU_BIN:-build/kefu}
D=tests/data/exams
R=tests/data/replies/simple.jsonl
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
fails=0; passes=0
ok() { echo "ok   $1"; passes=$((passes+1)); }
bad() { echo "FAIL $1"; fails=$((fails+1)); }

# name, expected exit code, expected substring, command...
expect() {
  local name=$1 want_rc=$2 want=$3; shift 3
  local out rc
  out=$(timeout 120 "$@" 2>&1); rc=$?
  if [ "$rc" -ne "$want_rc" ]; then bad "$name: exit $rc (want $want_rc): $out"; return; fi
  if ! printf '%s\n' "$out" | grep -qF -- "$want"; then
    bad "$name: output lacks '$want':"; printf '%s\n' "$out" | sed 's/^/    /'; return
  fi
  ok "$name"
}

# ---- lint
expect "lint: good exam"       0 "$D/good.lua: ok (exam)" "$KEFU" lint $D/good.lua
expect "lint: example exam"    0 "exams/example.lua: ok (exam)" "$KEFU" lint exams/example.lua
expect "lint: missing seed"    1 "$D/bad_seed.lua:5: 'scenarios[1]' needs a seed" "$KEFU" lint $D/bad_seed.lua
expect "lint: window offset"   1 "$D/bad_window.lua:8: 'window.from' must be a time with its offset" "$KEFU" lint $D/bad_window.lua
expect "lint: window order"    1 "$D/bad_order.lua:7: 'window.until' (2026-11-22T09:00:00+08:00) must come after" "$KEFU" lint $D/bad_order.lua
expect "lint: roster twice"    1 "$D/bad_roster.lua:8: 'roster[3]' names \"张三\" twice (roster[1] too)" "$KEFU" lint $D/bad_roster.lua
expect "lint: attempts range"  1 "$D/bad_attempts.lua:6: 'attempts' must be from 1 to 100, got 0" "$KEFU" lint $D/bad_attempts.lua
expect "lint: unknown field"   1 "$D/bad_field.lua:7: 'passmark' is not a known field" "$KEFU" lint $D/bad_field.lua
expect "lint: no such scenario" 1 "$D/bad_scenario.lua:6: scenario \"no_such_persona\" is not in scenarios" "$KEFU" lint $D/bad_scenario.lua

# ---- refusals
O=$T/out
expect "run: off the roster"   1 "\"赵六\" is not on the roster of the exam \"测试考试\"" \
  "$KEFU" run haggler --exam $D/good.lua --trainee 赵六 --replies $R --out $O
expect "run: scenario not in exam" 1 "the exam \"测试考试\" ($D/good.lua) has no scenario \"angry_complainant\"" \
  "$KEFU" run angry_complainant --exam $D/good.lua --trainee 张三 --replies $R --out $O
expect "run: window closed"    1 "closed at 2020-01-02T18:00:00+08:00; it can no longer be started" \
  "$KEFU" run haggler --exam $D/closed.lua --trainee 张三 --replies $R --out $O
expect "run: window not open"  1 "opens at 2098-01-01T09:00:00+08:00; it cannot be started before then" \
  "$KEFU" run haggler --exam $D/future.lua --trainee 张三 --replies $R --out $O
expect "run: --exam needs --trainee" 2 "--exam needs --trainee NAME" \
  "$KEFU" run haggler --exam $D/good.lua --replies $R --out $O
expect "run: no --seed with --exam" 2 "takes the seed and mode from the exam" \
  "$KEFU" run haggler --exam $D/good.lua --trainee 张三 --seed 3 --replies $R --out $O
[ ! -e "$O" ] || [ -z "$(ls -A "$O" 2>/dev/null | grep -v '^\.')" ] && ok "refusals wrote no result" || bad "a refused run wrote a result"

# ---- a sitting, its fields, and no retake
expect "run: first attempt"    0 "haggler: incomplete" \
  "$KEFU" run haggler --exam $D/good.lua --trainee 张三 --replies $R --out $O
f=$(ls $O/*.json | head -1)
python3 - "$f" <<'PY' && ok "result carries exam id, attempt 1, chain, mode exam, seed 7, pass mark 70" || bad "exam fields"
import json, sys
d = json.load(open(sys.argv[1]))
e = d["exam"]
assert e["id"] == "test-exam" and e["attempt"] == 1, e
assert len(e["chain"]) == 64 and all(c in "0123456789abcdef" for c in e["chain"]), e
assert d["mode"] == "exam" and d["seed"] == 7 and d["scoring"]["pass_mark"] == 70, d["mode"]
PY
expect "run: no retake"        1 "张三 has used 1 of 1 attempt at \"haggler\" in the exam \"测试考试\"; no attempt is left" \
  "$KEFU" run haggler --exam $D/good.lua --trainee 张三 --replies $R --out $O
expect "run: another scenario is its own attempt" 0 "indecisive_buyer: incomplete" \
  "$KEFU" run indecisive_buyer --exam $D/good.lua --trainee 张三 --replies $R --out $O
expect "rescore keeps the exam and its chain" 0 "total" "$KEFU" rescore --write "$f"
grep -q '"chain"' "$f" && ok "chain kept by rescore --write" || bad "rescore --write dropped the chain"

# ---- a killed attempt counts (its journal, and the result recovered from it)
K=$T/killed
LONG=$T/long.jsonl
for i in $(seq 1 30); do echo '{"after": 2, "text": "亲，您好！"}'; done > $LONG
KEFU_TEST_STEP_DELAY_MS=200 "$KEFU" run haggler --exam $D/twice.lua --trainee 张三 --replies $LONG --out $K >/dev/null 2>&1 &
pid=$!
# Kill once the journal holds the exam's head and a first agent reply, however slowly a busy
# machine gets there (up to two minutes), never after a fixed sleep.
for _ in $(seq 1 1200); do
  grep -qs '"from":"agent"' $K/.journal/*.jsonl && break
  sleep 0.1
done
kill -KILL $pid; wait $pid 2>/dev/null
ls $K/.journal/*.jsonl >/dev/null 2>&1 && ok "the killed session left a journal" || bad "no journal left by the killed session"
grep -q '"exam":{"id":"twice-exam","attempt":1' $K/.journal/*.jsonl && ok "journal head names the exam and attempt" || bad "journal head lacks the exam"
expect "run: second attempt after a kill" 0 "haggler: incomplete" \
  "$KEFU" run haggler --exam $D/twice.lua --trainee 张三 --replies $R --out $K
python3 - $K <<'PY' && ok "killed attempt recovered as attempt 1 with a valid exam, new one is attempt 2" || bad "attempt numbers after a kill"
import glob, json, sys
att = sorted(json.load(open(p))["exam"]["attempt"] for p in glob.glob(sys.argv[1] + "/*.json"))
assert att == [1, 2], att
PY
expect "run: no third attempt" 1 "张三 has used 2 of 2 attempts" \
  "$KEFU" run haggler --exam $D/twice.lua --trainee 张三 --replies $R --out $K
out=$(timeout 120 "$KEFU" report $K 2>&1)
printf '%s\n' "$out" | grep -q "需要核对" && bad "a recovered exam result is flagged: $out" || ok "a recovered exam result verifies"

# ---- tampering, flagged by kefu report
P=$T/tamper
mkdir -p $P
for who in 张三 李四; do
  for s in haggler indecisive_buyer; do
    "$KEFU" run $s --exam $D/good.lua --trainee $who --replies $R --out $P/$who-$s >/dev/null 2>&1
    mv $P/$who-$s/*.json $P/$who-$s.json; rmdir $P/$who-$s
  done
done
out=$(timeout 120 "$KEFU" report $P 2>&1)
printf '%s\n' "$out" | grep -q "需要核对" && bad "untouched results flagged: $out" || ok "untouched exam results are not flagged"
sed -i 's/"total":\t[0-9]*/"total":\t99/' $P/张三-haggler.json
python3 - $P <<'PY'
import json, sys
def edit(name, fn):
    p = sys.argv[1] + "/" + name
    d = json.load(open(p)); fn(d["transcript"]); json.dump(d, open(p, "w"), ensure_ascii=False, indent="\t")
def change(t): t[1]["text"] = t[1]["text"] + "祝您生活愉快"
def remove(t): del t[2]
def swap(t): t[0], t[1] = t[1], t[0]
edit("张三-indecisive_buyer.json", change)
edit("李四-haggler.json", remove)
edit("李四-indecisive_buyer.json", swap)
PY
out=$(timeout 120 "$KEFU" report $P --csv $T/t.csv --html $T/t.html 2>&1)
line() { printf '%s\n' "$out" | grep -F "$1" | head -1; }
case "$(line 张三-haggler.json)" in *"edited, or scored by another rubric"*) ok "edited total flagged";; *) bad "edited total: $out";; esac
case "$(line 张三-indecisive_buyer.json)" in *"edited transcript"*) ok "edited message flagged";; *) bad "edited message: $out";; esac
case "$(line 李四-haggler.json)" in *"edited transcript"*) ok "removed message flagged";; *) bad "removed message: $out";; esac
case "$(line 李四-indecisive_buyer.json)" in *"edited transcript"*) ok "reordered messages flagged";; *) bad "reordered: $out";; esac
printf '%s\n' "$out" | grep -qF "== 需要核对的结果 (4) ==" && ok "terminal counts 4 flagged" || bad "terminal count: $out"
[ "$(grep -c 'edited' $T/t.csv)" -eq 4 ] && ok "CSV check column names 4 files" || bad "CSV: $(cat $T/t.csv)"
grep -q 'id="checks"' $T/t.html && [ "$(grep -o 'edited transcript' $T/t.html | wc -l)" -ge 3 ] && ok "HTML lists them" || bad "HTML lacks the checks section"

echo "$passes passed, $fails failed"
[ "$fails" -eq 0 ]
