/* archive: turns a finished (or abandoned) session into its results file: one path for
 * `kefu run` and the app, so both record and score exactly alike. */
#ifndef KEFU_ARCHIVE_H
#define KEFU_ARCHIVE_H

#include <stddef.h>
#include <time.h>

#include "base/kerr.h"
#include "results/record.h"
#include "persona/session.h"

typedef struct ArchiveInfo {
    const char *trainee; /* NULL: "匿名" */
    const char *mode;    /* "practice" | "exam"; NULL: "practice" */
    unsigned long seed;
    time_t started_at; /* wall clock at the session's t = 0 */
    const char *exam_id; /* an exam sitting (results/exam.h); NULL: none */
    int exam_attempt;
} ArchiveInfo;

/* Builds the Result of a session (copying the transcript and the scenario's scoring) and
 * scores it with record_rescore, the same code `kefu rescore` runs. The caller frees res with
 * result_deinit and sc with scorecard_deinit. Returns 0 or -1 (err). */
int archive_build(const Session *s, Rubric *rubric, const ArchiveInfo *info, Result *res,
                  Scorecard *sc, KefuError *err);

/* archive_build with the session's id given (the one its journal chose, journal_id); NULL makes
 * a fresh one as archive_build does. */
int archive_build_as(const Session *s, Rubric *rubric, const ArchiveInfo *info, const char *id,
                     Result *res, Scorecard *sc, KefuError *err);

#endif
