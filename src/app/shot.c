/* shot: renderer pixels to PNG through libpng. */
#include "shot.h"

#include <png.h>
#include <stdio.h>
#include <stdlib.h>

#include "base/platform.h"

SDL_Surface *shot_read(SDL_Renderer *r)
{
    int w = 0, h = 0;
    if (SDL_GetRendererOutputSize(r, &w, &h) < 0)
        return NULL;
    SDL_Surface *s = SDL_CreateRGBSurfaceWithFormat(0, w, h, 32, SDL_PIXELFORMAT_ARGB8888);
    if (!s)
        return NULL;
    if (SDL_RenderReadPixels(r, NULL, SDL_PIXELFORMAT_ARGB8888, s->pixels, s->pitch) < 0) {
        SDL_FreeSurface(s);
        return NULL;
    }
    return s;
}

int shot_write_png(SDL_Surface *src, const char *path, KefuError *err)
{
    SDL_Surface *s = SDL_ConvertSurfaceFormat(src, SDL_PIXELFORMAT_RGB24, 0);
    if (!s) {
        kerr_set(err, "%s: cannot convert the picture: %s", path, SDL_GetError());
        return -1;
    }
    FILE *f = plat_fopen(path, "wb");
    png_structp png = NULL;
    png_infop info = NULL;
    int rc = -1;
    if (!f) {
        kerr_set(err, "%s: cannot open for writing", path);
        goto done;
    }
    png = png_create_write_struct(PNG_LIBPNG_VER_STRING, NULL, NULL, NULL);
    info = png ? png_create_info_struct(png) : NULL;
    if (!png || !info) {
        kerr_set(err, "%s: out of memory", path);
        goto done;
    }
    /* libpng reports errors by longjmp; the rows below are not malloc'd, so nothing leaks. */
    if (setjmp(png_jmpbuf(png))) {
        kerr_set(err, "%s: libpng failed writing the picture", path);
        goto done;
    }
    png_init_io(png, f);
    png_set_IHDR(png, info, (png_uint_32)s->w, (png_uint_32)s->h, 8, PNG_COLOR_TYPE_RGB,
                 PNG_INTERLACE_NONE, PNG_COMPRESSION_TYPE_DEFAULT, PNG_FILTER_TYPE_DEFAULT);
    png_set_compression_level(png, 6);
    png_write_info(png, info);
    for (int y = 0; y < s->h; y++)
        png_write_row(png, (png_const_bytep)((const Uint8 *)s->pixels + (size_t)y * s->pitch));
    png_write_end(png, info);
    rc = 0;
done:
    if (png)
        png_destroy_write_struct(&png, info ? &info : NULL);
    if (f && fclose(f) != 0 && rc == 0) {
        kerr_set(err, "%s: cannot finish writing", path);
        rc = -1;
    }
    SDL_FreeSurface(s);
    return rc;
}
