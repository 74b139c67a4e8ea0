/* linebreak: where a line of text may or must break, by Unicode's rules (UAX #14 through
 * libunibreak), and greedy wrapping to a width measured by the caller. SDL-free. */
#ifndef KEFU_LINEBREAK_H
#define KEFU_LINEBREAK_H

#include <stddef.h>
#include <stdint.h>

enum {
    LINEBREAK_NONE = 0,  /* no line may start here */
    LINEBREAK_ALLOW = 1, /* a line may start here */
    LINEBREAK_MUST = 2   /* a line must start here (after a newline; the text's end) */
};

/* Classifies every byte offset of s[0..len) as a place where a new line could start:
 * out[i] for i in 0..len (the caller supplies len + 1 bytes). out[0] is NONE, out[len] is
 * MUST, offsets inside a character are NONE. Any bytes are accepted: malformed UTF-8 counts
 * as U+FFFD, one byte each. lang ("zh", NULL for none) tunes ambiguous quotation marks.
 * Returns 0, or -1 out of memory (out untouched). */
int linebreak_find(const char *s, size_t len, const char *lang, unsigned char *out);

/* The width of one code point in the caller's units (pixels, columns); must be >= 0. */
typedef double (*LinebreakAdvance)(void *ud, uint32_t cp);

/* One wrapped line: bytes s[start..end) are shown; trailing spaces and the newline that
 * ended it are excluded. width is the sum of the shown characters' advances. */
typedef struct LineSpan {
    size_t start;
    size_t end;
    double width;
} LineSpan;

/* Breaks s[0..len) into lines no wider than max_width, at the opportunities of
 * linebreak_find; a run that cannot fit in a line by itself is cut between characters,
 * never before closing punctuation or a combining mark unless a character alone overflows.
 * Writes up to max_lines spans into lines (lines may be NULL to count) and returns how many
 * lines the text needs (at least 1, even for empty text), or -1 out of memory. Stops wrapping
 * once max_lines spans are written and returns max_lines. */
int linebreak_wrap(const char *s, size_t len, const char *lang, double max_width,
                   LinebreakAdvance advance, void *ud, LineSpan *lines, int max_lines);

/* 1 when no line may begin with cp by the Chinese rules of kinsoku (，。！？、；：”）》 and
 * similar closing marks), used by the wrapper for emergency cuts and by tests. */
int linebreak_no_line_start(uint32_t cp);

/* 1 when no line may end with cp (“（《 and similar opening marks). */
int linebreak_no_line_end(uint32_t cp);

#endif
