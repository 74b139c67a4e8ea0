/* kefu list: the scenarios found, with title, persona and difficulty. */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli_common.h"
#include "commands.h"

static int by_name(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The scenario files of dir (every *.lua but rubric.lua), sorted; NULL-terminated list the
 * caller frees with free() on each entry and the list. */
static char **scenario_files(const char *dir, int *count)
{
    DIR *d = opendir(dir);
    char **names = NULL;
    int n = 0, cap = 0;
    *count = 0;
    if (!d)
        return NULL;
    struct dirent *e;
    while ((e = readdir(d))) {
        size_t len = strlen(e->d_name);
        if (len < 5 || strcmp(e->d_name + len - 4, ".lua") != 0 ||
            strcmp(e->d_name, "rubric.lua") == 0 || e->d_name[0] == '.')
            continue;
        if (n + 1 >= cap) {
            cap = cap ? cap * 2 : 16;
            char **v = realloc(names, (size_t)cap * sizeof *v);
            if (!v)
                break;
            names = v;
        }
        size_t size = strlen(dir) + len + 2;
        names[n] = malloc(size);
        if (!names[n])
            break;
        snprintf(names[n], size, "%s/%s", dir, e->d_name);
        n++;
    }
    closedir(d);
    if (names) {
        qsort(names, (size_t)n, sizeof *names, by_name);
        names[n] = NULL;
    }
    *count = n;
    return names;
}

int cmd_list(int argc, char **argv)
{
    const char *dir = NULL, *rubric_path = NULL;
    for (int i = 1; i < argc; i++) {
        const char *v;
        if (strcmp(argv[i], "--scenarios") == 0 && (v = cli_value("list", argc, argv, &i)))
            dir = v;
        else if (strcmp(argv[i], "--rubric") == 0 && (v = cli_value("list", argc, argv, &i)))
            rubric_path = v;
        else {
            fprintf(stderr, "usage: kefu list [--scenarios DIR] [--rubric FILE]\n");
            return EXIT_USAGE;
        }
    }
    const char *where = scenario_dir(dir);
    Rubric *rubric = cli_load_rubric("list", dir, rubric_path);
    if (!rubric)
        return EXIT_BAD_INPUT;
    int n = 0, bad = 0;
    char **files = scenario_files(where, &n);
    if (n == 0) {
        fprintf(stderr, "kefu list: no scenario files (*.lua) in %s\n", where);
        rubric_destroy(rubric);
        free(files);
        return EXIT_BAD_INPUT;
    }
    printf("%-22s %-6s %-10s %s\n", "id", "难度", "顾客", "场景");
    for (int i = 0; i < n; i++) {
        KefuError err;
        Scenario *sc = scenario_load(files[i], rubric, &err);
        if (!sc) {
            fprintf(stderr, "kefu list: %s\n", err.msg);
            bad++;
        } else {
            char stars[16] = "";
            for (int k = 0; k < 5; k++)
                strcat(stars, k < sc->difficulty ? "*" : ".");
            printf("%-22s %-6s %s · %s — %s\n", sc->id, stars, sc->persona_name, sc->title,
                   sc->persona_desc ? sc->persona_desc : "");
        }
        scenario_destroy(sc);
        free(files[i]);
    }
    free(files);
    rubric_destroy(rubric);
    return bad ? EXIT_BAD_INPUT : EXIT_OK;
}
