/* report: HR's aggregate over a folder of results files: terminal summary, CSV and HTML. */
#include "results/report.h"

#include <assert.h>
#include <cjson/cJSON.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <unistd.h>

#include "base/jsonpos.h"
#include "base/text.h"

#define SCHEMA "kefu.result/1"
#define SCHEMA_PREFIX "kefu.result/"
#define MAX_FILE_BYTES (64u << 20) /* a results file is a few KB; anything this big is not one */
#define MAX_SKIP_NOTES 200         /* skip reasons kept for the HTML page */

enum { ST_MET_, ST_MISSED_, ST_VIOLATED_, ST_NA_ }; /* a principle's status in one session */

static const char *const status_names[] = {"met", "missed", "violated", "not_applicable"};
static const char *const outcome_names[REPORT_OUTCOMES] = {
    "", "sale", "resolved", "left", "escalated", "abandoned", "incomplete"};
static const char *const outcome_labels[REPORT_OUTCOMES] = {"未知", "成交", "解决",  "流失",
                                                            "投诉", "放弃", "未完成"};

/* ======================================================================================== */
/* Small containers: an arena for strings, a string→index map, a growable byte buffer        */
/* ======================================================================================== */

typedef struct ArenaBlock {
    struct ArenaBlock *next;
    size_t used, cap;
    char data[];
} ArenaBlock;

typedef struct Arena {
    ArenaBlock *head;
} Arena;

static void arena_free(Arena *a)
{
    ArenaBlock *b = a->head;
    while (b) {
        ArenaBlock *next = b->next;
        free(b);
        b = next;
    }
    a->head = NULL;
}

/* Copies s[0..n) plus a NUL into the arena; NULL out of memory. */
static const char *arena_strndup(Arena *a, const char *s, size_t n)
{
    ArenaBlock *b = a->head;
    if (!b || b->cap - b->used < n + 1) {
        size_t cap = n + 1 > 60000 ? n + 1 : 60000;
        b = malloc(sizeof *b + cap);
        if (!b)
            return NULL;
        b->next = a->head;
        b->used = 0;
        b->cap = cap;
        a->head = b;
    }
    char *p = b->data + b->used;
    memcpy(p, s, n);
    p[n] = '\0';
    b->used += n + 1;
    return p;
}

static const char *arena_strdup(Arena *a, const char *s)
{
    return arena_strndup(a, s, strlen(s));
}

static uint32_t hash_str(const char *s)
{
    uint32_t h = 2166136261u; /* FNV-1a */
    for (; *s; s++)
        h = (h ^ (unsigned char)*s) * 16777619u;
    return h;
}

/* Open addressing from a string (owned elsewhere) to a dense index. */
typedef struct StrMap {
    const char **keys;
    int *vals;
    size_t cap; /* a power of two, or 0 */
    size_t n;
} StrMap;

static void map_free(StrMap *m)
{
    free(m->keys);
    free(m->vals);
    memset(m, 0, sizeof *m);
}

/* The index of key, or -1. */
static int map_get(const StrMap *m, const char *key)
{
    if (!m->cap)
        return -1;
    for (size_t i = hash_str(key) & (m->cap - 1);; i = (i + 1) & (m->cap - 1)) {
        if (!m->keys[i])
            return -1;
        if (strcmp(m->keys[i], key) == 0)
            return m->vals[i];
    }
}

/* Adds key (which must stay valid) with value val; the key must not be present. Returns 0, or
 * -1 out of memory. */
static int map_put(StrMap *m, const char *key, int val)
{
    if ((m->n + 1) * 2 > m->cap) {
        size_t ncap = m->cap ? m->cap * 2 : 64;
        const char **nk = calloc(ncap, sizeof *nk);
        int *nv = calloc(ncap, sizeof *nv);
        if (!nk || !nv) {
            free(nk);
            free(nv);
            return -1;
        }
        for (size_t i = 0; i < m->cap; i++) {
            if (!m->keys[i])
                continue;
            size_t j = hash_str(m->keys[i]) & (ncap - 1);
            while (nk[j])
                j = (j + 1) & (ncap - 1);
            nk[j] = m->keys[i];
            nv[j] = m->vals[i];
        }
        free(m->keys);
        free(m->vals);
        m->keys = nk;
        m->vals = nv;
        m->cap = ncap;
    }
    size_t i = hash_str(key) & (m->cap - 1);
    while (m->keys[i])
        i = (i + 1) & (m->cap - 1);
    m->keys[i] = key;
    m->vals[i] = val;
    m->n++;
    return 0;
}

/* Returns v grown (realloc) to hold at least need elements of size sz, updating *cap; or NULL
 * out of memory, v untouched. */
static void *grow(void *v, int *cap, int need, size_t sz)
{
    if (need <= *cap)
        return v;
    int ncap = *cap ? *cap : 16;
    while (ncap < need)
        ncap *= 2;
    void *nv = realloc(v, (size_t)ncap * sz);
    if (!nv)
        return NULL;
    *cap = ncap;
    return nv;
}

typedef struct Buf {
    char *p;
    size_t n, cap;
    int oom;
} Buf;

static void buf_free(Buf *b)
{
    free(b->p);
    memset(b, 0, sizeof *b);
}

static void buf_put(Buf *b, const char *s, size_t n)
{
    if (b->oom)
        return;
    if (b->cap - b->n < n + 1) {
        size_t ncap = b->cap ? b->cap : 4096;
        while (ncap - b->n < n + 1)
            ncap *= 2;
        char *np = realloc(b->p, ncap);
        if (!np) {
            b->oom = 1;
            return;
        }
        b->p = np;
        b->cap = ncap;
    }
    memcpy(b->p + b->n, s, n);
    b->n += n;
    b->p[b->n] = '\0';
}

static void buf_puts(Buf *b, const char *s)
{
    buf_put(b, s, strlen(s));
}

#if defined(__GNUC__)
__attribute__((format(printf, 2, 3)))
#endif
static void
buf_printf(Buf *b, const char *fmt, ...)
{
    char tmp[512];
    va_list ap;
    va_start(ap, fmt);
    int k = vsnprintf(tmp, sizeof tmp, fmt, ap);
    va_end(ap);
    if (k < 0)
        return;
    if ((size_t)k < sizeof tmp) {
        buf_put(b, tmp, (size_t)k);
        return;
    }
    char *big = malloc((size_t)k + 1);
    if (!big) {
        b->oom = 1;
        return;
    }
    va_start(ap, fmt);
    vsnprintf(big, (size_t)k + 1, fmt, ap);
    va_end(ap);
    buf_put(b, big, (size_t)k);
    free(big);
}

/* Appends s[0..n) escaped for HTML text and attribute values alike (& < > " '). Control
 * characters other than tab and newline become U+FFFD, so nothing invisible slips through. */
static void buf_html(Buf *b, const char *s, size_t n)
{
    size_t run = 0;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        const char *rep = NULL;
        switch (c) {
        case '&':
            rep = "&amp;";
            break;
        case '<':
            rep = "&lt;";
            break;
        case '>':
            rep = "&gt;";
            break;
        case '"':
            rep = "&quot;";
            break;
        case '\'':
            rep = "&#39;";
            break;
        default:
            if ((c < 0x20 && c != '\n' && c != '\t') || c == 0x7f)
                rep = "\xef\xbf\xbd";
            break;
        }
        if (rep) {
            buf_put(b, s + run, i - run);
            buf_puts(b, rep);
            run = i + 1;
        }
    }
    buf_put(b, s + run, n - run);
}

static void buf_html0(Buf *b, const char *s)
{
    if (s)
        buf_html(b, s, strlen(s));
}

/* ======================================================================================== */
/* The report's state                                                                       */
/* ======================================================================================== */

/* One session's summary: what every table, chart and CSV row needs, and nothing more. */
typedef struct Row {
    const char *path, *id, *mode, *started, *ended;
    const char *critical, *required_missed, *missed_list, *violated_list;
    const char *engine_version, *rubric_version;
    int trainee;  /* index into the trainee names */
    int scenario; /* index into the scenarios */
    int ordinal;  /* read order: the drill-down anchor "s<ordinal>" */
    double t0;    /* started_at, UTC seconds */
    double seed;  /* NAN when not recorded */
    double difficulty;
    double duration_s;
    int outcome;
    int total;
    int pass;
    double pass_mark;
    double first_s, avg_s, max_s, cpm; /* NAN: unknown or no reply */
    int agent_messages, waits_over;    /* -1: not recorded */
    int first_known;                   /* first_s is a time, not "never replied" */
    double std_first, std_wait, std_cpm;
    int replies, replies_over;
    double wait_sum, wait_max;
    int met, missed, violated, na;
    int ps_off, ps_n; /* this session's principle statuses in Report.ps */
    long long html_off;
    size_t html_len;
} Row;

typedef struct PStat {
    int p;
    int st;
} PStat;

typedef struct Scenario {
    ReportScenario pub;
    double score_sum;
} Scenario;

struct Report {
    ReportOptions opt;
    Arena strings;
    Row *rows;
    int nrows, caprows;
    PStat *ps;
    int nps, capps;
    StrMap trainee_map;
    const char **trainee_names;
    int ntrainees, captrainees;
    StrMap scenario_map;
    Scenario *scenarios;
    int nscenarios, capscenarios;
    StrMap principle_map;
    ReportPrinciple *principles;
    int nprinciples, capprinciples;
    int files_read, files_skipped, next_ordinal;
    int fatal; /* out of memory or the temporary file failed: stop reading */
    const char **skip_notes;
    int nskip_notes, capskip_notes;
    char *readbuf;
    size_t readcap;
    FILE *html_tmp; /* each session's drill-down, written as it is read */
    long long html_end;
    Buf scratch;
    /* after report_finish */
    int finished;
    ReportTrainee *trainees; /* sorted by name */
    int *trainee_first_row;  /* the first row of each trainee (rows are sorted by trainee) */
    ReportTiming timing;
    double average;
    int passes;
    int pass_mark_mode; /* the most common pass mark, for the histogram */
    double t_min, t_max;
};

Report *report_create(const ReportOptions *opt, KefuError *err)
{
    Report *r = calloc(1, sizeof *r);
    if (!r) {
        kerr_set(err, "report: out of memory");
        return NULL;
    }
    if (opt)
        r->opt = *opt;
    if (r->opt.html) {
        r->html_tmp = tmpfile();
        if (!r->html_tmp) {
            kerr_set(err, "report: cannot create a temporary file for the HTML drill-down: %s",
                     strerror(errno));
            free(r);
            return NULL;
        }
    }
    return r;
}

void report_destroy(Report *r)
{
    if (!r)
        return;
    arena_free(&r->strings);
    free(r->rows);
    free(r->ps);
    map_free(&r->trainee_map);
    free(r->trainee_names);
    map_free(&r->scenario_map);
    free(r->scenarios);
    map_free(&r->principle_map);
    free(r->principles);
    free(r->skip_notes);
    free(r->readbuf);
    if (r->html_tmp)
        fclose(r->html_tmp);
    buf_free(&r->scratch);
    free(r->trainees);
    free(r->trainee_first_row);
    free(r);
}

int report_files_read(const Report *r)
{
    return r->files_read;
}

int report_files_skipped(const Report *r)
{
    return r->files_skipped;
}

int report_session_count(const Report *r)
{
    return r->nrows;
}

/* ======================================================================================== */
/* Dates, display widths                                                                    */
/* ======================================================================================== */

/* Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's days_from_civil). */
static long long days_from_civil(long long y, int m, int d)
{
    y -= m <= 2;
    long long era = (y >= 0 ? y : y - 399) / 400;
    long long yoe = y - era * 400;
    long long doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    long long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

static int digits(const char *s, int n, int *out)
{
    int v = 0;
    for (int i = 0; i < n; i++) {
        if (s[i] < '0' || s[i] > '9')
            return -1;
        v = v * 10 + (s[i] - '0');
    }
    *out = v;
    return 0;
}

/* Parses "YYYY-MM-DD", optionally followed by "THH:MM:SS", optional fraction, and "Z" or
 * "+hh:mm"/"-hh:mm". *has_time says whether a time of day was given. Returns 0 or -1. */
static int parse_iso(const char *s, double *out, int *has_time)
{
    int y, mo, d, h = 0, mi = 0, se = 0;
    double frac = 0;
    long long off = 0;
    size_t n = strlen(s);
    if (n < 10 || digits(s, 4, &y) || s[4] != '-' || digits(s + 5, 2, &mo) || s[7] != '-' ||
        digits(s + 8, 2, &d))
        return -1;
    if (mo < 1 || mo > 12 || d < 1 || d > 31)
        return -1;
    *has_time = 0;
    const char *p = s + 10;
    if (*p == 'T' || *p == 't' || *p == ' ') {
        if (strlen(p) < 9 || digits(p + 1, 2, &h) || p[3] != ':' || digits(p + 4, 2, &mi) ||
            p[6] != ':' || digits(p + 7, 2, &se))
            return -1;
        if (h > 23 || mi > 59 || se > 60)
            return -1;
        *has_time = 1;
        p += 9;
        if (*p == '.') {
            double scale = 0.1;
            p++;
            if (*p < '0' || *p > '9')
                return -1;
            while (*p >= '0' && *p <= '9') {
                frac += (*p - '0') * scale;
                scale /= 10;
                p++;
            }
        }
        if (*p == 'Z' || *p == 'z') {
            p++;
        } else if (*p == '+' || *p == '-') {
            int oh, om;
            if (strlen(p) < 6 || digits(p + 1, 2, &oh) || p[3] != ':' || digits(p + 4, 2, &om))
                return -1;
            off = (oh * 3600LL + om * 60LL) * (*p == '-' ? -1 : 1);
            p += 6;
        }
    }
    if (*p)
        return -1;
    long long secs = days_from_civil(y, mo, d) * 86400LL + h * 3600LL + mi * 60LL + se - off;
    *out = (double)secs + frac;
    return 0;
}

int report_parse_date(const char *s, int end_of_day, long long *out)
{
    double t;
    int has_time;
    if (!s || parse_iso(s, &t, &has_time) != 0)
        return -1;
    *out = (long long)floor(t);
    if (!has_time && end_of_day)
        *out += 86399;
    return 0;
}

/* "2026-11-23 10:15" (UTC) */
static void format_minute(double t, char *buf, size_t size)
{
    long long secs = (long long)floor(t);
    long long days = secs >= 0 ? secs / 86400 : (secs - 86399) / 86400;
    long long rem = secs - days * 86400;
    /* civil_from_days */
    long long z = days + 719468;
    long long era = (z >= 0 ? z : z - 146096) / 146097;
    long long doe = z - era * 146097;
    long long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    long long y = yoe + era * 400;
    long long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    long long mp = (5 * doy + 2) / 153;
    long long d = doy - (153 * mp + 2) / 5 + 1;
    long long m = mp < 10 ? mp + 3 : mp - 9;
    y += m <= 2;
    snprintf(buf, size, "%04lld-%02lld-%02lld %02lld:%02lld", y, m, d, rem / 3600, rem / 60 % 60);
}

/* East Asian wide and fullwidth ranges (Unicode EastAsianWidth W/F, abridged to the blocks
 * Chinese text uses), and the zero-width marks. */
static int cp_width(uint32_t c)
{
    if (c == 0)
        return 0;
    if ((c >= 0x300 && c <= 0x36f) || (c >= 0x200b && c <= 0x200f) ||
        (c >= 0xfe00 && c <= 0xfe0f) || (c >= 0x20d0 && c <= 0x20ff) || c == 0xfeff)
        return 0;
    if ((c >= 0x1100 && c <= 0x115f) || (c >= 0x2e80 && c <= 0x303e) ||
        (c >= 0x3041 && c <= 0x33ff) || (c >= 0x3400 && c <= 0x4dbf) ||
        (c >= 0x4e00 && c <= 0x9fff) || (c >= 0xa000 && c <= 0xa4cf) ||
        (c >= 0xac00 && c <= 0xd7a3) || (c >= 0xf900 && c <= 0xfaff) ||
        (c >= 0xfe30 && c <= 0xfe4f) || (c >= 0xff00 && c <= 0xff60) ||
        (c >= 0xffe0 && c <= 0xffe6) || (c >= 0x1f300 && c <= 0x1f64f) ||
        (c >= 0x1f900 && c <= 0x1f9ff) || (c >= 0x20000 && c <= 0x3fffd))
        return 2;
    return 1;
}

int report_display_width(const char *s, size_t n)
{
    int w = 0;
    size_t i = 0;
    while (i < n)
        w += cp_width(text_next(s, n, &i));
    return w;
}

/* Appends s to b for a terminal: control characters and bidirectional overrides (which could
 * move the cursor or reorder the line) become '?', and the text is cut with "…" so that it
 * takes at most maxw columns (maxw <= 0: no limit). Returns the columns used. */
static int buf_term(Buf *b, const char *s, int maxw)
{
    size_t n = strlen(s), i = 0;
    int w = 0;
    int total = maxw > 0 ? report_display_width(s, n) : 0;
    while (i < n) {
        size_t at = i;
        uint32_t c = text_next(s, n, &i);
        int cw = cp_width(c);
        if (maxw > 0 && total > maxw && w + cw > maxw - 1) {
            buf_puts(b, "…");
            return w + 1;
        }
        if (c < 0x20 || c == 0x7f || (c >= 0x80 && c < 0xa0) || (c >= 0x202a && c <= 0x202e) ||
            (c >= 0x2066 && c <= 0x2069) || c == 0xfffd) {
            buf_put(b, "?", 1);
            cw = 1;
        } else {
            buf_put(b, s + at, i - at);
        }
        w += cw;
    }
    return w;
}

/* ======================================================================================== */
/* Where in the file: line and column of a JSON path, for messages                          */
/* ======================================================================================== */

static const char *json_type(const cJSON *v)
{
    if (!v)
        return "nothing";
    if (cJSON_IsString(v))
        return "a string";
    if (cJSON_IsNumber(v))
        return "a number";
    if (cJSON_IsBool(v))
        return "a boolean";
    if (cJSON_IsNull(v))
        return "null";
    if (cJSON_IsArray(v))
        return "an array";
    if (cJSON_IsObject(v))
        return "an object";
    return "something else";
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

/* ======================================================================================== */
/* Reading one results file: check the shape, apply the filters, keep a summary row          */
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
    static const struct {
        int kind;
        const char *name;
    } kinds[] = {{J_STR, "a string"}, {J_NUM, "a number"},  {J_BOOL, "a boolean"},
                 {J_ARR, "an array"}, {J_OBJ, "an object"}, {J_NULL, "null"}};
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
    buf_term(&b, s, 40);
    snprintf(out, size, "%s", b.p ? b.p : "");
    buf_free(&b);
}

static int check_enum(const Src *src, const cJSON *v, const char *const *names, int n,
                      const char *jpath, int *out)
{
    if (check(src, v, J_STR, jpath))
        return -1;
    for (int i = 0; i < n; i++) {
        if (names[i][0] && strcmp(v->valuestring, names[i]) == 0) {
            *out = i;
            return 0;
        }
    }
    char list[200] = "", got[200];
    for (int i = 0; i < n; i++) {
        if (!names[i][0])
            continue;
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

static const char *const sender_names[] = {"customer", "agent", "system"};
enum { FROM_CUSTOMER_, FROM_AGENT_, FROM_SYSTEM_ };

/* Checks every field the report reads; unknown extra fields are fine. */
static int validate(const Src *src, const cJSON *root)
{
    char jp[96];
    int e;
    if (check_nonempty(src, field(root, "trainee"), "trainee") ||
        check(src, field(root, "id"), J_STR | J_MISSING | J_NULL, "id") ||
        check(src, field(root, "mode"), J_STR | J_MISSING | J_NULL, "mode") ||
        check(src, field(root, "seed"), J_NUM | J_MISSING | J_NULL, "seed") ||
        check(src, field(root, "scenario"), J_OBJ, "scenario"))
        return -1;
    const cJSON *scn = field(root, "scenario");
    if (check_nonempty(src, field(scn, "id"), "scenario.id") ||
        check(src, field(scn, "title"), J_STR | J_MISSING | J_NULL, "scenario.title") ||
        check(src, field(scn, "difficulty"), J_NUM | J_MISSING | J_NULL, "scenario.difficulty"))
        return -1;
    const cJSON *v = field(root, "started_at");
    double t;
    int has_time;
    if (check(src, v, J_STR, "started_at"))
        return -1;
    if (parse_iso(v->valuestring, &t, &has_time) != 0 || !has_time) {
        char got[200];
        echo_value(v->valuestring, got, sizeof got);
        return src_fail(src, "started_at",
                        "\"started_at\" must be an ISO 8601 time like 2026-11-23T10:15:00Z; "
                        "got \"%s\"",
                        got);
    }
    if (check(src, field(root, "ended_at"), J_STR | J_MISSING | J_NULL, "ended_at") ||
        check(src, field(root, "duration_s"), J_NUM | J_MISSING | J_NULL, "duration_s") ||
        check_enum(src, field(root, "outcome"), outcome_names, REPORT_OUTCOMES, "outcome", &e))
        return -1;

    const cJSON *tr = field(root, "transcript");
    if (check(src, tr, J_ARR, "transcript"))
        return -1;
    int i = 0;
    for (const cJSON *m = tr->child; m; m = m->next, i++) {
        snprintf(jp, sizeof jp, "transcript[%d]", i);
        if (check(src, m, J_OBJ, jp))
            return -1;
        static const struct {
            const char *key;
            int kinds;
        } mf[] = {{"t", J_NUM | J_NULL | J_MISSING},      {"text", J_STR},
                  {"wait_s", J_NUM | J_NULL | J_MISSING}, {"typing_s", J_NUM | J_NULL | J_MISSING},
                  {"responding", J_BOOL | J_MISSING},     {"nudge", J_BOOL | J_MISSING},
                  {"hits", J_ARR | J_NULL | J_MISSING}};
        for (size_t k = 0; k < sizeof mf / sizeof mf[0]; k++) {
            snprintf(jp, sizeof jp, "transcript[%d].%s", i, mf[k].key);
            if (check(src, field(m, mf[k].key), mf[k].kinds, jp))
                return -1;
        }
        snprintf(jp, sizeof jp, "transcript[%d].from", i);
        if (check_enum(src, field(m, "from"), sender_names, 3, jp, &e))
            return -1;
        int h = 0;
        for (const cJSON *hit = cJSON_IsArray(field(m, "hits")) ? field(m, "hits")->child : NULL;
             hit; hit = hit->next, h++) {
            snprintf(jp, sizeof jp, "transcript[%d].hits[%d]", i, h);
            if (check(src, hit, J_OBJ, jp))
                return -1;
            snprintf(jp, sizeof jp, "transcript[%d].hits[%d].principle", i, h);
            if (check_nonempty(src, field(hit, "principle"), jp))
                return -1;
            static const char *const hk[] = {"start", "end"};
            for (int k = 0; k < 2; k++) {
                snprintf(jp, sizeof jp, "transcript[%d].hits[%d].%s", i, h, hk[k]);
                if (check(src, field(hit, hk[k]), J_NUM | J_NULL | J_MISSING, jp))
                    return -1;
            }
            static const char *const hs[] = {"evidence", "source", "kind"};
            for (int k = 0; k < 3; k++) {
                snprintf(jp, sizeof jp, "transcript[%d].hits[%d].%s", i, h, hs[k]);
                if (check(src, field(hit, hs[k]), J_STR | J_NULL | J_MISSING, jp))
                    return -1;
            }
        }
    }

    const cJSON *met = field(root, "metrics");
    if (check(src, met, J_OBJ | J_MISSING | J_NULL, "metrics"))
        return -1;
    static const char *const mk[] = {"first_response_s", "avg_response_s", "max_response_s",
                                     "typing_cpm",       "agent_messages", "waits_over"};
    for (size_t k = 0; k < sizeof mk / sizeof mk[0]; k++) {
        snprintf(jp, sizeof jp, "metrics.%s", mk[k]);
        if (check(src, field(met, mk[k]), J_NUM | J_NULL | J_MISSING, jp))
            return -1;
    }

    const cJSON *sc = field(root, "scorecard");
    if (check(src, sc, J_OBJ, "scorecard") ||
        check(src, field(sc, "total"), J_NUM, "scorecard.total") ||
        check(src, field(sc, "pass"), J_BOOL, "scorecard.pass") ||
        check(src, field(sc, "pass_mark"), J_NUM | J_MISSING | J_NULL, "scorecard.pass_mark") ||
        check(src, field(sc, "principles"), J_ARR | J_MISSING, "scorecard.principles") ||
        check(src, field(sc, "critical"), J_ARR | J_MISSING | J_NULL, "scorecard.critical") ||
        check(src, field(sc, "required_missed"), J_ARR | J_MISSING | J_NULL,
              "scorecard.required_missed"))
        return -1;
    double total = field(sc, "total")->valuedouble;
    if (!(total >= 0 && total <= 100))
        return src_fail(src, "scorecard.total", "\"scorecard.total\" must be 0 to 100; got %g",
                        total);
    i = 0;
    for (const cJSON *p = cJSON_IsArray(field(sc, "principles")) ? field(sc, "principles")->child
                                                                 : NULL;
         p; p = p->next, i++) {
        snprintf(jp, sizeof jp, "scorecard.principles[%d]", i);
        if (check(src, p, J_OBJ, jp))
            return -1;
        snprintf(jp, sizeof jp, "scorecard.principles[%d].id", i);
        if (check_nonempty(src, field(p, "id"), jp))
            return -1;
        snprintf(jp, sizeof jp, "scorecard.principles[%d].status", i);
        if (check_enum(src, field(p, "status"), status_names, 4, jp, &e))
            return -1;
        static const char *const ps[] = {"name", "kind", "source", "detail"};
        for (int k = 0; k < 4; k++) {
            snprintf(jp, sizeof jp, "scorecard.principles[%d].%s", i, ps[k]);
            if (check(src, field(p, ps[k]), J_STR | J_NULL | J_MISSING, jp))
                return -1;
        }
    }
    static const char *const lists[] = {"critical", "required_missed"};
    for (int k = 0; k < 2; k++) {
        i = 0;
        const cJSON *l = field(sc, lists[k]);
        for (const cJSON *x = cJSON_IsArray(l) ? l->child : NULL; x; x = x->next, i++) {
            snprintf(jp, sizeof jp, "scorecard.%s[%d]", lists[k], i);
            if (check(src, x, J_STR, jp))
                return -1;
        }
    }
    return 0;
}

static const char *str_or(const cJSON *v, const char *dflt)
{
    return cJSON_IsString(v) ? v->valuestring : dflt;
}

static double num_or(const cJSON *v, double dflt)
{
    return cJSON_IsNumber(v) ? v->valuedouble : dflt;
}

/* Whether the filters keep this (valid) session. */
static int keep(const Report *r, const cJSON *root)
{
    const ReportOptions *o = &r->opt;
    if (o->ntrainees > 0) {
        const char *name = field(root, "trainee")->valuestring;
        int found = 0;
        for (int i = 0; i < o->ntrainees && !found; i++)
            found = strcmp(o->trainees[i], name) == 0;
        if (!found)
            return 0;
    }
    if (o->scenario && strcmp(o->scenario, field(field(root, "scenario"), "id")->valuestring))
        return 0;
    if (o->mode && strcmp(o->mode, str_or(field(root, "mode"), "")) != 0)
        return 0;
    if (o->has_since || o->has_until) {
        double t;
        int has_time;
        parse_iso(field(root, "started_at")->valuestring, &t, &has_time);
        if (o->has_since && t < (double)o->since)
            return 0;
        if (o->has_until && t >= (double)o->until + 1)
            return 0;
    }
    return 1;
}

static int intern_trainee(Report *r, const char *name)
{
    int i = map_get(&r->trainee_map, name);
    if (i >= 0)
        return i;
    const char *k = arena_strdup(&r->strings, name);
    const char **v = grow(r->trainee_names, &r->captrainees, r->ntrainees + 1, sizeof *v);
    if (!k || !v)
        return -1;
    r->trainee_names = v;
    if (map_put(&r->trainee_map, k, r->ntrainees))
        return -1;
    v[r->ntrainees] = k;
    return r->ntrainees++;
}

static int intern_scenario(Report *r, const char *id, const char *title)
{
    int i = map_get(&r->scenario_map, id);
    if (i >= 0) {
        if (!r->scenarios[i].pub.title[0] && title[0]) {
            const char *t = arena_strdup(&r->strings, title);
            if (!t)
                return -1;
            r->scenarios[i].pub.title = t;
        }
        return i;
    }
    const char *k = arena_strdup(&r->strings, id);
    const char *t = arena_strdup(&r->strings, title);
    Scenario *v = grow(r->scenarios, &r->capscenarios, r->nscenarios + 1, sizeof *v);
    if (!k || !t || !v)
        return -1;
    r->scenarios = v;
    if (map_put(&r->scenario_map, k, r->nscenarios))
        return -1;
    memset(&v[r->nscenarios], 0, sizeof *v);
    v[r->nscenarios].pub.id = k;
    v[r->nscenarios].pub.title = t;
    return r->nscenarios++;
}

/* Fills an empty descriptive field of a principle from a later session that recorded it. */
static int fill(Report *r, const char **slot, const char *value)
{
    if ((*slot)[0] || !value || !value[0])
        return 0;
    const char *v = arena_strdup(&r->strings, value);
    if (!v)
        return -1;
    *slot = v;
    return 0;
}

static int intern_principle(Report *r, const cJSON *p)
{
    const char *id = field(p, "id")->valuestring;
    int i = map_get(&r->principle_map, id);
    if (i < 0) {
        const char *k = arena_strdup(&r->strings, id);
        ReportPrinciple *v = grow(r->principles, &r->capprinciples, r->nprinciples + 1, sizeof *v);
        if (!k || !v)
            return -1;
        r->principles = v;
        if (map_put(&r->principle_map, k, r->nprinciples))
            return -1;
        i = r->nprinciples++;
        memset(&v[i], 0, sizeof *v);
        v[i].id = k;
        v[i].name = v[i].kind = v[i].source = "";
    }
    ReportPrinciple *rp = &r->principles[i];
    if (fill(r, &rp->name, str_or(field(p, "name"), NULL)) ||
        fill(r, &rp->kind, str_or(field(p, "kind"), NULL)) ||
        fill(r, &rp->source, str_or(field(p, "source"), NULL)))
        return -1;
    return i;
}

/* The name to show for a principle id: its Chinese name when some session recorded one. */
static const char *principle_label(const Report *r, const char *id)
{
    int i = map_get(&r->principle_map, id);
    if (i >= 0 && r->principles[i].name[0])
        return r->principles[i].name;
    return id;
}

/* A hit's label: its recorded Chinese name, else the cohort's name for the id, else the id. */
static const char *hit_label(const Report *r, const cJSON *hit)
{
    const char *name = str_or(field(hit, "name"), NULL);
    return name && name[0] ? name : principle_label(r, field(hit, "principle")->valuestring);
}

/* "a;b;c" from an array of strings, in the arena ("" when none). */
static const char *join_list(Report *r, const cJSON *arr)
{
    Buf *b = &r->scratch;
    b->n = 0;
    buf_put(b, "", 0);
    for (const cJSON *x = cJSON_IsArray(arr) ? arr->child : NULL; x; x = x->next) {
        if (b->n)
            buf_put(b, ";", 1);
        buf_puts(b, x->valuestring);
    }
    if (b->oom)
        return NULL;
    return arena_strndup(&r->strings, b->p, b->n);
}

static const char *dup_or_empty(Report *r, const char *s)
{
    return arena_strdup(&r->strings, s ? s : "");
}

/* ---- The drill-down: one session's transcript as HTML ---------------------------------- */

/* Appends a non-negative integer without printf (the drill-down writes millions of them). */
static void buf_uint(Buf *b, unsigned long long v)
{
    char tmp[24];
    int i = (int)sizeof tmp;
    do {
        tmp[--i] = (char)('0' + v % 10);
        v /= 10;
    } while (v);
    buf_put(b, tmp + i, sizeof tmp - (size_t)i);
}

/* v with one decimal ("4.2"), for v >= 0. */
static void buf_tenths(Buf *b, double v)
{
    unsigned long long t = (unsigned long long)llround(v * 10);
    buf_uint(b, t / 10);
    char frac[2] = {'.', (char)('0' + t % 10)};
    buf_put(b, frac, 2);
}

/* v as %g would print it; whole numbers (the usual points) without printf. */
static void buf_num(Buf *b, double v)
{
    if (v >= 0 && v < 1e15 && v == floor(v))
        buf_uint(b, (unsigned long long)v);
    else
        buf_printf(b, "%g", v);
}

static void html_clock(Buf *b, double t)
{
    if (!isfinite(t) || t < 0 || t > 1e12)
        return;
    unsigned long long s = (unsigned long long)floor(t);
    buf_uint(b, s / 60);
    char sec[3] = {':', (char)('0' + s % 60 / 10), (char)('0' + s % 10)};
    buf_put(b, sec, 3);
}

static int on_boundary(const char *s, size_t n, size_t off)
{
    return off == 0 || off >= n || ((unsigned char)s[off] & 0xc0) != 0x80;
}

/* The span [*a, *b) of text a hit's evidence covers. Offsets that are valid byte offsets on
 * character boundaries are used as recorded; otherwise the recorded evidence string is looked
 * up in the text (not found: no span); with no evidence recorded, the offsets are clamped to
 * the text and widened to whole characters. Returns 0 when no sensible span remains. */
static int hit_span(const char *s, size_t n, const cJSON *hit, size_t *a, size_t *b)
{
    double ds = num_or(field(hit, "start"), NAN), de = num_or(field(hit, "end"), NAN);
    if (isfinite(ds) && isfinite(de) && ds >= 0 && de <= (double)n && ds < de && ds == floor(ds) &&
        de == floor(de) && on_boundary(s, n, (size_t)ds) && on_boundary(s, n, (size_t)de)) {
        *a = (size_t)ds;
        *b = (size_t)de;
        return 1;
    }
    const char *ev = str_or(field(hit, "evidence"), "");
    if (ev[0]) { /* the recorded words are the better witness; absent, nothing is marked */
        const char *found = strstr(s, ev);
        if (!found)
            return 0;
        *a = (size_t)(found - s);
        *b = *a + strlen(ev);
        return 1;
    }
    if (!isfinite(ds) || !isfinite(de))
        return 0;
    double ca = ds < 0 ? 0 : ds > (double)n ? (double)n : floor(ds);
    double cb = de < 0 ? 0 : de > (double)n ? (double)n : ceil(de);
    size_t x = (size_t)ca, y = (size_t)cb;
    while (x > 0 && !on_boundary(s, n, x))
        x--;
    while (y < n && !on_boundary(s, n, y))
        y++;
    if (x >= y)
        return 0;
    *a = x;
    *b = y;
    return 1;
}

static int hit_is_violation(const Report *r, const cJSON *hit)
{
    const char *kind = str_or(field(hit, "kind"), NULL);
    if (!kind) {
        int i = map_get(&r->principle_map, field(hit, "principle")->valuestring);
        kind = i >= 0 ? r->principles[i].kind : "";
    }
    return strcmp(kind, "violation") == 0;
}

#define MAX_MARKS 32

/* The message text with each hit's evidence inside <mark>; overlapping hits split the text
 * into segments, each marked with every hit covering it. */
static void html_marked_text(const Report *r, Buf *b, const char *s, const cJSON *hits)
{
    size_t n = strlen(s);
    size_t sa[MAX_MARKS], sb[MAX_MARKS], cuts[2 * MAX_MARKS + 2];
    const cJSON *sh[MAX_MARKS];
    int nspan = 0, ncut = 0;
    for (const cJSON *h = cJSON_IsArray(hits) ? hits->child : NULL; h && nspan < MAX_MARKS;
         h = h->next) {
        if (hit_span(s, n, h, &sa[nspan], &sb[nspan])) {
            sh[nspan] = h;
            cuts[ncut++] = sa[nspan];
            cuts[ncut++] = sb[nspan];
            nspan++;
        }
    }
    cuts[ncut++] = 0;
    cuts[ncut++] = n;
    for (int i = 1; i < ncut; i++) /* insertion sort: a handful of cuts */
        for (int j = i; j > 0 && cuts[j - 1] > cuts[j]; j--) {
            size_t t = cuts[j];
            cuts[j] = cuts[j - 1];
            cuts[j - 1] = t;
        }
    for (int i = 0; i + 1 < ncut; i++) {
        size_t x = cuts[i], y = cuts[i + 1];
        if (x >= y)
            continue;
        int cover = 0, viol = 0;
        for (int k = 0; k < nspan; k++)
            if (sa[k] <= x && y <= sb[k]) {
                cover++;
                viol |= hit_is_violation(r, sh[k]);
            }
        if (!cover) {
            buf_html(b, s + x, y - x);
            continue;
        }
        buf_puts(b, viol ? "<mark class=\"v\" title=\"" : "<mark class=\"t\" title=\"");
        int first = 1;
        for (int k = 0; k < nspan; k++)
            if (sa[k] <= x && y <= sb[k]) {
                if (!first)
                    buf_puts(b, "、");
                buf_html0(b, hit_label(r, sh[k]));
                first = 0;
            }
        buf_puts(b, "\">");
        buf_html(b, s + x, y - x);
        buf_puts(b, "</mark>");
    }
}

static void html_hits(const Report *r, Buf *b, const char *s, const cJSON *hits)
{
    if (!cJSON_IsArray(hits) || !hits->child)
        return;
    size_t n = strlen(s);
    buf_puts(b, "<ul class=\"hits\">");
    for (const cJSON *h = hits->child; h; h = h->next) {
        const char *id = field(h, "principle")->valuestring;
        size_t a, e;
        int ok = hit_span(s, n, h, &a, &e);
        buf_puts(b, hit_is_violation(r, h) ? "<li class=\"v\"><b>" : "<li class=\"t\"><b>");
        buf_html0(b, hit_label(r, h));
        buf_puts(b, "</b> <q>");
        const char *ev = str_or(field(h, "evidence"), NULL);
        if (ev && ev[0])
            buf_html0(b, ev);
        else if (ok)
            buf_html(b, s + a, e - a);
        buf_puts(b, "</q>");
        if (!ok)
            buf_puts(b, " <i>（位置无效）</i>");
        const char *src = str_or(field(h, "source"), NULL);
        if (!src || !src[0]) {
            int i = map_get(&r->principle_map, id);
            src = i >= 0 ? r->principles[i].source : "";
        }
        if (src[0]) {
            buf_puts(b, "<cite>手册 ");
            buf_html0(b, src);
            buf_puts(b, "</cite>");
        }
        buf_puts(b, "</li>");
    }
    buf_puts(b, "</ul>");
}

static const char *mode_label(const char *mode)
{
    if (strcmp(mode, "exam") == 0)
        return "考试";
    if (strcmp(mode, "practice") == 0)
        return "练习";
    return mode;
}

static void html_session(const Report *r, Buf *b, const Row *row, const cJSON *root)
{
    char when[80];
    const Scenario *scn = &r->scenarios[row->scenario];
    format_minute(row->t0, when, sizeof when);
    buf_printf(b, "<details class=\"ses\" id=\"s%d\"><summary><span class=\"when\">%s</span>",
               row->ordinal, when);
    buf_puts(b, "<span class=\"scn\">");
    buf_html0(b, scn->pub.title[0] ? scn->pub.title : scn->pub.id);
    buf_puts(b, "</span><span class=\"mode\">");
    buf_html0(b, mode_label(row->mode));
    buf_printf(b, "</span><span class=\"score %s\">%d</span><span class=\"oc o%d\">%s</span>",
               row->pass ? "ok" : "no", row->total, row->outcome, outcome_labels[row->outcome]);
    buf_puts(b, "</summary><div class=\"meta\">场景 ");
    buf_html0(b, scn->pub.id);
    if (isfinite(row->duration_s))
        buf_printf(b, " · 用时 %d分%02d秒", (int)(row->duration_s / 60),
                   (int)fmod(row->duration_s, 60));
    if (row->first_known)
        buf_printf(b, " · 首次响应 %.1f 秒", row->first_s);
    else
        buf_puts(b, " · 未回复");
    if (row->replies)
        buf_printf(b, " · 平均等待 %.1f 秒", row->wait_sum / row->replies);
    buf_printf(b, " · 及格线 %g", row->pass_mark);
    buf_puts(b, " · 编号 ");
    buf_html0(b, row->id);
    buf_puts(b, " · 文件 ");
    buf_html0(b, row->path);
    buf_puts(b, "</div>");

    const cJSON *sc = field(root, "scorecard");
    static const char *const lists[] = {"critical", "required_missed"};
    static const char *const heads[] = {"严重违规：", "必备技巧未达成："};
    for (int k = 0; k < 2; k++) {
        const cJSON *l = field(sc, lists[k]);
        if (!cJSON_IsArray(l) || !l->child)
            continue;
        buf_printf(b, "<p class=\"crit\">%s", heads[k]);
        for (const cJSON *x = l->child; x; x = x->next) {
            buf_html0(b, principle_label(r, x->valuestring));
            if (x->next)
                buf_puts(b, "、");
        }
        buf_puts(b, "</p>");
    }
    const cJSON *ps = field(sc, "principles");
    if (cJSON_IsArray(ps) && ps->child) {
        static const char *const cls[] = {"met", "mis", "vio", "na"};
        static const char *const lab[] = {"达成", "未达成", "违反", "不适用"};
        buf_puts(b, "<div class=\"chips\">");
        for (const cJSON *p = ps->child; p; p = p->next) {
            int st = 0;
            const char *sv = field(p, "status")->valuestring;
            for (int k = 0; k < 4; k++)
                if (strcmp(sv, status_names[k]) == 0)
                    st = k;
            buf_puts(b, "<span class=\"chip ");
            buf_puts(b, cls[st]);
            buf_puts(b, "\" title=\"");
            buf_puts(b, lab[st]);
            const char *detail = str_or(field(p, "detail"), ""),
                       *src = str_or(field(p, "source"), "");
            if (src[0]) {
                buf_puts(b, " · 手册 ");
                buf_html0(b, src);
            }
            if (detail[0]) {
                buf_puts(b, " · ");
                buf_html0(b, detail);
            }
            buf_puts(b, "\">");
            buf_html0(b, principle_label(r, field(p, "id")->valuestring));
            double pts = num_or(field(p, "points"), NAN), max = num_or(field(p, "max"), NAN);
            if (isfinite(pts) && isfinite(max)) {
                buf_puts(b, " <small>");
                buf_num(b, pts);
                buf_put(b, "/", 1);
                buf_num(b, max);
                buf_puts(b, "</small>");
            }
            buf_puts(b, "</span>");
        }
        buf_puts(b, "</div>");
    }

    static const char *const who[] = {"顾客", "客服", "系统"};
    static const char *const wcls[] = {"c", "a", "y"};
    buf_puts(b, "<ol class=\"tr\">");
    for (const cJSON *m = field(root, "transcript")->child; m; m = m->next) {
        int from = 0;
        const char *fs = field(m, "from")->valuestring;
        for (int k = 0; k < 3; k++)
            if (strcmp(fs, sender_names[k]) == 0)
                from = k;
        const char *text = field(m, "text")->valuestring;
        buf_puts(b, "<li class=\"m ");
        buf_puts(b, wcls[from]);
        buf_puts(b, "\"><div class=\"who\">");
        buf_puts(b, who[from]);
        buf_puts(b, " <time>");
        html_clock(b, num_or(field(m, "t"), NAN));
        buf_puts(b, "</time>");
        if (cJSON_IsTrue(field(m, "nudge")))
            buf_puts(b, " <span class=\"nudge\">催促</span>");
        double wait = num_or(field(m, "wait_s"), NAN);
        if (from == FROM_AGENT_ && isfinite(wait) && wait >= 0 && wait < 1e12 &&
            !cJSON_IsFalse(field(m, "responding"))) {
            buf_puts(b, wait > row->std_wait ? " <span class=\"wait over\">顾客等了 "
                                             : " <span class=\"wait\">顾客等了 ");
            buf_tenths(b, wait);
            buf_puts(b, " 秒</span>");
        }
        buf_puts(b, "</div><div class=\"bub\">");
        const cJSON *hits = field(m, "hits");
        if (from == FROM_AGENT_)
            html_marked_text(r, b, text, hits);
        else
            buf_html0(b, text);
        buf_puts(b, "</div>");
        if (from == FROM_AGENT_)
            html_hits(r, b, text, hits);
        buf_puts(b, "</li>");
    }
    buf_puts(b, "</ol></details>\n");
}

/* ---- The summary row --------------------------------------------------------------------- */

/* Keeps one valid, kept session: its row, its principle statuses and its drill-down. Returns
 * 0, or -1 out of memory or when the drill-down cannot be written (why says which). */
static int extract(Report *r, const Src *src, const cJSON *root)
{
    Row *rows = grow(r->rows, &r->caprows, r->nrows + 1, sizeof *rows);
    if (!rows)
        goto oom;
    r->rows = rows;
    Row *row = &rows[r->nrows];
    memset(row, 0, sizeof *row);

    const cJSON *scn = field(root, "scenario"), *sc = field(root, "scorecard");
    const cJSON *met = field(root, "metrics"), *tr = field(root, "transcript");
    int has_time;
    row->trainee = intern_trainee(r, field(root, "trainee")->valuestring);
    row->scenario =
        intern_scenario(r, field(scn, "id")->valuestring, str_or(field(scn, "title"), ""));
    if (row->trainee < 0 || row->scenario < 0)
        goto oom;
    row->ordinal = r->next_ordinal++;
    parse_iso(field(root, "started_at")->valuestring, &row->t0, &has_time);
    row->seed = num_or(field(root, "seed"), NAN);
    row->difficulty = num_or(field(scn, "difficulty"), NAN);
    row->duration_s = num_or(field(root, "duration_s"), NAN);
    check_enum(src, field(root, "outcome"), outcome_names, REPORT_OUTCOMES, "outcome",
               &row->outcome);
    row->total = (int)lround(field(sc, "total")->valuedouble);
    row->pass = cJSON_IsTrue(field(sc, "pass"));
    row->pass_mark = num_or(field(sc, "pass_mark"), 80);

    /* The standards: the ones the file recorded, else the handbook's. */
    row->std_first = REPORT_FIRST_RESPONSE_S;
    row->std_wait = REPORT_REPLY_WAIT_S;
    row->std_cpm = REPORT_TYPING_CPM;
    const cJSON *th = field(sc, "thresholds");
    if (!cJSON_IsObject(th))
        th = field(root, "thresholds");
    if (num_or(field(th, "first_response_s"), 0) > 0)
        row->std_first = field(th, "first_response_s")->valuedouble;
    if (num_or(field(th, "reply_wait_s"), 0) > 0)
        row->std_wait = field(th, "reply_wait_s")->valuedouble;
    if (num_or(field(th, "typing_cpm"), 0) > 0)
        row->std_cpm = field(th, "typing_cpm")->valuedouble;

    /* Waits, counted from the transcript itself. */
    double first_customer = NAN, first_agent = NAN;
    int agents = 0;
    for (const cJSON *m = tr->child; m; m = m->next) {
        const char *from = field(m, "from")->valuestring;
        double t = num_or(field(m, "t"), NAN);
        if (strcmp(from, "customer") == 0) {
            if (isnan(first_customer))
                first_customer = t;
            continue;
        }
        if (strcmp(from, "agent") != 0)
            continue;
        agents++;
        if (isnan(first_agent))
            first_agent = t;
        double w = num_or(field(m, "wait_s"), NAN);
        if (cJSON_IsFalse(field(m, "responding")) || !isfinite(w) || w < 0)
            continue;
        row->replies++;
        row->wait_sum += w;
        if (w > row->wait_max)
            row->wait_max = w;
        if (w > row->std_wait)
            row->replies_over++;
    }
    const cJSON *fr = field(met, "first_response_s");
    if (cJSON_IsNumber(fr)) {
        row->first_s = fr->valuedouble;
        row->first_known = 1;
    } else if (!fr && agents > 0 && isfinite(first_agent) && isfinite(first_customer)) {
        row->first_s = first_agent - first_customer; /* older files without metrics */
        row->first_known = row->first_s >= 0;
    } else {
        row->first_s = NAN;
    }
    row->avg_s = num_or(field(met, "avg_response_s"), NAN);
    row->max_s = num_or(field(met, "max_response_s"), NAN);
    row->cpm = num_or(field(met, "typing_cpm"), NAN);
    row->agent_messages = (int)num_or(field(met, "agent_messages"), agents);
    row->waits_over = (int)num_or(field(met, "waits_over"), row->replies_over);

    /* Principles: interned in first-seen order, one status per session. */
    Buf missed = {0}, violated = {0};
    row->ps_off = r->nps;
    const cJSON *ps = field(sc, "principles");
    for (const cJSON *p = cJSON_IsArray(ps) ? ps->child : NULL; p; p = p->next) {
        int pi = intern_principle(r, p);
        PStat *v = grow(r->ps, &r->capps, r->nps + 1, sizeof *v);
        if (pi < 0 || !v) {
            buf_free(&missed);
            buf_free(&violated);
            goto oom;
        }
        r->ps = v;
        int st = ST_MET_;
        check_enum(src, field(p, "status"), status_names, 4, "", &st);
        v[r->nps].p = pi;
        v[r->nps].st = st;
        r->nps++;
        row->ps_n++;
        Buf *list = st == ST_MISSED_ ? &missed : st == ST_VIOLATED_ ? &violated : NULL;
        if (st == ST_MET_)
            row->met++;
        else if (st == ST_MISSED_)
            row->missed++;
        else if (st == ST_VIOLATED_)
            row->violated++;
        else
            row->na++;
        if (list) {
            if (list->n)
                buf_put(list, ";", 1);
            buf_puts(list, r->principles[pi].id);
        }
    }
    row->missed_list = dup_or_empty(r, missed.p);
    row->violated_list = dup_or_empty(r, violated.p);
    int lists_oom = missed.oom || violated.oom;
    buf_free(&missed);
    buf_free(&violated);

    const char *id = str_or(field(root, "id"), NULL);
    char stem[256];
    if (!id) { /* the file's stem stands in for a missing id */
        const char *base = strrchr(src->path, '/');
        snprintf(stem, sizeof stem, "%s", base ? base + 1 : src->path);
        char *dot = strrchr(stem, '.');
        if (dot)
            *dot = '\0';
        id = stem;
    }
    const cJSON *ver = field(root, "versions");
    row->path = arena_strdup(&r->strings, src->path);
    row->id = dup_or_empty(r, id);
    row->mode = dup_or_empty(r, str_or(field(root, "mode"), ""));
    row->started = dup_or_empty(r, field(root, "started_at")->valuestring);
    row->ended = dup_or_empty(r, str_or(field(root, "ended_at"), ""));
    row->critical = join_list(r, field(sc, "critical"));
    row->required_missed = join_list(r, field(sc, "required_missed"));
    row->engine_version = dup_or_empty(r, str_or(field(ver, "engine"), ""));
    row->rubric_version = dup_or_empty(r, str_or(field(ver, "rubric"), ""));
    if (lists_oom || !row->path || !row->id || !row->mode || !row->started || !row->ended ||
        !row->critical || !row->required_missed || !row->engine_version || !row->rubric_version ||
        !row->missed_list || !row->violated_list)
        goto oom;

    if (r->html_tmp) {
        Buf *b = &r->scratch;
        b->n = 0;
        html_session(r, b, row, root);
        if (b->oom)
            goto oom;
        if (fwrite(b->p, 1, b->n, r->html_tmp) != b->n) {
            r->fatal = 1;
            kerr_set(src->why, "report: cannot write the HTML drill-down's temporary file: %s",
                     strerror(errno));
            return -1;
        }
        row->html_off = r->html_end;
        row->html_len = b->n;
        r->html_end += (long long)b->n;
    }
    r->nrows++;
    return 0;
oom:
    r->fatal = 1;
    kerr_set(src->why, "%s: out of memory", src->path);
    return -1;
}

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

/* Counts a skipped file and keeps its reason (the first few hundred) for the HTML page. */
static void note_skip(Report *r, const KefuError *why)
{
    r->files_skipped++;
    if (r->nskip_notes >= MAX_SKIP_NOTES || !why)
        return;
    const char *note = arena_strdup(&r->strings, why->msg);
    const char **v = grow(r->skip_notes, &r->capskip_notes, r->nskip_notes + 1, sizeof *v);
    if (!note || !v)
        return;
    r->skip_notes = v;
    v[r->nskip_notes++] = note;
}

int report_add_buffer(Report *r, const char *path, const char *buf, size_t len, KefuError *why)
{
    Src src = {path, buf, len, why};
    size_t bad;
    const char *end = NULL;
    int line, col, rc = -1;
    cJSON *root = NULL;

    assert(!r->finished);
    if (len >= 3 && memcmp(buf, "\xef\xbb\xbf", 3) == 0) { /* tolerate a byte order mark */
        buf += 3;
        len -= 3;
        src.buf = buf;
        src.len = len;
    }
    if (jsonpos_skip_ws(buf, len, 0) == len) {
        kerr_set(why, "%s: empty file, not a results file", path);
        goto skip;
    }
    if (!text_valid_utf8(buf, len, &bad)) {
        jsonpos_line_col(buf, len, bad, &line, &col);
        if (cut_mid_character(buf, len, bad)) {
            kerr_set(why, "%s:%d:%d: truncated: the file ends in the middle of a character", path,
                     line, col);
            goto skip;
        }
        kerr_set(why, "%s:%d:%d: not valid UTF-8 (byte 0x%02x at offset %zu)", path, line, col,
                 (unsigned char)buf[bad], bad);
        goto skip;
    }
    root = cJSON_ParseWithLengthOpts(buf, len, &end, 0);
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
        goto skip;
    }
    if (end && jsonpos_skip_ws(buf, len, (size_t)(end - buf)) < len) {
        size_t off = jsonpos_skip_ws(buf, len, (size_t)(end - buf));
        jsonpos_line_col(buf, len, off, &line, &col);
        kerr_set(why, "%s:%d:%d: malformed JSON: text after the end of the document", path, line,
                 col);
        goto skip;
    }
    if (!cJSON_IsObject(root)) {
        kerr_set(why, "%s:1:1: not a results file: expected a JSON object, got %s", path,
                 json_type(root));
        goto skip;
    }
    const cJSON *schema = field(root, "schema");
    if (!cJSON_IsString(schema)) {
        src_fail(&src, "schema",
                 "not a kefu results file: \"schema\" is %s (expected \"" SCHEMA "\")",
                 schema ? json_type(schema) : "missing");
        goto skip;
    }
    if (strcmp(schema->valuestring, SCHEMA) != 0) {
        const char *v = schema->valuestring;
        size_t np = strlen(SCHEMA_PREFIX);
        char got[200];
        echo_value(v, got, sizeof got);
        if (strncmp(v, SCHEMA_PREFIX, np) == 0 && v[np] >= '1' && v[np] <= '9' &&
            strspn(v + np, "0123456789") == strlen(v + np) && strtol(v + np, NULL, 10) > 1)
            src_fail(&src, "schema",
                     "future version: schema \"%s\" is newer than this kefu reads (\"" SCHEMA
                     "\"); update kefu to include it",
                     got);
        else
            src_fail(&src, "schema", "wrong schema \"%s\" (expected \"" SCHEMA "\")", got);
        goto skip;
    }
    if (validate(&src, root) != 0)
        goto skip;
    r->files_read++;
    if (!keep(r, root)) {
        rc = 0;
        goto done;
    }
    if (extract(r, &src, root) != 0)
        goto done; /* out of memory or temp file: fatal, reported by the caller */
    rc = 1;
    goto done;
skip:
    note_skip(r, why);
done:
    cJSON_Delete(root);
    return rc;
}

int report_add_file(Report *r, const char *path, KefuError *why)
{
    struct stat st;
    size_t len = 0;
    /* Non-blocking, so a FIFO named *.json cannot hang the report (fstat rejects it below). */
    int fd = open(path, O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK);
    if (fd < 0) {
        kerr_set(why, "%s: cannot open: %s", path, strerror(errno));
        goto skip;
    }
    if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
        kerr_set(why, "%s: not a regular file", path);
        close(fd);
        goto skip;
    }
    if ((unsigned long long)st.st_size > MAX_FILE_BYTES) {
        kerr_set(why, "%s: too large for a results file (%lld bytes)", path, (long long)st.st_size);
        close(fd);
        goto skip;
    }
    /* One buffer reused for every file; the size may change under us, so read to the end. */
    for (;;) {
        if (r->readcap - len < 4096 + 1) {
            size_t ncap = r->readcap ? r->readcap * 2 : (size_t)st.st_size + 65536;
            if (ncap > MAX_FILE_BYTES + 65536u) {
                kerr_set(why, "%s: too large for a results file", path);
                close(fd);
                goto skip;
            }
            char *nb = realloc(r->readbuf, ncap);
            if (!nb) {
                kerr_set(why, "%s: out of memory", path);
                close(fd);
                goto skip;
            }
            r->readbuf = nb;
            r->readcap = ncap;
        }
        ssize_t got = read(fd, r->readbuf + len, r->readcap - len - 1);
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
    r->readbuf[len] = '\0';
    return report_add_buffer(r, path, r->readbuf, len, why);
skip:
    note_skip(r, why);
    return -1;
}

/* ---- Walking the folder ------------------------------------------------------------------ */

typedef struct PathList {
    char **v;
    int n, cap;
} PathList;

static void paths_free(PathList *l)
{
    for (int i = 0; i < l->n; i++)
        free(l->v[i]);
    free(l->v);
}

static int ends_with_json(const char *name)
{
    size_t n = strlen(name);
    return n > 5 && strcmp(name + n - 5, ".json") == 0;
}

/* Collects dir's *.json files and recurses into its folders. Hidden entries (".x") are left
 * alone: editors' and tools' droppings, not results. */
static int collect(const char *dir, PathList *out, int depth, ReportWarnFn warn, void *ud)
{
    DIR *d = opendir(dir);
    if (!d) {
        if (warn) {
            char msg[1200];
            snprintf(msg, sizeof msg, "%s: cannot read folder: %s", dir, strerror(errno));
            warn(ud, msg);
        }
        return depth == 0 ? -1 : 0;
    }
    struct dirent *e;
    int rc = 0;
    while ((e = readdir(d)) != NULL) {
        if (e->d_name[0] == '.')
            continue;
        size_t need = strlen(dir) + strlen(e->d_name) + 2;
        char *p = malloc(need);
        if (!p) {
            rc = -1;
            break;
        }
        snprintf(p, need, "%s%s%s", dir, dir[0] && dir[strlen(dir) - 1] == '/' ? "" : "/",
                 e->d_name);
        struct stat st;
        if (lstat(p, &st) != 0) {
            free(p);
            continue;
        }
        if (S_ISDIR(st.st_mode)) {
            if (depth < 64 && collect(p, out, depth + 1, warn, ud) < 0)
                rc = -1;
            free(p);
            if (rc)
                break;
            continue;
        }
        if (!ends_with_json(e->d_name) || !(S_ISREG(st.st_mode) || S_ISLNK(st.st_mode))) {
            free(p);
            continue;
        }
        char **v = grow(out->v, &out->cap, out->n + 1, sizeof *v);
        if (!v) {
            free(p);
            rc = -1;
            break;
        }
        out->v = v;
        v[out->n++] = p;
    }
    closedir(d);
    return rc;
}

static int cmp_paths(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

int report_add_dir(Report *r, const char *dir, ReportWarnFn warn, void *ud, KefuError *err)
{
    PathList l = {0};
    struct stat st;
    if (stat(dir, &st) != 0) {
        kerr_set(err, "%s: %s", dir, strerror(errno));
        return -1;
    }
    if (!S_ISDIR(st.st_mode)) {
        kerr_set(err, "%s: not a folder", dir);
        return -1;
    }
    if (collect(dir, &l, 0, warn, ud) != 0) {
        kerr_set(err, "%s: cannot read the folder: %s", dir, strerror(errno ? errno : ENOMEM));
        paths_free(&l);
        return -1;
    }
    if (l.n)
        qsort(l.v, (size_t)l.n, sizeof *l.v, cmp_paths);
    for (int i = 0; i < l.n; i++) {
        KefuError why = {{0}};
        if (report_add_file(r, l.v[i], &why) < 0) {
            if (r->fatal) {
                kerr_set(err, "%s", why.msg);
                paths_free(&l);
                return -1;
            }
            if (warn)
                warn(ud, why.msg);
        }
    }
    int n = l.n;
    paths_free(&l);
    return n;
}

/* ======================================================================================== */
/* The figures                                                                              */
/* ======================================================================================== */

typedef struct NameIdx {
    const char *name;
    int idx;
} NameIdx;

static int cmp_name_idx(const void *a, const void *b)
{
    return strcmp(((const NameIdx *)a)->name, ((const NameIdx *)b)->name);
}

/* Sorts names (in place) and returns the old index → new index map (malloc'd). */
static int *sort_names(const char **names, int n)
{
    NameIdx *t = malloc(sizeof *t * (size_t)(n ? n : 1));
    int *map = malloc(sizeof *map * (size_t)(n ? n : 1));
    if (!t || !map) {
        free(t);
        free(map);
        return NULL;
    }
    for (int i = 0; i < n; i++) {
        t[i].name = names[i];
        t[i].idx = i;
    }
    qsort(t, (size_t)n, sizeof *t, cmp_name_idx);
    for (int i = 0; i < n; i++) {
        names[i] = t[i].name;
        map[t[i].idx] = i;
    }
    free(t);
    return map;
}

static int cmp_rows(const void *pa, const void *pb)
{
    const Row *a = pa, *b = pb;
    if (a->trainee != b->trainee)
        return a->trainee < b->trainee ? -1 : 1;
    if (a->t0 != b->t0)
        return a->t0 < b->t0 ? -1 : 1;
    int c = strcmp(a->id, b->id);
    return c ? c : strcmp(a->path, b->path);
}

static int cmp_double(const void *pa, const void *pb)
{
    double a = *(const double *)pa, b = *(const double *)pb;
    return a < b ? -1 : a > b;
}

int report_finish(Report *r, KefuError *err)
{
    int *tmap = NULL, *smap = NULL, *counts = NULL;
    double *firsts = NULL;
    const char **snames = NULL;

    assert(!r->finished);
    r->finished = 1;

    /* Trainees and scenarios in name order; rows follow. */
    tmap = sort_names(r->trainee_names, r->ntrainees);
    snames = malloc(sizeof *snames * (size_t)(r->nscenarios ? r->nscenarios : 1));
    if (!tmap || !snames)
        goto oom;
    for (int i = 0; i < r->nscenarios; i++)
        snames[i] = r->scenarios[i].pub.id;
    smap = sort_names(snames, r->nscenarios);
    if (!smap)
        goto oom;
    {
        Scenario *sorted = malloc(sizeof *sorted * (size_t)(r->nscenarios ? r->nscenarios : 1));
        if (!sorted)
            goto oom;
        for (int i = 0; i < r->nscenarios; i++)
            sorted[smap[i]] = r->scenarios[i];
        free(r->scenarios);
        r->scenarios = sorted;
        r->capscenarios = r->nscenarios;
    }
    for (int i = 0; i < r->nrows; i++) {
        r->rows[i].trainee = tmap[r->rows[i].trainee];
        r->rows[i].scenario = smap[r->rows[i].scenario];
    }
    if (r->nrows)
        qsort(r->rows, (size_t)r->nrows, sizeof *r->rows, cmp_rows);

    r->trainees = calloc((size_t)(r->ntrainees ? r->ntrainees : 1), sizeof *r->trainees);
    r->trainee_first_row = calloc((size_t)(r->ntrainees + 1), sizeof *r->trainee_first_row);
    counts = calloc((size_t)(r->nprinciples ? r->nprinciples : 1), sizeof *counts);
    firsts = malloc(sizeof *firsts * (size_t)(r->nrows ? r->nrows : 1));
    if (!r->trainees || !r->trainee_first_row || !counts || !firsts)
        goto oom;

    /* Per trainee: rows are grouped and in time order. */
    ReportTiming *tm = &r->timing;
    double score_sum = 0, first_sum = 0, wait_sum = 0, cpm_sum = 0;
    int pm_best = 0;
    r->t_min = INFINITY;
    r->t_max = -INFINITY;
    int row = 0;
    for (int t = 0; t < r->ntrainees; t++) {
        ReportTrainee *tr = &r->trainees[t];
        tr->name = r->trainee_names[t];
        r->trainee_first_row[t] = row;
        double sum = 0, tfirst = 0, twait = 0;
        for (; row < r->nrows && r->rows[row].trainee == t; row++) {
            const Row *x = &r->rows[row];
            if (tr->sessions == 0) {
                tr->first = x->total;
                tr->best = x->total;
            }
            tr->sessions++;
            tr->passes += x->pass;
            sum += x->total;
            if (x->total > tr->best)
                tr->best = x->total;
            tr->latest = x->total;
            tr->latest_pass = x->pass;
            if (x->first_known) {
                tr->first_n++;
                tfirst += x->first_s;
                tr->first_within += x->first_s <= x->std_first;
            }
            tr->replies += x->replies;
            tr->replies_over += x->replies_over;
            twait += x->wait_sum;
            for (int k = 0; k < x->ps_n; k++) {
                const PStat *p = &r->ps[x->ps_off + k];
                if (p->st == ST_MISSED_ || p->st == ST_VIOLATED_)
                    counts[p->p]++;
            }
        }
        tr->average = tr->sessions ? sum / tr->sessions : 0;
        tr->improvement = tr->best - tr->first;
        tr->first_avg = tr->first_n ? tfirst / tr->first_n : NAN;
        tr->wait_avg = tr->replies ? twait / tr->replies : NAN;
        /* The three principles most often missed or violated; ties keep first-seen order. */
        for (int k = 0; k < 3; k++) {
            int best = -1;
            for (int p = 0; p < r->nprinciples; p++)
                if (counts[p] > 0 && (best < 0 || counts[p] > counts[best]))
                    best = p;
            if (best < 0)
                break;
            tr->top[k] = best;
            tr->top_count[k] = counts[best];
            tr->ntop++;
            counts[best] = -counts[best]; /* taken */
        }
        for (int p = 0; p < r->nprinciples; p++)
            counts[p] = 0;
    }
    r->trainee_first_row[r->ntrainees] = r->nrows;

    /* Per scenario, per principle, and the cohort's timing. */
    int npm = 0;
    double pm_vals[8];
    int pm_counts[8];
    for (int i = 0; i < r->nrows; i++) {
        const Row *x = &r->rows[i];
        Scenario *s = &r->scenarios[x->scenario];
        s->pub.sessions++;
        s->pub.passes += x->pass;
        s->score_sum += x->total;
        s->pub.outcomes[x->outcome]++;
        score_sum += x->total;
        r->passes += x->pass;
        if (x->t0 < r->t_min)
            r->t_min = x->t0;
        if (x->t0 > r->t_max)
            r->t_max = x->t0;
        for (int k = 0; k < x->ps_n; k++) {
            const PStat *p = &r->ps[x->ps_off + k];
            ReportPrinciple *rp = &r->principles[p->p];
            if (p->st == ST_MET_)
                rp->met++;
            else if (p->st == ST_MISSED_)
                rp->missed++;
            else if (p->st == ST_VIOLATED_)
                rp->violated++;
            else
                rp->not_applicable++;
        }
        tm->sessions++;
        if (x->first_known) {
            firsts[tm->first_n++] = x->first_s;
            first_sum += x->first_s;
            tm->first_within += x->first_s <= x->std_first;
            if (x->first_s > tm->first_max)
                tm->first_max = x->first_s;
        } else {
            tm->no_reply++;
        }
        tm->replies += x->replies;
        tm->replies_over += x->replies_over;
        tm->sessions_over += x->replies_over > 0;
        wait_sum += x->wait_sum;
        if (x->wait_max > tm->wait_max)
            tm->wait_max = x->wait_max;
        if (isfinite(x->cpm)) {
            tm->typing_n++;
            cpm_sum += x->cpm;
            tm->typing_below += x->cpm < x->std_cpm;
        }
        /* The most common pass mark draws the histogram's line. */
        int k = 0;
        while (k < npm && pm_vals[k] != x->pass_mark)
            k++;
        if (k == npm && npm < 8) {
            pm_vals[npm] = x->pass_mark;
            pm_counts[npm++] = 0;
        }
        if (k < npm) {
            pm_counts[k]++;
            if (pm_counts[k] > pm_counts[pm_best])
                pm_best = k;
        }
    }
    r->pass_mark_mode = npm ? (int)lround(pm_vals[pm_best]) : 80;
    for (int i = 0; i < r->nscenarios; i++) {
        Scenario *s = &r->scenarios[i];
        s->pub.average = s->pub.sessions ? s->score_sum / s->pub.sessions : 0;
    }
    r->average = r->nrows ? score_sum / r->nrows : 0;
    tm->first_avg = tm->first_n ? first_sum / tm->first_n : NAN;
    if (tm->first_n) {
        qsort(firsts, (size_t)tm->first_n, sizeof *firsts, cmp_double);
        tm->first_median = tm->first_n % 2
                               ? firsts[tm->first_n / 2]
                               : (firsts[tm->first_n / 2 - 1] + firsts[tm->first_n / 2]) / 2;
    } else {
        tm->first_median = NAN;
    }
    tm->wait_avg = tm->replies ? wait_sum / tm->replies : NAN;
    tm->typing_avg = tm->typing_n ? cpm_sum / tm->typing_n : NAN;
    tm->first_standard = REPORT_FIRST_RESPONSE_S;
    tm->wait_standard = REPORT_REPLY_WAIT_S;
    tm->typing_standard = REPORT_TYPING_CPM;
    for (int i = 0; i < r->nrows; i++) {
        const Row *x = &r->rows[i];
        if (i == 0) {
            tm->first_standard = x->std_first;
            tm->wait_standard = x->std_wait;
            tm->typing_standard = x->std_cpm;
        }
        if (x->std_first != tm->first_standard)
            tm->first_standard = NAN;
        if (x->std_wait != tm->wait_standard)
            tm->wait_standard = NAN;
        if (x->std_cpm != tm->typing_standard)
            tm->typing_standard = NAN;
    }

    free(tmap);
    free(smap);
    free(snames);
    free(counts);
    free(firsts);
    return 0;
oom:
    free(tmap);
    free(smap);
    free(snames);
    free(counts);
    free(firsts);
    kerr_set(err, "report: out of memory");
    return -1;
}

int report_trainee_count(const Report *r)
{
    return r->finished ? r->ntrainees : 0;
}

const ReportTrainee *report_trainee(const Report *r, int i)
{
    return r->finished && i >= 0 && i < r->ntrainees ? &r->trainees[i] : NULL;
}

int report_scenario_count(const Report *r)
{
    return r->nscenarios;
}

const ReportScenario *report_scenario(const Report *r, int i)
{
    return i >= 0 && i < r->nscenarios ? &r->scenarios[i].pub : NULL;
}

int report_principle_count(const Report *r)
{
    return r->nprinciples;
}

const ReportPrinciple *report_principle(const Report *r, int i)
{
    return i >= 0 && i < r->nprinciples ? &r->principles[i] : NULL;
}

const ReportTiming *report_timing(const Report *r)
{
    return &r->timing;
}

double report_average(const Report *r)
{
    return r->average;
}

int report_passes(const Report *r)
{
    return r->passes;
}

/* ======================================================================================== */
/* The terminal summary                                                                     */
/* ======================================================================================== */

#define TABLE_MAX_COLS 12

/* Rows of cells printed in columns aligned by display width. */
typedef struct Table {
    int ncols;
    const char *align;        /* 'l' or 'r' per column */
    int maxw[TABLE_MAX_COLS]; /* a column's widest (0: no limit) */
    Arena cells;
    const char **v;
    int n, cap; /* cells so far */
    int oom;
} Table;

#if defined(__GNUC__)
__attribute__((format(printf, 2, 3)))
#endif
static void
cellf(Table *t, const char *fmt, ...)
{
    char tmp[1024];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(tmp, sizeof tmp, fmt, ap);
    va_end(ap);
    const char *c = arena_strdup(&t->cells, tmp);
    const char **v = grow(t->v, &t->cap, t->n + 1, sizeof *v);
    if (!c || !v) {
        t->oom = 1;
        return;
    }
    t->v = v;
    v[t->n++] = c;
}

static void cell(Table *t, const char *s)
{
    cellf(t, "%s", s);
}

/* Prints the table, the first row as its header with a rule under it, and frees it. */
static void table_print(Table *t, FILE *out)
{
    int w[TABLE_MAX_COLS] = {0};
    Buf b = {0};
    for (int i = 0; i < t->n; i++) {
        int c = i % t->ncols;
        b.n = 0;
        int cw = buf_term(&b, t->v[i], t->maxw[c]);
        if (cw > w[c])
            w[c] = cw;
    }
    int total = 0;
    for (int c = 0; c < t->ncols; c++)
        total += w[c] + (c ? 2 : 0);
    for (int i = 0; i < t->n; i++) {
        int c = i % t->ncols;
        b.n = 0;
        int cw = buf_term(&b, t->v[i], t->maxw[c]);
        int pad = w[c] - cw;
        if (c)
            fputs("  ", out);
        if (t->align[c] == 'r')
            fprintf(out, "%*s", pad, "");
        fwrite(b.p ? b.p : "", 1, b.n, out);
        if (t->align[c] != 'r' && c + 1 < t->ncols)
            fprintf(out, "%*s", pad, "");
        if (c + 1 == t->ncols) {
            fputc('\n', out);
            if (i + 1 == t->ncols) {
                for (int k = 0; k < total; k++)
                    fputs("─", out);
                fputc('\n', out);
            }
        }
    }
    buf_free(&b);
    free(t->v);
    arena_free(&t->cells);
}

static const char *kind_label(const char *kind)
{
    if (strcmp(kind, "technique") == 0)
        return "技巧";
    if (strcmp(kind, "violation") == 0)
        return "禁忌";
    if (strcmp(kind, "timing") == 0)
        return "时效";
    return "—";
}

static double pct(int part, int whole)
{
    return whole ? 100.0 * part / whole : 0;
}

/* The principles, most troublesome first: the share of scored sessions that missed or violated
 * them, then how often. */
static int *principles_by_trouble(const Report *r)
{
    int *ord = malloc(sizeof *ord * (size_t)(r->nprinciples ? r->nprinciples : 1));
    if (!ord)
        return NULL;
    for (int i = 0; i < r->nprinciples; i++)
        ord[i] = i;
    for (int i = 1; i < r->nprinciples; i++) /* stable insertion sort: first-seen order ties */
        for (int j = i; j > 0; j--) {
            const ReportPrinciple *a = &r->principles[ord[j - 1]], *b = &r->principles[ord[j]];
            int na = a->met + a->missed + a->violated, nb = b->met + b->missed + b->violated;
            double ra = na ? (double)(a->missed + a->violated) / na : -1;
            double rb = nb ? (double)(b->missed + b->violated) / nb : -1;
            if (rb > ra || (rb == ra && b->missed + b->violated > a->missed + a->violated)) {
                int t = ord[j];
                ord[j] = ord[j - 1];
                ord[j - 1] = t;
            } else {
                break;
            }
        }
    return ord;
}

static void day_of(double t, char *buf, size_t size)
{
    char tmp[80];
    if (!isfinite(t)) { /* no session */
        snprintf(buf, size, "—");
        return;
    }
    format_minute(t, tmp, sizeof tmp);
    snprintf(buf, size, "%.10s", tmp);
}

/* "标准 ≤15 秒", or, when the sessions were held to different standards, saying so. */
static void std_label(char *buf, size_t size, const char *op, double v, const char *unit)
{
    if (isfinite(v))
        snprintf(buf, size, "标准 %s%g %s", op, v, unit);
    else
        snprintf(buf, size, "标准各场不同");
}

/* A figure or a dash when unknown. */
static void fmt_num(char *buf, size_t size, int decimals, double v)
{
    if (isfinite(v))
        snprintf(buf, size, "%.*f", decimals, v);
    else
        snprintf(buf, size, "—");
}

static void filters_line(const Report *r, Buf *b)
{
    const ReportOptions *o = &r->opt;
    if (o->ntrainees) {
        buf_puts(b, " 学员 ");
        for (int i = 0; i < o->ntrainees; i++) {
            if (i)
                buf_puts(b, "、");
            buf_puts(b, o->trainees[i]);
        }
    }
    if (o->scenario) {
        buf_puts(b, " 场景 ");
        buf_puts(b, o->scenario);
    }
    if (o->mode) {
        buf_puts(b, " 模式 ");
        buf_puts(b, mode_label(o->mode));
    }
    char d[80];
    if (o->has_since) {
        format_minute((double)o->since, d, sizeof d);
        buf_printf(b, " 自 %s", d);
    }
    if (o->has_until) {
        format_minute((double)o->until, d, sizeof d);
        buf_printf(b, " 至 %s", d);
    }
}

int report_write_text(const Report *r, FILE *out)
{
    char a[64], b2[64], c[64];
    Buf b = {0};
    assert(r->finished);

    fputs("客服训练营 · 培训报告\n", out);
    day_of(r->t_min, a, sizeof a);
    day_of(r->t_max, b2, sizeof b2);
    fprintf(out, "会话 %d 场 · 学员 %d 人 · 场景 %d 个 · %s 至 %s (UTC)\n", r->nrows, r->ntrainees,
            r->nscenarios, a, b2);
    fprintf(out, "平均分 %.1f · 通过 %d 场 (%.0f%%)\n", r->average, r->passes,
            pct(r->passes, r->nrows));
    filters_line(r, &b);
    if (b.n) {
        fputs("筛选:", out);
        Buf t = {0}; /* the names come from the command line: still made printable */
        buf_term(&t, b.p, 0);
        fwrite(t.p, 1, t.n, out);
        buf_free(&t);
        fputc('\n', out);
    }
    buf_free(&b);

    fputs("\n== 学员 ==\n", out);
    Table t = {.ncols = 9, .align = "lrrrrrrll", .maxw = {16, 0, 0, 0, 0, 0, 0, 0, 48}};
    static const char *const th[] = {"学员",   "场次", "最高", "最近",           "平均",
                                     "通过率", "进步", "状态", "最常失分 (场次)"};
    for (int i = 0; i < 9; i++)
        cell(&t, th[i]);
    for (int i = 0; i < r->ntrainees; i++) {
        const ReportTrainee *x = &r->trainees[i];
        cell(&t, x->name);
        cellf(&t, "%d", x->sessions);
        cellf(&t, "%d", x->best);
        cellf(&t, "%d", x->latest);
        cellf(&t, "%.1f", x->average);
        cellf(&t, "%.0f%%", pct(x->passes, x->sessions));
        cellf(&t, "%+d", x->improvement);
        cell(&t, x->latest_pass ? "就绪" : "未就绪");
        Buf top = {0};
        for (int k = 0; k < x->ntop; k++) {
            const ReportPrinciple *p = &r->principles[x->top[k]];
            buf_printf(&top, "%s%s %d", k ? "、" : "", p->name[0] ? p->name : p->id,
                       x->top_count[k]);
        }
        cell(&t, top.p ? top.p : "—");
        buf_free(&top);
    }
    table_print(&t, out);

    fputs("\n== 场景 ==\n", out);
    Table s = {.ncols = 10, .align = "llrrrrrrrr", .maxw = {20, 20}};
    static const char *const sh[] = {"场景", "名称", "场次", "平均", "通过率",
                                     "成交", "解决", "流失", "投诉", "放弃/未完成"};
    for (int i = 0; i < 10; i++)
        cell(&s, sh[i]);
    for (int i = 0; i < r->nscenarios; i++) {
        const ReportScenario *x = &r->scenarios[i].pub;
        cell(&s, x->id);
        cell(&s, x->title[0] ? x->title : "—");
        cellf(&s, "%d", x->sessions);
        cellf(&s, "%.1f", x->average);
        cellf(&s, "%.0f%%", pct(x->passes, x->sessions));
        for (int k = 1; k <= 4; k++)
            cellf(&s, "%d", x->outcomes[k]);
        cellf(&s, "%d/%d", x->outcomes[5], x->outcomes[6]);
    }
    table_print(&s, out);

    fputs("\n== 原则 (最常失分在前) ==\n", out);
    Table p = {.ncols = 8, .align = "lllrrrrr", .maxw = {16, 24}};
    static const char *const ph[] = {"原则", "编号",   "类型", "评分场次",
                                     "达成", "未达成", "违反", "达成率"};
    for (int i = 0; i < 8; i++)
        cell(&p, ph[i]);
    int *ord = principles_by_trouble(r);
    for (int i = 0; ord && i < r->nprinciples; i++) {
        const ReportPrinciple *x = &r->principles[ord[i]];
        int scored = x->met + x->missed + x->violated;
        cell(&p, x->name[0] ? x->name : x->id);
        cell(&p, x->id);
        cell(&p, kind_label(x->kind));
        cellf(&p, "%d", scored);
        cellf(&p, "%d", x->met);
        cellf(&p, "%d", x->missed);
        cellf(&p, "%d", x->violated);
        if (scored)
            cellf(&p, "%.0f%%", pct(x->met, scored));
        else
            cell(&p, "—");
    }
    free(ord);
    table_print(&p, out);

    const ReportTiming *tm = &r->timing;
    char sf[64], sw[64], st[64];
    std_label(sf, sizeof sf, "≤", tm->first_standard, "秒");
    std_label(sw, sizeof sw, "≤", tm->wait_standard, "秒");
    std_label(st, sizeof st, "≥", tm->typing_standard, "字/分钟");
    fputs("\n== 响应时间 ==\n", out);
    fmt_num(a, sizeof a, 1, tm->first_avg);
    fmt_num(b2, sizeof b2, 1, tm->first_median);
    fmt_num(c, sizeof c, 1, tm->first_n ? tm->first_max : NAN);
    fprintf(out,
            "首次响应 (%s): %d 场有回复, 平均 %s 秒, 中位 %s 秒, 最长 %s 秒; "
            "达标 %d 场 (%.0f%%), 未回复 %d 场\n",
            sf, tm->first_n, a, b2, c, tm->first_within, pct(tm->first_within, tm->first_n),
            tm->no_reply);
    fmt_num(a, sizeof a, 1, tm->wait_avg);
    fmt_num(b2, sizeof b2, 1, tm->replies ? tm->wait_max : NAN);
    fprintf(out,
            "回复等待 (%s): 回复 %d 次, 平均 %s 秒, 最长 %s 秒; 超时 %d 次 (%.0f%%), "
            "涉及 %d 场\n",
            sw, tm->replies, a, b2, tm->replies_over, pct(tm->replies_over, tm->replies),
            tm->sessions_over);
    fmt_num(a, sizeof a, 0, tm->typing_avg);
    fprintf(out, "打字速度 (%s): %d 场有记录, 平均 %s 字/分钟, 低于标准 %d 场\n", st, tm->typing_n,
            a, tm->typing_below);
    Table w = {.ncols = 6, .align = "lrrrrr", .maxw = {16}};
    static const char *const wh[] = {"学员",     "平均首响(秒)", "首响达标",
                                     "回复次数", "平均等待(秒)", "超时回复"};
    for (int i = 0; i < 6; i++)
        cell(&w, wh[i]);
    for (int i = 0; i < r->ntrainees; i++) {
        const ReportTrainee *x = &r->trainees[i];
        cell(&w, x->name);
        fmt_num(a, sizeof a, 1, x->first_avg);
        cell(&w, a);
        cellf(&w, "%d/%d", x->first_within, x->first_n);
        cellf(&w, "%d", x->replies);
        fmt_num(a, sizeof a, 1, x->wait_avg);
        cell(&w, a);
        cellf(&w, "%d", x->replies_over);
    }
    table_print(&w, out);
    fputc('\n', out);
    return ferror(out) ? -1 : 0;
}

/* ======================================================================================== */
/* CSV                                                                                      */
/* ======================================================================================== */

/* The columns, in their documented order (docs/report.md): never reorder, only append. */
static const char *const csv_columns[] = {"file",
                                          "id",
                                          "trainee",
                                          "mode",
                                          "scenario_id",
                                          "scenario_title",
                                          "difficulty",
                                          "seed",
                                          "started_at",
                                          "ended_at",
                                          "duration_s",
                                          "outcome",
                                          "total",
                                          "pass",
                                          "pass_mark",
                                          "first_response_s",
                                          "avg_response_s",
                                          "max_response_s",
                                          "typing_cpm",
                                          "agent_messages",
                                          "waits_over",
                                          "replies",
                                          "replies_over",
                                          "principles_met",
                                          "principles_missed",
                                          "principles_violated",
                                          "principles_na",
                                          "missed",
                                          "violated",
                                          "critical",
                                          "required_missed",
                                          "engine_version",
                                          "rubric_version"};

/* A text field, RFC 4180: quoted when it holds a comma, quote or line break, quotes doubled.
 * A text starting with = + - @ or a tab would run as a formula in a spreadsheet: it gets a
 * leading apostrophe, which spreadsheets show as text. */
static void csv_text(Buf *b, const char *s)
{
    int guard =
        s[0] == '=' || s[0] == '+' || s[0] == '-' || s[0] == '@' || s[0] == '\t' || s[0] == '\r';
    int quote = strpbrk(s, ",\"\r\n") != NULL;
    if (quote)
        buf_put(b, "\"", 1);
    if (guard)
        buf_put(b, "'", 1);
    for (const char *p = s; *p; p++) {
        if (*p == '"')
            buf_put(b, "\"\"", 2);
        else
            buf_put(b, p, 1);
    }
    if (quote)
        buf_put(b, "\"", 1);
}

/* A number as a spreadsheet reads it back: whole numbers (seeds too) in full, never in
 * exponent form; others with up to ten significant digits. */
static void csv_num(Buf *b, double v)
{
    if (!isfinite(v))
        return;
    if (v == floor(v) && fabs(v) < 1e17)
        buf_printf(b, "%.0f", v);
    else
        buf_printf(b, "%.10g", v);
}

int report_write_csv(const Report *r, FILE *out, KefuError *err)
{
    Buf b = {0};
    const int ncol = (int)(sizeof csv_columns / sizeof csv_columns[0]);
    assert(r->finished);
    buf_puts(&b, "\xef\xbb\xbf"); /* so spreadsheet programs read UTF-8 */
    for (int c = 0; c < ncol; c++) {
        buf_puts(&b, csv_columns[c]);
        buf_puts(&b, c + 1 < ncol ? "," : "\r\n");
    }
    for (int i = 0; i < r->nrows; i++) {
        const Row *x = &r->rows[i];
        const Scenario *s = &r->scenarios[x->scenario];
        csv_text(&b, x->path);
        buf_put(&b, ",", 1);
        csv_text(&b, x->id);
        buf_put(&b, ",", 1);
        csv_text(&b, r->trainee_names[x->trainee]);
        buf_put(&b, ",", 1);
        csv_text(&b, x->mode);
        buf_put(&b, ",", 1);
        csv_text(&b, s->pub.id);
        buf_put(&b, ",", 1);
        csv_text(&b, s->pub.title);
        buf_put(&b, ",", 1);
        csv_num(&b, x->difficulty);
        buf_put(&b, ",", 1);
        csv_num(&b, x->seed);
        buf_put(&b, ",", 1);
        csv_text(&b, x->started);
        buf_put(&b, ",", 1);
        csv_text(&b, x->ended);
        buf_put(&b, ",", 1);
        csv_num(&b, x->duration_s);
        buf_printf(&b, ",%s,%d,%d,", outcome_names[x->outcome], x->total, x->pass);
        csv_num(&b, x->pass_mark);
        buf_put(&b, ",", 1);
        csv_num(&b, x->first_known ? x->first_s : NAN);
        buf_put(&b, ",", 1);
        csv_num(&b, x->avg_s);
        buf_put(&b, ",", 1);
        csv_num(&b, x->max_s);
        buf_put(&b, ",", 1);
        csv_num(&b, x->cpm);
        buf_printf(&b, ",%d,%d,%d,%d,%d,%d,%d,%d,", x->agent_messages, x->waits_over, x->replies,
                   x->replies_over, x->met, x->missed, x->violated, x->na);
        csv_text(&b, x->missed_list);
        buf_put(&b, ",", 1);
        csv_text(&b, x->violated_list);
        buf_put(&b, ",", 1);
        csv_text(&b, x->critical);
        buf_put(&b, ",", 1);
        csv_text(&b, x->required_missed);
        buf_put(&b, ",", 1);
        csv_text(&b, x->engine_version);
        buf_put(&b, ",", 1);
        csv_text(&b, x->rubric_version);
        buf_puts(&b, "\r\n");
        if (b.n > (1u << 16) || i + 1 == r->nrows) {
            if (b.oom)
                break;
            fwrite(b.p, 1, b.n, out);
            b.n = 0;
        }
    }
    if (b.n && !b.oom)
        fwrite(b.p, 1, b.n, out);
    int oom = b.oom;
    buf_free(&b);
    if (oom) {
        kerr_set(err, "report: out of memory writing the CSV");
        return -1;
    }
    if (ferror(out)) {
        kerr_set(err, "report: cannot write the CSV: %s", strerror(errno));
        return -1;
    }
    return 0;
}

/* ======================================================================================== */
/* HTML                                                                                     */
/* ======================================================================================== */

static const char html_head[] =
    "<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n"
    /* Nothing may load from anywhere: the page is one file, read offline. */
    "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
    "style-src 'unsafe-inline'; img-src data:\">\n"
    "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
    "<title>客服训练营 · 培训报告</title>\n<style>\n"
    ":root{--ok:#1a7f37;--no:#cf222e;--mut:#57606a;--line:#d0d7de;--bg:#f6f8fa}\n"
    "body{margin:0;font:14px/1.6 \"Noto Sans CJK SC\",\"Source Han Sans SC\",\"WenQuanYi Micro "
    "Hei\",\"PingFang SC\",\"Microsoft YaHei\",sans-serif;color:#1f2328;background:#fff}\n"
    "main{max-width:1200px;margin:0 auto;padding:20px 28px}\n"
    "h1{font-size:26px;margin:0 0 4px}\n"
    "h2{font-size:19px;margin:34px 0 12px;padding-bottom:6px;border-bottom:2px solid "
    "var(--line)}\n"
    ".sub,.note{color:var(--mut)}.note{font-size:13px}\n"
    ".cards{display:flex;flex-wrap:wrap;gap:12px;margin:14px 0}\n"
    ".card{flex:1 1 100px;border:1px solid var(--line);border-radius:8px;padding:8px 14px;"
    "background:var(--bg)}\n"
    ".card b{display:block;font-size:24px;line-height:1.3}.card span{color:var(--mut);"
    "font-size:13px}\n"
    "table{border-collapse:collapse;width:100%;font-variant-numeric:tabular-nums}\n"
    "th,td{padding:4px 8px;border-bottom:1px solid var(--line);text-align:left;"
    "vertical-align:middle}\n"
    "th{background:var(--bg);font-weight:600;white-space:nowrap}\n"
    "td.n,th.n{text-align:right;white-space:nowrap}\n"
    ".ok{color:var(--ok)}.no{color:var(--no)}\n"
    ".tag{display:inline-block;padding:0 8px;border-radius:10px;font-size:12px;"
    "white-space:nowrap}\n"
    ".tag.ok{background:#dafbe1}.tag.no{background:#ffebe9}\n"
    ".bar{display:inline-block;height:10px;border-radius:2px;background:#2da44e;"
    "vertical-align:middle;margin-right:6px}\n"
    "svg{display:block;max-width:100%;height:auto}svg text{font-family:inherit}\n"
    "svg.outcomes{width:100%;margin-top:4px}\n"
    "td svg{display:inline-block}\n"
    ".scroll{overflow-x:auto}\n"
    ".legend{font-size:13px}.legend i{display:inline-block;width:12px;height:12px;"
    "border-radius:2px;margin:0 4px 0 14px;vertical-align:-1px}\n"
    "details.trn{border:1px solid var(--line);border-radius:8px;margin:8px 0;padding:0 12px}\n"
    "details.trn>summary{font-weight:600;padding:8px 0;cursor:pointer}\n"
    "details.ses{border-top:1px solid var(--line);padding:4px 0}\n"
    "details.ses>summary{cursor:pointer}\n"
    "details.ses>summary>span{margin-right:12px}\n"
    ".when{color:var(--mut);font-variant-numeric:tabular-nums}\n"
    ".score{font-weight:700}.score.ok{color:var(--ok)}.score.no{color:var(--no)}\n"
    ".oc{font-size:12px;padding:0 8px;border-radius:10px;background:#eaeef2}\n"
    ".o1{background:#dafbe1}.o2{background:#ddf4ff}.o3{background:#fff8c5}"
    ".o4{background:#ffebe9}\n"
    ".meta{color:var(--mut);font-size:12px;margin:4px 0;overflow-wrap:anywhere}\n"
    ".chips{display:flex;flex-wrap:wrap;gap:4px;margin:6px 0}\n"
    ".chip{font-size:12px;padding:0 8px;border-radius:10px;border:1px solid var(--line)}\n"
    ".chip.met{background:#dafbe1}.chip.mis{background:#fff8c5}"
    ".chip.vio{background:#ffebe9;border-color:#ff8182}.chip.na{color:var(--mut)}\n"
    ".crit{color:var(--no);font-weight:600;margin:4px 0}\n"
    "ol.tr{list-style:none;padding:0;margin:8px 0}\n"
    "li.m{display:grid;grid-template-columns:minmax(0,1fr) 340px;grid-template-rows:auto 1fr;"
    "column-gap:16px;align-items:start;margin:6px 0}\n"
    ".who{grid-column:1;font-size:12px;color:var(--mut)}\n"
    ".bub{grid-column:1;justify-self:start;max-width:100%;white-space:pre-wrap;"
    "overflow-wrap:anywhere;padding:5px 10px;border-radius:8px;background:#f0f3f6}\n"
    "li.a .bub{background:#ddf4ff}\n"
    "li.y .bub{background:none;color:var(--mut);font-size:12px;padding:0 10px}\n"
    "ul.hits{grid-column:2;grid-row:1/span 2;list-style:none;margin:0;padding:0;"
    "font-size:12px}\n"
    "ul.hits li{border-left:3px solid #2da44e;padding:2px 8px;margin:2px 0;"
    "background:#f6fff8}\n"
    "ul.hits li.v{border-color:var(--no);background:#fff5f5}\n"
    "ul.hits q{overflow-wrap:anywhere}\n"
    "ul.hits cite{display:block;color:var(--mut);font-style:normal}\n"
    "mark.t{background:#aceebb}mark.v{background:#ffcecb}\n"
    ".wait.over{color:var(--no);font-weight:600}.nudge{color:#9a6700}\n"
    "ul.skips{font-size:12px;color:var(--mut);overflow-wrap:anywhere}\n"
    "footer{margin:30px 0 10px;color:var(--mut);font-size:13px}\n"
    "</style>\n</head>\n<body>\n<main>\n";

static void flush_buf(Buf *b, FILE *out)
{
    if (b->n && !b->oom)
        fwrite(b->p, 1, b->n, out);
    b->n = 0;
}

/* Text cut to maxw display columns with "…", then escaped. */
static void buf_html_cut(Buf *b, const char *s, int maxw)
{
    Buf t = {0};
    buf_term(&t, s, maxw);
    buf_html(b, t.p ? t.p : "", t.n);
    buf_free(&t);
}

/* A key figure: v with decimals places and a suffix ("%"), or a dash when unknown. */
static void card(Buf *b, const char *label, int decimals, const char *suffix, double v)
{
    buf_puts(b, "<div class=\"card\"><b>");
    if (isfinite(v))
        buf_printf(b, "%.*f%s", decimals, v, suffix);
    else
        buf_puts(b, "—");
    buf_printf(b, "</b><span>%s</span></div>", label);
}

static const char *const outcome_colors[REPORT_OUTCOMES] = {
    "#afb8c1", "#2da44e", "#54aeff", "#d4a72c", "#cf222e", "#8c959f", "#d0d7de"};

static void html_summary(const Report *r, Buf *b)
{
    int ready = 0;
    for (int i = 0; i < r->ntrainees; i++)
        ready += r->trainees[i].latest_pass;
    const ReportTiming *tm = &r->timing;
    buf_puts(b, "<section id=\"summary\"><h2>总览</h2><div class=\"cards\">");
    card(b, "会话", 0, "", r->nrows);
    card(b, "学员", 0, "", r->ntrainees);
    card(b, "场景", 0, "", r->nscenarios);
    card(b, "平均分", 1, "", r->average);
    card(b, "通过率", 0, "%", pct(r->passes, r->nrows));
    buf_printf(b, "<div class=\"card\"><b>%d/%d</b><span>就绪学员 (最近一次通过)</span></div>",
               ready, r->ntrainees);
    card(b, "首次响应达标", 0, "%", tm->first_n ? pct(tm->first_within, tm->first_n) : NAN);
    card(b, "回复超时", 0, "%", tm->replies ? pct(tm->replies_over, tm->replies) : NAN);
    buf_puts(b, "</div>");

    /* Outcomes: one stacked bar. */
    buf_puts(b, "<svg class=\"outcomes\" viewBox=\"0 0 1000 34\" width=\"1000\" height=\"34\" "
                "role=\"img\" aria-label=\"结果分布\">");
    double x = 0;
    int total = 0;
    for (int k = 0; k < REPORT_OUTCOMES; k++)
        for (int i = 0; i < r->nscenarios; i++)
            total += r->scenarios[i].pub.outcomes[k];
    for (int k = 1; k < REPORT_OUTCOMES; k++) {
        int n = 0;
        for (int i = 0; i < r->nscenarios; i++)
            n += r->scenarios[i].pub.outcomes[k];
        if (!n || !total)
            continue;
        double w = 1000.0 * n / total;
        buf_printf(b,
                   "<rect x=\"%.1f\" y=\"2\" width=\"%.1f\" height=\"30\" fill=\"%s\">"
                   "<title>%s %d 场 (%.0f%%)</title></rect>",
                   x, w, outcome_colors[k], outcome_labels[k], n, pct(n, total));
        if (w > 70)
            buf_printf(b, "<text x=\"%.1f\" y=\"22\" fill=\"#fff\" font-size=\"14\">%s %d</text>",
                       x + 8, outcome_labels[k], n);
        x += w;
    }
    buf_puts(b, "</svg><div class=\"legend\">结果:");
    for (int k = 1; k < REPORT_OUTCOMES; k++) {
        int n = 0;
        for (int i = 0; i < r->nscenarios; i++)
            n += r->scenarios[i].pub.outcomes[k];
        buf_printf(b, "<i style=\"background:%s\"></i>%s %d", outcome_colors[k], outcome_labels[k],
                   n);
    }
    buf_puts(b, "</div></section>\n");
}

static void html_histogram(const Report *r, Buf *b)
{
    int bins[10] = {0}, top = 1;
    for (int i = 0; i < r->nrows; i++) {
        int k = r->rows[i].total / 10;
        bins[k > 9 ? 9 : k < 0 ? 0 : k]++;
    }
    for (int k = 0; k < 10; k++)
        if (bins[k] > top)
            top = bins[k];
    /* Whole-number gridlines: at most four steps, the axis rounded up to a whole step. */
    int step = (top + 3) / 4, ticks = (top + step - 1) / step;
    top = step * ticks;
    const double x0 = 50, y0 = 236, pw = 600, ph = 200, bw = pw / 10;
    buf_puts(b, "<section id=\"distribution\"><h2>分数分布</h2>"
                "<svg class=\"hist\" viewBox=\"0 0 680 276\" width=\"680\" height=\"276\" "
                "role=\"img\" aria-label=\"分数分布\">");
    for (int g = 0; g <= ticks; g++) { /* grid lines and counts */
        double y = y0 - ph * g / ticks;
        buf_printf(b,
                   "<line x1=\"%g\" x2=\"%g\" y1=\"%.1f\" y2=\"%.1f\" stroke=\"#eaeef2\"/>"
                   "<text x=\"%g\" y=\"%.1f\" font-size=\"11\" text-anchor=\"end\" "
                   "fill=\"#57606a\">%d</text>",
                   x0, x0 + pw, y, y, x0 - 6, y + 4, step * g);
    }
    for (int k = 0; k < 10; k++) {
        double h = ph * bins[k] / top, x = x0 + k * bw;
        int pass = (k + 1) * 10 > r->pass_mark_mode && k * 10 >= r->pass_mark_mode;
        buf_printf(b,
                   "<rect class=\"bin\" x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" "
                   "fill=\"%s\"><title>%d–%d 分: %d 场</title></rect>",
                   x + 3, y0 - h, bw - 6, h, pass ? "#2da44e" : "#fa7a6e", k * 10,
                   k == 9 ? 100 : k * 10 + 9, bins[k]);
        if (bins[k])
            buf_printf(b,
                       "<text x=\"%.1f\" y=\"%.1f\" font-size=\"12\" text-anchor=\"middle\">"
                       "%d</text>",
                       x + bw / 2, y0 - h - 4, bins[k]);
        buf_printf(b,
                   "<text x=\"%.1f\" y=\"%g\" font-size=\"11\" text-anchor=\"middle\" "
                   "fill=\"#57606a\">%d–%d</text>",
                   x + bw / 2, y0 + 16, k * 10, k == 9 ? 100 : k * 10 + 9);
    }
    double px = x0 + pw * r->pass_mark_mode / 100.0;
    buf_printf(b,
               "<line x1=\"%.1f\" x2=\"%.1f\" y1=\"18\" y2=\"%g\" stroke=\"#1f2328\" "
               "stroke-dasharray=\"5 4\"/><text x=\"%.1f\" y=\"14\" font-size=\"12\" "
               "text-anchor=\"middle\">及格线 %d</text>",
               px, px, y0, px, r->pass_mark_mode);
    buf_printf(b,
               "<text x=\"%g\" y=\"268\" font-size=\"12\" text-anchor=\"middle\" "
               "fill=\"#57606a\">分数 (共 %d 场)</text></svg></section>\n",
               x0 + pw / 2, r->nrows);
}

/* One trainee's scores in time order: a line with a dot per attempt, linked to its session. */
static void html_attempts(const Report *r, Buf *b, int t)
{
    int first = r->trainee_first_row[t], n = r->trainee_first_row[t + 1] - first;
    double step = n > 1 ? (n - 1) * 16.0 > 280 ? 280.0 / (n - 1) : 16.0 : 0;
    double w = 20 + step * (n > 1 ? n - 1 : 0);
    buf_printf(b, "<svg class=\"att\" viewBox=\"0 0 %.0f 44\" width=\"%.0f\" height=\"44\">", w, w);
    double py = 40 - r->pass_mark_mode * 0.36;
    buf_printf(b,
               "<line x1=\"0\" x2=\"%.0f\" y1=\"%.1f\" y2=\"%.1f\" stroke=\"#8c959f\" "
               "stroke-dasharray=\"3 3\"/>",
               w, py, py);
    if (n > 1) {
        buf_puts(b, "<polyline fill=\"none\" stroke=\"#54aeff\" stroke-width=\"1.5\" points=\"");
        for (int i = 0; i < n; i++)
            buf_printf(b, "%.1f,%.1f ", 10 + step * i, 40 - r->rows[first + i].total * 0.36);
        buf_puts(b, "\"/>");
    }
    for (int i = 0; i < n; i++) {
        const Row *x = &r->rows[first + i];
        char when[80];
        format_minute(x->t0, when, sizeof when);
        buf_printf(b,
                   "<a href=\"#s%d\"><circle cx=\"%.1f\" cy=\"%.1f\" r=\"3.5\" fill=\"%s\">"
                   "<title>第 %d 次 · %s · ",
                   x->ordinal, 10 + step * i, 40 - x->total * 0.36, x->pass ? "#1a7f37" : "#cf222e",
                   i + 1, when);
        buf_html0(b, r->scenarios[x->scenario].pub.id);
        buf_printf(b, " · %d 分</title></circle></a>", x->total);
    }
    buf_puts(b, "</svg>");
}

static void html_trainees(const Report *r, Buf *b, FILE *out)
{
    buf_puts(b, "<section id=\"trainees\"><h2>学员</h2><div class=\"scroll\"><table><thead><tr>"
                "<th>学员</th><th class=\"n\">场次</th><th class=\"n\">最高</th>"
                "<th class=\"n\">最近</th><th class=\"n\">平均</th><th class=\"n\">通过率</th>"
                "<th class=\"n\">进步</th><th>状态</th><th>最常失分 (场次)</th>"
                "<th>历次成绩</th></tr></thead><tbody>\n");
    for (int i = 0; i < r->ntrainees; i++) {
        const ReportTrainee *x = &r->trainees[i];
        buf_puts(b, "<tr class=\"trainee\"><td class=\"name\">");
        buf_html0(b, x->name);
        buf_printf(b,
                   "</td><td class=\"n\">%d</td><td class=\"n\">%d</td><td class=\"n\">%d</td>"
                   "<td class=\"n avg\">%.1f</td><td class=\"n\">%.0f%%</td>"
                   "<td class=\"n\">%+d</td><td><span class=\"tag %s\">%s</span></td><td>",
                   x->sessions, x->best, x->latest, x->average, pct(x->passes, x->sessions),
                   x->improvement, x->latest_pass ? "ok" : "no",
                   x->latest_pass ? "就绪" : "未就绪");
        for (int k = 0; k < x->ntop; k++) {
            const ReportPrinciple *p = &r->principles[x->top[k]];
            if (k)
                buf_puts(b, "、");
            buf_html0(b, p->name[0] ? p->name : p->id);
            buf_printf(b, " %d", x->top_count[k]);
        }
        if (!x->ntop)
            buf_puts(b, "—");
        buf_puts(b, "</td><td>");
        html_attempts(r, b, i);
        buf_puts(b, "</td></tr>\n");
        if (b->n > (1u << 16))
            flush_buf(b, out);
    }
    buf_puts(b, "</tbody></table></div><p class=\"note\">进步 = 最高分 − 第一次的分数；"
                "状态: 最近一次会话通过即为就绪。历次成绩: 每个点是一场会话 (绿: 通过, 红: "
                "未通过)，虚线为及格线，点击跳到该会话记录。</p></section>\n");
}

/* Good share 0..1 → red, yellow, green. */
static void heat_color(double g, char *buf, size_t size)
{
    static const int c0[3] = {0xff, 0x81, 0x82}, c1[3] = {0xff, 0xe5, 0x8f},
                     c2[3] = {0x6f, 0xdd, 0x8b};
    const int *a = g < 0.5 ? c0 : c1, *z = g < 0.5 ? c1 : c2;
    double f = g < 0.5 ? g * 2 : (g - 0.5) * 2;
    snprintf(buf, size, "#%02x%02x%02x", (int)lround(a[0] + (z[0] - a[0]) * f),
             (int)lround(a[1] + (z[1] - a[1]) * f), (int)lround(a[2] + (z[2] - a[2]) * f));
}

static int kind_rank(const char *kind)
{
    return strcmp(kind, "technique") == 0   ? 0
           : strcmp(kind, "timing") == 0    ? 1
           : strcmp(kind, "violation") == 0 ? 2
                                            : 3;
}

static void html_heatmap(const Report *r, Buf *b, FILE *out)
{
    int *cols = malloc(sizeof *cols * (size_t)(r->nprinciples ? r->nprinciples : 1));
    int(*cnt)[3] = calloc((size_t)(r->nprinciples ? r->nprinciples : 1), sizeof *cnt);
    int ncols = 0;
    if (!cols || !cnt) {
        b->oom = 1;
        free(cols);
        free(cnt);
        return;
    }
    for (int kr = 0; kr < 4; kr++) /* techniques, timing, violations; first-seen within each */
        for (int p = 0; p < r->nprinciples; p++) {
            const ReportPrinciple *x = &r->principles[p];
            if (kind_rank(x->kind) == kr && x->met + x->missed + x->violated > 0)
                cols[ncols++] = p;
        }
    const double lw = 130, cw = 38, ch = 24, top = 86;
    double w = lw + cw * ncols + 10, h = top + ch * r->ntrainees + 8;
    buf_puts(b, "<section id=\"heatmap\"><h2>学员 × 原则 热力图</h2>"
                "<p class=\"note\">每格: 该学员在评到此原则的会话中达成的比例 (%)；"
                "红 = 常失分，绿 = 稳定达成，灰 = 未评到。禁忌类的“达成”即没有违反。</p>"
                "<div class=\"scroll\">");
    buf_printf(b,
               "<svg class=\"heat\" viewBox=\"0 0 %.0f %.0f\" width=\"%.0f\" height=\"%.0f\" "
               "role=\"img\" aria-label=\"学员 × 原则 热力图\">",
               w, h, w, h);
    for (int c = 0; c < ncols; c++) {
        const ReportPrinciple *p = &r->principles[cols[c]];
        double x = lw + cw * c + cw / 2;
        buf_printf(b,
                   "<text transform=\"translate(%.1f %.0f) rotate(-55)\" font-size=\"12\" "
                   "fill=\"%s\"><title>",
                   x + 4, top - 6, kind_rank(p->kind) == 2 ? "#cf222e" : "#1f2328");
        buf_html0(b, p->id);
        if (p->source[0]) {
            buf_puts(b, " · 手册 ");
            buf_html0(b, p->source);
        }
        buf_puts(b, "</title>");
        buf_html_cut(b, p->name[0] ? p->name : p->id, 14);
        buf_puts(b, "</text>");
    }
    for (int t = 0; t < r->ntrainees; t++) {
        memset(cnt, 0, sizeof *cnt * (size_t)(r->nprinciples ? r->nprinciples : 1));
        for (int i = r->trainee_first_row[t]; i < r->trainee_first_row[t + 1]; i++) {
            const Row *x = &r->rows[i];
            for (int k = 0; k < x->ps_n; k++) {
                const PStat *ps = &r->ps[x->ps_off + k];
                if (ps->st != ST_NA_)
                    cnt[ps->p][ps->st]++;
            }
        }
        double y = top + ch * t;
        buf_printf(b, "<text x=\"%.0f\" y=\"%.1f\" font-size=\"12\" text-anchor=\"end\">", lw - 8,
                   y + ch / 2 + 4);
        buf_html_cut(b, r->trainees[t].name, 16);
        buf_puts(b, "</text>");
        for (int c = 0; c < ncols; c++) {
            const int *k = cnt[cols[c]];
            int n = k[0] + k[1] + k[2];
            char color[16] = "#eaeef2";
            double g = n ? (double)k[0] / n : 0;
            if (n)
                heat_color(g, color, sizeof color);
            buf_printf(b,
                       "<g><rect x=\"%.1f\" y=\"%.1f\" width=\"%.0f\" height=\"%.0f\" "
                       "fill=\"%s\" stroke=\"#fff\"/><title>",
                       lw + cw * c, y, cw, ch, color);
            buf_html0(b, r->trainees[t].name);
            buf_puts(b, " · ");
            const ReportPrinciple *p = &r->principles[cols[c]];
            buf_html0(b, p->name[0] ? p->name : p->id);
            if (n)
                buf_printf(b, ": 达成 %d/%d, 未达成 %d, 违反 %d", k[0], n, k[1], k[2]);
            else
                buf_puts(b, ": 未评到");
            buf_puts(b, "</title>");
            if (n)
                buf_printf(b,
                           "<text x=\"%.1f\" y=\"%.1f\" font-size=\"11\" "
                           "text-anchor=\"middle\">%.0f</text>",
                           lw + cw * c + cw / 2, y + ch / 2 + 4, g * 100);
            buf_puts(b, "</g>");
        }
        if (b->n > (1u << 16))
            flush_buf(b, out);
    }
    buf_puts(b, "</svg></div></section>\n");
    free(cols);
    free(cnt);
}

static void html_tables(const Report *r, Buf *b)
{
    buf_puts(b, "<section id=\"scenarios\"><h2>场景</h2><div class=\"scroll\"><table><thead><tr>"
                "<th>场景</th><th>名称</th><th class=\"n\">场次</th><th class=\"n\">平均</th>"
                "<th class=\"n\">通过率</th>");
    for (int k = 1; k < REPORT_OUTCOMES; k++)
        buf_printf(b, "<th class=\"n\">%s</th>", outcome_labels[k]);
    buf_puts(b, "</tr></thead><tbody>\n");
    for (int i = 0; i < r->nscenarios; i++) {
        const ReportScenario *x = &r->scenarios[i].pub;
        buf_puts(b, "<tr class=\"scenario\"><td>");
        buf_html0(b, x->id);
        buf_puts(b, "</td><td>");
        buf_html0(b, x->title);
        buf_printf(b,
                   "</td><td class=\"n\">%d</td><td class=\"n\">%.1f</td>"
                   "<td class=\"n\">%.0f%%</td>",
                   x->sessions, x->average, pct(x->passes, x->sessions));
        for (int k = 1; k < REPORT_OUTCOMES; k++)
            buf_printf(b, "<td class=\"n\">%d</td>", x->outcomes[k]);
        buf_puts(b, "</tr>\n");
    }
    buf_puts(b, "</tbody></table></div></section>\n");

    buf_puts(b, "<section id=\"principles\"><h2>原则 (最常失分在前)</h2><div class=\"scroll\">"
                "<table><thead><tr><th>原则</th><th>编号</th><th>类型</th><th>手册出处</th>"
                "<th class=\"n\">评分场次</th><th class=\"n\">达成</th><th class=\"n\">未达成</th>"
                "<th class=\"n\">违反</th><th>达成率</th></tr></thead><tbody>\n");
    int *ord = principles_by_trouble(r);
    if (!ord) {
        b->oom = 1;
        return;
    }
    for (int i = 0; i < r->nprinciples; i++) {
        const ReportPrinciple *x = &r->principles[ord[i]];
        int scored = x->met + x->missed + x->violated;
        buf_puts(b, "<tr class=\"principle\"><td>");
        buf_html0(b, x->name[0] ? x->name : x->id);
        buf_puts(b, "</td><td>");
        buf_html0(b, x->id);
        buf_printf(b, "</td><td>%s</td><td>", kind_label(x->kind));
        buf_html0(b, x->source);
        buf_printf(b,
                   "</td><td class=\"n\">%d</td><td class=\"n\">%d</td><td class=\"n\">%d</td>"
                   "<td class=\"n\">%d</td><td>",
                   scored, x->met, x->missed, x->violated);
        if (scored) {
            char color[16];
            heat_color((double)x->met / scored, color, sizeof color);
            buf_printf(b,
                       "<span class=\"bar\" style=\"width:%.0fpx;background:%s\"></span>"
                       "%.0f%%",
                       pct(x->met, scored) * 1.2 + 1, color, pct(x->met, scored));
        } else {
            buf_puts(b, "—");
        }
        buf_puts(b, "</td></tr>\n");
    }
    free(ord);
    buf_puts(b, "</tbody></table></div></section>\n");

    const ReportTiming *tm = &r->timing;
    buf_puts(b, "<section id=\"timing\"><h2>响应时间</h2><div class=\"cards\">");
    card(b, "平均首次响应 (秒)", 1, "", tm->first_avg);
    card(b, "中位首次响应 (秒)", 1, "", tm->first_median);
    char sf[64], sw[64];
    std_label(sf, sizeof sf, "≤", tm->first_standard, "秒");
    std_label(sw, sizeof sw, "≤", tm->wait_standard, "秒");
    buf_printf(b, "<div class=\"card\"><b>%d/%d</b><span>首次响应达标 (%s)</span></div>",
               tm->first_within, tm->first_n, sf);
    buf_printf(b, "<div class=\"card\"><b>%d</b><span>从未回复的会话</span></div>", tm->no_reply);
    card(b, "平均等待 (秒)", 1, "", tm->wait_avg);
    card(b, "最长等待 (秒)", 1, "", tm->replies ? tm->wait_max : NAN);
    buf_printf(b, "<div class=\"card\"><b>%d/%d</b><span>回复超时 (%s)</span></div>",
               tm->replies_over, tm->replies, sw);
    card(b, "平均打字速度 (字/分钟)", 0, "", tm->typing_avg);
    buf_printf(b, "</div><p class=\"note\">标准 (手册 002): 15 秒内打招呼，顾客等待不超过 20 秒，"
                  "打字至少 50 字/分钟；≤6 秒为优秀 (手册 003 黄金6秒)。</p>"
                  "<div class=\"scroll\"><table><thead><tr><th>学员</th>"
                  "<th class=\"n\">平均首响 (秒)</th><th class=\"n\">首响达标</th>"
                  "<th class=\"n\">回复次数</th><th class=\"n\">平均等待 (秒)</th>"
                  "<th class=\"n\">超时回复</th></tr></thead><tbody>\n");
    for (int i = 0; i < r->ntrainees; i++) {
        const ReportTrainee *x = &r->trainees[i];
        char fa[32], wa[32];
        fmt_num(fa, sizeof fa, 1, x->first_avg);
        fmt_num(wa, sizeof wa, 1, x->wait_avg);
        buf_puts(b, "<tr><td>");
        buf_html0(b, x->name);
        buf_printf(b,
                   "</td><td class=\"n\">%s</td><td class=\"n\">%d/%d</td>"
                   "<td class=\"n\">%d</td><td class=\"n\">%s</td>"
                   "<td class=\"n%s\">%d</td></tr>\n",
                   fa, x->first_within, x->first_n, x->replies, wa, x->replies_over ? " no" : "",
                   x->replies_over);
    }
    buf_puts(b, "</tbody></table></div></section>\n");
}

int report_write_html(const Report *r, FILE *out, KefuError *err)
{
    Buf b = {0};
    char *chunk = NULL;
    size_t chunk_cap = 0;
    char d0[80], d1[80];
    assert(r->finished);

    buf_puts(&b, html_head);
    day_of(r->t_min, d0, sizeof d0);
    day_of(r->t_max, d1, sizeof d1);
    buf_printf(&b,
               "<header><h1>客服训练营 · 培训报告</h1><p class=\"sub\">会话 %d 场 · "
               "学员 %d 人 · 场景 %d 个 · %s 至 %s (UTC)",
               r->nrows, r->ntrainees, r->nscenarios, d0, d1);
    Buf f = {0};
    filters_line(r, &f);
    if (f.n) {
        buf_puts(&b, " · 筛选:");
        buf_html(&b, f.p, f.n);
    }
    buf_free(&f);
    buf_puts(&b, "</p></header>\n");
    html_summary(r, &b);
    html_histogram(r, &b);
    html_trainees(r, &b, out);
    html_heatmap(r, &b, out);
    html_tables(r, &b);
    flush_buf(&b, out);

    buf_puts(&b, "<section id=\"sessions\"><h2>会话记录</h2><p class=\"note\">点开查看对话："
                 "<mark class=\"t\">绿色</mark>为手册提倡的技巧，<mark class=\"v\">红色</mark>"
                 "为违反，右侧是判定依据与手册出处。时间为会话开始后的分:秒。</p>\n");
    if (!r->html_tmp)
        buf_puts(&b, "<p class=\"note\">(未保留对话记录)</p>");
    else if (fflush(r->html_tmp) != 0)
        goto io_fail;
    for (int t = 0; t < r->ntrainees; t++) {
        const ReportTrainee *x = &r->trainees[t];
        buf_puts(&b, "<details class=\"trn\"><summary>");
        buf_html0(&b, x->name);
        buf_printf(&b, " · %d 场 · 平均 %.1f · 最近 %d</summary>\n", x->sessions, x->average,
                   x->latest);
        flush_buf(&b, out);
        for (int i = r->trainee_first_row[t]; r->html_tmp && i < r->trainee_first_row[t + 1]; i++) {
            const Row *row = &r->rows[i];
            if (row->html_len > chunk_cap) {
                char *nc = realloc(chunk, row->html_len);
                if (!nc)
                    goto oom;
                chunk = nc;
                chunk_cap = row->html_len;
            }
            if (fseeko(r->html_tmp, (off_t)row->html_off, SEEK_SET) != 0 ||
                fread(chunk, 1, row->html_len, r->html_tmp) != row->html_len)
                goto io_fail;
            fwrite(chunk, 1, row->html_len, out);
        }
        buf_puts(&b, "</details>\n");
    }
    buf_puts(&b, "</section>\n");
    if (r->nskip_notes) {
        buf_printf(&b, "<section id=\"skipped\"><h2>跳过的文件 (%d)</h2><ul class=\"skips\">",
                   r->files_skipped);
        for (int i = 0; i < r->nskip_notes; i++) {
            buf_puts(&b, "<li>");
            buf_html0(&b, r->skip_notes[i]);
            buf_puts(&b, "</li>");
        }
        if (r->files_skipped > r->nskip_notes)
            buf_printf(&b, "<li>… 另有 %d 个</li>", r->files_skipped - r->nskip_notes);
        buf_puts(&b, "</ul></section>\n");
    }
    buf_printf(&b, "<footer>read %d files, skipped %d</footer>\n</main>\n</body>\n</html>\n",
               r->files_read, r->files_skipped);
    if (b.oom)
        goto oom;
    flush_buf(&b, out);
    buf_free(&b);
    free(chunk);
    if (ferror(out)) {
        kerr_set(err, "report: cannot write the HTML: %s", strerror(errno));
        return -1;
    }
    return 0;
oom:
    buf_free(&b);
    free(chunk);
    kerr_set(err, "report: out of memory writing the HTML");
    return -1;
io_fail:
    buf_free(&b);
    free(chunk);
    kerr_set(err, "report: cannot read back the drill-down's temporary file: %s", strerror(errno));
    return -1;
}
