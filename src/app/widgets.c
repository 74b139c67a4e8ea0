/* widgets: one-line field, segmented switch, avatar, mood meter. */
#include "widgets.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/text.h"

void widget_line_edit(Ui *ui, const TextEdit *te, SDL_Rect r, int focused, const char *placeholder,
                      SDL_Rect *caret)
{
    int rad = ui_px(ui, 6), pad = ui_px(ui, 10);
    ui_round(ui, r, rad, focused ? C_FOCUS : C_LINE);
    ui_round(ui, (SDL_Rect){r.x + 1, r.y + 1, r.w - 2, r.h - 2}, rad, C_PANEL);
    const char *text = te->buf ? te->buf : "";
    int th = font_height(ui->fonts, FONT_BODY);
    int ty = r.y + (r.h - th) / 2;
    char before[512];
    size_t nb = te->caret < sizeof before - 1 ? te->caret : sizeof before - 1;
    memcpy(before, text, nb);
    before[nb] = 0;
    int wb = ui_label_width(ui, FONT_BODY, before);
    int wc = ui_label_width(ui, FONT_BODY, te->comp);
    int inner = r.w - 2 * pad;
    /* Keep the caret (and the composition after it) in view. */
    int off = wb + wc > inner ? wb + wc - inner : 0;
    SDL_Rect clip = {r.x + pad, r.y, inner, r.h};
    SDL_RenderSetClipRect(ui->r, &clip);
    int x = r.x + pad - off;
    if (!*text && !te->comp[0] && placeholder)
        ui_label(ui, FONT_BODY, C_MUTED, placeholder, x, ty, 0);
    x += ui_label(ui, FONT_BODY, C_TEXT, before, x, ty, 0);
    int cx = x;
    if (te->comp[0]) {
        int w = ui_label(ui, FONT_BODY, C_FOCUS, te->comp, x, ty, 0);
        ui_fill(ui, (SDL_Rect){x, ty + th - ui_px(ui, 2), w, ui_px(ui, 1) + 1}, C_FOCUS);
        x += w;
    }
    ui_label(ui, FONT_BODY, C_TEXT, text + nb, x, ty, 0);
    if (focused && !te->comp[0])
        ui_fill(ui, (SDL_Rect){cx, ty, ui_px(ui, 1) + 1, th}, C_TEXT);
    SDL_RenderSetClipRect(ui->r, NULL);
    if (caret)
        *caret = (SDL_Rect){cx, ty, ui_px(ui, 2), th};
}

void widget_segmented(Ui *ui, SDL_Rect r, const char *left, const char *right, int chosen,
                      int focused, int a_left, int a_right)
{
    int rad = ui_px(ui, 6);
    ui_round(ui, r, rad, C_LINE);
    SDL_Rect half[2] = {{r.x + 2, r.y + 2, r.w / 2 - 2, r.h - 4},
                        {r.x + r.w / 2, r.y + 2, r.w / 2 - 2, r.h - 4}};
    const char *label[2] = {left, right};
    for (int i = 0; i < 2; i++) {
        ui_round(ui, half[i], rad, i == chosen ? C_ACCENT : C_PANEL);
        int tw = ui_label_width(ui, FONT_BODY, label[i]);
        ui_label(ui, FONT_BODY, i == chosen ? C_WHITE : C_TEXT, label[i],
                 half[i].x + (half[i].w - tw) / 2,
                 half[i].y + (half[i].h - font_height(ui->fonts, FONT_BODY)) / 2, 0);
        ui_target(ui, half[i], i ? a_right : a_left, 0);
    }
    if (focused)
        ui_focus_ring(ui, r);
}

void widget_avatar(Ui *ui, const char *avatar, const char *name, int cx, int cy, int radius)
{
    /* The colour follows the character, so a persona always looks the same. */
    static const SDL_Color palette[] = {{255, 140, 66, 255},  {82, 153, 224, 255},
                                        {108, 186, 120, 255}, {176, 120, 214, 255},
                                        {232, 96, 110, 255},  {70, 170, 170, 255}};
    const char *src = avatar && *avatar ? avatar : name && *name ? name : "客";
    size_t i = 0, n = strlen(src);
    uint32_t cp = text_next(src, n, &i);
    char one[8] = {0};
    memcpy(one, src, i < sizeof one ? i : sizeof one - 1);
    ui_circle(ui, cx, cy, radius, palette[cp % (sizeof palette / sizeof palette[0])]);
    FontRole role = radius > ui_px(ui, 20) ? FONT_TITLE : FONT_BOLD;
    int tw = ui_label_width(ui, role, one);
    int th = font_height(ui->fonts, role);
    ui_label(ui, role, C_WHITE, one, cx - tw / 2, cy - th / 2, 0);
}

const char *mood_word(int mood)
{
    if (mood >= 80)
        return "很满意";
    if (mood >= 60)
        return "心情不错";
    if (mood >= 40)
        return "平静";
    if (mood >= 20)
        return "不耐烦";
    return "很生气";
}

SDL_Color mood_colour(int mood)
{
    if (mood >= 60)
        return C_GOOD;
    if (mood >= 35)
        return C_AMBER;
    return C_BAD;
}

void widget_mood(Ui *ui, int mood, int x, int y, int w)
{
    if (mood < 0)
        mood = 0;
    if (mood > 100)
        mood = 100;
    char label[64];
    snprintf(label, sizeof label, "心情：%s", mood_word(mood));
    int lw = ui_label(ui, FONT_SMALL, mood_colour(mood), label, x, y, 0);
    int bh = ui_px(ui, 8);
    int bx = x + lw + ui_px(ui, 8);
    int bw = w - lw - ui_px(ui, 8);
    int by = y + (font_height(ui->fonts, FONT_SMALL) - bh) / 2;
    if (bw < ui_px(ui, 20))
        return;
    ui_round(ui, (SDL_Rect){bx, by, bw, bh}, bh / 2, C_LINE);
    ui_round(ui, (SDL_Rect){bx, by, bw * mood / 100 > bh ? bw * mood / 100 : bh, bh}, bh / 2,
             mood_colour(mood));
}

SDL_Rect widget_scrollbar(Ui *ui, SDL_Rect track, int content_h, int view_h, int scroll, int action)
{
    if (content_h <= view_h || view_h <= 0 || track.h <= 0)
        return (SDL_Rect){track.x, track.y, 0, 0};
    int min_thumb = ui_px(ui, 24);
    int th = (int)((long long)track.h * view_h / content_h);
    if (th < min_thumb)
        th = min_thumb;
    if (th > track.h)
        th = track.h;
    int range = content_h - view_h;
    int ty = track.y + (int)((long long)(track.h - th) * scroll / range);
    int rad = track.w / 2;
    ui_round(ui, track, rad, C_LINE);
    SDL_Rect thumb = {track.x, ty, track.w, th};
    ui_round(ui, thumb, rad, C_MUTED);
    ui_target(ui, track, action, 0);
    return thumb;
}

int widget_scrollbar_at(SDL_Rect track, int content_h, int view_h, int y)
{
    int range = content_h - view_h;
    if (range <= 0 || track.h <= 0)
        return 0;
    long long s = (long long)(y - track.y) * content_h / track.h - view_h / 2;
    if (s < 0)
        s = 0;
    if (s > range)
        s = range;
    return (int)s;
}
