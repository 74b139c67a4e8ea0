/* kefu run: plays a scenario headless against scripted replies on a virtual clock and
 * writes the result; journals the session as it goes, and saves it as abandoned when stopped
 * by SIGTERM, SIGHUP or SIGINT. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "base/atomicfile.h"
#include "base/inert.h"
#include "base/platform.h"
#include "base/stopsignal.h"
#include "base/text.h"
#include "results/journal.h"
#include "cli_common.h"
#include "cli_db.h"
#include "cmd_rush.h"
#include "commands.h"
#include "persona/playback.h"
#include "results/archive.h"
#include "results/exam.h"

const char cmd_run_usage[] = "usage: kefu run SCENARIO --replies FILE [--seed N] [--trainee NAME] "
                             "[--mode practice|exam] [--out DIR] [--json PATH|-] [--scenarios DIR] "
                             "[--rubric FILE]\n"
                             "       kefu run SCENARIO --exam FILE --trainee NAME --replies FILE "
                             "[--out DIR] [--json PATH]\n"
                             "       kefu run RUSH --replies FILE [--seed N] [--trainee NAME] "
                             "[--out DIR] [--json PATH|-]   (each reply line says \"to\": "
                             "docs/rush.md)\n"
                             "  --db URL: a session's result is also uploaded to the shared "
                             "database (docs/deploy.md)\n";

static int usage(void)
{
    fputs(cmd_run_usage, stderr);
    return EXIT_USAGE;
}

/* --json PATH: the result replaces PATH crash-safe (the old file stays whole until the new one
 * is), "-" prints it. Returns 0, or -1 with err saying why. */
static int write_json_file(const char *path, const char *json, KefuError *err)
{
    if (strcmp(path, "-") == 0) {
        fputs(json, stdout);
        fputc('\n', stdout);
        if (fflush(stdout) == 0)
            return 0;
        kerr_set(err, "the standard output: cannot write: %s", strerror(errno));
        return -1;
    }
    size_t n = strlen(json);
    char *text = malloc(n + 2);
    if (!text) {
        kerr_set(err, "%s: cannot write: out of memory", path);
        return -1;
    }
    memcpy(text, json, n);
    text[n] = '\n';
    text[n + 1] = '\0';
    int rc = atomicfile_replace(path, text, n + 1, err);
    free(text);
    return rc;
}

/* ------------------------------------------------------------------------ stopping */


/* Asked before each scripted reply. KEFU_TEST_STEP_DELAY_MS (test only, for
 * tests/e2e_journal.sh) waits that long first, so that a kill from outside lands in the middle
 * of a session; a stop signal cuts the wait short. */
static int step(void *ctx, int i)
{
    const long *delay_ms = ctx;
    (void)i;
    if (*delay_ms > 0 && !stopsignal_pending())
        plat_sleep_ms(*delay_ms);
    return stopsignal_pending() != 0;
}

/* ------------------------------------------------------------------------ the journal */

static void print_recovery(void *ctx, const JournalRecovery *r)
{
    char line[3000];
    (void)ctx;
    journal_describe(r, line, sizeof line);
    fprintf(stderr, "kefu run: %s\n", line);
}

/* Where the session's journal goes: beside its result. --out DIR, else the folder of --json
 * PATH (when it exists), else the default results folder; a result printed to the standard
 * output alone (--json -) has no folder and no journal. */
static const char *journal_dir(const char *out_dir, const char *json_path, char *buf, size_t size)
{
    PlatStat st;
    if (out_dir)
        return out_dir;
    if (!json_path)
        return plat_results_dir();
    if (strcmp(json_path, "-") == 0)
        return NULL;
    atomicfile_dirname(json_path, buf, size);
    return plat_stat(buf, &st) == 0 && S_ISDIR(st.mode) ? buf : NULL;
}

int cmd_run(int argc, char **argv)
{
    const char *scenario = NULL, *replies = NULL, *trainee = NULL, *out_dir = NULL;
    const char *json_path = NULL, *dir = NULL, *rubric_path = NULL, *mode = "exam";
    const char *exam_path = NULL, *db = NULL;
    int seed_given = 0, mode_given = 0;
    unsigned long seed = 1;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i], *v = NULL;
        if (a[0] != '-' || strcmp(a, "-") == 0) {
            if (scenario)
                return usage();
            scenario = a;
            continue;
        }
        if (!(v = cli_value("run", argc, argv, &i)))
            return usage();
        if (strcmp(a, "--replies") == 0)
            replies = v;
        else if (strcmp(a, "--seed") == 0) {
            char *e = NULL;
            seed = strtoul(v, &e, 10);
            if (!*v || *e) {
                fprintf(stderr, "kefu run: --seed needs a whole number, got '%s'\n", v);
                return EXIT_USAGE;
            }
            seed_given = 1;
        } else if (strcmp(a, "--trainee") == 0)
            trainee = v;
        else if (strcmp(a, "--mode") == 0) {
            if (strcmp(v, "practice") != 0 && strcmp(v, "exam") != 0) {
                fprintf(stderr, "kefu run: --mode must be practice or exam, got '%s'\n", v);
                return EXIT_USAGE;
            }
            mode = v;
            mode_given = 1;
        } else if (strcmp(a, "--exam") == 0)
            exam_path = v;
        else if (strcmp(a, "--out") == 0)
            out_dir = v;
        else if (strcmp(a, "--json") == 0)
            json_path = v;
        else if (strcmp(a, "--scenarios") == 0)
            dir = v;
        else if (strcmp(a, "--rubric") == 0)
            rubric_path = v;
        else if (strcmp(a, "--db") == 0)
            db = v;
        else {
            fprintf(stderr, "kefu run: unknown option %s\n", a);
            return usage();
        }
    }
    if (!scenario || !replies)
        return usage();
    /* An exam fixes who (a name on its roster), the seed and the mode. */
    if (exam_path && (!trainee || seed_given || (mode_given && strcmp(mode, "exam") != 0))) {
        fprintf(stderr, "kefu run: --exam needs --trainee NAME from its roster, and takes the "
                        "seed and mode from the exam (no --seed, no --mode practice)\n");
        return EXIT_USAGE;
    }
    if (trainee && !text_valid_utf8(trainee, strlen(trainee), NULL)) {
        fprintf(stderr, "kefu run: --trainee is not valid UTF-8\n");
        return EXIT_USAGE;
    }
    if (db && cli_db_missing("run"))
        return EXIT_BAD_INPUT;

    int rc = EXIT_BAD_INPUT;
    Rubric *rubric = NULL;
    Scenario *sc = NULL;
    Session *s = NULL;
    Script script = {0};
    Result res = {0};
    Scorecard card = {0};
    char *json = NULL;
    Journal *journal = NULL;
    Exam *exam = NULL;
    int attempt = 0;
    KefuError err;
    char jdir_buf[4096];
    const char *jdir = journal_dir(out_dir, json_path, jdir_buf, sizeof jdir_buf);
    const char *delay_env = getenv("KEFU_TEST_STEP_DELAY_MS");
    long delay_ms = delay_env ? strtol(delay_env, NULL, 10) : 0;

    if (!(rubric = cli_load_rubric("run", dir, rubric_path)))
        goto done;
    char rush_path[4096];
    if (cmd_rush_resolve(dir, scenario, rush_path, sizeof rush_path)) {
        RushRunArgs ra = {replies, trainee, mode, out_dir, json_path, dir, exam_path, seed, rubric};
        rc = cmd_rush_run(rush_path, &ra);
        goto done;
    }
    if (!(sc = cli_load_scenario("run", dir, scenario, rubric)))
        goto done;
    if (script_load(replies, &script, &err) < 0) {
        inert_printf(stderr, "kefu run: %s\n", err.msg);
        goto done;
    }
    stopsignal_catch();
    /* What an earlier run left unfinished is saved before this one starts. */
    if (jdir && journal_recover(jdir, rubric, print_recovery, NULL, &err) < 0)
        fprintf(stderr, "kefu run: %s\n", err.msg);

    time_t started = time(NULL);
    if (exam_path) {
        /* The checks run after the recovery above, so a killed attempt is already a result. */
        if (!(exam = exam_load(exam_path, &err))) {
            inert_printf(stderr, "kefu run: %s\n", err.msg);
            goto done;
        }
        if (!jdir) {
            fprintf(stderr, "kefu run: an exam needs a results folder to count attempts in "
                            "(--out DIR, or --json PATH inside a folder)\n");
            goto done;
        }
        if ((attempt = exam_admit(exam, jdir, trainee, sc->id, started, &err)) < 0) {
            inert_printf(stderr, "kefu run: %s\n", err.msg);
            goto done;
        }
        seed = exam_scenario(exam, sc->id)->seed;
        sc->spec.pass_mark = exam->pass_mark;
        mode = "exam";
    }
    SessionConfig cfg = {sc, rubric, seed};
    ArchiveInfo info = {trainee, mode, seed, started, exam ? exam->id : NULL, attempt};
    if (!(s = session_create(&cfg, &err))) {
        /* The scenario's words (error("\27[2J...")) reach the terminal inert. */
        inert_printf(stderr, "kefu run: %s\n", err.msg);
        goto done;
    }
    if (jdir && !(journal = journal_open(jdir, s, rubric, &info, &err)))
        fprintf(stderr, "kefu run: %s (the session runs without a journal)\n", err.msg);
    if (playback_play(s, &script, step, &delay_ms, &err) < 0) {
        inert_printf(stderr, "kefu run: %s\n", err.msg);
        /* The scenario failed: no result, and nothing to recover later. */
        session_set_sink(s, NULL);
        journal_discard(journal);
        journal = NULL;
        goto done;
    }
    session_set_sink(s, NULL);
    if (journal && journal_error(journal)[0])
        fprintf(stderr, "kefu run: %s (the journal stops there)\n", journal_error(journal));
    if (archive_build_as(s, rubric, &info, journal ? journal_id(journal) : NULL, &res, &card,
                         &err) < 0) {
        inert_printf(stderr, "kefu run: %s\n", err.msg);
        goto done;
    }
    if (!(json = record_to_json(&res, rubric, &card))) {
        fprintf(stderr, "kefu run: out of memory building the result JSON\n");
        goto done;
    }
    char written[4096] = "";
    if (json_path && write_json_file(json_path, json, &err) < 0) {
        fprintf(stderr, "kefu run: %s\n", err.msg);
        goto done;
    }
    if (!json_path || out_dir) {
        if (record_write(out_dir ? out_dir : plat_results_dir(), res.id, json, written,
                         sizeof written, &err) < 0) {
            inert_printf(stderr, "kefu run: %s\n", err.msg);
            goto done;
        }
    }
    /* The result is on disk: only now may the journal go. */
    if (journal_done(journal, &err) < 0)
        fprintf(stderr, "kefu run: %s\n", err.msg);
    journal = NULL;
    if (*written)
        cli_deliver("run", out_dir ? out_dir : plat_results_dir(), written, db);
    inert_printf(stderr, "%s: %s, score %d/100 (%s)%s%s\n", sc->id,
                 outcome_name(res.transcript.outcome), card.total, card.pass ? "pass" : "fail",
                 *written ? " -> " : "", written);
    rc = EXIT_OK;
    if (stopsignal_pending()) {
        fprintf(stderr, "kefu run: stopped by %s; the session so far is saved as %s\n",
                stopsignal_name(stopsignal_pending()), outcome_name(res.transcript.outcome));
        rc = EXIT_BAD_INPUT;
    }
done:
    if (journal) {
        /* The result could not be written: the journal stays for the next start. */
        fprintf(stderr, "kefu run: the session is kept in %s; kefu recover %s saves it\n",
                journal_path(journal), jdir);
        journal_close(journal);
    }
    free(json);
    scorecard_deinit(&card);
    result_deinit(&res);
    session_destroy(s);
    script_deinit(&script);
    scenario_destroy(sc);
    rubric_destroy(rubric);
    exam_destroy(exam);
    return rc;
}
