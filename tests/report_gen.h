/* report_gen: builds results files shaped the way engine/results/record.c writes them (schema
 * kefu.result/1, pretty-printed), for the report's tests and its benchmark, with the names
 * of results/schema.h and judge (statuses, outcomes, senders, standards). Header-only: every
 * function is static inline. */
#ifndef KEFU_REPORT_GEN_H
#define KEFU_REPORT_GEN_H

#include <cjson/cJSON.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "base/date.h"
#include "judge/standards.h"
#include "results/schema.h"

typedef struct GenPrinciple {
    const char *id, *name, *kind, *source, *quote;
} GenPrinciple;

/* A slice of the rubric (RUBRIC.md): the order is the order of GenSession.statuses. */
static const GenPrinciple gen_catalog[] = {
    {"warm_greeting", "热情问候", "technique", "002 欢迎和欢送",
     "亲，您好！欢迎光临小店，有什么可以帮您的吗？打招呼要快、要热情、要简洁。"},
    {"friendly_tone", "亲切语气", "technique", "000 笑脸",
     "多用“亲”“哦”“呢”等亲切的语气词和表情，让顾客感受到我们的热情。"},
    {"value_over_price", "强调价值", "technique", "001 应对讨价还价 突出品质和价值",
     "顾客讨价还价时，要突出商品的品质和价值，而不是一味降价。"},
    {"price_policy", "统一定价", "technique", "002 售价是公司出台规定的",
     "亲，价格是公司统一规定的，我们客服没有改价的权限，希望您理解。"},
    {"two_choice_close", "二选其一", "technique", "000 二选其一",
     "请问您要第1款还是第2款呢？用二选其一的问法促成订单。"},
    {"apology", "诚恳致歉", "technique", "000 诚恳、致歉",
     "遇到问题要诚恳致歉，多说几个对不起，先安抚好客户的情绪。"},
    {"polite_farewell", "礼貌告别", "technique", "002 欢送",
     "感谢您的光临，祝您生活愉快，欢迎下次再来。"},
    {"arguing", "与客户争辩", "violation", "001 不要与客户争辩",
     "不要与客户争辩，即使客户说得不对，也不要去争论。"},
    {"harsh_refusal", "生硬拒绝", "violation", "003 少用或慎用不对、不可以、不行",
     "少用或慎用“不对”“不可以”“不行”等生硬的词语。"},
    {"discount_offer", "擅自让价", "violation", "001 一口价就是最低价",
     "一口价就是最低价，客服没有权利议价。"},
    {"first_response", "首次响应", "timing", "002 打招呼不能超过15秒",
     "顾客咨询后，打招呼的时间不能超过15秒。"},
    {"reply_wait", "回复等待", "timing", "002 顾客等待时间不能超过20秒",
     "顾客等待的时间不能超过20秒。"},
};
#define GEN_NPRINCIPLES ((int)(sizeof gen_catalog / sizeof gen_catalog[0]))

typedef struct GenReply {
    const char *text;
    const char *principle; /* the hit this reply carries (NULL: none) */
    const char *evidence;  /* the span of text it covers */
} GenReply;

static const GenReply gen_replies[] = {
    {"亲，您好！欢迎光临小店，有什么可以帮您的吗？", "warm_greeting", "亲，您好！欢迎光临小店"},
    {"好的亲，马上帮您看哦^_^", "friendly_tone", "马上帮您看哦^_^"},
    {"这款是实木的，用料扎实，用十年都没问题，买的是放心。", "value_over_price", "用料扎实"},
    {"亲，价格是公司统一定的，我们客服没有改价权限，希望理解哈。", "price_policy",
     "价格是公司统一定的"},
    {"您看是要胡桃色还是原木色呢？", "two_choice_close", "胡桃色还是原木色呢"},
    {"真的非常抱歉，给您添麻烦了，我马上帮您处理。", "apology", "真的非常抱歉"},
    {"感谢您的光临，祝您生活愉快，欢迎下次再来哦。", "polite_farewell", "感谢您的光临"},
    {"您说得不对，我们的东西根本不可能是假的。", "arguing", "您说得不对"},
    {"不行，不能便宜。", "harsh_refusal", "不行"},
    {"那给您便宜20块吧。", "discount_offer", "便宜20块"},
    {"好的，我帮您查一下库存，稍等一下。", NULL, NULL},
    {"这款床的尺寸是1.8米乘2米，床头高1.1米，您家卧室放得下吗？", NULL, NULL},
};
#define GEN_NREPLIES ((int)(sizeof gen_replies / sizeof gen_replies[0]))

static const char *const gen_customer_lines[] = {
    "这床能便宜点吗？",       "在吗？",
    "实木的吗？会不会开裂？", "发什么快递？几天能到？",
    "别家比你们便宜两百呢",   "我收到的床头板裂了，怎么回事！",
    "有没有金色的？",         "好吧，我再想想",
};
#define GEN_NCUSTOMER ((int)(sizeof gen_customer_lines / sizeof gen_customer_lines[0]))

/* One session to generate. */
typedef struct GenSession {
    const char *trainee;
    const char *scenario; /* id */
    const char *title;
    const char *mode; /* "exam" / "practice" */
    unsigned seed;
    long long started; /* UTC seconds */
    const char *outcome;
    int total;
    int pass_mark;         /* 0: 80 */
    double first_response; /* < 0: the agent never replied (recorded as null) */
    const double *waits;   /* each agent reply's wait, seconds */
    int nwaits;
    const int *replies;         /* index into gen_replies per agent reply (NULL: cycle from seed) */
    const char *override_reply; /* when set, the second agent reply says this instead */
    int bad_offsets;            /* give the override reply a hit with broken offsets */
    const char *statuses; /* per gen_catalog entry: m met, x missed, v violated, n n/a, - absent */
    double wait_standard; /* scorecard.thresholds.reply_wait_s (0: the handbook's) */
} GenSession;

static inline void gen_iso(long long t, char *buf, size_t size)
{
    date_format_utc_stamp(buf, size, (time_t)t);
}

static inline double gen_round1(double v)
{
    return (double)(long long)(v * 10 + (v >= 0 ? 0.5 : -0.5)) / 10;
}

/* json itself when the schema's reader accepts it; else says why on stderr, frees json and
 * returns NULL, so a generator that drifts from the format fails where it drifted. */
static inline char *gen_checked(char *json)
{
    SchemaReader *rd = schema_reader_create();
    const ResultSummary *s = NULL;
    KefuError why = {{0}};
    if (json && (!rd || schema_read_buffer(rd, "generated", json, strlen(json), 1, &s, &why))) {
        fprintf(stderr, "report_gen: not a valid results file: %s\n", rd ? why.msg : "no memory");
        free(json);
        json = NULL;
    }
    schema_reader_destroy(rd);
    return json;
}

/* The session as pretty-printed JSON (malloc'd, caller frees), checked by the schema's reader
 * (gen_checked), or NULL out of memory. */
static inline char *gen_json(const GenSession *g)
{
    char buf[64], id[160];
    cJSON *root = cJSON_CreateObject();
    gen_iso(g->started, buf, sizeof buf);
    snprintf(id, sizeof id, "%.4s%.2s%.2sT%.2s%.2s%.2sZ-%s-%04x", buf, buf + 5, buf + 8, buf + 11,
             buf + 14, buf + 17, g->scenario, g->seed & 0xffff);
    cJSON_AddStringToObject(root, RK_SCHEMA, SCHEMA_ID);
    cJSON_AddStringToObject(root, RK_ID, id);
    cJSON_AddStringToObject(root, RK_TRAINEE, g->trainee);
    cJSON_AddStringToObject(root, RK_MODE, g->mode ? g->mode : SCHEMA_MODE_EXAM);
    cJSON_AddNumberToObject(root, RK_SEED, g->seed);
    cJSON *scn = cJSON_AddObjectToObject(root, RK_SCENARIO);
    cJSON_AddStringToObject(scn, RK_ID, g->scenario);
    cJSON_AddStringToObject(scn, RK_TITLE, g->title ? g->title : g->scenario);
    cJSON_AddStringToObject(scn, RK_PERSONA, "看中了一张实木床，一心想再便宜点");
    snprintf(buf, sizeof buf, "scenarios/%s.lua", g->scenario);
    cJSON_AddStringToObject(scn, RK_FILE, buf);
    cJSON_AddStringToObject(scn, RK_SHA256,
                            "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08");
    cJSON_AddNumberToObject(scn, RK_DIFFICULTY, 2);

    /* The conversation: a customer line, then the agent's reply after its wait. */
    cJSON *tr = cJSON_CreateArray();
    double t = 0, sum = 0, max = 0;
    int over = 0;
    for (int i = 0; i < g->nwaits; i++) {
        cJSON *c = cJSON_CreateObject();
        cJSON_AddNumberToObject(c, RK_T, gen_round1(t));
        cJSON_AddStringToObject(c, RK_FROM, sender_name(FROM_CUSTOMER));
        cJSON_AddStringToObject(c, RK_TEXT, gen_customer_lines[(g->seed + i) % GEN_NCUSTOMER]);
        cJSON_AddItemToArray(tr, c);
        double w = g->waits[i];
        t += w;
        sum += w;
        if (w > max)
            max = w;
        over += w > (g->wait_standard > 0 ? g->wait_standard : STANDARD_REPLY_WAIT_S);
        int ri = g->replies ? g->replies[i] : (int)((g->seed * 7 + (unsigned)i * 3) % GEN_NREPLIES);
        const GenReply *rep = &gen_replies[ri];
        const char *text = rep->text;
        if (i == 1 && g->override_reply)
            text = g->override_reply;
        cJSON *a = cJSON_CreateObject();
        cJSON_AddNumberToObject(a, RK_T, gen_round1(t));
        cJSON_AddStringToObject(a, RK_FROM, sender_name(FROM_AGENT));
        cJSON_AddStringToObject(a, RK_TEXT, text);
        cJSON_AddNumberToObject(a, RK_WAIT_S, gen_round1(w));
        cJSON_AddNumberToObject(a, RK_TYPING_S, gen_round1(strlen(text) / 3 / 1.1));
        cJSON_AddBoolToObject(a, RK_RESPONDING, 1);
        cJSON *hits = cJSON_AddArrayToObject(a, RK_HITS);
        if (text == rep->text && rep->principle) {
            const char *at = strstr(text, rep->evidence);
            cJSON *h = cJSON_CreateObject();
            cJSON_AddStringToObject(h, RK_PRINCIPLE, rep->principle);
            const char *kind = "technique";
            for (int k = 0; k < GEN_NPRINCIPLES; k++)
                if (strcmp(gen_catalog[k].id, rep->principle) == 0)
                    kind = gen_catalog[k].kind;
            cJSON_AddStringToObject(h, RK_KIND, kind);
            cJSON_AddNumberToObject(h, RK_START, (double)(at - text));
            cJSON_AddNumberToObject(h, RK_END, (double)(at - text + (long)strlen(rep->evidence)));
            cJSON_AddStringToObject(h, RK_EVIDENCE, rep->evidence);
            for (int k = 0; k < GEN_NPRINCIPLES; k++)
                if (strcmp(gen_catalog[k].id, rep->principle) == 0)
                    cJSON_AddStringToObject(h, RK_SOURCE, gen_catalog[k].source);
            cJSON_AddItemToArray(hits, h);
        }
        if (text != rep->text && g->bad_offsets) {
            /* Offsets that split a character and run past the end: must not break the page. */
            cJSON *h = cJSON_CreateObject();
            cJSON_AddStringToObject(h, RK_PRINCIPLE, "friendly_tone");
            cJSON_AddStringToObject(h, RK_KIND, "technique");
            cJSON_AddNumberToObject(h, RK_START, 1);
            cJSON_AddNumberToObject(h, RK_END, 100000);
            cJSON_AddItemToArray(hits, h);
            h = cJSON_CreateObject();
            cJSON_AddStringToObject(h, RK_PRINCIPLE, "arguing");
            cJSON_AddStringToObject(h, RK_KIND, "violation");
            cJSON_AddNumberToObject(h, RK_START, -5);
            cJSON_AddNumberToObject(h, RK_END, 2);
            cJSON_AddStringToObject(h, RK_EVIDENCE, "not in the text");
            cJSON_AddItemToArray(hits, h);
        }
        cJSON_AddItemToArray(tr, a);
        t += 3.5;
    }
    if (g->outcome && strcmp(g->outcome, outcome_name(OUTCOME_SALE)) == 0) {
        cJSON *s = cJSON_CreateObject();
        cJSON_AddNumberToObject(s, RK_T, gen_round1(t));
        cJSON_AddStringToObject(s, RK_FROM, sender_name(FROM_SYSTEM));
        cJSON_AddStringToObject(s, RK_TEXT, "顾客已下单");
        cJSON_AddItemToArray(tr, s);
    }
    gen_iso(g->started, buf, sizeof buf);
    cJSON_AddStringToObject(root, RK_STARTED_AT, buf);
    gen_iso(g->started + (long long)t, buf, sizeof buf);
    cJSON_AddStringToObject(root, RK_ENDED_AT, buf);
    cJSON_AddNumberToObject(root, RK_DURATION_S, gen_round1(t));
    cJSON_AddStringToObject(root, RK_OUTCOME, g->outcome ? g->outcome : outcome_name(OUTCOME_SALE));
    cJSON_AddItemToObject(root, RK_TRANSCRIPT, tr);

    cJSON *m = cJSON_AddObjectToObject(root, RK_METRICS);
    if (g->first_response >= 0)
        cJSON_AddNumberToObject(m, RK_FIRST_RESPONSE_S, g->first_response);
    else
        cJSON_AddNullToObject(m, RK_FIRST_RESPONSE_S);
    if (g->nwaits) {
        cJSON_AddNumberToObject(m, RK_AVG_RESPONSE_S, gen_round1(sum / g->nwaits));
        cJSON_AddNumberToObject(m, RK_MAX_RESPONSE_S, gen_round1(max));
    } else {
        cJSON_AddNullToObject(m, RK_AVG_RESPONSE_S);
        cJSON_AddNullToObject(m, RK_MAX_RESPONSE_S);
    }
    cJSON_AddNumberToObject(m, RK_TYPING_CPM, 64);
    cJSON_AddNumberToObject(m, RK_AGENT_MESSAGES, g->nwaits);
    cJSON_AddNumberToObject(m, RK_WAITS_OVER, over);

    cJSON *sc = cJSON_AddObjectToObject(root, RK_SCORECARD);
    int pm = g->pass_mark ? g->pass_mark : 80;
    cJSON_AddNumberToObject(sc, RK_TOTAL, g->total);
    cJSON_AddBoolToObject(sc, RK_PASS, g->total >= pm);
    cJSON_AddNumberToObject(sc, RK_PASS_MARK, pm);
    cJSON *cats = cJSON_AddArrayToObject(sc, RK_CATEGORIES);
    cJSON *cat = cJSON_CreateObject();
    cJSON_AddStringToObject(cat, RK_ID, "timeliness");
    cJSON_AddStringToObject(cat, RK_NAME, "反应及时");
    cJSON_AddNumberToObject(cat, RK_SCORE, 18);
    cJSON_AddNumberToObject(cat, RK_MAX, 20);
    cJSON_AddItemToArray(cats, cat);
    cJSON *ps = cJSON_AddArrayToObject(sc, RK_PRINCIPLES);
    cJSON *crit = cJSON_CreateArray();
    for (int k = 0; g->statuses && g->statuses[k] && k < GEN_NPRINCIPLES; k++) {
        char st = g->statuses[k];
        if (st == '-')
            continue;
        const GenPrinciple *gp = &gen_catalog[k];
        const char *status = status_name(st == 'm'   ? ST_MET
                                         : st == 'x' ? ST_MISSED
                                         : st == 'v' ? ST_VIOLATED
                                                     : ST_NA);
        cJSON *p = cJSON_CreateObject();
        cJSON_AddStringToObject(p, RK_ID, gp->id);
        cJSON_AddStringToObject(p, RK_NAME, gp->name);
        cJSON_AddStringToObject(p, RK_KIND, gp->kind);
        cJSON_AddStringToObject(p, RK_STATUS, status);
        cJSON_AddNumberToObject(p, RK_POINTS, st == 'm' ? 10 : 0);
        cJSON_AddNumberToObject(p, RK_MAX, 10);
        cJSON_AddBoolToObject(p, RK_REQUIRED, k == 0);
        cJSON_AddBoolToObject(p, RK_CRITICAL, strcmp(gp->id, "arguing") == 0);
        cJSON *ev = cJSON_AddArrayToObject(p, RK_EVIDENCE);
        if (st == 'm' || st == 'v')
            cJSON_AddItemToArray(ev, cJSON_CreateString("亲，您好！"));
        cJSON_AddArrayToObject(p, RK_EVIDENCE_AT);
        cJSON_AddStringToObject(p, RK_SOURCE, gp->source);
        cJSON_AddStringToObject(p, RK_QUOTE, gp->quote);
        cJSON_AddStringToObject(p, RK_EXPLAIN, "这一条说的是手册里的做法，以及它为什么重要。");
        cJSON_AddStringToObject(p, RK_DETAIL, st == 'm' ? "做到了" : "没有做到");
        cJSON_AddItemToArray(ps, p);
        if (st == 'v' && strcmp(gp->id, "arguing") == 0)
            cJSON_AddItemToArray(crit, cJSON_CreateString(gp->id));
    }
    cJSON_AddItemToObject(sc, RK_CRITICAL, crit);
    cJSON_AddArrayToObject(sc, RK_REQUIRED_MISSED);
    cJSON *oc = cJSON_AddObjectToObject(sc, RK_OUTCOME);
    cJSON_AddStringToObject(oc, RK_VALUE, g->outcome ? g->outcome : outcome_name(OUTCOME_SALE));
    cJSON_AddNumberToObject(oc, RK_POINTS, 10);
    cJSON_AddNumberToObject(oc, RK_MAX, 10);
    cJSON *th = cJSON_AddObjectToObject(sc, RK_THRESHOLDS);
    cJSON_AddNumberToObject(th, RK_FIRST_RESPONSE_S, STANDARD_FIRST_RESPONSE_S);
    cJSON_AddNumberToObject(th, RK_FIRST_RESPONSE_EXCELLENT_S, STANDARD_FIRST_RESPONSE_EXCELLENT_S);
    cJSON_AddNumberToObject(th, RK_REPLY_WAIT_S,
                            g->wait_standard > 0 ? g->wait_standard : STANDARD_REPLY_WAIT_S);
    cJSON_AddNumberToObject(th, RK_TYPING_CPM, STANDARD_TYPING_CPM);
    cJSON_AddNumberToObject(th, RK_LONG_REPLY_CHARS, STANDARD_LONG_REPLY_CHARS);
    cJSON *v = cJSON_AddObjectToObject(root, RK_VERSIONS);
    cJSON_AddStringToObject(v, RK_ENGINE, "0.1.0");
    cJSON_AddStringToObject(v, RK_RUBRIC, "2026.11.1");
    char *out = cJSON_Print(root);
    cJSON_Delete(root);
    return gen_checked(out);
}

/* Writes text to path; returns 0 or -1 (errno set). */
static inline int gen_write_text(const char *path, const char *text, size_t len)
{
    FILE *f = fopen(path, "wb");
    if (!f)
        return -1;
    size_t n = fwrite(text, 1, len, f);
    if (fclose(f) != 0 || n != len)
        return -1;
    return 0;
}

/* Writes the session to path; returns 0 or -1. */
static inline int gen_write(const char *path, const GenSession *g)
{
    char *json = gen_json(g);
    if (!json)
        return -1;
    int rc = gen_write_text(path, json, strlen(json));
    free(json);
    return rc;
}

/* mkdir -p for a test folder; returns 0 or -1. */
static inline int gen_mkdirs(const char *path)
{
    char tmp[4096];
    snprintf(tmp, sizeof tmp, "%s", path);
    for (char *p = tmp + 1; *p; p++) {
        if (*p != '/')
            continue;
        *p = '\0';
        if (mkdir(tmp, 0755) != 0 && errno != EEXIST)
            return -1;
        *p = '/';
    }
    return mkdir(tmp, 0755) != 0 && errno != EEXIST ? -1 : 0;
}

/* Empties (rm -rf) and makes BASE/NAME, written into buf; exits the test program when it cannot:
 * every test of a unit starts from a folder of its own. */
static inline void gen_fresh_dir(const char *base, const char *name, char *buf, size_t size)
{
    snprintf(buf, size, "%s/%s", base, name);
    char cmd[4200];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", buf);
    if (system(cmd) != 0 || gen_mkdirs(buf) != 0) {
        fprintf(stderr, "cannot make %s\n", buf);
        exit(1);
    }
}

/* A small deterministic generator (xorshift32) for cohorts. */
static inline unsigned gen_rand(unsigned *state)
{
    unsigned x = *state ? *state : 0x9e3779b9u;
    x ^= x << 13;
    x ^= x >> 17;
    x ^= x << 5;
    return *state = x;
}

#endif
