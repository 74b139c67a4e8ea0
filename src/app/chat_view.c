/* chat_view: the conversation as the chat screen shows it: a view (paragraph, hit notes,
 * place) per transcript message, laid out for the list's width, scrolled, drawn with the wait
 * timer beside the unanswered message and the "typing…" and "new messages" notes. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/platform.h"
#include "base/text.h"
#include "chat.h"
#include "widgets.h"

/* Views of the transcript's messages.                                                        */

void chat_view_free(Chat *c)
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
        char *source = text_simplified(p->source); /* as the trainee reads it */
        if (p->kind == KIND_VIOLATION) {
            /* The words that made it fire, at most about 20 characters, cut between
             * characters. */
            int elen = h->end - h->start, cut = elen > 60 ? 60 : elen;
            while (cut > 0 && cut < elen && (m->text[h->start + cut] & 0xC0) == 0x80)
                cut--;
            snprintf(dst + used, 2048 - used, "%s✗ %s：“%.*s%s”（手册 %s）", used ? "\n" : "",
                     p->name, cut, m->text + h->start, cut < elen ? "…" : "",
                     source ? source : "");
        } else {
            snprintf(dst + used, 2048 - used, "%s✓ %s（手册 %s）", used ? "\n" : "", p->name,
                     source ? source : "");
        }
        free(source);
    }
    if (*good)
        textblock_set(&v->good, app->fonts, good, strlen(good), 0, 0);
    if (*bad)
        textblock_set(&v->bad, app->fonts, bad, strlen(bad), 0, 0);
}

/* Adds views for messages the transcript gained. Returns how many. */
int chat_view_sync(App *app, Chat *c)
{
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
        /* The session's closing line names the outcome (会话结果：成交): a verdict, which an
         * exam keeps for the scorecard. */
        static const char verdict[] = "会话结果：", neutral[] = "顾客已作出决定";
        if (app->exam && m->from == FROM_SYSTEM && m->len >= sizeof verdict - 1 &&
            memcmp(m->text, verdict, sizeof verdict - 1) == 0)
            textblock_set(&v->body, app->fonts, neutral, sizeof neutral - 1, 0, 0);
        else
            textblock_set(&v->body, app->fonts, m->text, m->len, 0, 0);
        if (!app->exam && m->from == FROM_AGENT)
            hit_notes(app, m, v);
        c->nviews++;
        added++;
    }
    return added;
}

double chat_wait_now(App *app, const Chat *c)
{
    double since = session_waiting_since(c->session);
    if (since < 0 || session_outcome(c->session) != OUTCOME_NONE)
        return -1;
    double w = chat_now(app, c) - since;
    return w < 0 ? 0 : w;
}

void chat_view_scroll(Chat *c, int dy)
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

/* ------------------------------------------------------------------------------------------ */
/* Drawing.                                                                                   */

static void format_clock(const Chat *c, double t, char *buf, size_t size)
{
    time_t when = c->started_at + (time_t)t;
    struct tm tm;
    plat_localtime(when, &tm);
    strftime(buf, size, "%H:%M:%S", &tm);
}

/* Lays the views out for a list width: bubble paragraphs wrap at about two thirds of it. */
static void layout_views(App *app, Chat *c, int list_w)
{
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

static void draw_view(App *app, Chat *c, int i, SDL_Rect list, int top, double wait,
                      int waiting_idx)
{
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

void chat_view_layout(App *app, Chat *c, int list_w)
{
    if (c->laid_w != list_w || c->shown_n != c->nviews) {
        layout_views(app, c, list_w);
        c->laid_w = list_w;
        c->shown_n = c->nviews;
    }
}

/* Draws the messages in view; warm: only so that their textures exist (the renderer clipped
 * to one pixel, the notes over the list and their click targets left out). */
static void draw_views(App *app, Chat *c, SDL_Rect list, int warm)
{
    Ui *ui = &app->ui;
    chat_view_layout(app, c, list.w);
    int max = c->content_h - list.h;
    if (max < 0)
        max = 0;
    if (c->stick)
        c->scroll = max;
    if (c->scroll > max)
        c->scroll = max;
    int top = list.y - c->scroll;
    double wait = chat_wait_now(app, c);
    int waiting_idx = -1;
    if (wait >= 0) {
        const Transcript *t = session_transcript(c->session);
        for (int i = t->n - 1; i >= 0 && waiting_idx < 0; i--)
            if (t->msgs[i].from == FROM_CUSTOMER)
                waiting_idx = i;
    }
    SDL_Rect pixel = {list.x, list.y, 1, 1};
    SDL_RenderSetClipRect(ui->r, warm ? &pixel : &list);
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
        draw_view(app, c, i, list, top, wait, waiting_idx);
    }
    if (warm) {
        SDL_RenderSetClipRect(ui->r, NULL);
        return;
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
}

void chat_view_draw(App *app, Chat *c, SDL_Rect list)
{
    draw_views(app, c, list, 0);
}

void chat_view_warm(App *app, Chat *c, SDL_Rect list)
{
    draw_views(app, c, list, 1);
}
