#!/usr/bin/env bash
# Builds the Windows kefu: the cross-built libraries (cached outside the clone), kefu.exe in
# build-win/, and dist/kefu-windows-x64.zip (kefu.exe, scenarios, fonts, licences, 使用说明).
# Usage: scripts/build-windows.sh [--no-zip]
# The libraries are cached under ${KEFU_WIN_CACHE:-~/.cache/kefu/win64}/<key>, the key being a
# hash of scripts/windows-libs.sh (which pins every version), the toolchain file and the
# compiler's version: a clean clone with a warm cache builds only kefu.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
zip_it=1
for a in "$@"; do
  case "$a" in
    --no-zip) zip_it=0 ;;
    *) echo "build-windows: unknown option $a" >&2; exit 2 ;;
  esac
done
start=$SECONDS
for tool in x86_64-w64-mingw32-gcc-posix x86_64-w64-mingw32-g++-posix apt-get dpkg-source curl \
  cmake pkg-config python3; do
  command -v "$tool" >/dev/null ||
    { echo "build-windows: $tool is missing (scripts/setup.sh installs it)" >&2; exit 1; }
done
toolchain=$root/cmake/mingw-w64-x86_64.cmake
key=$( (cat scripts/windows-libs.sh "$toolchain"; x86_64-w64-mingw32-gcc-posix --version | head -1) |
  sha256sum | cut -c1-16)
cache=${KEFU_WIN_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/kefu/win64}/$key
prefix=$cache/prefix
if [ ! -f "$prefix/.complete" ]; then
  echo "build-windows: building the libraries into $cache"
  scripts/windows-libs.sh "$cache/src" "$prefix"
  # The unpacked trees and their build folders are not needed again; the downloads stay.
  find "$cache/src" -mindepth 1 -maxdepth 1 -type d -exec rm -rf {} +
  touch "$prefix/.complete"
  echo "build-windows: libraries built in $((SECONDS - start)) s"
else
  echo "build-windows: libraries from the cache ($cache)"
fi

# kefu: static everything, so CMake's pkg-config must give the libraries' private
# dependencies too (--static) and look only in the prefix.
mkdir -p build-win
# CMake keeps what pkg-config said: a build folder configured against another cache folder
# (other library versions) starts afresh.
if [ "$(cat build-win/libs-prefix 2>/dev/null)" != "$prefix" ]; then
  rm -rf build-win/CMakeCache.txt build-win/CMakeFiles
  echo "$prefix" >build-win/libs-prefix
fi
cat >build-win/pkg-config-static <<EOF
#!/bin/sh
PKG_CONFIG_LIBDIR='$prefix/lib/pkgconfig' PKG_CONFIG_PATH= exec pkg-config --static "\$@"
EOF
chmod +x build-win/pkg-config-static
PKG_CONFIG_LIBDIR=$prefix/lib/pkgconfig cmake -S . -B build-win \
  -DCMAKE_TOOLCHAIN_FILE="$toolchain" -DKEFU_WIN_PREFIX="$prefix" \
  -DPKG_CONFIG_EXECUTABLE="$root/build-win/pkg-config-static" \
  -DCMAKE_BUILD_TYPE=Release -DKEFU_DB=OFF -DKEFU_WERROR=ON >/dev/null
cmake --build build-win --target kefu -j "$(nproc)"
echo "build-windows: build-win/kefu.exe built ($((SECONDS - start)) s so far)"
[ "$zip_it" -eq 1 ] || exit 0

# The zip: one folder, kefu-windows-x64/, that runs where it is unpacked.
stage=build-win/dist/kefu-windows-x64
rm -rf build-win/dist && mkdir -p "$stage/fonts" "$stage/licences"
cp build-win/kefu.exe "$stage/"
x86_64-w64-mingw32-strip "$stage/kefu.exe"
cp -r scenarios exams "$stage/"
[ -d assets ] && cp -r assets "$stage/"
noto=/usr/share/fonts/opentype/noto
cp "$noto/NotoSansCJK-Regular.ttc" "$noto/NotoSansCJK-Bold.ttc" "$stage/fonts/"
cp /usr/share/doc/fonts-noto-cjk/copyright "$stage/licences/fonts-noto-cjk (SIL OFL 1.1).txt"
for lib in zlib libpng freetype harfbuzz sdl2 sdl2_ttf lua pcre2 cjson nettle; do
  cp "$prefix/licences/$lib.txt" "$stage/licences/$lib.txt"
done
cp "$prefix/licences/unibreak.txt" "$stage/licences/libunibreak.txt"
cp /usr/share/doc/mingw-w64-common/copyright "$stage/licences/mingw-w64 runtime.txt"
cp /usr/share/doc/gcc-mingw-w64-base/copyright "$stage/licences/gcc runtime (libgcc, libstdc++).txt"
# 使用说明.txt: UTF-8 with a byte-order mark and CRLF line ends, so Notepad shows it right.
{
  printf '\xef\xbb\xbf'
  sed 's/$/\r/' scripts/windows-readme.txt
} >"$stage/使用说明.txt"
mkdir -p dist
rm -f dist/kefu-windows-x64.zip
(cd build-win/dist && python3 - <<'EOF'
import os, zipfile
# zipfile marks names that are not ASCII as UTF-8 (flag bit 11), which Windows' Explorer reads.
with zipfile.ZipFile("../../dist/kefu-windows-x64.zip", "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
    for top, dirs, files in os.walk("kefu-windows-x64"):
        dirs.sort()
        for f in sorted(files):
            z.write(os.path.join(top, f))
EOF
)
echo "build-windows: dist/kefu-windows-x64.zip, $(du -k dist/kefu-windows-x64.zip | cut -f1) KiB" \
  "($((SECONDS - start)) s)"
