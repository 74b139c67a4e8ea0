/* persona: loads a scenario file in the sandbox and reads its static table, checking every
 * field so a trainer's mistake is reported with the file and line, never met mid-session. */
#include "persona/persona.h"

#include <lauxlib.h>
#include <lua.h>
#include <math.h>
#include <nettle/sha2.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/text.h"
#include "lua/luadata.h"
#include "lua/sandbox.h"
#include "lua/srcfile.h"
#include "lua/suggest.h"
#include "persona/fill.h"
#include "persona/followup.h"

/* ---------------------------------------------------------------- reading fields */

/* Fields are read with lua/luadata, so a mistake has the same words and the same line in
 * every command (run, list, lint, test, the app's reload). A field is named in messages by
 * its path in quotes ('persona.patience'); path is also where the locator finds its line. */
typedef struct Reader {
    LuaData d;
} Reader;

static void fail(Reader *r, const char *path, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 3, 4)))
#endif
    ;

static void fail(Reader *r, const char *path, const char *fmt, ...)
{
    char msg[700];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    luadata_fail(&r->d, path, "%s", msg);
}

/* path.key, or path itself when it already ends with key ("persona.name", "name"). */
static const char *field_path(const char *path, const char *key, char *buf, size_t size)
{
    size_t n = strlen(path), k = strlen(key);
    if (n >= k && strcmp(path + n - k, key) == 0 && (n == k || path[n - k - 1] == '.'))
        return path;
    snprintf(buf, size, "%s.%s", path, key);
    return buf;
}

/* The most entries a list in a scenario may have (principles, facts, states, variants,
 * tests): a list's length is read before anything is allocated for it, and a table whose
 * border is 2^61 is a mistake to report, not a size to allocate. */
#define MAX_LIST 1000

/* The length of the list on the stack top, named path in messages, or -1 after reporting
 * one longer than MAX_LIST. */
static lua_Integer list_len(Reader *r, const char *path)
{
    lua_Unsigned n = (lua_Unsigned)lua_rawlen(r->d.L, -1);
    if (n <= MAX_LIST)
        return (lua_Integer)n;
    fail(r, path, "'%s' lists %llu entries; at most %d", path, (unsigned long long)n, MAX_LIST);
    return -1;
}

/* Whether the string at stack index idx holds a NUL byte (it would cut the text short
 * where C reads it); reports it at path. */
static int nul_at(Reader *r, int idx, const char *path)
{
    size_t len = 0;
    const char *v = lua_tolstring(r->d.L, idx, &len);
    if (!v || !memchr(v, '\0', len))
        return 0;
    fail(r, path, "'%s' contains a NUL byte (\\0)", path);
    return 1;
}

static int has_nul(Reader *r, const char *path)
{
    return nul_at(r, -1, path);
}

/* Reads t[key] (t at the stack top) as a string; NULL if absent and optional. */
static char *get_string(Reader *r, const char *path, const char *key, int required)
{
    char name[200], at[200];
    char *out = NULL;
    const char *field = field_path(path, key, at, sizeof at); /* named as the field it is */
    snprintf(name, sizeof name, "'%s'", field);
    luadata_string(&r->d, key, name, field, required ? LUADATA_REQUIRED | LUADATA_NONEMPTY : 0,
                   &out);
    return out;
}

/* t[key] as a number from lo to hi, named path in messages and found at where; dflt when
 * absent (or wrong). */
static double number_at(Reader *r, const char *path, const char *where, const char *key,
                        double dflt, double lo, double hi)
{
    char name[200];
    double v = dflt;
    snprintf(name, sizeof name, "'%s'", path);
    if (luadata_number(&r->d, key, name, where, &v) == 1)
        luadata_range(&r->d, name, where, v, lo, hi); /* NaN is out too */
    return v;
}

static double get_number(Reader *r, const char *path, const char *key, double dflt, double lo,
                         double hi)
{
    char at[200];
    const char *field = field_path(path, key, at, sizeof at); /* named as the field it is */
    return number_at(r, field, field, key, dflt, lo, hi);
}

/* Pushes t[key] if it is a table and returns 1; pushes nothing and returns 0 when absent
 * (an error when required or of another type). */
static int push_table(Reader *r, const char *path, const char *key, int required)
{
    char name[200];
    snprintf(name, sizeof name, "'%s'", path);
    return luadata_table(&r->d, key, name, path, required ? LUADATA_REQUIRED : 0) == 1;
}

/* Joins a list of strings t[key] with "、" (a plain string is taken as it is). */
static char *get_joined(Reader *r, const char *path, const char *key)
{
    int type = sandbox_rawfield(r->d.L, -1, key);
    char *out = NULL;
    if (type == LUA_TSTRING) {
        if (!has_nul(r, path) && !(out = strdup(lua_tostring(r->d.L, -1))))
            fail(r, path, "'%s' could not be read: out of memory", path);
    } else if (type == LUA_TTABLE) {
        lua_Integer n = list_len(r, path);
        size_t total = 1;
        for (lua_Integer i = 1; i <= n && !r->d.failed; i++) {
            char at[200];
            snprintf(at, sizeof at, "%s[%lld]", path, (long long)i);
            if (lua_rawgeti(r->d.L, -1, i) != LUA_TSTRING) {
                fail(r, at, "'%s' must be a string", at);
            } else if (!has_nul(r, at)) {
                total += lua_rawlen(r->d.L, -1) + 3;
            }
            lua_pop(r->d.L, 1);
        }
        out = r->d.failed || n < 0 ? NULL : calloc(1, total);
        if (!out && !r->d.failed)
            fail(r, path, "'%s' could not be read: out of memory", path);
        for (lua_Integer i = 1; out && i <= n; i++) {
            lua_rawgeti(r->d.L, -1, i);
            if (i > 1)
                strcat(out, "、");
            strcat(out, lua_tostring(r->d.L, -1));
            lua_pop(r->d.L, 1);
        }
    } else if (type != LUA_TNIL) {
        fail(r, path, "'%s' must be a list of strings, got %s", path, lua_typename(r->d.L, type));
    }
    lua_pop(r->d.L, 1);
    if (out && !text_valid_utf8(out, strlen(out), NULL)) {
        fail(r, path, "'%s' is not valid UTF-8", path);
        free(out);
        out = NULL;
    }
    return out;
}

/* ---------------------------------------------------------------- the sections */

static void nudge_fail(Reader *r, lua_Integer i)
{
    char at[64];
    snprintf(at, sizeof at, "persona.nudges[%lld]", (long long)i);
    fail(r, at, "'%s' must be a number of seconds, rising, at most 3600", at);
}

#define DEFAULT_PATIENCE 58

/* persona.wait_mood = {[20] = -6, [30] = -12}: a reply after more than 20 s costs 6, after
 * more than 30 s 12 (the default); false: waiting costs nothing. */
static void read_wait_mood(Reader *r, Scenario *sc)
{
    lua_State *L = r->d.L;
    int type = sandbox_rawfield(L, -1, "wait_mood");
    if (type == LUA_TNIL) {
        sc->wait_mood_at[0] = 20, sc->wait_mood[0] = -6;
        sc->wait_mood_at[1] = 30, sc->wait_mood[1] = -12;
        sc->nwait_mood = 2;
    } else if (type == LUA_TTABLE) {
        lua_pushnil(L);
        while (!r->d.failed && lua_next(L, -2)) {
            if (!lua_isnumber(L, -2) || !lua_isinteger(L, -1) || sc->nwait_mood == 4 ||
                lua_tonumber(L, -2) < 0 || lua_tointeger(L, -1) < -100 ||
                lua_tointeger(L, -1) > 100) {
                fail(r, "persona.wait_mood",
                     "'persona.wait_mood' maps seconds to a mood change: {[20] = -6, [30] = -12} "
                     "(at most 4 entries, changes -100..100)");
                lua_pop(L, 1);
                break;
            }
            /* kept sorted by seconds: the longest wait passed decides */
            int k = sc->nwait_mood++;
            double at = lua_tonumber(L, -2);
            for (; k > 0 && sc->wait_mood_at[k - 1] > at; k--) {
                sc->wait_mood_at[k] = sc->wait_mood_at[k - 1];
                sc->wait_mood[k] = sc->wait_mood[k - 1];
            }
            sc->wait_mood_at[k] = at;
            sc->wait_mood[k] = (int)lua_tointeger(L, -1);
            lua_pop(L, 1);
        }
    } else if (type != LUA_TBOOLEAN || lua_toboolean(L, -1)) {
        fail(r, "persona.wait_mood", "'persona.wait_mood' must be a table or false, got %s",
             luaL_typename(L, -1));
    }
    lua_pop(L, 1);
}

/* persona.reask = {limit, mood, line, gentle, give_up, state, outcome}: how s:reask() asks
 * again and gives up; every field optional. */
static void read_reask(Reader *r, Scenario *sc)
{
    ReaskRule *q = &sc->reask;
    q->limit = 3;
    q->mood = -5;
    q->outcome = OUTCOME_LEFT;
    if (push_table(r, "persona.reask", "reask", 0)) {
        q->limit = (int)get_number(r, "persona.reask.limit", "limit", 3, 1, 100);
        q->mood = (int)get_number(r, "persona.reask.mood", "mood", -5, -100, 100);
        q->line = get_string(r, "persona.reask.line", "line", 0);
        q->gentle = get_string(r, "persona.reask.gentle", "gentle", 0);
        q->give_up = get_string(r, "persona.reask.give_up", "give_up", 0);
        if (sandbox_rawfield(r->d.L, -1, "state") == LUA_TBOOLEAN && !lua_toboolean(r->d.L, -1))
            q->stay = 1;
        lua_pop(r->d.L, 1);
        if (!q->stay)
            q->state = get_string(r, "persona.reask.state", "state", 0);
        char *o = get_string(r, "persona.reask.outcome", "outcome", 0);
        if (o) {
            q->outcome = outcome_parse(o);
            if (q->outcome != OUTCOME_LEFT && q->outcome != OUTCOME_ESCALATED)
                fail(r, "persona.reask.outcome",
                     "'persona.reask.outcome' must be \"left\" or \"escalated\", got \"%s\"", o);
            free(o);
        }
        lua_pop(r->d.L, 1);
    }
    if ((!q->line && !(q->line = strdup("reask"))) ||
        (!q->gentle && !(q->gentle = strdup("reask_gentle"))) ||
        (!q->give_up && !(q->give_up = strdup("gives_up"))))
        fail(r, "persona.reask", "'persona.reask' could not be read: out of memory");
}

static void read_persona(Reader *r, Scenario *sc)
{
    if (!push_table(r, "persona", "persona", 1))
        return;
    sc->persona_name = get_string(r, "persona.name", "name", 1);
    sc->persona_avatar = get_string(r, "persona.avatar", "avatar", 0);
    sc->persona_desc = get_string(r, "persona.description", "description", 0);
    sc->patience = get_number(r, "persona.patience", "patience", DEFAULT_PATIENCE, 5, 3600);
    sc->mood = (int)get_number(r, "persona.mood", "mood", 50, 0, 100);
    sc->slow_after = get_number(r, "persona.slow_after", "slow_after", 30, 0, 3600);
    sc->mood_step = (int)get_number(r, "persona.mood_step", "mood_step", 15, 0, 100);
    read_wait_mood(r, sc);
    read_reask(r, sc);
    free(get_joined(r, "persona.no_grumble", "no_grumble")); /* checked: a list of line keys */
    static const double nudges[] = {20, 35, 48};
    for (size_t i = 0; i < sizeof nudges / sizeof nudges[0]; i++)
        sc->nudge_at[sc->nnudges++] = nudges[i];
    if (push_table(r, "persona.nudges", "nudges", 0)) {
        sc->nnudges = 0;
        lua_Integer n = (lua_Integer)lua_rawlen(r->d.L, -1);
        if (n > 8)
            fail(r, "persona.nudges", "'persona.nudges' lists %lld times; at most 8", (long long)n);
        for (lua_Integer i = 1; i <= n && i <= 8 && !r->d.failed; i++) {
            double prev = i > 1 ? sc->nudge_at[i - 2] : 0;
            if (lua_rawgeti(r->d.L, -1, i) != LUA_TNUMBER || lua_tonumber(r->d.L, -1) <= prev ||
                lua_tonumber(r->d.L, -1) > 3600)
                nudge_fail(r, i);
            else
                sc->nudge_at[sc->nnudges++] = lua_tonumber(r->d.L, -1);
            lua_pop(r->d.L, 1);
        }
        lua_pop(r->d.L, 1);
    }
    lua_pop(r->d.L, 1);
}

/* lines = { key = {"variant", ...} | "line", ... }: every line non-empty valid UTF-8. */
/* A line's placeholders each need a value (values, knows, product): checked once here, not
 * met as an error in the middle of a conversation. */
static void check_placeholders(Reader *r, int scenario, int idx, const char *at)
{
    char name[80];
    size_t len = 0;
    const char *v = lua_tolstring(r->d.L, idx, &len);
    if (v && !fill_check(r->d.L, scenario, v, len, name, sizeof name))
        fail(r, at,
             "'%s': placeholder {%s} has no value (give it in values = {...}, knows, or the "
             "product)",
             at, name);
}

/* values = {size = "42", ...}: what {size} in a line says until s:set changes it. */
static void read_values(Reader *r)
{
    if (!push_table(r, "values", "values", 0))
        return;
    lua_pushnil(r->d.L);
    while (!r->d.failed && lua_next(r->d.L, -2)) {
        int t = lua_type(r->d.L, -1);
        if (lua_type(r->d.L, -2) != LUA_TSTRING || (t != LUA_TSTRING && t != LUA_TNUMBER))
            fail(r, "values", "'values' maps names to strings or numbers (values = {size = "
                              "\"42\"})");
        lua_pop(r->d.L, 1);
    }
    if (r->d.failed)
        lua_pop(r->d.L, 1);
    lua_pop(r->d.L, 1);
}

/* knows = {order = {"订单号 123"}, colour = {says = {...}, cross = {...}, asks = {...}}}:
 * what the customer answers when asked; every line a non-empty UTF-8 string. */
static void read_knows(Reader *r)
{
    lua_State *L = r->d.L;
    if (!push_table(r, "knows", "knows", 0))
        return;
    lua_pushnil(L);
    while (!r->d.failed && lua_next(L, -2)) {
        char at[160];
        const char *key = lua_type(L, -2) == LUA_TSTRING ? lua_tostring(L, -2) : "?";
        snprintf(at, sizeof at, "knows.%s", key);
        int ok = lua_type(L, -2) == LUA_TSTRING && lua_istable(L, -1);
        if (ok && lua_rawlen(L, -1) == 0) {
            int lists = 0;
            static const char *const parts[] = {"says", "cross", "asks"};
            for (int i = 0; i < 3 && ok; i++) {
                int t = sandbox_rawfield(L, -1, parts[i]);
                ok = t == LUA_TNIL || (t == LUA_TTABLE && lua_rawlen(L, -1) > 0);
                lists += t == LUA_TTABLE && i < 2;
                lua_pop(L, 1);
            }
            ok = ok && lists > 0;
        }
        if (!ok)
            fail(r, at, "'%s' must be a list of lines, or {says = {...}, cross = {...}, "
                        "asks = {...}}",
                 at);
        lua_pop(L, 1);
    }
    if (r->d.failed)
        lua_pop(L, 1);
    lua_pop(L, 1);
}

static void read_lines(Reader *r)
{
    int scenario = lua_gettop(r->d.L);
    if (!push_table(r, "lines", "lines", 0))
        return;
    lua_pushnil(r->d.L);
    while (lua_next(r->d.L, -2)) { /* every entry, even after a mistake (lint shows all) */
        const char *key = lua_type(r->d.L, -2) == LUA_TSTRING ? lua_tostring(r->d.L, -2) : NULL;
        char path[160];
        snprintf(path, sizeof path, "lines.%s", key ? key : "?");
        if (!key) {
            fail(r, "lines", "'lines' keys must be names (lines.open = {...})");
        } else if (lua_type(r->d.L, -1) == LUA_TSTRING) {
            size_t len = 0;
            const char *v = lua_tolstring(r->d.L, -1, &len);
            if (len == 0 || !text_valid_utf8(v, len, NULL))
                fail(r, path, "'%s' must be a non-empty UTF-8 line", path);
            else if (!has_nul(r, path))
                check_placeholders(r, scenario, -1, path);
        } else if (lua_type(r->d.L, -1) == LUA_TTABLE) {
            lua_Integer n = list_len(r, path);
            if (n == 0)
                fail(r, path, "'%s' has no variants", path);
            for (lua_Integer i = 1; i <= n; i++) {
                size_t len = 0;
                const char *v = lua_rawgeti(r->d.L, -1, i) == LUA_TSTRING
                                    ? lua_tolstring(r->d.L, -1, &len)
                                    : NULL;
                char at[200];
                snprintf(at, sizeof at, "%s[%lld]", path, (long long)i);
                if (!v || len == 0)
                    fail(r, at, "'%s' must be a non-empty string", at);
                else if (!text_valid_utf8(v, len, NULL))
                    fail(r, at, "'%s' is not valid UTF-8", at);
                else if (!has_nul(r, at))
                    check_placeholders(r, scenario, -1, at);
                lua_pop(r->d.L, 1);
            }
        } else {
            fail(r, path, "'%s' must be a line or a list of variant lines, got %s", path,
                 luaL_typename(r->d.L, -1));
        }
        lua_pop(r->d.L, 1);
    }
    lua_pop(r->d.L, 1);
}

/* The card on the stack top, named path ("product", "customers[2].product"). */
static void read_card(Reader *r, Product *p, const char *path)
{
    char f[7][160];
    static const char *const keys[] = {"name",  "price", "stock", "colours",
                                       "sizes", "ship",  "facts"};
    for (int i = 0; i < 7; i++)
        snprintf(f[i], sizeof f[i], "%.120s.%s", path, keys[i]);
    p->stock = -1;
    p->name = get_string(r, f[0], "name", 1);
    p->price = get_number(r, f[1], "price", 0, 0, 1e9);
    p->stock = (int)get_number(r, f[2], "stock", -1, -1, 1e9);
    p->colours = get_joined(r, f[3], "colours");
    p->sizes = get_joined(r, f[4], "sizes");
    p->ship = get_string(r, f[5], "ship", 0);
    if (push_table(r, f[6], "facts", 0)) {
        lua_Integer n = list_len(r, f[6]);
        p->facts = n < 0 ? NULL : calloc((size_t)(n > 0 ? n : 1), sizeof *p->facts);
        if (!p->facts && !r->d.failed)
            fail(r, f[6], "'%s' could not be read: out of memory", f[6]);
        for (lua_Integer i = 1; p->facts && i <= n && !r->d.failed; i++) {
            int top = lua_gettop(r->d.L);
            char at[200];
            snprintf(at, sizeof at, "%s[%lld]", f[6], (long long)i);
            if (lua_rawgeti(r->d.L, -1, i) != LUA_TTABLE ||
                lua_rawgeti(r->d.L, -1, 1) != LUA_TSTRING ||
                lua_rawgeti(r->d.L, -2, 2) != LUA_TSTRING) {
                fail(r, at, "'%s' must be a pair {\"标签\", \"内容\"}", at);
            } else if (!nul_at(r, -2, at) && !nul_at(r, -1, at)) {
                char *label = strdup(lua_tostring(r->d.L, -2));
                char *value = strdup(lua_tostring(r->d.L, -1));
                if (!label || !value) {
                    free(label);
                    free(value);
                    fail(r, at, "'%s' could not be read: out of memory", at);
                } else {
                    p->facts[p->nfacts].label = label;
                    p->facts[p->nfacts].value = value;
                    p->nfacts++;
                }
            }
            lua_settop(r->d.L, top);
        }
        lua_pop(r->d.L, 1);
    }
}

static void read_product(Reader *r, Scenario *sc)
{
    sc->product.stock = -1;
    if (!push_table(r, "product", "product", 1))
        return;
    read_card(r, &sc->product, "product");
    lua_pop(r->d.L, 1);
}

int product_read(LuaData *d, const char *path, Product *out)
{
    Reader r = {*d}; /* the reading goes on in d: copied in and back */
    memset(out, 0, sizeof *out);
    read_card(&r, out, path);
    *d = r.d;
    return d->failed ? -1 : 0;
}

/* A scenario's override of a rubric threshold, called 'thresholds.KEY' in messages. */
static double threshold(Reader *r, const char *key, double dflt, double lo, double hi)
{
    char path[96], where[96];
    snprintf(path, sizeof path, "thresholds.%s", key);
    snprintf(where, sizeof where, "scorecard.thresholds.%s", key);
    return number_at(r, path, where, key, dflt, lo, hi);
}

static void read_thresholds(Reader *r, Thresholds *t)
{
    if (!push_table(r, "scorecard.thresholds", "thresholds", 0))
        return;
    t->first_response_s = threshold(r, "first_response_s", t->first_response_s, 1, 600);
    t->first_response_excellent_s =
        threshold(r, "first_response_excellent_s", t->first_response_excellent_s, 0.5, 600);
    t->reply_wait_s = threshold(r, "reply_wait_s", t->reply_wait_s, 1, 600);
    t->typing_cpm = threshold(r, "typing_cpm", t->typing_cpm, 1, 1000);
    t->long_reply_chars = threshold(r, "long_reply_chars", t->long_reply_chars, 10, 10000);
    lua_pop(r->d.L, 1);
}

/* The rubric's default weights (the timing principles) for each principle the scenario does
 * not list itself, after the ones it lists. */
static void add_default_weights(Reader *r, ScoreSpec *spec, const Rubric *rubric)
{
    double w = 0;
    const char *id;
    for (int i = 0; !r->d.failed && spec->n > 0 && (id = rubric_default_weight(rubric, i, &w));
         i++) {
        int listed = 0;
        for (int k = 0; k < spec->n; k++)
            listed |= strcmp(spec->items[k].id, id) == 0;
        if (listed)
            continue;
        ScoreItem *items = realloc(spec->items, (size_t)(spec->n + 1) * sizeof *items);
        char *copy = strdup(id);
        if (items)
            spec->items = items;
        if (!items || !copy) {
            free(copy);
            fail(r, "scorecard.principles", "'scorecard.principles' could not be read: out of "
                                            "memory");
            return;
        }
        spec->items[spec->n++] = (ScoreItem){copy, w, 0};
    }
}

static void read_scorecard(Reader *r, Scenario *sc, const Rubric *rubric)
{
    ScoreSpec *spec = &sc->spec;
    spec->pass_mark = 80;
    spec->thresholds = *rubric_thresholds(rubric);
    if (!push_table(r, "scorecard", "scorecard", 1))
        return;
    spec->pass_mark = get_number(r, "scorecard.pass_mark", "pass_mark", 80, 0, 100);
    if (push_table(r, "scorecard.principles", "principles", 1)) {
        lua_Integer n = list_len(r, "scorecard.principles");
        if (n == 0)
            fail(r, "scorecard.principles", "'scorecard.principles' lists no principle");
        spec->items = n < 1 ? NULL : calloc((size_t)n, sizeof *spec->items);
        if (!spec->items && !r->d.failed)
            fail(r, "scorecard.principles",
                 "'scorecard.principles' could not be read: out of "
                 "memory");
        /* Each entry is read even after a mistake, so lint can show every one. */
        for (lua_Integer i = 1; spec->items && i <= n; i++) {
            char path[64];
            snprintf(path, sizeof path, "scorecard.principles[%lld]", (long long)i);
            if (lua_rawgeti(r->d.L, -1, i) != LUA_TTABLE) {
                fail(r, path, "'%s' must be a table {id = ..., weight = ...}", path);
                lua_pop(r->d.L, 1);
                break;
            }
            char *id = get_string(r, path, "id", 1);
            double w = get_number(r, path, "weight", 10, 0.1, 100);
            int required = 0;
            if (sandbox_rawfield(r->d.L, -1, "required") != LUA_TNIL)
                required = lua_toboolean(r->d.L, -1);
            lua_pop(r->d.L, 2);
            if (!id)
                continue;
            char at[96];
            snprintf(at, sizeof at, "%s.id", path);
            if (rubric_find(rubric, id) < 0) {
                Suggest near;
                suggest_init(&near, id);
                for (int k = 0; k < rubric_count(rubric); k++)
                    suggest_offer(&near, rubric_principle(rubric, k)->id,
                                  strlen(rubric_principle(rubric, k)->id));
                if (suggest_best(&near))
                    fail(r, at,
                         "'%s': unknown principle id '%s'; did you mean %s? (see rubric.lua)", path,
                         id, suggest_best(&near));
                else
                    fail(r, at, "'%s': unknown principle id '%s' (see rubric.lua)", path, id);
                free(id);
                continue;
            }
            for (int k = 0; k < spec->n; k++)
                if (strcmp(spec->items[k].id, id) == 0)
                    fail(r, at, "'%s': principle '%s' is listed twice", path, id);
            const Principle *pr = rubric_principle(rubric, rubric_find(rubric, id));
            if (required && pr->kind == KIND_VIOLATION)
                fail(r, at, "'%s': a violation ('%s') cannot be required", path, id);
            spec->items[spec->n].id = id;
            spec->items[spec->n].weight = w;
            spec->items[spec->n].required = required;
            spec->n++;
        }
        lua_pop(r->d.L, 1);
    }
    add_default_weights(r, spec, rubric);
    /* A scorecard that scores nothing would give every conversation 100/100. */
    if (!r->d.failed && spec->n == 0)
        fail(r, "scorecard.principles", "'scorecard.principles' lists no principle");
    if (push_table(r, "scorecard.outcomes", "outcomes", 0)) {
        lua_pushnil(r->d.L);
        while (lua_next(r->d.L, -2)) {
            const char *name = lua_type(r->d.L, -2) == LUA_TSTRING ? lua_tostring(r->d.L, -2) : "";
            Outcome o = outcome_parse(name);
            char at[160];
            snprintf(at, sizeof at, "scorecard.outcomes%s%s", *name ? "." : "", name);
            if (o == OUTCOME_NONE) {
                fail(r, at,
                     "'scorecard.outcomes' key must be one of sale, resolved, left, "
                     "escalated, abandoned, incomplete; got '%s'",
                     name);
            } else if (!lua_isnumber(r->d.L, -1) || lua_tonumber(r->d.L, -1) < 0 ||
                       lua_tonumber(r->d.L, -1) > 100) {
                fail(r, at, "'scorecard.outcomes.%s' must be a number 0..100", name);
            } else {
                spec->outcome_points[o] = lua_tonumber(r->d.L, -1);
                if (spec->outcome_points[o] > spec->outcome_max)
                    spec->outcome_max = spec->outcome_points[o];
            }
            lua_pop(r->d.L, 1);
        }
        lua_pop(r->d.L, 1);
    }
    read_thresholds(r, &spec->thresholds);
    lua_pop(r->d.L, 1);
}

static void read_hooks(Reader *r, const Scenario *sc)
{
    static const struct {
        const char *name;
        int required;
    } hooks[] = {{"start", 1}, {"on_reply", 1}, {"on_idle", 0}};
    for (size_t i = 0; i < sizeof hooks / sizeof hooks[0]; i++) {
        int type = sandbox_rawfield(r->d.L, -1, hooks[i].name);
        /* with states of their own, on_reply may live in each state instead */
        if (type == LUA_TNIL && hooks[i].required && !(sc->state_map && i == 1))
            fail(r, hooks[i].name, "hook '%s' is required (a function)", hooks[i].name);
        else if (type != LUA_TNIL && type != LUA_TFUNCTION)
            fail(r, hooks[i].name, "hook '%s' must be a function, got %s", hooks[i].name,
                 lua_typename(r->d.L, type));
        lua_pop(r->d.L, 1);
    }
}

static void states_fail(Reader *r, lua_Integer i)
{
    char at[64];
    snprintf(at, sizeof at, "states[%lld]", (long long)i);
    fail(r, at, "'%s' must be a non-empty string", at);
}

/* states = {name = {on_reply = ..., on_enter = ...}, ...}: the names in the order they are
 * written (by line), each a table of that state's hooks. */
static void read_state_map(Reader *r, Scenario *sc)
{
    lua_State *L = r->d.L;
    int *line = calloc(MAX_LIST + 1, sizeof *line);
    sc->states = calloc(MAX_LIST + 1, sizeof *sc->states);
    if (!line || !sc->states) {
        free(line);
        fail(r, "states", "'states' could not be read: out of memory");
        return;
    }
    lua_pushnil(L);
    while (!r->d.failed && lua_next(L, -2)) {
        char at[200];
        const char *name = lua_type(L, -2) == LUA_TSTRING ? lua_tostring(L, -2) : NULL;
        snprintf(at, sizeof at, "states.%s", name ? name : "?");
        if (!name || !*name || sc->nstates == MAX_LIST) {
            fail(r, "states", "'states' is either a list of names or a table of named states");
        } else if (!lua_istable(L, -1)) {
            fail(r, at, "'%s' must be a table of the state's hooks ({on_reply = function...})",
                 at);
        } else if (!nul_at(r, -2, at)) {
            static const char *const hooks[] = {"on_reply", "on_enter", "on_idle"};
            for (size_t i = 0; i < sizeof hooks / sizeof hooks[0] && !r->d.failed; i++) {
                int t = sandbox_rawfield(L, -1, hooks[i]);
                if (t != LUA_TNIL && t != LUA_TFUNCTION)
                    fail(r, at, "'%s.%s' must be a function, got %s", at, hooks[i],
                         lua_typename(L, t));
                lua_pop(L, 1);
            }
            int l = luadata_line(&r->d, at), k = sc->nstates;
            char *copy = strdup(name);
            if (!copy) {
                fail(r, at, "'%s' could not be read: out of memory", at);
            } else {
                for (; k > 0 && line[k - 1] > l; k--) {
                    line[k] = line[k - 1];
                    sc->states[k] = sc->states[k - 1];
                }
                line[k] = l;
                sc->states[k] = copy;
                sc->nstates++;
            }
        }
        lua_pop(L, 1);
    }
    if (r->d.failed)
        lua_pop(L, 1); /* the key lua_next left */
    free(line);
}

static void read_states(Reader *r, Scenario *sc)
{
    sc->initial = -1;
    if (!push_table(r, "states", "states", 0))
        return;
    if (lua_rawlen(r->d.L, -1) == 0 && (lua_pushnil(r->d.L), lua_next(r->d.L, -2))) {
        lua_pop(r->d.L, 2);
        sc->state_map = 1;
        read_state_map(r, sc);
        lua_pop(r->d.L, 1);
        char *initial = get_string(r, "initial", "initial", 0);
        for (int i = 0; initial && i < sc->nstates; i++)
            if (strcmp(sc->states[i], initial) == 0)
                sc->initial = i;
        if (initial && sc->initial < 0)
            fail(r, "initial", "'initial': '%s' is not one of the states", initial);
        free(initial);
        return;
    }
    lua_Integer n = list_len(r, "states");
    sc->states = n < 0 ? NULL : calloc((size_t)(n > 0 ? n : 1), sizeof *sc->states);
    if (!sc->states && !r->d.failed)
        fail(r, "states", "'states' could not be read: out of memory");
    for (lua_Integer i = 1; sc->states && i <= n; i++) {
        char at[64];
        snprintf(at, sizeof at, "states[%lld]", (long long)i);
        if (lua_rawgeti(r->d.L, -1, i) != LUA_TSTRING || lua_rawlen(r->d.L, -1) == 0)
            states_fail(r, i);
        else if (!has_nul(r, at) &&
                 !(sc->states[sc->nstates++] = strdup(lua_tostring(r->d.L, -1))))
            fail(r, at, "'%s' could not be read: out of memory", at);
        lua_pop(r->d.L, 1);
    }
    sc->initial = sc->nstates ? 0 : -1;
    lua_pop(r->d.L, 1);
}

/* The state s:reask() gives up in: the one named, which must be declared, else "decided"
 * when the scenario has it. */
static void check_reask_state(Reader *r, Scenario *sc)
{
    int found = -1;
    const char *want = sc->reask.state ? sc->reask.state : "decided";
    for (int i = 0; i < sc->nstates; i++)
        if (strcmp(sc->states[i], want) == 0)
            found = i;
    if (sc->reask.state && found < 0)
        fail(r, "persona.reask.state", "'persona.reask.state': '%s' is not one of the states",
             want);
    else if (!sc->reask.state && !sc->reask.stay && found >= 0 &&
             !(sc->reask.state = strdup(want)))
        fail(r, "persona.reask", "'persona.reask' could not be read: out of memory");
}

/* ---------------------------------------------------------------- public */

static char *file_stem(const char *path)
{
    const char *base = strrchr(path, '/');
    base = base ? base + 1 : path;
    size_t n = strlen(base);
    if (n > 4 && strcmp(base + n - 4, ".lua") == 0)
        n -= 4;
    char *s = malloc(n + 1);
    if (s) {
        memcpy(s, base, n);
        s[n] = '\0';
    }
    return s;
}

static char *sha256_hex(const char *buf, size_t len)
{
    struct sha256_ctx ctx;
    uint8_t digest[SHA256_DIGEST_SIZE];
    char *hex = malloc(SHA256_DIGEST_SIZE * 2 + 1);
    if (!hex)
        return NULL;
    sha256_init(&ctx);
    sha256_update(&ctx, len, (const uint8_t *)buf);
    sha256_digest(&ctx, sizeof digest, digest);
    for (int i = 0; i < SHA256_DIGEST_SIZE; i++)
        snprintf(hex + i * 2, 3, "%02x", digest[i]);
    return hex;
}

static Scenario *load(const char *path, const Rubric *rubric, const char *card,
                      const char *card_chunk, KefuError *err, LuaDataMoreFn more, void *more_ud);

Scenario *scenario_load(const char *path, const Rubric *rubric, KefuError *err)
{
    return load(path, rubric, NULL, NULL, err, NULL, NULL);
}

Scenario *scenario_load_all(const char *path, const Rubric *rubric, KefuError *err,
                            LuaDataMoreFn more, void *more_ud)
{
    return load(path, rubric, NULL, NULL, err, more, more_ud);
}

Scenario *scenario_load_card(const char *path, const Rubric *rubric, const char *card,
                             const char *card_chunk, KefuError *err)
{
    return load(path, rubric, card, card_chunk, err, NULL, NULL);
}

static Scenario *load(const char *path, const Rubric *rubric, const char *card,
                      const char *card_chunk, KefuError *err, LuaDataMoreFn more, void *more_ud)
{
    Sandbox *sb = NULL;
    Reader r;
    memset(&r, 0, sizeof r);
    Scenario *sc = calloc(1, sizeof *sc);
    if (!sc) {
        kerr_set(err, "out of memory");
        return NULL;
    }
    sc->path = strdup(path);
    sc->text = srcfile_read(path, &sc->text_len, err);
    if (!sc->path || !sc->text)
        goto fail;
    if (card && (!(sc->card = strdup(card)) || !(sc->card_chunk = strdup(card_chunk)))) {
        kerr_set(err, "out of memory");
        goto fail;
    }
    size_t bad = 0;
    if (!text_valid_utf8(sc->text, sc->text_len, &bad)) {
        int line = 1;
        for (size_t i = 0; i < bad; i++)
            line += sc->text[i] == '\n';
        kerr_set(err, "%s:%d: the file is not valid UTF-8 (byte %zu); save it as UTF-8", path, line,
                 bad);
        goto fail;
    }
    sc->sha256 = sha256_hex(sc->text, sc->text_len);
    if (!sc->sha256) {
        kerr_set(err, "out of memory");
        goto fail;
    }
    sb = sandbox_create(NULL, err);
    if (!sb || sandbox_run_chunk(sb, sc->text, sc->text_len, path, err) < 0)
        goto fail;

    luadata_init(&r.d, sandbox_state(sb), path, sc->text, sc->text_len, err);
    r.d.more = more;
    r.d.more_ud = more_ud;
    if (!lua_istable(r.d.L, -1)) {
        kerr_set(err, "%s: the file must return a table (return { title = ..., ... }), got %s",
                 path, luaL_typename(r.d.L, -1));
        goto fail;
    }
    /* Raw reads never run the file's metamethods, but data behind a metatable is not what it
     * looks like to the trainer either: refused here, so every command says the same. */
    if (luadata_check_plain(r.d.L, -1, path, err) < 0 ||
        (sc->card && scenario_put_card(sb, sc, err) < 0))
        goto fail;
    sc->id = get_string(&r, "id", "id", 0);
    if (!sc->id && !r.d.failed && !(sc->id = file_stem(path)))
        fail(&r, "id", "'id' could not be made from the file name: out of memory");
    sc->title = get_string(&r, "title", "title", 1);
    sc->difficulty = (int)get_number(&r, "difficulty", "difficulty", 1, 1, 5);
    sc->kind = get_string(&r, "kind", "kind", 0);
    if (!sc->kind && !r.d.failed && !(sc->kind = strdup("presale")))
        fail(&r, "kind", "'kind' could not be read: out of memory");
    else if (sc->kind && strcmp(sc->kind, "presale") != 0 && strcmp(sc->kind, "aftersale") != 0)
        fail(&r, "kind", "'kind' must be \"presale\" or \"aftersale\", got \"%s\"", sc->kind);
    read_persona(&r, sc);
    read_product(&r, sc);
    read_scorecard(&r, sc, rubric);
    read_states(&r, sc);
    read_hooks(&r, sc);
    if (!r.d.failed)
        check_reask_state(&r, sc);
    if (!r.d.failed)
        followup_check(&r.d, sc->states, sc->nstates);
    read_values(&r);
    read_knows(&r);
    read_lines(&r);
    if (!r.d.failed && sandbox_rawfield(r.d.L, -1, "tests") == LUA_TTABLE)
        sc->ntests = (int)list_len(&r, "tests");
    else if (!r.d.failed && !lua_isnil(r.d.L, -1))
        fail(&r, "tests", "'tests' must be a list of tests, got %s", luaL_typename(r.d.L, -1));
    if (r.d.failed)
        goto fail;
    luadata_deinit(&r.d);
    sandbox_destroy(sb);
    return sc;
fail:
    luadata_deinit(&r.d);
    sandbox_destroy(sb);
    scenario_destroy(sc);
    return NULL;
}

void scenario_destroy(Scenario *sc)
{
    if (!sc)
        return;
    free(sc->id);
    free(sc->title);
    free(sc->path);
    free(sc->sha256);
    free(sc->text);
    free(sc->persona_name);
    free(sc->persona_avatar);
    free(sc->persona_desc);
    free(sc->kind);
    product_deinit(&sc->product);
    free(sc->card);
    free(sc->card_chunk);
    scorespec_deinit(&sc->spec);
    for (int i = 0; i < sc->nstates; i++)
        free(sc->states[i]);
    free(sc->states);
    free(sc->reask.line);
    free(sc->reask.gentle);
    free(sc->reask.give_up);
    free(sc->reask.state);
    free(sc);
}
