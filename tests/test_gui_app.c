/* GUI tests under SDL's offscreen driver: scripted events (keys, SDL_TEXTEDITING, SDL_TEXTINPUT
 * cut on character boundaries) drive the app from the start screen through a session to the
 * scorecard, its results file and the history; every screen is saved as a PNG under
 * $KEFU_TEST_OUT/screens and its pixels checked (not blank, text where expected, no boxes). */
#include <SDL.h>
#include <cjson/cJSON.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "app.h"
#include "app_state.h"
#include "check.h"
#include "font.h"
#include "linebreak.h"
#include "shot.h"
#include "text.h"

static uint64_t vclock_ms = 1000;
static char out_dir[1024];
static char results_dir[1100];
static SDL_Window *win;
static SDL_Renderer *ren;

static uint64_t vclock(void *ud)
{
    (void)ud;
    return vclock_ms;
}

/* ------------------------------------------------------------------------------------------ */
/* Events.                                                                                    */

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

/* An IME commit: SDL_TEXTINPUT carries at most 31 bytes, so a long commit arrives as several
 * events, each cut on a character boundary (SDL_utf8strlcpy never splits a character). */
static int push_text(const char *s)
{
    int events = 0;
    size_t n = strlen(s);
    while (n > 0) {
        SDL_Event ev = {0};
        ev.type = SDL_TEXTINPUT;
        ev.text.windowID = SDL_GetWindowID(win);
        size_t took = SDL_utf8strlcpy(ev.text.text, s, sizeof ev.text.text);
        if (took == 0) /* one byte that is not UTF-8 at all: send it alone */
            ev.text.text[0] = s[0], took = 1;
        SDL_PushEvent(&ev);
        s += took;
        n -= took;
        events++;
    }
    return events;
}

/* Raw bytes in one event, however broken. */
static void push_raw_text(const char *bytes)
{
    SDL_Event ev = {0};
    ev.type = SDL_TEXTINPUT;
    ev.text.windowID = SDL_GetWindowID(win);
    memcpy(ev.text.text, bytes, strlen(bytes) + 1);
    SDL_PushEvent(&ev);
}

static void push_editing(const char *comp, int cursor)
{
    SDL_Event ev = {0};
    ev.type = SDL_TEXTEDITING;
    ev.edit.windowID = SDL_GetWindowID(win);
    SDL_utf8strlcpy(ev.edit.text, comp, sizeof ev.edit.text);
    ev.edit.start = cursor;
    ev.edit.length = 0;
    SDL_PushEvent(&ev);
}

/* Lets virtual time pass in steps of 250 ms, pumping the app at each. */
static void pass(App *app, double seconds)
{
    for (double t = 0; t < seconds; t += 0.25) {
        vclock_ms += 250;
        app_pump(app);
    }
}

/* ------------------------------------------------------------------------------------------ */
/* Pixels.                                                                                    */

typedef struct Pixels {
    SDL_Surface *s;
} Pixels;

static Uint32 pixel(SDL_Surface *s, int x, int y)
{
    return ((Uint32 *)((Uint8 *)s->pixels + (size_t)y * s->pitch))[x];
}

/* Pixels in r that differ from colour bg by more than a little. */
static long count_not(SDL_Surface *s, SDL_Rect r, SDL_Color bg)
{
    long n = 0;
    for (int y = r.y; y < r.y + r.h && y < s->h; y++)
        for (int x = r.x; x < r.x + r.w && x < s->w; x++) {
            Uint8 cr, cg, cb;
            SDL_GetRGB(pixel(s, x, y), s->format, &cr, &cg, &cb);
            if (abs(cr - bg.r) + abs(cg - bg.g) + abs(cb - bg.b) > 30)
                n++;
        }
    return n;
}

/* Pixels in r within a small distance of colour c. */
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

/* Renders the current screen, saves it as screens/NAME.png and returns its pixels (caller
 * frees). */
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
    struct stat st;
    CHECK(stat(path, &st) == 0 && st.st_size > 1000);
    return s;
}

/* A screen is not blank: many pixels away from the background, in many colours. */
static void check_not_blank(SDL_Surface *s)
{
    long busy = count_not(s, (SDL_Rect){0, 0, s->w, s->h}, C_BG);
    CHECK_INT(busy, >, (long)s->w * s->h / 20);
}

/* ------------------------------------------------------------------------------------------ */

static void clean_results(void)
{
    DIR *d = opendir(results_dir);
    if (!d)
        return;
    struct dirent *e;
    while ((e = readdir(d))) {
        if (e->d_name[0] == '.')
            continue;
        char p[2200];
        snprintf(p, sizeof p, "%s/%s", results_dir, e->d_name);
        unlink(p);
    }
    closedir(d);
}

static cJSON *read_json(const char *path)
{
    KefuError err;
    size_t n;
    char *t = kerr_read_file(path, &n, &err);
    if (!t)
        return NULL;
    cJSON *j = cJSON_ParseWithLength(t, n);
    free(t);
    return j;
}

static int scenario_index(App *app, const char *id)
{
    for (int i = 0; i < app->nscenarios; i++)
        if (strcmp(app->scenarios[i]->id, id) == 0)
            return i;
    return -1;
}

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

/* Every laid-out line of every bubble obeys the kinsoku rules. */
static void check_bubble_lines(App *app)
{
    for (int i = 0; i < app->chat.nviews; i++) {
        const TextBlock *tb = &app->chat.views[i].body;
        for (int l = 1; l < tb->nlines; l++) {
            size_t k = tb->lines[l].start;
            if (tb->lines[l].end - tb->lines[l].start == 0)
                continue;
            uint32_t first = text_next(tb->text, tb->len, &k);
            if (linebreak_no_line_start(first))
                fprintf(stderr, "  message %d line %d starts with punctuation\n", i, l);
            CHECK(!linebreak_no_line_start(first));
        }
    }
}

static App *make_app(const AppOptions *extra)
{
    AppOptions opt = {0};
    if (extra)
        opt = *extra;
    opt.results_dir = results_dir;
    opt.scenarios_dir = "scenarios";
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

static void gui_should_find_the_simplified_chinese_face(void)
{
    KefuError err = {{0}};
    FontSet *fs = font_create(1, &err);
    CHECK(fs != NULL);
    if (!fs)
        return;
    /* Noto's collection holds JP/KR/SC/TC/HK faces; face 0 is Japanese. fontconfig's SC face
     * must be the one opened. */
    if (strstr(font_file(fs), "NotoSansCJK")) {
        CHECK_INT(font_face_index(fs), !=, 0);
        CHECK_CONTAINS(font_family(fs), "SC");
    }
    /* Emoji: drawn by a fallback face that really has the glyph (DejaVu has a plain 😊),
     * else shown as a text form; never a box. 👍 is in no installed font. */
    size_t n = 0;
    char *d = font_displayable(fs, "好的😊👍\xff", strlen("好的😊👍\xff"), &n);
    if (font_advance(fs, FONT_BODY, 0x1F60A) > 0)
        CHECK_STR(d, "好的😊[赞]\xef\xbf\xbd");
    else
        CHECK_STR(d, "好的[微笑][赞]\xef\xbf\xbd");
    free(d);
    font_destroy(fs);
}

static void gui_should_drive_a_session_from_start_to_scorecard(void)
{
    font_stats_reset();
    App *app = make_app(NULL);
    if (!app)
        return;
    CHECK_INT(app_screen(app), ==, SCREEN_START);
    CHECK_INT(app->nscenarios, >=, 4);
    SDL_Surface *s = screenshot(app, "start");
    if (s) {
        check_not_blank(s);
        /* The scenario cards carry text: dark pixels on the right half. */
        CHECK_INT(count_near(s, (SDL_Rect){s->w / 2, 80, s->w / 2, 400}, C_TEXT), >, 500);
        SDL_FreeSurface(s);
    }

    /* Idle: nothing to wait for on the start screen, and no frame without a change. */
    app_pump(app);
    int frames = app_frames(app);
    CHECK_INT(app_wait_ms(app), ==, -1);
    pass(app, 5);
    CHECK_INT(app_frames(app), ==, frames);

    /* The name, through an input method: composition first, then the commit. */
    push_editing("zhang", 5);
    app_pump(app);
    CHECK_STR(app->name.comp, "zhang");
    push_text("张三");
    push_editing("", 0);
    app_pump(app);
    CHECK_STR(app->name.buf, "张三");
    CHECK_STR(app->name.comp, "");

    /* Tab to the list, pick the haggler with the arrow keys, Enter. */
    int want = scenario_index(app, "haggler");
    CHECK_INT(want, >=, 0);
    push_key(SDLK_TAB, 0);
    push_key(SDLK_TAB, 0);
    app_pump(app);
    CHECK_INT(app->start_focus, ==, SF_LIST);
    push_key(SDLK_HOME, 0);
    for (int i = 0; i < want; i++)
        push_key(SDLK_DOWN, 0);
    app_pump(app);
    CHECK_INT(app->sel, ==, want);
    push_key(SDLK_RETURN, 0);
    app_pump(app);
    CHECK_INT(app_screen(app), ==, SCREEN_CHAT);
    CHECK_INT(app->chat.focus, ==, CF_INPUT);

    /* The customer opens the conversation. */
    pass(app, 1);
    CHECK_INT(count_from(app, FROM_CUSTOMER), >=, 1);

    /* The reply, composed in pinyin and committed in several events. */
    pass(app, 2);
    push_editing("qin", 3);
    app_pump(app);
    CHECK_STR(app_composition(app), "qin");
    s = screenshot(app, "chat-ime");
    if (s) {
        /* The composition is drawn in the input box, in the focus colour, underlined. */
        SDL_Rect box = app->chat.input_rect;
        CHECK_INT(count_near(s, box, C_FOCUS), >, 60);
        SDL_FreeSurface(s);
    }
    /* A composition longer than SDL_TEXTEDITING's 31 bytes arrives whole as
     * SDL_TEXTEDITING_EXT, whose text the app frees. */
    const char *longpinyin = "zhe'kuan'chuang'shi'bei'mei'bai'xiang'mu'de";
    SDL_Event ext = {0};
    ext.type = SDL_TEXTEDITING_EXT;
    ext.editExt.windowID = SDL_GetWindowID(win);
    ext.editExt.text = SDL_strdup(longpinyin);
    ext.editExt.start = 3;
    SDL_PushEvent(&ext);
    app_pump(app);
    CHECK_STR(app_composition(app), longpinyin);
    push_editing("qin", 3);
    app_pump(app);
    pass(app, 1);
    const char *reply = "亲，您好！欢迎光临小店^_^ 您真有眼光，这款床是北美白橡木的实木床，用料扎实，"
                        "用十年都没问题，价格是公司统一定的哦";
    int events = push_text(reply);
    push_editing("", 0);
    CHECK_INT(events, >, 3);
    app_pump(app);
    CHECK_STR(app_input_text(app), reply);
    pass(app, 1);
    int agents = count_from(app, FROM_AGENT);
    push_key(SDLK_RETURN, 0);
    app_pump(app);
    CHECK_INT(count_from(app, FROM_AGENT), ==, agents + 1);
    CHECK_STR(app_input_text(app), "");
    const Transcript *t = transcript(app);
    const Message *sent = NULL;
    for (int i = 0; t && i < t->n; i++)
        if (t->msgs[i].from == FROM_AGENT)
            sent = &t->msgs[i];
    CHECK(sent != NULL);
    if (sent) {
        CHECK_STR(sent->text, reply);
        /* Typing ran from the composition's start to the send; the wait from the customer's
         * message appearing. */
        CHECK_DBL(sent->typing_s, >=, 1.9);
        CHECK_DBL(sent->typing_s, <=, 2.6);
        CHECK_DBL(sent->wait_s, >=, 2.9);
        CHECK_INT(sent->hits.n, >, 0);
    }
    /* The customer composes an answer: "typing…" shows. */
    pass(app, 0.5);
    CHECK(session_customer_typing(app->chat.session));
    s = screenshot(app, "chat-typing");
    SDL_FreeSurface(s);

    /* Practice mode: the hits show under the bubble. */
    int shown = 0;
    for (int i = 0; i < app->chat.nviews; i++)
        shown += app->chat.views[i].good.text != NULL;
    CHECK_INT(shown, >=, 1);

    pass(app, 8);
    s = screenshot(app, "chat");
    if (s) {
        check_not_blank(s);
        /* The agent's bubble colour on the right side of the conversation. */
        CHECK_INT(count_near(s, (SDL_Rect){s->w / 3, 70, s->w / 3, s->h - 300}, C_AGENT), >,
                  2000);
        /* Practice notes in green. */
        CHECK_INT(count_near(s, (SDL_Rect){0, 70, s->w - 300, s->h - 200}, C_GOOD), >, 50);
        SDL_FreeSurface(s);
    }
    check_bubble_lines(app);

    /* Editing by character, newline on Shift+Enter, nothing sent when blank. */
    push_text("好吗");
    push_key(SDLK_BACKSPACE, 0);
    app_pump(app);
    CHECK_STR(app_input_text(app), "好");
    push_key(SDLK_LEFT, 0);
    push_text("很");
    push_key(SDLK_END, 0);
    push_key(SDLK_RETURN, KMOD_LSHIFT);
    push_text("的");
    app_pump(app);
    CHECK_STR(app_input_text(app), "很好\n的");
    push_key(SDLK_HOME, 0);
    push_key(SDLK_UP, 0);
    push_key(SDLK_DELETE, 0);
    app_pump(app);
    CHECK_STR(app_input_text(app), "好\n的");
    for (int i = 0; i < 3; i++)
        push_key(SDLK_BACKSPACE, 0);
    push_key(SDLK_END, 0);
    push_key(SDLK_DOWN, 0);
    for (int i = 0; i < 5; i++)
        push_key(SDLK_BACKSPACE, 0);
    app_pump(app);
    CHECK_STR(app_input_text(app), "");
    agents = count_from(app, FROM_AGENT);
    push_text("   ");
    push_key(SDLK_RETURN, 0);
    app_pump(app);
    CHECK_INT(count_from(app, FROM_AGENT), ==, agents);

    /* Broken bytes are cleaned on entry; they never reach the session as such. */
    push_key(SDLK_HOME, 0);
    for (int i = 0; i < 5; i++)
        push_key(SDLK_DELETE, 0);
    push_raw_text("\xff\xfe\xc0");
    app_pump(app);
    CHECK(text_valid_utf8(app_input_text(app), strlen(app_input_text(app)), NULL));

    /* A 10,000-character paste: accepted, sent, drawn, and nothing breaks. */
    char *big = malloc(10000 * 3 + 1);
    for (int i = 0; i < 10000; i++)
        memcpy(big + 3 * i, i % 9 == 8 ? "，" : "好", 3);
    big[30000] = 0;
    SDL_SetClipboardText(big);
    push_key(SDLK_v, KMOD_LCTRL);
    app_pump(app);
    CHECK_INT(textedit_chars(&app->chat.edit), >=, 10000);
    s = screenshot(app, "chat-long-paste");
    SDL_FreeSurface(s);
    agents = count_from(app, FROM_AGENT);
    push_key(SDLK_RETURN, 0);
    app_pump(app);
    if (session_accepts_replies(app->chat.session))
        CHECK_INT(count_from(app, FROM_AGENT), ==, agents + 1);
    free(big);
    s = screenshot(app, "chat-after-paste");
    SDL_FreeSurface(s);
    check_bubble_lines(app);

    /* The emoticon picker: Ctrl+E, arrows, Enter inserts the text form. */
    push_key(SDLK_e, KMOD_LCTRL);
    app_pump(app);
    CHECK(app->chat.picker);
    push_key(SDLK_RIGHT, 0);
    app_pump(app);
    s = screenshot(app, "chat-emoticons");
    SDL_FreeSurface(s);
    push_key(SDLK_RETURN, 0);
    app_pump(app);
    CHECK(!app->chat.picker);
    CHECK_STR(app_input_text(app), ":)");

    /* Scroll up: new messages no longer pull the view down. */
    push_key(SDLK_PAGEUP, 0);
    app_pump(app);
    CHECK(!app->chat.stick);
    push_key(SDLK_END, KMOD_LCTRL);
    app_pump(app);
    CHECK(app->chat.stick);

    /* Let the customer wait: the timer turns amber at 15 s and red at 20 s. */
    for (int i = 0; i < 80 && session_waiting_since(app->chat.session) < 0; i++)
        pass(app, 0.5);
    double since = session_waiting_since(app->chat.session);
    CHECK_DBL(since, >=, 0);
    if (since >= 0 && session_outcome(app->chat.session) == OUTCOME_NONE) {
        vclock_ms = app->chat.t0_ms + (uint64_t)((since + 16.2) * 1000);
        app_pump(app);
        s = screenshot(app, "chat-wait-amber");
        if (s) {
            CHECK_INT(count_near(s, (SDL_Rect){0, 0, s->w, s->h}, C_AMBER), >, 40);
            SDL_FreeSurface(s);
        }
        vclock_ms = app->chat.t0_ms + (uint64_t)((since + 21.2) * 1000);
        app_pump(app);
        s = screenshot(app, "chat-wait-red");
        if (s) {
            CHECK_INT(count_near(s, (SDL_Rect){0, 0, s->w, s->h}, C_BAD), >, 40);
            SDL_FreeSurface(s);
        }
        /* While waiting, the loop sleeps at most until the timer's next second, and draws
         * one frame per second of waiting, none in between. */
        int ms = app_wait_ms(app);
        CHECK_INT(ms, >=, 0);
        CHECK_INT(ms, <=, 1000);
        app_pump(app);
        int before = app_frames(app);
        app_pump(app);
        app_pump(app);
        CHECK_INT(app_frames(app), ==, before);
        if (!session_customer_typing(app->chat.session)) {
            vclock_ms += 1000;
            app_pump(app);
            CHECK_INT(app_frames(app), ==, before + 1);
        }
    }

    /* Esc asks, Enter ends: the result is saved and the scorecard shown. */
    push_key(SDLK_ESCAPE, 0);
    app_pump(app);
    CHECK(app->chat.confirm);
    s = screenshot(app, "chat-confirm-end");
    SDL_FreeSurface(s);
    push_key(SDLK_RETURN, 0);
    app_pump(app);
    CHECK_INT(app_screen(app), ==, SCREEN_SCORE);
    CHECK(app_last_result(app)[0] != 0);
    cJSON *j = read_json(app_last_result(app));
    CHECK(j != NULL);
    if (j) {
        CHECK_STR(cJSON_GetObjectItem(j, "trainee")->valuestring, "张三");
        CHECK_STR(cJSON_GetObjectItem(j, "mode")->valuestring, "practice");
        char *text = cJSON_PrintUnformatted(j);
        CHECK_CONTAINS(text, "北美白橡木的实木床");
        CHECK_CONTAINS(text, "\"typing_s\"");
        free(text);
        cJSON_Delete(j);
    }
    s = screenshot(app, "score");
    if (s) {
        check_not_blank(s);
        SDL_FreeSurface(s);
    }
    push_key(SDLK_PAGEDOWN, 0);
    push_key(SDLK_PAGEDOWN, 0);
    app_pump(app);
    CHECK_INT(app->score.doc.scroll, >, 0);
    s = screenshot(app, "score-details");
    if (s) {
        check_not_blank(s);
        SDL_FreeSurface(s);
    }

    /* History lists it; Enter opens its scorecard again from the file. */
    push_key(SDLK_h, 0);
    app_pump(app);
    CHECK_INT(app_screen(app), ==, SCREEN_HISTORY);
    CHECK_INT(app->hist.n, >=, 1);
    s = screenshot(app, "history");
    if (s) {
        check_not_blank(s);
        SDL_FreeSurface(s);
    }
    push_key(SDLK_RETURN, 0);
    app_pump(app);
    CHECK_INT(app_screen(app), ==, SCREEN_SCORE);
    CHECK(app->score.have);
    push_key(SDLK_ESCAPE, 0);
    app_pump(app);
    CHECK_INT(app_screen(app), ==, SCREEN_HISTORY);
    push_key(SDLK_ESCAPE, 0);
    app_pump(app);
    CHECK_INT(app_screen(app), ==, SCREEN_START);

    /* Nothing was drawn as a box, and the text forms stood in for what no font has. */
    CHECK_INT(font_stats()->glyphs_drawn, >, 1000);
    CHECK_INT(font_stats()->boxes, ==, 0);
    app_destroy(app);
}

static void gui_should_open_the_chat_directly_and_save_on_quit(void)
{
    clean_results();
    AppOptions opt = {.scenario = "angry_complainant", .trainee = "李四", .mode = "exam"};
    App *app = make_app(&opt);
    if (!app)
        return;
    CHECK_INT(app_screen(app), ==, SCREEN_CHAT);
    CHECK_INT(app->chat.focus, ==, CF_INPUT);
    CHECK(SDL_IsTextInputActive());
    pass(app, 8);
    push_text("真的非常抱歉😊👍，给您添麻烦了");
    push_key(SDLK_RETURN, 0);
    app_pump(app);
    pass(app, 6);
    /* Exam mode: no notes under the bubbles. */
    for (int i = 0; i < app->chat.nviews; i++)
        CHECK(app->chat.views[i].good.text == NULL && app->chat.views[i].bad.text == NULL);
    SDL_Surface *s = screenshot(app, "chat-exam");
    if (s) {
        check_not_blank(s);
        SDL_FreeSurface(s);
    }
    CHECK_INT(font_stats()->text_forms, >, 0);
    CHECK_INT(font_stats()->boxes, ==, 0);
    /* Closing the window mid-session saves it as abandoned. */
    SDL_Event q = {0};
    q.type = SDL_QUIT;
    SDL_PushEvent(&q);
    app_pump(app);
    CHECK(app_should_quit(app));
    CHECK(app_last_result(app)[0] != 0);
    cJSON *j = read_json(app_last_result(app));
    CHECK(j != NULL);
    if (j) {
        CHECK_STR(cJSON_GetObjectItem(j, "outcome")->valuestring, "abandoned");
        CHECK_STR(cJSON_GetObjectItem(j, "mode")->valuestring, "exam");
        char *text = cJSON_PrintUnformatted(j);
        CHECK_CONTAINS(text, "给您添麻烦了");
        free(text);
        cJSON_Delete(j);
    }
    app_destroy(app);
}

/* Types a reply as an input method would (composition, then commits), after a pause to read,
 * and sends it. */
static void reply_like_a_person(App *app, const char *text, double think, double typing)
{
    pass(app, think);
    push_editing("q", 1);
    app_pump(app);
    pass(app, typing);
    push_text(text);
    push_editing("", 0);
    push_key(SDLK_RETURN, 0);
    app_pump(app);
}

/* Waits (virtual time) until the customer has spoken and is waiting, at most 20 s. */
static void await_customer(App *app)
{
    for (int i = 0; i < 80; i++) {
        if (!app->chat.session || session_outcome(app->chat.session) != OUTCOME_NONE)
            return;
        if (!session_customer_typing(app->chat.session) &&
            session_waiting_since(app->chat.session) >= 0)
            return;
        pass(app, 0.25);
    }
}

static void gui_should_show_a_good_session_and_its_scorecard(void)
{
    AppOptions opt = {.scenario = "haggler", .trainee = "张三"};
    App *app = make_app(&opt);
    if (!app)
        return;
    static const char *const replies[] = {
        "亲，您好！欢迎光临美乐乐家具～您真有眼光，这款是我们卖得最好的实木床哦^_^",
        "价格是公司统一定的，我们客服没有改价权限，已经是最低价啦。床架是北美白橡木实木的，用料扎实，用十年都没问题哈",
        "包邮确实做不了呢，家具是物流按体积算运费的。这样吧，我帮您跟主管申请一个小礼品，送您一对乳胶枕，其他顾客可没有哦～",
        "跟您核对一下：1.8米胡桃色实木床一张，付款后3天左右发货哦。感谢您的信任，祝您生活愉快～",
    };
    for (size_t i = 0; i < sizeof replies / sizeof replies[0]; i++) {
        await_customer(app);
        if (!app->chat.session || !session_accepts_replies(app->chat.session))
            break;
        reply_like_a_person(app, replies[i], 2, 2.0 + 0.12 * (double)text_chars(replies[i], strlen(replies[i])));
    }
    pass(app, 6);
    SDL_Surface *s = screenshot(app, "chat-good");
    if (s) {
        check_not_blank(s);
        SDL_FreeSurface(s);
    }
    check_bubble_lines(app);
    CHECK_INT(count_from(app, FROM_AGENT), >=, 3);
    /* Ctrl+Enter ends (asking first while the customer is still there). */
    push_key(SDLK_RETURN, KMOD_LCTRL);
    app_pump(app);
    if (app->chat.confirm) {
        push_key(SDLK_RETURN, 0);
        app_pump(app);
    }
    CHECK_INT(app_screen(app), ==, SCREEN_SCORE);
    CHECK(app->score.have);
    CHECK_INT(app->score.sc.total, >, 0);
    printf("  good session: %s, %d points, %s\n",
           outcome_name(app->score.result.transcript.outcome), app->score.sc.total,
           app->score.sc.pass ? "pass" : "fail");
    s = screenshot(app, "score-good");
    if (s) {
        check_not_blank(s);
        SDL_FreeSurface(s);
    }
    push_key(SDLK_PAGEDOWN, 0);
    push_key(SDLK_PAGEDOWN, 0);
    app_pump(app);
    s = screenshot(app, "score-good-details");
    SDL_FreeSurface(s);
    app_destroy(app);
}

static void gui_should_draw_crisply_at_twice_the_scale(void)
{
    SDL_Window *w1 = win;
    SDL_Renderer *r1 = ren;
    win = SDL_CreateWindow("kefu 2x", 0, 0, 2200, 1520, SDL_WINDOW_HIDDEN);
    ren = win ? SDL_CreateRenderer(win, -1, SDL_RENDERER_SOFTWARE) : NULL;
    CHECK(ren != NULL);
    if (ren) {
        setenv("KEFU_UI_SCALE", "2", 1);
        AppOptions opt = {.scenario = "haggler", .trainee = "王五"};
        App *app = make_app(&opt);
        unsetenv("KEFU_UI_SCALE");
        if (app) {
            CHECK_DBL(font_scale(app->fonts), ==, 2);
            pass(app, 8);
            SDL_Surface *s = screenshot(app, "chat-2x");
            if (s) {
                check_not_blank(s);
                SDL_FreeSurface(s);
            }
            app_destroy(app);
        }
        SDL_DestroyRenderer(ren);
    }
    if (win)
        SDL_DestroyWindow(win);
    win = w1;
    ren = r1;
}

static void gui_should_keep_working_when_resized(void)
{
    AppOptions opt = {.scenario = "indecisive_buyer", .trainee = "赵六"};
    App *app = make_app(&opt);
    if (!app)
        return;
    pass(app, 8);
    push_text("亲，您好！请问您是自己用还是送人呢？平时喜欢什么风格的呀？");
    push_key(SDLK_RETURN, 0);
    app_pump(app);
    pass(app, 8);
    SDL_SetWindowSize(win, 760, 600);
    SDL_Event ev = {0};
    ev.type = SDL_WINDOWEVENT;
    ev.window.event = SDL_WINDOWEVENT_SIZE_CHANGED;
    ev.window.data1 = 760;
    ev.window.data2 = 600;
    SDL_PushEvent(&ev);
    app_pump(app);
    SDL_Surface *s = screenshot(app, "chat-narrow");
    if (s) {
        CHECK_INT(s->w, ==, 760);
        check_not_blank(s);
        SDL_FreeSurface(s);
    }
    check_bubble_lines(app);
    SDL_SetWindowSize(win, 1100, 760);
    app_destroy(app);
}

int main(void)
{
    const char *o = getenv("KEFU_TEST_OUT");
    snprintf(out_dir, sizeof out_dir, "%s", o && *o ? o : "build/test-out");
    snprintf(results_dir, sizeof results_dir, "%s/gui-results", out_dir);
    char screens[1200];
    snprintf(screens, sizeof screens, "%s/screens", out_dir);
    mkdir(out_dir, 0777);
    mkdir(screens, 0777);
    mkdir(results_dir, 0777);
    clean_results();
    setenv("SDL_VIDEODRIVER", "offscreen", 0);
    SDL_SetHint(SDL_HINT_FRAMEBUFFER_ACCELERATION, "0");
    if (SDL_Init(SDL_INIT_VIDEO) < 0) {
        fprintf(stderr, "SDL_Init: %s\n", SDL_GetError());
        return 1;
    }
    win = SDL_CreateWindow("kefu test", 0, 0, 1100, 760, SDL_WINDOW_RESIZABLE);
    ren = win ? SDL_CreateRenderer(win, -1, SDL_RENDERER_SOFTWARE) : NULL;
    if (!ren) {
        fprintf(stderr, "no renderer: %s\n", SDL_GetError());
        return 1;
    }
    RUN(gui_should_find_the_simplified_chinese_face);
    RUN(gui_should_drive_a_session_from_start_to_scorecard);
    RUN(gui_should_open_the_chat_directly_and_save_on_quit);
    RUN(gui_should_show_a_good_session_and_its_scorecard);
    RUN(gui_should_draw_crisply_at_twice_the_scale);
    RUN(gui_should_keep_working_when_resized);
    SDL_DestroyRenderer(ren);
    SDL_DestroyWindow(win);
    SDL_Quit();
    CHECK_DONE();
}
