/* kefu recover: saves the sessions a crash, a kill or a lost display left unfinished: every
 * journal in DIR/.journal becomes a result in DIR (what kefu run and kefu play also do when
 * they start). */
#include <stdio.h>
#include <string.h>

#include "cli_common.h"
#include "commands.h"
#include "results/journal.h"

#include "base/platform.h"

const char cmd_recover_usage[] =
    "usage: kefu recover [DIR] [--scenarios DIR] [--rubric FILE]\n"
    "  Turns the journals of unfinished sessions in DIR/.journal (DIR: results) into results\n"
    "  files in DIR, outcome abandoned (incomplete when no reply was sent), scored with the\n"
    "  current rubric. Prints a line per journal on stderr. See docs/journal.md.\n";

typedef struct Tally {
    int recovered;
    int problems;
} Tally;

static void print_one(void *ctx, const JournalRecovery *r)
{
    Tally *t = ctx;
    char line[3000];
    journal_describe(r, line, sizeof line);
    fprintf(stderr, "kefu recover: %s\n", line);
    if (r->problem)
        t->problems++;
    else
        t->recovered++;
}

int cmd_recover(int argc, char **argv)
{
    const char *dir = NULL, *scenarios = NULL, *rubric_path = NULL;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i], *v;
        if (strcmp(a, "-h") == 0 || strcmp(a, "--help") == 0) {
            fputs(cmd_recover_usage, stdout);
            return EXIT_OK;
        }
        if (a[0] != '-') {
            if (dir) {
                fprintf(stderr, "kefu recover: one folder only (got a second: %s)\n%s", a,
                        cmd_recover_usage);
                return EXIT_USAGE;
            }
            dir = a;
            continue;
        }
        if (!(v = cli_value("recover", argc, argv, &i)))
            return EXIT_USAGE;
        if (strcmp(a, "--scenarios") == 0) {
            scenarios = v;
        } else if (strcmp(a, "--rubric") == 0) {
            rubric_path = v;
        } else {
            fprintf(stderr, "kefu recover: unknown option %s\n%s", a, cmd_recover_usage);
            return EXIT_USAGE;
        }
    }
    if (!dir)
        dir = plat_results_dir();
    Rubric *rubric = cli_load_rubric("recover", scenarios, rubric_path);
    if (!rubric)
        return EXIT_BAD_INPUT;
    Tally t = {0, 0};
    KefuError err = {{0}};
    int n = journal_recover(dir, rubric, print_one, &t, &err);
    rubric_destroy(rubric);
    if (n < 0) {
        fprintf(stderr, "kefu recover: %s\n", err.msg);
        return EXIT_BAD_INPUT;
    }
    if (n == 0)
        fprintf(stderr, "kefu recover: nothing to recover in %s/%s\n", dir, JOURNAL_DIR);
    return t.problems ? EXIT_BAD_INPUT : EXIT_OK;
}
