/* screen_review: a reviewer marks the detector's judgement on one reply of a past session as a
 * false alarm (误报) or a miss (漏报) with a note, written beside the result through
 * results/review.h exactly as kefu review writes it (docs/app.md, 复核). */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "app_state.h"
#include "base/atomicfile.h"
#include "base/platform.h"
#include "results/review.h"
#include "results/schema.h"
#include "widgets.h"

#define REVIEWER_LIMIT 120 /* bytes of a reviewer's name */
#define NOTE_LIMIT 1500    /* bytes of a note (review.c takes up to 2,000) */

enum { A_REPLY = 1, A_PRINCIPLE, A_FIELD, A_MARK, A_BACK };

typedef struct ReviewScreen ReviewScreen;

/* The screen's state, kept from one visit to the next so the reviewer's name is asked once
 * per run of the app. */
struct ReviewScreen {
    char path[1024];        /* the result being reviewed (App.score.path) */
    char dir[1024];         /* its folder, where the reviews file is */
    SchemaReader *rd;       /* holds s */
    const ResultSummary *s; /* the result as recorded, with texts and hits */
    int *reply_msg, nreply; /* the message index of each of the trainee's replies */
    int sel;                /* the turn selected: the reply from 1, or 0 for the whole session */
    int psel;               /* the scorecard line selected */
    int reply_top;          /* first reply row shown */
    ReviewSet mine;         /* the verdicts already on this result */
    char reviewer[REVIEWER_LIMIT + 8]; /* who marks ("" until asked) */
    TextEdit name;                     /* the reviewer's name while it is asked */
    TextEdit note;                     /* the note being typed */
    char msg[2400];                    /* what the last action did */
    int msg_bad;
};

static void forget_result(ReviewScreen *v)
{
    schema_reader_destroy(v->rd);
    v->rd = NULL;
    v->s = NULL;
    free(v->reply_msg);
    v->reply_msg = NULL;
    v->nreply = 0;
    review_set_deinit(&v->mine);
}

static void review_deinit_screen(App *app)
{
    ReviewScreen *v = app->review;
    if (!v)
        return;
    forget_result(v);
    textedit_deinit(&v->name);
    textedit_deinit(&v->note);
    free(v);
    app->review = NULL;
}

/* The verdicts recorded on the result at v->path (the reviews file beside it, those naming this
 * file and this session). A reviews file that cannot be read is said in v->msg. */
static void load_verdicts(ReviewScreen *v)
{
    review_set_deinit(&v->mine);
    char rpath[1200];
    snprintf(rpath, sizeof rpath, "%s/%s", v->dir, REVIEW_FILE);
    ReviewSet all = {0};
    KefuError err = {{0}};
    FILE *probe = plat_fopen(rpath, "rb");
    if (!probe)
        return;
    fclose(probe);
    if (review_load(rpath, &all, &err) < 0) {
        snprintf(v->msg, sizeof v->msg, "复核记录读不出来：%s", err.msg);
        v->msg_bad = 1;
        return;
    }
    const char *id = v->s && v->s->id ? v->s->id : NULL;
    const char *base = plat_last_sep(v->path);
    base = base ? base + 1 : v->path;
    for (int i = 0; i < all.n; i++) {
        Review *r = &all.v[i];
        int same = strcmp(r->file, base) == 0 && (!id || strcmp(r->result, id) == 0);
        if (!same)
            continue;
        if (v->mine.n == v->mine.cap) {
            int ncap = v->mine.cap ? v->mine.cap * 2 : 8;
            Review *nv = realloc(v->mine.v, (size_t)ncap * sizeof *nv);
            if (!nv)
                break;
            v->mine.v = nv;
            v->mine.cap = ncap;
        }
        v->mine.v[v->mine.n++] = *r;
        memset(r, 0, sizeof *r); /* moved */
    }
    review_set_deinit(&all);
}

/* Reads the result to review. Returns 0, or -1 with App.notice saying why. */
static int load_result(App *app, ReviewScreen *v)
{
    forget_result(v);
    snprintf(v->path, sizeof v->path, "%s", app->score.path);
    atomicfile_dirname(v->path, v->dir, sizeof v->dir);
    KefuError err = {{0}};
    if (!(v->rd = schema_reader_create()) || schema_read_file(v->rd, v->path, 1, &v->s, &err)) {
        app_notice(app, 1, "这条记录读不出来，不能复核：%s", err.msg);
        forget_result(v);
        return -1;
    }
    v->reply_msg = malloc(((size_t)v->s->nmsgs + 1) * sizeof *v->reply_msg);
    if (!v->reply_msg) {
        app_notice(app, 1, "内存不足");
        forget_result(v);
        return -1;
    }
    for (int i = 0; i < v->s->nmsgs; i++)
        if (v->s->msgs[i].from == FROM_AGENT)
            v->reply_msg[v->nreply++] = i;
    if (v->s->nlines == 0) {
        app_notice(app, 1, "这条记录的成绩单没有评判任何原则，没有可复核的判定。");
        forget_result(v);
        return -1;
    }
    v->sel = v->nreply ? 1 : 0; /* the first reply, or the whole session when there is none */
    v->psel = v->reply_top = 0;
    v->msg[0] = 0;
    v->msg_bad = 0;
    load_verdicts(v);
    return 0;
}

/* Who may mark (docs/app.md): anyone at an app that is not running an exam, looking at a past
 * session from the history, under a name that is not the session's trainee. */
static int review_enter(App *app, Screen from, int unused)
{
    (void)unused;
    if (app->exam_def) {
        app_notice(app, 1, "考试进行中不能复核。");
        return -1;
    }
    if (from != SCREEN_SCORE || !app->score.have || !app->score.from_history ||
        !app->score.path[0]) {
        app_notice(app, 1, "请从历史成绩里打开一场会话再复核。");
        return -1;
    }
    ReviewScreen *v = app->review;
    if (!v) {
        if (!(v = calloc(1, sizeof *v))) {
            app_notice(app, 1, "内存不足");
            return -1;
        }
        textedit_init(&v->name, REVIEWER_LIMIT, 0);
        textedit_init(&v->note, NOTE_LIMIT, 0);
        app->review = v;
    }
    if (load_result(app, v) != 0)
        return -1;
    textedit_clear(&v->note);
    app_text_input(app, 1, NULL);
    return 0;
}

/* ---- What is selected ---------------------------------------------------------------------- */

/* The trainee's reply turn (from 1). */
static const ResultMessage *reply(const ReviewScreen *v, int turn)
{
    return &v->s->msgs[v->reply_msg[turn - 1]];
}

/* Whether the detector found principle id in reply turn, or for turn 0 in the whole session
 * (the scorecard's line, as review_make reads it). */
static int detected(const ReviewScreen *v, int turn, const char *id)
{
    if (turn == 0) {
        for (int l = 0; l < v->s->nlines; l++)
            if (strcmp(v->s->lines[l].id, id) == 0)
                return review_session_found(&v->s->lines[l]);
        return 0;
    }
    const ResultMessage *m = reply(v, turn);
    for (int h = 0; h < m->nhits; h++)
        if (strcmp(m->hits[h].principle, id) == 0)
            return 1;
    return 0;
}

static const char *principle_name(App *app, const char *id)
{
    int k = rubric_find(app->rubric, id);
    const Principle *p = k >= 0 ? rubric_principle(app->rubric, k) : NULL;
    return p && p->name ? p->name : id;
}

/* The verdict the selection would record: a judgement found is disputed as a false alarm, one
 * not found as a miss. */
static ReviewVerdict proposed(const ReviewScreen *v)
{
    return detected(v, v->sel, v->s->lines[v->psel].id) ? REVIEW_FALSE_ALARM : REVIEW_MISS;
}

/* ---- Acting -------------------------------------------------------------------------------- */

static void say(ReviewScreen *v, int bad, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 3, 4)))
#endif
    ;

static void say(ReviewScreen *v, int bad, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(v->msg, sizeof v->msg, fmt, ap);
    va_end(ap);
    v->msg_bad = bad;
}

/* Takes the typed name as the reviewer's, unless it is blank or the session's own trainee. */
static void confirm_name(ReviewScreen *v)
{
    if (textedit_blank(&v->name)) {
        say(v, 1, "请先写上你的名字（复核人）。");
        return;
    }
    const char *n = v->name.buf;
    while (*n == ' ')
        n++;
    snprintf(v->reviewer, sizeof v->reviewer, "%s", n);
    for (size_t k = strlen(v->reviewer); k > 0 && v->reviewer[k - 1] == ' '; k--)
        v->reviewer[k - 1] = 0;
    if (v->s->trainee && strcmp(v->reviewer, v->s->trainee) == 0) {
        v->reviewer[0] = 0;
        say(v, 1, "%s 是这场会话的学员本人，不能复核自己的会话。", n);
        return;
    }
    say(v, 0, "复核人：%s。选一句回复和一条原则，写上说明，按 Enter 记录。", v->reviewer);
}

/* Records the verdict on the selection through review_make and review_append, as kefu review
 * does, then reads the verdicts back. */
static void mark(App *app, ReviewScreen *v)
{
    if (!v->reviewer[0]) {
        confirm_name(v);
        return;
    }
    if (v->s->trainee && strcmp(v->reviewer, v->s->trainee) == 0) {
        say(v, 1, "%s 是这场会话的学员本人，不能复核自己的会话。", v->reviewer);
        return;
    }
    const char *id = v->s->lines[v->psel].id;
    ReviewVerdict verdict = proposed(v);
    Review r;
    KefuError err = {{0}};
    /* The note as typed, leading and trailing blanks dropped. */
    char note[NOTE_LIMIT + 1];
    const char *t = v->note.buf ? v->note.buf : "";
    while (*t == ' ')
        t++;
    snprintf(note, sizeof note, "%s", t);
    for (size_t n = strlen(note); n > 0 && note[n - 1] == ' '; n--)
        note[n - 1] = 0;
    char turn[32];
    if (v->sel)
        snprintf(turn, sizeof turn, "第%d句", v->sel);
    else
        snprintf(turn, sizeof turn, "整场");
    if (review_make(v->path, v->sel, id, verdict, note, v->reviewer, time(NULL), &r, &err) != 0 ||
        review_append(v->dir, &r, &err) != 0) {
        review_deinit(&r);
        say(v, 1, "没有记下：%s", err.msg);
        return;
    }
    review_deinit(&r);
    char what[300];
    snprintf(what, sizeof what, "%s · %s", turn, principle_name(app, id));
    snprintf(v->msg, sizeof v->msg, "已记录：%s %s（写入结果旁的 %s，自动判定不变）",
             review_verdict_label(verdict), what, REVIEW_FILE);
    v->msg_bad = 0;
    textedit_clear(&v->note);
    /* The scorecard shows the verdicts from the file: read it back as it is now. */
    load_verdicts(v);
}

static void select_reply(ReviewScreen *v, int i)
{
    v->sel = i < 0 ? 0 : i > v->nreply ? v->nreply : i;
}

static void select_principle(ReviewScreen *v, int i)
{
    int n = v->s->nlines;
    v->psel = ((i % n) + n) % n;
}

static TextEdit *field(ReviewScreen *v)
{
    return v->reviewer[0] ? &v->note : &v->name;
}

static int review_event(App *app, const SDL_Event *ev)
{
    ReviewScreen *v = app->review;
    TextEdit *te = field(v);
    int arg = 0;
    switch (ev->type) {
    case SDL_TEXTINPUT:
        textedit_insert(te, ev->text.text, strlen(ev->text.text));
        te->comp[0] = 0;
        return 1;
    case SDL_TEXTEDITING:
        textedit_compose(te, ev->edit.text, ev->edit.start);
        return 1;
    case SDL_TEXTEDITING_EXT:
        if (ev->editExt.text)
            textedit_compose(te, ev->editExt.text, ev->editExt.start);
        return 1;
    case SDL_MOUSEWHEEL:
        select_reply(v, v->sel - ev->wheel.y);
        return 1;
    case SDL_MOUSEBUTTONDOWN:
        switch (ui_hit(&app->ui, ev->button.x, ev->button.y, &arg)) {
        case A_REPLY:
            select_reply(v, arg);
            return 1;
        case A_PRINCIPLE:
            select_principle(v, arg);
            return 1;
        case A_MARK:
            mark(app, v);
            return 1;
        case A_BACK:
            app_go(app, SCREEN_SCORE, 0);
            return 1;
        default:
            return 0;
        }
    case SDL_KEYDOWN:
        break;
    default:
        return 0;
    }
    /* Typing while the IME composes belongs to the IME. */
    if (te->comp[0])
        return 0;
    switch (ev->key.keysym.sym) {
    case SDLK_UP:
        select_reply(v, v->sel - 1);
        return 1;
    case SDLK_DOWN:
        select_reply(v, v->sel + 1);
        return 1;
    case SDLK_PAGEUP:
        select_reply(v, v->sel - 6);
        return 1;
    case SDLK_PAGEDOWN:
        select_reply(v, v->sel + 6);
        return 1;
    case SDLK_TAB:
        select_principle(v, v->psel + (key_shift(ev) ? -1 : 1));
        return 1;
    case SDLK_LEFT:
        textedit_left(te);
        return 1;
    case SDLK_RIGHT:
        textedit_right(te);
        return 1;
    case SDLK_HOME:
        textedit_home(te);
        return 1;
    case SDLK_END:
        textedit_end(te);
        return 1;
    case SDLK_BACKSPACE:
        textedit_backspace(te);
        return 1;
    case SDLK_DELETE:
        textedit_delete(te);
        return 1;
    case SDLK_RETURN:
    case SDLK_KP_ENTER:
        mark(app, v);
        return 1;
    case SDLK_ESCAPE:
        app_go(app, SCREEN_SCORE, 0);
        return 1;
    default:
        return 0;
    }
}

/* ---- Drawing ------------------------------------------------------------------------------- */

/* Up to about max_chars characters of s on one line (newlines as spaces), "…" when cut. */
static void one_line(const char *s, char *out, size_t size, int max_chars)
{
    size_t o = 0;
    int chars = 0;
    for (const char *p = s; *p && o + 8 < size; p++) {
        unsigned char c = (unsigned char)*p;
        if ((c & 0xC0) != 0x80 && chars++ == max_chars) {
            o += (size_t)snprintf(out + o, size - o, "…");
            break;
        }
        out[o++] = c == '\n' || c == '\r' || c == '\t' ? ' ' : (char)c;
    }
    out[o] = 0;
}

static void draw_replies(App *app, ReviewScreen *v, SDL_Rect area)
{
    Ui *ui = &app->ui;
    int rh = ui_px(ui, 44), g = ui_px(ui, 6), pad = ui_px(ui, 10);
    int fit = (area.h + g) / (rh + g);
    if (fit < 1)
        fit = 1;
    if (v->sel < v->reply_top)
        v->reply_top = v->sel;
    if (v->sel >= v->reply_top + fit)
        v->reply_top = v->sel - fit + 1;
    ui_mark(ui, "review.replies", area);
    for (int i = v->reply_top; i <= v->nreply && i < v->reply_top + fit; i++) {
        SDL_Rect row = {area.x, area.y + (i - v->reply_top) * (rh + g), area.w, rh};
        int sel = i == v->sel;
        ui_round(ui, row, ui_px(ui, 6), sel ? C_ACCENT : C_LINE);
        ui_round(ui, (SDL_Rect){row.x + 1, row.y + 1, row.w - 2, row.h - 2}, ui_px(ui, 6),
                 sel ? C_ACCENT_SOFT : C_PANEL);
        char head[32], text[400];
        if (i) {
            snprintf(head, sizeof head, "第%d句", i);
            one_line(reply(v, i)->text, text, sizeof text, 60);
        } else {
            snprintf(head, sizeof head, "整场");
            snprintf(text, sizeof text, "对整场会话的判定（首次响应、促成下单等）");
        }
        int hw = ui_label(ui, FONT_BOLD, C_TEXT, head, row.x + pad,
                          row.y + (rh - font_height(app->fonts, FONT_BOLD)) / 2, 0);
        int nmarks = 0;
        for (int k = 0; k < v->mine.n; k++)
            nmarks += v->mine.v[k].turn == i;
        int right = 0;
        if (nmarks) {
            char badge[32];
            snprintf(badge, sizeof badge, "已复核 %d", nmarks);
            right = ui_label_width(ui, FONT_SMALL, badge) + pad;
            ui_label(ui, FONT_SMALL, C_FOCUS, badge, row.x + row.w - right,
                     row.y + (rh - font_height(app->fonts, FONT_SMALL)) / 2, 0);
        }
        ui_label(ui, FONT_BODY, C_TEXT, text, row.x + 2 * pad + hw,
                 row.y + (rh - font_height(app->fonts, FONT_BODY)) / 2,
                 row.w - 3 * pad - hw - right);
        ui_target(ui, row, A_REPLY, i);
    }
}

/* What is judged, at the top of area: the customer's last words and the selected reply, or the
 * whole session. Returns the y below it. */
static int draw_judged(App *app, ReviewScreen *v, SDL_Rect area)
{
    Ui *ui = &app->ui;
    FontSet *fs = app->fonts;
    int y = area.y;
    char line[1400], text[600];
    if (v->sel == 0) {
        ui_label(ui, FONT_SMALL, C_MUTED,
                 "成绩单对整场会话的判定：检测到 = 做到了的技巧或犯了的违规", area.x, y, area.w);
        y += font_lineskip(fs, FONT_SMALL) + ui_px(ui, 2);
        ui_label(ui, FONT_BOLD, C_TEXT, "整场", area.x, y, area.w);
        return y + font_lineskip(fs, FONT_BOLD) + ui_px(ui, 8);
    }
    int mi = v->reply_msg[v->sel - 1];
    for (int k = mi - 1; k >= 0; k--)
        if (v->s->msgs[k].from == FROM_CUSTOMER) {
            one_line(v->s->msgs[k].text, text, sizeof text, 46);
            snprintf(line, sizeof line, "顾客：%s", text);
            ui_label(ui, FONT_SMALL, C_MUTED, line, area.x, y, area.w);
            y += font_lineskip(fs, FONT_SMALL) + ui_px(ui, 2);
            break;
        }
    one_line(reply(v, v->sel)->text, text, sizeof text, 46);
    snprintf(line, sizeof line, "第%d句：%s", v->sel, text);
    ui_label(ui, FONT_BOLD, C_TEXT, line, area.x, y, area.w);
    return y + font_lineskip(fs, FONT_BOLD) + ui_px(ui, 8);
}

/* The selected reply and, under it, every principle the scorecard judges with what the
 * detector said of it in this reply and the verdicts already recorded. */
static void draw_judgements(App *app, ReviewScreen *v, SDL_Rect area)
{
    Ui *ui = &app->ui;
    FontSet *fs = app->fonts;
    int pad = ui_px(ui, 10), y = draw_judged(app, v, area);
    char line[1400];
    int n = v->s->nlines, rh = ui_px(ui, 30), g = ui_px(ui, 4);
    /* Two columns when there are many principles. */
    int cols = n * (rh + g) > area.y + area.h - y ? 2 : 1;
    int cw = (area.w - (cols - 1) * g) / cols;
    int per = (n + cols - 1) / cols;
    SDL_Rect list = {area.x, y, area.w, per * (rh + g)};
    ui_mark(ui, "review.principles", list);
    for (int i = 0; i < n; i++) {
        const char *id = v->s->lines[i].id;
        int found = detected(v, v->sel, id), sel = i == v->psel;
        SDL_Rect r = {area.x + (i / per) * (cw + g), y + (i % per) * (rh + g), cw, rh};
        if (r.y + r.h > area.y + area.h)
            continue;
        SDL_Color col = !found ? C_MUTED : v->s->lines[i].status == ST_VIOLATED ? C_BAD : C_GOOD;
        ui_round(ui, r, ui_px(ui, 5), sel ? C_FOCUS : C_LINE);
        ui_round(ui, (SDL_Rect){r.x + 1, r.y + 1, r.w - 2, r.h - 2}, ui_px(ui, 5),
                 sel ? (SDL_Color){232, 240, 255, 255} : C_PANEL);
        /* What the detector said, then any verdict on it. */
        const char *mark_word = NULL;
        for (int k = 0; k < v->mine.n; k++)
            if (v->mine.v[k].turn == v->sel && strcmp(v->mine.v[k].principle, id) == 0)
                mark_word = review_verdict_label(v->mine.v[k].verdict);
        snprintf(line, sizeof line, "%s %s", found ? "● 检测到" : "○ 未检测到",
                 principle_name(app, id));
        int right = 0;
        if (mark_word) {
            char badge[64];
            snprintf(badge, sizeof badge, "复核：%s", mark_word);
            right = ui_label_width(ui, FONT_SMALL, badge) + pad;
            ui_label(ui, FONT_SMALL, C_FOCUS, badge, r.x + r.w - right,
                     r.y + (rh - font_height(fs, FONT_SMALL)) / 2, 0);
        }
        ui_label(ui, FONT_SMALL, col, line, r.x + pad, r.y + (rh - font_height(fs, FONT_SMALL)) / 2,
                 r.w - 2 * pad - right);
        ui_target(ui, r, A_PRINCIPLE, i);
    }
}

static void review_draw(App *app)
{
    Ui *ui = &app->ui;
    ReviewScreen *v = app->review;
    int W = ui->w, H = ui->h, m = ui_px(ui, 24);
    ui_header(ui, "复核判定", "↑↓ 选回复 · Tab 选原则 · 输入说明 · Enter 记录 · Esc 返回成绩单", 0);
    int top = ui_px(ui, 56) + ui_px(ui, 12);
    const ResultSummary *s = v->s;
    char line[1400];
    snprintf(line, sizeof line, "%s · %s · %.16s · %d 分 · 复核人：%s",
             s->scenario_title ? s->scenario_title : "", s->trainee ? s->trainee : "",
             s->started_at ? s->started_at : "", s->total,
             v->reviewer[0] ? v->reviewer : "（未填）");
    ui_label(ui, FONT_SMALL, C_MUTED, line, m, top, W - 2 * m);
    top += font_lineskip(app->fonts, FONT_SMALL) + ui_px(ui, 8);

    int bar = ui_px(ui, 150);
    int lw = W * 38 / 100;
    draw_replies(app, v, (SDL_Rect){m, top, lw - m, H - top - bar});
    draw_judgements(app, v, (SDL_Rect){lw + m / 2, top, W - lw - m - m / 2, H - top - bar});

    /* The bottom: the name (asked once) or the note, the button, what happened. */
    ui_fill(ui, (SDL_Rect){0, H - bar + ui_px(ui, 8), W, bar}, C_PANEL);
    ui_fill(ui, (SDL_Rect){0, H - bar + ui_px(ui, 8), W, 1}, C_LINE);
    int y = H - bar + ui_px(ui, 18), fh = ui_px(ui, 40), bw = ui_px(ui, 200);
    const char *id = s->lines[v->psel].id;
    ReviewVerdict verdict = proposed(v);
    if (!v->reviewer[0])
        snprintf(line, sizeof line, "先写上你的名字（复核人，每次打开程序只问一次），按 Enter：");
    else
        snprintf(line, sizeof line, "%s%.0d%s · %s：检测%s，你认为%s → 记为%s。说明：",
                 v->sel ? "第" : "整场", v->sel, v->sel ? "句" : "", principle_name(app, id),
                 verdict == REVIEW_FALSE_ALARM ? "到了" : "没发现",
                 verdict == REVIEW_FALSE_ALARM ? "其实没有" : "其实有",
                 review_verdict_label(verdict));
    ui_label(ui, FONT_BODY, C_TEXT, line, m, y, W - 2 * m);
    y += font_lineskip(app->fonts, FONT_BODY) + ui_px(ui, 4);
    SDL_Rect fr = {m, y, W - 3 * m - bw, fh}, caret;
    widget_line_edit(ui, field(v), fr, 1,
                     v->reviewer[0] ? "为什么（可以写中文，可不填）" : "复核人姓名", &caret);
    ui_target(ui, fr, A_FIELD, 0);
    ui_mark(ui, "review.field", fr);
    app_text_input(app, 1, &caret);
    char btn[64];
    if (!v->reviewer[0])
        snprintf(btn, sizeof btn, "确定（Enter）");
    else
        snprintf(btn, sizeof btn, "记为%s（Enter）", review_verdict_label(verdict));
    SDL_Rect br = {W - m - bw, y, bw, fh};
    ui_button(ui, br, btn, 1, 0, A_MARK, 0);
    ui_mark(ui, "review.mark", br);
    y += fh + ui_px(ui, 8);
    const char *msg =
        v->msg[0] ? v->msg : "复核只记在结果旁的 reviews.jsonl 里，自动判定和成绩不会改变。";
    ui_label(ui, FONT_SMALL,
             v->msg_bad  ? C_BAD
             : v->msg[0] ? C_GOOD
                         : C_MUTED,
             msg, m, y, W - 2 * m);
}

const ScreenOps screen_review = {
    .enter = review_enter,
    .event = review_event,
    .draw = review_draw,
    .deinit = review_deinit_screen,
};
