/* kefu: the command-line entry point; dispatches to the GUI or a headless command. */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "base/platform.h"
#include "commands.h"

#ifndef KEFU_APP
/* A build without the app (cmake -DKEFU_APP=OFF): kefu play has nothing to open. */
const char cmd_play_usage[] = "usage: kefu play [--scenario ID] [--trainee NAME] [--mode "
                              "practice|exam] [--scenarios DIR] [--results DIR]\n"
                              "  (this kefu was built without the app)\n";

static int cmd_play(int argc, char **argv)
{
    (void)argc;
    (void)argv;
    fprintf(stderr, "kefu play: this kefu was built without the app (cmake -DKEFU_APP=OFF); the "
                    "headless commands work: kefu --help\n");
    return EXIT_BAD_INPUT;
}
#endif

/* Each command: its name, its function, its usage text for `kefu CMD --help` (NULL: the
 * command answers --help itself), its line in `kefu --help`. */
static const struct {
    const char *name;
    int (*fn)(int, char **);
    const char *usage;
    const char *help;
} commands[] = {
    {"play", cmd_play, cmd_play_usage,
     "[--scenario ID] [--trainee NAME] [--mode practice|exam]  open the app"},
    {"run", cmd_run, cmd_run_usage,
     "SCENARIO --replies FILE [--seed N] [--trainee NAME] [--out DIR] [--json PATH|-]"},
    {"list", cmd_list, cmd_list_usage, "list the scenarios found"},
    {"analyze", cmd_analyze, cmd_analyze_usage, "[FILE|-]  judge replies: JSONL in, JSONL out"},
    {"rescore", cmd_rescore, cmd_rescore_usage,
     "RESULT.json...  recompute scorecards with the current rubric"},
    {"recover", cmd_recover, cmd_recover_usage, "[DIR]  save the sessions a crash left unfinished"},
    {"report", cmd_report, NULL,
     "DIR [--html F] [--csv F] [--trainee N] [--scenario ID] [--since D] [--until D]"},
    {"review", cmd_review, NULL,
     "RESULT --turn N --principle ID --verdict false_alarm|miss  dispute"},
    {"lint", cmd_lint, cmd_lint_usage, "FILE...  check scenario and rubric files"},
    {"test", cmd_test, cmd_test_usage, "[DIR|FILE...]  run the self-tests scenario files declare"},
    {"sync", cmd_sync, NULL, "[DIR] [--db URL]  upload the results waiting for the shared database"},
    {"db", cmd_db, NULL, "migrate|status|publish [--db URL]  the shared results database"},
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

/* Whether one of the arguments asks for help: every command answers -h and --help with its
 * usage on stdout, wherever among its options it stands, before reading any of them. */
static int wants_help(int argc, char **argv)
{
    for (int i = 0; i < argc; i++)
        if (strcmp(argv[i], "-h") == 0 || strcmp(argv[i], "--help") == 0)
            return 1;
    return 0;
}

int main(int argc, char **argv)
{
    plat_init_process(&argc, &argv);
    if (argc < 2) { /* a double click: the app alone */
        plat_release_own_console();
        return cmd_play(argc, argv);
    }
    if (strcmp(argv[1], "-h") == 0 || strcmp(argv[1], "--help") == 0 ||
        strcmp(argv[1], "help") == 0) {
        usage(stdout);
        return EXIT_OK;
    }
    if (strcmp(argv[1], "--version") == 0) {
        printf("kefu %s\n", KEFU_VERSION);
        return EXIT_OK;
    }
    for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++) {
        if (strcmp(argv[1], commands[i].name) != 0)
            continue;
        if (wants_help(argc - 2, argv + 2)) {
            if (commands[i].usage) {
                fputs(commands[i].usage, stdout);
                return finish(EXIT_OK);
            }
            char flag[] = "--help";
            char *help[] = {argv[1], flag, NULL};
            return finish(commands[i].fn(2, help));
        }
        return finish(commands[i].fn(argc - 1, argv + 1));
    }
    if (argv[1][0] == '-') /* options without a command: the app (kefu --trainee X ...) */
        return cmd_play(argc, argv);
    fprintf(stderr, "kefu: unknown command '%s'\n", argv[1]);
    usage(stderr);
    return EXIT_USAGE;
}
