/* journal: every event of a session appended to <results>/.journal/<id>.jsonl and flushed to
 * disk before the session moves on, so a crash, a kill or a lost display loses nothing; and
 * the recovery of journals whose session never finished into ordinary results files.
 * The format is in docs/journal.md. */
#ifndef KEFU_JOURNAL_H
#define KEFU_JOURNAL_H

#include "base/kerr.h"
#include "judge/rubric.h"
#include "judge/transcript.h"
#include "persona/session.h"
#include "results/archive.h"

#define JOURNAL_FORMAT "kefu.journal/1"
#define JOURNAL_DIR ".journal" /* inside the results folder; readers of results skip it */

typedef struct Journal Journal;

/* Opens the journal of session s (created, not yet started) in dir/.journal/, dir being the
 * folder its result will be written to (created if missing). Chooses the session's id (free
 * both as a journal and as dir/<id>.json), writes the head line (everything about the session
 * but its messages: who, which scenario, the seed, the scoring) and makes it durable, then
 * sets itself as s's sink (session_set_sink), so every message and the outcome are appended and
 * flushed (write + fdatasync) as they happen. The file is locked while open, so recovery never
 * takes a live session's journal. Returns NULL with err when the journal cannot be made. The
 * caller ends it with journal_done, journal_close or journal_discard, after the session has
 * stopped changing or has been destroyed. */
Journal *journal_open(const char *dir, Session *s, Rubric *rubric, const ArchiveInfo *info,
                      KefuError *err);

/* The session's id (the result's name and "id" must be this), borrowed while j lives. */
const char *journal_id(const Journal *j);

/* The journal file's path, borrowed while j lives. */
const char *journal_path(const Journal *j);

/* The first append that failed, "PATH: cannot write: REASON" ("" when none). After a failure
 * nothing more is appended (the journal stays as it was, a clean prefix of the session). */
const char *journal_error(const Journal *j);

/* Starts the journal again from s's transcript (the app's F5 replaced the session with a
 * replay) and sets itself as s's sink. The old journal stays whole until the new one is
 * complete. Returns 0, or -1 with err (the old journal is kept). */
int journal_restart(Journal *j, Session *s, KefuError *err);

/* The session's result is written: removes the journal (then its folder when empty) and frees
 * j. Returns 0, or -1 with err when it cannot be removed (the next recovery sees the result and
 * only removes it). NULL does nothing. */
int journal_done(Journal *j, KefuError *err);

/* Frees j and leaves the journal on disk for the next start to recover (the result could not
 * be written). NULL does nothing. */
void journal_close(Journal *j);

/* Removes the journal without a result (the session failed on bad input: nothing to keep) and
 * frees j. NULL does nothing. */
void journal_discard(Journal *j);

/* What became of one unfinished journal. Strings borrowed for the callback only. */
typedef struct JournalRecovery {
    const char *journal; /* the journal file as found */
    const char *result;  /* the results file written (or already there); NULL when none */
    const char *id;      /* NULL when the journal could not be read */
    const char *trainee;
    const char *scenario; /* its title, or its id */
    Outcome outcome;
    int replies;         /* the agent's messages in it */
    int already_saved;   /* the result had been written before the crash: only the journal went */
    int torn;            /* its last line was cut short by the crash and left out */
    const char *problem; /* NULL, or why it was not recovered: "FILE:LINE: problem" */
    const char *moved;   /* a bad journal's new name (kept for a person to look at), or NULL
                          * when it stays to be tried again (the result could not be written) */
} JournalRecovery;

typedef void (*JournalRecovered)(void *ctx, const JournalRecovery *r);

/* Recovers every unfinished journal in dir/.journal/ into dir/<id>.json: outcome as reached,
 * else abandoned (incomplete when no agent reply was sent), every recorded message in it,
 * scored with rubric through record_rescore like any result. Each journal is claimed first
 * (locked, renamed to <id>.recovering) so recovery never runs twice for it, a journal a live
 * session holds is left alone, and one a crashed recovery left is finished. A journal whose last
 * line was cut short gives everything before it. A corrupt or foreign file is moved aside to
 * <id>.bad and reported; nothing stops the others. Calls cb (may be NULL) once per journal.
 * Returns how many journals it handled, or -1 with err when the folder cannot be read (no
 * journal folder: 0). */
int journal_recover(const char *dir, Rubric *rubric, JournalRecovered cb, void *ctx,
                    KefuError *err);

/* One line saying what recovery did, for the command line (no trailing newline). */
void journal_describe(const JournalRecovery *r, char *buf, size_t size);

#endif
