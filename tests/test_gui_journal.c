/* GUI tests of the app's journal under the offscreen driver: a session that dies mid-way (its
 * journal left as a killed process leaves it) is saved at the next start, the start screen says
 * so by name, and only once; F5's replayed session keeps journaling; a normal quit removes the
 * journal. */
#include <SDL.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "app.h"
#include "app_state.h"
#include "check.h"
#include "gui_harness.h"
#include "results/journal.h"

static char journal_dir[1200];

/* Types a reply over a few seconds and sends it with Enter. */
static void say(App *app, const char *text)
{
    gui_push_text(text);
    app_pump(app);
    gui_advance(app, 3);
    gui_press(app, SDLK_RETURN, 0);
}

/* Empties the results folder, its journal folder included. */
static void clean_results(void)
{
    gui_empty_dir(gui.results_dir);
    DIR *d = opendir(journal_dir);
    if (d) {
        struct dirent *e;
        while ((e = readdir(d))) {
            char p[2600];
            if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
                continue;
            snprintf(p, sizeof p, "%s/%s", journal_dir, e->d_name);
            remove(p);
        }
        closedir(d);
        rmdir(journal_dir);
    }
}

/* The one file in dir whose name ends in suffix (path into buf), or 0 when there is not exactly
 * one. */
static int only_file(const char *dir, const char *suffix, char *buf, size_t size)
{
    DIR *d = opendir(dir);
    int n = 0;
    if (!d)
        return 0;
    struct dirent *e;
    while ((e = readdir(d))) {
        size_t len = strlen(e->d_name), k = strlen(suffix);
        if (e->d_name[0] == '.' || len <= k || strcmp(e->d_name + len - k, suffix) != 0)
            continue;
        n++;
        snprintf(buf, size, "%s/%s", dir, e->d_name);
    }
    closedir(d);
    return n == 1;
}

static void gui_should_save_a_killed_session_at_the_next_start_and_say_so(void)
{
    clean_results();
    AppOptions opt = {.scenario = "late_parcel", .trainee = "测试员"};
    App *app = gui_make_app(&opt);
    if (!app)
        return;
    CHECK_INT(app_screen(app), ==, SCREEN_CHAT);
    gui_advance(app, 4);
    say(app, "亲，您好，我帮您查一下物流【g1】");
    gui_advance(app, 5);
    /* F5: the session is replayed into a new one; the journal follows it. */
    gui_press(app, SDLK_F5, 0);
    CHECK_INT(app->chat.reloads, ==, 1);
    say(app, "给您添麻烦了，非常抱歉【g2】");
    gui_advance(app, 2);
    say(app, "亲，请您稍等一下【g3】");

    char journal[2600];
    CHECK(only_file(journal_dir, ".jsonl", journal, sizeof journal));
    char *text = gui_read_text(journal);
    CHECK_CONTAINS(text, "【g1】");
    CHECK_CONTAINS(text, "【g3】");
    free(text);

    /* The process dies here: the journal stays as it is, nothing else is written. */
    journal_close(app->chat.journal);
    app->chat.journal = NULL;
    session_destroy(app->chat.session);
    app->chat.session = NULL;
    app_destroy(app);
    char result[2600];
    CHECK(!only_file(gui.results_dir, ".json", result, sizeof result));

    /* The next start saves it and the start screen names it. */
    AppOptions named = {.trainee = "测试员"};
    app = gui_make_app(&named);
    if (!app)
        return;
    CHECK_INT(app_screen(app), ==, SCREEN_START);
    CHECK_CONTAINS(app->notice, "已从练习记录恢复并保存");
    CHECK_CONTAINS(app->notice, "等不到快递的吴先生");
    CHECK_CONTAINS(app->notice, "3 条回复");
    app_render(app, 1);
    gui_check_screenshot(app, "journal_recovered_notice");
    CHECK(only_file(gui.results_dir, ".json", result, sizeof result));
    text = gui_read_text(result);
    CHECK_CONTAINS(text, "【g1】");
    CHECK_CONTAINS(text, "【g2】");
    CHECK_CONTAINS(text, "【g3】");
    CHECK_CONTAINS(text, "\"outcome\":\t\"abandoned\"");
    CHECK_CONTAINS(text, "\"trainee\":\t\"测试员\"");
    free(text);
    CHECK(access(journal_dir, F_OK) != 0);
    app_destroy(app);

    /* Recovery never runs twice: the start after that says nothing. */
    app = gui_make_app(&named);
    if (!app)
        return;
    CHECK_STR(app->notice, "");
    CHECK(only_file(gui.results_dir, ".json", result, sizeof result));
    app_destroy(app);
}

static void gui_should_remove_the_journal_once_the_session_is_saved(void)
{
    clean_results();
    AppOptions opt = {.scenario = "late_parcel", .trainee = "测试员"};
    App *app = gui_make_app(&opt);
    if (!app)
        return;
    gui_advance(app, 4);
    say(app, "亲，您好【q1】");
    char journal[2600], result[2600];
    CHECK(only_file(journal_dir, ".jsonl", journal, sizeof journal));
    /* Quitting saves the session as abandoned, then the journal goes. */
    app_destroy(app);
    CHECK(only_file(gui.results_dir, ".json", result, sizeof result));
    CHECK(access(journal, F_OK) != 0);
    CHECK(access(journal_dir, F_OK) != 0);
}

int main(void)
{
    if (gui_open("kefu journal test", "gui-journal-results") < 0)
        return 1;
    snprintf(journal_dir, sizeof journal_dir, "%s/%s", gui.results_dir, JOURNAL_DIR);
    RUN(gui_should_save_a_killed_session_at_the_next_start_and_say_so);
    RUN(gui_should_remove_the_journal_once_the_session_is_saved);
    clean_results();
    gui_close();
    CHECK_DONE();
}
