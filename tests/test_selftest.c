/* Unit tests for engine/selftest: reading and running self-tests, exploration, and the
 * hot-reload replay the app's F5 uses. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "check.h"
#include "authoring/reload.h"
#include "authoring/selftest.h"

#define EXAMPLE "docs/examples/example_persona.lua"
#define RUBRIC "scenarios/rubric.lua"

static Rubric *rubric;
static char tmpdir[64];

static char *read_all(const char *path)
{
    KefuError err;
    return kerr_read_file(path, NULL, &err);
}

/* Writes text to tmpdir/name and returns the path (static buffer per call site: copy it). */
static const char *write_tmp(const char *name, const char *text)
{
    static char path[256];
    snprintf(path, sizeof path, "%s/%s", tmpdir, name);
    FILE *f = fopen(path, "w");
    if (!f)
        return path;
    fputs(text, f);
    fclose(f);
    return path;
}

/* text with the first occurrence of from replaced by to (malloc'd). */
static char *replace(const char *text, const char *from, const char *to)
{
    const char *at = strstr(text, from);
    if (!at)
        return strdup(text);
    size_t n = strlen(text) - strlen(from) + strlen(to);
    char *out = malloc(n + 1);
    size_t pre = (size_t)(at - text);
    memcpy(out, text, pre);
    strcpy(out + pre, to);
    strcat(out, at + strlen(from));
    return out;
}

/* Builds a scenario from src, for tests of the tests reader. */
static Scenario *load_src(const char *name, const char *src, KefuError *err)
{
    return scenario_load(write_tmp(name, src), rubric, err);
}

static const char *base_src =
    "return {\n"
    "  title = \"t\", persona = {name = \"n\"}, product = {name = \"p\"},\n"
    "  scorecard = { principles = { {id = \"warm_greeting\", weight = 10} } },\n"
    "  start = function(s) s:say('你好') end,\n"
    "  on_reply = function(s, r) s:say('拍了'); s:finish('sale') end,\n"
    "  tests = {\n"
    "    { name = \"ok\", replies = { {after = 1, text = \"亲，您好！\"} },\n"
    "      expect = { outcome = \"sale\" } },\n"
    "    { name = \"second\",\n"
    "      replies = { {after = 1, text = \"x\"} },\n"
    "      expect = { TEST } },\n"
    "  },\n"
    "}\n";

/* The message selftest_load gives when the second test's expect is `expect`. */
static const char *tests_error(const char *expect)
{
    static KefuError err;
    char *src = replace(base_src, "TEST", expect);
    Scenario *sc = load_src("t.lua", src, &err);
    free(src);
    if (!sc)
        return err.msg;
    SelfTestSet set;
    err.msg[0] = '\0';
    if (selftest_load(sc, rubric, &set, &err) == 0) {
        err.msg[0] = '\0';
        selftest_set_deinit(&set);
    }
    scenario_destroy(sc);
    return err.msg;
}

static void selftest_should_read_tests_and_name_bad_fields(void)
{
    CHECK_STR(tests_error("outcome = \"left\", score = {0, 50}, hits = \"warm_greeting\""), "");
    CHECK_CONTAINS(tests_error("outcome = \"won\""),
                   "t.lua:11: tests[2].expect.outcome must be one of sale, resolved, left, "
                   "escalated, incomplete; got 'won'");
    CHECK_CONTAINS(tests_error("outcom = \"sale\""),
                   "t.lua:11: tests[2].expect.outcom is not a known field (expected outcome, "
                   "score, hits, no_hits, says)");
    CHECK_CONTAINS(tests_error("score = {90, 10}"), "tests[2].expect.score must be a range "
                                                    "within 0..100 with lowest <= highest");
    CHECK_CONTAINS(tests_error("score = 80"), "tests[2].expect.score must be a range");
    CHECK_CONTAINS(tests_error("hits = {\"warm_greting\"}"),
                   "tests[2].expect.hits[1] is not a principle id: 'warm_greting'");
    CHECK_CONTAINS(tests_error("no_hits = {42}"), "tests[2].expect.no_hits[1] must be a "
                                                  "principle id (a string), got number");
    CHECK_CONTAINS(tests_error("says = \"\""), "tests[2].expect.says must not be empty");
    CHECK_CONTAINS(tests_error("hits = true"), "tests[2].expect.hits must be a list of principle "
                                               "ids, got boolean");
    CHECK_CONTAINS(tests_error(""), "tests[2].expect checks nothing");
}

static void selftest_should_name_bad_replies(void)
{
    KefuError err;
    char *src = replace(base_src, "{after = 1, text = \"x\"}", "{after = -1, text = \"x\"}");
    char *src2 = replace(src, "TEST", "outcome = \"sale\"");
    Scenario *sc = load_src("r.lua", src2, &err);
    SelfTestSet set;
    CHECK(sc != NULL);
    if (sc) {
        CHECK_INT(selftest_load(sc, rubric, &set, &err), ==, -1);
        CHECK_CONTAINS(err.msg, "r.lua:10: tests[2].replies[1].after must be from 0 to 86400, "
                                "got -1");
    }
    scenario_destroy(sc);
    free(src);
    free(src2);
    src = replace(base_src, "{after = 1, text = \"x\"}", "\"x\"");
    src2 = replace(src, "TEST", "outcome = \"sale\"");
    sc = load_src("r.lua", src2, &err);
    if (sc) {
        CHECK_INT(selftest_load(sc, rubric, &set, &err), ==, -1);
        CHECK_CONTAINS(err.msg, "r.lua:10: tests[2].replies[1] must be a table {after = seconds, "
                                "text = \"...\"}, got string");
    }
    scenario_destroy(sc);
    free(src);
    free(src2);
}

static void selftest_should_run_and_explain_failures(void)
{
    KefuError err;
    Scenario *sc = scenario_load("tests/data/lint/failing_test.lua", rubric, &err);
    SelfTestSet set;
    CHECK(sc != NULL);
    if (!sc)
        return;
    CHECK_INT(selftest_load(sc, rubric, &set, &err), ==, 0);
    CHECK_INT(set.n, ==, 3);
    int *reached = calloc((size_t)sc->nstates, sizeof *reached);
    SelfTestRun run;
    for (int i = 0; i < set.n; i++) {
        CHECK_INT(selftest_run(sc, rubric, &set.v[i], reached, &run, &err), ==, 0);
        CHECK_INT(run.passed, ==, i < 2);
        CHECK_INT(run.has_result, ==, 1);
        if (i == 2) {
            CHECK_INT(run.outcome, ==, OUTCOME_LEFT);
            CHECK_CONTAINS(run.reason, "expected outcome sale, got left");
            CHECK_CONTAINS(run.reason, "no customer line contains \"拍了\"");
        }
        selftest_run_deinit(&run);
    }
    CHECK_INT(reached[0], ==, 3); /* asking: every test */
    CHECK_INT(reached[1], ==, 3); /* done */
    free(reached);
    selftest_set_deinit(&set);
    scenario_destroy(sc);
}

static void selftest_should_explore_reproducibly(void)
{
    KefuError err;
    Scenario *sc = scenario_load(EXAMPLE, rubric, &err);
    CHECK(sc != NULL);
    if (!sc)
        return;
    ExploreOptions opt = {50, 11, 0, 0, 0, NULL};
    ExploreReport a, b;
    CHECK_INT(selftest_explore(sc, rubric, &opt, &a, &err), ==, 0);
    CHECK_INT(selftest_explore(sc, rubric, &opt, &b, &err), ==, 0);
    CHECK_INT(a.runs, ==, 50);
    CHECK_INT(a.errored_runs, ==, 0);
    int total = 0;
    for (int o = 0; o < OUTCOME_COUNT; o++) {
        CHECK_INT(a.outcomes[o], ==, b.outcomes[o]);
        total += a.outcomes[o];
    }
    CHECK_INT(total, ==, 50);
    CHECK_INT(a.nstates, ==, 3);
    for (int j = 0; j < a.nstates; j++)
        CHECK_INT(a.reached[j], ==, b.reached[j]);
    explore_report_deinit(&a);
    explore_report_deinit(&b);

    /* The bank's odd replies are in the scripts: a 2,000-character paste among them. */
    int longest = 0;
    for (int run = 0; run < 50; run++) {
        Script s;
        CHECK_INT(selftest_explore_script(&opt, run, &s), ==, 0);
        for (int i = 0; i < s.n; i++)
            if ((int)strlen(s.v[i].text) > longest)
                longest = (int)strlen(s.v[i].text);
        script_deinit(&s);
    }
    CHECK_INT(longest, >=, 2000);
    scenario_destroy(sc);
}

/* ---------------------------------------------------------------- hot reload */

/* Plays the example's first self-test and returns its agent messages as replay input. */
static int played(const char *path, unsigned long seed, ReplayReply *out, int max, char **texts,
                  Transcript *copy)
{
    KefuError err;
    Scenario *sc = scenario_load(path, rubric, &err);
    SelfTestSet set;
    int n = 0;
    if (!sc || selftest_load(sc, rubric, &set, &err) < 0) {
        scenario_destroy(sc);
        return -1;
    }
    SessionConfig cfg = {sc, rubric, seed};
    Session *s = session_create(&cfg, &err);
    if (s && playback_run(s, &set.v[0].replies, &err) == 0) {
        const Transcript *t = session_transcript(s);
        for (int i = 0; i < t->n && n < max; i++) {
            if (t->msgs[i].from != FROM_AGENT)
                continue;
            texts[n] = strdup(t->msgs[i].text);
            out[n] = (ReplayReply){t->msgs[i].t, t->msgs[i].typing_s, texts[n], t->msgs[i].len};
            n++;
        }
        memset(copy, 0, sizeof *copy);
        record_copy_transcript(copy, t);
    }
    session_destroy(s);
    selftest_set_deinit(&set);
    scenario_destroy(sc);
    return n;
}

static void selftest_should_replay_to_the_same_point(void)
{
    ReplayReply replies[8];
    char *texts[8];
    Transcript before;
    int n = played(EXAMPLE, 5, replies, 8, texts, &before);
    CHECK_INT(n, ==, 3);
    if (n != 3)
        return;
    Replayed r;
    KefuError err;
    CHECK_INT(reload_replay(EXAMPLE, RUBRIC, 5, replies, n, -1, &r, &err), ==, 0);
    CHECK_INT(r.replayed, ==, 3);
    CHECK_INT(r.dropped, ==, 0);
    CHECK_STR(r.note, "");
    const Transcript *after = session_transcript(r.session);
    CHECK_INT(after->n, ==, before.n);
    for (int i = 0; i < before.n && i < after->n; i++) {
        CHECK_STR(after->msgs[i].text, before.msgs[i].text);
        CHECK_DBL(after->msgs[i].t, ==, before.msgs[i].t);
        CHECK_INT(after->msgs[i].from, ==, before.msgs[i].from);
    }
    CHECK_INT(session_outcome(r.session), ==, OUTCOME_SALE);
    reload_deinit(&r);
    transcript_deinit(&before);
    for (int i = 0; i < n; i++)
        free(texts[i]);
}

static void selftest_should_replay_with_the_edited_file(void)
{
    ReplayReply replies[8];
    char *texts[8];
    Transcript before;
    int n = played(EXAMPLE, 5, replies, 8, texts, &before);
    transcript_deinit(&before);
    char *text = read_all(EXAMPLE);
    CHECK(text != NULL);
    if (!text || n != 3)
        return;
    char path[256];
    KefuError err;
    Replayed r;

    /* The trainer rewrites the buying lines: the replayed customer says the new one. */
    char *edited = replace(text, "buy = {", "buy = {\"改过的台词：拍了拍了\"}, old_buy = {");
    snprintf(path, sizeof path, "%s", write_tmp("example_persona.lua", edited));
    CHECK_INT(reload_replay(path, RUBRIC, 5, replies, n, 100, &r, &err), ==, 0);
    if (r.session) {
        const Transcript *t = session_transcript(r.session);
        int found = 0;
        for (int i = 0; i < t->n; i++)
            found |= t->msgs[i].from == FROM_CUSTOMER && strstr(t->msgs[i].text, "改过的台词");
        CHECK(found);
        CHECK_DBL(session_now(r.session), ==, 100);
    }
    reload_deinit(&r);
    free(edited);

    /* Now he leaves at the first reply: the later replies are dropped, and the note says so. */
    edited = replace(text, "    local h = reply.hits\n",
                     "    local h = reply.hits\n    do s:say(\"不买了\"); s:finish(\"left\"); "
                     "return end\n");
    snprintf(path, sizeof path, "%s", write_tmp("example_persona.lua", edited));
    CHECK_INT(reload_replay(path, RUBRIC, 5, replies, n, -1, &r, &err), ==, 0);
    CHECK_INT(r.replayed, ==, 1);
    CHECK_INT(r.dropped, ==, 2);
    CHECK_CONTAINS(r.note, "第 2 条回复之前");
    CHECK_CONTAINS(r.note, "顾客流失");
    reload_deinit(&r);
    free(edited);

    /* A syntax error: a message with file and line, nothing allocated. */
    edited = replace(text, "  difficulty = 1,\n", "  difficulty = 1\n");
    snprintf(path, sizeof path, "%s", write_tmp("example_persona.lua", edited));
    CHECK_INT(reload_replay(path, RUBRIC, 5, replies, n, -1, &r, &err), ==, -1);
    CHECK_CONTAINS(err.msg, "example_persona.lua:");
    CHECK_CONTAINS(err.msg, "expected");
    CHECK(r.session == NULL && r.scenario == NULL && r.rubric == NULL);
    free(edited);

    /* What only lint sees (an outcome that does not exist) also keeps the old session. */
    edited = replace(text, "s:finish(\"sale\")", "s:finish(\"sold\")");
    snprintf(path, sizeof path, "%s", write_tmp("example_persona.lua", edited));
    CHECK_INT(reload_replay(path, RUBRIC, 5, replies, n, -1, &r, &err), ==, -1);
    CHECK_CONTAINS(err.msg, "s:finish(\"sold\"): the outcome must be one of");
    free(edited);

    /* Data behind a raising metatable would abort the loader: refused with a message. */
    CHECK_INT(reload_replay("tests/data/lint/metatable.lua", RUBRIC, 5, replies, n, -1, &r,
                              &err),
              ==, -1);
    CHECK_CONTAINS(err.msg, "metatable.lua: the returned table (or a table inside it) has a "
                            "metatable");

    /* A broken rubric names the rubric file. */
    CHECK_INT(reload_replay(EXAMPLE, "tests/data/lint/bad_rubric_pattern.lua", 5, replies, n,
                              -1, &r, &err),
              ==, -1);
    CHECK_CONTAINS(err.msg, "bad_rubric_pattern.lua:15:");

    free(text);
    for (int i = 0; i < n; i++)
        free(texts[i]);
}

static void selftest_should_replay_any_bytes(void)
{
    /* A trainee's reply may be anything: invalid UTF-8, empty, 10,000 characters. */
    static char big[30001];
    for (int i = 0; i < 10000; i++)
        memcpy(big + i * 3, "亲", 3);
    const char bad[] = "\xff\xfe\xc3 亲\x80";
    ReplayReply replies[] = {
        {2, -1, bad, sizeof bad - 1},
        {4, 1, "", 0},
        {6, -1, NULL, 0},
        {8, 30, big, 30000},
    };
    Replayed r;
    KefuError err;
    CHECK_INT(reload_replay(EXAMPLE, RUBRIC, 1, replies, 4, -1, &r, &err), ==, 0);
    CHECK(r.session != NULL);
    reload_deinit(&r);
}

int main(void)
{
    KefuError err;
    rubric = rubric_load(RUBRIC, &err);
    if (!rubric) {
        fprintf(stderr, "cannot load the rubric: %s\n", err.msg);
        return 1;
    }
    snprintf(tmpdir, sizeof tmpdir, "/tmp/kefu-selftest-XXXXXX");
    if (!mkdtemp(tmpdir)) {
        perror("mkdtemp");
        return 1;
    }
    RUN(selftest_should_read_tests_and_name_bad_fields);
    RUN(selftest_should_name_bad_replies);
    RUN(selftest_should_run_and_explain_failures);
    RUN(selftest_should_explore_reproducibly);
    RUN(selftest_should_replay_to_the_same_point);
    RUN(selftest_should_replay_with_the_edited_file);
    RUN(selftest_should_replay_any_bytes);
    rubric_destroy(rubric);
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", tmpdir);
    if (system(cmd) != 0)
        fprintf(stderr, "could not remove %s\n", tmpdir);
    CHECK_DONE();
}
