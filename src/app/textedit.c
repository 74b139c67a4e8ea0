/* textedit: a UTF-8 text buffer with a character-wise caret and an IME composition. */
#include "textedit.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "base/text.h"

void textedit_init(TextEdit *te, size_t limit, int multiline)
{
    memset(te, 0, sizeof *te);
    te->limit = limit;
    te->multiline = multiline;
}

void textedit_deinit(TextEdit *te)
{
    free(te->buf);
    memset(te, 0, sizeof *te);
}

static int reserve(TextEdit *te, size_t need)
{
    if (need + 1 <= te->cap)
        return 0;
    size_t cap = te->cap ? te->cap : 64;
    while (cap < need + 1)
        cap *= 2;
    char *b = realloc(te->buf, cap);
    if (!b)
        return -1;
    if (!te->buf)
        b[0] = 0;
    te->buf = b;
    te->cap = cap;
    return 0;
}

/* Start of the character that ends at or before off (the buffer is valid UTF-8). */
static size_t prev_boundary(const char *s, size_t off)
{
    if (off == 0)
        return 0;
    off--;
    while (off > 0 && ((unsigned char)s[off] & 0xC0) == 0x80)
        off--;
    return off;
}

static size_t next_boundary(const char *s, size_t len, size_t off)
{
    if (off >= len)
        return len;
    off++;
    while (off < len && ((unsigned char)s[off] & 0xC0) == 0x80)
        off++;
    return off;
}

int textedit_insert(TextEdit *te, const char *s, size_t n)
{
    /* Clean first, into a scratch copy: valid UTF-8, no NULs or stray controls. */
    char *clean = malloc(n * 3 + 1);
    if (!clean)
        return -1;
    size_t c = 0, i = 0;
    while (i < n) {
        uint32_t cp = text_next(s, n, &i);
        if (cp == '\r') {
            if (i < n && s[i] == '\n')
                continue; /* \r\n: the \n that follows does it */
            cp = '\n';
        }
        if (cp == '\t')
            cp = ' ';
        if (cp == '\n' && !te->multiline)
            cp = ' ';
        if ((cp < 0x20 && cp != '\n') || cp == 0x7F)
            continue;
        c += (size_t)text_put(clean + c, cp);
    }
    /* Then cut at the limit on a character boundary. */
    size_t room = te->limit > te->len ? te->limit - te->len : 0;
    te->truncated = 0;
    if (c > room) {
        size_t cut = room;
        while (cut > 0 && ((unsigned char)clean[cut] & 0xC0) == 0x80)
            cut--;
        c = cut;
        te->truncated = 1;
    }
    if (c == 0 || reserve(te, te->len + c) < 0) {
        free(clean);
        return c == 0 ? 0 : -1;
    }
    memmove(te->buf + te->caret + c, te->buf + te->caret, te->len - te->caret + 1);
    memcpy(te->buf + te->caret, clean, c);
    te->len += c;
    te->caret += c;
    free(clean);
    return (int)c;
}

static void cut(TextEdit *te, size_t a, size_t b)
{
    memmove(te->buf + a, te->buf + b, te->len - b + 1);
    te->len -= b - a;
    te->caret = a;
}

int textedit_backspace(TextEdit *te)
{
    if (te->caret == 0)
        return 0;
    cut(te, prev_boundary(te->buf, te->caret), te->caret);
    return 1;
}

int textedit_delete(TextEdit *te)
{
    if (te->caret >= te->len)
        return 0;
    size_t b = next_boundary(te->buf, te->len, te->caret);
    size_t a = te->caret;
    cut(te, a, b);
    return 1;
}

void textedit_left(TextEdit *te)
{
    if (te->buf)
        te->caret = prev_boundary(te->buf, te->caret);
}

void textedit_right(TextEdit *te)
{
    if (te->buf)
        te->caret = next_boundary(te->buf, te->len, te->caret);
}

static size_t line_start(const TextEdit *te, size_t off)
{
    while (off > 0 && te->buf[off - 1] != '\n')
        off--;
    return off;
}

static size_t line_end(const TextEdit *te, size_t off)
{
    while (off < te->len && te->buf[off] != '\n')
        off++;
    return off;
}

void textedit_home(TextEdit *te)
{
    if (te->buf)
        te->caret = line_start(te, te->caret);
}

void textedit_end(TextEdit *te)
{
    if (te->buf)
        te->caret = line_end(te, te->caret);
}

/* Moves to column col (characters) of the line starting at start, or its end. */
static size_t column(const TextEdit *te, size_t start, size_t col)
{
    size_t end = line_end(te, start), off = start;
    while (col-- > 0 && off < end)
        off = next_boundary(te->buf, te->len, off);
    return off;
}

void textedit_up(TextEdit *te)
{
    if (!te->buf)
        return;
    size_t start = line_start(te, te->caret);
    if (start == 0) {
        te->caret = 0;
        return;
    }
    size_t col = text_chars(te->buf + start, te->caret - start);
    te->caret = column(te, line_start(te, start - 1), col);
}

void textedit_down(TextEdit *te)
{
    if (!te->buf)
        return;
    size_t start = line_start(te, te->caret);
    size_t end = line_end(te, te->caret);
    if (end >= te->len) {
        te->caret = te->len;
        return;
    }
    size_t col = text_chars(te->buf + start, te->caret - start);
    te->caret = column(te, end + 1, col);
}

void textedit_compose(TextEdit *te, const char *text, int cursor)
{
    size_t n = text ? strlen(text) : 0;
    if (n >= sizeof te->comp) {
        n = sizeof te->comp - 1;
        while (n > 0 && ((unsigned char)text[n] & 0xC0) == 0x80)
            n--;
    }
    /* The IME's text is shown, never stored, but it still has to be valid to be drawn. */
    char *clean = text_sanitize(text ? text : "", n, &n);
    if (!clean) {
        te->comp[0] = 0;
        return;
    }
    if (n >= sizeof te->comp)
        n = 0;
    memcpy(te->comp, clean, n);
    te->comp[n] = 0;
    free(clean);
    te->comp_cursor = cursor < 0 ? 0 : cursor;
}

void textedit_clear(TextEdit *te)
{
    te->len = 0;
    te->caret = 0;
    te->comp[0] = 0;
    te->comp_cursor = 0;
    te->truncated = 0;
    if (te->buf)
        te->buf[0] = 0;
}

int textedit_blank(const TextEdit *te)
{
    size_t i = 0;
    while (i < te->len) {
        uint32_t cp = text_next(te->buf, te->len, &i);
        if (!(cp == ' ' || cp == '\n' || cp == 0x3000))
            return 0;
    }
    return 1;
}

size_t textedit_chars(const TextEdit *te)
{
    return te->buf ? text_chars(te->buf, te->len) : 0;
}
