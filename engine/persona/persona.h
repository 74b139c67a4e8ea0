/* persona: a scenario file (Lua) loaded in the sandbox: its static data (title, persona,
 * product, scoring, self-tests) and, per session, a live instance whose hooks react. */
#ifndef KEFU_PERSONA_H
#define KEFU_PERSONA_H

#include <stddef.h>

#include "base/kerr.h"
#include "judge/rubric.h"
#include "judge/scorecard.h"
#include "lua/luadata.h"
#include "lua/sandbox.h"

/* A fact a trainee may look up on the product card. */
typedef struct ProductFact {
    char *label; /* e.g. "发货" */
    char *value; /* e.g. "现货 3 天内发出" */
} ProductFact;

typedef struct Product {
    char *name;
    double price;
    int stock;     /* -1 unknown */
    char *colours; /* "胡桃色、原木色" (joined for display) */
    char *sizes;
    char *ship;
    ProductFact *facts;
    int nfacts;
} Product;

/* s:reask(): the question went unanswered; the customer asks again, and gives up after
 * `limit` times in a row. Keys name lines; NULL state: the state stays. */
typedef struct ReaskRule {
    int limit;       /* default 3 */
    int mood;        /* mood change of each re-ask but a gentle first one, default -5 */
    char *line;      /* default "reask" */
    char *gentle;    /* said instead when the very first reply misses, default "reask_gentle" */
    char *give_up;   /* default "gives_up" */
    char *state;     /* state she gives up in, default "decided" when declared */
    int stay;        /* state = false: she gives up in the state she is in */
    Outcome outcome; /* default left */
} ReaskRule;

/* A scenario as read from its file: everything but the live hooks. */
typedef struct Scenario {
    char *id; /* file stem unless the file says otherwise */
    char *title;
    char *path;   /* as given */
    char *sha256; /* hex digest of the file's bytes */
    char *text;   /* the file's bytes (the persona re-runs them per session) */
    size_t text_len;
    int difficulty; /* 1-5 */
    char *persona_name;
    char *persona_avatar;
    char *persona_desc;
    char *kind;         /* "presale" or "aftersale" */
    double patience;    /* seconds the customer waits before leaving */
    double nudge_at[8]; /* waits at which the customer asks again (default idle behaviour) */
    int nnudges;        /* 0: the rubric's wait standard and twice it */
    int mood;           /* starting mood 0-100 */
    Product product;
    ScoreSpec spec;
    int ntests;  /* self-tests declared (run by kefu test) */
    int nstates; /* states declared (s:state names listed in `states`) */
    char **states;
    int initial;    /* index of the state a session starts in, -1 none (set by `start`) */
    int state_map;  /* `states` is a table of state tables (their own hooks), not a list */
    /* The engine's defaults for what every persona does alike (docs/scenario-api.md). */
    double wait_mood_at[4]; /* a reply after waiting more than at[i] seconds costs mood[i] */
    int wait_mood[4];
    int nwait_mood;
    int mood_step;     /* most her mood rises in reaction to one reply (0: no limit) */
    double slow_after; /* past this wait, lines.slow is put before the next line (0: never) */
    ReaskRule reask;
    /* A card that replaces the file's product (a rush customer's, docs/rush.md): Lua source
     * returning the card's table, run after the file in every sandbox the scenario runs in;
     * card_chunk names it in messages. NULL: the file's own card. */
    char *card;
    char *card_chunk;
} Scenario;

/* Loads path in a fresh sandbox and reads its table, checking every field (types, principle
 * ids against the rubric, weights, thresholds). Returns NULL with err "file:line: problem".
 * The caller frees it with scenario_destroy. */
Scenario *scenario_load(const char *path, const Rubric *rubric, KefuError *err);

/* scenario_load, passing each mistake after the first (on a line of its own) to more, so
 * lint shows a file's every mistake in one run (lua/luadata's LuaData.more). */
Scenario *scenario_load_all(const char *path, const Rubric *rubric, KefuError *err,
                            LuaDataMoreFn more, void *more_ud);
void scenario_destroy(Scenario *sc);

/* scenario_load with the file's product card replaced by card (Lua source returning the card
 * table, named card_chunk in messages; a copy is kept in the scenario): the customer's lines,
 * answers, s.product and the Product shown are the card's. The card is checked as a file's
 * own is, and the lines' placeholders against it. NULL card: scenario_load. */
Scenario *scenario_load_card(const char *path, const Rubric *rubric, const char *card,
                             const char *card_chunk, KefuError *err);

/* With a scenario's table on the stack top of sb's state, replaces its product by sc's card
 * (nothing without one). Returns 0, or -1 with err (the card's chunk does not run). */
int scenario_put_card(Sandbox *sb, const Scenario *sc, KefuError *err);

/* Reads a product card, the table on the top of d's stack, named path in messages
 * ("product", "customers[2].product"), checked as a scenario's product is: name required,
 * price and stock in range, colours and sizes strings or lists of them, facts pairs. Returns
 * 0 with *out filled (free with product_deinit, also after a failure), or -1 after
 * reporting into d. */
int product_read(LuaData *d, const char *path, Product *out);
void product_deinit(Product *p);

/* Finds a scenario by id or path: a path (contains '/' or ends in .lua) is used as is;
 * an id is looked up as ID.lua in dir. Writes the path into out. Returns 0 or -1 (err). */
int scenario_resolve(const char *dir, const char *id_or_path, char *out, size_t size,
                     KefuError *err);

/* The scenarios folder: explicit (--scenarios) if not NULL, then $KEFU_SCENARIOS, then
 * ./scenarios, then scenarios/ beside the executable, then the installed location, then the
 * source tree's. Static or env string. */
const char *scenario_dir(const char *explicit_dir);

#endif
