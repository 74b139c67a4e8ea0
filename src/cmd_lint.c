/* kefu lint: checks scenario and rubric files, one line per problem ("file:line: message"),
 * exit 1 on any error, 0 with only warnings. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "authoring/lint.h"
#include "base/inert.h"
#include "base/platform.h"
#include "cli_common.h"
#include "cmd_rush.h"
#include "commands.h"
#include "persona/rush.h"

const char cmd_lint_usage[] =
    "usage: kefu lint FILE|DIR... [--rubric FILE] [--scenarios DIR] [--quiet]\n"
    "  checks scenario files (*.lua; a folder: every *.lua in it) and the rubric\n"
    "  catalog (rubric.lua) and exam files (docs/exams.md);\n"
    "  scenario files are checked against --rubric, else <scenarios>/rubric.lua\n";

static int usage(void)
{
    fputs(cmd_lint_usage, stderr);
    return EXIT_USAGE;
}

static void print_report(const LintReport *r, int from)
{
    for (int i = from; i < r->n; i++)
        inert_printf(stdout, "%s\n", r->v[i].text);
}

/* A folder stands for every *.lua file in it, sorted; anything else is taken as a file. A
 * folder without one is an error in rep (a typo in its name must not pass as "all clean").
 * Returns 0, or -1 with a message on stderr (out of memory sets rep->oom instead when the
 * report lost a message). */
static int add_arg(PathList *p, const char *arg, LintReport *rep)
{
    PlatStat st;
    if (plat_stat(arg, &st) != 0 || !S_ISDIR(st.mode)) {
        if (pathlist_add(p, arg) == 0)
            return 0; /* lint reports why it cannot be read */
        fprintf(stderr, "kefu lint: out of memory\n");
        return -1;
    }
    int added = cli_lua_files("lint", arg, 0, p);
    if (added == 0 && lint_add(rep, 0, "%s: no *.lua files in this folder", arg) == 0)
        print_report(rep, rep->n - 1);
    return added < 0 ? -1 : 0;
}

/* Every problem counted must be shown: a report that lost a message to memory is no report. */
static int out_of_memory(LintReport *rep, PathList *paths, Rubric *rubric)
{
    fprintf(stderr, "kefu lint: out of memory\n");
    lint_report_deinit(rep);
    pathlist_deinit(paths);
    rubric_destroy(rubric);
    return EXIT_BAD_INPUT;
}

int cmd_lint(int argc, char **argv)
{
    const char *dir = NULL, *rubric_path = NULL;
    int quiet = 0, nargs = 0;
    PathList paths = {0};
    const char **files = calloc((size_t)argc + 1, sizeof *files);
    if (!files) {
        fprintf(stderr, "kefu lint: out of memory\n");
        return EXIT_BAD_INPUT;
    }
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i], *v;
        if (strcmp(a, "--quiet") == 0 || strcmp(a, "-q") == 0) {
            quiet = 1;
        } else if (strcmp(a, "--rubric") == 0 || strcmp(a, "--scenarios") == 0) {
            if (!(v = cli_value("lint", argc, argv, &i))) {
                free(files);
                return usage();
            }
            if (strcmp(a, "--rubric") == 0)
                rubric_path = v;
            else
                dir = v;
        } else if (a[0] == '-' && a[1]) {
            fprintf(stderr, "kefu lint: unknown option %s\n", a);
            free(files);
            return usage();
        } else {
            files[nargs++] = argv[i];
        }
    }
    if (nargs == 0) {
        free(files);
        return usage();
    }
    LintReport rep = {0};
    for (int i = 0; i < nargs; i++)
        if (add_arg(&paths, files[i], &rep) < 0 || rep.oom) {
            /* cli_lua_files said why when it failed */
            free(files);
            if (rep.oom)
                return out_of_memory(&rep, &paths, NULL);
            lint_report_deinit(&rep);
            pathlist_deinit(&paths);
            return EXIT_BAD_INPUT;
        }
    free(files);

    Rubric *rubric = NULL;
    int rubric_tried = 0, checked = 0;
    for (int f = 0; f < paths.n; f++) {
        const char *path = paths.v[f];
        int from = rep.n, errors_before = rep.errors, warnings_before = rep.warnings;
        int is_rubric = lint_is_rubric(path);
        if (is_rubric < 0)
            return out_of_memory(&rep, &paths, rubric);
        if (is_rubric) {
            lint_rubric(path, &rep);
            if (rep.oom)
                return out_of_memory(&rep, &paths, rubric);
            print_report(&rep, from);
            if (!quiet && rep.errors == errors_before)
                inert_printf(stdout, "%s: ok (rubric)\n", path);
            checked++;
            continue;
        }
        if (lint_is_exam(path)) {
            lint_exam(path, scenario_dir(dir), &rep);
            print_report(&rep, from);
            if (!quiet && rep.errors == errors_before)
                inert_printf(stdout, "%s: ok (exam)\n", path);
            checked++;
            continue;
        }
        if (!rubric_tried) {
            /* Scenarios are judged with the rubric they will run with; a broken one is its
             * own error (lint it by name to see where). */
            rubric_tried = 1;
            KefuError err;
            char rp[4096];
            snprintf(rp, sizeof rp, "%s/rubric.lua", scenario_dir(dir));
            const char *use = rubric_path ? rubric_path : rp;
            if (lint_plain_data(use, &err) == 0)
                rubric = rubric_load(use, &err);
            char hint[9000];
            if (!rubric && !rubric_path && cli_rubric_hint(dir, hint, sizeof hint))
                lint_add(&rep, 0, "%s (%s)", err.msg, hint);
            else if (!rubric)
                lint_add(&rep, 0, "%s", err.msg);
            if (!rubric) {
                if (rep.oom)
                    return out_of_memory(&rep, &paths, rubric);
                print_report(&rep, from);
                from = rep.n;
            }
        }
        if (!rubric) {
            lint_add(&rep, 0, "%s: not checked: the rubric did not load", path);
            if (rep.oom)
                return out_of_memory(&rep, &paths, rubric);
            print_report(&rep, from);
            continue;
        }
        if (rush_sniff(path)) {
            int n = cmd_rush_lint(path, dir, rubric, &rep);
            if (rep.oom)
                return out_of_memory(&rep, &paths, rubric);
            print_report(&rep, from);
            checked++;
            if (!quiet && n >= 0)
                inert_printf(stdout, "%s: ok (a rush: %d customers)\n", path, n);
            continue;
        }
        lint_scenario(path, rubric, &rep);
        if (rep.oom)
            return out_of_memory(&rep, &paths, rubric);
        print_report(&rep, from);
        checked++;
        if (!quiet && rep.errors == errors_before)
            inert_printf(stdout, "%s: ok (%d self-tests, %d smoke runs, states %d/%d reached%s)\n",
                         path, rep.tests, rep.smoke_runs, rep.states_reached, rep.states_declared,
                         rep.warnings > warnings_before ? ", see the warnings" : "");
    }
    if (!quiet || rep.errors)
        printf("%d file%s checked: %d error%s, %d warning%s\n", checked, checked == 1 ? "" : "s",
               rep.errors, rep.errors == 1 ? "" : "s", rep.warnings, rep.warnings == 1 ? "" : "s");
    int rc = rep.errors ? EXIT_BAD_INPUT : EXIT_OK;
    lint_report_deinit(&rep);
    rubric_destroy(rubric);
    pathlist_deinit(&paths);
    return rc;
}
