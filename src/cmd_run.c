/* kefu run: plays a scenario headless against scripted replies on a virtual clock and
 * writes the result. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "base/atomicfile.h"
#include "results/archive.h"
#include "cli_common.h"
#include "commands.h"
#include "persona/playback.h"
#include "base/text.h"

static int usage(void)
{
    fprintf(stderr, "usage: kefu run SCENARIO --replies FILE [--seed N] [--trainee NAME] "
                    "[--mode practice|exam] [--out DIR] [--json PATH|-] [--scenarios DIR] "
                    "[--rubric FILE]\n");
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

int cmd_run(int argc, char **argv)
{
    const char *scenario = NULL, *replies = NULL, *trainee = NULL, *out_dir = NULL;
    const char *json_path = NULL, *dir = NULL, *rubric_path = NULL, *mode = "exam";
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
        } else if (strcmp(a, "--trainee") == 0)
            trainee = v;
        else if (strcmp(a, "--mode") == 0) {
            if (strcmp(v, "practice") != 0 && strcmp(v, "exam") != 0) {
                fprintf(stderr, "kefu run: --mode must be practice or exam, got '%s'\n", v);
                return EXIT_USAGE;
            }
            mode = v;
        } else if (strcmp(a, "--out") == 0)
            out_dir = v;
        else if (strcmp(a, "--json") == 0)
            json_path = v;
        else if (strcmp(a, "--scenarios") == 0)
            dir = v;
        else if (strcmp(a, "--rubric") == 0)
            rubric_path = v;
        else {
            fprintf(stderr, "kefu run: unknown option %s\n", a);
            return usage();
        }
    }
    if (!scenario || !replies)
        return usage();
    if (trainee && !text_valid_utf8(trainee, strlen(trainee), NULL)) {
        fprintf(stderr, "kefu run: --trainee is not valid UTF-8\n");
        return EXIT_USAGE;
    }

    int rc = EXIT_BAD_INPUT;
    Rubric *rubric = NULL;
    Scenario *sc = NULL;
    Session *s = NULL;
    Script script = {0};
    Result res = {0};
    Scorecard card = {0};
    char *json = NULL;
    KefuError err;

    if (!(rubric = cli_load_rubric("run", dir, rubric_path)) ||
        !(sc = cli_load_scenario("run", dir, scenario, rubric)))
        goto done;
    if (script_load(replies, &script, &err) < 0) {
        fprintf(stderr, "kefu run: %s\n", err.msg);
        goto done;
    }
    SessionConfig cfg = {sc, rubric, seed};
    time_t started = time(NULL);
    if (!(s = session_create(&cfg, &err)) || playback_run(s, &script, &err) < 0) {
        fprintf(stderr, "kefu run: %s\n", err.msg);
        goto done;
    }
    ArchiveInfo info = {trainee, mode, seed, started};
    if (archive_build(s, rubric, &info, &res, &card, &err) < 0 ||
        !(json = record_to_json(&res, rubric, &card))) {
        fprintf(stderr, "kefu run: %s\n", json ? err.msg : "cannot build the result JSON");
        goto done;
    }
    char written[4096] = "";
    if (json_path && write_json_file(json_path, json, &err) < 0) {
        fprintf(stderr, "kefu run: %s\n", err.msg);
        goto done;
    }
    if (!json_path || out_dir) {
        if (record_write(out_dir ? out_dir : "results", res.id, json, written, sizeof written,
                         &err) < 0) {
            fprintf(stderr, "kefu run: %s\n", err.msg);
            goto done;
        }
    }
    fprintf(stderr, "%s: %s, score %d/100 (%s)%s%s\n", sc->id, outcome_name(res.transcript.outcome),
            card.total, card.pass ? "pass" : "fail", *written ? " -> " : "", written);
    rc = EXIT_OK;
done:
    free(json);
    scorecard_deinit(&card);
    result_deinit(&res);
    session_destroy(s);
    script_deinit(&script);
    scenario_destroy(sc);
    rubric_destroy(rubric);
    return rc;
}
