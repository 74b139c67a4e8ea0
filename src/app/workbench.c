/* workbench: a rush in the app (docs/rush.md): the rush files the start screen lists; a rush
 * started on the app's clock with a Chat per customer and a journal per conversation; ended
 * and saved as one kefu.rush/1 file through the engine (rush_record.c, as kefu run does); the
 * figures its scorecard shows; a saved rush file read back for the history. screen_rush.c
 * shows it. */
#include "base/platform.h"
#include <cjson/cJSON.h>
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
#include "results/schema.h"

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
    for (int i = 0; i < RUSH_MAX_CUSTOMERS; i++)
        cJSON_free(rb->conv_json[i]);
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

/* path's last part. */
static const char *file_name(const char *path)
{
    const char *sep = plat_last_sep(path);
    return sep ? sep + 1 : path;
}

int workbench_open_score(App *app, int i)
{
    RushBench *rb = &app->rb;
    if ((!rb->rush && !rb->loaded) || i < 0 || i >= rb->n)
        return -1;
    KefuError err = {{0}};
    if (rb->loaded) {
        app_score_clear(app);
        const char *json = i < rb->n ? rb->conv_json[i] : NULL;
        if (!json ||
            record_parse(file_name(rb->path), json, strlen(json), app->rubric, &app->score.result,
                         &err) < 0 ||
            record_rescore(&app->score.result, app->rubric, &app->score.sc) < 0) {
            app_score_clear(app);
            app_notice(app, 1, "成绩单无法生成：%s", json ? err.msg : "没有这位顾客");
            return -1;
        }
        app->score.have = 1;
        snprintf(app->score.path, sizeof app->score.path, "%s", rb->path);
        return 0;
    }
    Chat *c = &rb->conv[i];
    app_score_clear(app);
    ArchiveInfo info = info_for(app, c->seed, c->started_at);
    if (archive_build(c->session, app->rubric, &info, &app->score.result, &app->score.sc, &err) <
        0) {
        app_notice(app, 1, "成绩单无法生成：%s", err.msg);
        return -1;
    }
    app->score.have = 1;
    snprintf(app->score.path, sizeof app->score.path, "%s", rb->path);
    return 0;
}

/* ------------------------------------------------------------------------------------------ */
/* A saved rush read back (the history).                                                      */

static const cJSON *member(const cJSON *o, const char *key)
{
    return cJSON_GetObjectItemCaseSensitive(o, key);
}

static const char *str_of(const cJSON *o, const char *key)
{
    const cJSON *v = member(o, key);
    return cJSON_IsString(v) ? v->valuestring : NULL;
}

/* The number o.key; dflt when missing or null. */
static double num_of(const cJSON *o, const char *key, double dflt)
{
    const cJSON *v = member(o, key);
    return cJSON_IsNumber(v) ? v->valuedouble : dflt;
}

/* The rush file's text parsed and checked as far as the history and its scorecard need: the
 * schema, a summary, as many customers as conversations (1 to RUSH_MAX_CUSTOMERS), each
 * conversation a result the results reader takes (rd). Returns the document (the caller
 * cJSON_Deletes it), or NULL with why "name: problem". */
static cJSON *rush_parse(SchemaReader *rd, const char *name, const char *buf, size_t len,
                         KefuError *why)
{
    cJSON *root = cJSON_ParseWithLength(buf, len);
    if (!root) {
        kerr_set(why, "%s: not valid JSON", name);
        return NULL;
    }
    const char *schema = str_of(root, RK_SCHEMA);
    const cJSON *convs = member(root, RK_CONVERSATIONS), *custs = member(root, RK_CUSTOMERS);
    int n = cJSON_IsArray(convs) ? cJSON_GetArraySize(convs) : 0;
    if (!schema || strcmp(schema, RUSH_SCHEMA_ID) != 0)
        kerr_set(why, "%s: \"%s\" is not \"%s\"", name, RK_SCHEMA, RUSH_SCHEMA_ID);
    else if (!cJSON_IsObject(member(root, RK_SUMMARY)))
        kerr_set(why, "%s: \"%s\" is missing", name, RK_SUMMARY);
    else if (n < 1 || n > RUSH_MAX_CUSTOMERS)
        kerr_set(why, "%s: \"%s\" must hold 1 to %d results", name, RK_CONVERSATIONS,
                 RUSH_MAX_CUSTOMERS);
    else if (!cJSON_IsArray(custs) || cJSON_GetArraySize(custs) != n)
        kerr_set(why, "%s: \"%s\" and \"%s\" differ in length", name, RK_CUSTOMERS,
                 RK_CONVERSATIONS);
    else {
        const cJSON *c;
        int i = 0;
        cJSON_ArrayForEach(c, convs)
        {
            char *one = cJSON_PrintUnformatted(c);
            char where[300];
            snprintf(where, sizeof where, "%s: %s[%d]", name, RK_CONVERSATIONS, i++);
            const ResultSummary *s;
            int rc = one ? schema_read_buffer(rd, where, one, strlen(one), 0, &s, why) : -1;
            if (!one)
                kerr_set(why, "%s: out of memory", name);
            cJSON_free(one);
            if (rc != 0) {
                cJSON_Delete(root);
                return NULL;
            }
        }
        return root;
    }
    cJSON_Delete(root);
    return NULL;
}

static char *dup_str(const char *s)
{
    return strdup(s ? s : "");
}

int workbench_rush_row(const char *name, const char *buf, size_t len, HistoryRow *row,
                       KefuError *why)
{
    SchemaReader *rd = schema_reader_create();
    cJSON *root = rd ? rush_parse(rd, name, buf, len, why) : NULL;
    schema_reader_destroy(rd);
    if (!root) {
        if (!rd)
            kerr_set(why, "%s: out of memory", name);
        return -1;
    }
    const cJSON *rush = member(root, RK_RUSH), *sum = member(root, RK_SUMMARY);
    const char *title = str_of(rush, RK_TITLE);
    row->id = dup_str(str_of(root, RK_ID));
    row->trainee = dup_str(str_of(root, RK_TRAINEE));
    row->title = dup_str(title ? title : str_of(rush, RK_ID));
    row->mode = dup_str(str_of(root, RK_MODE));
    row->outcome = dup_str("");
    row->started = dup_str(str_of(root, RK_STARTED_AT));
    row->rush = 1;
    row->customers = cJSON_GetArraySize(member(root, RK_CONVERSATIONS));
    row->served = (int)num_of(sum, RK_SERVED, 0);
    row->lost = (int)num_of(sum, RK_LOST, 0);
    cJSON_Delete(root);
    return 0;
}

/* The scenario of App.scenarios whose id is id, NULL when none. */
static const Scenario *scenario_by_id(App *app, const char *id)
{
    for (int i = 0; id && i < app->nscenarios; i++)
        if (app->scenarios[i]->id && strcmp(app->scenarios[i]->id, id) == 0)
            return app->scenarios[i];
    return NULL;
}

/* Fills customer i of the loaded rush from its customers[] entry c and conversation text json
 * (taken): its name and avatar, outcome, figures and its score with the current rubric. */
static int load_customer(App *app, int i, const cJSON *c, char *json, KefuError *err)
{
    RushBench *rb = &app->rb;
    RushCustomerStats *st = &rb->stats.c[i];
    rb->conv_json[i] = json;
    Result res = {0};
    Scorecard sc;
    const char *name = file_name(rb->path);
    if (record_parse(name, json, strlen(json), app->rubric, &res, err) < 0)
        return -1;
    if (record_rescore(&res, app->rubric, &sc) < 0) {
        kerr_set(err, "%s: out of memory", name);
        result_deinit(&res);
        return -1;
    }
    rb->total[i] = sc.total;
    rb->pass[i] = sc.pass;
    scorecard_deinit(&sc);
    const Scenario *s = scenario_by_id(app, res.scenario_id);
    snprintf(rb->persona[i], sizeof rb->persona[i], "%s",
             s && s->persona_name ? s->persona_name
             : res.scenario_title ? res.scenario_title
                                  : "顾客");
    rb->avatar[i] = s ? s->persona_avatar : NULL;
    result_deinit(&res);
    Outcome o = OUTCOME_INCOMPLETE;
    const char *oname = str_of(c, RK_OUTCOME);
    if (oname)
        schema_outcome_parse(oname, &o);
    rb->outcome[i] = (int)o;
    st->arrival_s = num_of(c, RK_ARRIVAL_S, 0);
    st->first_response_s = num_of(c, RK_FIRST_RESPONSE_S, -1);
    st->longest_wait_s = num_of(c, RK_LONGEST_WAIT_S, 0);
    st->ended_s = num_of(c, RK_ENDED_S, 0);
    st->agent_messages = (int)num_of(c, RK_AGENT_MESSAGES, 0);
    st->served = cJSON_IsTrue(member(c, RK_SERVED));
    st->lost = cJSON_IsTrue(member(c, RK_LOST));
    st->starved = cJSON_IsTrue(member(c, RK_STARVED));
    return 0;
}

int workbench_load(App *app, const char *path)
{
    RushBench *rb = &app->rb;
    KefuError err = {{0}};
    size_t len = 0;
    const char *name = file_name(path);
    workbench_free(app);
    char *buf = kerr_read_file(path, &len, &err);
    SchemaReader *rd = buf ? schema_reader_create() : NULL;
    cJSON *root = rd ? rush_parse(rd, name, buf, len, &err) : NULL;
    schema_reader_destroy(rd);
    if (buf && !rd)
        kerr_set(&err, "%s: out of memory", name);
    free(buf);
    int n = root ? cJSON_GetArraySize(member(root, RK_CONVERSATIONS)) : 0;
    rb->loaded = 1;
    rb->n = n;
    snprintf(rb->path, sizeof rb->path, "%s", path);
    rb->stats.c = n ? calloc((size_t)n, sizeof *rb->stats.c) : NULL;
    int rc = root && rb->stats.c ? 0 : -1;
    if (root && !rb->stats.c)
        kerr_set(&err, "%s: out of memory", name);
    const cJSON *c = root ? member(root, RK_CUSTOMERS)->child : NULL;
    const cJSON *conv = root ? member(root, RK_CONVERSATIONS)->child : NULL;
    for (int i = 0; rc == 0 && i < n; i++, c = c->next, conv = conv->next) {
        char *json = cJSON_PrintUnformatted(conv);
        if (!json) {
            kerr_set(&err, "%s: out of memory", name);
            rc = -1;
        } else {
            rc = load_customer(app, i, c, json, &err);
        }
    }
    if (rc < 0) {
        cJSON_Delete(root);
        workbench_free(app);
        app_notice(app, 1, "打不开这场高峰：%s", err.msg);
        return -1;
    }
    const cJSON *rush = member(root, RK_RUSH), *sum = member(root, RK_SUMMARY);
    const char *title = str_of(rush, RK_TITLE);
    if (!title)
        title = str_of(rush, RK_ID);
    snprintf(rb->title, sizeof rb->title, "%s", title ? title : "高峰");
    RushStats *st = &rb->stats;
    st->n = n;
    st->served = (int)num_of(sum, RK_SERVED, 0);
    st->lost = (int)num_of(sum, RK_LOST, 0);
    st->starved = (int)num_of(sum, RK_STARVED, 0);
    st->answered = (int)num_of(sum, RK_ANSWERED, 0);
    st->avg_first_response_s = num_of(sum, RK_AVG_FIRST_RESPONSE_S, -1);
    st->avg_longest_wait_s = num_of(sum, RK_AVG_LONGEST_WAIT_S, 0);
    st->max_wait_s = num_of(sum, RK_MAX_WAIT_S, 0);
    st->max_concurrent = (int)num_of(sum, RK_MAX_CONCURRENT, 0);
    st->duration_s = num_of(root, RK_DURATION_S, 0);
    cJSON_Delete(root);
    rb->done = 1;
    rb->score_sel = 0;
    app->notice[0] = 0;
    app->dirty = 1;
    return 0;
}
