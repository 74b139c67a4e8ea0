/* settings: the remembered trainee's name in $XDG_CONFIG_HOME/kefu/settings. */
#include "settings.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "base/atomicfile.h"
#include "base/platform.h"
#include "base/text.h"

#define SETTINGS_FILE_MAX (64 * 1024) /* a settings file is a few lines; more is not ours */

int settings_path(char *buf, size_t size)
{
    const char *xdg = getenv("XDG_CONFIG_HOME");
    const char *home = getenv("HOME");
    char appdata[1000];
    buf[0] = 0;
    /* Windows: the user's application data. */
    if (plat_appdata_dir(appdata, sizeof appdata) == 0) {
        snprintf(buf, size, "%s/settings", appdata);
        return 0;
    }
    /* The XDG base directory spec: a relative XDG_CONFIG_HOME is invalid and ignored. */
    if (xdg && xdg[0] == '/')
        snprintf(buf, size, "%s/kefu/settings", xdg);
    else if (home && *home)
        snprintf(buf, size, "%s/.config/kefu/settings", home);
    return buf[0] ? 0 : -1;
}

int settings_name_ok(const char *name)
{
    size_t n = strlen(name);
    if (n == 0 || n >= SETTINGS_NAME_MAX || !text_valid_utf8(name, n, NULL))
        return 0;
    for (size_t i = 0; i < n; i++)
        if ((unsigned char)name[i] < 0x20 || name[i] == 0x7f)
            return 0;
    return 1;
}

static char *trim(char *s)
{
    while (*s == ' ' || *s == '\t')
        s++;
    size_t n = strlen(s);
    while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\r'))
        s[--n] = 0;
    return s;
}

int settings_load(const char *path, Settings *s, KefuError *err)
{
    memset(s, 0, sizeof *s);
    PlatStat st;
    if (plat_stat(path, &st) < 0) {
        if (errno == ENOENT)
            return 0;
        kerr_set(err, "%s: cannot read: %s", path, strerror(errno));
        return -1;
    }
    if (!S_ISREG(st.mode)) {
        kerr_set(err, "%s: not a file", path);
        return -1;
    }
    if (st.size > SETTINGS_FILE_MAX) {
        kerr_set(err, "%s: %lld bytes; a settings file holds a few lines", path,
                 (long long)st.size);
        return -1;
    }
    size_t len = 0;
    char *text = kerr_read_file(path, &len, err);
    if (!text)
        return -1;
    size_t bad = 0;
    int rc = -1;
    if (strlen(text) != len) {
        kerr_set(err, "%s: holds a NUL byte; a settings file is text", path);
        goto done;
    }
    if (!text_valid_utf8(text, len, &bad)) {
        kerr_set(err, "%s: not UTF-8 (byte %zu)", path, bad + 1);
        goto done;
    }
    int lineno = 0;
    for (char *line = text, *next; line && *line; line = next) {
        next = strchr(line, '\n');
        if (next)
            *next++ = 0;
        lineno++;
        char *l = trim(line);
        if (!*l || *l == '#')
            continue;
        char *eq = strchr(l, '=');
        if (!eq) {
            kerr_set(err, "%s:%d: expected \"key = value\", got \"%.60s\"", path, lineno, l);
            goto done;
        }
        *eq = 0;
        char *key = trim(l), *value = trim(eq + 1);
        if (strcmp(key, "mute") == 0) {
            s->mute = strcmp(value, "1") == 0; /* the workbench's chime */
            continue;
        }
        if (strcmp(key, "trainee") != 0)
            continue; /* a later version's setting: not ours to judge */
        if (*value && !settings_name_ok(value)) {
            kerr_set(err,
                     "%s:%d: 'trainee' must be a name of at most %d bytes without control "
                     "characters",
                     path, lineno, SETTINGS_NAME_MAX - 1);
            goto done;
        }
        snprintf(s->trainee, sizeof s->trainee, "%s", value);
    }
    rc = 0;
done:
    if (rc < 0)
        memset(s, 0, sizeof *s);
    free(text);
    return rc;
}

int settings_save(const char *path, const Settings *s, KefuError *err)
{
    char dir[4096];
    atomicfile_dirname(path, dir, sizeof dir);
    if (atomicfile_mkdirs(dir, err) < 0)
        return -1;
    char text[SETTINGS_NAME_MAX + 128];
    int n = snprintf(text, sizeof text,
                     "# kefu play remembers these between launches\n"
                     "trainee = %s\n%s",
                     settings_name_ok(s->trainee) ? s->trainee : "", s->mute ? "mute = 1\n" : "");
    return atomicfile_replace(path, text, (size_t)n, err);
}
