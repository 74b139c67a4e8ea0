#!/usr/bin/env python3
"""Build model/data/<family>.jsonl from the hand-written src/<family>.txt files.

Source line format:  customer ## reply ## label1, label2   (empty labels = fine)
"""
import json, os, sys, collections
HERE = os.path.dirname(os.path.abspath(__file__))
FAMILIES = ["arguing", "blame_customer", "interrogation", "harsh_refusal", "cold_reply", "fine_lookalike"]
VALID = set(FAMILIES) - {"fine_lookalike"}
seen = {}
ok = True
counts = collections.Counter()
labelcounts = collections.Counter()
for fam in FAMILIES:
    src = os.path.join(HERE, "src", fam + ".txt")
    out = []
    for n, line in enumerate(open(src, encoding="utf-8"), 1):
        line = line.rstrip("\n")
        if not line.strip() or line.startswith("#!"):
            continue
        parts = line.split(" ## ")
        if len(parts) == 2 and line.endswith(" ##"):
            parts = [parts[0], parts[1][:-3] if parts[1].endswith(" ##") else parts[1], ""]
        if len(parts) != 3:
            # allow trailing '##' with no space
            if len(parts) == 2 and parts[1].endswith("##"):
                parts = [parts[0], parts[1][:-2].rstrip(), ""]
            else:
                print(f"{fam}:{n}: bad line: {line!r}"); ok = False; continue
        cust, reply, labs = (p.strip() for p in parts)
        labels = [l.strip() for l in labs.split(",") if l.strip()]
        for l in labels:
            if l not in VALID:
                print(f"{fam}:{n}: bad label {l!r}"); ok = False
        if fam == "fine_lookalike" and labels:
            print(f"{fam}:{n}: fine line has labels"); ok = False
        if fam != "fine_lookalike" and fam not in labels:
            print(f"{fam}:{n}: family label missing"); ok = False
        if not cust or not reply:
            print(f"{fam}:{n}: empty field"); ok = False
        if reply in seen:
            print(f"{fam}:{n}: duplicate reply {reply!r} (first in {seen[reply]})"); ok = False
        seen[reply] = f"{fam}:{n}"
        out.append(json.dumps({"customer": cust, "reply": reply, "labels": labels}, ensure_ascii=False))
        counts[fam] += 1
        for l in labels:
            labelcounts[l] += 1
    with open(os.path.join(HERE, fam + ".jsonl"), "w", encoding="utf-8") as f:
        f.write("\n".join(out) + "\n")
# validate what was written
for fam in FAMILIES:
    for n, line in enumerate(open(os.path.join(HERE, fam + ".jsonl"), encoding="utf-8"), 1):
        o = json.loads(line)
        assert set(o) == {"customer", "reply", "labels"}, (fam, n)
        assert isinstance(o["labels"], list)
print("lines per file:", dict(counts), "total", sum(counts.values()))
print("label occurrences:", dict(labelcounts))
sys.exit(0 if ok else 1)
