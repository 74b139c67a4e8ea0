/* textblock: wrapped paragraphs with textures cached per chunk of lines. */
#include "textblock.h"

#include <stdlib.h>
#include <string.h>

void textblock_init(TextBlock *tb, FontRole role, SDL_Color colour)
{
    memset(tb, 0, sizeof *tb);
    tb->role = role;
    tb->colour = colour;
    tb->wrap_w = -1;
    tb->hl_colour = (SDL_Color){255, 228, 140, 255};
}

void textblock_release(TextBlock *tb)
{
    for (int i = 0; i < tb->nchunks; i++) {
        if (tb->chunks[i])
            SDL_DestroyTexture(tb->chunks[i]);
        tb->chunks[i] = NULL;
    }
}

static void drop_layout(TextBlock *tb)
{
    textblock_release(tb);
    free(tb->chunks);
    free(tb->lines);
    tb->chunks = NULL;
    tb->nchunks = 0;
    tb->lines = NULL;
    tb->nlines = 0;
    tb->wrap_w = -1;
    tb->w = tb->h = 0;
}

void textblock_deinit(TextBlock *tb)
{
    drop_layout(tb);
    free(tb->text);
    tb->text = NULL;
    tb->len = 0;
}

int textblock_set(TextBlock *tb, FontSet *fs, const char *s, size_t n, size_t hl_start,
                  size_t hl_end)
{
    drop_layout(tb);
    free(tb->text);
    tb->text = font_displayable(fs, s, n, &tb->len);
    tb->hl_start = tb->hl_end = 0;
    if (!tb->text) {
        tb->len = 0;
        return -1;
    }
    if (hl_end > hl_start && hl_end <= n) {
        /* The displayable form changes characters one by one, so the form of a prefix is a
         * prefix of the form: its length is the span's offset in the displayable text. */
        size_t a = 0, b = 0;
        char *pa = font_displayable(fs, s, hl_start, &a);
        char *pb = font_displayable(fs, s, hl_end, &b);
        if (pa && pb) {
            tb->hl_start = a;
            tb->hl_end = b;
        }
        free(pa);
        free(pb);
    }
    return 0;
}

void textblock_layout(TextBlock *tb, FontSet *fs, int max_w)
{
    if (max_w < 1)
        max_w = 1;
    if (tb->wrap_w == max_w && tb->scale == font_scale(fs) && tb->lines)
        return;
    drop_layout(tb);
    const char *s = tb->text ? tb->text : "";
    int n = font_wrap(fs, tb->role, s, tb->len, max_w, NULL, 0);
    if (n < 1)
        n = 1;
    tb->lines = calloc((size_t)n, sizeof *tb->lines);
    if (!tb->lines)
        return;
    tb->nlines = font_wrap(fs, tb->role, s, tb->len, max_w, tb->lines, n);
    if (tb->nlines < 1) {
        tb->nlines = 1;
        tb->lines[0] = (LineSpan){0, 0, 0};
    }
    tb->nchunks = (tb->nlines + TEXTBLOCK_CHUNK_LINES - 1) / TEXTBLOCK_CHUNK_LINES;
    tb->chunks = calloc((size_t)tb->nchunks, sizeof *tb->chunks);
    if (!tb->chunks)
        tb->nchunks = 0;
    double widest = 0;
    for (int i = 0; i < tb->nlines; i++)
        if (tb->lines[i].width > widest)
            widest = tb->lines[i].width;
    tb->w = (int)widest + 1;
    tb->h = (tb->nlines - 1) * font_lineskip(fs, tb->role) + font_height(fs, tb->role);
    tb->wrap_w = max_w;
    tb->scale = font_scale(fs);
}

/* Highlight boxes behind the lines of one chunk that hold part of the highlighted span. */
static void draw_highlight(TextBlock *tb, FontSet *fs, SDL_Renderer *r, int x, int y, int first,
                           int last)
{
    int skip = font_lineskip(fs, tb->role);
    int h = font_height(fs, tb->role);
    SDL_SetRenderDrawColor(r, tb->hl_colour.r, tb->hl_colour.g, tb->hl_colour.b, tb->hl_colour.a);
    for (int i = first; i < last; i++) {
        const LineSpan *l = &tb->lines[i];
        size_t a = tb->hl_start > l->start ? tb->hl_start : l->start;
        size_t b = tb->hl_end < l->end ? tb->hl_end : l->end;
        if (a >= b)
            continue;
        int x0 = (int)font_measure(fs, tb->role, tb->text + l->start, a - l->start);
        int x1 = (int)font_measure(fs, tb->role, tb->text + l->start, b - l->start);
        SDL_Rect box = {x + x0 - 1, y + i * skip, x1 - x0 + 2, h};
        SDL_RenderFillRect(r, &box);
    }
}

void textblock_draw(TextBlock *tb, FontSet *fs, SDL_Renderer *r, int x, int y, const SDL_Rect *clip)
{
    if (!tb->lines || !tb->text)
        return;
    int skip = font_lineskip(fs, tb->role);
    for (int c = 0; c < tb->nchunks; c++) {
        int first = c * TEXTBLOCK_CHUNK_LINES;
        int last = first + TEXTBLOCK_CHUNK_LINES;
        if (last > tb->nlines)
            last = tb->nlines;
        int cy = y + first * skip;
        int ch = (last - first - 1) * skip + font_height(fs, tb->role);
        if (clip && (cy + ch < clip->y || cy > clip->y + clip->h)) {
            if (tb->chunks[c]) {
                SDL_DestroyTexture(tb->chunks[c]);
                tb->chunks[c] = NULL;
            }
            continue;
        }
        if (tb->hl_end > tb->hl_start)
            draw_highlight(tb, fs, r, x, y, first, last);
        if (!tb->chunks[c]) {
            SDL_Surface *s = font_render_lines(fs, tb->role, tb->text, tb->lines + first,
                                               last - first, 0, tb->colour);
            if (!s)
                continue;
            tb->chunks[c] = SDL_CreateTextureFromSurface(r, s);
            SDL_FreeSurface(s);
            if (!tb->chunks[c])
                continue;
            SDL_SetTextureBlendMode(tb->chunks[c], SDL_BLENDMODE_BLEND);
        }
        int tw, th;
        SDL_QueryTexture(tb->chunks[c], NULL, NULL, &tw, &th);
        SDL_Rect dst = {x, cy, tw, th};
        SDL_RenderCopy(r, tb->chunks[c], NULL, &dst);
    }
}

void textblock_caret(TextBlock *tb, FontSet *fs, size_t off, int *x, int *y)
{
    *x = 0;
    *y = 0;
    if (!tb->lines || !tb->text)
        return;
    int skip = font_lineskip(fs, tb->role);
    /* The caret belongs to the last line that starts at or before it. */
    int line = 0;
    for (int i = 0; i < tb->nlines; i++)
        if (tb->lines[i].start <= off)
            line = i;
    const LineSpan *l = &tb->lines[line];
    size_t end = off < l->end ? off : l->end;
    if (off > l->end) {
        /* Past the shown part: after a newline the caret starts the next (empty) line. */
        if (off > 0 && tb->text[off - 1] == '\n') {
            *y = (line + 1) * skip;
            return;
        }
    }
    *x = (int)font_measure(fs, tb->role, tb->text + l->start, end - l->start);
    *y = line * skip;
}
