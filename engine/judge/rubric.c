/* rubric: the principle catalog as callers see it: loaded (rubric_spec.c) and compiled
 * (detect_compile.c) once, then one reply at a time normalised and judged by the analysis
 * stages (today one: the pattern detectors, detect.c). */
#include "judge/rubric.h"

#include <stdlib.h>
#include <string.h>

#include "base/text.h"
#include "judge/analysis.h"
#include "judge/detect.h"
#include "judge/meaning.h"
#include "judge/rubric_spec.h"
#include "judge/standards.h"

struct Rubric {
    RubricSpec spec; /* the catalog as read: principles, categories, thresholds, version */
    Detectors *det;  /* its detectors, compiled */
    Meaning *meaning; /* the meaning model, when the catalog names one */
    /* cancels[p]: the catalog indices a hit of principle p takes away from the same reply
     * (its `cancels`; "techniques" stands for every technique), ncancels[p] of them */
    int **cancels;
    int *ncancels;
    unsigned char *gone; /* scratch: per principle, cancelled in the reply being analysed */
    const TextNormalizer *tn;
    TextNorm norm; /* the reply being analysed, normalised (scratch: not thread-safe) */
};

/* The handbook's service standards (002, 003), the same as scenarios/rubric.lua's. */
static const Thresholds DEFAULT_THRESHOLDS = {
    .first_response_s = STANDARD_FIRST_RESPONSE_S,
    .first_response_excellent_s = STANDARD_FIRST_RESPONSE_EXCELLENT_S,
    .reply_wait_s = STANDARD_REPLY_WAIT_S,
    .typing_cpm = STANDARD_TYPING_CPM,
    .long_reply_chars = STANDARD_LONG_REPLY_CHARS,
};

const Thresholds *rubric_default_thresholds(void)
{
    return &DEFAULT_THRESHOLDS;
}

/* ---------------------------------------------------------------- lifecycle */

void rubric_destroy(Rubric *r)
{
    if (!r)
        return;
    for (int i = 0; r->cancels && i < r->spec.n; i++)
        free(r->cancels[i]);
    free(r->cancels);
    free(r->ncancels);
    free(r->gone);
    meaning_destroy(r->meaning);
    detect_destroy(r->det);
    rubric_spec_deinit(&r->spec);
    text_norm_deinit(&r->norm);
    free(r);
}

/* Turns every principle's `cancels` ids into catalog indices; an unknown id is an error. */
static int resolve_cancels(Rubric *r, KefuError *err)
{
    int n = r->spec.n;
    r->cancels = calloc((size_t)n, sizeof *r->cancels);
    r->ncancels = calloc((size_t)n, sizeof *r->ncancels);
    r->gone = calloc((size_t)n, 1);
    if (!r->cancels || !r->ncancels || !r->gone) {
        kerr_set(err, "out of memory");
        return -1;
    }
    for (int p = 0; p < n; p++) {
        const DetectorSpec *d = &r->spec.p[p].detect;
        if (!d->ncancels)
            continue;
        r->cancels[p] = calloc((size_t)n, sizeof **r->cancels);
        if (!r->cancels[p]) {
            kerr_set(err, "out of memory");
            return -1;
        }
        for (int k = 0; k < d->ncancels; k++) {
            const char *id = d->cancels[k];
            int all = strcmp(id, "techniques") == 0;
            int found = 0;
            for (int q = 0; q < n; q++) {
                const Principle *pq = &r->spec.p[q].info;
                if (q == p || !(all ? pq->kind == KIND_TECHNIQUE : strcmp(pq->id, id) == 0))
                    continue;
                found = 1;
                int dup = 0;
                for (int j = 0; j < r->ncancels[p]; j++)
                    dup |= r->cancels[p][j] == q;
                if (!dup)
                    r->cancels[p][r->ncancels[p]++] = q;
            }
            if (!found) {
                kerr_set(err, "%s: principle %s: cancels '%s', which is not a principle (or "
                         "\"techniques\")", r->spec.path, r->spec.p[p].info.id, id);
                return -1;
            }
        }
    }
    return 0;
}

Rubric *rubric_load(const char *path, KefuError *err)
{
    Rubric *r = calloc(1, sizeof *r);
    if (!r) {
        kerr_set(err, "out of memory");
        return NULL;
    }
    r->tn = text_normalizer_shared();
    if (!r->tn) {
        KefuError e2;
        TextNormalizer *probe = text_normalizer_create(&e2);
        text_normalizer_destroy(probe);
        kerr_set(err, "%s: cannot normalise text: %s", path, e2.msg);
        goto fail;
    }
    if (rubric_spec_load(&r->spec, path, err) < 0) {
        /* The loader reads the whole catalog before any pattern is compiled, but the
         * trainer should hear of the first problem in the file: a bad pattern the loader read
         * before its own problem comes first. */
        KefuError perr;
        Detectors *partial = detect_compile(&r->spec, 1, &perr);
        if (!partial)
            *err = perr;
        detect_destroy(partial);
        goto fail;
    }
    r->det = detect_compile(&r->spec, 0, err);
    if (!r->det)
        goto fail;
    if (resolve_cancels(r, err) < 0)
        goto fail;
    if (r->spec.model) {
        KefuError merr;
        LinearModel *lm = linear_load(r->spec.model, &merr);
        if (!lm) {
            kerr_set(err, "%s:%d: model: %s", path, r->spec.model_line, merr.msg);
            goto fail;
        }
        r->meaning = meaning_create(&r->spec, lm, err);
        if (!r->meaning)
            goto fail;
    }
    return r;
fail:
    rubric_destroy(r);
    return NULL;
}

/* ---------------------------------------------------------------- catalog access */

int rubric_count(const Rubric *r)
{
    return r->spec.n;
}

const Principle *rubric_principle(const Rubric *r, int index)
{
    return index >= 0 && index < r->spec.n ? &r->spec.p[index].info : NULL;
}

int rubric_find(const Rubric *r, const char *id)
{
    for (int i = 0; id && i < r->spec.n; i++)
        if (strcmp(r->spec.p[i].info.id, id) == 0)
            return i;
    return -1;
}

int rubric_category_count(const Rubric *r)
{
    return r->spec.ncats;
}

const RubricCategory *rubric_category(const Rubric *r, int index)
{
    return index >= 0 && index < r->spec.ncats ? &r->spec.cats[index] : NULL;
}

const Thresholds *rubric_thresholds(const Rubric *r)
{
    return &r->spec.th;
}

const char *rubric_version(const Rubric *r)
{
    return r->spec.version;
}

const char *rubric_path(const Rubric *r)
{
    return r->spec.path;
}

const char *rubric_default_weight(const Rubric *r, int i, double *weight)
{
    if (i < 0 || i >= r->spec.ndefaults)
        return NULL;
    *weight = r->spec.default_weights[i];
    return r->spec.default_ids[i];
}

void rubric_set_prefilter(Rubric *r, int on)
{
    r->det->no_prefilter = !on;
    /* the customer patterns' remembered answers were found with the other setting: the next
     * message is read afresh, so a comparison of the two settings compares them too */
    r->det->cvalid = 0;
}

int rubric_keyword_count(const Rubric *r)
{
    return prefilter_literal_count(&r->det->pf);
}

const char *rubric_keyword(const Rubric *r, int index)
{
    return prefilter_literal(&r->det->pf, index);
}

/* ---------------------------------------------------------------- analysis */

const char *rubric_normalized(const Rubric *r)
{
    return r->norm.norm ? r->norm.norm : "";
}

int rubric_applicable(Rubric *r, int principle, const ReplyContext *ctx)
{
    if (!r)
        return 0;
    detect_clear_failure(r->det);
    int yes = detect_applies(r->det, principle, ctx);
    return detect_failed(r->det) ? -1 : yes;
}

int rubric_analyze(Rubric *r, const char *reply, size_t len, const ReplyContext *ctx,
                   HitList *out)
{
    out->n = 0;
    if (!reply)
        len = 0;
    if (text_normalize(r->tn, reply ? reply : "", len, &r->norm) < 0)
        return -1;
    /* Normalised text is valid UTF-8 by construction (bad bytes became U+FFFD); check once
     * anyway, since every match skips PCRE2's own check. */
    if (!text_valid_utf8(r->norm.norm, r->norm.len, NULL))
        return 0;
    Analysis a = {reply, len, &r->norm, ctx,
                  ctx && ctx->thresholds ? ctx->thresholds : &r->spec.th};
    /* The stages, in order, each in its own file, each adding hits for the principles it
     * judges (analysis.h). A later stage, such as one reading the meaning of the customer's
     * claim and the reply's stance, goes after the patterns and may use the hits they found. */
    detect_clear_failure(r->det);
    if (detect_run(r->det, &a, out) < 0)
        return -1;
    if (r->meaning && meaning_run(r->meaning, r->det, &a, out) < 0)
        return -1;
    if (detect_failed(r->det))
        return -1; /* a match the meaning stage asked for failed: no verdict */
    /* what a hit cancels in the same reply (sarcasm's praise, techniques in a reply the
     * customer cannot read), judged on the hits as found, so nothing cancels in a chain */
    int any = 0;
    for (int i = 0; i < out->n; i++)
        any |= r->ncancels[out->v[i].principle] > 0;
    if (any) {
        memset(r->gone, 0, (size_t)r->spec.n);
        for (int i = 0; i < out->n; i++) {
            int p = out->v[i].principle;
            for (int k = 0; k < r->ncancels[p]; k++)
                r->gone[r->cancels[p][k]] = 1;
        }
        int o = 0;
        for (int i = 0; i < out->n; i++)
            if (!r->gone[out->v[i].principle])
                out->v[o++] = out->v[i];
        out->n = o;
    }
    /* catalog order, as callers expect (a later stage appends after the patterns' hits) */
    for (int i = 1; i < out->n; i++)
        for (int k = i; k > 0 && out->v[k - 1].principle > out->v[k].principle; k--) {
            Hit t = out->v[k];
            out->v[k] = out->v[k - 1];
            out->v[k - 1] = t;
        }
    return 0;
}

const char *rubric_model_version(const Rubric *r)
{
    return r->meaning ? meaning_version(r->meaning) : NULL;
}
