/* journal: a session's events appended and flushed as they happen; recovery of the journals of
 * sessions that never finished into results files. */
#include "results/journal.h"

#include <errno.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <cjson/cJSON.h>

#include "base/atomicfile.h"
#include "base/platform.h"
#include "base/text.h"
#include "results/record.h"
#include "results/schema.h"

struct Journal {
    int fd;          /* open, locked, appended to; -1 after a failed append */
    char *head;      /* the head line (with its newline), for journal_restart */
    char dir[3000];  /* the results folder */
    char jdir[3100]; /* dir/.journal */
    char path[3400]; /* jdir/<id>.jsonl */
    char id[160];
    KefuError error; /* the first failed append ("" none) */
};

/* ------------------------------------------------------------------------ files */

/* A new file in jdir holding text, locked (flock) before anyone can see it, durable, and then
 * named path: linked (never replacing; ATOMICFILE_EXISTS when path is taken) or, with replace,
 * renamed over it. The unnamed O_TMPFILE form leaves nothing behind if the process dies; where
 * it is missing a hidden ".<name>.XXXXXX" is used, which recovery removes once unlocked.
 * Returns the open, locked descriptor, ATOMICFILE_EXISTS, or -1 with err. */
static int make_locked(const char *jdir, const char *path, const char *text, int replace,
                       KefuError *err)
{
    char tmp[4200];
    const char *base = plat_last_sep(path) ? plat_last_sep(path) + 1 : path;
    int named = 0, fd = plat_open_anonymous(jdir, 0644);
    snprintf(tmp, sizeof tmp, "%s/.%s.XXXXXX", jdir, base);
    if (fd < 0) {
        fd = plat_mkstemp(tmp);
        named = fd >= 0;
    }
    if (fd < 0 || plat_lock(fd, 1) < 0 || plat_fchmod(fd, 0644) < 0 ||
        atomicfile_write_all(fd, text, strlen(text)) < 0 || plat_fdatasync(fd) < 0)
        goto fail;
    if (!replace) {
        int rc = named ? plat_rename_new(tmp, path) : plat_name_anonymous(fd, path);
        if (rc < 0 && errno == EEXIST) {
            if (named)
                plat_unlink(tmp);
            close(fd);
            return ATOMICFILE_EXISTS;
        }
        if (rc < 0)
            goto fail;
        named = 0; /* tmp is path now */
    } else {
        if (!named) {
            /* rename needs a name: a hidden one, locked like the rest. */
            char *x = tmp + strlen(tmp) - 6;
            for (int tries = 0; !named; tries++) {
                unsigned long r = (unsigned long)rand() ^ (unsigned long)plat_getpid() << 8 ^
                                  (unsigned long)tries * 2654435761UL;
                for (int i = 0; i < 6; i++, r /= 26)
                    x[i] = (char)('a' + r % 26);
                if (plat_name_anonymous(fd, tmp) == 0)
                    named = 1;
                else if (errno != EEXIST || tries > 100)
                    goto fail;
            }
        }
        if (plat_rename(tmp, path) < 0)
            goto fail;
        named = 0;
    }
    if (atomicfile_sync_dir(jdir, err) < 0) {
        close(fd);
        return -1;
    }
    return fd;
fail:;
    int e = errno;
    kerr_set(err, "%s: cannot write: %s", path, strerror(e));
    if (named)
        plat_unlink(tmp);
    if (fd >= 0)
        close(fd);
    errno = e; /* the caller tells a folder that went away (ENOENT) from the rest */
    return -1;
}

/* Removes the journal folder when it holds nothing more (another session's journal keeps it). */
static void drop_dir_if_empty(const char *jdir)
{
    plat_rmdir(jdir);
}

/* ------------------------------------------------------------------------ writing */

static void append(Journal *j, cJSON *o)
{
    char *line = o ? cJSON_PrintUnformatted(o) : NULL;
    cJSON_Delete(o);
    if (j->fd < 0) {
        free(line);
        return;
    }
    int e = ENOMEM;
    if (line) {
        size_t n = strlen(line);
        line[n] = '\n'; /* replaces the NUL: the line goes out in one write */
        if (atomicfile_write_all(j->fd, line, n + 1) == 0 && plat_fdatasync(j->fd) == 0) {
            free(line);
            return;
        }
        e = errno;
    }
    free(line);
    /* A partial line could follow: stop here, leaving a clean prefix of the session. */
    kerr_set(&j->error, "%s: cannot write: %s", j->path, strerror(e));
    close(j->fd);
    j->fd = -1;
}

/* A time or a duration as the journal keeps it: exact (rounding is the result's business). */
static void add_seconds(cJSON *o, const char *key, double v)
{
    if (v < 0)
        cJSON_AddNullToObject(o, key);
    else
        cJSON_AddNumberToObject(o, key, v);
}

static cJSON *message_line(const Message *m)
{
    cJSON *o = cJSON_CreateObject();
    if (!o)
        return NULL;
    cJSON_AddNumberToObject(o, RK_T, m->t);
    cJSON_AddStringToObject(o, RK_FROM, sender_name(m->from));
    cJSON *text = cJSON_CreateString(m->text);
    if (!text || !cJSON_AddItemToObject(o, RK_TEXT, text)) {
        cJSON_Delete(text);
        cJSON_Delete(o);
        return NULL;
    }
    if (m->from == FROM_CUSTOMER && m->nudge)
        cJSON_AddTrueToObject(o, RK_NUDGE);
    if (m->from == FROM_AGENT) {
        add_seconds(o, RK_WAIT_S, m->responding ? m->wait_s : -1);
        add_seconds(o, RK_TYPING_S, m->typing_s);
        cJSON_AddBoolToObject(o, RK_RESPONDING, m->responding);
    }
    return o;
}

static cJSON *outcome_line(Outcome o, double t)
{
    cJSON *line = cJSON_CreateObject();
    if (line) {
        cJSON_AddStringToObject(line, RK_OUTCOME, outcome_name(o));
        cJSON_AddNumberToObject(line, RK_T, t);
    }
    return line;
}

static void sink_message(void *ctx, const Message *m)
{
    append(ctx, message_line(m));
}

static void sink_outcome(void *ctx, Outcome o, double t)
{
    append(ctx, outcome_line(o, t));
}

static void attach(Journal *j, Session *s)
{
    const SessionSink sink = {j, sink_message, sink_outcome};
    session_set_sink(s, &sink);
}

/* The head line: the session's result as it stands before the first message (built by
 * archive_build, the same path as every result) without its scorecard and metrics, marked as a
 * journal. Its outcome is a placeholder ("incomplete") the events replace. */
static char *head_line(Result *res, Rubric *rubric, const Scorecard *card, const char *id)
{
    free(res->id);
    res->id = strdup(id);
    if (!res->id)
        return NULL;
    char *json = record_to_json(res, rubric, card);
    cJSON *root = json ? cJSON_Parse(json) : NULL;
    free(json);
    if (!root)
        return NULL;
    cJSON_DeleteItemFromObjectCaseSensitive(root, RK_SCORECARD);
    cJSON_DeleteItemFromObjectCaseSensitive(root, RK_METRICS);
    char *body = cJSON_PrintUnformatted(root);
    cJSON_Delete(root);
    if (!body || body[0] != '{') {
        free(body);
        return NULL;
    }
    const char *mark = "{\"journal\":\"" JOURNAL_FORMAT "\",";
    size_t n = strlen(mark) + strlen(body + 1) + 2;
    char *line = malloc(n);
    if (line)
        snprintf(line, n, "%s%s\n", mark, body + 1);
    free(body);
    return line;
}

static void trim_dir(const char *in, char *out, size_t size)
{
    size_t n = strlen(in);
    while (n > 1 && in[n - 1] == '/')
        n--;
    snprintf(out, size, "%.*s", (int)n, in);
}

Journal *journal_open(const char *dir, Session *s, Rubric *rubric, const ArchiveInfo *info,
                      KefuError *err)
{
    Journal *j = calloc(1, sizeof *j);
    Result res;
    Scorecard card;
    memset(&res, 0, sizeof res);
    memset(&card, 0, sizeof card);
    if (!j) {
        kerr_set(err, "%s: out of memory opening the journal", dir);
        return NULL;
    }
    j->fd = -1;
    trim_dir(dir, j->dir, sizeof j->dir);
    if (strlen(dir) + 16 > sizeof j->dir) {
        kerr_set(err, "%s: path too long", dir);
        goto fail;
    }
    snprintf(j->jdir, sizeof j->jdir, "%s/%s", j->dir, JOURNAL_DIR);
    if (archive_build(s, rubric, info, &res, &card, err) < 0)
        goto fail;
    res.transcript.outcome = OUTCOME_INCOMPLETE;
    snprintf(j->id, sizeof j->id, "%s", res.id);
    for (int attempt = 0;; attempt++) {
        char result[4400];
        PlatStat st;
        if (attempt > 200) {
            kerr_set(err, "%s: cannot find a free name for the journal", j->jdir);
            goto fail;
        }
        if (attempt > 0) {
            /* Taken (a journal or a result of the same second and scenario): another salt. */
            record_make_id(j->id, sizeof j->id, info->started_at, res.scenario_id,
                           (unsigned long)rand() ^ (unsigned long)clock() ^
                               (unsigned long)attempt * 40503UL);
        }
        snprintf(j->path, sizeof j->path, "%s/%s.jsonl", j->jdir, j->id);
        snprintf(result, sizeof result, "%s/%s.json", j->dir, j->id);
        if (plat_lstat(result, &st) == 0)
            continue;
        free(j->head);
        j->head = head_line(&res, rubric, &card, j->id);
        if (!j->head) {
            kerr_set(err, "%s: out of memory writing the journal", j->path);
            goto fail;
        }
        /* The folder is made here each time: a session that just finished may have removed
         * it (empty) between two attempts. */
        if (atomicfile_mkdirs(j->jdir, err) < 0)
            goto fail;
        int fd = make_locked(j->jdir, j->path, j->head, 0, err);
        if (fd == ATOMICFILE_EXISTS)
            continue;
        if (fd < 0 && errno == ENOENT && attempt < 5)
            continue; /* the folder went away under us: make it again */
        if (fd < 0)
            goto fail;
        j->fd = fd;
        break;
    }
    result_deinit(&res);
    scorecard_deinit(&card);
    attach(j, s);
    return j;
fail:
    result_deinit(&res);
    scorecard_deinit(&card);
    free(j->head);
    free(j);
    return NULL;
}

const char *journal_id(const Journal *j)
{
    return j->id;
}

const char *journal_path(const Journal *j)
{
    return j->path;
}

const char *journal_error(const Journal *j)
{
    return j->error.msg;
}

int journal_restart(Journal *j, Session *s, KefuError *err)
{
    const Transcript *t = session_transcript(s);
    size_t cap = strlen(j->head) + 1, len = 0;
    char *text = malloc(cap);
    if (!text)
        goto oom;
    memcpy(text, j->head, cap);
    len = cap - 1;
    for (int i = 0; i <= t->n; i++) {
        cJSON *o = i < t->n                     ? message_line(&t->msgs[i])
                   : t->outcome != OUTCOME_NONE ? outcome_line(t->outcome, t->ended_t)
                                                : NULL;
        if (i == t->n && !o)
            break;
        char *line = o ? cJSON_PrintUnformatted(o) : NULL;
        cJSON_Delete(o);
        if (!line)
            goto oom;
        size_t n = strlen(line);
        if (len + n + 2 > cap) {
            cap = (len + n + 2) * 2;
            char *bigger = realloc(text, cap);
            if (!bigger) {
                free(line);
                goto oom;
            }
            text = bigger;
        }
        memcpy(text + len, line, n);
        len += n;
        text[len++] = '\n';
        text[len] = '\0';
        free(line);
    }
    int fd = make_locked(j->jdir, j->path, text, 1, err);
    free(text);
    if (fd < 0)
        return -1;
    if (j->fd >= 0)
        close(j->fd);
    j->fd = fd;
    j->error.msg[0] = '\0';
    attach(j, s);
    return 0;
oom:
    free(text);
    kerr_set(err, "%s: out of memory rewriting the journal", j->path);
    return -1;
}

static void journal_free(Journal *j)
{
    if (j->fd >= 0)
        close(j->fd);
    free(j->head);
    free(j);
}

int journal_done(Journal *j, KefuError *err)
{
    if (!j)
        return 0;
    int rc = 0;
    /* Removed while still locked: no recovery can take it in between. */
    if (plat_unlink(j->path) < 0 && errno != ENOENT) {
        kerr_set(err, "%s: cannot remove the finished journal: %s", j->path, strerror(errno));
        rc = -1;
    } else if (atomicfile_sync_dir(j->jdir, err) < 0) {
        rc = -1;
    }
    char jdir[sizeof j->jdir];
    snprintf(jdir, sizeof jdir, "%s", j->jdir);
    journal_free(j);
    drop_dir_if_empty(jdir);
    return rc;
}

void journal_close(Journal *j)
{
    if (j)
        journal_free(j);
}

void journal_discard(Journal *j)
{
    if (!j)
        return;
    plat_unlink(j->path);
    char jdir[sizeof j->jdir];
    snprintf(jdir, sizeof jdir, "%s", j->jdir);
    journal_free(j);
    drop_dir_if_empty(jdir);
}

/* ------------------------------------------------------------------------ reading */

#if defined(__GNUC__)
__attribute__((format(printf, 4, 5)))
#endif
static int
line_fail(KefuError *err, const char *path, int line, const char *fmt, ...)
{
    char msg[800];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    kerr_set(err, "%s:%d: %s", path, line, msg);
    return -1;
}

/* obj.key as seconds: a number >= 0, or (nullable) null or absent for -1. */
static int seconds(const cJSON *obj, const char *key, int nullable, double *out)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, key);
    if ((!v || cJSON_IsNull(v)) && nullable) {
        *out = -1;
        return 0;
    }
    if (!cJSON_IsNumber(v) || !(v->valuedouble >= 0) || v->valuedouble > 1e9)
        return -1;
    *out = v->valuedouble;
    return 0;
}

static int message(const cJSON *o, Transcript *t, const char *path, int line, KefuError *err)
{
    static const char *const senders[] = {"customer", "agent", "system"};
    const cJSON *from = cJSON_GetObjectItemCaseSensitive(o, RK_FROM);
    const cJSON *text = cJSON_GetObjectItemCaseSensitive(o, RK_TEXT);
    double at, prev = t->n ? t->msgs[t->n - 1].t : 0;
    int s = -1;
    for (int i = 0; i < 3 && cJSON_IsString(from); i++)
        if (strcmp(from->valuestring, senders[i]) == 0)
            s = i;
    if (s < 0)
        return line_fail(err, path, line, "\"from\" must be one of customer, agent, system");
    if (seconds(o, RK_T, 0, &at) < 0 || at < prev)
        return line_fail(err, path, line,
                         "\"t\" must be the message's time in seconds, not before the one above");
    if (!cJSON_IsString(text))
        return line_fail(err, path, line, "\"text\" must be the message's text (a string)");
    Message *m = transcript_add(t, at, (Sender)s, text->valuestring, strlen(text->valuestring));
    if (!m)
        return line_fail(err, path, line, "out of memory");
    if (s == FROM_CUSTOMER) {
        const cJSON *nudge = cJSON_GetObjectItemCaseSensitive(o, RK_NUDGE);
        if (nudge && !cJSON_IsBool(nudge))
            return line_fail(err, path, line, "\"nudge\" must be true or false");
        m->nudge = cJSON_IsTrue(nudge);
    } else if (s == FROM_AGENT) {
        const cJSON *resp = cJSON_GetObjectItemCaseSensitive(o, RK_RESPONDING);
        if (seconds(o, RK_WAIT_S, 1, &m->wait_s) < 0 ||
            seconds(o, RK_TYPING_S, 1, &m->typing_s) < 0)
            return line_fail(err, path, line,
                             "\"wait_s\" and \"typing_s\" must be seconds (a number) or null");
        if (resp && !cJSON_IsBool(resp))
            return line_fail(err, path, line, "\"responding\" must be true or false");
        m->responding = resp ? cJSON_IsTrue(resp) : m->wait_s >= 0;
        if (!m->responding)
            m->wait_s = -1;
    }
    return 0;
}

/* Reads a journal (buf holds len bytes and a NUL) into out: the head through record_parse, the
 * one reader of results, then each event line. A last line without its newline is what a kill
 * in the middle of a write leaves: it is left out (*torn). Returns 0, or -1 with err
 * "PATH:LINE: problem"; out is then freed. */
static int parse(const char *path, char *buf, size_t len, const Rubric *rubric, Result *out,
                 int *torn, KefuError *err)
{
    memset(out, 0, sizeof *out);
    *torn = 0;
    char *nl = memchr(buf, '\n', len);
    if (!nl)
        return line_fail(err, path, 1, "no complete first line: not a kefu journal");
    size_t n1 = (size_t)(nl - buf);
    cJSON *head = cJSON_ParseWithLength(buf, n1);
    const cJSON *format = cJSON_GetObjectItemCaseSensitive(head, "journal");
    int ok = cJSON_IsString(format) && strcmp(format->valuestring, JOURNAL_FORMAT) == 0;
    if (!ok) {
        if (cJSON_IsString(format))
            line_fail(err, path, 1, "journal format \"%.60s\" is not one this kefu reads (%s)",
                      format->valuestring, JOURNAL_FORMAT);
        else
            line_fail(err, path, 1,
                      "not a kefu journal (its first line has no \"journal\": "
                      "\"%s\")",
                      JOURNAL_FORMAT);
        cJSON_Delete(head);
        return -1;
    }
    cJSON_Delete(head);
    *nl = '\0'; /* record_parse reads up to a NUL */
    int rc = record_parse(path, buf, n1, rubric, out, err);
    *nl = '\n';
    if (rc < 0)
        return -1;
    free(out->extra); /* the "journal" mark: not part of the result */
    out->extra = NULL;
    free(out->exam_chain); /* the head's chain covers no message: computed again when saved */
    out->exam_chain = NULL;
    transcript_deinit(&out->transcript);
    memset(&out->transcript, 0, sizeof out->transcript);
    out->transcript.ended_t = -1;

    char *p = nl + 1, *end = buf + len;
    for (int line = 2; p < end; line++) {
        char *eol = memchr(p, '\n', (size_t)(end - p));
        if (!eol) {
            *torn = 1;
            break;
        }
        size_t n = (size_t)(eol - p), bad = 0;
        cJSON *o = NULL;
        if (!text_valid_utf8(p, n, &bad))
            rc = line_fail(err, path, line, "not valid UTF-8 (byte %zu of the line)", bad + 1);
        else if (!cJSON_IsObject(o = cJSON_ParseWithLength(p, n)))
            rc = line_fail(err, path, line, "not a JSON object (a message or an outcome)");
        else if (cJSON_GetObjectItemCaseSensitive(o, RK_FROM))
            rc = message(o, &out->transcript, path, line, err);
        else if (cJSON_GetObjectItemCaseSensitive(o, RK_OUTCOME)) {
            const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, RK_OUTCOME);
            Outcome oc = cJSON_IsString(v) ? outcome_parse(v->valuestring) : OUTCOME_NONE;
            double at;
            if (oc == OUTCOME_NONE || seconds(o, RK_T, 0, &at) < 0)
                rc = line_fail(err, path, line,
                               "an outcome line needs \"outcome\" (sale, resolved, left, "
                               "escalated, abandoned, incomplete) and its time \"t\"");
            else if (out->transcript.outcome == OUTCOME_NONE) {
                out->transcript.outcome = oc;
                out->transcript.ended_t = at;
            }
        } else {
            rc = line_fail(err, path, line, "neither a message (\"from\") nor an outcome");
        }
        cJSON_Delete(o);
        if (rc < 0) {
            result_deinit(out);
            return -1;
        }
        p = eol + 1;
    }

    /* A session that reached no outcome ends as a trainee quitting it would: abandoned
     * (incomplete when no reply was sent), announced by the same system line. */
    Transcript *t = &out->transcript;
    if (t->outcome == OUTCOME_NONE) {
        int replies = 0;
        for (int i = 0; i < t->n; i++)
            replies += t->msgs[i].from == FROM_AGENT;
        t->outcome = replies ? OUTCOME_ABANDONED : OUTCOME_INCOMPLETE;
        t->ended_t = t->n ? t->msgs[t->n - 1].t : 0;
        char msg[96];
        snprintf(msg, sizeof msg, "会话结果：%s", outcome_label(t->outcome));
        if (!transcript_add(t, t->ended_t, FROM_SYSTEM, msg, strlen(msg))) {
            result_deinit(out);
            kerr_set(err, "%s: out of memory", path);
            return -1;
        }
    }
    return 0;
}

/* ------------------------------------------------------------------------ recovery */

static char *read_fd(int fd, size_t *len)
{
    size_t cap = 8192, n = 0;
    char *buf = malloc(cap);
    while (buf) {
        if (n + 1 >= cap) {
            char *bigger = realloc(buf, cap * 2);
            if (!bigger)
                break;
            buf = bigger;
            cap *= 2;
        }
        long r = plat_pread(fd, buf + n, cap - n - 1, (long long)n);
        if (r < 0 && errno == EINTR)
            continue;
        if (r < 0)
            break;
        if (r == 0) {
            buf[n] = '\0';
            *len = n;
            return buf;
        }
        n += (size_t)r;
    }
    free(buf);
    return NULL;
}

/* Whether fd is still the file at path (not removed or replaced since it was opened). */
static int still_there(int fd, const char *path)
{
    return plat_still_named(fd, path);
}

static int ends_with(const char *s, const char *suffix)
{
    size_t n = strlen(s), k = strlen(suffix);
    return n > k && strcmp(s + n - k, suffix) == 0;
}

typedef struct Recoverer {
    const char *dir;
    const char *jdir;
    Rubric *rubric;
    JournalRecovered cb;
    void *ctx;
} Recoverer;

static void report(const Recoverer *R, JournalRecovery *r)
{
    if (R->cb)
        R->cb(R->ctx, r);
}

/* Recovers the journal jdir/name. Returns 1 when it was handled (recovered, found saved, or
 * moved aside), 0 when it was not ours to take (live, or taken by another recovery). */
static int recover_one(const Recoverer *R, const char *name)
{
    char path[4400], claimed[4400], bad[4400], result[4400] = "";
    size_t stem_len = strlen(name) - (ends_with(name, ".jsonl") ? 6 : 11);
    snprintf(path, sizeof path, "%s/%s", R->jdir, name);
    snprintf(claimed, sizeof claimed, "%s/%.*s.recovering", R->jdir, (int)stem_len, name);
    snprintf(bad, sizeof bad, "%s/%.*s.bad", R->jdir, (int)stem_len, name);
    JournalRecovery r;
    memset(&r, 0, sizeof r);
    r.journal = path;

    int fd = plat_open(path, O_RDWR | O_CLOEXEC, 0);
    if (fd < 0)
        return 0;
    /* A live session holds its journal's lock (so does a recovery under way); the kernel lets
     * it go when the process dies, however it dies. */
    if (plat_lock(fd, 0) < 0 || !still_there(fd, path)) {
        close(fd);
        return 0;
    }
    /* Claimed by its new name: a recovery that crashes from here on leaves a .recovering file,
     * which the next one finishes. */
    if (strcmp(path, claimed) != 0) {
        if (plat_rename(path, claimed) < 0) {
            close(fd);
            return 0;
        }
        KefuError ignored;
        atomicfile_sync_dir(R->jdir, &ignored);
    }

    KefuError err = {{0}};
    Result res;
    memset(&res, 0, sizeof res);
    Scorecard card;
    memset(&card, 0, sizeof card);
    size_t len = 0;
    char *buf = read_fd(fd, &len);
    int torn = 0;
    if (!buf) {
        kerr_set(&err, "%s: cannot read: %s", path, strerror(errno));
        r.problem = err.msg;
        goto keep;
    }
    if (parse(path, buf, len, R->rubric, &res, &torn, &err) < 0) {
        r.problem = err.msg;
        if (plat_rename(claimed, bad) == 0)
            r.moved = bad;
        goto done;
    }
    r.id = res.id;
    r.trainee = res.trainee;
    r.scenario = res.scenario_title ? res.scenario_title : res.scenario_id;
    r.outcome = res.transcript.outcome;
    r.torn = torn;
    for (int i = 0; i < res.transcript.n; i++)
        r.replies += res.transcript.msgs[i].from == FROM_AGENT;
    snprintf(result, sizeof result, "%s/%s.json", R->dir, res.id);
    r.result = result;
    PlatStat st;
    if (plat_lstat(result, &st) == 0) {
        /* The session (or a recovery) wrote its result and died before removing the journal:
         * ids are unique in a folder (journal_open sees to it), so this is that result. */
        r.already_saved = 1;
        plat_unlink(claimed);
        goto done;
    }
    char *json = NULL;
    if (record_rescore(&res, R->rubric, &card) < 0 ||
        !(json = record_to_json(&res, R->rubric, &card))) {
        kerr_set(&err, "%s: out of memory scoring the session", path);
        r.problem = err.msg;
        r.result = NULL;
        goto keep;
    }
    int rc = record_write(R->dir, res.id, json, result, sizeof result, &err);
    free(json);
    if (rc < 0) {
        r.problem = err.msg;
        r.result = NULL;
        goto keep;
    }
    plat_unlink(claimed);
    atomicfile_sync_dir(R->jdir, &err);
    goto done;
keep:
    /* Kept as .recovering for the next start to try again: nothing was wrong with it. */
    r.journal = claimed;
done:
    report(R, &r);
    free(buf);
    scorecard_deinit(&card);
    result_deinit(&res);
    close(fd); /* the lock goes with it, after the journal is gone */
    return 1;
}

/* A hidden temporary file a writer died with (journal_open's fallback without O_TMPFILE):
 * removed once nobody holds its lock. */
static void remove_stale(const char *jdir, const char *name)
{
    char path[4400];
    snprintf(path, sizeof path, "%s/%s", jdir, name);
    int fd = plat_open(path, O_RDONLY | O_CLOEXEC, 0);
    if (fd < 0)
        return;
    if (plat_lock(fd, 0) == 0 && still_there(fd, path))
        plat_unlink(path);
    close(fd);
}

static int by_name(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

int journal_recover(const char *dir, Rubric *rubric, JournalRecovered cb, void *ctx, KefuError *err)
{
    char clean[4096], jdir[4200];
    trim_dir(dir, clean, sizeof clean);
    snprintf(jdir, sizeof jdir, "%s/%s", clean, JOURNAL_DIR);
    PlatDir *d = plat_opendir(jdir);
    if (!d) {
        if (errno == ENOENT)
            return 0;
        kerr_set(err, "%s: cannot read the folder: %s", jdir, strerror(errno));
        return -1;
    }
    char **names = NULL;
    int n = 0, cap = 0, handled = 0;
    const char *nm;
    while ((nm = plat_readdir(d))) {
        if (strcmp(nm, ".") == 0 || strcmp(nm, "..") == 0)
            continue;
        if (nm[0] == '.') {
            remove_stale(jdir, nm);
            continue;
        }
        if (!ends_with(nm, ".jsonl") && !ends_with(nm, ".recovering"))
            continue; /* .bad files and anything else: a person's to look at */
        if (n == cap) {
            cap = cap ? cap * 2 : 16;
            char **v = realloc(names, (size_t)cap * sizeof *v);
            if (!v)
                break;
            names = v;
        }
        if ((names[n] = strdup(nm)))
            n++;
    }
    plat_closedir(d);
    /* In name order (the ids start with their time): the oldest session first. */
    if (n > 1)
        qsort(names, (size_t)n, sizeof *names, by_name);
    Recoverer R = {clean, jdir, rubric, cb, ctx};
    for (int i = 0; i < n; i++) {
        handled += recover_one(&R, names[i]);
        free(names[i]);
    }
    free(names);
    drop_dir_if_empty(jdir);
    return handled;
}

void journal_describe(const JournalRecovery *r, char *buf, size_t size)
{
    if (r->problem && r->moved)
        snprintf(buf, size, "%s; moved aside to %s", r->problem, r->moved);
    else if (r->problem)
        snprintf(buf, size, "could not recover %s: %s (kept; tried again at the next start)",
                 r->journal, r->problem);
    else if (r->already_saved)
        snprintf(buf, size, "%s was already saved; removed its leftover journal %s", r->result,
                 r->journal);
    else
        snprintf(buf, size, "recovered an unfinished session: %s -> %s (%s, %s, %s, %d %s%s)",
                 r->journal, r->result, r->trainee, r->scenario, outcome_name(r->outcome),
                 r->replies, r->replies == 1 ? "reply" : "replies",
                 r->torn ? "; its last line was cut short and left out" : "");
}
