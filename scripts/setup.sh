#!/usr/bin/env bash
# Installs every Debian package kefu needs (build, run, test) and builds it into build/.
# Usage: scripts/setup.sh [--sanitize] [--werror]    Re-running is cheap: apt skips what is there.
set -euo pipefail
cd "$(dirname "$0")/.."

PACKAGES=(
  build-essential cmake pkg-config git
  libsdl2-dev libsdl2-ttf-dev          # window, input, IME; text rendering (FreeType+HarfBuzz)
  libcjson-dev                         # results JSON
  nettle-dev                           # SHA-256 of scenario files in results
  liblua5.4-dev                        # scenarios and the rubric catalog
  libpcre2-dev                         # Unicode patterns (UTF + UCP, JIT)
  libopencc-dev libopencc1.1 libopencc-data opencc  # traditional→simplified (t2s data)
  libunibreak-dev                      # UAX #14 line breaking
  libfontconfig-dev fontconfig         # finding a CJK font
  libpng-dev                           # the app's screenshots as PNG (SDL2 itself writes only BMP)
  fonts-noto-cjk fonts-wqy-microhei    # fonts covering simplified and traditional Chinese
  xvfb xdotool x11-utils               # the real-window typing test
  chromium                             # renders the HR report in its test
)

missing=()
for p in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  SUDO=""
  [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  echo "setup: installing ${missing[*]}"
  $SUDO apt-get update -q
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q --no-install-recommends "${missing[@]}"
fi

build=build
opts=(-DCMAKE_BUILD_TYPE=RelWithDebInfo)
for a in "$@"; do
  case "$a" in
    --sanitize) build=build-asan; opts=(-DCMAKE_BUILD_TYPE=Debug -DKEFU_SANITIZE=ON) ;;
    --werror) opts+=(-DKEFU_WERROR=ON) ;;
    *) echo "setup: unknown option $a" >&2; exit 2 ;;
  esac
done
cmake -S . -B "$build" "${opts[@]}" >/dev/null
cmake --build "$build" -j "$(nproc)"
