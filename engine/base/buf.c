/* buf: the engine's one growable byte buffer. */
#include "base/buf.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Makes room for n more bytes and the NUL. Growth doubles, so appends are amortised O(1);
 * a size that would overflow is an allocation failure like any other. */
static int reserve(Buf *b, size_t n)
{
    if (b->oom)
        return -1;
    if (b->cap - b->len > n)
        return 0;
    if (n > SIZE_MAX / 2 - b->len - 1) {
        b->oom = 1;
        return -1;
    }
    size_t cap = b->cap ? b->cap : 64;
    while (cap - b->len <= n)
        cap *= 2;
    char *p = realloc(b->p, cap);
    if (!p) {
        b->oom = 1;
        return -1;
    }
    b->p = p;
    b->cap = cap;
    return 0;
}

int buf_put(Buf *b, const char *s, size_t n)
{
    /* The common case, room to spare, without a call: HTML escaping appends in small runs. */
    if ((b->oom || b->cap - b->len <= n) && reserve(b, n) != 0)
        return -1;
    if (n)
        memcpy(b->p + b->len, s, n);
    b->len += n;
    b->p[b->len] = '\0';
    return 0;
}

int buf_puts(Buf *b, const char *s)
{
    return buf_put(b, s ? s : "", s ? strlen(s) : 0);
}

int buf_putc(Buf *b, char c)
{
    return buf_put(b, &c, 1);
}

int buf_printf(Buf *b, const char *fmt, ...)
{
    va_list ap;
    if (b->oom)
        return -1;
    /* Format straight into the spare room: only a text that does not fit is formatted a
     * second time, into room made for it (the report formats millions of small numbers). */
    size_t room = b->cap - b->len;
    va_start(ap, fmt);
    int k = vsnprintf(room ? b->p + b->len : NULL, room, fmt, ap);
    va_end(ap);
    if (k >= 0 && (size_t)k < room) {
        b->len += (size_t)k;
        return 0;
    }
    if (room)
        b->p[b->len] = '\0'; /* undo a partial write */
    if (k < 0 || reserve(b, (size_t)k) != 0)
        return -1;
    va_start(ap, fmt);
    vsnprintf(b->p + b->len, (size_t)k + 1, fmt, ap);
    va_end(ap);
    b->len += (size_t)k;
    return 0;
}

void buf_clear(Buf *b)
{
    b->len = 0;
    if (b->p)
        b->p[0] = '\0';
}

char *buf_take(Buf *b)
{
    if (b->oom) {
        buf_free(b);
        return NULL;
    }
    char *p = b->p ? b->p : calloc(1, 1);
    memset(b, 0, sizeof *b);
    return p;
}

void buf_free(Buf *b)
{
    if (!b)
        return;
    free(b->p);
    memset(b, 0, sizeof *b);
}
