/* playback: scripted agent replies (the --replies JSONL of DESIGN.md) and playing them
 * against a session on a virtual clock: shared by kefu run, kefu test and exploration. */
#ifndef KEFU_PLAYBACK_H
#define KEFU_PLAYBACK_H

#include "base/kerr.h"
#include "persona/session.h"

typedef struct Scripted {
    double after;  /* seconds from the latest (non-nudge) message to starting the reply */
    double typing; /* seconds spent typing it, -1 unknown */
    char *text;
} Scripted;

typedef struct Script {
    Scripted *v;
    int n;
    int cap;
    /* Beside each reply (same index; NULL until a line has one): a rush's "to", which
     * customer it answers as written (NULL: none), and the replies file's line (0: added in
     * code). */
    char **to;
    int *line;
} Script;

/* Parses a replies file (a regular file: a FIFO or device is refused at once, never waited
 * on), checking every line before anything is played. Returns 0, or -1 with err
 * "file:line: problem" (broken JSON, missing or mistyped fields, invalid UTF-8). */
int script_load(const char *path, Script *out, KefuError *err);

/* Appends one reply (text copied). Returns 0 or -1 out of memory. */
int script_add(Script *s, double after, double typing, const char *text);

/* script_add for a rush's reply from line of its file: to (copied, may be NULL) says which
 * customer it answers. Returns 0 or -1 out of memory. */
int script_add_to(Script *s, double after, double typing, const char *text, const char *to,
                  int line);
void script_deinit(Script *s);

/* Starts the session and plays the script: each reply is sent `after` (+ `typing`) seconds
 * after the latest message, the customer's idle reactions firing in between; stops when the
 * customer leaves; ends as incomplete when the replies run out first. Returns 0 or -1 (err,
 * a scenario runtime error). */
int playback_run(Session *s, const Script *script, KefuError *err);

/* Asked before each scripted reply i is played: nonzero stops the playback there. */
typedef int (*PlaybackStep)(void *ctx, int i);

/* playback_run with step asked before every reply (step may be NULL: never stops). A stopped
 * playback ends the session as abandoned, as a trainee quitting would (kefu run on SIGTERM). */
int playback_play(Session *s, const Script *script, PlaybackStep step, void *ctx,
                  KefuError *err);

#endif
