/* text: UTF-8 validation and iteration, and the normalised form detectors match against. */
#include "base/text.h"

#include <assert.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "base/t2s_table.h"

/* ---------------------------------------------------------------- UTF-8 */

/* Length of the valid sequence at s[i], or 0 when it is malformed (RFC 3629: no overlongs,
 * no surrogates, nothing past U+10FFFF). */
static int seq_len(const unsigned char *s, size_t n, size_t i)
{
    unsigned char c = s[i];
    if (c < 0x80)
        return 1;
    if (c < 0xC2)
        return 0;
    if (c < 0xE0) {
        if (i + 1 >= n || (s[i + 1] & 0xC0) != 0x80)
            return 0;
        return 2;
    }
    if (c < 0xF0) {
        if (i + 2 >= n || (s[i + 1] & 0xC0) != 0x80 || (s[i + 2] & 0xC0) != 0x80)
            return 0;
        if (c == 0xE0 && s[i + 1] < 0xA0)
            return 0; /* overlong */
        if (c == 0xED && s[i + 1] >= 0xA0)
            return 0; /* surrogate */
        return 3;
    }
    if (c < 0xF5) {
        if (i + 3 >= n || (s[i + 1] & 0xC0) != 0x80 || (s[i + 2] & 0xC0) != 0x80 ||
            (s[i + 3] & 0xC0) != 0x80)
            return 0;
        if (c == 0xF0 && s[i + 1] < 0x90)
            return 0; /* overlong */
        if (c == 0xF4 && s[i + 1] >= 0x90)
            return 0; /* past U+10FFFF */
        return 4;
    }
    return 0;
}

int text_valid_utf8(const char *s, size_t n, size_t *bad_at)
{
    const unsigned char *u = (const unsigned char *)s;
    size_t i = 0;
    while (i < n) {
        /* ASCII eight bytes at a time (a results file is mostly JSON's own ASCII). */
        while (i + 8 <= n) {
            uint64_t w;
            memcpy(&w, u + i, 8);
            if (w & 0x8080808080808080ull)
                break;
            i += 8;
        }
        if (i >= n)
            break;
        if (u[i] < 0x80) {
            i++;
            continue;
        }
        /* A three-byte sequence (every Chinese character) checked in place. */
        if (u[i] >= 0xE1 && u[i] <= 0xEF && u[i] != 0xED && i + 2 < n &&
            (u[i + 1] & 0xC0) == 0x80 && (u[i + 2] & 0xC0) == 0x80) {
            i += 3;
            continue;
        }
        int l = seq_len(u, n, i);
        if (!l) {
            if (bad_at)
                *bad_at = i;
            return 0;
        }
        i += (size_t)l;
    }
    return 1;
}

uint32_t text_next(const char *s, size_t n, size_t *i)
{
    const unsigned char *u = (const unsigned char *)s;
    size_t p = *i;
    int l = seq_len(u, n, p);
    uint32_t cp;
    switch (l) {
    case 1:
        cp = u[p];
        break;
    case 2:
        cp = ((uint32_t)(u[p] & 0x1F) << 6) | (u[p + 1] & 0x3F);
        break;
    case 3:
        cp = ((uint32_t)(u[p] & 0x0F) << 12) | ((uint32_t)(u[p + 1] & 0x3F) << 6) |
             (u[p + 2] & 0x3F);
        break;
    case 4:
        cp = ((uint32_t)(u[p] & 0x07) << 18) | ((uint32_t)(u[p + 1] & 0x3F) << 12) |
             ((uint32_t)(u[p + 2] & 0x3F) << 6) | (u[p + 3] & 0x3F);
        break;
    default:
        *i = p + 1;
        return 0xFFFD;
    }
    *i = p + (size_t)l;
    return cp;
}

size_t text_chars(const char *s, size_t n)
{
    size_t i = 0, count = 0;
    while (i < n) {
        text_next(s, n, &i);
        count++;
    }
    return count;
}

int text_put(char *buf, uint32_t cp)
{
    unsigned char *b = (unsigned char *)buf;
    if (cp < 0x80) {
        b[0] = (unsigned char)cp;
        return 1;
    }
    if (cp < 0x800) {
        b[0] = (unsigned char)(0xC0 | (cp >> 6));
        b[1] = (unsigned char)(0x80 | (cp & 0x3F));
        return 2;
    }
    if (cp < 0x10000) {
        b[0] = (unsigned char)(0xE0 | (cp >> 12));
        b[1] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
        b[2] = (unsigned char)(0x80 | (cp & 0x3F));
        return 3;
    }
    b[0] = (unsigned char)(0xF0 | (cp >> 18));
    b[1] = (unsigned char)(0x80 | ((cp >> 12) & 0x3F));
    b[2] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
    b[3] = (unsigned char)(0x80 | (cp & 0x3F));
    return 4;
}

char *text_sanitize(const char *s, size_t n, size_t *out_len)
{
    /* Each malformed byte grows to at most 3 bytes (U+FFFD). */
    char *out = malloc(n * 3 + 1);
    size_t o = 0, i = 0;
    if (!out)
        return NULL;
    while (i < n) {
        size_t start = i;
        uint32_t cp = text_next(s, n, &i);
        if (cp == 0)
            continue; /* NUL bytes would cut C strings short: drop them */
        if (cp == 0xFFFD && i - start == 1) {
            o += (size_t)text_put(out + o, cp);
            continue;
        }
        memcpy(out + o, s + start, i - start);
        o += i - start;
    }
    out[o] = '\0';
    if (out_len)
        *out_len = o;
    return out;
}

/* ---------------------------------------------------------------- normalisation */

/* Traditional→simplified by character, from the compiled-in table t2s_table.h (derived
 * from OpenCC's t2s conversion). Replies are normalised with one table lookup per character
 * (OpenCC per call costs ~11 µs, our whole budget is 5 µs). The table is compiled in rather
 * than asked of OpenCC at run time because OpenCC's C API lets C++ exceptions (std::bad_alloc,
 * marisa's MARISA_MEMORY_ERROR) escape and abort the program when memory runs out. */
#define T2S_LO 0x3400
#define T2S_HI 0xA000

struct TextNormalizer {
    uint32_t t2s[T2S_HI - T2S_LO]; /* 0: unchanged */
    uint32_t compat[0x100];        /* U+F900..U+F9FF compatibility ideographs */
};

static void fill_t2s(TextNormalizer *tn)
{
    for (size_t r = 0; r < sizeof t2s_rows / sizeof t2s_rows[0]; r++) {
        const char *row = t2s_rows[r];
        size_t n = strlen(row), i = 0;
        while (i < n) {
            uint32_t from = text_next(row, n, &i);
            uint32_t to = text_next(row, n, &i);
            if (from >= T2S_LO && from < T2S_HI)
                tn->t2s[from - T2S_LO] = to;
            else if (from >= 0xF900 && from < 0xFA00)
                tn->compat[from - 0xF900] = to;
            else
                assert(!"t2s_table.h: a character outside the table's ranges");
        }
    }
}

TextNormalizer *text_normalizer_create(KefuError *err)
{
    TextNormalizer *tn = calloc(1, sizeof *tn);
    if (!tn) {
        kerr_set(err, "out of memory");
        return NULL;
    }
    fill_t2s(tn);
    return tn;
}

void text_normalizer_destroy(TextNormalizer *tn)
{
    free(tn);
}

/* The shared normaliser lives in static storage, so it needs no memory and never fails. */
static TextNormalizer shared_tn;
static pthread_once_t shared_once = PTHREAD_ONCE_INIT;

static void make_shared(void)
{
    fill_t2s(&shared_tn);
}

const TextNormalizer *text_normalizer_shared(void)
{
    pthread_once(&shared_once, make_shared);
    return &shared_tn;
}

/* Folds one code point for matching; returns 0 to drop it (white space, invisible marks). */
static uint32_t fold(const TextNormalizer *tn, uint32_t c)
{
    if (c < 0x80) {
        if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f')
            return 0;
        if (c >= 'A' && c <= 'Z')
            return c + 32;
        return c;
    }
    if (c >= 0xFF01 && c <= 0xFF5E) /* full-width ASCII */
        return fold(tn, c - 0xFEE0);
    if (c >= T2S_LO && c < T2S_HI)
        return tn && tn->t2s[c - T2S_LO] ? tn->t2s[c - T2S_LO] : c;
    switch (c) {
    case 0x3000: /* ideographic space */
    case 0x00A0:
    case 0x200B: /* zero-width space */
    case 0x200C:
    case 0x200D:
    case 0xFEFF:
    case 0x2028:
    case 0x2029:
        return 0;
    case 0x3001: /* 、 */
        return ',';
    case 0x3002: /* 。 */
    case 0xFF61: /* ｡ */
        return '.';
    case 0x201C: /* “ */
    case 0x201D: /* ” */
    case 0x300C: /* 「 */
    case 0x300D: /* 」 */
    case 0x300E: /* 『 */
    case 0x300F: /* 』 */
        return '"';
    case 0x2018: /* ‘ */
    case 0x2019: /* ’ */
        return '\'';
    case 0x3010: /* 【 */
    case 0x3014:
        return '[';
    case 0x3011: /* 】 */
    case 0x3015:
        return ']';
    case 0x300A: /* 《 */
    case 0x3008:
        return '<';
    case 0x300B: /* 》 */
    case 0x3009:
        return '>';
    case 0x2026: /* … */
        return '.';
    case 0x2014: /* — */
    case 0x2013:
    case 0x2015:
        return '-';
    case 0x301C: /* 〜 */
    case 0x223C:
        return '~';
    case 0x00B7: /* · */
    case 0x30FB:
        return '.';
    default:
        break;
    }
    if (c >= 0xF900 && c < 0xFA00 && tn && tn->compat[c - 0xF900])
        return tn->compat[c - 0xF900];
    return c;
}

static int reserve(TextNorm *out, size_t need)
{
    if (need <= out->cap)
        return 0;
    size_t cap = out->cap ? out->cap : 256;
    while (cap < need)
        cap *= 2;
    char *s = realloc(out->norm, cap + 1);
    if (!s)
        return -1;
    out->norm = s;
    uint32_t *m = realloc(out->map, (cap + 1) * sizeof *m);
    if (!m)
        return -1;
    out->map = m;
    out->cap = cap;
    return 0;
}

/* White space that can part two clauses: the spaces and line breaks people type (ASCII, the
 * ideographic space, no-break space, the Unicode line and paragraph separators); invisible
 * marks such as U+200B are none. */
static int is_gap(uint32_t c)
{
    return c == ' ' || (c >= '\t' && c <= '\r') || c == 0x3000 || c == 0x00A0 || c == 0x2028 ||
           c == 0x2029;
}

/* A character of a word: Han, an ASCII letter or digit. */
static int is_wordy(uint32_t c)
{
    return text_is_han(c) || (c < 0x80 && ((c | 0x20) - 'a' < 26 || c - '0' < 10));
}

/* Clause gaps: many people part clauses with a space instead of a comma ("好的亲 加购没问题
 * 不过现在是活动价"). A run of white space after two or more word characters, one of them Han,
 * and before a Han character becomes ",", so the patterns and the model see two clauses; any
 * other white space goes, so "您 说 得 不 对" still reads "您说得不对" and "iPhone 14 的壳"
 * "iphone14的壳". Gap holds the state between characters. */
typedef struct {
    size_t run;     /* word characters written since the last other character or gap */
    int han;        /* one of them is Han */
    int pending;    /* white space after a run of two or more is waiting for the next character */
    uint32_t where; /* the original offset of that white space */
} Gap;

/* Called before writing character c: returns 1 when a "," goes first. */
static int gap_before(Gap *g, uint32_t c)
{
    int comma = g->pending && text_is_han(c);
    g->pending = 0;
    if (comma)
        g->run = 0;
    if (is_wordy(c)) {
        g->han = g->run ? g->han || text_is_han(c) : text_is_han(c);
        g->run++;
    } else {
        g->run = 0;
    }
    return comma;
}

/* Before writing c at norm[*o]: writes the "," of a clause gap when one goes first. */
static void gap_put(Gap *g, uint32_t c, char *norm, uint32_t *map, size_t *o)
{
    if (gap_before(g, c)) {
        norm[*o] = ',';
        map[(*o)++] = g->where;
    }
}

static void gap_space(Gap *g, size_t at)
{
    if (!g->pending && g->run >= 2 && g->han) {
        g->pending = 1;
        g->where = (uint32_t)at;
    }
    g->run = 0;
}

int text_normalize(const TextNormalizer *tn, const char *s, size_t n, TextNorm *out)
{
    /* A character never grows past 4 bytes, and U+FFFD (3 bytes) replaces 1 bad byte. */
    if (reserve(out, n * 3 + 4) < 0)
        return -1;
    const unsigned char *u = (const unsigned char *)s;
    char *norm = out->norm;
    uint32_t *map = out->map;
    size_t i = 0, o = 0;
    Gap gap = {0};
    while (i < n) {
        /* The common cases inline, as fold() reads them: ASCII, and a well-formed character
         * of U+3400..U+9FFF (lead byte E3..E9, all of common Han, below T2S_HI) that the
         * traditional→simplified table leaves as it is: its bytes copied. The rest (a
         * traditional character among them) goes the general way. */
        unsigned char b = u[i];
        if (b < 0x80) {
            if (is_gap(b)) {
                gap_space(&gap, i);
            } else if (b != 0) { /* NUL goes */
                gap_put(&gap, b, norm, map, &o);
                norm[o] = (char)(b >= 'A' && b <= 'Z' ? b + 32 : b);
                map[o++] = (uint32_t)i;
            }
            i++;
            continue;
        }
        if ((unsigned)(b - 0xE3) <= 0xE9 - 0xE3 && i + 2 < n && (u[i + 1] & 0xC0) == 0x80 &&
            (u[i + 2] & 0xC0) == 0x80) {
            uint32_t c =
                (uint32_t)(b & 0x0F) << 12 | (uint32_t)(u[i + 1] & 0x3F) << 6 | (u[i + 2] & 0x3F);
            uint32_t to = c >= T2S_LO && tn ? tn->t2s[c - T2S_LO] : 0;
            if (c >= T2S_LO && !to) {
                gap_put(&gap, c, norm, map, &o);
                norm[o] = (char)b;
                norm[o + 1] = (char)u[i + 1];
                norm[o + 2] = (char)u[i + 2];
                map[o] = map[o + 1] = map[o + 2] = (uint32_t)i;
                o += 3;
                i += 3;
                continue;
            }
        }
        size_t start = i;
        uint32_t raw = text_next(s, n, &i);
        uint32_t c = fold(tn, raw);
        if (!c) {
            if (is_gap(raw))
                gap_space(&gap, start);
            continue;
        }
        gap_put(&gap, c, norm, map, &o);
        int l = text_put(norm + o, c);
        for (int k = 0; k < l; k++)
            map[o + (size_t)k] = (uint32_t)start;
        o += (size_t)l;
    }
    norm[o] = '\0';
    map[o] = (uint32_t)n;
    out->len = o;
    return 0;
}

char *text_normalize_dup(const TextNormalizer *tn, const char *s, size_t n)
{
    TextNorm tmp = {0};
    if (text_normalize(tn, s, n, &tmp) < 0) {
        text_norm_deinit(&tmp);
        return NULL;
    }
    free(tmp.map);
    return tmp.norm;
}

void text_norm_deinit(TextNorm *tn)
{
    if (!tn)
        return;
    free(tn->norm);
    free(tn->map);
    memset(tn, 0, sizeof *tn);
}

void text_norm_span(const TextNorm *tn, const char *orig, size_t n, size_t nstart, size_t nend,
                    size_t *ostart, size_t *oend)
{
    if (nstart > tn->len)
        nstart = tn->len;
    if (nend > tn->len)
        nend = tn->len;
    if (nend <= nstart) {
        *ostart = *oend = tn->map[nstart];
        return;
    }
    size_t last = tn->map[nend - 1];
    *ostart = tn->map[nstart];
    text_next(orig, n, &last); /* step over the last character's original bytes */
    *oend = last;
}

/* ------------------------------------------------------------------------ for display */

/* A letter of pinyin: a-z, ü, and the vowels with tone marks. */
static int pinyin_letter(uint32_t c)
{
    static const char *const toned = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüÜ";
    if (c >= 'a' && c <= 'z')
        return 1;
    size_t i = 0, n = strlen(toned);
    while (i < n)
        if (text_next(toned, n, &i) == c)
            return 2;
    return 0;
}

/* If s[i..n) starts with a parenthesised pinyin syllable or two ("(duì)", "（jié）"), the
 * bytes it takes; else 0. It must hold a tone mark, so "(OK)" or "(abc)" stay. */
static size_t pinyin_aside(const char *s, size_t n, size_t i)
{
    size_t j = i;
    uint32_t open = text_next(s, n, &j);
    if (open != '(' && open != 0xFF08)
        return 0;
    int letters = 0, toned = 0;
    while (j < n) {
        size_t k = j;
        uint32_t c = text_next(s, n, &k);
        if (c == ')' || c == 0xFF09)
            return letters && toned && letters <= 12 ? k - i : 0;
        int kind = pinyin_letter(c);
        if (!kind && c != ' ')
            return 0;
        letters += kind != 0;
        toned |= kind == 2;
        j = k;
    }
    return 0;
}

char *text_simplified(const char *s)
{
    const TextNormalizer *tn = text_normalizer_shared();
    size_t n = s ? strlen(s) : 0, i = 0, o = 0;
    char *out = malloc(n + 1); /* a simplified character is never longer than its original */
    if (!out)
        return NULL;
    while (i < n) {
        size_t skip = pinyin_aside(s, n, i);
        if (skip) {
            i += skip;
            continue;
        }
        size_t at = i;
        uint32_t c = text_next(s, n, &i);
        if (c >= T2S_LO && c < T2S_HI && tn->t2s[c - T2S_LO]) {
            char buf[4];
            int len = text_put(buf, tn->t2s[c - T2S_LO]);
            if ((size_t)len <= i - at) {
                memcpy(out + o, buf, (size_t)len);
                o += (size_t)len;
                continue;
            }
        }
        memcpy(out + o, s + at, i - at);
        o += i - at;
    }
    out[o] = '\0';
    return out;
}
