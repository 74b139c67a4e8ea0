/* GUI tests under SDL's offscreen driver: scripted events (keys, SDL_TEXTEDITING, SDL_TEXTINPUT
 * cut on character boundaries) drive the app from the start screen through a session to the
 * scorecard, its results file and the history; every screen is saved as a PNG under
 * $KEFU_TEST_OUT/screens and its pixels checked (not blank, text where expected, no boxes). */
#include <SDL.h>
#include <cjson/cJSON.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "app_state.h"
#include "check.h"
#include "font.h"
#include "gui_harness.h"
#include "base/linebreak.h"
#include "base/text.h"
#include "results/schema.h"

static int scenario_index(App *app, const char *id)
{
    for (int i = 0; i < app->nscenarios; i++)
        if (strcmp(app->scenarios[i]->id, id) == 0)
            return i;
    return -1;
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
    App *app = gui_make_app(NULL);
    if (!app)
        return;
    CHECK_INT(app_screen(app), ==, SCREEN_START);
    CHECK_INT(app->nscenarios, >=, 4);
    SDL_Surface *s = gui_screenshot(app, "start");
    if (s) {
        gui_check_not_blank(s, "start");
        /* The scenario cards carry text: dark pixels on the right half. */
        CHECK_INT(gui_count_near(s, (SDL_Rect){s->w / 2, 80, s->w / 2, 400}, C_TEXT), >, 500);
        SDL_FreeSurface(s);
    }

    /* Idle: nothing to wait for on the start screen, and no frame without a change. */
    app_pump(app);
    int frames = app_frames(app);
    CHECK_INT(app_wait_ms(app), ==, -1);
    gui_advance(app, 5);
    CHECK_INT(app_frames(app), ==, frames);

    /* The name, through an input method: composition first, then the commit. */
    gui_push_editing("zhang", 5);
    app_pump(app);
    CHECK_STR(app->name.comp, "zhang");
    gui_push_text("张三");
    gui_push_editing("", 0);
    app_pump(app);
    CHECK_STR(app->name.buf, "张三");
    CHECK_STR(app->name.comp, "");

    /* Tab to the list, pick the haggler with the arrow keys, Enter. */
    int want = scenario_index(app, "haggler");
    CHECK_INT(want, >=, 0);
    gui_push_key(SDLK_TAB, 0);
    gui_push_key(SDLK_TAB, 0);
    app_pump(app);
    CHECK_INT(app->start_focus, ==, SF_LIST);
    gui_push_key(SDLK_HOME, 0);
    for (int i = 0; i < want; i++)
        gui_push_key(SDLK_DOWN, 0);
    app_pump(app);
    CHECK_INT(app->sel, ==, want);
    gui_press(app, SDLK_RETURN, 0);
    CHECK_INT(app_screen(app), ==, SCREEN_CHAT);
    CHECK_INT(app->chat.focus, ==, CF_INPUT);

    /* The customer opens the conversation. */
    gui_advance(app, 1);
    CHECK_INT(gui_count_from(app, FROM_CUSTOMER), >=, 1);

    /* The reply, composed in pinyin and committed in several events. */
    gui_advance(app, 2);
    gui_push_editing("qin", 3);
    app_pump(app);
    CHECK_STR(app_composition(app), "qin");
    s = gui_screenshot(app, "chat-ime");
    if (s) {
        /* The composition is drawn in the input box, in the focus colour, underlined. */
        SDL_Rect box = app->chat.input_rect;
        CHECK_INT(gui_count_near(s, box, C_FOCUS), >, 60);
        SDL_FreeSurface(s);
    }
    /* A composition longer than SDL_TEXTEDITING's 31 bytes arrives whole as
     * SDL_TEXTEDITING_EXT, whose text the app frees. */
    const char *longpinyin = "zhe'kuan'chuang'shi'bei'mei'bai'xiang'mu'de";
    SDL_Event ext = {0};
    ext.type = SDL_TEXTEDITING_EXT;
    ext.editExt.windowID = SDL_GetWindowID(gui.win);
    ext.editExt.text = SDL_strdup(longpinyin);
    ext.editExt.start = 3;
    SDL_PushEvent(&ext);
    app_pump(app);
    CHECK_STR(app_composition(app), longpinyin);
    gui_push_editing("qin", 3);
    app_pump(app);
    gui_advance(app, 1);
    const char *reply = "亲，您好！欢迎光临小店^_^ 您真有眼光，这款床是北美白橡木的实木床，用料扎实，"
                        "用十年都没问题，价格是公司统一定的哦";
    int events = gui_push_text(reply);
    gui_push_editing("", 0);
    CHECK_INT(events, >, 3);
    app_pump(app);
    CHECK_STR(app_input_text(app), reply);
    gui_advance(app, 1);
    int agents = gui_count_from(app, FROM_AGENT);
    gui_press(app, SDLK_RETURN, 0);
    CHECK_INT(gui_count_from(app, FROM_AGENT), ==, agents + 1);
    CHECK_STR(app_input_text(app), "");
    const Message *sent = gui_nth_from(app, FROM_AGENT, gui_count_from(app, FROM_AGENT) - 1);
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
    gui_advance(app, 0.5);
    CHECK(session_customer_typing(app->chat.session));
    gui_save_screenshot(app, "chat-typing");

    /* Practice mode: the hits show under the bubble. */
    int shown = 0;
    for (int i = 0; i < app->chat.nviews; i++)
        shown += app->chat.views[i].good.text != NULL;
    CHECK_INT(shown, >=, 1);

    gui_advance(app, 8);
    s = gui_screenshot(app, "chat");
    if (s) {
        gui_check_not_blank(s, "chat");
        /* The agent's bubble colour on the right side of the conversation. */
        CHECK_INT(gui_count_near(s, (SDL_Rect){s->w / 3, 70, s->w / 3, s->h - 300}, C_AGENT), >,
                  2000);
        /* Practice notes in green. */
        CHECK_INT(gui_count_near(s, (SDL_Rect){0, 70, s->w - 300, s->h - 200}, C_GOOD), >, 50);
        SDL_FreeSurface(s);
    }
    check_bubble_lines(app);

    /* Editing by character, newline on Shift+Enter, nothing sent when blank. */
    gui_push_text("好吗");
    gui_press(app, SDLK_BACKSPACE, 0);
    CHECK_STR(app_input_text(app), "好");
    gui_push_key(SDLK_LEFT, 0);
    gui_push_text("很");
    gui_push_key(SDLK_END, 0);
    gui_push_key(SDLK_RETURN, KMOD_LSHIFT);
    gui_push_text("的");
    app_pump(app);
    CHECK_STR(app_input_text(app), "很好\n的");
    gui_push_key(SDLK_HOME, 0);
    gui_push_key(SDLK_UP, 0);
    gui_push_key(SDLK_DELETE, 0);
    app_pump(app);
    CHECK_STR(app_input_text(app), "好\n的");
    for (int i = 0; i < 3; i++)
        gui_push_key(SDLK_BACKSPACE, 0);
    gui_push_key(SDLK_END, 0);
    gui_push_key(SDLK_DOWN, 0);
    for (int i = 0; i < 5; i++)
        gui_push_key(SDLK_BACKSPACE, 0);
    app_pump(app);
    CHECK_STR(app_input_text(app), "");
    agents = gui_count_from(app, FROM_AGENT);
    gui_push_text("   ");
    gui_press(app, SDLK_RETURN, 0);
    CHECK_INT(gui_count_from(app, FROM_AGENT), ==, agents);

    /* Broken bytes are cleaned on entry; they never reach the session as such. */
    gui_push_key(SDLK_HOME, 0);
    for (int i = 0; i < 5; i++)
        gui_push_key(SDLK_DELETE, 0);
    gui_push_raw_text("\xff\xfe\xc0");
    app_pump(app);
    CHECK(text_valid_utf8(app_input_text(app), strlen(app_input_text(app)), NULL));

    /* A 10,000-character paste: accepted, sent, drawn, and nothing breaks. */
    char *big = malloc(10000 * 3 + 1);
    for (int i = 0; i < 10000; i++)
        memcpy(big + 3 * i, i % 9 == 8 ? "，" : "好", 3);
    big[30000] = 0;
    SDL_SetClipboardText(big);
    gui_press(app, SDLK_v, KMOD_LCTRL);
    CHECK_INT(textedit_chars(&app->chat.edit), >=, 10000);
    gui_save_screenshot(app, "chat-long-paste");
    agents = gui_count_from(app, FROM_AGENT);
    gui_press(app, SDLK_RETURN, 0);
    if (session_accepts_replies(app->chat.session))
        CHECK_INT(gui_count_from(app, FROM_AGENT), ==, agents + 1);
    free(big);
    gui_save_screenshot(app, "chat-after-paste");
    check_bubble_lines(app);

    /* The emoticon picker: Ctrl+E, arrows, Enter inserts the text form. */
    gui_press(app, SDLK_e, KMOD_LCTRL);
    CHECK(app->chat.picker);
    gui_press(app, SDLK_RIGHT, 0);
    gui_save_screenshot(app, "chat-emoticons");
    gui_press(app, SDLK_RETURN, 0);
    CHECK(!app->chat.picker);
    CHECK_STR(app_input_text(app), ":)");

    /* Scroll up: new messages no longer pull the view down. */
    gui_press(app, SDLK_PAGEUP, 0);
    CHECK(!app->chat.stick);
    gui_press(app, SDLK_END, KMOD_LCTRL);
    CHECK(app->chat.stick);

    /* Let the customer wait: the timer turns amber at 15 s and red at 20 s. */
    for (int i = 0; i < 80 && session_waiting_since(app->chat.session) < 0; i++)
        gui_advance(app, 0.5);
    double since = session_waiting_since(app->chat.session);
    CHECK_DBL(since, >=, 0);
    if (since >= 0 && session_outcome(app->chat.session) == OUTCOME_NONE) {
        gui.clock_ms = app->chat.t0_ms + (uint64_t)((since + 16.2) * 1000);
        app_pump(app);
        s = gui_screenshot(app, "chat-wait-amber");
        if (s) {
            CHECK_INT(gui_count_near(s, (SDL_Rect){0, 0, s->w, s->h}, C_AMBER), >, 40);
            SDL_FreeSurface(s);
        }
        gui.clock_ms = app->chat.t0_ms + (uint64_t)((since + 21.2) * 1000);
        app_pump(app);
        s = gui_screenshot(app, "chat-wait-red");
        if (s) {
            CHECK_INT(gui_count_near(s, (SDL_Rect){0, 0, s->w, s->h}, C_BAD), >, 40);
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
            gui.clock_ms += 1000;
            app_pump(app);
            CHECK_INT(app_frames(app), ==, before + 1);
        }
    }

    /* Esc asks, Enter ends: the result is saved and the scorecard shown. */
    gui_press(app, SDLK_ESCAPE, 0);
    CHECK(app->chat.confirm);
    gui_save_screenshot(app, "chat-confirm-end");
    gui_press(app, SDLK_RETURN, 0);
    CHECK_INT(app_screen(app), ==, SCREEN_SCORE);
    CHECK(app_last_result(app)[0] != 0);
    cJSON *j = gui_read_json(app_last_result(app));
    CHECK(j != NULL);
    if (j) {
        CHECK_STR(cJSON_GetObjectItem(j, RK_TRAINEE)->valuestring, "张三");
        CHECK_STR(cJSON_GetObjectItem(j, RK_MODE)->valuestring, "practice");
        char *text = cJSON_PrintUnformatted(j);
        CHECK_CONTAINS(text, "北美白橡木的实木床");
        CHECK_CONTAINS(text, "\"typing_s\"");
        free(text);
        cJSON_Delete(j);
    }
    gui_check_screenshot(app, "score");
    gui_push_key(SDLK_PAGEDOWN, 0);
    gui_push_key(SDLK_PAGEDOWN, 0);
    app_pump(app);
    CHECK_INT(app->score.doc.scroll, >, 0);
    gui_check_screenshot(app, "score-details");

    /* History lists it; Enter opens its scorecard again from the file. */
    gui_press(app, SDLK_h, 0);
    CHECK_INT(app_screen(app), ==, SCREEN_HISTORY);
    CHECK_INT(app->hist.n, >=, 1);
    gui_check_screenshot(app, "history");
    gui_press(app, SDLK_RETURN, 0);
    CHECK_INT(app_screen(app), ==, SCREEN_SCORE);
    CHECK(app->score.have);
    gui_press(app, SDLK_ESCAPE, 0);
    CHECK_INT(app_screen(app), ==, SCREEN_HISTORY);
    gui_press(app, SDLK_ESCAPE, 0);
    CHECK_INT(app_screen(app), ==, SCREEN_START);

    /* Nothing was drawn as a box, and the text forms stood in for what no font has. */
    CHECK_INT(font_stats()->glyphs_drawn, >, 1000);
    CHECK_INT(font_stats()->boxes, ==, 0);
    app_destroy(app);
}

static void gui_should_open_the_chat_directly_and_save_on_quit(void)
{
    gui_empty_dir(gui.results_dir);
    AppOptions opt = {.scenario = "angry_complainant", .trainee = "李四", .mode = "exam"};
    App *app = gui_make_app(&opt);
    if (!app)
        return;
    CHECK_INT(app_screen(app), ==, SCREEN_CHAT);
    CHECK_INT(app->chat.focus, ==, CF_INPUT);
    CHECK(SDL_IsTextInputActive());
    gui_advance(app, 8);
    gui_push_text("真的非常抱歉😊👍，给您添麻烦了");
    gui_press(app, SDLK_RETURN, 0);
    gui_advance(app, 6);
    /* Exam mode: no notes under the bubbles. */
    for (int i = 0; i < app->chat.nviews; i++)
        CHECK(app->chat.views[i].good.text == NULL && app->chat.views[i].bad.text == NULL);
    gui_check_screenshot(app, "chat-exam");
    CHECK_INT(font_stats()->text_forms, >, 0);
    CHECK_INT(font_stats()->boxes, ==, 0);
    /* Closing the window mid-session saves it as abandoned. */
    SDL_Event q = {0};
    q.type = SDL_QUIT;
    SDL_PushEvent(&q);
    app_pump(app);
    CHECK(app_should_quit(app));
    CHECK(app_last_result(app)[0] != 0);
    cJSON *j = gui_read_json(app_last_result(app));
    CHECK(j != NULL);
    if (j) {
        CHECK_STR(cJSON_GetObjectItem(j, RK_OUTCOME)->valuestring, "abandoned");
        CHECK_STR(cJSON_GetObjectItem(j, RK_MODE)->valuestring, "exam");
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
    gui_advance(app, think);
    gui_push_editing("q", 1);
    app_pump(app);
    gui_advance(app, typing);
    gui_push_text(text);
    gui_push_editing("", 0);
    gui_press(app, SDLK_RETURN, 0);
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
        gui_advance(app, 0.25);
    }
}

static void gui_should_show_a_good_session_and_its_scorecard(void)
{
    AppOptions opt = {.scenario = "haggler", .trainee = "张三"};
    App *app = gui_make_app(&opt);
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
        reply_like_a_person(app, replies[i], 2,
                            2.0 + 0.12 * (double)text_chars(replies[i], strlen(replies[i])));
    }
    gui_advance(app, 6);
    gui_check_screenshot(app, "chat-good");
    check_bubble_lines(app);
    CHECK_INT(gui_count_from(app, FROM_AGENT), >=, 3);
    /* Ctrl+Enter ends (asking first while the customer is still there). */
    gui_press(app, SDLK_RETURN, KMOD_LCTRL);
    if (app->chat.confirm)
        gui_press(app, SDLK_RETURN, 0);
    CHECK_INT(app_screen(app), ==, SCREEN_SCORE);
    CHECK(app->score.have);
    CHECK_INT(app->score.sc.total, >, 0);
    printf("  good session: %s, %d points, %s\n",
           outcome_name(app->score.result.transcript.outcome), app->score.sc.total,
           app->score.sc.pass ? "pass" : "fail");
    gui_check_screenshot(app, "score-good");
    gui_push_key(SDLK_PAGEDOWN, 0);
    gui_push_key(SDLK_PAGEDOWN, 0);
    app_pump(app);
    gui_save_screenshot(app, "score-good-details");
    app_destroy(app);
}

static void gui_should_draw_crisply_at_twice_the_scale(void)
{
    SDL_Window *w1 = gui.win;
    SDL_Renderer *r1 = gui.ren;
    gui.win = SDL_CreateWindow("kefu 2x", 0, 0, 2200, 1520, SDL_WINDOW_HIDDEN);
    gui.ren = gui.win ? SDL_CreateRenderer(gui.win, -1, SDL_RENDERER_SOFTWARE) : NULL;
    CHECK(gui.ren != NULL);
    if (gui.ren) {
        setenv("KEFU_UI_SCALE", "2", 1);
        AppOptions opt = {.scenario = "haggler", .trainee = "王五"};
        App *app = gui_make_app(&opt);
        unsetenv("KEFU_UI_SCALE");
        if (app) {
            CHECK_DBL(font_scale(app->fonts), ==, 2);
            gui_advance(app, 8);
            gui_check_screenshot(app, "chat-2x");
            app_destroy(app);
        }
        SDL_DestroyRenderer(gui.ren);
    }
    if (gui.win)
        SDL_DestroyWindow(gui.win);
    gui.win = w1;
    gui.ren = r1;
}

static void gui_should_keep_working_when_resized(void)
{
    AppOptions opt = {.scenario = "indecisive_buyer", .trainee = "赵六"};
    App *app = gui_make_app(&opt);
    if (!app)
        return;
    gui_advance(app, 8);
    gui_push_text("亲，您好！请问您是自己用还是送人呢？平时喜欢什么风格的呀？");
    gui_press(app, SDLK_RETURN, 0);
    gui_advance(app, 8);
    /* Asked for less than the least size, the window stops there (test_gui_layout.c checks
     * that nothing overlaps at it). */
    gui_resize(app, 760, 600);
    SDL_Surface *s = gui_screenshot(app, "chat-narrow");
    if (s) {
        CHECK_INT(s->w, ==, APP_MIN_W);
        gui_check_not_blank(s, "chat-narrow");
        SDL_FreeSurface(s);
    }
    check_bubble_lines(app);
    SDL_SetWindowSize(gui.win, 1100, 760);
    app_destroy(app);
}

int main(void)
{
    if (gui_open("kefu test", "gui-results") < 0)
        return 1;
    gui_empty_dir(gui.results_dir);
    RUN(gui_should_find_the_simplified_chinese_face);
    RUN(gui_should_drive_a_session_from_start_to_scorecard);
    RUN(gui_should_open_the_chat_directly_and_save_on_quit);
    RUN(gui_should_show_a_good_session_and_its_scorecard);
    RUN(gui_should_draw_crisply_at_twice_the_scale);
    RUN(gui_should_keep_working_when_resized);
    gui_close();
    CHECK_DONE();
}
