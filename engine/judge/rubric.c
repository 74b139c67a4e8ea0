/* rubric: loads the principle catalog from scenarios/rubric.lua, compiles its detectors with
 * PCRE2 once, and analyses one reply into hits with evidence spans in the original bytes. */
#include "judge/rubric.h"

#define PCRE2_CODE_UNIT_WIDTH 8
#include <lauxlib.h>
#include <lua.h>
#include <pcre2.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lua/sandbox.h"
#include "base/text.h"

#define FRAGMENT_DEPTH 8       /* fragments may use fragments, this deep */
#define LIT_MAX 96             /* literals one pattern may require before we give up on it */
#define SETS_MAX 3             /* literal sets a pattern may require together */
#define LIT_BUCKETS 4096       /* prefilter hash table size (a power of two) */
#define MATCH_LIMIT 200000     /* PCRE2 backtracking budget per match: a runaway pattern fails */
#define CUSTOMER_MAX 4096      /* bytes of the customer's message the context looks at */

/* ---------------------------------------------------------------- types */

typedef struct Pattern {
    pcre2_code *re; /* reply patterns: compiled with PCRE2_USE_OFFSET_LIMIT (find_one) */
    int jit;   /* JIT-compiled: pcre2_jit_match may be used */
    /* A pattern whose top level is an alternation a|b|c runs as its branches (re is NULL):
     * each branch has literals of its own for the prefilter, where the whole pattern would
     * only have what all branches share (often one common character, or nothing). */
    struct Pattern *branch;
    int nbranch;
    int split;       /* a split pattern: its slot in the per-reply branch marks (bgen, bmask) */
    int memo;        /* a customer pattern: its slot in the per-message results (mgen, mres) */
    uint64_t always; /* a split pattern: branches without literals, tried on every reply */
    int id;    /* index into the prefilter's per-pattern marks */
    int nsets; /* literal sets that must all occur in the reply (0: no prefilter) */
    int anchor;   /* the set whose first occurrence bounds where a match can start, or -1 */
    int anchor_w; /* at most this many characters of a match come before that literal */
    int *alits;   /* the anchor set's literals (indices into Rubric.lits) */
    int nalits;
} Pattern;

typedef struct PatList {
    Pattern *v;
    int n;
} PatList;

/* A context condition: who the customer is and what they said. */
typedef struct Cond {
    PatList customer; /* the customer's latest message matches one of these */
    PatList unless_customer; /* `when` only: it matches none of these (or is unknown) */
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
} Detector;

/* A pattern (and which of its literal sets) a literal counts for. */
typedef struct Target {
    int pattern;
    unsigned char bit;
} Target;

/* A literal the prefilter looks for; chained per bucket of its first code point. */
typedef struct Literal {
    char *s;
    int len;
    uint32_t cp;  /* its first code point */
    uint32_t cp2; /* its second code point, 0 for a one-character literal */
    int head;     /* bytes of those one or two code points */
    int next;
    Target *t;
    int nt, capt;
} Literal;

/* What the prefilter learns about one pattern in the reply being analysed, with what it needs
 * to know about the pattern while marking: one cache line per pattern. */
typedef struct PState {
    unsigned gen;         /* the reply these marks are for */
    unsigned char mask;   /* which of its literal sets the reply holds */
    unsigned char full;   /* the mask with every set held: the pattern may match */
    unsigned char branch; /* a branch of a split pattern: which one */
    short split;          /* the split pattern it is a branch of, or -1 */
    short principle; /* its principle when it is an `any` pattern (or a branch of one), or -1 */
} PState;

/* The prefilter's view of a literal, packed so that walking a bucket's chain stays in few cache
 * lines (the Literal array holds the rest, for building and listing). */
typedef struct LitHot {
    uint32_t cp, cp2; /* first code point, second (0 for one character) */
    int next;         /* next literal in the bucket, or -1 */
    int tfirst;       /* its targets: Rubric.targets[tfirst ..] */
    int nt;
    unsigned char len, head; /* bytes in all, and of the first one or two code points */
} LitHot;

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
    uint8_t starts1[0x10000 / 8]; /* code points (of the BMP) that are one-character literals */
    uint8_t starts2[0x10000 / 8]; /* code points (of the BMP) longer literals start with */
    int starts_astral;            /* some literal starts beyond the BMP */
    unsigned *ptouch;             /* per principle: generation an `any` pattern became possible */
    unsigned char *pfree;         /* per principle: an `any` pattern has no prefilter */

    /* scratch, reused across calls (hence not thread-safe) */
    const TextNormalizer *tn;
    TextNorm norm;
    TextNorm cnorm;    /* the customer's message, normalised */
    char *ckey;        /* the raw customer text cnorm was made from */
    size_t ckey_len, ckey_cap;
    int cvalid;        /* cnorm holds ckey's normal form */
    int npats;           /* patterns compiled, each with an id */
    PState *ps;          /* per pattern */
    LitHot *hot;         /* per literal, in the order of lits */
    unsigned *lgen;      /* per literal: the reply it was last seen in */
    uint32_t *lfirst, *llast; /* per literal: where it first and last starts in that reply */
    Target *targets;          /* every literal's targets, one after the other */
    unsigned gen;
    int no_prefilter; /* tests: run every pattern over the whole reply */
    int nmemo;        /* distinct customer patterns */
    unsigned *mgen;   /* per customer pattern: the customer message its result is for */
    unsigned char *mres; /* per customer pattern: whether that message matches it */
    unsigned cgen;       /* bumped whenever the customer message changes */
    int nsplit;          /* split patterns */
    unsigned *bgen;      /* per split pattern: generation of its branch marks */
    uint64_t *bmask;     /* per split pattern: branches some literal of which the reply holds */
    pcre2_match_data *md;
    pcre2_match_context *mctx; /* the backtracking limit */
    pcre2_match_context *mlim; /* the same, with an offset limit set per match */
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
    int rc;        /* read_catalog's result, when run through read_protected */
    size_t *lines; /* offsets in src where each line starts (line k at lines[k - 1]) */
    int nlines;
    char **memo; /* the expanded text of each distinct customer pattern, by slot */
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
    int w; /* at most this many characters of a match precede the literal (-1: unbounded) */
} LitSet;

static void litset_clear(LitSet *ls)
{
    for (int i = 0; i < ls->n; i++)
        free(ls->s[i]);
    ls->n = 0;
    ls->unknown = 0;
    ls->w = 0;
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

/* Characters so frequent in replies that a literal of just one of them filters nothing. */
static const char COMMON[] = "的是了在有不我你您亲这那个一就给也都要可以吗呢哦吧啊好很会能还们"
                             "说看下上到么和人时后对多大小来去得过着把被让";

#define COST_WEAK 100 /* a set holding a literal this costly occurs in most replies */

/* How often a literal may be expected in a reply, roughly: a single very common or ASCII
 * character almost always, another single character sometimes, longer literals rarely. */
static int lit_cost(const char *s, int len)
{
    if (len <= 2)
        return COST_WEAK;
    if (len == 3) {
        for (size_t i = 0; i + 3 <= sizeof COMMON - 1; i += 3)
            if (memcmp(COMMON + i, s, 3) == 0)
                return COST_WEAK;
        return 10;
    }
    return 1;
}

/* The expected cost of a set: the chance that one of its literals occurs (lower filters
 * better). */
static int litset_cost(const LitSet *ls)
{
    int c = 0;
    for (int i = 0; i < ls->n; i++)
        c += lit_cost(ls->s[i], ls->len[i]);
    return c;
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
    src->w = 0;
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

/* Parses a quantifier at p[i]; returns its end and the repeat counts in *min and *max (-1:
 * unbounded), or returns i with both 1 when there is none. */
static size_t quantifier(const char *p, size_t n, size_t i, long *min, long *max)
{
    *min = *max = 1;
    if (i >= n)
        return i;
    size_t j = i;
    if (p[i] == '?' || p[i] == '*') {
        *min = 0;
        *max = p[i] == '?' ? 1 : -1;
        j = i + 1;
    } else if (p[i] == '+') {
        *max = -1;
        j = i + 1;
    } else if (p[i] == '{') {
        size_t k = i + 1;
        long m = 0, x;
        int digits = 0;
        while (k < n && p[k] >= '0' && p[k] <= '9') {
            m = m * 10 + (p[k] - '0');
            k++;
            digits++;
        }
        if (!digits)
            return i; /* "{" not a quantifier: a literal brace */
        x = m;
        if (k < n && p[k] == ',') {
            k++;
            x = k < n && p[k] >= '0' && p[k] <= '9' ? 0 : -1;
            while (k < n && p[k] >= '0' && p[k] <= '9')
                x = x * 10 + (p[k++] - '0');
        }
        if (k >= n || p[k] != '}')
            return i;
        *min = m;
        *max = x;
        j = k + 1;
    } else
        return i;
    if (j < n && (p[j] == '?' || p[j] == '+'))
        j++;
    return j;
}

static void req_alt(const char *p, size_t n, LitSet *out);
static long width_alt(const char *p, size_t n);

/* The most characters a sequence (no top-level |) can match, or -1 when unbounded. */
static long width_seq(const char *p, size_t n)
{
    long w = 0;
    size_t i = 0;
    while (i < n) {
        size_t next, lit = 0, lit_len = 0;
        long iw = 1;
        char c = p[i];
        if (c == '\\') {
            next = skip_escape(p, n, i, &lit, &lit_len);
            if (!lit_len && i + 1 < n && strchr("bBAzZGK", p[i + 1]))
                iw = 0; /* assertions take no characters */
        } else if (c == '[') {
            next = skip_class(p, n, i);
        } else if (c == '(') {
            next = skip_group(p, n, i);
            size_t a = i + 1, b = next > a ? next - 1 : a;
            if (a < b && p[a] == '?') {
                if (a + 1 < b && (p[a + 1] == '=' || p[a + 1] == '!' || p[a + 1] == '#' ||
                                  (p[a + 1] == '<' && a + 2 < b && (p[a + 2] == '=' || p[a + 2] == '!'))))
                    iw = 0; /* look-around, comment */
                else if (a + 1 < b && (p[a + 1] == ':' || p[a + 1] == '>' || p[a + 1] == '|'))
                    iw = width_alt(p + a + 2, b - a - 2);
                else if (a + 1 < b && (p[a + 1] == '<' || p[a + 1] == 'P')) {
                    while (a < b && p[a] != '>')
                        a++;
                    iw = width_alt(p + a + 1, b > a + 1 ? b - a - 1 : 0);
                } else
                    iw = 0; /* option setting */
            } else
                iw = width_alt(p + a, b - a);
        } else if (c == '^' || c == '$') {
            next = i + 1;
            iw = 0;
        } else {
            next = i + (c == '.' ? 1 : utf8_len(p, n, i));
        }
        long min, max;
        i = quantifier(p, n, next, &min, &max);
        if (iw < 0 || (max < 0 && iw > 0))
            return -1;
        w += iw * (max < 0 ? 0 : max);
    }
    return w;
}

/* The most characters an alternation can match, or -1 when unbounded. */
static long width_alt(const char *p, size_t n)
{
    long w = 0;
    size_t start = 0, i = 0;
    int depth = 0;
    for (;; i++) {
        if (i >= n || (p[i] == '|' && depth == 0)) {
            long bw = width_seq(p + start, i - start);
            if (bw < 0)
                return -1;
            if (bw > w)
                w = bw;
            if (i >= n)
                return w;
            start = i + 1;
            continue;
        }
        if (p[i] == '\\') {
            size_t l, ll;
            i = skip_escape(p, n, i, &l, &ll) - 1;
        } else if (p[i] == '[')
            i = skip_class(p, n, i) - 1;
        else if (p[i] == '(')
            depth++;
        else if (p[i] == ')')
            depth--;
    }
}

/* A plain class like [哦呢哈] (no negation, ranges or escapes) is a set of one-character
 * literals; returns 1 and fills out, else 0. */
static int class_literals(const char *p, size_t n, LitSet *out)
{
    litset_clear(out);
    if (n < 3 || p[1] == '^')
        return 0;
    for (size_t i = 1; i + 1 < n;) {
        if (p[i] == '\\' || p[i] == '-' || p[i] == '[' || p[i] == ']') {
            litset_clear(out);
            return 0;
        }
        size_t l = utf8_len(p, n - 1, i);
        litset_add(out, p + i, (int)l);
        i += l;
    }
    if (out->unknown || out->n == 0) {
        litset_clear(out);
        return 0;
    }
    return 1;
}

/* Keeps in best whichever candidate filters better (lower cost). */
static void consider(LitSet *best, LitSet *cand)
{
    if (cand->unknown || cand->n == 0) {
        litset_clear(cand);
        return;
    }
    int better = best->n == 0 || litset_cost(cand) < litset_cost(best);
    if (better)
        litset_move(best, cand);
    else
        litset_clear(cand);
}

/* Orders candidate sets: the one that filters better first. */
static int litset_better(const LitSet *a, const LitSet *b)
{
    return litset_cost(a) < litset_cost(b);
}

/* Keeps in top[0..*ntop) the SETS_MAX best candidates (copies cand; cand is untouched). */
static void keep_top(LitSet *top, int *ntop, const LitSet *cand)
{
    if (!top || cand->unknown || cand->n == 0)
        return;
    int at = *ntop;
    while (at > 0 && litset_better(cand, &top[at - 1]))
        at--;
    if (at >= SETS_MAX)
        return;
    if (*ntop == SETS_MAX) {
        litset_clear(&top[SETS_MAX - 1]);
        (*ntop)--;
    }
    for (int k = *ntop; k > at; k--)
        top[k] = top[k - 1];
    top[at] = (LitSet){0};
    for (int k = 0; k < cand->n; k++)
        litset_add(&top[at], cand->s[k], cand->len[k]);
    top[at].w = cand->w;
    (*ntop)++;
}

static void flush_run(LitSet *best, LitSet *top, int *ntop, const char *run, int len, long w)
{
    if (len <= 0)
        return;
    LitSet one = {0};
    litset_add(&one, run, len);
    one.w = (int)w;
    keep_top(top, ntop, &one);
    consider(best, &one);
}

/* Required literals of a sequence (no top-level |): the best set in out, and when top is
 * given the SETS_MAX best sets, all of which every match holds. */
static void req_seq(const char *p, size_t n, LitSet *out, LitSet *top, int *ntop)
{
    LitSet best = {0};
    char run[512];
    int rlen = 0;
    long pw = 0, run_w = 0; /* widest prefix before this item, and before the current run */
    size_t i = 0;
    while (i < n) {
        size_t lit = 0, lit_len = 0, next;
        LitSet group = {0};
        int is_group = 0;
        char c = p[i];
        if (c == '\\') {
            next = skip_escape(p, n, i, &lit, &lit_len);
        } else if (c == '[') {
            next = skip_class(p, n, i);
            is_group = class_literals(p + i, next - i, &group);
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
                } /* else look-around, comment, option setting: zero width */
            } else
                is_group = 1;
            if (is_group)
                req_alt(p + a, b > a ? b - a : 0, &group);
        } else if (c == '.' || c == '^' || c == '$' || c == '|' || c == ')' || c == '*' ||
                   c == '+' || c == '?') {
            next = i + 1;
        } else {
            lit = i;
            lit_len = utf8_len(p, n, i);
            next = i + lit_len;
        }
        long min = 1, max = 1;
        size_t after = quantifier(p, n, next, &min, &max);
        int quantified = after != next;
        long iw = width_seq(p + i, after - i); /* this item with its quantifier */
        if (is_group) {
            flush_run(&best, top, ntop, run, rlen, run_w);
            rlen = 0;
            if (group.w >= 0 && pw >= 0)
                group.w = (int)(group.w + pw);
            else
                group.w = -1;
            if (min >= 1) {
                keep_top(top, ntop, &group);
                consider(&best, &group);
            }
            else
                litset_clear(&group);
        } else if (lit_len) {
            if (min == 0) {
                flush_run(&best, top, ntop, run, rlen, run_w);
                rlen = 0;
            } else {
                if (rlen == 0)
                    run_w = pw;
                if (rlen + (int)lit_len < (int)sizeof run) {
                    memcpy(run + rlen, p + lit, lit_len);
                    rlen += (int)lit_len;
                }
                if (quantified) { /* a repeat: what follows is not adjacent */
                    flush_run(&best, top, ntop, run, rlen, run_w);
                    rlen = 0;
                }
            }
        } else {
            flush_run(&best, top, ntop, run, rlen, run_w);
            rlen = 0;
        }
        pw = pw < 0 || iw < 0 ? -1 : pw + iw;
        i = after;
    }
    flush_run(&best, top, ntop, run, rlen, run_w);
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
            req_seq(p + start, i - start, &br, NULL, NULL);
            if (br.unknown) {
                litset_clear(out);
                out->unknown = 1;
                litset_clear(&br);
                return;
            }
            for (int k = 0; k < br.n; k++)
                litset_add(out, br.s[k], br.len[k]);
            if (br.w < 0 || out->w < 0)
                out->w = -1;
            else if (br.w > out->w)
                out->w = br.w;
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

/* The first one or two code points of s[0..n) and the bytes they take. */
static void head_of(const char *s, size_t n, uint32_t *cp, uint32_t *cp2, int *head)
{
    size_t i = 0;
    *cp = text_next(s, n, &i);
    *cp2 = i < n ? text_next(s, n, &i) : 0;
    *head = (int)i;
}

/* Literals are hashed by their first two code points (one-character ones by the first), so a
 * bucket rarely holds a literal that does not match where the text's characters do. */
static unsigned bucket_of(uint32_t cp, uint32_t cp2)
{
    return ((cp * 2654435761u) ^ (cp2 * 2246822519u)) >> 20 & (LIT_BUCKETS - 1);
}

/* Records that literal s[0..len) counts for set `bit` of pattern `pattern`; returns the
 * literal's index, or -1 out of memory. */
static int add_literal(Rubric *r, const char *s, int len, int pattern, int bit)
{
    uint32_t cp, cp2;
    int head;
    head_of(s, (size_t)len, &cp, &cp2, &head);
    unsigned b = bucket_of(cp, cp2);
    int k;
    for (k = r->buckets[b]; k >= 0; k = r->lits[k].next)
        if (r->lits[k].len == len && memcmp(r->lits[k].s, s, (size_t)len) == 0)
            break;
    if (k < 0) {
        if (r->nlits == r->caplits) {
            int cap = r->caplits ? r->caplits * 2 : 256;
            Literal *l = realloc(r->lits, (size_t)cap * sizeof *l);
            if (!l)
                return -1;
            r->lits = l;
            r->caplits = cap;
        }
        Literal *l = &r->lits[r->nlits];
        *l = (Literal){0};
        l->s = malloc((size_t)len + 1);
        if (!l->s)
            return -1;
        memcpy(l->s, s, (size_t)len);
        l->s[len] = '\0';
        l->len = len;
        l->cp = cp;
        l->cp2 = cp2;
        if (cp >= 0x10000)
            r->starts_astral = 1;
        else if (cp2)
            r->starts2[cp >> 3] |= (uint8_t)(1u << (cp & 7));
        else
            r->starts1[cp >> 3] |= (uint8_t)(1u << (cp & 7));
        l->head = head;
        l->next = r->buckets[b];
        k = r->buckets[b] = r->nlits++;
    }
    Literal *l = &r->lits[k];
    for (int t = 0; t < l->nt; t++)
        if (l->t[t].pattern == pattern && l->t[t].bit == bit)
            return k;
    if (l->nt == l->capt) {
        int cap = l->capt ? l->capt * 2 : 4;
        Target *t = realloc(l->t, (size_t)cap * sizeof *t);
        if (!t)
            return -1;
        l->t = t;
        l->capt = cap;
    }
    l->t[l->nt++] = (Target){pattern, (unsigned char)bit};
    return k;
}

/* Derives the literal sets pattern p[0..n) requires and registers them for pattern pat.
 * Returns the number of sets (0: no prefilter; the pattern always runs), or -1. */
static int register_literals(Rubric *r, const char *p, size_t n, Pattern *pat)
{
    int id = pat->id;
    LitSet top[SETS_MAX];
    memset(top, 0, sizeof top);
    int ntop = 0, depth = 0, alternation = 0;
    for (size_t i = 0; i < n; i++) {
        if (p[i] == '\\') {
            size_t l, ll;
            i = skip_escape(p, n, i, &l, &ll) - 1;
        } else if (p[i] == '[')
            i = skip_class(p, n, i) - 1;
        else if (p[i] == '(')
            depth++;
        else if (p[i] == ')')
            depth--;
        else if (p[i] == '|' && depth == 0)
            alternation = 1;
    }
    if (alternation) {
        req_alt(p, n, &top[0]);
        ntop = top[0].unknown || top[0].n == 0 ? 0 : 1;
    } else {
        LitSet best = {0};
        req_seq(p, n, &best, top, &ntop);
        litset_clear(&best);
    }
    /* a weak set (one common character) costs more in the scan than it saves when a
     * better one filters anyway */
    while (ntop > 1 && litset_cost(&top[0]) < COST_WEAK && litset_cost(&top[ntop - 1]) >= COST_WEAK)
        litset_clear(&top[--ntop]);
    int rc = ntop;
    /* Every set is required, so any can anchor the match: take the one that leaves the
     * fewest start positions to try (window width times how often it may occur). */
    pat->anchor = -1;
    long best = 0;
    for (int k = 0; k < ntop; k++) {
        if (top[k].w < 0)
            continue;
        long score = (long)(top[k].w + 1) * litset_cost(&top[k]);
        if (pat->anchor < 0 || score < best) {
            pat->anchor = k;
            pat->anchor_w = top[k].w;
            best = score;
        }
    }
    for (int k = 0; k < ntop; k++) {
        if (litset_minlen(&top[k]) == 0)
            rc = 0;
        if (rc > 0 && k == pat->anchor) {
            pat->alits = malloc((size_t)top[k].n * sizeof *pat->alits);
            if (!pat->alits)
                rc = -1;
        }
        for (int m = 0; rc > 0 && m < top[k].n; m++) {
            int lit = add_literal(r, top[k].s[m], top[k].len[m], id, k);
            if (lit < 0)
                rc = -1;
            else if (k == pat->anchor)
                pat->alits[pat->nalits++] = lit;
        }
    }
    if (rc <= 0) {
        pat->anchor = -1;
        free(pat->alits);
        pat->alits = NULL;
        pat->nalits = 0;
    }
    for (int k = 0; k < SETS_MAX; k++)
        litset_clear(&top[k]);
    return rc;
}

/* ---------------------------------------------------------------- compiling patterns */

/* Splits the top level of an expanded pattern at its '|'s: the branch boundaries go to
 * cut[0..ncut) (offsets of the bars). Returns 0 when the pattern must run whole: it has no
 * top-level alternation, or a branch could depend on another (back references, recursion,
 * subroutine calls, option settings, branch-reset groups). */
static int top_level_bars(const char *p, size_t n, size_t *cut, int max, int *ncut)
{
    int depth = 0;
    *ncut = 0;
    for (size_t i = 0; i < n; i++) {
        if (p[i] == '\\') {
            if (i + 1 < n &&
                ((p[i + 1] >= '1' && p[i + 1] <= '9') || p[i + 1] == 'g' || p[i + 1] == 'k'))
                return 0;
            size_t l, ll;
            i = skip_escape(p, n, i, &l, &ll) - 1;
        } else if (p[i] == '[') {
            i = skip_class(p, n, i) - 1;
        } else if (p[i] == '(') {
            if (i + 2 < n && p[i + 1] == '?' && !strchr(":=!<>#", p[i + 2]))
                return 0; /* (?|, (?R, (?1, (?&, (?P, (?i) ... */
            if (i + 3 < n && p[i + 1] == '?' && p[i + 2] == '<' && !strchr("=!", p[i + 3]))
                return 0; /* a named group: its name is the pattern's */
            depth++;
        } else if (p[i] == ')') {
            depth--;
        } else if (p[i] == '|' && depth == 0) {
            if (*ncut == max)
                return 0;
            cut[(*ncut)++] = i;
        }
    }
    return *ncut > 0;
}

#define BRANCH_MAX 64 /* an alternation of more branches runs whole (masks are 64 bits) */

typedef struct Span {
    const char *p;
    size_t n;
} Span;

/* The branches of the top-level alternation p[0..n), in order, into out[*nout...]: a branch
 * that is itself a whole group (?:x|y) is split in its turn, since (?:a|b)|c matches as a|b|c
 * does. Returns 0 when the pattern must run whole (see top_level_bars) or has more than
 * BRANCH_MAX branches. */
static int split_branches(const char *p, size_t n, Span *out, int *nout)
{
    while (n >= 4 && p[0] == '(' && p[1] == '?' && p[2] == ':' && skip_group(p, n, 0) == n) {
        p += 3;
        n -= 4;
    }
    size_t cut[BRANCH_MAX];
    int ncut;
    if (!top_level_bars(p, n, cut, BRANCH_MAX, &ncut)) {
        size_t l, ll;
        for (size_t i = 0; i < n; i++) { /* a lone branch: must not refer elsewhere either */
            if (p[i] == '\\' && i + 1 < n &&
                ((p[i + 1] >= '1' && p[i + 1] <= '9') || p[i + 1] == 'g' || p[i + 1] == 'k'))
                return 0;
            if (p[i] == '\\')
                i = skip_escape(p, n, i, &l, &ll) - 1;
            else if (p[i] == '[')
                i = skip_class(p, n, i) - 1;
            else if (p[i] == '(' && i + 2 < n && p[i + 1] == '?' && !strchr(":=!<>#", p[i + 2]))
                return 0;
        }
        if (*nout == BRANCH_MAX)
            return 0;
        out[(*nout)++] = (Span){p, n};
        return 1;
    }
    for (int k = 0; k <= ncut; k++) {
        size_t from = k ? cut[k - 1] + 1 : 0, to = k < ncut ? cut[k] : n;
        if (!split_branches(p + from, to - from, out, nout))
            return 0;
    }
    return 1;
}

/* Compiles the expanded pattern p[0..n) into out (no JIT yet, no literals): returns 0, or -1
 * with PCRE2's error in *code and *off. */
static int compile_expanded(Loader *ld, const char *p, size_t n, Pattern *out, int prefilter,
                            int *code, PCRE2_SIZE *off)
{
    /* Reply patterns may be given an offset limit (the last place a match can start, from the
     * prefilter); the option must be set when compiling. */
    uint32_t opts = PCRE2_UTF | PCRE2_UCP | (prefilter ? PCRE2_USE_OFFSET_LIMIT : 0);
    out->re = pcre2_compile((PCRE2_SPTR)p, n, opts, code, off, NULL);
    if (!out->re)
        return -1;
    out->id = ld->r->npats++;
    out->anchor = -1;
    return 0;
}

/* Makes a compiled pattern ready to run: JIT, and for reply patterns (prefilter set) the
 * literal sets the prefilter looks for. Returns 0, or -1 out of memory. */
static int finish_pattern(Loader *ld, const char *p, size_t n, Pattern *out, int prefilter)
{
    out->jit = pcre2_jit_compile(out->re, PCRE2_JIT_COMPLETE) == 0;
    if (prefilter) {
        out->nsets = register_literals(ld->r, p, n, out);
        if (out->nsets < 0)
            return -1;
    }
    return 0;
}

static int compile_one(Loader *ld, const char *raw, Pattern *out, int prefilter, const char *what)
{
    int line = line_of(ld, raw, ld->line > 0 ? ld->line : 1);
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
    const char *p = b.s ? b.s : "";
    int code;
    PCRE2_SIZE off;
    /* the whole pattern first: its errors are the ones to show the trainer */
    if (compile_expanded(ld, p, b.len, out, prefilter, &code, &off) < 0) {
        if (code == 0) {
            kerr_set(ld->err, "out of memory");
        } else {
            PCRE2_UCHAR msg[256];
            pcre2_get_error_message(code, msg, sizeof msg);
            load_fail(ld, line, "principle %s: bad %s pattern: %s at offset %zu of \"%s\"", ld->pid,
                      what, (const char *)msg, (size_t)off, p);
        }
        free(b.s);
        return -1;
    }
    out->memo = -1;
    if (!prefilter) {
        /* A customer pattern: the same fragment ({COMPLAIN}, {HAGGLE}) conditions many
         * principles, and its answer for one customer message is the same each time. */
        int slot = 0;
        while (slot < ld->r->nmemo && strcmp(ld->memo[slot], p) != 0)
            slot++;
        if (slot == ld->r->nmemo) {
            char **m = realloc(ld->memo, (size_t)(slot + 1) * sizeof *m);
            if (!m || !(m[slot] = xstrdup(p))) {
                if (m)
                    ld->memo = m;
                free(b.s);
                kerr_set(ld->err, "out of memory");
                return -1;
            }
            ld->memo = m;
            ld->r->nmemo++;
        }
        out->memo = slot;
    }
    /* (?:a|b|c) written whole is the alternation a|b|c: split_branches looks inside */
    const char *q = p;
    size_t qn = b.len;
    Span spans[BRANCH_MAX];
    int nspans = 0;
    if (prefilter && split_branches(q, qn, spans, &nspans) && nspans > 1) {
        Pattern *br = calloc((size_t)nspans, sizeof *br);
        int ok = br != NULL;
        for (int k = 0; ok && k < nspans; k++)
            ok = compile_expanded(ld, spans[k].p, spans[k].n, &br[k], 1, &code, &off) == 0;
        if (ok) {
            pcre2_code_free(out->re);
            out->re = NULL;
            out->branch = br;
            out->nbranch = nspans;
            out->split = ld->r->nsplit++;
            for (int k = 0; k < nspans; k++) {
                if (finish_pattern(ld, spans[k].p, spans[k].n, &br[k], 1) < 0) {
                    free(b.s);
                    kerr_set(ld->err, "out of memory");
                    return -1;
                }
                if (!br[k].nsets)
                    out->always |= (uint64_t)1 << k;
            }
            free(b.s);
            return 0;
        }
        /* a branch that does not stand alone: run the pattern whole (the ids the branches
         * took stay unused) */
        for (int k = 0; br && k < nspans; k++)
            pcre2_code_free(br[k].re);
        free(br);
    }
    if (finish_pattern(ld, p, b.len, out, prefilter) < 0) {
        free(b.s);
        kerr_set(ld->err, "out of memory");
        return -1;
    }
    free(b.s);
    return 0;
}

/* Reads the list of patterns at field key of the table at idx. Patterns over the reply
 * (prefilter set) get literal sets for the prefilter; customer patterns do not. */
static int read_patterns(Loader *ld, int idx, const char *key, PatList *out, int prefilter)
{
    lua_State *L = ld->L;
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
        int rc = compile_one(ld, lua_tostring(L, -1), &out->v[out->n], prefilter, key);
        lua_pop(L, 1);
        if (rc < 0) {
            lua_pop(L, 1);
            return -1;
        }
        out->n++;
    }
    lua_pop(L, 1);
    return 0;
}

static const char *const COND_KEYS[] = {"customer", "unless_customer", "persona", "turn_max", NULL};

static int read_cond(Loader *ld, int idx, const char *key, Cond *c)
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
        read_patterns(ld, lua_gettop(L), "customer", &c->customer, 0) < 0 ||
        read_patterns(ld, lua_gettop(L), "unless_customer", &c->unless_customer, 0) < 0) {
        lua_pop(L, 1);
        return -1;
    }
    if (c->unless_customer.n && strcmp(key, "when") != 0) {
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

static int read_rule(Loader *ld, int idx, Rule *rule, const char *what)
{
    if (check_keys(ld, idx, RULE_KEYS, 0, what) < 0)
        return -1;
    if (read_patterns(ld, idx, "any", &rule->any, 1) < 0 ||
        read_patterns(ld, idx, "all", &rule->all, 1) < 0 ||
        read_patterns(ld, idx, "unless", &rule->unless, 1) < 0 ||
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
    int t = sandbox_rawfield(L, pidx, "detect");
    if (t != LUA_TTABLE) {
        lua_pop(L, 1);
        load_fail(ld, ld->line, "principle %s: a %s needs a detector ('detect' table)", ld->pid,
                  ld->r->p[pi].kind == KIND_VIOLATION ? "violation" : "technique");
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
        if (t != LUA_TSTRING || strcmp(b, "long_reply") != 0) {
            lua_pop(L, 1);
            load_fail(ld, ld->line, "principle %s: unknown builtin detector (known: long_reply)",
                      ld->pid);
            goto fail;
        }
        d->builtin = BUILTIN_LONG_REPLY;
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
    d->nrules = single ? 1 : nrules;
    d->rules = calloc((size_t)d->nrules, sizeof *d->rules);
    if (!d->rules) {
        kerr_set(ld->err, "out of memory");
        goto fail;
    }
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
        if (read_patterns(ld, didx, "unless", &d->unless, 1) < 0)
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
    ld->line = line_of(ld, "version", 1);
    char *version = NULL;
    if (get_string(ld, idx, "version", 1, &version, "catalog") < 0)
        return -1;
    ld->r->version = version;
    if (read_categories(ld, idx) < 0 || read_thresholds(ld, idx) < 0 ||
        read_fragments(ld, idx) < 0)
        return -1;
    ld->line = line_of(ld, "principles", 1);
    if (sandbox_rawfield(L, idx, "principles") != LUA_TTABLE) {
        lua_pop(L, 1);
        load_fail(ld, ld->line, "'principles' must be a list of principle tables");
        return -1;
    }
    int n = (int)lua_rawlen(L, -1);
    ld->r->p = calloc((size_t)(n ? n : 1), sizeof *ld->r->p);
    ld->r->det = calloc((size_t)(n ? n : 1), sizeof *ld->r->det);
    if (!ld->r->p || !ld->r->det) {
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
    ld->r->ps = calloc((size_t)ld->r->npats + 1, sizeof *ld->r->ps);
    ld->r->ptouch = calloc((size_t)n + 1, sizeof *ld->r->ptouch);
    ld->r->pfree = calloc((size_t)n + 1, sizeof *ld->r->pfree);
    if (!ld->r->ps || !ld->r->ptouch || !ld->r->pfree) {
        kerr_set(ld->err, "out of memory");
        return -1;
    }
    for (int k = 0; k <= ld->r->npats; k++)
        ld->r->ps[k].principle = ld->r->ps[k].split = -1;
    for (int i = 0; i < n; i++) {
        const Detector *d = &ld->r->det[i];
        if (d->builtin)
            ld->r->pfree[i] = 1;
        for (int k = 0; k < d->nrules; k++)
            for (int m = 0; m < d->rules[k].any.n; m++) {
                const Pattern *pat = &d->rules[k].any.v[m];
                int nb = pat->nbranch ? pat->nbranch : 1;
                for (int q = 0; q < nb; q++) {
                    const Pattern *one = pat->nbranch ? &pat->branch[q] : pat;
                    ld->r->ps[one->id].principle = i;
                    if (!one->nsets)
                        ld->r->pfree[i] = 1;
                }
            }
    }
    /* which split pattern each branch belongs to (mark_bucket notes the branches that can
     * match, so find() never looks at the others) */
    Rubric *r = ld->r;
    r->mgen = calloc((size_t)r->nmemo + 1, sizeof *r->mgen);
    r->mres = calloc((size_t)r->nmemo + 1, 1);
    r->cgen = 1;
    r->bgen = calloc((size_t)r->nsplit + 1, sizeof *r->bgen);
    r->bmask = calloc((size_t)r->nsplit + 1, sizeof *r->bmask);
    if (!r->bgen || !r->bmask || !r->mgen || !r->mres) {
        kerr_set(ld->err, "out of memory");
        return -1;
    }
    for (int i = 0; i < n; i++) {
        const Detector *d = &r->det[i];
        for (int k = 0; k <= d->nrules; k++) {
            const PatList *lists[3] = {&d->unless, NULL, NULL};
            if (k < d->nrules) {
                lists[0] = &d->rules[k].any;
                lists[1] = &d->rules[k].all;
                lists[2] = &d->rules[k].unless;
            }
            for (int l = 0; l < 3 && lists[l]; l++)
                for (int m = 0; m < lists[l]->n; m++) {
                    const Pattern *pat = &lists[l]->v[m];
                    r->ps[pat->id].full = (unsigned char)((1u << pat->nsets) - 1);
                    for (int q = 0; q < pat->nbranch; q++) {
                        r->ps[pat->branch[q].id].full =
                            (unsigned char)((1u << pat->branch[q].nsets) - 1);
                        r->ps[pat->branch[q].id].split = pat->split;
                        r->ps[pat->branch[q].id].branch = (unsigned char)q;
                    }
                }
        }
    }
    /* the packed copies the prefilter walks */
    size_t ntargets = 0;
    for (int k = 0; k < r->nlits; k++)
        ntargets += (size_t)r->lits[k].nt;
    r->hot = calloc((size_t)r->nlits + 1, sizeof *r->hot);
    r->lgen = calloc((size_t)r->nlits + 1, sizeof *r->lgen);
    r->targets = malloc((ntargets + 1) * sizeof *r->targets);
    r->lfirst = calloc((size_t)r->nlits + 1, sizeof *r->lfirst);
    r->llast = calloc((size_t)r->nlits + 1, sizeof *r->llast);
    if (!r->hot || !r->lgen || !r->targets || !r->lfirst || !r->llast) {
        kerr_set(ld->err, "out of memory");
        return -1;
    }
    ntargets = 0;
    for (int k = 0; k < r->nlits; k++) {
        const Literal *lit = &r->lits[k];
        if (lit->len > 255) {
            load_fail(ld, 0, "a pattern's literal is too long for the prefilter (%d bytes)",
                      lit->len);
            return -1;
        }
        r->hot[k] = (LitHot){lit->cp,
                             lit->cp2,
                             lit->next,
                             (int)ntargets,
                             lit->nt,
                             (unsigned char)lit->len,
                             (unsigned char)lit->head};
        memcpy(r->targets + ntargets, lit->t, (size_t)lit->nt * sizeof *lit->t);
        ntargets += (size_t)lit->nt;
    }
    return 0;
}

/* Runs read_catalog on the catalog table (argument 2) in a protected call. The reads are
 * raw and run no Lua code, but pushing a key or a new table can still fail for memory once a
 * hostile catalog has filled the sandbox's cap, and a memory error outside a protected call
 * would abort the program. Everything read_catalog allocates is stored in the Rubric or the
 * Loader as it goes, so nothing leaks when such an error unwinds it. */
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

static void patlist_free(PatList *l)
{
    for (int i = 0; i < l->n; i++) {
        pcre2_code_free(l->v[i].re);
        free(l->v[i].alits);
        for (int k = 0; k < l->v[i].nbranch; k++) {
            pcre2_code_free(l->v[i].branch[k].re);
            free(l->v[i].branch[k].alits);
        }
        free(l->v[i].branch);
    }
    free(l->v);
}

static void cond_free(Cond *c)
{
    patlist_free(&c->customer);
    patlist_free(&c->unless_customer);
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
    for (int i = 0; i < r->nlits; i++) {
        free(r->lits[i].s);
        free(r->lits[i].t);
    }
    free(r->lits);
    free(r->cats);
    free(r->p);
    free(r->det);
    free(r->ps);
    free(r->lfirst);
    free(r->llast);
    free(r->hot);
    free(r->lgen);
    free(r->targets);
    free(r->ptouch);
    free(r->pfree);

    free(r->bgen);
    free(r->mgen);
    free(r->mres);
    free(r->bmask);
    free(r->path);
    free(r->version);
    free(r->ckey);
    text_norm_deinit(&r->norm);
    text_norm_deinit(&r->cnorm);
    pcre2_match_data_free(r->md);
    pcre2_match_context_free(r->mctx);
    pcre2_match_context_free(r->mlim);
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
    r->mlim = pcre2_match_context_create(NULL);
    if (!r->path || !r->md || !r->mctx || !r->mlim) {
        kerr_set(err, "out of memory");
        goto fail;
    }
    pcre2_set_match_limit(r->mctx, MATCH_LIMIT);
    pcre2_set_match_limit(r->mlim, MATCH_LIMIT);

    size_t len = 0;
    src = kerr_read_file(path, &len, err);
    if (!src)
        goto fail;
    sb = sandbox_create(NULL, err);
    if (!sb)
        goto fail;
    if (sandbox_run_chunk(sb, src, len, path, err) < 0)
        goto fail;
    ld = (Loader){r, sandbox_state(sb), src, path, err, NULL, 0, 0, NULL, -1, NULL, 0, NULL};
    if (index_lines(&ld) < 0) {
        kerr_set(err, "out of memory");
        goto fail;
    }
    lua_State *L = ld.L;
    if (!lua_istable(L, -1)) {
        load_fail(&ld, 0, "the file must return the catalog table, got %s", luaL_typename(L, -1));
        goto fail;
    }
    lua_pushcfunction(L, read_protected);
    lua_pushlightuserdata(L, &ld);
    lua_pushvalue(L, -3);
    if (lua_pcall(L, 2, 0, 0) != LUA_OK) {
        load_fail(&ld, 0,
                  "out of memory while reading the catalog (the file uses up the "
                  "sandbox's memory)");
        goto fail;
    }
    if (ld.rc < 0)
        goto fail;
    for (int i = 0; i < ld.nfrags; i++) {
        free(ld.frags[i].name);
        free(ld.frags[i].body);
    }
    free(ld.frags);
    free(ld.lines);
    for (int i = 0; i < r->nmemo; i++)
        free(ld.memo[i]);
    free(ld.memo);
    sandbox_destroy(sb);
    free(src);
    return r;
fail:
    for (int i = 0; i < ld.nfrags; i++) {
        free(ld.frags[i].name);
        free(ld.frags[i].body);
    }
    free(ld.frags);
    free(ld.lines);
    for (int i = 0; ld.memo && i < r->nmemo; i++)
        free(ld.memo[i]);
    free(ld.memo);
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

void rubric_set_prefilter(Rubric *r, int on)
{
    r->no_prefilter = !on;
}

int rubric_keyword_count(const Rubric *r)
{
    return r->nlits;
}

const char *rubric_keyword(const Rubric *r, int index)
{
    return index >= 0 && index < r->nlits ? r->lits[index].s : NULL;
}

/* ---------------------------------------------------------------- matching */

/* The offset `chars` characters before s[at] (or 0). */
static size_t back_chars(const char *s, size_t at, int chars)
{
    for (; chars > 0 && at > 0; chars--) {
        at--;
        while (at > 0 && ((unsigned char)s[at] & 0xC0) == 0x80)
            at--;
    }
    return at;
}

/* Finds the leftmost match of pat in s[0..n) that starts at or before `limit` (SIZE_MAX: no
 * limit); on a match stores the span and returns 1. Subjects are valid UTF-8 (normalised
 * text always is), so PCRE2's UTF check is skipped. */
static int find_one(Rubric *r, const Pattern *pat, const char *s, size_t n, size_t limit,
                    size_t *ms, size_t *me)
{
    /* the prefilter saw none of some literal set this pattern needs: it cannot match */
    const PState *ps = &r->ps[pat->id];
    if (pat->nsets && !r->no_prefilter && (ps->gen != r->gen || ps->mask != (1u << pat->nsets) - 1))
        return 0;
    size_t start = 0;
    if (pat->anchor >= 0 && !r->no_prefilter) {
        /* A match holds an occurrence of its anchor literal and starts at most anchor_w
         * characters before it: so no match starts before the first occurrence's window, nor
         * after the last occurrence. One unanchored match from the first window with the last
         * occurrence as PCRE2's offset limit tries exactly those starts, in order (the first
         * match found is still the leftmost one), with the JIT's own start-up scan in between.
         * The prefilter notes where each literal first and last starts. */
        uint32_t first = UINT32_MAX, last = 0;
        for (int k = 0; k < pat->nalits; k++) {
            int lit = pat->alits[k];
            if (r->lgen[lit] != r->gen)
                continue;
            if (r->lfirst[lit] < first)
                first = r->lfirst[lit];
            if (r->llast[lit] > last)
                last = r->llast[lit];
        }
        if (first == UINT32_MAX)
            return 0; /* cannot happen: the set was marked */
        start = back_chars(s, first, pat->anchor_w);
        if (last < limit)
            limit = last;
    }
    if (limit != SIZE_MAX && start > limit)
        return 0;
    pcre2_match_context *mctx = r->mctx;
    if (limit != SIZE_MAX) {
        pcre2_set_offset_limit(r->mlim, limit);
        mctx = r->mlim;
    }
    int rc;
    if (pat->jit)
        rc = pcre2_jit_match(pat->re, (PCRE2_SPTR)s, n, start, PCRE2_NO_UTF_CHECK, r->md, mctx);
    else
        rc = pcre2_match(pat->re, (PCRE2_SPTR)s, n, start, PCRE2_NO_UTF_CHECK, r->md, mctx);
    if (rc < 0)
        return 0; /* no match, or the backtracking budget ran out: not evidence */
    PCRE2_SIZE *ov = pcre2_get_ovector_pointer(r->md);
    *ms = ov[0];
    *me = ov[1];
    return 1;
}

/* The index of the lowest set bit of m (m is not 0). */
static inline int lowest_bit(uint64_t m)
{
#if defined(__GNUC__)
    return __builtin_ctzll(m);
#else
    int k = 0;
    while (!(m & 1)) {
        m >>= 1;
        k++;
    }
    return k;
#endif
}

/* Finds pat's leftmost match in s[0..n) (the span in *ms, *me; both may be NULL when only
 * whether it matches counts). A split alternation matches as PCRE2 would match it whole:
 * the leftmost start of any branch, and at the same start the earlier branch; so each later
 * branch is only asked for a match starting before the best so far. */
static int find_slow(Rubric *r, const Pattern *pat, const char *s, size_t n, size_t *ms, size_t *me)
{
    size_t bs = 0, be = 0;
    if (!pat->nbranch) {
        if (!find_one(r, pat, s, n, SIZE_MAX, &bs, &be))
            return 0;
    } else {
        int found = 0;
        /* the branches the prefilter lets through, in order */
        uint64_t maybe = ~(uint64_t)0 >> (64 - pat->nbranch);
        if (!r->no_prefilter)
            maybe = (r->bgen[pat->split] == r->gen ? r->bmask[pat->split] : 0) | pat->always;
        while (maybe) {
            int k = lowest_bit(maybe);
            maybe &= maybe - 1;
            size_t xs, xe;
            if (find_one(r, &pat->branch[k], s, n, found ? bs - 1 : SIZE_MAX, &xs, &xe)) {
                bs = xs;
                be = xe;
                found = 1;
                if (bs == 0 || !ms)
                    break; /* nothing can start earlier, or only whether it matches counts */
            }
        }
        if (!found)
            return 0;
    }
    if (ms)
        *ms = bs;
    if (me)
        *me = be;
    return 1;
}

/* Whether the prefilter lets pat through at all (most patterns it does not: checked inline
 * before anything else). */
static inline int find(Rubric *r, const Pattern *pat, const char *s, size_t n, size_t *ms,
                       size_t *me)
{
    if (!r->no_prefilter) {
        if (pat->nbranch) {
            if (!pat->always && (r->bgen[pat->split] != r->gen || !r->bmask[pat->split]))
                return 0;
        } else if (pat->nsets && (r->ps[pat->id].gen != r->gen ||
                                  r->ps[pat->id].mask != (1u << pat->nsets) - 1)) {
            return 0;
        }
    }
    return find_slow(r, pat, s, n, ms, me);
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
    if (++r->cgen == 0) { /* wrapped: forget every remembered answer */
        memset(r->mgen, 0, (size_t)r->nmemo * sizeof *r->mgen);
        r->cgen = 1;
    }
    return r->cnorm.len ? &r->cnorm : NULL;
}

/* Whether the customer's message (normalised, cn) matches one of the patterns in l; each
 * pattern's answer is remembered for as long as the message stays the same. */
static int customer_matches(Rubric *r, const PatList *l, const TextNorm *cn)
{
    for (int i = 0; i < l->n; i++) {
        const Pattern *pat = &l->v[i];
        int slot = pat->memo;
        if (slot >= 0 && r->mgen[slot] == r->cgen) {
            if (r->mres[slot])
                return 1;
            continue;
        }
        int yes = find(r, pat, cn->norm, cn->len, NULL, NULL);
        if (slot >= 0) {
            r->mgen[slot] = r->cgen;
            r->mres[slot] = (unsigned char)yes;
        }
        if (yes)
            return 1;
    }
    return 0;
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
    /* the cheap conditions first */
    if (c->npersona && (!ctx || !ctx->persona || !persona_in(c, ctx->persona)))
        return 0;
    if (c->turn_max >= 0 && (!ctx || ctx->turn < 0 || ctx->turn > c->turn_max))
        return 0;
    if (c->customer.n) {
        const TextNorm *cn = customer_norm(r, ctx);
        if (!cn || !customer_matches(r, &c->customer, cn))
            return 0;
    }
    if (c->unless_customer.n) {
        /* an exclusion: an unknown customer message excludes nothing */
        const TextNorm *cn = customer_norm(r, ctx);
        if (cn && customer_matches(r, &c->unless_customer, cn))
            return 0;
    }
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
            if (customer_matches(r, &c->customer, cn))
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
    /* The reply's patterns first: the prefilter rules most of them out for nothing, while a
     * condition on the customer's message runs its patterns whatever the reply says. */
    size_t best_s = 0, best_e = 0;
    int found = 0;
    for (int i = 0; i < rule->any.n && !found; i++)
        found = find(r, &rule->any.v[i], s, n, &best_s, &best_e);
    if (!found || !when_holds(r, &rule->when, ctx))
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
    *es = best_s;
    *ee = best_e;
    return 1;
}

/* Decodes the code point at s[i] (the text is valid UTF-8); *l receives its length. */
static inline uint32_t decode(const unsigned char *u, size_t n, size_t i, size_t *l)
{
    unsigned char c = u[i];
    if (c < 0x80) {
        *l = 1;
        return c;
    }
    if (c < 0xE0 && i + 1 < n) {
        *l = 2;
        return (uint32_t)(c & 0x1F) << 6 | (u[i + 1] & 0x3F);
    }
    if (c < 0xF0 && i + 2 < n) {
        *l = 3;
        return (uint32_t)(c & 0x0F) << 12 | (uint32_t)(u[i + 1] & 0x3F) << 6 | (u[i + 2] & 0x3F);
    }
    if (i + 3 < n) {
        *l = 4;
        return (uint32_t)(c & 0x07) << 18 | (uint32_t)(u[i + 1] & 0x3F) << 12 |
               (uint32_t)(u[i + 2] & 0x3F) << 6 | (u[i + 3] & 0x3F);
    }
    *l = 1;
    return 0xFFFD;
}

/* Marks the literal sets of the literals in bucket b that start at s[i]. */
static inline void mark_bucket(Rubric *r, const char *s, size_t n, size_t i, unsigned b,
                               uint32_t cp, uint32_t cp2)
{
    for (int k = r->buckets[b]; k >= 0; k = r->hot[k].next) {
        const LitHot *lit = &r->hot[k];
        if (lit->cp != cp || lit->cp2 != cp2 || (size_t)lit->len > n - i)
            continue;
        if (lit->len > lit->head && memcmp(s + i + lit->head, r->lits[k].s + lit->head,
                                           (size_t)(lit->len - lit->head)) != 0)
            continue;
        /* Seen before in this reply: its sets are marked already; only where it last starts
         * is new (common characters occur many times a reply). */
        if (r->lgen[k] == r->gen) {
            r->llast[k] = (uint32_t)i;
            continue;
        }
        r->lgen[k] = r->gen;
        r->lfirst[k] = r->llast[k] = (uint32_t)i;
        int nt = lit->nt;
        const Target *tg = r->targets + lit->tfirst;
        for (int t = 0; t < nt; t++) {
            int id = tg[t].pattern;
            PState *ps = &r->ps[id];
            if (ps->gen != r->gen) {
                ps->gen = r->gen;
                ps->mask = 0;
            }
            if (ps->mask == ps->full)
                continue;
            ps->mask |= (unsigned char)(1u << tg[t].bit);
            if (ps->mask != ps->full)
                continue;
            /* every set of the pattern occurs: it may match now, so may its principle, and so
             * may the split pattern it is a branch of */
            int sp = ps->split;
            if (sp >= 0) {
                if (r->bgen[sp] != r->gen) {
                    r->bgen[sp] = r->gen;
                    r->bmask[sp] = 0;
                }
                r->bmask[sp] |= (uint64_t)1 << ps->branch;
            }
            if (ps->principle >= 0)
                r->ptouch[ps->principle] = r->gen;
        }
    }
}

/* Marks, for every pattern, which of its literal sets occur in the normalised text: one pass
 * over the text, two hash lookups per character (literals by one and by two characters).
 * Returns the number of characters. */
static size_t prefilter(Rubric *r, const char *s, size_t n)
{
    const unsigned char *u = (const unsigned char *)s;
    size_t i = 0, l = 0, l2 = 0, chars = 0;
    uint32_t cp = n ? decode(u, n, 0, &l) : 0;
    while (i < n) {
        uint32_t cp2 = i + l < n ? decode(u, n, i + l, &l2) : 0;
        if (cp >= 0x10000) {
            if (r->starts_astral) {
                mark_bucket(r, s, n, i, bucket_of(cp, 0), cp, 0);
                if (cp2)
                    mark_bucket(r, s, n, i, bucket_of(cp, cp2), cp, cp2);
            }
        } else {
            if ((r->starts1[cp >> 3] >> (cp & 7)) & 1u)
                mark_bucket(r, s, n, i, bucket_of(cp, 0), cp, 0);
            if (cp2 && (r->starts2[cp >> 3] >> (cp & 7)) & 1u)
                mark_bucket(r, s, n, i, bucket_of(cp, cp2), cp, cp2);
        }
        i += l;
        cp = cp2;
        l = l2;
        chars++;
    }
    return chars;
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

const char *rubric_normalized(const Rubric *r)
{
    return r->norm.norm ? r->norm.norm : "";
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
        for (int k = 0; k < r->npats; k++)
            r->ps[k].gen = 0;
        memset(r->ptouch, 0, (size_t)r->n * sizeof *r->ptouch);
        memset(r->bgen, 0, (size_t)r->nsplit * sizeof *r->bgen);
        memset(r->lgen, 0, (size_t)r->nlits * sizeof *r->lgen);
        r->gen = 1;
    }
    size_t chars = prefilter(r, s, n);
    const Thresholds *th = ctx && ctx->thresholds ? ctx->thresholds : &r->th;
    for (int i = 0; i < r->n; i++) {
        const Detector *d = &r->det[i];
        if (r->p[i].kind == KIND_TIMING)
            continue;
        if (!r->pfree[i] && r->ptouch[i] != r->gen && !r->no_prefilter)
            continue; /* none of its `any` patterns can match this reply */
        if (d->builtin == BUILTIN_LONG_REPLY) {
            /* characters as the customer sees them, white space aside (counted by the
             * prefilter's pass) */
            if (n && (double)chars > th->long_reply_chars && push_hit(out, i, 0, (int)len) < 0)
                return -1;
            continue;
        }
        /* a gated principle counts only where it applies: its patterns need not run elsewhere */
        if (d->gate && !applies_holds(r, &d->applies, ctx))
            continue;
        size_t es = 0, ee = 0;
        int fired = 0;
        for (int k = 0; k < d->nrules && !fired; k++)
            fired = rule_fires(r, &d->rules[k], s, n, ctx, &es, &ee);
        if (!fired || any_matches(r, &d->unless, s, n))
            continue;
        size_t os, oe;
        text_norm_span(&r->norm, reply, len, es, ee, &os, &oe);
        if (push_hit(out, i, (int)os, (int)oe) < 0)
            return -1;
    }
    return 0;
}
