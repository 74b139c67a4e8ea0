/* GUI tests of a reviewer's verdict in the app under SDL's offscreen driver: a past session
 * opened from the history is marked (a miss, with a note typed in Chinese), the line lands in
 * reviews.jsonl beside the result exactly as kefu review writes it, the scorecard shows it
 * beside the automatic judgement after a reload, kefu report counts it; the trainee cannot mark
 * their own session, nor anyone during an exam. Screens under $KEFU_TEST_OUT/screens. */
#include "gui_harness.h"
#include "results/review.h"

#define BAD_REPLIES "tests/data/transcripts/haggler_bad.jsonl"
#define GOOD_EXAM "tests/data/exams/good.lua" /* 张三, 李四; haggler 7, indecisive 3 */

static char result_path[1400]; /* the one result in the results folder */

/* kefu run writes a bad haggler session of 张三's into the results folder (the CLI's own path
 * to a result, as HR would find it). */
static void make_result(void)
{
    const char *kefu = getenv("KEFU_BIN");
    CHECK(kefu != NULL);
    if (!kefu)
        return;
    gui_empty_dir(gui.results_dir);
    char cmd[3000];
    snprintf(cmd, sizeof cmd,
             "'%s' run haggler --replies " BAD_REPLIES " --trainee 张三 --seed 7 --mode exam "
             "--out '%s' >/dev/null 2>&1",
             kefu, gui.results_dir);
    CHECK_INT(system(cmd), ==, 0);
    DIR *d = opendir(gui.results_dir);
    struct dirent *e;
    result_path[0] = 0;
    while (d && (e = readdir(d))) {
        size_t n = strlen(e->d_name);
        if (e->d_name[0] != '.' && n > 5 && strcmp(e->d_name + n - 5, ".json") == 0)
            snprintf(result_path, sizeof result_path, "%s/%s", gui.results_dir, e->d_name);
    }
    if (d)
        closedir(d);
    CHECK(result_path[0] != 0);
}

/* The index of principle id in the result's scorecard, as the review screen lists them. */
static int line_of(const char *id)
{
    cJSON *j = gui_read_json(result_path);
    const cJSON *lines = cJSON_GetObjectItem(cJSON_GetObjectItem(j, RK_SCORECARD), RK_PRINCIPLES);
    int i = 0, found = -1;
    for (const cJSON *c = lines ? lines->child : NULL; c; c = c->next, i++) {
        const cJSON *p = cJSON_GetObjectItem(c, RK_ID);
        if (cJSON_IsString(p) && strcmp(p->valuestring, id) == 0)
            found = i;
    }
    cJSON_Delete(j);
    CHECK_INT(found, >=, 0);
    return found;
}

/* The index and id of the first principle the result's scorecard says was violated. */
static int violated_line(char *id, size_t size)
{
    cJSON *j = gui_read_json(result_path);
    const cJSON *lines = cJSON_GetObjectItem(cJSON_GetObjectItem(j, RK_SCORECARD), RK_PRINCIPLES);
    int i = 0, found = -1;
    for (const cJSON *c = lines ? lines->child : NULL; c && found < 0; c = c->next, i++) {
        const cJSON *st = cJSON_GetObjectItem(c, RK_STATUS);
        if (cJSON_IsString(st) && strcmp(st->valuestring, "violated") == 0) {
            found = i;
            snprintf(id, size, "%s", cJSON_GetObjectItem(c, RK_ID)->valuestring);
        }
    }
    cJSON_Delete(j);
    CHECK_INT(found, >=, 0);
    return found;
}

/* Opens the newest result's scorecard from the history. */
static void open_from_history(App *app)
{
    CHECK_INT(app_go(app, SCREEN_HISTORY, 1), ==, 0);
    CHECK_INT(app->hist.n, ==, 1);
    gui_press(app, SDLK_RETURN, 0);
    CHECK_INT(app_screen(app), ==, SCREEN_SCORE);
    CHECK(app->score.have);
}

/* The scorecard's text that mentions needle, or NULL. */
static const char *score_line(App *app, const char *needle)
{
    for (int i = 0; i < app->score.doc.n; i++) {
        const char *t = app->score.doc.items[i].tb.text;
        if (t && strstr(t, needle))
            return t;
    }
    return NULL;
}

/* Scrolls the scorecard so the line mentioning needle is in view. */
static void scroll_to(App *app, const char *needle)
{
    app_render(app, 1); /* lays the doc out */
    for (int i = 0; i < app->score.doc.n; i++) {
        const char *t = app->score.doc.items[i].tb.text;
        if (t && strstr(t, needle)) {
            app->score.doc.scroll = 0;
            doc_scroll(&app->score.doc, app->score.doc.items[i].y - ui_px(&app->ui, 200));
            return;
        }
    }
}

static char reviews_path[1500];

static void review_should_mark_a_miss_and_show_it_after_a_reload(void)
{
    make_result();
    snprintf(reviews_path, sizeof reviews_path, "%s/%s", gui.results_dir, REVIEW_FILE);
    App *app = gui_make_app(NULL);
    if (!app)
        return;
    open_from_history(app);
    SDL_Rect button = gui_marked(app, "score.review");
    CHECK_INT(button.w, >, 0);
    gui_press(app, SDLK_v, 0);
    CHECK_INT(app_screen(app), ==, SCREEN_REVIEW);
    app_render(app, 1);

    /* The reviewer's name is asked first; the session's own trainee is refused. */
    gui_push_text("张三");
    app_pump(app);
    gui_press(app, SDLK_RETURN, 0);
    CHECK(access(reviews_path, F_OK) != 0);
    gui_save_screenshot(app, "review-own-session-refused");
    gui_press(app, SDLK_BACKSPACE, 0);
    gui_press(app, SDLK_BACKSPACE, 0);
    gui_push_text("王经理");
    app_pump(app);
    gui_press(app, SDLK_RETURN, 0);
    CHECK(access(reviews_path, F_OK) != 0); /* a name is not a verdict */

    /* Reply 1 ("在") and harsh_refusal, which the detector did not find there. */
    app_render(app, 1);
    SDL_Rect list = gui_marked(app, "review.principles");
    int x = 0, y = 0;
    CHECK(gui_target_centre(app, &list, line_of("harsh_refusal"), &x, &y));
    gui_click(app, x, y, 1);
    gui_push_text("语气太冲，顾客会觉得被敷衍");
    app_pump(app);
    gui_check_screenshot(app, "review-mark");
    gui_press(app, SDLK_RETURN, 0);

    /* One line, in kefu review's format, read back by the same reader. */
    ReviewSet set = {0};
    KefuError err = {{0}};
    CHECK_INT(review_load(reviews_path, &set, &err), ==, 1);
    if (set.n == 1) {
        CHECK_STR(set.v[0].principle, "harsh_refusal");
        CHECK_INT(set.v[0].verdict, ==, REVIEW_MISS);
        CHECK_INT(set.v[0].turn, ==, 1);
        CHECK_STR(set.v[0].reviewer, "王经理");
        CHECK_STR(set.v[0].note, "语气太冲，顾客会觉得被敷衍");
        CHECK_STR(set.v[0].reply, "在");
    }
    review_set_deinit(&set);
    gui_check_screenshot(app, "review-marked");
    /* The result itself is never written. */
    char *text = gui_read_text(result_path);
    CHECK(text && !strstr(text, "王经理"));
    free(text);

    /* Back on the scorecard, the verdict sits beside the automatic judgement. */
    gui_press(app, SDLK_ESCAPE, 0);
    CHECK_INT(app_screen(app), ==, SCREEN_SCORE);
    CHECK(app->score.from_history);
    CHECK(score_line(app, "人工复核：第1句 漏报") != NULL);
    app_destroy(app);

    /* A fresh app reads it from the file. */
    app = gui_make_app(NULL);
    if (!app)
        return;
    open_from_history(app);
    const char *l = score_line(app, "人工复核：第1句 漏报");
    CHECK(l != NULL);
    if (l) {
        CHECK_CONTAINS(l, "语气太冲");
        CHECK_CONTAINS(l, "王经理");
    }
    scroll_to(app, "人工复核：第1句");
    gui_check_screenshot(app, "review-score");
    /* A new run of the app asks the name again: Enter without one records nothing. */
    gui_press(app, SDLK_v, 0);
    CHECK_INT(app_screen(app), ==, SCREEN_REVIEW);
    gui_press(app, SDLK_RETURN, 0);
    set = (ReviewSet){0};
    CHECK_INT(review_load(reviews_path, &set, &err), ==, 1);
    review_set_deinit(&set);
    app_destroy(app);
}

/* The row above the first reply is the whole session: a principle the scorecard says was
 * violated, disputed there, is a false alarm on turn 0. */
static void review_should_mark_the_whole_session(void)
{
    App *app = gui_make_app(NULL);
    if (!app)
        return;
    open_from_history(app);
    gui_press(app, SDLK_v, 0);
    CHECK_INT(app_screen(app), ==, SCREEN_REVIEW);
    gui_push_text("王经理");
    app_pump(app);
    gui_press(app, SDLK_RETURN, 0);
    gui_press(app, SDLK_UP, 0);
    app_render(app, 1);
    char id[128] = "";
    int line = violated_line(id, sizeof id);
    SDL_Rect list = gui_marked(app, "review.principles");
    int x = 0, y = 0;
    CHECK(gui_target_centre(app, &list, line, &x, &y));
    gui_click(app, x, y, 1);
    gui_push_text("整场其实很客气");
    app_pump(app);
    gui_press(app, SDLK_RETURN, 0);
    gui_check_screenshot(app, "review-session");
    ReviewSet set = {0};
    KefuError err = {{0}};
    CHECK_INT(review_load(reviews_path, &set, &err), ==, 2);
    if (set.n == 2) {
        CHECK_INT(set.v[1].turn, ==, 0);
        CHECK_STR(set.v[1].principle, id);
        CHECK_INT(set.v[1].verdict, ==, REVIEW_FALSE_ALARM);
        CHECK_STR(set.v[1].reviewer, "王经理");
        CHECK_STR(set.v[1].reply, "");
    }
    review_set_deinit(&set);
    gui_press(app, SDLK_ESCAPE, 0);
    CHECK(score_line(app, "人工复核：整场 误报") != NULL);
    app_destroy(app);
}

/* kefu report reads the reviews file beside the results and counts the verdict. */
static void review_should_be_counted_by_kefu_report(void)
{
    const char *kefu = getenv("KEFU_BIN");
    if (!kefu || access(reviews_path, F_OK) != 0) {
        CHECK(!"no verdict to count");
        return;
    }
    char csv[1600], out[1600], cmd[5000];
    snprintf(csv, sizeof csv, "%s/../gui-review-report.csv", gui.results_dir);
    snprintf(out, sizeof out, "%s/../gui-review-report.txt", gui.results_dir);
    snprintf(cmd, sizeof cmd, "'%s' report '%s' --mode all --csv '%s' >'%s' 2>&1", kefu,
             gui.results_dir, csv, out);
    CHECK_INT(system(cmd), ==, 0);
    char *text = gui_read_text(out);
    if (text) {
        CHECK_CONTAINS(text, "复核");
        CHECK_CONTAINS(text, "漏报");
    }
    free(text);
    text = gui_read_text(csv);
    if (text) {
        CHECK_CONTAINS(text, "harsh_refusal@1");
        CHECK_CONTAINS(text, "@0"); /* the whole session's false alarm */
    }
    free(text);
}

/* During an exam nobody marks anything, not even from the history. */
static void review_should_be_refused_during_an_exam(void)
{
    AppOptions opt = {.exam = GOOD_EXAM, .trainee = "张三"};
    App *app = gui_make_app(&opt);
    if (!app)
        return;
    open_from_history(app);
    app_render(app, 1);
    SDL_Rect r;
    CHECK(!ui_marked(&app->ui, "score.review", &r));
    gui_press(app, SDLK_v, 0);
    CHECK_INT(app_screen(app), ==, SCREEN_SCORE);
    CHECK_INT(app_go(app, SCREEN_REVIEW, 0), ==, -1);
    CHECK_INT(app_screen(app), ==, SCREEN_SCORE);
    app_destroy(app);
}

int main(void)
{
    if (gui_open("kefu review test", "gui-review-results") < 0)
        return 1;
    RUN(review_should_mark_a_miss_and_show_it_after_a_reload);
    RUN(review_should_mark_the_whole_session);
    RUN(review_should_be_counted_by_kefu_report);
    RUN(review_should_be_refused_during_an_exam);
    gui_close();
    CHECK_DONE();
}
