/* test_schema: the results format's names, one file read into a summary, the checks with
 * file:line:col, and the standards a file without thresholds falls back to. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "judge/rubric.h"
#include "judge/standards.h"
#include "report_gen.h"
#include "results/schema.h"

static const double waits[] = {4.5, 25.0, 8.0};
static const int replies[] = {0, 8, 2};

static GenSession session(void)
{
    GenSession g = {0};
    g.trainee = "张三";
    g.scenario = "haggler";
    g.title = "砍价的王女士";
    g.mode = "exam";
    g.seed = 7;
    g.started = 1795428900LL; /* 2026-11-23T10:15:00Z */
    g.outcome = "abandoned";
    g.total = 72;
    g.first_response = 4.5;
    g.waits = waits;
    g.nwaits = 3;
    g.replies = replies;
    g.statuses = "mxvn";
    g.wait_standard = 30;
    return g;
}

static void schema_should_name_statuses_outcomes_and_senders(void)
{
    PrincipleStatus st = ST_MET;
    CHECK_INT(schema_status_parse("violated", &st), ==, 0);
    CHECK_INT(st, ==, ST_VIOLATED);
    CHECK_INT(schema_status_parse("VIOLATED", &st), ==, -1);
    CHECK_STR(schema_status_label(ST_MET), "达成");
    CHECK_STR(schema_status_label(ST_NA), "不适用");
    Outcome o = OUTCOME_NONE;
    CHECK_INT(schema_outcome_parse("abandoned", &o), ==, 0);
    CHECK_INT(o, ==, OUTCOME_ABANDONED);
    CHECK_INT(schema_outcome_parse("none", &o), ==, -1); /* never a finished session's */
    CHECK_STR(outcome_label(OUTCOME_ABANDONED), "中途退出");
    CHECK_STR(outcome_brief(OUTCOME_ABANDONED), "中途退出");
    CHECK_STR(outcome_brief(OUTCOME_RESOLVED), "解决");
    Sender s = FROM_CUSTOMER;
    CHECK_INT(schema_sender_parse("system", &s), ==, 0);
    CHECK_INT(s, ==, FROM_SYSTEM);
    CHECK_INT(schema_sender_parse("bot", &s), ==, -1);
    CHECK(schema_is_key("scoring"));
    CHECK(!schema_is_key("notes"));
    CHECK_STR(schema_keys[0], "schema");
}

static void schema_should_summarize_a_file(void)
{
    GenSession g = session();
    char *json = gen_json(&g);
    SchemaReader *rd = schema_reader_create();
    const ResultSummary *s = NULL;
    KefuError why = {{0}};
    CHECK_INT(schema_read_buffer(rd, "a.json", json, strlen(json), 1, &s, &why), ==, 0);
    if (!s) {
        fprintf(stderr, "%s\n", why.msg);
        check_failures++;
        goto done;
    }
    CHECK_STR(s->path, "a.json");
    CHECK_STR(s->trainee, "张三");
    CHECK_STR(s->scenario_id, "haggler");
    CHECK_STR(s->scenario_title, "砍价的王女士");
    CHECK_STR(s->mode, "exam");
    CHECK_STR(s->started_at, "2026-11-23T10:15:00Z");
    CHECK_DBL(s->started, ==, 1795428900.0);
    CHECK_DBL(s->seed, ==, 7);
    CHECK_INT(s->outcome, ==, OUTCOME_ABANDONED);
    CHECK_INT(s->total, ==, 72);
    CHECK_INT(s->pass, ==, 0);
    CHECK_DBL(s->pass_mark, ==, 80);
    CHECK_DBL(s->thresholds.reply_wait_s, ==, 30);
    CHECK_DBL(s->thresholds.first_response_s, ==, STANDARD_FIRST_RESPONSE_S);
    CHECK_DBL(s->first_response_s, ==, 4.5);
    CHECK_INT(s->agent_messages, ==, 3);
    CHECK_INT(s->nlines, ==, 4);
    CHECK_STR(s->lines[2].id, "value_over_price");
    CHECK_INT(s->lines[2].status, ==, ST_VIOLATED);
    CHECK_STR(s->lines[2].name, "强调价值");
    CHECK_DBL(s->lines[0].points, ==, 10);
    CHECK_INT(s->nmsgs, ==, 6);
    CHECK_INT(s->msgs[1].from, ==, FROM_AGENT);
    CHECK_DBL(s->msgs[3].wait_s, ==, 25);
    CHECK(s->msgs[0].text != NULL);
    CHECK_INT(s->msgs[1].nhits, ==, 1);
    CHECK_STR(s->msgs[1].hits[0].principle, "warm_greeting");
    CHECK_STR(s->msgs[1].hits[0].evidence, "亲，您好！欢迎光临小店");
    CHECK(s->msgs[1].hits[0].name == NULL); /* the generator records none */
    CHECK_DBL(s->msgs[1].hits[0].start, ==, 0);

    /* Without texts, the messages keep their timings only. */
    CHECK_INT(schema_read_buffer(rd, "a.json", json, strlen(json), 0, &s, &why), ==, 0);
    CHECK(s && s->msgs[1].text == NULL && s->msgs[1].nhits == 0 && s->msgs[1].wait_s == 4.5);
done:
    schema_reader_destroy(rd);
    free(json);
}

/* Replaces the first occurrence of from with to in a malloc'd string (returns a new one). */
static char *replaced(const char *s, const char *from, const char *to)
{
    const char *at = strstr(s, from);
    CHECK(at != NULL);
    if (!at)
        return strdup(s);
    size_t n = strlen(s) - strlen(from) + strlen(to);
    char *out = malloc(n + 1);
    snprintf(out, n + 1, "%.*s%s%s", (int)(at - s), s, to, at + strlen(from));
    return out;
}

static void schema_should_fall_back_through_the_recorded_thresholds(void)
{
    GenSession g = session();
    char *json = gen_json(&g);
    /* No scorecard.thresholds: the scoring section's; neither: top level; none: zero. */
    char *noscore = replaced(json, "\"thresholds\":", "\"old_thresholds\":");
    char *scoring = replaced(
        noscore,
        "\"versions\":", "\"scoring\": {\"thresholds\": {\"reply_wait_s\": 12}},\n\"versions\":");
    char *top =
        replaced(noscore, "\"versions\":", "\"thresholds\": {\"typing_cpm\": 40},\n\"versions\":");
    SchemaReader *rd = schema_reader_create();
    const ResultSummary *s = NULL;
    KefuError why = {{0}};
    CHECK_INT(schema_read_buffer(rd, "b.json", scoring, strlen(scoring), 0, &s, &why), ==, 0);
    CHECK(s && s->thresholds.reply_wait_s == 12 && s->thresholds.typing_cpm == 0);
    CHECK_INT(schema_read_buffer(rd, "c.json", top, strlen(top), 0, &s, &why), ==, 0);
    CHECK(s && s->thresholds.typing_cpm == 40 && s->thresholds.reply_wait_s == 0);
    CHECK_INT(schema_read_buffer(rd, "d.json", noscore, strlen(noscore), 0, &s, &why), ==, 0);
    CHECK(s && s->thresholds.first_response_s == 0);
    schema_reader_destroy(rd);
    free(json);
    free(noscore);
    free(scoring);
    free(top);
}

static void schema_should_say_where_a_file_is_wrong(void)
{
    GenSession g = session();
    char *json = gen_json(&g);
    char *won = replaced(json, "\"outcome\":\t\"abandoned\"", "\"outcome\":\t\"won\"");
    char *future = replaced(json, "kefu.result/1", "kefu.result/2");
    char *status = replaced(json, "\"status\":\t\"missed\"", "\"status\":\t\"skipped\"");
    SchemaReader *rd = schema_reader_create();
    const ResultSummary *s = (const ResultSummary *)1;
    KefuError why = {{0}};
    CHECK_INT(schema_read_buffer(rd, "w.json", won, strlen(won), 0, &s, &why), ==, SCHEMA_BAD);
    CHECK(s == NULL);
    CHECK_CONTAINS(why.msg, "w.json:");
    CHECK_CONTAINS(why.msg, ": \"outcome\" must be one of sale, resolved, left, escalated, "
                            "abandoned, incomplete; got \"won\"");
    CHECK_INT(schema_read_buffer(rd, "f.json", future, strlen(future), 0, &s, &why), ==,
              SCHEMA_BAD);
    CHECK_CONTAINS(why.msg, "f.json:2:");
    CHECK_CONTAINS(why.msg, "future version");
    CHECK_INT(schema_read_buffer(rd, "s.json", status, strlen(status), 0, &s, &why), ==,
              SCHEMA_BAD);
    CHECK_CONTAINS(why.msg, "\"scorecard.principles[1].status\" must be one of met, missed, "
                            "violated, not_applicable; got \"skipped\"");
    CHECK_INT(schema_read_buffer(rd, "t.json", json, strlen(json) / 2, 0, &s, &why), ==,
              SCHEMA_BAD);
    CHECK_CONTAINS(why.msg, "truncated");
    CHECK_INT(schema_read_file(rd, "tests/data/no-such-file.json", 0, &s, &why), ==, SCHEMA_BAD);
    CHECK_CONTAINS(why.msg, "tests/data/no-such-file.json: cannot open");
    schema_reader_destroy(rd);
    free(json);
    free(won);
    free(future);
    free(status);
}

/* The handbook's standards in judge/standards.h are the ones the shipped rubric states. */
static void standards_should_match_the_rubric(void)
{
    KefuError err = {{0}};
    Rubric *r = rubric_load("scenarios/rubric.lua", &err);
    CHECK(r != NULL);
    if (!r) {
        fprintf(stderr, "%s\n", err.msg);
        return;
    }
    const Thresholds *th = rubric_thresholds(r);
    CHECK_DBL(th->first_response_s, ==, STANDARD_FIRST_RESPONSE_S);
    CHECK_DBL(th->first_response_excellent_s, ==, STANDARD_FIRST_RESPONSE_EXCELLENT_S);
    CHECK_DBL(th->reply_wait_s, ==, STANDARD_REPLY_WAIT_S);
    CHECK_DBL(th->typing_cpm, ==, STANDARD_TYPING_CPM);
    CHECK_DBL(th->long_reply_chars, ==, STANDARD_LONG_REPLY_CHARS);
    rubric_destroy(r);
}

int main(void)
{
    RUN(schema_should_name_statuses_outcomes_and_senders);
    RUN(schema_should_summarize_a_file);
    RUN(schema_should_fall_back_through_the_recorded_thresholds);
    RUN(schema_should_say_where_a_file_is_wrong);
    RUN(standards_should_match_the_rubric);
    CHECK_DONE();
}
