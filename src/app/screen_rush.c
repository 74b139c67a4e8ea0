/* screen_rush: the rush workbench as a screen (docs/rush.md): the conversation list on the left
 * (avatar, name, last message, unread count, each customer's wait timer, the longest wait
 * marked), the selected conversation in the middle (its own draft and scroll), its product
 * card on the right; arrivals and messages elsewhere signalled by the list and a chime, never
 * by taking the focus; and, once ended, the rush's scorecard. workbench.c runs the rush. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/platform.h"

#include "assets.h"
#include "convo.h"
#include "widgets.h"

/* Click targets of this screen beyond the conversation's own (convo.h). */
enum {
    R_ROW = 100, /* a conversation in the list (arg: its index) */
    R_MUTE,
    R_SCORE_ROW, /* a customer on the rush scorecard (arg: its index) */
    R_SCORE_OPEN,
    R_SCORE_BACK,
};

#define FLASH_MS 3000 /* how long a new arrival's row stays lit */

/* The name of part kind ("row", "timer", "unread") of conversation i, for ui_mark (which keeps
 * the pointer until the next frame: the names live as long as the program). */
static const char *part_name(const char *kind, int i)
{
    static char names[3][RUSH_MAX_CUSTOMERS][24];
    int k = kind[0] == 'r' ? 0 : kind[0] == 't' ? 1 : 2;
    if (!names[k][i][0])
        snprintf(names[k][i], sizeof names[k][i], "rush.%s.%d", kind, i);
    return names[k][i];
}

static Chat *current(App *app)
{
    return &app->rb.conv[app->rb.sel];
}

/* ------------------------------------------------------------------------------------------ */
/* Switching.                                                                                 */

/* The conversation shown becomes i (an arrived customer): its unread count goes, its own draft
 * and scroll come back as left. */
static void select_conv(App *app, int i)
{
    RushBench *rb = &app->rb;
    if (i < 0 || i >= rb->n || !rush_arrived(rb->rush, i))
        return;
    rb->sel = i;
    rb->unread[i] = 0;
    current(app)->edit_dirty = 1;
    app->notice[0] = 0;
    app_text_input(app, current(app)->focus == CF_INPUT, NULL);
}

/* The next arrived conversation from sel in direction dir (+1 down, -1 up), wrapping. */
static void step_conv(App *app, int dir)
{
    RushBench *rb = &app->rb;
    for (int k = 1; k <= rb->n; k++) {
        int i = ((rb->sel + dir * k) % rb->n + rb->n) % rb->n;
        if (rush_arrived(rb->rush, i)) {
            select_conv(app, i);
            return;
        }
    }
}

/* Alt+n: the n-th conversation of the list (1-based, arrived ones only). */
static void nth_conv(App *app, int n)
{
    RushBench *rb = &app->rb;
    for (int i = 0; i < rb->n; i++)
        if (rush_arrived(rb->rush, i) && --n == 0) {
            select_conv(app, i);
            return;
        }
}

static void toggle_mute(App *app)
{
    app->settings.mute = !app->settings.mute;
    if (!app->settings_path[0])
        return;
    KefuError err = {{0}};
    if (settings_save(app->settings_path, &app->settings, &err) < 0)
        fprintf(stderr, "kefu play: warning: the mute switch is not remembered: %s\n", err.msg);
}

/* ------------------------------------------------------------------------------------------ */
/* Entering, leaving.                                                                         */

static int rush_enter(App *app, Screen from, int index)
{
    (void)from;
    if (index < 0) /* back from a customer's scorecard */
        return app->rb.done ? 0 : -1;
    if (index >= app->nrushes)
        return -1;
    /* Read afresh: a trainer may have edited the file since the list was made. */
    KefuError err = {{0}};
    RushSpec *spec = rush_load(app->rushes[index]->path, app->scenarios_dir, &err);
    if (!spec) {
        app_notice(app, 1, "高峰场景出错，无法开始：%s", err.msg);
        return -1;
    }
    app_score_clear(app);
    if (workbench_start(app, spec) < 0)
        return -1;
    app->rush_sel = index;
    for (int i = 0; i < app->rb.n; i++)
        if (rush_arrived(app->rb.rush, i)) {
            app->rb.sel = i;
            break;
        }
    app_text_input(app, 1, NULL);
    app->dirty = 1;
    return 0;
}

static void rush_quit(App *app)
{
    if (app->rb.rush && !app->rb.done)
        workbench_finish(app);
}

static void finish(App *app)
{
    workbench_finish(app);
    app_text_input(app, 0, NULL);
}

/* ------------------------------------------------------------------------------------------ */
/* Events.                                                                                    */

/* Leaving the scorecard: a saved rush's goes back to the history as it was left, a rush just
 * played's to the start screen. */
static void score_back(App *app)
{
    if (app->rb.loaded)
        app_go(app, SCREEN_HISTORY, 0);
    else
        app_go(app, SCREEN_START, SF_LIST);
}

static int score_event(App *app, const SDL_Event *ev)
{
    RushBench *rb = &app->rb;
    int arg = 0;
    if (ev->type == SDL_MOUSEBUTTONDOWN) {
        switch (ui_hit(&app->ui, ev->button.x, ev->button.y, &arg)) {
        case R_SCORE_ROW:
            rb->score_sel = arg;
            if (ev->button.clicks < 2)
                return 1;
            /* a double click opens it */
            /* fallthrough */
        case R_SCORE_OPEN:
            if (workbench_open_score(app, rb->score_sel) == 0)
                app_go(app, SCREEN_SCORE, 0);
            return 1;
        case R_SCORE_BACK:
            score_back(app);
            return 1;
        default:
            return 0;
        }
    }
    if (ev->type != SDL_KEYDOWN)
        return 0;
    switch (ev->key.keysym.sym) {
    case SDLK_UP:
        rb->score_sel = (rb->score_sel + rb->n - 1) % rb->n;
        return 1;
    case SDLK_DOWN:
        rb->score_sel = (rb->score_sel + 1) % rb->n;
        return 1;
    case SDLK_RETURN:
    case SDLK_KP_ENTER:
        if (workbench_open_score(app, rb->score_sel) == 0)
            app_go(app, SCREEN_SCORE, 0);
        return 1;
    case SDLK_ESCAPE:
        score_back(app);
        return 1;
    case SDLK_h:
        app_go(app, SCREEN_HISTORY, 1);
        return 1;
    default:
        return 0;
    }
}

static int activate(App *app, Chat *c, int focus)
{
    switch (focus) {
    case CF_EMOJI:
        c->picker = !c->picker;
        c->picker_sel = 0;
        return 1;
    case CF_SEND:
        chat_input_send(app, c);
        return 1;
    case CF_END:
        app->rb.confirm = 1;
        return 1;
    default:
        return 0;
    }
}

static int rush_event(App *app, const SDL_Event *ev)
{
    RushBench *rb = &app->rb;
    if (rb->loaded)
        return score_event(app, ev);
    if (!rb->rush)
        return 0;
    if (rb->done)
        return score_event(app, ev);
    Chat *c = current(app);
    int arg = 0;
    switch (ev->type) {
    case SDL_TEXTINPUT:
        if (rb->confirm || c->picker || c->focus != CF_INPUT)
            return 0;
        /* Alt+1…9 switched conversations; the digit some systems also send as text is not
         * typed into the new one. */
        if ((SDL_GetModState() & KMOD_LALT) && ev->text.text[0] >= '1' && ev->text.text[0] <= '9' &&
            !ev->text.text[1])
            return 0;
        c->edit.comp[0] = 0;
        chat_input_text(app, c, ev->text.text, strnlen(ev->text.text, sizeof ev->text.text));
        return 1;
    case SDL_TEXTEDITING:
        return rb->confirm ? 0 : chat_input_compose(app, c, ev->edit.text, ev->edit.start);
    case SDL_TEXTEDITING_EXT:
        return ev->editExt.text && !rb->confirm
                   ? chat_input_compose(app, c, ev->editExt.text, ev->editExt.start)
                   : 0;
    case SDL_MOUSEWHEEL: {
        int mx = (int)(ev->wheel.mouseX * app->ui.scale), dy = -ev->wheel.y * ui_px(&app->ui, 48);
        if (c->side_x > 0 && mx >= c->side_x)
            doc_scroll(&c->card, dy);
        else
            chat_view_scroll(c, dy);
        return 1;
    }
    case SDL_MOUSEBUTTONDOWN:
        switch (ui_hit(&app->ui, ev->button.x, ev->button.y, &arg)) {
        case R_ROW:
            select_conv(app, arg);
            return 1;
        case R_MUTE:
            toggle_mute(app);
            return 1;
        case A_INPUT:
            c->focus = CF_INPUT;
            c->picker = 0;
            return 1;
        case A_EMOJI:
            return activate(app, c, CF_EMOJI);
        case A_SEND:
            return activate(app, c, CF_SEND);
        case A_END:
            return activate(app, c, CF_END);
        case A_PICK:
            chat_input_emoticon(app, c, arg);
            return 1;
        case A_CONFIRM_YES:
            finish(app);
            return 1;
        case A_CONFIRM_NO:
            rb->confirm = 0;
            return 1;
        case A_NEWEST:
            c->stick = 1;
            c->unseen = 0;
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
    SDL_Keymod mod = ev->key.keysym.mod;
    if (rb->confirm) {
        if (k == SDLK_RETURN || k == SDLK_KP_ENTER || k == SDLK_y)
            finish(app);
        else if (k == SDLK_ESCAPE || k == SDLK_n)
            rb->confirm = 0;
        return 1;
    }
    /* Switching, wherever the focus is (the IME's composition stays with its conversation). */
    if (key_ctrl(ev) && (k == SDLK_UP || k == SDLK_DOWN)) {
        step_conv(app, k == SDLK_UP ? -1 : 1);
        return 1;
    }
    if ((mod & KMOD_ALT) && k >= SDLK_1 && k <= SDLK_9) {
        nth_conv(app, (int)(k - SDLK_0));
        return 1;
    }
    if (key_ctrl(ev) && k == SDLK_m) {
        toggle_mute(app);
        return 1;
    }
    /* Ctrl+Enter ends the rush (asking first), wherever the focus is. */
    if (key_ctrl(ev) && (k == SDLK_RETURN || k == SDLK_KP_ENTER) && !c->picker)
        return activate(app, c, CF_END);
    return chat_input_conversation_key(app, c, ev, activate);
}

/* ------------------------------------------------------------------------------------------ */
/* The clock.                                                                                 */

/* Customer i's wait now, -1 when nobody waits (not arrived, answered, ended). */
static double wait_of(App *app, int i)
{
    return rush_arrived(app->rb.rush, i) ? chat_wait_now(app, &app->rb.conv[i]) : -1;
}

static void draw_header(App *app, Chat *c, SDL_Rect r);

/* Conversation i, not shown, drawn where it would be (header, messages, card) into a 1x1
 * target, so that its textures exist and a switch to it only copies them. The click targets
 * it adds are taken back; the input box is left out (it would move the IME's window). */
static void warm(App *app, int i)
{
    RushBench *rb = &app->rb;
    Ui *ui = &app->ui;
    Chat *c = &rb->conv[i];
    if (!rb->scratch)
        rb->scratch =
            SDL_CreateTexture(ui->r, SDL_PIXELFORMAT_ARGB8888, SDL_TEXTUREACCESS_TARGET, 1, 1);
    if (!rb->scratch || SDL_SetRenderTarget(ui->r, rb->scratch) < 0) {
        chat_view_warm(app, c, rb->conv_rect); /* no targets: the messages at least */
        return;
    }
    int ntargets = ui->ntargets;
    draw_header(app, c, rb->head_rect);
    chat_view_draw(app, c, rb->conv_rect);
    chat_card_draw(app, c, rb->card_rect);
    ui->ntargets = ntargets;
    SDL_SetRenderTarget(ui->r, NULL);
}

static int rush_tick(App *app)
{
    RushBench *rb = &app->rb;
    if (!rb->rush || rb->done)
        return 0;
    KefuError err = {{0}};
    if (rush_advance(rb->rush, workbench_now(app), &err) < 0) {
        app_notice(app, 1, "场景出错：%s", err.msg);
        finish(app);
        return 1;
    }
    uint64_t ms = app_ms(app);
    int changed = 0, chime = 0;
    for (int i = 0; i < rb->n; i++) {
        Chat *c = &rb->conv[i];
        if (!rush_arrived(rb->rush, i))
            continue;
        if (!rb->arrived[i]) {
            /* A new customer: the row lights up and the chime sounds; the trainee stays
             * where they are (unless nobody was shown yet). */
            rb->arrived[i] = 1;
            rb->flash_until[i] = ms + FLASH_MS;
            if (!rush_arrived(rb->rush, rb->sel))
                rb->sel = i;
            chime = 1;
            changed = 1;
        }
        int before = c->nviews;
        int added = chat_view_sync(app, c);
        if (added) {
            changed = 1;
            const Transcript *t = session_transcript(c->session);
            int from_customer = 0;
            for (int m = before; m < t->n; m++)
                from_customer += t->msgs[m].from == FROM_CUSTOMER;
            if (i != rb->sel && from_customer) {
                rb->unread[i] += from_customer;
                chime = 1;
            }
            if (i == rb->sel && !c->stick)
                c->unseen += added;
        }
        /* Laid out and its textures made now, where the shown conversation is drawn, so that
         * a switch to it only copies: the work is done as messages come, not in the switch's
         * frame. */
        if (i != rb->sel && rb->conv_rect.w > 0 && (added || c->laid_w != rb->conv_rect.w))
            warm(app, i);
        double wt = chat_wait_now(app, c);
        long secs = wt < 0 ? -1 : (long)wt;
        int typing = session_customer_typing(c->session);
        int o = (int)session_outcome(c->session);
        if (secs != rb->shown_wait[i] || typing != rb->shown_typing[i] ||
            o != rb->shown_outcome[i]) {
            rb->shown_wait[i] = secs;
            rb->shown_typing[i] = typing;
            rb->shown_outcome[i] = o;
            changed = 1;
        }
        if (rb->flash_until[i] && ms >= rb->flash_until[i]) {
            rb->flash_until[i] = 0;
            changed = 1;
        }
    }
    if (chime)
        chime_play(rb->chime, app->settings.mute);
    return changed;
}

static int rush_wait_ms(App *app)
{
    RushBench *rb = &app->rb;
    if (!rb->rush || rb->done)
        return -1;
    double now = workbench_now(app), best = -1;
    double next = rush_next_event(rb->rush);
    if (next >= 0)
        best = next - now;
    uint64_t ms = app_ms(app);
    for (int i = 0; i < rb->n; i++) {
        double w = wait_of(app, i);
        if (w >= 0 && (best < 0 || floor(w) + 1 - w < best))
            best = floor(w) + 1 - w;
        if (rb->flash_until[i]) {
            double f = rb->flash_until[i] > ms ? (double)(rb->flash_until[i] - ms) / 1000.0 : 0;
            if (best < 0 || f < best)
                best = f;
        }
    }
    if (best < 0)
        return -1;
    return best <= 0 ? 0 : (int)ceil(best * 1000);
}

/* ------------------------------------------------------------------------------------------ */
/* Drawing: the conversation list.                                                            */

static SDL_Color wait_colour(const Chat *c, double w)
{
    const Thresholds *th = &c->scenario->spec.thresholds;
    return w >= th->reply_wait_s ? C_BAD : w >= th->first_response_s ? C_AMBER : C_MUTED;
}

/* The last message of conversation c as one line ("我：…" for the trainee's). */
static void last_line(const Chat *c, char *buf, size_t size)
{
    const Transcript *t = session_transcript(c->session);
    buf[0] = 0;
    for (int m = t->n - 1; m >= 0; m--) {
        const Message *msg = &t->msgs[m];
        if (msg->from == FROM_SYSTEM && m != t->n - 1)
            continue;
        size_t used = (size_t)snprintf(buf, size, "%s", msg->from == FROM_AGENT ? "我：" : "");
        for (size_t k = 0; k < msg->len && used + 1 < size && used < 200; k++)
            buf[used++] = msg->text[k] == '\n' ? ' ' : msg->text[k];
        /* Never end inside a character. */
        while (used > 0 && ((unsigned char)buf[used - 1] & 0xC0) == 0x80) {
            size_t start = used - 1;
            while (start > 0 && ((unsigned char)buf[start] & 0xC0) == 0x80)
                start--;
            unsigned char lead = (unsigned char)buf[start];
            size_t need = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 1;
            if (used - start >= need)
                break;
            used = start;
        }
        buf[used] = 0;
        return;
    }
}

static void draw_list(App *app, SDL_Rect r)
{
    RushBench *rb = &app->rb;
    Ui *ui = &app->ui;
    int pad = ui_px(ui, 12);
    ui_fill(ui, r, C_PANEL);
    ui_fill(ui, (SDL_Rect){r.x + r.w - 1, r.y, 1, r.h}, C_LINE);
    /* The head: who is in, what is to come, the chime's switch. */
    int arrived = 0, open = 0;
    for (int i = 0; i < rb->n; i++) {
        arrived += rush_arrived(rb->rush, i);
        open += rush_arrived(rb->rush, i) && session_outcome(rb->conv[i].session) == OUTCOME_NONE;
    }
    char head[128];
    snprintf(head, sizeof head, "接待中 %d 位", open);
    int hy = r.y + pad;
    ui_label(ui, FONT_BOLD, C_TEXT, head, r.x + pad, hy, 0);
    const char *mute = app->settings.mute ? "提示音：关" : "提示音：开";
    int mw = ui_label_width(ui, FONT_BODY, mute) + ui_px(ui, 24);
    SDL_Rect mb = {r.x + r.w - pad - mw, hy - ui_px(ui, 4), mw, ui_px(ui, 30)};
    ui_button(ui, mb, mute, 0, 0, R_MUTE, 0);
    ui_mark(ui, "rush.mute", mb);
    hy += font_lineskip(app->fonts, FONT_BOLD) + ui_px(ui, 4);
    char sub[160];
    if (arrived < rb->n)
        snprintf(sub, sizeof sub, "还有 %d 位顾客将进店", rb->n - arrived);
    else
        snprintf(sub, sizeof sub, "%d 位顾客都已进店", rb->n);
    ui_label(ui, FONT_SMALL, C_MUTED, sub, r.x + pad, hy, r.w - 2 * pad);
    hy += font_lineskip(app->fonts, FONT_SMALL) + ui_px(ui, 8);
    ui_fill(ui, (SDL_Rect){r.x, hy - 1, r.w, 1}, C_LINE);

    /* Who has waited longest, among those waiting: their row is marked. */
    int longest = -1;
    double longest_w = -1;
    for (int i = 0; i < rb->n; i++) {
        double w = wait_of(app, i);
        if (w > longest_w) {
            longest_w = w;
            longest = i;
        }
    }
    int row_h = ui_px(ui, 66), av = ui_px(ui, 18);
    int y = hy, shown = 0;
    uint64_t ms = app_ms(app);
    SDL_Rect clip = {r.x, hy, r.w, r.y + r.h - hy};
    SDL_RenderSetClipRect(ui->r, &clip);
    for (int i = 0; i < rb->n; i++) {
        if (!rush_arrived(rb->rush, i))
            continue;
        Chat *c = &rb->conv[i];
        const Scenario *sc = c->scenario;
        SDL_Rect row = {r.x, y, r.w - 1, row_h};
        int lit = rb->flash_until[i] && ms < rb->flash_until[i];
        SDL_Color bg = i == rb->sel ? C_ACCENT_SOFT
                       : lit        ? (SDL_Color){255, 248, 214, 255}
                                    : C_PANEL;
        ui_fill(ui, row, bg);
        if (i == rb->sel)
            ui_fill(ui, (SDL_Rect){row.x, row.y, ui_px(ui, 4), row.h}, C_ACCENT);
        ui_fill(ui, (SDL_Rect){row.x, row.y + row.h - 1, row.w, 1}, C_LINE);
        Outcome o = session_outcome(c->session);
        widget_avatar(ui, sc->persona_avatar, sc->persona_name, row.x + pad + av, row.y + row.h / 2,
                      av);
        int tx = row.x + pad * 2 + av * 2;
        int right = row.x + row.w - pad;
        /* The timer (or the outcome) on the right of the name line. */
        double w = wait_of(app, i);
        char tag[64] = "";
        SDL_Color tc = C_MUTED;
        if (o != OUTCOME_NONE) {
            snprintf(tag, sizeof tag, "%s", outcome_label(o));
            tc = o == OUTCOME_SALE || o == OUTCOME_RESOLVED ? C_GOOD : C_BAD;
        } else if (w >= 0) {
            snprintf(tag, sizeof tag, "%ld 秒", (long)w);
            tc = wait_colour(c, w);
        }
        int ty = row.y + ui_px(ui, 10);
        if (tag[0]) {
            int tw = ui_label_width(ui, FONT_BOLD, tag);
            SDL_Rect pill = {right - tw - ui_px(ui, 14), ty - ui_px(ui, 2), tw + ui_px(ui, 14),
                             font_height(app->fonts, FONT_BOLD) + ui_px(ui, 4)};
            SDL_Color soft = tc.r == C_BAD.r && tc.g == C_BAD.g ? C_BAD_SOFT
                             : tc.r == C_AMBER.r && tc.g == C_AMBER.g
                                 ? (SDL_Color){255, 243, 214, 255}
                             : tc.r == C_GOOD.r && tc.g == C_GOOD.g ? C_GOOD_SOFT
                                                                    : C_BG;
            ui_round(ui, pill, pill.h / 2, soft);
            ui_label(ui, FONT_BOLD, tc, tag, pill.x + ui_px(ui, 7), ty, 0);
            right = pill.x - ui_px(ui, 6);
            ui_mark(ui, part_name("timer", i), pill);
        }
        /* The customer who has waited longest: a red edge and a word, at a glance. */
        int is_longest = i == longest && longest_w >= c->scenario->spec.thresholds.first_response_s;
        if (is_longest) {
            int lw = ui_label_width(ui, FONT_SMALL, "等最久");
            ui_label(ui, FONT_SMALL, C_BAD, "等最久", right - lw, ty + ui_px(ui, 2), 0);
            right -= lw + ui_px(ui, 6);
            ui_fill(ui, (SDL_Rect){row.x + row.w - ui_px(ui, 4), row.y, ui_px(ui, 4), row.h},
                    C_BAD);
            ui_mark(ui, "rush.longest", row);
        }
        ui_label(ui, FONT_BOLD, C_TEXT, sc->persona_name, tx, ty, right - tx);
        /* The second line: the last message, and the unread count at the right. */
        int ly = ty + font_lineskip(app->fonts, FONT_BOLD) + ui_px(ui, 4);
        int lright = row.x + row.w - pad;
        if (rb->unread[i] > 0) {
            char n[16];
            snprintf(n, sizeof n, "%d", rb->unread[i]);
            int nw = ui_label_width(ui, FONT_SMALL, n);
            int d = font_height(app->fonts, FONT_SMALL) + ui_px(ui, 2);
            SDL_Rect badge = {lright - (nw + d / 2 > d ? nw + d / 2 : d), ly - ui_px(ui, 1),
                              nw + d / 2 > d ? nw + d / 2 : d, d};
            ui_round(ui, badge, d / 2, C_BAD);
            ui_label(ui, FONT_SMALL, C_WHITE, n, badge.x + (badge.w - nw) / 2, ly, 0);
            lright = badge.x - ui_px(ui, 6);
            ui_mark(ui, part_name("unread", i), badge);
        }
        char last[256];
        if (session_customer_typing(c->session) && o == OUTCOME_NONE)
            snprintf(last, sizeof last, "对方正在输入…");
        else
            last_line(c, last, sizeof last);
        ui_label(ui, FONT_SMALL, C_MUTED, last, tx, ly, lright - tx);
        ui_target(ui, row, R_ROW, i);
        ui_mark(ui, part_name("row", i), row);
        y += row_h;
        shown++;
    }
    SDL_RenderSetClipRect(ui->r, NULL);
    (void)shown;
}

/* ------------------------------------------------------------------------------------------ */
/* Drawing: the conversation, the confirmation, the scorecard.                                */

static void draw_header(App *app, Chat *c, SDL_Rect r)
{
    Ui *ui = &app->ui;
    const Scenario *sc = c->scenario;
    ui_fill(ui, r, C_PANEL);
    ui_fill(ui, (SDL_Rect){r.x, r.y + r.h - 1, r.w, 1}, C_LINE);
    int av = ui_px(ui, 20), pad = ui_px(ui, 14);
    widget_avatar(ui, sc->persona_avatar, sc->persona_name, r.x + pad + av, r.y + r.h / 2, av);
    SDL_Rect end = {r.x + r.w - pad - ui_px(ui, 112), r.y + (r.h - ui_px(ui, 34)) / 2,
                    ui_px(ui, 112), ui_px(ui, 34)};
    ui_button(ui, end, "结束高峰", 0, c->focus == CF_END, A_END, 0);
    ui_mark(ui, "rush.end", end);
    int x = r.x + pad * 2 + av * 2, room = end.x - pad - x;
    int y = r.y + ui_px(ui, 10);
    int nw = ui_label(ui, FONT_BOLD, C_TEXT, sc->persona_name, x, y, room);
    ui_mark(ui, "rush.name", (SDL_Rect){x, y, nw, font_height(app->fonts, FONT_BOLD)});
    if (room - nw - pad > ui_px(ui, 40))
        ui_label(ui, FONT_SMALL, C_MUTED, sc->persona_desc ? sc->persona_desc : "", x + nw + pad,
                 y + ui_px(ui, 2), room - nw - pad);
    y += font_lineskip(app->fonts, FONT_BOLD) + ui_px(ui, 4);
    int sx = x;
    int mw = room / 2 > ui_px(ui, 180) ? ui_px(ui, 180) : room / 2;
    if (mw >= ui_px(ui, 100)) {
        widget_mood(ui, session_mood(c->session), x, y, mw);
        sx = x + mw + ui_px(ui, 14);
    }
    Outcome o = session_outcome(c->session);
    char status[160] = "";
    SDL_Color col = C_MUTED;
    double w = chat_wait_now(app, c);
    if (o != OUTCOME_NONE) {
        snprintf(status, sizeof status, "会话结果：%s", outcome_label(o));
        col = o == OUTCOME_SALE || o == OUTCOME_RESOLVED ? C_GOOD : C_BAD;
    } else if (session_customer_typing(c->session)) {
        snprintf(status, sizeof status, "对方正在输入…");
    } else if (w >= 0) {
        snprintf(status, sizeof status, "顾客已等待 %ld 秒", (long)w);
        col = wait_colour(c, w);
    }
    ui_label(ui, FONT_BODY, col, status, sx, y - ui_px(ui, 3), end.x - pad - sx);
}

static void draw_confirm(App *app)
{
    Ui *ui = &app->ui;
    ui_fill(ui, (SDL_Rect){0, 0, ui->w, ui->h}, (SDL_Color){20, 24, 32, 120});
    int w = ui_px(ui, 440), h = ui_px(ui, 190);
    SDL_Rect box = {(ui->w - w) / 2, (ui->h - h) / 2, w, h};
    ui_round(ui, box, ui_px(ui, 12), C_PANEL);
    int pad = ui_px(ui, 22);
    ui_label(ui, FONT_TITLE, C_TEXT, "结束这场高峰接待？", box.x + pad, box.y + pad, 0);
    ui_label(ui, FONT_BODY, C_MUTED, "还在进行的会话保存为“中途放弃”，并给出成绩单。", box.x + pad,
             box.y + pad + font_lineskip(app->fonts, FONT_TITLE) + ui_px(ui, 8), w - 2 * pad);
    int bw = (w - 3 * pad) / 2, bh = ui_px(ui, 40);
    ui_button(ui, (SDL_Rect){box.x + pad, box.y + h - pad - bh, bw, bh}, "结束并评分（Enter）", 1,
              0, A_CONFIRM_YES, 0);
    ui_button(ui, (SDL_Rect){box.x + 2 * pad + bw, box.y + h - pad - bh, bw, bh}, "继续接待（Esc）",
              0, 0, A_CONFIRM_NO, 0);
}

static void seconds(char *buf, size_t size, double s)
{
    if (s < 0)
        snprintf(buf, size, "未回复");
    else
        snprintf(buf, size, "%.1f 秒", s);
}

static void draw_score(App *app)
{
    RushBench *rb = &app->rb;
    Ui *ui = &app->ui;
    const RushStats *st = &rb->stats;
    int W = ui->w, H = ui->h, m = ui_px(ui, 24);
    ui_header(ui, "高峰成绩单",
              rb->loaded ? "↑↓ 选顾客 · Enter 看这位顾客的成绩单 · Esc 返回历史"
                         : "↑↓ 选顾客 · Enter 看这位顾客的成绩单 · Esc 返回首页 · H 历史",
              0);
    int cw = W - 2 * m > ui_px(ui, 900) ? ui_px(ui, 900) : W - 2 * m;
    int x = (W - cw) / 2, y = ui_px(ui, 56) + ui_px(ui, 16);
    int line = font_lineskip(app->fonts, FONT_BODY);
    const char *title = rb->loaded ? rb->title : rb->spec->title ? rb->spec->title : rb->spec->id;
    ui_label(ui, FONT_TITLE, C_TEXT, title, x, y, cw);
    y += font_lineskip(app->fonts, FONT_TITLE) + ui_px(ui, 8);
    char buf[512], a[32], b[32];
    snprintf(buf, sizeof buf, "接待 %d 位顾客：成交或解决 %d 位，未回复就流失 %d 位，被冷落 %d 位",
             st->n, st->served, st->lost, st->starved);
    ui_label(ui, FONT_BODY, st->lost || st->starved ? C_BAD : C_GOOD, buf, x, y, cw);
    y += line;
    seconds(a, sizeof a, st->avg_first_response_s);
    seconds(b, sizeof b, st->avg_longest_wait_s);
    snprintf(buf, sizeof buf,
             "平均首次响应 %s · 平均最长等待 %s · 最长一次等待 %.1f 秒 · 最多同时接待 %d 位", a, b,
             st->max_wait_s, st->max_concurrent);
    ui_label(ui, FONT_BODY, C_TEXT, buf, x, y, cw);
    y += line;
    char saved[1100];
    if (rb->loaded) { /* the file's name only: the folder is the history's */
        const char *sep = plat_last_sep(rb->path);
        snprintf(saved, sizeof saved, "成绩文件：%s", sep ? sep + 1 : rb->path);
    } else {
        snprintf(saved, sizeof saved, "%s%s", rb->path[0] ? "已保存：" : "",
                 rb->path[0] ? rb->path : app->notice);
    }
    ui_label(ui, FONT_SMALL, rb->path[0] ? C_MUTED : C_BAD, saved, x, y, cw);
    ui_mark(ui, "rush.saved", (SDL_Rect){x, y, cw, font_height(app->fonts, FONT_SMALL)});
    y += font_lineskip(app->fonts, FONT_SMALL) + ui_px(ui, 14);
    int row_h = ui_px(ui, 58), av = ui_px(ui, 16), pad = ui_px(ui, 12);
    for (int i = 0; i < rb->n && y + row_h < H - ui_px(ui, 70); i++) {
        const RushCustomerStats *c = st->c ? &st->c[i] : NULL;
        const Scenario *sc = rb->loaded ? NULL : rb->conv[i].scenario;
        const char *name = sc ? sc->persona_name : rb->persona[i];
        SDL_Rect row = {x, y, cw, row_h - ui_px(ui, 6)};
        ui_round(ui, row, ui_px(ui, 8), i == rb->score_sel ? C_ACCENT : C_LINE);
        int bd = i == rb->score_sel ? ui_px(ui, 2) : 1;
        ui_round(ui, (SDL_Rect){row.x + bd, row.y + bd, row.w - 2 * bd, row.h - 2 * bd},
                 ui_px(ui, 7), i == rb->score_sel ? C_ACCENT_SOFT : C_PANEL);
        widget_avatar(ui, sc ? sc->persona_avatar : rb->avatar[i], name, row.x + pad + av,
                      row.y + row.h / 2, av);
        int tx = row.x + 2 * pad + 2 * av;
        Outcome o = sc ? session_outcome(rb->conv[i].session) : (Outcome)rb->outcome[i];
        if (rb->total[i] >= 0)
            snprintf(buf, sizeof buf, "%d. %s · %s · %d 分%s", i + 1, name, outcome_label(o),
                     rb->total[i], rb->pass[i] ? "（及格）" : "（不及格）");
        else
            snprintf(buf, sizeof buf, "%d. %s · %s", i + 1, name, outcome_label(o));
        ui_label(ui, FONT_BOLD, C_TEXT, buf, tx, row.y + ui_px(ui, 6), row.x + row.w - pad - tx);
        if (c) {
            seconds(a, sizeof a, c->first_response_s);
            snprintf(buf, sizeof buf,
                     "%.0f 秒进店 · 首次响应 %s · 最长等待 %.1f 秒 · 回复 %d 条%s%s", c->arrival_s,
                     a, c->longest_wait_s, c->agent_messages, c->lost ? " · 未回复就流失" : "",
                     c->starved ? " · 被冷落" : "");
            ui_label(ui, FONT_SMALL, c->lost || c->starved ? C_BAD : C_MUTED, buf, tx,
                     row.y + ui_px(ui, 8) + font_lineskip(app->fonts, FONT_BOLD),
                     row.x + row.w - pad - tx);
        }
        ui_target(ui, row, R_SCORE_ROW, i);
        y += row_h;
    }
    int bar = ui_px(ui, 64), bw = ui_px(ui, 220), bh = ui_px(ui, 40), g = ui_px(ui, 12);
    ui_fill(ui, (SDL_Rect){0, H - bar, W, bar}, C_PANEL);
    ui_fill(ui, (SDL_Rect){0, H - bar, W, 1}, C_LINE);
    int bx = (W - 2 * bw - g) / 2, by = H - bar + (bar - bh) / 2;
    ui_button(ui, (SDL_Rect){bx, by, bw, bh}, "这位顾客的成绩单（Enter）", 1, 0, R_SCORE_OPEN, 0);
    ui_button(ui, (SDL_Rect){bx + bw + g, by, bw, bh},
              rb->loaded ? "返回历史（Esc）" : "返回首页（Esc）", 0, 0, R_SCORE_BACK, 0);
}

static void rush_draw(App *app)
{
    RushBench *rb = &app->rb;
    Ui *ui = &app->ui;
    if (!rb->rush && !rb->loaded) {
        ui_label(ui, FONT_BODY, C_BAD, app->notice, ui_px(ui, 20), ui_px(ui, 20), 0);
        return;
    }
    if (rb->done) {
        draw_score(app);
        return;
    }
    Chat *c = current(app);
    int W = ui->w, H = ui->h;
    int wide = W >= ui_px(ui, 1100);
    int list_w = wide ? ui_px(ui, 270) : ui_px(ui, 220);
    int side_w = wide ? ui_px(ui, 280) : ui_px(ui, 220);
    int cx = list_w, cw = W - list_w - side_w;
    draw_list(app, (SDL_Rect){0, 0, list_w, H});
    ui_mark(ui, "rush.list", (SDL_Rect){0, 0, list_w, H});
    if (!rush_arrived(rb->rush, rb->sel)) {
        ui_label(ui, FONT_BODY, C_MUTED, "还没有顾客进店，请稍候…", cx + ui_px(ui, 20),
                 ui_px(ui, 20), cw - ui_px(ui, 40));
        return;
    }
    c->side_x = cx + cw;
    SDL_Rect header = {cx, 0, cw, ui_px(ui, 66)};
    int input_h = ui_px(ui, 116), bar_h = ui_px(ui, 44);
    SDL_Rect list = {cx, header.h, cw, H - header.h - input_h - bar_h - ui_px(ui, 12)};
    c->view_h = list.h;
    rb->conv_rect = list;
    rb->head_rect = header;
    rb->card_rect = (SDL_Rect){cx + cw, 0, side_w, H};
    chat_view_draw(app, c, list);
    draw_header(app, c, header);
    int pad = ui_px(ui, 12);
    SDL_Rect bar = {cx, list.y + list.h + ui_px(ui, 12), cw, bar_h};
    ui_fill(ui, (SDL_Rect){cx, bar.y - ui_px(ui, 6), cw, H - bar.y + ui_px(ui, 6)}, C_PANEL);
    ui_fill(ui, (SDL_Rect){cx, bar.y - ui_px(ui, 6), cw, 1}, C_LINE);
    SDL_Rect emo = {cx + pad, bar.y, ui_px(ui, 96), ui_px(ui, 32)};
    ui_button(ui, emo, "表情 ^_^", 0, c->focus == CF_EMOJI, A_EMOJI, 0);
    Outcome o = session_outcome(c->session);
    const char *hint = NULL;
    SDL_Color hc = C_MUTED;
    if (app->notice[0]) {
        hint = app->notice;
        hc = C_BAD;
    } else if (o == OUTCOME_SALE || o == OUTCOME_RESOLVED) {
        hint = "这位顾客已经满意，可以发一句告别，再去接待别人";
        hc = C_GOOD;
    } else if (o != OUTCOME_NONE) {
        hint = "这位顾客的会话已经结束";
        hc = C_BAD;
    }
    if (hint) {
        int hx = emo.x + emo.w + pad;
        int hw =
            ui_label(ui, FONT_SMALL, hc, hint, hx,
                     emo.y + (emo.h - font_height(app->fonts, FONT_SMALL)) / 2, cx + cw - hx - pad);
        ui_mark(ui, "rush.hint", (SDL_Rect){hx, emo.y, hw, emo.h});
    }
    SDL_Rect box = {cx + pad, bar.y + bar_h, cw - 3 * pad - ui_px(ui, 80), input_h - pad};
    chat_input_draw(app, c, box);
    ui_mark(ui, "rush.input", box);
    SDL_Rect send = {box.x + box.w + pad, box.y + box.h - ui_px(ui, 40), ui_px(ui, 80),
                     ui_px(ui, 40)};
    ui_button(ui, send, "发送", 1, c->focus == CF_SEND, A_SEND, 0);
    ui_mark(ui, "rush.conversation", list);
    chat_card_draw(app, c, (SDL_Rect){cx + cw, 0, side_w, H});
    ui_mark(ui, "rush.card", (SDL_Rect){cx + cw, 0, side_w, H});
    if (c->picker)
        chat_input_draw_picker(app, c, cx + pad, bar.y - ui_px(ui, 8));
    if (rb->confirm)
        draw_confirm(app);
}

const ScreenOps screen_rush = {
    .enter = rush_enter,
    .event = rush_event,
    .tick = rush_tick,
    .draw = rush_draw,
    .wait_ms = rush_wait_ms,
    .quit = rush_quit,
    .deinit = workbench_free,
};
