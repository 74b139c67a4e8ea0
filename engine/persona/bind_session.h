/* bind_session: the persona's live side — one sandboxed Lua state per session running the
 * scenario's hooks, with the small `s` API of docs/scenario-api.md bound to a SessionPort:
 * the operations the conversation lends the bindings, so they never see the Session. */
#ifndef KEFU_BIND_SESSION_H
#define KEFU_BIND_SESSION_H

#include <stddef.h>

#include "base/kerr.h"
#include "judge/transcript.h"
#include "persona/persona.h"

typedef struct PersonaLive PersonaLive;

/* What a scenario's `s` may do to its conversation. The session fills this table with its own
 * functions and ctx; the bindings call them with ctx and know nothing else about it. */
typedef struct SessionPort {
    void *ctx;
    /* The customer says text after delay seconds of typing (-1: the engine's pace). Returns 0,
     * or -1 with err (too many lines at once, out of memory). */
    int (*say)(void *ctx, const char *text, size_t len, double delay, KefuError *err);
    /* Adds delta to the mood (clamped 0..100); returns the new mood. */
    int (*mood)(void *ctx, int delta);
    /* The persona's current state name (never NULL). */
    const char *(*state)(void *ctx);
    /* Moves to state name; returns 1 when that enters it (a visit), 0 when it was the state
     * already, -1 when the scenario does not declare it. */
    int (*set_state)(void *ctx, const char *name);
    /* How many times state name was entered (the first state counts once), -1 undeclared. */
    int (*visits)(void *ctx, const char *name);
    /* When the current state was entered, seconds from the start. */
    double (*state_since)(void *ctx);
    /* The persona ends the conversation (sale, resolved, left or escalated). */
    void (*finish)(void *ctx, Outcome o);
    /* The session's seeded generator: a uniform integer in [0, n). */
    unsigned long (*random)(void *ctx, unsigned long n);
    /* Agent messages so far. */
    int (*turns)(void *ctx);
    /* The session's clock, seconds from its start. */
    double (*now)(void *ctx);
} SessionPort;

/* Runs the scenario's text afresh in a new sandbox whose `s` acts through port (copied; its
 * ctx must outlive the persona). NULL with err on a runtime error. Freed with
 * persona_live_destroy. */
PersonaLive *persona_live_create(const Scenario *sc, const SessionPort *port, KefuError *err);
void persona_live_destroy(PersonaLive *p);

/* The hooks. Each returns 0, or -1 with err "file:line: message (in hook X)". */
int persona_live_start(PersonaLive *p, KefuError *err);

typedef struct ReplyInfo {
    const char *text;
    size_t len;
    const char *norm; /* normalised text */
    const HitList *hits;
    const Rubric *rubric;
    double wait;
    int chars;
    int turn; /* 1 for the first agent message */
} ReplyInfo;
int persona_live_reply(PersonaLive *p, const ReplyInfo *reply, KefuError *err);

/* Returns 0 when the hook ran, 1 when the scenario has no on_idle (the engine's default
 * applies), -1 with err. */
int persona_live_idle(PersonaLive *p, double waited, KefuError *err);

/* The engine's default idle behaviour asks again: says lines.nudge<n> (n from 1) or
 * lines.nudge. Returns 0 when said, 1 when the scenario has neither line, -1 with err. */
int persona_live_nudge(PersonaLive *p, int n, KefuError *err);

/* Before the customer leaves for want of a reply: says lines.parting, or the engine's own
 * parting line. Returns 0, or -1 with err. */
int persona_live_parting(PersonaLive *p, KefuError *err);

#endif
