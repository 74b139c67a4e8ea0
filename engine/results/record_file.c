/* record_file: results files written crash-safe: a temp file beside the target, fsync, link
 * or rename into place, fsync the folder; never replacing another session's file. */
#include "results/record.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cjson/cJSON.h>

/* ------------------------------------------------------------------------ writing files */

/* mkdir -p: creates dir and its missing parents. Returns 0, or -1 with err. */
static int make_dirs(const char *dir, KefuError *err)
{
    char path[4096];
    struct stat st;
    size_t n = strlen(dir);
    if (n == 0 || n >= sizeof path) {
        kerr_set(err, "%s: bad folder name", dir);
        return -1;
    }
    memcpy(path, dir, n + 1);
    for (size_t i = 1; i <= n; i++) {
        if (path[i] != '/' && path[i] != '\0')
            continue;
        char c = path[i];
        path[i] = '\0';
        if (mkdir(path, 0755) < 0 && errno != EEXIST) {
            kerr_set(err, "%s: cannot create folder: %s", path, strerror(errno));
            return -1;
        }
        path[i] = c;
    }
    if (stat(dir, &st) < 0 || !S_ISDIR(st.st_mode)) {
        kerr_set(err, "%s: not a folder", dir);
        return -1;
    }
    return 0;
}

static int write_all(int fd, const char *buf, size_t len)
{
    while (len > 0) {
        ssize_t w = write(fd, buf, len);
        if (w < 0) {
            if (errno == EINTR)
                continue;
            return -1;
        }
        buf += w;
        len -= (size_t)w;
    }
    return 0;
}

/* Writes text to a fresh temp file made from tmpl (mkstemp template, rewritten in place),
 * fsynced and closed, with mode. Returns 0, or -1 with err (no temp file left). */
static int write_temp(char *tmpl, const char *text, mode_t mode, KefuError *err)
{
    int fd = mkstemp(tmpl);
    if (fd < 0) {
        kerr_set(err, "%s: cannot create a temporary file: %s", tmpl, strerror(errno));
        return -1;
    }
    if (write_all(fd, text, strlen(text)) < 0 || fchmod(fd, mode) < 0 || fsync(fd) < 0) {
        kerr_set(err, "%s: cannot write: %s", tmpl, strerror(errno));
        close(fd);
        unlink(tmpl);
        return -1;
    }
    if (close(fd) < 0) {
        kerr_set(err, "%s: cannot write: %s", tmpl, strerror(errno));
        unlink(tmpl);
        return -1;
    }
    return 0;
}

/* Makes a new directory entry durable. */
static int sync_dir(const char *dir, KefuError *err)
{
    int fd = open(dir, O_RDONLY | O_DIRECTORY);
    if (fd < 0 || fsync(fd) < 0) {
        /* Some file systems refuse fsync on a folder; the data itself is synced. */
        if (fd >= 0 && (errno == EINVAL || errno == ENOTSUP)) {
            close(fd);
            return 0;
        }
        kerr_set(err, "%s: cannot sync the folder: %s", dir, strerror(errno));
        if (fd >= 0)
            close(fd);
        return -1;
    }
    close(fd);
    return 0;
}

/* The json with its top-level "id" set to id (malloc'd), or a copy of json when it has no
 * string "id" to change. NULL out of memory. */
static char *json_with_id(const char *json, const char *id)
{
    cJSON *root = cJSON_Parse(json);
    cJSON *old = root ? cJSON_GetObjectItemCaseSensitive(root, "id") : NULL;
    if (!cJSON_IsString(old)) {
        cJSON_Delete(root);
        return strdup(json);
    }
    cJSON *nid = cJSON_CreateString(id);
    char *text = NULL;
    /* ReplaceItemInObject (not ViaPointer) gives the new item its key. */
    if (nid && cJSON_ReplaceItemInObjectCaseSensitive(root, "id", nid))
        text = cJSON_Print(root);
    else
        cJSON_Delete(nid);
    cJSON_Delete(root);
    if (!text)
        return NULL;
    size_t n = strlen(text);
    int nl = n > 0 && json[strlen(json) - 1] == '\n';
    char *out = malloc(n + 2);
    if (out) {
        memcpy(out, text, n);
        if (nl)
            out[n++] = '\n';
        out[n] = '\0';
    }
    cJSON_free(text);
    return out;
}

static int id_ok(const char *id)
{
    size_t n = strlen(id);
    if (n == 0 || n > 200 || id[0] == '.')
        return 0;
    for (size_t i = 0; i < n; i++)
        if (id[i] == '/' || (unsigned char)id[i] < 0x20)
            return 0;
    return 1;
}

int record_write(const char *dir_in, const char *id, const char *json, char *path_out,
                 size_t path_size, KefuError *err)
{
    char dir[4096], name[256], final[4096], tmp[4096];
    char *text = NULL;
    int tmp_made = 0;

    /* "results/" and "results" name the same folder; keep the paths written clean. */
    size_t dlen = strlen(dir_in);
    while (dlen > 1 && dir_in[dlen - 1] == '/')
        dlen--;
    if (dlen == 0 || dlen >= sizeof dir) {
        kerr_set(err, "%s: bad folder name", dir_in);
        return -1;
    }
    memcpy(dir, dir_in, dlen);
    dir[dlen] = '\0';

    if (!id_ok(id)) {
        kerr_set(err, "%s: \"%s\" cannot be a result file name", dir, id);
        return -1;
    }
    if (strlen(dir) + strlen(id) + 32 > sizeof final) {
        kerr_set(err, "%s: path too long", dir);
        return -1;
    }
    if (make_dirs(dir, err) < 0)
        return -1;

    for (int n = 1;; n++) {
        if (n > 9999) {
            kerr_set(err, "%s/%s.json: too many results with this id", dir, id);
            goto fail;
        }
        if (n == 1)
            snprintf(name, sizeof name, "%s", id);
        else
            snprintf(name, sizeof name, "%s-%d", id, n);
        /* Lengths were checked above; the test keeps the compiler's truncation check honest. */
        if (snprintf(final, sizeof final, "%s/%s.json", dir, name) >= (int)sizeof final) {
            kerr_set(err, "%s: path too long", dir);
            goto fail;
        }
        struct stat st;
        if (n > 1 && lstat(final, &st) == 0)
            continue; /* taken: no need to write a temp file to find out */

        free(text);
        text = n == 1 ? strdup(json) : json_with_id(json, name);
        if (!text) {
            kerr_set(err, "%s: out of memory", final);
            goto fail;
        }
        if (snprintf(tmp, sizeof tmp, "%s/.%s.json.XXXXXX", dir, name) >= (int)sizeof tmp) {
            kerr_set(err, "%s: path too long", dir);
            goto fail;
        }
        if (write_temp(tmp, text, 0644, err) < 0)
            goto fail;
        tmp_made = 1;

        /* link() refuses to replace an existing file, unlike rename(): two sessions that
         * end in the same second can never overwrite each other. */
        if (link(tmp, final) == 0)
            break;
        int e = errno;
        if (e == EEXIST) {
            unlink(tmp);
            tmp_made = 0;
            continue;
        }
        if (e == EPERM || e == ENOTSUP || e == ENOSYS || e == EMLINK) {
            /* A file system without hard links: claim the name exclusively, then move the
             * complete temp file over the (empty, ours) claim. */
            int fd = open(final, O_WRONLY | O_CREAT | O_EXCL, 0644);
            if (fd < 0 && errno == EEXIST) {
                unlink(tmp);
                tmp_made = 0;
                continue;
            }
            if (fd >= 0) {
                close(fd);
                if (rename(tmp, final) == 0) {
                    tmp_made = 0;
                    break;
                }
                e = errno;
                unlink(final);
            } else {
                e = errno;
            }
        }
        kerr_set(err, "%s: cannot create: %s", final, strerror(e));
        goto fail;
    }
    if (tmp_made && unlink(tmp) < 0) {
        kerr_set(err, "%s: cannot remove the temporary file: %s", tmp, strerror(errno));
        unlink(final);
        goto fail;
    }
    tmp_made = 0;
    if (sync_dir(dir, err) < 0) {
        /* Not durable: take it back rather than report a failure and leave a file. */
        unlink(final);
        goto fail;
    }
    free(text);
    if (path_out && path_size > 0)
        snprintf(path_out, path_size, "%s", final);
    return 0;
fail:
    if (tmp_made)
        unlink(tmp);
    free(text);
    return -1;
}

int record_replace(const char *path, const char *json, KefuError *err)
{
    char dir[4096], tmp[4096];
    struct stat st;
    mode_t mode = 0644;
    size_t n = strlen(path);

    if (n == 0 || n + 16 > sizeof tmp) {
        kerr_set(err, "%s: bad path", path);
        return -1;
    }
    const char *slash = strrchr(path, '/');
    const char *base = slash ? slash + 1 : path;
    if (slash == path)
        snprintf(dir, sizeof dir, "/");
    else if (slash)
        snprintf(dir, sizeof dir, "%.*s", (int)(slash - path), path);
    else
        snprintf(dir, sizeof dir, ".");
    if (stat(path, &st) == 0)
        mode = st.st_mode & 07777;
    /* The temp file sits beside the target (same folder, so rename is atomic). */
    int w = snprintf(tmp, sizeof tmp, "%.*s.%s.XXXXXX", (int)(base - path), path, base);
    if (w < 0 || (size_t)w >= sizeof tmp) {
        kerr_set(err, "%s: path too long", path);
        return -1;
    }
    if (write_temp(tmp, json, mode, err) < 0)
        return -1;
    if (rename(tmp, path) < 0) {
        kerr_set(err, "%s: cannot replace: %s", path, strerror(errno));
        unlink(tmp);
        return -1;
    }
    return sync_dir(dir, err);
}
