/* chat_input: the chat screen's input box: typing and the IME's composition, the keys that
 * edit, the emoticon picker, sending a reply to the session, and drawing the box. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "chat.h"
#include "persona/rush.h"

/* The handbook's smileys as text (000 笑脸, 002 热情亲切, 003 多用叠词和表情): what a shop's
 * chat tool offers, in forms every font draws. */
static const char *const emoticons[] = {
    "^_^",    ":)",     "[微笑]", "[愉快]", "[可爱]",  "[握手]",  "[抱拳]", "[玫瑰]",
    "[爱心]", "[太阳]", "[赞]",   "[加油]", "O(∩_∩)O", "(*^_^*)", "~",      "哈~",
};
#define NEMO ((int)(sizeof emoticons / sizeof emoticons[0]))
#define EMO_COLS 4

/* ------------------------------------------------------------------------------------------ */
/* Sending and editing.                                                                       */

void chat_input_send(App *app, Chat *c)
{
    if (!c->session)
        return;
    if (!session_accepts_replies(c->session)) {
        /* A rush goes on with the other customers; a single session is over. */
        if (c->rush)
            app_notice(app, 0, "这位顾客的会话已经结束，消息没有发出。");
        else
            chat_finish(app, 1);
        return;
    }
    if (textedit_blank(&c->edit)) {
        app_notice(app, 0, "不能发送空白消息");
        return;
    }
    double now = chat_now(app, c);
    double typing = c->typing_start >= 0 ? now - c->typing_start : -1;
    if (typing < 0 && c->typing_start >= 0)
        typing = 0;
    KefuError err = {{0}};
    /* In a rush the reply goes through the rush's one clock (every customer moves on). */
    int rc = c->rush ? rush_reply(c->rush, c->rush_index, now + c->rush_at, c->edit.buf,
                                  c->edit.len, typing, &err)
                     : session_reply(c->session, now, c->edit.buf, c->edit.len, typing, &err);
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
    chat_view_sync(app, c);
}

static void began_typing(App *app, Chat *c)
{
    if (c->typing_start < 0)
        c->typing_start = chat_now(app, c);
}

void chat_input_text(App *app, Chat *c, const char *s, size_t n)
{
    began_typing(app, c);
    textedit_insert(&c->edit, s, n);
    if (c->edit.truncated)
        app_notice(app, 0, "输入太长，超出的部分没有放进输入框。");
    c->edit_dirty = 1;
}

void chat_input_emoticon(App *app, Chat *c, int i)
{
    if (i < 0 || i >= NEMO)
        return;
    chat_input_text(app, c, emoticons[i], strlen(emoticons[i]));
    c->picker = 0;
    c->focus = CF_INPUT;
}

int chat_input_picker_key(App *app, Chat *c, SDL_Keycode k)
{
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
        chat_input_emoticon(app, c, c->picker_sel);
        return 1;
    default:
        return 0;
    }
}

int chat_input_conversation_key(App *app, Chat *c, const SDL_Event *ev, ChatActivate activate)
{
    SDL_Keycode k = ev->key.keysym.sym;
    if (c->picker && chat_input_picker_key(app, c, k))
        return 1;
    if (k == SDLK_PAGEUP || k == SDLK_PAGEDOWN) {
        chat_view_scroll(c, (k == SDLK_PAGEUP ? -1 : 1) * (c->view_h * 4 / 5));
        return 1;
    }
    if (key_ctrl(ev) && (k == SDLK_HOME || k == SDLK_END)) {
        chat_view_scroll(c, k == SDLK_HOME ? -c->content_h : c->content_h);
        return 1;
    }
    if ((k == SDLK_e && key_ctrl(ev)) || k == SDLK_F2)
        return activate(app, c, CF_EMOJI);
    if (k == SDLK_ESCAPE) {
        if (c->focus != CF_INPUT) {
            c->focus = CF_INPUT;
            return 1;
        }
        return activate(app, c, CF_END);
    }
    if (k == SDLK_TAB) {
        c->focus = (c->focus + (key_shift(ev) ? CF_COUNT - 1 : 1)) % CF_COUNT;
        app_text_input(app, c->focus == CF_INPUT, NULL);
        return 1;
    }
    if (c->focus == CF_INPUT)
        return chat_input_key(app, c, ev);
    if (k == SDLK_RETURN || k == SDLK_KP_ENTER || k == SDLK_SPACE)
        return activate(app, c, c->focus);
    return 0;
}

int chat_input_key(App *app, Chat *c, const SDL_Event *ev)
{
    SDL_Keycode k = ev->key.keysym.sym;
    /* While the IME composes, its keys are its own (Enter commits, Backspace edits pinyin). */
    if (c->edit.comp[0])
        return 0;
    switch (k) {
    case SDLK_RETURN:
    case SDLK_KP_ENTER:
        if (key_shift(ev)) {
            chat_input_text(app, c, "\n", 1);
        } else if (key_ctrl(ev)) {
            if (!c->rush) /* a rush ends from its own screen */
                chat_activate(app, CF_END);
        } else {
            chat_input_send(app, c);
        }
        return 1;
    case SDLK_BACKSPACE:
        began_typing(app, c);
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
                chat_input_text(app, c, clip, strlen(clip));
            SDL_free(clip);
        }
        break;
    default:
        return 0;
    }
    c->edit_dirty = 1;
    return 1;
}

int chat_input_compose(App *app, Chat *c, const char *text, int cursor)
{
    if (c->confirm || c->focus != CF_INPUT || !c->session)
        return 0;
    /* Typing time starts with the composition: pinyin is typing too. */
    if (text[0])
        began_typing(app, c);
    textedit_compose(&c->edit, text, cursor);
    c->edit_dirty = 1;
    return 1;
}

/* ------------------------------------------------------------------------------------------ */
/* Drawing.                                                                                   */

/* The input box: text with the composition underlined at the caret, scrolled to the caret. */
void chat_input_draw(App *app, Chat *c, SDL_Rect box)
{
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

void chat_input_draw_picker(App *app, Chat *c, int x, int bottom)
{
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
