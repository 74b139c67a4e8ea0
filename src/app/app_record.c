/* app_record: a finished or abandoned session of the app into its results file, through the
 * same archive_build + record_to_json + record_write path as kefu run; the session's journal
 * (opened with the session, removed once the result is written, recovered at the next start
 * when the app died first); and the result the scorecard shows. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app_state.h"
#include "app_sync.h"
#include "results/archive.h"
#include "results/exam.h"
#include "results/journal.h"

static ArchiveInfo session_info(App *app)
{
    const char *trainee = app->name.buf && !textedit_blank(&app->name) ? app->name.buf : NULL;
    ArchiveInfo info = {trainee,
                        app->exam ? "exam" : "practice",
                        app->chat.seed,
                        app->chat.started_at,
                        app->exam_def ? app->exam_def->id : NULL,
                        app->exam_attempt};
    return info;
}

int app_record_session(App *app, Result *out, Scorecard *sc, char *path, size_t path_size,
                       KefuError *err)
{
    Chat *c = &app->chat;
    ArchiveInfo info = session_info(app);
    Journal *j = c->journal;
    /* From here the session is the result's business: the journal hears nothing more. */
    session_set_sink(c->session, NULL);
    c->journal = NULL;
    int rc = -1;
    if (archive_build_as(c->session, app->rubric, &info, j ? journal_id(j) : NULL, out, sc, err) <
        0)
        goto done;
    char *json = record_to_json(out, app->rubric, sc);
    if (!json) {
        kerr_set(err, "%s: out of memory building the result", app->results_dir);
        goto done;
    }
    rc = record_write(app->results_dir, out->id, json, path, path_size, err);
    free(json);
done:
    if (rc == 0) {
        /* The result is on disk: only now may the journal go. */
        KefuError jerr = {{0}};
        if (journal_done(j, &jerr) < 0)
            fprintf(stderr, "kefu play: %s\n", jerr.msg);
        app_sync(app->results_dir, path);
    } else {
        /* Not saved: the journal stays, and the next start saves the session from it. */
        journal_close(j);
    }
    return rc;
}

int app_journal_open(App *app, KefuError *err)
{
    Chat *c = &app->chat;
    journal_close(c->journal);
    ArchiveInfo info = session_info(app);
    c->journal = journal_open(app->results_dir, c->session, app->rubric, &info, err);
    if (!c->journal)
        fprintf(stderr, "kefu play: %s (the session goes on without a journal)\n", err->msg);
    return c->journal ? 0 : -1;
}

void app_journal_restart(App *app)
{
    Chat *c = &app->chat;
    KefuError err = {{0}};
    if (c->journal && journal_restart(c->journal, c->session, &err) < 0)
        fprintf(stderr, "kefu play: %s\n", err.msg);
}

void app_journal_discard(App *app)
{
    journal_discard(app->chat.journal);
    app->chat.journal = NULL;
}

int app_save_now(App *app)
{
    Chat *c = &app->chat;
    if (app->rb.rush && !app->rb.done) /* a rush under way (workbench.c) */
        return workbench_finish(app);
    if (!c->session)
        return 0;
    if (session_outcome(c->session) == OUTCOME_NONE)
        session_end(c->session, app_now(app), OUTCOME_ABANDONED);
    Result res;
    Scorecard sc;
    char path[1024];
    KefuError err = {{0}};
    int rc = app_record_session(app, &res, &sc, path, sizeof path, &err);
    if (rc == 0)
        fprintf(stderr, "kefu play: saved %s\n", path);
    else
        fprintf(stderr, "kefu play: %s\n", err.msg);
    result_deinit(&res);
    scorecard_deinit(&sc);
    session_destroy(c->session);
    c->session = NULL;
    return rc;
}

/* ------------------------------------------------------------------------ recovery */

typedef struct Recovered {
    App *app;
    int saved;
    int failed;
    char first[400]; /* the first session saved, as the notice names it */
    char problem[400];
} Recovered;

static void on_recovered(void *ctx, const JournalRecovery *r)
{
    Recovered *rec = ctx;
    char line[3000];
    journal_describe(r, line, sizeof line);
    fprintf(stderr, "kefu play: %s\n", line);
    if (r->problem) {
        if (!rec->failed++)
            snprintf(rec->problem, sizeof rec->problem, "%s", r->problem);
        return;
    }
    if (r->already_saved)
        return;
    if (!rec->saved++)
        snprintf(rec->first, sizeof rec->first, "「%s」（%s，%d 条回复，%s）", r->scenario,
                 r->trainee, r->replies, outcome_label(r->outcome));
}

void app_recover(App *app)
{
    Recovered rec;
    memset(&rec, 0, sizeof rec);
    rec.app = app;
    KefuError err = {{0}};
    if (journal_recover(app->results_dir, app->rubric, on_recovered, &rec, &err) < 0) {
        fprintf(stderr, "kefu play: %s\n", err.msg);
        return;
    }
    char saved[600] = "";
    if (rec.saved == 1)
        snprintf(saved, sizeof saved,
                 "上次的练习没有正常结束，已从练习记录恢复并保存：%s。可在历史成绩中查看。",
                 rec.first);
    else if (rec.saved > 1)
        snprintf(saved, sizeof saved,
                 "有 %d 场练习没有正常结束，已从练习记录恢复并保存，其中：%s。可在历史成绩中查看。",
                 rec.saved, rec.first);
    if (rec.failed)
        app_notice(app, 1, "%s%s有 %d 份练习记录无法恢复：%s", saved, saved[0] ? "\n" : "",
                   rec.failed, rec.problem);
    else if (saved[0])
        app_notice(app, 0, "%s", saved);
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
