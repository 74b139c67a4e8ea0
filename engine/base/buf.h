/* buf: the engine's one growable byte buffer, always NUL-terminated, with a sticky
 * out-of-memory flag so a long run of appends needs one check at the end. */
#ifndef KEFU_BUF_H
#define KEFU_BUF_H

#include <stddef.h>

/* Zero-initialise (Buf b = {0};) to start; buf_free releases it. b.p is NULL until the
 * first append; after any append it points at len bytes and a terminating NUL. */
typedef struct Buf {
    char *p;
    size_t len, cap;
    int oom; /* set by the first failed allocation; later appends do nothing */
} Buf;

/* Appends n bytes of s. On allocation failure sets b->oom and returns -1; returns -1 at once
 * when b->oom is already set; else 0. */
int buf_put(Buf *b, const char *s, size_t n);

/* Appends the NUL-terminated s (nothing for NULL). Returns as buf_put. */
int buf_puts(Buf *b, const char *s);

/* Appends one byte. Returns as buf_put. */
int buf_putc(Buf *b, char c);

/* Appends printf-formatted text of any length. Returns as buf_put (-1 also on a format
 * error, without setting oom). */
#if defined(__GNUC__)
__attribute__((format(printf, 2, 3)))
#endif
int buf_printf(Buf *b, const char *fmt, ...);

/* Forgets the contents but keeps the memory (and clears nothing else: oom stays set). */
void buf_clear(Buf *b);

/* Hands the contents to the caller, who frees them with free(); the buffer is empty again.
 * Returns NULL when b->oom is set (the partial contents are freed) or nothing was appended
 * and allocating an empty string fails. */
char *buf_take(Buf *b);

/* Frees the memory and zeroes the buffer. buf_free(NULL) does nothing. */
void buf_free(Buf *b);

#endif
