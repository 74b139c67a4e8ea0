/* schema: a results file parsed, checked and read into a summary (its names: schema_names.c). */
#include "results/schema.h"

#include <cjson/cJSON.h>
#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/buf.h"
#include "base/date.h"
#include "base/jsonpos.h"
#include "base/platform.h"
#include "base/text.h"
#include "results/display.h"

#define MAX_FILE_BYTES (64u << 20) /* a results file is a few KB; anything this big is not one */

/* ======================================================================================== */
/* The reader's memory: reused from file to file                                             */
/* ======================================================================================== */

/* Blocks of string storage that are kept, emptied, between files: strings never move while
 * a summary is in use, and no file after the first few allocates. */
typedef struct Block {
    struct Block *next;
    size_t used, cap;
    char data[];
} Block;

struct SchemaReader {
    Block *blocks; /* the block in use first; the rest are full or waiting */
    Block *spare;  /* emptied blocks, for the next file */
    char *readbuf;
    size_t readcap;
    ResultMessage *msgs;
    int capmsgs;
    ResultHit *hits;
    int caphits;
    ResultLine *lines;
    int caplines;
    const char **ids; /* critical, then required_missed */
    int capids;
    int oom;
    ResultSummary sum;
};

SchemaReader *schema_reader_create(void)
{
    return calloc(1, sizeof(SchemaReader));
}

static void blocks_free(Block *b)
{
    while (b) {
        Block *next = b->next;
        free(b);
        b = next;
    }
}

void schema_reader_destroy(SchemaReader *rd)
{
    if (!rd)
        return;
    blocks_free(rd->blocks);
    blocks_free(rd->spare);
    free(rd->readbuf);
    free(rd->msgs);
    free(rd->hits);
    free(rd->lines);
    free(rd->ids);
    free(rd);
}

/* Empties the string storage for the next file. */
static void reader_reset(SchemaReader *rd)
{
    while (rd->blocks) {
        Block *b = rd->blocks;
        rd->blocks = b->next;
        b->used = 0;
        b->next = rd->spare;
        rd->spare = b;
    }
    rd->oom = 0;
    memset(&rd->sum, 0, sizeof rd->sum);
}

/* A copy of s (NULL stays NULL) in the reader's storage; on failure sets rd->oom and returns
 * "" so the caller reads straight through and checks once. */
static const char *keep_str(SchemaReader *rd, const char *s)
{
    if (!s)
        return NULL;
    size_t n = strlen(s);
    Block *b = rd->blocks;
    if (!b || b->cap - b->used < n + 1) {
        b = rd->spare;
        if (b && b->cap >= n + 1) {
            rd->spare = b->next;
        } else {
            size_t cap = n + 1 > 32768 ? n + 1 : 32768;
            b = malloc(sizeof *b + cap);
            if (!b) {
                rd->oom = 1;
                return "";
            }
            b->cap = cap;
            b->used = 0;
        }
        b->next = rd->blocks;
        rd->blocks = b;
    }
    char *p = b->data + b->used;
    memcpy(p, s, n + 1);
    b->used += n + 1;
    return p;
}

/* Grows *v (of *cap elements of size sz) to hold need. Returns 0, or -1 (rd->oom set). */
static int reserve(SchemaReader *rd, void **v, int *cap, int need, size_t sz)
{
    if (need <= *cap)
        return 0;
    int ncap = *cap ? *cap : 64;
    while (ncap < need)
        ncap *= 2;
    void *nv = realloc(*v, (size_t)ncap * sz);
    if (!nv) {
        rd->oom = 1;
        return -1;
    }
    *v = nv;
    *cap = ncap;
    return 0;
}

/* ======================================================================================== */
/* Checking: where in the file, and what is wrong                                           */
/* ======================================================================================== */

enum { J_MISSING = 1, J_NULL = 2, J_BOOL = 4, J_NUM = 8, J_STR = 16, J_ARR = 32, J_OBJ = 64 };

static int jkind(const cJSON *v)
{
    if (!v)
        return J_MISSING;
    if (cJSON_IsNull(v))
        return J_NULL;
    if (cJSON_IsBool(v))
        return J_BOOL;
    if (cJSON_IsNumber(v))
        return J_NUM;
    if (cJSON_IsString(v))
        return J_STR;
    if (cJSON_IsArray(v))
        return J_ARR;
    if (cJSON_IsObject(v))
        return J_OBJ;
    return 0;
}

/* The kinds of JSON value as messages name them. */
static const struct {
    int kind;
    const char *name;
} kinds[] = {{J_STR, "a string"}, {J_NUM, "a number"},  {J_BOOL, "a boolean"},
             {J_ARR, "an array"}, {J_OBJ, "an object"}, {J_NULL, "null"}};

static const char *json_type(const cJSON *v)
{
    for (size_t i = 0; i < sizeof kinds / sizeof kinds[0]; i++)
        if (kinds[i].kind == jkind(v))
            return kinds[i].name;
    return v ? "something else" : "nothing";
}

/* The file being read, for messages. */
typedef struct Src {
    const char *path;
    const char *buf;
    size_t len;
    KefuError *why;
} Src;

#if defined(__GNUC__)
__attribute__((format(printf, 3, 4)))
#endif
static int
src_fail(const Src *src, const char *jpath, const char *fmt, ...)
{
    char what[700];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(what, sizeof what, fmt, ap);
    va_end(ap);
    int line, col;
    jsonpos_line_col(src->buf, src->len, jsonpos_locate(src->buf, src->len, jpath), &line, &col);
    kerr_set(src->why, "%s:%d:%d: %s", src->path, line, col, what);
    return -1;
}

/* A short, printable excerpt of s at off (for "malformed JSON near ..."), cut on a character
 * boundary. */
static void excerpt(const char *s, size_t n, size_t off, char *out, size_t size)
{
    size_t o = 0, i = off;
    int chars = 0;
    while (i < n && chars < 12 && o + 5 < size) {
        size_t at = i;
        uint32_t c = text_next(s, n, &i);
        if (c == '\n' || c == '\r' || c == '\t' || c < 0x20) {
            out[o++] = ' ';
        } else {
            memcpy(out + o, s + at, i - at);
            o += i - at;
        }
        chars++;
    }
    while (o > 0 && out[o - 1] == ' ')
        o--;
    out[o] = '\0';
}

/* Whether the JSON text stops inside a string or with a bracket still open: a file cut short
 * (a crash while writing, a partial copy) rather than one written wrong. */
static int json_cut_short(const char *s, size_t n)
{
    int depth = 0;
    size_t i = 0;
    while (i < n) {
        char c = s[i];
        if (c == '"') {
            for (i++; i < n && s[i] != '"'; i++)
                if (s[i] == '\\')
                    i++;
            if (i >= n)
                return 1;
            i++;
            continue;
        }
        if (c == '{' || c == '[')
            depth++;
        else if (c == '}' || c == ']')
            depth--;
        i++;
    }
    return depth > 0;
}

/* o[key] (the first member of that name), or NULL. cJSON's own lookup, but checking the
 * first byte before strcmp: the report looks up every field of every message several times,
 * and this is most of its time after parsing. */
static const cJSON *field(const cJSON *o, const char *key)
{
    if (!cJSON_IsObject(o))
        return NULL;
    for (const cJSON *c = o->child; c; c = c->next)
        if (c->string && c->string[0] == key[0] && strcmp(c->string, key) == 0)
            return c;
    return NULL;
}

/* v must be one of the kinds in allowed; else a message naming jpath. */
static int check(const Src *src, const cJSON *v, int allowed, const char *jpath)
{
    if (jkind(v) & allowed)
        return 0;
    if (!v)
        return src_fail(src, jpath, "\"%s\" is missing", jpath);
    char want[96] = "";
    for (size_t i = 0; i < sizeof kinds / sizeof kinds[0]; i++) {
        if (!(allowed & kinds[i].kind))
            continue;
        if (want[0])
            strcat(want, " or ");
        strcat(want, kinds[i].name);
    }
    return src_fail(src, jpath, "\"%s\" must be %s; got %s", jpath, want, json_type(v));
}

/* A value from the file echoed in a message: at most 40 characters, control characters as
 * '?', so a hostile file cannot rewrite the terminal. */
static void echo_value(const char *s, char *out, size_t size)
{
    Buf b = {0};
    display_cut(&b, s, 40);
    snprintf(out, size, "%s", b.p && !b.oom ? b.p : "");
    buf_free(&b);
}

/* v must be one of the n names; *out receives its index. */
static int check_enum(const Src *src, const cJSON *v, const char *const *names, int n,
                      const char *jpath, int *out)
{
    if (check(src, v, J_STR, jpath))
        return -1;
    for (int i = 0; i < n; i++) {
        if (strcmp(v->valuestring, names[i]) == 0) {
            *out = i;
            return 0;
        }
    }
    char list[200] = "", got[200];
    for (int i = 0; i < n; i++) {
        if (list[0])
            strcat(list, ", ");
        strcat(list, names[i]);
    }
    echo_value(v->valuestring, got, sizeof got);
    return src_fail(src, jpath, "\"%s\" must be one of %s; got \"%s\"", jpath, list, got);
}

static int check_nonempty(const Src *src, const cJSON *v, const char *jpath)
{
    if (check(src, v, J_STR, jpath))
        return -1;
    if (!v->valuestring[0])
        return src_fail(src, jpath, "\"%s\" must not be empty", jpath);
    return 0;
}

/* The names an enumerated member may take, from their owners' tables. */
typedef struct Names {
    const char *outcome[OUTCOME_COUNT - 1]; /* sale .. incomplete */
    const char *status[ST_NA + 1];
    const char *sender[FROM_SYSTEM + 1];
} Names;

static void names_init(Names *nm)
{
    for (int i = 0; i < OUTCOME_COUNT - 1; i++)
        nm->outcome[i] = outcome_name((Outcome)(i + 1));
    for (int i = 0; i <= ST_NA; i++)
        nm->status[i] = status_name((PrincipleStatus)i);
    for (int i = 0; i <= FROM_SYSTEM; i++)
        nm->sender[i] = sender_name((Sender)i);
}

/* What check(), check_enum() and check_nonempty() accept, tested without a path: the loops
 * below test every member of every message of every file, and a member's path is formatted
 * (with AT) only when it is wrong. */
static int kind_ok(const cJSON *v, int allowed)
{
    return (jkind(v) & allowed) != 0;
}

static int enum_ok(const cJSON *v, const char *const *names, int n)
{
    for (int i = 0; cJSON_IsString(v) && i < n; i++)
        if (strcmp(v->valuestring, names[i]) == 0)
            return 1;
    return 0;
}

static int nonempty_ok(const cJSON *v)
{
    return cJSON_IsString(v) && v->valuestring[0];
}

#define AT(...) (snprintf(jp, sizeof jp, __VA_ARGS__), jp)

/* Checks the members a session is made of: who, which scenario, when, how it ended and the
 * transcript with its hits. Unknown extra members are fine. */
static int validate_session(const Src *src, const cJSON *root)
{
    char jp[96];
    int e;
    Names nm0, *nm = &nm0;
    names_init(nm);
    if (check_nonempty(src, field(root, RK_TRAINEE), RK_TRAINEE) ||
        check(src, field(root, RK_ID), J_STR | J_MISSING | J_NULL, RK_ID) ||
        check(src, field(root, RK_MODE), J_STR | J_MISSING | J_NULL, RK_MODE) ||
        check(src, field(root, RK_SEED), J_NUM | J_MISSING | J_NULL, RK_SEED) ||
        check(src, field(root, RK_SCENARIO), J_OBJ, RK_SCENARIO))
        return -1;
    const cJSON *scn = field(root, RK_SCENARIO);
    if (check_nonempty(src, field(scn, RK_ID), RK_SCENARIO "." RK_ID) ||
        check(src, field(scn, RK_TITLE), J_STR | J_MISSING | J_NULL, RK_SCENARIO "." RK_TITLE) ||
        check(src, field(scn, RK_DIFFICULTY), J_NUM | J_MISSING | J_NULL,
              RK_SCENARIO "." RK_DIFFICULTY))
        return -1;
    const cJSON *v = field(root, RK_STARTED_AT);
    double t;
    int has_time;
    if (check(src, v, J_STR, RK_STARTED_AT))
        return -1;
    if (date_parse_iso8601(v->valuestring, &t, &has_time) != 0 || !has_time) {
        char got[200];
        echo_value(v->valuestring, got, sizeof got);
        return src_fail(src, RK_STARTED_AT,
                        "\"" RK_STARTED_AT "\" must be an ISO 8601 time like 2026-11-23T10:15:00Z; "
                        "got \"%s\"",
                        got);
    }
    if (check(src, field(root, RK_ENDED_AT), J_STR | J_MISSING | J_NULL, RK_ENDED_AT) ||
        check(src, field(root, RK_DURATION_S), J_NUM | J_MISSING | J_NULL, RK_DURATION_S) ||
        check_enum(src, field(root, RK_OUTCOME), nm->outcome, OUTCOME_COUNT - 1, RK_OUTCOME, &e))
        return -1;

    const cJSON *tr = field(root, RK_TRANSCRIPT);
    if (check(src, tr, J_ARR, RK_TRANSCRIPT))
        return -1;
    int i = 0;
    for (const cJSON *m = tr->child; m; m = m->next, i++) {
        if (!kind_ok(m, J_OBJ))
            return check(src, m, J_OBJ, AT(RK_TRANSCRIPT "[%d]", i));
        static const struct {
            const char *key;
            int kinds;
        } mf[] = {
            {RK_T, J_NUM | J_NULL | J_MISSING},      {RK_TEXT, J_STR},
            {RK_WAIT_S, J_NUM | J_NULL | J_MISSING}, {RK_TYPING_S, J_NUM | J_NULL | J_MISSING},
            {RK_RESPONDING, J_BOOL | J_MISSING},     {RK_NUDGE, J_BOOL | J_MISSING},
            {RK_HITS, J_ARR | J_NULL | J_MISSING}};
        for (size_t k = 0; k < sizeof mf / sizeof mf[0]; k++) {
            const cJSON *mv = field(m, mf[k].key);
            if (!kind_ok(mv, mf[k].kinds))
                return check(src, mv, mf[k].kinds, AT(RK_TRANSCRIPT "[%d].%s", i, mf[k].key));
        }
        const cJSON *from = field(m, RK_FROM);
        if (!enum_ok(from, nm->sender, FROM_SYSTEM + 1))
            return check_enum(src, from, nm->sender, FROM_SYSTEM + 1,
                              AT(RK_TRANSCRIPT "[%d]." RK_FROM, i), &e);
        int h = 0;
        for (const cJSON *hit = cJSON_IsArray(field(m, RK_HITS)) ? field(m, RK_HITS)->child : NULL;
             hit; hit = hit->next, h++) {
            if (!kind_ok(hit, J_OBJ))
                return check(src, hit, J_OBJ, AT(RK_TRANSCRIPT "[%d]." RK_HITS "[%d]", i, h));
            const cJSON *pr = field(hit, RK_PRINCIPLE);
            if (!nonempty_ok(pr))
                return check_nonempty(src, pr,
                                      AT(RK_TRANSCRIPT "[%d]." RK_HITS "[%d]." RK_PRINCIPLE, i, h));
            static const struct {
                const char *key;
                int kinds;
            } hf[] = {{RK_START, J_NUM | J_NULL | J_MISSING},
                      {RK_END, J_NUM | J_NULL | J_MISSING},
                      {RK_EVIDENCE, J_STR | J_NULL | J_MISSING},
                      {RK_SOURCE, J_STR | J_NULL | J_MISSING},
                      {RK_KIND, J_STR | J_NULL | J_MISSING}};
            for (size_t k = 0; k < sizeof hf / sizeof hf[0]; k++) {
                const cJSON *hv = field(hit, hf[k].key);
                if (!kind_ok(hv, hf[k].kinds))
                    return check(src, hv, hf[k].kinds,
                                 AT(RK_TRANSCRIPT "[%d]." RK_HITS "[%d].%s", i, h, hf[k].key));
            }
        }
    }

    return 0;
}

/* Checks the members of how a session was scored that a summary reads: metrics, scorecard. */
static int validate_scores(const Src *src, const cJSON *root)
{
    char jp[96];
    int i, e;
    Names nm0, *nm = &nm0;
    names_init(nm);
    const cJSON *met = field(root, RK_METRICS);
    if (check(src, met, J_OBJ | J_MISSING | J_NULL, RK_METRICS))
        return -1;
    static const char *const mk[] = {RK_FIRST_RESPONSE_S, RK_AVG_RESPONSE_S, RK_MAX_RESPONSE_S,
                                     RK_TYPING_CPM,       RK_AGENT_MESSAGES, RK_WAITS_OVER};
    for (size_t k = 0; k < sizeof mk / sizeof mk[0]; k++) {
        const cJSON *v = field(met, mk[k]);
        if (!kind_ok(v, J_NUM | J_NULL | J_MISSING))
            return check(src, v, J_NUM | J_NULL | J_MISSING, AT(RK_METRICS ".%s", mk[k]));
    }

    const cJSON *sc = field(root, RK_SCORECARD);
    if (check(src, sc, J_OBJ, RK_SCORECARD) ||
        check(src, field(sc, RK_TOTAL), J_NUM, RK_SCORECARD "." RK_TOTAL) ||
        check(src, field(sc, RK_PASS), J_BOOL, RK_SCORECARD "." RK_PASS) ||
        check(src, field(sc, RK_PASS_MARK), J_NUM | J_MISSING | J_NULL,
              RK_SCORECARD "." RK_PASS_MARK) ||
        check(src, field(sc, RK_PRINCIPLES), J_ARR | J_MISSING, RK_SCORECARD "." RK_PRINCIPLES) ||
        check(src, field(sc, RK_CRITICAL), J_ARR | J_MISSING | J_NULL,
              RK_SCORECARD "." RK_CRITICAL) ||
        check(src, field(sc, RK_REQUIRED_MISSED), J_ARR | J_MISSING | J_NULL,
              RK_SCORECARD "." RK_REQUIRED_MISSED))
        return -1;
    double total = field(sc, RK_TOTAL)->valuedouble;
    if (!(total >= 0 && total <= 100))
        return src_fail(src, RK_SCORECARD "." RK_TOTAL,
                        "\"" RK_SCORECARD "." RK_TOTAL "\" must be 0 to 100; got %g", total);
    i = 0;
    for (const cJSON *p = cJSON_IsArray(field(sc, RK_PRINCIPLES)) ? field(sc, RK_PRINCIPLES)->child
                                                                  : NULL;
         p; p = p->next, i++) {
        if (!kind_ok(p, J_OBJ))
            return check(src, p, J_OBJ, AT(RK_SCORECARD "." RK_PRINCIPLES "[%d]", i));
        const cJSON *id = field(p, RK_ID), *status = field(p, RK_STATUS);
        if (!nonempty_ok(id))
            return check_nonempty(src, id, AT(RK_SCORECARD "." RK_PRINCIPLES "[%d]." RK_ID, i));
        if (!enum_ok(status, nm->status, ST_NA + 1))
            return check_enum(src, status, nm->status, ST_NA + 1,
                              AT(RK_SCORECARD "." RK_PRINCIPLES "[%d]." RK_STATUS, i), &e);
        static const char *const ps[] = {RK_NAME, RK_KIND, RK_SOURCE, RK_DETAIL, RK_LABEL};
        for (int k = 0; k < 5; k++) {
            const cJSON *v = field(p, ps[k]);
            if (!kind_ok(v, J_STR | J_NULL | J_MISSING))
                return check(src, v, J_STR | J_NULL | J_MISSING,
                             AT(RK_SCORECARD "." RK_PRINCIPLES "[%d].%s", i, ps[k]));
        }
    }
    static const char *const lists[] = {RK_CRITICAL, RK_REQUIRED_MISSED};
    for (int k = 0; k < 2; k++) {
        i = 0;
        const cJSON *l = field(sc, lists[k]);
        for (const cJSON *x = cJSON_IsArray(l) ? l->child : NULL; x; x = x->next, i++) {
            if (!kind_ok(x, J_STR))
                return check(src, x, J_STR, AT(RK_SCORECARD ".%s[%d]", lists[k], i));
        }
    }
    return 0;
}

#undef AT

/* Whether the first bad byte at bad starts a multi-byte character that the end of the file
 * cuts off: a truncated file, not a file in another encoding. */
static int cut_mid_character(const char *s, size_t n, size_t bad)
{
    unsigned char c = (unsigned char)s[bad];
    size_t need = c >= 0xc2 && c <= 0xdf   ? 2
                  : c >= 0xe0 && c <= 0xef ? 3
                  : c >= 0xf0 && c <= 0xf4 ? 4
                                           : 0;
    if (!need || n - bad >= need)
        return 0;
    for (size_t i = bad + 1; i < n; i++)
        if (((unsigned char)s[i] & 0xc0) != 0x80)
            return 0;
    return 1;
}

/* ======================================================================================== */
/* The summary: copy what readers need, so the parse can go at once                          */
/* ======================================================================================== */

static const char *str_or(const cJSON *v, const char *dflt)
{
    return cJSON_IsString(v) ? v->valuestring : dflt;
}

static double num_or(const cJSON *v, double dflt)
{
    return cJSON_IsNumber(v) ? v->valuedouble : dflt;
}

/* A standard as recorded, or 0 when it is missing or not above 0. */
static double standard(const cJSON *th, const char *key)
{
    double v = num_or(field(th, key), 0);
    return v > 0 ? v : 0;
}

/* The ids of a (checked) array of strings into rd->ids from *at on. */
static int keep_ids(SchemaReader *rd, const cJSON *arr, int *at)
{
    int start = *at;
    for (const cJSON *x = cJSON_IsArray(arr) ? arr->child : NULL; x; x = x->next) {
        if (reserve(rd, (void **)&rd->ids, &rd->capids, *at + 1, sizeof *rd->ids))
            return 0;
        rd->ids[(*at)++] = keep_str(rd, x->valuestring);
    }
    return *at - start;
}

/* Fills rd->sum from a checked document. Returns 0, or -1 out of memory. */
static int summarize(SchemaReader *rd, const char *path, const cJSON *root, int texts)
{
    ResultSummary *s = &rd->sum;
    const cJSON *scn = field(root, RK_SCENARIO), *sc = field(root, RK_SCORECARD);
    const cJSON *met = field(root, RK_METRICS), *tr = field(root, RK_TRANSCRIPT);
    const cJSON *ver = field(root, RK_VERSIONS);

    s->path = keep_str(rd, path);
    s->id = keep_str(rd, str_or(field(root, RK_ID), NULL));
    s->trainee = keep_str(rd, field(root, RK_TRAINEE)->valuestring);
    s->mode = keep_str(rd, str_or(field(root, RK_MODE), ""));
    s->scenario_id = keep_str(rd, field(scn, RK_ID)->valuestring);
    s->scenario_title = keep_str(rd, str_or(field(scn, RK_TITLE), ""));
    s->started_at = keep_str(rd, field(root, RK_STARTED_AT)->valuestring);
    s->ended_at = keep_str(rd, str_or(field(root, RK_ENDED_AT), ""));
    s->engine_version = keep_str(rd, str_or(field(ver, RK_ENGINE), ""));
    s->rubric_version = keep_str(rd, str_or(field(ver, RK_RUBRIC), ""));
    date_parse_iso8601(s->started_at, &s->started, NULL);
    s->seed = num_or(field(root, RK_SEED), NAN);
    s->difficulty = num_or(field(scn, RK_DIFFICULTY), NAN);
    s->duration_s = num_or(field(root, RK_DURATION_S), NAN);
    schema_outcome_parse(field(root, RK_OUTCOME)->valuestring, &s->outcome);
    s->total = (int)lround(field(sc, RK_TOTAL)->valuedouble);
    s->pass = cJSON_IsTrue(field(sc, RK_PASS));
    s->pass_mark = num_or(field(sc, RK_PASS_MARK), NAN);

    /* The standards: the scorecard's copy, else the scoring section's, else older files'
     * top-level ones. */
    const cJSON *th = field(sc, RK_THRESHOLDS);
    if (!cJSON_IsObject(th))
        th = field(field(root, RK_SCORING), RK_THRESHOLDS);
    if (!cJSON_IsObject(th))
        th = field(root, RK_THRESHOLDS);
    s->thresholds.first_response_s = standard(th, RK_FIRST_RESPONSE_S);
    s->thresholds.first_response_excellent_s = standard(th, RK_FIRST_RESPONSE_EXCELLENT_S);
    s->thresholds.reply_wait_s = standard(th, RK_REPLY_WAIT_S);
    s->thresholds.typing_cpm = standard(th, RK_TYPING_CPM);
    s->thresholds.long_reply_chars = standard(th, RK_LONG_REPLY_CHARS);

    const cJSON *fr = field(met, RK_FIRST_RESPONSE_S);
    s->first_response_s = num_or(fr, NAN);
    s->first_response_null = cJSON_IsNull(fr);
    s->avg_response_s = num_or(field(met, RK_AVG_RESPONSE_S), NAN);
    s->max_response_s = num_or(field(met, RK_MAX_RESPONSE_S), NAN);
    s->typing_cpm = num_or(field(met, RK_TYPING_CPM), NAN);
    s->agent_messages = (int)num_or(field(met, RK_AGENT_MESSAGES), -1);
    s->waits_over = (int)num_or(field(met, RK_WAITS_OVER), -1);

    int n = 0;
    const cJSON *ps = field(sc, RK_PRINCIPLES);
    for (const cJSON *p = cJSON_IsArray(ps) ? ps->child : NULL; p; p = p->next, n++) {
        if (reserve(rd, (void **)&rd->lines, &rd->caplines, n + 1, sizeof *rd->lines))
            return -1;
        ResultLine *l = &rd->lines[n];
        l->id = keep_str(rd, field(p, RK_ID)->valuestring);
        l->name = keep_str(rd, str_or(field(p, RK_NAME), ""));
        l->kind = keep_str(rd, str_or(field(p, RK_KIND), ""));
        l->source = keep_str(rd, str_or(field(p, RK_SOURCE), ""));
        l->detail = keep_str(rd, str_or(field(p, RK_DETAIL), ""));
        l->status = ST_MET;
        schema_status_parse(field(p, RK_STATUS)->valuestring, &l->status);
        /* what the line says happened ("没有与客户争辩"); files from before it was recorded
         * get the status's plain word, by kind */
        const char *label = str_or(field(p, RK_LABEL), NULL);
        l->label = keep_str(rd, label ? label : schema_status_label_kind(l->kind, l->status));
        l->points = num_or(field(p, RK_POINTS), NAN);
        l->max = num_or(field(p, RK_MAX), NAN);
    }
    s->lines = rd->lines;
    s->nlines = n;

    int nids = 0;
    s->ncritical = keep_ids(rd, field(sc, RK_CRITICAL), &nids);
    s->nrequired_missed = keep_ids(rd, field(sc, RK_REQUIRED_MISSED), &nids);
    s->critical = rd->ids;
    s->required_missed = rd->ids + s->ncritical;

    /* Hits go in one array for the whole file; each message's pointer is set once it no
     * longer moves. */
    int nh = 0;
    n = 0;
    for (const cJSON *m = tr->child; m; m = m->next, n++) {
        if (reserve(rd, (void **)&rd->msgs, &rd->capmsgs, n + 1, sizeof *rd->msgs))
            return -1;
        ResultMessage *msg = &rd->msgs[n];
        memset(msg, 0, sizeof *msg);
        schema_sender_parse(field(m, RK_FROM)->valuestring, &msg->from);
        msg->t = num_or(field(m, RK_T), NAN);
        msg->wait_s = num_or(field(m, RK_WAIT_S), NAN);
        msg->nudge = cJSON_IsTrue(field(m, RK_NUDGE));
        msg->responding = !cJSON_IsFalse(field(m, RK_RESPONDING));
        msg->typing_s = num_or(field(m, RK_TYPING_S), NAN);
        if (msg->from == FROM_AGENT && isfinite(msg->typing_s)) {
            const char *txt = field(m, RK_TEXT)->valuestring;
            msg->chars = (int)text_chars(txt, strlen(txt));
            msg->pasted = cJSON_IsTrue(field(m, RK_PASTED)) ||
                          scorecard_is_pasted(txt, strlen(txt), msg->typing_s);
        }
        if (!texts)
            continue;
        msg->text = keep_str(rd, field(m, RK_TEXT)->valuestring);
        const cJSON *hits = field(m, RK_HITS);
        msg->nhits = 0;
        for (const cJSON *h = cJSON_IsArray(hits) ? hits->child : NULL; h; h = h->next) {
            if (reserve(rd, (void **)&rd->hits, &rd->caphits, nh + 1, sizeof *rd->hits))
                return -1;
            ResultHit *x = &rd->hits[nh++];
            x->principle = keep_str(rd, field(h, RK_PRINCIPLE)->valuestring);
            x->name = keep_str(rd, str_or(field(h, RK_NAME), NULL));
            x->kind = keep_str(rd, str_or(field(h, RK_KIND), NULL));
            x->source = keep_str(rd, str_or(field(h, RK_SOURCE), NULL));
            x->evidence = keep_str(rd, str_or(field(h, RK_EVIDENCE), NULL));
            x->start = num_or(field(h, RK_START), NAN);
            x->end = num_or(field(h, RK_END), NAN);
            msg->nhits++;
        }
    }
    for (int i = 0, h = 0; texts && i < n; i++) {
        rd->msgs[i].hits = rd->hits + h;
        h += rd->msgs[i].nhits;
    }
    s->msgs = rd->msgs;
    s->nmsgs = n;
    s->has_text = texts;
    s->has_exam = cJSON_IsObject(field(root, RK_EXAM));
    return rd->oom ? -1 : 0;
}

/* ======================================================================================== */
/* Reading                                                                                  */
/* ======================================================================================== */

int schema_parse(const char *path, const char *buf, size_t len, cJSON **out, KefuError *why)
{
    Src src = {path, buf, len, why};
    size_t bad;
    const char *end = NULL;
    int line, col, rc = SCHEMA_BAD;
    cJSON *root = NULL;

    *out = NULL;
    if (len >= 3 && memcmp(buf, "\xef\xbb\xbf", 3) == 0) { /* tolerate a byte order mark */
        buf += 3;
        len -= 3;
        src.buf = buf;
        src.len = len;
    }
    if (jsonpos_skip_ws(buf, len, 0) == len) {
        kerr_set(why, "%s: empty file, not a results file", path);
        goto fail;
    }
    if (!text_valid_utf8(buf, len, &bad)) {
        jsonpos_line_col(buf, len, bad, &line, &col);
        if (cut_mid_character(buf, len, bad)) {
            kerr_set(why, "%s:%d:%d: truncated: the file ends in the middle of a character", path,
                     line, col);
            goto fail;
        }
        kerr_set(why, "%s:%d:%d: not valid UTF-8 (byte 0x%02x at offset %zu)", path, line, col,
                 (unsigned char)buf[bad], bad);
        goto fail;
    }
    errno = 0; /* malloc's ENOMEM tells running out of memory from malformed JSON */
    root = cJSON_ParseWithLengthOpts(buf, len, &end, 0);
    if (!root && errno == ENOMEM) {
        kerr_set(why, "%s: out of memory", path);
        rc = SCHEMA_OOM;
        goto fail;
    }
    if (!root) {
        size_t off = end ? (size_t)(end - buf) : 0;
        jsonpos_line_col(buf, len, off, &line, &col);
        if (jsonpos_skip_ws(buf, len, off) >= len || json_cut_short(buf, len)) {
            jsonpos_line_col(buf, len, len, &line, &col);
            kerr_set(why, "%s:%d:%d: truncated: the JSON ends before it is complete", path, line,
                     col);
        } else {
            char near[64];
            excerpt(buf, len, off, near, sizeof near);
            kerr_set(why, "%s:%d:%d: malformed JSON near \"%s\"", path, line, col, near);
        }
        goto fail;
    }
    if (end && jsonpos_skip_ws(buf, len, (size_t)(end - buf)) < len) {
        size_t off = jsonpos_skip_ws(buf, len, (size_t)(end - buf));
        jsonpos_line_col(buf, len, off, &line, &col);
        kerr_set(why, "%s:%d:%d: malformed JSON: text after the end of the document", path, line,
                 col);
        goto fail;
    }
    if (!cJSON_IsObject(root)) {
        kerr_set(why, "%s:1:1: not a results file: expected a JSON object, got %s", path,
                 json_type(root));
        goto fail;
    }
    const cJSON *schema = field(root, RK_SCHEMA);
    if (!cJSON_IsString(schema)) {
        src_fail(&src, RK_SCHEMA,
                 "not a kefu results file: \"" RK_SCHEMA "\" is %s (expected \"" SCHEMA_ID "\")",
                 schema ? json_type(schema) : "missing");
        goto fail;
    }
    if (strcmp(schema->valuestring, SCHEMA_ID) != 0) {
        const char *v = schema->valuestring;
        size_t np = strlen(SCHEMA_PREFIX);
        char got[200];
        echo_value(v, got, sizeof got);
        if (strncmp(v, SCHEMA_PREFIX, np) == 0 && v[np] >= '1' && v[np] <= '9' &&
            strspn(v + np, "0123456789") == strlen(v + np) && strtol(v + np, NULL, 10) > 1)
            src_fail(&src, RK_SCHEMA,
                     "future version: schema \"%s\" is newer than this kefu reads (\"" SCHEMA_ID
                     "\"); update kefu to include it",
                     got);
        else
            src_fail(&src, RK_SCHEMA, "wrong schema \"%s\" (expected \"" SCHEMA_ID "\")", got);
        goto fail;
    }
    if (validate_session(&src, root) != 0)
        goto fail;
    *out = root;
    return 0;
fail:
    cJSON_Delete(root);
    return rc;
}

int schema_read_buffer(SchemaReader *rd, const char *path, const char *buf, size_t len, int texts,
                       const ResultSummary **out, KefuError *why)
{
    cJSON *root = NULL;
    reader_reset(rd);
    *out = NULL;
    int rc = schema_parse(path, buf, len, &root, why);
    if (rc != 0)
        return rc;
    /* Positions count from after a byte order mark, as schema_parse's do. */
    if (len >= 3 && memcmp(buf, "\xef\xbb\xbf", 3) == 0) {
        buf += 3;
        len -= 3;
    }
    Src src = {path, buf, len, why};
    rc = SCHEMA_BAD;
    if (validate_scores(&src, root) != 0)
        goto done;
    if (summarize(rd, path, root, texts) != 0) {
        kerr_set(why, "%s: out of memory", path);
        rc = SCHEMA_OOM;
        goto done;
    }
    *out = &rd->sum;
    rc = 0;
done:
    cJSON_Delete(root);
    return rc;
}

int schema_read_file(SchemaReader *rd, const char *path, int texts, const ResultSummary **out,
                     KefuError *why)
{
    PlatStat st;
    size_t len = 0;
    /* Non-blocking, so a FIFO named *.json cannot hang the report (fstat rejects it below). */
    int fd = plat_open(path, O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK, 0);
    if (fd < 0) {
        kerr_set(why, "%s: cannot open: %s", path, strerror(errno));
        goto skip;
    }
    if (plat_fstat(fd, &st) != 0 || !S_ISREG(st.mode)) {
        kerr_set(why, "%s: not a regular file", path);
        close(fd);
        goto skip;
    }
    if ((unsigned long long)st.size > MAX_FILE_BYTES) {
        kerr_set(why, "%s: too large for a results file (%lld bytes)", path, (long long)st.size);
        close(fd);
        goto skip;
    }
    /* One buffer reused for every file; the size may change under us, so read to the end. */
    for (;;) {
        if (rd->readcap - len < 4096 + 1) {
            size_t ncap = rd->readcap ? rd->readcap * 2 : (size_t)st.size + 65536;
            if (ncap > MAX_FILE_BYTES + 65536u) {
                kerr_set(why, "%s: too large for a results file", path);
                close(fd);
                goto skip;
            }
            char *nb = realloc(rd->readbuf, ncap);
            if (!nb) {
                kerr_set(why, "%s: out of memory", path);
                close(fd);
                *out = NULL;
                return SCHEMA_OOM; /* not a bad file: the report must stop, not skip it */
            }
            rd->readbuf = nb;
            rd->readcap = ncap;
        }
        ssize_t got = read(fd, rd->readbuf + len, rd->readcap - len - 1);
        if (got < 0 && errno == EINTR)
            continue;
        if (got < 0) {
            kerr_set(why, "%s: read error: %s", path, strerror(errno));
            close(fd);
            goto skip;
        }
        if (got == 0)
            break;
        len += (size_t)got;
    }
    close(fd);
    rd->readbuf[len] = '\0';
    return schema_read_buffer(rd, path, rd->readbuf, len, texts, out, why);
skip:
    *out = NULL;
    return SCHEMA_BAD;
}
