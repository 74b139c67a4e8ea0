/* scorecard: turns a transcript's hits, timings and outcome into a scenario's weighted
 * score, each principle met / missed / violated / not applicable with its evidence. */
#ifndef KEFU_SCORECARD_H
#define KEFU_SCORECARD_H

#include "judge/rubric.h"
#include "judge/transcript.h"

/* One principle a scenario scores, and how much it weighs. */
typedef struct ScoreItem {
    char *id; /* principle id (validated against the rubric when loaded) */
    double weight;
    int required; /* a technique that must be shown (missed: the session fails) */
} ScoreItem;

/* A scenario's scoring: its principles, pass mark, outcome points, thresholds. */
typedef struct ScoreSpec {
    ScoreItem *items;
    int n;
    double pass_mark;                     /* default 80 */
    double outcome_points[OUTCOME_COUNT]; /* points for each outcome */
    double outcome_max;                   /* the outcome's weight */
    Thresholds thresholds;                /* the rubric's, overridden by the scenario */
} ScoreSpec;

void scorespec_deinit(ScoreSpec *s);
/* Deep copy; returns 0 or -1 out of memory (dst then holds nothing to free). */
int scorespec_copy(ScoreSpec *dst, const ScoreSpec *src);

typedef enum PrincipleStatus { ST_MET, ST_MISSED, ST_VIOLATED, ST_NA } PrincipleStatus;
const char *status_name(PrincipleStatus s); /* "met", "missed", "violated", "not_applicable" */

/* What a scorecard line says happened, in the trainee's words, into buf (always terminated):
 * a technique "做到了 · 热情问候" / "没做到 · 热情问候"; a violation avoided "没有与客户争辩"
 * (the principle's `avoided`, else "没有" and its name) and committed "犯了 · 与客户争辩"; a
 * timing "达标 · 首次响应" / "未达标 · 首次响应"; any "本次不适用 · …". Returns buf. The app,
 * the results file ("label") and the report all show this one wording. */
const char *scorecard_verdict(const Principle *p, PrincipleStatus st, char *buf, size_t size);

typedef struct ScoreLine {
    int principle; /* rubric index */
    PrincipleStatus status;
    double points;
    double max;
    int required;
    char detail[256]; /* e.g. "首次响应 4.2 秒 (≤6 秒为优秀)" */
    int evidence_n;   /* evidence: (message index, start, end) of up to 4 hits */
    int ev_msg[4];
    int ev_start[4];
    int ev_end[4];
} ScoreLine;

typedef struct CategoryScore {
    int category; /* rubric category index */
    double score;
    double max;
} CategoryScore;

typedef struct Metrics {
    double first_response_s; /* -1 when the agent never answered */
    double avg_response_s;   /* -1 likewise */
    double max_response_s;
    double typing_cpm; /* -1 when typing time is unknown */
    int agent_messages;
    int waits_over;      /* waits longer than the standard: replies that came late, and the
                          * wait no reply ended (the customer left, or the session stopped) */
    double unanswered_s; /* that last wait no reply ended, or -1 */
} Metrics;

typedef struct Scorecard {
    int total; /* 0-100 */
    int pass;
    double pass_mark;
    ScoreLine *lines;
    int n;
    CategoryScore *cats;
    int ncats;
    double outcome_points;
    double outcome_max;
    int critical[16]; /* rubric indexes of critical violations found */
    int ncritical;
    int required_missed[16];
    int nrequired_missed;
    Metrics metrics;
} Scorecard;

/* A reply that appeared faster than a person types: pasted (docs/results-schema.md). It has at
 * least SCORECARD_PASTE_MIN_CHARS characters and a known typing time (typing_s >= 0) in which it
 * would have been typed at more than SCORECARD_PASTE_CPM characters per minute (a typing time
 * of 0 counts as infinitely fast). Shorter replies ("好的") are never called pasted. */
#define SCORECARD_PASTE_CPM 300
#define SCORECARD_PASTE_MIN_CHARS 5
int scorecard_is_pasted(const char *text, size_t len, double typing_s);

/* Computes the metrics of a transcript against the thresholds. typing_cpm counts the agent's
 * replies with a typing time, pasted ones (scorecard_is_pasted) left out. */
void scorecard_metrics(const Transcript *t, const Thresholds *th, Metrics *m);

/* Scores the transcript (whose agent messages already carry hits) under spec. Pure and
 * deterministic: the same transcript, spec and rubric give the same scorecard. Returns 0,
 * or -1 out of memory (or a pattern match that failed, see rubric_applicable). Free with
 * scorecard_deinit. */
int scorecard_compute(Rubric *r, const ScoreSpec *spec, const Transcript *t, const char *persona,
                      Scorecard *out);
void scorecard_deinit(Scorecard *sc);

#endif
