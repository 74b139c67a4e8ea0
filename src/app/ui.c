/* ui: shapes, cached labels, buttons and click targets shared by the screens. */
#include "ui.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

int ui_px(const Ui *ui, double points)
{
    return (int)lround(points * ui->scale);
}

void ui_begin_frame(Ui *ui)
{
    ui->ntargets = 0;
    ui->nmarks = 0;
    ui->frame++;
}

void ui_deinit(Ui *ui)
{
    for (int i = 0; i < UI_LABELS; i++) {
        if (ui->labels[i].tex)
            SDL_DestroyTexture(ui->labels[i].tex);
        free(ui->labels[i].text);
    }
    memset(ui->labels, 0, sizeof ui->labels);
}

void ui_colour(Ui *ui, SDL_Color c)
{
    SDL_SetRenderDrawColor(ui->r, c.r, c.g, c.b, c.a);
}

void ui_fill(Ui *ui, SDL_Rect r, SDL_Color c)
{
    ui_colour(ui, c);
    SDL_SetRenderDrawBlendMode(ui->r, c.a == 255 ? SDL_BLENDMODE_NONE : SDL_BLENDMODE_BLEND);
    SDL_RenderFillRect(ui->r, &r);
}

void ui_frame(Ui *ui, SDL_Rect r, SDL_Color c, int t)
{
    ui_fill(ui, (SDL_Rect){r.x, r.y, r.w, t}, c);
    ui_fill(ui, (SDL_Rect){r.x, r.y + r.h - t, r.w, t}, c);
    ui_fill(ui, (SDL_Rect){r.x, r.y, t, r.h}, c);
    ui_fill(ui, (SDL_Rect){r.x + r.w - t, r.y, t, r.h}, c);
}

/* Rounded corners as scanline spans: one rectangle per corner row and one for the middle,
 * filled in a single call. (The software renderer's triangles test every pixel of each
 * triangle's bounding box; a fan over a panel cost more than everything else in a frame.) */
void ui_round(Ui *ui, SDL_Rect r, int rad, SDL_Color c)
{
    if (rad * 2 > r.w)
        rad = r.w / 2;
    if (rad * 2 > r.h)
        rad = r.h / 2;
    if (rad < 2 || r.w <= 0 || r.h <= 0) {
        ui_fill(ui, r, c);
        return;
    }
    SDL_Rect spans[2 * 256 + 1];
    if (rad > 256)
        rad = 256;
    int n = 0;
    for (int dy = 0; dy < rad; dy++) {
        double fy = rad - dy - 0.5;
        int inset = (int)(rad - sqrt((double)rad * rad - fy * fy) + 0.5);
        spans[n++] = (SDL_Rect){r.x + inset, r.y + dy, r.w - 2 * inset, 1};
        spans[n++] = (SDL_Rect){r.x + inset, r.y + r.h - 1 - dy, r.w - 2 * inset, 1};
    }
    spans[n++] = (SDL_Rect){r.x, r.y + rad, r.w, r.h - 2 * rad};
    ui_colour(ui, c);
    SDL_SetRenderDrawBlendMode(ui->r, c.a == 255 ? SDL_BLENDMODE_NONE : SDL_BLENDMODE_BLEND);
    SDL_RenderFillRects(ui->r, spans, n);
}

void ui_circle(Ui *ui, int cx, int cy, int radius, SDL_Color c)
{
    ui_round(ui, (SDL_Rect){cx - radius, cy - radius, 2 * radius, 2 * radius}, radius, c);
}

/* ------------------------------------------------------------------------------------------ */
/* Labels.                                                                                    */

static int same_colour(SDL_Color a, SDL_Color b)
{
    return a.r == b.r && a.g == b.g && a.b == b.b && a.a == b.a;
}

static UiLabel *label(Ui *ui, FontRole role, SDL_Color c, const char *text)
{
    float scale = font_scale(ui->fonts);
    UiLabel *oldest = &ui->labels[0];
    for (int i = 0; i < UI_LABELS; i++) {
        UiLabel *l = &ui->labels[i];
        if (l->text && l->role == role && l->scale == scale && same_colour(l->colour, c) &&
            strcmp(l->text, text) == 0) {
            l->used = ui->frame;
            return l;
        }
        if (!l->text || l->used < oldest->used)
            oldest = l;
    }
    /* Not cached: render it into the least recently used slot. */
    UiLabel *l = oldest;
    if (l->tex)
        SDL_DestroyTexture(l->tex);
    free(l->text);
    memset(l, 0, sizeof *l);
    size_t n = 0;
    char *disp = font_displayable(ui->fonts, text, strlen(text), &n);
    if (!disp)
        return NULL;
    SDL_Surface *s = font_render(ui->fonts, role, disp, n, c);
    free(disp);
    if (!s)
        return NULL;
    l->tex = SDL_CreateTextureFromSurface(ui->r, s);
    l->w = s->w;
    l->h = s->h;
    SDL_FreeSurface(s);
    if (!l->tex)
        return NULL;
    SDL_SetTextureBlendMode(l->tex, SDL_BLENDMODE_BLEND);
    l->text = strdup(text);
    l->role = role;
    l->colour = c;
    l->scale = scale;
    l->used = ui->frame;
    return l;
}

int ui_label_width(Ui *ui, FontRole role, const char *text)
{
    size_t n = 0;
    char *disp = font_displayable(ui->fonts, text, strlen(text), &n);
    if (!disp)
        return 0;
    int w = (int)ceil(font_measure(ui->fonts, role, disp, n));
    free(disp);
    return w;
}

int ui_label(Ui *ui, FontRole role, SDL_Color c, const char *text, int x, int y, int max_w)
{
    if (!text || !*text)
        return 0;
    char cut[512];
    if (max_w > 0 && ui_label_width(ui, role, text) > max_w) {
        /* Drop characters from the end until it fits with an ellipsis. */
        size_t n = strlen(text);
        if (n > sizeof cut - 4)
            n = sizeof cut - 4;
        while (n > 0) {
            n--;
            while (n > 0 && ((unsigned char)text[n] & 0xC0) == 0x80)
                n--;
            memcpy(cut, text, n);
            memcpy(cut + n, "…", 4);
            if (ui_label_width(ui, role, cut) <= max_w)
                break;
        }
        text = cut;
    }
    UiLabel *l = label(ui, role, c, text);
    if (!l)
        return 0;
    SDL_Rect dst = {x, y, l->w, l->h};
    SDL_RenderCopy(ui->r, l->tex, NULL, &dst);
    return l->w;
}

/* ------------------------------------------------------------------------------------------ */
/* Targets and buttons.                                                                       */

void ui_target(Ui *ui, SDL_Rect r, int action, int arg)
{
    if (ui->ntargets < UI_MAX_TARGETS)
        ui->targets[ui->ntargets++] = (UiTarget){r, action, arg};
}

int ui_hit(const Ui *ui, int x, int y, int *arg)
{
    SDL_Point p = {(int)(x * ui->scale), (int)(y * ui->scale)};
    /* Later targets are drawn on top: search from the end. */
    for (int i = ui->ntargets - 1; i >= 0; i--) {
        if (SDL_PointInRect(&p, &ui->targets[i].rect)) {
            if (arg)
                *arg = ui->targets[i].arg;
            return ui->targets[i].action;
        }
    }
    return 0;
}

void ui_focus_ring(Ui *ui, SDL_Rect r)
{
    int g = ui_px(ui, 3);
    SDL_Rect o = {r.x - g, r.y - g, r.w + 2 * g, r.h + 2 * g};
    ui_frame(ui, o, C_FOCUS, ui_px(ui, 2) > 1 ? ui_px(ui, 2) : 2);
}

void ui_button(Ui *ui, SDL_Rect r, const char *text, int primary, int focused, int action, int arg)
{
    int rad = ui_px(ui, 6);
    if (primary) {
        ui_round(ui, r, rad, C_ACCENT);
    } else {
        ui_round(ui, r, rad, C_LINE);
        ui_round(ui, (SDL_Rect){r.x + 1, r.y + 1, r.w - 2, r.h - 2}, rad, C_PANEL);
    }
    int tw = ui_label_width(ui, FONT_BODY, text);
    int th = font_height(ui->fonts, FONT_BODY);
    ui_label(ui, FONT_BODY, primary ? C_WHITE : C_TEXT, text, r.x + (r.w - tw) / 2,
             r.y + (r.h - th) / 2, r.w - ui_px(ui, 8));
    if (focused)
        ui_focus_ring(ui, r);
    ui_target(ui, r, action, arg);
}

int ui_header(Ui *ui, const char *title, const char *hint, int right)
{
    int h = ui_px(ui, 56), m = ui_px(ui, 24);
    ui_fill(ui, (SDL_Rect){0, 0, ui->w, h}, C_PANEL);
    ui_fill(ui, (SDL_Rect){0, h - 1, ui->w, 1}, C_LINE);
    int x = m + ui_label(ui, FONT_TITLE, C_TEXT, title, m, ui_px(ui, 12), 0) + m;
    int room = ui->w - right - m - x;
    if (hint && room > 0)
        ui_label(ui, FONT_SMALL, C_MUTED, hint, x, ui_px(ui, 20), room);
    return h;
}

void ui_mark(Ui *ui, const char *name, SDL_Rect r)
{
    for (int i = 0; i < ui->nmarks; i++)
        if (strcmp(ui->marks[i].name, name) == 0) {
            ui->marks[i].rect = r;
            return;
        }
    if (ui->nmarks < UI_MAX_MARKS)
        ui->marks[ui->nmarks++] = (UiMark){name, r};
}

int ui_marked(const Ui *ui, const char *name, SDL_Rect *r)
{
    for (int i = 0; i < ui->nmarks; i++)
        if (strcmp(ui->marks[i].name, name) == 0) {
            *r = ui->marks[i].rect;
            return 1;
        }
    return 0;
}
