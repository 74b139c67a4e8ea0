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
#include <sys/stat.h>

#include "base/text.h"
#include "lua/luadata.h"
#include "lua/sandbox.h"
#include "lua/srcfile.h"
#include "lua/suggest.h"

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

static void read_persona(Reader *r, Scenario *sc)
{
    if (!push_table(r, "persona", "persona", 1))
        return;
    sc->persona_name = get_string(r, "persona.name", "name", 1);
    sc->persona_avatar = get_string(r, "persona.avatar", "avatar", 0);
    sc->persona_desc = get_string(r, "persona.description", "description", 0);
    sc->patience = get_number(r, "persona.patience", "patience", 60, 5, 3600);
    sc->mood = (int)get_number(r, "persona.mood", "mood", 50, 0, 100);
    if (push_table(r, "persona.nudges", "nudges", 0)) {
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
static void read_lines(Reader *r)
{
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
            else
                has_nul(r, path);
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
                else
                    has_nul(r, at);
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

static void read_product(Reader *r, Scenario *sc)
{
    Product *p = &sc->product;
    p->stock = -1;
    if (!push_table(r, "product", "product", 1))
        return;
    p->name = get_string(r, "product.name", "name", 1);
    p->price = get_number(r, "product.price", "price", 0, 0, 1e9);
    p->stock = (int)get_number(r, "product.stock", "stock", -1, -1, 1e9);
    p->colours = get_joined(r, "product.colours", "colours");
    p->sizes = get_joined(r, "product.sizes", "sizes");
    p->ship = get_string(r, "product.ship", "ship", 0);
    if (push_table(r, "product.facts", "facts", 0)) {
        lua_Integer n = list_len(r, "product.facts");
        p->facts = n < 0 ? NULL : calloc((size_t)(n > 0 ? n : 1), sizeof *p->facts);
        if (!p->facts && !r->d.failed)
            fail(r, "product.facts", "'product.facts' could not be read: out of memory");
        for (lua_Integer i = 1; p->facts && i <= n && !r->d.failed; i++) {
            int top = lua_gettop(r->d.L);
            char at[64];
            snprintf(at, sizeof at, "product.facts[%lld]", (long long)i);
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
    lua_pop(r->d.L, 1);
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

static void read_hooks(Reader *r)
{
    static const struct {
        const char *name;
        int required;
    } hooks[] = {{"start", 1}, {"on_reply", 1}, {"on_idle", 0}};
    for (size_t i = 0; i < sizeof hooks / sizeof hooks[0]; i++) {
        int type = sandbox_rawfield(r->d.L, -1, hooks[i].name);
        if (type == LUA_TNIL && hooks[i].required)
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

static void read_states(Reader *r, Scenario *sc)
{
    if (!push_table(r, "states", "states", 0))
        return;
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
    lua_pop(r->d.L, 1);
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

Scenario *scenario_load(const char *path, const Rubric *rubric, KefuError *err)
{
    return scenario_load_all(path, rubric, err, NULL, NULL);
}

Scenario *scenario_load_all(const char *path, const Rubric *rubric, KefuError *err,
                            LuaDataMoreFn more, void *more_ud)
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
    if (luadata_check_plain(r.d.L, -1, path, err) < 0)
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
    read_hooks(&r);
    read_states(&r, sc);
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
    free(sc->product.name);
    free(sc->product.colours);
    free(sc->product.sizes);
    free(sc->product.ship);
    for (int i = 0; i < sc->product.nfacts; i++) {
        free(sc->product.facts[i].label);
        free(sc->product.facts[i].value);
    }
    free(sc->product.facts);
    scorespec_deinit(&sc->spec);
    for (int i = 0; i < sc->nstates; i++)
        free(sc->states[i]);
    free(sc->states);
    free(sc);
}

static int is_dir(const char *p)
{
    struct stat st;
    return p && *p && stat(p, &st) == 0 && S_ISDIR(st.st_mode);
}

const char *scenario_dir(const char *explicit_dir)
{
    if (explicit_dir && *explicit_dir)
        return explicit_dir;
    const char *env = getenv("KEFU_SCENARIOS");
    if (env && *env)
        return env;
    if (is_dir("scenarios"))
        return "scenarios";
    if (is_dir(KEFU_SCENARIO_INSTALL_DIR))
        return KEFU_SCENARIO_INSTALL_DIR;
    return KEFU_SOURCE_DIR "/scenarios";
}

int scenario_resolve(const char *dir, const char *id_or_path, char *out, size_t size,
                     KefuError *err)
{
    size_t n = strlen(id_or_path);
    struct stat st;
    if (strchr(id_or_path, '/') || (n > 4 && strcmp(id_or_path + n - 4, ".lua") == 0)) {
        /* A FIFO, device or link is named for what it is, not "no such file". */
        if (srcfile_check(id_or_path, err) < 0)
            return -1;
        if (stat(id_or_path, &st) != 0 || !S_ISREG(st.st_mode)) {
            kerr_set(err, "%s: no such scenario file", id_or_path);
            return -1;
        }
        snprintf(out, size, "%s", id_or_path);
        return 0;
    }
    for (const char *p = id_or_path; *p; p++)
        if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') ||
              *p == '_' || *p == '-')) {
            kerr_set(err, "'%s' is not a scenario id (letters, digits, _ and -) or a .lua path",
                     id_or_path);
            return -1;
        }
    snprintf(out, size, "%s/%s.lua", dir, id_or_path);
    if (srcfile_check(out, err) < 0)
        return -1;
    if (stat(out, &st) != 0 || !S_ISREG(st.st_mode)) {
        kerr_set(err, "unknown scenario '%s': no %s (kefu list shows the scenarios)", id_or_path,
                 out);
        return -1;
    }
    return 0;
}
