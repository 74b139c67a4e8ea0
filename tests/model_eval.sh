#!/bin/sh
# model_eval: `kefu_train --eval` reads a model's labels by name, in the model's own order and
# number (a model of the last round, or one a trainer cut down, has other labels than the
# trainer knows); it reports only the labels the model judges.
set -eu
BUILD=${BUILD:-build}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
# two labels, in the other order than the trainer's; "不会" after a claim says arguing
cat >"$tmp/m.model" <<'MODEL'
kefu.linear/1
version t
labels blame_customer arguing
bias -1 -1
threshold 0 0
features 1
0 2.5 T|不会
MODEL
printf '%s\n' '{"customer": "洗一次就掉色", "reply": "不会的", "labels": ["arguing"]}' \
    '{"customer": "会掉色吗", "reply": "好的呢", "labels": []}' >"$tmp/d.jsonl"
out=$("$BUILD/kefu_train" --eval "$tmp/m.model" "$tmp/d.jsonl")
fail=0
check() {
    if printf '%s\n' "$out" | grep -Eq "$1"; then echo "ok   $2"; else echo "FAIL $2"; fail=1; fi
}
check '^arguing +1 +1 +100\.0% +100\.0%' "arguing read from the model's second column"
check '^blame_customer +0 +2 ' "blame_customer read from its first"
if printf '%s\n' "$out" | grep -q '^interrogation'; then
    echo "FAIL a label the model does not judge is reported"
    fail=1
else
    echo "ok   only the model's labels are reported"
fi
[ "$fail" -eq 0 ] || { printf '%s\n' "$out"; exit 1; }
