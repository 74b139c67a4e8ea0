/* textblock: a paragraph of text wrapped to a width (UAX #14 through font_wrap) and
 * rendered into cached textures, one per chunk of lines, re-rendered only when the width,
 * the text or the scale changes; so a long conversation costs copies, not glyph rendering. */
#ifndef KEFU_APP_TEXTBLOCK_H
#define KEFU_APP_TEXTBLOCK_H

#include <SDL.h>

#include "font.h"

#define TEXTBLOCK_CHUNK_LINES 24

typedef struct TextBlock {
    char *text; /* displayable form (font_displayable), owned */
    size_t len;
    FontRole role;
    SDL_Color colour;
    float scale; /* the font scale it was laid out at */
    int wrap_w;  /* the width it was laid out for; -1: not laid out */
    LineSpan *lines;
    int nlines;
    int w, h;                /* laid-out size in pixels (w: the widest line) */
    size_t hl_start, hl_end; /* highlighted span in the displayable text (empty: none) */
    SDL_Color hl_colour;
    SDL_Texture **chunks; /* one texture per TEXTBLOCK_CHUNK_LINES lines, made on demand */
    int nchunks;
} TextBlock;

/* Zero-initialises with a role and colour; no allocation. */
void textblock_init(TextBlock *tb, FontRole role, SDL_Color colour);

/* Replaces the text with the displayable form of s[0..n) (any bytes); if hl_end > hl_start,
 * the original bytes s[hl_start..hl_end) are drawn highlighted. Drops the layout and the
 * textures. Returns 0, or -1 out of memory (the block is then empty). */
int textblock_set(TextBlock *tb, FontSet *fs, const char *s, size_t n, size_t hl_start,
                  size_t hl_end);

/* Wraps to max_w pixels unless already laid out for this width and the font's scale. */
void textblock_layout(TextBlock *tb, FontSet *fs, int max_w);

/* Draws at (x, y); only the chunks that meet clip (NULL: everything) are rendered and drawn,
 * and chunks out of it are freed. */
void textblock_draw(TextBlock *tb, FontSet *fs, SDL_Renderer *r, int x, int y,
                    const SDL_Rect *clip);

/* Frees the textures (kept: text and layout). */
void textblock_release(TextBlock *tb);

/* Pixel position (relative to the block) just left of byte offset off of the displayable
 * text: the caret's place. */
void textblock_caret(TextBlock *tb, FontSet *fs, size_t off, int *x, int *y);

void textblock_deinit(TextBlock *tb);

#endif
