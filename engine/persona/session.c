/* session: one conversation on a caller-driven clock: the message log, pending customer
 * messages ("typing…"), waiting, nudges, leaving, and the outcome. */
#include "persona/session.h"

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "persona/bind_session.h"
#include "base/text.h"

#define IDLE_STEP 5.0 /* seconds between idle checks while the customer waits */
#define MAX_PENDING 64

typedef struct Pending {
    double due;
    char *text;
    size_t len;
    int nudge;
} Pending;

struct Session {
    const Scenario *sc;
    Rubric *rubric;
    Thresholds th;
    Transcript tr;
    PersonaLive *live;
    uint64_t rng;
    double now;
    double base;          /* latest non-nudge message */
    double waiting_since; /* earliest unanswered customer message, -1 none */
    double next_idle;     /* next idle check, -1 none */
    int in_idle;          /* the message being said comes from on_idle: a nudge */
    int in_start;
    int in_reply;   /* the persona is reacting to a reply */
    int reply_mood; /* her mood when she began to react to it */
    int default_nudges; /* nudges the engine's default idle behaviour has sent */
    int mood;
    int agent_turns;
    const char *state; /* points into sc->states, or "" */
    const char **visited;
    int nvisited;
    int *visits;        /* per declared state, times entered */
    double state_since; /* when the current state was entered */
    Pending pending[MAX_PENDING];
    int npending;
    int broken;
    int announced; /* the outcome's system line has been added */
    SessionSink sink;
};

/* ---------------------------------------------------------------- helpers */

static uint64_t next_rand(Session *s)
{
    /* splitmix64: small, seedable, the same sequence on every platform */
    uint64_t z = (s->rng += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
}

static unsigned long random_below(Session *s, unsigned long n)
{
    return n ? (unsigned long)(next_rand(s) % n) : 0;
}

static void tell_message(Session *s, const Message *m)
{
    if (m && s->sink.message)
        s->sink.message(s->sink.ctx, m);
}

static void add_system(Session *s, const char *text)
{
    tell_message(s, transcript_add(&s->tr, s->now, FROM_SYSTEM, text, strlen(text)));
}

/* The outcome's system line comes after the customer's last words, which may still be in
 * composition when the outcome is decided. */
static void announce(Session *s)
{
    if (s->announced || s->tr.outcome == OUTCOME_NONE || s->npending > 0)
        return;
    s->announced = 1;
    char msg[96];
    snprintf(msg, sizeof msg, "会话结果：%s", outcome_label(s->tr.outcome));
    add_system(s, msg);
}

static void set_outcome(Session *s, Outcome o)
{
    if (s->tr.outcome != OUTCOME_NONE)
        return;
    s->tr.outcome = o;
    s->tr.ended_t = s->now;
    s->next_idle = -1;
    if (s->sink.outcome)
        s->sink.outcome(s->sink.ctx, o, s->now);
    announce(s);
}

/* ---------------------------------------------------------------- the customer's side */

/* What the persona's hooks do to the conversation: the bindings reach these only through the
 * SessionPort below, so they never include this module. */

static int customer_say(Session *s, const char *text, size_t len, double delay, KefuError *err)
{
    if (s->npending == MAX_PENDING) {
        kerr_set(err, "the customer said more than %d lines at once", MAX_PENDING);
        return -1;
    }
    if (delay < 0) /* "typing…": a beat to read, then a little per character */
        delay = s->in_start ? 0 : fmin(6.0, 1.2 + 0.15 * (double)text_chars(text, len));
    /* Lines said in one hook arrive in order, each after the one before. */
    double after = s->now;
    for (int i = 0; i < s->npending; i++)
        if (s->pending[i].due > after)
            after = s->pending[i].due;
    Pending *p = &s->pending[s->npending];
    p->text = malloc(len + 1);
    if (!p->text) {
        kerr_set(err, "out of memory");
        return -1;
    }
    memcpy(p->text, text, len);
    p->text[len] = '\0';
    p->len = len;
    p->due = (s->npending ? after : s->now) + delay;
    p->nudge = s->in_idle;
    s->npending++;
    return 0;
}

static int customer_mood(Session *s, int delta)
{
    /* Moods move by degrees: within one reply she warms up by at most mood_step. */
    if (delta > 0 && s->in_reply && s->sc->mood_step > 0) {
        int cap = s->reply_mood + s->sc->mood_step;
        if (s->mood + delta > cap)
            delta = cap > s->mood ? cap - s->mood : 0;
    }
    s->mood += delta;
    if (s->mood < 0)
        s->mood = 0;
    if (s->mood > 100)
        s->mood = 100;
    return s->mood;
}

static int customer_state(Session *s, const char *name)
{
    for (int i = 0; i < s->sc->nstates; i++) {
        if (strcmp(s->sc->states[i], name) != 0)
            continue;
        if (s->state == s->sc->states[i])
            return 0;
        s->state = s->sc->states[i];
        s->visits[i]++;
        s->state_since = s->now;
        for (int k = 0; k < s->nvisited; k++)
            if (s->visited[k] == s->state)
                return 1;
        s->visited[s->nvisited++] = s->state;
        return 1;
    }
    return -1;
}

static int customer_visits(Session *s, const char *name)
{
    for (int i = 0; i < s->sc->nstates; i++)
        if (strcmp(s->sc->states[i], name) == 0)
            return s->visits[i];
    return -1;
}

/* The SessionPort the bindings act through: the functions above with the session as ctx. */

static int port_say(void *ctx, const char *text, size_t len, double delay, KefuError *err)
{
    return customer_say(ctx, text, len, delay, err);
}

static int port_mood(void *ctx, int delta)
{
    return customer_mood(ctx, delta);
}

static const char *port_state(void *ctx)
{
    return ((Session *)ctx)->state;
}

static int port_set_state(void *ctx, const char *name)
{
    return customer_state(ctx, name);
}

static int port_visits(void *ctx, const char *name)
{
    return customer_visits(ctx, name);
}

static double port_state_since(void *ctx)
{
    return ((Session *)ctx)->state_since;
}

static void port_finish(void *ctx, Outcome o)
{
    set_outcome(ctx, o);
}

static unsigned long port_random(void *ctx, unsigned long n)
{
    return random_below(ctx, n);
}

static int port_turns(void *ctx)
{
    return ((Session *)ctx)->agent_turns;
}

static double port_now(void *ctx)
{
    return ((Session *)ctx)->now;
}

/* ---------------------------------------------------------------- life cycle */

Session *session_create(const SessionConfig *cfg, KefuError *err)
{
    Session *s = calloc(1, sizeof *s);
    if (!s) {
        kerr_set(err, "out of memory");
        return NULL;
    }
    const SessionPort port = {.ctx = s,
                              .say = port_say,
                              .mood = port_mood,
                              .state = port_state,
                              .set_state = port_set_state,
                              .visits = port_visits,
                              .state_since = port_state_since,
                              .finish = port_finish,
                              .random = port_random,
                              .turns = port_turns,
                              .now = port_now};
    s->sc = cfg->scenario;
    s->rubric = cfg->rubric;
    s->th = cfg->scenario->spec.thresholds;
    s->rng = cfg->seed * 0x2545F4914F6CDD1DULL + 1;
    s->waiting_since = -1;
    s->next_idle = -1;
    s->mood = cfg->scenario->mood;
    s->state = cfg->scenario->initial >= 0 ? cfg->scenario->states[cfg->scenario->initial] : "";
    s->tr.ended_t = -1;
    s->visited = calloc((size_t)(cfg->scenario->nstates + 1), sizeof *s->visited);
    s->visits = calloc((size_t)(cfg->scenario->nstates + 1), sizeof *s->visits);
    if (!s->visited || !s->visits) {
        kerr_set(err, "out of memory");
        goto fail;
    }
    if (*s->state) {
        s->visited[s->nvisited++] = s->state;
        s->visits[cfg->scenario->initial] = 1;
    }
    s->live = persona_live_create(cfg->scenario, &port, err);
    if (!s->live)
        goto fail;
    return s;
fail:
    session_destroy(s);
    return NULL;
}

void session_set_sink(Session *s, const SessionSink *sink)
{
    if (sink)
        s->sink = *sink;
    else
        memset(&s->sink, 0, sizeof s->sink);
}

void session_destroy(Session *s)
{
    if (!s)
        return;
    persona_live_destroy(s->live);
    for (int i = 0; i < s->npending; i++)
        free(s->pending[i].text);
    transcript_deinit(&s->tr);
    free(s->visited);
    free(s->visits);
    free(s);
}

int session_start(Session *s, KefuError *err)
{
    s->in_start = 1;
    int rc = persona_live_start(s->live, err);
    s->in_start = 0;
    if (rc < 0)
        s->broken = 1;
    return rc;
}

/* ---------------------------------------------------------------- the clock */

static void deliver(Session *s, const Pending *p)
{
    Message *m = transcript_add(&s->tr, p->due, FROM_CUSTOMER, p->text, p->len);
    if (!m)
        return;
    m->nudge = p->nudge;
    tell_message(s, m);
    if (!p->nudge)
        s->base = p->due;
    if (s->waiting_since < 0) {
        s->waiting_since = p->due;
        if (s->tr.outcome == OUTCOME_NONE)
            s->next_idle = p->due + IDLE_STEP;
    }
}

static double earliest_pending(const Session *s, int *which)
{
    double t = -1;
    for (int i = 0; i < s->npending; i++)
        if (t < 0 || s->pending[i].due < t) {
            t = s->pending[i].due;
            *which = i;
        }
    return t;
}

/* The engine's idle behaviour: the scenario's on_idle if it has one, else the customer asks
 * again at each of the persona's nudge times (default: the wait standard and twice it) with
 * its nudge lines or the engine's own; past the persona's patience the customer leaves. */
static int idle(Session *s, double waited, KefuError *err)
{
    s->in_idle = 1;
    int rc = persona_live_idle(s->live, waited, err);
    if (rc == 1) {
        const double standard[] = {s->th.reply_wait_s, s->th.reply_wait_s * 2};
        const double *at = s->sc->nnudges ? s->sc->nudge_at : standard;
        int n = s->sc->nnudges ? s->sc->nnudges : 2;
        rc = 0;
        if (s->default_nudges < n && waited >= at[s->default_nudges]) {
            s->default_nudges++;
            customer_mood(s, -5);
            rc = persona_live_nudge(s->live, s->default_nudges, err);
            if (rc == 1) {
                static const char *const lines[] = {"在吗？", "人呢？", "还在吗？有人吗"};
                const char *line = lines[(s->default_nudges + random_below(s, 3)) % 3];
                rc = customer_say(s, line, strlen(line), -1, err);
            }
        }
    }
    s->in_idle = 0;
    if (rc < 0)
        return -1;
    if (s->tr.outcome == OUTCOME_NONE && waited >= s->sc->patience) {
        /* she says goodbye before she goes */
        s->in_idle = 1;
        rc = persona_live_parting(s->live, err);
        s->in_idle = 0;
        if (rc < 0)
            return -1;
        set_outcome(s, OUTCOME_LEFT);
    }
    return 0;
}

int session_advance(Session *s, double now, KefuError *err)
{
    if (s->broken) {
        kerr_set(err, "the session stopped after an error");
        return -1;
    }
    for (;;) {
        int which = -1;
        double tp = earliest_pending(s, &which);
        double ti = s->tr.outcome == OUTCOME_NONE && s->waiting_since >= 0 ? s->next_idle : -1;
        double t;
        if (tp >= 0 && (ti < 0 || tp <= ti))
            t = tp;
        else
            t = ti;
        if (t < 0 || t > now)
            break;
        if (t > s->now)
            s->now = t;
        if (t == tp) {
            Pending p = s->pending[which];
            s->pending[which] = s->pending[--s->npending];
            deliver(s, &p);
            free(p.text);
            announce(s);
        } else {
            s->next_idle += IDLE_STEP;
            if (idle(s, t - s->waiting_since, err) < 0) {
                s->broken = 1;
                return -1;
            }
        }
    }
    if (now > s->now)
        s->now = now;
    return 0;
}

/* ---------------------------------------------------------------- the agent's side */

static int blank(const char *text, size_t len)
{
    size_t i = 0;
    while (i < len) {
        uint32_t c = text_next(text, len, &i);
        if (!(c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == 0x3000 || c == 0xA0 ||
              c == 0x200B || c == 0xFEFF || c == 0))
            return 0;
    }
    return 1;
}

int session_reply(Session *s, double now, const char *text, size_t len, double typing_s,
                  KefuError *err)
{
    if (session_advance(s, now, err) < 0)
        return -1;
    if (!text || blank(text, len) || !session_accepts_replies(s))
        return SESSION_IGNORED;

    int idx = s->tr.n;
    Message *m = transcript_add(&s->tr, s->now, FROM_AGENT, text, len);
    if (!m) {
        kerr_set(err, "out of memory");
        return -1;
    }
    m->typing_s = typing_s >= 0 ? typing_s : -1;
    if (s->waiting_since >= 0) {
        m->responding = 1;
        m->wait_s = s->now - s->waiting_since;
    }
    s->agent_turns++;
    tell_message(s, m);

    char context[2048];
    transcript_customer_context(&s->tr, idx, context, sizeof context);
    /* The same context a rescore rebuilds from the transcript, so both judge alike. */
    ReplyContext ctx = {s->sc->id, context, s->agent_turns - 1, m->responding ? m->wait_s : -1,
                        &s->th};
    if (rubric_analyze(s->rubric, m->text, m->len, &ctx, &m->hits) < 0) {
        kerr_set(err, "out of memory");
        return -1;
    }
    double wait = m->responding ? m->wait_s : 0;
    s->default_nudges = 0;
    s->waiting_since = -1;
    s->next_idle = -1;
    s->base = s->now;
    if (s->tr.outcome != OUTCOME_NONE)
        return idx; /* a closing message: recorded and scored, the customer has decided */

    /* The engine's default: waiting costs mood before the persona hears the reply. */
    for (int i = s->sc->nwait_mood - 1; i >= 0; i--)
        if (wait > s->sc->wait_mood_at[i]) {
            customer_mood(s, s->sc->wait_mood[i]);
            break;
        }
    ReplyInfo info = {m->text,
                      m->len,
                      rubric_normalized(s->rubric),
                      &m->hits,
                      s->rubric,
                      wait,
                      (int)text_chars(m->text, m->len),
                      s->agent_turns};
    s->in_reply = 1;
    s->reply_mood = s->mood;
    int rc = persona_live_reply(s->live, &info, err);
    s->in_reply = 0;
    if (rc < 0) {
        s->broken = 1;
        return -1;
    }
    return idx;
}

void session_end(Session *s, double now, Outcome o)
{
    if (now > s->now)
        s->now = now;
    /* Whatever the customer was still typing is never sent. */
    for (int i = 0; i < s->npending; i++)
        free(s->pending[i].text);
    s->npending = 0;
    set_outcome(s, o);
    announce(s);
}

/* ---------------------------------------------------------------- views */

double session_next_event(const Session *s)
{
    int which = -1;
    double t = earliest_pending(s, &which);
    if (s->tr.outcome == OUTCOME_NONE && s->waiting_since >= 0 && s->next_idle >= 0 &&
        (t < 0 || s->next_idle < t))
        t = s->next_idle;
    return t;
}

double session_next_message(const Session *s)
{
    int which = -1;
    return earliest_pending(s, &which);
}

Outcome session_outcome(const Session *s)
{
    return s->tr.outcome;
}

int session_accepts_replies(const Session *s)
{
    Outcome o = s->tr.outcome;
    return !s->broken && (o == OUTCOME_NONE || o == OUTCOME_SALE || o == OUTCOME_RESOLVED);
}

const Transcript *session_transcript(const Session *s)
{
    return &s->tr;
}

const Scenario *session_scenario(const Session *s)
{
    return s->sc;
}

int session_mood(const Session *s)
{
    return s->mood;
}

const char *session_state(const Session *s)
{
    return s->state;
}

int session_customer_typing(const Session *s)
{
    return s->npending > 0;
}

double session_waiting_since(const Session *s)
{
    return s->waiting_since;
}

double session_now(const Session *s)
{
    return s->now;
}

double session_reply_base(const Session *s)
{
    return s->base;
}

int session_agent_turns(const Session *s)
{
    return s->agent_turns;
}

int session_states_visited(const Session *s, const char ***names)
{
    *names = s->visited;
    return s->nvisited;
}
