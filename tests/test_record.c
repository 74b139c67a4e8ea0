/* Unit tests for engine/record: results files written, read back and rescored byte for
 * byte, never overwritten, never half-written, and bad files named with line and column. */
#include <dirent.h>
#include <errno.h>
#include <math.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cjson/cJSON.h>

#include "check.h"
#include "base/date.h"
#include "results/record.h"
#include "results/schema.h"
#include "base/text.h"

#define RUBRIC_FILE "scenarios/rubric.lua"
#define STARTED 1795428900 /* 2026-11-23T10:15:00Z */

static Rubric *rubric;
static char base_dir[1024];

/* ------------------------------------------------------------------------ helpers */

/* A fresh empty folder under $KEFU_TEST_OUT (or /tmp) for one test. */
static const char *fresh_dir(const char *name)
{
    static char dir[1200];
    snprintf(dir, sizeof dir, "%s/%s-XXXXXX", base_dir, name);
    if (!mkdtemp(dir)) {
        fprintf(stderr, "mkdtemp %s: %s\n", dir, strerror(errno));
        exit(1);
    }
    return dir;
}

static int count_entries(const char *dir)
{
    DIR *d = opendir(dir);
    int n = 0;
    if (!d)
        return -1;
    for (struct dirent *e; (e = readdir(d)) != NULL;)
        if (strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0)
            n++;
    closedir(d);
    return n;
}

static char *slurp(const char *path)
{
    KefuError err;
    char *s = kerr_read_file(path, NULL, &err);
    if (!s)
        fprintf(stderr, "%s\n", err.msg);
    return s;
}

static void spit(const char *path, const char *data, size_t len)
{
    FILE *f = fopen(path, "wb");
    if (!f || fwrite(data, 1, len, f) != len) {
        fprintf(stderr, "cannot write %s\n", path);
        exit(1);
    }
    fclose(f);
}

/* A copy of s with the first occurrence of from at or after offset `after` replaced. */
static char *replace_once(const char *s, size_t after, const char *from, const char *to)
{
    const char *at = strstr(s + after, from);
    if (!at)
        return NULL;
    size_t n = strlen(s), nf = strlen(from), nt = strlen(to), pre = (size_t)(at - s);
    char *out = malloc(n - nf + nt + 1);
    memcpy(out, s, pre);
    memcpy(out + pre, to, nt);
    memcpy(out + pre + nt, at + nf, n - pre - nf + 1);
    return out;
}

/* "line:col" of byte offset off (column in characters, from 1), as the loader counts. */
static void where(const char *s, size_t off, char *buf, size_t size)
{
    int line = 1;
    size_t bol = 0;
    for (size_t i = 0; i < off; i++)
        if (s[i] == '\n') {
            line++;
            bol = i + 1;
        }
    snprintf(buf, size, "%d:%zu", line, 1 + text_chars(s + bol, off - bol));
}

static void add(Transcript *t, double time, Sender from, const char *text, double wait,
                double typing)
{
    Message *m = transcript_add(t, time, from, text, strlen(text));
    if (!m)
        exit(1);
    m->wait_s = wait;
    m->typing_s = typing;
    m->responding = from == FROM_AGENT && wait >= 0;
}

static void add_item(ScoreSpec *s, const char *id, double weight, int required)
{
    s->items[s->n].id = strdup(id);
    s->items[s->n].weight = weight;
    s->items[s->n].required = required;
    s->n++;
}

/* A haggler session built by hand, with times that are not on tenths. */
static void build_result(Result *r)
{
    memset(r, 0, sizeof *r);
    r->id = strdup("20261123T101500Z-haggler-3f9a");
    r->trainee = strdup("张三");
    r->mode = strdup(SCHEMA_MODE_EXAM);
    r->seed = 7;
    r->scenario_id = strdup("haggler");
    r->scenario_title = strdup("砍价的王女士");
    r->scenario_persona = strdup("王女士");
    r->scenario_file = strdup("scenarios/haggler.lua");
    r->scenario_sha256 = strdup("9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08");
    r->started_at = STARTED;

    Transcript *t = &r->transcript;
    add(t, 0.0, FROM_CUSTOMER, "这床能便宜点吗？", -1, -1);
    add(t, 4.26, FROM_AGENT, "亲，您好！欢迎光临小店，有什么可以帮您的吗？", 4.26, 3.14);
    add(t, 10.0, FROM_CUSTOMER, "就是想便宜点，别家才两千五", -1, -1);
    add(t, 31.0, FROM_CUSTOMER, "在吗？", -1, -1);
    t->msgs[t->n - 1].nudge = 1;
    add(t, 33.04, FROM_AGENT,
        "亲，价格是公司统一定的，我们客服没有改价权限哈。这款是实木的，用料扎实，"
        "您看是要胡桃色还是原木色呢？",
        23.04, 12.0);
    add(t, 40.0, FROM_SYSTEM, "顾客已下单", -1, -1);
    add(t, 44.95, FROM_AGENT, "感谢您的光临，祝您生活愉快，欢迎下次再来哦", -1, -1);
    t->outcome = OUTCOME_SALE;
    t->ended_t = 45.55;

    ScoreSpec *s = &r->spec;
    s->items = calloc(8, sizeof *s->items);
    add_item(s, "warm_greeting", 10, 1);
    add_item(s, "price_policy", 10, 0);
    add_item(s, "value_over_price", 10, 0);
    add_item(s, "two_choice_close", 10, 0);
    add_item(s, "arguing", 10, 0);
    add_item(s, "discount_offer", 10, 0);
    add_item(s, "first_response", 8, 0);
    add_item(s, "reply_wait", 8, 0);
    s->pass_mark = 80;
    s->outcome_points[OUTCOME_SALE] = 15;
    s->outcome_max = 15;
    s->thresholds = *rubric_thresholds(rubric);
}

/* Scores a result and serialises it; NULL on failure. */
static char *score_json(Result *r)
{
    Scorecard sc;
    if (record_rescore(r, rubric, &sc) < 0)
        return NULL;
    char *j = record_to_json(r, rubric, &sc);
    scorecard_deinit(&sc);
    return j;
}

/* The loader's message for a file holding data. */
static const char *load_error(const char *dir, const char *name, const char *data, size_t len,
                              char *path, size_t psize)
{
    static KefuError err;
    Result r;
    snprintf(path, psize, "%s/%s", dir, name);
    spit(path, data, len);
    err.msg[0] = '\0';
    if (record_load(path, rubric, &r, &err) == 0) {
        result_deinit(&r);
        return "(loaded without error)";
    }
    CHECK(r.transcript.n == 0 && r.id == NULL); /* nothing half-loaded left behind */
    return err.msg;
}

/* ------------------------------------------------------------------------ tests */

static void record_should_write_the_fixed_keys_with_rounded_times(void)
{
    Result r;
    build_result(&r);
    char *json = score_json(&r);
    CHECK(json != NULL);
    if (!json)
        return;
    /* Scoring rounds the times first, as the file will store them. */
    CHECK_DBL(r.transcript.msgs[1].t, ==, 4.3);
    CHECK_DBL(r.transcript.msgs[4].wait_s, ==, 23.0);
    CHECK_DBL(r.transcript.ended_t, ==, 45.6);
    CHECK(text_valid_utf8(json, strlen(json), NULL));
    CHECK(json[strlen(json) - 1] == '\n');
    cJSON *root = cJSON_Parse(json);
    CHECK(root != NULL);
    CHECK_STR(cJSON_GetObjectItem(root, RK_SCHEMA)->valuestring, "kefu.result/1");
    CHECK_STR(cJSON_GetObjectItem(root, RK_ID)->valuestring, "20261123T101500Z-haggler-3f9a");
    CHECK_STR(cJSON_GetObjectItem(root, RK_TRAINEE)->valuestring, "张三");
    CHECK_STR(cJSON_GetObjectItem(root, RK_MODE)->valuestring, SCHEMA_MODE_EXAM);
    CHECK_DBL(cJSON_GetObjectItem(root, RK_SEED)->valuedouble, ==, 7);
    cJSON *scen = cJSON_GetObjectItem(root, RK_SCENARIO);
    CHECK_STR(cJSON_GetObjectItem(scen, RK_ID)->valuestring, "haggler");
    CHECK_STR(cJSON_GetObjectItem(scen, RK_FILE)->valuestring, "scenarios/haggler.lua");
    CHECK_STR(cJSON_GetObjectItem(root, RK_STARTED_AT)->valuestring, "2026-11-23T10:15:00Z");
    CHECK_STR(cJSON_GetObjectItem(root, RK_ENDED_AT)->valuestring, "2026-11-23T10:15:45Z");
    CHECK_DBL(cJSON_GetObjectItem(root, RK_DURATION_S)->valuedouble, ==, 45.6);
    CHECK_STR(cJSON_GetObjectItem(root, RK_OUTCOME)->valuestring, "sale");

    cJSON *tr = cJSON_GetObjectItem(root, RK_TRANSCRIPT);
    CHECK_INT(cJSON_GetArraySize(tr), ==, 7);
    cJSON *m1 = cJSON_GetArrayItem(tr, 1);
    CHECK_DBL(cJSON_GetObjectItem(m1, RK_T)->valuedouble, ==, 4.3);
    CHECK_DBL(cJSON_GetObjectItem(m1, RK_WAIT_S)->valuedouble, ==, 4.3);
    CHECK_DBL(cJSON_GetObjectItem(m1, RK_TYPING_S)->valuedouble, ==, 3.1);
    CHECK(cJSON_IsTrue(cJSON_GetObjectItem(m1, RK_RESPONDING)));
    CHECK_STR(cJSON_GetObjectItem(m1, RK_FROM)->valuestring, "agent");
    CHECK(cJSON_IsTrue(cJSON_GetObjectItem(cJSON_GetArrayItem(tr, 3), RK_NUDGE)));
    CHECK(cJSON_GetObjectItem(cJSON_GetArrayItem(tr, 2), RK_NUDGE) == NULL);
    CHECK(cJSON_GetObjectItem(cJSON_GetArrayItem(tr, 0), RK_HITS) == NULL);
    cJSON *last = cJSON_GetArrayItem(tr, 6);
    CHECK(cJSON_IsNull(cJSON_GetObjectItem(last, RK_WAIT_S)));
    CHECK(cJSON_IsNull(cJSON_GetObjectItem(last, RK_TYPING_S)));
    CHECK(cJSON_IsFalse(cJSON_GetObjectItem(last, RK_RESPONDING)));
    CHECK_STR(cJSON_GetObjectItem(cJSON_GetArrayItem(tr, 5), RK_FROM)->valuestring, "system");

    /* Every hit's evidence is exactly the bytes [start, end) of its message. */
    int hits = 0;
    cJSON *m;
    cJSON_ArrayForEach(m, tr)
    {
        const char *text = cJSON_GetObjectItem(m, RK_TEXT)->valuestring;
        cJSON *h;
        cJSON_ArrayForEach(h, cJSON_GetObjectItem(m, RK_HITS))
        {
            int s = cJSON_GetObjectItem(h, RK_START)->valueint;
            int e = cJSON_GetObjectItem(h, RK_END)->valueint;
            const char *ev = cJSON_GetObjectItem(h, RK_EVIDENCE)->valuestring;
            CHECK(s >= 0 && e > s && (size_t)e <= strlen(text));
            CHECK_INT(strlen(ev), ==, e - s);
            CHECK(strncmp(ev, text + s, (size_t)(e - s)) == 0);
            CHECK(rubric_find(rubric, cJSON_GetObjectItem(h, RK_PRINCIPLE)->valuestring) >= 0);
            const char *kind = cJSON_GetObjectItem(h, RK_KIND)->valuestring;
            CHECK(strcmp(kind, "technique") == 0 || strcmp(kind, "violation") == 0);
            hits++;
        }
    }
    CHECK(hits >= 2); /* a greeting and a two-choice close at the least */

    cJSON *card = cJSON_GetObjectItem(root, RK_SCORECARD);
    cJSON *total = cJSON_GetObjectItem(card, RK_TOTAL);
    CHECK(cJSON_IsNumber(total) && total->valuedouble >= 0 && total->valuedouble <= 100);
    CHECK(cJSON_IsBool(cJSON_GetObjectItem(card, RK_PASS)));
    CHECK_INT(cJSON_GetArraySize(cJSON_GetObjectItem(card, RK_PRINCIPLES)), ==, 8);
    cJSON *line;
    cJSON_ArrayForEach(line, cJSON_GetObjectItem(card, RK_PRINCIPLES))
    {
        const char *st = cJSON_GetObjectItem(line, RK_STATUS)->valuestring;
        CHECK(strcmp(st, "met") == 0 || strcmp(st, "missed") == 0 ||
              strcmp(st, "violated") == 0 || strcmp(st, "not_applicable") == 0);
        double pts = cJSON_GetObjectItem(line, RK_POINTS)->valuedouble;
        CHECK_DBL(pts, ==, round(pts * 10) / 10);
        CHECK(cJSON_IsArray(cJSON_GetObjectItem(line, RK_EVIDENCE)));
        CHECK(cJSON_IsString(cJSON_GetObjectItem(line, RK_SOURCE)));
    }
    CHECK(cJSON_IsArray(cJSON_GetObjectItem(card, RK_CRITICAL)));
    CHECK(cJSON_IsArray(cJSON_GetObjectItem(card, RK_REQUIRED_MISSED)));
    CHECK_STR(cJSON_GetObjectItem(cJSON_GetObjectItem(card, RK_OUTCOME), RK_VALUE)->valuestring,
              "sale");
    cJSON *metrics = cJSON_GetObjectItem(root, RK_METRICS);
    CHECK_DBL(cJSON_GetObjectItem(metrics, RK_FIRST_RESPONSE_S)->valuedouble, ==, 4.3);
    CHECK_DBL(cJSON_GetObjectItem(metrics, RK_AGENT_MESSAGES)->valuedouble, ==, 3);

    cJSON *scoring = cJSON_GetObjectItem(root, RK_SCORING);
    CHECK_DBL(cJSON_GetObjectItem(scoring, RK_PASS_MARK)->valuedouble, ==, 80);
    CHECK_INT(cJSON_GetArraySize(cJSON_GetObjectItem(scoring, RK_PRINCIPLES)), ==, 8);
    cJSON *sale = cJSON_GetObjectItem(cJSON_GetObjectItem(scoring, RK_OUTCOMES), "sale");
    CHECK_DBL(sale->valuedouble, ==, 15);
    cJSON *ver = cJSON_GetObjectItem(root, RK_VERSIONS);
    CHECK_STR(cJSON_GetObjectItem(ver, RK_ENGINE)->valuestring, KEFU_VERSION);
    CHECK_STR(cJSON_GetObjectItem(ver, RK_RUBRIC)->valuestring, rubric_version(rubric));
    cJSON_Delete(root);
    free(json);
    result_deinit(&r);
}

static void record_should_write_load_and_rescore_to_identical_bytes(void)
{
    const char *dir = fresh_dir("roundtrip");
    char path[2048];
    KefuError err = {{0}};
    Result r, back;
    build_result(&r);
    char *json1 = score_json(&r);
    CHECK(json1 != NULL);
    if (!json1)
        return;
    CHECK_INT(record_write(dir, r.id, json1, path, sizeof path, &err), ==, 0);
    char expect[2048];
    snprintf(expect, sizeof expect, "%s/%s.json", dir, r.id);
    CHECK_STR(path, expect);
    char *disk = slurp(path);
    CHECK_STR(disk, json1);

    CHECK_INT(record_load(path, rubric, &back, &err), ==, 0);
    CHECK_STR(back.id, r.id);
    CHECK_STR(back.trainee, "张三");
    CHECK_STR(back.scenario_title, "砍价的王女士");
    CHECK_INT(back.seed, ==, 7);
    CHECK_INT(back.started_at, ==, STARTED);
    CHECK_INT(back.transcript.n, ==, 7);
    CHECK_INT(back.transcript.outcome, ==, OUTCOME_SALE);
    CHECK_INT(back.transcript.msgs[3].nudge, ==, 1);
    CHECK_INT(back.transcript.msgs[5].from, ==, FROM_SYSTEM);
    CHECK_DBL(back.transcript.msgs[4].wait_s, ==, 23.0);
    CHECK_DBL(back.transcript.msgs[6].wait_s, ==, -1);
    CHECK_INT(back.spec.n, ==, 8);
    CHECK_STR(back.spec.items[0].id, "warm_greeting");
    CHECK_INT(back.spec.items[0].required, ==, 1);
    CHECK_STR(back.rubric_version, rubric_version(rubric));
    CHECK_STR(back.engine_version, KEFU_VERSION);
    CHECK(back.extra == NULL);

    Scorecard sc;
    CHECK_INT(record_rescore(&back, rubric, &sc), ==, 0);
    CHECK_INT(back.recorded_total, ==, sc.total);
    CHECK_INT(back.recorded_pass, ==, sc.pass);
    char *json2 = record_to_json(&back, rubric, &sc);
    scorecard_deinit(&sc);
    CHECK_STR(json2, json1);

    /* And again: rescoring a rescored result changes nothing. */
    char *json3 = score_json(&back);
    CHECK_STR(json3, json1);
    free(json1);
    free(json2);
    free(json3);
    free(disk);
    result_deinit(&r);
    result_deinit(&back);
}

static void record_should_never_overwrite_a_result(void)
{
    const char *dir = fresh_dir("nooverwrite");
    char p1[2048], p2[2048], p3[2048];
    KefuError err = {{0}};
    Result r;
    build_result(&r);
    char *json = score_json(&r);
    if (!json)
        return;
    CHECK_INT(record_write(dir, r.id, json, p1, sizeof p1, &err), ==, 0);
    CHECK_INT(record_write(dir, r.id, json, p2, sizeof p2, &err), ==, 0);
    CHECK_INT(record_write(dir, r.id, json, p3, sizeof p3, &err), ==, 0);
    CHECK(strcmp(p1, p2) != 0 && strcmp(p2, p3) != 0);
    CHECK_CONTAINS(p2, "20261123T101500Z-haggler-3f9a-2.json");
    CHECK_CONTAINS(p3, "20261123T101500Z-haggler-3f9a-3.json");
    char *d1 = slurp(p1);
    CHECK_STR(d1, json); /* the first file is untouched */

    /* The second file says its own id, and is otherwise the same result. */
    Result b;
    CHECK_INT(record_load(p2, rubric, &b, &err), ==, 0);
    CHECK_STR(b.id, "20261123T101500Z-haggler-3f9a-2");
    char *d2 = slurp(p2);
    char *same = replace_once(d2, 0, "haggler-3f9a-2\"", "haggler-3f9a\"");
    CHECK_STR(same, json);
    CHECK_INT(count_entries(dir), ==, 3); /* no temp files left */
    free(same);
    free(d1);
    free(d2);
    free(json);
    result_deinit(&b);
    result_deinit(&r);
}

static void record_should_leave_nothing_behind_when_writing_fails(void)
{
    KefuError err = {{0}};
    char path[2048] = "";
    const char *json = "{\"schema\": \"kefu.result/1\", \"id\": \"x\", \"pad\": "
                       "\"...................................................................."
                       "....................................................\"}\n";

    /* The disk fills up half-way (a file size limit makes write() fail after the temp file
     * exists): the temp file must go. */
    const char *dir = fresh_dir("fsize");
    struct rlimit old, small;
    signal(SIGXFSZ, SIG_IGN);
    getrlimit(RLIMIT_FSIZE, &old);
    small = old;
    small.rlim_cur = 32;
    setrlimit(RLIMIT_FSIZE, &small);
    int rc = record_write(dir, "x", json, path, sizeof path, &err);
    setrlimit(RLIMIT_FSIZE, &old);
    CHECK_INT(rc, ==, -1);
    CHECK_CONTAINS(err.msg, dir);
    CHECK_CONTAINS(err.msg, "cannot write");
    CHECK_CONTAINS(err.msg, strerror(EFBIG));
    CHECK_INT(count_entries(dir), ==, 0);

    /* The folder cannot be made: a file is in the way. */
    dir = fresh_dir("blocked");
    char file[1400], sub[1500];
    snprintf(file, sizeof file, "%s/plain", dir);
    spit(file, "x", 1);
    snprintf(sub, sizeof sub, "%s/results", file);
    CHECK_INT(record_write(sub, "x", json, path, sizeof path, &err), ==, -1);
    CHECK_CONTAINS(err.msg, "cannot create folder");
    CHECK_CONTAINS(err.msg, strerror(ENOTDIR));
    CHECK_INT(count_entries(dir), ==, 1);

    /* An id that is no file name. */
    dir = fresh_dir("badid");
    CHECK_INT(record_write(dir, "../escape", json, path, sizeof path, &err), ==, -1);
    CHECK_CONTAINS(err.msg, "\"../escape\" cannot be a result file name");
    CHECK_INT(record_write(dir, "", json, path, sizeof path, &err), ==, -1);
    CHECK_INT(count_entries(dir), ==, 0);

    /* A read-only folder (only meaningful when not root: root writes anyway). */
    if (geteuid() != 0) {
        dir = fresh_dir("readonly");
        chmod(dir, 0555);
        CHECK_INT(record_write(dir, "x", json, path, sizeof path, &err), ==, -1);
        CHECK_CONTAINS(err.msg, strerror(EACCES));
        CHECK_INT(count_entries(dir), ==, 0);
        chmod(dir, 0755);
    }

    /* Missing parents are made. */
    dir = fresh_dir("parents");
    snprintf(sub, sizeof sub, "%s/a/b/c//", dir);
    CHECK_INT(record_write(sub, "x", json, path, sizeof path, &err), ==, 0);
    CHECK_INT(count_entries(sub), ==, 1);
    char want[1600];
    snprintf(want, sizeof want, "%s/a/b/c/x.json", dir);
    CHECK_STR(path, want);
}

static void record_should_replace_in_place(void)
{
    const char *dir = fresh_dir("replace");
    char path[2048];
    KefuError err = {{0}};
    snprintf(path, sizeof path, "%s/r.json", dir);
    spit(path, "old\n", 4);
    chmod(path, 0640);
    CHECK_INT(record_replace(path, "new\n", &err), ==, 0);
    char *s = slurp(path);
    CHECK_STR(s, "new\n");
    free(s);
    struct stat st;
    CHECK(stat(path, &st) == 0 && (st.st_mode & 0777) == 0640);
    CHECK_INT(count_entries(dir), ==, 1);
    snprintf(path, sizeof path, "%s/missing/r.json", dir);
    CHECK_INT(record_replace(path, "x", &err), ==, -1);
    /* The message names the file asked for (not the temporary one) and the reason. */
    CHECK_CONTAINS(err.msg, "missing/r.json: cannot write: ");
    CHECK_CONTAINS(err.msg, strerror(ENOENT));
    CHECK_INT(count_entries(dir), ==, 1);
}

static void record_should_name_file_line_and_problem_for_bad_files(void)
{
    const char *dir = fresh_dir("bad");
    char path[2048], exp[4096], at[32];
    Result r;
    build_result(&r);
    char *json = score_json(&r);
    if (!json)
        return;
    size_t n = strlen(json);

    /* Truncated: copied half-way, or written by a program that crashed. */
    size_t cut = (size_t)(strstr(json, "\"transcript\":") - json) + 20;
    const char *msg = load_error(dir, "trunc.json", json, cut, path, sizeof path);
    where(json, cut, at, sizeof at);
    snprintf(exp, sizeof exp, "%s:%s: truncated: the JSON ends before it is complete", path, at);
    CHECK_STR(msg, exp);
    /* ... or cut in the middle of a character. */
    cut = (size_t)(strstr(json, "张三") - json) + 1;
    msg = load_error(dir, "trunc2.json", json, cut, path, sizeof path);
    CHECK_CONTAINS(msg, path);
    CHECK_CONTAINS(msg, "truncated: the file ends in the middle of a character");

    msg = load_error(dir, "empty.json", "", 0, path, sizeof path);
    snprintf(exp, sizeof exp, "%s: empty file, not a results file", path);
    CHECK_STR(msg, exp);

    /* Invalid UTF-8 inside a string: cJSON would accept it. */
    char *bad = strdup(json);
    size_t off = (size_t)(strstr(bad, "张三") - bad);
    bad[off] = (char)0xFF;
    msg = load_error(dir, "utf8.json", bad, n, path, sizeof path);
    where(bad, off, at, sizeof at);
    snprintf(exp, sizeof exp, "%s:%s: not valid UTF-8 (byte 0xff at offset %zu)", path, at, off);
    CHECK_CONTAINS(msg, exp);
    free(bad);

    bad = replace_once(json, 0, "kefu.result/1", "kefu.report/1");
    msg = load_error(dir, "schema.json", bad, strlen(bad), path, sizeof path);
    where(bad, (size_t)(strstr(bad, "\"kefu.report/1\"") - bad), at, sizeof at);
    snprintf(exp, sizeof exp, "%s:%s: wrong schema \"kefu.report/1\" (expected \"kefu.result/1\")",
             path, at);
    CHECK_STR(msg, exp);
    free(bad);

    bad = replace_once(json, 0, "kefu.result/1", "kefu.result/2");
    msg = load_error(dir, "future.json", bad, strlen(bad), path, sizeof path);
    CHECK_CONTAINS(msg, path);
    CHECK_CONTAINS(msg, "future version: schema \"kefu.result/2\" is newer than this kefu reads "
                        "(\"kefu.result/1\"); update kefu to include it");
    free(bad);

    /* The top-level outcome comes before the scorecard's; the message points at its value. */
    bad = replace_once(json, 0, "\"outcome\":\t\"sale\"", "\"outcome\":\t\"won\"");
    CHECK(bad != NULL);
    msg = load_error(dir, "outcome.json", bad, strlen(bad), path, sizeof path);
    where(bad, (size_t)(strstr(bad, "\"won\"") - bad), at, sizeof at);
    snprintf(exp, sizeof exp,
             "%s:%s: \"outcome\" must be one of sale, resolved, left, escalated, abandoned, "
             "incomplete; got \"won\"",
             path, at);
    CHECK_STR(msg, exp);
    free(bad);

    /* A principle the current rubric does not know, in the recorded scoring. */
    size_t scoring = (size_t)(strstr(json, "\"scoring\":") - json);
    bad = replace_once(json, scoring, "\"price_policy\"", "\"no_such_thing\"");
    CHECK(bad != NULL);
    msg = load_error(dir, "principle.json", bad, strlen(bad), path, sizeof path);
    where(bad, (size_t)(strstr(bad, "\"no_such_thing\"") - bad), at, sizeof at);
    snprintf(exp, sizeof exp, "%s:%s: principle \"no_such_thing\" is not in the current rubric",
             path, at);
    CHECK_CONTAINS(msg, exp);
    free(bad);

    bad = replace_once(json, 0, "\"from\":\t\"agent\"", "\"from\":\t\"bot\"");
    msg = load_error(dir, "from.json", bad, strlen(bad), path, sizeof path);
    where(bad, (size_t)(strstr(bad, "\"bot\"") - bad), at, sizeof at);
    snprintf(exp, sizeof exp,
             "%s:%s: \"transcript[1].from\" must be one of customer, agent, system; got \"bot\"",
             path, at);
    CHECK_STR(msg, exp);
    free(bad);

    bad = replace_once(json, 0, "\"trainee\":", "\"trainer\":");
    msg = load_error(dir, "missing.json", bad, strlen(bad), path, sizeof path);
    snprintf(exp, sizeof exp, "%s:1:1: \"trainee\" is missing", path);
    CHECK_STR(msg, exp);
    free(bad);

    bad = replace_once(json, 0, "\"seed\":\t7", "\"seed\":\t\"7\"");
    msg = load_error(dir, "seed.json", bad, strlen(bad), path, sizeof path);
    CHECK_CONTAINS(msg, "\"seed\" must be a number or null; got a string");
    free(bad);

    bad = replace_once(json, 0, "\"t\":\t10,", "\"t\":\t1,");
    CHECK(bad != NULL);
    msg = load_error(dir, "backwards.json", bad ? bad : "", bad ? strlen(bad) : 0, path,
                     sizeof path);
    CHECK_CONTAINS(msg, "a message's time goes backwards (1.0 s after 4.3 s)");
    free(bad);

    msg = load_error(dir, "array.json", "[1, 2]\n", 7, path, sizeof path);
    CHECK_CONTAINS(msg, ":1:1: not a results file: expected a JSON object, got an array");
    msg = load_error(dir, "garbage.json", "{} x", 4, path, sizeof path);
    CHECK_CONTAINS(msg, ":1:4: malformed JSON: text after the end of the document");

    KefuError err;
    Result none;
    snprintf(path, sizeof path, "%s/nope.json", dir);
    CHECK_INT(record_load(path, rubric, &none, &err), ==, -1);
    CHECK_CONTAINS(err.msg, "nope.json: cannot open");
    free(json);
    result_deinit(&r);
}

/* Adds the path of every member under v (spelled as in schema_paths) to seen[], and fails on a
 * member the schema does not know. */
static void walk_keys(const cJSON *v, const char *path, int *seen)
{
    char sub[256];
    const cJSON *c;
    cJSON_ArrayForEach(c, v)
    {
        if (cJSON_IsArray(v)) {
            snprintf(sub, sizeof sub, "%s[]", path);
        } else if (strcmp(path, RK_SCORING "." RK_OUTCOMES) == 0) {
            CHECK(outcome_parse(c->string) != OUTCOME_NONE); /* keyed by outcome names */
            snprintf(sub, sizeof sub, "%s.*", path);
        } else {
            snprintf(sub, sizeof sub, "%s%s%s", path, path[0] ? "." : "", c->string);
            int known = 0;
            for (int i = 0; schema_paths[i]; i++)
                if (strcmp(sub, schema_paths[i]) == 0) {
                    seen[i] = known = 1;
                    break;
                }
            if (!known)
                fprintf(stderr, "    written but not in schema_paths: %s\n", sub);
            CHECK(known && schema_knows_path(sub));
        }
        walk_keys(c, sub, seen);
    }
}

static void record_should_write_only_keys_the_schema_knows(void)
{
    Result r;
    build_result(&r);
    /* Every optional member written: a difficulty, an exam, a pasted reply. */
    r.scenario_difficulty = 3;
    r.exam_id = strdup("2026-11-final");
    r.exam_attempt = 1;
    r.transcript.msgs[6].typing_s = 0.2;
    char *json = score_json(&r);
    cJSON *root = json ? cJSON_Parse(json) : NULL;
    CHECK(root != NULL);
    int seen[256] = {0}, n = 0;
    while (schema_paths[n])
        n++;
    CHECK(n < 256);
    walk_keys(root, "", seen);
    /* ... and the other way round: the schema lists no key the writer never writes. */
    for (int i = 0; i < n && i < 256; i++) {
        if (!seen[i] && !strstr(schema_paths[i], "*"))
            fprintf(stderr, "    in schema_paths but never written: %s\n", schema_paths[i]);
        CHECK(seen[i] || strstr(schema_paths[i], "*"));
    }
    /* The top-level ones are schema_keys, in the order they are written. */
    int k = 0;
    const cJSON *c;
    cJSON_ArrayForEach(c, root)
    {
        if (!schema_keys[k])
            break;
        CHECK(schema_is_key(c->string));
        if (strcmp(c->string, schema_keys[k]) == 0)
            k++;
    }
    CHECK(schema_keys[k] == NULL);
    cJSON_Delete(root);
    free(json);
    result_deinit(&r);
}

/* The loader and the schema's reader say the same words about the same mistake. */
static void record_should_word_mistakes_as_the_schema_reader_does(void)
{
    Result r;
    build_result(&r);
    char *json = score_json(&r);
    if (!json)
        return;
    struct {
        const char *from, *to; /* NULL from: the text is to itself */
    } cases[] = {
        {NULL, ""},
        {NULL, "  \n"},
        {NULL, "[1, 2]\n"},
        {NULL, "{} x"},
        {NULL, "{\"schema\": \"kefu.result/1\", \"id\": \"\xff\"}\n"},
        {NULL, "{\"schema\": \"kefu.result/1\", \"trainee\": \"\xe5\xbc"},
        {NULL, "{\"schema\": \"kefu.result/1\", \"trainee\": [1, "},
        {NULL, "{\"trainee\": \"x\"}"},
        {NULL, "{\"schema\": 1}"},
        {"kefu.result/1", "kefu.result/2"},
        {"kefu.result/1", "kefu.report/1"},
        {"\"trainee\":", "\"trainer\":"},
        {"\"trainee\":\t\"张三\"", "\"trainee\":\t\"\""},
        {"\"outcome\":\t\"sale\"", "\"outcome\":\t\"won\""},
        {"\"from\":\t\"agent\"", "\"from\":\t\"bot\""},
        {"\"seed\":\t7", "\"seed\":\t\"7\""},
        {"\"started_at\":\t\"2026", "\"started_at\":\t\"yesterday 2026"},
        {"\"scenario\":\t{", "\"scenario\":\t[], \"x\": {"},
        {"\"text\":\t\"亲，您好", "\"text\":\t7, \"x\": \"亲，您好"},
        {"\"principle\":\t\"", "\"principle\":\t\"\", \"x\": \""},
    };
    SchemaReader *rd = schema_reader_create();
    CHECK(rd != NULL);
    for (size_t i = 0; rd && i < sizeof cases / sizeof cases[0]; i++) {
        char *text = cases[i].from ? replace_once(json, 0, cases[i].from, cases[i].to)
                                   : strdup(cases[i].to);
        CHECK(text != NULL);
        if (!text)
            continue;
        KefuError a = {{0}}, b = {{0}};
        Result back;
        const ResultSummary *sum = NULL;
        CHECK_INT(record_parse("r.json", text, strlen(text), rubric, &back, &a), ==, -1);
        CHECK_INT(schema_read_buffer(rd, "r.json", text, strlen(text), 0, &sum, &b), ==,
                  SCHEMA_BAD);
        CHECK_STR(a.msg, b.msg);
        free(text);
    }
    schema_reader_destroy(rd);
    free(json);
    result_deinit(&r);
}

static void record_should_keep_members_it_does_not_know(void)
{
    const char *dir = fresh_dir("extra");
    char path[2048];
    KefuError err = {{0}};
    Result r, back;
    build_result(&r);
    char *json = score_json(&r);
    if (!json)
        return;
    char *with = replace_once(json, 0, "{\n", "{\n\t\"app\":\t{\"window\": [800, 600]},\n");
    snprintf(path, sizeof path, "%s/x.json", dir);
    spit(path, with, strlen(with));
    CHECK_INT(record_load(path, rubric, &back, &err), ==, 0);
    CHECK_STR(back.extra, "{\"app\":{\"window\":[800,600]}}");
    char *out = score_json(&back);
    CHECK_CONTAINS(out, "\"app\":\t{\n\t\t\"window\":\t[800, 600]\n\t}\n}\n");
    /* Stable from then on. */
    spit(path, out, strlen(out));
    result_deinit(&back);
    CHECK_INT(record_load(path, rubric, &back, &err), ==, 0);
    char *again = score_json(&back);
    CHECK_STR(again, out);
    free(json);
    free(with);
    free(out);
    free(again);
    result_deinit(&back);
    result_deinit(&r);
}

static void record_should_make_ids_and_times(void)
{
    char buf[128];
    date_format_utc_stamp(buf, sizeof buf, 0);
    CHECK_STR(buf, "1970-01-01T00:00:00Z");
    date_format_utc_stamp(buf, sizeof buf, STARTED);
    CHECK_STR(buf, "2026-11-23T10:15:00Z");
    record_make_id(buf, sizeof buf, STARTED, "haggler", 1);
    CHECK_INT(strncmp(buf, "20261123T101500Z-haggler-", 25), ==, 0);
    CHECK_INT(strlen(buf), ==, 25 + 4);
    char other[128];
    record_make_id(other, sizeof other, STARTED, "haggler", 2);
    CHECK(strcmp(buf, other) != 0);
    record_make_id(buf, sizeof buf, STARTED, "../my scenario/x", 1);
    CHECK(strchr(buf, '/') == NULL && strchr(buf, ' ') == NULL);
    CHECK_CONTAINS(buf, "-___my_scenario_x-");
    record_make_id(buf, sizeof buf, STARTED, "砍价", 1);
    CHECK_CONTAINS(buf, "-砍价-");
}

static void record_should_survive_hostile_text(void)
{
    /* Invalid UTF-8, an empty reply, 10,000 characters: sanitised on entry, scored,
     * written as valid UTF-8 that loads back. */
    const char *dir = fresh_dir("hostile");
    char path[2048];
    KefuError err = {{0}};
    Result r, back;
    build_result(&r);
    Transcript *t = &r.transcript;
    add(t, 46.0, FROM_AGENT, "\xff\xfe亲\xe4\xbd", 1.0, -1);
    add(t, 47.0, FROM_AGENT, "", 1.0, 0);
    size_t big = 10000 * 3;
    char *s = malloc(big + 1);
    for (size_t i = 0; i < big; i += 3)
        memcpy(s + i, "好", 3);
    s[big] = '\0';
    add(t, 48.0, FROM_AGENT, s, 1.0, 100.0);
    free(s);
    t->ended_t = 50;
    char *json = score_json(&r);
    CHECK(json != NULL);
    if (!json)
        return;
    CHECK(text_valid_utf8(json, strlen(json), NULL));
    CHECK_INT(record_write(dir, r.id, json, path, sizeof path, &err), ==, 0);
    CHECK_INT(record_load(path, rubric, &back, &err), ==, 0);
    char *again = score_json(&back);
    CHECK_STR(again, json);
    free(json);
    free(again);
    result_deinit(&back);
    result_deinit(&r);
}

static void record_should_write_valid_json_for_odd_scorecards(void)
{
    /* A hit whose span cuts a character, and metrics that are NaN: the file stays valid. */
    Result r;
    build_result(&r);
    Message *m = &r.transcript.msgs[1];
    m->hits.v = malloc(sizeof *m->hits.v);
    m->hits.v[0] = (Hit){0, 1, 4};
    m->hits.n = m->hits.cap = 1;
    Scorecard sc;
    memset(&sc, 0, sizeof sc);
    sc.metrics.first_response_s = NAN;
    sc.metrics.avg_response_s = -1;
    sc.metrics.typing_cpm = INFINITY;
    char *json = record_to_json(&r, rubric, &sc);
    CHECK(json != NULL);
    if (json) {
        CHECK(text_valid_utf8(json, strlen(json), NULL));
        cJSON *root = cJSON_Parse(json);
        cJSON *mt = cJSON_GetObjectItem(root, RK_METRICS);
        CHECK(cJSON_IsNull(cJSON_GetObjectItem(mt, RK_FIRST_RESPONSE_S)));
        CHECK(cJSON_IsNull(cJSON_GetObjectItem(mt, RK_AVG_RESPONSE_S)));
        CHECK(cJSON_IsNull(cJSON_GetObjectItem(mt, RK_TYPING_CPM)));
        cJSON *hit = cJSON_GetArrayItem(
            cJSON_GetObjectItem(cJSON_GetArrayItem(cJSON_GetObjectItem(root, RK_TRANSCRIPT), 1),
                                RK_HITS),
            0);
        CHECK_STR(cJSON_GetObjectItem(hit, RK_PRINCIPLE)->valuestring,
                  rubric_principle(rubric, 0)->id);
        cJSON_Delete(root);
    }
    free(json);
    result_deinit(&r);
}

int main(void)
{
    KefuError err = {{0}};
    const char *out = getenv("KEFU_TEST_OUT");
    snprintf(base_dir, sizeof base_dir, "%s/record", out && *out ? out : "/tmp/kefu-test-out");
    for (char *p = base_dir + 1; *p; p++)
        if (*p == '/') {
            *p = '\0';
            mkdir(base_dir, 0755);
            *p = '/';
        }
    if (mkdir(base_dir, 0755) < 0 && errno != EEXIST) {
        fprintf(stderr, "mkdir %s: %s\n", base_dir, strerror(errno));
        return 1;
    }
    rubric = rubric_load(RUBRIC_FILE, &err);
    if (!rubric) {
        fprintf(stderr, "cannot load the rubric: %s\n", err.msg);
        return 1;
    }
    RUN(record_should_write_the_fixed_keys_with_rounded_times);
    RUN(record_should_write_load_and_rescore_to_identical_bytes);
    RUN(record_should_never_overwrite_a_result);
    RUN(record_should_leave_nothing_behind_when_writing_fails);
    RUN(record_should_replace_in_place);
    RUN(record_should_name_file_line_and_problem_for_bad_files);
    RUN(record_should_write_only_keys_the_schema_knows);
    RUN(record_should_word_mistakes_as_the_schema_reader_does);
    RUN(record_should_keep_members_it_does_not_know);
    RUN(record_should_make_ids_and_times);
    RUN(record_should_survive_hostile_text);
    RUN(record_should_write_valid_json_for_odd_scorecards);
    rubric_destroy(rubric);
    CHECK_DONE();
}
