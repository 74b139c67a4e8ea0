/* review: a reviewer's verdicts on the detector's judgements (kefu.review/1, docs/report.md):
 * HR or a trainer marks a judgement on one of a trainee's replies as a false alarm or a miss,
 * with a note. The verdicts live in a reviews file beside the results they judge, one a line;
 * the results themselves are never touched, so their exam chains and rescore checks stand.
 * Read here, appended crash-safe, and exported as labelled replies for the rubric's tests. */
#ifndef KEFU_REVIEW_H
#define KEFU_REVIEW_H

#include <stdio.h>
#include <time.h>

#include "base/kerr.h"
#include "results/schema.h"

#define REVIEW_FILE "reviews.jsonl" /* in each folder that holds reviewed results */
#define REVIEW_SCHEMA "kefu.review/1"

typedef enum ReviewVerdict {
    REVIEW_FALSE_ALARM, /* the detector found the principle in the reply; it is not there */
    REVIEW_MISS,        /* the detector did not find it; it is there */
} ReviewVerdict;

/* One verdict. Strings owned by the Review (review_deinit). */
typedef struct Review {
    char *result;    /* the result's id (its file's stem when the file records none) */
    char *file;      /* the result's file name, in the reviews file's folder */
    int turn;        /* the trainee's reply judged, counted from 1; 0: the whole session */
    char *principle; /* the principle id */
    ReviewVerdict verdict;
    char *note;     /* why, in the reviewer's words ("" when none) */
    char *reviewer; /* who */
    char *at;       /* when, "2026-12-07T03:00:00Z" */
    /* The reply as the detector judged it, so the verdict can become a labelled case: */
    char *reply;    /* the trainee's words */
    char *customer; /* what the customer had said since the trainee last spoke */
    char *persona;  /* the scenario id */
    double after;   /* how long the customer had waited, seconds; negative when unknown */
    /* Not in the file: where its result is, the reviews file's folder joined with file
     * (review_load; NULL from review_make). A verdict applies to the result at this path whose
     * id is result, so results moved without their reviews file lose their verdicts, and a
     * file replaced by another session keeps none. */
    char *path;
} Review;

/* Verdicts in memory, in the order read (or review_set_sort's). */
typedef struct ReviewSet {
    Review *v;
    int n, cap;
} ReviewSet;

void review_deinit(Review *r);
void review_set_deinit(ReviewSet *set);

/* "false_alarm" / "miss", and their labels 误报 / 漏报. Static strings. */
const char *review_verdict_name(ReviewVerdict v);
const char *review_verdict_label(ReviewVerdict v);

/* Parses a verdict name. Returns 0, or -1 for anything else (*out untouched). */
int review_verdict_parse(const char *name, ReviewVerdict *out);

/* Reads the reviews file at path and appends its verdicts to set. Returns the number read, or
 * -1 with err "path:line: problem" (a line that is not JSON, of another schema, or with a
 * field missing or of the wrong type or value), set then as it was. */
int review_load(const char *path, ReviewSet *set, KefuError *err);

/* Sorts by path, turn, principle and time, for review_find. */
void review_set_sort(ReviewSet *set);

/* The verdicts on the result at path (spelled as the reviews file's folder joined with its
 * name) in a sorted set: their count, the first at *first. The caller checks each one's
 * result id. */
int review_find(const ReviewSet *set, const char *path, int *first);

/* Makes a verdict on reply turn (from 1) of the results file at result_path, checked against
 * what the file recorded: the file reads as a result, it has that many replies, and the
 * principle was judged the way the verdict disputes (a false alarm needs the principle among
 * the reply's hits, a miss needs it absent). Turn 0 disputes the scorecard's judgement of the
 * whole session instead (review_session_found): a false alarm needs the principle found there,
 * a miss needs it not found; reply and customer are then "". Fills out (the caller frees it
 * with review_deinit). Returns 0, or -1 with err saying which of these failed. */
int review_make(const char *result_path, int turn, const char *principle, ReviewVerdict verdict,
                const char *note, const char *reviewer, time_t now, Review *out, KefuError *err);

/* Whether a scorecard line (results/schema.h) says the detector found its principle in the
 * session: a violation violated, or a technique met. */
int review_session_found(const ResultLine *line);

/* Appends r to the reviews file REVIEW_FILE in dir, crash-safe: the file is rewritten whole
 * through base/atomicfile (a crash leaves the old file or the new one), under a lock on a
 * hidden file beside it so two reviewers at once both land. Returns 0, or -1 with err. */
int review_append(const char *dir, const Review *r, KefuError *err);

/* Writes the verdicts on replies as labelled replies, one JSON object a line, in the format of
 * tests/data/labelled/ that kefu analyze and the rubric's tests read: {"id", "reply",
 * "customer", "persona", "turn" (from 0, as the detector counts), "after", "fires", "not",
 * "note"}; a false alarm is a reply the principle must not fire on ("not"), a miss one it must
 * fire on ("fires"). A verdict on the whole session (turn 0) names no reply and is left out.
 * Returns the number written, or -1 on a write error or out of memory. */
int review_export(const ReviewSet *set, FILE *out);

#endif
