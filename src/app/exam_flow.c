/* exam_flow: kefu play --exam in the app: the exam file loaded against the scenario list, the
 * attempts the picked trainee has used and left, and the admission before each sitting (the
 * engine's exam_admit, as kefu run --exam makes it), with its refusals in the trainee's words. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "app_state.h"
#include "results/exam.h"

int app_exam_load(App *app, const char *path, KefuError *err)
{
    Exam *e = exam_load(path, err);
    if (!e)
        return -1;
    ExamView *v = &app->ev;
    v->scenario = calloc((size_t)e->nscenarios, sizeof *v->scenario);
    v->used = calloc((size_t)e->nscenarios, sizeof *v->used);
    if (!v->scenario || !v->used) {
        kerr_set(err, "%s: out of memory", path);
        goto fail;
    }
    for (int i = 0; i < e->nscenarios; i++) {
        int found = -1;
        for (int k = 0; k < app->nscenarios && found < 0; k++)
            if (strcmp(app->scenarios[k]->id, e->scenarios[i].id) == 0)
                found = k;
        if (found < 0) {
            kerr_set(err, "%s: the exam lists scenario \"%s\", which is not in %s%s%s", path,
                     e->scenarios[i].id, app->scenarios_dir, app->scenario_errors[0] ? ": " : "",
                     app->scenario_errors);
            goto fail;
        }
        v->scenario[i] = found;
        v->used[i] = -1;
        /* As kefu run --exam: the exam's pass mark replaces the scenario's own. */
        app->scenarios[found]->spec.pass_mark = e->pass_mark;
    }
    app->exam_def = e;
    app->exam = 1;
    app->roster_sel = -1;
    return 0;
fail:
    free(v->scenario);
    free(v->used);
    v->scenario = v->used = NULL;
    exam_destroy(e);
    return -1;
}

void app_exam_free(App *app)
{
    exam_destroy(app->exam_def);
    app->exam_def = NULL;
    free(app->ev.scenario);
    free(app->ev.used);
    app->ev.scenario = app->ev.used = NULL;
}

/* The window's refusal in Chinese, or "" when now is inside it. */
static void window_message(const Exam *e, time_t now, char *buf, size_t size)
{
    KefuError err = {{0}};
    buf[0] = 0;
    if (exam_check_window(e, now, &err) == 0)
        return;
    if (e->has_from && now < e->from)
        snprintf(buf, size, "考试「%s」%s 才开始，现在还不能开始。", e->title, e->from_text);
    else
        snprintf(buf, size, "考试「%s」已于 %s 结束，不能再开始。", e->title, e->until_text);
}

void app_exam_refresh(App *app)
{
    const Exam *e = app->exam_def;
    ExamView *v = &app->ev;
    if (!e)
        return;
    window_message(e, time(NULL), v->closed, sizeof v->closed);
    v->count_error[0] = 0;
    const char *who = app->roster_sel >= 0 ? e->roster[app->roster_sel] : NULL;
    for (int i = 0; i < e->nscenarios; i++) {
        KefuError err = {{0}};
        v->used[i] =
            who ? exam_attempts_used(e, app->results_dir, who, e->scenarios[i].id, &err) : -1;
        if (who && v->used[i] < 0 && !v->count_error[0])
            snprintf(v->count_error, sizeof v->count_error, "无法统计已用的考试次数：%s", err.msg);
    }
    app->dirty = 1;
}

int app_exam_pick(App *app, const char *name)
{
    const Exam *e = app->exam_def;
    for (int i = 0; e && name && i < e->nroster; i++) {
        if (strcmp(e->roster[i], name) != 0)
            continue;
        app->roster_sel = i;
        textedit_clear(&app->name);
        textedit_insert(&app->name, name, strlen(name));
        app_exam_refresh(app);
        return i;
    }
    return -1;
}

int app_exam_left(const App *app, int i)
{
    const Exam *e = app->exam_def;
    if (!e || i < 0 || i >= e->nscenarios || app->ev.used[i] < 0)
        return 0;
    int left = e->attempts - app->ev.used[i];
    return left > 0 ? left : 0;
}

int app_exam_admit(App *app, const Scenario *sc, KefuError *err)
{
    const Exam *e = app->exam_def;
    if (!e)
        return 0;
    const char *who = app->name.buf && !textedit_blank(&app->name) ? app->name.buf : "";
    time_t now = time(NULL);
    char msg[512];
    KefuError why = {{0}};
    /* The common refusals first, in the trainee's language; exam_admit below stays the one
     * that decides (it counts the attempts again, as kefu run does). */
    if (!exam_on_roster(e, who)) {
        kerr_set(err, "“%s”不在考试「%s」的名单上，请从名单中选择自己的名字。", who, e->title);
        return -1;
    }
    window_message(e, now, msg, sizeof msg);
    if (msg[0]) {
        kerr_set(err, "%s", msg);
        return -1;
    }
    int used = exam_attempts_used(e, app->results_dir, who, sc->id, &why);
    if (used >= e->attempts) {
        kerr_set(err, "%s 已用完「%s」的 %d 次考试机会，不能再考。", who, sc->title, e->attempts);
        return -1;
    }
    int attempt = exam_admit(e, app->results_dir, who, sc->id, now, &why);
    if (attempt < 0) {
        kerr_set(err, "不能开始考试：%s", why.msg);
        return -1;
    }
    app->exam_attempt = attempt;
    return attempt;
}

unsigned long app_exam_seed(const App *app, const Scenario *sc, unsigned long fallback)
{
    const ExamScenario *es = app->exam_def ? exam_scenario(app->exam_def, sc->id) : NULL;
    return es ? es->seed : fallback;
}
