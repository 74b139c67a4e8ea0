/* font: faces per role (found by fontfind), advances, fallbacks and text forms, line rendering. */
#include "font.h"

#include <SDL_ttf.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "base/text.h"
#include "fontfind.h"

/* Point sizes at scale 1, and whether the role uses the bold face. */
static const struct {
    int pt;
    int bold;
} role_spec[FONT_COUNT] = {
    [FONT_SMALL] = {12, 0}, [FONT_BODY] = {15, 0}, [FONT_BOLD] = {15, 1},
    [FONT_TITLE] = {21, 1}, [FONT_HUGE] = {44, 1},
};

#define MAX_FALLBACKS 6

typedef struct Face {
    char *file;
    int index;
    TTF_Font *at[FONT_COUNT]; /* opened lazily for fallbacks, eagerly for the main faces */
} Face;

/* What is known about one character: which face draws it, and its advance per role. */
typedef struct Glyph {
    uint32_t key;          /* cp + 1; 0 marks an empty slot */
    int8_t face;           /* 0 main, 1.. fallbacks[face - 1], -1 none (text form) */
    float adv[FONT_COUNT]; /* < 0: not measured yet */
} Glyph;

struct FontSet {
    float scale;
    Face regular;
    Face bold;
    char *family;
    Face fallback[MAX_FALLBACKS];
    int nfallback;
    Glyph *glyphs;
    size_t cap; /* power of two */
    size_t used;
};

static FontStats stats;

const FontStats *font_stats(void)
{
    return &stats;
}

void font_stats_reset(void)
{
    memset(&stats, 0, sizeof stats);
}

/* ------------------------------------------------------------------------------------------ */
/* Finding faces.                                                                             */

static int role_pt(const FontSet *fs, FontRole role)
{
    int pt = (int)lroundf((float)role_spec[role].pt * fs->scale);
    return pt < 4 ? 4 : pt;
}

static TTF_Font *face_font(FontSet *fs, Face *f, FontRole role)
{
    if (!f->at[role])
        f->at[role] = TTF_OpenFontIndex(f->file, role_pt(fs, role), f->index);
    return f->at[role];
}

static void face_close(Face *f)
{
    for (int r = 0; r < FONT_COUNT; r++)
        if (f->at[r])
            TTF_CloseFont(f->at[r]);
    free(f->file);
    memset(f, 0, sizeof *f);
}

/* The main font of a role. */
static TTF_Font *main_font(FontSet *fs, FontRole role)
{
    return face_font(fs, role_spec[role].bold ? &fs->bold : &fs->regular, role);
}

FontSet *font_create(float scale, KefuError *err)
{
    FontSet *fs = calloc(1, sizeof *fs);
    if (!fs) {
        kerr_set(err, "font: out of memory");
        return NULL;
    }
    fs->scale = scale > 0 ? scale : 1;
    if (!TTF_WasInit() && TTF_Init() < 0) {
        kerr_set(err, "font: TTF_Init failed: %s", TTF_GetError());
        goto fail;
    }
    if (fontfind_init(err) < 0)
        goto fail;
    if (fontfind_match("sans-serif:lang=zh-cn", &fs->regular.file, &fs->regular.index, &fs->family,
                       err) < 0)
        goto fail;
    /* A real bold face when there is one (Noto has); else the regular one again. */
    KefuError no_bold;
    if (fontfind_match("sans-serif:lang=zh-cn:weight=bold", &fs->bold.file, &fs->bold.index, NULL,
                       &no_bold) < 0) {
        fs->bold.file = strdup(fs->regular.file);
        fs->bold.index = fs->regular.index;
    }
    for (int r = 0; r < FONT_COUNT; r++) {
        if (!main_font(fs, (FontRole)r)) {
            kerr_set(err, "font: %s (face %d): %s",
                     role_spec[r].bold ? fs->bold.file : fs->regular.file,
                     role_spec[r].bold ? fs->bold.index : fs->regular.index, TTF_GetError());
            goto fail;
        }
    }
    /* The bold match can come back as a face without CJK (a Latin bold): then the regular
     * face stands in for bold too. */
    if (!TTF_GlyphIsProvided32(main_font(fs, FONT_BOLD), 0x4F60 /* 你 */)) {
        face_close(&fs->bold);
        fs->bold.file = strdup(fs->regular.file);
        fs->bold.index = fs->regular.index;
    }
    fs->cap = 1024;
    fs->glyphs = calloc(fs->cap, sizeof *fs->glyphs);
    if (!fs->glyphs) {
        kerr_set(err, "font: out of memory");
        goto fail;
    }
    return fs;
fail:
    font_destroy(fs);
    return NULL;
}

void font_destroy(FontSet *fs)
{
    if (!fs)
        return;
    face_close(&fs->regular);
    face_close(&fs->bold);
    for (int i = 0; i < fs->nfallback; i++)
        face_close(&fs->fallback[i]);
    free(fs->family);
    free(fs->glyphs);
    free(fs);
}

static void forget_advances(FontSet *fs)
{
    for (size_t i = 0; i < fs->cap; i++)
        for (int r = 0; r < FONT_COUNT; r++)
            fs->glyphs[i].adv[r] = -1;
}

int font_set_scale(FontSet *fs, float scale, KefuError *err)
{
    if (scale <= 0 || fabsf(scale - fs->scale) < 0.01f)
        return 0;
    fs->scale = scale;
    Face *faces[2 + MAX_FALLBACKS] = {&fs->regular, &fs->bold};
    int nf = 2;
    for (int i = 0; i < fs->nfallback; i++)
        faces[nf++] = &fs->fallback[i];
    for (int i = 0; i < nf; i++) {
        for (int r = 0; r < FONT_COUNT; r++) {
            if (faces[i]->at[r] && TTF_SetFontSize(faces[i]->at[r], role_pt(fs, (FontRole)r))) {
                kerr_set(err, "font: %s: cannot resize: %s", faces[i]->file, TTF_GetError());
                return -1;
            }
        }
    }
    forget_advances(fs);
    return 0;
}

float font_scale(const FontSet *fs)
{
    return fs->scale;
}

const char *font_file(const FontSet *fs)
{
    return fs->regular.file;
}

int font_face_index(const FontSet *fs)
{
    return fs->regular.index;
}

const char *font_family(const FontSet *fs)
{
    return fs->family ? fs->family : "";
}

int font_lineskip(const FontSet *fs, FontRole role)
{
    return TTF_FontLineSkip(main_font((FontSet *)fs, role));
}

int font_height(const FontSet *fs, FontRole role)
{
    return TTF_FontHeight(main_font((FontSet *)fs, role));
}

/* ------------------------------------------------------------------------------------------ */
/* Which face draws a character.                                                              */

/* One face fontfind offers for Offer.cp: a fallback already open, or a new one when SDL_ttf says
 * it draws cp (fontconfig's charset and FreeType's cmap can disagree: bitmap-only emoji fonts,
 * Type 1 encodings). Returns nonzero once found. */
typedef struct Offer {
    FontSet *fs;
    uint32_t cp;
    int found;
} Offer;

static int take_fallback(void *ctx, const char *file, int index)
{
    Offer *o = ctx;
    FontSet *fs = o->fs;
    for (int k = 0; k < fs->nfallback; k++)
        if (strcmp(fs->fallback[k].file, file) == 0 && fs->fallback[k].index == index)
            o->found = k + 1;
    if (o->found < 0 && fs->nfallback < MAX_FALLBACKS) {
        Face *f = &fs->fallback[fs->nfallback];
        f->file = strdup(file);
        f->index = index;
        TTF_Font *t = f->file ? face_font(fs, f, FONT_BODY) : NULL;
        if (t && TTF_GlyphIsProvided32(t, o->cp))
            o->found = ++fs->nfallback;
        else
            face_close(f);
    }
    return o->found >= 0;
}

/* Finds an installed face that draws cp; adds it to the fallbacks. Returns its face number
 * (1..) or -1. */
static int find_fallback(FontSet *fs, uint32_t cp)
{
    Offer o = {fs, cp, -1};
    fontfind_each_with(cp, take_fallback, &o);
    return o.found;
}

static void grow(FontSet *fs);

static Glyph *glyph(FontSet *fs, uint32_t cp)
{
    size_t mask = fs->cap - 1;
    size_t h = (cp * 2654435761u) & mask;
    while (fs->glyphs[h].key && fs->glyphs[h].key != cp + 1)
        h = (h + 1) & mask;
    Glyph *g = &fs->glyphs[h];
    if (g->key)
        return g;
    if ((fs->used + 1) * 2 > fs->cap) {
        grow(fs);
        return glyph(fs, cp);
    }
    g->key = cp + 1;
    for (int r = 0; r < FONT_COUNT; r++)
        g->adv[r] = -1;
    if (TTF_GlyphIsProvided32(main_font(fs, FONT_BODY), cp))
        g->face = 0;
    else
        g->face = (int8_t)find_fallback(fs, cp);
    fs->used++;
    return g;
}

static void grow(FontSet *fs)
{
    Glyph *old = fs->glyphs;
    size_t oldcap = fs->cap;
    Glyph *fresh = calloc(oldcap * 2, sizeof *fresh);
    if (!fresh)
        abort(); /* a few thousand characters of cache: failing here means no memory at all */
    fs->glyphs = fresh;
    fs->cap = oldcap * 2;
    size_t mask = fs->cap - 1;
    for (size_t i = 0; i < oldcap; i++) {
        if (!old[i].key)
            continue;
        size_t h = ((old[i].key - 1) * 2654435761u) & mask;
        while (fresh[h].key)
            h = (h + 1) & mask;
        fresh[h] = old[i];
    }
    free(old);
}

static TTF_Font *glyph_font(FontSet *fs, const Glyph *g, FontRole role)
{
    if (g->face == 0)
        return main_font(fs, role);
    if (g->face > 0)
        return face_font(fs, &fs->fallback[g->face - 1], role);
    return NULL;
}

double font_advance(FontSet *fs, FontRole role, uint32_t cp)
{
    if (cp == '\n' || cp == '\r')
        return 0;
    Glyph *g = glyph(fs, cp);
    if (g->adv[role] < 0) {
        TTF_Font *f = glyph_font(fs, g, role);
        int adv = 0;
        if (!f || TTF_GlyphMetrics32(f, cp, NULL, NULL, NULL, NULL, &adv) < 0)
            adv = 0;
        g->adv[role] = (float)adv;
    }
    return g->adv[role];
}

/* ------------------------------------------------------------------------------------------ */
/* Text forms for what no font draws.                                                         */

static const struct {
    uint32_t cp;
    const char *form;
} text_forms[] = {
    {0x1F60A, "[微笑]"}, {0x1F642, "[微笑]"}, {0x263A, "[微笑]"},  {0x1F600, "[大笑]"},
    {0x1F603, "[大笑]"}, {0x1F604, "[大笑]"}, {0x1F601, "[呲牙]"}, {0x1F602, "[笑哭]"},
    {0x1F923, "[笑哭]"}, {0x1F605, "[汗]"},   {0x1F609, "[眨眼]"}, {0x1F60D, "[色]"},
    {0x1F618, "[飞吻]"}, {0x1F62D, "[大哭]"}, {0x1F622, "[流泪]"}, {0x1F621, "[发怒]"},
    {0x1F620, "[生气]"}, {0x1F624, "[哼]"},   {0x1F614, "[难过]"}, {0x1F61E, "[失望]"},
    {0x1F631, "[惊恐]"}, {0x1F62E, "[惊讶]"}, {0x1F914, "[思考]"}, {0x1F644, "[白眼]"},
    {0x1F44D, "[赞]"},   {0x1F44E, "[踩]"},   {0x1F44C, "[OK]"},   {0x1F64F, "[拜托]"},
    {0x1F91D, "[握手]"}, {0x1F4AA, "[加油]"}, {0x1F44F, "[鼓掌]"}, {0x2764, "[爱心]"},
    {0x1F495, "[爱心]"}, {0x1F339, "[玫瑰]"}, {0x1F389, "[庆祝]"}, {0x1F381, "[礼物]"},
    {0x1F4E6, "[包裹]"}, {0x1F69A, "[货车]"}, {0x2705, "[对]"},    {0x274C, "[错]"},
    {0x1F525, "[火]"},   {0x2B50, "[星星]"},  {0x1F31F, "[星星]"}, {0x1F4B0, "[钱]"},
    /* the app's own marks, where no font has them (Wine; a Windows without Segoe UI Symbol):
     * the multiplication sign and the radical every CJK font holds, never "[表情]" */
    {0x2717, "×"},       {0x2718, "×"},       {0x2713, "√"},       {0x2714, "√"},
};

/* Invisible joiners and selectors: dropped when no font has them (they only modify). */
static int is_modifier(uint32_t cp)
{
    return (cp >= 0xFE00 && cp <= 0xFE0F) || cp == 0x200D || cp == 0x200B || cp == 0x200C ||
           (cp >= 0x1F3FB && cp <= 0x1F3FF) || (cp >= 0xE0000 && cp <= 0xE01EF) || cp == 0x20E3 ||
           cp == 0xFEFF;
}

static int is_pictograph(uint32_t cp)
{
    return (cp >= 0x1F000 && cp <= 0x1FAFF) || (cp >= 0x2600 && cp <= 0x27BF) ||
           (cp >= 0x2B00 && cp <= 0x2BFF);
}

static const char *text_form(uint32_t cp)
{
    for (size_t i = 0; i < sizeof text_forms / sizeof text_forms[0]; i++)
        if (text_forms[i].cp == cp)
            return text_forms[i].form;
    if (is_modifier(cp))
        return "";
    if (is_pictograph(cp))
        return "[表情]";
    return "?";
}

char *font_displayable(FontSet *fs, const char *s, size_t n, size_t *out_len)
{
    /* A text form is at most 9 bytes ("[表情]") for a character of at least 1 byte. */
    size_t cap = n * 9 + 1;
    char *out = malloc(cap);
    if (!out)
        return NULL;
    size_t o = 0, i = 0;
    while (i < n) {
        uint32_t cp = text_next(s, n, &i);
        if (cp == '\t')
            cp = ' ';
        if (cp == '\r')
            continue;
        if (cp != '\n' && (cp < 0x20 || (cp >= 0x7F && cp < 0xA0) || cp == 0x2028 || cp == 0x2029))
            continue;
        if (cp == '\n' || glyph(fs, cp)->face >= 0) {
            o += (size_t)text_put(out + o, cp);
            continue;
        }
        const char *form = text_form(cp);
        size_t fl = strlen(form);
        memcpy(out + o, form, fl);
        o += fl;
        if (fl)
            stats.text_forms++;
    }
    out[o] = 0;
    if (out_len)
        *out_len = o;
    return out;
}

double font_measure(FontSet *fs, FontRole role, const char *s, size_t n)
{
    double w = 0;
    size_t i = 0;
    while (i < n)
        w += font_advance(fs, role, text_next(s, n, &i));
    return w;
}

typedef struct AdvanceCtx {
    FontSet *fs;
    FontRole role;
} AdvanceCtx;

static double advance_cb(void *ud, uint32_t cp)
{
    AdvanceCtx *c = ud;
    return font_advance(c->fs, c->role, cp);
}

int font_wrap(FontSet *fs, FontRole role, const char *s, size_t n, double max_w, LineSpan *lines,
              int max_lines)
{
    AdvanceCtx c = {fs, role};
    return linebreak_wrap(s, n, "zh", max_w, advance_cb, &c, lines, max_lines);
}

/* ------------------------------------------------------------------------------------------ */
/* Rendering.                                                                                 */

/* Renders one line s[0..n) at (x0, y0) of dst, run by run (a run: characters of one face).
 * Returns the x reached. */
static int draw_line(FontSet *fs, FontRole role, const char *s, size_t n, SDL_Surface *dst, int x0,
                     int y0, SDL_Color colour)
{
    char run[1024];
    int x = x0;
    size_t i = 0;
    TTF_Font *base = main_font(fs, role);
    while (i < n) {
        size_t start = i;
        uint32_t cp = text_next(s, n, &i);
        Glyph *g = glyph(fs, cp);
        TTF_Font *f = glyph_font(fs, g, role);
        int face = g->face;
        size_t end = i;
        /* Extend the run while the face stays the same and the scratch buffer has room. */
        while (end < n && end - start < sizeof run - 8) {
            size_t j = end;
            uint32_t c2 = text_next(s, n, &j);
            if (glyph(fs, c2)->face != face)
                break;
            end = j;
        }
        i = end;
        memcpy(run, s + start, end - start);
        run[end - start] = 0;
        /* Count what is handed to the font and whether the font really has it: a box would
         * show up here, and the GUI tests assert there is none. */
        size_t k = 0;
        while (k < end - start) {
            uint32_t c = text_next(run, end - start, &k);
            stats.glyphs_drawn++;
            if (face > 0)
                stats.fallback_glyphs++;
            if (!f || !TTF_GlyphIsProvided32(f, c))
                stats.boxes++;
        }
        if (!f)
            continue;
        SDL_Surface *rs = TTF_RenderUTF8_Blended(f, run, colour);
        if (!rs)
            continue;
        /* Runs of another face sit on the main face's baseline. */
        int dy = f == base ? 0 : TTF_FontAscent(base) - TTF_FontAscent(f);
        SDL_Rect r = {x, y0 + dy, rs->w, rs->h};
        /* Copy, not blend: the line surface is transparent and runs never overlap, so the
         * glyphs keep their own alpha and are blended once, when the texture is drawn. */
        SDL_SetSurfaceBlendMode(rs, SDL_BLENDMODE_NONE);
        SDL_BlitSurface(rs, NULL, dst, &r);
        x += rs->w;
        SDL_FreeSurface(rs);
    }
    return x;
}

SDL_Surface *font_render_lines(FontSet *fs, FontRole role, const char *s, const LineSpan *lines,
                               int nlines, int w, SDL_Color colour)
{
    int skip = font_lineskip(fs, role);
    int h = font_height(fs, role);
    if (w <= 0) {
        double widest = 1;
        for (int i = 0; i < nlines; i++)
            if (lines[i].width > widest)
                widest = lines[i].width;
        w = (int)ceil(widest) + 2; /* shaping can add a pixel or two of kerning */
    }
    int height = nlines > 0 ? (nlines - 1) * skip + h : h;
    SDL_Surface *surf = SDL_CreateRGBSurfaceWithFormat(0, w, height, 32, SDL_PIXELFORMAT_ARGB8888);
    if (!surf)
        return NULL;
    SDL_FillRect(surf, NULL, SDL_MapRGBA(surf->format, colour.r, colour.g, colour.b, 0));
    for (int i = 0; i < nlines; i++)
        draw_line(fs, role, s + lines[i].start, lines[i].end - lines[i].start, surf, 0, i * skip,
                  colour);
    stats.renders++;
    return surf;
}

SDL_Surface *font_render(FontSet *fs, FontRole role, const char *s, size_t n, SDL_Color colour)
{
    LineSpan line = {0, n, font_measure(fs, role, s, n)};
    return font_render_lines(fs, role, s, &line, 1, 0, colour);
}
