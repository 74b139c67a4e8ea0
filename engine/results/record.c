/* record: results files (kefu.result/1): serialised, written crash-safe, read back with
 * messages that point at the line, and rescored through the one scoring path. */
#include "results/record.h"

#include <assert.h>
#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cjson/cJSON.h>

#include "base/jsonpos.h"
#include "base/text.h"

/* The largest integer a JSON number (a double) holds exactly: seeds must fit. */
#define SEED_MAX 9007199254740991.0

/* The top-level members this file writes; any other member of a loaded file is kept in
 * Result.extra and written back after these. */
static const char *const known_keys[] = {"schema",     "id",       "trainee",    "mode",
                                         "seed",       "scenario", "started_at", "ended_at",
                                         "duration_s", "outcome",  "transcript", "metrics",
                                         "scorecard",  "scoring",  "versions"};

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
    memset(r, 0, sizeof *r);
}

/* ------------------------------------------------------------------------ times and ids */

void record_iso8601(char *buf, size_t size, time_t when)
{
    struct tm tm;
    if (size == 0)
        return;
    if (!gmtime_r(&when, &tm)) {
        snprintf(buf, size, "1970-01-01T00:00:00Z");
        return;
    }
    strftime(buf, size, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

void record_make_id(char *buf, size_t size, time_t when, const char *scenario, unsigned long salt)
{
    struct tm tm;
    char stamp[32] = "19700101T000000Z";
    char safe[64];
    size_t o = 0;

    if (size == 0)
        return;
    if (gmtime_r(&when, &tm))
        strftime(stamp, sizeof stamp, "%Y%m%dT%H%M%SZ", &tm);
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

/* Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's days_from_civil):
 * timegm is not in POSIX. */
static long long days_from_civil(long long y, unsigned m, unsigned d)
{
    y -= m <= 2;
    long long era = (y >= 0 ? y : y - 399) / 400;
    unsigned yoe = (unsigned)(y - era * 400);
    unsigned doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
    unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + (long long)doe - 719468;
}

/* Parses exactly "YYYY-MM-DDTHH:MM:SSZ". Returns 0, or -1 when s is anything else. */
static int parse_iso8601(const char *s, time_t *out)
{
    int y, mo, d, h, mi, se;
    char z = 0;
    int used = 0;
    if (strlen(s) != 20 ||
        sscanf(s, "%4d-%2d-%2dT%2d:%2d:%2d%c%n", &y, &mo, &d, &h, &mi, &se, &z, &used) != 7 ||
        used != 20 || z != 'Z')
        return -1;
    static const int mdays[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (y < 1970 || mo < 1 || mo > 12 || d < 1 || d > mdays[mo - 1] || h > 23 || mi > 59 ||
        se > 60 || h < 0 || mi < 0 || se < 0)
        return -1;
    int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    if (mo == 2 && d == 29 && !leap)
        return -1;
    long long days = days_from_civil(y, (unsigned)mo, (unsigned)d);
    *out = (time_t)(days * 86400 + h * 3600 + mi * 60 + se);
    return 0;
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
    put(b, o, "first_response_s", exact(th->first_response_s));
    put(b, o, "first_response_excellent_s", exact(th->first_response_excellent_s));
    put(b, o, "reply_wait_s", exact(th->reply_wait_s));
    put(b, o, "typing_cpm", exact(th->typing_cpm));
    put(b, o, "long_reply_chars", exact(th->long_reply_chars));
}

static void put_transcript(Builder *b, cJSON *root, const Transcript *t, Rubric *rubric)
{
    cJSON *arr = put(b, root, "transcript", cJSON_CreateArray());
    for (int i = 0; i < t->n; i++) {
        const Message *m = &t->msgs[i];
        cJSON *o = push(b, arr, cJSON_CreateObject());
        put(b, o, "t", cJSON_CreateNumber(round1(m->t > 0 ? m->t : 0)));
        put(b, o, "from", cJSON_CreateString(sender_name(m->from)));
        put(b, o, "text", cJSON_CreateString(m->text ? m->text : ""));
        if (m->from == FROM_CUSTOMER && m->nudge)
            put(b, o, "nudge", cJSON_CreateTrue());
        if (m->from != FROM_AGENT)
            continue;
        put(b, o, "wait_s", tenth_or_null(m->wait_s));
        put(b, o, "typing_s", tenth_or_null(m->typing_s));
        put(b, o, "responding", cJSON_CreateBool(m->responding));
        cJSON *hits = put(b, o, "hits", cJSON_CreateArray());
        for (int k = 0; k < m->hits.n; k++) {
            const Hit *h = &m->hits.v[k];
            assert(h->principle >= 0 && h->principle < rubric_count(rubric));
            const Principle *p = rubric_principle(rubric, h->principle);
            cJSON *ho = push(b, hits, cJSON_CreateObject());
            put(b, ho, "principle", cJSON_CreateString(p->id));
            put(b, ho, "name", str_or_null(p->name));
            put(b, ho, "kind", cJSON_CreateString(kind_name(p->kind)));
            put(b, ho, "start", cJSON_CreateNumber(h->start));
            put(b, ho, "end", cJSON_CreateNumber(h->end));
            put(b, ho, "evidence", evidence_string(t, i, h->start, h->end));
            put(b, ho, "source", str_or_null(p->source));
        }
    }
}

static void put_metrics(Builder *b, cJSON *root, const Metrics *mt)
{
    cJSON *o = put(b, root, "metrics", cJSON_CreateObject());
    put(b, o, "first_response_s", tenth_or_null(mt->first_response_s));
    put(b, o, "avg_response_s", tenth_or_null(mt->avg_response_s));
    put(b, o, "max_response_s", tenth_or_null(mt->max_response_s));
    put(b, o, "typing_cpm", tenth_or_null(mt->typing_cpm));
    put(b, o, "agent_messages", cJSON_CreateNumber(mt->agent_messages));
    put(b, o, "waits_over", cJSON_CreateNumber(mt->waits_over));
}

static void put_scorecard(Builder *b, cJSON *root, const Result *res, Rubric *rubric,
                          const Scorecard *sc)
{
    const Transcript *t = &res->transcript;
    cJSON *o = put(b, root, "scorecard", cJSON_CreateObject());
    put(b, o, "total", cJSON_CreateNumber(sc->total));
    put(b, o, "pass", cJSON_CreateBool(sc->pass));
    put(b, o, "pass_mark", cJSON_CreateNumber(round1(sc->pass_mark)));

    cJSON *cats = put(b, o, "categories", cJSON_CreateArray());
    for (int i = 0; i < sc->ncats; i++) {
        const CategoryScore *c = &sc->cats[i];
        assert(c->category >= 0 && c->category < rubric_category_count(rubric));
        const RubricCategory *rc = rubric_category(rubric, c->category);
        cJSON *co = push(b, cats, cJSON_CreateObject());
        put(b, co, "id", str_or_null(rc->id));
        put(b, co, "name", str_or_null(rc->name));
        put(b, co, "score", cJSON_CreateNumber(round1(c->score)));
        put(b, co, "max", cJSON_CreateNumber(round1(c->max)));
    }

    cJSON *lines = put(b, o, "principles", cJSON_CreateArray());
    for (int i = 0; i < sc->n; i++) {
        const ScoreLine *l = &sc->lines[i];
        assert(l->principle >= 0 && l->principle < rubric_count(rubric));
        const Principle *p = rubric_principle(rubric, l->principle);
        cJSON *lo = push(b, lines, cJSON_CreateObject());
        put(b, lo, "id", cJSON_CreateString(p->id));
        put(b, lo, "name", str_or_null(p->name));
        put(b, lo, "kind", cJSON_CreateString(kind_name(p->kind)));
        put(b, lo, "status", cJSON_CreateString(status_name(l->status)));
        put(b, lo, "points", cJSON_CreateNumber(round1(l->points)));
        put(b, lo, "max", cJSON_CreateNumber(round1(l->max)));
        put(b, lo, "required", cJSON_CreateBool(l->required));
        put(b, lo, "critical", cJSON_CreateBool(p->critical));
        cJSON *ev = put(b, lo, "evidence", cJSON_CreateArray());
        cJSON *at = put(b, lo, "evidence_at", cJSON_CreateArray());
        int nev = l->evidence_n < 0 ? 0 : l->evidence_n > 4 ? 4 : l->evidence_n;
        for (int k = 0; k < nev; k++) {
            push(b, ev, evidence_string(t, l->ev_msg[k], l->ev_start[k], l->ev_end[k]));
            cJSON *a = push(b, at, cJSON_CreateObject());
            put(b, a, "message", cJSON_CreateNumber(l->ev_msg[k]));
            put(b, a, "start", cJSON_CreateNumber(l->ev_start[k]));
            put(b, a, "end", cJSON_CreateNumber(l->ev_end[k]));
        }
        put(b, lo, "source", str_or_null(p->source));
        put(b, lo, "quote", str_or_null(p->quote));
        put(b, lo, "explain", str_or_null(p->explain));
        /* detail is formatted into a fixed buffer and may have been cut mid-character. */
        char detail[sizeof l->detail + 1];
        memcpy(detail, l->detail, sizeof l->detail);
        detail[sizeof l->detail] = '\0';
        put(b, lo, "detail", sanitized_string(detail));
    }

    cJSON *crit = put(b, o, "critical", cJSON_CreateArray());
    for (int i = 0; i < sc->ncritical && i < 16; i++)
        push(b, crit, cJSON_CreateString(rubric_principle(rubric, sc->critical[i])->id));
    cJSON *req = put(b, o, "required_missed", cJSON_CreateArray());
    for (int i = 0; i < sc->nrequired_missed && i < 16; i++)
        push(b, req, cJSON_CreateString(rubric_principle(rubric, sc->required_missed[i])->id));

    cJSON *oc = put(b, o, "outcome", cJSON_CreateObject());
    Outcome out = t->outcome == OUTCOME_NONE ? OUTCOME_INCOMPLETE : t->outcome;
    put(b, oc, "value", cJSON_CreateString(outcome_name(out)));
    put(b, oc, "points", cJSON_CreateNumber(round1(sc->outcome_points)));
    put(b, oc, "max", cJSON_CreateNumber(round1(sc->outcome_max)));
    /* The standards the timing lines were judged against (also under "scoring"), for
     * readers that look only at the scorecard. */
    put_thresholds(b, o, "thresholds", &res->spec.thresholds);
}

static void put_scoring(Builder *b, cJSON *root, const ScoreSpec *spec)
{
    cJSON *o = put(b, root, "scoring", cJSON_CreateObject());
    put(b, o, "pass_mark", exact(spec->pass_mark));
    cJSON *arr = put(b, o, "principles", cJSON_CreateArray());
    for (int i = 0; i < spec->n; i++) {
        cJSON *it = push(b, arr, cJSON_CreateObject());
        put(b, it, "id", cJSON_CreateString(spec->items[i].id ? spec->items[i].id : ""));
        put(b, it, "weight", exact(spec->items[i].weight));
        put(b, it, "required", cJSON_CreateBool(spec->items[i].required));
    }
    cJSON *oc = put(b, o, "outcomes", cJSON_CreateObject());
    for (int i = OUTCOME_NONE + 1; i < OUTCOME_COUNT; i++)
        put(b, oc, outcome_name((Outcome)i), exact(spec->outcome_points[i]));
    put(b, o, "outcome_max", exact(spec->outcome_max));
    put_thresholds(b, o, "thresholds", &spec->thresholds);
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
    put(&b, root, "schema", cJSON_CreateString(RESULT_SCHEMA));
    put(&b, root, "id", str_or_null(res->id));
    put(&b, root, "trainee", str_or_null(res->trainee));
    put(&b, root, "mode", str_or_null(res->mode));
    put(&b, root, "seed", cJSON_CreateNumber((double)res->seed));

    cJSON *scen = put(&b, root, "scenario", cJSON_CreateObject());
    put(&b, scen, "id", str_or_null(res->scenario_id));
    put(&b, scen, "title", str_or_null(res->scenario_title));
    put(&b, scen, "persona", str_or_null(res->scenario_persona));
    put(&b, scen, "file", str_or_null(res->scenario_file));
    put(&b, scen, "sha256", str_or_null(res->scenario_sha256));
    if (res->scenario_difficulty > 0)
        put(&b, scen, "difficulty", cJSON_CreateNumber(res->scenario_difficulty));

    /* A session that never reached an outcome lasted until its last message. */
    double dur = t->ended_t >= 0 ? t->ended_t : t->n > 0 ? t->msgs[t->n - 1].t : 0;
    dur = round1(dur > 0 ? dur : 0);
    record_iso8601(when, sizeof when, res->started_at);
    put(&b, root, "started_at", cJSON_CreateString(when));
    record_iso8601(when, sizeof when, res->started_at + (time_t)floor(dur));
    put(&b, root, "ended_at", cJSON_CreateString(when));
    put(&b, root, "duration_s", cJSON_CreateNumber(dur));
    /* A result saved before the conversation reached an outcome is incomplete. */
    Outcome out = t->outcome == OUTCOME_NONE ? OUTCOME_INCOMPLETE : t->outcome;
    put(&b, root, "outcome", cJSON_CreateString(outcome_name(out)));

    put_transcript(&b, root, t, rubric);
    put_metrics(&b, root, &sc->metrics);
    put_scorecard(&b, root, res, rubric, sc);
    put_scoring(&b, root, &res->spec);

    cJSON *ver = put(&b, root, "versions", cJSON_CreateObject());
    put(&b, ver, "engine", cJSON_CreateString(KEFU_VERSION));
    put(&b, ver, "rubric", str_or_null(rubric_version(rubric)));

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

/* ------------------------------------------------------------------------ writing files */

/* mkdir -p: creates dir and its missing parents. Returns 0, or -1 with err. */
static int make_dirs(const char *dir, KefuError *err)
{
    char path[4096];
    struct stat st;
    size_t n = strlen(dir);
    if (n == 0 || n >= sizeof path) {
        kerr_set(err, "%s: bad folder name", dir);
        return -1;
    }
    memcpy(path, dir, n + 1);
    for (size_t i = 1; i <= n; i++) {
        if (path[i] != '/' && path[i] != '\0')
            continue;
        char c = path[i];
        path[i] = '\0';
        if (mkdir(path, 0755) < 0 && errno != EEXIST) {
            kerr_set(err, "%s: cannot create folder: %s", path, strerror(errno));
            return -1;
        }
        path[i] = c;
    }
    if (stat(dir, &st) < 0 || !S_ISDIR(st.st_mode)) {
        kerr_set(err, "%s: not a folder", dir);
        return -1;
    }
    return 0;
}

static int write_all(int fd, const char *buf, size_t len)
{
    while (len > 0) {
        ssize_t w = write(fd, buf, len);
        if (w < 0) {
            if (errno == EINTR)
                continue;
            return -1;
        }
        buf += w;
        len -= (size_t)w;
    }
    return 0;
}

/* Writes text to a fresh temp file made from tmpl (mkstemp template, rewritten in place),
 * fsynced and closed, with mode. Returns 0, or -1 with err (no temp file left). */
static int write_temp(char *tmpl, const char *text, mode_t mode, KefuError *err)
{
    int fd = mkstemp(tmpl);
    if (fd < 0) {
        kerr_set(err, "%s: cannot create a temporary file: %s", tmpl, strerror(errno));
        return -1;
    }
    if (write_all(fd, text, strlen(text)) < 0 || fchmod(fd, mode) < 0 || fsync(fd) < 0) {
        kerr_set(err, "%s: cannot write: %s", tmpl, strerror(errno));
        close(fd);
        unlink(tmpl);
        return -1;
    }
    if (close(fd) < 0) {
        kerr_set(err, "%s: cannot write: %s", tmpl, strerror(errno));
        unlink(tmpl);
        return -1;
    }
    return 0;
}

/* Makes a new directory entry durable. */
static int sync_dir(const char *dir, KefuError *err)
{
    int fd = open(dir, O_RDONLY | O_DIRECTORY);
    if (fd < 0 || fsync(fd) < 0) {
        /* Some file systems refuse fsync on a folder; the data itself is synced. */
        if (fd >= 0 && (errno == EINVAL || errno == ENOTSUP)) {
            close(fd);
            return 0;
        }
        kerr_set(err, "%s: cannot sync the folder: %s", dir, strerror(errno));
        if (fd >= 0)
            close(fd);
        return -1;
    }
    close(fd);
    return 0;
}

/* The json with its top-level "id" set to id (malloc'd), or a copy of json when it has no
 * string "id" to change. NULL out of memory. */
static char *json_with_id(const char *json, const char *id)
{
    cJSON *root = cJSON_Parse(json);
    cJSON *old = root ? cJSON_GetObjectItemCaseSensitive(root, "id") : NULL;
    if (!cJSON_IsString(old)) {
        cJSON_Delete(root);
        return strdup(json);
    }
    cJSON *nid = cJSON_CreateString(id);
    char *text = NULL;
    /* ReplaceItemInObject (not ViaPointer) gives the new item its key. */
    if (nid && cJSON_ReplaceItemInObjectCaseSensitive(root, "id", nid))
        text = cJSON_Print(root);
    else
        cJSON_Delete(nid);
    cJSON_Delete(root);
    if (!text)
        return NULL;
    size_t n = strlen(text);
    int nl = n > 0 && json[strlen(json) - 1] == '\n';
    char *out = malloc(n + 2);
    if (out) {
        memcpy(out, text, n);
        if (nl)
            out[n++] = '\n';
        out[n] = '\0';
    }
    cJSON_free(text);
    return out;
}

static int id_ok(const char *id)
{
    size_t n = strlen(id);
    if (n == 0 || n > 200 || id[0] == '.')
        return 0;
    for (size_t i = 0; i < n; i++)
        if (id[i] == '/' || (unsigned char)id[i] < 0x20)
            return 0;
    return 1;
}

int record_write(const char *dir_in, const char *id, const char *json, char *path_out,
                 size_t path_size, KefuError *err)
{
    char dir[4096], name[256], final[4096], tmp[4096];
    char *text = NULL;
    int tmp_made = 0;

    /* "results/" and "results" name the same folder; keep the paths written clean. */
    size_t dlen = strlen(dir_in);
    while (dlen > 1 && dir_in[dlen - 1] == '/')
        dlen--;
    if (dlen == 0 || dlen >= sizeof dir) {
        kerr_set(err, "%s: bad folder name", dir_in);
        return -1;
    }
    memcpy(dir, dir_in, dlen);
    dir[dlen] = '\0';

    if (!id_ok(id)) {
        kerr_set(err, "%s: \"%s\" cannot be a result file name", dir, id);
        return -1;
    }
    if (strlen(dir) + strlen(id) + 32 > sizeof final) {
        kerr_set(err, "%s: path too long", dir);
        return -1;
    }
    if (make_dirs(dir, err) < 0)
        return -1;

    for (int n = 1;; n++) {
        if (n > 9999) {
            kerr_set(err, "%s/%s.json: too many results with this id", dir, id);
            goto fail;
        }
        if (n == 1)
            snprintf(name, sizeof name, "%s", id);
        else
            snprintf(name, sizeof name, "%s-%d", id, n);
        /* Lengths were checked above; the test keeps the compiler's truncation check honest. */
        if (snprintf(final, sizeof final, "%s/%s.json", dir, name) >= (int)sizeof final) {
            kerr_set(err, "%s: path too long", dir);
            goto fail;
        }
        struct stat st;
        if (n > 1 && lstat(final, &st) == 0)
            continue; /* taken: no need to write a temp file to find out */

        free(text);
        text = n == 1 ? strdup(json) : json_with_id(json, name);
        if (!text) {
            kerr_set(err, "%s: out of memory", final);
            goto fail;
        }
        if (snprintf(tmp, sizeof tmp, "%s/.%s.json.XXXXXX", dir, name) >= (int)sizeof tmp) {
            kerr_set(err, "%s: path too long", dir);
            goto fail;
        }
        if (write_temp(tmp, text, 0644, err) < 0)
            goto fail;
        tmp_made = 1;

        /* link() refuses to replace an existing file, unlike rename(): two sessions that
         * end in the same second can never overwrite each other. */
        if (link(tmp, final) == 0)
            break;
        int e = errno;
        if (e == EEXIST) {
            unlink(tmp);
            tmp_made = 0;
            continue;
        }
        if (e == EPERM || e == ENOTSUP || e == ENOSYS || e == EMLINK) {
            /* A file system without hard links: claim the name exclusively, then move the
             * complete temp file over the (empty, ours) claim. */
            int fd = open(final, O_WRONLY | O_CREAT | O_EXCL, 0644);
            if (fd < 0 && errno == EEXIST) {
                unlink(tmp);
                tmp_made = 0;
                continue;
            }
            if (fd >= 0) {
                close(fd);
                if (rename(tmp, final) == 0) {
                    tmp_made = 0;
                    break;
                }
                e = errno;
                unlink(final);
            } else {
                e = errno;
            }
        }
        kerr_set(err, "%s: cannot create: %s", final, strerror(e));
        goto fail;
    }
    if (tmp_made && unlink(tmp) < 0) {
        kerr_set(err, "%s: cannot remove the temporary file: %s", tmp, strerror(errno));
        unlink(final);
        goto fail;
    }
    tmp_made = 0;
    if (sync_dir(dir, err) < 0) {
        /* Not durable: take it back rather than report a failure and leave a file. */
        unlink(final);
        goto fail;
    }
    free(text);
    if (path_out && path_size > 0)
        snprintf(path_out, path_size, "%s", final);
    return 0;
fail:
    if (tmp_made)
        unlink(tmp);
    free(text);
    return -1;
}

int record_replace(const char *path, const char *json, KefuError *err)
{
    char dir[4096], tmp[4096];
    struct stat st;
    mode_t mode = 0644;
    size_t n = strlen(path);

    if (n == 0 || n + 16 > sizeof tmp) {
        kerr_set(err, "%s: bad path", path);
        return -1;
    }
    const char *slash = strrchr(path, '/');
    const char *base = slash ? slash + 1 : path;
    if (slash == path)
        snprintf(dir, sizeof dir, "/");
    else if (slash)
        snprintf(dir, sizeof dir, "%.*s", (int)(slash - path), path);
    else
        snprintf(dir, sizeof dir, ".");
    if (stat(path, &st) == 0)
        mode = st.st_mode & 07777;
    /* The temp file sits beside the target (same folder, so rename is atomic). */
    int w = snprintf(tmp, sizeof tmp, "%.*s.%s.XXXXXX", (int)(base - path), path, base);
    if (w < 0 || (size_t)w >= sizeof tmp) {
        kerr_set(err, "%s: path too long", path);
        return -1;
    }
    if (write_temp(tmp, json, mode, err) < 0)
        return -1;
    if (rename(tmp, path) < 0) {
        kerr_set(err, "%s: cannot replace: %s", path, strerror(errno));
        unlink(tmp);
        return -1;
    }
    return sync_dir(dir, err);
}

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
        size_t next = jsonpos_child(L->buf, L->len, i, seg->key, seg->key ? strlen(seg->key) : 0,
                                    seg->index);
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

static int load_schema(Loader *L, const cJSON *root)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(root, "schema");
    if (!v)
        return lfail(L, "no \"schema\": not a kefu result file (expected \"schema\": \"%s\")",
                     RESULT_SCHEMA);
    enter_key(L, "schema");
    int rc = 0;
    if (!cJSON_IsString(v)) {
        rc = bad_type(L, v, "the string \"" RESULT_SCHEMA "\"");
    } else if (strcmp(v->valuestring, RESULT_SCHEMA) != 0) {
        const char *s = v->valuestring;
        const char *prefix = "kefu.result/";
        char *end = NULL;
        long ver = 0;
        if (strncmp(s, prefix, strlen(prefix)) == 0) {
            errno = 0;
            ver = strtol(s + strlen(prefix), &end, 10);
        }
        if (end && end != s + strlen(prefix) && *end == '\0' && ver > 1 && errno == 0)
            rc = lfail(L, "schema %s is newer than this kefu understands (%s); update kefu", s,
                       RESULT_SCHEMA);
        else {
            char got[80];
            describe(v, got, sizeof got);
            rc = lfail(L, "\"schema\" must be \"%s\"; got %s: not a kefu result file",
                       RESULT_SCHEMA, got);
        }
    }
    leave(L);
    return rc;
}

static int load_meta(Loader *L, const cJSON *root, Result *out)
{
    if (get_str(L, root, "id", 0, &out->id) < 0 ||
        get_str(L, root, "trainee", 0, &out->trainee) < 0 ||
        get_str(L, root, "mode", 0, &out->mode) < 0)
        return -1;
    if (strcmp(out->mode, "practice") != 0 && strcmp(out->mode, "exam") != 0) {
        enter_key(L, "mode");
        lfail(L, "\"mode\" must be one of practice, exam; got \"%s\"", out->mode);
        leave(L);
        return -1;
    }

    double seed;
    if (get_num(L, root, "seed", 0, 0, &seed) < 0)
        return -1;
    if (seed != floor(seed) || seed > SEED_MAX) {
        enter_key(L, "seed");
        bad_type(L, cJSON_GetObjectItemCaseSensitive(root, "seed"),
                 "a whole number from 0 to 2^53-1");
        leave(L);
        return -1;
    }
    out->seed = (unsigned long)seed;

    const cJSON *sc = get_container(L, root, "scenario", 0);
    if (!sc)
        return -1;
    enter_key(L, "scenario");
    int rc = get_str(L, sc, "id", 0, &out->scenario_id) < 0 ||
                     get_str(L, sc, "title", 1, &out->scenario_title) < 0 ||
                     get_str(L, sc, "persona", 1, &out->scenario_persona) < 0 ||
                     get_str(L, sc, "file", 1, &out->scenario_file) < 0 ||
                     get_str(L, sc, "sha256", 1, &out->scenario_sha256) < 0
                 ? -1
                 : 0;
    double difficulty = -1;
    if (rc == 0 && get_num(L, sc, "difficulty", 0, 1, &difficulty) < 0)
        rc = -1;
    out->scenario_difficulty = difficulty >= 1 && difficulty <= 5 ? (int)difficulty : 0;
    leave(L);
    if (rc < 0)
        return -1;

    char *when = NULL;
    if (get_str(L, root, "started_at", 0, &when) < 0)
        return -1;
    if (parse_iso8601(when, &out->started_at) < 0) {
        enter_key(L, "started_at");
        lfail(L, "\"started_at\" must be a UTC time like 2026-11-23T10:15:00Z; got \"%s\"", when);
        leave(L);
        free(when);
        return -1;
    }
    free(when);

    char *oc = NULL;
    if (get_str(L, root, "outcome", 0, &oc) < 0)
        return -1;
    out->transcript.outcome = outcome_parse(oc);
    if (out->transcript.outcome == OUTCOME_NONE) {
        char list[200] = "";
        for (int i = OUTCOME_NONE + 1; i < OUTCOME_COUNT; i++) {
            strcat(list, outcome_name((Outcome)i));
            if (i + 1 < OUTCOME_COUNT)
                strcat(list, ", ");
        }
        enter_key(L, "outcome");
        lfail(L, "\"outcome\" must be one of %s; got \"%s\"", list, oc);
        leave(L);
        free(oc);
        return -1;
    }
    free(oc);

    double dur;
    if (get_num(L, root, "duration_s", 0, 1, &dur) < 0)
        return -1;
    out->transcript.ended_t = dur;

    const cJSON *ver = cJSON_GetObjectItemCaseSensitive(root, "versions");
    if (ver) {
        if (!cJSON_IsObject(ver)) {
            enter_key(L, "versions");
            bad_type(L, ver, "an object");
            leave(L);
            return -1;
        }
        enter_key(L, "versions");
        rc = get_str(L, ver, "rubric", 1, &out->rubric_version) < 0 ||
                     get_str(L, ver, "engine", 1, &out->engine_version) < 0
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
    const cJSON *card = cJSON_GetObjectItemCaseSensitive(root, "scorecard");
    if (cJSON_IsObject(card)) {
        const cJSON *tot = cJSON_GetObjectItemCaseSensitive(card, "total");
        const cJSON *pass = cJSON_GetObjectItemCaseSensitive(card, "pass");
        if (cJSON_IsNumber(tot) && tot->valuedouble >= 0 && tot->valuedouble <= 100)
            out->recorded_total = (int)tot->valuedouble;
        if (cJSON_IsBool(pass))
            out->recorded_pass = cJSON_IsTrue(pass);
    }
    return 0;
}

static int load_message(Loader *L, const cJSON *mo, Transcript *t, double prev_t)
{
    static const char *const senders[] = {"customer", "agent", "system"};
    if (!cJSON_IsObject(mo))
        return bad_type(L, mo, "a message object {\"t\", \"from\", \"text\"}");

    double time;
    char *from = NULL, *text = NULL;
    if (get_num(L, mo, "t", 0, 0, &time) < 0)
        return -1;
    if (time < prev_t) {
        enter_key(L, "t");
        lfail(L, "a message's time goes backwards (%.1f s after %.1f s)", time, prev_t);
        leave(L);
        return -1;
    }
    if (get_str(L, mo, "from", 0, &from) < 0)
        return -1;
    int s = -1;
    for (int i = 0; i < 3; i++)
        if (strcmp(from, senders[i]) == 0)
            s = i;
    if (s < 0) {
        char path[200];
        enter_key(L, "from");
        path_name(L, path, sizeof path);
        lfail(L, "\"%s\" must be one of customer, agent, system; got \"%s\"", path, from);
        leave(L);
        free(from);
        return -1;
    }
    free(from);
    if (get_str(L, mo, "text", 0, &text) < 0)
        return -1;
    Message *m = transcript_add(t, time, (Sender)s, text, strlen(text));
    free(text);
    if (!m)
        return lfail(L, "out of memory");

    if (s == FROM_CUSTOMER && get_bool(L, mo, "nudge", 0, &m->nudge) < 0)
        return -1;
    if (s == FROM_AGENT) {
        if (get_num(L, mo, "wait_s", 0, 1, &m->wait_s) < 0 ||
            get_num(L, mo, "typing_s", 0, 1, &m->typing_s) < 0 ||
            get_bool(L, mo, "responding", m->wait_s >= 0, &m->responding) < 0)
            return -1;
    }
    return 0;
}

static int load_transcript(Loader *L, const cJSON *root, Transcript *t)
{
    const cJSON *arr = get_container(L, root, "transcript", 1);
    if (!arr)
        return -1;
    enter_key(L, "transcript");
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
    const cJSON *o = cJSON_GetObjectItemCaseSensitive(obj, "thresholds");
    if (!o)
        return 0; /* the rubric's, already in th */
    if (!cJSON_IsObject(o)) {
        enter_key(L, "thresholds");
        bad_type(L, o, "an object");
        leave(L);
        return -1;
    }
    struct {
        const char *key;
        double *v;
    } f[] = {{"first_response_s", &th->first_response_s},
             {"first_response_excellent_s", &th->first_response_excellent_s},
             {"reply_wait_s", &th->reply_wait_s},
             {"typing_cpm", &th->typing_cpm},
             {"long_reply_chars", &th->long_reply_chars}};
    enter_key(L, "thresholds");
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
        return bad_type(L, io, "an object {\"id\", \"weight\", \"required\"}");
    if (get_str(L, io, "id", 0, &it->id) < 0)
        return -1;
    spec->n++; /* owned by the spec from here, freed with it */
    if (L->rubric && rubric_find(L->rubric, it->id) < 0) {
        enter_key(L, "id");
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
            enter_key(L, "id");
            lfail(L, "principle \"%s\" is listed twice", it->id);
            leave(L);
            return -1;
        }
    if (get_num(L, io, "weight", 0, 0, &it->weight) < 0 ||
        get_bool(L, io, "required", 0, &it->required) < 0)
        return -1;
    return 0;
}

static int load_spec(Loader *L, const cJSON *root, ScoreSpec *spec)
{
    const cJSON *so = get_container(L, root, "scoring", 0);
    if (!so)
        return -1;
    enter_key(L, "scoring");
    int rc = -1;
    if (L->rubric)
        spec->thresholds = *rubric_thresholds(L->rubric);
    if (get_num(L, so, "pass_mark", 0, 0, &spec->pass_mark) < 0)
        goto done;

    const cJSON *arr = get_container(L, so, "principles", 1);
    if (!arr)
        goto done;
    enter_key(L, "principles");
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

    const cJSON *oc = get_container(L, so, "outcomes", 0);
    if (!oc)
        goto done;
    enter_key(L, "outcomes");
    double top = 0;
    const cJSON *ov;
    cJSON_ArrayForEach(ov, oc)
    {
        Outcome o = outcome_parse(ov->string);
        int bad = 0;
        enter_key(L, ov->string);
        if (o == OUTCOME_NONE)
            bad = lfail(L,
                        "\"scoring.outcomes\" has \"%s\": keys must be outcomes (sale, "
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
    if (cJSON_GetObjectItemCaseSensitive(so, "outcome_max")) {
        if (get_num(L, so, "outcome_max", 0, 0, &spec->outcome_max) < 0)
            goto done;
    } else {
        spec->outcome_max = top; /* as scenario files define it: the largest */
    }
    rc = load_thresholds(L, so, &spec->thresholds);
done:
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
        int known = 0;
        for (size_t i = 0; i < sizeof known_keys / sizeof known_keys[0]; i++)
            if (strcmp(v->string, known_keys[i]) == 0)
                known = 1;
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

/* A parse error: where cJSON stopped, and whether the file simply ends too soon. */
static void parse_error(Loader *L, const char *end)
{
    size_t off = end && end >= L->buf && end <= L->buf + L->len ? (size_t)(end - L->buf) : 0;
    int line, col;
    size_t rest = jsonpos_skip_ws(L->buf, L->len, off);
    jsonpos_line_col(L->buf, L->len, off, &line, &col);
    if (rest >= L->len)
        kerr_set(L->err, "%s:%d:%d: the JSON ends too soon: the file is truncated", L->path, line,
                 col);
    else
        kerr_set(L->err, "%s:%d:%d: not valid JSON here", L->path, line, col);
}

/* Whether the bad UTF-8 at byte bad is only a character that the end of the file cut short:
 * a lead byte followed by fewer continuation bytes than it announces, then nothing. */
static int cut_character(const char *buf, size_t len, size_t bad)
{
    unsigned char c = (unsigned char)buf[bad];
    size_t need = c >= 0xF0 && c <= 0xF4   ? 3
                  : c >= 0xE0 && c <= 0xEF ? 2
                  : c >= 0xC2 && c <= 0xDF ? 1
                                           : 0;
    if (need == 0 || len - bad - 1 >= need)
        return 0;
    for (size_t i = bad + 1; i < len; i++)
        if (((unsigned char)buf[i] & 0xC0) != 0x80)
            return 0;
    return 1;
}

int record_load(const char *path, const Rubric *rubric, Result *out, KefuError *err)
{
    size_t len = 0, bad = 0;
    cJSON *root = NULL;
    memset(out, 0, sizeof *out);
    char *buf = kerr_read_file(path, &len, err);
    if (!buf)
        return -1;
    Loader L = {path, buf, len, rubric, err, {{0}}, 0};

    if (len == 0 || jsonpos_skip_ws(buf, len, 0) == len) {
        kerr_set(err, "%s: the file is empty", path);
        goto fail;
    }
    if (!text_valid_utf8(buf, len, &bad)) {
        int line, col;
        jsonpos_line_col(buf, len, bad, &line, &col);
        if (cut_character(buf, len, bad))
            kerr_set(err, "%s:%d:%d: the file ends in the middle of a character: it is truncated",
                     path, line, col);
        else
            kerr_set(err, "%s: not valid UTF-8 at byte %zu (line %d)", path, bad, line);
        goto fail;
    }
    const char *end = NULL;
    /* The length includes the NUL so that trailing garbage is an error, not ignored. */
    root = cJSON_ParseWithLengthOpts(buf, len + 1, &end, 1);
    if (!root) {
        parse_error(&L, end);
        goto fail;
    }
    if (!cJSON_IsObject(root)) {
        kerr_set(err, "%s:1:1: a results file is one JSON object; this is not one", path);
        goto fail;
    }
    if (load_schema(&L, root) < 0 || load_meta(&L, root, out) < 0 ||
        load_transcript(&L, root, &out->transcript) < 0 || load_spec(&L, root, &out->spec) < 0 ||
        load_extra(&L, root, out) < 0)
        goto fail;
    /* load_meta read duration_s before the transcript existed; an unknown end is the last
     * message, as the writer assumes. */
    if (out->transcript.ended_t < 0 && out->transcript.n > 0)
        out->transcript.ended_t = out->transcript.msgs[out->transcript.n - 1].t;
    cJSON_Delete(root);
    free(buf);
    return 0;
fail:
    cJSON_Delete(root);
    free(buf);
    result_deinit(out);
    return -1;
}

/* ------------------------------------------------------------------------ rescoring */

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
