/* rubric: loads the principle catalog from scenarios/rubric.lua, compiles its detectors with
 * PCRE2 once, and analyses one reply into hits with evidence spans in the original bytes. */
#include "rubric.h"

#define PCRE2_CODE_UNIT_WIDTH 8
#include <lauxlib.h>
#include <lua.h>
#include <pcre2.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sandbox.h"
#include "text.h"

#define FRAGMENT_DEPTH 8       /* fragments may use fragments, this deep */
#define LIT_MAX 96             /* literals one pattern may require before we give up on it */
#define LIT_BUCKETS 2048       /* prefilter hash table size (a power of two) */
#define MATCH_LIMIT 200000     /* PCRE2 backtracking budget per match: a runaway pattern fails */
#define CUSTOMER_MAX 4096      /* bytes of the customer's message the context looks at */

/* ---------------------------------------------------------------- types */

typedef struct Pattern {
    pcre2_code *re;
    int jit; /* JIT-compiled: pcre2_jit_match may be used */
} Pattern;

typedef struct PatList {
    Pattern *v;
    int n;
} PatList;

/* A context condition: who the customer is and what they said. */
typedef struct Cond {
    PatList customer; /* the customer's latest message matches one of these */
    char **persona;   /* the persona is one of these ids */
    int npersona;
    int turn_max; /* the agent's turn is at most this (-1: no condition) */
    int set;      /* any field given */
} Cond;

typedef struct Rule {
    PatList any;    /* one must match: the evidence */
    PatList all;    /* each must match somewhere too */
    PatList unless; /* none may match */
    Cond when;      /* must hold, and unknown context does not hold */
} Rule;

typedef enum Builtin { BUILTIN_NONE, BUILTIN_LONG_REPLY } Builtin;

typedef struct Detector {
    Rule *rules;
    int nrules;
    PatList unless; /* cancels every rule */
    Cond applies;   /* rubric_applicable; unknown context counts as applicable */
    int gate;       /* fire only where applicable */
    Builtin builtin;
    int always;      /* no literal prefilter could be derived: always evaluate */
    int needs_ctx;   /* some rule or the gate reads the customer's message */
} Detector;

/* A literal the prefilter looks for; chained per bucket of its first code point. */
typedef struct Literal {
    char *s;
    int len;
    int principle;
    int next;
} Literal;

typedef struct Fragment {
    char *name;
    char *body;
} Fragment;

struct Rubric {
    char *path;
    char *version;
    Principle *p;
    Detector *det;
    int n;
    RubricCategory *cats;
    int ncats;
    Thresholds th;

    Literal *lits;
    int nlits, caplits;
    int buckets[LIT_BUCKETS];

    /* scratch, reused across calls (hence not thread-safe) */
    const TextNormalizer *tn;
    TextNorm norm;
    TextNorm cnorm;    /* the customer's message, normalised */
    char *ckey;        /* the raw customer text cnorm was made from */
    size_t ckey_len, ckey_cap;
    int cvalid;        /* cnorm holds ckey's normal form */
    unsigned *seen;    /* per principle: generation when the prefilter saw a literal */
    unsigned gen;
    pcre2_match_data *md;
    pcre2_match_context *mctx;
};

/* ---------------------------------------------------------------- small helpers */

static char *xstrdup(const char *s)
{
    size_t n = strlen(s) + 1;
    char *d = malloc(n);
    if (d)
        memcpy(d, s, n);
    return d;
}

/* A growable byte buffer for building expanded patterns. */
typedef struct Buf {
    char *s;
    size_t len, cap;
    int oom;
} Buf;

static void buf_put(Buf *b, const char *s, size_t n)
{
    if (b->oom)
        return;
    if (b->len + n + 1 > b->cap) {
        size_t cap = b->cap ? b->cap : 256;
        while (cap < b->len + n + 1)
            cap *= 2;
        char *t = realloc(b->s, cap);
        if (!t) {
            b->oom = 1;
            return;
        }
        b->s = t;
        b->cap = cap;
    }
    memcpy(b->s + b->len, s, n);
    b->len += n;
    b->s[b->len] = '\0';
}

/* The 1-based line of the first occurrence of needle in src at or after line `from`, or 0.
 * Lua tables keep no line numbers, so messages find the text the trainer wrote. */
static int line_of(const char *src, const char *needle, int from)
{
    if (!src || !needle || !*needle)
        return 0;
    int line = 1;
    const char *p = src;
    while (line < from && *p) {
        if (*p++ == '\n')
            line++;
    }
    const char *hit = strstr(p, needle);
    if (!hit)
        return 0;
    for (; p < hit; p++)
        if (*p == '\n')
            line++;
    return line;
}

/* ---------------------------------------------------------------- loading context */

typedef struct Loader {
    Rubric *r;
    lua_State *L;
    const char *src; /* the file's text, to find lines */
    const char *path;
    KefuError *err;
    Fragment *frags;
    int nfrags;
    int line; /* line of the principle being read */
    const char *pid;
} Loader;

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
            int line = line_of(ld->src, k, ld->line > 0 ? ld->line : 1);
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
    int t = lua_getfield(L, idx, key);
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

static const char *fragment(const Loader *ld, const char *name, size_t n)
{
    for (int i = 0; i < ld->nfrags; i++)
        if (strlen(ld->frags[i].name) == n && memcmp(ld->frags[i].name, name, n) == 0)
            return ld->frags[i].body;
    return NULL;
}

/* Expands {NAME} references (upper-case names; \p{Han}-style escapes and {2,3} quantifiers
 * are left alone) into non-capturing groups. */
static int expand(Loader *ld, const char *pat, Buf *out, int depth, int line)
{
    if (depth > FRAGMENT_DEPTH) {
        load_fail(ld, line, "principle %s: fragments nest deeper than %d (a fragment uses itself?)",
                  ld->pid ? ld->pid : "?", FRAGMENT_DEPTH);
        return -1;
    }
    const char *p = pat;
    while (*p) {
        if (*p == '\\' && p[1]) {
            /* copy an escape whole, including \p{...} */
            const char *q = p + 2;
            if ((p[1] == 'p' || p[1] == 'P' || p[1] == 'x' || p[1] == 'N' || p[1] == 'g' ||
                 p[1] == 'k') &&
                *q == '{') {
                while (*q && *q != '}')
                    q++;
                if (*q)
                    q++;
            }
            buf_put(out, p, (size_t)(q - p));
            p = q;
            continue;
        }
        if (*p == '{' && p[1] >= 'A' && p[1] <= 'Z') {
            const char *q = p + 1;
            while ((*q >= 'A' && *q <= 'Z') || (*q >= '0' && *q <= '9') || *q == '_')
                q++;
            if (*q == '}') {
                const char *body = fragment(ld, p + 1, (size_t)(q - p - 1));
                if (!body) {
                    load_fail(ld, line, "principle %s: unknown fragment {%.*s} (fragments: "
                              "define it in the fragments table)",
                              ld->pid ? ld->pid : "?", (int)(q - p - 1), p + 1);
                    return -1;
                }
                buf_put(out, "(?:", 3);
                if (expand(ld, body, out, depth + 1, line) < 0)
                    return -1;
                buf_put(out, ")", 1);
                p = q + 1;
                continue;
            }
        }
        buf_put(out, p, 1);
        p++;
    }
    if (out->oom) {
        kerr_set(ld->err, "out of memory");
        return -1;
    }
    return 0;
}

static int read_fragments(Loader *ld, int idx)
{
    lua_State *L = ld->L;
    int t = lua_getfield(L, idx, "fragments");
    if (t == LUA_TNIL) {
        lua_pop(L, 1);
        return 0;
    }
    ld->line = line_of(ld->src, "fragments", 1);
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
                int line = line_of(ld->src, name, ld->line);
                lua_pop(L, 3);
                load_fail(ld, line ? line : ld->line,
                          "fragments: name '%s' must be upper case (A-Z, 0-9, _)", name);
                return -1;
            }
        Fragment *f = realloc(ld->frags, (size_t)(ld->nfrags + 1) * sizeof *f);
        if (!f) {
            lua_pop(L, 3);
            kerr_set(ld->err, "out of memory");
            return -1;
        }
        ld->frags = f;
        f[ld->nfrags].name = xstrdup(name);
        f[ld->nfrags].body = xstrdup(lua_tostring(L, -1));
        ld->nfrags++;
        lua_pop(L, 1);
    }
    lua_pop(L, 1);
    return 0;
}

/* ---------------------------------------------------------------- literal prefilter */

/* A set of literals, one of which occurs in every match of a pattern (or unknown). */
typedef struct LitSet {
    char *s[LIT_MAX];
    int len[LIT_MAX];
    int n;
    int unknown;
} LitSet;

static void litset_clear(LitSet *ls)
{
    for (int i = 0; i < ls->n; i++)
        free(ls->s[i]);
    ls->n = 0;
    ls->unknown = 0;
}

static void litset_add(LitSet *ls, const char *s, int len)
{
    if (ls->unknown)
        return;
    for (int i = 0; i < ls->n; i++)
        if (ls->len[i] == len && memcmp(ls->s[i], s, (size_t)len) == 0)
            return;
    if (ls->n == LIT_MAX) {
        litset_clear(ls);
        ls->unknown = 1;
        return;
    }
    char *c = malloc((size_t)len + 1);
    if (!c) {
        litset_clear(ls);
        ls->unknown = 1;
        return;
    }
    for (int i = 0; i < len; i++) /* replies are lower-cased: so is what we look for */
        c[i] = (char)(s[i] >= 'A' && s[i] <= 'Z' ? s[i] + 32 : s[i]);
    c[len] = '\0';
    ls->s[ls->n] = c;
    ls->len[ls->n] = len;
    ls->n++;
}

static int litset_minlen(const LitSet *ls)
{
    int m = 1 << 30;
    for (int i = 0; i < ls->n; i++)
        if (ls->len[i] < m)
            m = ls->len[i];
    return ls->n ? m : 0;
}

/* Moves src into dst (dst is cleared). */
static void litset_move(LitSet *dst, LitSet *src)
{
    litset_clear(dst);
    *dst = *src;
    src->n = 0;
    src->unknown = 0;
}

static size_t utf8_len(const char *p, size_t n, size_t i)
{
    unsigned char c = (unsigned char)p[i];
    size_t l = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
    return i + l <= n ? l : n - i;
}

/* Index just past the character class starting at p[i] == '['. */
static size_t skip_class(const char *p, size_t n, size_t i)
{
    i++;
    if (i < n && p[i] == '^')
        i++;
    if (i < n && p[i] == ']')
        i++;
    while (i < n && p[i] != ']') {
        if (p[i] == '\\' && i + 1 < n)
            i += 2;
        else if (p[i] == '[' && i + 1 < n && p[i + 1] == ':') {
            const char *e = strstr(p + i + 2, ":]");
            i = e && (size_t)(e - p) < n ? (size_t)(e - p) + 2 : i + 1;
        } else
            i++;
    }
    return i < n ? i + 1 : n;
}

/* Index just past the group starting at p[i] == '('. */
static size_t skip_group(const char *p, size_t n, size_t i)
{
    int depth = 0;
    while (i < n) {
        if (p[i] == '\\' && i + 1 < n) {
            i += 2;
            continue;
        }
        if (p[i] == '[') {
            i = skip_class(p, n, i);
            continue;
        }
        if (p[i] == '(')
            depth++;
        else if (p[i] == ')' && --depth == 0)
            return i + 1;
        i++;
    }
    return n;
}

/* Index past an escape at p[i] == '\\'; *lit receives its literal byte range when the escape
 * stands for one printable ASCII character (\. \? \^), else *lit_len is 0. */
static size_t skip_escape(const char *p, size_t n, size_t i, size_t *lit, size_t *lit_len)
{
    *lit_len = 0;
    if (i + 1 >= n)
        return n;
    unsigned char c = (unsigned char)p[i + 1];
    if (c >= 0x80) { /* an escaped multibyte character is itself */
        *lit = i + 1;
        *lit_len = utf8_len(p, n, i + 1);
        return i + 1 + *lit_len;
    }
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) {
        size_t j = i + 2;
        if (strchr("pPxNgkob", (int)c) && j < n && p[j] == '{') {
            while (j < n && p[j] != '}')
                j++;
            return j < n ? j + 1 : n;
        }
        if (c == 'Q') { /* \Q...\E */
            const char *e = strstr(p + j, "\\E");
            return e && (size_t)(e - p) < n ? (size_t)(e - p) + 2 : n;
        }
        return j;
    }
    *lit = i + 1;
    *lit_len = 1;
    return i + 2;
}

/* Parses a quantifier at p[i]; returns its end and the minimum repeat count in *min, or
 * returns i with *min = 1 when there is none. */
static size_t quantifier(const char *p, size_t n, size_t i, long *min)
{
    *min = 1;
    if (i >= n)
        return i;
    size_t j = i;
    if (p[i] == '?' || p[i] == '*') {
        *min = 0;
        j = i + 1;
    } else if (p[i] == '+') {
        *min = 1;
        j = i + 1;
    } else if (p[i] == '{') {
        size_t k = i + 1;
        long m = 0;
        int digits = 0;
        while (k < n && p[k] >= '0' && p[k] <= '9') {
            m = m * 10 + (p[k] - '0');
            k++;
            digits++;
        }
        if (!digits)
            return i; /* "{" not a quantifier: a literal brace */
        if (k < n && p[k] == ',') {
            k++;
            while (k < n && p[k] >= '0' && p[k] <= '9')
                k++;
        }
        if (k >= n || p[k] != '}')
            return i;
        *min = m;
        j = k + 1;
    } else
        return i;
    if (j < n && (p[j] == '?' || p[j] == '+'))
        j++;
    return j;
}

static void req_alt(const char *p, size_t n, LitSet *out);

/* Keeps in best whichever candidate is better: longer shortest literal, then fewer. */
static void consider(LitSet *best, LitSet *cand)
{
    if (cand->unknown || cand->n == 0) {
        litset_clear(cand);
        return;
    }
    int better = best->n == 0 || litset_minlen(cand) > litset_minlen(best) ||
                 (litset_minlen(cand) == litset_minlen(best) && cand->n < best->n);
    if (better)
        litset_move(best, cand);
    else
        litset_clear(cand);
}

static void flush_run(LitSet *best, const char *run, int len)
{
    if (len <= 0)
        return;
    LitSet one = {0};
    litset_add(&one, run, len);
    consider(best, &one);
}

/* Required literals of a sequence (no top-level |). */
static void req_seq(const char *p, size_t n, LitSet *out)
{
    LitSet best = {0};
    char run[512];
    int rlen = 0;
    size_t i = 0;
    while (i < n) {
        size_t lit = 0, lit_len = 0, next;
        LitSet group = {0};
        int is_group = 0, breaks = 0;
        char c = p[i];
        if (c == '\\') {
            next = skip_escape(p, n, i, &lit, &lit_len);
            if (!lit_len)
                breaks = 1;
        } else if (c == '[') {
            next = skip_class(p, n, i);
            breaks = 1;
        } else if (c == '(') {
            next = skip_group(p, n, i);
            size_t a = i + 1, b = next > a ? next - 1 : a; /* content p[a..b) */
            if (a < b && p[a] == '?') {
                if (a + 1 < b && (p[a + 1] == ':' || p[a + 1] == '>' || p[a + 1] == '|')) {
                    a += 2;
                    is_group = 1;
                } else if (a + 2 < b && p[a + 1] == '<' && p[a + 2] != '=' && p[a + 2] != '!') {
                    while (a < b && p[a] != '>')
                        a++;
                    a++;
                    is_group = 1;
                } else if (a + 2 < b && p[a + 1] == 'P' && p[a + 2] == '<') {
                    while (a < b && p[a] != '>')
                        a++;
                    a++;
                    is_group = 1;
                } else
                    breaks = 1; /* look-around, comment, option setting: zero width */
            } else
                is_group = 1;
            if (is_group)
                req_alt(p + a, b > a ? b - a : 0, &group);
        } else if (c == '.' || c == '^' || c == '$' || c == '|' || c == ')' || c == '*' ||
                   c == '+' || c == '?') {
            next = i + 1;
            breaks = 1;
        } else {
            lit = i;
            lit_len = utf8_len(p, n, i);
            next = i + lit_len;
        }
        long min = 1;
        size_t after = breaks ? next : quantifier(p, n, next, &min);
        int quantified = after != next;
        if (is_group) {
            flush_run(&best, run, rlen);
            rlen = 0;
            if (min >= 1)
                consider(&best, &group);
            else
                litset_clear(&group);
        } else if (lit_len) {
            if (min == 0) {
                flush_run(&best, run, rlen);
                rlen = 0;
            } else {
                if (rlen + (int)lit_len < (int)sizeof run) {
                    memcpy(run + rlen, p + lit, lit_len);
                    rlen += (int)lit_len;
                }
                if (quantified) { /* a repeat: what follows is not adjacent */
                    flush_run(&best, run, rlen);
                    rlen = 0;
                }
            }
        } else {
            flush_run(&best, run, rlen);
            rlen = 0;
        }
        i = after;
    }
    flush_run(&best, run, rlen);
    if (best.n == 0)
        best.unknown = 1;
    litset_move(out, &best);
}

/* Required literals of an alternation: the union of its branches' (unknown if any is). */
static void req_alt(const char *p, size_t n, LitSet *out)
{
    litset_clear(out);
    size_t start = 0, i = 0;
    for (;;) {
        if (i >= n || p[i] == '|') {
            LitSet br = {0};
            req_seq(p + start, i - start, &br);
            if (br.unknown) {
                litset_clear(out);
                out->unknown = 1;
                litset_clear(&br);
                return;
            }
            for (int k = 0; k < br.n; k++)
                litset_add(out, br.s[k], br.len[k]);
            litset_clear(&br);
            if (out->unknown)
                return;
            if (i >= n)
                break;
            start = ++i;
            continue;
        }
        if (p[i] == '\\') {
            size_t l, ll;
            i = skip_escape(p, n, i, &l, &ll);
        } else if (p[i] == '[')
            i = skip_class(p, n, i);
        else if (p[i] == '(')
            i = skip_group(p, n, i);
        else
            i++;
    }
}

static uint32_t first_cp(const char *s, size_t n)
{
    size_t i = 0;
    return text_next(s, n, &i);
}

static unsigned bucket_of(uint32_t cp)
{
    return (cp * 2654435761u) >> 21 & (LIT_BUCKETS - 1);
}

static int add_literal(Rubric *r, const char *s, int len, int principle)
{
    unsigned b = bucket_of(first_cp(s, (size_t)len));
    for (int k = r->buckets[b]; k >= 0; k = r->lits[k].next)
        if (r->lits[k].principle == principle && r->lits[k].len == len &&
            memcmp(r->lits[k].s, s, (size_t)len) == 0)
            return 0;
    if (r->nlits == r->caplits) {
        int cap = r->caplits ? r->caplits * 2 : 256;
        Literal *l = realloc(r->lits, (size_t)cap * sizeof *l);
        if (!l)
            return -1;
        r->lits = l;
        r->caplits = cap;
    }
    Literal *l = &r->lits[r->nlits];
    l->s = malloc((size_t)len + 1);
    if (!l->s)
        return -1;
    memcpy(l->s, s, (size_t)len);
    l->s[len] = '\0';
    l->len = len;
    l->principle = principle;
    l->next = r->buckets[b];
    r->buckets[b] = r->nlits++;
    return 0;
}

/* ---------------------------------------------------------------- compiling patterns */

static int compile_one(Loader *ld, const char *raw, Pattern *out, LitSet *lits, const char *what)
{
    int line = line_of(ld->src, raw, ld->line > 0 ? ld->line : 1);
    if (!line)
        line = ld->line;
    if (!text_valid_utf8(raw, strlen(raw), NULL)) {
        load_fail(ld, line, "principle %s: %s pattern is not valid UTF-8", ld->pid, what);
        return -1;
    }
    Buf b = {0};
    if (expand(ld, raw, &b, 0, line) < 0) {
        free(b.s);
        return -1;
    }
    int code;
    PCRE2_SIZE off;
    out->re = pcre2_compile((PCRE2_SPTR)(b.s ? b.s : ""), PCRE2_ZERO_TERMINATED,
                            PCRE2_UTF | PCRE2_UCP, &code, &off, NULL);
    if (!out->re) {
        PCRE2_UCHAR msg[256];
        pcre2_get_error_message(code, msg, sizeof msg);
        load_fail(ld, line, "principle %s: bad %s pattern: %s at offset %zu of \"%s\"", ld->pid,
                  what, (const char *)msg, (size_t)off, b.s ? b.s : "");
        free(b.s);
        return -1;
    }
    out->jit = pcre2_jit_compile(out->re, PCRE2_JIT_COMPLETE) == 0;
    if (lits) {
        req_alt(b.s ? b.s : "", b.len, lits);
        if (!lits->unknown && litset_minlen(lits) == 0)
            lits->unknown = 1;
    }
    free(b.s);
    return 0;
}

/* Reads the list of patterns at field key of the table at idx. When lits is given, the
 * literals every pattern requires are added to it (unknown if any pattern has none). */
static int read_patterns(Loader *ld, int idx, const char *key, PatList *out, LitSet *lits)
{
    lua_State *L = ld->L;
    int t = lua_getfield(L, idx, key);
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
        LitSet one = {0};
        int rc = compile_one(ld, lua_tostring(L, -1), &out->v[out->n], lits ? &one : NULL, key);
        lua_pop(L, 1);
        if (rc < 0) {
            litset_clear(&one);
            lua_pop(L, 1);
            return -1;
        }
        out->n++;
        if (lits) {
            if (one.unknown)
                lits->unknown = 1;
            for (int k = 0; k < one.n; k++)
                litset_add(lits, one.s[k], one.len[k]);
            litset_clear(&one);
        }
    }
    lua_pop(L, 1);
    return 0;
}

static const char *const COND_KEYS[] = {"customer", "persona", "turn_max", NULL};

static int read_cond(Loader *ld, int idx, const char *key, Cond *c)
{
    lua_State *L = ld->L;
    c->turn_max = -1;
    int t = lua_getfield(L, idx, key);
    if (t == LUA_TNIL) {
        lua_pop(L, 1);
        return 0;
    }
    if (t != LUA_TTABLE) {
        lua_pop(L, 1);
        load_fail(ld, ld->line, "principle %s: '%s' must be a table {customer=, persona=, "
                  "turn_max=}", ld->pid, key);
        return -1;
    }
    char what[128];
    snprintf(what, sizeof what, "principle %s: %s", ld->pid, key);
    if (check_keys(ld, -1, COND_KEYS, 0, what) < 0 ||
        read_patterns(ld, lua_gettop(L), "customer", &c->customer, NULL) < 0) {
        lua_pop(L, 1);
        return -1;
    }
    if (c->customer.n)
        c->set = 1;
    t = lua_getfield(L, -1, "persona");
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
    t = lua_getfield(L, -1, "turn_max");
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

static int read_rule(Loader *ld, int idx, Rule *rule, LitSet *lits, const char *what)
{
    if (check_keys(ld, idx, RULE_KEYS, 0, what) < 0)
        return -1;
    if (read_patterns(ld, idx, "any", &rule->any, lits) < 0 ||
        read_patterns(ld, idx, "all", &rule->all, NULL) < 0 ||
        read_patterns(ld, idx, "unless", &rule->unless, NULL) < 0 ||
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
static int read_detector(Loader *ld, int pidx, int pi, Detector *d)
{
    lua_State *L = ld->L;
    int t = lua_getfield(L, pidx, "detect");
    if (t != LUA_TTABLE) {
        lua_pop(L, 1);
        load_fail(ld, ld->line, "principle %s: a %s needs a detector ('detect' table)", ld->pid,
                  ld->r->p[pi].kind == KIND_VIOLATION ? "violation" : "technique");
        return -1;
    }
    int didx = lua_gettop(L);
    LitSet lits = {0};
    char what[128];
    snprintf(what, sizeof what, "principle %s: detect", ld->pid);
    if (check_keys(ld, didx, DETECT_KEYS, 1, what) < 0)
        goto fail;
    t = lua_getfield(L, didx, "builtin");
    if (t != LUA_TNIL) {
        const char *b = lua_tostring(L, -1);
        if (t != LUA_TSTRING || strcmp(b, "long_reply") != 0) {
            lua_pop(L, 1);
            load_fail(ld, ld->line, "principle %s: unknown builtin detector (known: long_reply)",
                      ld->pid);
            goto fail;
        }
        d->builtin = BUILTIN_LONG_REPLY;
        d->always = 1;
        lua_pop(L, 2);
        return 0;
    }
    lua_pop(L, 1);
    int nrules = (int)lua_rawlen(L, didx);
    lua_getfield(L, didx, "any");
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
    d->nrules = single ? 1 : nrules;
    d->rules = calloc((size_t)d->nrules, sizeof *d->rules);
    if (!d->rules) {
        kerr_set(ld->err, "out of memory");
        goto fail;
    }
    if (single) {
        if (read_rule(ld, didx, &d->rules[0], &lits, what) < 0)
            goto fail_lits;
    } else {
        /* the list form keeps 'unless' for all rules and no rule fields of its own */
        lua_getfield(L, didx, "all");
        lua_getfield(L, didx, "when");
        int stray = !lua_isnil(L, -1) || !lua_isnil(L, -2);
        lua_pop(L, 2);
        if (stray) {
            load_fail(ld, ld->line, "principle %s: with a list of rules, put 'all' and 'when' "
                      "inside a rule", ld->pid);
            goto fail_lits;
        }
        if (read_patterns(ld, didx, "unless", &d->unless, NULL) < 0)
            goto fail_lits;
        for (int i = 0; i < nrules; i++) {
            if (lua_rawgeti(L, didx, i + 1) != LUA_TTABLE) {
                lua_pop(L, 1);
                load_fail(ld, ld->line, "principle %s: detect[%d] must be a rule table", ld->pid,
                          i + 1);
                goto fail_lits;
            }
            int rc = read_rule(ld, lua_gettop(L), &d->rules[i], &lits, what);
            lua_pop(L, 1);
            if (rc < 0)
                goto fail_lits;
        }
    }
    for (int i = 0; i < d->nrules; i++)
        if (d->rules[i].when.customer.n)
            d->needs_ctx = 1;
    if (lits.unknown)
        d->always = 1;
    else
        for (int k = 0; k < lits.n; k++)
            if (add_literal(ld->r, lits.s[k], lits.len[k], pi) < 0) {
                kerr_set(ld->err, "out of memory");
                goto fail_lits;
            }
    litset_clear(&lits);
    lua_pop(L, 1);
    return 0;
fail_lits:
    litset_clear(&lits);
fail:
    lua_pop(L, 1);
    return -1;
}

/* ---------------------------------------------------------------- reading the catalog */

static const char *const PRINCIPLE_KEYS[] = {"id",     "name",    "kind",    "critical",
                                             "category", "source", "quote",  "explain",
                                             "detect", "applies", "gate",    NULL};

static int read_principle(Loader *ld, int idx, int pi)
{
    lua_State *L = ld->L;
    Rubric *r = ld->r;
    Principle *p = &r->p[pi];
    Detector *d = &r->det[pi];
    char *s = NULL;
    char what[96];

    lua_getfield(L, idx, "id");
    const char *id = lua_tostring(L, -1);
    if (id) {
        char needle[160];
        snprintf(needle, sizeof needle, "\"%s\"", id);
        int line = line_of(ld->src, needle, ld->line > 0 ? ld->line : 1);
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
        if (strcmp(r->p[k].id, p->id) == 0) {
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
        int line = line_of(ld->src, needle, ld->line);
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

    int t = lua_getfield(L, idx, "critical");
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
    t = lua_getfield(L, idx, "gate");
    d->gate = lua_toboolean(L, -1);
    lua_pop(L, 1);
    if (t != LUA_TNIL && t != LUA_TBOOLEAN) {
        load_fail(ld, ld->line, "principle %s: 'gate' must be true or false", p->id);
        return -1;
    }
    if (read_cond(ld, idx, "applies", &d->applies) < 0)
        return -1;
    if (d->gate && d->applies.customer.n)
        d->needs_ctx = 1;

    if (p->kind == KIND_TIMING) {
        lua_getfield(L, idx, "detect");
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
    ld->line = line_of(ld->src, "thresholds", 1);
    if (lua_getfield(L, idx, "thresholds") != LUA_TTABLE) {
        lua_pop(L, 1);
        load_fail(ld, ld->line, "'thresholds' must be a table (%s, ...)", names[0]);
        return -1;
    }
    if (check_keys(ld, -1, names, 0, "thresholds") < 0) {
        lua_pop(L, 1);
        return -1;
    }
    for (int i = 0; names[i]; i++) {
        int t = lua_getfield(L, -1, names[i]);
        double v = lua_tonumber(L, -1);
        lua_pop(L, 1);
        if (t != LUA_TNUMBER || !(v > 0)) {
            int line = line_of(ld->src, names[i], ld->line);
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
    ld->line = line_of(ld->src, "categories", 1);
    if (lua_getfield(L, idx, "categories") != LUA_TTABLE) {
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
        if (lua_rawgeti(L, -1, i) != LUA_TTABLE || get_string(ld, -1, "id", 1, &id, "category") < 0 ||
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
                                       "principles", NULL};

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
    ld->line = line_of(ld->src, "version", 1);
    char *version = NULL;
    if (get_string(ld, idx, "version", 1, &version, "catalog") < 0)
        return -1;
    ld->r->version = version;
    if (read_categories(ld, idx) < 0 || read_thresholds(ld, idx) < 0 ||
        read_fragments(ld, idx) < 0)
        return -1;
    ld->line = line_of(ld->src, "principles", 1);
    if (lua_getfield(L, idx, "principles") != LUA_TTABLE) {
        lua_pop(L, 1);
        load_fail(ld, ld->line, "'principles' must be a list of principle tables");
        return -1;
    }
    int n = (int)lua_rawlen(L, -1);
    ld->r->p = calloc((size_t)(n ? n : 1), sizeof *ld->r->p);
    ld->r->det = calloc((size_t)(n ? n : 1), sizeof *ld->r->det);
    ld->r->seen = calloc((size_t)(n ? n : 1), sizeof *ld->r->seen);
    if (!ld->r->p || !ld->r->det || !ld->r->seen) {
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
        ld->r->n = i + 1; /* so rubric_destroy frees what was read */
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

/* ---------------------------------------------------------------- lifecycle */

static void patlist_free(PatList *l)
{
    for (int i = 0; i < l->n; i++)
        pcre2_code_free(l->v[i].re);
    free(l->v);
}

static void cond_free(Cond *c)
{
    patlist_free(&c->customer);
    for (int i = 0; i < c->npersona; i++)
        free(c->persona[i]);
    free(c->persona);
}

void rubric_destroy(Rubric *r)
{
    if (!r)
        return;
    for (int i = 0; i < r->n; i++) {
        Principle *p = &r->p[i];
        free((char *)p->id);
        free((char *)p->name);
        free((char *)p->category);
        free((char *)p->source);
        free((char *)p->quote);
        free((char *)p->explain);
        Detector *d = &r->det[i];
        for (int k = 0; k < d->nrules; k++) {
            patlist_free(&d->rules[k].any);
            patlist_free(&d->rules[k].all);
            patlist_free(&d->rules[k].unless);
            cond_free(&d->rules[k].when);
        }
        free(d->rules);
        patlist_free(&d->unless);
        cond_free(&d->applies);
    }
    for (int i = 0; i < r->ncats; i++) {
        free((char *)r->cats[i].id);
        free((char *)r->cats[i].name);
    }
    for (int i = 0; i < r->nlits; i++)
        free(r->lits[i].s);
    free(r->lits);
    free(r->cats);
    free(r->p);
    free(r->det);
    free(r->seen);
    free(r->path);
    free(r->version);
    free(r->ckey);
    text_norm_deinit(&r->norm);
    text_norm_deinit(&r->cnorm);
    pcre2_match_data_free(r->md);
    pcre2_match_context_free(r->mctx);
    free(r);
}

Rubric *rubric_load(const char *path, KefuError *err)
{
    Rubric *r = calloc(1, sizeof *r);
    Sandbox *sb = NULL;
    char *src = NULL;
    Loader ld = {0};
    if (!r) {
        kerr_set(err, "out of memory");
        return NULL;
    }
    for (int i = 0; i < LIT_BUCKETS; i++)
        r->buckets[i] = -1;
    r->path = xstrdup(path);
    r->tn = text_normalizer_shared();
    if (!r->tn) {
        KefuError e2;
        TextNormalizer *probe = text_normalizer_create(&e2);
        text_normalizer_destroy(probe);
        kerr_set(err, "%s: cannot normalise text: %s", path, e2.msg);
        goto fail;
    }
    r->md = pcre2_match_data_create(1, NULL);
    r->mctx = pcre2_match_context_create(NULL);
    if (!r->path || !r->md || !r->mctx) {
        kerr_set(err, "out of memory");
        goto fail;
    }
    pcre2_set_match_limit(r->mctx, MATCH_LIMIT);

    size_t len = 0;
    src = kerr_read_file(path, &len, err);
    if (!src)
        goto fail;
    sb = sandbox_create(NULL, err);
    if (!sb)
        goto fail;
    if (sandbox_run_chunk(sb, src, len, path, err) < 0)
        goto fail;
    ld = (Loader){r, sandbox_state(sb), src, path, err, NULL, 0, 0, NULL};
    if (read_catalog(&ld) < 0)
        goto fail;
    for (int i = 0; i < ld.nfrags; i++) {
        free(ld.frags[i].name);
        free(ld.frags[i].body);
    }
    free(ld.frags);
    sandbox_destroy(sb);
    free(src);
    return r;
fail:
    for (int i = 0; i < ld.nfrags; i++) {
        free(ld.frags[i].name);
        free(ld.frags[i].body);
    }
    free(ld.frags);
    sandbox_destroy(sb);
    free(src);
    rubric_destroy(r);
    return NULL;
}

/* ---------------------------------------------------------------- catalog access */

int rubric_count(const Rubric *r)
{
    return r->n;
}

const Principle *rubric_principle(const Rubric *r, int index)
{
    return index >= 0 && index < r->n ? &r->p[index] : NULL;
}

int rubric_find(const Rubric *r, const char *id)
{
    for (int i = 0; id && i < r->n; i++)
        if (strcmp(r->p[i].id, id) == 0)
            return i;
    return -1;
}

int rubric_category_count(const Rubric *r)
{
    return r->ncats;
}

const RubricCategory *rubric_category(const Rubric *r, int index)
{
    return index >= 0 && index < r->ncats ? &r->cats[index] : NULL;
}

const Thresholds *rubric_thresholds(const Rubric *r)
{
    return &r->th;
}

const char *rubric_version(const Rubric *r)
{
    return r->version;
}

const char *rubric_path(const Rubric *r)
{
    return r->path;
}

/* ---------------------------------------------------------------- matching */

/* Finds pat in s[from..n); on a match stores the span and returns 1. Subjects are valid
 * UTF-8 (normalised text always is), so the UTF check is skipped. */
static int find(Rubric *r, const Pattern *pat, const char *s, size_t n, size_t *ms, size_t *me)
{
    int rc;
    if (pat->jit)
        rc = pcre2_jit_match(pat->re, (PCRE2_SPTR)s, n, 0, PCRE2_NO_UTF_CHECK, r->md, r->mctx);
    else
        rc = pcre2_match(pat->re, (PCRE2_SPTR)s, n, 0, PCRE2_NO_UTF_CHECK, r->md, r->mctx);
    if (rc < 0)
        return 0; /* no match, or the backtracking budget ran out: not evidence */
    PCRE2_SIZE *ov = pcre2_get_ovector_pointer(r->md);
    if (ms)
        *ms = ov[0];
    if (me)
        *me = ov[1];
    return 1;
}

static int any_matches(Rubric *r, const PatList *l, const char *s, size_t n)
{
    for (int i = 0; i < l->n; i++)
        if (find(r, &l->v[i], s, n, NULL, NULL))
            return 1;
    return 0;
}

/* The customer's message, normalised (cached: the same message is asked about for every
 * principle). Returns NULL when there is none. */
static const TextNorm *customer_norm(Rubric *r, const ReplyContext *ctx)
{
    if (!ctx || !ctx->customer)
        return NULL;
    size_t n = strlen(ctx->customer);
    if (n > CUSTOMER_MAX)
        n = CUSTOMER_MAX;
    if (r->cvalid && r->ckey_len == n && memcmp(r->ckey, ctx->customer, n) == 0)
        return r->cnorm.len ? &r->cnorm : NULL;
    r->cvalid = 0;
    if (n + 1 > r->ckey_cap) {
        char *k = realloc(r->ckey, n + 1);
        if (!k)
            return NULL;
        r->ckey = k;
        r->ckey_cap = n + 1;
    }
    memcpy(r->ckey, ctx->customer, n);
    r->ckey_len = n;
    if (text_normalize(r->tn, ctx->customer, n, &r->cnorm) < 0)
        return NULL;
    r->cvalid = 1;
    return r->cnorm.len ? &r->cnorm : NULL;
}

static int persona_in(const Cond *c, const char *persona)
{
    for (int i = 0; i < c->npersona; i++)
        if (strcmp(c->persona[i], persona) == 0)
            return 1;
    return 0;
}

/* A rule's `when`: every given condition must hold on a known context. */
static int when_holds(Rubric *r, const Cond *c, const ReplyContext *ctx)
{
    if (!c->set)
        return 1;
    if (c->customer.n) {
        const TextNorm *cn = customer_norm(r, ctx);
        if (!cn || !any_matches(r, &c->customer, cn->norm, cn->len))
            return 0;
    }
    if (c->npersona && (!ctx || !ctx->persona || !persona_in(c, ctx->persona)))
        return 0;
    if (c->turn_max >= 0 && (!ctx || ctx->turn < 0 || ctx->turn > c->turn_max))
        return 0;
    return 1;
}

/* `applies`: any given condition holding on a known context is enough; when none of the
 * conditions' inputs is known, in doubt, the principle applies. */
static int applies_holds(Rubric *r, const Cond *c, const ReplyContext *ctx)
{
    if (!c->set)
        return 1;
    int known = 0;
    if (c->customer.n) {
        const TextNorm *cn = customer_norm(r, ctx);
        if (cn) {
            known = 1;
            if (any_matches(r, &c->customer, cn->norm, cn->len))
                return 1;
        }
    }
    if (c->npersona && ctx && ctx->persona && *ctx->persona) {
        known = 1;
        if (persona_in(c, ctx->persona))
            return 1;
    }
    if (c->turn_max >= 0 && ctx && ctx->turn >= 0) {
        known = 1;
        if (ctx->turn <= c->turn_max)
            return 1;
    }
    return !known;
}

int rubric_applicable(Rubric *r, int principle, const ReplyContext *ctx)
{
    if (!r || principle < 0 || principle >= r->n)
        return 0;
    return applies_holds(r, &r->det[principle].applies, ctx);
}

/* Evaluates one rule against the normalised reply; on success the evidence span. */
static int rule_fires(Rubric *r, const Rule *rule, const char *s, size_t n,
                      const ReplyContext *ctx, size_t *es, size_t *ee)
{
    size_t best_s = 0, best_e = 0;
    int found = 0;
    for (int i = 0; i < rule->any.n; i++) {
        size_t ms, me;
        if (find(r, &rule->any.v[i], s, n, &ms, &me) && (!found || ms < best_s)) {
            best_s = ms;
            best_e = me;
            found = 1;
        }
    }
    if (!found)
        return 0;
    for (int i = 0; i < rule->all.n; i++) {
        size_t ms, me;
        if (!find(r, &rule->all.v[i], s, n, &ms, &me))
            return 0;
        if (ms < best_s)
            best_s = ms;
        if (me > best_e)
            best_e = me;
    }
    if (any_matches(r, &rule->unless, s, n))
        return 0;
    if (!when_holds(r, &rule->when, ctx))
        return 0;
    *es = best_s;
    *ee = best_e;
    return 1;
}

/* Marks every principle whose prefilter literals occur in the normalised text. */
static void prefilter(Rubric *r, const char *s, size_t n)
{
    const unsigned char *u = (const unsigned char *)s;
    size_t i = 0;
    while (i < n) {
        unsigned char c = u[i];
        uint32_t cp;
        size_t l;
        if (c < 0x80) {
            cp = c;
            l = 1;
        } else if (c < 0xE0 && i + 1 < n) {
            cp = (uint32_t)(c & 0x1F) << 6 | (u[i + 1] & 0x3F);
            l = 2;
        } else if (c < 0xF0 && i + 2 < n) {
            cp = (uint32_t)(c & 0x0F) << 12 | (uint32_t)(u[i + 1] & 0x3F) << 6 | (u[i + 2] & 0x3F);
            l = 3;
        } else if (i + 3 < n) {
            cp = (uint32_t)(c & 0x07) << 18 | (uint32_t)(u[i + 1] & 0x3F) << 12 |
                 (uint32_t)(u[i + 2] & 0x3F) << 6 | (u[i + 3] & 0x3F);
            l = 4;
        } else {
            cp = 0xFFFD;
            l = 1;
        }
        for (int k = r->buckets[bucket_of(cp)]; k >= 0; k = r->lits[k].next) {
            const Literal *lit = &r->lits[k];
            if (r->seen[lit->principle] != r->gen && (size_t)lit->len <= n - i &&
                memcmp(s + i, lit->s, (size_t)lit->len) == 0)
                r->seen[lit->principle] = r->gen;
        }
        i += l;
    }
}

static int push_hit(HitList *out, int principle, int start, int end)
{
    if (out->n == out->cap) {
        int cap = out->cap ? out->cap * 2 : 8;
        Hit *v = realloc(out->v, (size_t)cap * sizeof *v);
        if (!v)
            return -1;
        out->v = v;
        out->cap = cap;
    }
    out->v[out->n++] = (Hit){principle, start, end};
    return 0;
}

int rubric_analyze(Rubric *r, const char *reply, size_t len, const ReplyContext *ctx,
                   HitList *out)
{
    out->n = 0;
    if (!reply)
        len = 0;
    if (text_normalize(r->tn, reply ? reply : "", len, &r->norm) < 0)
        return -1;
    const char *s = r->norm.norm;
    size_t n = r->norm.len;
    /* Normalised text is valid UTF-8 by construction (bad bytes became U+FFFD); check once
     * anyway, since every match below skips PCRE2's own check. */
    if (!text_valid_utf8(s, n, NULL))
        return 0;
    if (++r->gen == 0) { /* wrapped: forget stale marks */
        memset(r->seen, 0, (size_t)r->n * sizeof *r->seen);
        r->gen = 1;
    }
    prefilter(r, s, n);
    const Thresholds *th = ctx && ctx->thresholds ? ctx->thresholds : &r->th;
    for (int i = 0; i < r->n; i++) {
        const Detector *d = &r->det[i];
        if (r->p[i].kind == KIND_TIMING)
            continue;
        if (d->builtin == BUILTIN_LONG_REPLY) {
            /* characters as the customer sees them, white space aside */
            size_t chars = text_chars(s, n);
            if (n && (double)chars > th->long_reply_chars && push_hit(out, i, 0, (int)len) < 0)
                return -1;
            continue;
        }
        if (!d->always && r->seen[i] != r->gen)
            continue;
        size_t es = 0, ee = 0;
        int fired = 0;
        for (int k = 0; k < d->nrules && !fired; k++)
            fired = rule_fires(r, &d->rules[k], s, n, ctx, &es, &ee);
        if (!fired || any_matches(r, &d->unless, s, n))
            continue;
        if (d->gate && !applies_holds(r, &d->applies, ctx))
            continue;
        size_t os, oe;
        text_norm_span(&r->norm, reply, len, es, ee, &os, &oe);
        if (push_hit(out, i, (int)os, (int)oe) < 0)
            return -1;
    }
    return 0;
}
