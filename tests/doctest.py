#!/usr/bin/env python3
"""Runs the examples the docs mark as runnable and compares their output with the docs.

A runnable example is a fenced code block right after a line `<!-- doctest -->`, or
`<!-- doctest: SHELL -->` to run SHELL first, unseen (to put a file where the text has the
reader put it, e.g. `cp docs/examples/example_persona.lua scenarios/tent.lua`). In it, a
line starting with `$ ` is a command; the lines after it, up to the next command or the end
of the block, are its expected output (stdout and stderr together, exit status not checked).
`kefu` is the program under test. The commands of one file run in order in one scratch
folder holding copies of scenarios/, docs/examples/ and tests/data/, so an example may use
what an earlier one made. `$ cat FILE` of a FILE that does not exist yet writes the shown
text to FILE: a doc can show a small input file, then use it. A code block right after
`<!-- doctest-file: PATH -->` is written to PATH (the file the text has the reader write);
after `<!-- doctest-insert: PATH -->` it goes in before PATH's last line (its closing `}`),
after `<!-- doctest-prepend: PATH -->` at PATH's top, with an empty line after it. A line
`<!-- doctest-run: SHELL -->` runs SHELL there, unseen (to undo what an example broke). Run times ("(0.04 s)") are
compared as "(… s)" and results file names by their scenario only: they differ from run to
run.

usage: doctest.py KEFU_BIN DOC.md...   (exit 1 when an example's output differs)
"""
import os
import re
import shutil
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def examples(path):
    """Yields (line number, setup command or None, [(command, expected lines)]) per block."""
    lines = open(path, encoding="utf-8").read().split("\n")
    i = 0
    while i < len(lines):
        run = re.fullmatch(r"<!-- doctest-run: (.*) -->", lines[i].strip())
        if run:
            yield i + 1, run.group(1), []
            i += 1
            continue
        f = re.fullmatch(r"<!-- doctest-(file|insert|prepend): (\S+) -->", lines[i].strip())
        if f:
            j = i + 2
            while j < len(lines) and not lines[j].startswith("```"):
                j += 1
            body = "\n".join(lines[i + 2:j]) + "\n"
            path_ = f.group(2).replace("'", "")
            if f.group(1) == "prepend":
                yield i + 2, (f"{{ cat <<'DOCTEST_EOF'; echo; cat '{path_}'; }} > '{path_}.new' && "
                              f"mv '{path_}.new' '{path_}'\n{body}DOCTEST_EOF"), []
            elif f.group(1) == "file":
                yield i + 2, f"cat > '{path_}' <<'DOCTEST_EOF'\n{body}DOCTEST_EOF", []
            else:
                yield i + 2, (f"last=$(tail -n 1 '{path_}') && sed -i '$d' '{path_}' && "
                              f"cat >> '{path_}' <<'DOCTEST_EOF' && echo \"$last\" >> '{path_}'\n"
                              f"{body}DOCTEST_EOF"), []
            i = j + 1
            continue
        m = re.fullmatch(r"<!-- doctest(?:: (.*))? -->", lines[i].strip())
        if not m:
            i += 1
            continue
        setup = m.group(1)
        i += 1
        if i >= len(lines) or not lines[i].startswith("```"):
            raise SystemExit(f"{path}:{i}: <!-- doctest --> must stand right before a ``` block")
        start = i + 1
        i += 1
        steps = []
        while i < len(lines) and not lines[i].startswith("```"):
            if lines[i].startswith("$ "):
                steps.append((lines[i][2:], []))
            elif steps:
                steps[-1][1].append(lines[i])
            else:
                raise SystemExit(f"{path}:{i + 1}: a doctest block starts with a '$ ' command")
            i += 1
        yield start, setup, steps
        i += 1


def timeless(line):
    line = re.sub(r"\(\d+(?:\.\d+)? s\)", "(… s)", line)
    return re.sub(r"\d{8}T\d{6}Z-([\w-]+)-[0-9a-f]{4}\.json", r"…-\1-….json", line)


def scratch(kefu):
    d = tempfile.mkdtemp(prefix="kefu-doctest-")
    shutil.copytree(os.path.join(ROOT, "scenarios"), os.path.join(d, "scenarios"))
    shutil.copytree(os.path.join(ROOT, "docs", "examples"), os.path.join(d, "docs", "examples"))
    shutil.copytree(os.path.join(ROOT, "tests", "data"), os.path.join(d, "tests", "data"))
    bindir = os.path.join(d, ".bin")
    os.mkdir(bindir)
    with open(os.path.join(bindir, "kefu"), "w") as f:
        f.write(f'#!/bin/sh\nexec "{os.path.abspath(kefu)}" "$@"\n')
    os.chmod(os.path.join(bindir, "kefu"), 0o755)
    return d, bindir


def main():
    if len(sys.argv) < 3:
        raise SystemExit(__doc__)
    kefu, docs = sys.argv[1], sys.argv[2:]
    passed = failed = 0
    for doc in docs:
        d, bindir = scratch(kefu)
        env = dict(os.environ, PATH=bindir + os.pathsep + os.environ.get("PATH", ""),
                   LC_ALL="C.UTF-8", KEFU_SCENARIOS="")
        env.pop("KEFU_SCENARIOS")
        try:
            for line, setup, steps in examples(doc):
                if setup:
                    subprocess.run(["bash", "-c", setup], cwd=d, env=env, check=True)
                for cmd, want in steps:
                    while want and want[-1] == "":
                        want.pop()
                    m = re.fullmatch(r"cat (\S+)", cmd)
                    if m and not os.path.exists(os.path.join(d, m.group(1))):
                        with open(os.path.join(d, m.group(1)), "w", encoding="utf-8") as f:
                            f.write("\n".join(want) + "\n")
                    r = subprocess.run(["bash", "-c", cmd], cwd=d, env=env, timeout=300,
                                       stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
                    got = r.stdout.decode("utf-8", "replace").rstrip("\n").split("\n")
                    if got == [""]:
                        got = []
                    got, want = [timeless(x) for x in got], [timeless(x) for x in want]
                    if got == want:
                        passed += 1
                        print(f"ok   {doc}:{line}: $ {cmd}")
                    else:
                        failed += 1
                        print(f"FAIL {doc}:{line}: $ {cmd}")
                        print("  the doc says:")
                        print("\n".join("    " + x for x in want))
                        print("  the program says:")
                        print("\n".join("    " + x for x in got))
        finally:
            shutil.rmtree(d)
    print(f"{passed} passed, {failed} failed")
    return 1 if failed or not passed else 0


if __name__ == "__main__":
    sys.exit(main())
