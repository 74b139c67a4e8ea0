/* doc: scrollable columns of paragraphs with panels, laid out per width, drawn by viewport. */
#include "doc.h"

#include <stdlib.h>
#include <string.h>

static DocItem *add(Doc *d, int indent, int gap)
{
    if (d->n == d->cap) {
        int cap = d->cap ? d->cap * 2 : 32;
        DocItem *v = realloc(d->items, (size_t)cap * sizeof *v);
        if (!v)
            return NULL;
        d->items = v;
        d->cap = cap;
    }
    DocItem *it = &d->items[d->n++];
    memset(it, 0, sizeof *it);
    it->indent = indent;
    it->gap = gap;
    it->group = d->cur_group;
    it->panel = d->cur_panel;
    it->stripe = d->cur_stripe;
    return it;
}

DocItem *doc_text_hl(Doc *d, FontSet *fs, FontRole role, SDL_Color colour, const char *s,
                     size_t hl_start, size_t hl_end, int indent, int gap)
{
    DocItem *it = add(d, indent, gap);
    if (!it)
        return NULL;
    textblock_init(&it->tb, role, colour);
    if (textblock_set(&it->tb, fs, s, strlen(s), hl_start, hl_end) < 0) {
        d->n--;
        return NULL;
    }
    return it;
}

DocItem *doc_text(Doc *d, FontSet *fs, FontRole role, SDL_Color colour, const char *s, int indent,
                  int gap)
{
    return doc_text_hl(d, fs, role, colour, s, 0, 0, indent, gap);
}

DocItem *doc_bar(Doc *d, double fraction, SDL_Color colour, int indent, int gap)
{
    DocItem *it = add(d, indent, gap);
    if (!it)
        return NULL;
    textblock_init(&it->tb, FONT_SMALL, colour);
    it->is_bar = 1;
    it->bar = fraction < 0 ? 0 : fraction > 1 ? 1 : fraction;
    it->bar_colour = colour;
    return it;
}

void doc_panel(Doc *d, SDL_Color panel, SDL_Color stripe)
{
    d->cur_group = ++d->groups;
    d->cur_panel = panel;
    d->cur_stripe = stripe;
}

void doc_end_panel(Doc *d)
{
    d->cur_group = 0;
}

void doc_clear(Doc *d)
{
    for (int i = 0; i < d->n; i++)
        textblock_deinit(&d->items[i].tb);
    free(d->items);
    memset(d, 0, sizeof *d);
}

static void layout(Doc *d, Ui *ui, int width)
{
    int y = 0, pad = ui_px(ui, 12);
    int prev_group = 0;
    for (int i = 0; i < d->n; i++) {
        DocItem *it = &d->items[i];
        /* A panel has padding above its first item and below its last. */
        if (it->group != prev_group) {
            if (prev_group)
                y += pad;
            if (it->group)
                y += pad + ui_px(ui, 8);
        }
        y += ui_px(ui, it->gap);
        int inner = width - ui_px(ui, it->indent) - (it->group ? 2 * pad + ui_px(ui, 6) : 0);
        if (it->is_bar) {
            it->h = ui_px(ui, 8);
        } else {
            textblock_layout(&it->tb, ui->fonts, inner);
            it->h = it->tb.h;
        }
        it->y = y;
        y += it->h;
        prev_group = it->group;
    }
    if (prev_group)
        y += pad;
    d->content_h = y + ui_px(ui, 16);
}

void doc_scroll(Doc *d, int dy)
{
    d->scroll += dy;
    int max = d->content_h - d->view_h;
    if (d->scroll > max)
        d->scroll = max;
    if (d->scroll < 0)
        d->scroll = 0;
}

void doc_draw(Doc *d, Ui *ui, SDL_Rect view)
{
    layout(d, ui, view.w);
    d->view_h = view.h;
    doc_scroll(d, 0);
    SDL_RenderSetClipRect(ui->r, &view);
    int pad = ui_px(ui, 12), stripe = ui_px(ui, 5);
    int top = view.y - d->scroll;
    /* Panels first, under their items. */
    for (int i = 0; i < d->n;) {
        int g = d->items[i].group, j = i;
        if (!g) {
            i++;
            continue;
        }
        while (j < d->n && d->items[j].group == g)
            j++;
        int y0 = top + d->items[i].y - pad - ui_px(ui, d->items[i].gap);
        int y1 = top + d->items[j - 1].y + d->items[j - 1].h + pad;
        if (y1 >= view.y && y0 <= view.y + view.h) {
            SDL_Rect p = {view.x, y0, view.w, y1 - y0};
            ui_round(ui, p, ui_px(ui, 8), d->items[i].panel);
            if (d->items[i].stripe.a)
                ui_round(ui, (SDL_Rect){p.x, p.y, stripe * 2, p.h}, stripe, d->items[i].stripe);
            if (d->items[i].stripe.a)
                ui_fill(ui, (SDL_Rect){p.x + stripe, p.y, stripe, p.h}, d->items[i].panel);
        }
        i = j;
    }
    for (int i = 0; i < d->n; i++) {
        DocItem *it = &d->items[i];
        int x = view.x + ui_px(ui, it->indent) + (it->group ? pad + ui_px(ui, 6) : 0);
        int y = top + it->y;
        if (y + it->h < view.y || y > view.y + view.h) {
            textblock_release(&it->tb);
            continue;
        }
        if (it->is_bar) {
            int w = view.x + view.w - x - (it->group ? pad : 0);
            ui_round(ui, (SDL_Rect){x, y, w, it->h}, it->h / 2, C_LINE);
            if (it->bar > 0)
                ui_round(ui, (SDL_Rect){x, y, (int)(w * it->bar), it->h}, it->h / 2,
                         it->bar_colour);
        } else {
            textblock_draw(&it->tb, ui->fonts, ui->r, x, y, &view);
        }
    }
    SDL_RenderSetClipRect(ui->r, NULL);
}
