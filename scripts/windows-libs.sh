#!/usr/bin/env bash
# Cross-compiles the static libraries kefu.exe links (from Debian source packages) into a prefix.
# Usage: scripts/windows-libs.sh SRC PREFIX    (run by scripts/build-windows.sh, which owns the
# cache: SRC holds the downloaded source packages, PREFIX receives include/, lib/ and
# lib/pkgconfig/). Each library leaves PREFIX/.done-<name> so an interrupted run resumes.
# Pinned versions: the LIBS list below; this file's hash is part of the cache key, so any
# change here (a version, a flag) builds every library again in a fresh cache folder.
set -euo pipefail

# name  source-package=version  sha256 of its .dsc (apt-get source also checks every file
# against the mirror's signed index; dpkg-source checks the tarballs against the .dsc).
LIBS=(
  "zlib      zlib=1:1.2.13.dfsg-1                3fa1e6b2fc525062aa88207dda52fed8e045373c809d362fe8a2bfbf7cf515a8"
  "libpng    libpng1.6=1.6.39-2+deb12u5          7b86211030a34deb6b0a2cd7e1d9db0fe92443fd30cab537fb89b1e7f7c9f188"
  "freetype  freetype=2.12.1+dfsg-5+deb12u4      eead829b4bc79107e8e79c4da006110dffe264f9d48b3ba02f76cf7e84b64389"
  "harfbuzz  harfbuzz=6.0.0+dfsg-3               a03b89402656feb6e9b1439f69b55f3cfbd7b1c70a71e18819f0396d1a6fd607"
  "sdl2      libsdl2=2.26.5+dfsg-1               95b9a18130d98164e7856eca8ac1a2eb65d822ac4872ef8862ceed2cb1662136"
  "sdl2_ttf  libsdl2-ttf=2.20.1+dfsg-2           46a54b380c3a81ddda5a62d31204621411276cafdebd97011b4ad2c0f085e64b"
  "lua       lua5.4=5.4.4-3+deb12u1              d47c50154294a68c8a209c5d61bc09e5b22891c01b7c47501ac3f9725eb4a813"
  "pcre2     pcre2=10.42-1                       726dafe7a8d07332d4df61edf23f384ddb158b2b263846273d1103b6b9a7c176"
  "cjson     cjson=1.7.15-1+deb12u4              764c2de141d680f4fb4cada30c526dacaa30ead061b9b9c34f2b81e2df0f8439"
  "nettle    nettle=3.8.1-2                      a437e204da67612efb656cab354835f358b44c077c5c0a46d6e8c30b5c0bddff"
)
# bookworm's libunibreak (1.1-2.1) lists a tarball its mirror no longer serves; the pool keeps
# the upstream tarball of 6.1 (the next Debian release's), fetched and checked by its sha256.
UNIBREAK_URL=http://deb.debian.org/debian/pool/main/libu/libunibreak/libunibreak_6.1.orig.tar.gz
UNIBREAK_SHA256=890674996168ef5ba143d80d49ab8b61594a4eb70198dcac76caf6e1bd264a41

SRC=$(realpath -m "$1")
PREFIX=$(realpath -m "$2")
HERE=$(cd "$(dirname "$0")/.." && pwd)
TOOLCHAIN=$HERE/cmake/mingw-w64-x86_64.cmake
HOST=x86_64-w64-mingw32
CC=$HOST-gcc-posix
CXX=$HOST-g++-posix
AR=$HOST-gcc-ar-posix
JOBS=${KEFU_WIN_JOBS:-$(nproc)}
CFLAGS="-O2"
mkdir -p "$SRC" "$PREFIX/include" "$PREFIX/lib/pkgconfig"
export PKG_CONFIG_LIBDIR=$PREFIX/lib/pkgconfig PKG_CONFIG_PATH=

log() { printf 'windows-libs: %s\n' "$*"; }

# fetch: downloads every source package into SRC (once) and unpacks it under SRC/<name>.
fetch() {
  local line name pkgver sha dsc
  for line in "${LIBS[@]}"; do
    read -r name pkgver sha <<<"$line"
    [ -d "$SRC/$name" ] && continue
    local pkg=${pkgver%%=*} ver=${pkgver#*=}
    ver=${ver#*:}
    dsc="$SRC/${pkg}_${ver}.dsc"
    if [ ! -f "$dsc" ]; then
      log "apt-get source $pkgver"
      (cd "$SRC" && apt-get source --download-only -q "$pkgver" >/dev/null) || {
        echo "windows-libs: apt-get source $pkgver failed; a deb-src line for Debian bookworm" \
          "is needed (scripts/setup.sh adds one)" >&2
        exit 1
      }
    fi
    if ! echo "$sha  $dsc" | sha256sum -c --quiet -; then
      echo "windows-libs: $dsc is not the pinned one" >&2
      exit 1
    fi
    rm -rf "$SRC/$name.tmp"
    dpkg-source -q -x "$dsc" "$SRC/$name.tmp" >/dev/null 2>&1 || {
      echo "windows-libs: dpkg-source -x $dsc failed" >&2
      exit 1
    }
    mv "$SRC/$name.tmp" "$SRC/$name"
  done
  if [ ! -d "$SRC/unibreak" ]; then
    local tgz=$SRC/${UNIBREAK_URL##*/}
    [ -f "$tgz" ] || { log "fetching ${UNIBREAK_URL##*/}"; curl -fsSL -o "$tgz" "$UNIBREAK_URL"; }
    echo "$UNIBREAK_SHA256  $tgz" | sha256sum -c --quiet - || {
      echo "windows-libs: $tgz is not the pinned one" >&2
      exit 1
    }
    rm -rf "$SRC/unibreak.tmp" && mkdir "$SRC/unibreak.tmp"
    tar -xzf "$tgz" -C "$SRC/unibreak.tmp" --strip-components=1
    mv "$SRC/unibreak.tmp" "$SRC/unibreak"
  fi
}

# pc NAME VERSION LIBS [REQUIRES] [CFLAGS]: writes PREFIX/lib/pkgconfig/NAME.pc.
pc() {
  cat >"$PREFIX/lib/pkgconfig/$1.pc" <<EOF
prefix=$PREFIX
includedir=\${prefix}/include
libdir=\${prefix}/lib

Name: $1
Description: $1 (static, cross-built for Windows x64)
Version: $2
Requires: ${4:-}
Libs: -L\${libdir} $3
Cflags: -I\${includedir} ${5:-}
EOF
}

# objs DIR FLAGS FILE...: compiles FILEs (relative to DIR) into DIR/obj/, two at a time.
objs() {
  local dir=$1 flags=$2
  shift 2
  mkdir -p "$dir/obj"
  printf '%s\n' "$@" | (cd "$dir" && xargs -P "$JOBS" -I{} sh -c \
    "$CC $CFLAGS $flags -c {} -o obj/\$(basename {} .c).o")
}

# cmake_lib DIR ARGS...: configures, builds and installs a library's own CMake build.
cmake_lib() {
  local dir=$1
  shift
  cmake -S "$dir" -B "$dir/build-win" -G "Unix Makefiles" -DCMAKE_TOOLCHAIN_FILE="$TOOLCHAIN" \
    -DKEFU_WIN_PREFIX="$PREFIX" -DCMAKE_BUILD_TYPE=Release -DCMAKE_INSTALL_PREFIX="$PREFIX" \
    -DCMAKE_PREFIX_PATH="$PREFIX" -DBUILD_SHARED_LIBS=OFF "$@" >/dev/null
  cmake --build "$dir/build-win" -j "$JOBS" >/dev/null
  cmake --install "$dir/build-win" >/dev/null
}

build_zlib() {
  local d=$SRC/zlib
  objs "$d" "" adler32.c compress.c crc32.c deflate.c gzclose.c gzlib.c gzread.c gzwrite.c \
    infback.c inffast.c inflate.c inftrees.c trees.c uncompr.c zutil.c
  rm -f "$PREFIX/lib/libz.a" && $AR rcs "$PREFIX/lib/libz.a" "$d"/obj/*.o
  cp "$d/zlib.h" "$d/zconf.h" "$PREFIX/include/"
  pc zlib 1.2.13 -lz
}

build_libpng() {
  local d=$SRC/libpng
  cmake_lib "$d" -DPNG_SHARED=OFF -DPNG_STATIC=ON -DPNG_TESTS=OFF -DPNG_EXECUTABLES=OFF \
    -DZLIB_LIBRARY="$PREFIX/lib/libz.a" -DZLIB_INCLUDE_DIR="$PREFIX/include"
  pc libpng 1.6.39 -lpng16 zlib "-I\${includedir}/libpng16"
}

build_freetype() {
  local d=$SRC/freetype
  cmake_lib "$d" -DFT_DISABLE_BZIP2=ON -DFT_DISABLE_BROTLI=ON -DFT_DISABLE_HARFBUZZ=ON \
    -DFT_DISABLE_PNG=ON -DFT_REQUIRE_ZLIB=ON \
    -DZLIB_LIBRARY="$PREFIX/lib/libz.a" -DZLIB_INCLUDE_DIR="$PREFIX/include"
  pc freetype2 24.1.18 -lfreetype zlib "-I\${includedir}/freetype2"
}

# HarfBuzz: its one-file build (src/harfbuzz.cc) with FreeType, no exceptions or RTTI.
build_harfbuzz() {
  local d=$SRC/harfbuzz
  sed -e 's/#mesondefine HB_HAS_FREETYPE/#define HB_HAS_FREETYPE 1/' \
    -e 's/#mesondefine \(.*\)/\/* #undef \1 *\//' "$d/src/hb-features.h.in" >"$d/src/hb-features.h"
  mkdir -p "$d/obj" "$PREFIX/include/harfbuzz"
  $CXX -O2 -std=c++11 -fno-exceptions -fno-rtti -fno-threadsafe-statics -DHAVE_FREETYPE=1 \
    -DHB_NO_MT=0 $(pkg-config --cflags freetype2) -c "$d/src/harfbuzz.cc" -o "$d/obj/harfbuzz.o"
  rm -f "$PREFIX/lib/libharfbuzz.a" && $AR rcs "$PREFIX/lib/libharfbuzz.a" "$d/obj/harfbuzz.o"
  cp "$d"/src/hb.h "$d"/src/hb-*.h "$PREFIX/include/harfbuzz/"
  pc harfbuzz 6.0.0 "-lharfbuzz -lstdc++" freetype2 "-I\${includedir}/harfbuzz"
}

# SDL2: its CMake build, static, no tests; video, events, rendering, IME and audio (the rush
# workbench's chime: WASAPI, DirectSound or WinMM, whichever the PC has); no joystick. The .pc is our own: a console program (no -mwindows),
# no SDL2main (SDL_MAIN_HANDLED: kefu's main stays main), every Windows library SDL2 needs.
build_sdl2() {
  local d=$SRC/sdl2
  cmake_lib "$d" -DSDL_SHARED=OFF -DSDL_STATIC=ON -DSDL_TEST=OFF -DSDL2_DISABLE_SDL2MAIN=ON \
    -DSDL_AUDIO=ON -DSDL_JOYSTICK=OFF -DSDL_HAPTIC=OFF -DSDL_HIDAPI=OFF -DSDL_SENSOR=OFF \
    -DSDL_POWER=OFF -DSDL_XINPUT=OFF -DSDL_OPENGLES=OFF -DSDL_VULKAN=OFF \
    -DSDL_CCACHE=OFF
  pc sdl2 2.26.5 "-lSDL2 -lm -lkernel32 -luser32 -lgdi32 -lwinmm -limm32 -lole32 -loleaut32 \
-lversion -luuid -ladvapi32 -lsetupapi -lshell32" "" "-I\${includedir}/SDL2 -DSDL_MAIN_HANDLED"
}

# SDL2_ttf: its one source file, with HarfBuzz.
build_sdl2_ttf() {
  local d=$SRC/sdl2_ttf
  objs "$d" "-DTTF_USE_HARFBUZZ=1 $(pkg-config --cflags sdl2 freetype2 harfbuzz)" SDL_ttf.c
  rm -f "$PREFIX/lib/libSDL2_ttf.a" && $AR rcs "$PREFIX/lib/libSDL2_ttf.a" "$d"/obj/*.o
  cp "$d/SDL_ttf.h" "$PREFIX/include/SDL2/"
  pc SDL2_ttf 2.20.1 -lSDL2_ttf "sdl2 freetype2 harfbuzz" "-I\${includedir}/SDL2"
}

# Lua 5.4 as Debian builds it (LUA_COMPAT_5_3), without the lua and luac programs.
build_lua() {
  local d=$SRC/lua f
  local files=()
  for f in "$d"/src/*.c; do
    case $f in */lua.c | */luac.c) ;; *) files+=("src/${f##*/}") ;; esac
  done
  objs "$d" "-DLUA_COMPAT_5_3" "${files[@]}"
  rm -f "$PREFIX/lib/liblua5.4.a" && $AR rcs "$PREFIX/lib/liblua5.4.a" "$d"/obj/*.o
  cp "$d"/src/{lua.h,luaconf.h,lualib.h,lauxlib.h,lua.hpp} "$PREFIX/include/"
  pc lua5.4 5.4.4 -llua5.4
}

build_pcre2() {
  local d=$SRC/pcre2
  cmake_lib "$d" -DPCRE2_BUILD_PCRE2_8=ON -DPCRE2_BUILD_PCRE2_16=OFF -DPCRE2_BUILD_PCRE2_32=OFF \
    -DPCRE2_SUPPORT_JIT=ON -DPCRE2_SUPPORT_UNICODE=ON -DPCRE2_BUILD_PCRE2GREP=OFF \
    -DPCRE2_BUILD_TESTS=OFF -DPCRE2_STATIC_RUNTIME=OFF
  pc libpcre2-8 10.42 -lpcre2-8 "" "-DPCRE2_STATIC"
}

build_cjson() {
  local d=$SRC/cjson
  objs "$d" "" cJSON.c
  rm -f "$PREFIX/lib/libcjson.a" && $AR rcs "$PREFIX/lib/libcjson.a" "$d"/obj/*.o
  mkdir -p "$PREFIX/include/cjson" && cp "$d/cJSON.h" "$PREFIX/include/cjson/"
  pc libcjson 1.7.15 -lcjson
}

# nettle: only what SHA-256 needs (kefu hashes scenario files), so no gmp and no configure.
build_nettle() {
  local d=$SRC/nettle
  objs "$d" "" sha256.c sha256-compress.c write-be32.c
  rm -f "$PREFIX/lib/libnettle.a" && $AR rcs "$PREFIX/lib/libnettle.a" "$d"/obj/*.o
  mkdir -p "$PREFIX/include/nettle"
  cp "$d"/{sha2.h,nettle-types.h} "$PREFIX/include/nettle/"
  pc nettle 3.8.1 -lnettle
}

build_unibreak() {
  local d=$SRC/unibreak
  objs "$d" "" src/linebreak.c src/linebreakdata.c src/linebreakdef.c src/unibreakbase.c \
    src/unibreakdef.c src/eastasianwidthdef.c src/emojidef.c
  rm -f "$PREFIX/lib/libunibreak.a" && $AR rcs "$PREFIX/lib/libunibreak.a" "$d"/obj/*.o
  cp "$d"/src/{linebreak.h,linebreakdef.h,unibreakbase.h,unibreakdef.h} "$PREFIX/include/"
  pc libunibreak 6.1 -lunibreak
}

# run LIB: builds LIB unless an earlier run did.
run() {
  [ -f "$PREFIX/.done-$1" ] && return 0
  log "building $1"
  local start=$SECONDS
  "build_$1"
  touch "$PREFIX/.done-$1"
  log "$1: $((SECONDS - start)) s"
}

fetch
run zlib
run libpng
run freetype
# HarfBuzz is one long compile on one core: beside SDL2's mostly serial configure and the rest.
run harfbuzz &
hb=$!
for lib in sdl2 lua pcre2 cjson nettle unibreak; do
  run "$lib"
done
wait "$hb" || { echo "windows-libs: harfbuzz failed" >&2; exit 1; }
run sdl2_ttf
# Every library's licence, for the zip: Debian's copyright file lists each one's terms.
mkdir -p "$PREFIX/licences"
for line in "${LIBS[@]}"; do
  read -r name _ <<<"$line"
  cp "$SRC/$name/debian/copyright" "$PREFIX/licences/$name.txt"
done
cp "$SRC/unibreak/LICENCE" "$PREFIX/licences/unibreak.txt"
