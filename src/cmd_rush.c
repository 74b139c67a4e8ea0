/* Rush files on the command line (docs/rush.md): kefu run plays one against a replies file
 * whose lines carry "to"; kefu test runs its self-tests; kefu lint checks it. */
#include "cmd_rush.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "authoring/lint_report.h"
#include "base/atomicfile.h"
#include "base/inert.h"
#include "base/platform.h"
#include "commands.h"
#include "persona/rush.h"
#include "results/archive.h"
#include "results/record.h"
#include "results/rush_record.h"

int cmd_rush_resolve(const char *dir, const char *id_or_path, char *path, size_t size)
{
    KefuError err;
    PlatStat st;
    const char *sdir = scenario_dir(dir);
    /* A name not in the scenarios folder may be one of its rushes (scenarios/rush/). */
    if ((scenario_resolve(sdir, id_or_path, path, size, &err) < 0 || plat_stat(path, &st) < 0) &&
        !strchr(id_or_path, '/') && strlen(id_or_path) < 200) {
        char sub[4096];
        snprintf(sub, sizeof sub, "%s/" RUSH_FOLDER, sdir);
        if (scenario_resolve(sub, id_or_path, path, size, &err) < 0)
            return 0;
    }
    /* rush_sniff reads as scenario files are read: a FIFO or link is refused, never waited on. */
    return rush_sniff(path);
}

/* --json PATH: replaced crash-safe; "-": printed. Returns 0 or -1 with err. */
static int write_json(const char *path, const char *json, KefuError *err)
{
    if (strcmp(path, "-") == 0) {
        fputs(json, stdout);
        if (fflush(stdout) == 0)
            return 0;
        kerr_set(err, "the standard output: cannot write: %s", strerror(errno));
        return -1;
    }
    return atomicfile_replace(path, json, strlen(json), err);
}

int cmd_rush_run(const char *path, const RushRunArgs *a)
{
    KefuError err;
    int rc = EXIT_BAD_INPUT;
    RushSpec *spec = NULL;
    Rush *rush = NULL;
    Script script = {0};
    char *json = NULL;
    if (a->exam_path) {
        fprintf(stderr, "kefu run: a rush cannot be sat as an exam (yet)\n");
        return EXIT_USAGE;
    }
    if (!(spec = rush_load(path, scenario_dir(a->dir), &err)) ||
        script_load(a->replies, &script, &err) < 0 ||
        !(rush = rush_create(spec, a->rubric, a->seed, &err)) ||
        rush_play(rush, &script, a->replies, &err) < 0) {
        inert_printf(stderr, "kefu run: %s\n", err.msg);
        goto done;
    }
    ArchiveInfo info = {a->trainee, a->mode, a->seed, time(NULL), NULL, 0};
    char id[160], written[4096] = "";
    if (!(json = rush_record_to_json(rush, a->rubric, &info, id, sizeof id, &err))) {
        inert_printf(stderr, "kefu run: %s\n", err.msg);
        goto done;
    }
    if (a->json_path && write_json(a->json_path, json, &err) < 0) {
        inert_printf(stderr, "kefu run: %s\n", err.msg);
        goto done;
    }
    if ((!a->json_path || a->out_dir) &&
        record_write(a->out_dir ? a->out_dir : plat_results_dir(), id, json, written,
                     sizeof written, &err) < 0) {
        inert_printf(stderr, "kefu run: %s\n", err.msg);
        goto done;
    }
    RushStats st;
    if (rush_stats(rush, &st) == 0) {
        for (int i = 0; i < st.n; i++) {
            const Transcript *tr = session_transcript(rush_session(rush, i));
            inert_printf(stderr,
                         "  %d %s: arrived %.1f s, %s, first response %s%.1f s, "
                         "longest wait %.1f s%s\n",
                         i + 1, spec->customers[i].persona, st.c[i].arrival_s,
                         outcome_name(tr->outcome), st.c[i].first_response_s < 0 ? "none " : "",
                         st.c[i].first_response_s < 0 ? 0.0 : st.c[i].first_response_s,
                         st.c[i].longest_wait_s, st.c[i].starved ? ", starved" : "");
        }
        inert_printf(stderr, "%s: %d of %d served, %d lost unanswered, at most %d at once%s%s\n",
                     spec->id, st.served, st.n, st.lost, st.max_concurrent, *written ? " -> " : "",
                     written);
        rush_stats_deinit(&st);
    }
    rc = EXIT_OK;
done:
    free(json);
    rush_destroy(rush);
    script_deinit(&script);
    rush_spec_destroy(spec);
    return rc;
}

void cmd_rush_test(const char *path, const char *dir, Rubric *rubric, int *passed, int *failed)
{
    KefuError err;
    RushSpec *spec = rush_load(path, scenario_dir(dir), &err);
    if (!spec) {
        inert_printf(stdout, "FAIL %s: %s\n", path, err.msg);
        (*failed)++;
        return;
    }
    if (spec->ntests == 0)
        inert_printf(stdout, "--   %s: no self-tests declared (%s)\n", spec->id, path);
    for (int t = 0; t < spec->ntests; t++) {
        const RushTest *test = &spec->tests[t];
        Rush *rush = rush_create(spec, rubric, 1, &err);
        if (!rush || rush_play(rush, &test->replies, path, &err) < 0) {
            inert_printf(stdout, "FAIL %s: %s: %s\n", spec->id, test->name, err.msg);
            rush_destroy(rush);
            (*failed)++;
            continue;
        }
        int bad = 0;
        for (int k = 0; k < test->nexpect; k++) {
            int i = test->expect[k].customer - 1;
            Outcome got = session_outcome(rush_session(rush, i));
            if (got != test->expect[k].outcome) {
                inert_printf(stdout, "FAIL %s: %s: customer %d (%s) ended %s, expected %s\n",
                             spec->id, test->name, i + 1, spec->customers[i].persona,
                             outcome_name(got), outcome_name(test->expect[k].outcome));
                bad = 1;
            }
        }
        if (!bad)
            inert_printf(stdout, "ok   %s: %s\n", spec->id, test->name);
        *(bad ? failed : passed) += 1;
        rush_destroy(rush);
    }
    rush_spec_destroy(spec);
}

int cmd_rush_lint(const char *path, const char *dir, Rubric *rubric, LintReport *rep)
{
    KefuError err;
    RushSpec *spec = rush_load(path, scenario_dir(dir), &err);
    if (!spec) {
        lint_add(rep, 0, "%s", err.msg);
        return -1;
    }
    int bad = 0;
    for (int i = 0; i < spec->ncustomers; i++) {
        Scenario *sc = rush_customer_scenario(spec, i, rubric, &err);
        if (!sc && spec->customers[i].card) { /* it names the rush file's line already */
            lint_add(rep, 0, "%s", err.msg);
            bad = 1;
        } else if (!sc) {
            lint_add(rep, 0, "%s: customers[%d] (%s): %s", path, i + 1, spec->customers[i].persona,
                     err.msg);
            bad = 1;
        }
        scenario_destroy(sc);
    }
    int n = spec->ncustomers;
    rush_spec_destroy(spec);
    return bad ? -1 : n;
}
