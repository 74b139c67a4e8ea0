/* rush_record: a played rush as one kefu.rush/1 file, and that file's conversations rescored. */
#include "results/rush_record.h"

#include <cjson/cJSON.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/date.h"
#include "persona/rush.h"
#include "results/archive.h"
#include "results/record.h"
#include "results/schema.h"

/* Adds item to obj under key; a NULL item (out of memory) marks the build failed. */
static void put(int *failed, cJSON *obj, const char *key, cJSON *item)
{
    if (!item || !obj || !cJSON_AddItemToObjectCS(obj, key, item)) {
        cJSON_Delete(item);
        *failed = 1;
    }
}

/* A time in seconds, or null when never (< 0). */
static cJSON *seconds_or_null(double v)
{
    return v < 0 ? cJSON_CreateNull() : cJSON_CreateNumber(v);
}

/* One conversation's kefu.result/1 object, built and scored as kefu run's would be. Sets
 * *total to its score. NULL with err. */
static cJSON *conversation(const Rush *r, int i, Rubric *rubric, const ArchiveInfo *info,
                           int *total, KefuError *err)
{
    const RushCustomer *c = &rush_spec(r)->customers[i];
    ArchiveInfo ci = *info;
    ci.seed = rush_seed(r, i);
    ci.started_at = info->started_at + (time_t)floor(c->at);
    Result res = {0};
    Scorecard card = {0};
    cJSON *obj = NULL;
    if (archive_build(rush_session(r, i), rubric, &ci, &res, &card, err) < 0)
        return NULL;
    char *json = record_to_json(&res, rubric, &card);
    if (json)
        obj = cJSON_Parse(json);
    if (!obj)
        kerr_set(err, "out of memory building the rush's conversation %d", i + 1);
    *total = card.total;
    free(json);
    scorecard_deinit(&card);
    result_deinit(&res);
    return obj;
}

static cJSON *customer_json(const Rush *r, int i, const RushCustomerStats *c, int total,
                            int *failed)
{
    const Transcript *tr = session_transcript(rush_session(r, i));
    cJSON *o = cJSON_CreateObject();
    put(failed, o, RK_PERSONA, cJSON_CreateString(rush_spec(r)->customers[i].persona));
    put(failed, o, RK_ARRIVAL_S, cJSON_CreateNumber(c->arrival_s));
    put(failed, o, RK_SEED, cJSON_CreateNumber((double)rush_seed(r, i)));
    Outcome out = tr->outcome == OUTCOME_NONE ? OUTCOME_INCOMPLETE : tr->outcome;
    put(failed, o, RK_OUTCOME, cJSON_CreateString(outcome_name(out)));
    put(failed, o, RK_SCORE, cJSON_CreateNumber(total));
    put(failed, o, RK_FIRST_RESPONSE_S, seconds_or_null(c->first_response_s));
    put(failed, o, RK_LONGEST_WAIT_S, cJSON_CreateNumber(c->longest_wait_s));
    put(failed, o, RK_ENDED_S, cJSON_CreateNumber(c->ended_s));
    put(failed, o, RK_AGENT_MESSAGES, cJSON_CreateNumber(c->agent_messages));
    put(failed, o, RK_SERVED, cJSON_CreateBool(c->served));
    put(failed, o, RK_LOST, cJSON_CreateBool(c->lost));
    put(failed, o, RK_STARVED, cJSON_CreateBool(c->starved));
    return o;
}

static cJSON *summary_json(const RushStats *st, int *failed)
{
    cJSON *o = cJSON_CreateObject();
    put(failed, o, RK_SERVED, cJSON_CreateNumber(st->served));
    put(failed, o, RK_LOST, cJSON_CreateNumber(st->lost));
    put(failed, o, RK_ANSWERED, cJSON_CreateNumber(st->answered));
    put(failed, o, RK_STARVED, cJSON_CreateNumber(st->starved));
    put(failed, o, RK_AVG_FIRST_RESPONSE_S, seconds_or_null(st->avg_first_response_s));
    put(failed, o, RK_AVG_LONGEST_WAIT_S, cJSON_CreateNumber(st->avg_longest_wait_s));
    put(failed, o, RK_MAX_WAIT_S, cJSON_CreateNumber(st->max_wait_s));
    put(failed, o, RK_MAX_CONCURRENT, cJSON_CreateNumber(st->max_concurrent));
    put(failed, o, RK_STARVED_WAIT_S, cJSON_CreateNumber(RUSH_STARVED_WAIT_S));
    put(failed, o, RK_STARVED_REPLIES, cJSON_CreateNumber(RUSH_STARVED_REPLIES));
    return o;
}

/* The text of root, pretty, ending in a newline. */
static char *print_root(cJSON *root)
{
    char *s = cJSON_Print(root);
    if (!s)
        return NULL;
    size_t n = strlen(s);
    char *out = realloc(s, n + 2);
    if (!out) {
        cJSON_free(s);
        return NULL;
    }
    out[n] = '\n';
    out[n + 1] = '\0';
    return out;
}

char *rush_record_to_json(const Rush *r, Rubric *rubric, const ArchiveInfo *info, char *id_out,
                          size_t id_size, KefuError *err)
{
    const RushSpec *spec = rush_spec(r);
    RushStats st;
    if (rush_stats(r, &st) < 0) {
        kerr_set(err, "out of memory computing the rush's timings");
        return NULL;
    }
    int failed = 0, n = rush_count(r);
    char when[64], *text = NULL;
    cJSON *root = cJSON_CreateObject();
    record_make_id(id_out, id_size, info->started_at, spec->id,
                   info->seed ^ (unsigned long)n ^ (unsigned long)clock());
    put(&failed, root, RK_SCHEMA, cJSON_CreateString(RUSH_SCHEMA_ID));
    put(&failed, root, RK_ID, cJSON_CreateString(id_out));
    put(&failed, root, RK_TRAINEE, cJSON_CreateString(info->trainee ? info->trainee : "匿名"));
    put(&failed, root, RK_MODE, cJSON_CreateString(info->mode ? info->mode : "practice"));
    put(&failed, root, RK_SEED, cJSON_CreateNumber((double)info->seed));
    cJSON *rush = cJSON_CreateObject();
    put(&failed, rush, RK_ID, cJSON_CreateString(spec->id));
    put(&failed, rush, RK_TITLE, cJSON_CreateString(spec->title));
    put(&failed, rush, RK_FILE, cJSON_CreateString(spec->path));
    put(&failed, root, RK_RUSH, rush);
    date_format_utc_stamp(when, sizeof when, info->started_at);
    put(&failed, root, RK_STARTED_AT, cJSON_CreateString(when));
    date_format_utc_stamp(when, sizeof when, info->started_at + (time_t)floor(st.duration_s));
    put(&failed, root, RK_ENDED_AT, cJSON_CreateString(when));
    put(&failed, root, RK_DURATION_S, cJSON_CreateNumber(st.duration_s));
    put(&failed, root, RK_SUMMARY, summary_json(&st, &failed));
    cJSON *customers = cJSON_CreateArray(), *convs = cJSON_CreateArray();
    put(&failed, root, RK_CUSTOMERS, customers);
    put(&failed, root, RK_CONVERSATIONS, convs);
    for (int i = 0; i < n && !failed; i++) {
        int total = 0;
        cJSON *conv = conversation(r, i, rubric, info, &total, err);
        if (!conv)
            goto done;
        cJSON_AddItemToArray(convs, conv);
        cJSON_AddItemToArray(customers, customer_json(r, i, &st.c[i], total, &failed));
    }
    if (failed || !(text = print_root(root)))
        kerr_set(err, "out of memory building the rush's result");
done:
    cJSON_Delete(root);
    rush_stats_deinit(&st);
    return text;
}

int rush_record_is(const char *buf, size_t len)
{
    const char key[] = "\"" RK_SCHEMA "\"";
    size_t klen = sizeof key - 1;
    for (size_t i = 0; i + klen < len && i < 4096; i++) {
        if (memcmp(buf + i, key, klen) != 0)
            continue;
        i += klen;
        while (i < len && (buf[i] == ' ' || buf[i] == '\t' || buf[i] == '\n' || buf[i] == '\r' ||
                           buf[i] == ':'))
            i++;
        const char want[] = "\"" RUSH_SCHEMA_PREFIX;
        return len - i >= sizeof want - 1 && memcmp(buf + i, want, sizeof want - 1) == 0;
    }
    return 0;
}

char *rush_record_rescore(const char *path, const char *buf, size_t len, Rubric *rubric,
                          RushRescoreFn each, void *ctx, KefuError *err)
{
    cJSON *root = cJSON_ParseWithLength(buf, len);
    const cJSON *schema = root ? cJSON_GetObjectItemCaseSensitive(root, RK_SCHEMA) : NULL;
    cJSON *convs = root ? cJSON_GetObjectItemCaseSensitive(root, RK_CONVERSATIONS) : NULL;
    cJSON *customers = root ? cJSON_GetObjectItemCaseSensitive(root, RK_CUSTOMERS) : NULL;
    char *text = NULL;
    if (!cJSON_IsString(schema) || strcmp(schema->valuestring, RUSH_SCHEMA_ID) != 0 ||
        !cJSON_IsArray(convs)) {
        kerr_set(err, "%s: not a rush result (%s with \"%s\")", path, RUSH_SCHEMA_ID,
                 RK_CONVERSATIONS);
        goto done;
    }
    int i = 0;
    cJSON *c;
    cJSON_ArrayForEach(c, convs)
    {
        char name[64], *one = cJSON_Print(c), *json = NULL;
        Result res = {0};
        Scorecard card = {0};
        cJSON *fresh = NULL;
        snprintf(name, sizeof name, "%s: %s[%d]", path, RK_CONVERSATIONS, i);
        kerr_set(err, "%s: out of memory", name); /* record_parse says what else it is */
        int ok = one && record_parse(name, one, strlen(one), rubric, &res, err) == 0 &&
                 record_rescore(&res, rubric, &card) == 0 &&
                 (json = record_to_json(&res, rubric, &card)) && (fresh = cJSON_Parse(json));
        if (ok) {
            if (each)
                each(ctx, i, &res, &card);
            cJSON *cust = cJSON_GetArrayItem(customers, i);
            cJSON *score = cust ? cJSON_GetObjectItemCaseSensitive(cust, RK_SCORE) : NULL;
            if (cJSON_IsNumber(score))
                cJSON_SetNumberValue(score, card.total);
            cJSON_ReplaceItemInArray(convs, i, fresh);
            c = fresh; /* the loop goes on from the replacement */
        }
        cJSON_free(one);
        free(json);
        scorecard_deinit(&card);
        result_deinit(&res);
        if (!ok)
            goto done;
        i++;
    }
    if (!(text = print_root(root)))
        kerr_set(err, "%s: out of memory", path);
done:
    cJSON_Delete(root);
    return text;
}
