/* screen_exam: the home screen of kefu play --exam: the trainee picks their name from the exam's
 * roster, sees each of the exam's scenarios with the attempts they have left, and starts a
 * sitting; a closed window or no attempt left is said here, in words. */
#include <stdio.h>
#include <string.h>

#include "app_state.h"
#include "results/exam.h"
#include "widgets.h"

enum {
    A_NAME = 1,
    A_SCENARIO,
    A_START,
};

/* The exam scenario to select: the first, in the exam's order, with an attempt left. */
static int first_open(App *app)
{
    for (int i = 0; i < app->exam_def->nscenarios; i++)
        if (app_exam_left(app, i) > 0)
            return i;
    return 0;
}

static int all_used(App *app)
{
    for (int i = 0; i < app->exam_def->nscenarios; i++)
        if (app_exam_left(app, i) > 0 || app->ev.used[i] < 0)
            return 0;
    return 1;
}

static void pick(App *app, int i)
{
    const Exam *e = app->exam_def;
    if (e->nroster == 0)
        return;
    if (i < 0)
        i = 0;
    if (i >= e->nroster)
        i = e->nroster - 1;
    if (i == app->roster_sel)
        return;
    app->notice[0] = 0;
    app_exam_pick(app, e->roster[i]);
    app->ev.sel = first_open(app);
}

static int exam_enter(App *app, Screen from, int unused)
{
    (void)unused;
    ExamView *v = &app->ev;
    /* Back from a sitting: what the chat said is over; the attempts are counted again. */
    if (from == SCREEN_SCORE || from == SCREEN_HISTORY || from == SCREEN_CHAT)
        app->notice[0] = 0;
    app_exam_refresh(app);
    if (v->sel < 0 || v->sel >= app->exam_def->nscenarios || app_exam_left(app, v->sel) == 0)
        v->sel = first_open(app);
    /* At launch the roster has the focus even when a remembered name is picked, so the next
     * trainee at a shared machine confirms their own name before anything starts (kefu play
     * --trainee moves it on, app.c); back from a sitting, the scenarios have it. */
    v->focus = app->roster_sel >= 0 && from != SCREEN_START ? EF_SCENARIOS : EF_ROSTER;
    app_text_input(app, 0, NULL);
    return 0;
}

static void start_sitting(App *app)
{
    ExamView *v = &app->ev;
    if (app->roster_sel < 0) {
        v->focus = EF_ROSTER;
        app_notice(app, 0, "请先在左边的名单中选择你的名字。");
        return;
    }
    app_remember_name(app);
    /* The chat admits the sitting (roster, window, attempts); refused, the notice says why. */
    if (app_go(app, SCREEN_CHAT, v->scenario[v->sel]) < 0)
        app_exam_refresh(app);
}

static int exam_event(App *app, const SDL_Event *ev)
{
    ExamView *v = &app->ev;
    const Exam *e = app->exam_def;
    int arg = 0;
    switch (ev->type) {
    case SDL_MOUSEBUTTONDOWN:
        switch (ui_hit(&app->ui, ev->button.x, ev->button.y, &arg)) {
        case A_NAME:
            pick(app, arg);
            v->focus = EF_ROSTER;
            return 1;
        case A_SCENARIO:
            v->sel = arg;
            v->focus = EF_SCENARIOS;
            if (ev->button.clicks >= 2)
                start_sitting(app);
            return 1;
        case A_START:
            v->focus = EF_START;
            start_sitting(app);
            return 1;
        default:
            return 0;
        }
    case SDL_MOUSEWHEEL: {
        /* The wheel scrolls the roster; the pick stays. */
        int top = v->roster_top - ev->wheel.y;
        int max = e->nroster - v->roster_fit;
        v->roster_top = top > max ? max : top;
        if (v->roster_top < 0)
            v->roster_top = 0;
        return 1;
    }
    case SDL_KEYDOWN:
        break;
    default:
        return 0;
    }
    SDL_Keycode k = ev->key.keysym.sym;
    if (k == SDLK_TAB) {
        v->focus = (v->focus + (key_shift(ev) ? EF_COUNT - 1 : 1)) % EF_COUNT;
        return 1;
    }
    switch (v->focus) {
    case EF_ROSTER: {
        int at = app->roster_sel < 0 ? -1 : app->roster_sel;
        if (k == SDLK_UP)
            pick(app, at < 0 ? 0 : at - 1);
        else if (k == SDLK_DOWN)
            pick(app, at + 1);
        else if (k == SDLK_PAGEUP)
            pick(app, at - (v->roster_fit > 1 ? v->roster_fit - 1 : 1));
        else if (k == SDLK_PAGEDOWN)
            pick(app, at + (v->roster_fit > 1 ? v->roster_fit - 1 : 1));
        else if (k == SDLK_HOME)
            pick(app, 0);
        else if (k == SDLK_END)
            pick(app, e->nroster - 1);
        else if (k == SDLK_RETURN || k == SDLK_KP_ENTER || k == SDLK_SPACE || k == SDLK_RIGHT) {
            if (app->roster_sel < 0)
                pick(app, 0);
            v->focus = EF_SCENARIOS;
        } else
            return 0;
        /* Keyboard moves keep the picked name in view. */
        if (app->roster_sel >= 0 && app->roster_sel < v->roster_top)
            v->roster_top = app->roster_sel;
        if (app->roster_sel >= 0 && v->roster_fit > 0 &&
            app->roster_sel >= v->roster_top + v->roster_fit)
            v->roster_top = app->roster_sel - v->roster_fit + 1;
        return 1;
    }
    case EF_SCENARIOS:
        if (k == SDLK_UP && v->sel > 0)
            v->sel--;
        else if (k == SDLK_DOWN && v->sel < e->nscenarios - 1)
            v->sel++;
        else if (k == SDLK_LEFT)
            v->focus = EF_ROSTER;
        else if (k == SDLK_RETURN || k == SDLK_KP_ENTER || k == SDLK_SPACE)
            start_sitting(app);
        else if (k != SDLK_UP && k != SDLK_DOWN)
            return 0;
        return 1;
    case EF_START:
        if (k == SDLK_RETURN || k == SDLK_KP_ENTER || k == SDLK_SPACE) {
            start_sitting(app);
            return 1;
        }
        return 0;
    default:
        return 0;
    }
}

/* ------------------------------------------------------------------------------------------ */
/* Drawing.                                                                                   */

/* A paragraph wrapped to w at (x, y), at most max_h tall (clipped beyond). Returns its
 * height. */
static int paragraph(App *app, FontRole role, SDL_Color c, const char *text, int x, int y, int w,
                     int max_h)
{
    TextBlock tb;
    textblock_init(&tb, role, c);
    textblock_set(&tb, app->fonts, text, strlen(text), 0, 0);
    textblock_layout(&tb, app->fonts, w);
    int h = tb.h < max_h ? tb.h : max_h;
    SDL_Rect clip = {x, y, w, h};
    if (h > 0) {
        SDL_RenderSetClipRect(app->ui.r, &clip);
        textblock_draw(&tb, app->fonts, app->ui.r, x, y, &clip);
        SDL_RenderSetClipRect(app->ui.r, NULL);
    }
    textblock_deinit(&tb);
    return h;
}

static void draw_roster(App *app, SDL_Rect panel)
{
    Ui *ui = &app->ui;
    const Exam *e = app->exam_def;
    ExamView *v = &app->ev;
    int pad = ui_px(ui, 16);
    ui_round(ui, panel, ui_px(ui, 10), C_PANEL);
    int x = panel.x + pad, y = panel.y + pad, w = panel.w - 2 * pad;
    ui_label(ui, FONT_BOLD, C_TEXT, "请选择你的名字", x, y, w);
    y += font_lineskip(app->fonts, FONT_BOLD) + ui_px(ui, 8);
    int row = ui_px(ui, 40), gap = ui_px(ui, 6);
    int bottom = panel.y + panel.h - pad;
    v->roster_fit = (bottom - y + gap) / (row + gap);
    if (v->roster_fit < 1)
        v->roster_fit = 1;
    if (v->roster_top > e->nroster - v->roster_fit)
        v->roster_top = e->nroster - v->roster_fit;
    if (v->roster_top < 0)
        v->roster_top = 0;
    SDL_Rect list = {x, y, w, bottom - y};
    ui_mark(ui, "exam.roster", list);
    int bar_w = e->nroster > v->roster_fit ? ui_px(ui, 8) : 0;
    for (int i = v->roster_top; i < e->nroster && i < v->roster_top + v->roster_fit; i++) {
        SDL_Rect r = {x, y + (i - v->roster_top) * (row + gap), w - (bar_w ? bar_w + gap : 0), row};
        int picked = i == app->roster_sel;
        ui_round(ui, r, ui_px(ui, 8), picked ? C_ACCENT : C_BG);
        int av = ui_px(ui, 13);
        widget_avatar(ui, NULL, e->roster[i], r.x + ui_px(ui, 8) + av, r.y + r.h / 2, av);
        ui_label(ui, FONT_BODY, picked ? C_WHITE : C_TEXT, e->roster[i],
                 r.x + ui_px(ui, 16) + 2 * av, r.y + (r.h - font_height(app->fonts, FONT_BODY)) / 2,
                 r.w - ui_px(ui, 24) - 2 * av);
        ui_target(ui, r, A_NAME, i);
        if (picked && v->focus == EF_ROSTER)
            ui_focus_ring(ui, r);
    }
    if (bar_w) {
        /* Rows, not pixels: the thumb shows which part of the roster is in view. */
        SDL_Rect track = {x + w - bar_w, y, bar_w, list.h};
        widget_scrollbar(ui, track, e->nroster * (row + gap), v->roster_fit * (row + gap),
                         v->roster_top * (row + gap), 0);
    }
}

static void draw_scenario(App *app, int i, SDL_Rect r)
{
    Ui *ui = &app->ui;
    const Exam *e = app->exam_def;
    const ExamView *v = &app->ev;
    const Scenario *sc = app->scenarios[v->scenario[i]];
    int selected = i == v->sel, pad = ui_px(ui, 14);
    ui_round(ui, r, ui_px(ui, 10), selected ? C_ACCENT : C_LINE);
    int b = selected ? ui_px(ui, 2) : 1;
    ui_round(ui, (SDL_Rect){r.x + b, r.y + b, r.w - 2 * b, r.h - 2 * b}, ui_px(ui, 9),
             selected ? C_ACCENT_SOFT : C_PANEL);
    int av = ui_px(ui, 22);
    widget_avatar(ui, sc->persona_avatar, sc->persona_name, r.x + pad + av, r.y + r.h / 2, av);
    int x = r.x + 2 * pad + 2 * av, w = r.x + r.w - pad - x;
    int y = r.y + pad - ui_px(ui, 2);
    char line[512];
    snprintf(line, sizeof line, "%d. %s", i + 1, sc->title);
    ui_label(ui, FONT_BOLD, C_TEXT, line, x, y, w);
    y += font_lineskip(app->fonts, FONT_BOLD) + ui_px(ui, 2);
    snprintf(line, sizeof line, "顾客：%s · 难度 %d/5", sc->persona_name, sc->difficulty);
    ui_label(ui, FONT_SMALL, C_MUTED, line, x, y, w);
    y += font_lineskip(app->fonts, FONT_SMALL) + ui_px(ui, 2);
    int left = app_exam_left(app, i);
    SDL_Color c = C_TEXT;
    if (app->roster_sel < 0) {
        snprintf(line, sizeof line, "每人可考 %d 次", e->attempts);
        c = C_MUTED;
    } else if (v->used[i] < 0) {
        snprintf(line, sizeof line, "已用次数无法统计");
        c = C_BAD;
    } else if (left == 0) {
        snprintf(line, sizeof line, "已考 %d 次，机会已用完", v->used[i]);
        c = C_BAD;
    } else {
        snprintf(line, sizeof line, "已考 %d 次 · 还可以考 %d 次", v->used[i], left);
        c = C_GOOD;
    }
    ui_label(ui, FONT_BODY, c, line, x, y, w);
    ui_target(ui, r, A_SCENARIO, i);
}

static void exam_draw(App *app)
{
    Ui *ui = &app->ui;
    const Exam *e = app->exam_def;
    ExamView *v = &app->ev;
    int W = ui->w, H = ui->h, m = ui_px(ui, 24);
    char title[600];
    snprintf(title, sizeof title, "考试：%s", e->title);
    int top = ui_header(ui, title, "↑↓ 选择 · Tab 切换 · Enter 开始 · Ctrl+Q 退出", 0) + m;

    /* The rules in one line, and the window when there is one. */
    char rules[1200];
    int n = snprintf(rules, sizeof rules,
                     "及格 %.0f 分 · 每个场景每人可考 %d 次 · 考试中不显示提示，结束后看成绩单",
                     e->pass_mark, e->attempts);
    if (e->from_text || e->until_text)
        snprintf(rules + n, sizeof rules - (size_t)n, "\n开放时间：%s 至 %s",
                 e->from_text ? e->from_text : "现在", e->until_text ? e->until_text : "不限");
    int rh = paragraph(app, FONT_SMALL, C_MUTED, rules, m, top, W - 2 * m, H / 4);
    ui_mark(ui, "exam.rules", (SDL_Rect){m, top, W - 2 * m, rh});
    top += rh + ui_px(ui, 12);

    int lw = ui_px(ui, 240);
    SDL_Rect roster = {m, top, lw, H - top - m};
    draw_roster(app, roster);

    int rx = roster.x + roster.w + m, rw = W - rx - m;
    int y = top;
    ui_label(ui, FONT_BOLD, C_TEXT, "考试场景", rx, y, rw);
    y += font_lineskip(app->fonts, FONT_BOLD) + ui_px(ui, 8);
    int bh = ui_px(ui, 44);
    int bottom = H - m - bh - ui_px(ui, 12);
    /* What stops a sitting is said above the scenarios, where the eye goes first. */
    const char *stop = NULL;
    char done[600];
    if (v->closed[0])
        stop = v->closed;
    else if (v->count_error[0])
        stop = v->count_error;
    else if (app->roster_sel >= 0 && all_used(app)) {
        snprintf(done, sizeof done,
                 "%s，本次考试的机会已经全部用完，不能再考。成绩已经保存，"
                 "可以关闭程序（Ctrl+Q）。",
                 e->roster[app->roster_sel]);
        stop = done;
    }
    const char *say = stop ? stop : app->notice[0] ? app->notice : NULL;
    if (say) {
        int pad = ui_px(ui, 12);
        TextBlock tb;
        textblock_init(&tb, FONT_BODY, C_BAD);
        textblock_set(&tb, app->fonts, say, strlen(say), 0, 0);
        textblock_layout(&tb, app->fonts, rw - 2 * pad);
        int th = tb.h < (bottom - y) / 2 ? tb.h : (bottom - y) / 2;
        SDL_Rect box = {rx, y, rw, th + 2 * pad};
        SDL_Rect clip = {rx + pad, y + pad, rw - 2 * pad, th};
        ui_round(ui, box, ui_px(ui, 8), C_BAD_SOFT);
        SDL_RenderSetClipRect(ui->r, &clip);
        textblock_draw(&tb, app->fonts, ui->r, clip.x, clip.y, &clip);
        SDL_RenderSetClipRect(ui->r, NULL);
        textblock_deinit(&tb);
        ui_mark(ui, "exam.message", box);
        y += box.h + ui_px(ui, 12);
    }
    /* An exam of more scenarios than fit shows a window of them that follows the selection,
     * with "还有 N 个" above and below where some are out of view. */
    int ch = ui_px(ui, 92), gap = ui_px(ui, 10);
    int more_h = font_lineskip(app->fonts, FONT_SMALL);
    int fit = (bottom - y + gap) / (ch + gap);
    if (fit < e->nscenarios)
        fit = (bottom - y - 2 * more_h + gap) / (ch + gap);
    if (fit < 1)
        fit = 1;
    if (v->sel < v->scen_top)
        v->scen_top = v->sel;
    if (v->sel >= v->scen_top + fit)
        v->scen_top = v->sel - fit + 1;
    if (v->scen_top > e->nscenarios - fit)
        v->scen_top = e->nscenarios - fit > 0 ? e->nscenarios - fit : 0;
    char more[64];
    if (fit < e->nscenarios) {
        snprintf(more, sizeof more, "↑ 前面还有 %d 个", v->scen_top);
        if (v->scen_top > 0)
            ui_label(ui, FONT_SMALL, C_MUTED, more, rx, y, rw);
        y += more_h;
    }
    for (int i = v->scen_top; i < e->nscenarios && i < v->scen_top + fit; i++) {
        SDL_Rect r = {rx, y + (i - v->scen_top) * (ch + gap), rw, ch};
        draw_scenario(app, i, r);
        if (i == v->sel && v->focus == EF_SCENARIOS)
            ui_focus_ring(ui, r);
        if (i == v->scen_top)
            ui_mark(ui, "exam.scenario1", r);
    }
    int after = e->nscenarios - v->scen_top - fit;
    if (after > 0) {
        snprintf(more, sizeof more, "↓ 后面还有 %d 个", after);
        ui_label(ui, FONT_SMALL, C_MUTED, more, rx, y + fit * (ch + gap) - gap / 2, rw);
    }
    int can = app->roster_sel >= 0 && !stop && app_exam_left(app, v->sel) > 0;
    SDL_Rect go = {rx, H - m - bh, rw < ui_px(ui, 260) ? rw : ui_px(ui, 260), bh};
    ui_button(ui, go, can ? "开始考试（Enter）" : "不能开始", can, v->focus == EF_START, A_START,
              0);
    ui_mark(ui, "exam.start", go);
}

const ScreenOps screen_exam = {
    .enter = exam_enter,
    .event = exam_event,
    .draw = exam_draw,
};
