/* lint_smoke: lint's runs of a loaded scenario: generic smoke conversations, the self-tests'
 * replies and a few random ones, for hook errors and the states and outcomes they reach. */
#include "authoring/lint_smoke.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "authoring/selftest.h"
#include "lua/luasrc.h"
#include "lua/sandbox.h"
#include "persona/playback.h"
#include "persona/session.h"

/* Generic conversations for the smoke runs: they know nothing of the persona, only what any
 * customer can be told. */
static const Scripted smoke_good[] = {
    {3, 5, (char *)"亲，您好！欢迎光临小店，有什么可以帮您的吗？"},
    {4, 8, (char *)"您真有眼光，这款是我们卖得最好的，用料扎实，品质有保障哦^_^"},
    {4, 8, (char *)"理解您的心情，请放心，有任何问题我们都会负责到底的哈"},
    {4, 8, (char *)"您看是要现在拍下，还是我先帮您把订单备注好呢？"},
    {4, 6, (char *)"亲，喜欢的话就放心拍下吧，我这边马上给您安排发货"},
    {3, 6, (char *)"感谢您的光临，祝您生活愉快，欢迎下次再来哦"},
    {5, 6, (char *)"还有什么需要随时找我哈^_^"},
    {5, 6, (char *)"好的亲，祝您购物愉快！"},
};

/* Each rude line opens one smoke run (the sequence rotated), since most personas end the
 * conversation at the first of them: every line gets its turn to be the first. */
static const Scripted smoke_rude[] = {
    {3, 2, (char *)"不行"},
    {4, 2, (char *)"爱买不买"},
    {4, 3, (char *)"你自己没看清楚"},
    {4, 3, (char *)"不知道，你自己看详情页"},
    {4, 3, (char *)"您凭什么这么说？"},
    {4, 1, (char *)"在"},
    {4, 2, (char *)"不行就是不行"},
    {4, 1, (char *)"嗯"},
};

static const Scripted smoke_silent[] = {
    {4000, -1, (char *)"亲，不好意思久等了"},
};

/* A greeting, then silence mid-conversation. */
static const Scripted smoke_greet_then_silent[] = {
    {3, 4, (char *)"亲，您好！有什么可以帮您的吗？"},
    {4000, -1, (char *)"亲，还在吗？"},
};

typedef struct SmokePlan {
    const char *name;
    const Scripted *replies;
    int n;
    int rotations; /* play it this many times, each starting one reply further on */
} SmokePlan;

#define PLAN(name, arr, rot)                                                                       \
    {                                                                                              \
        name, arr, (int)(sizeof arr / sizeof arr[0]), rot                                          \
    }

static const SmokePlan smoke_plans[] = {
    PLAN("good", smoke_good, 1),
    PLAN("rude", smoke_rude, (int)(sizeof smoke_rude / sizeof smoke_rude[0])),
    PLAN("silent", smoke_silent, 1),
    PLAN("greet then silent", smoke_greet_then_silent, 1),
};

#define SMOKE_SEEDS 2
#define COVERAGE_RUNS 40

/* "file:line:" of a message, or its length 0 when it has none. */
static size_t where_prefix(const char *msg)
{
    const char *c = strchr(msg, ':');
    if (!c || c[1] < '0' || c[1] > '9')
        return 0;
    const char *p = c + 1;
    while (*p >= '0' && *p <= '9')
        p++;
    return *p == ':' ? (size_t)(p - msg + 1) : 0;
}

/* Adds a runtime error once: the same hook error met by several runs is one problem, and
 * one the source scan already reported at that line (an empty line, an unknown outcome)
 * needs no second message. */
static void add_runtime(LintReport *out, int from, const char *msg, const char *how)
{
    size_t w = where_prefix(msg);
    /* s:say of an empty line picked from a table is the empty entry the scan reported at
     * the table's line, met again where it is said: one mistake, one message. */
    int empty_say = strstr(msg, "cannot say an empty line") != NULL;
    for (int i = from; i < out->n; i++) {
        if (strncmp(out->v[i].text, msg, strlen(msg)) == 0)
            return;
        if (w && !out->v[i].warning && strncmp(out->v[i].text, msg, w) == 0)
            return;
        if (empty_say && (strstr(out->v[i].text, ": empty customer line in ") ||
                          strstr(out->v[i].text, ": blank customer line in ")))
            return;
    }
    lint_add(out, 0, "%s [%s]", msg, how);
}

/* What the runs of one scenario share: where they report and what they found. */
typedef struct Smoke {
    const Scenario *sc;
    Rubric *rubric;
    int *reached; /* per declared state: runs that were in it */
    int from;     /* this file's first message in the report */
    int failed;   /* runs that ended in a runtime error */
    LintReport *out;
    double lua0; /* sandbox_thread_seconds() when the runs began */
} Smoke;

/* After this many failing runs the rest would only fail alike, each possibly spending its
 * whole instruction budget: the scenario's errors are reported, coverage is not judged. */
#define SMOKE_MAX_FAILED 3

/* Plays one scripted conversation; a runtime error goes to the report. Returns 0, or -1
 * when the run failed. */
static int smoke_run(Smoke *k, const Script *script, unsigned long seed, const char *how)
{
    KefuError err;
    /* Every run under its budget, but many of them: the file's runs share one total. */
    double spent = sandbox_thread_seconds() - k->lua0;
    if (spent > selftest_file_budget(0)) {
        selftest_over_file_budget(k->sc->path, spent, k->out->smoke_runs, &err);
        add_runtime(k->out, k->from, err.msg, "lint's smoke runs");
        k->failed = SMOKE_MAX_FAILED;
        return -1;
    }
    SessionConfig cfg = {k->sc, k->rubric, seed};
    Session *s = session_create(&cfg, &err);
    if (!s) {
        add_runtime(k->out, k->from, err.msg, "loading the persona for a session");
        k->failed = SMOKE_MAX_FAILED;
        return -1;
    }
    int rc = playback_run(s, script, &err);
    if (rc < 0) {
        /* Name how far the conversation got, so the trainer can find the branch. */
        char where[400], last[160] = "";
        int turns = session_agent_turns(s);
        if (turns > 0 && turns <= script->n) {
            char shown[120];
            lint_quote(script->v[turns - 1].text, strlen(script->v[turns - 1].text), shown,
                       sizeof shown);
            snprintf(last, sizeof last, ", the last \"%s\"", shown);
        }
        if (turns == 0)
            snprintf(where, sizeof where, "%s, before any agent message", how);
        else
            snprintf(where, sizeof where, "%s, after %d agent message%s%s", how, turns,
                     turns == 1 ? "" : "s", last);
        add_runtime(k->out, k->from, err.msg, where);
        k->failed++;
        /* A run stopped by a budget says every run will be: the rest are not played. */
        if (sandbox_over_budget(err.msg))
            k->failed = SMOKE_MAX_FAILED;
    }
    const char **names = NULL;
    int nv = session_states_visited(s, &names);
    for (int i = 0; i < nv; i++)
        for (int j = 0; j < k->sc->nstates; j++)
            if (strcmp(names[i], k->sc->states[j]) == 0)
                k->reached[j]++;
    k->out->smoke_runs++;
    session_destroy(s);
    return rc < 0 ? -1 : 0;
}

/* The plan's replies starting at rotation: v[rot..n) then v[0..rot), the first keeping the
 * plan's first delay. */
static int script_from(const Scripted *v, int n, int rot, Script *out)
{
    memset(out, 0, sizeof *out);
    for (int i = 0; i < n; i++) {
        const Scripted *r = &v[(i + rot) % n];
        if (script_add(out, i == 0 ? v[0].after : r->after, r->typing, r->text) < 0)
            return -1;
    }
    return 0;
}

/* The line of state name in `states = {...}`, else of `states`. */
static int state_line(const Scenario *sc, int index)
{
    char path[64];
    snprintf(path, sizeof path, "states[%d]", index + 1);
    return luasrc_line(sc->text, sc->text_len, path);
}

/* Outcomes s:finish names in the source, as a bit set over Outcome. */
static unsigned finish_literals(const Scenario *sc, int lines[OUTCOME_COUNT])
{
    LuaSrc t;
    unsigned set = 0;
    if (luasrc_lex(sc->text, sc->text_len, &t) == 0) {
        for (int i = 0; i + 3 < t.n; i++) {
            if (!luasrc_op(&t, i, ":") || !luasrc_is(&t, i + 1, LUATOK_NAME, "finish"))
                continue;
            int arg = luasrc_op(&t, i + 2, "(") ? i + 3 : i + 2;
            if (!luasrc_is(&t, arg, LUATOK_STRING, NULL))
                continue;
            Outcome o = outcome_parse(t.v[arg].str);
            if (o != OUTCOME_NONE && !(set & (1u << o))) {
                set |= 1u << o;
                lines[o] = t.v[arg].line;
            }
        }
    }
    luasrc_deinit(&t);
    return set;
}

static void lint_tests(Smoke *k)
{
    const Scenario *sc = k->sc;
    Rubric *rubric = k->rubric;
    LintReport *out = k->out;
    SelfTestSet set = {0};
    KefuError err;
    if (selftest_load(sc, rubric, &set, &err) < 0) {
        lint_add(out, 0, "%s", err.msg);
        return;
    }
    out->tests = set.n;
    if (set.n == 0) {
        lint_add(out, 1,
                 "%s: warning: no self-tests (add tests = {...}; kefu test has nothing to "
                 "check)",
                 sc->path);
        selftest_set_deinit(&set);
        return;
    }
    unsigned tested = 0;
    for (int i = 0; i < set.n; i++) {
        char how[300];
        snprintf(how, sizeof how, "self-test \"%s\"", set.v[i].name);
        /* The self-tests' replies count for coverage; their pass or fail is kefu test's
         * business, but a hook error on the way is a lint error. */
        if (k->failed < SMOKE_MAX_FAILED)
            smoke_run(k, &set.v[i].replies, set.v[i].seed, how);
        if (set.v[i].outcome != OUTCOME_NONE)
            tested |= 1u << set.v[i].outcome;
    }
    int lines[OUTCOME_COUNT] = {0};
    unsigned finishes = finish_literals(sc, lines);
    for (int o = 1; o < OUTCOME_COUNT; o++)
        if ((finishes & (1u << o)) && !(tested & (1u << o)))
            lint_add(out, 1,
                     "%s:%d: warning: no self-test expects outcome '%s' (s:finish(\"%s\") is "
                     "here); add one with expect = {outcome = \"%s\"}",
                     sc->path, lines[o], outcome_name((Outcome)o), outcome_name((Outcome)o),
                     outcome_name((Outcome)o));
    selftest_set_deinit(&set);
}

void lint_smoke(const Scenario *sc, Rubric *rubric, int from, LintReport *out)
{
    KefuError err;
    const char *path = sc->path;
    int *reached = calloc((size_t)(sc->nstates + 1), sizeof *reached);
    if (!reached) {
        lint_add(out, 0, "%s: out of memory", path);
        return;
    }
    Smoke k = {sc, rubric, reached, from, 0, out, sandbox_thread_seconds()};
    for (size_t p = 0; p < sizeof smoke_plans / sizeof smoke_plans[0]; p++) {
        const SmokePlan *plan = &smoke_plans[p];
        for (int rot = 0; rot < plan->rotations && k.failed < SMOKE_MAX_FAILED; rot++) {
            Script script;
            if (script_from(plan->replies, plan->n, rot, &script) < 0) {
                script_deinit(&script);
                lint_add(out, 0, "%s: out of memory", path);
                goto done;
            }
            for (unsigned long seed = 1; seed <= SMOKE_SEEDS && k.failed < SMOKE_MAX_FAILED;
                 seed++) {
                char how[160];
                if (plan->rotations > 1)
                    snprintf(how, sizeof how, "smoke run \"%s\" from \"%s\", seed %lu", plan->name,
                             script.v[0].text, seed);
                else
                    snprintf(how, sizeof how, "smoke run \"%s\", seed %lu", plan->name, seed);
                smoke_run(&k, &script, seed, how);
            }
            script_deinit(&script);
        }
    }
    lint_tests(&k);

    /* A few seeded random conversations widen the coverage the state warnings rest on. */
    double left = selftest_file_budget(0) - (sandbox_thread_seconds() - k.lua0);
    ExploreOptions opt = {COVERAGE_RUNS, 1, 0, SMOKE_MAX_FAILED, left > 0.001 ? left : 0.001,
                         NULL};
    ExploreReport rep = {0};
    if (k.failed >= SMOKE_MAX_FAILED) {
        /* The errors above say what to fix; coverage from failing runs means nothing. */
        goto done;
    } else if (selftest_explore(sc, rubric, &opt, &rep, &err) < 0) {
        lint_add(out, 0, "%s", err.msg);
    } else {
        for (int e = 0; e < rep.nerrors; e++) {
            char how[160];
            snprintf(how, sizeof how,
                     "random conversation %d, after %d agent message%s; kefu test --explore %d "
                     "--seed 1 --save DIR writes its replies",
                     rep.errors[e].first_run, rep.errors[e].reply,
                     rep.errors[e].reply == 1 ? "" : "s", COVERAGE_RUNS);
            add_runtime(out, from, rep.errors[e].msg, how);
        }
        for (int j = 0; j < sc->nstates && j < rep.nstates; j++)
            reached[j] += rep.reached[j];
        out->smoke_runs += rep.runs;
        k.failed += rep.errored_runs;
    }
    explore_report_deinit(&rep);
    if (k.failed) /* a run that broke off says nothing about the states beyond it */
        goto done;

    out->states_declared = sc->nstates;
    for (int j = 0; j < sc->nstates; j++) {
        if (reached[j]) {
            out->states_reached++;
            continue;
        }
        int line = state_line(sc, j);
        char where[64] = "";
        if (line)
            snprintf(where, sizeof where, ":%d", line);
        lint_add(out, 1,
                 "%s%s: warning: state '%s' was never reached (smoke runs, self-tests and %d "
                 "random conversations); no reply leads to it, or add a self-test that does",
                 path, where, sc->states[j], COVERAGE_RUNS);
    }
done:
    free(reached);
}
