#!/bin/sh
# accuracy.sh: measures the reply detectors on the held-out labelled set. Strips the labels,
# runs `kefu analyze` on the replies, and scores every (reply, principle) pair over the 36
# technique and violation ids with bench_accuracy. A measurement, not a test: it exits 0
# whatever the accuracy, and non-zero only when a tool fails.
#
#   bench/accuracy.sh [SET] [-- bench_accuracy options, e.g. --examples 0 or --markdown]
#
# Environment: BUILD (default build), KEFU_BIN (default $BUILD/kefu),
# ACCURACY_BIN (default $BUILD/bench/bench_accuracy).
# Build first: cmake --build build --target kefu bench_accuracy
set -eu

root=$(cd "$(dirname "$0")/.." && pwd)
build=${BUILD:-$root/build}
kefu=${KEFU_BIN:-$build/kefu}
evaluate=${ACCURACY_BIN:-$build/bench/bench_accuracy}
set_file=$root/tests/data/heldout/replies.jsonl
if [ $# -gt 0 ] && [ "$1" != "--" ]; then
    set_file=$1
    shift
fi
if [ $# -gt 0 ] && [ "$1" = "--" ]; then
    shift
fi

for tool in "$kefu" "$evaluate"; do
    if [ ! -x "$tool" ]; then
        echo "accuracy.sh: $tool is missing; build it first:" \
            "cmake --build $build --target kefu bench_accuracy" >&2
        exit 1
    fi
done
if [ ! -r "$set_file" ]; then
    echo "accuracy.sh: $set_file: cannot read the labelled set" >&2
    exit 1
fi

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT INT TERM

# The detectors must not see the labels: analyze reads the stripped copy.
"$evaluate" --strip "$set_file" >"$tmp/in.jsonl"
(cd "$root" && "$kefu" analyze "$tmp/in.jsonl") >"$tmp/out.jsonl"

in_lines=$(grep -c . "$tmp/in.jsonl")
out_lines=$(grep -c . "$tmp/out.jsonl" || true)
if [ "$in_lines" != "$out_lines" ]; then
    echo "accuracy.sh: kefu analyze wrote $out_lines lines for $in_lines replies" >&2
    exit 1
fi

# analyze is meant to ignore unknown fields: check that the labels change nothing.
(cd "$root" && "$kefu" analyze "$set_file") >"$tmp/out-labelled.jsonl"
if cmp -s "$tmp/out.jsonl" "$tmp/out-labelled.jsonl"; then
    echo "kefu analyze ignores the \"labels\" field: same output with and without it"
else
    echo "WARNING: kefu analyze output changes when the \"labels\" field is present"
fi
detectors="scenarios/rubric.lua engine/judge"
# shellcheck disable=SC2086 # two paths, split on purpose
rubric=$(cd "$root" && git log -1 --format='%h %cs' -- $detectors 2>/dev/null || echo unknown)
# shellcheck disable=SC2086
if ! (cd "$root" && git diff --quiet -- $detectors 2>/dev/null); then
    rubric="$rubric + uncommitted changes"
fi
echo "set: $set_file ($in_lines replies); detectors at: $rubric"
echo

"$evaluate" "$@" "$set_file" "$tmp/out.jsonl"
