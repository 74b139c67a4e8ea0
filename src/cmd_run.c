/* kefu run: plays a scenario headless against scripted replies on a virtual clock and
 * writes the result. */
#include <cjson/cJSON.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "archive.h"
#include "cli_common.h"
#include "commands.h"
#include "text.h"

typedef struct Scripted {
    double after;
    double typing; /* -1 unknown */
    char *text;
} Scripted;

typedef struct Script {
    Scripted *v;
    int n;
} Script;

static void script_free(Script *s)
{
    for (int i = 0; i < s->n; i++)
        free(s->v[i].text);
    free(s->v);
}

/* Reads a field that must be a non-negative number; returns 0, -1 with a message. */
static int number_field(const cJSON *obj, const char *key, int required, double *out,
                        const char *path, int line)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, key);
    if (!v) {
        if (required) {
            fprintf(stderr, "kefu run: %s:%d: missing \"%s\" (seconds since the latest message)\n",
                    path, line, key);
            return -1;
        }
        return 0;
    }
    if (!cJSON_IsNumber(v) || !(v->valuedouble >= 0) || v->valuedouble > 86400) {
        fprintf(stderr, "kefu run: %s:%d: \"%s\" must be a number of seconds from 0 to 86400\n",
                path, line, key);
        return -1;
    }
    *out = v->valuedouble;
    return 0;
}

/* Reads and checks the whole replies file before anything is played, so a bad line never
 * leaves half a session behind. */
static int script_load(const char *path, Script *out)
{
    KefuError err;
    size_t len = 0;
    char *buf = kerr_read_file(path, &len, &err);
    if (!buf) {
        fprintf(stderr, "kefu run: %s\n", err.msg);
        return -1;
    }
    int line = 0, cap = 0, rc = -1;
    char *p = buf, *end = buf + len;
    memset(out, 0, sizeof *out);
    while (p < end) {
        char *nl = memchr(p, '\n', (size_t)(end - p));
        size_t n = nl ? (size_t)(nl - p) : (size_t)(end - p);
        line++;
        char *cur = p;
        p = nl ? nl + 1 : end;
        size_t bad = 0;
        if (!text_valid_utf8(cur, n, &bad)) {
            fprintf(stderr, "kefu run: %s:%d: not valid UTF-8 (byte %zu of the line)\n", path,
                    line, bad + 1);
            goto done;
        }
        size_t k = 0;
        while (k < n && (cur[k] == ' ' || cur[k] == '\t' || cur[k] == '\r'))
            k++;
        if (k == n)
            continue; /* blank line */
        cJSON *obj = cJSON_ParseWithLength(cur, n);
        if (!obj || !cJSON_IsObject(obj)) {
            fprintf(stderr, "kefu run: %s:%d: not a JSON object like {\"after\": 5, \"text\": "
                            "\"亲，您好！\"}\n",
                    path, line);
            cJSON_Delete(obj);
            goto done;
        }
        const cJSON *text = cJSON_GetObjectItemCaseSensitive(obj, "text");
        Scripted s = {0, -1, NULL};
        if (!cJSON_IsString(text)) {
            fprintf(stderr, "kefu run: %s:%d: %s \"text\" (the agent's message, a string)\n",
                    path, line, text ? "wrong type for" : "missing");
            cJSON_Delete(obj);
            goto done;
        }
        if (number_field(obj, "after", 1, &s.after, path, line) < 0 ||
            number_field(obj, "typing", 0, &s.typing, path, line) < 0) {
            cJSON_Delete(obj);
            goto done;
        }
        if (out->n == cap) {
            cap = cap ? cap * 2 : 32;
            Scripted *v = realloc(out->v, (size_t)cap * sizeof *v);
            if (!v) {
                cJSON_Delete(obj);
                fprintf(stderr, "kefu run: out of memory\n");
                goto done;
            }
            out->v = v;
        }
        s.text = strdup(text->valuestring);
        cJSON_Delete(obj);
        if (!s.text)
            goto done;
        out->v[out->n++] = s;
    }
    if (out->n == 0) {
        fprintf(stderr, "kefu run: %s: no replies in the file\n", path);
        goto done;
    }
    rc = 0;
done:
    free(buf);
    if (rc < 0)
        script_free(out);
    return rc;
}

/* Delivers everything the customer is still composing. */
static int settle(Session *s, KefuError *err)
{
    double t;
    while ((t = session_next_message(s)) >= 0)
        if (session_advance(s, t, err) < 0)
            return -1;
    return 0;
}

static int play(Session *s, const Script *script, KefuError *err)
{
    if (session_start(s, err) < 0 || settle(s, err) < 0)
        return -1;
    for (int i = 0; i < script->n && session_accepts_replies(s); i++) {
        const Scripted *r = &script->v[i];
        double typing = r->typing >= 0 ? r->typing : 0;
        double at = session_reply_base(s) + r->after + typing;
        if (session_advance(s, at, err) < 0)
            return -1;
        if (!session_accepts_replies(s))
            break; /* the customer left while the agent was still thinking */
        if (session_reply(s, at, r->text, strlen(r->text), r->typing, err) == -1)
            return -1;
        if (settle(s, err) < 0)
            return -1;
    }
    if (session_outcome(s) == OUTCOME_NONE)
        session_end(s, session_now(s), OUTCOME_INCOMPLETE);
    return 0;
}

static int usage(void)
{
    fprintf(stderr, "usage: kefu run SCENARIO --replies FILE [--seed N] [--trainee NAME] "
                    "[--mode practice|exam] [--out DIR] [--json PATH|-] [--scenarios DIR] "
                    "[--rubric FILE]\n");
    return EXIT_USAGE;
}

static int write_json_file(const char *path, const char *json)
{
    if (strcmp(path, "-") == 0) {
        fputs(json, stdout);
        fputc('\n', stdout);
        return fflush(stdout) == 0 ? 0 : -1;
    }
    FILE *f = fopen(path, "w");
    if (!f)
        return -1;
    int ok = fputs(json, f) >= 0 && fputc('\n', f) != EOF;
    return fclose(f) == 0 && ok ? 0 : -1;
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
        !(sc = cli_load_scenario("run", dir, scenario, rubric)) ||
        script_load(replies, &script) < 0)
        goto done;
    SessionConfig cfg = {sc, rubric, seed};
    time_t started = time(NULL);
    if (!(s = session_create(&cfg, &err)) || play(s, &script, &err) < 0) {
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
    if (json_path && write_json_file(json_path, json) < 0) {
        fprintf(stderr, "kefu run: cannot write %s\n", json_path);
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
    script_free(&script);
    scenario_destroy(sc);
    rubric_destroy(rubric);
    return rc;
}
