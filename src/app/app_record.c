/* app_record: a finished or abandoned session of the app into its results file, through the
 * same archive_build + record_to_json + record_write path as kefu run; and the result the
 * scorecard shows. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app_state.h"
#include "results/archive.h"

int app_record_session(App *app, Result *out, Scorecard *sc, char *path, size_t path_size,
                       KefuError *err)
{
    const char *trainee = app->name.buf && !textedit_blank(&app->name) ? app->name.buf : NULL;
    ArchiveInfo info = {trainee, app->exam ? "exam" : "practice", app->chat.seed,
                        app->chat.started_at};
    if (archive_build(app->chat.session, app->rubric, &info, out, sc, err) < 0)
        return -1;
    char *json = record_to_json(out, app->rubric, sc);
    if (!json) {
        kerr_set(err, "%s: out of memory building the result", app->results_dir);
        return -1;
    }
    int rc = record_write(app->results_dir, out->id, json, path, path_size, err);
    free(json);
    return rc;
}

void app_score_clear(App *app)
{
    Score *s = &app->score;
    result_deinit(&s->result);
    scorecard_deinit(&s->sc);
    memset(&s->result, 0, sizeof s->result);
    memset(&s->sc, 0, sizeof s->sc);
    s->have = 0;
    doc_clear(&s->doc);
}
