/* kefu test: runs the self-tests scenario files declare (one line per test, then
 * "N passed, N failed"), or with --explore N plays random conversations per scenario and
 * reports crashes, conversations that never end, outcomes and states reached. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "authoring/explore_bank.h"
#include "authoring/selftest.h"
#include "base/inert.h"
#include "base/platform.h"
#include "base/text.h"
#include "cli_common.h"
#include "cmd_rush.h"
#include "commands.h"
#include "lua/luadata.h"
#include "lua/sandbox.h"
#include "persona/rush.h"

const char cmd_test_usage[] =
    "usage: kefu test [DIR|FILE|ID...] [--verbose] [--scenarios DIR] [--rubric FILE]\n"
    "       kefu test --explore N [--seed S] [--max-replies N] [--save DIR] "
    "[DIR|FILE|ID...]\n";

static int usage(void)
{
    fputs(cmd_test_usage, stderr);
    return EXIT_USAGE;
}

/* ---------------------------------------------------------------- finding scenario files */

/* A folder's scenario files (every *.lua that is not a rubric), sorted. A folder without
 * one is an error (-1), as one that cannot be read is. */
static int add_dir(PathList *f, const char *dir)
{
    int added = cli_lua_files("test", dir, 1, f);
    if (added == 0)
        inert_printf(stderr, "kefu test: no scenario files (*.lua) in %s\n", dir);
    return added <= 0 ? -1 : 0;
}

static int is_dir(const char *p)
{
    PlatStat st;
    return plat_stat(p, &st) == 0 && S_ISDIR(st.mode);
}

/* ---------------------------------------------------------------- printing */

/* Prints one message's text on one line, cut to max characters. */
static void print_text(const char *s, size_t len, int max)
{
    size_t i = 0;
    int chars = 0;
    while (i < len && chars < max) {
        size_t at = i;
        uint32_t c = text_next(s, len, &i);
        if (c == '\n' || c == '\r' || c == '\t')
            putchar(' ');
        else
            inert_write(stdout, s + at, i - at, 0);
        chars++;
    }
    if (i < len)
        fputs("…", stdout);
}

/* The conversation a failed test played, for the trainer to see where it went its own way. */
static void print_transcript(const SelfTestRun *run, Rubric *rubric)
{
    const Transcript *t = &run->result.transcript;
    for (int i = 0; i < t->n; i++) {
        const Message *m = &t->msgs[i];
        const char *who = m->from == FROM_CUSTOMER ? "顾客"
                          : m->from == FROM_AGENT  ? "客服"
                                                   : "系统";
        printf("       %6.1fs %s  ", m->t, who);
        print_text(m->text, m->len, 60);
        if (m->from == FROM_AGENT && m->hits.n) {
            printf("  [");
            for (int k = 0; k < m->hits.n; k++)
                printf("%s%s", k ? " " : "", rubric_principle(rubric, m->hits.v[k].principle)->id);
            printf("]");
        }
        putchar('\n');
    }
    printf("       score %d/100, outcome %s\n", run->score, outcome_name(t->outcome));
}

/* ---------------------------------------------------------------- self-tests */

static void run_file_tests(const char *path, Rubric *rubric, int verbose, int *passed, int *failed)
{
    KefuError err;
    Scenario *sc = scenario_load(path, rubric, &err);
    if (!sc) {
        inert_printf(stdout, "FAIL %s: %s\n", path, err.msg);
        (*failed)++;
        return;
    }
    SelfTestSet set;
    if (selftest_load(sc, rubric, &set, &err) < 0) {
        inert_printf(stdout, "FAIL %s: %s\n", sc->id, err.msg);
        (*failed)++;
        scenario_destroy(sc);
        return;
    }
    if (set.n == 0)
        inert_printf(stdout, "--   %s: no self-tests declared (%s)\n", sc->id, path);
    double lua0 = sandbox_thread_seconds();
    for (int i = 0; i < set.n; i++) {
        SelfTestRun run;
        /* Each test under its budget, but a file of many such tests would multiply it: a
         * test stopped by a budget, or the file's Lua time spent, stops the rest. */
        double spent = sandbox_thread_seconds() - lua0;
        if (i > 0 && spent > selftest_file_budget(0)) {
            selftest_over_file_budget(path, spent, i, &err);
            inert_printf(stdout, "FAIL %s: %d self-test%s not run: %s\n", sc->id, set.n - i,
                         set.n - i == 1 ? "" : "s", err.msg);
            *failed += set.n - i;
            break;
        }
        if (selftest_run(sc, rubric, &set.v[i], NULL, &run, &err) < 0) {
            inert_printf(stdout, "FAIL %s: %s: %s\n", sc->id, set.v[i].name, err.msg);
            (*failed)++;
            if (sandbox_over_budget(err.msg) && i + 1 < set.n) {
                inert_printf(stdout,
                             "FAIL %s: %d more self-test%s not run (the one above went "
                             "over its budget)\n",
                             sc->id, set.n - i - 1, set.n - i - 1 == 1 ? "" : "s");
                *failed += set.n - i - 1;
                break;
            }
            continue;
        }
        if (run.passed) {
            inert_printf(stdout, "ok   %s: %s\n", sc->id, set.v[i].name);
            (*passed)++;
        } else {
            inert_printf(stdout, "FAIL %s: %s: %s\n", sc->id, set.v[i].name, run.reason);
            if (set.v[i].line)
                inert_printf(stdout, "       (the test is at %s:%d)\n", path, set.v[i].line);
            (*failed)++;
        }
        if (!run.passed && sandbox_over_budget(run.reason) && i + 1 < set.n) {
            selftest_run_deinit(&run);
            inert_printf(stdout,
                         "FAIL %s: %d more self-test%s not run (the one above went over "
                         "its budget)\n",
                         sc->id, set.n - i - 1, set.n - i - 1 == 1 ? "" : "s");
            *failed += set.n - i - 1;
            break;
        }
        if (run.has_result && (verbose || !run.passed))
            print_transcript(&run, rubric);
        selftest_run_deinit(&run);
    }
    selftest_set_deinit(&set);
    scenario_destroy(sc);
}

/* ---------------------------------------------------------------- exploration */

/* Enough failing runs to see the pattern; a scenario failing every run is not played on. */
#define EXPLORE_STOP_AFTER 25

static void save_run(const char *save_dir, const Scenario *sc, const ExploreOptions *opt, int run,
                     const char *why)
{
    Script script;
    KefuError err;
    char path[4096];
    if (!save_dir)
        return;
    snprintf(path, sizeof path, "%s/%s-run%d.jsonl", save_dir, sc->id, run);
    plat_mkdir(save_dir, 0777);
    if (selftest_explore_script(opt, run, &script) < 0) {
        printf("  cannot save run %d: out of memory\n", run);
        return;
    }
    if (selftest_write_script(&script, path, &err) < 0)
        inert_printf(stdout, "  cannot save run %d: %s\n", run, err.msg);
    else
        inert_printf(stdout, "  %s: kefu run %s --replies %s --seed %lu\n", why, sc->path, path,
                     opt->seed + (unsigned long)run);
    script_deinit(&script);
}

static void explore_file(const char *path, Rubric *rubric, const ExploreOptions *opt,
                         const char *save_dir, int *passed, int *failed)
{
    KefuError err;
    Scenario *sc = scenario_load(path, rubric, &err);
    if (!sc) {
        inert_printf(stdout, "FAIL %s: %s\n", path, err.msg);
        (*failed)++;
        return;
    }
    /* replies that know this persona, besides the generic ones */
    ExploreBank bank;
    ExploreOptions own = *opt;
    own.bank = &bank;
    opt = &own;
    if (explore_bank_build(&bank, sc, rubric, &err) < 0) {
        inert_printf(stdout, "FAIL %s: %s\n", sc->id, err.msg);
        (*failed)++;
        explore_bank_deinit(&bank);
        scenario_destroy(sc);
        return;
    }
    ExploreReport rep;
    if (selftest_explore(sc, rubric, opt, &rep, &err) < 0) {
        inert_printf(stdout, "FAIL %s: %s\n", sc->id, err.msg);
        (*failed)++;
        explore_bank_deinit(&bank);
        scenario_destroy(sc);
        return;
    }
    inert_printf(stdout, "%s: %d runs, outcomes", sc->id, rep.runs);
    int any = 0;
    for (int o = OUTCOME_SALE; o < OUTCOME_COUNT; o++)
        if (rep.outcomes[o] && o != OUTCOME_INCOMPLETE) {
            printf(" %s %d", outcome_name((Outcome)o), rep.outcomes[o]);
            any = 1;
        }
    if (!any)
        printf(" none reached");
    int reached = 0;
    for (int j = 0; j < rep.nstates; j++)
        reached += rep.reached[j] > 0;
    printf(", states %d/%d, %d error%s", reached, rep.nstates, rep.errored_runs,
           rep.errored_runs == 1 ? "" : "s");
    if (rep.outcomes[OUTCOME_INCOMPLETE])
        printf(", %d never ended", rep.outcomes[OUTCOME_INCOMPLETE]);
    printf(" (%.2f s)\n", rep.seconds);
    if (rep.full_at > 0 && rep.nstates > 0)
        printf("  coverage: all %d states by run %d\n", rep.nstates, rep.full_at);
    if (rep.stopped)
        printf("  stopped after %d failing run%s of %d: fix the errors below first\n",
               rep.errored_runs, rep.errored_runs == 1 ? "" : "s", opt->runs);

    for (int e = 0; e < rep.nerrors; e++) {
        inert_printf(stdout, "  error in %d run%s (first: run %d, after %d agent message%s): %s\n",
                     rep.errors[e].count, rep.errors[e].count == 1 ? "" : "s",
                     rep.errors[e].first_run, rep.errors[e].reply,
                     rep.errors[e].reply == 1 ? "" : "s", rep.errors[e].msg);
        save_run(save_dir, sc, opt, rep.errors[e].first_run, "replay it");
    }
    if (rep.outcomes[OUTCOME_INCOMPLETE]) {
        printf("  %d conversation%s still going after %d replies (first: run %d): does every "
               "branch lead to s:finish?\n",
               rep.outcomes[OUTCOME_INCOMPLETE], rep.outcomes[OUTCOME_INCOMPLETE] == 1 ? "" : "s",
               opt->max_replies > 0 ? opt->max_replies : 40, rep.first_never_ended);
        save_run(save_dir, sc, opt, rep.first_never_ended, "never ended");
    }
    if (reached < rep.nstates) {
        printf("  never reached:");
        for (int j = 0; j < rep.nstates; j++)
            if (!rep.reached[j])
                inert_printf(stdout, " %s", sc->states[j]);
        printf("\n");
    }
    if (rep.errored_runs)
        (*failed)++;
    else
        (*passed)++;
    explore_report_deinit(&rep);
    explore_bank_deinit(&bank);
    scenario_destroy(sc);
}

/* ---------------------------------------------------------------- the command */

static int parse_count(const char *opt, const char *v, long lo, long hi, long *out)
{
    char *e = NULL;
    long n = strtol(v, &e, 10);
    if (!*v || *e || n < lo || n > hi) {
        fprintf(stderr, "kefu test: %s needs a whole number from %ld to %ld, got '%s'\n", opt, lo,
                hi, v);
        return -1;
    }
    *out = n;
    return 0;
}

int cmd_test(int argc, char **argv)
{
    const char *dir = NULL, *rubric_path = NULL, *save_dir = NULL;
    long explore = 0, seed = 1, max_replies = 40;
    int verbose = 0, rc = EXIT_USAGE;
    char **args = calloc((size_t)argc + 1, sizeof *args);
    int nargs = 0;
    PathList files = {0};
    Rubric *rubric = NULL;
    if (!args) {
        fprintf(stderr, "kefu test: out of memory\n");
        return EXIT_BAD_INPUT;
    }
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i], *v;
        if (strcmp(a, "--verbose") == 0 || strcmp(a, "-v") == 0) {
            verbose = 1;
            continue;
        }
        if (a[0] != '-' || !a[1]) {
            args[nargs++] = argv[i];
            continue;
        }
        if (!(v = cli_value("test", argc, argv, &i)))
            goto done;
        if (strcmp(a, "--explore") == 0) {
            if (parse_count(a, v, 1, 1000000, &explore) < 0)
                goto done;
        } else if (strcmp(a, "--seed") == 0) {
            if (parse_count(a, v, 0, 2147483647L, &seed) < 0)
                goto done;
        } else if (strcmp(a, "--max-replies") == 0) {
            if (parse_count(a, v, 1, 10000, &max_replies) < 0)
                goto done;
        } else if (strcmp(a, "--save") == 0) {
            save_dir = v;
        } else if (strcmp(a, "--scenarios") == 0) {
            dir = v;
        } else if (strcmp(a, "--rubric") == 0) {
            rubric_path = v;
        } else {
            fprintf(stderr, "kefu test: unknown option %s\n", a);
            usage();
            goto done;
        }
    }

    rc = EXIT_BAD_INPUT;
    if (nargs == 0 && add_dir(&files, scenario_dir(dir)) < 0)
        goto done;
    for (int i = 0; i < nargs; i++) {
        char path[4096];
        KefuError err;
        if (is_dir(args[i])) {
            if (add_dir(&files, args[i]) < 0)
                goto done;
        } else if (!cmd_rush_resolve(dir, args[i], path, sizeof path) &&
                   scenario_resolve(scenario_dir(dir), args[i], path, sizeof path, &err) < 0) {
            inert_printf(stderr, "kefu test: %s\n", err.msg);
            goto done;
        } else if (pathlist_add(&files, path) < 0) {
            fprintf(stderr, "kefu test: out of memory\n");
            goto done;
        }
    }
    if (files.n == 0)
        goto done;
    char rp[4096];
    KefuError rerr;
    snprintf(rp, sizeof rp, "%s/rubric.lua", scenario_dir(dir));
    if (luadata_check_file(rubric_path ? rubric_path : rp, &rerr) < 0) {
        inert_printf(stderr, "kefu test: %s\n", rerr.msg);
        goto done;
    }
    if (!(rubric = cli_load_rubric("test", dir, rubric_path)))
        goto done;

    int passed = 0, failed = 0;
    ExploreOptions opt = {(int)explore, (unsigned long)seed, (int)max_replies, EXPLORE_STOP_AFTER,
                          0, NULL};
    for (int i = 0; i < files.n; i++) {
        if (rush_sniff(files.v[i]))
            cmd_rush_test(files.v[i], dir, rubric, &passed, &failed);
        else if (explore)
            explore_file(files.v[i], rubric, &opt, save_dir, &passed, &failed);
        else
            run_file_tests(files.v[i], rubric, verbose, &passed, &failed);
        fflush(stdout);
    }
    printf("%d passed, %d failed\n", passed, failed);
    rc = failed ? EXIT_BAD_INPUT : EXIT_OK;
done:
    rubric_destroy(rubric);
    pathlist_deinit(&files);
    free(args);
    return rc;
}
