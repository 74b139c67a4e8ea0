/* lint_source: the static scan of a scenario's source, problems sorted by line. */
#include "authoring/lint_source.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "authoring/lint_globals.h"
#include "base/platform.h"
#include "base/text.h"
#include "lua/luasrc.h"
#include "lua/suggest.h"

typedef struct Found {
    int line;
    int warning; /* 0: an error, 1: a warning */
    int order;   /* when it was found: the tie-break, as qsort need not be stable (Windows') */
    char *text;
} Found;

/* Names a file declares (its states, its line keys), from the loaded scenario or, when the
 * loader refused the file, from its source. */
typedef struct Names {
    int known; /* 0: the list could not be read; its checks are skipped */
    char **v;
    int n;
} Names;

typedef struct Scan {
    const char *path;
    const LuaSrc *t;
    const Scenario *sc;
    Rubric *rubric;
    unsigned char *seen; /* per token: already judged as a customer line */
    Found *found;        /* problems, reported sorted by line at the end */
    int nfound;
    int cap;
    int oom; /* a finding was lost, or a word could not be judged: the scan is incomplete */
    Names states;
    Names line_keys;
} Scan;

static void scan_add(Scan *s, int line, int warning, const char *fmt, va_list ap)
{
    char msg[900];
    vsnprintf(msg, sizeof msg, fmt, ap);
    if (s->nfound == s->cap) {
        int cap = s->cap ? s->cap * 2 : 8;
        Found *v = realloc(s->found, (size_t)cap * sizeof *v);
        if (!v) {
            s->oom = 1;
            return;
        }
        s->found = v;
        s->cap = cap;
    }
    if ((s->found[s->nfound].text = strdup(msg))) {
        s->found[s->nfound].warning = warning;
        s->found[s->nfound].order = s->nfound;
        s->found[s->nfound++].line = line;
    } else {
        s->oom = 1;
    }
}

static void scan_error(Scan *s, int line, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 3, 4)))
#endif
    ;

static void scan_error(Scan *s, int line, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    scan_add(s, line, 0, fmt, ap);
    va_end(ap);
}

static void scan_warning(Scan *s, int line, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 3, 4)))
#endif
    ;

static void scan_warning(Scan *s, int line, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    scan_add(s, line, 1, fmt, ap);
    va_end(ap);
}

static int by_line(const void *a, const void *b)
{
    const Found *x = a, *y = b;
    if (x->line != y->line)
        return (x->line > y->line) - (x->line < y->line);
    if (x->warning != y->warning)
        return (x->warning > y->warning) - (x->warning < y->warning); /* errors first */
    return (x->order > y->order) - (x->order < y->order);
}

/* A customer line literal: non-empty, valid UTF-8. */
static void check_line(Scan *s, int tok, const char *call)
{
    const LuaTok *k = &s->t->v[tok];
    size_t bad = 0;
    if (s->seen[tok])
        return;
    s->seen[tok] = 1;
    if (k->slen == 0 || text_chars(k->str, k->slen) == 0) {
        scan_error(s, k->line, "empty customer line in %s (the customer cannot say nothing)", call);
        return;
    }
    int blank = 1;
    for (size_t i = 0; i < k->slen && blank; i++)
        blank = k->str[i] == ' ' || k->str[i] == '\t' || k->str[i] == '\n';
    if (blank) {
        scan_error(s, k->line, "blank customer line in %s (only spaces)", call);
        return;
    }
    if (!text_valid_utf8(k->str, k->slen, &bad)) {
        char shown[200];
        lint_quote(k->str, k->slen, shown, sizeof shown);
        scan_error(s, k->line, "customer line in %s is not valid UTF-8 (byte %zu): \"%s\"", call,
                   bad + 1, shown);
    }
}

/* A string literal alone as one field or argument: followed by a separator. */
static int lone_string(const LuaSrc *t, int i)
{
    return luasrc_is(t, i, LUATOK_STRING, NULL) &&
           (luasrc_op(t, i + 1, ",") || luasrc_op(t, i + 1, ";") || luasrc_op(t, i + 1, "}") ||
            luasrc_op(t, i + 1, ")"));
}

typedef struct LinesCtx {
    Scan *scan;
    const char *call;
    int deep; /* check nested constructors too (a table of line lists) */
} LinesCtx;

static int check_line_field(const LuaSrc *t, const LuaField *f, int index, void *ud)
{
    LinesCtx *c = ud;
    (void)index;
    if (lone_string(t, f->value))
        check_line(c->scan, f->value, c->call);
    else if (c->deep && luasrc_op(t, f->value, "{"))
        luasrc_each_field(t, f->value, check_line_field, c);
    return 0;
}

/* The name a `s:pick(NAME...)` argument reads its lines from, e.g. L in s:pick(L[key]). */
static int pick_table_name(const LuaSrc *t, int arg)
{
    if (luasrc_is(t, arg, LUATOK_NAME, NULL) &&
        (luasrc_op(t, arg + 1, ")") || luasrc_op(t, arg + 1, "[") || luasrc_op(t, arg + 1, ".")))
        return arg;
    return -1;
}

static int same_name(const LuaSrc *t, int a, int b)
{
    return t->v[a].kind == LUATOK_NAME && t->v[b].kind == LUATOK_NAME && t->v[a].n == t->v[b].n &&
           memcmp(t->v[a].p, t->v[b].p, t->v[a].n) == 0;
}

/* Checks the constructor assigned to the variable named by token name (`L = { ... }`):
 * every lone string in it, at any depth, is a customer line. */
static void check_line_table(Scan *s, int name, int *checked, int *nchecked)
{
    const LuaSrc *t = s->t;
    for (int k = 0; k < *nchecked; k++)
        if (same_name(t, checked[k], name))
            return;
    if (*nchecked < 32)
        checked[(*nchecked)++] = name;
    for (int i = 0; i + 2 < t->n; i++) {
        if (!same_name(t, i, name) || !luasrc_op(t, i + 1, "=") || !luasrc_op(t, i + 2, "{") ||
            luasrc_op(t, i - 1, ".") || luasrc_op(t, i - 1, ":"))
            continue;
        char call[128];
        snprintf(call, sizeof call, "%.*s (read by s:pick)", (int)t->v[i].n, t->v[i].p);
        LinesCtx c = {s, call, 1};
        luasrc_each_field(t, i + 2, check_line_field, &c);
    }
}

static const char *const finish_outcomes[] = {"sale", "resolved", "left", "escalated", NULL};

static void names_add(Scan *s, Names *v, const char *p, size_t n)
{
    char **grown = realloc(v->v, (size_t)(v->n + 1) * sizeof *grown);
    char *copy = grown ? plat_strndup(p, n) : NULL;
    if (grown)
        v->v = grown;
    if (!copy) {
        s->oom = 1;
        v->known = 0;
        return;
    }
    v->v[v->n++] = copy;
}

static void names_deinit(Names *v)
{
    for (int i = 0; i < v->n; i++)
        free(v->v[i]);
    free(v->v);
}

typedef struct NamesCtx {
    Scan *scan;
    Names *names;
    int keys; /* 1: the keys are the names (lines); 0: the string entries (states) */
} NamesCtx;

static int name_field(const LuaSrc *t, const LuaField *f, int index, void *ud)
{
    NamesCtx *c = ud;
    (void)index;
    if (f->key_tok >= 0 && t->v[f->key_tok].kind == LUATOK_NAME &&
        luasrc_op(t, f->key_tok + 1, "="))
        names_add(c->scan, c->names, t->v[f->key_tok].p, t->v[f->key_tok].n);
    else if (f->key_tok >= 0 && t->v[f->key_tok].kind == LUATOK_STRING &&
             luasrc_op(t, f->key_tok + 1, "]"))
        names_add(c->scan, c->names, t->v[f->key_tok].str, t->v[f->key_tok].slen);
    else if (!c->keys && f->key_tok < 0 && lone_string(t, f->value))
        names_add(c->scan, c->names, t->v[f->value].str, t->v[f->value].slen);
    else
        c->names->known = 0; /* a computed key or entry: the list is not all literal */
    return 0;
}

/* The names the constructor written for field path declares, when all are literal. */
static void names_from_source(Scan *s, Names *v, const char *path, int keys)
{
    int open = luasrc_table(s->t, path);
    v->known = open >= 0;
    if (open < 0) {
        /* A returned constructor without the field declares none (`return NAME` may get
         * it later, by assignment: unknown). */
        LuaSrcMemo memo;
        memset(&memo, 0, sizeof memo);
        v->known =
            luasrc_locate_memo(s->t, path, &memo) == 0 && memo.root >= 0 && memo.root_name < 0;
    } else {
        NamesCtx c = {s, v, keys};
        luasrc_each_field(s->t, open, name_field, &c);
    }
}

static int has_name(const Names *v, const char *name)
{
    for (int i = 0; i < v->n; i++)
        if (strcmp(v->v[i], name) == 0)
            return 1;
    return 0;
}

/* "; did you mean X?" for name among v (or among a rubric's ids), or "". */
static const char *nearest(const Names *v, const Rubric *rubric, const char *name, char *out,
                           size_t size)
{
    Suggest near;
    suggest_init(&near, name);
    for (int i = 0; v && i < v->n; i++)
        suggest_offer(&near, v->v[i], strlen(v->v[i]));
    for (int i = 0; rubric && i < rubric_count(rubric); i++)
        suggest_offer(&near, rubric_principle(rubric, i)->id,
                      strlen(rubric_principle(rubric, i)->id));
    if (suggest_best(&near))
        snprintf(out, size, "; did you mean %s?", suggest_best(&near));
    else
        out[0] = '\0';
    return out;
}

/* Names bound to a reply's hits (`local h = reply.hits`) and never to anything else. */
static int hits_alias(const LuaSrc *t, int name)
{
    int bound = 0;
    for (int i = 0; i + 4 < t->n; i++) {
        if (!same_name(t, i, name) || !luasrc_op(t, i + 1, "=") || luasrc_op(t, i - 1, ".") ||
            luasrc_op(t, i - 1, ":") || luasrc_op(t, i - 1, ","))
            continue;
        if (luasrc_is(t, i + 2, LUATOK_NAME, NULL) && luasrc_op(t, i + 3, ".") &&
            luasrc_is(t, i + 4, LUATOK_NAME, "hits") && !luasrc_op(t, i + 5, ".") &&
            !luasrc_op(t, i + 5, "[") && !luasrc_op(t, i + 5, "(") && !luasrc_op(t, i + 5, ":"))
            bound = 1;
        else
            return 0;
    }
    return bound;
}

static void check_hit_id(Scan *s, int tok, const char *id, size_t n)
{
    char name[128];
    if (!s->rubric || n >= sizeof name)
        return;
    memcpy(name, id, n);
    name[n] = '\0';
    char hint[SUGGEST_NAME_MAX + 32];
    if (rubric_find(s->rubric, name) < 0)
        scan_error(s, s->t->v[tok].line,
                   "reply.hits.%s: unknown principle id '%s'%s (it would never be true; see "
                   "rubric.lua for the ids)",
                   name, name, nearest(NULL, s->rubric, name, hint, sizeof hint));
}

/* What follows a word list's entry when the rubric judges it: a plain, neutral sentence, so
 * that the entry is judged for what it means inside a reply, not as a whole reply of one word
 * (a bare "处理" is a cold reply; "处理。这款是实木的…" is not). */
static const char mention_frame[] = "。这款是实木的，长一米二，宽六十。";

/* The first violation the rubric finds in the literal at token tok (within its own bytes),
 * or -1 (also when it cannot be judged: out of memory, s->oom set). */
static int literal_violation(Scan *s, int tok)
{
    const LuaTok *k = &s->t->v[tok];
    size_t n = k->slen + sizeof mention_frame - 1;
    if (k->slen == 0 || !text_valid_utf8(k->str, k->slen, NULL))
        return -1;
    char *reply = malloc(n + 1);
    if (!reply) {
        s->oom = 1;
        return -1;
    }
    memcpy(reply, k->str, k->slen);
    memcpy(reply + k->slen, mention_frame, sizeof mention_frame);
    ReplyContext ctx = {NULL, NULL, -1, -1.0, NULL};
    HitList hits = {0};
    int found = -1;
    if (rubric_analyze(s->rubric, reply, n, &ctx, &hits) < 0)
        s->oom = 1;
    else
        for (int i = 0; i < hits.n && found < 0; i++) {
            const Principle *p = rubric_principle(s->rubric, hits.v[i].principle);
            if (p->kind == KIND_VIOLATION && hits.v[i].start < (int)k->slen)
                found = hits.v[i].principle;
        }
    hits_deinit(&hits);
    free(reply);
    return found;
}

/* s:mentions(text, "a", "b", ...) starting at the token after "(": a word that the rubric
 * judges as a violation makes the persona react to its own list where the scorecard reacts
 * to the rubric, and the two disagree: a warning for each. */
static void check_mentions(Scan *s, int open)
{
    const LuaSrc *t = s->t;
    int depth = 1;
    for (int i = open; i < t->n && depth > 0; i++) {
        if (luasrc_op(t, i, "(") || luasrc_op(t, i, "{") || luasrc_op(t, i, "["))
            depth++;
        else if (luasrc_op(t, i, ")") || luasrc_op(t, i, "}") || luasrc_op(t, i, "]"))
            depth--;
        else if (depth == 1 && lone_string(t, i) && luasrc_op(t, i - 1, ",")) {
            int p = literal_violation(s, i);
            if (p < 0)
                continue;
            char shown[200];
            const char *id = rubric_principle(s->rubric, p)->id;
            lint_quote(t->v[i].str, t->v[i].slen, shown, sizeof shown);
            scan_warning(s, t->v[i].line,
                         "\"%s\" in s:mentions is what the rubric judges as %s; react to "
                         "reply.hits.%s so the customer and the scorecard agree",
                         shown, id, id);
        }
    }
}

static void global_found(void *ud, int line, const char *msg)
{
    scan_error(ud, line, "%s", msg);
}

int lint_source(const char *path, const char *text, size_t len, const Scenario *sc,
                Rubric *rubric, LintReport *out)
{
    LuaSrc t;
    Scan s = {path, &t, sc, rubric, NULL, NULL, 0, 0, 0, {0, NULL, 0}, {0, NULL, 0}};
    int checked[32], nchecked = 0;
    int aliases[32], naliases = 0, not_alias[32], nnot_alias = 0;
    if (luasrc_lex(text, len, &t) < 0 || !(s.seen = calloc((size_t)t.n + 1, 1))) {
        luasrc_deinit(&t);
        lint_add(out, 0, "%s: out of memory scanning the file", path);
        return 1;
    }
    if (sc) {
        s.states.known = 1;
        for (int i = 0; i < sc->nstates; i++)
            names_add(&s, &s.states, sc->states[i], strlen(sc->states[i]));
    } else {
        names_from_source(&s, &s.states, "states", 0);
    }
    names_from_source(&s, &s.line_keys, "lines", 1);

    for (int i = 0; i < t.n - 1; i++) {
        if (!luasrc_op(&t, i, ":") || !luasrc_is(&t, i + 1, LUATOK_NAME, NULL))
            continue;
        int m = i + 1;
        int arg = luasrc_op(&t, m + 1, "(") ? m + 2 : m + 1; /* s:say "x" / s:pick{...} forms */
        if (luasrc_is(&t, m, LUATOK_NAME, "say")) {
            if (lone_string(&t, arg) || (arg == m + 1 && luasrc_is(&t, arg, LUATOK_STRING, NULL)))
                check_line(&s, arg, "s:say");
        } else if (luasrc_is(&t, m, LUATOK_NAME, "pick")) {
            if (luasrc_op(&t, arg, "{")) {
                LinesCtx c = {&s, "s:pick{...}", 0};
                luasrc_each_field(&t, arg, check_line_field, &c);
            } else if (pick_table_name(&t, arg) >= 0) {
                check_line_table(&s, arg, checked, &nchecked);
            }
        } else if (luasrc_is(&t, m, LUATOK_NAME, "finish") && lone_string(&t, arg)) {
            const char *o = t.v[arg].str;
            int ok = 0;
            for (int k = 0; finish_outcomes[k]; k++)
                ok |= strcmp(o, finish_outcomes[k]) == 0;
            if (!ok) {
                char shown[200];
                lint_quote(o, t.v[arg].slen, shown, sizeof shown);
                scan_error(&s, t.v[arg].line,
                           "s:finish(\"%s\"): the outcome must be one of sale, resolved, left, "
                           "escalated",
                           shown);
            }
        } else if (luasrc_is(&t, m, LUATOK_NAME, "mentions") && arg == m + 2 && rubric) {
            check_mentions(&s, arg);
        } else if (luasrc_is(&t, m, LUATOK_NAME, "line") && lone_string(&t, arg) &&
                   s.line_keys.known) {
            const char *key = t.v[arg].str;
            if (!has_name(&s.line_keys, key)) {
                char shown[200], hint[SUGGEST_NAME_MAX + 32];
                lint_quote(key, t.v[arg].slen, shown, sizeof shown);
                scan_error(&s, t.v[arg].line, "s:line(\"%s\"): no line '%s' in lines%s", shown,
                           shown, nearest(&s.line_keys, NULL, key, hint, sizeof hint));
            }
        } else if (luasrc_is(&t, m, LUATOK_NAME, "state") && lone_string(&t, arg) &&
                   s.states.known) {
            const char *st = t.v[arg].str;
            if (!has_name(&s.states, st)) {
                char shown[200], hint[SUGGEST_NAME_MAX + 32];
                lint_quote(st, t.v[arg].slen, shown, sizeof shown);
                if (s.states.n == 0)
                    scan_error(&s, t.v[arg].line,
                               "s:state(\"%s\"): the scenario declares no states (add "
                               "states = {\"%s\", ...})",
                               shown, shown);
                else
                    scan_error(&s, t.v[arg].line,
                               "s:state(\"%s\"): state '%s' is not declared in states%s", shown,
                               shown, nearest(&s.states, NULL, st, hint, sizeof hint));
            }
        }
    }

    /* Any other literal that decodes to invalid UTF-8 (a stray "\xff") is a mistake wherever
     * it is: every text a scenario shows or matches is UTF-8. */
    for (int i = 0; i < t.n - 1; i++) {
        size_t bad = 0;
        if (t.v[i].kind != LUATOK_STRING || s.seen[i] ||
            text_valid_utf8(t.v[i].str, t.v[i].slen, &bad))
            continue;
        char shown[200];
        lint_quote(t.v[i].str, t.v[i].slen, shown, sizeof shown);
        scan_error(&s, t.v[i].line,
                   "string is not valid UTF-8 (byte %zu): \"%s\" (check its \\x or \\ddd "
                   "escapes)",
                   bad + 1, shown);
    }

    /* reply.hits.<id>, reply.hits["<id>"], and h.<id> for `local h = reply.hits`. */
    for (int i = 0; i + 2 < t.n; i++) {
        if (luasrc_is(&t, i, LUATOK_NAME, "hits") && luasrc_op(&t, i - 1, ".")) {
            if (luasrc_op(&t, i + 1, ".") && luasrc_is(&t, i + 2, LUATOK_NAME, NULL))
                check_hit_id(&s, i + 2, t.v[i + 2].p, t.v[i + 2].n);
            else if (luasrc_op(&t, i + 1, "[") && luasrc_is(&t, i + 2, LUATOK_STRING, NULL) &&
                     luasrc_op(&t, i + 3, "]"))
                check_hit_id(&s, i + 2, t.v[i + 2].str, t.v[i + 2].slen);
            continue;
        }
        if (!luasrc_is(&t, i, LUATOK_NAME, NULL) || !luasrc_op(&t, i + 1, ".") ||
            !luasrc_is(&t, i + 2, LUATOK_NAME, NULL) || luasrc_op(&t, i - 1, ".") ||
            luasrc_op(&t, i - 1, ":") || luasrc_op(&t, i + 3, "(") || luasrc_op(&t, i + 3, "="))
            continue;
        int known = -1;
        for (int k = 0; k < naliases && known < 0; k++)
            if (same_name(&t, aliases[k], i))
                known = 1;
        for (int k = 0; k < nnot_alias && known < 0; k++)
            if (same_name(&t, not_alias[k], i))
                known = 0;
        if (known < 0) {
            known = hits_alias(&t, i);
            if (known && naliases < 32)
                aliases[naliases++] = i;
            else if (!known && nnot_alias < 32)
                not_alias[nnot_alias++] = i;
        }
        if (known == 1)
            check_hit_id(&s, i + 2, t.v[i + 2].p, t.v[i + 2].n);
    }

    /* Names no local declares: a typo on either side of an assignment. */
    if (lint_globals(&t, global_found, &s) < 0)
        s.oom = 1;

    if (s.nfound > 1)
        qsort(s.found, (size_t)s.nfound, sizeof *s.found, by_line);
    int errors = 0;
    for (int i = 0; i < s.nfound; i++) {
        if (s.found[i].warning)
            lint_add(out, 1, "%s:%d: warning: %s", path, s.found[i].line, s.found[i].text);
        else
            lint_add(out, 0, "%s:%d: %s", path, s.found[i].line, s.found[i].text);
        errors += !s.found[i].warning;
        free(s.found[i].text);
    }
    if (s.oom) {
        lint_add(out, 0, "%s: out of memory scanning the file (some problems may be missing)",
                 path);
        errors++;
    }
    free(s.found);
    free(s.seen);
    names_deinit(&s.states);
    names_deinit(&s.line_keys);
    luasrc_deinit(&t);
    return errors;
}
