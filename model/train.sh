#!/bin/sh
# train.sh: retrains the meaning model from the labelled replies the project keeps and writes
# scenarios/rubric.model (what scenarios/rubric.lua's `model` names). Deterministic: the same
# data and code give the same file, so a change to the model is a reviewable diff.
#
#   model/train.sh [--check]     --check: retrain into a temporary file and compare
#
# Environment: BUILD (default build). Needs liblinear-dev (scripts/setup.sh installs it).
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
build=${BUILD:-$root/build}
version=$(sed -n 's/^ *version = "\([^"]*\)",.*/\1/p' "$root/scenarios/rubric.lua" | head -n 1)
mode=${1:-}
cmake --build "$build" --target kefu_train >/dev/null
cd "$root"
# The data, in a fixed order: the families written for training (model/data*: their labels
# name the violation families only, so they say nothing of techniques), and every labelled
# set of the rubric's tests, those in tests/data/labelled three times over (weight 3: where
# writers label a phrase differently, the rubric's own conventions win).
# tests/data/heldout4, 5, 6, 8, 9, 10, 13, 14, 15 and 18 to 38 teach the techniques only
# (--techniques-only, since rubric 2026.12.9, each after its first run was recorded in
# bench/heldoutN-first-run.txt, heldout4's in bench/README-accuracy4.md): their violation
# labels stay out, and measure the families' models (heldout7 went in after its first run,
# bench/heldout7-first-run.txt; heldout11, 12, 16 and 17 after theirs and after the patterns
# were tuned on them). Trained on their violation labels too, the families' models read the
# writers they never saw better but took up those writers' conventions: the handbook's own
# friendly "呵呵" and "您挺有眼光啊" were accused, and a good playthrough's "有任何问题您随时找我"
# (bench/README-accuracy12.md). Sets written after those stay out altogether until their
# first run is recorded.
labelled="tests/data/labelled/*.jsonl"
set --
for f in model/data*/*.jsonl; do
    set -- "$@" --families-only "$f"
done
# shellcheck disable=SC2086 # the globs expand on purpose
set -- "$@" $labelled $labelled $labelled tests/data/heldout/replies.jsonl \
    tests/data/heldout2/replies.jsonl tests/data/heldout3/replies.jsonl tests/data/heldout7/replies.jsonl \
    tests/data/heldout11/replies.jsonl tests/data/heldout12/replies.jsonl \
    tests/data/heldout16/replies.jsonl tests/data/heldout17/replies.jsonl
for n in 4 5 6 8 9 10 13 14 15 18 19 20 21 22 23 24 25 26 27 28 29 30 31 32 33 34 35 36 37 38; do
    set -- "$@" --techniques-only "tests/data/heldout$n/replies.jsonl"
done
out=scenarios/rubric.model
# Each label's threshold accuses at most this share of the fine replies in cross-validation:
# a false accusation of arguing costs a trainee their session, so the bar is high.
fpr=0.004
# Arguing is said in more ways than the others, and the rubric's own exceptions (model_when,
# model_unless) already keep it from answers to questions and from explanations: its model may
# accuse 0.8% in cross-validation (0.4% left 14% of the blind sets' arguing unseen). Blame's
# model may accuse 0.6%: at 0.4% the data of rubric 2026.12.5 left six blame replies of the
# held-out sets unseen that it had found before, and its `never` clears replies that open by
# clearing the customer ("不是您的问题哦…").
fpr_for="--fpr-for arguing=0.008 --fpr-for blame_customer=0.006"
# A technique's model may credit 1% of the replies that do not show it, in cross-validation: a
# technique credited wrongly costs a trainee nothing, one missed is a point they earned and
# did not get, and the patterns already credit the clear cases.
fpr_tech="--fpr-techniques 0.01"
# Weights smaller than this are left out of the file: a third of the size, the same verdicts
# within a point on the held-out set.
prune=0.1
if [ "$mode" = "--check" ]; then
    tmp=$(mktemp)
    trap 'rm -f "$tmp"' EXIT
    "$build/kefu_train" --fpr "$fpr" $fpr_for $fpr_tech --prune "$prune" --version "$version" -o "$tmp" "$@" >/dev/null
    if cmp -s "$tmp" "$out"; then
        echo "train.sh: $out is what the data and code give"
    else
        echo "train.sh: $out differs from a fresh training run: run model/train.sh and commit it" >&2
        exit 1
    fi
    exit 0
fi
"$build/kefu_train" --fpr "$fpr" $fpr_for $fpr_tech --prune "$prune" --version "$version" -o "$out" "$@"
