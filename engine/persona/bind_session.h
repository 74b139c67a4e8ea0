/* bind_session: the persona's live side — one sandboxed Lua state per session running the
 * scenario's hooks, with the small `s` API of docs/scenario-api.md bound to the session. */
#ifndef KEFU_BIND_SESSION_H
#define KEFU_BIND_SESSION_H

#include "base/kerr.h"
#include "persona/persona.h"

struct Session;
typedef struct PersonaLive PersonaLive;

/* Runs the scenario's text afresh in a new sandbox bound to session. NULL with err on a
 * runtime error. Freed with persona_live_destroy. */
PersonaLive *persona_live_create(const Scenario *sc, struct Session *session, KefuError *err);
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

#endif
