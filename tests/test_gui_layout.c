/* GUI tests of the window's size and the start screen's list under SDL's offscreen driver: the
 * window never gets smaller than APP_MIN_W x APP_MIN_H, and at that size (and up) the named
 * parts of the start, chat and exam screens lie inside the window without overlapping; the
 * scenario list scrolls (wheel, scrollbar, keyboard keeping the selection in view); the
 * trainee's name is remembered between launches, and a broken settings file is ignored. */
#include <SDL.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "app.h"
#include "app_state.h"
#include "check.h"
#include "font.h"
#include "gui_harness.h"

/* The parts of each screen that must never overlap one another. */
static const char *const start_parts[] = {"start.name",    "start.mode",      "start.go",
                                          "start.history", "start.notice",    "start.keys",
                                          "start.list",    "start.scrollbar", NULL};
static const char *const chat_parts[] = {"chat.name",  "chat.desc", "chat.mood",  "chat.status",
                                         "chat.end",   "chat.list", "chat.emoji", "chat.hint",
                                         "chat.input", "chat.send", "chat.card",  NULL};
static const char *const history_parts[] = {"history.filter", "history.row1", "history.detail",
                                            "history.open",   "history.back", NULL};
static const char *const exam_parts[] = {"exam.rules",     "exam.roster", "exam.message",
                                         "exam.scenario1", "exam.start",  NULL};

/* Every part in parts that was drawn lies inside the window and meets no other; the parts in
 * must (NULL-terminated, may be NULL) were drawn. */
static void check_no_overlap(App *app, const char *const *parts, const char *const *must,
                             const char *what)
{
    app_render(app, 1);
    SDL_Rect win = {0, 0, app->ui.w, app->ui.h};
    for (int i = 0; must && must[i]; i++) {
        SDL_Rect r;
        int drawn = ui_marked(&app->ui, must[i], &r) && r.w > 0 && r.h > 0;
        if (!drawn)
            fprintf(stderr, "  %s: %s is not drawn\n", what, must[i]);
        CHECK(drawn);
    }
    for (int i = 0; parts[i]; i++) {
        SDL_Rect a;
        if (!ui_marked(&app->ui, parts[i], &a) || a.w <= 0 || a.h <= 0)
            continue;
        SDL_Rect in;
        int inside = SDL_IntersectRect(&a, &win, &in) && SDL_RectEquals(&in, &a);
        if (!inside)
            fprintf(stderr, "  %s: %s (%d,%d %dx%d) is not inside the %dx%d window\n", what,
                    parts[i], a.x, a.y, a.w, a.h, win.w, win.h);
        CHECK(inside);
        for (int k = i + 1; parts[k]; k++) {
            SDL_Rect b;
            if (!ui_marked(&app->ui, parts[k], &b) || b.w <= 0 || b.h <= 0)
                continue;
            int meet = SDL_HasIntersection(&a, &b);
            if (meet)
                fprintf(stderr, "  %s: %s (%d,%d %dx%d) overlaps %s (%d,%d %dx%d)\n", what,
                        parts[i], a.x, a.y, a.w, a.h, parts[k], b.x, b.y, b.w, b.h);
            CHECK(!meet);
        }
    }
}

static int scenario_index(App *app, const char *id)
{
    for (int i = 0; i < app->nscenarios; i++)
        if (strcmp(app->scenarios[i]->id, id) == 0)
            return i;
    return -1;
}

/* ------------------------------------------------------------------------------------------ */

static void layout_should_keep_the_window_at_least_the_minimum(void)
{
    App *app = gui_make_app(NULL);
    if (!app)
        return;
    int minw = 0, minh = 0, w = 0, h = 0;
    SDL_GetWindowMinimumSize(gui.win, &minw, &minh);
    CHECK_INT(minw, ==, APP_MIN_W);
    CHECK_INT(minh, ==, APP_MIN_H);
    gui_resize(app, 300, 200);
    SDL_GetWindowSize(gui.win, &w, &h);
    CHECK_INT(w, ==, APP_MIN_W);
    CHECK_INT(h, ==, APP_MIN_H);
    CHECK_INT(app->ui.w, ==, APP_MIN_W);
    CHECK_INT(app->ui.h, ==, APP_MIN_H);
    app_destroy(app);
    SDL_SetWindowSize(gui.win, 1100, 760);
}

static void layout_should_fit_every_screen_at_the_minimum_size(void)
{
    font_stats_reset();
    static const int sizes[][2] = {{APP_MIN_W, APP_MIN_H}, {900, 640}, {1100, 760}};
    for (size_t k = 0; k < sizeof sizes / sizeof sizes[0]; k++) {
        char what[64];
        /* The start screen with a long notice (the one a recovered session leaves). */
        App *app = gui_make_app(NULL);
        if (!app)
            return;
        gui_resize(app, sizes[k][0], sizes[k][1]);
        app_notice(
            app, 1,
            "上次的练习没有正常结束，已从练习记录恢复并保存：「砍价的王女士」（张三，3 条回复，"
            "中途放弃）。可在历史成绩中查看。\n有 1 份练习记录无法恢复：results/.journal/"
            "x.jsonl:3: 不是 JSON");
        snprintf(what, sizeof what, "start %dx%d", sizes[k][0], sizes[k][1]);
        static const char *const start_must[] = {"start.name", "start.go",     "start.list",
                                                 "start.keys", "start.notice", NULL};
        check_no_overlap(app, start_parts, start_must, what);
        if (k == 0)
            gui_check_screenshot(app, "start-min");
        app_destroy(app);

        /* The chat, practice: mood, the wait timer in red, the hint line, the product card. */
        AppOptions opt = {.scenario = "haggler", .trainee = "张三"};
        app = gui_make_app(&opt);
        if (!app)
            return;
        gui_resize(app, sizes[k][0], sizes[k][1]);
        gui_advance(app, 6);
        gui_push_text("亲，您好！这款床是北欧白橡木实木的，做工很扎实，您放心");
        gui_press(app, SDLK_RETURN, 0);
        gui_advance(app, 16);
        snprintf(what, sizeof what, "chat %dx%d, waiting", sizes[k][0], sizes[k][1]);
        check_no_overlap(app, chat_parts, NULL, what);
        if (k == 0)
            gui_check_screenshot(app, "chat-min");
        gui_advance(app, 130); /* the customer leaves: the longest status the header shows */
        app_notice(app, 1, "成绩没能保存：results: cannot write: No space left on device");
        snprintf(what, sizeof what, "chat %dx%d", sizes[k][0], sizes[k][1]);
        static const char *const chat_must[] = {
            "chat.name", "chat.mood",  "chat.status", "chat.end",  "chat.list",
            "chat.hint", "chat.input", "chat.send",   "chat.card", NULL};
        check_no_overlap(app, chat_parts, chat_must, what);
        /* A conversation is visible: the list keeps most of the height. */
        SDL_Rect list = gui_marked(app, "chat.list");
        CHECK_INT(list.h, >=, app->ui.h / 2);
        CHECK_INT(gui_marked(app, "chat.card").w, >=, 200);
        /* Where the card is taller than the window, a scrollbar says so. */
        SDL_Rect bar;
        CHECK_INT(ui_marked(&app->ui, "chat.card_scrollbar", &bar), ==,
                  app->chat.card.content_h > app->chat.card.view_h);
        app_destroy(app);

        /* The history, with the principles of the selected result beside the list (the
         * sessions above are in it), and a scorecard for the eye. */
        app = gui_make_app(&(AppOptions){.trainee = "张三"});
        if (!app)
            return;
        gui_resize(app, sizes[k][0], sizes[k][1]);
        gui_press(app, SDLK_h, KMOD_LCTRL);
        CHECK_INT(app_screen(app), ==, SCREEN_HISTORY);
        snprintf(what, sizeof what, "history %dx%d", sizes[k][0], sizes[k][1]);
        check_no_overlap(app, history_parts, history_parts, what);
        /* A figure that could not be measured is left out, never shown as -1. */
        for (int i = 0; i < app->hist.detail.n; i++) {
            const char *t = app->hist.detail.items[i].tb.text;
            CHECK(!t || (!strstr(t, "打字 -1") && !strstr(t, "响应 -1")));
        }
        if (k == 0) {
            gui_check_screenshot(app, "history-min");
            gui_press(app, SDLK_RETURN, 0);
            CHECK_INT(app_screen(app), ==, SCREEN_SCORE);
            gui_check_screenshot(app, "score-min");
        }
        app_destroy(app);

        /* The exam's roster picker, with the refusal of a closed window. */
        AppOptions exam = {.exam = "tests/data/exams/closed.lua", .trainee = "张三"};
        app = gui_make_app(&exam);
        if (!app)
            return;
        gui_resize(app, sizes[k][0], sizes[k][1]);
        snprintf(what, sizeof what, "exam %dx%d", sizes[k][0], sizes[k][1]);
        static const char *const exam_must[] = {"exam.roster", "exam.message", "exam.scenario1",
                                                "exam.start", NULL};
        check_no_overlap(app, exam_parts, exam_must, what);
        if (k == 0)
            gui_check_screenshot(app, "exam-min");
        app_destroy(app);
    }
    CHECK_INT(font_stats()->boxes, ==, 0);
    SDL_SetWindowSize(gui.win, 1100, 760);
}

static void layout_should_scroll_the_scenario_list(void)
{
    App *app = gui_make_app(&(AppOptions){.trainee = "张三"});
    if (!app)
        return;
    gui_resize(app, 1100, 760);
    app_render(app, 1);
    CHECK_INT(app->nscenarios, >=, 8);
    /* More cards than fit: a scrollbar, at the top. */
    SDL_Rect list = gui_marked(app, "start.list");
    SDL_Rect bar = gui_marked(app, "start.scrollbar");
    CHECK_INT(app->list_content_h, >, list.h);
    CHECK_INT(app->list_scroll, ==, 0);
    /* The wheel scrolls the list; the selection stays. */
    int sel = app->sel;
    gui_wheel(app, list.x + list.w / 2, list.y + list.h / 2, -2);
    CHECK_INT(app->list_scroll, >, 0);
    CHECK_INT(app->sel, ==, sel);
    int scrolled = app->list_scroll;
    gui_wheel(app, list.x + list.w / 2, list.y + list.h / 2, 1);
    CHECK_INT(app->list_scroll, <, scrolled);
    CHECK_INT(app->sel, ==, sel);
    /* A click at the foot of the scrollbar goes to the end of the list. */
    gui_click(app, bar.x + bar.w / 2, bar.y + bar.h - 2, 1);
    CHECK_INT(app->list_scroll, ==, app->list_content_h - app->list_view_h);
    gui_save_screenshot(app, "start-scrolled");
    /* Dragging the thumb to the top scrolls back: pressed on it, moved, let go. */
    SDL_Event ev = {0};
    ev.type = SDL_MOUSEBUTTONDOWN;
    ev.button.windowID = SDL_GetWindowID(gui.win);
    ev.button.button = SDL_BUTTON_LEFT;
    ev.button.clicks = 1;
    ev.button.x = bar.x + bar.w / 2;
    ev.button.y = bar.y + bar.h - 2;
    SDL_PushEvent(&ev);
    app_pump(app);
    CHECK_INT(app->list_drag, ==, 1);
    memset(&ev, 0, sizeof ev);
    ev.type = SDL_MOUSEMOTION;
    ev.motion.windowID = SDL_GetWindowID(gui.win);
    ev.motion.x = bar.x + bar.w / 2;
    ev.motion.y = bar.y;
    SDL_PushEvent(&ev);
    memset(&ev, 0, sizeof ev);
    ev.type = SDL_MOUSEBUTTONUP;
    ev.button.button = SDL_BUTTON_LEFT;
    SDL_PushEvent(&ev);
    app_pump(app);
    CHECK_INT(app->list_scroll, ==, 0);
    CHECK_INT(app->list_drag, ==, 0);
    /* The keyboard keeps the selected card wholly in view: End, then Home. */
    CHECK_INT(app->start_focus, ==, SF_LIST);
    gui_press(app, SDLK_END, 0);
    app_render(app, 1);
    /* The list ends with the rushes' section: End goes to the last rush, at the very end. */
    CHECK_INT(app->nrushes, >, 0);
    CHECK_INT(app->rush_sel, ==, app->nrushes - 1);
    CHECK_INT(app->list_scroll, ==, app->list_content_h - app->list_view_h);
    for (int i = 0; i < app->nrushes; i++)
        gui_press(app, SDLK_UP, 0);
    app_render(app, 1);
    CHECK_INT(app->rush_sel, ==, -1);
    CHECK_INT(app->sel, ==, app->nscenarios - 1);
    int x = 0, y = 0;
    CHECK(gui_target_centre(app, &list, app->sel, &x, &y));
    for (int i = 0; i < app->ui.ntargets; i++)
        if (app->ui.targets[i].arg == app->sel &&
            SDL_HasIntersection(&app->ui.targets[i].rect, &list))
            CHECK_INT(app->ui.targets[i].rect.h, ==, ui_px(&app->ui, 96));
    gui_press(app, SDLK_HOME, 0);
    app_render(app, 1);
    CHECK_INT(app->sel, ==, 0);
    CHECK_INT(app->list_scroll, ==, 0);
    /* Down from a card half out of view scrolls only as far as needed. */
    for (int i = 0; i < 5; i++)
        gui_press(app, SDLK_DOWN, 0);
    app_render(app, 1);
    int top = 5 * (ui_px(&app->ui, 96) + ui_px(&app->ui, 12));
    CHECK_INT(app->list_scroll, ==, top + ui_px(&app->ui, 96) - app->list_view_h);
    /* A click on a card picks it, and a double click starts it. */
    int want = scenario_index(app, "haggler");
    gui_press(app, SDLK_HOME, 0);
    app_render(app, 1);
    CHECK(gui_target_centre(app, &list, want, &x, &y) || want > 3);
    if (want >= 0 && gui_target_centre(app, &list, want, &x, &y)) {
        gui_click(app, x, y, 2);
        CHECK_INT(app_screen(app), ==, SCREEN_CHAT);
        CHECK_STR(app->chat.scenario->id, "haggler");
    }
    app_destroy(app);
}

static void layout_should_remember_the_name(void)
{
    char path[1300];
    gui_settings_path(path, sizeof path);
    gui_forget_settings();
    gui.keep_settings = 1;
    /* First launch: nothing remembered; the name typed is kept when the session starts. */
    App *app = gui_make_app(NULL);
    if (!app)
        return;
    CHECK_STR(app->name.buf ? app->name.buf : "", "");
    CHECK_INT(app->start_focus, ==, SF_NAME);
    gui_push_text("王小明");
    app_pump(app);
    gui_press(app, SDLK_RETURN, 0);
    CHECK_INT(app_screen(app), ==, SCREEN_CHAT);
    app_destroy(app);
    char *text = gui_read_text(path);
    CHECK_STR(text, "# kefu play remembers these between launches\ntrainee = 王小明\n");
    free(text);
    /* No temporary file is left beside it (atomicfile renamed it into place). */
    char dir[1400];
    snprintf(dir, sizeof dir, "%s/kefu", gui.config_dir);
    DIR *d = opendir(dir);
    int files = 0;
    for (struct dirent *e; d && (e = readdir(d));)
        files += strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0;
    if (d)
        closedir(d);
    CHECK_INT(files, ==, 1);

    /* Next launch: the name is there, and the focus on the list. */
    app = gui_make_app(NULL);
    if (!app)
        return;
    CHECK_STR(app->name.buf, "王小明");
    CHECK_INT(app->start_focus, ==, SF_LIST);
    app_destroy(app);
    /* kefu play --trainee wins over the remembered name. */
    app = gui_make_app(&(AppOptions){.trainee = "李四"});
    if (app)
        CHECK_STR(app->name.buf, "李四");
    app_destroy(app);

    /* Broken files are ignored, never trusted: not UTF-8, a line without "=", a control
     * character in the name, a folder in the file's place. */
    static const char *const broken[] = {"trainee = \xff\xfe\n", "王小明\n",
                                         "trainee = a\x1b[2Jb\n", NULL};
    for (int i = 0; broken[i]; i++) {
        FILE *f = fopen(path, "wb");
        CHECK(f != NULL);
        if (!f)
            break;
        fputs(broken[i], f);
        fclose(f);
        Settings s;
        KefuError err = {{0}};
        CHECK_INT(settings_load(path, &s, &err), ==, -1);
        CHECK_CONTAINS(err.msg, path);
        CHECK_STR(s.trainee, "");
        app = gui_make_app(NULL);
        if (app)
            CHECK_STR(app->name.buf ? app->name.buf : "", "");
        app_destroy(app);
    }
    remove(path);
    mkdir(path, 0777);
    app = gui_make_app(NULL);
    CHECK(app != NULL);
    app_destroy(app);
    rmdir(path);
    /* Unknown keys (a later version's) and comments are fine. */
    FILE *f = fopen(path, "wb");
    if (f) {
        fputs("# mine\ntheme = dark\ntrainee = 赵六\n", f);
        fclose(f);
    }
    app = gui_make_app(NULL);
    if (app)
        CHECK_STR(app->name.buf, "赵六");
    app_destroy(app);
    gui.keep_settings = 0;
    gui_forget_settings();
}

int main(void)
{
    if (gui_open("kefu layout test", "gui-layout-results") < 0)
        return 1;
    gui_empty_dir(gui.results_dir);
    RUN(layout_should_keep_the_window_at_least_the_minimum);
    RUN(layout_should_fit_every_screen_at_the_minimum_size);
    RUN(layout_should_scroll_the_scenario_list);
    RUN(layout_should_remember_the_name);
    gui_close();
    CHECK_DONE();
}
