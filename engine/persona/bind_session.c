/* bind_session: the `s` object scenario hooks talk to; only glue between Lua and the
 * SessionPort the session lends. */
#include "persona/bind_session.h"

#include <lauxlib.h>
#include <lua.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lua/sandbox.h"
#include "base/text.h"
#include "persona/answers.h"
#include "persona/fill.h"
#include "persona/followup.h"
#include "persona/registry_keys.h"

struct PersonaLive {
    Sandbox *sb;
    SessionPort port;
    const Scenario *sc;
    int has_idle;
    KefuError *err; /* where a binding reports a problem it cannot raise */
    int grumble;    /* the next line goes after a "you were slow" one (lines.slow) */
    int unanswered; /* s:reask() calls in a row */
    int reasked;    /* s:reask() was called in this reply's hook */
    int answered;   /* the engine answered a question of this reply from `knows` */
    int said;       /* lines said in the current hook */
    int acts;       /* state moves and endings, so the engine sees whether a hook acted */
};

#define PICKS_KEY "kefu.picks"
#define VALUES_KEY "kefu.values" /* the scenario's `values`, as s:set changes them */
#define RANDOM_SPAN 1000000000 /* s:random(m, n) draws from at most this many values */

static PersonaLive *check_session(lua_State *L)
{
    PersonaLive **ud = luaL_checkudata(L, 1, SESSION_MT);
    return *ud;
}

/* Argument arg as a string without NUL bytes: C code past the binding reads text up to the
 * first NUL, so "sale\0x" would pass as "sale" and a line would lose its tail. */
static const char *check_text(lua_State *L, int arg, size_t *len)
{
    size_t n = 0;
    const char *s = luaL_checklstring(L, arg, &n);
    luaL_argcheck(L, memchr(s, '\0', n) == NULL, arg, "text contains a NUL byte");
    if (len)
        *len = n;
    return s;
}

/* s:say(text [, delay]) */
static int l_say(lua_State *L)
{
    PersonaLive *s = check_session(L);
    size_t len = 0;
    const char *text = check_text(L, 2, &len);
    double delay = luaL_optnumber(L, 3, -1);
    luaL_argcheck(L, len > 0, 2, "the customer cannot say an empty line");
    luaL_argcheck(L, text_valid_utf8(text, len, NULL), 2, "text is not valid UTF-8");
    luaL_argcheck(L, len <= 4000, 2, "a customer line longer than 4000 bytes");
    luaL_argcheck(L, delay == -1 || (delay >= 0 && delay <= 120), 3,
                  "delay must be 0..120 seconds");
    sandbox_rawfield(L, LUA_REGISTRYINDEX, SCENARIO_KEY);
    sandbox_rawfield(L, LUA_REGISTRYINDEX, VALUES_KEY);
    fill_push(L, -2, -1, text, len);
    text = lua_tolstring(L, -1, &len);
    KefuError err;
    if (s->port.say(s->port.ctx, text, len, delay, &err) < 0)
        return luaL_error(L, "%s", err.msg);
    s->said++;
    return 0;
}

/* s:mood([delta]) -> mood */
static int l_mood(lua_State *L)
{
    PersonaLive *s = check_session(L);
    lua_Number delta = luaL_optnumber(L, 2, 0);
    luaL_argcheck(L, delta >= -100 && delta <= 100, 2, "mood change must be -100..100");
    lua_pushinteger(L, s->port.mood(s->port.ctx, (int)delta));
    return 1;
}

/* Pushes the scenario's states[state][hook] and returns 1 when it is a function; else pushes
 * nothing and returns 0 (a list of states has no hooks). */
static int push_state_hook(lua_State *L, const char *state, const char *hook)
{
    int top = lua_gettop(L);
    sandbox_rawfield(L, LUA_REGISTRYINDEX, SCENARIO_KEY);
    if (*state && sandbox_rawfield(L, -1, "states") == LUA_TTABLE &&
        sandbox_rawfield(L, -1, state) == LUA_TTABLE &&
        sandbox_rawfield(L, -1, hook) == LUA_TFUNCTION) {
        lua_replace(L, top + 1);
        lua_settop(L, top + 1);
        return 1;
    }
    lua_settop(L, top);
    return 0;
}

/* Moves to state name (the value at arg); entering it runs its on_enter(s, from). */
static void enter_state(lua_State *L, PersonaLive *s, int arg)
{
    const char *name = check_text(L, arg, NULL);
    s->acts++;
    lua_pushstring(L, s->port.state(s->port.ctx));
    int rc = s->port.set_state(s->port.ctx, name);
    if (rc < 0)
        luaL_error(L, "unknown state '%s' (list it in the scenario's states)", name);
    if (rc == 1 && push_state_hook(L, name, "on_enter")) {
        lua_pushvalue(L, 1);
        lua_pushvalue(L, -3);
        lua_call(L, 2, 0);
    }
    lua_pop(L, 1);
}

/* s:state([name]) -> state */
static int l_state(lua_State *L)
{
    PersonaLive *s = check_session(L);
    if (!lua_isnoneornil(L, 2))
        enter_state(L, s, 2);
    lua_pushstring(L, s->port.state(s->port.ctx));
    return 1;
}

/* s:visits([name]) -> times the state (default: the current one) was entered */
static int l_visits(lua_State *L)
{
    PersonaLive *s = check_session(L);
    const char *name = lua_isnoneornil(L, 2) ? s->port.state(s->port.ctx) : check_text(L, 2, NULL);
    int n = s->port.visits(s->port.ctx, name);
    if (n < 0)
        return luaL_error(L, "unknown state '%s' (list it in the scenario's states)", name);
    lua_pushinteger(L, n);
    return 1;
}

/* s:set(name, value): changes one of the scenario's `values`, what {name} in a line says. */
static int l_set(lua_State *L)
{
    check_session(L);
    const char *name = check_text(L, 2, NULL);
    luaL_argcheck(L, lua_type(L, 3) == LUA_TSTRING || lua_type(L, 3) == LUA_TNUMBER, 3,
                  "a value is a string or a number");
    sandbox_rawfield(L, LUA_REGISTRYINDEX, VALUES_KEY);
    if (sandbox_rawfield(L, -1, name) == LUA_TNIL)
        return luaL_error(L, "s:set: '%s' is not declared in the scenario's values = {...}", name);
    lua_pop(L, 1);
    lua_pushvalue(L, 3);
    lua_setfield(L, -2, name);
    return 0;
}

/* s:state_time() -> seconds since the current state was entered */
static int l_state_time(lua_State *L)
{
    PersonaLive *s = check_session(L);
    lua_pushnumber(L, s->port.now(s->port.ctx) - s->port.state_since(s->port.ctx));
    return 1;
}


/* Pushes a seeded choice from the list at index list, never the variant chosen last time
 * for the same memo key (the value at index key; nil: no memory). */
static void choose(lua_State *L, PersonaLive *s, int list, int key)
{
    lua_Integer n = (lua_Integer)lua_rawlen(L, list);
    unsigned long k = s->port.random(s->port.ctx, (unsigned long)n);
    if (!lua_isnil(L, key)) {
        sandbox_rawfield(L, LUA_REGISTRYINDEX, PICKS_KEY);
        lua_pushvalue(L, key);
        lua_gettable(L, -2);
        if (lua_isinteger(L, -1) && (unsigned long)lua_tointeger(L, -1) == k && n > 1)
            k = (k + 1 + s->port.random(s->port.ctx, (unsigned long)n - 1)) % (unsigned long)n;
        lua_pop(L, 1);
        lua_pushvalue(L, key);
        lua_pushinteger(L, (lua_Integer)k);
        lua_settable(L, -3);
        lua_pop(L, 1);
    }
    lua_rawgeti(L, list, (lua_Integer)k + 1);
}

/* s:pick{a, b, c}: a seeded choice, never the same variant twice in a row for one list
 * (lists are told apart by their first entry, since a literal is a new table each call). */
static int l_pick(lua_State *L)
{
    PersonaLive *s = check_session(L);
    luaL_checktype(L, 2, LUA_TTABLE);
    luaL_argcheck(L, (lua_Integer)lua_rawlen(L, 2) > 0, 2, "pick needs at least one variant");
    lua_settop(L, 2);
    if (lua_rawgeti(L, 2, 1) != LUA_TSTRING) {
        lua_pop(L, 1);
        lua_pushnil(L);
    }
    choose(L, s, 2, 3);
    return 1;
}

/* Pushes a variant of the scenario's lines[key] (a list, or one line); memo is how the
 * choice remembers its last variant: "line:KEY" for s:line, the list's first entry as s:pick
 * would (a line after a grumble is chosen that way, as personas chose it before the engine
 * did it for them). Returns 1 with the text pushed, 0 when there is no such line. */
static int push_line(lua_State *L, PersonaLive *s, const char *key, int as_pick)
{
    int top = lua_gettop(L);
    sandbox_rawfield(L, LUA_REGISTRYINDEX, SCENARIO_KEY);
    if (sandbox_rawfield(L, -1, "lines") != LUA_TTABLE || sandbox_rawfield(L, -1, key) == LUA_TNIL) {
        lua_settop(L, top);
        return 0;
    }
    if (lua_istable(L, -1)) {
        luaL_argcheck(L, (lua_Integer)lua_rawlen(L, -1) > 0, 2, "that line has no variants");
        if (as_pick) {
            if (lua_rawgeti(L, -1, 1) != LUA_TSTRING) {
                lua_pop(L, 1);
                lua_pushnil(L);
            }
        } else {
            lua_pushfstring(L, "line:%s", key);
        }
        choose(L, s, lua_gettop(L) - 1, lua_gettop(L));
    }
    size_t len = 0;
    const char *text = lua_tolstring(L, -1, &len);
    if (!text || len == 0 || !text_valid_utf8(text, len, NULL) || memchr(text, '\0', len))
        return luaL_error(L, "lines.%s must hold non-empty UTF-8 lines without NUL bytes", key);
    sandbox_rawfield(L, LUA_REGISTRYINDEX, VALUES_KEY);
    fill_push(L, top + 1, -1, text, len);
    lua_replace(L, top + 1);
    lua_settop(L, top + 1);
    return 1;
}

/* Whether lines[key] is one the persona says straight out, without the grumble: listed in
 * persona.no_grumble (too cross at an insult to mention the wait). */
static int no_grumble(lua_State *L, const char *key)
{
    int top = lua_gettop(L), found = 0;
    sandbox_rawfield(L, LUA_REGISTRYINDEX, SCENARIO_KEY);
    if (sandbox_rawfield(L, -1, "persona") == LUA_TTABLE &&
        sandbox_rawfield(L, -1, "no_grumble") == LUA_TTABLE)
        for (lua_Integer i = 1; !found && lua_rawgeti(L, -1, i) == LUA_TSTRING; i++) {
            found = strcmp(lua_tostring(L, -1), key) == 0;
            lua_pop(L, 1);
        }
    lua_settop(L, top);
    return found;
}

/* Says a variant of lines[key]; with grumble, after the pending "you were slow" line (one
 * message). Returns 0, or 1 when the scenario has no such line. */
static int say_line(lua_State *L, PersonaLive *s, const char *key, double delay, int grumble)
{
    int top = lua_gettop(L);
    int slow = grumble && s->grumble && !no_grumble(L, key) && push_line(L, s, "slow", 1);
    if (slow)
        s->grumble = 0;
    if (!push_line(L, s, key, slow)) {
        lua_settop(L, top);
        return 1;
    }
    if (slow)
        lua_concat(L, 2);
    size_t len = 0;
    const char *text = lua_tolstring(L, -1, &len);
    KefuError err;
    if (s->port.say(s->port.ctx, text, len, delay, &err) < 0)
        return luaL_error(L, "%s", err.msg);
    s->said++;
    lua_settop(L, top);
    return 0;
}

/* Before she leaves, a parting line: lines.parting, or the engine's own. */
static void say_parting(lua_State *L, PersonaLive *s)
{
    static const char *const lines[] = {"算了，不等了。", "那我先走了。", "没人理，我走了。"};
    if (say_line(L, s, "parting", -1, 0) == 0)
        return;
    const char *line = lines[s->port.random(s->port.ctx, 3)];
    KefuError err;
    if (s->port.say(s->port.ctx, line, strlen(line), -1, &err) < 0)
        luaL_error(L, "%s", err.msg);
    s->said++;
}

/* Ends the conversation with o; leaving without a word in this hook, she says goodbye. */
static void finish(lua_State *L, PersonaLive *s, Outcome o)
{
    if ((o == OUTCOME_LEFT || o == OUTCOME_ESCALATED) && s->said == 0)
        say_parting(L, s);
    s->acts++;
    s->port.finish(s->port.ctx, o);
}

/* s:line(key [, delay]): says a variant of lines[key] */
static int l_line(lua_State *L)
{
    PersonaLive *s = check_session(L);
    const char *key = check_text(L, 2, NULL);
    double delay = luaL_optnumber(L, 3, -1);
    luaL_argcheck(L, delay == -1 || (delay >= 0 && delay <= 120), 3,
                  "delay must be 0..120 seconds");
    if (say_line(L, s, key, delay, 1) == 1)
        return luaL_error(L, "no line '%s' in the scenario's lines table", key);
    return 0;
}

static Outcome check_outcome(lua_State *L, int arg)
{
    Outcome o = outcome_parse(check_text(L, arg, NULL));
    luaL_argcheck(L,
                  o == OUTCOME_SALE || o == OUTCOME_RESOLVED || o == OUTCOME_LEFT ||
                      o == OUTCOME_ESCALATED,
                  arg, "outcome must be one of sale, resolved, left, escalated");
    return o;
}

/* s:go(state [, key [, outcome]]): moves to state, says lines[key], and ends the conversation
 * with outcome: the three steps of every decision in one call. */
static int l_go(lua_State *L)
{
    PersonaLive *s = check_session(L);
    const char *key = lua_isnoneornil(L, 3) ? NULL : check_text(L, 3, NULL);
    Outcome o = lua_isnoneornil(L, 4) ? OUTCOME_NONE : check_outcome(L, 4);
    if (!lua_isnoneornil(L, 2))
        enter_state(L, s, 2);
    if (key && say_line(L, s, key, -1, 1) == 1)
        return luaL_error(L, "no line '%s' in the scenario's lines table", key);
    if (o != OUTCOME_NONE)
        finish(L, s, o);
    return 0;
}

/* s:reask([key [, mood]]): the reply did not answer her; she asks again (lines[key], default
 * persona.reask.line, costing mood, default persona.reask.mood; the gentle line, free, when
 * the very first reply missed) and gives up after
 * persona.reask.limit misses in a row. A reply whose hook does not call it resets the count.
 * Returns true when she gave up. */
static int l_reask(lua_State *L)
{
    PersonaLive *s = check_session(L);
    const ReaskRule *q = &s->sc->reask;
    const char *key = lua_isnoneornil(L, 2) ? q->line : check_text(L, 2, NULL);
    lua_Integer mood = luaL_optinteger(L, 3, q->mood);
    luaL_argcheck(L, mood >= -100 && mood <= 100, 3, "mood change must be -100..100");
    s->reasked = 1;
    if (s->answered) {
        /* the reply asked her something and she has just answered it: no re-ask, no miss */
        lua_pushboolean(L, 0);
        return 1;
    }
    s->unanswered++;
    if (s->unanswered >= q->limit) {
        if (q->state) {
            lua_pushstring(L, q->state);
            enter_state(L, s, lua_gettop(L));
        }
        if (say_line(L, s, q->give_up, -1, 1) == 1)
            return luaL_error(L, "no line '%s' in the scenario's lines table", q->give_up);
        finish(L, s, q->outcome);
        lua_pushboolean(L, 1);
        return 1;
    }
    if (s->port.turns(s->port.ctx) == 1 && s->unanswered == 1 &&
        say_line(L, s, q->gentle, -1, 1) == 0) {
        lua_pushboolean(L, 0);
        return 1;
    }
    s->port.mood(s->port.ctx, (int)mood);
    if (say_line(L, s, key, -1, 1) == 1)
        return luaL_error(L, "no line '%s' in the scenario's lines table", key);
    lua_pushboolean(L, 0);
    return 1;
}

/* s:finish(outcome) */
static int l_finish(lua_State *L)
{
    PersonaLive *s = check_session(L);
    finish(L, s, check_outcome(L, 2));
    return 0;
}

/* s:random([m [, n]]) like math.random, from the session's seed. */
static int l_random(lua_State *L)
{
    PersonaLive *s = check_session(L);
    int args = lua_gettop(L) - 1;
    if (args == 0) {
        lua_pushnumber(L, (lua_Number)s->port.random(s->port.ctx, 1000000) / 1000000.0);
        return 1;
    }
    lua_Integer lo = 1, hi = luaL_checkinteger(L, 2);
    if (args >= 2) {
        lo = hi;
        hi = luaL_checkinteger(L, 3);
    }
    int last = args >= 2 ? 3 : 2;
    if (lo > hi)
        return luaL_argerror(L, last,
                             lua_pushfstring(L, "interval [%I, %I] is empty", lo, hi));
    /* hi - lo in unsigned arithmetic: as signed it overflows for (mininteger, maxinteger) */
    lua_Unsigned span = (lua_Unsigned)hi - (lua_Unsigned)lo;
    if (span >= RANDOM_SPAN)
        return luaL_argerror(
            L, last,
            lua_pushfstring(L, "interval [%I, %I] is too wide (at most %d values)", lo, hi,
                            RANDOM_SPAN));
    unsigned long k = s->port.random(s->port.ctx, (unsigned long)span + 1);
    lua_pushinteger(L, lo + (lua_Integer)k); /* at most hi: no overflow */
    return 1;
}

/* s:mentions(text, w1, w2, ...): any word in the normalised text. */
static int l_mentions(lua_State *L)
{
    check_session(L);
    size_t len = 0;
    const char *text = check_text(L, 2, &len);
    const TextNormalizer *tn = text_normalizer_shared();
    int nargs = lua_gettop(L);
    for (int i = 3; i <= nargs; i++)
        check_text(L, i, NULL);
    /* Normalise into Lua-owned memory: a raise below must not leak a malloc'd buffer. */
    luaL_Buffer nb;
    char *norm_c = text_normalize_dup(tn, text, len);
    if (!norm_c)
        return luaL_error(L, "out of memory");
    luaL_buffinit(L, &nb);
    luaL_addstring(&nb, norm_c);
    free(norm_c);
    luaL_pushresult(&nb);
    const char *norm = lua_tostring(L, -1);
    for (int i = 3; i <= nargs; i++) {
        size_t wl = 0;
        const char *w = lua_tolstring(L, i, &wl);
        char *wn = text_normalize_dup(tn, w, wl);
        if (!wn)
            return luaL_error(L, "out of memory"); /* "not mentioned" would be a wrong answer */
        int found = *wn && strstr(norm, wn) != NULL;
        free(wn);
        if (found) {
            lua_pushboolean(L, 1);
            return 1;
        }
    }
    lua_pushboolean(L, 0);
    return 1;
}

static int l_index(lua_State *L)
{
    PersonaLive *s = check_session(L);
    const char *key = luaL_checkstring(L, 2);
    if (strcmp(key, "turn") == 0) {
        lua_pushinteger(L, s->port.turns(s->port.ctx));
    } else if (strcmp(key, "time") == 0) {
        lua_pushnumber(L, s->port.now(s->port.ctx));
    } else if (strcmp(key, "product") == 0) {
        sandbox_rawfield(L, LUA_REGISTRYINDEX, SCENARIO_KEY);
        sandbox_rawfield(L, -1, "product");
    } else {
        luaL_getmetatable(L, SESSION_MT);
        sandbox_rawfield(L, -1, "methods");
        if (sandbox_rawfield(L, -1, key) == LUA_TNIL)
            return luaL_error(L, "s has no field '%s' (see docs/scenario-api.md)", key);
    }
    return 1;
}

static int l_newindex(lua_State *L)
{
    return luaL_error(L, "cannot set s.%s: keep your own state in local variables",
                      luaL_checkstring(L, 2));
}

/* Everything below that pushes onto the state allocates, and Lua raises when an allocation
 * fails: outside a protected call that is a panic. So each runs as a lua_CFunction under
 * lua_pcall (register_api, keep_scenario) or sandbox_pcall (run_hook), as the sandbox opens
 * its libraries. */

static void push_session(lua_State *L, PersonaLive *p)
{
    PersonaLive **ud = lua_newuserdatauv(L, sizeof *ud, 0);
    *ud = p;
    luaL_setmetatable(L, SESSION_MT);
}

static int register_api(lua_State *L)
{
    static const luaL_Reg methods[] = {
        {"say", l_say},           {"mood", l_mood}, {"state", l_state},
        {"finish", l_finish},     {"pick", l_pick}, {"random", l_random},
        {"mentions", l_mentions}, {"line", l_line}, {"visits", l_visits},
        {"state_time", l_state_time}, {"go", l_go}, {"reask", l_reask}, {"set", l_set},
        {"follow_up", followup_l_start}, {NULL, NULL}};
    luaL_newmetatable(L, SESSION_MT);
    luaL_newlib(L, methods);
    lua_setfield(L, -2, "methods");
    lua_pushcfunction(L, l_index);
    lua_setfield(L, -2, "__index");
    lua_pushcfunction(L, l_newindex);
    lua_setfield(L, -2, "__newindex");
    lua_pushliteral(L, "locked");
    lua_setfield(L, -2, "__metatable");
    lua_pop(L, 1);
    lua_newtable(L);
    lua_setfield(L, LUA_REGISTRYINDEX, PICKS_KEY);
    return 0;
}

/* keep_scenario(t, p): keeps the table the scenario returned in the registry, and whether it
 * has an on_idle hook. */
static int keep_scenario(lua_State *L)
{
    PersonaLive *p = lua_touserdata(L, 2);
    sandbox_rawfield(L, 1, "on_idle");
    p->has_idle = lua_isfunction(L, -1);
    lua_pop(L, 1);
    if (sandbox_rawfield(L, 1, "states") == LUA_TTABLE) {
        lua_pushnil(L);
        while (lua_next(L, -2)) {
            if (lua_istable(L, -1) && sandbox_rawfield(L, -1, "on_idle") == LUA_TFUNCTION)
                p->has_idle = 1;
            lua_settop(L, 4);
        }
    }
    lua_pop(L, 1);
    lua_pushvalue(L, 1);
    lua_setfield(L, LUA_REGISTRYINDEX, SCENARIO_KEY);
    /* the session's own copy of `values`, for s:set to change */
    lua_newtable(L);
    if (sandbox_rawfield(L, 1, "values") == LUA_TTABLE) {
        lua_pushnil(L);
        while (lua_next(L, -2)) {
            lua_pushvalue(L, -2);
            lua_insert(L, -2);
            lua_rawset(L, -5);
        }
    }
    lua_pop(L, 1);
    lua_setfield(L, LUA_REGISTRYINDEX, VALUES_KEY);
    return 0;
}

/* Runs f(args on the stack top, nargs of them) with lua_pcall; host work, not the script's,
 * so the only error it can meet is running out of memory. Returns 0, or -1 with err. */
static int host_call(lua_State *L, lua_CFunction f, int nargs, KefuError *err)
{
    lua_pushcfunction(L, f);
    lua_insert(L, -nargs - 1);
    if (lua_pcall(L, nargs, 0, 0) != LUA_OK) {
        kerr_set(err, "out of memory");
        lua_pop(L, 1);
        return -1;
    }
    return 0;
}

PersonaLive *persona_live_create(const Scenario *sc, const SessionPort *port, KefuError *err)
{
    PersonaLive *p = calloc(1, sizeof *p);
    if (!p) {
        kerr_set(err, "out of memory");
        return NULL;
    }
    p->port = *port;
    p->sc = sc;
    p->sb = sandbox_create(NULL, err);
    if (!p->sb)
        goto fail;
    lua_State *L = sandbox_state(p->sb);
    if (host_call(L, register_api, 0, err) < 0)
        goto fail;
    if (sandbox_run_chunk(p->sb, sc->text, sc->text_len, sc->path, err) < 0)
        goto fail;
    if (!lua_istable(L, -1)) {
        kerr_set(err, "%s: the file must return a table", sc->path);
        goto fail;
    }
    if (scenario_put_card(p->sb, sc, err) < 0) /* a rush customer's own product */
        goto fail;
    lua_pushlightuserdata(L, p);
    if (host_call(L, keep_scenario, 2, err) < 0)
        goto fail;
    return p;
fail:
    persona_live_destroy(p);
    return NULL;
}

void persona_live_destroy(PersonaLive *p)
{
    if (!p)
        return;
    sandbox_destroy(p->sb);
    free(p);
}

/* One call of a hook: its name and what it is given besides s. */
typedef struct HookCall {
    PersonaLive *p;
    const char *name;
    const ReplyInfo *reply; /* on_reply: the reply table's contents */
    int idle;               /* on_idle: waited is its argument */
    double waited;
    int missing;            /* set when the scenario has no such hook */
} HookCall;

static void push_reply(lua_State *L, const ReplyInfo *reply)
{
    lua_createtable(L, 0, 8);
    lua_pushlstring(L, reply->text, reply->len);
    lua_setfield(L, -2, "text");
    lua_pushstring(L, reply->norm ? reply->norm : "");
    lua_setfield(L, -2, "norm");
    lua_createtable(L, 0, reply->hits ? reply->hits->n : 0);
    for (int i = 0; reply->hits && i < reply->hits->n; i++) {
        lua_pushboolean(L, 1);
        lua_setfield(L, -2, rubric_principle(reply->rubric, reply->hits->v[i].principle)->id);
    }
    lua_setfield(L, -2, "hits");
    lua_pushnumber(L, reply->wait);
    lua_setfield(L, -2, "wait");
    lua_pushinteger(L, reply->chars);
    lua_setfield(L, -2, "chars");
    lua_pushinteger(L, reply->turn);
    lua_setfield(L, -2, "turn");
}

/* Up to this many topics of `knows`, sorted by name so that the order is the same on every
 * run (Lua's table order is not). */
#define MAX_KNOWS 32

/* Whether the reply asks about knows[topic] (the table's entry on the stack top): the engine's
 * words for the topic, and the entry's own `asks` words, normalised. */
static int asks_about(lua_State *L, const char *norm, const char *topic)
{
    const char *words[16];
    int n = 0, top = lua_gettop(L);
    if (lua_istable(L, -1) && sandbox_rawfield(L, -1, "asks") == LUA_TTABLE) {
        int asks = lua_gettop(L);
        const TextNormalizer *tn = text_normalizer_shared();
        for (lua_Integer i = 1; n < 16 && lua_rawgeti(L, asks, i) == LUA_TSTRING; i++) {
            size_t len = 0;
            const char *w = lua_tolstring(L, -1, &len);
            char *wn = text_normalize_dup(tn, w, len);
            if (!wn)
                luaL_error(L, "out of memory");
            lua_pushstring(L, wn); /* kept on the stack, so a raise leaks nothing */
            free(wn);
            words[n++] = lua_tostring(L, -1); /* alive on the stack until settop below */
        }
    }
    int asked = answers_asked(norm, topic, words, n);
    lua_settop(L, top);
    return asked;
}

/* The engine's answer: when the reply asks for something in the scenario's `knows` (the
 * first such topic by name: one answer a reply), she says it (a variant of its `says`, or of `cross` when her mood is below 30) before the persona's
 * hook goes on. Runs under the hook's protected call. */
static void answer_questions(lua_State *L, PersonaLive *p, const char *norm)
{
    int top = lua_gettop(L);
    p->answered = 0;
    sandbox_rawfield(L, LUA_REGISTRYINDEX, SCENARIO_KEY);
    if (sandbox_rawfield(L, -1, "knows") != LUA_TTABLE) {
        lua_settop(L, top);
        return;
    }
    int knows = lua_gettop(L);
    const char *names[MAX_KNOWS];
    int n = 0;
    lua_pushnil(L);
    while (lua_next(L, knows)) {
        lua_pop(L, 1);
        if (lua_type(L, -1) == LUA_TSTRING && n < MAX_KNOWS) {
            const char *k = lua_tostring(L, -1);
            int at = n++;
            for (; at > 0 && strcmp(names[at - 1], k) > 0; at--)
                names[at] = names[at - 1];
            names[at] = k; /* the key strings live in the table, which stays */
        }
    }
    for (int i = 0; i < n && !p->answered; i++) {
        int base = lua_gettop(L);
        sandbox_rawfield(L, knows, names[i]);
        int entry = lua_gettop(L);
        if (!asks_about(L, norm, names[i])) {
            lua_settop(L, base);
            continue;
        }
        /* the variants: the entry itself (a list), or its says / cross lists */
        int list = entry;
        if (lua_istable(L, entry) && lua_rawlen(L, entry) == 0) {
            int cross = p->port.mood(p->port.ctx, 0) < 30 &&
                        sandbox_rawfield(L, entry, "cross") == LUA_TTABLE;
            if (!cross) {
                lua_settop(L, entry);
                sandbox_rawfield(L, entry, "says");
            }
            list = lua_gettop(L);
        }
        if (lua_isstring(L, list)) {
            lua_pushvalue(L, list);
        } else if (lua_istable(L, list) && lua_rawlen(L, list) > 0) {
            lua_pushfstring(L, "knows:%s", names[i]);
            choose(L, p, list, lua_gettop(L));
        } else {
            lua_settop(L, base);
            continue;
        }
        size_t len = 0;
        const char *text = lua_tolstring(L, -1, &len);
        sandbox_rawfield(L, LUA_REGISTRYINDEX, VALUES_KEY);
        fill_push(L, top + 1, -1, text, len);
        text = lua_tolstring(L, -1, &len);
        KefuError err;
        if (len > 0 && p->port.say(p->port.ctx, text, len, -1, &err) < 0)
            luaL_error(L, "%s", err.msg);
        p->answered++;
        p->said++;
        lua_settop(L, base);
    }
    lua_settop(L, top);
}

/* run_hook(call): looks the hook up, pushes its arguments and calls it (under sandbox_pcall,
 * so the arguments' memory and the hook's errors are caught alike). */
static int run_hook(lua_State *L)
{
    HookCall *c = lua_touserdata(L, 1);
    c->p->said = 0;
    followup_begin(L, c->reply ? c->reply->norm : NULL);
    if (c->reply)
        answer_questions(L, c->p, c->reply->norm);
    /* A state's own hook comes first; the scenario's is for states without one. */
    if (!push_state_hook(L, c->p->port.state(c->p->port.ctx), c->name)) {
        sandbox_rawfield(L, LUA_REGISTRYINDEX, SCENARIO_KEY);
        if (sandbox_rawfield(L, -1, c->name) != LUA_TFUNCTION) {
            c->missing = 1;
            return 0;
        }
    }
    push_session(L, c->p);
    int nargs = 1;
    if (c->reply) {
        push_reply(L, c->reply);
        nargs++;
    } else if (c->idle) {
        lua_pushnumber(L, c->waited);
        nargs++;
    }
    int said = c->p->said, acts = c->p->acts;
    lua_call(L, nargs, 0);
    if (c->reply) { /* asking follow-ups, the engine answers a reply the hook left alone */
        push_session(L, c->p);
        followup_reply(L, lua_gettop(L), c->p->said != said || c->p->acts != acts ||
                                             c->p->reasked);
    }
    return 0;
}

/* Calls hook c->name. Returns 0 (c->missing set when the scenario lacks it), or -1 with err
 * "file:line: message (in hook X)". */
static int call_hook(HookCall *c, KefuError *err)
{
    lua_State *L = sandbox_state(c->p->sb);
    char what[64];
    snprintf(what, sizeof what, "in hook %s", c->name);
    int top = lua_gettop(L);
    lua_pushcfunction(L, run_hook);
    lua_pushlightuserdata(L, c);
    int rc = sandbox_pcall(c->p->sb, 1, 0, what, err);
    lua_settop(L, top);
    return rc;
}

int persona_live_start(PersonaLive *p, KefuError *err)
{
    HookCall c = {p, "start", NULL, 0, 0, 0};
    if (call_hook(&c, err) < 0)
        return -1;
    if (c.missing) {
        kerr_set(err, "%s: hook 'start' is missing", p->sc->path);
        return -1;
    }
    return 0;
}

int persona_live_reply(PersonaLive *p, const ReplyInfo *reply, KefuError *err)
{
    HookCall c = {p, "on_reply", reply, 0, 0, 0};
    /* The engine's default: kept waiting long, she grumbles before her next line. */
    if (p->sc->slow_after > 0 && reply->wait > p->sc->slow_after)
        p->grumble = 1;
    p->reasked = 0;
    int rc = call_hook(&c, err);
    if (!p->reasked)
        p->unanswered = 0;
    return rc;
}

int persona_live_idle(PersonaLive *p, double waited, KefuError *err)
{
    if (!p->has_idle)
        return 1;
    HookCall c = {p, "on_idle", NULL, 1, waited, 0};
    if (call_hook(&c, err) < 0)
        return -1;
    return c.missing ? 1 : 0;
}

/* Runs say_line under the sandbox's protection (it may raise). */
static int l_default_nudge(lua_State *L)
{
    PersonaLive *s = lua_touserdata(L, 1);
    int n = (int)lua_tointeger(L, 2);
    char key[32];
    snprintf(key, sizeof key, "nudge%d", n);
    int missing = say_line(L, s, key, -1, 0) == 1 && say_line(L, s, "nudge", -1, 0) == 1;
    lua_pushboolean(L, missing);
    return 1;
}

int persona_live_nudge(PersonaLive *p, int n, KefuError *err)
{
    lua_State *L = sandbox_state(p->sb);
    lua_pushcfunction(L, l_default_nudge);
    lua_pushlightuserdata(L, p);
    lua_pushinteger(L, n);
    if (sandbox_pcall(p->sb, 2, 1, "saying a nudge line", err) < 0)
        return -1;
    int missing = lua_toboolean(L, -1);
    lua_pop(L, 1);
    return missing ? 1 : 0;
}

/* Runs say_parting under the sandbox's protection (it may raise). */
static int l_default_parting(lua_State *L)
{
    PersonaLive *s = lua_touserdata(L, 1);
    s->said = 0;
    say_parting(L, s);
    return 0;
}

int persona_live_parting(PersonaLive *p, KefuError *err)
{
    lua_State *L = sandbox_state(p->sb);
    lua_pushcfunction(L, l_default_parting);
    lua_pushlightuserdata(L, p);
    return sandbox_pcall(p->sb, 1, 0, "saying a parting line", err);
}
