/* rush: several customers at once on one clock (docs/rush.md): the rush file (Lua data naming
 * which personas arrive when), the conversations played against one replies file whose lines
 * say which customer they answer ("to"), and the rush's own timings. */
#ifndef KEFU_RUSH_H
#define KEFU_RUSH_H

#include "base/kerr.h"
#include "judge/rubric.h"
#include "persona/persona.h"
#include "persona/playback.h"
#include "persona/session.h"

enum { RUSH_MAX_CUSTOMERS = 12 };
/* Where rush files live, inside the scenarios folder (so no scenario list takes them for a
 * persona). */
#define RUSH_FOLDER "rush"
#define RUSH_MAX_ARRIVAL_S 3600.0
/* A customer starved: kept waiting past this while the trainee answered others twice. */
#define RUSH_STARVED_WAIT_S 20.0
#define RUSH_STARVED_REPLIES 2

/* One expected outcome of a rush file's self-test: customer (1-based) ends as outcome. */
typedef struct RushExpect {
    int customer;
    Outcome outcome;
} RushExpect;

/* A self-test the rush file declares: the replies (each with its "to"), the outcomes. */
typedef struct RushTest {
    char *name;
    Script replies;
    RushExpect *expect;
    int nexpect;
} RushTest;

typedef struct RushCustomer {
    char *persona;  /* as the file wrote it: a scenario id or a path */
    char *path;     /* the scenario file it names (resolved) */
    double at;      /* arrival, seconds from the rush's start */
    long long seed; /* -1: the run's seed plus the customer's index */
    char *card;     /* product = {...}: the card replacing the persona's, as Lua source
                     * returning it ("return {...}"); NULL: the persona's own */
    int card_line;  /* where product = {...} is written */
} RushCustomer;

/* A rush file as read. Strings owned. */
typedef struct RushSpec {
    char *path;
    char *id; /* file stem unless the file says otherwise */
    char *title;
    RushCustomer *customers;
    int ncustomers;
    RushTest *tests;
    int ntests;
} RushSpec;

/* Whether the file at path is a rush file (returns a table with kind = "rush"). Runs it in a
 * fresh sandbox; a file that does not run, or any other file, is not one (0). */
int rush_sniff(const char *path);

/* Reads a rush file: ids resolve in scenario_dir_path, paths relative to the rush file's own
 * folder. Every mistake is "file:line: problem" (a missing persona, arrival times out of
 * order or out of 0..3600, a product card checked as a persona's is, a self-test naming no
 * customer). Returns NULL with err. Free with
 * rush_spec_destroy (NULL is fine). */
RushSpec *rush_load(const char *path, const char *scenario_dir_path, KefuError *err);
void rush_spec_destroy(RushSpec *spec);

/* Which customer reply k of script names in its "to": "3" (1-based arrival order) or a
 * persona as the rush file wrote it (unique). Returns the 0-based index, or -1 with err naming
 * the replies file's line. */
int rush_customer_index(const RushSpec *spec, const Script *script, int k, const char *replies_path,
                        KefuError *err);

typedef struct Rush Rush;

/* Loads every customer's scenario (checked against rubric, which must outlive the rush) and
 * makes its session: customer i plays with its own seed, else seed + i, and its own product
 * card when the rush file gives one. Returns NULL with err (a scenario's file:line; a card the
 * persona's lines cannot use names the rush file's line). Free with rush_destroy. */
Rush *rush_create(const RushSpec *spec, Rubric *rubric, unsigned long seed, KefuError *err);

/* Customer i's scenario as rush_create loads it (its card, if any, in place of the persona's):
 * scenario_load_card, a mistake of the card named at the rush file's line. */
Scenario *rush_customer_scenario(const RushSpec *spec, int i, const Rubric *rubric, KefuError *err);
void rush_destroy(Rush *r);

/* Plays the replies (every line's "to" checked first, naming replies_path's line) on one
 * clock; see docs/rush.md for how "after" counts. Each customer arrives at its time and
 * waits, nudges and leaves on its own; after the last reply the clock runs on to the last
 * arrival and every conversation still open ends as incomplete. Returns 0, or -1 with err (a
 * bad "to", a scenario runtime error). */
int rush_play(Rush *r, const Script *script, const char *replies_path, KefuError *err);

int rush_count(const Rush *r);
const Session *rush_session(const Rush *r, int i);
const RushSpec *rush_spec(const Rush *r);
/* The seed customer i played with. */
unsigned long rush_seed(const Rush *r, int i);

/* Live play, for the app's workbench (the caller drives the clock, as with a session). Times
 * are seconds on the rush's clock and never go backwards. */

/* Moves the one clock to t: customers due arrive (their persona speaks first) and every
 * conversation runs its own waits to t (nudges, leaving past patience). Returns 0, or -1 with
 * err (a scenario runtime error). */
int rush_advance(Rush *r, double t, KefuError *err);
/* The trainee answers customer i at time t (the clock advances to t first): as session_reply,
 * with typing_s the time spent typing (-1 unknown). Returns the message's index,
 * SESSION_IGNORED (not arrived, gone, blank), or -1 with err. */
int rush_reply(Rush *r, int i, double t, const char *text, size_t len, double typing_s,
               KefuError *err);
/* Ends the rush at t: every conversation still open ends with outcome (abandoned when the
 * trainee stopped, incomplete in a script); customers not yet arrived come in and end at once.
 * Parting lines still due are delivered. Returns 0, or -1 with err. */
int rush_end(Rush *r, double t, Outcome outcome, KefuError *err);
/* Whether customer i has arrived (its conversation started). */
int rush_arrived(const Rush *r, int i);
/* The earliest time after the clock at which something may happen by itself (an arrival, a
 * customer message due, an idle check), or -1 when nothing is scheduled. */
double rush_next_event(const Rush *r);
/* Customer i's session, for the caller to listen to (session_set_sink, before it arrives);
 * the rush still owns it. */
Session *rush_session_live(Rush *r, int i);

/* The rush's own timings, from the (finished) conversations' transcripts; times in seconds,
 * rounded to 0.1 as results store them. */
typedef struct RushCustomerStats {
    double arrival_s;
    double first_response_s; /* -1: never answered */
    double longest_wait_s;   /* the longest the customer waited for an answer, 0: never */
    double ended_s;          /* from the rush's start */
    int agent_messages;
    int served;  /* ended in a sale or a resolution */
    int lost;    /* left (or escalated) with a message unanswered */
    int starved; /* waited past RUSH_STARVED_WAIT_S while the trainee answered others twice */
} RushCustomerStats;

typedef struct RushStats {
    RushCustomerStats *c; /* rush_count entries, owned */
    int n;
    int served, lost, starved;
    int answered;                /* customers answered at least once */
    double avg_first_response_s; /* over the answered; -1 none */
    double avg_longest_wait_s;
    double max_wait_s;
    int max_concurrent; /* most customers in conversation at once */
    double duration_s;
} RushStats;

/* Computes the stats of a played rush. Returns 0, or -1 out of memory. Free with
 * rush_stats_deinit. */
int rush_stats(const Rush *r, RushStats *out);
void rush_stats_deinit(RushStats *st);

#endif
