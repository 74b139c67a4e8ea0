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

/* ---- The document agrees with the key list ---------------------------------------------- */

#define DOC "docs/results-schema.md"

static char *read_doc(void)
{
    FILE *f = fopen(DOC, "rb");
    if (!f)
        return NULL;
    char *buf = malloc(1 << 20);
    size_t n = buf ? fread(buf, 1, (1 << 20) - 1, f) : 0;
    fclose(f);
    if (buf)
        buf[n] = '\0';
    return buf;
}

/* The index of path in schema_paths, or -1. */
static int path_index(const char *path)
{
    for (int i = 0; schema_paths[i]; i++)
        if (strcmp(path, schema_paths[i]) == 0)
            return i;
    return -1;
}

/* Every member under v (at path) of the document's example must be one the schema knows. */
static void walk_example(const cJSON *v, const char *path)
{
    char sub[256];
    const cJSON *c;
    cJSON_ArrayForEach(c, v)
    {
        if (cJSON_IsArray(v))
            snprintf(sub, sizeof sub, "%s[]", path);
        else if (strcmp(path, RK_SCORING "." RK_OUTCOMES) == 0)
            snprintf(sub, sizeof sub, "%s.*", path);
        else
            snprintf(sub, sizeof sub, "%s%s%s", path, path[0] ? "." : "", c->string);
        if (!cJSON_IsArray(v) && !schema_knows_path(sub))
            fprintf(stderr, "    " DOC "'s example has a key the schema does not: %s\n", sub);
        CHECK(cJSON_IsArray(v) || schema_knows_path(sub));
        walk_example(c, sub);
    }
}

/* The list under "## Every key" is schema_paths, in order; every key in the tables names a
 * path the schema knows, and every path whose object has a table is in it; the example's keys
 * are the schema's. */
static void schema_should_agree_with_its_document(void)
{
    char *doc = read_doc();
    CHECK(doc != NULL);
    if (!doc)
        return;
    int n = 0;
    while (schema_paths[n])
        n++;
    int *documented = calloc((size_t)n, sizeof *documented);
    char tables[16][96]; /* the objects that have a table */
    int ntables = 0, in_tables = 0, listed = 0;
    char section[96] = "", prefix[96] = "";

    for (char *line = doc, *next; line && *line; line = next) {
        next = strchr(line, '\n');
        if (next)
            *next++ = '\0';
        if (strncmp(line, "## ", 3) == 0) {
            in_tables = strcmp(line, "## Top level") == 0;
            section[0] = prefix[0] = '\0';
            if (in_tables && ntables < 16)
                tables[ntables++][0] = '\0';
            if (strcmp(line, "## Every key") == 0) {
                /* The fenced list that follows, line by line. */
                char *fence = next ? strstr(next, "```\n") : NULL;
                CHECK(fence != NULL);
                char *p = fence ? fence + 4 : NULL;
                int i = 0;
                while (p && strncmp(p, "```", 3) != 0) {
                    char *eol = strchr(p, '\n');
                    if (!eol)
                        break;
                    *eol = '\0';
                    if (!schema_paths[i] || strcmp(p, schema_paths[i]) != 0)
                        fprintf(stderr, "    " DOC " lists %s where the schema has %s\n", p,
                                schema_paths[i] ? schema_paths[i] : "nothing");
                    CHECK(schema_paths[i] && strcmp(p, schema_paths[i]) == 0);
                    if (schema_paths[i])
                        i++;
                    p = eol + 1;
                }
                CHECK_INT(i, ==, n);
                listed = 1;
                next = p ? strchr(p, '\n') : NULL;
                if (next)
                    next++;
            }
            continue;
        }
        if (!in_tables)
            continue;
        /* "### `scenario`" starts an object's table; "`hits[]`:" one nested in it. */
        if (strncmp(line, "### `", 5) == 0) {
            snprintf(section, sizeof section, "%.*s", (int)strcspn(line + 5, "`"), line + 5);
            snprintf(prefix, sizeof prefix, "%s", section);
            if (ntables < 16)
                snprintf(tables[ntables++], sizeof tables[0], "%s", prefix);
            continue;
        }
        size_t len = strlen(line);
        if (line[0] == '`' && len > 3 && strcmp(line + len - 2, "`:") == 0) {
            size_t at = strlen(section);
            CHECK(at + len - 1 < sizeof prefix);
            if (at + len - 1 >= sizeof prefix)
                continue;
            memcpy(prefix, section, at);
            prefix[at] = '.';
            memcpy(prefix + at + 1, line + 1, len - 3); /* the name between the backquotes */
            prefix[at + len - 2] = '\0';
            if (ntables < 16)
                snprintf(tables[ntables++], sizeof tables[0], "%s", prefix);
            continue;
        }
        if (strncmp(line, "| `", 3) != 0)
            continue;
        /* The first cell: one key, or several ("`start`, `end`"). */
        char *cell = line + 1, *bar = strchr(cell, '|');
        if (bar)
            *bar = '\0';
        for (char *q = strchr(cell, '`'); q; q = strchr(q, '`')) {
            char *close = strchr(q + 1, '`');
            if (!close)
                break;
            char path[256];
            snprintf(path, sizeof path, "%s%s%.*s", prefix, prefix[0] ? "." : "",
                     (int)(close - q - 1), q + 1);
            int at = path_index(path);
            if (at < 0)
                fprintf(stderr, "    " DOC " describes %s, which the schema does not list\n", path);
            CHECK(at >= 0);
            if (at >= 0)
                documented[at] = 1;
            q = close + 1;
        }
    }
    CHECK(listed); /* the document has its "## Every key" list */
    /* Each path whose object has a table is a row of that table. */
    for (int i = 0; i < n; i++) {
        char parent[256];
        const char *dot = strrchr(schema_paths[i], '.');
        snprintf(parent, sizeof parent, "%.*s", dot ? (int)(dot - schema_paths[i]) : 0,
                 schema_paths[i]);
        int has_table = 0;
        for (int t = 0; t < ntables; t++)
            has_table |= strcmp(tables[t], parent) == 0;
        if (has_table && !documented[i])
            fprintf(stderr, "    " DOC "'s table of %s has no row for %s\n",
                    parent[0] ? parent : "the top level", schema_paths[i]);
        CHECK(!has_table || documented[i]);
    }
    free(documented);
    free(doc);

    /* The example is a results file: its keys are the schema's. */
    doc = read_doc();
    char *ex = doc ? strstr(doc, "## Example") : NULL;
    char *start = ex ? strstr(ex, "```json\n") : NULL;
    char *end = start ? strstr(start + 8, "\n```") : NULL;
    CHECK(end != NULL);
    if (end) {
        cJSON *root = cJSON_ParseWithLength(start + 8, (size_t)(end - start - 8));
        CHECK(root != NULL);
        walk_example(root, "");
        cJSON_Delete(root);
    }
    free(doc);
}

int main(void)
{
    RUN(schema_should_name_statuses_outcomes_and_senders);
    RUN(schema_should_summarize_a_file);
    RUN(schema_should_fall_back_through_the_recorded_thresholds);
    RUN(schema_should_say_where_a_file_is_wrong);
    RUN(standards_should_match_the_rubric);
    RUN(schema_should_agree_with_its_document);
    CHECK_DONE();
}
