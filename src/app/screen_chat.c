/* screen_chat: the conversation with the customer, as a screen: starting and finishing the
 * session, routing events and the clock, and the layout (header with mood and wait timer, the
 * conversation, the input box, the product card, the reload banner). The parts are in
 * chat_view.c, chat_input.c and chat_card.c (chat.h). */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "chat.h"
#include "widgets.h"

/* ------------------------------------------------------------------------------------------ */
/* Starting and finishing.                                                                    */

static void chat_reset(App *app)
{
    Chat *c = &app->chat;
    if (c->session)
        session_destroy(c->session);
    c->session = NULL;
    chat_view_free(c);
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
    chat_view_free(c);
    chat_card_build(app, c);
    chat_view_sync(app, c);
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

/* Entering the chat starts a session of App.scenarios[index]: a fresh Session on the app's
 * clock, the input focused. */
static int chat_enter(App *app, Screen from, int index)
{
    Chat *c = &app->chat;
    KefuError err = {{0}};
    (void)from;
    chat_reset(app);
    app_score_clear(app);
    c->scenario = app->scenarios[index];
    app->sel = index;
    /* An exam admits the sitting first (roster, window, attempts left): refused, no session
     * starts and no journal is written. */
    if (app->exam_def && app_exam_admit(app, c->scenario, &err) < 0) {
        app_notice(app, 1, "%s", err.msg);
        return -1;
    }
    c->seed = app->seed ? app->seed : (unsigned long)(time(NULL) ^ (time_t)SDL_GetTicks64());
    c->seed = app_exam_seed(app, c->scenario, c->seed);
    SessionConfig cfg = {c->scenario, app->rubric, c->seed};
    c->session = session_create(&cfg, &err);
    c->started_at = time(NULL);
    /* The journal hears the session from its first line (app_record.c). */
    KefuError jerr = {{0}};
    int journaled = c->session ? app_journal_open(app, &jerr) : -1;
    if (!c->session || session_start(c->session, &err) < 0) {
        app_journal_discard(app);
        if (c->session)
            session_destroy(c->session);
        c->session = NULL;
        app_notice(app, 1, "场景出错，无法开始：%s", err.msg);
        return -1;
    }
    c->t0_ms = app_ms(app);
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
    if (c->session && journaled < 0)
        app_notice(app, 1, "练习记录无法写入，程序意外退出时本场会丢失：%s", jerr.msg);
    chat_card_build(app, c);
    chat_view_sync(app, c);
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
    app_score_clear(app);
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
        app_go(app, SCREEN_SCORE, 0);
    return rc;
}

/* Closing the app mid-session: the session is saved as abandoned. */
static void chat_quit(App *app)
{
    if (app->chat.session)
        chat_finish(app, 0);
}

/* ------------------------------------------------------------------------------------------ */
/* Events.                                                                                    */

int chat_activate(App *app, int focus)
{
    Chat *c = &app->chat;
    switch (focus) {
    case CF_EMOJI:
        c->picker = !c->picker;
        c->picker_sel = 0;
        return 1;
    case CF_SEND:
        chat_input_send(app, c);
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

/* chat_activate for the conversation's shared keys (the chat screen has one conversation). */
static int activate_control(App *app, Chat *c, int focus)
{
    (void)c;
    return chat_activate(app, focus);
}

static int chat_event(App *app, const SDL_Event *ev)
{
    Chat *c = &app->chat;
    int arg = 0;
    switch (ev->type) {
    case SDL_TEXTINPUT:
        if (c->confirm || c->picker || c->focus != CF_INPUT || !c->session)
            return 0;
        c->edit.comp[0] = 0;
        chat_input_text(app, c, ev->text.text, strnlen(ev->text.text, sizeof ev->text.text));
        return 1;
    case SDL_TEXTEDITING:
        return chat_input_compose(app, c, ev->edit.text, ev->edit.start);
    case SDL_TEXTEDITING_EXT:
        return ev->editExt.text ? chat_input_compose(app, c, ev->editExt.text, ev->editExt.start)
                                : 0;
    case SDL_MOUSEWHEEL: {
        /* Where the pointer is when the wheel turned (SDL 2.26): over the card, it scrolls. */
        int mx = ev->wheel.mouseX;
        if (c->side_x > 0 && mx * app->ui.scale >= c->side_x)
            doc_scroll(&c->card, -ev->wheel.y * ui_px(&app->ui, 48));
        else
            chat_view_scroll(c, -ev->wheel.y * ui_px(&app->ui, 48));
        return 1;
    }
    case SDL_MOUSEBUTTONDOWN:
        switch (ui_hit(&app->ui, ev->button.x, ev->button.y, &arg)) {
        case A_INPUT:
            c->focus = CF_INPUT;
            c->picker = 0;
            return 1;
        case A_EMOJI:
            return chat_activate(app, CF_EMOJI);
        case A_SEND:
            return chat_activate(app, CF_SEND);
        case A_END:
            return chat_activate(app, CF_END);
        case A_PICK:
            chat_input_emoticon(app, c, arg);
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
    /* F5: the trainer edited the scenario or the rubric; the draft and the IME's composition
     * stay where they are. */
    if (k == SDLK_F5) {
        /* Not in an exam HR issued: the files are the exam's, not the trainee's to change. */
        if (!app->exam_def)
            reload_chat(app);
        return 1;
    }
    /* Esc closes a failed reload's banner before it means "end the session". */
    if (k == SDLK_ESCAPE && c->banner_msg[0]) {
        reload_dismiss(app);
        return 1;
    }
    /* Once the customer has gone, Enter opens the scorecard (the picker closed). */
    if (!c->picker && !session_accepts_replies(c->session) &&
        (k == SDLK_RETURN || k == SDLK_KP_ENTER)) {
        chat_finish(app, 1);
        return 1;
    }
    return chat_input_conversation_key(app, c, ev, activate_control);
}

/* ------------------------------------------------------------------------------------------ */
/* The clock.                                                                                 */

static int chat_tick(App *app)
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
    int added = chat_view_sync(app, c);
    if (added) {
        changed = 1;
        if (!c->stick)
            c->unseen += added;
    }
    double w = chat_wait_now(app, c);
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

static int chat_wait_ms(App *app)
{
    Chat *c = &app->chat;
    if (!c->session)
        return -1;
    double now = app_now(app);
    double best = -1;
    double next = session_next_event(c->session);
    if (next >= 0)
        best = next - now;
    double w = chat_wait_now(app, c);
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

static void draw_header(App *app, SDL_Rect r)
{
    Chat *c = &app->chat;
    Ui *ui = &app->ui;
    const Scenario *sc = c->scenario;
    ui_fill(ui, r, C_PANEL);
    ui_fill(ui, (SDL_Rect){r.x, r.y + r.h - 1, r.w, 1}, C_LINE);
    int av = ui_px(ui, 20), pad = ui_px(ui, 16);
    widget_avatar(ui, sc->persona_avatar, sc->persona_name, r.x + pad + av, r.y + r.h / 2, av);
    /* The end button on the right; everything else keeps to its left. */
    Outcome o = session_outcome(c->session);
    SDL_Rect end = {r.x + r.w - pad - ui_px(ui, 128), r.y + (r.h - ui_px(ui, 34)) / 2,
                    ui_px(ui, 128), ui_px(ui, 34)};
    ui_button(ui, end, o == OUTCOME_NONE ? "结束接待" : "查看成绩", o != OUTCOME_NONE,
              c->focus == CF_END, A_END, 0);
    ui_mark(ui, "chat.end", end);
    int x = r.x + pad * 2 + av * 2;
    int room = end.x - pad - x; /* the width left of the button */
    int y = r.y + ui_px(ui, 10);
    int nw = ui_label(ui, FONT_BOLD, C_TEXT, sc->persona_name, x, y, room);
    ui_mark(ui, "chat.name", (SDL_Rect){x, y, nw, font_height(app->fonts, FONT_BOLD)});
    int dw = room - nw - pad;
    if (dw > ui_px(ui, 40)) {
        int w = ui_label(ui, FONT_SMALL, C_MUTED, sc->persona_desc ? sc->persona_desc : "",
                         x + nw + pad, y + ui_px(ui, 2), dw);
        ui_mark(ui, "chat.desc",
                (SDL_Rect){x + nw + pad, y + ui_px(ui, 2), w, font_height(app->fonts, FONT_SMALL)});
    }
    y += font_lineskip(app->fonts, FONT_BOLD) + ui_px(ui, 4);
    /* The status keeps the width its longest words need (会话结果：顾客流失, 顾客已等待 120
     * 秒); the mood bar gives way to it, from 210 points down to 110. An exam shows no mood. */
    int status_w = ui_label_width(ui, FONT_BODY, "会话结果：顾客流失") + ui_px(ui, 4);
    int sx = x;
    if (!app->exam) {
        int mw = room - status_w - ui_px(ui, 20);
        if (mw > ui_px(ui, 210))
            mw = ui_px(ui, 210);
        if (mw >= ui_px(ui, 110)) {
            widget_mood(ui, session_mood(c->session), x, y, mw);
            ui_mark(ui, "chat.mood", (SDL_Rect){x, y, mw, font_height(app->fonts, FONT_SMALL)});
            sx = x + mw + ui_px(ui, 20);
        }
    }
    /* Status: typing, the wait, or the outcome. */
    char status[160] = "";
    SDL_Color col = C_MUTED;
    double w = chat_wait_now(app, c);
    if (o != OUTCOME_NONE && app->exam) {
        /* No verdict in an exam: that the customer has decided, not how. */
        snprintf(status, sizeof status, "顾客已作出决定");
    } else if (o != OUTCOME_NONE) {
        snprintf(status, sizeof status, "会话结果：%s", outcome_label(o));
        col = o == OUTCOME_SALE || o == OUTCOME_RESOLVED ? C_GOOD : C_BAD;
    } else if (session_customer_typing(c->session)) {
        snprintf(status, sizeof status, "对方正在输入…");
    } else if (w >= 0) {
        const Thresholds *th = &sc->spec.thresholds;
        snprintf(status, sizeof status, "顾客已等待 %ld 秒", (long)w);
        col = w >= th->reply_wait_s ? C_BAD : w >= th->first_response_s ? C_AMBER : C_MUTED;
    }
    int sw = ui_label(ui, FONT_BODY, col, status, sx, y - ui_px(ui, 3), end.x - pad - sx);
    ui_mark(ui, "chat.status",
            (SDL_Rect){sx, y - ui_px(ui, 3), sw, font_height(app->fonts, FONT_BODY)});
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

static void chat_draw(App *app)
{
    Chat *c = &app->chat;
    Ui *ui = &app->ui;
    if (!c->session) {
        ui_label(ui, FONT_BODY, C_BAD, app->notice, ui_px(ui, 20), ui_px(ui, 20), 0);
        return;
    }
    int W = ui->w, H = ui->h;
    /* The product card always shows: 300 points wide, 240 in a small window. */
    int side_w = W >= ui_px(ui, 1000) ? ui_px(ui, 300) : ui_px(ui, 240);
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

    chat_view_draw(app, c, list);
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
    if ((o == OUTCOME_SALE || o == OUTCOME_RESOLVED) && app->exam) {
        hint = "可以继续回复，或点“查看成绩”（Ctrl+Enter）结束"; /* no verdict in an exam */
    } else if (o == OUTCOME_SALE || o == OUTCOME_RESOLVED) {
        hint = "顾客已经满意！可以发一句告别，然后点“查看成绩”（Ctrl+Enter）";
        hc = C_GOOD;
    } else if (o != OUTCOME_NONE) {
        hint = "对话已经结束：按 Enter 查看成绩单";
        hc = app->exam ? C_MUTED : C_BAD;
    } else if (app->notice[0]) {
        hint = app->notice;
        hc = C_BAD;
    }
    ui_mark(ui, "chat.emoji", emo);
    if (hint) {
        int hx = emo.x + emo.w + pad,
            hy = emo.y + (emo.h - font_height(app->fonts, FONT_SMALL)) / 2;
        int hw = ui_label(ui, FONT_SMALL, hc, hint, hx, hy, cw - hx - pad);
        ui_mark(ui, "chat.hint", (SDL_Rect){hx, hy, hw, font_height(app->fonts, FONT_SMALL)});
    }
    SDL_Rect box = {pad, bar.y + bar_h, cw - 3 * pad - ui_px(ui, 88), input_h - pad};
    chat_input_draw(app, c, box);
    ui_mark(ui, "chat.input", box);
    SDL_Rect send = {box.x + box.w + pad, box.y + box.h - ui_px(ui, 40), ui_px(ui, 88),
                     ui_px(ui, 40)};
    ui_button(ui, send, "发送", 1, c->focus == CF_SEND, A_SEND, 0);
    ui_mark(ui, "chat.send", send);
    ui_mark(ui, "chat.list", list);

    /* The product card. */
    chat_card_draw(app, c, (SDL_Rect){cw, 0, side_w, H});
    ui_mark(ui, "chat.card", (SDL_Rect){cw, 0, side_w, H});
    if (c->picker)
        chat_input_draw_picker(app, c, pad, bar.y - ui_px(ui, 8));
    if (c->confirm)
        draw_confirm(app);
}

const ScreenOps screen_chat = {
    .enter = chat_enter,
    .event = chat_event,
    .tick = chat_tick,
    .draw = chat_draw,
    .wait_ms = chat_wait_ms,
    .quit = chat_quit,
    .deinit = chat_reset,
};
