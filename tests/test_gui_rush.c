/* GUI tests of the rush workbench under the offscreen driver, driven by scripted events on a
 * virtual clock: the start screen's rush section, arrivals signalled (row lit, unread count,
 * chime) without taking the focus, the wait timers' colours and the longest wait marked,
 * switching by keyboard and mouse with each conversation's own draft, a customer lost while
 * another is answered, the mute switch remembered, the journals, and the kefu.rush/1 result
 * with its scorecard; the history listing a played rush, a broken rush file saying why, and
 * opening a rush's scorecard and a customer's from there. Screenshots go to
 * screens/rush-*.png. */
#include <SDL.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "app.h"
#include "app_state.h"
#include "assets.h"
#include "base/platform.h"
#include "check.h"
#include "convo.h"
#include "gui_harness.h"
#include "results/journal.h"
#include "results/schema.h"

static char journal_dir[1200];

/* Files in dir whose name ends with ext. */
static int count_files(const char *dir, const char *ext, char *first, size_t size)
{
    DIR *d = opendir(dir);
    if (!d)
        return 0;
    int n = 0;
    struct dirent *e;
    while ((e = readdir(d))) {
        size_t len = strlen(e->d_name), el = strlen(ext);
        if (len > el && strcmp(e->d_name + len - el, ext) == 0) {
            if (!n++ && first)
                snprintf(first, size, "%s/%s", dir, e->d_name);
        }
    }
    closedir(d);
    return n;
}

static void clean_results(void)
{
    gui_empty_dir(journal_dir);
    rmdir(journal_dir);
    gui_empty_dir(gui.results_dir);
}

static App *start_rush(const char *rush)
{
    AppOptions opt = {.rush = rush, .trainee = "测试员"};
    App *app = gui_make_app(&opt);
    if (app) {
        CHECK_INT(app_screen(app), ==, SCREEN_RUSH);
        app_pump(app);
    }
    return app;
}

static const char *draft(App *app, int i)
{
    return app->rb.conv[i].edit.buf ? app->rb.conv[i].edit.buf : "";
}

static int customer_messages(App *app, int i)
{
    const Transcript *t = session_transcript(app->rb.conv[i].session);
    int n = 0;
    for (int m = 0; m < t->n; m++)
        n += t->msgs[m].from == FROM_CUSTOMER;
    return n;
}

static int agent_messages(App *app, int i)
{
    const Transcript *t = session_transcript(app->rb.conv[i].session);
    int n = 0;
    for (int m = 0; m < t->n; m++)
        n += t->msgs[m].from == FROM_AGENT;
    return n;
}

/* Types text into the conversation shown and sends it. */
static void say(App *app, const char *text)
{
    gui_push_text(text);
    app_pump(app);
    gui_advance(app, 2);
    gui_press(app, SDLK_RETURN, 0);
}

static void rush_should_be_listed_on_the_start_screen_and_start_from_there(void)
{
    clean_results();
    AppOptions opt = {.trainee = "测试员"};
    App *app = gui_make_app(&opt);
    if (!app)
        return;
    CHECK_INT(app->nrushes, ==, 3);
    CHECK_INT(app->start_focus, ==, SF_LIST); /* a name given: the list has the focus */
    gui_press(app, SDLK_END, 0);
    CHECK_INT(app->rush_sel, ==, 2);
    /* rush_easy, rush_1111, rush_aftersales by file name: rush_1111 is the first. */
    gui_press(app, SDLK_UP, 0);
    gui_press(app, SDLK_UP, 0);
    CHECK_INT(app->rush_sel, ==, 0);
    CHECK_STR(app->rushes[0]->id, "rush_1111");
    gui_marked(app, "start.rushes");
    gui_check_screenshot(app, "rush-start");
    /* An exam cannot be a rush yet: said, and nothing starts. */
    app->exam = 1;
    gui_press(app, SDLK_RETURN, 0);
    CHECK_INT(app_screen(app), ==, SCREEN_START);
    CHECK(strstr(app->notice, "考试") != NULL);
    app->exam = 0;
    gui_press(app, SDLK_RETURN, 0);
    CHECK_INT(app_screen(app), ==, SCREEN_RUSH);
    CHECK_INT(app->rb.n, ==, 5);
    app_destroy(app);
    clean_results();
}

static void rush_should_signal_arrivals_without_taking_the_focus(void)
{
    clean_results();
    setenv("SDL_AUDIODRIVER", "dummy", 1);
    App *app = start_rush("rush_1111");
    if (!app)
        return;
    RushBench *rb = &app->rb;
    /* Two customers at 0 s; the first is shown. */
    CHECK_INT(rush_arrived(rb->rush, 0), ==, 1);
    CHECK_INT(rush_arrived(rb->rush, 1), ==, 1);
    CHECK_INT(rush_arrived(rb->rush, 2), ==, 0);
    CHECK_INT(rb->sel, ==, 0);
    int chimes = chime_plays(rb->chime);
    gui_advance(app, 6);
    /* The second customer wrote while the first was shown: counted as unread, and drawn
     * ahead (its bubble's texture made) so that switching to it only copies. */
    CHECK_INT(customer_messages(app, 1), >, 0);
    CHECK_INT(rb->unread[1], ==, customer_messages(app, 1));
    CHECK_INT(rb->unread[0], ==, 0);
    CHECK_INT(rb->conv[1].nviews, >, 0);
    CHECK_INT(rb->conv[1].laid_w, ==, rb->conv_rect.w);
    CHECK(rb->conv[1].views[0].body.nchunks > 0 && rb->conv[1].views[0].body.chunks[0]);
    /* The trainee types for the first; the third customer walks in at 10 s. */
    gui_push_text("亲，您好");
    app_pump(app);
    gui_advance(app, 6);
    CHECK_INT(rush_arrived(rb->rush, 2), ==, 1);
    CHECK_INT(rb->sel, ==, 0); /* the focus stays */
    CHECK_STR(draft(app, 0), "亲，您好");
    CHECK_INT(chime_plays(rb->chime), >, chimes);
    app_render(app, 1);
    gui_marked(app, "rush.row.2");
    gui_check_screenshot(app, "rush-arrival");
    /* Past 15 s of waiting the second customer's timer is amber; past 20 s red, and one of
     * the two who came first has waited longest. */
    for (int k = 0; k < 200 && chat_wait_now(app, &rb->conv[1]) < 15.5; k++)
        gui_advance(app, 0.25);
    CHECK(chat_wait_now(app, &rb->conv[1]) >= 15.5);
    app_render(app, 1);
    SDL_Rect t1 = gui_marked(app, "rush.timer.1");
    SDL_Surface *s = gui_screenshot(app, "rush-timer-amber");
    if (s)
        CHECK_INT(gui_count_near(s, t1, C_AMBER), >, 10);
    SDL_FreeSurface(s);
    for (int k = 0; k < 200 && chat_wait_now(app, &rb->conv[1]) < 20.5; k++)
        gui_advance(app, 0.25);
    CHECK(chat_wait_now(app, &rb->conv[1]) >= 20.5);
    app_render(app, 1);
    t1 = gui_marked(app, "rush.timer.1");
    s = gui_screenshot(app, "rush-timer-red");
    if (s)
        CHECK_INT(gui_count_near(s, t1, C_BAD), >, 10);
    SDL_FreeSurface(s);
    SDL_Rect longest = gui_marked(app, "rush.longest");
    SDL_Rect row1 = gui_marked(app, "rush.row.1");
    SDL_Rect row0 = gui_marked(app, "rush.row.0");
    /* Customer 0 waits since 0 s too: the longest is one of the two who came first. */
    CHECK(SDL_RectEquals(&longest, &row1) || SDL_RectEquals(&longest, &row0));
    app_destroy(app);
    clean_results();
}

static void rush_should_switch_by_keyboard_and_keep_each_draft(void)
{
    clean_results();
    App *app = start_rush("rush_1111");
    if (!app)
        return;
    RushBench *rb = &app->rb;
    gui_advance(app, 12); /* three customers in */
    gui_push_text("亲，您好，在的");
    app_pump(app);
    CHECK_STR(draft(app, 0), "亲，您好，在的");
    gui_press(app, SDLK_DOWN, KMOD_CTRL);
    CHECK_INT(rb->sel, ==, 1);
    CHECK_INT(rb->unread[1], ==, 0); /* seen */
    CHECK_STR(draft(app, 1), "");
    gui_push_text("亲，白色和蓝色都很百搭");
    app_pump(app);
    gui_press(app, SDLK_3, KMOD_LALT);
    CHECK_INT(rb->sel, ==, 2);
    gui_push_text("亲，这款是正品");
    app_pump(app);
    app_render(app, 1);
    gui_check_screenshot(app, "rush-switch");
    /* Back to the first: its draft is as left; the others keep theirs. */
    gui_press(app, SDLK_1, KMOD_LALT);
    CHECK_INT(rb->sel, ==, 0);
    CHECK_STR(draft(app, 0), "亲，您好，在的");
    CHECK_STR(draft(app, 1), "亲，白色和蓝色都很百搭");
    CHECK_STR(draft(app, 2), "亲，这款是正品");
    /* Ctrl+Up from the first wraps to the last arrived; customers not yet in are skipped. */
    gui_press(app, SDLK_UP, KMOD_CTRL);
    CHECK_INT(rb->sel, ==, 2);
    gui_press(app, SDLK_5, KMOD_LALT); /* the fifth has not arrived: nothing moves */
    CHECK_INT(rb->sel, ==, 2);
    /* A click on a row switches too. */
    app_render(app, 1);
    SDL_Rect row1 = gui_marked(app, "rush.row.1");
    float sc = app->ui.scale;
    gui_click(app, (int)((row1.x + row1.w / 2) / sc), (int)((row1.y + row1.h / 2) / sc), 1);
    CHECK_INT(rb->sel, ==, 1);
    /* Enter sends to the conversation shown, and only to it. */
    gui_press(app, SDLK_RETURN, 0);
    CHECK_INT(agent_messages(app, 1), ==, 1);
    CHECK_INT(agent_messages(app, 0), ==, 0);
    CHECK_STR(draft(app, 1), "");
    CHECK_STR(draft(app, 0), "亲，您好，在的");
    /* At the smallest window the workbench's parts still meet nowhere. */
    gui_resize(app, APP_MIN_W, APP_MIN_H);
    app_render(app, 1);
    static const char *const parts[] = {"rush.list", "rush.conversation", "rush.input",
                                        "rush.card", "rush.end",          "rush.name"};
    for (int a = 0; a < 6; a++)
        for (int b = a + 1; b < 6; b++) {
            SDL_Rect ra = gui_marked(app, parts[a]), rbx = gui_marked(app, parts[b]);
            if (strcmp(parts[a], "rush.conversation") == 0 && b >= 4)
                continue; /* the header's parts lie above the conversation, not in it */
            if (SDL_HasIntersection(&ra, &rbx))
                fprintf(stderr, "  %s meets %s at 800x600\n", parts[a], parts[b]);
            CHECK(!SDL_HasIntersection(&ra, &rbx));
        }
    gui_check_screenshot(app, "rush-min");
    gui_resize(app, 1100, 760);
    /* Each conversation keeps its own scroll: the second is followed, the first as left. */
    rb->conv[0].scroll = 0;
    rb->conv[0].stick = 0;
    gui_press(app, SDLK_1, KMOD_LALT);
    CHECK_INT(rb->conv[0].stick, ==, 0);
    CHECK_INT(rb->conv[1].stick, ==, 1);
    app_destroy(app);
    clean_results();
}

static void rush_should_lose_a_customer_while_another_is_answered(void)
{
    clean_results();
    App *app = start_rush("rush_1111");
    if (!app)
        return;
    RushBench *rb = &app->rb;
    static const char *const lines[] = {
        "亲，您好！欢迎光临，这款是我们店的爆款哦",
        "亲，这个价格已经是活动价了，品质有保障的",
        "亲，今天下单还送运费险，您放心",
        "今天下单48小时内发货，一般3到5天送到哦",
        "支持7天无理由退换的，亲放心",
        "感谢亲的支持，祝您生活愉快！",
    };
    /* Only the haggler is answered, every 8 seconds, for as long as she stays. */
    for (int k = 0; k < 6; k++) {
        gui_advance(app, 6);
        say(app, lines[k]);
    }
    CHECK_INT(agent_messages(app, 0), ==, 6);
    /* Meanwhile the others are left waiting until they go. */
    gui_advance(app, 240);
    int lost = -1;
    for (int i = 1; i < rb->n && lost < 0; i++)
        if (session_outcome(rb->conv[i].session) == OUTCOME_LEFT)
            lost = i;
    CHECK_INT(lost, >, 0);
    CHECK_INT(rb->sel, ==, 0); /* the trainee was never moved */
    CHECK_INT(rb->unread[lost], >, 0);
    app_render(app, 1);
    gui_check_screenshot(app, "rush-lost");
    /* A reply to a customer who has gone is not sent, and the rush goes on. */
    gui_press(app, SDLK_1 + lost, KMOD_LALT);
    CHECK_INT(rb->sel, ==, lost);
    say(app, "亲，还在吗？");
    CHECK_INT(agent_messages(app, lost), ==, 0);
    CHECK_INT(app_screen(app), ==, SCREEN_RUSH);
    CHECK(strstr(app->notice, "已经结束") != NULL);

    /* End: Esc asks, Enter confirms; the rush is saved as one kefu.rush/1 file. */
    gui_press(app, SDLK_ESCAPE, 0);
    CHECK_INT(rb->confirm, ==, 1);
    gui_press(app, SDLK_RETURN, 0);
    CHECK_INT(rb->done, ==, 1);
    CHECK(rb->path[0] != 0);
    CHECK_STR(app_last_result(app), rb->path);
    cJSON *j = gui_read_json(rb->path);
    CHECK(j != NULL);
    if (j) {
        CHECK_STR(cJSON_GetObjectItem(j, RK_SCHEMA)->valuestring, "kefu.rush/1");
        CHECK_STR(cJSON_GetObjectItem(j, RK_TRAINEE)->valuestring, "测试员");
        CHECK_INT(cJSON_GetArraySize(cJSON_GetObjectItem(j, RK_CUSTOMERS)), ==, 5);
        CHECK_INT(cJSON_GetArraySize(cJSON_GetObjectItem(j, RK_CONVERSATIONS)), ==, 5);
        cJSON *sum = cJSON_GetObjectItem(j, RK_SUMMARY);
        CHECK_INT(cJSON_GetObjectItem(sum, RK_LOST)->valueint, >=, 1);
        CHECK_INT(cJSON_GetObjectItem(sum, RK_ANSWERED)->valueint, ==, 1);
        cJSON *c0 = cJSON_GetArrayItem(cJSON_GetObjectItem(j, RK_CUSTOMERS), 0);
        CHECK_INT(cJSON_GetObjectItem(c0, RK_AGENT_MESSAGES)->valueint, ==, 6);
        cJSON *cl = cJSON_GetArrayItem(cJSON_GetObjectItem(j, RK_CUSTOMERS), lost);
        CHECK_STR(cJSON_GetObjectItem(cl, RK_OUTCOME)->valuestring, "left");
        CHECK(cJSON_IsTrue(cJSON_GetObjectItem(cl, RK_LOST)));
        cJSON_Delete(j);
    }
    CHECK_INT(rb->stats.lost, >=, 1);
    /* The journals went once the result was written. */
    CHECK_INT(count_files(journal_dir, ".jsonl", NULL, 0), ==, 0);
    gui_check_screenshot(app, "rush-score");
    /* Enter opens the selected customer's full scorecard; back returns to the rush's. */
    gui_press(app, SDLK_RETURN, 0);
    CHECK_INT(app_screen(app), ==, SCREEN_SCORE);
    CHECK(app->score.have);
    CHECK_STR(app->score.result.scenario_id, "haggler");
    gui_press(app, SDLK_ESCAPE, 0);
    CHECK_INT(app_screen(app), ==, SCREEN_RUSH);
    CHECK_INT(rb->done, ==, 1);
    gui_press(app, SDLK_ESCAPE, 0);
    CHECK_INT(app_screen(app), ==, SCREEN_START);
    app_destroy(app);
    clean_results();
}

static void rush_should_journal_every_conversation_and_save_on_quit(void)
{
    clean_results();
    App *app = start_rush("rush_easy");
    if (!app)
        return;
    gui_advance(app, 5);
    say(app, "亲，您好，欢迎光临");
    /* One journal per customer, the first one already holding the reply. */
    char first[2600];
    CHECK_INT(count_files(journal_dir, ".jsonl", first, sizeof first), ==, 3);
    int found = 0, kept = 0;
    /* A copy of each, as a crash would leave them (the files as they are on disk now). */
    char names[3][300], texts_dir[1300];
    snprintf(texts_dir, sizeof texts_dir, "%s-crash", gui.results_dir);
    mkdir(texts_dir, 0777);
    gui_empty_dir(texts_dir);
    DIR *d = opendir(journal_dir);
    struct dirent *e;
    while (d && (e = readdir(d))) {
        char p[2600], q[2600];
        snprintf(p, sizeof p, "%s/%s", journal_dir, e->d_name);
        char *text = strstr(e->d_name, ".jsonl") ? gui_read_text(p) : NULL;
        found += text && strstr(text, "亲，您好，欢迎光临") != NULL;
        if (text && kept < 3) {
            snprintf(names[kept++], sizeof names[0], "%s", e->d_name);
            snprintf(q, sizeof q, "%s/%s", texts_dir, e->d_name);
            FILE *f = fopen(q, "w");
            if (f) {
                fputs(text, f);
                fclose(f);
            }
        }
        free(text);
    }
    if (d)
        closedir(d);
    CHECK_INT(found, ==, 1);
    CHECK_INT(kept, ==, 3);
    /* Quitting mid-rush saves it (as abandoned where open) and removes the journals. */
    app_destroy(app);
    CHECK_INT(count_files(gui.results_dir, ".json", first, sizeof first), ==, 1);
    char *text = gui_read_text(first);
    CHECK(text && strstr(text, "\"kefu.rush/1\"") && strstr(text, "\"abandoned\""));
    free(text);
    CHECK_INT(count_files(journal_dir, ".jsonl", NULL, 0), ==, 0);

    /* Had the app been killed instead, the journals would be there: the next start saves
     * every conversation from them, the reply included, and says so. */
    gui_empty_dir(gui.results_dir);
    mkdir(journal_dir, 0777);
    for (int k = 0; k < kept; k++) {
        char p[2600], q[2600];
        snprintf(p, sizeof p, "%s/%s", texts_dir, names[k]);
        snprintf(q, sizeof q, "%s/%s", journal_dir, names[k]);
        CHECK_INT(rename(p, q), ==, 0);
    }
    rmdir(texts_dir);
    AppOptions opt = {.trainee = "测试员"};
    app = gui_make_app(&opt);
    if (!app)
        return;
    CHECK_INT(count_files(gui.results_dir, ".json", NULL, 0), ==, 3);
    CHECK_INT(count_files(journal_dir, ".jsonl", NULL, 0), ==, 0);
    CHECK(strstr(app->notice, "恢复") != NULL);
    int replies = 0;
    d = opendir(gui.results_dir);
    while (d && (e = readdir(d))) {
        char p[2600];
        snprintf(p, sizeof p, "%s/%s", gui.results_dir, e->d_name);
        char *saved = strstr(e->d_name, ".json") ? gui_read_text(p) : NULL;
        replies += saved && strstr(saved, "亲，您好，欢迎光临") != NULL;
        free(saved);
    }
    if (d)
        closedir(d);
    CHECK_INT(replies, ==, 1);
    app_destroy(app);
    clean_results();
}

static void rush_should_remember_the_mute_switch(void)
{
    clean_results();
    App *app = start_rush("rush_easy");
    if (!app)
        return;
    CHECK_INT(app->settings.mute, ==, 0);
    app_render(app, 1);
    SDL_Rect mute = gui_marked(app, "rush.mute");
    float sc = app->ui.scale;
    gui_click(app, (int)((mute.x + mute.w / 2) / sc), (int)((mute.y + mute.h / 2) / sc), 1);
    CHECK_INT(app->settings.mute, ==, 1);
    char path[1300];
    gui_settings_path(path, sizeof path);
    char *text = gui_read_text(path);
    CHECK(text && strstr(text, "mute = 1"));
    free(text);
    /* Muted, a new arrival still counts as signalled (the list shows it), without sound. */
    int chimes = chime_plays(app->rb.chime);
    gui_advance(app, 41);
    CHECK_INT(chime_plays(app->rb.chime), >, chimes);
    app_destroy(app);
    /* The next launch remembers it; Ctrl+M switches it back. */
    gui.keep_settings = 1;
    app = start_rush("rush_easy");
    gui.keep_settings = 0;
    if (!app)
        return;
    CHECK_INT(app->settings.mute, ==, 1);
    gui_press(app, SDLK_m, KMOD_CTRL);
    CHECK_INT(app->settings.mute, ==, 0);
    app_destroy(app);
    clean_results();
}

static void chime_should_be_silent_without_an_audio_device(void)
{
    /* No such driver: SDL cannot open audio, and that is no error. */
    setenv("SDL_AUDIODRIVER", "no-such-driver", 1);
    Chime *c = chime_create();
    CHECK(c != NULL);
    CHECK_INT(chime_audible(c), ==, 0);
    chime_play(c, 0);
    chime_play(c, 1);
    CHECK_INT(chime_plays(c), ==, 2);
    chime_destroy(c);
    setenv("SDL_AUDIODRIVER", "dummy", 1);
    /* The assets are found from the build tree. */
    char path[4096];
    CHECK_INT(assets_find("chime.wav", path, sizeof path), ==, 0);
    CHECK_INT(assets_find("icon.png", path, sizeof path), ==, 0);
    CHECK_INT(assets_find("no-such-asset.png", path, sizeof path), ==, -1);
    CHECK_INT(assets_set_icon(gui.win), ==, 0);
}

static void rush_option_should_name_a_rush_that_does_not_load(void)
{
    AppOptions opt = {.rush = "no_such_rush",
                      .trainee = "测试员",
                      .scenarios_dir = "scenarios",
                      .results_dir = gui.results_dir,
                      .seed = 7};
    KefuError err = {{0}};
    App *app = app_create(gui.win, gui.ren, &opt, &err);
    CHECK(app == NULL);
    app_destroy(app);
    CHECK(strstr(err.msg, "rush/no_such_rush.lua") != NULL);
    /* And a rush cannot be an exam. */
    memset(&err, 0, sizeof err);
    AppOptions both = {.rush = "rush_easy",
                       .exam = "tests/data/exams/twice.lua",
                       .scenarios_dir = "scenarios",
                       .results_dir = gui.results_dir};
    app = app_create(gui.win, gui.ren, &both, &err);
    CHECK(app == NULL);
    app_destroy(app);
    CHECK(strstr(err.msg, "a rush cannot be sat as an exam") != NULL);
}

/* Writes text to dir/name. */
static void write_file(const char *dir, const char *name, const char *text)
{
    char path[1300];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *f = plat_fopen(path, "wb");
    CHECK(f != NULL);
    if (f) {
        fputs(text, f);
        fclose(f);
    }
}

/* text with every from replaced by to (malloc'd). */
static char *replace_all(const char *text, const char *from, const char *to)
{
    size_t fl = strlen(from), tl = strlen(to), n = 0;
    for (const char *p = strstr(text, from); p; p = strstr(p + fl, from))
        n++;
    char *out = malloc(strlen(text) + n * (tl > fl ? tl - fl : 0) + 1), *o = out;
    if (!out)
        return NULL;
    const char *p = text;
    for (const char *q = strstr(p, from); q; p = q + fl, q = strstr(p, from)) {
        memcpy(o, p, (size_t)(q - p));
        o += q - p;
        memcpy(o, to, tl);
        o += tl;
    }
    strcpy(o, p);
    return out;
}

/* The history row of trainee's rush, -1 when none. */
static int rush_row(App *app, const char *trainee)
{
    for (int i = 0; i < app->hist.n; i++)
        if (app->hist.rows[i].rush && !app->hist.rows[i].broken &&
            strcmp(app->hist.rows[i].trainee, trainee) == 0)
            return i;
    return -1;
}

static void rush_should_be_found_in_the_history_and_open_its_scorecard(void)
{
    clean_results();
    App *app = start_rush("rush_1111");
    if (!app)
        return;
    RushBench *rb = &app->rb;
    gui_advance(app, 6);
    say(app, "亲，您好！欢迎光临，这款是我们店的爆款哦");
    gui_advance(app, 240); /* the others, unanswered, go */
    gui_press(app, SDLK_ESCAPE, 0);
    gui_press(app, SDLK_RETURN, 0);
    CHECK_INT(rb->done, ==, 1);
    char saved[1024];
    snprintf(saved, sizeof saved, "%s", rb->path);
    CHECK(saved[0] != 0);
    cJSON *j = gui_read_json(saved);
    char *text = gui_read_text(saved);
    CHECK(j != NULL && text != NULL);
    if (!j || !text) {
        cJSON_Delete(j);
        free(text);
        app_destroy(app);
        return;
    }
    int lost = cJSON_GetObjectItem(cJSON_GetObjectItem(j, RK_SUMMARY), RK_LOST)->valueint;
    CHECK_INT(lost, >=, 1);
    const cJSON *conv1 = cJSON_GetArrayItem(cJSON_GetObjectItem(j, RK_CONVERSATIONS), 1);
    char scenario1[64];
    snprintf(scenario1, sizeof scenario1, "%s",
             cJSON_GetObjectItem(cJSON_GetObjectItem(conv1, RK_SCENARIO), RK_ID)->valuestring);
    cJSON_Delete(j);
    /* Someone else's rush (a copy under another name), and a rush file that is broken. */
    char *other = replace_all(text, "测试员", "小王");
    CHECK(other != NULL);
    if (other)
        write_file(gui.results_dir, "other-rush.json", other);
    free(other);
    free(text);
    write_file(gui.results_dir, "broken-rush.json",
               "{\"schema\": \"kefu.rush/1\", \"id\": \"broken\", \"conversations\": []}\n");

    /* H from the rush's scorecard: the history, the trainee's own rows only. */
    gui_press(app, SDLK_h, 0);
    CHECK_INT(app_screen(app), ==, SCREEN_HISTORY);
    History *h = &app->hist;
    CHECK_INT(h->mine_only, ==, 1);
    CHECK_INT(h->n, ==, 2); /* the rush played, and the broken file (nobody's: shown to all) */
    int mine = rush_row(app, "测试员");
    CHECK_INT(mine, ==, 0);
    CHECK_INT(rush_row(app, "小王"), ==, -1);
    if (mine == 0) {
        const HistoryRow *r = &h->rows[0];
        CHECK_STR(r->path, saved);
        CHECK_INT(r->customers, ==, 5);
        CHECK_INT(r->lost, ==, lost);
        CHECK(strstr(r->title, "双十一") != NULL);
    }
    CHECK(h->n == 2 && h->rows[1].broken != NULL);
    if (h->n == 2 && h->rows[1].broken) {
        /* Why, naming the file by its name: no folder of this machine on the screen. */
        CHECK(strstr(h->rows[1].broken, "broken-rush.json: ") == h->rows[1].broken);
        CHECK(strstr(h->rows[1].broken, "summary") != NULL);
        /* Enter on it says so and stays. */
        gui_press(app, SDLK_DOWN, 0);
        gui_press(app, SDLK_RETURN, 0);
        CHECK_INT(app_screen(app), ==, SCREEN_HISTORY);
        CHECK(strstr(app->notice, "broken-rush.json") != NULL);
        gui_press(app, SDLK_UP, 0);
    }
    /* All: the other trainee's rush too. */
    gui_press(app, SDLK_TAB, 0);
    CHECK_INT(h->mine_only, ==, 0);
    CHECK_INT(h->n, ==, 3);
    CHECK_INT(rush_row(app, "小王"), >=, 0);
    mine = rush_row(app, "测试员");
    CHECK_INT(mine, >=, 0);
    while (mine > 0 && h->sel < mine)
        gui_press(app, SDLK_DOWN, 0);
    CHECK_INT(h->sel, ==, mine);
    gui_marked(app, "history.row1");
    gui_check_screenshot(app, "rush-history");

    /* Enter: the rush's scorecard, read from its file. */
    gui_press(app, SDLK_RETURN, 0);
    CHECK_INT(app_screen(app), ==, SCREEN_RUSH);
    CHECK_INT(rb->loaded, ==, 1);
    CHECK_INT(rb->done, ==, 1);
    CHECK_INT(rb->n, ==, 5);
    CHECK_STR(rb->path, saved);
    CHECK_INT(rb->stats.n, ==, 5);
    CHECK_INT(rb->stats.lost, ==, lost);
    CHECK(strstr(rb->title, "双十一") != NULL);
    for (int i = 0; i < rb->n; i++)
        CHECK_INT(rb->total[i], >=, 0);
    CHECK_STR(rb->persona[0], "王女士"); /* the haggler's name, from her scenario */
    gui_marked(app, "rush.saved");
    gui_check_screenshot(app, "rush-history-score");
    /* Down, Enter: the second customer's full scorecard; Esc back to the rush's. */
    gui_press(app, SDLK_DOWN, 0);
    gui_press(app, SDLK_RETURN, 0);
    CHECK_INT(app_screen(app), ==, SCREEN_SCORE);
    CHECK(app->score.have);
    CHECK_STR(app->score.result.scenario_id, scenario1);
    gui_press(app, SDLK_ESCAPE, 0);
    CHECK_INT(app_screen(app), ==, SCREEN_RUSH);
    CHECK_INT(rb->score_sel, ==, 1);
    /* Esc: the history again, as it was left. */
    gui_press(app, SDLK_ESCAPE, 0);
    CHECK_INT(app_screen(app), ==, SCREEN_HISTORY);
    CHECK_INT(h->mine_only, ==, 0);
    CHECK_INT(h->sel, ==, mine);
    app_destroy(app);
    clean_results();
}

/* A session's results file that is broken (cut short, as a full disk may leave it) is a row of
 * the history saying why, by the file's name, for every trainee: never silently left out. */
static void history_should_show_a_broken_session_file_saying_why(void)
{
    clean_results();
    write_file(gui.results_dir, "20261201T080000Z-haggler-dead.json",
               "{\"schema\": \"kefu.result/1\", \"id\": \"20261201T080000Z-haggler-dead\", ");
    AppOptions opt = {.trainee = "测试员"};
    App *app = gui_make_app(&opt);
    if (!app)
        return;
    CHECK_INT(app_go(app, SCREEN_HISTORY, 1), ==, 0);
    History *h = &app->hist;
    CHECK_INT(h->n, ==, 1);
    if (h->n == 1) {
        const HistoryRow *r = &h->rows[0];
        CHECK(r->broken != NULL);
        CHECK_INT(r->rush, ==, 0);
        if (r->broken) /* by its name, no folder of this machine on the screen */
            CHECK(strncmp(r->broken, "20261201T080000Z-haggler-dead.json:", 35) == 0);
        gui_check_screenshot(app, "history-broken");
        gui_press(app, SDLK_RETURN, 0);
        CHECK_INT(app_screen(app), ==, SCREEN_HISTORY);
        CHECK(strstr(app->notice, "打不开这份成绩") != NULL);
    }
    app_destroy(app);
    clean_results();
}

int main(void)
{
    if (gui_open("kefu rush test", "gui-rush-results") < 0)
        return 1;
    setenv("SDL_AUDIODRIVER", "dummy", 1);
    snprintf(journal_dir, sizeof journal_dir, "%s/%s", gui.results_dir, JOURNAL_DIR);
    RUN(rush_should_be_listed_on_the_start_screen_and_start_from_there);
    RUN(rush_should_signal_arrivals_without_taking_the_focus);
    RUN(rush_should_switch_by_keyboard_and_keep_each_draft);
    RUN(rush_should_lose_a_customer_while_another_is_answered);
    RUN(rush_should_journal_every_conversation_and_save_on_quit);
    RUN(rush_should_remember_the_mute_switch);
    RUN(chime_should_be_silent_without_an_audio_device);
    RUN(rush_option_should_name_a_rush_that_does_not_load);
    RUN(rush_should_be_found_in_the_history_and_open_its_scorecard);
    RUN(history_should_show_a_broken_session_file_saying_why);
    gui_close();
    CHECK_DONE();
}
