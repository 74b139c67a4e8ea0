#!/usr/bin/env python3
"""Build model/data6/<family>.jsonl from the hand-written src/<family>.txt files.

Source line format:  customer ## reply ## label1, label2   (no labels = a fine reply)
Refuses a line whose reply also appears in a held-out set (tests/data/heldout*), so the
blind sets stay out of training.
"""
import glob, json, os, sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
FAMILIES = ["arguing", "blame_customer", "fine_lookalike"]
VALID = {"arguing", "blame_customer", "interrogation", "harsh_refusal", "cold_reply"}

held = set()
for path in glob.glob(os.path.join(ROOT, "tests/data/heldout*/replies.jsonl")):
    for line in open(path, encoding="utf-8"):
        if line.strip():
            row = json.loads(line)
            held.add(row.get("reply", ""))

ok = True
seen = set()
for fam in FAMILIES:
    out = []
    for n, line in enumerate(open(os.path.join(HERE, "src", fam + ".txt"), encoding="utf-8"), 1):
        line = line.rstrip("\n")
        if not line.strip():
            continue
        parts = [p.strip() for p in (line + " ").split(" ## ")]
        if len(parts) == 2:
            parts.append("")
        if len(parts) != 3 or not parts[0] or not parts[1]:
            print(f"{fam}:{n}: bad line: {line!r}")
            ok = False
            continue
        cust, reply, labs = parts
        labels = [l.strip() for l in labs.split(",") if l.strip()]
        bad = [l for l in labels if l not in VALID]
        if bad or (fam == "fine_lookalike") != (not labels) or \
                (fam != "fine_lookalike" and fam not in labels):
            print(f"{fam}:{n}: labels {labels} do not fit the file")
            ok = False
        if reply in held:
            print(f"{fam}:{n}: reply also in a held-out set: {reply!r}")
            ok = False
        if (cust, reply) in seen:
            print(f"{fam}:{n}: duplicate")
            ok = False
        seen.add((cust, reply))
        order = ["arguing", "blame_customer", "interrogation", "harsh_refusal", "cold_reply"]
        labels = sorted(set(labels), key=order.index)
        out.append(json.dumps({"customer": cust, "reply": reply, "labels": labels},
                              ensure_ascii=False))
    with open(os.path.join(HERE, fam + ".jsonl"), "w", encoding="utf-8") as f:
        f.write("\n".join(out) + "\n")
    print(f"{fam}.jsonl: {len(out)} lines")
sys.exit(0 if ok else 1)
