/* cmd_analyze: kefu analyze [FILE|-] — batch analysis of replies, JSONL in, JSONL out in the
 * same order, each hit with its evidence span (byte offsets into the original reply). */
#include <cjson/cJSON.h>
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/platform.h"
#include "base/text.h"
#include "cli_common.h"
#include "commands.h"
#include "judge/rubric.h"
#include "persona/persona.h"

#define OUT_BUFFER (1 << 20)

const char cmd_analyze_usage[] =
    "usage: kefu analyze [FILE|-] [--rubric FILE] [--scenarios DIR]\n"
    "  Reads JSONL lines {\"id\", \"reply\", \"persona\"?, \"customer\"?, \"after\"?, \"turn\"?}\n"
    "  and writes one line per input line: {\"id\", \"hits\": [...], \"chars\"} or "
    "{\"id\", \"error\"}.\n"
    "  --rubric FILE    the catalog (default: rubric.lua in the scenarios folder)\n"
    "  --scenarios DIR  the scenarios folder holding rubric.lua\n";

static void usage(FILE *f)
{
    fputs(cmd_analyze_usage, f);
}

/* ---------------------------------------------------------------- output */

/* Output is assembled in one buffer and written in large blocks: a stdio call per JSON
 * token would cost more than the analysis itself. */
typedef struct Out {
    char *b;
    size_t len, cap;
    FILE *f;
    int failed;
} Out;

static void out_flush(Out *o)
{
    if (o->len && fwrite(o->b, 1, o->len, o->f) != o->len)
        o->failed = 1;
    o->len = 0;
}

static void out_put_slow(Out *o, const char *s, size_t n)
{
    out_flush(o);
    if (n > o->cap) {
        if (fwrite(s, 1, n, o->f) != n)
            o->failed = 1;
        return;
    }
    memcpy(o->b, s, n);
    o->len = n;
}

static inline void out_put(Out *o, const char *s, size_t n)
{
    if (o->len + n > o->cap) {
        out_put_slow(o, s, n);
        return;
    }
    memcpy(o->b + o->len, s, n);
    o->len += n;
}

#define OUT_LIT(o, lit) out_put((o), (lit), sizeof(lit) - 1)

static void out_str(Out *o, const char *s)
{
    out_put(o, s, strlen(s));
}

/* Bytes a JSON string must escape: quotes, backslashes and control characters (s is valid
 * UTF-8, so every other byte goes out as it is). */
static inline int needs_escape(unsigned char c)
{
    return c < 0x20 || c == '"' || c == '\\';
}

/* Writes s[0..n) as a JSON string: the runs between escapes are copied whole. */
static void put_json_string(Out *o, const char *s, size_t n)
{
    static const char hex[] = "0123456789abcdef";
    const unsigned char *u = (const unsigned char *)s;
    size_t run = 0;
    out_put(o, "\"", 1);
    for (size_t i = 0; i < n; i++) {
        if (!needs_escape(u[i]))
            continue;
        out_put(o, s + run, i - run);
        run = i + 1;
        unsigned char c = u[i];
        char esc[6] = {'\\', 'u', '0', '0', hex[c >> 4], hex[c & 15]};
        switch (c) {
        case '"':
            out_put(o, "\\\"", 2);
            break;
        case '\\':
            out_put(o, "\\\\", 2);
            break;
        case '\n':
            out_put(o, "\\n", 2);
            break;
        case '\r':
            out_put(o, "\\r", 2);
            break;
        case '\t':
            out_put(o, "\\t", 2);
            break;
        default:
            out_put(o, esc, 6);
        }
    }
    out_put(o, s + run, n - run);
    out_put(o, "\"", 1);
}

/* Writes a non-negative number. */
static void put_num(Out *o, size_t v)
{
    char b[24];
    int i = (int)sizeof b;
    do {
        b[--i] = (char)('0' + v % 10);
        v /= 10;
    } while (v);
    out_put(o, b + i, sizeof b - (size_t)i);
}

/* The constant parts of every principle's hit, rendered once per run:
 * {"principle":"ID","kind":"KIND","start": ... ,"source":"SOURCE"} */
typedef struct HitText {
    char *head, *tail;
    size_t head_len, tail_len;
} HitText;

/* Renders what put_json_string writes into a fresh string (NULL out of memory). */
static char *render(const char *before, const char *value, const char *after, size_t *len)
{
    char buf[4096];
    Out o = {buf, 0, sizeof buf, NULL, 0};
    out_str(&o, before);
    put_json_string(&o, value, strlen(value));
    out_str(&o, after);
    if (o.len + 1 > sizeof buf || o.failed)
        return NULL;
    char *s = malloc(o.len + 1);
    if (s) {
        memcpy(s, buf, o.len);
        s[o.len] = '\0';
        *len = o.len;
    }
    return s;
}

static void hit_texts_free(HitText *t, int n)
{
    for (int i = 0; t && i < n; i++) {
        free(t[i].head);
        free(t[i].tail);
    }
    free(t);
}

static HitText *hit_texts(const Rubric *r)
{
    int n = rubric_count(r);
    HitText *t = calloc((size_t)(n ? n : 1), sizeof *t);
    for (int i = 0; t && i < n; i++) {
        const Principle *p = rubric_principle(r, i);
        const char *kind = p->kind == KIND_VIOLATION ? ",\"kind\":\"violation\",\"start\":"
                                                     : ",\"kind\":\"technique\",\"start\":";
        t[i].head = render("{\"principle\":", p->id, kind, &t[i].head_len);
        t[i].tail = render(",\"source\":", p->source, "}", &t[i].tail_len);
        if (!t[i].head || !t[i].tail) {
            hit_texts_free(t, n);
            return NULL;
        }
    }
    return t;
}

/* A string id, echoed as it was (null when it is not valid UTF-8). */
static void put_id_string(Out *o, const char *s)
{
    size_t n = strlen(s);
    if (text_valid_utf8(s, n, NULL))
        put_json_string(o, s, n);
    else
        out_str(o, "null");
}

/* The input's id, echoed as it was (null when absent or unprintable). */
static void put_id(Out *o, const cJSON *id)
{
    if (id && cJSON_IsString(id)) {
        put_id_string(o, id->valuestring);
        return;
    }
    if (id && (cJSON_IsNumber(id) || cJSON_IsBool(id))) {
        char *s = cJSON_PrintUnformatted(id);
        if (s) {
            out_str(o, s);
            cJSON_free(s);
            return;
        }
    }
    out_str(o, "null");
}

static void put_error(Out *o, const cJSON *id, long line, const char *msg)
{
    char buf[600];
    snprintf(buf, sizeof buf, "line %ld: %s", line, msg);
    out_str(o, "{\"id\":");
    put_id(o, id);
    out_str(o, ",\"error\":");
    put_json_string(o, buf, strlen(buf));
    out_str(o, "}\n");
}

/* The output line of a judged reply; the id is id_string when that is not NULL (the plain
 * reader's), else id (cJSON's). */
static void put_hits(Out *o, const HitText *texts, const cJSON *id, const char *id_string,
                     const char *reply, size_t chars, const HitList *hits)
{
    OUT_LIT(o, "{\"id\":");
    if (id_string)
        put_id_string(o, id_string);
    else
        put_id(o, id);
    OUT_LIT(o, ",\"hits\":[");
    for (int i = 0; i < hits->n; i++) {
        const Hit *h = &hits->v[i];
        const HitText *t = &texts[h->principle];
        if (i)
            OUT_LIT(o, ",");
        out_put(o, t->head, t->head_len);
        put_num(o, (size_t)h->start);
        OUT_LIT(o, ",\"end\":");
        put_num(o, (size_t)h->end);
        OUT_LIT(o, ",\"evidence\":");
        put_json_string(o, reply + h->start, (size_t)(h->end - h->start));
        out_put(o, t->tail, t->tail_len);
    }
    OUT_LIT(o, "],\"chars\":");
    put_num(o, chars);
    OUT_LIT(o, "}\n");
}

/* Counts the code points of s[0..n) when it is valid UTF-8; returns -1 (and the offset of
 * the first bad byte in *bad) when it is not. One pass for both answers. */
static long utf8_chars(const char *s, size_t n, size_t *bad)
{
    if (!text_valid_utf8(s, n, bad))
        return -1;
    long chars = 0;
    for (size_t i = 0; i < n; i++)
        chars += ((unsigned char)s[i] & 0xC0) != 0x80;
    return chars;
}

/* ---------------------------------------------------------------- parsing memory */

/* cJSON allocates every node, key and string of a line on its own; a line's objects all die
 * together when the next line is read, so they come from one block reused line after line
 * (freeing inside it does nothing). What does not fit goes to malloc as usual, and the
 * block grows before the next line so it fits next time. cJSON cannot tell running out of
 * memory from bad input (both are a NULL), so the arena notes when malloc failed: oom. */
typedef struct Arena {
    char *b;
    size_t used, cap, wanted;
    int oom;
} Arena;

static Arena arena;

static int in_arena(const void *p)
{
    uintptr_t a = (uintptr_t)arena.b, x = (uintptr_t)p;
    return arena.b && x >= a && x < a + arena.cap;
}

static void *arena_malloc(size_t n)
{
    n = (n + 15) & ~(size_t)15;
    arena.wanted += n;
    if (n <= arena.cap - arena.used) {
        void *p = arena.b + arena.used;
        arena.used += n;
        return p;
    }
    void *p = malloc(n);
    if (!p)
        arena.oom = 1;
    return p;
}

static void arena_free(void *p)
{
    if (!in_arena(p))
        free(p);
}

/* Forgets the line's objects (after cJSON_Delete) and makes room for a line like it. */
static void arena_reset(void)
{
    if (arena.wanted > arena.cap) {
        size_t cap = arena.cap ? arena.cap : 4096;
        while (cap < arena.wanted)
            cap *= 2;
        char *b = malloc(cap);
        if (b) {
            free(arena.b);
            arena.b = b;
            arena.cap = cap;
        }
    }
    arena.used = arena.wanted = 0;
}

/* ---------------------------------------------------------------- one line */

static int blank(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (s[i] != ' ' && s[i] != '\t' && s[i] != '\r' && s[i] != '\n')
            return 0;
    return 1;
}

/* An optional string field v (named key): NULL when absent; sets *bad to a message when it
 * is there but not a valid UTF-8 string. */
static const char *opt_string(const cJSON *v, const char *key, char *bad, size_t size)
{
    if (!v || cJSON_IsNull(v))
        return NULL;
    if (!cJSON_IsString(v)) {
        snprintf(bad, size, "\"%s\" must be a string", key);
        return NULL;
    }
    size_t at;
    if (!text_valid_utf8(v->valuestring, strlen(v->valuestring), &at)) {
        snprintf(bad, size, "\"%s\" is not valid UTF-8 (bad byte at offset %zu)", key, at);
        return NULL;
    }
    return v->valuestring;
}

/* ---------------------------------------------------------------- the plain reader */

/* Most lines are a flat object of plain strings and numbers, every field as it should be. The
 * plain reader takes those in one pass over a copy of the line, without building a tree; any
 * line it is not sure of (an escape, a control character, a nested value deeper than a few
 * levels, a field of the wrong type, anything an error message would be written for) it leaves
 * to cJSON, so what a line yields never depends on which reader read it. It reads as cJSON
 * 1.7 does: bytes up to 32 between tokens are white space, a number is the longest run of
 * 0-9 + - e E . that strtod reads whole, and the last of repeated fields counts. */
typedef struct Plain {
    char *b; /* the copy of the line, its strings NUL-terminated in place */
    size_t cap;
    const char *id, *reply, *persona, *customer; /* NULL: absent (or null, except id) */
    size_t reply_len;
    double after, turn;
    int has_after, has_turn;
    int off; /* KEFU_ANALYZE_CJSON_ONLY set: every line goes to cJSON (tests compare the two) */
} Plain;

static Plain plain;

#define PLAIN_DEPTH 4 /* arrays and objects nested deeper go to cJSON */

static size_t plain_ws(const char *b, size_t n, size_t i)
{
    while (i < n && (unsigned char)b[i] <= 32)
        i++;
    return i;
}

/* A string starting at b[i] == '"': NUL-terminates it in place and returns the offset after
 * its closing quote, or 0 when the plain reader leaves it to cJSON. */
static size_t plain_string(char *b, size_t n, size_t i, const char **s, size_t *len)
{
    /* the bytes a plain string stops at: its quote, an escape, a control character (the NUL
     * after the copy of the line among them) */
    static const unsigned char stop[256] = {
        1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
        1, 1, ['"'] = 1, ['\\'] = 1};
    size_t j = i + 1;
    while (!stop[(unsigned char)b[j]])
        j++;
    if (j >= n || b[j] != '"')
        return 0;
    b[j] = '\0';
    *s = b + i + 1;
    *len = j - i - 1;
    return j + 1;
}

/* A value starting at b[i] (past white space). Kinds: 's' string, 'n' number, 'z' null,
 * 'o' anything else (true, false, an array or object: skipped). Returns the offset after
 * it, or 0 to leave the line to cJSON. */
static size_t plain_value(char *b, size_t n, size_t i, int depth, char *kind, const char **s,
                          size_t *len, double *num)
{
    if (i >= n)
        return 0;
    char c = b[i];
    if (c == '"') {
        *kind = 's';
        return plain_string(b, n, i, s, len);
    }
    if (c == '-' || (c >= '0' && c <= '9')) {
        char tmp[64];
        size_t k = 0;
        while (i + k < n && k < sizeof tmp - 1 && strchr("0123456789+-eE.", b[i + k]) &&
               b[i + k] != '\0')
            k++;
        if (k == sizeof tmp - 1)
            return 0;
        memcpy(tmp, b + i, k);
        tmp[k] = '\0';
        char *end;
        *num = strtod(tmp, &end);
        if (end != tmp + k)
            return 0;
        *kind = 'n';
        return i + k;
    }
    static const char *const words[] = {"null", "false", "true"};
    for (int w = 0; w < 3; w++) {
        size_t wl = strlen(words[w]);
        if (n - i >= wl && memcmp(b + i, words[w], wl) == 0) {
            *kind = w == 0 ? 'z' : 'o';
            return i + wl;
        }
    }
    if ((c != '[' && c != '{') || depth >= PLAIN_DEPTH)
        return 0;
    /* an array or object nobody reads: its values must still be well formed */
    char close = c == '[' ? ']' : '}';
    *kind = 'o';
    i = plain_ws(b, n, i + 1);
    if (i < n && b[i] == close)
        return i + 1;
    for (;;) {
        const char *ks;
        size_t kl;
        char kk;
        double kn;
        if (close == '}') {
            if (i >= n || b[i] != '"' || !(i = plain_string(b, n, i, &ks, &kl)))
                return 0;
            i = plain_ws(b, n, i);
            if (i >= n || b[i] != ':')
                return 0;
            i = plain_ws(b, n, i + 1);
        }
        if (!(i = plain_value(b, n, i, depth + 1, &kk, &ks, &kl, &kn)))
            return 0;
        i = plain_ws(b, n, i);
        if (i < n && b[i] == ',') {
            i = plain_ws(b, n, i + 1);
            continue;
        }
        if (i < n && b[i] == close)
            return i + 1;
        return 0;
    }
}

/* Reads line[0..n) into plain. Returns 1 when it is a line the plain reader takes (the fields
 * as analyze_line would accept them), 0 to leave it to cJSON, -1 out of memory. */
static int plain_read(const char *line, size_t n)
{
    if (n + 1 > plain.cap) {
        size_t cap = plain.cap ? plain.cap : 4096;
        while (cap < n + 1)
            cap *= 2;
        char *b = malloc(cap);
        if (!b)
            return -1;
        free(plain.b);
        plain.b = b;
        plain.cap = cap;
    }
    char *b = plain.b;
    memcpy(b, line, n);
    b[n] = '\0';
    plain.id = plain.reply = plain.persona = plain.customer = NULL;
    plain.has_after = plain.has_turn = 0;
    size_t i = plain_ws(b, n, 0);
    if (i >= n || b[i] != '{')
        return 0;
    i = plain_ws(b, n, i + 1);
    for (;;) {
        const char *key, *v = NULL;
        size_t klen, vlen = 0;
        char kind;
        double num = 0;
        if (i >= n || b[i] != '"' || !(i = plain_string(b, n, i, &key, &klen)))
            return 0;
        i = plain_ws(b, n, i);
        if (i >= n || b[i] != ':')
            return 0;
        i = plain_ws(b, n, i + 1);
        if (!(i = plain_value(b, n, i, 0, &kind, &v, &vlen, &num)))
            return 0;
        /* the fields analyze_line reads, each only of the type it accepts without a word */
        if (strcmp(key, "reply") == 0) {
            if (kind != 's')
                return 0;
            plain.reply = v;
            plain.reply_len = vlen;
        } else if (strcmp(key, "id") == 0) {
            if (kind != 's')
                return 0; /* a number's printing, null: cJSON's */
            plain.id = v;
        } else if (strcmp(key, "customer") == 0 || strcmp(key, "persona") == 0) {
            if (kind != 's' && kind != 'z')
                return 0;
            if (kind == 's' && !text_valid_utf8(v, vlen, NULL))
                return 0;
            *(key[0] == 'c' ? &plain.customer : &plain.persona) = kind == 's' ? v : NULL;
        } else if (strcmp(key, "after") == 0) {
            if (kind != 'n' && kind != 'z')
                return 0;
            plain.has_after = kind == 'n';
            plain.after = num;
        } else if (strcmp(key, "turn") == 0) {
            if (kind == 'n' && !(num >= 0 && num < 1e6))
                return 0;
            if (kind != 'n' && kind != 'z')
                return 0;
            plain.has_turn = kind == 'n';
            plain.turn = num;
        }
        i = plain_ws(b, n, i);
        if (i < n && b[i] == ',') {
            i = plain_ws(b, n, i + 1);
            continue;
        }
        if (i < n && b[i] == '}')
            break;
        return 0;
    }
    return plain.reply != NULL;
}

/* Writes the output line for one input line. Returns 0, or -1 out of memory: then the line
 * may not have been judged or written right, and the run must stop with an error rather
 * than go on with a wrong answer (an "invalid JSON" that was really out of memory, an id
 * printed as null, a reply without its hits). */
static int analyze_line(Rubric *r, const HitText *texts, Out *out, const char *line, size_t n,
                        long lineno, HitList *hits)
{
    const char *end = NULL;
    int rc = 0;
    int pr = plain.off ? 0 : plain_read(line, n);
    if (pr < 0)
        return -1;
    if (pr > 0) {
        long chars = utf8_chars(plain.reply, plain.reply_len, NULL);
        if (chars >= 0) {
            ReplyContext ctx = {plain.persona, plain.customer, -1, -1, NULL};
            if (plain.has_after)
                ctx.after = plain.after;
            if (plain.has_turn)
                ctx.turn = (int)plain.turn;
            if (rubric_analyze(r, plain.reply, plain.reply_len, &ctx, hits) < 0)
                return -1;
            /* without an id, put_hits writes the null put_id writes for none */
            put_hits(out, texts, NULL, plain.id, plain.reply, (size_t)chars, hits);
            return 0;
        }
        /* a reply that is not valid UTF-8: cJSON's path writes the error */
    }
    arena.oom = 0;
    cJSON *obj = cJSON_ParseWithLengthOpts(line, n, &end, 0);
    if (!obj && arena.oom)
        return -1;
    if (!obj) {
        const char *at = cJSON_GetErrorPtr();
        char msg[160];
        if (at && at >= line && at <= line + n)
            snprintf(msg, sizeof msg, "invalid JSON at column %ld", (long)(at - line) + 1);
        else
            snprintf(msg, sizeof msg, "invalid JSON");
        put_error(out, NULL, lineno, msg);
        return 0;
    }
    if (!cJSON_IsObject(obj)) {
        put_error(out, NULL, lineno, "expected a JSON object {\"id\": ..., \"reply\": ...}");
        cJSON_Delete(obj);
        return 0;
    }
    /* one pass over the fields (unknown ones, such as labels, are ignored) */
    const cJSON *id = NULL, *reply = NULL, *persona = NULL, *customer = NULL, *after = NULL,
                *turn = NULL;
    for (const cJSON *f = obj->child; f; f = f->next) {
        const char *k = f->string;
        if (!k)
            continue;
        if (strcmp(k, "reply") == 0)
            reply = f;
        else if (strcmp(k, "id") == 0)
            id = f;
        else if (strcmp(k, "customer") == 0)
            customer = f;
        else if (strcmp(k, "persona") == 0)
            persona = f;
        else if (strcmp(k, "after") == 0)
            after = f;
        else if (strcmp(k, "turn") == 0)
            turn = f;
    }
    char bad[200] = "";
    size_t at;
    if (!reply) {
        put_error(out, id, lineno, "missing \"reply\"");
        goto done;
    }
    if (!cJSON_IsString(reply)) {
        put_error(out, id, lineno, "\"reply\" must be a string");
        goto done;
    }
    size_t len = strlen(reply->valuestring);
    long chars = utf8_chars(reply->valuestring, len, &at);
    if (chars < 0) {
        snprintf(bad, sizeof bad, "\"reply\" is not valid UTF-8 (bad byte at offset %zu)", at);
        put_error(out, id, lineno, bad);
        goto done;
    }
    ReplyContext ctx = {NULL, NULL, -1, -1, NULL};
    ctx.persona = opt_string(persona, "persona", bad, sizeof bad);
    if (!*bad)
        ctx.customer = opt_string(customer, "customer", bad, sizeof bad);
    if (!*bad && after && !cJSON_IsNull(after)) {
        if (cJSON_IsNumber(after))
            ctx.after = after->valuedouble;
        else
            snprintf(bad, sizeof bad, "\"after\" must be a number of seconds");
    }
    if (!*bad && turn && !cJSON_IsNull(turn)) {
        if (cJSON_IsNumber(turn) && turn->valuedouble >= 0 && turn->valuedouble < 1e6)
            ctx.turn = (int)turn->valuedouble;
        else
            snprintf(bad, sizeof bad, "\"turn\" must be a number from 0");
    }
    if (*bad) {
        put_error(out, id, lineno, bad);
        goto done;
    }
    if (rubric_analyze(r, reply->valuestring, len, &ctx, hits) < 0) {
        rc = -1;
        goto done;
    }
    put_hits(out, texts, id, NULL, reply->valuestring, (size_t)chars, hits);
done:
    cJSON_Delete(obj);
    return arena.oom ? -1 : rc; /* put_id's cJSON_PrintUnformatted may have failed */
}

/* ---------------------------------------------------------------- the command */

int cmd_analyze(int argc, char **argv)
{
    const char *input = NULL, *rubric_file = NULL, *dir = NULL;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--scenarios") == 0) {
            if (!(dir = cli_value("analyze", argc, argv, &i))) {
                usage(stderr);
                return EXIT_USAGE;
            }
        } else if (strcmp(argv[i], "--rubric") == 0) {
            if (++i >= argc) {
                fprintf(stderr, "kefu analyze: --rubric needs a file\n");
                usage(stderr);
                return EXIT_USAGE;
            }
            rubric_file = argv[i];
        } else if (strncmp(argv[i], "--rubric=", 9) == 0) {
            rubric_file = argv[i] + 9;
        } else if (strcmp(argv[i], "-h") == 0 || strcmp(argv[i], "--help") == 0) {
            usage(stdout);
            return EXIT_OK;
        } else if (argv[i][0] == '-' && argv[i][1] != '\0') {
            fprintf(stderr, "kefu analyze: unknown option %s\n", argv[i]);
            usage(stderr);
            return EXIT_USAGE;
        } else if (input) {
            fprintf(stderr, "kefu analyze: one input file at most (got %s and %s)\n", input,
                    argv[i]);
            usage(stderr);
            return EXIT_USAGE;
        } else {
            input = argv[i];
        }
    }

    FILE *in = stdin;
    if (input && strcmp(input, "-") != 0) {
        in = plat_fopen(input, "rb");
        if (!in) {
            fprintf(stderr, "kefu analyze: %s: %s\n", input, strerror(errno));
            return EXIT_BAD_INPUT;
        }
    }
    Rubric *r = cli_load_rubric("analyze", dir, rubric_file);
    if (!r) {
        if (in != stdin)
            fclose(in);
        return EXIT_BAD_INPUT;
    }

    HitText *texts = hit_texts(r);
    if (!texts) {
        fprintf(stderr, "kefu analyze: out of memory\n");
        rubric_destroy(r);
        if (in != stdin)
            fclose(in);
        return EXIT_BAD_INPUT;
    }
    plain.off = getenv("KEFU_ANALYZE_CJSON_ONLY") != NULL;
    cJSON_Hooks hooks = {arena_malloc, arena_free};
    cJSON_InitHooks(&hooks);
    static char outbuf[OUT_BUFFER];
    Out out = {outbuf, 0, sizeof outbuf, stdout, 0};
    HitList hits = {0};
    char *line = NULL;
    size_t cap = 0;
    long got;
    long lineno = 0;
    int status = EXIT_OK;
    /* errno tells a line too long for memory (ENOMEM) from the end of the input. */
    while ((errno = 0, got = plat_getline(&line, &cap, in)) != -1) {
        lineno++;
        if (blank(line, (size_t)got))
            continue;
        if (analyze_line(r, texts, &out, line, (size_t)got, lineno, &hits) < 0) {
            fprintf(stderr, "kefu analyze: line %ld: out of memory (the output is incomplete)\n",
                    lineno);
            status = EXIT_BAD_INPUT;
            break;
        }
        arena_reset();
    }
    if (got == -1 && errno == ENOMEM) {
        fprintf(stderr, "kefu analyze: line %ld: out of memory (the output is incomplete)\n",
                lineno + 1);
        status = EXIT_BAD_INPUT;
    }
    cJSON_InitHooks(NULL);
    free(arena.b);
    arena = (Arena){0};
    free(plain.b);
    plain = (Plain){0};
    if (status == EXIT_OK && ferror(in)) {
        fprintf(stderr, "kefu analyze: %s: read error after line %ld\n",
                input && strcmp(input, "-") != 0 ? input : "stdin", lineno);
        status = EXIT_BAD_INPUT;
    }
    out_flush(&out);
    if (out.failed || fflush(stdout) != 0) {
        fprintf(stderr, "kefu analyze: cannot write the output: %s\n", strerror(errno));
        status = EXIT_BAD_INPUT;
    }
    free(line);
    hits_deinit(&hits);
    hit_texts_free(texts, rubric_count(r));
    rubric_destroy(r);
    if (in != stdin)
        fclose(in);
    return status;
}
