#!/usr/bin/env python3
"""Turns finished results files back into the journals a session killed before its end leaves.

For docs/journal.md's example of `kefu recover`: each RESULT.json becomes
<its folder>/.journal/<id>.jsonl (the head: the result without scorecard and metrics, with an
empty transcript; then one line per customer and agent message, without their hits; the
system's outcome line left out, as if the program died first) and the results file is removed.

usage: unfinished.py RESULT.json...
"""
import json
import os
import sys


def main():
    if len(sys.argv) < 2:
        raise SystemExit(__doc__)
    for path in sys.argv[1:]:
        with open(path, encoding="utf-8") as f:
            result = json.load(f)
        head = {"journal": "kefu.journal/1"}
        for key, value in result.items():
            if key not in ("scorecard", "metrics"):
                head[key] = [] if key == "transcript" else value
        lines = [head] + [{k: v for k, v in m.items() if k != "hits"}
                          for m in result["transcript"] if m["from"] != "system"]
        folder = os.path.join(os.path.dirname(path), ".journal")
        os.makedirs(folder, exist_ok=True)
        with open(os.path.join(folder, result["id"] + ".jsonl"), "w", encoding="utf-8") as f:
            for line in lines:
                f.write(json.dumps(line, ensure_ascii=False, separators=(",", ":")) + "\n")
        os.remove(path)


if __name__ == "__main__":
    main()
