/* assets: where the app's files beside the scenarios are (assets/: the window icon, the
 * chime), the icon set on a window, and the chime played (SDL audio, silent without a
 * device). */
#ifndef KEFU_APP_ASSETS_H
#define KEFU_APP_ASSETS_H

#include <SDL.h>
#include <stddef.h>

/* Finds the asset name (e.g. "chime.wav") and writes its path into buf: the first folder
 * that holds it of $KEFU_ASSETS, assets/ beside the executable, the source tree's assets/,
 * the installed share/kefu/assets. Returns 0, or -1 (buf "") when none has it. */
int assets_find(const char *name, char *buf, size_t size);

/* Sets win's icon from icon.png. Returns 0, or -1 when there is none or it cannot be read
 * (the window keeps the default; never an error for the caller). */
int assets_set_icon(SDL_Window *win);

typedef struct Chime Chime;

/* Opens the chime: chime.wav on the default audio device. Never fails for want of sound: with
 * no audio driver, no device or no file the chime is silent but still counts its plays.
 * Returns NULL only when out of memory. Free with chime_destroy (NULL is fine). */
Chime *chime_create(void);
void chime_destroy(Chime *c);

/* Plays the chime once (cutting short one still playing) unless muted or silent; counts the
 * request either way. NULL does nothing. */
void chime_play(Chime *c, int muted);

/* How many times chime_play was asked to play (muted or not), and whether it can make a
 * sound (a device opened and the file read). */
int chime_plays(const Chime *c);
int chime_audible(const Chime *c);

#endif
