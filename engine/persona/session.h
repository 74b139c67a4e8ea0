/* session: one conversation between a trainee and a persona on a clock the caller drives
 * (virtual in headless runs, real in the app): the message log, whose turn, customer
 * nudges and leaving when kept waiting, the outcome. */
#ifndef KEFU_SESSION_H
#define KEFU_SESSION_H

#include <stddef.h>

#include "base/kerr.h"
#include "persona/persona.h"
#include "judge/rubric.h"
#include "judge/transcript.h"

typedef struct Session Session;

/* The session borrows the scenario and rubric; both must outlive it. */
typedef struct SessionConfig {
    const Scenario *scenario;
    Rubric *rubric;
    unsigned long seed;
} SessionConfig;

/* Creates a session and its live persona (a fresh sandbox running the scenario file).
 * Returns NULL with err on a scenario runtime error. Free with session_destroy. */
Session *session_create(const SessionConfig *cfg, KefuError *err);
void session_destroy(Session *s);

/* What a session reports as it happens, to whoever keeps a record of it (the journal, which
 * lives above this layer and implements these): each message as it joins the transcript (an
 * agent reply complete with its wait and typing times, before the persona reacts to it), and
 * the outcome when it is reached. m is borrowed for the call. The callbacks must not call back
 * into the session; a failure is theirs to keep (the conversation goes on). */
typedef struct SessionSink {
    void *ctx;
    void (*message)(void *ctx, const Message *m);
    void (*outcome)(void *ctx, Outcome o, double t);
} SessionSink;

/* Reports to sink from now on (copied; NULL: to nobody). Set it before session_start to hear
 * every message. */
void session_set_sink(Session *s, const SessionSink *sink);

/* Times are seconds from the session's start and never go backwards. Every call that runs
 * persona hooks returns 0, or -1 with err naming the scenario file and line; after an error
 * the session is broken and only destroy is useful. */

/* Opens the conversation at time 0: the persona's start hook speaks first. */
int session_start(Session *s, KefuError *err);

/* Moves the clock to now: delivers the customer's messages that are due, and while the
 * agent keeps the customer waiting, runs the idle hook (nudges, leaving past patience). */
int session_advance(Session *s, double now, KefuError *err);

#define SESSION_IGNORED (-2)

/* The agent sends text at time now (the clock advances to now first). typing_s is the time
 * spent typing (-1 unknown). Any bytes are accepted: invalid UTF-8 is replaced. An empty or
 * all-space message, or one sent after the customer has gone, is not recorded
 * (SESSION_IGNORED). The reply is analysed and the persona reacts. Returns the index of the
 * recorded message, SESSION_IGNORED, or -1 with err. */
int session_reply(Session *s, double now, const char *text, size_t len, double typing_s,
                  KefuError *err);

/* Ends the session with outcome (abandoned by the trainee, incomplete in a script) unless it
 * already has one. */
void session_end(Session *s, double now, Outcome o);

/* The earliest time after now at which something may happen by itself (a customer message
 * due, the next idle check), or -1 when nothing is scheduled. */
double session_next_event(const Session *s);

/* Whether the customer can still react (no outcome yet). After a sale or resolution the agent
 * may still send closing messages (farewell), which are recorded and scored. */
Outcome session_outcome(const Session *s);
int session_accepts_replies(const Session *s);

/* Borrowed views, valid until the next call that changes the session. */
const Transcript *session_transcript(const Session *s);
const Scenario *session_scenario(const Session *s);
int session_mood(const Session *s);             /* 0 (furious) .. 100 (delighted) */
const char *session_state(const Session *s);    /* the persona's current state name */
int session_customer_typing(const Session *s);  /* a customer message is being composed */
double session_waiting_since(const Session *s); /* earliest unanswered customer message, or -1 */
double session_now(const Session *s);
/* When the next customer message in composition is due, or -1 when none is. */
double session_next_message(const Session *s);
/* Latest non-nudge message time: the base that scripted replies' "after" counts from. */
double session_reply_base(const Session *s);
/* States the persona has been in, for exploration ("a state no reply reached"). */
int session_states_visited(const Session *s, const char ***names);

/* Agent messages so far. */
int session_agent_turns(const Session *s);

#endif
