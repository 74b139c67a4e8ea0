/* playback: scripted replies and playing them against a session on a virtual clock. */
#include "persona/playback.h"

#include <cjson/cJSON.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/text.h"
#include "lua/srcfile.h"

void script_deinit(Script *s)
{
    for (int i = 0; i < s->n; i++) {
        free(s->v[i].text);
        if (s->to)
            free(s->to[i]);
    }
    free(s->v);
    free(s->to);
    free(s->line);
    memset(s, 0, sizeof *s);
}

int script_add(Script *s, double after, double typing, const char *text)
{
    if (s->n == s->cap) {
        int cap = s->cap ? s->cap * 2 : 32;
        Scripted *v = realloc(s->v, (size_t)cap * sizeof *v);
        if (!v)
            return -1;
        s->v = v;
        if (s->to) { /* a rush's companions grow with the replies, before one is written */
            char **t = realloc(s->to, (size_t)cap * sizeof *t);
            if (!t)
                return -1;
            s->to = t;
            int *l = realloc(s->line, (size_t)cap * sizeof *l);
            if (!l)
                return -1;
            s->line = l;
        }
        s->cap = cap;
    }
    char *copy = strdup(text);
    if (!copy)
        return -1;
    s->v[s->n].after = after;
    s->v[s->n].typing = typing;
    s->v[s->n].text = copy;
    if (s->to) {
        s->to[s->n] = NULL;
        s->line[s->n] = 0;
    }
    s->n++;
    return 0;
}

int script_add_to(Script *s, double after, double typing, const char *text, const char *to,
                  int line)
{
    if (!s->to) {
        size_t cap = (size_t)s->cap + 1;
        s->to = calloc(cap, sizeof *s->to);
        s->line = calloc(cap, sizeof *s->line);
        if (!s->to || !s->line)
            return -1;
    }
    if (script_add(s, after, typing, text) < 0)
        return -1;
    s->line[s->n - 1] = line;
    if (to && !(s->to[s->n - 1] = strdup(to))) {
        free(s->v[--s->n].text);
        return -1;
    }
    if (!to)
        s->to[s->n - 1] = NULL;
    return 0;
}

/* Reads a field that must be a non-negative number; returns 0, -1 with a message. */
static int number_field(const cJSON *obj, const char *key, int required, double *out,
                        const char *path, int line, KefuError *err)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, key);
    if (!v) {
        if (required) {
            kerr_set(err, "%s:%d: missing \"%s\" (seconds since the latest message)", path, line,
                     key);
            return -1;
        }
        return 0;
    }
    if (!cJSON_IsNumber(v) || !(v->valuedouble >= 0) || v->valuedouble > 86400) {
        kerr_set(err, "%s:%d: \"%s\" must be a number of seconds from 0 to 86400", path, line, key);
        return -1;
    }
    *out = v->valuedouble;
    return 0;
}

/* The replies file, read as lua/srcfile reads scenario files (never waiting on a FIFO, only a
 * regular file), but through a link, since scripted replies are the trainer's own. */
static char *read_replies(const char *path, size_t *len_out, KefuError *err)
{
    static const SrcfileRule rule = {(size_t)64 << 20, 1, "replies files"};
    return srcfile_read_as(path, &rule, len_out, err);
}

/* Reads and checks the whole replies file before anything is played, so a bad line never
 * leaves half a session behind. */
int script_load(const char *path, Script *out, KefuError *err)
{
    size_t len = 0;
    char *buf = read_replies(path, &len, err);
    if (!buf)
        return -1;
    int line = 0, rc = -1;
    char *p = buf, *end = buf + len;
    memset(out, 0, sizeof *out);
    while (p < end) {
        char *nl = memchr(p, '\n', (size_t)(end - p));
        size_t n = nl ? (size_t)(nl - p) : (size_t)(end - p);
        line++;
        char *cur = p;
        p = nl ? nl + 1 : end;
        size_t bad = 0;
        if (!text_valid_utf8(cur, n, &bad)) {
            kerr_set(err, "%s:%d: not valid UTF-8 (byte %zu of the line)", path, line, bad + 1);
            goto done;
        }
        size_t k = 0;
        while (k < n && (cur[k] == ' ' || cur[k] == '\t' || cur[k] == '\r'))
            k++;
        if (k == n)
            continue; /* blank line */
        errno = 0; /* malloc's ENOMEM tells running out of memory from a broken line */
        cJSON *obj = cJSON_ParseWithLength(cur, n);
        if (!obj && errno == ENOMEM) {
            kerr_set(err, "%s: out of memory", path);
            goto done;
        }
        if (!obj || !cJSON_IsObject(obj)) {
            kerr_set(err, "%s:%d: not a JSON object like {\"after\": 5, \"text\": \"亲，您好！\"}",
                     path, line);
            cJSON_Delete(obj);
            goto done;
        }
        const cJSON *text = cJSON_GetObjectItemCaseSensitive(obj, "text");
        Scripted s = {0, -1, NULL};
        if (!cJSON_IsString(text)) {
            kerr_set(err, "%s:%d: %s \"text\" (the agent's message, a string)", path, line,
                     text ? "wrong type for" : "missing");
            cJSON_Delete(obj);
            goto done;
        }
        if (number_field(obj, "after", 1, &s.after, path, line, err) < 0 ||
            number_field(obj, "typing", 0, &s.typing, path, line, err) < 0) {
            cJSON_Delete(obj);
            goto done;
        }
        /* A rush's "to": a customer's number (1-based) or persona, kept as text. */
        const cJSON *to = cJSON_GetObjectItemCaseSensitive(obj, "to");
        char to_buf[32];
        const char *to_text = NULL;
        if (cJSON_IsString(to) && to->valuestring[0])
            to_text = to->valuestring;
        else if (cJSON_IsNumber(to) && to->valuedouble >= 1 && to->valuedouble <= 1000 &&
                 to->valuedouble == (double)(int)to->valuedouble) {
            snprintf(to_buf, sizeof to_buf, "%d", (int)to->valuedouble);
            to_text = to_buf;
        } else if (to) {
            kerr_set(err, "%s:%d: \"to\" must be a customer's number (1, 2, ...) or persona id",
                     path, line);
            cJSON_Delete(obj);
            goto done;
        }
        int added = script_add_to(out, s.after, s.typing, text->valuestring, to_text, line);
        cJSON_Delete(obj);
        if (added < 0) {
            kerr_set(err, "%s: out of memory", path);
            goto done;
        }
    }
    if (out->n == 0) {
        kerr_set(err, "%s: no replies in the file", path);
        goto done;
    }
    rc = 0;
done:
    free(buf);
    if (rc < 0)
        script_deinit(out);
    return rc;
}

/* Delivers everything the customer is still composing. */
static int settle(Session *s, KefuError *err)
{
    double t;
    while ((t = session_next_message(s)) >= 0)
        if (session_advance(s, t, err) < 0)
            return -1;
    return 0;
}

int playback_run(Session *s, const Script *script, KefuError *err)
{
    return playback_play(s, script, NULL, NULL, err);
}

int playback_play(Session *s, const Script *script, PlaybackStep step, void *ctx,
                  KefuError *err)
{
    if (session_start(s, err) < 0 || settle(s, err) < 0)
        return -1;
    for (int i = 0; i < script->n && session_accepts_replies(s); i++) {
        if (step && step(ctx, i)) {
            session_end(s, session_now(s), OUTCOME_ABANDONED);
            return 0;
        }
        const Scripted *r = &script->v[i];
        double typing = r->typing >= 0 ? r->typing : 0;
        double at = session_reply_base(s) + r->after + typing;
        if (session_advance(s, at, err) < 0)
            return -1;
        if (!session_accepts_replies(s))
            break; /* the customer left while the agent was still thinking */
        if (session_reply(s, at, r->text, strlen(r->text), r->typing, err) == -1)
            return -1;
        if (settle(s, err) < 0)
            return -1;
    }
    if (session_outcome(s) == OUTCOME_NONE)
        session_end(s, session_now(s), OUTCOME_INCOMPLETE);
    return 0;
}
