/* fontfind_fc: font files through fontconfig (Linux and other POSIX systems). */
#ifndef _WIN32
#include "fontfind.h"

#include <fontconfig/fontconfig.h>
#include <stdlib.h>
#include <string.h>

int fontfind_init(KefuError *err)
{
    if (!FcInit()) {
        kerr_set(err, "font: fontconfig could not load its configuration");
        return -1;
    }
    return 0;
}

int fontfind_match(const char *pattern, char **file_out, int *index_out, char **family,
                   KefuError *err)
{
    int rc = -1;
    FcPattern *pat = FcNameParse((const FcChar8 *)pattern);
    FcPattern *m = NULL;
    if (!pat)
        goto done;
    FcConfigSubstitute(NULL, pat, FcMatchPattern);
    FcDefaultSubstitute(pat);
    FcResult res;
    m = FcFontMatch(NULL, pat, &res);
    FcChar8 *file = NULL, *fam = NULL;
    int index = 0;
    if (m && FcPatternGetString(m, FC_FILE, 0, &file) == FcResultMatch) {
        /* The face index matters: Noto's .ttc holds JP, KR, SC, TC, HK faces and face 0 is
         * Japanese, whose 骨 and 直 are drawn differently. */
        if (FcPatternGetInteger(m, FC_INDEX, 0, &index) != FcResultMatch)
            index = 0;
        *file_out = strdup((const char *)file);
        *index_out = index;
        if (family && FcPatternGetString(m, FC_FAMILY, 0, &fam) == FcResultMatch)
            *family = strdup((const char *)fam);
        rc = *file_out ? 0 : -1;
    }
done:
    if (m)
        FcPatternDestroy(m);
    if (pat)
        FcPatternDestroy(pat);
    if (rc < 0)
        kerr_set(err,
                 "font: fontconfig found no font for \"%s\" (install fonts-noto-cjk or "
                 "fonts-wqy-microhei)",
                 pattern);
    return rc;
}

void fontfind_each_with(uint32_t cp, int (*take)(void *ctx, const char *file, int index), void *ctx)
{
    FcPattern *pat = FcNameParse((const FcChar8 *)"sans-serif");
    FcCharSet *cs = FcCharSetCreate();
    FcFontSet *set = NULL;
    if (!pat || !cs)
        goto done;
    FcCharSetAddChar(cs, cp);
    FcPatternAddCharSet(pat, FC_CHARSET, cs);
    FcConfigSubstitute(NULL, pat, FcMatchPattern);
    FcDefaultSubstitute(pat);
    FcResult res;
    set = FcFontSort(NULL, pat, FcFalse, NULL, &res);
    for (int i = 0; set && i < set->nfont; i++) {
        FcCharSet *have = NULL;
        FcChar8 *file = NULL;
        int index = 0;
        if (FcPatternGetCharSet(set->fonts[i], FC_CHARSET, 0, &have) != FcResultMatch ||
            !FcCharSetHasChar(have, cp) ||
            FcPatternGetString(set->fonts[i], FC_FILE, 0, &file) != FcResultMatch)
            continue;
        if (FcPatternGetInteger(set->fonts[i], FC_INDEX, 0, &index) != FcResultMatch)
            index = 0;
        if (take(ctx, (const char *)file, index))
            break;
    }
done:
    if (set)
        FcFontSetDestroy(set);
    if (cs)
        FcCharSetDestroy(cs);
    if (pat)
        FcPatternDestroy(pat);
}

#else
typedef int fontfind_fc_unused; /* ISO C wants a declaration in every file */
#endif
