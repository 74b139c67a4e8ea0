/* inert: scenario text escaped for a terminal. */
#include "base/inert.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

/* The length of the valid UTF-8 sequence at s[0..n), or 0 when it is not one (overlong
 * forms, surrogates and code points past U+10FFFF are not valid). *cp gets the code point. */
static size_t utf8_seq(const unsigned char *s, size_t n, unsigned long *cp)
{
    unsigned char c = s[0];
    size_t len;
    unsigned long v, min;
    if (c < 0x80) {
        *cp = c;
        return 1;
    }
    if (c >= 0xC2 && c <= 0xDF) {
        len = 2, v = c & 0x1F, min = 0x80;
    } else if (c >= 0xE0 && c <= 0xEF) {
        len = 3, v = c & 0x0F, min = 0x800;
    } else if (c >= 0xF0 && c <= 0xF4) {
        len = 4, v = c & 0x07, min = 0x10000;
    } else {
        return 0;
    }
    if (len > n)
        return 0;
    for (size_t i = 1; i < len; i++) {
        if ((s[i] & 0xC0) != 0x80)
            return 0;
        v = (v << 6) | (s[i] & 0x3F);
    }
    if (v < min || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF))
        return 0;
    *cp = v;
    return len;
}

/* The escape for the character at s[0..n) into esc (at least 8 bytes) and its length in the
 * input, or 0 in *esc_len when it passes unchanged. */
static size_t next_piece(const char *s, size_t n, unsigned flags, char *esc, size_t *esc_len)
{
    const unsigned char *u = (const unsigned char *)s;
    unsigned long cp = 0;
    size_t step = utf8_seq(u, n, &cp);
    *esc_len = 0;
    if (step == 0) {
        snprintf(esc, 8, "\\x%02x", u[0]);
        *esc_len = 4;
        return 1;
    }
    if (cp == '\n' && (flags & INERT_KEEP_NEWLINES))
        return step;
    if (cp < 0x20 || cp == 0x7F) {
        snprintf(esc, 8, "\\x%02lx", cp);
        *esc_len = 4;
    } else if (cp >= 0x80 && cp <= 0x9F) {
        snprintf(esc, 8, "\\u%04lx", cp);
        *esc_len = 6;
    }
    return step;
}

char *inert_copy(char *out, size_t size, const char *s, size_t len, unsigned flags)
{
    size_t o = 0, i = 0;
    while (i < len) {
        char esc[8];
        size_t esc_len;
        size_t step = next_piece(s + i, len - i, flags, esc, &esc_len);
        const char *piece = esc_len ? esc : s + i;
        size_t piece_len = esc_len ? esc_len : step;
        if (o + piece_len + 1 > size)
            break;
        memcpy(out + o, piece, piece_len);
        o += piece_len;
        i += step;
    }
    out[o] = '\0';
    return out;
}

char *inert_inplace(char *s, size_t size, unsigned flags)
{
    size_t len = strlen(s);
    char *copy = malloc(len + 1);
    if (!copy) {
        /* No room to escape: drop what could reach the terminal instead. */
        for (char *p = s; *p; p++)
            if ((unsigned char)*p < 0x20 || *p == 0x7F)
                *p = *p == '\n' && (flags & INERT_KEEP_NEWLINES) ? '\n' : '?';
        return s;
    }
    memcpy(copy, s, len + 1);
    inert_copy(s, size, copy, len, flags);
    free(copy);
    return s;
}

int inert_write(FILE *f, const char *s, size_t len, unsigned flags)
{
    size_t i = 0;
    while (i < len) {
        char esc[8];
        size_t esc_len;
        size_t step = next_piece(s + i, len - i, flags, esc, &esc_len);
        if (esc_len ? fwrite(esc, 1, esc_len, f) != esc_len : fwrite(s + i, 1, step, f) != step)
            return -1;
        i += step;
    }
    return ferror(f) ? -1 : 0;
}

int inert_fputs(const char *s, FILE *f)
{
    return inert_write(f, s, strlen(s), 0);
}

int inert_printf(FILE *f, const char *fmt, ...)
{
    char small[512], *buf = small;
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(small, sizeof small, fmt, ap);
    va_end(ap);
    if (n < 0)
        return -1;
    if ((size_t)n >= sizeof small) {
        if (!(buf = malloc((size_t)n + 1)))
            return -1;
        va_start(ap, fmt);
        vsnprintf(buf, (size_t)n + 1, fmt, ap);
        va_end(ap);
    }
    size_t len = (size_t)n;
    int line_end = len > 0 && buf[len - 1] == '\n';
    int rc = inert_write(f, buf, len - (size_t)line_end, 0);
    if (rc == 0 && line_end && fputc('\n', f) == EOF)
        rc = -1;
    if (buf != small)
        free(buf);
    return rc;
}
