/* workbench: a rush in the app (docs/rush.md): the rush files the start screen lists; a rush
 * started on the app's clock with a Chat per customer and a journal per conversation; ended
 * and saved as one kefu.rush/1 file through the engine (rush_record.c, as kefu run does); the
 * figures its scorecard shows. screen_rush.c shows it. */
#include "base/platform.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app_state.h"
#include "app_sync.h"
#include "assets.h"
#include "convo.h"
#include "results/archive.h"
#include "results/journal.h"
#include "results/rush_record.h"

/* ------------------------------------------------------------------------------------------ */
/* The rush files.                                                                            */

static int by_name(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

void app_load_rushes(App *app)
{
    char dir[1024];
    snprintf(dir, sizeof dir, "%s/%s", app->scenarios_dir, RUSH_FOLDER);
    PlatDir *d = plat_opendir(dir);
    if (!d)
        return; /* no rush folder: no rushes, nothing wrong */
    char *names[64];
    int n = 0;
    const char *name;
    while ((name = plat_readdir(d)) && n < 64) {
        size_t len = strlen(name);
        if (len < 5 || strcmp(name + len - 4, ".lua") != 0 || name[0] == '.')
            continue;
        if ((names[n] = strdup(name)))
            n++;
    }
    plat_closedir(d);
    qsort(names, (size_t)n, sizeof *names, by_name);
    app->rushes = calloc((size_t)n + 1, sizeof *app->rushes);
    for (int i = 0; i < n; i++) {
        char path[2048];
        KefuError err = {{0}};
        snprintf(path, sizeof path, "%s/%s", dir, names[i]);
        RushSpec *spec = app->rushes ? rush_load(path, app->scenarios_dir, &err) : NULL;
        if (spec) {
            app->rushes[app->nrushes++] = spec;
        } else if (app->rushes) {
            size_t used = strlen(app->scenario_errors);
            snprintf(app->scenario_errors + used, sizeof app->scenario_errors - used, "%s%s",
                     used ? "\n" : "", err.msg);
        }
        free(names[i]);
    }
}

void app_free_rushes(App *app)
{
    for (int i = 0; i < app->nrushes; i++)
        rush_spec_destroy(app->rushes[i]);
    free(app->rushes);
    app->rushes = NULL;
    app->nrushes = 0;
}

/* ------------------------------------------------------------------------------------------ */
/* Starting.                                                                                  */

double workbench_now(App *app)
{
    return (double)(int64_t)(app_ms(app) - app->rb.t0_ms) / 1000.0;
}

static ArchiveInfo info_for(App *app, unsigned long seed, time_t started_at)
{
    const char *trainee = app->name.buf && !textedit_blank(&app->name) ? app->name.buf : NULL;
    ArchiveInfo info = {trainee, "practice", seed, started_at, NULL, 0};
    return info;
}

static void conv_free(Chat *c)
{
    chat_view_free(c);
    textblock_deinit(&c->edit_tb);
    doc_clear(&c->card);
    textedit_deinit(&c->edit);
    memset(c, 0, sizeof *c);
}

void workbench_free(App *app)
{
    RushBench *rb = &app->rb;
    for (int i = 0; i < rb->n; i++) {
        /* A journal still open belongs to a rush that was never saved: it stays on disk. */
        journal_close(rb->conv[i].journal);
        conv_free(&rb->conv[i]);
    }
    rush_destroy(rb->rush);
    rush_spec_destroy(rb->spec);
    rush_stats_deinit(&rb->stats);
    chime_destroy(rb->chime);
    if (rb->scratch)
        SDL_DestroyTexture(rb->scratch);
    memset(rb, 0, sizeof *rb);
}

int workbench_start(App *app, RushSpec *spec)
{
    RushBench *rb = &app->rb;
    workbench_free(app);
    rb->spec = spec;
    KefuError err = {{0}};
    rb->seed = app->seed ? app->seed : (unsigned long)(time(NULL) ^ (time_t)SDL_GetTicks64());
    rb->rush = rush_create(spec, app->rubric, rb->seed, &err);
    if (!rb->rush) {
        app_notice(app, 1, "高峰场景出错，无法开始：%s", err.msg);
        workbench_free(app);
        return -1;
    }
    rb->n = rush_count(rb->rush);
    rb->started_at = time(NULL);
    rb->t0_ms = app_ms(app);
    char journal_problem[sizeof err.msg] = "";
    for (int i = 0; i < rb->n; i++) {
        Chat *c = &rb->conv[i];
        double at = spec->customers[i].at;
        c->session = rush_session_live(rb->rush, i);
        c->scenario = session_scenario(c->session);
        c->seed = rush_seed(rb->rush, i);
        c->rush = rb->rush;
        c->rush_index = i;
        c->rush_at = at;
        c->started_at = rb->started_at + (time_t)at;
        c->t0_ms = rb->t0_ms + (uint64_t)(at * 1000.0);
        textedit_init(&c->edit, INPUT_LIMIT, 1);
        textblock_init(&c->edit_tb, FONT_BODY, C_TEXT);
        c->edit_dirty = 1;
        c->typing_start = -1;
        c->stick = 1;
        c->focus = CF_INPUT;
        c->laid_w = -1;
        c->shown_n = -1;
        c->shown_wait = -1;
        chat_card_build(app, c);
        rb->shown_wait[i] = -2;
        rb->shown_outcome[i] = -1;
        rb->shown_typing[i] = -1;
        /* Each conversation has its own journal from its first line, as a single session
         * does: a crash loses none of them (the next start saves each as a result). */
        ArchiveInfo info = info_for(app, c->seed, c->started_at);
        KefuError jerr = {{0}};
        c->journal = journal_open(app->results_dir, c->session, app->rubric, &info, &jerr);
        if (!c->journal && !journal_problem[0])
            snprintf(journal_problem, sizeof journal_problem, "%s", jerr.msg);
    }
    if (rush_advance(rb->rush, 0, &err) < 0) {
        app_notice(app, 1, "高峰场景出错，无法开始：%s", err.msg);
        for (int i = 0; i < rb->n; i++) {
            journal_discard(rb->conv[i].journal);
            rb->conv[i].journal = NULL;
        }
        workbench_free(app);
        return -1;
    }
    rb->chime = chime_create();
    rb->sel = 0;
    app->notice[0] = 0;
    if (journal_problem[0]) {
        fprintf(stderr, "kefu play: %s (the rush goes on without a journal)\n", journal_problem);
        app_notice(app, 1, "练习记录无法写入，程序意外退出时本场会丢失：%s", journal_problem);
    }
    return 0;
}

/* ------------------------------------------------------------------------------------------ */
/* Finishing.                                                                                 */

int workbench_finish(App *app)
{
    RushBench *rb = &app->rb;
    if (!rb->rush || rb->done)
        return 0;
    KefuError err = {{0}};
    if (rush_end(rb->rush, workbench_now(app), OUTCOME_ABANDONED, &err) < 0)
        fprintf(stderr, "kefu play: %s\n", err.msg);
    /* From here the conversations are the result's business: the journals hear no more. */
    for (int i = 0; i < rb->n; i++)
        session_set_sink(rb->conv[i].session, NULL);
    ArchiveInfo info = info_for(app, rb->seed, rb->started_at);
    char id[256] = "";
    int rc = -1;
    char *json = rush_record_to_json(rb->rush, app->rubric, &info, id, sizeof id, &err);
    if (json)
        rc = record_write(app->results_dir, id, json, rb->path, sizeof rb->path, &err);
    free(json);
    for (int i = 0; i < rb->n; i++) {
        Chat *c = &rb->conv[i];
        if (rc == 0) {
            KefuError jerr = {{0}};
            if (journal_done(c->journal, &jerr) < 0)
                fprintf(stderr, "kefu play: %s\n", jerr.msg);
        } else {
            /* Not saved: each conversation's journal stays for the next start. */
            journal_close(c->journal);
        }
        c->journal = NULL;
    }
    if (rc == 0) {
        snprintf(app->last_result, sizeof app->last_result, "%s", rb->path);
        app_sync(app->results_dir, rb->path);
    } else {
        rb->path[0] = 0;
        app_notice(app, 1, "成绩没能保存：%s", err.msg);
    }
    /* The scorecard's figures: the rush's own, and each conversation scored as a result. */
    if (rush_stats(rb->rush, &rb->stats) < 0)
        memset(&rb->stats, 0, sizeof rb->stats);
    for (int i = 0; i < rb->n; i++) {
        Result res;
        Scorecard sc;
        KefuError serr = {{0}};
        rb->total[i] = -1;
        if (archive_build(rb->conv[i].session, app->rubric, &info, &res, &sc, &serr) == 0) {
            rb->total[i] = sc.total;
            rb->pass[i] = sc.pass;
            result_deinit(&res);
            scorecard_deinit(&sc);
        }
    }
    rb->done = 1;
    rb->score_sel = 0;
    rb->confirm = 0;
    app->dirty = 1;
    return rc;
}

int workbench_open_score(App *app, int i)
{
    RushBench *rb = &app->rb;
    if (!rb->rush || i < 0 || i >= rb->n)
        return -1;
    Chat *c = &rb->conv[i];
    app_score_clear(app);
    ArchiveInfo info = info_for(app, c->seed, c->started_at);
    KefuError err = {{0}};
    if (archive_build(c->session, app->rubric, &info, &app->score.result, &app->score.sc, &err) <
        0) {
        app_notice(app, 1, "成绩单无法生成：%s", err.msg);
        return -1;
    }
    app->score.have = 1;
    snprintf(app->score.path, sizeof app->score.path, "%s", rb->path);
    return 0;
}
