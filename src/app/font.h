/* font: the app's faces (a simplified-Chinese sans found by fontfind.h, opened at the
 * right face index), per-character advances, fallback fonts for what the main face lacks,
 * text forms for what no font has (emoji), and rendering of already-wrapped lines. */
#ifndef KEFU_APP_FONT_H
#define KEFU_APP_FONT_H

#include <SDL.h>
#include <stddef.h>
#include <stdint.h>

#include "base/kerr.h"
#include "base/linebreak.h"

typedef enum FontRole {
    FONT_SMALL, /* times, hints, hits under bubbles */
    FONT_BODY,  /* messages, inputs, lists */
    FONT_BOLD,  /* names, headings */
    FONT_TITLE, /* screen titles */
    FONT_HUGE,  /* the score */
    FONT_COUNT
} FontRole;

typedef struct FontSet FontSet;

/* Counters a test reads to prove nothing was drawn as a box. */
typedef struct FontStats {
    long glyphs_drawn;    /* characters handed to a font to draw */
    long boxes;           /* of those, characters the font did not provide (must stay 0) */
    long fallback_glyphs; /* characters drawn with a fallback font */
    long text_forms;      /* characters no font has, shown as a text form like [微笑] */
    long renders;         /* line surfaces rendered (cache misses) */
} FontStats;

/* Finds the faces through fontconfig ("sans-serif:lang=zh-cn", regular and bold, with
 * FC_INDEX) and opens them at the base point sizes times scale (the drawable/window size
 * ratio on high-DPI screens). Returns NULL with err naming what was missing. The caller
 * frees it with font_destroy. */
FontSet *font_create(float scale, KefuError *err);
void font_destroy(FontSet *fs);

/* Reopens every face at a new scale (no-op when unchanged). Returns 0 or -1 with err. */
int font_set_scale(FontSet *fs, float scale, KefuError *err);
float font_scale(const FontSet *fs);

/* The main face's file and face index as fontconfig reported them. Borrowed strings. */
const char *font_file(const FontSet *fs);
int font_face_index(const FontSet *fs);
const char *font_family(const FontSet *fs);

int font_lineskip(const FontSet *fs, FontRole role); /* pixels from one baseline to the next */
int font_height(const FontSet *fs, FontRole role);

/* The horizontal advance of one character in pixels, as drawn (main face or fallback). */
double font_advance(FontSet *fs, FontRole role, uint32_t cp);

/* The text as it can be drawn: malformed bytes become U+FFFD, control characters other than
 * newline are dropped (tab becomes a space), and characters no installed font provides
 * (emoji) become a text form such as [微笑] or [表情]. Returns a malloc'd NUL-terminated
 * string the caller frees (length in *out_len), or NULL out of memory. */
char *font_displayable(FontSet *fs, const char *s, size_t n, size_t *out_len);

/* Width in pixels of s[0..n) (already displayable) on one line. */
double font_measure(FontSet *fs, FontRole role, const char *s, size_t n);

/* Wraps displayable text into lines at most max_w pixels wide (UAX #14 through linebreak).
 * Same contract as linebreak_wrap. */
int font_wrap(FontSet *fs, FontRole role, const char *s, size_t n, double max_w, LineSpan *lines,
              int max_lines);

/* Renders lines[0..nlines) of displayable text s, each on its own row lineskip apart, in
 * colour, into a new ARGB surface of width w (0: the widest line) the caller frees. Each
 * run of characters is drawn with the face that provides it. NULL on failure. */
SDL_Surface *font_render_lines(FontSet *fs, FontRole role, const char *s, const LineSpan *lines,
                               int nlines, int w, SDL_Color colour);

/* Renders one line of displayable text s[0..n) (no wrapping) into a new surface. */
SDL_Surface *font_render(FontSet *fs, FontRole role, const char *s, size_t n, SDL_Color colour);

/* Process-wide counters since start (or the last reset). */
const FontStats *font_stats(void);
void font_stats_reset(void);

#endif
