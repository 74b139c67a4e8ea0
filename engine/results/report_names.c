/* report_names: the cohort's names (trainees, scenarios, principles) interned to dense indexes
 * in first-seen order, and the arena that holds every string the report keeps. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "results/report_data.h"

struct ArenaBlock {
    struct ArenaBlock *next;
    size_t used, cap;
    char data[];
};

static void arena_free(ArenaBlock **head)
{
    ArenaBlock *b = *head;
    while (b) {
        ArenaBlock *next = b->next;
        free(b);
        b = next;
    }
    *head = NULL;
}

/* Copies s[0..n) plus a NUL into the arena; NULL out of memory. */
static const char *arena_strndup(ArenaBlock **head, const char *s, size_t n)
{
    ArenaBlock *b = *head;
    if (!b || b->cap - b->used < n + 1) {
        size_t cap = n + 1 > 60000 ? n + 1 : 60000;
        b = malloc(sizeof *b + cap);
        if (!b)
            return NULL;
        b->next = *head;
        b->used = 0;
        b->cap = cap;
        *head = b;
    }
    char *p = b->data + b->used;
    memcpy(p, s, n);
    p[n] = '\0';
    b->used += n + 1;
    return p;
}

const char *report_strndup(Report *r, const char *s, size_t n)
{
    return arena_strndup(&r->strings, s, n);
}

const char *report_strdup(Report *r, const char *s)
{
    return arena_strndup(&r->strings, s, strlen(s));
}

static uint32_t hash_str(const char *s)
{
    uint32_t h = 2166136261u; /* FNV-1a */
    for (; *s; s++)
        h = (h ^ (unsigned char)*s) * 16777619u;
    return h;
}

static void map_free(StrMap *m)
{
    free(m->keys);
    free(m->vals);
    memset(m, 0, sizeof *m);
}

/* The index of key, or -1. */
static int map_get(const StrMap *m, const char *key)
{
    if (!m->cap)
        return -1;
    for (size_t i = hash_str(key) & (m->cap - 1);; i = (i + 1) & (m->cap - 1)) {
        if (!m->keys[i])
            return -1;
        if (strcmp(m->keys[i], key) == 0)
            return m->vals[i];
    }
}

/* Adds key (which must stay valid) with value val; the key must not be present. Returns 0, or
 * -1 out of memory. */
static int map_put(StrMap *m, const char *key, int val)
{
    if ((m->n + 1) * 2 > m->cap) {
        size_t ncap = m->cap ? m->cap * 2 : 64;
        const char **nk = calloc(ncap, sizeof *nk);
        int *nv = calloc(ncap, sizeof *nv);
        if (!nk || !nv) {
            free(nk);
            free(nv);
            return -1;
        }
        for (size_t i = 0; i < m->cap; i++) {
            if (!m->keys[i])
                continue;
            size_t j = hash_str(m->keys[i]) & (ncap - 1);
            while (nk[j])
                j = (j + 1) & (ncap - 1);
            nk[j] = m->keys[i];
            nv[j] = m->vals[i];
        }
        free(m->keys);
        free(m->vals);
        m->keys = nk;
        m->vals = nv;
        m->cap = ncap;
    }
    size_t i = hash_str(key) & (m->cap - 1);
    while (m->keys[i])
        i = (i + 1) & (m->cap - 1);
    m->keys[i] = key;
    m->vals[i] = val;
    m->n++;
    return 0;
}

void *report_grow(void *v, int *cap, int need, size_t sz)
{
    if (need <= *cap)
        return v;
    int ncap = *cap ? *cap : 16;
    while (ncap < need)
        ncap *= 2;
    void *nv = realloc(v, (size_t)ncap * sz);
    if (!nv)
        return NULL;
    *cap = ncap;
    return nv;
}

void report_names_free(Report *r)
{
    arena_free(&r->strings);
    map_free(&r->trainee_map);
    free(r->trainee_names);
    map_free(&r->scenario_map);
    free(r->scenarios);
    map_free(&r->principle_map);
    free(r->principles);
}

int report_intern_trainee(Report *r, const char *name)
{
    int i = map_get(&r->trainee_map, name);
    if (i >= 0)
        return i;
    const char *k = report_strdup(r, name);
    const char **v = report_grow(r->trainee_names, &r->captrainees, r->ntrainees + 1, sizeof *v);
    if (!k || !v)
        return -1;
    r->trainee_names = v;
    if (map_put(&r->trainee_map, k, r->ntrainees))
        return -1;
    v[r->ntrainees] = k;
    return r->ntrainees++;
}

int report_intern_scenario(Report *r, const char *id, const char *title)
{
    int i = map_get(&r->scenario_map, id);
    if (i >= 0) {
        if (!r->scenarios[i].pub.title[0] && title[0]) {
            const char *t = report_strdup(r, title);
            if (!t)
                return -1;
            r->scenarios[i].pub.title = t;
        }
        return i;
    }
    const char *k = report_strdup(r, id);
    const char *t = report_strdup(r, title);
    Scenario *v = report_grow(r->scenarios, &r->capscenarios, r->nscenarios + 1, sizeof *v);
    if (!k || !t || !v)
        return -1;
    r->scenarios = v;
    if (map_put(&r->scenario_map, k, r->nscenarios))
        return -1;
    memset(&v[r->nscenarios], 0, sizeof *v);
    v[r->nscenarios].pub.id = k;
    v[r->nscenarios].pub.title = t;
    return r->nscenarios++;
}

/* Fills an empty descriptive field of a principle from a later session that recorded it. */
static int fill(Report *r, const char **slot, const char *value)
{
    if ((*slot)[0] || !value || !value[0])
        return 0;
    const char *v = report_strdup(r, value);
    if (!v)
        return -1;
    *slot = v;
    return 0;
}

int report_intern_principle(Report *r, const ResultLine *l)
{
    int i = map_get(&r->principle_map, l->id);
    if (i < 0) {
        const char *k = report_strdup(r, l->id);
        ReportPrinciple *v =
            report_grow(r->principles, &r->capprinciples, r->nprinciples + 1, sizeof *v);
        if (!k || !v)
            return -1;
        r->principles = v;
        if (map_put(&r->principle_map, k, r->nprinciples))
            return -1;
        i = r->nprinciples++;
        memset(&v[i], 0, sizeof *v);
        v[i].id = k;
        v[i].name = v[i].kind = v[i].source = "";
    }
    ReportPrinciple *rp = &r->principles[i];
    if (fill(r, &rp->name, l->name) || fill(r, &rp->kind, l->kind) ||
        fill(r, &rp->source, l->source))
        return -1;
    return i;
}

int report_principle_index(const Report *r, const char *id)
{
    return map_get(&r->principle_map, id);
}

const char *report_principle_label(const Report *r, const char *id)
{
    int i = map_get(&r->principle_map, id);
    if (i >= 0 && r->principles[i].name[0])
        return r->principles[i].name;
    return id;
}
