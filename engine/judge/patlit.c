/* patlit: derives from a regular expression's text the literals every match must contain,
 * how far before them a match can start, and the branches of a top-level alternation. */
#include "judge/patlit.h"

#include <stdlib.h>
#include <string.h>

/* ---------------------------------------------------------------- literal sets */

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
    if (ls->n == PATLIT_MAX) {
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

int patlit_minlen(const LitSet *ls)
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
                if (a + 1 < b &&
                    (p[a + 1] == '=' || p[a + 1] == '!' || p[a + 1] == '#' ||
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

/* Keeps in top[0..*ntop) the PATLIT_SETS best candidates (copies cand; cand is untouched). */
static void keep_top(LitSet *top, int *ntop, const LitSet *cand)
{
    if (!top || cand->unknown || cand->n == 0)
        return;
    int at = *ntop;
    while (at > 0 && litset_better(cand, &top[at - 1]))
        at--;
    if (at >= PATLIT_SETS)
        return;
    if (*ntop == PATLIT_SETS) {
        litset_clear(&top[PATLIT_SETS - 1]);
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
 * given the PATLIT_SETS best sets, all of which every match holds. */
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
        int is_group = 0, ahead = 0;
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
                } else if (a + 1 < b && p[a + 1] == '=') {
                    /* a look-ahead takes no characters, but what it requires is in the text
                     * somewhere after the match's start: a set with no window */
                    a += 2;
                    ahead = 1;
                } /* else look-behind, negative look-ahead, comment, option: zero width */
            } else
                is_group = 1;
            if (is_group || ahead)
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
        if (ahead) {
            flush_run(&best, top, ntop, run, rlen, run_w);
            rlen = 0;
            group.w = -1;
            if (min >= 1 && !group.unknown)
                keep_top(top, ntop, &group);
            litset_clear(&group);
        } else if (is_group) {
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


/* ---------------------------------------------------------------- a pattern's literal sets */

void patlit_derive(const char *p, size_t n, PatLits *out)
{
    LitSet *top = out->set;
    memset(out, 0, sizeof *out);
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
    out->n = ntop;
    /* Every set is required, so any can anchor the match: take the one that leaves the
     * fewest start positions to try (window width times how often it may occur). */
    out->anchor = -1;
    long best = 0;
    for (int k = 0; k < ntop; k++) {
        if (top[k].w < 0)
            continue;
        long score = (long)(top[k].w + 1) * litset_cost(&top[k]);
        if (out->anchor < 0 || score < best) {
            out->anchor = k;
            out->anchor_w = top[k].w;
            best = score;
        }
    }
}

void patlit_free(PatLits *pl)
{
    for (int k = 0; k < PATLIT_SETS; k++)
        litset_clear(&pl->set[k]);
    pl->n = 0;
    pl->anchor = -1;
}

/* ---------------------------------------------------------------- top-level branches */

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

/* The branches of the top-level alternation p[0..n), in order, into out[*nout...]: a branch
 * that is itself a whole group (?:x|y) is split in its turn, since (?:a|b)|c matches as a|b|c
 * does. Returns 0 when the pattern must run whole (see top_level_bars) or has more than
 * PATLIT_BRANCHES branches. */
int patlit_branches(const char *p, size_t n, PatSpan *out, int *nout)
{
    while (n >= 4 && p[0] == '(' && p[1] == '?' && p[2] == ':' && skip_group(p, n, 0) == n) {
        p += 3;
        n -= 4;
    }
    size_t cut[PATLIT_BRANCHES];
    int ncut;
    if (!top_level_bars(p, n, cut, PATLIT_BRANCHES, &ncut)) {
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
        if (*nout == PATLIT_BRANCHES)
            return 0;
        out[(*nout)++] = (PatSpan){p, n};
        return 1;
    }
    for (int k = 0; k <= ncut; k++) {
        size_t from = k ? cut[k - 1] + 1 : 0, to = k < ncut ? cut[k] : n;
        if (!patlit_branches(p + from, to - from, out, nout))
            return 0;
    }
    return 1;
}


/* ---------------------------------------------------------------- first characters */

typedef struct FirstSet {
    char c[PATLIT_FIRST][4];
    unsigned char len[PATLIT_FIRST];
    int n;
    int unknown;
} FirstSet;

static void first_add(FirstSet *fs, const char *s, size_t len)
{
    if (fs->unknown)
        return;
    if (len == 0 || len > 4) {
        fs->unknown = 1;
        return;
    }
    for (int i = 0; i < fs->n; i++)
        if (fs->len[i] == len && memcmp(fs->c[i], s, len) == 0)
            return;
    if (fs->n == PATLIT_FIRST) {
        fs->unknown = 1;
        return;
    }
    memcpy(fs->c[fs->n], s, len);
    fs->len[fs->n++] = (unsigned char)len;
}

/* Adds the characters of the class p[0..n) (p[0] == '[', p[n - 1] == ']') when it lists
 * plain characters only; else marks the set unknown. */
static void first_class_chars(const char *p, size_t n, FirstSet *fs)
{
    if (n < 3 || p[1] == '^' || p[1] == ']') {
        fs->unknown = 1;
        return;
    }
    size_t i = 1, end = n - 1;
    while (i < end && !fs->unknown) {
        size_t l;
        if (p[i] == '\\') {
            size_t lit = 0, lit_len = 0;
            size_t next = skip_escape(p, end, i, &lit, &lit_len);
            if (!lit_len) {
                fs->unknown = 1;
                return;
            }
            first_add(fs, p + lit, lit_len);
            l = next - i;
        } else if (p[i] == '[' || (p[i] == '-' && i + 1 < end)) {
            fs->unknown = 1; /* a POSIX class or a range */
            return;
        } else {
            l = utf8_len(p, end, i);
            if (i + l < end && p[i + l] == '-' && i + l + 1 < end) {
                fs->unknown = 1;
                return;
            }
            first_add(fs, p + i, l);
        }
        i += l;
    }
}

static int first_alt(const char *p, size_t n, FirstSet *fs);

/* Adds the characters a match of the sequence p[0..n) (no top-level |) can start with;
 * returns 1 when the sequence can match nothing at all (what follows it may start the match
 * then), else 0. */
static int first_seq(const char *p, size_t n, FirstSet *fs)
{
    size_t i = 0;
    while (i < n && !fs->unknown) {
        size_t next;
        int empty = 0; /* this item can match without a character */
        char c = p[i];
        if (c == '^') {
            i++;
            continue;
        }
        if (c == '\\') {
            size_t lit = 0, lit_len = 0;
            next = skip_escape(p, n, i, &lit, &lit_len);
            if (lit_len) {
                first_add(fs, p + lit, lit_len);
            } else if (i + 1 < n && strchr("bBAzZGK", p[i + 1])) {
                i = next; /* an assertion: no character */
                continue;
            } else {
                fs->unknown = 1;
                return 0;
            }
        } else if (c == '[') {
            next = skip_class(p, n, i);
            first_class_chars(p + i, next - i, fs);
        } else if (c == '(') {
            next = skip_group(p, n, i);
            size_t a = i + 1, b = next > a ? next - 1 : a;
            if (a < b && p[a] == '?') {
                char k = a + 1 < b ? p[a + 1] : 0, k2 = a + 2 < b ? p[a + 2] : 0;
                if (k == ':' || k == '>') {
                    a += 2;
                } else if (k == '=' || k == '!' || k == 'C' || k == '#' ||
                           (k == '<' && (k2 == '=' || k2 == '!'))) {
                    i = next; /* a look-around, callout or comment: no character */
                    if (i < n && strchr("?*+{", p[i])) {
                        fs->unknown = 1;
                        return 0;
                    }
                    continue;
                } else if (k == '<' || (k == 'P' && k2 == '<')) {
                    while (a < b && p[a] != '>')
                        a++;
                    a++;
                } else {
                    fs->unknown = 1; /* options, recursion, a reset group... */
                    return 0;
                }
            }
            empty = first_alt(p + a, b > a ? b - a : 0, fs);
        } else if (strchr(".$|)*+?{", c)) {
            fs->unknown = 1;
            return 0;
        } else {
            size_t l = utf8_len(p, n, i);
            first_add(fs, p + i, l);
            next = i + l;
        }
        long min, max;
        size_t after = quantifier(p, n, next, &min, &max);
        if (fs->unknown)
            return 0;
        if (!empty && min >= 1)
            return 0; /* this item takes a character: the first ones are all known */
        i = after;
    }
    return 1;
}

/* As first_seq, for an alternation: the union of its branches. */
static int first_alt(const char *p, size_t n, FirstSet *fs)
{
    int empty = 0;
    size_t from = 0, i = 0;
    while (i <= n && !fs->unknown) {
        if (i == n || p[i] == '|') {
            empty |= first_seq(p + from, i - from, fs);
            from = ++i;
            continue;
        }
        if (p[i] == '\\') {
            size_t lit, lit_len;
            i = skip_escape(p, n, i, &lit, &lit_len);
        } else if (p[i] == '[') {
            i = skip_class(p, n, i);
        } else if (p[i] == '(') {
            i = skip_group(p, n, i);
        } else {
            i++;
        }
    }
    return empty;
}

size_t patlit_first_class(const char *p, size_t n, char *out, size_t cap)
{
    FirstSet fs = {0};
    if (first_alt(p, n, &fs) || fs.unknown || fs.n == 0)
        return 0;
    size_t k = 0;
    if (cap < 2)
        return 0;
    out[k++] = '[';
    for (int i = 0; i < fs.n; i++) {
        unsigned char c0 = (unsigned char)fs.c[i][0];
        int escape = fs.len[i] == 1 && c0 < 0x80 &&
                     !((c0 >= 'a' && c0 <= 'z') || (c0 >= 'A' && c0 <= 'Z') ||
                       (c0 >= '0' && c0 <= '9'));
        if (k + (size_t)escape + fs.len[i] + 2 > cap)
            return 0;
        if (escape)
            out[k++] = '\\';
        memcpy(out + k, fs.c[i], fs.len[i]);
        k += fs.len[i];
    }
    out[k++] = ']';
    out[k] = '\0';
    return k;
}
