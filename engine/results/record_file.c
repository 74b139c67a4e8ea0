/* record_file: results files written crash-safe: a temp file beside the target, fsync, link
 * or rename into place, fsync the folder; never replacing another session's file. */
#include "results/record.h"

#include "base/atomicfile.h"
#include "base/platform.h"
#include "results/schema.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <cjson/cJSON.h>

/* ------------------------------------------------------------------------ writing files */

/* The json with its top-level "id" set to id (malloc'd), or a copy of json when it has no
 * string "id" to change. NULL out of memory. */
static char *json_with_id(const char *json, const char *id)
{
    cJSON *root = cJSON_Parse(json);
    cJSON *old = root ? cJSON_GetObjectItemCaseSensitive(root, RK_ID) : NULL;
    if (!cJSON_IsString(old)) {
        cJSON_Delete(root);
        return strdup(json);
    }
    cJSON *nid = cJSON_CreateString(id);
    char *text = NULL;
    /* ReplaceItemInObject (not ViaPointer) gives the new item its key. */
    if (nid && cJSON_ReplaceItemInObjectCaseSensitive(root, RK_ID, nid))
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
    char dir[4096], name[256], final[4096];
    char *text = NULL;

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
    if (atomicfile_mkdirs(dir, err) < 0)
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
        PlatStat st;
        if (n > 1 && plat_lstat(final, &st) == 0)
            continue; /* taken: no need to write a temp file to find out */

        free(text);
        text = n == 1 ? strdup(json) : json_with_id(json, name);
        if (!text) {
            kerr_set(err, "%s: out of memory", final);
            goto fail;
        }
        /* Created, never replaced: two sessions that end in the same second can never
         * overwrite each other; a taken name gets the next suffix. */
        int rc = atomicfile_create(final, text, strlen(text), err);
        if (rc == 0)
            break;
        if (rc != ATOMICFILE_EXISTS)
            goto fail;
    }
    free(text);
    if (path_out && path_size > 0)
        snprintf(path_out, path_size, "%s", final);
    return 0;
fail:
    free(text);
    return -1;
}

int record_replace(const char *path, const char *json, KefuError *err)
{
    return atomicfile_replace(path, json, strlen(json), err);
}
