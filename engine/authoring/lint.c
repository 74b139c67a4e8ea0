/* lint: checks scenario and rubric files, every problem one "file:line: message" line. */
#include "authoring/lint.h"

#include <lauxlib.h>
#include <lua.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "authoring/lint_smoke.h"
#include "base/text.h"
#include "lua/luadata.h"
#include "lua/luasrc.h"
#include "lua/sandbox.h"
#include "lua/srcfile.h"
#include "results/exam.h"

/* ---------------------------------------------------------------- rubric files */

int lint_plain_data(const char *path, KefuError *err)
{
    return luadata_check_file(path, err);
}

/* looks_like_rubric(t): whether table t has `principles` and no `persona`. Raw reads, so the
 * file's metamethods never run here; under lua_pcall, since pushing a key allocates. */
static int looks_like_rubric(lua_State *L)
{
    int has_principles = sandbox_rawfield(L, 1, "principles") != LUA_TNIL;
    int has_persona = sandbox_rawfield(L, 1, "persona") != LUA_TNIL;
    lua_pushboolean(L, has_principles && !has_persona);
    return 1;
}

int lint_is_rubric(const char *path)
{
    const char *base = strrchr(path, '/');
    base = base ? base + 1 : path;
    if (strcmp(base, "rubric.lua") == 0)
        return 1;
    KefuError err;
    Sandbox *sb = sandbox_create(NULL, &err);
    if (!sb)
        return -1;
    int rubric = 0;
    if (sandbox_run_file(sb, path, &err) == 0) {
        lua_State *L = sandbox_state(sb);
        if (lua_istable(L, -1)) {
            lua_pushcfunction(L, looks_like_rubric);
            lua_insert(L, -2);
            if (lua_pcall(L, 1, 1, 0) != LUA_OK)
                rubric = -1;
            else
                rubric = lua_toboolean(L, -1);
        }
    }
    sandbox_destroy(sb);
    return rubric;
}

/* ---------------------------------------------------------------- exam files */

int lint_is_exam(const char *path)
{
    KefuError err;
    Sandbox *sb = sandbox_create(NULL, &err);
    int exam = 0;
    if (sb && sandbox_run_file(sb, path, &err) == 0) {
        lua_State *L = sandbox_state(sb);
        if (lua_istable(L, -1)) { /* raw reads: the file's metamethods never run here */
            int has_roster = sandbox_rawfield(L, -1, "roster") != LUA_TNIL;
            lua_pop(L, 1);
            int has_scenarios = sandbox_rawfield(L, -1, "scenarios") != LUA_TNIL;
            lua_pop(L, 1);
            int has_persona = sandbox_rawfield(L, -1, "persona") != LUA_TNIL;
            lua_pop(L, 1);
            exam = has_roster && has_scenarios && !has_persona;
        }
    }
    sandbox_destroy(sb);
    return exam;
}

int lint_exam(const char *path, const char *scenarios_dir, LintReport *out)
{
    KefuError err;
    int before = out->errors;
    Exam *e = exam_load(path, &err);
    if (!e) {
        lint_add(out, 0, "%s", err.msg);
        return out->errors - before;
    }
    size_t len = 0;
    char *text = srcfile_read(path, &len, NULL);
    for (int i = 0; i < e->nscenarios; i++) {
        char file[4096], at[64];
        snprintf(file, sizeof file, "%s/%s.lua", scenarios_dir, e->scenarios[i].id);
        if (srcfile_check(file, &err) == 1)
            continue;
        snprintf(at, sizeof at, "scenarios[%d].id", i + 1);
        int line = text ? luasrc_line(text, len, at) : 0;
        lint_add(out, 0, "%s:%d: scenario \"%s\" is not in %s (no %s)", path, line,
                 e->scenarios[i].id, scenarios_dir, file);
    }
    free(text);
    exam_destroy(e);
    return out->errors - before;
}

/* The ranges a scenario may override thresholds within (persona.c reads the same). */
static const struct {
    const char *key;
    double lo, hi;
} threshold_ranges[] = {
    {"first_response_s", 1, 600},    {"first_response_excellent_s", 0.5, 600},
    {"reply_wait_s", 1, 600},        {"typing_cpm", 1, 1000},
    {"long_reply_chars", 10, 10000},
};

int lint_rubric(const char *path, LintReport *out)
{
    KefuError err;
    int before = out->errors;
    if (lint_plain_data(path, &err) < 0) {
        lint_add(out, 0, "%s", err.msg);
        return out->errors - before;
    }
    Rubric *r = rubric_load(path, &err);
    if (!r) {
        lint_add(out, 0, "%s", err.msg);
        return out->errors - before;
    }
    /* The loader asks only for numbers above 0; a standard of 5000 seconds is a typo. */
    const Thresholds *th = rubric_thresholds(r);
    const double values[] = {th->first_response_s, th->first_response_excellent_s, th->reply_wait_s,
                             th->typing_cpm, th->long_reply_chars};
    size_t len = 0;
    char *text = srcfile_read(path, &len, NULL);
    for (size_t i = 0; i < sizeof values / sizeof values[0]; i++) {
        if (values[i] >= threshold_ranges[i].lo && values[i] <= threshold_ranges[i].hi)
            continue;
        char field_path[96];
        snprintf(field_path, sizeof field_path, "thresholds.%s", threshold_ranges[i].key);
        int line = text ? luasrc_line(text, len, field_path) : 0;
        char where[32] = "";
        if (line)
            snprintf(where, sizeof where, ":%d", line);
        lint_add(out, 0, "%s%s: thresholds.%s must be from %g to %g, got %g", path, where,
                 threshold_ranges[i].key, threshold_ranges[i].lo, threshold_ranges[i].hi,
                 values[i]);
    }
    if (th->first_response_excellent_s > th->first_response_s) {
        int line = text ? luasrc_line(text, len, "thresholds.first_response_excellent_s") : 0;
        lint_add(out, 0,
                 "%s:%d: thresholds.first_response_excellent_s (%g) must not exceed "
                 "first_response_s (%g)",
                 path, line, th->first_response_excellent_s, th->first_response_s);
    }
    free(text);
    rubric_destroy(r);
    return out->errors - before;
}

/* ---------------------------------------------------------------- scenario files */

/* Compiles text (without running it). Returns 1 when it parses; 0 with *line and Lua's words
 * after "chunk:line: " in what (size bytes) when it does not; -1 out of memory. */
static int compiles(const char *text, size_t len, int *line, char *what, size_t size)
{
    KefuError err;
    Sandbox *sb = sandbox_create(NULL, &err);
    if (!sb)
        return -1;
    lua_State *L = sandbox_state(sb);
    int ok = luaL_loadbufferx(L, text, len, "=x", "t") == LUA_OK, consumed = 0;
    const char *msg = ok ? NULL : lua_tostring(L, -1);
    *line = 0;
    what[0] = '\0';
    if (msg && sscanf(msg, "x:%d: %n", line, &consumed) == 1 && consumed > 0)
        snprintf(what, size, "%s", msg + consumed);
    sandbox_destroy(sb);
    return ok;
}

/* The line a message "path:LINE: ..." names, 0 when none. */
static int line_of(const char *msg, const char *path)
{
    size_t n = strlen(path);
    if (strncmp(msg, path, n) != 0 || msg[n] != ':')
        return 0;
    return (int)strtol(msg + n + 1, NULL, 10);
}

typedef struct Ordered {
    int line;
    int order; /* the loader's first, then in the order found */
    const LintMessage *m;
} Ordered;

static int by_line(const void *a, const void *b)
{
    const Ordered *x = a, *y = b;
    if (x->line != y->line)
        return (x->line > y->line) - (x->line < y->line);
    return (x->order > y->order) - (x->order < y->order);
}

/* Adds the loader's messages and the scan's to out, sorted by line; a scan message on a line
 * the loader already reported is the same mistake in other words and is left out. */
static void merge(const char *path, const LintReport *load, const LintReport *scan, LintReport *out)
{
    int n = load->n + scan->n, k = 0;
    Ordered *v = calloc((size_t)(n ? n : 1), sizeof *v);
    if (!v) {
        lint_add(out, 0, "%s: out of memory checking the file", path);
        return;
    }
    for (int i = 0; i < load->n; i++, k++)
        v[k] = (Ordered){line_of(load->v[i].text, path), k, &load->v[i]};
    for (int i = 0; i < scan->n; i++) {
        int line = line_of(scan->v[i].text, path), dup = 0;
        for (int j = 0; j < load->n && line > 0 && !dup; j++)
            dup = v[j].line == line;
        if (!dup) {
            v[k] = (Ordered){line, k, &scan->v[i]};
            k++;
        }
    }
    qsort(v, (size_t)k, sizeof *v, by_line);
    for (int i = 0; i < k; i++)
        lint_add(out, v[i].m->warning, "%s", v[i].m->text);
    free(v);
}

static void add_more(void *ud, const char *msg)
{
    lint_add(ud, 0, "%s", msg);
}

/* A file the loader refused: every mistake the loader saw, and the static scan of the source.
 * A missing comma stops Lua's parser, so each one found is put in (in a copy) and the parse
 * tried again: the scan then runs on the rest of the file, and each further missing comma is
 * reported too. */
static void lint_refused(const char *path, Rubric *rubric, LintReport *load, LintReport *out)
{
    LintReport scan = {0};
    size_t len = 0;
    char *text = srcfile_read(path, &len, NULL);
    char what[600];
    if (text && text_valid_utf8(text, len, NULL)) {
        for (int round = 0; round < 20; round++) {
            int line = 0, ok = compiles(text, len, &line, what, sizeof what);
            if (ok < 0)
                load->oom = 1;
            if (ok) {
                if (ok > 0)
                    lint_source(path, text, len, NULL, rubric, &scan);
                break;
            }
            LuaSrc t;
            int k = luasrc_lex(text, len, &t) < 0 ? -1 : luasrc_missing_comma(&t, line, what);
            size_t at = k >= 0 ? (size_t)(t.v[k].p + t.v[k].n - text) : 0;
            int ended = k >= 0 ? t.v[k].line : 0;
            luasrc_deinit(&t);
            char *patched = k >= 0 ? malloc(len + 2) : NULL;
            if (!patched)
                break;
            if (round > 0) /* the first is the loader's own message */
                lint_add(load, 0, "%s:%d: " LUASRC_MISSING_COMMA, path, line, ended, what);
            memcpy(patched, text, at);
            patched[at] = ',';
            memcpy(patched + at + 1, text + at, len - at + 1);
            free(text);
            text = patched;
            len++;
        }
    }
    free(text);
    merge(path, load, &scan, out);
    if (load->oom || scan.oom)
        out->oom = 1;
    lint_report_deinit(&scan);
}

int lint_scenario(const char *path, Rubric *rubric, LintReport *out)
{
    KefuError err;
    LintReport load = {0};
    int before = out->errors;
    out->smoke_runs = 0;
    out->tests = 0;
    out->states_declared = 0;
    out->states_reached = 0;

    /* The loader's message, word for word and line for line what kefu run, kefu list,
     * kefu test and the app's reload say about the same file; lint also shows the mistakes
     * after the first, which they stop at. */
    Scenario *sc = scenario_load_all(path, rubric, &err, add_more, &load);
    if (!sc) {
        LintReport all = {0};
        lint_add(&all, 0, "%s", err.msg);
        for (int i = 0; i < load.n; i++)
            lint_add(&all, 0, "%s", load.v[i].text);
        all.oom |= load.oom;
        lint_refused(path, rubric, &all, out);
        lint_report_deinit(&all);
        lint_report_deinit(&load);
        return out->errors - before;
    }
    lint_report_deinit(&load);
    int from = out->n; /* this file's messages start here */
    lint_source(path, sc->text, sc->text_len, sc, rubric, out);
    lint_smoke(sc, rubric, from, out);
    scenario_destroy(sc);
    return out->errors - before;
}
