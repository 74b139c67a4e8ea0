/* selftest: a scenario's declared self-tests (read and played) and random exploration. */
#include "authoring/selftest.h"

#include <lauxlib.h>
#include <lua.h>
#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "base/platform.h"
#include "base/text.h"
#include "lua/luadata.h"
#include "lua/sandbox.h"

/* The longest list read from a test (tests, replies, ids): the length is checked before
 * anything is allocated for it. */
#define MAX_LIST 1000

/* ---------------------------------------------------------------- reading the tests */

/* Reading goes through lua/luadata and raw accesses only (lua_rawgeti, lua_rawlen,
 * lua_next): a scenario's metamethods must never run here, outside a protected call. A
 * field is named in messages by its path, tests[2].expect.outcome, and found at its line. */

typedef struct TReader {
    LuaData d;
    lua_State *L;
    const Rubric *rubric;
} TReader;

static int bad(TReader *r, const char *where, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 3, 4)))
#endif
    ;

static int bad(TReader *r, const char *where, const char *fmt, ...)
{
    char msg[700];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    return luadata_fail(&r->d, where, "%s %s", where, msg);
}

static const char *type_of(lua_State *L, int idx)
{
    return lua_typename(L, lua_type(L, idx));
}

/* Every key of the table at the stack top is one of names. */
static int known_keys(TReader *r, const char *where, const char *const *names, const char *list)
{
    return luadata_known_keys(&r->d, where, names, list);
}

/* Pushes t[key] of the table at the top; returns its type. */
static int field(TReader *r, const char *key)
{
    lua_pushstring(r->L, key);
    return lua_rawget(r->L, -2);
}

static int read_number(TReader *r, const char *where, const char *key, int required, double lo,
                       double hi, double *out)
{
    char path[400];
    double v = 0;
    snprintf(path, sizeof path, "%s.%s", where, key);
    int rc = luadata_number(&r->d, key, NULL, path, &v);
    if (rc < 0)
        return -1;
    if (rc == 0)
        return required ? bad(r, path, "is required (a number from %g to %g)", lo, hi) : 0;
    if (luadata_range(&r->d, NULL, path, v, lo, hi) < 0)
        return -1;
    *out = v;
    return 0;
}

/* A string field, valid UTF-8 (and non-empty when nonempty). *out is malloc'd or NULL. */
static int read_string(TReader *r, const char *where, const char *key, int required, int nonempty,
                       char **out)
{
    char path[400];
    snprintf(path, sizeof path, "%s.%s", where, key);
    unsigned flags = (required ? LUADATA_REQUIRED : 0) | (nonempty ? LUADATA_NONEMPTY : 0);
    return luadata_string(&r->d, key, NULL, path, flags, out) < 0 ? -1 : 0;
}

static int read_replies(TReader *r, const char *where, SelfTest *t)
{
    char path[256];
    snprintf(path, sizeof path, "%s.replies", where);
    int type = field(r, "replies");
    if (type == LUA_TNIL) {
        lua_pop(r->L, 1);
        return bad(r, path, "is required: a list of {after = seconds, text = \"...\"}");
    }
    if (type != LUA_TTABLE) {
        lua_pop(r->L, 1);
        return bad(r, path, "must be a list of {after = seconds, text = \"...\"}, got %s",
                   lua_typename(r->L, type));
    }
    lua_Integer n = (lua_Integer)lua_rawlen(r->L, -1);
    if (n < 1 || n > MAX_LIST) {
        lua_pop(r->L, 1);
        return n < 1 ? bad(r, path, "lists no reply")
                     : bad(r, path, "lists %lld replies; at most %d", (long long)n, MAX_LIST);
    }
    static const char *const keys[] = {"after", "text", "typing", NULL};
    for (lua_Integer i = 1; i <= n; i++) {
        char rp[300];
        snprintf(rp, sizeof rp, "%s[%lld]", path, (long long)i);
        int rtype = lua_rawgeti(r->L, -1, i);
        if (rtype != LUA_TTABLE) {
            lua_pop(r->L, 2);
            return bad(r, rp, "must be a table {after = seconds, text = \"...\"}, got %s",
                       lua_typename(r->L, rtype));
        }
        double after = 0, typing = -1;
        char *text = NULL;
        if (known_keys(r, rp, keys, "after, text, typing") < 0 ||
            read_number(r, rp, "after", 1, 0, 86400, &after) < 0 ||
            read_number(r, rp, "typing", 0, 0, 86400, &typing) < 0 ||
            read_string(r, rp, "text", 1, 0, &text) < 0) {
            lua_pop(r->L, 2);
            return -1;
        }
        int added = script_add(&t->replies, after, typing, text);
        free(text);
        lua_pop(r->L, 1);
        if (added < 0) {
            lua_pop(r->L, 1);
            return bad(r, rp, "could not be read: out of memory");
        }
    }
    lua_pop(r->L, 1);
    return 0;
}

/* A list of principle ids (a single string is taken as a list of one). */
static int read_ids(TReader *r, const char *where, const char *key, char ***out, int *nout)
{
    char path[256];
    snprintf(path, sizeof path, "%s.%s", where, key);
    int type = field(r, key);
    if (type == LUA_TNIL) {
        lua_pop(r->L, 1);
        return 0;
    }
    if (type == LUA_TSTRING) { /* hits = "apology" */
        lua_createtable(r->L, 1, 0);
        lua_insert(r->L, -2);
        lua_rawseti(r->L, -2, 1);
    } else if (type != LUA_TTABLE) {
        lua_pop(r->L, 1);
        return bad(r, path, "must be a list of principle ids, got %s", lua_typename(r->L, type));
    }
    lua_Integer n = (lua_Integer)lua_rawlen(r->L, -1);
    if (n > MAX_LIST) {
        lua_pop(r->L, 1);
        return bad(r, path, "lists %lld ids; at most %d", (long long)n, MAX_LIST);
    }
    *out = calloc((size_t)(n > 0 ? n : 1), sizeof **out);
    if (!*out) {
        lua_pop(r->L, 1);
        return bad(r, path, "could not be read: out of memory");
    }
    for (lua_Integer i = 1; i <= n; i++) {
        char ip[300];
        snprintf(ip, sizeof ip, "%s[%lld]", path, (long long)i);
        int itype = lua_rawgeti(r->L, -1, i);
        if (itype != LUA_TSTRING) {
            lua_pop(r->L, 2);
            return bad(r, ip, "must be a principle id (a string), got %s",
                       lua_typename(r->L, itype));
        }
        const char *id = lua_tostring(r->L, -1);
        if (rubric_find(r->rubric, id) < 0) {
            char shown[128];
            snprintf(shown, sizeof shown, "%s", id);
            lua_pop(r->L, 2);
            return bad(r, ip, "is not a principle id: '%s' (see rubric.lua)", shown);
        }
        if (!((*out)[*nout] = strdup(id))) {
            lua_pop(r->L, 2);
            return bad(r, ip, "could not be read: out of memory");
        }
        (*nout)++;
        lua_pop(r->L, 1);
    }
    lua_pop(r->L, 1);
    return 0;
}

static const char *const expect_outcomes[] = {"sale",      "resolved",   "left",
                                              "escalated", "incomplete", NULL};

static int read_expect(TReader *r, const char *where, SelfTest *t)
{
    char path[256];
    snprintf(path, sizeof path, "%s.expect", where);
    int type = field(r, "expect");
    if (type != LUA_TTABLE) {
        lua_pop(r->L, 1);
        if (type == LUA_TNIL)
            return bad(r, path,
                       "is required: what must follow, e.g. expect = {outcome = "
                       "\"sale\"}");
        return bad(r, path, "must be a table, got %s", lua_typename(r->L, type));
    }
    static const char *const keys[] = {"outcome", "score", "hits", "no_hits", "says", NULL};
    if (known_keys(r, path, keys, "outcome, score, hits, no_hits, says") < 0)
        goto fail;

    char *outcome = NULL;
    if (read_string(r, path, "outcome", 0, 1, &outcome) < 0)
        goto fail;
    if (outcome) {
        int ok = 0;
        for (int i = 0; expect_outcomes[i]; i++)
            ok |= strcmp(outcome, expect_outcomes[i]) == 0;
        char op[300];
        snprintf(op, sizeof op, "%s.outcome", path);
        if (!ok) {
            bad(r, op, "must be one of sale, resolved, left, escalated, incomplete; got '%s'",
                outcome);
            free(outcome);
            goto fail;
        }
        t->outcome = outcome_parse(outcome);
        free(outcome);
    }

    type = field(r, "score");
    if (type != LUA_TNIL) {
        char sp[300];
        snprintf(sp, sizeof sp, "%s.score", path);
        double v[2] = {0, 0};
        int ok = type == LUA_TTABLE && lua_rawlen(r->L, -1) == 2;
        for (int i = 0; ok && i < 2; i++) {
            ok = lua_rawgeti(r->L, -1, i + 1) == LUA_TNUMBER;
            v[i] = ok ? lua_tonumber(r->L, -1) : 0;
            lua_pop(r->L, 1);
        }
        lua_pop(r->L, 1);
        if (!ok) {
            bad(r, sp, "must be a range {lowest, highest}, e.g. score = {80, 100}");
            goto fail;
        }
        if (!(v[0] >= 0 && v[1] <= 100 && v[0] <= v[1])) {
            bad(r, sp, "must be a range within 0..100 with lowest <= highest, got {%g, %g}", v[0],
                v[1]);
            goto fail;
        }
        t->has_score = 1;
        t->score_lo = (int)ceil(v[0]);
        t->score_hi = (int)floor(v[1]);
    } else {
        lua_pop(r->L, 1);
    }
    if (read_ids(r, path, "hits", &t->hits, &t->nhits) < 0 ||
        read_ids(r, path, "no_hits", &t->no_hits, &t->nno_hits) < 0 ||
        read_string(r, path, "says", 0, 1, &t->says) < 0)
        goto fail;
    if (t->outcome == OUTCOME_NONE && !t->has_score && !t->nhits && !t->nno_hits && !t->says) {
        bad(r, path, "checks nothing: give an outcome, score, hits, no_hits or says");
        goto fail;
    }
    lua_pop(r->L, 1);
    return 0;
fail:
    lua_pop(r->L, 1);
    return -1;
}

static int read_test(TReader *r, lua_Integer i, SelfTest *t)
{
    char where[64];
    snprintf(where, sizeof where, "tests[%lld]", (long long)i);
    t->seed = 1;
    t->line = luadata_line(&r->d, where);
    static const char *const keys[] = {"name", "replies", "expect", "seed", NULL};
    double seed = 1;
    if (known_keys(r, where, keys, "name, replies, expect, seed") < 0 ||
        read_string(r, where, "name", 1, 1, &t->name) < 0 ||
        read_number(r, where, "seed", 0, 0, 4294967295.0, &seed) < 0)
        return -1;
    if (seed != floor(seed))
        return bad(r, where, "seed must be a whole number, got %g", seed);
    t->seed = (unsigned long)seed;
    /* A name is printed on one line of kefu test's output. */
    for (char *p = t->name; *p; p++)
        if (*p == '\n' || *p == '\r' || *p == '\t')
            *p = ' ';
    return read_replies(r, where, t) < 0 || read_expect(r, where, t) < 0 ? -1 : 0;
}

static void test_deinit(SelfTest *t)
{
    free(t->name);
    script_deinit(&t->replies);
    for (int i = 0; i < t->nhits; i++)
        free(t->hits[i]);
    free(t->hits);
    for (int i = 0; i < t->nno_hits; i++)
        free(t->no_hits[i]);
    free(t->no_hits);
    free(t->says);
}

void selftest_set_deinit(SelfTestSet *set)
{
    if (!set)
        return;
    for (int i = 0; i < set->n; i++)
        test_deinit(&set->v[i]);
    free(set->v);
    memset(set, 0, sizeof *set);
}

int selftest_load(const Scenario *sc, const Rubric *rubric, SelfTestSet *out, KefuError *err)
{
    TReader r;
    memset(&r, 0, sizeof r);
    memset(out, 0, sizeof *out);
    Sandbox *sb = sandbox_create(NULL, err);
    if (!sb || sandbox_run_chunk(sb, sc->text, sc->text_len, sc->path, err) < 0)
        goto fail;
    lua_State *L = sandbox_state(sb);
    r.L = L;
    r.rubric = rubric;
    luadata_init(&r.d, L, sc->path, sc->text, sc->text_len, err);
    if (!lua_istable(L, -1)) {
        kerr_set(err, "%s: the file must return a table", sc->path);
        goto fail;
    }
    int type = field(&r, "tests");
    if (type == LUA_TNIL) {
        luadata_deinit(&r.d);
        sandbox_destroy(sb);
        return 0;
    }
    if (type != LUA_TTABLE) {
        bad(&r, "tests", "must be a list of tests, got %s", lua_typename(L, type));
        goto fail;
    }
    lua_Integer n = (lua_Integer)lua_rawlen(L, -1);
    if (n > MAX_LIST) {
        bad(&r, "tests", "lists %lld tests; at most %d", (long long)n, MAX_LIST);
        goto fail;
    }
    /* Only a list: a `tests = {name = ...}` (one test, braces forgotten) is caught here. */
    lua_pushnil(L);
    while (lua_next(L, -2)) {
        int listed = lua_isinteger(L, -2) && lua_tointeger(L, -2) >= 1 && lua_tointeger(L, -2) <= n;
        lua_pop(L, 1);
        if (!listed) {
            lua_pop(L, 1);
            bad(&r, "tests",
                "must be a list of tests: tests = { {name = ..., replies = ..., "
                "expect = ...}, ... }");
            goto fail;
        }
    }
    out->v = calloc((size_t)(n > 0 ? n : 1), sizeof *out->v);
    if (!out->v) {
        kerr_set(err, "out of memory");
        goto fail;
    }
    for (lua_Integer i = 1; i <= n; i++) {
        char where[64];
        snprintf(where, sizeof where, "tests[%lld]", (long long)i);
        if (lua_rawgeti(L, -1, i) != LUA_TTABLE) {
            bad(&r, where, "must be a table {name = ..., replies = ..., expect = ...}, got %s",
                type_of(L, -1));
            goto fail;
        }
        SelfTest *t = &out->v[out->n++];
        if (read_test(&r, i, t) < 0)
            goto fail;
        lua_pop(L, 1);
    }
    luadata_deinit(&r.d);
    sandbox_destroy(sb);
    return 0;
fail:
    luadata_deinit(&r.d);
    sandbox_destroy(sb);
    selftest_set_deinit(out);
    return -1;
}

/* ---------------------------------------------------------------- running one test */

void selftest_run_deinit(SelfTestRun *r)
{
    if (!r)
        return;
    if (r->has_result) {
        result_deinit(&r->result);
        scorecard_deinit(&r->card);
    }
    memset(r, 0, sizeof *r);
}

static void add_reason(SelfTestRun *r, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;

static void add_reason(SelfTestRun *r, const char *fmt, ...)
{
    size_t used = strlen(r->reason);
    if (used && used + 2 < sizeof r->reason) {
        memcpy(r->reason + used, "; ", 3);
        used += 2;
    }
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(r->reason + used, sizeof r->reason - used, fmt, ap);
    va_end(ap);
    r->passed = 0;
}

static void count_states(const Session *s, const Scenario *sc, int *reached)
{
    if (!reached)
        return;
    const char **names = NULL;
    int n = session_states_visited(s, &names);
    for (int k = 0; k < n; k++)
        for (int j = 0; j < sc->nstates; j++)
            if (strcmp(names[k], sc->states[j]) == 0)
                reached[j]++;
}

/* The first agent message (index) with principle p among its hits, or -1. */
static int message_with(const Transcript *t, int p)
{
    for (int i = 0; i < t->n; i++) {
        if (t->msgs[i].from != FROM_AGENT)
            continue;
        for (int k = 0; k < t->msgs[i].hits.n; k++)
            if (t->msgs[i].hits.v[k].principle == p)
                return i;
    }
    return -1;
}

/* Whether some customer line contains says: as written, or once both are normalised
 * (so 拍 matches whatever punctuation or script the line used). */
static int customer_says(const Transcript *t, const char *says)
{
    const TextNormalizer *tn = text_normalizer_shared();
    char *want = tn ? text_normalize_dup(tn, says, strlen(says)) : NULL;
    int found = 0;
    for (int i = 0; i < t->n && !found; i++) {
        const Message *m = &t->msgs[i];
        if (m->from != FROM_CUSTOMER)
            continue;
        if (strstr(m->text, says)) {
            found = 1;
        } else if (want && *want) {
            char *got = text_normalize_dup(tn, m->text, m->len);
            found = got && strstr(got, want);
            free(got);
        }
    }
    free(want);
    return found;
}

/* An excerpt of a message for a failure reason: its first 20 characters. */
static void excerpt(const Message *m, char *out, size_t size)
{
    size_t i = 0, chars = 0;
    while (i < m->len && chars < 20) {
        text_next(m->text, m->len, &i);
        chars++;
    }
    snprintf(out, size, "%.*s%s", (int)i, m->text, i < m->len ? "…" : "");
}

int selftest_run(const Scenario *sc, Rubric *rubric, const SelfTest *t, int *reached,
                 SelfTestRun *out, KefuError *err)
{
    memset(out, 0, sizeof *out);
    out->score = -1;
    SessionConfig cfg = {sc, rubric, t->seed};
    KefuError run_err;
    Session *s = session_create(&cfg, &run_err);
    if (!s || playback_run(s, &t->replies, &run_err) < 0) {
        out->errored = 1;
        snprintf(out->reason, sizeof out->reason, "%s", run_err.msg);
        if (s)
            count_states(s, sc, reached);
        session_destroy(s);
        return 0;
    }
    count_states(s, sc, reached);
    ArchiveInfo info = {"selftest", "practice", t->seed, 0, NULL, 0};
    int rc = archive_build(s, rubric, &info, &out->result, &out->card, err);
    session_destroy(s);
    if (rc < 0)
        return -1;
    out->has_result = 1;
    out->passed = 1;
    const Transcript *tr = &out->result.transcript;
    out->outcome = tr->outcome;
    out->score = out->card.total;

    if (t->outcome != OUTCOME_NONE && t->outcome != tr->outcome)
        add_reason(out, "expected outcome %s, got %s (score %d)", outcome_name(t->outcome),
                   outcome_name(tr->outcome), out->score);
    if (t->has_score && (out->score < t->score_lo || out->score > t->score_hi))
        add_reason(out, "expected score %d..%d, got %d (outcome %s)", t->score_lo, t->score_hi,
                   out->score, outcome_name(tr->outcome));
    for (int i = 0; i < t->nhits; i++) {
        int p = rubric_find(rubric, t->hits[i]);
        if (p >= 0 && message_with(tr, p) < 0)
            add_reason(out, "expected a reply to show %s (%s), none did", t->hits[i],
                       rubric_principle(rubric, p)->name);
    }
    for (int i = 0; i < t->nno_hits; i++) {
        int p = rubric_find(rubric, t->no_hits[i]);
        int m = p >= 0 ? message_with(tr, p) : -1;
        if (m >= 0) {
            char ex[128];
            excerpt(&tr->msgs[m], ex, sizeof ex);
            add_reason(out, "expected no %s (%s), but reply %d shows it: \"%s\"", t->no_hits[i],
                       rubric_principle(rubric, p)->name, transcript_agent_turn(tr, m) + 1, ex);
        }
    }
    if (t->says && !customer_says(tr, t->says))
        add_reason(out, "no customer line contains \"%s\"", t->says);
    return 0;
}

/* ---------------------------------------------------------------- exploration */

/* The replies random conversations draw from. Good ones know nothing of the persona beyond
 * what a shop sells; bad ones are the handbook's don'ts; odd ones are what a trainee's
 * keyboard or a careless paste can send. All valid UTF-8, so any run can be written out as a
 * replies file and replayed with kefu run. */
static const char *const bank_good[] = {
    "亲，您好！欢迎光临小店，有什么可以帮您的吗？",
    "在的亲，请问有什么可以帮您？^_^",
    "您是自己用还是送人呢？平时喜欢什么风格？",
    "推荐您看这款，是我们卖得最好的款式之一，很适合小户型哦",
    "价格是公司统一定的，已经是最低价啦，希望理解哈",
    "这款是实木的，用料扎实，用十年都没问题，买的是放心",
    "您真有眼光，这款是我们卖得最好的",
    "这样吧，我帮您跟主管申请一个小礼品，其他顾客可没有哦",
    "请问您要胡桃色还是原木色呢？",
    "这款经常脱销，仓库只剩不多了，喜欢的话建议早点定下来哦",
    "今天拍下今天就能安排发货，明天就晚两天了哦",
    "喜欢的话就放心拍下吧，我这边马上给您安排",
    "我们是公司开的天猫店，工商有备案，可以开正规发票，假一罚十",
    "真的非常抱歉，给您添麻烦了",
    "理解您的心情，换谁遇到都会着急的，您先别着急",
    "请放心，这个问题我一定跟进到底，给您一个满意的答复",
    "麻烦您拍一下外包装和破损的地方发给我好吗？",
    "我们安排当地师傅上门维修，或者给您补发新的配件，您看哪种方便？",
    "这个我马上帮您转给售后专员，并跟主管报备，今天内给您回复",
    "是我们发货时漏放了配件，这是我们的失误",
    "跟您核对一下：1.8米胡桃色床一张，预计3天内发货，对吗？",
    "支持七天无理由退换货的，您放心购买哈",
    "金色暂时没有进货，不过有黑色、紫色、蓝色，您比较喜欢哪一种呢？",
    "付款时选支付宝或者银行卡都可以，我一步一步教您哈",
    "我帮您查一下物流，请稍等哦",
    "感谢您的光临，祝您生活愉快，欢迎下次再来哦",
    "记得收藏一下小店，上新和活动第一时间通知您",
    "收到满意的话，麻烦给个五星好评哦",
};

static const char *const bank_bad[] = {
    "不行",
    "不行，不能便宜。",
    "爱买不买",
    "你自己没看清楚",
    "是您自己没看清楚尺寸",
    "这都不懂吗",
    "不知道，你自己看详情页",
    "在",
    "嗯",
    "哦",
    "额",
    "您说得不对，我们的东西根本不可能是假的",
    "您凭什么说我们是假货？",
    "那给您便宜20块吧",
    "行，给您包邮",
    "保证明天一定到",
    "绝对不会有任何问题",
    "随便",
    "没有。",
    "没办法",
};

static const char *const bank_odd[] = {
    "",
    " ",
    " \t \n ",
    "。",
    "？？？",
    "……",
    "😊",
    "😊😊😊👍",
    "[微笑]",
    "^_^",
    "親，您好！這款還有貨，歡迎選購喔",
    "您看是要這款還是那款呢？價格是公司統一定的",
    "Hello, how can I help you?",
    "OK",
    "ok亲👌",
    "ＯＫ，亲！有什么可以帮您？",
    "\xE2\x80\x8B\xE2\x80\x8B\xE2\x80\x8B",
    "e\xCC\x81\xCC\x81\xCC\x81\xCC\x81",
    "مرحبا، كيف أساعدك؟",
    "いらっしゃいませ",
    "\xEF\xBF\xBD\xEF\xBF\xBD",
    "\x01\x02\x7f",
    "\n\n\n亲\n\n",
    "%s%n%d%%",
    "<script>alert(1)</script>",
    "]]--[[",
    "nil",
    "\\x00\\0",
    "\xF0\x9F\x91\xA8\xE2\x80\x8D\xF0\x9F\x91\xA9\xE2\x80\x8D\xF0\x9F\x91\xA7",
    "\xF4\x8F\xBF\xBF",
    "亲亲亲亲亲亲亲亲亲亲亲亲亲亲亲亲亲亲亲亲",
    "PASTE",
    "SHOUT",
};

#define NBANK(a) ((int)(sizeof a / sizeof a[0]))
#define PASTE_CHARS 2000

typedef struct Rng {
    uint64_t s;
} Rng;

static uint64_t rng_next(Rng *r)
{
    uint64_t z = (r->s += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
}

static int rng_int(Rng *r, int lo, int hi) /* inclusive */
{
    return lo + (int)(rng_next(r) % (uint64_t)(hi - lo + 1));
}

/* A 2,000-character paste: the product page copied whole into the chat. */
static char *make_paste(void)
{
    static const char unit[] = "本店所有商品均为正品，支持七天无理由退换货。"
                               "Solid oak 实木，1.8m×2.0m，颜色：胡桃色/原木色。";
    size_t ulen = strlen(unit), uchars = text_chars(unit, ulen);
    size_t reps = PASTE_CHARS / uchars + 1;
    char *p = malloc(reps * ulen + 1);
    if (!p)
        return NULL;
    for (size_t i = 0; i < reps; i++)
        memcpy(p + i * ulen, unit, ulen);
    /* Cut at exactly PASTE_CHARS characters. */
    size_t i = 0, n = reps * ulen;
    for (int c = 0; c < PASTE_CHARS && i < n; c++)
        text_next(p, n, &i);
    p[i] = '\0';
    return p;
}

static char *make_shout(void)
{
    static const char unit[] = "啊";
    char *p = malloc(500 * 3 + 3 + 1);
    if (!p)
        return NULL;
    for (int i = 0; i < 500; i++)
        memcpy(p + i * 3, unit, 3);
    memcpy(p + 1500, "！", 3);
    p[1500 + 3] = '\0';
    return p;
}

int selftest_explore_script(const ExploreOptions *opt, int run, Script *out)
{
    Rng rng = {opt->seed * 0xD1B54A32D192ED03ULL ^ ((uint64_t)run + 1) * 0x9E3779B97F4A7C15ULL};
    int cap = opt->max_replies > 0 ? opt->max_replies : 40;
    char *paste = NULL, *shout = NULL;
    memset(out, 0, sizeof *out);
    /* Each conversation has a temper, so some go deep with a mostly polite agent and some
     * test the persona's patience: half polite (80% good replies), a third mixed, the rest
     * hostile. */
    int temper = rng_int(&rng, 0, 99);
    int good = temper < 50 ? 80 : temper < 80 ? 45 : 20;
    int bad = temper < 50 ? 5 : temper < 80 ? 20 : 50;
    /* With replies that know the persona, a third of the runs follow one of its self-tests
     * and stray from it now and then: the paths to its later states, and the turns off them. */
    const ExploreBank *b = opt->bank && opt->bank->n > 0 ? opt->bank : NULL;
    const Script *follow = NULL;
    if (b && b->ntests > 0 && rng_int(&rng, 0, 99) < 35) {
        follow = &b->tests[rng_int(&rng, 0, b->ntests - 1)];
        good = 90;
        bad = 4;
    }
    int step = 0;
    for (int i = 0; i < cap; i++) {
        int kind = rng_int(&rng, 0, 99);
        const char *text;
        char pair[2048];
        if (follow && step < follow->n && rng_int(&rng, 0, 99) < 80) {
            const Scripted *r = &follow->v[step++];
            if (script_add(out, r->after, r->typing, r->text) < 0)
                goto fail;
            continue;
        }
        if (kind < good && b && rng_int(&rng, 0, 99) < 60) {
            /* one that knows the persona, now and then two in one message */
            text = b->v[rng_int(&rng, 0, b->n - 1)];
            if (rng_int(&rng, 0, 99) < 20) {
                snprintf(pair, sizeof pair, "%s，%s", text, b->v[rng_int(&rng, 0, b->n - 1)]);
                text = pair;
            }
        } else if (kind < good)
            text = bank_good[rng_int(&rng, 0, NBANK(bank_good) - 1)];
        else if (kind < good + bad)
            text = bank_bad[rng_int(&rng, 0, NBANK(bank_bad) - 1)];
        else
            text = bank_odd[rng_int(&rng, 0, NBANK(bank_odd) - 1)];
        if (strcmp(text, "PASTE") == 0)
            text = paste ? paste : (paste = make_paste());
        else if (strcmp(text, "SHOUT") == 0)
            text = shout ? shout : (shout = make_shout());
        if (!text)
            goto fail;
        /* Mostly prompt, sometimes slow, now and then long enough to lose the customer. */
        int d = rng_int(&rng, 0, 99);
        double after = d < 65   ? rng_int(&rng, 10, 60) / 10.0
                       : d < 90 ? rng_int(&rng, 6, 15)
                       : d < 97 ? rng_int(&rng, 15, 40)
                                : rng_int(&rng, 40, 120);
        double typing = rng_int(&rng, 0, 9) < 3 ? -1 : rng_int(&rng, 5, 80) / 10.0;
        if (script_add(out, after, typing, text) < 0)
            goto fail;
    }
    free(paste);
    free(shout);
    return 0;
fail:
    free(paste);
    free(shout);
    script_deinit(out);
    return -1;
}

void explore_report_deinit(ExploreReport *r)
{
    if (!r)
        return;
    for (int i = 0; i < r->nerrors; i++)
        free(r->errors[i].msg);
    free(r->errors);
    free(r->reached);
    memset(r, 0, sizeof *r);
}

double selftest_file_budget(int runs)
{
    return (SELFTEST_FILE_SECONDS + SELFTEST_RUN_SECONDS * (runs > 0 ? runs : 0)) *
           sandbox_budget_scale();
}

void selftest_over_file_budget(const char *path, double spent, int runs, KefuError *err)
{
    kerr_set(err,
             "%s: the scenario's hooks took %.1f s of Lua time in %d run%s; its runs stop here "
             "(file " SANDBOX_OVER_BUDGET ": a conversation's hooks usually take a few "
             "milliseconds)",
             path, spent, runs, runs == 1 ? "" : "s");
}

static int note_error(ExploreReport *r, const char *msg, int run, int reply)
{
    for (int i = 0; i < r->nerrors; i++)
        if (strcmp(r->errors[i].msg, msg) == 0) {
            r->errors[i].count++;
            return 0;
        }
    ExploreError *v = realloc(r->errors, (size_t)(r->nerrors + 1) * sizeof *v);
    if (!v)
        return -1;
    r->errors = v;
    ExploreError *e = &r->errors[r->nerrors];
    if (!(e->msg = strdup(msg)))
        return -1;
    e->count = 1;
    e->first_run = run;
    e->reply = reply;
    r->nerrors++;
    return 0;
}

int selftest_explore(const Scenario *sc, Rubric *rubric, const ExploreOptions *opt,
                     ExploreReport *out, KefuError *err)
{
    memset(out, 0, sizeof *out);
    out->first_never_ended = -1;
    out->nstates = sc->nstates;
    out->reached = calloc((size_t)(sc->nstates + 1), sizeof *out->reached);
    if (!out->reached)
        goto oom;
    double t0 = plat_monotonic();
    double lua0 = sandbox_thread_seconds();
    double budget = opt->lua_seconds > 0 ? opt->lua_seconds : selftest_file_budget(opt->runs);
    for (int run = 0; run < opt->runs; run++) {
        Script script;
        if (selftest_explore_script(opt, run, &script) < 0)
            goto oom;
        SessionConfig cfg = {sc, rubric, opt->seed + (unsigned long)run};
        KefuError run_err;
        Session *s = session_create(&cfg, &run_err);
        int rc = s ? playback_run(s, &script, &run_err) : -1;
        script_deinit(&script);
        out->runs++;
        if (rc < 0) {
            out->errored_runs++;
            if (note_error(out, run_err.msg, run, s ? session_agent_turns(s) : 0) < 0) {
                session_destroy(s);
                goto oom;
            }
        } else {
            Outcome o = session_outcome(s);
            out->outcomes[o]++;
            if (o == OUTCOME_INCOMPLETE && out->first_never_ended < 0)
                out->first_never_ended = run;
        }
        if (s)
            count_states(s, sc, out->reached);
        session_destroy(s);
        int all = 1;
        for (int j = 0; j < sc->nstates; j++)
            all &= out->reached[j] > 0;
        if (all && !out->full_at)
            out->full_at = out->runs;
        if (opt->stop_after > 0 && out->errored_runs >= opt->stop_after && run + 1 < opt->runs) {
            out->stopped = 1;
            break;
        }
        /* A run stopped by a budget says every run will be: one is enough. */
        if (rc < 0 && sandbox_over_budget(run_err.msg) && run + 1 < opt->runs) {
            out->stopped = 1;
            break;
        }
        double spent = sandbox_thread_seconds() - lua0;
        if (spent > budget && run + 1 < opt->runs) {
            selftest_over_file_budget(sc->path, spent, run + 1, &run_err);
            out->errored_runs++;
            if (note_error(out, run_err.msg, run, 0) < 0)
                goto oom;
            out->stopped = 1;
            break;
        }
    }
    out->seconds = plat_monotonic() - t0;
    return 0;
oom:
    kerr_set(err, "%s: out of memory while exploring", sc->path);
    explore_report_deinit(out);
    return -1;
}
