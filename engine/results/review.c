/* review: reviewers' verdicts (kefu.review/1) read, checked, appended and exported. */
#include "results/review.h"

#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cjson/cJSON.h>

#include "base/atomicfile.h"
#include "base/buf.h"
#include "base/date.h"
#include "base/platform.h"
#include "base/text.h"
#include "judge/transcript.h"
#include "results/schema.h"

#define MAX_NOTE_BYTES 2000

static const char *const verdict_names[] = {"false_alarm", "miss"};
static const char *const verdict_labels[] = {"误报", "漏报"};

const char *review_verdict_name(ReviewVerdict v)
{
    return verdict_names[v];
}

const char *review_verdict_label(ReviewVerdict v)
{
    return verdict_labels[v];
}

int review_verdict_parse(const char *name, ReviewVerdict *out)
{
    for (int i = 0; i < 2; i++)
        if (strcmp(name, verdict_names[i]) == 0) {
            *out = (ReviewVerdict)i;
            return 0;
        }
    return -1;
}

void review_deinit(Review *r)
{
    if (!r)
        return;
    free(r->result);
    free(r->file);
    free(r->principle);
    free(r->note);
    free(r->reviewer);
    free(r->at);
    free(r->reply);
    free(r->customer);
    free(r->persona);
    free(r->path);
    memset(r, 0, sizeof *r);
}

void review_set_deinit(ReviewSet *set)
{
    for (int i = 0; i < set->n; i++)
        review_deinit(&set->v[i]);
    free(set->v);
    memset(set, 0, sizeof *set);
}

/* ======================================================================================== */
/* One line of a reviews file                                                               */
/* ======================================================================================== */

static char *dup0(const char *s)
{
    return strdup(s ? s : "");
}

/* o[key] as a string copied into *out. Returns 0, or -1 with why. */
static int get_str(const cJSON *o, const char *key, int nonempty, char **out, char *why,
                   size_t size)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);
    if (!v) {
        snprintf(why, size, "\"%s\" is missing", key);
        return -1;
    }
    if (!cJSON_IsString(v) || !text_valid_utf8(v->valuestring, strlen(v->valuestring), NULL)) {
        snprintf(why, size, "\"%s\" must be a string of UTF-8 text", key);
        return -1;
    }
    if (nonempty && !v->valuestring[0]) {
        snprintf(why, size, "\"%s\" must not be empty", key);
        return -1;
    }
    if (!(*out = strdup(v->valuestring))) {
        snprintf(why, size, "out of memory");
        return -1;
    }
    return 0;
}

/* Reads one line's object into r. Returns 0, or -1 with why. */
static int from_json(const cJSON *o, Review *r, char *why, size_t size)
{
    memset(r, 0, sizeof *r);
    const cJSON *schema = cJSON_GetObjectItemCaseSensitive(o, "schema");
    if (!cJSON_IsString(schema) || strcmp(schema->valuestring, REVIEW_SCHEMA) != 0) {
        snprintf(why, size, "not a review: \"schema\" must be \"" REVIEW_SCHEMA "\"");
        return -1;
    }
    const cJSON *turn = cJSON_GetObjectItemCaseSensitive(o, "turn");
    if (!cJSON_IsNumber(turn) || turn->valuedouble < 0 || turn->valuedouble > 100000 ||
        turn->valuedouble != floor(turn->valuedouble)) {
        snprintf(why, size,
                 "\"turn\" must be a whole number from 1 (the trainee's reply), or 0 (the whole "
                 "session)");
        return -1;
    }
    r->turn = (int)turn->valuedouble;
    char *verdict = NULL;
    if (get_str(o, "result", 1, &r->result, why, size) ||
        get_str(o, "file", 1, &r->file, why, size) ||
        get_str(o, "principle", 1, &r->principle, why, size) ||
        get_str(o, "verdict", 1, &verdict, why, size))
        goto fail;
    if (review_verdict_parse(verdict, &r->verdict) != 0) {
        snprintf(why, size, "\"verdict\" must be false_alarm or miss");
        goto fail;
    }
    free(verdict);
    verdict = NULL;
    if (get_str(o, "note", 0, &r->note, why, size) ||
        get_str(o, "reviewer", 1, &r->reviewer, why, size) ||
        get_str(o, "at", 1, &r->at, why, size) || get_str(o, "reply", 0, &r->reply, why, size) ||
        get_str(o, "customer", 0, &r->customer, why, size) ||
        get_str(o, "persona", 0, &r->persona, why, size))
        goto fail;
    double t;
    int has_time;
    if (date_parse_iso8601(r->at, &t, &has_time) != 0 || !has_time) {
        snprintf(why, size, "\"at\" must be a time like 2026-12-07T03:00:00Z");
        goto fail;
    }
    const cJSON *after = cJSON_GetObjectItemCaseSensitive(o, "after");
    if (after && !cJSON_IsNull(after) && !cJSON_IsNumber(after)) {
        snprintf(why, size, "\"after\" must be a number of seconds or null");
        goto fail;
    }
    r->after = cJSON_IsNumber(after) ? after->valuedouble : -1;
    return 0;
fail:
    free(verdict);
    review_deinit(r);
    return -1;
}

int review_load(const char *path, ReviewSet *set, KefuError *err)
{
    size_t len;
    char *text = kerr_read_file(path, &len, err);
    if (!text)
        return -1;
    int n0 = set->n, lineno = 0;
    char why[300];
    /* the folder part, with its slash ("" for a file in the current folder) */
    const char *slash = strrchr(path, '/');
    slash = slash ? slash + 1 : path;
    for (char *line = text, *next; line && line < text + len; line = next) {
        next = memchr(line, '\n', (size_t)(text + len - line));
        if (next)
            *next++ = '\0';
        lineno++;
        if (!line[strspn(line, " \t\r")])
            continue;
        cJSON *o = cJSON_Parse(line);
        if (!cJSON_IsObject(o)) {
            snprintf(why, sizeof why, "not a JSON object (a reviews file holds one a line)");
            cJSON_Delete(o);
            goto bad;
        }
        if (set->n == set->cap) {
            int ncap = set->cap ? set->cap * 2 : 16;
            Review *v = realloc(set->v, (size_t)ncap * sizeof *v);
            if (!v) {
                snprintf(why, sizeof why, "out of memory");
                cJSON_Delete(o);
                goto bad;
            }
            set->v = v;
            set->cap = ncap;
        }
        Review *r = &set->v[set->n];
        int rc = from_json(o, r, why, sizeof why);
        cJSON_Delete(o);
        if (rc != 0)
            goto bad;
        set->n++;
        if (strchr(r->file, '/') || strcmp(r->file, "..") == 0) {
            snprintf(why, sizeof why, "\"file\" must be a file name in this folder, not a path");
            goto bad;
        }
        size_t need = (size_t)(slash - path) + strlen(r->file) + 2;
        if (!(r->path = malloc(need))) {
            snprintf(why, sizeof why, "out of memory");
            goto bad;
        }
        snprintf(r->path, need, "%.*s%s", (int)(slash - path), path, r->file);
    }
    free(text);
    return set->n - n0;
bad:
    kerr_set(err, "%s:%d: %s", path, lineno, why);
    while (set->n > n0)
        review_deinit(&set->v[--set->n]);
    free(text);
    return -1;
}

static int cmp_reviews(const void *pa, const void *pb)
{
    const Review *a = pa, *b = pb;
    int c = strcmp(a->path ? a->path : "", b->path ? b->path : "");
    if (!c)
        c = (a->turn > b->turn) - (a->turn < b->turn);
    if (!c)
        c = strcmp(a->principle, b->principle);
    if (!c)
        c = strcmp(a->at, b->at);
    return c;
}

void review_set_sort(ReviewSet *set)
{
    if (set->n > 1)
        qsort(set->v, (size_t)set->n, sizeof *set->v, cmp_reviews);
}

int review_find(const ReviewSet *set, const char *path, int *first)
{
    int lo = 0, hi = set->n;
    while (lo < hi) {
        int mid = lo + (hi - lo) / 2;
        if (strcmp(set->v[mid].path ? set->v[mid].path : "", path) < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    int n = 0;
    while (lo + n < set->n && set->v[lo + n].path && strcmp(set->v[lo + n].path, path) == 0)
        n++;
    *first = lo;
    return n;
}

/* ======================================================================================== */
/* A new verdict, checked against its result                                                */
/* ======================================================================================== */

/* The message index of the trainee's reply turn (from 1) in s, or -1; *replies gets how many
 * replies there are. */
static int reply_index(const ResultSummary *s, int turn, int *replies)
{
    int k = 0, at = -1;
    for (int i = 0; i < s->nmsgs; i++)
        if (s->msgs[i].from == FROM_AGENT && ++k == turn)
            at = i;
    *replies = k;
    return at;
}

/* What the customer had said before message i, as the detector read it
 * (transcript_customer_context over the same messages). NULL out of memory. */
static char *customer_context(const ResultSummary *s, int i)
{
    Transcript t = {0};
    size_t need = 1;
    for (int k = 0; k < i; k++) {
        const char *text = s->msgs[k].text;
        if (!transcript_add(&t, 0, s->msgs[k].from, text, strlen(text))) {
            transcript_deinit(&t);
            return NULL;
        }
        need += strlen(text) + 1;
    }
    /* the reply itself, so the context is read for index i */
    if (!transcript_add(&t, 0, FROM_AGENT, "", 0)) {
        transcript_deinit(&t);
        return NULL;
    }
    char *buf = malloc(need);
    if (buf)
        transcript_customer_context(&t, i, buf, need);
    transcript_deinit(&t);
    return buf;
}

int review_session_found(const ResultLine *line)
{
    return line->status == ST_VIOLATED ||
           (line->status == ST_MET && strcmp(line->kind ? line->kind : "", "violation") != 0);
}

/* Checks a verdict on the whole session (turn 0) against the scorecard's line for principle.
 * Returns 0, or -1 with err. */
static int session_verdict(const char *path, const ResultSummary *s, const char *principle,
                           ReviewVerdict verdict, KefuError *err)
{
    for (int l = 0; l < s->nlines; l++) {
        if (strcmp(s->lines[l].id, principle) != 0)
            continue;
        int found = review_session_found(&s->lines[l]);
        if (verdict == REVIEW_FALSE_ALARM && !found) {
            kerr_set(err,
                     "%s: the scorecard did not find %s in the session, so it cannot be a false "
                     "alarm (did you mean --verdict miss?)",
                     path, principle);
            return -1;
        }
        if (verdict == REVIEW_MISS && found) {
            kerr_set(err,
                     "%s: the scorecard already found %s in the session, so it cannot be a miss "
                     "(did you mean --verdict false_alarm?)",
                     path, principle);
            return -1;
        }
        return 0;
    }
    kerr_set(err, "%s: the scorecard judges no principle %s (see its \"scorecard\".\"principles\")",
             path, principle);
    return -1;
}

/* Checks a verdict on reply turn (from 1) against that reply's hits; *at gets the reply's
 * message index. Returns 0, or -1 with err. */
static int reply_verdict(const char *result_path, const ResultSummary *s, int turn,
                         const char *principle, ReviewVerdict verdict, int *at, KefuError *err)
{
    int replies, i = reply_index(s, turn, &replies);
    if (i < 0) {
        kerr_set(err, "%s: no reply %d: the trainee replied %d time%s (turns count from 1)",
                 result_path, turn, replies, replies == 1 ? "" : "s");
        return -1;
    }
    int judged = 0;
    for (int l = 0; l < s->nlines; l++)
        judged |= strcmp(s->lines[l].id, principle) == 0;
    if (!judged) {
        kerr_set(err,
                 "%s: the scorecard judges no principle %s (see its \"scorecard\".\"principles\")",
                 result_path, principle);
        return -1;
    }
    int hit = 0;
    for (int h = 0; h < s->msgs[i].nhits; h++)
        hit |= strcmp(s->msgs[i].hits[h].principle, principle) == 0;
    if (verdict == REVIEW_FALSE_ALARM && !hit) {
        kerr_set(err,
                 "%s: reply %d has no hit of %s, so it cannot be a false alarm (did you mean "
                 "--verdict miss?)",
                 result_path, turn, principle);
        return -1;
    }
    if (verdict == REVIEW_MISS && hit) {
        kerr_set(err,
                 "%s: reply %d already has a hit of %s, so it cannot be a miss (did you mean "
                 "--verdict false_alarm?)",
                 result_path, turn, principle);
        return -1;
    }
    *at = i;
    return 0;
}

int review_make(const char *result_path, int turn, const char *principle, ReviewVerdict verdict,
                const char *note, const char *reviewer, time_t now, Review *out, KefuError *err)
{
    memset(out, 0, sizeof *out);
    if (!principle[0] || !reviewer[0]) {
        kerr_set(err, "review: %s must not be empty",
                 !principle[0] ? "the principle" : "the reviewer");
        return -1;
    }
    if (strlen(note) > MAX_NOTE_BYTES) {
        kerr_set(err, "review: the note is too long (at most %d bytes)", MAX_NOTE_BYTES);
        return -1;
    }
    SchemaReader *rd = schema_reader_create();
    const ResultSummary *s = NULL;
    if (!rd) {
        kerr_set(err, "review: out of memory");
        return -1;
    }
    if (schema_read_file(rd, result_path, 1, &s, err) != 0)
        goto fail;
    int i = -1;
    if (turn == 0 ? session_verdict(result_path, s, principle, verdict, err)
                  : reply_verdict(result_path, s, turn, principle, verdict, &i, err))
        goto fail;
    char at[32], stem[256];
    date_format_utc_stamp(at, sizeof at, now);
    const char *base = strrchr(result_path, '/');
    base = base ? base + 1 : result_path;
    snprintf(stem, sizeof stem, "%s", base);
    char *dot = strrchr(stem, '.');
    if (dot)
        *dot = '\0';
    out->turn = turn;
    out->verdict = verdict;
    out->after = i >= 0 && isfinite(s->msgs[i].wait_s) ? s->msgs[i].wait_s : -1;
    out->result = dup0(s->id ? s->id : stem);
    out->file = dup0(base);
    out->principle = dup0(principle);
    out->note = dup0(note);
    out->reviewer = dup0(reviewer);
    out->at = dup0(at);
    out->reply = dup0(i >= 0 ? s->msgs[i].text : "");
    out->customer = i >= 0 ? customer_context(s, i) : dup0("");
    out->persona = dup0(s->scenario_id);
    if (!out->result || !out->file || !out->principle || !out->note || !out->reviewer || !out->at ||
        !out->reply || !out->customer || !out->persona) {
        kerr_set(err, "review: out of memory");
        goto fail;
    }
    schema_reader_destroy(rd);
    return 0;
fail:
    review_deinit(out);
    schema_reader_destroy(rd);
    return -1;
}

/* ======================================================================================== */
/* Writing                                                                                  */
/* ======================================================================================== */

/* One verdict as a JSON line (no newline), malloc'd; NULL out of memory. */
static char *to_json(const Review *r)
{
    cJSON *o = cJSON_CreateObject();
    if (!o)
        return NULL;
    cJSON_AddStringToObject(o, "schema", REVIEW_SCHEMA);
    cJSON_AddStringToObject(o, "result", r->result);
    cJSON_AddStringToObject(o, "file", r->file);
    cJSON_AddNumberToObject(o, "turn", r->turn);
    cJSON_AddStringToObject(o, "principle", r->principle);
    cJSON_AddStringToObject(o, "verdict", review_verdict_name(r->verdict));
    cJSON_AddStringToObject(o, "note", r->note);
    cJSON_AddStringToObject(o, "reviewer", r->reviewer);
    cJSON_AddStringToObject(o, "at", r->at);
    cJSON_AddStringToObject(o, "reply", r->reply);
    cJSON_AddStringToObject(o, "customer", r->customer);
    cJSON_AddStringToObject(o, "persona", r->persona);
    if (r->after >= 0)
        cJSON_AddNumberToObject(o, "after", round(r->after * 10) / 10);
    else
        cJSON_AddNullToObject(o, "after");
    char *s = cJSON_PrintUnformatted(o);
    cJSON_Delete(o);
    return s;
}

int review_append(const char *dir, const Review *r, KefuError *err)
{
    char path[4096], lock_path[4096];
    int n = snprintf(path, sizeof path, "%s/%s", dir, REVIEW_FILE);
    int m = snprintf(lock_path, sizeof lock_path, "%s/.%s.lock", dir, REVIEW_FILE);
    if (n < 0 || (size_t)n >= sizeof path || m < 0 || (size_t)m >= sizeof lock_path) {
        kerr_set(err, "%s: the path is too long", dir);
        return -1;
    }
    char *line = to_json(r);
    if (!line) {
        kerr_set(err, "review: out of memory");
        return -1;
    }
    /* The lock makes read-append-rename one step for every reviewer of this folder. */
    int lock = plat_open(lock_path, O_RDWR | O_CREAT | O_CLOEXEC, 0644);
    if (lock < 0 || plat_lock(lock, 1) != 0) {
        kerr_set(err, "%s: cannot lock: %s", lock_path, strerror(errno));
        if (lock >= 0)
            close(lock);
        cJSON_free(line);
        return -1;
    }
    int rc = -1;
    size_t len = 0;
    char *old = NULL;
    if (plat_exists(path)) {
        ReviewSet check = {0};
        /* A file that is not a reviews file is not ours to rewrite. */
        if (review_load(path, &check, err) < 0)
            goto done;
        review_set_deinit(&check);
        if (!(old = kerr_read_file(path, &len, err)))
            goto done;
    }
    AtomicFile *af = atomicfile_open(path, err);
    if (!af)
        goto done;
    FILE *f = atomicfile_stream(af);
    if (len)
        fwrite(old, 1, len, f);
    if (len && old[len - 1] != '\n')
        fputc('\n', f);
    fputs(line, f);
    fputc('\n', f);
    if (ferror(f)) {
        kerr_set(err, "%s: cannot write: %s", path, strerror(errno));
        atomicfile_abort(af);
        goto done;
    }
    rc = atomicfile_commit(af, 1, -1, err);
done:
    free(old);
    cJSON_free(line);
    plat_unlock(lock);
    close(lock);
    return rc;
}

int review_export(const ReviewSet *set, FILE *out)
{
    int written = 0;
    for (int i = 0; i < set->n; i++) {
        const Review *r = &set->v[i];
        if (r->turn == 0) /* no reply to label */
            continue;
        written++;
        cJSON *o = cJSON_CreateObject();
        char id[600];
        snprintf(id, sizeof id, "review-%s-%d-%s", r->result, r->turn, r->principle);
        cJSON_AddStringToObject(o, "id", id);
        cJSON_AddStringToObject(o, "reply", r->reply);
        if (r->customer[0])
            cJSON_AddStringToObject(o, "customer", r->customer);
        if (r->persona[0])
            cJSON_AddStringToObject(o, "persona", r->persona);
        cJSON_AddNumberToObject(o, "turn", r->turn - 1);
        if (r->after >= 0)
            cJSON_AddNumberToObject(o, "after", r->after);
        cJSON *fires = cJSON_AddArrayToObject(o, "fires");
        cJSON *not = cJSON_AddArrayToObject(o, "not");
        cJSON_AddItemToArray(r->verdict == REVIEW_MISS ? fires : not,
                             cJSON_CreateString(r->principle));
        char note[3000];
        snprintf(note, sizeof note, "%s %s (%s, %s)", review_verdict_label(r->verdict), r->note,
                 r->reviewer, r->at);
        cJSON_AddStringToObject(o, "note", note);
        char *s = cJSON_PrintUnformatted(o);
        cJSON_Delete(o);
        if (!s)
            return -1;
        fputs(s, out);
        fputc('\n', out);
        cJSON_free(s);
    }
    return ferror(out) ? -1 : written;
}
