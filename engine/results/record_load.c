/* record_load: a results file read back into a Result (with messages that point at
 * file:line:col) and rescored through the one scoring path. */
#include "results/record.h"

#include <assert.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "base/date.h"
#include "base/jsonpos.h"
#include "base/text.h"
#include "results/schema.h"

/* The largest integer a JSON number (a double) holds exactly: seeds must fit. */
#define SEED_MAX 9007199254740991.0

/* ------------------------------------------------------------------------ reading */

/* Where a member sits in the file: cJSON gives no positions, so the loader keeps the path
 * of the member it is reading and, on an error, finds that path in the text with a small
 * scanner (the text is known to be valid JSON by then). */
typedef struct Seg {
    const char *key; /* NULL: an array index */
    int index;
} Seg;

typedef struct Loader {
    const char *path;
    const char *buf;
    size_t len;
    const Rubric *rubric;
    KefuError *err;
    Seg seg[8];
    int depth;
} Loader;

/* The offset of the deepest part of the loader's current path found in the text. */
static size_t locate(const Loader *L)
{
    size_t i = 0;
    if (L->len >= 3 && memcmp(L->buf, "\xEF\xBB\xBF", 3) == 0)
        i = 3;
    i = jsonpos_skip_ws(L->buf, L->len, i);
    for (int d = 0; d < L->depth; d++) {
        const Seg *seg = &L->seg[d];
        size_t next =
            jsonpos_child(L->buf, L->len, i, seg->key, seg->key ? strlen(seg->key) : 0, seg->index);
        if (next >= L->len)
            break;
        i = next;
    }
    return i;
}

/* The current path as people write it: scenario.id, transcript[3].from. */
static void path_name(const Loader *L, char *buf, size_t size)
{
    size_t o = 0;
    buf[0] = '\0';
    for (int d = 0; d < L->depth && o < size; d++) {
        int w;
        if (L->seg[d].key)
            w = snprintf(buf + o, size - o, "%s%s", d ? "." : "", L->seg[d].key);
        else
            w = snprintf(buf + o, size - o, "[%d]", L->seg[d].index);
        if (w < 0)
            break;
        o += (size_t)w;
    }
}

/* Reports "file:line:col: message" at the current path; returns -1. */
static int lfail(Loader *L, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;
static int lfail(Loader *L, const char *fmt, ...)
{
    char msg[900];
    int line, col;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    jsonpos_line_col(L->buf, L->len, locate(L), &line, &col);
    kerr_set(L->err, "%s:%d:%d: %s", L->path, line, col, msg);
    return -1;
}

static void enter_key(Loader *L, const char *key)
{
    assert(L->depth < 8);
    L->seg[L->depth].key = key;
    L->seg[L->depth].index = 0;
    L->depth++;
}

static void enter_index(Loader *L, int index)
{
    assert(L->depth < 8);
    L->seg[L->depth].key = NULL;
    L->seg[L->depth].index = index;
    L->depth++;
}

static void leave(Loader *L)
{
    L->depth--;
}

/* What a value is, for "got ..." in messages. */
static void describe(const cJSON *v, char *buf, size_t size)
{
    if (!v)
        snprintf(buf, size, "nothing");
    else if (cJSON_IsString(v)) {
        /* Quote at most about 40 bytes, cut on a character boundary. */
        const char *s = v->valuestring;
        size_t n = strlen(s), cut = 0;
        while (cut < n && cut < 40) {
            size_t j = cut;
            text_next(s, n, &j);
            if (j > 40)
                break;
            cut = j;
        }
        snprintf(buf, size, "\"%.*s%s\"", (int)cut, s, cut < n ? "..." : "");
    } else if (cJSON_IsNumber(v))
        snprintf(buf, size, "%.15g", v->valuedouble);
    else if (cJSON_IsBool(v))
        snprintf(buf, size, "%s", cJSON_IsTrue(v) ? "true" : "false");
    else if (cJSON_IsNull(v))
        snprintf(buf, size, "null");
    else if (cJSON_IsArray(v))
        snprintf(buf, size, "a list");
    else
        snprintf(buf, size, "an object");
}

/* A member's message names it by its whole path, in quotes. */
static int bad_type(Loader *L, const cJSON *v, const char *expected)
{
    char path[200], got[80];
    path_name(L, path, sizeof path);
    describe(v, got, sizeof got);
    return lfail(L, "\"%s\" must be %s; got %s", path, expected, got);
}

static int missing(Loader *L, const char *key)
{
    char path[200];
    enter_key(L, key);
    path_name(L, path, sizeof path);
    leave(L);
    return lfail(L, "\"%s\" is missing", path);
}

/* Reads obj.key as a string into *out (malloc'd). nullable: null or absent gives NULL. */
static int get_str(Loader *L, const cJSON *obj, const char *key, int nullable, char **out)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, key);
    *out = NULL;
    if (!v && nullable)
        return 0;
    if (!v)
        return missing(L, key);
    if (cJSON_IsNull(v) && nullable)
        return 0;
    if (!cJSON_IsString(v)) {
        enter_key(L, key);
        bad_type(L, v, nullable ? "a string or null" : "a string");
        leave(L);
        return -1;
    }
    /* cJSON turns \u escapes into UTF-8 itself; check the result all the same, since
     * nothing read from a file is sanitised. */
    if (!text_valid_utf8(v->valuestring, strlen(v->valuestring), NULL)) {
        enter_key(L, key);
        lfail(L, "\"%s\" is not valid UTF-8", key);
        leave(L);
        return -1;
    }
    *out = strdup(v->valuestring);
    if (!*out)
        return lfail(L, "out of memory");
    return 0;
}

/* Reads obj.key as a number >= lo. nullable: null or absent gives -1. */
static int get_num(Loader *L, const cJSON *obj, const char *key, double lo, int nullable,
                   double *out)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, key);
    char expected[80];
    if ((!v || cJSON_IsNull(v)) && nullable) {
        *out = -1;
        return 0;
    }
    if (!v)
        return missing(L, key);
    if (!cJSON_IsNumber(v) || !isfinite(v->valuedouble) || v->valuedouble < lo) {
        snprintf(expected, sizeof expected, "a number%s%s", lo == 0 ? " >= 0" : "",
                 nullable ? " or null" : "");
        enter_key(L, key);
        bad_type(L, v, expected);
        leave(L);
        return -1;
    }
    *out = v->valuedouble;
    return 0;
}

/* Reads obj.key as true/false; absent gives dflt. */
static int get_bool(Loader *L, const cJSON *obj, const char *key, int dflt, int *out)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, key);
    if (!v) {
        *out = dflt;
        return 0;
    }
    if (!cJSON_IsBool(v)) {
        enter_key(L, key);
        bad_type(L, v, "true or false");
        leave(L);
        return -1;
    }
    *out = cJSON_IsTrue(v);
    return 0;
}

/* obj.key that must be an object (or, with is_array, a list). */
static const cJSON *get_container(Loader *L, const cJSON *obj, const char *key, int is_array)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, key);
    if (!v) {
        missing(L, key);
        return NULL;
    }
    if (is_array ? !cJSON_IsArray(v) : !cJSON_IsObject(v)) {
        enter_key(L, key);
        bad_type(L, v, is_array ? "a list" : "an object");
        leave(L);
        return NULL;
    }
    return v;
}

static int load_meta(Loader *L, const cJSON *root, Result *out)
{
    if (get_str(L, root, RK_ID, 0, &out->id) < 0 ||
        get_str(L, root, RK_TRAINEE, 0, &out->trainee) < 0 ||
        get_str(L, root, RK_MODE, 0, &out->mode) < 0)
        return -1;
    if (strcmp(out->mode, SCHEMA_MODE_PRACTICE) != 0 && strcmp(out->mode, SCHEMA_MODE_EXAM) != 0) {
        enter_key(L, RK_MODE);
        lfail(L,
              "\"" RK_MODE "\" must be one of " SCHEMA_MODE_PRACTICE ", " SCHEMA_MODE_EXAM
              "; got \"%s\"",
              out->mode);
        leave(L);
        return -1;
    }

    double seed;
    if (get_num(L, root, RK_SEED, 0, 0, &seed) < 0)
        return -1;
    if (seed != floor(seed) || seed > SEED_MAX) {
        enter_key(L, RK_SEED);
        bad_type(L, cJSON_GetObjectItemCaseSensitive(root, RK_SEED),
                 "a whole number from 0 to 2^53-1");
        leave(L);
        return -1;
    }
    out->seed = (unsigned long)seed;

    const cJSON *sc = get_container(L, root, RK_SCENARIO, 0);
    if (!sc)
        return -1;
    enter_key(L, RK_SCENARIO);
    int rc = get_str(L, sc, RK_ID, 0, &out->scenario_id) < 0 ||
                     get_str(L, sc, RK_TITLE, 1, &out->scenario_title) < 0 ||
                     get_str(L, sc, RK_PERSONA, 1, &out->scenario_persona) < 0 ||
                     get_str(L, sc, RK_FILE, 1, &out->scenario_file) < 0 ||
                     get_str(L, sc, RK_SHA256, 1, &out->scenario_sha256) < 0
                 ? -1
                 : 0;
    double difficulty = -1;
    if (rc == 0 && get_num(L, sc, RK_DIFFICULTY, 0, 1, &difficulty) < 0)
        rc = -1;
    out->scenario_difficulty = difficulty >= 1 && difficulty <= 5 ? (int)difficulty : 0;
    leave(L);
    if (rc < 0)
        return -1;

    char *when = NULL;
    if (get_str(L, root, RK_STARTED_AT, 0, &when) < 0)
        return -1;
    if (date_parse_utc_stamp(when, &out->started_at) < 0) {
        enter_key(L, RK_STARTED_AT);
        lfail(L, "\"" RK_STARTED_AT "\" must be a UTC time like 2026-11-23T10:15:00Z; got \"%s\"",
              when);
        leave(L);
        free(when);
        return -1;
    }
    free(when);

    /* schema_parse checked that it is an outcome a session may record. */
    const cJSON *oc = cJSON_GetObjectItemCaseSensitive(root, RK_OUTCOME);
    int known = schema_outcome_parse(oc->valuestring, &out->transcript.outcome) == 0;
    assert(known);
    (void)known;

    double dur;
    if (get_num(L, root, RK_DURATION_S, 0, 1, &dur) < 0)
        return -1;
    out->transcript.ended_t = dur;

    const cJSON *ver = cJSON_GetObjectItemCaseSensitive(root, RK_VERSIONS);
    if (ver) {
        if (!cJSON_IsObject(ver)) {
            enter_key(L, RK_VERSIONS);
            bad_type(L, ver, "an object");
            leave(L);
            return -1;
        }
        enter_key(L, RK_VERSIONS);
        rc = get_str(L, ver, RK_RUBRIC, 1, &out->rubric_version) < 0 ||
                     get_str(L, ver, RK_ENGINE, 1, &out->engine_version) < 0
                 ? -1
                 : 0;
        leave(L);
        if (rc < 0)
            return -1;
    }

    /* The scorecard itself is recomputed, not read; only its headline is kept so a rescore
     * can say what changed. */
    out->recorded_total = -1;
    out->recorded_pass = -1;
    const cJSON *card = cJSON_GetObjectItemCaseSensitive(root, RK_SCORECARD);
    if (cJSON_IsObject(card)) {
        const cJSON *tot = cJSON_GetObjectItemCaseSensitive(card, RK_TOTAL);
        const cJSON *pass = cJSON_GetObjectItemCaseSensitive(card, RK_PASS);
        if (cJSON_IsNumber(tot) && tot->valuedouble >= 0 && tot->valuedouble <= 100)
            out->recorded_total = (int)tot->valuedouble;
        if (cJSON_IsBool(pass))
            out->recorded_pass = cJSON_IsTrue(pass);
    }
    return 0;
}

static int load_message(Loader *L, const cJSON *mo, Transcript *t, double prev_t)
{
    if (!cJSON_IsObject(mo))
        return bad_type(L, mo, "a message object {\"" RK_T "\", \"" RK_FROM "\", \"" RK_TEXT "\"}");

    double time;
    char *text = NULL;
    if (get_num(L, mo, RK_T, 0, 0, &time) < 0)
        return -1;
    if (time < prev_t) {
        enter_key(L, RK_T);
        lfail(L, "a message's time goes backwards (%.1f s after %.1f s)", time, prev_t);
        leave(L);
        return -1;
    }
    /* schema_parse checked the sender's name. */
    Sender s = FROM_SYSTEM;
    const cJSON *fv = cJSON_GetObjectItemCaseSensitive(mo, RK_FROM);
    int known = schema_sender_parse(fv->valuestring, &s) == 0;
    assert(known);
    (void)known;
    if (get_str(L, mo, RK_TEXT, 0, &text) < 0)
        return -1;
    Message *m = transcript_add(t, time, s, text, strlen(text));
    free(text);
    if (!m)
        return lfail(L, "out of memory");

    if (s == FROM_CUSTOMER && get_bool(L, mo, RK_NUDGE, 0, &m->nudge) < 0)
        return -1;
    if (s == FROM_AGENT) {
        if (get_num(L, mo, RK_WAIT_S, 0, 1, &m->wait_s) < 0 ||
            get_num(L, mo, RK_TYPING_S, 0, 1, &m->typing_s) < 0 ||
            get_bool(L, mo, RK_RESPONDING, m->wait_s >= 0, &m->responding) < 0)
            return -1;
    }
    return 0;
}

static int load_transcript(Loader *L, const cJSON *root, Transcript *t)
{
    const cJSON *arr = get_container(L, root, RK_TRANSCRIPT, 1);
    if (!arr)
        return -1;
    enter_key(L, RK_TRANSCRIPT);
    int i = 0, rc = 0;
    double prev = 0;
    const cJSON *mo;
    cJSON_ArrayForEach(mo, arr)
    {
        enter_index(L, i);
        rc = load_message(L, mo, t, prev);
        leave(L);
        if (rc < 0)
            break;
        prev = t->msgs[t->n - 1].t;
        i++;
    }
    leave(L);
    return rc;
}

static int load_thresholds(Loader *L, const cJSON *obj, Thresholds *th)
{
    const cJSON *o = cJSON_GetObjectItemCaseSensitive(obj, RK_THRESHOLDS);
    if (!o)
        return 0; /* the rubric's, already in th */
    if (!cJSON_IsObject(o)) {
        enter_key(L, RK_THRESHOLDS);
        bad_type(L, o, "an object");
        leave(L);
        return -1;
    }
    struct {
        const char *key;
        double *v;
    } f[] = {{RK_FIRST_RESPONSE_S, &th->first_response_s},
             {RK_FIRST_RESPONSE_EXCELLENT_S, &th->first_response_excellent_s},
             {RK_REPLY_WAIT_S, &th->reply_wait_s},
             {RK_TYPING_CPM, &th->typing_cpm},
             {RK_LONG_REPLY_CHARS, &th->long_reply_chars}};
    enter_key(L, RK_THRESHOLDS);
    int rc = 0;
    for (size_t i = 0; i < sizeof f / sizeof f[0] && rc == 0; i++)
        if (cJSON_GetObjectItemCaseSensitive(o, f[i].key))
            rc = get_num(L, o, f[i].key, 0, 0, f[i].v);
    leave(L);
    return rc;
}

static int load_spec_item(Loader *L, const cJSON *io, ScoreSpec *spec)
{
    ScoreItem *it = &spec->items[spec->n];
    if (!cJSON_IsObject(io))
        return bad_type(L, io, "an object {\"" RK_ID "\", \"" RK_WEIGHT "\", \"" RK_REQUIRED "\"}");
    if (get_str(L, io, RK_ID, 0, &it->id) < 0)
        return -1;
    spec->n++; /* owned by the spec from here, freed with it */
    if (L->rubric && rubric_find(L->rubric, it->id) < 0) {
        enter_key(L, RK_ID);
        lfail(L,
              "principle \"%s\" is not in the current rubric (%s, version %s); "
              "rescore with the rubric that knows it",
              it->id, rubric_path(L->rubric) ? rubric_path(L->rubric) : "rubric.lua",
              rubric_version(L->rubric) ? rubric_version(L->rubric) : "unknown");
        leave(L);
        return -1;
    }
    for (int k = 0; k + 1 < spec->n; k++)
        if (strcmp(spec->items[k].id, it->id) == 0) {
            enter_key(L, RK_ID);
            lfail(L, "principle \"%s\" is listed twice", it->id);
            leave(L);
            return -1;
        }
    if (get_num(L, io, RK_WEIGHT, 0, 0, &it->weight) < 0 ||
        get_bool(L, io, RK_REQUIRED, 0, &it->required) < 0)
        return -1;
    return 0;
}

static int load_spec(Loader *L, const cJSON *root, ScoreSpec *spec)
{
    const cJSON *so = get_container(L, root, RK_SCORING, 0);
    if (!so)
        return -1;
    enter_key(L, RK_SCORING);
    int rc = -1;
    if (L->rubric)
        spec->thresholds = *rubric_thresholds(L->rubric);
    if (get_num(L, so, RK_PASS_MARK, 0, 0, &spec->pass_mark) < 0)
        goto done;

    const cJSON *arr = get_container(L, so, RK_PRINCIPLES, 1);
    if (!arr)
        goto done;
    enter_key(L, RK_PRINCIPLES);
    int n = cJSON_GetArraySize(arr), i = 0;
    spec->items = calloc((size_t)(n > 0 ? n : 1), sizeof *spec->items);
    if (!spec->items) {
        leave(L);
        lfail(L, "out of memory");
        goto done;
    }
    const cJSON *io;
    cJSON_ArrayForEach(io, arr)
    {
        enter_index(L, i++);
        int r = load_spec_item(L, io, spec);
        leave(L);
        if (r < 0) {
            leave(L);
            goto done;
        }
    }
    leave(L);

    const cJSON *oc = get_container(L, so, RK_OUTCOMES, 0);
    if (!oc)
        goto done;
    enter_key(L, RK_OUTCOMES);
    double top = 0;
    const cJSON *ov;
    cJSON_ArrayForEach(ov, oc)
    {
        Outcome o = outcome_parse(ov->string);
        int bad = 0;
        enter_key(L, ov->string);
        if (o == OUTCOME_NONE)
            bad =
                lfail(L,
                      "\"" RK_SCORING "." RK_OUTCOMES "\" has \"%s\": keys must be outcomes (sale, "
                      "resolved, left, escalated, abandoned, incomplete)",
                      ov->string);
        else if (!cJSON_IsNumber(ov) || !isfinite(ov->valuedouble) || ov->valuedouble < 0)
            bad = bad_type(L, ov, "a number >= 0");
        leave(L);
        if (bad) {
            leave(L);
            goto done;
        }
        spec->outcome_points[o] = ov->valuedouble;
        if (ov->valuedouble > top)
            top = ov->valuedouble;
    }
    leave(L);
    if (cJSON_GetObjectItemCaseSensitive(so, RK_OUTCOME_MAX)) {
        if (get_num(L, so, RK_OUTCOME_MAX, 0, 0, &spec->outcome_max) < 0)
            goto done;
    } else {
        spec->outcome_max = top; /* as scenario files define it: the largest */
    }
    rc = load_thresholds(L, so, &spec->thresholds);
done:
    leave(L);
    return rc;
}

/* "exam" (docs/exams.md), when present: the exam's id, the attempt and the digest chain. */
static int load_exam(Loader *L, const cJSON *root, Result *out)
{
    if (!cJSON_GetObjectItemCaseSensitive(root, RK_EXAM))
        return 0;
    const cJSON *ex = get_container(L, root, RK_EXAM, 0);
    double attempt = 0;
    if (!ex)
        return -1;
    enter_key(L, RK_EXAM);
    int rc = get_str(L, ex, RK_ID, 0, &out->exam_id) < 0 ||
                     get_num(L, ex, RK_ATTEMPT, 1, 0, &attempt) < 0 ||
                     get_str(L, ex, RK_CHAIN, 1, &out->exam_chain) < 0
                 ? -1
                 : 0;
    out->exam_attempt = (int)attempt;
    leave(L);
    return rc;
}

/* Keeps the top-level members this file does not write itself, as JSON text. */
static int load_extra(Loader *L, const cJSON *root, Result *out)
{
    cJSON *x = NULL;
    const cJSON *v;
    cJSON_ArrayForEach(v, root)
    {
        int known = schema_is_key(v->string);
        /* A duplicate key: cJSON reads the first, and so does this file. */
        if (known || (x && cJSON_GetObjectItemCaseSensitive(x, v->string)))
            continue;
        if (!x && !(x = cJSON_CreateObject()))
            return lfail(L, "out of memory");
        cJSON *copy = cJSON_Duplicate(v, 1);
        if (!copy || !cJSON_AddItemToObject(x, v->string, copy)) {
            cJSON_Delete(copy);
            cJSON_Delete(x);
            return lfail(L, "out of memory");
        }
    }
    if (!x)
        return 0;
    out->extra = cJSON_PrintUnformatted(x);
    cJSON_Delete(x);
    return out->extra ? 0 : lfail(L, "out of memory");
}

int record_load(const char *path, const Rubric *rubric, Result *out, KefuError *err)
{
    size_t len = 0;
    memset(out, 0, sizeof *out);
    char *buf = kerr_read_file(path, &len, err);
    if (!buf)
        return -1;
    int rc = record_parse(path, buf, len, rubric, out, err);
    free(buf);
    return rc;
}

int record_parse(const char *path, const char *buf, size_t len, const Rubric *rubric, Result *out,
                 KefuError *err)
{
    cJSON *root = NULL;
    memset(out, 0, sizeof *out);
    Loader L = {path, buf, len, rubric, err, {{0}}, 0};

    /* The file, its schema and the members of the session are checked as every reader of
     * results checks them; what follows reads them and checks what only a rescore needs. */
    if (schema_parse(path, buf, len, &root, err) != 0)
        goto fail;
    if (load_meta(&L, root, out) < 0 || load_transcript(&L, root, &out->transcript) < 0 ||
        load_spec(&L, root, &out->spec) < 0 || load_exam(&L, root, out) < 0 ||
        load_extra(&L, root, out) < 0)
        goto fail;
    /* load_meta read duration_s before the transcript existed; an unknown end is the last
     * message, as the writer assumes. */
    if (out->transcript.ended_t < 0 && out->transcript.n > 0)
        out->transcript.ended_t = out->transcript.msgs[out->transcript.n - 1].t;
    cJSON_Delete(root);
    return 0;
fail:
    cJSON_Delete(root);
    result_deinit(out);
    return -1;
}

/* ------------------------------------------------------------------------ rescoring */

int record_rescore(Result *res, Rubric *rubric, Scorecard *out)
{
    Transcript *t = &res->transcript;
    size_t need = 1;
    int turn = 0;

    memset(out, 0, sizeof *out);
    record_round_times(t);
    /* Room for every customer message joined: transcript_customer_context drops a message
     * that does not fit, and the context must be the same however long the chat. */
    for (int i = 0; i < t->n; i++)
        if (t->msgs[i].from == FROM_CUSTOMER)
            need += t->msgs[i].len + 1;
    char *ctx_buf = malloc(need);
    if (!ctx_buf)
        return -1;
    for (int i = 0; i < t->n; i++) {
        Message *m = &t->msgs[i];
        if (m->from != FROM_AGENT) {
            m->hits.n = 0;
            continue;
        }
        transcript_customer_context(t, i, ctx_buf, need);
        ReplyContext ctx = {.persona = res->scenario_id,
                            .customer = ctx_buf,
                            .turn = turn++, /* transcript_agent_turn(t, i), counted as we go */
                            .after = m->wait_s,
                            .thresholds = &res->spec.thresholds};
        if (rubric_analyze(rubric, m->text, m->len, &ctx, &m->hits) < 0) {
            free(ctx_buf);
            return -1;
        }
    }
    free(ctx_buf);
    if (scorecard_compute(rubric, &res->spec, t, res->scenario_id, out) < 0) {
        scorecard_deinit(out);
        memset(out, 0, sizeof *out);
        return -1;
    }
    return 0;
}

int record_copy_transcript(Transcript *dst, const Transcript *src)
{
    memset(dst, 0, sizeof *dst);
    for (int i = 0; i < src->n; i++) {
        const Message *s = &src->msgs[i];
        Message *m = transcript_add(dst, s->t, s->from, s->text, s->len);
        if (!m)
            goto fail;
        m->nudge = s->nudge;
        m->responding = s->responding;
        m->wait_s = s->wait_s;
        m->typing_s = s->typing_s;
        if (s->hits.n > 0) {
            m->hits.v = malloc((size_t)s->hits.n * sizeof *m->hits.v);
            if (!m->hits.v)
                goto fail;
            memcpy(m->hits.v, s->hits.v, (size_t)s->hits.n * sizeof *m->hits.v);
            m->hits.n = m->hits.cap = s->hits.n;
        }
    }
    dst->outcome = src->outcome;
    dst->ended_t = src->ended_t;
    return 0;
fail:
    transcript_deinit(dst);
    return -1;
}
