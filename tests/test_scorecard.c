/* Unit tests for engine/scorecard: weights, timing principles, caps, not-applicable. */
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "judge/rubric.h"
#include "judge/scorecard.h"

static Rubric *rubric;

static Message *say(Transcript *t, double at, Sender from, const char *text)
{
    Message *m = transcript_add(t, at, from, text, strlen(text));
    return m;
}

/* An agent message answering a customer who waited `wait` seconds, with one hit. */
static Message *answer(Transcript *t, double at, double wait, const char *text, const char *hit)
{
    Message *m = say(t, at, FROM_AGENT, text);
    m->responding = wait >= 0;
    m->wait_s = wait;
    if (hit) {
        m->hits.v = malloc(sizeof *m->hits.v);
        m->hits.v[0] = (Hit){rubric_find(rubric, hit), 0, (int)m->len};
        m->hits.n = m->hits.cap = 1;
    }
    return m;
}

static void spec_init(ScoreSpec *spec, const char *const *ids, const double *weights, int n)
{
    memset(spec, 0, sizeof *spec);
    spec->items = calloc((size_t)n, sizeof *spec->items);
    for (int i = 0; i < n; i++) {
        spec->items[i].id = strdup(ids[i]);
        spec->items[i].weight = weights[i];
    }
    spec->n = n;
    spec->pass_mark = 80;
    spec->thresholds = *rubric_thresholds(rubric);
    spec->outcome_points[OUTCOME_SALE] = 10;
    spec->outcome_max = 10;
}

static const ScoreLine *line_of(const Scorecard *sc, const char *id)
{
    for (int i = 0; i < sc->n; i++)
        if (strcmp(rubric_principle(rubric, sc->lines[i].principle)->id, id) == 0)
            return &sc->lines[i];
    return NULL;
}

static void scorecard_should_score_a_good_conversation_fully(void)
{
    static const char *const ids[] = {"first_response", "reply_wait", "seller_last_word",
                                      "price_policy", "arguing"};
    static const double w[] = {10, 10, 5, 10, 10};
    ScoreSpec spec;
    Transcript t = {0};
    Scorecard sc;
    spec_init(&spec, ids, w, 5);
    say(&t, 0, FROM_CUSTOMER, "能便宜点吗");
    answer(&t, 4, 4, "价格是公司统一定的", "price_policy");
    say(&t, 8, FROM_CUSTOMER, "好吧");
    answer(&t, 12, 4, "感谢光临", NULL);
    t.outcome = OUTCOME_SALE;
    CHECK_INT(scorecard_compute(rubric, &spec, &t, "haggler", &sc), ==, 0);
    CHECK_INT(sc.total, ==, 100);
    CHECK(sc.pass);
    CHECK_INT(line_of(&sc, "price_policy")->status, ==, ST_MET);
    CHECK_INT(line_of(&sc, "price_policy")->evidence_n, ==, 1);
    CHECK_INT(line_of(&sc, "arguing")->status, ==, ST_MET);
    CHECK_INT(line_of(&sc, "seller_last_word")->status, ==, ST_MET);
    CHECK_DBL(sc.metrics.first_response_s, ==, 4);
    CHECK_DBL(sc.metrics.avg_response_s, ==, 4);
    CHECK_DBL(sc.metrics.typing_cpm, ==, -1);
    scorecard_deinit(&sc);
    transcript_deinit(&t);
    scorespec_deinit(&spec);
}

static void scorecard_should_grade_slow_replies(void)
{
    static const char *const ids[] = {"first_response", "reply_wait", "typing_speed"};
    static const double w[] = {10, 10, 10};
    ScoreSpec spec;
    Transcript t = {0};
    Scorecard sc;
    spec_init(&spec, ids, w, 3);
    spec.outcome_max = 0;
    spec.outcome_points[OUTCOME_SALE] = 0;
    say(&t, 0, FROM_CUSTOMER, "在吗");
    answer(&t, 12, 12, "在的亲", NULL)->typing_s = 6; /* 3 chars in 6 s: 30 字/分钟 */
    say(&t, 15, FROM_CUSTOMER, "有货吗");
    answer(&t, 45, 30, "有的", NULL);
    t.outcome = OUTCOME_SALE;
    CHECK_INT(scorecard_compute(rubric, &spec, &t, NULL, &sc), ==, 0);
    const ScoreLine *fr = line_of(&sc, "first_response");
    CHECK_INT(fr->status, ==, ST_MET); /* within 15 s, not within 6 s */
    CHECK_DBL(fr->points, ==, 7);
    const ScoreLine *rw = line_of(&sc, "reply_wait");
    CHECK_INT(rw->status, ==, ST_MISSED);
    CHECK_DBL(rw->points, ==, 7.5); /* one on time, one within twice the standard */
    CHECK_CONTAINS(rw->detail, "最长 30.0 秒");
    const ScoreLine *ty = line_of(&sc, "typing_speed");
    CHECK_INT(ty->status, ==, ST_MISSED);
    CHECK_DBL(ty->points, ==, 6);
    CHECK_INT(sc.metrics.waits_over, ==, 1);
    scorecard_deinit(&sc);
    transcript_deinit(&t);
    scorespec_deinit(&spec);
}

static void scorecard_should_fail_a_critical_violation_outright(void)
{
    static const char *const ids[] = {"first_response", "arguing", "price_policy"};
    static const double w[] = {50, 5, 50};
    ScoreSpec spec;
    Transcript t = {0};
    Scorecard sc;
    spec_init(&spec, ids, w, 3);
    say(&t, 0, FROM_CUSTOMER, "是假货吧");
    answer(&t, 2, 2, "价格是统一的", "price_policy");
    answer(&t, 3, -1, "您说得不对", "arguing");
    t.outcome = OUTCOME_SALE;
    CHECK_INT(scorecard_compute(rubric, &spec, &t, NULL, &sc), ==, 0);
    CHECK_INT(sc.total, ==, 40); /* half the pass mark: below any merely passive session */
    CHECK(!sc.pass);
    CHECK_INT(sc.ncritical, ==, 1);
    CHECK_INT(line_of(&sc, "arguing")->status, ==, ST_VIOLATED);
    CHECK_INT(line_of(&sc, "seller_last_word") == NULL, ==, 1);
    scorecard_deinit(&sc);
    transcript_deinit(&t);
    scorespec_deinit(&spec);
}

static void scorecard_should_fail_a_missed_required_technique(void)
{
    static const char *const ids[] = {"first_response", "apology"};
    static const double w[] = {90, 5};
    ScoreSpec spec;
    Transcript t = {0};
    Scorecard sc;
    spec_init(&spec, ids, w, 2);
    spec.items[1].required = 1;
    say(&t, 0, FROM_CUSTOMER, "你们发的货坏了！气死我了");
    answer(&t, 2, 2, "您好", NULL);
    t.outcome = OUTCOME_SALE;
    CHECK_INT(scorecard_compute(rubric, &spec, &t, "angry_complainant", &sc), ==, 0);
    CHECK_INT(line_of(&sc, "apology")->status, ==, ST_MISSED);
    CHECK_INT(sc.nrequired_missed, ==, 1);
    CHECK(!sc.pass);
    CHECK_INT(sc.total, <, 80);
    scorecard_deinit(&sc);
    transcript_deinit(&t);
    scorespec_deinit(&spec);
}

static void scorecard_should_count_a_customer_who_left_waiting(void)
{
    static const char *const ids[] = {"reply_wait", "seller_last_word"};
    static const double w[] = {10, 10};
    ScoreSpec spec;
    Transcript t = {0};
    Scorecard sc;
    spec_init(&spec, ids, w, 2);
    say(&t, 0, FROM_CUSTOMER, "在吗");
    answer(&t, 3, 3, "在的亲", NULL);
    say(&t, 6, FROM_CUSTOMER, "这个多少钱");
    say(&t, 26, FROM_CUSTOMER, "人呢？")->nudge = 1;
    say(&t, 66, FROM_SYSTEM, "会话结果：顾客流失");
    t.outcome = OUTCOME_LEFT;
    t.ended_t = 66;
    CHECK_INT(scorecard_compute(rubric, &spec, &t, NULL, &sc), ==, 0);
    const ScoreLine *rw = line_of(&sc, "reply_wait");
    CHECK_INT(rw->status, ==, ST_MISSED);
    CHECK_DBL(rw->points, ==, 0); /* the customer gave up waiting: not served in time */
    CHECK_CONTAINS(rw->detail, "没有等到回复就离开了");
    CHECK_INT(sc.metrics.waits_over, ==, 1); /* and it counts as a late reply */
    CHECK_DBL(sc.metrics.unanswered_s, ==, 60);
    CHECK_INT(line_of(&sc, "seller_last_word")->status, ==, ST_MISSED);
    scorecard_deinit(&sc);
    transcript_deinit(&t);
    scorespec_deinit(&spec);
}

static void scorecard_should_not_pay_for_violations_never_given_a_chance(void)
{
    static const char *const ids[] = {"arguing", "cold_reply"};
    static const double w[] = {9, 9};
    ScoreSpec spec;
    Transcript t = {0};
    Scorecard sc;
    spec_init(&spec, ids, w, 2);
    say(&t, 0, FROM_CUSTOMER, "这包是正品吗");
    answer(&t, 3, 3, "您好", NULL);
    t.outcome = OUTCOME_LEFT;
    CHECK_INT(scorecard_compute(rubric, &spec, &t, NULL, &sc), ==, 0);
    CHECK_INT(line_of(&sc, "arguing")->status, ==, ST_MET);
    /* one reply of three, and the customer was lost: half of that */
    CHECK_DBL(line_of(&sc, "arguing")->points, ==, 1.5);
    CHECK_CONTAINS(line_of(&sc, "arguing")->detail, "顾客流失了");
    scorecard_deinit(&sc);
    /* the trainee stopped after one reply: one reply of three */
    t.outcome = OUTCOME_ABANDONED;
    CHECK_INT(scorecard_compute(rubric, &spec, &t, NULL, &sc), ==, 0);
    CHECK_DBL(line_of(&sc, "arguing")->points, ==, 3);
    CHECK_CONTAINS(line_of(&sc, "arguing")->detail, "只回复了 1 条");
    scorecard_deinit(&sc);
    /* The same short conversation ending in a sale earns them in full. */
    t.outcome = OUTCOME_SALE;
    CHECK_INT(scorecard_compute(rubric, &spec, &t, NULL, &sc), ==, 0);
    CHECK_DBL(line_of(&sc, "arguing")->points, ==, 9);
    scorecard_deinit(&sc);
    transcript_deinit(&t);
    scorespec_deinit(&spec);
}

static void scorecard_should_count_any_closing_move_as_closing(void)
{
    static const char *const ids[] = {"two_choice_close", "polite_farewell"};
    static const double w[] = {10, 4};
    ScoreSpec spec;
    Transcript t = {0};
    Scorecard sc;
    spec_init(&spec, ids, w, 2);
    say(&t, 0, FROM_CUSTOMER, "那我考虑一下");
    answer(&t, 3, 3, "喜欢的话就放心拍下吧", "call_to_action");
    t.outcome = OUTCOME_SALE;
    CHECK_INT(scorecard_compute(rubric, &spec, &t, NULL, &sc), ==, 0);
    const ScoreLine *close = line_of(&sc, "two_choice_close");
    CHECK_INT(close->status, ==, ST_MET);
    CHECK_DBL(close->points, ==, 10);
    CHECK_CONTAINS(close->detail, "用了同类的技巧");
    CHECK_INT(close->evidence_n, ==, 1);
    /* a move of another family does not stand in */
    CHECK_INT(line_of(&sc, "polite_farewell")->status, !=, ST_MET);
    scorecard_deinit(&sc);
    transcript_deinit(&t);
    scorespec_deinit(&spec);
}

static void scorecard_should_say_what_happened(void)
{
    char buf[256];
    const Principle *arguing = rubric_principle(rubric, rubric_find(rubric, "arguing"));
    const Principle *greet = rubric_principle(rubric, rubric_find(rubric, "warm_greeting"));
    const Principle *first = rubric_principle(rubric, rubric_find(rubric, "first_response"));
    CHECK_STR(scorecard_verdict(arguing, ST_MET, buf, sizeof buf), "没有与客户争辩");
    CHECK_STR(scorecard_verdict(arguing, ST_VIOLATED, buf, sizeof buf), "犯了 · 与客户争辩");
    CHECK_STR(scorecard_verdict(greet, ST_MET, buf, sizeof buf), "做到了 · 热情问候");
    CHECK_STR(scorecard_verdict(greet, ST_MISSED, buf, sizeof buf), "没做到 · 热情问候");
    CHECK_STR(scorecard_verdict(greet, ST_NA, buf, sizeof buf), "本次不适用 · 热情问候");
    CHECK_STR(scorecard_verdict(first, ST_MET, buf, sizeof buf), "达标 · 首次响应");
    /* a violation without its own wording still never reads as done */
    Principle bare = *arguing;
    bare.avoided = NULL;
    CHECK_STR(scorecard_verdict(&bare, ST_MET, buf, sizeof buf), "没有与客户争辩");
}

static void scorecard_should_not_ask_for_a_gift_nobody_wanted(void)
{
    static const char *const ids[] = {"small_gift", "value_over_price"};
    static const double w[] = {8, 12};
    ScoreSpec spec;
    Transcript t = {0};
    Scorecard sc;
    spec_init(&spec, ids, w, 2);
    say(&t, 0, FROM_CUSTOMER, "这床太贵了");
    answer(&t, 3, 3, "这是白橡木实木的，用十年都不变形", "value_over_price");
    say(&t, 8, FROM_CUSTOMER, "好吧，我拍了");
    t.outcome = OUTCOME_SALE;
    CHECK_INT(scorecard_compute(rubric, &spec, &t, "haggler", &sc), ==, 0);
    CHECK_INT(line_of(&sc, "small_gift")->status, ==, ST_NA);
    scorecard_deinit(&sc);
    /* asked for a gift and not offered one: missed */
    say(&t, 9, FROM_CUSTOMER, "那送个礼品吧");
    answer(&t, 12, 3, "好的亲", NULL);
    CHECK_INT(scorecard_compute(rubric, &spec, &t, "haggler", &sc), ==, 0);
    CHECK_INT(line_of(&sc, "small_gift")->status, ==, ST_MISSED);
    scorecard_deinit(&sc);
    transcript_deinit(&t);
    scorespec_deinit(&spec);
}

static void scorecard_should_leave_pasted_replies_out_of_typing_speed(void)
{
    Transcript t = {0};
    Thresholds th = {.first_response_s = 15, .reply_wait_s = 20, .typing_cpm = 50};
    Metrics m;
    /* 10 characters typed in 10 s: 60 字/分钟, a person's pace. */
    const char *typed = "您好请问有什么能帮您";
    /* 45 characters "typed" in 0.13 s: 20,769 字/分钟, pasted. */
    const char *pasted = "亲，这款是官方正品，支持七天无理由退换，今天下单还送运费险，请放心购买。我们的客服随时在线";
    say(&t, 0, FROM_CUSTOMER, "在吗");
    answer(&t, 12, 12, typed, NULL)->typing_s = 10;
    say(&t, 14, FROM_CUSTOMER, "是正品吗");
    answer(&t, 16, 2, pasted, NULL)->typing_s = 0.13;
    CHECK(!scorecard_is_pasted(typed, strlen(typed), 10));
    CHECK(scorecard_is_pasted(pasted, strlen(pasted), 0.13));
    CHECK(scorecard_is_pasted(pasted, strlen(pasted), 0));
    CHECK(!scorecard_is_pasted(pasted, strlen(pasted), -1)); /* typing time unknown */
    CHECK(!scorecard_is_pasted("好的", strlen("好的"), 0));    /* too short to tell */
    /* The threshold itself: 10 characters in 2 s is 300 字/分钟, still typed; in 1.9 s, pasted. */
    CHECK(!scorecard_is_pasted(typed, strlen(typed), 2.0));
    CHECK(scorecard_is_pasted(typed, strlen(typed), 1.9));
    scorecard_metrics(&t, &th, &m);
    CHECK_DBL(m.typing_cpm, ==, 60);
    CHECK_INT(m.agent_messages, ==, 2);
    transcript_deinit(&t);
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
    RUN(scorecard_should_score_a_good_conversation_fully);
    RUN(scorecard_should_grade_slow_replies);
    RUN(scorecard_should_fail_a_critical_violation_outright);
    RUN(scorecard_should_count_any_closing_move_as_closing);
    RUN(scorecard_should_say_what_happened);
    RUN(scorecard_should_not_ask_for_a_gift_nobody_wanted);
    RUN(scorecard_should_fail_a_missed_required_technique);
    RUN(scorecard_should_count_a_customer_who_left_waiting);
    RUN(scorecard_should_not_pay_for_violations_never_given_a_chance);
    RUN(scorecard_should_leave_pasted_replies_out_of_typing_speed);
    rubric_destroy(rubric);
    CHECK_DONE();
}
