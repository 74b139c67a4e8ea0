/* meaning: the meaning model as an analysis stage. */
#include "judge/meaning.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

struct Meaning {
    LinearModel *model;
    int nlabels;
    int principle[LINEAR_MAX_LABELS]; /* catalog index of each label */
    double threshold[LINEAR_MAX_LABELS];
    int *unless[LINEAR_MAX_LABELS]; /* catalog indices of the label's model_unless */
    int nunless[LINEAR_MAX_LABELS];
};

void meaning_destroy(Meaning *m)
{
    if (!m)
        return;
    for (int k = 0; k < LINEAR_MAX_LABELS; k++)
        free(m->unless[k]);
    linear_destroy(m->model);
    free(m);
}

Meaning *meaning_create(const RubricSpec *spec, LinearModel *model, KefuError *err)
{
    Meaning *m = calloc(1, sizeof *m);
    if (!m) {
        linear_destroy(model);
        kerr_set(err, "out of memory");
        return NULL;
    }
    m->model = model;
    m->nlabels = linear_label_count(model);
    for (int k = 0; k < m->nlabels; k++) {
        const char *label = linear_label(model, k);
        int p = -1;
        for (int i = 0; i < spec->n && p < 0; i++)
            if (strcmp(spec->p[i].info.id, label) == 0)
                p = i;
        if (p < 0 || spec->p[p].info.kind == KIND_TIMING) {
            kerr_set(err, "%s: the model judges '%s', which is not a technique or violation of "
                     "%s", spec->model, label, spec->path);
            meaning_destroy(m);
            return NULL;
        }
        m->principle[k] = p;
        const DetectorSpec *ds = &spec->p[p].detect;
        m->unless[k] = calloc((size_t)(ds->nmodel_unless ? ds->nmodel_unless : 1), sizeof(int));
        if (!m->unless[k]) {
            kerr_set(err, "out of memory");
            meaning_destroy(m);
            return NULL;
        }
        for (int u = 0; u < ds->nmodel_unless; u++) {
            int q = -1;
            for (int i = 0; i < spec->n && q < 0; i++)
                if (strcmp(spec->p[i].info.id, ds->model_unless[u]) == 0)
                    q = i;
            if (q < 0) {
                kerr_set(err, "%s: principle %s: model_unless names '%s', which is not a "
                         "principle", spec->path, label, ds->model_unless[u]);
                meaning_destroy(m);
                return NULL;
            }
            m->unless[k][m->nunless[k]++] = q;
        }
        double own = spec->p[p].detect.model_threshold;
        m->threshold[k] = isnan(own) ? linear_threshold(model, k) : own;
    }
    return m;
}

const char *meaning_version(const Meaning *m)
{
    return linear_version(m->model);
}

static int reported(const HitList *hits, int principle)
{
    for (int i = 0; i < hits->n; i++)
        if (hits->v[i].principle == principle)
            return 1;
    return 0;
}

int meaning_run(Meaning *m, Detectors *d, const Analysis *a, HitList *hits)
{
    const TextNorm *cn = detect_customer(d, a->ctx);
    FeatureInput in = {a->norm->norm, a->norm->len, cn ? cn->norm : NULL, cn ? cn->len : 0};
    double score[LINEAR_MAX_LABELS];
    int scored = 0;
    for (int k = 0; k < m->nlabels; k++) {
        int p = m->principle[k];
        if (reported(hits, p) || !detect_model_when(d, p, a->ctx))
            continue;
        int softened = 0;
        for (int u = 0; u < m->nunless[k] && !softened; u++)
            softened = reported(hits, m->unless[k][u]);
        if (softened)
            continue;
        if (!scored) { /* one pass scores every label */
            linear_score(m->model, &in, score);
            scored = 1;
        }
        if (score[k] < m->threshold[k] || detect_never(d, p, in.reply, in.reply_len))
            continue;
        size_t ns, ne, os, oe;
        linear_evidence(m->model, &in, k, &ns, &ne);
        text_norm_span(a->norm, a->reply, a->len, ns, ne, &os, &oe);
        if (hits->n == hits->cap) {
            int cap = hits->cap ? hits->cap * 2 : 8;
            Hit *v = realloc(hits->v, (size_t)cap * sizeof *v);
            if (!v)
                return -1;
            hits->v = v;
            hits->cap = cap;
        }
        hits->v[hits->n++] = (Hit){p, (int)os, (int)oe};
    }
    return 0;
}
