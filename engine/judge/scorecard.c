/* scorecard: a scenario's weighted score from hits, timings and the outcome. */
#include "judge/scorecard.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/text.h"

const char *status_name(PrincipleStatus s)
{
    switch (s) {
    case ST_MET:
        return "met";
    case ST_MISSED:
        return "missed";
    case ST_VIOLATED:
        return "violated";
    default:
        return "not_applicable";
    }
}

const char *scorecard_verdict(const Principle *p, PrincipleStatus st, char *buf, size_t size)
{
    const char *name = p && p->name ? p->name : "";
    PrincipleKind kind = p ? p->kind : KIND_TECHNIQUE;
    if (size == 0)
        return buf;
    if (st == ST_NA)
        snprintf(buf, size, "本次不适用 · %s", name);
    else if (kind == KIND_VIOLATION && st == ST_MET && p->avoided && *p->avoided)
        snprintf(buf, size, "%s", p->avoided);
    else if (kind == KIND_VIOLATION)
        snprintf(buf, size, st == ST_MET ? "没有%s" : "犯了 · %s", name);
    else if (kind == KIND_TIMING)
        snprintf(buf, size, "%s · %s", st == ST_MET ? "达标" : "未达标", name);
    else
        snprintf(buf, size, "%s · %s", st == ST_MET ? "做到了" : "没做到", name);
    return buf;
}

void scorespec_deinit(ScoreSpec *s)
{
    if (!s)
        return;
    for (int i = 0; i < s->n; i++)
        free(s->items[i].id);
    free(s->items);
    s->items = NULL;
    s->n = 0;
}

int scorespec_copy(ScoreSpec *dst, const ScoreSpec *src)
{
    *dst = *src;
    dst->items = calloc((size_t)(src->n ? src->n : 1), sizeof *dst->items);
    if (!dst->items) {
        dst->n = 0; /* nothing copied: scorespec_deinit has nothing to free */
        return -1;
    }
    for (int i = 0; i < src->n; i++) {
        dst->items[i] = src->items[i];
        dst->items[i].id = strdup(src->items[i].id);
        if (!dst->items[i].id) {
            dst->n = i;
            scorespec_deinit(dst);
            return -1;
        }
    }
    return 0;
}

void scorecard_deinit(Scorecard *sc)
{
    if (!sc)
        return;
    free(sc->lines);
    free(sc->cats);
    memset(sc, 0, sizeof *sc);
}

/* ---------------------------------------------------------------- metrics */

/* The customer's wait that no reply ended, from their first unanswered message to the end of
 * the conversation (they left, or the session stopped), or -1 when the agent answered last. */
static double unanswered_wait(const Transcript *t)
{
    double since = -1, last = 0;
    for (int i = 0; i < t->n; i++) {
        const Message *m = &t->msgs[i];
        if (m->from == FROM_CUSTOMER && since < 0)
            since = m->t;
        else if (m->from == FROM_AGENT)
            since = -1;
        if (m->t > last)
            last = m->t;
    }
    if (since < 0)
        return -1;
    double end = t->ended_t > last ? t->ended_t : last;
    return end - since;
}

/* The customer is gone: they left or complained, rather than bought or were satisfied. */
static int customer_lost(const Transcript *t)
{
    return t->outcome == OUTCOME_LEFT || t->outcome == OUTCOME_ESCALATED;
}

int scorecard_is_pasted(const char *text, size_t len, double typing_s)
{
    if (!(typing_s >= 0) || !text)
        return 0;
    double chars = (double)text_chars(text, len);
    if (chars < SCORECARD_PASTE_MIN_CHARS)
        return 0;
    /* chars / (typing_s / 60) > CPM, written without dividing by a typing time of 0. */
    return chars * 60.0 > SCORECARD_PASTE_CPM * typing_s;
}

void scorecard_metrics(const Transcript *t, const Thresholds *th, Metrics *m)
{
    double sum = 0, chars = 0, typing = 0;
    int responses = 0;
    memset(m, 0, sizeof *m);
    m->first_response_s = m->avg_response_s = m->max_response_s = m->typing_cpm = -1;
    for (int i = 0; i < t->n; i++) {
        const Message *msg = &t->msgs[i];
        if (msg->from != FROM_AGENT)
            continue;
        m->agent_messages++;
        /* A pasted reply says nothing about typing: 2,000 characters "typed" in a second
         * would make a slow typist look fast. */
        if (msg->typing_s > 0 && !scorecard_is_pasted(msg->text, msg->len, msg->typing_s)) {
            chars += (double)text_chars(msg->text, msg->len);
            typing += msg->typing_s;
        }
        if (!msg->responding)
            continue;
        if (responses == 0)
            m->first_response_s = msg->wait_s;
        responses++;
        sum += msg->wait_s;
        if (msg->wait_s > m->max_response_s)
            m->max_response_s = msg->wait_s;
        if (msg->wait_s > th->reply_wait_s)
            m->waits_over++;
    }
    if (responses)
        m->avg_response_s = sum / responses;
    if (typing > 0)
        m->typing_cpm = chars / (typing / 60.0);
    m->unanswered_s = unanswered_wait(t);
    if (m->unanswered_s > th->reply_wait_s)
        m->waits_over++;
}

/* ---------------------------------------------------------------- judging */

static void add_evidence(ScoreLine *line, int msg, int start, int end)
{
    if (line->evidence_n >= 4)
        return;
    line->ev_msg[line->evidence_n] = msg;
    line->ev_start[line->evidence_n] = start;
    line->ev_end[line->evidence_n] = end;
    line->evidence_n++;
}

static void whole_message(ScoreLine *line, const Transcript *t, int i)
{
    if (i >= 0 && i < t->n)
        add_evidence(line, i, 0, (int)t->msgs[i].len);
}

/* Hits of principle p across the agent's messages; returns how many messages had it. */
static int collect_hits(const Transcript *t, int p, ScoreLine *line)
{
    int found = 0;
    for (int i = 0; i < t->n; i++) {
        const Message *m = &t->msgs[i];
        if (m->from != FROM_AGENT)
            continue;
        for (int k = 0; k < m->hits.n; k++)
            if (m->hits.v[k].principle == p) {
                found++;
                add_evidence(line, i, m->hits.v[k].start, m->hits.v[k].end);
            }
    }
    return found;
}

/* For a technique of a family (the closing moves: any one of them closes the sale), the hits
 * of its relatives stand for it, with a detail naming the one used. Returns how many
 * messages had one. */
static int collect_family(Rubric *r, const Transcript *t, int p, ScoreLine *line)
{
    const Principle *pr = rubric_principle(r, p);
    if (!pr->family)
        return 0;
    int found = 0;
    for (int q = 0; q < rubric_count(r); q++) {
        const Principle *pq = rubric_principle(r, q);
        if (q == p || !pq->family || strcmp(pq->family, pr->family) != 0)
            continue;
        int n = collect_hits(t, q, line);
        if (n && !found)
            snprintf(line->detail, sizeof line->detail, "用了同类的技巧：%s", pq->name);
        found += n;
    }
    return found;
}

/* Whether a technique could be shown at all in this conversation. */
static int applicable(Rubric *r, int p, const Transcript *t, const char *persona,
                      const Thresholds *th)
{
    int agent = 0;
    for (int i = 0; i < t->n; i++) {
        if (t->msgs[i].from != FROM_AGENT)
            continue;
        char context[2048];
        transcript_customer_context(t, i, context, sizeof context);
        ReplyContext ctx = {persona, context, agent, t->msgs[i].wait_s, th};
        int yes = rubric_applicable(r, p, &ctx);
        if (yes != 0)
            return yes; /* 1, or -1: a match failed and the answer is unknown */
        agent++;
    }
    /* An agent who never answered had every chance and took none. */
    return agent == 0;
}


static void judge_timing(const char *id, ScoreLine *line, const Transcript *t, const Thresholds *th,
                         const Metrics *m)
{
    line->status = ST_MISSED;
    if (strcmp(id, "first_response") == 0) {
        double f = m->first_response_s;
        int first = -1;
        for (int i = 0; i < t->n && first < 0; i++)
            if (t->msgs[i].from == FROM_AGENT && t->msgs[i].responding)
                first = i;
        if (f < 0) {
            snprintf(line->detail, sizeof line->detail, "顾客没有等到回复（标准：%.0f 秒内）",
                     th->first_response_s);
            return;
        }
        double frac = f <= th->first_response_excellent_s ? 1.0
                      : f <= th->first_response_s         ? 0.7
                      : f <= th->first_response_s * 2     ? 0.3
                                                          : 0.0;
        line->points = line->max * frac;
        line->status = f <= th->first_response_s ? ST_MET : ST_MISSED;
        snprintf(line->detail, sizeof line->detail,
                 "首次响应 %.1f 秒（标准：%.0f 秒内，%.0f 秒内为优秀）", f, th->first_response_s,
                 th->first_response_excellent_s);
        whole_message(line, t, first);
    } else if (strcmp(id, "reply_wait") == 0) {
        double sum = 0, worst = -1;
        int n = 0, over = 0, worst_i = -1;
        for (int i = 0; i < t->n; i++) {
            const Message *msg = &t->msgs[i];
            if (msg->from != FROM_AGENT || !msg->responding)
                continue;
            n++;
            double w = msg->wait_s;
            sum += w <= th->reply_wait_s ? 1.0 : w <= th->reply_wait_s * 2 ? 0.5 : 0.0;
            if (w > th->reply_wait_s)
                over++;
            if (w > worst) {
                worst = w;
                worst_i = i;
            }
        }
        double lost = m->unanswered_s;
        if (lost > th->reply_wait_s) {
            n++;
            over++;
            if (lost > worst)
                worst = lost, worst_i = -1;
        }
        if (n == 0) {
            snprintf(line->detail, sizeof line->detail, "没有回复顾客");
            return;
        }
        line->points = line->max * sum / n;
        /* A customer who gave up waiting was not served in time at all, however quick the
         * earlier replies were. */
        if (lost > th->reply_wait_s && customer_lost(t))
            line->points = 0;
        line->status = over ? ST_MISSED : ST_MET;
        if (lost > th->reply_wait_s && worst_i < 0)
            snprintf(line->detail, sizeof line->detail,
                     customer_lost(t) ? "顾客等了 %.0f 秒没有等到回复就离开了（标准：每次 %.0f 秒内）"
                                      : "最后顾客等了 %.0f 秒没有等到回复（标准：每次 %.0f 秒内）",
                     lost, th->reply_wait_s);
        else
            snprintf(line->detail, sizeof line->detail,
                     "%d 次回复中 %d 次超过 %.0f 秒，最长 %.1f 秒", n, over, th->reply_wait_s,
                     worst);
        if (over)
            whole_message(line, t, worst_i);
    } else if (strcmp(id, "typing_speed") == 0) {
        if (m->typing_cpm < 0) {
            line->status = ST_NA;
            line->max = 0;
            snprintf(line->detail, sizeof line->detail, "没有记录打字时间");
            return;
        }
        double frac = m->typing_cpm >= th->typing_cpm ? 1.0 : m->typing_cpm / th->typing_cpm;
        line->points = line->max * frac;
        line->status = frac >= 1.0 ? ST_MET : ST_MISSED;
        snprintf(line->detail, sizeof line->detail, "打字速度 %.0f 字/分钟（标准：至少 %.0f）",
                 m->typing_cpm, th->typing_cpm);
    } else if (strcmp(id, "seller_last_word") == 0) {
        int last = -1;
        for (int i = 0; i < t->n; i++)
            if (t->msgs[i].from != FROM_SYSTEM)
                last = i;
        if (last >= 0 && t->msgs[last].from == FROM_AGENT) {
            line->status = ST_MET;
            line->points = line->max;
            snprintf(line->detail, sizeof line->detail, "对话以客服的消息结束");
            whole_message(line, t, last);
        } else {
            snprintf(line->detail, sizeof line->detail, "最后一条消息是顾客发的，没有以卖家结束");
        }
    } else {
        line->status = ST_NA;
        line->max = 0;
        snprintf(line->detail, sizeof line->detail, "未知的计时原则");
    }
}

/* A violation avoided earns its points when the conversation gave it a chance to happen:
 * a customer who bought or was satisfied ends it well however short it was, but one who
 * walked away after a reply or two shows little about how the trainee would have handled
 * the rest, so the points for staying clean grow with the replies sent, up to this many. */
#define CLEAN_TURNS 3

static double clean_share(const Transcript *t, const Metrics *m)
{
    if (t->outcome == OUTCOME_SALE || t->outcome == OUTCOME_RESOLVED)
        return 1.0;
    double share = m->agent_messages >= CLEAN_TURNS ? 1.0 : (double)m->agent_messages / CLEAN_TURNS;
    /* Losing the customer through silence or vague answers while breaking no rule is not
     * service: staying clean earns half its points when the customer left or complained. */
    if (customer_lost(t))
        share *= 0.5;
    return share;
}

int scorecard_compute(Rubric *r, const ScoreSpec *spec, const Transcript *t, const char *persona,
                      Scorecard *out)
{
    memset(out, 0, sizeof *out);
    out->pass_mark = spec->pass_mark;
    out->lines = calloc((size_t)(spec->n ? spec->n : 1), sizeof *out->lines);
    out->cats = calloc((size_t)(rubric_category_count(r) + 1), sizeof *out->cats);
    if (!out->lines || !out->cats) {
        scorecard_deinit(out);
        return -1;
    }
    const Thresholds *th = &spec->thresholds;
    scorecard_metrics(t, th, &out->metrics);
    int agent_spoke = out->metrics.agent_messages > 0;
    double got = 0, max = 0;

    for (int i = 0; i < spec->n; i++) {
        int p = rubric_find(r, spec->items[i].id);
        if (p < 0)
            continue; /* checked when the spec was loaded; a changed rubric skips it */
        const Principle *pr = rubric_principle(r, p);
        ScoreLine *line = &out->lines[out->n++];
        int app;
        line->principle = p;
        line->max = spec->items[i].weight;
        line->required = spec->items[i].required;
        switch (pr->kind) {
        case KIND_TECHNIQUE:
            if (collect_hits(t, p, line) || collect_family(r, t, p, line)) {
                line->status = ST_MET;
                line->points = line->max;
            } else if ((app = applicable(r, p, t, persona, th)) < 0) {
                scorecard_deinit(out);
                return -1;
            } else if (app) {
                line->status = ST_MISSED;
            } else {
                line->status = ST_NA;
                line->max = 0;
            }
            break;
        case KIND_VIOLATION: {
            int n = collect_hits(t, p, line);
            if (n) {
                line->status = ST_VIOLATED;
                snprintf(line->detail, sizeof line->detail, "出现 %d 次", n);
                if (pr->critical && out->ncritical < 16)
                    out->critical[out->ncritical++] = p;
            } else if (agent_spoke) {
                line->status = ST_MET;
                line->points = line->max * clean_share(t, &out->metrics);
                if (line->points < line->max && customer_lost(t))
                    snprintf(line->detail, sizeof line->detail,
                             "顾客流失了：没有犯错不等于服务到位，按 %.0f%% 计分",
                             100.0 * line->points / line->max);
                else if (line->points < line->max)
                    snprintf(
                        line->detail, sizeof line->detail,
                        "只回复了 %d 条顾客就没有买下：没来得及犯错不等于做到了，按 %d/%d 计分",
                        out->metrics.agent_messages, out->metrics.agent_messages, CLEAN_TURNS);
            } else {
                line->status = ST_NA;
                line->max = 0;
            }
            break;
        }
        case KIND_TIMING:
            judge_timing(pr->id, line, t, th, &out->metrics);
            break;
        }
        if (line->required && line->status == ST_MISSED && out->nrequired_missed < 16)
            out->required_missed[out->nrequired_missed++] = p;
        got += line->points;
        max += line->max;
        /* Category subtotal. */
        for (int c = 0; c < rubric_category_count(r); c++) {
            if (strcmp(rubric_category(r, c)->id, pr->category ? pr->category : "") != 0)
                continue;
            int k = 0;
            while (k < out->ncats && out->cats[k].category != c)
                k++;
            if (k == out->ncats) {
                out->cats[k].category = c;
                out->ncats++;
            }
            out->cats[k].score += line->points;
            out->cats[k].max += line->max;
            break;
        }
    }
    /* Categories in the catalog's order, whatever order the scenario lists principles in. */
    for (int a = 1; a < out->ncats; a++)
        for (int b = a; b > 0 && out->cats[b - 1].category > out->cats[b].category; b--) {
            CategoryScore tmp = out->cats[b];
            out->cats[b] = out->cats[b - 1];
            out->cats[b - 1] = tmp;
        }
    out->outcome_max = spec->outcome_max;
    out->outcome_points = spec->outcome_points[t->outcome];
    got += out->outcome_points;
    max += out->outcome_max;

    out->total = max > 0 ? (int)lround(100.0 * got / max) : 0;
    /* A critical violation (arguing with or blaming the customer) fails the session outright:
     * the total is held at half the pass mark, below any conversation that was merely passive.
     * A required technique missed holds it just below the pass mark. */
    if (out->ncritical && out->total > (int)floor(spec->pass_mark / 2))
        out->total = (int)floor(spec->pass_mark / 2);
    if (out->nrequired_missed && out->total >= spec->pass_mark)
        out->total = (int)ceil(spec->pass_mark) - 1;
    if (out->total < 0)
        out->total = 0;
    out->pass = out->total >= spec->pass_mark && !out->ncritical && !out->nrequired_missed;
    return 0;
}
