/* suggest: the nearest name to a misspelt one (restricted Damerau-Levenshtein distance). */
#include "lua/suggest.h"

#include <string.h>

void suggest_init(Suggest *s, const char *word)
{
    memset(s, 0, sizeof *s);
    s->word = word;
    s->len = strlen(word);
    s->dist = -1;
}

/* The edits allowed for a word of n bytes. */
static int allowed(size_t n)
{
    return n <= 4 ? 1 : n <= 9 ? 2 : 3;
}

/* The optimal-string-alignment distance between a and b, or limit + 1 when it is larger (two
 * rows of the matrix and one before them, for the swap). */
static int distance(const char *a, size_t na, const char *b, size_t nb, int limit)
{
    int rows[3][SUGGEST_NAME_MAX + 1];
    if (na > SUGGEST_NAME_MAX || nb > SUGGEST_NAME_MAX ||
        (na > nb ? na - nb : nb - na) > (size_t)limit)
        return limit + 1;
    int *prev2 = rows[0], *prev = rows[1], *cur = rows[2];
    for (size_t j = 0; j <= nb; j++)
        prev[j] = (int)j;
    for (size_t i = 1; i <= na; i++) {
        int lowest = cur[0] = (int)i;
        for (size_t j = 1; j <= nb; j++) {
            int cost = a[i - 1] != b[j - 1];
            int d = prev[j] + 1;
            if (cur[j - 1] + 1 < d)
                d = cur[j - 1] + 1;
            if (prev[j - 1] + cost < d)
                d = prev[j - 1] + cost;
            if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] &&
                prev2[j - 2] + 1 < d)
                d = prev2[j - 2] + 1;
            cur[j] = d;
            if (d < lowest)
                lowest = d;
        }
        if (lowest > limit)
            return limit + 1;
        int *t = prev2;
        prev2 = prev;
        prev = cur;
        cur = t;
    }
    return prev[nb];
}

void suggest_offer(Suggest *s, const char *candidate, size_t len)
{
    /* Names of one or two letters are one edit from too many others to suggest. */
    if (len < 3 || s->len < 3 || len >= SUGGEST_NAME_MAX ||
        (len == s->len && !memcmp(candidate, s->word, len)))
        return;
    int limit = allowed(s->len < len ? s->len : len);
    if (s->dist >= 0 && s->dist - 1 < limit)
        limit = s->dist - 1; /* only a closer one is worth the work */
    if (limit < 1)
        return;
    int d = distance(s->word, s->len, candidate, len, limit);
    if (d > limit)
        return;
    s->dist = d;
    memcpy(s->best, candidate, len);
    s->best[len] = '\0';
}

const char *suggest_best(const Suggest *s)
{
    return s->best[0] ? s->best : NULL;
}

const char *suggest_among(const char *word, const char *const *names)
{
    Suggest s;
    const char *found = NULL;
    suggest_init(&s, word);
    for (int i = 0; names && names[i]; i++) {
        int before = s.dist;
        suggest_offer(&s, names[i], strlen(names[i]));
        if (s.dist != before)
            found = names[i];
    }
    return found;
}
