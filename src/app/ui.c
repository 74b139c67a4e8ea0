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

/* A convex shape as a triangle fan around its centre: corners of radius rad on the rect. */
void ui_round(Ui *ui, SDL_Rect r, int rad, SDL_Color c)
{
    if (rad * 2 > r.w)
        rad = r.w / 2;
    if (rad * 2 > r.h)
        rad = r.h / 2;
    if (rad < 2) {
        ui_fill(ui, r, c);
        return;
    }
    enum { SEG = 6, NV = 4 * (SEG + 1) + 1 };
    SDL_Vertex v[NV];
    int idx[4 * (SEG + 1) * 3];
    SDL_Color col = c;
    float cx = (float)r.x + (float)r.w / 2, cy = (float)r.y + (float)r.h / 2;
    v[0] = (SDL_Vertex){{cx, cy}, col, {0, 0}};
    const float corner[4][2] = {{(float)(r.x + r.w - rad), (float)(r.y + rad)},
                                {(float)(r.x + rad), (float)(r.y + rad)},
                                {(float)(r.x + rad), (float)(r.y + r.h - rad)},
                                {(float)(r.x + r.w - rad), (float)(r.y + r.h - rad)}};
    int n = 1;
    for (int k = 0; k < 4; k++) {
        for (int s = 0; s <= SEG; s++) {
            double a = (k * 90.0 + s * 90.0 / SEG) * 3.14159265358979323846 / 180.0;
            v[n++] = (SDL_Vertex){{corner[k][0] + (float)(cos(a) * rad),
                                   corner[k][1] - (float)(sin(a) * rad)},
                                  col,
                                  {0, 0}};
        }
    }
    int ni = 0;
    for (int i = 1; i < n; i++) {
        idx[ni++] = 0;
        idx[ni++] = i;
        idx[ni++] = i + 1 < n ? i + 1 : 1;
    }
    SDL_SetRenderDrawBlendMode(ui->r, SDL_BLENDMODE_BLEND);
    SDL_RenderGeometry(ui->r, NULL, v, n, idx, ni);
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

void ui_button(Ui *ui, SDL_Rect r, const char *text, int primary, int focused, int action,
               int arg)
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
