/* schema_names: the results format's names: where each key may stand (the keys are spelled in
 * schema.h), the statuses' Chinese labels, and enumerated values parsed. */
#include "results/schema.h"

#include <string.h>

const char *const schema_keys[] = {RK_SCHEMA,     RK_ID,       RK_TRAINEE,    RK_MODE,
                                   RK_SEED,       RK_SCENARIO, RK_STARTED_AT, RK_ENDED_AT,
                                   RK_DURATION_S, RK_OUTCOME,  RK_TRANSCRIPT, RK_METRICS,
                                   RK_SCORECARD,  RK_SCORING,  RK_VERSIONS,   NULL};

int schema_is_key(const char *key)
{
    for (int i = 0; schema_keys[i]; i++)
        if (strcmp(key, schema_keys[i]) == 0)
            return 1;
    return 0;
}

/* A member of an object, and each element of an array, as schema_paths spells them. */
#define AT(object, key) object "." key
#define EACH(array) array "[]"

/* The standards, recorded twice (scorecard.thresholds, scoring.thresholds). */
#define THRESHOLDS(object)                                                                         \
    AT(object, RK_THRESHOLDS), AT(AT(object, RK_THRESHOLDS), RK_FIRST_RESPONSE_S),                 \
        AT(AT(object, RK_THRESHOLDS), RK_FIRST_RESPONSE_EXCELLENT_S),                              \
        AT(AT(object, RK_THRESHOLDS), RK_REPLY_WAIT_S),                                            \
        AT(AT(object, RK_THRESHOLDS), RK_TYPING_CPM),                                              \
        AT(AT(object, RK_THRESHOLDS), RK_LONG_REPLY_CHARS)

#define MSG EACH(RK_TRANSCRIPT)
#define HIT EACH(AT(MSG, RK_HITS))
#define LINE EACH(AT(RK_SCORECARD, RK_PRINCIPLES))
#define CATEGORY EACH(AT(RK_SCORECARD, RK_CATEGORIES))
#define EVIDENCE_AT EACH(AT(LINE, RK_EVIDENCE_AT))
#define CARD_OUTCOME AT(RK_SCORECARD, RK_OUTCOME)
#define SPEC_ITEM EACH(AT(RK_SCORING, RK_PRINCIPLES))

const char *const schema_paths[] = {RK_SCHEMA,
                                    RK_ID,
                                    RK_TRAINEE,
                                    RK_MODE,
                                    RK_SEED,
                                    RK_SCENARIO,
                                    AT(RK_SCENARIO, RK_ID),
                                    AT(RK_SCENARIO, RK_TITLE),
                                    AT(RK_SCENARIO, RK_PERSONA),
                                    AT(RK_SCENARIO, RK_FILE),
                                    AT(RK_SCENARIO, RK_SHA256),
                                    AT(RK_SCENARIO, RK_DIFFICULTY),
                                    RK_STARTED_AT,
                                    RK_ENDED_AT,
                                    RK_DURATION_S,
                                    RK_OUTCOME,
                                    RK_TRANSCRIPT,
                                    AT(MSG, RK_T),
                                    AT(MSG, RK_FROM),
                                    AT(MSG, RK_TEXT),
                                    AT(MSG, RK_NUDGE),
                                    AT(MSG, RK_WAIT_S),
                                    AT(MSG, RK_TYPING_S),
                                    AT(MSG, RK_PASTED),
                                    AT(MSG, RK_RESPONDING),
                                    AT(MSG, RK_HITS),
                                    AT(HIT, RK_PRINCIPLE),
                                    AT(HIT, RK_NAME),
                                    AT(HIT, RK_KIND),
                                    AT(HIT, RK_START),
                                    AT(HIT, RK_END),
                                    AT(HIT, RK_EVIDENCE),
                                    AT(HIT, RK_SOURCE),
                                    RK_METRICS,
                                    AT(RK_METRICS, RK_FIRST_RESPONSE_S),
                                    AT(RK_METRICS, RK_AVG_RESPONSE_S),
                                    AT(RK_METRICS, RK_MAX_RESPONSE_S),
                                    AT(RK_METRICS, RK_TYPING_CPM),
                                    AT(RK_METRICS, RK_AGENT_MESSAGES),
                                    AT(RK_METRICS, RK_WAITS_OVER),
                                    RK_SCORECARD,
                                    AT(RK_SCORECARD, RK_TOTAL),
                                    AT(RK_SCORECARD, RK_PASS),
                                    AT(RK_SCORECARD, RK_PASS_MARK),
                                    AT(RK_SCORECARD, RK_CATEGORIES),
                                    AT(CATEGORY, RK_ID),
                                    AT(CATEGORY, RK_NAME),
                                    AT(CATEGORY, RK_SCORE),
                                    AT(CATEGORY, RK_MAX),
                                    AT(RK_SCORECARD, RK_PRINCIPLES),
                                    AT(LINE, RK_ID),
                                    AT(LINE, RK_NAME),
                                    AT(LINE, RK_KIND),
                                    AT(LINE, RK_STATUS),
                                    AT(LINE, RK_LABEL),
                                    AT(LINE, RK_POINTS),
                                    AT(LINE, RK_MAX),
                                    AT(LINE, RK_REQUIRED),
                                    AT(LINE, RK_CRITICAL),
                                    AT(LINE, RK_EVIDENCE),
                                    AT(LINE, RK_EVIDENCE_AT),
                                    AT(EVIDENCE_AT, RK_MESSAGE),
                                    AT(EVIDENCE_AT, RK_START),
                                    AT(EVIDENCE_AT, RK_END),
                                    AT(LINE, RK_SOURCE),
                                    AT(LINE, RK_QUOTE),
                                    AT(LINE, RK_EXPLAIN),
                                    AT(LINE, RK_DETAIL),
                                    AT(RK_SCORECARD, RK_CRITICAL),
                                    AT(RK_SCORECARD, RK_REQUIRED_MISSED),
                                    CARD_OUTCOME,
                                    AT(CARD_OUTCOME, RK_VALUE),
                                    AT(CARD_OUTCOME, RK_POINTS),
                                    AT(CARD_OUTCOME, RK_MAX),
                                    THRESHOLDS(RK_SCORECARD),
                                    RK_SCORING,
                                    AT(RK_SCORING, RK_PASS_MARK),
                                    AT(RK_SCORING, RK_PRINCIPLES),
                                    AT(SPEC_ITEM, RK_ID),
                                    AT(SPEC_ITEM, RK_WEIGHT),
                                    AT(SPEC_ITEM, RK_REQUIRED),
                                    AT(RK_SCORING, RK_OUTCOMES),
                                    AT(AT(RK_SCORING, RK_OUTCOMES), "*"),
                                    AT(RK_SCORING, RK_OUTCOME_MAX),
                                    THRESHOLDS(RK_SCORING),
                                    RK_VERSIONS,
                                    AT(RK_VERSIONS, RK_ENGINE),
                                    AT(RK_VERSIONS, RK_RUBRIC),
                                    RK_EXAM,
                                    AT(RK_EXAM, RK_ID),
                                    AT(RK_EXAM, RK_ATTEMPT),
                                    AT(RK_EXAM, RK_CHAIN),
                                    NULL};

int schema_knows_path(const char *path)
{
    for (int i = 0; schema_paths[i]; i++)
        if (strcmp(path, schema_paths[i]) == 0)
            return 1;
    return 0;
}

/* ---- Statuses, outcomes, senders ---------------------------------------------------------- */

static const char *const status_labels[] = {"达成", "未达成", "违反", "不适用"};

const char *schema_status_label(PrincipleStatus s)
{
    return s >= ST_MET && s <= ST_NA ? status_labels[s] : status_labels[ST_NA];
}

const char *schema_status_label_kind(const char *kind, PrincipleStatus s)
{
    if (kind && strcmp(kind, "violation") == 0)
        return s == ST_MET ? "没有违反" : s == ST_VIOLATED ? "违反" : schema_status_label(s);
    return schema_status_label(s);
}

int schema_status_parse(const char *name, PrincipleStatus *out)
{
    for (int s = ST_MET; s <= ST_NA; s++)
        if (strcmp(name, status_name((PrincipleStatus)s)) == 0) {
            *out = (PrincipleStatus)s;
            return 0;
        }
    return -1;
}

int schema_outcome_parse(const char *name, Outcome *out)
{
    Outcome o = outcome_parse(name);
    if (o == OUTCOME_NONE)
        return -1;
    *out = o;
    return 0;
}

int schema_sender_parse(const char *name, Sender *out)
{
    for (int s = FROM_CUSTOMER; s <= FROM_SYSTEM; s++)
        if (strcmp(name, sender_name((Sender)s)) == 0) {
            *out = (Sender)s;
            return 0;
        }
    return -1;
}
