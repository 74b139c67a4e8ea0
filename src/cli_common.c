/* cli_common: scenario and rubric loading shared by the headless commands. */
#include "cli_common.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "authoring/lint.h"
#include "base/inert.h"
#include "base/platform.h"

static int exists(const char *path)
{
    PlatStat st;
    return plat_stat(path, &st) == 0;
}

int cli_rubric_hint(const char *dir, char *out, size_t size)
{
    char want[4096];
    const char *where = scenario_dir(dir);
    snprintf(want, sizeof want, "%s/rubric.lua", where);
    if (exists(want))
        return 0;
    /* The catalog the program ships with: beside it (an unpacked zip), installed, else (a
     * program run from its build tree) the source's. Named, not used silently: scores depend
     * on the rubric. */
    char exe[4096], beside[4200] = "";
    if (plat_exe_dir(exe, sizeof exe) == 0)
        snprintf(beside, sizeof beside, "%s/scenarios", exe);
    const char *const shipped[] = {beside, KEFU_SCENARIO_INSTALL_DIR, KEFU_SOURCE_DIR "/scenarios"};
    for (size_t i = 0; i < sizeof shipped / sizeof shipped[0]; i++) {
        char have[4096];
        snprintf(have, sizeof have, "%s/rubric.lua", shipped[i]);
        if (!shipped[i][0] || strcmp(have, want) == 0 || !exists(have))
            continue;
        snprintf(out, size,
                 "the folder %s has no rubric.lua: use the one kefu ships with (--rubric %s), "
                 "or copy it and its model into the folder (cp %s/rubric.lua %s/rubric.model "
                 "%s/)",
                 where, have, shipped[i], shipped[i], where);
        return 1;
    }
    snprintf(out, size,
             "the folder %s has no rubric.lua: name a rubric with --rubric FILE, or copy "
             "rubric.lua and rubric.model from kefu's scenarios folder into it",
             where);
    return 1;
}

Rubric *cli_load_rubric(const char *cmd, const char *dir, const char *rubric_path)
{
    char path[4096], hint[9000];
    KefuError err;
    if (rubric_path)
        snprintf(path, sizeof path, "%s", rubric_path);
    else
        snprintf(path, sizeof path, "%s/rubric.lua", scenario_dir(dir));
    Rubric *r = rubric_load(path, &err);
    if (!r) {
        inert_printf(stderr, "kefu %s: %s\n", cmd, err.msg);
        if (!rubric_path && cli_rubric_hint(dir, hint, sizeof hint))
            inert_printf(stderr, "kefu %s: hint: %s\n", cmd, hint);
    }
    return r;
}

Scenario *cli_load_scenario(const char *cmd, const char *dir, const char *id_or_path,
                            const Rubric *rubric)
{
    char path[4096];
    KefuError err;
    Scenario *sc = NULL;
    if (scenario_resolve(scenario_dir(dir), id_or_path, path, sizeof path, &err) == 0)
        sc = scenario_load(path, rubric, &err);
    if (!sc)
        inert_printf(stderr, "kefu %s: %s\n", cmd, err.msg);
    return sc;
}

const char *cli_value(const char *cmd, int argc, char **argv, int *i)
{
    if (*i + 1 >= argc) {
        fprintf(stderr, "kefu %s: option %s needs a value\n", cmd, argv[*i]);
        return NULL;
    }
    return argv[++*i];
}

int pathlist_add(PathList *p, const char *path)
{
    if (p->n == p->cap) {
        int cap = p->cap ? p->cap * 2 : 16;
        char **v = realloc(p->v, (size_t)cap * sizeof *v);
        if (!v)
            return -1;
        p->v = v;
        p->cap = cap;
    }
    if (!(p->v[p->n] = strdup(path)))
        return -1;
    p->n++;
    return 0;
}

void pathlist_deinit(PathList *p)
{
    for (int i = 0; p && i < p->n; i++)
        free(p->v[i]);
    if (p)
        free(p->v);
}

static int by_name(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

int cli_lua_files(const char *cmd, const char *dir, int skip_rubric, PathList *out)
{
    PlatDir *d = plat_opendir(dir);
    if (!d) {
        /* opendir allocates: out of memory must not read as a missing folder */
        inert_printf(stderr, "kefu %s: %s: %s\n", cmd, dir,
                     errno == ENOMEM ? "out of memory" : "cannot open the folder");
        return -1;
    }
    int first = out->n;
    const char *sep = dir[0] && plat_is_sep(dir[strlen(dir) - 1]) ? "" : "/";
    const char *e; /* the name */
    for (;;) {
        errno = 0;
        if (!(e = plat_readdir(d)))
            break;
        size_t len = strlen(e);
        if (e[0] == '.' || len < 5 || strcmp(e + len - 4, ".lua") != 0)
            continue;
        char path[4096];
        if (snprintf(path, sizeof path, "%s%s%s", dir, sep, e) >= (int)sizeof path) {
            /* the name is the folder's, not the trainer's typing: it may hold anything */
            inert_printf(stderr, "kefu %s: %s: a file name too long to open: %.60s...\n", cmd, dir,
                         e);
            plat_closedir(d);
            return -1;
        }
        int rubric = skip_rubric ? lint_is_rubric(path) : 0;
        if (rubric < 0 || (!rubric && pathlist_add(out, path) < 0)) {
            plat_closedir(d);
            fprintf(stderr, "kefu %s: out of memory\n", cmd);
            return -1;
        }
    }
    /* A folder that could not be read to its end must not pass for its first part. */
    if (errno != 0) {
        inert_printf(stderr, "kefu %s: %s: cannot read the folder: %s\n", cmd, dir,
                     strerror(errno));
        plat_closedir(d);
        return -1;
    }
    plat_closedir(d);
    if (out->n - first > 1) /* qsort's array must not be NULL, even for no entries */
        qsort(out->v + first, (size_t)(out->n - first), sizeof *out->v, by_name);
    return out->n - first;
}
