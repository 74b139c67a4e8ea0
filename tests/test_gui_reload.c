/* GUI tests of F5 in the chat under SDL's offscreen driver: a copy of a scenario and the rubric
 * in a scratch folder is edited, broken and fixed while a session runs; the replies so far must
 * be replayed with the new files, a broken file must show its file:line message in a banner
 * (never over the input box) while the old session goes on, and screenshots of the banner
 * and the toast go to $KEFU_TEST_OUT/screens. */
#include <SDL.h>
#include <cjson/cJSON.h>
#include <dirent.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "app.h"
#include "app_state.h"
#include "check.h"
#include "font.h"
#include "shot.h"

static uint64_t vclock_ms = 1000;
static char out_dir[1024];
static char results_dir[1100];
static char scen_dir[1100];
static SDL_Window *win;
static SDL_Renderer *ren;

static uint64_t vclock(void *ud)
{
    (void)ud;
    return vclock_ms;
}

/* ------------------------------------------------------------------------------------------ */
/* Events and time.                                                                           */

static void push_key(SDL_Keycode sym, Uint16 mod)
{
    SDL_Event ev = {0};
    ev.type = SDL_KEYDOWN;
    ev.key.state = SDL_PRESSED;
    ev.key.keysym.sym = sym;
    ev.key.keysym.scancode = SDL_GetScancodeFromKey(sym);
    ev.key.keysym.mod = mod;
    ev.key.windowID = SDL_GetWindowID(win);
    SDL_PushEvent(&ev);
    ev.type = SDL_KEYUP;
    ev.key.state = SDL_RELEASED;
    SDL_PushEvent(&ev);
}

/* An IME commit, cut into SDL_TEXTINPUT events of at most 31 bytes on character boundaries. */
static void push_text(const char *s)
{
    size_t n = strlen(s);
    while (n > 0) {
        SDL_Event ev = {0};
        ev.type = SDL_TEXTINPUT;
        ev.text.windowID = SDL_GetWindowID(win);
        size_t took = SDL_utf8strlcpy(ev.text.text, s, sizeof ev.text.text);
        if (took == 0)
            break;
        SDL_PushEvent(&ev);
        s += took;
        n -= took;
    }
}

static void pass(App *app, double seconds)
{
    for (double t = 0; t < seconds; t += 0.25) {
        vclock_ms += 250;
        app_pump(app);
    }
}

/* Types a reply over a few seconds and sends it with Enter. */
static void say(App *app, const char *text)
{
    push_text(text);
    app_pump(app);
    pass(app, 3);
    push_key(SDLK_RETURN, 0);
    app_pump(app);
}

static void press_f5(App *app)
{
    push_key(SDLK_F5, 0);
    app_pump(app);
}

static void resize(App *app, int w, int h)
{
    SDL_SetWindowSize(win, w, h);
    SDL_Event ev = {0};
    ev.type = SDL_WINDOWEVENT;
    ev.window.event = SDL_WINDOWEVENT_SIZE_CHANGED;
    ev.window.data1 = w;
    ev.window.data2 = h;
    SDL_PushEvent(&ev);
    app_pump(app);
}

/* ------------------------------------------------------------------------------------------ */
/* Files.                                                                                     */

static char *read_text(const char *path)
{
    KefuError err = {{0}};
    size_t n = 0;
    char *t = kerr_read_file(path, &n, &err);
    if (!t)
        fprintf(stderr, "  %s\n", err.msg);
    CHECK(t != NULL);
    return t;
}

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
    char *t = read_text(from);
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

/* text with line inserted before the first line that starts with before (or as line 1);
 * *lineno receives the inserted line's number. */
static char *insert_line(const char *text, const char *before, const char *line, int *lineno)
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
    if (!out)
        return NULL;
    memcpy(out, text, pre);
    memcpy(out + pre, line, ll);
    out[pre + ll] = '\n';
    strcpy(out + pre + ll + 1, at);
    return out;
}

/* ------------------------------------------------------------------------------------------ */
/* The app's state.                                                                           */

static const Transcript *transcript(App *app)
{
    return app->chat.session ? session_transcript(app->chat.session) : NULL;
}

static int count_from(App *app, Sender who)
{
    const Transcript *t = transcript(app);
    int n = 0;
    for (int i = 0; t && i < t->n; i++)
        n += t->msgs[i].from == who;
    return n;
}

static const Message *nth_from(App *app, Sender who, int k)
{
    const Transcript *t = transcript(app);
    for (int i = 0; t && i < t->n; i++)
        if (t->msgs[i].from == who && k-- == 0)
            return &t->msgs[i];
    return NULL;
}

/* The text of the k-th message from who ("" when there is none). */
static const char *text_of(App *app, Sender who, int k)
{
    const Message *m = nth_from(app, who, k);
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

static App *make_app(const AppOptions *extra)
{
    AppOptions opt = *extra;
    opt.results_dir = results_dir;
    opt.scenarios_dir = scen_dir;
    if (!opt.seed)
        opt.seed = 7;
    KefuError err = {{0}};
    App *app = app_create(win, ren, &opt, &err);
    if (!app)
        fprintf(stderr, "app_create: %s\n", err.msg);
    CHECK(app != NULL);
    if (app)
        app_set_clock(app, vclock, NULL);
    return app;
}

/* ------------------------------------------------------------------------------------------ */
/* Pixels.                                                                                    */

static Uint32 pixel(SDL_Surface *s, int x, int y)
{
    return ((Uint32 *)((Uint8 *)s->pixels + (size_t)y * s->pitch))[x];
}

static long count_near(SDL_Surface *s, SDL_Rect r, SDL_Color c)
{
    long n = 0;
    for (int y = r.y; y < r.y + r.h && y < s->h; y++)
        for (int x = r.x; x < r.x + r.w && x < s->w; x++) {
            Uint8 cr, cg, cb;
            SDL_GetRGB(pixel(s, x, y), s->format, &cr, &cg, &cb);
            if (abs(cr - c.r) + abs(cg - c.g) + abs(cb - c.b) < 24)
                n++;
        }
    return n;
}

static SDL_Surface *screenshot(App *app, const char *name)
{
    app_render(app, 1);
    SDL_Surface *s = shot_read(ren);
    CHECK(s != NULL);
    if (!s)
        return NULL;
    char path[1200];
    snprintf(path, sizeof path, "%s/screens/%s.png", out_dir, name);
    KefuError err = {{0}};
    CHECK_INT(shot_write_png(s, path, &err), ==, 0);
    return s;
}

/* ------------------------------------------------------------------------------------------ */

/* Removes the scratch folder and what is in it. */
static void remove_scenarios(void)
{
    DIR *d = opendir(scen_dir);
    struct dirent *e;
    while (d && (e = readdir(d))) {
        if (e->d_name[0] == '.')
            continue;
        char p[1400];
        snprintf(p, sizeof p, "%s/%s", scen_dir, e->d_name);
        remove(p);
    }
    if (d)
        closedir(d);
    rmdir(scen_dir);
}

/* A scratch scenarios folder holding only copies of haggler.lua and rubric.lua. It is under
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
    return 0;
}

static void gui_should_reload_edits_and_show_broken_files_in_a_banner(void)
{
    char hag[1200], rub[1200];
    snprintf(hag, sizeof hag, "%s/haggler.lua", scen_dir);
    snprintf(rub, sizeof rub, "%s/rubric.lua", scen_dir);
    char *original = read_text(hag);
    char *rubric_text = read_text(rub);
    char *edited = NULL;
    font_stats_reset();
    AppOptions opt = {.scenario = "haggler", .trainee = "孙七"};
    App *app = make_app(&opt);
    if (!app || !original || !rubric_text)
        goto done;
    CHECK_INT(app_screen(app), ==, SCREEN_CHAT);
    pass(app, 8);
    const Message *first = nth_from(app, FROM_CUSTOMER, 0);
    CHECK(first != NULL);
    if (!first)
        goto done;
    char first_line[512];
    snprintf(first_line, sizeof first_line, "%s", first->text);

    /* Two replies through the input method and Enter, then a draft not sent yet. */
    pass(app, 22); /* long enough for the customer to ask again */
    say(app, "亲，您好！欢迎光临～这款床是纯实木的，用料很扎实哦");
    pass(app, 6);
    say(app, "亲，您眼光真好！价格是统一定价哦，我帮您申请一个小礼品好吗？");
    pass(app, 4);
    CHECK_INT(count_from(app, FROM_AGENT), ==, 2);
    if (count_from(app, FROM_AGENT) != 2)
        goto done;
    push_text("草稿还没发");
    app_pump(app);
    double typing[2];
    for (int i = 0; i < 2; i++)
        typing[i] = nth_from(app, FROM_AGENT, i)->typing_s;
    int exam = app->exam;

    /* Nothing changed: F5 gives back the same conversation, message for message, at the same
     * times (the customer's nudge while kept waiting included). */
    Transcript copy = {0};
    const Transcript *t0 = transcript(app);
    for (int i = 0; i < t0->n; i++) {
        Message *m = transcript_add(&copy, t0->msgs[i].t, t0->msgs[i].from, t0->msgs[i].text,
                                    t0->msgs[i].len);
        if (m)
            m->nudge = t0->msgs[i].nudge;
    }
    int mood = session_mood(app->chat.session);
    Uint64 t_f5 = SDL_GetPerformanceCounter();
    press_f5(app);
    printf("  F5 (%d messages): %.1f ms\n", copy.n,
           (double)(SDL_GetPerformanceCounter() - t_f5) * 1000.0 /
               (double)SDL_GetPerformanceFrequency());
    CHECK_STR(app->chat.banner_msg, "");
    CHECK_INT(app->chat.reloads, ==, 1);
    CHECK_INT(session_mood(app->chat.session), ==, mood);
    const Transcript *t1 = transcript(app);
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
    press_f5(app);
    CHECK_STR(app->chat.banner_msg, "");
    CHECK(app->chat.session != before);
    CHECK_INT(app->chat.reloads, ==, 2);
    CHECK_INT(count_from(app, FROM_AGENT), ==, 2);
    CHECK_STR(text_of(app, FROM_CUSTOMER, 0), new_line);
    CHECK(views_show(app, new_line));
    CHECK(!views_show(app, first_line));
    CHECK_CONTAINS(app->chat.toast_msg, "已重新载入 haggler.lua 和 rubric.lua");
    /* The draft, the mode, the typing times and the clock are as they were. */
    CHECK_STR(app_input_text(app), "草稿还没发");
    CHECK_INT(app->exam, ==, exam);
    for (int i = 0; i < 2 && nth_from(app, FROM_AGENT, i); i++)
        CHECK_DBL(nth_from(app, FROM_AGENT, i)->typing_s, ==, typing[i]);
    CHECK(fabs(session_now(app->chat.session) - now_before) < 0.001);
    CHECK(app->chat.scenario == app->scenarios[app->sel]);
    CHECK_STR(app->chat.scenario->id, "haggler");
    /* Practice mode: the replayed replies are judged again with the new rubric. */
    int notes = 0;
    for (int i = 0; i < app->chat.nviews; i++)
        notes += app->chat.views[i].good.text != NULL || app->chat.views[i].bad.text != NULL;
    CHECK_INT(notes, >, 0);
    SDL_Surface *s = screenshot(app, "chat-reload-toast");
    if (s) {
        /* The toast's dark pill over the top of the conversation. */
        CHECK_INT(count_near(s, (SDL_Rect){0, 70, s->w, 120}, (SDL_Color){46, 52, 64, 255}), >,
                  2000);
        SDL_FreeSurface(s);
    }
    CHECK_INT(font_stats()->boxes, ==, 0);
    /* It goes by itself, and the loop wakes for it. */
    CHECK_INT(app_wait_ms(app), <=, 4000);
    pass(app, 5);
    CHECK_STR(app->chat.toast_msg, "");

    /* The session goes on: the draft is sent, its wait measured on the same clock. */
    double t_send = app_now(app);
    double since = session_waiting_since(app->chat.session);
    CHECK_DBL(since, >=, 0);
    CHECK_DBL(since, <=, t_send);
    push_key(SDLK_RETURN, 0);
    app_pump(app);
    CHECK_INT(count_from(app, FROM_AGENT), ==, 3);
    const Message *sent = nth_from(app, FROM_AGENT, 2);
    if (!sent)
        goto done;
    CHECK_STR(sent->text, "草稿还没发");
    CHECK_DBL(fabs(sent->t - t_send), <, 0.001);
    CHECK_DBL(fabs(sent->wait_s - (t_send - since)), <, 0.01);
    CHECK_DBL(sent->typing_s, >, 0);
    pass(app, 4);

    /* (b) A syntax error: the banner names the file and the line; the old session goes on. */
    int bad_line = 0;
    char *broken = insert_line(edited, "local lines", "local broken = = 1", &bad_line);
    if (!broken)
        goto done;
    CHECK_INT(write_text(hag, broken), ==, 0);
    free(broken);
    push_text("这句是坏文件时的草稿");
    app_pump(app);
    before = app->chat.session;
    int n_before = transcript(app)->n;
    press_f5(app);
    char want[1300];
    snprintf(want, sizeof want, "%s:%d:", hag, bad_line);
    CHECK_CONTAINS(app->chat.banner_msg, want);
    CHECK_CONTAINS(app_last_error(app), want);
    CHECK(app->chat.session == before);
    CHECK_INT(transcript(app)->n, ==, n_before);
    CHECK_INT(app_screen(app), ==, SCREEN_CHAT);
    CHECK_STR(app_input_text(app), "这句是坏文件时的草稿");
    CHECK_STR(app->chat.toast_msg, "");
    s = screenshot(app, "chat-reload-error");
    if (s) {
        SDL_Rect b = app->chat.banner_rect, in = app->chat.input_rect;
        CHECK_INT(b.h, >, 0);
        CHECK(!SDL_HasIntersection(&b, &in));
        /* Below the header, in the banner's colours, with the close button on it. */
        CHECK_INT(b.y, >=, 60);
        CHECK_INT(count_near(s, b, C_BAD_SOFT), >, (long)b.w * b.h / 3);
        CHECK_INT(count_near(s, b, C_BAD), >, 200);
        /* The input box is still drawn with the draft in it. */
        CHECK_INT(count_near(s, in, C_TEXT), >, 100);
        SDL_FreeSurface(s);
    }
    /* In a narrow window the message wraps, and the banner still keeps off the input box. */
    resize(app, 560, 600);
    s = screenshot(app, "chat-reload-error-narrow");
    SDL_FreeSurface(s);
    CHECK_INT(app->chat.banner.nlines, >=, 2);
    CHECK_INT(app->chat.banner_rect.h, >, 0);
    CHECK(!SDL_HasIntersection(&app->chat.banner_rect, &app->chat.input_rect));
    resize(app, 1100, 760);
    CHECK_INT(font_stats()->boxes, ==, 0);
    /* The old session still takes replies. */
    push_key(SDLK_RETURN, 0);
    app_pump(app);
    CHECK_INT(count_from(app, FROM_AGENT), ==, 4);
    CHECK_CONTAINS(app->chat.banner_msg, want);
    pass(app, 3);
    /* Esc closes the banner (and does not ask to end the session); F5 brings it back. */
    push_key(SDLK_ESCAPE, 0);
    app_pump(app);
    CHECK_STR(app->chat.banner_msg, "");
    CHECK_INT(app->chat.confirm, ==, 0);
    CHECK_INT(app_screen(app), ==, SCREEN_CHAT);
    press_f5(app);
    CHECK_CONTAINS(app->chat.banner_msg, want);

    /* (c) Fixed: F5 again, the banner goes and the four replies are replayed. */
    CHECK_INT(write_text(hag, edited), ==, 0);
    press_f5(app);
    CHECK_STR(app->chat.banner_msg, "");
    CHECK_INT(app->chat.reloads, ==, 3);
    CHECK_INT(count_from(app, FROM_AGENT), ==, 4);
    CHECK_CONTAINS(app->chat.toast_msg, "haggler.lua");

    /* (d) A broken rubric is named too, and the session is kept. */
    int rub_line = 0;
    char *bad_rubric = insert_line(rubric_text, "return", "local = 1", &rub_line);
    if (bad_rubric) {
        CHECK_INT(write_text(rub, bad_rubric), ==, 0);
        free(bad_rubric);
        before = app->chat.session;
        press_f5(app);
        snprintf(want, sizeof want, "%s:%d:", rub, rub_line);
        CHECK_CONTAINS(app->chat.banner_msg, want);
        CHECK(app->chat.session == before);
        CHECK_INT(write_text(rub, rubric_text), ==, 0);
        press_f5(app);
        CHECK_STR(app->chat.banner_msg, "");
        CHECK_INT(count_from(app, FROM_AGENT), ==, 4);
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
    push_key(SDLK_q, KMOD_LCTRL);
    app_pump(app);
    CHECK(app_should_quit(app));
    char *json = read_text(app_last_result(app));
    cJSON *j = json ? cJSON_Parse(json) : NULL;
    free(json);
    CHECK(j != NULL);
    if (j) {
        CHECK_STR(cJSON_GetStringValue(
                      cJSON_GetObjectItem(cJSON_GetObjectItem(j, "scenario"), "sha256")),
                  sha);
        int agents = 0;
        const cJSON *m;
        cJSON_ArrayForEach(m, cJSON_GetObjectItem(j, "transcript"))
        {
            const char *from = cJSON_GetStringValue(cJSON_GetObjectItem(m, "from"));
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
    App *app = make_app(&opt);
    char *buys = NULL;
    if (!app)
        goto done;
    pass(app, 6);
    say(app, "亲，您好！");
    pass(app, 5);
    say(app, "请问还有什么可以帮您？");
    pass(app, 5);
    say(app, "亲，在吗？");
    pass(app, 5);
    CHECK_INT(count_from(app, FROM_AGENT), ==, 3);
    CHECK(views_show(app, "收到你的第3条消息"));
    int count = 0;
    buys = replace_all(tiny, "s:say(\"收到你的第\" .. count .. \"条消息\")",
                       "s:say(\"算了，我去别家看看\") s:finish(\"left\")", &count);
    CHECK_INT(count, ==, 1);
    if (!buys)
        goto done;
    CHECK_INT(write_text(path, buys), ==, 0);
    press_f5(app);
    CHECK_STR(app->chat.banner_msg, "");
    CHECK_INT(count_from(app, FROM_AGENT), ==, 1);
    CHECK_INT(session_outcome(app->chat.session), ==, OUTCOME_LEFT);
    CHECK(views_show(app, "算了，我去别家看看"));
    CHECK(!views_show(app, "收到你的第"));
    CHECK_CONTAINS(app->chat.toast_msg, "已重新载入 tiny_reload.lua 和 rubric.lua");
    CHECK_CONTAINS(app->chat.toast_msg, "第 2 条回复");
    CHECK_CONTAINS(app->chat.toast_msg, "2 条回复没有重放");
    CHECK_INT(app->exam, ==, 1);
    for (int i = 0; i < app->chat.nviews; i++)
        CHECK(app->chat.views[i].good.text == NULL && app->chat.views[i].bad.text == NULL);
    SDL_Surface *s = screenshot(app, "chat-reload-note");
    SDL_FreeSurface(s);
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
    char *rubric_text = read_text(rub);
    AppOptions opt = {.trainee = "孙七"};
    App *app = make_app(&opt);
    if (!app || !rubric_text)
        goto done;
    CHECK_INT(app_screen(app), ==, SCREEN_START);
    int n = app->nscenarios;
    CHECK_INT(n, >=, 1);
    const Rubric *old = app->rubric;
    int line = 0;
    char *bad = insert_line(rubric_text, "return", "local = 1", &line);
    if (!bad)
        goto done;
    CHECK_INT(write_text(rub, bad), ==, 0);
    free(bad);
    press_f5(app);
    char want[1300];
    snprintf(want, sizeof want, "%s:%d:", rub, line);
    CHECK_CONTAINS(app->notice, want);
    CHECK_CONTAINS(app_last_error(app), want);
    CHECK(app->rubric == old);
    CHECK_INT(app->nscenarios, ==, n);
    SDL_Surface *s = screenshot(app, "start-reload-error");
    SDL_FreeSurface(s);
    CHECK_INT(write_text(rub, rubric_text), ==, 0);
    press_f5(app);
    CHECK_CONTAINS(app->notice, "已重新载入 rubric.lua");
    /* Loaded while the old one was still alive, so it cannot have the same address. */
    CHECK(app->rubric != NULL && app->rubric != old);
    CHECK_INT(app->nscenarios, ==, n);
    /* The list still starts a session with the new rubric. */
    push_key(SDLK_RETURN, 0);
    app_pump(app);
    CHECK_INT(app_screen(app), ==, SCREEN_CHAT);
done:
    app_destroy(app);
    if (rubric_text)
        write_text(rub, rubric_text);
    free(rubric_text);
}

int main(void)
{
    const char *o = getenv("KEFU_TEST_OUT");
    snprintf(out_dir, sizeof out_dir, "%s", o && *o ? o : "build/test-out");
    snprintf(results_dir, sizeof results_dir, "%s/gui-reload-results", out_dir);
    char screens[1200];
    snprintf(screens, sizeof screens, "%s/screens", out_dir);
    mkdir(out_dir, 0777);
    mkdir(screens, 0777);
    mkdir(results_dir, 0777);
    setenv("SDL_VIDEODRIVER", "offscreen", 0);
    SDL_SetHint(SDL_HINT_FRAMEBUFFER_ACCELERATION, "0");
    if (SDL_Init(SDL_INIT_VIDEO) < 0) {
        fprintf(stderr, "SDL_Init: %s\n", SDL_GetError());
        return 1;
    }
    win = SDL_CreateWindow("kefu reload test", 0, 0, 1100, 760, SDL_WINDOW_RESIZABLE);
    ren = win ? SDL_CreateRenderer(win, -1, SDL_RENDERER_SOFTWARE) : NULL;
    if (!ren) {
        fprintf(stderr, "no renderer: %s\n", SDL_GetError());
        return 1;
    }
    if (setup_scenarios() < 0)
        return 1;
    RUN(gui_should_reload_edits_and_show_broken_files_in_a_banner);
    RUN(gui_should_say_which_replies_were_not_replayed);
    RUN(gui_should_reload_the_list_and_the_rubric_on_the_start_screen);
    remove_scenarios();
    SDL_DestroyRenderer(ren);
    SDL_DestroyWindow(win);
    SDL_Quit();
    CHECK_DONE();
}
