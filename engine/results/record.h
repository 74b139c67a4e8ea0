/* record: a session's results file (kefu.result/1): serialised (record.c), written crash-safe
 * (record_file.c), read back and rescored (record_load.c). */
#ifndef KEFU_RECORD_H
#define KEFU_RECORD_H

#include <stddef.h>
#include <time.h>

#include "base/kerr.h"
#include "judge/rubric.h"
#include "judge/scorecard.h"
#include "judge/transcript.h"

/* Everything a results file holds. Strings owned by the Result. */
typedef struct Result {
    char *id;
    char *trainee;
    char *mode; /* "practice" | "exam" */
    unsigned long seed;
    char *scenario_id;
    char *scenario_title;
    char *scenario_persona;
    char *scenario_file;
    char *scenario_sha256;
    int scenario_difficulty; /* 1-5; 0 unknown (older files) */
    time_t started_at;       /* wall clock of t = 0 */
    Transcript transcript;
    ScoreSpec spec;       /* recorded so rescoring needs nothing but the file and the rubric */
    char *rubric_version; /* as the file recorded them (record_load); record_to_json writes */
    char *engine_version; /* the current ones instead */
    /* Added by record_load.c, zero-initialise: */
    char *extra;        /* top-level members not in schema_keys, as the text of one JSON
                         * object, kept when the result is written again (NULL: none) */
    int recorded_total; /* scorecard.total as the file had it (-1: none); record_load */
    int recorded_pass;  /* scorecard.pass as the file had it (-1: none); record_load */
    /* An exam sitting (docs/exams.md); exam_id NULL for practice. exam_chain is the digest
     * chain as the file recorded it (record_load); NULL makes record_to_json compute it. */
    char *exam_id;
    int exam_attempt;
    char *exam_chain;
} Result;

/* Frees what the Result holds and zeroes it. result_deinit(NULL) does nothing. */
void result_deinit(Result *r);

/* Serialises the result with its scorecard as pretty JSON ending in a newline (malloc'd,
 * caller frees; NULL out of memory). The transcript's hits and the scorecard's principle
 * indexes refer to rubric, whose version is recorded. The same Result, rubric and scorecard
 * always give the same bytes: times and points are written rounded to 0.1. */
char *record_to_json(const Result *res, Rubric *rubric, const Scorecard *sc);

/* Writes JSON to dir/<id>.json crash-safe (base/atomicfile): a temp file in dir, fsync, link
 * into place (never replacing an existing file: the id gets a suffix instead), fsync the
 * folder. Creates dir if missing. Writes the final path into path_out. Returns 0 or -1 with
 * err. When the name is taken the file becomes dir/<id>-2.json (-3, ...) and, if json is an
 * object with that "id", its "id" is changed to match. On failure nothing is left behind. */
int record_write(const char *dir, const char *id, const char *json, char *path_out,
                 size_t path_size, KefuError *err);

/* Replaces the file at path with json crash-safe (temp file beside it, fsync, rename over
 * it, fsync the folder), keeping the old file's permissions: for rewriting a result in
 * place. Returns 0, or -1 with err (the old file is then untouched). */
int record_replace(const char *path, const char *json, KefuError *err);

/* Reads a results file back (transcript, spec, metadata; hits are recomputed on rescoring).
 * rubric may be NULL (no check of principle ids). Returns 0, or -1 with err
 * "file:line:col: problem"; out is then zeroed. The caller frees out with result_deinit. */
int record_load(const char *path, const Rubric *rubric, Result *out, KefuError *err);

/* record_load over text already in memory: len bytes of buf (NUL-terminated at buf[len]) as
 * the file named path would be read. Same contract as record_load. */
int record_parse(const char *path, const char *buf, size_t len, const Rubric *rubric,
                 Result *out, KefuError *err);

/* Rounds the transcript's times (t, wait_s, typing_s, ended_t) to 0.1 s as results files
 * store them, so a live session scored after this and its file rescored later agree. */
void record_round_times(Transcript *t);

/* Scores res with rubric the way results files are scored: rounds its times
 * (record_round_times), re-analyses every agent message with rubric_analyze (replacing its
 * hits) in its context {persona = scenario_id, customer = transcript_customer_context,
 * turn = transcript_agent_turn, after = wait_s, thresholds = the spec's}, then
 * scorecard_compute with res->spec. Used by kefu run, the app and kefu rescore alike, so a
 * live session and its rescore agree byte for byte. Returns 0, or -1 out of memory. The
 * caller frees out with scorecard_deinit. */
int record_rescore(Result *res, Rubric *rubric, Scorecard *out);

/* Deep copy of a transcript (texts, hits) into dst, which must be zeroed. Returns 0, or -1
 * out of memory (dst is then empty). Free with transcript_deinit. */
int record_copy_transcript(Transcript *dst, const Transcript *src);

/* A fresh id: "<UTC yyyymmddThhmmssZ>-<scenario>-<4 hex>". */
void record_make_id(char *buf, size_t size, time_t when, const char *scenario, unsigned long salt);

#endif
