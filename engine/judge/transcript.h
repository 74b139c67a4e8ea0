/* transcript: the messages of one conversation with their timings and hits, and the
 * outcome; what a session produces, what results files record and what scoring reads. */
#ifndef KEFU_TRANSCRIPT_H
#define KEFU_TRANSCRIPT_H

#include <stddef.h>

#include "judge/rubric.h"

typedef enum Outcome {
    OUTCOME_NONE = 0,   /* still going */
    OUTCOME_SALE,       /* 成交 */
    OUTCOME_RESOLVED,   /* 售后问题解决 */
    OUTCOME_LEFT,       /* 顾客流失 */
    OUTCOME_ESCALATED,  /* 投诉/差评 */
    OUTCOME_ABANDONED,  /* the trainee quit */
    OUTCOME_INCOMPLETE, /* a scripted run ran out of replies first */
    OUTCOME_COUNT
} Outcome;

/* "sale", "resolved", ... ("none" for OUTCOME_NONE). Static strings. */
const char *outcome_name(Outcome o);
/* The Chinese label, e.g. "问题解决". Static strings. */
const char *outcome_label(Outcome o);
/* The short label of a report's column, e.g. "解决". Static strings. */
const char *outcome_brief(Outcome o);
/* Parses a name; returns OUTCOME_NONE for anything else. */
Outcome outcome_parse(const char *name);

typedef enum Sender { FROM_CUSTOMER, FROM_AGENT, FROM_SYSTEM } Sender;
const char *sender_name(Sender s); /* "customer", "agent", "system" */

typedef struct Message {
    double t; /* seconds from the session's start */
    Sender from;
    char *text; /* valid UTF-8 (sanitised on entry), owned by the transcript */
    size_t len;
    int nudge;       /* customer: sent because the agent kept them waiting */
    int responding;  /* agent: answers at least one customer message */
    double wait_s;   /* agent: how long the customer had waited (-1 when not responding) */
    double typing_s; /* agent: seconds spent typing (-1 when unknown) */
    HitList hits;    /* agent: the rubric's judgement of this message */
} Message;

typedef struct Transcript {
    Message *msgs;
    int n;
    int cap;
    Outcome outcome;
    double ended_t; /* seconds from the start when the outcome was reached (-1 still going) */
} Transcript;

/* Zero-initialise a Transcript before use; transcript_deinit frees what it holds. */
void transcript_deinit(Transcript *t);

/* Appends a copy of text (sanitised to valid UTF-8). Returns the new message, borrowed
 * until the next append, or NULL out of memory. */
Message *transcript_add(Transcript *t, double time, Sender from, const char *text, size_t len);

/* The customer's messages since the agent last spoke before message index i, joined with
 * newlines into buf (truncated to size): the context the rubric reads for message i. */
void transcript_customer_context(const Transcript *t, int i, char *buf, size_t size);

/* The number of agent messages before message index i. */
int transcript_agent_turn(const Transcript *t, int i);

#endif
