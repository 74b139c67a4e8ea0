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
`<!-- doctest-run: SHELL -->` runs SHELL there, unseen (to undo what an example broke).
Run times ("(0.04 s)") are compared as "(… s)", results ids and file names by their
scenario only ("20261123T101500Z-haggler-3f9a" as "…-haggler-…"), and UTC times of the
clock ("2026-12-07T04:22:04Z", a verdict's time) as "…Z": they differ from run to run. A line
number in scenarios/rubric.lua ("scenarios/rubric.lua:1324:") is compared as "rubric.lua:…:": it
moves with every rule added above it, and a doc should not fail for that. The
scratch folder also has `build/kefu`, so a doc may show the command the way a reader who
built the program in the source tree types it.

A command that cannot run in the scratch folder (the app's window: `kefu play`; a PostgreSQL
server: `kefu db`, `kefu sync`, `--db`; a long benchmark) is shown in a code block right after
`<!-- doctest-by: TEST... -->`, naming the test files (paths from the project root, e.g.
`tests/e2e_db.sh`) that run that same command. Each `kefu` command of the block (a line
`kefu …`, `$ kefu …` or `build/kefu …`, or a pipe into one; indented lines after it are its
continuation; `# comments` are dropped) must be found in one of the named files: its
subcommand as run there (after `kefu`, after a variable holding the program: `"$KEFU" report`,
or opening a quoted argument list: `"lint $F"`; `db migrate` for the command group `db`; a
bare `kefu` is `kefu play`) and every `--flag` it shows (anywhere in that file). The marker
may also stand right before a table: then every `kefu …` in backquotes in its rows is such a
command. Each named file must exist and be a test tests/CMakeLists.txt runs (its
tests/e2e_*.sh and tests/test_*.c are, by their glob), or be a doc (`docs/authoring.md`): then
the command must be in one of its doctest blocks' `$ ` commands (a synopsis covered by the
examples below it).

usage: doctest.py KEFU_BIN DOC.md...   (exit 1 when an example's output differs or a
                                        doctest-by claim does not hold)
       doctest.py --uncovered [--exempt DOC:N]... DOC.md...
           lists every line of a fenced block that begins with `kefu `, `$ kefu ` or
           `build/kefu` and is neither in a doctest block nor in a doctest-by block
           (exit 1 when there is one); --exempt DOC:N leaves DOC's N-th fenced block alone.
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


GROUPS = ("db",)  # commands whose second word names the action: `kefu db migrate`
KEFU_CMD = re.compile(r"^(?:\$ )?(?:.*\|\s*)?(?:build/)?kefu(?=\s|$)(.*)$")


def commands_by(path):
    """Yields (line number, [test files], [(command text, subcommand words, flags)]) per
    block that follows a `<!-- doctest-by: TEST... -->` marker."""
    lines = open(path, encoding="utf-8").read().split("\n")
    for i, line in enumerate(lines):
        m = re.fullmatch(r"<!-- doctest-by: (.+) -->", line.strip())
        if not m:
            continue
        if i + 1 < len(lines) and lines[i + 1].startswith("|"):
            cmds = []
            j = i + 1
            while j < len(lines) and lines[j].startswith("|"):
                for span in re.findall(r"`(kefu(?:\s[^`]*)?)`", lines[j]):
                    span = span.replace("\\|", "|")
                    cmds.append([span, span[4:]])
                j += 1
            yield i + 1, m.group(1).split(), [describe(t, a) for t, a in cmds]
            continue
        if i + 1 >= len(lines) or not lines[i + 1].startswith("```"):
            raise SystemExit(f"{path}:{i + 1}: <!-- doctest-by --> must stand right before "
                             "a ``` block or a table")
        cmds = []
        j = i + 2
        while j < len(lines) and not lines[j].startswith("```"):
            text = re.sub(r"(^|\s)#.*$", "", lines[j]).rstrip()
            c = KEFU_CMD.match(text.strip())
            if c:
                cmds.append([text.strip(), c.group(1)])
            elif cmds and lines[j][:1].isspace() and text.strip():
                cmds[-1][0] += " " + text.strip()
                cmds[-1][1] += " " + text.strip()
            j += 1
        yield i + 1, m.group(1).split(), [describe(t, a) for t, a in cmds]


def describe(text, args):
    """(text, subcommand words, flags) of one kefu command whose arguments are ARGS."""
    words = args.split()
    sub = words[:1] if words and re.fullmatch(r"[a-z]+", words[0]) else ["play"]
    if sub[0] in GROUPS and len(words) > 1:
        sub.append(words[1])
    flags = sorted(set(re.findall(r"(?<![\w-])--[a-z][a-z-]*", args)))
    return text, sub, flags


def check_by(doc):
    """Checks the doctest-by claims of DOC; returns (passed, failed)."""
    passed = failed = 0
    cmake = open(os.path.join(ROOT, "tests", "CMakeLists.txt"), encoding="utf-8").read()
    for line, tests, cmds in commands_by(doc):
        texts = {}
        for t in tests:
            f = os.path.join(ROOT, t)
            name = os.path.basename(t)
            if t.endswith(".md") and os.path.isfile(f):
                texts[t] = "\n".join(c for _, _, steps in examples(f) for c, _ in steps)
                continue
            registered = (os.path.dirname(t) == "tests" and
                          (re.fullmatch(r"(e2e_.*\.sh|test_.*\.c)", name) or name in cmake))
            if not os.path.isfile(f) or not registered:
                failed += 1
                print(f"FAIL {doc}:{line}: doctest-by names {t}, no test in tests/CMakeLists.txt")
                continue
            texts[t] = open(f, encoding="utf-8").read()
        if not cmds:
            failed += 1
            print(f"FAIL {doc}:{line}: a doctest-by block shows no kefu command")
        for text, sub, flags in cmds:
            need = [r"(?:(?:\bkefu|\$\{?\w+\}?)\"?\s+|[\"'])" + r"\s+".join(sub) + r"\b"] + [
                r"(?<![\w-])" + re.escape(f) + r"(?![\w-])" for f in flags]
            found = [t for t, body in texts.items() if all(re.search(n, body) for n in need)]
            if found:
                passed += 1
                print(f"ok   {doc}:{line}: {text}  (run by {found[0]})")
            else:
                failed += 1
                print(f"FAIL {doc}:{line}: {text}")
                print(f"  none of {' '.join(tests)} has all of: {' '.join(sub)} {' '.join(flags)}")
    return passed, failed


def uncovered(docs, exempt):
    """Prints every kefu command line of a fenced block that no doctest covers; returns
    their count."""
    bad = 0
    for doc in docs:
        lines = open(doc, encoding="utf-8").read().split("\n")
        block, inside, covered = 0, False, False
        for i, line in enumerate(lines):
            if line.startswith("```"):
                if not inside:
                    block += 1
                    prev = lines[i - 1].strip() if i else ""
                    covered = (re.fullmatch(r"<!-- doctest(?:: .*)? -->", prev) is not None or
                               prev.startswith("<!-- doctest-by: ") or
                               f"{doc}:{block}" in exempt)
                inside = not inside
                continue
            if inside and not covered and re.match(r"(\$ )?(build/)?kefu(\s|$)", line):
                bad += 1
                print(f"{doc}:{i + 1}: not run by a test: {line}")
    return bad


def timeless(line):
    line = re.sub(r"\(\d+(?:\.\d+)? s\)", "(… s)", line)
    line = re.sub(r"\d{8}T\d{6}Z-([\w-]+)-[0-9a-f]{4}\b", r"…-\1-…", line)
    line = re.sub(r"\bscenarios/rubric\.lua:\d+:", "scenarios/rubric.lua:…:", line)
    return re.sub(r"\b\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", "…Z", line)


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
    os.mkdir(os.path.join(d, "build"))
    shutil.copy(os.path.join(bindir, "kefu"), os.path.join(d, "build", "kefu"))
    return d, bindir


def main():
    if len(sys.argv) < 3:
        raise SystemExit(__doc__)
    if sys.argv[1] == "--uncovered":
        args, exempt = sys.argv[2:], []
        while len(args) > 1 and args[0] == "--exempt":
            exempt.append(args[1])
            args = args[2:]
        n = uncovered(args, exempt)
        print(f"{n} kefu command lines in the docs' code blocks not run by a test")
        return 1 if n else 0
    kefu, docs = sys.argv[1], sys.argv[2:]
    passed = failed = 0
    for doc in docs:
        p, f = check_by(doc)
        passed, failed = passed + p, failed + f
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
