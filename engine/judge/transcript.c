/* transcript: the messages of one conversation, their timings and hits, and the outcome. */
#include "judge/transcript.h"

#include <stdlib.h>
#include <string.h>

#include "base/text.h"

/* The one table of outcomes: the name results files store, the label the app and the
 * scorecard show, and the short label of report columns. "abandoned" is 中途退出: the trainee
 * left mid-way, whatever the reason. */
static const struct {
    const char *name, *label, *brief;
} outcomes[OUTCOME_COUNT] = {
    {"none", "进行中", "进行中"},       {"sale", "成交", "成交"},
    {"resolved", "问题解决", "解决"},   {"left", "顾客流失", "流失"},
    {"escalated", "投诉/差评", "投诉"}, {"abandoned", "中途退出", "中途退出"},
    {"incomplete", "未完成", "未完成"},
};

const char *outcome_name(Outcome o)
{
    return o >= 0 && o < OUTCOME_COUNT ? outcomes[o].name : outcomes[0].name;
}

const char *outcome_label(Outcome o)
{
    return o >= 0 && o < OUTCOME_COUNT ? outcomes[o].label : outcomes[0].label;
}

const char *outcome_brief(Outcome o)
{
    return o >= 0 && o < OUTCOME_COUNT ? outcomes[o].brief : outcomes[0].brief;
}

Outcome outcome_parse(const char *name)
{
    for (int i = 1; name && i < OUTCOME_COUNT; i++)
        if (strcmp(name, outcomes[i].name) == 0)
            return (Outcome)i;
    return OUTCOME_NONE;
}

const char *sender_name(Sender s)
{
    switch (s) {
    case FROM_CUSTOMER:
        return "customer";
    case FROM_AGENT:
        return "agent";
    default:
        return "system";
    }
}

void hits_deinit(HitList *h)
{
    if (!h)
        return;
    free(h->v);
    memset(h, 0, sizeof *h);
}

void transcript_deinit(Transcript *t)
{
    if (!t)
        return;
    for (int i = 0; i < t->n; i++) {
        free(t->msgs[i].text);
        hits_deinit(&t->msgs[i].hits);
    }
    free(t->msgs);
    memset(t, 0, sizeof *t);
}

Message *transcript_add(Transcript *t, double time, Sender from, const char *text, size_t len)
{
    if (t->n == t->cap) {
        int cap = t->cap ? t->cap * 2 : 32;
        Message *m = realloc(t->msgs, (size_t)cap * sizeof *m);
        if (!m)
            return NULL;
        t->msgs = m;
        t->cap = cap;
    }
    size_t clean_len = 0;
    char *clean = text_sanitize(text ? text : "", text ? len : 0, &clean_len);
    if (!clean)
        return NULL;
    Message *m = &t->msgs[t->n++];
    memset(m, 0, sizeof *m);
    m->t = time;
    m->from = from;
    m->text = clean;
    m->len = clean_len;
    m->wait_s = -1;
    m->typing_s = -1;
    return m;
}

void transcript_customer_context(const Transcript *t, int i, char *buf, size_t size)
{
    size_t o = 0;
    if (size == 0)
        return;
    buf[0] = '\0';
    /* The latest run of customer messages before i. The agent may answer in several
     * messages (the handbook asks for long answers to be split), so agent messages between
     * that run and i are skipped: they all answer the same question. */
    int end = i;
    while (end > 0 && t->msgs[end - 1].from != FROM_CUSTOMER)
        end--;
    int start = end;
    while (start > 0 && t->msgs[start - 1].from != FROM_AGENT)
        start--;
    for (int k = start; k < end; k++) {
        const Message *m = &t->msgs[k];
        if (m->from != FROM_CUSTOMER)
            continue;
        size_t room = size - 1 - o;
        size_t take = m->len + (o ? 1 : 0) <= room ? m->len : 0;
        if (!take)
            break;
        if (o)
            buf[o++] = '\n';
        memcpy(buf + o, m->text, take);
        o += take;
    }
    buf[o] = '\0';
}

int transcript_agent_turn(const Transcript *t, int i)
{
    int turn = 0;
    for (int k = 0; k < i && k < t->n; k++)
        if (t->msgs[k].from == FROM_AGENT)
            turn++;
    return turn;
}
