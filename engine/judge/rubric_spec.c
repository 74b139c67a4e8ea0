/* rubric_spec: reads scenarios/rubric.lua in the sandbox into a RubricSpec, plain data, and
 * closes Lua: the only part of the rubric that knows Lua. Fields are read through luadata, so
 * a mistake names its field path ("principles[3].detect.any[2]") and the line it is written
 * on, in the words a scenario's same mistake gets. */
#include "judge/rubric_spec.h"

#include <lauxlib.h>
#include <lua.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lua/luadata.h"
#include "lua/sandbox.h"
#include "lua/srcfile.h"

/* ---------------------------------------------------------------- reading context */

/* Every read looks at the table on the top of the stack and names its fields by path. */
typedef struct Loader {
    RubricSpec *r;
    LuaData d;
    int rc; /* read_catalog's result, when run through read_protected */
} Loader;

enum { PATH_MAX_LEN = 160 };

/* path of key inside parent: "parent.key" (a path too long is cut: it still names the
 * start, and the locator finds the steps it holds) */
static const char *at_key(char *buf, const char *parent, const char *key)
{
    if (snprintf(buf, PATH_MAX_LEN, "%s.%s", parent, key) >= PATH_MAX_LEN)
        buf[PATH_MAX_LEN - 1] = '\0';
    return buf;
}

/* path of entry i of the list at parent: "parent[i]" */
static const char *at_index(char *buf, const char *parent, long long i)
{
    if (snprintf(buf, PATH_MAX_LEN, "%s[%lld]", parent, i) >= PATH_MAX_LEN)
        buf[PATH_MAX_LEN - 1] = '\0';
    return buf;
}

static int oom(Loader *ld)
{
    return luadata_fail(&ld->d, NULL, "out of memory while reading the catalog");
}

/* Wraps a lone string on the top of the stack in a list of one, so `any = [[...]]` reads as
 * `any = {[[...]]}`. */
static void wrap_string(lua_State *L)
{
    lua_newtable(L);
    lua_insert(L, -2);
    lua_rawseti(L, -2, 1);
}

/* ---------------------------------------------------------------- patterns and conditions */

/* Reads the list of patterns at field key, path its path (key is a string constant: the list
 * keeps it). Each pattern notes the line it is written on, for the compiler's messages. */
static int read_patterns(Loader *ld, const char *key, const char *path, PatternListSpec *out)
{
    lua_State *L = ld->d.L;
    char ip[PATH_MAX_LEN];
    out->key = key;
    int t = sandbox_rawfield(L, -1, key);
    int single = t == LUA_TSTRING; /* one pattern may be written without braces */
    if (t == LUA_TNIL) {
        lua_pop(L, 1);
        return 0;
    }
    if (single) {
        wrap_string(L);
    } else if (t != LUA_TTABLE) {
        lua_pop(L, 1);
        return luadata_fail(&ld->d, path, "'%s' must be a list of patterns, got %s", path,
                            lua_typename(L, t));
    }
    lua_Integer n = (lua_Integer)lua_rawlen(L, -1);
    out->v = calloc((size_t)(n ? n : 1), sizeof *out->v);
    if (!out->v) {
        lua_pop(L, 1);
        return oom(ld);
    }
    for (lua_Integer i = 1; i <= n; i++) {
        const char *where = single ? path : at_index(ip, path, i);
        PatternSpec *ps = &out->v[out->n];
        if (luadata_item_string(&ld->d, i, where, 0, &ps->text) < 0) {
            lua_pop(L, 1);
            return -1;
        }
        ps->line = luadata_line(&ld->d, where);
        out->n++;
    }
    lua_pop(L, 1);
    return 0;
}

/* Reads key = {"id", ...} (or one id as a string) into a list of copies; what says what the
 * ids name, for messages. Returns 1, 0 when absent, -1 after reporting. Principle ids are
 * checked against the catalog once it is all read (rubric.c): they may name later ones. */
static int read_ids(Loader *ld, const char *key, const char *path, const char *what, char ***out,
                    int *n)
{
    lua_State *L = ld->d.L;
    char ip[PATH_MAX_LEN];
    int t = sandbox_rawfield(L, -1, key);
    if (t == LUA_TSTRING) {
        wrap_string(L);
        t = LUA_TTABLE;
    }
    if (t != LUA_TTABLE) {
        lua_pop(L, 1);
        if (t == LUA_TNIL)
            return 0;
        return luadata_fail(&ld->d, path, "'%s' must be a list of %s, got %s", path, what,
                            lua_typename(L, t));
    }
    lua_Integer len = (lua_Integer)lua_rawlen(L, -1);
    *out = calloc((size_t)(len ? len : 1), sizeof **out);
    if (!*out) {
        lua_pop(L, 1);
        return oom(ld);
    }
    for (lua_Integer i = 1; i <= len; i++) {
        if (luadata_item_string(&ld->d, i, at_index(ip, path, i), 0, &(*out)[*n]) < 0) {
            lua_pop(L, 1);
            return -1;
        }
        (*n)++;
    }
    lua_pop(L, 1);
    return 1;
}

static const char *const COND_KEYS[] = {"customer", "unless_customer", "persona", "turn_max", NULL};

/* Reads the condition at field key of the table at parent (`when`, `applies`, `model_when`). */
static int read_cond(Loader *ld, const char *key, const char *parent, CondSpec *c)
{
    lua_State *L = ld->d.L;
    char path[PATH_MAX_LEN], sub[PATH_MAX_LEN];
    c->turn_max = -1;
    at_key(path, parent, key);
    int rc = luadata_table(&ld->d, key, NULL, path, 0);
    if (rc <= 0)
        return rc;
    if (luadata_known_keys(&ld->d, path, COND_KEYS, NULL) < 0 ||
        read_patterns(ld, "customer", at_key(sub, path, "customer"), &c->customer) < 0 ||
        read_patterns(ld, "unless_customer", at_key(sub, path, "unless_customer"),
                      &c->unless_customer) < 0)
        goto fail;
    if (c->unless_customer.n && strcmp(key, "when") != 0 && strcmp(key, "model_when") != 0) {
        luadata_fail(&ld->d, at_key(sub, path, "unless_customer"),
                     "'%s': 'unless_customer' belongs in a rule's 'when' (in '%s' any one "
                     "condition holding is enough, so a condition that only excludes says "
                     "nothing)",
                     sub, key);
        goto fail;
    }
    if (c->customer.n || c->unless_customer.n)
        c->set = 1;
    rc = read_ids(ld, "persona", at_key(sub, path, "persona"), "persona ids", &c->persona,
                  &c->npersona);
    if (rc < 0)
        goto fail;
    if (rc > 0)
        c->set = 1;
    double turn = 0;
    rc = luadata_number(&ld->d, "turn_max", NULL, at_key(sub, path, "turn_max"), &turn);
    if (rc < 0)
        goto fail;
    if (rc > 0) {
        if (!(turn >= 0 && turn <= 1e6 && turn == floor(turn))) {
            luadata_fail(&ld->d, sub, "'%s' must be a whole number >= 0, got %g", sub, turn);
            goto fail;
        }
        c->turn_max = (int)turn;
        c->set = 1;
    }
    lua_pop(L, 1);
    return 0;
fail:
    lua_pop(L, 1);
    return -1;
}

/* ---------------------------------------------------------------- detectors */

static const char *const RULE_KEYS[] = {"any", "all", "unless", "when", NULL};
static const char *const DETECT_KEYS[] = {"any", "all", "unless", "when", "builtin", NULL};
static const char *const BUILTINS[] = {"long_reply", "unreadable", NULL};

/* Reads the rule at path (the table on the top of the stack). */
static int read_rule(Loader *ld, const char *path, RuleSpec *rule)
{
    char sub[PATH_MAX_LEN];
    if (luadata_known_keys(&ld->d, path, RULE_KEYS, NULL) < 0 ||
        read_patterns(ld, "any", at_key(sub, path, "any"), &rule->any) < 0 ||
        read_patterns(ld, "all", at_key(sub, path, "all"), &rule->all) < 0 ||
        read_patterns(ld, "unless", at_key(sub, path, "unless"), &rule->unless) < 0 ||
        read_cond(ld, "when", path, &rule->when) < 0)
        return -1;
    if (rule->any.n == 0)
        return luadata_fail(&ld->d, path, "'%s': a detector rule needs at least one 'any' pattern",
                            path);
    return 0;
}

/* Reads detect = {rule} or {{rule}, {rule}, unless = {...}} or {builtin = "..."} of the
 * principle at ppath (the table on the top of the stack). */
static int read_detector(Loader *ld, const char *ppath, const Principle *p, DetectorSpec *d)
{
    lua_State *L = ld->d.L;
    char path[PATH_MAX_LEN], sub[PATH_MAX_LEN];
    at_key(path, ppath, "detect");
    if (sandbox_rawfield(L, -1, "detect") != LUA_TTABLE) {
        lua_pop(L, 1);
        return luadata_fail(&ld->d, path, "'%s': a %s needs a detector ('detect' table)", ppath,
                            p->kind == KIND_VIOLATION ? "violation" : "technique");
    }
    if (luadata_known_fields(&ld->d, path, DETECT_KEYS, NULL, LUADATA_LIST) < 0)
        goto fail;
    char *builtin = NULL;
    int rc = luadata_string(&ld->d, "builtin", NULL, at_key(sub, path, "builtin"), 0, &builtin);
    if (rc < 0)
        goto fail;
    if (rc > 0) {
        int k = luadata_choice(&ld->d, NULL, sub, builtin, BUILTINS);
        free(builtin);
        if (k < 0)
            goto fail;
        d->builtin = k == 0 ? BUILTIN_LONG_REPLY : BUILTIN_UNREADABLE;
        lua_pop(L, 1);
        return 0;
    }
    int nrules = (int)lua_rawlen(L, -1);
    sandbox_rawfield(L, -1, "any");
    int single = !lua_isnil(L, -1);
    lua_pop(L, 1);
    if (single && nrules) {
        luadata_fail(&ld->d, path, "'%s' is either one rule {any=...} or a list of rules, not both",
                     path);
        goto fail;
    }
    if (!single && !nrules) {
        luadata_fail(&ld->d, path, "'%s' has no rules (give 'any' patterns)", path);
        goto fail;
    }
    d->rules = calloc((size_t)(single ? 1 : nrules), sizeof *d->rules);
    if (!d->rules) {
        oom(ld);
        goto fail;
    }
    d->nrules = single ? 1 : nrules;
    if (single) {
        if (read_rule(ld, path, &d->rules[0]) < 0)
            goto fail;
    } else {
        /* the list form keeps 'unless' for all rules and no rule fields of its own */
        sandbox_rawfield(L, -1, "all");
        sandbox_rawfield(L, -2, "when");
        int stray = !lua_isnil(L, -1) || !lua_isnil(L, -2);
        lua_pop(L, 2);
        if (stray) {
            luadata_fail(&ld->d, path,
                         "'%s': with a list of rules, put 'all' and 'when' inside a "
                         "rule",
                         path);
            goto fail;
        }
        if (read_patterns(ld, "unless", at_key(sub, path, "unless"), &d->unless) < 0)
            goto fail;
        for (int i = 0; i < nrules; i++) {
            if (luadata_item_table(&ld->d, i + 1, at_index(sub, path, i + 1)) < 0)
                goto fail;
            rc = read_rule(ld, sub, &d->rules[i]);
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

/* ---------------------------------------------------------------- principles */

static const char *const PRINCIPLE_KEYS[] = {
    "id",      "name",       "kind",         "critical", "category", "source",  "quote",
    "explain", "detect",     "applies",      "gate",     "never",    "avoided", "model_threshold",
    "family",  "model_when", "model_unless", "cancels",  NULL};
static const char *const KINDS[] = {"technique", "violation", "timing", NULL};
static const PrincipleKind KIND_OF[] = {KIND_TECHNIQUE, KIND_VIOLATION, KIND_TIMING};

/* The principle's id: lower case letters, digits and _, and not listed before it. */
static int read_id(Loader *ld, const char *path, int pi, Principle *p)
{
    char sub[PATH_MAX_LEN], *s = NULL;
    at_key(sub, path, "id");
    if (luadata_string(&ld->d, "id", NULL, sub, LUADATA_REQUIRED, &s) < 0)
        return -1;
    p->id = s;
    for (const char *c = p->id; *c; c++)
        if (!((*c >= 'a' && *c <= 'z') || (*c >= '0' && *c <= '9') || *c == '_'))
            return luadata_fail(&ld->d, sub,
                                "'%s' must be lower case letters, digits and _, got \"%s\"", sub,
                                p->id);
    for (int k = 0; k < pi; k++)
        if (strcmp(ld->r->p[k].info.id, p->id) == 0)
            return luadata_fail(&ld->d, sub,
                                "'%s': principle %s is listed twice (also "
                                "principles[%d])",
                                sub, p->id, k + 1);
    return 0;
}

/* The principle's texts: what the scorecard shows. */
static int read_texts(Loader *ld, const char *path, Principle *p)
{
    static const char *const keys[] = {"name",    "category", "source", "quote",
                                       "explain", "avoided",  "family"};
    const char **slots[] = {&p->name,    &p->category, &p->source, &p->quote,
                            &p->explain, &p->avoided,  &p->family};
    char sub[PATH_MAX_LEN];
    for (int i = 0; i < 7; i++) {
        char *s = NULL;
        /* avoided and family are optional */
        unsigned flags = i < 5 ? LUADATA_REQUIRED : 0;
        if (luadata_string(&ld->d, keys[i], NULL, at_key(sub, path, keys[i]), flags, &s) < 0)
            return -1;
        *slots[i] = s;
    }
    char *kind = NULL;
    if (luadata_string(&ld->d, "kind", NULL, at_key(sub, path, "kind"), LUADATA_REQUIRED, &kind) <
        0)
        return -1;
    int k = luadata_choice(&ld->d, NULL, sub, kind, KINDS);
    free(kind);
    if (k < 0)
        return -1;
    p->kind = KIND_OF[k];
    for (int c = 0; c < ld->r->ncats; c++)
        if (strcmp(ld->r->cats[c].id, p->category) == 0)
            return 0;
    at_key(sub, path, "category");
    return luadata_fail(&ld->d, sub, "'%s': unknown category \"%s\" (not in categories)", sub,
                        p->category);
}

/* The fields that refine a principle's judgement: critical, gate, applies, never, the meaning
 * model's, cancels; each checked against the kind. */
static int read_refinements(Loader *ld, const char *path, Principle *p, DetectorSpec *d)
{
    char sub[PATH_MAX_LEN];
    int critical = 0;
    if (luadata_boolean(&ld->d, "critical", NULL, at_key(sub, path, "critical"), &critical) < 0)
        return -1;
    p->critical = critical;
    if (p->critical && p->kind != KIND_VIOLATION)
        return luadata_fail(&ld->d, sub, "'%s': only a violation can be critical", sub);
    if (luadata_boolean(&ld->d, "gate", NULL, at_key(sub, path, "gate"), &d->gate) < 0)
        return -1;
    if (read_cond(ld, "applies", path, &d->applies) < 0)
        return -1;
    if (p->avoided && p->kind != KIND_VIOLATION)
        return luadata_fail(&ld->d, at_key(sub, path, "avoided"),
                            "'%s': 'avoided' names a violation avoided; %s is not a violation", sub,
                            p->id);
    if (p->family && p->kind != KIND_TECHNIQUE)
        return luadata_fail(&ld->d, at_key(sub, path, "family"),
                            "'%s': only a technique has a 'family'", sub);
    /* never = {patterns}: replies that never show this principle, whatever a rule or the
     * meaning model finds (a trainer's last word on a phrase) */
    if (read_patterns(ld, "never", at_key(sub, path, "never"), &d->never) < 0)
        return -1;
    /* model_when = {...}: where the meaning model may judge this principle (a `when`: unknown
     * context does not hold), e.g. arguing only facing something the customer said */
    if (read_cond(ld, "model_when", path, &d->model_when) < 0)
        return -1;
    /* model_unless = {ids}: the model's verdict gives way where the reply also shows one of
     * these (an argument softened with an apology or an offer to check is an explanation) */
    if (read_ids(ld, "model_unless", at_key(sub, path, "model_unless"), "principle ids",
                 &d->model_unless, &d->nmodel_unless) < 0)
        return -1;
    /* cancels = {ids} or "techniques": what this principle takes away from the same reply
     * (sarcasm's praise is no praise; a reply the customer cannot read earns nothing) */
    if (read_ids(ld, "cancels", at_key(sub, path, "cancels"), "principle ids", &d->cancels,
                 &d->ncancels) < 0)
        return -1;
    d->model_threshold = NAN;
    int has_threshold = luadata_number(&ld->d, "model_threshold", NULL,
                                       at_key(sub, path, "model_threshold"), &d->model_threshold);
    if (has_threshold < 0)
        return -1;
    if (has_threshold && !isfinite(d->model_threshold))
        return luadata_fail(&ld->d, sub, "'%s' must be a finite number, got %g", sub,
                            d->model_threshold);
    if ((d->never.n || has_threshold || d->model_when.set) && p->kind == KIND_TIMING)
        return luadata_fail(&ld->d, path,
                            "'%s': a timing principle is measured from timestamps; 'never', "
                            "'model_when' and 'model_threshold' are for techniques and "
                            "violations",
                            path);
    return 0;
}

/* Reads principles[pi + 1], the table on the top of the stack. */
static int read_principle(Loader *ld, int pi)
{
    Principle *p = &ld->r->p[pi].info;
    DetectorSpec *d = &ld->r->p[pi].detect;
    char path[PATH_MAX_LEN], sub[PATH_MAX_LEN];
    at_index(path, "principles", pi + 1);
    if (read_id(ld, path, pi, p) < 0 ||
        luadata_known_keys(&ld->d, path, PRINCIPLE_KEYS, NULL) < 0 || read_texts(ld, path, p) < 0 ||
        read_refinements(ld, path, p, d) < 0)
        return -1;
    if (p->kind != KIND_TIMING)
        return read_detector(ld, path, p, d);
    int has = sandbox_rawfield(ld->d.L, -1, "detect") != LUA_TNIL;
    lua_pop(ld->d.L, 1);
    if (has)
        return luadata_fail(&ld->d, at_key(sub, path, "detect"),
                            "'%s': a timing principle is measured from timestamps and takes no "
                            "detector",
                            sub);
    return 0;
}

/* ---------------------------------------------------------------- the catalog */

static int read_thresholds(Loader *ld)
{
    static const char *const names[] = {"first_response_s", "first_response_excellent_s",
                                        "reply_wait_s",     "typing_cpm",
                                        "long_reply_chars", NULL};
    double *slots[] = {&ld->r->th.first_response_s, &ld->r->th.first_response_excellent_s,
                       &ld->r->th.reply_wait_s, &ld->r->th.typing_cpm, &ld->r->th.long_reply_chars};
    char sub[PATH_MAX_LEN];
    if (luadata_table(&ld->d, "thresholds", NULL, "thresholds", LUADATA_REQUIRED) < 0)
        return -1;
    if (luadata_known_keys(&ld->d, "thresholds", names, NULL) < 0)
        goto fail;
    for (int i = 0; names[i]; i++) {
        double v = 0;
        int rc = luadata_number(&ld->d, names[i], NULL, at_key(sub, "thresholds", names[i]), &v);
        if (rc < 0)
            goto fail;
        if (rc == 0) {
            luadata_fail(&ld->d, sub, "'%s' is required (a number above 0)", sub);
            goto fail;
        }
        if (!(v > 0)) {
            luadata_fail(&ld->d, sub, "'%s' must be a number above 0, got %g", sub, v);
            goto fail;
        }
        *slots[i] = v;
    }
    lua_pop(ld->d.L, 1);
    return 0;
fail:
    lua_pop(ld->d.L, 1);
    return -1;
}

static int read_categories(Loader *ld)
{
    lua_State *L = ld->d.L;
    char path[PATH_MAX_LEN], sub[PATH_MAX_LEN];
    if (luadata_table(&ld->d, "categories", NULL, "categories", LUADATA_REQUIRED) < 0)
        return -1;
    int n = (int)lua_rawlen(L, -1);
    ld->r->cats = calloc((size_t)(n ? n : 1), sizeof *ld->r->cats);
    if (!ld->r->cats) {
        lua_pop(L, 1);
        return oom(ld);
    }
    for (int i = 1; i <= n; i++) {
        char *id = NULL, *name = NULL;
        at_index(path, "categories", i);
        if (luadata_item_table(&ld->d, i, path) < 0) {
            lua_pop(L, 1);
            return -1;
        }
        if (luadata_string(&ld->d, "id", NULL, at_key(sub, path, "id"), LUADATA_REQUIRED, &id) <
                0 ||
            luadata_string(&ld->d, "name", NULL, at_key(sub, path, "name"), LUADATA_REQUIRED,
                           &name) < 0) {
            free(id);
            lua_pop(L, 2);
            return -1;
        }
        ld->r->cats[i - 1].id = id;
        ld->r->cats[i - 1].name = name;
        ld->r->ncats = i;
        lua_pop(L, 1);
    }
    lua_pop(L, 1);
    if (n == 0)
        return luadata_fail(&ld->d, "categories",
                            "'categories' is empty (give at least one {id = ..., name = ...})");
    return 0;
}

/* fragments = {NAME = "pattern"}: named pieces of pattern, used as {NAME}. */
static int read_fragments(Loader *ld)
{
    lua_State *L = ld->d.L;
    char sub[PATH_MAX_LEN];
    int rc = luadata_table(&ld->d, "fragments", NULL, "fragments", 0);
    if (rc <= 0)
        return rc;
    lua_pushnil(L);
    while (lua_next(L, -2)) {
        if (lua_type(L, -2) != LUA_TSTRING) {
            lua_pop(L, 3);
            return luadata_fail(&ld->d, "fragments",
                                "'fragments' has an unexpected list entry (each is NAME = "
                                "\"pattern\")");
        }
        const char *name = lua_tostring(L, -2);
        at_key(sub, "fragments", name);
        for (const char *c = name; *c; c++)
            if (!((*c >= 'A' && *c <= 'Z') || (*c >= '0' && *c <= '9') || *c == '_') ||
                (c == name && !(*c >= 'A' && *c <= 'Z'))) {
                lua_pop(L, 3);
                return luadata_fail(
                    &ld->d, sub, "'%s': a fragment's name must be upper case (A-Z, 0-9, _)", sub);
            }
        FragmentSpec *f = realloc(ld->r->frags, (size_t)(ld->r->nfrags + 1) * sizeof *f);
        if (!f) {
            lua_pop(L, 3);
            return oom(ld);
        }
        ld->r->frags = f;
        f += ld->r->nfrags;
        f->body = NULL;
        if (!(f->name = strdup(name))) {
            lua_pop(L, 3);
            return oom(ld);
        }
        ld->r->nfrags++;
        /* the value on the top is what a string read checks: wrap it as entry 1 */
        wrap_string(L);
        rc = luadata_item_string(&ld->d, 1, sub, 0, &f->body);
        lua_pop(L, 1);
        if (rc < 0) {
            lua_pop(L, 2);
            return -1;
        }
    }
    lua_pop(L, 1);
    return 0;
}

/* model = "rubric.model": the meaning model's file, named relative to the catalog's folder
 * (only a plain file name there: no folders, so a catalog cannot point outside its own). */
static int read_model(Loader *ld)
{
    char *name = NULL;
    if (luadata_string(&ld->d, "model", NULL, "model", 0, &name) < 0)
        return -1;
    if (!name)
        return 0;
    if (!*name || strchr(name, '/') || strchr(name, '\\') || name[0] == '.') {
        luadata_fail(&ld->d, "model", "'model' must be a file name beside the catalog, got \"%s\"",
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
        return oom(ld);
    }
    memcpy(ld->r->model, ld->r->path, dir);
    memcpy(ld->r->model + dir, name, n + 1);
    ld->r->model_line = luadata_line(&ld->d, "model");
    free(name);
    return 0;
}

static const char *const TOP_KEYS[] = {"version",    "categories", "thresholds", "fragments",
                                       "principles", "model",      "defaults", NULL};

static int known_id(const RubricSpec *r, const char *id)
{
    for (int i = 0; i < r->n; i++)
        if (strcmp(r->p[i].info.id, id) == 0)
            return 1;
    return 0;
}

/* defaults = { weights = { {id = "first_response", weight = 8}, ... } }: the principles
 * (known ids) a scenario scores without listing them. */
static int read_defaults(Loader *ld)
{
    lua_State *L = ld->d.L;
    char path[PATH_MAX_LEN];
    int rc = luadata_table(&ld->d, "defaults", NULL, "defaults", 0);
    if (rc <= 0)
        return rc;
    rc = luadata_table(&ld->d, "weights", NULL, "defaults.weights", 0);
    if (rc <= 0) {
        lua_pop(L, 1);
        return rc;
    }
    int n = (int)lua_rawlen(L, -1);
    rc = 0;
    for (int i = 0; i < n && rc == 0; i++) {
        at_index(path, "defaults.weights", i + 1);
        char *id = NULL;
        double w = 0;
        if (i >= RUBRIC_MAX_DEFAULTS)
            rc = luadata_fail(&ld->d, path, "'defaults.weights' lists more than %d principles",
                              RUBRIC_MAX_DEFAULTS);
        else if (luadata_item_table(&ld->d, i + 1, path) < 0)
            rc = -1;
        else {
            char sub[PATH_MAX_LEN];
            if (luadata_string(&ld->d, "id", NULL, at_key(sub, path, "id"), LUADATA_REQUIRED,
                               &id) < 0 ||
                luadata_number(&ld->d, "weight", NULL, at_key(sub, path, "weight"), &w) < 1 ||
                luadata_range(&ld->d, NULL, sub, w, 0.1, 100) < 0)
                rc = luadata_fail(&ld->d, sub, "'%s' must be a number from 0.1 to 100", sub);
            else if (!known_id(ld->r, id))
                rc = luadata_fail(&ld->d, at_key(sub, path, "id"),
                                  "'%s': unknown principle id '%s'", path, id);
            lua_pop(L, 1);
        }
        if (rc < 0) {
            free(id);
            break;
        }
        ld->r->default_ids[i] = id;
        ld->r->default_weights[i] = w;
        ld->r->ndefaults = i + 1;
    }
    lua_pop(L, 2);
    return rc;
}

/* Reads the catalog, the table on the top of the stack. */
static int read_catalog(Loader *ld)
{
    lua_State *L = ld->d.L;
    if (luadata_known_keys(&ld->d, NULL, TOP_KEYS, NULL) < 0 ||
        luadata_string(&ld->d, "version", NULL, "version", LUADATA_REQUIRED, &ld->r->version) < 0 ||
        read_categories(ld) < 0 || read_thresholds(ld) < 0 || read_fragments(ld) < 0 ||
        read_model(ld) < 0)
        return -1;
    if (luadata_table(&ld->d, "principles", NULL, "principles", LUADATA_REQUIRED) < 0)
        return -1;
    int n = (int)lua_rawlen(L, -1);
    ld->r->p = calloc((size_t)(n ? n : 1), sizeof *ld->r->p);
    if (!ld->r->p) {
        lua_pop(L, 1);
        return oom(ld);
    }
    for (int i = 0; i < n; i++) {
        char path[PATH_MAX_LEN];
        if (luadata_item_table(&ld->d, i + 1, at_index(path, "principles", i + 1)) < 0) {
            lua_pop(L, 1);
            return -1;
        }
        ld->r->n = i + 1; /* so rubric_spec_deinit frees what was read */
        int rc = read_principle(ld, i);
        lua_pop(L, 1);
        if (rc < 0) {
            lua_pop(L, 1);
            return -1;
        }
    }
    lua_pop(L, 1);
    if (n == 0)
        return luadata_fail(&ld->d, "principles", "'principles' is empty");
    return read_defaults(ld);
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
        ld->rc = oom(ld);
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
    Loader ld = {.r = spec, .rc = -1};
    int rc = -1;
    memset(spec, 0, sizeof *spec);
    luadata_init(&ld.d, NULL, path, NULL, 0, err);
    spec->path = strdup(path);
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
    luadata_init(&ld.d, sandbox_state(sb), path, src, len, err);
    ld.d.quote = 1; /* fields are named as a scenario's are: 'principles[3].name' */
    lua_State *L = ld.d.L;
    if (!lua_istable(L, -1)) {
        luadata_fail(&ld.d, NULL, "the file must return the catalog table, got %s",
                     luaL_typename(L, -1));
        goto done;
    }
    lua_pushcfunction(L, read_protected);
    lua_pushlightuserdata(L, &ld);
    lua_pushvalue(L, -3);
    if (lua_pcall(L, 2, 0, 0) != LUA_OK) {
        ld.d.failed = 0; /* the memory error outranks whatever was being reported */
        luadata_fail(&ld.d, NULL,
                     "out of memory while reading the catalog (the file uses up the "
                     "sandbox's memory)");
        goto done;
    }
    rc = ld.rc;
done:
    luadata_deinit(&ld.d);
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
    for (int i = 0; i < spec->ndefaults; i++)
        free(spec->default_ids[i]);
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
