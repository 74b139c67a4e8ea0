/* GUI tests of kefu play --exam under SDL's offscreen driver: the roster picker by keyboard and
 * mouse, an exam sitting with no mood bar and no hints, a result with the exam's id, attempt
 * and seed in the same fields kefu run --exam writes, attempts used up (a session killed
 * mid-way counts), a closed window, a name off the roster, and the remembered name picked. */
#include <SDL.h>
#include <cjson/cJSON.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>

#include "app.h"
#include "app_state.h"
#include "check.h"
#include "font.h"
#include "gui_harness.h"
#include "results/exam.h"
#include "results/schema.h"

#define GOOD_EXAM "tests/data/exams/good.lua"     /* 张三, 李四; haggler 7, indecisive 3 */
#define CLOSED_EXAM "tests/data/exams/closed.lua" /* closed in 2020 */

/* The newest results file of trainee at scenario in the results folder, parsed, or NULL. */
static cJSON *result_of(const char *dir, const char *trainee, const char *scenario)
{
    DIR *d = opendir(dir);
    cJSON *found = NULL;
    struct dirent *e;
    while (d && (e = readdir(d)) && !found) {
        size_t n = strlen(e->d_name);
        if (e->d_name[0] == '.' || n < 6 || strcmp(e->d_name + n - 5, ".json") != 0)
            continue;
        char p[2200];
        snprintf(p, sizeof p, "%s/%s", dir, e->d_name);
        cJSON *j = gui_read_json(p);
        const cJSON *t = cJSON_GetObjectItem(j, RK_TRAINEE);
        const cJSON *s = cJSON_GetObjectItem(cJSON_GetObjectItem(j, RK_SCENARIO), RK_ID);
        if (cJSON_IsString(t) && strcmp(t->valuestring, trainee) == 0 && cJSON_IsString(s) &&
            strcmp(s->valuestring, scenario) == 0)
            found = j;
        else
            cJSON_Delete(j);
    }
    if (d)
        closedir(d);
    return found;
}

/* The names of j's members, in order, joined by commas (for comparing two files' shapes). */
static void keys_of(const cJSON *j, char *buf, size_t size)
{
    buf[0] = 0;
    for (const cJSON *c = j ? j->child : NULL; c; c = c->next) {
        strncat(buf, c->string, size - strlen(buf) - 1);
        strncat(buf, ",", size - strlen(buf) - 1);
    }
}

/* Copies the file at src into dir as name. */
static void copy_file(const char *src, const char *dir, const char *name)
{
    char dst[1500];
    snprintf(dst, sizeof dst, "%s/%s", dir, name);
    KefuError err = {{0}};
    size_t n = 0;
    char *text = kerr_read_file(src, &n, &err);
    FILE *f = fopen(dst, "wb");
    CHECK(text != NULL && f != NULL);
    if (f && text)
        CHECK_INT((long)fwrite(text, 1, n, f), ==, (long)n);
    if (f)
        fclose(f);
    free(text);
}

/* Clicks the roster row of roster index i. */
static void click_name(App *app, int i)
{
    SDL_Rect roster = gui_marked(app, "exam.roster");
    int x = 0, y = 0;
    CHECK(gui_target_centre(app, &roster, i, &x, &y));
    gui_click(app, x, y, 1);
}

/* ------------------------------------------------------------------------------------------ */

static void exam_should_pick_a_name_from_the_roster(void)
{
    font_stats_reset();
    AppOptions opt = {.exam = "exams/example.lua"};
    App *app = gui_make_app(&opt);
    if (!app)
        return;
    app_render(app, 1);
    /* The exam's own screen, the mode fixed, nobody picked yet. */
    CHECK_INT(app_screen(app), ==, SCREEN_EXAM);
    CHECK_INT(app->exam, ==, 1);
    CHECK_INT(app->roster_sel, ==, -1);
    CHECK_INT(app->ev.focus, ==, EF_ROSTER);
    CHECK_STR(app->exam_def->id, "2026-11-presale");
    /* Starting without a name is refused, with a word on what to do. */
    gui_push_key(SDLK_TAB, 0);
    gui_push_key(SDLK_TAB, 0);
    gui_press(app, SDLK_RETURN, 0);
    CHECK_INT(app_screen(app), ==, SCREEN_EXAM);
    CHECK_CONTAINS(app->notice, "请先在左边的名单中选择你的名字");
    /* Keyboard: the refusal took the focus back to the roster; Down picks the first name,
     * Down again the second. */
    CHECK_INT(app->ev.focus, ==, EF_ROSTER);
    gui_press(app, SDLK_DOWN, 0);
    CHECK_INT(app->roster_sel, ==, 0);
    CHECK_STR(app->name.buf, "张三");
    gui_press(app, SDLK_DOWN, 0);
    CHECK_STR(app->name.buf, "李四");
    gui_press(app, SDLK_END, 0);
    CHECK_STR(app->name.buf, "王五");
    /* Mouse: a click on a row picks it. */
    app_render(app, 1);
    click_name(app, 1);
    CHECK_INT(app->roster_sel, ==, 1);
    CHECK_STR(app->name.buf, "李四");
    /* The attempts are counted for the name picked: none used in an empty folder. */
    CHECK_INT(app->ev.used[0], ==, 0);
    CHECK_INT(app_exam_left(app, 0), ==, 1);
    SDL_Surface *s = gui_screenshot(app, "exam-roster");
    if (s) {
        gui_check_not_blank(s, "exam-roster");
        /* The picked row is filled in the accent colour. */
        SDL_Rect roster = gui_marked(app, "exam.roster");
        CHECK_INT(gui_count_near(s, roster, C_ACCENT), >, 2000);
        /* The attempts line of a scenario with attempts left is green. */
        CHECK_INT(gui_count_near(s, gui_marked(app, "exam.scenario1"), C_GOOD), >, 50);
        SDL_FreeSurface(s);
    }
    /* Enter goes from the roster to the scenarios. */
    gui_push_key(SDLK_HOME, 0);
    gui_press(app, SDLK_RETURN, 0);
    CHECK_INT(app->ev.focus, ==, EF_SCENARIOS);
    CHECK_STR(app->name.buf, "张三");
    CHECK_INT(font_stats()->boxes, ==, 0);
    app_destroy(app);
}

/* Sits haggler for 张三 in the good exam and checks the chat hides every hint. Returns the app
 * on the scorecard, or NULL. */
static App *sit_haggler(void)
{
    AppOptions opt = {.exam = GOOD_EXAM, .trainee = "张三"};
    App *app = gui_make_app(&opt);
    if (!app)
        return NULL;
    CHECK_INT(app_screen(app), ==, SCREEN_EXAM);
    CHECK_INT(app->roster_sel, ==, 0);
    CHECK_INT(app->ev.focus, ==, EF_SCENARIOS);
    CHECK_INT(app->ev.sel, ==, 0);
    gui_press(app, SDLK_RETURN, 0);
    CHECK_INT(app_screen(app), ==, SCREEN_CHAT);
    CHECK_INT(app->exam_attempt, ==, 1);
    CHECK_INT((int)app->chat.seed, ==, 7); /* the exam's seed, not the app's */
    gui_advance(app, 6);
    gui_push_text("亲，您好！欢迎光临，这款是我们店的爆款，质量很好，现在下单还送运费险哦");
    gui_press(app, SDLK_RETURN, 0);
    gui_advance(app, 6);
    gui_push_text("亲，价格已经是最低了，不过我可以帮您申请一张优惠券，您看可以吗？");
    gui_press(app, SDLK_RETURN, 0);
    gui_advance(app, 6);
    CHECK_INT(gui_count_from(app, FROM_AGENT), ==, 2);
    SDL_Surface *s = gui_screenshot(app, "exam-chat");
    if (s) {
        gui_check_not_blank(s, "exam-chat");
        /* No mood bar, and no note under any reply: nothing green anywhere on the chat. */
        SDL_Rect none;
        CHECK(!ui_marked(&app->ui, "chat.mood", &none));
        CHECK_INT(gui_count_near(s, (SDL_Rect){0, 0, s->w, s->h}, C_GOOD), ==, 0);
        SDL_FreeSurface(s);
    }
    /* No note under a reply, and no verdict in the closing line. */
    for (int i = 0; i < app->chat.nviews; i++) {
        CHECK(app->chat.views[i].good.text == NULL);
        CHECK(app->chat.views[i].bad.text == NULL);
        CHECK(strstr(app->chat.views[i].body.text, "会话结果") == NULL);
    }
    /* F5 changes nothing in an exam HR issued. */
    int n = gui_transcript(app)->n;
    gui_press(app, SDLK_F5, 0);
    CHECK_INT(app->chat.reloads, ==, 0);
    CHECK_INT(gui_transcript(app)->n, ==, n);
    /* End it: Esc asks (unless the customer has already decided), Enter ends and scores. */
    gui_press(app, SDLK_ESCAPE, 0);
    if (app->chat.confirm)
        gui_press(app, SDLK_RETURN, 0);
    CHECK_INT(app_screen(app), ==, SCREEN_SCORE);
    return app;
}

static void exam_should_hide_hints_and_record_like_kefu_run(void)
{
    gui_empty_dir(gui.results_dir);
    App *app = sit_haggler();
    if (!app)
        return;
    /* R does nothing on an exam's scorecard: no retake from here. */
    gui_press(app, SDLK_r, 0);
    CHECK_INT(app_screen(app), ==, SCREEN_SCORE);
    cJSON *mine = result_of(gui.results_dir, "张三", "haggler");
    CHECK(mine != NULL);
    const cJSON *exam = cJSON_GetObjectItem(mine, RK_EXAM);
    CHECK_STR(cJSON_GetStringValue(cJSON_GetObjectItem(exam, RK_ID)), "test-exam");
    CHECK_INT(cJSON_GetObjectItem(exam, RK_ATTEMPT)->valueint, ==, 1);
    CHECK_INT((int)strlen(cJSON_GetStringValue(cJSON_GetObjectItem(exam, RK_CHAIN))), ==, 64);
    CHECK_STR(cJSON_GetStringValue(cJSON_GetObjectItem(mine, RK_MODE)), "exam");
    CHECK_INT(cJSON_GetObjectItem(mine, RK_SEED)->valueint, ==, 7);
    CHECK_INT(cJSON_GetObjectItem(cJSON_GetObjectItem(mine, RK_SCORING), RK_PASS_MARK)->valueint,
              ==, 70);

    /* kefu run --exam for the other trainee writes the same fields, in the same order. */
    const char *bin = getenv("KEFU_BIN");
    CHECK(bin != NULL);
    char cmd[4096];
    snprintf(cmd, sizeof cmd,
             "'%s' run haggler --exam %s --trainee 李四 --replies tests/data/replies/simple.jsonl "
             "--out '%s' 2>/dev/null",
             bin ? bin : "build/kefu", GOOD_EXAM, gui.results_dir);
    int rc = system(cmd);
    CHECK_INT(WIFEXITED(rc) ? WEXITSTATUS(rc) : -1, ==, 0);
    cJSON *theirs = result_of(gui.results_dir, "李四", "haggler");
    CHECK(theirs != NULL);
    char a[2048], b[2048];
    keys_of(mine, a, sizeof a);
    keys_of(theirs, b, sizeof b);
    CHECK_STR(a, b);
    keys_of(exam, a, sizeof a);
    keys_of(cJSON_GetObjectItem(theirs, RK_EXAM), b, sizeof b);
    CHECK_STR(a, b);
    CHECK_STR(
        cJSON_GetStringValue(cJSON_GetObjectItem(cJSON_GetObjectItem(theirs, RK_EXAM), RK_ID)),
        "test-exam");
    CHECK_INT(cJSON_GetObjectItem(theirs, RK_SEED)->valueint, ==, 7);
    cJSON_Delete(mine);
    cJSON_Delete(theirs);
    app_destroy(app);
}

static void exam_should_refuse_a_sitting_when_no_attempt_is_left(void)
{
    gui_empty_dir(gui.results_dir);
    App *app = sit_haggler();
    if (!app)
        return;
    /* Back on the exam's screen: haggler is used up, the next scenario is selected. */
    gui_press(app, SDLK_ESCAPE, 0);
    CHECK_INT(app_screen(app), ==, SCREEN_EXAM);
    CHECK_INT(app->ev.used[0], ==, 1);
    CHECK_INT(app_exam_left(app, 0), ==, 0);
    CHECK_INT(app->ev.sel, ==, 1);
    /* Asking for haggler again is refused, in words. */
    gui_press(app, SDLK_UP, 0);
    CHECK_INT(app->ev.sel, ==, 0);
    gui_press(app, SDLK_RETURN, 0);
    CHECK_INT(app_screen(app), ==, SCREEN_EXAM);
    CHECK_CONTAINS(app->notice, "已用完");
    CHECK_CONTAINS(app->notice, "不能再考");
    /* The other scenario starts, and quitting mid-way (a crash would be the same: its journal
     * counts) uses its attempt. */
    gui_press(app, SDLK_DOWN, 0);
    gui_press(app, SDLK_RETURN, 0);
    CHECK_INT(app_screen(app), ==, SCREEN_CHAT);
    gui_advance(app, 3);
    /* Already while it runs, before any result, its journal counts: a crash now would give
     * no free retake. */
    KefuError err = {{0}};
    CHECK_INT(exam_attempts_used(app->exam_def, gui.results_dir, "张三", "indecisive_buyer", &err),
              ==, 1);
    app_destroy(app);

    AppOptions opt = {.exam = GOOD_EXAM, .trainee = "张三"};
    app = gui_make_app(&opt);
    if (!app)
        return;
    CHECK_INT(app->ev.used[0], ==, 1);
    CHECK_INT(app->ev.used[1], ==, 1);
    SDL_Surface *s = gui_screenshot(app, "exam-used-up");
    if (s) {
        SDL_Rect msg = gui_marked(app, "exam.message");
        CHECK_INT(gui_count_near(s, msg, C_BAD), >, 200);
        SDL_FreeSurface(s);
    }
    gui_press(app, SDLK_RETURN, 0);
    CHECK_INT(app_screen(app), ==, SCREEN_EXAM);
    CHECK_CONTAINS(app->notice, "已用完");
    /* 李四 still has both attempts. */
    gui_push_key(SDLK_TAB, 0);
    gui_push_key(SDLK_TAB, 0);
    gui_press(app, SDLK_DOWN, 0);
    CHECK_STR(app->name.buf, "李四");
    CHECK_INT(app_exam_left(app, 0), ==, 1);
    CHECK_INT(app_exam_left(app, 1), ==, 1);
    app_destroy(app);
}

static void exam_should_scroll_a_long_roster(void)
{
    /* Thirty names and every scenario: more than the panels hold. */
    char path[1300];
    snprintf(path, sizeof path, "%s-roster.lua", gui.results_dir);
    FILE *f = fopen(path, "w");
    CHECK(f != NULL);
    if (!f)
        return;
    static const char *const ids[] = {
        "angry_complainant",   "authenticity_skeptic", "bad_review_threat",
        "first_time_payer",    "free_shipping",        "haggler",
        "indecisive_buyer",    "late_parcel",          "missing_part",
        "out_of_stock_colour", "return_policy",        "rival_fisher"};
    fputs("return { id = \"big\", title = \"大名单\", attempts = 1, pass_mark = 60,\n"
          "  scenarios = {",
          f);
    for (int i = 0; i < 12; i++)
        fprintf(f, " { id = \"%s\", seed = %d },", ids[i], i + 1);
    fputs(" },\n  roster = {", f);
    for (int i = 1; i <= 30; i++)
        fprintf(f, " \"学员%02d\",", i);
    fputs(" } }\n", f);
    fclose(f);
    AppOptions opt = {.exam = path};
    App *app = gui_make_app(&opt);
    if (!app)
        return;
    app_render(app, 1);
    int fit = app->ev.roster_fit;
    CHECK_INT(fit, >, 3);
    CHECK_INT(fit, <, 30);
    /* End picks the last name and scrolls it into view. */
    gui_press(app, SDLK_END, 0);
    app_render(app, 1);
    CHECK_STR(app->name.buf, "学员30");
    CHECK_INT(app->ev.roster_top, ==, 30 - fit);
    /* The wheel scrolls the roster; the pick stays. */
    SDL_Rect roster = gui_marked(app, "exam.roster");
    gui_wheel(app, roster.x + roster.w / 2, roster.y + roster.h / 2, 3);
    CHECK_INT(app->ev.roster_top, ==, 30 - fit - 3);
    CHECK_STR(app->name.buf, "学员30");
    /* A click on a row in view picks it. */
    app_render(app, 1);
    click_name(app, app->ev.roster_top);
    CHECK_INT(app->roster_sel, ==, 30 - fit - 3);
    gui_press(app, SDLK_HOME, 0);
    app_render(app, 1);
    CHECK_INT(app->ev.roster_top, ==, 0);
    CHECK_STR(app->name.buf, "学员01");
    /* The scenarios follow the selection the same way. */
    gui_press(app, SDLK_RETURN, 0);
    CHECK_INT(app->ev.focus, ==, EF_SCENARIOS);
    SDL_Rect first = gui_marked(app, "exam.scenario1");
    CHECK_INT(app->ev.scen_top, ==, 0);
    for (int i = 0; i < 11; i++)
        gui_press(app, SDLK_DOWN, 0);
    app_render(app, 1);
    CHECK_INT(app->ev.sel, ==, 11);
    CHECK_INT(app->ev.scen_top, >, 0);
    int x = 0, y = 0;
    SDL_Rect column = {first.x, 0, first.w, app->ui.h}; /* the scenarios, not the roster */
    CHECK(gui_target_centre(app, &column, 11, &x, &y) && y > first.y);
    SDL_Rect start = gui_marked(app, "exam.start");
    CHECK_INT(y, <, start.y);
    gui_save_screenshot(app, "exam-roster-long");
    app_destroy(app);
}

static void exam_should_say_when_the_window_is_closed(void)
{
    AppOptions opt = {.exam = CLOSED_EXAM, .trainee = "张三"};
    App *app = gui_make_app(&opt);
    if (!app)
        return;
    CHECK_CONTAINS(app->ev.closed, "已于 2020-01-02T18:00:00+08:00 结束");
    SDL_Surface *s = gui_screenshot(app, "exam-closed");
    if (s) {
        CHECK_INT(gui_count_near(s, gui_marked(app, "exam.message"), C_BAD), >, 200);
        SDL_FreeSurface(s);
    }
    gui_press(app, SDLK_RETURN, 0);
    CHECK_INT(app_screen(app), ==, SCREEN_EXAM);
    CHECK_CONTAINS(app->notice, "不能再开始");
    app_destroy(app);
}

static void exam_should_refuse_a_name_off_the_roster(void)
{
    AppOptions opt = {.exam = GOOD_EXAM, .trainee = "赵六"};
    opt.results_dir = gui.results_dir;
    opt.scenarios_dir = gui.scenarios_dir;
    KefuError err = {{0}};
    App *app = app_create(gui.win, gui.ren, &opt, &err);
    CHECK(app == NULL);
    CHECK_CONTAINS(err.msg, "\"赵六\" is not on the roster of the exam \"测试考试\"");
    app_destroy(app);
    /* An exam naming a scenario the folder lacks fails at once, naming it: a folder with the
     * rubric and nothing else. */
    char dir[1300];
    snprintf(dir, sizeof dir, "%s-scenarios", gui.results_dir);
    mkdir(dir, 0777);
    copy_file("scenarios/rubric.lua", dir, "rubric.lua");
    copy_file("scenarios/rubric.model", dir, "rubric.model");
    AppOptions none = {.exam = GOOD_EXAM, .scenarios_dir = dir};
    none.results_dir = gui.results_dir;
    app = app_create(gui.win, gui.ren, &none, &err);
    CHECK(app == NULL);
    CHECK_CONTAINS(err.msg, "the exam lists scenario \"haggler\"");
    app_destroy(app);
}

static void exam_should_pick_the_remembered_name(void)
{
    /* 李四 sat a practice session last time: the exam's roster has the name picked. */
    char path[1300];
    gui_settings_path(path, sizeof path);
    gui_forget_settings();
    gui.keep_settings = 1;
    AppOptions opt = {.exam = GOOD_EXAM};
    App *app = gui_make_app(&opt);
    if (app) {
        CHECK_INT(app->roster_sel, ==, -1);
        gui_press(app, SDLK_DOWN, 0);
        gui_press(app, SDLK_DOWN, 0);
        gui_press(app, SDLK_RETURN, 0);
        gui_press(app, SDLK_DOWN, 0); /* indecisive_buyer: 李四's attempt there is unused */
        gui_press(app, SDLK_RETURN, 0);
        CHECK_INT(app_screen(app), ==, SCREEN_CHAT);
        app_destroy(app);
    }
    char *text = gui_read_text(path);
    CHECK_CONTAINS(text, "trainee = 李四");
    free(text);
    app = gui_make_app(&opt);
    if (app) {
        CHECK_INT(app->roster_sel, ==, 1);
        CHECK_STR(app->name.buf, "李四");
        /* The roster keeps the focus: Enter confirms the name, it starts nothing. */
        CHECK_INT(app->ev.focus, ==, EF_ROSTER);
        gui_press(app, SDLK_RETURN, 0);
        CHECK_INT(app_screen(app), ==, SCREEN_EXAM);
        CHECK_INT(app->ev.focus, ==, EF_SCENARIOS);
        app_destroy(app);
    }
    gui.keep_settings = 0;
}

int main(void)
{
    if (gui_open("kefu exam test", "gui-exam-results") < 0)
        return 1;
    gui_empty_dir(gui.results_dir);
    RUN(exam_should_pick_a_name_from_the_roster);
    RUN(exam_should_hide_hints_and_record_like_kefu_run);
    RUN(exam_should_refuse_a_sitting_when_no_attempt_is_left);
    RUN(exam_should_scroll_a_long_roster);
    RUN(exam_should_say_when_the_window_is_closed);
    RUN(exam_should_refuse_a_name_off_the_roster);
    RUN(exam_should_pick_the_remembered_name);
    gui_close();
    CHECK_DONE();
}
