/* doc: a scrollable column of wrapped paragraphs, bars and panels, for the screens that
 * explain (the scorecard, a past result): built once, laid out per width, drawn by viewport. */
#ifndef KEFU_APP_DOC_H
#define KEFU_APP_DOC_H

#include "textblock.h"
#include "ui.h"

typedef struct DocItem {
    TextBlock tb;     /* the paragraph (empty for a bar or a gap) */
    int indent;       /* points from the left */
    int gap;          /* points of space above */
    int group;        /* items with the same non-zero group share one panel */
    SDL_Color panel;  /* that panel's colour */
    SDL_Color stripe; /* a stripe on the panel's left (alpha 0: none) */
    int is_bar;       /* a progress bar instead of text */
    double bar;       /* 0..1 */
    SDL_Color bar_colour;
    int y, h; /* laid out, pixels from the doc's top */
} DocItem;

typedef struct Doc {
    DocItem *items;
    int n, cap;
    int groups;
    int scroll;    /* pixels scrolled from the top */
    int content_h; /* laid out height in pixels */
    int view_h;    /* the viewport's height at the last draw */
    int cur_group; /* the panel being filled (0: none) */
    SDL_Color cur_panel, cur_stripe;
} Doc;

/* Appends a paragraph of text s (any bytes), with s[hl_start..hl_end) highlighted when the
 * span is not empty. Returns the item (borrowed until the next append) or NULL out of
 * memory. */
DocItem *doc_text(Doc *d, FontSet *fs, FontRole role, SDL_Color colour, const char *s, int indent,
                  int gap);
DocItem *doc_text_hl(Doc *d, FontSet *fs, FontRole role, SDL_Color colour, const char *s,
                     size_t hl_start, size_t hl_end, int indent, int gap);
DocItem *doc_bar(Doc *d, double fraction, SDL_Color colour, int indent, int gap);

/* Starts a new panel: the items appended until the next doc_panel (or doc_end_panel) share
 * one background of colour panel with an optional left stripe. */
void doc_panel(Doc *d, SDL_Color panel, SDL_Color stripe);
void doc_end_panel(Doc *d);

/* Lays out for a width in pixels and draws the part inside view. */
void doc_draw(Doc *d, Ui *ui, SDL_Rect view);

/* Scrolls by dy pixels (clamped to the content). */
void doc_scroll(Doc *d, int dy);

void doc_clear(Doc *d); /* frees the items; the doc can be refilled */

#endif
