/* dest: the results destination, resolved once per command from the flag, the environment
 * and the config file, in that order. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/dest.h"

#include "base/platform.h"

static char *trim(char *s)
{
    while (*s == ' ' || *s == '\t')
        s++;
    size_t n = strlen(s);
    while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\n' || s[n - 1] == '\r'))
        s[--n] = '\0';
    return s;
}

/* Reads the config file at path into out (keys it does not set are left alone). Returns 1
 * when read, 0 when it does not exist, -1 with err. */
static int read_config(const char *path, Dest *out, int *timeout, KefuError *err)
{
    FILE *f = plat_fopen(path, "r");
    if (!f) {
        if (errno == ENOENT)
            return 0;
        kerr_set(err, "%s: cannot read: %s", path, strerror(errno));
        return -1;
    }
    char line[2400];
    int no = 0, rc = 1;
    while (fgets(line, sizeof line, f)) {
        no++;
        char *s = trim(line);
        if (!*s || *s == '#')
            continue;
        char *eq = strchr(s, '=');
        if (!eq) {
            kerr_set(err, "%s:%d: expected \"key = value\"; got \"%.60s\"", path, no, s);
            rc = -1;
            break;
        }
        *eq = '\0';
        char *key = trim(s), *val = trim(eq + 1);
        if (strcmp(key, "db") == 0) {
            if (strlen(val) >= sizeof out->url) {
                kerr_set(err, "%s:%d: db: the URL is too long", path, no);
                rc = -1;
                break;
            }
            snprintf(out->url, sizeof out->url, "%s", val);
        } else if (strcmp(key, "timeout") == 0) {
            char *end;
            long t = strtol(val, &end, 10);
            if (!*val || *end || t < 1 || t > 3600) {
                kerr_set(err, "%s:%d: timeout: expected seconds from 1 to 3600; got \"%s\"", path,
                         no, val);
                rc = -1;
                break;
            }
            *timeout = (int)t;
        } else {
            kerr_set(err, "%s:%d: unknown key \"%s\" (known: db, timeout)", path, no, key);
            rc = -1;
            break;
        }
    }
    fclose(f);
    return rc;
}

int dest_resolve(const char *flag, Dest *out, KefuError *err)
{
    memset(out, 0, sizeof *out);
    char path[1100] = "", appdata[1000];
    const char *env = getenv("KEFU_CONFIG");
    const char *xdg = getenv("XDG_CONFIG_HOME"), *home = getenv("HOME");
    int timeout = 0, found = 0;
    /* Windows keeps it in the user's application data; POSIX has XDG and /etc. */
    int windows = plat_appdata_dir(appdata, sizeof appdata) == 0;
    if (env && *env) {
        snprintf(path, sizeof path, "%s", env);
    } else if (windows) {
        snprintf(path, sizeof path, "%s/config", appdata);
    } else {
        if (xdg && *xdg)
            snprintf(path, sizeof path, "%s/kefu/config", xdg);
        else if (home && *home)
            snprintf(path, sizeof path, "%s/.config/kefu/config", home);
    }
    if (*path && (found = read_config(path, out, &timeout, err)) < 0)
        return -1;
    if (!found && !(env && *env) && !windows) {
        snprintf(path, sizeof path, "/etc/kefu/config");
        if ((found = read_config(path, out, &timeout, err)) < 0)
            return -1;
    }
    if (found && *out->url)
        snprintf(out->from, sizeof out->from, "%s", path);
    const char *e = getenv("KEFU_DB");
    if (e && *e) {
        snprintf(out->url, sizeof out->url, "%s", e);
        snprintf(out->from, sizeof out->from, "KEFU_DB");
    }
    if (flag && *flag) {
        snprintf(out->url, sizeof out->url, "%s", flag);
        snprintf(out->from, sizeof out->from, "--db");
    }
    const char *t = getenv("KEFU_DB_TIMEOUT");
    if (t && *t) {
        char *end;
        long v = strtol(t, &end, 10);
        if (*end || v < 1 || v > 3600) {
            kerr_set(err, "KEFU_DB_TIMEOUT: expected seconds from 1 to 3600; got \"%s\"", t);
            return -1;
        }
        timeout = (int)v;
    }
    out->timeout_s = timeout;
    return *out->url ? 1 : 0;
}

void dest_redact(const char *url, char *buf, size_t size)
{
    /* postgresql://user:secret@host/db: the password sits between the first ':' after the
     * scheme and the '@'. A "password=" keyword is cut at its value. */
    snprintf(buf, size, "%s", url);
    char *scheme = strstr(buf, "://");
    if (scheme) {
        char *at = strchr(scheme + 3, '@');
        char *colon = strchr(scheme + 3, ':');
        if (at && colon && colon < at) {
            char rest[2400];
            snprintf(rest, sizeof rest, "%s", at);
            snprintf(colon, size - (size_t)(colon - buf), ":***%s", rest);
        }
    }
    char *pw = strstr(buf, "password=");
    if (pw) {
        pw += strlen("password=");
        char *end = pw + strcspn(pw, " &");
        char rest[2400];
        snprintf(rest, sizeof rest, "%s", end);
        snprintf(pw, size - (size_t)(pw - buf), "***%s", rest);
    }
}
