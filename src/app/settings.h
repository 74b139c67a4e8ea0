/* settings: what the app remembers between launches (the trainee's name, the chime muted), in a
 * small text file under the user's XDG config folder, written crash-safe; a broken file is
 * reported and ignored, never trusted. No SDL: tests read and write it directly. */
#ifndef KEFU_APP_SETTINGS_H
#define KEFU_APP_SETTINGS_H

#include <stddef.h>

#include "base/kerr.h"

#define SETTINGS_NAME_MAX 256 /* bytes of a remembered name, with its NUL */

typedef struct Settings {
    char trainee[SETTINGS_NAME_MAX]; /* "" when none */
    int mute;                        /* the rush workbench's chime is off ("mute = 1") */
} Settings;

/* The settings file's path into buf: $XDG_CONFIG_HOME/kefu/settings when that variable holds an
 * absolute path, else $HOME/.config/kefu/settings; on Windows %APPDATA%\kefu/settings. Returns 0,
 * or -1 (buf "") when none is set. */
int settings_path(char *buf, size_t size);

/* Reads the file at path into s (emptied first). Lines are "key = value" (UTF-8), blank lines
 * and lines starting with # are skipped, unknown keys are ignored (a later version's). A file
 * that does not exist holds no settings: returns 0. Returns -1 with err "PATH:LINE: problem"
 * when the file cannot be read or is broken (not UTF-8, a line without "=", a control
 * character or an over-long name); s is then left empty. */
int settings_load(const char *path, Settings *s, KefuError *err);

/* Writes s to path through atomicfile (the old file or the new one, never half), creating the
 * folder. Returns 0, or -1 with err naming the path. */
int settings_save(const char *path, const Settings *s, KefuError *err);

/* 1 when name can be remembered: non-empty, valid UTF-8, no control characters, shorter
 * than SETTINGS_NAME_MAX bytes. */
int settings_name_ok(const char *name);

#endif
