/* shot: what the renderer shows, saved as a PNG (through libpng): for tests, docs and the
 * trainee's own screenshot key. */
#ifndef KEFU_APP_SHOT_H
#define KEFU_APP_SHOT_H

#include <SDL.h>

#include "base/kerr.h"

/* Reads the renderer's current target into a new ARGB8888 surface the caller frees, or NULL
 * (SDL_GetError says why). Call after drawing, before SDL_RenderPresent on renderers that
 * discard the back buffer. */
SDL_Surface *shot_read(SDL_Renderer *r);

/* Writes an ARGB8888 or any 32-bit surface as an 8-bit RGB PNG at path. Returns 0, or -1
 * with err naming the path. */
int shot_write_png(SDL_Surface *s, const char *path, KefuError *err);

#endif
