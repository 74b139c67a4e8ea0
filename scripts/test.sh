#!/usr/bin/env bash
# Sets up (packages + build with warnings as errors) and runs every test under ctest, checks
# that the command line builds and works without the app (build-noapp/, no SDL), then runs the
# tests again in an AddressSanitizer/UndefinedBehaviorSanitizer build. Between the two, the
# Windows build (scripts/build-windows.sh) and its tests under Wine (tests/e2e_windows.sh).
# Usage: scripts/test.sh [--quick]   (--quick: skip the sanitizer build)
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh --werror
# The database tests (e2e_db*.sh, e2e_gui_db.sh) each start their own throw-away PostgreSQL
# (tests/pgcluster.sh: initdb in a temporary folder, a Unix socket there, a port of its own;
# run as the user postgres when this is root) and stop it when they end, so ctest alone runs
# them too, in parallel, in both builds.
(cd build && ctest --output-on-failure -j "$(nproc)")

# The headless kefu (-DKEFU_APP=OFF): configured with a pkg-config that knows only the engine's
# libraries, so a build that still wanted SDL2, SDL2_ttf, fontconfig or libpng fails here.
noapp_pc=build-noapp/pkgconfig-engine
mkdir -p "$noapp_pc"
for m in lua5.4 libpcre2-8 libcjson opencc libunibreak nettle libpq libssl libcrypto; do
  ln -sf "$(pkg-config --path "$m")" "$noapp_pc/"
done
PKG_CONFIG_LIBDIR="$PWD/$noapp_pc" cmake -S . -B build-noapp -DKEFU_APP=OFF -DKEFU_WERROR=ON \
  >/dev/null
cmake --build build-noapp --target kefu -j "$(nproc)"
if ldd build-noapp/kefu | grep -qi 'libSDL2'; then
  echo "test: build-noapp/kefu links SDL2:" >&2
  ldd build-noapp/kefu | grep -i sdl >&2
  exit 1
fi
rc=0
err=$(build-noapp/kefu play 2>&1) || rc=$?
if [ "$rc" -ne 1 ] || ! printf '%s' "$err" | grep -q "built without the app"; then
  echo "test: build-noapp/kefu play: exit $rc, want 1 and 'built without the app': $err" >&2
  exit 1
fi
for t in e2e_run_errors e2e_analyze e2e_scenario_tests; do
  if ! out=$(KEFU_BIN=build-noapp/kefu KEFU_TEST_OUT=build-noapp/test-out bash "tests/$t.sh" 2>&1)
  then
    printf '%s\n' "$out"
    echo "test: $t failed against build-noapp/kefu" >&2
    exit 1
  fi
done
echo "test: build-noapp/kefu: no SDL, the headless commands pass"
# The Windows kefu.exe: cross-built with its libraries (cached under ~/.cache/kefu/win64, so
# only kefu is compiled on a warm cache), then run under Wine beside build/kefu.
scripts/build-windows.sh
KEFU_BIN=build/kefu KEFU_TEST_OUT=build-win/test-out bash tests/e2e_windows.sh
if [ "${1:-}" != "--quick" ]; then
  scripts/setup.sh --sanitize --werror
  (cd build-asan && ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 \
     LSAN_OPTIONS="suppressions=$PWD/../tests/lsan.supp" \
     ctest --output-on-failure -j "$(nproc)")
fi
