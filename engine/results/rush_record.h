/* rush_record: a played rush as one results file (kefu.rush/1, docs/rush.md): every
 * conversation's full kefu.result/1 inside, the rush's own timings beside them; and such a
 * file rescored. */
#ifndef KEFU_RUSH_RECORD_H
#define KEFU_RUSH_RECORD_H

#include <stddef.h>

#include "base/kerr.h"
#include "judge/rubric.h"
#include "results/record.h"

/* Declared only, so that this header can be included beside report_data.h (whose Scenario is
 * another): persona/rush.h and results/archive.h define them. */
typedef struct Rush Rush;
struct ArchiveInfo;

/* Serialises a played rush as pretty JSON ending in a newline (malloc'd, caller frees).
 * info->seed is the run's seed; each conversation records its own seed and starts at
 * info->started_at plus its arrival. Each conversation is built and scored as a single
 * session's result is (archive_build). Writes the rush's id into id_out. Returns NULL with
 * err. */
char *rush_record_to_json(const Rush *r, Rubric *rubric, const struct ArchiveInfo *info,
                          char *id_out, size_t id_size, KefuError *err);

/* Whether buf[0..len) is a rush file: a JSON object whose "schema" starts "kefu.rush/". A
 * quick look (the bytes up to "schema"'s value), never an error. */
int rush_record_is(const char *buf, size_t len);

/* Told of each conversation rescored: its index, the result as read (recorded_total is the
 * total the file had) and the new scorecard; both borrowed for the call. */
typedef void (*RushRescoreFn)(void *ctx, int i, const Result *res, const Scorecard *sc);

/* Rescores every conversation of the rush file text buf[0..len) (named path in messages) with
 * rubric, the way kefu rescore rescores a result (record_parse, record_rescore,
 * record_to_json), telling each (may be NULL), and returns the file's text with those
 * conversations and the customers' scores replaced (malloc'd), the rest as it was. Returns
 * NULL with err "path: conversations[N]: problem". */
char *rush_record_rescore(const char *path, const char *buf, size_t len, Rubric *rubric,
                          RushRescoreFn each, void *ctx, KefuError *err);

#endif
