/* selftest: runs what a trainer declares about a persona, headless: the scenario file's
 * self-tests (scripted replies and what must follow) and random exploration with a bank of
 * good, bad and odd replies. */
#ifndef KEFU_SELFTEST_H
#define KEFU_SELFTEST_H

#include "base/kerr.h"
#include "judge/rubric.h"
#include "persona/persona.h"
#include "persona/playback.h"
#include "persona/session.h"
#include "results/archive.h"
#include "results/record.h"

/* ---------------------------------------------------------------- self-tests */

/* One test of a scenario's `tests` list, validated. Strings owned by the test. */
typedef struct SelfTest {
    char *name;
    int line; /* where the test is written in the file (0 unknown) */
    Script replies;
    unsigned long seed; /* 1 unless the test says */
    Outcome outcome;    /* OUTCOME_NONE: not checked */
    int has_score;
    int score_lo, score_hi;
    char **hits; /* principle ids that must appear in some agent message */
    int nhits;
    char **no_hits; /* principle ids that must appear in none */
    int nno_hits;
    char *says; /* a substring some customer message must contain (NULL: none) */
} SelfTest;

typedef struct SelfTestSet {
    SelfTest *v;
    int n;
} SelfTestSet;

/* Reads and checks the `tests` list of a loaded scenario (running its file in a fresh
 * sandbox). Principle ids are checked against rubric. Returns 0 (an absent list gives an
 * empty set), or -1 with err "file:line: tests[2].expect.outcome must be one of ...". The
 * caller frees out with selftest_set_deinit. */
int selftest_load(const Scenario *sc, const Rubric *rubric, SelfTestSet *out, KefuError *err);
void selftest_set_deinit(SelfTestSet *set);

/* What playing one test gave. Zero-initialise; free with selftest_run_deinit. */
typedef struct SelfTestRun {
    int passed;
    int errored;       /* the scenario raised an error (reason holds "file:line: ...") */
    char reason[1024]; /* why it failed: every unmet expectation, "; "-separated */
    Outcome outcome;
    int score;      /* scorecard total, -1 when not scored */
    int has_result; /* result and card hold the played, scored conversation */
    Result result;
    Scorecard card;
} SelfTestRun;

void selftest_run_deinit(SelfTestRun *r);

/* Plays one test exactly as `kefu run` plays a replies file (seeded session, virtual clock,
 * archive_build for the score) and checks every expectation. reached, when not NULL, has
 * sc->nstates counters, incremented for each declared state the persona was in. Returns 0
 * when the test ran (passed or not: see out), -1 out of memory (err). */
int selftest_run(const Scenario *sc, Rubric *rubric, const SelfTest *t, int *reached,
                 SelfTestRun *out, KefuError *err);

/* ---------------------------------------------------------------- exploration */

/* Seconds of Lua time the sessions of one scenario file may take together in one command
 * (kefu test's self-tests, lint's smoke runs), and what each exploration run adds to that:
 * a conversation's hooks take a few milliseconds, so only a file whose every session burns
 * its budget reaches them, and the command then stops playing it instead of multiplying the
 * budget by the number of runs. */
#define SELFTEST_FILE_SECONDS 1.5
#define SELFTEST_RUN_SECONDS 0.005

/* The Lua time a file's runs may take in all: SELFTEST_FILE_SECONDS plus
 * SELFTEST_RUN_SECONDS for each of runs. */
double selftest_file_budget(int runs);

/* A message for a file whose sessions took more than budget seconds of Lua time in runs
 * runs, the runs stopped: "PATH: the scenario's hooks took 3.2 s of Lua time in 4 runs
 * (budget exceeded ...)". */
void selftest_over_file_budget(const char *path, double spent, int runs, KefuError *err);

/* Replies that know one persona, for exploration (built by authoring/explore_bank). */
typedef struct ExploreBank {
    char **v; /* replies, owned */
    int n;
    int cap;
    Script *tests; /* each self-test's replies in order, owned: runs that follow one and
                    * stray from it reach the states behind its path */
    int ntests;
} ExploreBank;

typedef struct ExploreOptions {
    int runs;           /* conversations to play */
    unsigned long seed; /* run i uses session seed seed + i and its own reply stream */
    int max_replies;    /* reply cap per conversation (0: 40) */
    int stop_after;     /* stop once this many runs have failed (0: never), since a scenario
                         * that fails every run may spend its whole instruction budget each time */
    double lua_seconds; /* Lua time all runs may take (0: selftest_file_budget(runs)); past it,
                         * or after a run stopped by a sandbox budget, the runs stop */
    /* Replies that know the persona (authoring/explore_bank), mixed into the good ones so
     * that runs reach its later states; NULL: the generic bank alone. Borrowed. */
    const ExploreBank *bank;
} ExploreOptions;

/* A distinct runtime error and how often it came up. */
typedef struct ExploreError {
    char *msg; /* "file:line: message (in hook on_reply)" */
    int count;
    int first_run; /* the first run that hit it, for selftest_explore_script */
    int reply;     /* how many replies that run had sent when it failed */
} ExploreError;

typedef struct ExploreReport {
    int runs;                    /* played (fewer than asked when stopped early) */
    int stopped;                 /* stop_after failing runs, a run over a sandbox budget or
                                  * the file's Lua time were reached */
    int outcomes[OUTCOME_COUNT]; /* OUTCOME_INCOMPLETE: ran out of replies (never ended) */
    int first_never_ended;       /* first run that never ended, -1 none */
    int errored_runs;
    ExploreError *errors;
    int nerrors;
    int *reached; /* per declared state: runs that were in it */
    int nstates;
    int full_at;  /* runs played when every declared state had been reached, 0 never */
    double seconds; /* wall time spent */
} ExploreReport;

void explore_report_deinit(ExploreReport *r);

/* Plays opt->runs random conversations: replies drawn from a bank of good, bad and odd ones
 * (greetings, value, closes, rudeness, empty-ish, emoji only, a 2,000-character paste,
 * traditional characters, English, unusual but valid UTF-8, broken bytes) with random
 * delays, all from the seed, so a run is reproducible. Runtime errors are collected, not
 * fatal. Returns 0, or -1 out of memory (err). Free out with explore_report_deinit. */
int selftest_explore(const Scenario *sc, Rubric *rubric, const ExploreOptions *opt,
                     ExploreReport *out, KefuError *err);

/* The replies exploration run `run` plays (same seed, same options), so a failing run can be
 * written out and replayed with `kefu run SCENARIO --replies FILE --seed <seed + run>`.
 * Returns 0 or -1 out of memory. The caller frees out with script_deinit. */
int selftest_explore_script(const ExploreOptions *opt, int run, Script *out);

/* Writes a script as a replies file (JSONL, DESIGN.md). Returns 0 or -1 (err). */
int selftest_write_script(const Script *script, const char *path, KefuError *err);

#endif
