/* exam: an exam file read as plain data (sandbox + luadata, like scenarios), and the admission
 * checks: roster, window, attempts counted from results and journals. */
#include "results/exam.h"

#include <errno.h>
#include <lauxlib.h>
#include <lua.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "base/date.h"
#include "base/platform.h"
#include "lua/luadata.h"
#include "lua/sandbox.h"
#include "lua/srcfile.h"
#include "results/schema.h"

/* ======================================================================================== */
/* Reading the file                                                                          */
/* ======================================================================================== */

static const char *const top_keys[] = {"id",       "title",     "scenarios", "roster",
                                       "attempts", "pass_mark", "window",    NULL};
static const char *const scenario_keys[] = {"id", "seed", NULL};
static const char *const window_keys[] = {"from", "until", NULL};

/* The length of the list on the stack top, or -1 after reporting one that is empty, too long
 * or not a plain list (a named field in it is a typo the trainer should hear about). */
static int list_len(LuaData *d, const char *path)
{
    lua_Unsigned n = (lua_Unsigned)lua_rawlen(d->L, -1);
    if (n > EXAM_MAX_LIST)
        return luadata_fail(d, path, "'%s' lists %llu entries; at most %d", path,
                            (unsigned long long)n, EXAM_MAX_LIST);
    lua_Unsigned keys = 0;
    lua_pushnil(d->L);
    while (lua_next(d->L, -2)) {
        lua_pop(d->L, 1);
        keys++;
    }
    if (keys != n)
        return luadata_fail(d, path,
                            "'%s' must be a plain list { ..., ... } (it has %llu "
                            "entries besides its %llu numbered ones)",
                            path, (unsigned long long)(keys - n), (unsigned long long)n);
    if (n == 0)
        return luadata_fail(d, path, "'%s' must list at least one entry", path);
    return (int)n;
}

/* Every key of the table on the stack top is one of names; a stray one is reported at its own
 * line as "PREFIXKEY is not a known field (expected LIST)". */
static int known_keys(LuaData *d, const char *prefix, const char *const *names, const char *list)
{
    lua_State *L = d->L;
    lua_pushnil(L);
    while (lua_next(L, -2)) {
        lua_pop(L, 1);
        char path[256];
        if (lua_type(L, -1) != LUA_TSTRING) {
            lua_pop(L, 1);
            snprintf(path, sizeof path, "%.*s", (int)strcspn(prefix, "."), prefix);
            return luadata_fail(d, *prefix ? path : NULL,
                                "%s has an unexpected list entry (expected fields %s)",
                                *prefix ? path : "the exam's table", list);
        }
        const char *k = lua_tostring(L, -1);
        int ok = 0;
        for (int i = 0; names[i]; i++)
            ok |= strcmp(k, names[i]) == 0;
        if (!ok) {
            snprintf(path, sizeof path, "%s%s", prefix, k);
            lua_pop(L, 1);
            return luadata_fail(d, path, "'%s' is not a known field (expected %s)", path, list);
        }
    }
    return 0;
}

/* A whole number field from lo to hi. Returns 1 with *out, 0 when absent, -1 after reporting. */
static int whole(LuaData *d, const char *key, const char *path, double lo, double hi, double *out)
{
    char name[120];
    snprintf(name, sizeof name, "'%s'", path);
    int rc = luadata_number(d, key, name, path, out);
    if (rc != 1)
        return rc;
    if (luadata_range(d, name, path, *out, lo, hi) < 0)
        return -1;
    if (*out != floor(*out))
        return luadata_fail(d, path, "'%s' must be a whole number, got %g", path, *out);
    return 1;
}

/* "2026-11-23T09:00:00+08:00": a date, a time of day and an explicit offset (Z or +hh:mm),
 * so the window means the same moment on every trainee's machine. */
static int read_time(LuaData *d, const char *key, const char *path, char **text, time_t *out)
{
    char name[120];
    snprintf(name, sizeof name, "'%s'", path);
    int rc = luadata_string(d, key, name, path, LUADATA_NONEMPTY, text);
    if (rc != 1)
        return rc;
    double secs = 0;
    int has_time = 0;
    size_t n = strlen(*text);
    const char *s = *text;
    int has_offset = n > 0 && (s[n - 1] == 'Z' || s[n - 1] == 'z' ||
                               (n >= 6 && (s[n - 6] == '+' || s[n - 6] == '-') && s[n - 3] == ':'));
    if (date_parse_iso8601(s, &secs, &has_time) < 0 || !has_time || !has_offset)
        return luadata_fail(d, path,
                            "'%s' must be a time with its offset, like "
                            "\"2026-11-23T09:00:00+08:00\"; got \"%s\"",
                            path, s);
    *out = (time_t)secs;
    return 1;
}

static void read_scenarios(LuaData *d, Exam *e)
{
    if (luadata_table(d, "scenarios", "'scenarios'", "scenarios", LUADATA_REQUIRED) != 1)
        return;
    int n = list_len(d, "scenarios");
    if (n > 0 && (e->scenarios = calloc((size_t)n, sizeof *e->scenarios)) == NULL)
        luadata_fail(d, NULL, "out of memory");
    for (int i = 1; i <= n && !d->failed && e->scenarios; i++) {
        char path[64], at[80];
        snprintf(path, sizeof path, "scenarios[%d]", i);
        lua_rawgeti(d->L, -1, i);
        if (!lua_istable(d->L, -1)) {
            luadata_fail(d, path, "'%s' must be a table {id = \"haggler\", seed = 7}, got %s", path,
                         luaL_typename(d->L, -1));
            lua_pop(d->L, 1);
            break;
        }
        ExamScenario *s = &e->scenarios[e->nscenarios];
        char prefix[80];
        snprintf(prefix, sizeof prefix, "%s.", path);
        double seed = 0;
        snprintf(at, sizeof at, "%s.id", path);
        if (known_keys(d, prefix, scenario_keys, "id, seed") == 0 &&
            luadata_string(d, "id", NULL, at, LUADATA_REQUIRED | LUADATA_NONEMPTY, &s->id) == 1) {
            snprintf(at, sizeof at, "%s.seed", path);
            if (whole(d, "seed", at, 0, 9007199254740991.0, &seed) == 0)
                luadata_fail(d, path,
                             "'%s' needs a seed (seed = 7): every trainee plays the same "
                             "conversation",
                             path);
            s->seed = (unsigned long)seed;
            e->nscenarios++;
            for (int k = 0; k + 1 < e->nscenarios && !d->failed; k++)
                if (strcmp(e->scenarios[k].id, s->id) == 0)
                    luadata_fail(d, at, "'%s' lists scenario \"%s\" twice (scenarios[%d] too)",
                                 path, s->id, k + 1);
        }
        lua_pop(d->L, 1);
    }
    lua_pop(d->L, 1);
}

static void read_roster(LuaData *d, Exam *e)
{
    if (luadata_table(d, "roster", "'roster'", "roster", LUADATA_REQUIRED) != 1)
        return;
    int n = list_len(d, "roster");
    if (n > 0 && (e->roster = calloc((size_t)n, sizeof *e->roster)) == NULL)
        luadata_fail(d, NULL, "out of memory");
    for (int i = 1; i <= n && !d->failed && e->roster; i++) {
        char path[64];
        snprintf(path, sizeof path, "roster[%d]", i);
        char *name = NULL;
        /* Read through a one-entry view so luadata's string checks (UTF-8, NUL) apply. */
        lua_rawgeti(d->L, -1, i);
        lua_createtable(d->L, 0, 1);
        lua_insert(d->L, -2);
        lua_setfield(d->L, -2, "v");
        char qname[80];
        snprintf(qname, sizeof qname, "'%s'", path);
        if (luadata_string(d, "v", qname, path, LUADATA_REQUIRED | LUADATA_NONEMPTY, &name) == 1) {
            e->roster[e->nroster++] = name;
            for (int k = 0; k + 1 < e->nroster && !d->failed; k++)
                if (strcmp(e->roster[k], name) == 0)
                    luadata_fail(d, path, "'%s' names \"%s\" twice (roster[%d] too)", path, name,
                                 k + 1);
        }
        lua_pop(d->L, 1);
    }
    lua_pop(d->L, 1);
}

static void read_window(LuaData *d, Exam *e)
{
    int rc = luadata_table(d, "window", "'window'", "window", 0);
    if (rc != 1)
        return;
    if (known_keys(d, "window.", window_keys, "from, until") == 0) {
        e->has_from = read_time(d, "from", "window.from", &e->from_text, &e->from) == 1;
        e->has_until = read_time(d, "until", "window.until", &e->until_text, &e->until) == 1;
        if (!d->failed && !e->has_from && !e->has_until)
            luadata_fail(d, "window", "'window' needs from, until or both");
        if (!d->failed && e->has_from && e->has_until && e->until <= e->from)
            luadata_fail(d, "window", "'window.until' (%s) must come after 'window.from' (%s)",
                         e->until_text, e->from_text);
    }
    lua_pop(d->L, 1);
}

Exam *exam_load(const char *path, KefuError *err)
{
    Sandbox *sb = NULL;
    LuaData d;
    int have_d = 0;
    size_t len = 0;
    char *text = NULL;
    Exam *e = calloc(1, sizeof *e);
    if (!e || !(e->path = strdup(path))) {
        kerr_set(err, "%s: out of memory", path);
        goto fail;
    }
    if (!(text = srcfile_read(path, &len, err)))
        goto fail;
    if (!(sb = sandbox_create(NULL, err)) || sandbox_run_chunk(sb, text, len, path, err) < 0)
        goto fail;
    lua_State *L = sandbox_state(sb);
    if (!lua_istable(L, -1)) {
        kerr_set(err, "%s: the file must return a table (return { id = ..., ... }), got %s", path,
                 luaL_typename(L, -1));
        goto fail;
    }
    if (luadata_check_plain(L, -1, path, err) < 0)
        goto fail;
    luadata_init(&d, L, path, text, len, err);
    have_d = 1;
    double v = 0;
    if (known_keys(&d, "", top_keys, "id, title, scenarios, roster, attempts, pass_mark, window") <
            0 ||
        luadata_string(&d, "id", "'id'", "id", LUADATA_REQUIRED | LUADATA_NONEMPTY, &e->id) < 0 ||
        luadata_string(&d, "title", "'title'", "title", LUADATA_REQUIRED | LUADATA_NONEMPTY,
                       &e->title) < 0)
        goto fail;
    read_scenarios(&d, e);
    if (!d.failed)
        read_roster(&d, e);
    if (!d.failed) {
        int rc = whole(&d, "attempts", "attempts", 1, EXAM_MAX_ATTEMPTS, &v);
        if (rc == 0)
            luadata_fail(&d, NULL,
                         "%s: 'attempts' is required (how many times each trainee may "
                         "sit each scenario, e.g. attempts = 1)",
                         path);
        e->attempts = (int)v;
    }
    if (!d.failed) {
        int rc = luadata_number(&d, "pass_mark", "'pass_mark'", "pass_mark", &e->pass_mark);
        if (rc == 0)
            luadata_fail(&d, NULL, "%s: 'pass_mark' is required (e.g. pass_mark = 80)", path);
        else if (rc == 1)
            luadata_range(&d, "'pass_mark'", "pass_mark", e->pass_mark, 0, 100);
    }
    if (!d.failed)
        read_window(&d, e);
    if (d.failed)
        goto fail;
    luadata_deinit(&d);
    sandbox_destroy(sb);
    free(text);
    return e;
fail:
    if (have_d)
        luadata_deinit(&d);
    sandbox_destroy(sb);
    free(text);
    exam_destroy(e);
    return NULL;
}

void exam_destroy(Exam *e)
{
    if (!e)
        return;
    for (int i = 0; i < e->nscenarios; i++)
        free(e->scenarios[i].id);
    free(e->scenarios);
    for (int i = 0; i < e->nroster; i++)
        free(e->roster[i]);
    free(e->roster);
    free(e->path);
    free(e->id);
    free(e->title);
    free(e->from_text);
    free(e->until_text);
    free(e);
}

const ExamScenario *exam_scenario(const Exam *e, const char *id)
{
    for (int i = 0; i < e->nscenarios; i++)
        if (strcmp(e->scenarios[i].id, id) == 0)
            return &e->scenarios[i];
    return NULL;
}

int exam_on_roster(const Exam *e, const char *name)
{
    for (int i = 0; name && i < e->nroster; i++)
        if (strcmp(e->roster[i], name) == 0)
            return 1;
    return 0;
}

/* ======================================================================================== */
/* Attempts                                                                                  */
/* ======================================================================================== */

/* The session ids already counted, so a result and the journal it came from count once. */
typedef struct Seen {
    char **ids;
    int n, cap;
} Seen;

static int seen_add(Seen *s, const char *id)
{
    for (int i = 0; i < s->n; i++)
        if (strcmp(s->ids[i], id) == 0)
            return 0;
    if (s->n == s->cap) {
        int cap = s->cap ? s->cap * 2 : 16;
        char **v = realloc(s->ids, (size_t)cap * sizeof *v);
        if (!v)
            return -1;
        s->ids = v;
        s->cap = cap;
    }
    if (!(s->ids[s->n] = strdup(id)))
        return -1;
    s->n++;
    return 1;
}

static void seen_free(Seen *s)
{
    for (int i = 0; i < s->n; i++)
        free(s->ids[i]);
    free(s->ids);
}

static const char *str_of(const cJSON *o, const char *key)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);
    return cJSON_IsString(v) ? v->valuestring : NULL;
}

/* Whether the result (or journal head) text[0..len) is an attempt at this exam's scenario by
 * trainee; its session id goes to *id (borrowed from *root, which the caller deletes). */
static int is_attempt(const Exam *e, const char *text, size_t len, const char *trainee,
                      const char *scenario_id, cJSON **root)
{
    *root = cJSON_ParseWithLength(text, len);
    const cJSON *exam = cJSON_GetObjectItemCaseSensitive(*root, RK_EXAM);
    const cJSON *scn = cJSON_GetObjectItemCaseSensitive(*root, RK_SCENARIO);
    const char *eid = str_of(exam, RK_ID), *who = str_of(*root, RK_TRAINEE);
    const char *sid = str_of(scn, RK_ID), *id = str_of(*root, RK_ID);
    return eid && who && sid && id && strcmp(eid, e->id) == 0 && strcmp(who, trainee) == 0 &&
           strcmp(sid, scenario_id) == 0;
}

static int ends_with(const char *s, const char *suffix)
{
    size_t n = strlen(s), k = strlen(suffix);
    return n >= k && strcmp(s + n - k, suffix) == 0;
}

/* Counts the attempts in one folder: whole results (*.json), or journals (only their first
 * line, the head, which names the session). A file that cannot be read counts nothing: a
 * result a trainee broke is HR's to see in the report, not a free retake (its journal, if any,
 * still counts). */
static int count_in(const Exam *e, const char *dir, int journals, const char *trainee,
                    const char *scenario_id, Seen *seen, KefuError *err)
{
    PlatDir *dp = plat_opendir(dir);
    if (!dp) {
        if (errno == ENOENT)
            return 0;
        kerr_set(err, "%s: cannot read the folder: %s", dir, strerror(errno));
        return -1;
    }
    int found = 0;
    const char *ent; /* the name */
    while ((ent = plat_readdir(dp)) != NULL) {
        const char *name = ent;
        if (name[0] == '.')
            continue;
        int want = journals ? ends_with(name, ".jsonl") || ends_with(name, ".recovering") ||
                                  ends_with(name, ".bad")
                            : ends_with(name, ".json");
        if (!want)
            continue;
        char path[4096];
        snprintf(path, sizeof path, "%s/%s", dir, name);
        size_t len = 0;
        char *text = kerr_read_file(path, &len, NULL);
        if (!text)
            continue;
        if (journals) {
            char *nl = memchr(text, '\n', len);
            if (nl)
                len = (size_t)(nl - text);
        }
        cJSON *root = NULL;
        if (is_attempt(e, text, len, trainee, scenario_id, &root)) {
            int rc = seen_add(seen, str_of(root, RK_ID));
            if (rc < 0) {
                cJSON_Delete(root);
                free(text);
                plat_closedir(dp);
                kerr_set(err, "out of memory");
                return -1;
            }
            found += rc;
        }
        cJSON_Delete(root);
        free(text);
    }
    plat_closedir(dp);
    return found;
}

int exam_attempts_used(const Exam *e, const char *dir, const char *trainee, const char *scenario_id,
                       KefuError *err)
{
    Seen seen = {0};
    char jdir[4096];
    snprintf(jdir, sizeof jdir, "%s/.journal", dir);
    int a = count_in(e, dir, 0, trainee, scenario_id, &seen, err);
    int b = a < 0 ? -1 : count_in(e, jdir, 1, trainee, scenario_id, &seen, err);
    seen_free(&seen);
    return a < 0 || b < 0 ? -1 : a + b;
}

/* ======================================================================================== */
/* Admission                                                                                 */
/* ======================================================================================== */

int exam_check_window(const Exam *e, time_t now, KefuError *err)
{
    if (e->has_from && now < e->from) {
        kerr_set(err, "the exam \"%s\" opens at %s; it cannot be started before then", e->title,
                 e->from_text);
        return -1;
    }
    if (e->has_until && now >= e->until) {
        kerr_set(err, "the exam \"%s\" closed at %s; it can no longer be started", e->title,
                 e->until_text);
        return -1;
    }
    return 0;
}

int exam_admit(const Exam *e, const char *dir, const char *trainee, const char *scenario_id,
               time_t now, KefuError *err)
{
    if (!trainee || !exam_on_roster(e, trainee)) {
        kerr_set(err, "\"%s\" is not on the roster of the exam \"%s\" (%s)", trainee ? trainee : "",
                 e->title, e->path);
        return -1;
    }
    if (!exam_scenario(e, scenario_id)) {
        kerr_set(err, "the exam \"%s\" (%s) has no scenario \"%s\"", e->title, e->path,
                 scenario_id);
        return -1;
    }
    if (exam_check_window(e, now, err) < 0)
        return -1;
    int used = exam_attempts_used(e, dir, trainee, scenario_id, err);
    if (used < 0)
        return -1;
    if (used >= e->attempts) {
        kerr_set(err,
                 "%s has used %d of %d attempt%s at \"%s\" in the exam \"%s\"; no attempt is "
                 "left",
                 trainee, used, e->attempts, e->attempts == 1 ? "" : "s", scenario_id, e->title);
        return -1;
    }
    return used + 1;
}
