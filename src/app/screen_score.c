/* screen_score: the scorecard, the trainee's main learning moment: the total and pass, the
 * categories, every principle met / missed / violated with the trainee's own words and the
 * handbook passage, the timings; then try again or go back. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app_state.h"
#include "app_sync.h"
#include "base/atomicfile.h"
#include "base/text.h"
#include "results/review.h"

enum { A_RETRY = 1, A_BACK, A_HISTORY, A_REVIEW };

/* A past session may be reviewed (screen_review.c): opened from the history, outside an exam. */
static int reviewable(const App *app)
{
    return app->score.have && app->score.from_history && app->score.path[0] && !app->exam_def;
}

/* The reviewers' verdicts on the result the scorecard shows, read from the reviews file beside
 * it (results/review.h): those naming its file and its session. A file that cannot be read
 * gives none (kefu review --list says why). */
static void load_verdicts(App *app, ReviewSet *out)
{
    const char *path = app->score.path;
    char dir[1024], rpath[1100];
    atomicfile_dirname(path, dir, sizeof dir);
    snprintf(rpath, sizeof rpath, "%s/%s", dir, REVIEW_FILE);
    FILE *probe = fopen(rpath, "rb");
    if (!path[0] || !probe)
        goto none;
    fclose(probe);
    KefuError err = {{0}};
    if (review_load(rpath, out, &err) < 0)
        goto none;
    const char *base = strrchr(path, '/');
    base = base ? base + 1 : path;
    const char *id = app->score.result.id;
    int k = 0;
    for (int i = 0; i < out->n; i++) {
        Review *r = &out->v[i];
        if (strcmp(r->file, base) == 0 && (!id || strcmp(r->result, id) == 0)) {
            Review keep = *r;
            *r = out->v[k];
            out->v[k++] = keep;
        }
    }
    while (out->n > k)
        review_deinit(&out->v[--out->n]);
    return;
none:
    review_set_deinit(out);
}

/* The verdicts on principle id beside the automatic judgement, which stays as it was. */
static void verdict_lines(App *app, const ReviewSet *set, const char *id)
{
    Doc *d = &app->score.doc;
    for (int i = 0; i < set->n; i++) {
        const Review *r = &set->v[i];
        if (strcmp(r->principle, id) != 0)
            continue;
        char line[2600], where[32];
        if (r->turn)
            snprintf(where, sizeof where, "第%d句", r->turn);
        else
            snprintf(where, sizeof where, "整场");
        snprintf(line, sizeof line, "人工复核：%s %s（%s）%s%s%s —— %s %.10s", where,
                 review_verdict_label(r->verdict),
                 r->verdict == REVIEW_FALSE_ALARM ? "检测认为有，复核认为没有"
                                                  : "检测没发现，复核认为有",
                 r->note[0] ? "：“" : "", r->note, r->note[0] ? "”" : "", r->reviewer, r->at);
        doc_text(d, app->fonts, FONT_SMALL, C_FOCUS, line, 0, 6);
    }
}

static const char *status_mark(PrincipleStatus st)
{
    switch (st) {
    case ST_MET:
        return "✓";
    case ST_MISSED:
        return "○";
    case ST_VIOLATED:
        return "✗";
    default:
        return "—";
    }
}

static SDL_Color status_colour(PrincipleStatus st)
{
    switch (st) {
    case ST_MET:
        return C_GOOD;
    case ST_MISSED:
        return C_AMBER;
    case ST_VIOLATED:
        return C_BAD;
    default:
        return C_MUTED;
    }
}

static void seconds(char *buf, size_t size, double s)
{
    if (s < 0)
        snprintf(buf, size, "—");
    else
        snprintf(buf, size, "%.1f 秒", s);
}

/* A readable piece of a message around the span [*a, *b): the whole message when short, else
 * some context on each side and at most about 80 characters of the span itself, with "…"
 * where text was left out. Moves *a and *b into out. */
static void excerpt(const Message *m, size_t *a, size_t *b, char *out, size_t cap)
{
    const char *s = m->text;
    size_t len = m->len;
    if (len + 1 <= cap && len <= 480) {
        memcpy(out, s, len + 1);
        return;
    }
    size_t start = *a > 60 ? *a - 60 : 0, end_span = *b, end;
    if (end_span - *a > 240)
        end_span = *a + 240;
    end = end_span + 60 < len ? end_span + 60 : len;
    /* Onto character boundaries (the transcript's text is valid UTF-8). */
    while (start > 0 && (s[start] & 0xC0) == 0x80)
        start--;
    while (end_span < len && (s[end_span] & 0xC0) == 0x80)
        end_span++;
    while (end < len && (s[end] & 0xC0) == 0x80)
        end++;
    if (end_span > end)
        end = end_span;
    size_t o = 0;
    if (start > 0)
        o += (size_t)snprintf(out, cap, "…");
    size_t take = end - start;
    if (o + take + 64 > cap)
        take = cap - o - 64;
    memcpy(out + o, s + start, take);
    size_t na = o + (*a - start), nb = o + (end_span - start);
    o += take;
    out[o] = 0;
    if (end < len)
        snprintf(out + o, cap - o, "…（全文共 %zu 字）", text_chars(s, len));
    *a = na < o ? na : o;
    *b = nb < o ? nb : o;
}

/* One principle's panel: what happened, the trainee's own words, the handbook. */
static void principle_panel(App *app, const ScoreLine *l, const ReviewSet *verdicts)
{
    Doc *d = &app->score.doc;
    FontSet *fs = app->fonts;
    const Principle *p = rubric_principle(app->rubric, l->principle);
    const Transcript *t = &app->score.result.transcript;
    if (!p)
        return;
    char line[1024], verdict[256];
    SDL_Color col = status_colour(l->status);
    doc_panel(d, C_PANEL, col);
    snprintf(line, sizeof line, "%s %s%s", status_mark(l->status),
             scorecard_verdict(p, l->status, verdict, sizeof verdict),
             l->required   ? "（必须做到）"
             : p->critical ? "（一票否决）"
                           : "");
    doc_text(d, fs, FONT_BOLD, col, line, 0, 0);
    if (l->max > 0) {
        snprintf(line, sizeof line, "%.0f / %.0f 分", l->points, l->max);
        doc_text(d, fs, FONT_SMALL, C_MUTED, line, 0, 2);
    }
    if (p->explain && *p->explain)
        doc_text(d, fs, FONT_BODY, C_TEXT, p->explain, 0, 6);
    if (l->detail[0])
        doc_text(d, fs, FONT_BODY, l->status == ST_MET ? C_TEXT : col, l->detail, 0, 4);
    for (int k = 0; k < l->evidence_n && k < 4; k++) {
        int mi = l->ev_msg[k];
        if (mi < 0 || mi >= t->n)
            continue;
        const Message *m = &t->msgs[mi];
        int ia = l->ev_start[k], ib = l->ev_end[k];
        if (ia < 0 || ib > (int)m->len || ia > ib)
            ia = ib = 0;
        size_t a = (size_t)ia, b = (size_t)ib;
        char piece[1200];
        excerpt(m, &a, &b, piece, sizeof piece);
        doc_text(d, fs, FONT_SMALL, C_MUTED,
                 l->status == ST_VIOLATED ? "你的原话（标出的是问题所在）：" : "你的原话：", 0, 8);
        doc_text_hl(d, fs, FONT_BODY, C_TEXT, piece, a, b, 12, 2);
    }
    if (l->status == ST_MISSED && p->kind == KIND_TECHNIQUE)
        doc_text(d, fs, FONT_SMALL, C_AMBER, "下次可以试试：把这一招用在合适的时候。", 0, 6);
    verdict_lines(app, verdicts, p->id);
    /* the handbook as a trainee reads it: simplified, pinyin asides dropped (the rubric keeps
     * the original words) */
    char *source = text_simplified(p->source), *quote = text_simplified(p->quote);
    snprintf(line, sizeof line, "手册 %s：“%s”", source ? source : "", quote ? quote : "");
    free(source);
    free(quote);
    doc_text(d, fs, FONT_SMALL, C_MUTED, line, 0, 8);
    doc_end_panel(d);
}

static void build(App *app)
{
    Score *s = &app->score;
    Doc *d = &s->doc;
    FontSet *fs = app->fonts;
    const Scorecard *sc = &s->sc;
    const Result *r = &s->result;
    char line[1400];
    ReviewSet verdicts = {0};
    load_verdicts(app, &verdicts);
    doc_clear(d);

    /* The verdict. */
    doc_panel(d, sc->pass ? C_GOOD_SOFT : C_ACCENT_SOFT, (SDL_Color){0, 0, 0, 0});
    snprintf(line, sizeof line, "%s · %s · %s", r->scenario_title ? r->scenario_title : "",
             r->trainee ? r->trainee : "",
             strcmp(r->mode ? r->mode : "", "exam") == 0 ? "考试" : "练习");
    doc_text(d, fs, FONT_SMALL, C_MUTED, line, 0, 0);
    snprintf(line, sizeof line, "%d 分", sc->total);
    doc_text(d, fs, FONT_HUGE, sc->pass ? C_GOOD : C_ACCENT, line, 0, 4);
    snprintf(line, sizeof line, "%s（及格线 %.0f 分）· 会话结果：%s", sc->pass ? "通过" : "未通过",
             sc->pass_mark, outcome_label(r->transcript.outcome));
    doc_text(d, fs, FONT_BOLD, sc->pass ? C_GOOD : C_BAD, line, 0, 2);
    doc_text(d, fs, FONT_BODY, C_TEXT,
             sc->pass
                 ? "做得好！这次接待达到了手册的标准。下面是每一条的点评，看看还有哪里可以更好。"
                 : "这次还没达标，别灰心。下面每一条都写了原因、你的原话和手册里的做法，照着再练一"
                   "次就会更好。",
             0, 8);
    for (int i = 0; i < sc->ncritical; i++) {
        const Principle *p = rubric_principle(app->rubric, sc->critical[i]);
        snprintf(line, sizeof line, "一票否决：%s —— 总分被限制在及格线以下。", p ? p->name : "");
        doc_text(d, fs, FONT_BOLD, C_BAD, line, 0, 6);
    }
    for (int i = 0; i < sc->nrequired_missed; i++) {
        const Principle *p = rubric_principle(app->rubric, sc->required_missed[i]);
        snprintf(line, sizeof line, "必须做到却没做到：%s", p ? p->name : "");
        doc_text(d, fs, FONT_BOLD, C_BAD, line, 0, 6);
    }
    if (s->path[0]) {
        snprintf(line, sizeof line, "记录已保存：%s", s->path);
        doc_text(d, fs, FONT_SMALL, C_MUTED, line, 0, 8);
    }
    if (verdicts.n) {
        snprintf(line, sizeof line, "人工复核 %d 条：写在对应原则下面；自动判定和分数保持原样。",
                 verdicts.n);
        doc_text(d, fs, FONT_SMALL, C_FOCUS, line, 0, 6);
    }
    doc_end_panel(d);

    /* Categories. */
    doc_panel(d, C_PANEL, (SDL_Color){0, 0, 0, 0});
    doc_text(d, fs, FONT_BOLD, C_TEXT, "分项得分", 0, 0);
    for (int i = 0; i < sc->ncats; i++) {
        const RubricCategory *cat = rubric_category(app->rubric, sc->cats[i].category);
        if (sc->cats[i].max <= 0)
            continue;
        snprintf(line, sizeof line, "%s  %.0f / %.0f", cat ? cat->name : "", sc->cats[i].score,
                 sc->cats[i].max);
        doc_text(d, fs, FONT_BODY, C_TEXT, line, 0, 8);
        double f = sc->cats[i].score / sc->cats[i].max;
        doc_bar(d, f, f >= 0.8 ? C_GOOD : f >= 0.5 ? C_AMBER : C_BAD, 0, 4);
    }
    if (sc->outcome_max > 0) {
        snprintf(line, sizeof line, "会话结果（%s）  %.0f / %.0f",
                 outcome_label(r->transcript.outcome), sc->outcome_points, sc->outcome_max);
        doc_text(d, fs, FONT_BODY, C_TEXT, line, 0, 8);
        double f = sc->outcome_points / sc->outcome_max;
        doc_bar(d, f, f >= 0.8 ? C_GOOD : f >= 0.5 ? C_AMBER : C_BAD, 0, 4);
    }
    doc_end_panel(d);

    /* Timings. */
    const Metrics *m = &sc->metrics;
    char a[32], b[32], c[32];
    seconds(a, sizeof a, m->first_response_s);
    seconds(b, sizeof b, m->avg_response_s);
    seconds(c, sizeof c, m->max_response_s);
    doc_panel(d, C_PANEL, (SDL_Color){0, 0, 0, 0});
    doc_text(d, fs, FONT_BOLD, C_TEXT, "响应时间", 0, 0);
    snprintf(line, sizeof line, "首次响应 %s · 平均等待 %s · 最长等待 %s", a, b, c);
    doc_text(d, fs, FONT_BODY, C_TEXT, line, 0, 6);
    if (m->typing_cpm >= 0)
        snprintf(line, sizeof line, "打字速度 %.0f 字/分钟 · 共回复 %d 条 · 超时 %d 次",
                 m->typing_cpm, m->agent_messages, m->waits_over);
    else
        snprintf(line, sizeof line, "共回复 %d 条 · 超时 %d 次", m->agent_messages, m->waits_over);
    doc_text(d, fs, FONT_BODY, C_TEXT, line, 0, 4);
    const Thresholds *th = &r->spec.thresholds;
    snprintf(line, sizeof line,
             "手册标准：%.0f 秒内打招呼（%.0f 秒内最好），每次等待不超过 %.0f 秒，打字至少 %.0f "
             "字/分钟。",
             th->first_response_s, th->first_response_excellent_s, th->reply_wait_s,
             th->typing_cpm);
    doc_text(d, fs, FONT_SMALL, C_MUTED, line, 0, 6);
    doc_end_panel(d);

    /* Every principle: the problems first, then what to add, then what went well. */
    static const PrincipleStatus order[] = {ST_VIOLATED, ST_MISSED, ST_MET, ST_NA};
    static const char *const heads[] = {"需要改正", "可以做得更好", "做得好的地方", "本次不适用"};
    for (int o = 0; o < 4; o++) {
        int any = 0;
        for (int i = 0; i < sc->n; i++) {
            if (sc->lines[i].status != order[o])
                continue;
            if (!any)
                doc_text(d, fs, FONT_TITLE, status_colour(order[o]), heads[o], 0, 18);
            any = 1;
            principle_panel(app, &sc->lines[i], &verdicts);
        }
    }
    review_set_deinit(&verdicts);
}

/* Entering the scorecard shows App.score, filled by whoever asked for it (a finished session,
 * a result opened from the history); back returns to the history when it came from there. */
static int score_enter(App *app, Screen from, int unused)
{
    (void)unused;
    if (from != SCREEN_REVIEW) { /* back from a review: still the history's */
        app->score.from_history = from == SCREEN_HISTORY;
        app->score.from_rush = from == SCREEN_RUSH;
    }
    app->score.focus = app->exam ? 1 : 0; /* an exam has no retry button */
    app->score.doc.scroll = 0;
    if (app->score.have)
        build(app);
    app_text_input(app, 0, NULL);
    app->dirty = 1;
    return 0;
}

static int scenario_index(App *app, const char *id)
{
    for (int i = 0; id && i < app->nscenarios; i++)
        if (strcmp(app->scenarios[i]->id, id) == 0)
            return i;
    return -1;
}

static int act(App *app, int what)
{
    switch (what) {
    case A_RETRY: {
        if (app->exam) /* no retake from the scorecard of an exam */
            return 0;
        int i = scenario_index(app, app->score.result.scenario_id);
        if (i < 0)
            i = app->sel;
        if (i >= 0 && i < app->nscenarios)
            app_go(app, SCREEN_CHAT, i);
        return 1;
    }
    case A_BACK:
        /* Back where the scorecard was opened from. */
        if (app->score.from_history)
            app_go(app, SCREEN_HISTORY, 0);
        else if (app->score.from_rush)
            app_go(app, SCREEN_RUSH, -1);
        else
            app_go(app, SCREEN_START, SF_LIST);
        return 1;
    case A_HISTORY:
        app_go(app, SCREEN_HISTORY, 1);
        return 1;
    case A_REVIEW:
        if (!reviewable(app))
            return 0;
        app_go(app, SCREEN_REVIEW, 0);
        return 1;
    default:
        return 0;
    }
}

static int score_event(App *app, const SDL_Event *ev)
{
    Score *s = &app->score;
    int line = font_lineskip(app->fonts, FONT_BODY);
    switch (ev->type) {
    case SDL_MOUSEWHEEL:
        doc_scroll(&s->doc, -ev->wheel.y * 3 * line);
        return 1;
    case SDL_MOUSEBUTTONDOWN:
        return act(app, ui_hit(&app->ui, ev->button.x, ev->button.y, NULL));
    case SDL_KEYDOWN:
        break;
    default:
        return 0;
    }
    switch (ev->key.keysym.sym) {
    case SDLK_UP:
        doc_scroll(&s->doc, -2 * line);
        return 1;
    case SDLK_DOWN:
        doc_scroll(&s->doc, 2 * line);
        return 1;
    case SDLK_PAGEUP:
        doc_scroll(&s->doc, -s->doc.view_h * 4 / 5);
        return 1;
    case SDLK_PAGEDOWN:
    case SDLK_SPACE:
        doc_scroll(&s->doc, s->doc.view_h * 4 / 5);
        return 1;
    case SDLK_HOME:
        doc_scroll(&s->doc, -s->doc.content_h);
        return 1;
    case SDLK_END:
        doc_scroll(&s->doc, s->doc.content_h);
        return 1;
    case SDLK_TAB:
        s->focus = (s->focus + (key_shift(ev) ? 2 : 1)) % 3;
        return 1;
    case SDLK_LEFT:
        s->focus = (s->focus + 2) % 3;
        return 1;
    case SDLK_RIGHT:
        s->focus = (s->focus + 1) % 3;
        return 1;
    case SDLK_RETURN:
    case SDLK_KP_ENTER:
        return act(app, s->focus == 0 ? A_RETRY : s->focus == 1 ? A_BACK : A_HISTORY);
    case SDLK_r:
        return act(app, A_RETRY);
    case SDLK_h:
        return act(app, A_HISTORY);
    case SDLK_v:
        return act(app, A_REVIEW);
    case SDLK_ESCAPE:
        return act(app, A_BACK);
    default:
        return 0;
    }
}

static void score_draw(App *app)
{
    Ui *ui = &app->ui;
    Score *s = &app->score;
    int W = ui->w, H = ui->h, m = ui_px(ui, 24);
    ui_header(ui, "成绩单",
              app->exam ? "↑↓/PageUp/PageDown 翻看 · Esc 返回 · H 历史"
              : reviewable(app)
                  ? "↑↓/PageUp/PageDown 翻看 · R 再练一次 · Esc 返回 · H 历史 · V 复核"
                  : "↑↓/PageUp/PageDown 翻看 · R 再练一次 · Esc 返回 · H 历史",
              0);
    int bar = ui_px(ui, 64);
    int cw = W - 2 * m;
    if (cw > ui_px(ui, 860))
        cw = ui_px(ui, 860);
    SDL_Rect view = {(W - cw) / 2, ui_px(ui, 56) + ui_px(ui, 12), cw,
                     H - ui_px(ui, 56) - ui_px(ui, 12) - bar};
    if (!s->have) {
        ui_label(ui, FONT_BODY, C_BAD, app->notice[0] ? app->notice : "没有成绩", view.x, view.y,
                 view.w);
    } else {
        doc_draw(&s->doc, ui, view);
    }
    ui_fill(ui, (SDL_Rect){0, H - bar, W, bar}, C_PANEL);
    ui_fill(ui, (SDL_Rect){0, H - bar, W, 1}, C_LINE);
    int bw = ui_px(ui, 150), bh = ui_px(ui, 40), g = ui_px(ui, 12);
    int x = (W - 3 * bw - 2 * g) / 2, y = H - bar + (bar - bh) / 2;
    /* An exam allows no retake from here: a new attempt starts from the start screen. */
    if (!app->exam)
        ui_button(ui, (SDL_Rect){x, y, bw, bh}, "再练一次（R）", 1, s->focus == 0, A_RETRY, 0);
    ui_button(ui, (SDL_Rect){x + bw + g, y, bw, bh}, "返回首页（Esc）", 0, s->focus == 1, A_BACK,
              0);
    ui_button(ui, (SDL_Rect){x + 2 * (bw + g), y, bw, bh}, "历史成绩（H）", 0, s->focus == 2,
              A_HISTORY, 0);
    if (reviewable(app)) {
        SDL_Rect rv = {x + 3 * (bw + g), y, bw * 3 / 4, bh};
        if (rv.x + rv.w > W - m)
            rv.x = W - m - rv.w;
        ui_button(ui, rv, "复核（V）", 0, 0, A_REVIEW, 0);
        ui_mark(ui, "score.review", rv);
    }
    if (app_sync_status()) /* only with a shared database (app_sync.h) */
        ui_label(ui, FONT_SMALL, C_MUTED, app_sync_status(), m, H - bar + g / 2, x - m - g);
}

const ScreenOps screen_score = {
    .enter = score_enter,
    .event = score_event,
    .draw = score_draw,
};
