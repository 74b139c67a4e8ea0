#!/usr/bin/env bash
# The engine's folders are layers, and an include may only point down or sideways:
#   base < lua < judge < persona < results < authoring < store
# (engine/README.md says what each owns). Also: nothing under engine/ includes SDL, and the
# command line (src/*.c) never includes the app (src/app/). Every engine header is included
# by its folder-qualified name ("judge/rubric.h"), so the folder of every edge is visible.
# Prints one line per violation and a final "N passed, N failed".
set -u
cd "$(dirname "$0")/.."
LAYERS=(base lua judge persona results authoring store)
rank() {
    local i
    for i in "${!LAYERS[@]}"; do [ "${LAYERS[$i]}" = "$1" ] && { echo "$i"; return; }; done
    echo -1
}
passed=0
failed=0
fail() { failed=$((failed + 1)); echo "FAIL $*"; }

for dir in engine/*/; do
    layer=$(basename "$dir")
    [ "$(rank "$layer")" -ge 0 ] || fail "engine/$layer/: a folder that is not a known layer (add it to LAYERS and engine/README.md)"
done
for f in engine/*.c engine/*.h; do
    [ -e "$f" ] && fail "$f: engine sources live in a layer folder, not at engine/"
done

for f in engine/*/*.[ch]; do
    layer=$(basename "$(dirname "$f")")
    me=$(rank "$layer")
    ok=1
    while IFS=: read -r line inc; do
        target=${inc%%/*}
        if [ "$target" = "$inc" ]; then
            fail "$f:$line: #include \"$inc\": name the engine header with its folder (\"layer/name.h\")"
            ok=0
            continue
        fi
        r=$(rank "$target")
        if [ "$r" -lt 0 ]; then
            fail "$f:$line: #include \"$inc\": no such engine layer '$target'"
            ok=0
        elif [ "$r" -gt "$me" ]; then
            fail "$f:$line: $layer may not include $target (layers: ${LAYERS[*]}; lower never includes higher)"
            ok=0
        fi
    done < <(grep -n '^[[:space:]]*#[[:space:]]*include[[:space:]]*"' "$f" |
        sed -E 's/^([0-9]+):[^"]*"([^"]+)".*/\1:\2/')
    if grep -qE '^[[:space:]]*#[[:space:]]*include[[:space:]]*[<"]SDL' "$f"; then
        fail "$f: includes SDL; the engine never does"
        ok=0
    fi
    [ "$ok" = 1 ] && passed=$((passed + 1))
done

# No two engine modules depend on each other, even through others: module X depends on Y when
# X.c or X.h includes Y.h. tsort reports any circle.
edges=$(for f in engine/*/*.[ch]; do
    me=${f#engine/}
    me=${me%.*}
    grep -hE '^[[:space:]]*#[[:space:]]*include[[:space:]]*"[a-z]+/[a-z_0-9]+\.h"' "$f" |
        sed -E 's/.*"([^"]+)\.h".*/\1/' | while read -r dep; do
        [ "$dep" != "$me" ] && echo "$dep $me"
    done
done)
if loops=$(printf '%s\n' "$edges" | tsort 2>&1 >/dev/null) && [ -z "$loops" ]; then
    passed=$((passed + 1))
else
    fail "engine modules include each other in a circle: $(echo "$loops" | tr '\n' ' ')"
fi

# The command line must stand without the app: no src/*.c outside main.c includes an app
# header (src/app/*.h) or SDL, so a build with -DKEFU_APP=OFF links the engine only.
app_headers=$(cd src/app && ls *.h)
for f in src/*.c src/*.h; do
    [ "$(basename "$f")" = main.c ] && continue
    bad=""
    for h in $app_headers; do
        grep -qE "^[[:space:]]*#[[:space:]]*include[[:space:]]*\"(app/)?$h\"" "$f" && bad="$bad $h"
    done
    grep -qE '^[[:space:]]*#[[:space:]]*include[[:space:]]*[<"]SDL' "$f" && bad="$bad SDL"
    if [ -n "$bad" ]; then
        fail "$f: the command line includes the app:$bad"
    else
        passed=$((passed + 1))
    fi
done

# Screens reach each other only through the screen table (src/app/screen.h) and app_go: no
# screen_X.c includes another screen's header, be it screen_Y.h or the header its parts share
# (Y.h: chat.h belongs to screen_chat.c). Only app.c (app_go) sets the current screen.
screens=$(cd src/app && ls screen_*.c | sed -E 's/^screen_(.*)\.c$/\1/')
for f in src/app/screen_*.c; do
    me=$(basename "$f" .c)
    me=${me#screen_}
    bad=""
    for other in $screens; do
        [ "$other" = "$me" ] && continue
        grep -qE "^[[:space:]]*#[[:space:]]*include[[:space:]]*\"(app/)?(screen_)?$other\.h\"" "$f" &&
            bad="$bad $(grep -oE "\"(app/)?(screen_)?$other\.h\"" "$f" | head -n 1)"
    done
    if [ -n "$bad" ]; then
        fail "$f: a screen includes another screen's header:$bad (go there with app_go)"
    else
        passed=$((passed + 1))
    fi
done
setters=$(grep -lE -- '->screen[[:space:]]*=[^=]' src/app/*.c | grep -v '^src/app/app\.c$')
if [ -n "$setters" ]; then
    fail "$(echo "$setters" | tr '\n' ' '): sets the current screen; only app_go (app.c) does"
else
    passed=$((passed + 1))
fi

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
