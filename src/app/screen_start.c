/* screen_start: the trainee's name, practice or exam, and the scenario list, with the rushes
 * (several customers at once) in a section of their own after the scenarios. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app_state.h"
#include "authoring/lint.h"
#include "widgets.h"

enum {
    A_NAME = 1,
    A_PRACTICE,
    A_EXAM,
    A_SCENARIO,
    A_START,
    A_HISTORY,
    A_SCROLLBAR,
    A_RUSH,
};

/* F5: the rubric and the scenario files read again (a trainer tuning them). The rubric comes
 * first, since the scenarios are checked against it; a broken one is named and the old one
 * kept. */
static void reload_scenarios(App *app)
{
    char path[1024];
    KefuError err = {{0}};
    snprintf(path, sizeof path, "%s/rubric.lua", app->scenarios_dir);
    Rubric *rubric = NULL;
    if (lint_plain_data(path, &err) == 0)
        rubric = rubric_load(path, &err);
    if (rubric) {
        /* Nothing on this screen holds the old rubric's indexes: scenarios copy what they
         * need, and a scorecard is rescored whenever it is opened again. */
        Rubric *old = app->rubric;
        app->rubric = rubric;
        app_reload_scenarios(app, NULL);
        rubric_destroy(old);
        app_notice(app, 0, "已重新载入 rubric.lua 和 %d 个场景", app->nscenarios);
    } else {
        app_reload_scenarios(app, NULL);
        app_notice(app, 1, "已重新载入 %d 个场景；rubric.lua 有错，仍用原来的评分规则：%s",
                   app->nscenarios, err.msg);
    }
}

static void start_session(App *app)
{
    if (textedit_blank(&app->name)) {
        app->start_focus = SF_NAME;
        app_text_input(app, 1, NULL);
        app_notice(app, 0, "请先输入你的名字，成绩会记在这个名字下。");
        return;
    }
    if (app->nscenarios == 0) {
        app_notice(app, 1, "没有找到可用的场景：%s", app->scenario_errors);
        return;
    }
    app_remember_name(app);
    if (app->rush_sel >= 0) {
        if (app->exam) {
            app_notice(app, 0, "高峰接待还不能用于考试，请切换到练习模式。");
            return;
        }
        app_go(app, SCREEN_RUSH, app->rush_sel);
        return;
    }
    app_go(app, SCREEN_CHAT, app->sel);
}

/* Entering the start screen: the focus asked for (a StartFocus, -1 the last one), and the IME
 * on when it is the name field. */
static int start_enter(App *app, Screen from, int focus)
{
    (void)from;
    if (focus >= 0)
        app->start_focus = focus;
    app_text_input(app, app->start_focus == SF_NAME, NULL);
    return 0;
}

static void set_focus(App *app, int f)
{
    app->start_focus = (f + SF_COUNT) % SF_COUNT;
    app_text_input(app, app->start_focus == SF_NAME, NULL);
}

/* The list's entries: the scenarios, then the rushes. Entry i >= nscenarios is rush
 * i - nscenarios. */
static int entries(const App *app)
{
    return app->nscenarios + app->nrushes;
}

static int entry_now(const App *app)
{
    return app->rush_sel >= 0 ? app->nscenarios + app->rush_sel : app->sel;
}

static void select_scenario(App *app, int i)
{
    if (entries(app) == 0)
        return;
    if (i < 0)
        i = 0;
    if (i >= entries(app))
        i = entries(app) - 1;
    if (i < app->nscenarios) {
        app->sel = i;
        app->rush_sel = -1;
    } else {
        app->rush_sel = i - app->nscenarios;
    }
    app->list_follow = 1;
}

/* Scrolls the list to y pixels from its top (clamped); the selection stays. */
static void scroll_list(App *app, int y)
{
    int max = app->list_content_h - app->list_view_h;
    if (y > max)
        y = max;
    if (y < 0)
        y = 0;
    app->list_scroll = y;
}

static int start_compose(App *app, const char *text, int cursor)
{
    if (app->start_focus != SF_NAME)
        return 0;
    textedit_compose(&app->name, text, cursor);
    return 1;
}

static int start_event(App *app, const SDL_Event *ev)
{
    int arg = 0;
    switch (ev->type) {
    case SDL_TEXTINPUT:
        if (app->start_focus != SF_NAME)
            return 0;
        textedit_insert(&app->name, ev->text.text, strlen(ev->text.text));
        app->name.comp[0] = 0;
        app->notice[0] = 0;
        return 1;
    case SDL_TEXTEDITING:
        return start_compose(app, ev->edit.text, ev->edit.start);
    case SDL_TEXTEDITING_EXT:
        return ev->editExt.text ? start_compose(app, ev->editExt.text, ev->editExt.start) : 0;
    case SDL_MOUSEBUTTONDOWN:
        switch (ui_hit(&app->ui, ev->button.x, ev->button.y, &arg)) {
        case A_NAME:
            set_focus(app, SF_NAME);
            return 1;
        case A_PRACTICE:
        case A_EXAM:
            app->exam = ui_hit(&app->ui, ev->button.x, ev->button.y, NULL) == A_EXAM;
            set_focus(app, SF_MODE);
            return 1;
        case A_SCROLLBAR:
            /* The thumb follows the pointer from the click until the button is let go. */
            app->list_drag = 1;
            scroll_list(app,
                        widget_scrollbar_at(app->list_track, app->list_content_h, app->list_view_h,
                                            (int)(ev->button.y * app->ui.scale)));
            return 1;
        case A_RUSH:
            arg += app->nscenarios;
            /* fallthrough */
        case A_SCENARIO:
            select_scenario(app, arg);
            app->list_follow = 0; /* clicked, so already in view (perhaps in part) */
            set_focus(app, SF_LIST);
            if (ev->button.clicks >= 2)
                start_session(app);
            return 1;
        case A_START:
            start_session(app);
            return 1;
        case A_HISTORY:
            app_go(app, SCREEN_HISTORY, 1);
            return 1;
        default:
            return 0;
        }
    case SDL_MOUSEMOTION:
        if (!app->list_drag)
            return 0;
        scroll_list(app, widget_scrollbar_at(app->list_track, app->list_content_h, app->list_view_h,
                                             (int)(ev->motion.y * app->ui.scale)));
        return 1;
    case SDL_MOUSEBUTTONUP:
        app->list_drag = 0;
        return 0;
    case SDL_MOUSEWHEEL:
        /* The wheel scrolls the list, as everywhere else; the selection stays where it is. */
        scroll_list(app, app->list_scroll - ev->wheel.y * ui_px(&app->ui, 48));
        return 1;
    case SDL_KEYDOWN:
        break;
    default:
        return 0;
    }

    SDL_Keycode k = ev->key.keysym.sym;
    if (k == SDLK_TAB) {
        set_focus(app, app->start_focus + (key_shift(ev) ? -1 : 1));
        return 1;
    }
    if (k == SDLK_h && key_ctrl(ev)) {
        app_go(app, SCREEN_HISTORY, 1);
        return 1;
    }
    if (k == SDLK_F5) {
        reload_scenarios(app);
        return 1;
    }
    if (k == SDLK_RETURN || k == SDLK_KP_ENTER) {
        if (app->start_focus == SF_NAME && app->name.comp[0])
            return 0; /* the IME is still composing: Enter is its */
        if (app->start_focus == SF_HISTORY)
            app_go(app, SCREEN_HISTORY, 1);
        else
            start_session(app);
        return 1;
    }
    switch (app->start_focus) {
    case SF_NAME:
        if (app->name.comp[0])
            return 0;
        if (k == SDLK_BACKSPACE)
            textedit_backspace(&app->name);
        else if (k == SDLK_DELETE)
            textedit_delete(&app->name);
        else if (k == SDLK_LEFT)
            textedit_left(&app->name);
        else if (k == SDLK_RIGHT)
            textedit_right(&app->name);
        else if (k == SDLK_HOME)
            textedit_home(&app->name);
        else if (k == SDLK_END)
            textedit_end(&app->name);
        else if (k == SDLK_DOWN)
            set_focus(app, SF_MODE);
        else if (k == SDLK_v && key_ctrl(ev)) {
            char *clip = SDL_GetClipboardText();
            if (clip)
                textedit_insert(&app->name, clip, strlen(clip));
            SDL_free(clip);
        } else
            return 0;
        return 1;
    case SF_MODE:
        if (k == SDLK_LEFT || k == SDLK_RIGHT || k == SDLK_SPACE)
            app->exam = !app->exam;
        else if (k == SDLK_UP)
            set_focus(app, SF_NAME);
        else if (k == SDLK_DOWN)
            set_focus(app, SF_LIST);
        else
            return 0;
        return 1;
    case SF_LIST:
        if (k == SDLK_UP)
            select_scenario(app, entry_now(app) - 1);
        else if (k == SDLK_DOWN)
            select_scenario(app, entry_now(app) + 1);
        else if (k == SDLK_PAGEUP)
            select_scenario(app, entry_now(app) - 4);
        else if (k == SDLK_PAGEDOWN)
            select_scenario(app, entry_now(app) + 4);
        else if (k == SDLK_HOME)
            select_scenario(app, 0);
        else if (k == SDLK_END)
            select_scenario(app, entries(app) - 1);
        else if (k == SDLK_SPACE)
            start_session(app);
        else
            return 0;
        return 1;
    case SF_START:
    case SF_HISTORY:
        if (k == SDLK_SPACE) {
            if (app->start_focus == SF_HISTORY)
                app_go(app, SCREEN_HISTORY, 1);
            else
                start_session(app);
            return 1;
        }
        if (k == SDLK_LEFT || k == SDLK_RIGHT) {
            set_focus(app, app->start_focus == SF_START ? SF_HISTORY : SF_START);
            return 1;
        }
        return 0;
    default:
        return 0;
    }
}

/* ------------------------------------------------------------------------------------------ */

static void draw_stars(Ui *ui, int n, int x, int y)
{
    char stars[64] = "";
    for (int i = 0; i < 5; i++)
        strcat(stars, i < n ? "★" : "☆");
    ui_label(ui, FONT_BODY, C_ACCENT, stars, x, y, 0);
}

/* Card i in r; hit is the part of it in view, which takes clicks. */
static void draw_card(App *app, int i, SDL_Rect r, SDL_Rect hit, int selected)
{
    Ui *ui = &app->ui;
    const Scenario *sc = app->scenarios[i];
    int pad = ui_px(ui, 14);
    ui_round(ui, r, ui_px(ui, 10), selected ? C_ACCENT : C_LINE);
    int b = selected ? ui_px(ui, 2) : 1;
    ui_round(ui, (SDL_Rect){r.x + b, r.y + b, r.w - 2 * b, r.h - 2 * b}, ui_px(ui, 9),
             selected ? C_ACCENT_SOFT : C_PANEL);
    int av = ui_px(ui, 24);
    widget_avatar(ui, sc->persona_avatar, sc->persona_name, r.x + pad + av, r.y + pad + av, av);
    int x = r.x + pad * 2 + av * 2;
    int w = r.x + r.w - pad - x;
    int y = r.y + pad - ui_px(ui, 2);
    ui_label(ui, FONT_BOLD, C_TEXT, sc->title, x, y, w - ui_px(ui, 100));
    draw_stars(ui, sc->difficulty, r.x + r.w - pad - ui_label_width(ui, FONT_BODY, "★★★★★"), y);
    y += font_lineskip(app->fonts, FONT_BOLD) + ui_px(ui, 2);
    char who[256];
    snprintf(who, sizeof who, "顾客：%s · %s · 难度 %d/5", sc->persona_name,
             sc->kind && strcmp(sc->kind, "aftersale") == 0 ? "售后" : "售前", sc->difficulty);
    ui_label(ui, FONT_SMALL, C_MUTED, who, x, y, w);
    y += font_lineskip(app->fonts, FONT_SMALL) + ui_px(ui, 4);
    ui_label(ui, FONT_BODY, C_TEXT, sc->persona_desc ? sc->persona_desc : "", x, y, w);
    ui_target(ui, hit, A_SCENARIO, i);
}

/* Rush card i in r: its title and the customers who will come, in order. */
static void draw_rush_card(App *app, int i, SDL_Rect r, SDL_Rect hit, int selected)
{
    Ui *ui = &app->ui;
    const RushSpec *spec = app->rushes[i];
    int pad = ui_px(ui, 14);
    ui_round(ui, r, ui_px(ui, 10), selected ? C_ACCENT : C_LINE);
    int b = selected ? ui_px(ui, 2) : 1;
    ui_round(ui, (SDL_Rect){r.x + b, r.y + b, r.w - 2 * b, r.h - 2 * b}, ui_px(ui, 9),
             selected ? C_ACCENT_SOFT : C_PANEL);
    /* The customers' avatars, a little overlapped, as a stack of conversations. */
    int av = ui_px(ui, 14), step = ui_px(ui, 18);
    int shown = spec->ncustomers < 3 ? spec->ncustomers : 3;
    for (int k = shown - 1; k >= 0; k--) {
        const char *id = spec->customers[k].persona;
        const char *slash = strrchr(id, '/');
        const char *name = slash ? slash + 1 : id;
        const char *avatar = NULL;
        for (int s = 0; s < app->nscenarios && !avatar; s++)
            if (strcmp(app->scenarios[s]->id, name) == 0) {
                avatar = app->scenarios[s]->persona_avatar;
                name = app->scenarios[s]->persona_name;
            }
        widget_avatar(ui, avatar, name, r.x + pad + av + k * step, r.y + pad + ui_px(ui, 24), av);
    }
    int x = r.x + pad * 2 + ui_px(ui, 48) + 2 * step;
    int w = r.x + r.w - pad - x;
    int y = r.y + pad - ui_px(ui, 2);
    ui_label(ui, FONT_BOLD, C_TEXT, spec->title ? spec->title : spec->id, x, y, w);
    y += font_lineskip(app->fonts, FONT_BOLD) + ui_px(ui, 2);
    char line[512];
    snprintf(line, sizeof line, "%d 位顾客 · 最后一位 %.0f 秒后进店 · 多个会话同时接待",
             spec->ncustomers, spec->customers[spec->ncustomers - 1].at);
    ui_label(ui, FONT_SMALL, C_MUTED, line, x, y, w);
    y += font_lineskip(app->fonts, FONT_SMALL) + ui_px(ui, 4);
    size_t used = 0;
    line[0] = 0;
    for (int k = 0; k < spec->ncustomers && used < sizeof line - 64; k++) {
        const char *id = spec->customers[k].persona;
        const char *name = id;
        for (int s = 0; s < app->nscenarios; s++)
            if (strcmp(app->scenarios[s]->id, id) == 0)
                name = app->scenarios[s]->persona_name;
        used += (size_t)snprintf(line + used, sizeof line - used, "%s%s", k ? "、" : "", name);
    }
    ui_label(ui, FONT_BODY, C_TEXT, line, x, y, w);
    ui_target(ui, hit, A_RUSH, i);
}

/* The scenario cards in view, then the rushes under their heading, scrolled by
 * App.list_scroll, and the scrollbar beside them. */
static void draw_list(App *app, SDL_Rect view)
{
    Ui *ui = &app->ui;
    int ch = ui_px(ui, 96), gap = ui_px(ui, 12);
    int bar_w = ui_px(ui, 8);
    int head_h = app->nrushes ? font_lineskip(app->fonts, FONT_BOLD) + ui_px(ui, 16) : 0;
    int rush_top = app->nscenarios * (ch + gap) + head_h; /* the first rush card's top */
    app->list_content_h = entries(app) * (ch + gap) + head_h - (entries(app) ? gap : 0);
    app->list_view_h = view.h;
    int scrolls = app->list_content_h > view.h;
    SDL_Rect cards = {view.x, view.y, view.w - (scrolls ? bar_w + gap : 0), view.h};
    /* A keyboard move puts the selected card wholly in view, as little scrolled as can be. */
    if (app->list_follow && entries(app)) {
        int top =
            app->rush_sel >= 0 ? rush_top + app->rush_sel * (ch + gap) : app->sel * (ch + gap);
        if (top < app->list_scroll)
            app->list_scroll = top;
        if (top + ch > app->list_scroll + view.h)
            app->list_scroll = top + ch - view.h;
        app->list_follow = 0;
    }
    scroll_list(app, app->list_scroll);
    SDL_RenderSetClipRect(ui->r, &view);
    for (int i = 0; i < app->nscenarios; i++) {
        SDL_Rect card = {cards.x, cards.y + i * (ch + gap) - app->list_scroll, cards.w, ch};
        SDL_Rect shown;
        if (!SDL_IntersectRect(&card, &cards, &shown))
            continue;
        draw_card(app, i, card, shown, app->rush_sel < 0 && i == app->sel);
        if (app->rush_sel < 0 && i == app->sel && app->start_focus == SF_LIST)
            ui_focus_ring(ui, card);
    }
    if (app->nrushes) {
        int hy = cards.y + app->nscenarios * (ch + gap) - app->list_scroll + ui_px(ui, 4);
        int hw = ui_label(ui, FONT_BOLD, C_TEXT, "高峰接待 · 多位顾客同时咨询", cards.x, hy, 0);
        ui_label(ui, FONT_SMALL, C_MUTED, "像千牛工作台一样同时接待，每位顾客各自计时",
                 cards.x + hw + ui_px(ui, 12), hy + ui_px(ui, 3), cards.w - hw - ui_px(ui, 12));
        ui_mark(ui, "start.rushes", (SDL_Rect){cards.x, hy, cards.w, head_h});
    }
    for (int i = 0; i < app->nrushes; i++) {
        SDL_Rect card = {cards.x, cards.y + rush_top + i * (ch + gap) - app->list_scroll, cards.w,
                         ch};
        SDL_Rect shown;
        if (!SDL_IntersectRect(&card, &cards, &shown))
            continue;
        draw_rush_card(app, i, card, shown, i == app->rush_sel);
        if (i == app->rush_sel && app->start_focus == SF_LIST)
            ui_focus_ring(ui, card);
    }
    SDL_RenderSetClipRect(ui->r, NULL);
    ui_mark(ui, "start.list", cards);
    app->list_track = (SDL_Rect){view.x + view.w - bar_w, view.y, bar_w, view.h};
    if (scrolls) {
        widget_scrollbar(ui, app->list_track, app->list_content_h, view.h, app->list_scroll,
                         A_SCROLLBAR);
        ui_mark(ui, "start.scrollbar", app->list_track);
    }
}

static void start_draw(App *app)
{
    Ui *ui = &app->ui;
    int W = ui->w, H = ui->h;
    int m = ui_px(ui, 24);
    /* Header. */
    ui_fill(ui, (SDL_Rect){0, 0, W, ui_px(ui, 64)}, C_PANEL);
    ui_fill(ui, (SDL_Rect){0, ui_px(ui, 64) - 1, W, 1}, C_LINE);
    int x = m;
    x += ui_label(ui, FONT_TITLE, C_ACCENT, "客服训练营", x, ui_px(ui, 16), 0);
    ui_label(ui, FONT_SMALL, C_MUTED, "新客服上岗练习：和模拟顾客聊天，按服务手册逐句点评", x + m,
             ui_px(ui, 26), W - x - 2 * m);

    /* Left: who and how. */
    int top = ui_px(ui, 64) + m;
    int lw = W >= ui_px(ui, 1000) ? ui_px(ui, 330) : ui_px(ui, 290);
    SDL_Rect left = {m, top, lw, H - top - m};
    ui_round(ui, left, ui_px(ui, 10), C_PANEL);
    int pad = ui_px(ui, 18);
    int lx = left.x + pad, ly = left.y + pad, iw = left.w - 2 * pad;
    ui_label(ui, FONT_BOLD, C_TEXT, "你的名字", lx, ly, 0);
    ly += font_lineskip(app->fonts, FONT_BOLD) + ui_px(ui, 6);
    SDL_Rect field = {lx, ly, iw, ui_px(ui, 40)};
    SDL_Rect caret;
    widget_line_edit(ui, &app->name, field, app->start_focus == SF_NAME, "请输入姓名", &caret);
    ui_target(ui, field, A_NAME, 0);
    ui_mark(ui, "start.name", field);
    if (app->start_focus == SF_NAME)
        app_text_input(app, 1, &caret);
    ly += field.h + ui_px(ui, 20);

    ui_label(ui, FONT_BOLD, C_TEXT, "模式", lx, ly, 0);
    ly += font_lineskip(app->fonts, FONT_BOLD) + ui_px(ui, 6);
    SDL_Rect seg = {lx, ly, iw, ui_px(ui, 40)};
    widget_segmented(ui, seg, "练习模式", "考试模式", app->exam, app->start_focus == SF_MODE,
                     A_PRACTICE, A_EXAM);
    ui_mark(ui, "start.mode", seg);
    ly += seg.h + ui_px(ui, 8);
    ui_label(ui, FONT_SMALL, C_MUTED,
             app->exam ? "过程中不提示，结束后统一出成绩单" : "每句回复后显示用到的技巧和犯的错",
             lx, ly, iw);
    ly += font_lineskip(app->fonts, FONT_SMALL) + ui_px(ui, 24);

    SDL_Rect go = {lx, ly, iw, ui_px(ui, 44)};
    ui_button(ui, go, "开始接待（Enter）", 1, app->start_focus == SF_START, A_START, 0);
    ui_mark(ui, "start.go", go);
    ly += go.h + ui_px(ui, 12);
    SDL_Rect hist = {lx, ly, iw, ui_px(ui, 40)};
    ui_button(ui, hist, "历史成绩（Ctrl+H）", 0, app->start_focus == SF_HISTORY, A_HISTORY, 0);
    ui_mark(ui, "start.history", hist);
    ly += hist.h + ui_px(ui, 16);
    /* The two lines of keys at the panel's foot; a notice gets the room between, clipped to
     * it (the full text is also on stderr or in the history). */
    int small = font_lineskip(app->fonts, FONT_SMALL);
    int keys_y = left.y + left.h - pad - font_height(app->fonts, FONT_SMALL) - small;
    ui_label(ui, FONT_SMALL, C_MUTED, "F5 重新载入场景和评分规则 · Ctrl+Q 退出", lx, keys_y, iw);
    ui_label(ui, FONT_SMALL, C_MUTED, "Tab 切换 · ↑↓ 选场景 · Enter 开始", lx, keys_y + small, iw);
    ui_mark(ui, "start.keys", (SDL_Rect){lx, keys_y, iw, left.y + left.h - pad - keys_y});
    int room = keys_y - ui_px(ui, 8) - ly;
    if (app->notice[0] && room > 0) {
        TextBlock tb;
        textblock_init(&tb, FONT_SMALL, C_BAD);
        textblock_set(&tb, app->fonts, app->notice, strlen(app->notice), 0, 0);
        textblock_layout(&tb, app->fonts, iw);
        SDL_Rect clip = {lx, ly, iw, tb.h < room ? tb.h : room};
        SDL_RenderSetClipRect(ui->r, &clip);
        textblock_draw(&tb, app->fonts, ui->r, lx, ly, &clip);
        SDL_RenderSetClipRect(ui->r, NULL);
        textblock_deinit(&tb);
        ui_mark(ui, "start.notice", clip);
    }

    /* Right: the scenarios. */
    int rx = left.x + left.w + m, rw = W - rx - m;
    ui_label(ui, FONT_BOLD, C_TEXT, "选择场景", rx, top, 0);
    char count[64];
    if (app->nrushes)
        snprintf(count, sizeof count, "共 %d 个，另有 %d 场高峰接待", app->nscenarios,
                 app->nrushes);
    else
        snprintf(count, sizeof count, "共 %d 个", app->nscenarios);
    ui_label(ui, FONT_SMALL, C_MUTED, count, rx + ui_px(ui, 80), top + ui_px(ui, 3), 0);
    int ly0 = top + font_lineskip(app->fonts, FONT_BOLD) + ui_px(ui, 10);
    int bottom = H - m;
    if (app->scenario_errors[0] && app->nscenarios)
        bottom -= font_lineskip(app->fonts, FONT_SMALL);
    if (app->nscenarios)
        draw_list(app, (SDL_Rect){rx, ly0, rw, bottom - ly0});
    if (app->nscenarios == 0) {
        TextBlock tb;
        textblock_init(&tb, FONT_BODY, C_BAD);
        char msg[1400];
        snprintf(msg, sizeof msg, "没有可用的场景。\n%s", app->scenario_errors);
        textblock_set(&tb, app->fonts, msg, strlen(msg), 0, 0);
        textblock_layout(&tb, app->fonts, rw);
        textblock_draw(&tb, app->fonts, ui->r, rx, ly0, NULL);
        textblock_deinit(&tb);
    } else if (app->scenario_errors[0]) {
        ui_label(ui, FONT_SMALL, C_BAD, app->scenario_errors, rx,
                 H - m / 2 - font_height(app->fonts, FONT_SMALL), rw);
    }
}

const ScreenOps screen_start = {
    .enter = start_enter,
    .event = start_event,
    .draw = start_draw,
};
