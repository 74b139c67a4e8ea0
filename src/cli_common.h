/* cli_common: what the headless commands share: finding the scenarios folder and the
 * rubric, and loading a scenario by id or path with a message on failure. */
#ifndef KEFU_CLI_COMMON_H
#define KEFU_CLI_COMMON_H

#include <stddef.h>

#include "base/kerr.h"
#include "persona/persona.h"
#include "judge/rubric.h"

/* Loads the rubric: rubric_path if given, else <scenario_dir(dir)>/rubric.lua. Prints the
 * error to stderr ("kefu CMD: ...") and returns NULL on failure. */
Rubric *cli_load_rubric(const char *cmd, const char *dir, const char *rubric_path);

/* When <scenario_dir(dir)>/rubric.lua does not exist: writes into out (size bytes) a hint
 * saying where the rubric kefu ships with is and how to use or copy it, and returns 1;
 * returns 0 (out untouched) when the file is there. */
int cli_rubric_hint(const char *dir, char *out, size_t size);

/* Resolves and loads a scenario; prints the error and returns NULL on failure. */
Scenario *cli_load_scenario(const char *cmd, const char *dir, const char *id_or_path,
                            const Rubric *rubric);

/* Returns argv[*i + 1] for option argv[*i] and advances *i, or prints a usage error and
 * returns NULL when the value is missing. */
const char *cli_value(const char *cmd, int argc, char **argv, int *i);

/* A growable list of paths the caller owns: zero-initialise, free with pathlist_deinit. */
typedef struct PathList {
    char **v;
    int n;
    int cap;
} PathList;

/* Appends a copy of path. Returns 0 or -1 out of memory. */
int pathlist_add(PathList *p, const char *path);
void pathlist_deinit(PathList *p);

/* Appends dir's *.lua files, sorted by name (rubric catalogs left out when skip_rubric).
 * Returns how many were added, or -1 when dir cannot be read or memory runs out (with a
 * message "kefu CMD: ..." on stderr). */
int cli_lua_files(const char *cmd, const char *dir, int skip_rubric, PathList *out);

#endif
