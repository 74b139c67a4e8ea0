/* report_figures: the types of the report's interface (report.h): which sessions to keep, and
 * the figures it computes per trainee, scenario and principle and for timing. */
#ifndef KEFU_REPORT_FIGURES_H
#define KEFU_REPORT_FIGURES_H

#include "judge/transcript.h"

/* Which sessions to keep, and what to prepare. Every field is optional (zero: no filter). */
typedef struct ReportOptions {
    const char *const *trainees; /* keep only these trainees (exact names) */
    int ntrainees;
    const char *scenario; /* keep only this scenario id */
    /* "exam" or "practice": keep only those sessions; "all" or NULL: both; "auto": exam when
     * any exam session was read, else practice (the command's default; report_mode says
     * which it became). */
    const char *mode;
    /* The scenarios a trainee must pass to be ready, without exams (NULL: every scenario
     * in the report). Ids, borrowed. */
    const char *const *required;
    int nrequired;
    long long since;      /* keep sessions started at or after (UTC seconds) */
    int has_since;
    long long until; /* keep sessions started at or before (UTC seconds) */
    int has_until;
    int html; /* keep each session's transcript drill-down for the HTML */
    /* Rescore each file scored by this rubric and flag a total that differs (report_check.h);
     * NULL: only exam chains are checked. Borrowed. */
    struct Rubric *rubric;
    /* Threads that read a folder (report_add_dir; 0 or 1: the calling thread alone). The
     * sessions are still taken in path order: the report is the same whatever the number. */
    int threads;
    /* With rubric and threads above 1: loads another copy of the rubric for a reading thread
     * (a Rubric is not thread-safe), called from that thread the first time it has a file to
     * rescore; the report destroys the copy. NULL: a report with a rubric reads on one thread.
     * A copy that fails to load stops the report. */
    struct Rubric *(*rubric_copy)(void *ud);
    void *rubric_copy_ud;
    /* With html: the folder, relative to the main page, holding one page per trainee with
     * their conversations (report_write_trainee_html); NULL: every conversation on the main
     * page. */
    const char *html_pages;
    /* With rubric: a file keeping what each file's check found between runs, keyed by the
     * SHA-256 of its bytes under this program's and the rubric's identity
     * (results/report_cache.h), so a report run again rescores only new or changed files;
     * NULL: every checkable file is checked. */
    const char *check_cache;
} ReportOptions;

/* Outcomes are counted by judge/transcript.h's Outcome (index 0 unused). */
enum { REPORT_OUTCOMES = OUTCOME_COUNT };

typedef struct ReportTrainee {
    const char *name;
    int sessions;
    int passes;
    int first; /* score of the earliest session */
    int best;
    int latest;      /* score of the most recent session */
    int latest_pass; /* the most recent session passed */
    double average;
    /* Progress: the mean over the scenarios with two or more attempts of (recency-weighted
     * average - first attempt) (ReportProgress); NAN when no scenario has two. */
    double progress;
    int attempts; /* sessions that count as attempts (not a 0-point start abandoned at once) */
    /* Ready (docs/report.md): with exam sessions, the latest exam of every scenario the trainee
     * took as an exam passed (and of each required one); without, the latest practice session
     * of every required scenario (--require, else every scenario in the report) passed. */
    int ready;
    int ready_exam;   /* judged on exam sessions (else practice) */
    int ready_passed; /* scenarios of the basis whose latest session passed */
    int ready_needed; /* scenarios in the basis */
    int top[3];       /* principle indexes most often missed or violated (most first) */
    int top_count[3]; /* in how many of the trainee's sessions */
    int ntop;
    int first_n;      /* sessions with a first response */
    double first_avg; /* their average first response, seconds */
    int first_within; /* first responses within the standard */
    int replies;      /* agent replies that answered a waiting customer */
    double wait_avg;
    int replies_over; /* replies after more than the wait standard */
} ReportTrainee;

/* One trainee's trend in one scenario. Attempts are weighted by recency: the i-th of n attempts
 * (1 = the first) weighs i, so the latest counts n times as much as the first. */
typedef struct ReportProgress {
    int trainee;  /* index of report_trainee */
    int scenario; /* index of report_scenario */
    int attempts;
    int first, latest; /* scores of the first and latest attempt */
    int latest_pass;
    double weighted; /* the recency-weighted average score */
    double progress; /* weighted - first; NAN with a single attempt */
} ReportProgress;

typedef struct ReportScenario {
    const char *id;
    const char *title;
    int sessions;
    int passes;
    double average;
    int outcomes[REPORT_OUTCOMES];
} ReportScenario;

typedef struct ReportPrinciple {
    const char *id;
    const char *name;   /* Chinese name from the results (the id when none was recorded) */
    const char *kind;   /* "technique", "violation", "timing" or "" */
    const char *source; /* handbook citation, "" when none was recorded */
    int met;
    int missed;
    int violated;
    int not_applicable;
    /* Reviewers' verdicts on its judgements in these sessions (results/review.h): */
    int false_alarms; /* found, but not there */
    int misses;       /* there, but not found */
    int disputed;     /* sessions with a verdict on it */
} ReportPrinciple;

typedef struct ReportTiming {
    int sessions;
    int first_n;  /* sessions where the agent replied */
    int no_reply; /* sessions where the agent never replied */
    double first_avg;
    double first_median;
    double first_max;
    int first_within; /* first responses within their standard */
    int replies;      /* agent replies to a waiting customer */
    double wait_avg;
    double wait_max;
    int replies_over;  /* replies after more than the wait standard */
    int sessions_over; /* sessions with at least one such reply */
    int typing_n;      /* sessions with a known typing speed */
    double typing_avg; /* characters per minute */
    int typing_below;  /* sessions typing slower than the standard */
    int pasted;        /* agent replies pasted (faster than a person types): not in typing */
    /* The standards the sessions were held to: the value they all share, or NAN when the
     * files recorded different ones. */
    double first_standard;
    double wait_standard;
    double typing_standard;
} ReportTiming;

#endif
