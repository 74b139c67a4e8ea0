/* rush: the rush file read as plain data, several sessions on one clock, the rush's timings. */
#include "persona/rush.h"

#include <lauxlib.h>
#include <lua.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "base/buf.h"
#include "lua/luadata.h"
#include "lua/sandbox.h"
#include "lua/srcfile.h"

#include "base/platform.h"

/* ======================================================================================== */
/* Reading the file                                                                          */
/* ======================================================================================== */

static const char *const top_keys[] = {"kind", "id", "title", "customers", "tests", NULL};
static const char *const customer_keys[] = {"persona", "at", "seed", "product", NULL};
static const char *const test_keys[] = {"name", "replies", "expect", NULL};
static const char *const reply_keys[] = {"to", "after", "typing", "text", NULL};

/* The length of the plain list on the stack top (1..max), or -1 after reporting. */
static int list_len(LuaData *d, const char *path, int max)
{
    lua_Unsigned n = (lua_Unsigned)lua_rawlen(d->L, -1), keys = 0;
    lua_pushnil(d->L);
    while (lua_next(d->L, -2)) {
        lua_pop(d->L, 1);
        keys++;
    }
    if (keys != n)
        return luadata_fail(d, path, "'%s' must be a plain list { ..., ... }", path);
    if (n == 0)
        return luadata_fail(d, path, "'%s' must list at least one entry", path);
    if (n > (lua_Unsigned)max)
        return luadata_fail(d, path, "'%s' lists %llu entries; at most %d", path,
                            (unsigned long long)n, max);
    return (int)n;
}

/* Reads a number field within lo..hi (whole when asked). 1 read, 0 absent, -1 reported. */
static int number_in(LuaData *d, const char *key, const char *path, double lo, double hi, int whole,
                     double *out)
{
    char name[120];
    snprintf(name, sizeof name, "'%s'", path);
    int rc = luadata_number(d, key, name, path, out);
    if (rc != 1)
        return rc;
    if (luadata_range(d, name, path, *out, lo, hi) < 0)
        return -1;
    if (whole && *out != floor(*out))
        return luadata_fail(d, path, "'%s' must be a whole number, got %g", path, *out);
    return 1;
}

/* The folder of path with a trailing '/', or "" (no folder). */
static void folder_of(const char *path, char *out, size_t size)
{
    const char *slash = plat_last_sep(path);
    size_t n = slash ? (size_t)(slash - path) + 1 : 0;
    snprintf(out, size, "%.*s", (int)n, path);
}

/* Writes the plain value at idx as Lua source that makes it again (strings byte for byte,
 * integers and floats keeping their kind). Returns 0, or -1 after reporting a value that is
 * no data (a function) or tables nested past 16 (a table inside itself), named path. */
static int put_lua(LuaData *d, Buf *b, int idx, const char *path, int depth)
{
    lua_State *L = d->L;
    idx = lua_absindex(L, idx);
    switch (lua_type(L, idx)) {
    case LUA_TBOOLEAN:
        buf_puts(b, lua_toboolean(L, idx) ? "true" : "false");
        return 0;
    case LUA_TNUMBER:
        if (lua_isinteger(L, idx)) {
            lua_Integer v = lua_tointeger(L, idx);
            if (v == LUA_MININTEGER)
                buf_puts(b, "math.mininteger");
            else
                buf_printf(b, "%lld", (long long)v);
        } else {
            double v = lua_tonumber(L, idx);
            char num[40];
            if (v != v)
                snprintf(num, sizeof num, "(0/0)");
            else if (isinf(v))
                snprintf(num, sizeof num, "(%s1/0)", v < 0 ? "-" : "");
            else if (snprintf(num, sizeof num, "%.17g", v) > 0 && !strpbrk(num, ".en"))
                strcat(num, ".0"); /* 3.0 stays a float: {product.price} says "3.0" */
            buf_puts(b, num);
        }
        return 0;
    case LUA_TSTRING: {
        size_t len = 0;
        const unsigned char *v = (const unsigned char *)lua_tolstring(L, idx, &len);
        buf_putc(b, '"');
        for (size_t i = 0; i < len; i++) {
            if (v[i] < 32 || v[i] == 127 || v[i] == '"' || v[i] == '\\')
                buf_printf(b, "\\%03u", v[i]);
            else
                buf_putc(b, (char)v[i]);
        }
        buf_putc(b, '"');
        return 0;
    }
    case LUA_TTABLE:
        if (depth > 16)
            return luadata_fail(d, path, "'%s' is nested too deeply (a table inside itself?)",
                                path);
        buf_putc(b, '{');
        lua_pushnil(L);
        while (lua_next(L, idx)) {
            buf_putc(b, '[');
            int bad = put_lua(d, b, -2, path, depth + 1) < 0;
            buf_puts(b, "]=");
            if (bad || put_lua(d, b, -1, path, depth + 1) < 0) {
                lua_pop(L, 2);
                return -1;
            }
            buf_putc(b, ',');
            lua_pop(L, 1);
        }
        buf_putc(b, '}');
        return 0;
    default:
        return luadata_fail(d, path, "'%s' must be plain data (strings, numbers, tables), not a %s",
                            path, luaL_typename(L, idx));
    }
}

/* customers[i].product = {...} (the customer table on the stack top): the card checked as a
 * persona's, kept as Lua source. */
static void read_product_card(LuaData *d, RushCustomer *c, const char *path)
{
    char at[96];
    snprintf(at, sizeof at, "%s.product", path);
    if (luadata_table(d, "product", NULL, at, 0) != 1)
        return;
    Product card;
    int rc = product_read(d, at, &card);
    product_deinit(&card);
    Buf b = {0};
    buf_puts(&b, "return ");
    if (rc == 0 && put_lua(d, &b, -1, at, 0) == 0 && !(c->card = buf_take(&b)))
        luadata_fail(d, NULL, "out of memory");
    buf_free(&b);
    c->card_line = luadata_line(d, at);
    lua_pop(d->L, 1);
}

static void read_customers(LuaData *d, RushSpec *spec, const char *dir)
{
    if (luadata_table(d, "customers", "'customers'", "customers", LUADATA_REQUIRED) != 1)
        return;
    int n = list_len(d, "customers", RUSH_MAX_CUSTOMERS);
    if (n > 0 && !(spec->customers = calloc((size_t)n, sizeof *spec->customers)))
        luadata_fail(d, NULL, "out of memory");
    char here[4096];
    folder_of(spec->path, here, sizeof here);
    for (int i = 1; i <= n && !d->failed && spec->customers; i++) {
        char path[64], at[80], prefix[80];
        snprintf(path, sizeof path, "customers[%d]", i);
        if (luadata_item_table(d, i, path) != 1)
            break;
        RushCustomer *c = &spec->customers[spec->ncustomers++];
        c->seed = -1;
        snprintf(prefix, sizeof prefix, "%s", path);
        if (luadata_known_keys(d, prefix, customer_keys, "persona, at, seed, product") == 0) {
            snprintf(at, sizeof at, "%s.persona", path);
            if (luadata_string(d, "persona", NULL, at, LUADATA_REQUIRED | LUADATA_NONEMPTY,
                               &c->persona) == 1) {
                /* An id is one of the scenarios folder's; a path is the rush file's
                 * neighbour. */
                int is_path = strchr(c->persona, '/') ||
                              (strlen(c->persona) > 4 &&
                               strcmp(c->persona + strlen(c->persona) - 4, ".lua") == 0);
                char rel[4096], resolved[4096];
                snprintf(rel, sizeof rel, "%s%s", is_path && c->persona[0] != '/' ? here : "",
                         c->persona);
                KefuError e2;
                PlatStat st;
                if (scenario_resolve(dir, rel, resolved, sizeof resolved, &e2) < 0 ||
                    plat_stat(resolved, &st) < 0 || !S_ISREG(st.mode))
                    luadata_fail(d, at, "'%s' names \"%s\": no such persona (%s)", at, c->persona,
                                 is_path ? rel : "not in the scenarios folder");
                else if (!(c->path = strdup(resolved)))
                    luadata_fail(d, NULL, "out of memory");
            }
            snprintf(at, sizeof at, "%s.at", path);
            if (!d->failed && number_in(d, "at", at, 0, RUSH_MAX_ARRIVAL_S, 0, &c->at) == 0)
                luadata_fail(d, path, "'%s' needs an arrival time in seconds (at = 0)", path);
            if (!d->failed && i > 1 && c->at < spec->customers[i - 2].at)
                luadata_fail(d, at,
                             "'%s' (%g) is before customers[%d].at (%g): list customers in the "
                             "order they arrive",
                             at, c->at, i - 1, spec->customers[i - 2].at);
            double seed = 0;
            snprintf(at, sizeof at, "%s.seed", path);
            if (!d->failed && number_in(d, "seed", at, 0, 4294967295.0, 1, &seed) == 1)
                c->seed = (long long)seed;
            if (!d->failed)
                read_product_card(d, c, path);
        }
        lua_pop(d->L, 1);
    }
    lua_pop(d->L, 1);
}

/* One scripted reply of a self-test, as a replies file's line would hold it. */
static void read_reply(LuaData *d, RushTest *t, const char *path, int ncust)
{
    char at[256];
    if (luadata_known_keys(d, path, reply_keys, "to, after, typing, text") < 0)
        return;
    double to = 0, after = 0, typing = -1;
    char *text = NULL;
    snprintf(at, sizeof at, "%s.to", path);
    if (number_in(d, "to", at, 1, ncust, 1, &to) == 0)
        luadata_fail(d, path, "'%s' needs 'to', the customer it answers (1 to %d)", path, ncust);
    snprintf(at, sizeof at, "%s.after", path);
    if (!d->failed && number_in(d, "after", at, 0, 86400, 0, &after) == 0)
        luadata_fail(d, path, "'%s' needs 'after' (seconds)", path);
    snprintf(at, sizeof at, "%s.typing", path);
    if (!d->failed)
        number_in(d, "typing", at, 0, 86400, 0, &typing);
    snprintf(at, sizeof at, "%s.text", path);
    if (!d->failed &&
        luadata_string(d, "text", NULL, at, LUADATA_REQUIRED | LUADATA_NONEMPTY, &text) == 1) {
        char to_text[16];
        snprintf(to_text, sizeof to_text, "%d", (int)to);
        if (script_add_to(&t->replies, after, typing, text, to_text, luadata_line(d, path)) < 0)
            luadata_fail(d, NULL, "out of memory");
    }
    free(text);
}

static void read_test(LuaData *d, RushTest *t, const char *path, int ncust)
{
    char at[120];
    if (luadata_known_keys(d, path, test_keys, "name, replies, expect") < 0)
        return;
    snprintf(at, sizeof at, "%s.name", path);
    if (luadata_string(d, "name", NULL, at, LUADATA_REQUIRED | LUADATA_NONEMPTY, &t->name) != 1)
        return;
    snprintf(at, sizeof at, "%s.replies", path);
    if (luadata_table(d, "replies", NULL, at, LUADATA_REQUIRED) != 1)
        return;
    int n = list_len(d, at, 1000);
    for (int i = 1; i <= n && !d->failed; i++) {
        char rp[192];
        snprintf(rp, sizeof rp, "%.150s[%d]", at, i);
        if (luadata_item_table(d, i, rp) != 1)
            break;
        read_reply(d, t, rp, ncust);
        lua_pop(d->L, 1);
    }
    lua_pop(d->L, 1);
    if (d->failed)
        return;
    /* expect = { "sale", "left", ... }: every customer's outcome, in arrival order. */
    snprintf(at, sizeof at, "%s.expect", path);
    if (luadata_table(d, "expect", NULL, at, LUADATA_REQUIRED) != 1)
        return;
    n = list_len(d, at, RUSH_MAX_CUSTOMERS);
    if (n > 0 && n != ncust)
        luadata_fail(d, at, "'%s' lists %d outcomes; the rush has %d customers", at, n, ncust);
    if (!d->failed && !(t->expect = calloc((size_t)ncust, sizeof *t->expect)))
        luadata_fail(d, NULL, "out of memory");
    for (int i = 1; i <= n && !d->failed; i++) {
        char ep[192], *name = NULL;
        snprintf(ep, sizeof ep, "%.150s[%d]", at, i);
        if (luadata_item_string(d, i, ep, LUADATA_NONEMPTY, &name) != 1)
            break;
        Outcome o = outcome_parse(name);
        if (o == OUTCOME_NONE)
            luadata_fail(d, ep,
                         "'%s' must be an outcome (sale, resolved, left, escalated, abandoned, "
                         "incomplete), got \"%s\"",
                         ep, name);
        t->expect[t->nexpect].customer = i;
        t->expect[t->nexpect++].outcome = o;
        free(name);
    }
    lua_pop(d->L, 1);
}

static void read_tests(LuaData *d, RushSpec *spec)
{
    if (luadata_table(d, "tests", "'tests'", "tests", 0) != 1)
        return;
    int n = list_len(d, "tests", 100);
    if (n > 0 && !(spec->tests = calloc((size_t)n, sizeof *spec->tests)))
        luadata_fail(d, NULL, "out of memory");
    for (int i = 1; i <= n && !d->failed && spec->tests; i++) {
        char path[64];
        snprintf(path, sizeof path, "tests[%d]", i);
        if (luadata_item_table(d, i, path) != 1)
            break;
        read_test(d, &spec->tests[spec->ntests++], path, spec->ncustomers);
        lua_pop(d->L, 1);
    }
    lua_pop(d->L, 1);
}

int rush_sniff(const char *path)
{
    KefuError err;
    size_t len = 0;
    char *text = srcfile_read(path, &len, &err);
    Sandbox *sb = NULL;
    int yes = 0;
    if (text && (sb = sandbox_create(NULL, &err)) &&
        sandbox_run_chunk(sb, text, len, path, &err) == 0) {
        lua_State *L = sandbox_state(sb);
        if (lua_istable(L, -1) && sandbox_rawfield(L, -1, "kind") == LUA_TSTRING)
            yes = strcmp(lua_tostring(L, -1), "rush") == 0;
    }
    sandbox_destroy(sb);
    free(text);
    return yes;
}

static char *stem_of(const char *path)
{
    const char *b = plat_last_sep(path);
    b = b ? b + 1 : path;
    size_t n = strlen(b);
    if (n > 4 && strcmp(b + n - 4, ".lua") == 0)
        n -= 4;
    return plat_strndup(b, n);
}

RushSpec *rush_load(const char *path, const char *scenario_dir_path, KefuError *err)
{
    Sandbox *sb = NULL;
    LuaData d;
    int have_d = 0;
    size_t len = 0;
    char *text = NULL, *kind = NULL;
    RushSpec *spec = calloc(1, sizeof *spec);
    if (!spec || !(spec->path = strdup(path))) {
        kerr_set(err, "%s: out of memory", path);
        goto fail;
    }
    if (!(text = srcfile_read(path, &len, err)))
        goto fail;
    if (!(sb = sandbox_create(NULL, err)) || sandbox_run_chunk(sb, text, len, path, err) < 0)
        goto fail;
    lua_State *L = sandbox_state(sb);
    if (!lua_istable(L, -1)) {
        kerr_set(err, "%s: the file must return a table (return { kind = \"rush\", ... }), got %s",
                 path, luaL_typename(L, -1));
        goto fail;
    }
    if (luadata_check_plain(L, -1, path, err) < 0)
        goto fail;
    luadata_init(&d, L, path, text, len, err);
    d.quote = 1;
    have_d = 1;
    if (luadata_known_keys(&d, NULL, top_keys, "kind, id, title, customers, tests") < 0 ||
        luadata_string(&d, "kind", NULL, "kind", LUADATA_REQUIRED, &kind) < 0)
        goto fail;
    if (strcmp(kind, "rush") != 0) {
        luadata_fail(&d, "kind", "'kind' must be \"rush\", got \"%s\"", kind);
        goto fail;
    }
    if (luadata_string(&d, "id", NULL, "id", LUADATA_NONEMPTY, &spec->id) < 0 ||
        luadata_string(&d, "title", NULL, "title", LUADATA_REQUIRED | LUADATA_NONEMPTY,
                       &spec->title) < 0)
        goto fail;
    if (!spec->id && !(spec->id = stem_of(path))) {
        kerr_set(err, "%s: out of memory", path);
        goto fail;
    }
    read_customers(&d, spec, scenario_dir_path);
    if (!d.failed)
        read_tests(&d, spec);
    if (d.failed)
        goto fail;
    luadata_deinit(&d);
    sandbox_destroy(sb);
    free(text);
    free(kind);
    return spec;
fail:
    if (have_d)
        luadata_deinit(&d);
    sandbox_destroy(sb);
    free(text);
    free(kind);
    rush_spec_destroy(spec);
    return NULL;
}

void rush_spec_destroy(RushSpec *spec)
{
    if (!spec)
        return;
    for (int i = 0; i < spec->ncustomers; i++) {
        free(spec->customers[i].persona);
        free(spec->customers[i].path);
        free(spec->customers[i].card);
    }
    for (int i = 0; i < spec->ntests; i++) {
        free(spec->tests[i].name);
        script_deinit(&spec->tests[i].replies);
        free(spec->tests[i].expect);
    }
    free(spec->customers);
    free(spec->tests);
    free(spec->path);
    free(spec->id);
    free(spec->title);
    free(spec);
}

int rush_customer_index(const RushSpec *spec, const Script *script, int k, const char *replies_path,
                        KefuError *err)
{
    const char *to = script->to ? script->to[k] : NULL;
    int line = script->line ? script->line[k] : 0;
    if (!to) {
        kerr_set(err,
                 "%s:%d: a rush's reply needs \"to\": the customer it answers (1 to %d, or a "
                 "persona)",
                 replies_path, line, spec->ncustomers);
        return -1;
    }
    char *end = NULL;
    long num = strtol(to, &end, 10);
    if (end != to && !*end) {
        if (num >= 1 && num <= spec->ncustomers)
            return (int)num - 1;
        kerr_set(err, "%s:%d: \"to\": %ld names no customer (the rush has %d)", replies_path, line,
                 num, spec->ncustomers);
        return -1;
    }
    int found = -1;
    for (int i = 0; i < spec->ncustomers; i++) {
        if (strcmp(spec->customers[i].persona, to) != 0)
            continue;
        if (found >= 0) {
            kerr_set(err,
                     "%s:%d: \"to\": \"%s\" arrives more than once (customers %d and %d): name "
                     "the customer by number",
                     replies_path, line, to, found + 1, i + 1);
            return -1;
        }
        found = i;
    }
    if (found < 0)
        kerr_set(err, "%s:%d: \"to\": no customer is \"%s\"", replies_path, line, to);
    return found;
}

/* ======================================================================================== */
/* Playing                                                                                   */
/* ======================================================================================== */

struct Rush {
    const RushSpec *spec;
    Rubric *rubric;
    int n;
    Scenario **sc;
    Session **s;
    unsigned long *seed;
    int *started;
    double now; /* the rush's clock, seconds from its start */
};

Scenario *rush_customer_scenario(const RushSpec *spec, int i, const Rubric *rubric, KefuError *err)
{
    const RushCustomer *c = &spec->customers[i];
    if (!c->card)
        return scenario_load(c->path, rubric, err);
    KefuError e2;
    Scenario *sc = scenario_load_card(c->path, rubric, c->card, spec->path, &e2);
    if (!sc)
        kerr_set(err, "%s:%d: 'customers[%d].product' does not suit %s: %s", spec->path,
                 c->card_line, i + 1, c->persona, e2.msg);
    return sc;
}

Rush *rush_create(const RushSpec *spec, Rubric *rubric, unsigned long seed, KefuError *err)
{
    Rush *r = calloc(1, sizeof *r);
    int n = spec->ncustomers;
    if (!r || !(r->sc = calloc((size_t)n, sizeof *r->sc)) ||
        !(r->s = calloc((size_t)n, sizeof *r->s)) ||
        !(r->seed = calloc((size_t)n, sizeof *r->seed)) ||
        !(r->started = calloc((size_t)n, sizeof *r->started))) {
        kerr_set(err, "%s: out of memory", spec->path);
        rush_destroy(r);
        return NULL;
    }
    r->spec = spec;
    r->rubric = rubric;
    r->n = n;
    for (int i = 0; i < n; i++) {
        const RushCustomer *c = &spec->customers[i];
        r->seed[i] = c->seed >= 0 ? (unsigned long)c->seed : seed + (unsigned long)i;
        if (!(r->sc[i] = rush_customer_scenario(spec, i, rubric, err))) {
            rush_destroy(r);
            return NULL;
        }
        SessionConfig cfg = {r->sc[i], rubric, r->seed[i]};
        if (!(r->s[i] = session_create(&cfg, err))) {
            rush_destroy(r);
            return NULL;
        }
    }
    return r;
}

void rush_destroy(Rush *r)
{
    if (!r)
        return;
    for (int i = 0; i < r->n; i++) {
        session_destroy(r->s ? r->s[i] : NULL);
        scenario_destroy(r->sc ? r->sc[i] : NULL);
    }
    free(r->s);
    free(r->sc);
    free(r->seed);
    free(r->started);
    free(r);
}

int rush_count(const Rush *r)
{
    return r->n;
}

const Session *rush_session(const Rush *r, int i)
{
    return r->s[i];
}

const RushSpec *rush_spec(const Rush *r)
{
    return r->spec;
}

unsigned long rush_seed(const Rush *r, int i)
{
    return r->seed[i];
}

/* Moves the one clock to t: customers due arrive (their persona speaks first), and every
 * conversation runs its own waits to t. The conversations do not touch each other, so the
 * order they are advanced in changes nothing. */
static int advance_all(Rush *r, double t, KefuError *err)
{
    if (t < r->now)
        t = r->now;
    for (int i = 0; i < r->n; i++) {
        double at = r->spec->customers[i].at;
        if (at > t)
            continue;
        if (!r->started[i]) {
            r->started[i] = 1;
            if (session_start(r->s[i], err) < 0)
                return -1;
        }
        if (session_advance(r->s[i], t - at, err) < 0)
            return -1;
    }
    r->now = t;
    return 0;
}

/* The trainee turns to customer i: waits for the customer to arrive and finish what they are
 * typing, as a single session's playback does. */
static int settle(Rush *r, int i, KefuError *err)
{
    double at = r->spec->customers[i].at;
    if (advance_all(r, at, err) < 0)
        return -1;
    double t;
    while (session_outcome(r->s[i]) == OUTCOME_NONE && (t = session_next_message(r->s[i])) >= 0)
        if (advance_all(r, at + t, err) < 0)
            return -1;
    return 0;
}

int rush_advance(Rush *r, double t, KefuError *err)
{
    return advance_all(r, t, err);
}

int rush_reply(Rush *r, int i, double t, const char *text, size_t len, double typing_s,
               KefuError *err)
{
    if (advance_all(r, t, err) < 0)
        return -1;
    if (!r->started[i])
        return SESSION_IGNORED;
    return session_reply(r->s[i], r->now - r->spec->customers[i].at, text, len, typing_s, err);
}

int rush_arrived(const Rush *r, int i)
{
    return r->started[i];
}

Session *rush_session_live(Rush *r, int i)
{
    return r->s[i];
}

double rush_next_event(const Rush *r)
{
    double best = -1;
    for (int i = 0; i < r->n; i++) {
        double at = r->spec->customers[i].at, t;
        if (!r->started[i])
            t = at;
        else if ((t = session_next_event(r->s[i])) >= 0)
            t += at;
        if (t >= 0 && (best < 0 || t < best))
            best = t;
    }
    return best;
}

/* Every customer in, every open conversation ended with outcome at t (or at once, for one who
 * arrives only now), the parting lines said. */
static int end_all(Rush *r, Outcome outcome, KefuError *err)
{
    for (int i = 0; i < r->n; i++) {
        double at = r->spec->customers[i].at, t;
        if (!r->started[i]) {
            r->started[i] = 1;
            if (session_start(r->s[i], err) < 0)
                return -1;
        }
        if (session_outcome(r->s[i]) == OUTCOME_NONE)
            session_end(r->s[i], r->now > at ? r->now - at : 0, outcome);
        /* A customer who left still says their parting line, as in a single session. */
        while ((t = session_next_message(r->s[i])) >= 0)
            if (session_advance(r->s[i], t, err) < 0)
                return -1;
    }
    return 0;
}

int rush_end(Rush *r, double t, Outcome outcome, KefuError *err)
{
    if (advance_all(r, t, err) < 0)
        return -1;
    return end_all(r, outcome, err);
}

int rush_play(Rush *r, const Script *script, const char *replies_path, KefuError *err)
{
    int *to = calloc((size_t)script->n + 1, sizeof *to);
    if (!to) {
        kerr_set(err, "%s: out of memory", replies_path);
        return -1;
    }
    for (int k = 0; k < script->n; k++)
        if ((to[k] = rush_customer_index(r->spec, script, k, replies_path, err)) < 0) {
            free(to);
            return -1;
        }
    int rc = -1;
    if (advance_all(r, 0, err) < 0)
        goto done;
    for (int k = 0; k < script->n; k++) {
        int i = to[k];
        const Scripted *reply = &script->v[k];
        double at = r->spec->customers[i].at;
        if (settle(r, i, err) < 0)
            goto done;
        if (!session_accepts_replies(r->s[i]))
            continue; /* the customer has gone: the line is not played */
        /* "after" counts from the latest message of this conversation, but the trainee does
         * one thing at a time: never before the previous reply was sent. */
        double start = at + session_reply_base(r->s[i]) + reply->after;
        if (start < r->now)
            start = r->now;
        double send = start + (reply->typing >= 0 ? reply->typing : 0);
        if (advance_all(r, send, err) < 0)
            goto done;
        if (!session_accepts_replies(r->s[i]))
            continue; /* left while the trainee was still thinking */
        if (session_reply(r->s[i], send - at, reply->text, strlen(reply->text), reply->typing,
                          err) == -1)
            goto done;
    }
    /* The replies have run out: every customer still arrives, then the rush ends. */
    double last = r->n ? r->spec->customers[r->n - 1].at : 0;
    if (advance_all(r, last, err) < 0 || end_all(r, OUTCOME_INCOMPLETE, err) < 0)
        goto done;
    rc = 0;
done:
    free(to);
    return rc;
}

/* ======================================================================================== */
/* Timings                                                                                   */
/* ======================================================================================== */

static double round1(double v)
{
    return round(v * 10.0) / 10.0;
}

/* A stretch of time customer i waited for an answer, on the rush's clock. */
typedef struct Wait {
    int who;
    double from, to;
} Wait;

/* Whether customer who's wait [from, to] saw at least RUSH_STARVED_REPLIES replies to others. */
static int others_answered(const Rush *r, int who, double from, double to)
{
    int count = 0;
    for (int j = 0; j < r->n; j++) {
        if (j == who)
            continue;
        const Transcript *tr = session_transcript(r->s[j]);
        double at = r->spec->customers[j].at;
        for (int m = 0; m < tr->n; m++) {
            double t = round1(at + tr->msgs[m].t);
            if (tr->msgs[m].from == FROM_AGENT && t > from && t <= to)
                count++;
        }
    }
    return count >= RUSH_STARVED_REPLIES;
}

static void customer_stats(const Rush *r, int i, RushCustomerStats *c)
{
    const Transcript *tr = session_transcript(r->s[i]);
    double at = r->spec->customers[i].at;
    double end = tr->ended_t >= 0 ? tr->ended_t : session_now(r->s[i]);
    double first_customer = -1, waiting = -1;
    c->arrival_s = round1(at);
    c->first_response_s = -1;
    c->ended_s = round1(at + end);
    for (int m = 0; m < tr->n; m++) {
        const Message *msg = &tr->msgs[m];
        if (msg->from == FROM_CUSTOMER) {
            if (first_customer < 0)
                first_customer = msg->t;
            if (waiting < 0)
                waiting = msg->t;
        } else if (msg->from == FROM_AGENT) {
            c->agent_messages++;
            if (c->first_response_s < 0 && first_customer >= 0)
                c->first_response_s = round1(round1(msg->t) - round1(first_customer));
            if (waiting >= 0) {
                double w = round1(round1(msg->t) - round1(waiting));
                if (w > c->longest_wait_s)
                    c->longest_wait_s = w;
                if (w > RUSH_STARVED_WAIT_S &&
                    others_answered(r, i, round1(at + waiting), round1(at + msg->t)))
                    c->starved = 1;
            }
            waiting = -1;
        }
    }
    if (waiting >= 0) { /* still waiting when the conversation ended */
        double w = round1(round1(end) - round1(waiting));
        if (w > c->longest_wait_s)
            c->longest_wait_s = w;
        if (w > RUSH_STARVED_WAIT_S && others_answered(r, i, round1(at + waiting), c->ended_s))
            c->starved = 1;
    }
    Outcome o = tr->outcome;
    c->served = o == OUTCOME_SALE || o == OUTCOME_RESOLVED;
    c->lost = (o == OUTCOME_LEFT || o == OUTCOME_ESCALATED) && waiting >= 0;
}

int rush_stats(const Rush *r, RushStats *out)
{
    memset(out, 0, sizeof *out);
    if (!(out->c = calloc((size_t)r->n + 1, sizeof *out->c)))
        return -1;
    out->n = r->n;
    out->avg_first_response_s = -1;
    double sum_first = 0, sum_wait = 0;
    for (int i = 0; i < r->n; i++) {
        RushCustomerStats *c = &out->c[i];
        customer_stats(r, i, c);
        out->served += c->served;
        out->lost += c->lost;
        out->starved += c->starved;
        if (c->first_response_s >= 0) {
            out->answered++;
            sum_first += c->first_response_s;
        }
        sum_wait += c->longest_wait_s;
        if (c->longest_wait_s > out->max_wait_s)
            out->max_wait_s = c->longest_wait_s;
        if (c->ended_s > out->duration_s)
            out->duration_s = c->ended_s;
    }
    if (out->answered)
        out->avg_first_response_s = round1(sum_first / out->answered);
    if (r->n)
        out->avg_longest_wait_s = round1(sum_wait / r->n);
    /* Most at once: at each arrival, the customers arrived and not yet ended (one ending as
     * another arrives has left). */
    for (int i = 0; i < r->n; i++) {
        int k = 0;
        for (int j = 0; j < r->n; j++)
            k += out->c[j].arrival_s <= out->c[i].arrival_s &&
                 out->c[j].ended_s > out->c[i].arrival_s;
        if (k > out->max_concurrent)
            out->max_concurrent = k;
    }
    return 0;
}

void rush_stats_deinit(RushStats *st)
{
    free(st->c);
    memset(st, 0, sizeof *st);
}
