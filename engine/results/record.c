/* record: a session's result serialised as a results file (kefu.result/1, the names of
 * results/schema.h), its times rounded as files store them, and its id. Writing the file is
 * record_file.c; reading it back and rescoring, record_load.c. */
#include "results/record.h"

#include <assert.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "base/date.h"
#include "base/text.h"
#include "results/digest.h"
#include "results/schema.h"

/* Times and points are stored to a tenth, so that what a file says is exactly what was
 * scored and a reload prints the same digits. */
static double round1(double x)
{
    return round(x * 10.0) / 10.0;
}

void result_deinit(Result *r)
{
    if (!r)
        return;
    free(r->id);
    free(r->trainee);
    free(r->mode);
    free(r->scenario_id);
    free(r->scenario_title);
    free(r->scenario_persona);
    free(r->scenario_file);
    free(r->scenario_sha256);
    transcript_deinit(&r->transcript);
    scorespec_deinit(&r->spec);
    free(r->rubric_version);
    free(r->engine_version);
    free(r->extra);
    free(r->exam_id);
    free(r->exam_chain);
    memset(r, 0, sizeof *r);
}

/* ------------------------------------------------------------------------ times and ids */

void record_make_id(char *buf, size_t size, time_t when, const char *scenario, unsigned long salt)
{
    char iso[32], stamp[32];
    char safe[64];
    size_t o = 0;

    if (size == 0)
        return;
    /* "2026-11-23T10:15:00Z" without its separators: "20261123T101500Z". */
    date_format_utc_stamp(iso, sizeof iso, when);
    size_t k = 0;
    for (const char *p = iso; *p && k + 1 < sizeof stamp; p++)
        if (*p != '-' && *p != ':')
            stamp[k++] = *p;
    stamp[k] = '\0';
    /* The id becomes a file name: keep letters, digits, '_' and '-' (and any non-ASCII
     * UTF-8, cut on a character boundary), and replace the rest. */
    for (size_t i = 0; scenario && scenario[i] && o + 4 < sizeof safe;) {
        unsigned char c = (unsigned char)scenario[i];
        if (c >= 0x80) {
            size_t j = i;
            text_next(scenario, strlen(scenario), &j);
            if (o + (j - i) >= sizeof safe - 1)
                break;
            memcpy(safe + o, scenario + i, j - i);
            o += j - i;
            i = j;
            continue;
        }
        safe[o++] = (char)((c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') ||
                                   (c >= 'A' && c <= 'Z') || c == '_' || c == '-'
                               ? c
                               : '_');
        i++;
    }
    safe[o] = '\0';
    if (o == 0)
        snprintf(safe, sizeof safe, "session");
    /* Spread the salt (often a small counter or a pid) over the 16 bits shown. */
    unsigned long long h = (unsigned long long)salt * 0x9E3779B97F4A7C15ull;
    unsigned hex = (unsigned)((h >> 48) & 0xffff);
    snprintf(buf, size, "%s-%s-%04x", stamp, safe, hex);
}

/* ------------------------------------------------------------------------ writing JSON */

/* Builds JSON while remembering whether any allocation failed, so the building code reads
 * straight through and checks once at the end. */
typedef struct Builder {
    int oom;
} Builder;

static cJSON *put(Builder *b, cJSON *obj, const char *key, cJSON *item)
{
    if (!item || !obj || !cJSON_AddItemToObject(obj, key, item)) {
        cJSON_Delete(item);
        b->oom = 1;
        return NULL;
    }
    return item;
}

static cJSON *push(Builder *b, cJSON *arr, cJSON *item)
{
    if (!item || !arr || !cJSON_AddItemToArray(arr, item)) {
        cJSON_Delete(item);
        b->oom = 1;
        return NULL;
    }
    return item;
}

static cJSON *str_or_null(const char *s)
{
    return s ? cJSON_CreateString(s) : cJSON_CreateNull();
}

/* A time or measure: rounded to 0.1, null when unknown (negative) or not finite. */
static cJSON *tenth_or_null(double x)
{
    return x < 0 || !isfinite(x) ? cJSON_CreateNull() : cJSON_CreateNumber(round1(x));
}

/* A number stored as given (spec values round-trip exactly through cJSON's printing). */
static cJSON *exact(double x)
{
    return isfinite(x) ? cJSON_CreateNumber(x) : cJSON_CreateNull();
}

static const char *kind_name(PrincipleKind k)
{
    switch (k) {
    case KIND_TECHNIQUE:
        return "technique";
    case KIND_VIOLATION:
        return "violation";
    default:
        return "timing";
    }
}

/* The substring text[start..end) of message mi as valid UTF-8, or "" when the span does
 * not fit the message. Sanitised: a span that cuts a character must not make the file
 * unreadable. */
static cJSON *evidence_string(const Transcript *t, int mi, int start, int end)
{
    if (mi < 0 || mi >= t->n || start < 0 || end < start || (size_t)end > t->msgs[mi].len)
        return cJSON_CreateString("");
    char *s = text_sanitize(t->msgs[mi].text + start, (size_t)(end - start), NULL);
    if (!s)
        return NULL;
    cJSON *j = cJSON_CreateString(s);
    free(s);
    return j;
}

static cJSON *sanitized_string(const char *s)
{
    if (!s)
        return cJSON_CreateNull();
    char *c = text_sanitize(s, strlen(s), NULL);
    if (!c)
        return NULL;
    cJSON *j = cJSON_CreateString(c);
    free(c);
    return j;
}

static void put_thresholds(Builder *b, cJSON *obj, const char *key, const Thresholds *th)
{
    cJSON *o = put(b, obj, key, cJSON_CreateObject());
    put(b, o, RK_FIRST_RESPONSE_S, exact(th->first_response_s));
    put(b, o, RK_FIRST_RESPONSE_EXCELLENT_S, exact(th->first_response_excellent_s));
    put(b, o, RK_REPLY_WAIT_S, exact(th->reply_wait_s));
    put(b, o, RK_TYPING_CPM, exact(th->typing_cpm));
    put(b, o, RK_LONG_REPLY_CHARS, exact(th->long_reply_chars));
}

static void put_transcript(Builder *b, cJSON *root, const Transcript *t, Rubric *rubric)
{
    cJSON *arr = put(b, root, RK_TRANSCRIPT, cJSON_CreateArray());
    for (int i = 0; i < t->n; i++) {
        const Message *m = &t->msgs[i];
        cJSON *o = push(b, arr, cJSON_CreateObject());
        put(b, o, RK_T, cJSON_CreateNumber(round1(m->t > 0 ? m->t : 0)));
        put(b, o, RK_FROM, cJSON_CreateString(sender_name(m->from)));
        put(b, o, RK_TEXT, cJSON_CreateString(m->text ? m->text : ""));
        if (m->from == FROM_CUSTOMER && m->nudge)
            put(b, o, RK_NUDGE, cJSON_CreateTrue());
        if (m->from != FROM_AGENT)
            continue;
        put(b, o, RK_WAIT_S, tenth_or_null(m->wait_s));
        put(b, o, RK_TYPING_S, tenth_or_null(m->typing_s));
        if (scorecard_is_pasted(m->text, m->len, m->typing_s))
            put(b, o, RK_PASTED, cJSON_CreateTrue());
        put(b, o, RK_RESPONDING, cJSON_CreateBool(m->responding));
        cJSON *hits = put(b, o, RK_HITS, cJSON_CreateArray());
        for (int k = 0; k < m->hits.n; k++) {
            const Hit *h = &m->hits.v[k];
            assert(h->principle >= 0 && h->principle < rubric_count(rubric));
            const Principle *p = rubric_principle(rubric, h->principle);
            cJSON *ho = push(b, hits, cJSON_CreateObject());
            put(b, ho, RK_PRINCIPLE, cJSON_CreateString(p->id));
            put(b, ho, RK_NAME, str_or_null(p->name));
            put(b, ho, RK_KIND, cJSON_CreateString(kind_name(p->kind)));
            put(b, ho, RK_START, cJSON_CreateNumber(h->start));
            put(b, ho, RK_END, cJSON_CreateNumber(h->end));
            put(b, ho, RK_EVIDENCE, evidence_string(t, i, h->start, h->end));
            put(b, ho, RK_SOURCE, str_or_null(p->source));
        }
    }
}

static void put_metrics(Builder *b, cJSON *root, const Metrics *mt)
{
    cJSON *o = put(b, root, RK_METRICS, cJSON_CreateObject());
    put(b, o, RK_FIRST_RESPONSE_S, tenth_or_null(mt->first_response_s));
    put(b, o, RK_AVG_RESPONSE_S, tenth_or_null(mt->avg_response_s));
    put(b, o, RK_MAX_RESPONSE_S, tenth_or_null(mt->max_response_s));
    put(b, o, RK_TYPING_CPM, tenth_or_null(mt->typing_cpm));
    put(b, o, RK_AGENT_MESSAGES, cJSON_CreateNumber(mt->agent_messages));
    put(b, o, RK_WAITS_OVER, cJSON_CreateNumber(mt->waits_over));
}

static void put_scorecard(Builder *b, cJSON *root, const Result *res, Rubric *rubric,
                          const Scorecard *sc)
{
    const Transcript *t = &res->transcript;
    cJSON *o = put(b, root, RK_SCORECARD, cJSON_CreateObject());
    put(b, o, RK_TOTAL, cJSON_CreateNumber(sc->total));
    put(b, o, RK_PASS, cJSON_CreateBool(sc->pass));
    put(b, o, RK_PASS_MARK, cJSON_CreateNumber(round1(sc->pass_mark)));

    cJSON *cats = put(b, o, RK_CATEGORIES, cJSON_CreateArray());
    for (int i = 0; i < sc->ncats; i++) {
        const CategoryScore *c = &sc->cats[i];
        assert(c->category >= 0 && c->category < rubric_category_count(rubric));
        const RubricCategory *rc = rubric_category(rubric, c->category);
        cJSON *co = push(b, cats, cJSON_CreateObject());
        put(b, co, RK_ID, str_or_null(rc->id));
        put(b, co, RK_NAME, str_or_null(rc->name));
        put(b, co, RK_SCORE, cJSON_CreateNumber(round1(c->score)));
        put(b, co, RK_MAX, cJSON_CreateNumber(round1(c->max)));
    }

    cJSON *lines = put(b, o, RK_PRINCIPLES, cJSON_CreateArray());
    for (int i = 0; i < sc->n; i++) {
        const ScoreLine *l = &sc->lines[i];
        assert(l->principle >= 0 && l->principle < rubric_count(rubric));
        const Principle *p = rubric_principle(rubric, l->principle);
        cJSON *lo = push(b, lines, cJSON_CreateObject());
        put(b, lo, RK_ID, cJSON_CreateString(p->id));
        put(b, lo, RK_NAME, str_or_null(p->name));
        put(b, lo, RK_KIND, cJSON_CreateString(kind_name(p->kind)));
        put(b, lo, RK_STATUS, cJSON_CreateString(status_name(l->status)));
        char verdict[256];
        put(b, lo, RK_LABEL,
            cJSON_CreateString(scorecard_verdict(p, l->status, verdict, sizeof verdict)));
        put(b, lo, RK_POINTS, cJSON_CreateNumber(round1(l->points)));
        put(b, lo, RK_MAX, cJSON_CreateNumber(round1(l->max)));
        put(b, lo, RK_REQUIRED, cJSON_CreateBool(l->required));
        put(b, lo, RK_CRITICAL, cJSON_CreateBool(p->critical));
        cJSON *ev = put(b, lo, RK_EVIDENCE, cJSON_CreateArray());
        cJSON *at = put(b, lo, RK_EVIDENCE_AT, cJSON_CreateArray());
        int nev = l->evidence_n < 0 ? 0 : l->evidence_n > 4 ? 4 : l->evidence_n;
        for (int k = 0; k < nev; k++) {
            push(b, ev, evidence_string(t, l->ev_msg[k], l->ev_start[k], l->ev_end[k]));
            cJSON *a = push(b, at, cJSON_CreateObject());
            put(b, a, RK_MESSAGE, cJSON_CreateNumber(l->ev_msg[k]));
            put(b, a, RK_START, cJSON_CreateNumber(l->ev_start[k]));
            put(b, a, RK_END, cJSON_CreateNumber(l->ev_end[k]));
        }
        put(b, lo, RK_SOURCE, str_or_null(p->source));
        put(b, lo, RK_QUOTE, str_or_null(p->quote));
        put(b, lo, RK_EXPLAIN, str_or_null(p->explain));
        /* detail is formatted into a fixed buffer and may have been cut mid-character. */
        char detail[sizeof l->detail + 1];
        memcpy(detail, l->detail, sizeof l->detail);
        detail[sizeof l->detail] = '\0';
        put(b, lo, RK_DETAIL, sanitized_string(detail));
    }

    cJSON *crit = put(b, o, RK_CRITICAL, cJSON_CreateArray());
    for (int i = 0; i < sc->ncritical && i < 16; i++)
        push(b, crit, cJSON_CreateString(rubric_principle(rubric, sc->critical[i])->id));
    cJSON *req = put(b, o, RK_REQUIRED_MISSED, cJSON_CreateArray());
    for (int i = 0; i < sc->nrequired_missed && i < 16; i++)
        push(b, req, cJSON_CreateString(rubric_principle(rubric, sc->required_missed[i])->id));

    cJSON *oc = put(b, o, RK_OUTCOME, cJSON_CreateObject());
    Outcome out = t->outcome == OUTCOME_NONE ? OUTCOME_INCOMPLETE : t->outcome;
    put(b, oc, RK_VALUE, cJSON_CreateString(outcome_name(out)));
    put(b, oc, RK_POINTS, cJSON_CreateNumber(round1(sc->outcome_points)));
    put(b, oc, RK_MAX, cJSON_CreateNumber(round1(sc->outcome_max)));
    /* The standards the timing lines were judged against (also under "scoring"), for
     * readers that look only at the scorecard. */
    put_thresholds(b, o, RK_THRESHOLDS, &res->spec.thresholds);
}

static void put_scoring(Builder *b, cJSON *root, const ScoreSpec *spec)
{
    cJSON *o = put(b, root, RK_SCORING, cJSON_CreateObject());
    put(b, o, RK_PASS_MARK, exact(spec->pass_mark));
    cJSON *arr = put(b, o, RK_PRINCIPLES, cJSON_CreateArray());
    for (int i = 0; i < spec->n; i++) {
        cJSON *it = push(b, arr, cJSON_CreateObject());
        put(b, it, RK_ID, cJSON_CreateString(spec->items[i].id ? spec->items[i].id : ""));
        put(b, it, RK_WEIGHT, exact(spec->items[i].weight));
        put(b, it, RK_REQUIRED, cJSON_CreateBool(spec->items[i].required));
    }
    cJSON *oc = put(b, o, RK_OUTCOMES, cJSON_CreateObject());
    for (int i = OUTCOME_NONE + 1; i < OUTCOME_COUNT; i++)
        put(b, oc, outcome_name((Outcome)i), exact(spec->outcome_points[i]));
    put(b, o, RK_OUTCOME_MAX, exact(spec->outcome_max));
    put_thresholds(b, o, RK_THRESHOLDS, &spec->thresholds);
}

/* "exam": which exam and attempt, and the digest chain over the transcript (results/digest.h):
 * the one the file recorded when it was loaded, so a rewrite never blesses an edit. */
static void put_exam(Builder *b, cJSON *root, const Result *res)
{
    char hex[DIGEST_HEX_SIZE];
    if (!res->exam_chain) {
        DigestHead h = {res->exam_id,         res->exam_attempt, res->trainee,   res->scenario_id,
                        res->scenario_sha256, res->seed,         res->started_at};
        digest_chain(&h, &res->transcript, hex);
    }
    cJSON *o = put(b, root, RK_EXAM, cJSON_CreateObject());
    put(b, o, RK_ID, cJSON_CreateString(res->exam_id));
    put(b, o, RK_ATTEMPT, cJSON_CreateNumber(res->exam_attempt));
    put(b, o, RK_CHAIN, cJSON_CreateString(res->exam_chain ? res->exam_chain : hex));
}

/* Appends the members kept from a loaded file (Result.extra) after the known ones. */
static void put_extra(Builder *b, cJSON *root, const char *extra)
{
    if (!extra)
        return;
    cJSON *x = cJSON_Parse(extra);
    if (!x) {
        b->oom = 1; /* extra is always what cJSON printed itself: only memory can fail */
        return;
    }
    cJSON *child;
    while ((child = x->child) != NULL) {
        cJSON_DetachItemViaPointer(x, child);
        if (cJSON_GetObjectItemCaseSensitive(root, child->string)) {
            cJSON_Delete(child);
            continue;
        }
        char *key = strdup(child->string ? child->string : "");
        if (!key) {
            cJSON_Delete(child);
            b->oom = 1;
            continue;
        }
        put(b, root, key, child);
        free(key);
    }
    cJSON_Delete(x);
}

char *record_to_json(const Result *res, Rubric *rubric, const Scorecard *sc)
{
    Builder b = {0};
    char when[32];
    const Transcript *t = &res->transcript;
    assert(rubric && sc);

    cJSON *root = cJSON_CreateObject();
    if (!root)
        return NULL;
    put(&b, root, RK_SCHEMA, cJSON_CreateString(SCHEMA_ID));
    put(&b, root, RK_ID, str_or_null(res->id));
    put(&b, root, RK_TRAINEE, str_or_null(res->trainee));
    put(&b, root, RK_MODE, str_or_null(res->mode));
    put(&b, root, RK_SEED, cJSON_CreateNumber((double)res->seed));

    cJSON *scen = put(&b, root, RK_SCENARIO, cJSON_CreateObject());
    put(&b, scen, RK_ID, str_or_null(res->scenario_id));
    put(&b, scen, RK_TITLE, str_or_null(res->scenario_title));
    put(&b, scen, RK_PERSONA, str_or_null(res->scenario_persona));
    put(&b, scen, RK_FILE, str_or_null(res->scenario_file));
    put(&b, scen, RK_SHA256, str_or_null(res->scenario_sha256));
    if (res->scenario_difficulty > 0)
        put(&b, scen, RK_DIFFICULTY, cJSON_CreateNumber(res->scenario_difficulty));

    /* A session that never reached an outcome lasted until its last message. */
    double dur = t->ended_t >= 0 ? t->ended_t : t->n > 0 ? t->msgs[t->n - 1].t : 0;
    dur = round1(dur > 0 ? dur : 0);
    date_format_utc_stamp(when, sizeof when, res->started_at);
    put(&b, root, RK_STARTED_AT, cJSON_CreateString(when));
    date_format_utc_stamp(when, sizeof when, res->started_at + (time_t)floor(dur));
    put(&b, root, RK_ENDED_AT, cJSON_CreateString(when));
    put(&b, root, RK_DURATION_S, cJSON_CreateNumber(dur));
    /* A result saved before the conversation reached an outcome is incomplete. */
    Outcome out = t->outcome == OUTCOME_NONE ? OUTCOME_INCOMPLETE : t->outcome;
    put(&b, root, RK_OUTCOME, cJSON_CreateString(outcome_name(out)));

    put_transcript(&b, root, t, rubric);
    put_metrics(&b, root, &sc->metrics);
    put_scorecard(&b, root, res, rubric, sc);
    put_scoring(&b, root, &res->spec);

    cJSON *ver = put(&b, root, RK_VERSIONS, cJSON_CreateObject());
    put(&b, ver, RK_ENGINE, cJSON_CreateString(KEFU_VERSION));
    put(&b, ver, RK_RUBRIC, str_or_null(rubric_version(rubric)));
    if (res->exam_id)
        put_exam(&b, root, res);

    put_extra(&b, root, res->extra);

    char *text = b.oom ? NULL : cJSON_Print(root);
    cJSON_Delete(root);
    if (!text)
        return NULL;
    /* A file ends with a newline; the result is malloc'd like cJSON's own output. */
    size_t n = strlen(text);
    char *withnl = malloc(n + 2);
    if (withnl) {
        memcpy(withnl, text, n);
        withnl[n] = '\n';
        withnl[n + 1] = '\0';
    }
    cJSON_free(text);
    return withnl;
}

/* ------------------------------------------------------------------------ times */

static double round_time(double x)
{
    return x < 0 ? x : round1(x);
}

void record_round_times(Transcript *t)
{
    for (int i = 0; i < t->n; i++) {
        Message *m = &t->msgs[i];
        m->t = round_time(m->t);
        m->wait_s = round_time(m->wait_s);
        m->typing_s = round_time(m->typing_s);
    }
    t->ended_t = round_time(t->ended_t);
}
