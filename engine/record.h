/* record: results JSON (schema kefu.result/1): written crash-safe, read back, rescored. */
#ifndef KEFU_RECORD_H
#define KEFU_RECORD_H

#include <stddef.h>
#include <time.h>

#include "kerr.h"
#include "rubric.h"
#include "scorecard.h"
#include "transcript.h"

#define RESULT_SCHEMA "kefu.result/1"

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
    time_t started_at; /* wall clock of t = 0 */
    Transcript transcript;
    ScoreSpec spec;    /* recorded so rescoring needs nothing but the file and the rubric */
    char *rubric_version;
    char *engine_version;
} Result;

void result_deinit(Result *r);

/* Serialises the result with its scorecard as pretty JSON (malloc'd, caller frees). */
char *record_to_json(const Result *res, Rubric *rubric, const Scorecard *sc);

/* Writes JSON to dir/<id>.json crash-safe: a temp file in dir, fsync, link into place (never
 * replacing an existing file: the id gets a suffix instead), fsync the folder. Creates dir
 * if missing. Writes the final path into path_out. Returns 0 or -1 with err. */
int record_write(const char *dir, const char *id, const char *json, char *path_out,
                 size_t path_size, KefuError *err);

/* Reads a results file back (transcript, spec, metadata; hits are recomputed on rescoring).
 * Returns 0, or -1 with err "file: problem". */
int record_load(const char *path, const Rubric *rubric, Result *out, KefuError *err);

/* A fresh id: "<UTC yyyymmddThhmmssZ>-<scenario>-<4 hex>". */
void record_make_id(char *buf, size_t size, time_t when, const char *scenario,
                    unsigned long salt);

/* ISO 8601 UTC ("2026-11-23T10:15:00Z"). */
void record_iso8601(char *buf, size_t size, time_t when);

#endif
