/* inert: text from a scenario made safe to print: control characters shown as escapes, so a
 * file cannot clear the trainer's screen or fake a line of output. */
#ifndef KEFU_INERT_H
#define KEFU_INERT_H

#include <stddef.h>
#include <stdio.h>

enum {
    INERT_KEEP_NEWLINES = 1, /* '\n' passes as it is (multi-line output the program lays out) */
};

/* Copies s[0..len) into out (size bytes, size > 0), always NUL-terminated and cut between
 * characters when it does not fit. What maps to what: C0 controls (ESC, '\r', '\t', NUL, ...),
 * DEL and bytes that are not valid UTF-8 become "\xNN"; C1 controls (U+0080..U+009F, which
 * some terminals obey as ESC sequences) become "\u0080".."\u009f"; '\n' becomes "\x0a" unless
 * flags has INERT_KEEP_NEWLINES; everything else (printable UTF-8, backslashes included) is
 * copied unchanged. Returns out. */
char *inert_copy(char *out, size_t size, const char *s, size_t len, unsigned flags);

/* inert_copy of the NUL-terminated s in place (the result never grows past size). Returns s. */
char *inert_inplace(char *s, size_t size, unsigned flags);

/* Writes s[0..len) to f escaped as inert_copy does, without a length limit. Returns 0, or -1
 * when the stream reports an error. */
int inert_write(FILE *f, const char *s, size_t len, unsigned flags);

/* inert_write of the NUL-terminated s. */
int inert_fputs(const char *s, FILE *f);

/* printf to f, escaped as inert_copy does, except one newline that ends the formatted text
 * (the program's own line end; a newline inside an argument is escaped). Returns 0, or -1 on
 * a stream error or out of memory. */
int inert_printf(FILE *f, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;

#endif
