/* analysis: one reply being judged, as every stage of rubric_analyze sees it. A stage (the
 * pattern detectors, detect.c, today) is a file of its own with a function
 *     int <stage>_run(<its state> *, const Analysis *a, HitList *hits);
 * that appends its hits (at most one per principle it judges, in catalog order) after those
 * of the stages before it, which it may read; returns 0, or -1 out of memory. */
#ifndef KEFU_ANALYSIS_H
#define KEFU_ANALYSIS_H

#include <stddef.h>

#include "base/text.h"
#include "judge/rubric_types.h"

typedef struct Analysis {
    const char *reply; /* the original bytes (evidence spans point into them); NULL if len is 0 */
    size_t len;
    const TextNorm *norm;    /* the reply normalised (valid UTF-8), with its byte map */
    const ReplyContext *ctx; /* what else is known; may be NULL */
    const Thresholds *th;    /* the thresholds in force (the context's, else the catalog's) */
} Analysis;

#endif
