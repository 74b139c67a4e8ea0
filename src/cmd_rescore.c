/* kefu rescore: recomputes results files' scorecards from their recorded transcripts with
 * the current rubric, and optionally rewrites them in place or prints the new JSON. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli_common.h"
#include "commands.h"
#include "results/record.h"
#include "results/rush_record.h"

const char cmd_rescore_usage[] =
    "usage: kefu rescore [--write] [--json] [--rubric FILE | --scenarios DIR] "
    "RESULT.json...\n"
    "  Recomputes each result's scorecard from its recorded transcript with the\n"
    "  current rubric and prints one line per file: total, the recorded total,\n"
    "  pass or fail, the outcome.\n"
    "  --write      rewrite each file in place (hits, metrics, scorecard, versions)\n"
    "  --json       print each new result JSON to stdout (the summary goes to stderr)\n"
    "  --rubric F   the rubric file (default: rubric.lua in the scenarios folder)\n"
    "  --scenarios D  the scenarios folder holding rubric.lua\n";

static void usage(FILE *out)
{
    fputs(cmd_rescore_usage, out);
}

typedef struct RushLine {
    const char *path;
    FILE *out;
} RushLine;

/* One line per conversation of a rush, as for a single result. */
static void rush_line(void *ctx, int i, const Result *res, const Scorecard *sc)
{
    const RushLine *l = ctx;
    char was[16];
    if (res->recorded_total >= 0)
        snprintf(was, sizeof was, "%d", res->recorded_total);
    else
        snprintf(was, sizeof was, "none");
    fprintf(l->out, "%s: conversation %d (%s): total %d (was %s) %s %s\n", l->path, i + 1,
            res->scenario_id, sc->total, was, sc->pass ? "pass" : "fail",
            outcome_name(res->transcript.outcome));
}

/* A rush's results file (kefu.rush/1, docs/rush.md): each conversation rescored. Returns 0,
 * or -1 after printing why. */
static int rescore_rush(const char *path, const char *buf, size_t len, Rubric *rubric, int write,
                        int json, FILE *summary)
{
    KefuError err = {{0}};
    RushLine line = {path, summary};
    char *text = rush_record_rescore(path, buf, len, rubric, rush_line, &line, &err);
    int rc = -1;
    if (!text)
        fprintf(stderr, "%s\n", err.msg);
    else if (write && record_replace(path, text, &err) < 0)
        fprintf(stderr, "%s\n", err.msg);
    else {
        if (json)
            fputs(text, stdout);
        rc = 0;
    }
    free(text);
    return rc;
}

/* Rescores one file. Returns 0, or -1 after printing why on stderr. */
static int rescore_file(const char *path, Rubric *rubric, int write, int json, FILE *summary)
{
    Result res = {0};
    Scorecard sc = {0};
    KefuError err = {{0}};
    char *text = NULL;
    int rc = -1;
    size_t len = 0;
    char *buf = kerr_read_file(path, &len, &err);
    if (buf && rush_record_is(buf, len)) {
        rc = rescore_rush(path, buf, len, rubric, write, json, summary);
        free(buf);
        return rc;
    }
    free(buf);

    if (record_load(path, rubric, &res, &err) < 0) {
        fprintf(stderr, "%s\n", err.msg);
        return -1;
    }
    if (record_rescore(&res, rubric, &sc) < 0) {
        fprintf(stderr, "%s: out of memory while scoring\n", path);
        goto done;
    }
    text = record_to_json(&res, rubric, &sc);
    if (!text) {
        fprintf(stderr, "%s: out of memory while writing the result\n", path);
        goto done;
    }
    if (write && record_replace(path, text, &err) < 0) {
        fprintf(stderr, "%s\n", err.msg);
        goto done;
    }
    char was[16];
    if (res.recorded_total >= 0)
        snprintf(was, sizeof was, "%d", res.recorded_total);
    else
        snprintf(was, sizeof was, "none");
    fprintf(summary, "%s: total %d (was %s) %s %s\n", path, sc.total, was,
            sc.pass ? "pass" : "fail", outcome_name(res.transcript.outcome));
    if (json)
        fputs(text, stdout);
    rc = 0;
done:
    free(text);
    scorecard_deinit(&sc);
    result_deinit(&res);
    return rc;
}

int cmd_rescore(int argc, char **argv)
{
    const char *rubric_file = NULL, *scenarios = NULL;
    int write = 0, json = 0, nfiles = 0;

    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (strcmp(a, "-h") == 0 || strcmp(a, "--help") == 0) {
            usage(stdout);
            return EXIT_OK;
        } else if (strcmp(a, "--write") == 0) {
            write = 1;
        } else if (strcmp(a, "--json") == 0) {
            json = 1;
        } else if (strcmp(a, "--rubric") == 0 || strcmp(a, "--scenarios") == 0) {
            if (i + 1 >= argc) {
                fprintf(stderr, "kefu rescore: %s needs a value\n", a);
                usage(stderr);
                return EXIT_USAGE;
            }
            *(a[2] == 'r' ? &rubric_file : &scenarios) = argv[++i];
        } else if (strcmp(a, "--") == 0) {
            nfiles += argc - i - 1;
            break;
        } else if (a[0] == '-' && a[1] != '\0') {
            fprintf(stderr, "kefu rescore: unknown option '%s'\n", a);
            usage(stderr);
            return EXIT_USAGE;
        } else {
            nfiles++;
        }
    }
    if (nfiles == 0) {
        fprintf(stderr, "kefu rescore: no results file given\n");
        usage(stderr);
        return EXIT_USAGE;
    }

    Rubric *rubric = cli_load_rubric("rescore", scenarios, rubric_file);
    if (!rubric)
        return EXIT_BAD_INPUT;

    /* Every file is tried even after a bad one; the exit status says whether any failed. */
    int bad = 0, files_only = 0;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (!files_only) {
            if (strcmp(a, "--") == 0) {
                files_only = 1;
                continue;
            }
            if (strcmp(a, "--rubric") == 0 || strcmp(a, "--scenarios") == 0) {
                i++;
                continue;
            }
            if (a[0] == '-' && a[1] != '\0')
                continue;
        }
        if (rescore_file(a, rubric, write, json, json ? stderr : stdout) < 0)
            bad = 1;
        fflush(stdout); /* keep each file's lines in order with the errors on stderr */
    }
    rubric_destroy(rubric);
    return bad ? EXIT_BAD_INPUT : EXIT_OK;
}
