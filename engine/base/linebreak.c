/* linebreak: UAX #14 line-break opportunities through libunibreak, and greedy wrapping. */
#include "base/linebreak.h"

#include <stdlib.h>

/* libunibreak: its header is also named linebreak.h; ours is reached as "base/linebreak.h". */
#include <linebreak.h>

#include "base/text.h"

/* ------------------------------------------------------------------------------------------ */
/* The text as code points, with each character's byte offset and the break before it.      */

typedef struct Chars {
    utf32_t *cp;
    size_t *off; /* off[k]: byte offset of character k; off[n] = len */
    char *brk;   /* brk[k]: libunibreak's verdict on a break *after* character k */
    size_t n;
} Chars;

static void chars_free(Chars *c)
{
    free(c->cp);
    free(c->off);
    free(c->brk);
}

static int chars_load(Chars *c, const char *s, size_t len, const char *lang)
{
    static int initialised;
    c->cp = malloc((len + 1) * sizeof *c->cp);
    c->off = malloc((len + 1) * sizeof *c->off);
    c->brk = malloc(len + 1);
    c->n = 0;
    if (!c->cp || !c->off || !c->brk)
        goto fail;
    /* Decode ourselves: text_next maps every malformed byte to U+FFFD, one byte each, so
     * the library never sees (and never stops at) a bad sequence. */
    size_t i = 0;
    while (i < len) {
        c->off[c->n] = i;
        c->cp[c->n] = text_next(s, len, &i);
        c->n++;
    }
    c->off[c->n] = len;
    if (!initialised) {
        init_linebreak();
        initialised = 1;
    }
    if (c->n)
        set_linebreaks_utf32(c->cp, c->n, lang, c->brk);
    return 0;
fail:
    chars_free(c);
    return -1;
}

int linebreak_find(const char *s, size_t len, const char *lang, unsigned char *out)
{
    Chars c;
    if (chars_load(&c, s, len, lang ? lang : "zh") < 0)
        return -1;
    for (size_t i = 0; i <= len; i++)
        out[i] = LINEBREAK_NONE;
    for (size_t k = 0; k + 1 < c.n; k++) {
        if (c.brk[k] == LINEBREAK_MUSTBREAK)
            out[c.off[k + 1]] = LINEBREAK_MUST;
        else if (c.brk[k] == LINEBREAK_ALLOWBREAK)
            out[c.off[k + 1]] = LINEBREAK_ALLOW;
    }
    out[len] = LINEBREAK_MUST;
    chars_free(&c);
    return 0;
}

/* ------------------------------------------------------------------------------------------ */
/* Kinsoku: the characters Chinese typography keeps off the start or the end of a line.      */

int linebreak_no_line_start(uint32_t cp)
{
    switch (cp) {
    case 0xFF0C: /* ， */
    case 0x3002: /* 。 */
    case 0xFF01: /* ！ */
    case 0xFF1F: /* ？ */
    case 0x3001: /* 、 */
    case 0xFF1B: /* ； */
    case 0xFF1A: /* ： */
    case 0x201D: /* ” */
    case 0x2019: /* ’ */
    case 0xFF09: /* ） */
    case 0x300B: /* 》 */
    case 0x3009: /* 〉 */
    case 0x300D: /* 」 */
    case 0x300F: /* 』 */
    case 0x3011: /* 】 */
    case 0x3015: /* 〕 */
    case 0xFF3D: /* ］ */
    case 0xFF5D: /* ｝ */
    case 0xFF0E: /* ． */
    case 0x2026: /* … */
    case 0x2014: /* — */
    case 0xFF5E: /* ～ */
    case ',':
    case '.':
    case '!':
    case '?':
    case ';':
    case ':':
    case ')':
    case ']':
    case '}':
        return 1;
    default:
        return 0;
    }
}

int linebreak_no_line_end(uint32_t cp)
{
    switch (cp) {
    case 0x201C: /* “ */
    case 0x2018: /* ‘ */
    case 0xFF08: /* （ */
    case 0x300A: /* 《 */
    case 0x3008: /* 〈 */
    case 0x300C: /* 「 */
    case 0x300E: /* 『 */
    case 0x3010: /* 【 */
    case 0x3014: /* 〔 */
    case 0xFF3B: /* ［ */
    case 0xFF5B: /* ｛ */
    case '(':
    case '[':
    case '{':
        return 1;
    default:
        return 0;
    }
}

/* Characters that belong to the one before them: a cut must not separate them. */
static int clings_to_previous(uint32_t cp)
{
    return (cp >= 0x0300 && cp <= 0x036F) || (cp >= 0xFE00 && cp <= 0xFE0F) || cp == 0x200D ||
           (cp >= 0x1F3FB && cp <= 0x1F3FF) || (cp >= 0xE0100 && cp <= 0xE01EF) || cp == 0x20E3;
}

static int is_space(uint32_t cp)
{
    return cp == ' ' || cp == '\t' || cp == 0x3000 || cp == '\n' || cp == '\r' || cp == 0x0B ||
           cp == 0x0C || cp == 0x85 || cp == 0x2028 || cp == 0x2029;
}

/* ------------------------------------------------------------------------------------------ */
/* Greedy wrapping.                                                                           */

typedef struct Wrap {
    const Chars *c;
    LinebreakAdvance advance;
    void *ud;
    LineSpan *lines;
    int max_lines;
    int count;
} Wrap;

/* Emits characters [a, b) as one line, dropping trailing white space and newlines. */
static void emit(Wrap *w, size_t a, size_t b)
{
    while (b > a && is_space(w->c->cp[b - 1]))
        b--;
    if (w->lines && w->count < w->max_lines) {
        double width = 0;
        for (size_t k = a; k < b; k++)
            width += w->advance(w->ud, w->c->cp[k]);
        w->lines[w->count].start = w->c->off[a];
        w->lines[w->count].end = w->c->off[b];
        w->lines[w->count].width = width;
    }
    w->count++;
}

/* Where to cut a run that does not fit, given that character k overflows: as late as
 * possible, but never before a closing mark or a clinging character, never after an opening
 * mark, unless nothing else is left (then a character alone goes on its line). */
static size_t emergency_cut(const Chars *c, size_t line_start, size_t k)
{
    for (size_t cut = k; cut > line_start + 1; cut--) {
        if (linebreak_no_line_start(c->cp[cut]) || clings_to_previous(c->cp[cut]))
            continue;
        if (linebreak_no_line_end(c->cp[cut - 1]))
            continue;
        return cut;
    }
    return k > line_start ? k : line_start + 1;
}

int linebreak_wrap(const char *s, size_t len, const char *lang, double max_width,
                   LinebreakAdvance advance, void *ud, LineSpan *lines, int max_lines)
{
    Chars c;
    if (chars_load(&c, s, len, lang ? lang : "zh") < 0)
        return -1;
    Wrap w = {&c, advance, ud, lines, lines ? max_lines : 0, 0};
    size_t line_start = 0, k = 0;
    size_t opp = 0; /* the latest break opportunity inside the current line, 0 for none */
    double width = 0;
    while (k < c.n) {
        if (lines && w.count >= max_lines)
            break;
        if (k > line_start && c.brk[k - 1] == LINEBREAK_MUSTBREAK) {
            emit(&w, line_start, k);
            line_start = k;
            opp = 0;
            width = 0;
            continue;
        }
        if (k > line_start && c.brk[k - 1] == LINEBREAK_ALLOWBREAK)
            opp = k;
        double a = (c.cp[k] == '\n' || c.cp[k] == '\r') ? 0 : advance(ud, c.cp[k]);
        /* Spaces may hang past the margin; anything else that overflows ends the line. */
        if (width + a > max_width && k > line_start && !is_space(c.cp[k])) {
            size_t cut = opp > line_start ? opp : emergency_cut(&c, line_start, k);
            emit(&w, line_start, cut);
            line_start = cut;
            /* Re-measure from the new line's start: simpler than remembering widths, and
             * a line is short. */
            k = cut;
            opp = 0;
            width = 0;
            continue;
        }
        width += a;
        k++;
    }
    if (!(lines && w.count >= max_lines))
        emit(&w, line_start, c.n);
    chars_free(&c);
    return w.count;
}
