/* report_check: a results file rescored from its transcript and its digest chain verified. */
#include "results/report_check.h"

#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "base/kerr.h"
#include "judge/scorecard.h"
#include "results/digest.h"
#include "results/record.h"
#include "results/schema.h"

int report_check(const char *path, const char *buf, size_t len, Rubric *rubric, ReportCheck *out)
{
    char *own = NULL;
    KefuError err;
    Result res;
    memset(out, 0, sizeof *out);
    out->rescored = -1;
    if (!buf) {
        own = kerr_read_file(path, &len, &err);
        if (!own)
            return 0; /* the report read it a moment ago; a vanished file is not an edit */
        buf = own;
    }
    /* record_parse reads up to a NUL at buf[len]: a buffer without one is copied. */
    if (!own && (len == 0 || buf[len] != '\0')) {
        own = malloc(len + 1);
        if (!own)
            return -1;
        memcpy(own, buf, len);
        own[len] = '\0';
        buf = own;
    }
    /* Read with the rubric first (the usual case: the file was scored by it); a file that names
     * a principle this rubric lacks was scored by another one, and is read without it. */
    int with_rubric = rubric && record_parse(path, buf, len, rubric, &res, &err) == 0;
    if (!with_rubric && record_parse(path, buf, len, NULL, &res, &err) < 0) {
        /* The summary reader took it, the full one does not (messages out of time order, say):
         * an exam result that cannot be read whole cannot be verified either. */
        cJSON *root = cJSON_ParseWithLength(buf, len);
        if (cJSON_IsObject(cJSON_GetObjectItemCaseSensitive(root, RK_EXAM))) {
            out->exam = 1;
            out->flags |= REPORT_CHECK_CHAIN;
        }
        cJSON_Delete(root);
        free(own);
        return 0;
    }
    out->recorded = res.recorded_total;
    if (res.exam_id) {
        char hex[DIGEST_HEX_SIZE];
        DigestHead h = {res.exam_id,         res.exam_attempt, res.trainee,   res.scenario_id,
                        res.scenario_sha256, res.seed,         res.started_at};
        out->exam = 1;
        digest_chain(&h, &res.transcript, hex);
        if (!res.exam_chain || strcmp(hex, res.exam_chain) != 0)
            out->flags |= REPORT_CHECK_CHAIN;
    }
    int rc = 0;
    if (with_rubric && res.rubric_version &&
        strcmp(res.rubric_version, rubric_version(rubric)) == 0) {
        Scorecard sc = {0};
        if (record_rescore(&res, rubric, &sc) < 0) {
            rc = -1;
        } else {
            out->rescored = sc.total;
            if (res.recorded_total != sc.total)
                out->flags |= REPORT_CHECK_TOTAL;
        }
        scorecard_deinit(&sc);
    }
    result_deinit(&res);
    free(own);
    return rc;
}

const char *report_check_label(int flags)
{
    switch (flags & (REPORT_CHECK_TOTAL | REPORT_CHECK_CHAIN)) {
    case REPORT_CHECK_TOTAL:
        return "edited, or scored by another rubric";
    case REPORT_CHECK_CHAIN:
        return "edited transcript";
    case REPORT_CHECK_TOTAL | REPORT_CHECK_CHAIN:
        return "edited transcript; edited, or scored by another rubric";
    default:
        return "";
    }
}
