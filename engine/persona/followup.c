/* followup: the follow-up questions a persona asks before she decides. The questions live in
 * the scenario's `follow_ups`; this module keeps which one she is asking in the Lua registry
 * and acts only through the `s` methods (mentions, state, line, reask, go), so a persona on
 * follow_ups says and scores what one asking them by hand would. */
#include "persona/followup.h"

#include <lauxlib.h>
#include <lua.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "judge/transcript.h"
#include "lua/sandbox.h"
#include "persona/registry_keys.h"

#define NORM_KEY "kefu.followup.norm" /* the reply the current hook handles */
#define ASKING_KEY "kefu.followup"    /* {at = n, state =, key =, outcome =} while she asks */
#define DEFAULT_STATE "details"

/* ------------------------------------------------------------------------------------------ */
/* Checking at load                                                                           */

/* The string t[key] of the table on the stack top, required and non-empty, naming a line. */
static int check_key(LuaData *d, const char *key, const char *path, int scenario)
{
    char name[96], field[80];
    char *out = NULL;
    snprintf(field, sizeof field, "%s.%s", path, key);
    snprintf(name, sizeof name, "'%s'", field);
    if (luadata_string(d, key, name, field, LUADATA_REQUIRED | LUADATA_NONEMPTY, &out) < 0)
        return -1;
    lua_State *L = d->L;
    int top = lua_gettop(L);
    int known = sandbox_rawfield(L, scenario, "lines") == LUA_TTABLE &&
                sandbox_rawfield(L, -1, out) != LUA_TNIL;
    lua_settop(L, top);
    int rc =
        known ? 0
              : luadata_fail(d, field, "%s: no line '%s' in the scenario's lines table", name, out);
    free(out);
    return rc;
}

/* follow_ups[i].words: a non-empty list of strings. */
static int check_words(LuaData *d, const char *path)
{
    char field[80], name[96], item[112];
    snprintf(field, sizeof field, "%s.words", path);
    snprintf(name, sizeof name, "'%s'", field);
    if (luadata_table(d, "words", name, field, LUADATA_REQUIRED) < 0)
        return -1;
    lua_Integer n = (lua_Integer)lua_rawlen(d->L, -1);
    int rc = 0;
    if (n == 0)
        rc = luadata_fail(d, field, "%s must list at least one word", name);
    for (lua_Integer i = 1; rc == 0 && i <= n && i <= 1000; i++) {
        char *w = NULL;
        snprintf(item, sizeof item, "%s[%lld]", field, (long long)i);
        rc = luadata_item_string(d, i, item, LUADATA_NONEMPTY, &w) < 0 ? -1 : 0;
        free(w);
    }
    lua_pop(d->L, 1);
    return rc;
}

int followup_check(LuaData *d, char *const *states, int nstates)
{
    lua_State *L = d->L;
    int scenario = lua_gettop(L);
    int rc = luadata_table(d, "follow_ups", "'follow_ups'", "follow_ups", 0);
    if (rc <= 0)
        return rc;
    static const char *const fields[] = {"state", NULL};
    char *state = NULL;
    if (luadata_known_fields(d, "follow_ups", fields, NULL, LUADATA_LIST) < 0 ||
        luadata_string(d, "state", "'follow_ups.state'", "follow_ups.state", LUADATA_NONEMPTY,
                       &state) < 0)
        goto fail;
    const char *want = state ? state : DEFAULT_STATE;
    int found = 0;
    for (int i = 0; i < nstates; i++)
        found |= strcmp(states[i], want) == 0;
    if (!found) {
        luadata_fail(d, state ? "follow_ups.state" : "follow_ups",
                     "'follow_ups': she asks them in state '%s', which is not one of the states",
                     want);
        goto fail;
    }
    lua_Integer n = (lua_Integer)lua_rawlen(L, -1);
    if (n == 0 || n > 1000) {
        luadata_fail(d, "follow_ups", "'follow_ups' must list 1 to 1000 questions, got %lld",
                     (long long)n);
        goto fail;
    }
    static const char *const item_fields[] = {"ask", "reask", "words", NULL};
    for (lua_Integer i = 1; i <= n; i++) {
        char path[48];
        snprintf(path, sizeof path, "follow_ups[%lld]", (long long)i);
        if (luadata_item_table(d, i, path) < 0)
            goto fail;
        int bad = luadata_known_keys(d, path, item_fields, NULL) < 0 ||
                  check_key(d, "ask", path, scenario) < 0 ||
                  check_key(d, "reask", path, scenario) < 0 || check_words(d, path) < 0;
        lua_pop(L, 1);
        if (bad)
            goto fail;
    }
    free(state);
    lua_settop(L, scenario);
    return 0;
fail:
    free(state);
    lua_settop(L, scenario);
    return -1;
}

/* ------------------------------------------------------------------------------------------ */
/* Asking                                                                                     */

/* Calls s:name(args...) with the nargs values on the stack top (s at s_idx) and leaves
 * nresults results. */
static void call_s(lua_State *L, int s_idx, const char *name, int nargs, int nresults)
{
    lua_getfield(L, s_idx, name);
    lua_pushvalue(L, s_idx);
    lua_rotate(L, -nargs - 2, 2);
    lua_call(L, nargs + 1, nresults);
}

/* Pushes follow_ups[at] (nil past the end). */
static int push_question(lua_State *L, lua_Integer at)
{
    int top = lua_gettop(L);
    int t = LUA_TNIL;
    if (sandbox_rawfield(L, LUA_REGISTRYINDEX, SCENARIO_KEY) == LUA_TTABLE &&
        sandbox_rawfield(L, -1, "follow_ups") == LUA_TTABLE)
        t = lua_rawgeti(L, -1, at);
    else
        lua_pushnil(L);
    lua_replace(L, top + 1);
    lua_settop(L, top + 1);
    return t;
}

/* Whether the reply (NORM_KEY) talks about question at: s:mentions(norm, words...). */
static int answers(lua_State *L, int s_idx, lua_Integer at)
{
    int top = lua_gettop(L);
    if (push_question(L, at) != LUA_TTABLE || sandbox_rawfield(L, -1, "words") != LUA_TTABLE) {
        lua_settop(L, top);
        return 0;
    }
    int words = lua_gettop(L);
    lua_Unsigned n = (lua_Unsigned)lua_rawlen(L, words);
    if (n > 1000) /* checked at load, but a hook may have changed the table since */
        luaL_error(L, "follow_ups[%I].words lists more than 1000 words", at);
    luaL_checkstack(L, (int)n + 4, "too many words");
    sandbox_rawfield(L, LUA_REGISTRYINDEX, NORM_KEY);
    for (lua_Unsigned i = 1; i <= n; i++)
        lua_rawgeti(L, words, (lua_Integer)i);
    call_s(L, s_idx, "mentions", (int)n + 1, 1);
    int yes = lua_toboolean(L, -1);
    lua_settop(L, top);
    return yes;
}

/* Says question at's line (field "ask" or "reask"); reask goes through s:reask. */
static void ask(lua_State *L, int s_idx, lua_Integer at, const char *field, const char *how)
{
    int top = lua_gettop(L);
    push_question(L, at);
    sandbox_rawfield(L, -1, field);
    call_s(L, s_idx, how, 1, 0);
    lua_settop(L, top);
}

/* From question at on, skips those the reply already answered (one reply may answer
 * several); then asks the next, or says the decision when none is left. */
static void ask_on(lua_State *L, int s_idx, int asking, lua_Integer at, int move)
{
    while (answers(L, s_idx, at))
        at++;
    lua_settop(L, asking);
    lua_pushinteger(L, at);
    lua_setfield(L, asking, "at");
    if (push_question(L, at) == LUA_TNIL) {
        lua_getfield(L, asking, "state");
        lua_getfield(L, asking, "key");
        lua_getfield(L, asking, "outcome");
        lua_pushnil(L);
        lua_setfield(L, LUA_REGISTRYINDEX, ASKING_KEY); /* done: she asks nothing more */
        call_s(L, s_idx, "go", 3, 0);
        return;
    }
    lua_pop(L, 1);
    if (move) {
        lua_getfield(L, asking, "in");
        call_s(L, s_idx, "state", 1, 0);
    }
    ask(L, s_idx, at, "ask", "line");
}

/* The state she asks in: follow_ups.state or "details". */
static void push_asking_state(lua_State *L)
{
    int top = lua_gettop(L);
    if (sandbox_rawfield(L, LUA_REGISTRYINDEX, SCENARIO_KEY) == LUA_TTABLE &&
        sandbox_rawfield(L, -1, "follow_ups") == LUA_TTABLE &&
        sandbox_rawfield(L, -1, "state") == LUA_TSTRING) {
        lua_replace(L, top + 1);
        lua_settop(L, top + 1);
        return;
    }
    lua_settop(L, top);
    lua_pushliteral(L, DEFAULT_STATE);
}

int followup_l_start(lua_State *L)
{
    luaL_checkudata(L, 1, SESSION_MT);
    luaL_checkstring(L, 2);
    luaL_checkstring(L, 3);
    if (!lua_isnoneornil(L, 4)) {
        Outcome o = outcome_parse(luaL_checkstring(L, 4));
        luaL_argcheck(L,
                      o == OUTCOME_SALE || o == OUTCOME_RESOLVED || o == OUTCOME_LEFT ||
                          o == OUTCOME_ESCALATED,
                      4, "outcome must be one of sale, resolved, left, escalated");
    }
    lua_settop(L, 4);
    if (push_question(L, 1) != LUA_TTABLE)
        return luaL_error(L, "s:follow_up: the scenario declares no follow_ups");
    lua_pop(L, 1);
    lua_createtable(L, 0, 5);
    int asking = lua_gettop(L);
    lua_pushvalue(L, 2);
    lua_setfield(L, asking, "state");
    lua_pushvalue(L, 3);
    lua_setfield(L, asking, "key");
    lua_pushvalue(L, 4);
    lua_setfield(L, asking, "outcome");
    push_asking_state(L);
    lua_setfield(L, asking, "in");
    lua_pushvalue(L, asking);
    lua_setfield(L, LUA_REGISTRYINDEX, ASKING_KEY);
    ask_on(L, 1, asking, 1, 1);
    return 0;
}

void followup_begin(lua_State *L, const char *norm)
{
    if (norm)
        lua_pushstring(L, norm);
    else
        lua_pushliteral(L, "");
    lua_setfield(L, LUA_REGISTRYINDEX, NORM_KEY);
}

void followup_reply(lua_State *L, int s_idx, int acted)
{
    int top = lua_gettop(L);
    if (acted || lua_getfield(L, LUA_REGISTRYINDEX, ASKING_KEY) != LUA_TTABLE) {
        lua_settop(L, top);
        return;
    }
    int asking = lua_gettop(L);
    lua_getfield(L, asking, "in");
    call_s(L, s_idx, "state", 0, 1);
    int in_state = lua_rawequal(L, -1, -2);
    lua_pop(L, 2);
    lua_getfield(L, asking, "at");
    lua_Integer at = lua_tointeger(L, -1);
    lua_pop(L, 1);
    if (in_state) {
        if (!answers(L, s_idx, at))
            ask(L, s_idx, at, "reask", "reask");
        else
            ask_on(L, s_idx, asking, at + 1, 0);
    }
    lua_settop(L, top);
}
