/* archive: a session's results file, built the same way for `kefu run` and the app. */
#include "results/archive.h"

#include <stdlib.h>
#include <string.h>

static char *dup_or(const char *s, const char *dflt)
{
    return strdup(s && *s ? s : dflt);
}

int archive_build(const Session *s, Rubric *rubric, const ArchiveInfo *info, Result *res,
                  Scorecard *sc, KefuError *err)
{
    return archive_build_as(s, rubric, info, NULL, res, sc, err);
}

int archive_build_as(const Session *s, Rubric *rubric, const ArchiveInfo *info, const char *id,
                     Result *res, Scorecard *sc, KefuError *err)
{
    const Scenario *scn = session_scenario(s);
    char fresh[128];
    memset(res, 0, sizeof *res);
    memset(sc, 0, sizeof *sc);
    if (!id) {
        record_make_id(fresh, sizeof fresh, info->started_at, scn->id,
                       info->seed ^ (unsigned long)scn->text_len ^ (unsigned long)clock());
        id = fresh;
    }
    res->id = strdup(id);
    res->trainee = dup_or(info->trainee, "匿名");
    res->mode = dup_or(info->mode, "practice");
    res->seed = info->seed;
    res->scenario_id = strdup(scn->id);
    res->scenario_title = strdup(scn->title);
    res->scenario_persona = strdup(scn->persona_name);
    res->scenario_file = strdup(scn->path);
    res->scenario_sha256 = strdup(scn->sha256);
    res->scenario_difficulty = scn->difficulty;
    res->started_at = info->started_at;
    res->rubric_version = strdup(rubric_version(rubric));
    res->engine_version = strdup(KEFU_VERSION);
    res->exam_attempt = info->exam_attempt;
    if (info->exam_id && !(res->exam_id = strdup(info->exam_id))) {
        kerr_set(err, "out of memory");
        goto fail;
    }
    if (!res->id || !res->trainee || !res->mode || !res->scenario_id || !res->scenario_title ||
        !res->scenario_persona || !res->scenario_file || !res->scenario_sha256 ||
        !res->rubric_version || !res->engine_version ||
        record_copy_transcript(&res->transcript, session_transcript(s)) < 0 ||
        scorespec_copy(&res->spec, &scn->spec) < 0) {
        kerr_set(err, "out of memory");
        goto fail;
    }
    if (record_rescore(res, rubric, sc) < 0) {
        kerr_set(err, "out of memory while scoring");
        goto fail;
    }
    return 0;
fail:
    result_deinit(res);
    scorecard_deinit(sc);
    return -1;
}
