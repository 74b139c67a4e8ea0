/* Unit tests for engine/lua/luasrc (the field locator) and engine/lua/luadata (typed reads
 * and their messages). */
#include <lauxlib.h>
#include <lua.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "lua/luadata.h"
#include "lua/luasrc.h"
#include "lua/sandbox.h"

static void luasrc_should_start_from_the_returned_table(void)
{
    const char *src = "-- title = \"in a comment\"\n"
                      "local lines = {\n"
                      "  open = {'a', 'b'},\n"
                      "}\n"
                      "local function f() return { title = 'not this' } end\n"
                      "return {\n"
                      "  lines = lines,\n"
                      "  title = 'x',\n"
                      "  scorecard = { principles = {\n"
                      "    {id = 'a', weight = 1},\n"
                      "    {id = 'b',\n"
                      "     weight = 2},\n"
                      "  } },\n"
                      "}\n";
    size_t n = strlen(src);
    CHECK_INT(luasrc_line(src, n, "title"), ==, 8);
    CHECK_INT(luasrc_line(src, n, "lines.open[2]"), ==, 3); /* through `lines = lines` */
    CHECK_INT(luasrc_line(src, n, "scorecard.principles[2].weight"), ==, 12);
    CHECK_INT(luasrc_line(src, n, "scorecard.principles[2].id"), ==, 11);
    CHECK_INT(luasrc_line(src, n, "scorecard.principles[3]"), ==, 9); /* the deepest found */
    CHECK_INT(luasrc_line(src, n, "persona.name"), ==, 0);            /* not written at all */
}

static void luasrc_should_follow_a_returned_name(void)
{
    const char *src =
        "local M = {\n  title = 't',\n  persona = {\n    name = 'n' },\n}\nreturn M\n";
    CHECK_INT(luasrc_line(src, strlen(src), "persona.name"), ==, 4);
    CHECK_INT(luasrc_line(src, strlen(src), "title"), ==, 2);
}

/* A table filled after its constructor, `return NAME` at the end: the assignment's line. */
static void luasrc_should_find_fields_assigned_after_the_constructor(void)
{
    const char *src = "local c = {version = 'h',\n"
                      "  principles = {}}\n"
                      "c.principles[1] = {id = 'p',\n"
                      "  name = 'n'}\n"
                      "c[\"model\"] = 'm'\n"
                      "return c\n";
    size_t n = strlen(src);
    CHECK_INT(luasrc_line(src, n, "principles[1]"), ==, 3);
    CHECK_INT(luasrc_line(src, n, "principles[1].name"), ==, 4);
    CHECK_INT(luasrc_line(src, n, "principles[2]"), ==, 2); /* the deepest found */
    CHECK_INT(luasrc_line(src, n, "model"), ==, 5);
}

/* A memo gives the lines a fresh walk gives, whatever order the paths come in. */
static void luasrc_should_give_the_same_lines_with_a_memo(void)
{
    const char *src = "return {\n"
                      "  a = {\n"
                      "    {x = 1,\n"
                      "     y = {'p',\n"
                      "          'q'}},\n"
                      "    {x = 2},\n"
                      "  },\n"
                      "  b = 'b',\n"
                      "}\n";
    static const char *const paths[] = {"a[1].y[2]", "a[1].y[1]", "a[1].y", "a[2].x", "a[1].x",
                                        "a[3]",      "a[1].y[2]", "b",      "a[2]",   "c",
                                        "a[1].z",    "a[1].y[2]", NULL};
    LuaSrc t;
    CHECK_INT(luasrc_lex(src, strlen(src), &t), ==, 0);
    LuaSrcMemo memo;
    memset(&memo, 0, sizeof memo);
    for (int i = 0; paths[i]; i++) {
        int fresh = luasrc_locate(&t, paths[i]);
        CHECK_INT(luasrc_locate_memo(&t, paths[i], &memo), ==, fresh);
    }
    CHECK_INT(luasrc_locate(&t, "a[1].y[2]"), ==, 5);
    CHECK_INT(luasrc_locate(&t, "a[2].x"), ==, 6);
    luasrc_deinit(&t);
}

/* Runs chunk in a sandbox and reads its table with a LuaData; returns the first message. */
static int quote_names;

static const char *read_msg(const char *chunk, int (*read)(LuaData *d))
{
    static KefuError err;
    KefuError e2;
    err.msg[0] = '\0';
    Sandbox *sb = sandbox_create(NULL, &e2);
    if (!sb || sandbox_run_chunk(sb, chunk, strlen(chunk), "t.lua", &e2) < 0) {
        sandbox_destroy(sb);
        return "(did not run)";
    }
    LuaData d;
    luadata_init(&d, sandbox_state(sb), "t.lua", chunk, strlen(chunk), &err);
    d.quote = quote_names;
    int top = lua_gettop(d.L);
    read(&d);
    CHECK_INT(lua_gettop(d.L), ==, top); /* the reads leave the stack as they found it */
    luadata_deinit(&d);
    sandbox_destroy(sb);
    return err.msg;
}

static int read_name(LuaData *d)
{
    char *s = NULL;
    int rc =
        luadata_string(d, "name", "persona.name", "name", LUADATA_REQUIRED | LUADATA_NONEMPTY, &s);
    free(s);
    return rc;
}

static int read_weight(LuaData *d)
{
    double v = 0;
    if (luadata_number(d, "weight", NULL, "weight", &v) < 0)
        return -1;
    return luadata_range(d, NULL, "weight", v, 0, 100);
}

static int read_keys(LuaData *d)
{
    static const char *const names[] = {"name", "weight", NULL};
    return luadata_known_keys(d, "entry", names, "name, weight");
}

static int read_detect(LuaData *d)
{
    static const char *const names[] = {"any", "unless", NULL};
    static const char *const kinds[] = {"technique", "violation", NULL};
    char *s = NULL;
    int b = 0;
    if (luadata_known_fields(d, "detect", names, NULL, LUADATA_LIST) < 0 ||
        luadata_boolean(d, "unless", NULL, "detect.unless", &b) < 0 ||
        luadata_string(d, "any", NULL, "detect.any", 0, &s) < 0)
        return -1;
    int k = s ? luadata_choice(d, NULL, "detect.any", s, kinds) : 0;
    free(s);
    if (k < 0)
        return -1;
    if (luadata_item_string(d, 1, "detect[1]", 0, &s) < 0)
        return -1;
    free(s);
    return 0;
}

static int read_flags(LuaData *d)
{
    if (luadata_table(d, "detect", NULL, "detect", LUADATA_REQUIRED) < 0)
        return -1;
    int rc = read_detect(d);
    lua_pop(d->L, 1);
    return rc;
}

static int read_top(LuaData *d)
{
    static const char *const names[] = {"name", NULL};
    return luadata_known_keys(d, NULL, names, NULL);
}

static void luadata_should_read_lists_flags_and_choices(void)
{
    CHECK_STR(read_msg("return {detect = {'r', any = 'technique', unless = true}}", read_flags),
              "");
    CHECK_STR(read_msg("return {detect = {'r',\n unless = 1}}", read_flags),
              "t.lua:2: detect.unless must be true or false, got number");
    CHECK_STR(read_msg("return {detect = {'r',\n any = 'techniq'}}", read_flags),
              "t.lua:2: detect.any must be one of technique, violation; got \"techniq\"");
    CHECK_STR(read_msg("return {detect = {\n{}, any = 'technique'}}", read_flags),
              "t.lua:2: detect[1] must be a string, got table");
    CHECK_STR(read_msg("return {detect = {'r',\n al = 1}}", read_flags),
              "t.lua:2: detect.al is not a known field (expected any, unless)");
    CHECK_STR(read_msg("return {\n nmae = 'x'}", read_top),
              "t.lua:2: nmae is not a known field (expected name)");
    CHECK_STR(read_msg("return {'x'}", read_top),
              "t.lua: the returned table has an unexpected list entry (expected fields name)");
    quote_names = 1; /* as scenarios and the rubric catalog name their fields */
    CHECK_STR(read_msg("return {detect = {'r',\n unless = 1}}", read_flags),
              "t.lua:2: 'detect.unless' must be true or false, got number");
    CHECK_STR(read_msg("return {\n nmae = 'x'}", read_top),
              "t.lua:2: 'nmae' is not a known field (expected name)");
    quote_names = 0;
}

static void luadata_should_name_the_field_and_its_line(void)
{
    CHECK_STR(read_msg("return {\n name = 'ok' }", read_name), "");
    CHECK_STR(read_msg("return {\n}", read_name), "t.lua: persona.name is required (a string)");
    CHECK_STR(read_msg("return {\n name = 3 }", read_name),
              "t.lua:2: persona.name must be a string, got number");
    CHECK_STR(read_msg("return {\n\n name = '' }", read_name),
              "t.lua:3: persona.name must not be empty");
    CHECK_STR(read_msg("return {\n name = 'ok\\xff' }", read_name),
              "t.lua:2: persona.name is not valid UTF-8 (byte 3)");
    CHECK_STR(read_msg("return { weight = 50 }", read_weight), "");
    CHECK_STR(read_msg("return {\n weight = 500 }", read_weight),
              "t.lua:2: weight must be from 0 to 100, got 500");
    CHECK_CONTAINS(read_msg("return { weight = 0/0 }", read_weight),
                   "t.lua:1: weight must be from 0 to 100, got "); /* NaN is out too */
    CHECK_STR(read_msg("return {\n weight = 'x' }", read_weight),
              "t.lua:2: weight must be a number, got string");
    CHECK_STR(read_msg("return { name = 'a',\n wieght = 1 }", read_keys),
              "t.lua: entry.wieght is not a known field (expected name, weight)");
}

static void collect(void *ud, const char *msg)
{
    char *all = ud;
    strncat(all, msg, 1000 - strlen(all) - 2);
    strcat(all, "\n");
}

/* With `more` set, the mistakes after the first are passed on, except one on a line already
 * reported (a consequence of it). */
static void luadata_should_pass_on_later_mistakes(void)
{
    KefuError err = {{0}};
    char more[1000] = "";
    const char *src = "return {\n a = 1,\n b = 'x', c = 'y',\n d = 'z',\n}";
    Sandbox *sb = sandbox_create(NULL, &err);
    CHECK_INT(sandbox_run_chunk(sb, src, strlen(src), "t.lua", &err), ==, 0);
    LuaData d;
    luadata_init(&d, sandbox_state(sb), "t.lua", src, strlen(src), &err);
    d.more = collect;
    d.more_ud = more;
    const char *keys[] = {"a", "b", "c", "d"};
    for (int i = 0; i < 4; i++) {
        char *out = NULL;
        if (luadata_string(&d, keys[i], NULL, keys[i], 0, &out) == 1)
            free(out);
    }
    double v = 0;
    for (int i = 0; i < 4; i++)
        luadata_number(&d, keys[i], NULL, keys[i], &v);
    CHECK_STR(err.msg, "t.lua:2: a must be a string, got number");
    CHECK_STR(more, "t.lua:3: b must be a number, got string\n"
                    "t.lua:4: d must be a number, got string\n");
    luadata_deinit(&d);
    sandbox_destroy(sb);
}

static void luasrc_should_find_a_missing_comma_and_tables(void)
{
    const char *src = "local L = {a = {'x'}}\nreturn {\n  lines = L,\n  t = 1\n  k = 2 }";
    LuaSrc t;
    CHECK_INT(luasrc_lex(src, strlen(src), &t), ==, 0);
    int k = luasrc_missing_comma(&t, 5, "'}' expected (to close '{' at line 2) near 'k'");
    CHECK(k >= 0 && luasrc_is(&t, k, LUATOK_NUMBER, "1"));
    CHECK_INT(luasrc_missing_comma(&t, 5, "unexpected symbol near 'k'"), ==, -1);
    int open = luasrc_table(&t, "lines");
    CHECK(open >= 0 && luasrc_op(&t, open, "{") && t.v[open].line == 1);
    CHECK_INT(luasrc_table(&t, "t"), ==, -1);
    luasrc_deinit(&t);
}

static void luadata_should_refuse_metatables(void)
{
    KefuError err = {{0}};
    Sandbox *sb = sandbox_create(NULL, &err);
    const char *chunk = "return { a = { b = setmetatable({}, {}) } }";
    CHECK_INT(sandbox_run_chunk(sb, chunk, strlen(chunk), "m.lua", &err), ==, 0);
    CHECK_INT(luadata_check_plain(sandbox_state(sb), -1, "m.lua", &err), ==, -1);
    CHECK_CONTAINS(err.msg, "m.lua: the returned table (or a table inside it) has a metatable");
    sandbox_destroy(sb);
    CHECK_INT(luadata_check_file("tests/data/lint/good.lua", &err), ==, 0);
    CHECK_INT(luadata_check_file("tests/data/lint/metatable.lua", &err), ==, -1);
}

int main(void)
{
    RUN(luasrc_should_start_from_the_returned_table);
    RUN(luasrc_should_follow_a_returned_name);
    RUN(luasrc_should_find_fields_assigned_after_the_constructor);
    RUN(luasrc_should_give_the_same_lines_with_a_memo);
    RUN(luadata_should_read_lists_flags_and_choices);
    RUN(luadata_should_name_the_field_and_its_line);
    RUN(luadata_should_refuse_metatables);
    RUN(luadata_should_pass_on_later_mistakes);
    RUN(luasrc_should_find_a_missing_comma_and_tables);
    CHECK_DONE();
}
