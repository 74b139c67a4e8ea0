# CMake toolchain for a 64-bit Windows kefu.exe cross-compiled on Debian with mingw-w64.
# The -posix compilers use the winpthreads thread model (kefu's threads are pthreads); every
# runtime (libgcc, libstdc++, winpthread) is linked statically, so kefu.exe needs no mingw DLL.
# KEFU_WIN_PREFIX (cache variable or environment) is where scripts/build-windows.sh installed
# the cross-built libraries; pkg-config must be pointed there as well (PKG_CONFIG_LIBDIR).
set(CMAKE_SYSTEM_NAME Windows)
set(CMAKE_SYSTEM_PROCESSOR x86_64)
set(KEFU_MINGW x86_64-w64-mingw32)

set(CMAKE_C_COMPILER ${KEFU_MINGW}-gcc-posix)
set(CMAKE_CXX_COMPILER ${KEFU_MINGW}-g++-posix)
set(CMAKE_RC_COMPILER ${KEFU_MINGW}-windres)
set(CMAKE_AR ${KEFU_MINGW}-gcc-ar-posix CACHE FILEPATH "ar with LTO plugin")
set(CMAKE_RANLIB ${KEFU_MINGW}-gcc-ranlib-posix CACHE FILEPATH "ranlib with LTO plugin")

if(NOT KEFU_WIN_PREFIX AND DEFINED ENV{KEFU_WIN_PREFIX})
  set(KEFU_WIN_PREFIX "$ENV{KEFU_WIN_PREFIX}")
endif()
set(CMAKE_FIND_ROOT_PATH /usr/${KEFU_MINGW} ${KEFU_WIN_PREFIX})
set(CMAKE_FIND_ROOT_PATH_MODE_PROGRAM NEVER)
set(CMAKE_FIND_ROOT_PATH_MODE_LIBRARY ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_INCLUDE ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_PACKAGE ONLY)

set(CMAKE_EXE_LINKER_FLAGS_INIT "-static -static-libgcc -static-libstdc++")
set(CMAKE_SHARED_LINKER_FLAGS_INIT "-static-libgcc -static-libstdc++")
