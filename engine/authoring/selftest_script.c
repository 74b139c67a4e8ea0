/* selftest_script: writes an exploration run's replies as a replies file, to replay it. */
#include "authoring/selftest.h"

#include <cjson/cJSON.h>
#include <stdio.h>
#include <stdlib.h>

#include "base/atomicfile.h"

int selftest_write_script(const Script *script, const char *path, KefuError *err)
{
    /* Written beside path and renamed into place: a crash or a full disk never leaves half a
     * replies file that a later `kefu run --replies` would play as if it were whole. */
    AtomicFile *af = atomicfile_open(path, err);
    if (!af)
        return -1;
    FILE *f = atomicfile_stream(af);
    int ok = 1, oom = 0;
    for (int i = 0; i < script->n && ok; i++) {
        cJSON *o = cJSON_CreateObject();
        char *line = NULL;
        if (o && cJSON_AddNumberToObject(o, "after", script->v[i].after) &&
            (script->v[i].typing < 0 ||
             cJSON_AddNumberToObject(o, "typing", script->v[i].typing)) &&
            cJSON_AddStringToObject(o, "text", script->v[i].text))
            line = cJSON_PrintUnformatted(o);
        oom = !line;
        ok = line && fputs(line, f) >= 0 && fputc('\n', f) != EOF;
        free(line);
        cJSON_Delete(o);
    }
    if (!ok) {
        atomicfile_abort(af);
        kerr_set(err, "%s: %s", path, oom ? "out of memory" : "cannot write the replies");
        return -1;
    }
    return atomicfile_commit(af, 1, -1, err) < 0 ? -1 : 0;
}
