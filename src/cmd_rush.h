/* cmd_rush: what kefu run, test and lint do with a rush file (docs/rush.md). */
#ifndef KEFU_CMD_RUSH_H
#define KEFU_CMD_RUSH_H

#include <stddef.h>

#include "judge/rubric.h"

/* Whether id_or_path (a name in the scenarios folder dir, or a path) is a rush file; writes
 * its path into path. 0 for anything else, also a file that does not exist or run. */
int cmd_rush_resolve(const char *dir, const char *id_or_path, char *path, size_t size);

typedef struct RushRunArgs {
    const char *replies, *trainee, *mode, *out_dir, *json_path, *dir, *exam_path;
    unsigned long seed;
    Rubric *rubric; /* borrowed */
} RushRunArgs;

/* kefu run RUSH: plays the rush and writes its kefu.rush/1 result as kefu run writes a
 * result (--json PATH or -, else results/ or --out DIR); one line per customer and a summary
 * on stderr. Returns an exit status (EXIT_OK; EXIT_BAD_INPUT after printing why). */
int cmd_rush_run(const char *path, const RushRunArgs *a);

/* kefu test RUSH: runs the rush file's self-tests (each customer's expected outcome), one
 * line each ("ok   ID: NAME" or "FAIL ID: NAME: why"), counting them into passed and failed;
 * a file that does not load is one failure. */
void cmd_rush_test(const char *path, const char *dir, Rubric *rubric, int *passed, int *failed);

struct LintReport;

/* kefu lint RUSH: the rush file's fields (file:line), and every persona it names loads with
 * rubric; each problem goes into rep. Returns the number of customers, or -1 after a problem. */
int cmd_rush_lint(const char *path, const char *dir, Rubric *rubric, struct LintReport *rep);

#endif
