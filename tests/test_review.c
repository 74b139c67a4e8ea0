/* test_review: reviewers' verdicts: checked against the result they dispute, appended without
 * touching it, read back with file:line messages for bad lines, exported as labelled replies,
 * and counted by the report per principle and shown beside the judgement. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <cjson/cJSON.h>

#include "base/kerr.h"
#include "check.h"
#include "report_gen.h"
#include "results/report.h"
#include "results/review.h"
#include "results/schema.h"

static char out_base[1024];

/* A fresh folder under $KEFU_TEST_OUT/review-unit. */
static void fresh_dir(const char *name, char *buf, size_t size)
{
    gen_fresh_dir(out_base, name, buf, size);
}

static void write_text(const char *path, const char *text)
{
    CHECK_INT(gen_write_text(path, text, strlen(text)), ==, 0);
}

static char *read_text(const char *path)
{
    KefuError err;
    size_t len;
    return kerr_read_file(path, &len, &err);
}

/* A result with one hit per reply, in dir/name: reply 1 is a greeting (warm_greeting), reply 2
 * a refusal (harsh_refusal), reply 3 a plain fact. */
static void write_result(const char *dir, const char *name, const char *trainee)
{
    double waits[] = {4, 6, 8};
    GenSession g = {.trainee = trainee,
                    .scenario = "haggler",
                    .title = "砍价的王女士",
                    .mode = "exam",
                    .started = 1795000000,
                    .outcome = "sale",
                    .total = 70,
                    .first_response = 4,
                    .waits = waits,
                    .nwaits = 3,
                    .statuses = "mmmmmxxvnmmm"};
    char *json = gen_json(&g);
    cJSON *root = cJSON_Parse(json);
    free(json);
    static const char *const texts[] = {"亲，您好！", "不行，不能便宜。", "这款床是实木的。"};
    static const char *const hits[] = {"warm_greeting", "harsh_refusal", NULL};
    cJSON *m, *tr = cJSON_GetObjectItem(root, RK_TRANSCRIPT);
    int k = 0;
    cJSON_ArrayForEach(m, tr)
    {
        const char *from = cJSON_GetStringValue(cJSON_GetObjectItem(m, RK_FROM));
        if (!from || strcmp(from, "agent") != 0 || k >= 3)
            continue;
        cJSON_ReplaceItemInObject(m, RK_TEXT, cJSON_CreateString(texts[k]));
        cJSON *h = cJSON_CreateArray();
        if (hits[k]) {
            cJSON *o = cJSON_CreateObject();
            cJSON_AddStringToObject(o, RK_PRINCIPLE, hits[k]);
            cJSON_AddItemToArray(h, o);
        }
        cJSON_ReplaceItemInObject(m, RK_HITS, h);
        k++;
    }
    char *text = cJSON_Print(root);
    char path[2048];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    write_text(path, text);
    cJSON_free(text);
    cJSON_Delete(root);
}

static void review_should_check_the_verdict_against_the_result(void)
{
    char dir[1100], path[2048];
    Review v;
    KefuError err = {{0}};
    fresh_dir("make", dir, sizeof dir);
    write_result(dir, "r1.json", "张三");
    snprintf(path, sizeof path, "%s/r1.json", dir);

    CHECK_INT(review_make(path, 2, "harsh_refusal", REVIEW_FALSE_ALARM, "语气平和", "王经理",
                          1796000000, &v, &err),
              ==, 0);
    CHECK_STR(v.reply, "不行，不能便宜。");
    CHECK_STR(v.persona, "haggler");
    CHECK_STR(v.file, "r1.json");
    CHECK_STR(v.at, "2026-11-30T00:53:20Z");
    CHECK(v.customer[0] != '\0'); /* what the customer had said before reply 2 */
    CHECK_INT(v.turn, ==, 2);
    review_deinit(&v);

    CHECK_INT(review_make(path, 2, "harsh_refusal", REVIEW_MISS, "", "王经理", 0, &v, &err), ==,
              -1);
    CHECK_CONTAINS(err.msg, "reply 2 already has a hit of harsh_refusal, so it cannot be a miss");
    CHECK_INT(review_make(path, 3, "harsh_refusal", REVIEW_FALSE_ALARM, "", "王经理", 0, &v, &err),
              ==, -1);
    CHECK_CONTAINS(err.msg, "reply 3 has no hit of harsh_refusal, so it cannot be a false alarm");
    CHECK_INT(review_make(path, 9, "apology", REVIEW_MISS, "", "王经理", 0, &v, &err), ==, -1);
    CHECK_CONTAINS(err.msg, "no reply 9: the trainee replied");
    CHECK_INT(review_make(path, 1, "no_such_thing", REVIEW_MISS, "", "王经理", 0, &v, &err), ==,
              -1);
    CHECK_CONTAINS(err.msg, "the scorecard judges no principle no_such_thing");
    CHECK_INT(review_make(path, 1, "apology", REVIEW_MISS, "", "", 0, &v, &err), ==, -1);
    CHECK_CONTAINS(err.msg, "the reviewer must not be empty");
    snprintf(path, sizeof path, "%s/missing.json", dir);
    CHECK_INT(review_make(path, 1, "apology", REVIEW_MISS, "", "x", 0, &v, &err), ==, -1);
    CHECK_CONTAINS(err.msg, "missing.json: cannot open");
}

/* Turn 0 disputes the scorecard's judgement of the whole session: a false alarm needs the
 * principle found there (a technique met, a violation violated), a miss needs it not found. */
static void review_should_judge_the_whole_session_by_its_scorecard(void)
{
    char dir[1100], path[2048], rv[2048];
    Review v;
    KefuError err = {{0}};
    fresh_dir("session", dir, sizeof dir);
    write_result(dir, "r1.json", "张三");
    snprintf(path, sizeof path, "%s/r1.json", dir);
    snprintf(rv, sizeof rv, "%s/%s", dir, REVIEW_FILE);
    SchemaReader *rd = schema_reader_create();
    const ResultSummary *s = NULL;
    CHECK_INT(schema_read_file(rd, path, 0, &s, &err), ==, 0);
    char found[64] = "", absent[64] = "";
    for (int i = 0; s && i < s->nlines; i++) {
        char *slot = review_session_found(&s->lines[i]) ? found : absent;
        if (!slot[0])
            snprintf(slot, 64, "%s", s->lines[i].id);
    }
    schema_reader_destroy(rd);
    CHECK(found[0] && absent[0]);

    CHECK_INT(review_make(path, 0, found, REVIEW_MISS, "", "王", 0, &v, &err), ==, -1);
    CHECK_CONTAINS(err.msg, "already found");
    CHECK_CONTAINS(err.msg, "in the session, so it cannot be a miss");
    CHECK_INT(review_make(path, 0, absent, REVIEW_FALSE_ALARM, "", "王", 0, &v, &err), ==, -1);
    CHECK_CONTAINS(err.msg, "did not find");
    CHECK_INT(review_make(path, 0, "no_such_thing", REVIEW_MISS, "", "王", 0, &v, &err), ==, -1);
    CHECK_CONTAINS(err.msg, "the scorecard judges no principle no_such_thing");

    CHECK_INT(review_make(path, 0, found, REVIEW_FALSE_ALARM, "整场都没有", "王", 0, &v, &err), ==,
              0);
    CHECK_INT(v.turn, ==, 0);
    CHECK_STR(v.reply, "");
    CHECK_STR(v.customer, "");
    CHECK(v.after < 0);
    CHECK_INT(review_append(dir, &v, &err), ==, 0);
    review_deinit(&v);
    ReviewSet set = {0};
    CHECK_INT(review_load(rv, &set, &err), ==, 1);
    CHECK_INT(set.n ? set.v[0].turn : -1, ==, 0);
    /* No reply to label: the export leaves it out. */
    char *text = NULL;
    size_t n = 0;
    FILE *f = open_memstream(&text, &n);
    CHECK_INT(review_export(&set, f), ==, 0);
    fclose(f);
    CHECK_INT((long)n, ==, 0);
    free(text);
    review_set_deinit(&set);
}

static void review_should_append_without_touching_the_result(void)
{
    char dir[1100], path[2048], rv[2048];
    Review v;
    KefuError err = {{0}};
    fresh_dir("append", dir, sizeof dir);
    write_result(dir, "r1.json", "张三");
    snprintf(path, sizeof path, "%s/r1.json", dir);
    snprintf(rv, sizeof rv, "%s/%s", dir, REVIEW_FILE);
    char *before = read_text(path);

    CHECK_INT(review_make(path, 2, "harsh_refusal", REVIEW_FALSE_ALARM, "语气平和\n\"不算\"",
                          "王经理", 1796000000, &v, &err),
              ==, 0);
    CHECK_INT(review_append(dir, &v, &err), ==, 0);
    review_deinit(&v);
    CHECK_INT(review_make(path, 3, "apology", REVIEW_MISS, "", "李主管", 1796000100, &v, &err), ==,
              0);
    CHECK_INT(review_append(dir, &v, &err), ==, 0);
    review_deinit(&v);

    char *after = read_text(path);
    CHECK(before && after && strcmp(before, after) == 0); /* never touched */
    free(before);
    free(after);

    ReviewSet set = {0};
    CHECK_INT(review_load(rv, &set, &err), ==, 2);
    CHECK_STR(set.v[0].principle, "harsh_refusal");
    CHECK_STR(set.v[0].note, "语气平和\n\"不算\"");
    CHECK_INT(set.v[0].verdict, ==, REVIEW_FALSE_ALARM);
    CHECK_STR(set.v[1].reviewer, "李主管");
    CHECK_INT(set.v[1].verdict, ==, REVIEW_MISS);
    CHECK_INT(set.v[1].turn, ==, 3);
    review_set_deinit(&set);

    /* A file of that name that is not a reviews file is not rewritten. */
    write_text(rv, "not a review\n");
    CHECK_INT(review_make(path, 3, "apology", REVIEW_MISS, "", "李主管", 0, &v, &err), ==, 0);
    CHECK_INT(review_append(dir, &v, &err), ==, -1);
    CHECK_CONTAINS(err.msg, "reviews.jsonl:1: not a JSON object");
    review_deinit(&v);
    char *kept = read_text(rv);
    CHECK_STR(kept, "not a review\n");
    free(kept);
}

static void review_should_name_file_line_and_problem_of_a_bad_line(void)
{
    static const struct {
        const char *line;
        const char *message;
    } cases[] = {
        {"{\"schema\": \"kefu.result/1\"}", "not a review: \"schema\" must be \"kefu.review/1\""},
        {"{\"schema\":\"kefu.review/1\",\"turn\":-1}", "\"turn\" must be a whole number from 1"},
        {"{\"schema\":\"kefu.review/1\",\"turn\":2}", "\"result\" is missing"},
        {"{\"schema\":\"kefu.review/1\",\"turn\":2,\"result\":\"a\",\"file\":\"a.json\","
         "\"principle\":\"apology\",\"verdict\":\"wrong\"}",
         "\"verdict\" must be false_alarm or miss"},
        {"{\"schema\":\"kefu.review/1\",\"turn\":2,\"result\":\"a\",\"file\":\"a.json\","
         "\"principle\":\"apology\",\"verdict\":\"miss\",\"note\":\"\",\"reviewer\":\"x\","
         "\"at\":\"yesterday\",\"reply\":\"r\",\"customer\":\"\",\"persona\":\"\"}",
         "\"at\" must be a time like"},
        {"{\"schema\":\"kefu.review/1\",\"turn\":2,\"result\":\"a\",\"file\":\"a.json\","
         "\"principle\":\"apology\",\"verdict\":\"miss\",\"note\":5}",
         "\"note\" must be a string"},
        {"[1, 2]", "not a JSON object"},
    };
    char dir[1100], path[2048];
    KefuError err = {{0}};
    fresh_dir("bad", dir, sizeof dir);
    snprintf(path, sizeof path, "%s/%s", dir, REVIEW_FILE);
    const char *good = "{\"schema\":\"kefu.review/1\",\"turn\":2,\"result\":\"a\",\"file\":"
                       "\"a.json\",\"principle\":\"apology\",\"verdict\":\"miss\",\"note\":\"\","
                       "\"reviewer\":\"x\",\"at\":\"2026-12-07T03:00:00Z\",\"reply\":\"r\","
                       "\"customer\":\"\",\"persona\":\"\",\"after\":null}";
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char text[3000], want[2300];
        snprintf(text, sizeof text, "%s\n\n%s\n", good, cases[i].line);
        write_text(path, text);
        ReviewSet set = {0};
        CHECK_INT(review_load(path, &set, &err), ==, -1);
        snprintf(want, sizeof want, "%s:3: %s", path, cases[i].message);
        CHECK_CONTAINS(err.msg, want);
        CHECK_INT(set.n, ==, 0); /* the good line before it is not kept either */
        review_set_deinit(&set);
    }
    ReviewSet set = {0};
    write_text(path, good);
    CHECK_INT(review_load(path, &set, &err), ==, 1);
    review_set_deinit(&set);
}

static void review_should_export_labelled_replies(void)
{
    char dir[1100], path[2048], rv[2048];
    Review v;
    KefuError err = {{0}};
    fresh_dir("export", dir, sizeof dir);
    write_result(dir, "r1.json", "张三");
    snprintf(path, sizeof path, "%s/r1.json", dir);
    snprintf(rv, sizeof rv, "%s/%s", dir, REVIEW_FILE);
    CHECK_INT(review_make(path, 2, "harsh_refusal", REVIEW_FALSE_ALARM, "平和", "王", 0, &v, &err),
              ==, 0);
    CHECK_INT(review_append(dir, &v, &err), ==, 0);
    review_deinit(&v);
    CHECK_INT(review_make(path, 3, "apology", REVIEW_MISS, "", "王", 0, &v, &err), ==, 0);
    CHECK_INT(review_append(dir, &v, &err), ==, 0);
    review_deinit(&v);

    ReviewSet set = {0};
    CHECK_INT(review_load(rv, &set, &err), ==, 2);
    char *text = NULL;
    size_t n = 0;
    FILE *f = open_memstream(&text, &n);
    CHECK_INT(review_export(&set, f), ==, 2);
    fclose(f);
    review_set_deinit(&set);

    char *line2 = strchr(text, '\n');
    CHECK(line2 != NULL);
    *line2++ = '\0';
    cJSON *a = cJSON_Parse(text), *b = cJSON_Parse(line2);
    CHECK(a && b);
    CHECK_STR(cJSON_GetStringValue(cJSON_GetObjectItem(a, "reply")), "不行，不能便宜。");
    CHECK_STR(cJSON_GetStringValue(cJSON_GetObjectItem(a, "persona")), "haggler");
    CHECK_INT(cJSON_GetArraySize(cJSON_GetObjectItem(a, "fires")), ==, 0);
    CHECK_STR(cJSON_GetStringValue(cJSON_GetArrayItem(cJSON_GetObjectItem(a, "not"), 0)),
              "harsh_refusal");
    CHECK_INT((int)cJSON_GetNumberValue(cJSON_GetObjectItem(a, "turn")), ==, 1); /* from 0 */
    CHECK_STR(cJSON_GetStringValue(cJSON_GetArrayItem(cJSON_GetObjectItem(b, "fires"), 0)),
              "apology");
    CHECK_INT(cJSON_GetArraySize(cJSON_GetObjectItem(b, "not")), ==, 0);
    CHECK_CONTAINS(cJSON_GetStringValue(cJSON_GetObjectItem(b, "note")), "漏报");
    cJSON_Delete(a);
    cJSON_Delete(b);
    free(text);
}

static void collect(void *ud, const char *msg)
{
    strncat(ud, msg, 4000 - strlen(ud) - 2);
    strcat(ud, "\n");
}

static char *html_of(const Report *r, int trainee)
{
    char *text = NULL;
    size_t n = 0;
    KefuError err = {{0}};
    FILE *f = open_memstream(&text, &n);
    if (trainee < 0)
        CHECK_INT(report_write_html(r, f, &err), ==, 0);
    else
        CHECK_INT(report_write_trainee_html(r, trainee, f, "r.html", &err), ==, 0);
    fclose(f);
    return text;
}

static void report_should_count_disagreements_per_principle(void)
{
    char dir[1100], sub[1200], path[2048];
    Review v;
    KefuError err = {{0}};
    fresh_dir("report", dir, sizeof dir);
    snprintf(sub, sizeof sub, "%s/day2", dir);
    gen_mkdirs(sub);
    write_result(dir, "r1.json", "张三");
    write_result(dir, "r2.json", "李四");
    write_result(sub, "r3.json", "张三");
    snprintf(path, sizeof path, "%s/r1.json", dir);
    CHECK_INT(review_make(path, 2, "harsh_refusal", REVIEW_FALSE_ALARM, "语气<平和>", "王经理", 0,
                          &v, &err),
              ==, 0);
    CHECK_INT(review_append(dir, &v, &err), ==, 0);
    review_deinit(&v);
    CHECK_INT(review_make(path, 3, "apology", REVIEW_MISS, "", "王经理", 0, &v, &err), ==, 0);
    CHECK_INT(review_append(dir, &v, &err), ==, 0);
    review_deinit(&v);
    snprintf(path, sizeof path, "%s/r3.json", sub);
    CHECK_INT(review_make(path, 2, "harsh_refusal", REVIEW_FALSE_ALARM, "", "李主管", 0, &v, &err),
              ==, 0);
    CHECK_INT(review_append(sub, &v, &err), ==, 0);
    review_deinit(&v);

    /* A verdict on whatever r2.json held before: another session's id, so it is not r2's. */
    snprintf(path, sizeof path, "%s/r2.json", dir);
    CHECK_INT(review_make(path, 2, "harsh_refusal", REVIEW_FALSE_ALARM, "", "李主管", 0, &v, &err),
              ==, 0);
    free(v.result);
    v.result = strdup("20261001T000000Z-haggler-dead");
    CHECK_INT(review_append(dir, &v, &err), ==, 0);
    review_deinit(&v);

    ReportOptions opt = {.html = 1, .mode = "all", .threads = 2};
    char warnings[4000] = "";
    Report *r = report_create(&opt, &err);
    CHECK_INT(report_add_dir(r, dir, collect, warnings, &err), ==, 3);
    CHECK_INT(report_finish(r, &err), ==, 0);
    CHECK_STR(warnings, "");
    int harsh = -1, apology = -1;
    for (int i = 0; i < report_principle_count(r); i++) {
        if (strcmp(report_principle(r, i)->id, "harsh_refusal") == 0)
            harsh = i;
        if (strcmp(report_principle(r, i)->id, "apology") == 0)
            apology = i;
    }
    CHECK(harsh >= 0 && apology >= 0);
    CHECK_INT(report_principle(r, harsh)->false_alarms, ==, 2);
    CHECK_INT(report_principle(r, harsh)->misses, ==, 0);
    CHECK_INT(report_principle(r, harsh)->disputed, ==, 2);
    CHECK_INT(report_principle(r, apology)->misses, ==, 1);

    char *text = NULL;
    size_t n = 0;
    FILE *f = open_memstream(&text, &n);
    CHECK_INT(report_write_text(r, f), ==, 0);
    fclose(f);
    CHECK_CONTAINS(text, "== 复核: 人工判定与检测不一致 (3 条) ==");
    free(text);
    f = open_memstream(&text, &n);
    CHECK_INT(report_write_csv(r, f, &err), ==, 0);
    fclose(f);
    CHECK_CONTAINS(text, ",false_alarms,misses\r\n");
    CHECK_CONTAINS(text, ",harsh_refusal@2,apology@3\r\n");
    free(text);
    char *page = html_of(r, -1);
    CHECK_CONTAINS(page, "<section id=\"reviews\">");
    free(page);
    /* 张三's page: the verdict beside the judgement, escaped */
    page = html_of(r, strcmp(report_trainee(r, 0)->name, "张三") == 0 ? 0 : 1);
    CHECK_CONTAINS(page, "<b>复核：误报</b>");
    CHECK_CONTAINS(page, "<q>语气&lt;平和&gt;</q>");
    CHECK_CONTAINS(page, "<b>复核：漏报</b>");
    free(page);
    report_destroy(r);

    /* Filtered to 李四, nobody disputed anything: no section at all. */
    const char *only[] = {"李四"};
    ReportOptions lisi = {.html = 1, .mode = "all", .trainees = only, .ntrainees = 1};
    r = report_create(&lisi, &err);
    CHECK_INT(report_add_dir(r, dir, NULL, NULL, &err), ==, 3);
    CHECK_INT(report_finish(r, &err), ==, 0);
    f = open_memstream(&text, &n);
    CHECK_INT(report_write_text(r, f), ==, 0);
    fclose(f);
    CHECK(strstr(text, "复核") == NULL);
    free(text);
    report_destroy(r);

    /* A broken reviews file is named with its line and left out; the results still count. */
    snprintf(path, sizeof path, "%s/%s", sub, REVIEW_FILE);
    write_text(path, "{\"schema\":\"kefu.review/1\",\"turn\":\"two\"}\n");
    warnings[0] = '\0';
    r = report_create(&opt, &err);
    CHECK_INT(report_add_dir(r, dir, collect, warnings, &err), ==, 3);
    CHECK_INT(report_finish(r, &err), ==, 0);
    char want[2300];
    snprintf(want, sizeof want, "%s:1: \"turn\" must be a whole number from 1", path);
    CHECK_CONTAINS(warnings, want);
    CHECK_INT(report_session_count(r), ==, 3);
    for (int i = 0; i < report_principle_count(r); i++)
        if (strcmp(report_principle(r, i)->id, "harsh_refusal") == 0)
            CHECK_INT(report_principle(r, i)->false_alarms, ==, 1);
    report_destroy(r);
}

int main(void)
{
    const char *base = getenv("KEFU_TEST_OUT");
    snprintf(out_base, sizeof out_base, "%s/review-unit", base && *base ? base : "build/test-out");
    setenv("TZ", "UTC0", 1);
    if (gen_mkdirs(out_base) != 0) {
        fprintf(stderr, "cannot make %s\n", out_base);
        return 1;
    }
    RUN(review_should_check_the_verdict_against_the_result);
    RUN(review_should_append_without_touching_the_result);
    RUN(review_should_name_file_line_and_problem_of_a_bad_line);
    RUN(review_should_export_labelled_replies);
    RUN(review_should_judge_the_whole_session_by_its_scorecard);
    RUN(report_should_count_disagreements_per_principle);
    CHECK_DONE();
}
