/* screen_history: the trainee's past results from the results folder (read through
 * results/schema.h, as the report reads them), newest first, with the selected one's
 * principles beside the list; Enter opens its full scorecard (rescored with the current
 * rubric, as kefu rescore does). A rush's file (kefu.rush/1) is a row of its own that opens
 * the rush's scorecard (workbench.c reads it); a rush file that cannot be read is a row
 * saying why. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app_state.h"
#include "base/kerr.h"
#include "results/report.h"
#include "results/rush_record.h"
#include "results/schema.h"

#include "base/platform.h"

enum { A_ROW = 1, A_MINE, A_ALL, A_OPEN, A_BACK };

static void row_free(HistoryRow *r)
{
    free(r->path);
    free(r->id);
    free(r->trainee);
    free(r->title);
    free(r->mode);
    free(r->outcome);
    free(r->started);
    free(r->broken);
}

static void rows_free(History *h)
{
    for (int i = 0; i < h->n; i++)
        row_free(&h->rows[i]);
    free(h->rows);
    h->rows = NULL;
    h->n = 0;
}

static void history_reset(App *app)
{
    rows_free(&app->hist);
    doc_clear(&app->hist.detail);
    app->hist.detail_for = -1;
}

static char *dup_or_empty(const char *s)
{
    return strdup(s ? s : "");
}

/* Newest first; the ISO 8601 times sort as strings. */
static int newest_first(const void *a, const void *b)
{
    const HistoryRow *x = a, *y = b;
    int c = strcmp(y->started, x->started);
    return c ? c : strcmp(y->id, x->id);
}

/* A new row at the end of the list, zeroed with its path; NULL out of memory. */
static HistoryRow *add_row(History *h, int *cap, const char *path)
{
    if (h->n == *cap) {
        int want = *cap ? *cap * 2 : 32;
        HistoryRow *v = realloc(h->rows, (size_t)want * sizeof *v);
        if (!v)
            return NULL;
        h->rows = v;
        *cap = want;
    }
    HistoryRow *r = &h->rows[h->n++];
    memset(r, 0, sizeof *r);
    r->path = strdup(path);
    return r;
}

/* Adds a row for a results file that cannot be shown: its name and why (the reason naming the
 * file, never its folder), whoever's it is, so nothing in the folder is silently left out.
 * Returns the row, or NULL out of memory. */
static HistoryRow *add_broken(History *h, int *cap, const char *path, const char *name,
                              const char *msg, int rush)
{
    HistoryRow *r = add_row(h, cap, path);
    if (!r)
        return NULL;
    size_t plen = strlen(path);
    if (strncmp(msg, path, plen) == 0) { /* "FOLDER/name:line:col: reason" -> "name:..." */
        char shown[sizeof ((KefuError *)0)->msg + 300];
        snprintf(shown, sizeof shown, "%s%s", name, msg + plen);
        r->broken = strdup(shown);
    } else {
        r->broken = strdup(msg);
    }
    r->rush = rush;
    r->id = strdup(name);
    r->trainee = strdup("");
    r->title = strdup(name);
    r->mode = strdup("");
    r->outcome = strdup("");
    r->started = strdup("");
    return r;
}

/* A file the results reader did not take (bad says why): a rush's file becomes a rush row;
 * a broken one, rush or not, a row saying why, whoever's it is. Returns 0, or -1 out of
 * memory. */
static int take_other(App *app, int *cap, const char *path, const char *name, const char *me,
                      const KefuError *bad)
{
    History *h = &app->hist;
    size_t len = 0;
    KefuError why = {{0}};
    char *buf = kerr_read_file(path, &len, &why);
    if (!buf || !rush_record_is(buf, len)) {
        free(buf);
        return add_broken(h, cap, path, name, bad->msg, 0) ? 0 : -1;
    }
    HistoryRow tmp = {0};
    int ok = workbench_rush_row(name, buf, len, &tmp, &why) == 0;
    free(buf);
    if (ok && h->mine_only && me && strcmp(tmp.trainee, me) != 0) {
        row_free(&tmp);
        return 0;
    }
    if (!ok)
        return add_broken(h, cap, path, name, why.msg, 1) ? 0 : -1;
    HistoryRow *r = add_row(h, cap, path);
    if (!r) {
        row_free(&tmp);
        return -1;
    }
    char *p = r->path;
    *r = tmp;
    r->path = p;
    return 0;
}

static void load_rows(App *app)
{
    History *h = &app->hist;
    rows_free(h);
    h->skipped = 0;
    PlatDir *d = plat_opendir(app->results_dir);
    if (!d)
        return;
    const char *me = app->name.buf && !textedit_blank(&app->name) ? app->name.buf : NULL;
    int cap = 0;
    SchemaReader *rd = schema_reader_create();
    const char *e; /* the name */
    while (rd && (e = plat_readdir(d))) {
        size_t n = strlen(e);
        if (n < 6 || strcmp(e + n - 5, ".json") != 0 || e[0] == '.')
            continue;
        char path[2048];
        snprintf(path, sizeof path, "%s/%s", app->results_dir, e);
        const ResultSummary *s;
        KefuError why;
        int rc = schema_read_file(rd, path, 0, &s, &why);
        if (rc == SCHEMA_BAD) {
            if (take_other(app, &cap, path, e, me, &why) < 0)
                break;
            continue;
        }
        if (rc != 0) {
            h->skipped++;
            continue;
        }
        if (h->mine_only && me && strcmp(s->trainee, me) != 0)
            continue;
        HistoryRow *r = add_row(h, &cap, path);
        if (!r)
            break;
        r->id = dup_or_empty(s->id);
        r->trainee = dup_or_empty(s->trainee);
        r->title = dup_or_empty(s->scenario_title);
        r->mode = dup_or_empty(s->mode);
        r->outcome = dup_or_empty(outcome_name(s->outcome));
        r->started = dup_or_empty(s->started_at);
        r->total = s->total;
        r->pass = s->pass;
    }
    schema_reader_destroy(rd);
    plat_closedir(d);
    if (h->n > 1)
        qsort(h->rows, (size_t)h->n, sizeof *h->rows, newest_first);
}

/* Entering the history: fresh, the results folder read again (only the trainee's results when
 * there is a name); not fresh, back from a scorecard opened here, the list as it was left. */
static int history_enter(App *app, Screen from, int fresh)
{
    History *h = &app->hist;
    if (!fresh)
        return 0;
    if (from != SCREEN_HISTORY)
        h->mine_only = app->name.buf && !textedit_blank(&app->name);
    load_rows(app);
    h->sel = 0;
    h->top = 0;
    h->detail_for = -1;
    app_text_input(app, 0, NULL);
    app->dirty = 1;
    return 0;
}

static const char *status_word(PrincipleStatus s)
{
    if (s == ST_MET)
        return "✓";
    if (s == ST_MISSED)
        return "○";
    if (s == ST_VIOLATED)
        return "✗";
    return "—";
}

/* The selected rush's summary, or why its file (a rush's or a session's) could not be read. */
static void build_rush_detail(App *app, const HistoryRow *row)
{
    Doc *d = &app->hist.detail;
    char line[1400];
    if (row->broken) {
        doc_panel(d, C_PANEL, (SDL_Color){0, 0, 0, 0});
        doc_text(d, app->fonts, FONT_BOLD, C_BAD,
                 row->rush ? "这场高峰的成绩文件读不出来：" : "这份成绩文件读不出来：", 0, 0);
        doc_text(d, app->fonts, FONT_BODY, C_TEXT, row->broken, 0, 4);
        doc_end_panel(d);
        return;
    }
    doc_panel(d, row->lost ? C_ACCENT_SOFT : C_GOOD_SOFT, (SDL_Color){0, 0, 0, 0});
    snprintf(line, sizeof line, "高峰：%s · %s", row->title, row->trainee);
    doc_text(d, app->fonts, FONT_BOLD, C_TEXT, line, 0, 0);
    snprintf(line, sizeof line, "%d 位顾客 · 成交或解决 %d · 流失 %d", row->customers, row->served,
             row->lost);
    doc_text(d, app->fonts, FONT_TITLE, row->lost ? C_ACCENT : C_GOOD, line, 0, 4);
    doc_end_panel(d);
    doc_text(d, app->fonts, FONT_SMALL, C_MUTED,
             "Enter 打开这场高峰的成绩单：每位顾客的结果、等待和分数，再选一位看完整成绩单。", 0,
             8);
    const char *sep = plat_last_sep(row->path);
    doc_text(d, app->fonts, FONT_SMALL, C_MUTED, sep ? sep + 1 : row->path, 0, 8);
}

/* The selected result's principles, read from its file. */
static void build_detail(App *app)
{
    History *h = &app->hist;
    Doc *d = &h->detail;
    doc_clear(d);
    h->detail_for = h->sel;
    if (h->sel < 0 || h->sel >= h->n)
        return;
    const HistoryRow *row = &h->rows[h->sel];
    if (row->rush || row->broken) {
        build_rush_detail(app, row);
        return;
    }
    SchemaReader *rd = schema_reader_create();
    const ResultSummary *s = NULL;
    KefuError why;
    if (!rd || schema_read_file(rd, row->path, 0, &s, &why) != 0) {
        schema_reader_destroy(rd);
        doc_text(d, app->fonts, FONT_BODY, C_BAD, "这个文件读不出来了。", 0, 0);
        return;
    }
    char line[1024];
    doc_panel(d, row->pass ? C_GOOD_SOFT : C_ACCENT_SOFT, (SDL_Color){0, 0, 0, 0});
    snprintf(line, sizeof line, "%s · %s", row->title, row->trainee);
    doc_text(d, app->fonts, FONT_BOLD, C_TEXT, line, 0, 0);
    snprintf(line, sizeof line, "%d 分 · %s · 结果：%s", row->total, row->pass ? "通过" : "未通过",
             outcome_label(outcome_parse(row->outcome)));
    doc_text(d, app->fonts, FONT_TITLE, row->pass ? C_GOOD : C_ACCENT, line, 0, 4);
    char dur[64];
    report_fmt_duration(dur, sizeof dur, report_session_duration(s));
    snprintf(line, sizeof line, "用时 %s", dur); /* the report's definition, everywhere */
    doc_text(d, app->fonts, FONT_SMALL, C_MUTED, line, 0, 4);
    /* A figure that could not be measured (NaN, or negative: no reply typed) is left out
     * rather than shown as -1. */
    int has_first = !isnan(s->first_response_s) && s->first_response_s >= 0;
    int has_typing = !isnan(s->typing_cpm) && s->typing_cpm >= 0;
    if (has_first || has_typing) {
        char first[64] = "", typing[64] = "";
        if (has_first)
            snprintf(first, sizeof first, "首次响应 %.1f 秒", s->first_response_s);
        if (has_typing)
            snprintf(typing, sizeof typing, "打字 %.0f 字/分钟", s->typing_cpm);
        snprintf(line, sizeof line, "%s%s%s", first, has_first && has_typing ? " · " : "", typing);
        doc_text(d, app->fonts, FONT_SMALL, C_MUTED, line, 0, 4);
    }
    doc_end_panel(d);
    doc_panel(d, C_PANEL, (SDL_Color){0, 0, 0, 0});
    for (int i = 0; i < s->nlines; i++) {
        const ResultLine *l = &s->lines[i];
        int idx = rubric_find(app->rubric, l->id);
        const Principle *pr = idx >= 0 ? rubric_principle(app->rubric, idx) : NULL;
        snprintf(line, sizeof line, "%s %s  %.0f/%.0f", status_word(l->status),
                 pr ? pr->name : l->id, isnan(l->points) ? 0.0 : l->points,
                 isnan(l->max) ? 0.0 : l->max);
        SDL_Color col = l->status == ST_MET        ? C_GOOD
                        : l->status == ST_VIOLATED ? C_BAD
                        : l->status == ST_MISSED   ? C_AMBER
                                                   : C_MUTED;
        doc_text(d, app->fonts, FONT_BODY, col, line, 0, 4);
    }
    doc_end_panel(d);
    doc_text(d, app->fonts, FONT_SMALL, C_MUTED, row->path, 0, 8);
    schema_reader_destroy(rd);
}

/* Opens the selected result's full scorecard: loaded and rescored with the current rubric. */
static void open_selected(App *app)
{
    History *h = &app->hist;
    if (h->sel < 0 || h->sel >= h->n)
        return;
    const HistoryRow *row = &h->rows[h->sel];
    if (row->broken) {
        app_notice(app, 1, row->rush ? "打不开这场高峰：%s" : "打不开这份成绩：%s", row->broken);
        return;
    }
    if (row->rush) {
        if (workbench_load(app, row->path) == 0)
            app_go(app, SCREEN_RUSH, -1);
        return;
    }
    KefuError err = {{0}};
    app_score_clear(app);
    if (record_load(h->rows[h->sel].path, app->rubric, &app->score.result, &err) < 0 ||
        record_rescore(&app->score.result, app->rubric, &app->score.sc) < 0) {
        app_score_clear(app);
        app_notice(app, 1, "打不开这条记录：%s", err.msg);
        return;
    }
    app->score.have = 1;
    snprintf(app->score.path, sizeof app->score.path, "%s", h->rows[h->sel].path);
    app_go(app, SCREEN_SCORE, 0);
}

static void select_row(History *h, int i)
{
    if (h->n == 0)
        return;
    h->sel = i < 0 ? 0 : i >= h->n ? h->n - 1 : i;
}

static int history_event(App *app, const SDL_Event *ev)
{
    History *h = &app->hist;
    int arg = 0;
    switch (ev->type) {
    case SDL_MOUSEWHEEL:
        select_row(h, h->sel - ev->wheel.y);
        return 1;
    case SDL_MOUSEBUTTONDOWN:
        switch (ui_hit(&app->ui, ev->button.x, ev->button.y, &arg)) {
        case A_ROW:
            if (h->sel == arg && ev->button.clicks >= 2)
                open_selected(app);
            select_row(h, arg);
            return 1;
        case A_MINE:
        case A_ALL:
            h->mine_only = ui_hit(&app->ui, ev->button.x, ev->button.y, NULL) == A_MINE;
            load_rows(app);
            h->sel = 0;
            h->detail_for = -1;
            return 1;
        case A_OPEN:
            open_selected(app);
            return 1;
        case A_BACK:
            app_go(app, SCREEN_START, -1);
            return 1;
        default:
            return 0;
        }
    case SDL_KEYDOWN:
        break;
    default:
        return 0;
    }
    switch (ev->key.keysym.sym) {
    case SDLK_UP:
        select_row(h, h->sel - 1);
        return 1;
    case SDLK_DOWN:
        select_row(h, h->sel + 1);
        return 1;
    case SDLK_PAGEUP:
        select_row(h, h->sel - 8);
        return 1;
    case SDLK_PAGEDOWN:
        select_row(h, h->sel + 8);
        return 1;
    case SDLK_HOME:
        select_row(h, 0);
        return 1;
    case SDLK_END:
        select_row(h, h->n - 1);
        return 1;
    case SDLK_TAB:
    case SDLK_f:
        h->mine_only = !h->mine_only;
        load_rows(app);
        h->sel = 0;
        h->detail_for = -1;
        return 1;
    case SDLK_RETURN:
    case SDLK_KP_ENTER:
        open_selected(app);
        return 1;
    case SDLK_ESCAPE:
    case SDLK_BACKSPACE:
        app_go(app, SCREEN_START, -1);
        return 1;
    default:
        return 0;
    }
}

static void history_draw(App *app)
{
    Ui *ui = &app->ui;
    History *h = &app->hist;
    int W = ui->w, H = ui->h, m = ui_px(ui, 24);
    ui_header(ui, "历史成绩", "↑↓ 选择 · Enter 打开成绩单 · Tab 只看我的/全部 · Esc 返回",
              ui_px(ui, 220) + m);
    SDL_Rect seg = {W - m - ui_px(ui, 220), ui_px(ui, 10), ui_px(ui, 220), ui_px(ui, 36)};
    const char *me = app->name.buf && !textedit_blank(&app->name) ? app->name.buf : NULL;
    char mine[128];
    snprintf(mine, sizeof mine, "只看%s", me ? me : "我的");
    int half = seg.w / 2;
    ui_mark(ui, "history.filter", seg);
    ui_button(ui, (SDL_Rect){seg.x, seg.y, half - 2, seg.h}, mine, h->mine_only, 0, A_MINE, 0);
    ui_button(ui, (SDL_Rect){seg.x + half + 2, seg.y, half - 2, seg.h}, "全部", !h->mine_only, 0,
              A_ALL, 0);

    int top = ui_px(ui, 56) + m;
    /* The list and, beside it, the selected result's principles: both at every size from the
     * least window up. */
    int lw = W >= ui_px(ui, 1000) ? W * 55 / 100 : W / 2;
    int rh = ui_px(ui, 58), g = ui_px(ui, 8);
    if (h->n == 0) {
        char msg[1200];
        snprintf(msg, sizeof msg, "%s 里还没有%s成绩。完成一次接待后，成绩会出现在这里。",
                 app->results_dir, h->mine_only ? "你的" : "");
        ui_label(ui, FONT_BODY, C_MUTED, msg, m, top, W - 2 * m);
        return;
    }
    int fit = (H - top - m + g) / (rh + g);
    if (fit < 1)
        fit = 1;
    if (h->sel < h->top)
        h->top = h->sel;
    if (h->sel >= h->top + fit)
        h->top = h->sel - fit + 1;
    for (int i = h->top; i < h->n && i < h->top + fit; i++) {
        const HistoryRow *r = &h->rows[i];
        SDL_Rect row = {m, top + (i - h->top) * (rh + g), lw - m, rh};
        int sel = i == h->sel;
        ui_round(ui, row, ui_px(ui, 8), sel ? C_ACCENT : C_LINE);
        ui_round(ui, (SDL_Rect){row.x + 1, row.y + 1, row.w - 2, row.h - 2}, ui_px(ui, 8),
                 sel ? C_ACCENT_SOFT : C_PANEL);
        char score[32], when[64], sub[1200], title[600];
        snprintf(score, sizeof score, "%d", r->total);
        /* 2026-11-23T10:15:00Z → 2026-11-23 10:15 */
        snprintf(when, sizeof when, "%.10s %.5s", r->started,
                 strlen(r->started) > 11 ? r->started + 11 : "");
        int pad = ui_px(ui, 12);
        int sw = ui_px(ui, 64);
        if (r->rush || r->broken) { /* a rush: its customers instead of a score */
            snprintf(score, sizeof score, "%s", r->broken ? "损坏" : "高峰");
            snprintf(title, sizeof title, "%s%s", r->broken ? "" : "高峰：", r->title);
            if (r->broken)
                snprintf(sub, sizeof sub, "%s", r->broken);
            else
                snprintf(sub, sizeof sub, "%s · %s · %d 位顾客 · 成交或解决 %d · 流失 %d", when,
                         r->trainee, r->customers, r->served, r->lost);
        } else {
            snprintf(title, sizeof title, "%s", r->title);
            snprintf(sub, sizeof sub, "%s · %s · %s · %s · %s", when, r->trainee,
                     strcmp(r->mode, SCHEMA_MODE_EXAM) == 0 ? "考试" : "练习",
                     r->pass ? "通过" : "未通过", outcome_label(outcome_parse(r->outcome)));
        }
        SDL_Color sc = r->broken ? C_BAD : r->rush ? C_TEXT : r->pass ? C_GOOD : C_ACCENT;
        FontRole sf = r->rush || r->broken ? FONT_BOLD : FONT_TITLE;
        ui_label(ui, sf, sc, score, row.x + pad, row.y + (rh - font_height(app->fonts, sf)) / 2,
                 sw - pad / 2);
        ui_label(ui, FONT_BOLD, C_TEXT, title, row.x + pad + sw, row.y + ui_px(ui, 8),
                 row.w - sw - 2 * pad);
        ui_label(ui, FONT_SMALL, r->broken ? C_BAD : C_MUTED, sub, row.x + pad + sw,
                 row.y + ui_px(ui, 10) + font_lineskip(app->fonts, FONT_BOLD),
                 row.w - sw - 2 * pad);
        ui_target(ui, row, A_ROW, i);
        if (i == h->top)
            ui_mark(ui, "history.row1", row);
    }
    {
        if (h->detail_for != h->sel)
            build_detail(app);
        SDL_Rect view = {lw + m / 2, top, W - lw - m - m / 2, H - top - m - ui_px(ui, 52)};
        doc_draw(&h->detail, ui, view);
        ui_mark(ui, "history.detail", view);
        SDL_Rect open = {view.x, H - m - ui_px(ui, 40), ui_px(ui, 190), ui_px(ui, 40)};
        ui_button(ui, open, "打开成绩单（Enter）", 1, 0, A_OPEN, 0);
        SDL_Rect back = {open.x + open.w + ui_px(ui, 12), open.y, ui_px(ui, 130), open.h};
        ui_button(ui, back, "返回（Esc）", 0, 0, A_BACK, 0);
        ui_mark(ui, "history.open", open);
        ui_mark(ui, "history.back", back);
    }
}

const ScreenOps screen_history = {
    .enter = history_enter,
    .event = history_event,
    .draw = history_draw,
    .deinit = history_reset,
};
