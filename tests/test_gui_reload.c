/* GUI tests of F5 in the chat under SDL's offscreen driver: a copy of a scenario and the rubric
 * in a scratch folder is edited, broken and fixed while a session runs; the replies so far must
 * be replayed with the new files, a broken file must show its file:line message in a banner
 * (never over the input box) while the old session goes on, and screenshots of the banner
 * and the toast go to $KEFU_TEST_OUT/screens. */
#include <SDL.h>
#include <cjson/cJSON.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "app.h"
#include "app_state.h"
#include "check.h"
#include "font.h"
#include "gui_harness.h"
#include "results/schema.h"

static char scen_dir[1100];

/* Types a reply over a few seconds and sends it with Enter. */
static void say(App *app, const char *text)
{
    gui_push_text(text);
    app_pump(app);
    gui_advance(app, 3);
    gui_press(app, SDLK_RETURN, 0);
}

/* ------------------------------------------------------------------------------------------ */
/* Files.                                                                                     */

static int write_text(const char *path, const char *text)
{
    FILE *f = fopen(path, "wb");
    if (!f)
        return -1;
    int ok = fputs(text, f) >= 0;
    return fclose(f) == 0 && ok ? 0 : -1;
}

static int copy_file(const char *from, const char *to)
{
    char *t = gui_read_text(from);
    int rc = t ? write_text(to, t) : -1;
    free(t);
    return rc;
}

/* text with every occurrence of old replaced by new (malloc'd), and how many in *count. */
static char *replace_all(const char *text, const char *old, const char *new_text, int *count)
{
    size_t ol = strlen(old), nl = strlen(new_text), n = 0;
    *count = 0;
    for (const char *p = strstr(text, old); ol && p; p = strstr(p + ol, old))
        (*count)++;
    char *out = malloc(strlen(text) + (size_t)*count * nl + 1);
    if (!out)
        return NULL;
    for (const char *p = text;;) {
        const char *q = ol ? strstr(p, old) : NULL;
        if (!q) {
            strcpy(out + n, p);
            break;
        }
        memcpy(out + n, p, (size_t)(q - p));
        n += (size_t)(q - p);
        memcpy(out + n, new_text, nl);
        n += nl;
        p = q + ol;
    }
    return out;
}

/* Writes text to path with line inserted before the first line that starts with before (or as
 * line 1); *lineno receives the inserted line's number. Returns 0, or -1 (a failed check). */
static int write_with_line(const char *path, const char *text, const char *before,
                           const char *line, int *lineno)
{
    const char *at = text;
    int no = 1;
    for (const char *p = text; *p;) {
        if (strncmp(p, before, strlen(before)) == 0) {
            at = p;
            break;
        }
        const char *nl = strchr(p, '\n');
        if (!nl) {
            at = text;
            no = 1;
            break;
        }
        p = nl + 1;
        no++;
    }
    if (at == text)
        no = 1;
    *lineno = no;
    size_t pre = (size_t)(at - text), ll = strlen(line);
    char *out = malloc(strlen(text) + ll + 2);
    int rc = -1;
    if (out) {
        memcpy(out, text, pre);
        memcpy(out + pre, line, ll);
        out[pre + ll] = '\n';
        strcpy(out + pre + ll + 1, at);
        rc = write_text(path, out);
    }
    free(out);
    if (rc != 0)
        fprintf(stderr, "  cannot write %s\n", path);
    CHECK_INT(rc, ==, 0);
    return rc;
}

/* ------------------------------------------------------------------------------------------ */
/* The app's state.                                                                           */

/* The text of the k-th message from who ("" when there is none). */
static const char *text_of(App *app, Sender who, int k)
{
    const Message *m = gui_nth_from(app, who, k);
    return m ? m->text : "";
}

/* Whether some bubble of the conversation shows text. */
static int views_show(App *app, const char *text)
{
    for (int i = 0; i < app->chat.nviews; i++)
        if (app->chat.views[i].body.text && strstr(app->chat.views[i].body.text, text))
            return 1;
    return 0;
}

/* ------------------------------------------------------------------------------------------ */

/* Removes the scratch folder and what is in it. */
static void remove_scenarios(void)
{
    gui_empty_dir(scen_dir);
    rmdir(scen_dir);
}

/* A scratch scenarios folder holding only copies of haggler.lua and rubric.lua (and the model
 * rubric.lua names). It is under
 * /tmp because Lua shortens chunk names past 60 bytes with "...", and the messages checked
 * here must keep their file:line whole however deep the build folder is. */
static int setup_scenarios(void)
{
    snprintf(scen_dir, sizeof scen_dir, "/tmp/kefu-reload-XXXXXX");
    if (!mkdtemp(scen_dir)) {
        perror("mkdtemp");
        return -1;
    }
    char to[1200];
    snprintf(to, sizeof to, "%s/haggler.lua", scen_dir);
    CHECK_INT(copy_file("scenarios/haggler.lua", to), ==, 0);
    snprintf(to, sizeof to, "%s/rubric.lua", scen_dir);
    CHECK_INT(copy_file("scenarios/rubric.lua", to), ==, 0);
    snprintf(to, sizeof to, "%s/rubric.model", scen_dir); /* the meaning model it names */
    CHECK_INT(copy_file("scenarios/rubric.model", to), ==, 0);
    return 0;
}

static void gui_should_reload_edits_and_show_broken_files_in_a_banner(void)
{
    char hag[1200], rub[1200];
    snprintf(hag, sizeof hag, "%s/haggler.lua", scen_dir);
    snprintf(rub, sizeof rub, "%s/rubric.lua", scen_dir);
    char *original = gui_read_text(hag);
    char *rubric_text = gui_read_text(rub);
    char *edited = NULL;
    font_stats_reset();
    AppOptions opt = {.scenario = "haggler", .trainee = "孙七"};
    App *app = gui_make_app(&opt);
    if (!app || !original || !rubric_text)
        goto done;
    CHECK_INT(app_screen(app), ==, SCREEN_CHAT);
    gui_advance(app, 8);
    const Message *first = gui_nth_from(app, FROM_CUSTOMER, 0);
    CHECK(first != NULL);
    if (!first)
        goto done;
    char first_line[512];
    snprintf(first_line, sizeof first_line, "%s", first->text);

    /* Two replies through the input method and Enter, then a draft not sent yet. */
    gui_advance(app, 22); /* long enough for the customer to ask again */
    say(app, "亲，您好！欢迎光临～这款床是纯实木的，用料很扎实哦");
    gui_advance(app, 6);
    say(app, "亲，您眼光真好！价格是统一定价哦，我帮您申请一个小礼品好吗？");
    gui_advance(app, 4);
    CHECK_INT(gui_count_from(app, FROM_AGENT), ==, 2);
    if (gui_count_from(app, FROM_AGENT) != 2)
        goto done;
    gui_push_text("草稿还没发");
    app_pump(app);
    double typing[2];
    for (int i = 0; i < 2; i++)
        typing[i] = gui_nth_from(app, FROM_AGENT, i)->typing_s;
    int exam = app->exam;

    /* Nothing changed: F5 gives back the same conversation, message for message, at the same
     * times (the customer's nudge while kept waiting included). */
    Transcript copy = {0};
    const Transcript *t0 = gui_transcript(app);
    for (int i = 0; i < t0->n; i++) {
        Message *m = transcript_add(&copy, t0->msgs[i].t, t0->msgs[i].from, t0->msgs[i].text,
                                    t0->msgs[i].len);
        if (m)
            m->nudge = t0->msgs[i].nudge;
    }
    int mood = session_mood(app->chat.session);
    Uint64 t_f5 = SDL_GetPerformanceCounter();
    gui_press(app, SDLK_F5, 0);
    printf("  F5 (%d messages): %.1f ms\n", copy.n,
           (double)(SDL_GetPerformanceCounter() - t_f5) * 1000.0 /
               (double)SDL_GetPerformanceFrequency());
    CHECK_STR(app->chat.banner_msg, "");
    CHECK_INT(app->chat.reloads, ==, 1);
    CHECK_INT(session_mood(app->chat.session), ==, mood);
    const Transcript *t1 = gui_transcript(app);
    CHECK_INT(t1->n, ==, copy.n);
    int nudges = 0;
    for (int i = 0; i < t1->n && i < copy.n; i++) {
        CHECK_INT(t1->msgs[i].from, ==, copy.msgs[i].from);
        CHECK_STR(t1->msgs[i].text, copy.msgs[i].text);
        CHECK_DBL(fabs(t1->msgs[i].t - copy.msgs[i].t), <, 1e-6);
        nudges += copy.msgs[i].nudge;
    }
    CHECK_INT(nudges, >=, 1);
    transcript_deinit(&copy);
    CHECK_STR(app_input_text(app), "草稿还没发");

    /* (a) A customer line edited on disk: F5 replays both replies with the new file. */
    const char *new_line = "【改过的台词】这张实木床还能再便宜点吗？";
    int count = 0;
    edited = replace_all(original, first_line, new_line, &count);
    CHECK_INT(count, >, 0);
    if (!edited)
        goto done;
    CHECK_INT(write_text(hag, edited), ==, 0);
    Session *before = app->chat.session;
    double now_before = app_now(app);
    gui_press(app, SDLK_F5, 0);
    CHECK_STR(app->chat.banner_msg, "");
    CHECK(app->chat.session != before);
    CHECK_INT(app->chat.reloads, ==, 2);
    CHECK_INT(gui_count_from(app, FROM_AGENT), ==, 2);
    CHECK_STR(text_of(app, FROM_CUSTOMER, 0), new_line);
    CHECK(views_show(app, new_line));
    CHECK(!views_show(app, first_line));
    CHECK_CONTAINS(app->chat.toast_msg, "已重新载入 haggler.lua 和 rubric.lua");
    /* The draft, the mode, the typing times and the clock are as they were. */
    CHECK_STR(app_input_text(app), "草稿还没发");
    CHECK_INT(app->exam, ==, exam);
    for (int i = 0; i < 2 && gui_nth_from(app, FROM_AGENT, i); i++)
        CHECK_DBL(gui_nth_from(app, FROM_AGENT, i)->typing_s, ==, typing[i]);
    CHECK(fabs(session_now(app->chat.session) - now_before) < 0.001);
    CHECK(app->chat.scenario == app->scenarios[app->sel]);
    CHECK_STR(app->chat.scenario->id, "haggler");
    /* Practice mode: the replayed replies are judged again with the new rubric. */
    int notes = 0;
    for (int i = 0; i < app->chat.nviews; i++)
        notes += app->chat.views[i].good.text != NULL || app->chat.views[i].bad.text != NULL;
    CHECK_INT(notes, >, 0);
    SDL_Surface *s = gui_screenshot(app, "chat-reload-toast");
    if (s) {
        /* The toast's dark pill over the top of the conversation. */
        CHECK_INT(gui_count_near(s, (SDL_Rect){0, 70, s->w, 120}, (SDL_Color){46, 52, 64, 255}), >,
                  2000);
        SDL_FreeSurface(s);
    }
    CHECK_INT(font_stats()->boxes, ==, 0);
    /* It goes by itself, and the loop wakes for it. */
    CHECK_INT(app_wait_ms(app), <=, 4000);
    gui_advance(app, 5);
    CHECK_STR(app->chat.toast_msg, "");

    /* The session goes on: the draft is sent, its wait measured on the same clock. */
    double t_send = app_now(app);
    double since = session_waiting_since(app->chat.session);
    CHECK_DBL(since, >=, 0);
    CHECK_DBL(since, <=, t_send);
    gui_press(app, SDLK_RETURN, 0);
    CHECK_INT(gui_count_from(app, FROM_AGENT), ==, 3);
    const Message *sent = gui_nth_from(app, FROM_AGENT, 2);
    if (!sent)
        goto done;
    CHECK_STR(sent->text, "草稿还没发");
    CHECK_DBL(fabs(sent->t - t_send), <, 0.001);
    CHECK_DBL(fabs(sent->wait_s - (t_send - since)), <, 0.01);
    CHECK_DBL(sent->typing_s, >, 0);
    gui_advance(app, 4);

    /* (b) A syntax error: the banner names the file and the line; the old session goes on. */
    int bad_line = 0;
    if (write_with_line(hag, edited, "local lines", "local broken = = 1", &bad_line) < 0)
        goto done;
    gui_push_text("这句是坏文件时的草稿");
    app_pump(app);
    before = app->chat.session;
    int n_before = gui_transcript(app)->n;
    gui_press(app, SDLK_F5, 0);
    char want[1300];
    snprintf(want, sizeof want, "%s:%d:", hag, bad_line);
    CHECK_CONTAINS(app->chat.banner_msg, want);
    CHECK_CONTAINS(app_last_error(app), want);
    CHECK(app->chat.session == before);
    CHECK_INT(gui_transcript(app)->n, ==, n_before);
    CHECK_INT(app_screen(app), ==, SCREEN_CHAT);
    CHECK_STR(app_input_text(app), "这句是坏文件时的草稿");
    CHECK_STR(app->chat.toast_msg, "");
    s = gui_screenshot(app, "chat-reload-error");
    if (s) {
        SDL_Rect b = app->chat.banner_rect, in = app->chat.input_rect;
        CHECK_INT(b.h, >, 0);
        CHECK(!SDL_HasIntersection(&b, &in));
        /* Below the header, in the banner's colours, with the close button on it. */
        CHECK_INT(b.y, >=, 60);
        CHECK_INT(gui_count_near(s, b, C_BAD_SOFT), >, (long)b.w * b.h / 3);
        CHECK_INT(gui_count_near(s, b, C_BAD), >, 200);
        /* The input box is still drawn with the draft in it. */
        CHECK_INT(gui_count_near(s, in, C_TEXT), >, 100);
        SDL_FreeSurface(s);
    }
    /* In a narrow window the message wraps, and the banner still keeps off the input box. */
    gui_resize(app, 560, 600);
    gui_save_screenshot(app, "chat-reload-error-narrow");
    CHECK_INT(app->chat.banner.nlines, >=, 2);
    CHECK_INT(app->chat.banner_rect.h, >, 0);
    CHECK(!SDL_HasIntersection(&app->chat.banner_rect, &app->chat.input_rect));
    gui_resize(app, 1100, 760);
    CHECK_INT(font_stats()->boxes, ==, 0);
    /* The old session still takes replies. */
    gui_press(app, SDLK_RETURN, 0);
    CHECK_INT(gui_count_from(app, FROM_AGENT), ==, 4);
    CHECK_CONTAINS(app->chat.banner_msg, want);
    gui_advance(app, 3);
    /* Esc closes the banner (and does not ask to end the session); F5 brings it back. */
    gui_press(app, SDLK_ESCAPE, 0);
    CHECK_STR(app->chat.banner_msg, "");
    CHECK_INT(app->chat.confirm, ==, 0);
    CHECK_INT(app_screen(app), ==, SCREEN_CHAT);
    gui_press(app, SDLK_F5, 0);
    CHECK_CONTAINS(app->chat.banner_msg, want);

    /* (c) Fixed: F5 again, the banner goes and the four replies are replayed. */
    CHECK_INT(write_text(hag, edited), ==, 0);
    gui_press(app, SDLK_F5, 0);
    CHECK_STR(app->chat.banner_msg, "");
    CHECK_INT(app->chat.reloads, ==, 3);
    CHECK_INT(gui_count_from(app, FROM_AGENT), ==, 4);
    CHECK_CONTAINS(app->chat.toast_msg, "haggler.lua");

    /* (d) A broken rubric is named too, and the session is kept. */
    int rub_line = 0;
    if (write_with_line(rub, rubric_text, "return", "local = 1", &rub_line) == 0) {
        before = app->chat.session;
        gui_press(app, SDLK_F5, 0);
        snprintf(want, sizeof want, "%s:%d:", rub, rub_line);
        CHECK_CONTAINS(app->chat.banner_msg, want);
        CHECK(app->chat.session == before);
        CHECK_INT(write_text(rub, rubric_text), ==, 0);
        gui_press(app, SDLK_F5, 0);
        CHECK_STR(app->chat.banner_msg, "");
        CHECK_INT(gui_count_from(app, FROM_AGENT), ==, 4);
    }
    CHECK_INT(font_stats()->boxes, ==, 0);

    /* The results file records the conversation as replayed, and the file it was played
     * with: the one on disk now, not the one the session started with. */
    char sha[80];
    snprintf(sha, sizeof sha, "%s", app->chat.scenario->sha256);
    KefuError err = {{0}};
    Scenario *disk = scenario_load(hag, app->rubric, &err);
    CHECK(disk != NULL);
    if (disk)
        CHECK_STR(disk->sha256, sha);
    scenario_destroy(disk);
    gui_press(app, SDLK_q, KMOD_LCTRL);
    CHECK(app_should_quit(app));
    cJSON *j = gui_read_json(app_last_result(app));
    CHECK(j != NULL);
    if (j) {
        CHECK_STR(cJSON_GetStringValue(
                      cJSON_GetObjectItem(cJSON_GetObjectItem(j, RK_SCENARIO), RK_SHA256)),
                  sha);
        int agents = 0;
        const cJSON *m;
        cJSON_ArrayForEach(m, cJSON_GetObjectItem(j, RK_TRANSCRIPT))
        {
            const char *from = cJSON_GetStringValue(cJSON_GetObjectItem(m, RK_FROM));
            agents += from && strcmp(from, "agent") == 0;
        }
        CHECK_INT(agents, ==, 4);
        cJSON_Delete(j);
    }
    app_destroy(app);
    app = NULL;
done:
    app_destroy(app);
    if (original)
        write_text(hag, original);
    if (rubric_text)
        write_text(rub, rubric_text);
    free(original);
    free(rubric_text);
    free(edited);
}

/* A customer who now leaves at once: the replies after that cannot be replayed, and the toast
 * says so. Exam mode stays exam mode (no notes under the bubbles). */
static void gui_should_say_which_replies_were_not_replayed(void)
{
    static const char *tiny =
        "-- 只为测试 F5 的顾客\n"
        "local count = 0\n"
        "return {\n"
        "  title = \"测试：重新载入\",\n"
        "  difficulty = 1,\n"
        "  kind = \"presale\",\n"
        "  persona = {name = \"测试顾客\", avatar = \"测\", description = \"只为测试 F5\",\n"
        "             patience = 600, mood = 50},\n"
        "  product = {name = \"测试商品\", price = 10, stock = 5},\n"
        "  scorecard = {principles = {{id = \"warm_greeting\", weight = 10}},\n"
        "               outcomes = {sale = 10, left = 0}},\n"
        "  start = function(s) s:say(\"你好，在吗？\") end,\n"
        "  on_reply = function(s, reply)\n"
        "    count = count + 1\n"
        "    s:say(\"收到你的第\" .. count .. \"条消息\")\n"
        "  end,\n"
        "}\n";
    char path[1200];
    snprintf(path, sizeof path, "%s/tiny_reload.lua", scen_dir);
    CHECK_INT(write_text(path, tiny), ==, 0);
    AppOptions opt = {.scenario = "tiny_reload", .trainee = "孙七", .mode = "exam"};
    App *app = gui_make_app(&opt);
    char *buys = NULL;
    if (!app)
        goto done;
    gui_advance(app, 6);
    say(app, "亲，您好！");
    gui_advance(app, 5);
    say(app, "请问还有什么可以帮您？");
    gui_advance(app, 5);
    say(app, "亲，在吗？");
    gui_advance(app, 5);
    CHECK_INT(gui_count_from(app, FROM_AGENT), ==, 3);
    CHECK(views_show(app, "收到你的第3条消息"));
    int count = 0;
    buys = replace_all(tiny, "s:say(\"收到你的第\" .. count .. \"条消息\")",
                       "s:say(\"算了，我去别家看看\") s:finish(\"left\")", &count);
    CHECK_INT(count, ==, 1);
    if (!buys)
        goto done;
    CHECK_INT(write_text(path, buys), ==, 0);
    gui_press(app, SDLK_F5, 0);
    CHECK_STR(app->chat.banner_msg, "");
    CHECK_INT(gui_count_from(app, FROM_AGENT), ==, 1);
    CHECK_INT(session_outcome(app->chat.session), ==, OUTCOME_LEFT);
    CHECK(views_show(app, "算了，我去别家看看"));
    CHECK(!views_show(app, "收到你的第"));
    CHECK_CONTAINS(app->chat.toast_msg, "已重新载入 tiny_reload.lua 和 rubric.lua");
    CHECK_CONTAINS(app->chat.toast_msg, "第 2 条回复");
    CHECK_CONTAINS(app->chat.toast_msg, "2 条回复没有重放");
    CHECK_INT(app->exam, ==, 1);
    for (int i = 0; i < app->chat.nviews; i++)
        CHECK(app->chat.views[i].good.text == NULL && app->chat.views[i].bad.text == NULL);
    gui_save_screenshot(app, "chat-reload-note");
    /* The other scenarios were listed again with the new rubric, the reloaded one among them. */
    CHECK_INT(app->nscenarios, >=, 2);
    CHECK(app->chat.scenario == app->scenarios[app->sel]);
    CHECK_INT(font_stats()->boxes, ==, 0);
done:
    app_destroy(app);
    free(buys);
    remove(path);
}

/* F5 on the start screen reads the rubric and the list again; a broken rubric is named and the
 * old one kept, so the list still works. */
static void gui_should_reload_the_list_and_the_rubric_on_the_start_screen(void)
{
    char rub[1200];
    snprintf(rub, sizeof rub, "%s/rubric.lua", scen_dir);
    char *rubric_text = gui_read_text(rub);
    AppOptions opt = {.trainee = "孙七"};
    App *app = gui_make_app(&opt);
    if (!app || !rubric_text)
        goto done;
    CHECK_INT(app_screen(app), ==, SCREEN_START);
    int n = app->nscenarios;
    CHECK_INT(n, >=, 1);
    const Rubric *old = app->rubric;
    int line = 0;
    if (write_with_line(rub, rubric_text, "return", "local = 1", &line) < 0)
        goto done;
    gui_press(app, SDLK_F5, 0);
    char want[1300];
    snprintf(want, sizeof want, "%s:%d:", rub, line);
    CHECK_CONTAINS(app->notice, want);
    CHECK_CONTAINS(app_last_error(app), want);
    CHECK(app->rubric == old);
    CHECK_INT(app->nscenarios, ==, n);
    gui_save_screenshot(app, "start-reload-error");
    CHECK_INT(write_text(rub, rubric_text), ==, 0);
    gui_press(app, SDLK_F5, 0);
    CHECK_CONTAINS(app->notice, "已重新载入 rubric.lua");
    /* Loaded while the old one was still alive, so it cannot have the same address. */
    CHECK(app->rubric != NULL && app->rubric != old);
    CHECK_INT(app->nscenarios, ==, n);
    /* The list still starts a session with the new rubric. */
    gui_press(app, SDLK_RETURN, 0);
    CHECK_INT(app_screen(app), ==, SCREEN_CHAT);
done:
    app_destroy(app);
    if (rubric_text)
        write_text(rub, rubric_text);
    free(rubric_text);
}

/* A scenario whose start hook fails: Enter on the start screen asks for the chat, the chat
 * cannot begin, and the app stays on the start screen saying which file and line. */
static void gui_should_stay_on_the_start_screen_when_a_session_cannot_start(void)
{
    char path[1200], hag[1200];
    snprintf(path, sizeof path, "%s/broken_start.lua", scen_dir);
    snprintf(hag, sizeof hag, "%s/haggler.lua", scen_dir);
    char *text = gui_read_text(hag);
    int ids = 0, starts = 0;
    char *a = text ? replace_all(text, "id = \"haggler\"", "id = \"broken_start\"", &ids) : NULL;
    char *b = a ? replace_all(a, "start = function(s)", "start = function(s) error(\"开场就出错\")",
                              &starts)
                : NULL;
    CHECK_INT(ids, ==, 1);
    CHECK_INT(starts, ==, 1);
    App *app = NULL;
    if (!b || write_text(path, b) < 0)
        goto done;
    AppOptions opt = {.trainee = "周八"};
    app = gui_make_app(&opt);
    if (!app)
        goto done;
    int broken = -1;
    for (int i = 0; i < app->nscenarios; i++)
        if (strcmp(app->scenarios[i]->id, "broken_start") == 0)
            broken = i;
    CHECK_INT(broken, >=, 0);
    app->sel = broken;
    gui_press(app, SDLK_RETURN, 0);
    CHECK_INT(app_screen(app), ==, SCREEN_START);
    CHECK(app->chat.session == NULL);
    CHECK_CONTAINS(app->notice, "场景出错，无法开始");
    CHECK_CONTAINS(app->notice, "broken_start.lua:");
    CHECK_CONTAINS(app->notice, "开场就出错");
    /* The other scenario still starts. */
    for (int i = 0; i < app->nscenarios; i++)
        if (strcmp(app->scenarios[i]->id, "haggler") == 0)
            app->sel = i;
    gui_press(app, SDLK_RETURN, 0);
    CHECK_INT(app_screen(app), ==, SCREEN_CHAT);
done:
    app_destroy(app);
    remove(path);
    free(b);
    free(a);
    free(text);
}

int main(void)
{
    if (gui_open("kefu reload test", "gui-reload-results") < 0)
        return 1;
    if (setup_scenarios() < 0)
        return 1;
    gui.scenarios_dir = scen_dir;
    RUN(gui_should_reload_edits_and_show_broken_files_in_a_banner);
    RUN(gui_should_say_which_replies_were_not_replayed);
    RUN(gui_should_reload_the_list_and_the_rubric_on_the_start_screen);
    RUN(gui_should_stay_on_the_start_screen_when_a_session_cannot_start);
    remove_scenarios();
    gui_close();
    CHECK_DONE();
}
