/* report_check: whether a results file still says what the session produced: its stored total
 * against a rescore of its transcript (when the file was scored by the rubric at hand), and an
 * exam result's digest chain against its messages. Used by kefu report for every file. */
#ifndef KEFU_REPORT_CHECK_H
#define KEFU_REPORT_CHECK_H

#include <stddef.h>

#include "judge/rubric.h"

enum {
    REPORT_CHECK_TOTAL = 1, /* the stored scorecard total differs from the rescore */
    REPORT_CHECK_CHAIN = 2, /* an exam result whose chain does not verify (or is missing) */
};

/* What the check found (REPORT_CHECK_* bits, 0 for none). */
typedef struct ReportCheck {
    int flags;
    int rescored; /* the rescored total; -1 when not rescored (another rubric, or none) */
    int exam;     /* the file is an exam result */
    int recorded; /* scorecard.total as stored */
} ReportCheck;

/* Checks the results file path (buf[0..len) when buf is not NULL, else read from disk). The
 * rescore runs only when rubric is given and its version is the one the file recorded
 * (record_rescore, the path kefu rescore runs); the chain is checked for every exam result.
 * A file the full reader (record_parse) refuses is not rescored; an exam result it refuses
 * (messages out of time order, say) is flagged REPORT_CHECK_CHAIN: it cannot be verified. Returns
 * 0, or -1 out of memory. */
int report_check(const char *path, const char *buf, size_t len, Rubric *rubric, ReportCheck *out);

/* The flag in words, as the terminal, CSV and HTML show it: "edited transcript",
 * "edited, or scored by another rubric", both joined with "; ", or "" for none. Static. */
const char *report_check_label(int flags);

#endif
