/* fontfind_win: font files on Windows, where there is no fontconfig: the fonts/ folder beside
 * kefu.exe (the zip bundles Noto Sans CJK SC there), then the system's Chinese fonts in
 * %WINDIR%\Fonts (Microsoft YaHei, SimHei, SimSun), then its symbol and emoji fonts. */
#ifdef _WIN32
#include "fontfind.h"

#include <SDL_ttf.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/platform.h"

#define MAX_FILES 48

/* The candidate files, best first: bundled (regular ones before bold ones), then the system's. */
typedef struct Files {
    char *v[MAX_FILES];
    int n;
} Files;

static const char *const system_regular[] = {"msyh.ttc", "simhei.ttf", "simsun.ttc"};
static const char *const system_bold[] = {"msyhbd.ttc"};
static const char *const system_more[] = {"seguisym.ttf", "seguiemj.ttf", "segoeui.ttf",
                                          "arial.ttf"};

static void add(Files *f, const char *dir, const char *name)
{
    char path[4400];
    if (f->n >= MAX_FILES || snprintf(path, sizeof path, "%s\\%s", dir, name) >= (int)sizeof path)
        return;
    PlatStat st;
    if (plat_stat(path, &st) == 0 && S_ISREG(st.mode) && (f->v[f->n] = strdup(path)))
        f->n++;
}

static void files_free(Files *f)
{
    for (int i = 0; i < f->n; i++)
        free(f->v[i]);
    f->n = 0;
}

static int is_font_name(const char *name)
{
    size_t n = strlen(name);
    return name[0] != '.' && n > 4 &&
           (strcmp(name + n - 4, ".ttc") == 0 || strcmp(name + n - 4, ".ttf") == 0 ||
            strcmp(name + n - 4, ".otf") == 0 || strcmp(name + n - 4, ".TTC") == 0 ||
            strcmp(name + n - 4, ".TTF") == 0 || strcmp(name + n - 4, ".OTF") == 0);
}

static int by_name(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The bundled fonts (bold: only those named Bold; else only the others), in name order. */
static void add_bundled(Files *f, int bold)
{
    char exe[4096], dir[4200];
    if (plat_exe_dir(exe, sizeof exe) < 0)
        return;
    snprintf(dir, sizeof dir, "%s\\fonts", exe);
    PlatDir *d = plat_opendir(dir);
    if (!d)
        return;
    char *names[MAX_FILES];
    int n = 0;
    const char *name;
    while (n < MAX_FILES && (name = plat_readdir(d)))
        if (is_font_name(name) && (strstr(name, "Bold") != NULL) == bold &&
            (names[n] = strdup(name)))
            n++;
    plat_closedir(d);
    qsort(names, (size_t)n, sizeof *names, by_name);
    for (int i = 0; i < n; i++) {
        add(f, dir, names[i]);
        free(names[i]);
    }
}

static void add_system(Files *f, const char *const *names, size_t n)
{
    const char *windir = getenv("WINDIR");
    char dir[1200];
    snprintf(dir, sizeof dir, "%s\\Fonts", windir && *windir ? windir : "C:\\Windows");
    for (size_t i = 0; i < n; i++)
        add(f, dir, names[i]);
}

/* The faces already picked, so the fallback search opens each file's faces once. */
static struct {
    char *file;
    int index;
} picked[MAX_FILES];
static int npicked;

static int pick_face_uncached(const char *file, char **family);

/* The face of file to use: in a collection the simplified-Chinese one (Noto's .ttc holds JP, KR,
 * SC, TC and HK faces, face 0 Japanese), else 0. *family gets its family name when asked. -1
 * when SDL_ttf cannot open the file. */
static int pick_face(const char *file, char **family)
{
    for (int i = 0; i < npicked && !family; i++)
        if (strcmp(picked[i].file, file) == 0)
            return picked[i].index;
    int index = pick_face_uncached(file, family);
    if (npicked < MAX_FILES && (picked[npicked].file = strdup(file)))
        picked[npicked++].index = index;
    return index;
}

static int pick_face_uncached(const char *file, char **family)
{
    TTF_Font *f = TTF_OpenFontIndex(file, 12, 0);
    if (!f)
        return -1;
    long faces = TTF_FontFaces(f);
    TTF_CloseFont(f);
    int best = 0;
    for (long i = 0; i < faces && i < 16; i++) {
        TTF_Font *g = TTF_OpenFontIndex(file, 12, i);
        const char *fam = g ? TTF_FontFaceFamilyName(g) : NULL;
        int sc = fam && (strstr(fam, " SC") || strstr(fam, "YaHei") || strstr(fam, "SimHei") ||
                         strstr(fam, "SimSun"));
        if (g)
            TTF_CloseFont(g);
        if (sc) {
            best = (int)i;
            break;
        }
    }
    if (family) {
        TTF_Font *g = TTF_OpenFontIndex(file, 12, best);
        const char *fam = g ? TTF_FontFaceFamilyName(g) : NULL;
        if (fam)
            *family = strdup(fam);
        if (g)
            TTF_CloseFont(g);
    }
    return best;
}

int fontfind_init(KefuError *err)
{
    (void)err;
    return 0;
}

int fontfind_match(const char *pattern, char **file_out, int *index_out, char **family,
                   KefuError *err)
{
    Files f = {{0}, 0};
    int bold = strstr(pattern, "weight=bold") != NULL;
    add_bundled(&f, bold);
    if (bold)
        add_system(&f, system_bold, sizeof system_bold / sizeof system_bold[0]);
    else
        add_system(&f, system_regular, sizeof system_regular / sizeof system_regular[0]);
    int rc = -1;
    for (int i = 0; i < f.n && rc < 0; i++) {
        int index = pick_face(f.v[i], family);
        if (index >= 0 && (*file_out = strdup(f.v[i]))) {
            *index_out = index;
            rc = 0;
        }
    }
    files_free(&f);
    if (rc < 0)
        kerr_set(err,
                 "font: found no Chinese font for \"%s\": neither in the fonts folder beside "
                 "kefu.exe nor Microsoft YaHei, SimHei or SimSun in %%WINDIR%%\\Fonts",
                 pattern);
    return rc;
}

void fontfind_each_with(uint32_t cp, int (*take)(void *ctx, const char *file, int index), void *ctx)
{
    (void)cp; /* the caller checks each face for cp */
    Files f = {{0}, 0};
    add_bundled(&f, 0);
    add_system(&f, system_regular, sizeof system_regular / sizeof system_regular[0]);
    add_system(&f, system_more, sizeof system_more / sizeof system_more[0]);
    for (int i = 0; i < f.n; i++) {
        int index = pick_face(f.v[i], NULL);
        if (index >= 0 && take(ctx, f.v[i], index))
            break;
    }
    files_free(&f);
}

#else
typedef int fontfind_win_unused; /* ISO C wants a declaration in every file */
#endif
