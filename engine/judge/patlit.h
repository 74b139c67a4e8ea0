/* patlit: what a regular expression's text says before it runs: the literals every match must
 * contain, how far before them a match can start, and the branches of a top-level
 * alternation. Plain text analysis: no PCRE2, no tables. */
#ifndef KEFU_PATLIT_H
#define KEFU_PATLIT_H

#include <stddef.h>

#define PATLIT_MAX 96      /* literals one set may hold before the set is given up */
#define PATLIT_SETS 3      /* literal sets a pattern may require together */
#define PATLIT_BRANCHES 64 /* an alternation of more branches runs whole (masks are 64 bits) */

/* A set of literals, one of which occurs in every match of a pattern (or unknown). Literals
 * are lower-cased like the normalised replies they are looked for in. */
typedef struct LitSet {
    char *s[PATLIT_MAX];
    int len[PATLIT_MAX];
    int n;
    int unknown;
    int w; /* at most this many characters of a match precede the literal (-1: unbounded) */
} LitSet;

/* The literal sets a pattern requires, all of them together. */
typedef struct PatLits {
    LitSet set[PATLIT_SETS]; /* the best filter first */
    int n;
    int anchor;   /* the set whose first occurrence bounds where a match can start, or -1 */
    int anchor_w; /* at most this many characters of a match come before that set's literal */
} PatLits;

/* Derives into out (its previous contents are ignored) the literal sets the expanded pattern
 * p[0..n) requires (from its required items: a literal run, a non-optional group's
 * alternatives, a plain character class), ranked by how rarely they should occur, a weak set
 * (one common character) dropped when a better one filters anyway, and the anchor set that
 * leaves the fewest start positions to try. A pattern with a top-level alternation gets at
 * most one set, the union of its branches'. out->n is 0 when nothing is known. The caller
 * frees the literals with patlit_free. */
void patlit_derive(const char *p, size_t n, PatLits *out);

/* Frees the literals of pl and empties it. */
void patlit_free(PatLits *pl);

/* The shortest literal of a set, in bytes (0 for an empty set). */
int patlit_minlen(const LitSet *ls);

/* One branch of an alternation: a slice of the pattern text it came from. */
typedef struct PatSpan {
    const char *p;
    size_t n;
} PatSpan;

/* The branches of the top-level alternation p[0..n), in order, into out[*nout ...] (out holds
 * PATLIT_BRANCHES): a branch that is itself a whole group (?:x|y) is split in its turn, since
 * (?:a|b)|c matches as a|b|c does. Returns 0 when the pattern must run whole: it has no
 * top-level alternation, more than PATLIT_BRANCHES branches, or a branch could depend on
 * another (back references, recursion, subroutine calls, option settings, named groups). */
int patlit_branches(const char *p, size_t n, PatSpan *out, int *nout);

/* The characters a match of the expanded pattern p[0..n) can start with, written as a
 * character class ("[是这确]", ASCII punctuation escaped) into out[0..cap), when they are a
 * short list of plain characters (at most PATLIT_FIRST of them): leading assertions and
 * look-arounds are stepped over, optional items add what may come after them. Returns the
 * class's length, or 0 when they are not known that way (a class like [^,.], \p{Han}, a dot,
 * a pattern that may match nothing, too many characters, too small an out). PCRE2 finds no
 * start characters for a pattern that opens with a look-behind; a look-ahead of this class in
 * front lets its JIT skip to where a match can start. */
#define PATLIT_FIRST 48
size_t patlit_first_class(const char *p, size_t n, char *out, size_t cap);

#endif
