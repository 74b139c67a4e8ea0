/* ui: the drawing kit the screens share: the theme's colours, pixel scaling for high-DPI,
 * filled and rounded shapes, single-line labels from a texture cache, buttons and focus
 * rings, and the click targets of the last frame. */
#ifndef KEFU_APP_UI_H
#define KEFU_APP_UI_H

#include <SDL.h>

#include "font.h"

/* The theme: a light workbench in the colours of a shop's chat tool. */
#define C_BG ((SDL_Color){243, 244, 247, 255})
#define C_PANEL ((SDL_Color){255, 255, 255, 255})
#define C_LINE ((SDL_Color){222, 225, 232, 255})
#define C_TEXT ((SDL_Color){34, 38, 46, 255})
#define C_MUTED ((SDL_Color){120, 126, 138, 255})
#define C_ACCENT ((SDL_Color){255, 80, 0, 255}) /* the shop orange */
#define C_ACCENT_SOFT ((SDL_Color){255, 240, 230, 255})
#define C_AGENT ((SDL_Color){200, 232, 255, 255}) /* the agent's bubbles */
#define C_CUSTOMER ((SDL_Color){255, 255, 255, 255})
#define C_SYSTEM ((SDL_Color){228, 230, 236, 255})
#define C_GOOD ((SDL_Color){22, 150, 70, 255})
#define C_GOOD_SOFT ((SDL_Color){226, 246, 233, 255})
#define C_BAD ((SDL_Color){214, 48, 49, 255})
#define C_BAD_SOFT ((SDL_Color){253, 232, 232, 255})
#define C_AMBER ((SDL_Color){230, 140, 0, 255})
#define C_FOCUS ((SDL_Color){40, 120, 255, 255})
#define C_WHITE ((SDL_Color){255, 255, 255, 255})

#define UI_MAX_TARGETS 96
#define UI_LABELS 192

typedef struct UiTarget {
    SDL_Rect rect;
    int action; /* the screen's own action code */
    int arg;
} UiTarget;

/* A named part of the last frame, where it was drawn (for tests: nothing overlaps). */
typedef struct UiMark {
    const char *name; /* a string literal */
    SDL_Rect rect;
} UiMark;

#define UI_MAX_MARKS 48

typedef struct UiLabel {
    char *text;
    FontRole role;
    SDL_Color colour;
    float scale;
    SDL_Texture *tex;
    int w, h;
    unsigned long used; /* frame it was last drawn in */
} UiLabel;

typedef struct Ui {
    SDL_Renderer *r;
    FontSet *fonts;
    float scale; /* drawable pixels per window point */
    int w, h;    /* drawable size in pixels */
    unsigned long frame;
    UiTarget targets[UI_MAX_TARGETS];
    int ntargets;
    UiMark marks[UI_MAX_MARKS];
    int nmarks;
    UiLabel labels[UI_LABELS];
} Ui;

/* Scales a length in window points to drawable pixels. */
int ui_px(const Ui *ui, double points);

void ui_begin_frame(Ui *ui); /* clears the targets, counts the frame */
void ui_deinit(Ui *ui);      /* frees the label cache */

void ui_colour(Ui *ui, SDL_Color c);
void ui_fill(Ui *ui, SDL_Rect r, SDL_Color c);
void ui_frame(Ui *ui, SDL_Rect r, SDL_Color c, int thickness);
void ui_round(Ui *ui, SDL_Rect r, int radius, SDL_Color c);
void ui_circle(Ui *ui, int cx, int cy, int radius, SDL_Color c);

/* A single line of text at (x, y) (top-left); the texture is cached by text, role, colour and
 * scale. Returns its width. max_w > 0 cuts the text with "…" to fit. */
int ui_label(Ui *ui, FontRole role, SDL_Color c, const char *text, int x, int y, int max_w);
/* The width the label would take. */
int ui_label_width(Ui *ui, FontRole role, const char *text);

/* A screen's top bar: panel, bottom rule, the title and, after it, a muted keyboard hint
 * that may use the width up to `right` pixels from the window's right edge (room for the
 * screen's own controls). Returns the bar's height. */
int ui_header(Ui *ui, const char *title, const char *hint, int right);

/* A clickable target for the next event (mouse hit-testing uses the last frame's). */
void ui_target(Ui *ui, SDL_Rect r, int action, int arg);
/* The target under (x, y) in window points, or 0 (arg in *arg). */
int ui_hit(const Ui *ui, int x, int y, int *arg);

/* Notes where the part called name (a string literal) was drawn in this frame; the screens
 * mark the parts that must never overlap, and tests read them back. */
void ui_mark(Ui *ui, const char *name, SDL_Rect r);
/* Where name was drawn in the last frame: 1 with *r, or 0 when it was not drawn. */
int ui_marked(const Ui *ui, const char *name, SDL_Rect *r);

/* A button: filled when primary, outlined otherwise, with a focus ring when focused; it
 * registers a click target. */
void ui_button(Ui *ui, SDL_Rect r, const char *text, int primary, int focused, int action, int arg);

/* A focus ring around r. */
void ui_focus_ring(Ui *ui, SDL_Rect r);

#endif
