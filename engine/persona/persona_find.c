/* persona_find: where scenarios are (the scenarios folder) and which file an id names. */
#include "persona/persona.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "base/platform.h"
#include "lua/srcfile.h"

static int is_dir(const char *p)
{
    PlatStat st;
    return p && *p && plat_stat(p, &st) == 0 && S_ISDIR(st.mode);
}

const char *scenario_dir(const char *explicit_dir)
{
    if (explicit_dir && *explicit_dir)
        return explicit_dir;
    const char *env = getenv("KEFU_SCENARIOS");
    if (env && *env)
        return env;
    if (is_dir("scenarios"))
        return "scenarios";
    /* Beside the program: where an unpacked kefu (the Windows zip) keeps them. */
    static char beside[4200];
    char exe[4096];
    if (plat_exe_dir(exe, sizeof exe) == 0 &&
        snprintf(beside, sizeof beside, "%s/scenarios", exe) < (int)sizeof beside && is_dir(beside))
        return beside;
    if (is_dir(KEFU_SCENARIO_INSTALL_DIR))
        return KEFU_SCENARIO_INSTALL_DIR;
    return KEFU_SOURCE_DIR "/scenarios";
}

int scenario_resolve(const char *dir, const char *id_or_path, char *out, size_t size,
                     KefuError *err)
{
    size_t n = strlen(id_or_path);
    PlatStat st;
    if (strchr(id_or_path, '/') || (n > 4 && strcmp(id_or_path + n - 4, ".lua") == 0)) {
        /* A FIFO, device or link is named for what it is, not "no such file". */
        if (srcfile_check(id_or_path, err) < 0)
            return -1;
        if (plat_stat(id_or_path, &st) != 0 || !S_ISREG(st.mode)) {
            kerr_set(err, "%s: no such scenario file", id_or_path);
            return -1;
        }
        snprintf(out, size, "%s", id_or_path);
        return 0;
    }
    for (const char *p = id_or_path; *p; p++)
        if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') ||
              *p == '_' || *p == '-')) {
            kerr_set(err, "'%s' is not a scenario id (letters, digits, _ and -) or a .lua path",
                     id_or_path);
            return -1;
        }
    snprintf(out, size, "%s/%s.lua", dir, id_or_path);
    if (srcfile_check(out, err) < 0)
        return -1;
    if (plat_stat(out, &st) != 0 || !S_ISREG(st.mode)) {
        kerr_set(err, "unknown scenario '%s': no %s (kefu list shows the scenarios)", id_or_path,
                 out);
        return -1;
    }
    return 0;
}
