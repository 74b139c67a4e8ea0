/* explore_bank: persona-specific replies for exploration, so random conversations reach the
 * states a generic bank of shop talk never does (a size question, a colour, an order). */
#include "authoring/explore_bank.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "authoring/selftest.h"

static int add(ExploreBank *b, const char *text)
{
    if (!text || !*text)
        return 0;
    for (int i = 0; i < b->n; i++)
        if (strcmp(b->v[i], text) == 0)
            return 0;
    if (b->n == b->cap) {
        int cap = b->cap ? b->cap * 2 : 32;
        char **v = realloc(b->v, (size_t)cap * sizeof *v);
        if (!v)
            return -1;
        b->v = v;
        b->cap = cap;
    }
    if (!(b->v[b->n] = strdup(text)))
        return -1;
    b->n++;
    return 0;
}

/* Answers from the product card: what a trainee who looked it up would say. */
static int add_product(ExploreBank *b, const Product *p)
{
    char buf[700];
    int rc = 0;
    if (p->name) {
        snprintf(buf, sizeof buf, "亲，这款%s现在有货的哦", p->name);
        rc |= add(b, buf);
    }
    if (p->colours) {
        snprintf(buf, sizeof buf, "颜色有%s，您喜欢哪个呢？", p->colours);
        rc |= add(b, buf);
    }
    if (p->sizes) {
        snprintf(buf, sizeof buf, "尺码有%s，按您平时的穿着选就好", p->sizes);
        rc |= add(b, buf);
    }
    if (p->ship) {
        snprintf(buf, sizeof buf, "%s，您放心", p->ship);
        rc |= add(b, buf);
    }
    for (int i = 0; i < p->nfacts; i++) {
        snprintf(buf, sizeof buf, "亲，%s是这样的：%s", p->facts[i].label, p->facts[i].value);
        rc |= add(b, buf);
        snprintf(buf, sizeof buf, "%s哦", p->facts[i].value);
        rc |= add(b, buf);
    }
    return rc ? -1 : 0;
}

/* The rubric's technique phrasings: each keyword of its detectors, said in a sentence, kept
 * when the rubric hears it as a technique this scorecard scores and as no violation. */
static int add_techniques(ExploreBank *b, const Scenario *sc, Rubric *rubric)
{
    HitList hits = {0};
    int rc = 0;
    for (int k = 0; k < rubric_keyword_count(rubric) && rc == 0; k++) {
        char text[300];
        snprintf(text, sizeof text, "亲，%s", rubric_keyword(rubric, k));
        ReplyContext ctx = {sc->id, "", 1, -1, &sc->spec.thresholds};
        if (rubric_analyze(rubric, text, strlen(text), &ctx, &hits) < 0) {
            rc = -1;
            break;
        }
        int useful = 0, harmful = 0;
        for (int h = 0; h < hits.n; h++) {
            const Principle *p = rubric_principle(rubric, hits.v[h].principle);
            harmful |= p->kind == KIND_VIOLATION;
            for (int i = 0; i < sc->spec.n && p->kind == KIND_TECHNIQUE; i++)
                useful |= strcmp(sc->spec.items[i].id, p->id) == 0;
        }
        if (useful && !harmful)
            rc = add(b, text);
    }
    hits_deinit(&hits);
    return rc;
}

int explore_bank_build(ExploreBank *out, const Scenario *sc, Rubric *rubric, KefuError *err)
{
    memset(out, 0, sizeof *out);
    SelfTestSet set;
    KefuError terr;
    int rc = 0;
    if (selftest_load(sc, rubric, &set, &terr) == 0) {
        out->tests = calloc((size_t)(set.n ? set.n : 1), sizeof *out->tests);
        rc = out->tests ? 0 : -1;
        for (int t = 0; t < set.n && rc == 0; t++) {
            out->ntests++;
            for (int i = 0; i < set.v[t].replies.n && rc == 0; i++) {
                const Scripted *r = &set.v[t].replies.v[i];
                rc = add(out, r->text);
                if (rc == 0)
                    rc = script_add(&out->tests[t], r->after, r->typing, r->text);
            }
        }
        selftest_set_deinit(&set);
    }
    if (rc == 0)
        rc = add_product(out, &sc->product);
    if (rc == 0)
        rc = add_techniques(out, sc, rubric);
    if (rc < 0)
        kerr_set(err, "%s: out of memory while building the exploration replies", sc->path);
    return rc;
}

void explore_bank_deinit(ExploreBank *b)
{
    if (!b)
        return;
    for (int i = 0; i < b->n; i++)
        free(b->v[i]);
    free(b->v);
    for (int i = 0; i < b->ntests; i++)
        script_deinit(&b->tests[i]);
    free(b->tests);
    memset(b, 0, sizeof *b);
}
