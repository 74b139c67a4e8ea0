/* assets: the app's files found in the build tree, beside the executable or installed; the
 * window icon read with libpng; the chime through SDL's audio queue. */
#include "assets.h"

#include <png.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "base/platform.h"

#ifndef KEFU_ASSETS_INSTALL_DIR
#define KEFU_ASSETS_INSTALL_DIR ""
#endif
#ifndef KEFU_SOURCE_DIR
#define KEFU_SOURCE_DIR ""
#endif

static int is_file(const char *path)
{
    PlatStat st;
    return plat_stat(path, &st) == 0 && S_ISREG(st.mode);
}

static int try_dir(const char *dir, const char *sep, const char *name, char *buf, size_t size)
{
    if (!dir || !*dir)
        return -1;
    int n = snprintf(buf, size, "%s%s%s", dir, sep, name);
    if (n < 0 || (size_t)n >= size || !is_file(buf)) {
        buf[0] = 0;
        return -1;
    }
    return 0;
}

int assets_find(const char *name, char *buf, size_t size)
{
    if (try_dir(getenv("KEFU_ASSETS"), "/", name, buf, size) == 0)
        return 0;
    /* Beside the executable: SDL's base path ends with its separator. */
    char *base = SDL_GetBasePath();
    int found = base && try_dir(base, "assets/", name, buf, size) == 0;
    SDL_free(base);
    if (found)
        return 0;
    if (try_dir(KEFU_SOURCE_DIR, "/assets/", name, buf, size) == 0)
        return 0;
    if (try_dir(KEFU_ASSETS_INSTALL_DIR, "/", name, buf, size) == 0)
        return 0;
    buf[0] = 0;
    return -1;
}

int assets_set_icon(SDL_Window *win)
{
    char path[4096];
    if (assets_find("icon.png", path, sizeof path) < 0)
        return -1;
    FILE *f = plat_fopen(path, "rb"); /* libpng's own fopen takes no UTF-8 name on Windows */
    if (!f)
        return -1;
    png_image img;
    memset(&img, 0, sizeof img);
    img.version = PNG_IMAGE_VERSION;
    int ok = 0;
    SDL_Surface *s = NULL;
    if (png_image_begin_read_from_stdio(&img, f)) {
        img.format = PNG_FORMAT_RGBA;
        if (img.width > 0 && img.width <= 1024 && img.height > 0 && img.height <= 1024)
            s = SDL_CreateRGBSurfaceWithFormat(0, (int)img.width, (int)img.height, 32,
                                               SDL_PIXELFORMAT_RGBA32);
        if (s)
            ok = png_image_finish_read(&img, NULL, s->pixels, s->pitch, NULL);
        else
            png_image_free(&img);
    }
    fclose(f);
    if (ok)
        SDL_SetWindowIcon(win, s);
    SDL_FreeSurface(s);
    return ok ? 0 : -1;
}

/* ------------------------------------------------------------------------------------------ */
/* The chime.                                                                                 */

struct Chime {
    SDL_AudioDeviceID dev; /* 0: silent */
    Uint8 *wav;
    Uint32 len;
    int audio_init; /* this chime initialised SDL's audio subsystem */
    int plays;
};

Chime *chime_create(void)
{
    Chime *c = calloc(1, sizeof *c);
    if (!c)
        return NULL;
    char path[4096];
    SDL_AudioSpec spec;
    /* No driver, no device, no file: the workbench goes on without sound. */
    if (assets_find("chime.wav", path, sizeof path) < 0 ||
        !SDL_LoadWAV(path, &spec, &c->wav, &c->len))
        return c;
    if (!SDL_WasInit(SDL_INIT_AUDIO)) {
        if (SDL_InitSubSystem(SDL_INIT_AUDIO) < 0)
            return c;
        c->audio_init = 1;
    }
    c->dev = SDL_OpenAudioDevice(NULL, 0, &spec, NULL, 0);
    return c;
}

void chime_destroy(Chime *c)
{
    if (!c)
        return;
    if (c->dev)
        SDL_CloseAudioDevice(c->dev);
    SDL_FreeWAV(c->wav);
    if (c->audio_init)
        SDL_QuitSubSystem(SDL_INIT_AUDIO);
    free(c);
}

void chime_play(Chime *c, int muted)
{
    if (!c)
        return;
    c->plays++;
    if (muted || !c->dev || !c->wav)
        return;
    SDL_ClearQueuedAudio(c->dev);
    if (SDL_QueueAudio(c->dev, c->wav, c->len) == 0)
        SDL_PauseAudioDevice(c->dev, 0);
}

int chime_plays(const Chime *c)
{
    return c ? c->plays : 0;
}

int chime_audible(const Chime *c)
{
    return c && c->dev && c->wav;
}
