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
  liblinear-dev                        # trains the meaning model (model/train.sh); kefu scores it alone
  libopencc-dev libopencc1.1 libopencc-data opencc  # traditional→simplified (t2s data)
  libunibreak-dev                      # UAX #14 line breaking
  libfontconfig-dev fontconfig         # finding a CJK font
  libpng-dev                           # the app's screenshots as PNG (SDL2 itself writes only BMP)
  fonts-noto-cjk fonts-wqy-microhei    # fonts covering simplified and traditional Chinese
  xvfb xdotool x11-utils               # the real-window typing test
  chromium                             # renders the HR report in its test
  libpq-dev                            # results in a shared PostgreSQL (kefu --db, sync)
  postgresql                           # the throw-away server the database tests start
  mingw-w64 gcc-mingw-w64-x86-64-posix g++-mingw-w64-x86-64-posix  # the Windows kefu.exe
  dpkg-dev curl xz-utils               # its libraries' Debian source packages (build-windows.sh)
  wine wine64 x11-apps                 # kefu.exe's tests under Wine; xwd for their screenshots
  libxrender1 libxrandr2 libxi6 libxcursor1 libxinerama1 libxfixes3 libxcomposite1 libgl1 \
    fonts-wine                         # Wine's X11 driver loads these (only recommended by libwine)
)

missing=()
for p in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
# scripts/build-windows.sh fetches its libraries with apt-get source: a deb-src line for the
# Debian mirror this machine uses, unless one is there already.
src_list=/etc/apt/sources.list.d/kefu-src.sources
new_src=0
grep -rqsE '^(deb-src|Types:.*deb-src)' /etc/apt/sources.list /etc/apt/sources.list.d/ || new_src=1
if [ ${#missing[@]} -gt 0 ] || [ "$new_src" = 1 ]; then
  as_root=()
  [ "$(id -u)" -eq 0 ] || as_root=(sudo)
  [ "$new_src" = 1 ] && printf '%s\n' "Types: deb-src" "URIs: http://deb.debian.org/debian" \
    "Suites: bookworm bookworm-updates" "Components: main" \
    "Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg" |
    "${as_root[@]}" tee "$src_list" >/dev/null
  echo "setup: installing ${missing[*]}"
  # A fresh Debian desktop runs its unattended upgrades (apt-daily) right after boot, and
  # apt-get fails at once while another apt or dpkg holds their locks. DPkg::Lock::Timeout
  # (apt >= 1.9) makes apt-get wait up to 10 minutes for the dpkg locks instead. apt-get
  # update (apt 2.6 at least) ignores it for the package lists' own lock, so update is tried
  # again every 10 s, for 10 minutes, while its message (in English: LC_ALL=C) says that
  # lock is held; any other failure stops here. (env: sudo would drop plain VAR=value.)
  lock=(-o DPkg::Lock::Timeout=600)
  log=$(mktemp)
  trap 'rm -f "$log"' EXIT
  for ((waited = 0; ; waited += 10)); do
    "${as_root[@]}" env LC_ALL=C apt-get "${lock[@]}" update -q 2>&1 | tee "$log" && break
    grep -q "Could not get lock" "$log" && [ "$waited" -lt 600 ] || exit 1
    echo "setup: another apt is updating the package lists; trying again in 10 s"
    sleep 10
  done
  "${as_root[@]}" env DEBIAN_FRONTEND=noninteractive apt-get "${lock[@]}" install -y -q \
    --no-install-recommends "${missing[@]}"
fi

build=build
opts=(-DCMAKE_BUILD_TYPE=RelWithDebInfo)
for a in "$@"; do
  case "$a" in
    --sanitize) build="build-asan"; opts=(-DCMAKE_BUILD_TYPE=Debug -DKEFU_SANITIZE=ON) ;;
    --werror) opts+=(-DKEFU_WERROR=ON) ;;
    *) echo "setup: unknown option $a" >&2; exit 2 ;;
  esac
done
cmake -S . -B "$build" "${opts[@]}" >/dev/null
cmake --build "$build" -j "$(nproc)"
