#!/usr/bin/env bash
# Rush mode headless end to end (docs/rush.md): customers arrive on one clock, one is lost while
# another is answered, per-customer timings, the same seed and replies give the same bytes,
# bad rush files and replies are named with file:line, lint and test take rush files, and
# rescore and report read a rush result.
set -u
KEFU=${KEFU_BIN:-build/kefu}
OUT=${KEFU_TEST_OUT:-build/test-out}/e2e_rush
rm -rf "$OUT"
mkdir -p "$OUT"
fails=0; passes=0

ok()   { echo "ok   $1"; passes=$((passes+1)); }
fail() { echo "FAIL $1"; fails=$((fails+1)); }
# A member of the JSON file $1 by a Python expression $2 over d.
jq_() { python3 -c "import json,sys; d=json.load(open(sys.argv[1])); print($2)" "$1" 2>&1; }
expect() { # name, got, want
  if [ "$2" = "$3" ]; then ok "$1"; else fail "$1: got '$2', want '$3'"; fi
}
strip() { sed -E 's/"(started_at|ended_at|id)":[[:space:]]*"[^"]*"/"\1":"X"/g' "$@"; }

# --- one customer answered, the one who arrived with her lost -------------------------------
cat >"$OUT/one.jsonl" <<'EOF'
{"to": 1, "after": 3, "text": "亲，您好！欢迎光临，这款是我们店的爆款哦"}
{"to": "haggler", "after": 5, "text": "亲，这个价格已经是活动价了，品质有保障的"}
{"to": 1, "after": 5, "typing": 2, "text": "亲，今天下单还送运费险，您放心"}
{"to": 1, "after": 5, "text": "今天下单48小时内发货，一般3到5天送到哦"}
{"to": 1, "after": 5, "text": "支持7天无理由退换的，亲放心"}
{"to": 1, "after": 5, "text": "感谢亲的支持，祝您生活愉快！"}
{"to": 2, "after": 90, "text": "亲，在的在的，不好意思久等了"}
EOF
R="$OUT/r1.json"
if timeout 60 "$KEFU" run rush_1111 --replies "$OUT/one.jsonl" --seed 4 --json "$R" \
    2>"$OUT/run1.err"; then
  ok "kefu run rush_1111"
else
  fail "kefu run rush_1111: $(cat "$OUT/run1.err")"
fi
expect "the result is a rush" "$(jq_ "$R" 'd["schema"]')" "kefu.rush/1"
expect "five conversations inside, each a result" \
  "$(jq_ "$R" '",".join(c["schema"] for c in d["conversations"])')" \
  "kefu.result/1,kefu.result/1,kefu.result/1,kefu.result/1,kefu.result/1"
expect "arrivals as the rush file says" \
  "$(jq_ "$R" '",".join("%g" % c["arrival_s"] for c in d["customers"])')" "0,0,10,25,25"
expect "each conversation starts at its arrival" \
  "$(jq_ "$R" '",".join(c["started_at"][-3:-1] for c in d["conversations"])' |
     python3 -c 'import sys; v=[int(x) for x in sys.stdin.read().strip().split(",")]; print(",".join(str((x - v[0]) % 60) for x in v))')" \
  "0,0,10,25,25"
expect "the haggler, answered, buys" "$(jq_ "$R" 'd["customers"][0]["outcome"]')" "sale"
expect "the buyer who arrived with her leaves unanswered" \
  "$(jq_ "$R" 'd["customers"][1]["outcome"], d["customers"][1]["lost"], d["customers"][1]["first_response_s"]')" \
  "left True None"
expect "a late line to a customer who left is not played" \
  "$(jq_ "$R" 'len([m for m in d["conversations"][1]["transcript"] if m["from"] == "agent"])')" "0"
expect "she was starved (waited past 20 s while others got 2+ replies)" \
  "$(jq_ "$R" 'd["customers"][1]["starved"], d["customers"][0]["starved"]')" "True False"
expect "per-customer first response and longest wait of the haggler" \
  "$(jq_ "$R" 'd["customers"][0]["first_response_s"], d["customers"][0]["longest_wait_s"]')" "3 7"
expect "the summary: served, lost, most at once" \
  "$(jq_ "$R" 'd["summary"]["served"], d["summary"]["lost"], d["summary"]["max_concurrent"], d["summary"]["answered"]')" \
  "1 4 5 1"
expect "the second customer's patience runs on the rush's clock (left 60 s after arriving)" \
  "$(jq_ "$R" 'd["customers"][2]["ended_s"] - d["customers"][2]["arrival_s"] >= 60')" "True"
expect "each conversation has its full scorecard" \
  "$(jq_ "$R" 'all("categories" in c["scorecard"] for c in d["conversations"]), d["customers"][0]["score"] == d["conversations"][0]["scorecard"]["total"]')" \
  "True True"
grep -q "1 of 5 served, 4 lost unanswered, at most 5 at once" "$OUT/run1.err" &&
  ok "kefu run's summary line" || fail "kefu run's summary line: $(tail -1 "$OUT/run1.err")"

# --- "after" counts from the conversation's latest message, never before the previous reply --
cat >"$OUT/two.jsonl" <<'EOF'
{"to": 1, "after": 4, "text": "亲，您好！欢迎光临"}
{"to": 2, "after": 1, "text": "亲，您好！在的"}
{"to": 3, "after": 2, "text": "亲，您好！在的"}
EOF
timeout 60 "$KEFU" run rush_easy --replies "$OUT/two.jsonl" --json "$OUT/r2.json" 2>"$OUT/run2.err" ||
  fail "kefu run rush_easy: $(cat "$OUT/run2.err")"
expect "replies sent at 4 s, 41 s and 92 s on the rush's clock" \
  "$(jq_ "$OUT/r2.json" '[c["arrival_s"] + [m["t"] for m in v["transcript"] if m["from"] == "agent"][0] for c, v in zip(d["customers"], d["conversations"])]')" \
  "[4, 41, 92]"
expect "first responses 4, 1, 2 s" \
  "$(jq_ "$OUT/r2.json" '[c["first_response_s"] for c in d["customers"]]')" "[4, 1, 2]"

# --- a customer's own product card ---------------------------------------------------------
# tests/data/rush/cards.lua: the same persona twice, the second with a card of her own.
cat >"$OUT/cards.jsonl" <<'EOF'
{"to": 1, "after": 2, "text": "亲，您好！在的"}
{"to": 2, "after": 2, "text": "亲，您好！您想要什么颜色呢？"}
{"to": 2, "after": 2, "text": "好的亲，喜欢就拍吧"}
EOF
C="$OUT/cards.json"
timeout 60 "$KEFU" run tests/data/rush/cards.lua --replies "$OUT/cards.jsonl" --json "$C" \
  2>"$OUT/cards.err" || fail "kefu run cards.lua: $(cat "$OUT/cards.err")"
said() { jq_ "$C" "[m['text'] for m in d['conversations'][$1]['transcript'] if m['from'] == 'customer']"; }
expect "without a card, the persona's own product ({product.name})" \
  "$(jq_ "$C" "d['conversations'][0]['transcript'][0]['text']")" "跑鞋还有货吗？"
expect "with a card, the customer's own product ({product.name})" \
  "$(jq_ "$C" "d['conversations'][1]['transcript'][0]['text']")" "羽绒服还有货吗？"
grep -qF "'我想要米白、藏青里挑一个'" <<<"$(said 1)" &&
  ok "her answer comes from her card ({product.colours} in knows)" ||
  fail "the answer from the card: $(said 1)"
grep -qF "'羽绒服是599.5元吧'" <<<"$(said 1)" && grep -qF "'好的，买羽绒服'" <<<"$(said 1)" &&
  ok "the card's price, and s.product in her hooks" || fail "the card in the hooks: $(said 1)"
grep -qF "'跑鞋是179元吧'" <<<"$(said 0)" && ! grep -qF "跑鞋" <<<"$(said 1)" &&
  ok "the other customer keeps the persona's card; the carded one never names it" ||
  fail "the cards are mixed: $(said 0) / $(said 1)"
expect "the carded customer buys" "$(jq_ "$C" 'd["customers"][1]["outcome"]')" "sale"

# --- determinism --------------------------------------------------------------------------
timeout 60 "$KEFU" run rush_1111 --replies "$OUT/one.jsonl" --seed 4 --json "$OUT/r1b.json" \
  2>/dev/null
if cmp -s <(strip "$R") <(strip "$OUT/r1b.json"); then
  ok "same seed and replies: byte-identical (wall-clock fields aside)"
else
  fail "two runs differ: $(diff <(strip "$R") <(strip "$OUT/r1b.json") | head -5)"
fi
timeout 60 "$KEFU" run rush_1111 --replies "$OUT/one.jsonl" --seed 5 --json "$OUT/r1c.json" \
  2>/dev/null
cmp -s <(strip "$R") <(strip "$OUT/r1c.json") && fail "another seed gives the very same rush" ||
  ok "another seed gives another rush"

# --- bad rush files and replies -----------------------------------------------------------
bad() { # name, expected message, file content
  printf '%s\n' "$3" >"$OUT/rush/bad.lua"
  local got
  got=$(timeout 60 "$KEFU" run "$OUT/rush/bad.lua" --replies "$OUT/one.jsonl" --json - 2>&1 >/dev/null)
  if [ $? -ne 0 ] && grep -qF -- "$2" <<<"$got"; then ok "bad rush: $1"; else fail "bad rush: $1: $got"; fi
}
mkdir -p "$OUT/rush"
bad "unknown persona" "bad.lua:3: 'customers[2].persona' names \"hagler\": no such persona" \
'return { kind = "rush", title = "t", customers = {
  { persona = "haggler", at = 0 },
  { persona = "hagler",
    at = 5 },
} }'
bad "arrival out of order" "bad.lua:3: 'customers[2].at' (5) is before customers[1].at (10)" \
'return { kind = "rush", title = "t", customers = { { persona = "haggler", at = 10 },
  { persona = "free_shipping",
    at = 5 } } }'
bad "arrival out of range" "bad.lua:2: 'customers[1].at' must be from 0 to 3600, got -1" \
'return { kind = "rush", title = "t", customers = {
  { persona = "haggler", at = -1 } } }'
bad "unknown field" "bad.lua:3: 'customers[1].mood' is not a known field" \
'return { kind = "rush", title = "t", customers = {
  { persona = "haggler", at = 0,
    mood = 3 } } }'
bad "no customers" "bad.lua:1: 'customers' must list at least one entry" \
'return { kind = "rush", title = "t", customers = {} }'
bad "a persona path next to the rush file" "bad.lua:2: 'customers[1].persona' names \"nope.lua\": no such persona" \
'return { kind = "rush", title = "t", customers = {
  { persona = "nope.lua", at = 0 } } }'
printf '{"after": 3, "text": "亲"}\n' >"$OUT/noto.jsonl"
got=$("$KEFU" run rush_easy --replies "$OUT/noto.jsonl" --json - 2>&1 >/dev/null)
grep -qF "noto.jsonl:1: a rush's reply needs \"to\"" <<<"$got" && ok "a reply without \"to\"" ||
  fail "a reply without \"to\": $got"
printf '{"to": 1, "after": 3, "text": "亲"}\n{"to": 9, "after": 3, "text": "亲"}\n' >"$OUT/to9.jsonl"
got=$("$KEFU" run rush_easy --replies "$OUT/to9.jsonl" --json - 2>&1 >/dev/null)
grep -qF "to9.jsonl:2: \"to\": 9 names no customer (the rush has 3)" <<<"$got" &&
  ok "a reply to no customer" || fail "a reply to no customer: $got"
printf '{"to": true, "after": 3, "text": "亲"}\n' >"$OUT/tobool.jsonl"
got=$("$KEFU" run rush_easy --replies "$OUT/tobool.jsonl" --json - 2>&1 >/dev/null)
grep -qF "tobool.jsonl:1: \"to\" must be" <<<"$got" && ok "a \"to\" of the wrong type" ||
  fail "a \"to\" of the wrong type: $got"

# --- lint and test ------------------------------------------------------------------------
got=$("$KEFU" lint scenarios/rush 2>&1)
if [ $? -eq 0 ] && [ "$(grep -c 'ok (a rush' <<<"$got")" -eq 3 ]; then
  ok "kefu lint passes the three shipped rushes"
else
  fail "kefu lint scenarios/rush: $got"
fi
got=$("$KEFU" lint "$OUT/rush/bad.lua" 2>&1)
[ $? -ne 0 ] && grep -qF "bad.lua:2: 'customers[1].persona'" <<<"$got" &&
  ok "kefu lint names a bad rush file's line" || fail "kefu lint on a bad rush: $got"
cp tests/data/rush/card_shopper.lua "$OUT/rush/"
bad "a product card without a name" "bad.lua:3: 'customers[1].product.name' is required (a string)" \
'return { kind = "rush", title = "t", customers = {
  { persona = "card_shopper.lua", at = 0,
    product = { price = 3 } } } }'
bad "a product card's price of the wrong type" "bad.lua:4: 'customers[1].product.price' must be a number, got string" \
'return { kind = "rush", title = "t", customers = {
  { persona = "card_shopper.lua", at = 0,
    product = { name = "y",
      price = "cheap" } } } }'
bad "a product card that is no table" "bad.lua:3: 'customers[1].product' must be a table, got string" \
'return { kind = "rush", title = "t", customers = {
  { persona = "card_shopper.lua", at = 0,
    product = "x" } } }'
bad "a product card the persona's lines cannot use" \
  "bad.lua:4: 'customers[2].product' does not suit card_shopper.lua: " \
'return { kind = "rush", title = "t", customers = {
  { persona = "card_shopper.lua", at = 0 },
  { persona = "card_shopper.lua", at = 0,
    product = { name = "y" } } } }'
got=$("$KEFU" lint "$OUT/rush/bad.lua" 2>&1)
[ $? -ne 0 ] && grep -qF "bad.lua:4: 'customers[2].product' does not suit card_shopper.lua: " <<<"$got" &&
  grep -qF "placeholder {product.price} has no value" <<<"$got" &&
  ok "kefu lint names the rush file's line of a card the persona cannot use" ||
  fail "kefu lint on an unsuited card: $got"
got=$("$KEFU" test scenarios/rush 2>&1)
if [ $? -eq 0 ] && grep -q "^ok   rush_1111: " <<<"$got" && grep -q " 0 failed" <<<"$got"; then
  ok "kefu test runs the rushes' self-tests"
else
  fail "kefu test scenarios/rush: $got"
fi
cat >"$OUT/rush/wrong.lua" <<'EOF'
return { kind = "rush", title = "t",
  customers = { { persona = "haggler", at = 0 }, { persona = "free_shipping", at = 0 } },
  tests = { { name = "wrong", replies = { { to = 1, after = 100, text = "亲" } },
              expect = { "left", "sale" } } } }
EOF
got=$("$KEFU" test "$OUT/rush/wrong.lua" 2>&1)
[ $? -ne 0 ] && grep -qF "FAIL wrong: wrong: customer 2 (free_shipping) ended left, expected sale" <<<"$got" &&
  ok "a rush self-test that fails says which customer" || fail "failing rush self-test: $got"

# --- rescore and report -------------------------------------------------------------------
"$KEFU" rescore --json "$R" >"$OUT/rescored.json" 2>"$OUT/rescore.err"
if cmp -s "$R" "$OUT/rescored.json"; then
  ok "kefu rescore: a fresh rush result rescores to its very bytes"
else
  fail "kefu rescore changed a fresh rush: $(diff "$R" "$OUT/rescored.json" | head -5)"
fi
expect "kefu rescore: a line per conversation" "$(grep -c ': conversation [1-5] (' "$OUT/rescore.err")" "5"
mkdir -p "$OUT/report"
cp "$R" "$OUT/report/"
cp tests/data/report/*.json "$OUT/report/" 2>/dev/null
got=$("$KEFU" report "$OUT/report" --csv "$OUT/report.csv" 2>&1)
if [ $? -eq 0 ] && ! grep -q "kefu report: skipped" <<<"$got" && grep -q "indecisive_buyer" <<<"$got"; then
  ok "kefu report reads the rush's conversations"
else
  fail "kefu report over a rush: $got"
fi
grep -q "^read [0-9]* files (1 of them rushes, with 5 conversations), skipped 0$" <<<"$got" &&
  ok "kefu report says a rush was read" || fail "kefu report's read line: $(tail -1 <<<"$got")"
expect "kefu report: each conversation counts as a session" \
  "$(grep -c 'rush_1111\|r1.json' "$OUT/report.csv")" "5"

echo "$passes passed, $fails failed"
[ "$fails" -eq 0 ]
