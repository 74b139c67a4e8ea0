/* cmd_analyze: kefu analyze [FILE|-] — batch analysis of replies, JSONL in, JSONL out in the
 * same order, each hit with its evidence span (byte offsets into the original reply). */
#include <cjson/cJSON.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "commands.h"
#include "persona.h"
#include "rubric.h"
#include "text.h"

#define OUT_BUFFER (1 << 20)

static void usage(FILE *f)
{
    fprintf(f, "usage: kefu analyze [FILE|-] [--rubric FILE]\n"
               "  Reads JSONL lines {\"id\", \"reply\", \"persona\"?, \"customer\"?, \"after\"?, "
               "\"turn\"?}\n"
               "  and writes one line per input line: {\"id\", \"hits\": [...], \"chars\"} or "
               "{\"id\", \"error\"}.\n"
               "  --rubric FILE   the catalog (default: rubric.lua in the scenarios folder)\n");
}

/* ---------------------------------------------------------------- output */

/* Writes s[0..n) as a JSON string. s is valid UTF-8: only quotes, backslashes and control
 * characters need escaping. */
static void put_json_string(FILE *out, const char *s, size_t n)
{
    static const char hex[] = "0123456789abcdef";
    size_t run = 0;
    putc('"', out);
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c >= 0x20 && c != '"' && c != '\\')
            continue;
        fwrite(s + run, 1, i - run, out);
        run = i + 1;
        switch (c) {
        case '"':
            fputs("\\\"", out);
            break;
        case '\\':
            fputs("\\\\", out);
            break;
        case '\n':
            fputs("\\n", out);
            break;
        case '\r':
            fputs("\\r", out);
            break;
        case '\t':
            fputs("\\t", out);
            break;
        default:
            fputs("\\u00", out);
            putc(hex[c >> 4], out);
            putc(hex[c & 15], out);
        }
    }
    fwrite(s + run, 1, n - run, out);
    putc('"', out);
}

/* The input's id, echoed as it was (null when absent or unprintable). */
static void put_id(FILE *out, const cJSON *id)
{
    if (id && cJSON_IsString(id) && text_valid_utf8(id->valuestring, strlen(id->valuestring), NULL)) {
        put_json_string(out, id->valuestring, strlen(id->valuestring));
        return;
    }
    if (id && (cJSON_IsNumber(id) || cJSON_IsBool(id))) {
        char *s = cJSON_PrintUnformatted(id);
        if (s) {
            fputs(s, out);
            cJSON_free(s);
            return;
        }
    }
    fputs("null", out);
}

static void put_error(FILE *out, const cJSON *id, long line, const char *msg)
{
    char buf[600];
    snprintf(buf, sizeof buf, "line %ld: %s", line, msg);
    fputs("{\"id\":", out);
    put_id(out, id);
    fputs(",\"error\":", out);
    put_json_string(out, buf, strlen(buf));
    fputs("}\n", out);
}

static void put_hits(FILE *out, const Rubric *r, const cJSON *id, const char *reply, size_t len,
                     const HitList *hits)
{
    fputs("{\"id\":", out);
    put_id(out, id);
    fputs(",\"hits\":[", out);
    for (int i = 0; i < hits->n; i++) {
        const Hit *h = &hits->v[i];
        const Principle *p = rubric_principle(r, h->principle);
        fputs(i ? ",{\"principle\":" : "{\"principle\":", out);
        put_json_string(out, p->id, strlen(p->id));
        fputs(p->kind == KIND_VIOLATION ? ",\"kind\":\"violation\"" : ",\"kind\":\"technique\"",
              out);
        fprintf(out, ",\"start\":%d,\"end\":%d,\"evidence\":", h->start, h->end);
        put_json_string(out, reply + h->start, (size_t)(h->end - h->start));
        fputs(",\"source\":", out);
        put_json_string(out, p->source, strlen(p->source));
        putc('}', out);
    }
    fprintf(out, "],\"chars\":%zu}\n", text_chars(reply, len));
}

/* ---------------------------------------------------------------- one line */

static int blank(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (s[i] != ' ' && s[i] != '\t' && s[i] != '\r' && s[i] != '\n')
            return 0;
    return 1;
}

/* An optional string field: NULL when absent; sets *bad to a message when it is there but
 * not a valid UTF-8 string. */
static const char *opt_string(const cJSON *obj, const char *key, char *bad, size_t size)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, key);
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

static void analyze_line(Rubric *r, FILE *out, const char *line, size_t n, long lineno,
                         HitList *hits)
{
    const char *end = NULL;
    cJSON *obj = cJSON_ParseWithLengthOpts(line, n, &end, 0);
    if (!obj) {
        const char *at = cJSON_GetErrorPtr();
        char msg[160];
        if (at && at >= line && at <= line + n)
            snprintf(msg, sizeof msg, "invalid JSON at column %ld", (long)(at - line) + 1);
        else
            snprintf(msg, sizeof msg, "invalid JSON");
        put_error(out, NULL, lineno, msg);
        return;
    }
    if (!cJSON_IsObject(obj)) {
        put_error(out, NULL, lineno, "expected a JSON object {\"id\": ..., \"reply\": ...}");
        cJSON_Delete(obj);
        return;
    }
    const cJSON *id = cJSON_GetObjectItemCaseSensitive(obj, "id");
    const cJSON *reply = cJSON_GetObjectItemCaseSensitive(obj, "reply");
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
    if (!text_valid_utf8(reply->valuestring, len, &at)) {
        snprintf(bad, sizeof bad, "\"reply\" is not valid UTF-8 (bad byte at offset %zu)", at);
        put_error(out, id, lineno, bad);
        goto done;
    }
    ReplyContext ctx = {NULL, NULL, -1, -1, NULL};
    ctx.persona = opt_string(obj, "persona", bad, sizeof bad);
    if (!*bad)
        ctx.customer = opt_string(obj, "customer", bad, sizeof bad);
    const cJSON *after = cJSON_GetObjectItemCaseSensitive(obj, "after");
    if (!*bad && after && !cJSON_IsNull(after)) {
        if (cJSON_IsNumber(after))
            ctx.after = after->valuedouble;
        else
            snprintf(bad, sizeof bad, "\"after\" must be a number of seconds");
    }
    const cJSON *turn = cJSON_GetObjectItemCaseSensitive(obj, "turn");
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
        put_error(out, id, lineno, "out of memory");
        goto done;
    }
    put_hits(out, r, id, reply->valuestring, len, hits);
done:
    cJSON_Delete(obj);
}

/* ---------------------------------------------------------------- the command */

int cmd_analyze(int argc, char **argv)
{
    const char *input = NULL, *rubric_file = NULL;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--rubric") == 0) {
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

    char path[4096];
    if (!rubric_file) {
        snprintf(path, sizeof path, "%s/rubric.lua", scenario_dir(NULL));
        rubric_file = path;
    }
    FILE *in = stdin;
    if (input && strcmp(input, "-") != 0) {
        in = fopen(input, "rb");
        if (!in) {
            fprintf(stderr, "kefu analyze: %s: %s\n", input, strerror(errno));
            return EXIT_BAD_INPUT;
        }
    }
    KefuError err;
    Rubric *r = rubric_load(rubric_file, &err);
    if (!r) {
        fprintf(stderr, "kefu analyze: %s\n", err.msg);
        if (in != stdin)
            fclose(in);
        return EXIT_BAD_INPUT;
    }

    static char outbuf[OUT_BUFFER];
    setvbuf(stdout, outbuf, _IOFBF, sizeof outbuf);
    HitList hits = {0};
    char *line = NULL;
    size_t cap = 0;
    ssize_t got;
    long lineno = 0;
    while ((got = getline(&line, &cap, in)) != -1) {
        lineno++;
        if (blank(line, (size_t)got))
            continue;
        analyze_line(r, stdout, line, (size_t)got, lineno, &hits);
    }
    int status = EXIT_OK;
    if (ferror(in)) {
        fprintf(stderr, "kefu analyze: %s: read error after line %ld\n",
                input && strcmp(input, "-") != 0 ? input : "stdin", lineno);
        status = EXIT_BAD_INPUT;
    }
    if (fflush(stdout) != 0) {
        fprintf(stderr, "kefu analyze: cannot write the output: %s\n", strerror(errno));
        status = EXIT_BAD_INPUT;
    }
    free(line);
    hits_deinit(&hits);
    rubric_destroy(r);
    if (in != stdin)
        fclose(in);
    return status;
}
