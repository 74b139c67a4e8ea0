/* screen_chat: the conversation with the customer: header with mood and wait timer, the
 * bubbles, the input box with IME composition, the emoticon picker and the product card. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app_state.h"
#include "base/text.h"
#include "widgets.h"

enum {
    A_INPUT = 1,
    A_EMOJI,
    A_SEND,
    A_END,
    A_PICK,
    A_CONFIRM_YES,
    A_CONFIRM_NO,
    A_NEWEST,
    A_BANNER_CLOSE,
};

/* The handbook's smileys as text (000 笑脸, 002 热情亲切, 003 多用叠词和表情): what a shop's
 * chat tool offers, in forms every font draws. */
static const char *const emoticons[] = {
    "^_^",    ":)",     "[微笑]", "[愉快]", "[可爱]",  "[握手]",  "[抱拳]", "[玫瑰]",
    "[爱心]", "[太阳]", "[赞]",   "[加油]", "O(∩_∩)O", "(*^_^*)", "~",      "哈~",
};
#define NEMO ((int)(sizeof emoticons / sizeof emoticons[0]))
#define EMO_COLS 4

/* ------------------------------------------------------------------------------------------ */
/* Views of the transcript's messages.                                                        */

static void views_free(Chat *c)
{
    for (int i = 0; i < c->nviews; i++) {
        textblock_deinit(&c->views[i].body);
        textblock_deinit(&c->views[i].good);
        textblock_deinit(&c->views[i].bad);
    }
    free(c->views);
    c->views = NULL;
    c->nviews = c->capviews = 0;
}

/* The practice-mode notes under an agent's bubble: techniques in one block, violations in
 * another, each with the handbook passage it comes from. */
static void hit_notes(App *app, const Message *m, MsgView *v)
{
    char good[2048] = "", bad[2048] = "";
    for (int i = 0; i < m->hits.n; i++) {
        const Hit *h = &m->hits.v[i];
        const Principle *p = rubric_principle(app->rubric, h->principle);
        if (!p)
            continue;
        char *dst = p->kind == KIND_VIOLATION ? bad : good;
        size_t used = strlen(dst);
        if (p->kind == KIND_VIOLATION) {
            /* The words that made it fire, at most about 20 characters, cut between
             * characters. */
            int elen = h->end - h->start, cut = elen > 60 ? 60 : elen;
            while (cut > 0 && cut < elen && (m->text[h->start + cut] & 0xC0) == 0x80)
                cut--;
            snprintf(dst + used, 2048 - used, "%s✗ %s：“%.*s%s”（手册 %s）", used ? "\n" : "",
                     p->name, cut, m->text + h->start, cut < elen ? "…" : "",
                     p->source ? p->source : "");
        } else {
            snprintf(dst + used, 2048 - used, "%s✓ %s（手册 %s）", used ? "\n" : "", p->name,
                     p->source ? p->source : "");
        }
    }
    if (*good)
        textblock_set(&v->good, app->fonts, good, strlen(good), 0, 0);
    if (*bad)
        textblock_set(&v->bad, app->fonts, bad, strlen(bad), 0, 0);
}

/* Adds views for messages the transcript gained. Returns how many. */
static int sync_views(App *app)
{
    Chat *c = &app->chat;
    const Transcript *t = session_transcript(c->session);
    int added = 0;
    while (c->nviews < t->n) {
        if (c->nviews == c->capviews) {
            int cap = c->capviews ? c->capviews * 2 : 64;
            MsgView *v = realloc(c->views, (size_t)cap * sizeof *v);
            if (!v)
                break;
            c->views = v;
            c->capviews = cap;
        }
        const Message *m = &t->msgs[c->nviews];
        MsgView *v = &c->views[c->nviews];
        memset(v, 0, sizeof *v);
        textblock_init(&v->body, m->from == FROM_SYSTEM ? FONT_SMALL : FONT_BODY,
                       m->from == FROM_SYSTEM ? C_MUTED : C_TEXT);
        textblock_init(&v->good, FONT_SMALL, C_GOOD);
        textblock_init(&v->bad, FONT_SMALL, C_BAD);
        textblock_set(&v->body, app->fonts, m->text, m->len, 0, 0);
        if (!app->exam && m->from == FROM_AGENT)
            hit_notes(app, m, v);
        c->nviews++;
        added++;
    }
    return added;
}

/* ------------------------------------------------------------------------------------------ */
/* Starting and finishing.                                                                    */

static void build_card(App *app)
{
    Chat *c = &app->chat;
    const Scenario *sc = c->scenario;
    const Product *p = &sc->product;
    FontSet *fs = app->fonts;
    char line[1024];
    doc_clear(&c->card);
    doc_panel(&c->card, C_PANEL, (SDL_Color){0, 0, 0, 0});
    doc_text(&c->card, fs, FONT_SMALL, C_MUTED, "顾客正在看的商品", 0, 0);
    doc_text(&c->card, fs, FONT_BOLD, C_TEXT, p->name ? p->name : "", 0, 4);
    snprintf(line, sizeof line, "¥%.0f", p->price);
    doc_text(&c->card, fs, FONT_TITLE, C_ACCENT, line, 0, 4);
    if (p->stock >= 0) {
        snprintf(line, sizeof line, "库存：%d 件", p->stock);
        doc_text(&c->card, fs, FONT_BODY, C_TEXT, line, 0, 6);
    }
    if (p->colours && *p->colours) {
        snprintf(line, sizeof line, "颜色：%s", p->colours);
        doc_text(&c->card, fs, FONT_BODY, C_TEXT, line, 0, 4);
    }
    if (p->sizes && *p->sizes) {
        snprintf(line, sizeof line, "规格：%s", p->sizes);
        doc_text(&c->card, fs, FONT_BODY, C_TEXT, line, 0, 4);
    }
    if (p->ship && *p->ship) {
        snprintf(line, sizeof line, "发货：%s", p->ship);
        doc_text(&c->card, fs, FONT_BODY, C_TEXT, line, 0, 4);
    }
    for (int i = 0; i < p->nfacts; i++) {
        snprintf(line, sizeof line, "%s：%s", p->facts[i].label, p->facts[i].value);
        doc_text(&c->card, fs, FONT_BODY, C_TEXT, line, 0, 4);
    }
    doc_panel(&c->card, C_PANEL, (SDL_Color){0, 0, 0, 0});
    doc_text(&c->card, fs, FONT_SMALL, C_MUTED, "本次练习", 0, 0);
    doc_text(&c->card, fs, FONT_BOLD, C_TEXT, sc->title, 0, 4);
    snprintf(line, sizeof line, "%s · 难度 %d/5 · 及格 %.0f 分",
             app->exam ? "考试模式" : "练习模式", sc->difficulty, sc->spec.pass_mark);
    doc_text(&c->card, fs, FONT_SMALL, C_MUTED, line, 0, 4);
    doc_text(&c->card, fs, FONT_SMALL, C_MUTED,
             app->exam ? "考试中不提示对错，结束后看成绩单。"
                       : "每条回复下面会显示用到的技巧（绿色）和犯的错（红色）。",
             0, 6);
    snprintf(line, sizeof line,
             "手册标准：%.0f 秒内首次回复，每次等待不超过 %.0f 秒，打字每分钟 %.0f 字以上。",
             sc->spec.thresholds.first_response_s, sc->spec.thresholds.reply_wait_s,
             sc->spec.thresholds.typing_cpm);
    doc_text(&c->card, fs, FONT_SMALL, C_MUTED, line, 0, 6);
    doc_end_panel(&c->card);
    doc_panel(&c->card, C_PANEL, (SDL_Color){0, 0, 0, 0});
    doc_text(&c->card, fs, FONT_SMALL, C_MUTED,
             "Enter 发送 · Shift+Enter 换行 · Ctrl+V 粘贴\nCtrl+E 表情 · PageUp/PageDown 翻看\n"
             "Tab 切换按钮 · Esc 结束接待\nF5 重新载入场景文件（改完后接着练）",
             0, 0);
    doc_end_panel(&c->card);
}

void chat_reset(App *app)
{
    Chat *c = &app->chat;
    if (c->session)
        session_destroy(c->session);
    c->session = NULL;
    views_free(c);
    textblock_deinit(&c->edit_tb);
    doc_clear(&c->card);
    textedit_clear(&c->edit);
    c->banner_msg[0] = 0;
    c->banner_rect = (SDL_Rect){0, 0, 0, 0};
    textblock_deinit(&c->banner);
    c->toast_msg[0] = 0;
    c->toast_until = 0;
    textblock_deinit(&c->toast);
    c->reloads = 0;
}

void chat_rebuild(App *app)
{
    Chat *c = &app->chat;
    /* Every bubble is made again (the messages, their hit notes under the new rubric, their
     * textures); the draft, its typing time, the focus and the mode stay. */
    views_free(c);
    build_card(app);
    sync_views(app);
    c->laid_w = -1;
    c->shown_n = -1;
    c->shown_wait = -1;
    c->shown_typing = -1;
    c->shown_mood = -1;
    c->shown_outcome = OUTCOME_COUNT;
    c->unseen = 0;
    c->edit_dirty = 1;
    app->dirty = 1;
}

int chat_begin(App *app, int index)
{
    Chat *c = &app->chat;
    KefuError err = {{0}};
    chat_reset(app);
    score_reset(app);
    c->scenario = app->scenarios[index];
    app->sel = index;
    c->seed = app->seed ? app->seed : (unsigned long)(time(NULL) ^ (time_t)SDL_GetTicks64());
    SessionConfig cfg = {c->scenario, app->rubric, c->seed};
    c->session = session_create(&cfg, &err);
    if (!c->session || session_start(c->session, &err) < 0) {
        if (c->session)
            session_destroy(c->session);
        c->session = NULL;
        app_notice(app, 1, "场景出错，无法开始：%s", err.msg);
        return -1;
    }
    c->t0_ms = app_ms(app);
    c->started_at = time(NULL);
    c->typing_start = -1;
    c->scroll = 0;
    c->stick = 1;
    c->unseen = 0;
    c->focus = CF_INPUT;
    c->picker = c->confirm = 0;
    c->laid_w = -1;
    c->shown_wait = -1;
    c->shown_n = -1;
    textblock_init(&c->edit_tb, FONT_BODY, C_TEXT);
    c->edit_dirty = 1;
    app->notice[0] = 0;
    build_card(app);
    sync_views(app);
    app->screen = SCREEN_CHAT;
    app_text_input(app, 1, NULL);
    app->dirty = 1;
    return 0;
}

int chat_finish(App *app, int show)
{
    Chat *c = &app->chat;
    if (!c->session)
        return 0;
    double now = app_now(app);
    if (session_outcome(c->session) == OUTCOME_NONE)
        session_end(c->session, now, OUTCOME_ABANDONED);
    KefuError err = {{0}};
    score_reset(app);
    int rc = app_record_session(app, &app->score.result, &app->score.sc, app->score.path,
                                sizeof app->score.path, &err);
    if (rc < 0) {
        app_notice(app, 1, "成绩没能保存：%s", err.msg);
        app->score.path[0] = 0;
    } else {
        snprintf(app->last_result, sizeof app->last_result, "%s", app->score.path);
    }
    app->score.have = rc == 0 || app->score.result.id != NULL;
    session_destroy(c->session);
    c->session = NULL;
    app_text_input(app, 0, NULL);
    if (show)
        score_show(app);
    return rc;
}

/* ------------------------------------------------------------------------------------------ */
/* Sending and editing.                                                                       */

static void send_reply(App *app)
{
    Chat *c = &app->chat;
    if (!c->session)
        return;
    if (!session_accepts_replies(c->session)) {
        chat_finish(app, 1);
        return;
    }
    if (textedit_blank(&c->edit)) {
        app_notice(app, 0, "不能发送空白消息");
        return;
    }
    double now = app_now(app);
    double typing = c->typing_start >= 0 ? now - c->typing_start : -1;
    if (typing < 0 && c->typing_start >= 0)
        typing = 0;
    KefuError err = {{0}};
    int rc = session_reply(c->session, now, c->edit.buf, c->edit.len, typing, &err);
    if (rc == -1) {
        app_notice(app, 1, "场景出错：%s", err.msg);
        return;
    }
    if (rc == SESSION_IGNORED) {
        app_notice(app, 0, "顾客已经离开，消息没有发出。");
        return;
    }
    app->notice[0] = 0;
    textedit_clear(&c->edit);
    c->typing_start = -1;
    c->edit_dirty = 1;
    c->stick = 1;
    sync_views(app);
}

static void began_typing(App *app)
{
    if (app->chat.typing_start < 0)
        app->chat.typing_start = app_now(app);
}

static void insert_text(App *app, const char *s, size_t n)
{
    Chat *c = &app->chat;
    began_typing(app);
    textedit_insert(&c->edit, s, n);
    if (c->edit.truncated)
        app_notice(app, 0, "输入太长，超出的部分没有放进输入框。");
    c->edit_dirty = 1;
}

static void scroll_by(Chat *c, int dy)
{
    int max = c->content_h - c->view_h;
    if (max < 0)
        max = 0;
    c->scroll += dy;
    if (c->scroll > max)
        c->scroll = max;
    if (c->scroll < 0)
        c->scroll = 0;
    c->stick = c->scroll >= max - 2;
    if (c->stick)
        c->unseen = 0;
}

static void insert_emoticon(App *app, int i)
{
    if (i < 0 || i >= NEMO)
        return;
    insert_text(app, emoticons[i], strlen(emoticons[i]));
    app->chat.picker = 0;
    app->chat.focus = CF_INPUT;
}

static int activate(App *app, int focus)
{
    Chat *c = &app->chat;
    switch (focus) {
    case CF_EMOJI:
        c->picker = !c->picker;
        c->picker_sel = 0;
        return 1;
    case CF_SEND:
        send_reply(app);
        return 1;
    case CF_END:
        if (c->session && session_outcome(c->session) != OUTCOME_NONE)
            chat_finish(app, 1);
        else
            c->confirm = 1;
        return 1;
    default:
        return 0;
    }
}

static int picker_key(App *app, SDL_Keycode k)
{
    Chat *c = &app->chat;
    switch (k) {
    case SDLK_ESCAPE:
        c->picker = 0;
        c->focus = CF_INPUT;
        return 1;
    case SDLK_LEFT:
        c->picker_sel = (c->picker_sel + NEMO - 1) % NEMO;
        return 1;
    case SDLK_RIGHT:
    case SDLK_TAB:
        c->picker_sel = (c->picker_sel + 1) % NEMO;
        return 1;
    case SDLK_UP:
        c->picker_sel = (c->picker_sel + NEMO - EMO_COLS) % NEMO;
        return 1;
    case SDLK_DOWN:
        c->picker_sel = (c->picker_sel + EMO_COLS) % NEMO;
        return 1;
    case SDLK_RETURN:
    case SDLK_KP_ENTER:
    case SDLK_SPACE:
        insert_emoticon(app, c->picker_sel);
        return 1;
    default:
        return 0;
    }
}

static int edit_key(App *app, const SDL_Event *ev)
{
    Chat *c = &app->chat;
    SDL_Keycode k = ev->key.keysym.sym;
    /* While the IME composes, its keys are its own (Enter commits, Backspace edits pinyin). */
    if (c->edit.comp[0])
        return 0;
    switch (k) {
    case SDLK_RETURN:
    case SDLK_KP_ENTER:
        if (key_shift(ev)) {
            insert_text(app, "\n", 1);
        } else if (key_ctrl(ev)) {
            activate(app, CF_END);
        } else {
            send_reply(app);
        }
        return 1;
    case SDLK_BACKSPACE:
        began_typing(app);
        textedit_backspace(&c->edit);
        break;
    case SDLK_DELETE:
        textedit_delete(&c->edit);
        break;
    case SDLK_LEFT:
        textedit_left(&c->edit);
        break;
    case SDLK_RIGHT:
        textedit_right(&c->edit);
        break;
    case SDLK_UP:
        textedit_up(&c->edit);
        break;
    case SDLK_DOWN:
        textedit_down(&c->edit);
        break;
    case SDLK_HOME:
        textedit_home(&c->edit);
        break;
    case SDLK_END:
        textedit_end(&c->edit);
        break;
    case SDLK_v:
        if (!key_ctrl(ev))
            return 0;
        {
            char *clip = SDL_GetClipboardText();
            if (clip && *clip)
                insert_text(app, clip, strlen(clip));
            SDL_free(clip);
        }
        break;
    default:
        return 0;
    }
    c->edit_dirty = 1;
    return 1;
}

int chat_compose(App *app, const char *text, int cursor)
{
    Chat *c = &app->chat;
    if (c->confirm || c->focus != CF_INPUT || !c->session)
        return 0;
    /* Typing time starts with the composition: pinyin is typing too. */
    if (text[0])
        began_typing(app);
    textedit_compose(&c->edit, text, cursor);
    c->edit_dirty = 1;
    return 1;
}

int chat_event(App *app, const SDL_Event *ev)
{
    Chat *c = &app->chat;
    int arg = 0;
    switch (ev->type) {
    case SDL_TEXTINPUT:
        if (c->confirm || c->picker || c->focus != CF_INPUT || !c->session)
            return 0;
        c->edit.comp[0] = 0;
        insert_text(app, ev->text.text, strnlen(ev->text.text, sizeof ev->text.text));
        return 1;
    case SDL_TEXTEDITING:
        return chat_compose(app, ev->edit.text, ev->edit.start);
    case SDL_MOUSEWHEEL: {
        int mx = 0;
        SDL_GetMouseState(&mx, NULL);
        if (c->side_x > 0 && mx * app->ui.scale >= c->side_x)
            doc_scroll(&c->card, -ev->wheel.y * ui_px(&app->ui, 48));
        else
            scroll_by(c, -ev->wheel.y * ui_px(&app->ui, 48));
        return 1;
    }
    case SDL_MOUSEBUTTONDOWN:
        switch (ui_hit(&app->ui, ev->button.x, ev->button.y, &arg)) {
        case A_INPUT:
            c->focus = CF_INPUT;
            c->picker = 0;
            return 1;
        case A_EMOJI:
            return activate(app, CF_EMOJI);
        case A_SEND:
            return activate(app, CF_SEND);
        case A_END:
            return activate(app, CF_END);
        case A_PICK:
            insert_emoticon(app, arg);
            return 1;
        case A_CONFIRM_YES:
            chat_finish(app, 1);
            return 1;
        case A_CONFIRM_NO:
            c->confirm = 0;
            return 1;
        case A_NEWEST:
            c->stick = 1;
            c->unseen = 0;
            return 1;
        case A_BANNER_CLOSE:
            reload_dismiss(app);
            return 1;
        default:
            if (c->picker) {
                c->picker = 0;
                return 1;
            }
            return 0;
        }
    case SDL_KEYDOWN:
        break;
    default:
        return 0;
    }

    SDL_Keycode k = ev->key.keysym.sym;
    if (c->confirm) {
        if (k == SDLK_RETURN || k == SDLK_KP_ENTER || k == SDLK_y)
            chat_finish(app, 1);
        else if (k == SDLK_ESCAPE || k == SDLK_n)
            c->confirm = 0;
        return 1;
    }
    if (!c->session)
        return 0;
    if (c->picker && picker_key(app, k))
        return 1;
    /* F5: the trainer edited the scenario or the rubric; the draft and the IME's composition
     * stay where they are. */
    if (k == SDLK_F5) {
        reload_chat(app);
        return 1;
    }
    /* Esc closes a failed reload's banner before it means "end the session". */
    if (k == SDLK_ESCAPE && c->banner_msg[0]) {
        reload_dismiss(app);
        return 1;
    }
    /* Keys that work wherever the focus is. */
    if (k == SDLK_PAGEUP || k == SDLK_PAGEDOWN) {
        scroll_by(c, (k == SDLK_PAGEUP ? -1 : 1) * (c->view_h * 4 / 5));
        return 1;
    }
    if (key_ctrl(ev) && (k == SDLK_HOME || k == SDLK_END)) {
        scroll_by(c, k == SDLK_HOME ? -c->content_h : c->content_h);
        return 1;
    }
    if ((k == SDLK_e && key_ctrl(ev)) || k == SDLK_F2)
        return activate(app, CF_EMOJI);
    if (k == SDLK_ESCAPE) {
        if (c->focus != CF_INPUT) {
            c->focus = CF_INPUT;
            return 1;
        }
        return activate(app, CF_END);
    }
    if (k == SDLK_TAB) {
        c->focus = (c->focus + (key_shift(ev) ? CF_COUNT - 1 : 1)) % CF_COUNT;
        app_text_input(app, c->focus == CF_INPUT, NULL);
        return 1;
    }
    /* Once the customer has gone, Enter opens the scorecard. */
    if (!session_accepts_replies(c->session) && (k == SDLK_RETURN || k == SDLK_KP_ENTER)) {
        chat_finish(app, 1);
        return 1;
    }
    if (c->focus == CF_INPUT)
        return edit_key(app, ev);
    if (k == SDLK_RETURN || k == SDLK_KP_ENTER || k == SDLK_SPACE)
        return activate(app, c->focus);
    return 0;
}

/* ------------------------------------------------------------------------------------------ */
/* The clock.                                                                                 */

static double wait_now(App *app)
{
    double since = session_waiting_since(app->chat.session);
    if (since < 0 || session_outcome(app->chat.session) != OUTCOME_NONE)
        return -1;
    double w = app_now(app) - since;
    return w < 0 ? 0 : w;
}

int chat_tick(App *app)
{
    Chat *c = &app->chat;
    if (!c->session)
        return 0;
    KefuError err = {{0}};
    if (session_advance(c->session, app_now(app), &err) < 0) {
        app_notice(app, 1, "场景出错：%s", err.msg);
        chat_finish(app, 1);
        return 1;
    }
    int changed = 0;
    if (c->toast_until && app_ms(app) >= c->toast_until) {
        c->toast_msg[0] = 0;
        c->toast_until = 0;
        textblock_deinit(&c->toast);
        changed = 1;
    }
    int added = sync_views(app);
    if (added) {
        changed = 1;
        if (!c->stick)
            c->unseen += added;
    }
    double w = wait_now(app);
    long secs = w < 0 ? -1 : (long)w;
    if (secs != c->shown_wait) {
        c->shown_wait = secs;
        changed = 1;
    }
    int typing = session_customer_typing(c->session);
    int mood = session_mood(c->session);
    Outcome o = session_outcome(c->session);
    if (typing != c->shown_typing || mood != c->shown_mood || o != c->shown_outcome) {
        c->shown_typing = typing;
        c->shown_mood = mood;
        c->shown_outcome = o;
        changed = 1;
    }
    return changed;
}

int chat_wait_ms(App *app)
{
    Chat *c = &app->chat;
    if (!c->session)
        return -1;
    double now = app_now(app);
    double best = -1;
    double next = session_next_event(c->session);
    if (next >= 0)
        best = next - now;
    double w = wait_now(app);
    if (w >= 0) {
        double to_tick = floor(w) + 1 - w;
        if (best < 0 || to_tick < best)
            best = to_tick;
    }
    if (c->toast_until) {
        /* The toast goes by itself: wake up then to draw the chat without it. */
        uint64_t ms = app_ms(app);
        double to_toast = ms >= c->toast_until ? 0 : (double)(c->toast_until - ms) / 1000.0;
        if (best < 0 || to_toast < best)
            best = to_toast;
    }
    if (best < 0)
        return -1;
    return best <= 0 ? 0 : (int)ceil(best * 1000);
}

/* ------------------------------------------------------------------------------------------ */
/* Drawing.                                                                                   */

static void format_clock(const Chat *c, double t, char *buf, size_t size)
{
    time_t when = c->started_at + (time_t)t;
    struct tm tm;
    localtime_r(&when, &tm);
    strftime(buf, size, "%H:%M:%S", &tm);
}

/* Lays the views out for a list width: bubble paragraphs wrap at about two thirds of it. */
static void layout_views(App *app, int list_w)
{
    Chat *c = &app->chat;
    Ui *ui = &app->ui;
    int bpad = ui_px(ui, 10), gap = ui_px(ui, 14);
    int maxw = list_w * 62 / 100 - 2 * bpad;
    int sys_w = list_w * 80 / 100;
    int meta = font_lineskip(app->fonts, FONT_SMALL) + ui_px(ui, 2);
    int y = ui_px(ui, 12);
    for (int i = 0; i < c->nviews; i++) {
        MsgView *v = &c->views[i];
        const Message *m = &session_transcript(c->session)->msgs[i];
        if (m->from == FROM_SYSTEM) {
            textblock_layout(&v->body, app->fonts, sys_w);
            v->h = v->body.h + 2 * ui_px(ui, 5);
        } else {
            textblock_layout(&v->body, app->fonts, maxw);
            v->h = meta + v->body.h + 2 * bpad;
            if (v->good.text) {
                textblock_layout(&v->good, app->fonts, maxw + 2 * bpad);
                v->h += ui_px(ui, 4) + v->good.h;
            }
            if (v->bad.text) {
                textblock_layout(&v->bad, app->fonts, maxw + 2 * bpad);
                v->h += ui_px(ui, 4) + v->bad.h;
            }
        }
        v->y = y;
        y += v->h + gap;
    }
    /* Room under the last message for the "typing…" note. */
    c->content_h = y + ui_px(ui, 24);
}

static void draw_view(App *app, int i, SDL_Rect list, int top, double wait, int waiting_idx)
{
    Chat *c = &app->chat;
    Ui *ui = &app->ui;
    MsgView *v = &c->views[i];
    const Message *m = &session_transcript(c->session)->msgs[i];
    int bpad = ui_px(ui, 10), av = ui_px(ui, 17), side = ui_px(ui, 16);
    int y = top + v->y;
    if (m->from == FROM_SYSTEM) {
        int w = v->body.w + 2 * ui_px(ui, 12);
        SDL_Rect pill = {list.x + (list.w - w) / 2, y, w, v->h};
        ui_round(ui, pill, v->h / 2, C_SYSTEM);
        textblock_draw(&v->body, app->fonts, ui->r, pill.x + ui_px(ui, 12), y + ui_px(ui, 5),
                       &list);
        return;
    }
    int agent = m->from == FROM_AGENT;
    char meta[128], clock[32];
    format_clock(c, m->t, clock, sizeof clock);
    snprintf(meta, sizeof meta, "%s  %s",
             agent                       ? "我"
             : c->scenario->persona_name ? c->scenario->persona_name
                                         : "顾客",
             clock);
    int mw = ui_label_width(ui, FONT_SMALL, meta);
    int bw = v->body.w + 2 * bpad, bh = v->body.h + 2 * bpad;
    int meta_h = font_lineskip(app->fonts, FONT_SMALL) + ui_px(ui, 2);
    int bx;
    if (agent) {
        int ax = list.x + list.w - side - av;
        widget_avatar(ui, "我", "我", ax, y + meta_h + av, av);
        bx = ax - av - ui_px(ui, 10) - bw;
        ui_label(ui, FONT_SMALL, C_MUTED, meta, bx + bw - mw, y, 0);
    } else {
        int ax = list.x + side + av;
        widget_avatar(ui, c->scenario->persona_avatar, c->scenario->persona_name, ax,
                      y + meta_h + av, av);
        bx = ax + av + ui_px(ui, 10);
        ui_label(ui, FONT_SMALL, C_MUTED, meta, bx, y, 0);
    }
    SDL_Rect bubble = {bx, y + meta_h, bw, bh};
    if (!agent)
        ui_round(ui, (SDL_Rect){bubble.x - 1, bubble.y - 1, bubble.w + 2, bubble.h + 2},
                 ui_px(ui, 10), C_LINE);
    ui_round(ui, bubble, ui_px(ui, 10), agent ? C_AGENT : C_CUSTOMER);
    textblock_draw(&v->body, app->fonts, ui->r, bx + bpad, bubble.y + bpad, &list);
    /* The wait timer sits beside the latest customer message still unanswered. */
    if (i == waiting_idx && wait >= 0) {
        const Thresholds *th = &c->scenario->spec.thresholds;
        SDL_Color col = wait >= th->reply_wait_s       ? C_BAD
                        : wait >= th->first_response_s ? C_AMBER
                                                       : C_MUTED;
        char t[64];
        snprintf(t, sizeof t, "已等待 %ld 秒", (long)wait);
        int tw = ui_label_width(ui, FONT_BOLD, t);
        SDL_Rect pill = {bubble.x + bubble.w + ui_px(ui, 10),
                         bubble.y + bubble.h / 2 - ui_px(ui, 12), tw + ui_px(ui, 16),
                         ui_px(ui, 24)};
        SDL_Color soft = wait >= th->reply_wait_s       ? C_BAD_SOFT
                         : wait >= th->first_response_s ? (SDL_Color){255, 243, 214, 255}
                                                        : C_BG;
        ui_round(ui, pill, pill.h / 2, soft);
        ui_label(ui, FONT_BOLD, col, t, pill.x + ui_px(ui, 8),
                 pill.y + (pill.h - font_height(app->fonts, FONT_BOLD)) / 2, 0);
    }
    int ny = bubble.y + bubble.h + ui_px(ui, 4);
    TextBlock *notes[2] = {&v->good, &v->bad};
    for (int k = 0; k < 2; k++) {
        if (!notes[k]->text)
            continue;
        int nx = agent ? bubble.x + bubble.w - notes[k]->w : bubble.x;
        textblock_draw(notes[k], app->fonts, ui->r, nx, ny, &list);
        ny += notes[k]->h + ui_px(ui, 4);
    }
}

static void draw_header(App *app, SDL_Rect r)
{
    Chat *c = &app->chat;
    Ui *ui = &app->ui;
    const Scenario *sc = c->scenario;
    ui_fill(ui, r, C_PANEL);
    ui_fill(ui, (SDL_Rect){r.x, r.y + r.h - 1, r.w, 1}, C_LINE);
    int av = ui_px(ui, 20), pad = ui_px(ui, 16);
    widget_avatar(ui, sc->persona_avatar, sc->persona_name, r.x + pad + av, r.y + r.h / 2, av);
    int x = r.x + pad * 2 + av * 2;
    int y = r.y + ui_px(ui, 10);
    int nw = ui_label(ui, FONT_BOLD, C_TEXT, sc->persona_name, x, y, 0);
    ui_label(ui, FONT_SMALL, C_MUTED, sc->persona_desc ? sc->persona_desc : "", x + nw + pad,
             y + ui_px(ui, 2), r.w / 2 - nw - pad);
    y += font_lineskip(app->fonts, FONT_BOLD) + ui_px(ui, 4);
    widget_mood(ui, session_mood(c->session), x, y, ui_px(ui, 210));
    /* Status: typing, the wait, or the outcome. */
    char status[160] = "";
    SDL_Color col = C_MUTED;
    Outcome o = session_outcome(c->session);
    double w = wait_now(app);
    if (o != OUTCOME_NONE) {
        snprintf(status, sizeof status, "会话结果：%s", outcome_label(o));
        col = o == OUTCOME_SALE || o == OUTCOME_RESOLVED ? C_GOOD : C_BAD;
    } else if (session_customer_typing(c->session)) {
        snprintf(status, sizeof status, "对方正在输入…");
    } else if (w >= 0) {
        const Thresholds *th = &sc->spec.thresholds;
        snprintf(status, sizeof status, "顾客已等待 %ld 秒", (long)w);
        col = w >= th->reply_wait_s ? C_BAD : w >= th->first_response_s ? C_AMBER : C_MUTED;
    }
    ui_label(ui, FONT_BODY, col, status, x + ui_px(ui, 230), y - ui_px(ui, 3), 0);
    SDL_Rect end = {r.x + r.w - pad - ui_px(ui, 128), r.y + (r.h - ui_px(ui, 34)) / 2,
                    ui_px(ui, 128), ui_px(ui, 34)};
    ui_button(ui, end, o == OUTCOME_NONE ? "结束接待" : "查看成绩", o != OUTCOME_NONE,
              c->focus == CF_END, A_END, 0);
}

/* The input box: text with the composition underlined at the caret, scrolled to the caret. */
static void draw_input(App *app, SDL_Rect box)
{
    Chat *c = &app->chat;
    Ui *ui = &app->ui;
    int focused = c->focus == CF_INPUT && !c->picker && !c->confirm;
    ui_round(ui, box, ui_px(ui, 8), focused ? C_FOCUS : C_LINE);
    ui_round(ui, (SDL_Rect){box.x + 1, box.y + 1, box.w - 2, box.h - 2}, ui_px(ui, 8), C_PANEL);
    ui_target(ui, box, A_INPUT, 0);
    int pad = ui_px(ui, 10);
    SDL_Rect inner = {box.x + pad, box.y + pad, box.w - 2 * pad, box.h - 2 * pad};
    const char *text = c->edit.buf ? c->edit.buf : "";
    size_t comp_len = strlen(c->edit.comp);
    if (c->edit_dirty) {
        /* The shown text is the buffer with the composition spliced in at the caret. */
        size_t n = c->edit.len + comp_len;
        char *shown = malloc(n + 1);
        if (shown) {
            memcpy(shown, text, c->edit.caret);
            memcpy(shown + c->edit.caret, c->edit.comp, comp_len);
            memcpy(shown + c->edit.caret + comp_len, text + c->edit.caret,
                   c->edit.len - c->edit.caret);
            shown[n] = 0;
            textblock_set(&c->edit_tb, app->fonts, shown, n, c->edit.caret,
                          c->edit.caret + comp_len);
            c->edit_tb.hl_colour = (SDL_Color){210, 226, 255, 255};
            free(shown);
        }
        c->edit_dirty = 0;
    }
    textblock_layout(&c->edit_tb, app->fonts, inner.w);
    /* Where the caret is, in the displayable text: the display form of the prefix. */
    size_t disp_caret = c->edit_tb.hl_end > c->edit_tb.hl_start ? c->edit_tb.hl_end : 0;
    if (!comp_len) {
        size_t dl = 0;
        char *pre = font_displayable(app->fonts, text, c->edit.caret, &dl);
        free(pre);
        disp_caret = dl;
    }
    int cx = 0, cy = 0;
    textblock_caret(&c->edit_tb, app->fonts, disp_caret, &cx, &cy);
    int lh = font_lineskip(app->fonts, FONT_BODY), fh = font_height(app->fonts, FONT_BODY);
    if (cy - c->edit_scroll + fh > inner.h)
        c->edit_scroll = cy + fh - inner.h;
    if (cy - c->edit_scroll < 0)
        c->edit_scroll = cy;
    SDL_RenderSetClipRect(ui->r, &inner);
    if (!c->edit.len && !comp_len)
        ui_label(ui, FONT_BODY, C_MUTED, "在这里输入回复，Enter 发送，Shift+Enter 换行", inner.x,
                 inner.y, inner.w);
    textblock_draw(&c->edit_tb, app->fonts, ui->r, inner.x, inner.y - c->edit_scroll, &inner);
    if (comp_len && c->edit_tb.hl_end > c->edit_tb.hl_start) {
        /* Underline the composition, as input methods do. */
        int x0, y0, x1, y1;
        textblock_caret(&c->edit_tb, app->fonts, c->edit_tb.hl_start, &x0, &y0);
        textblock_caret(&c->edit_tb, app->fonts, c->edit_tb.hl_end, &x1, &y1);
        if (y0 == y1)
            ui_fill(ui,
                    (SDL_Rect){inner.x + x0, inner.y - c->edit_scroll + y0 + fh - ui_px(ui, 2),
                               x1 - x0, ui_px(ui, 1) + 1},
                    C_FOCUS);
    }
    SDL_Rect caret = {inner.x + cx, inner.y - c->edit_scroll + cy, ui_px(ui, 1) + 1, fh};
    if (focused && !comp_len)
        ui_fill(ui, caret, C_TEXT);
    SDL_RenderSetClipRect(ui->r, NULL);
    (void)lh;
    c->input_rect = box;
    if (focused)
        app_text_input(app, 1, &caret);
    if (c->edit.len > 0) {
        char count[64];
        snprintf(count, sizeof count, "%zu 字", textedit_chars(&c->edit));
        int w = ui_label_width(ui, FONT_SMALL, count);
        ui_label(ui, FONT_SMALL, C_MUTED, count, box.x + box.w - w - pad,
                 box.y + box.h - pad / 2 - font_height(app->fonts, FONT_SMALL), 0);
    }
}

static void draw_picker(App *app, int x, int bottom)
{
    Chat *c = &app->chat;
    Ui *ui = &app->ui;
    int cw = ui_px(ui, 92), ch = ui_px(ui, 36), g = ui_px(ui, 6), pad = ui_px(ui, 10);
    int rows = (NEMO + EMO_COLS - 1) / EMO_COLS;
    int title = font_lineskip(app->fonts, FONT_SMALL) + ui_px(ui, 4);
    SDL_Rect box = {x, bottom - (rows * (ch + g) - g + 2 * pad + title),
                    EMO_COLS * (cw + g) - g + 2 * pad, rows * (ch + g) - g + 2 * pad + title};
    ui_round(ui, (SDL_Rect){box.x - 1, box.y - 1, box.w + 2, box.h + 2}, ui_px(ui, 10), C_LINE);
    ui_round(ui, box, ui_px(ui, 10), C_PANEL);
    ui_label(ui, FONT_SMALL, C_MUTED, "常用表情（方向键选择，Enter 插入，Esc 关闭）", box.x + pad,
             box.y + pad, box.w - 2 * pad);
    for (int i = 0; i < NEMO; i++) {
        SDL_Rect cell = {box.x + pad + (i % EMO_COLS) * (cw + g),
                         box.y + pad + title + (i / EMO_COLS) * (ch + g), cw, ch};
        ui_button(ui, cell, emoticons[i], 0, i == c->picker_sel, A_PICK, i);
    }
}

static void draw_confirm(App *app)
{
    Ui *ui = &app->ui;
    ui_fill(ui, (SDL_Rect){0, 0, ui->w, ui->h}, (SDL_Color){20, 24, 32, 120});
    int w = ui_px(ui, 420), h = ui_px(ui, 190);
    SDL_Rect box = {(ui->w - w) / 2, (ui->h - h) / 2, w, h};
    ui_round(ui, box, ui_px(ui, 12), C_PANEL);
    int pad = ui_px(ui, 22);
    ui_label(ui, FONT_TITLE, C_TEXT, "结束这次接待？", box.x + pad, box.y + pad, 0);
    ui_label(ui, FONT_BODY, C_MUTED, "对话会保存为“中途放弃”，并给出成绩单。", box.x + pad,
             box.y + pad + font_lineskip(app->fonts, FONT_TITLE) + ui_px(ui, 8), w - 2 * pad);
    int bw = (w - 3 * pad) / 2, bh = ui_px(ui, 40);
    SDL_Rect yes = {box.x + pad, box.y + h - pad - bh, bw, bh};
    SDL_Rect no = {box.x + 2 * pad + bw, box.y + h - pad - bh, bw, bh};
    ui_button(ui, yes, "结束并评分（Enter）", 1, 0, A_CONFIRM_YES, 0);
    ui_button(ui, no, "继续接待（Esc）", 0, 0, A_CONFIRM_NO, 0);
}

/* The banner of a failed reload, between the header and the conversation (so it covers
 * neither the messages nor the input box): what went wrong, the file:line message wrapped,
 * and a close button. Returns its height for width w, at most max_h (the message is clipped
 * beyond that). */
static int banner_height(App *app, int w, int max_h)
{
    Chat *c = &app->chat;
    Ui *ui = &app->ui;
    int pad = ui_px(ui, 12), close_w = ui_px(ui, 96);
    textblock_layout(&c->banner, app->fonts, w - 3 * pad - close_w - ui_px(ui, 4));
    int h = pad + font_lineskip(app->fonts, FONT_BOLD) + ui_px(ui, 4) + c->banner.h + pad;
    return h > max_h ? max_h : h;
}

static void draw_banner(App *app, SDL_Rect r)
{
    Chat *c = &app->chat;
    Ui *ui = &app->ui;
    int pad = ui_px(ui, 12), close_w = ui_px(ui, 96), stripe = ui_px(ui, 4);
    ui_fill(ui, r, C_BAD_SOFT);
    ui_fill(ui, (SDL_Rect){r.x, r.y, stripe, r.h}, C_BAD);
    ui_fill(ui, (SDL_Rect){r.x, r.y + r.h - 1, r.w, 1}, C_LINE);
    int x = r.x + stripe + pad, y = r.y + pad;
    int text_w = r.w - 3 * pad - close_w - stripe;
    ui_label(ui, FONT_BOLD, C_BAD, "重新载入失败：对话照常继续，改好文件后再按 F5", x, y, text_w);
    y += font_lineskip(app->fonts, FONT_BOLD) + ui_px(ui, 4);
    SDL_Rect clip = {x, y, text_w, r.y + r.h - y - ui_px(ui, 4)};
    if (clip.h > 0) {
        SDL_RenderSetClipRect(ui->r, &clip);
        textblock_draw(&c->banner, app->fonts, ui->r, x, y, &clip);
        SDL_RenderSetClipRect(ui->r, NULL);
    }
    SDL_Rect close = {r.x + r.w - pad - close_w, r.y + pad, close_w, ui_px(ui, 32)};
    ui_button(ui, close, "关闭 Esc", 0, 0, A_BANNER_CLOSE, 0);
    c->banner_rect = r;
}

/* The toast of a reload that worked, over the top of the conversation for a few seconds. */
static void draw_toast(App *app, SDL_Rect list)
{
    Chat *c = &app->chat;
    Ui *ui = &app->ui;
    int pad = ui_px(ui, 12);
    textblock_layout(&c->toast, app->fonts, list.w * 70 / 100);
    SDL_Rect box = {list.x + (list.w - c->toast.w) / 2 - pad, list.y + ui_px(ui, 10),
                    c->toast.w + 2 * pad, c->toast.h + 2 * ui_px(ui, 8)};
    ui_round(ui, box, ui_px(ui, 10), (SDL_Color){46, 52, 64, 255});
    textblock_draw(&c->toast, app->fonts, ui->r, box.x + pad, box.y + ui_px(ui, 8), NULL);
}

void chat_draw(App *app)
{
    Chat *c = &app->chat;
    Ui *ui = &app->ui;
    if (!c->session) {
        ui_label(ui, FONT_BODY, C_BAD, app->notice, ui_px(ui, 20), ui_px(ui, 20), 0);
        return;
    }
    int W = ui->w, H = ui->h;
    int side_w = W > ui_px(ui, 860) ? ui_px(ui, 300) : 0;
    int cw = W - side_w;
    c->side_x = side_w ? cw : 0;
    SDL_Rect header = {0, 0, cw, ui_px(ui, 70)};
    int input_h = ui_px(ui, 116), bar_h = ui_px(ui, 44);
    int room = H - header.h - input_h - bar_h - ui_px(ui, 12);
    /* The banner takes its height from the conversation, at most half of it. */
    int banner_h = c->banner_msg[0] ? banner_height(app, cw, room / 2) : 0;
    if (!c->banner_msg[0])
        c->banner_rect = (SDL_Rect){0, 0, 0, 0};
    SDL_Rect list = {0, header.h + banner_h, cw, room - banner_h};
    c->view_h = list.h;

    /* The conversation. */
    if (c->laid_w != list.w || c->shown_n != c->nviews) {
        layout_views(app, list.w);
        c->laid_w = list.w;
        c->shown_n = c->nviews;
    }
    int max = c->content_h - list.h;
    if (max < 0)
        max = 0;
    if (c->stick)
        c->scroll = max;
    if (c->scroll > max)
        c->scroll = max;
    int top = list.y - c->scroll;
    double wait = wait_now(app);
    int waiting_idx = -1;
    if (wait >= 0) {
        const Transcript *t = session_transcript(c->session);
        for (int i = t->n - 1; i >= 0 && waiting_idx < 0; i--)
            if (t->msgs[i].from == FROM_CUSTOMER)
                waiting_idx = i;
    }
    SDL_RenderSetClipRect(ui->r, &list);
    for (int i = 0; i < c->nviews; i++) {
        MsgView *v = &c->views[i];
        int y = top + v->y;
        if (y + v->h < list.y - list.h || y > list.y + 2 * list.h) {
            /* Far from view: give the textures back (they are re-made when scrolled to). */
            textblock_release(&v->body);
            textblock_release(&v->good);
            textblock_release(&v->bad);
            continue;
        }
        if (y + v->h < list.y || y > list.y + list.h)
            continue;
        draw_view(app, i, list, top, wait, waiting_idx);
    }
    if (session_customer_typing(c->session)) {
        char t[128];
        snprintf(t, sizeof t, "%s正在输入…", c->scenario->persona_name);
        int tw = ui_label_width(ui, FONT_SMALL, t);
        SDL_Rect pill = {list.x + ui_px(ui, 16), list.y + list.h - ui_px(ui, 30),
                         tw + ui_px(ui, 20), ui_px(ui, 24)};
        ui_round(ui, pill, pill.h / 2, C_PANEL);
        ui_label(ui, FONT_SMALL, C_MUTED, t, pill.x + ui_px(ui, 10),
                 pill.y + (pill.h - font_height(app->fonts, FONT_SMALL)) / 2, 0);
    }
    if (!c->stick && c->unseen > 0) {
        char t[64];
        snprintf(t, sizeof t, "↓ %d 条新消息", c->unseen);
        int tw = ui_label_width(ui, FONT_SMALL, t);
        SDL_Rect pill = {list.x + (list.w - tw) / 2 - ui_px(ui, 12),
                         list.y + list.h - ui_px(ui, 34), tw + ui_px(ui, 24), ui_px(ui, 26)};
        ui_round(ui, pill, pill.h / 2, C_ACCENT);
        ui_label(ui, FONT_SMALL, C_WHITE, t, pill.x + ui_px(ui, 12),
                 pill.y + (pill.h - font_height(app->fonts, FONT_SMALL)) / 2, 0);
        ui_target(ui, pill, A_NEWEST, 0);
    }
    SDL_RenderSetClipRect(ui->r, NULL);
    if (c->toast_msg[0])
        draw_toast(app, list);
    draw_header(app, header);
    if (banner_h > 0)
        draw_banner(app, (SDL_Rect){0, header.h, cw, banner_h});

    /* The toolbar and the input box. */
    int pad = ui_px(ui, 12);
    SDL_Rect bar = {0, list.y + list.h + ui_px(ui, 12), cw, bar_h};
    ui_fill(ui, (SDL_Rect){0, bar.y - ui_px(ui, 6), cw, H - bar.y + ui_px(ui, 6)}, C_PANEL);
    ui_fill(ui, (SDL_Rect){0, bar.y - ui_px(ui, 6), cw, 1}, C_LINE);
    SDL_Rect emo = {pad, bar.y, ui_px(ui, 96), ui_px(ui, 32)};
    ui_button(ui, emo, "表情 ^_^", 0, c->focus == CF_EMOJI, A_EMOJI, 0);
    Outcome o = session_outcome(c->session);
    const char *hint = NULL;
    SDL_Color hc = C_MUTED;
    if (o == OUTCOME_SALE || o == OUTCOME_RESOLVED) {
        hint = "顾客已经满意！可以发一句告别，然后点“查看成绩”（Ctrl+Enter）";
        hc = C_GOOD;
    } else if (o != OUTCOME_NONE) {
        hint = "对话已经结束：按 Enter 查看成绩单";
        hc = C_BAD;
    } else if (app->notice[0]) {
        hint = app->notice;
        hc = C_BAD;
    }
    if (hint)
        ui_label(ui, FONT_SMALL, hc, hint, emo.x + emo.w + pad,
                 emo.y + (emo.h - font_height(app->fonts, FONT_SMALL)) / 2,
                 cw - emo.w - 3 * pad - ui_px(ui, 100));
    SDL_Rect box = {pad, bar.y + bar_h, cw - 3 * pad - ui_px(ui, 88), input_h - pad};
    draw_input(app, box);
    SDL_Rect send = {box.x + box.w + pad, box.y + box.h - ui_px(ui, 40), ui_px(ui, 88),
                     ui_px(ui, 40)};
    ui_button(ui, send, "发送", 1, c->focus == CF_SEND, A_SEND, 0);

    /* The product card. */
    if (side_w) {
        SDL_Rect side = {cw, 0, side_w, H};
        ui_fill(ui, side, C_BG);
        ui_fill(ui, (SDL_Rect){cw, 0, 1, H}, C_LINE);
        doc_draw(&c->card, ui, (SDL_Rect){cw + pad, pad, side_w - 2 * pad, H - 2 * pad});
    }
    if (c->picker)
        draw_picker(app, pad, bar.y - ui_px(ui, 8));
    if (c->confirm)
        draw_confirm(app);
}
