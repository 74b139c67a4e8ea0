/* suggest: the nearest of a set of names to a misspelt one, for "did you mean X?" in messages
 * (a global in the sandbox, a principle id, a state, a line key). */
#ifndef KEFU_SUGGEST_H
#define KEFU_SUGGEST_H

#include <stddef.h>

enum { SUGGEST_NAME_MAX = 128 };

/* A search in progress: zero-initialise with suggest_init; nothing to free. */
typedef struct Suggest {
    const char *word; /* the misspelt name (borrowed for the search's life) */
    size_t len;
    int dist;                    /* the best candidate's distance so far */
    char best[SUGGEST_NAME_MAX]; /* "" until a close candidate is offered */
} Suggest;

/* Starts a search for names close to word. */
void suggest_init(Suggest *s, const char *word);

/* Offers candidate[0..len): kept (copied) when it is closer to the word than any so far and
 * close enough to be a typo of it: at most one edit (insert, delete, replace, or swap of two
 * neighbours) for names up to 4 bytes, two up to 9, three beyond. The word itself is never
 * suggested, nor any name (or word) shorter than 3 bytes. */
void suggest_offer(Suggest *s, const char *candidate, size_t len);

/* The nearest name offered, or NULL when none was close enough. Valid while s lives. */
const char *suggest_best(const Suggest *s);

/* One call for a NULL-ended list: the nearest of names to word, or NULL. The result points
 * into names. */
const char *suggest_among(const char *word, const char *const *names);

#endif
