/* kefu review: a reviewer marks the detector's judgement on a reply as a false alarm or a miss
 * (results/review.h), lists the verdicts under a folder, or exports them as labelled replies. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "base/atomicfile.h"
#include "base/inert.h"
#include "commands.h"
#include "results/report_read.h"
#include "results/review.h"

static const char usage_text[] =
    "usage: kefu review RESULT.json --turn N --principle ID --verdict false_alarm|miss\n"
    "                   --reviewer NAME [--note TEXT]\n"
    "       kefu review --list DIR\n"
    "       kefu review --export FILE DIR\n"
    "  Marks the detector's judgement of principle ID on the trainee's reply N (from 1) of a\n"
    "  result as wrong: false_alarm (found, but not there) or miss (there, but not found);\n"
    "  --turn 0 disputes the scorecard's judgement of the whole session instead. The\n"
    "  verdict goes to reviews.jsonl beside the result, which is never changed; kefu report\n"
    "  shows how often reviewers disagreed. --list prints every verdict under DIR; --export\n"
    "  writes them as labelled replies (tests/data/labelled's format) for the rubric's tests.\n"
    "  See docs/report.md.\n";

static int usage_error(const char *msg, const char *arg)
{
    inert_printf(stderr, "kefu review: %s%s\n", msg, arg ? arg : "");
    fputs(usage_text, stderr);
    return EXIT_USAGE;
}

/* Collects the verdicts of every reviews file under a folder; a bad file stops it. */
static int gather(void *ud, const char *path, KefuError *why)
{
    return review_load(path, ud, why) < 0 ? -1 : 0;
}

static int load_all(const char *dir, ReviewSet *set)
{
    KefuError err = {{0}};
    ReportReadHooks hooks = {set, NULL, NULL, gather};
    if (report_read_dir(dir, 1, 0, &hooks, NULL, NULL, &err) < 0) {
        inert_printf(stderr, "kefu review: %s\n", err.msg);
        return -1;
    }
    review_set_sort(set);
    return 0;
}

static int list(const char *dir)
{
    ReviewSet set = {0};
    if (load_all(dir, &set) != 0)
        return EXIT_BAD_INPUT;
    for (int i = 0; i < set.n; i++) {
        const Review *v = &set.v[i];
        char where[32];
        if (v->turn)
            snprintf(where, sizeof where, "第%d句", v->turn);
        else
            snprintf(where, sizeof where, "整场");
        inert_printf(stdout, "%s  %s %s  %s %s  %s (%s)%s%s\n", v->at, v->result, where,
                     review_verdict_label(v->verdict), v->principle, v->reviewer, v->file,
                     v->note[0] ? "  " : "", v->note);
    }
    printf("%d verdict%s under %s\n", set.n, set.n == 1 ? "" : "s", dir);
    review_set_deinit(&set);
    return EXIT_OK;
}

static int export(const char *file, const char *dir)
{
    ReviewSet set = {0};
    KefuError err = {{0}};
    if (load_all(dir, &set) != 0)
        return EXIT_BAD_INPUT;
    AtomicFile *af = atomicfile_open(file, &err);
    if (!af) {
        inert_printf(stderr, "kefu review: %s\n", err.msg);
        review_set_deinit(&set);
        return EXIT_BAD_INPUT;
    }
    int written = review_export(&set, atomicfile_stream(af));
    if (written < 0) {
        inert_printf(stderr, "kefu review: %s: cannot write: %s\n", file, strerror(errno));
        atomicfile_abort(af);
        review_set_deinit(&set);
        return EXIT_BAD_INPUT;
    }
    if (atomicfile_commit(af, 1, -1, &err) != 0) {
        inert_printf(stderr, "kefu review: %s\n", err.msg);
        review_set_deinit(&set);
        return EXIT_BAD_INPUT;
    }
    inert_printf(stdout, "%s: %d labelled repl%s\n", file, written, written == 1 ? "y" : "ies");
    if (written < set.n) /* verdicts on a whole session name no reply */
        inert_printf(stdout, "%d verdict%s on a whole session left out\n", set.n - written,
                     set.n - written == 1 ? "" : "s");
    review_set_deinit(&set);
    return EXIT_OK;
}

/* A whole number from 0. Returns 0, or -1. */
static int parse_turn(const char *s, int *out)
{
    char *end;
    errno = 0;
    long v = strtol(s, &end, 10);
    if (errno || end == s || *end || v < 0 || v > 100000)
        return -1;
    *out = (int)v;
    return 0;
}

int cmd_review(int argc, char **argv)
{
    const char *result = NULL, *principle = NULL, *verdict_s = NULL, *reviewer = NULL;
    const char *note = "", *list_dir = NULL, *export_file = NULL, *turn_s = NULL;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        const char **slot = NULL;
        if (strcmp(a, "-h") == 0 || strcmp(a, "--help") == 0) {
            fputs(usage_text, stdout);
            return EXIT_OK;
        }
        if (strcmp(a, "--turn") == 0)
            slot = &turn_s;
        else if (strcmp(a, "--principle") == 0)
            slot = &principle;
        else if (strcmp(a, "--verdict") == 0)
            slot = &verdict_s;
        else if (strcmp(a, "--reviewer") == 0)
            slot = &reviewer;
        else if (strcmp(a, "--note") == 0)
            slot = &note;
        else if (strcmp(a, "--list") == 0)
            slot = &list_dir;
        else if (strcmp(a, "--export") == 0)
            slot = &export_file;
        else if (a[0] == '-' && a[1])
            return usage_error("unknown option ", a);
        if (slot) {
            if (i + 1 >= argc)
                return usage_error("a value is needed after ", a);
            *slot = argv[++i];
        } else if (result) {
            return usage_error("one result or folder only; got a second: ", a);
        } else {
            result = a;
        }
    }
    if (list_dir)
        return result ? usage_error("--list takes no result: ", result) : list(list_dir);
    if (export_file) {
        if (!result)
            return usage_error("--export FILE needs the folder to export from", NULL);
        size_t n = strlen(export_file);
        if (n >= 5 && strcmp(export_file + n - 5, ".json") == 0)
            return usage_error("will not write a .json file (results are *.json; labelled "
                               "replies go to a .jsonl file): ",
                               export_file);
        return export(export_file, result);
    }
    if (!result)
        return usage_error("which result? (kefu review RESULT.json --turn N ...)", NULL);
    int turn;
    ReviewVerdict verdict;
    if (!turn_s || parse_turn(turn_s, &turn) != 0)
        return usage_error("--turn must be the trainee's reply number, from 1 (0: the whole "
                           "session); got ",
                           turn_s ? turn_s : "nothing");
    if (!principle || !principle[0])
        return usage_error("--principle ID is needed (a principle id, e.g. apology)", NULL);
    if (!verdict_s || review_verdict_parse(verdict_s, &verdict) != 0)
        return usage_error("--verdict must be false_alarm or miss; got ",
                           verdict_s ? verdict_s : "nothing");
    if (!reviewer || !reviewer[0])
        return usage_error("--reviewer NAME is needed (who judged)", NULL);

    Review v;
    KefuError err = {{0}};
    if (review_make(result, turn, principle, verdict, note, reviewer, time(NULL), &v, &err) != 0) {
        inert_printf(stderr, "kefu review: %s\n", err.msg);
        return EXIT_BAD_INPUT;
    }
    char dir[4096];
    atomicfile_dirname(result, dir, sizeof dir);
    int rc = review_append(dir, &v, &err);
    if (rc != 0)
        inert_printf(stderr, "kefu review: %s\n", err.msg);
    else if (turn)
        inert_printf(stdout, "%s: %s of %s on reply %d recorded in %s/%s\n", result,
                     review_verdict_label(verdict), principle, turn, dir, REVIEW_FILE);
    else
        inert_printf(stdout, "%s: %s of %s on the whole session recorded in %s/%s\n", result,
                     review_verdict_label(verdict), principle, dir, REVIEW_FILE);
    review_deinit(&v);
    return rc == 0 ? EXIT_OK : EXIT_BAD_INPUT;
}
