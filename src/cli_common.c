/* cli_common: scenario and rubric loading shared by the headless commands. */
#include "cli_common.h"

#include <stdio.h>

Rubric *cli_load_rubric(const char *cmd, const char *dir, const char *rubric_path)
{
    char path[4096];
    KefuError err;
    if (rubric_path)
        snprintf(path, sizeof path, "%s", rubric_path);
    else
        snprintf(path, sizeof path, "%s/rubric.lua", scenario_dir(dir));
    Rubric *r = rubric_load(path, &err);
    if (!r)
        fprintf(stderr, "kefu %s: %s\n", cmd, err.msg);
    return r;
}

Scenario *cli_load_scenario(const char *cmd, const char *dir, const char *id_or_path,
                            const Rubric *rubric)
{
    char path[4096];
    KefuError err;
    Scenario *sc = NULL;
    if (scenario_resolve(scenario_dir(dir), id_or_path, path, sizeof path, &err) == 0)
        sc = scenario_load(path, rubric, &err);
    if (!sc)
        fprintf(stderr, "kefu %s: %s\n", cmd, err.msg);
    return sc;
}

const char *cli_value(const char *cmd, int argc, char **argv, int *i)
{
    if (*i + 1 >= argc) {
        fprintf(stderr, "kefu %s: option %s needs a value\n", cmd, argv[*i]);
        return NULL;
    }
    return argv[++*i];
}
