/* chat_card: the chat screen's side column: the product the customer is looking at, this
 * session's mode and standards, and the keys. */
#include <stdio.h>

#include "chat.h"
#include "results/exam.h"
#include "widgets.h"

void chat_card_build(App *app, Chat *c)
{
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
    doc_text(&c->card, fs, FONT_SMALL, C_MUTED, app->exam ? "本次考试" : "本次练习", 0, 0);
    if (app->exam_def) {
        snprintf(line, sizeof line, "%s\n考生：%s · 第 %d 次（共 %d 次）", app->exam_def->title,
                 app->name.buf ? app->name.buf : "", app->exam_attempt, app->exam_def->attempts);
        doc_text(&c->card, fs, FONT_SMALL, C_TEXT, line, 0, 4);
    }
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
             c->rush ? "Enter 发送 · Shift+Enter 换行\nCtrl+↑/↓ 或 Alt+数字 切换顾客\n"
                       "PageUp/PageDown 翻看\nCtrl+M 提示音开关\nEsc 结束高峰"
             : app->exam_def
                 ? "Enter 发送 · Shift+Enter 换行 · Ctrl+V 粘贴\nCtrl+E 表情 · PageUp/PageDown "
                   "翻看\nTab 切换按钮 · Esc 结束接待"
                 : "Enter 发送 · Shift+Enter 换行 · Ctrl+V 粘贴\nCtrl+E 表情 · PageUp/PageDown "
                   "翻看\nTab 切换按钮 · Esc 结束接待\nF5 重新载入场景文件（改完后接着练）",
             0, 0);
    doc_end_panel(&c->card);
}

void chat_card_draw(App *app, Chat *c, SDL_Rect side)
{
    Ui *ui = &app->ui;
    int pad = ui_px(ui, 12);
    ui_fill(ui, side, C_BG);
    ui_fill(ui, (SDL_Rect){side.x, side.y, 1, side.h}, C_LINE);
    Doc *card = &c->card;
    doc_draw(card, ui, (SDL_Rect){side.x + pad, side.y + pad, side.w - 2 * pad, side.h - 2 * pad});
    /* In a small window the card is taller than its column: a thin bar in the margin says so
     * (the wheel over the card scrolls it). */
    SDL_Rect track = {side.x + side.w - ui_px(ui, 8), side.y + pad, ui_px(ui, 4), side.h - 2 * pad};
    if (widget_scrollbar(ui, track, card->content_h, card->view_h, card->scroll, 0).w > 0)
        ui_mark(ui, "chat.card_scrollbar", track);
}
