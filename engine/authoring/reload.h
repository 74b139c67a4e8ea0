/* reload: the app's hot reload (F5) without the app: the scenario and the rubric read again
 * from disk, checked as lint does, and the conversation so far replayed with them. */
#ifndef KEFU_RELOAD_H
#define KEFU_RELOAD_H

#include <stddef.h>

#include "base/kerr.h"
#include "judge/rubric.h"
#include "persona/persona.h"
#include "persona/session.h"

/* One agent message of the conversation being reloaded, at its time on the session clock. */
typedef struct ReplayReply {
    double t;        /* seconds from the session's start when it was sent */
    double typing_s; /* seconds spent typing it, -1 unknown */
    const char *text;
    size_t len;
} ReplayReply;

/* What a reload produced: a fresh rubric, scenario and the session replayed with them (the
 * session borrows the other two). The caller owns all three: free with reload_deinit,
 * which destroys the session before what it borrows. */
typedef struct Replayed {
    Rubric *rubric;
    Scenario *scenario;
    Session *session;
    int replayed;   /* agent replies accepted again */
    int dropped;    /* replies not replayed: the customer had already finished */
    char note[512]; /* when dropped > 0: a sentence for the window saying what changed */
} Replayed;

/* Frees what reload_replay filled and zeroes it. NULL does nothing. */
void reload_deinit(Replayed *r);

/* F5: reloads the rubric (rubric_path) and the scenario (scenario_path) from disk, checks
 * the scenario's source as lint does (errors only), then creates a session with seed,
 * starts it and sends the given replies at their recorded times, so the customer's hooks
 * run again up to the same point; finally advances the clock to now (>= the last reply's
 * time; pass -1 for just after the last reply). Returns 0 with out filled, or -1 with err
 * holding one "file:line: message", the very words kefu lint gives for it, and out zeroed:
 * the caller keeps its old session and shows the message. */
int reload_replay(const char *scenario_path, const char *rubric_path, unsigned long seed,
                  const ReplayReply *replies, int n, double now, Replayed *out, KefuError *err);

#endif
