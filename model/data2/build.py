#!/usr/bin/env python3
"""Build model/data2/*.jsonl from the hand-written sources in src/*.txt.

Source format (one item per line):
  # comment
  C <customer message>          starts a new customer line (situation)
  <codes> <agent reply>         codes: a=arguing b=blame_customer i=interrogation
                                h=harsh_refusal c=cold_reply f=fine (labels [])
The first code letter picks the family file; every letter becomes a label.
"""
import json, glob, os, sys, collections
HERE = os.path.dirname(os.path.abspath(__file__))
CODE = {'a': 'arguing', 'b': 'blame_customer', 'i': 'interrogation',
        'h': 'harsh_refusal', 'c': 'cold_reply'}
FAM = list(CODE.values()) + ['fine_lookalike']
out = {f: [] for f in FAM}
seen = {}
errors = 0
for path in sorted(glob.glob(os.path.join(HERE, 'src', '*.txt'))):
    cust = None
    for n, raw in enumerate(open(path, encoding='utf-8'), 1):
        line = raw.rstrip('\n')
        if not line.strip() or line.startswith('#'):
            continue
        code, _, text = line.partition(' ')
        text = text.strip()
        where = f'{os.path.basename(path)}:{n}'
        if code == 'C':
            cust = text
            continue
        if cust is None or not text or any(ch not in 'abihcf' for ch in code) or \
                ('f' in code and code != 'f') or len(set(code)) != len(code):
            print('bad line', where, line, file=sys.stderr); errors += 1; continue
        if text in seen:
            print('duplicate reply', where, 'first at', seen[text], text, file=sys.stderr); errors += 1; continue
        seen[text] = where
        labels = [] if code == 'f' else [CODE[c] for c in code]
        fam = 'fine_lookalike' if code == 'f' else CODE[code[0]]
        out[fam].append({'customer': cust, 'reply': text, 'labels': labels})
for fam in FAM:
    with open(os.path.join(HERE, fam + '.jsonl'), 'w', encoding='utf-8') as fh:
        for obj in out[fam]:
            s = json.dumps(obj, ensure_ascii=False)
            json.loads(s)
            fh.write(s + '\n')
cnt = collections.Counter()
for fam in FAM:
    for o in out[fam]:
        for l in o['labels']:
            cnt[l] += 1
print({f: len(out[f]) for f in FAM}, 'label totals', dict(cnt), 'errors', errors)
sys.exit(1 if errors else 0)
