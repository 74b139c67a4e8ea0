/* kefu: the command-line entry point; dispatches to the GUI or a headless command. */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "commands.h"

#ifndef KEFU_APP
/* A build without the app (cmake -DKEFU_APP=OFF): kefu play has nothing to open. */
static int cmd_play(int argc, char **argv)
{
    (void)argc;
    (void)argv;
    fprintf(stderr, "kefu play: this kefu was built without the app (cmake -DKEFU_APP=OFF); the "
                    "headless commands work: kefu --help\n");
    return EXIT_BAD_INPUT;
}
#endif

static const struct {
    const char *name;
    int (*fn)(int, char **);
    const char *help;
} commands[] = {
    {"play", cmd_play, "[--scenario ID] [--trainee NAME] [--mode practice|exam]  open the app"},
    {"run", cmd_run,
     "SCENARIO --replies FILE [--seed N] [--trainee NAME] [--out DIR] [--json PATH|-]"},
    {"list", cmd_list, "list the scenarios found"},
    {"analyze", cmd_analyze, "[FILE|-]  judge replies: JSONL in, JSONL out"},
    {"rescore", cmd_rescore, "RESULT.json...  recompute scorecards with the current rubric"},
    {"recover", cmd_recover, "[DIR]  save the sessions a crash left unfinished"},
    {"report", cmd_report,
     "DIR [--html F] [--csv F] [--trainee N] [--scenario ID] [--since D] [--until D]"},
    {"lint", cmd_lint, "FILE...  check scenario and rubric files"},
    {"test", cmd_test, "[DIR|FILE...]  run the self-tests scenario files declare"},
    {"sync", cmd_sync, "[DIR] [--db URL]  upload the results waiting for the shared database"},
    {"db", cmd_db, "migrate|status|publish [--db URL]  the shared results database"},
};

static void usage(FILE *out)
{
    fprintf(out, "usage: kefu [COMMAND] [ARGS]   (no command: open the app)\n\ncommands:\n");
    for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
        fprintf(out, "  %-8s %s\n", commands[i].name, commands[i].help);
    fprintf(out, "\nCommon option: --scenarios DIR (else $KEFU_SCENARIOS, ./scenarios, the "
                 "installed ones).\n");
}

/* A command's output that did not all reach stdout (a write error, or stdio out of memory)
 * must not end in exit 0: the caller would take a part for the whole. */
static int finish(int rc)
{
    if (fflush(stdout) != 0 || ferror(stdout)) {
        fprintf(stderr, "kefu: cannot write the output: %s\n", strerror(errno));
        return rc == EXIT_OK ? EXIT_BAD_INPUT : rc;
    }
    return rc;
}

int main(int argc, char **argv)
{
    if (argc < 2)
        return cmd_play(argc, argv);
    if (strcmp(argv[1], "-h") == 0 || strcmp(argv[1], "--help") == 0 ||
        strcmp(argv[1], "help") == 0) {
        usage(stdout);
        return EXIT_OK;
    }
    if (strcmp(argv[1], "--version") == 0) {
        printf("kefu %s\n", KEFU_VERSION);
        return EXIT_OK;
    }
    for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
        if (strcmp(argv[1], commands[i].name) == 0)
            return finish(commands[i].fn(argc - 1, argv + 1));
    if (argv[1][0] == '-') /* options without a command: the app (kefu --trainee X ...) */
        return cmd_play(argc, argv);
    fprintf(stderr, "kefu: unknown command '%s'\n", argv[1]);
    usage(stderr);
    return EXIT_USAGE;
}
