/* schema: the results format kefu.result/1 (docs/results-schema.md): its keys, spelled once
 * here; where they stand, names and labels (schema_names.c); the checks every reader shares,
 * and one results file read into a checked summary with file:line:col messages (schema.c). */
#ifndef KEFU_SCHEMA_H
#define KEFU_SCHEMA_H

#include <stddef.h>

#include "base/kerr.h"
#include "judge/rubric.h"
#include "judge/scorecard.h"
#include "judge/transcript.h"

#define SCHEMA_ID "kefu.result/1"
#define SCHEMA_PREFIX "kefu.result/"

/* ---- Keys --------------------------------------------------------------------------------- */

/* Every member name of a results file, spelled here and nowhere else: the writer (record.c),
 * the loader (record_load.c), this reader and the tests' generator use these. RK_X is the key
 * "x"; one name serves every object that has a member of that name. schema_paths lists where
 * each one may stand; docs/results-schema.md describes them, and a test keeps the three in
 * step. */

/* Top level, in the order they are written (exam only in an exam's sessions). */
#define RK_SCHEMA "schema"
#define RK_ID "id"
#define RK_TRAINEE "trainee"
#define RK_MODE "mode"
#define RK_SEED "seed"
#define RK_SCENARIO "scenario"
#define RK_STARTED_AT "started_at"
#define RK_ENDED_AT "ended_at"
#define RK_DURATION_S "duration_s"
#define RK_OUTCOME "outcome"
#define RK_TRANSCRIPT "transcript"
#define RK_METRICS "metrics"
#define RK_SCORECARD "scorecard"
#define RK_SCORING "scoring"
#define RK_VERSIONS "versions"
#define RK_EXAM "exam"

/* scenario */
#define RK_TITLE "title"
#define RK_PERSONA "persona"
#define RK_FILE "file"
#define RK_SHA256 "sha256"
#define RK_DIFFICULTY "difficulty"

/* transcript[]: a message, and its hits[] */
#define RK_T "t"
#define RK_FROM "from"
#define RK_TEXT "text"
#define RK_NUDGE "nudge"
#define RK_WAIT_S "wait_s"
#define RK_TYPING_S "typing_s"
#define RK_PASTED "pasted"
#define RK_RESPONDING "responding"
#define RK_HITS "hits"
#define RK_PRINCIPLE "principle"
#define RK_NAME "name"
#define RK_KIND "kind"
#define RK_START "start"
#define RK_END "end"
#define RK_EVIDENCE "evidence"
#define RK_SOURCE "source"

/* metrics, and the standards (thresholds) */
#define RK_FIRST_RESPONSE_S "first_response_s"
#define RK_AVG_RESPONSE_S "avg_response_s"
#define RK_MAX_RESPONSE_S "max_response_s"
#define RK_TYPING_CPM "typing_cpm"
#define RK_AGENT_MESSAGES "agent_messages"
#define RK_WAITS_OVER "waits_over"
#define RK_THRESHOLDS "thresholds" /* in scorecard and scoring; top level in older files */
#define RK_FIRST_RESPONSE_EXCELLENT_S "first_response_excellent_s"
#define RK_REPLY_WAIT_S "reply_wait_s"
#define RK_LONG_REPLY_CHARS "long_reply_chars"

/* scorecard, its categories[], principles[] (with evidence_at[]) and outcome */
#define RK_TOTAL "total"
#define RK_PASS "pass"
#define RK_PASS_MARK "pass_mark"
#define RK_CATEGORIES "categories"
#define RK_SCORE "score"
#define RK_MAX "max"
#define RK_PRINCIPLES "principles"
#define RK_STATUS "status"
#define RK_LABEL "label"
#define RK_POINTS "points"
#define RK_REQUIRED "required"
#define RK_CRITICAL "critical"
#define RK_EVIDENCE_AT "evidence_at"
#define RK_MESSAGE "message"
#define RK_QUOTE "quote"
#define RK_EXPLAIN "explain"
#define RK_DETAIL "detail"
#define RK_REQUIRED_MISSED "required_missed"
#define RK_VALUE "value"

/* scoring (its outcomes are keyed by outcome names), versions, exam */
#define RK_WEIGHT "weight"
#define RK_OUTCOMES "outcomes"
#define RK_OUTCOME_MAX "outcome_max"
#define RK_ENGINE "engine"
#define RK_RUBRIC "rubric"
#define RK_ATTEMPT "attempt"
#define RK_CHAIN "chain"

/* A rush (kefu.rush/1, docs/rush.md): several conversations in one file. Its top level has
 * schema, id, trainee, mode, seed, started_at, ended_at, duration_s as a result does, then
 * rush {id, title, file}, summary, customers[] and conversations[] (kefu.result/1 objects). */
#define RUSH_SCHEMA_ID "kefu.rush/1"
#define RUSH_SCHEMA_PREFIX "kefu.rush/"
#define RK_RUSH "rush"
#define RK_SUMMARY "summary"
#define RK_CUSTOMERS "customers"
#define RK_CONVERSATIONS "conversations"
#define RK_ARRIVAL_S "arrival_s"
#define RK_ENDED_S "ended_s"
#define RK_LONGEST_WAIT_S "longest_wait_s"
#define RK_SERVED "served"
#define RK_LOST "lost"
#define RK_STARVED "starved"
#define RK_ANSWERED "answered"
#define RK_AVG_FIRST_RESPONSE_S "avg_first_response_s"
#define RK_AVG_LONGEST_WAIT_S "avg_longest_wait_s"
#define RK_MAX_WAIT_S "max_wait_s"
#define RK_MAX_CONCURRENT "max_concurrent"
#define RK_STARVED_WAIT_S "starved_wait_s"
#define RK_STARVED_REPLIES "starved_replies"

/* The values of "mode". */
#define SCHEMA_MODE_PRACTICE "practice"
#define SCHEMA_MODE_EXAM "exam"

/* The top-level members of a results file, in the order they are written; NULL ends it. A
 * member not in this list belongs to someone else and is kept when a file is rewritten. */
extern const char *const schema_keys[];

/* Whether key is one of schema_keys. */
int schema_is_key(const char *key);

/* Where each key may stand, as dotted paths with [] for "each element of" and * for "any
 * name" ("scenario.id", "transcript[].hits[].start", "scoring.outcomes.*"), in the order they
 * are written; NULL ends it. Static strings. */
extern const char *const schema_paths[];

/* Whether path (spelled as in schema_paths) is one of them. */
int schema_knows_path(const char *path);

/* The Chinese label of a principle's status: 达成, 未达成, 违反, 不适用. Its name in files
 * ("met", "missed", "violated", "not_applicable") is judge's status_name. Static strings. */
const char *schema_status_label(PrincipleStatus s);
/* The same for a principle of kind ("technique", "violation", "timing"): a violation met
 * reads "没有违反", never as if it were done. */
const char *schema_status_label_kind(const char *kind, PrincipleStatus s);

/* Parses a status name. Returns 0, or -1 for anything else (*out untouched). */
int schema_status_parse(const char *name, PrincipleStatus *out);

/* Parses an outcome name that a finished session may record (sale ... incomplete; not
 * "none"). Returns 0, or -1 for anything else (*out untouched). Names and labels are
 * judge's (outcome_name, outcome_label, outcome_brief). */
int schema_outcome_parse(const char *name, Outcome *out);

/* Parses a sender name (sender_name's "customer", "agent", "system"). Returns 0 or -1. */
int schema_sender_parse(const char *name, Sender *out);

/* ---- A results file, summarised ----------------------------------------------------------- */

/* Strings below are borrowed from the SchemaReader (valid until its next read or destroy);
 * "" when the file left a descriptive text out, unless the field says NULL. */

typedef struct ResultHit {
    const char *principle; /* never empty */
    const char *name;      /* NULL when not recorded (also for the ones below) */
    const char *kind;
    const char *source;
    const char *evidence;
    double start, end; /* byte offsets into the message as recorded; NAN when not recorded */
} ResultHit;

typedef struct ResultMessage {
    Sender from;
    double t;              /* NAN when not recorded */
    double wait_s;         /* NAN when not recorded or null */
    int nudge;             /* recorded true */
    int responding;        /* 0 only when recorded false */
    double typing_s;       /* agent: NAN when not recorded or null */
    int pasted;            /* agent: recorded true, or (older files) scorecard_is_pasted */
    int chars;             /* agent with a typing time: characters in text (base/text.h) */
    const char *text;      /* NULL unless the file was read with texts */
    const ResultHit *hits; /* likewise, with nhits 0 */
    int nhits;
} ResultMessage;

typedef struct ResultLine {
    const char *id; /* never empty */
    const char *name, *kind, *source, *detail;
    const char *label; /* what happened, e.g. "没有与客户争辩" (the file's, else by kind) */
    PrincipleStatus status;
    double points, max; /* NAN when not recorded */
} ResultLine;

typedef struct ResultSummary {
    const char *path;
    const char *id; /* NULL when not recorded */
    const char *trainee;
    const char *mode;
    const char *scenario_id;
    const char *scenario_title;
    const char *started_at; /* as written */
    const char *ended_at;
    const char *engine_version, *rubric_version;
    double started;                      /* started_at in UTC seconds */
    double seed, difficulty, duration_s; /* NAN when not recorded */
    Outcome outcome;
    int total; /* scorecard.total rounded */
    int pass;
    double pass_mark; /* NAN when not recorded */
    /* The standards the file was scored with: scorecard.thresholds, else scoring.thresholds,
     * else top-level thresholds; a member not recorded (or not above 0) is 0. */
    Thresholds thresholds;
    /* metrics: NAN (numbers) or -1 (counts) when not recorded; first_response_null says the
     * file recorded null (the agent never replied) rather than leaving it out. */
    double first_response_s, avg_response_s, max_response_s, typing_cpm;
    int first_response_null;
    int agent_messages, waits_over;
    const ResultLine *lines; /* scorecard.principles in file order */
    int nlines;
    const char *const *critical; /* scorecard.critical, principle ids */
    int ncritical;
    const char *const *required_missed;
    int nrequired_missed;
    const ResultMessage *msgs; /* the transcript */
    int nmsgs;
    int has_text; /* msgs carry their text and hits (read with texts) */
    int has_exam; /* the file has an "exam" member (an exam sitting: its chain is checked) */
} ResultSummary;

/* ---- Reading ---------------------------------------------------------------------------- */

typedef struct SchemaReader SchemaReader;

/* A reader reuses its buffers from one file to the next, so reading thousands of files keeps
 * memory flat. Returns NULL out of memory. Free with schema_reader_destroy. */
SchemaReader *schema_reader_create(void);
void schema_reader_destroy(SchemaReader *rd);

enum { SCHEMA_BAD = -1, SCHEMA_OOM = -2 };

/* Reads the results file at path (read-only, non-blocking open: a FIFO is refused) and checks
 * every member a summary reads (unknown extra members are fine). With texts, the transcript's
 * texts and hits are kept too. On success sets *out to the summary, borrowed until the next
 * read or schema_reader_destroy, and returns 0. Otherwise returns SCHEMA_BAD with why
 * "path:line:col: reason" (unreadable, not a regular file, too large, empty, not UTF-8,
 * truncated, malformed JSON, not an object, wrong or future schema, a member missing or of
 * the wrong type or value), or SCHEMA_OOM with why "path: out of memory". */
int schema_read_file(SchemaReader *rd, const char *path, int texts, const ResultSummary **out,
                     KefuError *why);

/* The same for text already in memory (buf[0..len), need not be NUL-terminated); path only
 * names it in messages. */
int schema_read_buffer(SchemaReader *rd, const char *path, const char *buf, size_t len, int texts,
                       const ResultSummary **out, KefuError *why);

/* ---- Parsing, for a reader that reads more than a summary (record_load) -------------------- */

struct cJSON;

/* The checks every reader of a results file shares, so each mistake has one wording: buf[0..len)
 * (need not be NUL-terminated; path only names it in messages) must be a non-empty UTF-8 JSON
 * object with nothing after it, "schema" SCHEMA_ID, and the members a session is made of
 * (trainee, id, mode, seed, scenario, started_at, ended_at, duration_s, outcome, transcript with
 * its hits) of the kinds schema_read_buffer accepts. On success sets *root to the parsed
 * document, which the caller frees with cJSON_Delete as soon as it has copied what it needs, and
 * returns 0. Otherwise *root is NULL and it returns SCHEMA_BAD or SCHEMA_OOM with why, as
 * schema_read_buffer does. */
int schema_parse(const char *path, const char *buf, size_t len, struct cJSON **root,
                 KefuError *why);

#endif
