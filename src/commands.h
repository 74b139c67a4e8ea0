/* commands: the kefu subcommands; each takes argv after the command word's position
 * (argv[0] is the command name) and returns the exit status: 0 ok, 1 bad input, 2 usage. */
#ifndef KEFU_COMMANDS_H
#define KEFU_COMMANDS_H

#ifdef KEFU_APP
int cmd_play(int argc, char **argv); /* src/app/app_main.c: the GUI (only in builds with the app) */
#endif
int cmd_run(int argc, char **argv);     /* src/cmd_run.c */
int cmd_list(int argc, char **argv);    /* src/cmd_list.c */
int cmd_analyze(int argc, char **argv); /* src/cmd_analyze.c */
int cmd_rescore(int argc, char **argv); /* src/cmd_rescore.c */
int cmd_report(int argc, char **argv);  /* src/cmd_report.c */
int cmd_lint(int argc, char **argv);    /* src/cmd_lint.c */
int cmd_test(int argc, char **argv);    /* src/cmd_test.c */
int cmd_recover(int argc, char **argv); /* src/cmd_recover.c */
int cmd_db(int argc, char **argv);      /* src/cmd_db.c */
int cmd_sync(int argc, char **argv);    /* src/cmd_sync.c */
int cmd_review(int argc, char **argv);  /* src/cmd_review.c */

/* Each command's usage, which `kefu CMD --help` prints (src/main.c) and a usage error shows. */
extern const char cmd_play_usage[];
extern const char cmd_run_usage[];
extern const char cmd_list_usage[];
extern const char cmd_analyze_usage[];
extern const char cmd_rescore_usage[];
extern const char cmd_recover_usage[];
extern const char cmd_lint_usage[];
extern const char cmd_test_usage[];

#define EXIT_OK 0
#define EXIT_BAD_INPUT 1
#define EXIT_USAGE 2

#endif
