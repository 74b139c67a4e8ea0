/* fontfind: where the app's font files are on this system: fontconfig on Linux; on Windows the
 * fonts/ folder beside kefu.exe (the zip bundles a CJK font there), then %WINDIR%\Fonts. font.c
 * opens and checks what it is given; this only names files. */
#ifndef KEFU_APP_FONTFIND_H
#define KEFU_APP_FONTFIND_H

#include <stdint.h>

#include "base/kerr.h"

/* Readies the lookup (fontconfig's configuration). Returns 0, or -1 with err. */
int fontfind_init(KefuError *err);

/* The best face for a fontconfig-style pattern ("sans-serif:lang=zh-cn", with ":weight=bold" for
 * the bold one): *file (malloc'd, caller frees), its face index in a collection (.ttc), and, when
 * family is not NULL, *family (malloc'd, or left alone when unknown). Returns 0, or -1 with err
 * "font: ... found no font for \"PATTERN\" (...)" naming what to install. */
int fontfind_match(const char *pattern, char **file, int *index, char **family, KefuError *err);

/* Offers installed faces that may draw cp to take(ctx, file, index), best first, until take
 * returns nonzero (file is borrowed for the call). */
void fontfind_each_with(uint32_t cp, int (*take)(void *ctx, const char *file, int index),
                        void *ctx);

#endif
