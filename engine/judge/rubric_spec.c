/* rubric_spec: reads scenarios/rubric.lua in the sandbox into a RubricSpec, plain data, and
 * closes Lua: the only part of the rubric that knows Lua. */
#include "judge/rubric_spec.h"

#include <lauxlib.h>
#include <lua.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/text.h"
#include "lua/sandbox.h"
#include "lua/srcfile.h"

static char *xstrdup(const char *s)
{
    size_t n = strlen(s) + 1;
    char *d = malloc(n);
    if (d)
        memcpy(d, s, n);
    return d;
}

/* ---------------------------------------------------------------- loading context */

typedef struct Loader {
    RubricSpec *r;
    lua_State *L;
    const char *src; /* the file's text, to find lines */
    const char *path;
    KefuError *err;
    int line; /* line of the principle being read */
    const char *pid;
    int rc;        /* read_catalog's result, when run through read_protected */
    size_t *lines; /* offsets in src where each line starts (line k at lines[k - 1]) */
    int nlines;
} Loader;

/* Notes where src's lines start, for line_of. Returns 0, or -1 out of memory. */
static int index_lines(Loader *ld)
{
    size_t n = 1;
    for (const char *p = ld->src; *p; p++)
        n += *p == '\n';
    ld->lines = malloc(n * sizeof *ld->lines);
    if (!ld->lines)
        return -1;
    ld->lines[0] = 0;
    ld->nlines = 1;
    for (const char *p = ld->src; *p; p++)
        if (*p == '\n')
            ld->lines[ld->nlines++] = (size_t)(p + 1 - ld->src);
    return 0;
}

/* The 1-based line of the first occurrence of needle in the file at or after line `from`, or
 * 0. Lua tables keep no line numbers, so messages find the text the trainer wrote. */
static int line_of(const Loader *ld, const char *needle, int from)
{
    if (!ld->src || !ld->lines || !needle || !*needle)
        return 0;
    if (from < 1)
        from = 1;
    if (from > ld->nlines)
        return 0;
    const char *hit = strstr(ld->src + ld->lines[from - 1], needle);
    if (!hit)
        return 0;
    size_t at = (size_t)(hit - ld->src);
    int lo = from - 1, hi = ld->nlines - 1; /* the last line starting at or before `at` */
    while (lo < hi) {
        int mid = lo + (hi - lo + 1) / 2;
        if (ld->lines[mid] <= at)
            lo = mid;
        else
            hi = mid - 1;
    }
    return lo + 1;
}

/* Fills the loader's error with "file:line: message" (just "file: message" when line is 0). */
static void load_fail(Loader *ld, int line, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 3, 4)))
#endif
    ;

static void load_fail(Loader *ld, int line, const char *fmt, ...)
{
    char msg[900];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    if (line > 0)
        kerr_set(ld->err, "%s:%d: %s", ld->path, line, msg);
    else
        kerr_set(ld->err, "%s: %s", ld->path, msg);
}

/* Checks that every key of the table at idx is one of the names in allowed (NULL-ended);
 * integer keys are allowed when ints is set. A typo would otherwise be silently ignored. */
static int check_keys(Loader *ld, int idx, const char *const *allowed, int ints, const char *what)
{
    lua_State *L = ld->L;
    idx = lua_absindex(L, idx);
    lua_pushnil(L);
    while (lua_next(L, idx)) {
        lua_pop(L, 1);
        if (lua_type(L, -1) == LUA_TNUMBER && ints)
            continue;
        if (lua_type(L, -1) != LUA_TSTRING) {
            lua_pop(L, 1);
            load_fail(ld, ld->line, "%s: keys must be names", what);
            return -1;
        }
        const char *k = lua_tostring(L, -1);
        int ok = 0;
        for (int i = 0; allowed[i]; i++)
            if (strcmp(k, allowed[i]) == 0)
                ok = 1;
        if (!ok) {
            char list[400] = "";
            for (int i = 0; allowed[i]; i++) {
                strncat(list, i ? ", " : "", sizeof list - strlen(list) - 1);
                strncat(list, allowed[i], sizeof list - strlen(list) - 1);
            }
            int line = line_of(ld, k, ld->line > 0 ? ld->line : 1);
            lua_pop(L, 1);
            load_fail(ld, line ? line : ld->line, "%s: unknown field '%s' (expected one of %s)",
                      what, k, list);
            return -1;
        }
    }
    return 0;
}

/* Reads the string field key of the table at idx into a fresh copy (*out, NULL if absent
 * and not required). */
static int get_string(Loader *ld, int idx, const char *key, int required, char **out,
                      const char *what)
{
    lua_State *L = ld->L;
    *out = NULL;
    int t = sandbox_rawfield(L, idx, key);
    if (t == LUA_TNIL && !required) {
        lua_pop(L, 1);
        return 0;
    }
    if (t != LUA_TSTRING) {
        lua_pop(L, 1);
        load_fail(ld, ld->line, "%s: '%s' must be a string, got %s", what, key,
                  t == LUA_TNIL ? "nothing" : lua_typename(L, t));
        return -1;
    }
    size_t n = 0;
    const char *s = lua_tolstring(L, -1, &n);
    if (!text_valid_utf8(s, n, NULL) || strlen(s) != n) {
        lua_pop(L, 1);
        load_fail(ld, ld->line, "%s: '%s' is not valid UTF-8 text", what, key);
        return -1;
    }
    *out = xstrdup(s);
    lua_pop(L, 1);
    if (!*out) {
        kerr_set(ld->err, "out of memory");
        return -1;
    }
    return 0;
}


/* ---------------------------------------------------------------- fragments */

static int read_fragments(Loader *ld, int idx)
{
    lua_State *L = ld->L;
    int t = sandbox_rawfield(L, idx, "fragments");
    if (t == LUA_TNIL) {
        lua_pop(L, 1);
        return 0;
    }
    ld->line = line_of(ld, "fragments", 1);
    if (t != LUA_TTABLE) {
        lua_pop(L, 1);
        load_fail(ld, ld->line, "'fragments' must be a table of NAME = pattern");
        return -1;
    }
    lua_pushnil(L);
    while (lua_next(L, -2)) {
        if (lua_type(L, -2) != LUA_TSTRING || lua_type(L, -1) != LUA_TSTRING) {
            lua_pop(L, 3);
            load_fail(ld, ld->line, "fragments: each entry must be NAME = \"pattern\"");
            return -1;
        }
        const char *name = lua_tostring(L, -2);
        for (const char *c = name; *c; c++)
            if (!((*c >= 'A' && *c <= 'Z') || (*c >= '0' && *c <= '9') || *c == '_') ||
                (c == name && !(*c >= 'A' && *c <= 'Z'))) {
                int line = line_of(ld, name, ld->line);
                lua_pop(L, 3);
                load_fail(ld, line ? line : ld->line,
                          "fragments: name '%s' must be upper case (A-Z, 0-9, _)", name);
                return -1;
            }
        FragmentSpec *f = realloc(ld->r->frags, (size_t)(ld->r->nfrags + 1) * sizeof *f);
        if (!f) {
            lua_pop(L, 3);
            kerr_set(ld->err, "out of memory");
            return -1;
        }
        ld->r->frags = f;
        f[ld->r->nfrags].name = xstrdup(name);
        f[ld->r->nfrags].body = xstrdup(lua_tostring(L, -1));
        ld->r->nfrags++;
        lua_pop(L, 1);
    }
    lua_pop(L, 1);
    return 0;
}

/* ---------------------------------------------------------------- principles */

/* Reads the list of patterns at field key of the table at idx (key is a string constant: the
 * list keeps it). Each pattern notes the line it is written on, for the compiler's messages. */
static int read_patterns(Loader *ld, int idx, const char *key, PatternListSpec *out)
{
    lua_State *L = ld->L;
    out->key = key;
    int t = sandbox_rawfield(L, idx, key);
    if (t == LUA_TNIL) {
        lua_pop(L, 1);
        return 0;
    }
    if (t == LUA_TSTRING) { /* one pattern may be written without braces */
        lua_newtable(L);
        lua_insert(L, -2);
        lua_rawseti(L, -2, 1);
    } else if (t != LUA_TTABLE) {
        lua_pop(L, 1);
        load_fail(ld, ld->line, "principle %s: '%s' must be a list of patterns, got %s", ld->pid,
                  key, lua_typename(L, t));
        return -1;
    }
    int n = (int)lua_rawlen(L, -1);
    out->v = calloc((size_t)(n ? n : 1), sizeof *out->v);
    if (!out->v) {
        lua_pop(L, 1);
        kerr_set(ld->err, "out of memory");
        return -1;
    }
    for (int i = 1; i <= n; i++) {
        if (lua_rawgeti(L, -1, i) != LUA_TSTRING) {
            lua_pop(L, 2);
            load_fail(ld, ld->line, "principle %s: %s[%d] must be a pattern string", ld->pid,
                      key, i);
            return -1;
        }
        const char *raw = lua_tostring(L, -1);
        int line = line_of(ld, raw, ld->line > 0 ? ld->line : 1);
        PatternSpec *ps = &out->v[out->n];
        ps->line = line ? line : ld->line;
        ps->text = xstrdup(raw);
        lua_pop(L, 1);
        if (!ps->text) {
            lua_pop(L, 1);
            kerr_set(ld->err, "out of memory");
            return -1;
        }
        out->n++;
    }
    lua_pop(L, 1);
    return 0;
}

static const char *const COND_KEYS[] = {"customer", "unless_customer", "persona", "turn_max", NULL};

static int read_cond(Loader *ld, int idx, const char *key, CondSpec *c)
{
    lua_State *L = ld->L;
    c->turn_max = -1;
    int t = sandbox_rawfield(L, idx, key);
    if (t == LUA_TNIL) {
        lua_pop(L, 1);
        return 0;
    }
    if (t != LUA_TTABLE) {
        lua_pop(L, 1);
        load_fail(ld, ld->line,
                  "principle %s: '%s' must be a table {customer=, unless_customer=, "
                  "persona=, turn_max=}",
                  ld->pid, key);
        return -1;
    }
    char what[128];
    snprintf(what, sizeof what, "principle %s: %s", ld->pid, key);
    if (check_keys(ld, -1, COND_KEYS, 0, what) < 0 ||
        read_patterns(ld, lua_gettop(L), "customer", &c->customer) < 0 ||
        read_patterns(ld, lua_gettop(L), "unless_customer", &c->unless_customer) < 0) {
        lua_pop(L, 1);
        return -1;
    }
    if (c->unless_customer.n && strcmp(key, "when") != 0 && strcmp(key, "model_when") != 0) {
        lua_pop(L, 1);
        int line = line_of(ld, "unless_customer", ld->line);
        load_fail(ld, line ? line : ld->line,
                  "principle %s: "
                  "'unless_customer' belongs in a rule's 'when' (in '%s' any one condition "
                  "holding is enough, so a condition that only excludes says nothing)",
                  ld->pid, key);
        return -1;
    }
    if (c->customer.n || c->unless_customer.n)
        c->set = 1;
    t = sandbox_rawfield(L, -1, "persona");
    if (t == LUA_TSTRING) {
        lua_newtable(L);
        lua_insert(L, -2);
        lua_rawseti(L, -2, 1);
        t = LUA_TTABLE;
    }
    if (t == LUA_TTABLE) {
        int n = (int)lua_rawlen(L, -1);
        c->persona = calloc((size_t)(n ? n : 1), sizeof *c->persona);
        for (int i = 1; c->persona && i <= n; i++) {
            if (lua_rawgeti(L, -1, i) != LUA_TSTRING) {
                lua_pop(L, 3);
                load_fail(ld, ld->line, "principle %s: %s.persona must list persona ids",
                          ld->pid, key);
                return -1;
            }
            c->persona[c->npersona++] = xstrdup(lua_tostring(L, -1));
            lua_pop(L, 1);
        }
        c->set = 1;
    } else if (t != LUA_TNIL) {
        lua_pop(L, 2);
        load_fail(ld, ld->line, "principle %s: %s.persona must be a list of ids", ld->pid, key);
        return -1;
    }
    lua_pop(L, 1);
    t = sandbox_rawfield(L, -1, "turn_max");
    if (t == LUA_TNUMBER && lua_isinteger(L, -1) && lua_tointeger(L, -1) >= 0) {
        c->turn_max = (int)lua_tointeger(L, -1);
        c->set = 1;
    } else if (t != LUA_TNIL) {
        lua_pop(L, 2);
        load_fail(ld, ld->line, "principle %s: %s.turn_max must be a whole number >= 0",
                  ld->pid, key);
        return -1;
    }
    lua_pop(L, 2);
    return 0;
}

static const char *const RULE_KEYS[] = {"any", "all", "unless", "when", NULL};
static const char *const DETECT_KEYS[] = {"any", "all", "unless", "when", "builtin", NULL};

static int read_rule(Loader *ld, int idx, RuleSpec *rule, const char *what)
{
    if (check_keys(ld, idx, RULE_KEYS, 0, what) < 0)
        return -1;
    if (read_patterns(ld, idx, "any", &rule->any) < 0 ||
        read_patterns(ld, idx, "all", &rule->all) < 0 ||
        read_patterns(ld, idx, "unless", &rule->unless) < 0 ||
        read_cond(ld, idx, "when", &rule->when) < 0)
        return -1;
    if (rule->any.n == 0) {
        load_fail(ld, ld->line, "principle %s: a detector rule needs at least one 'any' pattern",
                  ld->pid);
        return -1;
    }
    return 0;
}

/* Reads detect = {rule} or {{rule}, {rule}, unless = {...}} or {builtin = "..."}. */
static int read_detector(Loader *ld, int pidx, int pi, DetectorSpec *d)
{
    lua_State *L = ld->L;
    int t = sandbox_rawfield(L, pidx, "detect");
    if (t != LUA_TTABLE) {
        lua_pop(L, 1);
        load_fail(ld, ld->line, "principle %s: a %s needs a detector ('detect' table)", ld->pid,
                  ld->r->p[pi].info.kind == KIND_VIOLATION ? "violation" : "technique");
        return -1;
    }
    int didx = lua_gettop(L);
    char what[128];
    snprintf(what, sizeof what, "principle %s: detect", ld->pid);
    if (check_keys(ld, didx, DETECT_KEYS, 1, what) < 0)
        goto fail;
    t = sandbox_rawfield(L, didx, "builtin");
    if (t != LUA_TNIL) {
        const char *b = lua_tostring(L, -1);
        if (t == LUA_TSTRING && strcmp(b, "long_reply") == 0) {
            d->builtin = BUILTIN_LONG_REPLY;
        } else if (t == LUA_TSTRING && strcmp(b, "unreadable") == 0) {
            d->builtin = BUILTIN_UNREADABLE;
        } else {
            lua_pop(L, 1);
            load_fail(ld, ld->line,
                      "principle %s: unknown builtin detector (known: long_reply, unreadable)",
                      ld->pid);
            goto fail;
        }
        lua_pop(L, 2);
        return 0;
    }
    lua_pop(L, 1);
    int nrules = (int)lua_rawlen(L, didx);
    sandbox_rawfield(L, didx, "any");
    int single = !lua_isnil(L, -1);
    lua_pop(L, 1);
    if (single && nrules) {
        load_fail(ld, ld->line, "principle %s: detect is either one rule {any=...} or a list of "
                  "rules, not both", ld->pid);
        goto fail;
    }
    if (!single && !nrules) {
        load_fail(ld, ld->line, "principle %s: detect has no rules (give 'any' patterns)",
                  ld->pid);
        goto fail;
    }
    d->rules = calloc((size_t)(single ? 1 : nrules), sizeof *d->rules);
    if (!d->rules) {
        kerr_set(ld->err, "out of memory");
        goto fail;
    }
    d->nrules = single ? 1 : nrules;
    if (single) {
        if (read_rule(ld, didx, &d->rules[0], what) < 0)
            goto fail;
    } else {
        /* the list form keeps 'unless' for all rules and no rule fields of its own */
        sandbox_rawfield(L, didx, "all");
        sandbox_rawfield(L, didx, "when");
        int stray = !lua_isnil(L, -1) || !lua_isnil(L, -2);
        lua_pop(L, 2);
        if (stray) {
            load_fail(ld, ld->line, "principle %s: with a list of rules, put 'all' and 'when' "
                      "inside a rule", ld->pid);
            goto fail;
        }
        if (read_patterns(ld, didx, "unless", &d->unless) < 0)
            goto fail;
        for (int i = 0; i < nrules; i++) {
            if (lua_rawgeti(L, didx, i + 1) != LUA_TTABLE) {
                lua_pop(L, 1);
                load_fail(ld, ld->line, "principle %s: detect[%d] must be a rule table", ld->pid,
                          i + 1);
                goto fail;
            }
            int rc = read_rule(ld, lua_gettop(L), &d->rules[i], what);
            lua_pop(L, 1);
            if (rc < 0)
                goto fail;
        }
    }
    lua_pop(L, 1);
    return 0;
fail:
    lua_pop(L, 1);
    return -1;
}

/* ---------------------------------------------------------------- reading the catalog */

/* Reads key = {"id", ...} (or one id as a string) into a list of copies. Ids are checked
 * against the catalog once it is all read (rubric.c), since they may name later principles. */
static int read_ids(Loader *ld, int idx, const char *key, char ***out, int *n)
{
    lua_State *L = ld->L;
    int t = sandbox_rawfield(L, idx, key);
    if (t == LUA_TSTRING) {
        lua_newtable(L);
        lua_insert(L, -2);
        lua_rawseti(L, -2, 1);
        t = LUA_TTABLE;
    }
    if (t == LUA_TNIL) {
        lua_pop(L, 1);
        return 0;
    }
    if (t != LUA_TTABLE) {
        lua_pop(L, 1);
        load_fail(ld, ld->line, "principle %s: '%s' must be a list of principle ids", ld->pid,
                  key);
        return -1;
    }
    int len = (int)lua_rawlen(L, -1);
    *out = calloc((size_t)(len ? len : 1), sizeof **out);
    if (!*out) {
        lua_pop(L, 1);
        kerr_set(ld->err, "out of memory");
        return -1;
    }
    for (int i = 1; i <= len; i++) {
        if (lua_rawgeti(L, -1, i) != LUA_TSTRING) {
            lua_pop(L, 2);
            load_fail(ld, ld->line, "principle %s: %s[%d] must be a principle id", ld->pid, key,
                      i);
            return -1;
        }
        (*out)[*n] = xstrdup(lua_tostring(L, -1));
        lua_pop(L, 1);
        if (!(*out)[*n]) {
            lua_pop(L, 1);
            kerr_set(ld->err, "out of memory");
            return -1;
        }
        (*n)++;
    }
    lua_pop(L, 1);
    return 0;
}

static const char *const PRINCIPLE_KEYS[] = {
    "id",     "name",    "kind", "critical", "category", "source",          "quote",  "explain",
    "detect", "applies", "gate", "never",    "avoided",  "model_threshold", "family",
    "model_when", "model_unless", "cancels", NULL};

static int read_principle(Loader *ld, int idx, int pi)
{
    lua_State *L = ld->L;
    RubricSpec *r = ld->r;
    Principle *p = &r->p[pi].info;
    DetectorSpec *d = &r->p[pi].detect;
    char *s = NULL;
    char what[96];

    sandbox_rawfield(L, idx, "id");
    const char *id = lua_tostring(L, -1);
    if (id) {
        char needle[160];
        snprintf(needle, sizeof needle, "\"%s\"", id);
        int line = line_of(ld, needle, ld->line > 0 ? ld->line : 1);
        if (line)
            ld->line = line;
    }
    lua_pop(L, 1);
    snprintf(what, sizeof what, "principles[%d]", pi + 1);
    if (get_string(ld, idx, "id", 1, &s, what) < 0)
        return -1;
    p->id = s;
    ld->pid = p->id;
    for (const char *c = p->id; *c; c++)
        if (!((*c >= 'a' && *c <= 'z') || (*c >= '0' && *c <= '9') || *c == '_')) {
            load_fail(ld, ld->line, "principle id '%s' must be lower case letters, digits and _",
                      p->id);
            return -1;
        }
    for (int k = 0; k < pi; k++)
        if (strcmp(r->p[k].info.id, p->id) == 0) {
            load_fail(ld, ld->line, "principle %s is listed twice", p->id);
            return -1;
        }
    snprintf(what, sizeof what, "principle %s", p->id);
    if (check_keys(ld, idx, PRINCIPLE_KEYS, 0, what) < 0)
        return -1;
    if (get_string(ld, idx, "name", 1, &s, what) < 0)
        return -1;
    p->name = s;
    if (get_string(ld, idx, "category", 1, &s, what) < 0)
        return -1;
    p->category = s;
    if (get_string(ld, idx, "source", 1, &s, what) < 0)
        return -1;
    p->source = s;
    if (get_string(ld, idx, "quote", 1, &s, what) < 0)
        return -1;
    p->quote = s;
    if (get_string(ld, idx, "explain", 1, &s, what) < 0)
        return -1;
    p->explain = s;
    if (get_string(ld, idx, "avoided", 0, &s, what) < 0)
        return -1;
    p->avoided = s;
    if (get_string(ld, idx, "family", 0, &s, what) < 0)
        return -1;
    p->family = s;
    if (get_string(ld, idx, "kind", 1, &s, what) < 0)
        return -1;
    if (strcmp(s, "technique") == 0)
        p->kind = KIND_TECHNIQUE;
    else if (strcmp(s, "violation") == 0)
        p->kind = KIND_VIOLATION;
    else if (strcmp(s, "timing") == 0)
        p->kind = KIND_TIMING;
    else {
        char needle[80];
        snprintf(needle, sizeof needle, "\"%s\"", s);
        int line = line_of(ld, needle, ld->line);
        load_fail(ld, line ? line : ld->line,
                  "principle %s: unknown kind \"%s\" (expected technique, violation or timing)",
                  p->id, s);
        free(s);
        return -1;
    }
    free(s);

    int found = 0;
    for (int c = 0; c < r->ncats; c++)
        if (strcmp(r->cats[c].id, p->category) == 0)
            found = 1;
    if (!found) {
        load_fail(ld, ld->line, "principle %s: unknown category \"%s\" (not in categories)",
                  p->id, p->category);
        return -1;
    }

    int t = sandbox_rawfield(L, idx, "critical");
    if (t != LUA_TNIL && t != LUA_TBOOLEAN) {
        lua_pop(L, 1);
        load_fail(ld, ld->line, "principle %s: 'critical' must be true or false", p->id);
        return -1;
    }
    p->critical = lua_toboolean(L, -1);
    lua_pop(L, 1);
    if (p->critical && p->kind != KIND_VIOLATION) {
        load_fail(ld, ld->line, "principle %s: only a violation can be critical", p->id);
        return -1;
    }
    t = sandbox_rawfield(L, idx, "gate");
    d->gate = lua_toboolean(L, -1);
    lua_pop(L, 1);
    if (t != LUA_TNIL && t != LUA_TBOOLEAN) {
        load_fail(ld, ld->line, "principle %s: 'gate' must be true or false", p->id);
        return -1;
    }
    if (read_cond(ld, idx, "applies", &d->applies) < 0)
        return -1;
    if (p->avoided && p->kind != KIND_VIOLATION) {
        load_fail(ld, ld->line, "principle %s: 'avoided' names a violation avoided; %s is not a "
                  "violation", p->id, p->id);
        return -1;
    }
    if (p->family && p->kind != KIND_TECHNIQUE) {
        load_fail(ld, ld->line, "principle %s: only a technique has a 'family'", p->id);
        return -1;
    }
    /* never = {patterns}: replies that never show this principle, whatever a rule or the
     * meaning model finds (a trainer's last word on a phrase) */
    if (read_patterns(ld, idx, "never", &d->never) < 0)
        return -1;
    /* model_when = {...}: where the meaning model may judge this principle (a `when`: unknown
     * context does not hold), e.g. arguing only facing something the customer said */
    if (read_cond(ld, idx, "model_when", &d->model_when) < 0)
        return -1;
    /* model_unless = {ids}: the model's verdict gives way where the reply also shows one of
     * these (an argument softened with an apology or an offer to check is an explanation) */
    if (read_ids(ld, idx, "model_unless", &d->model_unless, &d->nmodel_unless) < 0)
        return -1;
    /* cancels = {ids} or "techniques": what this principle takes away from the same reply
     * (sarcasm's praise is no praise; a reply the customer cannot read earns nothing) */
    if (read_ids(ld, idx, "cancels", &d->cancels, &d->ncancels) < 0)
        return -1;
    d->model_threshold = NAN;
    t = sandbox_rawfield(L, idx, "model_threshold");
    if (t == LUA_TNUMBER)
        d->model_threshold = lua_tonumber(L, -1);
    lua_pop(L, 1);
    if (t != LUA_TNIL && (t != LUA_TNUMBER || !isfinite(d->model_threshold))) {
        load_fail(ld, ld->line, "principle %s: 'model_threshold' must be a number", p->id);
        return -1;
    }
    if ((d->never.n || t != LUA_TNIL || d->model_when.set) && p->kind == KIND_TIMING) {
        load_fail(ld, ld->line, "principle %s: a timing principle is measured from timestamps; "
                  "'never', 'model_when' and 'model_threshold' are for techniques and violations", p->id);
        return -1;
    }

    if (p->kind == KIND_TIMING) {
        sandbox_rawfield(L, idx, "detect");
        int has = !lua_isnil(L, -1);
        lua_pop(L, 1);
        if (has) {
            load_fail(ld, ld->line, "principle %s: a timing principle is measured from "
                      "timestamps and takes no detector", p->id);
            return -1;
        }
        return 0;
    }
    return read_detector(ld, idx, pi, d);
}

static int read_thresholds(Loader *ld, int idx)
{
    lua_State *L = ld->L;
    static const char *const names[] = {"first_response_s", "first_response_excellent_s",
                                        "reply_wait_s", "typing_cpm", "long_reply_chars", NULL};
    double *slots[] = {&ld->r->th.first_response_s, &ld->r->th.first_response_excellent_s,
                       &ld->r->th.reply_wait_s, &ld->r->th.typing_cpm,
                       &ld->r->th.long_reply_chars};
    ld->line = line_of(ld, "thresholds", 1);
    if (sandbox_rawfield(L, idx, "thresholds") != LUA_TTABLE) {
        lua_pop(L, 1);
        load_fail(ld, ld->line, "'thresholds' must be a table (%s, ...)", names[0]);
        return -1;
    }
    if (check_keys(ld, -1, names, 0, "thresholds") < 0) {
        lua_pop(L, 1);
        return -1;
    }
    for (int i = 0; names[i]; i++) {
        int t = sandbox_rawfield(L, -1, names[i]);
        double v = lua_tonumber(L, -1);
        lua_pop(L, 1);
        if (t != LUA_TNUMBER || !(v > 0)) {
            int line = line_of(ld, names[i], ld->line);
            lua_pop(L, 1);
            load_fail(ld, line ? line : ld->line, "thresholds.%s must be a number above 0",
                      names[i]);
            return -1;
        }
        *slots[i] = v;
    }
    lua_pop(L, 1);
    return 0;
}

static int read_categories(Loader *ld, int idx)
{
    lua_State *L = ld->L;
    ld->line = line_of(ld, "categories", 1);
    if (sandbox_rawfield(L, idx, "categories") != LUA_TTABLE) {
        lua_pop(L, 1);
        load_fail(ld, ld->line, "'categories' must be a list of {id=, name=}");
        return -1;
    }
    int n = (int)lua_rawlen(L, -1);
    ld->r->cats = calloc((size_t)(n ? n : 1), sizeof *ld->r->cats);
    if (!ld->r->cats) {
        lua_pop(L, 1);
        kerr_set(ld->err, "out of memory");
        return -1;
    }
    for (int i = 1; i <= n; i++) {
        char *id = NULL, *name = NULL;
        if (lua_rawgeti(L, -1, i) != LUA_TTABLE ||
            get_string(ld, -1, "id", 1, &id, "category") < 0 ||
            get_string(ld, -1, "name", 1, &name, "category") < 0) {
            if (!id && !name && lua_type(L, -1) != LUA_TTABLE)
                load_fail(ld, ld->line, "categories[%d] must be {id=, name=}", i);
            free(id);
            free(name);
            lua_pop(L, 2);
            return -1;
        }
        ld->r->cats[i - 1].id = id;
        ld->r->cats[i - 1].name = name;
        ld->r->ncats = i;
        lua_pop(L, 1);
    }
    lua_pop(L, 1);
    if (n == 0) {
        load_fail(ld, ld->line, "'categories' is empty");
        return -1;
    }
    return 0;
}

static const char *const TOP_KEYS[] = {"version", "categories", "thresholds", "fragments",
                                       "principles", "model", NULL};

/* model = "rubric.model": the meaning model's file, named relative to the catalog's folder
 * (only a plain file name there: no folders, so a catalog cannot point outside its own). */
static int read_model(Loader *ld, int idx)
{
    char *name = NULL;
    ld->line = line_of(ld, "model", 1);
    if (get_string(ld, idx, "model", 0, &name, "catalog") < 0)
        return -1;
    if (!name)
        return 0;
    if (!*name || strchr(name, '/') || strchr(name, '\\') || name[0] == '.') {
        load_fail(ld, ld->line, "'model' must be a file name beside the catalog, got \"%s\"",
                  name);
        free(name);
        return -1;
    }
    const char *slash = strrchr(ld->r->path, '/');
    size_t dir = slash ? (size_t)(slash - ld->r->path) + 1 : 0;
    size_t n = strlen(name);
    ld->r->model = malloc(dir + n + 1);
    if (!ld->r->model) {
        free(name);
        kerr_set(ld->err, "out of memory");
        return -1;
    }
    memcpy(ld->r->model, ld->r->path, dir);
    memcpy(ld->r->model + dir, name, n + 1);
    ld->r->model_line = ld->line;
    free(name);
    return 0;
}

static int read_catalog(Loader *ld)
{
    lua_State *L = ld->L;
    int idx = lua_gettop(L);
    if (!lua_istable(L, idx)) {
        load_fail(ld, 0, "the file must return the catalog table, got %s",
                  luaL_typename(L, idx));
        return -1;
    }
    if (check_keys(ld, idx, TOP_KEYS, 0, "catalog") < 0)
        return -1;
    ld->line = line_of(ld, "version", 1);
    char *version = NULL;
    if (get_string(ld, idx, "version", 1, &version, "catalog") < 0)
        return -1;
    ld->r->version = version;
    if (read_categories(ld, idx) < 0 || read_thresholds(ld, idx) < 0 ||
        read_fragments(ld, idx) < 0 || read_model(ld, idx) < 0)
        return -1;
    ld->line = line_of(ld, "principles", 1);
    if (sandbox_rawfield(L, idx, "principles") != LUA_TTABLE) {
        lua_pop(L, 1);
        load_fail(ld, ld->line, "'principles' must be a list of principle tables");
        return -1;
    }
    int n = (int)lua_rawlen(L, -1);
    ld->r->p = calloc((size_t)(n ? n : 1), sizeof *ld->r->p);
    if (!ld->r->p) {
        lua_pop(L, 1);
        kerr_set(ld->err, "out of memory");
        return -1;
    }
    for (int i = 0; i < n; i++) {
        if (lua_rawgeti(L, -1, i + 1) != LUA_TTABLE) {
            lua_pop(L, 2);
            load_fail(ld, ld->line, "principles[%d] must be a table", i + 1);
            return -1;
        }
        ld->r->n = i + 1; /* so rubric_spec_deinit frees what was read */
        ld->pid = NULL;
        int rc = read_principle(ld, lua_gettop(L), i);
        lua_pop(L, 1);
        if (rc < 0) {
            lua_pop(L, 1);
            return -1;
        }
    }
    lua_pop(L, 1);
    if (n == 0) {
        load_fail(ld, ld->line, "'principles' is empty");
        return -1;
    }
    return 0;
}

/* Runs read_catalog on the catalog table (argument 2) in a protected call. The reads are
 * raw and run no Lua code, but pushing a key or a new table can still fail for memory once a
 * hostile catalog has filled the sandbox's cap, and a memory error outside a protected call
 * would abort the program. Everything read_catalog allocates is stored in the spec as it
 * goes, so nothing leaks when such an error unwinds it. */
static int read_protected(lua_State *L)
{
    Loader *ld = lua_touserdata(L, 1);
    if (!lua_checkstack(L, 40)) {
        load_fail(ld, 0, "out of memory while reading the catalog");
        ld->rc = -1;
        return 0;
    }
    ld->rc = read_catalog(ld);
    return 0;
}

/* ---------------------------------------------------------------- lifecycle */

int rubric_spec_load(RubricSpec *spec, const char *path, KefuError *err)
{
    Sandbox *sb = NULL;
    char *src = NULL;
    Loader ld = {.r = spec, .path = path, .err = err, .rc = -1};
    int rc = -1;
    memset(spec, 0, sizeof *spec);
    spec->path = xstrdup(path);
    if (!spec->path) {
        kerr_set(err, "out of memory");
        return -1;
    }
    size_t len = 0;
    src = srcfile_read(path, &len, err); /* a plain file: no link, FIFO or device; 1 MiB */
    if (!src)
        goto done;
    sb = sandbox_create(NULL, err);
    if (!sb)
        goto done;
    if (sandbox_run_chunk(sb, src, len, path, err) < 0)
        goto done;
    ld.L = sandbox_state(sb);
    ld.src = src;
    if (index_lines(&ld) < 0) {
        kerr_set(err, "out of memory");
        goto done;
    }
    lua_State *L = ld.L;
    if (!lua_istable(L, -1)) {
        load_fail(&ld, 0, "the file must return the catalog table, got %s", luaL_typename(L, -1));
        goto done;
    }
    lua_pushcfunction(L, read_protected);
    lua_pushlightuserdata(L, &ld);
    lua_pushvalue(L, -3);
    if (lua_pcall(L, 2, 0, 0) != LUA_OK) {
        load_fail(&ld, 0,
                  "out of memory while reading the catalog (the file uses up the "
                  "sandbox's memory)");
        goto done;
    }
    rc = ld.rc;
done:
    free(ld.lines);
    sandbox_destroy(sb);
    free(src);
    return rc;
}

static void patterns_free(PatternListSpec *l)
{
    for (int i = 0; i < l->n; i++)
        free(l->v[i].text);
    free(l->v);
}

static void cond_free(CondSpec *c)
{
    patterns_free(&c->customer);
    patterns_free(&c->unless_customer);
    for (int i = 0; i < c->npersona; i++)
        free(c->persona[i]);
    free(c->persona);
}

void rubric_spec_deinit(RubricSpec *spec)
{
    if (!spec)
        return;
    for (int i = 0; i < spec->n; i++) {
        Principle *p = &spec->p[i].info;
        free((char *)p->id);
        free((char *)p->name);
        free((char *)p->category);
        free((char *)p->source);
        free((char *)p->quote);
        free((char *)p->explain);
        free((char *)p->avoided);
        free((char *)p->family);
        DetectorSpec *d = &spec->p[i].detect;
        for (int k = 0; k < d->nrules; k++) {
            patterns_free(&d->rules[k].any);
            patterns_free(&d->rules[k].all);
            patterns_free(&d->rules[k].unless);
            cond_free(&d->rules[k].when);
        }
        free(d->rules);
        patterns_free(&d->unless);
        patterns_free(&d->never);
        cond_free(&d->model_when);
        for (int k = 0; k < d->nmodel_unless; k++)
            free(d->model_unless[k]);
        free(d->model_unless);
        for (int k = 0; k < d->ncancels; k++)
            free(d->cancels[k]);
        free(d->cancels);
        cond_free(&d->applies);
    }
    free(spec->p);
    for (int i = 0; i < spec->ncats; i++) {
        free((char *)spec->cats[i].id);
        free((char *)spec->cats[i].name);
    }
    free(spec->cats);
    for (int i = 0; i < spec->nfrags; i++) {
        free(spec->frags[i].name);
        free(spec->frags[i].body);
    }
    free(spec->frags);
    free(spec->path);
    free(spec->version);
    free(spec->model);
    memset(spec, 0, sizeof *spec);
}
