#!/usr/bin/env bash
# Sets up (packages + build with warnings as errors) and runs every test under ctest, then
# the same tests again in an AddressSanitizer/UndefinedBehaviorSanitizer build.
# Usage: scripts/test.sh [--quick]   (--quick: skip the sanitizer build)
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh --werror
(cd build && ctest --output-on-failure -j "$(nproc)")
if [ "${1:-}" != "--quick" ]; then
  scripts/setup.sh --sanitize --werror
  (cd build-asan && ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 \
     LSAN_OPTIONS="suppressions=$PWD/../tests/lsan.supp" \
     ctest --output-on-failure -j "$(nproc)")
fi
