#!/usr/bin/env bash
# The handbook's own answers pass: every model answer in shared/handbook (002's FAQ 解答
# columns, the sample replies of 000 and 001; tests/data/handbook/answers.jsonl, cut from the
# handbook by someone who never saw the detectors) is the authority the rubric cites, so none
# may be accused of a critical violation (arguing, blame_customer), and the techniques each
# demonstrates must be recognised: every miss is printed, and at least 80% must be found.
# Run from the repo root with KEFU_BIN set, as ctest does. Ends with "N passed, N failed".
set -u
BIN=${KEFU_BIN:-build/kefu}
python3 - "$BIN" <<'PY'
import json, subprocess, sys
answers = [json.loads(l) for l in open("tests/data/handbook/answers.jsonl", encoding="utf-8") if l.strip()]
lines = "\n".join(json.dumps({"id": a["id"], "customer": a.get("customer"), "reply": a["reply"]},
                             ensure_ascii=False) for a in answers)
run = subprocess.run([sys.argv[1], "analyze"], input=lines, capture_output=True, text=True)
out = [json.loads(l) for l in run.stdout.splitlines()]
passed = failed = 0
if run.returncode != 0 or len(out) != len(answers):
    print(f"FAIL kefu analyze: exit {run.returncode}, {len(out)} lines for {len(answers)} answers")
    print(run.stderr[:500])
    print("0 passed, 1 failed")
    sys.exit(1)
wanted = found = 0
for a, r in zip(answers, out):
    got = {h["principle"]: h["evidence"] for h in r.get("hits", [])}
    accused = [p for p in ("arguing", "blame_customer") if p in got]
    if accused:
        failed += 1
        print(f"FAIL {a['id']} ({a['source']}): accused of {', '.join(accused)} "
              f"on \"{got[accused[0]]}\": {a['reply']}")
    else:
        passed += 1
    for t in a["techniques"]:
        wanted += 1
        if t in got:
            found += 1
        else:
            print(f"miss {a['id']} {t}: {a['reply'][:80]}")
share = found / wanted if wanted else 0
line = f"techniques recognised: {found} of {wanted} ({100 * share:.0f}%; at least 80% expected)"
if share >= 0.8:
    passed += 1
    print("ok   " + line)
else:
    failed += 1
    print("FAIL " + line)
print(f"{passed} passed, {failed} failed")
sys.exit(1 if failed else 0)
PY
