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

/* Whether text parses as Lua (without running it). */
static int compiles(const char *text, size_t len)
{
    KefuError err;
    Sandbox *sb = sandbox_create(NULL, &err);
    int ok = sb && luaL_loadbufferx(sandbox_state(sb), text, len, "=lint", "t") == LUA_OK;
    sandbox_destroy(sb);
    return ok;
}

int lint_scenario(const char *path, Rubric *rubric, LintReport *out)
{
    KefuError err;
    int before = out->errors;
    out->smoke_runs = 0;
    out->tests = 0;
    out->states_declared = 0;
    out->states_reached = 0;

    /* The loader's message, word for word and line for line what kefu run, kefu list,
     * kefu test and the app's reload say about the same file. */
    Scenario *sc = scenario_load(path, rubric, &err);
    if (!sc) {
        lint_add(out, 0, "%s", err.msg);
        /* The static scan still helps when the table has a problem, not when the file does
         * not parse (the loader's message says it all). */
        size_t len = 0;
        char *text = srcfile_read(path, &len, NULL);
        if (text && text_valid_utf8(text, len, NULL) && compiles(text, len))
            lint_source(path, text, len, NULL, rubric, out);
        free(text);
        return out->errors - before;
    }
    int from = out->n; /* this file's messages start here */
    lint_source(path, sc->text, sc->text_len, sc, rubric, out);
    lint_smoke(sc, rubric, from, out);
    scenario_destroy(sc);
    return out->errors - before;
}
