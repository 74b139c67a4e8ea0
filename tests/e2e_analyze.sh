#!/bin/bash
# e2e_analyze: `kefu analyze` on a small JSONL with good and malformed lines: one output line
# per input line in order, hits with byte offsets into the original reply and the evidence
# substring, errors naming the line, the run going on, and the exit codes of DESIGN.md.
set -u

KEFU_BIN=${KEFU_BIN:-build/kefu}
OUT=${KEFU_TEST_OUT:-build/test-out}/e2e_analyze
mkdir -p "$OUT"
fails=0

fail() {
    echo "FAIL: $*" >&2
    fails=$((fails + 1))
}

# line N of a file
line() { sed -n "${2}p" "$1"; }

expect_contains() { # file line needle what
    local got
    got=$(line "$1" "$2")
    case "$got" in
    *"$3"*) ;;
    *) fail "$4: line $2 lacks $3: $got" ;;
    esac
}

expect_lacks() {
    local got
    got=$(line "$1" "$2")
    case "$got" in
    *"$3"*) fail "$4: line $2 has $3: $got" ;;
    *) ;;
    esac
}

in=$OUT/in.jsonl
{
    # 1: traditional characters and full-width punctuation; offsets are into these bytes
    printf '%s\n' '{"id":"r1","reply":"您說得不對，我們的東西根本不可能是假的"}'
    # 2: broken JSON
    printf '%s\n' '{"id":"r2","reply":"亲,您好'
    # 3: no reply
    printf '%s\n' '{"id":"r3","customer":"在吗"}'
    # 4: reply not a string
    printf '%s\n' '{"id":"r4","reply":42}'
    # 5: invalid UTF-8 inside the reply (raw bytes 0xff 0xfe)
    printf '{"id":"r5","reply":"好的\xff\xfe亲"}\n'
    # 6: context: the customer asked for a colour the shop lacks
    printf '%s\n' '{"id":"r6","persona":"indecisive_buyer","customer":"这款有金色的吗?","reply":"金色暂时没有进货,不过有黑色、紫色,您比较喜欢哪一种呢?","after":4.5}'
    # 7: the same reply facing a haggler: no offer_alternative
    printf '%s\n' '{"id":"r7","customer":"能便宜点吗","reply":"金色暂时没有进货,不过有黑色、紫色,您比较喜欢哪一种呢?"}'
    # 8: a blank line is skipped (no output line)
    printf '\n'
    # 9: a quote and a backslash in the evidence must be escaped
    printf '%s\n' '{"id":9,"reply":"亲,您好!欢迎光临\"小店\"\\\\,有什么可以帮您的吗?"}'
    # 10: not an object
    printf '%s\n' '["reply","x"]'
    # 11: two-choice close with its evidence
    printf '%s\n' '{"id":"r11","reply":"请问您要第1款还是第2款呢?"}'
} >"$in"

"$KEFU_BIN" analyze "$in" >"$OUT/out.jsonl" 2>"$OUT/err.txt"
status=$?
[ "$status" -eq 0 ] || fail "exit status $status, expected 0 (malformed lines do not stop the run)"
lines=$(wc -l <"$OUT/out.jsonl")
[ "$lines" -eq 10 ] || fail "expected 10 output lines (one per non-blank input line), got $lines"
o=$OUT/out.jsonl

# 1: arguing, evidence = the original traditional bytes; "您說得不對" is 15 bytes from 0
expect_contains "$o" 1 '"id":"r1"' "order"
expect_contains "$o" 1 '{"principle":"arguing","kind":"violation","start":0,"end":15,"evidence":"您說得不對","source":"001 不要與客戶爭辯"}' "evidence offsets"
expect_contains "$o" 1 '"chars":19' "character count"
# 2-5, 10: errors name the line and what is wrong
expect_contains "$o" 2 '{"id":null,"error":"line 2: invalid JSON' "broken JSON"
expect_contains "$o" 3 '{"id":"r3","error":"line 3: missing \"reply\""}' "missing reply"
expect_contains "$o" 4 '{"id":"r4","error":"line 4: \"reply\" must be a string"}' "reply type"
expect_contains "$o" 5 '{"id":"r5","error":"line 5: \"reply\" is not valid UTF-8 (bad byte at offset 6)"}' "invalid UTF-8"
expect_contains "$o" 9 '"error":"line 10: expected a JSON object' "not an object"
# 6, 7: context decides offer_alternative
expect_contains "$o" 6 '"principle":"offer_alternative"' "context: asked for a missing colour"
expect_lacks "$o" 7 'offer_alternative' "context: haggling"
# 8: the line after the blank one is line 9 of the input
expect_contains "$o" 8 '"id":9' "blank line skipped"
expect_contains "$o" 8 '"principle":"warm_greeting"' "greeting"
# 11: two-choice close
expect_contains "$o" 10 '"principle":"two_choice_close","kind":"technique","start":9,"end":36,"evidence":"要第1款还是第2款呢?"' "two-choice evidence"

# every output line is valid JSON, and every evidence is the substring its offsets name
if command -v python3 >/dev/null 2>&1; then
    python3 - "$in" "$o" <<'EOF' || fail "evidence does not match the offsets"
import json, sys
ins = [l for l in open(sys.argv[1], "rb").read().split(b"\n") if l.strip()]
outs = [json.loads(l) for l in open(sys.argv[2], encoding="utf-8")]
assert len(ins) == len(outs), (len(ins), len(outs))
for raw, out in zip(ins, outs):
    if "error" in out:
        continue
    reply = json.loads(raw)["reply"].encode("utf-8")
    for h in out["hits"]:
        assert reply[h["start"]:h["end"]].decode("utf-8") == h["evidence"], (h, reply)
EOF
fi

# stdin with "-", and the same answers
"$KEFU_BIN" analyze - <"$in" >"$OUT/out-stdin.jsonl" 2>/dev/null
cmp -s "$o" "$OUT/out-stdin.jsonl" || fail "reading stdin gives different output"

# exit codes: a missing input file is bad input (1), a bad option is usage (2)
"$KEFU_BIN" analyze "$OUT/no-such-file.jsonl" >/dev/null 2>"$OUT/err-missing.txt"
[ $? -eq 1 ] || fail "missing input file: expected exit 1"
grep -q "no-such-file.jsonl" "$OUT/err-missing.txt" || fail "missing input file: message must name it"
"$KEFU_BIN" analyze --frobnicate >/dev/null 2>&1
[ $? -eq 2 ] || fail "unknown option: expected exit 2"
"$KEFU_BIN" analyze a.jsonl b.jsonl >/dev/null 2>&1
[ $? -eq 2 ] || fail "two input files: expected exit 2"

# a bad rubric is named with its line, exit 1
printf 'return {\n  version = "x",\n  categories = {{id = "a", name = "b"}},\n  thresholds = {first_response_s = 15, first_response_excellent_s = 6, reply_wait_s = 20, typing_cpm = 50, long_reply_chars = 80},\n  principles = {\n    {id = "p", name = "p", kind = "technique", category = "a", source = "s", quote = "q", explain = "e",\n     detect = {any = {[[(?:unclosed]]}}},\n  },\n}\n' >"$OUT/bad-rubric.lua"
"$KEFU_BIN" analyze --rubric "$OUT/bad-rubric.lua" "$in" >/dev/null 2>"$OUT/err-rubric.txt"
[ $? -eq 1 ] || fail "bad rubric: expected exit 1"
grep -q "bad-rubric.lua:7: principle p: bad any pattern" "$OUT/err-rubric.txt" ||
    fail "bad rubric: message must say file:line and the problem: $(cat "$OUT/err-rubric.txt")"

# a hostile rubric (metatables whose __index raises or never returns) is a message, not an
# abort (exit 134): the catalog is read raw, with the full path in the message
printf 'return setmetatable({}, {__index = function(t, k) error("no " .. k) end})\n' \
    >"$OUT/hostile-rubric.lua"
"$KEFU_BIN" analyze --rubric "$OUT/hostile-rubric.lua" "$in" >/dev/null 2>"$OUT/err-hostile.txt"
[ $? -eq 1 ] || fail "hostile rubric: expected exit 1"
grep -qF "hostile-rubric.lua: 'version' is required (a string)" "$OUT/err-hostile.txt" ||
    fail "hostile rubric: message must name the file and the problem: $(cat "$OUT/err-hostile.txt")"
printf 'local c = {version = "h", categories = {{id = "a", name = "b"}},\n  thresholds = {first_response_s = 15, first_response_excellent_s = 6, reply_wait_s = 20, typing_cpm = 50, long_reply_chars = 80},\n  principles = {}}\nc.principles[1] = setmetatable({id = "p"}, {__index = function() while true do end end})\nreturn c\n' \
    >"$OUT/looping-rubric.lua"
"$KEFU_BIN" analyze --rubric "$OUT/looping-rubric.lua" "$in" >/dev/null 2>"$OUT/err-looping.txt"
[ $? -eq 1 ] || fail "looping rubric: expected exit 1"
grep -qF "looping-rubric.lua:4: 'principles[1].name' is required (a string)" "$OUT/err-looping.txt" ||
    fail "looping rubric: message must name file:line: $(cat "$OUT/err-looping.txt")"

# Plain lines are read without cJSON (a faster reader that leaves any line it is not sure of
# to cJSON): both readers must give the same output byte for byte, on every labelled set and
# on lines made to trip one of them (escapes, numbers, nulls, repeated fields, nesting, bad
# bytes, trailing text, a byte-order mark, white space made of control characters).
readers=$OUT/readers.jsonl
{
    cat tests/data/labelled/*.jsonl tests/data/heldout*/replies.jsonl
    printf '%s\n' '{"id":"b","reply":"\u4e0d\u4f1a","customer":null}' '{"id":7,"reply":"ok"}' \
        '{"id":7.50,"reply":"ok"}' '{"id":true,"reply":"ok"}' '{"id":null,"reply":"ok"}' \
        '{"reply":"ok"}' '{"reply":"ok","reply":"不行"}' '{"reply":"ok","id":"x","id":"y"}' \
        '{"reply":"ok","id":"x","id":5}' '{"reply":"ok"} trailing' '{"reply":"ok",}' \
        '{"reply":5}' '{"reply":null}' '{}' '[]' '"str"' '{"reply":"x","turn":3}' \
        '{"reply":"x","turn":-1}' '{"reply":"x","turn":1e6}' '{"reply":"x","turn":2.9}' \
        '{"reply":"x","turn":"2"}' '{"reply":"x","turn":null}' '{"reply":"x","after":-5.5e1}' \
        '{"reply":"x","after":"30"}' '{"reply":"x","after":1-2}' '{"reply":"x","after":+1}' \
        '{"reply":"x","after":.5}' '{"reply":"x","after":1e400}' '{"reply":"x","n":-}' \
        "{\"reply\":\"x\",\"after\":$(printf '1%.0s' $(seq 70))}" \
        '{"reply":"x","persona":"haggler"}' '{"reply":"x","persona":5}' \
        '{"reply":"x","labels":["a",["b",{"c":[1,2,{"d":[[[[1]]]]}]}]]}' \
        '{"reply":"x","labels":[1,2,]}' '{"reply":"x","labels":{"a":1,"b":[true,false,null]}}' \
        '{"reply":"x","labels":tru}' '{"reply":"x","labels":nullx}' '{"reply":"x"' \
        '{"reply":"x\"y"}' '{"reply":"x","\u0069d":"esc"}' '{"Reply":"x"}' \
        '{"reply":"不行，您自己看","customer":"衣服缩水了","persona":"angry_complainant",'\
'"turn":2,"after":12.5,"id":"z"}'
    printf '{"id":"\xff","reply":"ok"}\n{"reply":"\xff"}\n{"reply":"a\tb"}\n'
    printf '\xef\xbb\xbf{"reply":"ok"}\n{"reply":"x","persona":"\xff"}\n'
    printf '{"reply":"x","customer":"\xc0\x80"}\n{"reply":"x",\x01"n":\x1f1}\n'
    printf '{"reply" : "x" , "id" :\t"q"\r}\n{"reply":"x","n":"\x01"}\n'
} >"$readers"
"$KEFU_BIN" analyze "$readers" >"$OUT/readers-plain.jsonl" 2>&1
KEFU_ANALYZE_CJSON_ONLY=1 "$KEFU_BIN" analyze "$readers" >"$OUT/readers-cjson.jsonl" 2>&1
cmp -s "$OUT/readers-plain.jsonl" "$OUT/readers-cjson.jsonl" ||
    fail "the plain reader and cJSON differ:" \
        "$(diff "$OUT/readers-plain.jsonl" "$OUT/readers-cjson.jsonl" | head -5)"
[ "$(wc -l <"$OUT/readers-plain.jsonl")" -ge 3500 ] ||
    fail "the readers' test read too few lines: $(wc -l <"$OUT/readers-plain.jsonl")"

if [ "$fails" -ne 0 ]; then
    echo "e2e_analyze: $fails failure(s); output in $OUT" >&2
    exit 1
fi
echo "e2e_analyze: ok"
