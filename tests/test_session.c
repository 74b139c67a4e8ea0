/* Unit tests for engine/session: the clock, waiting, nudges, leaving, outcomes, odd input; and
 * the persona bindings acting through the SessionPort alone. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "check.h"
#include "judge/rubric.h"
#include "persona/bind_session.h"
#include "persona/playback.h"
#include "persona/session.h"

static Rubric *rubric;
static Scenario *scenario;

static Session *make(unsigned long seed)
{
    KefuError err;
    SessionConfig cfg = {scenario, rubric, seed};
    Session *s = session_create(&cfg, &err);
    if (!s) {
        fprintf(stderr, "session_create: %s\n", err.msg);
        exit(1);
    }
    CHECK_INT(session_start(s, &err), ==, 0);
    return s;
}

static const Message *last(Session *s)
{
    const Transcript *t = session_transcript(s);
    return &t->msgs[t->n - 1];
}

static void session_should_open_with_the_customer_at_time_zero(void)
{
    KefuError err;
    Session *s = make(1);
    CHECK_INT(session_advance(s, 0, &err), ==, 0);
    CHECK_INT(session_transcript(s)->n, ==, 1);
    CHECK_STR(last(s)->text, "你好，在吗？");
    CHECK_DBL(last(s)->t, ==, 0);
    CHECK_DBL(session_waiting_since(s), ==, 0);
    CHECK_STR(session_state(s), "opening");
    session_destroy(s);
}

static void session_should_measure_the_wait_of_a_reply(void)
{
    KefuError err;
    Session *s = make(1);
    int i = session_reply(s, 4.5, "亲，您好！", strlen("亲，您好！"), 3.0, &err);
    CHECK_INT(i, ==, 1);
    const Message *m = &session_transcript(s)->msgs[i];
    CHECK_INT(m->responding, ==, 1);
    CHECK_DBL(m->wait_s, ==, 4.5);
    CHECK_DBL(m->typing_s, ==, 3.0);
    CHECK_DBL(session_waiting_since(s), <, 0);
    /* The customer's answer is being typed, then arrives. */
    CHECK(session_customer_typing(s));
    double due = session_next_message(s);
    CHECK_DBL(due, >, 4.5);
    CHECK_INT(session_advance(s, due, &err), ==, 0);
    CHECK(strstr(last(s)->text, "句1") != NULL); /* one of the variants, turn 1 */
    CHECK_STR(session_state(s), "asking");
    CHECK_INT(session_mood(s), ==, 45);
    /* A second agent message in a row answers nobody new: responding only if waiting. */
    i = session_reply(s, due + 2, "好的", strlen("好的"), -1, &err);
    CHECK_INT(session_transcript(s)->msgs[i].responding, ==, 1);
    i = session_reply(s, due + 3, "还有呢", strlen("还有呢"), -1, &err);
    CHECK_INT(session_transcript(s)->msgs[i].responding, ==, 0);
    CHECK_DBL(session_transcript(s)->msgs[i].wait_s, ==, -1);
    session_destroy(s);
}

static void session_should_nudge_then_let_the_customer_leave(void)
{
    KefuError err;
    Session *s = make(1);
    CHECK_INT(session_advance(s, 23, &err), ==, 0);
    CHECK_INT(session_transcript(s)->n, ==, 2);
    CHECK(last(s)->nudge);
    CHECK_DBL(session_reply_base(s), ==, 0); /* a nudge does not move "after" */
    CHECK_DBL(session_waiting_since(s), ==, 0);
    CHECK_INT(session_advance(s, 44, &err), ==, 0);
    CHECK_INT(session_outcome(s), ==, OUTCOME_NONE);
    CHECK_INT(session_advance(s, 46, &err), ==, 0);
    CHECK_INT(session_outcome(s), ==, OUTCOME_LEFT);
    CHECK(!session_accepts_replies(s));
    CHECK_INT(session_reply(s, 50, "在的", strlen("在的"), -1, &err), ==, SESSION_IGNORED);
    CHECK_INT(last(s)->from, ==, FROM_SYSTEM);
    session_destroy(s);
}

static void session_should_ignore_empty_and_survive_odd_bytes(void)
{
    KefuError err;
    Session *s = make(1);
    CHECK_INT(session_reply(s, 1, "", 0, -1, &err), ==, SESSION_IGNORED);
    CHECK_INT(session_reply(s, 1, " \n\t　", strlen(" \n\t　"), -1, &err), ==, SESSION_IGNORED);
    int i = session_reply(s, 2, "亲\xff\xfe好\0坏", 12, -1, &err);
    CHECK_INT(i, ==, 1);
    CHECK_STR(session_transcript(s)->msgs[i].text, "亲\xef\xbf\xbd\xef\xbf\xbd好坏");
    size_t n = 10000 * 3;
    char *big = malloc(n);
    for (size_t k = 0; k < n; k += 3)
        memcpy(big + k, "长", 3);
    i = session_reply(s, 30, big, n, 60, &err);
    CHECK_INT(i, >, 1);
    CHECK_INT(session_transcript(s)->msgs[i].len, ==, n);
    free(big);
    session_destroy(s);
}

static void session_should_close_after_a_sale_but_take_a_farewell(void)
{
    KefuError err;
    Session *s = make(1);
    session_reply(s, 3, "喜欢就拍下吧", strlen("喜欢就拍下吧"), -1, &err);
    CHECK_INT(session_outcome(s), ==, OUTCOME_SALE);
    CHECK_STR(session_state(s), "done");
    CHECK_INT(session_advance(s, 10, &err), ==, 0);
    CHECK(session_accepts_replies(s));
    int i = session_reply(s, 12, "感谢光临", strlen("感谢光临"), -1, &err);
    CHECK_INT(i, >, 0);
    CHECK_INT(session_transcript(s)->msgs[i].responding, ==, 1); /* answers "我拍了" */
    const char **visited;
    CHECK_INT(session_states_visited(s, &visited), ==, 2);
    session_destroy(s);
}

static void session_should_replay_the_same_conversation_from_the_same_seed(void)
{
    KefuError err;
    char a[4][64], b[4][64];
    for (int run = 0; run < 2; run++) {
        Session *s = make(42);
        for (int k = 0; k < 4; k++) {
            session_reply(s, 5.0 + k * 10, "嗯嗯好的", strlen("嗯嗯好的"), -1, &err);
            session_advance(s, 9.0 + k * 10, &err);
            snprintf(run ? b[k] : a[k], 64, "%s", last(s)->text);
        }
        session_destroy(s);
    }
    for (int k = 0; k < 4; k++)
        CHECK_STR(a[k], b[k]);
    /* Never the same variant twice in a row. */
    for (int k = 1; k < 4; k++)
        CHECK(strncmp(a[k], a[k - 1], strlen("第一句")) != 0);
}

static void session_should_speak_lines_and_nudge_at_the_persona_times(void)
{
    KefuError err;
    Scenario *sc = scenario_load("tests/data/session/lines.lua", rubric, &err);
    CHECK(sc != NULL);
    if (!sc)
        return;
    SessionConfig cfg = {sc, rubric, 3};
    Session *s = session_create(&cfg, &err);
    CHECK_INT(session_start(s, &err), ==, 0);
    CHECK_INT(session_advance(s, 0, &err), ==, 0);
    CHECK(strstr(last(s)->text, "42") != NULL);
    CHECK_INT(session_advance(s, 14, &err), ==, 0); /* first nudge at 10 s */
    CHECK_INT(session_transcript(s)->n, ==, 2);
    CHECK(last(s)->nudge);
    CHECK_INT(session_mood(s), ==, 45);
    CHECK_INT(session_advance(s, 29, &err), ==, 0); /* the second at 25 s */
    CHECK_STR(last(s)->text, "再不回我就走了");
    CHECK_INT(session_reply(s, 30, "在的亲", strlen("在的亲"), -1, &err), >, 0);
    CHECK_INT(session_advance(s, 36, &err), ==, 0);
    CHECK(strstr("好的谢谢 行，谢了 嗯嗯，知道了", last(s)->text) != NULL);
    /* Nudges start over for the next wait. */
    CHECK_INT(session_advance(s, 50, &err), ==, 0);
    CHECK(last(s)->nudge);
    session_destroy(s);
    scenario_destroy(sc);
}

/* The customer's lines in the transcript so far, joined with " | ". */
static const char *customer_lines(Session *s, char *buf, size_t size)
{
    const Transcript *t = session_transcript(s);
    buf[0] = '\0';
    for (int i = 0; i < t->n; i++)
        if (t->msgs[i].from == FROM_CUSTOMER) {
            size_t used = strlen(buf);
            snprintf(buf + used, size - used, "%s%s", used ? " | " : "", t->msgs[i].text);
        }
    return buf;
}

static void session_should_run_the_hooks_of_the_current_state(void)
{
    KefuError err;
    char buf[1024];
    Scenario *sc = scenario_load("tests/data/session/states.lua", rubric, &err);
    CHECK(sc != NULL);
    if (!sc) {
        fprintf(stderr, "%s\n", err.msg);
        return;
    }
    CHECK_INT(sc->nstates, ==, 3);
    CHECK_STR(sc->states[0], "asking"); /* in the order written, not the hash's */
    CHECK_STR(sc->states[2], "done");
    SessionConfig cfg = {sc, rubric, 1};
    Session *s = session_create(&cfg, &err);
    CHECK_INT(session_start(s, &err), ==, 0);
    CHECK_STR(session_state(s), "asking");
    /* the first reply misses: the gentle re-ask, free of charge */
    CHECK_INT(session_reply(s, 2, "在的", strlen("在的"), -1, &err), >, 0);
    CHECK_INT(session_advance(s, 10, &err), ==, 0);
    CHECK_INT(session_mood(s), ==, 50);
    /* a size: asking's own on_reply moves on with s:go */
    CHECK_INT(session_reply(s, 12, "您穿多大码", strlen("您穿多大码"), -1, &err), >, 0);
    CHECK_INT(session_advance(s, 20, &err), ==, 0);
    CHECK_STR(session_state(s), "sized");
    /* 40 s later: two nudges (-5 each), waiting costs 12, the grumble comes first */
    CHECK_INT(session_reply(s, 60, "嗯", strlen("嗯"), -1, &err), >, 0);
    CHECK_INT(session_advance(s, 80, &err), ==, 0);
    CHECK_INT(session_mood(s), ==, 28);
    CHECK_STR(session_state(s), "asking");
    CHECK_STR(customer_lines(s, buf, sizeof buf),
              "你好 | 你好呀 | 好的 | 还在吗？有人吗 | 人呢？ | visits 1/1 time 48 | "
              "回到 asking，从 sized");
    /* two misses after that: the second gives up (asking counted twice) */
    CHECK_INT(session_reply(s, 81, "嗯嗯", strlen("嗯嗯"), -1, &err), >, 0);
    CHECK_INT(session_advance(s, 90, &err), ==, 0);
    CHECK(strstr(last(s)->text, "好慢。还是那个问题") != NULL);
    CHECK_INT(session_outcome(s), ==, OUTCOME_NONE);
    CHECK_INT(session_reply(s, 91, "哦", strlen("哦"), -1, &err), >, 0);
    CHECK_INT(session_reply(s, 92, "哦哦", strlen("哦哦"), -1, &err), >, 0);
    CHECK_INT(session_advance(s, 100, &err), ==, 0);
    CHECK_INT(session_outcome(s), ==, OUTCOME_LEFT);
    CHECK_STR(last(s)->text, "会话结果：顾客流失");
    session_destroy(s);
    scenario_destroy(sc);
}

static void session_should_fill_placeholders_in_lines(void)
{
    KefuError err;
    char buf[512];
    Scenario *sc = scenario_load("tests/data/session/fill.lua", rubric, &err);
    CHECK(sc != NULL);
    if (!sc)
        return;
    SessionConfig cfg = {sc, rubric, 1};
    Session *s = session_create(&cfg, &err);
    CHECK_INT(session_start(s, &err), ==, 0);
    CHECK_INT(session_reply(s, 2, "在的", strlen("在的"), -1, &err), >, 0);
    CHECK_INT(session_advance(s, 15, &err), ==, 0);
    CHECK_STR(customer_lines(s, buf, sizeof buf),
              "跑鞋有黑白、全黑，179元，我穿42码，订单1234 | 那43码呢？{不是占位} | 43!");
    session_destroy(s);
    scenario_destroy(sc);

    sc = scenario_load("tests/data/session/bad_fill.lua", rubric, &err);
    CHECK(sc == NULL);
    CHECK_STR(err.msg, "tests/data/session/bad_fill.lua:7: 'lines.open[2]': placeholder {sise} "
                       "has no value (give it in values = {...}, knows, or the product)");
    scenario_destroy(sc);
}

static void session_should_answer_what_the_customer_knows(void)
{
    KefuError err;
    char buf[512];
    Scenario *sc = scenario_load("tests/data/session/knows.lua", rubric, &err);
    CHECK(sc != NULL);
    if (!sc) {
        fprintf(stderr, "%s\n", err.msg);
        return;
    }
    SessionConfig cfg = {sc, rubric, 1};
    Session *s = session_create(&cfg, &err);
    CHECK_INT(session_start(s, &err), ==, 0);
    /* asked for the order while cross (mood 10): the cross answer, and no re-ask after it;
     * her mood rises by 15 at most, not by the 40 the hook asks for */
    const char *ask = "麻烦提供一下订单号";
    CHECK_INT(session_reply(s, 2, ask, strlen(ask), -1, &err), >, 0);
    CHECK_INT(session_advance(s, 8, &err), ==, 0);
    CHECK_INT(session_mood(s), ==, 25);
    /* a topic of the persona's own words, calmer now */
    const char *wall = "您家墙多宽呢？";
    CHECK_INT(session_reply(s, 9, wall, strlen(wall), -1, &err), >, 0);
    CHECK_INT(session_advance(s, 15, &err), ==, 0);
    CHECK_INT(session_mood(s), ==, 40);
    /* not a question: she re-asks */
    CHECK_INT(session_reply(s, 16, "好的", strlen("好的"), -1, &err), >, 0);
    CHECK_INT(session_advance(s, 20, &err), ==, 0);
    CHECK_STR(customer_lines(s, buf, sizeof buf), "怎么回事 | 8817！！ | 墙宽 1.3 米 | 我问你怎么处理");
    /* kept waiting past her patience: a parting line, then she is gone */
    CHECK_INT(session_advance(s, 80, &err), ==, 0);
    CHECK_INT(session_outcome(s), ==, OUTCOME_LEFT);
    const Transcript *t = session_transcript(s);
    CHECK_STR(t->msgs[t->n - 2].text, "不等了，差评");
    session_destroy(s);
    scenario_destroy(sc);
}

static void session_should_reject_bad_lines_tables(void)
{
    KefuError err;
    const char *path = "tests/data/session/bad_lines.lua";
    Scenario *sc = scenario_load(path, rubric, &err);
    CHECK(sc == NULL);
    CHECK_STR(err.msg, "tests/data/session/bad_lines.lua:9: 'lines.thanks[2]' must be a "
                       "non-empty string");
    scenario_destroy(sc);
}

/* Plays replies (one every 10 s from t = 2) to the follow-ups fixture; returns the session. */
static Session *follow_ups_play(Scenario *sc, const char *const *replies, int n)
{
    KefuError err;
    SessionConfig cfg = {sc, rubric, 1};
    Session *s = session_create(&cfg, &err);
    CHECK_INT(session_start(s, &err), ==, 0);
    for (int i = 0; i < n; i++) {
        double t = 2 + 10 * i;
        CHECK_INT(session_reply(s, t, replies[i], strlen(replies[i]), -1, &err), >, 0);
        CHECK_INT(session_advance(s, t + 8, &err), ==, 0);
    }
    return s;
}

static void session_should_ask_the_follow_ups_then_decide(void)
{
    KefuError err;
    char buf[512];
    Scenario *sc = scenario_load("tests/data/session/follow_ups.lua", rubric, &err);
    CHECK(sc != NULL);
    if (!sc) {
        fprintf(stderr, "%s\n", err.msg);
        return;
    }
    /* the first question answered already: she asks the second; the persona's own rude
     * handling comes first; a miss is re-asked; the answer ends it with the decision */
    const char *finish[] = {"买吧，今天发货", "爱买不买", "好的好的", "七天无理由退货"};
    Session *s = follow_ups_play(sc, finish, 4);
    CHECK_STR(customer_lines(s, buf, sizeof buf),
              "能便宜吗 | 能退吗？ | 什么态度 | 退货呢？ | 拍了");
    CHECK_INT(session_outcome(s), ==, OUTCOME_SALE);
    session_destroy(s);
    /* everything answered in the reply that decides: no question at all */
    const char *all[] = {"买吧，今天发货，七天可退"};
    s = follow_ups_play(sc, all, 1);
    CHECK_STR(customer_lines(s, buf, sizeof buf), "能便宜吗 | 拍了");
    CHECK_INT(session_outcome(s), ==, OUTCOME_SALE);
    session_destroy(s);
    /* one answer, then the next question missed twice: she gives up (persona.reask.limit) */
    const char *give_up[] = {"买吧", "三天左右发货", "好的好的", "嗯嗯"};
    s = follow_ups_play(sc, give_up, 4);
    CHECK_STR(customer_lines(s, buf, sizeof buf), "能便宜吗 | 几天发货？ | 能退吗？ | 退货呢？ | 算了");
    CHECK_INT(session_outcome(s), ==, OUTCOME_LEFT);
    session_destroy(s);
    scenario_destroy(sc);
}

static void session_should_reject_bad_follow_ups(void)
{
    KefuError err;
    Scenario *sc = scenario_load("tests/data/session/bad_follow_ups.lua", rubric, &err);
    CHECK(sc == NULL);
    CHECK_STR(err.msg, "tests/data/session/bad_follow_ups.lua:9: 'follow_ups[2].words' must "
                       "list at least one word");
    scenario_destroy(sc);
    sc = scenario_load("tests/data/session/bad_follow_up_line.lua", rubric, &err);
    CHECK(sc == NULL);
    CHECK_STR(err.msg, "tests/data/session/bad_follow_up_line.lua:7: 'follow_ups[1].reask': no "
                       "line 'reask_shipping' in the scenario's lines table");
    scenario_destroy(sc);
}

/* A SessionPort that writes down what the hooks asked for, in order. */
typedef struct FakeSession {
    char log[1024];
    int mood;
    const char *state;
    int turns;
} FakeSession;

static void note(FakeSession *f, const char *what)
{
    size_t used = strlen(f->log);
    snprintf(f->log + used, sizeof f->log - used, "%s%s", used ? " | " : "", what);
}

static int fake_say(void *ctx, const char *text, size_t len, double delay, KefuError *err)
{
    (void)err;
    char line[256];
    snprintf(line, sizeof line, "say %.*s %g", (int)len, text, delay);
    note(ctx, line);
    return 0;
}

static int fake_mood(void *ctx, int delta)
{
    FakeSession *f = ctx;
    char line[64];
    snprintf(line, sizeof line, "mood %+d", delta);
    note(f, line);
    return f->mood += delta;
}

static const char *fake_state(void *ctx)
{
    return ((FakeSession *)ctx)->state;
}

static int fake_set_state(void *ctx, const char *name)
{
    FakeSession *f = ctx;
    char line[64];
    snprintf(line, sizeof line, "state %s", name);
    note(f, line);
    f->state = strcmp(name, "asking") == 0 ? "asking" : "done";
    return 0;
}

static void fake_finish(void *ctx, Outcome o)
{
    char line[64];
    snprintf(line, sizeof line, "finish %s", outcome_label(o));
    note(ctx, line);
}

static unsigned long fake_random(void *ctx, unsigned long n)
{
    (void)ctx;
    return n - 1; /* always the last variant */
}

static int fake_turns(void *ctx)
{
    return ((FakeSession *)ctx)->turns;
}

static double fake_now(void *ctx)
{
    (void)ctx;
    return 12.5;
}

static void persona_should_act_only_through_the_session_port(void)
{
    KefuError err = {{0}};
    FakeSession f = {.mood = 50, .state = "opening"};
    SessionPort port = {.ctx = &f,
                        .say = fake_say,
                        .mood = fake_mood,
                        .state = fake_state,
                        .set_state = fake_set_state,
                        .finish = fake_finish,
                        .random = fake_random,
                        .turns = fake_turns,
                        .now = fake_now};
    PersonaLive *p = persona_live_create(scenario, &port, &err);
    CHECK(p != NULL);
    if (!p)
        return;
    CHECK_INT(persona_live_start(p, &err), ==, 0);
    CHECK_STR(f.log, "say 你好，在吗？ -1");

    f.log[0] = 0;
    f.turns = 1;
    const char *ask = "您好";
    ReplyInfo r1 = {ask, strlen(ask), ask, NULL, rubric, 3, 2, 1};
    CHECK_INT(persona_live_reply(p, &r1, &err), ==, 0);
    CHECK_STR(f.log, "state asking | mood -5 | say 第三句1 -1");

    f.log[0] = 0;
    const char *buy = "您拍下就好";
    ReplyInfo r2 = {buy, strlen(buy), buy, NULL, rubric, 1, 5, 2};
    CHECK_INT(persona_live_reply(p, &r2, &err), ==, 0);
    CHECK_STR(f.log, "state done | say 好的，我拍了 0 | finish 成交");
    persona_live_destroy(p);
}

/* Plays one reply into the bindings scenario; returns what persona_live_reply returned, with
 * the error in err and what the hook said in f->log. */
static int bind_reply(PersonaLive *p, FakeSession *f, const char *text, KefuError *err)
{
    f->log[0] = 0;
    err->msg[0] = 0;
    ReplyInfo r = {text, strlen(text), text, NULL, rubric, 1, 1, 1};
    return persona_live_reply(p, &r, err);
}

static void persona_should_refuse_what_the_bindings_cannot_take(void)
{
    KefuError err = {{0}};
    Scenario *sc = scenario_load("tests/data/session/bindings.lua", rubric, &err);
    CHECK(sc != NULL);
    if (!sc) {
        fprintf(stderr, "%s\n", err.msg);
        return;
    }
    FakeSession f = {.mood = 50, .state = "opening"};
    SessionPort port = {.ctx = &f,
                        .say = fake_say,
                        .mood = fake_mood,
                        .state = fake_state,
                        .set_state = fake_set_state,
                        .finish = fake_finish,
                        .random = fake_random,
                        .turns = fake_turns,
                        .now = fake_now};
    PersonaLive *p = persona_live_create(sc, &port, &err);
    CHECK(p != NULL);
    if (!p) {
        scenario_destroy(sc);
        return;
    }
    CHECK_INT(persona_live_start(p, &err), ==, 0);
    /* (mininteger, maxinteger): hi - lo overflowed (undefined behaviour) before */
    CHECK_INT(bind_reply(p, &f, "wide", &err), ==, -1);
    CHECK_STR(err.msg, "tests/data/session/bindings.lua:13: bad argument #2 to 'random' "
                       "(interval [-9223372036854775808, 9223372036854775807] is too wide (at "
                       "most 1000000000 values)) (in hook on_reply)");
    CHECK_INT(bind_reply(p, &f, "empty", &err), ==, -1);
    CHECK_CONTAINS(err.msg, "bad argument #2 to 'random' (interval [3, 2] is empty)");
    /* the fake generator draws the last value: the top of the range, without overflow */
    CHECK_INT(bind_reply(p, &f, "top", &err), ==, 0);
    CHECK_STR(f.log, "say 9223372036854775807 -1");
    CHECK_INT(bind_reply(p, &f, "bottom", &err), ==, 0);
    CHECK_STR(f.log, "say -9223372036854775803 -1");
    /* C reads text up to its first NUL: such a string is refused, never cut short */
    CHECK_INT(bind_reply(p, &f, "nul", &err), ==, -1);
    CHECK_CONTAINS(err.msg, "bad argument #1 to 'say' (text contains a NUL byte)");
    CHECK_STR(f.log, "");
    CHECK_INT(bind_reply(p, &f, "finish", &err), ==, -1);
    CHECK_CONTAINS(err.msg, "bad argument #1 to 'finish' (text contains a NUL byte)");
    CHECK_STR(f.log, "");
    CHECK_INT(bind_reply(p, &f, "mentions", &err), ==, -1);
    CHECK_CONTAINS(err.msg, "bad argument #2 to 'mentions' (text contains a NUL byte)");
    persona_live_destroy(p);
    scenario_destroy(sc);
}

/* A replies file far longer than the first allocation, with and without "to": every reply and
 * its companions stay where they were put (the sanitizer build sees any write past the end). */
static void playback_should_keep_every_reply_of_a_long_file(void)
{
    char path[] = "/tmp/kefu-playback-XXXXXX";
    int fd = mkstemp(path);
    CHECK(fd >= 0);
    FILE *f = fdopen(fd, "w");
    CHECK(f != NULL);
    for (int i = 0; f && i < 300; i++) {
        if (i % 3 == 0)
            fprintf(f, "{\"to\": %d, \"after\": 1, \"text\": \"第%d条\"}\n", i % 5 + 1, i);
        else
            fprintf(f, "{\"after\": 2, \"typing\": 1, \"text\": \"第%d条\"}\n", i);
    }
    if (f)
        fclose(f);
    Script sc = {0};
    KefuError err = {0};
    CHECK_INT(script_load(path, &sc, &err), ==, 0);
    CHECK_INT(sc.n, ==, 300);
    for (int i = 0; i < sc.n; i++) {
        char want[32];
        snprintf(want, sizeof want, "第%d条", i);
        CHECK_STR(sc.v[i].text, want);
        CHECK_INT(sc.line[i], ==, i + 1);
        if (i % 3 == 0) {
            snprintf(want, sizeof want, "%d", i % 5 + 1);
            CHECK_STR(sc.to[i], want);
        } else {
            CHECK(sc.to[i] == NULL);
        }
    }
    script_deinit(&sc);
    unlink(path);
}

int main(void)
{
    KefuError err;
    const char *rubric_file = getenv("KEFU_TEST_RUBRIC");
    rubric = rubric_load(rubric_file ? rubric_file : "scenarios/rubric.lua", &err);
    if (!rubric) {
        fprintf(stderr, "%s\n", err.msg);
        return 1;
    }
    scenario = scenario_load("tests/data/session/echo.lua", rubric, &err);
    if (!scenario) {
        fprintf(stderr, "%s\n", err.msg);
        return 1;
    }
    RUN(session_should_open_with_the_customer_at_time_zero);
    RUN(persona_should_refuse_what_the_bindings_cannot_take);
    RUN(session_should_measure_the_wait_of_a_reply);
    RUN(session_should_nudge_then_let_the_customer_leave);
    RUN(session_should_ignore_empty_and_survive_odd_bytes);
    RUN(session_should_close_after_a_sale_but_take_a_farewell);
    RUN(session_should_replay_the_same_conversation_from_the_same_seed);
    RUN(session_should_speak_lines_and_nudge_at_the_persona_times);
    RUN(session_should_reject_bad_lines_tables);
    RUN(session_should_run_the_hooks_of_the_current_state);
    RUN(session_should_fill_placeholders_in_lines);
    RUN(session_should_answer_what_the_customer_knows);
    RUN(session_should_ask_the_follow_ups_then_decide);
    RUN(session_should_reject_bad_follow_ups);
    RUN(persona_should_act_only_through_the_session_port);
    RUN(playback_should_keep_every_reply_of_a_long_file);
    scenario_destroy(scenario);
    rubric_destroy(rubric);
    CHECK_DONE();
}
